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
    card_link_list(u, items, n, u->bar + u->pad, u->bot, u->v.scroll);
}

const ui_screen screen_category = {.name = "category", .build = build};
