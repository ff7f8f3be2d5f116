/* builder surveys: surveys/<id>.txt, each survey's notice, questions and choices, checked and
 * written to the pack (see builder.h). */
#include "builder/builder.h"

#include "core/buf.h"
#include "feedback.h"
#include "fs.h"
#include "pack/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* [background]: which background questions the survey asks (by their names in
 * app/feedback.h) and, when it asks the age, what follows "under 18". Into *names the names
 * asked, in the kiosk's order; into *under18 "notice", "end" or "" (age not asked). */
static void background_read(builder *c, kv_file *f, const char *owner, char *names,
                            size_t ncap, const char **under18)
{
    names[0] = 0;
    *under18 = "";
    const char *path = f->path;
    int first = 0, last = -1, sections = 0;
    for (int i = 0; i < f->n; i++) {
        if (strcmp(f->e[i].section, "background"))
            continue;
        if (*f->e[i].id)
            builder_report(c, 1, "%s:%d: [background %s]: the section has no id ([background])",
                           path, f->e[i].line, f->e[i].id);
        if (last < 0 || last != i - 1)
            sections++, first = first ? first : f->e[i].line;
        last = i;
    }
    if (last < 0)
        return; /* no block: nothing asked about the person */
    if (sections > 1)
        builder_report(c, 1, "%s:%d: [background] is given more than once", path, first);
    kv_entry *ask = kv_get(f, "background", "", "ask");
    if (!ask) {
        builder_report(c, 1, "%s:%d: [background] needs `ask:` (any of age, gender, time, "
                             "disability), or leave the section out to ask nothing",
                       path, first);
        for (int i = 0; i < f->n; i++) /* said once: no warning for each of its keys */
            f->e[i].used |= !strcmp(f->e[i].section, "background");
        return;
    }
    unsigned asked = 0;
    int bad = 0;
    for (const char *p = ask->value; *p;) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, " \t,");
        if (!n)
            break;
        char name[64];
        snprintf(name, sizeof name, "%.*s", n < sizeof name ? (int)n : (int)sizeof name - 1, p);
        const feedback_background_q *b = feedback_background_named(name);
        if (!b || asked & 1u << (b - feedback_background))
            bad = 1;
        if (!b)
            builder_report(c, 1,
                           "%s:%d: [background] ask: \"%s\" is not a background question "
                           "(age, gender, time, disability)",
                           path, ask->line, name);
        else if (asked & 1u << (b - feedback_background))
            builder_report(c, 1, "%s:%d: [background] ask: %s is named twice", path, ask->line,
                           name);
        else
            asked |= 1u << (b - feedback_background);
        p += n;
    }
    if (!asked && !bad)
        builder_report(c, 1, "%s:%d: [background] ask: names no question (leave the section "
                             "out to ask nothing)", path, ask->line);
    for (int b = 0; b < FEEDBACK_NBACKGROUND; b++)
        if (asked & 1u << b)
            str_printf(names + strlen(names), ncap - strlen(names), "%s%s", *names ? " " : "",
                       feedback_background[b].name);
    kv_entry *u18 = kv_get(f, "background", "", "under18");
    int age = asked & 1u << FEEDBACK_BG_AGE, has_child = 0;
    for (int i = 0; i < f->n; i++)
        has_child |= !strcmp(f->e[i].section, "background") && !strncmp(f->e[i].key, "child.", 6);
    if (age && !u18)
        builder_report(c, 1, "%s:%d: [background] asks the age: say what follows \"Under 18\" "
                             "with `under18: notice` (a notice for children, `child.<lang>:`) or "
                             "`under18: end` (a polite end, nothing stored)", path, ask->line);
    else if (u18 && strcmp(u18->value, "notice") && strcmp(u18->value, "end"))
        builder_report(c, 1, "%s:%d: [background] under18: must be notice or end", path,
                       u18->line);
    else if (u18 && !age)
        builder_report(c, 0, "%s:%d: [background] under18: is used only when ask: names age",
                       path, u18->line);
    else if (u18 && !strcmp(u18->value, "notice")) {
        *under18 = "notice";
        if (!has_child)
            builder_report(c, 1, "%s:%d: [background] under18: notice needs the notice for "
                                 "children, `child.<lang>:` in every language", path, u18->line);
        else
            builder_texts(c, f, "background", "", "child", owner, 1);
    } else if (u18)
        *under18 = "end";
    if (has_child && strcmp(*under18, "notice"))
        for (int i = 0; i < f->n; i++)
            if (!strcmp(f->e[i].section, "background") && !strncmp(f->e[i].key, "child.", 6)) {
                f->e[i].used = 1;
                builder_report(c, 0, "%s:%d: `%s` is shown only with under18: notice", path,
                               f->e[i].line, f->e[i].key);
            }
}

/* who and contact promise a person that someone reads the answers and someone answers a
 * personal matter: a pack signed for kiosks (release) never leaves either to fill in. */
static void notice_filled(builder *c, kv_file *f)
{
    static const char *const keys[] = {"who", "contact"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        int first = 0, n = 0;
        size_t kl = strlen(keys[k]);
        for (int i = 0; i < f->n; i++) {
            kv_entry *en = &f->e[i];
            if (*en->section || strncmp(en->key, keys[k], kl) || en->key[kl] != '.' ||
                !pack_placeholder_find(en->value, NULL))
                continue;
            if (c->o->release)
                builder_report(c, 1,
                               "%s:%d: `%s` holds a {{fill in: ...}}: a signed pack says %s",
                               f->path, en->line, en->key,
                               k == 0 ? "who reads the answers"
                                      : "whom to ask for a personal matter");
            first = first ? first : en->line;
            n++;
        }
        if (n && !c->o->release)
            builder_report(c, 0,
                           "%s:%d: `%s` holds a {{fill in: ...}} in %d language%s: a signed pack "
                           "(pack build --key) is refused until it is filled in",
                           f->path, first, keys[k], n, n == 1 ? "" : "s");
    }
}

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
        char bg[64];
        const char *under18;
        background_read(c, &f, owner, bg, sizeof bg, &under18);
        builder_insert(c, "INSERT INTO surveys VALUES(?,?,?,?)", 4, id, ord, *bg ? bg : NULL,
                       *under18 ? under18 : NULL);
        builder_texts(c, &f, "", "", "title", owner, 1);
        builder_status(c, &f, "", "", owner);
        glossary_check_kv(c, &f);
        /* the notice before the first question: what the operator knows (who reads the
         * answers, what they are used for, whom to contact for a personal matter); the
         * kiosk says itself what it keeps, how long, and how many questions */
        builder_texts(c, &f, "", "", "who", owner, 1);
        builder_texts(c, &f, "", "", "use", owner, 1);
        builder_texts(c, &f, "", "", "contact", owner, 1);
        notice_filled(c, &f);
        for (int i = 0, told = 0; i < f.n; i++)
            if (!*f.e[i].section && !strncmp(f.e[i].key, "intro.", 6)) {
                f.e[i].used = 1;
                if (!told++)
                    builder_report(c, 0,
                                   "%s:%d: `intro` is not shown any more: the kiosk's notice says "
                                   "itself how many questions there are and what is kept (remove "
                                   "the intro lines)", path, f.e[i].line);
            }
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
                builder_status(c, &f, "question", en->id, qowner);
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
            } else if (!strcmp(en->section, "background")) {
                /* read above */
            } else if (*en->section) {
                builder_report(c, 1, "%s:%d: unknown section [%s] (question, answer or "
                                     "background)", path, en->line, en->section);
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

