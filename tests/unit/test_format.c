/* format: owner keys made and read back, the placeholder rule on its edge cases, search
 * table names, and the strict schema check: the demo pack and a pack built from pack_schema
 * open; packs with a trigger, a view, a generated column, an extra or a missing table are
 * refused naming that object; truncated and non-SQLite files are called damaged. Packs are
 * written with the SQLite API into a temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/buf.h"
#include "pack/content.h"
#include "pack/format.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEMO "build/demo.pack"

#include "scratch.h"

static int setup(void **state)
{
    (void)state;
    return scratch_make("format");
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- owner keys --------------------------------------------------------------------- */

static void assert_owner(pack_kind kind, const char *id, const char *want)
{
    char out[PACK_OWNER_MAX];
    if (pack_owner(out, sizeof out, kind, id))
        fail_msg("pack_owner(%d, \"%s\") refused", (int)kind, id ? id : "NULL");
    assert_string_equal(out, want);
    pack_kind k = (pack_kind)-1;
    const char *back = NULL;
    assert_int_equal(pack_owner_parse(out, &k, &back), 0);
    assert_int_equal(k, kind);
    assert_string_equal(back, id ? id : "");
}

static void test_owner_round_trip(void **state)
{
    (void)state;
    /* what the builder writes in texts.owner and links.owner */
    assert_owner(PACK_OWNER_PACK, NULL, "pack");
    assert_owner(PACK_OWNER_CATEGORY, "money", "category:money");
    assert_owner(PACK_OWNER_STAGE, "arrival", "stage:arrival");
    assert_owner(PACK_OWNER_YOUSAID, "bus-2022", "yousaid:bus-2022");
    assert_owner(PACK_OWNER_SURVEY, "visit", "survey:visit");
    assert_owner(PACK_OWNER_QUESTION, "visit.how", "question:visit.how");
    assert_owner(PACK_OWNER_ANSWER, "visit.how.good", "answer:visit.how.good");

    /* the longest owner fits PACK_OWNER_MAX */
    char id[3 * (PACK_ID_MAX + 1)], out[PACK_OWNER_MAX];
    memset(id, 'a', sizeof id - 1);
    id[sizeof id - 1] = 0;
    id[PACK_ID_MAX] = id[2 * PACK_ID_MAX + 1] = '.';
    assert_int_equal(pack_owner(out, sizeof out, PACK_OWNER_ANSWER, id), 0);
    assert_int_equal(strlen(out), strlen("answer:") + 3 * PACK_ID_MAX + 2);
}

static void assert_no_owner(pack_kind kind, const char *id)
{
    char out[PACK_OWNER_MAX] = "not touched";
    if (pack_owner(out, sizeof out, kind, id) == 0)
        fail_msg("pack_owner(%d, \"%s\") made \"%s\"", (int)kind, id ? id : "NULL", out);
    assert_string_equal(out, ""); /* never a cut or stale key */
}

static void test_owner_refuses_bad_ids(void **state)
{
    (void)state;
    assert_no_owner(PACK_OWNER_CATEGORY, NULL);
    assert_no_owner(PACK_OWNER_CATEGORY, "");
    assert_no_owner(PACK_OWNER_CATEGORY, "Money");
    assert_no_owner(PACK_OWNER_CATEGORY, "a.b"); /* one id, not two */
    assert_no_owner(PACK_OWNER_CATEGORY, "a:b");
    assert_no_owner(PACK_OWNER_CATEGORY, "x' OR 1");
    assert_no_owner(PACK_OWNER_STAGE, "nauda-ā");
    assert_no_owner(PACK_OWNER_PACK, "x"); /* the pack has no id */
    assert_no_owner(PACK_OWNER_QUESTION, "visit");
    assert_no_owner(PACK_OWNER_QUESTION, "visit.how.x");
    assert_no_owner(PACK_OWNER_QUESTION, "visit..how");
    assert_no_owner(PACK_OWNER_QUESTION, ".how");
    assert_no_owner(PACK_OWNER_QUESTION, "visit.");
    assert_no_owner(PACK_OWNER_ANSWER, "visit.how");
    assert_no_owner((pack_kind)99, "money");
    assert_no_owner((pack_kind)-1, "money");

    char id[PACK_ID_MAX + 2];
    memset(id, 'a', sizeof id - 1);
    id[sizeof id - 1] = 0;
    assert_no_owner(PACK_OWNER_CATEGORY, id); /* 65 characters */
    id[PACK_ID_MAX] = 0;
    char want[PACK_OWNER_MAX];
    snprintf(want, sizeof want, "category:%s", id);
    assert_owner(PACK_OWNER_CATEGORY, id, want); /* 64 characters */
}

static void test_owner_too_small_buffer(void **state)
{
    (void)state;
    char out[14] = "not touched"; /* "category:money" needs 15 */
    assert_int_equal(pack_owner(out, sizeof out, PACK_OWNER_CATEGORY, "money"), -1);
    assert_string_equal(out, "");
    char out2[15];
    assert_int_equal(pack_owner(out2, sizeof out2, PACK_OWNER_CATEGORY, "money"), 0);
    assert_string_equal(out2, "category:money");
    char tiny[4] = "xyz";
    assert_int_equal(pack_owner(tiny, sizeof tiny, PACK_OWNER_PACK, NULL), -1);
    assert_string_equal(tiny, "");
}

static void test_owner_parse_refuses(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "category", "category:", "category:Money", "category:a b", "category:a.b",
        "Category:money", "pack:x", "packs", "nope:x", ":x", "question:a", "question:a.b.c",
        "answer:a.b", "stage:a:b", "survey:a;DROP TABLE texts",
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        pack_kind kind;
        const char *id;
        if (pack_owner_parse(bad[k], &kind, &id) == 0)
            fail_msg("\"%s\" was read as an owner key", bad[k]);
    }
    pack_kind kind;
    const char *id;
    assert_int_equal(pack_owner_parse(NULL, &kind, &id), -1);
}

/* ---- placeholders ------------------------------------------------------------------- */

/* The first placeholder of s is the text want, or none when want is NULL. */
static void assert_first(const char *s, const char *want)
{
    size_t len = 12345;
    const char *p = pack_placeholder_find(s, &len);
    if (!want) {
        if (p)
            fail_msg("\"%s\": found \"%.*s\", wanted none", s, (int)len, p);
        return;
    }
    if (!p)
        fail_msg("\"%s\": no placeholder, wanted \"%s\"", s, want);
    assert_true(p >= s && p + len <= s + strlen(s));
    if (len != strlen(want) || memcmp(p, want, len))
        fail_msg("\"%s\": found \"%.*s\", wanted \"%s\"", s, (int)len, p, want);
    assert_non_null(pack_placeholder_find(s, NULL)); /* len is optional */
}

static void test_placeholder_find(void **state)
{
    (void)state;
    assert_first("", NULL);
    assert_first("no braces at all", NULL);
    assert_first("Call {{fill in: number}} now", "{{fill in: number}}");
    assert_first("{{fill in: number}}", "{{fill in: number}}");
    assert_first("at the end {{x}}", "{{x}}");
    assert_first("{{}}", "{{}}");
    /* not closed, or closed before opened */
    assert_first("{{ never closed", NULL);
    assert_first("ends with {{", NULL);
    assert_first("ends with {", NULL);
    assert_first("}} then {{", NULL);
    assert_first("only }} here", NULL);
    assert_first("{ single } braces", NULL);
    /* one line only: a break between is a typo, not a placeholder */
    assert_first("{{a\nb}}", NULL);
    assert_first("{{a\nb}} {{c}}", "{{c}}");
    /* nested or doubled braces: the innermost */
    assert_first("{{a {{b}} c}}", "{{b}}");
    assert_first("{{{x}}}", "{{x}}");
    assert_first("{{ stray {{fill in: phone}}", "{{fill in: phone}}");
    /* UTF-8 inside and around: braces are ASCII, never part of a multibyte character */
    assert_first("Adrese: {{fill in: адрес}}", "{{fill in: адрес}}");
    assert_first("العنوان {{fill in: العنوان}} ሰላም", "{{fill in: العنوان}}");
    assert_first("\xF0\x9F\x98\x80{{\xC3\xA5}}", "{{\xC3\xA5}}");
    assert_null(pack_placeholder_find(NULL, NULL));
}

static void test_placeholder_count_and_stray(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int count, stray;
    } cases[] = {
        {"", 0, 0},
        {"plain text", 0, 0},
        {"{{fill in: a}}", 1, 0},
        {"{{a}} and {{b}}\n{{c}}", 3, 0},
        {"{{a}}{{b}}", 2, 0},
        {"{{ not closed", 0, 1},
        {"closed only }}", 0, 1},
        {"{{a}} then {{ open", 1, 1},
        {"{{a}} then }}", 1, 1},
        {"{{a {{b}} c}}", 1, 1},
        {"{{a\nb}}", 0, 1},
        {"{{{x}}}", 1, 0}, /* single braces around a placeholder are text */
        {"{ and } alone", 0, 0},
        {"Tālrunis {{fill in: tālrunis}} — العنوان {{fill in: العنوان}}", 2, 0},
        {"ends with {{", 0, 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        int n = pack_placeholder_count(cases[k].s), st = pack_placeholder_stray(cases[k].s);
        if (n != cases[k].count || st != cases[k].stray)
            fail_msg("\"%s\": %d placeholders, stray %d; wanted %d, %d", cases[k].s, n, st,
                     cases[k].count, cases[k].stray);
    }
    assert_int_equal(pack_placeholder_count(NULL), 0);
    assert_int_equal(pack_placeholder_stray(NULL), 0);
}

/* ---- search tables ------------------------------------------------------------------ */

static void test_search_names(void **state)
{
    (void)state;
    char out[128];
    assert_int_equal(pack_search_table(out, sizeof out, "lv"), 0);
    assert_string_equal(out, "search_lv");
    assert_int_equal(pack_search_create(out, sizeof out, "ti"), 0);
    assert_non_null(strstr(out, "CREATE VIRTUAL TABLE search_ti USING fts5("));
    static const char *const bad[] = {"", "EN", "en;--", "en s JOIN pages p", "e n", "ā"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        strcpy(out, "x");
        assert_int_equal(pack_search_table(out, sizeof out, bad[k]), -1);
        assert_string_equal(out, "");
        strcpy(out, "x");
        assert_int_equal(pack_search_create(out, sizeof out, bad[k]), -1);
        assert_string_equal(out, "");
    }
    assert_int_equal(pack_search_table(out, sizeof out, NULL), -1);
    char small[9]; /* "search_lv" needs 10 */
    assert_int_equal(pack_search_table(small, sizeof small, "lv"), -1);
    assert_string_equal(small, "");
    assert_int_equal(pack_search_create(small, sizeof small, "lv"), -1);
}

/* ---- the strict schema check -------------------------------------------------------- */

static const char *tmp_path(const char *name)
{
    static char paths[4][160];
    static int n;
    char *p = paths[n++ % 4];
    snprintf(p, 160, "%s/%s", dir, name);
    return p;
}

/* A small pack the reader accepts: the format's schema, search tables for en and lv, the
 * rows content_open needs; then extra, which makes it hostile. */
static void make_pack(const char *path, const char *extra)
{
    buf sql;
    buf_init(&sql);
    for (int k = 0; pack_schema[k]; k++)
        buf_printf(&sql, "%s;", pack_schema[k]);
    static const char *const codes[] = {"en", "lv"};
    for (size_t k = 0; k < 2; k++) {
        char create[256];
        assert_int_equal(pack_search_create(create, sizeof create, codes[k]), 0);
        buf_printf(&sql, "%s;", create);
    }
    buf_printf(&sql,
               "INSERT INTO meta VALUES('format', '%d'), ('pack', 'small'), ('version', '1');"
               "INSERT INTO languages VALUES('en', 0, 'English', 0), ('lv', 1, 'Latviešu', 0);"
               "INSERT INTO texts VALUES('category:money', 'title', 'en', 'Money');"
               "INSERT INTO categories VALUES('money', 0, 57344);"
               "INSERT INTO pages(id, lang, title, status, checked) VALUES('bank', 'en', 'Bank',"
               " 'reviewed', '2022-12-01');"
               "INSERT INTO search_en(page, title, body) VALUES('bank', 'bank', 'account');",
               PACK_FORMAT);
    buf_adds(&sql, extra ? extra : "");
    unlink(path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql.data, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("sqlite: %s", msg ? msg : "?");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    buf_free(&sql);
}

/* content_open refuses path with a message naming it and holding want. */
static void assert_refused(const char *path, const char *want)
{
    err e = {{0}};
    content *c = content_open(path, &e);
    if (c) {
        content_close(c);
        fail_msg("%s was opened; wanted \"%s\"", path, want);
    }
    if (!strstr(e.msg, path) || !strstr(e.msg, want))
        fail_msg("%s: \"%s\" does not say \"%s\"", path, e.msg, want);
}

/* Also the check of format.c's list of FTS5 shadow tables against what the linked SQLite
 * creates: a pack made here by SQLite must match that list exactly. */
static void test_schema_accepts_the_builders(void **state)
{
    (void)state;
    err e = {{0}};
    content *c = content_open(DEMO, &e);
    if (!c)
        fail_msg("the demo pack was refused: %s", e.msg);
    content_close(c);

    const char *path = tmp_path("small.pack");
    make_pack(path, NULL);
    c = content_open(path, &e);
    if (!c)
        fail_msg("a pack built from pack_schema was refused: %s", e.msg);
    arena a = {0};
    content_item *v;
    assert_int_equal(content_categories(c, "en", &a, &v), 1);
    assert_string_equal(v[0].title, "Money");
    assert_int_equal(content_search(c, "en", "acc", 5, &a, &v), 1); /* through the page row */
    assert_string_equal(v[0].title, "Bank");
    arena_free(&a);
    content_close(c);

    /* no search table is needed (search finds nothing), and one for any valid code is
     * allowed, as long as it is the format's */
    make_pack(path, "DROP TABLE search_lv;");
    assert_non_null(c = content_open(path, &e));
    content_close(c);
    char create[256];
    assert_int_equal(pack_search_create(create, sizeof create, "de"), 0);
    make_pack(path, create);
    assert_non_null(c = content_open(path, &e));
    content_close(c);

    /* the check itself, on a database built in memory the way the builder does */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    for (int k = 0; pack_schema[k]; k++)
        assert_int_equal(sqlite3_exec(db, pack_schema[k], NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(pack_schema_check(db, "memory", NULL, &e), 0);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE answers", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(pack_schema_check(db, "memory", NULL, &e), -1);
    assert_string_equal(e.msg, "memory: not a Sveiki content pack: table \"answers\" of format "
                               PACK_FORMAT_TEXT " is missing");
    sqlite3_close(db);
}

static void test_schema_refuses_hostile(void **state)
{
    (void)state;
    static const struct {
        const char *name, *sql, *want;
    } cases[] = {
        {"generated-column", "ALTER TABLE pages ADD COLUMN g GENERATED ALWAYS AS (title) VIRTUAL",
         "table \"pages\" differs from format " PACK_FORMAT_TEXT},
        {"stored-generated",
         "DROP TABLE strings; CREATE TABLE strings(lang TEXT, msgid TEXT, msgstr TEXT"
         " GENERATED ALWAYS AS (upper(msgid)) STORED, PRIMARY KEY(lang, msgid))",
         "table \"strings\" differs"},
        {"default-expression",
         "DROP TABLE meta; CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL DEFAULT"
         " (random()))",
         "table \"meta\" differs"},
        {"other-spacing",
         "DROP TABLE stages; CREATE TABLE stages(id TEXT PRIMARY KEY,  ord INTEGER, icon INTEGER)",
         "table \"stages\" differs"},
        {"trigger", "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END",
         "trigger \"t\" is not part of format " PACK_FORMAT_TEXT},
        {"view", "CREATE VIEW v AS SELECT 1", "view \"v\" is not part of"},
        {"view-for-a-table",
         "DROP TABLE languages; CREATE VIEW languages AS SELECT 'en' AS code, 0 AS ord,"
         " 'English' AS name, 0 AS rtl",
         "view \"languages\" is not part of"},
        {"extra-table", "CREATE TABLE extra(x)", "table \"extra\" is not part of"},
        {"extra-index", "CREATE INDEX i ON pages(title)", "index \"i\" is not part of"},
        {"statistics", "ANALYZE", "table \"sqlite_stat1\" is not part of"},
        {"no-texts", "DROP TABLE texts", "table \"texts\" of format " PACK_FORMAT_TEXT " is missing"},
        {"no-pages", "DROP TABLE pages", "table \"pages\" of format " PACK_FORMAT_TEXT " is missing"},
        {"no-categories", "DROP TABLE categories", "table \"categories\" of format " PACK_FORMAT_TEXT " is missing"},
        {"other-search", "DROP TABLE search_en; CREATE VIRTUAL TABLE search_en USING fts5(body)",
         "table \"search_en\" is not part of"},
        /* the format's definition under a name whose code breaks the id rule */
        {"search-bad-code",
         "CREATE VIRTUAL TABLE search_x_y USING fts5(page UNINDEXED, title, body,"
         " tokenize='unicode61 remove_diacritics 2')",
         "table \"search_x_y\" is not part of"},
        {"plain-search", "DROP TABLE search_lv; CREATE TABLE search_lv(page, title, body)",
         "table \"search_lv\" is not part of"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char name[64];
        snprintf(name, sizeof name, "%s.pack", cases[k].name);
        const char *path = tmp_path(name);
        make_pack(path, cases[k].sql);
        assert_refused(path, cases[k].want);
        assert_refused(path, "not a Sveiki content pack");
    }
}

static void test_schema_too_many_search_tables(void **state)
{
    (void)state;
    buf sql;
    buf_init(&sql);
    for (int k = 0; k < PACK_MAX_LANGS; k++) { /* with en and lv: two too many */
        char code[16], create[256];
        snprintf(code, sizeof code, "l%d", k);
        assert_int_equal(pack_search_create(create, sizeof create, code), 0);
        buf_printf(&sql, "%s;", create);
    }
    const char *path = tmp_path("many.pack");
    make_pack(path, sql.data);
    buf_free(&sql);
    assert_refused(path, "more than " PACK_STR(PACK_MAX_LANGS) " search tables");
}

/* Copies the first n bytes of from to to. */
static void copy_head(const char *from, const char *to, long n)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char chunk[4096];
    for (long left = n; left > 0;) {
        size_t want = left < (long)sizeof chunk ? (size_t)left : sizeof chunk;
        size_t got = fread(chunk, 1, want, in);
        assert_int_equal(got, want);
        assert_int_equal(fwrite(chunk, 1, got, out), got);
        left -= (long)got;
    }
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void test_damaged_is_not_a_schema_problem(void **state)
{
    (void)state;
    struct stat sb;
    assert_int_equal(stat(DEMO, &sb), 0);
    /* a copy cut short, as an interrupted copy to a USB stick leaves it */
    const long cuts[] = {4096, 8192, 65536, sb.st_size / 2, sb.st_size - 4096};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        const char *path = tmp_path("cut.pack");
        copy_head(DEMO, path, cuts[k]);
        err e = {{0}};
        content *c = content_open(path, &e);
        if (c) {
            content_close(c);
            fail_msg("the demo pack cut at %ld bytes was opened", cuts[k]);
        }
        if (!strstr(e.msg, "damaged or not a content pack: ") || strstr(e.msg, "Sveiki"))
            fail_msg("cut at %ld: \"%s\"", cuts[k], e.msg);
    }
    /* not SQLite at all, but large enough to be read */
    const char *path = tmp_path("text.pack");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    for (int k = 0; k < 512; k++)
        fputs("not a database\n", fp);
    fclose(fp);
    assert_refused(path, "damaged or not a content pack: file is not a database");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_owner_round_trip),
        cmocka_unit_test(test_owner_refuses_bad_ids),
        cmocka_unit_test(test_owner_too_small_buffer),
        cmocka_unit_test(test_owner_parse_refuses),
        cmocka_unit_test(test_placeholder_find),
        cmocka_unit_test(test_placeholder_count_and_stray),
        cmocka_unit_test(test_search_names),
        cmocka_unit_test(test_schema_accepts_the_builders),
        cmocka_unit_test(test_schema_refuses_hostile),
        cmocka_unit_test(test_schema_too_many_search_tables),
        cmocka_unit_test(test_damaged_is_not_a_schema_problem),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
