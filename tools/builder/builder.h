/* builder: the state of one pack build, shared by its parts (manifest.c, pages.c with
 * markdown.c, surveys.c, po.c, output.c, in the order pack.c runs them), and what every part
 * uses: problems reported with file and line and counted, the pack database being filled,
 * the hash of the sources, the languages, icons and fonts. Internal to tools/builder/. */
#ifndef SV_BUILDER_H
#define SV_BUILDER_H

#include "builder/kv.h"
#include "builder/lint.h"
#include "builder/measure.h"
#include "builder/pack.h"

#include <harfbuzz/hb.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#define BUILDER_MAX_LANGS 32
#define BUILDER_STMTS 64 /* distinct INSERTs kept prepared; more are prepared each time */

typedef struct glossary glossary;

typedef struct builder_lang {
    char code[16];
    char *name;
    int rtl;
    int digits; /* enum text_digits: the pack's choice for the language (digits.<code>:) */
    int listen; /* listening mode by default for people choosing it (listen.<code>: yes) */
} builder_lang;

typedef struct builder {
    const pack_opts *o;
    pack_result *r;
    sqlite3 *db;
    kv_file man;
    builder_lang langs[BUILDER_MAX_LANGS];
    int nlangs;
    char reference[16], fallback[16], deflang[16];
    crypto_hash_sha256_state hash;
    /* icon names -> code points */
    char **icon_names;
    uint32_t *icon_cps;
    int nicons;
    hb_set_t *covered; /* code points some bundled font has */
    measure *ms;       /* the fonts, measured as the kiosk would (with coverage) */
    int placeholders;             /* {{fill in: ...}} left for the operator */
    char first_placeholder[600];
    /* page ids present as folders */
    char **page_ids;
    int npages;
    glossary *glossary;  /* glossary.txt, NULL without one */
    int have_sources;    /* sources.txt was there: every cited code must be in it */
    char **source_codes; /* its [source CODE] codes */
    int nsource_codes;
    int unresolved;      /* codes cited with no sources.txt to resolve them */
    char **common;       /* pages with facts from common knowledge (their reference page) */
    int ncommon;
    /* builder_insert's statements, kept prepared for the build: preparing each row's INSERT
     * anew was a quarter of a pack build */
    sqlite3_stmt *stmts[BUILDER_STMTS];
    int nstmts;
} builder;

/* ---- builder.c ----------------------------------------------------------------------- */

/* Reports one problem (an error, or a warning) and counts it. */
void builder_report(builder *c, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The index of a declared language, or -1. */
int builder_lang_index(const builder *c, const char *code);
/* s as shown in language lang: its digits in the set the pack chose for it. Malloc'd. */
char *builder_shown(const builder *c, const char *lang, const char *s);
/* Reports what a reader of right-to-left text would see wrong in text, which starts on line
 * `line` of path; where(text, note) may name a more exact line (NULL: always `line`). */
void builder_lint_text(builder *c, const char *path, int line, const char *text, int rtl,
                       int (*where)(void *, const lint_note *), void *u);
/* Runs SQL on the pack; a failure is reported as an internal error. */
void builder_exec(builder *c, const char *sql);
/* Runs an INSERT with n text arguments (NULL: SQL NULL); "%d"-like ints are passed as text
 * and SQLite's type affinity stores them as integers where the column is INTEGER. */
void builder_insert(builder *c, const char *sql, int n, ...);
/* Finalizes the statements builder_insert kept, before the pack's database is closed. */
void builder_stmts_done(builder *c);
/* Adds a source file (its path in the folder, then its bytes) to the sources' hash. */
void builder_hash_file(builder *c, const char *rel, const char *text, size_t len);
/* Sorted names of the entries of a directory, without dot files; NULL when it cannot be
 * listed. Free with fs_list_free. */
char **builder_list_dir(const char *path, int *n);
/* The texts with a language suffix (title.en) of key in [section id] of f (a manifest or a
 * survey), stored for owner: every declared language should have one; a missing one is a
 * warning (the kiosk then shows the fallback language), none at all an error when required. */
void builder_texts(builder *c, kv_file *f, const char *section, const char *id, const char *key,
                   const char *owner, int required);

/* `status.LANG: reviewed` (or machine) of [section id] in f: each LANG whose text a person
 * has reviewed is kept as owner's text "status" = "reviewed"; without it the kiosk shows
 * the item's texts in LANG as machine-written. */
void builder_status(builder *c, kv_file *f, const char *section, const char *id,
                    const char *owner);

/* ---- glossary.c: one term per concept ------------------------------------------------- */

/* Reads glossary.txt of the content folder, if there is one (after the manifest). */
void glossary_read(builder *c);
void glossary_free(glossary *g);
/* Warns at path:line:column for every avoided variant of lang in text, whose first character
 * is at column col0 (from 1) of that line. */
void glossary_check(builder *c, const char *path, int line, int col0, const char *text,
                    const char *lang);
/* The same for a page file: its title line and its body. */
void glossary_check_page(builder *c, const char *path, const char *lang, const char *text,
                         size_t len);
/* The same for every text (a key ending in .LANG) of a manifest or survey. */
void glossary_check_kv(builder *c, kv_file *f);

/* ---- sources.c: where the facts come from ---------------------------------------------- */

/* Reads sources.txt of the content folder, if there is one (before the pages). */
void sources_read(builder *c);
/* Resolves a `sources:` value (from path:line): an error for each code sources.txt lacks.
 * Returns 1 when it has a `common knowledge` entry. */
int sources_resolve(builder *c, const char *path, int line, const char *value);
/* Whether one entry of a `sources:` value is `common knowledge`. */
int sources_common(const char *entry);
/* Says what could not be resolved, and lists the pages with common knowledge (pack check). */
void sources_done(builder *c);

/* ---- stamp.c: which version of its reference page a translation was made from ---------- */

/* The hash of a page's title and body (not its header), as 16 hex digits into hex; -1 when
 * text is no page (no header). */
int page_source_hash(const char *text, size_t len, char hex[17]);

/* ---- assets.c: icons and fonts ----------------------------------------------------------- */

/* Reads ROOT/assets/icons/names.txt (name and code point a line). */
int builder_load_icons(builder *c, err *e);
/* The code point of an icon name, or -1. */
long builder_icon_cp(const builder *c, const char *name);
/* The `icon:` of [section id] in f as a code point in decimal into out ("" and an error when
 * it is missing or unknown). */
void builder_icon_of(builder *c, kv_file *f, const char *section, const char *id, char out[16]);
/* Reads which characters the bundled fonts cover (pack check --coverage). */
int builder_load_coverage(builder *c, err *e);
/* Reports every character of text (from line first_line of path) that no bundled font draws. */
void builder_check_coverage(builder *c, const char *path, int first_line, const char *text,
                            size_t len);

/* ---- the parts, in the order of a build ------------------------------------------------ */

/* manifest.c: reads and checks manifest.txt (languages first: everything else needs them). */
int manifest_read(builder *c, err *e);
/* manifest.c: writes what the manifest declares (once the pages are known). */
void manifest_write(builder *c);

/* pages.c: per language, how its pages stand against the reference language. */
typedef struct pages_stat {
    int present, machine, reviewed, missing, outdated; /* outdated: stale (no source: stamp
                                                         * of today's reference page) */
} pages_stat;
/* pages.c: reads every page folder and file; ts: one per language. */
void pages_read(builder *c, pages_stat *ts);
/* surveys.c: reads and checks every surveys/<id>.txt. */
void surveys_read(builder *c);
/* help.c: reads help.txt, the hotlines of "I need help now" and the danger words (optional). */
void help_read(builder *c);
/* po.c: reads lang/<code>.po of the installation, the UI strings of one language. */
void po_read(builder *c, const char *lang);
/* voices.c: a page's recording (pages/<id>/<lang>.opus) checked and packed: 1 when file is
 * one (packed, or reported), 0 when it is not a recording's name. */
int voices_recording(builder *c, const char *id, const char *file, const char *path,
                     const char *rel);
/* voices.c: prints what the kiosk reads aloud, per language (with the translation table). */
void voices_table(builder *c);
/* output.c: prints the translation table when asked for (pack check --table). */
void output_table(builder *c, const pages_stat *ts);
/* output.c: writes the pack to o->out, whole or not at all. */
int output_write(builder *c, err *e);

#endif
