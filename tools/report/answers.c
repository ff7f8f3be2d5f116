/* report answers: answers.csv, the tidy long file: one row an answer (period, kiosk, survey,
 * question, value, language), for a spreadsheet, R, pandas or DuckDB. It is the answers as
 * they are, not counts: no cell is hidden in it, so it is written only when the operator asks
 * (--answers), mode 0600 like free-text.csv, and a later run without it removes it. What it
 * leaves out so that a row leads back to nobody: the submission id (no two rows can be tied
 * together), the day (only the report's week or month), typed text (free-text.csv, with its own
 * rules), the copies in a burst counted once; and its rows are sorted, not in the order the
 * kiosk stored them. See gather.h. */
#include "report/gather.h"

#include "report/escape.h"

#include "fs.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

typedef struct row {
    int64_t period;
    int kiosk, survey, question, value, lang; /* in the strings table */
} row;

static report_strtab *sort_words;

static int cmp_row(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->period != y->period)
        return (x->period > y->period) - (x->period < y->period);
    const int *px = &x->kiosk, *py = &y->kiosk;
    for (int i = 0; i < 5; i++)
        if (px[i] != py[i]) {
            int r = strcmp(sort_words->s[px[i]], sort_words->s[py[i]]);
            if (r)
                return r;
        }
    return 0;
}

/* Whether survey/question holds typed text (its rows stay out). */
static int typed(const report_data *d, const char *survey, const char *question)
{
    for (int s = 0; s < d->nsurveys; s++)
        if (!strcmp(d->surveys[s].id, survey))
            for (int q = 0; q < d->surveys[s].nquestions; q++)
                if (!strcmp(d->surveys[s].questions[q].id, question))
                    return d->surveys[s].questions[q].free_text;
    return 0;
}

int report_answers_write(sqlite3 *db, const report_data *d, report_acc *g, const char *path, long *rows, err *e)
{
    const report_opts *o = d->o;
    sqlite3_stmt *st;
    *rows = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT device, submission, survey, question, value, lang, period "
                           "FROM answers WHERE period >= ?1 AND period < ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return report_db_fail(db, o->db, e);
    sqlite3_bind_int64(st, 1, o->from);
    sqlite3_bind_int64(st, 2, o->to);
    report_strtab w = {0};
    report_map typed_q = {0}; /* survey << 32 | question (in w) -> 1 typed, 0 not */
    row *r = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 6) != SQLITE_INTEGER)
            continue;
        int64_t t = sqlite3_column_int64(st, 6);
        if (t < REPORT_T_MIN || t >= REPORT_T_MAX || report_acc_skipped(g, report_col_text(st, 1)))
            continue;
        int s = report_intern(&w, report_col_text(st, 2)), q = report_intern(&w, report_col_text(st, 3));
        int *ty = report_map_at(&typed_q, (uint64_t)s << 32 | (uint32_t)q);
        if (*ty < 0)
            *ty = typed(d, w.s[s], w.s[q]);
        if (*ty)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 4096;
            r = xrealloc(r, cap * sizeof *r);
        }
        r[n++] = (row){report_period_start(report_day_of(t), o->month),
                       report_intern(&w, report_kiosk_name(d, report_col_text(st, 0))), s, q,
                       report_intern(&w, report_col_text(st, 4)), report_intern(&w, report_col_text(st, 5))};
    }
    sqlite3_finalize(st);
    int ret = 0;
    if (rc != SQLITE_DONE)
        ret = err_set(e, "%s: reading answers: %s", o->db, sqlite3_errmsg(db));
    else {
        sort_words = &w;
        qsort(r, n, sizeof *r, cmp_row);
        sort_words = NULL;
        buf b;
        buf_init(&b);
        buf_adds(&b, "period,kiosk,survey,question,value,language\r\n");
        for (size_t i = 0; i < n; i++) {
            buf_adds(&b, report_day(r[i].period));
            const int *f = &r[i].kiosk;
            for (int k = 0; k < 5; k++) {
                buf_addc(&b, ',');
                report_escape_csv(&b, w.s[f[k]]);
            }
            buf_adds(&b, "\r\n");
        }
        ret = fs_write_atomic(path, b.data, b.len, 0600, e);
        buf_free(&b);
        *rows = (long)n;
    }
    free(r);
    report_map_free(&typed_q);
    report_strtab_free(&w);
    return ret;
}
