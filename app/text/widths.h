/* widths: a bounded cache of shaped widths in front of a text_measurer (text.h). Layout
 * measures the same words while breaking lines and again when placing them, and screens and
 * pages repeat words; shaping is most of a layout's cost. The kiosk's SDL_ttf measurer and the
 * pack builder's HarfBuzz one both sit behind it. The cache is cleared whole when half its
 * slots or its byte budget are used; a run longer than TEXT_WIDTHS_RUN bytes is measured but
 * not kept (a word of 100,000 letters must not sit in memory in pieces of every length).
 * Metrics and coverage pass straight through. Not thread-safe: one per measuring thread. */
#ifndef SV_WIDTHS_H
#define SV_WIDTHS_H

#include "text/text.h"

#define TEXT_WIDTHS_SLOTS 8192
#define TEXT_WIDTHS_BYTES (1u << 20)
#define TEXT_WIDTHS_RUN 1024

typedef struct text_widths text_widths;

/* A cache in front of inner (copied: its ctx must outlive the cache). */
text_widths *text_widths_new(const text_measurer *inner);
void text_widths_free(text_widths *c);
/* The measurer to lay out with: inner's numbers, each width shaped once. */
const text_measurer *text_widths_measurer(text_widths *c);
/* Drops every width kept (benchmarks measure cold layouts with it). */
void text_widths_forget(text_widths *c);

/* A hash of a shaped run: its bytes, face, size, direction and script (FNV-1a). The width
 * cache keys runs by it, and the kiosk's texture cache too. */
uint64_t text_run_hash(const char *s, size_t len, int face, int px, int rtl, const char *script);

#endif
