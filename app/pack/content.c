#include "pack/content.h"
#include "speech/speech.h"
#include "core/buf.h"
#include "core/plural.h"
#include "feedback.h"
#include "fs.h"
#include "pack/format.h"
#include "text/text.h"
#include "core/utf8.h"

#include <sqlite3.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* statements kept prepared: the lookups of this file need about 20 */
#define CONTENT_STMTS 32

struct content {
    sqlite3 *db;
    char *path;
    content_lang *langs;
    int nlangs;
    char fallback[16], deflang[16], reference[16];
    char *pack_id, *version, *help;
    int npages;
    int format; /* PACK_FORMAT, or an older one the reader still takes */
    plural_rule *plural; /* each language's Plural-Forms, as langs; gettext's default when
                          * the pack has none or one that does not parse */
    struct {
        sqlite3_stmt *st;
        int busy; /* handed out by prep, not yet given back to done */
    } stmts[CONTENT_STMTS];
    int nstmts;
};

/* A statement for sql, ready to bind: one kept from an earlier call when there is one not in
 * use, else newly prepared (and kept, while there is room). A screen looks up hundreds of
 * texts as it is built, and preparing the same SQL for each was most of its time. A lookup
 * made while another statement of the same SQL steps through its rows gets its own. Give it
 * back with done(). */
static sqlite3_stmt *prep(content *c, const char *sql)
{
    for (int k = 0; k < c->nstmts; k++)
        if (!c->stmts[k].busy && !strcmp(sqlite3_sql(c->stmts[k].st), sql)) {
            c->stmts[k].busy = 1;
            return c->stmts[k].st;
        }
    sqlite3_stmt *st;
    int keep = c->nstmts < CONTENT_STMTS;
    if (sqlite3_prepare_v3(c->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL) !=
        SQLITE_OK)
        return NULL;
    if (keep) {
        c->stmts[c->nstmts].st = st;
        c->stmts[c->nstmts++].busy = 1;
    }
    return st;
}

/* Gives back a statement of prep: reset, its values unbound (they point into the caller's
 * memory), or finalized when it was not kept. */
static void done(content *c, sqlite3_stmt *st)
{
    for (int k = 0; k < c->nstmts; k++)
        if (c->stmts[k].st == st) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            c->stmts[k].busy = 0;
            return;
        }
    sqlite3_finalize(st);
}

static char *meta(sqlite3 *db, const char *key)
{
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key=?", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

/* A pack of another format that kept its meta table exactly: say so, so the operator knows
 * to rebuild it, rather than that it is no pack at all. Only that table is read, and only
 * once its definition is known to be ours. */
static void other_format(sqlite3 *db, const char *path, err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type='table' AND name='meta'",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    int exact = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
                !strcmp((const char *)sqlite3_column_text(st, 0), PACK_SCHEMA_META);
    sqlite3_finalize(st);
    char *fmt = exact ? meta(db, "format") : NULL;
    if (fmt && (atoi(fmt) < PACK_FORMAT_OLDEST || atoi(fmt) > PACK_FORMAT))
        err_set(e, "%s: content pack format is not %d: rebuild it with this version of sveikictl",
                path, PACK_FORMAT);
    free(fmt);
}

/* PRAGMA quick_check: every page of the file readable and well-formed. SQLite's words, on
 * one line, when not. */
static int intact(sqlite3 *db, const char *path, err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
        return err_set(e, "%s: damaged or not a content pack: %s", path, sqlite3_errmsg(db));
    int rc = sqlite3_step(st);
    const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (r && !strcmp(r, "ok")) {
        sqlite3_finalize(st);
        return 0;
    }
    char said[200];
    snprintf(said, sizeof said, "%s", r ? r : sqlite3_errmsg(db));
    for (char *q = said; *q; q++)
        if (*q == '\n' || *q == '\r')
            *q = ' ';
    sqlite3_finalize(st);
    return err_set(e, "%s: damaged or not a content pack: %s", path, said);
}

content *content_open(const char *path, err *e)
{
    fs_info in;
    if (fs_stat(path, &in, e))
        return NULL;
    if (in.kind == FS_NONE)
        return err_set(e, "%s: no such content pack", path), NULL;
    if (in.kind != FS_FILE || in.size < 512)
        return err_set(e, "%s: not a content pack (too small or not a file)", path), NULL;
    content *c = xcalloc(1, sizeof *c);
    c->path = xstrdup(path);
    /* immutable: a pack never changes while open, so no locks and no -shm file next to a
     * pack on read-only media */
    buf uri;
    buf_init(&uri);
    buf_adds(&uri, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '?' || *p == '#' || *p == '%')
            buf_printf(&uri, "%%%02X", (unsigned char)*p);
        else
            buf_addc(&uri, *p);
    }
    buf_adds(&uri, "?mode=ro&immutable=1");
    int rc = sqlite3_open_v2(uri.data, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    buf_free(&uri);
    if (rc != SQLITE_OK) {
        err_set(e, "%s: damaged or not a content pack: %s", path, sqlite3_errmsg(c->db));
        goto fail;
    }
    /* nothing in a pack runs SQL of its own: no functions from its schema (the same as
     * PRAGMA trusted_schema=OFF), no triggers, no views, whatever the check below misses */
    sqlite3_db_config(c->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(c->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(c->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    /* a small page cache: the check below reads every page once, and by default SQLite kept
     * them all (2 MB of a 2 MB pack, the kiosk's largest allocation); what a screen reads
     * again comes from the system's file cache */
    sqlite3_exec(c->db, "PRAGMA cache_size = -256", NULL, NULL, NULL);
    /* a pack comes from a USB stick: its schema must be exactly the builder's before any of
     * its tables is read, then every page of it must be sound */
    if (pack_schema_check(c->db, path, &c->format, e)) {
        other_format(c->db, path, e);
        goto fail;
    }
    if (intact(c->db, path, e))
        goto fail;
    /* the format meta names must be the one its tables are */
    char *fmt = meta(c->db, "format"), want[16];
    snprintf(want, sizeof want, "%d", c->format);
    int ok = fmt && !strcmp(fmt, want);
    free(fmt);
    if (!ok) {
        err_set(e, "%s: content pack format is not %d: rebuild it with this version of sveikictl",
                path, PACK_FORMAT);
        goto fail;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db, "SELECT code, name, rtl FROM languages ORDER BY ord LIMIT "
                           PACK_STR(PACK_MAX_LANGS), -1, &st, NULL) != SQLITE_OK) {
        err_set(e, "%s: damaged or not a content pack: %s", path, sqlite3_errmsg(c->db));
        goto fail;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        c->langs = xrealloc(c->langs, (size_t)(c->nlangs + 1) * sizeof *c->langs);
        content_lang *l = &c->langs[c->nlangs++];
        memset(l, 0, sizeof *l);
        const char *code = (const char *)sqlite3_column_text(st, 0);
        /* codes name FTS tables in SQL: only what the builder allows gets in */
        if (!code || strlen(code) >= sizeof l->code || !pack_valid_id(code)) {
            sqlite3_finalize(st);
            c->nlangs--;
            err_set(e, "%s: the content pack has an invalid language code", path);
            goto fail;
        }
        snprintf(l->code, sizeof l->code, "%s", code);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        l->name = xstrdup(name && *name ? name : l->code);
        l->rtl = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    if (!c->nlangs) {
        err_set(e, "%s: the content pack declares no languages", path);
        goto fail;
    }
    /* how each language writes numbers and counts (a pack of before these has neither:
     * 0-9, and gettext's default) */
    c->plural = xcalloc((size_t)c->nlangs, sizeof *c->plural);
    for (int k = 0; k < c->nlangs; k++) {
        content_lang *l = &c->langs[k];
        const char *q[3] = {"SELECT text FROM texts WHERE owner='pack' AND key='digits' AND lang=?",
                            "SELECT msgstr FROM strings WHERE msgid='' AND lang=?",
                            "SELECT text FROM texts WHERE owner='pack' AND key='listen' AND lang=?"};
        plural_default(&c->plural[k]);
        for (int i = 0; i < 3; i++) {
            if (sqlite3_prepare_v2(c->db, q[i], -1, &st, NULL) != SQLITE_OK)
                continue;
            sqlite3_bind_text(st, 1, l->code, -1, SQLITE_STATIC);
            const char *t = sqlite3_step(st) == SQLITE_ROW
                                ? (const char *)sqlite3_column_text(st, 0) : NULL;
            if (t && strlen(t) < 1024) {
                int d = i == 0 ? text_digits_parse(t) : 0;
                if (d > 0)
                    l->digits = d;
                if (i == 1 && plural_parse(t, &c->plural[k], NULL))
                    plural_default(&c->plural[k]);
                if (i == 2)
                    l->listen = !strcmp(t, "yes");
            }
            sqlite3_finalize(st);
        }
    }
    char *rf = meta(c->db, "reference");
    snprintf(c->reference, sizeof c->reference, "%s", rf ? rf : "");
    free(rf);
    char *fb = meta(c->db, "fallback"), *df = meta(c->db, "default");
    snprintf(c->fallback, sizeof c->fallback, "%s", fb ? fb : c->langs[0].code);
    snprintf(c->deflang, sizeof c->deflang, "%s", df ? df : c->langs[0].code);
    free(fb), free(df);
    if (!content_find_lang(c, c->fallback) || !content_find_lang(c, c->deflang)) {
        err_set(e, "%s: the pack's fallback or default language is not one of its languages", path);
        goto fail;
    }
    c->pack_id = meta(c->db, "pack");
    c->help = meta(c->db, "help");
    if (c->help && !pack_valid_id(c->help)) { /* an id, used to look a category up */
        free(c->help);
        c->help = NULL;
    }
    c->version = meta(c->db, "version");
    char *np = meta(c->db, "pages");
    c->npages = np ? atoi(np) : 0;
    free(np);
    if (!c->pack_id || !c->version) {
        err_set(e, "%s: the content pack has no id or version", path);
        goto fail;
    }
    /* a pack without pages or categories would show empty screens to people: not a pack */
    static const char *const needed[][2] = {{"pages", "SELECT 1 FROM pages LIMIT 1"},
                                            {"categories", "SELECT 1 FROM categories LIMIT 1"},
                                            {"texts", "SELECT 1 FROM texts LIMIT 1"}};
    for (size_t k = 0; k < sizeof needed / sizeof *needed; k++) {
        int some = sqlite3_prepare_v2(c->db, needed[k][1], -1, &st, NULL) == SQLITE_OK &&
                   sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!some) {
            err_set(e, "%s: the content pack has no %s", path, needed[k][0]);
            goto fail;
        }
    }
    return c;
fail:
    content_close(c);
    return NULL;
}

void content_close(content *c)
{
    if (!c)
        return;
    for (int k = 0; k < c->nstmts; k++)
        sqlite3_finalize(c->stmts[k].st);
    sqlite3_close(c->db);
    for (int k = 0; k < c->nlangs; k++)
        free(c->langs[k].name);
    free(c->langs);
    free(c->plural);
    free(c->path), free(c->pack_id), free(c->version), free(c->help);
    free(c);
}

int content_nlangs(const content *c) { return c->nlangs; }
const content_lang *content_lang_at(const content *c, int i) { return &c->langs[i]; }
const char *content_fallback(const content *c) { return c->fallback; }
const char *content_reference(const content *c) { return c->reference; }

int content_machine(content *c, const char *owner, const char *lang)
{
    sqlite3_stmt *st;
    if (!owner || !lang ||
        !(st = prep(c, "SELECT 1 FROM texts WHERE owner=?1 AND key='status' AND lang=?2"
                       " AND text='reviewed'")))
        return 1;
    sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
    int reviewed = sqlite3_step(st) == SQLITE_ROW;
    done(c, st);
    return !reviewed;
}
const char *content_default(const content *c) { return c->deflang; }
const char *content_help(const content *c) { return c->help; }
const char *content_pack_id(const content *c) { return c->pack_id; }
const char *content_version(const content *c) { return c->version; }
int content_npages(const content *c) { return c->npages; }

const content_lang *content_find_lang(const content *c, const char *code)
{
    for (int k = 0; k < c->nlangs; k++)
        if (!strcmp(c->langs[k].code, code))
            return &c->langs[k];
    return NULL;
}

/* A text column as the screens may use it: NULL (which a hostile pack can put anywhere)
 * reads as "", text is cut at PACK_TEXT_MAX (at a character's start), and broken UTF-8 and
 * noncharacters become U+FFFD, so nothing drawn, searched or dumped as JSON is malformed. */
static const char *col(sqlite3_stmt *st, int i, arena *a)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    if (!t)
        return "";
    size_t n = (size_t)sqlite3_column_bytes(st, i);
    if (n > PACK_TEXT_MAX) {
        n = PACK_TEXT_MAX;
        while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--;
    }
    n = strnlen(t, n);
    if (utf8_valid(t, n, NULL, NULL))
        return arena_strndup(a, t, n);
    buf b;
    buf_init(&b);
    for (size_t k = 0; k < n;) {
        char u[4];
        uint32_t cp = utf8_decode(t, n, &k);
        buf_add(&b, u, (size_t)utf8_encode(utf8_nonchar(cp) ? 0xFFFD : cp, u));
    }
    const char *r = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return r;
}

/* The statement of sql stepped to its row in lang, else in other (lang NULL: other alone):
 * the caller reads the row, then gives the statement back with done(); NULL when neither
 * has one. sql takes the nkeys keys as ?1... and the language after them; *in is the
 * language the row is in. One lookup by the whole primary key for each language in
 * turn: a query over both (an IN list, ordered) built two temporary tables each time, the
 * most of a screen's build. */
static sqlite3_stmt *lang_row(content *c, const char *sql, const char *const *keys, int nkeys,
                              const char *lang, const char *other, const char **in)
{
    const char *langs[2] = {lang ? lang : other, other};
    for (int k = 0; k < 2; k++) {
        if (k && !strcmp(langs[1], langs[0]))
            break;
        sqlite3_stmt *st = prep(c, sql);
        if (!st)
            return NULL;
        for (int i = 0; i < nkeys; i++)
            sqlite3_bind_text(st, i + 1, keys[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, nkeys + 1, langs[k], -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            if (in)
                *in = langs[k];
            return st;
        }
        done(c, st);
    }
    return NULL;
}

/* The first column of lang_row's row, as col() gives it, or NULL. */
static const char *lang_value(content *c, const char *sql, const char *const *keys, int nkeys,
                              const char *lang, const char *other, arena *a, const char **in)
{
    sqlite3_stmt *st = lang_row(c, sql, keys, nkeys, lang, other, in);
    if (!st)
        return NULL;
    const char *r = col(st, 0, a);
    done(c, st);
    return r;
}

const char *content_ui(content *c, const char *lang, const char *msgid, arena *a)
{
    const char *r = lang_value(c, "SELECT msgstr FROM strings WHERE msgid=?1 AND lang=?2",
                               &msgid, 1, lang, "en", a, NULL);
    return r && *r ? r : msgid;
}

/* The form of a counted string in one language, or NULL when it has none. */
static const char *ui_form(content *c, const char *lang, const char *singular, unsigned long n,
                           arena *a)
{
    int k = -1;
    for (int i = 0; i < c->nlangs; i++)
        if (!strcmp(c->langs[i].code, lang))
            k = plural_index(&c->plural[i], n);
    if (k < 0) { /* English without being a language of the pack: its own rule */
        plural_rule en;
        plural_default(&en);
        k = plural_index(&en, n);
    }
    char key[1024];
    if ((size_t)snprintf(key, sizeof key, "%s" PACK_PLURAL_SEP "%d", singular, k) >= sizeof key)
        return NULL;
    const char *keys[1] = {key};
    const char *r = lang_value(c, "SELECT msgstr FROM strings WHERE msgid=?1 AND lang=?2", keys,
                               1, lang, lang, a, NULL);
    return r && *r ? r : NULL;
}

const char *content_ui_n(content *c, const char *lang, const char *singular, const char *plural,
                         unsigned long n, arena *a)
{
    const char *r = ui_form(c, lang, singular, n, a);
    if (!r && strcmp(lang, "en"))
        r = ui_form(c, "en", singular, n, a);
    return r ? r : n == 1 ? singular : plural;
}

const char *content_text(content *c, const char *owner, const char *key, const char *lang,
                         arena *a, const char **shown)
{
    const char *keys[2] = {owner, key};
    const char *in;
    const char *r = lang_value(c, "SELECT text FROM texts WHERE owner=?1 AND key=?2 AND lang=?3",
                               keys, 2, lang, c->fallback, a, &in);
    if (r && shown)
        *shown = arena_strdup(a, in);
    return r && *r ? r : NULL;
}

char *content_scrub_words(content *c)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db, "SELECT text FROM texts WHERE owner='pack' AND key='scrub'"
                           " ORDER BY lang", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    buf b;
    buf_init(&b);
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (t && *t && strlen(t) <= PACK_TEXT_MAX) {
            if (rows++)
                buf_addc(&b, ' ');
            buf_adds(&b, t);
        }
    }
    sqlite3_finalize(st);
    char *words = buf_take(&b);
    if (!rows) {
        free(words);
        return NULL;
    }
    return words;
}

static int items(content *c, const char *sql, pack_kind kind, const char *lang, arena *a,
                 content_item **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (!(st = prep(c, sql)))
        return 0;
    int n = 0, cap = 0;
    content_item *v = NULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            content_item *nv = arena_alloc(a, (size_t)cap * sizeof *nv);
            if (n)
                memcpy(nv, v, (size_t)n * sizeof *nv);
            v = nv;
        }
        char owner[PACK_OWNER_MAX];
        const char *id = (const char *)sqlite3_column_text(st, 0);
        if (pack_owner(owner, sizeof owner, kind, id))
            continue; /* not an id: it could open nothing */
        content_item *it = &v[n++];
        memset(it, 0, sizeof *it);
        it->id = arena_strdup(a, id);
        it->icon = (uint32_t)sqlite3_column_int(st, 1);
        it->title = content_text(c, owner, "title", lang, a, &it->lang_shown);
        it->text = content_text(c, owner, "text", lang, a, NULL);
        it->machine = content_machine(c, owner, it->lang_shown ? it->lang_shown : lang);
        if (!it->title)
            it->title = it->id;
    }
    done(c, st);
    *out = v;
    return n;
}

int content_categories(content *c, const char *lang, arena *a, content_item **out)
{
    return items(c, "SELECT id, icon FROM categories ORDER BY ord LIMIT 64", PACK_OWNER_CATEGORY,
                 lang, a, out);
}

int content_stages(content *c, const char *lang, arena *a, content_item **out)
{
    return items(c, "SELECT id, icon FROM stages ORDER BY ord LIMIT 32", PACK_OWNER_STAGE, lang,
                 a, out);
}

int content_yousaid(content *c, const char *lang, arena *a, content_item **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (!(st = prep(c, "SELECT id, date FROM yousaid ORDER BY ord LIMIT 32")))
        return 0;
    int n = 0;
    content_item *v = arena_alloc(a, 32 * sizeof *v);
    while (n < 32 && sqlite3_step(st) == SQLITE_ROW) {
        char owner[PACK_OWNER_MAX];
        if (pack_owner(owner, sizeof owner, PACK_OWNER_YOUSAID,
                       (const char *)sqlite3_column_text(st, 0)))
            continue;
        v[n].id = col(st, 1, a);
        v[n].title = content_text(c, owner, "said", lang, a, &v[n].lang_shown);
        v[n].text = content_text(c, owner, "did", lang, a, NULL);
        v[n].machine = content_machine(c, owner, v[n].lang_shown ? v[n].lang_shown : lang);
        v[n].see = NULL;
        v[n].icon = 0;
        content_item *see;
        if (content_links(c, owner, lang, a, &see) > 0)
            v[n].see = see[0].id;
        if (v[n].title && v[n].text)
            n++;
    }
    done(c, st);
    *out = v;
    return n;
}

int content_links(content *c, const char *owner, const char *lang, arena *a, content_item **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (!(st = prep(c, "SELECT page FROM links WHERE owner=?1 ORDER BY ord")))
        return 0;
    sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
    int n = 0;
    content_item *v = arena_alloc(a, 64 * sizeof *v);
    while (n < 64 && sqlite3_step(st) == SQLITE_ROW) {
        content_item *it = &v[n];
        const char *in;
        it->id = col(st, 0, a);
        it->title = lang_value(c, "SELECT title FROM pages WHERE id=?1 AND lang=?2", &it->id, 1,
                               lang, c->fallback, a, &in);
        if (!it->title || !*it->title)
            continue; /* in neither language: nothing to show */
        it->lang_shown = arena_strdup(a, in);
        n++;
    }
    done(c, st);
    *out = v;
    return n;
}

int content_page_get(content *c, const char *id, const char *lang, arena *a, content_page *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = lang_row(c, "SELECT id, lang, title, status, checked, outdated, sources"
                                   " FROM pages WHERE id=?1 AND lang=?2", &id, 1, lang,
                                c->fallback, NULL);
    if (!st)
        return -1;
    out->id = col(st, 0, a);
    out->lang = col(st, 1, a);
    out->title = col(st, 2, a);
    out->status = col(st, 3, a);
    out->checked = col(st, 4, a);
    out->outdated = sqlite3_column_int(st, 5);
    out->sources = col(st, 6, a);
    out->machine = strcmp(out->status, "reviewed") != 0; /* unknown counts as machine */
    out->fallback = strcmp(out->lang, lang ? lang : c->fallback) != 0;
    done(c, st);
    if (!(st = prep(c, "SELECT kind, text, value, bold FROM blocks WHERE page=? AND lang=?"
                       " ORDER BY seq LIMIT 1000")))
        return -1;
    sqlite3_bind_text(st, 1, out->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, out->lang, -1, SQLITE_STATIC);
    int cap = 0;
    size_t bytes = 0; /* a page holds at most what one source file could */
    while (bytes < PACK_TEXT_MAX && sqlite3_step(st) == SQLITE_ROW) {
        if (out->nblocks == cap) {
            cap = cap ? cap * 2 : 32;
            content_block *nb = arena_alloc(a, (size_t)cap * sizeof *nb);
            if (out->nblocks)
                memcpy(nb, out->blocks, (size_t)out->nblocks * sizeof *nb);
            out->blocks = nb;
        }
        content_block *b = &out->blocks[out->nblocks++];
        b->kind = col(st, 0, a);
        b->text = col(st, 1, a);
        b->value = col(st, 2, a);
        b->bold = col(st, 3, a);
        bytes += strlen(b->text) + strlen(b->value);
    }
    done(c, st);
    return 0;
}

int content_search(content *c, const char *lang, const char *query, int max, arena *a,
                   content_item **out)
{
    *out = NULL;
    if (!content_find_lang(c, lang) || max <= 0)
        return 0;
    /* every word becomes a quoted prefix term, so no FTS5 syntax from the keyboard leaks in */
    char *folded = text_fold_search(query);
    buf q;
    buf_init(&q);
    size_t len = strlen(folded);
    for (size_t i = 0; i < len;) {
        while (i < len && (folded[i] == ' ' || folded[i] == '"' || folded[i] == '\t'))
            i++;
        size_t s = i;
        while (i < len && folded[i] != ' ' && folded[i] != '"' && folded[i] != '\t')
            i++;
        if (i > s) {
            buf_printf(&q, "%s\"%.*s\"*", q.len ? " " : "", (int)(i - s), folded + s);
        }
    }
    free(folded);
    if (!q.len) {
        buf_free(&q);
        return 0;
    }
    char table[PACK_ID_MAX + 16], sql[512];
    if (pack_search_table(table, sizeof table, lang)) {
        buf_free(&q);
        return 0;
    }
    snprintf(sql, sizeof sql,
             "SELECT s.page, p.title FROM %s s JOIN pages p ON p.id = s.page AND p.lang = ?2"
             " WHERE %s MATCH ?1 ORDER BY bm25(%s, 0, 8, 1) LIMIT ?3", table, table, table);
    sqlite3_stmt *st;
    int n = 0;
    if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, q.data, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, max);
        content_item *v = arena_alloc(a, (size_t)max * sizeof *v);
        while (n < max && sqlite3_step(st) == SQLITE_ROW) {
            v[n].id = col(st, 0, a);
            v[n].title = col(st, 1, a);
            v[n].lang_shown = arena_strdup(a, lang);
            n++;
        }
        sqlite3_finalize(st);
        *out = v;
    }
    buf_free(&q);
    return n;
}

/* ---- surveys -------------------------------------------------------------------------- */

int content_surveys(content *c, const char *lang, arena *a, content_item **out)
{
    return items(c, "SELECT id, 0 FROM surveys ORDER BY ord LIMIT 64", PACK_OWNER_SURVEY, lang, a,
                 out);
}

/* A pack text or "" (the survey notice's fields are never NULL). */
static const char *text_or_empty(content *c, const char *owner, const char *key, const char *lang,
                                 arena *a)
{
    const char *t = content_text(c, owner, key, lang, a, NULL);
    return t ? t : "";
}

static int qtype(const char *t)
{
    static const char *const names[] = {[CONTENT_Q_FACES] = "faces", [CONTENT_Q_YESNO] = "yesno",
                                        [CONTENT_Q_SINGLE] = "single", [CONTENT_Q_MULTI] = "multi",
                                        [CONTENT_Q_TEXT] = "text"};
    for (int k = 0; k < (int)(sizeof names / sizeof *names); k++)
        if (!strcmp(t, names[k]))
            return k;
    return -1;
}

/* The survey's background block (a format-1 pack has none: nothing asked). */
static void background(content *c, content_survey *out, const char *owner, const char *lang,
                       arena *a)
{
    out->child = "";
    sqlite3_stmt *st;
    if (c->format < 2 || !(st = prep(c, "SELECT background, under18 FROM surveys WHERE id=?")))
        return;
    sqlite3_bind_text(st, 1, out->id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *names = (const char *)sqlite3_column_text(st, 0);
        const char *u18 = (const char *)sqlite3_column_text(st, 1);
        for (const char *p = names; p && *p;) {
            p += strspn(p, " ");
            size_t n = strcspn(p, " ");
            char name[16];
            if (n && n < sizeof name) {
                snprintf(name, sizeof name, "%.*s", (int)n, p);
                const feedback_background_q *b = feedback_background_named(name);
                if (b)
                    out->background |= 1u << (b - feedback_background);
            }
            p += n;
        }
        /* a notice for children only when there is one to show; anything else ends */
        const char *child = content_text(c, owner, "child", lang, a, NULL);
        if (u18 && !strcmp(u18, "notice") && child && *child) {
            out->under18 = CONTENT_UNDER18_NOTICE;
            out->child = child;
        }
    }
    done(c, st);
}

/* The choices of question q of survey s with a label in lang or the fallback, in order. */
static int choices(content *c, const char *s, const char *q, const char *lang, arena *a,
                   content_choice **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (!(st = prep(c, "SELECT id, icon FROM answers WHERE survey=?1 AND question=?2"
                       " ORDER BY ord LIMIT " PACK_STR(CONTENT_SURVEY_MAX_CHOICES))))
        return 0;
    sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, q, -1, SQLITE_STATIC);
    content_choice *v = arena_alloc(a, CONTENT_SURVEY_MAX_CHOICES * sizeof *v);
    int n = 0;
    while (n < CONTENT_SURVEY_MAX_CHOICES && sqlite3_step(st) == SQLITE_ROW) {
        char full[3 * PACK_ID_MAX + 3], owner[PACK_OWNER_MAX];
        const char *id = col(st, 0, a);
        if (snprintf(full, sizeof full, "%s.%s.%s", s, q, id) >= (int)sizeof full ||
            pack_owner(owner, sizeof owner, PACK_OWNER_ANSWER, full))
            continue;
        const char *label = content_text(c, owner, "text", lang, a, NULL);
        if (!label)
            continue; /* a choice nobody can read */
        sqlite3_int64 icon = sqlite3_column_int64(st, 1);
        v[n].id = id;
        v[n].label = label;
        v[n].icon = icon > 0 && icon <= 0x10FFFF ? (uint32_t)icon : 0;
        n++;
    }
    done(c, st);
    *out = v;
    return n;
}

int content_survey_get(content *c, const char *id, const char *lang, arena *a, content_survey *out)
{
    memset(out, 0, sizeof *out);
    char owner[PACK_OWNER_MAX];
    if (!id || pack_owner(owner, sizeof owner, PACK_OWNER_SURVEY, id))
        return -1;
    sqlite3_stmt *st;
    if (!(st = prep(c, "SELECT 1 FROM surveys WHERE id=?")))
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    done(c, st);
    if (!found)
        return -1;
    out->id = arena_strdup(a, id);
    out->title = text_or_empty(c, owner, "title", lang, a);
    out->who = text_or_empty(c, owner, "who", lang, a);
    out->use = text_or_empty(c, owner, "use", lang, a);
    out->contact = text_or_empty(c, owner, "contact", lang, a);
    background(c, out, owner, lang, a);
    out->questions = arena_alloc(a, CONTENT_SURVEY_MAX_QUESTIONS * sizeof *out->questions);
    if (!(st = prep(c, "SELECT id, type FROM questions WHERE survey=? ORDER BY ord"
                       " LIMIT " PACK_STR(CONTENT_SURVEY_MAX_QUESTIONS))))
        return 0; /* the notice without questions: the screen has nothing to ask */
    sqlite3_bind_text(st, 1, out->id, -1, SQLITE_STATIC);
    while (out->nquestions < CONTENT_SURVEY_MAX_QUESTIONS && sqlite3_step(st) == SQLITE_ROW) {
        content_question *q = &out->questions[out->nquestions];
        memset(q, 0, sizeof *q); /* a question left out may have filled this slot */
        char full[2 * PACK_ID_MAX + 2], qowner[PACK_OWNER_MAX];
        q->id = col(st, 0, a);
        q->type = qtype(col(st, 1, a));
        if (q->type < 0 ||
            snprintf(full, sizeof full, "%s.%s", out->id, q->id) >= (int)sizeof full ||
            pack_owner(qowner, sizeof qowner, PACK_OWNER_QUESTION, full))
            continue;
        q->text = content_text(c, qowner, "text", lang, a, NULL);
        if (!q->text)
            continue; /* a question nobody can read */
        if (q->type == CONTENT_Q_SINGLE || q->type == CONTENT_Q_MULTI) {
            q->nchoices = choices(c, out->id, q->id, lang, a, &q->choices);
            if (q->nchoices < 2)
                continue; /* nothing to choose between */
        }
        out->nquestions++;
    }
    done(c, st);
    return 0;
}

/* ---- the way out for people in danger -------------------------------------------------- */

int content_hotlines(content *c, const char *lang, arena *a, content_hotline **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (!(st = prep(c, "SELECT id, phone FROM hotlines ORDER BY ord LIMIT ?")))
        return 0;
    sqlite3_bind_int(st, 1, CONTENT_MAX_HOTLINES);
    content_hotline *v = arena_alloc(a, CONTENT_MAX_HOTLINES * sizeof *v);
    int n = 0;
    while (n < CONTENT_MAX_HOTLINES && sqlite3_step(st) == SQLITE_ROW) {
        content_hotline *h = &v[n];
        h->id = col(st, 0, a);
        h->phone = col(st, 1, a);
        char owner[PACK_OWNER_MAX];
        if (pack_owner(owner, sizeof owner, PACK_OWNER_HOTLINE, h->id))
            continue; /* an id the builder would not write */
        h->title = content_text(c, owner, "title", lang, a, NULL);
        h->text = content_text(c, owner, "text", lang, a, NULL);
        if (!h->title || !*h->phone)
            continue; /* nothing to call it by, or nothing to call */
        if (!h->text)
            h->text = "";
        n++;
    }
    done(c, st);
    *out = v;
    return n;
}

int content_help_machine(content *c, const char *lang)
{
    char *list = meta(c->db, "help-machine");
    int found = 0;
    size_t n = strlen(lang);
    for (const char *p = list; p && *p && n;) {
        p += strspn(p, " \t,");
        size_t w = strcspn(p, " \t,");
        found |= w == n && !strncmp(p, lang, n);
        p += w;
    }
    free(list);
    return found;
}

danger *content_danger_list(content *c)
{
    danger *d = danger_new();
    sqlite3_stmt *st;
    /* every language's phrases: a person may write in another language than the screen's */
    if (sqlite3_prepare_v2(c->db, "SELECT phrase FROM danger", -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            if (sqlite3_column_text(st, 0))
                danger_add(d, (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    return d;
}

int content_danger(content *c, const char *text)
{
    if (!text || !*text)
        return 0;
    danger *d = content_danger_list(c);
    int found = danger_match(d, text);
    danger_free(d);
    return found;
}

/* ---- recordings (read aloud) ----------------------------------------------------------- */

unsigned char *content_recording(content *c, const char *page, const char *lang, size_t *len)
{
    sqlite3_stmt *st;
    unsigned char *out = NULL;
    *len = 0;
    if (sqlite3_prepare_v2(c->db, "SELECT data FROM recordings WHERE page=? AND lang=?", -1,
                           &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, page, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_BLOB) {
        const void *p = sqlite3_column_blob(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        /* a hostile pack's blob may be anything: too large is none, and the player checks
         * the stream itself */
        if (p && n > 0 && (size_t)n <= SPEECH_RECORDING_MAX) {
            out = xmalloc((size_t)n);
            memcpy(out, p, (size_t)n);
            *len = (size_t)n;
        }
    }
    sqlite3_finalize(st);
    return out;
}

int content_has_recording(content *c, const char *page, const char *lang)
{
    sqlite3_stmt *st;
    int found = 0;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT length(data) FROM recordings WHERE page=? AND lang=?", -1,
                           &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, page, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 n = sqlite3_column_int64(st, 0);
        found = n > 0 && (size_t)n <= SPEECH_RECORDING_MAX;
    }
    sqlite3_finalize(st);
    return found;
}

/* A text of a source in exactly lang ("" its own), or NULL. */
static const char *source_text(content *c, const char *owner, const char *key, const char *lang,
                               arena *a)
{
    sqlite3_stmt *st;
    const char *r = NULL;
    if (sqlite3_prepare_v2(c->db, "SELECT text FROM texts WHERE owner=?1 AND key=?2 AND lang=?3",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        r = col(st, 0, a);
    sqlite3_finalize(st);
    return r && *r ? r : NULL;
}

int content_sources(content *c, const char *sources, const char *lang, arena *a,
                    content_source **out)
{
    enum { MAX = 32 };
    content_source *v = arena_alloc(a, MAX * sizeof *v);
    *out = v;
    int n = 0;
    char *list = xstrdup(sources ? sources : ""), *save = NULL;
    for (char *p = strtok_r(list, ";", &save); p && n < MAX; p = strtok_r(NULL, ";", &save)) {
        p = str_trim(p);
        if (!*p)
            continue;
        content_source *s = &v[n];
        memset(s, 0, sizeof *s);
        if (!strcasecmp(p, "common knowledge")) {
            int dup = 0;
            for (int k = 0; k < n; k++)
                dup |= v[k].common;
            if (!dup)
                s->common = 1, s->code = "", n++;
            continue;
        }
        p[strcspn(p, " \t")] = 0; /* the code; the lines after it are for the operator */
        int dup = 0;
        for (int k = 0; k < n; k++)
            dup |= !v[k].common && !strcmp(v[k].code, p);
        char owner[PACK_OWNER_MAX];
        if (dup || pack_owner(owner, sizeof owner, PACK_OWNER_SOURCE, p))
            continue;
        s->code = arena_strdup(a, p);
        const char *mine = source_text(c, owner, "title", lang, a),
                   *own = source_text(c, owner, "title", "", a),
                   *fb = source_text(c, owner, "title", c->fallback, a);
        if (mine)
            s->title = mine;
        else if (own && fb && strcmp(own, fb)) {
            size_t tl = strlen(own) + strlen(fb) + 8;
            char *t = arena_alloc(a, tl);
            snprintf(t, tl, "%s (%s)", own, fb);
            s->title = t;
        } else
            s->title = own ? own : fb ? fb : s->code;
        const char *pub = source_text(c, owner, "publisher", "", a),
                   *date = source_text(c, owner, "date", "", a);
        if (pub || date) {
            size_t dl = (pub ? strlen(pub) : 0) + (date ? strlen(date) : 0) + 4;
            char *d = arena_alloc(a, dl);
            snprintf(d, dl, "%s%s%s", pub ? pub : "", pub && date ? ", " : "", date ? date : "");
            s->detail = d;
        }
        s->where = source_text(c, owner, "where", "", a);
        n++;
    }
    free(list);
    return n;
}
