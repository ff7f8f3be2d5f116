/* kv: see kv.h. */
#include "builder/kv.h"

#include "builder/source.h"
#include "core/buf.h"

#include <string.h>

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

int kv_parse(kv_file *f, const char *path, err *e)
{
    memset(f, 0, sizeof *f);
    size_t len;
    char *text = source_read(path, &len, e);
    if (!text)
        return -1;
    f->path = xstrdup(path);
    f->raw = xstrndup(text, len);
    f->raw_len = len;
    char *section = xstrdup(""), *id = xstrdup("");
    int cap = 0, line = 0;
    /* every [section id] header so far, to report a repeated one at its first line */
    struct seen_section {
        char *section, *id;
        int line;
    } *seen = NULL;
    int nseen = 0, sec_start = 0;
    char *p = text;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3; /* a BOM from a Windows editor */
    int rc = 0;
    while (*p) {
        line++;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        char *l = trim(p);
        p = nl ? nl + 1 : p + strlen(p);
        if (!*l || *l == '#')
            continue;
        if (*l == '[') {
            char *close = strchr(l, ']');
            if (!close || close[1]) {
                rc = err_set(e, "%s:%d: a section line must look like [category money]", path, line);
                break;
            }
            *close = 0;
            char *inner = trim(l + 1);
            char *sp = strpbrk(inner, " \t");
            free(section), free(id);
            if (sp) {
                *sp = 0;
                section = xstrdup(inner);
                id = xstrdup(trim(sp + 1));
            } else {
                section = xstrdup(inner);
                id = xstrdup("");
            }
            for (int k = 0; k < nseen; k++)
                if (*id && !strcmp(seen[k].section, section) && !strcmp(seen[k].id, id)) {
                    rc = err_set(e, "%s:%d: duplicate section [%s %s] (first at line %d)", path,
                                 line, section, id, seen[k].line);
                    goto done;
                }
            seen = xrealloc(seen, (size_t)(nseen + 1) * sizeof *seen);
            seen[nseen++] = (struct seen_section){xstrdup(section), xstrdup(id), line};
            sec_start = f->n;
            continue;
        }
        char *colon = strchr(l, ':');
        if (!colon || colon == l) {
            rc = err_set(e, "%s:%d: expected `key: value` or `[section id]`, found \"%.40s\"",
                         path, line, l);
            break;
        }
        *colon = 0;
        char *key = trim(l), *val = trim(colon + 1);
        /* a section appears once, so a repeated key can only be in the current one */
        for (int k = sec_start; k < f->n; k++)
            if (!strcmp(f->e[k].key, key)) {
                rc = err_set(e, "%s:%d: `%s` given twice in this section (first at line %d)",
                             path, line, key, f->e[k].line);
                goto done;
            }
        if (f->n == cap) {
            cap = cap ? cap * 2 : 64;
            f->e = xrealloc(f->e, (size_t)cap * sizeof *f->e);
        }
        kv_entry *en = &f->e[f->n++];
        en->section = xstrdup(section);
        en->id = xstrdup(id);
        en->key = xstrdup(key);
        en->value = xstrdup(val);
        en->line = line;
        en->used = 0;
    }
done:
    for (int k = 0; k < nseen; k++)
        free(seen[k].section), free(seen[k].id);
    free(seen);
    free(section), free(id), free(text);
    if (rc)
        kv_free(f);
    return rc;
}

void kv_free(kv_file *f)
{
    for (int k = 0; k < f->n; k++) {
        free(f->e[k].section), free(f->e[k].id), free(f->e[k].key), free(f->e[k].value);
    }
    free(f->e);
    free(f->path);
    free(f->raw);
    memset(f, 0, sizeof *f);
}

kv_entry *kv_get(kv_file *f, const char *section, const char *id, const char *key)
{
    for (int k = 0; k < f->n; k++)
        if (!strcmp(f->e[k].section, section) && !strcmp(f->e[k].id, id) &&
            !strcmp(f->e[k].key, key)) {
            f->e[k].used = 1;
            return &f->e[k];
        }
    return NULL;
}
