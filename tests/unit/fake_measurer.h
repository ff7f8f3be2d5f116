/* A text_measurer with numbers a test can predict: every code point is 10 px wide (marks
 * and joiners 0), ascent 8 and descent 2 per 10 px of size. Coverage follows the bundled
 * fonts' scripts: Latin/Cyrillic in Sans, Arabic in Arabic, Ethiopic in Ethiopic, private use
 * in Icons; digits and punctuation in Sans and Arabic. It records every call, so tests can
 * see what reached the "shaper". */
#ifndef FAKE_MEASURER_H
#define FAKE_MEASURER_H

#include "text/text.h"
#include "core/utf8.h"

#include <string.h>

typedef struct fake_call {
    int face, rtl;
    char script[5];
    char text[128];
} fake_call;

static fake_call fake_calls[512];
static int fake_ncalls;
static long fake_bytes; /* bytes measured in all, for tests of how much work a layout does */

static int fake_is_mark(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x200C ||
           cp == 0x200D;
}

static int fake_width(void *ctx, int face, int px, int rtl, const char *script, const char *s,
                      size_t len)
{
    (void)ctx, (void)px;
    fake_bytes += (long)len;
    if (fake_ncalls < 512) {
        fake_call *c = &fake_calls[fake_ncalls++];
        c->face = face, c->rtl = rtl;
        memcpy(c->script, script, 5);
        size_t n = len < sizeof c->text - 1 ? len : sizeof c->text - 1;
        memcpy(c->text, s, n);
        c->text[n] = 0;
    }
    int w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = utf8_decode(s, len, &i);
        w += fake_is_mark(cp) ? 0 : 10;
    }
    return w;
}

static void fake_metrics(void *ctx, int face, int px, int *asc, int *desc)
{
    (void)ctx;
    /* the Arabic face is taller, as Noto Sans Arabic is: baselines must still line up */
    *asc = px * (face == TEXT_FACE_ARABIC || face == TEXT_FACE_ARABIC_BOLD ? 12 : 8) / 10;
    *desc = px * 2 / 10;
}

static int fake_covers(void *ctx, int face, uint32_t cp)
{
    (void)ctx;
    int common = cp < 0x80 && !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    switch (face & ~1) {
    case TEXT_FACE_SANS: return cp < 0x0590 || (cp >= 0x2000 && cp < 0x2070);
    case TEXT_FACE_ARABIC: return common || (cp >= 0x0600 && cp <= 0x06FF) || cp == 0x200C;
    case TEXT_FACE_ETHIOPIC: return (cp >= 0x1200 && cp <= 0x139F) || cp == ' ';
    default: return cp >= 0xE000 && cp <= 0xF8FF;
    }
}

static const text_measurer fake_measurer = {NULL, fake_width, fake_metrics, fake_covers};

#endif
