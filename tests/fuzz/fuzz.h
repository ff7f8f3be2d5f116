/* fuzz: what every libFuzzer target of tests/fuzz/ shares. A target defines
 * LLVMFuzzerTestOneInput and takes the bytes as the outside world would hand them to one
 * parser; a crash, a sanitizer report or a leak is a finding (tests/fuzz/run.sh).
 * fuzz_dir() is a scratch folder of the process's own (under $TMPDIR), removed at exit, for
 * parsers that read files; fuzz_put writes bytes there. */
#ifndef SV_FUZZ_H
#define SV_FUZZ_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir_[PATH_MAX];

static void fuzz_dir_gone(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir_);
    if (system(cmd)) {
    }
}

static inline const char *fuzz_dir(void)
{
    if (!fuzz_dir_[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(fuzz_dir_, sizeof fuzz_dir_, "%s/sveiki-fuzz-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(fuzz_dir_))
            abort();
        atexit(fuzz_dir_gone);
    }
    return fuzz_dir_;
}

/* dir/rel, made with its folders; n bytes written to it. */
static inline void fuzz_put(const char *rel, const void *p, size_t n)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), rel);
    for (char *s = path + strlen(fuzz_dir()) + 1; (s = strchr(s, '/')); s++) {
        *s = 0;
        mkdir(path, 0700);
        *s = '/';
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f))
        abort();
}

static inline void fuzz_path(char *out, size_t cap, const char *rel)
{
    snprintf(out, cap, "%s/%s", fuzz_dir(), rel);
}

/* The bytes as a NUL-terminated string (malloc'd; an inner NUL ends it early). */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = 0;
    return s;
}

#endif
