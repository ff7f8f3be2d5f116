/* units: the stretches of a text that read left to right as one whole in any paragraph
 * direction (phone numbers, e-mail addresses, URLs, dates, codes such as A2 or 12B, numbers
 * with spaces between thousands), and the digits of a text written in one set. */
#include "text/text.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <harfbuzz/hb.h>
#include <stdlib.h>
#include <string.h>

/* The value of a decimal digit in the sets a pack may use, or -1. */
static int digit_value(uint32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return (int)(cp - '0');
    if (cp >= 0x0660 && cp <= 0x0669) /* Arabic-Indic */
        return (int)(cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9) /* Extended Arabic-Indic (Persian) */
        return (int)(cp - 0x06F0);
    return -1;
}

static int is_digit(uint32_t cp) { return digit_value(cp) >= 0; }

static int is_ascii_letter(uint32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

/* A letter or a number of any script: what a word is made of. */
static int is_wordy(uint32_t cp)
{
    if (cp < 0x80)
        return is_ascii_letter(cp) || (cp >= '0' && cp <= '9');
    switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER:
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
        return 1;
    default:
        return 0;
    }
}

static int is_blank(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A);
}

/* Case-insensitive ASCII prefix at cp[i]. */
static int starts(const uint32_t *cp, size_t n, size_t i, const char *w)
{
    for (; *w; w++, i++)
        if (i >= n || cp[i] >= 0x80 || (char)(cp[i] | 0x20) != (*w | 0x20))
            return 0;
    return 1;
}

/* A URL at i: http://, https:// or www. at the start of a word, up to white space or a
 * character of a right-to-left or other non-Latin script; sentence punctuation at its end is
 * not part of it (a closing bracket only when the URL has no opening one). Returns its end. */
static size_t url_at(const uint32_t *cp, size_t n, size_t i)
{
    if (i > 0 && is_wordy(cp[i - 1]))
        return i;
    size_t head = starts(cp, n, i, "https://") ? 8 : starts(cp, n, i, "http://") ? 7
                : starts(cp, n, i, "www.")    ? 4 : 0;
    if (!head || i + head >= n || is_blank(cp[i + head]))
        return i;
    size_t e = i + head;
    while (e < n && !is_blank(cp[e]) && cp[e] < 0x0590 && cp[e] != '"' && cp[e] != '<' &&
           cp[e] != '>' && cp[e] != 0xAB && cp[e] != 0xBB)
        e++;
    for (;;) {
        uint32_t c = cp[e - 1];
        int open = 0, close = 0;
        for (size_t k = i; k < e; k++)
            open += cp[k] == '(', close += cp[k] == ')';
        if (strchr(".,;:!?'", (int)c) || (c == ')' && close > open))
            e--;
        else
            break;
    }
    return e > i + head ? e : i;
}

static int email_char(uint32_t c)
{
    return is_ascii_letter(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '%' ||
           c == '+' || c == '-' || c == '@';
}

/* An e-mail address at i: name@domain.tld made of ASCII letters, digits and . _ % + -, at the
 * start of a word. Returns its end. */
static size_t email_at(const uint32_t *cp, size_t n, size_t i)
{
    if ((i > 0 && (email_char(cp[i - 1]) || is_wordy(cp[i - 1]))) || !email_char(cp[i]) ||
        cp[i] == '@' || cp[i] == '.')
        return i;
    size_t e = i, at = 0, ats = 0;
    while (e < n && email_char(cp[e])) {
        if (cp[e] == '@')
            at = e, ats++;
        e++;
    }
    while (e > i && (cp[e - 1] == '.' || cp[e - 1] == '-'))
        e--;
    if (ats != 1 || at == i || at + 1 >= e || (e < n && is_wordy(cp[e])))
        return i;
    size_t dot = 0; /* the domain: labels joined by dots, the last one of two letters or more */
    for (size_t k = at + 1; k < e; k++)
        if (cp[k] == '.')
            dot = k;
    if (!dot || dot == at + 1 || e - dot - 1 < 2)
        return i;
    for (size_t k = dot + 1; k < e; k++)
        if (!is_ascii_letter(cp[k]))
            return i;
    return e;
}

/* One code at i (A2, B1, 12B): 1-3 Latin letters then 1-4 digits, or 1-4 digits then 1-3
 * Latin letters. Returns its end, or i. */
static size_t one_code(const uint32_t *cp, size_t n, size_t i)
{
    size_t e = i;
    while (e < n && (is_ascii_letter(cp[e]) || (cp[e] >= '0' && cp[e] <= '9')))
        e++;
    if (e == i || e - i > 7 || (e < n && is_wordy(cp[e])))
        return i;
    size_t k = i, l1 = 0, d = 0, l2 = 0;
    while (k < e && is_ascii_letter(cp[k]))
        k++, l1++;
    while (k < e && cp[k] >= '0' && cp[k] <= '9')
        k++, d++;
    while (k < e && is_ascii_letter(cp[k]))
        k++, l2++;
    if (k != e || !d || d > 4 || (l1 && l2) || (!l1 && !l2) || l1 > 3 || l2 > 3)
        return i;
    return e;
}

/* A code as a word of its own, with what makes it one thing: a sublevel (B1.1) and a range
 * or choice of codes (A1-A2, A1/A2), which must not fall apart into two units. Returns its
 * end. */
static size_t code_at(const uint32_t *cp, size_t n, size_t i)
{
    if (i > 0 && is_wordy(cp[i - 1]))
        return i;
    size_t e = one_code(cp, n, i);
    while (e > i && e + 1 < n) {
        if (cp[e] == '.' && cp[e + 1] >= '0' && cp[e + 1] <= '9') {
            size_t d = e + 1;
            while (d < n && cp[d] >= '0' && cp[d] <= '9')
                d++;
            if (d < n && is_wordy(cp[d]))
                break;
            e = d;
        } else if (cp[e] == '-' || cp[e] == 0x2013 || cp[e] == '/') {
            size_t c = one_code(cp, n, e + 1);
            if (c == e + 1)
                break;
            e = c;
        } else {
            break;
        }
    }
    return e;
}

/* Separators that may join two digit groups of one number. */
static int joiner(uint32_t c)
{
    return c == ' ' || c == 0xA0 || c == 0x202F || c == '-' || c == 0x2010 || c == 0x2011 ||
           c == 0x2013 || c == '.' || c == ',' || c == '/' || c == ':';
}

typedef struct numseq {
    size_t end;
    int groups, digits, plus, parens;
    int len[8];        /* digits of the first groups */
    uint32_t sep[8];   /* the separator before group k (sep[0] unused) */
    int spaces, dashes, endash, cs; /* separator kinds used */
} numseq;

/* Digit groups joined by single separators at i, with an optional leading + and groups in
 * brackets, like +371 67 000 000, (0)20 7946 0000, 2022-12-01, 9:00-17:00. */
static void numseq_at(const uint32_t *cp, size_t n, size_t i, numseq *q)
{
    memset(q, 0, sizeof *q);
    q->end = i;
    size_t e = i;
    if (cp[e] == '+' && e + 1 < n && (is_digit(cp[e + 1]) || cp[e + 1] == '('))
        q->plus = 1, e++;
    uint32_t sep = 0;
    for (;;) {
        size_t g = e;
        int paren = g < n && cp[g] == '(';
        if (paren)
            g++;
        size_t d = g;
        while (d < n && is_digit(cp[d]))
            d++;
        if (d == g || (paren && (d >= n || cp[d] != ')')))
            break;
        if (q->groups < 8)
            q->len[q->groups] = (int)(d - g), q->sep[q->groups] = sep;
        q->groups++;
        q->digits += (int)(d - g);
        q->parens += paren;
        if (sep == ' ' || sep == 0xA0 || sep == 0x202F)
            q->spaces++;
        else if (sep == '-' || sep == 0x2010 || sep == 0x2011)
            q->dashes++;
        else if (sep == 0x2013)
            q->endash++;
        else if (sep)
            q->cs++;
        e = d + paren;
        q->end = e;
        /* a bracketed group may follow a group directly: +44(0)20 */
        if (e < n && cp[e] == '(' && !paren) {
            sep = 0;
            continue;
        }
        /* a space joins groups of a phone number or of thousands, never numbers written
         * with . , / or : (3,5 10:30 are two numbers) */
        /* (at the text's end there is no next code point to read) */
        int space = e < n && (cp[e] == ' ' || cp[e] == 0xA0 || cp[e] == 0x202F);
        int cs = e < n && (cp[e] == '.' || cp[e] == ',' || cp[e] == '/' || cp[e] == ':');
        if (e + 1 < n && joiner(cp[e]) && (is_digit(cp[e + 1]) || cp[e + 1] == '(') &&
            !(space && q->cs) && !(cs && q->spaces)) {
            sep = cp[e];
            e++;
            continue;
        }
        if (paren && e < n && is_digit(cp[e])) { /* (0)20 */
            sep = 0;
            continue;
        }
        break;
    }
}

static int all_seps(const numseq *q, uint32_t s)
{
    for (int k = 1; k < q->groups && k < 8; k++)
        if (q->sep[k] != s)
            return 0;
    return 1;
}

/* What a digit sequence is: a unit kind, or -1 when it reads the same in any direction
 * (one group, a decimal or a time: separators bidi keeps between digits). */
static int numseq_kind(const numseq *q)
{
    if (q->groups == 3 && all_seps(q, '-') && q->len[0] == 4 && q->len[1] == 2 && q->len[2] == 2)
        return TEXT_UNIT_DATE; /* 2022-12-01 */
    if (q->groups == 2 && all_seps(q, '-') && q->len[0] == 4 && q->len[1] == 2)
        return TEXT_UNIT_DATE; /* 2022-12 */
    if (q->groups == 3 && (all_seps(q, '.') || all_seps(q, '/')) && q->len[0] <= 2 &&
        q->len[1] <= 2 && q->len[2] == 4)
        return TEXT_UNIT_DATE; /* 01.12.2022, 01/12/2022 */
    if (q->plus && !q->cs && !q->endash && q->digits >= 3)
        return TEXT_UNIT_PHONE;
    if (q->groups == 1)
        return -1;
    if (!q->spaces && !q->dashes && !q->endash && !q->plus)
        return -1; /* only . , / : between digits: bidi keeps such a number whole */
    if (q->spaces && !q->dashes && !q->endash && !q->cs && !q->parens && q->len[0] <= 3) {
        int thousands = 1;
        for (int k = 1; k < q->groups && k < 8; k++)
            thousands &= q->len[k] == 3;
        if (thousands && q->groups <= 8)
            return TEXT_UNIT_NUMBER; /* 1 000 000 */
    }
    if (!q->cs && !q->endash && q->digits >= 6)
        return TEXT_UNIT_PHONE; /* 67 000 000, 8000-1234, (0)20 7946 0000 */
    return TEXT_UNIT_UNSURE;
}

static void add(text_unit *out, int cap, int *nu, const uint32_t *off, size_t a, size_t b,
                int kind)
{
    if (*nu < cap)
        out[*nu] = (text_unit){.off = off[a], .len = off[b] - off[a], .kind = kind};
    (*nu)++;
}

int text_units(const char *s, size_t len, text_unit *out, int cap)
{
    uint32_t *cp, *off;
    size_t n = utf8_to_utf32(s, len, &cp, &off);
    int nu = 0;
    for (size_t i = 0; i < n;) {
        size_t e;
        numseq q;
        if ((e = url_at(cp, n, i)) > i) {
            add(out, cap, &nu, off, i, e, TEXT_UNIT_URL);
        } else if ((e = email_at(cp, n, i)) > i) {
            add(out, cap, &nu, off, i, e, TEXT_UNIT_EMAIL);
        } else if ((e = code_at(cp, n, i)) > i) {
            add(out, cap, &nu, off, i, e, TEXT_UNIT_CODE);
        } else if ((is_digit(cp[i]) || cp[i] == '+' || cp[i] == '(') &&
                   (i == 0 || !is_wordy(cp[i - 1])) &&
                   (numseq_at(cp, n, i, &q), q.groups > 0)) {
            e = q.end;
            int kind = e < n && is_wordy(cp[e]) ? -1 : numseq_kind(&q); /* glued to a word */
            if (kind >= 0)
                add(out, cap, &nu, off, i, e, kind);
        } else {
            /* not the start of anything: skip the rest of a word, so no unit starts in it */
            e = i + 1;
            while (is_wordy(cp[i]) && e < n && is_wordy(cp[e]))
                e++;
        }
        i = e;
    }
    free(cp), free(off);
    return nu;
}

static uint32_t digit_base(int digits)
{
    return digits == TEXT_DIGITS_PERSIAN ? 0x06F0 : digits == TEXT_DIGITS_ARABIC ? 0x0660 : '0';
}

char *text_digits(const char *s, size_t len, int digits)
{
    /* most texts have no digit to change: their copy, without finding their units (which
     * was most of the work) */
    int change = 0;
    for (size_t i = 0; i < len && !change;) {
        uint32_t cp = utf8_decode(s, len, &i);
        int v = digit_value(cp);
        change = v >= 0 && cp != digit_base(digits) + (uint32_t)v;
    }
    if (!change) {
        char *copy = xmalloc(len + 1);
        memcpy(copy, s, len);
        copy[len] = 0;
        return copy;
    }
    int nu = text_units(s, len, NULL, 0), k = 0;
    text_unit *u = xmalloc(((size_t)nu + 1) * sizeof *u);
    text_units(s, len, u, nu);
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < len;) {
        while (k < nu && u[k].off + u[k].len <= i)
            k++;
        int keep = k < nu && i >= u[k].off &&
                   (u[k].kind == TEXT_UNIT_URL || u[k].kind == TEXT_UNIT_EMAIL ||
                    u[k].kind == TEXT_UNIT_CODE);
        size_t at = i;
        uint32_t cp = utf8_decode(s, len, &i);
        int v = digit_value(cp);
        if (v < 0 || keep) {
            buf_add(&b, s + at, i - at);
        } else {
            char o[4];
            buf_add(&b, o, (size_t)utf8_encode(digit_base(digits) + (uint32_t)v, o));
        }
    }
    free(u);
    return buf_take(&b);
}

int text_digits_parse(const char *name)
{
    if (!strcmp(name, "western"))
        return TEXT_DIGITS_WESTERN;
    if (!strcmp(name, "persian"))
        return TEXT_DIGITS_PERSIAN;
    if (!strcmp(name, "arabic"))
        return TEXT_DIGITS_ARABIC;
    return -1;
}
