/* widget_text: text and pictograms in the frame, laid out through the ui's measurer in the
 * person's direction (or one given) and drawn into the display list. */
#include "core/utf8.h"
#include "ui/screen.h"

#include <string.h>

/* Lays s out in u->tp for a box w wide; returns its height. Nothing else may lay out text
 * before draw_laid draws it. */
int ui_lay(ui *u, const char *s, int w, int px, int bold, int align, int rtl)
{
    text_style st = {.px = px, .bold = bold, .rtl = rtl, .align = align};
    text_layout(u->m, s, strlen(s), &st, w, &u->tp);
    return u->tp.h;
}

/* Draws a laid-out paragraph of s with its box's top-left corner at (x, y). */
void ui_draw_para(ui *u, const text_para *p, const char *s, int x, int y, int px, uint32_t color)
{
    for (int k = 0; k < p->nruns; k++) {
        const text_run *r = &p->runs[k];
        display_text(&u->dl, x + r->x, y + r->baseline, r->w, r->face, px, r->rtl, r->script, color,
                s + r->off, r->len);
        if (r->hyphen_w) /* a word broken between letters goes on on the next line */
            display_text(&u->dl, x + r->x + r->w, y + r->baseline, r->hyphen_w, r->face, px, 0,
                         r->script, color, TEXT_HYPHEN, strlen(TEXT_HYPHEN));
    }
}

/* Draws what ui_lay() laid out. */
void ui_draw_laid(ui *u, const char *s, int x, int y, int px, uint32_t color)
{
    ui_draw_para(u, &u->tp, s, x, y, px, color);
}

/* Lays out s in the box (x, y, w) in direction rtl and draws it; returns its height. */
int ui_para_dir(ui *u, const char *s, int x, int y, int w, int px, int bold, int align, int rtl,
                uint32_t color)
{
    int h = ui_lay(u, s, w, px, bold, align, rtl);
    ui_draw_laid(u, s, x, y, px, color);
    return h;
}

int ui_para(ui *u, const char *s, int x, int y, int w, int px, int bold, int align, uint32_t color)
{
    return ui_para_dir(u, s, x, y, w, px, bold, align, u->v.rtl, color);
}

/* The width s takes on one line. */
int ui_text_width(ui *u, const char *s, int px, int bold)
{
    text_style st = {.px = px, .bold = bold, .rtl = u->v.rtl};
    text_layout(u->m, s, strlen(s), &st, 0, &u->tp);
    return u->tp.w;
}

/* The height s would take, where it is drawn later, after other text. */
int ui_text_height(ui *u, const char *s, int w, int px, int bold)
{
    return ui_lay(u, s, w, px, bold, TEXT_ALIGN_START, u->v.rtl);
}

/* Lays s out once and draws it centred in the height of the box (x, y, w, h). */
void ui_para_mid(ui *u, const char *s, int x, int y, int w, int h, int px, int bold, int align,
                 int rtl, uint32_t color)
{
    int th = ui_lay(u, s, w, px, bold, align, rtl);
    if (th > h || u->tp.w > w || u->tp.forced) /* out of its box: a layout that did not reflow */
        u->clipped++;
    ui_draw_laid(u, s, x, y + (h - th) / 2, px, color);
}

/* An icon centred on (cx, cy). */
void ui_icon(ui *u, uint32_t cp, int cx, int cy, int px, uint32_t color)
{
    char s[5];
    int n = utf8_encode(cp, s);
    s[n] = 0;
    int w = u->m->width(u->m->ctx, TEXT_FACE_ICONS, px, 0, "Zyyy", s, (size_t)n);
    int asc, desc;
    u->m->metrics(u->m->ctx, TEXT_FACE_ICONS, px, &asc, &desc);
    display_text(&u->dl, cx - w / 2, cy + (asc - desc) / 2, w, TEXT_FACE_ICONS, px, 0, "Zyyy",
                 color, s, (size_t)n);
}
