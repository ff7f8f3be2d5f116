/* builder: what every part of a build uses (see builder.h). */
#include "builder/builder.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "fs.h"
#include "text/text.h"

#include <fribidi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void builder_report(builder *c, int error, const char *fmt, ...)
{
    if (error)
        c->r->errors++;
    else
        c->r->warnings++;
    if (!c->o->report)
        return;
    /* messages name source files and quote their text: anyone's choice, so escaped */
    va_list ap;
    va_start(ap, fmt);
    char *safe = utf8_escaped_vprintf(fmt, ap);
    va_end(ap);
    fprintf(c->o->report, "%s%s\n", error ? "error: " : "warning: ", safe);
    free(safe);
}

int builder_lang_index(const builder *c, const char *code)
{
    for (int k = 0; k < c->nlangs; k++)
        if (!strcmp(c->langs[k].code, code))
            return k;
    return -1;
}

/* s as shown in language lang: its digits in the set the pack chose for it. Malloc'd. */
char *builder_shown(const builder *c, const char *lang, const char *s)
{
    int l = builder_lang_index(c, lang);
    return text_digits(s, strlen(s), l >= 0 ? c->langs[l].digits : TEXT_DIGITS_WESTERN);
}

/* Whether s holds right-to-left text (Hebrew or Arabic letters, Arabic digits). */
static int has_rtl(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        FriBidiCharType t = fribidi_get_bidi_type(utf8_decode(s, len, &i));
        if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL || t == FRIBIDI_TYPE_AN)
            return 1;
    }
    return 0;
}

/* Reports what a reader of right-to-left text would see wrong in text, which starts on line
 * `line` of path; where(text, note) may name a more exact line (NULL: always `line`). */
void builder_lint_text(builder *c, const char *path, int line, const char *text, int rtl,
                      int (*where)(void *, const lint_note *), void *u)
{
    if (!rtl && !has_rtl(text))
        return;
    lint_note nt[16];
    int n = lint_rtl(text, strlen(text), rtl, nt, 16);
    for (int k = 0; k < n && k < 16; k++) {
        int at = where ? where(u, &nt[k]) : line;
        const char *q = text + nt[k].off;
        int l = (int)nt[k].len;
        if (nt[k].kind == LINT_NUMBER_ORDER)
            builder_report(
                c, 0,
                "%s:%d: \"%.*s\" may show its numbers in another order in right-to-left "
                "text (it is no phone number, date or code the kiosk keeps whole): write "
                "it with words, like \"from 9:00 to 17:00\"",
                path, at > 0 ? at : line, l, q);
        else if (nt[k].kind == LINT_QUOTES)
            builder_report(c, 0,
                           "%s:%d: %.*s: in right-to-left text these quotation marks would show on "
                           "one side of the words: use « »",
                           path, at > 0 ? at : line, l, q);
        else
            builder_report(c, 0,
                           "%s:%d: \"%.*s\" has no partner: the kiosk keeps « » paired only as a "
                           "pair",
                           path, at > 0 ? at : line, l, q);
    }
}

void builder_exec(builder *c, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        builder_report(c, 1, "internal: %s", msg ? msg : "sqlite error");
        sqlite3_free(msg);
    }
}

/* Runs an INSERT with text arguments; "%d"-like ints are passed as text and SQLite's
 * type affinity stores them as integers where the column is INTEGER. The statement is kept
 * for the next row of the same SQL (found by its text: callers may build SQL in a buffer). */
void builder_insert(builder *c, const char *sql, int n, ...)
{
    sqlite3_stmt *st = NULL;
    int kept = 0;
    for (int k = 0; k < c->nstmts && !st; k++)
        if (!strcmp(sqlite3_sql(c->stmts[k]), sql))
            st = c->stmts[k], kept = 1;
    if (!st) {
        if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
            builder_report(c, 1, "internal: %s", sqlite3_errmsg(c->db));
            return;
        }
        if ((kept = c->nstmts < BUILDER_STMTS))
            c->stmts[c->nstmts++] = st;
    }
    va_list ap;
    va_start(ap, n);
    for (int k = 1; k <= n; k++) {
        const char *v = va_arg(ap, const char *);
        if (v)
            sqlite3_bind_text(st, k, v, -1, SQLITE_TRANSIENT);
    }
    va_end(ap);
    if (sqlite3_step(st) != SQLITE_DONE)
        builder_report(c, 1, "internal: %s", sqlite3_errmsg(c->db));
    if (kept) {
        /* the next row binds afresh: an argument left NULL must not keep this row's value */
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    } else
        sqlite3_finalize(st);
}

void builder_stmts_done(builder *c)
{
    for (int k = 0; k < c->nstmts; k++)
        sqlite3_finalize(c->stmts[k]);
    c->nstmts = 0;
}

void builder_hash_file(builder *c, const char *rel, const char *text, size_t len)
{
    crypto_hash_sha256_update(&c->hash, (const unsigned char *)rel, strlen(rel) + 1);
    crypto_hash_sha256_update(&c->hash, (const unsigned char *)text, len);
}

/* Sorted names of the entries of a directory, without dot files; NULL when it cannot be
 * listed. */
char **builder_list_dir(const char *path, int *n)
{
    char **v;
    if (fs_list_dir(path, &v, n, NULL))
        return NULL;
    int kept = 0;
    for (int k = 0; k < *n; k++) {
        if (v[k][0] == '.')
            free(v[k]);
        else
            v[kept++] = v[k];
    }
    *n = kept;
    return v;
}

/* Texts with a language suffix (title.en) for owner: every declared language should have
 * one; a missing one is a warning (the kiosk then shows the fallback language). */
void builder_texts(builder *c, kv_file *f, const char *section, const char *id, const char *key,
                   const char *owner, int required)
{
    int have = 0;
    for (int k = 0; k < f->n; k++) {
        kv_entry *en = &f->e[k];
        size_t kl = strlen(key);
        if (strcmp(en->section, section) || strcmp(en->id, id) || strncmp(en->key, key, kl) ||
            en->key[kl] != '.')
            continue;
        en->used = 1;
        const char *lang = en->key + kl + 1;
        if (builder_lang_index(c, lang) < 0) {
            builder_report(c, 1, "%s:%d: `%s`: language %s is not in the manifest's languages",
                           f->path, en->line, en->key, lang);
            continue;
        }
        if (!*en->value) {
            builder_report(c, 1, "%s:%d: `%s` is empty", f->path, en->line, en->key);
            continue;
        }
        builder_check_coverage(c, f->path, en->line, en->value, strlen(en->value));
        char *v = builder_shown(c, lang, en->value);
        builder_lint_text(c, f->path, en->line, v, c->langs[builder_lang_index(c, lang)].rtl, NULL,
                          NULL);
        builder_insert(c, "INSERT INTO texts VALUES(?,?,?,?)", 4, owner, key, lang, v);
        free(v);
        have++;
    }
    if (required && have == 0 && !*section)
        builder_report(c, 1, "%s: needs `%s.<lang>:` texts", f->path, key);
    else if (required && have == 0)
        builder_report(c, 1, "%s: [%s %s] needs `%s.<lang>:` texts", f->path, section, id, key);
    else if (required && have < c->nlangs)
        for (int l = 0; l < c->nlangs; l++) {
            char k2[64];
            snprintf(k2, sizeof k2, "%s.%s", key, c->langs[l].code);
            int found = 0;
            for (int k = 0; k < f->n; k++)
                if (!strcmp(f->e[k].section, section) && !strcmp(f->e[k].id, id) &&
                    !strcmp(f->e[k].key, k2))
                    found = 1;
            int at = 0; /* the section's first line in f itself (a survey is not the manifest) */
            for (int k = 0; k < f->n && !at; k++)
                if (!strcmp(f->e[k].section, section) && !strcmp(f->e[k].id, id))
                    at = f->e[k].line;
            if (!found)
                builder_report(c, 0, "%s:%d: [%s%s%s] has no `%s` (the fallback language is shown)",
                               f->path, at, *section ? section : "top", *id ? " " : "", id, k2);
        }
}

void builder_status(builder *c, kv_file *f, const char *section, const char *id,
                    const char *owner)
{
    for (int k = 0; k < f->n; k++) {
        kv_entry *en = &f->e[k];
        if (strcmp(en->section, section) || strcmp(en->id, id) || strncmp(en->key, "status.", 7))
            continue;
        en->used = 1;
        const char *lang = en->key + 7;
        if (builder_lang_index(c, lang) < 0)
            builder_report(c, 1, "%s:%d: `%s`: language %s is not in the manifest's languages",
                           f->path, en->line, en->key, lang);
        else if (strcmp(en->value, "reviewed") && strcmp(en->value, "machine"))
            builder_report(c, 1, "%s:%d: `%s` must be reviewed or machine", f->path, en->line,
                           en->key);
        else if (!strcmp(en->value, "reviewed"))
            builder_insert(c, "INSERT INTO texts VALUES(?,'status',?,'reviewed')", 2, owner, lang);
    }
}
