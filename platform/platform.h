/* platform: what a backend provides, in one table (raylib's idea: one function list per
 * backend). The SDL backend (platform/sdl/) fills it in; tests and a future kmsdrm or SDL3
 * backend fill in their own. Nothing here includes SDL: the script driver (app/script) and
 * the app use a backend only through this table.
 *
 * Data flows one way: the app answers events with a display list and requests; the backend
 * draws the list and carries out the requests (platform_serve). Nothing in a backend writes
 * app state. */
#ifndef SV_PLATFORM_H
#define SV_PLATFORM_H

#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"
#include "ui/display.h"
#include "ui/ui.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct platform {
    void *ctx;
    /* measures text for the app's layout */
    const text_measurer *measurer;
    /* milliseconds on a monotonic clock */
    uint64_t (*now)(void *ctx);
    /* draws a display list and shows it */
    void (*draw)(void *ctx, const display_list *d);
    /* the display list as drawn, encoded as PNG into out */
    int (*shot)(void *ctx, const display_list *d, buf *out, err *e);
    /* reads text aloud in lang; an error when the backend cannot (then the app shows text
     * only) */
    int (*speak)(void *ctx, const char *lang, const char *text, err *e);
    void (*stop)(void *ctx);
    /* drops every cache that may hold a forgotten person's text (shaped runs, widths) */
    void (*forget)(void *ctx);
    /* a stick at path: export feedback to it, take a newer signed pack from it, and tell the
     * app with ui_media_done (NULL: the backend has no sticks) */
    void (*sync)(void *ctx, ui *u, const char *path);
} platform;

/* Carries out what the app asked for since the last call. Speech that cannot be done is
 * logged once per request on standard error and otherwise ignored: a kiosk goes on. */
static inline void platform_serve(const platform *p, ui *u)
{
    ui_request r;
    while (ui_take_request(u, &r)) {
        err e;
        switch (r.kind) {
        case UI_REQ_FORGET:
            if (p->forget)
                p->forget(p->ctx);
            break;
        case UI_REQ_SPEAK:
            if (!p->speak || p->speak(p->ctx, r.lang, r.text ? r.text : "", &e))
                fprintf(stderr, "sveiki: cannot read aloud: %s\n",
                        p->speak ? e.msg : "this backend has no speech");
            break;
        case UI_REQ_STOP:
            if (p->stop)
                p->stop(p->ctx);
            break;
        case UI_REQ_LOG:
            fprintf(stderr, "%s\n", r.text ? r.text : "");
            break;
        case UI_REQ_SYNC: {
            ui_media_report none = {.export_failed = 1};
            snprintf(none.why_export, sizeof none.why_export, "this kiosk cannot use sticks");
            if (p->sync)
                p->sync(p->ctx, u, r.text ? r.text : "");
            else
                ui_media_done(u, &none);
            break;
        }
        }
        free(r.text);
    }
}

#endif
