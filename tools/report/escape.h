/* report escape: every string the report writes from the database or a pack passes through
 * one of these two, so nothing read can become markup, script or a spreadsheet formula. */
#ifndef SV_REPORT_ESCAPE_H
#define SV_REPORT_ESCAPE_H

#include "core/buf.h"

/* Appends s as HTML text (also safe in an attribute in double quotes and inside SVG): & < > "
 * ' escaped, invalid UTF-8 and noncharacters as U+FFFD, control characters other than tab
 * and line feed dropped. */
void report_escape_html(buf *b, const char *s);
/* Appends s as one CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or
 * starts with = + - @, a tab or CR, or their full-width forms, also after spaces, NBSP, line
 * breaks, U+FEFF or other blank or invisible characters (a spreadsheet would run it as a
 * formula: then it also gets a leading apostrophe), quotes doubled; invalid UTF-8 as U+FFFD, NUL and other control
 * characters except tab, CR and LF dropped. */
void report_escape_csv(buf *b, const char *s);

#endif
