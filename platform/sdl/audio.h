/* audio: reading aloud through SDL audio, off the UI thread. One thread of its own makes
 * the sound (app/speech: a recording decoded, or espeak-ng synthesizing each part) and
 * hands the samples to an SDL audio device through a ring that the device's callback
 * drains; the callback knows which part it is playing and wakes the event loop when that
 * changes. The device is opened for a job and closed when it is over, so an idle kiosk has
 * no audio thread running. SDL_AUDIODRIVER=disk (with SDL_DISKAUDIOFILE) writes the sound
 * to a file for tests. */
#ifndef SV_SDL_AUDIO_H
#define SV_SDL_AUDIO_H

#include "speech/speech.h"

typedef struct audio audio;

/* Starts the speech thread, which starts espeak-ng the first time it is needed (has_voice,
 * or a job). Never fails: without espeak-ng or an audio device, jobs end at once (part -1)
 * and there is no voice. */
audio *audio_new(void);
/* The platform table's speak, stop, speaking and has_voice (platform.h); has_voice starts
 * espeak-ng and waits for it the first time, at most a few seconds: -1 (not known yet) when
 * it has not started by then. */
void audio_speak(void *ctx, speech_job *job);
void audio_stop(void *ctx);
void audio_speaking(void *ctx, unsigned *id, int *part);
int audio_has_voice(void *ctx, const char *lang);
/* The SDL event type pushed when the part playing changes or a job ends: the loop wakes
 * and asks the kiosk to look (kiosk_tick). */
unsigned audio_event_type(void);
void audio_free(audio *a);

#endif
