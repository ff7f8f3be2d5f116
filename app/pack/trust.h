/* trust: which pack a kiosk shows. With a trusted public key (--trust, or DATA/trusted.pub),
 * only a signed pack (app/sign.h: one file carries its signature) that opens, and only a
 * version newer than the one shown: the offered pack is first copied into the data directory
 * (regular files only, size-capped) and the copy is what is verified, opened and kept, so the
 * bytes checked are the bytes shown. A good copy becomes DATA/current.pack and the pack shown
 * until then DATA/previous.pack (for a rollback by staff); each step is one rename, so a
 * power cut at any moment leaves a good signed pack to start with. A refused pack is named as
 * the person gave it, and the kiosk goes on with the last good one. Without a key the offered
 * pack is shown as it is. Every file is written through app/fs; nothing here prints. */
#ifndef SV_TRUST_H
#define SV_TRUST_H

#include "core/err.h"

#include <stddef.h>

/* Why an offered pack was refused, for a screen to say in the words of the person holding
 * the stick (the message in `why` is the log's, in English, with the file's path). */
enum trust_refusal {
    TRUST_REFUSED_OTHER,     /* it could not be copied into the data directory */
    TRUST_NOT_SIGNED,
    TRUST_WRONG_KEY,         /* signed, but not by the trusted key, or changed since */
    TRUST_SHOWN_ALREADY,
    TRUST_NOT_NEWER,         /* version and shown say which */
    TRUST_DAMAGED,           /* unreadable, or not a pack that opens */
    TRUST_NO_KEY,            /* the kiosk has no trusted key: nothing comes from a stick */
    TRUST_LINKED,            /* a link on the stick: not followed (said by the kiosk) */
};

typedef struct trust_note {
    int refused;       /* the offered pack was refused: why says why */
    int reason;        /* enum trust_refusal, when refused */
    char version[64];  /* TRUST_NOT_NEWER: the version offered, and the version shown */
    char shown[64];
    int restored;      /* a swap cut short was finished: previous.pack is current again */
    err why;
    char warning[600]; /* trust_data_dir: something staff should fix, or "" */
} trust_note;

/* Creates the data directory (and its parents, mode 0700) if needed, proves it writable,
 * removes temporaries a killed copy left behind, and warns (in note->warning) when other
 * users may write to it. */
int trust_data_dir(const char *dir, trust_note *note, err *e);

/* The key a kiosk trusts: trusted (--trust) when given, else DATA/trusted.pub when it exists
 * (written into buf), else NULL: the kiosk then shows the offered pack as it is. */
const char *trust_key(const char *data, const char *trusted, char *buf, size_t cap);

/* Decides which pack to open: on return pack (of capacity cap) names it, DATA/current.pack
 * when a key is in force. trusted is the key file from --trust, or NULL to look for
 * DATA/trusted.pub. A refusal is reported in *note, even when the call then fails because
 * there is no earlier good pack to keep. */
int trust_choose(char *pack, size_t cap, const char *data, const char *trusted,
                 trust_note *note, err *e);

/* A pack offered from a stick, open as fd (size bytes, opened beneath the stick's folder;
 * name is how messages name it). Checked where it lies before anything is copied: its
 * signed-pack trailer, whether it is the pack shown already, its signature by the trusted
 * key, and its version against the one shown; only a pack that passes is copied into the
 * data directory, checked again there, and kept as trust_choose keeps one (pack then names
 * DATA/current.pack). A refusal is note->refused with note->why and returns 0; -1 when there
 * is no trusted key or the pack cannot be kept. */
int trust_offer(int fd, size_t size, const char *name, char *pack, size_t cap, const char *data,
                const char *trusted, trust_note *note, err *e);

/* Back to the pack shown before (DATA/previous.pack), for staff: its signature is checked
 * with the trusted key first, then the two are swapped in three renames (previous to
 * incoming, current to previous, incoming to current), so a power cut at any moment leaves
 * a good signed pack to start with (trust_choose restores a cut swap). pack then names
 * DATA/current.pack. -1 with a message when there is no previous pack or it is not good. */
int trust_rollback(char *pack, size_t cap, const char *data, const char *trusted, err *e);

#endif
