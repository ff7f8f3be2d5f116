/* measure: the kiosk's fonts measured with HarfBuzz alone (no SDL), so the builder can lay a
 * page out as the smallest kiosk screen would and name a word that no line can hold. The
 * numbers follow SDL_ttf's closely (both shape with HarfBuzz at the same size), not to the
 * pixel: the check leaves a margin. */
#ifndef SV_MEASURE_H
#define SV_MEASURE_H

#include "core/err.h"
#include "text/text.h"

typedef struct measure measure;
typedef struct hb_face_t hb_face_t;

/* A font file read whole through app/fs (at most MEASURE_FONT_MAX bytes) as a HarfBuzz face,
 * or NULL and a message naming the file. */
#define MEASURE_FONT_MAX (32u << 20)
hb_face_t *measure_face_read(const char *path, err *e);

/* Loads every face of text.h from dir (assets/fonts). */
measure *measure_open(const char *dir, err *e);
void measure_close(measure *m);
const text_measurer *measure_measurer(measure *m);

#endif
