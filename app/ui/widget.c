/* widget: the widget tree of the frame being built: what each box on the screen is, says
 * and does when tapped (what scripts tap and dump). */
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
