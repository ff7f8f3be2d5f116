/* A .po file of lang/ (tools/po): every entry handed over, every bad line reported; the
 * header's Plural-Forms read, and evaluated for a few counts when it was accepted. */
#include "fuzz.h"
#include "po/po.h"

static void each(void *ctx, const po_entry *en)
{
    if (!en->id)
        abort();
    if (!en->id[0] && en->nstr > 0 && en->str[0]) { /* the header: its plural forms */
        po_plural p;
        err e = {{0}};
        if (po_plural_read(en->str[0], &p, &e) == 0)
            for (unsigned long n = 0; n < 300; n += 7) {
                int f = po_plural_form(&p, n);
                if (f < 0 || f >= PO_NFORMS)
                    abort();
            }
    }
    (void)ctx;
}

static void bad(void *ctx, int line, const char *why)
{
    (void)ctx, (void)line;
    if (!why || !why[0])
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    po_parse(s, each, bad, NULL);
    free(s);
    return 0;
}
