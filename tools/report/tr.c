/* report tr: the .po file of the report's language, looked up by context and msgid. See tr.h. */
#include "report/tr.h"

#include "report/escape.h"

#include "fs.h"

#include <fribidi.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A .po file is a few hundred kilobytes; anything far larger is not one. */
#define TR_FILE_MAX (8u << 20)
#define TR_CTXT "report"

typedef struct report_tr_entry {
    const char *ctxt, *id;
    const char *str[PO_NFORMS];
    int nstr;
} report_tr_entry;

static uint64_t hash(const char *ctxt, const char *id)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *s = ctxt ? ctxt : ""; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    h = (h ^ 4) * 1099511628211ull;
    for (const char *s = id; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static int same(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

static const report_tr_entry *find(const report_tr *t, const char *ctxt, const char *id)
{
    if (!t || !t->nslot)
        return NULL;
    for (size_t i = hash(ctxt, id) & (t->nslot - 1);; i = (i + 1) & (t->nslot - 1)) {
        int s = t->slot[i];
        if (!s)
            return NULL;
        const report_tr_entry *en = &t->e[s - 1];
        if (same(en->ctxt, ctxt) && !strcmp(en->id, id))
            return en;
    }
}

static void put(report_tr *t, const po_entry *pe)
{
    if ((size_t)(t->n + 1) * 2 > t->nslot) { /* grow and place every entry again */
        size_t ns = t->nslot ? 2 * t->nslot : 256;
        free(t->slot);
        t->slot = xcalloc(ns, sizeof *t->slot);
        t->nslot = ns;
        for (int k = 0; k < t->n; k++) {
            size_t i = hash(t->e[k].ctxt, t->e[k].id) & (ns - 1);
            while (t->slot[i])
                i = (i + 1) & (ns - 1);
            t->slot[i] = k + 1;
        }
    }
    if (find(t, pe->ctxt, pe->id))
        return; /* the first of two alike wins, as msgfmt would refuse the file anyway */
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->e = xrealloc(t->e, (size_t)t->cap * sizeof *t->e);
    }
    report_tr_entry *en = &t->e[t->n];
    memset(en, 0, sizeof *en);
    en->ctxt = pe->ctxt, en->id = pe->id, en->nstr = pe->nstr;
    for (int i = 0; i < pe->nstr; i++)
        en->str[i] = pe->str[i];
    size_t i = hash(en->ctxt, en->id) & (t->nslot - 1);
    while (t->slot[i])
        i = (i + 1) & (t->nslot - 1);
    t->slot[i] = ++t->n;
}

static void entry_in(void *ctx, const po_entry *pe)
{
    report_tr *t = ctx;
    if (pe->fuzzy)
        return;
    if (!*pe->id) { /* the header: plural forms */
        err e;
        if (pe->str[0] && po_plural_read(pe->str[0], &t->plural, &e))
            po_plural_english(&t->plural);
        return;
    }
    for (int i = 0; i < pe->nstr; i++)
        if (!pe->str[i] || !*pe->str[i])
            return; /* untranslated: English stands in */
    put(t, pe);
}

static void bad_line(void *ctx, int line, const char *why) { (void)ctx, (void)line, (void)why; }

int report_tr_open(report_tr *t, const char *root, const char *lang, err *e)
{
    memset(t, 0, sizeof *t);
    po_plural_english(&t->plural);
    snprintf(t->lang, sizeof t->lang, "%s", lang ? lang : "en");
    char path[4200];
    snprintf(path, sizeof path, "%s/lang/%s.po", root ? root : ".", t->lang);
    size_t len;
    err why;
    t->text = (char *)fs_read_all(path, TR_FILE_MAX, &len, &why);
    if (!t->text) {
        if (!lang || !strcmp(lang, "en"))
            return 0; /* English is the msgids themselves */
        return err_set(e, "report: --lang %s: the report has no words in this language (%s)", lang, why.msg);
    }
    po_plural_english(&t->plural);
    po_parse(t->text, entry_in, bad_line, t);
    /* the direction of the language, as its own title reads (fribidi: its first strong letter) */
    const char *title = report_tr_s(t, "Feedback report");
    size_t n = strlen(title);
    FriBidiChar *u = xmalloc((n + 1) * sizeof *u);
    FriBidiCharType *types = xmalloc((n + 1) * sizeof *types);
    FriBidiStrIndex m = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, title, (FriBidiStrIndex)n, u);
    fribidi_get_bidi_types(u, m, types);
    t->rtl = fribidi_get_par_direction(types, m) == FRIBIDI_PAR_RTL;
    free(types);
    free(u);
    return 0;
}

void report_tr_close(report_tr *t)
{
    free(t->text);
    free(t->e);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

const char *report_tr_s(const report_tr *t, const char *msgid)
{
    const report_tr_entry *en = find(t, TR_CTXT, msgid);
    return en && en->nstr == 1 ? en->str[0] : msgid;
}

const char *report_tr_n(const report_tr *t, const char *one, const char *many, long n)
{
    unsigned long u = n < 0 ? (unsigned long)-n : (unsigned long)n;
    const report_tr_entry *en = find(t, TR_CTXT, one);
    if (en && en->nstr > 1) {
        int f = po_plural_form(&t->plural, u);
        if (f < en->nstr)
            return en->str[f];
    }
    return u == 1 ? one : many;
}

const char *report_tr_kiosk(const report_tr *t, const char *msgid)
{
    const report_tr_entry *en = find(t, NULL, msgid);
    return en && en->nstr == 1 ? en->str[0] : msgid;
}

static int option_char(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'; }

/* A sentence's words for the page, escaped; a command-line option in it ("--months": two
 * dashes and a letter, not inside a word like "x--y") kept whole and left to right in an
 * isolate, or a right-to-left sentence shows "months--". */
static void escape_sentence(buf *b, const char *s)
{
    const char *p = s, *o = s;
    while ((o = strstr(o, "--"))) {
        if (o[2] < 'a' || o[2] > 'z' || (o > s && option_char(o[-1]))) {
            o += 2;
            continue;
        }
        size_t n = 2;
        while (option_char(o[n]))
            n++;
        char *before = xstrndup(p, (size_t)(o - p)), *opt = xstrndup(o, n);
        report_escape_html(b, before);
        buf_adds(b, "<bdi dir=\"ltr\">");
        report_escape_html(b, opt);
        buf_adds(b, "</bdi>");
        free(before), free(opt);
        p = o += n;
    }
    report_escape_html(b, p);
}

void report_fill(buf *b, int html, const char *tmpl, ...)
{
    const char *p = tmpl;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        const char *val = NULL;
        if (close) {
            va_list ap;
            va_start(ap, tmpl);
            for (const char *name; (name = va_arg(ap, const char *));) {
                const char *v = va_arg(ap, const char *);
                if (strlen(name) == (size_t)(close - open - 1) && !strncmp(name, open + 1, (size_t)(close - open - 1)))
                    val = v ? v : "";
            }
            va_end(ap);
        }
        const char *end = open ? (val ? open : close ? close + 1 : open + 1) : p + strlen(p);
        if (!open)
            end = p + strlen(p);
        char *piece = xstrndup(p, (size_t)(end - p));
        if (html)
            escape_sentence(b, piece);
        else
            buf_adds(b, piece);
        free(piece);
        if (val) {
            if (html == 1)
                report_escape_html(b, val);
            else
                buf_adds(b, val);
            p = close + 1;
        } else
            p = end;
    }
}
