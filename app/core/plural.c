#include "core/plural.h"

#include <string.h>

enum {
    OP_NUM, OP_N, OP_NOT, OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_LT, OP_GT, OP_LE, OP_GE,
    OP_EQ, OP_NE, OP_AND, OP_OR, OP_COND
};

/* deeper nesting than any language's rule (Arabic's, the deepest, nests 6 conditions) */
#define MAX_DEPTH 40

typedef struct parser {
    const char *s;
    size_t at;
    plural_rule *r;
    int depth;
    err *e;
    int failed;
} parser;

static void skip(parser *p)
{
    while (p->s[p->at] == ' ' || p->s[p->at] == '\t' || p->s[p->at] == '\n' ||
           p->s[p->at] == '\r')
        p->at++;
}

static int fail(parser *p, const char *what)
{
    if (!p->failed)
        err_set(p->e, "Plural-Forms: %s at character %zu", what, p->at + 1);
    p->failed = 1;
    return -1;
}

/* Whether the next token is tok (skipped when it is). */
static int eat(parser *p, const char *tok)
{
    skip(p);
    size_t n = strlen(tok);
    if (strncmp(p->s + p->at, tok, n))
        return 0;
    /* "<" is not the start of "<=", nor "!" of "!=" */
    if (n == 1 && (tok[0] == '<' || tok[0] == '>' || tok[0] == '!') && p->s[p->at + 1] == '=')
        return 0;
    p->at += n;
    return 1;
}

static int node(parser *p, int op, int a, int b, int c, unsigned long v)
{
    if (p->failed || a < 0 || b < 0 || c < 0)
        return -1;
    if (p->r->nnodes == PLURAL_MAX_NODES)
        return fail(p, "the expression is too long");
    plural_node *nd = &p->r->node[p->r->nnodes];
    *nd = (plural_node){.op = (unsigned char)op, .a = (unsigned char)a, .b = (unsigned char)b,
                        .c = (unsigned char)c, .v = v};
    return p->r->nnodes++;
}

static int cond(parser *p);

static int primary(parser *p)
{
    skip(p);
    char ch = p->s[p->at];
    if (ch == 'n') {
        p->at++;
        char nx = p->s[p->at];
        if ((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z') || nx == '_' ||
            (nx >= '0' && nx <= '9'))
            return fail(p, "a name other than n");
        return node(p, OP_N, 0, 0, 0, 0);
    }
    if (ch >= '0' && ch <= '9') {
        unsigned long v = 0;
        int digits = 0;
        while (p->s[p->at] >= '0' && p->s[p->at] <= '9') {
            if (++digits > 9)
                return fail(p, "a number over 9 digits");
            v = v * 10 + (unsigned long)(p->s[p->at++] - '0');
        }
        return node(p, OP_NUM, 0, 0, 0, v);
    }
    if (ch == '(') {
        p->at++;
        if (++p->depth > MAX_DEPTH)
            return fail(p, "nested too deep");
        int x = cond(p);
        p->depth--;
        if (x < 0)
            return -1;
        if (!eat(p, ")"))
            return fail(p, "a missing )");
        return x;
    }
    return fail(p, ch ? "an unexpected character" : "an expression that ends too soon");
}

static int unary(parser *p)
{
    if (eat(p, "!")) {
        if (++p->depth > MAX_DEPTH)
            return fail(p, "nested too deep");
        int x = unary(p);
        p->depth--;
        return node(p, OP_NOT, x, 0, 0, 0);
    }
    return primary(p);
}

/* One level of left-associative binary operators: ops[k] is the token of opcodes[k]. */
static int binary(parser *p, int (*next)(parser *), const char *const *ops, const int *opcodes,
                  int nops)
{
    int x = next(p);
    while (x >= 0) {
        int k = 0;
        while (k < nops && !eat(p, ops[k]))
            k++;
        if (k == nops)
            break;
        x = node(p, opcodes[k], x, next(p), 0, 0);
    }
    return x;
}

static int mul(parser *p)
{
    static const char *const ops[] = {"*", "/", "%"};
    static const int codes[] = {OP_MUL, OP_DIV, OP_MOD};
    return binary(p, unary, ops, codes, 3);
}
static int add(parser *p)
{
    static const char *const ops[] = {"+", "-"};
    static const int codes[] = {OP_ADD, OP_SUB};
    return binary(p, mul, ops, codes, 2);
}
static int cmp(parser *p)
{
    static const char *const ops[] = {"<=", ">=", "<", ">"};
    static const int codes[] = {OP_LE, OP_GE, OP_LT, OP_GT};
    return binary(p, add, ops, codes, 4);
}
static int eq(parser *p)
{
    static const char *const ops[] = {"==", "!="};
    static const int codes[] = {OP_EQ, OP_NE};
    return binary(p, cmp, ops, codes, 2);
}
static int and_(parser *p)
{
    static const char *const ops[] = {"&&"};
    static const int codes[] = {OP_AND};
    return binary(p, eq, ops, codes, 1);
}
static int or_(parser *p)
{
    static const char *const ops[] = {"||"};
    static const int codes[] = {OP_OR};
    return binary(p, and_, ops, codes, 1);
}

/* c ? a : b, right-associative */
static int cond(parser *p)
{
    int c = or_(p);
    if (c < 0 || !eat(p, "?"))
        return c;
    if (++p->depth > MAX_DEPTH)
        return fail(p, "nested too deep");
    int a = cond(p);
    if (a >= 0 && !eat(p, ":"))
        return fail(p, "a ? without its :");
    int b = a >= 0 ? cond(p) : -1;
    p->depth--;
    return node(p, OP_COND, c, a, b, 0);
}

void plural_default(plural_rule *r)
{
    memset(r, 0, sizeof *r);
    r->nplurals = 2;
    r->node[0] = (plural_node){.op = OP_N};
    r->node[1] = (plural_node){.op = OP_NUM, .v = 1};
    r->node[2] = (plural_node){.op = OP_NE, .a = 0, .b = 1};
    r->nnodes = 3;
    r->root = 2;
}

int plural_parse(const char *forms, plural_rule *r, err *e)
{
    memset(r, 0, sizeof *r);
    const char *line = strstr(forms, "Plural-Forms:");
    const char *s = line ? line + strlen("Plural-Forms:") : forms;
    parser p = {.s = s, .r = r, .e = e};
    skip(&p);
    if (strncmp(s + p.at, "nplurals", 8))
        return err_set(e, "Plural-Forms: no nplurals= at its start");
    p.at += 8;
    if (!eat(&p, "="))
        return err_set(e, "Plural-Forms: no = after nplurals");
    skip(&p);
    int n = 0;
    while (s[p.at] >= '0' && s[p.at] <= '9' && n <= PLURAL_MAX_FORMS)
        n = n * 10 + (s[p.at++] - '0');
    if (n < 1 || n > PLURAL_MAX_FORMS)
        return err_set(e, "Plural-Forms: nplurals must be 1 to %d", PLURAL_MAX_FORMS);
    r->nplurals = n;
    if (!eat(&p, ";"))
        return fail(&p, "no ; after nplurals");
    skip(&p);
    if (strncmp(s + p.at, "plural", 6))
        return fail(&p, "no plural= after nplurals");
    p.at += 6;
    if (!eat(&p, "="))
        return fail(&p, "no = after plural");
    r->root = cond(&p);
    if (r->root < 0)
        return fail(&p, "a broken expression");
    eat(&p, ";");
    skip(&p);
    /* the end of the value: the header's line may go on with the next line */
    if (s[p.at] && !(line && s[p.at - 1] == '\n'))
        return fail(&p, "something after the expression");
    return 0;
}

static unsigned long eval(const plural_rule *r, int k, unsigned long n)
{
    const plural_node *d = &r->node[k];
    unsigned long a, b;
    switch (d->op) {
    case OP_NUM: return d->v;
    case OP_N: return n;
    case OP_NOT: return !eval(r, d->a, n);
    case OP_AND: return eval(r, d->a, n) && eval(r, d->b, n);
    case OP_OR: return eval(r, d->a, n) || eval(r, d->b, n);
    case OP_COND: return eval(r, d->a, n) ? eval(r, d->b, n) : eval(r, d->c, n);
    default: break;
    }
    a = eval(r, d->a, n), b = eval(r, d->b, n);
    switch (d->op) {
    case OP_MUL: return a * b;
    case OP_DIV: return b ? a / b : 0;
    case OP_MOD: return b ? a % b : 0;
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_LT: return a < b;
    case OP_GT: return a > b;
    case OP_LE: return a <= b;
    case OP_GE: return a >= b;
    case OP_EQ: return a == b;
    case OP_NE: return a != b;
    default: return 0;
    }
}

int plural_index(const plural_rule *r, unsigned long n)
{
    if (r->nplurals < 1 || r->nnodes < 1 || r->root < 0 || r->root >= r->nnodes)
        return 0;
    unsigned long k = eval(r, r->root, n);
    return k < (unsigned long)r->nplurals ? (int)k : 0;
}
