/* voice: synthesis with espeak-ng, offline, into a callback (see speech.h). espeak-ng keeps
 * global state and is not safe to call from two threads at once: the platform calls it from
 * its speech thread only, after speech_init. The library is opened by speech_init (core/dl.h),
 * not linked: most runs of the kiosk and of sveikictl never speak. */
#include "speech/speech.h"

#include "core/dl.h"

#include <espeak-ng/speak_lib.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#define ESPEAK(X) X(espeak_Initialize) X(espeak_SetSynthCallback) X(espeak_ListVoices) \
    X(espeak_SetVoiceByProperties) X(espeak_Synth)
enum { ESPEAK(DL_ENUM) };
static const char *const espeak_names[] = {ESPEAK(DL_NAME) NULL};
static void *espeak_fns[sizeof espeak_names / sizeof *espeak_names];
/* the soname of espeak-ng 1.49 to 1.52, whose speak_lib.h this is compiled against */
static dl_lib espeak = {.soname = "libespeak-ng.so.1", .names = espeak_names, .fns = espeak_fns};
#define ES(f) DL_CALL(espeak_fns, f)

static int rate;     /* espeak-ng's sample rate once started, 0 before */
static void read_voices(void);
static int stopped;  /* the sink asked to stop the text being synthesized */

typedef struct synth_ctx {
    speech_sink sink;
    void *ctx;
} synth_ctx;

/* espeak-ng hands its samples here as it makes them; the job's sink is in the event's
 * user_data (espeak_Synth's last argument). */
static int on_samples(short *wav, int n, espeak_EVENT *events)
{
    synth_ctx *s = events ? events->user_data : NULL;
    if (!s)
        return 0;
    if (stopped)
        return 1;
    if (wav && n > 0 && s->sink(s->ctx, wav, (size_t)n, rate)) {
        stopped = 1;
        return 1;
    }
    return 0;
}

int speech_init(err *e)
{
    if (rate > 0)
        return 0;
    /* synchronous: espeak_Synth returns when the text is spoken into the callback; 40 ms
     * chunks, so the first sound leaves soon after a tap */
    /* espeak-ng sets the process's locale as it starts; the rest of the kiosk (X11 names the
     * window in the locale's encoding) keeps the one it had */
    err why;
    if (dl_load(&espeak, &why))
        return err_set(e, "espeak-ng cannot be opened (%s): nothing is synthesized", why.msg);
    char saved[256];
    const char *cur = setlocale(LC_ALL, NULL);
    snprintf(saved, sizeof saved, "%s", cur ? cur : "C");
    int r = ES(espeak_Initialize)(AUDIO_OUTPUT_SYNCHRONOUS, 40, NULL, 0);
    setlocale(LC_ALL, saved);
    if (r <= 0)
        return err_set(e, "espeak-ng did not start (its data is missing?): nothing is synthesized");
    rate = r;
    ES(espeak_SetSynthCallback)(on_samples);
    read_voices();
    return 0;
}

/* The languages of espeak-ng's voices (" en-gb en lv ... "), read once at speech_init:
 * reading the voice files takes milliseconds each time, and the list does not change. */
static char langs[4096];

static void read_voices(void)
{
    const espeak_VOICE **v = ES(espeak_ListVoices)(NULL);
    size_t used = 0;
    langs[used++] = ' ';
    for (int k = 0; v && v[k]; k++)
        /* languages: a priority byte, then a name, repeated, ending in an empty name */
        for (const char *l = v[k]->languages; l && *l && l[1]; l += strlen(l + 1) + 2) {
            size_t n = strlen(l + 1);
            if (used + n + 2 < sizeof langs) {
                memcpy(langs + used, l + 1, n);
                used += n;
                langs[used++] = ' ';
            }
        }
    langs[used] = 0;
}

/* Whether a voice's language is code itself or code-REGION ("en" has "en-gb" and "en-us";
 * "ti" has none, and no other language stands in for it). */
static int has_voice(const char *code)
{
    size_t n = strlen(code);
    for (const char *p = strchr(langs, ' '); p && p[1]; p = strchr(p + 1, ' '))
        if (!strncmp(p + 1, code, n) && (p[1 + n] == ' ' || p[1 + n] == '-'))
            return 1;
    return 0;
}

int speech_has_voice(const char *lang)
{
    return rate > 0 && lang && *lang && strlen(lang) < 32 && has_voice(lang);
}

int speech_synth(const char *lang, const char *text, speech_sink sink, void *ctx, err *e)
{
    if (rate <= 0)
        return err_set(e, "speech: espeak-ng is not started");
    espeak_VOICE spec = {.languages = lang};
    if (!has_voice(lang) || ES(espeak_SetVoiceByProperties)(&spec) != EE_OK)
        return err_set(e, "speech: espeak-ng has no voice for %s", lang);
    synth_ctx s = {.sink = sink, .ctx = ctx};
    stopped = 0;
    espeak_ERROR r = ES(espeak_Synth)(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
                                  espeakCHARS_UTF8, NULL, &s);
    if (r != EE_OK && !stopped)
        return err_set(e, "speech: espeak-ng could not speak the text in %s (error %d)", lang, (int)r);
    return 0;
}
