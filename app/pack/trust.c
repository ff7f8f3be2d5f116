#include "pack/trust.h"
#include "fs.h"
#include "pack/format.h"
#include "sign.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int trust_data_dir(const char *dir, err *e)
{
    err why;
    if (fs_mkdirs(dir, &why))
        return err_set(e, "cannot create the data directory: %s", why.msg);
    if (fs_prove_writable(dir, &why))
        return err_set(e, "the data directory is not writable: %s", why.msg);
    return 0;
}

int trust_choose(char *pack, size_t cap, const char *data, const char *trusted,
                 trust_note *note, err *e)
{
    note->refused = 0;
    note->why.msg[0] = 0;
    char def[PATH_MAX + 32], cur[PATH_MAX + 32], cursig[PATH_MAX + 40], sig[PATH_MAX + 40];
    char in[PATH_MAX + 32], insig[PATH_MAX + 40];
    snprintf(def, sizeof def, "%s/trusted.pub", data);
    if (!trusted && access(def, F_OK) == 0)
        trusted = def;
    if (!trusted)
        return 0;
    snprintf(cur, sizeof cur, "%s/current.pack", data);
    snprintf(cursig, sizeof cursig, "%s.sig", cur);
    snprintf(in, sizeof in, "%s/incoming.pack", data);
    snprintf(insig, sizeof insig, "%s.sig", in);
    snprintf(sig, sizeof sig, "%s.sig", pack);
    if (strcmp(pack, cur)) {
        err *why = &note->why;
        int ok = fs_copy_atomic(pack, in, PACK_MAX_BYTES, 0600, why) == 0;
        if (ok && access(sig, F_OK) != 0)
            ok = !err_set(why, "%s: the pack is not signed (no %s)", pack, sig);
        ok = ok && fs_copy_atomic(sig, insig, 4096, 0600, why) == 0 &&
             sign_verify(in, insig, trusted, why) == 0;
        if (ok) {
            err keep;
            if (fs_rename(in, cur, &keep) || fs_rename(insig, cursig, &keep))
                return err_set(e, "cannot keep the pack: %s", keep.msg);
        } else {
            fs_remove(in, NULL);
            fs_remove(insig, NULL);
            note->refused = 1;
        }
    }
    err prev;
    if (sign_verify(cur, cursig, trusted, &prev) != 0)
        return err_set(e, "%s: and no earlier signed pack to keep (%s)", pack, prev.msg);
    snprintf(pack, cap, "%s", cur);
    return 0;
}
