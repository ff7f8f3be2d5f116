/* speech: what the kiosk reads aloud, and the two ways it makes the sound, with no SDL.
 *   - A job: the parts of what a screen reads (the title, then each paragraph, list item
 *     and contact in reading order), each prepared for a synthesizer (speech_say): phone
 *     numbers digit by digit, dates as dates, digits of any script as Western digits, bidi
 *     controls and markup left out. The logical order of the text is its reading order,
 *     so right-to-left text needs no reordering. A job may carry the page's recording.
 *   - Synthesis: espeak-ng, offline, into a callback (retrieval mode: no audio of its own).
 *     Its voices are read once (speech_voices) and the languages with one kept as a list.
 *   - Recordings: Ogg Opus decoded with opusfile, checked by the pack builder the same way.
 * Sound leaves as 16-bit mono samples through a callback; the platform plays them
 * (platform.h: speak, stop) on a thread of its own, so nothing here runs on the UI thread
 * of the kiosk but the preparation of a job. */
#ifndef SV_SPEECH_H
#define SV_SPEECH_H

#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

/* ---- jobs ------------------------------------------------------------------------------ */

enum speech_kind {
    SPEECH_TEXT,  /* running text: phone numbers and dates in it are found and read as such */
    SPEECH_PHONE, /* a phone number: every digit on its own */
    SPEECH_PLAIN  /* read as it is (an address, a link's label) */
};

typedef struct speech_job {
    unsigned id;     /* the asker's number for it: speech_state reports it back */
    char lang[16];   /* the language of the text (a page shown in the fallback: that one) */
    int nparts;
    char **parts;    /* prepared text, one a part, in reading order */
    unsigned char *recording; /* the whole page recorded (Ogg Opus), or NULL: synthesis */
    size_t recording_len;
    char *months[12]; /* the date patterns of lang, or all NULL */
} speech_job;

/* The most parts a job keeps: a page longer than this is read up to there. */
#define SPEECH_MAX_PARTS 256

/* A new job in lang. months: the 12 date patterns of lang ("{day} January {year}", as the
 * UI strings translate them), or NULL to read dates as they are written. */
speech_job *speech_job_new(unsigned id, const char *lang, const char *const *months);
/* Appends one part of the kind given (enum speech_kind), prepared with speech_say. More than
 * one piece may make one part (a contact's label and its number): a part is started with
 * speech_job_part and continued with speech_job_more. */
void speech_job_part(speech_job *j, const char *text, int kind);
void speech_job_more(speech_job *j, const char *text, int kind);
/* Takes a copy of the recording's bytes. */
void speech_job_record(speech_job *j, const void *data, size_t len);
void speech_job_free(speech_job *j);

/* text prepared to be spoken, malloc'd (see the top of this file). months as for
 * speech_job_new. */
char *speech_say(const char *text, int kind, const char *const *months);

/* The UI strings a job's dates are read with, one a month: "{day} January {year}" ... */
extern const char *const speech_month_msgids[12];

/* ---- synthesis (espeak-ng) ------------------------------------------------------------ */

/* Samples out: 16-bit mono at rate Hz. Return nonzero to stop (the asker changed its mind). */
typedef int (*speech_sink)(void *ctx, const int16_t *samples, size_t n, int rate);

/* Starts espeak-ng in retrieval mode (no audio device of its own) and reads which of the
 * languages it has a voice for. Call once, from the thread that will synthesize, before
 * anything else here that synthesizes. 0, or -1 with a message (no espeak-ng data).
 * espeak-ng then stays started until the process ends: espeak-ng 1.51's espeak_Terminate
 * can wait forever for its own thread (when called soon after the start, or after a second
 * start), so it is never called. */
int speech_init(err *e);
/* Whether espeak-ng has a voice for the language code (0 when speech_init failed): from
 * the list speech_init read, so any thread may ask once speech_init has returned. */
int speech_has_voice(const char *lang);
/* Speaks text (already prepared) in lang into sink; 0 when it was spoken whole or the sink
 * stopped it, -1 with a message (no voice for lang, espeak-ng failed). */
int speech_synth(const char *lang, const char *text, speech_sink sink, void *ctx, err *e);


/* ---- recordings (Ogg Opus) ----------------------------------------------------------- */

/* The longest recording a pack takes and a kiosk plays, in bytes. */
#define SPEECH_RECORDING_MAX ((size_t)16 * 1024 * 1024)

/* Whether data is an Ogg Opus recording the kiosk can play; its length in seconds. 0, or -1
 * with a message saying what is wrong with it. */
int speech_recording_check(const void *data, size_t len, double *seconds, err *e);
/* Decodes the recording into sink (48000 Hz mono). 0 when played whole or the sink stopped
 * it, -1 with a message. */
int speech_decode(const void *data, size_t len, speech_sink sink, void *ctx, err *e);

#endif
