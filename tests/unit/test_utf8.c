/* utf8: decode/encode, invalid input, validation with line and column. Inputs that end in
 * the middle of a sequence live in heap buffers of exactly their length, so ASan stops the
 * test if the decoder reads one byte too far. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

/* A heap copy of n bytes with nothing after them. */
static char *exact(const char *bytes, size_t n)
{
    char *p = malloc(n ? n : 1);
    assert_non_null(p);
    memcpy(p, bytes, n);
    return p;
}

/* Decodes all of s[0..n) from an exact-size heap copy; returns the count. */
static size_t decode_all(const char *bytes, size_t n, uint32_t *out, size_t cap)
{
    char *s = exact(bytes, n);
    size_t i = 0, k = 0;
    while (i < n) {
        size_t before = i;
        uint32_t cp = utf8_decode(s, n, &i);
        assert_true(i > before); /* always advances */
        assert_true(i <= n);     /* never past the end */
        assert_true(k < cap);
        out[k++] = cp;
    }
    free(s);
    return k;
}

static void test_round_trip(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x00,   0x41,   0x7F,    0x80,    0x7FF,    0x800,   0x0627,
                            0x1200, 0x200C, 0xFFFD,  0xFFFF,  0xE000,   0xD7FF,  0xF8FF,
                            0x10000, 0x1F600, 0x10FFFF};
    for (size_t k = 0; k < sizeof cps / sizeof cps[0]; k++) {
        char buf[4];
        int n = utf8_encode(cps[k], buf);
        int want = cps[k] < 0x80 ? 1 : cps[k] < 0x800 ? 2 : cps[k] < 0x10000 ? 3 : 4;
        assert_int_equal(n, want);
        char *s = exact(buf, (size_t)n);
        size_t i = 0;
        assert_int_equal(utf8_decode(s, (size_t)n, &i), cps[k]);
        assert_int_equal(i, (size_t)n);
        /* noncharacters decode, but are never valid text */
        assert_int_equal(utf8_valid(s, (size_t)n, NULL, NULL), !utf8_nonchar(cps[k]));
        free(s);
    }
}

/* U+FFFF, U+FFFE, U+FDD0..U+FDEF and the last two of every plane are noncharacters: text
 * holding one is invalid (libunibreak ends its input at U+FFFF), and decoding for layout
 * turns each into U+FFFD. */
static void test_noncharacters(void **state)
{
    (void)state;
    const uint32_t non[] = {0xFFFF, 0xFFFE, 0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF, 0x8FFFF};
    const uint32_t fine[] = {0xFFFD, 0xFDCF, 0xFDF0, 0xFFFC, 0x1FFFD, 0x10000};
    for (size_t k = 0; k < sizeof non / sizeof *non; k++)
        assert_true(utf8_nonchar(non[k]));
    for (size_t k = 0; k < sizeof fine / sizeof *fine; k++)
        assert_false(utf8_nonchar(fine[k]));
    const char *s = "ab\xEF\xBF\xBF\ncd";
    int line = 0, col = 0;
    assert_false(utf8_valid(s, strlen(s), &line, &col));
    assert_int_equal(line, 1);
    assert_int_equal(col, 3);
    uint32_t *cps, *offs;
    size_t n = utf8_to_utf32(s, strlen(s), &cps, &offs);
    assert_int_equal(n, 6);
    assert_int_equal(cps[2], 0xFFFD);
    assert_int_equal(offs[3], 5);
    free(cps), free(offs);
}

/* A JSON string is valid whatever bytes it was given: broken UTF-8 becomes \ufffd, valid
 * characters (a literal U+FFFD too) stay as they are, control characters are escaped. */
static void test_json_string_always_valid(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    buf_json_str(&b, "a\xC3(b\xFF\xEF\xBF\xBD\xE2\x82\n\"\x01\xD8\xA7\xF0\x9F\x98");
    assert_string_equal(b.data, "\"a\\ufffd(b\\ufffd\xEF\xBF\xBD\\ufffd\\n\\\"\\u0001\xD8\xA7"
                                "\\ufffd\"");
    assert_true(utf8_valid(b.data, b.len, NULL, NULL));
    buf_free(&b);
}

static void test_known_encodings(void **state)
{
    (void)state;
    char buf[4];
    assert_int_equal(utf8_encode(0x20AC, buf), 3);
    assert_memory_equal(buf, "\xE2\x82\xAC", 3);
    assert_int_equal(utf8_encode(0x0101, buf), 2); /* ā */
    assert_memory_equal(buf, "\xC4\x81", 2);
    assert_int_equal(utf8_encode(0x1F600, buf), 4);
    assert_memory_equal(buf, "\xF0\x9F\x98\x80", 4);
    /* what cannot be encoded becomes U+FFFD */
    assert_int_equal(utf8_encode(0xD800, buf), 3);
    assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
    assert_int_equal(utf8_encode(0x110000, buf), 3);
    assert_memory_equal(buf, "\xEF\xBF\xBD", 3);

    const char *s = "Sveiki, āčē مرحبا ሰላም";
    uint32_t *cps, *offs;
    size_t n = utf8_to_utf32(s, strlen(s), &cps, &offs);
    assert_int_equal(offs[n], strlen(s));
    char out[128];
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(offs[k], len);
        len += (size_t)utf8_encode(cps[k], out + len);
    }
    assert_int_equal(len, strlen(s));
    assert_memory_equal(out, s, len);
    free(cps), free(offs);
}

static void test_overlong_forms(void **state)
{
    (void)state;
    static const struct { const char *b; size_t n; } cases[] = {
        {"\xC0\xAF", 2},         /* '/' in two bytes */
        {"\xC1\xBF", 2},
        {"\xE0\x80\xAF", 3},     /* '/' in three bytes */
        {"\xE0\x9F\xBF", 3},     /* U+07FF in three bytes */
        {"\xF0\x80\x80\xAF", 4}, /* '/' in four bytes */
        {"\xF0\x8F\xBF\xBF", 4}, /* U+FFFF in four bytes */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        uint32_t out[8];
        size_t m = decode_all(cases[k].b, cases[k].n, out, 8);
        for (size_t j = 0; j < m; j++)
            assert_int_equal(out[j], 0xFFFD);
        assert_false(utf8_valid(cases[k].b, cases[k].n, NULL, NULL));
    }
}

static void test_surrogates_and_out_of_range(void **state)
{
    (void)state;
    static const char *cases[] = {"\xED\xA0\x80", "\xED\xBF\xBF", "\xED\xB0\x80",
                                  "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xFE"};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        uint32_t out[8];
        size_t n = strlen(cases[k]);
        size_t m = decode_all(cases[k], n, out, 8);
        assert_true(m >= 1);
        for (size_t j = 0; j < m; j++)
            assert_int_equal(out[j], 0xFFFD);
        assert_false(utf8_valid(cases[k], n, NULL, NULL));
    }
    /* the edges around them are fine */
    uint32_t out[4];
    assert_int_equal(decode_all("\xED\x9F\xBF", 3, out, 4), 1);
    assert_int_equal(out[0], 0xD7FF);
    assert_int_equal(decode_all("\xF4\x8F\xBF\xBF", 4, out, 4), 1);
    assert_int_equal(out[0], 0x10FFFF);
}

static void test_truncated_never_reads_past_len(void **state)
{
    (void)state;
    /* every proper prefix of a multi-byte sequence, in a buffer of exactly that size */
    static const char *full[] = {"\xC4\x81", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(full[k]);
        for (size_t cut = 1; cut < n; cut++) {
            uint32_t out[8];
            size_t m = decode_all(full[k], cut, out, 8);
            assert_int_equal(m, 1);
            assert_int_equal(out[0], 0xFFFD);
        }
    }
    /* len shorter than the bytes in memory: the decoder must go by len, not by the bytes */
    const char *euro = "\xE2\x82\xAC";
    size_t i = 0;
    assert_int_equal(utf8_decode(euro, 2, &i), 0xFFFD);
    assert_true(i <= 2);
    int line = 0, col = 0;
    assert_false(utf8_valid(euro, 2, &line, &col));
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
}

static void test_bad_byte_does_not_swallow_next_char(void **state)
{
    (void)state;
    /* a lead byte followed by ASCII: the ASCII character must survive */
    uint32_t out[8];
    size_t m = decode_all("\xE2" "A" "\xC4" "B", 4, out, 8);
    assert_int_equal(m, 4);
    assert_int_equal(out[0], 0xFFFD);
    assert_int_equal(out[1], 'A');
    assert_int_equal(out[2], 0xFFFD);
    assert_int_equal(out[3], 'B');
}

static void test_stray_continuation(void **state)
{
    (void)state;
    uint32_t out[8];
    size_t m = decode_all("a\x80" "b\xBF\xBF" "c", 6, out, 8);
    assert_int_equal(m, 6);
    assert_int_equal(out[0], 'a');
    assert_int_equal(out[1], 0xFFFD);
    assert_int_equal(out[2], 'b');
    assert_int_equal(out[3], 0xFFFD);
    assert_int_equal(out[4], 0xFFFD);
    assert_int_equal(out[5], 'c');
}

static void test_valid_reports_line_and_column(void **state)
{
    (void)state;
    int line = -1, col = -1;
    const char *good = "title: Nauda\ntitle.ar: مال\n# ሰላም €\n";
    assert_true(utf8_valid(good, strlen(good), &line, &col));
    assert_true(utf8_valid("", 0, NULL, NULL));

    /* first bad byte on line 1, column 4 */
    const char *a = "abc\xFFxyz";
    assert_false(utf8_valid(a, strlen(a), &line, &col));
    assert_int_equal(line, 1);
    assert_int_equal(col, 4);

    /* line 3, after a two-byte character: columns count bytes */
    const char *b = "one\ntwo\n\xC4\x81x\x80y\n\xFF";
    assert_false(utf8_valid(b, strlen(b), &line, &col));
    assert_int_equal(line, 3);
    assert_int_equal(col, 4);

    /* a truncated sequence at the very end */
    const char *c = "ok\nok\nab\xE2\x82";
    char *h = exact(c, strlen(c));
    assert_false(utf8_valid(h, strlen(c), &line, &col));
    assert_int_equal(line, 3);
    assert_int_equal(col, 3);
    free(h);

    /* a U+FFFD written in the text is valid; an overlong one is not */
    assert_true(utf8_valid("x\xEF\xBF\xBDy", 5, NULL, NULL));
    assert_false(utf8_valid("\n\xC0\x80", 3, &line, &col));
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
}

/* Whatever a name holds, the escaped form holds no character a terminal or a bidi algorithm
 * acts on, is valid UTF-8, and tells two different names apart (backslashes are doubled). */
static int unsafe(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static void test_escape_name(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    utf8_escape_name(&b, "\x1b[2J\nALL GOOD\xe2\x80\xae" "exe.\xc2\x9b\xff\\x1B ok \xd8\xb9");
    assert_string_equal(b.data, "\\x1B[2J\\x0AALL GOOD\\u{202E}exe.\\u{009B}\\xFF\\\\x1B ok \xd8\xb9");
    buf_free(&b);
    /* every code point, alone and between letters */
    for (uint32_t cp = 1; cp < 0x30000; cp++) {
        if (cp >= 0xD800 && cp < 0xE000)
            continue;
        char in[8] = "a";
        int n = utf8_encode(cp, in + 1);
        in[1 + n] = 'z', in[2 + n] = 0;
        buf_init(&b);
        utf8_escape_name(&b, in);
        assert_true(utf8_valid(b.data, b.len, NULL, NULL) || utf8_nonchar(cp));
        size_t i = 0;
        while (i < b.len)
            if (unsafe(utf8_decode(b.data, b.len, &i)))
                fail_msg("U+%04X is written as itself", (unsigned)cp);
        if (!unsafe(cp) && cp != '\\' && cp != 0xFEFF && memcmp(b.data, in, strlen(in)))
            fail_msg("U+%04X is changed, though harmless", (unsigned)cp);
        buf_free(&b);
    }
    /* random bytes */
    srand(15);
    for (int r = 0; r < 20000; r++) {
        char in[24];
        int n = 1 + rand() % 22;
        for (int k = 0; k < n; k++)
            in[k] = (char)(1 + rand() % 255);
        in[n] = 0;
        buf_init(&b);
        utf8_escape_name(&b, in);
        assert_true(utf8_valid(b.data, b.len, NULL, NULL));
        size_t i = 0;
        while (i < b.len)
            assert_false(unsafe(utf8_decode(b.data, b.len, &i)));
        buf_free(&b);
    }
}

/* Text cut to fit a fixed array: at a character boundary, ended with "...", and said so. */
static void test_cut_text(void **state)
{
    (void)state;
    char out[12];
    assert_int_equal(str_copy(out, sizeof out, "short"), 0);
    assert_string_equal(out, "short");
    assert_int_equal(str_copy(out, sizeof out, "exactly 11!"), 0);
    assert_int_equal(str_copy(out, sizeof out, "one byte more"), 1);
    assert_string_equal(out, "one byte...");
    /* Arabic letters are two bytes each: the cut never splits one */
    for (size_t cap = 4; cap <= sizeof out; cap++) {
        assert_int_equal(str_printf(out, cap, "%s", "\u0645\u0631\u062D\u0628\u0627 abc"), 1);
        assert_true(utf8_valid(out, strlen(out), NULL, NULL));
        assert_non_null(strstr(out, "..."));
    }
    assert_int_equal(str_printf(out, sizeof out, "%d/%s", 7, "x"), 0);
    assert_string_equal(out, "7/x");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_noncharacters),
        cmocka_unit_test(test_json_string_always_valid),
        cmocka_unit_test(test_cut_text),
        cmocka_unit_test(test_known_encodings),
        cmocka_unit_test(test_overlong_forms),
        cmocka_unit_test(test_surrogates_and_out_of_range),
        cmocka_unit_test(test_truncated_never_reads_past_len),
        cmocka_unit_test(test_bad_byte_does_not_swallow_next_char),
        cmocka_unit_test(test_stray_continuation),
        cmocka_unit_test(test_valid_reports_line_and_column),
        cmocka_unit_test(test_escape_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
