/* home: where the installation's files are (assets/fonts, assets/icons, lang, the demo pack).
 * $SVEIKI_HOME when set; otherwise the nearest folder above the running executable that has
 * assets/fonts (so build/sveiki and build/san/sveiki find the checkout's), else the install
 * prefix's share/sveiki beside the executable's bin/ (what `make install` lays out, whatever
 * PREFIX was). */
#ifndef SV_HOME_H
#define SV_HOME_H

#include "core/err.h"

#include <stddef.h>

/* The installation folder into out: 0, or -1 with out set to "." and a message naming every
 * folder looked in and SVEIKI_HOME. */
int home_locate(char *out, size_t cap, err *e);
/* The same without the message: "." when nothing is found. */
void home_find(char *out, size_t cap);
/* The demo pack of the installation root: root/demo.pack when installed, else the checkout's
 * root/build/demo.pack. */
void home_demo_pack(const char *root, char *out, size_t cap);

#endif
