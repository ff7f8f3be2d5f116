/* trust: which pack a kiosk shows. With a trusted public key (--trust, or DATA/trusted.pub),
 * only a pack signed by it: the offered pack and its signature are first copied into the data
 * directory and the copy is verified, so the bytes checked are the bytes opened; a good copy
 * becomes DATA/current.pack (with current.pack.sig). An unsigned or wrongly signed pack is
 * refused, and the kiosk goes on with the last good one. Without a key the offered pack is
 * shown as it is. Every file is written through app/fs; nothing here prints. */
#ifndef SV_TRUST_H
#define SV_TRUST_H

#include "core/err.h"

#include <stddef.h>

/* Creates the data directory (and its parents, mode 0700) if needed, and proves it writable. */
int trust_data_dir(const char *dir, err *e);

typedef struct trust_note {
    int refused; /* the offered pack was refused: why says why */
    err why;
} trust_note;

/* Decides which pack to open: on return pack (of capacity cap) names it, DATA/current.pack
 * when a key is in force. trusted is the key file from --trust, or NULL to look for
 * DATA/trusted.pub. A refusal is reported in *note, even when the call then fails because
 * there is no earlier good pack to keep. */
int trust_choose(char *pack, size_t cap, const char *data, const char *trusted,
                 trust_note *note, err *e);

#endif
