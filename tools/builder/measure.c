#include "builder/measure.h"
#include "core/buf.h"
#include "fs.h"
#include "text/widths.h"

#include <harfbuzz/hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct measure {
    hb_font_t *font[TEXT_FACE_COUNT];
    hb_buffer_t *buf;
    text_measurer tm;
    /* every block of a pack is laid out, and pages share most of their words: each width
     * is shaped once (text/widths.h), as in the kiosk */
    text_widths *widths;
};

/* HarfBuzz works in font units; a size of px * 64 gives 26.6 fixed point, as FreeType. */
static hb_font_t *sized(measure *m, int face, int px)
{
    hb_font_t *f = m->font[face];
    hb_font_set_scale(f, px * 64, px * 64);
    return f;
}

static int width(void *ctx, int face, int px, int rtl, const char *script, const char *s,
                 size_t len)
{
    measure *m = ctx;
    hb_buffer_clear_contents(m->buf);
    hb_buffer_add_utf8(m->buf, s, (int)len, 0, (int)len);
    hb_buffer_set_direction(m->buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(m->buf, hb_script_from_string(script, -1));
    hb_buffer_guess_segment_properties(m->buf);
    hb_shape(sized(m, face, px), m->buf, NULL, 0);
    unsigned n;
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(m->buf, &n);
    long w = 0;
    for (unsigned k = 0; k < n; k++)
        w += pos[k].x_advance;
    return (int)((w + 63) / 64);
}

static void metrics(void *ctx, int face, int px, int *ascent, int *descent)
{
    measure *m = ctx;
    hb_font_extents_t ext;
    hb_font_get_h_extents(sized(m, face, px), &ext);
    *ascent = (int)((ext.ascender + 63) / 64);
    *descent = (int)((-ext.descender + 63) / 64);
}

static int covers(void *ctx, int face, uint32_t cp)
{
    measure *m = ctx;
    hb_codepoint_t g;
    return hb_font_get_nominal_glyph(m->font[face], cp, &g);
}

hb_face_t *measure_face_read(const char *path, err *e)
{
    size_t n;
    unsigned char *data = fs_read_all(path, MEASURE_FONT_MAX, &n, e);
    if (!data)
        return NULL;
    /* the blob owns the bytes: HarfBuzz frees them with the last face that uses them */
    hb_blob_t *blob = hb_blob_create((const char *)data, (unsigned)n, HB_MEMORY_MODE_READONLY,
                                     data, free);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    return face;
}

measure *measure_open(const char *dir, err *e)
{
    measure *m = xcalloc(1, sizeof *m);
    for (int f = 0; f < TEXT_FACE_COUNT; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, text_face_file(f));
        hb_face_t *face = measure_face_read(path, e);
        if (!face) {
            measure_close(m);
            return NULL;
        }
        m->font[f] = hb_font_create(face);
        hb_face_destroy(face);
    }
    m->buf = hb_buffer_create();
    m->tm = (text_measurer){m, width, metrics, covers};
    m->widths = text_widths_new(&m->tm);
    return m;
}

void measure_close(measure *m)
{
    if (!m)
        return;
    for (int f = 0; f < TEXT_FACE_COUNT; f++)
        if (m->font[f])
            hb_font_destroy(m->font[f]);
    if (m->buf)
        hb_buffer_destroy(m->buf);
    text_widths_free(m->widths);
    free(m);
}

const text_measurer *measure_measurer(measure *m) { return text_widths_measurer(m->widths); }
