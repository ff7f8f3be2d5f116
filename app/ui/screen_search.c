/* Search: an input line, the results, and the on-screen keyboard of the person's language. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

static void build(ui *u)
{
    u->v.field = UI_FIELD_QUERY;
    top_bar(u, ui_tr(u, "Search"), 1);
    int y = u->bar + u->pad / 2;
    int ih = u->body * 2;
    int w = u->W - 2 * u->pad;
    display_frame(&u->dl, u->pad, y, w, ih, C_CARD, ih / 6, 3, C_PRIMARY);
    const char *shown = u->v.query[0] ? u->v.query : ui_tr(u, "Type a word to search");
    para_mid(u, shown, u->pad + u->gap, y, w - 2 * u->gap, ih, u->body, 0, TEXT_ALIGN_START, u->v.rtl,
             u->v.query[0] ? C_INK : C_MUTED);
    widget(u, "query", UI_ROLE_INPUT, shown, u->pad, y, w, ih, UI_ACT_NONE, NULL);
    y += ih + u->gap;

    int kb_top = keyboard_top(u);
    /* results between the input and the keyboard (drawn first: the keyboard's pop-up
     * of vowel forms lies over them) */
    if (u->v.query[0]) {
        content_item *items;
        int n = content_search(u->c, u->v.lang, u->v.query, 20, &u->fa, &items);
        if (n == 0) {
            const char *none = ui_tr(u, "No pages found");
            int h = para(u, none, ui_mx(u, u->pad, w), y, w, u->body, 0, TEXT_ALIGN_START, C_MUTED);
            widget(u, "no-results", UI_ROLE_TEXT, none, u->pad, y, w, h, UI_ACT_NONE, NULL);
        } else {
            link_list(u, items, n, y, kb_top - u->gap, u->v.scroll); /* drag to see more */
        }
    }
    keyboard(u);
}

static void text(ui *u, const char *t)
{
    u->v.field = UI_FIELD_QUERY; /* typing may come before the screen is drawn */
    keyboard_type(u, t);
}

static int key(ui *u, const char *name)
{
    if (strcmp(name, "backspace"))
        return 0;
    u->v.field = UI_FIELD_QUERY;
    keyboard_type(u, "\b");
    return 1;
}

const ui_screen screen_search = {.name = "search", .build = build, .key = key, .text = text};
