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

/* Blank or invisible characters a spreadsheet may skip before it looks for a formula:
 * spaces of every width, line breaks, the byte-order mark and zero-width characters, and the
 * control characters put_csv drops. */
static int skipped_before_formula(uint32_t cp)
{
    return cp == ' ' || cp == '\n' || cp == '\v' || cp == '\f' ||
           (cp < 0x20 && cp != '\t' && cp != '\r') || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) ||
           cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x2060 || cp == 0x3000 ||
           cp == 0xFEFF;
}

/* What starts a formula, also in the full-width and small forms a spreadsheet may fold:
 * = + - @, tab and carriage return, and the minus sign. */
static int formula_starter(uint32_t cp)
{
    return cp == '=' || cp == '+' || cp == '-' || cp == '@' || cp == '\t' || cp == '\r' ||
           cp == 0xFF1D || cp == 0xFF0B || cp == 0xFF0D || cp == 0xFF20 || cp == 0xFE66 ||
           cp == 0xFE62 || cp == 0xFE63 || cp == 0xFE6B || cp == 0x2212;
}

/* Whether s would be read as a formula: its first character that is not blank or invisible
 * starts one. */
static int csv_formula(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp = utf8_decode(s, n, &i);
        if (!skipped_before_formula(cp))
            return formula_starter(cp);
    }
    return 0;
}

void report_escape_csv(buf *b, const char *s)
{
    s = s ? s : "";
    int formula = csv_formula(s);
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
