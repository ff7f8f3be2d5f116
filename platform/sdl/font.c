#include "sdl/font.h"
#include "core/buf.h"
#include "fs.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SIZES 48

typedef struct sized {
    int face, px;
    TTF_Font *font;
} sized;

struct font_set {
    /* the widths already shaped (text/widths.h), in front of m */
    text_widths *widths;
    void *data[TEXT_FACE_COUNT]; /* the font files, mapped read-only */
    size_t size[TEXT_FACE_COUNT];
    sized open[MAX_SIZES];
    int nopen;
    text_measurer m;
    buf tmp;
};

static TTF_Font *get(font_set *f, int face, int px)
{
    if (face < 0 || face >= TEXT_FACE_COUNT)
        face = TEXT_FACE_SANS;
    /* Ge'ez letters are drawn smaller than Latin at one size and carry small vowel marks:
     * they get 15 % more, in measuring and drawing alike */
    if (face == TEXT_FACE_ETHIOPIC || face == TEXT_FACE_ETHIOPIC_BOLD)
        px = px * 115 / 100;
    if (px < 4)
        px = 4;
    for (int k = 0; k < f->nopen; k++)
        if (f->open[k].face == face && f->open[k].px == px)
            return f->open[k].font;
    SDL_RWops *rw = SDL_RWFromConstMem(f->data[face], (int)f->size[face]);
    TTF_Font *font = TTF_OpenFontRW(rw, 1, px);
    if (!font)
        return NULL;
    /* light hinting skips the TrueType bytecode interpreter, which was most of the cost of
     * opening a page; at kiosk text sizes it looks the same */
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    if (f->nopen == MAX_SIZES) { /* sizes change with the window: drop the oldest */
        TTF_CloseFont(f->open[0].font);
        memmove(f->open, f->open + 1, (MAX_SIZES - 1) * sizeof f->open[0]);
        f->nopen--;
    }
    f->open[f->nopen++] = (sized){face, px, font};
    return font;
}

TTF_Font *font_get(font_set *f, int face, int px, int rtl, const char *script)
{
    TTF_Font *font = get(f, face, px);
    if (!font)
        return NULL;
    /* SDL_ttf 2.20 shapes a whole string with one direction and one script: set both */
    TTF_SetFontDirection(font, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font, script && *script ? script : "Zyyy");
    return font;
}

void font_forget_widths(font_set *f) { text_widths_forget(f->widths); }

static int m_width(void *ctx, int face, int px, int rtl, const char *script, const char *s,
                   size_t len)
{
    font_set *f = ctx;
    TTF_Font *font = font_get(f, face, px, rtl, script);
    if (!font)
        return 0;
    buf_clear(&f->tmp);
    buf_add(&f->tmp, s, len);
    int w = 0, hh = 0;
    if (TTF_SizeUTF8(font, f->tmp.data, &w, &hh))
        return 0;
    return w;
}

static void m_metrics(void *ctx, int face, int px, int *asc, int *desc)
{
    TTF_Font *font = get(ctx, face, px);
    *asc = font ? TTF_FontAscent(font) : px;
    *desc = font ? -TTF_FontDescent(font) : px / 4;
}

static int m_covers(void *ctx, int face, uint32_t cp)
{
    TTF_Font *font = get(ctx, face, 16);
    return font && TTF_GlyphIsProvided32(font, cp);
}

/* Maps one font file: that costs only the pages FreeType touches (a script's font may never
 * be drawn) and copies nothing. Updates replace the files, never rewrite them in place, so
 * the mapping stays whole. The first bytes must be an sfnt header: a wrong file is refused
 * at start, not at its first use. */
static int map_font(font_set *f, int k, const char *path, err *e)
{
    /* a regular file only, opened without blocking and without following a link: a FIFO in
     * place of a font would otherwise hang the kiosk at start (app/fs) */
    size_t size;
    err why;
    int fd = fs_open_file(path, 64L * 1024 * 1024, &size, &why);
    if (fd < 0 && !fs_exists(path))
        return err_set(e, "%s: missing font (it is bundled under assets/fonts)", path);
    if (fd < 0)
        return err_set(e, "%s (fonts are bundled under assets/fonts)", why.msg);
    void *p = MAP_FAILED;
    if (size >= 12)
        p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return err_set(e, "%s: not a font file", path);
    f->data[k] = p;
    f->size[k] = size;
    const unsigned char *b = p;
    if (memcmp(b, "\0\1\0\0", 4) && memcmp(b, "true", 4) && memcmp(b, "OTTO", 4) &&
        memcmp(b, "ttcf", 4))
        return err_set(e, "%s: not a font file (no TrueType or OpenType header)", path);
    return 0;
}

font_set *font_open(const char *dir, err *e)
{
    if (!TTF_WasInit() && TTF_Init() != 0)
        return err_set(e, "SDL_ttf: %s", TTF_GetError()), NULL;
    font_set *f = xcalloc(1, sizeof *f);
    buf_init(&f->tmp);
    for (int k = 0; k < TEXT_FACE_COUNT; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, text_face_file(k));
        if (map_font(f, k, path, e)) {
            font_close(f);
            return NULL;
        }
    }
    f->m = (text_measurer){.ctx = f, .width = m_width, .metrics = m_metrics, .covers = m_covers};
    f->widths = text_widths_new(&f->m);
    return f;
}

void font_close(font_set *f)
{
    if (!f)
        return;
    for (int k = 0; k < f->nopen; k++)
        TTF_CloseFont(f->open[k].font);
    for (int k = 0; k < TEXT_FACE_COUNT; k++)
        if (f->data[k])
            munmap(f->data[k], f->size[k]);
    text_widths_free(f->widths);
    buf_free(&f->tmp);
    free(f);
}

const text_measurer *font_measurer(font_set *f) { return text_widths_measurer(f->widths); }
