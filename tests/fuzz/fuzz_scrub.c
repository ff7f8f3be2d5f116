/* The scrubber (app/store/scrub.c) that takes phone numbers, e-mail addresses and the like out
 * of typed feedback before it is sealed: the input's first line is the trigger words (as a
 * pack gives them), the rest the typed text; also with the built-in words of two languages.
 * Valid UTF-8 in, valid UTF-8 out (the kiosk's keyboard gives only valid text). */
#include "fuzz.h"
#include "core/utf8.h"
#include "store/store.h"

static void scrub(const char *text, const char *words)
{
    char *out = store_scrub(text, words);
    if (!out || (utf8_valid(text, strlen(text), NULL, NULL) && !utf8_valid(out, strlen(out), NULL, NULL)))
        abort();
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    char *text = strchr(s, '\n');
    if (text)
        *text++ = 0;
    else
        text = s;
    scrub(text, s);
    scrub(text, store_scrub_words("en"));
    scrub(text, store_scrub_words("ar"));
    free(s);
    return 0;
}
