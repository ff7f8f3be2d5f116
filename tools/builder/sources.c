/* builder sources: sources.txt, the documents the facts come from, so the codes a page's
 * `sources:` header cites (004a L3338; 001) say something to a reader. [source CODE] with
 * title (in the document's language), title.LANG, publisher, date and where (a URL or where
 * to get it), kept in the pack as texts of owner source:CODE. Each `sources:` entry is
 * resolved: a code with no [source CODE] is an error; `common knowledge` marks a fact traced to
 * no document, allowed and listed per page by pack check. Without a sources.txt the codes
 * cannot be resolved: one warning says so. */
#include "builder/builder.h"

#include "core/buf.h"
#include "fs.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void sources_read(builder *c)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/sources.txt", c->o->src);
    if (!fs_exists(path))
        return;
    kv_file f;
    err e;
    if (kv_parse(&f, path, &e)) {
        builder_report(c, 1, "%s", e.msg);
        c->have_sources = 1; /* the codes are not resolved against a file that failed */
        return;
    }
    c->have_sources = 1;
    builder_hash_file(c, "sources.txt", f.raw, f.raw_len);
    for (int k = 0; k < f.n; k++) {
        kv_entry *en = &f.e[k];
        if (k > 0 && !strcmp(f.e[k - 1].section, en->section) && !strcmp(f.e[k - 1].id, en->id))
            continue; /* one pass per section */
        if (strcmp(en->section, "source") || !pack_valid_id(en->id)) {
            builder_report(c, 1,
                           "%s:%d: sources.txt holds [source CODE] sections only, the code of "
                           "a-z, 0-9 and - (like [source 004a])",
                           path, en->line);
            continue;
        }
        char owner[PACK_OWNER_MAX];
        if (pack_owner(owner, sizeof owner, PACK_OWNER_SOURCE, en->id))
            continue;
        kv_entry *t = kv_get(&f, "source", en->id, "title");
        if (!t || !*t->value)
            builder_report(c, 1, "%s:%d: [source %s] needs `title:`", path, en->line, en->id);
        else
            builder_insert(c, "INSERT INTO texts VALUES(?,'title','',?)", 2, owner, t->value);
        static const char *const plain[] = {"publisher", "date", "where"};
        for (int j = 0; j < 3; j++) {
            kv_entry *v = kv_get(&f, "source", en->id, plain[j]);
            if (v && *v->value)
                builder_insert(c, "INSERT INTO texts VALUES(?,?,'',?)", 3, owner, plain[j],
                               v->value);
        }
        builder_texts(c, &f, "source", en->id, "title", owner, 0);
        c->source_codes = xrealloc(c->source_codes, (size_t)(c->nsource_codes + 1) *
                                                        sizeof *c->source_codes);
        c->source_codes[c->nsource_codes++] = xstrdup(en->id);
    }
    for (int k = 0; k < f.n; k++)
        if (!f.e[k].used)
            builder_report(c, 0, "%s:%d: unknown key `%s` is ignored", path, f.e[k].line,
                           f.e[k].key);
    kv_free(&f);
}

int sources_common(const char *entry)
{
    return !strcasecmp(entry, "common knowledge");
}

int sources_resolve(builder *c, const char *path, int line, const char *value)
{
    int common = 0;
    char *v = xstrdup(value ? value : ""), *save = NULL;
    for (char *p = strtok_r(v, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
        p = str_trim(p);
        if (!*p)
            continue;
        if (sources_common(p)) {
            common = 1;
            continue;
        }
        p[strcspn(p, " \t")] = 0; /* the code; what follows says where in the document */
        if (!c->have_sources) {
            c->unresolved++;
            continue;
        }
        int found = 0;
        for (int k = 0; k < c->nsource_codes && !found; k++)
            found = !strcmp(c->source_codes[k], p);
        if (!found)
            builder_report(c, 1,
                           "%s:%d: source \"%s\" is not in sources.txt (add a [source %s] "
                           "section, or write `common knowledge` for a fact traced to no "
                           "document)",
                           path, line, p, p);
    }
    free(v);
    return common;
}

void sources_done(builder *c)
{
    if (!c->have_sources && c->unresolved)
        builder_report(c, 0,
                       "%s: no sources.txt: the %d source codes the pages cite say nothing to a "
                       "reader (add [source CODE] sections with title, publisher, date, where)",
                       c->o->src, c->unresolved);
    FILE *o = c->o->report;
    if (o && c->o->table && c->ncommon) {
        fprintf(o, "facts from common knowledge (traced to no document), %d page%s:", c->ncommon,
                c->ncommon == 1 ? "" : "s");
        for (int k = 0; k < c->ncommon; k++)
            fprintf(o, " %s", c->common[k]);
        fputc('\n', o);
    }
}
