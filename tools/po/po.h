/* po: gettext PO files (lang/<code>.po), read for the pack builder (the kiosk's strings) and the
 * report (its own, under msgctxt "report", with plural forms). It promises:
 *  - po_parse hands each entry over whole: its context, msgid, msgid_plural and every
 *    msgstr[n], and whether it is fuzzy; a line that is not PO is reported with its number and
 *    skipped, the rest still read. The text is read as hostile: a broken quoted string or an
 *    index out of range is an error of its line, never a read past the text.
 *  - The Plural-Forms header ("nplurals=N; plural=EXPR;") is read and evaluated for any n by
 *    the kiosk's own evaluator (core/plural.h: the C subset gettext uses, bounded); a broken
 *    expression is refused when read, never evaluated.
 * No I/O: the caller reads the file (through app/fs). */
#ifndef SV_PO_H
#define SV_PO_H

#include "core/err.h"
#include "core/plural.h"

/* Plural forms a language may have (Arabic has six). */
#define PO_NFORMS PLURAL_MAX_FORMS

typedef struct po_entry {
    const char *ctxt;               /* msgctxt, or NULL */
    const char *id;                 /* msgid ("" for the header) */
    const char *plural;             /* msgid_plural, or NULL */
    const char *str[PO_NFORMS];     /* msgstr, or msgstr[0..nstr) of a plural entry */
    int nstr;
    int fuzzy;
    int line;                       /* of its msgstr (of msgstr[0] in a plural entry) */
} po_entry;

/* Called for every entry in the order of the file; bad for every line that is not PO. */
typedef void (*po_each_fn)(void *ctx, const po_entry *en);
typedef void (*po_bad_fn)(void *ctx, int line, const char *why);

/* Parses text (NUL-terminated, changed in place). Returns the number of entries. */
int po_parse(char *text, po_each_fn each, po_bad_fn bad, void *ctx);

/* A compiled Plural-Forms header. */
typedef struct po_plural {
    plural_rule rule;
} po_plural;

/* Reads "nplurals=N; plural=EXPR;" out of a header's text (the msgstr of msgid ""). 0, or -1
 * with a message when it is missing or broken: the caller then uses English's rule. */
int po_plural_read(const char *header, po_plural *p, err *e);
/* The form for n: from 0 to nplurals - 1. */
int po_plural_form(const po_plural *p, unsigned long n);
/* English's rule: one form for 1, another for the rest. */
void po_plural_english(po_plural *p);

#endif
