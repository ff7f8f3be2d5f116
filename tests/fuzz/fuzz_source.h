/* What the page and manifest targets share: a small content folder under fuzz_dir() (one
 * language, one category, one page) that pack_compile checks, with one of its files replaced
 * by the input. */
#ifndef SV_FUZZ_SOURCE_H
#define SV_FUZZ_SOURCE_H

#include "fuzz.h"
#include "builder/pack.h"

#define FUZZ_MANIFEST "pack: t\nversion: 1\nreference: en\nfallback: en\nlanguages: en\n" \
                      "title.en: T\n[language en]\nname: English\ndir: ltr\n" \
                      "[category c]\nicon: home\ntitle.en: C\npages: a\n"
#define FUZZ_PAGE "---\ntitle: T\nstatus: machine\nchecked: 2022-12-01\n---\nA **bold** line.\n"

/* Checks the folder (no pack written): an error always has a message. Run from the
 * checkout (lang/, assets/icons/names.txt). */
static inline void fuzz_compile(void)
{
    char src[PATH_MAX];
    fuzz_path(src, sizeof src, "src");
    pack_opts o = {.src = src, .root = ".", .out = NULL, .report = NULL};
    pack_result r;
    err e = {{0}};
    if (pack_compile(&o, &r, &e) != 0 && !e.msg[0] && r.errors == 0)
        abort(); /* a failed check says why */
}

#endif
