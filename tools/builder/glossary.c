/* builder glossary: glossary.txt, one term per concept per language, as a translation tool's
 * termbase has it. [term ID] sections with `use.LANG:` (the term or terms to use, ;-separated)
 * and `avoid.LANG:` (the variants to avoid); every page title and body, manifest text and
 * survey text is searched for the avoided variants and each one found is a warning naming
 * file, line and column. Text and terms are compared NFC-normalised and case-folded
 * (utf8proc), on whole words: a variant is a word or a phrase, with letters, marks, digits and
 * the zero-width joiners (Persian's half-space) counting as a word's own. A variant that lies
 * inside an occurrence of any term to use (of any concept) is that term, not the variant. */
#include "builder/builder.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* One text folded for matching: its code points, and for each the column (counted in code
 * points from 0) of the character of the NFC text it came from. */
typedef struct folded {
    int32_t *cp;
    int *col;
    size_t n;
} folded;

typedef struct gterm {
    char *concept, *lang, *text, *first_use; /* first_use: the term to use, for the message */
    int avoid;
    folded f;
} gterm;

struct glossary {
    gterm *t;
    int n;
};

static void fold(const char *s, folded *out)
{
    memset(out, 0, sizeof *out);
    utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)s);
    const char *t = nfc ? (const char *)nfc : s;
    size_t len = strlen(t), cap = len * 3 + 4;
    out->cp = xcalloc(cap, sizeof *out->cp);
    out->col = xcalloc(cap, sizeof *out->col);
    int col = 0;
    for (size_t i = 0; i < len; col++) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) {
            i++;
            continue;
        }
        i += (size_t)k;
        utf8proc_int32_t d[8];
        int bound = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(c, d, 8, UTF8PROC_CASEFOLD, &bound);
        if (m <= 0 || m > 8)
            d[0] = c, m = 1;
        for (utf8proc_ssize_t j = 0; j < m && out->n < cap; j++) {
            out->cp[out->n] = d[j];
            out->col[out->n++] = col;
        }
    }
    free(nfc);
}

static void folded_free(folded *f)
{
    free(f->cp), free(f->col);
    memset(f, 0, sizeof *f);
}

/* A character that belongs to a word: a letter, mark or digit, or a zero-width (non-)joiner. */
static int wordy(int32_t c)
{
    if (c == 0x200C || c == 0x200D)
        return 1;
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* The next whole-word occurrence of w in t at or after from, or -1. */
static long find_word(const folded *t, const folded *w, size_t from)
{
    if (!w->n)
        return -1;
    for (size_t i = from; i + w->n <= t->n; i++) {
        /* the first character before the call: almost every place differs there, and every
         * term is sought in every block of every page */
        if (t->cp[i] != w->cp[0] || memcmp(t->cp + i, w->cp, w->n * sizeof *w->cp))
            continue;
        if (i > 0 && wordy(t->cp[i - 1]) && wordy(w->cp[0]))
            continue;
        if (i + w->n < t->n && wordy(t->cp[i + w->n]) && wordy(w->cp[w->n - 1]))
            continue;
        return (long)i;
    }
    return -1;
}

static void add_term(glossary *g, const char *concept, const char *lang, const char *text,
                     const char *first_use, int avoid)
{
    g->t = xrealloc(g->t, (size_t)(g->n + 1) * sizeof *g->t);
    gterm *t = &g->t[g->n++];
    t->concept = xstrdup(concept);
    t->lang = xstrdup(lang);
    t->text = xstrdup(text);
    t->first_use = xstrdup(first_use ? first_use : "");
    t->avoid = avoid;
    fold(text, &t->f);
}

/* The ;-separated terms of a value, trimmed, each given to fn. */
static int each_term(const char *value, void (*fn)(void *, const char *), void *u)
{
    char *v = xstrdup(value), *save = NULL;
    int n = 0;
    for (char *p = strtok_r(v, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
        p = str_trim(p);
        if (*p)
            fn(u, p), n++;
    }
    free(v);
    return n;
}

struct adding {
    glossary *g;
    const char *concept, *lang, *first_use;
    int avoid;
};

static void add_one(void *u, const char *term)
{
    struct adding *a = u;
    add_term(a->g, a->concept, a->lang, term, a->first_use, a->avoid);
}

static void first_of(void *u, const char *term)
{
    char **out = u;
    if (!*out)
        *out = xstrdup(term);
}

void glossary_read(builder *c)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/glossary.txt", c->o->src);
    if (!fs_exists(path))
        return; /* a glossary is optional */
    kv_file f;
    err e;
    if (kv_parse(&f, path, &e)) {
        builder_report(c, 1, "%s", e.msg);
        return;
    }
    builder_hash_file(c, "glossary.txt", f.raw, f.raw_len);
    glossary *g = xcalloc(1, sizeof *g);
    for (int k = 0; k < f.n; k++) {
        kv_entry *en = &f.e[k];
        if (strcmp(en->section, "term")) {
            builder_report(c, 1, "%s:%d: glossary.txt holds [term ID] sections only", path,
                           en->line);
            continue;
        }
        if (!*en->id) {
            builder_report(c, 1, "%s:%d: [term] needs an id, like [term status]", path, en->line);
            continue;
        }
        if (!strcmp(en->key, "note"))
            continue;
        int avoid = !strncmp(en->key, "avoid.", 6), use = !strncmp(en->key, "use.", 4);
        const char *lang = avoid ? en->key + 6 : use ? en->key + 4 : NULL;
        if (!lang) {
            builder_report(c, 0, "%s:%d: unknown key `%s` is ignored (note, use.LANG, avoid.LANG)",
                           path, en->line, en->key);
            continue;
        }
        if (builder_lang_index(c, lang) < 0) {
            builder_report(c, 1, "%s:%d: `%s`: language %s is not in the manifest's languages",
                           path, en->line, en->key, lang);
            continue;
        }
        char *first = NULL;
        if (avoid) {
            char key[64];
            snprintf(key, sizeof key, "use.%s", lang);
            kv_entry *u = NULL;
            for (int j = 0; j < f.n && !u; j++)
                if (!strcmp(f.e[j].section, "term") && !strcmp(f.e[j].id, en->id) &&
                    !strcmp(f.e[j].key, key))
                    u = &f.e[j];
            if (!u)
                builder_report(c, 1, "%s:%d: [term %s] avoids words in %s but gives no `%s:`",
                               path, en->line, en->id, lang, key);
            else
                each_term(u->value, first_of, &first);
        }
        struct adding a = {g, en->id, lang, first, avoid};
        if (!each_term(en->value, add_one, &a))
            builder_report(c, 1, "%s:%d: `%s` is empty", path, en->line, en->key);
        free(first);
    }
    kv_free(&f);
    c->glossary = g;
}

void glossary_free(glossary *g)
{
    if (!g)
        return;
    for (int k = 0; k < g->n; k++) {
        free(g->t[k].concept), free(g->t[k].lang), free(g->t[k].text), free(g->t[k].first_use);
        folded_free(&g->t[k].f);
    }
    free(g->t);
    free(g);
}

void glossary_check(builder *c, const char *path, int line, int col0, const char *text,
                    const char *lang)
{
    glossary *g = c->glossary;
    if (!g || !text || !*text)
        return;
    folded t;
    fold(text, &t);
    /* where the terms to use are: a variant inside one of them is no variant */
    unsigned char *in_use = xcalloc(t.n + 1, 1);
    for (int k = 0; k < g->n; k++) {
        if (g->t[k].avoid || strcmp(g->t[k].lang, lang))
            continue;
        for (long at = find_word(&t, &g->t[k].f, 0); at >= 0;
             at = find_word(&t, &g->t[k].f, (size_t)at + 1))
            memset(in_use + at, 1, g->t[k].f.n);
    }
    for (int k = 0; k < g->n; k++) {
        gterm *v = &g->t[k];
        if (!v->avoid || strcmp(v->lang, lang))
            continue;
        for (long at = find_word(&t, &v->f, 0); at >= 0; at = find_word(&t, &v->f, (size_t)at + 1)) {
            int inside = 1;
            for (size_t j = 0; j < v->f.n; j++)
                inside &= in_use[at + (long)j];
            if (inside)
                continue;
            builder_report(c, 0, "%s:%d:%d: \"%s\" is avoided for \"%s\"; use \"%s\"", path, line,
                           col0 + t.col[at], v->text, v->concept, v->first_use);
        }
    }
    free(in_use);
    folded_free(&t);
}

/* The column (from 1, in characters) at which byte offset off of line starts. */
static int column_of(const char *line, size_t off)
{
    int col = 1;
    for (size_t i = 0; i < off;) {
        utf8_decode(line, off, &i);
        col++;
    }
    return col;
}

void glossary_check_page(builder *c, const char *path, const char *lang, const char *text,
                         size_t len)
{
    if (!c->glossary)
        return;
    char *copy = xstrndup(text, len), *p = copy;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    int line = 0, header = 0; /* 0 before it, 1 in it, 2 after */
    while (*p) {
        line++;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        size_t l = strlen(p);
        if (l && p[l - 1] == '\r')
            p[--l] = 0;
        if (header < 2 && !strcmp(p, "---")) {
            header++;
        } else if (header == 1) {
            if (!strncmp(p, "title:", 6)) {
                size_t off = 6;
                while (p[off] == ' ')
                    off++;
                glossary_check(c, path, line, column_of(p, off), p + off, lang);
            }
        } else if (header == 2) {
            glossary_check(c, path, line, 1, p, lang);
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    free(copy);
}

void glossary_check_kv(builder *c, kv_file *f)
{
    if (!c->glossary || !f->raw)
        return;
    /* the file's lines, to give the column of each value */
    char *raw = xstrndup(f->raw, f->raw_len);
    char **lines = NULL;
    int nlines = 0;
    for (char *p = raw;;) {
        lines = xrealloc(lines, (size_t)(nlines + 1) * sizeof *lines);
        lines[nlines++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = 0;
        p = nl + 1;
    }
    for (int k = 0; k < f->n; k++) {
        kv_entry *en = &f->e[k];
        const char *dot = strrchr(en->key, '.');
        if (!dot || builder_lang_index(c, dot + 1) < 0 || !strncmp(en->key, "status.", 7) ||
            !strncmp(en->key, "scrub.", 6) || !strncmp(en->key, "digits.", 7) ||
            !strncmp(en->key, "listen.", 7))
            continue;
        int col = 1;
        if (en->line >= 1 && en->line <= nlines) {
            const char *l = lines[en->line - 1];
            const char *colon = strchr(l, ':');
            const char *at = colon && *en->value ? strstr(colon + 1, en->value) : NULL;
            if (at)
                col = column_of(l, (size_t)(at - l));
        }
        glossary_check(c, f->path, en->line, col, en->value, dot + 1);
    }
    free(lines);
    free(raw);
}
