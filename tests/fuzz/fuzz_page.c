/* A page source (pages/ID/LANG.md): its header (---, title, status, checked, ...) and its
 * Markdown, through the pack builder's check of a small content folder. */
#include "fuzz_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_put("src/manifest.txt", FUZZ_MANIFEST, strlen(FUZZ_MANIFEST));
    fuzz_put("src/pages/a/en.md", data, size);
    fuzz_compile();
    return 0;
}
