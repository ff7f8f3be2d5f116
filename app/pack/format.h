/* format: what a content pack file is, in one place, so the builder (tools/builder) and the
 * reader (content.c) can never disagree: the format number, the exact schema, the owner keys
 * of the texts and links tables, the placeholder rule and the id rule. pack_schema_check()
 * accepts a database only when its schema is exactly the one the builder writes. */
#ifndef SV_FORMAT_H
#define SV_FORMAT_H

#include "core/err.h"

#include <stddef.h>

typedef struct sqlite3 sqlite3;

/* The pack format the builder writes; the text is meta's `format`. Format 2 carries each
 * survey's background block (surveys.background: the background questions it asks, by
 * their names in app/feedback.h; surveys.under18: "notice" or "end"; the notice for children
 * as the survey's `child` texts). The kiosk still reads format PACK_FORMAT_OLDEST, whose
 * surveys table lacks those two columns: such a pack's surveys ask nothing about the person
 * (the safe default: no question an operator did not choose; rebuilt, a pack says which). */
#define PACK_FORMAT 2
#define PACK_FORMAT_OLDEST 1
#define PACK_STR_(x) #x
#define PACK_STR(x) PACK_STR_(x)
#define PACK_FORMAT_TEXT PACK_STR(PACK_FORMAT)

/* ---- ids ---------------------------------------------------------------------------- */

/* The longest id, in bytes. */
#define PACK_ID_MAX 64

/* The largest pack a kiosk copies, signs or verifies: far above any real one (a few MB),
 * low enough that a hostile file cannot take all the memory of a small machine. */
#define PACK_MAX_BYTES ((size_t)512 * 1024 * 1024)
/* The most text the builder takes from one source file, so the most one page or one text of
 * a pack can hold: the reader cuts anything longer (a pack may come from a stranger). */
#define PACK_TEXT_MAX ((size_t)512 * 1024)

/* A pack's version: numbers joined by dots ("2022.12", "3", "2023.1.15"), at most 8 parts
 * of at most 9 digits. A kiosk takes only a pack newer than the one it shows. */
int pack_version_valid(const char *v);
/* <0, 0, >0 as version a is older, the same or newer than b, part by part as numbers
 * ("2022.9" < "2022.12", "1.0" == "1"). Both must be valid. */
int pack_version_cmp(const char *a, const char *b);

/* Whether a name is a valid id (page, category, stage, survey, language code):
 * 1-64 characters of a-z, 0-9 and '-'. Ids name SQL tables, so nothing else gets in. */
int pack_valid_id(const char *s);

/* ---- schema ------------------------------------------------------------------------- */

/* The meta table (key, value): first in pack_schema, and the one table the reader looks at
 * to tell a pack of another format from something that is not a pack. */
#define PACK_SCHEMA_META "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"

/* Every CREATE TABLE the builder runs, in order, NULL-terminated; each is the exact text
 * SQLite keeps in sqlite_master. Then one search table per language (pack_search_create). */
extern const char *const pack_schema[];

/* The search table of a language: "search_<code>". -1 (and out = "") if code is not an id
 * or out is too small. */
int pack_search_table(char *out, size_t cap, const char *code);
/* The CREATE VIRTUAL TABLE statement (FTS5) of that table; -1 as above. */
int pack_search_create(char *out, size_t cap, const char *code);

/* The most languages, and so search tables, a pack may have. */
#define PACK_MAX_LANGS 32

/* 0 if the schema of db (every row of sqlite_master: type, name, table, SQL) is exactly the
 * pack_schema plus search tables of valid codes, as built in a fresh in-memory database, or
 * exactly that of an older format the kiosk still reads (PACK_FORMAT_OLDEST on); the format
 * it is goes to *format (if not NULL). Else -1 with a message naming path and the first
 * object that differs, is missing or should not be there (a view, trigger, extra table,
 * generated column), or, when sqlite_master cannot be read, saying the file is damaged or not
 * a pack, in SQLite's words. Reads only sqlite_master: nothing in the pack's own tables runs
 * before its schema is known. */
int pack_schema_check(sqlite3 *db, const char *path, int *format, err *e);

/* ---- UI strings --------------------------------------------------------------------- */

/* The strings table holds each language's UI strings as gettext has them: a msgid and its
 * msgstr. Two kinds of row beside the plain ones, as in gettext's own files: the msgid ""
 * holds the language's Plural-Forms ("nplurals=3; plural=...;", app/core/plural.h), and a
 * counted word (msgid_plural) has one row a form, its msgid followed by PACK_PLURAL_SEP and
 * the form's index ("{n} answer" "\x1F" "2"). */
#define PACK_PLURAL_SEP "\x1F"

/* ---- owner keys --------------------------------------------------------------------- */

/* Who a text (texts.owner) or a list of pages (links.owner) belongs to. */
typedef enum pack_kind {
    PACK_OWNER_PACK,     /* "pack": the pack itself (its title) */
    PACK_OWNER_CATEGORY, /* "category:<id>" */
    PACK_OWNER_STAGE,    /* "stage:<id>" */
    PACK_OWNER_YOUSAID,  /* "yousaid:<id>" */
    PACK_OWNER_SURVEY,   /* "survey:<id>" */
    PACK_OWNER_QUESTION, /* "question:<survey>.<question>" */
    PACK_OWNER_ANSWER,   /* "answer:<survey>.<question>.<answer>" */
    PACK_OWNER_HOTLINE,  /* "hotline:<id>": a line of "I need help now" (help.txt) */
    PACK_OWNER_SOURCE,   /* "source:<code>": a document facts come from (sources.txt) */
} pack_kind;

/* Texts beside the plain ones (same texts table, no change of schema):
 * - key "status", text "reviewed", of a category, stage, yousaid, survey, question or the
 *   pack in a language: a person reviewed that item's texts in that language; without it
 *   they are machine-written (a pack built before this rule has none: all machine-written).
 * - owner "source:<code>": key "title" in lang "" (the document's own title) and in
 *   languages, keys "publisher", "date", "where" in lang "".
 * A yousaid's `see:` page is its links row (owner "yousaid:<id>", ord 0). */

/* Room for any owner key with its NUL. */
#define PACK_OWNER_MAX 208

/* Writes the owner key of kind and id into out. id is NULL for PACK_OWNER_PACK, one id for
 * categories, stages, yousaid and surveys, and ids joined by '.' for questions (2) and
 * answers (3). -1 (and out = "") if an id breaks the id rule or out is too small. */
int pack_owner(char *out, size_t cap, pack_kind kind, const char *id);
/* Reads an owner key: its kind, and in *id a pointer into owner to the id part ("" for
 * "pack"). -1 if owner is not exactly what pack_owner writes. */
int pack_owner_parse(const char *owner, pack_kind *kind, const char **id);

/* ---- placeholders ------------------------------------------------------------------- */

/* A local detail the operator has not filled in is written {{fill in: ...}}: a placeholder
 * is "{{", then text on one line with no "{{" or "}}" in it, then "}}": nested braces give
 * the innermost one, a "{{" not closed on its line is none. Braces are ASCII, so the rule is
 * safe on UTF-8 byte strings. The builder refuses a line with braces outside placeholders. */

/* The first placeholder in s: a pointer to its "{{", with its length through "}}" in *len
 * (if len is not NULL); NULL when s has none. */
const char *pack_placeholder_find(const char *s, size_t *len);
/* How many placeholders s has. */
int pack_placeholder_count(const char *s);
/* 1 if s has a "{{" or "}}" outside its placeholders: braces a person would see. */
int pack_placeholder_stray(const char *s);

#endif
