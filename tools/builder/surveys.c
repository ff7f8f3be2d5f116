/* builder surveys: surveys/<id>.txt, each survey's notice, questions and choices, checked and
 * written to the pack (see builder.h). */
#include "builder/builder.h"

#include "core/buf.h"
#include "fs.h"
#include "pack/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void surveys_read(builder *c)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/surveys", c->o->src);
    int n;
    char **files = builder_list_dir(dir, &n);
    for (int k = 0; k < n; k++) {
        char path[4096], id[80];
        if (str_printf(path, sizeof path, "%s/%s", dir, files[k])) {
            builder_report(c, 1, "%s: path too long", path);
            continue;
        }
        size_t fl = strlen(files[k]);
        if (fl < 5 || strcmp(files[k] + fl - 4, ".txt") || fl - 4 >= sizeof id) {
            builder_report(c, 1, "%s: a survey file is named <id>.txt", path);
            continue;
        }
        snprintf(id, sizeof id, "%.*s", (int)(fl - 4), files[k]);
        if (!pack_valid_id(id)) {
            builder_report(c, 1, "%s: a survey id may use only a-z, 0-9 and -", path);
            continue;
        }
        kv_file f;
        err e;
        if (kv_parse(&f, path, &e)) {
            builder_report(c, 1, "%s", e.msg);
            continue;
        }
        char rel[512];
        snprintf(rel, sizeof rel, "surveys/%s", files[k]);
        builder_hash_file(c, rel, f.raw, f.raw_len);
        char owner[PACK_OWNER_MAX], ord[16];
        pack_owner(owner, sizeof owner, PACK_OWNER_SURVEY, id);
        snprintf(ord, sizeof ord, "%d", k);
        builder_insert(c, "INSERT INTO surveys VALUES(?,?)", 2, id, ord);
        builder_texts(c, &f, "", "", "title", owner, 1);
        builder_texts(c, &f, "", "", "intro", owner, 1);
        /* the notice before the first question: who reads the answers, what they are used
         * for, whom to contact for a personal matter */
        builder_texts(c, &f, "", "", "who", owner, 1);
        builder_texts(c, &f, "", "", "use", owner, 1);
        builder_texts(c, &f, "", "", "contact", owner, 1);
        kv_get(&f, "", "", "sources");
        int nq = 0;
        for (int i = 0; i < f.n; i++) {
            kv_entry *en = &f.e[i];
            if (i > 0 && !strcmp(f.e[i - 1].section, en->section) && !strcmp(f.e[i - 1].id, en->id))
                continue;
            if (!strcmp(en->section, "question")) {
                if (!pack_valid_id(en->id)) {
                    builder_report(c, 1, "%s:%d: question id \"%s\": only a-z, 0-9 and -", path,
                                   en->line, en->id);
                    continue;
                }
                kv_entry *t = kv_get(&f, "question", en->id, "type");
                static const char *const types[] = {"faces", "yesno", "single", "multi", "text"};
                int ok = 0;
                for (int q = 0; t && q < 5; q++)
                    ok |= !strcmp(t->value, types[q]);
                if (!ok) {
                    builder_report(
                        c, 1,
                        "%s:%d: question %s: type must be faces, yesno, single, multi or text",
                        path, en->line, en->id);
                    continue;
                }
                char qo[16], qid[2 * PACK_ID_MAX + 2], qowner[PACK_OWNER_MAX];
                snprintf(qo, sizeof qo, "%d", nq++);
                snprintf(qid, sizeof qid, "%s.%s", id, en->id);
                pack_owner(qowner, sizeof qowner, PACK_OWNER_QUESTION, qid);
                builder_insert(c, "INSERT INTO questions VALUES(?,?,?,?)", 4, id, en->id, qo,
                               t->value);
                builder_texts(c, &f, "question", en->id, "text", qowner, 1);
                int na = 0;
                for (int j = 0; j < f.n; j++) {
                    kv_entry *a = &f.e[j];
                    size_t ql = strlen(en->id);
                    if (strcmp(a->section, "answer") || strncmp(a->id, en->id, ql) ||
                        a->id[ql] != '.' || (j > 0 && !strcmp(f.e[j - 1].section, "answer") &&
                                             !strcmp(f.e[j - 1].id, a->id)))
                        continue;
                    const char *aid = a->id + ql + 1;
                    char icon[16], ao[16], full[3 * PACK_ID_MAX + 3], aowner[PACK_OWNER_MAX];
                    snprintf(full, sizeof full, "%s.%s", id, a->id);
                    if (!pack_valid_id(aid) ||
                        pack_owner(aowner, sizeof aowner, PACK_OWNER_ANSWER, full)) {
                        builder_report(c, 1, "%s:%d: answer id \"%s\": only a-z, 0-9 and -", path,
                                       a->line, aid);
                        continue;
                    }
                    builder_icon_of(c, &f, "answer", a->id, icon);
                    snprintf(ao, sizeof ao, "%d", na++);
                    builder_insert(c, "INSERT INTO answers VALUES(?,?,?,?,?)", 5, id, en->id, aid,
                                   ao, icon);
                    builder_texts(c, &f, "answer", a->id, "text", aowner, 1);
                }
                if ((!strcmp(t->value, "single") || !strcmp(t->value, "multi")) && na < 2)
                    builder_report(
                        c, 1, "%s:%d: question %s needs at least two [answer %s.<id>] sections",
                        path, en->line, en->id, en->id);
            } else if (!strcmp(en->section, "answer")) {
                char *dot = strchr(en->id, '.');
                if (!dot || !kv_get(&f, "question", (*dot = 0, en->id), "type"))
                    builder_report(c, 1, "%s:%d: [answer %s%s%s] belongs to no question", path,
                                   en->line, en->id, dot ? "." : "", dot ? dot + 1 : "");
                if (dot)
                    *dot = '.';
            } else if (*en->section) {
                builder_report(c, 1, "%s:%d: unknown section [%s] (question or answer)", path,
                               en->line, en->section);
            }
        }
        if (nq == 0)
            builder_report(c, 1, "%s: a survey needs at least one [question ...]", path);
        if (nq > 6)
            builder_report(c, 0, "%s: %d questions: a kiosk survey should have at most 6", path,
                           nq);
        for (int i = 0; i < f.n; i++) {
            kv_entry *en = &f.e[i];
            if (!en->used) {
                builder_report(c, 0, "%s:%d: unknown key `%s` is ignored", path, en->line, en->key);
                continue;
            }
            /* a local detail to fill in (the contact's phone numbers, the organisation) is
             * counted with the pages'; stray braces would show on the kiosk */
            int np = pack_placeholder_count(en->value);
            if (np && c->placeholders == 0)
                str_printf(c->first_placeholder, sizeof c->first_placeholder, "%s:%d", path,
                           en->line);
            c->placeholders += np;
            if (pack_placeholder_stray(en->value))
                builder_report(c, 1,
                               "%s:%d: an unmatched {{ or }} (a local detail to fill in is written "
                               "{{fill in: ...}} on one line)",
                               path, en->line);
        }
        kv_free(&f);
    }
    fs_list_free(files, n);
}

