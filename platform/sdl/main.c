/* sveiki: the window and the event loop. Parses the options, lets the kiosk (app/kiosk.h)
 * choose its pack, opens the fonts and a window (or, headless, a software renderer on a plain
 * surface), then either waits for input (an event-driven loop that sleeps until an event or
 * the next deadline) or runs a script on a virtual clock. Every rule is the kiosk's: this
 * file reports what happened and does what the kiosk asks through the platform table. */
#include "config.h"
#include "home.h"
#include "kiosk.h"
#include "script/script.h"
#include "touch.h"
#include "sdl/audio.h"
#include "sdl/font.h"
#include "sdl/media.h"
#include "sdl/render.h"
#include "sdl/service.h"
#include "sdl/shot.h"
#include "sdl/window.h"

#include <SDL.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef SVEIKI_VERSION
#define SVEIKI_VERSION "0.1.0"
#endif

typedef struct window {
    SDL_Window *win;
    SDL_Renderer *r;
    SDL_Surface *surface; /* headless target */
    font_set *f;
    render *rd;
    audio *snd;
    kiosk *k;
    char stick[PATH_MAX];
    unsigned drawn_generation;
    touch fingers;  /* a second touch point cancels the touch in progress */
    int closing;    /* kiosk mode: the window was asked to close (ignored, as its quit) */
    int script;     /* --script: no event loop takes SDL's queue (see sdl_speaking) */
} window;

/* ---- the platform table of the SDL backend ------------------------------------------- */

static void sdl_draw(void *ctx, const display_list *d)
{
    window *w = ctx;
    render_draw(w->rd, d);
    SDL_RenderPresent(w->r);
    w->drawn_generation = d->generation;
}
/* The frame as PNG bytes: drawn, read back, encoded into memory (the caller writes it). */
static int sdl_shot(void *ctx, const display_list *d, buf *out, err *e)
{
    window *k = ctx;
    sdl_draw(k, d);
    return shot_png(k->r, out, e);
}

/* When the kiosk has forgotten a person, the caches of shaped and drawn text forget them
 * too: what they typed must not stay in memory for the next person. */
static void sdl_forget(void *ctx)
{
    window *k = ctx;
    render_forget(k->rd);
    font_forget_widths(k->f);
}

/* Reading aloud: on the speech thread of sdl/audio.c; these only hand over and look. */
static void sdl_speak(void *ctx, speech_job *job) { audio_speak(((window *)ctx)->snd, job); }
static void sdl_stop(void *ctx) { audio_stop(((window *)ctx)->snd); }
static void sdl_speaking(void *ctx, unsigned *id, int *part)
{
    window *w = ctx;
    /* The speech thread wakes the event loop with an SDL event at every part and at the end
     * of each reading. A script has no event loop: it asks here at every tick instead, so
     * those wake-ups are dropped here, or SDL's queue would keep them all (an allocation
     * each, up to 65,535: the soak's memory grew by a megabyte over two years of use). */
    if (w->script)
        SDL_FlushEvent(audio_event_type());
    audio_speaking(w->snd, id, part);
}
static int sdl_has_voice(void *ctx, const char *lang)
{
    return audio_has_voice(((window *)ctx)->snd, lang);
}

/* ---- the interactive loop ----------------------------------------------------------- */

static const char *key_name(SDL_Keycode k)
{
    switch (k) {
    case SDLK_ESCAPE: case SDLK_AC_BACK: return "escape";
    case SDLK_RETURN: case SDLK_KP_ENTER: return "enter";
    case SDLK_BACKSPACE: return "backspace";
    case SDLK_HOME: return "home";
    case SDLK_UP: return "up";
    case SDLK_DOWN: return "down";
    case SDLK_PAGEUP: return "pageup";
    case SDLK_PAGEDOWN: return "pagedown";
    case SDLK_SPACE: return "space";
    default: return NULL;
    }
}

static int run_loop(window *k)
{
    SDL_StartTextInput();
    sdl_draw(k, kiosk_display(k->k));
    /* for `make bench`: when the first frame is on screen, by the monotonic clock */
    const char *ff = getenv("SVEIKI_BENCH_FIRST_FRAME");
    if (ff && *ff) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        fprintf(stderr, "first-frame %lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
        if (!strcmp(ff, "exit"))
            return 0;
    }
    service_ready(NULL);
    for (;;) {
        uint64_t deadline = kiosk_deadline(k->k), now = SDL_GetTicks64();
        service_tick(now);
        if (service_deadline() < deadline) /* the watchdog's ping is due first */
            deadline = service_deadline();
        SDL_Event ev;
        int got;
        if (deadline == UINT64_MAX) {
            got = SDL_WaitEvent(&ev); /* idle: sleep until something happens */
        } else {
            uint64_t wait = deadline > now ? deadline - now : 0;
            got = SDL_WaitEventTimeout(&ev, wait > INT_MAX ? INT_MAX : (int)wait);
        }
        now = SDL_GetTicks64();
        int w, h;
        while (got) {
            ui_event ue = {0};
            int have = 1;
            switch (ev.type) {
            case SDL_QUIT:
                /* kiosk mode: only SIGTERM (systemd) quits; a window close (Alt+F4, the
                 * compositor's close) is ignored, and SIGINT is ignored at start */
                if (!kiosk_mode_on(k->k) || !k->closing)
                    return 0;
                k->closing = 0;
                have = 0;
                break;
            case SDL_MOUSEBUTTONDOWN:
            case SDL_MOUSEBUTTONUP:
                /* touch is handled as fingers below; ignore the mouse copies SDL makes */
                if (ev.button.which == SDL_TOUCH_MOUSEID || ev.button.button != SDL_BUTTON_LEFT)
                    have = 0;
                ue.type = ev.type == SDL_MOUSEBUTTONDOWN ? UI_EV_DOWN : UI_EV_UP;
                ue.x = ev.button.x, ue.y = ev.button.y;
                break;
            case SDL_MOUSEMOTION:
                if (ev.motion.which == SDL_TOUCH_MOUSEID || !(ev.motion.state & SDL_BUTTON_LMASK))
                    have = 0;
                ue.type = UI_EV_MOVE, ue.x = ev.motion.x, ue.y = ev.motion.y;
                break;
            case SDL_FINGERDOWN:
            case SDL_FINGERUP:
            case SDL_FINGERMOTION:
                SDL_GetRendererOutputSize(k->r, &w, &h);
                /* one pointer: a second finger down cancels the touch (app/touch.h) */
                have = touch_finger(&k->fingers, (long long)ev.tfinger.fingerId,
                                    ev.type == SDL_FINGERDOWN ? UI_EV_DOWN
                                    : ev.type == SDL_FINGERUP ? UI_EV_UP : UI_EV_MOVE,
                                    (int)(ev.tfinger.x * (float)w), (int)(ev.tfinger.y * (float)h),
                                    &ue);
                break;
            case SDL_MOUSEWHEEL:
                /* notches towards the person scroll down; a "natural" wheel says so */
                ue.type = UI_EV_WHEEL;
                ue.y = ev.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? ev.wheel.y : -ev.wheel.y;
                have = ue.y != 0;
                break;
            case SDL_TEXTINPUT:
                ue.type = UI_EV_TEXT, ue.text = ev.text.text;
                break;
            case SDL_KEYDOWN:
                ue.type = UI_EV_KEY, ue.text = key_name(ev.key.keysym.sym);
                have = ue.text != NULL;
                break;
            case SDL_WINDOWEVENT:
                have = 0;
                if (ev.window.event == SDL_WINDOWEVENT_CLOSE)
                    k->closing = 1;
                if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    SDL_GetRendererOutputSize(k->r, &w, &h);
                    kiosk_resize(k->k, w, h);
                }
                if (ev.window.event == SDL_WINDOWEVENT_EXPOSED)
                    k->drawn_generation--; /* force a redraw */
                break;
            default:
                have = 0; /* the part read aloud changed: kiosk_tick below looks */
                if (ev.type == media_event_type() && ev.user.data1) {
                    /* a stick: the app gets its folder; the event owned the copy */
                    snprintf(k->stick, sizeof k->stick, "%s", (char *)ev.user.data1);
                    free(ev.user.data1);
                    ue.type = UI_EV_MEDIA, ue.text = k->stick;
                    have = 1;
                }
            }
            if (have)
                kiosk_event(k->k, &ue, now);
            got = SDL_PollEvent(&ev);
        }
        kiosk_tick(k->k, now);
        if (kiosk_exit_code(k->k) >= 0) /* restart or leave, asked in admin mode */
            return kiosk_exit_code(k->k);
        if (kiosk_display(k->k)->generation != k->drawn_generation)
            sdl_draw(k, kiosk_display(k->k));
    }
}

/* The staff screen of ui_fault_screen, until the kiosk is stopped, or a signed pack on a stick
 * or in the sync folder rescues it (1: the kiosk has a pack now). */
static int show_fault(window *k, const char *why)
{
    display_list d;
    display_init(&d);
    SDL_Event ev;
    int w, h, redraw = 1, rescued = 0, ready = 0;
    while (!rescued) {
        if (redraw) {
            SDL_GetRendererOutputSize(k->r, &w, &h);
            ui_fault_screen(&d, font_measurer(k->f), w, h, kiosk_fault(k->k) ? kiosk_fault(k->k) : why);
            sdl_draw(k, &d);
        }
        if (!ready) /* up and showing staff why: not a failed start to restart */
            service_ready(why), ready = 1;
        /* only the watchdog and sticks wake it: the screen changes with the window alone */
        uint64_t now = SDL_GetTicks64(), look;
        service_tick(now);
        if (kiosk_rescue_folder(k->k, now, &look)) { /* a signed pack in the sync folder */
            rescued = 1;
            break;
        }
        uint64_t due = service_deadline() < look ? service_deadline() : look;
        uint64_t wait = due > now ? due - now : 0;
        int got = due == UINT64_MAX ? SDL_WaitEvent(&ev)
                                    : SDL_WaitEventTimeout(&ev, wait > INT_MAX ? INT_MAX : (int)wait);
        if (!got) {
            redraw = 0;
            continue;
        }
        if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE)
            k->closing = 1;
        if (ev.type == SDL_QUIT && !(kiosk_mode_on(k->k) && k->closing))
            break;
        if (ev.type == SDL_QUIT)
            k->closing = 0;
        redraw = ev.type == SDL_WINDOWEVENT;
        if (ev.type == media_event_type() && ev.user.data1) {
            rescued = kiosk_rescue(k->k, ev.user.data1);
            free(ev.user.data1);
        }
    }
    display_free(&d);
    return rescued;
}

static int run(kiosk_options *op);

static void bad_line(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "sveiki: %s\n", msg);
}

/* --check-config FILE: every bad line, then 0 when there was none. */
static int check_config(const char *path)
{
    err e;
    int bad = config_check(path, bad_line, NULL, &e);
    if (bad < 0) {
        fprintf(stderr, "sveiki: %s\n", e.msg);
        return 2;
    }
    if (bad)
        fprintf(stderr, "sveiki: %s: %d bad line%s\n", path, bad, bad == 1 ? "" : "s");
    else
        printf("%s: good\n", path);
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    kiosk_options o;
    err e;
    switch (kiosk_parse_args(argc, argv, &o, &e)) {
    case KIOSK_ARGS_RUN:
        break;
    case KIOSK_ARGS_HELP:
        fputs(kiosk_usage(), stdout);
        return 0;
    case KIOSK_ARGS_VERSION:
        printf("sveiki %s\n", SVEIKI_VERSION);
        return 0;
    case KIOSK_ARGS_CHECK:
        return check_config(o.check_config);
    default:
        fprintf(stderr, "sveiki: error: %s\n", e.msg);
        return 2;
    }
    int rc = run(&o);
    config_free(&o);
    return rc;
}

/* The kiosk with its options (whose strings may point into the settings file's text). */
static int run(kiosk_options *op)
{
    kiosk_options o = *op;
    err e;
    window k = {0};
    k.k = kiosk_open(&o, &e);
    if (!k.k) {
        fprintf(stderr, "sveiki: error: %s\n", e.msg);
        return 2;
    }
    if (kiosk_fault(k.k) && (o.script || o.headless)) {
        kiosk_close(k.k);
        return 1;
    }
    window_environment(o.script != NULL, o.headless);
    if (o.kiosk_mode && !o.script) {
        /* kiosk mode: Ctrl+C in a terminal does not stop it (SDL leaves an ignored signal
         * alone), nor does closing the window; SIGTERM from systemd still does */
        signal(SIGINT, SIG_IGN);
        SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    }
    if (!o.script)
        service_init(); /* before SDL's and the audio's threads */
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "sveiki: error: no display (%s). Run it under xvfb-run, or with --headless "
                        "--script FILE.\n", SDL_GetError());
        kiosk_close(k.k);
        return 1;
    }
    int rc = 1;
    /* the speech thread: espeak-ng starts on it when a screen first asks for a voice */
    k.snd = audio_new();
    k.script = o.script != NULL;
    char root[PATH_MAX], fontdir[PATH_MAX + 32];
    err no_home;
    int homeless = home_locate(root, sizeof root, &no_home);
    snprintf(fontdir, sizeof fontdir, "%s/assets/fonts", root);
    k.f = homeless ? NULL : font_open(fontdir, &e);
    if (!k.f && !(homeless && !o.pack)) /* without --pack, kiosk_open said it already */
        fprintf(stderr, "sveiki: error: %s\n", homeless ? no_home.msg : e.msg);
    if (!k.f || window_open(&k.win, &k.r, &k.surface, o.w, o.h, o.fullscreen, o.headless))
        goto out;
    int w = o.w, h = o.h;
    SDL_GetRendererOutputSize(k.r, &w, &h);
    if (!o.headless) /* what it got: the driver (x11, wayland, kmsdrm) and the size drawn at */
        fprintf(stderr, "sveiki: display %s, %dx%d%s\n", SDL_GetCurrentVideoDriver(), w, h,
                o.fullscreen ? " fullscreen" : "");
    k.rd = render_new(k.r, k.f, 32u << 20);
    if (o.kiosk_mode && !o.headless)
        SDL_ShowCursor(SDL_DISABLE); /* a touch screen: no arrow left where the last touch was */
    if (kiosk_fault(k.k)) {
        /* no pack: staff are told why, and a stick with a signed pack rescues the kiosk */
        media *watch = media_watch(o.media, &e);
        if (!watch)
            fprintf(stderr, "sveiki: %s: sticks will not be noticed\n", e.msg);
        int rescued = show_fault(&k, kiosk_fault(k.k));
        media_stop(watch);
        if (!rescued)
            goto out;
    }
    platform plat = {.ctx = &k, .measurer = font_measurer(k.f), .draw = sdl_draw,
                     .shot = sdl_shot, .forget = sdl_forget, .speak = sdl_speak,
                     .stop = sdl_stop, .speaking = sdl_speaking, .has_voice = sdl_has_voice};
    kiosk_start(k.k, &plat, w, h, o.script ? 0 : SDL_GetTicks64());
    media *sticks = NULL;
    if (!o.script) {
        sticks = media_watch(o.media, &e);
        if (!sticks)
            fprintf(stderr, "sveiki: warning: %s: sticks will not be noticed\n", e.msg);
    }
    rc = o.script ? script_run(k.k, o.script) : run_loop(&k);
    media_stop(sticks);
out:
    if (!o.script)
        service_stopping();
    audio_free(k.snd);
    kiosk_close(k.k);
    render_free(k.rd);
    if (k.r)
        SDL_DestroyRenderer(k.r);
    if (k.surface)
        SDL_FreeSurface(k.surface);
    if (k.win)
        SDL_DestroyWindow(k.win);
    font_close(k.f);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
