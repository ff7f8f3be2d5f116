/* dl: see dl.h. */
#include "core/dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int open_lib(dl_lib *l)
{
    /* RTLD_NOW: every symbol the library needs is bound here, not at a first call on the
     * speech thread; RTLD_LOCAL: its symbols stay its own */
    void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(l->why, sizeof l->why, "%s", why ? why : l->soname);
        return -1;
    }
    for (int k = 0; l->names[k]; k++) {
        void *f = dlsym(h, l->names[k]);
        if (!f) {
            snprintf(l->why, sizeof l->why, "%s has no %s (another version?)", l->soname,
                     l->names[k]);
            dlclose(h);
            return -1;
        }
        l->fns[k] = f;
    }
    /* never closed: the functions stay valid for the life of the process */
    return 0;
}

int dl_load(dl_lib *l, err *e)
{
    pthread_mutex_lock(&lock);
    if (!l->state)
        l->state = open_lib(l) ? -1 : 1;
    int state = l->state;
    pthread_mutex_unlock(&lock);
    return state > 0 ? 0 : err_set(e, "%s", l->why);
}
