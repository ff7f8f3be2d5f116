/* builder stamp: which version of its reference page a translation was made from. The hash of
 * the reference page's title and body (its header left out: a changed date or source list is
 * no change a translator must follow), BLAKE2b of 8 bytes as 16 hex digits, written by
 * `sveikictl pack stamp` as the translation's header line `source:`; pack build compares it
 * with the reference page of today (pages.c). See pack.h. */
#include "builder/builder.h"

#include "builder/source.h"
#include "core/buf.h"
#include "fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The header of a page: where its lines start and end, and its title. 0, or -1 when text
 * does not start with a header closed by a line ---. */
typedef struct header {
    size_t start, end; /* the first header line; the closing line --- */
    size_t body;       /* the first byte after the closing line */
    const char *title;
    size_t title_len;
} header;

static int header_of(const char *text, size_t len, header *h)
{
    memset(h, 0, sizeof *h);
    size_t i = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        i = 3;
    if (len - i < 4 || strncmp(text + i, "---", 3) || (text[i + 3] != '\n' && text[i + 3] != '\r'))
        return -1;
    const char *nl = memchr(text + i, '\n', len - i);
    if (!nl)
        return -1;
    i = (size_t)(nl - text) + 1;
    h->start = i;
    while (i < len) {
        const char *e = memchr(text + i, '\n', len - i);
        size_t n = e ? (size_t)(e - text) - i : len - i;
        size_t m = n && text[i + n - 1] == '\r' ? n - 1 : n;
        if (m == 3 && !strncmp(text + i, "---", 3)) {
            h->end = i;
            h->body = e ? i + n + 1 : len;
            return 0;
        }
        if (m >= 6 && !strncmp(text + i, "title:", 6)) {
            size_t t = i + 6;
            while (t < i + m && text[t] == ' ')
                t++;
            h->title = text + t;
            h->title_len = i + m - t;
        }
        i += n + (e != NULL);
    }
    return -1;
}

int page_source_hash(const char *text, size_t len, char hex[17])
{
    header h;
    if (header_of(text, len, &h))
        return -1;
    crypto_generichash_state st;
    unsigned char out[8];
    crypto_generichash_init(&st, NULL, 0, sizeof out);
    if (h.title)
        crypto_generichash_update(&st, (const unsigned char *)h.title, h.title_len);
    crypto_generichash_update(&st, (const unsigned char *)"\n", 1);
    crypto_generichash_update(&st, (const unsigned char *)text + h.body, len - h.body);
    crypto_generichash_final(&st, out, sizeof out);
    sodium_bin2hex(hex, 17, out, sizeof out);
    return 0;
}

/* text with its header's `source:` line set to hash: malloc'd, its length in *n; NULL when
 * it already says so. */
static char *restamped(const char *text, size_t len, const header *h, const char *hash,
                       size_t *n)
{
    buf b;
    buf_init(&b);
    buf_add(&b, text, h->start);
    int same = 0;
    for (size_t i = h->start; i < h->end;) {
        const char *e = memchr(text + i, '\n', h->end - i);
        size_t l = e ? (size_t)(e - text) - i + 1 : h->end - i;
        if (l >= 7 && !strncmp(text + i, "source:", 7)) {
            char want[32];
            snprintf(want, sizeof want, "source: %s", hash);
            same |= !strncmp(text + i, want, strlen(want)) &&
                    (text[i + strlen(want)] == '\n' || text[i + strlen(want)] == '\r');
        } else {
            buf_add(&b, text + i, l);
        }
        i += l;
    }
    if (same) {
        buf_free(&b);
        return NULL;
    }
    buf_printf(&b, "source: %s\n", hash);
    buf_add(&b, text + h->end, len - h->end);
    *n = b.len;
    return b.data;
}

int pack_stamp(const char *src, const char *const *pages, int npages, const char *lang,
               FILE *report, int *stamped, err *e)
{
    *stamped = 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.txt", src);
    kv_file man;
    if (kv_parse(&man, path, e))
        return -1;
    kv_entry *ref = kv_get(&man, "", "", "reference");
    char reference[64];
    snprintf(reference, sizeof reference, "%s", ref ? ref->value : "");
    kv_free(&man);
    if (!pack_valid_id(reference))
        return err_set(e, "%s: no reference language (reference:)", path);
    if (lang && !strcmp(lang, reference))
        return err_set(e, "%s is the reference language: its pages are what translations are "
                          "stamped with", lang);
    snprintf(path, sizeof path, "%s/pages", src);
    int n;
    char **ids = NULL;
    if (fs_list_dir(path, &ids, &n, e))
        return -1;
    int rc = 0, found = 0;
    for (int k = 0; k < n && !rc; k++) {
        int wanted = !npages;
        for (int j = 0; j < npages; j++)
            wanted |= !strcmp(pages[j], ids[k]);
        if (!wanted || !pack_valid_id(ids[k]))
            continue;
        found++;
        char dir[4200], refpath[4300];
        snprintf(dir, sizeof dir, "%s/%s", path, ids[k]);
        snprintf(refpath, sizeof refpath, "%s/%s.md", dir, reference);
        size_t rlen;
        char *rtext = source_read(refpath, &rlen, e), hash[17];
        if (!rtext) {
            rc = -1;
            break;
        }
        if (page_source_hash(rtext, rlen, hash)) {
            free(rtext);
            rc = err_set(e, "%s: not a page (no header)", refpath);
            break;
        }
        free(rtext);
        int nf;
        char **files = NULL;
        if (fs_list_dir(dir, &files, &nf, e)) {
            rc = -1;
            break;
        }
        for (int f = 0; f < nf && !rc; f++) {
            size_t fl = strlen(files[f]);
            if (fl < 4 || strcmp(files[f] + fl - 3, ".md") || files[f][0] == '.')
                continue;
            char code[64];
            snprintf(code, sizeof code, "%.*s", (int)(fl - 3), files[f]);
            if (!strcmp(code, reference) || (lang && strcmp(code, lang)))
                continue;
            char fp[4400];
            snprintf(fp, sizeof fp, "%s/%s", dir, files[f]);
            size_t len, nn;
            char *text = source_read(fp, &len, e);
            header h;
            if (!text) {
                rc = -1;
                break;
            }
            if (header_of(text, len, &h)) {
                rc = err_set(e, "%s: not a page (no header)", fp);
            } else {
                char *out = restamped(text, len, &h, hash, &nn);
                if (out && fs_write_atomic(fp, out, nn, 0644, e))
                    rc = -1;
                else if (out) {
                    (*stamped)++;
                    if (report)
                        fprintf(report, "stamped %s (source: %s)\n", fp, hash);
                }
                free(out);
            }
            free(text);
        }
        fs_list_free(files, nf);
    }
    fs_list_free(ids, n);
    if (!rc && npages && found < npages)
        rc = err_set(e, "%s: a page named is not in pages/", src);
    return rc;
}
