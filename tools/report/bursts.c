/* report bursts: identical submissions sent again and again. "Start again" began a new visit,
 * so one person could send the same survey a dozen times in a sitting; the kiosk now limits
 * surveys per time window, and the report flags what got through: submissions of one survey
 * from one kiosk on one day whose answers are all the same (the day is all the time the
 * answers keep), more than REPORT_BURST_OVER of them. A burst of submissions holding
 * REPORT_BURST_ONCE answers or more is counted once (every copy after the first left out of
 * every count); a shorter one is flagged and counted as sent, since different people often
 * give the same one or two answers. Page votes are one answer each, so only surveys are looked
 * at. See gather.h. */
#include "report/gather.h"

#include "feedback.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

typedef struct sub_print {
    int sid;         /* in g->subs */
    int device, survey; /* in g->words, g->surveys: of its first row */
    int64_t day;     /* of its first row */
    uint64_t h[2];   /* sums of its rows' keyed hashes: the same rows, the same sums */
    long rows;
} sub_print;

static int cmp_print(const void *a, const void *b)
{
    const sub_print *x = a, *y = b;
    if (x->device != y->device)
        return x->device < y->device ? -1 : 1;
    if (x->survey != y->survey)
        return x->survey < y->survey ? -1 : 1;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    for (int i = 0; i < 2; i++)
        if (x->h[i] != y->h[i])
            return x->h[i] < y->h[i] ? -1 : 1;
    if (x->rows != y->rows)
        return x->rows < y->rows ? -1 : 1;
    return x->sid - y->sid;
}

static int same(const sub_print *x, const sub_print *y)
{
    return x->device == y->device && x->survey == y->survey && x->day == y->day &&
           x->h[0] == y->h[0] && x->h[1] == y->h[1] && x->rows == y->rows;
}

static int cmp_burst(const void *a, const void *b)
{
    const report_burst *x = a, *y = b;
    if (x->week != y->week)
        return x->week < y->week ? -1 : 1;
    int r = strcmp(x->device, y->device);
    return r ? r : strcmp(x->survey, y->survey);
}

static void field(buf *b, const char *s)
{
    buf_adds(b, s);
    buf_addc(b, 0);
}

int report_read_bursts(sqlite3 *db, const report_opts *o, report_acc *g, report_data *d, err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT submission, device, survey, question, value, lang, period "
                           "FROM answers WHERE period >= ?1 AND period < ?2 AND survey <> ?3 "
                           "AND survey <> ?4",
                           -1, &st, NULL) != SQLITE_OK)
        return report_db_fail(db, o->db, e);
    sqlite3_bind_int64(st, 1, o->from);
    sqlite3_bind_int64(st, 2, o->to);
    sqlite3_bind_text(st, 3, FEEDBACK_HELPFUL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, FEEDBACK_REASON, -1, SQLITE_STATIC);
    /* keys unknown outside this run: no one can make two different submissions look alike */
    unsigned char key[2][crypto_shorthash_KEYBYTES];
    randombytes_buf(key, sizeof key);
    report_map at = {0}; /* submission -> index in p */
    sub_print *p = NULL;
    int n = 0, cap = 0, rc;
    buf row;
    buf_init(&row);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 6) != SQLITE_INTEGER)
            continue;
        int64_t t = sqlite3_column_int64(st, 6);
        if (t < REPORT_T_MIN || t >= REPORT_T_MAX)
            continue; /* as report_read_answers: not counted */
        int sid = report_intern(&g->subs, report_col_text(st, 0));
        int *i = report_map_at(&at, (uint64_t)sid);
        if (*i < 0) {
            REPORT_GROW(p, n, cap);
            p[n] = (sub_print){.sid = sid,
                               .device = report_intern(&g->words, report_col_text(st, 1)),
                               .survey = report_intern(&g->surveys, report_col_text(st, 2)),
                               .day = report_day_of(t)};
            *i = n++;
        }
        /* the whole row but its ids: device, survey, language, day, question, value */
        int64_t day = report_day_of(t);
        buf_clear(&row);
        field(&row, report_col_text(st, 1));
        field(&row, report_col_text(st, 2));
        field(&row, report_col_text(st, 5));
        buf_add(&row, &day, sizeof day);
        field(&row, report_col_text(st, 3));
        field(&row, report_col_text(st, 4));
        sub_print *s = &p[*i];
        for (int k = 0; k < 2; k++) {
            unsigned char h[crypto_shorthash_BYTES];
            uint64_t v;
            crypto_shorthash(h, (const unsigned char *)row.data, row.len, key[k]);
            memcpy(&v, h, sizeof v);
            s->h[k] += v;
        }
        s->rows++;
    }
    sqlite3_finalize(st);
    buf_free(&row);
    report_map_free(&at);
    sodium_memzero(key, sizeof key);
    if (rc != SQLITE_DONE) {
        free(p);
        return err_set(e, "%s: reading answers: %s", o->db, sqlite3_errmsg(db));
    }
    if (n)
        qsort(p, (size_t)n, sizeof *p, cmp_print);
    int nb = 0;
    for (int i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && same(&p[i], &p[j]);)
            j++;
        nb += j - i > REPORT_BURST_OVER;
    }
    d->bursts = arena_alloc(&d->a, (size_t)(nb ? nb : 1) * sizeof *d->bursts);
    for (int i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && same(&p[i], &p[j]);)
            j++;
        if (j - i <= REPORT_BURST_OVER)
            continue;
        d->bursts[d->nbursts++] = (report_burst){
            .device = arena_strdup(&d->a, g->words.s[p[i].device]),
            .survey = arena_strdup(&d->a, g->surveys.s[p[i].survey]),
            .week = report_period_start(p[i].day, 0),
            .submissions = j - i,
            .answers = p[i].rows,
            .once = p[i].rows >= REPORT_BURST_ONCE};
        if (p[i].rows < REPORT_BURST_ONCE)
            continue; /* flagged, counted as sent */
        d->burst_left_out += j - i - 1;
        for (int k = i + 1; k < j; k++) {
            while (g->nskip <= p[k].sid) {
                int nn = g->nskip ? 2 * g->nskip : 1024;
                g->skip = xrealloc(g->skip, (size_t)nn);
                memset(g->skip + g->nskip, 0, (size_t)(nn - g->nskip));
                g->nskip = nn;
            }
            g->skip[p[k].sid] = 1;
        }
    }
    free(p);
    if (d->nbursts)
        qsort(d->bursts, (size_t)d->nbursts, sizeof *d->bursts, cmp_burst);
    return 0;
}
