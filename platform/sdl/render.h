/* render: draws a display list with an SDL renderer. Each text run is rasterised once in
 * its colour (a texture tinted at draw time takes the software renderer's slow blending path
 * for every pixel, a sixth of drawing a page) and kept in an LRU cache bounded in bytes,
 * keyed by the run's bytes, face, size, direction, script and colour; redrawing an unchanged
 * screen shapes nothing. On SDL's software renderer a rounded rectangle is filled as rows of
 * exactly the pixels SDL's triangle fan for it would cover (SDL tests every pixel of each
 * triangle's bounding box, most of drawing a screen of tiles), the rows of each shape kept
 * for the next rectangle of that shape. */
#ifndef SV_RENDER_H
#define SV_RENDER_H

#include "core/buf.h"
#include "core/err.h"
#include "ui/display.h"
#include "sdl/font.h"

#include <SDL.h>

typedef struct render render;

render *render_new(SDL_Renderer *r, font_set *f, size_t cache_bytes);
void render_free(render *rd);
void render_draw(render *rd, const display_list *d);
/* Drops every cached texture (when the kiosk forgets a person, their text goes too). */
void render_forget(render *rd);
/* Counters for benchmarks and tests: runs rasterised (misses) and reused (hits). */
void render_stats(const render *rd, unsigned long *hits, unsigned long *misses, size_t *bytes);

#endif
