/* shot: the frame a renderer shows, as the bytes of a PNG file (for the script's `shot`). */
#ifndef SV_SHOT_H
#define SV_SHOT_H

#include "core/buf.h"
#include "core/err.h"

#include <SDL.h>

/* Reads the renderer's output back as 8-bit RGB and appends it to out as a PNG file. */
int shot_png(SDL_Renderer *r, buf *out, err *e);

#endif
