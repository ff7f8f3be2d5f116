/* "You said, we did": what people said and what was done about it, the proof that feedback
 * is read. Scrolls when taller than the screen. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

/* What people said and what was done about it: the proof that feedback is read. */
static void build(ui *u)
{
    chrome_top_bar(u, ui_tr(u, "You said, we did"), 1);
    content_item *ys;
    int n = content_yousaid(u->c, u->v.lang, &u->fa, &ys);
    int top = u->bar, y = top + u->pad - u->v.scroll, w = u->W - 2 * u->pad, iw = u->body * 5 / 2;
    display_clip(&u->dl, 0, top, u->W, u->bot - top);
    for (int i = 0; i < n; i++) {
        int tw = w - iw - 2 * u->gap;
        int h1 = ui_text_height(u, ys[i].title, tw, u->body, 1);
        int h2 = ui_text_height(u, ys[i].text, tw, u->body, 0);
        int h = h1 + h2 + 3 * u->gap;
        display_frame(&u->dl, ui_mx(u, u->pad, w), y, w, h, C_CARD, u->gap, 2, C_LINE);
        ui_icon(u, ICON_FORUM, ui_mx(u, u->pad + u->gap, iw) + iw / 2, y + u->gap + h1 / 2,
                u->card_icon, C_PRIMARY);
        ui_icon(u, ICON_DONE, ui_mx(u, u->pad + u->gap, iw) + iw / 2, y + 2 * u->gap + h1 + h2 / 2,
                u->card_icon, C_PRIMARY);
        int tx = ui_mx(u, u->pad + u->gap + iw, tw);
        ui_para(u, ys[i].title, tx, y + u->gap, tw, u->body, 1, TEXT_ALIGN_START, C_INK);
        ui_para(u, ys[i].text, tx, y + 2 * u->gap + h1, tw, u->body, 0, TEXT_ALIGN_START, C_INK);
        char id[40];
        snprintf(id, sizeof id, "said-%d", i);
        /* only what shows of them is on screen: the view is clipped below the bar */
        widget_in(u, id, UI_ROLE_TEXT, ys[i].title, tx, y + u->gap, tw, h1, top, u->bot,
                  UI_ACT_NONE, NULL, NULL);
        snprintf(id, sizeof id, "did-%d", i);
        widget_in(u, id, UI_ROLE_TEXT, ys[i].text, tx, y + 2 * u->gap + h1, tw, h2, top, u->bot,
                  UI_ACT_NONE, NULL, NULL);
        y += h + u->gap;
    }
    display_unclip(&u->dl);
    /* taller than the screen: it scrolls like a page */
    int total = y + u->v.scroll - top;
    u->max_scroll = total > u->bot - top ? total - (u->bot - top) : 0;
    chrome_scrollbar(u, top, u->bot - top, total);
}


const ui_screen screen_yousaid = {.name = "yousaid", .build = build};
