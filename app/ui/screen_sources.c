/* Where this comes from: the documents a page's facts come from (its `sources:` header, with
 * the titles, publishers and dates of the pack's sources.txt), and a line for facts from
 * common knowledge, traced to no document. Opened from the page's footer; arg is the page. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

static void build(ui *u)
{
    chrome_top_bar(u, ui_tr(u, "Where this comes from"), 1);
    content_page pg;
    content_source *src = NULL;
    int n = 0;
    if (content_page_get(u->c, u->v.arg, u->v.lang, &u->fa, &pg) == 0)
        n = content_sources(u->c, pg.sources, u->v.lang, &u->fa, &src);
    int top = u->bar, y = top + u->pad - u->v.scroll, w = u->W - 2 * u->pad;
    display_clip(&u->dl, 0, top, u->W, u->bot - top);
    for (int i = 0; i < n; i++) {
        const char *title = src[i].common ? ui_tr(u, "Common knowledge: not traced to a document.")
                                          : src[i].title;
        int tw = w - 2 * u->gap;
        int h1 = ui_text_height(u, title, tw, u->body, !src[i].common);
        int h2 = src[i].detail ? ui_text_height(u, src[i].detail, tw, u->small, 0) : 0;
        int h3 = src[i].where ? ui_text_height(u, src[i].where, tw, u->small, 0) : 0;
        int h = h1 + h2 + h3 + 2 * u->gap;
        display_frame(&u->dl, ui_mx(u, u->pad, w), y, w, h, C_CARD, u->gap, 2, C_LINE);
        int tx = ui_mx(u, u->pad + u->gap, tw), ty = y + u->gap;
        ui_para(u, title, tx, ty, tw, u->body, !src[i].common, TEXT_ALIGN_START, C_INK);
        char id[40];
        snprintf(id, sizeof id, "source-%d", i);
        widget_in(u, id, UI_ROLE_TEXT, title, tx, ty, tw, h1, top, u->bot, UI_ACT_NONE, NULL,
                  NULL);
        ty += h1;
        if (src[i].detail) {
            ui_para(u, src[i].detail, tx, ty, tw, u->small, 0, TEXT_ALIGN_START, C_MUTED);
            snprintf(id, sizeof id, "source-%d-by", i);
            widget_in(u, id, UI_ROLE_TEXT, src[i].detail, tx, ty, tw, h2, top, u->bot,
                      UI_ACT_NONE, NULL, NULL);
            ty += h2;
        }
        if (src[i].where) {
            ui_para(u, src[i].where, tx, ty, tw, u->small, 0, TEXT_ALIGN_START, C_MUTED);
            snprintf(id, sizeof id, "source-%d-where", i);
            widget_in(u, id, UI_ROLE_TEXT, src[i].where, tx, ty, tw, h3, top, u->bot,
                      UI_ACT_NONE, NULL, NULL);
        }
        y += h + u->gap;
    }
    display_unclip(&u->dl);
    int total = y + u->v.scroll - top;
    u->max_scroll = total > u->bot - top ? total - (u->bot - top) : 0;
    chrome_scrollbar(u, top, u->bot - top, total);
}

const ui_screen screen_sources = {.name = "sources", .build = build};
