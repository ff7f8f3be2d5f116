/* builder pages: pages/<id>/<lang>.md, each file's header (title, status, checked, sources,
 * and a translation's source: stamp), its @-lines (phone, address, hours, link) and its Markdown (markdown.c), into the pack with
 * the search index; and how each language's translations stand (see builder.h). */
#include "builder/markdown.h"

#include "builder/source.h"
#include "core/buf.h"
#include "fs.h"
#include "pack/format.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const special_kinds[] = {"phone", "address", "hours", "link"};

/* One page file: header, then Markdown and @-lines. */
/* One page file: header, then Markdown and @-lines. Into hash the hash of its title and body,
 * into stamp its `source:` line ("" without one); *common: it cites common knowledge. */
static int read_page(builder *c, const char *id, const char *lang, const char *path,
                     const char *rel, char *checked_out, size_t checked_cap, int *machine,
                     char hash[17], char stamp[17], int *common)
{
    err e;
    size_t len;
    char *text = source_read(path, &len, &e);
    if (!text) {
        builder_report(c, 1, "%s", e.msg);
        return -1;
    }
    builder_hash_file(c, rel, text, len);
    builder_check_coverage(c, path, 1, text, len);
    glossary_check_page(c, path, lang, text, len);
    if (page_source_hash(text, len, hash))
        hash[0] = 0;
    stamp[0] = 0;
    char *p = text;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    int line = 1;
    if (strncmp(p, "---", 3) || (p[3] != '\n' && p[3] != '\r')) {
        builder_report(c, 1, "%s:1: a page starts with a header: a line ---, then title:, status:, "
                     "checked:, sources: (a translation also source:), then ---", path);
        free(text);
        return -1;
    }
    char *first_nl = strchr(p, '\n');
    if (!first_nl) {
        builder_report(c, 1, "%s:1: the header is not closed with a line ---", path);
        free(text);
        return -1;
    }
    p = first_nl + 1;
    line++;
    char *title = NULL, *status = NULL, *checked = NULL, *sources = NULL;
    int closed = 0, bad = 0, title_line = 1, sources_line = 1;
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
                builder_report(c, 1, "%s:%d: expected `key: value` in the header", path, line);
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
            sources = v, sources_line = line;
        else if (!strcmp(l, "source")) {
            /* the stamp of sveikictl pack stamp: 16 hex digits */
            if (strlen(v) != 16 || strspn(v, "0123456789abcdef") != 16)
                builder_report(c, 1,
                               "%s:%d: source: is written by sveikictl pack stamp (16 hex "
                               "digits): run it again rather than editing the line",
                               path, line), bad = 1;
            else
                snprintf(stamp, 17, "%s", v);
        } else
            builder_report(c, 0, "%s:%d: unknown header key `%s` is ignored", path, line, l);
        line++;
    }
    if (!closed) {
        builder_report(c, 1, "%s: the header is not closed with a line ---", path);
        free(text);
        return -1;
    }
    if (!title || !*title)
        builder_report(c, 1, "%s: the header has no title:", path), bad = 1;
    if (!status || (strcmp(status, "reviewed") && strcmp(status, "machine")))
        builder_report(c, 1, "%s: status: must be reviewed or machine", path), bad = 1;
    int y, mo, d;
    char tail;
    /* exactly YYYY-MM-DD: the date the footer shows (staleness is the source: stamp) */
    if (!checked || strlen(checked) != 10 || checked[4] != '-' || checked[7] != '-' ||
        sscanf(checked, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 || mo < 1 ||
        mo > 12 || d < 1 || d > 31)
        builder_report(c, 1, "%s: checked: must be a date like 2022-12-01", path), bad = 1;
    if (!sources || !*sources)
        builder_report(c, 0, "%s: no sources: line (where do the facts come from?)", path);
    else
        *common = sources_resolve(c, path, sources_line, sources);
    if (bad) {
        free(text);
        return -1;
    }
    snprintf(checked_out, checked_cap, "%s", checked);
    *machine = !strcmp(status, "machine");
    /* the title and the date as shown, digits in the language's set (checked_out, compared
     * between translations, stays as written) */
    char *title_shown = builder_shown(c, lang, title),
         *checked_shown = builder_shown(c, lang, checked);
    int li = builder_lang_index(c, lang);
    builder_lint_text(c, path, title_line, title_shown, c->langs[li].rtl, NULL, NULL);
    builder_insert(c, "INSERT INTO pages VALUES(?,?,?,?,?,?,0)", 6, id, lang, title_shown, status,
                   checked_shown, sources ? sources : "");
    free(checked_shown);

    /* body: @-lines are items of their own; the rest is Markdown */
    buf search;
    buf_init(&search);
    markdown s;
    markdown_init(&s, c, id, lang, li, path, &search);
    while (1) {
        char *nl = strchr(p, '\n');
        int last = !nl;
        if (nl)
            *nl = 0;
        char *l = p;
        if (*l == '@' || last) {
            if (last && *l != '@')
                markdown_line(&s, line, l);
            markdown_flush(&s);
            if (*l == '@') {
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
                    builder_report(
                        c, 1, "%s:%d: unknown item \"@%.*s\" (@phone, @address, @hours or @link)",
                        path, line, (int)kl, l + 1);
                } else if (strlen(val) > 400) { /* the kiosk shows and encodes it whole */
                    builder_report(c, 1, "%s:%d: @%.*s is over 400 bytes", path, line, (int)kl,
                                   l + 1);
                } else if (!*val) {
                    builder_report(c, 1, "%s:%d: @%.*s needs a value", path, line, (int)kl, l + 1);
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
                                builder_report(c, 1, "%s:%d: @phone \"%s\" is not a phone number",
                                               path, line, val);
                                break;
                            }
                        free(west);
                    }
                    if (!strncmp(l + 1, "link", 4) && !pack_placeholder_find(val, NULL) &&
                        strncmp(val, "https://", 8) && strncmp(val, "http://", 7))
                        builder_report(c, 1, "%s:%d: @link must start with https://", path, line);
                    char seq[16], kind[16];
                    snprintf(seq, sizeof seq, "%d", s.seq++);
                    snprintf(kind, sizeof kind, "%.*s", (int)kl, l + 1);
                    /* label and value as shown; a link's address is typed as it is */
                    char *label_shown = builder_shown(c, lang, label);
                    char *val_shown =
                        strcmp(kind, "link") ? builder_shown(c, lang, val) : xstrdup(val);
                    builder_lint_text(c, path, line, label_shown, s.rtl, NULL, NULL);
                    builder_lint_text(c, path, line, val_shown, s.rtl, NULL, NULL);
                    builder_insert(c, "INSERT INTO blocks VALUES(?,?,?,?,?,?,NULL)", 6, id, lang,
                                   seq, kind, label_shown, val_shown);
                    buf_adds(&search, label_shown);
                    buf_addc(&search, '\n');
                    free(label_shown), free(val_shown);
                }
            }
        } else {
            markdown_line(&s, line, l);
        }
        int np = pack_placeholder_count(l);
        if (np && c->placeholders == 0)
            str_printf(c->first_placeholder, sizeof c->first_placeholder, "%s:%d", path, line);
        c->placeholders += np;
        if (pack_placeholder_stray(l)) /* the kiosk would show the braces */
            builder_report(c, 1,
                           "%s:%d: an unmatched {{ or }} (a local detail to fill in is written "
                           "{{fill in: ...}} on one line)",
                           path, line);
        line++;
        if (last)
            break;
        p = nl + 1;
    }
    if (s.seq == 0)
        builder_report(c, 1, "%s: the page has no text after its header", path);
    /* the search index holds folded text, so queries fold the same way */
    char *ft = text_fold_search(title_shown),
         *fb = text_fold_search(search.data ? search.data : "");
    char table[PACK_ID_MAX + 16], sql[160];
    if (pack_search_table(table, sizeof table, lang) == 0) {
        snprintf(sql, sizeof sql, "INSERT INTO %s(page, title, body) VALUES(?,?,?)", table);
        builder_insert(c, sql, 3, id, ft, fb);
    }
    free(ft), free(fb), free(title_shown);
    markdown_free(&s), buf_free(&search);
    free(text);
    return 0;
}

void pages_read(builder *c, pages_stat *ts)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/pages", c->o->src);
    int n;
    char **ids = builder_list_dir(dir, &n);
    if (!ids) {
        builder_report(c, 1, "%s: no pages folder", dir);
        return;
    }
    c->page_ids = xcalloc((size_t)n + 1, sizeof *c->page_ids);
    for (int k = 0; k < n; k++) {
        char pdir[4096];
        if (str_printf(pdir, sizeof pdir, "%s/%s", dir, ids[k])) {
            builder_report(c, 1, "%s: path too long", pdir);
            continue;
        }
        fs_info st;
        if (fs_stat(pdir, &st, NULL) || st.kind != FS_DIR) {
            builder_report(c, 1, "%s: pages/ holds one folder per page, not files", pdir);
            continue;
        }
        if (!pack_valid_id(ids[k])) {
            builder_report(c, 1, "%s: a page id may use only a-z, 0-9 and - (lower case)", pdir);
            continue;
        }
        c->page_ids[c->npages++] = xstrdup(ids[k]);
        int nf;
        char **files = builder_list_dir(pdir, &nf);
        char checked[BUILDER_MAX_LANGS][32];
        char hash[BUILDER_MAX_LANGS][17], stamp[BUILDER_MAX_LANGS][17];
        int have[BUILDER_MAX_LANGS] = {0}, machine[BUILDER_MAX_LANGS] = {0},
            common[BUILDER_MAX_LANGS] = {0};
        for (int f = 0; f < nf; f++) {
            char path[4096], rel[512], lang[32];
            if (str_printf(path, sizeof path, "%s/%s", pdir, files[f]) ||
                str_printf(rel, sizeof rel, "pages/%s/%s", ids[k], files[f])) {
                builder_report(c, 1, "%s: path too long", path);
                continue;
            }
            if (voices_recording(c, ids[k], files[f], path, rel))
                continue; /* <lang>.opus: the page read aloud */
            size_t fl = strlen(files[f]);
            if (fl < 4 || strcmp(files[f] + fl - 3, ".md") || fl - 3 >= sizeof lang) {
                builder_report(c, 1, "%s: expected <lang>.md (like en.md) or <lang>.opus", path);
                continue;
            }
            snprintf(lang, sizeof lang, "%.*s", (int)(fl - 3), files[f]);
            int li = builder_lang_index(c, lang);
            if (li < 0) {
                builder_report(c, 1, "%s: language \"%s\" is not declared in the manifest", path,
                               lang);
                continue;
            }
            if (read_page(c, ids[k], lang, path, rel, checked[li], sizeof checked[li],
                          &machine[li], hash[li], stamp[li], &common[li]) == 0)
                have[li] = 1;
        }
        int ri = builder_lang_index(c, c->reference);
        int ref = ri >= 0 && have[ri] && hash[ri][0];
        if (!ref)
            builder_report(c, 0, "%s: no page in the reference language %s", pdir, c->reference);
        /* common knowledge is listed once a page, as its reference page says */
        if (ref && common[ri]) {
            c->common = xrealloc(c->common, (size_t)(c->ncommon + 1) * sizeof *c->common);
            c->common[c->ncommon++] = xstrdup(ids[k]);
        }
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
            /* stale: made from another version of the reference page than today's, or not
                 * stamped at all */
            if (l != ri && ref && strcmp(stamp[l], hash[ri])) {
                ts[l].outdated++;
                builder_report(c, 0,
                               "%s/%s.md: stale: %s (the reference page changed since this "
                               "translation was made, or it was never stamped): update it, "
                               "then run sveikictl pack stamp %s %s --lang %s",
                               pdir, c->langs[l].code,
                               stamp[l][0] ? "made from an older reference page" : "no source: stamp",
                               c->o->src, ids[k], c->langs[l].code);
                builder_insert(c, "UPDATE pages SET outdated=1 WHERE id=? AND lang=?", 2, ids[k],
                               c->langs[l].code);
            }
        }
        fs_list_free(files, nf);
    }
    fs_list_free(ids, n);
    c->r->pages = c->npages;
}

