/* report free text: the typed answers, read in one pass for the page's counts (texts with a
 * danger word, texts held back) and, when the operator asks for it, written to free-text.csv.
 * See gather.h. */
#include "report/gather.h"

#include "report/escape.h"

#include "feedback.h"
#include "fs.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* A label a spreadsheet shows as it is: the texts to read first. */
#define NEEDS_PERSON "needs a person to read it"

/* Danger first; then by question, week, language and text, so that nothing ties a line to a
 * submission (not the order they were stored in). */
static int cmp_text(const void *a, const void *b)
{
    const report_text *x = a, *y = b;
    if (x->danger != y->danger)
        return y->danger - x->danger;
    if (x->order != y->order)
        return x->order - y->order;
    if (x->week != y->week)
        return (x->week > y->week) - (x->week < y->week);
    int r = strcmp(x->lang, y->lang);
    return r ? r : strcmp(x->text, y->text);
}

int report_texts_read(sqlite3 *db, report_data *d, report_acc *g, const danger *dg,
                      report_texts *out, err *e)
{
    const report_opts *o = d->o;
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT survey, question, lang, period, value, submission FROM answers "
                               "WHERE period >= ?1 AND period < ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return report_db_fail(db, o->db, e);
    sqlite3_bind_int64(st, 1, o->from);
    sqlite3_bind_int64(st, 2, o->to);
    /* respondents per language: distinct survey submissions (page votes are not people) */
    report_strtab langs = {0}, subs = {0};
    report_map seen = {0};
    long *people = NULL;
    int npeople = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 3) != SQLITE_INTEGER)
            continue;
        int64_t t = sqlite3_column_int64(st, 3);
        if (t < REPORT_T_MIN || t >= REPORT_T_MAX)
            continue;
        const char *sv = report_col_text(st, 0), *qn = report_col_text(st, 1);
        if (!strcmp(sv, FEEDBACK_HELPFUL) || !strcmp(sv, FEEDBACK_REASON))
            continue;
        if (report_acc_skipped(g, report_col_text(st, 5)))
            continue; /* a copy in a burst: its text is there once */
        int li = report_intern(&langs, report_col_text(st, 2));
        int si = report_intern(&subs, report_col_text(st, 5));
        int *once = report_map_at(&seen, (uint64_t)(uint32_t)li << 32 | (uint32_t)si);
        while (npeople <= li) {
            people = xrealloc(people, (size_t)(npeople + 1) * sizeof *people);
            people[npeople++] = 0;
        }
        if (*once < 0)
            *once = 1, people[li]++;
        if (!strcmp(report_col_text(st, 4), FEEDBACK_PREFER_NOT))
            continue;
        int order = 0, found = 0;
        for (int s = 0; s < d->nsurveys && !found; s++)
            for (int q = 0; q < d->surveys[s].nquestions && !found; q++, order++) {
                const report_question *rq = &d->surveys[s].questions[q];
                found = rq->free_text && !strcmp(rq->survey, sv) && !strcmp(rq->id, qn);
            }
        if (!found)
            continue;
        REPORT_GROW(out->rows, out->n, out->cap);
        int64_t day = report_day_of(t);
        const char *text = report_col_text(st, 4);
        out->rows[out->n++] = (report_text){arena_strdup(&out->a, sv),
                                            arena_strdup(&out->a, qn),
                                            arena_strdup(&out->a, report_col_text(st, 2)),
                                            arena_strdup(&out->a, text),
                                            day - ((day + 3) % 7 + 7) % 7,
                                            order,
                                            danger_match(dg, text)};
    }
    sqlite3_finalize(st);
    int ret = 0;
    if (rc != SQLITE_DONE)
        ret = err_set(e, "%s: reading answers: %s", o->db, sqlite3_errmsg(db));
    else {
        /* a language with fewer than k respondents: its texts would be theirs, one by one.
         * Those with a danger word are counted, so a person with the right to read them
         * knows to look in the central database. */
        size_t kept = 0;
        for (size_t i = 0; i < out->n; i++) {
            const report_text *x = &out->rows[i];
            int li = report_intern(&langs, x->lang);
            d->texts_danger += x->danger;
            if (li < npeople && people[li] >= o->k)
                out->rows[kept++] = *x;
            else
                d->texts_held++, d->texts_danger_held += x->danger;
        }
        out->n = kept;
        if (out->n)
            qsort(out->rows, out->n, sizeof *out->rows, cmp_text);
    }
    free(people);
    report_strtab_free(&langs);
    report_strtab_free(&subs);
    report_map_free(&seen);
    return ret;
}

int report_free_text_write(const report_texts *t, const char *path, err *e)
{
    buf b;
    buf_init(&b);
    buf_adds(&b, "attention,survey,question,language,week_starting,text\r\n");
    for (size_t i = 0; i < t->n; i++) {
        const report_text *x = &t->rows[i];
        buf_adds(&b, x->danger ? NEEDS_PERSON "," : ",");
        report_escape_csv(&b, x->survey);
        buf_addc(&b, ',');
        report_escape_csv(&b, x->question);
        buf_addc(&b, ',');
        report_escape_csv(&b, x->lang);
        buf_addc(&b, ',');
        buf_adds(&b, report_day(x->week));
        buf_addc(&b, ',');
        report_escape_csv(&b, x->text);
        buf_adds(&b, "\r\n");
    }
    int ret = fs_write_atomic(path, b.data, b.len, 0600, e);
    buf_free(&b);
    return ret;
}

void report_texts_free(report_texts *t)
{
    free(t->rows);
    arena_free(&t->a);
    memset(t, 0, sizeof *t);
}
