/* store_scrub: what a person types is stored only after every e-mail address, @-handle, phone
 * number, long digit run and number after a word like "room" in it is replaced.
 *
 * The rules run on a normalised copy, made with utf8proc code point by code point so that
 * every removed stretch maps back to the person's own text: compatibility decomposition
 * (full-width, circled and mathematical digits, ＠, № become 0-9, @, No), format characters
 * (half-space, joiners, direction marks, soft hyphen) and combining marks dropped, and every
 * decimal digit of any script and the Ge'ez numerals (፩...፼) made a digit 0-9. On that copy:
 *  - digit groups joined by at most MAX_GAP characters that are neither letters nor digits
 *    (spaces, dashes, dots, commas, colons, slashes, brackets, a line break) form one number;
 *    a number of 6 or more digits is removed, with a '+' or opening bracket before it. So
 *    "3 children", "2022", "A2" and "94.00 EUR" stay, and every phone number goes; so do a
 *    date with a four-digit year, two years or a time range written together ("2022, 2023",
 *    "9:00-18:00"): a Latvian mobile number is 8 digits in two groups of four too;
 *  - after a trigger word (store_scrub_words; a word like "room", "case", "No", "غرفة"), and
 *    any trigger words following it, the short number that follows is removed: "room 12",
 *    "case No. 3/45", "№12" keep their word and lose the number;
 *  - an e-mail address is removed whole: "@" or "＠" with a word after it (a handle such as
 *    "@ivan_petrov" too), and, when a domain with a dot follows, "@ " with spaces, "at",
 *    "(at)", "[at]" and "dot", "(dot)", "[dot]": "ivan at mail dot ru".
 * Each removed stretch of the original becomes one "[removed]"; everything else is kept byte
 * for byte. */
#include "store/store.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define PLACEHOLDER "[removed]"
#define MIN_DIGITS 6
/* the most non-letters between two digit groups of one number: " - (" in "+7 - (495)" */
#define MAX_GAP 4
/* the most non-letters between a trigger word and its number: ". #" in "No. #12" */
#define TRIGGER_GAP 3

/* Built-in trigger words of the demo languages, used when a pack carries none. A word is
 * matched against a whole word of the text; '*' at its start or end stands for any letters
 * (Arabic prefixes, Slavic and Latvian endings); a word with a capital letter matches only as
 * written ("No" is not Latvian "no", from). "№" is "No" once normalised. */
static const struct {
    const char *lang, *words;
} builtin[] = {
    {"lv", "istab* dzīvokl* dzīvokļ* lieta lietas lietā lietu nr korpus* gult* №"},
    {"en", "room* rm case No Nr flat apartment apt block bed id file №"},
    {"ru", "комнат* дело дела деле делу квартир* кв корпус* номер* койк* №"},
    {"uk", "кімнат* справа справи справі справу квартир* кв корпус* номер* ліжк* №"},
    {"ar", "*غرف* *رقم *قضية *ملف *شقة *سرير №"},
    {"fa", "اتاق* شماره* پرونده* واحد تخت* №"},
    {"ku", "ode* jûr* doz* dosye* hejmar* nivîn* №"},
    {"ti", "ክፍሊ* ክፍል* ቁጽሪ* ጉዳይ* ፋይል* መዝገብ* ዓራት* №"},
};
#define NBUILTIN (sizeof builtin / sizeof *builtin)

const char *store_scrub_words(const char *lang)
{
    for (size_t k = 0; k < NBUILTIN; k++)
        if (!strcmp(builtin[k].lang, lang))
            return builtin[k].words;
    return NULL;
}

/* ---- the normalised copy -------------------------------------------------------------- */

typedef struct norm {
    uint32_t *cp;   /* normalised code points */
    size_t *from;   /* for each, the index of the original code point it came from */
    size_t n, cap;
} norm;

static void norm_push(norm *t, uint32_t c, size_t from)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->cp = xrealloc(t->cp, t->cap * sizeof *t->cp);
        t->from = xrealloc(t->from, t->cap * sizeof *t->from);
    }
    t->cp[t->n] = c, t->from[t->n++] = from;
}

static int is_geez_numeral(uint32_t c) { return c >= 0x1369 && c <= 0x137C; }

/* A decimal digit's value: Unicode keeps each script's digits 0-9 in one contiguous run, so
 * the value is how far the digit is from the start of its run (aligned runs of ten). */
static int digit_value(uint32_t c)
{
    int k = 0;
    while (c > 0 && utf8proc_category((utf8proc_int32_t)(c - 1)) == UTF8PROC_CATEGORY_ND)
        c--, k++;
    return k % 10;
}

/* Appends the normalised form of original code point c (index i) to t. */
static void norm_add(norm *t, uint32_t c, size_t i)
{
    utf8proc_int32_t d[32];
    int bound = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(
        (utf8proc_int32_t)c, d, 32,
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE, &bound);
    if (k < 0 || k > 32) /* not a code point utf8proc knows (never from utf8_to_utf32) */
        d[0] = (utf8proc_int32_t)c, k = 1;
    for (utf8proc_ssize_t j = 0; j < k; j++) {
        uint32_t x = (uint32_t)d[j];
        utf8proc_category_t cat = utf8proc_category(d[j]);
        if (cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_MN ||
            cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME)
            continue;
        if (cat == UTF8PROC_CATEGORY_ND)
            x = '0' + (uint32_t)digit_value(x);
        else if (is_geez_numeral(x)) /* ፩-፱ are 1-9; tens, 100 and 10000 count as a digit */
            x = x <= 0x1371 ? '0' + (x - 0x1368) : '0';
        norm_push(t, x, i);
    }
}

static int is_letter(uint32_t c)
{
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static int is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* a space inside a line: around "@", "at" and "dot" */
static int is_space(uint32_t c)
{
    return c == '\t' || utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_ZS;
}

/* ---- trigger words -------------------------------------------------------------------- */

typedef struct trigger {
    uint32_t *cp;
    size_t n;
    int any_case;    /* written in lowercase: matches any case */
    int head, tail;  /* '*' before / after: any letters there */
} trigger;

typedef struct triggers {
    trigger *t;
    size_t n;
} triggers;

static void triggers_add(triggers *ts, const char *w, size_t len)
{
    trigger tr = {0};
    if (len && w[0] == '*')
        tr.head = 1, w++, len--;
    if (len && w[len - 1] == '*')
        tr.tail = 1, len--;
    uint32_t *cp, *off;
    size_t n = utf8_to_utf32(w, len, &cp, &off);
    norm t = {0};
    for (size_t i = 0; i < n; i++)
        norm_add(&t, cp[i], i);
    free(cp), free(off), free(t.from);
    tr.cp = t.cp, tr.n = t.n, tr.any_case = 1;
    for (size_t i = 0; i < tr.n; i++) {
        utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)tr.cp[i]);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
            tr.any_case = 0;
    }
    if (!tr.n) {
        free(tr.cp);
        return;
    }
    ts->t = xrealloc(ts->t, (ts->n + 1) * sizeof *ts->t);
    ts->t[ts->n++] = tr;
}

static void triggers_parse(triggers *ts, const char *words)
{
    const char *p = words;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ',')
            p++;
        const char *s = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != ',')
            p++;
        if (p > s)
            triggers_add(ts, s, (size_t)(p - s));
    }
}

static void triggers_free(triggers *ts)
{
    for (size_t k = 0; k < ts->n; k++)
        free(ts->t[k].cp);
    free(ts->t);
}

/* The built-in lists, each language's and all of them together, parsed once for the
 * process: store_scrub parsed them anew for every answer, most of its time (threads may
 * scrub at once, hence pthread_once) */
static triggers builtin_ts[NBUILTIN + 1];
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_parse(void)
{
    for (size_t k = 0; k < NBUILTIN; k++) {
        triggers_parse(&builtin_ts[k], builtin[k].words);
        triggers_parse(&builtin_ts[NBUILTIN], builtin[k].words);
    }
}

/* The parsed triggers of words (NULL: every built-in list): kept ones for a built-in list,
 * else words parsed into own. */
static const triggers *triggers_for(const char *words, triggers *own)
{
    size_t k = words ? 0 : NBUILTIN;
    while (k < NBUILTIN && words != builtin[k].words && strcmp(words, builtin[k].words))
        k++;
    if (words && k == NBUILTIN) {
        triggers_parse(own, words);
        return own;
    }
    pthread_once(&builtin_once, builtin_parse);
    return &builtin_ts[k];
}

static int same_letter(uint32_t a, uint32_t b, int any_case)
{
    return a == b || (any_case && utf8proc_tolower((utf8proc_int32_t)a) ==
                                      utf8proc_tolower((utf8proc_int32_t)b));
}

/* Whether the word w[0..n) is tr, with tr's '*' standing for any letters. */
static int trigger_matches(const trigger *tr, const uint32_t *w, size_t n)
{
    if (n < tr->n || (!tr->head && !tr->tail && n != tr->n))
        return 0;
    size_t last = tr->head && tr->tail ? n - tr->n : tr->head ? n - tr->n : 0;
    size_t first = tr->head ? (tr->tail ? 0 : n - tr->n) : 0;
    for (size_t at = first; at <= last; at++) {
        size_t k = 0;
        while (k < tr->n && same_letter(w[at + k], tr->cp[k], tr->any_case))
            k++;
        if (k == tr->n)
            return 1;
    }
    return 0;
}

static int is_trigger(const triggers *ts, const uint32_t *w, size_t n)
{
    for (size_t k = 0; k < ts->n; k++)
        if (trigger_matches(&ts->t[k], w, n))
            return 1;
    return 0;
}

/* ---- the rules, on the normalised copy ------------------------------------------------ */

/* Marks every number of MIN_DIGITS or more digits, with its '+' and brackets. */
static void mark_numbers(const uint32_t *cp, size_t n, unsigned char *gone)
{
    size_t i = 0;
    while (i < n) {
        if (gone[i] || !is_digit(cp[i])) {
            i++;
            continue;
        }
        size_t start = i, end, digits = 0;
        for (;;) {
            while (i < n && is_digit(cp[i]) && !gone[i])
                digits++, i++;
            end = i;
            size_t j = i;
            while (j < n && j - i <= MAX_GAP && !gone[j] && !is_digit(cp[j]) && !is_letter(cp[j]))
                j++;
            if (j == i || j - i > MAX_GAP || j == n || gone[j] || !is_digit(cp[j]))
                break;
            i = j;
        }
        if (digits >= MIN_DIGITS) {
            /* "+371 ...", "(0)67 ...", "+(371) ...": what opens the number goes with it */
            while (start > 0 && !gone[start - 1] &&
                   (cp[start - 1] == '+' || cp[start - 1] == '('))
                start--;
            int open = 0;
            for (size_t k = start; k < end; k++)
                open += cp[k] == '(' ? 1 : cp[k] == ')' ? -1 : 0;
            if (open > 0 && end < n && cp[end] == ')')
                end++;
            memset(gone + start, 1, end - start);
        }
        i = end > i ? end : i + 1;
    }
}

/* The letters of the word starting at i end at the return value. */
static size_t word_end(const uint32_t *cp, size_t n, size_t i)
{
    while (i < n && is_letter(cp[i]))
        i++;
    return i;
}

/* Marks the short number after every trigger word (and the trigger words after it). */
static void mark_triggered(const uint32_t *cp, size_t n, unsigned char *gone, const triggers *ts)
{
    for (size_t i = 0; i < n;) {
        if (!is_letter(cp[i]) || (i > 0 && is_letter(cp[i - 1]))) {
            i++;
            continue;
        }
        size_t e = word_end(cp, n, i);
        if (!is_trigger(ts, cp + i, e - i)) {
            i = e;
            continue;
        }
        for (;;) {
            size_t j = e;
            while (j < n && j - e <= TRIGGER_GAP && !is_letter(cp[j]) && !is_digit(cp[j]) &&
                   cp[j] != '\n')
                j++;
            if (j == n || j - e > TRIGGER_GAP || gone[j])
                break;
            if (is_letter(cp[j])) {
                size_t we = word_end(cp, n, j);
                if (!is_trigger(ts, cp + j, we - j))
                    break;
                e = we; /* "case No 12", "غرفة رقم ١٢" */
                continue;
            }
            /* digits joined tight by - / . : ("3/45", "12.3"), and one letter ("12a") */
            size_t k = j;
            for (;;) {
                while (k < n && is_digit(cp[k]))
                    k++;
                if (k + 1 < n && (cp[k] == '-' || cp[k] == '/' || cp[k] == '.' || cp[k] == ':') &&
                    is_digit(cp[k + 1]))
                    k++;
                else
                    break;
            }
            if (k < n && is_letter(cp[k]) && (k + 1 == n || !is_letter(cp[k + 1])))
                k++;
            memset(gone + j, 1, k - j);
            e = k;
            break;
        }
        i = e > i ? e : i + 1;
    }
}

static int is_label(uint32_t c) { return is_letter(c) || is_digit(c) || c == '-' || c == '_'; }
static int is_local(uint32_t c) { return is_label(c) || c == '.' || c == '+'; }

static int opener(uint32_t c) { return c == '(' || c == '[' || c == '{' || c == '<'; }
static int closer_of(uint32_t c)
{
    return c == '(' ? ')' : c == '[' ? ']' : c == '{' ? '}' : '>';
}

/* Whether the word at i is exactly w (ASCII, any case) standing alone. */
static size_t word_is(const uint32_t *cp, size_t n, size_t i, const char *w)
{
    if (i > 0 && is_letter(cp[i - 1]))
        return 0;
    size_t k = 0;
    for (; w[k]; k++)
        if (i + k >= n || utf8proc_tolower((utf8proc_int32_t)cp[i + k]) != (utf8proc_int32_t)w[k])
            return 0;
    return i + k < n && is_letter(cp[i + k]) ? 0 : i + k;
}

static size_t skip_spaces(const uint32_t *cp, size_t n, size_t i)
{
    while (i < n && is_space(cp[i]))
        i++;
    return i;
}

/* A marker written out: "(at)", "[ at ]", "(@)", "(dot)", "(.)" ; word is "at" or "dot" and
 * sym '@' or '.'. Its end, or 0. */
static size_t bracketed(const uint32_t *cp, size_t n, size_t i, const char *word, uint32_t sym)
{
    if (i >= n || !opener(cp[i]))
        return 0;
    uint32_t close = (uint32_t)closer_of(cp[i]);
    size_t j = skip_spaces(cp, n, i + 1), e;
    if (j < n && cp[j] == sym)
        e = j + 1;
    else if (!(e = word_is(cp, n, j, word)))
        return 0;
    e = skip_spaces(cp, n, e);
    return e < n && cp[e] == close ? e + 1 : 0;
}

/* After a domain label ending at i: where the next label starts when a dot joins them ("." tight,
 * " dot ", "(dot)", "[.]"), or 0. */
static size_t dot_sep(const uint32_t *cp, size_t n, size_t i)
{
    if (i < n && cp[i] == '.')
        return i + 1 < n && is_label(cp[i + 1]) ? i + 1 : 0;
    size_t j = skip_spaces(cp, n, i), e = bracketed(cp, n, j, "dot", '.');
    if (!e && j > i)
        e = word_is(cp, n, j, "dot");
    if (!e)
        return 0;
    size_t k = skip_spaces(cp, n, e);
    if (!bracketed(cp, n, j, "dot", '.') && k == e)
        return 0; /* the word "dot" needs spaces on both sides */
    return k < n && is_label(cp[k]) ? k : 0;
}

/* Marks every e-mail address and handle. */
static void mark_addresses(const uint32_t *cp, size_t n, unsigned char *gone)
{
    for (size_t p = 0; p < n; p++) {
        size_t q = 0;
        int at_sign = 0;
        if (cp[p] == '@')
            q = p + 1, at_sign = 1;
        else if ((q = bracketed(cp, n, p, "at", '@')))
            ;
        else if (p > 0 && is_space(cp[p - 1]) && (q = word_is(cp, n, p, "at")) &&
                 !(q < n && is_space(cp[q])))
            q = 0; /* the word "at" needs spaces on both sides */
        if (!q)
            continue;
        /* the name before it, across spaces */
        size_t l = p;
        while (l > 0 && is_space(cp[l - 1]))
            l--;
        int spaced_left = l < p;
        size_t local = l;
        while (local > 0 && is_local(cp[local - 1]))
            local--;
        while (local < l && (cp[local] == '.' || cp[local] == '-'))
            local++;
        /* the domain after it */
        size_t r = skip_spaces(cp, n, q);
        int spaced_right = r > q;
        size_t end = r, dots = 0, label = r, tld_letter = 0;
        while (end < n && is_label(cp[end]))
            end++;
        if (end == r)
            continue; /* "me @ home", "a@": nothing to reach anyone by */
        for (;;) {
            size_t next = dot_sep(cp, n, end);
            if (!next)
                break;
            size_t e = next;
            while (e < n && is_label(cp[e]))
                e++;
            dots++, label = next, end = e;
        }
        for (size_t k = label; k < end; k++)
            tld_letter += is_letter(cp[k]) != 0;
        int domain = dots > 0 && tld_letter >= 2;
        size_t from;
        if (domain && local < l)
            from = local; /* an address: the name goes with it */
        else if (at_sign && (domain || !spaced_right))
            from = spaced_left || local == l ? p : local; /* "@ivan_petrov", "ivan@host" */
        else
            continue;
        memset(gone + from, 1, end - from);
        p = end - 1;
    }
}

char *store_scrub(const char *text, const char *words)
{
    size_t len = strlen(text);
    uint32_t *cp, *off;
    size_t n = utf8_to_utf32(text, len, &cp, &off);
    norm t = {0};
    for (size_t i = 0; i < n; i++)
        norm_add(&t, cp[i], i);
    unsigned char *gone = calloc(t.n + 1, 1), *lost = calloc(n + 1, 1);
    if (!gone || !lost)
        abort();
    triggers own = {0};
    const triggers *ts = triggers_for(words, &own);
    mark_addresses(t.cp, t.n, gone);
    /* long numbers first, so a number after a trigger word goes whole with its '+' */
    mark_numbers(t.cp, t.n, gone);
    mark_triggered(t.cp, t.n, gone, ts);
    triggers_free(&own);

    /* back to the original: each removed stretch from its first code point to its last,
     * with what normalisation dropped inside and right after it (a joiner, a mark) */
    for (size_t k = 0; k < t.n;) {
        if (!gone[k]) {
            k++;
            continue;
        }
        size_t e = k;
        while (e < t.n && gone[e])
            e++;
        size_t a = t.from[k], b = t.from[e - 1] + 1, stop = e < t.n ? t.from[e] : n;
        if (b < stop)
            b = stop;
        memset(lost + a, 1, b - a);
        k = e;
    }
    buf out;
    buf_init(&out);
    for (size_t i = 0; i < n;) {
        if (lost[i]) {
            buf_adds(&out, PLACEHOLDER);
            while (i < n && lost[i])
                i++;
            continue;
        }
        size_t j = i;
        while (j < n && !lost[j])
            j++;
        /* the bytes as they were, so nothing unremoved is changed */
        buf_add(&out, text + off[i], off[j] - off[i]);
        i = j;
    }
    free(gone), free(lost), free(cp), free(off), free(t.cp), free(t.from);
    return buf_take(&out);
}
