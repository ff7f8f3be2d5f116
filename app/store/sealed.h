/* sealed: one submission as the kiosk seals it to the office's public key (crypto_box_seal,
 * X25519) in the transaction that stores it, and as the office opens it. It promises:
 *  - What is sealed is everything a submission says: its random id (the same id is beside the
 *    blob in clear, and must match), the survey, the interface language, the pack id and
 *    version, the period (unix time rounded down to the day, or the hour), and for each answer
 *    a random UUID, the question, the kind (feedback.h; empty in a submission sealed from a
 *    store that did not know kinds) and the value. No sequence number, no exact time.
 *  - The kiosk holds only the office's public key: once sealed, its own answers cannot be
 *    read on it again. The plaintext is padded (ISO/IEC 7816-4, libsodium's sodium_pad) to a
 *    multiple of SEALED_BLOCK bytes, so a blob's length tells little about the typed text.
 *  - Opening is for hostile bytes: the size is checked before anything is opened, and every
 *    length and field after, against the rules the store keeps (1..64-byte ids without space
 *    or control character, 1..2000-byte values, UTF-8, lowercase UUIDs, 1..64 answers, each
 *    answer UUID once). A refusal says why; the caller names the file.
 * The plaintext, all integers little-endian:
 *      1 byte      1 (this layout's version)
 *      36 bytes    the submission's id (a lowercase UUID)
 *      8 bytes     period, signed
 *      survey, lang, pack, pack_version: each a 2-byte length and that many bytes
 *      1 byte      the number of answers, 1..64
 *      each answer: 36 bytes of UUID, then question, kind, value, each a 2-byte length and
 *                  that many bytes (kind may be empty)
 *      then the padding to a multiple of SEALED_BLOCK. */
#ifndef SV_STORE_SEALED_H
#define SV_STORE_SEALED_H

#include "core/err.h"

#include <stddef.h>

#define SEALED_BLOCK 256
#define SEALED_MAX_ANSWERS 64
/* the longest plaintext (padded): 64 answers of the longest fields fit */
#define SEALED_MAX_PLAIN (160u * 1024)
#define SEALED_OVERHEAD 48 /* crypto_box_SEALBYTES */
#define SEALED_MAX (SEALED_MAX_PLAIN + SEALED_OVERHEAD)

typedef struct sealed_answer {
    const char *uuid, *question, *kind, *value;
} sealed_answer;

typedef struct sealed_submission {
    const char *id, *survey, *lang, *pack, *pack_version;
    long long period;
    int nanswers;
    sealed_answer answers[SEALED_MAX_ANSWERS];
    char *mem_; /* the strings, after sealed_open or sealed_parse (sealed_free) */
    size_t mem_n_;
} sealed_submission;

/* The office's sealing key pair (sveikictl keygen --seal). */
typedef struct sealed_key {
    unsigned char pk[32], sk[32];
} sealed_key;

/* Seals s to the office's public key pk: *out (malloc'd) and *len. Refuses (-1, why) a field
 * the reader would refuse. The plaintext is wiped before it returns. */
int sealed_make(const sealed_submission *s, const unsigned char pk[32], unsigned char **out,
                size_t *len, err *e);
/* Opens the len bytes at blob with the first of the nkeys keys that opens it and parses it
 * into s (free with sealed_free). -1 with why in e: a size no blob has, a blob none of the
 * keys opens, or a plaintext that breaks a rule. */
int sealed_open(const unsigned char *blob, size_t len, const sealed_key *keys, int nkeys,
                sealed_submission *s, err *e);
/* Parses an opened (and unpadded) plaintext of n bytes; what sealed_open does after opening,
 * for tests and fuzzing. */
int sealed_parse(const unsigned char *p, size_t n, sealed_submission *s, err *e);
void sealed_free(sealed_submission *s);

/* The rules, shared with the batch reader: NULL when acceptable, else why ("is empty", ...). */
const char *sealed_id_problem(const char *s, size_t n);    /* 1..64 bytes, no space */
const char *sealed_value_problem(const char *s, size_t n); /* 1..2000 bytes */
int sealed_is_uuid(const char *s, size_t n);               /* 36 lowercase, 4 dashes */

#endif
