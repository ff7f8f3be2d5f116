/* plural: gettext's plural forms. A .po file's header says how its language counts
 * ("Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"), and a
 * counted word has one translation a form (msgstr[0], msgstr[1], ...). The rule is parsed
 * once into a small tree of at most PLURAL_MAX_NODES nodes and evaluated for a count, with
 * the C-like grammar gettext accepts (n, decimal numbers, ! * / % + - < > <= >= == != && ||
 * ?: and parentheses) and nothing else. The text may come from a pack (hostile): the parser
 * is bounded in depth and size, division by zero gives 0, and an index past nplurals is
 * form 0, as gettext does. No I/O. */
#ifndef SV_PLURAL_H
#define SV_PLURAL_H

#include "core/err.h"

#define PLURAL_MAX_NODES 96
/* no language has more forms (Arabic has 6, the most) */
#define PLURAL_MAX_FORMS 6

typedef struct plural_node {
    unsigned char op;
    unsigned char a, b, c; /* operands: indices of nodes */
    unsigned long v;       /* a number */
} plural_node;

typedef struct plural_rule {
    int nplurals;
    int nnodes;
    int root;
    plural_node node[PLURAL_MAX_NODES];
} plural_rule;

/* Parses "nplurals=N; plural=EXPR;" (the value of a Plural-Forms header line; a whole header
 * is accepted too, its Plural-Forms line is found) into r; -1 with a message saying where it
 * is wrong. */
int plural_parse(const char *forms, plural_rule *r, err *e);
/* The rule of a language whose header says nothing: gettext's default, two forms (n != 1). */
void plural_default(plural_rule *r);
/* The form of count n: 0 .. nplurals-1. */
int plural_index(const plural_rule *r, unsigned long n);

#endif
