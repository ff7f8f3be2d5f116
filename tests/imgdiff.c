/* imgdiff ACTUAL.png REFERENCE.png [DIFF.png]: compares a screenshot with its reference.
 * The fonts are pinned (assets/fonts/SHA256SUMS) and the renderer is the software one, so the
 * same build draws the same pixels: every pixel must match within TOLERANCE levels per
 * channel, and not one may differ by more. A changed digit on a page fails.
 * On a difference it writes DIFF.png: the actual image faint, the differing pixels red, and
 * prints how many differ, by how much at most, and the box they lie in.
 * Exit 0 when alike, 1 when not, 2 on a read or usage error. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

#define TOLERANCE 4 /* levels of 255 per channel, alpha included */

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: imgdiff ACTUAL REFERENCE [DIFF]\n");
        return 2;
    }
    SDL_Surface *a0 = IMG_Load(argv[1]), *b0 = IMG_Load(argv[2]);
    if (!a0 || !b0) {
        fprintf(stderr, "imgdiff: cannot read %s\n", !a0 ? argv[1] : argv[2]);
        return 2;
    }
    SDL_Surface *a = SDL_ConvertSurfaceFormat(a0, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_Surface *b = SDL_ConvertSurfaceFormat(b0, SDL_PIXELFORMAT_RGBA32, 0);
    if (!a || !b) {
        fprintf(stderr, "imgdiff: %s\n", SDL_GetError());
        return 2;
    }
    if (a->w != b->w || a->h != b->h) {
        printf("imgdiff: size %dx%d differs from the reference's %dx%d\n", a->w, a->h, b->w, b->h);
        return 1;
    }
    long bad = 0, total = (long)a->w * a->h;
    int worst = 0, x0 = a->w, y0 = a->h, x1 = -1, y1 = -1;
    for (int y = 0; y < a->h; y++) {
        Uint8 *pa = (Uint8 *)a->pixels + y * a->pitch, *pb = (Uint8 *)b->pixels + y * b->pitch;
        for (int x = 0; x < a->w; x++) {
            int d = 0;
            for (int c = 0; c < 4; c++) {
                int v = abs(pa[4 * x + c] - pb[4 * x + c]);
                if (v > d)
                    d = v;
            }
            if (d > worst)
                worst = d;
            if (d > TOLERANCE) {
                bad++;
                x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
                pa[4 * x] = 255, pa[4 * x + 1] = 0, pa[4 * x + 2] = 0, pa[4 * x + 3] = 255;
            } else {
                pa[4 * x + 3] = 60; /* faint where alike */
            }
        }
    }
    if (bad == 0) {
        printf("imgdiff: alike (%ld pixels, largest difference %d of %d allowed)\n", total,
               worst, TOLERANCE);
        return 0;
    }
    printf("imgdiff: %ld of %ld pixels differ by more than %d levels (at most %d), "
           "within x %d..%d, y %d..%d\n",
           bad, total, TOLERANCE, worst, x0, x1, y0, y1);
    if (argc > 3) {
        if (IMG_SavePNG(a, argv[3])) {
            fprintf(stderr, "imgdiff: cannot write %s: %s\n", argv[3], SDL_GetError());
            return 2;
        }
        printf("imgdiff: the differing pixels are red in %s\n", argv[3]);
    }
    return 1;
}
