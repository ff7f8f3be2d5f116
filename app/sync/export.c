/* export: the kiosk's answers out to a folder (a USB stick, a synced folder), sync.h. */
#include "sync/sync.h"
#include "core/buf.h"
#include "fs.h"
#include "sign.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* DATA/device.key and DATA/device.pub: made at first use; a public key lost beside its
 * secret key is made again from it; a secret key lost is an error (a new one would make the
 * office refuse this device's batches, so staff must decide). */
static int device_key(const char *data, unsigned char sk[64], err *e)
{
    char base[PATH_MAX], kpath[PATH_MAX + 8], ppath[PATH_MAX + 8];
    if ((size_t)snprintf(base, sizeof base, "%s/device", data) >= sizeof base)
        return err_set(e, "%s: path too long", data);
    snprintf(kpath, sizeof kpath, "%s.key", base);
    snprintf(ppath, sizeof ppath, "%s.pub", base);
    int hk = fs_exists(kpath), hp = fs_exists(ppath);
    if (!hk && hp)
        return err_set(e, "%s is missing but %s is there: restore the secret key from a backup, "
                       "or remove %s to make a new key (the office will then refuse this "
                       "kiosk's batches until its device is forgotten there)", kpath, ppath, ppath);
    if (!hk && sign_keygen(base, e))
        return -1;
    if (sign_read_secret(kpath, sk, e))
        return -1;
    unsigned char pk[32], want[32];
    crypto_sign_ed25519_sk_to_pk(want, sk);
    if (hk && !hp) {
        char b64[48], text[128];
        sodium_bin2base64(b64, sizeof b64, want, sizeof want, sodium_base64_VARIANT_ORIGINAL);
        int n = snprintf(text, sizeof text, "sveiki-public-key-v1\n%s\n", b64);
        if (fs_write_atomic(ppath, text, (size_t)n, 0644, e))
            return -1;
    }
    if (sign_read_public(ppath, pk, e))
        return -1;
    if (memcmp(pk, want, sizeof pk))
        return err_set(e, "%s does not belong to %s: restore the pair from a backup", ppath,
                       kpath);
    return 0;
}

/* The operator's sealing key, if any: 1 with pk set, 0 for none, -1 on error. */
static int seal_key(const char *data, const sync_options *o, unsigned char pk[32], err *e)
{
    if (o && o->plain)
        return 0;
    char path[PATH_MAX];
    if (o && o->operator_pub)
        snprintf(path, sizeof path, "%s", o->operator_pub);
    else if ((size_t)snprintf(path, sizeof path, "%s/operator.pub", data) >= sizeof path ||
             !fs_exists(path))
        return 0;
    err why;
    if (sign_read_seal_public(path, pk, &why))
        return err_set(e, "not exporting: the operator key %s cannot be used, and nothing goes "
                       "out unsealed by mistake: %s", path, why.msg);
    return 1;
}

/* Removes NAME.batch.tmp-* files a killed export left in dir (its own device folder). */
static void remove_stale_temps(const char *dir)
{
    char **names;
    int n;
    if (fs_list_dir(dir, &names, &n, NULL))
        return;
    for (int i = 0; i < n; i++)
        if (strstr(names[i], ".batch.tmp-")) {
            char p[PATH_MAX];
            if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, names[i]) < sizeof p)
                fs_remove(p, NULL);
        }
    fs_list_free(names, n);
}

typedef struct collect {
    sync_maker *m;
    int failed;
    err why;
} collect;

static int add_row(const store_row *r, void *ctx)
{
    collect *c = ctx;
    sync_answer a = {r->uuid, r->submission, r->survey, r->question, r->value, r->lang,
                     r->pack_id, r->pack_version, r->seq, r->period};
    int rc = sync_make_add(c->m, &a, &c->why);
    if (rc < 0)
        c->failed = 1;
    return rc != 0;
}

/* Whether the batch b found on the target is the one we would write: same device, key,
 * answers (a batch is named by its device and sequence range, and signed by the device). */
static int same_batch(const sync_batch *b, const char *name, const unsigned char sk[64],
                      long count)
{
    unsigned char pk[32];
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    return !strcmp(b->name, name) && !memcmp(b->key, pk, sizeof pk) && b->count == count;
}

int sync_export(store *s, const char *data_dir, const char *to_dir, sync_result *r, err *e)
{
    return sync_export_opt(s, data_dir, to_dir, NULL, r, e);
}

int sync_export_opt(store *s, const char *data_dir, const char *to_dir, const sync_options *o,
                    sync_result *r, err *e)
{
    memset(r, 0, sizeof *r);
    if (sodium_init() < 0)
        return err_set(e, "%s: libsodium failed to start", data_dir);
    long waiting = store_unexported_count(s, e);
    if (waiting < 0)
        return -1;
    if (waiting == 0) {
        snprintf(r->note, sizeof r->note, "nothing new to export: no file written");
        return 0;
    }
    char dev[37], dir[PATH_MAX];
    unsigned char sk[64], spk[32];
    if (store_device_id(s, dev, e))
        return -1;
    if ((size_t)snprintf(dir, sizeof dir, "%s/sveiki/exports/%s", to_dir, dev) + SYNC_NAME_MAX +
            8 >= sizeof dir)
        return err_set(e, "%s: path too long", to_dir);
    int sealed = seal_key(data_dir, o, spk, e);
    if (sealed < 0 || device_key(data_dir, sk, e))
        return -1;
    int rc = -1;
    if (fs_mkdirs(dir, e))
        goto done;
    remove_stale_temps(dir);
    long long after = 0;
    int kept = 0;
    for (;;) {
        collect c = {sync_make_begin(dev), 0, {{0}}};
        long n = store_unexported(s, after, add_row, &c, e);
        if (n < 0 || c.failed) {
            if (c.failed)
                err_set(e, "%s: not exported: %s", data_dir, c.why.msg);
            sync_make_free(c.m);
            goto done;
        }
        if (n == 0) {
            sync_make_free(c.m);
            break;
        }
        unsigned char *file;
        size_t len;
        char name[SYNC_NAME_MAX], path[PATH_MAX];
        if (sync_make_end(c.m, sk, sealed ? spk : NULL, &file, &len, name, e))
            goto done;
        if (str_printf(path, sizeof path, "%s/%s.batch", dir, name)) {
            free(file);
            err_set(e, "%s: path too long", dir);
            goto done;
        }
        sync_batch b;
        int have = 0;
        if (fs_exists(path)) {
            /* an earlier export wrote it and was stopped before it could mark the answers */
            have = !sync_verify(path, NULL, &b, NULL) && same_batch(&b, name, sk, n);
            if (have)
                sync_batch_free(&b);
        }
        if (!have && fs_write_atomic(path, file, len, 0600, e)) {
            free(file);
            goto done;
        }
        free(file);
        fs_drop_cache(path);
        err why;
        if (sync_verify(path, NULL, &b, &why)) {
            err_set(e, "%s: written, but reading it back failed, so the answers stay marked "
                    "for the next export: %s", path, why.msg);
            goto done;
        }
        int same = same_batch(&b, name, sk, n);
        long long first = b.first_seq, last = b.last_seq;
        sync_batch_free(&b);
        if (!same) {
            err_set(e, "%s: written, but what was read back is another batch", path);
            goto done;
        }
        if (store_mark_exported(s, last, e) < 0)
            goto done;
        kept += have;
        if (!r->batches)
            r->first_seq = first;
        r->last_seq = last;
        r->batches++;
        r->answers += n;
        snprintf(r->path, sizeof r->path, "%s", path);
        after = last;
    }
    r->sealed = sealed;
    snprintf(r->note, sizeof r->note, "exported %ld answers (%lld to %lld) in %d batch%s, %s, "
             "to %s%s", r->answers, r->first_seq, r->last_seq, r->batches,
             r->batches == 1 ? "" : "es", sealed ? "sealed" : "not sealed", dir,
             kept ? " (one was there already from an interrupted export)" : "");
    rc = 0;
done:
    sodium_memzero(sk, sizeof sk);
    return rc;
}
