/* source: see source.h. */
#include "builder/source.h"

#include "core/utf8.h"
#include "fs.h"

#include <stdlib.h>

char *source_read(const char *path, size_t *len, err *e)
{
    size_t n;
    char *s = (char *)fs_read_all(path, SOURCE_MAX_BYTES, &n, e);
    if (!s)
        return NULL;
    if (n == 0) {
        free(s);
        return err_set(e, "%s:1: the file is empty", path), NULL;
    }
    int line = 1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            line++;
        if (s[i] == 0) {
            free(s);
            return err_set(e, "%s:%d: a NUL byte: this is a binary file, not text", path, line),
                   NULL;
        }
    }
    int col;
    if (!utf8_valid(s, n, &line, &col)) {
        free(s);
        return err_set(e,
                       "%s:%d:%d: invalid UTF-8, or a noncharacter such as U+FFFF (save the file "
                       "as UTF-8 "
                       "text)",
                       path, line, col),
               NULL;
    }
    if (len)
        *len = n;
    return s;
}
