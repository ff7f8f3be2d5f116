/* platform: what a backend provides to the app, in one table (raylib's idea: one function
 * list per backend), and nothing the app does not call through it: measure, draw, shot,
 * forget, and read aloud (speak, stop, speaking, has_voice). The SDL backend
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
#include "speech/speech.h"
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
    /* reads a job aloud (app/speech/speech.h), replacing whatever it was reading; returns at
     * once: the sound is made on a thread of the backend's, never on the caller's. The
     * backend owns the job (speech_job_free). NULL: this backend does not speak. */
    void (*speak)(void *ctx, speech_job *job);
    /* silence now: what was being read stops within one audio buffer */
    void (*stop)(void *ctx);
    /* what is being read: the id of the last job asked for and the part whose sound is
     * being played (0 the first); part -1 once that job is over (read whole, stopped, or it
     * could not be read) and the audio device is let go */
    void (*speaking)(void *ctx, unsigned *id, int *part);
    /* whether the backend can synthesize lang (a voice for it): 1, 0, or -1 when it does
     * not know yet (its synthesizer is still starting: asked again later); asked before the
     * first speak in lang, the first time a screen could offer read aloud in it (the
     * backend may start its synthesizer then) */
    int (*has_voice)(void *ctx, const char *lang);
} platform;

#endif
