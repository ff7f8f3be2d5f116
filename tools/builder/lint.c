#include "builder/lint.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "text/text.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

long lint_year_line(const char *line)
{
    size_t i = 0;
    while (i < 3 && line[i] == ' ')
        i++;
    for (size_t k = 0; k < 4; k++)
        if (line[i + k] < '0' || line[i + k] > '9')
            return -1;
    size_t dot = i + 4;
    if (line[dot] != '.' || (line[dot + 1] && line[dot + 1] != ' ' && line[dot + 1] != '\t' &&
                             line[dot + 1] != '\r'))
        return -1;
    return (long)dot;
}

static int alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

int lint_html(const char *line, size_t *off, size_t *len)
{
    for (const char *p = strchr(line + *off, '<'); p; p = strchr(p + 1, '<')) {
        const char *q = p + 1;
        if (*q == '/' || *q == '!')
            q++;
        if (!alpha(*q))
            continue;
        while (alpha(*q) || (*q >= '0' && *q <= '9') || *q == '-')
            q++;
        if (*q == ':' || *q == '@' || *q == '.') /* <https://...>, <name@example.org> */
            continue;
        if (*q != '>' && *q != ' ' && *q != '/' && *q != '\t')
            continue;
        const char *end = strchr(q, '>');
        if (!end)
            continue;
        *off = (size_t)(p - line);
        *len = (size_t)(end + 1 - p);
        return 1;
    }
    return 0;
}

static void note(lint_note *out, int cap, int *n, size_t off, size_t len, int kind)
{
    if (*n < cap)
        out[*n] = (lint_note){.off = (uint32_t)off, .len = (uint32_t)len, .kind = kind};
    (*n)++;
}

static int is_letter(uint32_t cp)
{
    FriBidiCharType t = fribidi_get_bidi_type(cp);
    return t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL;
}

/* Whether the marks at a and b end up on two sides of what they enclose: bidi gives them the
 * same direction. A pair around a Latin name after a Latin word in Arabic ("Patvērums "Drošā
 * māja".") does not: the first joins the Latin run, the second the Arabic text. */
static int split(const FriBidiLevel *lv, size_t a, size_t b) { return (lv[a] & 1) != (lv[b] & 1); }

static int by_offset(const void *a, const void *b)
{
    const lint_note *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

int lint_rtl(const char *text, size_t len, int rtl, lint_note *out, int cap)
{
    int n = 0;
    int nu = text_units(text, len, NULL, 0);
    text_unit *u = xmalloc(((size_t)nu + 1) * sizeof *u);
    text_units(text, len, u, nu);
    uint32_t *cp, *off;
    size_t ncp = utf8_to_utf32(text, len, &cp, &off);
    /* the levels bidi gives the text as a paragraph (the layout's own pairing of « » and
     * isolation of units aside: they move neither kind of mark here) */
    FriBidiCharType *types = xmalloc((ncp + 1) * sizeof *types);
    FriBidiBracketType *br = xmalloc((ncp + 1) * sizeof *br);
    FriBidiLevel *lv = xcalloc(ncp + 1, sizeof *lv);
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    fribidi_get_bidi_types(cp, (FriBidiStrIndex)ncp, types);
    fribidi_get_bracket_types(cp, (FriBidiStrIndex)ncp, types, br);
    for (size_t a = 0; a < ncp;) { /* one paragraph at a time: fribidi stops at the first */
        size_t b = a;
        while (b < ncp && types[b] != FRIBIDI_TYPE_BS)
            b++;
        b += b < ncp;
        FriBidiParType pb = base;
        if (!fribidi_get_par_embedding_levels_ex(types + a, br + a, (FriBidiStrIndex)(b - a), &pb,
                                                 lv + a))
            memset(lv + a, rtl, b - a); /* only for want of memory: nothing is split */
        a = b;
    }
    /* findings in the order of the text: units and quotes are merged by offset below */
    lint_note *q = xmalloc((ncp + 1) * sizeof *q);
    int nq = 0;
    size_t dq = SIZE_MAX, sq = SIZE_MAX; /* an open double and single quotation mark */
    size_t gstack[32];
    int ng = 0;
    for (size_t i = 0; i < ncp; i++) {
        uint32_t c = cp[i];
        if (c == '"' || c == 0x201C || c == 0x201D || c == 0x201E) {
            if (dq == SIZE_MAX) {
                dq = i;
            } else {
                if (split(lv, dq, i))
                    note(q, (int)ncp, &nq, off[dq], off[i + 1] - off[dq], LINT_QUOTES);
                dq = SIZE_MAX;
            }
        } else if (c == '\'' || c == 0x2018 || c == 0x2019) {
            int before = i > 0 && is_letter(cp[i - 1]), after = i + 1 < ncp && is_letter(cp[i + 1]);
            if (!before && after && sq == SIZE_MAX) {
                sq = i;
            } else if (before && !after && sq != SIZE_MAX) {
                if (split(lv, sq, i))
                    note(q, (int)ncp, &nq, off[sq], off[i + 1] - off[sq], LINT_QUOTES);
                sq = SIZE_MAX;
            }
        } else if (c == 0xAB) {
            if (ng < 32)
                gstack[ng] = i;
            ng++;
        } else if (c == 0xBB) {
            if (ng == 0)
                note(q, (int)ncp, &nq, off[i], off[i + 1] - off[i], LINT_GUILLEMET);
            else
                ng--;
        } else if (c == '\n') {
            dq = sq = SIZE_MAX; /* marks do not pair across a hard line break */
        }
    }
    for (int k = 0; k < ng && k < 32; k++)
        note(q, (int)ncp, &nq, off[gstack[k]], off[gstack[k] + 1] - off[gstack[k]], LINT_GUILLEMET);
    qsort(q, (size_t)nq, sizeof *q, by_offset);
    int a = 0, b = 0;
    while (a < nu || b < nq) {
        while (a < nu && u[a].kind != TEXT_UNIT_UNSURE)
            a++;
        if (a < nu && (b >= nq || u[a].off <= q[b].off)) {
            note(out, cap, &n, u[a].off, u[a].len, LINT_NUMBER_ORDER);
            a++;
        } else if (b < nq) {
            note(out, cap, &n, q[b].off, q[b].len, q[b].kind);
            b++;
        }
    }
    free(u), free(q), free(cp), free(off), free(types), free(br), free(lv);
    return n;
}
