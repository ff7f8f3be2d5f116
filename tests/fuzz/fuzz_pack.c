/* A content pack as the kiosk opens it (app/pack/content.c): the input is the file, any
 * bytes, a damaged SQLite database among them (the seed is a small valid pack). Opened, it
 * is asked what the screens ask: languages, categories, the journey, every page, search,
 * surveys, hotlines. */
#include "fuzz.h"
#include "pack/content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_put("in.pack", data, size);
    char path[PATH_MAX];
    fuzz_path(path, sizeof path, "in.pack");
    err e = {{0}};
    content *c = content_open(path, &e);
    if (!c) {
        if (!strstr(e.msg, "in.pack"))
            abort(); /* a refusal names the file */
        return 0;
    }
    arena a = {0};
    for (int i = 0; i < content_nlangs(c) && i < 3; i++) {
        const char *lang = content_lang_at(c, i)->code;
        content_item *items;
        int n = content_categories(c, lang, &a, &items);
        for (int k = 0; k < n && k < 8; k++) {
            char owner[128];
            content_item *pages;
            if (pack_owner(owner, sizeof owner, PACK_OWNER_CATEGORY, items[k].id) == 0)
                content_links(c, owner, lang, &a, &pages);
        }
        content_stages(c, lang, &a, &items);
        content_yousaid(c, lang, &a, &items);
        content_page p;
        content_page_get(c, "bank-account", lang, &a, &p);
        content_search(c, lang, "ban", 10, &a, &items);
        n = content_surveys(c, lang, &a, &items);
        for (int k = 0; k < n && k < 2; k++) {
            content_survey s;
            content_survey_get(c, items[k].id, lang, &a, &s);
        }
        content_hotline *h;
        content_hotlines(c, lang, &a, &h);
        content_ui(c, lang, "Search", &a);
        arena_free(&a);
    }
    char *w = content_scrub_words(c);
    free(w);
    arena_free(&a);
    content_close(c);
    return 0;
}
