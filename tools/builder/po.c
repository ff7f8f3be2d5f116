/* builder po: the UI strings of each language from the installation's lang/<code>.po
 * (gettext), into the pack (see builder.h). */
#include "builder/builder.h"

#include "builder/source.h"

#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a C-style quoted string starting at *p (at the quote); appends its value to b. */
static int po_string(const char **p, buf *b)
{
    const char *s = *p;
    if (*s != '"')
        return -1;
    s++;
    while (*s && *s != '"') {
        if (*s == '\\') {
            s++;
            switch (*s) {
            case 'n': buf_addc(b, '\n'); break;
            case 't': buf_addc(b, '\t'); break;
            case '"': buf_addc(b, '"'); break;
            case '\\': buf_addc(b, '\\'); break;
            default: return -1;
            }
            s++;
        } else {
            buf_addc(b, *s++);
        }
    }
    if (*s != '"')
        return -1;
    *p = s + 1;
    return 0;
}

/* Stores one finished msgid/msgstr pair (a fuzzy or empty one is not a translation) and
 * checks its characters against the fonts; returns 1 if stored. */
static int po_flush(builder *c, const char *lang, const char *path, buf *id, buf *str, int fuzzy,
                    int str_line)
{
    int stored = id->len && str->len && !fuzzy;
    if (stored) {
        builder_insert(c, "INSERT OR REPLACE INTO strings VALUES(?,?,?)", 3, lang, id->data,
                       str->data);
        builder_check_coverage(c, path, str_line, str->data, str->len);
    }
    buf_clear(id), buf_clear(str);
    return stored;
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
    buf id, str;
    buf_init(&id), buf_init(&str);
    buf *cur = NULL;
    int line = 0, fuzzy = 0, n = 0, str_line = 0;
    char *p = text;
    while (*p) {
        line++;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        const char *l = p;
        p = nl ? nl + 1 : p + strlen(p);
        while (*l == ' ')
            l++;
        int start_id = !strncmp(l, "msgid ", 6), start_str = !strncmp(l, "msgstr ", 7);
        if ((start_id || !*l) && cur == &str) {
            n += po_flush(c, lang, path, &id, &str, fuzzy, str_line);
            cur = NULL;
            fuzzy = 0;
        }
        if (!*l)
            continue;
        if (*l == '#') {
            if (!strncmp(l, "#,", 2) && strstr(l, "fuzzy"))
                fuzzy = 1;
            continue;
        }
        const char *q = l;
        if (start_id)
            cur = &id, q = l + 6;
        else if (start_str)
            cur = &str, q = l + 7, str_line = line;
        else if (*l != '"' || !cur) {
            builder_report(c, 1, "%s:%d: not a gettext PO line (msgid, msgstr or a quoted string)",
                           path, line);
            continue;
        }
        while (*q == ' ')
            q++;
        if (po_string(&q, cur))
            builder_report(c, 1, "%s:%d: a broken quoted string", path, line);
    }
    if (cur == &str)
        n += po_flush(c, lang, path, &id, &str, fuzzy, str_line);
    buf_free(&id), buf_free(&str);
    free(text);
    if (!n)
        builder_report(c, 0, "%s: no translated strings", path);
}

