/* shot: the renderer's frame as PNG bytes, through libpng. Not SDL_image: it would bring nine
 * libraries (JPEG, TIFF, WebP, the C++ runtime...) into every start of the kiosk, and its
 * encoder tries every row filter at zlib's default level, three quarters of the CPU of a run
 * that opens a page and writes its screenshot. A kiosk screen is flat colours and text, which
 * zlib's fastest level packs well unfiltered; a hash of 2^12 entries (memory level 5) is the
 * fastest here (callgrind: 155 M instructions for a whole headless page shot, 606 M with
 * SDL_image; the filters and the run-length strategy all cost more, for larger files). */
#include "sdl/shot.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>

/* Rows read back from the renderer at a time: a strip, not a whole 3 MB frame. */
#define STRIP 32

static void put_bytes(png_structp png, png_bytep data, size_t n)
{
    buf_add(png_get_io_ptr(png), data, n);
}

static void flush_nothing(png_structp png) { (void)png; }

/* libpng reports an error by longjmp; its message is kept for ours. */
static void png_failed(png_structp png, png_const_charp msg)
{
    err *e = png_get_error_ptr(png);
    err_set(e, "screenshot: %s", msg);
    png_longjmp(png, 1);
}

static void png_warned(png_structp png, png_const_charp msg) { (void)png, (void)msg; }

int shot_png(SDL_Renderer *r, buf *out, err *e)
{
    int w, h;
    if (SDL_GetRendererOutputSize(r, &w, &h) || w <= 0 || h <= 0)
        return err_set(e, "screenshot: %s", SDL_GetError());
    size_t row = (size_t)w * 3;
    unsigned char *volatile strip = malloc(row * STRIP);
    if (!strip)
        return err_set(e, "screenshot: out of memory");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, e, png_failed, png_warned);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        free(strip);
        return err_set(e, "screenshot: libpng cannot start");
    }
    int rc = 0;
    if (setjmp(png_jmpbuf(png))) {
        rc = -1; /* png_failed has set e */
    } else {
        png_set_write_fn(png, out, put_bytes, flush_nothing);
        png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
        png_set_compression_level(png, 1);
        png_set_compression_mem_level(png, 5);
        png_write_info(png, info);
        for (int y0 = 0; y0 < h && !rc; y0 += STRIP) {
            SDL_Rect rect = {0, y0, w, h - y0 < STRIP ? h - y0 : STRIP};
            if (SDL_RenderReadPixels(r, &rect, SDL_PIXELFORMAT_RGB24, strip, (int)row)) {
                rc = err_set(e, "screenshot: %s", SDL_GetError());
                break;
            }
            for (int y = 0; y < rect.h; y++)
                png_write_row(png, strip + row * (size_t)y);
        }
        if (!rc)
            png_write_end(png, NULL);
    }
    png_destroy_write_struct(&png, &info);
    free(strip);
    return rc;
}
