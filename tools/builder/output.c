/* builder output: what a build prints (the translation table) and writes (the pack, through
 * the VFS shim and app/fs: whole or not at all). See builder.h. */
#include "builder/builder.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "fs.h"

#include <stdio.h>
#include <string.h>

void output_table(builder *c, const pages_stat *ts)
{
    FILE *o = c->o->report;
    if (!o || !c->o->table)
        return;
    fprintf(o, "translations (reference %s, %d pages):\n", c->reference, c->npages);
    fprintf(o, "  lang  present  machine  reviewed  missing     stale\n");
    for (int l = 0; l < c->nlangs; l++)
        fprintf(o, "  %-5s %7d  %7d  %8d  %7d  %8d\n", c->langs[l].code, ts[l].present,
                ts[l].machine, ts[l].reviewed, ts[l].missing, ts[l].outdated);
    if (c->placeholders) {
        buf at;
        buf_init(&at);
        utf8_escape_name(&at, c->first_placeholder); /* a source file's name */
        fprintf(o, "%d local details to fill in ({{fill in: ...}}), the first at %s\n",
                c->placeholders, at.data ? at.data : "");
        buf_free(&at);
    }
}

/* SQLite writes the pack into a new empty temp file beside the target (VACUUM INTO takes a
 * path, not bytes); app/fs then syncs it and renames it into place. */
int output_write(builder *c, err *e)
{
    char tmp[4200];
    if (fs_temp(c->o->out, tmp, sizeof tmp, e))
        return -1;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(c->db, "VACUUM INTO ?", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_OK) {
        int sys = sqlite3_system_errno(c->db);
        err_set(e, "%s: cannot write the pack: %s%s%s%s", c->o->out, sqlite3_errmsg(c->db),
                sys ? " (" : "", sys ? strerror(sys) : "", sys ? ")" : "");
        fs_remove(tmp, NULL);
        return -1;
    }
    return fs_commit(tmp, c->o->out, 0644, e);
}

