#include "pack/format.h"
#include "core/buf.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pack_valid_id(const char *s)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    if (n == 0 || n > PACK_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return 0;
    return 1;
}

/* ---- schema ------------------------------------------------------------------------- */

const char *const pack_schema[] = {
    PACK_SCHEMA_META,
    "CREATE TABLE languages(code TEXT PRIMARY KEY, ord INTEGER, name TEXT, rtl INTEGER)",
    "CREATE TABLE texts(owner TEXT, key TEXT, lang TEXT, text TEXT, PRIMARY KEY(owner, key, lang))",
    "CREATE TABLE strings(lang TEXT, msgid TEXT, msgstr TEXT, PRIMARY KEY(lang, msgid))",
    "CREATE TABLE categories(id TEXT PRIMARY KEY, ord INTEGER, icon INTEGER)",
    "CREATE TABLE stages(id TEXT PRIMARY KEY, ord INTEGER, icon INTEGER)",
    "CREATE TABLE links(owner TEXT, ord INTEGER, page TEXT, PRIMARY KEY(owner, ord))",
    "CREATE TABLE pages(id TEXT, lang TEXT, title TEXT, status TEXT, checked TEXT, sources TEXT,"
    " outdated INTEGER, PRIMARY KEY(id, lang))",
    "CREATE TABLE blocks(page TEXT, lang TEXT, seq INTEGER, kind TEXT, text TEXT, value TEXT,"
    " bold TEXT, PRIMARY KEY(page, lang, seq))",
    "CREATE TABLE yousaid(id TEXT PRIMARY KEY, ord INTEGER, date TEXT)",
    /* background: the names of the background questions asked, space-separated, in the
     * kiosk's order (NULL: none); under18: "notice" or "end" when age is asked */
    "CREATE TABLE surveys(id TEXT PRIMARY KEY, ord INTEGER, background TEXT, under18 TEXT)",
    "CREATE TABLE questions(survey TEXT, id TEXT, ord INTEGER, type TEXT, PRIMARY KEY(survey, id))",
    "CREATE TABLE answers(survey TEXT, question TEXT, id TEXT, ord INTEGER, icon INTEGER,"
    " PRIMARY KEY(survey, question, id))",
    /* the way out for people in danger (help.txt): hotlines, their names in texts
     * (hotline:<id>), and the words and phrases that signal danger, per language */
    "CREATE TABLE hotlines(id TEXT PRIMARY KEY, ord INTEGER, phone TEXT)",
    "CREATE TABLE danger(lang TEXT, phrase TEXT, PRIMARY KEY(lang, phrase))",
    /* read aloud: a page's recording in a language (Ogg Opus), pages/<id>/<lang>.opus */
    "CREATE TABLE recordings(page TEXT, lang TEXT, data BLOB, PRIMARY KEY(page, lang))",
    NULL,
};

/* The tables an older format defined otherwise, which the reader still takes: a pack of
 * that format has every other table as pack_schema has it. */
static const struct {
    int format;
    const char *name, *sql;
} older[] = {
    {1, "surveys", "CREATE TABLE surveys(id TEXT PRIMARY KEY, ord INTEGER)"},
};

#define SEARCH_PREFIX "search_"

/* snprintf that fails whole: a cut name would name another table */
static int put(char *out, size_t cap, int n)
{
    if (n < 0 || (size_t)n >= cap) {
        if (cap)
            out[0] = 0;
        return -1;
    }
    return 0;
}

int pack_search_table(char *out, size_t cap, const char *code)
{
    if (!pack_valid_id(code)) {
        if (cap)
            out[0] = 0;
        return -1;
    }
    return put(out, cap, snprintf(out, cap, SEARCH_PREFIX "%s", code));
}

int pack_search_create(char *out, size_t cap, const char *code)
{
    if (!pack_valid_id(code)) {
        if (cap)
            out[0] = 0;
        return -1;
    }
    /* remove_diacritics 2: Latvian without its diacritics still finds; the builder folds
     * Arabic and Persian letter variants before indexing */
    return put(out, cap,
               snprintf(out, cap,
                        "CREATE VIRTUAL TABLE " SEARCH_PREFIX "%s USING fts5(page UNINDEXED,"
                        " title, body, tokenize='unicode61 remove_diacritics 2')", code));
}

/* One row of sqlite_master. */
typedef struct row {
    char *type, *name, *tbl, *sql; /* sql is NULL for the indexes of primary keys */
    int seen;
} row;

typedef struct rows {
    row *v;
    int n;
} rows;

/* More rows than any pack has (15 tables and their keys, 6 rows per search table) */
#define MAX_ROWS 256

static char *dup_col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static void rows_free(rows *r)
{
    for (int k = 0; k < r->n; k++)
        free(r->v[k].type), free(r->v[k].name), free(r->v[k].tbl), free(r->v[k].sql);
    free(r->v);
    r->v = NULL, r->n = 0;
}

static int same(const char *a, const char *b)
{
    return a && b ? !strcmp(a, b) : a == b;
}

static int by_name(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
    return c ? c : strcmp(x->type ? x->type : "", y->type ? y->type : "");
}

/* Reads sqlite_master, sorted by name so the first problem reported is always the same.
 * 0, -1 on a read error (SQLite's message in db), -2 on more than MAX_ROWS rows. */
static int read_rows(sqlite3 *db, rows *r)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_master", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (r->n == MAX_ROWS) {
            sqlite3_finalize(st);
            return -2;
        }
        r->v = xrealloc(r->v, (size_t)(r->n + 1) * sizeof *r->v);
        row *x = &r->v[r->n++];
        x->type = dup_col(st, 0), x->name = dup_col(st, 1);
        x->tbl = dup_col(st, 2), x->sql = dup_col(st, 3);
        x->seen = 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    if (r->n > 1)
        qsort(r->v, (size_t)r->n, sizeof *r->v, by_name);
    return 0;
}

/* A name from the pack, fit for a message: printable ASCII only, cut short. */
static const char *shown(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (; s && *s && n + 4 < cap; s++)
        out[n++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
    if (s && *s)
        out[n++] = '.', out[n++] = '.', out[n++] = '.';
    out[n] = 0;
    return out;
}

/* The search table a row is, if it is one the builder writes: its language code. */
static const char *search_code(const row *x)
{
    if (!same(x->type, "table") || !x->name || strncmp(x->name, SEARCH_PREFIX, strlen(SEARCH_PREFIX)))
        return NULL;
    const char *code = x->name + strlen(SEARCH_PREFIX);
    char sql[256];
    if (pack_search_create(sql, sizeof sql, code) || !same(x->sql, sql))
        return NULL;
    return code;
}

static void add_row(rows *r, const char *type, const char *name, const char *tbl, const char *sql)
{
    r->v = xrealloc(r->v, (size_t)(r->n + 1) * sizeof *r->v);
    r->v[r->n++] = (row){xstrdup(type), xstrdup(name), xstrdup(tbl), sql ? xstrdup(sql) : NULL, 0};
}

/* The shadow tables FTS5 keeps for a search table (%s: its name) with the columns of
 * pack_search_create, as SQLite writes them in sqlite_master. They used to be read back
 * from a reference database built at every open, a fifth of the kiosk's start-up; SQLite
 * decides them, so test_format checks this list against what the linked SQLite creates. */
static const char *const search_shadows[][2] = {
    {"%s_config", "CREATE TABLE '%s_config'(k PRIMARY KEY, v) WITHOUT ROWID"},
    {"%s_content", "CREATE TABLE '%s_content'(id INTEGER PRIMARY KEY, c0, c1, c2)"},
    {"%s_data", "CREATE TABLE '%s_data'(id INTEGER PRIMARY KEY, block BLOB)"},
    {"%s_docsize", "CREATE TABLE '%s_docsize'(id INTEGER PRIMARY KEY, sz BLOB)"},
    {"%s_idx", "CREATE TABLE '%s_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID"},
};

/* The schema the builder writes for these languages: each table of pack_schema (every one
 * has a key that is not an INTEGER PRIMARY KEY, which SQLite keeps as the index
 * sqlite_autoindex_<table>_1, without SQL), then each search table and its shadow tables. */
static void reference(const char *const *codes, int ncodes, rows *r)
{
    for (int k = 0; pack_schema[k]; k++) {
        const char *name = pack_schema[k] + strlen("CREATE TABLE ");
        char tbl[64], index[96];
        snprintf(tbl, sizeof tbl, "%.*s", (int)strcspn(name, "("), name);
        snprintf(index, sizeof index, "sqlite_autoindex_%s_1", tbl);
        add_row(r, "table", tbl, tbl, pack_schema[k]);
        add_row(r, "index", index, tbl, NULL);
    }
    for (int k = 0; k < ncodes; k++) {
        char tbl[128], sql[256], shadow[192], shadow_sql[384];
        pack_search_table(tbl, sizeof tbl, codes[k]);
        pack_search_create(sql, sizeof sql, codes[k]);
        add_row(r, "table", tbl, tbl, sql);
        for (size_t j = 0; j < sizeof search_shadows / sizeof *search_shadows; j++) {
            snprintf(shadow, sizeof shadow, search_shadows[j][0], tbl);
            snprintf(shadow_sql, sizeof shadow_sql, search_shadows[j][1], tbl);
            add_row(r, "table", shadow, shadow, shadow_sql);
        }
    }
    qsort(r->v, (size_t)r->n, sizeof *r->v, by_name); /* as read_rows: the same first problem */
}

static row *find(rows *r, const char *type, const char *name)
{
    for (int k = 0; k < r->n; k++)
        if (!r->v[k].seen && same(r->v[k].type, type) && same(r->v[k].name, name))
            return &r->v[k];
    return NULL;
}

/* The older format whose definition of a table x is, or 0. */
static int older_format(const row *x)
{
    for (size_t k = 0; k < sizeof older / sizeof *older; k++)
        if (same(x->type, "table") && same(x->name, older[k].name) &&
            same(x->tbl, older[k].name) && same(x->sql, older[k].sql))
            return older[k].format;
    return 0;
}

int pack_schema_check(sqlite3 *db, const char *path, int *format, err *e)
{
    rows have = {0}, want = {0};
    const char *codes[PACK_MAX_LANGS];
    int ncodes = 0, rc = -1, fmt = PACK_FORMAT;
    char a[64], b[64];
    int got = read_rows(db, &have);
    if (got == -1) {
        err_set(e, "%s: damaged or not a content pack: %s", path, sqlite3_errmsg(db));
        goto out;
    }
    if (got == -2) {
        err_set(e, "%s: not a Sveiki content pack: more than %d objects, more than format %d has",
                path, MAX_ROWS, PACK_FORMAT);
        goto out;
    }
    for (int k = 0; k < have.n; k++) {
        const char *code = search_code(&have.v[k]);
        if (!code)
            continue;
        if (ncodes == PACK_MAX_LANGS) {
            err_set(e, "%s: not a Sveiki content pack: more than %d search tables", path,
                    PACK_MAX_LANGS);
            goto out;
        }
        codes[ncodes++] = code;
    }
    reference(codes, ncodes, &want);
    for (int k = 0; k < have.n; k++) {
        row *x = &have.v[k], *w = find(&want, x->type, x->name);
        if (!w) {
            err_set(e, "%s: not a Sveiki content pack: %s \"%s\" is not part of format %d", path,
                    shown(a, sizeof a, x->type), shown(b, sizeof b, x->name), PACK_FORMAT);
            goto out;
        }
        w->seen = 1;
        int was = older_format(x);
        if (was && (fmt == PACK_FORMAT || fmt == was)) { /* one older format, not a mix */
            fmt = was;
            continue;
        }
        if (!same(x->tbl, w->tbl) || !same(x->sql, w->sql)) {
            err_set(e, "%s: not a Sveiki content pack: %s \"%s\" differs from format %d", path,
                    shown(a, sizeof a, x->type), shown(b, sizeof b, x->name), PACK_FORMAT);
            goto out;
        }
    }
    /* a missing table is named before the index of its key that went with it */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < want.n; k++) {
            row *w = &want.v[k];
            if (!w->seen && same(w->type, "table") == !pass) {
                err_set(e, "%s: not a Sveiki content pack: %s \"%s\" of format %d is missing",
                        path, w->type, w->name, PACK_FORMAT);
                goto out;
            }
        }
    rc = 0;
    if (format)
        *format = fmt;
out:
    rows_free(&have), rows_free(&want);
    return rc;
}

/* ---- owner keys --------------------------------------------------------------------- */

static const struct {
    const char *name;
    int parts; /* ids joined by '.' after the colon */
} kinds[] = {
    [PACK_OWNER_PACK] = {"pack", 0},       [PACK_OWNER_CATEGORY] = {"category", 1},
    [PACK_OWNER_STAGE] = {"stage", 1},     [PACK_OWNER_YOUSAID] = {"yousaid", 1},
    [PACK_OWNER_SURVEY] = {"survey", 1},   [PACK_OWNER_QUESTION] = {"question", 2},
    [PACK_OWNER_ANSWER] = {"answer", 3},   [PACK_OWNER_HOTLINE] = {"hotline", 1},
    [PACK_OWNER_SOURCE] = {"source", 1},
};
#define NKINDS ((int)(sizeof kinds / sizeof *kinds))

/* Whether id is exactly `parts` valid ids joined by '.'. */
static int valid_parts(const char *id, int parts)
{
    if (!id)
        return 0;
    for (int k = 0; k < parts; k++) {
        const char *dot = strchr(id, '.');
        size_t n = dot ? (size_t)(dot - id) : strlen(id);
        if ((dot != NULL) != (k < parts - 1) || n == 0 || n > PACK_ID_MAX)
            return 0;
        char one[PACK_ID_MAX + 1];
        memcpy(one, id, n);
        one[n] = 0;
        if (!pack_valid_id(one))
            return 0;
        id += n + (dot != NULL);
    }
    return 1;
}

int pack_owner(char *out, size_t cap, pack_kind kind, const char *id)
{
    if ((int)kind < 0 || (int)kind >= NKINDS) {
        if (cap)
            out[0] = 0;
        return -1;
    }
    if (kinds[kind].parts == 0) {
        if (id && *id) {
            if (cap)
                out[0] = 0;
            return -1;
        }
        return put(out, cap, snprintf(out, cap, "%s", kinds[kind].name));
    }
    if (!valid_parts(id, kinds[kind].parts)) {
        if (cap)
            out[0] = 0;
        return -1;
    }
    return put(out, cap, snprintf(out, cap, "%s:%s", kinds[kind].name, id));
}

int pack_owner_parse(const char *owner, pack_kind *kind, const char **id)
{
    if (!owner)
        return -1;
    const char *colon = strchr(owner, ':');
    size_t n = colon ? (size_t)(colon - owner) : strlen(owner);
    for (int k = 0; k < NKINDS; k++) {
        if (strlen(kinds[k].name) != n || strncmp(owner, kinds[k].name, n))
            continue;
        if (kinds[k].parts == 0 ? colon != NULL : !colon || !valid_parts(colon + 1, kinds[k].parts))
            return -1;
        *kind = (pack_kind)k;
        *id = colon ? colon + 1 : owner + n;
        return 0;
    }
    return -1;
}

/* ---- placeholders ------------------------------------------------------------------- */

const char *pack_placeholder_find(const char *s, size_t *len)
{
    const char *open = NULL;
    for (const char *q = s; q && *q; q++) {
        if (*q == '\n') {
            open = NULL; /* one line: a "{{" left open is a typo, not the start of a span */
        } else if (q[0] == '{' && q[1] == '{') {
            open = q; /* a later "{{" (even "{{{") starts the innermost placeholder */
        } else if (open && q[0] == '}' && q[1] == '}') {
            if (len)
                *len = (size_t)(q + 2 - open);
            return open;
        }
    }
    return NULL;
}

int pack_placeholder_count(const char *s)
{
    int n = 0;
    size_t len;
    for (const char *p = s; (p = pack_placeholder_find(p, &len)); p += len)
        n++;
    return n;
}

static int has_braces(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((s[i] == '{' && s[i + 1] == '{') || (s[i] == '}' && s[i + 1] == '}'))
            return 1;
    return 0;
}

int pack_placeholder_stray(const char *s)
{
    if (!s)
        return 0;
    for (const char *p = s;;) {
        size_t len;
        const char *ph = pack_placeholder_find(p, &len);
        if (has_braces(p, ph ? (size_t)(ph - p) : strlen(p)))
            return 1;
        if (!ph)
            return 0;
        p = ph + len;
    }
}

/* ---- versions ------------------------------------------------------------------------ */

/* The parts of a valid version as numbers; returns their count, -1 if not valid. */
static int version_parts(const char *v, long parts[8])
{
    int n = 0;
    if (!v || !*v)
        return -1;
    for (const char *p = v;;) {
        int digits = 0;
        long x = 0;
        while (*p >= '0' && *p <= '9' && digits < 10)
            x = x * 10 + (*p++ - '0'), digits++;
        if (!digits || digits > 9 || n == 8)
            return -1;
        parts[n++] = x;
        if (!*p)
            return n;
        if (*p++ != '.')
            return -1;
    }
}

int pack_version_valid(const char *v)
{
    long parts[8];
    return version_parts(v, parts) > 0;
}

int pack_version_cmp(const char *a, const char *b)
{
    long pa[8], pb[8];
    int na = version_parts(a, pa), nb = version_parts(b, pb);
    for (int k = 0; k < 8 && (k < na || k < nb); k++) {
        long x = k < na ? pa[k] : 0, y = k < nb ? pb[k] : 0;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}
