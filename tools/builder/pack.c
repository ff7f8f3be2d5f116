#include "builder/pack.h"
#include "core/buf.h"
#include "builder/kv.h"
#include "builder/lint.h"
#include "builder/measure.h"
#include "ui/theme.h"
#include "text/text.h"
#include "core/utf8.h"
#include "fs.h"
#include "store/vfs.h"

#include <errno.h>
#include <fribidi.h>
#include <harfbuzz/hb.h>
#include <md4c.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANGS 32
/* assets/icons/names.txt: a name and a code point a line (about 40 KB for Material Icons) */
#define ICON_NAMES_MAX (4u << 20)

typedef struct lang_info {
    char code[16];
    char *name;
    int rtl;
    int digits; /* enum text_digits: the pack's choice for the language (digits.<code>:) */
} lang_info;

typedef struct ctx {
    const pack_opts *o;
    pack_result *r;
    sqlite3 *db;
    kv_file man;
    lang_info langs[MAX_LANGS];
    int nlangs;
    char reference[16], fallback[16], deflang[16];
    crypto_hash_sha256_state hash;
    /* icon names -> code points */
    char **icon_names;
    uint32_t *icon_cps;
    int nicons;
    hb_set_t *covered; /* code points some bundled font has */
    measure *ms;       /* the fonts, measured as the kiosk would (with coverage) */
    int placeholders;             /* {{fill in: ...}} left for the operator */
    char first_placeholder[600];
    /* page ids present as folders */
    char **page_ids;
    int npages;
} ctx;

static void report(ctx *c, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void report(ctx *c, int error, const char *fmt, ...)
{
    if (error)
        c->r->errors++;
    else
        c->r->warnings++;
    if (!c->o->report)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs(error ? "error: " : "warning: ", c->o->report);
    vfprintf(c->o->report, fmt, ap);
    fputc('\n', c->o->report);
    va_end(ap);
}

static int lang_index(const ctx *c, const char *code)
{
    for (int k = 0; k < c->nlangs; k++)
        if (!strcmp(c->langs[k].code, code))
            return k;
    return -1;
}

/* s as shown in language lang: its digits in the set the pack chose for it. Malloc'd. */
static char *shown(const ctx *c, const char *lang, const char *s)
{
    int l = lang_index(c, lang);
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
static void lint_text(ctx *c, const char *path, int line, const char *text, int rtl,
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
            report(c, 0, "%s:%d: \"%.*s\" may show its numbers in another order in right-to-left "
                         "text (it is no phone number, date or code the kiosk keeps whole): write "
                         "it with words, like \"from 9:00 to 17:00\"", path, at > 0 ? at : line, l, q);
        else if (nt[k].kind == LINT_QUOTES)
            report(c, 0, "%s:%d: %.*s: in right-to-left text these quotation marks would show on "
                         "one side of the words: use « »", path, at > 0 ? at : line, l, q);
        else
            report(c, 0, "%s:%d: \"%.*s\" has no partner: the kiosk keeps « » paired only as a "
                         "pair", path, at > 0 ? at : line, l, q);
    }
}

static void exec(ctx *c, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        report(c, 1, "internal: %s", msg ? msg : "sqlite error");
        sqlite3_free(msg);
    }
}

/* Runs an INSERT with text arguments; "%d"-like ints are passed as text and SQLite's
 * type affinity stores them as integers where the column is INTEGER. */
static void insert(ctx *c, const char *sql, int n, ...)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
        report(c, 1, "internal: %s", sqlite3_errmsg(c->db));
        return;
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
        report(c, 1, "internal: %s", sqlite3_errmsg(c->db));
    sqlite3_finalize(st);
}

static void hash_file(ctx *c, const char *rel, const char *text, size_t len)
{
    crypto_hash_sha256_update(&c->hash, (const unsigned char *)rel, strlen(rel) + 1);
    crypto_hash_sha256_update(&c->hash, (const unsigned char *)text, len);
}

/* ---- icons and fonts ---------------------------------------------------------------- */

static int load_icons(ctx *c, err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/assets/icons/names.txt", c->o->root);
    err why = {{0}};
    size_t len;
    char *text = (char *)fs_read_all(path, ICON_NAMES_MAX, &len, &why);
    if (!text)
        return err_set(e, "cannot read the icon names: %s", why.msg);
    int cap = 0;
    for (char *line = text, *next; *line; line = next) {
        next = line + strcspn(line, "\n");
        if (*next)
            *next++ = 0;
        char name[128];
        unsigned cp;
        if (sscanf(line, "%127s %x", name, &cp) != 2)
            continue;
        if (c->nicons == cap) {
            cap = cap ? cap * 2 : 1024;
            c->icon_names = xrealloc(c->icon_names, (size_t)cap * sizeof *c->icon_names);
            c->icon_cps = xrealloc(c->icon_cps, (size_t)cap * sizeof *c->icon_cps);
        }
        c->icon_names[c->nicons] = xstrdup(name);
        c->icon_cps[c->nicons++] = cp;
    }
    free(text);
    return 0;
}

static long icon_cp(const ctx *c, const char *name)
{
    for (int k = 0; k < c->nicons; k++)
        if (!strcmp(c->icon_names[k], name))
            return c->icon_cps[k];
    return -1;
}

static int load_coverage(ctx *c, err *e)
{
    c->covered = hb_set_create();
    for (int f = 0; f < TEXT_FACE_COUNT; f++) {
        if (f == TEXT_FACE_ICONS)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/assets/fonts/%s", c->o->root, text_face_file(f));
        hb_face_t *face = measure_face_read(path, e);
        if (!face)
            return -1;
        hb_face_collect_unicodes(face, c->covered);
        hb_face_destroy(face);
    }
    return 0;
}

/* Reports every character of text that no bundled font draws. */
static void check_coverage(ctx *c, const char *path, int first_line, const char *text, size_t len)
{
    if (!c->covered)
        return;
    int line = first_line, col = 1, shown = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = utf8_decode(text, len, &i);
        if (cp == '\n') {
            line++, col = 1;
            continue;
        }
        if (cp >= 0x20 && cp != 0xFEFF && cp != 0x200C && cp != 0x200D && cp != 0x200E &&
            cp != 0x200F && cp != 0xA0 && !hb_set_has(c->covered, cp)) {
            if (shown++ < 20)
                report(c, 1, "%s:%d:%d: U+%04X is in no bundled font (it would show as an empty box)",
                       path, line, col, cp);
        }
        col++;
    }
}

/* ---- manifest ----------------------------------------------------------------------- */

static const char *req(ctx *c, const char *section, const char *id, const char *key)
{
    kv_entry *en = kv_get(&c->man, section, id, key);
    if (!en || !*en->value) {
        report(c, 1, "%s: [%s%s%s] needs `%s:`", c->man.path, *section ? section : "top",
               *id ? " " : "", id, key);
        return NULL;
    }
    return en->value;
}

static int section_line(ctx *c, const char *section, const char *id)
{
    for (int k = 0; k < c->man.n; k++)
        if (!strcmp(c->man.e[k].section, section) && !strcmp(c->man.e[k].id, id))
            return c->man.e[k].line;
    return 0;
}

/* Texts with a language suffix (title.en) for owner: every declared language should have
 * one; a missing one is a warning (the kiosk then shows the fallback language). */
static void texts(ctx *c, kv_file *f, const char *section, const char *id, const char *key,
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
        if (lang_index(c, lang) < 0) {
            report(c, 1, "%s:%d: `%s`: language %s is not in the manifest's languages", f->path,
                   en->line, en->key, lang);
            continue;
        }
        if (!*en->value) {
            report(c, 1, "%s:%d: `%s` is empty", f->path, en->line, en->key);
            continue;
        }
        check_coverage(c, f->path, en->line, en->value, strlen(en->value));
        char *v = shown(c, lang, en->value);
        lint_text(c, f->path, en->line, v, c->langs[lang_index(c, lang)].rtl, NULL, NULL);
        insert(c, "INSERT INTO texts VALUES(?,?,?,?)", 4, owner, key, lang, v);
        free(v);
        have++;
    }
    if (required && have == 0 && !*section)
        report(c, 1, "%s: needs `%s.<lang>:` texts", f->path, key);
    else if (required && have == 0)
        report(c, 1, "%s: [%s %s] needs `%s.<lang>:` texts", f->path, section, id, key);
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
                report(c, 0, "%s:%d: [%s%s%s] has no `%s` (the fallback language is shown)",
                       f->path, at, *section ? section : "top", *id ? " " : "", id, k2);
        }
}

static int page_exists(const ctx *c, const char *id)
{
    for (int k = 0; k < c->npages; k++)
        if (!strcmp(c->page_ids[k], id))
            return 1;
    return 0;
}

static void page_list(ctx *c, const char *section, const char *id, const char *owner)
{
    kv_entry *en = kv_get(&c->man, section, id, "pages");
    if (!en) {
        report(c, 1, "%s:%d: [%s %s] needs `pages:`", c->man.path, section_line(c, section, id),
               section, id);
        return;
    }
    char *list = xstrdup(en->value), *save = NULL;
    int ord = 0;
    char seen[64][65];
    for (char *t = strtok_r(list, " \t,", &save); t; t = strtok_r(NULL, " \t,", &save)) {
        if (!page_exists(c, t)) {
            report(c, 1, "%s:%d: [%s %s] lists page \"%s\", but there is no pages/%s/", c->man.path,
                   en->line, section, id, t, t);
            continue;
        }
        int dup = 0;
        for (int k = 0; k < ord && k < 64; k++)
            if (!strcmp(seen[k], t))
                dup = 1;
        if (dup) {
            report(c, 1, "%s:%d: [%s %s] lists page \"%s\" twice", c->man.path, en->line, section,
                   id, t);
            continue;
        }
        if (ord < 64)
            snprintf(seen[ord], sizeof seen[ord], "%s", t);
        char o[16];
        snprintf(o, sizeof o, "%d", ord++);
        insert(c, "INSERT INTO links VALUES(?,?,?)", 3, owner, o, t);
    }
    if (!ord)
        report(c, 1, "%s:%d: [%s %s] lists no pages", c->man.path, en->line, section, id);
    free(list);
}

static void icon_of(ctx *c, kv_file *f, const char *section, const char *id, char out[16])
{
    out[0] = 0;
    kv_entry *en = kv_get(f, section, id, "icon");
    if (!en) {
        report(c, 1, "%s: [%s %s] needs `icon:` (a name from assets/icons/names.txt)", f->path,
               section, id);
        return;
    }
    long cp = icon_cp(c, en->value);
    if (cp < 0) {
        report(c, 1, "%s:%d: unknown pictogram \"%s\" (see assets/icons/names.txt)", f->path,
               en->line, en->value);
        return;
    }
    snprintf(out, 16, "%ld", cp);
}

static int read_manifest(ctx *c, err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.txt", c->o->src);
    if (kv_parse(&c->man, path, e))
        return -1;
    hash_file(c, "manifest.txt", c->man.raw, c->man.raw_len);
    const char *langs = req(c, "", "", "languages");
    if (!langs)
        return 0;
    char *list = xstrdup(langs), *save = NULL;
    for (char *t = strtok_r(list, " \t,", &save); t; t = strtok_r(NULL, " \t,", &save)) {
        if (strlen(t) < 2 || strlen(t) > 8 || !pack_valid_id(t)) {
            report(c, 1, "%s: \"%s\" is not a language code (like lv or en)", path, t);
            continue;
        }
        if (lang_index(c, t) >= 0) {
            report(c, 1, "%s: language %s is listed twice", path, t);
            continue;
        }
        if (c->nlangs == MAX_LANGS) {
            report(c, 1, "%s: more than %d languages", path, MAX_LANGS);
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
        if (*en->section || strncmp(en->key, "digits.", 7))
            continue;
        en->used = 1;
        int l = lang_index(c, en->key + 7), d = text_digits_parse(en->value);
        if (l < 0)
            report(c, 1, "%s:%d: `%s`: language %s is not in the manifest's languages", path,
                   en->line, en->key, en->key + 7);
        else if (d < 0)
            report(c, 1, "%s:%d: `%s` must be western (0-9), persian (۰-۹) or arabic (٠-٩)",
                       path, en->line, en->key);
        else
            c->langs[l].digits = d;
    }
    const char *ref = req(c, "", "", "reference"), *fb = req(c, "", "", "fallback");
    snprintf(c->reference, sizeof c->reference, "%s", ref ? ref : "");
    snprintf(c->fallback, sizeof c->fallback, "%s", fb ? fb : "");
    if (ref && lang_index(c, ref) < 0)
        report(c, 1, "%s: reference language %s is not in languages", path, ref);
    if (fb && lang_index(c, fb) < 0)
        report(c, 1, "%s: fallback language %s is not in languages", path, fb);
    /* the kiosk's language before a person chooses one (optional: the first of languages) */
    kv_entry *def = kv_get(&c->man, "", "", "default");
    snprintf(c->deflang, sizeof c->deflang, "%s",
             def ? def->value : c->nlangs ? c->langs[0].code : "");
    if (def && lang_index(c, def->value) < 0)
        report(c, 1, "%s:%d: default language %s is not in languages", path, def->line,
               def->value);
    return 0;
}

static void write_manifest(ctx *c)
{
    kv_file *m = &c->man;
    const char *pack = req(c, "", "", "pack"), *version = req(c, "", "", "version");
    if (pack && !pack_valid_id(pack))
        report(c, 1, "%s: pack id \"%s\" may use only a-z, 0-9 and -", m->path, pack);
    if (version && !pack_version_valid(version))
        report(c, 1, "%s:%d: version \"%s\" must be numbers joined by dots, like 2022.12 (a "
                     "kiosk takes only a newer version)", m->path, kv_get(m, "", "", "version")->line,
               version);
    insert(c, "INSERT INTO meta VALUES('format', ?)", 1, PACK_FORMAT_TEXT);
    insert(c, "INSERT INTO meta VALUES('pack', ?)", 1, pack ? pack : "");
    insert(c, "INSERT INTO meta VALUES('version', ?)", 1, version ? version : "");
    insert(c, "INSERT INTO meta VALUES('reference', ?)", 1, c->reference);
    insert(c, "INSERT INTO meta VALUES('fallback', ?)", 1, c->fallback);
    insert(c, "INSERT INTO meta VALUES('default', ?)", 1, c->deflang);
    char owner[PACK_OWNER_MAX];
    pack_owner(owner, sizeof owner, PACK_OWNER_PACK, NULL);
    texts(c, m, "", "", "title", owner, 1);
    /* a line every page's footer shows (the demo: that it is example content); optional */
    if (kv_get(m, "", "", "notice.en") || kv_get(m, "", "", "notice"))
        texts(c, m, "", "", "notice", owner, 0);

    for (int l = 0; l < c->nlangs; l++) {
        lang_info *li = &c->langs[l];
        int line = section_line(c, "language", li->code);
        if (!line) {
            report(c, 1, "%s: language %s needs a [language %s] section with its name", m->path,
                   li->code, li->code);
            continue;
        }
        const char *name = req(c, "language", li->code, "name");
        kv_entry *dir = kv_get(m, "language", li->code, "dir");
        if (dir && strcmp(dir->value, "rtl") && strcmp(dir->value, "ltr"))
            report(c, 1, "%s:%d: dir must be rtl or ltr", m->path, dir->line);
        li->name = xstrdup(name ? name : li->code);
        check_coverage(c, m->path, 1, li->name, strlen(li->name));
        char ord[16];
        snprintf(ord, sizeof ord, "%d", l);
        insert(c, "INSERT INTO languages VALUES(?,?,?,?)", 4, li->code, ord, li->name,
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
            report(c, 1, "%s:%d: [%s %s]: an id may use only a-z, 0-9 and -", m->path, en->line,
                   s, id);
            continue;
        }
        char ord[16], icon[16];
        if (!strcmp(s, "language")) {
            if (lang_index(c, id) < 0)
                report(c, 1, "%s:%d: [language %s] is not in languages", m->path, en->line, id);
        } else if (!strcmp(s, "category")) {
            pack_owner(owner, sizeof owner, PACK_OWNER_CATEGORY, id);
            snprintf(ord, sizeof ord, "%d", ncat++);
            icon_of(c, m, s, id, icon);
            insert(c, "INSERT INTO categories VALUES(?,?,?)", 3, id, ord, icon);
            texts(c, m, s, id, "title", owner, 1);
            page_list(c, s, id, owner);
        } else if (!strcmp(s, "stage")) {
            pack_owner(owner, sizeof owner, PACK_OWNER_STAGE, id);
            snprintf(ord, sizeof ord, "%d", nstage++);
            icon_of(c, m, s, id, icon);
            insert(c, "INSERT INTO stages VALUES(?,?,?)", 3, id, ord, icon);
            texts(c, m, s, id, "title", owner, 1);
            texts(c, m, s, id, "text", owner, 0);
            page_list(c, s, id, owner);
        } else if (!strcmp(s, "yousaid")) {
            pack_owner(owner, sizeof owner, PACK_OWNER_YOUSAID, id);
            snprintf(ord, sizeof ord, "%d", nys++);
            kv_entry *d = kv_get(m, s, id, "date");
            kv_get(m, s, id, "sources");
            insert(c, "INSERT INTO yousaid VALUES(?,?,?)", 3, id, ord, d ? d->value : "");
            texts(c, m, s, id, "said", owner, 1);
            texts(c, m, s, id, "did", owner, 1);
        } else {
            report(c, 1, "%s:%d: unknown section [%s] (language, category, stage or yousaid)",
                   m->path, en->line, s);
        }
    }
    if (!ncat)
        report(c, 1, "%s: no [category ...] sections: the home screen would be empty", m->path);
    /* the category behind the help button that every screen shows (optional) */
    kv_entry *help = kv_get(m, "", "", "help");
    if (help) {
        if (!section_line(c, "category", help->value))
            report(c, 1, "%s:%d: help: %s is not a [category]", m->path, help->line, help->value);
        insert(c, "INSERT INTO meta VALUES('help', ?)", 1, help->value);
    }
    for (int k = 0; k < m->n; k++)
        if (!m->e[k].used && strcmp(m->e[k].key, "pages"))
            report(c, 0, "%s:%d: unknown key `%s` is ignored", m->path, m->e[k].line,
                   m->e[k].key);
}

/* ---- pages -------------------------------------------------------------------------- */

typedef struct mdstate {
    ctx *c;
    const char *page, *lang;
    const char *path, *md; /* the page file, and the Markdown being parsed */
    size_t md_len;
    char *md_west;         /* md with Western digits, to find shown text in it */
    int md_line;           /* the line of the page file md starts on */
    int last_line;         /* the line of the last text md4c handed over */
    int seq, depth_li, in_block;
    int digits, rtl;       /* the language's */
    int ol_pending;        /* a numbered list started: warn at its first text */
    char kind[8];
    buf text, bold;
    buf *search;
    int bold_start;
    int link_start, link_line; /* a link: where its text starts, the line of its address */
    char href[256];
} mdstate;

/* The line of the page file that p (a pointer into the Markdown md4c parses) is on, or -1 when
 * p is not in it (md4c's own buffers). */
static int md_line_at(const mdstate *s, const char *p)
{
    if (!s->md || p < s->md || p >= s->md + s->md_len)
        return -1;
    int line = s->md_line;
    for (const char *q = s->md; q < p; q++)
        line += *q == '\n';
    return line;
}

/* The line where text shown as `shown` (digits as the pack shows them) is written in the
 * Markdown, or -1. */
static int md_line_of(mdstate *s, const char *shown_text, size_t n)
{
    if (!s->md)
        return -1;
    if (!s->md_west)
        s->md_west = text_digits(s->md, s->md_len, TEXT_DIGITS_WESTERN);
    char *needle = text_digits(shown_text, n < 60 ? n : 60, TEXT_DIGITS_WESTERN);
    const char *at = *needle ? strstr(s->md_west, needle) : NULL;
    int line = -1;
    if (at) {
        line = s->md_line;
        for (const char *q = s->md_west; q < at; q++)
            line += *q == '\n';
    }
    free(needle);
    return line;
}

static int note_line(void *u, const lint_note *n)
{
    mdstate *s = u;
    int line = md_line_of(s, s->text.data + n->off, n->len);
    return line > 0 ? line : s->last_line;
}

/* A word no line of the smallest kiosk screen can hold would be cut between letters: named
 * with its file and line. The block is laid out as the page screen lays it out at 800x480
 * (theme.h), a few pixels narrower, since HarfBuzz here and SDL_ttf there round apart. */
static void check_fit(mdstate *s)
{
    if (!s->c->ms)
        return;
    theme_metrics t = theme_metrics_for(800, 480);
    int h = !strcmp(s->kind, "h"), li = !strcmp(s->kind, "li");
    int w = 800 - 2 * t.pad - (li ? t.body * 3 / 2 : 0) - 4;
    text_style st = {.px = h ? t.body * 6 / 5 : t.body, .bold = h, .line_pct = 125,
                     .rtl = s->rtl};
    text_para p = {0};
    text_layout(measure_measurer(s->c->ms), s->text.data, s->text.len, &st, w, &p);
    if (p.forced) {
        const char *word = s->text.data + p.forced_at;
        size_t n = strcspn(word, " \n");
        char probe[32];
        snprintf(probe, sizeof probe, "%.*s", (int)(n < 24 ? n : 24), word);
        const char *at = s->md ? strstr(s->md, probe) : NULL;
        int line = s->md_line;
        for (const char *q = s->md; at && q < at; q++)
            line += *q == '\n';
        report(s->c, 1, "%s:%d: \"%.*s%s\" is longer than a line of the smallest screen "
                        "(800x480): break it, or put it on an @link line", s->path, line,
               (int)(n < 40 ? n : 40), word, n > 40 ? "..." : "");
    }
    text_para_free(&p);
}

static void flush_block(mdstate *s)
{
    if (!s->in_block)
        return;
    /* trim trailing spaces */
    while (s->text.len && s->text.data[s->text.len - 1] == ' ')
        s->text.data[--s->text.len] = 0;
    if (s->text.len) {
        char seq[16];
        snprintf(seq, sizeof seq, "%d", s->seq++);
        insert(s->c, "INSERT INTO blocks VALUES(?,?,?,?,?,NULL,?)", 6, s->page, s->lang, seq,
               s->kind, s->text.data, s->bold.len ? s->bold.data : NULL);
        buf_adds(s->search, s->text.data);
        buf_addc(s->search, '\n');
        check_fit(s);
        lint_text(s->c, s->path, s->last_line > 0 ? s->last_line : s->md_line, s->text.data,
                  s->rtl, note_line, s);
    }
    buf_clear(&s->text);
    buf_clear(&s->bold);
    s->in_block = 0;
}

static void start_block(mdstate *s, const char *kind)
{
    flush_block(s);
    snprintf(s->kind, sizeof s->kind, "%s", kind);
    s->in_block = 1;
}

static int md_enter_block(MD_BLOCKTYPE t, void *detail, void *u)
{
    mdstate *s = u;
    (void)detail;
    if (t == MD_BLOCK_OL)
        s->ol_pending = 1;
    if (t == MD_BLOCK_H)
        start_block(s, "h");
    else if (t == MD_BLOCK_LI)
        start_block(s, "li"), s->depth_li++;
    else if (t == MD_BLOCK_P && !s->depth_li)
        start_block(s, "p");
    else if (t == MD_BLOCK_P && s->text.len) /* a second paragraph in a list item */
        buf_addc(&s->text, '\n');
    return 0;
}

static int md_leave_block(MD_BLOCKTYPE t, void *detail, void *u)
{
    mdstate *s = u;
    (void)detail;
    if (t == MD_BLOCK_LI)
        s->depth_li--;
    if (t == MD_BLOCK_H || t == MD_BLOCK_LI || (t == MD_BLOCK_P && !s->depth_li))
        flush_block(s);
    return 0;
}

static int md_enter_span(MD_SPANTYPE t, void *detail, void *u)
{
    mdstate *s = u;
    if (t == MD_SPAN_STRONG)
        s->bold_start = (int)s->text.len;
    if (t == MD_SPAN_A) {
        const MD_ATTRIBUTE *href = &((MD_SPAN_A_DETAIL *)detail)->href;
        s->link_start = (int)s->text.len;
        s->link_line = md_line_at(s, href->text);
        snprintf(s->href, sizeof s->href, "%.*s", (int)href->size, href->text);
    }
    if (t == MD_SPAN_IMG) {
        const MD_ATTRIBUTE *src = &((MD_SPAN_IMG_DETAIL *)detail)->src;
        int line = md_line_at(s, src->text);
        report(s->c, 0, "%s:%d: an image (%.*s) is not shown, only its description: say it in "
                        "words", s->path, line > 0 ? line : s->md_line, (int)src->size, src->text);
    }
    return 0;
}

static int md_leave_span(MD_SPANTYPE t, void *detail, void *u)
{
    mdstate *s = u;
    (void)detail;
    if (t == MD_SPAN_A) {
        /* an autolink (<https://...>) shows its address as its text; any other link's
         * address would be lost */
        const char *txt = s->text.data ? s->text.data + s->link_start : "";
        size_t tl = s->text.len - (size_t)s->link_start;
        int same = strlen(s->href) == tl && !memcmp(s->href, txt, tl);
        same |= !strncmp(s->href, "mailto:", 7) && strlen(s->href + 7) == tl &&
                !memcmp(s->href + 7, txt, tl);
        if (!same)
            report(s->c, 0, "%s:%d: the address of the link \"%.*s\" (%s) is not shown: write "
                            "it out, or put it on an @link line", s->path,
                   s->link_line > 0 ? s->link_line : s->last_line, (int)tl, txt, s->href);
    }
    if (t == MD_SPAN_STRONG && s->bold_start >= 0) {
        buf_printf(&s->bold, "%s%d-%d", s->bold.len ? " " : "", s->bold_start,
                   (int)s->text.len - s->bold_start);
        s->bold_start = -1;
    }
    return 0;
}

static int md_text(MD_TEXTTYPE t, const MD_CHAR *text, MD_SIZE size, void *u)
{
    mdstate *s = u;
    int line = md_line_at(s, text);
    if (line > 0)
        s->last_line = line;
    if (s->ol_pending && line > 0) {
        report(s->c, 0, "%s:%d: a numbered list: the kiosk shows its items with bullets, without "
                        "their numbers (write - for a list; a number that must show, like 2., "
                        "as 2\\.)", s->path, line);
        s->ol_pending = 0;
    }
    if (!s->in_block)
        start_block(s, "p");
    if (t == MD_TEXT_SOFTBR)
        buf_addc(&s->text, ' ');
    else if (t == MD_TEXT_BR)
        buf_addc(&s->text, '\n');
    else if (t == MD_TEXT_ENTITY) {
        static const char *const ents[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                              {"&quot;", "\""}, {"&nbsp;", "\xC2\xA0"}};
        const char *rep = NULL;
        for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++)
            if (strlen(ents[k][0]) == size && !memcmp(ents[k][0], text, size))
                rep = ents[k][1];
        if (rep)
            buf_adds(&s->text, rep);
        else
            buf_add(&s->text, text, size);
    } else if (t != MD_TEXT_HTML) {
        char *d = text_digits(text, size, s->digits); /* as the pack shows the language */
        buf_adds(&s->text, d);
        free(d);
    }
    return 0;
}

static const char *const special_kinds[] = {"phone", "address", "hours", "link"};

/* Adds line l (line `line` of path) to the Markdown to parse. A line that starts with a year
 * and a full stop ("2022. gadā ...") would start a numbered list at 2022, whose number the kiosk
 * does not show: its dot is escaped, so it stays a paragraph, and the writer is told. HTML is
 * shown as written, and the writer is told that too. */
static void md_line(ctx *c, const char *path, int line, buf *md, const char *l, int *prev_blank)
{
    long dot = lint_year_line(l);
    if (dot >= 0) {
        if (*prev_blank) /* only a block may start a list; in a paragraph it is text anyway */
            report(c, 0, "%s:%d: \"%.*s\" at the start of a line would make a numbered list "
                         "starting at %.*s and lose the number: kept as text (write %.*s\\. to "
                         "say so)", path, line, (int)dot + 1, l, (int)dot, l, (int)dot, l);
        buf_add(md, l, (size_t)dot);
        buf_addc(md, '\\');
        buf_adds(md, l + dot);
    } else {
        buf_adds(md, l);
    }
    buf_addc(md, '\n');
    size_t off = 0, len;
    if (lint_html(l, &off, &len))
        report(c, 0, "%s:%d: %.*s is HTML: the kiosk shows it as written (use Markdown: **bold**, "
                     "- lists)", path, line, (int)len, l + off);
    const char *p = l;
    while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
    *prev_blank = !*p || *p == '#';
}

/* One page file: header, then Markdown and @-lines. */
static int read_page(ctx *c, const char *id, const char *lang, const char *path, const char *rel,
                     char *checked_out, size_t checked_cap, int *machine)
{
    err e;
    size_t len;
    char *text = source_read(path, &len, &e);
    if (!text) {
        report(c, 1, "%s", e.msg);
        return -1;
    }
    hash_file(c, rel, text, len);
    check_coverage(c, path, 1, text, len);
    char *p = text;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    int line = 1;
    if (strncmp(p, "---", 3) || (p[3] != '\n' && p[3] != '\r')) {
        report(c, 1, "%s:1: a page starts with a header: a line ---, then title:, status:, "
                     "checked:, sources:, then ---", path);
        free(text);
        return -1;
    }
    char *first_nl = strchr(p, '\n');
    if (!first_nl) {
        report(c, 1, "%s:1: the header is not closed with a line ---", path);
        free(text);
        return -1;
    }
    p = first_nl + 1;
    line++;
    char *title = NULL, *status = NULL, *checked = NULL, *sources = NULL;
    int closed = 0, bad = 0, title_line = 1;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        char *l = p;
        size_t ll = strlen(l);
        if (ll && l[ll - 1] == '\r')
            l[--ll] = 0;
        p = nl ? nl + 1 : p + ll;
        if (!strcmp(l, "---")) {
            closed = 1;
            line++;
            break;
        }
        char *colon = strchr(l, ':');
        if (!colon) {
            if (*l) {
                report(c, 1, "%s:%d: expected `key: value` in the header", path, line);
                bad = 1;
            }
            line++;
            continue;
        }
        *colon = 0;
        char *v = colon + 1;
        while (*v == ' ')
            v++;
        if (!strcmp(l, "title"))
            title = v, title_line = line;
        else if (!strcmp(l, "status"))
            status = v;
        else if (!strcmp(l, "checked"))
            checked = v;
        else if (!strcmp(l, "sources"))
            sources = v;
        else
            report(c, 0, "%s:%d: unknown header key `%s` is ignored", path, line, l);
        line++;
    }
    if (!closed) {
        report(c, 1, "%s: the header is not closed with a line ---", path);
        free(text);
        return -1;
    }
    if (!title || !*title)
        report(c, 1, "%s: the header has no title:", path), bad = 1;
    if (!status || (strcmp(status, "reviewed") && strcmp(status, "machine")))
        report(c, 1, "%s: status: must be reviewed or machine", path), bad = 1;
    int y, mo, d;
    char tail;
    /* exactly YYYY-MM-DD: dates are compared as text to find outdated translations */
    if (!checked || strlen(checked) != 10 || checked[4] != '-' || checked[7] != '-' ||
        sscanf(checked, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 || mo < 1 ||
        mo > 12 || d < 1 || d > 31)
        report(c, 1, "%s: checked: must be a date like 2022-12-01", path), bad = 1;
    if (!sources || !*sources)
        report(c, 0, "%s: no sources: line (where do the facts come from?)", path);
    if (bad) {
        free(text);
        return -1;
    }
    snprintf(checked_out, checked_cap, "%s", checked);
    *machine = !strcmp(status, "machine");
    /* the title and the date as shown, digits in the language's set (checked_out, compared
     * between translations, stays as written) */
    char *title_shown = shown(c, lang, title), *checked_shown = shown(c, lang, checked);
    int li = lang_index(c, lang);
    lint_text(c, path, title_line, title_shown, c->langs[li].rtl, NULL, NULL);
    insert(c, "INSERT INTO pages VALUES(?,?,?,?,?,?,0)", 6, id, lang, title_shown, status,
           checked_shown, sources ? sources : "");
    free(checked_shown);

    /* body: @-lines are items of their own; the rest is Markdown */
    mdstate s = {.c = c, .page = id, .lang = lang, .path = path, .bold_start = -1,
                 .digits = c->langs[li].digits, .rtl = c->langs[li].rtl};
    buf_init(&s.text), buf_init(&s.bold);
    buf search, md;
    buf_init(&search), buf_init(&md);
    s.search = &search;
    int prev_blank = 1; /* the line before starts no paragraph: a list may start here */
    MD_PARSER parser = {0};
    parser.flags = MD_FLAG_NOHTML; /* HTML shows as written: md_line warns about it */
    parser.enter_block = md_enter_block;
    parser.leave_block = md_leave_block;
    parser.enter_span = md_enter_span;
    parser.leave_span = md_leave_span;
    parser.text = md_text;
    while (1) {
        char *nl = strchr(p, '\n');
        int last = !nl;
        if (nl)
            *nl = 0;
        char *l = p;
        if (*l == '@' || last) {
            if (last && *l != '@') {
                if (!md.len)
                    s.md_line = line;
                md_line(c, path, line, &md, l, &prev_blank);
            }
            if (md.len) {
                s.md = md.data;
                s.md_len = md.len;
                s.last_line = s.md_line;
                md_parse(md.data, (MD_SIZE)md.len, &parser, &s);
                flush_block(&s);
                free(s.md_west);
                s.md_west = NULL;
                s.md = NULL;
                buf_clear(&md);
            }
            if (*l == '@') {
                prev_blank = 1;
                char *sp = l + 1;
                while (*sp && *sp != ' ')
                    sp++;
                size_t kl = (size_t)(sp - l - 1);
                int ok = 0;
                for (size_t k = 0; k < 4; k++)
                    if (strlen(special_kinds[k]) == kl && !strncmp(l + 1, special_kinds[k], kl))
                        ok = 1;
                char *val = sp;
                while (*val == ' ')
                    val++;
                size_t vl = strlen(val);
                while (vl && (val[vl - 1] == ' ' || val[vl - 1] == '\r'))
                    val[--vl] = 0;
                if (!ok) {
                    report(c, 1, "%s:%d: unknown item \"@%.*s\" (@phone, @address, @hours or @link)",
                           path, line, (int)kl, l + 1);
                } else if (strlen(val) > 400) { /* the kiosk shows and encodes it whole */
                    report(c, 1, "%s:%d: @%.*s is over 400 bytes", path, line, (int)kl, l + 1);
                } else if (!*val) {
                    report(c, 1, "%s:%d: @%.*s needs a value", path, line, (int)kl, l + 1);
                } else {
                    char *bar = strchr(val, '|');
                    char *label = "";
                    if (bar) {
                        *bar = 0;
                        label = bar + 1;
                        while (*label == ' ')
                            label++;
                        size_t n2 = strlen(val);
                        while (n2 && val[n2 - 1] == ' ')
                            val[--n2] = 0;
                    }
                    if (!strncmp(l + 1, "phone", 5) && !pack_placeholder_find(val, NULL)) {
                        char *west = text_digits(val, strlen(val), TEXT_DIGITS_WESTERN);
                        for (char *q = west; *q; q++)
                            if (!strchr("0123456789+ -()", *q)) {
                                report(c, 1, "%s:%d: @phone \"%s\" is not a phone number", path,
                                       line, val);
                                break;
                            }
                        free(west);
                    }
                    if (!strncmp(l + 1, "link", 4) && !pack_placeholder_find(val, NULL) &&
                        strncmp(val, "https://", 8) && strncmp(val, "http://", 7))
                        report(c, 1, "%s:%d: @link must start with https://", path, line);
                    char seq[16], kind[16];
                    snprintf(seq, sizeof seq, "%d", s.seq++);
                    snprintf(kind, sizeof kind, "%.*s", (int)kl, l + 1);
                    /* label and value as shown; a link's address is typed as it is */
                    char *label_shown = shown(c, lang, label);
                    char *val_shown = strcmp(kind, "link") ? shown(c, lang, val) : xstrdup(val);
                    lint_text(c, path, line, label_shown, s.rtl, NULL, NULL);
                    lint_text(c, path, line, val_shown, s.rtl, NULL, NULL);
                    insert(c, "INSERT INTO blocks VALUES(?,?,?,?,?,?,NULL)", 6, id, lang, seq, kind,
                           label_shown, val_shown);
                    buf_adds(&search, label_shown);
                    buf_addc(&search, '\n');
                    free(label_shown), free(val_shown);
                }
            }
        } else {
            if (!md.len)
                s.md_line = line;
            md_line(c, path, line, &md, l, &prev_blank);
        }
        int np = pack_placeholder_count(l);
        if (np && c->placeholders == 0)
            snprintf(c->first_placeholder, sizeof c->first_placeholder, "%s:%d", path, line);
        c->placeholders += np;
        if (pack_placeholder_stray(l)) /* the kiosk would show the braces */
            report(c, 1, "%s:%d: an unmatched {{ or }} (a local detail to fill in is written "
                         "{{fill in: ...}} on one line)", path, line);
        line++;
        if (last)
            break;
        p = nl + 1;
    }
    if (s.seq == 0)
        report(c, 1, "%s: the page has no text after its header", path);
    /* the search index holds folded text, so queries fold the same way */
    char *ft = text_fold_search(title_shown), *fb = text_fold_search(search.data ? search.data : "");
    char table[PACK_ID_MAX + 16], sql[160];
    if (pack_search_table(table, sizeof table, lang) == 0) {
        snprintf(sql, sizeof sql, "INSERT INTO %s(page, title, body) VALUES(?,?,?)", table);
        insert(c, sql, 3, id, ft, fb);
    }
    free(ft), free(fb), free(title_shown);
    buf_free(&s.text), buf_free(&s.bold), buf_free(&search), buf_free(&md);
    free(text);
    return 0;
}

/* Sorted names of the entries of a directory, without dot files; NULL when it cannot be
 * listed. */
static char **list_dir(const char *path, int *n)
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

typedef struct tstat {
    int present, machine, reviewed, missing, outdated;
} tstat;

static void read_pages(ctx *c, tstat *ts)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/pages", c->o->src);
    int n;
    char **ids = list_dir(dir, &n);
    if (!ids) {
        report(c, 1, "%s: no pages folder", dir);
        return;
    }
    c->page_ids = xcalloc((size_t)n + 1, sizeof *c->page_ids);
    for (int k = 0; k < n; k++) {
        char pdir[4096];
        snprintf(pdir, sizeof pdir, "%s/%s", dir, ids[k]);
        fs_info st;
        if (fs_stat(pdir, &st, NULL) || st.kind != FS_DIR) {
            report(c, 1, "%s: pages/ holds one folder per page, not files", pdir);
            continue;
        }
        if (!pack_valid_id(ids[k])) {
            report(c, 1, "%s: a page id may use only a-z, 0-9 and - (lower case)", pdir);
            continue;
        }
        c->page_ids[c->npages++] = xstrdup(ids[k]);
        int nf;
        char **files = list_dir(pdir, &nf);
        char ref_checked[32] = "";
        char checked[MAX_LANGS][32];
        int have[MAX_LANGS] = {0}, machine[MAX_LANGS] = {0};
        for (int f = 0; f < nf; f++) {
            char path[4096], rel[512], lang[32];
            snprintf(path, sizeof path, "%s/%s", pdir, files[f]);
            snprintf(rel, sizeof rel, "pages/%s/%s", ids[k], files[f]);
            size_t fl = strlen(files[f]);
            if (fl < 4 || strcmp(files[f] + fl - 3, ".md") || fl - 3 >= sizeof lang) {
                report(c, 1, "%s: expected <lang>.md (like en.md)", path);
                continue;
            }
            snprintf(lang, sizeof lang, "%.*s", (int)(fl - 3), files[f]);
            int li = lang_index(c, lang);
            if (li < 0) {
                report(c, 1, "%s: language \"%s\" is not declared in the manifest", path, lang);
                continue;
            }
            if (read_page(c, ids[k], lang, path, rel, checked[li], sizeof checked[li],
                          &machine[li]) == 0)
                have[li] = 1;
        }
        int ri = lang_index(c, c->reference);
        if (ri >= 0 && have[ri])
            snprintf(ref_checked, sizeof ref_checked, "%s", checked[ri]);
        else
            report(c, 0, "%s: no page in the reference language %s", pdir, c->reference);
        for (int l = 0; l < c->nlangs; l++) {
            if (!have[l]) {
                ts[l].missing++;
                continue;
            }
            ts[l].present++;
            if (machine[l])
                ts[l].machine++;
            else
                ts[l].reviewed++;
            if (l != ri && *ref_checked && strcmp(checked[l], ref_checked) < 0) {
                ts[l].outdated++;
                insert(c, "UPDATE pages SET outdated=1 WHERE id=? AND lang=?", 2, ids[k],
                       c->langs[l].code);
            }
        }
        fs_list_free(files, nf);
    }
    fs_list_free(ids, n);
    c->r->pages = c->npages;
}

/* ---- surveys ------------------------------------------------------------------------ */

static void read_surveys(ctx *c)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/surveys", c->o->src);
    int n;
    char **files = list_dir(dir, &n);
    for (int k = 0; k < n; k++) {
        char path[4096], id[80];
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        size_t fl = strlen(files[k]);
        if (fl < 5 || strcmp(files[k] + fl - 4, ".txt") || fl - 4 >= sizeof id) {
            report(c, 1, "%s: a survey file is named <id>.txt", path);
            continue;
        }
        snprintf(id, sizeof id, "%.*s", (int)(fl - 4), files[k]);
        if (!pack_valid_id(id)) {
            report(c, 1, "%s: a survey id may use only a-z, 0-9 and -", path);
            continue;
        }
        kv_file f;
        err e;
        if (kv_parse(&f, path, &e)) {
            report(c, 1, "%s", e.msg);
            continue;
        }
        char rel[512];
        snprintf(rel, sizeof rel, "surveys/%s", files[k]);
        hash_file(c, rel, f.raw, f.raw_len);
        char owner[PACK_OWNER_MAX], ord[16];
        pack_owner(owner, sizeof owner, PACK_OWNER_SURVEY, id);
        snprintf(ord, sizeof ord, "%d", k);
        insert(c, "INSERT INTO surveys VALUES(?,?)", 2, id, ord);
        texts(c, &f, "", "", "title", owner, 1);
        texts(c, &f, "", "", "intro", owner, 1);
        /* the notice before the first question: who reads the answers, what they are used
         * for, whom to contact for a personal matter */
        texts(c, &f, "", "", "who", owner, 1);
        texts(c, &f, "", "", "use", owner, 1);
        texts(c, &f, "", "", "contact", owner, 1);
        kv_get(&f, "", "", "sources");
        int nq = 0;
        for (int i = 0; i < f.n; i++) {
            kv_entry *en = &f.e[i];
            if (i > 0 && !strcmp(f.e[i - 1].section, en->section) && !strcmp(f.e[i - 1].id, en->id))
                continue;
            if (!strcmp(en->section, "question")) {
                if (!pack_valid_id(en->id)) {
                    report(c, 1, "%s:%d: question id \"%s\": only a-z, 0-9 and -", path, en->line,
                           en->id);
                    continue;
                }
                kv_entry *t = kv_get(&f, "question", en->id, "type");
                static const char *const types[] = {"faces", "yesno", "single", "multi", "text"};
                int ok = 0;
                for (int q = 0; t && q < 5; q++)
                    ok |= !strcmp(t->value, types[q]);
                if (!ok) {
                    report(c, 1, "%s:%d: question %s: type must be faces, yesno, single, multi or text",
                           path, en->line, en->id);
                    continue;
                }
                char qo[16], qid[2 * PACK_ID_MAX + 2], qowner[PACK_OWNER_MAX];
                snprintf(qo, sizeof qo, "%d", nq++);
                snprintf(qid, sizeof qid, "%s.%s", id, en->id);
                pack_owner(qowner, sizeof qowner, PACK_OWNER_QUESTION, qid);
                insert(c, "INSERT INTO questions VALUES(?,?,?,?)", 4, id, en->id, qo, t->value);
                texts(c, &f, "question", en->id, "text", qowner, 1);
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
                        report(c, 1, "%s:%d: answer id \"%s\": only a-z, 0-9 and -", path,
                               a->line, aid);
                        continue;
                    }
                    icon_of(c, &f, "answer", a->id, icon);
                    snprintf(ao, sizeof ao, "%d", na++);
                    insert(c, "INSERT INTO answers VALUES(?,?,?,?,?)", 5, id, en->id, aid, ao, icon);
                    texts(c, &f, "answer", a->id, "text", aowner, 1);
                }
                if ((!strcmp(t->value, "single") || !strcmp(t->value, "multi")) && na < 2)
                    report(c, 1, "%s:%d: question %s needs at least two [answer %s.<id>] sections",
                           path, en->line, en->id, en->id);
            } else if (!strcmp(en->section, "answer")) {
                char *dot = strchr(en->id, '.');
                if (!dot || !kv_get(&f, "question", (*dot = 0, en->id), "type"))
                    report(c, 1, "%s:%d: [answer %s%s%s] belongs to no question", path, en->line,
                           en->id, dot ? "." : "", dot ? dot + 1 : "");
                if (dot)
                    *dot = '.';
            } else if (*en->section) {
                report(c, 1, "%s:%d: unknown section [%s] (question or answer)", path, en->line,
                       en->section);
            }
        }
        if (nq == 0)
            report(c, 1, "%s: a survey needs at least one [question ...]", path);
        if (nq > 6)
            report(c, 0, "%s: %d questions: a kiosk survey should have at most 6", path, nq);
        for (int i = 0; i < f.n; i++) {
            kv_entry *en = &f.e[i];
            if (!en->used) {
                report(c, 0, "%s:%d: unknown key `%s` is ignored", path, en->line, en->key);
                continue;
            }
            /* a local detail to fill in (the contact's phone numbers, the organisation) is
             * counted with the pages'; stray braces would show on the kiosk */
            int np = pack_placeholder_count(en->value);
            if (np && c->placeholders == 0)
                snprintf(c->first_placeholder, sizeof c->first_placeholder, "%s:%d", path,
                         en->line);
            c->placeholders += np;
            if (pack_placeholder_stray(en->value))
                report(c, 1, "%s:%d: an unmatched {{ or }} (a local detail to fill in is written "
                             "{{fill in: ...}} on one line)", path, en->line);
        }
        kv_free(&f);
    }
    fs_list_free(files, n);
}

/* ---- UI strings (gettext .po) ------------------------------------------------------- */

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
static int po_flush(ctx *c, const char *lang, const char *path, buf *id, buf *str, int fuzzy,
                    int str_line)
{
    int stored = id->len && str->len && !fuzzy;
    if (stored) {
        insert(c, "INSERT OR REPLACE INTO strings VALUES(?,?,?)", 3, lang, id->data, str->data);
        check_coverage(c, path, str_line, str->data, str->len);
    }
    buf_clear(id), buf_clear(str);
    return stored;
}

static void read_po(ctx *c, const char *lang)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/lang/%s.po", c->o->root, lang);
    err e;
    size_t len;
    char *text = source_read(path, &len, &e);
    if (!text) {
        report(c, 0, "%s (the kiosk's own words fall back to English)", e.msg);
        return;
    }
    hash_file(c, path + strlen(c->o->root), text, len); /* before parsing cuts it into lines */
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
            report(c, 1, "%s:%d: not a gettext PO line (msgid, msgstr or a quoted string)", path,
                   line);
            continue;
        }
        while (*q == ' ')
            q++;
        if (po_string(&q, cur))
            report(c, 1, "%s:%d: a broken quoted string", path, line);
    }
    if (cur == &str)
        n += po_flush(c, lang, path, &id, &str, fuzzy, str_line);
    buf_free(&id), buf_free(&str);
    free(text);
    if (!n)
        report(c, 0, "%s: no translated strings", path);
}

/* ---- the whole build ---------------------------------------------------------------- */

static void print_table(ctx *c, const tstat *ts)
{
    FILE *o = c->o->report;
    if (!o || !c->o->table)
        return;
    fprintf(o, "translations (reference %s, %d pages):\n", c->reference, c->npages);
    fprintf(o, "  lang  present  machine  reviewed  missing  outdated\n");
    for (int l = 0; l < c->nlangs; l++)
        fprintf(o, "  %-5s %7d  %7d  %8d  %7d  %8d\n", c->langs[l].code, ts[l].present,
                ts[l].machine, ts[l].reviewed, ts[l].missing, ts[l].outdated);
    if (c->placeholders)
        fprintf(o, "%d local details to fill in ({{fill in: ...}}), the first at %s\n",
                c->placeholders, c->first_placeholder);
}

/* SQLite writes the pack into a new empty temp file beside the target (VACUUM INTO takes a
 * path, not bytes); app/fs then syncs it and renames it into place. */
static int write_out(ctx *c, err *e)
{
    char tmp[4200];
    if (fs_temp(c->o->out, tmp, sizeof tmp, e))
        return -1;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(c->db, "VACUUM INTO ?", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_OK) {
        int sys = sqlite3_system_errno(c->db);
        err_set(e, "%s: cannot write the pack: %s%s%s%s", c->o->out, sqlite3_errmsg(c->db),
                sys ? " (" : "", sys ? strerror(sys) : "", sys ? ")" : "");
        fs_remove(tmp, NULL);
        return -1;
    }
    return fs_commit(tmp, c->o->out, 0644, e);
}

int pack_compile(const pack_opts *o, pack_result *r, err *e)
{
    memset(r, 0, sizeof *r);
    if (sodium_init() < 0)
        return err_set(e, "libsodium failed to start");
    ctx c = {.o = o, .r = r};
    crypto_hash_sha256_init(&c.hash);
    fs_info st;
    if (fs_stat(o->src, &st, NULL) || st.kind != FS_DIR)
        return err_set(e, "%s: not a content folder", o->src);
    if (load_icons(&c, e))
        return -1;
    int rc = -1;
    if (o->coverage && load_coverage(&c, e))
        goto out;
    if (o->coverage) {
        char fonts[4096];
        snprintf(fonts, sizeof fonts, "%s/assets/fonts", o->root);
        if (!(c.ms = measure_open(fonts, e)))
            goto out;
    }
    /* the kiosk's VFS shim, so VACUUM INTO (write_out) writes the pack through app/fs's
     * fault and crash hooks like every other file */
    if (store_vfs_register(e))
        goto out;
    if (sqlite3_open_v2(":memory:", &c.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        STORE_VFS_NAME) != SQLITE_OK) {
        err_set(e, "cannot open an in-memory database");
        goto out;
    }
    exec(&c, "PRAGMA page_size=4096");
    for (int k = 0; pack_schema[k]; k++)
        exec(&c, pack_schema[k]);
    exec(&c, "BEGIN");
    if (read_manifest(&c, e))
        goto out;
    for (int l = 0; l < c.nlangs; l++) {
        char sql[256];
        if (pack_search_create(sql, sizeof sql, c.langs[l].code) == 0)
            exec(&c, sql);
    }
    tstat ts[MAX_LANGS] = {0};
    read_pages(&c, ts);
    write_manifest(&c);
    read_surveys(&c);
    read_po(&c, "en");
    for (int l = 0; l < c.nlangs; l++)
        if (strcmp(c.langs[l].code, "en"))
            read_po(&c, c.langs[l].code);
    for (int l = 0; l < c.nlangs; l++)
        if (ts[l].missing)
            report(&c, 0, "%s: %d of %d pages missing in %s (shown in %s instead)", o->src,
                   ts[l].missing, c.npages, c.langs[l].code, c.fallback);
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * sizeof h + 1];
    crypto_hash_sha256_final(&c.hash, h);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    insert(&c, "INSERT INTO meta VALUES('source_sha256', ?)", 1, hex);
    char np[16];
    snprintf(np, sizeof np, "%d", c.npages);
    insert(&c, "INSERT INTO meta VALUES('pages', ?)", 1, np);
    exec(&c, "COMMIT");
    r->languages = c.nlangs;
    print_table(&c, ts);
    if (r->errors) {
        err_set(e, "%s: %d error%s, %d warning%s", o->src, r->errors, r->errors == 1 ? "" : "s",
                r->warnings, r->warnings == 1 ? "" : "s");
        goto out;
    }
    if (o->out && write_out(&c, e))
        goto out;
    rc = 0;
out:
    if (c.db)
        sqlite3_close(c.db);
    kv_free(&c.man);
    for (int k = 0; k < c.nicons; k++)
        free(c.icon_names[k]);
    free(c.icon_names), free(c.icon_cps);
    for (int k = 0; k < c.npages; k++)
        free(c.page_ids[k]);
    free(c.page_ids);
    for (int l = 0; l < c.nlangs; l++)
        free(c.langs[l].name);
    if (c.covered)
        hb_set_destroy(c.covered);
    measure_close(c.ms);
    return rc;
}
