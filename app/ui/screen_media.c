/* A USB stick: what the kiosk did with it, for the staff member holding it. Feedback written
 * to the stick (or why not), a newer content pack taken (or why one was refused, naming the
 * file they gave), and, last and large, that the stick can be removed now. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

enum { ACT_HOME = UI_ACT_SCREEN };

static int line(ui *u, const char *id, uint32_t ic, uint32_t ink, const char *text, int y)
{
    int iw = u->big, w = u->W - 2 * u->pad - iw - u->gap;
    int h = para(u, text, ui_mx(u, u->pad + iw + u->gap, w), y, w, u->body, 0, TEXT_ALIGN_START,
                 C_INK);
    icon(u, ic, ui_mx(u, u->pad, iw) + iw / 2, y + u->body * 2 / 3, u->big * 4 / 5, ink);
    widget(u, id, UI_ROLE_TEXT, text, ui_mx(u, u->pad + iw + u->gap, w), y, w, h, UI_ACT_NONE,
           NULL);
    return h + u->gap;
}

static void build(ui *u)
{
    top_bar(u, ui_tr(u, "USB stick"), 0);
    int y = u->bar + u->pad;
    const ui_media_report *r = &u->media;
    if (u->media_busy) {
        line(u, "media-busy", ICON_ROUTE, C_PRIMARY, ui_tr(u, "Working. Do not remove the stick."),
             y);
        return;
    }
    const char *export, *pack = NULL;
    char n[32];
    snprintf(n, sizeof n, "%ld", r->answers);
    if (r->export_failed)
        export = ui_fill_in(u, ui_tr(u, "Feedback could not be written to the stick: {reason}"),
                            "{reason}", r->why_export);
    else if (r->answers > 0)
        export = ui_fill_in(u, ui_tr(u, "Feedback written to the stick: {n} answers."), "{n}", n);
    else
        export = ui_tr(u, "No new feedback to write.");
    y += line(u, "media-export", r->export_failed ? ICON_INFO : ICON_DONE,
              r->export_failed ? C_NOTE_INK : C_PRIMARY, export, y);
    if (r->pack_taken)
        pack = ui_fill_in(u, ui_tr(u, "New content taken: version {version}."), "{version}",
                          r->version);
    else if (r->pack_refused)
        pack = ui_fill_in(u, ui_tr(u, "Content not taken: {reason}"), "{reason}", r->why_pack);
    if (pack)
        y += line(u, "media-pack", r->pack_taken ? ICON_DONE : ICON_INFO,
                  r->pack_taken ? C_PRIMARY : C_NOTE_INK, pack, y);
    y += u->pad;
    const char *done = ui_tr(u, "You can remove the stick now.");
    int w = u->W - 2 * u->pad;
    int h = para(u, done, ui_mx(u, u->pad, w), y, w, u->big, 1, TEXT_ALIGN_START, C_PRIMARY);
    widget(u, "media-done", UI_ROLE_HEADING, done, ui_mx(u, u->pad, w), y, w, h, UI_ACT_NONE, NULL);
    const char *home = ui_tr(u, "Home");
    int bw = u->bar * 4, bh = u->bar, bx = ui_mx(u, u->W - u->pad - bw, bw), by = u->bot - u->pad - bh;
    display_frame(&u->dl, bx, by, bw, bh, C_PRIMARY, bh / 5, 0, 0);
    para_mid(u, home, bx, by, bw, bh, u->body, 1, TEXT_ALIGN_CENTER, u->v.rtl, C_ON_PRIMARY);
    widget(u, "home", UI_ROLE_BUTTON, home, bx, by, bw, bh, ACT_HOME, NULL);
}

static void act(ui *u, const ui_widget *w)
{
    if (w->action == ACT_HOME)
        ui_go(u, u->v.lang[0] ? &screen_home : &screen_attract, NULL, 0);
}

const ui_screen screen_media = {.name = "media", .build = build, .act = act};
