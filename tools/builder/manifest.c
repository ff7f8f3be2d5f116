/* builder manifest: manifest.txt, the pack's languages, categories, journey, help, surveys
 * list and notice, checked and written to the pack (see builder.h). */
#include "builder/builder.h"

#include "core/buf.h"
#include "feedback.h"
#include "pack/format.h"
#include "store/store.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *req(builder *c, const char *section, const char *id, const char *key)
{
    kv_entry *en = kv_get(&c->man, section, id, key);
    if (!en || !*en->value) {
        builder_report(c, 1, "%s: [%s%s%s] needs `%s:`", c->man.path, *section ? section : "top",
                       *id ? " " : "", id, key);
        return NULL;
    }
    return en->value;
}

static int section_line(builder *c, const char *section, const char *id)
{
    for (int k = 0; k < c->man.n; k++)
        if (!strcmp(c->man.e[k].section, section) && !strcmp(c->man.e[k].id, id))
            return c->man.e[k].line;
    return 0;
}

static int page_exists(const builder *c, const char *id)
{
    for (int k = 0; k < c->npages; k++)
        if (!strcmp(c->page_ids[k], id))
            return 1;
    return 0;
}

static void page_list(builder *c, const char *section, const char *id, const char *owner)
{
    kv_entry *en = kv_get(&c->man, section, id, "pages");
    if (!en) {
        builder_report(c, 1, "%s:%d: [%s %s] needs `pages:`", c->man.path,
                       section_line(c, section, id), section, id);
        return;
    }
    char *list = xstrdup(en->value), *save = NULL;
    int ord = 0;
    char seen[64][65];
    for (char *t = strtok_r(list, " \t,", &save); t; t = strtok_r(NULL, " \t,", &save)) {
        if (!page_exists(c, t)) {
            builder_report(c, 1, "%s:%d: [%s %s] lists page \"%s\", but there is no pages/%s/",
                           c->man.path, en->line, section, id, t, t);
            continue;
        }
        int dup = 0;
        for (int k = 0; k < ord && k < 64; k++)
            if (!strcmp(seen[k], t))
                dup = 1;
        if (dup) {
            builder_report(c, 1, "%s:%d: [%s %s] lists page \"%s\" twice", c->man.path, en->line,
                           section, id, t);
            continue;
        }
        if (ord < 64)
            snprintf(seen[ord], sizeof seen[ord], "%s", t);
        char o[16];
        snprintf(o, sizeof o, "%d", ord++);
        builder_insert(c, "INSERT INTO links VALUES(?,?,?)", 3, owner, o, t);
    }
    if (!ord)
        builder_report(c, 1, "%s:%d: [%s %s] lists no pages", c->man.path, en->line, section, id);
    free(list);
}

int manifest_read(builder *c, err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.txt", c->o->src);
    if (kv_parse(&c->man, path, e))
        return -1;
    builder_hash_file(c, "manifest.txt", c->man.raw, c->man.raw_len);
    const char *langs = req(c, "", "", "languages");
    if (!langs)
        return 0;
    char *list = xstrdup(langs), *save = NULL;
    for (char *t = strtok_r(list, " \t,", &save); t; t = strtok_r(NULL, " \t,", &save)) {
        char code[FEEDBACK_LANG_MAX + 1];
        const char *why = feedback_lang_normalise(t, code);
        if (why || strcmp(code, t)) {
            builder_report(c, 1, "%s: \"%s\" is not a language code (like lv, en or sr-latn): %s",
                           path, t, why ? why : "has capital letters");
            continue;
        }
        if (builder_lang_index(c, t) >= 0) {
            builder_report(c, 1, "%s: language %s is listed twice", path, t);
            continue;
        }
        if (c->nlangs == BUILDER_MAX_LANGS) {
            builder_report(c, 1, "%s: more than %d languages", path, BUILDER_MAX_LANGS);
            break;
        }
        snprintf(c->langs[c->nlangs++].code, 16, "%s", t);
    }
    free(list);
    /* each language's direction and digits, which the pages read next are laid out with */
    for (int l = 0; l < c->nlangs; l++) {
        kv_entry *dir = kv_get(&c->man, "language", c->langs[l].code, "dir");
        c->langs[l].rtl = dir && !strcmp(dir->value, "rtl");
    }
    for (int k = 0; k < c->man.n; k++) {
        kv_entry *en = &c->man.e[k];
        if (*en->section || strncmp(en->key, "listen.", 7))
            continue;
        en->used = 1;
        int l = builder_lang_index(c, en->key + 7);
        if (l < 0)
            builder_report(c, 1, "%s:%d: `%s`: language %s is not in the manifest's languages",
                           path, en->line, en->key, en->key + 7);
        else if (strcmp(en->value, "yes") && strcmp(en->value, "no"))
            builder_report(c, 1, "%s:%d: `%s` must be yes or no", path, en->line, en->key);
        else
            c->langs[l].listen = !strcmp(en->value, "yes");
    }
    for (int k = 0; k < c->man.n; k++) {
        kv_entry *en = &c->man.e[k];
        if (*en->section || strncmp(en->key, "digits.", 7))
            continue;
        en->used = 1;
        int l = builder_lang_index(c, en->key + 7), d = text_digits_parse(en->value);
        if (l < 0)
            builder_report(c, 1, "%s:%d: `%s`: language %s is not in the manifest's languages",
                           path, en->line, en->key, en->key + 7);
        else if (d < 0)
            builder_report(c, 1, "%s:%d: `%s` must be western (0-9), persian (۰-۹) or arabic (٠-٩)",
                           path, en->line, en->key);
        else
            c->langs[l].digits = d;
    }
    const char *ref = req(c, "", "", "reference"), *fb = req(c, "", "", "fallback");
    snprintf(c->reference, sizeof c->reference, "%s", ref ? ref : "");
    snprintf(c->fallback, sizeof c->fallback, "%s", fb ? fb : "");
    if (ref && builder_lang_index(c, ref) < 0)
        builder_report(c, 1, "%s: reference language %s is not in languages", path, ref);
    if (fb && builder_lang_index(c, fb) < 0)
        builder_report(c, 1, "%s: fallback language %s is not in languages", path, fb);
    /* the kiosk's language before a person chooses one (optional: the first of languages) */
    kv_entry *def = kv_get(&c->man, "", "", "default");
    snprintf(c->deflang, sizeof c->deflang, "%s",
             def ? def->value : c->nlangs ? c->langs[0].code : "");
    if (def && builder_lang_index(c, def->value) < 0)
        builder_report(c, 1, "%s:%d: default language %s is not in languages", path, def->line,
                       def->value);
    return 0;
}

/* The words after which the kiosk scrubs a number from typed text ("room 12"), per language:
 * `scrub.LANG: word word ...` (see store_scrub for '*' and capitals), else the built-in words
 * of that language, stored as the pack's "scrub" text of the language. A language with
 * neither gets none (the kiosk still scrubs every long number and address). */
static void scrub_words(builder *c, const char *owner)
{
    kv_file *m = &c->man;
    for (int k = 0; k < m->n; k++) {
        kv_entry *en = &m->e[k];
        if (*en->section || strncmp(en->key, "scrub.", 6))
            continue;
        en->used = 1;
        if (builder_lang_index(c, en->key + 6) < 0)
            builder_report(c, 1, "%s:%d: `%s`: language %s is not in the manifest's languages",
                           m->path, en->line, en->key, en->key + 6);
    }
    for (int l = 0; l < c->nlangs; l++) {
        char key[32];
        str_printf(key, sizeof key, "scrub.%s", c->langs[l].code);
        kv_entry *en = kv_get(m, "", "", key);
        const char *words = en ? en->value : store_scrub_words(c->langs[l].code);
        if (words && *words)
            builder_insert(c, "INSERT INTO texts VALUES(?,?,?,?)", 4, owner, "scrub",
                           c->langs[l].code, words);
    }
}

void manifest_write(builder *c)
{
    kv_file *m = &c->man;
    const char *pack = req(c, "", "", "pack"), *version = req(c, "", "", "version");
    if (pack && !pack_valid_id(pack))
        builder_report(c, 1, "%s: pack id \"%s\" may use only a-z, 0-9 and -", m->path, pack);
    if (version && !pack_version_valid(version))
        builder_report(c, 1,
                       "%s:%d: version \"%s\" must be numbers joined by dots, like 2022.12 (a "
                       "kiosk takes only a newer version)",
                       m->path, kv_get(m, "", "", "version")->line, version);
    builder_insert(c, "INSERT INTO meta VALUES('format', ?)", 1, PACK_FORMAT_TEXT);
    builder_insert(c, "INSERT INTO meta VALUES('pack', ?)", 1, pack ? pack : "");
    builder_insert(c, "INSERT INTO meta VALUES('version', ?)", 1, version ? version : "");
    builder_insert(c, "INSERT INTO meta VALUES('reference', ?)", 1, c->reference);
    builder_insert(c, "INSERT INTO meta VALUES('fallback', ?)", 1, c->fallback);
    builder_insert(c, "INSERT INTO meta VALUES('default', ?)", 1, c->deflang);
    char owner[PACK_OWNER_MAX];
    pack_owner(owner, sizeof owner, PACK_OWNER_PACK, NULL);
    builder_texts(c, m, "", "", "title", owner, 1);
    builder_status(c, m, "", "", owner);
    scrub_words(c, owner);
    /* the digits of each language, for the numbers the kiosk writes itself (counts, the
     * question's number, the version): the pages have theirs already */
    static const char *const digit_names[] = {"western", "persian", "arabic"};
    for (int l = 0; l < c->nlangs; l++)
        builder_insert(c, "INSERT INTO texts VALUES(?,?,?,?)", 4, owner, "digits",
                       c->langs[l].code, digit_names[c->langs[l].digits]);
    /* the languages whose people get listening mode unless they turn it off */
    for (int l = 0; l < c->nlangs; l++)
        if (c->langs[l].listen)
            builder_insert(c, "INSERT INTO texts VALUES(?,?,?,?)", 4, owner, "listen",
                           c->langs[l].code, "yes");
    /* a line every page's footer shows (the demo: that it is example content); optional */
    if (kv_get(m, "", "", "notice.en") || kv_get(m, "", "", "notice"))
        builder_texts(c, m, "", "", "notice", owner, 0);

    for (int l = 0; l < c->nlangs; l++) {
        builder_lang *li = &c->langs[l];
        int line = section_line(c, "language", li->code);
        if (!line) {
            builder_report(c, 1, "%s: language %s needs a [language %s] section with its name",
                           m->path, li->code, li->code);
            continue;
        }
        const char *name = req(c, "language", li->code, "name");
        kv_entry *dir = kv_get(m, "language", li->code, "dir");
        if (dir && strcmp(dir->value, "rtl") && strcmp(dir->value, "ltr"))
            builder_report(c, 1, "%s:%d: dir must be rtl or ltr", m->path, dir->line);
        li->name = xstrdup(name ? name : li->code);
        builder_check_coverage(c, m->path, 1, li->name, strlen(li->name));
        char ord[16];
        snprintf(ord, sizeof ord, "%d", l);
        builder_insert(c, "INSERT INTO languages VALUES(?,?,?,?)", 4, li->code, ord, li->name,
                       li->rtl ? "1" : "0");
    }
    int ncat = 0, nstage = 0, nys = 0;
    for (int k = 0; k < m->n; k++) {
        kv_entry *en = &m->e[k];
        if (k > 0 && !strcmp(m->e[k - 1].section, en->section) && !strcmp(m->e[k - 1].id, en->id))
            continue; /* one pass per section */
        const char *s = en->section, *id = en->id;
        if (!*s)
            continue;
        if (strcmp(s, "language") && !pack_valid_id(id)) {
            builder_report(c, 1, "%s:%d: [%s %s]: an id may use only a-z, 0-9 and -", m->path,
                           en->line, s, id);
            continue;
        }
        char ord[16], icon[16];
        if (!strcmp(s, "language")) {
            if (builder_lang_index(c, id) < 0)
                builder_report(c, 1, "%s:%d: [language %s] is not in languages", m->path, en->line,
                               id);
        } else if (!strcmp(s, "category")) {
            pack_owner(owner, sizeof owner, PACK_OWNER_CATEGORY, id);
            snprintf(ord, sizeof ord, "%d", ncat++);
            builder_icon_of(c, m, s, id, icon);
            builder_insert(c, "INSERT INTO categories VALUES(?,?,?)", 3, id, ord, icon);
            builder_texts(c, m, s, id, "title", owner, 1);
            builder_status(c, m, s, id, owner);
            page_list(c, s, id, owner);
        } else if (!strcmp(s, "stage")) {
            pack_owner(owner, sizeof owner, PACK_OWNER_STAGE, id);
            snprintf(ord, sizeof ord, "%d", nstage++);
            builder_icon_of(c, m, s, id, icon);
            builder_insert(c, "INSERT INTO stages VALUES(?,?,?)", 3, id, ord, icon);
            builder_texts(c, m, s, id, "title", owner, 1);
            builder_texts(c, m, s, id, "text", owner, 0);
            builder_status(c, m, s, id, owner);
            page_list(c, s, id, owner);
        } else if (!strcmp(s, "yousaid")) {
            pack_owner(owner, sizeof owner, PACK_OWNER_YOUSAID, id);
            snprintf(ord, sizeof ord, "%d", nys++);
            kv_entry *d = kv_get(m, s, id, "date");
            kv_entry *src = kv_get(m, s, id, "sources");
            if (src)
                sources_resolve(c, m->path, src->line, src->value);
            builder_insert(c, "INSERT INTO yousaid VALUES(?,?,?)", 3, id, ord, d ? d->value : "");
            builder_texts(c, m, s, id, "said", owner, 1);
            builder_texts(c, m, s, id, "did", owner, 1);
            builder_status(c, m, s, id, owner);
            /* the page it points to ("See ..."), a link the kiosk shows */
            kv_entry *see = kv_get(m, s, id, "see");
            if (see && !page_exists(c, see->value))
                builder_report(c, 1, "%s:%d: [yousaid %s] see: \"%s\" is no page (no pages/%s/)",
                               m->path, see->line, id, see->value, see->value);
            else if (see)
                builder_insert(c, "INSERT INTO links VALUES(?,0,?)", 2, owner, see->value);
        } else {
            builder_report(c, 1,
                           "%s:%d: unknown section [%s] (language, category, stage or yousaid)",
                           m->path, en->line, s);
        }
    }
    if (!ncat)
        builder_report(c, 1, "%s: no [category ...] sections: the home screen would be empty",
                       m->path);
    /* the category behind the help button that every screen shows (optional) */
    kv_entry *help = kv_get(m, "", "", "help");
    if (help) {
        if (!section_line(c, "category", help->value))
            builder_report(c, 1, "%s:%d: help: %s is not a [category]", m->path, help->line,
                           help->value);
        builder_insert(c, "INSERT INTO meta VALUES('help', ?)", 1, help->value);
    }
    for (int k = 0; k < m->n; k++)
        if (!m->e[k].used && strcmp(m->e[k].key, "pages"))
            builder_report(c, 0, "%s:%d: unknown key `%s` is ignored", m->path, m->e[k].line,
                           m->e[k].key);
}

