#include "sign.h"
#include "core/buf.h"
#include "fs.h"
#include "pack/format.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static const char SK_TAG[] = "sveiki-secret-key-v1";
static const char PK_TAG[] = "sveiki-public-key-v1";
static const char SEAL_SK_TAG[] = "sveiki-seal-secret-key-v1";
static const char SEAL_PK_TAG[] = "sveiki-seal-public-key-v1";
/* a signed pack ends with: signature (64), pack length (8, big-endian), this magic (16) */
static const char TRAILER_MAGIC[] = "sveiki-signed-1\n";
static const char PACK_CONTEXT[] = "sveiki-pack-v1";
#define SIGN_MSG (sizeof PACK_CONTEXT + crypto_hash_sha256_BYTES)

static int init(err *e)
{
    return sodium_init() < 0 ? err_set(e, "libsodium failed to start") : 0;
}

/* Writes "TAG\nbase64\n" to path atomically (app/fs). */
static int write_tagged(const char *path, const char *tag, const unsigned char *bin, size_t n,
                        int mode, err *e)
{
    char b64[256];
    sodium_bin2base64(b64, sizeof b64, bin, n, sodium_base64_VARIANT_ORIGINAL);
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s\n%s\n", tag, b64);
    int rc = fs_write_atomic(path, b.data, b.len, mode, e);
    sodium_memzero(b.data, b.len);
    sodium_memzero(b64, sizeof b64);
    buf_free(&b);
    return rc;
}

/* What each kind of key file is, in the words messages use, and which command writes it:
 * the three pairs (content signing, office sealing, office receipts) must never be taken
 * for one another. */
static const char *const key_kinds[][3] = {
    {SK_TAG, "a signing secret key", "NAME.key of sveikictl keygen --signing NAME, or "
                                     "--receipts NAME for receipts"},
    {PK_TAG, "a signing public key", "NAME.pub of sveikictl keygen --signing NAME, or "
                                     "--receipts NAME for receipts"},
    {SEAL_SK_TAG, "an office sealing secret key", "NAME.key of sveikictl keygen --sealing NAME"},
    {SEAL_PK_TAG, "an office sealing public key", "NAME.pub of sveikictl keygen --sealing NAME"}};

/* Reads a "TAG\nbase64\n" file holding exactly n bytes. */
static int read_tagged(const char *path, const char *tag, unsigned char *out, size_t n, err *e)
{
    size_t k = 0;
    while (k < 3 && strcmp(key_kinds[k][0], tag))
        k++;
    const char *want = key_kinds[k][1], *hint = key_kinds[k][2];
    /* a key file is two short lines: a large file is the wrong file, said as such */
    fs_info in;
    if (fs_stat(path, &in, NULL) == 0 && in.kind == FS_NONE)
        return err_set(e, "%s: no such file: give %s", path, hint);
    if (fs_stat(path, &in, NULL) == 0 && in.kind == FS_FILE && in.size > 4096)
        return err_set(e, "%s: not %s (a key file is two short lines, this one is %lld bytes): "
                       "give %s", path, want, in.size, hint);
    size_t len;
    unsigned char *t = fs_read_all(path, 4096, &len, e);
    if (!t)
        return -1;
    char *s = (char *)t;
    size_t tl = strlen(tag);
    int rc = 0;
    if (len < tl + 1 || strncmp(s, tag, tl) || s[tl] != '\n') {
        const char *is = NULL;
        for (size_t j = 0; j < sizeof key_kinds / sizeof *key_kinds && !is; j++) {
            size_t kl = strlen(key_kinds[j][0]);
            if (len > kl && !strncmp(s, key_kinds[j][0], kl) && s[kl] == '\n')
                is = key_kinds[j][1];
        }
        if (is)
            rc = err_set(e, "%s: not %s: it holds %s; give %s", path, want, is, hint);
        else
            rc = err_set(e, "%s: not %s, nor any key file: give %s", path, want, hint);
    } else {
        char *b64 = s + tl + 1;
        b64[strcspn(b64, "\r\n")] = 0;
        size_t got = 0;
        if (sodium_base642bin(out, n, b64, strlen(b64), NULL, &got, NULL,
                              sodium_base64_VARIANT_ORIGINAL) || got != n)
            rc = err_set(e, "%s: %s, damaged on its second line (expected %zu bytes of "
                         "base64): make it again, or copy it again from where it was made",
                         path, want, n);
    }
    sodium_memzero(t, len);
    free(t);
    return rc;
}

/* Writes NAME.key (0600) and NAME.pub with the tags of their kind; refuses to overwrite. */
static int keygen(const char *name, int seal, err *e)
{
    if (init(e))
        return -1;
    char kpath[4096], ppath[4096];
    snprintf(kpath, sizeof kpath, "%s.key", name);
    snprintf(ppath, sizeof ppath, "%s.pub", name);
    if (fs_exists(kpath) || fs_exists(ppath))
        return err_set(e, "%s: a key of that name exists; not overwriting it", kpath);
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    size_t pkn = seal ? crypto_box_PUBLICKEYBYTES : sizeof pk;
    size_t skn = seal ? crypto_box_SECRETKEYBYTES : sizeof sk;
    if (seal)
        crypto_box_keypair(pk, sk);
    else
        crypto_sign_keypair(pk, sk);
    int rc = write_tagged(kpath, seal ? SEAL_SK_TAG : SK_TAG, sk, skn, 0600, e);
    sodium_memzero(sk, sizeof sk);
    if (rc)
        return -1;
    return write_tagged(ppath, seal ? SEAL_PK_TAG : PK_TAG, pk, pkn, 0644, e);
}

int sign_keygen(const char *name, err *e) { return keygen(name, 0, e); }

int sign_seal_keygen(const char *name, err *e) { return keygen(name, 1, e); }

int sign_read_secret(const char *path, unsigned char sk[64], err *e)
{
    return init(e) ? -1 : read_tagged(path, SK_TAG, sk, crypto_sign_SECRETKEYBYTES, e);
}

int sign_read_public(const char *path, unsigned char pk[32], err *e)
{
    return init(e) ? -1 : read_tagged(path, PK_TAG, pk, crypto_sign_PUBLICKEYBYTES, e);
}

int sign_read_seal_secret(const char *path, unsigned char sk[32], unsigned char pk[32], err *e)
{
    if (init(e) || read_tagged(path, SEAL_SK_TAG, sk, crypto_box_SECRETKEYBYTES, e))
        return -1;
    crypto_scalarmult_base(pk, sk);
    return 0;
}

int sign_read_seal_public(const char *path, unsigned char pk[32], err *e)
{
    return init(e) ? -1 : read_tagged(path, SEAL_PK_TAG, pk, crypto_box_PUBLICKEYBYTES, e);
}

int sign_check_key(const char *keyfile, err *e)
{
    if (init(e))
        return -1;
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    int rc = read_tagged(keyfile, SK_TAG, sk, sizeof sk, e);
    sodium_memzero(sk, sizeof sk);
    return rc;
}

/* The message a signed pack's signature covers: a context, so a signature made for a pack
 * means nothing anywhere else, and the SHA-256 of the pack's bytes. */
static void pack_message(const unsigned char *data, size_t len, unsigned char msg[SIGN_MSG])
{
    memcpy(msg, PACK_CONTEXT, sizeof PACK_CONTEXT);
    crypto_hash_sha256(msg + sizeof PACK_CONTEXT, data, len);
}

/* The pack bytes of a file: its length without a signed-pack trailer, and the trailer. */
static size_t payload(const unsigned char *data, size_t len, const unsigned char **trailer)
{
    *trailer = NULL;
    if (len < SIGN_TRAILER || memcmp(data + len - sizeof TRAILER_MAGIC + 1, TRAILER_MAGIC,
                                     sizeof TRAILER_MAGIC - 1))
        return len;
    const unsigned char *t = data + len - SIGN_TRAILER;
    uint64_t n = 0;
    for (int k = 0; k < 8; k++)
        n = n << 8 | t[crypto_sign_BYTES + k];
    if (n != len - SIGN_TRAILER)
        return len; /* not a trailer of this file: the caller finds no signature */
    *trailer = t;
    return (size_t)n;
}

int sign_pack(const char *in, const char *out, const char *keyfile, err *e)
{
    if (init(e))
        return -1;
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    if (read_tagged(keyfile, SK_TAG, sk, sizeof sk, e))
        return -1;
    size_t len;
    unsigned char *data = fs_read_all(in, PACK_MAX_BYTES - SIGN_TRAILER, &len, e);
    if (!data) {
        sodium_memzero(sk, sizeof sk);
        return -1;
    }
    const unsigned char *old;
    len = payload(data, len, &old); /* signing again replaces the signature */
    unsigned char msg[SIGN_MSG], t[SIGN_TRAILER];
    pack_message(data, len, msg);
    crypto_sign_detached(t, NULL, msg, sizeof msg, sk);
    sodium_memzero(sk, sizeof sk);
    for (int k = 0; k < 8; k++)
        t[crypto_sign_BYTES + k] = (unsigned char)((uint64_t)len >> (56 - 8 * k));
    memcpy(t + crypto_sign_BYTES + 8, TRAILER_MAGIC, sizeof TRAILER_MAGIC - 1);
    unsigned char *whole = xrealloc(data, len + SIGN_TRAILER);
    memcpy(whole + len, t, SIGN_TRAILER);
    int rc = fs_write_atomic(out, whole, len + SIGN_TRAILER, 0644, e);
    free(whole);
    return rc;
}

int sign_pack_verify(const char *path, const char *name, const char *pubfile, err *e)
{
    if (init(e))
        return -1;
    if (!name)
        name = path;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    if (read_tagged(pubfile, PK_TAG, pk, sizeof pk, e))
        return -1;
    size_t len;
    err why;
    unsigned char *data = fs_read_all(path, PACK_MAX_BYTES, &len, &why);
    if (!data)
        return err_set(e, "%s: %s", name, why.msg);
    const unsigned char *t;
    size_t n = payload(data, len, &t);
    int rc = 0;
    if (!t) {
        err_set(e, "%s: the pack is not signed (build it with sveikictl pack build --key)", name);
        rc = SIGN_UNSIGNED;
    } else {
        unsigned char msg[SIGN_MSG];
        pack_message(data, n, msg);
        if (crypto_sign_verify_detached(t, msg, sizeof msg, pk)) {
            err_set(e, "%s: the signature does not match (the pack was changed, or signed "
                       "with another key than %s)", name, pubfile);
            rc = SIGN_MISMATCH;
        }
    }
    free(data);
    return rc;
}

int sign_pack_trailer_fd(int fd, size_t size, unsigned char t[SIGN_TRAILER], const char *name,
                         err *e)
{
    if (size < SIGN_TRAILER || size > PACK_MAX_BYTES)
        return err_set(e, "%s: the pack is not signed (build it with sveikictl pack build --key)",
                       name), SIGN_UNSIGNED;
    ssize_t r;
    do
        r = pread(fd, t, SIGN_TRAILER, (off_t)(size - SIGN_TRAILER));
    while (r < 0 && errno == EINTR);
    if (r != SIGN_TRAILER)
        return err_set(e, "%s: cannot read its last %d bytes: %s", name, SIGN_TRAILER,
                       r < 0 ? strerror(errno) : "the file is shorter");
    uint64_t n = 0;
    for (int k = 0; k < 8; k++)
        n = n << 8 | t[crypto_sign_BYTES + k];
    if (memcmp(t + SIGN_TRAILER - sizeof TRAILER_MAGIC + 1, TRAILER_MAGIC,
               sizeof TRAILER_MAGIC - 1) || n != size - SIGN_TRAILER)
        return err_set(e, "%s: the pack is not signed (build it with sveikictl pack build --key)",
                       name), SIGN_UNSIGNED;
    return 0;
}

int sign_pack_verify_fd(int fd, size_t size, const char *name, const char *pubfile, err *e)
{
    if (init(e))
        return -1;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], t[SIGN_TRAILER];
    if (read_tagged(pubfile, PK_TAG, pk, sizeof pk, e))
        return -1;
    int rc = sign_pack_trailer_fd(fd, size, t, name, e);
    if (rc)
        return rc;
    /* hashed in chunks where it lies: nothing copied, nothing held whole in memory */
    unsigned char msg[SIGN_MSG], chunk[65536];
    memcpy(msg, PACK_CONTEXT, sizeof PACK_CONTEXT);
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    size_t n = size - SIGN_TRAILER, at = 0;
    while (at < n) {
        size_t want = n - at < sizeof chunk ? n - at : sizeof chunk;
        ssize_t r = pread(fd, chunk, want, (off_t)at);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return err_set(e, "%s: cannot read: %s", name, r < 0 ? strerror(errno)
                                                                : "the file got shorter");
        crypto_hash_sha256_update(&h, chunk, (size_t)r);
        at += (size_t)r;
    }
    crypto_hash_sha256_final(&h, msg + sizeof PACK_CONTEXT);
    if (crypto_sign_verify_detached(t, msg, sizeof msg, pk))
        return err_set(e, "%s: the signature does not match (the pack was changed, or signed "
                          "with another key than %s)", name, pubfile), SIGN_MISMATCH;
    return 0;
}

int sign_pack_same(const char *a, const char *b)
{
    unsigned char ta[SIGN_TRAILER], tb[SIGN_TRAILER];
    size_t la, lb;
    /* the trailers first (cheap, and they differ for any other pack), then every byte: a
     * changed copy with the right trailer is not the same pack */
    if (fs_read_tail(a, PACK_MAX_BYTES, ta, sizeof ta, &la, NULL) ||
        fs_read_tail(b, PACK_MAX_BYTES, tb, sizeof tb, &lb, NULL) || la != lb ||
        memcmp(ta + SIGN_TRAILER - sizeof TRAILER_MAGIC + 1, TRAILER_MAGIC,
               sizeof TRAILER_MAGIC - 1) ||
        memcmp(ta, tb, sizeof ta))
        return 0;
    unsigned char *da = fs_read_all(a, PACK_MAX_BYTES, &la, NULL);
    unsigned char *db = da ? fs_read_all(b, PACK_MAX_BYTES, &lb, NULL) : NULL;
    int same = da && db && la == lb && !memcmp(da, db, la);
    free(da), free(db);
    return same;
}
