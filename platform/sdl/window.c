/* window: SDL's environment for a kiosk, and the window (or the headless surface) with its
 * renderer. */
#include "sdl/window.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* SDL's environment for a kiosk: no Wayland probe without a Wayland display, no X compose
 * table, no D-Bus session started for nothing. */
void window_environment(int script, int headless)
{
    if (script) /* a script has no event loop to see SDL's quit event: SIGTERM ends it */
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    const char *vd = getenv("SDL_VIDEODRIVER"), *wd = getenv("WAYLAND_DISPLAY");
    if (!headless && (!vd || !*vd) && (!wd || !*wd))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11,kmsdrm"); /* no Wayland: do not probe it */
    else if (!headless && (!vd || !*vd))
        /* a Wayland compositor (cage) also offers X11 through Xwayland, which SDL 2 would
         * choose first: a window of its own protocol is fullscreen and scaled as it says */
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "wayland,x11");
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
}

/* The window (or the headless surface) and its renderer; 0, or -1 with a message. */
int window_open(SDL_Window **win, SDL_Renderer **r, SDL_Surface **surface, int w, int h,
                int fullscreen, int headless)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    if (!headless && drv && (!strcmp(drv, "dummy") || !strcmp(drv, "offscreen"))) {
        /* SDL fell back to a driver without a screen: a window would show nobody anything */
        fprintf(stderr, "sveiki: no display (no X11, Wayland or KMS screen found). Run it under "
                        "xvfb-run, or with --headless --script FILE.\n");
        return -1;
    }
    const char *rdrv = getenv("SDL_RENDER_DRIVER");
    if (!headless && drv && strcmp(drv, "kmsdrm") && (!rdrv || !*rdrv)) {
        /* on a desktop the screen is rectangles and cached text: software rendering draws it
         * in a few ms and starts in half the time, without loading the GL stack (an operator
         * can still choose with SDL_RENDER_DRIVER; kmsdrm needs GL and keeps its default) */
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    if (headless) {
        *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        *r = *surface ? SDL_CreateSoftwareRenderer(*surface) : NULL;
    } else {
        int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
        SDL_DisplayMode mode;
        if (fullscreen && SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0 && mode.h > 0) {
            /* Fullscreen is asked of the window manager (X11's _NET_WM_STATE); with none (a
             * bare X server started by xinit) nobody answers and the window would stay at
             * --size. So the window is made the screen's size, borderless, at its corner:
             * right with a manager, without one, under a Wayland compositor (cage) and on
             * KMS/DRM alike. */
            x = y = 0;
            w = mode.w, h = mode.h;
        }
        *win = SDL_CreateWindow("Sveiki", x, y, w, h,
                                (fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS
                                            : 0) |
                                    SDL_WINDOW_ALLOW_HIGHDPI);
        *r = *win ? SDL_CreateRenderer(*win, -1, SDL_RENDERER_PRESENTVSYNC) : NULL;
        if (*win && !*r)
            *r = SDL_CreateRenderer(*win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!*r) {
        fprintf(stderr, "sveiki: cannot create a renderer: %s\n", SDL_GetError());
        return -1;
    }
    return 0;
}

