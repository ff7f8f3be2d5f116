/* The pack's manifest.txt (the key: value / [section id] format of tools/builder/kv.c, read
 * by tools/builder/manifest.c), through the pack builder's check of a small content folder. */
#include "fuzz_source.h"
#include "builder/kv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_put("src/manifest.txt", data, size);
    fuzz_put("src/pages/a/en.md", FUZZ_PAGE, strlen(FUZZ_PAGE));
    /* the reader alone, then the whole check */
    char path[PATH_MAX];
    fuzz_path(path, sizeof path, "src/manifest.txt");
    kv_file f;
    err e = {{0}};
    if (kv_parse(&f, path, &e) == 0)
        kv_free(&f);
    else if (!strstr(e.msg, "manifest.txt"))
        abort();
    fuzz_compile();
    return 0;
}
