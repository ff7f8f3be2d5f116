#include "home.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void home_find(char *out, size_t cap)
{
    const char *env = getenv("SVEIKI_HOME");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return;
    }
    char dir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n <= 0) {
        snprintf(out, cap, ".");
        return;
    }
    dir[n] = 0;
    for (int up = 0; up < 4; up++) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            break;
        *slash = 0;
        char probe[PATH_MAX + 32];
        snprintf(probe, sizeof probe, "%s/assets/fonts", *dir ? dir : "/");
        if (access(probe, F_OK) == 0) {
            snprintf(out, cap, "%s", *dir ? dir : "/");
            return;
        }
    }
    snprintf(out, cap, ".");
}
