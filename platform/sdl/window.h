/* window: what SDL needs before and at start for a kiosk: hints that keep it from probing
 * what a kiosk does not use (Wayland without a display, the X compose table, a D-Bus session
 * bus), and the window, or for a headless run a software renderer on a plain surface. */
#ifndef SV_WINDOW_H
#define SV_WINDOW_H

#include <SDL.h>

/* Call before SDL_Init. script: a script drives the kiosk (SIGTERM ends it); headless: the
 * dummy video driver and the software renderer. */
void window_environment(int script, int headless);
/* Opens the window (or the headless surface) and its renderer at w x h; 0, or -1 with a
 * message on standard error (no display, no renderer). */
int window_open(SDL_Window **win, SDL_Renderer **r, SDL_Surface **surface, int w, int h,
                int fullscreen, int headless);

#endif
