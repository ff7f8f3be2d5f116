/* arena: many small allocations freed at once. A screen's strings and query results live
 * in one arena that is dropped when the screen is rebuilt, so nothing leaks between people. */
#ifndef SV_ARENA_H
#define SV_ARENA_H

#include <stddef.h>

typedef struct arena {
    struct arena_blk *head;
} arena;

void *arena_alloc(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
void arena_free(arena *a);

#endif
