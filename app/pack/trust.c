#include "pack/trust.h"
#include "fs.h"
#include "pack/content.h"
#include "pack/format.h"
#include "sign.h"

#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int trust_data_dir(const char *dir, trust_note *note, err *e)
{
    err why;
    note->warning[0] = 0;
    if (fs_mkdirs(dir, &why))
        return err_set(e, "cannot create the data directory: %s", why.msg);
    if (fs_prove_writable(dir, &why))
        return err_set(e, "the data directory is not writable: %s", why.msg);
    fs_info st;
    if (fs_stat(dir, &st, NULL) == 0 && (st.mode & 022))
        snprintf(note->warning, sizeof note->warning,
                 "%s: the data directory is writable by other users (mode %03o): anybody on "
                 "this machine could change what the kiosk stores (chmod 700 it)",
                 dir, (unsigned)st.mode);
    /* temporaries of a copy or write that was cut short (killed, power cut) */
    char **names;
    int n;
    if (fs_list_dir(dir, &names, &n, NULL) == 0) {
        for (int k = 0; k < n; k++)
            if (strstr(names[k], ".tmp-") || !strcmp(names[k], "incoming.pack")) {
                char p[PATH_MAX + 300];
                snprintf(p, sizeof p, "%s/%s", dir, names[k]);
                fs_remove(p, NULL);
            }
        fs_list_free(names, n);
    }
    return 0;
}

/* A failed signature check (sign.h) as a refusal. */
static int refusal_of(int rc)
{
    return rc == SIGN_UNSIGNED ? TRUST_NOT_SIGNED : rc == SIGN_MISMATCH ? TRUST_WRONG_KEY
                                                                        : TRUST_DAMAGED;
}

/* The version of a signed pack that opens; -1 (with why, and in *reason why not in a
 * refusal's terms, when reason is not NULL) when it does not verify or open. */
static int proven(const char *path, const char *name, const char *key, char *version,
                  size_t cap, err *why, int *reason)
{
    int rc = sign_pack_verify(path, name, key, why);
    int dummy;
    if (!reason)
        reason = &dummy;
    if (rc)
        return *reason = refusal_of(rc), -1;
    *reason = TRUST_DAMAGED;
    err e;
    content *c = content_open(path, &e);
    if (!c)
        return err_set(why, "%s: %s", name, e.msg);
    snprintf(version, cap, "%s", content_version(c) ? content_version(c) : "");
    content_close(c);
    if (!pack_version_valid(version))
        return err_set(why, "%s: version \"%s\" is not numbers joined by dots", name, version);
    return 0;
}

/* A refusal because the offered version is not newer: said in note for the screen too. */
static void not_newer(trust_note *note, const char *name, const char *offered, const char *have)
{
    err_set(&note->why, "%s: version %s is not newer than the version %s shown now (going back "
                        "to an older pack is a choice for staff)", name, offered, have);
    note->reason = TRUST_NOT_NEWER;
    snprintf(note->version, sizeof note->version, "%s", offered);
    snprintf(note->shown, sizeof note->shown, "%s", have);
}

const char *trust_key(const char *data, const char *trusted, char *buf, size_t cap)
{
    if (trusted)
        return trusted;
    snprintf(buf, cap, "%s/trusted.pub", data);
    return fs_exists(buf) ? buf : NULL;
}

/* The signature of DATA/current.pack by the key in trusted, hashed in full only when the
 * pack file or the key changed since the last check that passed: hashing a whole pack cost
 * more than all the rest of a start (106 M instructions of 166 M). DATA/current.pack.checked
 * names the file checked (device, inode, size, modification and status change times: a
 * write to it or a rename over it changes them, and no program can set the status change
 * time back) and the key (a BLAKE2b hash of its file). Whoever could forge that record
 * could as well replace trusted.pub, so it opens no new way in. */
static int verify_current(const char *cur, const char *data, const char *trusted, err *why)
{
    char rec[PATH_MAX + 32], want[256];
    snprintf(rec, sizeof rec, "%s/current.pack.checked", data);
    fs_info in;
    size_t klen;
    unsigned char *key = fs_read_all(trusted, 4096, &klen, NULL);
    int known = key && !fs_stat(cur, &in, NULL) && in.kind == FS_FILE;
    if (known) {
        unsigned char h[16];
        char hex[33];
        crypto_generichash(h, sizeof h, key, klen, NULL, 0);
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        snprintf(want, sizeof want, "sveiki-checked-v1 %llu %llu %lld %lld %lld %s\n", in.dev,
                 in.ino, in.size, in.mtime_ns, in.ctime_ns, hex);
    }
    free(key);
    size_t n;
    unsigned char *had = known ? fs_read_all(rec, sizeof want, &n, NULL) : NULL;
    int same = had && n == strlen(want) && !memcmp(had, want, n);
    free(had);
    if (same)
        return 0;
    if (sign_pack_verify(cur, NULL, trusted, why))
        return -1;
    if (known) /* a read-only data directory checks in full at every start */
        fs_write_atomic(rec, want, strlen(want), 0600, NULL);
    return 0;
}

int trust_choose(char *pack, size_t cap, const char *data, const char *trusted,
                 trust_note *note, err *e)
{
    note->refused = note->restored = 0;
    note->why.msg[0] = 0;
    char def[PATH_MAX + 32], cur[PATH_MAX + 32], prev[PATH_MAX + 32], in[PATH_MAX + 32];
    trusted = trust_key(data, trusted, def, sizeof def);
    if (!trusted)
        return 0;
    snprintf(cur, sizeof cur, "%s/current.pack", data);
    snprintf(prev, sizeof prev, "%s/previous.pack", data);
    snprintf(in, sizeof in, "%s/incoming.pack", data);
    /* a power cut between the two renames of a swap left only the previous pack */
    if (!fs_exists(cur) && fs_exists(prev)) {
        err why;
        if (fs_rename(prev, cur, &why))
            return err_set(e, "cannot restore the previous pack: %s", why.msg);
        note->restored = 1;
    }
    char have[64] = "", offered[64];
    int cur_exists = fs_exists(cur);
    if (strcmp(pack, cur) && !(cur_exists && sign_pack_same(pack, cur))) {
        err *why = &note->why, copy, cur_why;
        /* the copy is what is checked and then opened: the stick may change under us */
        int ok = fs_copy_atomic(pack, in, PACK_MAX_BYTES, 0600, &copy) == 0;
        note->reason = TRUST_REFUSED_OTHER;
        if (!ok)
            err_set(why, "%s: %s", pack, copy.msg);
        ok = ok && proven(in, pack, trusted, offered, sizeof offered, why, &note->reason) == 0;
        int cur_ok =
            cur_exists && proven(cur, cur, trusted, have, sizeof have, &cur_why, NULL) == 0;
        if (ok && cur_ok && pack_version_cmp(offered, have) <= 0) {
            not_newer(note, pack, offered, have);
            ok = 0;
        }
        if (ok) {
            /* the pack shown until now stays as previous.pack; after each rename a good,
             * signed pack is in place, whenever the power goes */
            err keep;
            if ((cur_exists && fs_rename(cur, prev, &keep)) || fs_rename(in, cur, &keep))
                return err_set(e, "cannot keep the pack: %s", keep.msg);
            cur_exists = 1;
        } else {
            fs_remove(in, NULL);
            note->refused = 1;
        }
    }
    err why;
    if (!cur_exists)
        return err_set(e, "%s: and no earlier signed pack to keep", pack);
    if (verify_current(cur, data, trusted, &why))
        return err_set(e, "%s: and no earlier signed pack to keep (%s)", pack, why.msg);
    snprintf(pack, cap, "%s", cur);
    return 0;
}

/* The version of the signed pack open as fd, read where it lies (through /proc/self/fd, the
 * very file opened beneath the stick's folder) into version; -1 when it cannot be read so
 * (no /proc: the copy decides). */
static int version_in_place(int fd, char *version, size_t cap)
{
    char p[64];
    snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
    err e;
    content *c = content_open(p, &e);
    if (!c)
        return -1;
    snprintf(version, cap, "%s", content_version(c) ? content_version(c) : "");
    content_close(c);
    return pack_version_valid(version) ? 0 : -1;
}

int trust_offer(int fd, size_t size, const char *name, char *pack, size_t cap, const char *data,
                const char *trusted, trust_note *note, err *e)
{
    note->refused = note->restored = 0;
    note->why.msg[0] = 0;
    note->reason = TRUST_REFUSED_OTHER;
    char def[PATH_MAX + 32], cur[PATH_MAX + 32], prev[PATH_MAX + 32], in[PATH_MAX + 32];
    trusted = trust_key(data, trusted, def, sizeof def);
    if (!trusted)
        return err_set(e, "%s: this kiosk takes content from a stick only signed, and has no "
                       "trusted key", name);
    snprintf(cur, sizeof cur, "%s/current.pack", data);
    snprintf(prev, sizeof prev, "%s/previous.pack", data);
    snprintf(in, sizeof in, "%s/incoming.pack", data);
    err *why = &note->why;
    note->refused = 1;
    /* where it lies first, cheapest first: the trailer (88 bytes), then the same pack as the
     * one shown, then the signature (a read, no write), then the version: junk, a pack not
     * signed by the trusted key and one not newer are never copied */
    unsigned char t[SIGN_TRAILER], ct[SIGN_TRAILER];
    int rc = sign_pack_trailer_fd(fd, size, t, name, why);
    if (rc) {
        note->reason = refusal_of(rc);
        return 0;
    }
    size_t csize;
    int cur_exists = fs_exists(cur);
    if (cur_exists && fs_read_tail(cur, PACK_MAX_BYTES, ct, sizeof ct, &csize, NULL) == 0 &&
        csize == size && !memcmp(t, ct, sizeof t)) {
        /* same signature over the same length: the same pack, unless forged; a forgery fails
         * the copy's check below, so only the claim "shown already" rests on this */
        err_set(why, "%s: this pack is shown already", name);
        note->reason = TRUST_SHOWN_ALREADY;
        return 0;
    }
    rc = sign_pack_verify_fd(fd, size, name, trusted, why);
    if (rc) {
        note->reason = refusal_of(rc);
        return 0;
    }
    char have[64] = "", offered[64];
    err cur_why;
    int cur_ok =
        cur_exists && proven(cur, cur, trusted, have, sizeof have, &cur_why, NULL) == 0;
    if (cur_ok && version_in_place(fd, offered, sizeof offered) == 0 &&
        pack_version_cmp(offered, have) <= 0) {
        not_newer(note, name, offered, have);
        return 0;
    }
    /* the copy is what is checked again and then opened: the stick may change under us */
    err copy;
    if (fs_copy_fd_atomic(fd, name, in, PACK_MAX_BYTES, 0600, &copy)) {
        err_set(why, "%s", copy.msg);
        note->reason = TRUST_REFUSED_OTHER;
        fs_remove(in, NULL);
        return 0;
    }
    if (proven(in, name, trusted, offered, sizeof offered, why, &note->reason)) {
        fs_remove(in, NULL);
        return 0;
    }
    if (cur_ok && pack_version_cmp(offered, have) <= 0) {
        not_newer(note, name, offered, have);
        fs_remove(in, NULL);
        return 0;
    }
    err keep;
    if ((cur_exists && fs_rename(cur, prev, &keep)) || fs_rename(in, cur, &keep))
        return err_set(e, "cannot keep the pack: %s", keep.msg);
    note->refused = 0;
    snprintf(pack, cap, "%s", cur);
    return 0;
}

int trust_rollback(char *pack, size_t cap, const char *data, const char *trusted, err *e)
{
    char def[PATH_MAX + 32], cur[PATH_MAX + 32], prev[PATH_MAX + 32], in[PATH_MAX + 32];
    trusted = trust_key(data, trusted, def, sizeof def);
    if (!trusted)
        return err_set(e, "this kiosk has no trusted key, so it keeps no previous pack");
    snprintf(cur, sizeof cur, "%s/current.pack", data);
    snprintf(prev, sizeof prev, "%s/previous.pack", data);
    snprintf(in, sizeof in, "%s/incoming.pack", data);
    if (!fs_exists(prev))
        return err_set(e, "there is no previous pack to go back to");
    err why;
    if (sign_pack_verify(prev, NULL, trusted, &why))
        return err_set(e, "the previous pack is not good: %s", why.msg);
    if (fs_rename(prev, in, e) || fs_rename(cur, prev, e) || fs_rename(in, cur, e))
        return -1;
    snprintf(pack, cap, "%s", cur);
    return 0;
}
