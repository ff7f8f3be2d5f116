/* A platform for in-process tests: the fake measurer (fake_measurer.h), draws counted with
 * the generation of the last list drawn, forgets counted, and a "screenshot" that is the
 * display list's text runs, one a line (not a PNG: what a test can read and compare), so
 * scripts run in-process under the sanitizers through the same seam as the SDL backend.
 * Include after cmocka.h. */
#ifndef FAKE_PLATFORM_H
#define FAKE_PLATFORM_H

#include "fake_measurer.h"
#include "platform.h"

#include <stdio.h>

typedef struct fake_screen {
    int draws, forgets, shots;
    unsigned drawn_generation;
} fake_screen;

static fake_screen fake_seen;

static void fake_draw(void *ctx, const display_list *d)
{
    (void)ctx;
    fake_seen.draws++;
    fake_seen.drawn_generation = d->generation;
}

static int fake_shot(void *ctx, const display_list *d, buf *out, err *e)
{
    (void)e;
    fake_draw(ctx, d);
    fake_seen.shots++;
    buf_printf(out, "fake shot %dx%d\n", d->w, d->h);
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].kind == DISPLAY_TEXT) {
            buf_add(out, d->pool + d->items[i].text, d->items[i].text_len);
            buf_addc(out, '\n');
        }
    return 0;
}

static void fake_forget(void *ctx)
{
    (void)ctx;
    fake_seen.forgets++;
}

static const platform fake_platform = {.measurer = &fake_measurer, .draw = fake_draw,
                                       .shot = fake_shot, .forget = fake_forget};

#endif
