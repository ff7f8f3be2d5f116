/* store_scrub: what a person types is stored only after every e-mail address, @-handle, phone
 * number and long digit run in it is replaced. The rules, on code points:
 *  - a digit is ASCII 0-9, Arabic-Indic U+0660-0669 or Persian U+06F0-06F9, freely mixed;
 *  - digit groups joined by a gap the way people write numbers form one number: a single
 *    space (or no-break/thin space), a dash (with a space on either side or both), a dot or
 *    a slash, and brackets: "(0)67", "+7 (495) 123-45-67"; invisible direction marks count
 *    for nothing. Two spaces, a colon, a comma, a letter or a line break end a number;
 *  - a number of 6 or more digits is removed, with a '+' and an opening bracket before it, so
 *    "3 children", "2022", "A2", "12:30" and "278 EUR" stay and every phone number goes. A
 *    date with a four-digit year (12.03.2022) goes too: it may be a birthday;
 *  - an '@' with anything but a space or punctuation after it is removed with the word it is
 *    in: e-mail addresses in any script, and handles such as "@ivan_petrov".
 * Each removed stretch becomes one "[removed]". */
#include "store/store.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PLACEHOLDER "[removed]"
#define MIN_DIGITS 6

static int is_digit(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9);
}

/* a space that may sit between digit groups */
static int is_space(uint32_t c)
{
    return c == ' ' || c == 0xA0 || c == 0x2007 || c == 0x2009 || c == 0x202F;
}

static int is_dash(uint32_t c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2013) || c == 0x2212;
}

/* dot, slash and the Arabic decimal and thousands separators */
static int is_dot(uint32_t c) { return c == '.' || c == '/' || c == 0x66B || c == 0x66C; }

/* direction marks and zero-width characters a keyboard may slip between digits */
static int is_invisible(uint32_t c)
{
    return c == 0x200B || c == 0x200E || c == 0x200F || c == 0x061C || c == 0x2066 ||
           c == 0x2067 || c == 0x2068 || c == 0x2069;
}

/* whitespace of every kind, which ends an e-mail address */
static int is_white(uint32_t c)
{
    return c <= ' ' || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* punctuation around an address that is not part of it: "(a@b.lv)", «a@b.lv», a@b.lv, */
static int is_delim(uint32_t c)
{
    static const uint32_t d[] = {',', ';', ':', '(', ')', '[', ']', '{', '}', '<', '>', '"',
                                 '\'', '`', '!', '?', 0xAB, 0xBB, 0x2018, 0x2019, 0x201C,
                                 0x201D, 0x201E, 0x60C, 0x61B, 0x61F, 0x6D4, 0x3001, 0x3002,
                                 0xFF0C};
    for (size_t k = 0; k < sizeof d / sizeof *d; k++)
        if (c == d[k])
            return 1;
    return 0;
}

static int is_at(uint32_t c) { return c == '@' || c == 0xFF20; }

static size_t skip_invisible(const uint32_t *cp, size_t n, size_t i)
{
    while (i < n && is_invisible(cp[i]))
        i++;
    return i;
}

/* After the digit group ending before i: where the next group of the same number starts, or
 * 0 when the text at i is not a gap numbers have (0 is never such a start). A gap is a bare
 * dot or slash ("12.03.2022"), or [")"] [space] [dash [space]] ["("]: "20 000", "2000-0000",
 * "20 - 00", "(0)67", "(495) 123", "+7 (495)". */
static size_t next_group(const uint32_t *cp, size_t n, size_t i)
{
    i = skip_invisible(cp, n, i);
    if (i < n && is_dot(cp[i])) {
        i = skip_invisible(cp, n, i + 1);
        return i < n && is_digit(cp[i]) ? i : 0;
    }
    if (i < n && cp[i] == ')')
        i = skip_invisible(cp, n, i + 1);
    if (i < n && is_space(cp[i]))
        i = skip_invisible(cp, n, i + 1);
    if (i < n && is_dash(cp[i])) {
        i = skip_invisible(cp, n, i + 1);
        if (i < n && is_space(cp[i]))
            i = skip_invisible(cp, n, i + 1);
    }
    if (i < n && cp[i] == '(')
        i = skip_invisible(cp, n, i + 1);
    return i < n && is_digit(cp[i]) ? i : 0;
}

/* Marks every number of MIN_DIGITS or more digits in cp, with its '+' and brackets. */
static void mark_numbers(const uint32_t *cp, size_t n, unsigned char *gone)
{
    size_t i = 0;
    while (i < n) {
        if (gone[i] || !is_digit(cp[i])) {
            i++;
            continue;
        }
        size_t start = i, end, digits = 0, opened = 0, closed = 0;
        for (;;) {
            while (i < n && is_digit(cp[i]) && !gone[i])
                digits++, i++;
            end = i;
            size_t next = next_group(cp, n, i);
            if (!next || gone[next])
                break;
            for (size_t k = i; k < next; k++)
                opened += cp[k] == '(', closed += cp[k] == ')';
            i = next;
        }
        if (digits >= MIN_DIGITS) {
            /* "(0)67 ...", "+371 ...", "+(371) ...": what opens the number goes with it */
            if (start > 0 && cp[start - 1] == '(')
                start--, opened++;
            if (start > 0 && (cp[start - 1] == '+' || cp[start - 1] == 0xFF0B))
                start--;
            if (end < n && cp[end] == ')' && opened > closed)
                end++;
            memset(gone + start, 1, end - start);
        }
        i = end;
    }
}

/* Marks every word holding an '@' with something after it. */
static void mark_addresses(const uint32_t *cp, size_t n, unsigned char *gone)
{
    for (size_t at = 0; at < n; at++) {
        if (!is_at(cp[at]))
            continue;
        size_t a = at, b = at + 1;
        while (a > 0 && !is_white(cp[a - 1]) && !is_delim(cp[a - 1]))
            a--;
        while (b < n && !is_white(cp[b]) && !is_delim(cp[b]))
            b++;
        /* the full stop or dash after an address ends the sentence, not the address */
        while (b > at + 1 && (cp[b - 1] == '.' || is_dash(cp[b - 1]) || cp[b - 1] == 0x6D4))
            b--;
        if (b == at + 1)
            continue; /* "me @ home", "a@": nothing to reach anyone by */
        memset(gone + a, 1, b - a);
        at = b - 1;
    }
}

char *store_scrub(const char *text)
{
    size_t len = strlen(text);
    uint32_t *cp, *off;
    size_t n = utf8_to_utf32(text, len, &cp, &off);
    unsigned char *gone = calloc(n + 1, 1);
    if (!gone)
        abort(); /* as buf does: the kiosk cannot run without memory */
    mark_addresses(cp, n, gone);
    mark_numbers(cp, n, gone);
    buf out;
    buf_init(&out);
    for (size_t i = 0; i < n;) {
        if (gone[i]) {
            buf_adds(&out, PLACEHOLDER);
            while (i < n && gone[i])
                i++;
            continue;
        }
        size_t j = i;
        while (j < n && !gone[j])
            j++;
        /* the bytes as they were, so nothing unremoved is changed */
        buf_add(&out, text + off[i], off[j] - off[i]);
        i = j;
    }
    free(gone), free(cp), free(off);
    return buf_take(&out);
}
