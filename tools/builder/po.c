/* builder po: the UI strings of each language from the installation's lang/<code>.po
 * (gettext, read by po/po.h), into the pack (see builder.h). A counted word's forms are
 * stored one a row, and the header's Plural-Forms as the msgid "" (pack/format.h), checked
 * with the kiosk's own evaluator (core/plural.h). Entries with a context are not the kiosk's
 * (the report's own strings are msgctxt "report"): they are left out of the pack, but their
 * characters are still checked against the bundled fonts. */
#include "builder/builder.h"

#include "builder/source.h"
#include "core/plural.h"
#include "pack/format.h"
#include "po/po.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a .po file of one language says about counting, for its plural entries. */
typedef struct po_lang {
    builder *c;
    const char *code, *path;
    plural_rule rule;
    int have_rule; /* its header had a Plural-Forms line that parses */
    int stored;
} po_lang;

/* The Plural-Forms lines already found sound in this process: a pure function of the text,
 * and several languages share one (the fuzz targets build a pack at every input) */
static char sound_rules[16][512];
static int nsound_rules;

/* The forms of a rule that parsed are all reached, and only they: a count whose index is past
 * nplurals would show form 0, and a form never reached is a translation nobody sees. */
static void po_check_rule(builder *c, po_lang *pl, int line, const char *forms)
{
    for (int k = 0; k < nsound_rules; k++)
        if (!strcmp(sound_rules[k], forms))
            return;
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
    int sound = 1;
    for (int k = 0; k < pl->rule.nplurals; k++)
        if (!reached[k]) {
            builder_report(c, 0, "%s:%d: Plural-Forms never gives form %d for n from 0 to 10000",
                           pl->path, line, k);
            sound = 0;
        }
    if (sound && nsound_rules < 16 && strlen(forms) < sizeof sound_rules[0])
        strcpy(sound_rules[nsound_rules++], forms);
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
    po_check_rule(c, pl, line, forms);
    if (pl->have_rule)
        builder_insert(c, "INSERT OR REPLACE INTO strings VALUES(?,'',?)", 2, pl->code, forms);
}

/* Stores one translation as the pack shows it (digits written as the pack writes the
 * language's numbers) and checks its characters against the fonts. */
static void po_store(po_lang *pl, const char *key, const char *text, int line)
{
    char *shown = builder_shown(pl->c, pl->code, text);
    builder_insert(pl->c, "INSERT OR REPLACE INTO strings VALUES(?,?,?)", 3, pl->code, key, shown);
    builder_check_coverage(pl->c, pl->path, line, shown, strlen(shown));
    free(shown);
}

/* One entry (a fuzzy or empty one is not a translation). */
static void po_entry_in(void *ctx, const po_entry *en)
{
    po_lang *pl = ctx;
    builder *c = pl->c;
    if (!*en->id) {
        if (en->nstr && en->str[0] && *en->str[0])
            po_header(c, pl, en->str[0], en->line);
        return;
    }
    if (en->fuzzy)
        return;
    if (en->ctxt) { /* not the kiosk's: only its characters are checked */
        for (int i = 0; i < en->nstr; i++)
            if (en->str[i] && *en->str[i])
                builder_check_coverage(c, pl->path, en->line + i, en->str[i], strlen(en->str[i]));
        return;
    }
    if (en->plural) {
        int forms = pl->have_rule ? pl->rule.nplurals : 2, full = en->nstr == forms;
        for (int k = 0; k < en->nstr; k++)
            full = full && en->str[k] && *en->str[k];
        if (!pl->have_rule && en->nstr)
            builder_report(c, 1, "%s:%d: a plural entry, and no Plural-Forms in the header to "
                                 "say which form a count takes", pl->path, en->line);
        else if (en->nstr && !full && ((en->str[0] && *en->str[0]) || en->nstr != forms))
            builder_report(c, en->nstr != forms, "%s:%d: %d forms of \"%s\" translated, the "
                           "header's Plural-Forms has %d", pl->path, en->line, en->nstr, en->id,
                           forms);
        for (int k = 0; full && k < forms; k++) {
            char key[1024];
            snprintf(key, sizeof key, "%s" PACK_PLURAL_SEP "%d", en->id, k);
            po_store(pl, key, en->str[k], en->line);
        }
        pl->stored += full;
        return;
    }
    if (en->nstr == 1 && en->str[0] && *en->str[0]) {
        po_store(pl, en->id, en->str[0], en->line);
        pl->stored++;
    }
}

static void po_bad_line(void *ctx, int line, const char *why)
{
    po_lang *pl = ctx;
    builder_report(pl->c, 1, "%s:%d: %s", pl->path, line, why);
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
    po_lang pl = {.c = c, .code = lang, .path = path};
    po_parse(text, po_entry_in, po_bad_line, &pl);
    free(text);
    if (!pl.stored)
        builder_report(c, 0, "%s: no translated strings", path);
}
