/* report: reads a central database in one pass, counts people (a page vote, or one
 * submission of a survey, is one response), gives every count a cell, suppresses them once,
 * and has report_html.c and report_csv.c write the folder. See report.h. */
#include "report.h"
#include "report_data.h"

#include "feedback.h"
#include "fs.h"
#include "pack/content.h"
#include "pack/format.h"
#include "sync/central.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Times a kiosk can have written: 2000-01-01 to 2100-01-01 (a clock far off is left out, and
 * the number of weeks stays bounded whatever the database holds). */
#define T_MIN 946684800LL
#define T_MAX 4102444800LL
/* More distinct answers than any choice question can have: the question holds typed text. */
#define MAX_VALUES (CONTENT_SURVEY_MAX_CHOICES + 8)
/* Languages shown one by one; the rest (and codes that are not ids) are counted as "other". */
#define MAX_LANGS PACK_MAX_LANGS

/* ---- dates --------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian), and back (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

const char *report_day(int64_t day)
{
    static char out[4][16];
    static int k;
    char *p = out[k++ % 4];
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(p, 16, "%04d-%02d-%02d", y, m, d);
    return p;
}

static int64_t floordiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

const char *report_date(int64_t t) { return report_day(floordiv(t, 86400)); }

/* YYYY-MM-DD, a real date, into days; -1 if not. */
static int parse_date(const char *s, int64_t *day)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 2000 || y > 2099 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int y2, m2, d2;
    *day = days_from_civil(y, m, d);
    civil_from_days(*day, &y2, &m2, &d2);
    return y2 == y && m2 == m && d2 == d ? 0 : -1;
}

/* ---- arguments ----------------------------------------------------------------------- */

int report_args(int argc, char **argv, report_opts *o, err *e)
{
    memset(o, 0, sizeof *o);
    o->k = 5;
    o->from = T_MIN;
    o->to = T_MAX;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int64_t day;
        if (!strcmp(a, "--free-text")) {
            o->free_text = 1;
            continue;
        }
        if (a[0] != '-') {
            if (o->db)
                return err_set(e, "report: unexpected argument %s", a);
            o->db = a;
            continue;
        }
        if (strcmp(a, "--out") && strcmp(a, "--from") && strcmp(a, "--to") && strcmp(a, "--k") &&
            strcmp(a, "--pack") && strcmp(a, "--lang"))
            return err_set(e, "report: unknown option %s", a);
        if (!v)
            return err_set(e, "report: %s needs a value", a);
        i++;
        if (!strcmp(a, "--out"))
            o->out = v;
        else if (!strcmp(a, "--pack"))
            o->pack = v;
        else if (!strcmp(a, "--lang")) {
            if (!pack_valid_id(v))
                return err_set(e, "report: --lang %s: not a language code", v);
            o->lang = v;
        } else if (!strcmp(a, "--k")) {
            char *end;
            errno = 0;
            long k = strtol(v, &end, 10);
            if (errno || *end || end == v || k < 1 || k > 1000000)
                return err_set(e, "report: --k %s: expected a whole number from 1 to 1000000", v);
            o->k = k;
        } else if (parse_date(v, &day))
            return err_set(e, "report: %s %s: expected a date YYYY-MM-DD (2000 to 2099)", a, v);
        else if (!strcmp(a, "--from"))
            o->from = day * 86400;
        else
            o->to = (day + 1) * 86400; /* the whole day */
    }
    if (!o->db || !o->out)
        return err_set(e, "report: give the central database and --out DIR");
    if (o->from >= o->to)
        return err_set(e, "report: --from is after --to");
    if (o->lang && !o->pack)
        return err_set(e, "report: --lang chooses the language of a pack's titles: give --pack");
    return 0;
}

/* ---- interning and maps --------------------------------------------------------------- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb3fe1a85ec53ULL;
    return x ^ (x >> 33);
}

/* strings -> dense ids */
typedef struct strtab {
    char **s;
    int n, cap;
    int *slot; /* id + 1, 0 empty */
    size_t nslot;
} strtab;

static int intern(strtab *t, const char *s)
{
    if ((size_t)(t->n + 1) * 2 > t->nslot) {
        size_t ns = t->nslot ? t->nslot * 2 : 1024;
        int *slot = xcalloc(ns, sizeof *slot);
        for (int i = 0; i < t->n; i++) {
            size_t j = hash_str(t->s[i]) & (ns - 1);
            while (slot[j])
                j = (j + 1) & (ns - 1);
            slot[j] = i + 1;
        }
        free(t->slot);
        t->slot = slot, t->nslot = ns;
    }
    size_t j = hash_str(s) & (t->nslot - 1);
    while (t->slot[j]) {
        if (!strcmp(t->s[t->slot[j] - 1], s))
            return t->slot[j] - 1;
        j = (j + 1) & (t->nslot - 1);
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->s = xrealloc(t->s, (size_t)t->cap * sizeof *t->s);
    }
    t->s[t->n] = xstrdup(s);
    t->slot[j] = t->n + 1;
    return t->n++;
}

static void strtab_free(strtab *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
    free(t->slot);
}

/* 64-bit keys -> int values (-1 absent) */
typedef struct u64map {
    uint64_t *key; /* key + 1, 0 empty */
    int *val;
    size_t n, cap;
} u64map;

/* The value slot of key, made (set to -1) when absent. */
static int *u64map_at(u64map *m, uint64_t key)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 1024;
        uint64_t *k = xcalloc(nc, sizeof *k);
        int *v = xmalloc(nc * sizeof *v);
        for (size_t i = 0; i < m->cap; i++)
            if (m->key[i]) {
                size_t j = mix(m->key[i]) & (nc - 1);
                while (k[j])
                    j = (j + 1) & (nc - 1);
                k[j] = m->key[i], v[j] = m->val[i];
            }
        free(m->key);
        free(m->val);
        m->key = k, m->val = v, m->cap = nc;
    }
    uint64_t kk = key + 1;
    size_t j = mix(kk) & (m->cap - 1);
    while (m->key[j] && m->key[j] != kk)
        j = (j + 1) & (m->cap - 1);
    if (!m->key[j]) {
        m->key[j] = kk, m->val[j] = -1;
        m->n++;
    }
    return &m->val[j];
}

static void u64map_free(u64map *m)
{
    free(m->key);
    free(m->val);
}

/* ---- what one pass gathers ----------------------------------------------------------- */

typedef struct q_acc {
    int survey, id;        /* in surveys / words */
    int multi, free_text;
    int nvals;
    int val[MAX_VALUES];   /* in words */
    long count[MAX_VALUES];
    long people;           /* distinct submissions answering */
    long typed;            /* rows, when free text */
} q_acc;

typedef struct page_acc {
    int id; /* in words */
    long yes, no, reason[FEEDBACK_NREASONS];
} page_acc;

typedef struct dev_acc {
    int id; /* in words */
    long responses;
    int64_t first, last;
} dev_acc;

typedef struct acc {
    strtab words, subs, surveys;
    u64map resp, qmap, seen, pagemap, devmap, weekmap, langmap, wl;
    q_acc *q; int nq, qcap;
    page_acc *p; int np, pcap;
    dev_acc *dev; int ndev, devcap;
    long *survey_resp; int nsurvey_resp;
    int64_t *week; long *week_total; int nweeks, weekcap;
    int *lang; long *lang_total; int nlangs, langcap; /* lang: word id, -1 for "other" */
    int other_lang;
    long *wl_count; size_t nwl, wlcap; /* (week, lang) pairs in wl -> count */
    int helpful, reason; /* survey ids */
} acc;

#define GROW(p, n, cap)                                                                    \
    do {                                                                                   \
        if ((n) == (cap)) {                                                                \
            (cap) = (cap) ? 2 * (cap) : 64;                                                \
            (p) = xrealloc((p), (size_t)(cap) * sizeof *(p));                              \
        }                                                                                  \
    } while (0)

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

static int page_at(acc *g, int id)
{
    int *slot = u64map_at(&g->pagemap, (uint64_t)id);
    if (*slot < 0) {
        GROW(g->p, g->np, g->pcap);
        memset(&g->p[g->np], 0, sizeof g->p[g->np]);
        g->p[g->np].id = id;
        *slot = g->np++;
    }
    return *slot;
}

static int dev_at(acc *g, int id)
{
    int *slot = u64map_at(&g->devmap, (uint64_t)id);
    if (*slot < 0) {
        GROW(g->dev, g->ndev, g->devcap);
        g->dev[g->ndev] = (dev_acc){.id = id, .first = -1, .last = -1};
        *slot = g->ndev++;
    }
    return *slot;
}

/* One response: a page vote, or the first row of a survey's submission. */
static void add_response(acc *g, int survey, const char *lang, const char *device, int64_t t)
{
    while (g->nsurvey_resp <= survey) {
        g->survey_resp = xrealloc(g->survey_resp, (size_t)(g->nsurvey_resp + 1) * sizeof *g->survey_resp);
        g->survey_resp[g->nsurvey_resp++] = 0;
    }
    g->survey_resp[survey]++;
    int64_t day = floordiv(t, 86400);
    int64_t monday = day - ((day + 3) % 7 + 7) % 7;
    int *w = u64map_at(&g->weekmap, (uint64_t)monday);
    if (*w < 0) {
        if (g->nweeks == g->weekcap) {
            g->weekcap = g->weekcap ? 2 * g->weekcap : 64;
            g->week = xrealloc(g->week, (size_t)g->weekcap * sizeof *g->week);
            g->week_total = xrealloc(g->week_total, (size_t)g->weekcap * sizeof *g->week_total);
        }
        g->week[g->nweeks] = monday, g->week_total[g->nweeks] = 0;
        *w = g->nweeks++;
    }
    g->week_total[*w]++;
    int lid = pack_valid_id(lang) ? intern(&g->words, lang) : -1;
    int *l = u64map_at(&g->langmap, (uint64_t)(int64_t)lid);
    if (*l < 0) {
        if (g->nlangs >= MAX_LANGS && lid >= 0) {
            l = u64map_at(&g->langmap, (uint64_t)(int64_t)-1);
            lid = -1;
        }
        if (*l < 0) {
            if (g->nlangs == g->langcap) {
                g->langcap = g->langcap ? 2 * g->langcap : 16;
                g->lang = xrealloc(g->lang, (size_t)g->langcap * sizeof *g->lang);
                g->lang_total = xrealloc(g->lang_total, (size_t)g->langcap * sizeof *g->lang_total);
            }
            g->lang[g->nlangs] = lid, g->lang_total[g->nlangs] = 0;
            *l = g->nlangs++;
        }
    }
    g->lang_total[*l]++;
    int *c = u64map_at(&g->wl, (uint64_t)*w << 32 | (uint32_t)*l);
    if (*c < 0) {
        GROW(g->wl_count, g->nwl, g->wlcap);
        g->wl_count[g->nwl] = 0;
        *c = (int)g->nwl++;
    }
    g->wl_count[*c]++;
    int di = dev_at(g, intern(&g->words, device));
    g->dev[di].responses++;
}

static int q_at(acc *g, int survey, int id)
{
    int *slot = u64map_at(&g->qmap, (uint64_t)survey << 32 | (uint32_t)id);
    if (*slot < 0) {
        GROW(g->q, g->nq, g->qcap);
        memset(&g->q[g->nq], 0, sizeof g->q[g->nq]);
        g->q[g->nq].survey = survey, g->q[g->nq].id = id;
        *slot = g->nq++;
    }
    return *slot;
}

/* From now on the question holds typed text: what was counted as answers is typed too,
 * except "prefer not to say". */
static void free_text(acc *g, q_acc *q)
{
    q->free_text = 1;
    for (int j = 0; j < q->nvals; j++)
        if (strcmp(g->words.s[q->val[j]], FEEDBACK_PREFER_NOT))
            q->typed += q->count[j];
    q->nvals = 0;
}

static void add_row(acc *g, const char *device, const char *sub, const char *survey,
                    const char *question, const char *value, const char *lang, int64_t t)
{
    int s = intern(&g->surveys, survey);
    int di = dev_at(g, intern(&g->words, device));
    dev_acc *d = &g->dev[di];
    if (d->first < 0 || t < d->first)
        d->first = t;
    if (t > d->last)
        d->last = t;
    if (s == g->helpful || s == g->reason) {
        int pi = page_at(g, intern(&g->words, question));
        page_acc *p = &g->p[pi];
        if (s == g->helpful) {
            int yes = !strcmp(value, FEEDBACK_YES);
            if (!yes && strcmp(value, FEEDBACK_NO))
                return; /* not a vote */
            if (yes)
                p->yes++;
            else
                p->no++;
            add_response(g, s, lang, device, t);
        } else
            for (int i = 0; i < FEEDBACK_NREASONS; i++)
                if (!strcmp(value, feedback_reasons[i].id))
                    p->reason[i]++;
        return;
    }
    int sid = intern(&g->subs, sub);
    int *r = u64map_at(&g->resp, (uint64_t)sid << 32 | (uint32_t)s);
    if (*r < 0) {
        *r = 1;
        add_response(g, s, lang, device, t);
    }
    int qi = q_at(g, s, intern(&g->words, question));
    q_acc *q = &g->q[qi];
    int *seen = u64map_at(&g->seen, (uint64_t)sid << 32 | (uint32_t)(q - g->q));
    if (*seen < 0) {
        *seen = 1;
        q->people++;
    } else
        q->multi = 1;
    if (!q->free_text && !pack_valid_id(value))
        free_text(g, q);
    if (q->free_text) {
        q->typed += strcmp(value, FEEDBACK_PREFER_NOT) != 0;
        return;
    }
    int v = intern(&g->words, value), i = 0;
    while (i < q->nvals && q->val[i] != v)
        i++;
    if (i == q->nvals) {
        if (q->nvals == MAX_VALUES) { /* too many different answers for a choice */
            free_text(g, q);
            q->typed++;
            return;
        }
        q->val[q->nvals] = v, q->count[q->nvals++] = 0;
    }
    q->count[i]++;
}

static void acc_free(acc *g)
{
    strtab_free(&g->words);
    strtab_free(&g->subs);
    strtab_free(&g->surveys);
    u64map *maps[] = {&g->resp, &g->qmap, &g->seen, &g->pagemap, &g->devmap, &g->weekmap, &g->langmap, &g->wl};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
        u64map_free(maps[i]);
    free(g->q);
    free(g->p);
    free(g->dev);
    free(g->survey_resp);
    free(g->week);
    free(g->week_total);
    free(g->lang);
    free(g->lang_total);
    free(g->wl_count);
}

/* ---- the database -------------------------------------------------------------------- */

/* Opens the database read-only, refusing what is not the merge's: its three tables must be
 * plain tables (a view would run its own SQL; a virtual table its module). A newer
 * CENTRAL_VERSION only adds columns and tables (sync/central.h), so it is read as well. */
static sqlite3 *db_open(const char *path, err *e)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
        err_set(e, "%s: cannot open: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    static const char *const tables[] = {"answers", "devices", "batches"};
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *st;
        int rc = sqlite3_prepare_v2(db, "SELECT type, sql FROM sqlite_master WHERE name = ?1", -1, &st, NULL);
        if (rc != SQLITE_OK) {
            err_set(e, "%s: damaged or not a Sveiki central database: %s", path, sqlite3_errmsg(db));
            sqlite3_close(db);
            return NULL;
        }
        sqlite3_bind_text(st, 1, tables[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        int ok = rc == SQLITE_ROW && !strcmp(col_text(st, 0), "table") &&
                 !strncmp(col_text(st, 1), "CREATE TABLE", 12);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            err_set(e, "%s: damaged or not a Sveiki central database: %s", path, sqlite3_errmsg(db));
        else if (!ok)
            err_set(e, "%s: not a Sveiki central database: no table \"%s\"", path, tables[i]);
        sqlite3_finalize(st);
        if (!ok) {
            sqlite3_close(db);
            return NULL;
        }
    }
    return db;
}

static int db_fail(sqlite3 *db, const char *path, err *e)
{
    return err_set(e, "%s: not a Sveiki central database: %s", path, sqlite3_errmsg(db));
}

static int read_answers(sqlite3 *db, const report_opts *o, acc *g, report_data *d, err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT device, submission, survey, question, value, lang, period "
                           "FROM answers WHERE period >= ?1 AND period < ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(db, o->db, e);
    sqlite3_bind_int64(st, 1, o->from);
    sqlite3_bind_int64(st, 2, o->to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 6) != SQLITE_INTEGER) {
            d->skipped_time++;
            continue;
        }
        int64_t t = sqlite3_column_int64(st, 6);
        if (t < T_MIN || t >= T_MAX) {
            d->skipped_time++;
            continue;
        }
        d->answers++;
        if (d->first < 0 || t < d->first)
            d->first = t;
        if (t > d->last)
            d->last = t;
        add_row(g, col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3),
                col_text(st, 4), col_text(st, 5), t);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return err_set(e, "%s: reading answers: %s", o->db, sqlite3_errmsg(db));
    return 0;
}

/* Devices the merge knows, with their newest batch, also those without answers here. */
static int read_devices(sqlite3 *db, const report_opts *o, acc *g, report_data *d, err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, last_merged, (SELECT name FROM batches b WHERE b.device = d.id "
                           "ORDER BY b.last_seq DESC, b.name DESC LIMIT 1) FROM devices d",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(db, o->db, e);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        dev_at(g, intern(&g->words, col_text(st, 0)));
    if (rc != SQLITE_DONE) {
        sqlite3_finalize(st);
        return err_set(e, "%s: reading devices: %s", o->db, sqlite3_errmsg(db));
    }
    d->ndevices = g->ndev;
    d->devices = arena_alloc(&d->a, (size_t)(g->ndev ? g->ndev : 1) * sizeof *d->devices);
    for (int i = 0; i < g->ndev; i++)
        d->devices[i] = (report_device){.id = arena_strdup(&d->a, g->words.s[g->dev[i].id]),
                                        .first = g->dev[i].first, .last = g->dev[i].last,
                                        .merged = -1};
    sqlite3_reset(st);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int *slot = u64map_at(&g->devmap, (uint64_t)intern(&g->words, col_text(st, 0)));
        report_device *dv = &d->devices[*slot];
        if (sqlite3_column_type(st, 1) == SQLITE_INTEGER)
            dv->merged = sqlite3_column_int64(st, 1);
        if (sqlite3_column_type(st, 2) != SQLITE_NULL)
            dv->last_batch = arena_strdup(&d->a, col_text(st, 2));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return err_set(e, "%s: reading devices: %s", o->db, sqlite3_errmsg(db));
    return 0;
}

/* ---- labels -------------------------------------------------------------------------- */

static const struct { const char *code, *name; } lang_names[] = {
    {"lv", "Latvian"}, {"en", "English"}, {"ru", "Russian"}, {"uk", "Ukrainian"},
    {"ar", "Arabic"}, {"fa", "Persian"}, {"ku", "Kurmanji Kurdish"}, {"ti", "Tigrinya"},
    {"fr", "French"}, {"de", "German"}, {"lt", "Lithuanian"}, {"et", "Estonian"},
    {"pl", "Polish"}, {"be", "Belarusian"}, {"ps", "Pashto"}, {"so", "Somali"},
    {"es", "Spanish"}, {"tr", "Turkish"}, {"ckb", "Sorani Kurdish"}, {"prs", "Dari"},
};

/* ---- from gathered counts to cells ----------------------------------------------------- */

static int cell(report_data *d, long v) { return report_cells_add(&d->cells, v); }

static int cmp_week(const void *a, const void *b)
{
    int64_t x = ((const report_week *)a)->day, y = ((const report_week *)b)->day;
    return (x > y) - (x < y);
}

typedef struct idx_str { int i; const char *s; } idx_str;
static int cmp_idx_str(const void *a, const void *b)
{
    return strcmp(((const idx_str *)a)->s, ((const idx_str *)b)->s);
}

/* Weeks x languages, with every response as the total. */
static void build_weeks(report_data *d, acc *g)
{
    d->nweeks = g->nweeks;
    d->weeks = arena_alloc(&d->a, (size_t)(g->nweeks + 1) * sizeof *d->weeks);
    int *worder = arena_alloc(&d->a, (size_t)(g->nweeks + 1) * sizeof *worder);
    for (int i = 0; i < g->nweeks; i++)
        d->weeks[i] = (report_week){.day = g->week[i], .total = i}; /* total: old index for now */
    qsort(d->weeks, (size_t)g->nweeks, sizeof *d->weeks, cmp_week);
    for (int i = 0; i < g->nweeks; i++)
        worder[i] = d->weeks[i].total;
    /* languages: the pack's order when there is one, else by code; "other" last */
    idx_str *ls = arena_alloc(&d->a, (size_t)(g->nlangs + 1) * sizeof *ls);
    for (int i = 0; i < g->nlangs; i++)
        ls[i] = (idx_str){i, g->lang[i] < 0 ? "\x7f" : g->words.s[g->lang[i]]};
    qsort(ls, (size_t)g->nlangs, sizeof *ls, cmp_idx_str);
    d->nlangs = g->nlangs;
    d->langs = arena_alloc(&d->a, (size_t)(g->nlangs + 1) * sizeof *d->langs);
    for (int j = 0; j < g->nlangs; j++) {
        report_lang *l = &d->langs[j];
        int li = g->lang[ls[j].i];
        l->code = li < 0 ? "other" : arena_strdup(&d->a, g->words.s[li]);
        for (size_t n = 0; n < sizeof lang_names / sizeof *lang_names && li >= 0; n++)
            if (!strcmp(lang_names[n].code, l->code))
                l->name = lang_names[n].name;
        if (li < 0)
            l->name = "Other or unknown codes";
    }
    d->all = cell(d, 0);
    long all = 0;
    d->week_lang = arena_alloc(&d->a, (size_t)(g->nweeks * g->nlangs + 1) * sizeof *d->week_lang);
    for (int i = 0; i < g->nweeks; i++)
        for (int j = 0; j < g->nlangs; j++) {
            int *c = u64map_at(&g->wl, (uint64_t)worder[i] << 32 | (uint32_t)ls[j].i);
            long v = *c >= 0 ? g->wl_count[*c] : 0;
            d->week_lang[i * g->nlangs + j] = cell(d, v);
            all += v;
        }
    d->cells.value[d->all] = all;
    int *line = arena_alloc(&d->a, (size_t)(g->nweeks + g->nlangs + 1) * sizeof *line);
    for (int i = 0; i < g->nweeks; i++) {
        d->weeks[i].total = cell(d, g->week_total[worder[i]]);
        report_cells_line(&d->cells, d->week_lang + i * g->nlangs, g->nlangs, d->weeks[i].total, 1);
        line[i] = d->weeks[i].total;
    }
    report_cells_line(&d->cells, line, g->nweeks, d->all, 1);
    for (int j = 0; j < g->nlangs; j++) {
        d->langs[j].total = cell(d, g->lang_total[ls[j].i]);
        for (int i = 0; i < g->nweeks; i++)
            line[i] = d->week_lang[i * g->nlangs + j];
        report_cells_line(&d->cells, line, g->nweeks, d->langs[j].total, 1);
    }
    for (int j = 0; j < g->nlangs; j++)
        line[j] = d->langs[j].total;
    report_cells_line(&d->cells, line, g->nlangs, d->all, 1);
}

/* Pages: votes and reasons, two tables with their totals. */
static void build_pages(report_data *d, acc *g, content *c, const char *lang)
{
    d->npages = g->np;
    d->pages = arena_alloc(&d->a, (size_t)(g->np + 1) * sizeof *d->pages);
    int *line = arena_alloc(&d->a, (size_t)(g->np + 1) * sizeof *line);
    d->votes = cell(d, 0);
    long yes = 0, no = 0, rs[FEEDBACK_NREASONS] = {0}, rall = 0;
    for (int i = 0; i < g->np; i++) {
        page_acc *p = &g->p[i];
        report_page *rp = &d->pages[i];
        rp->id = arena_strdup(&d->a, g->words.s[p->id]);
        content_page pg;
        if (c && pack_valid_id(rp->id) && !content_page_get(c, rp->id, lang, &d->a, &pg))
            rp->title = pg.title;
        rp->yes = cell(d, p->yes);
        rp->no = cell(d, p->no);
        rp->votes = cell(d, p->yes + p->no);
        int two[2] = {rp->yes, rp->no};
        report_cells_line(&d->cells, two, 2, rp->votes, 1);
        yes += p->yes, no += p->no;
        long r = 0;
        for (int j = 0; j < FEEDBACK_NREASONS; j++)
            r += p->reason[j];
        rp->reasons = -1;
        if (r) {
            for (int j = 0; j < FEEDBACK_NREASONS; j++)
                rp->reason[j] = cell(d, p->reason[j]), rs[j] += p->reason[j];
            rp->reasons = cell(d, r);
            rall += r;
            report_cells_line(&d->cells, rp->reason, FEEDBACK_NREASONS, rp->reasons, 1);
        }
    }
    d->cells.value[d->votes] = yes + no;
    d->yes_all = cell(d, yes);
    d->no_all = cell(d, no);
    int two[2] = {d->yes_all, d->no_all};
    report_cells_line(&d->cells, two, 2, d->votes, 1);
    const int off[3] = {offsetof(report_page, yes), offsetof(report_page, no), offsetof(report_page, votes)};
    const int tot[3] = {d->yes_all, d->no_all, d->votes};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < g->np; i++)
            line[i] = *(int *)((char *)&d->pages[i] + off[k]);
        report_cells_line(&d->cells, line, g->np, tot[k], 1);
    }
    d->reasons_all = cell(d, rall);
    for (int j = 0; j < FEEDBACK_NREASONS; j++) {
        d->reason_all[j] = cell(d, rs[j]);
        int n = 0;
        for (int i = 0; i < g->np; i++)
            if (d->pages[i].reasons >= 0)
                line[n++] = d->pages[i].reason[j];
        report_cells_line(&d->cells, line, n, d->reason_all[j], 1);
    }
    report_cells_line(&d->cells, d->reason_all, FEEDBACK_NREASONS, d->reasons_all, 1);
    int n = 0;
    for (int i = 0; i < g->np; i++)
        if (d->pages[i].reasons >= 0)
            line[n++] = d->pages[i].reasons;
    report_cells_line(&d->cells, line, n, d->reasons_all, 1);
}

/* The order of a survey's questions: the pack's, then the background block, then the rest by
 * id. */
static int q_rank(const content_survey *ps, const char *id)
{
    for (int i = 0; ps && i < ps->nquestions; i++)
        if (!strcmp(ps->questions[i].id, id))
            return i;
    const feedback_background_q *b = feedback_background_find(id);
    if (b)
        return 1000 + (int)(b - feedback_background);
    return 2000;
}

typedef struct q_sort { int i, rank; const char *id; } q_sort;
static int cmp_q(const void *a, const void *b)
{
    const q_sort *x = a, *y = b;
    return x->rank != y->rank ? (x->rank > y->rank) - (x->rank < y->rank) : strcmp(x->id, y->id);
}

/* Values in the order shown, each with its label: the pack's choices (or faces, yes/no, the
 * background block) first, every one of them even when nobody chose it, then "prefer not to
 * say", then answers the pack does not know, by id. */
static void build_values(report_data *d, acc *g, q_acc *qa, report_question *q,
                         const content_question *pq)
{
    const char *ids[MAX_VALUES * 2 + 8], *labels[MAX_VALUES * 2 + 8];
    int n = 0;
    int type = pq ? pq->type : -1;
    if (type < 0) { /* without the pack: faces when every answer is 1 to 4 */
        int faces = qa->nvals > 0;
        for (int i = 0; i < qa->nvals && faces; i++) {
            const char *v = g->words.s[qa->val[i]];
            int face = 0;
            for (int k = 0; k < FEEDBACK_NFACES; k++)
                face |= !strcmp(v, feedback_faces[k].id);
            faces = face || !strcmp(v, FEEDBACK_PREFER_NOT);
        }
        if (faces)
            type = CONTENT_Q_FACES;
    }
    if (type == CONTENT_Q_FACES)
        for (int i = 0; i < FEEDBACK_NFACES; i++)
            ids[n] = feedback_faces[i].id, labels[n++] = feedback_faces[i].label;
    else if (pq && (type == CONTENT_Q_SINGLE || type == CONTENT_Q_MULTI))
        for (int i = 0; i < pq->nchoices; i++)
            ids[n] = pq->choices[i].id, labels[n++] = pq->choices[i].label;
    else if (feedback_background_find(q->id))
        for (const feedback_term *t = feedback_background_find(q->id)->choices; t->id; t++)
            ids[n] = t->id, labels[n++] = t->label;
    int yesno = type == CONTENT_Q_YESNO;
    for (int i = 0; i < qa->nvals && !pq && n == 0; i++)
        yesno |= !strcmp(g->words.s[qa->val[i]], FEEDBACK_YES) ||
                 !strcmp(g->words.s[qa->val[i]], FEEDBACK_NO);
    if (yesno && n == 0) {
        ids[n] = FEEDBACK_YES, labels[n++] = "Yes";
        ids[n] = FEEDBACK_NO, labels[n++] = "No";
    }
    ids[n] = FEEDBACK_PREFER_NOT, labels[n++] = "Prefer not to say";
    int known = n;
    idx_str extra[MAX_VALUES];
    int nextra = 0;
    for (int i = 0; i < qa->nvals; i++) {
        const char *v = g->words.s[qa->val[i]];
        int j = 0;
        while (j < known && strcmp(ids[j], v))
            j++;
        if (j == known)
            extra[nextra++] = (idx_str){i, v};
    }
    qsort(extra, (size_t)nextra, sizeof *extra, cmp_idx_str);
    for (int i = 0; i < nextra; i++)
        ids[n] = extra[i].s, labels[n++] = NULL;
    q->values = arena_alloc(&d->a, (size_t)n * sizeof *q->values);
    q->nvalues = n;
    int cells[MAX_VALUES * 2 + 8];
    long sum = 0;
    for (int j = 0; j < n; j++) {
        long v = 0;
        for (int i = 0; i < qa->nvals; i++)
            if (!strcmp(g->words.s[qa->val[i]], ids[j]))
                v = qa->count[i];
        q->values[j] = (report_value){arena_strdup(&d->a, ids[j]),
                                      labels[j] ? arena_strdup(&d->a, labels[j]) : NULL, cell(d, v)};
        cells[j] = q->values[j].cell;
        sum += v;
    }
    /* one answer a person, except where people could choose several: then the total is the
     * people who answered and the counts only sum to more */
    q->total = cell(d, q->multi ? qa->people : sum);
    report_cells_line(&d->cells, cells, n, q->total, !q->multi);
}

static void build_surveys(report_data *d, acc *g, content *c, const char *lang)
{
    content_item *packs = NULL;
    int npacks = c ? content_surveys(c, lang, &d->a, &packs) : 0;
    /* surveys that have responses (page votes are not a survey here) */
    q_sort *ss = arena_alloc(&d->a, (size_t)(g->surveys.n + 1) * sizeof *ss);
    int ns = 0;
    for (int s = 0; s < g->surveys.n; s++) {
        if (s == g->helpful || s == g->reason || s >= g->nsurvey_resp || !g->survey_resp[s])
            continue;
        int rank = npacks;
        for (int i = 0; i < npacks; i++)
            if (!strcmp(packs[i].id, g->surveys.s[s]))
                rank = i;
        ss[ns++] = (q_sort){s, rank, g->surveys.s[s]};
    }
    qsort(ss, (size_t)ns, sizeof *ss, cmp_q);
    d->nsurveys = ns;
    d->surveys = arena_alloc(&d->a, (size_t)(ns + 1) * sizeof *d->surveys);
    q_sort *qs = arena_alloc(&d->a, (size_t)(g->nq + 1) * sizeof *qs);
    report_topic *topics = arena_alloc(&d->a, (size_t)(g->nq * (MAX_VALUES * 2 + 8) + 1) * sizeof *topics);
    long typed = 0;
    int *typed_cells = arena_alloc(&d->a, (size_t)(g->nq + 1) * sizeof *typed_cells), ntyped = 0;
    for (int k = 0; k < ns; k++) {
        report_survey *rs = &d->surveys[k];
        int s = ss[k].i;
        rs->id = arena_strdup(&d->a, g->surveys.s[s]);
        rs->responses = cell(d, g->survey_resp[s]);
        content_survey psv, *ps = NULL;
        if (c && pack_valid_id(rs->id) && !content_survey_get(c, rs->id, lang, &d->a, &psv))
            ps = &psv, rs->title = psv.title && *psv.title ? psv.title : NULL;
        int nq = 0;
        for (int i = 0; i < g->nq; i++)
            if (g->q[i].survey == s)
                qs[nq] = (q_sort){i, q_rank(ps, g->words.s[g->q[i].id]), g->words.s[g->q[i].id]}, nq++;
        qsort(qs, (size_t)nq, sizeof *qs, cmp_q);
        rs->nquestions = nq;
        rs->questions = arena_alloc(&d->a, (size_t)(nq + 1) * sizeof *rs->questions);
        for (int j = 0; j < nq; j++) {
            q_acc *qa = &g->q[qs[j].i];
            report_question *q = &rs->questions[j];
            q->survey = rs->id;
            q->id = arena_strdup(&d->a, g->words.s[qa->id]);
            const content_question *pq = NULL;
            if (qs[j].rank < 1000 && ps)
                pq = &ps->questions[qs[j].rank];
            if (!pq && feedback_background_find(q->id))
                q->text = feedback_background_find(q->id)->heading;
            if (pq)
                q->text = pq->text;
            q->multi = pq ? pq->type == CONTENT_Q_MULTI : qa->multi;
            q->free_text = qa->free_text || (pq && pq->type == CONTENT_Q_TEXT);
            if (q->free_text) {
                long t = qa->typed;
                for (int i = 0; i < qa->nvals; i++)
                    if (strcmp(g->words.s[qa->val[i]], FEEDBACK_PREFER_NOT))
                        t += qa->count[i];
                q->total = cell(d, t);
                typed_cells[ntyped++] = q->total;
                typed += t;
                continue;
            }
            build_values(d, g, qa, q, pq);
            if (q->multi)
                for (int v = 0; v < q->nvalues; v++)
                    if (strcmp(q->values[v].id, FEEDBACK_PREFER_NOT))
                        topics[d->ntopics] = (report_topic){q, &q->values[v], d->ntopics}, d->ntopics++;
        }
    }
    d->topics = topics;
    d->free_text = cell(d, typed);
    report_cells_line(&d->cells, typed_cells, ntyped, d->free_text, 1);
    /* responses by survey: page votes, each survey, all */
    int *line = arena_alloc(&d->a, (size_t)(ns + 2) * sizeof *line);
    line[0] = d->votes;
    for (int k = 0; k < ns; k++)
        line[k + 1] = d->surveys[k].responses;
    report_cells_line(&d->cells, line, ns + 1, d->all, 1);
}

static void build_devices(report_data *d, acc *g)
{
    int *line = arena_alloc(&d->a, (size_t)(d->ndevices + 1) * sizeof *line);
    idx_str *order = arena_alloc(&d->a, (size_t)(d->ndevices + 1) * sizeof *order);
    for (int i = 0; i < d->ndevices; i++)
        order[i] = (idx_str){i, d->devices[i].id};
    qsort(order, (size_t)d->ndevices, sizeof *order, cmp_idx_str);
    report_device *sorted = arena_alloc(&d->a, (size_t)(d->ndevices + 1) * sizeof *sorted);
    for (int i = 0; i < d->ndevices; i++) {
        sorted[i] = d->devices[order[i].i];
        sorted[i].responses = cell(d, g->dev[order[i].i].responses);
        line[i] = sorted[i].responses;
    }
    d->devices = sorted;
    report_cells_line(&d->cells, line, d->ndevices, d->all, 1);
}

/* After suppression: pages whose yes and no both show, worst first; then the others by id.
 * A page whose counts are hidden is never placed by them. */
static int cmp_page(const void *a, const void *b)
{
    const report_page *x = a, *y = b;
    if (x->ranked != y->ranked)
        return y->ranked - x->ranked;
    if (x->ranked && x->rate != y->rate)
        return (x->rate > y->rate) - (x->rate < y->rate);
    if (x->ranked && x->nvotes != y->nvotes) /* more votes first */
        return (x->nvotes < y->nvotes) - (x->nvotes > y->nvotes);
    return strcmp(x->id, y->id);
}

static const report_data *topic_data;
static int cmp_topic(const void *a, const void *b)
{
    const report_topic *x = a, *y = b;
    const report_cells *c = &topic_data->cells;
    int hx = report_cells_hidden(c, x->v->cell), hy = report_cells_hidden(c, y->v->cell);
    if (x->q != y->q)
        return x->order - y->order;
    if (hx != hy)
        return hx - hy;
    if (!hx && c->value[x->v->cell] != c->value[y->v->cell])
        return c->value[x->v->cell] < c->value[y->v->cell] ? 1 : -1;
    return x->order - y->order;
}

static void rank(report_data *d)
{
    const report_cells *c = &d->cells;
    for (int i = 0; i < d->npages; i++) {
        report_page *p = &d->pages[i];
        long y = c->value[p->yes], n = c->value[p->no];
        p->ranked = !c->hidden[p->yes] && !c->hidden[p->no] && y + n > 0;
        p->rate = p->ranked ? (double)y / (double)(y + n) : 0;
        p->nvotes = p->ranked ? y + n : 0;
    }
    qsort(d->pages, (size_t)d->npages, sizeof *d->pages, cmp_page);
    topic_data = d;
    qsort(d->topics, (size_t)d->ntopics, sizeof *d->topics, cmp_topic);
    topic_data = NULL;
}

/* ---- shown values -------------------------------------------------------------------- */

const char *report_show(const report_data *d, int cell)
{
    static char out[8][32];
    static int k;
    return report_cells_show(&d->cells, cell, d->o->k, out[k++ % 8]);
}

const char *report_share(const report_data *d, int cell, int total)
{
    static char out[8][16];
    static int k;
    char *p = out[k++ % 8];
    const report_cells *c = &d->cells;
    if (c->hidden[cell] || c->hidden[total] || !c->value[total])
        return "";
    snprintf(p, 16, "%.1f", 100.0 * (double)c->value[cell] / (double)c->value[total]);
    return p;
}

/* ---- free text ------------------------------------------------------------------------ */

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
 * language and week, sorted so nothing ties a line to a submission. */
static int write_free_text(sqlite3 *db, const report_data *d, const char *path, err *e)
{
    const report_opts *o = d->o;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT survey, question, lang, period, value FROM answers "
                               "WHERE period >= ?1 AND period < ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(db, o->db, e);
    sqlite3_bind_int64(st, 1, o->from);
    sqlite3_bind_int64(st, 2, o->to);
    arena a = {0};
    text_row *rows = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 3) != SQLITE_INTEGER)
            continue;
        int64_t t = sqlite3_column_int64(st, 3);
        if (t < T_MIN || t >= T_MAX)
            continue;
        const char *sv = col_text(st, 0), *qn = col_text(st, 1);
        if (!strcmp(col_text(st, 4), FEEDBACK_PREFER_NOT))
            continue;
        int order = 0, found = 0;
        for (int s = 0; s < d->nsurveys && !found; s++)
            for (int q = 0; q < d->surveys[s].nquestions && !found; q++, order++) {
                const report_question *rq = &d->surveys[s].questions[q];
                found = rq->free_text && !strcmp(rq->survey, sv) && !strcmp(rq->id, qn);
            }
        if (!found)
            continue;
        GROW(rows, n, cap);
        int64_t day = floordiv(t, 86400);
        rows[n++] = (text_row){arena_strdup(&a, sv), arena_strdup(&a, qn),
                               arena_strdup(&a, col_text(st, 2)), arena_strdup(&a, col_text(st, 4)),
                               day - ((day + 3) % 7 + 7) % 7, order};
    }
    sqlite3_finalize(st);
    int ret = 0;
    if (rc != SQLITE_DONE)
        ret = err_set(e, "%s: reading answers: %s", o->db, sqlite3_errmsg(db));
    else {
        qsort(rows, n, sizeof *rows, cmp_text);
        buf b;
        buf_init(&b);
        buf_adds(&b, "survey,question,language,week_starting,text\r\n");
        for (size_t i = 0; i < n; i++) {
            report_csv(&b, rows[i].survey);
            buf_addc(&b, ',');
            report_csv(&b, rows[i].question);
            buf_addc(&b, ',');
            report_csv(&b, rows[i].lang);
            buf_addc(&b, ',');
            buf_adds(&b, report_day(rows[i].week));
            buf_addc(&b, ',');
            report_csv(&b, rows[i].text);
            buf_adds(&b, "\r\n");
        }
        ret = fs_write_atomic(path, b.data, b.len, 0600, e);
        buf_free(&b);
    }
    free(rows);
    arena_free(&a);
    return ret;
}

/* ---- the whole run ------------------------------------------------------------------- */

int report_run(const report_opts *o, report_result *r, err *e)
{
    memset(r, 0, sizeof *r);
    report_data d = {.o = o, .first = -1, .last = -1};
    report_cells_init(&d.cells);
    acc g = {0};
    content *c = NULL;
    sqlite3 *db = NULL;
    int ret = -1;
    char path[4200];
    g.helpful = intern(&g.surveys, FEEDBACK_HELPFUL);
    g.reason = intern(&g.surveys, FEEDBACK_REASON);
    if (o->pack) {
        if (!(c = content_open(o->pack, e)))
            goto out;
        d.pack_id = content_pack_id(c);
        d.pack_version = content_version(c);
        d.pack_lang = o->lang ? o->lang : content_fallback(c);
        if (!content_find_lang(c, d.pack_lang)) {
            err_set(e, "%s: no language \"%s\" in this pack", o->pack, d.pack_lang);
            goto out;
        }
    }
    if (!(db = db_open(o->db, e)) || read_answers(db, o, &g, &d, e) || read_devices(db, o, &g, &d, e))
        goto out;
    const char *slash = strrchr(o->db, '/');
    d.db_name = slash ? slash + 1 : o->db;
    build_weeks(&d, &g);
    for (int j = 0; c && j < d.nlangs; j++) {
        const content_lang *cl = strcmp(d.langs[j].code, "other") ? content_find_lang(c, d.langs[j].code) : NULL;
        if (cl && cl->name)
            d.langs[j].own = arena_strdup(&d.a, cl->name);
    }
    build_pages(&d, &g, c, d.pack_lang);
    build_surveys(&d, &g, c, d.pack_lang);
    build_devices(&d, &g);
    report_cells_suppress(&d.cells, o->k);
    rank(&d);
    r->answers = d.answers;
    r->responses = d.cells.value[d.all];
    if (fs_mkdirs(o->out, e))
        goto out;
    snprintf(path, sizeof path, "%s/index.html", o->out);
    if (report_html_write(&d, path, e))
        goto out;
    r->files++;
    if (report_csv_write(&d, o->out, &r->files, e))
        goto out;
    snprintf(path, sizeof path, "%s/free-text.csv", o->out);
    if (o->free_text) {
        if (write_free_text(db, &d, path, e))
            goto out;
        r->files++;
    } else {
        /* an earlier run's typed text must not travel on with this folder */
        if (fs_exists(path)) {
            if (fs_remove(path, e))
                goto out;
            r->free_text_removed = 1;
        }
    }
    ret = 0;
out:
    sqlite3_close(db);
    content_close(c);
    acc_free(&g);
    report_cells_free(&d.cells);
    arena_free(&d.a);
    return ret;
}
