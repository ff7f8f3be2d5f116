/* scratch: a temporary directory per test and the files tests write into it with plain stdio
 * (outside the code under test), and a one-page content source the pack builder accepts.
 * Include after cmocka.h. */
#ifndef SCRATCH_H
#define SCRATCH_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char dir[96];

static inline int scratch_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* A new directory sveiki-NAME-XXXXXX in $TMPDIR (the test runner's scratch, on a RAM file
 * system where there is one) or /tmp, in dir; 0 or -1. */
static inline int scratch_make(const char *name)
{
    const char *t = getenv("TMPDIR");
    if (!t || !*t || snprintf(dir, sizeof dir, "%s/sveiki-%s-XXXXXX", t, name) >= (int)sizeof dir)
        snprintf(dir, sizeof dir, "/tmp/sveiki-%s-XXXXXX", name); /* no TMPDIR, or too long */
    return mkdtemp(dir) ? 0 : -1;
}

/* Removes dir and everything in it, links not followed. */
static inline int scratch_remove(void) { return nftw(dir, scratch_rm, 16, FTW_DEPTH | FTW_PHYS); }

/* dir/name in one of a few rotating static buffers */
static const char *at(const char *name)
{
    static char paths[8][256];
    static int k;
    char *p = paths[k++ % 8];
    snprintf(p, 256, "%s/%s", dir, name);
    return p;
}

/* Writes a file with plain stdio. */
static void put(const char *path, const void *bytes, size_t n)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(bytes, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
}

static void puts_file(const char *path, const char *text) { put(path, text, strlen(text)); }

/* dir/src: a pack source of one category and one English page "a" whose body is md. */
/* inline: a test that builds no pack does not use it, and is not warned */
static inline void one_page_source(const char *version, const char *md)
{
    mkdir(at("src"), 0700);
    mkdir(at("src/pages"), 0700);
    mkdir(at("src/pages/a"), 0700);
    char text[4096];
    snprintf(text, sizeof text,
             "pack: t\nversion: %s\nreference: en\nfallback: en\nlanguages: en\ntitle.en: T\n"
             "[language en]\nname: English\ndir: ltr\n[category c]\nicon: home\ntitle.en: C\n"
             "pages: a\n", version);
    puts_file(at("src/manifest.txt"), text);
    snprintf(text, sizeof text,
             "---\ntitle: T\nstatus: reviewed\nchecked: 2022-12-01\n---\n%s\n", md);
    puts_file(at("src/pages/a/en.md"), text);
}

/* A one-page pack of this version built at path (from dir/src), signed with the secret key
 * file key unless key is NULL (for tests that include builder/pack.h). */
#ifdef SV_PACK_H
#include "sign.h"
static inline void scratch_pack(const char *path, const char *version, const char *key)
{
    one_page_source(version, "Text.");
    pack_opts o = {.src = at("src"), .root = ".", .out = path};
    pack_result r;
    err e = {{0}};
    if (pack_compile(&o, &r, &e) || (key && sign_pack(path, path, key, &e)))
        fail_msg("%s", e.msg);
}
#endif

#endif
