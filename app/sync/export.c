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

/* DATA/device.state: what this installation knew at its last export, so a change is seen
 * rather than silently taken: the fingerprint of the machine (a hash of /etc/machine-id) and
 * the public key in use, and the key that key replaced when an earlier one was lost. */
typedef struct device_state {
    char host[65];     /* hex, or "" when unknown */
    char key[48];      /* base64, or "" */
    char replaces[48]; /* base64, "unknown", or "" */
} device_state;

#define STATE_TAG "sveiki-device-v1"

static void state_path(const char *data, char *out, size_t cap)
{
    snprintf(out, cap, "%s/device.state", data);
}

/* Reads DATA/device.state; a missing or unreadable one is all "" (a first export). */
static void state_read(const char *data, device_state *st)
{
    memset(st, 0, sizeof *st);
    char p[PATH_MAX + 16];
    state_path(data, p, sizeof p);
    size_t n;
    char *t = (char *)fs_read_all(p, 4096, &n, NULL);
    if (!t)
        return;
    if (!strncmp(t, STATE_TAG "\n", sizeof STATE_TAG)) {
        char *save = NULL;
        for (char *l = strtok_r(t, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
            char *sp = strchr(l, ' ');
            if (!sp || sp[1] == '-')
                continue;
            *sp = 0;
            char *into = !strcmp(l, "host") ? st->host : !strcmp(l, "key") ? st->key
                       : !strcmp(l, "replaces") ? st->replaces : NULL;
            size_t cap = into == st->host ? sizeof st->host : sizeof st->key;
            if (into && strlen(sp + 1) < cap)
                snprintf(into, cap, "%s", sp + 1);
        }
    }
    free(t);
    if (strlen(st->host) != 64)
        st->host[0] = 0;
}

static int state_write(const char *data, const device_state *st, err *e)
{
    char p[PATH_MAX + 16], text[256];
    state_path(data, p, sizeof p);
    int n = snprintf(text, sizeof text, STATE_TAG "\nhost %s\nkey %s\nreplaces %s\n",
                     st->host[0] ? st->host : "-", st->key[0] ? st->key : "-",
                     st->replaces[0] ? st->replaces : "-");
    return fs_write_atomic(p, text, (size_t)n, 0600, e);
}

/* The fingerprint of this installation: SHA-256 of a context and the machine id, in hex,
 * so the id itself is never stored or carried. 0, or -1 when there is no machine id. */
static int host_fingerprint(const char *machine_id, char out[65])
{
    size_t n;
    unsigned char *id = fs_read_all(machine_id ? machine_id : "/etc/machine-id", 4096, &n, NULL);
    if (!id)
        return -1;
    while (n && (id[n - 1] == '\n' || id[n - 1] == ' '))
        n--;
    int rc = -1;
    if (n) {
        crypto_hash_sha256_state h;
        unsigned char d[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_init(&h);
        crypto_hash_sha256_update(&h, (const unsigned char *)"sveiki-host-v1\n", 15);
        crypto_hash_sha256_update(&h, id, n);
        crypto_hash_sha256_final(&h, d);
        sodium_bin2hex(out, 65, d, sizeof d);
        rc = 0;
    }
    free(id);
    return rc;
}

/* DATA/device.key and DATA/device.pub: made at first use; a public key lost beside its
 * secret key is made again from it; a secret key lost beside its public key is an error
 * (staff must decide). With both gone after a key was in use (st->key recorded, or answers
 * exported before: exported_before), a new key is made, never silently: *changed is set and
 * st->replaces names the key it replaces. A read-only data folder makes no key. */
static int device_key(const char *data, device_state *st, int exported_before, int readonly,
                      unsigned char sk[64], int *changed, err *e)
{
    char base[PATH_MAX], kpath[PATH_MAX + 8], ppath[PATH_MAX + 8];
    if ((size_t)snprintf(base, sizeof base, "%s/device", data) >= sizeof base)
        return err_set(e, "%s: path too long", data);
    snprintf(kpath, sizeof kpath, "%s.key", base);
    snprintf(ppath, sizeof ppath, "%s.pub", base);
    int hk = fs_exists(kpath), hp = fs_exists(ppath);
    if (!hk && hp)
        return err_set(e, "%s is missing but %s is there: restore the secret key from a backup, "
                       "or remove %s to make a new key (the office must then accept the new "
                       "key: sveikictl merge --accept-key-change DEVICE)", kpath, ppath, ppath);
    if (!hk && readonly)
        return err_set(e, "%s is missing, and the data folder cannot be written to make one",
                       kpath);
    if (!hk) {
        if (st->key[0] || exported_before) {
            /* a key was in use: the office knows this device by it */
            snprintf(st->replaces, sizeof st->replaces, "%s", st->key[0] ? st->key : "unknown");
            *changed = 1;
        }
        if (sign_keygen(base, e))
            return -1;
    }
    if (sign_read_secret(kpath, sk, e))
        return -1;
    unsigned char pk[32], want[32];
    crypto_sign_ed25519_sk_to_pk(want, sk);
    char b64[48];
    sodium_bin2base64(b64, sizeof b64, want, sizeof want, sodium_base64_VARIANT_ORIGINAL);
    if (hk && !hp && !readonly) {
        char text[128];
        int n = snprintf(text, sizeof text, "sveiki-public-key-v1\n%s\n", b64);
        if (fs_write_atomic(ppath, text, (size_t)n, 0644, e))
            return -1;
    }
    if ((hp || !readonly) && sign_read_public(ppath, pk, e))
        return -1;
    if ((hp || !readonly) && memcmp(pk, want, sizeof pk))
        return err_set(e, "%s does not belong to %s: restore the pair from a backup", ppath,
                       kpath);
    if (st->key[0] && strcmp(st->key, b64) && !*changed) {
        /* another key was put in place of the one in use (a restore from another kiosk's
         * backup?): as much a change for the office as a lost one */
        snprintf(st->replaces, sizeof st->replaces, "%s", st->key);
        *changed = 1;
    }
    snprintf(st->key, sizeof st->key, "%s", b64);
    return 0;
}

/* Removes NAME.batch.tmp-* files a killed export left in dir (its own device folder). */
static void remove_stale_temps(const fs_dir *dir)
{
    char **names;
    int n;
    if (fs_dir_list(dir, &names, &n, NULL))
        return;
    for (int i = 0; i < n; i++)
        if (strstr(names[i], ".batch.tmp-"))
            fs_dir_remove(dir, names[i], NULL);
    fs_list_free(names, n);
}

typedef struct collect {
    sync_maker *m;
    int failed;
    long n;
    char last[37]; /* the id taken last */
    err why;
} collect;

static int add_sealed(const store_sealed *r, void *ctx)
{
    collect *c = ctx;
    int rc = sync_make2_add(c->m, r->id, r->sealed, r->len, &c->why);
    if (rc < 0)
        c->failed = 1;
    if (rc == 0) {
        c->n++;
        str_copy(c->last, sizeof c->last, r->id);
    }
    return rc != 0;
}

/* Where the batch named name (file, len bytes) goes in dir: NAME.batch, or NAME.N.batch
 * when another batch is under that name. *have is 1 when the very same bytes are there
 * already (an export stopped after its rename). 0, or -1 when no name is free. */
static int batch_place(const fs_dir *dir, const char *name, const unsigned char *file,
                       size_t len, char *out, size_t cap, int *have, err *e)
{
    *have = 0;
    for (int k = 1; k <= 9; k++) {
        if (k == 1 ? str_printf(out, cap, "%s.batch", name)
                   : str_printf(out, cap, "%s.%d.batch", name, k))
            return err_set(e, "%s: a batch name too long for %s", fs_dir_path(dir), name);
        fs_info in;
        if (fs_dir_info(dir, out, &in, e))
            return -1;
        if (in.kind == FS_NONE)
            return 0;
        if (in.kind != FS_FILE)
            continue; /* a link, folder or FIFO under that name: not ours, not touched */
        size_t n;
        unsigned char *there = fs_dir_read_all(dir, out, SYNC_MAX_FILE, &n, NULL);
        /* the content decides, never the name: a kiosk made from a copy of this data folder
         * writes other answers under the same name, with the same key */
        int same = there && n == len && !memcmp(there, file, len);
        sync_batch b;
        int valid = there && !same && !sync_verify_bytes(there, n, out, &b, NULL);
        if (valid)
            sync_batch_free(&b);
        free(there);
        if (same) {
            *have = 1;
            return 0;
        }
        if (!valid)
            return 0; /* damaged (a torn copy), or not a batch: nobody's answers, replaced */
    }
    return err_set(e, "%s/%s: nine other batches under this kiosk's batch name: not writing "
                   "a tenth (is this data folder shared by several kiosks?)", fs_dir_path(dir),
                   name);
}

int sync_export(store *s, const char *data_dir, const char *to_dir, sync_result *r, err *e)
{
    return sync_export_opt(s, data_dir, to_dir, NULL, r, e);
}

/* The export's folder to/sveiki/exports/dev, made as needed, every folder on the way opened
 * beneath to without following a link. NULL with a message (r->linked for a link). */
static fs_dir *target(const char *to, const char *dev, sync_result *r, err *e)
{
    /* the target itself is the caller's choice (a mount point, an operator's folder): made
     * when missing, and followed */
    if (fs_mkdirs(to, e))
        return NULL;
    fs_dir *root = fs_dir_open(to, e), *dir = NULL;
    if (!root)
        return NULL;
    char rel[64];
    snprintf(rel, sizeof rel, "sveiki/exports/%s", dev);
    err why;
    int rc = fs_dir_sub(root, rel, 1, &dir, &why);
    fs_dir_close(root);
    if (rc == FS_LINKED) {
        r->linked = 1;
        err_set(e, "%s: the sveiki folder holds a link, and nothing was written through it "
                "(a stick's folders are never followed elsewhere)", why.msg);
    } else if (rc) {
        err_set(e, "%s", why.msg);
    }
    return dir;
}

/* Writes the batch m holds into dir (m is freed), reads it back and verifies it: 0 with the
 * file's path, counting in *kept whether it was there already and in *beside whether it was
 * written beside another batch of its name. */
static int write_batch(sync_maker *m, const unsigned char sk[64], fs_dir *dir, char *path,
                       size_t cap, int *kept, int *beside, err *e)
{
    unsigned char *file;
    size_t len;
    char name[SYNC_NAME_MAX], fname[SYNC_NAME_MAX + 16];
    if (sync_make_end(m, sk, NULL, &file, &len, name, e))
        return -1;
    int have;
    if (batch_place(dir, name, file, len, fname, sizeof fname, &have, e) ||
        (!have && fs_dir_write_atomic(dir, fname, file, len, 0600, e))) {
        free(file);
        return -1;
    }
    snprintf(path, cap, "%s/%s", fs_dir_path(dir), fname);
    fs_dir_drop_cache(dir, fname);
    /* read back from the medium: the very bytes made, and a batch that verifies */
    err why;
    size_t blen;
    unsigned char *back = fs_dir_read_all(dir, fname, SYNC_MAX_FILE, &blen, &why);
    sync_batch b;
    int ok = back && blen == len && !memcmp(back, file, len) &&
             !sync_verify_bytes(back, blen, path, &b, &why);
    if (back && !ok && !why.msg[0])
        err_set(&why, "what was read back is not what was written");
    free(back);
    free(file);
    if (!ok)
        return err_set(e, "%s: written, but reading it back failed, so its submissions wait for "
                       "the next export: %s", path, why.msg);
    sync_batch_free(&b);
    *kept += have;
    *beside += strcmp(fname + strlen(name), ".batch") != 0;
    return 0;
}

int sync_export_opt(store *s, const char *data_dir, const char *to_dir, const sync_options *o,
                    sync_result *r, err *e)
{
    memset(r, 0, sizeof *r);
    if (sodium_init() < 0)
        return err_set(e, "%s: libsodium failed to start", data_dir);
    int readonly = o && o->readonly;
    long waiting = store_unexported_count(s, e);
    if (waiting < 0)
        return -1;
    if (waiting == 0) {
        snprintf(r->note, sizeof r->note, "nothing new to export: no file written");
        return 0;
    }
    char dev[37];
    unsigned char sk[64];
    if (store_device_id(s, dev, e))
        return -1;
    /* the same data folder on other hardware (a cloned or copied kiosk) would write other
     * submissions under the same batch names: it takes a new device id first */
    device_state st, was;
    state_read(data_dir, &st);
    was = st;
    char host[65];
    int check = !(o && o->machine_id && !o->machine_id[0]);
    if (check && host_fingerprint(o ? o->machine_id : NULL, host) == 0) {
        if (st.host[0] && strcmp(st.host, host) && !readonly) {
            if (store_new_device_id(s, dev, e))
                return -1;
            r->new_device = 1;
        }
        snprintf(st.host, sizeof st.host, "%s", host);
    }
    /* the stick first: one that holds a link gets nothing, not even a key made for it */
    fs_dir *dir = target(to_dir, dev, r, e);
    if (!dir)
        return -1;
    int rc = -1;
    /* a batch taken before means a key was in use then */
    int before = store_exported_before(s, e);
    if (before < 0 ||
        device_key(data_dir, &st, before, readonly, sk, &r->key_changed, e) ||
        (!readonly && memcmp(&st, &was, sizeof st) && state_write(data_dir, &st, e)))
        goto done;
    remove_stale_temps(dir);
    int kept = 0, beside = 0;
    long long reserved_after = 0, next = 0;
    char after[37] = "";
    if (readonly && store_next_batch(s, &next, e))
        goto done;
    for (;;) {
        /* which batch: one reserved before and not marked (an export cut short), else the
         * next number, reserved now for what is waiting (read-only: only read, unreserved) */
        long long number;
        if (store_reserved(s, reserved_after, &number, e))
            goto done;
        int fresh = 0;
        if (!number && readonly) {
            number = next, fresh = 1;
        } else if (!number) {
            long got = store_reserve(s, SYNC_MAX_SUBMISSIONS, SYNC_MAX_PAYLOAD,
                                     SYNC_RECORD_EXTRA, &number, e);
            if (got < 0)
                goto done;
            if (!got)
                break;
        }
        collect c = {sync_make2_begin(dev, number), 0, 0, "", {{0}}};
        if (st.replaces[0])
            sync_make_key_change(c.m, st.replaces);
        long n = fresh ? store_unreserved(s, after, add_sealed, &c, e)
                       : store_batch_read(s, number, add_sealed, &c, e);
        if (n < 0 || c.failed) {
            if (c.failed)
                err_set(e, "%s: not exported: %s", data_dir, c.why.msg);
            sync_make_free(c.m);
            goto done;
        }
        if (n == 0) {
            sync_make_free(c.m);
            if (fresh)
                break;
            reserved_after = number; /* marked meanwhile: nothing of it waits */
            continue;
        }
        char path[PATH_MAX + 96];
        if (write_batch(c.m, sk, dir, path, sizeof path, &kept, &beside, e))
            goto done;
        if (readonly)
            r->unmarked = 1;
        else if (store_mark_exported(s, number, e) < 0)
            goto done;
        if (!r->batches)
            r->first_batch = number;
        r->last_batch = number;
        r->batches++;
        r->submissions += n;
        str_copy(r->path, sizeof r->path, path); /* for the log: a cut path is still said */
        if (fresh)
            str_copy(after, sizeof after, c.last), next++;
        else
            reserved_after = number;
    }
    snprintf(r->note, sizeof r->note, "exported %ld submission%s in %d batch%s (%lld to %lld), "
             "sealed, to %s%s%s%s%s%s", r->submissions, r->submissions == 1 ? "" : "s",
             r->batches, r->batches == 1 ? "" : "es", r->first_batch, r->last_batch,
             fs_dir_path(dir),
             kept ? " (one was there already from an interrupted export)" : "",
             beside ? " (another batch was under this kiosk's batch name: written beside it)"
                    : "",
             r->new_device ? "; this data folder was copied from another installation, so it "
                             "took a new device id" : "",
             r->key_changed ? "; the device key was missing: a new one was made, and the office "
                              "must accept it (sveikictl merge --accept-key-change DEVICE)" : "",
             r->unmarked ? "; the data folder is read-only, so they are not marked exported "
                           "and go again next time (the office drops duplicates)" : "");
    if (!r->batches)
        snprintf(r->note, sizeof r->note, "nothing new to export: no file written");
    rc = 0;
done:
    fs_dir_close(dir);
    sodium_memzero(sk, sizeof sk);
    return rc;
}
