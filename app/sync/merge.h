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
