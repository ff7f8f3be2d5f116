/* layout_check PACK FONTDIR: lays out every block of every page of the pack in every
 * language with the real fonts (SDL_ttf, as the kiosk measures), at the widths of the
 * smallest and largest screens, and fails if any run lies outside its box. The unit tests
 * prove the algorithm with exact fake widths; this proves it with real shaping, where word
 * widths do not add up exactly to line widths. Then it draws a page twice and checks that
 * the second draw of the unchanged screen rasterises nothing, and that the texture cache
 * stays within its byte budget. */
#include "pack/content.h"
#include "text/text.h"
#include "ui/ui.h"
#include "sdl/font.h"
#include "sdl/render.h"

#include <SDL.h>
#include <stdio.h>
#include <string.h>

static uint64_t clock_ms = 1000;

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
        fprintf(stderr, "%s text size %d, screen %s: %d texts do not fit their box\n", lang,
                size + 1, ui_screen_name(u), n);
        bad += n;
    }
    for (int k = 0; k < ui_widget_count(u); k++) {
        const ui_widget *w = ui_widget_at(u, k);
        if (w->x < 0 || w->x + w->w > 800) {
            fprintf(stderr, "%s text size %d, screen %s: widget %s at x=%d w=%d leaves the "
                            "screen\n", lang, size + 1, ui_screen_name(u), w->id, w->x, w->w);
            bad++;
        }
    }
    return bad;
}

/* Every text size at 800x480 in lang: settings, home, each category from home, and "Still
 * there?" reflow with nothing clipped. */
static long text_sizes(content *c, const text_measurer *m, const char *lang, int *screens)
{
    long bad = 0;
    for (int size = 0; size < 3; size++) {
        ui_config cfg = {.w = 800, .h = 480, .lang = lang, .now = clock_ms};
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
        /* each category the home screen offers, and back */
        int nw = ui_widget_count(u);
        char cats[32][80];
        int nc = 0;
        for (int k = 0; k < nw && nc < 32; k++)
            if (ui_widget_at(u, k)->role == UI_ROLE_CATEGORY)
                snprintf(cats[nc++], sizeof cats[0], "%s", ui_widget_at(u, k)->id);
        for (int k = 0; k < nc; k++) {
            tap_id(u, cats[k]);
            bad += screen_faults(u, lang, size), (*screens)++;
            ui_event_(u, &esc, clock_ms += 500);
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
    printf("layout_check: %d screens at 800x480 in every text size, %ld texts clipped\n", screens,
           clipped);
    bad += clipped;
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
