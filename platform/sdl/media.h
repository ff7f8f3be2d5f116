/* media: notices a USB stick with a `sveiki/` folder. A thread watches the media roots
 * (inotify; /media and /run/media by default, and the per-user folders under them that
 * udisks mounts into) and, when a folder appears that holds `sveiki/` (it waits a few
 * seconds for the mount to finish), posts an SDL user event of type media_event_type()
 * whose data1 is the mount folder (malloc'd: the receiver frees it). Sticks already there at
 * start are posted too. The kiosk's loop hands them to the app as UI_EV_MEDIA. */
#ifndef SV_MEDIA_H
#define SV_MEDIA_H

#include "core/err.h"

#include <SDL.h>

typedef struct media media;

/* roots: folders separated by ':' or ','; NULL for the default. */
media *media_watch(const char *roots, err *e);
void media_stop(media *m);
Uint32 media_event_type(void);

#endif
