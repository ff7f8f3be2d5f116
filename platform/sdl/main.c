/* sveiki: the kiosk. Parses options, opens the pack, the fonts and a window (or, headless,
 * a software renderer on a plain surface), then either waits for input (an event-driven
 * loop that sleeps until an event or the next timer) or runs a script on a virtual clock.
 * The only global state of the program lives in this file's main. */
#include "core/buf.h"
#include "pack/content.h"
#include "home.h"
#include "script/script.h"
#include "store/store.h"
#include "sync/sync.h"
#include "fs.h"
#include "pack/trust.h"
#include "ui/ui.h"
#include "sdl/font.h"
#include "sdl/render.h"
#include "sdl/media.h"
#include "platform.h"

#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef SVEIKI_VERSION
#define SVEIKI_VERSION "0.1.0"
#endif

typedef struct opts {
    const char *pack, *data, *lang, *script, *page, *trust, *rounding, *retention, *media;
    int w, h, fullscreen, headless;
} opts;

static void usage(FILE *o)
{
    fputs("usage: sveiki [options]\n"
          "  --pack FILE     content pack to show (default: the demo pack)\n"
          "  --data DIR      writable state directory (default: ~/.local/state/sveiki)\n"
          "  --size WxH      window size (default 1280x800)\n"
          "  --fullscreen    fill the screen\n"
          "  --lang CODE     preset language: a touch on the start screen goes straight home\n"
          "  --headless      no window: SDL dummy video driver, software renderer\n"
          "  --script FILE   run commands from FILE, or - for standard input\n"
          "  --page ID       open this page at start (to preview content)\n"
          "  --trust FILE    accept only packs signed by this key (default: DATA/trusted.pub if present)\n"
          "  --feedback-time hour|day   round the time stored with feedback down to this (default hour)\n"
          "  --feedback-days N          delete exported feedback after N days (default 90)\n"
          "  --media DIRS    where USB sticks are mounted, ':' between folders (default /media:/run/media)\n"
          "  --help, --version\n",
          o);
}


/* "WxH" in decimal digits only: no sign, no space, no wrap-around of a huge number. */
static int parse_size(const char *s, int *w, int *h)
{
    long v[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        int digits = 0;
        while (*s >= '0' && *s <= '9') {
            if (++digits > 5)
                return -1;
            v[k] = v[k] * 10 + (*s++ - '0');
        }
        if (!digits || *s++ != (k ? '\0' : 'x'))
            return -1;
    }
    *w = (int)v[0], *h = (int)v[1];
    return 0;
}

static int submit(void *ctx, const store_submission *sub, char id[37], err *e)
{
    return store_submit(ctx, sub, id, e);
}

/* The feedback store in the data directory, or NULL (then the kiosk shows content and says
 * at the feedback tile that feedback is unavailable). */
static store *open_store(const char *data, const opts *o)
{
    store_config cfg = {.round_to_day = o->rounding && !strcmp(o->rounding, "day"),
                        .retention_days = o->retention ? atoi(o->retention) : 0};
    store_note note;
    err e;
    store *s = store_open(data, &cfg, &note, &e);
    if (!s) {
        fprintf(stderr, "sveiki: feedback unavailable: %s\n", e.msg);
        return NULL;
    }
    if (note.moved_aside[0])
        fprintf(stderr, "sveiki: the feedback store was damaged: kept as %s, a new one begun\n",
                note.moved_aside);
    if (note.warning[0])
        fprintf(stderr, "sveiki: warning: %s\n", note.warning);
    long purged = store_purge(s, &e);
    if (purged < 0)
        fprintf(stderr, "sveiki: %s\n", e.msg);
    else if (purged > 0)
        fprintf(stderr, "sveiki: deleted %ld exported answers past their retention\n", purged);
    return s;
}

static int parse_opts(int argc, char **argv, opts *o, err *e)
{
    o->w = 1280, o->h = 800;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **val = NULL;
        if (!strcmp(a, "--pack"))
            val = &o->pack;
        else if (!strcmp(a, "--data"))
            val = &o->data;
        else if (!strcmp(a, "--lang"))
            val = &o->lang;
        else if (!strcmp(a, "--script"))
            val = &o->script;
        else if (!strcmp(a, "--page"))
            val = &o->page;
        else if (!strcmp(a, "--trust"))
            val = &o->trust;
        else if (!strcmp(a, "--feedback-time"))
            val = &o->rounding;
        else if (!strcmp(a, "--feedback-days"))
            val = &o->retention;
        else if (!strcmp(a, "--media"))
            val = &o->media;
        if (val) {
            if (i + 1 >= argc)
                return err_set(e, "option %s needs a value (see --help)", a);
            *val = argv[++i];
            continue;
        }
        if (!strcmp(a, "--size")) {
            if (i + 1 >= argc)
                return err_set(e, "option --size needs a value like 1280x800");
            if (parse_size(argv[++i], &o->w, &o->h) || o->w < 320 || o->h < 240 ||
                o->w > 7680 || o->h > 4320)
                return err_set(e, "--size %s: expected WxH between 320x240 and 7680x4320",
                               argv[i]);
        } else if (!strcmp(a, "--fullscreen")) {
            o->fullscreen = 1;
        } else if (!strcmp(a, "--headless")) {
            o->headless = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--version")) {
            printf("sveiki %s\n", SVEIKI_VERSION);
            exit(0);
        } else {
            return err_set(e, "unknown option %s (see --help)", a);
        }
    }
    if (o->rounding && strcmp(o->rounding, "hour") && strcmp(o->rounding, "day"))
        return err_set(e, "--feedback-time %s: hour or day", o->rounding);
    if (o->retention) {
        char *end;
        long d = strtol(o->retention, &end, 10);
        if (*end || end == o->retention || d < 1 || d > 3650)
            return err_set(e, "--feedback-days %s: a number of days from 1 to 3650", o->retention);
    }
    return 0;
}

typedef struct kiosk {
    SDL_Window *win;
    SDL_Renderer *r;
    SDL_Surface *surface; /* headless target */
    font_set *f;
    render *rd;
    ui *u;
    content *c;
    platform plat;
    store *store; /* feedback, or NULL when unavailable */
    const char *data, *trust; /* the data directory; the trusted key given, or NULL */
    char stick[PATH_MAX];
    unsigned drawn_generation;
} kiosk;

/* ---- the platform table of the SDL backend ------------------------------------------- */

static uint64_t sdl_now(void *ctx) { return SDL_GetTicks64(); }

static void sdl_draw(void *ctx, const display_list *d)
{
    kiosk *k = ctx;
    render_draw(k->rd, d);
    SDL_RenderPresent(k->r);
    k->drawn_generation = d->generation;
}

static Sint64 rw_size(SDL_RWops *rw) { return -1; }
static size_t rw_write(SDL_RWops *rw, const void *p, size_t size, size_t n)
{
    buf_add(rw->hidden.unknown.data1, p, size * n);
    return n;
}
static int rw_close(SDL_RWops *rw)
{
    SDL_FreeRW(rw);
    return 0;
}

/* The frame as PNG bytes: drawn, read back, encoded into memory (the caller writes it). */
static int sdl_shot(void *ctx, const display_list *d, buf *out, err *e)
{
    kiosk *k = ctx;
    sdl_draw(k, d);
    int w, h;
    SDL_GetRendererOutputSize(k->r, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (!s)
        return err_set(e, "screenshot: %s", SDL_GetError());
    int rc = SDL_RenderReadPixels(k->r, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch);
    SDL_RWops *rw = rc == 0 ? SDL_AllocRW() : NULL;
    if (rw) {
        rw->size = rw_size;
        rw->write = rw_write;
        rw->close = rw_close;
        rw->hidden.unknown.data1 = out;
        rc = IMG_SavePNG_RW(s, rw, 1);
    } else {
        rc = -1;
    }
    SDL_FreeSurface(s);
    if (rc)
        return err_set(e, "screenshot: cannot encode: %s", SDL_GetError());
    return 0;
}

static int sdl_speak(void *ctx, const char *lang, const char *text, err *e)
{
    return err_set(e, "read aloud comes with a later step of the kiosk");
}

/* When the kiosk has forgotten a person, the caches of shaped and drawn text forget them
 * too: what they typed must not stay in memory for the next person. */
static void sdl_forget(void *ctx)
{
    kiosk *k = ctx;
    render_forget(k->rd);
    font_forget_widths(k->f);
}

static void draw(kiosk *k) { sdl_draw(k, ui_display(k->u)); }

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A stick at path: feedback out to path/sveiki/exports/, then content in from
 * path/sveiki/packs/ (a signed pack newer than the one shown, checked as any offered pack);
 * each step logged, the outcome shown to the person holding the stick. */
static void sdl_sync(void *ctx, ui *u, const char *path)
{
    kiosk *k = ctx;
    ui_media_report r = {0};
    err e;
    fprintf(stderr, "sveiki: stick at %s\n", path);
    sdl_draw(k, ui_display(u)); /* "working, do not remove the stick" while it is written */
    if (!k->store) {
        r.export_failed = 1;
        snprintf(r.why_export, sizeof r.why_export, "this kiosk keeps no feedback now");
    } else {
        sync_result sr;
        if (sync_export(k->store, k->data, path, &sr, &e)) {
            r.export_failed = 1;
            snprintf(r.why_export, sizeof r.why_export, "%s", e.msg);
            fprintf(stderr, "sveiki: export to %s failed: %s\n", path, e.msg);
        } else {
            r.answers = sr.answers;
            fprintf(stderr, "sveiki: export to %s: %s\n", path, sr.note);
        }
    }
    char dir[PATH_MAX + 32];
    snprintf(dir, sizeof dir, "%s/sveiki/packs", path);
    char **names;
    int n;
    if (fs_list_dir(dir, &names, &n, NULL) == 0) {
        qsort(names, (size_t)n, sizeof *names, by_name);
        for (int i = 0; i < n; i++) {
            size_t len = strlen(names[i]);
            if (len < 6 || strcmp(names[i] + len - 5, ".pack"))
                continue;
            char offered[PATH_MAX + 300], chosen[PATH_MAX + 300];
            snprintf(offered, sizeof offered, "%s/%s", dir, names[i]);
            snprintf(chosen, sizeof chosen, "%s", offered);
            trust_note note;
            char def[PATH_MAX + 32];
            if (!trust_key(k->data, k->trust, def, sizeof def)) { /* unsigned content: no */
                r.pack_refused = 1;
                snprintf(r.why_pack, sizeof r.why_pack,
                         "%s: this kiosk takes content from a stick only signed, and has no "
                         "trusted key", names[i]);
                break;
            }
            const char *had = content_version(k->c);
            char before[64];
            snprintf(before, sizeof before, "%s", had ? had : "");
            if (trust_choose(chosen, sizeof chosen, k->data, k->trust, &note, &e) || note.refused) {
                r.pack_refused = 1, r.pack_taken = 0;
                /* the file as they gave it: its name on the stick, not a path of the kiosk */
                const char *why = note.refused ? note.why.msg : e.msg;
                const char *tail = strstr(why, names[i]);
                size_t used = strlen(r.why_pack); /* every refusal, one a line */
                snprintf(r.why_pack + used, sizeof r.why_pack - used, "%s%s", used ? "\n" : "",
                         tail ? tail : why);
                fprintf(stderr, "sveiki: refusing the pack: %s\n", why);
                continue;
            }
            content *c = content_open(chosen, &e);
            if (!c) {
                r.pack_refused = 1;
                snprintf(r.why_pack, sizeof r.why_pack, "%s: %s", names[i], e.msg);
                continue;
            }
            if (content_version(c) && strcmp(content_version(c), before)) {
                ui_set_content(u, c);
                content_close(k->c);
                k->c = c;
                render_forget(k->rd);
                font_forget_widths(k->f);
                r.pack_taken = 1, r.pack_refused = 0;
                snprintf(r.version, sizeof r.version, "%s", content_version(c));
                fprintf(stderr, "sveiki: now showing %s version %s\n", content_pack_id(c),
                        content_version(c));
            } else {
                content_close(c);
            }
        }
        fs_list_free(names, n);
    }
    fprintf(stderr, "sveiki: done with the stick at %s\n", path);
    ui_media_done(u, &r);
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

static int run_loop(kiosk *k)
{
    SDL_StartTextInput();
    draw(k);
    /* for `make bench`: when the first frame is on screen, by the monotonic clock */
    const char *ff = getenv("SVEIKI_BENCH_FIRST_FRAME");
    if (ff && *ff) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        fprintf(stderr, "first-frame %lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
        if (!strcmp(ff, "exit"))
            return 0;
    }
    for (;;) {
        uint64_t deadline = ui_next_deadline(k->u), now = sdl_now(k);
        SDL_Event ev;
        int got;
        if (deadline == UINT64_MAX) {
            got = SDL_WaitEvent(&ev); /* idle: sleep until something happens */
        } else {
            uint64_t wait = deadline > now ? deadline - now : 0;
            got = SDL_WaitEventTimeout(&ev, wait > INT_MAX ? INT_MAX : (int)wait);
        }
        now = sdl_now(k);
        int w, h;
        while (got) {
            ui_event ue = {0};
            int have = 1;
            switch (ev.type) {
            case SDL_QUIT:
                return 0;
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
                ue.type = ev.type == SDL_FINGERDOWN ? UI_EV_DOWN : ev.type == SDL_FINGERUP ? UI_EV_UP : UI_EV_MOVE;
                ue.x = (int)(ev.tfinger.x * (float)w), ue.y = (int)(ev.tfinger.y * (float)h);
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
                if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    SDL_GetRendererOutputSize(k->r, &w, &h);
                    ui_resize(k->u, w, h);
                }
                if (ev.window.event == SDL_WINDOWEVENT_EXPOSED)
                    k->drawn_generation--; /* force a redraw */
                break;
            default:
                have = 0;
                if (ev.type == media_event_type() && ev.user.data1) {
                    /* a stick: the app gets its folder; the event owned the copy */
                    snprintf(k->stick, sizeof k->stick, "%s", (char *)ev.user.data1);
                    free(ev.user.data1);
                    ue.type = UI_EV_MEDIA, ue.text = k->stick;
                    have = 1;
                }
            }
            if (have) {
                ui_event_(k->u, &ue, now);
                platform_serve(&k->plat, k->u);
            }
            got = SDL_PollEvent(&ev);
        }
        ui_tick(k->u, now);
        platform_serve(&k->plat, k->u);
        if (ui_display(k->u)->generation != k->drawn_generation)
            draw(k);
    }
}

/* The staff screen of ui_fault_screen, until the kiosk is stopped. */
static void show_fault(kiosk *k, const char *why)
{
    display_list d;
    display_init(&d);
    SDL_Event ev;
    int w, h, redraw = 1;
    for (;;) {
        if (redraw) {
            SDL_GetRendererOutputSize(k->r, &w, &h);
            ui_fault_screen(&d, font_measurer(k->f), w, h, why);
            sdl_draw(k, &d);
        }
        if (!SDL_WaitEvent(&ev) || ev.type == SDL_QUIT)
            break;
        redraw = ev.type == SDL_WINDOWEVENT;
    }
    display_free(&d);
}

int main(int argc, char **argv)
{
    opts o = {0};
    err e;
    if (parse_opts(argc, argv, &o, &e)) {
        fprintf(stderr, "sveiki: %s\n", e.msg);
        return 2;
    }
    char root[PATH_MAX], pack[PATH_MAX + 32], fontdir[PATH_MAX + 32], data[PATH_MAX + 32];
    home_find(root, sizeof root);
    snprintf(pack, sizeof pack, "%s", o.pack ? o.pack : "");
    if (!o.pack)
        snprintf(pack, sizeof pack, "%s/build/demo.pack", root);
    snprintf(fontdir, sizeof fontdir, "%s/assets/fonts", root);
    if (o.data) {
        snprintf(data, sizeof data, "%s", o.data);
    } else {
        const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
        if (xdg && *xdg)
            snprintf(data, sizeof data, "%s/sveiki", xdg);
        else
            snprintf(data, sizeof data, "%s/.local/state/sveiki", home && *home ? home : ".");
    }
    if (o.headless && !o.script) {
        fprintf(stderr, "sveiki: --headless has no window to touch: give it --script FILE (or -)\n");
        return 2;
    }
    trust_note note;
    /* a data directory that cannot be written (a read-only card) still shows content; only
     * feedback, and packs that must be copied and checked first, need it */
    int data_ok = trust_data_dir(data, &note, &e) == 0;
    if (!data_ok)
        fprintf(stderr, "sveiki: %s: feedback is unavailable\n", e.msg);
    if (note.warning[0])
        fprintf(stderr, "sveiki: warning: %s\n", note.warning);
    /* no pack to show: a script ends with the message; a kiosk shows it to staff and stays
     * up (a kiosk that exits is restarted, fails again, and shows people a flickering
     * desktop) */
    kiosk k = {0};
    err fault = {{0}};
    int chose = trust_choose(pack, sizeof pack, data, o.trust, &note, &e);
    if (note.refused)
        fprintf(stderr, "sveiki: refusing the pack: %s\n", note.why.msg);
    if (chose) {
        fprintf(stderr, "sveiki: %s\n", e.msg);
        fault = e;
    } else {
        if (note.restored)
            fprintf(stderr, "sveiki: a pack swap was cut short: went back to the previous pack\n");
        if (note.refused)
            fprintf(stderr, "sveiki: keeping the pack it has: %s\n", pack);
        k.c = content_open(pack, &e);
        if (!k.c) {
            fprintf(stderr, "sveiki: %s\n", e.msg);
            fault = e;
        }
    }
    if (!k.c && (o.script || o.headless))
        return 1;
    if (k.c && o.lang && !content_find_lang(k.c, o.lang)) {
        fprintf(stderr, "sveiki: --lang %s: the pack has no such language (it has:", o.lang);
        for (int i = 0; i < content_nlangs(k.c); i++)
            fprintf(stderr, " %s", content_lang_at(k.c, i)->code);
        fprintf(stderr, ")\n");
        content_close(k.c);
        return 2;
    }
    if (k.c && o.page) {
        arena a = {0};
        content_page pg;
        int found = content_page_get(k.c, o.page, o.lang ? o.lang : content_default(k.c), &a, &pg);
        arena_free(&a);
        if (found != 0) {
            fprintf(stderr, "sveiki: --page %s: no such page in %s\n", o.page, pack);
            content_close(k.c);
            return 2;
        }
    }
    if (o.script) /* a script has no event loop to see SDL's quit event: SIGTERM ends it */
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (o.headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    const char *vd = getenv("SDL_VIDEODRIVER"), *wd = getenv("WAYLAND_DISPLAY");
    if (!o.headless && (!vd || !*vd) && (!wd || !*wd))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11,kmsdrm"); /* no Wayland: do not probe it */
    /* Xlib parses the locale's whole Compose table when SDL opens its input method, a third
     * of the start-up CPU; the kiosk types with its own keyboard and needs no compose
     * sequences. An operator who wants them sets XCOMPOSEFILE. */
    setenv("XCOMPOSEFILE", "/dev/null", 0);
    /* SDL_Init connects to the D-Bus session bus, and with none libdbus forks dbus-launch to
     * start one; the kiosk needs none (SDL also keeps the screen on through X11). Where a
     * bus runs, its address or $XDG_RUNTIME_DIR/bus is found as before. */
    const char *xrd = getenv("XDG_RUNTIME_DIR");
    char bus[PATH_MAX] = "";
    if (xrd && *xrd)
        snprintf(bus, sizeof bus, "%s/bus", xrd);
    if (!*bus || access(bus, F_OK) != 0)
        setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    int rc = 0;
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "sveiki: no display (%s). Run it under xvfb-run, or with --headless "
                        "--script FILE.\n", SDL_GetError());
        content_close(k.c);
        return 1;
    }
    const char *drv = SDL_GetCurrentVideoDriver();
    if (!o.headless && drv && (!strcmp(drv, "dummy") || !strcmp(drv, "offscreen"))) {
        /* SDL fell back to a driver without a screen: a window would show nobody anything */
        fprintf(stderr, "sveiki: no display (no X11, Wayland or KMS screen found). Run it under "
                        "xvfb-run, or with --headless --script FILE.\n");
        rc = 1;
        goto out;
    }
    const char *rdrv = getenv("SDL_RENDER_DRIVER");
    if (!o.headless && drv && strcmp(drv, "kmsdrm") && (!rdrv || !*rdrv)) {
        /* on a desktop the screen is rectangles and cached text: software rendering draws it
         * in a few ms and starts in half the time, without loading the GL stack (an operator
         * can still choose with SDL_RENDER_DRIVER; kmsdrm needs GL and keeps its default) */
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    k.f = font_open(fontdir, &e);
    if (!k.f) {
        fprintf(stderr, "sveiki: %s\n", e.msg);
        rc = 1;
        goto out;
    }
    if (o.headless) {
        k.surface = SDL_CreateRGBSurfaceWithFormat(0, o.w, o.h, 32, SDL_PIXELFORMAT_ARGB8888);
        k.r = k.surface ? SDL_CreateSoftwareRenderer(k.surface) : NULL;
    } else {
        k.win = SDL_CreateWindow("Sveiki", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.w, o.h,
                                 (o.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) |
                                     SDL_WINDOW_ALLOW_HIGHDPI);
        k.r = k.win ? SDL_CreateRenderer(k.win, -1, SDL_RENDERER_PRESENTVSYNC) : NULL;
        if (k.win && !k.r)
            k.r = SDL_CreateRenderer(k.win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!k.r) {
        fprintf(stderr, "sveiki: cannot create a renderer: %s\n", SDL_GetError());
        rc = 1;
        goto out;
    }
    int w = o.w, h = o.h;
    SDL_GetRendererOutputSize(k.r, &w, &h);
    k.rd = render_new(k.r, k.f, 32u << 20);
    if (!k.c) {
        show_fault(&k, fault.msg);
        rc = 1;
        goto out;
    }
    k.plat = (platform){.ctx = &k, .measurer = font_measurer(k.f), .now = sdl_now,
                        .draw = sdl_draw, .shot = sdl_shot, .speak = sdl_speak,
                        .forget = sdl_forget, .sync = sdl_sync};
    k.data = data, k.trust = o.trust;
    k.store = data_ok ? open_store(data, &o) : NULL;
    ui_config cfg = {.w = w, .h = h, .lang = o.lang, .page = o.page,
                     .now = o.script ? 0 : sdl_now(&k), .submit = k.store ? submit : NULL,
                     .submit_ctx = k.store};
    k.u = ui_new(k.c, k.plat.measurer, &cfg);
    media *sticks = NULL;
    if (!o.script) {
        sticks = media_watch(o.media, &e);
        if (!sticks)
            fprintf(stderr, "sveiki: %s: sticks will not be noticed\n", e.msg);
    }
    rc = o.script ? script_run(k.u, &k.plat, o.script) : run_loop(&k);
    media_stop(sticks);
out:
    ui_free(k.u);
    store_close(k.store);
    render_free(k.rd);
    if (k.r)
        SDL_DestroyRenderer(k.r);
    if (k.surface)
        SDL_FreeSurface(k.surface);
    if (k.win)
        SDL_DestroyWindow(k.win);
    font_close(k.f);
    content_close(k.c);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
