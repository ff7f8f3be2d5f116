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
    /* only the rows of the free-text questions come out of SQLite */
    int nft = 0, cap = 0;
    for (int s = 0; s < d->nsurveys; s++)
        cap += d->surveys[s].nquestions;
    const report_question **ft = arena_alloc(&out->a, (size_t)(cap + 1) * sizeof *ft);
    buf sql;
    buf_init(&sql);
    /* by question id alone (SQLite filters one column far faster than a pair), the survey
     * checked below */
    buf_adds(&sql, "SELECT survey, question, lang, period, value, submission FROM answers "
                   "WHERE period >= ?1 AND period < ?2 AND question IN (");
    for (int s = 0; s < d->nsurveys; s++)
        for (int q = 0; q < d->surveys[s].nquestions; q++)
            if (d->surveys[s].questions[q].free_text) {
                buf_printf(&sql, "%s?%d", nft ? ", " : "", 3 + nft);
                ft[nft++] = &d->surveys[s].questions[q];
            }
    buf_adds(&sql, ")");
    if (!nft) {
        buf_free(&sql);
        return 0;
    }
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql.data, -1, &st, NULL);
    buf_free(&sql);
    if (rc != SQLITE_OK)
        return report_db_fail(db, o->db, e);
    sqlite3_bind_int64(st, 1, o->from);
    sqlite3_bind_int64(st, 2, o->to);
    for (int i = 0; i < nft; i++)
        sqlite3_bind_text(st, 3 + i, ft[i]->id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 3) != SQLITE_INTEGER)
            continue;
        int64_t t = sqlite3_column_int64(st, 3);
        if (t < REPORT_T_MIN || t >= REPORT_T_MAX)
            continue;
        const char *sv = report_col_text(st, 0), *qn = report_col_text(st, 1);
        const char *text = report_col_text(st, 4);
        int order = 0;
        while (order < nft && (strcmp(ft[order]->survey, sv) || strcmp(ft[order]->id, qn)))
            order++;
        if (order == nft)
            continue; /* the same question id in another survey, not typed there */
        if (!strcmp(text, FEEDBACK_PREFER_NOT) || report_acc_skipped(g, report_col_text(st, 5)))
            continue; /* not typed; a copy in a burst, whose text is there once */
        /* a language with fewer than k respondents (survey submissions, counted as the
         * tables count them): its texts would be theirs, one by one. Those with a danger word
         * are counted, so a person with the right to read them knows to look in the central
         * database. */
        const char *lang = report_col_text(st, 2);
        int danger = danger_match(dg, text), held = report_acc_lang_people(g, lang) < o->k;
        d->texts_danger += danger;
        d->texts_held += held;
        d->texts_danger_held += danger && held;
        if (held || !o->free_text)
            continue; /* counted only: free-text.csv is not written */
        REPORT_GROW(out->rows, out->n, out->cap);
        int64_t day = report_day_of(t);
        out->rows[out->n++] = (report_text){arena_strdup(&out->a, sv),
                                            arena_strdup(&out->a, qn),
                                            arena_strdup(&out->a, lang),
                                            arena_strdup(&out->a, text),
                                            day - ((day + 3) % 7 + 7) % 7,
                                            order,
                                            danger};
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return err_set(e, "%s: reading answers: %s", o->db, sqlite3_errmsg(db));
    if (out->n)
        qsort(out->rows, out->n, sizeof *out->rows, cmp_text);
    return 0;
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
