/* report breakdown: who answered, by period (ISO weeks, or months), and every question's
 * answers by language, as cells of the one report_cells: each new table is tied by its lines
 * to the tables it adds up to (a background choice over all periods is the sum of that
 * choice in every survey; a choice over all languages is its count in the survey's table), so
 * a count hidden in one cannot be worked out from another.
 *
 * There is no breakdown of the other answers by age band or gender: the background answers
 * are kept apart from them on purpose (see the page). See gather.h. */
#include "report/gather.h"

#include "feedback.h"

#include <stdlib.h>
#include <string.h>

static int cell(report_data *d, long v) { return report_cells_add(&d->cells, v); }
static long value(const report_data *d, int c) { return d->cells.value[c]; }

typedef struct idx_day { int i; int64_t day; } idx_day;
static int cmp_day(const void *a, const void *b)
{
    int64_t x = ((const idx_day *)a)->day, y = ((const idx_day *)b)->day;
    return (x > y) - (x < y);
}

/* The dense id of a question's value (report_acc_breakdown), or -1 when nobody gave it. */
static int qv_of(const report_acc *g, int gq, const char *value)
{
    int w = report_strtab_find(&g->words, value);
    const int *v = w < 0 ? NULL : report_map_find(&g->qv, (uint64_t)gq << 32 | (uint32_t)w);
    return v ? *v : -1;
}

/* Survey responses by period and language, tied to the responses of each survey. */
static void periods(report_data *d, report_acc *g, int *gper)
{
    idx_day *o = arena_alloc(&d->a, (size_t)(g->nper + 1) * sizeof *o);
    for (int i = 0; i < g->nper; i++)
        o[i] = (idx_day){i, g->per[i]};
    qsort(o, (size_t)g->nper, sizeof *o, cmp_day);
    int np = d->nperiods = g->nper, nl = d->nlangs;
    d->periods = arena_alloc(&d->a, (size_t)(np + 1) * sizeof *d->periods);
    for (int p = 0; p < np; p++)
        d->periods[p] = o[p].day, gper[p] = o[p].i;
    d->period_lang = arena_alloc(&d->a, (size_t)(np * nl + 1) * sizeof *d->period_lang);
    d->period_surveys = arena_alloc(&d->a, (size_t)(np + 1) * sizeof *d->period_surveys);
    d->lang_surveys = arena_alloc(&d->a, (size_t)(nl + 1) * sizeof *d->lang_surveys);
    long all = 0, *col = arena_alloc(&d->a, (size_t)(nl + 1) * sizeof *col);
    memset(col, 0, (size_t)(nl + 1) * sizeof *col);
    for (int p = 0; p < np; p++) {
        long row = 0;
        for (int j = 0; j < nl; j++) {
            long v = report_map_count(&g->perlang, (uint64_t)gper[p] << 32 | (uint32_t)g->lang_shown[j]);
            d->period_lang[p * nl + j] = cell(d, v);
            row += v, col[j] += v;
        }
        d->period_surveys[p] = cell(d, row);
        all += row;
        report_cells_line(&d->cells, d->period_lang + p * nl, nl, d->period_surveys[p], 1);
    }
    d->surveys_all = cell(d, all);
    int *line = arena_alloc(&d->a, (size_t)(np + nl + d->nsurveys + 1) * sizeof *line);
    for (int j = 0; j < nl; j++) {
        d->lang_surveys[j] = cell(d, col[j]);
        for (int p = 0; p < np; p++)
            line[p] = d->period_lang[p * nl + j];
        report_cells_line(&d->cells, line, np, d->lang_surveys[j], 1);
    }
    report_cells_line(&d->cells, d->period_surveys, np, d->surveys_all, 1);
    report_cells_line(&d->cells, d->lang_surveys, nl, d->surveys_all, 1);
    /* every survey response is one of a survey's: the page shows those too */
    for (int s = 0; s < d->nsurveys; s++)
        line[s] = d->surveys[s].responses;
    report_cells_line(&d->cells, line, d->nsurveys, d->surveys_all, 1);
}

typedef struct bg_q { const char *id; int rank; } bg_q;
static int cmp_bg(const void *a, const void *b)
{
    const bg_q *x = a, *y = b;
    return x->rank != y->rank ? x->rank - y->rank : strcmp(x->id, y->id);
}

static int cmp_value(const void *a, const void *b)
{
    return strcmp(((const report_value *)a)->id, ((const report_value *)b)->id);
}

/* One background question over the periods: its choices in the kiosk's order (any other id
 * after them, by id, then "prefer not to say"), each tied to that choice in every survey. */
static void background(report_data *d, report_acc *g, const int *gper, report_bg *b)
{
    const feedback_background_q *fb = feedback_background_find(b->id);
    b->heading = fb ? fb->heading : NULL;
    /* the question in each survey that asked it (as a choice question) */
    int nq = 0;
    const report_question **qs = arena_alloc(&d->a, (size_t)(d->nsurveys + 1) * sizeof *qs);
    int maxc = FEEDBACK_BG_CHOICES_MAX + 1;
    for (int s = 0; s < d->nsurveys; s++)
        for (int k = 0; k < d->surveys[s].nquestions; k++) {
            const report_question *q = &d->surveys[s].questions[k];
            if (!q->free_text && !strcmp(q->id, b->id))
                qs[nq++] = q, maxc += q->nvalues;
        }
    report_value *ch = arena_alloc(&d->a, (size_t)maxc * sizeof *ch); /* id and label */
    int n = 0;
    for (const feedback_term *t = fb ? fb->choices : NULL; t && t->id; t++)
        ch[n++] = (report_value){t->id, t->label, -1};
    int known = n;
    for (int i = 0; i < nq; i++)
        for (int v = 0; v < qs[i]->nvalues; v++) {
            const report_value *rv = &qs[i]->values[v];
            int j = 0;
            while (j < n && strcmp(ch[j].id, rv->id))
                j++;
            if (j == n && strcmp(rv->id, FEEDBACK_PREFER_NOT))
                ch[n++] = (report_value){rv->id, rv->label, -1};
        }
    qsort(ch + known, (size_t)(n - known), sizeof *ch, cmp_value);
    ch[n++] = (report_value){FEEDBACK_PREFER_NOT, "Prefer not to say", -1};
    b->nchoices = n;
    b->choices = arena_alloc(&d->a, (size_t)n * sizeof *b->choices);
    int np = d->nperiods;
    b->cells = arena_alloc(&d->a, (size_t)(np * n + 1) * sizeof *b->cells);
    b->period_total = arena_alloc(&d->a, (size_t)(np + 1) * sizeof *b->period_total);
    int *line = arena_alloc(&d->a, (size_t)(np + n + nq + 1) * sizeof *line);
    long *x = arena_alloc(&d->a, (size_t)(np * n + 1) * sizeof *x);
    long all = 0;
    for (int c = 0; c < n; c++) {
        long sum = 0;
        int nl = 0;
        for (int i = 0; i < nq; i++)
            for (int v = 0; v < qs[i]->nvalues; v++)
                if (!strcmp(qs[i]->values[v].id, ch[c].id))
                    line[nl++] = qs[i]->values[v].cell, sum += value(d, qs[i]->values[v].cell);
        b->choices[c] = (report_value){arena_strdup(&d->a, ch[c].id),
                                       ch[c].label ? arena_strdup(&d->a, ch[c].label) : NULL,
                                       cell(d, sum)};
        /* the choice over all periods is the sum of that choice in every survey */
        report_cells_line(&d->cells, line, nl, b->choices[c].cell, 1);
        all += sum;
        for (int p = 0; p < np; p++) {
            long v = 0;
            for (int i = 0; i < nq; i++) {
                int qv = qv_of(g, qs[i]->gq, ch[c].id);
                if (qv >= 0)
                    v += report_map_count(&g->qvper, (uint64_t)qv << 32 | (uint32_t)gper[p]);
            }
            x[p * n + c] = v;
        }
    }
    b->total = cell(d, all);
    for (int p = 0; p < np; p++) {
        long row = 0;
        for (int c = 0; c < n; c++)
            b->cells[p * n + c] = cell(d, x[p * n + c]), row += x[p * n + c];
        b->period_total[p] = cell(d, row);
        report_cells_line(&d->cells, b->cells + p * n, n, b->period_total[p], 1);
    }
    int *tot = arena_alloc(&d->a, (size_t)(n + 1) * sizeof *tot);
    for (int c = 0; c < n; c++) {
        for (int p = 0; p < np; p++)
            line[p] = b->cells[p * n + c];
        report_cells_line(&d->cells, line, np, b->choices[c].cell, 1);
        tot[c] = b->choices[c].cell;
    }
    report_cells_line(&d->cells, tot, n, b->total, 1);
    report_cells_line(&d->cells, b->period_total, np, b->total, 1);
}

static void backgrounds(report_data *d, report_acc *g, const int *gper)
{
    int n = 0, cap = 1;
    for (int s = 0; s < d->nsurveys; s++)
        cap += d->surveys[s].nquestions;
    bg_q *ids = arena_alloc(&d->a, (size_t)cap * sizeof *ids);
    for (int s = 0; s < d->nsurveys; s++)
        for (int k = 0; k < d->surveys[s].nquestions; k++) {
            const report_question *q = &d->surveys[s].questions[k];
            int j = 0;
            while (j < n && strcmp(ids[j].id, q->id))
                j++;
            if (j < n || q->free_text || !report_background_id(q->id))
                continue;
            const feedback_background_q *fb = feedback_background_find(q->id);
            ids[n++] = (bg_q){q->id, fb ? (int)(fb - feedback_background) : FEEDBACK_NBACKGROUND};
        }
    qsort(ids, (size_t)n, sizeof *ids, cmp_bg);
    d->nbgs = n;
    d->bgs = arena_alloc(&d->a, (size_t)(n + 1) * sizeof *d->bgs);
    for (int i = 0; i < n; i++) {
        memset(&d->bgs[i], 0, sizeof d->bgs[i]);
        d->bgs[i].id = ids[i].id;
        background(d, g, gper, &d->bgs[i]);
    }
}

/* A question's answers by language: each choice's row adds up to its count in the survey's
 * table, and the people who answered in each language to the people who answered. */
static void by_language(report_data *d, report_acc *g, report_question *q)
{
    int nl = 0, nv = q->nvalues;
    q->langs = arena_alloc(&d->a, (size_t)(d->nlangs + 1) * sizeof *q->langs);
    for (int j = 0; j < d->nlangs; j++)
        if (report_map_count(&g->qlang, (uint64_t)q->gq << 32 | (uint32_t)g->lang_shown[j]))
            q->langs[nl++] = j;
    q->nlangs = nl;
    q->by_lang = arena_alloc(&d->a, (size_t)(nv * nl + 1) * sizeof *q->by_lang);
    q->lang_total = arena_alloc(&d->a, (size_t)(nl + 1) * sizeof *q->lang_total);
    long *sum = arena_alloc(&d->a, (size_t)(nl + 1) * sizeof *sum);
    memset(sum, 0, (size_t)(nl + 1) * sizeof *sum);
    for (int v = 0; v < nv; v++) {
        int qv = qv_of(g, q->gq, q->values[v].id);
        for (int j = 0; j < nl; j++) {
            long c = qv < 0 ? 0
                            : report_map_count(&g->qvlang, (uint64_t)qv << 32 |
                                                               (uint32_t)g->lang_shown[q->langs[j]]);
            q->by_lang[v * nl + j] = cell(d, c);
            sum[j] += c;
        }
        report_cells_line(&d->cells, q->by_lang + v * nl, nl, q->values[v].cell, 1);
    }
    int *line = arena_alloc(&d->a, (size_t)(nv + 1) * sizeof *line);
    for (int j = 0; j < nl; j++) {
        /* where people could choose several, who answered is not the sum of the choices */
        long people = q->multi ? report_map_count(&g->qlang, (uint64_t)q->gq << 32 |
                                                                 (uint32_t)g->lang_shown[q->langs[j]])
                               : sum[j];
        q->lang_total[j] = cell(d, people);
        for (int v = 0; v < nv; v++)
            line[v] = q->by_lang[v * nl + j];
        report_cells_line(&d->cells, line, nv, q->lang_total[j], !q->multi);
    }
    report_cells_line(&d->cells, q->lang_total, nl, q->total, 1);
}

/* A faces question over the periods: each period's answers, a row that adds up to the
 * people who answered it then, and each value's column to its count in the question's table. */
static void trend(report_data *d, report_acc *g, const int *gper, report_question *q, report_bg *b)
{
    int np = d->nperiods, n = q->nvalues;
    b->id = q->id, b->q = q;
    b->choices = q->values, b->nchoices = n, b->total = q->total;
    b->cells = arena_alloc(&d->a, (size_t)(np * n + 1) * sizeof *b->cells);
    b->period_total = arena_alloc(&d->a, (size_t)(np + 1) * sizeof *b->period_total);
    int *line = arena_alloc(&d->a, (size_t)(np + 1) * sizeof *line);
    for (int p = 0; p < np; p++) {
        long row = 0;
        for (int c = 0; c < n; c++) {
            int qv = qv_of(g, q->gq, q->values[c].id);
            long v = qv < 0 ? 0 : report_map_count(&g->qvper, (uint64_t)qv << 32 | (uint32_t)gper[p]);
            b->cells[p * n + c] = cell(d, v);
            row += v;
        }
        b->period_total[p] = cell(d, row);
        report_cells_line(&d->cells, b->cells + p * n, n, b->period_total[p], 1);
    }
    for (int c = 0; c < n; c++) {
        for (int p = 0; p < np; p++)
            line[p] = b->cells[p * n + c];
        report_cells_line(&d->cells, line, np, q->values[c].cell, 1);
    }
    report_cells_line(&d->cells, b->period_total, np, q->total, 1);
}

/* Satisfaction over time (each faces question), and each kiosk's submissions and faces, tied
 * to the tables they add up to. */
static void trends_and_kiosks(report_data *d, report_acc *g, const int *gper)
{
    int nq = 0;
    for (int s = 0; s < d->nsurveys; s++)
        for (int k = 0; k < d->surveys[s].nquestions; k++)
            nq += d->surveys[s].questions[k].faces && !d->surveys[s].questions[k].free_text;
    d->trends = arena_alloc(&d->a, (size_t)(nq + 1) * sizeof *d->trends);
    int nd = d->ndevices;
    int *line = arena_alloc(&d->a, (size_t)(nq + nd + 1) * sizeof *line);
    for (int s = 0; s < d->nsurveys; s++)
        for (int k = 0; k < d->surveys[s].nquestions; k++) {
            report_question *q = &d->surveys[s].questions[k];
            if (!q->faces || q->free_text)
                continue;
            report_bg *b = &d->trends[d->ntrends++];
            memset(b, 0, sizeof *b);
            b->survey = d->surveys[s].title ? d->surveys[s].title : d->surveys[s].id;
            trend(d, g, gper, q, b);
        }
    /* every survey submission is one of a kiosk's */
    for (int i = 0; i < nd; i++)
        line[i] = d->devices[i].submissions;
    report_cells_line(&d->cells, line, nd, d->surveys_all, 1);
    /* faces: over every faces question, and per kiosk */
    long all = 0;
    for (int f = 0; f < FEEDBACK_NFACES; f++) {
        long sum = 0;
        for (int t = 0; t < d->ntrends; t++)
            line[t] = d->trends[t].q->values[f].cell, sum += value(d, line[t]);
        d->face_all[f] = cell(d, sum);
        all += sum;
        report_cells_line(&d->cells, line, d->ntrends, d->face_all[f], 1);
    }
    d->faces_all = cell(d, all);
    report_cells_line(&d->cells, d->face_all, FEEDBACK_NFACES, d->faces_all, 1);
    for (int i = 0; i < nd; i++) {
        report_device *dv = &d->devices[i];
        long dall = 0;
        for (int f = 0; f < FEEDBACK_NFACES; f++) {
            long v = 0;
            for (int t = 0; t < d->ntrends; t++)
                v += report_map_count(&g->devface, (uint64_t)d->trends[t].q->gq << 32 |
                                                       (uint32_t)dv->acc << 3 | (uint32_t)f);
            dv->face[f] = cell(d, v);
            dall += v;
        }
        dv->faces = cell(d, dall);
        report_cells_line(&d->cells, dv->face, FEEDBACK_NFACES, dv->faces, 1);
    }
    for (int f = 0; f <= FEEDBACK_NFACES; f++) {
        for (int i = 0; i < nd; i++)
            line[i] = f < FEEDBACK_NFACES ? d->devices[i].face[f] : d->devices[i].faces;
        report_cells_line(&d->cells, line, nd, f < FEEDBACK_NFACES ? d->face_all[f] : d->faces_all, 1);
    }
}

void report_breakdowns_build(report_data *d, report_acc *g)
{
    int *gper = arena_alloc(&d->a, (size_t)(g->nper + 1) * sizeof *gper);
    if (d->nsurveys) {
        periods(d, g, gper);
        backgrounds(d, g, gper);
        trends_and_kiosks(d, g, gper);
    } else {
        d->surveys_all = cell(d, 0);
        d->faces_all = cell(d, 0);
        for (int f = 0; f < FEEDBACK_NFACES; f++)
            d->face_all[f] = cell(d, 0);
        for (int i = 0; i < d->ndevices; i++) {
            d->devices[i].faces = cell(d, 0);
            for (int f = 0; f < FEEDBACK_NFACES; f++)
                d->devices[i].face[f] = cell(d, 0);
        }
    }
    for (int s = 0; s < d->nsurveys; s++)
        for (int k = 0; k < d->surveys[s].nquestions; k++)
            if (!d->surveys[s].questions[k].free_text)
                by_language(d, g, &d->surveys[s].questions[k]);
    for (int b = 0; b < d->nbursts; b++)
        for (int i = 0; i < d->ndevices; i++)
            if (!strcmp(d->devices[i].id, d->bursts[b].device))
                d->devices[i].bursts++;
}
