#include "home.h"
#include "fs.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void home_find(char *out, size_t cap)
{
    const char *env = getenv("SVEIKI_HOME");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return;
    }
    char dir[PATH_MAX];
    if (fs_readlink("/proc/self/exe", dir, sizeof dir, NULL) || !*dir) {
        snprintf(out, cap, ".");
        return;
    }
    for (int up = 0; up < 4; up++) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            break;
        *slash = 0;
        char probe[PATH_MAX + 32];
        snprintf(probe, sizeof probe, "%s/assets/fonts", *dir ? dir : "/");
        if (fs_exists(probe)) {
            snprintf(out, cap, "%s", *dir ? dir : "/");
            return;
        }
    }
    snprintf(out, cap, ".");
}
