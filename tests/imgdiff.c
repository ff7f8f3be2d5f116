/* imgdiff ACTUAL.png REFERENCE.png [DIFF.png]: compares a screenshot with its reference;
 * imgdiff --each ACTUAL REFERENCE DIFF...: many pairs in one run (the scenarios' screenshots:
 * one start of SDL_image, not one a picture), a line each: ACTUAL, its exit code, what was
 * found, tab-separated; the exit code the worst of them.
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
#include <string.h>

#define TOLERANCE 4 /* levels of 255 per channel, alpha included */

/* Compares one pair; says what it found on out, each line starting with lead. 0 alike, 1 not,
 * 2 when a file cannot be read or written. */
static int compare(const char *actual, const char *reference, const char *diff, FILE *out,
                   const char *lead)
{
    SDL_Surface *a0 = IMG_Load(actual), *b0 = IMG_Load(reference), *a = NULL, *b = NULL;
    int rc = 2;
    if (!a0 || !b0) {
        fprintf(out, "%scannot read %s", lead, !a0 ? actual : reference);
        goto out;
    }
    a = SDL_ConvertSurfaceFormat(a0, SDL_PIXELFORMAT_RGBA32, 0);
    b = SDL_ConvertSurfaceFormat(b0, SDL_PIXELFORMAT_RGBA32, 0);
    if (!a || !b) {
        fprintf(out, "%s%s", lead, SDL_GetError());
        goto out;
    }
    rc = 1;
    if (a->w != b->w || a->h != b->h) {
        fprintf(out, "%ssize %dx%d differs from the reference's %dx%d", lead, a->w, a->h, b->w, b->h);
        goto out;
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
        fprintf(out, "%salike (%ld pixels, largest difference %d of %d allowed)", lead, total,
                worst, TOLERANCE);
        rc = 0;
        goto out;
    }
    fprintf(out, "%s%ld of %ld pixels differ by more than %d levels (at most %d), "
            "within x %d..%d, y %d..%d", lead, bad, total, TOLERANCE, worst, x0, x1, y0, y1);
    if (diff) {
        if (IMG_SavePNG(a, diff)) {
            fprintf(out, "\n%scannot write %s: %s", lead, diff, SDL_GetError());
            rc = 2;
        } else
            fprintf(out, "\n%sthe differing pixels are red in %s", lead, diff);
    }
out:
    SDL_FreeSurface(a0), SDL_FreeSurface(b0), SDL_FreeSurface(a), SDL_FreeSurface(b);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 5 && !strcmp(argv[1], "--each") && (argc - 2) % 3 == 0) {
        /* a line a pair: ACTUAL, its exit code and what was found, tab-separated */
        int worst = 0;
        for (int k = 2; k < argc; k += 3) {
            printf("%s\t", argv[k]);
            char *said = NULL;
            size_t n = 0;
            FILE *m = open_memstream(&said, &n);
            int rc = m ? compare(argv[k], argv[k + 1], argv[k + 2], m, "") : 2;
            if (m)
                fclose(m);
            for (char *p = said; p && *p; p++)
                if (*p == '\n' || *p == '\t')
                    *p = ' ';
            printf("%d\t%s\n", rc, said ? said : "out of memory");
            free(said);
            worst = rc > worst ? rc : worst;
        }
        return worst;
    }
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: imgdiff ACTUAL REFERENCE [DIFF]\n"
                        "       imgdiff --each ACTUAL REFERENCE DIFF [ACTUAL REFERENCE DIFF...]\n");
        return 2;
    }
    int rc = compare(argv[1], argv[2], argc > 3 ? argv[3] : NULL, stdout, "imgdiff: ");
    printf("\n");
    return rc;
}
