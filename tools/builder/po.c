/* builder po: the UI strings of each language from the installation's lang/<code>.po
 * (gettext, read by po/po.h), into the pack (see builder.h). Entries with a context are not
 * the kiosk's (the report's own strings are msgctxt "report"): they are left out of the pack,
 * but their characters are still checked against the bundled fonts. */
#include "builder/builder.h"

#include "builder/source.h"
#include "po/po.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct po_read_ctx {
    builder *c;
    const char *lang, *path;
    int stored;
} po_read_ctx;

/* Stores one translation (a fuzzy or empty one is not a translation) and checks its characters
 * against the fonts. */
static void po_entry_in(void *ctx, const po_entry *en)
{
    po_read_ctx *r = ctx;
    if (!*en->id || en->fuzzy)
        return;
    for (int i = 0; i < en->nstr; i++)
        if (en->str[i] && *en->str[i])
            builder_check_coverage(r->c, r->path, en->line + i, en->str[i], strlen(en->str[i]));
    if (en->ctxt || en->plural || !en->str[0] || !*en->str[0])
        return;
    builder_insert(r->c, "INSERT OR REPLACE INTO strings VALUES(?,?,?)", 3, r->lang, en->id, en->str[0]);
    r->stored++;
}

static void po_bad_line(void *ctx, int line, const char *why)
{
    po_read_ctx *r = ctx;
    builder_report(r->c, 1, "%s:%d: %s", r->path, line, why);
}

void po_read(builder *c, const char *lang)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/lang/%s.po", c->o->root, lang);
    err e;
    size_t len;
    char *text = source_read(path, &len, &e);
    if (!text) {
        builder_report(c, 0, "%s (the kiosk's own words fall back to English)", e.msg);
        return;
    }
    builder_hash_file(c, path + strlen(c->o->root), text,
                      len); /* before parsing cuts it into lines */
    po_read_ctx r = {c, lang, path, 0};
    po_parse(text, po_entry_in, po_bad_line, &r);
    free(text);
    if (!r.stored)
        builder_report(c, 0, "%s: no translated strings", path);
}
