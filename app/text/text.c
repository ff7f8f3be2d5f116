#include "text/text.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <fribidi.h>
#include <harfbuzz/hb.h>
#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

static const char *const face_files[TEXT_FACE_COUNT] = {
    "NotoSans-Regular.ttf",        "NotoSans-Bold.ttf",
    "NotoSansArabicUI-Regular.ttf", "NotoSansArabicUI-Bold.ttf",
    "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf",
    "MaterialIcons-Regular.ttf",
};

const char *text_face_file(int face)
{
    return face >= 0 && face < TEXT_FACE_COUNT ? face_files[face] : NULL;
}

static int is_mark(hb_unicode_funcs_t *uf, uint32_t cp)
{
    hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK || cp == 0x200C || cp == 0x200D;
}

/* Characters with no advance of their own: marks, joiners and format characters. */
static int zero_width(hb_unicode_funcs_t *uf, uint32_t cp)
{
    return is_mark(uf, cp) ||
           hb_unicode_general_category(uf, cp) == HB_UNICODE_GENERAL_CATEGORY_FORMAT;
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 ||
           cp == 0x2029 || cp == 0xA0 || cp == 0x3000;
}

/* The face a script is drawn with before coverage is looked at. */
static int script_face(hb_script_t sc, uint32_t cp)
{
    if (cp >= 0xE000 && cp <= 0xF8FF)
        return TEXT_FACE_ICONS;
    if (sc == HB_SCRIPT_ARABIC || sc == HB_SCRIPT_SYRIAC)
        return TEXT_FACE_ARABIC;
    if (sc == HB_SCRIPT_ETHIOPIC)
        return TEXT_FACE_ETHIOPIC;
    return TEXT_FACE_SANS;
}

static int pick_face(const text_measurer *m, int want, uint32_t cp)
{
    static const int order[] = {TEXT_FACE_SANS, TEXT_FACE_ARABIC, TEXT_FACE_ETHIOPIC, TEXT_FACE_ICONS};
    if (!m->covers || m->covers(m->ctx, want, cp) || is_space(cp))
        return want;
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        if (order[k] != want && m->covers(m->ctx, order[k], cp))
            return order[k];
    return want; /* nothing covers it: `pack check` reports such characters */
}

/* The working state of one layout call. */
typedef struct lay {
    const text_measurer *m;
    const text_style *st;
    const char *s;
    size_t n;             /* code points */
    uint32_t *cp, *off;   /* code points and their byte offsets (off[n] = byte length) */
    FriBidiCharType *types;
    FriBidiLevel *levels;
    uint8_t *face;
    hb_script_t *script;
    int *run;             /* itemised run index of each code point */
    char *brk;            /* break opportunities after each code point: libunibreak's,
                           * none inside a phone number, date, code or number */
    char *soft;           /* libunibreak's own, for a unit too wide for a line */
    size_t *vis;          /* characters with an advance in [0, i) */
    size_t (*units)[3];   /* units of text_units as code point ranges [0, 1) and kind [2] */
    int nunits;
} lay;

/* A width no line holds: a stretch of text with more characters that take room than the
 * line has pixels cannot fit, and is not shaped whole to find that out. */
#define TOO_WIDE (1 << 28)

static int too_wide(const lay *L, size_t a, size_t b, int max_w)
{
    return max_w > 0 && L->vis[b] - L->vis[a] > (size_t)max_w;
}

static int in_bold(const text_style *st, uint32_t byte)
{
    for (int k = 0; k < st->nbold; k++)
        if (byte >= st->bold_spans[k].off && byte < st->bold_spans[k].off + st->bold_spans[k].len)
            return 1;
    return 0;
}

static void script_tag(hb_script_t sc, char out[5])
{
    hb_tag_t t = hb_script_to_iso15924_tag(sc);
    if (sc == HB_SCRIPT_INVALID || sc == HB_SCRIPT_UNKNOWN)
        t = HB_TAG('Z', 'y', 'y', 'y');
    out[0] = (char)(t >> 24), out[1] = (char)(t >> 16), out[2] = (char)(t >> 8), out[3] = (char)t;
    out[4] = 0;
}

/* Resolves scripts (Common and Inherited take their neighbour's), faces and run indices. */
static void itemise(lay *L, const FriBidiBracketType *brackets)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_script_t last = HB_SCRIPT_INVALID;
    /* open brackets waiting for their pair: a closing bracket takes the script of its
     * opening one (UAX #24), so both halves of "(Anna)" in Arabic text look alike */
    struct { FriBidiBracketType id; hb_script_t sc; } open[32];
    int nopen = 0;
    for (size_t i = 0; i < L->n; i++) {
        hb_script_t sc = hb_unicode_script(uf, L->cp[i]);
        FriBidiBracketType bt = brackets[i];
        if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN)
            sc = last;
        else
            last = sc;
        if (bt != FRIBIDI_NO_BRACKET && FRIBIDI_IS_BRACKET_OPEN(bt)) {
            if (nopen < 32)
                open[nopen++].id = FRIBIDI_BRACKET_ID(bt), open[nopen - 1].sc = sc;
        } else if (bt != FRIBIDI_NO_BRACKET) {
            for (int k = nopen - 1; k >= 0; k--)
                if (open[k].id == FRIBIDI_BRACKET_ID(bt)) {
                    if (open[k].sc != HB_SCRIPT_INVALID)
                        sc = open[k].sc;
                    nopen = k;
                    break;
                }
        }
        L->script[i] = sc;
    }
    /* leading neutrals take the first real script that follows */
    hb_script_t next = HB_SCRIPT_COMMON;
    for (size_t i = L->n; i-- > 0;) {
        if (L->script[i] == HB_SCRIPT_INVALID)
            L->script[i] = next;
        else
            next = L->script[i];
    }
    /* inside a unit the neutrals take the unit's own script, so the digits of "12B" or of
     * a URL in Arabic text are drawn with its letters */
    for (int k = 0; k < L->nunits; k++) {
        hb_script_t own = HB_SCRIPT_INVALID;
        for (size_t i = L->units[k][0]; i < L->units[k][1] && own == HB_SCRIPT_INVALID; i++) {
            hb_script_t sc = hb_unicode_script(uf, L->cp[i]);
            if (sc != HB_SCRIPT_COMMON && sc != HB_SCRIPT_INHERITED && sc != HB_SCRIPT_UNKNOWN)
                own = sc;
        }
        for (size_t i = L->units[k][0]; own != HB_SCRIPT_INVALID && i < L->units[k][1]; i++)
            L->script[i] = own;
    }
    for (size_t i = 0; i < L->n; i++) {
        if (i > 0 && is_mark(uf, L->cp[i])) {
            L->face[i] = L->face[i - 1]; /* a mark stays with its base */
        } else {
            int f = pick_face(L->m, script_face(L->script[i], L->cp[i]), L->cp[i]);
            int bold = f != TEXT_FACE_ICONS && (L->st->bold || in_bold(L->st, L->off[i]));
            L->face[i] = (uint8_t)(f + bold);
        }
        /* a face that is not the script's own shapes the text as Common */
        if (script_face(L->script[i], L->cp[i]) != (L->face[i] & ~1) && L->face[i] != TEXT_FACE_ICONS)
            L->script[i] = HB_SCRIPT_COMMON;
        if (i == 0)
            L->run[i] = 0;
        else
            L->run[i] = L->run[i - 1] + (L->levels[i] != L->levels[i - 1] ||
                                         L->face[i] != L->face[i - 1] ||
                                         L->script[i] != L->script[i - 1]);
    }
}

/* Width of [a, b) measured as the pieces of each run inside it. */
static int measure(const lay *L, size_t a, size_t b)
{
    int w = 0;
    while (a < b) {
        size_t e = a + 1;
        while (e < b && L->run[e] == L->run[a])
            e++;
        char tag[5];
        script_tag(L->script[a], tag);
        w += L->m->width(L->m->ctx, L->face[a], L->st->px, L->levels[a] & 1, tag,
                         L->s + L->off[a], L->off[e] - L->off[a]);
        a = e;
    }
    return w;
}

/* End of [a, b) without its trailing white space. */
static size_t trim_end(const lay *L, size_t a, size_t b)
{
    while (b > a && is_space(L->cp[b - 1]))
        b--;
    return b;
}

/* Whether a break may fall before position e of [a, b]: never between a base and its
 * marks. */
static int cluster_start(const lay *L, hb_unicode_funcs_t *uf, size_t e, size_t b)
{
    return e >= b || !is_mark(uf, L->cp[e]);
}

/* Splits a word too long for the line at the last character boundary that fits (never
 * between a base and its marks); at least one character goes on each line. Widths grow
 * with the prefix, so the boundary is found by galloping then halving: each probe shapes
 * at most about twice what fits on a line, whatever the length of the word. */
static size_t emergency_break(const lay *L, size_t a, size_t b, int max_w)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    size_t fits = a, over = b + 1; /* [a, fits) fits; [a, over) does not */
    for (size_t step = 1;; step *= 2) {
        size_t e = a + step < b ? a + step : b;
        while (!cluster_start(L, uf, e, b))
            e++;
        if (measure(L, a, e) > max_w) {
            over = e;
            break;
        }
        fits = e;
        if (e >= b)
            return b;
    }
    for (;;) {
        size_t mid = fits + (over - fits) / 2;
        while (mid > fits && !cluster_start(L, uf, mid, b))
            mid--;
        if (mid <= fits) { /* no boundary between them: look after the middle */
            mid = fits + (over - fits) / 2 + 1;
            while (mid < over && !cluster_start(L, uf, mid, b))
                mid++;
            if (mid >= over)
                break;
        }
        if (measure(L, a, mid) > max_w)
            over = mid;
        else
            fits = mid;
    }
    if (fits == a) { /* not even one character fits: take one cluster anyway */
        fits = a + 1;
        while (fits < b && is_mark(uf, L->cp[fits]))
            fits++;
    }
    return fits;
}

static void add_run(text_para *p, const text_run *r)
{
    if (p->nruns == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->runs = xrealloc(p->runs, (size_t)p->cap * sizeof *p->runs);
    }
    p->runs[p->nruns++] = *r;
}

/* Places the line [a, e) (trailing white space already trimmed) in visual order. */
static void place_line(lay *L, size_t a, size_t e, int hyphen_w, FriBidiStrIndex *map,
                       FriBidiLevel *lv, text_para *out, int max_w, int top, int *line_h)
{
    int first = out->nruns;
    int asc = 0, desc = 0;
    /* metrics of every face used on the line, so mixed scripts share one baseline */
    for (size_t i = a; i < e || (a == e && i == a); i++) {
        int fa, fd;
        L->m->metrics(L->m->ctx, i < L->n ? L->face[i] : TEXT_FACE_SANS, L->st->px, &fa, &fd);
        if (fa > asc)
            asc = fa;
        if (fd > desc)
            desc = fd;
        if (a == e)
            break;
    }
    int x = 0;
    if (e > a) {
        /* only this line's part: fribidi_reorder_line works on [a, e) of these arrays */
        memcpy(lv + a, L->levels + a, (e - a) * sizeof *lv);
        for (size_t i = a; i < e; i++)
            map[i] = (FriBidiStrIndex)i;
        if (!fribidi_reorder_line(0, L->types, (FriBidiStrIndex)(e - a), (FriBidiStrIndex)a,
                             L->st->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR, lv, NULL, map))
            for (size_t i = a; i < e; i++) /* cannot fail but for memory: keep logical */
                map[i] = (FriBidiStrIndex)i;
        size_t v = a;
        while (v < e) {
            size_t lo = (size_t)map[v], hi = lo, w = v + 1;
            int step = 0;
            while (w < e) {
                size_t li = (size_t)map[w];
                int d = (int)li - (int)map[w - 1];
                if ((d != 1 && d != -1) || (step && d != step) || L->run[li] != L->run[lo] ||
                    lv[li] != lv[lo])
                    break;
                step = d;
                if (li < lo)
                    lo = li;
                if (li > hi)
                    hi = li;
                w++;
            }
            text_run r = {0};
            r.off = L->off[lo];
            r.len = L->off[hi + 1] - L->off[lo];
            r.face = L->face[lo];
            r.rtl = lv[lo] & 1;
            r.line = (uint8_t)(out->nlines > 255 ? 255 : out->nlines);
            script_tag(L->script[lo], r.script);
            r.w = L->m->width(L->m->ctx, r.face, L->st->px, r.rtl, r.script, L->s + r.off, r.len);
            r.x = x;
            r.baseline = top + asc;
            if (hyphen_w && hi == e - 1) /* the broken word's hyphen, after its last letter */
                r.hyphen_w = hyphen_w;
            x += r.w + r.hyphen_w;
            add_run(out, &r);
            v = w;
        }
    }
    int line_w = x;
    int box = max_w > 0 ? max_w : line_w;
    int shift = 0;
    int align = L->st->align;
    if (align == TEXT_ALIGN_CENTER)
        shift = (box - line_w) / 2;
    else if ((align == TEXT_ALIGN_END) != (L->st->rtl != 0))
        shift = box - line_w;
    for (int k = first; k < out->nruns; k++)
        out->runs[k].x += shift;
    if (line_w > out->w)
        out->w = line_w;
    int pct = L->st->line_pct ? L->st->line_pct : 120;
    *line_h = (asc + desc) * pct / 100;
}

/* Guillemets are no Bidi_Paired_Bracket characters, so fribidi leaves them out of rule N0,
 * and in Arabic "«Rīga» (Latvia)" would put both marks on one side of the name. They are
 * paired here like brackets: « with », ‹ with › (an opening one that is never closed pairs
 * with nothing, as an unpaired bracket does). */
static void pair_guillemets(const lay *L, FriBidiBracketType *brackets)
{
    for (size_t i = 0; i < L->n; i++) {
        if (L->types[i] != FRIBIDI_TYPE_ON || brackets[i] != FRIBIDI_NO_BRACKET)
            continue;
        if (L->cp[i] == 0xAB || L->cp[i] == 0x2039)
            brackets[i] = L->cp[i] | FRIBIDI_BRACKET_OPEN_MASK;
        else if (L->cp[i] == 0xBB)
            brackets[i] = 0xAB;
        else if (L->cp[i] == 0x203A)
            brackets[i] = 0x2039;
    }
}

/* Whether the paragraph needs its units isolated: it is right to left, or holds text that is. */
static int has_rtl(const lay *L)
{
    if (L->st->rtl)
        return 1;
    for (size_t i = 0; i < L->n; i++)
        if (FRIBIDI_IS_RTL(L->types[i]) || FRIBIDI_IS_ARABIC(L->types[i]) ||
            L->types[i] == FRIBIDI_TYPE_AN)
            return 1;
    return 0;
}

/* Embedding levels of [a, b), one paragraph (fribidi stops at the first paragraph separator),
 * each unit laid out as if between U+2066 and U+2069: the levels are resolved on the types
 * with those two inserted and mapped back. */
static int resolve_par(lay *L, size_t a, size_t b, const FriBidiBracketType *brackets,
                       int isolate)
{
    FriBidiParType base = L->st->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    size_t m = b - a + (isolate ? 2 * (size_t)L->nunits : 0);
    FriBidiCharType *t = xmalloc(m * sizeof *t);
    FriBidiBracketType *br = xmalloc(m * sizeof *br);
    FriBidiLevel *lv = xmalloc(m * sizeof *lv);
    size_t *from = xmalloc(m * sizeof *from); /* the code point of each entry, or b */
    size_t j = 0;
    int u = 0;
    while (u < L->nunits && L->units[u][1] <= a)
        u++;
    for (size_t i = a; i < b; i++) {
        int in = isolate && u < L->nunits && L->units[u][1] <= b;
        if (in && L->units[u][0] == i)
            t[j] = FRIBIDI_TYPE_LRI, br[j] = FRIBIDI_NO_BRACKET, from[j++] = b;
        t[j] = L->types[i], br[j] = brackets[i], from[j++] = i;
        /* Arabic-Indic digits are Arabic numbers to bidi: even between LRI and PDI their
         * groups would be ordered right to left; in a unit they count as European digits */
        if (in && i >= L->units[u][0] && t[j - 1] == FRIBIDI_TYPE_AN)
            t[j - 1] = FRIBIDI_TYPE_EN;
        if (in && L->units[u][1] == i + 1) {
            t[j] = FRIBIDI_TYPE_PDI, br[j] = FRIBIDI_NO_BRACKET, from[j++] = b;
            u++;
        }
    }
    int ok = fribidi_get_par_embedding_levels_ex(t, br, (FriBidiStrIndex)j, &base, lv) != 0;
    for (size_t k = 0; k < j; k++)
        if (from[k] < b)
            L->levels[from[k]] = ok ? lv[k] : (FriBidiLevel)(L->st->rtl ? 1 : 0);
    free(t), free(br), free(lv), free(from);
    return ok;
}

/* Levels paragraph by paragraph: a hard line break (a contact item's value after its label)
 * starts a new one, with the same base direction. */
static void resolve_levels(lay *L, const FriBidiBracketType *brackets)
{
    int isolate = has_rtl(L);
    for (size_t a = 0; a < L->n;) {
        size_t b = a;
        while (b < L->n && L->types[b] != FRIBIDI_TYPE_BS)
            b++;
        if (b < L->n)
            b++; /* the separator ends its paragraph */
        resolve_par(L, a, b, brackets, isolate);
        a = b;
    }
}

/* The units of the paragraph as code point ranges; line breaks inside the ones that must stay
 * whole are taken away (libunibreak's stay in L->soft). */
static void find_units(lay *L, size_t len)
{
    int nu = text_units(L->s, len, NULL, 0);
    text_unit *u = xmalloc(((size_t)nu + 1) * sizeof *u);
    text_units(L->s, len, u, nu);
    L->units = xmalloc(((size_t)nu + 1) * sizeof *L->units);
    L->nunits = 0;
    size_t i = 0;
    for (int k = 0; k < nu; k++) {
        if (u[k].kind == TEXT_UNIT_UNSURE)
            continue;
        while (i < L->n && L->off[i] < u[k].off)
            i++;
        size_t e = i;
        while (e < L->n && L->off[e] < u[k].off + u[k].len)
            e++;
        if (e == i)
            continue;
        size_t *r = L->units[L->nunits++];
        r[0] = i, r[1] = e, r[2] = (size_t)u[k].kind;
        if (u[k].kind != TEXT_UNIT_URL && u[k].kind != TEXT_UNIT_EMAIL)
            for (size_t c = i; c + 1 < e; c++)
                if (L->brk[c] == LINEBREAK_ALLOWBREAK)
                    L->brk[c] = LINEBREAK_NOBREAK;
        i = e;
    }
    free(u);
}

/* The kind of unit code point i is in, or -1. */
static int unit_of(const lay *L, size_t i)
{
    for (int k = 0; k < L->nunits; k++)
        if (i >= L->units[k][0] && i < L->units[k][1])
            return (int)L->units[k][2];
    return -1;
}

/* A line end inside [a, we) that libunibreak allows, the last one whose line fits: for a
 * unit (a phone number) too wide for a line of its own. a when there is none. */
static size_t soft_break(const lay *L, size_t a, size_t we, int max_w)
{
    /* no line holds more characters that take room than it has pixels: look no further, or a
     * long word is scanned to its end once per line */
    size_t end = a;
    while (end < we && !too_wide(L, a, end + 1, max_w))
        end++;
    for (size_t p = end + 1; p-- > a + 1;)
        if (L->soft[p - 1] == LINEBREAK_ALLOWBREAK && L->brk[p - 1] != LINEBREAK_ALLOWBREAK &&
            measure(L, a, trim_end(L, a, p)) <= max_w)
            return p;
    return a;
}

static int is_wordy(hb_unicode_funcs_t *uf, uint32_t cp)
{
    hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
    return gc == HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER;
}

static int is_digit(hb_unicode_funcs_t *uf, uint32_t cp)
{
    return hb_unicode_general_category(uf, cp) == HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER;
}

/* Whether a word broken before code point p gets a hyphen: between two letters or a letter
 * and a digit of a left-to-right word in a script that hyphenates (Latin, Cyrillic, Greek;
 * not Arabic nor Ethiopic), and not in a URL or an e-mail address, where a hyphen would read
 * as part of it; never between two digits (a number too long for its line), where it would
 * read as a minus. */
static int hyphenates(const lay *L, size_t p)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    if (p == 0 || p >= L->n)
        return 0;
    size_t base = p - 1; /* the letter the marks before the break sit on */
    while (base > 0 && is_mark(uf, L->cp[base]))
        base--;
    if (!is_wordy(uf, L->cp[base]) || !is_wordy(uf, L->cp[p]) || (L->levels[p - 1] & 1) ||
        (is_digit(uf, L->cp[base]) && is_digit(uf, L->cp[p])))
        return 0;
    hb_script_t sc = L->script[p - 1];
    if (sc != HB_SCRIPT_LATIN && sc != HB_SCRIPT_CYRILLIC && sc != HB_SCRIPT_GREEK)
        return 0;
    int k = unit_of(L, p - 1);
    return k != TEXT_UNIT_URL && k != TEXT_UNIT_EMAIL;
}

static int hyphen_width(const lay *L, size_t p)
{
    char tag[5];
    script_tag(L->script[p - 1], tag);
    return L->m->width(L->m->ctx, L->face[p - 1], L->st->px, 0, tag, TEXT_HYPHEN,
                       strlen(TEXT_HYPHEN));
}

/* The fewest characters the end of a word broken between characters takes to the next line:
 * not "s." alone. */
#define MIN_TAIL 3

/* Where the word [a, we), too wide for the line, is broken between characters: as much as
 * fits with a hyphen where it takes one (*hw its width, else 0), and never leaving fewer than
 * MIN_TAIL characters for the last line of the word while the first keeps two. */
static size_t forced_break(const lay *L, size_t a, size_t we, int max_w, int *hw)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    /* a word that hyphenates is broken once, leaving room for its hyphen; only where the
     * break lands on a place without one is it broken again at the full width */
    int pre = we > a + 1 && hyphenates(L, a + 1) ? hyphen_width(L, a + 1) : 0;
    size_t fit = emergency_break(L, a, we, max_w - pre);
    *hw = 0;
    if (pre && (fit >= we || !hyphenates(L, fit)))
        fit = emergency_break(L, a, we, max_w);
    /* the rest fits on one line but is tiny: move the break back, a cluster at a time */
    if (fit < we && L->vis[we] - L->vis[fit] < MIN_TAIL && !too_wide(L, fit, we, max_w) &&
        measure(L, fit, we) <= max_w) {
        size_t p = fit;
        while (p > a && L->vis[we] - L->vis[p] < MIN_TAIL) {
            p--;
            while (p > a && is_mark(uf, L->cp[p]))
                p--;
        }
        if (p > a && L->vis[p] - L->vis[a] >= 2 && measure(L, p, we) <= max_w)
            fit = p;
    }
    /* the hyphen where the break landed, if there is room for it (one cluster back makes
     * room, unless the line is one cluster); never inside a run of digits ("800x48" / "0"):
     * before the run, between a letter and a digit, when the line holds something before
     * it, and the hyphen looked for again there */
    for (int pass = 0; pass < 2; pass++) {
        while (fit < we && hyphenates(L, fit)) {
            int w = hyphen_width(L, fit);
            if (measure(L, a, fit) + w <= max_w) {
                *hw = w;
                break;
            }
            size_t p = fit - 1;
            while (p > a && is_mark(uf, L->cp[p]))
                p--;
            if (p == a)
                break;
            fit = p;
        }
        if (fit <= a || fit >= we || !is_digit(uf, L->cp[fit - 1]) || !is_digit(uf, L->cp[fit]))
            break;
        size_t p = fit;
        while (p > a && is_digit(uf, L->cp[p - 1]))
            p--;
        if (p == a)
            break;
        fit = p, *hw = 0;
    }
    return fit;
}

void text_para_free(text_para *p)
{
    free(p->runs);
    memset(p, 0, sizeof *p);
}

void text_layout(const text_measurer *m, const char *s, size_t len, const text_style *st,
                 int max_w, text_para *out)
{
    static int lb_ready;
    if (!lb_ready) {
        init_linebreak();
        lb_ready = 1;
    }
    out->nruns = out->nlines = out->w = out->h = out->forced = 0;
    out->forced_at = 0;
    lay L = {.m = m, .st = st, .s = s};
    L.n = utf8_to_utf32(s, len, &L.cp, &L.off);
    size_t n = L.n;
    L.types = xmalloc((n + 1) * sizeof *L.types);
    L.levels = xmalloc((n + 1) * sizeof *L.levels);
    L.face = xmalloc(n + 1);
    L.script = xmalloc((n + 1) * sizeof *L.script);
    L.run = xmalloc((n + 1) * sizeof *L.run);
    L.brk = xmalloc(n + 1);
    L.soft = xmalloc(n + 1);
    FriBidiStrIndex *map = xmalloc((n + 1) * sizeof *map);
    FriBidiLevel *lvbuf = xmalloc((n + 1) * sizeof *lvbuf);
    FriBidiBracketType *brackets = xmalloc((n + 1) * sizeof *brackets);

    if (n) {
        fribidi_get_bidi_types(L.cp, (FriBidiStrIndex)n, L.types);
        fribidi_get_bracket_types(L.cp, (FriBidiStrIndex)n, L.types, brackets);
        pair_guillemets(&L, brackets);
        set_linebreaks_utf32(L.cp, n, NULL, L.brk);
        memcpy(L.soft, L.brk, n);
        find_units(&L, len);
        resolve_levels(&L, brackets);
        itemise(&L, brackets);
    }
    L.vis = xmalloc((n + 1) * sizeof *L.vis);
    L.vis[0] = 0;
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (size_t i = 0; i < n; i++)
        L.vis[i + 1] = L.vis[i] + !zero_width(uf, L.cp[i]);

    /* segments: text between break opportunities, each measured once (full, and without
     * its trailing white space), so a line's width is a running sum */
    size_t nseg = 0;
    size_t *seg_end = xmalloc((n + 1) * sizeof *seg_end);
    int *seg_full = xmalloc((n + 1) * sizeof *seg_full), *seg_trim = xmalloc((n + 1) * sizeof *seg_trim);
    for (size_t i = 0, s0 = 0; i < n; i++) {
        if (L.brk[i] != LINEBREAK_ALLOWBREAK && L.brk[i] != LINEBREAK_MUSTBREAK)
            continue;
        size_t te = trim_end(&L, s0, i + 1);
        if (too_wide(&L, s0, te, max_w)) {
            seg_trim[nseg] = seg_full[nseg] = TOO_WIDE;
        } else {
            seg_trim[nseg] = max_w > 0 ? measure(&L, s0, te) : 0;
            seg_full[nseg] = max_w > 0 ? seg_trim[nseg] + measure(&L, te, i + 1) : 0;
        }
        seg_end[nseg++] = i + 1;
        s0 = i + 1;
    }
    int y = 0;
    size_t a = 0, sg = 0;
    while (a < n) {
        /* greedy: take segments while they fit; a hard break ends the line */
        size_t fit = a, used = sg;
        int run_w = 0;
        for (size_t k = sg; k < nseg; k++) {
            if (max_w > 0 && run_w + seg_trim[k] > max_w)
                break;
            run_w += seg_full[k];
            fit = seg_end[k];
            used = k + 1;
            if (L.brk[seg_end[k] - 1] == LINEBREAK_MUSTBREAK)
                break;
        }
        /* sums of words can differ from the shaped line by a pixel a word (fractional
         * advances, kerning): check the line as it will be drawn, give words back if needed */
        while (max_w > 0 && used > sg + 1 && measure(&L, a, trim_end(&L, a, fit)) > max_w) {
            used--;
            fit = seg_end[used - 1];
        }
        int hyphen_w = 0;
        if (fit == a) { /* the first word alone is too wide: break it between characters */
            size_t seg = sg < nseg ? seg_end[sg] : n, we = trim_end(&L, a, seg);
            fit = soft_break(&L, a, we, max_w); /* a phone number at one of its spaces */
            if (fit == a) {
                if (!out->forced++)
                    out->forced_at = L.off[a];
                fit = forced_break(&L, a, we, max_w, &hyphen_w);
            }
            if (fit >= seg)
                used = sg + 1;
            else { /* the rest of the word becomes a segment of its own */
                used = sg;
                size_t te = trim_end(&L, fit, seg);
                if (too_wide(&L, fit, te, max_w)) {
                    seg_trim[sg] = seg_full[sg] = TOO_WIDE;
                } else {
                    seg_trim[sg] = measure(&L, fit, te);
                    seg_full[sg] = seg_trim[sg] + measure(&L, te, seg);
                }
            }
        }
        int lh;
        size_t e = trim_end(&L, a, fit); /* white space, newlines included, is not drawn */
        place_line(&L, a, e, hyphen_w, map, lvbuf, out, max_w, y, &lh);
        y += lh;
        out->nlines++;
        a = fit;
        sg = used;
    }
    free(seg_end), free(seg_full), free(seg_trim);
    out->h = y;

    free(L.cp), free(L.off), free(L.types), free(L.levels), free(L.face), free(L.script);
    free(L.run), free(L.brk), free(L.soft), free(L.vis), free(L.units), free(map), free(lvbuf);
    free(brackets);
}

char *text_fold_search(const char *s)
{
    buf b;
    buf_init(&b);
    size_t len = strlen(s);
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = utf8_decode(s, len, &i);
        /* the Ukrainian apostrophe as people type it (' or ’) and as the keyboard does (ʼ,
         * which the search index keeps inside a word), between two Cyrillic letters */
        if ((c == '\'' || c == 0x2019 || c == 0x02BC) && prev >= 0x0400 && prev <= 0x04FF) {
            size_t j = i;
            uint32_t next = j < len ? utf8_decode(s, len, &j) : 0;
            if (next >= 0x0400 && next <= 0x04FF)
                c = 0x02BC;
        }
        prev = c;
        switch (c) {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
            c = 0x0627; break;                         /* alef forms -> alef */
        case 0x0649: case 0x06CC: case 0x06D2: case 0x0626:
            c = 0x064A; break;                         /* alef maksura, Persian yeh -> yeh */
        case 0x06A9: case 0x06AA:
            c = 0x0643; break;                         /* Persian keheh -> kaf */
        case 0x0629: case 0x06C0: case 0x06D5:
            c = 0x0647; break;                         /* teh marbuta, heh goal forms -> heh */
        case 0x0624:
            c = 0x0648; break;                         /* waw with hamza -> waw */
        default: break;
        }
        if (c >= 0x0660 && c <= 0x0669)
            c = '0' + (c - 0x0660);                    /* Arabic-Indic digits -> 0-9 */
        else if (c >= 0x06F0 && c <= 0x06F9)
            c = '0' + (c - 0x06F0);                    /* Persian digits -> 0-9 */
        if (c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x200C ||
            c == 0x200D || c == 0x200E || c == 0x200F || (c >= 0x2066 && c <= 0x2069))
            continue;                                  /* tatweel, harakat, joiners, marks */
        char u[4];
        buf_add(&b, u, (size_t)utf8_encode(c, u));
    }
    return buf_take(&b);
}
