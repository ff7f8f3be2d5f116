/* display: what the app asks the platform to draw. A screen is a list of items in paint
 * order; text items are runs already laid out by `text` (one direction, one script, one
 * face each), so the platform shapes and rasterises them without any layout of its own and
 * can cache each run as a texture keyed by its content. */
#ifndef SV_DISPLAY_H
#define SV_DISPLAY_H

#include <stddef.h>
#include <stdint.h>

enum display_kind {
    DISPLAY_RECT,   /* filled rectangle, optional rounded corners and outline */
    DISPLAY_TEXT,   /* one shaped run: draw its first glyph's baseline at (x, y) */
    DISPLAY_CLIP,   /* clip the following items to the rectangle */
    DISPLAY_UNCLIP  /* end of the clipped part */
};

typedef struct display_item {
    uint8_t kind;
    uint8_t face, rtl;
    uint8_t flip;        /* text: drawn mirrored left to right (a pictogram that points) */
    char script[5];
    int16_t px;          /* text size */
    int16_t radius;      /* rectangles: corner radius */
    int16_t border;      /* rectangles: outline width, 0 for none */
    int x, y, w, h;      /* rectangle, or the text run's left edge, baseline and advance */
    uint32_t color;      /* 0xRRGGBBAA */
    uint32_t border_color;
    uint32_t text;       /* text: offset into the list's string pool */
    uint32_t text_len;
} display_item;

typedef struct display_list {
    display_item *items;
    size_t n, cap;
    char *pool;          /* bytes of every text run */
    size_t pool_len, pool_cap;
    int w, h;
    uint32_t background;
    unsigned generation; /* changes whenever the list changes, so an unchanged one is not redrawn */
} display_list;

void display_init(display_list *d);
void display_free(display_list *d);
void display_clear(display_list *d, int w, int h, uint32_t background);
void display_rect(display_list *d, int x, int y, int w, int h, uint32_t color, int radius);
void display_frame(display_list *d, int x, int y, int w, int h, uint32_t fill, int radius,
              int border, uint32_t border_color);
void display_text(display_list *d, int x, int baseline, int w, int face, int px, int rtl,
             const char *script, uint32_t color, const char *s, size_t len);
/* Mirrors the last item drawn (a directional pictogram in a right-to-left language). */
void display_flip_last(display_list *d);
void display_clip(display_list *d, int x, int y, int w, int h);
void display_unclip(display_list *d);
static inline const char *display_text_of(const display_list *d, const display_item *it)
{
    return d->pool + it->text;
}

#endif
