/* The content folder's glossary.txt (tools/builder/glossary.c: terms to use and variants to
 * avoid, per language), checked against a page whose words it may name, through the pack
 * builder's check of a small content folder. */
#include "fuzz_source.h"

#define FUZZ_TERMS_PAGE "---\ntitle: Status and statuss\nstatus: machine\nchecked: 2022-12-01\n---\n" \
                        "A status, an alternative status, STATUS, statû. **Status** again.\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_put("src/manifest.txt", FUZZ_MANIFEST, strlen(FUZZ_MANIFEST));
    fuzz_put("src/pages/a/en.md", FUZZ_TERMS_PAGE, strlen(FUZZ_TERMS_PAGE));
    fuzz_put("src/glossary.txt", data, size);
    fuzz_compile();
    return 0;
}
