/* admin: the staff PIN, its lockout and the keys of a set-up stick (see admin.h). */
#include "admin.h"

#include "core/buf.h"
#include "fs.h"

#include <inttypes.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int admin_pin_ok(const char *pin)
{
    size_t n = strlen(pin);
    if (n < ADMIN_PIN_MIN || n > ADMIN_PIN_MAX)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (pin[k] < '0' || pin[k] > '9')
            return 0;
    return 1;
}

/* Argon2id at libsodium's interactive time cost with a quarter of its memory (16 MiB): about
 * 75 ms a check on this project's 2-core x86 (150 ms with 32 MiB), so a few tenths of a
 * second on a Raspberry Pi 4, which is several times slower: a person at a keypad does not
 * wait, and each guess still costs 16 MiB of memory-hard work. */
#define PIN_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PIN_MEM (crypto_pwhash_MEMLIMIT_INTERACTIVE / 4)

int admin_pin_hash(const char *pin, int fast, char out[ADMIN_HASH_MAX], err *e)
{
    if (sodium_init() < 0)
        return err_set(e, "libsodium could not start");
    if (!admin_pin_ok(pin))
        return err_set(e, "a PIN is %d to %d digits", ADMIN_PIN_MIN, ADMIN_PIN_MAX);
    if (crypto_pwhash_str_alg(out, pin, strlen(pin),
                              fast ? crypto_pwhash_OPSLIMIT_MIN : PIN_OPS,
                              fast ? crypto_pwhash_MEMLIMIT_MIN : PIN_MEM,
                              crypto_pwhash_ALG_ARGON2ID13))
        return err_set(e, "out of memory while hashing the PIN");
    return 0;
}

/* DATA/admin.lock: "fails N\nuntil SECONDS\n" (the wall clock's second the lock ends, 0:
 * none). A missing or unreadable file is no count: the count is a brake, not the secret. */
static void lock_path(const char *data, char *out, size_t cap)
{
    snprintf(out, cap, "%s/admin.lock", data);
}

static void lock_read(const char *data, int *fails, int64_t *until)
{
    char path[4200];
    lock_path(data, path, sizeof path);
    *fails = 0, *until = 0;
    size_t len;
    unsigned char *t = fs_read_all(path, 256, &len, NULL);
    if (!t)
        return;
    long long u = 0;
    int f = 0;
    if (sscanf((char *)t, "fails %d\nuntil %lld", &f, &u) == 2 && f >= 0 && f <= ADMIN_TRIES &&
        u >= 0)
        *fails = f, *until = u;
    free(t);
}

static int lock_write(const char *data, int fails, int64_t until, err *e)
{
    char path[4200], text[64];
    lock_path(data, path, sizeof path);
    int n = snprintf(text, sizeof text, "fails %d\nuntil %" PRId64 "\n", fails, until);
    return fs_write_atomic(path, text, (size_t)n, 0600, e);
}

int admin_pin_check(const char *data, const char *hash, const char *pin, int64_t now,
                    int64_t *until, int *left, err *e)
{
    int fails;
    int64_t lock;
    lock_read(data, &fails, &lock);
    *until = 0;
    *left = ADMIN_TRIES - fails;
    /* a lock that ends more than its length ahead was written by a clock set wrong: it holds
     * from now, no longer */
    if (lock > now + ADMIN_LOCK_S)
        lock = now + ADMIN_LOCK_S;
    if (lock > now) {
        *until = lock;
        return ADMIN_PIN_LOCKED;
    }
    if (sodium_init() < 0)
        return err_set(e, "libsodium could not start");
    if (admin_pin_ok(pin) && !crypto_pwhash_str_verify(hash, pin, strlen(pin))) {
        if ((fails || lock) && lock_write(data, 0, 0, e))
            return -1;
        *left = ADMIN_TRIES;
        return ADMIN_PIN_RIGHT;
    }
    fails++;
    if (fails >= ADMIN_TRIES) {
        if (lock_write(data, 0, now + ADMIN_LOCK_S, e))
            return -1;
        *until = now + ADMIN_LOCK_S;
        *left = 0;
        return ADMIN_PIN_LOCKED;
    }
    if (lock_write(data, fails, 0, e))
        return -1;
    *left = ADMIN_TRIES - fails;
    return ADMIN_PIN_WRONG;
}

int admin_pin_read(const char *data, const char *configured, char out[ADMIN_HASH_MAX])
{
    if (configured) {
        str_copy(out, ADMIN_HASH_MAX, configured);
        return 0;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/admin.pin", data);
    size_t len;
    unsigned char *t = fs_read_all(path, ADMIN_HASH_MAX - 1, &len, NULL);
    if (!t)
        return 1;
    t[strcspn((char *)t, "\r\n")] = 0;
    int rc = strncmp((char *)t, "$argon2id$", 10) ? 1 : 0;
    if (!rc)
        str_copy(out, ADMIN_HASH_MAX, (char *)t);
    free(t);
    return rc;
}

int admin_pin_store(const char *data, const char *hash, err *e)
{
    char path[4200], text[ADMIN_HASH_MAX + 2];
    snprintf(path, sizeof path, "%s/admin.pin", data);
    int n = snprintf(text, sizeof text, "%s\n", hash);
    return fs_write_atomic(path, text, (size_t)n, 0600, e);
}

void admin_fingerprint(const unsigned char pk[32], char out[32])
{
    unsigned char h[10];
    crypto_generichash(h, sizeof h, pk, 32, NULL, 0);
    static const char hex[] = "0123456789ABCDEF";
    char *p = out;
    for (int k = 0; k < 10; k++) {
        if (k && !(k % 2))
            *p++ = ' ';
        *p++ = hex[h[k] >> 4];
        *p++ = hex[h[k] & 15];
    }
    *p = 0;
}

/* A public key file's text (the tag line, then base64) into pk, checked for its kind. */
static int key_text(const char *name, const char *text, size_t len, const char *tag,
                    const char *kind, unsigned char pk[32], err *e)
{
    size_t tl = strlen(tag);
    if (len <= tl || strncmp(text, tag, tl) || text[tl] != '\n')
        return err_set(e, "%s is not a %s", name, kind);
    const char *b64 = text + tl + 1;
    size_t bl = strcspn(b64, "\r\n"), got = 0;
    if (sodium_base642bin(pk, 32, b64, bl, NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL) ||
        got != 32)
        return err_set(e, "%s is damaged: ask the office for a new set-up folder", name);
    return 0;
}

int admin_keys_read(const char *stick, admin_keys *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return err_set(e, "libsodium could not start");
    fs_dir *root = fs_dir_open(stick, e), *dir = NULL;
    if (!root)
        return -1;
    int rc = fs_dir_sub(root, ADMIN_SETUP_DIR, 0, &dir, e);
    fs_dir_close(root);
    if (rc)
        return rc == FS_ABSENT ? err_set(e, "the stick has no " ADMIN_SETUP_DIR " folder "
                                            "(sveikictl setup-stick writes one)")
                               : -1;
    struct {
        const char *name, *tag, *kind;
        char *text;
        size_t *len;
        unsigned char *pk;
        char *fp;
    } want[] = {{ADMIN_SIGNING_FILE, "sveiki-public-key-v1", "content signing public key",
                 out->sign_file, &out->sign_len, out->sign_pk, out->sign_fp},
                {ADMIN_SEALING_FILE, "sveiki-seal-public-key-v1", "office sealing public key",
                 out->seal_file, &out->seal_len, out->seal_pk, out->seal_fp}};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        size_t len;
        unsigned char *t = fs_dir_read_all(dir, want[k].name, sizeof out->sign_file - 1, &len, e);
        if (!t) {
            fs_dir_close(dir);
            return -1;
        }
        rc = key_text(want[k].name, (char *)t, len, want[k].tag, want[k].kind, want[k].pk, e);
        if (!rc) {
            memcpy(want[k].text, t, len);
            *want[k].len = len;
            admin_fingerprint(want[k].pk, want[k].fp);
        }
        free(t);
        if (rc) {
            fs_dir_close(dir);
            return -1;
        }
    }
    fs_dir_close(dir);
    return 0;
}

int admin_keys_store(const char *data, const admin_keys *k, err *e)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/trusted.pub", data);
    if (fs_write_atomic(path, k->sign_file, k->sign_len, 0644, e))
        return -1;
    snprintf(path, sizeof path, "%s/operator.pub", data);
    return fs_write_atomic(path, k->seal_file, k->seal_len, 0644, e);
}

int admin_placeholders(const char *pack, char *out, size_t cap)
{
    out[0] = 0;
    sqlite3 *db;
    if (sqlite3_open_v2(pack, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return 0;
    }
    /* the builder's tables (pack/format.h): page blocks, hotlines, survey and other texts;
     * a block's kind in words for staff (the builder stores h, li and p) */
    static const char sql[] =
        "SELECT 'page ' || page || ': ' || CASE kind WHEN 'p' THEN 'paragraph'"
        " WHEN 'li' THEN 'list item' WHEN 'h' THEN 'heading' ELSE kind END FROM blocks"
        " WHERE instr(text, '{{') OR instr(value, '{{')"
        " UNION SELECT 'hotline ' || id FROM hotlines WHERE instr(phone, '{{')"
        " UNION SELECT owner || ': ' || key FROM texts WHERE instr(text, '{{')"
        " ORDER BY 1";
    sqlite3_stmt *st;
    int n = 0;
    size_t len = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *row = (const char *)sqlite3_column_text(st, 0);
            if (!row)
                continue;
            n++;
            if (len + strlen(row) + 8 < cap)
                len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? "\n" : "", row);
            else if (len + 6 < cap && !strstr(out, "..."))
                len += (size_t)snprintf(out + len, cap - len, "\n...");
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}
