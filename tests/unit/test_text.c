/* text_layout with the fake measurer (10 px a code point, marks 0; Arabic ascent taller than
 * the others), and text_fold_search. Expected widths and metrics are computed from the fake's
 * rules, never copied from a run of the code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_measurer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PX 10

/* ---- helpers ---- */

static void lay_style(text_para *p, const char *s, const text_style *st, int max_w)
{
    fake_ncalls = 0;
    text_layout(&fake_measurer, s, strlen(s), st, max_w, p);
}

static void lay(text_para *p, const char *s, int rtl, int align, int max_w)
{
    text_style st = {.px = PX, .rtl = rtl, .align = align};
    lay_style(p, s, &st, max_w);
}

/* What the fake measures for s[0..len): 10 per code point, marks and joiners 0. */
static int fake_w(const char *s, size_t len)
{
    int w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = utf8_decode(s, len, &i);
        w += fake_is_mark(cp) ? 0 : 10;
    }
    return w;
}

static int ascent_of(int face)
{
    int a, d;
    fake_metrics(NULL, face, PX, &a, &d);
    return a;
}

static int descent_of(int face)
{
    int a, d;
    fake_metrics(NULL, face, PX, &a, &d);
    return d;
}

/* The text of run k, NUL-terminated (static buffer). */
static const char *run_text(const text_para *p, const char *s, int k)
{
    static char b[4][512];
    static int slot;
    char *o = b[slot++ & 3];
    snprintf(o, 512, "%.*s", (int)p->runs[k].len, s + p->runs[k].off);
    return o;
}

/* Index of the only run whose text contains needle. */
static int run_with(const text_para *p, const char *s, const char *needle)
{
    int found = -1;
    for (int k = 0; k < p->nruns; k++)
        if (strstr(run_text(p, s, k), needle)) {
            if (found >= 0)
                fail_msg("\"%s\" is in runs %d and %d", needle, found, k);
            found = k;
        }
    if (found < 0)
        fail_msg("no run contains \"%s\"", needle);
    return found;
}

/* Left and right edge of line ln. */
static void line_edges(const text_para *p, int ln, int *left, int *right)
{
    *left = 1 << 30, *right = -(1 << 30);
    for (int k = 0; k < p->nruns; k++) {
        const text_run *r = &p->runs[k];
        if (r->line != ln)
            continue;
        if (r->x < *left)
            *left = r->x;
        if (r->x + r->w + r->hyphen_w > *right) /* a hyphen after a broken word counts */
            *right = r->x + r->w + r->hyphen_w;
    }
}

/* First logical byte of line ln, or -1 for a line with no runs. */
static int line_start(const text_para *p, int ln)
{
    int m = -1;
    for (int k = 0; k < p->nruns; k++)
        if (p->runs[k].line == ln && (m < 0 || (int)p->runs[k].off < m))
            m = (int)p->runs[k].off;
    return m;
}

/* Invariants of every layout: runs of a line left to right with increasing x and no
 * overlap, inside [0, max_w], widths as measured, one baseline per line, lines in order,
 * every byte in at most one run and every non-white byte in exactly one. */
static void check_layout(const text_para *p, const char *s, int max_w)
{
    size_t len = strlen(s);
    char *cov = calloc(len + 1, 1);
    assert_non_null(cov);
    for (int k = 0; k < p->nruns; k++) {
        const text_run *r = &p->runs[k];
        if (r->x < 0 || (max_w > 0 && r->x + r->w + r->hyphen_w > max_w))
            fail_msg("\"%s\" max_w %d: run %d \"%s\" spans %d..%d", s, max_w, k,
                     run_text(p, s, k), r->x, r->x + r->w + r->hyphen_w);
        assert_true(r->hyphen_w == 0 || r->hyphen_w == fake_w(TEXT_HYPHEN, 1));
        assert_true(r->len > 0);
        assert_true(r->off + r->len <= len);
        assert_int_equal(r->w, fake_w(s + r->off, r->len));
        assert_true(r->line < p->nlines);
        assert_true(r->face < TEXT_FACE_COUNT);
        if (k > 0) {
            const text_run *q = &p->runs[k - 1];
            assert_true(r->line >= q->line);
            if (r->line == q->line) {
                if (r->x < q->x + q->w + q->hyphen_w || (r->w && q->w && r->x <= q->x))
                    fail_msg("\"%s\" max_w %d: runs %d and %d overlap or go right to left", s,
                             max_w, k - 1, k);
                assert_int_equal(r->baseline, q->baseline);
            } else {
                assert_true(r->baseline > q->baseline);
            }
        }
        for (uint32_t b = r->off; b < r->off + r->len; b++)
            cov[b]++;
    }
    for (size_t b = 0; b < len; b++) {
        if (cov[b] > 1)
            fail_msg("\"%s\": byte %zu is in %d runs", s, b, cov[b]);
        if (!cov[b] && s[b] != ' ' && s[b] != '\n' && s[b] != '\r')
            fail_msg("\"%s\" max_w %d: byte %zu is in no run", s, max_w, b);
    }
    free(cov);
}

/* Combining marks of the texts used here (general category Mn), with or without width in
 * the fake: U+0670 superscript alef is a mark the fake measures 10 px wide. */
static int is_combining(uint32_t cp)
{
    return fake_is_mark(cp) || (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0610 && cp <= 0x061A) ||
           cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06DC);
}

/* Width of the cluster (base and its marks) that starts at byte off. */
static int cluster_w(const char *s, size_t off)
{
    size_t len = strlen(s), i = off;
    utf8_decode(s, len, &i);
    while (i < len) {
        size_t j = i;
        if (!is_combining(utf8_decode(s, len, &j)))
            break;
        i = j;
    }
    return fake_w(s + off, i - off);
}

static int has_arabic_letter(const char *t)
{
    size_t n = strlen(t);
    for (size_t i = 0; i < n;) {
        uint32_t cp = utf8_decode(t, n, &i);
        if (cp >= 0x0620 && cp <= 0x064A)
            return 1;
    }
    return 0;
}

static int has_ascii_alnum(const char *t)
{
    for (; *t; t++)
        if ((*t >= '0' && *t <= '9') || ((*t | 0x20) >= 'a' && (*t | 0x20) <= 'z'))
            return 1;
    return 0;
}

/* Every call that reached the shaper holds one direction and one script: no Arabic letter
 * shaped together with Latin letters or digits, and Arabic always right to left. */
static void check_shaper_calls(void)
{
    assert_true(fake_ncalls > 0);
    for (int k = 0; k < fake_ncalls; k++) {
        const fake_call *c = &fake_calls[k];
        if (has_arabic_letter(c->text)) {
            if (has_ascii_alnum(c->text))
                fail_msg("shaper got mixed text \"%s\"", c->text);
            assert_int_equal(c->rtl, 1);
            assert_string_equal(c->script, "Arab");
            assert_int_equal(c->face & ~1, TEXT_FACE_ARABIC);
        }
    }
}

static int called_with(const char *text, int rtl)
{
    for (int k = 0; k < fake_ncalls; k++)
        if (!strcmp(fake_calls[k].text, text) && fake_calls[k].rtl == rtl)
            return 1;
    return 0;
}

static void assert_arabic_run(const text_para *p, int k)
{
    assert_int_equal(p->runs[k].rtl, 1);
    assert_string_equal(p->runs[k].script, "Arab");
    assert_int_equal(p->runs[k].face, TEXT_FACE_ARABIC);
}

/* ---- visual order ---- */

static void test_rtl_phone_number(void **state)
{
    (void)state;
    const char *s = "اتصل على 112 الآن";
    text_para p = {0};
    lay(&p, s, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    assert_int_equal(p.nlines, 1);
    int call = run_with(&p, s, "اتصل"), num = run_with(&p, s, "112"),
        now = run_with(&p, s, "الآن");
    assert_string_equal(run_text(&p, s, num), "112");
    assert_int_equal(p.runs[num].rtl, 0);
    assert_arabic_run(&p, call);
    assert_arabic_run(&p, now);
    assert_int_equal(call, run_with(&p, s, "على"));
    /* visually: the last word at the left, the number, the first words at the right */
    assert_true(p.runs[now].x < p.runs[num].x);
    assert_true(p.runs[num].x < p.runs[call].x);
    int left, right;
    line_edges(&p, 0, &left, &right);
    assert_int_equal(p.runs[call].x + p.runs[call].w, right);
    assert_int_equal(p.w, fake_w(s, strlen(s)));
    /* the number reached the shaper on its own, left to right, digits in logical order */
    assert_true(called_with("112", 0));
    check_shaper_calls();

    /* measuring for line breaks hands the shaper the same single-direction pieces */
    for (int max_w = 30; max_w <= 200; max_w += 10) {
        lay(&p, s, 1, TEXT_ALIGN_START, max_w);
        check_layout(&p, s, max_w);
        check_shaper_calls();
    }
    text_para_free(&p);
}

static void test_rtl_time(void **state)
{
    (void)state;
    const char *s = "الساعة 10:30";
    text_para p = {0};
    lay(&p, s, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    int t = run_with(&p, s, "10:30"), word = run_with(&p, s, "الساعة");
    assert_string_equal(run_text(&p, s, t), "10:30"); /* one run, not "30:10" */
    assert_int_equal(p.runs[t].rtl, 0);
    assert_arabic_run(&p, word);
    assert_true(p.runs[t].x < p.runs[word].x); /* the time after the word, i.e. at its left */
    assert_true(called_with("10:30", 0));
    check_shaper_calls();
    lay(&p, s, 1, TEXT_ALIGN_START, 200); /* with line fitting */
    check_shaper_calls();
    text_para_free(&p);
}

static void test_rtl_latin_name(void **state)
{
    (void)state;
    const char *s = "مرحبا Anna شكرا";
    text_para p = {0};
    lay(&p, s, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    int hi = run_with(&p, s, "مرحبا"), name = run_with(&p, s, "Anna"),
        thanks = run_with(&p, s, "شكرا");
    assert_string_equal(run_text(&p, s, name), "Anna");
    assert_int_equal(p.runs[name].rtl, 0);
    assert_int_equal(p.runs[name].face, TEXT_FACE_SANS);
    assert_string_equal(p.runs[name].script, "Latn");
    assert_arabic_run(&p, hi);
    assert_arabic_run(&p, thanks);
    assert_true(p.runs[thanks].x < p.runs[name].x);
    assert_true(p.runs[name].x < p.runs[hi].x);
    int left, right;
    line_edges(&p, 0, &left, &right);
    assert_int_equal(p.runs[hi].x + p.runs[hi].w, right); /* first logical word at the right */
    assert_int_equal(p.runs[thanks].x, left);
    assert_true(called_with("Anna", 0));
    check_shaper_calls();
    text_para_free(&p);
}

static void test_rtl_parentheses(void **state)
{
    (void)state;
    /* Arabic in parentheses: one right-to-left run, so the shaper mirrors the pair */
    const char *s = "(مرحبا)";
    text_para p = {0};
    lay(&p, s, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    assert_int_equal(p.nruns, 1);
    assert_string_equal(run_text(&p, s, 0), s);
    assert_arabic_run(&p, 0);
    text_para_free(&p);

    /* a Latin name in parentheses inside Arabic: the brackets resolve to the paragraph's
     * direction (rule N0) and sit on both sides of the name, ")" at its left */
    const char *t = "مرحبا (Anna)";
    lay(&p, t, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, t, 0);
    int name = run_with(&p, t, "Anna"), open = run_with(&p, t, "("),
        close = run_with(&p, t, ")");
    assert_string_equal(run_text(&p, t, name), "Anna");
    assert_int_equal(p.runs[name].rtl, 0);
    assert_int_equal(p.runs[open].rtl, 1);
    assert_int_equal(p.runs[close].rtl, 1);
    assert_int_equal(p.runs[close].x + p.runs[close].w, p.runs[name].x);
    assert_int_equal(p.runs[name].x + p.runs[name].w, p.runs[open].x);
    assert_true(strstr(run_text(&p, t, open), "مرحبا") != NULL); /* "(" beside the word */
    /* the pair is drawn alike: ")" takes the script and font of its "(" (UAX #24) */
    assert_int_equal(p.runs[close].face, p.runs[open].face);
    assert_string_equal(p.runs[close].script, p.runs[open].script);
    text_para_free(&p);

    /* Latin in parentheses after a Latin word, in an RTL paragraph: the pair takes the
     * direction of the text before it, so "Anna (Bob)" stays one LTR run and the closing
     * parenthesis does not jump to the other side */
    const char *u = "Anna (Bob) شكرا";
    lay(&p, u, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, u, 0);
    int lat = run_with(&p, u, "Anna");
    assert_string_equal(run_text(&p, u, lat), "Anna (Bob)");
    assert_int_equal(p.runs[lat].rtl, 0);
    assert_true(p.runs[run_with(&p, u, "شكرا")].x < p.runs[lat].x);
    text_para_free(&p);
}

/* x of the character at byte b (10 px each in the fake; marks are not used here). */
static int x_of(const text_para *p, const char *s, uint32_t b)
{
    for (int k = 0; k < p->nruns; k++) {
        const text_run *r = &p->runs[k];
        if (b < r->off || b >= r->off + r->len)
            continue;
        int before = fake_w(s + r->off, b - r->off);
        return r->rtl ? r->x + r->w - before - 10 : r->x + before;
    }
    fail_msg("byte %u is in no run", b);
    return -1;
}

/* The runs of line 0 from left to right, each as its text in logical order without the
 * spaces at its ends, joined by " | ": what a reader sees, run by run (the shaper draws a
 * right-to-left run's letters from the right). */
static const char *visual(const text_para *p, const char *s)
{
    static char out[512];
    out[0] = 0;
    for (int k = 0; k < p->nruns; k++) {
        if (p->runs[k].line != 0)
            continue;
        const char *a = s + p->runs[k].off, *e = a + p->runs[k].len;
        while (a < e && *a == ' ')
            a++;
        while (e > a && e[-1] == ' ')
            e--;
        if (e > a)
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%.*s", *out ? " | " : "",
                     (int)(e - a), a);
    }
    return out;
}

/* The phone number: in Arabic "+371 67 000 000" showed as "000 000 67 371+". It is
 * laid out as if isolated left to right: one run, left to right, whole on one line. */
static void test_rtl_isolated_phone(void **state)
{
    (void)state;
    const char *s = "اتصل +371 67 000 000 الآن";
    text_para p = {0};
    lay(&p, s, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    int num = run_with(&p, s, "371");
    assert_string_equal(run_text(&p, s, num), "+371 67 000 000");
    assert_int_equal(p.runs[num].rtl, 0);
    assert_true(called_with("+371 67 000 000", 0));
    assert_string_equal(visual(&p, s), "الآن | +371 67 000 000 | اتصل");
    check_shaper_calls();

    /* a contact item: the label, then the value on a line of its own, flush right */
    const char *t = "مركز المعلومات\n+371 67 000 000";
    lay(&p, t, 1, TEXT_ALIGN_START, 300);
    check_layout(&p, t, 300);
    num = run_with(&p, t, "371");
    assert_string_equal(run_text(&p, t, num), "+371 67 000 000");
    assert_int_equal(p.runs[num].line, 1);
    assert_int_equal(p.runs[num].x + p.runs[num].w, 300);

    /* Persian digits, and the Arabic comma after the number stays outside, at its left */
    const char *u = "با +۳۷۱ ۶۷ ۰۰۰ ۰۰۰، تماس";
    lay(&p, u, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, u, 0);
    assert_string_equal(visual(&p, u), "، تماس | +۳۷۱ ۶۷ ۰۰۰ ۰۰۰ | با");

    /* Arabic-Indic digits are Arabic numbers to bidi, which orders their groups right to
     * left even between LRI and PDI: in a unit they count as European digits */
    const char *v = "اتصل بي: +٣٧١ ٢٠٠٠ ٠٠٠٠";
    lay(&p, v, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, v, 0);
    assert_string_equal(visual(&p, v), "+٣٧١ ٢٠٠٠ ٠٠٠٠ | اتصل بي:");

    /* narrower than the paragraph, the number moves to the next line whole, not at a space */
    lay(&p, s, 1, TEXT_ALIGN_START, 200);
    check_layout(&p, s, 200);
    num = run_with(&p, s, "371");
    assert_string_equal(run_text(&p, s, num), "+371 67 000 000");
    /* and a line narrower than the number breaks it at a space, where libunibreak allows */
    lay(&p, s, 1, TEXT_ALIGN_START, 100);
    check_layout(&p, s, 100);
    assert_int_equal(p.forced, 0);
    assert_string_equal(run_text(&p, s, run_with(&p, s, "371")), "+371 67");
    text_para_free(&p);
}

/* Dates, e-mail addresses, URLs and codes read left to right in Arabic too; sentence
 * punctuation after them stays with the sentence. */
static void test_rtl_isolated_units(void **state)
{
    (void)state;
    text_para p = {0};
    static const struct { const char *s, *want; } cases[] = {
        /* without isolation: "01-02-2023" */
        {"يفتح في 2023-02-01.", ". | 2023-02-01 | يفتح في"},
        {"اكتب إلى info@example.org أو", "أو | info@example.org | اكتب إلى"},
        {"اقرأ https://example.org/sveiki.", ". | https://example.org/sveiki | اقرأ"},
        {"المستوى A1–A2 فقط", "فقط | A1–A2 | المستوى"},
        {"الغرفة 12B الآن", "الآن | 12B | الغرفة"},
        {"۱ ۰۰۰ یورو", "یورو | ۱ ۰۰۰"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        lay(&p, cases[k].s, 1, TEXT_ALIGN_START, 0);
        check_layout(&p, cases[k].s, 0);
        assert_string_equal(visual(&p, cases[k].s), cases[k].want);
        check_shaper_calls();
    }
    /* in a left-to-right paragraph with no right-to-left text nothing changes: one run */
    const char *s = "Call +371 67 000 000 or write to info@example.org.";
    lay(&p, s, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    assert_int_equal(p.nruns, 1);
    /* but the number still moves to the next line whole */
    lay(&p, s, 0, TEXT_ALIGN_START, 160);
    check_layout(&p, s, 160);
    assert_string_equal(run_text(&p, s, 0), "Call");
    assert_int_equal(p.runs[1].line, 1);
    assert_true(!strncmp(run_text(&p, s, 1), "+371 67 000 000", 15));
    text_para_free(&p);
}

/* «Rīga» (Latvia) in Arabic: the guillemets stay on both sides of the name and the brackets
 * on both sides of theirs; before, "»" joined the Latin run and both marks ended up on one
 * side. HarfBuzz mirrors « and » in right-to-left runs, which every mark here is in. */
static void test_rtl_guillemets_paired(void **state)
{
    (void)state;
    const char *s = "مدينة «Rīga» (Latvia) جميلة";
    text_para p = {0};
    lay(&p, s, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    uint32_t lq = (uint32_t)(strstr(s, "«") - s), rq = (uint32_t)(strstr(s, "»") - s);
    uint32_t lb = (uint32_t)(strchr(s, '(') - s), rb = (uint32_t)(strchr(s, ')') - s);
    int name = run_with(&p, s, "Rīga"), country = run_with(&p, s, "Latvia");
    assert_string_equal(run_text(&p, s, name), "Rīga");
    assert_string_equal(run_text(&p, s, country), "Latvia");
    /* from the right: « Rīga » ( Latvia ) */
    assert_true(x_of(&p, s, lq) > p.runs[name].x);
    assert_true(p.runs[name].x > x_of(&p, s, rq));
    assert_true(x_of(&p, s, rq) > x_of(&p, s, lb));
    assert_true(x_of(&p, s, lb) > p.runs[country].x);
    assert_true(p.runs[country].x > x_of(&p, s, rb));
    /* every mark right to left, so each is mirrored: they point the right way */
    for (int k = 0; k < p.nruns; k++)
        if (strstr(run_text(&p, s, k), "«") || strstr(run_text(&p, s, k), "»") ||
            strchr(run_text(&p, s, k), '(') || strchr(run_text(&p, s, k), ')'))
            assert_int_equal(p.runs[k].rtl, 1);
    /* the fake's Arabic face has no guillemets: they are drawn with Sans, runs of their own */
    assert_string_equal(visual(&p, s), "جميلة | ) | Latvia | ( | » | Rīga | « | مدينة");

    /* in a left-to-right paragraph the order is as before; » takes the script of its «, as
     * a closing bracket does */
    const char *t = "Центр «Drošā māja» (Rīga)";
    lay(&p, t, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, t, 0);
    assert_string_equal(visual(&p, t), "Центр « | Drošā māja | » | (Rīga)");
    assert_string_equal(p.runs[2].script, "Cyrl");
    text_para_free(&p);
}

static void test_rtl_first_word_right_when_wrapped(void **state)
{
    (void)state;
    const char *s = "مرحبا بكم في المكتبة العامة";
    text_para p = {0};
    int max_w = 100;
    lay(&p, s, 1, TEXT_ALIGN_START, max_w);
    check_layout(&p, s, max_w);
    assert_true(p.nlines >= 2);
    for (int ln = 0; ln < p.nlines; ln++) {
        int left, right;
        line_edges(&p, ln, &left, &right);
        assert_int_equal(right, max_w); /* start of an RTL paragraph is the right edge */
    }
    int first = run_with(&p, s, "مرحبا");
    assert_int_equal(p.runs[first].line, 0);
    assert_int_equal(p.runs[first].x + p.runs[first].w, max_w);
    int last = run_with(&p, s, "العامة");
    assert_int_equal(p.runs[last].line, p.nlines - 1);
    text_para_free(&p);
}

static void test_ltr_with_arabic_word(void **state)
{
    (void)state;
    const char *s = "Hello مرحبا world";
    text_para p = {0};
    lay(&p, s, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    int hello = run_with(&p, s, "Hello"), ar = run_with(&p, s, "مرحبا"),
        world = run_with(&p, s, "world");
    assert_int_equal(p.runs[hello].x, 0);
    assert_int_equal(p.runs[hello].rtl, 0);
    assert_int_equal(p.runs[hello].face, TEXT_FACE_SANS);
    assert_arabic_run(&p, ar);
    assert_true(p.runs[hello].x < p.runs[ar].x);
    assert_true(p.runs[ar].x < p.runs[world].x);
    check_shaper_calls();
    /* the Arabic word went to the shaper in logical order (first letter first) */
    assert_true(called_with("مرحبا", 1));
    text_para_free(&p);

    /* a LTR paragraph that starts with Arabic keeps that word at the left */
    const char *t = "مرحبا Anna";
    lay(&p, t, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, t, 0);
    assert_true(p.runs[run_with(&p, t, "مرحبا")].x < p.runs[run_with(&p, t, "Anna")].x);
    assert_int_equal(p.runs[run_with(&p, t, "مرحبا")].x, 0);
    text_para_free(&p);
}

/* ---- line breaking ---- */

static const char *const samples[] = {
    "The quick brown fox jumps over the lazy dog",
    "اتصل على 112 الآن من فضلك",
    "مرحبا Anna شكرا جزيلا لك",
    "Hello مرحبا world 10:30 again",
    "ሰላም ዓለም እንኳን ደህና መጡ",
    "abcdefghijklmnopqrstuvwxyz",
    "Sveiki! Laipni lūdzam Rīgas bibliotēkā.",
    "می‌خواهم به کتابخانه بروم",
    "short\nand a second line\n\nafter a blank line",
};

static void test_no_line_wider_than_box(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++)
        for (int rtl = 0; rtl <= 1; rtl++)
            for (int align = TEXT_ALIGN_START; align <= TEXT_ALIGN_END; align++)
                for (int max_w = 10; max_w <= 320; max_w += 7) {
                    text_para p = {0};
                    lay(&p, samples[k], rtl, align, max_w);
                    check_layout(&p, samples[k], max_w);
                    assert_true(p.w <= max_w);
                    assert_true(p.nlines >= 1);
                    text_para_free(&p);
                }
}

static void test_no_wrap_without_width(void **state)
{
    (void)state;
    /* max_w <= 0: no wrapping, the box is as wide as the text */
    const char *s = samples[0];
    for (int max_w = -5; max_w <= 0; max_w += 5)
        for (int rtl = 0; rtl <= 1; rtl++) {
            text_para p = {0};
            lay(&p, s, rtl, TEXT_ALIGN_START, max_w);
            check_layout(&p, s, 0);
            assert_int_equal(p.nlines, 1);
            assert_int_equal(p.w, fake_w(s, strlen(s)));
            int left, right;
            line_edges(&p, 0, &left, &right);
            assert_int_equal(left, 0);
            assert_int_equal(right, p.w);
            assert_int_equal(p.h, (ascent_of(TEXT_FACE_SANS) + descent_of(TEXT_FACE_SANS)) * 120 / 100);
            text_para_free(&p);
        }
}

static void test_reused_para(void **state)
{
    (void)state;
    /* a text_para reused across calls holds only the last layout */
    text_para p = {0};
    lay(&p, samples[0], 0, TEXT_ALIGN_START, 60);
    int many = p.nruns;
    assert_true(p.nlines > 1);
    lay(&p, "Hi", 0, TEXT_ALIGN_START, 60);
    assert_true(many > 1);
    assert_int_equal(p.nruns, 1);
    assert_int_equal(p.nlines, 1);
    assert_string_equal(run_text(&p, "Hi", 0), "Hi");
    assert_int_equal(p.w, 20);
    text_para_free(&p);
    assert_null(p.runs);
}

/* Width of the space-separated word starting at byte off. */
static int word_w(const char *s, int off)
{
    int e = off;
    while (s[e] && s[e] != ' ' && s[e] != '\n')
        e++;
    return fake_w(s + off, (size_t)(e - off));
}

static void test_breaks_between_words(void **state)
{
    (void)state;
    static const char *const words[] = {
        "The quick brown fox jumps over the lazy dog",
        "Laipni lūdzam Rīgas centrālajā bibliotēkā",
        "مرحبا بكم في المكتبة العامة للمدينة",
        "ሰላም ዓለም እንኳን ደህና መጡ",
    };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        const char *s = words[k];
        int longest = 0;
        for (int i = 0; s[i]; i++)
            if (i == 0 || s[i - 1] == ' ')
                longest = word_w(s, i) > longest ? word_w(s, i) : longest;
        for (int rtl = 0; rtl <= 1; rtl++)
            for (int max_w = longest; max_w <= 400; max_w += 5) {
                text_para p = {0};
                lay(&p, s, rtl, TEXT_ALIGN_START, max_w);
                check_layout(&p, s, max_w);
                for (int ln = 0; ln < p.nlines; ln++) {
                    int st = line_start(&p, ln);
                    assert_true(st >= 0);
                    if (st > 0 && s[st - 1] != ' ')
                        fail_msg("\"%s\" max_w %d: line %d starts inside a word at byte %d", s,
                                 max_w, ln, st);
                    if (ln + 1 < p.nlines) {
                        /* and not too early: the next word would not have fitted */
                        int left, right;
                        line_edges(&p, ln, &left, &right);
                        int next = line_start(&p, ln + 1);
                        assert_true(next >= 0);
                        assert_true((right - left) + 10 + word_w(s, next) > max_w);
                    }
                }
                text_para_free(&p);
            }
    }
}

/* Lines of p in logical order, concatenated (for texts whose lines are contiguous). */
static void concat_lines(const text_para *p, const char *s, char *out, size_t cap)
{
    out[0] = 0;
    for (int ln = 0; ln < p->nlines; ln++) {
        uint32_t lo = UINT32_MAX, hi = 0;
        for (int k = 0; k < p->nruns; k++)
            if (p->runs[k].line == ln) {
                if (p->runs[k].off < lo)
                    lo = p->runs[k].off;
                if (p->runs[k].off + p->runs[k].len > hi)
                    hi = p->runs[k].off + p->runs[k].len;
            }
        if (lo < hi)
            snprintf(out + strlen(out), cap - strlen(out), "%.*s", (int)(hi - lo), s + lo);
    }
}

/* Characters with an advance (no combining marks) from byte off to the end of its word. */
static int tail_chars(const char *s, size_t off)
{
    int n = 0;
    size_t len = strlen(s);
    for (size_t i = off; i < len && s[i] != ' ';)
        n += !is_combining(utf8_decode(s, len, &i));
    return n;
}

static void test_emergency_break(void **state)
{
    (void)state;
    static const struct { const char *s; int rtl, min_w; } cases[] = {
        {"abcdefghijklmnopqrstuvwxyz", 0, 10},
        /* decomposed: every letter carries a combining acute */
        {"a\xCC\x81" "b\xCC\x81" "c\xCC\x81" "d\xCC\x81" "e\xCC\x81" "f\xCC\x81" "g\xCC\x81", 0, 10},
        /* Arabic with harakat */
        {"مَرْحَبًا", 1, 10},
        {"السَّلَامُ", 1, 10},
        /* a mark with a width of its own (superscript alef, 10 px in the fake): the widest
         * cluster "مٰ" is 20 px, and no line may start with the alef */
        {"الرَّحْمٰنِ", 1, 20},
        {"هٰذا الكتابُ", 1, 20},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *s = cases[k].s;
        for (int max_w = cases[k].min_w; max_w < fake_w(s, strlen(s)); max_w += 5) {
            text_para p = {0};
            lay(&p, s, cases[k].rtl, TEXT_ALIGN_START, max_w);
            check_layout(&p, s, max_w);
            assert_true(p.nlines >= 2);
            char all[256];
            concat_lines(&p, s, all, sizeof all);
            /* nothing lost, nothing doubled, order kept (spaces at breaks are dropped) */
            char want[256];
            size_t n = 0;
            for (const char *q = s; *q; q++)
                if (*q != ' ')
                    want[n++] = *q;
            want[n] = 0;
            n = 0;
            for (const char *q = all; *q; q++)
                if (*q != ' ')
                    all[n++] = *q;
            all[n] = 0;
            assert_string_equal(all, want);
            for (int ln = 0; ln < p.nlines; ln++) {
                int st = line_start(&p, ln);
                size_t i = (size_t)st;
                uint32_t cp = utf8_decode(s, strlen(s), &i);
                if (is_combining(cp))
                    fail_msg("\"%s\" max_w %d: line %d starts with mark U+%04X", s, max_w, ln,
                             cp);
                int left, right;
                line_edges(&p, ln, &left, &right);
                /* a line cut inside a word is filled: the next cluster would not have fitted,
                 * unless the break moved back to take MIN_TAIL characters to the last line */
                int next = ln + 1 < p.nlines ? line_start(&p, ln + 1) : -1;
                if (next > 0 && s[next - 1] != ' ' && tail_chars(s, (size_t)next) != 3 &&
                    right - left + cluster_w(s, (size_t)next) <= max_w)
                    fail_msg("\"%s\" max_w %d: line %d cut early at byte %d", s, max_w, ln, next);
                /* and the last piece of a word is never one or two characters alone, where
                 * five fit on a line */
                if (ln > 0 && st > 0 && s[st - 1] != ' ' && max_w >= 50 && tail_chars(s, (size_t)st) < 3)
                    fail_msg("\"%s\" max_w %d: line %d holds a tiny piece", s, max_w, ln);
                /* a Latin word broken between letters has a hyphen where a letter and a
                 * hyphen fit on a line; Arabic never */
                int hy = 0;
                for (int k = 0; k < p.nruns; k++)
                    if (p.runs[k].line == ln)
                        hy += p.runs[k].hyphen_w;
                if (cases[k].rtl)
                    assert_int_equal(hy, 0);
                else if (next > 0 && s[next - 1] != ' ' && max_w >= 20 && hy != 10)
                    fail_msg("\"%s\" max_w %d: line %d: hyphen %d", s, max_w, ln, hy);
            }
            text_para_free(&p);
        }
    }
}

static void test_emergency_break_mid_paragraph(void **state)
{
    (void)state;
    const char *s = "ab abcdefghijklmnop cd";
    text_para p = {0};
    lay(&p, s, 0, TEXT_ALIGN_START, 50);
    check_layout(&p, s, 50);
    /* "ab" alone, then the long word in pieces of four, each with a hyphen (4 x 10 + 10),
     * its last piece "mnop" without one, "cd" on a line of its own */
    assert_string_equal(run_text(&p, s, 0), "ab");
    assert_int_equal(line_start(&p, 1), 3);
    static const char *const pieces[] = {"abcd", "efgh", "ijkl", "mnop", "cd"};
    assert_int_equal(p.nlines, 6);
    assert_int_equal(p.nruns, 6);
    for (int k = 0; k < 5; k++) {
        assert_string_equal(run_text(&p, s, k + 1), pieces[k]);
        assert_int_equal(p.runs[k + 1].line, k + 1);
        assert_int_equal(p.runs[k + 1].hyphen_w, k < 3 ? 10 : 0);
    }
    assert_int_equal(p.forced, 3); /* three breaks between letters */
    assert_int_equal(p.forced_at, 3);
    char all[64];
    concat_lines(&p, s, all, sizeof all);
    assert_string_equal(all, "ababcdefghijklmnopcd");
    text_para_free(&p);
}

/* A word broken between characters is never broken inside a run of digits: "800x48-" over
 * "0pixels" read as two numbers; the break goes before the digits, between a letter and a
 * digit. A number alone too long for its line is broken, but without a hyphen (a minus). */
static void test_no_break_in_digits(void **state)
{
    (void)state;
    const char *s = "800x480pixels.";
    text_para p = {0};
    for (int w = 50; w <= 130; w += 10) {
        lay(&p, s, 0, TEXT_ALIGN_START, w);
        check_layout(&p, s, w);
        for (int ln = 1; ln < p.nlines; ln++) { /* where each line after the first begins */
            uint32_t start = UINT32_MAX;
            for (int k = 0; k < p.nruns; k++)
                if (p.runs[k].line == ln && p.runs[k].off < start)
                    start = p.runs[k].off;
            if (start > 0 && start < strlen(s) && isdigit((unsigned char)s[start - 1]) &&
                isdigit((unsigned char)s[start]))
                fail_msg("at %d px a line begins inside a number: ...%.*s|%s", w, (int)start, s,
                         s + start);
        }
    }
    lay(&p, s, 0, TEXT_ALIGN_START, 70); /* "800x48" would fit with its hyphen */
    assert_string_equal(run_text(&p, s, 0), "800x");
    text_para_free(&p);
    const char *digits = "12345678901234567890";
    lay(&p, digits, 0, TEXT_ALIGN_START, 70);
    check_layout(&p, digits, 70);
    assert_true(p.nlines > 1);
    for (int k = 0; k < p.nruns; k++)
        assert_int_equal(p.runs[k].hyphen_w, 0);
    text_para_free(&p);
}

/* The word of the issue: "800x480pixels." broken as "800x48" and "0pixels" with no hyphen.
 * Now there is one, and the end of a word is never one or two characters alone. */
static void test_hyphen_and_tail(void **state)
{
    (void)state;
    const char *s = "ab 800x480pixels.";
    text_para p = {0};
    lay(&p, s, 0, TEXT_ALIGN_START, 80);
    check_layout(&p, s, 80);
    assert_int_equal(p.nlines, 3);
    int head = run_with(&p, s, "800x480"), tail = run_with(&p, s, "pixels.");
    assert_string_equal(run_text(&p, s, head), "800x480");
    assert_int_equal(p.runs[head].hyphen_w, fake_w(TEXT_HYPHEN, 1));
    assert_string_equal(run_text(&p, s, tail), "pixels.");
    assert_int_equal(p.runs[tail].hyphen_w, 0);
    assert_int_equal(p.w, 80); /* the hyphen is part of the line */
    text_para_free(&p);

    /* "abcdefghij." at 100 px: ten letters fit, which would leave "." alone; the break moves
     * back to leave "ij." and takes a hyphen */
    const char *t = "abcdefghij.";
    lay(&p, t, 0, TEXT_ALIGN_START, 100);
    check_layout(&p, t, 100);
    assert_int_equal(p.nlines, 2);
    assert_string_equal(run_text(&p, t, 0), "abcdefgh");
    assert_int_equal(p.runs[0].hyphen_w, 10);
    assert_string_equal(run_text(&p, t, 1), "ij.");
    text_para_free(&p);

    /* in a right-to-left paragraph a Latin word still takes its hyphen, on its right, and the
     * Arabic word beside it moves over to make room */
    const char *u = "abcdefghijklmnop مرحبا";
    lay(&p, u, 1, TEXT_ALIGN_START, 100);
    check_layout(&p, u, 100);
    int first = run_with(&p, u, "abcdefghi");
    assert_string_equal(run_text(&p, u, first), "abcdefghi");
    assert_int_equal(p.runs[first].hyphen_w, 10);
    assert_int_equal(p.runs[first].x + p.runs[first].w + 10, 100); /* flush with the start side */
    text_para_free(&p);

    /* no hyphen in Arabic, Ethiopic, a URL or an e-mail address: it would read as part of it */
    static const struct { const char *s; int rtl; } none[] = {
        {"كلمةطويلةجداجداجدا", 1}, {"ሰላምሰላምሰላምሰላም", 0},
        {"https://example.org/abcdefghijklmnop", 0}, {"abcdefghijklmnop@example.org", 1},
    };
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++) {
        lay(&p, none[k].s, none[k].rtl, TEXT_ALIGN_START, 60);
        check_layout(&p, none[k].s, 60);
        assert_true(p.nlines >= 2);
        for (int r = 0; r < p.nruns; r++)
            if (p.runs[r].hyphen_w)
                fail_msg("\"%s\": hyphen after \"%s\"", none[k].s, run_text(&p, none[k].s, r));
    }
    text_para_free(&p);
}

/* A word with no break opportunity costs work linear in its length: each forced break
 * shapes about a line's worth, never the rest of the word again. */
static void test_long_word_linear(void **state)
{
    (void)state;
    for (size_t n = 5000; n <= 40000; n *= 2) {
        char *s = malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            s[i] = (char)('a' + i % 26);
        s[n] = 0;
        text_para p = {0};
        fake_bytes = 0;
        lay(&p, s, 0, TEXT_ALIGN_START, 100);
        /* nine letters and a hyphen a line, ten on the last (no hyphen), never under three */
        int lines = 1;
        for (size_t rest = n; rest > 10; lines++)
            rest -= rest - 9 >= 3 ? 9 : rest - 3;
        assert_int_equal(p.nlines, lines);
        if (fake_bytes > 40 * (long)n)
            fail_msg("%zu characters: %ld bytes measured (quadratic?)", n, fake_bytes);
        text_para_free(&p);
        free(s);
    }
}

/* U+FFFF is libunibreak's end marker: in text it must not stop or crash the layout. */
static void test_noncharacter_laid_out(void **state)
{
    (void)state;
    const char *s = "ab\xEF\xBF\xBF" "cd \xEF\xB7\x90 ef";
    text_para p = {0};
    lay(&p, s, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    char all[64];
    concat_lines(&p, s, all, sizeof all);
    assert_string_equal(all, s); /* every byte still drawn, none lost */
    text_para_free(&p);
}

static void test_persian_zwnj_kept(void **state)
{
    (void)state;
    const char *s = "می\xE2\x80\x8C" "خواهم";
    text_para p = {0};
    lay(&p, s, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    assert_int_equal(p.nruns, 1);
    assert_string_equal(run_text(&p, s, 0), s);
    assert_non_null(strstr(run_text(&p, s, 0), "\xE2\x80\x8C"));
    assert_arabic_run(&p, 0);
    assert_true(called_with(s, 1)); /* shaped whole, so the joiner does its work */
    text_para_free(&p);

    /* wrapped, the word is not split at the ZWNJ */
    const char *t = "می\xE2\x80\x8C" "خواهم بروم";
    lay(&p, t, 1, TEXT_ALIGN_START, fake_w(s, strlen(s)) + 10);
    check_layout(&p, t, fake_w(s, strlen(s)) + 10);
    assert_int_equal(p.nlines, 2);
    int w = run_with(&p, t, "\xE2\x80\x8C");
    assert_string_equal(run_text(&p, t, w), s);
    assert_int_equal(p.runs[w].line, 0);
    text_para_free(&p);
}

static void test_hard_newline(void **state)
{
    (void)state;
    const char *s = "ab\ncd";
    text_para p = {0};
    lay(&p, s, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    assert_int_equal(p.nlines, 2);
    int a = run_with(&p, s, "ab"), c = run_with(&p, s, "cd");
    assert_string_equal(run_text(&p, s, a), "ab");
    assert_string_equal(run_text(&p, s, c), "cd");
    assert_int_equal(p.runs[a].line, 0);
    assert_int_equal(p.runs[c].line, 1);
    assert_int_equal(p.runs[c].x, 0);
    assert_true(p.runs[c].baseline > p.runs[a].baseline);
    for (int k = 0; k < p.nruns; k++)
        assert_null(strchr(run_text(&p, s, k), '\n'));
    text_para_free(&p);

    /* an empty line in between counts, and a wide box does not join lines */
    const char *t = "ab\n\ncd";
    lay(&p, t, 0, TEXT_ALIGN_START, 1000);
    assert_int_equal(p.nlines, 3);
    assert_int_equal(p.runs[run_with(&p, t, "cd")].line, 2);
    int lh = (ascent_of(TEXT_FACE_SANS) + descent_of(TEXT_FACE_SANS)) * 120 / 100;
    assert_int_equal(p.h, 3 * lh);
    text_para_free(&p);

    /* CRLF too */
    const char *u = "ab\r\ncd";
    lay(&p, u, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, u, 0);
    assert_int_equal(p.nlines, 2);
    assert_string_equal(run_text(&p, u, run_with(&p, u, "ab")), "ab");
    text_para_free(&p);
}

static void test_empty_string(void **state)
{
    (void)state;
    text_para p = {0};
    lay(&p, "Hello", 0, TEXT_ALIGN_START, 100); /* reused: the old runs must go */
    lay(&p, "", 0, TEXT_ALIGN_START, 100);
    assert_int_equal(p.nlines, 0);
    assert_int_equal(p.nruns, 0);
    assert_int_equal(p.w, 0);
    assert_int_equal(p.h, 0);
    lay(&p, "", 1, TEXT_ALIGN_CENTER, 0);
    assert_int_equal(p.nlines, 0);
    assert_int_equal(p.nruns, 0);
    text_para_free(&p);
}

static void test_alignment(void **state)
{
    (void)state;
    const int max_w = 200;
    static const char *const texts[] = {"مرحبا", "Hello", "مرحبا Anna", "Hello مرحبا"};
    for (size_t k = 0; k < 4; k++) {
        const char *s = texts[k];
        int w = fake_w(s, strlen(s));
        for (int rtl = 0; rtl <= 1; rtl++) {
            text_para p = {0};
            int left, right;
            lay(&p, s, rtl, TEXT_ALIGN_START, max_w);
            check_layout(&p, s, max_w);
            line_edges(&p, 0, &left, &right);
            assert_int_equal(right - left, w);
            if (rtl)
                assert_int_equal(right, max_w); /* start of RTL is the right edge */
            else
                assert_int_equal(left, 0);

            lay(&p, s, rtl, TEXT_ALIGN_END, max_w);
            line_edges(&p, 0, &left, &right);
            if (rtl)
                assert_int_equal(left, 0);
            else
                assert_int_equal(right, max_w);

            lay(&p, s, rtl, TEXT_ALIGN_CENTER, max_w);
            line_edges(&p, 0, &left, &right);
            int gap_l = left, gap_r = max_w - right;
            assert_true(gap_l - gap_r <= 1 && gap_r - gap_l <= 1);
            assert_true(gap_l > 0);
            text_para_free(&p);
        }
    }
    /* centring applies to each line of a wrapped paragraph */
    text_para p = {0};
    lay(&p, samples[0], 0, TEXT_ALIGN_CENTER, 120);
    check_layout(&p, samples[0], 120);
    for (int ln = 0; ln < p.nlines; ln++) {
        int left, right;
        line_edges(&p, ln, &left, &right);
        int d = left - (120 - right);
        assert_true(d >= -1 && d <= 1);
    }
    text_para_free(&p);
}

/* ---- fonts ---- */

static void test_one_baseline_across_fonts(void **state)
{
    (void)state;
    int sans = ascent_of(TEXT_FACE_SANS), arabic = ascent_of(TEXT_FACE_ARABIC);
    assert_true(arabic > sans); /* the premise of the test */

    const char *s = "Hello مرحبا world";
    text_para p = {0};
    lay(&p, s, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    assert_true(p.nruns >= 3);
    for (int k = 0; k < p.nruns; k++)
        assert_int_equal(p.runs[k].baseline, arabic);
    int lh = (arabic + descent_of(TEXT_FACE_ARABIC)) * 120 / 100;
    assert_int_equal(p.h, lh);
    text_para_free(&p);

    /* a Latin-only line sits on the Latin ascent; the next one starts below it */
    const char *t = "Hello\nمرحبا Anna";
    lay(&p, t, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, t, 0);
    int first = run_with(&p, t, "Hello");
    assert_int_equal(p.runs[first].baseline, sans);
    int lh0 = (sans + descent_of(TEXT_FACE_SANS)) * 120 / 100;
    assert_int_equal(p.runs[run_with(&p, t, "Anna")].baseline, lh0 + arabic);
    assert_int_equal(p.runs[run_with(&p, t, "مرحبا")].baseline, lh0 + arabic);
    text_para_free(&p);

    /* line_pct scales the line height */
    text_style st = {.px = PX, .line_pct = 200};
    lay_style(&p, t, &st, 0);
    assert_int_equal(p.runs[run_with(&p, t, "Anna")].baseline,
                     (sans + descent_of(TEXT_FACE_SANS)) * 2 + arabic);
    text_para_free(&p);
}

static void test_bold_spans(void **state)
{
    (void)state;
    const char *s = "Hello bold world";
    text_span span = {6, 4};
    text_style st = {.px = PX, .bold_spans = &span, .nbold = 1};
    text_para p = {0};
    lay_style(&p, s, &st, 0);
    check_layout(&p, s, 0);
    int b = run_with(&p, s, "bold");
    assert_string_equal(run_text(&p, s, b), "bold");
    assert_int_equal(p.runs[b].face, TEXT_FACE_SANS_BOLD);
    assert_int_equal(p.runs[run_with(&p, s, "Hello")].face, TEXT_FACE_SANS);
    assert_int_equal(p.runs[run_with(&p, s, "world")].face, TEXT_FACE_SANS);
    int seen_bold = 0;
    for (int k = 0; k < fake_ncalls; k++)
        if (!strcmp(fake_calls[k].text, "bold"))
            seen_bold = fake_calls[k].face == TEXT_FACE_SANS_BOLD;
    assert_true(seen_bold);
    text_para_free(&p);

    /* a span that ends between a letter and its combining mark: the mark stays with its
     * base, in the same run and the same face */
    const char *c = "Cafe\xCC\x81 ok";
    text_span part = {0, 4};
    text_style sc = {.px = PX, .bold_spans = &part, .nbold = 1};
    lay_style(&p, c, &sc, 0);
    check_layout(&p, c, 0);
    int cafe = run_with(&p, c, "Cafe");
    assert_string_equal(run_text(&p, c, cafe), "Cafe\xCC\x81");
    assert_int_equal(p.runs[cafe].face, TEXT_FACE_SANS_BOLD);
    assert_int_equal(p.runs[run_with(&p, c, "ok")].face, TEXT_FACE_SANS);
    text_para_free(&p);

    /* an Arabic word in bold uses the bold Arabic face */
    const char *t = "مرحبا بكم";
    text_span ar = {(uint32_t)strlen("مرحبا "), (uint32_t)strlen("بكم")};
    text_style sa = {.px = PX, .rtl = 1, .bold_spans = &ar, .nbold = 1};
    lay_style(&p, t, &sa, 0);
    check_layout(&p, t, 0);
    int k = run_with(&p, t, "بكم");
    assert_string_equal(run_text(&p, t, k), "بكم");
    assert_int_equal(p.runs[k].face, TEXT_FACE_ARABIC_BOLD);
    assert_string_equal(p.runs[k].script, "Arab");
    assert_int_equal(p.runs[run_with(&p, t, "مرحبا")].face, TEXT_FACE_ARABIC);
    text_para_free(&p);

    /* a bold paragraph: every run bold, except icons which have no bold face */
    const char *u = "Hi مرحبا \xEE\xA2\x8A ሰላም"; /* U+E88A, a private-use icon */
    text_style sb = {.px = PX, .bold = 1};
    lay_style(&p, u, &sb, 0);
    check_layout(&p, u, 0);
    assert_int_equal(p.runs[run_with(&p, u, "Hi")].face, TEXT_FACE_SANS_BOLD);
    assert_int_equal(p.runs[run_with(&p, u, "مرحبا")].face, TEXT_FACE_ARABIC_BOLD);
    assert_int_equal(p.runs[run_with(&p, u, "ሰላም")].face, TEXT_FACE_ETHIOPIC_BOLD);
    assert_int_equal(p.runs[run_with(&p, u, "\xEE\xA2\x8A")].face, TEXT_FACE_ICONS);
    text_para_free(&p);
}

static void test_ethiopic(void **state)
{
    (void)state;
    const char *s = "ሰላም ዓለም";
    text_para p = {0};
    lay(&p, s, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    for (int k = 0; k < p.nruns; k++) {
        assert_int_equal(p.runs[k].face, TEXT_FACE_ETHIOPIC);
        assert_string_equal(p.runs[k].script, "Ethi");
        assert_int_equal(p.runs[k].rtl, 0);
    }
    for (int k = 0; k < fake_ncalls; k++) {
        assert_int_equal(fake_calls[k].face, TEXT_FACE_ETHIOPIC);
        assert_string_equal(fake_calls[k].script, "Ethi");
    }
    text_para_free(&p);

    /* the Ethiopic face has no digits: they fall back to Sans, not shaped as Ethiopic */
    const char *t = "ሰላም 123";
    lay(&p, t, 0, TEXT_ALIGN_START, 0);
    check_layout(&p, t, 0);
    int n = run_with(&p, t, "123");
    assert_string_equal(run_text(&p, t, n), "123");
    assert_int_equal(p.runs[n].face, TEXT_FACE_SANS);
    assert_string_not_equal(p.runs[n].script, "Ethi");
    assert_int_equal(p.runs[run_with(&p, t, "ሰላም")].face, TEXT_FACE_ETHIOPIC);
    text_para_free(&p);
}

static void test_font_fallback(void **state)
{
    (void)state;
    /* a Latin letter in an Arabic paragraph is drawn with Sans */
    const char *s = "مرحبا A";
    text_para p = {0};
    lay(&p, s, 1, TEXT_ALIGN_START, 0);
    check_layout(&p, s, 0);
    int a = run_with(&p, s, "A");
    assert_string_equal(run_text(&p, s, a), "A");
    assert_int_equal(p.runs[a].face, TEXT_FACE_SANS);
    assert_int_equal(p.runs[a].rtl, 0);
    assert_true(fake_covers(NULL, p.runs[a].face, 'A'));
    assert_arabic_run(&p, run_with(&p, s, "مرحبا"));
    text_para_free(&p);

    /* every non-space character ends up in a face that covers it */
    const char *t = "Rīga مرحبا ሰላም Привет 42 \xEE\xA2\x8A";
    for (int rtl = 0; rtl <= 1; rtl++) {
        lay(&p, t, rtl, TEXT_ALIGN_START, 0);
        check_layout(&p, t, 0);
        for (int k = 0; k < p.nruns; k++) {
            const text_run *r = &p.runs[k];
            for (size_t i = r->off; i < r->off + r->len;) {
                uint32_t cp = utf8_decode(t, strlen(t), &i);
                if (cp != ' ' && !fake_covers(NULL, r->face, cp))
                    fail_msg("U+%04X in face %d, which lacks it", cp, r->face);
            }
        }
        text_para_free(&p);
    }
}

/* ---- search folding ---- */

static void assert_folds(const char *in, const char *want)
{
    char *got = text_fold_search(in);
    if (strcmp(got, want))
        fail_msg("fold(\"%s\") = \"%s\", want \"%s\"", in, got, want);
    free(got);
}

static void test_fold_alef_forms(void **state)
{
    (void)state;
    assert_folds("أحمد", "احمد");     /* alef with hamza above */
    assert_folds("إسلام", "اسلام");   /* alef with hamza below */
    assert_folds("آمن", "امن");       /* alef with madda */
    assert_folds("\xD9\xB1" "لله", "الله"); /* alef wasla */
    assert_folds("مدرسة", "مدرسه");   /* teh marbuta */
    assert_folds("مؤمن", "مومن");     /* waw with hamza */
}

static void test_fold_persian_letters(void **state)
{
    (void)state;
    assert_folds("کتاب", "كتاب");     /* keheh -> kaf */
    assert_folds("فارسی", "فارسي");   /* Persian yeh -> yeh */
    assert_folds("على", "علي");       /* alef maksura -> yeh */
    /* a Persian query finds Arabic-spelt text and the other way round */
    char *a = text_fold_search("کتابی");
    char *b = text_fold_search("كتابي");
    assert_string_equal(a, b);
    free(a), free(b);
    /* ZWNJ does not split what people type with or without it */
    assert_folds("می\xE2\x80\x8C" "خواهم", "ميخواهم");
}

static void test_fold_removes_harakat(void **state)
{
    (void)state;
    assert_folds("مَرْحَبًا", "مرحبا");
    assert_folds("السَّلَامُ عَلَيْكُمْ", "السلام عليكم");
    assert_folds("مـــرحبا", "مرحبا"); /* tatweel */
    char *a = text_fold_search("أَحْمَد");
    char *b = text_fold_search("احمد");
    assert_string_equal(a, b);
    free(a), free(b);
}

static void test_fold_leaves_latin(void **state)
{
    (void)state;
    static const char *const same[] = {
        "Sveiki, Rīga!", "Café naïve ÜBER", "e\xCC\x81t\xCC\x81" /* decomposed */,
        "Привет 123", "ሰላም", "", "a-b_c.d/e?f",
    };
    for (size_t k = 0; k < sizeof same / sizeof same[0]; k++)
        assert_folds(same[k], same[k]);
    assert_folds("Rīga كتاب", "Rīga كتاب");
    assert_folds("Rīga کتاب", "Rīga كتاب");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rtl_phone_number),
        cmocka_unit_test(test_rtl_time),
        cmocka_unit_test(test_rtl_latin_name),
        cmocka_unit_test(test_rtl_parentheses),
        cmocka_unit_test(test_rtl_isolated_phone),
        cmocka_unit_test(test_rtl_isolated_units),
        cmocka_unit_test(test_rtl_guillemets_paired),
        cmocka_unit_test(test_rtl_first_word_right_when_wrapped),
        cmocka_unit_test(test_ltr_with_arabic_word),
        cmocka_unit_test(test_no_line_wider_than_box),
        cmocka_unit_test(test_no_wrap_without_width),
        cmocka_unit_test(test_reused_para),
        cmocka_unit_test(test_breaks_between_words),
        cmocka_unit_test(test_emergency_break),
        cmocka_unit_test(test_emergency_break_mid_paragraph),
        cmocka_unit_test(test_hyphen_and_tail),
        cmocka_unit_test(test_no_break_in_digits),
        cmocka_unit_test(test_long_word_linear),
        cmocka_unit_test(test_noncharacter_laid_out),
        cmocka_unit_test(test_persian_zwnj_kept),
        cmocka_unit_test(test_hard_newline),
        cmocka_unit_test(test_empty_string),
        cmocka_unit_test(test_alignment),
        cmocka_unit_test(test_one_baseline_across_fonts),
        cmocka_unit_test(test_bold_spans),
        cmocka_unit_test(test_ethiopic),
        cmocka_unit_test(test_font_fallback),
        cmocka_unit_test(test_fold_alef_forms),
        cmocka_unit_test(test_fold_persian_letters),
        cmocka_unit_test(test_fold_removes_harakat),
        cmocka_unit_test(test_fold_leaves_latin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
