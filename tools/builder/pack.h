/* pack: turns a content source folder (manifest.txt, pages/<id>/<lang>.md, surveys/<id>.txt,
 * plus the UI strings in lang/<code>.po) into one SQLite pack file that kiosks read
 * read-only. Every source is checked as hostile input: each problem is reported with file
 * and line, all of them in one run; any error means no output file, and a failed build never
 * leaves a half-written pack behind. The same sources always give the same bytes. */
#ifndef SV_PACK_H
#define SV_PACK_H

#include "core/err.h"
#include "pack/format.h"

#include <stdio.h>

typedef struct pack_opts {
    const char *src;      /* the content folder */
    const char *root;     /* the installation: lang/, assets/icons/names.txt, assets/fonts/ */
    const char *out;      /* the pack to write (build only) */
    FILE *report;         /* where errors, warnings and tables go; NULL for silence */
    int coverage;         /* also check that bundled fonts cover every character */
    int table;            /* print the translation table */
    /* for kiosks (signed, or `pack check --release`): a survey's `who` or `contact` with a
     * {{fill in: ...}} is an error, not a warning */
    int release;
} pack_opts;

typedef struct pack_result {
    int errors, warnings;
    int pages, languages;
} pack_result;

/* Reads and checks the sources. With o->out set, also writes the pack (atomically: a temp
 * file renamed into place). Returns 0 when there were no errors. */
int pack_compile(const pack_opts *o, pack_result *r, err *e);

/* Writes into each translation (a page file not in the reference language) of folder src a
 * header line `source: <16 hex>`, the hash of its reference page's title and body now: the
 * translation is up to date with that version (pack check calls it stale once the reference
 * page changes). Only the pages named (none: all), only language lang (NULL: all). Reports
 * each file stamped to report; the count into *stamped. Each file is rewritten atomically. */
int pack_stamp(const char *src, const char *const *pages, int npages, const char *lang,
               FILE *report, int *stamped, err *e);

#endif
