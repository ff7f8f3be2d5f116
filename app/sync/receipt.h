/* receipt: what the office tells a kiosk it holds, so the kiosk can delete it at once
 * instead of keeping it until the retention days are over. It promises:
 *  - A receipt is one small file per device, written by `sveikictl merge --receipt-key` next
 *    to the exports it merged from: sveiki/receipts/DEVICE.receipt. It lists the device's
 *    batches (format 2) the central database holds, committed, by number and SHA-256.
 *  - It is signed with the office's Ed25519 receipt key (sveikictl keygen NAME: NAME.key stays
 *    at the office, NAME.pub goes to every kiosk as DATA/office.pub). Why a key of its own:
 *    the sealing key pair is X25519 and cannot sign, and deriving the sealing key from an
 *    Ed25519 one would change every kiosk's operator.pub; a separate file changes nothing for
 *    a kiosk without it (it ignores receipts and keeps its retention days).
 *  - Read as hostile: at most SYNC_RECEIPT_MAX bytes, the signature checked before anything
 *    is parsed, then every line exactly; its device must be the reader's own. The kiosk
 *    takes only numbers of batches it wrote (below its next batch number) and deletes only
 *    submissions it marked exported under them; an old receipt brought again names batches
 *    whose submissions are gone already, and deletes nothing more. The hash is for the
 *    office's records and for tests: the kiosk keeps no batch's hash (a batch number names
 *    the same submissions whenever it is written again).
 * The format, text an operator can read with `head`, one "key value" a line:
 *      sveiki-receipt
 *      format 1
 *      device UUID
 *      issued UNIXTIME           when the office wrote it
 *      count N                   lines that follow, 0..SYNC_RECEIPT_BATCHES
 *      batch NUMBER SHA256HEX    N lines, numbers increasing (the newest N the office holds)
 *      (empty line)
 * then 64 bytes: the Ed25519 signature (crypto_sign_detached) of everything before them. */
#ifndef SV_SYNC_RECEIPT_H
#define SV_SYNC_RECEIPT_H

#include "core/err.h"

#include <stddef.h>

#define SYNC_RECEIPT_BATCHES 4096
#define SYNC_RECEIPT_MAX (256 + (size_t)SYNC_RECEIPT_BATCHES * 88 + 64)

typedef struct sync_receipt {
    char device[37];
    long long issued;
    int count;
    long long *numbers; /* count of them, increasing (malloc'd: sync_receipt_free) */
} sync_receipt;

/* Makes a receipt of n batches (numbers increasing, each 1..9999999999; sha256: 64
 * lowercase hex each) for device, signed with sk: *out (malloc'd), *len. 0 or -1. */
int sync_receipt_make(const char *device, long long issued, const long long *numbers,
                      const char (*sha256)[65], int n, const unsigned char sk[64],
                      unsigned char **out, size_t *len, err *e);
/* Checks the len bytes at p (named name in messages): size, the signature by pk, then the
 * text; the device must be device. 0 with r filled, or -1 and why. */
int sync_receipt_read(const unsigned char *p, size_t len, const unsigned char pk[32],
                      const char *device, const char *name, sync_receipt *r, err *e);
void sync_receipt_free(sync_receipt *r);

/* ---- on the kiosk ----------------------------------------------------------------------- */

struct store;

typedef struct sync_receipt_result {
    int found;      /* a receipt for this kiosk was on the stick, signed by the office */
    int receipted;  /* batches of this kiosk it names */
    long deleted;   /* submissions deleted for it (0 for a receipt seen before) */
    char note[800]; /* for the log: what happened, or why nothing was */
} sync_receipt_result;

/* Reads to_dir/sveiki/receipts/DEVICE.receipt (every folder and the file opened without
 * following a link) and deletes, in one transaction, the store's submissions it names
 * (store_delete_receipted; s must be writable). Without DATA/office.pub or without a receipt
 * for this kiosk: nothing is done, 0, and r->note says so. A receipt that fails any check
 * (forged, changed, another kiosk's, too large, a link): -1, nothing deleted, e says why. */
int sync_take_receipt(struct store *s, const char *data_dir, const char *to_dir,
                      sync_receipt_result *r, err *e);

#endif
