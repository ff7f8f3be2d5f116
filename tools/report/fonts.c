/* report fonts: subset and embed the bundled fonts. See fonts.h. */
#include "report/fonts.h"

#include "builder/measure.h"
#include "core/utf8.h"
#include "text/text.h"

#include <hb-subset.h>
#include <hb.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const struct {
    int face;
    const char *family;
    int weight;
} faces[] = {
    {TEXT_FACE_SANS, "Sveiki Sans", 400},         {TEXT_FACE_SANS_BOLD, "Sveiki Sans", 700},
    {TEXT_FACE_ARABIC, "Sveiki Arabic", 400},     {TEXT_FACE_ARABIC_BOLD, "Sveiki Arabic", 700},
    {TEXT_FACE_ETHIOPIC, "Sveiki Ethiopic", 400}, {TEXT_FACE_ETHIOPIC_BOLD, "Sveiki Ethiopic", 700},
};

const char *report_fonts_stack(const char *lang)
{
    /* the language's own script first, so its digits and punctuation come from its font */
    if (lang && (!strcmp(lang, "ar") || !strcmp(lang, "fa") || !strcmp(lang, "ckb") ||
                 !strcmp(lang, "ps") || !strcmp(lang, "prs") || !strcmp(lang, "ur")))
        return "\"Sveiki Arabic\",\"Sveiki Sans\",\"Sveiki Ethiopic\",sans-serif";
    if (lang && (!strcmp(lang, "ti") || !strcmp(lang, "am")))
        return "\"Sveiki Ethiopic\",\"Sveiki Sans\",\"Sveiki Arabic\",sans-serif";
    return "\"Sveiki Sans\",\"Sveiki Arabic\",\"Sveiki Ethiopic\",sans-serif";
}

int report_fonts_css(buf *css, const char *text, size_t len, const char *fonts, size_t *bytes, err *e)
{
    *bytes = 0;
    hb_set_t *page = hb_set_create(), *want = hb_set_create();
    /* printable ASCII always: the page writes & < > " ' as entities, which the text scanned
     * here holds only as their names */
    hb_set_add_range(page, 0x20, 0x7e);
    for (size_t i = 0; i < len;) {
        uint32_t cp = utf8_decode(text, len, &i);
        if (cp >= 0x20)
            hb_set_add(page, cp);
    }
    int ret = 0;
    for (size_t f = 0; f < sizeof faces / sizeof *faces; f++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", fonts, text_face_file(faces[f].face));
        hb_face_t *face = measure_face_read(path, e);
        if (!face) {
            ret = -1;
            break;
        }
        hb_set_clear(want);
        hb_face_collect_unicodes(face, want);
        hb_set_intersect(want, page);
        /* a font with nothing to draw on this page is left out */
        if (hb_set_is_empty(want)) {
            hb_face_destroy(face);
            continue;
        }
        hb_subset_input_t *in = hb_subset_input_create_or_fail();
        hb_face_t *sub = NULL;
        if (in) {
            hb_set_union(hb_subset_input_unicode_set(in), want);
            /* hinting is for small screens' pixels, not for print or a zoomed page */
            hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
            sub = hb_subset_or_fail(face, in);
            hb_subset_input_destroy(in);
        }
        hb_face_destroy(face);
        if (!sub) {
            ret = err_set(e, "%s: HarfBuzz could not subset this font", path);
            break;
        }
        hb_blob_t *blob = hb_face_reference_blob(sub);
        unsigned n = 0;
        const char *data = hb_blob_get_data(blob, &n);
        size_t b64 = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
        char *enc = xmalloc(b64);
        sodium_bin2base64(enc, b64, (const unsigned char *)data, n, sodium_base64_VARIANT_ORIGINAL);
        buf_printf(css, "@font-face{font-family:\"%s\";font-weight:%d;font-style:normal;"
                        "src:url(data:font/ttf;base64,", faces[f].family, faces[f].weight);
        buf_adds(css, enc);
        buf_adds(css, ") format(\"truetype\")}");
        *bytes += n;
        free(enc);
        hb_blob_destroy(blob);
        hb_face_destroy(sub);
    }
    hb_set_destroy(page);
    hb_set_destroy(want);
    return ret;
}
