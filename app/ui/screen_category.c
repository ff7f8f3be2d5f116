/* A category: the list of its pages. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

static void build(ui *u)
{
    char owner[PACK_OWNER_MAX];
    pack_owner(owner, sizeof owner, PACK_OWNER_CATEGORY, u->v.arg);
    const char *title = content_text(u->c, owner, "title", u->v.lang, &u->fa, NULL);
    chrome_top_bar(u, title ? title : u->v.arg, 1);
    content_item *items;
    int n = content_links(u->c, owner, u->v.lang, &u->fa, &items);
    int top = u->bar + u->pad;
    const char *help = content_help(u->c);
    if (help && !strcmp(u->v.arg, help)) { /* help: the way out for people in danger first */
        int h = u->bar, w = u->W - 2 * u->pad;
        chrome_urgent(u, ui_mx(u, u->pad, w), top, w, h);
        top += h + u->pad;
    }
    card_link_list(u, items, n, top, u->bot, u->v.scroll);
}

const ui_screen screen_category = {.name = "category", .build = build};
