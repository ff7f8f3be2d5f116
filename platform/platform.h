/* platform: what a backend provides to the app, in one table (raylib's idea: one function
 * list per backend), and nothing the app does not call through it. The SDL backend
 * (platform/sdl/) fills it in; tests fill in a fake (tests/unit/fake_platform.h); a kmsdrm or
 * SDL3 backend would fill in its own. Nothing here includes SDL.
 *
 * Data flows one way: the backend reports what happened (app/kiosk.h: kiosk_event,
 * kiosk_tick) and the app asks for what it needs through this table. Nothing in a backend
 * writes app state or decides a rule. */
#ifndef SV_PLATFORM_H
#define SV_PLATFORM_H

#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"
#include "ui/display.h"

typedef struct platform {
    void *ctx;
    /* measures text for the app's layout */
    const text_measurer *measurer;
    /* draws a display list and shows it now (the kiosk draws the stick's "working" screen
     * before the writes that keep it waiting) */
    void (*draw)(void *ctx, const display_list *d);
    /* the display list as drawn, encoded as PNG into out (script `shot`) */
    int (*shot)(void *ctx, const display_list *d, buf *out, err *e);
    /* drops every cache that may hold a forgotten person's text (shaped runs, widths) */
    void (*forget)(void *ctx);
} platform;

#endif
