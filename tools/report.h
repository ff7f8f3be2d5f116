/* report: `sveikictl report`, what the office reads. From a central database (the merge's
 * answers, devices and batches: sync/central.h) it writes into one folder an index.html that works offline
 * (inline CSS and SVG, no script, nothing fetched, prints on paper) and one CSV file per table
 * in it. It promises:
 *  - Small groups stay anonymous: every count below k shows as "<k", and so does every count
 *    or total from which a hidden one could be worked out (report_cells below); the page and
 *    the CSV files show the same cells hidden. Counts are people, not rows.
 *  - Typed text never reaches index.html or the tables; it is written only to free-text.csv,
 *    and only when the operator asks for it (free_text).
 *  - The database is read as hostile: opened read-only, its tables must be tables (no view
 *    runs), and every byte from it is escaped for HTML and quoted for CSV (RFC 4180, UTF-8
 *    without a byte-order mark, CRLF line ends).
 *  - Every file is written whole or not at all, through app/fs.
 * Errors are values naming the file. */
#ifndef SV_REPORT_H
#define SV_REPORT_H

#include "core/buf.h"
#include "core/err.h"

#include <stdint.h>

typedef struct report_opts {
    const char *db;   /* the central database */
    const char *out;  /* the folder written (made if missing) */
    const char *pack; /* a content pack for titles and labels, or NULL */
    const char *lang; /* language of the pack's titles and labels; NULL: the pack's fallback */
    int64_t from, to; /* answers with from <= period < to (unix time, UTC) */
    long k;           /* the smallest count shown (>= 1; 1 shows everything) */
    int free_text;    /* also write free-text.csv */
} report_opts;

typedef struct report_result {
    long answers;   /* answer rows read within the dates */
    long responses; /* people's responses: surveys and page votes */
    int files;      /* files written */
    int free_text_removed; /* an old free-text.csv was removed (free_text not set) */
} report_result;

/* Reads `CENTRAL.db --out DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--k N] [--pack PACK]
 * [--lang CODE] [--free-text]` into o. -1 with a message on a bad or missing argument. */
int report_args(int argc, char **argv, report_opts *o, err *e);

/* Writes the report. */
int report_run(const report_opts *o, report_result *r, err *e);

/* ---- small-cell suppression ---------------------------------------------------------- *
 * Counts are cells; a line is a set of cells and, when additive, their total (the margin,
 * itself a cell). Tables share cells (the number of all responses is the total of several
 * tables), so one set of cells and lines covers the whole report and one decision is made for
 * every place a count appears. report_cells_suppress hides:
 *  1. every count from 1 to k-1;
 *  2. every zero in a line whose total is hidden (it would tell where the few are not);
 *  3. in each additive line with a hidden cell, more cells (the smallest shown first, the
 *     total only when no cell is left) until at least two are hidden and, when the total is
 *     shown, the hidden cells together hold at least k: no hidden count is the total minus
 *     the shown ones, and no small group (nor a row of hidden zeros) is such a difference;
 *  4. then, over all lines at once, more cells until no hidden count can be worked out by
 *     any combination of the lines' sums (checked by elimination), repeating 2-4.
 * Nothing is hidden when k is 1. */

typedef struct report_cells {
    long *value;
    unsigned char *hidden;
    int n, cap;
    int *ref; /* the cells of all lines, one after another */
    int nref, refcap;
    struct report_line { int first, n, margin, additive; } *line;
    int nlines, linecap;
} report_cells;

void report_cells_init(report_cells *c);
void report_cells_free(report_cells *c);
/* A new cell holding value; returns its index. */
int report_cells_add(report_cells *c, long value);
/* A line: cells[0..n) and their total margin. additive: the cells sum to the margin (one
 * answer each); otherwise the margin only bounds them (people who chose several). */
void report_cells_line(report_cells *c, const int *cells, int n, int margin, int additive);
void report_cells_suppress(report_cells *c, long k);
int report_cells_hidden(const report_cells *c, int i);
/* The cell as shown: its count, or "<k" when hidden. */
const char *report_cells_show(const report_cells *c, int i, long k, char out[32]);

/* ---- escaping ------------------------------------------------------------------------ */

/* Appends s as HTML text (also safe in an attribute in double quotes and inside SVG): & < > "
 * ' escaped, invalid UTF-8 and noncharacters as U+FFFD, control characters other than tab
 * and line feed dropped. */
void report_html(buf *b, const char *s);
/* Appends s as one CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or
 * starts with = + - @ or a tab (a spreadsheet would run it as a formula: then it also gets a
 * leading apostrophe), quotes doubled; invalid UTF-8 as U+FFFD, NUL and other control
 * characters except tab, CR and LF dropped. */
void report_csv(buf *b, const char *s);

#endif
