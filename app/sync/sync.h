/* sync: export batches, the files that carry a kiosk's answers to the office (kiosk and
 * office share this module). It promises:
 *  - A batch is one immutable file, never edited once written, named by what it holds:
 *      sveiki/exports/DEVICE/DEVICE-FIRST-LAST.batch   (FIRST zero-padded to 10 digits)
 *    so any file-sync engine (a USB stick, rsync, Syncthing) can carry it safely.
 *  - sync_export writes it through app/fs (temp file, fsync, rename, directory fsync), reads
 *    it back and verifies it, and only then moves the store's export mark. A pulled or full
 *    stick, a failed write or a kill at any moment leaves either no batch or a whole one, and
 *    the answers not marked go out with the next export. Nothing is deleted from the kiosk.
 *  - Every batch read is hostile until proven otherwise: size caps, exact lengths, the hash,
 *    the device's signature, then a parse where every length is checked against what is left
 *    and every field against the rules the kiosk stored it with. A refusal names the file and
 *    says why.
 *
 * The format (version 1). A text header an operator can read with `head`, one "key value" a
 * line in exactly this order, ending with an empty line:
 *      sveiki-batch
 *      format 1
 *      device 0b7e...            the store's random device id (a UUID)
 *      key BASE64                the device's Ed25519 public key (DATA/device.pub)
 *      key-change OLD            only when this key replaced a lost one: the key it replaces
 *                                (BASE64), or "unknown"; the office accepts the new key only
 *                                when told to (sveikictl merge --accept-key-change DEVICE)
 *      count N                   answers in the payload, 1..SYNC_MAX_ANSWERS
 *      first N                   sequence number of the first answer
 *      last N                    ... and of the last (first <= last)
 *      pack ID VERSION           one line per content pack seen, sorted, at least one
 *      payload plain|sealed      sealed: crypto_box_seal to the operator's X25519 key
 *      size N                    payload bytes
 *      sha256 HEX                SHA-256 of the payload bytes as stored (sealed or not)
 *      (empty line)
 * then the payload, then 64 bytes: the Ed25519 signature (crypto_sign) by the device's key of
 * everything before them (header and payload). So a batch can be checked (hash, signature)
 * without the operator's key, and a lost stick shows only counts and pack names, never an
 * answer, when the payload is sealed.
 * The payload (plain) is `count` records, each: seq (8 bytes), period (8 bytes, signed), then
 * uuid, submission, survey, question, value, lang, pack, pack_version, each as a 2-byte length
 * and that many bytes of UTF-8; all integers little-endian. Why length-prefixed binary and not
 * JSON lines: values are typed text with line breaks, quotes and any script, and a reader of
 * hostile bytes is safest when nothing needs unescaping: each length is checked against the
 * bytes left, and a field is used as it is. The header stays text because it is what a person
 * checks by hand. */
#ifndef SV_SYNC_H
#define SV_SYNC_H

#include "core/err.h"
#include "store/store.h"

#include <limits.h>
#include <stddef.h>

#define SYNC_FORMAT 1
#define SYNC_MAX_ANSWERS 100000        /* answers in one batch; export writes more batches */
#define SYNC_MAX_PAYLOAD (48u << 20)   /* plain payload bytes in one batch */
#define SYNC_MAX_PACKS 256             /* pack lines in one header */
#define SYNC_MAX_HEADER 65536
#define SYNC_MAX_FILE (64u << 20)      /* a larger file is refused before it is read */
#define SYNC_NAME_MAX 80               /* DEVICE-FIRST-LAST and a NUL */

/* One answer as a batch carries it (the fields of store_row). */
typedef struct sync_answer {
    const char *uuid, *submission, *survey, *question, *value, *lang, *pack, *pack_version;
    long long seq, period;
} sync_answer;

typedef struct sync_pack {
    char id[65], version[65];
} sync_pack;

/* A batch as read: the header always, the answers after sync_read. */
typedef struct sync_batch {
    char name[SYNC_NAME_MAX]; /* DEVICE-FIRST-LAST from the header (the file may be renamed) */
    char device[37];
    unsigned char key[32];    /* the device's Ed25519 public key */
    char key_b64[48];
    char key_change[48];      /* the key this one replaced ("unknown" when not known): the
                                 kiosk lost its key and made a new one; "" otherwise */
    long long count, first_seq, last_seq;
    int sealed;
    char sha256[65];          /* of the payload as stored, lowercase hex */
    int npacks;
    sync_pack *packs;
    sync_answer *answers;     /* count answers in seq order (sync_read only) */
    char file[PATH_MAX];      /* the name messages give the file */
    unsigned char *file_, *strings_; /* private */
    size_t strings_n_, hlen_, len_;
} sync_batch;

/* The operator's sealing key pair (sveikictl keygen --seal). */
typedef struct sync_seal_key {
    unsigned char pk[32], sk[32];
} sync_seal_key;

/* Checks the file at path: caps, header, exact length, hash and signature; fills b's header
 * fields (b->answers stays NULL). Messages name the file as name (NULL: path). */
int sync_verify(const char *path, const char *name, sync_batch *b, err *e);
/* sync_verify, then opens a sealed payload with key (NULL: a sealed batch is refused) and
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

/* ---- making a batch: export uses this; tests and benchmarks make batches with it -------- */

typedef struct sync_maker sync_maker;
sync_maker *sync_make_begin(const char *device);
/* Adds one answer (in increasing seq): 0; 1 when the batch is full (not added: end this one,
 * begin the next); -1 when the answer breaks the rules a reader checks (message names seq). */
int sync_make_add(sync_maker *m, const sync_answer *a, err *e);
/* The batch is signed with a key that replaced another (lost): replaces is that key in
 * base64, or "unknown"; the header says so (key-change). */
void sync_make_key_change(sync_maker *m, const char *replaces);
/* The whole file into *file (malloc'd) and its name; seal_pk NULL: plain. Frees m. */
int sync_make_end(sync_maker *m, const unsigned char sk[64], const unsigned char *seal_pk,
                  unsigned char **file, size_t *len, char name[SYNC_NAME_MAX], err *e);
void sync_make_free(sync_maker *m);

/* ---- export ---------------------------------------------------------------------------- */

typedef struct sync_options {
    /* the operator's sealing public key file; NULL: DATA/operator.pub when it exists (then
     * a damaged or wrong-kind file stops the export: nothing goes out unsealed by mistake) */
    const char *operator_pub;
    int plain; /* 1: never seal, even with DATA/operator.pub (tests, a trusted office) */
    /* the data directory cannot be written (a read-only card): the answers not yet exported
     * go out, but the export mark cannot be kept (they go again next time; the office drops
     * them as duplicates), no key is made and the device record is not updated */
    int readonly;
    /* the file whose hash fingerprints this installation; NULL: /etc/machine-id; "": no
     * check (sveikictl export, which may read a kiosk's card in the office's reader) */
    const char *machine_id;
} sync_options;

typedef struct sync_result {
    int batches;        /* batch files written (or found whole on the target already) */
    long answers;       /* answers in them */
    long long first_seq, last_seq;
    int sealed;
    char path[PATH_MAX]; /* the last batch, or "" */
    int linked;         /* the target's sveiki folder holds a symbolic link: nothing written */
    int key_changed;    /* the device key was missing and a new one was made: its batches
                           say so (key-change), the office must accept it */
    int new_device;     /* the data folder was copied from another installation: this one
                           took a new device id (its answers are not the original's) */
    int unmarked;       /* written, but the export mark could not be kept (readonly) */
    char note[PATH_MAX + 128]; /* what happened in a sentence: "nothing new to export", ... */
} sync_result;

/* Exports the answers of s not yet exported into to_dir/sveiki/exports/DEVICE/, as batches
 * signed with DATA/device.key (made, 0600, with DATA/device.pub, at first use). With nothing
 * new it writes nothing, returns 0 and says so in r->note.
 *  - Every folder below to_dir is opened without following a link (app/fs fs_dir): a
 *    sveiki, exports or DEVICE folder that is a link stops the export with nothing written
 *    and r->linked set.
 *  - A batch already on the target under the same name is kept (and its answers marked) only
 *    when it is byte for byte the batch this export makes (an export killed after its
 *    rename); another valid batch under that name (a kiosk made from a copy of this data
 *    folder) is never replaced: this one is written beside it as NAME.2.batch (up to .9).
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

/* Reads the operator's sealing secret key file. */
int sync_load_seal_key(const char *path, sync_seal_key *k, err *e);

#endif
