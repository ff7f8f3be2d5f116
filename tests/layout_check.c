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
