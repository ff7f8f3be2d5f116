/* store: the kiosk's own anonymous feedback, in one SQLite file in the data directory
 * (DATA/feedback.db). It promises:
 *  - Durability: WAL journal, synchronous=FULL; one transaction per submission; store_submit
 *    returns 0 only after the commit, so the kiosk thanks a person only for what is kept. A
 *    power cut (or kill -9) at any moment loses no submission that was acknowledged, and the
 *    file passes integrity_check afterwards.
 *  - Nothing that identifies a person: each answer row holds a random UUID, a per-device
 *    sequence number, the survey, question and answer value, the interface language, the
 *    pack id and version, and the time rounded down to the hour (or day), plus a random id
 *    that groups the answers of one submission and nothing else. Never names, contact
 *    details, device serials, network addresses, exact times or the path a person took. Free
 *    text is scrubbed before it is stored (store_scrub): e-mail addresses however written,
 *    phone numbers in every form and digit system, any number of 6 or more digits, and the
 *    number after a word like "room" or "case" become a placeholder.
 *  - A store that fails integrity_check at open is moved aside (kept, never deleted, named in
 *    the note) and a new one begun; a read-only data directory gives no store and says so.
 *  - Schema versions (PRAGMA user_version) migrate forward from every earlier version.
 *  - Export (app/sync) reads the answers not yet exported in sequence order and, once a batch
 *    holding them is safely written, marks them exported: the mark only ever moves forward,
 *    the answers not yet exported are always those after it, and none is deleted for being
 *    exported (retention does that).
 *  - Answers already exported are purged after retention_days.
 * All file writes are SQLite's own, through a VFS (store/vfs.h) that passes every write and
 * sync through app/fs's fault hook, so tests can cut the power at each of them; the store's
 * file is made, and a damaged one moved aside, through app/fs. */
#ifndef SV_STORE_H
#define SV_STORE_H

#include "core/err.h"

#include <stdint.h>
#include <time.h>

typedef struct store store;

typedef struct store_config {
    /* 0: times rounded down to the day (the default: a zeroed config keeps the least);
     * 1: to the hour */
    int round_to_hour;
    int retention_days; /* exported answers older than this are purged; 0: 90 days */
    /* the wall clock, seconds since the epoch; NULL: time(NULL). Tests set it. */
    time_t (*clock)(void);
} store_config;

typedef struct store_note {
    char moved_aside[512]; /* a damaged store was moved here (path), or "" */
    char warning[600];     /* anything staff should know (a store moved aside, a clock before
                              2020), or "" */
} store_note;

typedef struct store_answer {
    const char *question; /* question id, or for a helpful vote the page id */
    const char *value;    /* answer id, "1".."4" for faces, "yes"/"no", "prefer-not", text */
    int free_text;        /* value is typed text: scrubbed before it is stored */
} store_answer;

typedef struct store_submission {
    const char *survey;   /* survey id, or "helpful" / "helpful-reason" for page votes */
    const char *lang;     /* interface language */
    const char *pack_id, *pack_version;
    const store_answer *answers;
    int nanswers;         /* 1..64 */
    const char *scrub_words; /* trigger words for store_scrub (the pack's), NULL: built-in */
} store_submission;

/* Opens (creating, migrating or moving aside as needed) DATA/feedback.db in dir; the file,
 * its -wal and -shm are 0600. NULL with a message when the directory cannot hold a store
 * (read-only, missing, full) or the store has a newer schema than this code (left as it is):
 * the kiosk then shows content and says at the feedback tile that feedback is unavailable.
 * cfg and note may be NULL. */
store *store_open(const char *dir, const store_config *cfg, store_note *note, err *e);
void store_close(store *s);
/* Opens DATA/feedback.db in a folder that cannot be written (a read-only card), only for
 * export's reads (store_device_id, store_unexported, store_unexported_count): nothing is
 * written, no integrity check moves it aside; store_submit, store_mark_exported and the rest
 * fail. NULL with a message when there is no store or it cannot be read. */
store *store_open_readonly(const char *dir, err *e);

/* Stores one submission in one transaction. On success writes the submission's random id
 * (a UUID, 36 characters) into id and returns 0; on any failure nothing of it is stored, id is
 * untouched, and the message names the store, the survey and the answer. Refused before
 * anything is written: survey, lang, pack_id, pack_version and question ids that are missing,
 * over 64 bytes, not UTF-8 or hold a space or control character; values that are empty, over
 * 2000 bytes, not UTF-8 or hold a control character other than a line break or tab; a value
 * not marked free_text that the scrubber would change (typed text passed without the mark);
 * fewer than 1 or more than 64 answers. After an I/O error the store closes its file and
 * opens it again at the next call. */
int store_submit(store *s, const store_submission *sub, char id[37], err *e);

/* The store's device id (a random UUID made with the store, never a serial) into id; 0 or -1. */
int store_device_id(store *s, char id[37], err *e);

/* Gives the store a new random device id (into id): export does this when the data folder
 * turns out to be a copy made on other hardware, so two kiosks never share an id. 0 or -1. */
int store_new_device_id(store *s, char id[37], err *e);

/* One stored answer, as export reads it. The strings live until the callback returns. */
typedef struct store_row {
    const char *uuid, *submission, *survey, *question, *value, *lang, *pack_id, *pack_version;
    long long seq, period;
} store_row;

/* Calls each(row, ctx) for every answer not yet exported whose seq is over after, in seq
 * order, all from one snapshot, until each returns nonzero (that row is then not taken).
 * Returns how many rows were taken, or -1 (a message naming the store). */
long store_unexported(store *s, long long after, int (*each)(const store_row *, void *),
                      void *ctx, err *e);
/* How many answers are not yet exported; -1 on error. */
long store_unexported_count(store *s, err *e);
/* Marks every answer with seq <= upto that is not yet exported as exported now, in one
 * transaction (durable when it returns); returns how many, or -1 and nothing marked. */
long store_mark_exported(store *s, long long upto, err *e);

/* Removes answers exported before now - retention_days; returns how many, or -1. */
long store_purge(store *s, err *e);

/* Counts one use of "I need help now" today: the row of the day (UTC) gains one, in its own
 * transaction. Nothing else is kept of it: no time finer than the day, no language, no
 * submission. The counts go after retention_days, with exported answers. 0 or -1. */
int store_urgent_used(store *s, err *e);

/* A random (version 4) UUID from libsodium: lowercase, 36 characters and a NUL. */
void store_uuid4(char out[37]);

/* The store's schema version (PRAGMA user_version) this code writes. */
#define STORE_VERSION 2

/* Writes text with every e-mail address (also written "at"/"dot", "(at)", "[at]", "@ ",
 * "＠"), phone number, number of 6 or more digits (digits of any script, Ge'ez numerals,
 * full-width, circled and mathematical digits; groups joined by any few characters that are
 * not letters: spaces, commas, colons, dashes, a half-space, a soft hyphen...) and short
 * number after a trigger word replaced by "[removed]"; the rest of the text is kept byte for
 * byte. Returns a malloc'd string. words: the trigger words, separated by spaces ("room case
 * No": '*' at a word's start or end stands for any letters; a word with a capital letter
 * matches only as written, a lowercase one in any case); NULL: every built-in language's;
 * "": none. Used by store_submit on free text; exposed for tests. */
char *store_scrub(const char *text, const char *words);
/* The built-in trigger words of a language (lv en ru uk ar fa ku ti), or NULL: what the pack
 * builder writes for a language whose manifest gives no `scrub.LANG:` line. */
const char *store_scrub_words(const char *lang);

#endif
