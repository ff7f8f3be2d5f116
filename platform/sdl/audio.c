/* audio: reading aloud through SDL audio, off the UI thread (see audio.h). */
#include "sdl/audio.h"

#include <SDL.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RATE 48000        /* the device's rate: a recording's own, espeak-ng's is converted */
#define RING (RATE * 2)   /* two seconds made ahead of what is heard */
#define DEVICE_SAMPLES 1024
/* How long a screen waits, once, for espeak-ng to start: it reads its voice list in
 * milliseconds, but a synthesizer that never comes back (seen under qemu-user) must not
 * freeze the kiosk; after that wait, screens offer read aloud only once it has started */
#define VOICE_WAIT_MS 5000

typedef struct mark {
    uint64_t at; /* the ring position of the part's first sample */
    int part;
} mark;

struct audio {
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *wake, *ready_cv;
    int want, ready, quit, espeak_ok, audio_ok, audio_tried;
    int waited; /* a screen has waited VOICE_WAIT_MS for the start: none waits again */
    speech_job *pending; /* the next job, under lock */
    int pending_gen;
    SDL_atomic_t gen;    /* bumped by each speak and stop: anything older is dropped */
    SDL_atomic_t id;     /* the job asked for last */
    SDL_atomic_t part;   /* the part playing, -1 once that job is over */
    /* the device, and the ring the speech thread fills and its callback drains (both under
     * SDL_LockAudioDevice) */
    SDL_AudioDeviceID dev;
    int16_t ring[RING];
    size_t head, count;
    uint64_t written, played;
    mark marks[SPEECH_MAX_PARTS];
    int nmarks, next_mark;
    int ring_gen;
    int noted;           /* the first sample of the job went to SDL (make bench) */
    const char *bench;   /* SVEIKI_BENCH_SPEECH: print when it did */
    /* the speech thread's converter from a source's rate to RATE */
    SDL_AudioStream *conv;
    int conv_rate;
};

static Uint32 speech_event = (Uint32)-1;

unsigned audio_event_type(void) { return speech_event; }

static void wake_loop(void)
{
    if (speech_event == (Uint32)-1)
        return;
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = speech_event;
    SDL_PushEvent(&ev);
}

/* The device asks for len bytes: the ring's samples of the current job, silence for the
 * rest and for anything of an older one. The part whose first sample goes out now is the
 * one playing; the loop is woken to highlight it. */
static void feed(void *ud, Uint8 *stream, int len)
{
    audio *a = ud;
    int16_t *out = (int16_t *)stream;
    size_t n = (size_t)len / sizeof *out, k = 0;
    if (a->ring_gen == SDL_AtomicGet(&a->gen)) {
        k = n < a->count ? n : a->count;
        for (size_t i = 0; i < k; i++)
            out[i] = a->ring[(a->head + i) % RING];
        a->head = (a->head + k) % RING;
        a->count -= k;
        a->played += k;
        int changed = 0;
        while (a->next_mark < a->nmarks && a->marks[a->next_mark].at < a->played) {
            SDL_AtomicSet(&a->part, a->marks[a->next_mark++].part);
            changed = 1;
        }
        if (k && !a->noted) {
            a->noted = 1;
            if (a->bench) {
                struct timespec ts;
                clock_gettime(CLOCK_MONOTONIC, &ts);
                fprintf(stderr, "speech-first-sample %lld\n",
                        (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
            }
        }
        if (changed)
            wake_loop();
    } else {
        a->count = 0;
    }
    memset(out + k, 0, (n - k) * sizeof *out);
}

static int stale(audio *a, int g) { return SDL_AtomicGet(&a->gen) != g; }

/* Appends samples at RATE to the ring, waiting while it is full; 1 when the job is stale. */
static int to_ring(audio *a, int g, const int16_t *s, size_t n)
{
    while (n) {
        SDL_LockAudioDevice(a->dev);
        size_t room = RING - a->count, k = n < room ? n : room;
        for (size_t i = 0; i < k; i++)
            a->ring[(a->head + a->count + i) % RING] = s[i];
        a->count += k;
        a->written += k;
        SDL_UnlockAudioDevice(a->dev);
        s += k, n -= k;
        if (stale(a, g))
            return 1;
        if (n)
            SDL_Delay(10); /* full: two seconds ahead of the ear */
    }
    return 0;
}

typedef struct sink_ctx {
    audio *a;
    int g;
} sink_ctx;

/* Whatever the converter has ready, to the ring. */
static int drain_conv(audio *a, int g)
{
    int16_t tmp[4096];
    int got;
    while ((got = SDL_AudioStreamGet(a->conv, tmp, sizeof tmp)) > 0)
        if (to_ring(a, g, tmp, (size_t)got / sizeof *tmp))
            return 1;
    return 0;
}

static int sink(void *ctx, const int16_t *samples, size_t n, int rate)
{
    sink_ctx *s = ctx;
    audio *a = s->a;
    if (stale(a, s->g))
        return 1;
    if (rate == RATE)
        return to_ring(a, s->g, samples, n);
    if (!a->conv || a->conv_rate != rate) {
        SDL_FreeAudioStream(a->conv);
        a->conv = SDL_NewAudioStream(AUDIO_S16SYS, 1, rate, AUDIO_S16SYS, 1, RATE);
        a->conv_rate = rate;
        if (!a->conv)
            return 1;
    }
    if (SDL_AudioStreamPut(a->conv, samples, (int)(n * sizeof *samples)))
        return 1;
    return drain_conv(a, s->g);
}

/* The end of a part: what the converter still holds goes out before the next one. */
static void flush(audio *a, int g)
{
    if (a->conv && !SDL_AudioStreamFlush(a->conv))
        drain_conv(a, g);
    if (a->conv)
        SDL_AudioStreamClear(a->conv);
}

static void start_part(audio *a, int part)
{
    SDL_LockAudioDevice(a->dev);
    if (a->nmarks < SPEECH_MAX_PARTS)
        a->marks[a->nmarks++] = (mark){.at = a->written, .part = part};
    SDL_UnlockAudioDevice(a->dev);
}

static int open_device(audio *a)
{
    if (a->dev)
        return 1;
    /* SDL's audio starts at the first job, not with the kiosk: probing the sound servers
     * would delay the first frame, and a kiosk nobody asks to read needs none */
    if (!a->audio_tried) {
        a->audio_tried = 1;
        a->audio_ok = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
        if (!a->audio_ok)
            fprintf(stderr, "sveiki: warning: no audio (%s): nothing is read aloud\n", SDL_GetError());
    }
    if (!a->audio_ok)
        return 0;
    SDL_AudioSpec want, have;
    SDL_zero(want);
    want.freq = RATE, want.format = AUDIO_S16SYS, want.channels = 1;
    want.samples = DEVICE_SAMPLES, want.callback = feed, want.userdata = a;
    a->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0); /* SDL converts to the device's */
    if (!a->dev)
        fprintf(stderr, "sveiki: warning: no audio device: %s: nothing is read aloud\n", SDL_GetError());
    return a->dev != 0;
}

/* One job, on the speech thread: the recording, or (without one, or one that will not
 * play) each part synthesized; then the ring is let drain. */
static void play(audio *a, const speech_job *j, int g)
{
    if (!open_device(a))
        return;
    SDL_LockAudioDevice(a->dev);
    a->head = a->count = 0;
    a->written = a->played = 0;
    a->nmarks = a->next_mark = 0;
    a->noted = 0;
    a->ring_gen = g;
    SDL_UnlockAudioDevice(a->dev);
    SDL_PauseAudioDevice(a->dev, 0);
    sink_ctx s = {.a = a, .g = g};
    err e;
    int done = 0;
    if (j->recording) {
        start_part(a, 0);
        done = speech_decode(j->recording, j->recording_len, sink, &s, &e) == 0;
        if (!done)
            fprintf(stderr, "sveiki: warning: the page's recording in %s: %s\n", j->lang, e.msg);
        flush(a, g);
    }
    for (int k = 0; !done && a->espeak_ok && k < j->nparts && !stale(a, g); k++) {
        start_part(a, k);
        if (speech_synth(j->lang, j->parts[k], sink, &s, &e)) {
            fprintf(stderr, "sveiki: error: %s\n", e.msg);
            break;
        }
        flush(a, g);
    }
    /* until the last sample went to the device, and the device played it */
    for (;;) {
        SDL_LockAudioDevice(a->dev);
        size_t left = a->count;
        SDL_UnlockAudioDevice(a->dev);
        if (!left || stale(a, g))
            break;
        SDL_Delay(10);
    }
    if (!stale(a, g))
        SDL_Delay(2 * DEVICE_SAMPLES * 1000 / RATE);
}

static void close_device(audio *a)
{
    if (a->dev)
        SDL_CloseAudioDevice(a->dev);
    a->dev = 0;
}

/* The speech thread: espeak-ng is started and only ever called here (it is not safe to
 * call from two threads), and so is the audio device opened and closed. */
static int run(void *ud)
{
    audio *a = ud;
    /* SIGTERM and the like go to the event loop's thread: SDL turns them into a quit event
     * only there (this thread, and espeak-ng's own thread started from it, never take one) */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    /* espeak-ng starts when it is first needed (has_voice, or a job), not with the kiosk:
     * reading its some 300 voice files held up the first frame, and a kiosk that shows no
     * page never needs them */
    SDL_LockMutex(a->lock);
    while (!a->want && !a->pending && !a->quit)
        SDL_CondWait(a->wake, a->lock);
    if (!a->quit) {
        SDL_UnlockMutex(a->lock);
        err e;
        a->espeak_ok = speech_init(&e) == 0;
        if (!a->espeak_ok)
            fprintf(stderr, "sveiki: error: %s\n", e.msg);
        SDL_LockMutex(a->lock);
    }
    a->ready = 1;
    SDL_CondBroadcast(a->ready_cv);
    for (;;) {
        while (!a->pending && !a->quit)
            SDL_CondWait(a->wake, a->lock);
        if (a->quit)
            break;
        speech_job *j = a->pending;
        int g = a->pending_gen;
        a->pending = NULL;
        SDL_UnlockMutex(a->lock);
        play(a, j, g);
        speech_job_free(j);
        SDL_LockMutex(a->lock);
        if (!a->pending) { /* over: the device is let go, and the loop hears of it */
            close_device(a);
            SDL_AtomicSet(&a->part, -1);
            wake_loop();
        }
    }
    SDL_UnlockMutex(a->lock);
    close_device(a);
    SDL_FreeAudioStream(a->conv);
    return 0;
}

audio *audio_new(void)
{
    audio *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    SDL_AtomicSet(&a->part, -1);
    a->bench = getenv("SVEIKI_BENCH_SPEECH");
    if (speech_event == (Uint32)-1)
        speech_event = SDL_RegisterEvents(1);
    a->lock = SDL_CreateMutex();
    a->wake = SDL_CreateCond();
    a->ready_cv = SDL_CreateCond();
    if (a->lock && a->wake && a->ready_cv)
        a->thread = SDL_CreateThread(run, "speech", a);
    if (!a->thread) {
        fprintf(stderr, "sveiki: warning: no speech thread (%s): nothing is read aloud\n", SDL_GetError());
        a->ready = 1;
    }
    return a;
}

void audio_speak(void *ctx, speech_job *job)
{
    audio *a = ctx;
    if (!a || !a->thread) {
        if (a)
            SDL_AtomicSet(&a->part, -1);
        speech_job_free(job);
        return;
    }
    SDL_LockMutex(a->lock);
    speech_job_free(a->pending);
    a->pending = job;
    a->pending_gen = SDL_AtomicAdd(&a->gen, 1) + 1;
    SDL_AtomicSet(&a->id, (int)job->id);
    SDL_AtomicSet(&a->part, 0);
    SDL_CondSignal(a->wake);
    SDL_UnlockMutex(a->lock);
}

void audio_stop(void *ctx)
{
    audio *a = ctx;
    if (!a || !a->thread)
        return;
    SDL_LockMutex(a->lock);
    speech_job_free(a->pending);
    a->pending = NULL;
    SDL_AtomicAdd(&a->gen, 1);
    SDL_UnlockMutex(a->lock);
}

void audio_speaking(void *ctx, unsigned *id, int *part)
{
    audio *a = ctx;
    *id = a ? (unsigned)SDL_AtomicGet(&a->id) : 0;
    *part = a ? SDL_AtomicGet(&a->part) : -1;
}

int audio_has_voice(void *ctx, const char *lang)
{
    audio *a = ctx;
    if (!a || !a->thread)
        return 0;
    SDL_LockMutex(a->lock);
    if (!a->ready) {
        a->want = 1;
        SDL_CondSignal(a->wake);
    }
    int warn = 0;
    if (!a->ready && !a->waited) {
        uint64_t until = SDL_GetTicks64() + VOICE_WAIT_MS, now;
        while (!a->ready && (now = SDL_GetTicks64()) < until)
            if (SDL_CondWaitTimeout(a->ready_cv, a->lock, (Uint32)(until - now)) < 0)
                break;
        warn = a->waited = !a->ready;
    }
    int ok = !a->ready ? -1 : a->espeak_ok && speech_has_voice(lang);
    SDL_UnlockMutex(a->lock);
    if (warn) {
        fprintf(stderr, "sveiki: warning: espeak-ng has not started after %d ms: read aloud "
                        "is offered once it has\n", VOICE_WAIT_MS);
    }
    return ok;
}

void audio_free(audio *a)
{
    if (!a)
        return;
    if (a->thread) {
        SDL_LockMutex(a->lock);
        a->quit = 1;
        speech_job_free(a->pending);
        a->pending = NULL;
        SDL_AtomicAdd(&a->gen, 1);
        SDL_CondSignal(a->wake);
        /* a synthesizer that never finished starting (VOICE_WAIT_MS) would hold the exit
         * forever: the thread is let go, with what it uses, as the process ends */
        int stuck = !a->ready && a->waited;
        SDL_UnlockMutex(a->lock);
        if (stuck) {
            SDL_DetachThread(a->thread);
            return;
        }
        SDL_WaitThread(a->thread, NULL);
    }
    if (a->lock)
        SDL_DestroyMutex(a->lock);
    if (a->wake)
        SDL_DestroyCond(a->wake);
    if (a->ready_cv)
        SDL_DestroyCond(a->ready_cv);
    free(a);
}
