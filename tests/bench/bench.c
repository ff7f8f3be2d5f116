/* bench: in-process figures on the demo pack with the real fonts and the software renderer.
 * Prints `bench NAME VALUE UNIT` lines:
 *   layout_longest_page_p99_ms  laying out the longest demo page, nothing cached (every language)
 *   page_open_frame_p99_ms      tap to frame on the heaviest page: layout + first draw, cold caches
 *   redraw_unchanged_ms         drawing an unchanged page again (texture cache warm), median
 *   search_p99_ms               one search query in the pack's FTS5 index
 *   layout_long_word_ms         a 100,000-character word with no break opportunity, cold
 *   tap_to_frame_p99_ms         a tap on a category at home, then on the link to the heaviest
 *                               page, to the next presented frame, every language, each visit
 *                               with the caches forgotten as a visit's end forgets them
 *   lang_switch_p99_ms          a tap on a language on the language screen to home's frame
 *   scroll_frame_p99_ms         a finger dragging the heaviest page at 1920x1080: each move
 *                               to its frame
 * (the last three in the thread's CPU time: see cpu_ms)
 * Usage: bench PACK FONTDIR */
#include "core/buf.h"
#include "pack/content.h"
#include "ui/ui.h"
#include "sdl/font.h"
#include "sdl/render.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The CPU time of this thread: the frames below are single-threaded work (layout, the
 * software renderer), so this is their wall time on a quiet machine, and other work on a
 * busy one (the project's 2 cores are shared) does not count. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* the parts of the last frame_after: the app's (event, layout, display list) and the
 * platform's (rasterising and drawing) */
static double last_build, last_draw;

/* Events in, then the frame the kiosk shows for them drawn and presented: the time a person
 * waits from touch to light. */
static double frame_after(ui *u, render *rd, SDL_Renderer *r, const ui_event *ev, int n,
                          uint64_t *clock)
{
    double t0 = cpu_ms();
    for (int k = 0; k < n; k++)
        ui_event_(u, &ev[k], *clock += 16);
    const display_list *d = ui_display(u);
    double t1 = cpu_ms();
    render_draw(rd, d);
    SDL_RenderPresent(r);
    double t2 = cpu_ms();
    last_build = t1 - t0, last_draw = t2 - t1;
    return t2 - t0;
}

/* A tap (down and up) on the widget id; -1 when it is not on screen. */
static double tap_frame(ui *u, render *rd, SDL_Renderer *r, const char *id, uint64_t *clock)
{
    const ui_widget *w = ui_find_id(u, id);
    if (!w)
        return -1;
    int x = w->x + w->w / 2, y = w->y + w->h / 2;
    ui_event ev[2] = {{.type = UI_EV_DOWN, .x = x, .y = y}, {.type = UI_EV_UP, .x = x, .y = y}};
    *clock += 1000; /* a person's pace: no tap is taken for a bounce */
    return frame_after(u, rd, r, ev, 2, clock);
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, int n, int p)
{
    qsort(v, (size_t)n, sizeof *v, cmp_d);
    int i = (n * p + 99) / 100 - 1;
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bench PACK FONTDIR\n");
        return 2;
    }
    err e;
    content *c = content_open(argv[1], &e);
    if (!c) {
        fprintf(stderr, "bench: %s\n", e.msg);
        return 1;
    }
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(SDL_INIT_VIDEO);
    font_set *f = font_open(argv[2], &e);
    if (!f) {
        fprintf(stderr, "bench: %s\n", e.msg);
        return 1;
    }
    const text_measurer *m = font_measurer(f);
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 1280, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);

    /* the longest page: most bytes of text over all languages */
    arena a = {0};
    const char *longest = "one-off-support";
    {
        content_item *cats;
        int best = 0;
        int nc = content_categories(c, "en", &a, &cats);
        for (int i = 0; i < nc; i++) {
            char owner[120];
            snprintf(owner, sizeof owner, "category:%s", cats[i].id);
            content_item *pages;
            int np = content_links(c, owner, "en", &a, &pages);
            for (int k = 0; k < np; k++) {
                for (int l = 0; l < content_nlangs(c); l++) {
                    content_page pg;
                    if (content_page_get(c, pages[k].id, content_lang_at(c, l)->code, &a, &pg))
                        continue;
                    int bytes = 0;
                    for (int b = 0; b < pg.nblocks; b++)
                        bytes += (int)strlen(pg.blocks[b].text ? pg.blocks[b].text : "");
                    if (bytes > best)
                        best = bytes, longest = pages[k].id;
                }
            }
        }
    }

    /* the category that lists the heaviest page */
    char longest_cat[96] = "";
    {
        content_item *cats;
        int nc = content_categories(c, "en", &a, &cats);
        for (int i = 0; i < nc && !longest_cat[0]; i++) {
            char owner[120];
            snprintf(owner, sizeof owner, "category:%s", cats[i].id);
            content_item *pages;
            int np = content_links(c, owner, "en", &a, &pages);
            for (int k = 0; k < np; k++)
                if (!strcmp(pages[k].id, longest))
                    snprintf(longest_cat, sizeof longest_cat, "%s", cats[i].id);
        }
    }

    enum { RUNS = 40 };
    int nl = content_nlangs(c);
    double *lay = malloc(sizeof(double) * RUNS * (size_t)nl), *open = malloc(sizeof(double) * RUNS * (size_t)nl);
    double redraw[200];
    int nlay = 0, nopen = 0, nredraw = 0;
    for (int l = 0; l < nl; l++) {
        const content_lang *lang = content_lang_at(c, l);
        content_page pg;
        if (content_page_get(c, longest, lang->code, &a, &pg))
            continue;
        text_para p = {0};
        for (int run = 0; run < RUNS; run++) {
            font_forget_widths(f); /* cold: nothing of this page measured before */
            double t0 = now_ms();
            for (int b = 0; b < pg.nblocks; b++) {
                const char *s = pg.blocks[b].text ? pg.blocks[b].text : "";
                text_style st = {.px = 28, .rtl = lang->rtl};
                text_layout(m, s, strlen(s), &st, 1232, &p);
            }
            lay[nlay++] = now_ms() - t0;
        }
        text_para_free(&p);
        for (int run = 0; run < RUNS; run++) {
            /* a fresh kiosk and cache each time: the cost a tap pays to open the page */
            render *rd = render_new(r, f, 32u << 20);
            font_forget_widths(f);
            ui_config cfg = {.w = 1280, .h = 800, .lang = lang->code, .page = longest};
            double t0 = now_ms();
            ui *u = ui_new(c, m, &cfg);
            render_draw(rd, ui_display(u));
            open[nopen++] = now_ms() - t0;
            if (run == RUNS - 1 && l == 0) {
                for (int k = 0; k < 200; k++) {
                    double t1 = now_ms();
                    render_draw(rd, ui_display(u));
                    redraw[nredraw++] = now_ms() - t1;
                }
            }
            ui_free(u);
            render_free(rd);
        }
    }

    /* a tap on the category, then on the heaviest page's link, in every language: each run a
     * new visit, the caches forgotten as the end of the last visit forgets them */
    enum { TAP_RUNS = 20 };
    double *tap = malloc(sizeof(double) * TAP_RUNS * 2 * (size_t)nl);
    double *sw = malloc(sizeof(double) * TAP_RUNS * (size_t)nl);
    double *sw_build = malloc(sizeof(double) * TAP_RUNS * (size_t)nl);
    double *sw_draw = malloc(sizeof(double) * TAP_RUNS * (size_t)nl);
    double *scr_build = malloc(sizeof(double) * 4000), *scr_draw = malloc(sizeof(double) * 4000);
    int ntap = 0, nsw = 0, missing = 0;
    char link[128];
    snprintf(link, sizeof link, "page-%s", longest);
    {
        render *rd = render_new(r, f, 32u << 20);
        uint64_t clock = 1000;
        for (int l = 0; l < nl; l++)
            for (int run = 0; run < TAP_RUNS; run++) {
                render_forget(rd);
                font_forget_widths(f);
                ui_config cfg = {.w = 1280, .h = 800, .lang = content_lang_at(c, l)->code,
                                 .now = clock};
                ui *u = ui_new(c, m, &cfg);
                render_draw(rd, ui_display(u));
                tap_frame(u, rd, r, "start", &clock); /* home, in the language preset */
                double t1 = tap_frame(u, rd, r, longest_cat, &clock);
                double t2 = t1 < 0 ? -1 : tap_frame(u, rd, r, link, &clock);
                if (t1 < 0 || t2 < 0)
                    missing++;
                else
                    tap[ntap++] = t1, tap[ntap++] = t2;
                ui_free(u);
            }
        /* the language screen: a tap on each language to home, then back to choose again */
        for (int run = 0; run < TAP_RUNS; run++) {
            render_forget(rd);
            font_forget_widths(f);
            ui_config cfg = {.w = 1280, .h = 800, .now = clock};
            ui *u = ui_new(c, m, &cfg);
            render_draw(rd, ui_display(u));
            tap_frame(u, rd, r, "start", &clock);
            for (int l = 0; l < nl; l++) {
                char id[32];
                snprintf(id, sizeof id, "lang-%s", content_lang_at(c, l)->code);
                double t = tap_frame(u, rd, r, id, &clock);
                if (t < 0)
                    missing++;
                else
                    sw[nsw] = t, sw_build[nsw] = last_build, sw_draw[nsw] = last_draw, nsw++;
                ui_event esc = {.type = UI_EV_KEY, .text = "escape"}; /* home: back to languages */
                frame_after(u, rd, r, &esc, 1, &clock);
            }
            ui_free(u);
        }
        render_free(rd);
    }
    /* a finger dragging the heaviest page from its top to its end at 1920x1080, 12 px a
     * move (a quick swipe at 60 frames a second), in every language: each move to its frame */
    double *scr = malloc(sizeof(double) * 4000);
    int nscr = 0;
    {
        SDL_Surface *big = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *br = SDL_CreateSoftwareRenderer(big);
        render *rd = render_new(br, f, 32u << 20);
        uint64_t clock = 1000;
        for (int l = 0; l < nl && nscr < 3900; l++) {
            render_forget(rd);
            font_forget_widths(f);
            ui_config cfg = {.w = 1920, .h = 1080, .lang = content_lang_at(c, l)->code,
                             .page = longest, .now = clock};
            ui *u = ui_new(c, m, &cfg);
            render_draw(rd, ui_display(u));
            for (int drag = 0; drag < 6 && nscr < 3900; drag++) {
                ui_event down = {.type = UI_EV_DOWN, .x = 960, .y = 900};
                frame_after(u, rd, br, &down, 1, &clock);
                for (int y = 888; y > 200 && nscr < 3900; y -= 12) {
                    ui_event mv = {.type = UI_EV_MOVE, .x = 960, .y = y};
                    scr[nscr] = frame_after(u, rd, br, &mv, 1, &clock);
                    scr_build[nscr] = last_build, scr_draw[nscr++] = last_draw;
                }
                ui_event up = {.type = UI_EV_UP, .x = 960, .y = 200};
                frame_after(u, rd, br, &up, 1, &clock);
            }
            ui_free(u);
        }
        render_free(rd);
        SDL_DestroyRenderer(br);
        SDL_FreeSurface(big);
    }

    /* search: prefixes of words from page titles, in every language */
    double *sq = malloc(sizeof(double) * 4000);
    int nsq = 0;
    for (int l = 0; l < nl && nsq < 3900; l++) {
        const char *code = content_lang_at(c, l)->code;
        content_item *cats;
        int nc = content_categories(c, code, &a, &cats);
        for (int i = 0; i < nc && nsq < 3900; i++) {
            char owner[120];
            snprintf(owner, sizeof owner, "category:%s", cats[i].id);
            content_item *pages;
            int np = content_links(c, owner, code, &a, &pages);
            for (int k = 0; k < np && nsq < 3900; k++) {
                char q[64];
                snprintf(q, sizeof q, "%.*s", 4, pages[k].title);
                for (int rep = 0; rep < 10; rep++) {
                    arena sa = {0};
                    content_item *res;
                    double t0 = now_ms();
                    content_search(c, code, q, 8, &sa, &res);
                    sq[nsq++] = now_ms() - t0;
                    arena_free(&sa);
                }
            }
        }
    }
    /* a word with no break opportunity: laid out in time linear in its length */
    size_t wl = 100000;
    char *word = malloc(wl + 1);
    for (size_t i = 0; i < wl; i++)
        word[i] = "sveiki"[i % 6];
    word[wl] = 0;
    double lw[3];
    text_para wp = {0};
    for (int rep = 0; rep < 3; rep++) {
        font_forget_widths(f);
        text_style st = {.px = 28};
        double t0 = now_ms();
        text_layout(m, word, wl, &st, 1200, &wp);
        lw[rep] = now_ms() - t0;
    }
    text_para_free(&wp);
    free(word);
    printf("bench layout_long_word_ms %.1f ms\n", pct(lw, 3, 50));
    printf("bench layout_longest_page_p99_ms %.3f ms\n", pct(lay, nlay, 99));
    printf("bench page_open_frame_p99_ms %.3f ms\n", pct(open, nopen, 99));
    printf("bench redraw_unchanged_ms %.3f ms\n", pct(redraw, nredraw, 50));
    printf("bench search_p99_ms %.3f ms\n", pct(sq, nsq, 99));
    if (ntap)
        printf("bench tap_to_frame_p99_ms %.3f ms\n", pct(tap, ntap, 99));
    if (nsw)
        printf("bench lang_switch_p99_ms %.3f ms\n", pct(sw, nsw, 99));
    if (nscr)
        printf("bench scroll_frame_p99_ms %.3f ms\n", pct(scr, nscr, 99));
    fprintf(stderr, "(taps: %d to frames, median %.2f ms, max %.2f; language switches: %d, median "
                    "%.2f, max %.2f; scroll moves: %d, median %.2f, max %.2f; %d widgets missing)\n",
            ntap, pct(tap, ntap, 50), pct(tap, ntap, 100), nsw, pct(sw, nsw, 50), pct(sw, nsw, 100),
            nscr, pct(scr, nscr, 50), pct(scr, nscr, 100), missing);
    fprintf(stderr, "(language switch p99: app %.2f ms, drawing %.2f; scroll move p99: app %.2f, "
                    "drawing %.2f)\n", pct(sw_build, nsw, 99), pct(sw_draw, nsw, 99),
            pct(scr_build, nscr, 99), pct(scr_draw, nscr, 99));
    free(tap), free(sw), free(scr), free(sw_build), free(sw_draw), free(scr_build), free(scr_draw);
    fprintf(stderr, "(longest page: %s; %d layout runs, %d opens, %d queries)\n", longest, nlay,
            nopen, nsq);
    free(lay), free(open), free(sq);
    arena_free(&a);
    font_close(f);
    content_close(c);
    return 0;
}
