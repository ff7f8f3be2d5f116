/* A PNG writer of its own instead of SDL_image. SDL_image brings nine libraries (JPEG, TIFF,
 * WebP, the C++ runtime...) into every start of the kiosk, and its encoder tries every row
 * filter at zlib's default level: three quarters of the CPU of a run that opens a page and
 * writes its screenshot. zlib at its fastest level still spent a third of that run.
 *
 * A kiosk screen is flat colours and text: most rows repeat the row above, and most of the
 * rest repeats the pixel before. So the image data is one deflate block with the fixed codes
 * of RFC 1951, holding only literals and copies of the byte one row up or one pixel back:
 * no search, no tables to build. The tests compare pixels, not bytes; zlib still sums. */
#include "sdl/shot.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

/* ---- deflate with the fixed codes ----------------------------------------------------- */

typedef struct bits {
    buf *out;
    uint64_t acc; /* deflate packs bits from the least significant end */
    int n;
} bits;

static void put(bits *b, uint32_t v, int n)
{
    b->acc |= (uint64_t)v << b->n;
    b->n += n;
    if (b->n >= 32) {
        unsigned char w[4] = {(unsigned char)b->acc, (unsigned char)(b->acc >> 8),
                              (unsigned char)(b->acc >> 16), (unsigned char)(b->acc >> 24)};
        buf_add(b->out, w, 4);
        b->acc >>= 32, b->n -= 32;
    }
}

/* Huffman codes are sent from their most significant bit: reversed once, in fixed_init. */
static uint32_t reversed(uint32_t code, int len)
{
    uint32_t r = 0;
    for (int k = 0; k < len; k++)
        r = r << 1 | ((code >> k) & 1);
    return r;
}

/* Lengths 3..258: the first of each length symbol's range (symbols 257..285). */
static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                     31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static uint8_t len_sym[259]; /* length -> its index in len_base */

/* The fixed literal/length code of symbol s (RFC 1951, 3.2.6), ready to put. */
typedef struct sym {
    uint16_t bits;
    uint8_t len;
} sym;
static sym fixed[288];

static void fixed_init(void)
{
    for (int s = 0; s < 288; s++) {
        int len = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
        uint32_t code = s < 144 ? 0x30 + s : s < 256 ? 0x190 + s - 144 : s < 280 ? s - 256 : 0xC0 + s - 280;
        fixed[s] = (sym){(uint16_t)reversed(code, len), (uint8_t)len};
    }
    for (int len = 3, k = 0; len <= 258; len++) {
        while (k < 28 && len_base[k + 1] <= len)
            k++;
        len_sym[len] = (uint8_t)k;
    }
}

static void literal(bits *b, unsigned char c) { put(b, fixed[c].bits, fixed[c].len); }

/* A copy of len bytes (3..258) from dist bytes back: length symbol and its extra bits, then
 * the distance's 5-bit code and its extra bits (dist_code and dist_extra, worked out once). */
static void copy(bits *b, unsigned len, uint32_t dist_code, uint32_t dist_extra, int dist_nextra)
{
    int k = len_sym[len], extra = k < 8 || k == 28 ? 0 : (k - 4) / 4;
    put(b, fixed[257 + k].bits, fixed[257 + k].len);
    if (extra)
        put(b, len - len_base[k], extra);
    put(b, dist_code, 5);
    if (dist_nextra)
        put(b, dist_extra, dist_nextra);
}

/* Distance d (1..32768) as its 5-bit code, already reversed, and its extra bits. */
static void distance(unsigned d, uint32_t *code, uint32_t *extra, int *nextra)
{
    int c = 0;
    unsigned base = 1;
    for (; c < 29; c++) {
        int n = c < 4 ? 0 : c / 2 - 1;
        if (d < base + (1u << n))
            break;
        base += 1u << n;
    }
    *code = reversed((uint32_t)c, 5);
    *nextra = c < 4 ? 0 : c / 2 - 1;
    *extra = d - base;
}

/* How many bytes from a equal those from b, up to max. */
static unsigned same_run(const unsigned char *a, const unsigned char *b, unsigned max)
{
    unsigned n = 0;
    for (uint64_t x, y; n + 8 <= max; n += 8) { /* eight at a time, to the first difference */
        memcpy(&x, a + n, 8), memcpy(&y, b + n, 8);
        if (x != y)
            break;
    }
    while (n < max && a[n] == b[n])
        n++;
    return n;
}

/* Rows read back a strip at a time: the whole frame as RGB would be 3 MB more memory. */
#define STRIP 32

/* The image as PNG's IDAT holds it: 8-bit RGB rows, each after its filter byte, as one
 * zlib stream (header, deflate, Adler-32 sum). */
static int image_data(SDL_Renderer *r, int w, int h, buf *z, err *e)
{
    size_t row = (size_t)w * 3;
    if (row + 1 > 32768) /* the row above must be within deflate's window */
        return err_set(e, "screenshot: %d pixels is too wide", w);
    if (!fixed[0].len)
        fixed_init();
    uint32_t up_code, up_extra, px_code, px_extra;
    int up_n, px_n;
    distance((unsigned)row + 1, &up_code, &up_extra, &up_n);
    distance(3, &px_code, &px_extra, &px_n);
    unsigned char *strip = xmalloc(row * (STRIP + 1)); /* the row above the strip, then it */
    buf_add(z, "\x78\x01", 2);                         /* zlib: deflate, 32 KiB window */
    bits b = {z, 0, 0};
    put(&b, 1, 1), put(&b, 1, 2); /* the last block, fixed codes */
    static const unsigned char none = 0; /* each row's filter byte: no filter */
    uLong sum = adler32(0, NULL, 0), row_sum = 0;
    for (int y0 = 0; y0 < h; y0 += STRIP) {
        SDL_Rect rect = {0, y0, w, h - y0 < STRIP ? h - y0 : STRIP};
        if (y0)
            memcpy(strip, strip + row * STRIP, row);
        if (SDL_RenderReadPixels(r, &rect, SDL_PIXELFORMAT_RGB24, strip + row, (int)row)) {
            free(strip);
            return err_set(e, "screenshot: %s", SDL_GetError());
        }
        for (int y = 0; y < rect.h; y++) {
            const unsigned char *cur = strip + row * (size_t)(y + 1), *up = cur - row;
            int first = y0 + y == 0, again = !first && !memcmp(cur, up, row);
            literal(&b, none);
            for (size_t i = 0; i < row;) {
                unsigned max = row - i > 258 ? 258 : (unsigned)(row - i);
                unsigned a = again ? max : first ? 0 : same_run(cur + i, up + i, max);
                unsigned p = a == max || i < 3 ? 0 : same_run(cur + i, cur + i - 3, max);
                if (a >= 3 && a >= p)
                    copy(&b, a, up_code, up_extra, up_n), i += a;
                else if (p >= 3)
                    copy(&b, p, px_code, px_extra, px_n), i += p;
                else
                    literal(&b, cur[i++]);
            }
            /* the sum of a repeated row is the sum of the row before */
            if (!again)
                row_sum = adler32(adler32(1, &none, 1), cur, (uInt)row);
            sum = adler32_combine(sum, row_sum, (z_off_t)row + 1);
        }
    }
    free(strip);
    put(&b, fixed[256].bits, fixed[256].len); /* end of block */
    for (; b.n > 0; b.n -= 8, b.acc >>= 8)     /* the last bits, to a whole byte */
        buf_addc(z, (char)(b.acc & 0xff));
    unsigned char t[4];
    be32(t, (uint32_t)sum);
    buf_add(z, t, 4);
    return 0;
}

int shot_png(SDL_Renderer *r, buf *out, err *e)
{
    int w, h;
    if (SDL_GetRendererOutputSize(r, &w, &h) || w <= 0 || h <= 0)
        return err_set(e, "screenshot: %s", SDL_GetError());
    buf idat;
    buf_init(&idat);
    if (image_data(r, w, h, &idat, e)) {
        buf_free(&idat);
        return -1;
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
