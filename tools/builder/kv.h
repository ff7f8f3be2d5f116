/* kv: the `key: value` / `[section id]` text format of manifests and surveys. Reads a whole
 * file (size-capped, UTF-8 checked) into entries that remember their line, so every later
 * complaint can name file and line. */
#ifndef SV_KV_H
#define SV_KV_H

#include "core/err.h"
#include "pack/format.h"

#include <stddef.h>

typedef struct kv_entry {
    char *section;   /* "" before the first section, else e.g. "category" */
    char *id;        /* e.g. "money" */
    char *key;       /* e.g. "title.en" */
    char *value;
    int line;
    int used;        /* set by readers, to find unknown keys */
} kv_entry;

typedef struct kv_file {
    char *path;
    char *raw;       /* the file as read, for hashing the sources */
    size_t raw_len;
    kv_entry *e;
    int n;
} kv_file;

int kv_parse(kv_file *f, const char *path, err *e);
void kv_free(kv_file *f);
/* First entry with this section, id and key; marks it used. */
kv_entry *kv_get(kv_file *f, const char *section, const char *id, const char *key);

#endif
