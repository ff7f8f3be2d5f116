/* content: opening packs (and refusing what is not one), languages, UI strings, categories,
 * pages with their fallback, and search, on the demo pack build/demo.pack (`make all` builds
 * it; the tests run from the repo root). The few packs that must be broken or need strings
 * the demo pack does not have are written with the SQLite API into a temporary directory.
 * These are checks of the demo's content too (its pack id, page ids and titles, 10 categories,
 * 8 languages, search words): an edit to assets/content/latvia may need them changed. The
 * screens are tested on the stable fixture pack instead (test_ui, tests/scenarios). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/buf.h"
#include "pack/content.h"
#include "store/store.h"
#include "pack/format.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEMO "build/demo.pack"

#include "scratch.h"
static content *demo;
static arena ta;        /* the tests' results: freed after each test, failed or not */
static content *extra; /* a pack a test opened besides the demo, closed the same way */

static int setup(void **state)
{
    (void)state;
    if (scratch_make("content"))
        return -1;
    err e = {{0}};
    demo = content_open(DEMO, &e);
    if (!demo) {
        fprintf(stderr, "cannot open %s (run `make all` first): %s\n", DEMO, e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    content_close(demo);
    static const char *const names[] = {"small.bin", "plain.sqlite", "synthetic.pack",
                                        "wrongformat.pack"};
    char path[160];
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/a-directory", dir);
    rmdir(path);
    rmdir(dir);
    return 0;
}

static int per_test_teardown(void **state)
{
    (void)state;
    arena_free(&ta);
    content_close(extra);
    extra = NULL;
    return 0;
}

/* A path in the temporary directory (static storage, one per name). */
static const char *tmp_path(const char *name)
{
    static char paths[8][160];
    static int n;
    char *p = paths[n++ % 8];
    snprintf(p, 160, "%s/%s", dir, name);
    return p;
}

/* Creates an SQLite database at path and runs sql in it. */
static void make_db(const char *path, const char *sql)
{
    unlink(path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("sqlite: %s", msg ? msg : "?");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* Creates a pack at path with the format's schema (pack/format.h) and one search table for
 * each of codes, then runs rows in it. */
static void make_pack(const char *path, const char *const *codes, const char *rows)
{
    buf sql;
    buf_init(&sql);
    for (int k = 0; pack_schema[k]; k++)
        buf_printf(&sql, "%s;", pack_schema[k]);
    for (int k = 0; codes[k]; k++) {
        char create[256];
        assert_int_equal(pack_search_create(create, sizeof create, codes[k]), 0);
        buf_printf(&sql, "%s;", create);
    }
    buf_adds(&sql, rows);
    make_db(path, sql.data);
    buf_free(&sql);
}

/* content_open must refuse path with a message that names it. */
static void assert_refused(const char *path)
{
    err e;
    memset(&e, 0, sizeof e);
    content *c = content_open(path, &e);
    if (c) {
        content_close(c);
        fail_msg("%s was opened as a content pack", path);
    }
    if (!strstr(e.msg, path))
        fail_msg("message does not name %s: \"%s\"", path, e.msg);
}

/* The index of the result with this page id, or -1. */
static int find_id(const content_item *v, int n, const char *id)
{
    for (int k = 0; k < n; k++)
        if (v[k].id && !strcmp(v[k].id, id))
            return k;
    return -1;
}

/* Searches and fails unless page id is among the results. */
static void assert_finds(const char *lang, const char *query, const char *id)
{
    arena a = {0};
    content_item *v = NULL;
    int n = content_search(demo, lang, query, 50, &a, &v);
    int found = find_id(v, n, id) >= 0;
    arena_free(&a);
    if (!found)
        fail_msg("search %s \"%s\": %d results, %s not among them", lang, query, n, id);
}

/* ---- opening ----------------------------------------------------------------------- */

static void test_open_demo(void **state)
{
    (void)state;
    assert_string_equal(content_pack_id(demo), "latvia-demo");
    assert_string_equal(content_version(demo), "2022.12");
    assert_true(content_npages(demo) > 0);
}

/* The scrubber's trigger words: the manifest's `scrub.LANG` line, else the built-in words of
 * the language, every language's joined. */
static void test_scrub_words(void **state)
{
    (void)state;
    char *w = content_scrub_words(demo);
    assert_non_null(w);
    assert_non_null(strstr(w, "istab*"));
    assert_non_null(strstr(w, "room*"));
    assert_non_null(strstr(w, "\xe1\x8a\xad\xe1\x8d\x8d\xe1\x88\x8a*")); /* ክፍሊ* */
    free(w);
    err e;
    content *fx = content_open("build/fixture.pack", &e);
    if (!fx)
        fail_msg("%s", e.msg);
    w = content_scrub_words(fx);
    assert_non_null(w);
    assert_non_null(strstr(w, "ward bed*"));
    assert_null(strstr(w, "room*")); /* the manifest's English words replace the built-in */
    assert_non_null(strstr(w, "istab*"));
    char *got = store_scrub("ward 7, room 8", w);
    assert_string_equal(got, "ward [removed], room 8");
    free(got), free(w);
    content_close(fx);
}

/* What the fixture's sources.txt, status.LANG and yousaid see: lines give the kiosk: the
 * titles of a page's documents in the reader's language (else the document's own with the
 * fallback's beside it), common knowledge once, an unknown code as itself; reviewed items
 * in English, machine-written ones in Arabic; the page a yousaid item points to. */
static void test_sources_reviewed_see(void **state)
{
    (void)state;
    err e;
    content *fx = content_open("build/fixture.pack", &e);
    if (!fx)
        fail_msg("%s", e.msg);
    extra = fx;
    arena *a = &ta;
    content_source *s;
    int n = content_sources(fx, "common knowledge; test L1-2; test L9; nosuch; Common Knowledge",
                            "en", a, &s);
    assert_int_equal(n, 3);
    assert_int_equal(s[0].common, 1);
    assert_string_equal(s[1].code, "test");
    assert_string_equal(s[1].title, "Sveiki test content");
    assert_string_equal(s[1].detail, "Sveiki, 2022");
    assert_string_equal(s[1].where, "tests/fixtures/pack in the Sveiki sources");
    assert_string_equal(s[2].title, "nosuch"); /* not in the pack: its code, nothing made up */
    n = content_sources(fx, "test", "ar", a, &s);
    assert_int_equal(n, 1);
    assert_string_equal(s[0].title, "\u0645\u062d\u062a\u0648\u0649 \u0627\u062e\u062a\u0628\u0627\u0631 Sveiki");
    n = content_sources(fx, "test", "ti", a, &s); /* no Tigrinya title: its own, and English */
    assert_int_equal(n, 1);
    assert_string_equal(s[0].title, "Sveiki testa saturs (Sveiki test content)");
    assert_int_equal(content_sources(fx, "", "en", a, &s), 0);
    assert_int_equal(content_sources(fx, NULL, "en", a, &s), 0);

    assert_string_equal(content_reference(fx), "en");
    assert_int_equal(content_machine(fx, "category:money", "en"), 0);
    assert_int_equal(content_machine(fx, "category:money", "ar"), 1);
    assert_int_equal(content_machine(fx, "stage:arrival", "en"), 1);
    assert_int_equal(content_machine(fx, "survey:needs", "lv"), 0);
    assert_int_equal(content_machine(fx, "survey:needs", "ti"), 1);
    content_item *it;
    n = content_categories(fx, "ar", a, &it);
    assert_true(n > 0);
    assert_int_equal(it[0].machine, 1);
    n = content_categories(fx, "lv", a, &it);
    assert_int_equal(it[0].machine, 0);
    n = content_yousaid(fx, "en", a, &it);
    assert_true(n >= 2);
    assert_string_equal(it[0].id, "2022");
    assert_string_equal(it[0].see, "transport");
    assert_null(it[1].see);
    assert_int_equal(it[0].machine, 1);
    content_page pg;
    assert_int_equal(content_page_get(fx, "emergency-112", "en", a, &pg), 0);
    assert_string_equal(pg.sources, "common knowledge; test fixture");
    assert_int_equal(pg.outdated, 0);
    assert_int_equal(content_page_get(fx, "bank-account", "ti", a, &pg), 0);
    assert_int_equal(pg.outdated, 1); /* not stamped: stale */
    assert_int_equal(content_page_get(fx, "bank-account", "ar", a, &pg), 0);
    assert_int_equal(pg.outdated, 0);
}

static void test_open_missing_file(void **state)
{
    (void)state;
    assert_refused(tmp_path("no-such.pack"));
    /* an empty path is missing as well, and must not crash */
    err e = {{0}};
    assert_null(content_open("", &e));
}

static void test_open_directory(void **state)
{
    (void)state;
    const char *path = tmp_path("a-directory");
    assert_int_equal(mkdir(path, 0700), 0);
    assert_refused(path);
}

static void test_open_small_non_sqlite(void **state)
{
    (void)state;
    const char *path = tmp_path("small.bin");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("this is not a database\n", fp);
    fclose(fp);
    assert_refused(path);

    /* large enough to pass the size check, but still not SQLite */
    fp = fopen(path, "wb");
    assert_non_null(fp);
    for (int k = 0; k < 4096; k++)
        fputc('x', fp);
    fclose(fp);
    assert_refused(path);
}

static void test_open_sqlite_not_a_pack(void **state)
{
    (void)state;
    const char *path = tmp_path("plain.sqlite");
    make_db(path, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT);"
                  "INSERT INTO notes(body) VALUES('hello');");
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size >= 512); /* so it is SQLite, not the size check, that refuses it */
    assert_refused(path);
}

static void test_open_wrong_format(void **state)
{
    (void)state;
    const char *path = tmp_path("wrongformat.pack");
    static const char *const codes[] = {"en", NULL};
    char rows[512];
    snprintf(rows, sizeof rows,
             "INSERT INTO meta VALUES('format', '%d'), ('pack', 'x'), ('version', '1');"
             "INSERT INTO languages VALUES('en', 0, 'English', 0);",
             PACK_FORMAT + 1);
    make_pack(path, codes, rows);
    err e = {{0}};
    assert_null(content_open(path, &e));
    if (!strstr(e.msg, path) || !strstr(e.msg, "format is not " PACK_FORMAT_TEXT))
        fail_msg("not the other format's message: \"%s\"", e.msg);
}

/* ---- languages ----------------------------------------------------------------------- */

static void test_languages_in_manifest_order(void **state)
{
    (void)state;
    /* assets/content/latvia/manifest.txt: "languages: lv en ru uk ar fa ku ti" */
    static const struct { const char *code, *name; int rtl; } want[] = {
        {"lv", "Latviešu", 0}, {"en", "English", 0}, {"ru", "Русский", 0},
        {"uk", "Українська", 0}, {"ar", "العربية", 1}, {"fa", "فارسی", 1},
        {"ku", "Kurdî", 0}, {"ti", "ትግርኛ", 0},
    };
    int n = (int)(sizeof want / sizeof want[0]);
    assert_int_equal(content_nlangs(demo), n);
    for (int k = 0; k < n; k++) {
        const content_lang *l = content_lang_at(demo, k);
        assert_non_null(l);
        assert_string_equal(l->code, want[k].code);
        assert_string_equal(l->name, want[k].name);
        assert_int_equal(l->rtl, want[k].rtl);
    }
}

static void test_find_lang_and_fallback(void **state)
{
    (void)state;
    for (int k = 0; k < content_nlangs(demo); k++) {
        const content_lang *l = content_lang_at(demo, k);
        assert_ptr_equal(content_find_lang(demo, l->code), l);
    }
    const content_lang *ar = content_find_lang(demo, "ar");
    assert_non_null(ar);
    assert_int_equal(ar->rtl, 1);
    assert_int_equal(content_find_lang(demo, "fa")->rtl, 1);
    assert_int_equal(content_find_lang(demo, "lv")->rtl, 0);
    assert_null(content_find_lang(demo, "de"));
    assert_null(content_find_lang(demo, ""));
    assert_null(content_find_lang(demo, "LV")); /* codes are exact */
    assert_null(content_find_lang(demo, "lvx"));
    assert_string_equal(content_fallback(demo), "en");
    assert_non_null(content_find_lang(demo, content_fallback(demo)));
}

/* ---- UI strings ---------------------------------------------------------------------- */

static void test_ui_strings(void **state)
{
    (void)state;
    arena *a = &ta;
    const char *msgid = "Touch the screen to start";
    const char *lv = content_ui(demo, "lv", msgid, a);
    const char *en = content_ui(demo, "en", msgid, a);
    const char *ar = content_ui(demo, "ar", msgid, a);
    assert_string_equal(lv, "Pieskarieties ekrānam, lai sāktu"); /* lang/lv.po */
    assert_string_equal(en, msgid);
    assert_string_not_equal(ar, en);
    assert_string_not_equal(ar, lv);
    assert_string_equal(content_ui(demo, "lv", "Back", a), "Atpakaļ");

    /* a language the pack does not have: the English string */
    assert_string_equal(content_ui(demo, "de", "Back", a), content_ui(demo, "en", "Back", a));

    /* a msgid the pack does not know: the msgid itself, in any language */
    const char *unknown = "No such message in any catalogue 12345";
    assert_ptr_equal(content_ui(demo, "lv", unknown, a), unknown);
    assert_ptr_equal(content_ui(demo, "de", unknown, a), unknown);
    assert_string_equal(content_ui(demo, "ar", unknown, a), unknown);
    arena_free(a);
}

/* The demo pack's English strings equal their msgids, so a fallback to English cannot be told
 * from no translation at all there: a small synthetic pack tells them apart. */
static void test_ui_string_falls_back_to_english(void **state)
{
    (void)state;
    const char *path = tmp_path("synthetic.pack");
    static const char *const codes[] = {"en", "lv", NULL};
    char rows[1024];
    snprintf(rows, sizeof rows,
             "INSERT INTO meta VALUES('format', '%d'), ('pack', 'synthetic'), ('version', '7'),"
             " ('fallback', 'lv');"
             "INSERT INTO languages VALUES('en', 1, 'English', 0), ('lv', 0, 'Latviešu', 0);"
             "INSERT INTO strings VALUES('en', 'Back', 'Go back'), ('lv', 'Back', 'Atpakaļ'),"
             " ('en', 'Close', 'Close it');"
             /* the least a pack has to open: a category, a page, a text */
             "INSERT INTO categories VALUES('c', 0, 57344);"
             "INSERT INTO texts VALUES('category:c', 'title', 'lv', 'C');"
             "INSERT INTO pages(id, lang, title, status, checked) VALUES('a', 'lv', 'A', 'reviewed',"
             " '2022-12-01');",
             PACK_FORMAT);
    make_pack(path, codes, rows);
    err e = {{0}};
    content *c = extra = content_open(path, &e);
    if (!c)
        fail_msg("synthetic pack refused: %s", e.msg);
    assert_string_equal(content_pack_id(c), "synthetic");
    assert_string_equal(content_fallback(c), "lv");
    assert_string_equal(content_lang_at(c, 0)->code, "lv"); /* ordered by ord */
    arena *a = &ta;
    assert_string_equal(content_ui(c, "lv", "Back", a), "Atpakaļ");
    /* missing in lv: English, not lv's pack fallback and not the msgid */
    assert_string_equal(content_ui(c, "lv", "Close", a), "Close it");
    assert_string_equal(content_ui(c, "de", "Back", a), "Go back");
    assert_string_equal(content_ui(c, "lv", "Delete", a), "Delete");
}

/* ---- categories ---------------------------------------------------------------------- */

static void test_categories(void **state)
{
    (void)state;
    arena *a = &ta;
    content_item *en = NULL, *lv = NULL;
    int nen = content_categories(demo, "en", a, &en);
    int nlv = content_categories(demo, "lv", a, &lv);
    assert_int_equal(nen, 10);
    assert_int_equal(nlv, 10);
    for (int k = 0; k < nen; k++) {
        assert_non_null(en[k].id);
        assert_string_equal(en[k].id, lv[k].id); /* the same order in every language */
        assert_int_not_equal(en[k].icon, 0);
        assert_int_equal(en[k].icon, lv[k].icon);
        assert_non_null(en[k].title);
        assert_non_null(lv[k].title);
        assert_true(en[k].title[0] != 0);
        assert_string_not_equal(en[k].title, en[k].id); /* a real title, not the id */
        assert_string_not_equal(lv[k].title, en[k].title);
        assert_string_equal(en[k].lang_shown, "en");
        assert_string_equal(lv[k].lang_shown, "lv");
    }
    /* the manifest's first categories, in its order */
    assert_string_equal(en[0].id, "documents");
    assert_string_equal(en[0].title, "Documents and status");
    assert_string_equal(lv[0].title, "Dokumenti un statuss");
    assert_string_equal(en[1].id, "money");
    assert_string_equal(lv[1].title, "Nauda un pabalsti");

    /* a language the pack lacks: the fallback's titles, and it says so */
    content_item *de = NULL;
    assert_int_equal(content_categories(demo, "de", a, &de), 10);
    for (int k = 0; k < 10; k++) {
        assert_string_equal(de[k].title, en[k].title);
        assert_string_equal(de[k].lang_shown, "en");
    }
    arena_free(a);
}

/* ---- pages --------------------------------------------------------------------------- */

static int known_kind(const char *k)
{
    static const char *const kinds[] = {"h", "p", "li", "phone", "address", "hours", "link"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(k, kinds[i]))
            return 1;
    return 0;
}

static void assert_blocks_sane(const content_page *p)
{
    assert_true(p->nblocks > 0);
    assert_non_null(p->blocks);
    for (int k = 0; k < p->nblocks; k++) {
        const content_block *b = &p->blocks[k];
        assert_non_null(b->kind);
        if (!known_kind(b->kind))
            fail_msg("page %s block %d has kind \"%s\"", p->id, k, b->kind);
        assert_non_null(b->text);
    }
}

static void test_page_in_language(void **state)
{
    (void)state;
    arena *a = &ta;
    content_page p;
    assert_int_equal(content_page_get(demo, "bank-account", "lv", a, &p), 0);
    assert_string_equal(p.id, "bank-account");
    assert_string_equal(p.lang, "lv");
    assert_string_equal(p.title, "Bankas konta atvēršana");
    assert_int_equal(p.fallback, 0);
    assert_int_equal(p.machine, 1);
    assert_string_equal(p.status, "machine");
    assert_blocks_sane(&p);

    content_page q;
    assert_int_equal(content_page_get(demo, "bank-account", "en", a, &q), 0);
    assert_string_equal(q.lang, "en");
    assert_int_equal(q.fallback, 0);
    assert_string_not_equal(q.title, p.title);
    arena_free(a);
}

static void test_page_fallback_language(void **state)
{
    (void)state;
    arena *a = &ta;
    content_page de, en;
    assert_int_equal(content_page_get(demo, "bank-account", "de", a, &de), 0);
    assert_int_equal(content_page_get(demo, "bank-account", "en", a, &en), 0);
    assert_int_equal(de.fallback, 1);
    assert_string_equal(de.lang, "en");
    assert_string_equal(de.title, en.title);
    assert_int_equal(de.machine, 1);
    assert_int_equal(de.nblocks, en.nblocks);
    for (int k = 0; k < de.nblocks; k++) {
        assert_string_equal(de.blocks[k].kind, en.blocks[k].kind);
        assert_string_equal(de.blocks[k].text, en.blocks[k].text);
    }
    assert_blocks_sane(&de);
    arena_free(a);
}

static void test_page_missing(void **state)
{
    (void)state;
    arena *a = &ta;
    content_page p;
    assert_int_equal(content_page_get(demo, "no-such-page", "en", a, &p), -1);
    assert_int_equal(content_page_get(demo, "no-such-page", "de", a, &p), -1);
    assert_int_equal(content_page_get(demo, "", "en", a, &p), -1);
    arena_free(a);
}

/* Every page of every category, in every language: blocks of the known kinds only, and the
 * page is in the asked language (the demo pack translates every page). */
static void test_every_page_block_kinds(void **state)
{
    (void)state;
    arena *a = &ta;
    content_item *cats = NULL;
    int nc = content_categories(demo, "en", a, &cats);
    int seen = 0, kinds_seen[7] = {0};
    static const char *const kinds[] = {"h", "p", "li", "phone", "address", "hours", "link"};
    for (int l = 0; l < content_nlangs(demo); l++) {
        const char *lang = content_lang_at(demo, l)->code;
        for (int c = 0; c < nc; c++) {
            char owner[PACK_OWNER_MAX];
            assert_int_equal(pack_owner(owner, sizeof owner, PACK_OWNER_CATEGORY, cats[c].id), 0);
            content_item *links = NULL;
            int nl = content_links(demo, owner, lang, a, &links);
            assert_true(nl > 0);
            for (int k = 0; k < nl; k++) {
                content_page p;
                assert_int_equal(content_page_get(demo, links[k].id, lang, a, &p), 0);
                assert_string_equal(p.lang, lang);
                assert_int_equal(p.fallback, 0);
                assert_string_equal(p.title, links[k].title);
                assert_blocks_sane(&p);
                for (int b = 0; b < p.nblocks; b++)
                    for (int i = 0; i < 7; i++)
                        kinds_seen[i] += !strcmp(p.blocks[b].kind, kinds[i]);
                seen++;
            }
        }
    }
    assert_true(seen >= 8 * 10);
    for (int i = 0; i < 7; i++)
        if (!kinds_seen[i])
            fail_msg("no block of kind %s in the demo pack", kinds[i]);
    arena_free(a);
}

/* ---- search -------------------------------------------------------------------------- */

static void test_search_prefix(void **state)
{
    (void)state;
    arena *a = &ta;
    content_item *v = NULL;
    int n = content_search(demo, "en", "ban", 10, a, &v);
    assert_true(n >= 1);
    /* the only page with a word starting "ban" in its title ranks first */
    assert_string_equal(v[0].id, "bank-account");
    assert_string_equal(v[0].title, "Opening a bank account");
    assert_string_equal(v[0].lang_shown, "en");
    /* a prefix finds at least what the whole word finds */
    content_item *w = NULL;
    int m = content_search(demo, "en", "bank", 10, a, &w);
    assert_true(m >= 1 && m <= n);
    for (int k = 0; k < m; k++)
        assert_true(find_id(v, n, w[k].id) >= 0);
    /* not a substring search: no word starts with "ccount" */
    content_item *x = NULL;
    int nx = content_search(demo, "en", "ccount", 10, a, &x);
    assert_int_equal(find_id(x, nx, "bank-account"), -1);
    /* every word must match */
    assert_finds("en", "bank acc", "bank-account");
    assert_int_equal(content_search(demo, "en", "bank zzzqqq", 10, a, &x), 0);
    assert_int_equal(content_search(demo, "en", "zzzqqq", 10, a, &x), 0);
    arena_free(a);
}

static void test_search_case_insensitive(void **state)
{
    (void)state;
    arena *a = &ta;
    content_item *lower = NULL;
    int n = content_search(demo, "en", "bank", 50, a, &lower);
    assert_true(n >= 1);
    static const char *const variants[] = {"BANK", "Bank", "bAnK", "BAN"};
    for (size_t k = 0; k < sizeof variants / sizeof variants[0]; k++) {
        content_item *v = NULL;
        int m = content_search(demo, "en", variants[k], 50, a, &v);
        if (m < n)
            fail_msg("\"%s\": %d results, \"bank\": %d", variants[k], m, n);
        for (int i = 0; i < n; i++)
            assert_true(find_id(v, m, lower[i].id) >= 0);
    }
    /* Cyrillic and Latvian capitals too */
    assert_finds("ru", "БАНКОВСКИЙ", "bank-account");
    assert_finds("lv", "BANKAS", "bank-account");
    assert_finds("lv", "ĀRKĀRTAS", "emergency-112");
    arena_free(a);
}

static void test_search_latvian_diacritics(void **state)
{
    (void)state;
    /* the title is "Bankas konta atvēršana": without the marks, with them, and a prefix */
    assert_finds("lv", "atvēršana", "bank-account");
    assert_finds("lv", "atversana", "bank-account");
    assert_finds("lv", "atver", "bank-account");
    /* "Ārkārtas situācija: zvaniet 112" */
    assert_finds("lv", "arkartas", "emergency-112");
    assert_finds("lv", "situacija", "emergency-112");
    /* the other way: marks in the query that the text does not have ("konta", "Bankas") */
    assert_finds("lv", "kontā", "bank-account");
    assert_finds("lv", "bānkas kōnta", "bank-account");
    /* "Bērnudārzs" */
    assert_finds("lv", "bernudarzs", "kindergarten");
    assert_finds("lv", "BĒRNU", "kindergarten");
}

static void test_search_arabic_letter_variants(void **state)
{
    (void)state;
    /* "مكان إقامتك المُعلَن": alef with hamza below in the text */
    assert_finds("ar", "إقامتك", "declared-residence");
    assert_finds("ar", "اقامتك", "declared-residence");   /* bare alef */
    assert_finds("ar", "أقامتك", "declared-residence");   /* hamza above */
    assert_finds("ar", "آقامتك", "declared-residence");   /* madda */
    assert_finds("ar", "ٱقامتك", "declared-residence");   /* wasla */
    /* "الإقامة الدائمة ...": teh marbuta at the end, alef with hamza below inside */
    assert_finds("ar", "الاقامه", "permanent-residence");
    /* "المال أثناء انتظار القرار": hamza above in the text, bare alef typed */
    assert_finds("ar", "اثناء", "asylum-seeker-allowance");
    assert_finds("ar", "إثناء", "asylum-seeker-allowance");
    /* harakat and tatweel typed along are ignored */
    assert_finds("ar", "مَصْرِفي", "bank-account");
    assert_finds("ar", "مصـــرفي", "bank-account");
    /* Persian keheh and yeh typed for an Arabic word, and the other way round */
    assert_finds("ar", "مصرفی", "bank-account");
    assert_finds("fa", "بانكي", "bank-account"); /* "باز کردن حساب بانکی" */
}

static void test_search_fts_syntax_is_harmless(void **state)
{
    (void)state;
    static const char *const queries[] = {
        "\"", "\"\"", "\"\"\"", "*", "**", "OR", "AND", "NOT", "NEAR(", "NEAR", "-", "--",
        "(", ")", "()", ":", "^", "+", "'", "''", "\\", "{", "}", "[", "]", ",", ".", ";",
        "title:", "title:bank", "body:x", "a OR b", "bank NOT account", "NEAR(bank account)",
        "\"bank", "bank\"", "ba\"nk", "*bank", "bank*", "b*a*n*k", "-bank", "^bank",
        "\"*\"", "\" OR \"", "' OR 1=1 --", "%", "_", "\t", "  ", "", "\xD8\xA7*", "ـ",
        "\xCC\x81", /* a lone combining acute */
    };
    static const char *const langs[] = {"en", "lv", "ar", "ti"};
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++) {
            arena *a = &ta;
            content_item *v = NULL;
            int n = content_search(demo, langs[l], queries[k], 5, a, &v);
            if (n < 0 || n > 5)
                fail_msg("search %s \"%s\" returned %d", langs[l], queries[k], n);
            for (int i = 0; i < n; i++) {
                assert_non_null(v[i].id);
                assert_non_null(v[i].title);
            }
            arena_free(a);
        }
    /* syntax around a real word does not stop it from being found */
    assert_finds("en", "\"bank\"", "bank-account");
    assert_finds("en", "bank*", "bank-account");
    assert_finds("en", "(bank)", "bank-account");
    assert_finds("en", "-bank", "bank-account");
    /* and the pack still answers afterwards */
    assert_finds("en", "ban", "bank-account");
}

static void test_search_unknown_language(void **state)
{
    (void)state;
    arena *a = &ta;
    content_item *v = (content_item *)&v; /* not NULL: the call must set it */
    assert_int_equal(content_search(demo, "de", "bank", 10, a, &v), 0);
    assert_null(v);
    assert_int_equal(content_search(demo, "", "bank", 10, a, &v), 0);
    /* a code is never pasted into SQL unless the pack declares it */
    assert_int_equal(content_search(demo, "en s JOIN pages p", "bank", 10, a, &v), 0);
    assert_int_equal(content_search(demo, "en;--", "bank", 10, a, &v), 0);
    assert_int_equal(content_search(demo, "EN", "bank", 10, a, &v), 0);
    arena_free(a);
}

static void test_search_max(void **state)
{
    (void)state;
    arena *a = &ta;
    content_item *all = NULL;
    /* "a" starts words on many English pages */
    int n = content_search(demo, "en", "a", 100, a, &all);
    assert_true(n > 5);
    assert_true(n <= content_npages(demo));
    for (int max = 1; max <= 5; max++) {
        content_item *v = NULL;
        int m = content_search(demo, "en", "a", max, a, &v);
        assert_int_equal(m, max);
        for (int k = 0; k < m; k++) /* the best max of the same ranking */
            assert_string_equal(v[k].id, all[k].id);
    }
    content_item *v = NULL;
    assert_int_equal(content_search(demo, "en", "a", 0, a, &v), 0);
    assert_int_equal(content_search(demo, "en", "a", -3, a, &v), 0);
    /* no page twice */
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            assert_string_not_equal(all[i].id, all[j].id);
    arena_free(a);
}


/* ---- "I need help now" -------------------------------------------------------------------- */

/* The demo's hotlines in every language: 112 as the sources give it, every other number left
 * to the operator as a placeholder (none invented). */
static void test_hotlines_every_language(void **state)
{
    (void)state;
    static const char *const langs[] = {"lv", "en", "ru", "uk", "ar", "fa", "ku", "ti"};
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        content_hotline *h;
        int n = content_hotlines(demo, langs[l], &ta, &h);
        assert_int_equal(n, 4);
        assert_string_equal(h[0].id, "emergency");
        assert_string_equal(h[0].phone, "112");
        for (int k = 1; k < n; k++)
            assert_non_null(pack_placeholder_find(h[k].phone, NULL));
        /* each in its own language, not the fallback */
        const char *en = NULL;
        content_hotline *he;
        assert_int_equal(content_hotlines(demo, "en", &ta, &he), 4);
        en = he[2].title;
        if (strcmp(langs[l], "en"))
            assert_string_not_equal(h[2].title, en);
        /* marked as machine translation, as pages are, except the reference */
        assert_int_equal(content_help_machine(demo, langs[l]), strcmp(langs[l], "en") != 0);
    }
}

static void test_danger_words(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int danger;
    } cases[] = {
        {"someone HITS ME", 1},
        {"he hits the ball", 0},
        {"Human Trafficking", 1},         /* traffick* */
        {"", 0},
        {"Tur ir vardarbība", 1},          /* lv */
        {"tur ir VARDARBIBA", 1},          /* lv, no diacritics */
        {"Меня БЬЁТ муж. Он бьёт меня", 1}, /* ru: бьёт меня */
        {"это насилие", 1},                 /* ru: насили* */
        {"мене б'є сусід, він б'є мене", 1},  /* uk */
        /* ar: a word with a prefix the list has no form of is missed (add the form) */
        {"تعرضت للتحرش في المركز", 0},
        {"هناك تحرش في المركز", 1},         /* ar: تحرش* */
        {"أنا في خطر", 1},                  /* ar: a phrase */
        {"در خطر هستم", 1},                 /* fa */
        {"li min dixe", 1},                /* ku */
        {"LI MIN DIXE", 1},                /* ku, without the circumflexes and in capitals */
        {"ሰብኣየይ ይወቕዓኒ እዩ", 1},          /* ti */
        {"The food is cold", 0},
        /* compared on a normalised copy (utf8proc NFKC, case folded, ignorable characters
         * dropped), as the store's scrubber reads text: other forms of the same letters */
        {"someone \uFF28\uFF29\uFF34\uFF33 \uFF2D\uFF25", 1}, /* full-width HITS ME */
        {"there is ab\u00ADuse here", 1},                         /* a soft hyphen inside */
        {"tra\uFB03cking", 1},                                    /* the ffi ligature */
        {"\U0001D41A\U0001D41B\U0001D42E\U0001D42C\U0001D41E", 1}, /* mathematical bold */
        {"\uFECB\uFEE8\uFED2", 1},                      /* ar: presentation forms of عنف */
        {"STRASSE", 0},
        {"kill\u200Bed", 1},                            /* a zero-width space inside */
        {"skill", 0},                                    /* whole words: kill* is not *kill* */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        if (content_danger(demo, cases[k].text) != cases[k].danger)
            fail_msg("\"%s\": danger should be %d", cases[k].text, cases[k].danger);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_open_demo, per_test_teardown),
        cmocka_unit_test(test_scrub_words),
        cmocka_unit_test_teardown(test_open_missing_file, per_test_teardown),
        cmocka_unit_test_teardown(test_open_directory, per_test_teardown),
        cmocka_unit_test_teardown(test_open_small_non_sqlite, per_test_teardown),
        cmocka_unit_test_teardown(test_open_sqlite_not_a_pack, per_test_teardown),
        cmocka_unit_test_teardown(test_open_wrong_format, per_test_teardown),
        cmocka_unit_test_teardown(test_languages_in_manifest_order, per_test_teardown),
        cmocka_unit_test_teardown(test_find_lang_and_fallback, per_test_teardown),
        cmocka_unit_test_teardown(test_ui_strings, per_test_teardown),
        cmocka_unit_test_teardown(test_ui_string_falls_back_to_english, per_test_teardown),
        cmocka_unit_test_teardown(test_categories, per_test_teardown),
        cmocka_unit_test_teardown(test_page_in_language, per_test_teardown),
        cmocka_unit_test_teardown(test_page_fallback_language, per_test_teardown),
        cmocka_unit_test_teardown(test_page_missing, per_test_teardown),
        cmocka_unit_test_teardown(test_every_page_block_kinds, per_test_teardown),
        cmocka_unit_test_teardown(test_search_prefix, per_test_teardown),
        cmocka_unit_test_teardown(test_search_case_insensitive, per_test_teardown),
        cmocka_unit_test_teardown(test_search_latvian_diacritics, per_test_teardown),
        cmocka_unit_test_teardown(test_search_arabic_letter_variants, per_test_teardown),
        cmocka_unit_test_teardown(test_search_fts_syntax_is_harmless, per_test_teardown),
        cmocka_unit_test_teardown(test_search_unknown_language, per_test_teardown),
        cmocka_unit_test_teardown(test_search_max, per_test_teardown),
        cmocka_unit_test_teardown(test_hotlines_every_language, per_test_teardown),
        cmocka_unit_test_teardown(test_danger_words, per_test_teardown),
        cmocka_unit_test_teardown(test_sources_reviewed_see, per_test_teardown),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
