/* source: one content source file (a page, a manifest, a survey, a .po file) read as hostile
 * input. It promises that what it returns is a regular file (not a symlink, FIFO or device:
 * app/fs), not empty, not over SOURCE_MAX_BYTES, without a NUL byte, and valid UTF-8; anything
 * else is an error naming the file and line. */
#ifndef SV_SOURCE_H
#define SV_SOURCE_H

#include "core/err.h"
#include "pack/format.h"

#include <stddef.h>

/* Max size of any source file: bigger is not content a person wrote. */
#define SOURCE_MAX_BYTES PACK_TEXT_MAX

/* Reads a file into memory with the checks every source gets: a regular file (not a symlink,
 * FIFO or device: app/fs), not empty, not over SOURCE_MAX_BYTES, no NUL byte (binary), valid
 * UTF-8. Returns malloc'd text or NULL. */
char *source_read(const char *path, size_t *len, err *e);

#endif
