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

/* Text into a fixed array of cap bytes (cap >= 4): whole, or when it does not fit, cut at a
 * character boundary and ended with "..." so a message for people or the log is never cut
 * inside a UTF-8 sequence. Both return 1 when the text was cut, 0 when it fits (a path built
 * with str_printf must be refused when cut). */
int str_copy(char *dst, size_t cap, const char *src);
int str_printf(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* s without the spaces, tabs and carriage returns around it: ended in place, returned from
 * its first other byte (an item of a ;-separated list as a person typed it). */
char *str_trim(char *s);
/* The next item of a list separated by spaces and commas ("lv, en uk"), from *p on: its
 * length, 0 at the end; *item is its first byte, and *p moves past it. */
size_t str_next_item(const char **p, const char **item);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
