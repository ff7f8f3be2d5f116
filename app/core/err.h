/* err: errors as values. A function that can fail takes an `err *` and returns -1 (or NULL)
 * after writing one human-readable message naming the file and the place (line, key, byte).
 * Nothing here exits or prints; only main decides what to do with a message. */
#ifndef SV_ERR_H
#define SV_ERR_H

#include <stdarg.h>

typedef struct err {
    char msg[768];
} err;

/* Formats the message into e (if e is not NULL) and returns -1, so callers can
 * `return err_set(e, "%s:%d: ...", path, line);`. */
int err_set(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int err_vset(err *e, const char *fmt, va_list ap);

#endif
