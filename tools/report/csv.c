/* report csv: one CSV file per table of index.html, with the same cells hidden ("<k").
 * RFC 4180: comma-separated, CRLF line ends, a header row, fields quoted when they need it.
 * UTF-8 without a byte-order mark: pandas (encoding "utf-8") and R's read.csv would keep a
 * mark as part of the first column's name, DuckDB and R's readr read UTF-8 as it is, and
 * LibreOffice's import dialog takes UTF-8 (its default on Linux; choose "Unicode (UTF-8)"
 * elsewhere). Totals are rows named "total" (or "answered"), so a script can drop them. */
#include "report/data.h"
#include "report/escape.h"

#include "fs.h"

#include <stdio.h>
#include <string.h>

static void f(buf *b, const char *s) /* a field, then a comma */
{
    report_escape_csv(b, s);
    buf_addc(b, ',');
}

static void n(buf *b, const report_data *d, int c) /* a count, then a comma */
{
    buf_adds(b, report_show(d, c));
    buf_addc(b, ',');
}

static void end(buf *b) /* drops the last comma, ends the line */
{
    if (b->len && b->data[b->len - 1] == ',')
        b->data[--b->len] = 0;
    buf_adds(b, "\r\n");
}

static int save(buf *b, const char *dir, const char *name, int *files, err *e)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int r = fs_write_atomic(path, b->data, b->len, 0644, e);
    buf_clear(b);
    if (!r)
        (*files)++;
    return r;
}

static int weeks(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    f(b, "week_starting");
    for (int j = 0; j < d->nlangs; j++)
        f(b, d->langs[j].code);
    f(b, "all");
    end(b);
    for (int i = 0; i < d->nweeks; i++) {
        f(b, report_day(d->weeks[i].day));
        for (int j = 0; j < d->nlangs; j++)
            n(b, d, d->week_lang[i * d->nlangs + j]);
        n(b, d, d->weeks[i].total);
        end(b);
    }
    f(b, "total");
    for (int j = 0; j < d->nlangs; j++)
        n(b, d, d->langs[j].total);
    n(b, d, d->all);
    end(b);
    return save(b, dir, "responses-by-week.csv", files, e);
}

static int languages(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "language,name,own_name,responses,percent\r\n");
    for (int j = 0; j < d->nlangs; j++) {
        f(b, d->langs[j].code);
        f(b, d->langs[j].name ? d->langs[j].name : "");
        f(b, d->langs[j].own ? d->langs[j].own : "");
        n(b, d, d->langs[j].total);
        f(b, report_share(d, d->langs[j].total, d->all));
        end(b);
    }
    buf_adds(b, "total,,,");
    n(b, d, d->all);
    f(b, "");
    end(b);
    return save(b, dir, "responses-by-language.csv", files, e);
}

static int kinds(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "kind,title,responses,percent\r\nhelpful,Page votes,");
    n(b, d, d->votes);
    f(b, report_share(d, d->votes, d->all));
    end(b);
    for (int s = 0; s < d->nsurveys; s++) {
        f(b, d->surveys[s].id);
        f(b, d->surveys[s].title ? d->surveys[s].title : "");
        n(b, d, d->surveys[s].responses);
        f(b, report_share(d, d->surveys[s].responses, d->all));
        end(b);
    }
    buf_adds(b, "total,,");
    n(b, d, d->all);
    f(b, "");
    end(b);
    return save(b, dir, "responses-by-kind.csv", files, e);
}

static int helpful(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "rank,page,title,votes,yes,no,helpful_percent\r\n");
    int rank = 0;
    for (int i = 0; i < d->npages; i++) {
        const report_page *p = &d->pages[i];
        char r[16] = "", pct[16] = "";
        if (p->ranked) {
            snprintf(r, sizeof r, "%d", ++rank);
            snprintf(pct, sizeof pct, "%.1f", 100.0 * p->rate);
        }
        f(b, r);
        f(b, p->id);
        f(b, p->title ? p->title : "");
        n(b, d, p->votes);
        n(b, d, p->yes);
        n(b, d, p->no);
        f(b, pct);
        end(b);
    }
    buf_adds(b, ",total,,");
    n(b, d, d->votes);
    n(b, d, d->yes_all);
    n(b, d, d->no_all);
    f(b, report_share(d, d->yes_all, d->votes));
    end(b);
    return save(b, dir, "helpful.csv", files, e);
}

static int reasons(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "page,title,");
    for (int j = 0; j < FEEDBACK_NREASONS; j++)
        f(b, feedback_reasons[j].id);
    f(b, "all");
    end(b);
    for (int i = 0; i < d->npages; i++) {
        const report_page *p = &d->pages[i];
        if (p->reasons < 0)
            continue;
        f(b, p->id);
        f(b, p->title ? p->title : "");
        for (int j = 0; j < FEEDBACK_NREASONS; j++)
            n(b, d, p->reason[j]);
        n(b, d, p->reasons);
        end(b);
    }
    buf_adds(b, "total,,");
    for (int j = 0; j < FEEDBACK_NREASONS; j++)
        n(b, d, d->reason_all[j]);
    n(b, d, d->reasons_all);
    end(b);
    return save(b, dir, "reasons.csv", files, e);
}

static int topics(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "survey,question,rank,choice,label,people,percent\r\n");
    for (int i = 0, rank = 0; i < d->ntopics; i++) {
        const report_topic *t = &d->topics[i];
        char r[16] = "";
        if (i && t->q != d->topics[i - 1].q)
            rank = 0;
        if (!report_cells_hidden(&d->cells, t->v->cell))
            snprintf(r, sizeof r, "%d", ++rank);
        f(b, t->q->survey);
        f(b, t->q->id);
        f(b, r);
        f(b, t->v->id);
        f(b, t->v->label ? t->v->label : "");
        n(b, d, t->v->cell);
        f(b, report_share(d, t->v->cell, t->q->total));
        end(b);
    }
    return save(b, dir, "topics.csv", files, e);
}

static int questions(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "survey,question,question_text,multiple,answer,label,people,percent\r\n");
    for (int s = 0; s < d->nsurveys; s++)
        for (int k = 0; k < d->surveys[s].nquestions; k++) {
            const report_question *q = &d->surveys[s].questions[k];
            for (int v = 0; v < q->nvalues; v++) {
                f(b, q->survey);
                f(b, q->id);
                f(b, q->text ? q->text : "");
                f(b, q->multi ? "yes" : "no");
                f(b, q->values[v].id);
                f(b, q->values[v].label ? q->values[v].label : "");
                n(b, d, q->values[v].cell);
                f(b, report_share(d, q->values[v].cell, q->total));
                end(b);
            }
            f(b, q->survey);
            f(b, q->id);
            f(b, q->text ? q->text : "");
            f(b, q->multi ? "yes" : "no");
            f(b, q->free_text ? "typed" : "answered");
            f(b, q->free_text ? "typed answers (in free-text.csv only)" : "");
            n(b, d, q->total);
            f(b, "");
            end(b);
        }
    return save(b, dir, "questions.csv", files, e);
}

static int periods(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    f(b, "period_starting");
    for (int j = 0; j < d->nlangs; j++)
        f(b, d->langs[j].code);
    f(b, "all");
    end(b);
    for (int p = 0; p < d->nperiods; p++) {
        f(b, report_day(d->periods[p]));
        for (int j = 0; j < d->nlangs; j++)
            n(b, d, d->period_lang[p * d->nlangs + j]);
        n(b, d, d->period_surveys[p]);
        end(b);
    }
    if (d->nperiods) {
        f(b, "total");
        for (int j = 0; j < d->nlangs; j++)
            n(b, d, d->lang_surveys[j]);
        n(b, d, d->surveys_all);
        end(b);
    }
    return save(b, dir, "survey-responses-by-period.csv", files, e);
}

/* Tidy: one line a background question, period and answer; "total" lines for a period's
 * people and for an answer over all periods. */
static int background(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "question,period_starting,answer,label,people\r\n");
    for (int i = 0; i < d->nbgs; i++) {
        const report_bg *g = &d->bgs[i];
        for (int p = 0; p <= d->nperiods; p++) {
            for (int c = 0; c <= g->nchoices; c++) {
                f(b, g->id);
                f(b, p < d->nperiods ? report_day(d->periods[p]) : "total");
                if (c < g->nchoices) {
                    f(b, g->choices[c].id);
                    f(b, g->choices[c].label ? g->choices[c].label : "");
                    n(b, d, p < d->nperiods ? g->cells[p * g->nchoices + c] : g->choices[c].cell);
                } else {
                    f(b, "total");
                    f(b, "");
                    n(b, d, p < d->nperiods ? g->period_total[p] : g->total);
                }
                end(b);
            }
        }
    }
    return save(b, dir, "background.csv", files, e);
}

/* Tidy: one line a question, answer and language; "answered" lines for the people who
 * answered in a language, and "total" for all languages. */
static int by_language(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "survey,question,answer,label,language,people\r\n");
    for (int s = 0; s < d->nsurveys; s++)
        for (int k = 0; k < d->surveys[s].nquestions; k++) {
            const report_question *q = &d->surveys[s].questions[k];
            if (q->free_text)
                continue;
            for (int v = 0; v <= q->nvalues; v++)
                for (int j = 0; j <= q->nlangs; j++) {
                    f(b, q->survey);
                    f(b, q->id);
                    f(b, v < q->nvalues ? q->values[v].id : "answered");
                    f(b, v < q->nvalues ? (q->values[v].label ? q->values[v].label : "") : "");
                    f(b, j < q->nlangs ? d->langs[q->langs[j]].code : "total");
                    if (v < q->nvalues)
                        n(b, d, j < q->nlangs ? q->by_lang[v * q->nlangs + j] : q->values[v].cell);
                    else
                        n(b, d, j < q->nlangs ? q->lang_total[j] : q->total);
                    end(b);
                }
        }
    return save(b, dir, "answers-by-language.csv", files, e);
}

static int bursts(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "kiosk,survey,week_starting,identical_submissions,answers_each,counted\r\n");
    for (int i = 0; i < d->nbursts; i++) {
        const report_burst *x = &d->bursts[i];
        f(b, x->device);
        f(b, x->survey);
        f(b, report_day(x->week));
        buf_printf(b, "%ld,%ld,%ld", x->submissions, x->answers, x->once ? 1 : x->submissions);
        end(b);
    }
    return save(b, dir, "bursts.csv", files, e);
}

static int devices(buf *b, const report_data *d, const char *dir, int *files, err *e)
{
    buf_adds(b, "kiosk,responses,first_answer,last_answer,merged,bursts\r\n");
    for (int i = 0; i < d->ndevices; i++) {
        const report_device *dv = &d->devices[i];
        int shown = !report_cells_hidden(&d->cells, dv->responses) && d->cells.value[dv->responses] > 0;
        f(b, dv->id);
        n(b, d, dv->responses);
        f(b, shown ? report_date(dv->first) : "");
        f(b, shown ? report_date(dv->last) : "");
        f(b, dv->merged >= 0 ? report_date(dv->merged) : "");
        buf_printf(b, "%d", dv->bursts);
        end(b);
    }
    buf_adds(b, "total,");
    n(b, d, d->all);
    buf_printf(b, ",,,%d", d->nbursts);
    end(b);
    return save(b, dir, "kiosks.csv", files, e);
}

int report_csv_write(const report_data *d, const char *dir, int *files, err *e)
{
    buf b;
    buf_init(&b);
    int r = weeks(&b, d, dir, files, e) || languages(&b, d, dir, files, e) ||
            kinds(&b, d, dir, files, e) || helpful(&b, d, dir, files, e) ||
            reasons(&b, d, dir, files, e) || topics(&b, d, dir, files, e) ||
            questions(&b, d, dir, files, e) || devices(&b, d, dir, files, e) ||
            periods(&b, d, dir, files, e) || background(&b, d, dir, files, e) ||
            by_language(&b, d, dir, files, e) || bursts(&b, d, dir, files, e);
    buf_free(&b);
    return r ? -1 : 0;
}
