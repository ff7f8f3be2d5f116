/* home: where the installation's files are (assets/fonts, assets/icons, lang, build/demo.pack).
 * $SVEIKI_HOME when set; otherwise the nearest folder above the running executable that has
 * assets/fonts, so build/sveiki, build/san/sveiki and an installed copy all find theirs. */
#ifndef SV_HOME_H
#define SV_HOME_H

#include <stddef.h>

void home_find(char *out, size_t cap);

#endif
