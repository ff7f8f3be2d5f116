/* admin: what lets staff, and only staff, into a kiosk. The PIN is kept only as an Argon2id
 * hash (libsodium crypto_pwhash_str, with limits at which a check takes well under a second
 * on a Raspberry Pi 4); five wrong PINs lock it for five minutes, counted in the data
 * directory (DATA/admin.lock, written whole through app/fs) so a restart does not reset the
 * count. The keys a kiosk trusts come from a set-up folder on a stick (sveiki/setup/, which
 * `sveikictl setup-stick` writes): the content signing key and the office's sealing key,
 * each shown to staff as a fingerprint to compare aloud with the office's. No SDL, no
 * screen: app/ui asks through the kiosk. */
#ifndef SV_ADMIN_H
#define SV_ADMIN_H

#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

#define ADMIN_PIN_MIN 4
#define ADMIN_PIN_MAX 12
#define ADMIN_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
#define ADMIN_TRIES 5       /* wrong PINs in a row before the lock */
#define ADMIN_LOCK_S 300    /* the lock, in seconds */

/* The set-up folder on a stick and the names of its two keys: one kind can never be taken
 * for the other (the files' tags differ too, app/sign.h). */
#define ADMIN_SETUP_DIR "sveiki/setup"
#define ADMIN_SIGNING_FILE "content-signing.pub"
#define ADMIN_SEALING_FILE "office-sealing.pub"

/* Whether pin is ADMIN_PIN_MIN to ADMIN_PIN_MAX ASCII digits. */
int admin_pin_ok(const char *pin);
/* The PIN's Argon2id hash into out (ADMIN_HASH_MAX bytes). fast: the lowest limits libsodium
 * allows, for the tests only. */
int admin_pin_hash(const char *pin, int fast, char out[ADMIN_HASH_MAX], err *e);

enum { ADMIN_PIN_RIGHT, ADMIN_PIN_WRONG, ADMIN_PIN_LOCKED };
/* Checks pin against hash at wall-clock second now, with the lockout of the data directory:
 * ADMIN_PIN_LOCKED (nothing checked) while a lock holds, with *until its end; a wrong PIN
 * counts, the fifth in a row locks; a right one clears the count. -1 with a message when
 * the count cannot be written (a PIN is then refused: the count must hold). */
int admin_pin_check(const char *data, const char *hash, const char *pin, int64_t now,
                    int64_t *until, int *left, err *e);

/* The staff PIN's hash: the configured one, else DATA/admin.pin (chosen at set-up). 0 with
 * it in out; 1 when there is none yet. */
int admin_pin_read(const char *data, const char *configured, char out[ADMIN_HASH_MAX]);
/* Stores the hash of a PIN chosen at set-up as DATA/admin.pin (0600). */
int admin_pin_store(const char *data, const char *hash, err *e);

/* A key's fingerprint for staff to read aloud: 5 groups of 4 hex digits of its BLAKE2b hash,
 * "3F2A 91C0 ..." (25 bytes with the NUL). */
void admin_fingerprint(const unsigned char pk[32], char out[32]);

/* The two keys of a set-up folder (stick/sveiki/setup/), read beneath the stick without
 * following a link. Both must be there and each of its kind. */
typedef struct admin_keys {
    unsigned char sign_pk[32], seal_pk[32];
    char sign_file[4096], seal_file[4096]; /* the files' text, as written to the data dir */
    size_t sign_len, seal_len;
    char sign_fp[32], seal_fp[32];
} admin_keys;
int admin_keys_read(const char *stick, admin_keys *out, err *e);
/* Writes them as DATA/trusted.pub and DATA/operator.pub (each whole or not at all). */
int admin_keys_store(const char *data, const admin_keys *k, err *e);

/* The placeholders left {{fill in: ...}} in the pack at path, "page: kind" one a line (each
 * page, field or hotline once, whatever the language) into out; returns how many (0 when
 * none or the pack cannot be read). The public never sees them: a contact left so is hidden
 * from them, so staff must see what is missing here. */
int admin_placeholders(const char *pack, char *out, size_t cap);

#endif
