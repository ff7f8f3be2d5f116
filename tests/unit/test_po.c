/* po: the PO reader (contexts, plural entries, fuzzy ones, broken lines reported and skipped),
 * the plural-forms evaluator on the rules of the 8 languages' files, and the report's words
 * looked up through them (report/tr.h), with placeholders filled and escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "po/po.h"
#include "report/tr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct seen {
    po_entry e[16];
    char ids[16][64], strs[16][4][64], ctxts[16][32];
    int n, bad[16], nbad;
} seen;

static void each(void *ctx, const po_entry *en)
{
    seen *s = ctx;
    if (s->n >= 16)
        return;
    s->e[s->n] = *en;
    snprintf(s->ids[s->n], 64, "%s", en->id);
    snprintf(s->ctxts[s->n], 32, "%s", en->ctxt ? en->ctxt : "-");
    for (int i = 0; i < en->nstr && i < 4; i++)
        snprintf(s->strs[s->n][i], 64, "%s", en->str[i] ? en->str[i] : "(null)");
    s->n++;
}

static void bad(void *ctx, int line, const char *why)
{
    (void)why;
    seen *s = ctx;
    if (s->nbad < 16)
        s->bad[s->nbad++] = line;
}

static void test_parse(void **state)
{
    (void)state;
    char text[] = "msgid \"\"\n"
                  "msgstr \"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n\"\n"
                  "\n"
                  "msgid \"Back\"\n"
                  "msgstr \"Atpaka\\\"\\u013c\"\n" /* a broken escape: line 5 is reported */
                  "\n"
                  "msgctxt \"report\"\n"
                  "msgid \"{count} kiosk\"\n"
                  "msgid_plural \"{count} kiosks\"\n"
                  "msgstr[0] \"{count} one\"\n"
                  "msgstr[1] \"{count} \"\n"
                  "\"two\"\n"
                  "msgstr[2] \"{count} many\"\n"
                  "\n"
                  "#, fuzzy\n"
                  "msgid \"Home\"\n"
                  "msgstr \"Sākums\"\n"
                  "nonsense here\n"
                  "msgid \"Search\"\n"
                  "msgstr[9] \"x\"\n"
                  "msgstr \"Meklēt\"\n";
    seen s = {0};
    int n = po_parse(text, each, bad, &s);
    assert_int_equal(n, 5);
    assert_string_equal(s.ids[0], "");
    assert_string_equal(s.ids[1], "Back");
    assert_string_equal(s.ids[2], "{count} kiosk");
    assert_string_equal(s.ctxts[2], "report");
    assert_int_equal(s.e[2].nstr, 3);
    assert_string_equal(s.strs[2][1], "{count} two"); /* a continued string joined */
    assert_string_equal(s.strs[2][2], "{count} many");
    assert_int_equal(s.e[2].line, 10);
    assert_string_equal(s.ids[3], "Home");
    assert_true(s.e[3].fuzzy);
    assert_false(s.e[4].fuzzy); /* "fuzzy" belongs to the entry it stands before */
    assert_string_equal(s.strs[4][0], "Meklēt");
    assert_int_equal(s.nbad, 3); /* the escape, the nonsense, msgstr[9] without a plural */
    assert_int_equal(s.bad[0], 5);
    assert_int_equal(s.bad[1], 18);
    assert_int_equal(s.bad[2], 20);
}

/* The rules of the lang/ files, each form for its numbers (CLDR's examples). */
static void test_plural_rules(void **state)
{
    (void)state;
    struct { const char *header; unsigned long n[8]; int form[8]; } cases[] = {
        {"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\n",
         {0, 1, 2, 3, 10, 11, 99, 102}, {0, 1, 2, 3, 3, 4, 4, 5}},
        {"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n",
         {1, 21, 2, 4, 5, 11, 12, 22}, {0, 0, 1, 1, 2, 2, 2, 1}},
        {"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);\n",
         {1, 21, 0, 2, 11, 10, 31, 111}, {0, 0, 2, 1, 1, 1, 0, 1}},
        {"Plural-Forms: nplurals=2; plural=(n > 1);\n", {0, 1, 2, 3, 10, 100, 1, 0}, {0, 0, 1, 1, 1, 1, 0, 0}},
        {"Plural-Forms: nplurals=2; plural=(n != 1);\n", {0, 1, 2, 3, 10, 100, 1, 0}, {1, 0, 1, 1, 1, 1, 0, 1}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        po_plural p;
        err e;
        assert_int_equal(po_plural_read(cases[c].header, &p, &e), 0);
        for (int i = 0; i < 8; i++)
            if (po_plural_form(&p, cases[c].n[i]) != cases[c].form[i])
                fail_msg("rule %zu, n = %lu: form %d, not %d", c, cases[c].n[i], po_plural_form(&p, cases[c].n[i]),
                         cases[c].form[i]);
    }
    /* broken or hostile: refused when read, English's rule kept */
    const char *broken[] = {"Plural-Forms: nplurals=2; plural=(n > );\n", "Plural-Forms: nplurals=9; plural=n;\n",
                            "Plural-Forms: nplurals=2; plural=((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((n))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))));\n",
                            "Plural-Forms: nplurals=2; plural=n ? 1;\n", "Content-Type: text/plain\n", NULL};
    for (int i = 0; broken[i]; i++) {
        po_plural p;
        err e;
        assert_int_equal(po_plural_read(broken[i], &p, &e), -1);
        assert_int_equal(po_plural_form(&p, 1), 0); /* English's */
        assert_int_equal(po_plural_form(&p, 5), 1);
    }
    /* a rule that divides by zero or picks a form beyond nplurals never crashes */
    po_plural p;
    err e;
    assert_int_equal(po_plural_read("Plural-Forms: nplurals=2; plural=n/0 + n%0 + 7;\n", &p, &e), 0);
    assert_true(po_plural_form(&p, 3) >= 0 && po_plural_form(&p, 3) < 2);
}

/* The report's words from the checkout's lang/ files: Arabic's six forms, the kiosk's labels,
 * a placeholder filled and escaped, English for a language asked for as "en". */
static void test_report_words(void **state)
{
    (void)state;
    report_tr t;
    err e;
    assert_int_equal(report_tr_open(&t, ".", "ar", &e), 0);
    assert_true(t.rtl);
    assert_string_equal(report_tr_s(&t, "Feedback report"), "تقرير الملاحظات");
    assert_string_equal(report_tr_kiosk(&t, "Very unhappy"), "سيئ جدًا"); /* the kiosk's own string */
    assert_string_equal(report_tr_s(&t, "Very unhappy"), "Very unhappy"); /* not the report's */
    const char *one = "{count} person", *many = "{count} people";
    assert_string_equal(report_tr_n(&t, one, many, 1), "شخص واحد");
    assert_string_equal(report_tr_n(&t, one, many, 2), "شخصان");
    assert_string_equal(report_tr_n(&t, one, many, 7), "{count} أشخاص");
    assert_string_equal(report_tr_n(&t, one, many, 11), "{count} شخصًا");
    assert_string_equal(report_tr_s(&t, "not a msgid anywhere"), "not a msgid anywhere");
    buf b;
    buf_init(&b);
    report_fill(&b, 1, report_tr_n(&t, one, many, 7), "count", "<7>", NULL);
    assert_string_equal(b.data, "&lt;7&gt; أشخاص");
    buf_clear(&b);
    report_fill(&b, 1, "{a} and {b} and {unknown} and {", "b", "B", "a", "A&", NULL);
    assert_string_equal(b.data, "A&amp; and B and {unknown} and {");
    buf_free(&b);
    report_tr_close(&t);
    assert_int_equal(report_tr_open(&t, ".", "ti", &e), 0);
    assert_false(t.rtl);
    assert_string_equal(report_tr_n(&t, "kiosk", "kiosks", 1), "ኪዮስክ");
    assert_string_equal(report_tr_n(&t, "kiosk", "kiosks", 0), "ኪዮስክ"); /* (n > 1): 0 is singular */
    assert_string_equal(report_tr_n(&t, "kiosk", "kiosks", 2), "ኪዮስካት");
    report_tr_close(&t);
    assert_int_equal(report_tr_open(&t, "/nonexistent", NULL, &e), 0); /* English: no file needed */
    assert_string_equal(report_tr_n(&t, one, many, 1), one);
    report_tr_close(&t);
    assert_int_equal(report_tr_open(&t, ".", "sw", &e), -1);
    assert_non_null(strstr(e.msg, "--lang sw"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_plural_rules),
        cmocka_unit_test(test_report_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
