/* plural: gettext's plural forms. The formula of each of the eight demo languages gives the
 * form gettext's own tables give; a hostile formula (from a pack) is refused or evaluated
 * safely; the builder checks the .po files' Plural-Forms and plural entries; the kiosk picks
 * the form a language needs, falls back to English's, and writes the number in the
 * language's digits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "scratch.h"

#include "builder/pack.h"
#include "core/arena.h"
#include "core/plural.h"
#include "pack/content.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The Plural-Forms lines the demo ships (lang/LANG.po). */
#define LV "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
#define RU "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && " \
           "(n%100<10 || n%100>=20) ? 1 : 2);"
#define AR "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 " \
           ": n%100>=11 ? 4 : 5);"

static int form(const char *forms, unsigned long n)
{
    plural_rule r;
    err e = {{0}};
    if (plural_parse(forms, &r, &e))
        fail_msg("%s: %s", forms, e.msg);
    return plural_index(&r, n);
}

static void test_languages(void **state)
{
    (void)state;
    /* Latvian: 1, 21, 101 one form; 0 its own; 11 and the rest the third */
    static const unsigned long lv[][2] = {{1, 0}, {21, 0}, {101, 0}, {0, 2}, {11, 1},
                                          {2, 1}, {10, 1}, {111, 1}};
    for (size_t k = 0; k < sizeof lv / sizeof *lv; k++)
        assert_int_equal(form(LV, lv[k][0]), (int)lv[k][1]);
    /* Russian and Ukrainian: 1 21 / 2 3 4 22 / 0 5 11 12 14 25 */
    static const unsigned long ru[][2] = {{1, 0}, {21, 0}, {2, 1}, {4, 1}, {22, 1}, {0, 2},
                                          {5, 2}, {11, 2}, {12, 2}, {14, 2}, {25, 2}, {111, 2}};
    for (size_t k = 0; k < sizeof ru / sizeof *ru; k++)
        assert_int_equal(form(RU, ru[k][0]), (int)ru[k][1]);
    /* Arabic: six forms */
    static const unsigned long ar[][2] = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {10, 3}, {11, 4},
                                          {99, 4}, {100, 5}, {102, 5}, {103, 3}, {111, 4}};
    for (size_t k = 0; k < sizeof ar / sizeof *ar; k++)
        assert_int_equal(form(AR, ar[k][0]), (int)ar[k][1]);
    /* English, Kurmanji: n != 1; Persian, Tigrinya: n > 1 (0 and 1 alike) */
    assert_int_equal(form("nplurals=2; plural=(n != 1);", 0), 1);
    assert_int_equal(form("nplurals=2; plural=(n != 1);", 1), 0);
    assert_int_equal(form("nplurals=2; plural=(n > 1);", 0), 0);
    assert_int_equal(form("nplurals=2; plural=(n > 1);", 2), 1);
    /* a whole header line, as a .po file has it, and the default of a header without one */
    assert_int_equal(form("Language: lv\nPlural-Forms: " LV "\nX-Other: y\n", 0), 2);
    plural_rule r;
    plural_default(&r);
    assert_int_equal(plural_index(&r, 1), 0);
    assert_int_equal(plural_index(&r, 7), 1);
}

/* From a stranger's pack: what is not gettext's grammar is refused with where; what parses is
 * evaluated without crashing, dividing by zero gives 0, a form past nplurals is form 0, and
 * nesting or length past the bounds is refused, not recursed into. */
static void test_hostile(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "nplurals=0; plural=0;", "nplurals=7; plural=n;", "nplurals=2;",
        "nplurals=2; plural=;", "nplurals=2; plural=(n;", "nplurals=2; plural=n ? 1;",
        "nplurals=2; plural=m;", "nplurals=2; plural=nn;", "nplurals=2; plural=n = 1;",
        "nplurals=2; plural=n & 1;", "nplurals=2; plural=-n;", "nplurals=2; plural=n; rm -rf",
        "nplurals=2; plural=1234567890;", "nplurals=2 plural=n;",
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        plural_rule r;
        err e = {{0}};
        if (!plural_parse(bad[k], &r, &e))
            fail_msg("accepted: %s", bad[k]);
        assert_non_null(strstr(e.msg, "Plural-Forms"));
    }
    assert_int_equal(form("nplurals=2; plural=n/0 + n%0;", 5), 0);
    assert_int_equal(form("nplurals=2; plural=n*7;", 3), 0); /* 21: past nplurals */
    assert_int_equal(form("nplurals=3; plural=!!n + (n>=2);", 9), 2);
    assert_int_equal(form("nplurals=2; plural=n-1;", 0), 0); /* wraps: past nplurals */
    /* deep nesting and a long expression */
    char deep[4096] = "nplurals=2; plural=", *p = deep + strlen(deep);
    for (int k = 0; k < 1000; k++)
        *p++ = '(';
    *p++ = 'n';
    for (int k = 0; k < 1000; k++)
        *p++ = ')';
    strcpy(p, ";");
    plural_rule r;
    err e = {{0}};
    assert_int_equal(plural_parse(deep, &r, &e), -1);
    char longx[8192] = "nplurals=2; plural=n";
    for (int k = 0; k < 500; k++)
        strcat(longx, "+n");
    strcat(longx, ";");
    assert_int_equal(plural_parse(longx, &r, &e), -1);
    char bangs[4096] = "nplurals=2; plural=";
    for (int k = 0; k < 2000; k++)
        strcat(bangs, "!");
    strcat(bangs, "n;");
    assert_int_equal(plural_parse(bangs, &r, &e), -1);
}

/* A scratch installation: the real assets, and lang/ with the given English and Latvian
 * files. Returns the build's report. */
static const char *build_with(const char *en, const char *lv, int *errors)
{
    static char report[8192];
    mkdir(at("root"), 0700);
    mkdir(at("root/lang"), 0700);
    char cwd[512], assets[600];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(assets, sizeof assets, "%s/assets", cwd);
    unlink(at("root/assets"));
    assert_int_equal(symlink(assets, at("root/assets")), 0);
    puts_file(at("root/lang/en.po"), en);
    puts_file(at("root/lang/lv.po"), lv);
    one_page_source("1", "A page.");
    puts_file(at("src/manifest.txt"),
              "pack: t\nversion: 1\nreference: en\nfallback: en\nlanguages: en lv\ntitle.en: T\n"
              "title.lv: T\n[language en]\nname: English\ndir: ltr\n[language lv]\nname: L\n"
              "dir: ltr\n[category c]\nicon: home\ntitle.en: C\ntitle.lv: C\npages: a\n");
    FILE *rep = fmemopen(report, sizeof report - 1, "w");
    pack_opts o = {.src = at("src"), .root = at("root"), .out = at("p.pack"), .report = rep};
    pack_result r = {0};
    err e = {{0}};
    int rc = pack_compile(&o, &r, &e);
    fclose(rep);
    *errors = rc ? (r.errors ? r.errors : 1) : 0;
    return report;
}

#define HEAD(forms) "msgid \"\"\nmsgstr \"\"\n\"Plural-Forms: " forms "\\n\"\n\n"
#define EN HEAD("nplurals=2; plural=(n != 1);") \
    "msgid \"{n} answer\"\nmsgid_plural \"{n} answers\"\nmsgstr[0] \"{n} answer\"\n" \
    "msgstr[1] \"{n} answers\"\n"

static void test_builder_checks_po(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("plural"), 0);
    int errors;
    /* good files: stored, and the kiosk picks each form */
    const char *rep = build_with(EN, HEAD(LV) "msgid \"{n} answer\"\nmsgid_plural \"{n} answers\"\n"
                                 "msgstr[0] \"{n} atbilde\"\nmsgstr[1] \"{n} atbildes\"\n"
                                 "msgstr[2] \"{n} atbilžu\"\n", &errors);
    if (errors)
        fail_msg("%s", rep);
    err e = {{0}};
    content *c = content_open(at("p.pack"), &e);
    assert_non_null(c);
    arena a = {0};
    assert_string_equal(content_ui_n(c, "lv", "{n} answer", "{n} answers", 1, &a), "{n} atbilde");
    assert_string_equal(content_ui_n(c, "lv", "{n} answer", "{n} answers", 21, &a), "{n} atbilde");
    assert_string_equal(content_ui_n(c, "lv", "{n} answer", "{n} answers", 5, &a), "{n} atbildes");
    assert_string_equal(content_ui_n(c, "lv", "{n} answer", "{n} answers", 0, &a), "{n} atbilžu");
    assert_string_equal(content_ui_n(c, "en", "{n} answer", "{n} answers", 1, &a), "{n} answer");
    /* not translated: English's form, else the msgid's */
    assert_string_equal(content_ui_n(c, "lv", "{n} day", "{n} days", 3, &a), "{n} days");
    assert_string_equal(content_ui_n(c, "lv", "{n} day", "{n} days", 1, &a), "{n} day");
    arena_free(&a);
    content_close(c);
    /* a Latvian file with two forms where its header says three: an error naming it */
    rep = build_with(EN, HEAD(LV) "msgid \"{n} answer\"\nmsgid_plural \"{n} answers\"\n"
                     "msgstr[0] \"{n} atbilde\"\nmsgstr[1] \"{n} atbildes\"\n", &errors);
    assert_true(errors > 0);
    assert_non_null(strstr(rep, "lv.po"));
    assert_non_null(strstr(rep, "2 forms"));
    /* a formula that does not parse, one that reaches past nplurals, none at all */
    rep = build_with(EN, HEAD("nplurals=2; plural=(n %% 10;") "msgid \"x\"\nmsgstr \"y\"\n",
                     &errors);
    assert_true(errors > 0);
    assert_non_null(strstr(rep, "Plural-Forms"));
    rep = build_with(EN, HEAD("nplurals=2; plural=n;") "msgid \"x\"\nmsgstr \"y\"\n", &errors);
    assert_true(errors > 0);
    assert_non_null(strstr(rep, "gives form 2 for n = 2"));
    rep = build_with(EN, "msgid \"{n} answer\"\nmsgid_plural \"{n} answers\"\n"
                         "msgstr[0] \"{n} atbilde\"\nmsgstr[1] \"{n} atbildes\"\n", &errors);
    assert_true(errors > 0);
    assert_non_null(strstr(rep, "no Plural-Forms"));
    /* msgstr[k] in a plain entry */
    rep = build_with(EN, HEAD(LV) "msgid \"x\"\nmsgstr[0] \"y\"\n", &errors);
    assert_true(errors > 0);
    assert_int_equal(scratch_remove(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_builder_checks_po),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
