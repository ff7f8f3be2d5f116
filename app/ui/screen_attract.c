/* The start screen: the name, a hand touching, and the invitation in every language of the
 * pack, each in its own direction. The whole screen is the start button. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

static void build(ui *u)
{
    int cx = u->W / 2;
    int y = u->H / 10;
    int th = ui_para_dir(u, "Sveiki", 0, y, u->W, u->big * 2, 1, TEXT_ALIGN_CENTER, 0, C_PRIMARY);
    widget_add(u, "brand", UI_ROLE_HEADING, "Sveiki", 0, y, u->W, th, UI_ACT_NONE, NULL);
    y += th + u->gap;
    ui_icon(u, ICON_TOUCH, cx, y + u->big, u->big * 2, C_PRIMARY);
    y += u->big * 2 + u->pad;
    /* the invitation in every language of the pack, each in its own direction */
    int n = ui_nlangs(u);
    int line = (u->H - chrome_help_room(u) - y - u->pad) / (n ? n : 1);
    int px = line * 10 / 17;
    if (px > u->body)
        px = u->body;
    if (px < 14)
        px = 14;
    for (int i = 0; i < n; i++) {
        const content_lang *l = ui_lang_at(u, i);
        const char *s = content_ui(u->c, l->code, "Touch the screen to start", &u->fa);
        int h = ui_para_dir(u, s, u->pad, y, u->W - 2 * u->pad, px, 0, TEXT_ALIGN_CENTER, l->rtl,
                            C_INK /* every language alike */);
        widget_add(u, l->code, UI_ROLE_TEXT, s, u->pad, y, u->W - 2 * u->pad, h, UI_ACT_NONE, NULL);
        y += line;
    }
    /* the whole screen is the start button */
    widget_add(u, "start", UI_ROLE_BUTTON, "Touch the screen to start", 0, 0, u->W, u->H,
               UI_ACT_START, NULL);
    chrome_help_corner(u); /* over the start button: help is one touch away here too */
}

static int key(ui *u, const char *name)
{
    if (strcmp(name, "enter") && strcmp(name, "space"))
        return 0;
    ui_go(u, &screen_languages, NULL, 0);
    return 1;
}

const ui_screen screen_attract = {.name = "attract", .build = build, .key = key};
