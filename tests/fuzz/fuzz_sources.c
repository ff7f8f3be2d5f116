/* The content folder's sources.txt (tools/builder/sources.c: the documents pages cite), with a
 * page citing codes in it and not, through the pack builder's check of a small content folder. */
#include "fuzz_source.h"

#define FUZZ_CITING_PAGE "---\ntitle: T\nstatus: machine\nchecked: 2022-12-01\n" \
                         "sources: 004a L1-2; 001; common knowledge\n---\nA line.\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_put("src/manifest.txt", FUZZ_MANIFEST, strlen(FUZZ_MANIFEST));
    fuzz_put("src/pages/a/en.md", FUZZ_CITING_PAGE, strlen(FUZZ_CITING_PAGE));
    fuzz_put("src/sources.txt", data, size);
    fuzz_compile();
    return 0;
}
