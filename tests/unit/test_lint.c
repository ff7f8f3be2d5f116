/* lint and the builder on what a reader would see: a year at the start of a line kept as a
 * paragraph, warnings with file and line for what the kiosk drops (a link's address, a list's
 * numbers, an image, HTML) and for what bidi would scramble in right-to-left text (unsure
 * numbers, quotation marks), and digits written in the set the pack chose for a language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "builder/lint.h"
#include "builder/pack.h"
#include "pack/content.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scratch.h"

/* ---- lint on lines and texts ---------------------------------------------------------- */

static void test_year_line(void **state)
{
    (void)state;
    assert_int_equal(lint_year_line("2022. gadā centrs palīdzēja."), 4);
    assert_int_equal(lint_year_line("   2022. gadā"), 7);
    assert_int_equal(lint_year_line("2022."), 4);
    assert_int_equal(lint_year_line("2022.\tgadā"), 4);
    /* not a year and a full stop that CommonMark would read as a list marker */
    assert_int_equal(lint_year_line("    2022. gadā"), -1); /* four spaces: code, not a list */
    assert_int_equal(lint_year_line("2022.gadā"), -1);
    assert_int_equal(lint_year_line("2022\\. gadā"), -1);    /* escaped by the writer */
    assert_int_equal(lint_year_line("1. solis"), -1);         /* a real numbered list */
    assert_int_equal(lint_year_line("202. gadā"), -1);
    assert_int_equal(lint_year_line("Gadā 2022. bija"), -1);
    assert_int_equal(lint_year_line(""), -1);
}

static void test_html(void **state)
{
    (void)state;
    size_t off = 0, len = 0;
    assert_int_equal(lint_html("Call <b>112</b> now", &off, &len), 1);
    assert_int_equal(off, 5);
    assert_int_equal(len, 3);
    off += len;
    assert_int_equal(lint_html("Call <b>112</b> now", &off, &len), 1);
    assert_int_equal(off, 11);
    assert_int_equal(len, 4);
    off = 0;
    assert_int_equal(lint_html("a <br/> b <img src=\"x.png\">", &off, &len), 1);
    assert_int_equal(len, 5);
    /* autolinks and comparisons are no HTML */
    off = 0;
    assert_int_equal(lint_html("<https://example.org> <info@example.org> 3 < 4 > 2", &off, &len), 0);
    off = 0;
    assert_int_equal(lint_html("a <b unclosed", &off, &len), 0);
}

/* The findings of lint_rtl on s as "kind:text" joined by " | ". */
static const char *rtl_notes(const char *s, int rtl)
{
    static const char *const kinds[] = {"order", "quotes", "guillemet"};
    static char out[1024];
    lint_note n[16];
    int k = lint_rtl(s, strlen(s), rtl, n, 16);
    out[0] = 0;
    for (int i = 0; i < k && i < 16; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s:%.*s", i ? " | " : "",
                 kinds[n[i].kind], (int)n[i].len, s + n[i].off);
    return out;
}

static void test_rtl_findings(void **state)
{
    (void)state;
    /* a range bidi would reverse in Arabic; a phone number and a date are kept whole */
    assert_string_equal(rtl_notes("مفتوح 9:00–17:00، اتصل +371 67 000 000 في 2023-02-01", 1),
                        "order:9:00–17:00");
    assert_string_equal(rtl_notes("يحصل الأطفال على 1–2 ساعة", 1), "order:1–2");
    /* quotation marks after a Latin word: the first joins the Latin run, the second the
     * Arabic text, so both show on one side */
    assert_string_equal(rtl_notes("المنظمة Patvērums \"Drošā māja\".", 1),
                        "quotes:\"Drošā māja\"");
    assert_string_equal(rtl_notes("انجمن «Patvērums 'Drošā māja'» آن را", 1),
                        "quotes:'Drošā māja'");
    /* the same marks between Arabic words stay on two sides: nothing to say */
    assert_string_equal(rtl_notes("يقدّم مركز \"Mucenieki\" رعاية طبية", 1), "");
    assert_string_equal(rtl_notes("مركز “Mucenieki” هنا", 1), "");
    /* « » are paired by the layout; alone, one cannot be */
    assert_string_equal(rtl_notes("المنظمة Patvērums «Drošā māja» (Rīga).", 1), "");
    assert_string_equal(rtl_notes("مركز «Mucenieki هنا", 1), "guillemet:«");
    assert_string_equal(rtl_notes("مركز Mucenieki» هنا", 1), "guillemet:»");
    /* findings in the order of the text */
    assert_string_equal(rtl_notes("«ا 1-2 \"ب\" x \"Drošā\". ت", 1),
                        "guillemet:« | order:1-2 | quotes:\"Drošā\"");
    /* an apostrophe inside a word is no quotation mark */
    assert_string_equal(rtl_notes("مكتب Latvia's office هنا", 1), "");
}

/* ---- the builder ---------------------------------------------------------------------- */

/* A pack source in English, Latvian, Arabic and Persian (digits.fa: extra manifest lines) with
 * page "a" in each language; builds it and returns pack_compile's result, its report in out. */
static int build(const char *manifest_extra, const char *en, const char *lv, const char *ar,
                 const char *fa, char *out, size_t cap)
{
    mkdir(at("src"), 0700);
    mkdir(at("src/pages"), 0700);
    mkdir(at("src/pages/a"), 0700);
    char text[8192];
    snprintf(text, sizeof text,
             "pack: t\nversion: 1\nreference: en\nfallback: en\nlanguages: en lv ar fa\n%s"
             "title.en: T\ntitle.lv: T\ntitle.ar: T\ntitle.fa: T\n"
             "[language en]\nname: English\ndir: ltr\n[language lv]\nname: Latviešu\ndir: ltr\n"
             "[language ar]\nname: العربية\ndir: rtl\n[language fa]\nname: فارسی\ndir: rtl\n"
             "[category c]\nicon: home\ntitle.en: C 1\ntitle.lv: C\ntitle.ar: C\ntitle.fa: C 1\n"
             "pages: a\n", manifest_extra);
    puts_file(at("src/manifest.txt"), text);
    const char *body[4] = {en, lv, ar, fa}, *lang[4] = {"en", "lv", "ar", "fa"};
    for (int k = 0; k < 4; k++) {
        char path[64];
        snprintf(path, sizeof path, "src/pages/a/%s.md", lang[k]);
        /* the body starts on line 7 */
        snprintf(text, sizeof text,
                 "---\ntitle: T 1\nstatus: reviewed\nchecked: 2022-12-01\nsources: x\n---\n%s\n",
                 body[k]);
        puts_file(at(path), text);
    }
    char *rep = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&rep, &len);
    assert_non_null(f);
    pack_opts o = {.src = at("src"), .root = ".", .out = at("t.pack"), .report = f};
    pack_result r;
    err e = {{0}};
    int rc = pack_compile(&o, &r, &e);
    fclose(f);
    snprintf(out, cap, "%s%s", rep ? rep : "", rc ? e.msg : "");
    free(rep);
    return rc;
}

/* One column of the only row a query returns, as text (static buffer). */
static const char *one(const char *sql)
{
    static char out[2048];
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(at("t.pack"), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    out[0] = 0;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

static void expect_in(const char *rep, const char *want)
{
    if (!strstr(rep, want))
        fail_msg("the report has no \"%s\":\n%s", want, rep);
}

/* "2022. gadā": CommonMark makes it a list starting at 2022, whose number the kiosk does not
 * draw. The builder keeps the line as a paragraph, whole, and says where it was. */
static void test_year_paragraph_kept(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("lint"), 0);
    char rep[8192];
    int rc = build("", "In 2022 the centre helped.",
                   "2022. gadā centrs palīdzēja.\n\nTeksts.\n2023. gadā arī (a paragraph's line).",
                   "في 2022 ساعد المركز.", "در سال 2022 مرکز کمک کرد.", rep, sizeof rep);
    if (rc)
        fail_msg("%s", rep);
    assert_string_equal(one("SELECT kind || ':' || text FROM blocks WHERE lang='lv' AND seq=0"),
                        "p:2022. gadā centrs palīdzēja.");
    assert_string_equal(one("SELECT text FROM blocks WHERE lang='lv' AND seq=1"),
                        "Teksts. 2023. gadā arī (a paragraph's line).");
    expect_in(rep, "pages/a/lv.md:7: \"2022.\" at the start of a line would make a numbered list");
    /* the year inside a paragraph was text already: no warning about it */
    assert_null(strstr(rep, "lv.md:10:"));
    assert_int_equal(scratch_remove(), 0);
}

/* Markdown the kiosk drops: each named with its file and line, the text kept. */
static void test_dropped_markdown_named(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("lint"), 0);
    char rep[8192];
    int rc = build("",
                   "Read [the rules](https://example.org/rules) first.\n\n"
                   "1. Go to the office.\n2. Ask.\n\n"
                   "![a map](map.png)\n\n"
                   "Call <b>112</b>.\n\n"
                   "See <https://example.org/a>.",
                   "Lapa.", "صفحة.", "صفحه.", rep, sizeof rep);
    if (rc)
        fail_msg("%s", rep);
    expect_in(rep, "pages/a/en.md:7: the address of the link \"the rules\" (https://example.org/rules)");
    expect_in(rep, "pages/a/en.md:9: a numbered list: the kiosk shows its items with bullets");
    expect_in(rep, "pages/a/en.md:12: an image (map.png) is not shown");
    expect_in(rep, "pages/a/en.md:14: <b> is HTML: the kiosk shows it as written");
    /* an autolink shows its address: nothing to say; the numbered list is named once */
    assert_null(strstr(rep, "en.md:16:"));
    assert_null(strstr(rep, "en.md:10:"));
    assert_string_equal(one("SELECT text FROM blocks WHERE lang='en' AND seq=0"),
                        "Read the rules first.");
    assert_int_equal(scratch_remove(), 0);
}

/* In right-to-left pages: numbers the layout cannot keep whole and quotation marks it cannot
 * keep paired are named with their line; contact items too. */
static void test_rtl_warnings_named(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("lint"), 0);
    char rep[8192];
    int rc = build("", "Page.", "Lapa.",
                   "مرحبا.\n\nالمنظمة Patvērums \"Drošā māja\" تساعد.\n\n"
                   "@hours 9:00–17:00 | المكتب\n@phone +371 67 000 000 | الهاتف",
                   "صفحه.", rep, sizeof rep);
    if (rc)
        fail_msg("%s", rep);
    expect_in(rep, "pages/a/ar.md:9: \"Drošā māja\": in right-to-left text these quotation marks");
    expect_in(rep, "pages/a/ar.md:11: \"9:00–17:00\" may show its numbers in another order");
    assert_null(strstr(rep, "ar.md:12:")); /* the phone number is kept whole */
    /* and nothing in the left-to-right pages */
    assert_null(strstr(rep, "en.md:"));
    assert_int_equal(scratch_remove(), 0);
}

/* digits.fa: persian writes Persian text, dates, titles and contact values in ۰-۹; a URL,
 * a link's address and a code stay as typed; other languages keep 0-9. */
static void test_digits_per_language(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("lint"), 0);
    char rep[8192];
    int rc = build("digits.fa: persian\n", "278 EUR in 2022, level A2.", "Lapa 1.", "صفحة ١.",
                   "۲۷۸ یورو در سال 2022، سطح A2، https://example.org/2022\n\n"
                   "@phone +371 67 000 000 | تلفن 24\n@link https://example.org/a1 | سایت 1",
                   rep, sizeof rep);
    if (rc)
        fail_msg("%s", rep);
    assert_string_equal(one("SELECT text FROM blocks WHERE lang='fa' AND seq=0"),
                        "۲۷۸ یورو در سال ۲۰۲۲، سطح A2، https://example.org/2022");
    assert_string_equal(one("SELECT text || '|' || value FROM blocks WHERE lang='fa' AND kind='phone'"),
                        "تلفن ۲۴|+۳۷۱ ۶۷ ۰۰۰ ۰۰۰");
    assert_string_equal(one("SELECT text || '|' || value FROM blocks WHERE lang='fa' AND kind='link'"),
                        "سایت ۱|https://example.org/a1");
    assert_string_equal(one("SELECT title || '|' || checked FROM pages WHERE lang='fa'"),
                        "T ۱|۲۰۲۲-۱۲-۰۱");
    assert_string_equal(one("SELECT text FROM texts WHERE lang='fa' AND owner='category:c'"), "C ۱");
    assert_string_equal(one("SELECT text FROM texts WHERE lang='en' AND owner='category:c'"), "C 1");
    /* Arabic, with no digits key, is written in 0-9, even where the writer typed ١ */
    assert_string_equal(one("SELECT text FROM blocks WHERE lang='ar' AND seq=0"), "صفحة 1.");
    assert_string_equal(one("SELECT text FROM blocks WHERE lang='en' AND seq=0"),
                        "278 EUR in 2022, level A2.");
    /* the search index finds the page by either digits */
    assert_string_equal(one("SELECT page FROM search_fa WHERE search_fa MATCH '278'"), "a");
    assert_int_equal(scratch_remove(), 0);

    /* a wrong value, or a language the pack does not have, is an error with its line */
    assert_int_equal(scratch_make("lint"), 0);
    rc = build("digits.fa: farsi\ndigits.de: western\n", "P.", "L.", "ص.", "ص.", rep, sizeof rep);
    assert_int_not_equal(rc, 0);
    expect_in(rep, "manifest.txt:6: `digits.fa` must be western (0-9), persian (۰-۹) or arabic (٠-٩)");
    expect_in(rep, "manifest.txt:7: `digits.de`: language de is not in the manifest's languages");
    assert_int_equal(scratch_remove(), 0);
}

/* listen.ar: yes marks Arabic for listening mode: the pack says so and the kiosk reads it;
 * the other languages are not marked; a wrong value or language is an error with its line. */
static void test_listen_per_language(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("lint"), 0);
    char rep[8192];
    int rc = build("listen.ar: yes\nlisten.lv: no\n", "P.", "L.", "ص.", "ص.", rep, sizeof rep);
    if (rc)
        fail_msg("%s", rep);
    assert_string_equal(one("SELECT group_concat(lang) FROM texts WHERE owner='pack' AND key='listen'"),
                        "ar");
    err e = {{0}};
    content *c = content_open(at("t.pack"), &e);
    if (!c)
        fail_msg("%s", e.msg);
    assert_int_equal(content_find_lang(c, "ar")->listen, 1);
    assert_int_equal(content_find_lang(c, "lv")->listen, 0);
    assert_int_equal(content_find_lang(c, "en")->listen, 0);
    content_close(c);
    assert_int_equal(scratch_remove(), 0);

    assert_int_equal(scratch_make("lint"), 0);
    rc = build("listen.ar: sometimes\nlisten.de: yes\n", "P.", "L.", "ص.", "ص.", rep, sizeof rep);
    assert_int_not_equal(rc, 0);
    expect_in(rep, "manifest.txt:6: `listen.ar` must be yes or no");
    expect_in(rep, "manifest.txt:7: `listen.de`: language de is not in the manifest's languages");
    assert_int_equal(scratch_remove(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year_line),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_rtl_findings),
        cmocka_unit_test(test_year_paragraph_kept),
        cmocka_unit_test(test_dropped_markdown_named),
        cmocka_unit_test(test_rtl_warnings_named),
        cmocka_unit_test(test_digits_per_language),
        cmocka_unit_test(test_listen_per_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
