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

/* ---- the table of issue 16, in the 8 demo languages ----------------------------------- */

/* A language: the sentence around a contact, its trigger words in two forms (each followed by
 * a short number in the text), and four texts that must come out unchanged (a year, "3
 * children", a price next to words, an ordinary sentence). */
typedef struct lang_case {
    const char *lang, *pre, *post;
    const char *trigger, *number;   /* "room" and "12" in the language's digits */
    const char *trigger2, *number2; /* another form: "case No.", "بالغرفة" */
    const char *keep[4];
} lang_case;

static const lang_case langs[] = {
    {"lv", "Mans numurs ir ", " paldies", "istaba", "12", "lietas Nr.", "345",
     {"Mums ir 3 bērni", "Atbraucām 2022. gadā", "Īre ir 94.00 EUR mēnesī",
      "Kursi bija ļoti noderīgi, paldies"}},
    {"en", "Call me on ", " please", "room", "12", "case No.", "3/45",
     {"I have 3 children", "We came in 2022", "Rent is 94.00 EUR a month",
      "The course was very useful, thank you"}},
    {"ru", "Мой номер ", ", спасибо", "комната", "12", "кв.", "7",
     {"У меня 3 детей", "Мы приехали в 2022 году", "Аренда 94.00 EUR в месяц",
      "Курсы были очень полезными"}},
    {"uk", "Мій номер ", ", дякую", "кімната", "12", "у кімнаті", "7",
     {"У мене 3 дітей", "Ми приїхали у 2022 році", "Оренда 94.00 EUR на місяць",
      "Курси були дуже корисними"}},
    {"ar", "اتصل بي على ", " شكرا", "غرفة", "١٢", "بالغرفة رقم", "٧",
     {"لدي 3 أطفال", "وصلنا في عام 2022", "الإيجار 94.00 EUR شهريا", "كانت الدورة مفيدة جدا"}},
    {"fa", "شماره من ", " ممنون", "اتاق", "۱۲", "اتاقم", "۷",
     {"۳ فرزند دارم", "در سال ۲۰۲۲ آمدیم", "اجاره 94.00 EUR در ماه است", "کلاس خیلی مفید بود"}},
    {"ku", "Hejmara min ", " spas", "ode", "12", "odeya", "7",
     {"3 zarokên min hene", "Em di sala 2022an de hatin", "Kirê 94.00 EUR e mehê",
      "Kurs gelek bi kêr hat"}},
    {"ti", "ቁጽሪ ስልከይ ", " የቐንየለይ", "ክፍሊ", "፲፪", "ቁጽሪ ክፍሊ", "7",
     {"3 ቆልዑ ኣለዉኒ", "ኣብ 2022 መጺእና", "ክራይ 94.00 EUR ኣብ ወርሒ እዩ", "እቲ ኮርስ ኣዝዩ ጠቓሚ ነይሩ"}},
};
#define NLANGS (int)(sizeof langs / sizeof *langs)

/* Phone numbers the old scrubber let through, one for each way of writing them. */
static const char *const joined[] = {
    "0912\xe2\x80\x8c" "345\xe2\x80\x8c" "6789",           /* Persian half-space (ZWNJ) */
    "20  000  000",                                        /* two spaces */
    "29,12,34,56",                                         /* commas */
    "29:12:34:56",                                         /* colons */
    "29/12/34/56",                                         /* slashes */
    "29. 12. 34. 56",                                      /* ". " */
    "29\xe2\x80\x94" "12\xe2\x80\x94" "34\xe2\x80\x94" "56", /* em dashes */
    "29\xe2\x80\x93" "123\xe2\x80\x93" "456",              /* en dashes */
    "29\xd8\x8c" "12\xd8\x8c" "34\xd8\x8c" "56",           /* Arabic comma */
    "29\xe2\x80\x8d" "12\xe2\x81\xa0" "34\xe2\x80\x8b" "56", /* ZWJ, word joiner, ZWSP */
    "2912\xc2\xad" "3456",                                 /* soft hyphen */
    "29\xcc\x81 12\xcc\x81 34 56\xcc\x81",                 /* combining acute accents */
    "\xe1\x8d\xaa\xe1\x8d\xb1\xe1\x8d\xa9\xe1\x8d\xaa\xe1\x8d\xab\xe1\x8d\xac\xe1\x8d\xad\xe1\x8d\xae", /* ፪፱፩፪፫፬፭፮ */
    "\xef\xbc\x92\xef\xbc\x99\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96", /* full-width */
    "\xe0\xa5\xa8\xe0\xa5\xaf\xe0\xa5\xa7\xe0\xa5\xa8\xe0\xa5\xa9\xe0\xa5\xaa\xe0\xa5\xab\xe0\xa5\xac", /* Devanagari */
    "\xf0\x9d\x9f\x90\xf0\x9d\x9f\x97\xf0\x9d\x9f\x8f\xf0\x9d\x9f\x90\xf0\x9d\x9f\x91\xf0\x9d\x9f\x92\xf0\x9d\x9f\x93\xf0\x9d\x9f\x94", /* mathematical bold */
    "\xe2\x91\xa1\xe2\x91\xa8\xe2\x91\xa0\xe2\x91\xa1\xe2\x91\xa2\xe2\x91\xa3\xe2\x91\xa4\xe2\x91\xa5", /* circled */
};
#define NJOINED (int)(sizeof joined / sizeof *joined)

/* E-mail addresses written so that no '@' is typed next to the domain. */
static const char *const spelled[] = {
    "ivan.petrov at mail dot ru",
    "ivan (at) mail (dot) ru",
    "ivan[at]mail[dot]ru",
    "ivan@ mail.ru",
    "ivan @ gmail.com",
    "ivan\xef\xbc\xa0mail.ru", /* full-width at sign */
    "IVAN AT GMAIL DOT COM",
};
#define NSPELLED (int)(sizeof spelled / sizeof *spelled)

/* Each removed case with words: NULL (every built-in language) and then only the language's
 * own built-in words; 1 when both scrub as wanted. */
static int removed_with_words(const char *lang, const char *pre, const char *contact,
                              const char *post)
{
    const char *sets[2] = {NULL, store_scrub_words(lang)};
    int ok = 1;
    for (int k = 0; k < 2; k++) {
        char *in = join3(pre, contact, post), *want = join3(pre, "[removed]", post);
        char *got = store_scrub(in, sets[k]);
        if (strcmp(got, want)) {
            print_error("%s, %s words: scrub(\"%s\")\n  gave \"%s\"\n  want \"%s\"\n", lang,
                        k ? "its own" : "all built-in", in, got, want);
            ok = 0;
        }
        free(in), free(want), free(got);
    }
    return ok;
}

static void test_table_in_every_language(void **state)
{
    (void)state;
    int failures = 0;
    for (int l = 0; l < NLANGS; l++) {
        const lang_case *c = &langs[l];
        int cases = 0;
        assert_non_null(store_scrub_words(c->lang));
        for (int j = 0; j < NJOINED; j++, cases++)
            failures += !removed_with_words(c->lang, c->pre, joined[j], c->post);
        for (int m = 0; m < NSPELLED; m++, cases++)
            failures += !removed_with_words(c->lang, c->pre, spelled[m], c->post);
        /* the number after a trigger word goes, the word stays */
        char *pre = join3(c->pre, c->trigger, " ");
        failures += !removed_with_words(c->lang, pre, c->number, c->post), cases++;
        free(pre);
        pre = join3(c->pre, c->trigger2, " ");
        failures += !removed_with_words(c->lang, pre, c->number2, c->post), cases++;
        free(pre);
        pre = join3(c->pre, "\xe2\x84\x96", ""); /* №12 */
        failures += !removed_with_words(c->lang, pre, "12", c->post), cases++;
        free(pre);
        pre = join3(c->pre, "\xe2\x84\x96 ", ""); /* № 12 */
        failures += !removed_with_words(c->lang, pre, "12", c->post), cases++;
        free(pre);
        /* and what must stay, with every built-in language's words and with its own */
        for (int k = 0; k < 4; k++, cases++)
            for (int w = 0; w < 2; w++) {
                char *got = store_scrub(c->keep[k], w ? store_scrub_words(c->lang) : NULL);
                if (strcmp(got, c->keep[k])) {
                    print_error("%s: scrub(\"%s\") changed it to \"%s\"\n", c->lang, c->keep[k],
                                got);
                    failures++;
                }
                free(got);
            }
        print_message("%s: %d cases\n", c->lang, cases);
        assert_int_equal(cases, NJOINED + NSPELLED + 4 + 4);
    }
    assert_int_equal(NLANGS, 8);
    assert_int_equal(failures, 0);
}

/* The trigger words are the pack's: a word it does not list triggers nothing, a capital
 * letter matches only as written, '*' stands for any letters. */
static void test_trigger_words(void **state)
{
    (void)state;
    char *got = store_scrub("room 12, bed 4", "bed");
    assert_string_equal(got, "room 12, bed [removed]");
    free(got);
    got = store_scrub("no 9 līdz 17, No 4", "No");
    assert_string_equal(got, "no 9 līdz 17, No [removed]");
    free(got);
    got = store_scrub("Room 5 and ROOM 6", "room");
    assert_string_equal(got, "Room [removed] and ROOM [removed]");
    free(got);
    got = store_scrub("rooms 5, bedroom 6, roommate", "room*");
    assert_string_equal(got, "rooms [removed], bedroom 6, roommate");
    free(got);
    got = store_scrub("", "");
    assert_string_equal(got, "");
    free(got);
    got = store_scrub("room 12", "");
    assert_string_equal(got, "room 12");
    free(got);
    /* a language without built-in words has none */
    assert_null(store_scrub_words("xx"));
}

/* Addresses need a domain with a dot when written with spaces or words, so ordinary "at"
 * stays. */
static void test_at_in_sentences(void **state)
{
    (void)state;
    const char *const stay[] = {"We met at the library. Then", "I was at home at 5.30",
                                "Meet me @ the station", "at", "dot at dot"};
    for (size_t k = 0; k < sizeof stay / sizeof *stay; k++) {
        char *got = store_scrub(stay[k], NULL);
        assert_string_equal(got, stay[k]);
        free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phone_numbers_in_every_digit_system),
        cmocka_unit_test(test_mail_addresses_and_handles),
        cmocka_unit_test(test_ordinary_text_survives),
        cmocka_unit_test(test_several_contacts),
        cmocka_unit_test(test_odd_input),
        cmocka_unit_test(test_table_in_every_language),
        cmocka_unit_test(test_trigger_words),
        cmocka_unit_test(test_at_in_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
