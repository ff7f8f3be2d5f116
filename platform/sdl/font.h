/* font: the text_measurer of app/text.h implemented with SDL_ttf (HarfBuzz shaping), behind
 * the width cache of text/widths.h, plus
 * rendering of one shaped run. Font files are mapped read-only; a TTF_Font is opened per
 * face and pixel size on first use, so a script's font costs nothing until it is drawn. */
#ifndef SV_FONT_H
#define SV_FONT_H

#include "core/err.h"
#include "text/text.h"
#include "text/widths.h"

#include <SDL.h>
#include <SDL_ttf.h>

typedef struct font_set font_set;

/* Maps every face from dir (assets/fonts); a missing file or one without a TrueType or
 * OpenType header is an error. */
font_set *font_open(const char *dir, err *e);
void font_close(font_set *f);
const text_measurer *font_measurer(font_set *f);
/* The font for a face and size, with direction and script set for the next call. */
TTF_Font *font_get(font_set *f, int face, int px, int rtl, const char *script);

/* Drops the cache of measured widths (benchmarks measure cold layouts with it). */
void font_forget_widths(font_set *f);

#endif
