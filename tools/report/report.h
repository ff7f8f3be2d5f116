/* report: `sveikictl report`, what the office reads. From a central database (the merge's
 * answers, devices and batches: sync/central.h) it writes into one folder an index.html that works offline
 * (inline CSS and SVG, no script, nothing fetched, prints on paper) and one CSV file per table
 * in it. It promises:
 *  - Small groups stay anonymous: every count below k shows as "<k", and so does every count
 *    or total from which a hidden one could be worked out (report/cells.h); the page and
 *    the CSV files show the same cells hidden. Counts are people, not rows.
 *  - Typed text never reaches index.html or the tables; it is written only to free-text.csv,
 *    and only when the operator asks for it (free_text). With a pack, the typed answers that
 *    hold one of its danger words (danger.h) come first there, marked, and the page's first
 *    card counts them, also those held back with a language of fewer than k people.
 *  - Breakdowns: survey responses and every background question by period, every question's
 *    answers by language; never the other answers by age band or gender (kept apart on
 *    purpose). Their counts are cells of the same suppression.
 *  - Bursts (more than REPORT_BURST_OVER identical submissions of a survey from a kiosk on a
 *    day) are flagged; one of REPORT_BURST_ONCE answers or more each is counted once.
 *  - The database is read as hostile: opened read-only, its tables must be tables (no view
 *    runs), and every byte from it is escaped for HTML and quoted for CSV (RFC 4180, UTF-8
 *    without a byte-order mark, CRLF line ends).
 *  - It is written in the operator's language (--lang, through lang/<code>.po: tr.h), with
 *    the bundled fonts embedded, subset to the page's characters (fonts.h), and names things
 *    by words: titles, labels, drawn faces, kiosk names (report_kiosk_name), never ids.
 *  - Every file is written whole or not at all, through app/fs.
 * Errors are values naming the file. */
#ifndef SV_REPORT_H
#define SV_REPORT_H

#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

/* The lowest k an operator may choose: a count of 1 or 2 names a person among very few. */
#define REPORT_K_MIN 3

typedef struct report_opts {
    const char *db;   /* the central database */
    const char *out;  /* the folder written (made if missing) */
    const char *pack; /* a content pack for titles and labels, or NULL */
    const char *lang; /* the report's language (lang/<code>.po) and that of the pack's titles
                       * and labels; NULL: English, and the pack's fallback */
    int64_t from, to; /* answers with from <= period < to (unix time, UTC); widened by
                       * report_run to whole periods */
    int month;        /* whole calendar months; else whole ISO weeks */
    long k;           /* the smallest count shown: 5 unless the operator lowers it, never below
                       * REPORT_K_MIN */
    int free_text;    /* also write free-text.csv */
    int answers;      /* also write answers.csv (answers.c: one row an answer, not suppressed) */
    int pdf;          /* also print report.pdf through a headless Chromium (pdf.c) */
    const char *root; /* the installation (lang/, assets/fonts/); NULL: home_find's */
} report_opts;

typedef struct report_result {
    long answers;   /* answer rows read within the dates */
    long submissions; /* survey submissions counted: one person's answers to one survey */
    long votes;     /* page votes counted */
    int files;      /* files written */
    int free_text_removed; /* an old free-text.csv was removed (free_text not set) */
    int answers_removed;   /* the same for answers.csv */
    long answers_rows;     /* rows written to answers.csv */
    size_t font_bytes;     /* the fonts embedded in index.html (before base64) */
    long free_text_held; /* typed answers left out of free-text.csv: their language had
                          * fewer than k respondents */
    long danger;    /* typed answers with a danger word (with --pack): need a person */
    long danger_held; /* of them, held back with their language */
    long bursts;    /* bursts of identical submissions flagged (data.h: some counted once) */
    int widened;    /* the dates were widened to whole periods (also said on stderr) */
    int64_t from, to; /* the dates reported on, as widened */
} report_result;

/* Reads `CENTRAL.db --out DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--months] [--k N]
 * [--pack PACK] [--lang CODE] [--free-text] [--answers] [--pdf]` into o. -1 with a message on a bad or missing argument. */
int report_args(int argc, char **argv, report_opts *o, err *e);

/* Writes the report. Dates are widened to whole periods first (ISO weeks, or months with
 * o->month): two reports whose dates differ by a day would otherwise differ by that day's
 * people, and subtracting one from the other would show them one by one. */
int report_run(const report_opts *o, report_result *r, err *e);

/* Prints DIR/index.html to DIR/report.pdf with the first Chromium or Chrome on PATH; says how
 * to install it when there is none. */
int report_pdf(const char *dir, err *e);

#endif
