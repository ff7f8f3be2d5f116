/* speech: the text a synthesizer is given (phone numbers digit by digit, dates as dates, any
 * script's digits, no bidi controls), espeak-ng's voices and samples, the fixture's Opus
 * recordings decoded, and the screens' read aloud on the fixture pack: the button where a
 * voice or a recording is, the job in reading order, the part highlighted, and silence when
 * the person taps again, leaves or the visit ends. White-box: it includes the ui's header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_measurer.h"

#include "core/dl.h"
#include "fs.h"
#include "pack/content.h"
#include "speech/speech.h"
#include "ui/screen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TEST_PACK
#define TEST_PACK "build/fixture.pack"
#endif
#define T0 5000u

static const char *const en_months[12] = {
    "{day} January {year}", "{day} February {year}", "{day} March {year}",
    "{day} April {year}",   "{day} May {year}",      "{day} June {year}",
    "{day} July {year}",    "{day} August {year}",   "{day} September {year}",
    "{day} October {year}", "{day} November {year}", "{day} December {year}"};

static void says(const char *text, int kind, const char *want)
{
    char *got = speech_say(text, kind, en_months);
    assert_string_equal(got, want);
    free(got);
}

static void test_say(void **state)
{
    (void)state;
    /* a phone number digit by digit, a pause between its groups, in text and as an item */
    says("Call +371 67 219 181 today.", SPEECH_TEXT, "Call + 3 7 1, 6 7, 2 1 9, 1 8 1 today.");
    says("112", SPEECH_PHONE, "1 1 2");
    says("Tel. 67219181", SPEECH_TEXT, "Tel. 6 7 2 1 9 1 8 1");
    /* numbers that are no phone numbers stay numbers */
    says("Call 112 now: 278 + 194 = 666 EUR, 1 500 EUR in 2022.", SPEECH_TEXT,
         "Call 112 now: 278 + 194 = 666 EUR, 1 500 EUR in 2022.");
    /* dates as dates, in both ways they are written */
    says("Checked: 2022-12-01.", SPEECH_TEXT, "Checked: 1 December 2022.");
    says("from 1.3.2023 to 05.04.2024", SPEECH_TEXT, "from 1 March 2023 to 5 April 2024");
    says("2022-13-01 is no date", SPEECH_TEXT, "2022-13-01 is no date");
    /* any script's digits, read as Western digits; bidi isolates and marks left out */
    says("\xDB\xB2\xDB\xB0\xDB\xB2\xDB\xB2-\xDB\xB1\xDB\xB2-\xDB\xB0\xDB\xB1", SPEECH_TEXT,
         "1 December 2022");
    says("\xE2\x81\xA6+371 2000 0000\xE2\x81\xA9 \xE2\x80\x8F.", SPEECH_TEXT,
         "+ 3 7 1, 2 0 0 0, 0 0 0 0 .");
    /* without a language's patterns, a date is read as written */
    char *plain = speech_say("2022-12-01", SPEECH_TEXT, NULL);
    assert_string_equal(plain, "2022-12-01");
    free(plain);
    /* the logical order is the reading order: Arabic text passes as it is */
    says("\xD8\xA7\xD8\xAA\xD8\xB5\xD9\x84 \xD8\xA8\xD9\x80 112", SPEECH_TEXT,
         "\xD8\xA7\xD8\xAA\xD8\xB5\xD9\x84 \xD8\xA8\xD9\x80 112");
}

static void test_job(void **state)
{
    (void)state;
    speech_job *j = speech_job_new(7, "en", en_months);
    speech_job_part(j, "Title", SPEECH_TEXT);
    speech_job_part(j, "Emergency", SPEECH_TEXT);
    speech_job_more(j, "112", SPEECH_PHONE);
    assert_int_equal(j->id, 7);
    assert_int_equal(j->nparts, 2);
    assert_string_equal(j->parts[1], "Emergency. 1 1 2");
    speech_job_record(j, "abc", 3);
    assert_int_equal(j->recording_len, 3);
    speech_job_free(j);
}

/* ---- synthesis and recordings --------------------------------------------------------- */

typedef struct heard {
    size_t n;
    int rate;
    long crossings;
    int16_t last;
    size_t stop_after; /* 0: never */
} heard;

static int listen(void *ctx, const int16_t *s, size_t n, int rate)
{
    heard *h = ctx;
    for (size_t k = 0; k < n; k++) {
        if ((h->last < 0) != (s[k] < 0))
            h->crossings++;
        h->last = s[k];
    }
    h->n += n;
    h->rate = rate;
    return h->stop_after && h->n >= h->stop_after;
}

static void test_voices(void **state)
{
    (void)state;
    err e = {{0}};
    assert_int_equal(speech_init(&e), 0);
    /* espeak-ng has voices for seven of the demo's languages; none for Tigrinya */
    const char *have[] = {"en", "lv", "ru", "uk", "ar", "fa", "ku"};
    for (size_t k = 0; k < sizeof have / sizeof *have; k++)
        assert_true(speech_has_voice(have[k]));
    assert_false(speech_has_voice("ti"));
    assert_false(speech_has_voice("xx"));
    const char *texts[][2] = {{"en", "Call 1 1 2."}, {"lv", "Zvaniet 1 1 2."},
                              {"ar", "\xD8\xA7\xD8\xAA\xD8\xB5\xD9\x84 1 1 2"}};
    for (size_t k = 0; k < 3; k++) {
        heard h = {0};
        assert_int_equal(speech_synth(texts[k][0], texts[k][1], listen, &h, &e), 0);
        assert_true(h.rate > 8000);
        assert_true(h.n > (size_t)h.rate / 4); /* a quarter of a second and more of speech */
        assert_true(h.crossings > 50);
    }
    /* a sink that has heard enough stops the synthesis */
    heard h = {.stop_after = 100};
    assert_int_equal(speech_synth("en", "A long sentence that goes on and on for a while.",
                                  listen, &h, &e), 0);
    assert_true(h.n < 22050);
    assert_int_equal(speech_synth("ti", "x", listen, &h, &e), -1);
    assert_non_null(strstr(e.msg, "no voice for ti"));
}

static void test_recording(void **state)
{
    (void)state;
    err e = {{0}};
    size_t len;
    unsigned char *rec =
        fs_read_all("tests/fixtures/pack/pages/emergency-112/en.opus", 1 << 20, &len, &e);
    assert_non_null(rec);
    double s = 0;
    assert_int_equal(speech_recording_check(rec, len, &s, &e), 0);
    assert_true(s > 1.4 && s < 1.6);
    heard h = {0};
    assert_int_equal(speech_decode(rec, len, listen, &h, &e), 0);
    assert_int_equal(h.rate, 48000);
    assert_true(h.n > 70000 && h.n < 75000);
    /* the fixture is a 440 Hz tone: 880 zero crossings a second */
    double hz = (double)h.crossings / 2 / ((double)h.n / 48000);
    assert_true(hz > 420 && hz < 460);
    /* anything else is refused with a reason */
    rec[40] ^= 0xFF, rec[41] ^= 0xFF;
    memcpy(rec, "OggX", 4);
    assert_int_equal(speech_recording_check(rec, len, &s, &e), -1);
    assert_non_null(strstr(e.msg, "Opus"));
    assert_int_equal(speech_recording_check("hello", 5, &s, &e), -1);
    free(rec);
}

/* The loader both libraries are opened through (core/dl.h): a library that is not there, or
 * lacks a function, is one message naming it, the same at every later call; one that is
 * there gives its functions, typed as its header declares them. */
#define LIBM(X) X(cos) X(sqrt)
enum { LIBM(DL_ENUM) };

static void test_loader(void **state)
{
    (void)state;
    err e = {{0}};
    static const char *const missing_names[] = {"espeak_Initialize", NULL};
    void *missing_fns[1] = {0};
    dl_lib missing = {.soname = "libsveiki-absent.so.9", .names = missing_names, .fns = missing_fns};
    for (int k = 0; k < 2; k++) {
        assert_int_equal(dl_load(&missing, &e), -1);
        assert_non_null(strstr(e.msg, "libsveiki-absent.so.9"));
    }
    assert_null(missing_fns[0]);
    static const char *const other_names[] = {"cos", "espeak_Initialize", NULL};
    void *other_fns[2] = {0};
    dl_lib other = {.soname = "libm.so.6", .names = other_names, .fns = other_fns};
    assert_int_equal(dl_load(&other, &e), -1);
    assert_string_equal(e.msg, "libm.so.6 has no espeak_Initialize (another version?)");
    static const char *const libm_names[] = {LIBM(DL_NAME) NULL};
    void *libm_fns[2] = {0};
    dl_lib libm = {.soname = "libm.so.6", .names = libm_names, .fns = libm_fns};
    assert_int_equal(dl_load(&libm, &e), 0);
    assert_int_equal(dl_load(&libm, &e), 0);
    assert_true(DL_CALL(libm_fns, cos)(0.0) == 1.0);
    assert_true(DL_CALL(libm_fns, sqrt)(2.25) == 1.5);
}

/* ---- the screens ---------------------------------------------------------------------- */

static content *pack;

static int setup(void **state)
{
    (void)state;
    err e = {{0}};
    pack = content_open(TEST_PACK, &e);
    if (!pack)
        fprintf(stderr, "cannot open %s (`make test` builds it): %s\n", TEST_PACK, e.msg);
    return pack ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    content_close(pack);
    return 0;
}

static const ui_widget *by_id(ui *u, const char *id) { return ui_find_id(u, id); }

static void tap_id(ui *u, const char *id, uint64_t now)
{
    const ui_widget *w = by_id(u, id);
    if (!w)
        fail_msg("no widget %s on screen %s", id, ui_screen_name(u));
    int x = w->x + w->w / 2, y = w->y + w->h / 2;
    ui_event d = {.type = UI_EV_DOWN, .x = x, .y = y}, up = {.type = UI_EV_UP, .x = x, .y = y};
    ui_event_(u, &d, now);
    ui_event_(u, &up, now);
}

static void key(ui *u, const char *name, uint64_t now)
{
    ui_event ev = {.type = UI_EV_KEY, .text = name};
    ui_event_(u, &ev, now);
}

/* The requests since the last call: the last job asked for (kept, the caller frees it) and
 * how many stops. */
static speech_job *requests(ui *u, int *stops)
{
    speech_job *last = NULL;
    *stops = 0;
    ui_request r;
    while (ui_take_request(u, &r)) {
        if (r.kind == UI_REQ_SPEAK) {
            speech_job_free(last);
            last = r.speech;
        }
        *stops += r.kind == UI_REQ_STOP;
        free(r.text);
    }
    return last;
}

/* the voices of a platform that synthesizes the languages of ctx (" en lv ") */
static int voices_of(void *ctx, const char *lang)
{
    char code[24];
    snprintf(code, sizeof code, " %s ", lang);
    return strstr(ctx, code) != NULL;
}

static ui *page(const char *lang, const char *id)
{
    ui_config cfg = {.w = 1280, .h = 800, .now = T0, .lang = lang, .page = id,
                     .has_voice = voices_of, .voice_ctx = " en lv ar fa "};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    int stops;
    speech_job_free(requests(u, &stops));
    return u;
}

static int part_with(const speech_job *j, const char *s)
{
    for (int k = 0; k < j->nparts; k++)
        if (strstr(j->parts[k], s))
            return k;
    return -1;
}

static void test_page_reads(void **state)
{
    (void)state;
    ui *u = page("en", "emergency-112");
    const ui_widget *b = by_id(u, "read-aloud");
    assert_non_null(b);
    assert_string_equal(b->label, "Read aloud");
    int stops;
    tap_id(u, "read-aloud", T0 + 100);
    speech_job *j = requests(u, &stops);
    assert_non_null(j);
    assert_string_equal(j->lang, "en");
    /* the page's recording comes first; the parts are there too, in reading order */
    assert_non_null(j->recording);
    assert_true(j->nparts > 5);
    assert_string_equal(j->parts[0], "Emergency: call 112");
    assert_string_equal(j->parts[1], "In an emergency, call 112.");
    int item = part_with(j, "Emergency: police, fire, ambulance");
    assert_true(item > 1);
    assert_non_null(strstr(j->parts[item], "1 1 2"));
    /* a local detail not filled in is not shown, so not read */
    assert_int_equal(part_with(j, "fill in"), -1);
    assert_int_equal(part_with(j, "Centre staff at night"), -1);
    /* the button says it is reading: a second tap is silence */
    assert_string_equal(by_id(u, "read-aloud")->label, "Stop reading aloud");
    assert_null(by_id(u, "reading")); /* a recording: no part is known */
    tap_id(u, "read-aloud", T0 + 200);
    speech_job_free(requests(u, &stops));
    assert_int_equal(stops, 1);
    assert_string_equal(by_id(u, "read-aloud")->label, "Read aloud");
    assert_int_equal(ui_reading(u), -1);
    speech_job_free(j);
    ui_free(u);
}

static const char *ui_string(const char *lang, const char *msgid)
{
    static char out[512];
    arena a = {0};
    snprintf(out, sizeof out, "%s", content_ui(pack, lang, msgid, &a));
    arena_free(&a);
    return out;
}

/* Read aloud off in the settings: no button on the page, a reading stops, nothing is read;
 * the setting belongs to the visit, so the next person has it on again. */
static void test_read_aloud_off(void **state)
{
    (void)state;
    ui *u = page("lv", "one-off-support");
    int stops;
    tap_id(u, "read-aloud", T0 + 100);
    speech_job_free(requests(u, &stops));
    assert_true(ui_reading(u) >= 0);
    tap_id(u, "settings", T0 + 200);
    assert_string_equal(ui_screen_name(u), "settings");
    const ui_widget *on = by_id(u, "read-aloud-on");
    assert_non_null(on);
    assert_string_equal(on->label, ui_string("lv", "Read aloud: on"));
    tap_id(u, "read-aloud-on", T0 + 300);
    assert_string_equal(by_id(u, "read-aloud-on")->label, ui_string("lv", "Read aloud: off"));
    speech_job_free(requests(u, &stops));
    assert_int_equal(stops, 1);
    key(u, "escape", T0 + 400);
    assert_string_equal(ui_screen_name(u), "page");
    assert_null(by_id(u, "read-aloud"));
    /* the next person: read aloud is on again */
    ui_tick(u, T0 + 500 + UI_IDLE_MS + UI_STILL_MS);
    assert_string_equal(ui_screen_name(u), "attract");
    tap_id(u, "start", T0 + 600 + UI_IDLE_MS + UI_STILL_MS);
    tap_id(u, "settings", T0 + 700 + UI_IDLE_MS + UI_STILL_MS);
    assert_string_equal(by_id(u, "read-aloud-on")->label, ui_string("lv", "Read aloud: on"));
    ui_free(u);
}

/* Listening mode: the first touch on a control says its label (the dump's), the second on
 * the same control uses it; a touch elsewhere between says that one instead. "Still there?"
 * is said when it is asked, and its "Yes" is heard, then used. */
static void test_listening_mode(void **state)
{
    (void)state;
    ui *u = page("lv", "one-off-support");
    int stops;
    tap_id(u, "settings", T0 + 100);
    tap_id(u, "listening-mode", T0 + 200); /* off: it acts at once */
    const ui_widget *lm = by_id(u, "listening-mode");
    char on[256];
    snprintf(on, sizeof on, "%s", lm->label);
    assert_string_equal(on, ui_string("lv", "Listening mode: touch once to hear, twice to use: on"));
    speech_job_free(requests(u, &stops));
    /* the bar's back: said, not used */
    char back[64];
    snprintf(back, sizeof back, "%s", by_id(u, "back")->label);
    tap_id(u, "back", T0 + 300);
    assert_string_equal(ui_screen_name(u), "settings");
    speech_job *j = requests(u, &stops);
    assert_non_null(j);
    assert_int_equal(j->nparts, 1);
    assert_string_equal(j->lang, "lv");
    assert_non_null(strstr(j->parts[0], back));
    speech_job_free(j);
    /* another control between: that one is said, and back must be heard again */
    tap_id(u, "text-size-2", T0 + 400);
    j = requests(u, &stops);
    assert_non_null(j);
    assert_non_null(strstr(j->parts[0], ui_string("lv", "Medium text")));
    speech_job_free(j);
    /* heard, not chosen */
    assert_string_equal(by_id(u, "text-size-2")->label, ui_string("lv", "Medium text"));
    tap_id(u, "back", T0 + 500);
    assert_string_equal(ui_screen_name(u), "settings");
    speech_job_free(requests(u, &stops));
    tap_id(u, "back", T0 + 600); /* the second touch: used */
    assert_string_equal(ui_screen_name(u), "page");
    speech_job_free(requests(u, &stops));
    /* "Still there?" said when asked; Yes heard, then used */
    ui_tick(u, T0 + 600 + UI_IDLE_MS);
    assert_string_equal(ui_screen_name(u), "still-there");
    j = requests(u, &stops);
    assert_non_null(j);
    assert_non_null(strstr(j->parts[0], ui_string("lv", "Still there?")));
    speech_job_free(j);
    tap_id(u, "yes", T0 + 700 + UI_IDLE_MS);
    assert_string_equal(ui_screen_name(u), "still-there");
    j = requests(u, &stops);
    assert_non_null(j);
    assert_non_null(strstr(j->parts[0], ui_string("lv", "Yes")));
    speech_job_free(j);
    tap_id(u, "yes", T0 + 800 + UI_IDLE_MS);
    assert_string_equal(ui_screen_name(u), "page");
    ui_free(u);
}

static void test_highlight_and_leave(void **state)
{
    (void)state;
    ui *u = page("lv", "one-off-support");
    char idle_label[64];
    snprintf(idle_label, sizeof idle_label, "%s", by_id(u, "read-aloud")->label);
    int stops;
    tap_id(u, "read-aloud", T0 + 100);
    speech_job *j = requests(u, &stops);
    assert_non_null(j);
    assert_null(j->recording);
    assert_string_equal(j->lang, "lv");
    /* the title, in the bar, is read first and underlined there */
    assert_int_equal(ui_reading(u), 0);
    assert_string_equal(by_id(u, "reading")->label, by_id(u, "title")->label);
    /* the platform plays part 2: the page's second block is highlighted */
    ui_speech(u, j->id, 2);
    const ui_widget *r = by_id(u, "reading");
    assert_non_null(r);
    assert_string_equal(r->label, by_id(u, "block-1")->label);
    /* a report of an older job changes nothing */
    ui_speech(u, j->id - 1, 4);
    assert_int_equal(ui_reading(u), 2);
    /* the last part is reached and read: the button is back */
    ui_speech(u, j->id, j->nparts - 1);
    ui_display(u);
    assert_int_equal(u->v.scroll, u->max_scroll); /* the part read came into view */
    ui_speech(u, j->id, -1);
    assert_null(by_id(u, "reading"));
    assert_string_equal(by_id(u, "read-aloud")->label, idle_label);
    speech_job_free(j);
    /* leaving the page stops it */
    tap_id(u, "read-aloud", T0 + 300);
    speech_job_free(requests(u, &stops));
    key(u, "escape", T0 + 400);
    speech_job_free(requests(u, &stops));
    assert_int_equal(stops, 1);
    assert_int_equal(ui_reading(u), -1);
    /* so does the end of the visit */
    ui_go(u, &screen_page, "one-off-support", 1);
    tap_id(u, "read-aloud", T0 + 600);
    speech_job_free(requests(u, &stops));
    assert_true(ui_reading(u) >= 0);
    ui_tick(u, T0 + 600 + UI_IDLE_MS + UI_STILL_MS);
    assert_string_equal(ui_screen_name(u), "attract");
    speech_job_free(requests(u, &stops));
    assert_int_equal(stops, 1);
    ui_free(u);
}

/* A platform whose synthesizer is still starting (-1) while *ctx counts down, then has en:
 * what a kiosk does when espeak-ng is slow or stuck at its start. */
static int starting(void *ctx, const char *lang)
{
    int *left = ctx;
    if (*left > 0) {
        (*left)--;
        return -1;
    }
    return !strcmp(lang, "en");
}

static void test_voice_not_known_yet(void **state)
{
    (void)state;
    int left = 1;
    ui_config cfg = {.w = 1280, .h = 800, .now = T0, .lang = "en", .page = "one-off-support",
                     .has_voice = starting, .voice_ctx = &left};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    int stops;
    speech_job_free(requests(u, &stops));
    /* not known yet: no button, and no answer kept */
    assert_null(by_id(u, "read-aloud"));
    assert_int_equal(left, 0);
    /* the next page asks again, and has the button (the page laid out without it keeps
     * its layout until it is shown again at another size) */
    ui_go(u, &screen_page, "transport", 1);
    assert_non_null(by_id(u, "read-aloud"));
    /* once known, the answer is kept: a platform still "starting" is not asked again */
    left = 5;
    ui_go(u, &screen_page, "bank-account", 1);
    assert_non_null(by_id(u, "read-aloud"));
    assert_true(ui_has_voice(u, "en"));
    assert_int_equal(left, 5);
    ui_free(u);
}

static void test_no_voice(void **state)
{
    (void)state;
    /* Tigrinya: no voice; a page without a recording has no button, one with has */
    ui *u = page("ti", "bank-account");
    assert_null(by_id(u, "read-aloud"));
    ui_go(u, &screen_page, "emergency-112", 1);
    assert_non_null(by_id(u, "read-aloud"));
    int stops;
    tap_id(u, "read-aloud", T0 + 100);
    speech_job *j = requests(u, &stops);
    assert_non_null(j->recording);
    assert_int_equal(j->nparts, 0); /* nothing to synthesize it with */
    speech_job_free(j);
    /* a page shown in the fallback language is read in that language */
    ui_go(u, &screen_page, "transport", 1);
    ui_tick(u, T0 + 150);
    speech_job_free(requests(u, &stops));
    assert_int_equal(stops, 1);
    tap_id(u, "read-aloud", T0 + 200);
    j = requests(u, &stops);
    assert_string_equal(j->lang, "en");
    speech_job_free(j);
    ui_free(u);
}

static void test_urgent_and_card(void **state)
{
    (void)state;
    ui *u = page("en", "emergency-112");
    ui_go(u, &screen_urgent, NULL, 1);
    int stops;
    tap_id(u, "read-aloud", T0 + 100);
    speech_job *j = requests(u, &stops);
    assert_non_null(j);
    assert_string_equal(j->parts[0], "I need help now");
    int line = part_with(j, "1 1 2");
    assert_true(line > 2);
    ui_speech(u, j->id, line);
    assert_non_null(strstr(by_id(u, "reading")->label, "112"));
    speech_job_free(j);
    /* a hotline's card: its own button; the screen's reading stops when it opens */
    tap_id(u, "hotline-emergency", T0 + 200);
    speech_job_free(requests(u, &stops));
    assert_int_equal(stops, 1);
    tap_id(u, "read-aloud", T0 + 300);
    j = requests(u, &stops);
    assert_non_null(j);
    assert_string_equal(j->parts[j->nparts - 1], "1 1 2");
    assert_string_equal(by_id(u, "read-aloud")->label, "Stop reading aloud");
    speech_job_free(j);
    key(u, "escape", T0 + 400); /* the card closes: silence */
    speech_job_free(requests(u, &stops));
    assert_int_equal(stops, 1);
    ui_free(u);
}

/* The survey's notice and each question, read aloud in the order shown: the notice from the
 * survey's title in the bar, its heading and every line; a question from its number, then
 * what it asks and each answer in order, "prefer not to say" last. The part read is
 * highlighted (and scrolled into view); another question, or leaving, is silence. */
static ui *survey(const char *lang)
{
    ui_config cfg = {.w = 800, .h = 480, .now = T0, .lang = lang, .page = "emergency-112",
                     .has_voice = voices_of, .voice_ctx = " en lv ar fa "};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    ui_go(u, &screen_survey, "needs", 1);
    int stops;
    speech_job_free(requests(u, &stops));
    return u;
}

static void test_survey_reads(void **state)
{
    (void)state;
    const char *langs[] = {"en", "lv", "ar"};
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        ui *u = survey(langs[l]);
        assert_string_equal(ui_screen_name(u), "survey");
        assert_non_null(by_id(u, "read-aloud"));
        int stops;
        tap_id(u, "read-aloud", T0 + 1000);
        speech_job *j = requests(u, &stops);
        assert_non_null(j);
        assert_string_equal(j->lang, langs[l]);
        assert_null(j->recording);
        /* the title in the bar (underlined there), the heading, then every line shown */
        assert_string_equal(j->parts[0], by_id(u, "title")->label);
        assert_string_equal(by_id(u, "reading")->label, by_id(u, "title")->label);
        assert_string_equal(j->parts[1], ui_string(langs[l], "Before you start"));
        /* then a part a line, as the lines are shown (and labelled) */
        const char *ids[] = {"notice-count", "notice-anonymous"};
        for (int k = 0; k < 2; k++) {
            char *said = speech_say(by_id(u, ids[k])->label, SPEECH_TEXT, NULL);
            assert_string_equal(j->parts[2 + k], said);
            free(said);
        }
        /* the platform plays part 3: that line is highlighted */
        ui_speech(u, j->id, 3);
        const ui_widget *r = by_id(u, "reading");
        assert_non_null(r);
        assert_string_equal(r->label, by_id(u, "notice-anonymous")->label);
        /* the last line: the notice scrolled to it */
        ui_speech(u, j->id, j->nparts - 1);
        ui_display(u);
        assert_true(u->v.scroll > 0);
        assert_non_null(by_id(u, "notice-contact"));
        assert_string_equal(by_id(u, "reading")->label, by_id(u, "notice-contact")->label);
        char *said = speech_say(by_id(u, "notice-contact")->label, SPEECH_TEXT, NULL);
        assert_string_equal(j->parts[j->nparts - 1], said);
        free(said);
        speech_job_free(j);
        /* Start (the button goes down the notice first): silence, the first question */
        while (by_id(u, "read-on"))
            tap_id(u, "read-on", T0 + 2000);
        tap_id(u, "start", T0 + 3000);
        speech_job_free(requests(u, &stops));
        assert_int_equal(stops, 1);
        assert_int_equal(ui_reading(u), -1);
        assert_non_null(by_id(u, "question"));
        /* the age: its number, what it is about, the question, every answer in order */
        tap_id(u, "read-aloud", T0 + 4000);
        j = requests(u, &stops);
        assert_non_null(j);
        assert_string_equal(j->parts[0], by_id(u, "progress")->label);
        assert_string_equal(by_id(u, "reading")->label, by_id(u, "progress")->label);
        assert_string_equal(j->parts[1], by_id(u, "about-you")->label);
        assert_string_equal(j->parts[2], by_id(u, "question")->label);
        int answers = 0;
        for (int k = 0; k < ui_widget_count(u); k++) {
            const ui_widget *w = ui_widget_at(u, k);
            if (w->role != UI_ROLE_ANSWER)
                continue;
            assert_true(3 + answers < j->nparts);
            assert_string_equal(j->parts[3 + answers], w->label);
            answers++;
        }
        assert_true(answers >= 4);
        assert_int_equal(j->nparts, 3 + answers);
        assert_string_equal(j->parts[j->nparts - 1], ui_string(langs[l], "Prefer not to say"));
        /* an answer read: its card highlighted */
        ui_speech(u, j->id, 4);
        assert_string_equal(by_id(u, "reading")->label, j->parts[4]);
        speech_job_free(j);
        /* the next question: silence; faces read in order too */
        tap_id(u, "next", T0 + 5000);
        speech_job_free(requests(u, &stops));
        assert_int_equal(stops, 1);
        tap_id(u, "read-aloud", T0 + 6000);
        j = requests(u, &stops);
        assert_non_null(j);
        assert_string_equal(j->parts[1], by_id(u, "question")->label);
        assert_string_equal(j->parts[2], by_id(u, "answer-1")->label);
        assert_string_equal(j->parts[5], by_id(u, "answer-4")->label);
        ui_speech(u, j->id, 3);
        assert_string_equal(by_id(u, "reading")->label, by_id(u, "answer-2")->label);
        speech_job_free(j);
        /* back: silence; leaving the survey: silence */
        key(u, "escape", T0 + 7000);
        speech_job_free(requests(u, &stops));
        assert_int_equal(stops, 1);
        tap_id(u, "read-aloud", T0 + 8000);
        speech_job_free(requests(u, &stops));
        assert_true(ui_reading(u) >= 0);
        key(u, "escape", T0 + 9000);
        key(u, "escape", T0 + 10000);
        assert_string_not_equal(ui_screen_name(u), "survey");
        speech_job_free(requests(u, &stops));
        assert_int_equal(stops, 1);
        assert_int_equal(ui_reading(u), -1);
        ui_free(u);
    }
    /* Tigrinya: no voice and no recording of a survey: no button */
    ui *u = survey("ti");
    assert_null(by_id(u, "read-aloud"));
    ui_free(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_say),
        cmocka_unit_test(test_job),
        cmocka_unit_test(test_voices),
        cmocka_unit_test(test_recording),
        cmocka_unit_test(test_loader),
        cmocka_unit_test(test_page_reads),
        cmocka_unit_test(test_highlight_and_leave),
        cmocka_unit_test(test_read_aloud_off),
        cmocka_unit_test(test_listening_mode),
        cmocka_unit_test(test_no_voice),
        cmocka_unit_test(test_voice_not_known_yet),
        cmocka_unit_test(test_urgent_and_card),
        cmocka_unit_test(test_survey_reads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
