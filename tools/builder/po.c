/* builder po: the UI strings of each language from the installation's lang/<code>.po
 * (gettext), into the pack (see builder.h). */
#include "builder/builder.h"

#include "builder/source.h"

#include "core/buf.h"
#include "core/plural.h"
#include "pack/format.h"

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

/* One entry of a .po file as it is read: msgid, msgid_plural and the msgstr forms. */
typedef struct po_entry {
    buf id, plural, str[PLURAL_MAX_FORMS];
    int nstr;     /* the highest msgstr[k] seen, plus one (1 for a plain msgstr) */
    int str_line; /* where its first msgstr is */
    int fuzzy;
} po_entry;

/* What a .po file of one language says about counting, for its plural entries. */
typedef struct po_lang {
    const char *code, *path;
    plural_rule rule;
    int have_rule; /* its header had a Plural-Forms line that parses */
} po_lang;

/* The forms of a rule that parsed are all reached, and only they: a count whose index is past
 * nplurals would show form 0, and a form never reached is a translation nobody sees. */
static void po_check_rule(builder *c, po_lang *pl, int line)
{
    int reached[PLURAL_MAX_FORMS] = {0};
    for (unsigned long n = 0; n <= 10000; n++) {
        plural_rule r = pl->rule;
        r.nplurals = PLURAL_MAX_FORMS + 1; /* see the index as the formula gives it */
        int k = plural_index(&r, n);
        if (k >= pl->rule.nplurals) {
            builder_report(c, 1, "%s:%d: Plural-Forms gives form %d for n = %lu, but nplurals is %d",
                           pl->path, line, k, n, pl->rule.nplurals);
            pl->have_rule = 0;
            return;
        }
        reached[k] = 1;
    }
    for (int k = 0; k < pl->rule.nplurals; k++)
        if (!reached[k])
            builder_report(c, 0, "%s:%d: Plural-Forms never gives form %d for n from 0 to 10000",
                           pl->path, line, k);
}

/* The header (msgid ""): the language's Plural-Forms, checked and kept as the msgid "" of
 * the pack's strings (pack/format.h). */
static void po_header(builder *c, po_lang *pl, const char *header, int line)
{
    const char *at = strstr(header, "Plural-Forms:");
    if (!at)
        return;
    const char *v = at + strlen("Plural-Forms:"), *end = strchr(v, '\n');
    char forms[512];
    snprintf(forms, sizeof forms, "%.*s", (int)(end ? end - v : (long)strlen(v)), v);
    err e;
    if (plural_parse(forms, &pl->rule, &e)) {
        builder_report(c, 1, "%s:%d: %s", pl->path, line, e.msg);
        return;
    }
    pl->have_rule = 1;
    po_check_rule(c, pl, line);
    if (pl->have_rule)
        builder_insert(c, "INSERT OR REPLACE INTO strings VALUES(?,'',?)", 2, pl->code, forms);
}

/* Stores one finished entry (a fuzzy or empty one is not a translation) and checks its
 * characters against the fonts, digits written as the pack writes the language's numbers;
 * returns 1 if stored. A plural entry's forms are stored one a row (pack/format.h). */
static int po_flush(builder *c, po_lang *pl, po_entry *en)
{
    int stored = 0;
    const char *lang = pl->code;
    if (!en->id.len && en->nstr && en->str[0].len) {
        po_header(c, pl, en->str[0].data, en->str_line);
    } else if (en->id.len && en->plural.len && !en->fuzzy) {
        int forms = pl->have_rule ? pl->rule.nplurals : 2, full = en->nstr == forms;
        for (int k = 0; k < en->nstr; k++)
            full = full && en->str[k].len;
        if (!pl->have_rule && en->nstr)
            builder_report(c, 1, "%s:%d: a plural entry, and no Plural-Forms in the header to "
                                 "say which form a count takes", pl->path, en->str_line);
        else if (en->nstr && !full && (en->str[0].len || en->nstr != forms))
            builder_report(c, en->nstr != forms, "%s:%d: %d forms of \"%s\" translated, the "
                           "header's Plural-Forms has %d", pl->path, en->str_line, en->nstr,
                           en->id.data, forms);
        for (int k = 0; full && k < forms; k++) {
            char key[1024];
            snprintf(key, sizeof key, "%s" PACK_PLURAL_SEP "%d", en->id.data, k);
            char *shown = builder_shown(c, lang, en->str[k].data);
            builder_insert(c, "INSERT OR REPLACE INTO strings VALUES(?,?,?)", 3, lang, key,
                           shown);
            builder_check_coverage(c, pl->path, en->str_line, shown, strlen(shown));
            free(shown);
        }
        stored = full;
    } else if (en->id.len && en->nstr == 1 && en->str[0].len && !en->fuzzy) {
        char *shown = builder_shown(c, lang, en->str[0].data);
        builder_insert(c, "INSERT OR REPLACE INTO strings VALUES(?,?,?)", 3, lang, en->id.data,
                       shown);
        builder_check_coverage(c, pl->path, en->str_line, shown, strlen(shown));
        free(shown);
        stored = 1;
    }
    buf_clear(&en->id), buf_clear(&en->plural);
    for (int k = 0; k < PLURAL_MAX_FORMS; k++)
        buf_clear(&en->str[k]);
    en->nstr = en->fuzzy = 0;
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
    po_lang pl = {.code = lang, .path = path};
    po_entry en = {0};
    buf_init(&en.id), buf_init(&en.plural);
    for (int k = 0; k < PLURAL_MAX_FORMS; k++)
        buf_init(&en.str[k]);
    buf *cur = NULL;
    int line = 0, n = 0, in_str = 0;
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
        int start_id = !strncmp(l, "msgid ", 6), start_plural = !strncmp(l, "msgid_plural ", 13);
        int start_str = !strncmp(l, "msgstr", 6) && (l[6] == ' ' || l[6] == '[');
        if ((start_id || !*l) && in_str) {
            n += po_flush(c, &pl, &en);
            cur = NULL;
            in_str = 0;
        }
        if (!*l)
            continue;
        if (*l == '#') {
            if (!strncmp(l, "#,", 2) && strstr(l, "fuzzy"))
                en.fuzzy = 1;
            continue;
        }
        const char *q = l;
        if (start_id) {
            cur = &en.id, q = l + 6;
        } else if (start_plural) {
            cur = &en.plural, q = l + 13;
        } else if (start_str) {
            int k = 0;
            q = l + 6;
            if (*q == '[') { /* msgstr[k]: a plural form */
                char *close;
                long v = strtol(q + 1, &close, 10);
                if (*close != ']' || v < 0 || v >= PLURAL_MAX_FORMS || !en.plural.len) {
                    builder_report(c, 1, "%s:%d: msgstr[%ld]: only a plural entry has forms, "
                                         "at most %d", path, line, v, PLURAL_MAX_FORMS);
                    cur = NULL;
                    continue;
                }
                k = (int)v, q = close + 1;
            } else if (en.plural.len) {
                builder_report(c, 1, "%s:%d: a plural entry's translations are msgstr[0], "
                                     "msgstr[1], ...", path, line);
            }
            if (!in_str)
                en.str_line = line;
            in_str = 1;
            cur = &en.str[k];
            if (k + 1 > en.nstr)
                en.nstr = k + 1;
        } else if (*l != '"' || !cur) {
            builder_report(c, 1, "%s:%d: not a gettext PO line (msgid, msgstr or a quoted string)",
                           path, line);
            continue;
        }
        while (*q == ' ')
            q++;
        if (po_string(&q, cur))
            builder_report(c, 1, "%s:%d: a broken quoted string", path, line);
    }
    if (in_str)
        n += po_flush(c, &pl, &en);
    buf_free(&en.id), buf_free(&en.plural);
    for (int k = 0; k < PLURAL_MAX_FORMS; k++)
        buf_free(&en.str[k]);
    free(text);
    if (!n)
        builder_report(c, 0, "%s: no translated strings", path);
}
