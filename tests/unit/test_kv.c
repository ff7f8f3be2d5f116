/* kv: the `key: value` / `[section id]` format and the checks every source file gets.
 * Each test writes its files into a fresh temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "builder/kv.h"
#include "builder/source.h"
#include "pack/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scratch.h"
static int nfiles;

static int setup(void **state)
{
    (void)state;
    return scratch_make("kv");
}

static int teardown(void **state)
{
    (void)state;
    char path[128];
    for (int k = 0; k < nfiles; k++) {
        snprintf(path, sizeof path, "%s/f%d.txt", dir, k);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/sub", dir);
    rmdir(path);
    rmdir(dir);
    return 0;
}

/* Writes n bytes to a new file and returns its path (static storage, one per call). */
static const char *new_file(const void *bytes, size_t n)
{
    static char paths[64][160];
    assert_true(nfiles < 64);
    char *path = paths[nfiles];
    snprintf(path, 160, "%s/f%d.txt", dir, nfiles++);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(bytes, 1, n, fp), n);
    fclose(fp);
    return path;
}

static const char *new_file_text(const char *text) { return new_file(text, strlen(text)); }

/* Asserts that msg contains "<path>:<line>" followed by a ':' (so line 1 is not line 12). */
static void assert_names_line(const char *msg, const char *path, int line)
{
    char want[192];
    snprintf(want, sizeof want, "%s:%d:", path, line);
    if (!strstr(msg, want))
        fail_msg("message does not name %s: %s", want, msg);
}

static void test_sections_and_keys(void **state)
{
    (void)state;
    const char *path = new_file_text("# the demo manifest\n"
                                 "name: Demo\n"
                                 "version: 1\n"
                                 "\n"
                                 "[category money]\n"
                                 "title.en: Money\n"
                                 "title.ar: المال\n"
                                 "url: https://example.org/a:b\n"
                                 "\n"
                                 "[settings]\n"
                                 "lang: lv\n");
    kv_file f;
    err e = {{0}};
    assert_int_equal(kv_parse(&f, path, &e), 0);
    assert_int_equal(f.n, 6);
    assert_string_equal(f.path, path);

    assert_string_equal(f.e[0].section, "");
    assert_string_equal(f.e[0].id, "");
    assert_string_equal(f.e[0].key, "name");
    assert_string_equal(f.e[0].value, "Demo");
    assert_int_equal(f.e[0].line, 2);
    assert_int_equal(f.e[0].used, 0);

    kv_entry *t = kv_get(&f, "category", "money", "title.ar");
    assert_non_null(t);
    assert_string_equal(t->value, "المال");
    assert_int_equal(t->line, 7);
    assert_int_equal(t->used, 1);
    /* the value keeps every colon after the first */
    kv_entry *u = kv_get(&f, "category", "money", "url");
    assert_non_null(u);
    assert_string_equal(u->value, "https://example.org/a:b");
    kv_entry *l = kv_get(&f, "settings", "", "lang");
    assert_non_null(l);
    assert_string_equal(l->value, "lv");
    assert_int_equal(l->line, 11);

    /* keys are looked up in their own section only */
    assert_null(kv_get(&f, "", "", "lang"));
    assert_null(kv_get(&f, "category", "other", "title.en"));
    assert_null(kv_get(&f, "category", "money", "title"));
    assert_int_equal(kv_get(&f, "category", "money", "title.en")->used, 1);
    assert_int_equal(f.e[1].used, 0); /* version: never asked for */
    kv_free(&f);
    assert_int_equal(f.n, 0);
    assert_null(f.e);
}

static void test_whitespace_and_crlf(void **state)
{
    (void)state;
    const char *path = new_file_text("  key  :   value with spaces  \r\n"
                                 "empty:\r\n"
                                 "[ category   transport ]\r\n"
                                 "\ttitle.en:\tBuses\t\r\n");
    kv_file f;
    err e = {{0}};
    assert_int_equal(kv_parse(&f, path, &e), 0);
    assert_int_equal(f.n, 3);
    assert_string_equal(f.e[0].key, "key");
    assert_string_equal(f.e[0].value, "value with spaces");
    assert_string_equal(f.e[1].key, "empty");
    assert_string_equal(f.e[1].value, "");
    assert_string_equal(f.e[2].section, "category");
    assert_string_equal(f.e[2].id, "transport");
    assert_string_equal(f.e[2].key, "title.en");
    assert_string_equal(f.e[2].value, "Buses");
    assert_int_equal(f.e[2].line, 4);
    kv_free(&f);
}

static void test_comments_and_blank_lines(void **state)
{
    (void)state;
    const char *path = new_file_text("# comment: with a colon\n"
                                 "\n"
                                 "   # indented comment\n"
                                 "   \n"
                                 "a: 1\n"
                                 "#b: 2\n"
                                 "c: 3 # not a comment in a value\n");
    kv_file f;
    err e = {{0}};
    assert_int_equal(kv_parse(&f, path, &e), 0);
    assert_int_equal(f.n, 2);
    assert_string_equal(f.e[0].key, "a");
    assert_int_equal(f.e[0].line, 5);
    assert_string_equal(f.e[1].key, "c");
    assert_string_equal(f.e[1].value, "3 # not a comment in a value");
    assert_int_equal(f.e[1].line, 7);
    assert_null(kv_get(&f, "", "", "#b"));
    kv_free(&f);
}

static void test_bom_skipped(void **state)
{
    (void)state;
    const char *path = new_file_text("\xEF\xBB\xBFname: Demo\nother: x\n");
    kv_file f;
    err e = {{0}};
    assert_int_equal(kv_parse(&f, path, &e), 0);
    assert_int_equal(f.n, 2);
    assert_string_equal(f.e[0].key, "name");
    assert_int_equal(f.e[0].line, 1);
    assert_int_equal(f.e[1].line, 2);
    assert_non_null(kv_get(&f, "", "", "name"));
    kv_free(&f);

    /* a BOM before a section line too */
    path = new_file_text("\xEF\xBB\xBF[category money]\ntitle: Money\n");
    assert_int_equal(kv_parse(&f, path, &e), 0);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.e[0].section, "category");
    kv_free(&f);
}

static void test_duplicate_key_is_error(void **state)
{
    (void)state;
    const char *path = new_file_text("[category money]\n"
                                 "title: Money\n"
                                 "icon: coin\n"
                                 "title: Cash\n");
    kv_file f;
    err e = {{0}};
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_names_line(e.msg, path, 4);
    assert_non_null(strstr(e.msg, "title"));
    assert_non_null(strstr(e.msg, "line 2")); /* where the first one is */
    assert_int_equal(f.n, 0);                 /* nothing half-parsed is left */
    assert_null(f.e);

    /* before any section as well */
    path = new_file_text("a: 1\nb: 2\n\na: 3\n");
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_names_line(e.msg, path, 4);

    /* the same key in different sections is fine */
    path = new_file_text("title: top\n[category a]\ntitle: A\n[category b]\ntitle: B\n"
                     "[place a]\ntitle: P\n");
    assert_int_equal(kv_parse(&f, path, &e), 0);
    assert_int_equal(f.n, 4);
    assert_string_equal(kv_get(&f, "category", "b", "title")->value, "B");
    assert_string_equal(kv_get(&f, "place", "a", "title")->value, "P");
    kv_free(&f);
}

static void test_duplicate_section_is_error(void **state)
{
    (void)state;
    const char *path = new_file_text("[category money]\n"
                                 "title: Money\n"
                                 "[category health]\n"
                                 "title: Health\n"
                                 "\n"
                                 "[category money]\n"
                                 "icon: coin\n");
    kv_file f;
    err e = {{0}};
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_names_line(e.msg, path, 6);
    assert_non_null(strstr(e.msg, "money"));
    assert_int_equal(f.n, 0);
}

/* A repeated section is reported even when the first one has no keys yet, and the message
 * points at the first one's header line, not at its first key. */
static void test_duplicate_empty_section_names_first_header(void **state)
{
    (void)state;
    const char *path = new_file_text("# comment\n"
                                 "[stage arrival]\n"
                                 "\n"
                                 "[stage arrival]\n"
                                 "title.en: Arrival\n");
    kv_file f;
    err e = {{0}};
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_names_line(e.msg, path, 4);
    assert_non_null(strstr(e.msg, "first at line 2)"));
}

static void test_line_without_colon_is_error(void **state)
{
    (void)state;
    const char *path = new_file_text("name: Demo\n\n# fine\njust some words\nlast: x\n");
    kv_file f;
    err e = {{0}};
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_names_line(e.msg, path, 4);
    assert_non_null(strstr(e.msg, "just some words"));
    assert_int_equal(f.n, 0);

    path = new_file_text("a: 1\n: no key\n");
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_names_line(e.msg, path, 2);

    path = new_file_text("a: 1\nb: 2\n[category money\n");
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_names_line(e.msg, path, 3);

    path = new_file_text("[category money] extra\n");
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_names_line(e.msg, path, 1);
}

static void test_source_read_ok(void **state)
{
    (void)state;
    const char *text = "title.lv: Nauda\ntitle.am: ገንዘብ\n";
    const char *path = new_file_text(text);
    size_t len = 0;
    err e = {{0}};
    char *s = source_read(path, &len, &e);
    assert_non_null(s);
    assert_int_equal(len, strlen(text));
    assert_string_equal(s, text);
    free(s);
}

static void test_source_read_rejects_empty(void **state)
{
    (void)state;
    const char *path = new_file("", 0);
    err e = {{0}};
    size_t len = 99;
    assert_null(source_read(path, &len, &e));
    assert_non_null(strstr(e.msg, path));
    assert_non_null(strstr(e.msg, "empty"));
    kv_file f;
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_non_null(strstr(e.msg, "empty"));
}

static void test_source_read_rejects_binary(void **state)
{
    (void)state;
    const char bytes[] = "line one\nline two\nthree\0four\n";
    const char *path = new_file(bytes, sizeof bytes - 1);
    err e = {{0}};
    assert_null(source_read(path, NULL, &e));
    assert_names_line(e.msg, path, 3);
    assert_non_null(strstr(e.msg, "NUL"));
    kv_file f;
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_names_line(e.msg, path, 3);
}

static void test_source_read_size_limit(void **state)
{
    (void)state;
    size_t n = SOURCE_MAX_BYTES + 1;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t k = 0; k < n; k++)
        big[k] = (k % 64 == 63) ? '\n' : 'a';
    const char *over = new_file(big, n);
    const char *at = new_file(big, n - 1);
    free(big);
    err e = {{0}};
    assert_null(source_read(over, NULL, &e));
    assert_non_null(strstr(e.msg, over));
    assert_non_null(strstr(e.msg, "limit"));
    /* exactly the limit is still accepted */
    size_t len = 0;
    char *s = source_read(at, &len, &e);
    assert_non_null(s);
    assert_int_equal(len, (size_t)SOURCE_MAX_BYTES);
    free(s);
}

static void test_source_read_rejects_invalid_utf8(void **state)
{
    (void)state;
    /* a lead byte 0xC3 followed by "(" (not a continuation byte): line 2, byte column 7 */
    const char *path = new_file_text("name: ok\ntitle \xC3( bad\nmore: x\n");
    err e = {{0}};
    assert_null(source_read(path, NULL, &e));
    char want[192];
    snprintf(want, sizeof want, "%s:2:7:", path);
    if (!strstr(e.msg, want))
        fail_msg("message does not name %s: %s", want, e.msg);
    assert_non_null(strstr(e.msg, "UTF-8"));

    /* an overlong form after a multi-byte character: columns are bytes */
    path = new_file_text("ā\xC0\xAF\n");
    assert_null(source_read(path, NULL, &e));
    snprintf(want, sizeof want, "%s:1:3:", path);
    if (!strstr(e.msg, want))
        fail_msg("message does not name %s: %s", want, e.msg);

    kv_file f;
    assert_int_equal(kv_parse(&f, path, &e), -1);
    assert_non_null(strstr(e.msg, want));
}

static void test_source_read_missing_and_directory(void **state)
{
    (void)state;
    char path[160];
    snprintf(path, sizeof path, "%s/no-such-file.txt", dir);
    err e = {{0}};
    assert_null(source_read(path, NULL, &e));
    assert_non_null(strstr(e.msg, path));
    snprintf(path, sizeof path, "%s/sub", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_null(source_read(path, NULL, &e));
    assert_non_null(strstr(e.msg, path));
}

static void test_valid_id(void **state)
{
    (void)state;
    assert_true(pack_valid_id("money"));
    assert_true(pack_valid_id("public-transport-2"));
    assert_true(pack_valid_id("a"));
    assert_false(pack_valid_id(""));
    assert_false(pack_valid_id("Money"));
    assert_false(pack_valid_id("a_b"));
    assert_false(pack_valid_id("a b"));
    assert_false(pack_valid_id("nauda-ā"));
    char id[66];
    memset(id, 'x', 64);
    id[64] = 0;
    assert_true(pack_valid_id(id));
    id[64] = 'x', id[65] = 0;
    assert_false(pack_valid_id(id));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections_and_keys),
        cmocka_unit_test(test_whitespace_and_crlf),
        cmocka_unit_test(test_comments_and_blank_lines),
        cmocka_unit_test(test_bom_skipped),
        cmocka_unit_test(test_duplicate_key_is_error),
        cmocka_unit_test(test_duplicate_section_is_error),
        cmocka_unit_test(test_duplicate_empty_section_names_first_header),
        cmocka_unit_test(test_line_without_colon_is_error),
        cmocka_unit_test(test_source_read_ok),
        cmocka_unit_test(test_source_read_rejects_empty),
        cmocka_unit_test(test_source_read_rejects_binary),
        cmocka_unit_test(test_source_read_size_limit),
        cmocka_unit_test(test_source_read_rejects_invalid_utf8),
        cmocka_unit_test(test_source_read_missing_and_directory),
        cmocka_unit_test(test_valid_id),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
