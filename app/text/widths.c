/* widths: see widths.h. Open addressing with linear probing: entries are only added, and the
 * table is emptied whole, so nothing is ever deleted from the middle of a probe sequence. */
#include "text/widths.h"

#include "core/buf.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
    uint64_t hash;
    char *text; /* NULL: a free slot */
    uint32_t len;
    int w;
} entry;

struct text_widths {
    text_measurer inner, outer;
    int used;
    size_t bytes;
    entry slot[TEXT_WIDTHS_SLOTS];
};

uint64_t text_run_hash(const char *s, size_t len, int face, int px, int rtl, const char *script)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)s[k]) * 1099511628211ULL;
    h = (h ^ (uint64_t)face) * 1099511628211ULL;
    h = (h ^ (uint64_t)px) * 1099511628211ULL;
    h = (h ^ (uint64_t)rtl) * 1099511628211ULL;
    for (int k = 0; script && k < 4 && script[k]; k++)
        h = (h ^ (unsigned char)script[k]) * 1099511628211ULL;
    return h;
}

void text_widths_forget(text_widths *c)
{
    for (int k = 0; k < TEXT_WIDTHS_SLOTS; k++) {
        free(c->slot[k].text);
        c->slot[k].text = NULL;
    }
    c->used = 0;
    c->bytes = 0;
}

static int width(void *ctx, int face, int px, int rtl, const char *script, const char *s,
                 size_t len)
{
    text_widths *c = ctx;
    if (!len)
        return 0;
    uint64_t h = text_run_hash(s, len, face, px, rtl, script);
    int i = (int)(h % TEXT_WIDTHS_SLOTS);
    while (c->slot[i].text) {
        entry *e = &c->slot[i];
        if (e->hash == h && e->len == len && !memcmp(e->text, s, len))
            return e->w;
        i = (i + 1) % TEXT_WIDTHS_SLOTS;
    }
    int w = c->inner.width(c->inner.ctx, face, px, rtl, script, s, len);
    if (len > TEXT_WIDTHS_RUN)
        return w;
    if (c->used >= TEXT_WIDTHS_SLOTS / 2 || c->bytes + len > TEXT_WIDTHS_BYTES) {
        text_widths_forget(c);
        i = (int)(h % TEXT_WIDTHS_SLOTS);
    }
    c->slot[i] = (entry){h, xstrndup(s, len), (uint32_t)len, w};
    c->used++;
    c->bytes += len;
    return w;
}

static void metrics(void *ctx, int face, int px, int *ascent, int *descent)
{
    text_widths *c = ctx;
    c->inner.metrics(c->inner.ctx, face, px, ascent, descent);
}

static int covers(void *ctx, int face, uint32_t cp)
{
    text_widths *c = ctx;
    return c->inner.covers(c->inner.ctx, face, cp);
}

text_widths *text_widths_new(const text_measurer *inner)
{
    text_widths *c = xcalloc(1, sizeof *c);
    c->inner = *inner;
    c->outer = (text_measurer){.ctx = c, .width = width, .metrics = metrics, .covers = covers};
    return c;
}

void text_widths_free(text_widths *c)
{
    if (!c)
        return;
    text_widths_forget(c);
    free(c);
}

const text_measurer *text_widths_measurer(text_widths *c) { return &c->outer; }
