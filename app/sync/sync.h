/* sync: export batches, the files that carry a kiosk's sealed submissions to the office
 * (kiosk and office share this module). It promises:
 *  - Only sealed batches are written: every submission was sealed to the office's key when
 *    the kiosk stored it (store/sealed.h), and a batch carries those blobs as they are. A
 *    lost stick shows how many submissions, never an answer.
 *  - Nothing in a batch follows time within it: the submissions are in the order of their
 *    random ids, with no sequence number; only the batch itself is numbered, per device,
 *    1, 2, 3..., so the office sees a batch that never arrived.
 *  - A batch is one immutable file, never edited once written, named by what it holds:
 *      sveiki/exports/DEVICE/DEVICE-NUMBER.batch       (NUMBER zero-padded to 10 digits)
 *    so any file-sync engine (a USB stick, rsync, Syncthing) can carry it safely.
 *  - sync_export writes it through app/fs (temp file, fsync, rename, directory fsync), reads
 *    it back and verifies it, and only then marks its submissions exported. A pulled or full
 *    stick, a failed write or a kill at any moment leaves either no batch or a whole one; the
 *    submissions not marked go out with the next export, under the same batch number when
 *    they were reserved for one. Nothing is deleted from the kiosk by an export: only the
 *    office's receipt (sync/receipt.h) or the retention days delete.
 *  - Every batch read is hostile until proven otherwise: size caps, exact lengths, the hash,
 *    the device's signature, then a parse where every length is checked against what is left
 *    and every field against the rules the kiosk stored it with. A refusal names the file and
 *    says why.
 *
 * The format (version 2). A text header an operator can read with `head`, one "key value" a
 * line in exactly this order, ending with an empty line:
 *      sveiki-batch
 *      format 2
 *      device 0b7e...            the store's random device id (a UUID)
 *      key BASE64                the device's Ed25519 public key (DATA/device.pub)
 *      key-change OLD            only when this key replaced a lost one: the key it replaces
 *                                (BASE64), or "unknown"; the office accepts the new key only
 *                                when told to (sveikictl merge --accept-key-change DEVICE)
 *      batch N                   the device's batch number, 1 to 9999999999
 *      count N                   submissions in the payload, 1..SYNC_MAX_SUBMISSIONS
 *      size N                    payload bytes
 *      sha256 HEX                SHA-256 of the payload bytes
 *      (empty line)
 * then the payload, then 64 bytes: the Ed25519 signature (crypto_sign) by the device's key of
 * everything before them (header and payload). So a batch can be checked (hash, signature)
 * without the office's key.
 * The payload is `count` records in increasing order of their ids (each id once), each: the
 * submission's id (36 bytes, a lowercase UUID), the length of its sealed blob (4 bytes,
 * little-endian, 304 to SEALED_MAX), and the blob: crypto_box_seal to the office's X25519
 * key of the plaintext store/sealed.h describes, which holds the same id. Why length-prefixed
 * binary and not JSON lines: a reader of hostile bytes is safest when nothing needs
 * unescaping. The header stays text because it is what a person checks by hand.
 *
 * Format 1, which kiosks wrote before, is still read (sync_read; a new kiosk never writes
 * it): the same header with, after key-change, "count N" (answers), "first N" and "last N"
 * (the answers' sequence numbers), one "pack ID VERSION" line per pack seen, then
 * "payload plain|sealed", "size" and "sha256"; named DEVICE-FIRST-LAST, FIRST padded to 10
 * digits. Its payload (sealed whole to the office's key, or plain) is `count` records, each:
 * seq (8 bytes), period (8 bytes, signed), then uuid, submission, survey, question, value,
 * lang, pack, pack_version, each a 2-byte length and that many bytes of UTF-8. A plain one
 * shows every answer to whoever holds the file: merge takes it only when told to. */
#ifndef SV_SYNC_H
#define SV_SYNC_H

#include "core/err.h"
#include "store/sealed.h"
#include "store/store.h"

#include <limits.h>
#include <stddef.h>

#define SYNC_FORMAT 2                  /* what export writes */
#define SYNC_MAX_SUBMISSIONS 100000    /* submissions in one batch; export writes more */
#define SYNC_RECORD_EXTRA 40           /* a record's bytes beside its blob: id and length */
#define SYNC_MAX_ANSWERS 100000        /* answers in one format 1 batch */
#define SYNC_MAX_OPENED 1000000        /* answers opened from one format 2 batch (what 48 MiB
                                          of the smallest sealed submissions could hold) */
#define SYNC_MAX_PAYLOAD (48u << 20)   /* payload bytes in one batch (format 1: plain) */
#define SYNC_MAX_PACKS 256             /* pack lines in one format 1 header */
#define SYNC_MAX_HEADER 65536
#define SYNC_MAX_FILE (64u << 20)      /* a larger file is refused before it is read */
#define SYNC_NAME_MAX 80               /* DEVICE-NUMBER (or DEVICE-FIRST-LAST) and a NUL */

/* One answer as a batch brings it to the office (after sync_read). kind is "" when the
 * batch did not carry one (format 1, or a submission a version 2 store kept in plain); seq
 * is 0 in format 2, which has none. */
typedef struct sync_answer {
    const char *uuid, *submission, *survey, *question, *value, *lang, *pack, *pack_version;
    long long seq, period;
    const char *kind;
} sync_answer;

typedef struct sync_pack {
    char id[65], version[65];
} sync_pack;

/* A batch as read: the header always, the answers after sync_read. */
typedef struct sync_batch {
    char name[SYNC_NAME_MAX]; /* DEVICE-NUMBER (format 1: DEVICE-FIRST-LAST) from the header
                                 (the file may be renamed) */
    int format;               /* 2, or 1 */
    char device[37];
    unsigned char key[32];    /* the device's Ed25519 public key */
    char key_b64[48];
    char key_change[48];      /* the key this one replaced ("unknown" when not known): the
                                 kiosk lost its key and made a new one; "" otherwise */
    long long number;         /* format 2: the device's batch number; 0 in format 1 */
    long long count;          /* format 2: submissions; format 1: answers */
    long long first_seq, last_seq; /* format 1 only */
    int sealed;               /* 1: sealed to the office's key (always, in format 2) */
    char sha256[65];          /* of the payload as stored, lowercase hex */
    int npacks;               /* format 1 only */
    sync_pack *packs;
    sync_answer *answers;     /* nanswers answers (sync_read only): format 1 in seq order,
                                 format 2 submission by submission in id order */
    long long nanswers;
    char file[PATH_MAX];      /* the name messages give the file */
    unsigned char *file_, *strings_; /* private */
    size_t strings_n_, hlen_, len_;
    void *arena_;
} sync_batch;

/* The office's sealing key pair (sveikictl keygen --seal). */
typedef sealed_key sync_seal_key;

/* Checks the file at path: caps, header, exact length, hash and signature; fills b's header
 * fields (b->answers stays NULL). Messages name the file as name (NULL: path). */
int sync_verify(const char *path, const char *name, sync_batch *b, err *e);
/* sync_verify, then opens what is sealed with key (NULL: a sealed batch is refused) and
 * parses every answer. */
int sync_read(const char *path, const char *name, const sync_seal_key *key, sync_batch *b,
              err *e);
void sync_batch_free(sync_batch *b);
/* sync_verify of the len bytes at file (a batch read by the caller, beneath a stick's folder);
 * messages name it as name. */
int sync_verify_bytes(const unsigned char *file, size_t len, const char *name, sync_batch *b,
                      err *e);
/* sync_read in two halves, for a reader that decides after the header whether to read on:
 * sync_open verifies as sync_verify does and keeps the bytes; sync_parse opens and parses
 * the payload (on failure it frees b). */
int sync_open(const char *path, const char *name, sync_batch *b, err *e);
int sync_parse(sync_batch *b, const sync_seal_key *key, err *e);
/* sync_parse with several office keys (an office that changed its key: each sealed part is
 * opened with the first of them that opens it). */
int sync_parse_keys(sync_batch *b, const sync_seal_key *keys, int nkeys, err *e);

/* ---- making a batch: export uses this; tests and benchmarks make batches with it -------- */

typedef struct sync_maker sync_maker;
/* A format 2 batch of device numbered number. */
sync_maker *sync_make2_begin(const char *device, long long number);
/* Adds one sealed submission (ids in increasing order): 0; 1 when the batch is full (not
 * added: end this one, begin the next); -1 when it breaks the rules a reader checks. */
int sync_make2_add(sync_maker *m, const char *id, const unsigned char *sealed, size_t len,
                   err *e);
/* Format 1, which kiosks no longer write: for the tests and benchmarks of the reader. */
sync_maker *sync_make_begin(const char *device);
/* Adds one answer (in increasing seq): 0; 1 when the batch is full (not added: end this one,
 * begin the next); -1 when the answer breaks the rules a reader checks (message names seq). */
int sync_make_add(sync_maker *m, const sync_answer *a, err *e);
/* The batch is signed with a key that replaced another (lost): replaces is that key in
 * base64, or "unknown"; the header says so (key-change). */
void sync_make_key_change(sync_maker *m, const char *replaces);
/* The whole file into *file (malloc'd) and its name, signed with sk. seal_pk: format 1 only
 * (its payload sealed whole; NULL: plain). Frees m. */
int sync_make_end(sync_maker *m, const unsigned char sk[64], const unsigned char *seal_pk,
                  unsigned char **file, size_t *len, char name[SYNC_NAME_MAX], err *e);
void sync_make_free(sync_maker *m);

/* ---- export ---------------------------------------------------------------------------- */

typedef struct sync_options {
    /* the data directory cannot be written (a read-only card): the submissions not yet
     * exported go out (those never reserved under the numbers that follow the last one), but
     * no batch can be reserved nor the export mark kept (they go again next time; the office
     * drops them as duplicates), no key is made and the device record is not updated */
    int readonly;
    /* the file whose hash fingerprints this installation; NULL: /etc/machine-id; "": no
     * check (sveikictl export, which may read a kiosk's card in the office's reader) */
    const char *machine_id;
} sync_options;

typedef struct sync_result {
    int batches;        /* batch files written (or found whole on the target already) */
    long submissions;   /* submissions in them */
    long long first_batch, last_batch; /* their numbers */
    char path[PATH_MAX]; /* the last batch, or "" */
    int linked;         /* the target's sveiki folder holds a symbolic link: nothing written */
    int key_changed;    /* the device key was missing and a new one was made: its batches
                           say so (key-change), the office must accept it */
    int new_device;     /* the data folder was copied from another installation: this one
                           took a new device id (its submissions are not the original's) */
    int unmarked;       /* written, but the export mark could not be kept (readonly) */
    char note[PATH_MAX + 320]; /* what happened in a sentence: "nothing new to export", ... */
} sync_result;

/* Exports the submissions of s not yet exported into to_dir/sveiki/exports/DEVICE/, as
 * batches signed with DATA/device.key (made, 0600, with DATA/device.pub, at first use):
 * first any batch reserved before and not marked (an export cut short), then the next
 * numbers. With nothing new it writes nothing, returns 0 and says so in r->note. It needs no
 * office key: the submissions were sealed when they were stored.
 *  - Every folder below to_dir is opened without following a link (app/fs fs_dir): a
 *    sveiki, exports or DEVICE folder that is a link stops the export with nothing written
 *    and r->linked set.
 *  - A batch already on the target under the same name is kept (and its submissions marked)
 *    only when it is byte for byte the batch this export makes (an export killed after its
 *    rename: the same number holds the same submissions); another valid batch under that
 *    name (a kiosk made from a copy of this data folder) is never replaced: this one is
 *    written beside it as NAME.2.batch (up to .9).
 *  - DATA/device.state records the installation's fingerprint (a hash of /etc/machine-id,
 *    never the id itself) and the public key in use. A data folder copied to other hardware
 *    takes a new device id before it exports (r->new_device), so two kiosks never share
 *    one; with both key files gone after a key was recorded (or after an export), a new key
 *    is made, said in r->note and r->key_changed, and every batch it signs carries
 *    key-change with the key it replaces.
 * Temp files a killed export left in the device's folder are removed. On any error, what was
 * written and verified before it stays marked; the rest goes next time. */
int sync_export(store *s, const char *data_dir, const char *to_dir, sync_result *r, err *e);
int sync_export_opt(store *s, const char *data_dir, const char *to_dir, const sync_options *o,
                    sync_result *r, err *e);

/* Reads the office's sealing secret key file. */
int sync_load_seal_key(const char *path, sync_seal_key *k, err *e);

#endif
