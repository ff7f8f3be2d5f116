#include "home.h"
#include "fs.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOME_UP 4 /* build/san/sveiki is two below the checkout; two more for a deeper copy */

int home_locate(char *out, size_t cap, err *e)
{
    const char *env = getenv("SVEIKI_HOME");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return 0;
    }
    char exe[PATH_MAX], dir[PATH_MAX], probe[PATH_MAX + 64], looked[HOME_UP + 1][PATH_MAX + 16];
    int nlooked = 0;
    snprintf(out, cap, ".");
    if (fs_readlink("/proc/self/exe", exe, sizeof exe, NULL) || !*exe)
        return err_set(e, "cannot tell where the program is (/proc/self/exe): set SVEIKI_HOME "
                          "to the folder that has assets/ and lang/");
    snprintf(dir, sizeof dir, "%s", exe);
    for (int up = 0; up < HOME_UP; up++) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            break;
        *slash = 0;
        const char *d = *dir ? dir : "/";
        snprintf(probe, sizeof probe, "%s/assets/fonts", *dir ? dir : "");
        snprintf(looked[nlooked++], sizeof looked[0], "%s", d);
        if (fs_exists(probe)) {
            snprintf(out, cap, "%s", d);
            return 0;
        }
        if (!*dir)
            break;
    }
    /* installed: PREFIX/bin/sveiki beside PREFIX/share/sveiki */
    snprintf(dir, sizeof dir, "%s", exe);
    char *slash = strrchr(dir, '/');
    if (slash && slash > dir) {
        *slash = 0;
        slash = strrchr(dir, '/');
        if (slash) {
            *slash = 0;
            snprintf(probe, sizeof probe, "%s/share/sveiki/assets/fonts", dir);
            snprintf(looked[nlooked++], sizeof looked[0], "%s/share/sveiki", dir);
            if (fs_exists(probe)) {
                snprintf(out, cap, "%s/share/sveiki", dir);
                return 0;
            }
        }
    }
    char list[sizeof e->msg] = "";
    for (int i = 0; i < nlooked; i++) {
        size_t n = strlen(list);
        if (snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", looked[i]) < 0)
            break;
    }
    return err_set(e, "found no assets/fonts in %s: set SVEIKI_HOME to the folder that has "
                      "assets/ and lang/ (`make install` puts them in PREFIX/share/sveiki)",
                   list);
}

void home_find(char *out, size_t cap) { home_locate(out, cap, NULL); }

void home_demo_pack(const char *root, char *out, size_t cap)
{
    snprintf(out, cap, "%s/demo.pack", root);
    if (!fs_exists(out))
        snprintf(out, cap, "%s/build/demo.pack", root);
}
