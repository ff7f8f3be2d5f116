/* touch: a touch screen's fingers made into the one pointer the screens know. The first
 * finger down is the pointer; a second touch point while it is down (a palm, two fingers,
 * a child's whole hand) cancels it (UI_EV_CANCEL: no tap, no drag), and nothing more is
 * passed on until every finger is up. The SDL backend and the scripts (press, move,
 * release with a finger number) both go through it. */
#ifndef SV_TOUCH_H
#define SV_TOUCH_H

#include "ui/ui.h"

typedef struct touch {
    int fingers;        /* fingers down now */
    long long pointer;  /* the finger that is the pointer, while fingers > 0 */
    int cancelled;      /* a second finger came down: nothing passes until all are up */
} touch;

/* One finger's event (type UI_EV_DOWN, UI_EV_MOVE or UI_EV_UP) at (x, y): 1 with the event
 * to pass on in out, 0 when there is none. */
int touch_finger(touch *t, long long finger, int type, int x, int y, ui_event *out);

#endif
