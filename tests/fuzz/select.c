/* select: every fuzz target of tests/fuzz/ in one program, build/fuzz/fuzz, started as
 * build/fuzz/fuzz_NAME (a symbolic link to it) to fuzz target NAME. One link instead of one a
 * target: the links were a third of the fuzz build that `make test` pays for. Each target's
 * file is compiled with its libFuzzer entry points renamed fuzz_NAME_one and fuzz_NAME_init
 * (Makefile); these entry points hand every call over to the target the program was started
 * as. targets.h, made by the Makefile, lists the targets as T(NAME). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a target without an init of its own leaves its weak name unresolved: NULL */
#define T(n)                                                                                   \
    int fuzz_##n##_one(const uint8_t *data, size_t size);                                       \
    __attribute__((weak)) int fuzz_##n##_init(int *argc, char ***argv);
#include "targets.h"
#undef T

static const struct target {
    const char *name;
    int (*one)(const uint8_t *data, size_t size);
    int (*init)(int *argc, char ***argv);
} targets[] = {
#define T(n) {#n, fuzz_##n##_one, fuzz_##n##_init},
#include "targets.h"
#undef T
};

static const struct target *chosen;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *me = (*argv)[0], *slash = strrchr(me, '/');
    const char *name = slash ? slash + 1 : me;
    for (size_t i = 0; i < sizeof targets / sizeof *targets; i++)
        if (!strncmp(name, "fuzz_", 5) && !strcmp(name + 5, targets[i].name))
            chosen = &targets[i];
    if (!chosen) {
        fprintf(stderr, "%s: start this program as fuzz_NAME (the links beside it), NAME one of:", me);
        for (size_t i = 0; i < sizeof targets / sizeof *targets; i++)
            fprintf(stderr, " %s", targets[i].name);
        fprintf(stderr, "\n");
        exit(2);
    }
    return chosen->init ? chosen->init(argc, argv) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return chosen->one(data, size);
}
