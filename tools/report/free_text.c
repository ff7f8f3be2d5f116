/* report free text: free-text.csv, written only when the operator asks for it. See gather.h. */
#include "report/gather.h"

#include "report/escape.h"

#include "feedback.h"
#include "fs.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

typedef struct text_row { const char *survey, *question, *lang, *text; int64_t week; int order; } text_row;
static int cmp_text(const void *a, const void *b)
{
    const text_row *x = a, *y = b;
    if (x->order != y->order)
        return x->order - y->order;
    if (x->week != y->week)
        return (x->week > y->week) - (x->week < y->week);
    int r = strcmp(x->lang, y->lang);
    return r ? r : strcmp(x->text, y->text);
}

/* free-text.csv: the typed answers of the free-text questions, with survey, question,
 * language and week, sorted so nothing ties a line to a submission. Texts in a language with
 * fewer than k respondents in the dates are held back (*held counts them). */
int report_free_text_write(sqlite3 *db, const report_data *d, const char *path, long *held, err *e)
{
    const report_opts *o = d->o;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT survey, question, lang, period, value, submission FROM answers "
                               "WHERE period >= ?1 AND period < ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return report_db_fail(db, o->db, e);
    sqlite3_bind_int64(st, 1, o->from);
    sqlite3_bind_int64(st, 2, o->to);
    arena a = {0};
    /* respondents per language: distinct survey submissions (page votes are not people) */
    report_strtab langs = {0}, subs = {0};
    report_map seen = {0};
    long *people = NULL;
    int npeople = 0;
    text_row *rows = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 3) != SQLITE_INTEGER)
            continue;
        int64_t t = sqlite3_column_int64(st, 3);
        if (t < REPORT_T_MIN || t >= REPORT_T_MAX)
            continue;
        const char *sv = report_col_text(st, 0), *qn = report_col_text(st, 1);
        if (strcmp(sv, FEEDBACK_HELPFUL) && strcmp(sv, FEEDBACK_REASON)) {
            int li = report_intern(&langs, report_col_text(st, 2));
            int si = report_intern(&subs, report_col_text(st, 5));
            int *once = report_map_at(&seen, (uint64_t)(uint32_t)li << 32 | (uint32_t)si);
            while (npeople <= li) {
                people = xrealloc(people, (size_t)(npeople + 1) * sizeof *people);
                people[npeople++] = 0;
            }
            if (*once < 0)
                *once = 1, people[li]++;
        }
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
        REPORT_GROW(rows, n, cap);
        int64_t day = report_day_of(t);
        rows[n++] = (text_row){arena_strdup(&a, sv),
                               arena_strdup(&a, qn),
                               arena_strdup(&a, report_col_text(st, 2)),
                               arena_strdup(&a, report_col_text(st, 4)),
                               day - ((day + 3) % 7 + 7) % 7,
                               order};
    }
    sqlite3_finalize(st);
    int ret = 0;
    if (rc != SQLITE_DONE)
        ret = err_set(e, "%s: reading answers: %s", o->db, sqlite3_errmsg(db));
    else {
        /* a language with fewer than k respondents: its texts would be theirs, one by one */
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            int li = report_intern(&langs, rows[i].lang);
            if (li < npeople && people[li] >= o->k)
                rows[kept++] = rows[i];
        }
        *held = (long)(n - kept);
        n = kept;
        qsort(rows, n, sizeof *rows, cmp_text);
        buf b;
        buf_init(&b);
        buf_adds(&b, "survey,question,language,week_starting,text\r\n");
        for (size_t i = 0; i < n; i++) {
            report_escape_csv(&b, rows[i].survey);
            buf_addc(&b, ',');
            report_escape_csv(&b, rows[i].question);
            buf_addc(&b, ',');
            report_escape_csv(&b, rows[i].lang);
            buf_addc(&b, ',');
            buf_adds(&b, report_day(rows[i].week));
            buf_addc(&b, ',');
            report_escape_csv(&b, rows[i].text);
            buf_adds(&b, "\r\n");
        }
        ret = fs_write_atomic(path, b.data, b.len, 0600, e);
        buf_free(&b);
    }
    free(rows);
    free(people);
    report_strtab_free(&langs);
    report_strtab_free(&subs);
    report_map_free(&seen);
    arena_free(&a);
    return ret;
}
