/* "You said, we did": what people said and what was done about it, the proof that feedback
 * is read: each with its date and, where the pack names one, a link to the page it changed
 * ("See ..."). Scrolls when taller than the screen; a line at the bottom says when the texts
 * are machine-written. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

static void build(ui *u)
{
    chrome_top_bar(u, ui_tr(u, "You said, we did"), 1);
    content_item *ys;
    int n = content_yousaid(u->c, u->v.lang, &u->fa, &ys);
    const char *machine = NULL;
    for (int i = 0; i < n && !machine; i++)
        if (ys[i].machine)
            machine = ys[i].lang_shown ? ys[i].lang_shown : u->v.lang;
    int keep_bot = u->bot;
    u->bot -= machine ? chrome_machine_note_h(u, machine) : 0;
    int top = u->bar, y = top + u->pad - u->v.scroll, w = u->W - 2 * u->pad, iw = u->body * 5 / 2;
    display_clip(&u->dl, 0, top, u->W, u->bot - top);
    for (int i = 0; i < n; i++) {
        int tw = w - iw - 2 * u->gap;
        /* the date, kept left to right whatever the script around it */
        char date[80];
        snprintf(date, sizeof date, "\u2066%s\u2069", ys[i].id ? ys[i].id : "");
        int h0 = ys[i].id && *ys[i].id ? ui_text_height(u, date, tw, u->small, 0) : 0;
        int h1 = ui_text_height(u, ys[i].title, tw, u->body, 1);
        int h2 = ui_text_height(u, ys[i].text, tw, u->body, 0);
        const char *see_title = NULL;
        if (ys[i].see) {
            content_page pg;
            if (content_page_get(u->c, ys[i].see, u->v.lang, &u->fa, &pg) == 0)
                see_title = ui_fill_in(u, ui_tr(u, "See: {page}"), "{page}", pg.title);
        }
        int bh = see_title ? u->bar * 4 / 5 : 0;
        int h = h0 + h1 + h2 + 3 * u->gap + (bh ? bh + u->gap : 0);
        display_frame(&u->dl, ui_mx(u, u->pad, w), y, w, h, C_CARD, u->gap, 2, C_LINE);
        int ty = y + u->gap;
        int tx = ui_mx(u, u->pad + u->gap + iw, tw);
        char id[40];
        if (h0) {
            ui_para(u, date, tx, ty, tw, u->small, 0, TEXT_ALIGN_START, C_MUTED);
            snprintf(id, sizeof id, "date-%d", i);
            widget_in(u, id, UI_ROLE_TEXT, ys[i].id, tx, ty, tw, h0, top, u->bot, UI_ACT_NONE,
                      NULL, NULL);
            ty += h0;
        }
        ui_icon(u, ICON_FORUM, ui_mx(u, u->pad + u->gap, iw) + iw / 2, ty + h1 / 2, u->card_icon,
                C_PRIMARY);
        ui_icon(u, ICON_DONE, ui_mx(u, u->pad + u->gap, iw) + iw / 2, ty + u->gap + h1 + h2 / 2,
                u->card_icon, C_PRIMARY);
        ui_para(u, ys[i].title, tx, ty, tw, u->body, 1, TEXT_ALIGN_START, C_INK);
        ui_para(u, ys[i].text, tx, ty + u->gap + h1, tw, u->body, 0, TEXT_ALIGN_START, C_INK);
        snprintf(id, sizeof id, "said-%d", i);
        /* only what shows of them is on screen: the view is clipped below the bar */
        widget_in(u, id, UI_ROLE_TEXT, ys[i].title, tx, ty, tw, h1, top, u->bot, UI_ACT_NONE,
                  NULL, NULL);
        snprintf(id, sizeof id, "did-%d", i);
        widget_in(u, id, UI_ROLE_TEXT, ys[i].text, tx, ty + u->gap + h1, tw, h2, top, u->bot,
                  UI_ACT_NONE, NULL, NULL);
        if (see_title) {
            int by = ty + 2 * u->gap + h1 + h2;
            snprintf(id, sizeof id, "see-%d", i);
            /* only its visible part takes a touch: the view scrolls under the bar */
            if (by >= top && by + bh <= u->bot)
                widget_button(u, &(widget_btn){.id = id, .role = UI_ROLE_LINK, .label = see_title,
                                               .x = tx, .y = by, .w = tw, .h = bh, .fill = C_CARD,
                                               .ink = C_PRIMARY, .border = 2, .line = C_PRIMARY,
                                               .icon = u->v.rtl ? ICON_NEXT_RTL : ICON_NEXT_LTR,
                                               .icon_at = WIDGET_ICON_END, .px = u->small,
                                               .to = &screen_page, .arg = ys[i].see});
        }
        y += h + u->gap;
    }
    display_unclip(&u->dl);
    /* taller than the screen: it scrolls like a page */
    int total = y + u->v.scroll - top;
    u->max_scroll = total > u->bot - top ? total - (u->bot - top) : 0;
    chrome_scrollbar(u, top, u->bot - top, total);
    u->bot = keep_bot;
    if (machine)
        chrome_machine_note(u, machine);
}

const ui_screen screen_yousaid = {.name = "yousaid", .build = build};
