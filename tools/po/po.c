/* po: the PO reader and the plural-forms evaluator. See po.h. */
#include "po/po.h"

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

/* A recursive-descent evaluator over the expression's text. With check set it only reads
 * (and every value is 0); a syntax error sets bad. Depth is bounded by the expression's
 * length (255 characters). */
typedef struct ev {
    const char *s;
    unsigned long n;
    int bad, depth;
} ev;

static void sp(ev *e)
{
    while (*e->s == ' ' || *e->s == '\t' || *e->s == '\n' || *e->s == '\\')
        e->s++;
}

static int eat(ev *e, const char *tok)
{
    sp(e);
    size_t n = strlen(tok);
    if (strncmp(e->s, tok, n))
        return 0;
    /* "<" must not take the first character of "<=", nor "!" that of "!=" */
    if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!' || tok[0] == '=') && e->s[1] == '=')
        return 0;
    e->s += n;
    return 1;
}

static unsigned long ternary(ev *e);

static unsigned long primary(ev *e)
{
    sp(e);
    if (++e->depth > 64) {
        e->bad = 1;
        return 0;
    }
    unsigned long v = 0;
    if (eat(e, "!"))
        v = !primary(e);
    else if (eat(e, "(")) {
        v = ternary(e);
        if (!eat(e, ")"))
            e->bad = 1;
    } else if (*e->s == 'n') {
        e->s++;
        v = e->n;
    } else if (*e->s >= '0' && *e->s <= '9') {
        char *end;
        v = strtoul(e->s, &end, 10);
        e->s = end;
    } else
        e->bad = 1;
    e->depth--;
    return v;
}

static unsigned long mul(ev *e)
{
    unsigned long v = primary(e);
    for (;;) {
        if (eat(e, "*"))
            v *= primary(e);
        else if (eat(e, "/")) {
            unsigned long r = primary(e);
            v = r ? v / r : 0;
        } else if (eat(e, "%")) {
            unsigned long r = primary(e);
            v = r ? v % r : 0;
        } else
            return v;
    }
}

static unsigned long add(ev *e)
{
    unsigned long v = mul(e);
    for (;;) {
        if (eat(e, "+"))
            v += mul(e);
        else if (eat(e, "-"))
            v -= mul(e);
        else
            return v;
    }
}

static unsigned long rel(ev *e)
{
    unsigned long v = add(e);
    for (;;) {
        if (eat(e, "<="))
            v = v <= add(e);
        else if (eat(e, ">="))
            v = v >= add(e);
        else if (eat(e, "<"))
            v = v < add(e);
        else if (eat(e, ">"))
            v = v > add(e);
        else
            return v;
    }
}

static unsigned long equal(ev *e)
{
    unsigned long v = rel(e);
    for (;;) {
        if (eat(e, "=="))
            v = v == rel(e);
        else if (eat(e, "!="))
            v = v != rel(e);
        else
            return v;
    }
}

static unsigned long and_(ev *e)
{
    unsigned long v = equal(e);
    while (eat(e, "&&")) {
        unsigned long r = equal(e); /* both sides read: the check must see all of it */
        v = v && r;
    }
    return v;
}

static unsigned long or_(ev *e)
{
    unsigned long v = and_(e);
    while (eat(e, "||")) {
        unsigned long r = and_(e);
        v = v || r;
    }
    return v;
}

static unsigned long ternary(ev *e)
{
    unsigned long c = or_(e);
    if (!eat(e, "?"))
        return c;
    unsigned long a = ternary(e);
    if (!eat(e, ":"))
        e->bad = 1;
    unsigned long b = ternary(e);
    return c ? a : b;
}

static int evaluate(const char *expr, unsigned long n, unsigned long *out)
{
    ev e = {.s = expr, .n = n};
    *out = ternary(&e);
    sp(&e);
    if (*e.s == ';')
        e.s++;
    sp(&e);
    return e.bad || *e.s ? -1 : 0;
}

void po_plural_english(po_plural *p)
{
    p->nplurals = 2;
    strcpy(p->expr, "n != 1");
}

int po_plural_read(const char *header, po_plural *p, err *e)
{
    po_plural_english(p);
    const char *h = header ? strstr(header, "Plural-Forms:") : NULL;
    const char *np = h ? strstr(h, "nplurals=") : NULL;
    const char *ex = h ? strstr(h, "plural=") : NULL;
    while (ex && ex > h && ex[-1] == 'n') /* "nplurals=" holds "plural=" too */
        ex = strstr(ex + 1, "plural=");
    if (!np || !ex)
        return err_set(e, "no Plural-Forms header");
    int n = atoi(np + 9);
    if (n < 1 || n > PO_NFORMS)
        return err_set(e, "Plural-Forms: nplurals=%d, not from 1 to %d", n, PO_NFORMS);
    ex += 7;
    size_t len = strcspn(ex, ";\n");
    if (len >= sizeof p->expr)
        return err_set(e, "Plural-Forms: the expression is longer than %zu characters", sizeof p->expr - 1);
    char expr[sizeof p->expr];
    memcpy(expr, ex, len);
    expr[len] = 0;
    unsigned long v;
    if (evaluate(expr, 0, &v))
        return err_set(e, "Plural-Forms: not an expression: %s", expr);
    p->nplurals = n;
    memcpy(p->expr, expr, len + 1);
    return 0;
}

int po_plural_form(const po_plural *p, unsigned long n)
{
    unsigned long v = 0;
    if (evaluate(p->expr, n, &v) || v >= (unsigned long)p->nplurals)
        return n == 1 ? 0 : p->nplurals - 1;
    return (int)v;
}
