/* builder assets: the installation's icon names and fonts, and the check that the fonts draw
 * every character of the content (see builder.h). */
#include "builder/builder.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "fs.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* assets/icons/names.txt: a name and a code point a line (about 40 KB for Material Icons) */
#define ICON_NAMES_MAX (4u << 20)

int builder_load_icons(builder *c, err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/assets/icons/names.txt", c->o->root);
    err why = {{0}};
    size_t len;
    char *text = (char *)fs_read_all(path, ICON_NAMES_MAX, &len, &why);
    if (!text)
        return err_set(e, "cannot read the icon names: %s", why.msg);
    int cap = 0;
    for (char *line = text, *next; *line; line = next) {
        next = line + strcspn(line, "\n");
        if (*next)
            *next++ = 0;
        char name[128];
        unsigned cp;
        if (sscanf(line, "%127s %x", name, &cp) != 2)
            continue;
        if (c->nicons == cap) {
            cap = cap ? cap * 2 : 1024;
            c->icon_names = xrealloc(c->icon_names, (size_t)cap * sizeof *c->icon_names);
            c->icon_cps = xrealloc(c->icon_cps, (size_t)cap * sizeof *c->icon_cps);
        }
        c->icon_names[c->nicons] = xstrdup(name);
        c->icon_cps[c->nicons++] = cp;
    }
    free(text);
    return 0;
}

long builder_icon_cp(const builder *c, const char *name)
{
    for (int k = 0; k < c->nicons; k++)
        if (!strcmp(c->icon_names[k], name))
            return c->icon_cps[k];
    return -1;
}

int builder_load_coverage(builder *c, err *e)
{
    c->covered = hb_set_create();
    for (int f = 0; f < TEXT_FACE_COUNT; f++) {
        if (f == TEXT_FACE_ICONS)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/assets/fonts/%s", c->o->root, text_face_file(f));
        hb_face_t *face = measure_face_read(path, e);
        if (!face)
            return -1;
        hb_face_collect_unicodes(face, c->covered);
        hb_face_destroy(face);
    }
    return 0;
}

/* Reports every character of text that no bundled font draws. */
void builder_check_coverage(builder *c, const char *path, int first_line, const char *text,
                            size_t len)
{
    if (!c->covered)
        return;
    int line = first_line, col = 1, shown = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = utf8_decode(text, len, &i);
        if (cp == '\n') {
            line++, col = 1;
            continue;
        }
        if (cp >= 0x20 && cp != 0xFEFF && cp != 0x200C && cp != 0x200D && cp != 0x200E &&
            cp != 0x200F && cp != 0xA0 && !hb_set_has(c->covered, cp)) {
            if (shown++ < 20)
                builder_report(
                    c, 1, "%s:%d:%d: U+%04X is in no bundled font (it would show as an empty box)",
                    path, line, col, cp);
        }
        col++;
    }
}

void builder_icon_of(builder *c, kv_file *f, const char *section, const char *id, char out[16])
{
    out[0] = 0;
    kv_entry *en = kv_get(f, section, id, "icon");
    if (!en) {
        builder_report(c, 1, "%s: [%s %s] needs `icon:` (a name from assets/icons/names.txt)",
                       f->path, section, id);
        return;
    }
    long cp = builder_icon_cp(c, en->value);
    if (cp < 0 || cp > 0x10FFFF) { /* a code point: at most 7 digits in out */
        builder_report(c, 1, "%s:%d: unknown pictogram \"%s\" (see assets/icons/names.txt)",
                       f->path, en->line, en->value);
        return;
    }
    snprintf(out, 16, "%ld", cp);
}
