/* layout_check PACK FONTDIR: lays out every block of every page of the pack in every
 * language with the real fonts (SDL_ttf, as the kiosk measures), at the widths of the
 * smallest and largest screens, and fails if any run lies outside its box. The unit tests
 * prove the algorithm with exact fake widths; this proves it with real shaping, where word
 * widths do not add up exactly to line widths. Then it draws a page twice and checks that
 * the second draw of the unchanged screen rasterises nothing, and that the texture cache
 * stays within its byte budget. Last, rounded rectangles: render fills them as rows of
 * pixels, and every pixel must be the one SDL's own triangle fan gives. */
#include "core/buf.h"
#include "pack/content.h"
#include "text/text.h"
#include "ui/ui.h"
#include "sdl/font.h"
#include "sdl/render.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static uint64_t clock_ms = 1000;
/* what the screen checked shows (a page, a survey's step), for the messages */
static char where[160];

/* Feedback is "kept" (nowhere): the kiosk then shows what a kiosk that collects it shows
 * (the survey tile, "was this helpful?"). */
static int keep_nothing(void *ctx, const store_submission *sub, char id[37], err *e)
{
    (void)ctx, (void)sub, (void)e;
    snprintf(id, 37, "00000000-0000-4000-8000-000000000000");
    return 0;
}

static void tap_id(ui *u, const char *id)
{
    const ui_widget *w = ui_find_id(u, id);
    if (!w)
        return;
    int x = w->x + w->w / 2, y = w->y + w->h / 2;
    ui_event d = {.type = UI_EV_DOWN, .x = x, .y = y}, up = {.type = UI_EV_UP, .x = x, .y = y};
    ui_event_(u, &d, clock_ms += 500);
    ui_event_(u, &up, clock_ms += 10);
}

/* Texts out of their box on the screen shown, and widgets past the sides of the screen;
 * each named on standard error. */
static long screen_faults(ui *u, const char *lang, int size)
{
    long bad = 0;
    int n = ui_clipped(u);
    if (n) {
        fprintf(stderr, "%s text size %d, screen %s%s%s: %d texts do not fit their box\n", lang,
                size + 1, ui_screen_name(u), *where ? " " : "", where, n);
        bad += n;
    }
    for (int k = 0; k < ui_widget_count(u); k++) {
        const ui_widget *w = ui_widget_at(u, k);
        if (w->x < 0 || w->x + w->w > 800) {
            fprintf(stderr, "%s text size %d, screen %s%s%s: widget %s at x=%d w=%d leaves the "
                            "screen\n", lang, size + 1, ui_screen_name(u), *where ? " " : "",
                    where, w->id, w->x, w->w);
            bad++;
        }
    }
    return bad;
}

static void key(ui *u, const char *name)
{
    ui_event ev = {.type = UI_EV_KEY, .text = name};
    ui_event_(u, &ev, clock_ms += 500);
}

/* The widget tree as a person would meet it, to tell whether a key changed anything. */
static void dump(ui *u, buf *b)
{
    b->len = 0;
    ui_dump_json(u, b);
}

/* The screen shown, then each page down of it to its end: every part that scrolls into
 * view is checked. */
static long through(ui *u, const char *lang, int size, int *screens)
{
    long bad = screen_faults(u, lang, size);
    (*screens)++;
    buf before, after;
    buf_init(&before), buf_init(&after);
    for (int k = 0; k < 60; k++) {
        dump(u, &before);
        key(u, "pagedown");
        dump(u, &after);
        if (before.len == after.len && !memcmp(before.data, after.data, before.len))
            break;
        bad += screen_faults(u, lang, size), (*screens)++;
    }
    buf_free(&before), buf_free(&after);
    return bad;
}

/* Every widget of a role on the screen shown (scrolling down to find them all): opened,
 * checked by visit, and back. */
static long each(ui *u, int role, const char *lang, int size, int *screens,
                 long (*visit)(ui *, const char *, int, int *))
{
    long bad = 0;
    char seen[64][96];
    int nseen = 0;
    buf before, after;
    buf_init(&before), buf_init(&after);
    for (int page = 0; page < 30; page++) {
        for (int k = 0; k < ui_widget_count(u) && nseen < 64; k++) {
            const ui_widget *w = ui_widget_at(u, k);
            int done = w->role != role;
            for (int s = 0; s < nseen && !done; s++)
                done = !strcmp(seen[s], w->id);
            if (done)
                continue;
            snprintf(seen[nseen++], sizeof seen[0], "%s", w->id);
            char id[96];
            snprintf(id, sizeof id, "%s", w->id);
            const char *from = ui_screen_name(u);
            tap_id(u, id);
            if (!strcmp(ui_screen_name(u), from)) {
                fprintf(stderr, "%s text size %d: %s on %s opened nothing\n", lang, size + 1, id,
                        from);
                bad++;
                continue;
            }
            snprintf(where, sizeof where, "(%s)", id);
            bad += visit(u, lang, size, screens);
            where[0] = 0;
            key(u, "escape");
            k = -1; /* the list again: back restores the scroll, the widgets are rebuilt */
        }
        dump(u, &before);
        key(u, "pagedown");
        dump(u, &after);
        if (before.len == after.len && !memcmp(before.data, after.data, before.len))
            break;
    }
    buf_free(&before), buf_free(&after);
    return bad;
}

/* The on-screen keyboard shown: its letters, its other layer, and in Ge'ez the vowel forms
 * of its first consonant. */
static long keyboard(ui *u, const char *lang, int size, int *screens)
{
    long bad = screen_faults(u, lang, size);
    (*screens)++;
    if (!strcmp(lang, "ti")) {
        for (int k = 0; k < ui_widget_count(u); k++)
            if (ui_widget_at(u, k)->role == UI_ROLE_KEY && !strncmp(ui_widget_at(u, k)->id, "key-", 4) &&
                strcmp(ui_widget_at(u, k)->id, "key-shift") && strcmp(ui_widget_at(u, k)->id, "key-layer")) {
                char id[96];
                snprintf(id, sizeof id, "%s", ui_widget_at(u, k)->id);
                tap_id(u, id);
                bad += screen_faults(u, lang, size), (*screens)++;
                key(u, "backspace");
                break;
            }
    }
    if (!ui_find_id(u, "key-layer")) {
        fprintf(stderr, "%s text size %d: no keyboard layer key on %s\n", lang, size + 1,
                ui_screen_name(u));
        return bad + 1;
    }
    tap_id(u, "key-layer");
    bad += screen_faults(u, lang, size), (*screens)++;
    tap_id(u, "key-layer");
    return bad;
}

/* A page's boxes (the bar, "was this helpful?", the footer) stay where they are as it
 * scrolls, and its text is laid out in its width (checked above for every block): the page
 * as it opens. */
static long page(ui *u, const char *lang, int size, int *screens)
{
    (*screens)++;
    return screen_faults(u, lang, size);
}

/* A category, and at the largest text size each of its pages (the boxes of a page are the
 * bar's, "was this helpful?" and the footer: the largest type is where they hold least). */
static long category(ui *u, const char *lang, int size, int *screens)
{
    long bad = screen_faults(u, lang, size);
    (*screens)++;
    return bad + (size == 2 ? each(u, UI_ROLE_LINK, lang, size, screens, page) : 0);
}

/* A survey, step by step: the notice to its end, each question (its answers scrolled
 * through, the keyboard of a free-text question with its layers), nothing chosen, up to
 * Send; then again to the age with "under 18", and the step after it (the notice for
 * children, or the polite end). */
static long survey(ui *u, const char *lang, int size, int *screens)
{
    long bad = 0;
    char at[100];
    snprintf(at, sizeof at, "%.90s", where);
    for (int pass = 0; pass < 2; pass++) {
        for (int step = 0; step < 40; step++) {
            snprintf(where, sizeof where, "%s step %d", at, step);
            if (strcmp(ui_screen_name(u), "survey"))
                break;
            if (!pass) /* the second pass only goes to the age */
                bad += ui_find_id(u, "key-layer") ? keyboard(u, lang, size, screens)
                                                  : through(u, lang, size, screens);
            int age = pass && ui_find_id(u, "answer-under-18");
            if (age)
                tap_id(u, "answer-under-18");
            const char *next = ui_find_id(u, "start") ? "start" : ui_find_id(u, "next") ? "next" : NULL;
            if (!next)
                break; /* Send: nothing is sent */
            tap_id(u, next);
            if (age) { /* what follows "under 18" */
                snprintf(where, sizeof where, "%s under 18", at);
                if (!strcmp(ui_screen_name(u), "survey"))
                    bad += through(u, lang, size, screens);
                else
                    bad += screen_faults(u, lang, size), (*screens)++;
                break;
            }
        }
        if (strcmp(ui_screen_name(u), "survey")) /* ended for a child: back to the survey */
            key(u, "escape");
        while (!strcmp(ui_screen_name(u), "survey") && ui_find_id(u, "question"))
            key(u, "escape"); /* back to the notice */
    }
    snprintf(where, sizeof where, "%s", at);
    return bad;
}

/* Every text size at 800x480 in lang: settings, home, each category from home, and "Still
 * there?" reflow with nothing clipped. */
static long text_sizes(content *c, const text_measurer *m, const char *lang, int *screens)
{
    long bad = 0;
    for (int size = 0; size < 3; size++) {
        ui_config cfg = {.w = 800, .h = 480, .lang = lang, .now = clock_ms,
                         .submit = keep_nothing};
        ui *u = ui_new(c, m, &cfg);
        tap_id(u, "start");
        tap_id(u, "settings");
        static const char *const ids[] = {"text-size-1", "text-size-2", "text-size-3"};
        tap_id(u, ids[size]);
        if (strcmp(ui_screen_name(u), "settings") || !ui_find_id(u, ids[size])) {
            fprintf(stderr, "%s: no settings screen from home\n", lang);
            bad++;
        }
        bad += screen_faults(u, lang, size), (*screens)++;
        ui_event esc = {.type = UI_EV_KEY, .text = "escape"};
        ui_event_(u, &esc, clock_ms += 500);
        bad += screen_faults(u, lang, size), (*screens)++;
        /* each category home offers (scrolled down to), each of its pages to its end, and
         * back */
        bad += each(u, UI_ROLE_CATEGORY, lang, size, screens, category);
        key(u, "home");
        /* at the largest text size, the surveys, each step; search with its keyboard (the
         * smaller sizes hold in less room: the largest is where a box overflows) */
        if (size == 2) {
            tap_id(u, "feedback");
            if (!strcmp(ui_screen_name(u), "feedback")) {
                bad += screen_faults(u, lang, size), (*screens)++;
                bad += each(u, UI_ROLE_LINK, lang, size, screens, survey);
            } else if (!strcmp(ui_screen_name(u), "survey")) {
                bad += survey(u, lang, size, screens);
            } else {
                fprintf(stderr, "%s: no survey from home\n", lang);
                bad++;
            }
                key(u, "home");
            tap_id(u, "search");
            bad += keyboard(u, lang, size, screens);
            key(u, "home");
        }
        ui_tick(u, clock_ms += UI_IDLE_MS); /* "Still there?" */
        if (strcmp(ui_screen_name(u), "still-there")) {
            fprintf(stderr, "%s: no \"Still there?\"\n", lang);
            bad++;
        }
        bad += screen_faults(u, lang, size), (*screens)++;
        ui_free(u);
    }
    return bad;
}

/* A rounded rectangle as SDL_RenderGeometry draws it: the fan render.c gives SDL where it
 * does not fill the rows itself (a centre and 7 points on each corner's arc). */
static void sdl_round_rect(SDL_Renderer *r, float x, float y, float w, float h, float rad,
                           SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    rad = rad * 2 > w ? w / 2 : rad;
    rad = rad * 2 > h ? h / 2 : rad;
    if (rad < 1) {
        SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
        SDL_FRect fr = {x, y, w, h};
        SDL_RenderFillRectF(r, &fr);
        return;
    }
    enum { SEG = 6 };
    SDL_Vertex v[4 * (SEG + 1) + 1];
    int idx[3 * 4 * (SEG + 1)], nv = 0, ni = 0;
    v[nv++] = (SDL_Vertex){{x + w / 2, y + h / 2}, c, {0, 0}};
    const float cx[4] = {x + w - rad, x + rad, x + rad, x + w - rad};
    const float cy[4] = {y + rad, y + rad, y + h - rad, y + h - rad};
    for (int q = 0; q < 4; q++)
        for (int s = 0; s <= SEG; s++) {
            float a = (float)(q * 90 + s * 90 / SEG) * 3.14159265f / 180.0f;
            v[nv++] = (SDL_Vertex){{cx[q] + rad * cosf(a), cy[q] - rad * sinf(a)}, c, {0, 0}};
        }
    for (int k = 1; k < nv; k++) {
        idx[ni++] = 0;
        idx[ni++] = k;
        idx[ni++] = k + 1 < nv ? k + 1 : 1;
    }
    SDL_RenderGeometry(r, NULL, v, nv, idx, ni);
}

/* Screens of random rounded rectangles (sizes from nothing to wider than the surface, radii
 * past half the height, outlines, clipped, partly off the surface, some colours not opaque,
 * half of them of a few shapes met again at other places)
 * drawn by render_draw and by SDL's fan: the number of screens that differ in any pixel. */
static int round_rects_differ(font_set *f)
{
    enum { W = 320, H = 240, SCREENS = 1500 };
    SDL_Surface *sa = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface *sb = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *ra = SDL_CreateSoftwareRenderer(sa), *rb = SDL_CreateSoftwareRenderer(sb);
    render *rd = render_new(ra, f, 1 << 20);
    display_list d;
    display_init(&d);
    uint32_t seed = 7;
#define RND(n) ((seed = seed * 1103515245u + 12345u), (int)((seed >> 8) % (uint32_t)(n)))
    int differ = 0;
    for (int t = 0; t < SCREENS; t++) {
        display_clear(&d, W, H, 0x102030ff);
        SDL_RenderSetClipRect(rb, NULL);
        SDL_SetRenderDrawBlendMode(rb, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(rb, 0x10, 0x20, 0x30, 255);
        SDL_RenderClear(rb);
        int clip = RND(3) == 0;
        SDL_Rect cr = {RND(W), RND(H), RND(W), RND(H)};
        if (clip) {
            display_clip(&d, cr.x, cr.y, cr.w, cr.h);
            SDL_RenderSetClipRect(rb, &cr);
        }
        for (int n = 1 + RND(4); n > 0; n--) {
            int x = RND(W + 100) - 50, y = RND(H + 100) - 50, w = RND(360), h = RND(280);
            if (RND(4) == 0)
                w = RND(24), h = RND(24);
            int rad = RND(48), border = RND(3) ? 0 : RND(6);
            if (RND(2)) { /* shapes that come again elsewhere, as a screen's tiles do */
                static const int shape[6][3] = {{236, 188, 18}, {60, 61, 12}, {16, 200, 8},
                                                {101, 47, 30}, {9, 9, 4}, {300, 33, 17}};
                const int *k = shape[RND(6)];
                w = k[0], h = k[1], rad = k[2];
            }
            uint32_t c = (uint32_t)RND(1 << 24) << 8 | 0xff;
            uint32_t bc = (uint32_t)RND(1 << 24) << 8 | 0xff;
            if (RND(5) == 0)
                c = (c & ~0xffu) | (uint32_t)RND(256);
            SDL_Color fill = {c >> 24, c >> 16 & 255, c >> 8 & 255, c & 255};
            if (border) {
                SDL_Color line = {bc >> 24, bc >> 16 & 255, bc >> 8 & 255, 255};
                display_frame(&d, x, y, w, h, c, rad, border, bc);
                sdl_round_rect(rb, x, y, w, h, rad, line);
                sdl_round_rect(rb, x + border, y + border, w - 2 * border, h - 2 * border,
                               rad - border, fill);
            } else {
                display_rect(&d, x, y, w, h, c, rad);
                sdl_round_rect(rb, x, y, w, h, rad, fill);
            }
        }
        if (clip)
            display_unclip(&d);
        render_draw(rd, &d);
        if (memcmp(sa->pixels, sb->pixels, (size_t)sa->pitch * H)) {
            if (differ++ < 5)
                fprintf(stderr, "round rectangles: screen %d differs from SDL's fan\n", t);
        }
    }
#undef RND
    display_free(&d);
    render_free(rd);
    SDL_DestroyRenderer(ra);
    SDL_DestroyRenderer(rb);
    SDL_FreeSurface(sa);
    SDL_FreeSurface(sb);
    return differ;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: layout_check PACK FONTDIR\n");
        return 2;
    }
    err e;
    content *c = content_open(argv[1], &e);
    if (!c) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(SDL_INIT_VIDEO);
    font_set *f = font_open(argv[2], &e);
    if (!f) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    const text_measurer *m = font_measurer(f);
    static const int widths[] = {200, 752, 1232, 1872};
    static const int sizes[] = {18, 28, 38};
    long lines = 0, bad = 0;
    arena a = {0};
    content_item *cats;
    int nc = content_categories(c, "en", &a, &cats);
    text_para p = {0};
    for (int i = 0; i < nc; i++) {
        char owner[120];
        snprintf(owner, sizeof owner, "category:%s", cats[i].id);
        content_item *pages;
        int np = content_links(c, owner, "en", &a, &pages);
        for (int k = 0; k < np; k++)
            for (int l = 0; l < content_nlangs(c); l++) {
                const content_lang *lang = content_lang_at(c, l);
                content_page pg;
                if (content_page_get(c, pages[k].id, lang->code, &a, &pg))
                    continue;
                for (int b = 0; b < pg.nblocks; b++)
                    for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++)
                        for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
                            const char *s = pg.blocks[b].text ? pg.blocks[b].text : "";
                            text_style st = {.px = sizes[si], .rtl = lang->rtl,
                                             .bold = !strcmp(pg.blocks[b].kind, "h")};
                            text_layout(m, s, strlen(s), &st, widths[wi], &p);
                            lines += p.nlines;
                            for (int r = 0; r < p.nruns; r++)
                                if (p.runs[r].x < 0 || p.runs[r].x + p.runs[r].w > widths[wi]) {
                                    if (bad++ < 10)
                                        fprintf(stderr, "%s/%s block %d at %d px, %d wide: run at "
                                                        "x=%d w=%d leaves the box\n",
                                                pg.id, lang->code, b, sizes[si], widths[wi],
                                                p.runs[r].x, p.runs[r].w);
                                }
                        }
            }
    }
    printf("layout_check: %ld lines laid out, %ld runs outside their box\n", lines, bad);

    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 1280, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
    for (int l = 0; l < content_nlangs(c); l++) {
        ui_config cfg = {.w = 1280, .h = 800, .lang = content_lang_at(c, l)->code,
                         .page = "one-off-support"};
        ui *u = ui_new(c, m, &cfg);
        render *rd = render_new(r, f, 32u << 20);
        unsigned long h1, m1, h2, m2;
        size_t bytes;
        render_draw(rd, ui_display(u));
        render_stats(rd, &h1, &m1, &bytes);
        render_draw(rd, ui_display(u));
        render_stats(rd, &h2, &m2, &bytes);
        if (m1 == 0 || m2 != m1 || h2 <= h1) {
            fprintf(stderr, "%s: second draw rasterised %lu runs (first %lu)\n", cfg.lang,
                    m2 - m1, m1);
            bad++;
        }
        render_free(rd);
        /* a budget smaller than one screen: the cache evicts and stays under it */
        rd = render_new(r, f, 64 * 1024);
        render_draw(rd, ui_display(u));
        render_stats(rd, &h1, &m1, &bytes);
        if (bytes > 64 * 1024) {
            fprintf(stderr, "%s: cache holds %zu bytes over a 65536 byte budget\n", cfg.lang, bytes);
            bad++;
        }
        /* forgetting a person empties the cache of drawn text */
        render_forget(rd);
        render_stats(rd, &h1, &m1, &bytes);
        if (bytes != 0) {
            fprintf(stderr, "%s: %zu bytes of drawn text left after forgetting\n", cfg.lang, bytes);
            bad++;
        }
        render_free(rd);
        ui_free(u);
    }
    printf("layout_check: unchanged screens redrawn from the cache in %d languages\n",
           content_nlangs(c));
    int screens = 0;
    long clipped = 0;
    for (int l = 0; l < content_nlangs(c); l++)
        clipped += text_sizes(c, m, content_lang_at(c, l)->code, &screens);
    printf("layout_check: %d screens at 800x480 in every text size (settings, home, categories, "
           "\"Still there?\"; at the largest, pages, surveys, keyboards), %ld texts clipped\n",
           screens, clipped);
    bad += clipped;
    int differ = round_rects_differ(f);
    printf("layout_check: rounded rectangles drawn as SDL's triangle fans draw them, %d screens "
           "differ\n", differ);
    bad += differ;
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    text_para_free(&p);
    arena_free(&a);
    font_close(f);
    content_close(c);
    TTF_Quit();
    SDL_Quit();
    return bad ? 1 : 0;
}
