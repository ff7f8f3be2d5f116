/* report tr: the report's words in the operator's language, from the same lang/<code>.po files
 * as the kiosk's (po/po.h). The report's own strings are under msgctxt "report", with plural
 * forms; the kiosk's labels it shows (faces, reasons, background answers, "Yes") are the
 * kiosk's strings, without a context. A string not translated is shown in English, the msgid.
 * Sentences carry named placeholders ("{count}"), filled by report_fill, never printf formats:
 * a translation is text read from a file, and a format in it could read past the arguments.
 * Internal to tools/report/. */
#ifndef SV_REPORT_TR_H
#define SV_REPORT_TR_H

#include "core/buf.h"
#include "core/err.h"
#include "po/po.h"

typedef struct report_tr {
    char lang[16];  /* the code ("en" when none was asked for) */
    int rtl;        /* the language is written right to left (by its translated title) */
    po_plural plural;
    char *text;     /* the .po file, parsed in place: the strings point into it */
    struct report_tr_entry *e;
    int n, cap;
    int *slot;      /* open addressing: index + 1, 0 empty */
    size_t nslot;
} report_tr;

/* Reads root/lang/<lang>.po (lang NULL: English, for which the file may be missing). -1 with
 * a message when a language other than English has no file, or its plural forms are broken. */
int report_tr_open(report_tr *t, const char *root, const char *lang, err *e);
void report_tr_close(report_tr *t);

/* The report's own string (msgctxt "report"), or msgid. */
const char *report_tr_s(const report_tr *t, const char *msgid);
/* The same with plural forms: the form of the language for n. */
const char *report_tr_n(const report_tr *t, const char *one, const char *many, long n);
/* One of the kiosk's own strings (no context): the labels it shows people. */
const char *report_tr_kiosk(const report_tr *t, const char *msgid);

/* Appends tmpl with each "{name}" replaced by its value: pairs of name and value after tmpl,
 * ended by NULL. html 1: the text and the values escaped for HTML; 2: the text escaped, the
 * values markup made by the caller (escaped there). In HTML a command-line option of the
 * text ("--months") is isolated left to right (<bdi dir="ltr">), so a right-to-left sentence
 * shows it whole. An unknown placeholder is left as it is written. */
void report_fill(buf *b, int html, const char *tmpl, ...);

/* A msgid in a table, looked up later with report_tr_s: marked for xgettext (tools/po/update). */
#define N_(s) s

#endif
