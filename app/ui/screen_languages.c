/* Choose your language: each named in its own script, large, in two columns (no flags). */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>


static void build(ui *u)
{
    int y = u->pad;
    ui_icon(u, ICON_LANGUAGE, u->W / 2, y + u->big, u->big * 2, C_PRIMARY);
    widget_add(u, "choose", UI_ROLE_HEADING, "Choose your language", u->W / 2 - u->big, y,
               u->big * 2, u->big * 2, UI_ACT_NONE, NULL);
    y += u->big * 2 + u->pad;
    int n = ui_nlangs(u), bottom = u->H - chrome_help_room(u);
    int cols = 2;
    int rows = (n + cols - 1) / cols;
    int bh = (bottom - y - u->pad - (rows - 1) * u->gap) / (rows ? rows : 1);
    if (bh > u->body * 4)
        bh = u->body * 4;
    int bw = (u->W - 2 * u->pad - (cols - 1) * u->pad) / cols;
    y += (bottom - y - u->pad - rows * bh - (rows - 1) * u->gap) / 2; /* centre the grid */
    for (int i = 0; i < n; i++) {
        const content_lang *l = ui_lang_at(u, i);
        int r = i / cols, c = i % cols;
        int x = u->pad + c * (bw + u->pad), by = y + r * (bh + u->gap);
        display_frame(&u->dl, x, by, bw, bh, C_CARD, bh / 6, 2, C_LINE);
        int px = u->big; /* the one word a person must recognise: large */
        ui_para_mid(u, l->name, x + u->gap, by, bw - 2 * u->gap, bh, px, 1, TEXT_ALIGN_CENTER,
                    l->rtl, C_INK);
        char id[32];
        snprintf(id, sizeof id, "lang-%s", l->code);
        widget_add(u, id, UI_ROLE_BUTTON, l->name, x, by, bw, bh, UI_ACT_LANG, l->code);
    }
    chrome_back_corner(u); /* to the start screen */
    chrome_help_corner(u);
}

/* Back: home in the language chosen before (the globe on home led here), else the start
 * screen (the core forgets the visit). */
static int back(ui *u)
{
    if (!u->v.lang[0])
        return 0;
    ui_home(u);
    return 1;
}

const ui_screen screen_languages = {.name = "languages", .build = build, .back = back};
