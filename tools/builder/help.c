/* builder help: help.txt, the way out for people in danger: the hotlines "I need help now"
 * shows (112, police, a trafficking line, an NGO), each with its name in every language, and
 * per language the words and phrases that signal danger in typed text, checked and written
 * to the pack (see builder.h). Optional: a pack without it has no hotlines and no words.
 *
 *   machine: lv ru           the languages whose texts here are machine translations
 *   [hotline emergency]      in the order shown
 *   phone: 112               or {{fill in: ...}} for the operator
 *   title.en: Emergency: police, fire, ambulance
 *   text.en: ...             optional, one short line
 *   [danger en]
 *   phrases: abuse, violence, someone hits me, traffick*
 *
 * A phrase matches typed text word by word, folded as the search folds (case, diacritics,
 * Arabic letter forms); a word ending in `*` matches any ending. */
#include "builder/builder.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "fs.h"
#include "pack/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A phone number as a person dials it: digits (any of the three sets), spaces, '+', '-'. */
static int dialable(const char *s)
{
    int digits = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp = utf8_decode(s, n, &i);
        if ((cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) ||
            (cp >= 0x06F0 && cp <= 0x06F9))
            digits++;
        else if (cp != ' ' && cp != '+' && cp != '-')
            return 0;
    }
    return digits > 0;
}

static void placeholders(builder *c, const char *path, int line, const char *s)
{
    int np = pack_placeholder_count(s);
    if (np && c->placeholders == 0)
        str_printf(c->first_placeholder, sizeof c->first_placeholder, "%s:%d", path, line);
    c->placeholders += np;
    if (pack_placeholder_stray(s))
        builder_report(c, 1, "%s:%d: braces outside a {{fill in: ...}} placeholder", path, line);
}

static void hotline(builder *c, kv_file *f, const char *id, int line, int ord)
{
    kv_entry *ph = kv_get(f, "hotline", id, "phone");
    if (!ph || !*ph->value) {
        builder_report(c, 1, "%s:%d: [hotline %s] needs `phone:` (or {{fill in: ...}})", f->path,
                       line, id);
        return;
    }
    placeholders(c, f->path, ph->line, ph->value);
    if (!pack_placeholder_find(ph->value, NULL) && !dialable(ph->value))
        builder_report(c, 1, "%s:%d: [hotline %s] phone \"%s\" is not a number to dial", f->path,
                       ph->line, id, ph->value);
    char owner[PACK_OWNER_MAX], o[16];
    pack_owner(owner, sizeof owner, PACK_OWNER_HOTLINE, id);
    snprintf(o, sizeof o, "%d", ord);
    builder_insert(c, "INSERT INTO hotlines VALUES(?,?,?)", 3, id, o, ph->value);
    builder_texts(c, f, "hotline", id, "title", owner, 1);
    builder_texts(c, f, "hotline", id, "text", owner, 0);
    kv_get(f, "hotline", id, "sources");
}

static void danger(builder *c, kv_file *f, const char *lang, int line)
{
    int l = builder_lang_index(c, lang);
    if (l < 0) {
        builder_report(c, 1, "%s:%d: [danger %s]: language %s is not in the manifest's languages",
                       f->path, line, lang, lang);
        return;
    }
    kv_entry *en = kv_get(f, "danger", lang, "phrases");
    if (!en || !*en->value) {
        builder_report(c, 1, "%s:%d: [danger %s] needs `phrases:`", f->path, line, lang);
        return;
    }
    builder_check_coverage(c, f->path, en->line, en->value, strlen(en->value));
    char *list = xstrdup(en->value), *save = NULL;
    char **seen = NULL;
    int n = 0;
    /* commas part the phrases (the Arabic comma too: people type it on their keyboard) */
    for (char *p = list; *p; p++)
        if ((unsigned char)p[0] == 0xD8 && (unsigned char)p[1] == 0x8C)
            p[0] = ',', p[1] = ' ';
    for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        while (*t == ' ' || *t == '\t')
            t++;
        size_t len = strlen(t);
        while (len && (t[len - 1] == ' ' || t[len - 1] == '\t'))
            t[--len] = 0;
        if (!len) {
            builder_report(c, 1, "%s:%d: [danger %s]: an empty phrase (two commas)", f->path,
                           en->line, lang);
            continue;
        }
        if (strlen(t) > 200) {
            builder_report(c, 1, "%s:%d: [danger %s]: a phrase over 200 bytes", f->path, en->line,
                           lang);
            continue;
        }
        int dup = 0;
        for (int k = 0; k < n; k++)
            dup |= !strcmp(seen[k], t);
        if (dup) {
            builder_report(c, 0, "%s:%d: [danger %s]: \"%s\" is listed twice", f->path, en->line,
                           lang, t);
            continue;
        }
        seen = xrealloc(seen, (size_t)(n + 1) * sizeof *seen);
        seen[n++] = t;
        builder_insert(c, "INSERT INTO danger VALUES(?,?)", 2, lang, t);
    }
    free(seen);
    free(list);
}

void help_read(builder *c)
{
    char path[4096];
    if (str_printf(path, sizeof path, "%s/help.txt", c->o->src)) {
        builder_report(c, 1, "%s: path too long", c->o->src);
        return;
    }
    fs_info in;
    err e;
    if (fs_stat(path, &in, &e) || in.kind != FS_FILE)
        return; /* no help.txt: no hotlines, no danger words */
    kv_file f;
    if (kv_parse(&f, path, &e)) {
        builder_report(c, 1, "%s", e.msg);
        return;
    }
    builder_hash_file(c, "help.txt", f.raw, f.raw_len);
    kv_entry *mt = kv_get(&f, "", "", "machine");
    if (mt) {
        char *list = xstrdup(mt->value), *save = NULL;
        for (char *t = strtok_r(list, " \t,", &save); t; t = strtok_r(NULL, " \t,", &save))
            if (builder_lang_index(c, t) < 0)
                builder_report(c, 1, "%s:%d: machine: %s is not in the manifest's languages",
                               path, mt->line, t);
        free(list);
        builder_insert(c, "INSERT INTO meta VALUES('help-machine', ?)", 1, mt->value);
    }
    int nh = 0;
    for (int k = 0; k < f.n; k++) {
        kv_entry *en = &f.e[k];
        if (k > 0 && !strcmp(f.e[k - 1].section, en->section) && !strcmp(f.e[k - 1].id, en->id))
            continue; /* one pass per section */
        if (!*en->section)
            continue;
        if (!pack_valid_id(en->id)) {
            builder_report(c, 1, "%s:%d: [%s %s]: an id may use only a-z, 0-9 and -", path,
                           en->line, en->section, en->id);
            continue;
        }
        if (!strcmp(en->section, "hotline"))
            hotline(c, &f, en->id, en->line, nh++);
        else if (!strcmp(en->section, "danger"))
            danger(c, &f, en->id, en->line);
        else
            builder_report(c, 1, "%s:%d: unknown section [%s] (hotline or danger)", path, en->line,
                           en->section);
    }
    for (int k = 0; k < f.n; k++)
        if (!f.e[k].used)
            builder_report(c, 0, "%s:%d: unknown key `%s` is ignored", path, f.e[k].line,
                           f.e[k].key);
    kv_free(&f);
}
