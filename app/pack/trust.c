#include "pack/trust.h"
#include "fs.h"
#include "pack/content.h"
#include "pack/format.h"
#include "sign.h"

#include <limits.h>
#include <stdio.h>
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

/* The version of a signed pack that opens; -1 (with why) when it does not verify or open. */
static int proven(const char *path, const char *name, const char *key, char *version,
                  size_t cap, err *why)
{
    if (sign_pack_verify(path, name, key, why))
        return -1;
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

const char *trust_key(const char *data, const char *trusted, char *buf, size_t cap)
{
    if (trusted)
        return trusted;
    snprintf(buf, cap, "%s/trusted.pub", data);
    return fs_exists(buf) ? buf : NULL;
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
        if (!ok)
            err_set(why, "%s: %s", pack, copy.msg);
        ok = ok && proven(in, pack, trusted, offered, sizeof offered, why) == 0;
        int cur_ok = cur_exists && proven(cur, cur, trusted, have, sizeof have, &cur_why) == 0;
        if (ok && cur_ok && pack_version_cmp(offered, have) <= 0)
            ok = !err_set(why, "%s: version %s is not newer than the version %s shown now "
                               "(going back to an older pack is a choice for staff)",
                          pack, offered, have);
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
    if (sign_pack_verify(cur, NULL, trusted, &why))
        return err_set(e, "%s: and no earlier signed pack to keep (%s)", pack, why.msg);
    snprintf(pack, cap, "%s", cur);
    return 0;
}
