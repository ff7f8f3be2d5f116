/* buf: a growable byte buffer, always NUL-terminated, for building strings, JSON and SQL
 * values without fixed limits. Allocation failure aborts: the kiosk cannot run without memory,
 * and every caller would otherwise need the same unreachable error path. */
#ifndef SV_BUF_H
#define SV_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_clear(buf *b);
void buf_add(buf *b, const void *p, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends s as a JSON string literal, quotes included. */
void buf_json_str(buf *b, const char *s);
/* Moves the contents out as a malloc'd string; b is left empty. */
char *buf_take(buf *b);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
