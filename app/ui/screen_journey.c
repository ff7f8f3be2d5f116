/* The journey from arrival to independence: its stages on a line, each opening the pages
 * that matter then (screen_stage). */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

static void build(ui *u)
{
    chrome_top_bar(u, ui_tr(u, "Your journey"), 1);
    content_item *st;
    int n = content_stages(u->c, u->v.lang, &u->fa, &st);
    /* stage names no person reviewed: one line at the bottom says so */
    const char *machine = NULL;
    for (int i = 0; i < n && !machine; i++)
        if (st[i].machine)
            machine = st[i].lang_shown ? st[i].lang_shown : u->v.lang;
    int keep_bot = u->bot;
    u->bot -= machine ? chrome_machine_note_h(u, machine) : 0;
    int y = u->bar + u->pad;
    int h = (u->bot - y - u->pad - (n - 1) * u->gap) / (n ? n : 1);
    if (h > u->body * 3)
        h = u->body * 3;
    int r = u->big * 3 / 4 + 4;    /* the disc each stage's pictogram sits on */
    int lx = u->pad + r;             /* the line that joins the stages, behind the discs */
    display_rect(&u->dl, ui_mx(u, lx - 2, 4), y + h / 2, 4, (n - 1) * (h + u->gap), C_PRIMARY, 0);
    int isz = u->row_icon;
    for (int i = 0; i < n; i++) {
        int by = y + i * (h + u->gap);
        display_frame(&u->dl, ui_mx(u, lx - r, 2 * r), by + h / 2 - r, 2 * r, 2 * r, C_CARD, r, 3,
                 C_PRIMARY);
        ui_icon(u, st[i].icon, ui_mx(u, lx - r, 2 * r) + r, by + h / 2, u->big, C_PRIMARY);
        int x = lx + r + u->gap, w = u->W - x - u->pad;
        display_frame(&u->dl, ui_mx(u, x, w), by, w, h, C_CARD, h / 6, 2, C_LINE);
        ui_icon(u, u->v.rtl ? ICON_NEXT_RTL : ICON_NEXT_LTR, ui_mx(u, x + w - isz, isz) + isz / 2,
                by + h / 2, isz, C_PRIMARY);
        int tw = w - 3 * u->gap - isz;
        ui_para_mid(u, st[i].title, ui_mx(u, x + u->gap, tw), by, tw, h, u->body, 1,
                    TEXT_ALIGN_START, u->v.rtl, C_INK);
        char id[100];
        snprintf(id, sizeof id, "stage-%s", st[i].id);
        widget_open(u, id, UI_ROLE_LINK, st[i].title, ui_mx(u, x, w), by, w, h, &screen_stage,
                    st[i].id);
    }
    u->bot = keep_bot;
    if (machine)
        chrome_machine_note(u, machine);
}

const ui_screen screen_journey = {.name = "journey", .build = build};
