/* utf8: decoding, encoding and validation of UTF-8. Invalid sequences never read past the
 * end of the input; the decoder yields U+FFFD for them so that drawing code cannot be
 * derailed, and the validator reports where the first bad byte is (line and column). */
#ifndef SV_UTF8_H
#define SV_UTF8_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[*i] (i < len), advances *i by its length (at least 1).
 * Returns 0xFFFD for an invalid or truncated sequence, overlong forms and surrogates. */
uint32_t utf8_decode(const char *s, size_t len, size_t *i);
/* Writes cp as UTF-8 into out (4 bytes room); returns the number of bytes. */
int utf8_encode(uint32_t cp, char *out);
/* Whether cp is a Unicode noncharacter (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF): never text.
 * Libraries use some as markers (libunibreak ends its input at U+FFFF), so none may reach
 * them. */
int utf8_nonchar(uint32_t cp);
/* Returns 1 if s[0..len) is valid UTF-8 holding no noncharacter. Otherwise 0, with *line
 * and *col (1-based, col in bytes) of the first invalid byte when those are not NULL. */
int utf8_valid(const char *s, size_t len, int *line, int *col);
/* Decodes into a new array of code points (invalid sequences and noncharacters become
 * U+FFFD), with a parallel array of byte offsets (offs[n] == len); returns the count. Free
 * both with free(). */
size_t utf8_to_utf32(const char *s, size_t len, uint32_t **cps, uint32_t **offs);

/* Appends s (NUL-ended) to b as text that is safe to print in a log or on a terminal, for
 * names that are anyone's choice (a file on a stick, in a batch folder): C0 controls and DEL
 * as \xHH, C1 controls, bidi marks, embeddings, overrides and isolates, and line and
 * paragraph separators as \u{HHHH}, each byte of invalid UTF-8 as \xHH; a backslash is
 * written as itself (so a name can never forge another name's escape, it is doubled: \\).
 * Everything else as it is. */
struct buf;
void utf8_escape_name(struct buf *b, const char *s);
/* A message line: fmt formatted, then escaped as utf8_escape_name does, as a malloc'd
 * string the caller prints and frees (every program's messages name files from outside). */
char *utf8_escaped_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
