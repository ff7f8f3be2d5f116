#include "ui/display.h"
#include "core/buf.h"

#include <string.h>

void display_init(display_list *d) { memset(d, 0, sizeof *d); }

void display_free(display_list *d)
{
    free(d->items);
    free(d->pool);
    display_init(d);
}

void display_clear(display_list *d, int w, int h, uint32_t background)
{
    d->n = 0;
    d->pool_len = 0;
    d->w = w, d->h = h;
    d->background = background;
    d->generation++;
}

static display_item *push(display_list *d, int kind)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->items = xrealloc(d->items, d->cap * sizeof *d->items);
    }
    display_item *it = &d->items[d->n++];
    memset(it, 0, sizeof *it);
    it->kind = (uint8_t)kind;
    return it;
}

void display_rect(display_list *d, int x, int y, int w, int h, uint32_t color, int radius)
{
    display_frame(d, x, y, w, h, color, radius, 0, 0);
}

void display_frame(display_list *d, int x, int y, int w, int h, uint32_t fill, int radius,
              int border, uint32_t border_color)
{
    display_item *it = push(d, DISPLAY_RECT);
    it->x = x, it->y = y, it->w = w, it->h = h;
    it->color = fill;
    it->radius = (int16_t)radius;
    it->border = (int16_t)border;
    it->border_color = border_color;
}

void display_text(display_list *d, int x, int baseline, int w, int face, int px, int rtl,
             const char *script, uint32_t color, const char *s, size_t len)
{
    if (d->pool_len + len + 1 > d->pool_cap) {
        size_t cap = d->pool_cap ? d->pool_cap : 1024;
        while (cap < d->pool_len + len + 1)
            cap *= 2;
        d->pool = xrealloc(d->pool, cap);
        d->pool_cap = cap;
    }
    display_item *it = push(d, DISPLAY_TEXT);
    it->x = x, it->y = baseline, it->w = w;
    it->face = (uint8_t)face;
    it->px = (int16_t)px;
    it->rtl = (uint8_t)rtl;
    memcpy(it->script, script, 5);
    it->color = color;
    it->text = (uint32_t)d->pool_len;
    it->text_len = (uint32_t)len;
    memcpy(d->pool + d->pool_len, s, len);
    d->pool[d->pool_len + len] = 0;
    d->pool_len += len + 1;
}

void display_clip(display_list *d, int x, int y, int w, int h)
{
    display_item *it = push(d, DISPLAY_CLIP);
    it->x = x, it->y = y, it->w = w, it->h = h;
}

void display_unclip(display_list *d) { push(d, DISPLAY_UNCLIP); }

void display_flip_last(display_list *d)
{
    if (d->n)
        d->items[d->n - 1].flip = 1;
}
