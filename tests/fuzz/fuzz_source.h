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

/* The installation the builder reads beside the sources, under fuzz_dir(): the English UI
 * strings only (the folder's one language; reading all eight .po files at every input would
 * be most of the work), the icon names, and the checkout's fonts. Run from the checkout. */
static inline const char *fuzz_root(void)
{
    static char root[PATH_MAX];
    if (!root[0]) {
        char cwd[PATH_MAX], fonts[PATH_MAX];
        const char *copy[] = {"lang/en.po", "assets/icons/names.txt"};
        for (int i = 0; i < 2; i++) {
            FILE *f = fopen(copy[i], "rb");
            static char b[1 << 20];
            size_t n = f ? fread(b, 1, sizeof b, f) : 0;
            if (!f || n == sizeof b)
                abort();
            fclose(f);
            char rel[PATH_MAX];
            snprintf(rel, sizeof rel, "root/%s", copy[i]);
            fuzz_put(rel, b, n);
        }
        fuzz_path(root, sizeof root, "root");
        snprintf(fonts, sizeof fonts, "%s/assets/fonts", root);
        if (!getcwd(cwd, sizeof cwd))
            abort();
        strncat(cwd, "/assets/fonts", sizeof cwd - strlen(cwd) - 1);
        if (symlink(cwd, fonts))
            abort();
    }
    return root;
}

/* Checks the folder (no pack written): an error always has a message. With
 * SVEIKI_FUZZ_REPORT=1 the builder's report goes to standard error, to look at one input. */
static inline void fuzz_compile(void)
{
    char src[PATH_MAX];
    fuzz_path(src, sizeof src, "src");
    pack_opts o = {.src = src, .root = fuzz_root(), .out = NULL,
                   .report = getenv("SVEIKI_FUZZ_REPORT") ? stderr : NULL};
    pack_result r;
    err e = {{0}};
    if (pack_compile(&o, &r, &e) != 0 && !e.msg[0] && r.errors == 0)
        abort(); /* a failed check says why */
}

#endif
