/* touch: fingers into one pointer (see touch.h). */
#include "touch.h"

#include <string.h>

int touch_finger(touch *t, long long finger, int type, int x, int y, ui_event *out)
{
    memset(out, 0, sizeof *out);
    out->x = x, out->y = y;
    switch (type) {
    case UI_EV_DOWN:
        if (t->fingers++ == 0) {
            t->pointer = finger;
            t->cancelled = 0;
            out->type = UI_EV_DOWN;
            return 1;
        }
        if (t->cancelled)
            return 0;
        t->cancelled = 1;
        out->type = UI_EV_CANCEL;
        return 1;
    case UI_EV_MOVE:
        if (!t->fingers || t->cancelled || finger != t->pointer)
            return 0;
        out->type = UI_EV_MOVE;
        return 1;
    case UI_EV_UP: {
        if (!t->fingers) /* an up without its down (the window got focus mid-touch) */
            return 0;
        int pass = !t->cancelled && finger == t->pointer;
        if (--t->fingers == 0)
            t->cancelled = 0;
        else if (pass) /* the pointer lifted first: the others are not the pointer */
            t->cancelled = 1;
        if (!pass)
            return 0;
        out->type = UI_EV_UP;
        return 1;
    }
    }
    return 0;
}
