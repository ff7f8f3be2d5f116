#include "sdl/render.h"
#include "core/buf.h"

#include <limits.h>
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

/* the rows of one rounded rectangle's shape, relative to its centre (see fill_fan) */
enum { SEG = 6, FAN_V = 4 * (SEG + 1) + 1, FAN_I = 3 * 4 * (SEG + 1), FAN_SHAPES = 32 };
typedef struct fan_shape {
    uint64_t hash, used;
    SDL_Point p[FAN_V];
    SDL_Rect *rects;
    int n;
} fan_shape;

struct render {
    SDL_Renderer *r;
    font_set *f;
    entry slots[SLOTS];
    int count;
    size_t bytes, budget;
    uint64_t clock;
    unsigned long hits, misses;
    int software; /* SDL's software renderer: rounded rectangles are filled as rows */
    fan_shape shapes[FAN_SHAPES]; /* rounded rectangles' rows, by shape */
    struct fan_row *rows; /* scratch of round_rect */
    int caprows;
    SDL_Rect *rects;
    int nrects, caprects;
};

static void fan_angles(void);

render *render_new(SDL_Renderer *r, font_set *f, size_t cache_bytes)
{
    render *rd = xcalloc(1, sizeof *rd);
    rd->r = r;
    rd->f = f;
    rd->budget = cache_bytes;
    SDL_RendererInfo info;
    fan_angles();
    rd->software = SDL_GetRendererInfo(r, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
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
    free(rd->rows);
    for (int k = 0; k < FAN_SHAPES; k++)
        free(rd->shapes[k].rects);
    free(rd->rects);
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
    uint64_t h = text_run_hash(s, it->text_len, it->face, it->px, it->rtl, it->script) ^ it->color;
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

/* ---- rounded rectangles ----------------------------------------------------------------
 * A rounded rectangle is the polygon of a triangle fan (its centre and 7 points on each
 * corner's arc). SDL's software renderer fills a triangle by testing every pixel of its
 * bounding box, and a fan's triangles reach from the centre to the edge: each pixel of the
 * rectangle was tested about seven times, most of a language screen's or a page's drawing.
 * The pixels SDL would fill are computed here instead, row by row with SDL's own rule (its
 * src/render/software/SDL_triangle.c of SDL 2.26: integer vertices, pixel centres, the
 * top-left rule), and filled as runs of rows: the same pixels, at the cost of a few rects.
 * Where SDL would take another path (a colour that is not opaque, a scaled renderer, two
 * triangles it would fill as one rectangle), the fan goes to SDL as before. */

/* The cosines and sines of the fan's angles, once: the same floats as cosf and sinf give
 * at every call. */
static float fan_cos[4 * (SEG + 1)], fan_sin[4 * (SEG + 1)];

static void fan_angles(void)
{
    for (int q = 0; q < 4; q++)
        for (int s = 0; s <= SEG; s++) {
            float a = (float)(q * 90 + s * 90 / SEG) * 3.14159265f / 180.0f;
            fan_cos[q * (SEG + 1) + s] = cosf(a), fan_sin[q * (SEG + 1) + s] = sinf(a);
        }
}

/* The fan as SDL_RenderGeometry takes it; the number of vertices. */
static int fan(float x, float y, float w, float h, float rad, SDL_Color c, SDL_Vertex *v, int *idx)
{
    int nv = 0;
    v[nv++] = (SDL_Vertex){{x + w / 2, y + h / 2}, c, {0, 0}};
    const float cx[4] = {x + w - rad, x + rad, x + rad, x + w - rad};
    const float cy[4] = {y + rad, y + rad, y + h - rad, y + h - rad};
    for (int q = 0; q < 4; q++)
        for (int s = 0; s <= SEG; s++) {
            int k = q * (SEG + 1) + s;
            v[nv++] = (SDL_Vertex){{cx[q] + rad * fan_cos[k], cy[q] - rad * fan_sin[k]}, c, {0, 0}};
        }
    int ni = 0;
    for (int k = 1; k < nv; k++) {
        idx[ni++] = 0;
        idx[ni++] = k;
        idx[ni++] = k + 1 < nv ? k + 1 : 1;
    }
    return nv;
}

/* Whether SDL_RenderGeometry on the software renderer (SDL_SW_RenderGeometryRaw) would fill
 * two neighbouring triangles of the fan as one rectangle: its test, on the same floats. */
static int sdl_takes_quad(const SDL_Vertex *v, const int *idx, int ni)
{
    int prev[3] = {-1, -1, -1};
    for (int i = 0; i < ni; i += 3) {
        int k[3] = {idx[i], idx[i + 1], idx[i + 2]};
        if (prev[0] == -1) {
            memcpy(prev, k, sizeof prev);
            continue;
        }
        int cnt = 0;
        for (int j = 0; j < 3; j++)
            cnt += prev[j] == k[0] || prev[j] == k[1] || prev[j] == k[2];
        if (cnt == 2) {
            float x0 = v[k[0]].position.x, y0 = v[k[0]].position.y;
            float x1 = v[k[1]].position.x, y1 = v[k[1]].position.y;
            float x2 = v[k[2]].position.x, y2 = v[k[2]].position.y;
            int A, B, C, C2;
            if (x0 <= x1 && y0 <= y1)
                A = x0 <= x2 && y0 <= y2 ? k[0] : k[2];
            else
                A = x1 <= x2 && y1 <= y2 ? k[1] : k[2];
            if (x0 >= x1 && y0 >= y1)
                B = x0 >= x2 && y0 >= y2 ? k[0] : k[2];
            else
                B = x1 >= x2 && y1 >= y2 ? k[1] : k[2];
            C = k[0] != A && k[0] != B ? k[0] : k[1] != A && k[1] != B ? k[1] : k[2];
            C2 = prev[0] != A && prev[0] != B   ? prev[0]
                 : prev[1] != A && prev[1] != B ? prev[1]
                                                : prev[2];
            SDL_FPoint a = v[A].position, b = v[B].position, c = v[C].position, c2 = v[C2].position;
            if (((a.x == c.x && b.y == c.y) || (a.y == c.y && b.x == c.x)) &&
                ((a.x == c2.x && b.y == c2.y) || (a.y == c2.y && b.x == c2.x)))
                return 1; /* one colour throughout: the colour test passes */
        }
        memcpy(prev, k, sizeof prev);
    }
    return 0;
}

/* floor(a / b) for b > 0 */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* SDL's top-left rule (is_top_left in SDL_triangle.c) */
static int top_left(SDL_Point a, SDL_Point b, int cw)
{
    if (cw)
        return (a.y == b.y && a.x < b.x) || b.y < a.y;
    return (a.y == b.y && b.x < a.x) || a.y < b.y;
}

/* One row of a fan: the runs of pixels its triangles cover so far, apart and in order (a
 * fan's triangles meet, so a row is one run once they are all in). */
enum { ROW_RUNS = 4 };
typedef struct fan_row {
    int n;
    int x0[ROW_RUNS], x1[ROW_RUNS];
} fan_row;

static void add_rect(render *rd, SDL_Rect r)
{
    if (rd->nrects == rd->caprects) {
        rd->caprects = rd->caprects ? rd->caprects * 2 : 256;
        rd->rects = xrealloc(rd->rects, (size_t)rd->caprects * sizeof *rd->rects);
    }
    rd->rects[rd->nrects++] = r;
}

/* Adds pixels x0..x1 to a row, joined with the runs they touch; -1 when the row would hold
 * more than ROW_RUNS runs apart. */
static int row_add(fan_row *r, int x0, int x1)
{
    int i = 0;
    while (i < r->n && r->x1[i] + 1 < x0) /* runs wholly before */
        i++;
    int j = i;
    while (j < r->n && r->x0[j] <= x1 + 1) { /* runs it touches: joined into it */
        x0 = SDL_min(x0, r->x0[j]);
        x1 = SDL_max(x1, r->x1[j]);
        j++;
    }
    int n = r->n - (j - i) + 1;
    if (n > ROW_RUNS)
        return -1;
    memmove(r->x0 + i + 1, r->x0 + j, (size_t)(r->n - j) * sizeof *r->x0);
    memmove(r->x1 + i + 1, r->x1 + j, (size_t)(r->n - j) * sizeof *r->x1);
    r->x0[i] = x0, r->x1[i] = x1;
    r->n = n;
    return 0;
}

/* The pixels of one triangle, as SDL_SW_FillTriangle finds them: in its bounding box, those
 * whose centre passes the three edge tests, each with the top-left rule's bias. The points
 * are SDL's: truncated to integers, then doubled (one bit of fixed point). */
static int triangle_rows(fan_row *rows, int row0, SDL_Point d0, SDL_Point d1, SDL_Point d2)
{
    int64_t area = (int64_t)(d1.x - d0.x) * (d2.y - d0.y) - (int64_t)(d1.y - d0.y) * (d2.x - d0.x);
    if (area == 0)
        return 0;
    int cw = area > 0;
    int64_t sg = cw ? 1 : -1;
    const SDL_Point ea[3] = {d1, d2, d0}, eb[3] = {d2, d0, d1};
    int bias[3];
    for (int e = 0; e < 3; e++)
        bias[e] = top_left(ea[e], eb[e], cw) ? 0 : -1;
    int minx = SDL_min(d0.x, SDL_min(d1.x, d2.x)), maxx = SDL_max(d0.x, SDL_max(d1.x, d2.x));
    int miny = SDL_min(d0.y, SDL_min(d1.y, d2.y)), maxy = SDL_max(d0.y, SDL_max(d1.y, d2.y));
    int bx = minx >> 1, bw = (maxx - minx) >> 1, by = miny >> 1, bh = (maxy - miny) >> 1;
    for (int py = by; py < by + bh; py++) {
        int64_t Y = 2 * (int64_t)py + 1, lo = bx, hi = (int64_t)bx + bw - 1;
        for (int e = 0; e < 3 && lo <= hi; e++) {
            /* the edge test at the centre of pixel px, bias in: ka * px + kb >= 0 */
            SDL_Point a = ea[e], b = eb[e];
            int64_t ka = -2 * sg * (b.y - a.y);
            int64_t kb = sg * ((int64_t)(b.x - a.x) * (Y - a.y) -
                               (int64_t)(b.y - a.y) * (1 - a.x)) + bias[e];
            if (ka > 0) {
                int64_t m = -floor_div(kb, ka); /* ceil(-kb / ka) */
                if (m > lo)
                    lo = m;
            } else if (ka < 0) {
                int64_t m = floor_div(kb, -ka);
                if (m < hi)
                    hi = m;
            } else if (kb < 0) {
                hi = lo - 1;
            }
        }
        if (lo <= hi && row_add(&rows[py - row0], (int)lo, (int)hi))
            return -1;
    }
    return 0;
}

/* The rows of a fan whose integer points (doubled, as SDL keeps them) are p, relative to
 * its centre p[0] = (0, 0), as rects in rd->rects; -1 when a row would need more runs than
 * a fan has. */
static int fan_rows(render *rd, const SDL_Point *p, int nv, const int *idx, int ni)
{
    int miny = INT_MAX, maxy = INT_MIN;
    for (int k = 0; k < nv; k++)
        miny = SDL_min(miny, p[k].y >> 1), maxy = SDL_max(maxy, p[k].y >> 1);
    int nrows = maxy - miny + 1;
    if (nrows > rd->caprows) {
        rd->caprows = nrows;
        rd->rows = xrealloc(rd->rows, (size_t)nrows * sizeof *rd->rows);
    }
    for (int k = 0; k < nrows; k++)
        rd->rows[k].n = 0;
    for (int i = 0; i < ni; i += 3)
        if (triangle_rows(rd->rows, miny, p[idx[i]], p[idx[i + 1]], p[idx[i + 2]]))
            return -1;
    /* rows alike joined into one rect: [open, open_end) are the rects of the row before */
    rd->nrects = 0;
    int open = 0, open_end = 0;
    for (int k = 0; k < nrows; k++) {
        const fan_row *row = &rd->rows[k];
        int y = miny + k, row_start = rd->nrects;
        for (int i = 0; i < row->n; i++) {
            SDL_Rect r = {row->x0[i], y, row->x1[i] - row->x0[i] + 1, 1};
            for (int o = open; o < open_end; o++) {
                SDL_Rect q = rd->rects[o];
                if (q.h > 0 && q.x == r.x && q.w == r.w) { /* it carries on in this row */
                    rd->rects[o].h = 0;
                    r = (SDL_Rect){q.x, q.y, q.w, q.h + 1};
                    break;
                }
            }
            add_rect(rd, r);
        }
        open = row_start, open_end = rd->nrects;
    }
    int n = 0;
    for (int k = 0; k < rd->nrects; k++)
        if (rd->rects[k].h > 0)
            rd->rects[n++] = rd->rects[k];
    rd->nrects = n;
    return 0;
}

/* The fan filled as rows of pixels: 0, or -1 when SDL would not fill it as triangles.
 * SDL's filling is exact integer arithmetic on the points, so a fan whose points lie the
 * same around its centre covers the same pixels moved: the rects of a shape are kept (the
 * tiles of a screen are one shape) and only moved. */
static int fill_fan(render *rd, const SDL_Vertex *v, int nv, const int *idx, int ni)
{
    if (sdl_takes_quad(v, idx, ni))
        return -1;
    SDL_Point p[FAN_V];
    for (int k = 0; k < nv; k++) /* SW_QueueGeometry: truncated, then fixed point */
        p[k] = (SDL_Point){(int)v[k].position.x * 2, (int)v[k].position.y * 2};
    SDL_Point o = p[0];
    uint64_t h = 1469598103934665603ULL;
    for (int k = 0; k < nv; k++) {
        p[k].x -= o.x, p[k].y -= o.y;
        h = (h ^ (uint32_t)p[k].x) * 1099511628211ULL;
        h = (h ^ (uint32_t)p[k].y) * 1099511628211ULL;
    }
    fan_shape *sh = NULL, *oldest = &rd->shapes[0];
    for (int k = 0; k < FAN_SHAPES && !sh; k++) {
        fan_shape *c = &rd->shapes[k];
        if (c->rects && c->hash == h && !memcmp(c->p, p, sizeof p))
            sh = c;
        else if (c->used < oldest->used)
            oldest = c;
    }
    if (!sh) {
        if (fan_rows(rd, p, nv, idx, ni))
            return -1;
        sh = oldest;
        free(sh->rects);
        sh->rects = xmalloc((size_t)(rd->nrects ? rd->nrects : 1) * sizeof *sh->rects);
        memcpy(sh->rects, rd->rects, (size_t)rd->nrects * sizeof *sh->rects);
        sh->n = rd->nrects;
        sh->hash = h;
        memcpy(sh->p, p, sizeof p);
    }
    sh->used = ++rd->clock;
    rd->nrects = 0;
    for (int k = 0; k < sh->n; k++) {
        SDL_Rect r = sh->rects[k];
        add_rect(rd, (SDL_Rect){r.x + o.x / 2, r.y + o.y / 2, r.w, r.h});
    }
    if (rd->nrects)
        SDL_RenderFillRects(rd->r, rd->rects, rd->nrects);
    return 0;
}

/* A filled rectangle with rounded corners. */
static void round_rect(render *rd, float x, float y, float w, float h, float rad, SDL_Color c)
{
    SDL_Renderer *r = rd->r;
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
    SDL_Vertex v[FAN_V];
    int idx[FAN_I];
    int nv = fan(x, y, w, h, rad, c, v, idx);
    float sx, sy;
    SDL_RenderGetScale(r, &sx, &sy);
    /* a colour that is not opaque is blended triangle by triangle by SDL: left to it */
    if (rd->software && c.a == 255 && sx == 1.0f && sy == 1.0f) {
        SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
        if (fill_fan(rd, v, nv, idx, FAN_I) == 0)
            return;
    }
    SDL_RenderGeometry(r, NULL, v, nv, idx, FAN_I);
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
                round_rect(rd, (float)it->x, (float)it->y, (float)it->w, (float)it->h,
                           (float)it->radius, col(it->border_color));
                round_rect(rd, (float)(it->x + it->border), (float)(it->y + it->border),
                           (float)(it->w - 2 * it->border), (float)(it->h - 2 * it->border),
                           (float)(it->radius - it->border), col(it->color));
            } else {
                round_rect(rd, (float)it->x, (float)it->y, (float)it->w, (float)it->h,
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
