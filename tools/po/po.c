/* po: the PO reader, and plural forms through core/plural.h. See po.h. */
#include "po/po.h"
#include "core/plural.h"

#include <stdlib.h>
#include <string.h>

/* ---- entries ----------------------------------------------------------------------------- */

typedef struct parser {
    po_entry en;
    int has_str, has_id;
    char *w;      /* where the field being read is written (in place: never ahead of the read) */
    int open;     /* a field is being read */
    po_each_fn each;
    po_bad_fn bad;
    void *ctx;
    int n;
} parser;

static void close_field(parser *p)
{
    if (p->open)
        *p->w = 0, p->open = 0;
}

static void flush(parser *p)
{
    close_field(p);
    if (p->has_id && p->has_str) {
        p->each(p->ctx, &p->en);
        p->n++;
    }
    memset(&p->en, 0, sizeof p->en);
    p->has_str = p->has_id = 0;
}

/* Decodes the quoted string at s into p->w; -1 when it is not one. */
static int quoted(parser *p, char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s++ != '"')
        return -1;
    while (*s && *s != '"') {
        if (*s == '\\') {
            s++;
            switch (*s) {
            case 'n': *p->w++ = '\n'; break;
            case 't': *p->w++ = '\t'; break;
            case '"': *p->w++ = '"'; break;
            case '\\': *p->w++ = '\\'; break;
            default: return -1;
            }
            s++;
        } else
            *p->w++ = *s++;
    }
    if (*s != '"')
        return -1;
    for (s++; *s == ' ' || *s == '\t' || *s == '\r'; s++)
        ;
    return *s ? -1 : 0;
}

/* Starts a field whose quoted value begins at q (inside line l). */
static void field(parser *p, const char **slot, char *q, int line)
{
    close_field(p);
    p->w = q;
    *slot = q;
    p->open = 1;
    if (quoted(p, q)) {
        p->open = 0, *q = 0;
        p->bad(p->ctx, line, "a broken quoted string");
    }
}

int po_parse(char *text, po_each_fn each, po_bad_fn bad, void *ctx)
{
    parser p = {.each = each, .bad = bad, .ctx = ctx};
    int line = 0;
    char *s = text;
    while (*s) {
        line++;
        char *nl = strchr(s, '\n'), *l = s;
        if (nl)
            *nl = 0;
        s = nl ? nl + 1 : s + strlen(s);
        while (*l == ' ' || *l == '\t')
            l++;
        if (!*l || *l == '\r' || *l == '#') {
            if (p.has_str)
                flush(&p);
            else
                close_field(&p);
            if (!strncmp(l, "#,", 2) && strstr(l, "fuzzy"))
                p.en.fuzzy = 1;
            continue;
        }
        if (*l == '"') {
            if (!p.open) {
                bad(ctx, line, "a quoted string that belongs to no msgid or msgstr");
                continue;
            }
            if (quoted(&p, l)) {
                p.open = 0;
                bad(ctx, line, "a broken quoted string");
            }
            continue;
        }
        if (!strncmp(l, "msgctxt ", 8) || !strncmp(l, "msgid ", 6)) {
            if (p.has_str)
                flush(&p);
            if (l[3] == 'c') { /* msgctxt */
                field(&p, &p.en.ctxt, l + 8, line);
            } else {
                p.has_id = 1;
                field(&p, &p.en.id, l + 6, line);
            }
            continue;
        }
        if (!strncmp(l, "msgid_plural ", 13) && p.has_id && !p.has_str) {
            field(&p, &p.en.plural, l + 13, line);
            continue;
        }
        if (!strncmp(l, "msgstr ", 7) && p.has_id && !p.has_str && !p.en.plural) {
            p.has_str = 1, p.en.nstr = 1, p.en.line = line;
            field(&p, &p.en.str[0], l + 7, line);
            continue;
        }
        if (!strncmp(l, "msgstr[", 7) && p.has_id && p.en.plural) {
            char *end;
            long i = strtol(l + 7, &end, 10);
            if (end == l + 7 || *end != ']' || i != p.en.nstr || i >= PO_NFORMS) {
                bad(ctx, line, "a msgstr[N] out of order or beyond the forms a language can have");
                close_field(&p);
                continue;
            }
            if (!i)
                p.en.line = line;
            p.has_str = 1, p.en.nstr++;
            field(&p, &p.en.str[i], end + 1, line);
            continue;
        }
        close_field(&p);
        bad(ctx, line, "not a gettext PO line (msgctxt, msgid, msgid_plural, msgstr or a quoted string)");
    }
    flush(&p);
    return p.n;
}

/* ---- plural forms -------------------------------------------------------------------------- */

/* The kiosk's evaluator (core/plural.h) reads the rule: one parser of gettext's formulas. */

void po_plural_english(po_plural *p) { plural_default(&p->rule); }

int po_plural_read(const char *header, po_plural *p, err *e)
{
    po_plural_english(p);
    if (!header || !strstr(header, "Plural-Forms:"))
        return err_set(e, "no Plural-Forms header");
    plural_rule r;
    if (plural_parse(header, &r, e))
        return -1;
    if (r.nplurals < 1 || r.nplurals > PO_NFORMS)
        return err_set(e, "Plural-Forms: nplurals=%d, not from 1 to %d", r.nplurals, PO_NFORMS);
    p->rule = r;
    return 0;
}

int po_plural_form(const po_plural *p, unsigned long n) { return plural_index(&p->rule, n); }
