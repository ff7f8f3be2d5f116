/* pack: one build, its parts in order (see pack.h; the parts are in builder.h). */
#include "builder/builder.h"

#include "fs.h"
#include "store/vfs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pack_compile(const pack_opts *o, pack_result *r, err *e)
{
    memset(r, 0, sizeof *r);
    if (sodium_init() < 0)
        return err_set(e, "libsodium failed to start");
    builder c = {.o = o, .r = r};
    crypto_hash_sha256_init(&c.hash);
    fs_info st;
    if (fs_stat(o->src, &st, NULL) || st.kind != FS_DIR)
        return err_set(e, "%s: not a content folder", o->src);
    if (builder_load_icons(&c, e))
        return -1;
    int rc = -1;
    if (o->coverage && builder_load_coverage(&c, e))
        goto out;
    if (o->coverage) {
        char fonts[4096];
        snprintf(fonts, sizeof fonts, "%s/assets/fonts", o->root);
        if (!(c.ms = measure_open(fonts, e)))
            goto out;
    }
    /* the kiosk's VFS shim, so VACUUM INTO (write_out) writes the pack through app/fs's
     * fault and crash hooks like every other file */
    if (store_vfs_register(e))
        goto out;
    if (sqlite3_open_v2(":memory:", &c.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        STORE_VFS_NAME) != SQLITE_OK) {
        err_set(e, "cannot open an in-memory database");
        goto out;
    }
    builder_exec(&c, "PRAGMA page_size=4096");
    for (int k = 0; pack_schema[k]; k++)
        builder_exec(&c, pack_schema[k]);
    builder_exec(&c, "BEGIN");
    if (manifest_read(&c, e))
        goto out;
    for (int l = 0; l < c.nlangs; l++) {
        char sql[256];
        if (pack_search_create(sql, sizeof sql, c.langs[l].code) == 0)
            builder_exec(&c, sql);
    }
    glossary_read(&c);
    glossary_check_kv(&c, &c.man);
    sources_read(&c);
    pages_stat ts[BUILDER_MAX_LANGS] = {0};
    pages_read(&c, ts);
    manifest_write(&c);
    surveys_read(&c);
    help_read(&c);
    po_read(&c, "en");
    for (int l = 0; l < c.nlangs; l++)
        if (strcmp(c.langs[l].code, "en"))
            po_read(&c, c.langs[l].code);
    for (int l = 0; l < c.nlangs; l++)
        if (ts[l].missing)
            builder_report(&c, 0, "%s: %d of %d pages missing in %s (shown in %s instead)", o->src,
                           ts[l].missing, c.npages, c.langs[l].code, c.fallback);
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * sizeof h + 1];
    crypto_hash_sha256_final(&c.hash, h);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    builder_insert(&c, "INSERT INTO meta VALUES('source_sha256', ?)", 1, hex);
    char np[16];
    snprintf(np, sizeof np, "%d", c.npages);
    builder_insert(&c, "INSERT INTO meta VALUES('pages', ?)", 1, np);
    builder_exec(&c, "COMMIT");
    r->languages = c.nlangs;
    output_table(&c, ts);
    sources_done(&c);
    voices_table(&c);
    if (r->errors) {
        err_set(e, "%s: %d error%s, %d warning%s", o->src, r->errors, r->errors == 1 ? "" : "s",
                r->warnings, r->warnings == 1 ? "" : "s");
        goto out;
    }
    if (o->out && output_write(&c, e))
        goto out;
    rc = 0;
out:
    builder_stmts_done(&c);
    if (c.db)
        sqlite3_close(c.db);
    kv_free(&c.man);
    for (int k = 0; k < c.nicons; k++)
        free(c.icon_names[k]);
    free(c.icon_names), free(c.icon_cps);
    for (int k = 0; k < c.npages; k++)
        free(c.page_ids[k]);
    free(c.page_ids);
    for (int l = 0; l < c.nlangs; l++)
        free(c.langs[l].name);
    glossary_free(c.glossary);
    for (int k = 0; k < c.nsource_codes; k++)
        free(c.source_codes[k]);
    free(c.source_codes);
    for (int k = 0; k < c.ncommon; k++)
        free(c.common[k]);
    free(c.common);
    if (c.covered)
        hb_set_destroy(c.covered);
    measure_close(c.ms);
    return rc;
}
