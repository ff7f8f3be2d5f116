/* text_units and text_digits on logical strings: which stretches read left to right as one
 * whole (and so are isolated by the layout and named by `pack check`), and digits written in
 * the set a pack chose. Expected spans are written out by hand from the rules in text.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"phone", "email", "url", "date", "code", "number", "unsure"};

/* The units of s as "kind:text" joined by " | ". */
static const char *units_of(const char *s)
{
    static char out[1024];
    text_unit u[16];
    int n = text_units(s, strlen(s), u, 16);
    out[0] = 0;
    for (int k = 0; k < n && k < 16; k++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s:%.*s", k ? " | " : "",
                 kinds[u[k].kind], (int)u[k].len, s + u[k].off);
    return out;
}

static void test_phone_numbers(void **state)
{
    (void)state;
    assert_string_equal(units_of("اتصل على +371 67 000 000 الآن"), "phone:+371 67 000 000");
    assert_string_equal(units_of("Call +371 67 000 000."), "phone:+371 67 000 000");
    assert_string_equal(units_of("+44 (0)20 7946 0000"), "phone:+44 (0)20 7946 0000");
    assert_string_equal(units_of("tel. 8000-1234, vai"), "phone:8000-1234");
    assert_string_equal(units_of("(0)20 7946 0000"), "phone:(0)20 7946 0000");
    assert_string_equal(units_of("الرمز +371"), "phone:+371");
    /* a phone number in Persian digits, then the Arabic comma */
    assert_string_equal(units_of("با +۳۷۱ ۶۷ ۰۰۰ ۰۰۰، تماس"), "phone:+۳۷۱ ۶۷ ۰۰۰ ۰۰۰");
    /* the emergency number is one group: bidi keeps it whole, nothing to isolate */
    assert_string_equal(units_of("اتصل بالرقم 112"), "");
    /* a sum is no phone number: "+" between spaces joins nothing */
    assert_string_equal(units_of("278 + 194 + 194 = 666 EUR"), "");
}

static void test_email_and_url(void **state)
{
    (void)state;
    assert_string_equal(units_of("اكتب إلى info@example.org، أو"), "email:info@example.org");
    assert_string_equal(units_of("write to a.b-c@mail.example.lv."), "email:a.b-c@mail.example.lv");
    assert_string_equal(units_of("not@an-address"), "");
    assert_string_equal(units_of("اقرأ https://example.org/sveiki."), "url:https://example.org/sveiki");
    assert_string_equal(units_of("(see https://example.org/a_(b))"), "url:https://example.org/a_(b)");
    assert_string_equal(units_of("(www.pmlp.gov.lv)"), "url:www.pmlp.gov.lv");
    /* a URL ends where right-to-left text starts, even with no space */
    assert_string_equal(units_of("http://example.org/x،بعد"), "url:http://example.org/x");
    assert_string_equal(units_of("https://"), "");
}

static void test_dates_codes_numbers(void **state)
{
    (void)state;
    assert_string_equal(units_of("في 2023-02-01."), "date:2023-02-01");
    assert_string_equal(units_of("منذ 2022-12"), "date:2022-12");
    assert_string_equal(units_of("01.12.2022. gadā"), "date:01.12.2022");
    assert_string_equal(units_of("۱۴۰۱-۰۹-۱۰"), "date:۱۴۰۱-۰۹-۱۰");
    assert_string_equal(units_of("مستوى A2، الغرفة 12B"), "code:A2 | code:12B");
    assert_string_equal(units_of("Covid19 ABCD1 A12345"), "");
    /* a sublevel and a range are one code: apart, the two halves would swap in Arabic */
    assert_string_equal(units_of("B1.1 A1–A2 A1/A2"), "code:B1.1 | code:A1–A2 | code:A1/A2");
    assert_string_equal(units_of("1 000 000 EUR"), "number:1 000 000");
    /* one group, a decimal, a time, a fraction: bidi keeps each whole */
    assert_string_equal(units_of("2022. gadā 3,5 10:30 1/2 2017"), "");
    /* digits glued to a word are part of the word */
    assert_string_equal(units_of("الغرفة12 Covid-19"), "");
}

static void test_unsure(void **state)
{
    (void)state;
    /* ranges: whether 9:00-17:00 should read left to right in Arabic is the writer's call */
    assert_string_equal(units_of("من 9:00–17:00"), "unsure:9:00–17:00");
    assert_string_equal(units_of("1-2 أيام"), "unsure:1-2");
    assert_string_equal(units_of("2020–2022"), "unsure:2020–2022");
}

static void test_units_cap(void **state)
{
    (void)state;
    const char *s = "A1 A2 B1 B2 C1";
    text_unit u[2];
    assert_int_equal(text_units(s, strlen(s), NULL, 0), 5);
    assert_int_equal(text_units(s, strlen(s), u, 2), 5);
    assert_int_equal(u[1].off, 3);
    assert_int_equal(u[1].len, 2);
    assert_int_equal(text_units("", 0, NULL, 0), 0);
}

static void assert_digits(const char *in, int digits, const char *want)
{
    char *got = text_digits(in, strlen(in), digits);
    assert_string_equal(got, want);
    free(got);
}

static void test_digits(void **state)
{
    (void)state;
    assert_int_equal(text_digits_parse("persian"), TEXT_DIGITS_PERSIAN);
    assert_int_equal(text_digits_parse("arabic"), TEXT_DIGITS_ARABIC);
    assert_int_equal(text_digits_parse("western"), TEXT_DIGITS_WESTERN);
    assert_int_equal(text_digits_parse("Persian"), -1);
    assert_digits("در سال 2022، 278 EUR", TEXT_DIGITS_PERSIAN, "در سال ۲۰۲۲، ۲۷۸ EUR");
    assert_digits("+371 67 000 000", TEXT_DIGITS_PERSIAN, "+۳۷۱ ۶۷ ۰۰۰ ۰۰۰");
    assert_digits("2023-02-01", TEXT_DIGITS_ARABIC, "٢٠٢٣-٠٢-٠١");
    assert_digits("۲۰۲۲ و ٢٠٢٢", TEXT_DIGITS_WESTERN, "2022 و 2022");
    /* URLs, addresses and codes keep their digits: they are typed as they are */
    assert_digits("A2 12B https://example.org/2022 a1@example.org 5", TEXT_DIGITS_PERSIAN,
                  "A2 12B https://example.org/2022 a1@example.org ۵");
    assert_digits("", TEXT_DIGITS_PERSIAN, "");
}

static void test_fold_digits(void **state)
{
    (void)state;
    char *a = text_fold_search("\xE2\x81\xA6+۳۷۱ ٦٧\xE2\x81\xA9");
    assert_string_equal(a, "+371 67");
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phone_numbers),
        cmocka_unit_test(test_email_and_url),
        cmocka_unit_test(test_dates_codes_numbers),
        cmocka_unit_test(test_unsure),
        cmocka_unit_test(test_units_cap),
        cmocka_unit_test(test_digits),
        cmocka_unit_test(test_fold_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
