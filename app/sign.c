#include "sign.h"
#include "core/buf.h"
#include "fs.h"
#include "pack/format.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char SK_TAG[] = "sveiki-secret-key-v1";
static const char PK_TAG[] = "sveiki-public-key-v1";
static const char SIG_TAG[] = "sveiki-signature-v1";

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

/* Reads a "TAG\nbase64\n" file holding exactly n bytes. */
static int read_tagged(const char *path, const char *tag, unsigned char *out, size_t n, err *e)
{
    size_t len;
    unsigned char *t = fs_read_all(path, 4096, &len, e);
    if (!t)
        return -1;
    char *s = (char *)t;
    size_t tl = strlen(tag);
    int rc = 0;
    if (len < tl + 1 || strncmp(s, tag, tl) || s[tl] != '\n') {
        rc = err_set(e, "%s:1: not a %s file", path, tag);
    } else {
        char *b64 = s + tl + 1;
        b64[strcspn(b64, "\r\n")] = 0;
        size_t got = 0;
        if (sodium_base642bin(out, n, b64, strlen(b64), NULL, &got, NULL,
                              sodium_base64_VARIANT_ORIGINAL) || got != n)
            rc = err_set(e, "%s:2: damaged (expected %zu bytes of base64)", path, n);
    }
    sodium_memzero(t, len);
    free(t);
    return rc;
}

int sign_keygen(const char *name, err *e)
{
    if (init(e))
        return -1;
    char kpath[4096], ppath[4096];
    snprintf(kpath, sizeof kpath, "%s.key", name);
    snprintf(ppath, sizeof ppath, "%s.pub", name);
    if (access(kpath, F_OK) == 0 || access(ppath, F_OK) == 0)
        return err_set(e, "%s: a key of that name exists; not overwriting it", kpath);
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    int rc = write_tagged(kpath, SK_TAG, sk, sizeof sk, 0600, e);
    sodium_memzero(sk, sizeof sk);
    if (rc)
        return -1;
    return write_tagged(ppath, PK_TAG, pk, sizeof pk, 0644, e);
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

int sign_file(const char *path, const char *keyfile, err *e)
{
    if (init(e))
        return -1;
    unsigned char sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
    if (read_tagged(keyfile, SK_TAG, sk, sizeof sk, e))
        return -1;
    size_t len;
    unsigned char *data = fs_read_all(path, PACK_MAX_BYTES, &len, e);
    if (!data) {
        sodium_memzero(sk, sizeof sk);
        return -1;
    }
    crypto_sign_detached(sig, NULL, data, len, sk);
    sodium_memzero(sk, sizeof sk);
    free(data);
    char spath[4200];
    snprintf(spath, sizeof spath, "%s.sig", path);
    return write_tagged(spath, SIG_TAG, sig, sizeof sig, 0644, e);
}

int sign_verify(const char *path, const char *sigfile, const char *pubfile, err *e)
{
    if (init(e))
        return -1;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
    if (read_tagged(pubfile, PK_TAG, pk, sizeof pk, e))
        return -1;
    if (access(sigfile, F_OK) != 0)
        return err_set(e, "%s: the pack is not signed (no %s)", path, sigfile);
    if (read_tagged(sigfile, SIG_TAG, sig, sizeof sig, e))
        return -1;
    size_t len;
    unsigned char *data = fs_read_all(path, PACK_MAX_BYTES, &len, e);
    if (!data)
        return -1;
    int bad = crypto_sign_verify_detached(sig, data, len, pk);
    free(data);
    if (bad)
        return err_set(e, "%s: the signature does not match (the pack was changed, or signed "
                          "with another key than %s)", path, pubfile);
    return 0;
}
