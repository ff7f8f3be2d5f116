/* merge: export batches into the office's central database (sync/central.h), for
 * `sveikictl merge`. It promises:
 *  - Each batch is read whole and checked (sync_read) before anything of it is stored, and
 *    stored whole or not at all (a savepoint). Batches are committed together, every 250,000
 *    answers and at sync_merge_finish: a merge cut off loses at most the batches since the
 *    last commit, and merging them again is harmless. A batch merged before, byte for byte,
 *    is recognised by its name, hash and key, and not read further.
 *  - Idempotent and independent of order: answers are keyed by device and UUID; the same
 *    answer again is a duplicate and changes nothing; the same UUID from the same device with
 *    other content is logged in conflicts (central.h says which copies are kept, at most 64),
 *    so the database after any number of merges of a set of batches, in any order, is the
 *    same (devices.last_merged aside).
 *  - A batch never replaces another device's answer: one whose answers carry UUIDs that
 *    another device's answers have is stored under its own device and counted as suspect,
 *    with a note naming both devices.
 *  - Language codes are stored in their normal form (feedback.h); a batch with a code that is
 *    not one is refused.
 *  - A device is known by the first public key its batches came with: a later batch with the
 *    same device id and another key is refused, and the message says when the batch declares
 *    a key change (its kiosk lost its key: sync.h key-change). The operator accepts the other
 *    key, once staff have confirmed it, with sync_merge_accept_key (sveikictl merge
 *    --accept-key-change DEVICE): that key is then the device's too (device_keys), in this
 *    merge and every later one, whatever the order. The same re-admits a reinstalled kiosk.
 *  - A plain batch (format 1, not sealed) is refused unless the operator allows it; each
 *    batch merged is recorded with its format, its seal and, in format 2, its number, and
 *    sync_merge_gaps names the numbers a device's batches skip (a batch never brought).
 *  - Sealed submissions are opened with the office's keys (any of them: a kiosk keeps its
 *    older submissions sealed to an older key); each must hold the id it came under.
 *  - Only enrolled kiosks (central.h enrolled: by public key, or by the device id its first
 *    batch tied to that key) are merged; a batch from another is refused, nothing stored,
 *    unless sync_merge_enrol_new. A submission the office deleted is not stored again.
 *  - Receipts and removal happen only after the commit: sync_merge_write_receipts names the
 *    committed batches only, and sync_merge_remove_merged removes a batch file only once its
 *    answers are committed (a power cut never loses a removed file's answers).
 *  - A refused batch stores nothing and says why, naming the file.
 * Its SQLite file goes through the store's VFS (store/vfs.h), so app/fs's fault hook reaches
 * its writes too. */
#ifndef SV_SYNC_MERGE_H
#define SV_SYNC_MERGE_H

#include "core/err.h"
#include "sync/sync.h"

typedef struct sync_merger sync_merger;

typedef struct sync_merge_stats {
    long long added, duplicates, conflicts;
    long merged, rejected; /* batch files */
    long suspect;          /* batches merged whose answers carry other devices' UUIDs */
    long unknown;          /* of the rejected: from a device not enrolled */
    long enrolled;         /* devices enrolled by their first batch (--enrol-new) */
    long long deleted;     /* answers of submissions deleted at the office, not taken again */
    char device[37];       /* the device of the last file merged */
    char note[1024];       /* why the last file merged is suspect, or "" */
} sync_merge_stats;

/* Opens CENTRAL (created, 0600, with the schema, when missing; a database of an earlier
 * version is migrated in place, central.h). Refuses a file that is not a central database
 * (the kiosk's feedback.db, a content pack) or one of a newer version. key: the office's
 * sealing key for sealed batches, or NULL. */
sync_merger *sync_merge_open(const char *central, const sync_seal_key *key, err *e);
/* One more office key to open sealed submissions with (an office that changed its key: a
 * kiosk's older submissions stay sealed to the old one). 0. */
int sync_merge_add_key(sync_merger *m, const sync_seal_key *key);
/* allow 1: a plain batch (format 1, not sealed) is merged; by default it is refused, since
 * every answer in it could be read on its way (sveikictl merge --allow-plain). */
void sync_merge_allow_plain(sync_merger *m, int allow);
/* In this merge, a batch of device (a UUID) signed with another key than the one known is
 * taken, and its key recorded as the device's too. 0, or -1 when device is not a UUID. */
int sync_merge_accept_key(sync_merger *m, const char *device, err *e);
/* on 1: a batch from a device not enrolled enrols it (named "Kiosk " and the first 8
 * characters of its id) and is merged (sveikictl merge --enrol-new); by default it is
 * refused, counted in rejected and unknown, and the message says how to enrol it. */
void sync_merge_enrol_new(sync_merger *m, int on);
/* Merges one batch file. 0: merged (st updated); 1: refused, nothing stored, e says why
 * (st->rejected counted); -1: the central database failed: the batches since the last
 * commit are not kept (stop, and merge them again later). */
int sync_merge_file(sync_merger *m, const char *path, sync_merge_stats *st, err *e);
/* Commits what was merged; 0 or -1 (then nothing since the last commit is kept). */
int sync_merge_finish(sync_merger *m, err *e);
/* After sync_merge_finish: for each device a format 2 batch of which was in this merge, the
 * batch numbers from 1 to its highest merged that are not in the central database, one line
 * a device ("device D: batches 2, 4 to 6 never merged ..."; malloc'd, *n of them: free with
 * fs_list_free). 0 or -1. */
int sync_merge_gaps(sync_merger *m, char ***lines, int *n, err *e);
/* ---- the office's other commands on the central database (each its own transaction) ---- */

/* Enrols the kiosk whose Ed25519 public key (base64, as in its batches) is key_b64, under
 * name (1..64 bytes of UTF-8, no control character); enrolling a key again renames it.
 * 0 or -1. */
int sync_merge_enrol(sync_merger *m, const char *key_b64, const char *name, err *e);
/* The retention setting in days (settings.retention_days) into *days, 0 when none is set.
 * 0 or -1. */
int sync_merge_retention(sync_merger *m, int *days, err *e);
/* Sets it (1..36500). 0 or -1. */
int sync_merge_set_retention(sync_merger *m, int days, err *e);
/* Removes the answers (and their conflicts) whose period is the retention setting's days
 * old at now or older, in one transaction; how many answers, or -1 (none set: -1, why). */
long long sync_merge_purge(sync_merger *m, long long now, err *e);
/* Removes every answer (and conflict) of one submission (a UUID) and writes the audit row
 * (deletions: now, the submission, reason, how many answers), in one transaction; a later
 * batch bringing it again does not store it. Returns how many answers went; -1 when there
 * is none of it (nothing written), the reason is empty or over 500 bytes, or on error. */
long long sync_merge_delete(sync_merger *m, const char *submission, const char *reason,
                            long long now, err *e);
/* The receipt (sync/receipt.h) of the format 2 batches of device held in the central
 * database (committed ones only: call after sync_merge_finish), signed with the office's
 * Ed25519 secret key sk: *out (malloc'd), *len. 0; 1 when it holds none of that device's
 * (nothing made); -1. */
int sync_merge_receipt(sync_merger *m, const char *device, const unsigned char sk[64],
                       long long now, unsigned char **out, size_t *len, err *e);

/* After sync_merge_finish: for each device and folder merged from, when the batch lay in
 * X/exports/DEVICE/ (a stick's or a sync folder's sveiki/ folder), writes the device's
 * receipt X/receipts/DEVICE.receipt (atomically; folders beneath X opened without following
 * a link), signed with sk. One line a receipt into *lines (its path, or "not written: why";
 * free with fs_list_free). Refuses (-1) while anything merged is not committed. */
int sync_merge_write_receipts(sync_merger *m, const unsigned char sk[64], long long now,
                              char ***lines, int *n, err *e);
/* After sync_merge_finish: removes each batch file this merger merged or found merged
 * before (never one it refused), counting them in *removed; -1 at the first that cannot be
 * removed, or when anything merged is not committed yet. */
int sync_merge_remove_merged(sync_merger *m, long *removed, err *e);

/* Closes; what was merged since the last commit and not finished is rolled back. */
void sync_merge_close(sync_merger *m);

/* The batch files named by path: the file itself, or every *.batch below a folder,
 * recursively (32 folders deep at most), links not followed; each folder in name order. Appends to *files (malloc'd strings, *n of them; free with
 * fs_list_free). What cannot be searched (a folder too deep or unreadable, a linked folder,
 * a name too long) is skipped, and named with why in *skipped (messages, *nskipped of them;
 * free with fs_list_free): everything else is still collected. -1 only when path itself is
 * missing or cannot be looked at. */
int sync_merge_find(const char *path, char ***files, int *n, char ***skipped, int *nskipped,
                    err *e);
/* The same, with anything skipped an error (-1, e naming the first), after collecting the
 * rest. */
int sync_merge_collect(const char *path, char ***files, int *n, err *e);

#endif
