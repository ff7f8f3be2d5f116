/* widget: the widget tree of the frame being built (what each box on the screen is, says
 * and does when tapped: what scripts tap and dump), and the one button builder. */
#include "ui/screen.h"

#include <string.h>

ui_widget *widget_add(ui *u, const char *id, int role, const char *label, int x, int y, int w,
                      int h, int action, const char *arg)
{
    if (u->nw == u->capw) {
        u->capw = u->capw ? u->capw * 2 : 64;
        u->w = xrealloc(u->w, (size_t)u->capw * sizeof *u->w);
    }
    ui_widget *wd = &u->w[u->nw++];
    wd->id = arena_strdup(&u->fa, id);
    wd->role = role;
    wd->label = arena_strdup(&u->fa, label ? label : "");
    wd->x = x, wd->y = y, wd->w = w, wd->h = h;
    wd->action = action;
    wd->arg = arg ? arena_strdup(&u->fa, arg) : NULL;
    wd->to = NULL;
    return wd;
}

ui_widget *widget_open(ui *u, const char *id, int role, const char *label, int x, int y, int w,
                       int h, const ui_screen *s, const char *arg)
{
    ui_widget *wd = widget_add(u, id, role, label, x, y, w, h, UI_ACT_OPEN, arg);
    wd->to = s;
    return wd;
}

/* A widget in a scrolled view between top and bottom: only its visible part takes a touch
 * (not the notes, not the footer), and a widget out of view is left out. */
void widget_in(ui *u, const char *id, int role, const char *label, int x, int y, int w, int h,
               int top, int bottom, int action, const char *arg, const ui_screen *to)
{
    int wy = y > top ? y : top, wb = y + h < bottom ? y + h : bottom;
    if (wb > wy)
        widget_add(u, id, role, label, x, wy, w, wb - wy, action, arg)->to = to;
}

ui_widget *widget_button(ui *u, const widget_btn *b)
{
    int x = b->x, y = b->y, w = b->w, h = b->h, g = u->gap;
    int px = b->px ? b->px : u->body;
    uint32_t icon_ink = b->icon_ink ? b->icon_ink : b->ink;
    display_frame(&u->dl, x, y, w, h, b->fill, b->radius ? b->radius : h / 5, b->border, b->line);
    if (!b->icon) {
        ui_para_mid(u, b->label, x, y, w, h, px, 1, TEXT_ALIGN_CENTER, u->v.rtl, b->ink);
    } else if (b->icon_at == WIDGET_ICON_ABOVE) { /* a tile: the pictogram near its word */
        int isz = h * 2 / 5 < u->big * 2 ? h * 2 / 5 : u->big * 2;
        ui_icon(u, b->icon, x + w / 2, y + g + isz / 2, isz, icon_ink);
        ui_para_mid(u, b->label, x + g / 2, y + g + isz, w - g, h - isz - g * 2, px, 1,
                    TEXT_ALIGN_CENTER, u->v.rtl, b->ink);
    } else { /* the pictogram at one side, the word in the rest, a gap from each */
        int isz = h * 3 / 5 < u->big * 2 ? h * 3 / 5 : u->big * 2, tw = w - 3 * g - isz;
        int start = b->icon_at == WIDGET_ICON_START;
        ui_icon(u, b->icon, ui_from_start(u, x, w, start ? g + isz / 2 : w - g - isz / 2),
                y + h / 2, isz, icon_ink);
        /* the word follows a pictogram at the start; one at the end ends a centred word */
        int tx = start == !u->v.rtl ? x + 2 * g + isz : x + g;
        ui_para_mid(u, b->label, tx, y, tw, h, px, 1, start ? TEXT_ALIGN_START : TEXT_ALIGN_CENTER,
                    u->v.rtl, b->ink);
    }
    ui_widget *wd = widget_add(u, b->id, b->role, b->label, x, y, w, h,
                               b->to ? UI_ACT_OPEN : b->action, b->arg);
    wd->to = b->to;
    return wd;
}
