/* report fonts: the bundled Noto fonts (assets/fonts), cut by HarfBuzz's subsetter to the
 * characters one page shows and embedded in it as @font-face rules (base64 TrueType), so the
 * page draws every script the same on any machine, offline, with no font installed, and stays
 * small. Internal to tools/report/. */
#ifndef SV_REPORT_FONTS_H
#define SV_REPORT_FONTS_H

#include "core/buf.h"
#include "core/err.h"

#include <stddef.h>

/* The families the page's CSS names, in the order it asks for them for a language written in
 * script: "Sveiki Sans" (Latin, Cyrillic, Greek), "Sveiki Arabic", "Sveiki Ethiopic". */
const char *report_fonts_stack(const char *lang);

/* Appends to css one @font-face rule a face and weight whose font draws any character of
 * text[0..len) (the whole page), each font subset to those characters. fonts: the folder of
 * the bundled fonts. bytes: the fonts' size, embedded (before base64). */
int report_fonts_css(buf *css, const char *text, size_t len, const char *fonts, size_t *bytes, err *e);

#endif
