#include "sdl/render.h"
#include "core/buf.h"

#include <math.h>
#include <string.h>

#define SLOTS 4096 /* open addressing; the byte budget evicts long before this fills */

typedef struct entry {
    uint64_t hash;
    char *text;
    uint32_t len;
    uint8_t face, rtl;
    int16_t px;
    uint32_t color;
    char script[5];
    SDL_Texture *tex;
    int w, h;
    uint64_t used; /* LRU stamp */
    int live;
} entry;

struct render {
    SDL_Renderer *r;
    font_set *f;
    entry slots[SLOTS];
    int count;
    size_t bytes, budget;
    uint64_t clock;
    unsigned long hits, misses;
};

render *render_new(SDL_Renderer *r, font_set *f, size_t cache_bytes)
{
    render *rd = xcalloc(1, sizeof *rd);
    rd->r = r;
    rd->f = f;
    rd->budget = cache_bytes;
    return rd;
}

static void drop(render *rd, entry *e)
{
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free(e->text);
    rd->bytes -= (size_t)e->w * (size_t)e->h * 4;
    rd->count--;
    memset(e, 0, sizeof *e);
}

void render_forget(render *rd)
{
    for (int k = 0; k < SLOTS; k++)
        if (rd->slots[k].live)
            drop(rd, &rd->slots[k]);
}

void render_free(render *rd)
{
    if (!rd)
        return;
    render_forget(rd);
    free(rd);
}

void render_stats(const render *rd, unsigned long *hits, unsigned long *misses, size_t *bytes)
{
    *hits = rd->hits, *misses = rd->misses, *bytes = rd->bytes;
}

static int same(const entry *e, const display_item *it, const char *s, uint64_t h)
{
    return e->live && e->hash == h && e->len == it->text_len && e->face == it->face &&
           e->color == it->color && e->px == it->px && e->rtl == it->rtl &&
           !memcmp(e->script, it->script, 4) &&
           !memcmp(e->text, s, it->text_len);
}

/* Removes the least recently used entries until the new texture fits the budget. Entries
 * are re-inserted so that probing chains stay intact. */
static void evict(render *rd, size_t need)
{
    while ((rd->bytes + need > rd->budget && rd->count > 0) || rd->count > SLOTS * 3 / 4) {
        entry *old = NULL;
        for (int k = 0; k < SLOTS; k++)
            if (rd->slots[k].live && (!old || rd->slots[k].used < old->used))
                old = &rd->slots[k];
        if (!old)
            return;
        drop(rd, old);
        /* rehash the cluster after the hole */
        int k = (int)(old - rd->slots);
        for (int i = (k + 1) % SLOTS; rd->slots[i].live; i = (i + 1) % SLOTS) {
            entry e = rd->slots[i];
            memset(&rd->slots[i], 0, sizeof e);
            int j = (int)(e.hash % SLOTS);
            while (rd->slots[j].live)
                j = (j + 1) % SLOTS;
            rd->slots[j] = e;
        }
    }
}

static SDL_Color col(uint32_t c)
{
    return (SDL_Color){(Uint8)(c >> 24), (Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c};
}

static entry *lookup(render *rd, const display_item *it, const char *s)
{
    uint64_t h = font_run_hash(s, it->text_len, it->face, it->px, it->rtl, it->script) ^ it->color;
    int i = (int)(h % SLOTS);
    while (rd->slots[i].live) {
        if (same(&rd->slots[i], it, s, h)) {
            rd->hits++;
            rd->slots[i].used = ++rd->clock;
            return &rd->slots[i];
        }
        i = (i + 1) % SLOTS;
    }
    rd->misses++;
    TTF_Font *font = font_get(rd->f, it->face, it->px, it->rtl, it->script);
    if (!font)
        return NULL;
    SDL_Color fg = col(it->color);
    /* a run with nothing visible (white space, joiners, isolates) renders no surface; it is
     * cached as empty so an unchanged screen still rasterises nothing */
    SDL_Surface *surf = TTF_RenderUTF8_Blended(font, s, fg);
    size_t need = surf ? (size_t)surf->w * (size_t)surf->h * 4 : 0;
    evict(rd, need);
    i = (int)(h % SLOTS);
    while (rd->slots[i].live)
        i = (i + 1) % SLOTS;
    entry *e = &rd->slots[i];
    if (surf) {
        e->tex = SDL_CreateTextureFromSurface(rd->r, surf);
        e->w = surf->w, e->h = surf->h;
        SDL_FreeSurface(surf);
        if (!e->tex) {
            memset(e, 0, sizeof *e);
            return NULL;
        }
        SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
    }
    e->hash = h;
    e->text = xstrndup(s, it->text_len);
    e->len = it->text_len;
    e->face = it->face, e->px = it->px, e->rtl = it->rtl, e->color = it->color;
    memcpy(e->script, it->script, 5);
    e->used = ++rd->clock;
    e->live = 1;
    rd->count++;
    rd->bytes += need;
    return e;
}

/* A filled rectangle with rounded corners, as a triangle fan. */
static void round_rect(SDL_Renderer *r, float x, float y, float w, float h, float rad, SDL_Color c)
{
    /* an opaque colour is written, not blended: the same pixels, and the software renderer
     * blends every pixel of a rectangle even at full alpha (a fifth of drawing a page) */
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    if (rad * 2 > w)
        rad = w / 2;
    if (rad * 2 > h)
        rad = h / 2;
    if (rad < 1) {
        SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
        SDL_FRect fr = {x, y, w, h};
        SDL_RenderFillRectF(r, &fr);
        return;
    }
    enum { SEG = 6 };
    SDL_Vertex v[4 * (SEG + 1) + 1];
    int nv = 0;
    v[nv++] = (SDL_Vertex){{x + w / 2, y + h / 2}, c, {0, 0}};
    const float cx[4] = {x + w - rad, x + rad, x + rad, x + w - rad};
    const float cy[4] = {y + rad, y + rad, y + h - rad, y + h - rad};
    for (int q = 0; q < 4; q++)
        for (int s = 0; s <= SEG; s++) {
            float a = (float)(q * 90 + s * 90 / SEG) * 3.14159265f / 180.0f;
            v[nv++] = (SDL_Vertex){{cx[q] + rad * cosf(a), cy[q] - rad * sinf(a)}, c, {0, 0}};
        }
    int idx[3 * 4 * (SEG + 1)];
    int ni = 0;
    for (int k = 1; k < nv; k++) {
        idx[ni++] = 0;
        idx[ni++] = k;
        idx[ni++] = k + 1 < nv ? k + 1 : 1;
    }
    SDL_RenderGeometry(r, NULL, v, nv, idx, ni);
}

void render_draw(render *rd, const display_list *d)
{
    SDL_Renderer *r = rd->r;
    SDL_Color bg = col(d->background);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_RenderSetClipRect(r, NULL);
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(r);
    for (size_t k = 0; k < d->n; k++) {
        const display_item *it = &d->items[k];
        switch (it->kind) {
        case DISPLAY_RECT:
            if (it->border > 0) {
                round_rect(r, (float)it->x, (float)it->y, (float)it->w, (float)it->h,
                           (float)it->radius, col(it->border_color));
                round_rect(r, (float)(it->x + it->border), (float)(it->y + it->border),
                           (float)(it->w - 2 * it->border), (float)(it->h - 2 * it->border),
                           (float)(it->radius - it->border), col(it->color));
            } else {
                round_rect(r, (float)it->x, (float)it->y, (float)it->w, (float)it->h,
                           (float)it->radius, col(it->color));
            }
            break;
        case DISPLAY_TEXT: {
            entry *e = lookup(rd, it, display_text_of(d, it));
            if (!e || !e->tex)
                break;
            TTF_Font *font = font_get(rd->f, it->face, it->px, it->rtl, it->script);
            int asc = font ? TTF_FontAscent(font) : it->px;
            SDL_Rect dst = {it->x, it->y - asc, e->w, e->h};
            if (it->flip)
                SDL_RenderCopyEx(r, e->tex, NULL, &dst, 0, NULL, SDL_FLIP_HORIZONTAL);
            else
                SDL_RenderCopy(r, e->tex, NULL, &dst);
            break;
        }
        case DISPLAY_CLIP: {
            SDL_Rect cr = {it->x, it->y, it->w, it->h};
            SDL_RenderSetClipRect(r, &cr);
            break;
        }
        case DISPLAY_UNCLIP:
            SDL_RenderSetClipRect(r, NULL);
            break;
        }
    }
}
