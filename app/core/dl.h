/* dl: a shared library opened the first time something needs it, not when the program starts.
 * Reading aloud (espeak-ng, which brings a sound stack of some thirty libraries) and the
 * recordings' decoder (opusfile) are needed by few runs; linked, every start of the kiosk and
 * of sveikictl mapped and relocated them. A library is opened once per process, by its soname
 * (the ABI the headers it was compiled against describe), and every function it must have is
 * looked up then: a library missing or of another version is one clear error, not a crash at
 * the first call. Safe from any thread. */
#ifndef SV_DL_H
#define SV_DL_H

#include "core/err.h"

typedef struct dl_lib {
    const char *soname;       /* "libespeak-ng.so.1" */
    const char *const *names; /* the functions it must have, NULL-terminated */
    void **fns;               /* their addresses, in the order of names */
    /* the outcome, kept: 0 not tried yet, 1 open, -1 failed (why says what) */
    int state;
    char why[512];
} dl_lib;

/* A library's functions listed once, as X(name) X(name) ... in a macro LIST, give the
 * indexes (enum { LIST(DL_ENUM) }), the names (= { LIST(DL_NAME) NULL }) and calls typed as
 * the library's header declares them (DL_CALL(fns, name)(args)), so no prototype is
 * written twice and nothing references the library at link time. */
#define DL_ENUM(f) DL_##f,
#define DL_NAME(f) #f,
#define DL_CALL(fns, f) ((__typeof__(&f))(fns)[DL_##f])

/* Opens l (once) and fills l->fns. 0, or -1 with a message naming the library and what it
 * lacks; a failure is remembered, and every later call gives the same message. */
int dl_load(dl_lib *l, err *e);

#endif
