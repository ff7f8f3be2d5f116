/* store_scrub: a corpus of phone numbers and e-mail addresses as people type them, each in
 * ASCII, Arabic-Indic and Persian digits and a mix of all three, set in sentences of several
 * languages: every one must become exactly one "[removed]" with the sentence around it kept
 * byte for byte. And ordinary sentences with short numbers, which must come out unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sentences around a contact, in the kiosk's languages. */
static const char *const before[] = {"Call me at ", "Мой номер ", "اتصل بي على ",
                                     "شماره من ", "Mans numurs: ", ""};
static const char *const after[] = {" please", ", спасибо", " شكرا", " ممنون", ".", ""};
#define NCTX (int)(sizeof before / sizeof *before)

/* Phone numbers and long digit runs in ASCII digits: each is also tried in the other
 * digit systems. */
static const char *const phones[] = {
    "+371 20 000 000",
    "20000000",
    "+371-2000-0000",
    "(0)67 000 000",
    "8 800 555 35 35",
    "+7 (495) 123-45-67",
    "+380 67 123 45 67",
    "067.123.45.67",
    "00371 6700 0000",
    "+98 912 345 6789",
    "0912-345-6789",
    "+963 11 234 5678",
    "(067) 123 45 67",
    "+371 - 20 00 00 00",
    "+49 (0)30 1234567",
    "29 12 34 56",
    "+(371) 29123456",
    "067/123 45 67",
    "20 \xe2\x80\x93 00 \xe2\x80\x93 00 \xe2\x80\x93 00",    /* en dashes */
    "+371\xc2\xa0" "20\xc2\xa0" "000\xc2\xa0" "000",         /* no-break spaces */
    "20\xe2\x80\x8e" "000\xe2\x80\x8e" "000",                /* left-to-right marks */
    "123456",
    "1234567890123",
    "2 9 1 2 3 4 5 6",
};
#define NPHONES (int)(sizeof phones / sizeof *phones)

/* E-mail addresses and handles, with the text they sit in where it matters. */
static const struct {
    const char *pre, *contact, *post;
} mails[] = {
    {"Write to ", "ivan.petrov@gmail.com", " please"},
    {"", "a_b-c+tag@sub.example.lv", ""},
    {"Пишите: ", "иван@почта.рф", ", жду"},
    {"راسلني ", "user@example.com", " شكرا"},
    {"", "John.Smith@Example.ORG", ""},
    {"Mail ", "x@y.lv", ". Thanks"},
    {"(mail: ", "anna@inbox.lv", ")"},
    {"telegram ", "@ivan_petrov", " ok"},
    {"", "ivan\xef\xbc\xa0mail.ru", ""},             /* a full-width at sign */
    {"my mail ", "user1990@mail.ru", "!"},
    {"\xc2\xab", "olga@mail.ua", "\xc2\xbb"},        /* «...» */
    {"بريدي ", "علي@مثال.كوم", "، شكرا"},
    {"ایمیل ", "ali\xdb\xb1\xdb\xb3\xdb\xb6\xdb\xb5@gmail.com", " است"}, /* Persian digits */
    {"ኢመይለይ ", "abeba@mail.er", " እዩ"},
};
#define NMAILS (int)(sizeof mails / sizeof *mails)

/* Ordinary sentences with numbers: nothing in them reaches a person. */
static const char *const keep[] = {
    "I have 3 children",
    "We came in 2022",
    "The A2 course is full",
    "The bus at 12:30 was late",
    "Rent is 278 EUR per month",
    "Bus 22 and bus 3 go there",
    "У меня 2 детей, 5 и 7 лет",
    "لدي ٣ أطفال",
    "۲ سال است که اینجا هستم",
    "B1-B2 level is needed",
    "Open 9-17, Mon-Fri",
    "I waited 3 months and 2 weeks",
    "It costs 12.50 EUR",
    "Call 112 in an emergency",
    "It is 20 km, 30 minutes by bus",
    "Born in 1990",
    "ሰላም 2023 ጽቡቕ",
    "Queue number 45, waited 2 h",
    "From 9:00 to 18:00",
    "٢٠٢٢ كان صعبا",
    "In 2022 I came, in 2023 I found work",
    "We meet @ the library",
    "100% helpful, 10/10",
    "Lesson 1.2.3 was hard",
    "line one 12\n34 line two",
};
#define NKEEP (int)(sizeof keep / sizeof *keep)

/* ASCII digits of s written in another system: 0 ASCII, 1 Arabic-Indic, 2 Persian, 3 each
 * digit in the next system in turn. */
static char *in_digits(const char *s, int sys)
{
    buf b;
    buf_init(&b);
    int k = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || sys == 0) {
            buf_addc(&b, *s);
            continue;
        }
        int which = sys == 3 ? k++ % 3 : sys;
        char enc[4];
        int n = which == 0 ? (enc[0] = *s, 1)
                           : utf8_encode((which == 1 ? 0x660u : 0x6F0u) + (uint32_t)(*s - '0'), enc);
        buf_add(&b, enc, (size_t)n);
    }
    return buf_take(&b);
}

static char *join3(const char *a, const char *b, const char *c)
{
    buf out;
    buf_init(&out);
    buf_adds(&out, a), buf_adds(&out, b), buf_adds(&out, c);
    return buf_take(&out);
}

/* Scrubs pre+contact+post and compares with pre+"[removed]"+post; 1 when they match. */
static int removed_exactly(const char *pre, const char *contact, const char *post)
{
    char *in = join3(pre, contact, post), *want = join3(pre, "[removed]", post);
    char *got = store_scrub(in, NULL);
    int same = !strcmp(got, want);
    if (!same)
        print_error("scrub(\"%s\")\n  gave \"%s\"\n  want \"%s\"\n", in, got, want);
    free(in), free(want), free(got);
    return same;
}

static void test_phone_numbers_in_every_digit_system(void **state)
{
    (void)state;
    int failures = 0, cases = 0;
    for (int p = 0; p < NPHONES; p++)
        for (int sys = 0; sys < 4; sys++) {
            char *phone = in_digits(phones[p], sys);
            /* each form in one sentence, the contexts taken in turn */
            int c = (p + sys) % NCTX;
            failures += !removed_exactly(before[c], phone, after[c]);
            cases++;
            free(phone);
        }
    assert_true(cases >= 80);
    assert_int_equal(failures, 0);
}

static void test_mail_addresses_and_handles(void **state)
{
    (void)state;
    int failures = 0;
    for (int m = 0; m < NMAILS; m++)
        failures += !removed_exactly(mails[m].pre, mails[m].contact, mails[m].post);
    assert_true(NMAILS >= 12);
    assert_int_equal(failures, 0);
}

static void test_ordinary_text_survives(void **state)
{
    (void)state;
    int failures = 0;
    for (int k = 0; k < NKEEP; k++) {
        char *got = store_scrub(keep[k], NULL);
        if (strcmp(got, keep[k])) {
            print_error("scrub(\"%s\") changed it to \"%s\"\n", keep[k], got);
            failures++;
        }
        free(got);
    }
    assert_true(NKEEP >= 20);
    assert_int_equal(failures, 0);
}

/* Several contacts in one text: each becomes its own placeholder, the words between stay. */
static void test_several_contacts(void **state)
{
    (void)state;
    char *got = store_scrub("Ivan, +371 20 000 000 or ivan@mail.lv, room 12, since 2022", NULL);
    assert_string_equal(got, "Ivan, [removed] or [removed], room [removed], since 2022");
    free(got);
    got = store_scrub("٠٥٠١٢٣٤٥٦٧", NULL);
    assert_string_equal(got, "[removed]");
    free(got);
    /* five digits stay, six go: the threshold is where the header says */
    got = store_scrub("12345 and 123456", NULL);
    assert_string_equal(got, "12345 and [removed]");
    free(got);
    /* two spaces join digit groups as one does (a phone number typed with a double space) */
    got = store_scrub("pages 123  456", NULL);
    assert_string_equal(got, "pages [removed]");
    free(got);
}

/* Bytes that are not UTF-8 (store_submit refuses them; the scrubber must not trip on them)
 * are copied as they are; an empty text stays empty. */
static void test_odd_input(void **state)
{
    (void)state;
    char *got = store_scrub("a\xff 20000000 \xc3", NULL);
    assert_string_equal(got, "a\xff [removed] \xc3");
    free(got);
    got = store_scrub("", NULL);
    assert_string_equal(got, "");
    free(got);
    got = store_scrub("@", NULL);
    assert_string_equal(got, "@");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phone_numbers_in_every_digit_system),
        cmocka_unit_test(test_mail_addresses_and_handles),
        cmocka_unit_test(test_ordinary_text_survives),
        cmocka_unit_test(test_several_contacts),
        cmocka_unit_test(test_odd_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
