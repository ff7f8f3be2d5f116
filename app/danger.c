/* danger: phrases that signal danger, matched on a normalised copy of the text. See danger.h. */
#include "danger.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "text/text.h"

#include <string.h>
#include <utf8proc.h>

typedef struct phrase {
    char **w;    /* normalised words */
    size_t *len; /* their lengths */
    int *prefix; /* the word ended in '*': any word it begins */
    int n;
} phrase;

struct danger {
    phrase *p;
    int n;
    /* the phrases by the first byte of their first word, so a word of a text is held
     * against the few that can start there (a report looks through thousands of texts) */
    int *by_byte[256], nby[256];
};

/* Words of a normalised copy of s (phrase: a '*' right after a word makes it a prefix). The
 * words point into *copy, which the caller frees. */
typedef struct words {
    char **w;
    int *prefix;
    int n;
} words;

static int word_char(uint32_t c)
{
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) || /* letters, marks */
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) || /* numbers */
           cat == UTF8PROC_CATEGORY_CO;
}

/* NFKC, case folded, marks and default-ignorable characters dropped (utf8proc), then the
 * Arabic and Persian letter forms folded as the search folds them: a malloc'd string, or
 * NULL. s is made valid UTF-8 first (a database or a stick may hold anything). */
static char *normalise(const char *s)
{
    size_t len = strlen(s), ascii = 0;
    while (ascii < len && !((unsigned char)s[ascii] & 0x80))
        ascii++;
    if (ascii == len) { /* the same as below for ASCII, without the work: lower case */
        char *out = xstrdup(s);
        for (char *p = out; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        return out;
    }
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < len;) {
        uint32_t c = utf8_decode(s, len, &i);
        char u[4];
        buf_add(&b, u, (size_t)utf8_encode(utf8_nonchar(c) ? 0xFFFD : c, u));
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)(b.data ? b.data : ""), 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                          UTF8PROC_IGNORE);
    buf_free(&b);
    if (n < 0)
        return NULL; /* only when out of memory: the input is valid UTF-8 */
    char *folded = text_fold_search((const char *)out);
    free(out);
    return folded;
}

static void split(char *s, words *out)
{
    size_t len = strlen(s);
    int cap = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < len;) {
        size_t start = i;
        uint32_t c = utf8_decode(s, len, &i);
        if (!word_char(c))
            continue;
        size_t end = i;
        while (end < len) {
            size_t j = end;
            if (!word_char(utf8_decode(s, len, &j)))
                break;
            end = j;
        }
        if (out->n == cap) {
            cap = cap ? 2 * cap : 16;
            out->w = xrealloc(out->w, (size_t)cap * sizeof *out->w);
            out->prefix = xrealloc(out->prefix, (size_t)cap * sizeof *out->prefix);
        }
        out->prefix[out->n] = s[end] == '*';
        out->w[out->n++] = s + start;
        i = end < len ? end + 1 : end; /* the character after the word parts it */
        s[end] = 0;
    }
}

danger *danger_new(void) { return xcalloc(1, sizeof(danger)); }

void danger_add(danger *d, const char *text)
{
    char *copy = normalise(text);
    if (!copy)
        return;
    words ws;
    split(copy, &ws);
    if (ws.n) {
        phrase p = {xmalloc((size_t)ws.n * sizeof *p.w), xmalloc((size_t)ws.n * sizeof *p.len),
                    ws.prefix, ws.n};
        for (int k = 0; k < ws.n; k++)
            p.w[k] = xstrdup(ws.w[k]), p.len[k] = strlen(ws.w[k]);
        d->p = xrealloc(d->p, (size_t)(d->n + 1) * sizeof *d->p);
        unsigned char b = (unsigned char)p.w[0][0];
        d->by_byte[b] = xrealloc(d->by_byte[b], (size_t)(d->nby[b] + 1) * sizeof *d->by_byte[b]);
        d->by_byte[b][d->nby[b]++] = d->n;
        d->p[d->n++] = p;
    } else
        free(ws.prefix);
    free(ws.w);
    free(copy);
}

int danger_count(const danger *d) { return d ? d->n : 0; }

/* Whether the words of p come one after another in t from word i. */
static int at(const words *t, int i, const phrase *p)
{
    if (i + p->n > t->n)
        return 0;
    for (int k = 0; k < p->n; k++) {
        const char *tw = t->w[i + k], *pw = p->w[k];
        if (p->prefix[k] ? strncmp(tw, pw, p->len[k]) : strcmp(tw, pw))
            return 0;
    }
    return 1;
}

int danger_match(const danger *d, const char *text)
{
    if (!d || !d->n || !text || !*text)
        return 0;
    char *copy = normalise(text);
    if (!copy)
        return 0;
    words t;
    split(copy, &t);
    int found = 0;
    for (int i = 0; i < t.n && !found; i++) {
        unsigned char b = (unsigned char)t.w[i][0];
        for (int k = 0; k < d->nby[b] && !found; k++)
            found = at(&t, i, &d->p[d->by_byte[b][k]]);
    }
    free(t.w);
    free(t.prefix);
    free(copy);
    return found;
}

void danger_free(danger *d)
{
    if (!d)
        return;
    for (int k = 0; k < d->n; k++) {
        for (int j = 0; j < d->p[k].n; j++)
            free(d->p[k].w[j]);
        free(d->p[k].w);
        free(d->p[k].len);
        free(d->p[k].prefix);
    }
    for (int b = 0; b < 256; b++)
        free(d->by_byte[b]);
    free(d->p);
    free(d);
}
