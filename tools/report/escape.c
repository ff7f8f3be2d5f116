/* report escape: HTML text and CSV fields (see escape.h). */
#include "report/escape.h"

#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Calls put for each code point of s: invalid sequences and noncharacters as U+FFFD. */
static void each_cp(buf *b, const char *s, void (*put)(buf *, uint32_t, const char *, size_t))
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t at = i;
        uint32_t cp = utf8_decode(s, n, &i);
        if (utf8_nonchar(cp))
            cp = 0xFFFD;
        if (cp == 0xFFFD)
            put(b, cp, "\xEF\xBF\xBD", 3);
        else
            put(b, cp, s + at, i - at);
    }
}

static void put_html(buf *b, uint32_t cp, const char *raw, size_t n)
{
    switch (cp) {
    case '&': buf_adds(b, "&amp;"); return;
    case '<': buf_adds(b, "&lt;"); return;
    case '>': buf_adds(b, "&gt;"); return;
    case '"': buf_adds(b, "&quot;"); return;
    case '\'': buf_adds(b, "&#39;"); return;
    }
    if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
        return;
    buf_add(b, raw, n);
}

void report_escape_html(buf *b, const char *s) { each_cp(b, s ? s : "", put_html); }

static void put_csv(buf *b, uint32_t cp, const char *raw, size_t n)
{
    if (cp == '"') {
        buf_adds(b, "\"\"");
        return;
    }
    if ((cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n') || cp == 0x7F)
        return;
    buf_add(b, raw, n);
}

void report_escape_csv(buf *b, const char *s)
{
    s = s ? s : "";
    int formula = strchr("=+-@\t", s[0]) && s[0];
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        each_cp(b, s, put_csv);
        return;
    }
    buf_addc(b, '"');
    if (formula)
        buf_addc(b, '\'');
    each_cp(b, s, put_csv);
    buf_addc(b, '"');
}
