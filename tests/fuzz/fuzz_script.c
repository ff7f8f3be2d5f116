/* The kiosk's script language (app/script): every line of the input parsed on its own, as
 * script_run checks a script file before running it. */
#include "fuzz.h"
#include "script/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    int lineno = 1;
    for (char *line = s, *next; line; line = next, lineno++) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        script_cmd c;
        err e = {{0}};
        if (script_parse(line, lineno, &c, &e) != 0 && !e.msg[0])
            abort(); /* a refusal always says why */
    }
    free(s);
    return 0;
}
