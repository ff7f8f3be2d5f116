/* One stage of the journey: what it means, and the pages that matter at that stage. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

static void build(ui *u)
{
    char owner[PACK_OWNER_MAX];
    pack_owner(owner, sizeof owner, PACK_OWNER_STAGE, u->v.arg);
    const char *title = content_text(u->c, owner, "title", u->v.lang, &u->fa, NULL);
    const char *shown = NULL;
    const char *text = content_text(u->c, owner, "text", u->v.lang, &u->fa, &shown);
    const char *machine = text && content_machine(u->c, owner, shown) ? shown : NULL;
    int keep_bot = u->bot;
    u->bot -= machine ? chrome_machine_note_h(u, machine) : 0;
    chrome_top_bar(u, title ? title : u->v.arg, 1);
    int y = u->bar + u->pad;
    if (text) {
        int w = u->W - 2 * u->pad;
        int h = ui_para(u, text, ui_mx(u, u->pad, w), y, w, u->body, 0, TEXT_ALIGN_START, C_INK);
        widget_add(u, "stage-text", UI_ROLE_TEXT, text, ui_mx(u, u->pad, w), y, w, h, UI_ACT_NONE,
                   NULL);
        y += h + u->pad;
    }
    content_item *items;
    int n = content_links(u->c, owner, u->v.lang, &u->fa, &items);
    card_link_list(u, items, n, y, u->bot, u->v.scroll);
    u->bot = keep_bot;
    if (machine)
        chrome_machine_note(u, machine);
}


const ui_screen screen_stage = {.name = "stage", .build = build};
