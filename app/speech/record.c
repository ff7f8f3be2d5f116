/* record: a page's recording, Ogg Opus, decoded with opusfile from memory (see speech.h).
 * The bytes come from a pack, so from anyone: opusfile checks the stream, and a length or
 * a channel count out of bounds is refused. opusfile is opened when a recording is first
 * met (core/dl.h), not linked. */
#include "speech/speech.h"

#include "core/dl.h"

#include <opusfile.h>

#include <stdio.h>

/* At most this many seconds: a page read slowly is a few minutes. */
#define RECORDING_MAX_S 1800

#define OPUSFILE(X) X(op_open_memory) X(op_pcm_total) X(op_read_stereo) X(op_free)
enum { OPUSFILE(DL_ENUM) };
static const char *const opusfile_names[] = {OPUSFILE(DL_NAME) NULL};
static void *opusfile_fns[sizeof opusfile_names / sizeof *opusfile_names];
static dl_lib opusfile = {.soname = "libopusfile.so.0", .names = opusfile_names, .fns = opusfile_fns};
#define OP(f) DL_CALL(opusfile_fns, f)

static OggOpusFile *open_memory(const void *data, size_t len, err *e)
{
    if (len > SPEECH_RECORDING_MAX) {
        err_set(e, "a recording of %zu bytes: at most %zu", len, SPEECH_RECORDING_MAX);
        return NULL;
    }
    err why;
    if (dl_load(&opusfile, &why)) {
        err_set(e, "opusfile cannot be opened (%s): recordings cannot be played", why.msg);
        return NULL;
    }
    int rc = 0;
    OggOpusFile *f = OP(op_open_memory)(data, len, &rc);
    if (!f)
        err_set(e, "not an Ogg Opus recording (opusfile error %d)", rc);
    return f;
}

int speech_recording_check(const void *data, size_t len, double *seconds, err *e)
{
    OggOpusFile *f = open_memory(data, len, e);
    if (!f)
        return -1;
    ogg_int64_t total = OP(op_pcm_total)(f, -1);
    OP(op_free)(f);
    if (total <= 0)
        return err_set(e, "an Ogg Opus recording with no sound");
    *seconds = (double)total / 48000.0;
    if (*seconds > RECORDING_MAX_S)
        return err_set(e, "a recording of %.0f s: at most %d", *seconds, RECORDING_MAX_S);
    return 0;
}

int speech_decode(const void *data, size_t len, speech_sink sink, void *ctx, err *e)
{
    OggOpusFile *f = open_memory(data, len, e);
    if (!f)
        return -1;
    /* 120 ms of stereo at 48 kHz: the most one opus packet holds */
    opus_int16 pcm[5760 * 2];
    int16_t mono[5760];
    int rc = 0;
    for (;;) {
        int n = OP(op_read_stereo)(f, pcm, (int)(sizeof pcm / sizeof *pcm));
        if (n == OP_HOLE)
            continue; /* a gap in the stream: play on */
        if (n < 0) {
            rc = err_set(e, "a damaged recording (opusfile error %d)", n);
            break;
        }
        if (n == 0)
            break;
        for (int k = 0; k < n; k++)
            mono[k] = (int16_t)(((int)pcm[2 * k] + (int)pcm[2 * k + 1]) / 2);
        if (sink(ctx, mono, (size_t)n, 48000))
            break;
    }
    OP(op_free)(f);
    return rc;
}
