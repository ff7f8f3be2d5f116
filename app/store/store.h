/* store: the kiosk's own anonymous feedback, in one SQLite file in the data directory
 * (DATA/feedback.db). It promises:
 *  - Sealed at rest: each submission is scrubbed, then sealed to the office's public key
 *    (crypto_box_seal, store/sealed.h) and stored sealed, in one transaction; the kiosk holds
 *    no key that opens it, so it cannot read its own answers back. A row holds the
 *    submission's random id, the sealed blob, the day it was stored (UTC, for retention) and
 *    its export state (the batch it was reserved for, and whether that batch was written);
 *    nothing else is in clear. A stolen kiosk, card or stick shows how many, never what.
 *  - Without an office key (store_config.seal_pk NULL) nothing is collected: store_submit
 *    refuses. A store of schema version 2 (answers in plain rows) has its rows sealed and
 *    deleted in one transaction the first time it opens with a key, after which the file is
 *    rebuilt (VACUUM) and its log emptied, so no page of the old plain text stays in either;
 *    without a key they stay as they are, and the note says so.
 *  - Durability: WAL journal, synchronous=FULL, secure_delete; one transaction per
 *    submission; store_submit returns 0 only after the commit, so the kiosk thanks a person
 *    only for what is kept. A power cut (or kill -9) at any moment loses no submission that
 *    was acknowledged, and the file passes integrity_check afterwards.
 *  - Nothing that identifies a person or links two visits: inside the seal, each answer has
 *    a random UUID, the survey, question, kind and value, the interface language, the pack id
 *    and version, and the time rounded down to the day (or the hour); the submission's random
 *    id groups one submission's answers and nothing else. No sequence number, no exact time,
 *    no names, contact details, device serials or network addresses, nor the path a person
 *    took. Free text is scrubbed before it is sealed (store_scrub): e-mail addresses however
 *    written, phone numbers in every form and digit system, any number of 6 or more digits,
 *    and the number after a word like "room" or "case" become a placeholder.
 *  - A store that fails integrity_check at open is moved aside (kept, never deleted, named in
 *    the note) and a new one begun; a read-only data directory gives no store and says so.
 *  - Schema versions (PRAGMA user_version) migrate forward from every earlier version.
 *  - Export (app/sync) reserves the submissions not yet exported for the device's next batch
 *    number (1, 2, 3...) in one transaction, writes them as that batch, and once it is safely
 *    written marks them exported; a batch reserved and not yet marked (an export cut short)
 *    is written again, the same submissions under the same number. None is deleted for being
 *    exported: the office's receipt (store_delete_receipted) or retention does that.
 *  - Every submission is purged once its day is retention_days old, exported or not.
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
    int retention_days; /* exported submissions of days this old are purged; 0: 90 days */
    /* the wall clock, seconds since the epoch, of clock_ctx; NULL: time(NULL). The kiosk
     * gives its own (the script clock in tests), so retention follows the time it runs on. */
    time_t (*clock)(void *clock_ctx);
    void *clock_ctx;
    /* the office's X25519 public key (32 bytes) submissions are sealed to; NULL: no feedback
     * is collected (store_submit refuses), and a version 2 store's plain rows stay */
    const unsigned char *seal_pk;
} store_config;

typedef struct store_note {
    char moved_aside[512]; /* a damaged store was moved here (path), or "" */
    char warning[600];     /* anything staff should know (a store moved aside, a clock before
                              2020, answers of an older version still in plain), or "" */
    long plain;            /* answers of a version 2 store still in plain rows (no key) */
    long sealed_now;       /* ... sealed at this open (they were in plain rows until now) */
} store_note;

typedef struct store_answer {
    const char *question; /* question id, or for a helpful vote the page id */
    const char *value;    /* answer id, "1".."4" for faces, "yes"/"no", "prefer-not", text */
    int free_text;        /* value is typed text: scrubbed before it is stored */
    const char *kind;     /* what the question is (feedback.h: FEEDBACK_KIND_...): "text"
                             exactly when free_text */
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
 * the kiosk then shows content without feedback. With cfg->seal_pk, answers a version 2
 * store kept in plain rows are sealed here (note->sealed_now). cfg and note may be NULL. */
store *store_open(const char *dir, const store_config *cfg, store_note *note, err *e);
void store_close(store *s);
/* Opens DATA/feedback.db in a folder that cannot be written (a read-only card), only for
 * export's reads (store_device_id, store_next_batch, store_reserved, store_batch_read,
 * store_unreserved, store_unexported_count): nothing is written, no integrity check moves it
 * aside; store_submit, store_reserve, store_mark_exported and the rest fail. NULL with a
 * message when there is no store, it cannot be read, or it is of another schema version (an
 * older one is brought up to date only where it can be written). */
store *store_open_readonly(const char *dir, err *e);

/* Scrubs, seals and stores one submission in one transaction. On success writes the
 * submission's random id (a UUID, 36 characters) into id and returns 0; on any failure
 * nothing of it is stored, id is untouched, and the message names the store, the survey and
 * the answer. Refused before anything is written: a store without an office key; survey,
 * lang, pack_id, pack_version, question ids and kinds that are missing, over 64 bytes, not
 * UTF-8 or hold a space or control character; values that are empty, over 2000 bytes, not
 * UTF-8 or hold a control character other than a line break or tab; a value not marked
 * free_text that the scrubber would change (typed text passed without the mark); a kind
 * "text" without free_text, or free_text with another kind; fewer than 1 or more than 64
 * answers. After an I/O error the store closes its file and opens it again at the next
 * call. */
int store_submit(store *s, const store_submission *sub, char id[37], err *e);

/* The store's device id (a random UUID made with the store, never a serial) into id; 0 or -1. */
int store_device_id(store *s, char id[37], err *e);

/* Gives the store a new random device id (into id): export does this when the data folder
 * turns out to be a copy made on other hardware, so two kiosks never share an id. 0 or -1. */
int store_new_device_id(store *s, char id[37], err *e);

/* ---- export (app/sync) ---------------------------------------------------------------- */

/* One submission as export reads it: its random id and its sealed blob, valid until the
 * callback returns. */
typedef struct store_sealed {
    const char *id;
    const unsigned char *sealed;
    size_t len;
} store_sealed;

/* How many submissions are not yet exported; -1 on error. */
long store_unexported_count(store *s, err *e);
/* The smallest batch number over after that submissions not yet exported are reserved for
 * (an export cut short before it marked them) into *batch, or 0 when there is none. 0 or -1. */
int store_reserved(store *s, long long after, long long *batch, err *e);
/* Reserves the device's next batch number for the submissions not yet exported nor
 * reserved, in id order, as many as fit in max_count and in max_bytes of sealed bytes (each
 * counted with per_item bytes more), and moves the number on; one transaction. Returns how
 * many were reserved (*batch the number), 0 when none is waiting (nothing written), -1. */
long store_reserve(store *s, long max_count, size_t max_bytes, size_t per_item,
                   long long *batch, err *e);
/* Calls each(sub, ctx) for every submission of the reserved batch not yet exported, in id
 * order, from one snapshot, until each returns nonzero (that one is then not taken). Returns
 * how many were taken, or -1. */
long store_batch_read(store *s, long long batch, int (*each)(const store_sealed *, void *),
                      void *ctx, err *e);
/* The same for the submissions neither exported nor reserved whose id sorts after after
 * ("" for all): what a store opened read-only, which cannot reserve, exports. */
long store_unreserved(store *s, const char *after, int (*each)(const store_sealed *, void *),
                      void *ctx, err *e);
/* The batch number the device reserves next (1 before its first batch). 0 or -1. */
int store_next_batch(store *s, long long *n, err *e);
/* Whether this store exported before: a batch number was taken, or an exported submission
 * is kept. 1, 0, or -1. */
int store_exported_before(store *s, err *e);
/* Marks the submissions of the reserved batch exported, in one transaction (durable when it
 * returns); returns how many, or -1 and nothing marked. */
long store_mark_exported(store *s, long long batch, err *e);

/* Removes the submissions whose day is retention_days old or older, exported or not (a kiosk
 * whose answers never reach the office keeps them no longer than one whose do); returns how
 * many, or -1. The kiosk runs it at start and once a day. */
long store_purge(store *s, err *e);
/* Deletes, in one transaction (secure_delete: overwritten in the file), the submissions
 * marked exported under the batch numbers given (the office's receipt, sync/receipt.h);
 * numbers this store never gave out are ignored. *receipted: how many of the numbers were
 * its own. Returns how many submissions went (0 for a receipt seen before), or -1 and
 * nothing deleted. */
long store_delete_receipted(store *s, const long long *numbers, int n, int *receipted, err *e);

/* Counts one use of "I need help now" today: the row of the day (UTC) gains one, in its own
 * transaction. Nothing else is kept of it: no time finer than the day, no language, no
 * submission. The counts go after retention_days, with exported answers. 0 or -1. */
int store_urgent_used(store *s, err *e);

/* A random (version 4) UUID from libsodium: lowercase, 36 characters and a NUL. */
void store_uuid4(char out[37]);

/* The store's schema version (PRAGMA user_version) this code writes. */
#define STORE_VERSION 3

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
