/* imgdiff ACTUAL.png REFERENCE.png [DIFF.png]: compares two screenshots within a small
 * tolerance (font rasteriser updates move a few anti-aliased pixels), and writes the pixels
 * that differ in red to DIFF.png. Exit 0 when alike, 1 when not, 2 on a read error. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
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
    if (a->w != b->w || a->h != b->h) {
        printf("imgdiff: size %dx%d differs from the reference's %dx%d\n", a->w, a->h, b->w, b->h);
        return 1;
    }
    long bad = 0, total = (long)a->w * a->h;
    for (int y = 0; y < a->h; y++) {
        Uint8 *pa = (Uint8 *)a->pixels + y * a->pitch, *pb = (Uint8 *)b->pixels + y * b->pitch;
        for (int x = 0; x < a->w; x++) {
            int d = 0;
            for (int c = 0; c < 3; c++) {
                int v = abs(pa[4 * x + c] - pb[4 * x + c]);
                if (v > d)
                    d = v;
            }
            if (d > 48) {
                bad++;
                pa[4 * x] = 255, pa[4 * x + 1] = 0, pa[4 * x + 2] = 0;
            } else {
                pa[4 * x + 3] = 60; /* faint where alike */
            }
        }
    }
    /* at most 0.2 % of the pixels may differ noticeably */
    int ok = bad * 1000 <= total * 2;
    if (!ok && argc > 3)
        IMG_SavePNG(a, argv[3]);
    printf("imgdiff: %ld of %ld pixels differ%s\n", bad, total, ok ? "" : " (too many)");
    return ok ? 0 : 1;
}
