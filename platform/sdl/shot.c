/* A PNG writer of its own, on zlib, instead of SDL_image: SDL_image brings nine libraries
 * (JPEG, TIFF, WebP, the C++ runtime...) into every start of the kiosk, and its encoder tries
 * every row filter at zlib's default level: three quarters of the CPU of a run that opens a
 * page and writes its screenshot. The tests compare pixels, not bytes. */
#include "sdl/shot.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST /* next_in is a pointer to const */
#include <zlib.h>

static void be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* One chunk: length, type, data, CRC of type and data. */
static void chunk(buf *out, const char type[4], const void *data, size_t n)
{
    unsigned char h[8];
    be32(h, (uint32_t)n);
    memcpy(h + 4, type, 4);
    buf_add(out, h, 8);
    buf_add(out, data, n);
    be32(h, (uint32_t)crc32(crc32(0, h + 4, 4), data, (uInt)n));
    buf_add(out, h, 4);
}

/* Feeds n bytes to the compressor, appending what comes out to idat. */
static int squeeze(z_stream *z, const void *p, size_t n, int flush, buf *idat)
{
    unsigned char out[1 << 15];
    int rc;
    z->next_in = p, z->avail_in = (uInt)n;
    do { /* as zlib's zpipe.c: all input is taken once output space is left over */
        z->next_out = out, z->avail_out = sizeof out;
        rc = deflate(z, flush);
        buf_add(idat, out, sizeof out - z->avail_out);
    } while (z->avail_out == 0 && rc != Z_STREAM_ERROR);
    return rc;
}

/* Rows read back a strip at a time: the whole frame as RGB would be 3 MB more memory. */
#define STRIP 32

/* 8-bit RGB rows, unfiltered: a screen of flat colours and text compresses as well without
 * the filters (a row repeats the one above, a colour repeats along the row, and deflate
 * finds both), and zlib's fastest level with a small hash table (memLevel 4) costs a third
 * of its default and makes a file smaller than SDL_image's. */
int shot_png(SDL_Renderer *r, buf *out, err *e)
{
    int w, h;
    if (SDL_GetRendererOutputSize(r, &w, &h) || w <= 0 || h <= 0)
        return err_set(e, "screenshot: %s", SDL_GetError());
    z_stream z = {0};
    if (deflateInit2(&z, 1, Z_DEFLATED, 15, 4, Z_DEFAULT_STRATEGY) != Z_OK)
        return err_set(e, "screenshot: cannot start zlib");
    size_t row = (size_t)w * 3;
    unsigned char *strip = xmalloc(row * STRIP);
    buf idat;
    buf_init(&idat);
    int rc = Z_OK;
    const char *fail = NULL;
    for (int y0 = 0; y0 < h && rc != Z_STREAM_ERROR && !fail; y0 += STRIP) {
        SDL_Rect rect = {0, y0, w, h - y0 < STRIP ? h - y0 : STRIP};
        if (SDL_RenderReadPixels(r, &rect, SDL_PIXELFORMAT_RGB24, strip, (int)row)) {
            fail = SDL_GetError();
            break;
        }
        for (int y = 0; y < rect.h && rc != Z_STREAM_ERROR; y++) {
            static const unsigned char none = 0; /* the row's filter byte */
            squeeze(&z, &none, 1, Z_NO_FLUSH, &idat);
            rc = squeeze(&z, strip + (size_t)y * row, row,
                         y0 + y + 1 == h ? Z_FINISH : Z_NO_FLUSH, &idat);
        }
    }
    deflateEnd(&z);
    free(strip);
    if (fail || rc != Z_STREAM_END) {
        buf_free(&idat);
        return err_set(e, "screenshot: %s", fail ? fail : "cannot compress the image");
    }
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char ihdr[13];
    be32(ihdr, (uint32_t)w), be32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8, ihdr[9] = 2, ihdr[10] = ihdr[11] = ihdr[12] = 0; /* 8-bit RGB, plain */
    buf_add(out, sig, sizeof sig);
    chunk(out, "IHDR", ihdr, sizeof ihdr);
    chunk(out, "IDAT", idat.data, idat.len);
    chunk(out, "IEND", "", 0);
    buf_free(&idat);
    return 0;
}
