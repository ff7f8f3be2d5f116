#include "core/utf8.h"
#include "core/buf.h"

#include <string.h>

uint32_t utf8_decode(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    int n;
    uint32_t cp, min;
    if (c < 0x80) {
        *i = p + 1;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 1, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3, cp = c & 0x07, min = 0x10000;
    } else {
        *i = p + 1;
        return 0xFFFD;
    }
    for (int k = 1; k <= n; k++) {
        if (p + (size_t)k >= len || (s[p + k] & 0xC0) != 0x80) {
            *i = p + (size_t)k;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[p + k] & 0x3F);
    }
    *i = p + (size_t)n + 1;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    return cp;
}

int utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    } else if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int utf8_nonchar(uint32_t cp)
{
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

int utf8_valid(const char *s, size_t len, int *line, int *col)
{
    int ln = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < len;) {
        size_t start = i;
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = utf8_decode(s, len, &i);
        /* U+FFFD written literally in the source is valid; a decoded error is not */
        int literal = (cp == 0xFFFD && i - start == 3 && c == 0xEF);
        if ((cp == 0xFFFD && !literal) || utf8_nonchar(cp)) {
            if (line)
                *line = ln;
            if (col)
                *col = (int)(start - line_start) + 1;
            return 0;
        }
        if (cp == '\n')
            ln++, line_start = i;
    }
    return 1;
}

size_t utf8_to_utf32(const char *s, size_t len, uint32_t **cps, uint32_t **offs)
{
    uint32_t *c = xmalloc((len + 1) * sizeof *c);
    uint32_t *o = xmalloc((len + 1) * sizeof *o);
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        o[n] = (uint32_t)i;
        uint32_t cp = utf8_decode(s, len, &i);
        c[n++] = utf8_nonchar(cp) ? 0xFFFD : cp;
    }
    o[n] = (uint32_t)len;
    *cps = c;
    *offs = o;
    return n;
}

/* What a terminal or a bidi algorithm would act on rather than show. */
static int utf8_unsafe(uint32_t cp)
{
    return (cp >= 0x80 && cp < 0xA0) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

void utf8_escape_name(buf *b, const char *s)
{
    size_t len = s ? strlen(s) : 0, i = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = utf8_decode(s, len, &i);
        if (cp == '\\')
            buf_adds(b, "\\\\");
        else if (cp < 0x20 || cp == 0x7F)
            buf_printf(b, "\\x%02X", (unsigned)cp);
        else if (cp == 0xFFFD && (i - at != 3 || memcmp(s + at, "\xEF\xBF\xBD", 3)))
            for (size_t k = at; k < i; k++)
                buf_printf(b, "\\x%02X", (unsigned char)s[k]);
        else if (utf8_unsafe(cp))
            buf_printf(b, "\\u{%04X}", (unsigned)cp);
        else
            buf_add(b, s + at, i - at);
    }
}

char *utf8_escaped_vprintf(const char *fmt, va_list ap)
{
    buf line, safe;
    buf_init(&line);
    buf_init(&safe);
    buf_vprintf(&line, fmt, ap);
    utf8_escape_name(&safe, line.data ? line.data : "");
    buf_free(&line);
    if (!safe.data)
        buf_adds(&safe, "");
    return buf_take(&safe);
}
