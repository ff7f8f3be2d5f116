/* kiosk: the rules that used to sit in the SDL backend, run in-process through the fake
 * platform: options, the pack chosen at start, a stick's visit (every pack file on it with
 * its own outcome, names that cannot reorder the screen, a cap on how many are looked at),
 * a whole script (a survey answered, a stick) run under the sanitizers, every byte the kiosk
 * wrote searched for what was answered, and a kiosk without the office's key, which collects
 * nothing and tells staff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "builder/pack.h"
#include "fs.h"
#include "kiosk.h"
#include "pack/content.h"
#include "script/script.h"
#include "sign.h"
#include "store/store.h"
#include "sync/merge.h"
#include "sync/sync.h"
#include "core/buf.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake_platform.h"
#include "office_key.h"
#include "scratch.h"

#define FIXTURE "build/fixture.pack"

/* The survey's notice is taller than 800x480: its Start comes once it is read to the end. */
#define READ_ON "key pagedown\nkey pagedown\nkey pagedown\n"

static int setup(void **state)
{
    (void)state;
    memset(&fake_seen, 0, sizeof fake_seen);
    err e;
    if (scratch_make("kiosk") || sign_keygen(at("k"), &e))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove();
}

/* A pack of this version at path, signed with k.key unless unsigned_. */
static void make_pack(const char *path, const char *version, int unsigned_)
{
    scratch_pack(path, version, unsigned_ ? NULL : at("k.key"));
}

static char *argv_[16];

static int parse(kiosk_options *o, err *e, ...)
{
    va_list ap;
    va_start(ap, e);
    int n = 0;
    argv_[n++] = "sveiki";
    const char *a;
    while ((a = va_arg(ap, const char *)) && n < 15)
        argv_[n++] = (char *)a;
    va_end(ap);
    return kiosk_parse_args(n, argv_, o, e);
}

static void test_args(void **state)
{
    (void)state;
    kiosk_options o;
    err e;
    assert_int_equal(parse(&o, &e, "--size", "800x480", "--feedback-time", "hour",
                           "--feedback-days", "30", "--lang", "ar", NULL),
                     KIOSK_ARGS_RUN);
    assert_int_equal(o.w, 800);
    assert_int_equal(o.h, 480);
    assert_int_equal(o.round_to_hour, 1);
    assert_int_equal(o.retention_days, 30);
    assert_string_equal(o.lang, "ar");
    /* the day unless the hour is asked for */
    assert_int_equal(parse(&o, &e, NULL), KIOSK_ARGS_RUN);
    assert_int_equal(o.round_to_hour, 0);
    assert_int_equal(parse(&o, &e, "--feedback-time", "day", NULL), KIOSK_ARGS_RUN);
    assert_int_equal(o.round_to_hour, 0);
    /* six surveys in ten minutes unless told otherwise */
    assert_int_equal(o.survey_limit, 6);
    assert_int_equal(o.survey_minutes, 10);
    assert_int_equal(parse(&o, &e, "--survey-limit", "3/45", NULL), KIOSK_ARGS_RUN);
    assert_int_equal(o.survey_limit, 3);
    assert_int_equal(o.survey_minutes, 45);
    assert_non_null(strstr(kiosk_usage(), "--survey-limit N/MINUTES"));
    /* the idle timeouts: the defaults (0) unless told */
    assert_int_equal(o.idle_s, 0);
    assert_int_equal(o.idle_input_s, 0);
    assert_int_equal(parse(&o, &e, "--idle", "45", "--idle-input", "300", NULL), KIOSK_ARGS_RUN);
    assert_int_equal(o.idle_s, 45);
    assert_int_equal(o.idle_input_s, 300);
    assert_non_null(strstr(kiosk_usage(), "--idle SECONDS"));
    assert_non_null(strstr(kiosk_usage(), "--idle-input SECONDS"));
    assert_null(o.office_key); /* DATA/operator.pub */
    assert_int_equal(parse(&o, &e, "--office-key", "office.pub", NULL), KIOSK_ARGS_RUN);
    assert_string_equal(o.office_key, "office.pub");
    assert_non_null(strstr(kiosk_usage(), "--office-key FILE"));
    assert_int_equal(parse(&o, &e, "--help", NULL), KIOSK_ARGS_HELP);
    assert_int_equal(parse(&o, &e, "--version", NULL), KIOSK_ARGS_VERSION);
    static const char *bad[][3] = {
        {"--size", "100x100", "between 320x240"},   {"--size", "-800x480", "expected WxH"},
        {"--size", "99999999x480", "expected WxH"}, {"--feedback-days", "0", "1 to 3650"},
        {"--feedback-time", "minute", "hour or day"}, {"--pack", NULL, "needs a value"},
        {"--frobnicate", NULL, "unknown option"},   {"--headless", NULL, "give it --script"},
        {"--survey-limit", "6", "N/MINUTES"},       {"--survey-limit", "0/10", "N/MINUTES"},
        {"--survey-limit", "6/0", "N/MINUTES"},     {"--survey-limit", "6/10m", "N/MINUTES"},
        {"--survey-limit", "-6/10", "N/MINUTES"},   {"--survey-limit", "101/10", "N/MINUTES"},
        {"--survey-limit", "/10", "N/MINUTES"},     {"--survey-limit", "6/1441", "N/MINUTES"},
        {"--idle", "9", "10 to 86400"},             {"--idle", "90s", "10 to 86400"},
        {"--idle", "-90", "10 to 86400"},           {"--idle-input", "86401", "10 to 86400"},
        {"--idle-input", "", "10 to 86400"},        {"--idle", "99999999999999999999", "10 to 86400"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(&o, &e, bad[i][0], bad[i][1], NULL), -1);
        if (!strstr(e.msg, bad[i][2]))
            fail_msg("%s %s: %s", bad[i][0], bad[i][1] ? bad[i][1] : "", e.msg);
    }
}

/* A kiosk started on pack (with the key k.pub when trusted) and data in the scratch dir. */
static kiosk *start(const char *pack, int trusted, const char *lang)
{
    kiosk_options o = {.pack = pack, .data = at("data"), .trust = trusted ? at("k.pub") : NULL,
                       .lang = lang, .w = 800, .h = 480, .office_key = OFFICE_PUB};
    err e = {{0}};
    kiosk *k = kiosk_open(&o, &e);
    if (!k)
        fail_msg("%s", e.msg);
    if (kiosk_fault(k))
        fail_msg("no pack: %s", kiosk_fault(k));
    kiosk_start(k, &fake_platform, 800, 480, 1000);
    return k;
}

/* The label of a widget, or NULL; the stick's screen scrolls where its lines are taller
 * than the window, so it is looked for from the top down, a page at a time, as staff would. */
static const char *label(kiosk *k, const char *id)
{
    const ui_widget *w = ui_find_id(kiosk_ui(k), id);
    if (w || strcmp(ui_screen_name(kiosk_ui(k)), "media"))
        return w ? w->label : NULL;
    ui_event up = {.type = UI_EV_KEY, .text = "pageup"}, down = {.type = UI_EV_KEY, .text = "pagedown"};
    for (int i = 0; i < 100; i++)
        kiosk_event(k, &up, 1000);
    for (int i = 0; i < 100 && !(w = ui_find_id(kiosk_ui(k), id)); i++)
        kiosk_event(k, &down, 1000);
    return w ? w->label : NULL;
}

static const ui_widget *widget_id(kiosk *k, const char *id)
{
    const ui_widget *w = ui_find_id(kiosk_ui(k), id);
    if (!w)
        fail_msg("no widget %s on screen %s", id, ui_screen_name(kiosk_ui(k)));
    return w;
}

static void stick_in(kiosk *k, const char *stick)
{
    ui_event ev = {.type = UI_EV_MEDIA, .text = stick};
    kiosk_event(k, &ev, 5000);
}

/* The version in DATA/current.pack: the pack a restart would show. */
static void assert_current(const char *version)
{
    err e;
    content *c = content_open(at("data/current.pack"), &e);
    if (!c)
        fail_msg("%s", e.msg);
    assert_string_equal(content_version(c), version);
    content_close(c);
}

/* A stick with a newer pack and an older one: the newer is taken and stays, and the screen
 * lists both, the older with its reason (a later refusal used to wipe out the "taken"
 * line and every earlier refusal). */
static void test_stick_each_pack_its_line(void **state)
{
    (void)state;
    make_pack(at("v1.pack"), "1", 0);
    mkdir(at("stick"), 0700), mkdir(at("stick/sveiki"), 0700);
    mkdir(at("stick/sveiki/packs"), 0700);
    make_pack(at("stick/sveiki/packs/a-v2.pack"), "2", 0);
    make_pack(at("stick/sveiki/packs/b-old.pack"), "1", 0);
    make_pack(at("stick/sveiki/packs/c-unsigned.pack"), "3", 1);
    kiosk *k = start(at("v1.pack"), 1, "en");
    stick_in(k, at("stick"));
    assert_string_equal(ui_screen_name(kiosk_ui(k)), "media");
    assert_string_equal(label(k, "media-pack-1"), "New content taken: version 2.");
    const char *b = label(k, "media-pack-2"), *c = label(k, "media-pack-3");
    assert_non_null(b);
    assert_non_null(c);
    if (!strstr(b, "Content not taken from \u2068b-old.pack\u2069: It is version 1, and this "
                   "kiosk shows version 2: only newer content is taken."))
        fail_msg("b-old.pack: %s", b);
    if (!strstr(c, "\u2068c-unsigned.pack\u2069: ") || !strstr(c, "It is not signed"))
        fail_msg("c-unsigned.pack: %s", c);
    assert_null(label(k, "media-pack-4"));
    assert_non_null(label(k, "media-done"));
    /* what people see never names the kiosk's own folders */
    for (int i = 0; i < ui_widget_count(kiosk_ui(k)); i++)
        if (strstr(ui_widget_at(kiosk_ui(k), i)->label, dir))
            fail_msg("a kiosk path on the stick's screen: %s", ui_widget_at(kiosk_ui(k), i)->label);
    assert_current("2");
    assert_true(fake_seen.draws >= 1); /* "working" was drawn before the writes */
    kiosk_close(k);
    /* a restart shows what the stick brought */
    k = start(at("v1.pack"), 1, "en");
    assert_current("2");
    kiosk_close(k);
}

/* The key named at start is the one every later stick is checked with, whatever becomes of
 * the caller's strings. */
static void test_options_kept(void **state)
{
    (void)state;
    make_pack(at("v1.pack"), "1", 0);
    mkdir(at("stick"), 0700), mkdir(at("stick/sveiki"), 0700);
    mkdir(at("stick/sveiki/packs"), 0700);
    make_pack(at("stick/sveiki/packs/new.pack"), "2", 0);
    char pack[256], data[256], trust[256];
    snprintf(pack, sizeof pack, "%s", at("v1.pack"));
    snprintf(data, sizeof data, "%s", at("data"));
    snprintf(trust, sizeof trust, "%s", at("k.pub"));
    kiosk_options o = {.pack = pack, .data = data, .trust = trust, .lang = "en"};
    err e = {{0}};
    kiosk *k = kiosk_open(&o, &e);
    assert_non_null(k);
    kiosk_start(k, &fake_platform, 800, 480, 1000);
    memset(trust, 'x', sizeof trust - 1); /* gone, as an option string may be */
    stick_in(k, at("stick"));
    assert_string_equal(label(k, "media-pack-1"), "New content taken: version 2.");
    kiosk_close(k);
}

/* Without a trusted key nothing is taken from a stick; the screen says why. */
static void test_stick_without_key(void **state)
{
    (void)state;
    make_pack(at("v1.pack"), "1", 0);
    mkdir(at("stick"), 0700), mkdir(at("stick/sveiki"), 0700);
    mkdir(at("stick/sveiki/packs"), 0700);
    make_pack(at("stick/sveiki/packs/new.pack"), "2", 0);
    kiosk *k = start(at("v1.pack"), 0, "en");
    stick_in(k, at("stick"));
    const char *l = label(k, "media-pack-1");
    assert_non_null(l);
    if (!strstr(l, "new.pack") || !strstr(l, "no key to check signatures"))
        fail_msg("%s", l);
    assert_int_equal(access(at("data/current.pack"), F_OK), -1);
    kiosk_close(k);
}

/* The stick's screen speaks the language the kiosk spoke when the stick came in (here
 * Arabic, chosen on the kiosk; the pack's default is Latvian), and says why a file was not
 * taken in plain words, with no command line. */
static void test_stick_in_the_language_spoken(void **state)
{
    (void)state;
    make_pack(at("v1.pack"), "1", 0);
    mkdir(at("stick"), 0700), mkdir(at("stick/sveiki"), 0700);
    mkdir(at("stick/sveiki/packs"), 0700);
    make_pack(at("stick/sveiki/packs/unsigned.pack"), "2", 1);
    kiosk *k = start(FIXTURE, 0, NULL); /* no trusted key: nothing is taken from a stick */
    ui *u = kiosk_ui(k);
    const ui_widget *w = widget_id(k, "start");
    ui_event d = {.type = UI_EV_DOWN, .x = w->x + 1, .y = w->y + 1}, up = d;
    up.type = UI_EV_UP;
    kiosk_event(k, &d, 2000), kiosk_event(k, &up, 2000);
    w = widget_id(k, "lang-ar");
    d.x = up.x = w->x + 1, d.y = up.y = w->y + 1;
    kiosk_event(k, &d, 3000), kiosk_event(k, &up, 3000);
    assert_string_equal(ui_lang(u), "ar");
    stick_in(k, at("stick"));
    assert_string_equal(ui_screen_name(kiosk_ui(k)), "media");
    assert_string_equal(ui_lang(kiosk_ui(k)), "ar");
    const char *l = label(k, "media-pack-1");
    assert_non_null(l);
    if (!strstr(l, "لم يُؤخذ المحتوى من \u2068unsigned.pack\u2069: لا يأخذ هذا الجهاز المحتوى من "
                   "ذاكرة إلا إذا كان موقَّعًا"))
        fail_msg("%s", l);
    for (int i = 0; i < ui_widget_count(kiosk_ui(k)); i++)
        if (strstr(ui_widget_at(kiosk_ui(k), i)->label, "sveikictl") ||
            strstr(ui_widget_at(kiosk_ui(k), i)->label, "--key"))
            fail_msg("a command line on the screen: %s", ui_widget_at(kiosk_ui(k), i)->label);
    kiosk_close(k);
}

/* Junk by the thousand is not looked at past the cap, and the screen says so; a name with
 * a right-to-left override or a control character cannot reorder its line. */
static void test_stick_many_and_hostile_names(void **state)
{
    (void)state;
    make_pack(at("v1.pack"), "1", 0);
    mkdir(at("stick"), 0700), mkdir(at("stick/sveiki"), 0700);
    mkdir(at("stick/sveiki/packs"), 0700);
    puts_file(at("stick/sveiki/packs/0\u202Ekcap.exe\u202C\x1b[2J.pack"), "junk");
    for (int i = 0; i < UI_MEDIA_PACKS + 4; i++) {
        char name[64];
        snprintf(name, sizeof name, "stick/sveiki/packs/junk%02d.pack", i);
        puts_file(at(name), "junk");
    }
    kiosk *k = start(at("v1.pack"), 1, "en");
    /* the log, standard error, caught in a file while the stick is served */
    fflush(stderr);
    int saved = dup(2), fd = open(at("log.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    stick_in(k, at("stick"));
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    size_t n;
    err e;
    char *log = (char *)fs_read_all(at("log.txt"), 1 << 20, &n, &e);
    assert_non_null(log);
    assert_non_null(strstr(log, "0\\u{202E}kcap.exe\\u{202C}\\x1B[2J.pack: the pack is not signed"));
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)log[i] < 0x20 && log[i] != '\n')
            fail_msg("a control character in the log at byte %zu", i);
    assert_null(strstr(log, "\u202E"));
    free(log);
    const char *first = label(k, "media-pack-1");
    assert_non_null(first);
    assert_null(strstr(first, "\u202E"));
    assert_null(strstr(first, "\x1b"));
    assert_non_null(strstr(first, "\u2068"));
    assert_non_null(strstr(first, "\uFFFD"));
    char id[32];
    snprintf(id, sizeof id, "media-pack-%d", UI_MEDIA_PACKS);
    assert_non_null(label(k, id));
    snprintf(id, sizeof id, "media-pack-%d", UI_MEDIA_PACKS + 1);
    assert_null(label(k, id));
    const char *more = label(k, "media-pack-more");
    assert_non_null(more);
    if (strcmp(more, "5 more content files were not looked at: this kiosk looks at 16 a stick."))
        fail_msg("%s", more);
    assert_current("1");
    kiosk_close(k);
}

/* No pack to show: the kiosk still opens, and says why for staff. An option naming what the
 * pack lacks is refused with a message. */
static void test_fault_and_bad_options(void **state)
{
    (void)state;
    char missing[256], data[256], v1[256];
    snprintf(missing, sizeof missing, "%s", at("missing.pack"));
    snprintf(data, sizeof data, "%s", at("data"));
    snprintf(v1, sizeof v1, "%s", at("v1.pack"));
    kiosk_options o = {.pack = missing, .data = data, .w = 800, .h = 480};
    err e = {{0}};
    kiosk *k = kiosk_open(&o, &e);
    assert_non_null(k);
    assert_non_null(kiosk_fault(k));
    assert_non_null(strstr(kiosk_fault(k), "missing.pack"));
    kiosk_close(k);
    make_pack(v1, "1", 1);
    o.pack = v1, o.lang = "xx";
    assert_null(kiosk_open(&o, &e));
    assert_non_null(strstr(e.msg, "--lang xx: the pack has no such language (it has: en)"));
    o.lang = "en", o.page = "nope";
    assert_null(kiosk_open(&o, &e));
    assert_non_null(strstr(e.msg, "--page nope"));
}

/* Retention runs daily, not only at start: the kiosk never sleeps past the next purge. */
static void test_daily_purge_deadline(void **state)
{
    (void)state;
    make_pack(at("v1.pack"), "1", 1);
    kiosk *k = start(at("v1.pack"), 0, NULL);
    uint64_t day = 24ULL * 60 * 60 * 1000;
    assert_true(kiosk_deadline(k) <= 1000 + day);
    kiosk_tick(k, 1000 + day);
    assert_true(kiosk_deadline(k) > 1000 + day);
    assert_true(kiosk_deadline(k) <= 1000 + 2 * day);
    kiosk_close(k);
}

static int count_batches(const char *path)
{
    int n = 0;
    DIR *d = opendir(path);
    if (!d)
        return 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.')
            continue;
        if (len > 6 && !strcmp(de->d_name + len - 6, ".batch"))
            n++;
        else if (de->d_type == DT_DIR) {
            char sub[512];
            snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
            n += count_batches(sub);
        }
    }
    closedir(d);
    return n;
}

/* A whole script in-process: a survey answered through the screens, then a stick: the
 * answers leave as a batch, the screen says so, and the forgotten person's text leaves the
 * platform's caches. */
static void test_script_in_process(void **state)
{
    (void)state;
    mkdir(at("stick"), 0700), mkdir(at("stick/sveiki"), 0700);
    char script[2048];
    const char *next = "tap \"Next\"\nwait 400\n"; /* taps closer than 300 ms are one */
    const char *read_on = READ_ON;
    snprintf(script, sizeof script,
             "tap 10 10\nwait 400\ntap \"Tell us what you think\"\nwait 400\n%stap \"Start\"\n"
             "wait 400\n%stap \"Happy\"\nwait 400\n" /* the age skipped, then a face */
             "%s%s%s%s%s%s%stap \"Send\"\nwait 400\n"
             "expect \"Thank you. Your answers are saved.\"\nshot %s\nmedia \"%s\"\n"
             "expect \"Feedback written to the stick. Responses: 1.\"\n"
             "expect \"You can remove the stick now.\"\nexpect-not \"Send\"\n",
             read_on, next, next, next, next, next, next, next, next, at("thanks.png"), at("stick"));
    puts_file(at("script.txt"), script);
    kiosk *k = start(FIXTURE, 0, "en");
    int forgets = fake_seen.forgets;
    assert_int_equal(script_run(k, at("script.txt")), 0);
    assert_string_equal(ui_screen_name(kiosk_ui(k)), "media");
    assert_int_equal(count_batches(at("stick/sveiki/exports")), 1);
    assert_true(fake_seen.forgets > forgets);
    assert_int_equal(fake_seen.shots, 1);
    size_t n;
    err e;
    unsigned char *shot = fs_read_all(at("thanks.png"), 1 << 20, &n, &e);
    assert_non_null(shot);
    assert_non_null(strstr((char *)shot, "fake shot 800x480\n"));
    free(shot);
    /* a script that expects what is not there fails, and says where */
    puts_file(at("bad.txt"), "expect \"No such thing\"\n");
    assert_int_equal(script_run(k, at("bad.txt")), 1);
    kiosk_close(k);
}

/* The thanks holds before "Home" is offered, after the second survey of a visit too (the
 * hold used to be over for good after the first). */
static void test_thanks_holds_each_time(void **state)
{
    (void)state;
    const char *next = "tap \"Next\"\nwait 400\n", *read_on = READ_ON;
    char survey[1024];
    snprintf(survey, sizeof survey,
             "tap \"Tell us what you think\"\nwait 400\n%stap \"Start\"\nwait 400\n"
             "%s%s%s%s%s%s%s%stap \"Send\"\nwait 400\n"
             "expect \"Thank you!\"\nexpect-not \"Home\"\nwait 4000\nexpect \"Home\"\n",
             read_on, next, next, next, next, next, next, next, next);
    char script[4096];
    snprintf(script, sizeof script, "tap 10 10\nwait 400\n%stap \"Home\"\nwait 400\n%s", survey,
             survey);
    puts_file(at("script.txt"), script);
    kiosk *k = start(FIXTURE, 0, "en");
    assert_int_equal(script_run(k, at("script.txt")), 0);
    kiosk_close(k);
}

/* "Start again" and the idle timeout reset the two surveys a visit, so the kiosk holds its
 * own limit: six surveys in any ten minutes (the default), whoever sends them. The tile says
 * so and opens nothing; once the first survey is ten minutes old, one more may be sent (the
 * tile comes back without a tap), then the limit holds again. On the script's virtual clock. */
static void test_survey_limit_across_people(void **state)
{
    (void)state;
    static const char held[] = "Thank you. This kiosk takes no more answers for a few minutes.";
    const char *next = "tap \"Next\"\nwait 400\n", *read_on = READ_ON;
    char survey[1024]; /* from home: answered, sent, the thanks held */
    snprintf(survey, sizeof survey,
             "tap \"Tell us what you think\"\nwait 400\n%stap \"Start\"\nwait 400\n%s"
             "tap \"Happy\"\nwait 400\n%s%s%s%s%s%s%stap \"Send\"\nwait 400\n"
             "expect \"Thank you. Your answers are saved.\"\nwait 4500\n",
             read_on, next, next, next, next, next, next, next, next);
    buf b;
    buf_init(&b);
    /* one (sent at 4.4 s), then the person walks away: the idle timeout forgets them */
    buf_printf(&b, "tap 10 10\nwait 400\n%swait 105000\nexpect \"Touch the screen to start\"\n",
               survey);
    for (int visit = 0; visit < 2; visit++) /* two each, then "start again" */
        buf_printf(&b, "tap 10 10\nwait 400\n%stap \"Home\"\nwait 400\n%s"
                       "expect-not \"%s\"\ntap \"Start again\"\nwait 400\n",
                   survey, survey, held);
    /* the next person sends the sixth (at about 150 s); after it nobody may send for a while */
    buf_printf(&b, "tap 10 10\nwait 400\n%stap \"Start again\"\nwait 400\n", survey);
    buf_printf(&b, "tap 10 10\nwait 400\nexpect \"%s\"\nexpect-not \"Tell us what you think\"\n"
                   "tap \"%s\"\nwait 400\nexpect \"%s\"\n", held, held, held);
    /* still held at about 550 s, before the first survey is ten minutes old, across the idle
     * timeout */
    buf_printf(&b, "wait 400000\nexpect \"Touch the screen to start\"\ntap 10 10\nwait 400\n"
                   "expect \"%s\"\n", held);
    /* at about 610 s the first has left the window: the tile offers the survey again by
     * itself */
    buf_printf(&b, "wait 60000\nexpect-not \"%s\"\n%s", held, survey);
    /* the seventh fills the window again (the second is not ten minutes old until 700 s) */
    buf_printf(&b, "tap \"Home\"\nwait 400\nexpect \"%s\"\nexpect-not \"Tell us what you think\"\n",
               held);
    puts_file(at("script.txt"), b.data);
    buf_free(&b);
    kiosk *k = start(FIXTURE, 0, "en");
    assert_int_equal(script_run(k, at("script.txt")), 0);
    kiosk_close(k);
    /* what the store holds: the seven sent, nothing more */
    err e = {{0}};
    store *s = store_open_readonly(at("data"), &e);
    assert_non_null(s);
    assert_int_equal(store_unexported_count(s, &e), 7);
    store_close(s);
}


/* Every file the kiosk wrote (its data folder: the store, its log and index, the device's key
 * and state) and every file on the stick, read byte by byte after a survey answered with
 * distinctive typed text and choices and a stick's visit: no typed text and no answer id in
 * any of them. (Before answers were sealed, feedback.db held them all in plain rows.) */
static int found_in_tree(const char *path, const char *needle, char *where, size_t cap)
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *de;
    while (!found && (de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", path, de->d_name);
        struct stat st;
        if (lstat(p, &st))
            continue;
        if (S_ISDIR(st.st_mode)) {
            found = found_in_tree(p, needle, where, cap);
            continue;
        }
        size_t n;
        err e;
        unsigned char *b = fs_read_all(p, 64u << 20, &n, &e);
        if (b && n && memmem(b, n, needle, strlen(needle))) {
            snprintf(where, cap, "%s", p);
            found = 1;
        }
        free(b);
    }
    closedir(d);
    return found;
}

static void test_no_answer_in_any_byte_written(void **state)
{
    (void)state;
    mkdir(at("stick"), 0700), mkdir(at("stick/sveiki"), 0700);
    const char *next = "tap \"Next\"\nwait 400\n";
    char script[4096];
    /* the notice read to its end; the age first ("under 18": the pack's notice for
     * children), the survey's questions, then the rest of the background block */
    snprintf(script, sizeof script,
             "tap 10 10\nwait 400\ntap \"Tell us what you think\"\nwait 400\n"
             "key pagedown\nkey pagedown\nkey pagedown\nwait 400\ntap \"Start\"\nwait 400\n"
             "tap \"Under 18\"\nwait 400\n%s%s"            /* the age, the notice for children */
             "tap \"Very happy\"\nwait 400\n%s"             /* faces */
             "tap \"Yes\"\nwait 400\n%s"                    /* yes/no */
             "tap \"A person who explains\"\nwait 400\n%s"  /* single */
             "tap \"Housing\"\nwait 400\ntap \"Work\"\nwait 400\n%s" /* multi */
             "type \"Quokka Zarathustra sleeps in block C\"\nwait 400\n%s"
             "tap \"Prefer not to say\"\nwait 400\n%s%s"   /* gender; time skipped */
             "tap \"Send\"\nwait 400\nexpect \"Thank you. Your answers are saved.\"\n"
             "wait 4500\ntap \"Home\"\nwait 400\n"
             /* two submissions: the answers, and the background block on its own */
             "media \"%s\"\nexpect \"Feedback written to the stick. Responses: 2.\"\n",
             next, next, next, next, next, next, next, next, next, at("stick"));
    puts_file(at("script.txt"), script);
    kiosk *k = start(FIXTURE, 0, "en");
    assert_int_equal(script_run(k, at("script.txt")), 0);
    kiosk_close(k);
    assert_int_equal(count_batches(at("stick/sveiki/exports")), 1);
    /* what was answered reached the office whole (opened with the office key) */
    char **files = NULL;
    int nf = 0;
    err e = {{0}};
    assert_int_equal(sync_merge_collect(at("stick"), &files, &nf, &e), 0);
    sync_batch b;
    assert_int_equal(sync_read(files[0], NULL, office_key(), &b, &e), 0);
    buf all;
    buf_init(&all);
    for (long long i = 0; i < b.nanswers; i++)
        buf_printf(&all, "%s=%s(%s) ", b.answers[i].question, b.answers[i].value,
                   b.answers[i].kind);
    static const char *const want[] = {"help=4(faces)", "know-latvian=yes(yesno)",
                                       "format=person(single)", "topics=housing(multi)",
                                       "topics=work(multi)",
                                       "comment=Quokka Zarathustra sleeps in block C(text)",
                                       "bg-age=under-18(background)",
                                       "bg-gender=prefer-not(background)"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(all.data, want[i]))
            fail_msg("the office did not get %s: %s", want[i], all.data);
    buf_free(&all);
    sync_batch_free(&b);
    fs_list_free(files, nf);
    /* and nothing of it is readable in any byte the kiosk wrote, or on the stick */
    static const char *const never[] = {"Quokka", "Zarathustra", "sleeps in block", "person",
                                        "housing", "under-18", "prefer-not", "know-latvian",
                                        "topics", "comment", "bg-gender"};
    static const char *const where[] = {"data", "stick"};
    for (size_t w = 0; w < 2; w++)
        for (size_t i = 0; i < sizeof never / sizeof *never; i++) {
            char file[1024];
            if (found_in_tree(at(where[w]), never[i], file, sizeof file))
                fail_msg("\"%s\" is readable in %s", never[i], file);
        }
}

/* The log lines of what fn does, caught from standard error. */
static char logged[1 << 15];

static void catch_log(void (*fn)(void *), void *ctx)
{
    fflush(stderr);
    int saved = dup(2), fd = open(at("log.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    fn(ctx);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    size_t n;
    err e;
    unsigned char *b = fs_read_all(at("log.txt"), sizeof logged - 1, &n, &e);
    assert_non_null(b);
    memcpy(logged, b, n);
    logged[n] = 0;
    free(b);
}

static kiosk *started;

static void start_without_key(void *pack)
{
    kiosk_options o = {.pack = pack, .data = at("data"), .lang = "en", .w = 800, .h = 480};
    err e = {{0}};
    started = kiosk_open(&o, &e);
    if (!started)
        fail_msg("%s", e.msg);
    if (!kiosk_fault(started))
        kiosk_start(started, &fake_platform, 800, 480, 1000);
}

/* Without the office's key nothing is collected: no feedback tile, no "was this helpful?"
 * bar, nothing stored; staff are told why and what to do, in the log at start, on the stick's
 * screen, and on the screen of a kiosk that has no pack either. With DATA/operator.pub (or
 * --office-key) the tile and the bar are there. */
static void test_no_office_key_no_feedback(void **state)
{
    (void)state;
    mkdir(at("stick"), 0700);
    catch_log(start_without_key, (char *)FIXTURE);
    kiosk *k = started;
    if (!strstr(logged, "this kiosk collects no feedback: it has no office key") ||
        !strstr(logged, "operator.pub is missing") || !strstr(logged, "--office-key"))
        fail_msg("the log at start does not say it:\n%s", logged);
    assert_non_null(kiosk_no_feedback(k));
    ui *u = kiosk_ui(k);
    puts_file(at("s.txt"), "tap 10 10\nwait 400\nexpect-not \"Tell us what you think\"\n"
                           "expect-not \"Feedback is not available on this kiosk now.\"\n");
    assert_int_equal(script_run(k, at("s.txt")), 0);
    assert_null(ui_find_id(u, "feedback"));
    stick_in(k, at("stick"));
    const char *l = label(k, "media-no-office-key");
    if (!l || !strstr(l, "no office key"))
        fail_msg("the stick's screen: %s", l ? l : "no note");
    kiosk_close(k);
    /* a page: no bar to vote with */
    char data[256];
    snprintf(data, sizeof data, "%s", at("data"));
    kiosk_options o = {.pack = FIXTURE, .data = data, .lang = "en", .page = "transport",
                       .w = 800, .h = 480};
    err e = {{0}};
    k = kiosk_open(&o, &e);
    assert_non_null(k);
    kiosk_start(k, &fake_platform, 800, 480, 1000);
    assert_string_equal(ui_screen_name(kiosk_ui(k)), "page");
    assert_null(ui_find_id(kiosk_ui(k), "helpful-yes"));
    kiosk_close(k);
    /* the wrong kind of key is no key either, and says why */
    assert_int_equal(sign_keygen(at("data/operator"), &e), 0); /* a signing key */
    catch_log(start_without_key, (char *)FIXTURE);
    if (!strstr(logged, "the office key cannot be used") ||
        !strstr(logged, "holds a signing public key"))
        fail_msg("%s", logged);
    kiosk_close(started);
    /* no pack and no key: the staff screen says both */
    catch_log(start_without_key, (char *)at("missing.pack"));
    const char *f = kiosk_fault(started);
    if (!f || !strstr(f, "missing.pack") || !strstr(f, "Also: this kiosk collects no feedback"))
        fail_msg("%s", f ? f : "no fault");
    kiosk_close(started);
    /* with DATA/operator.pub: the tile and the bar, and a vote is kept */
    unlink(at("data/operator.pub")), unlink(at("data/operator.key"));
    size_t n;
    unsigned char *pub = fs_read_all(OFFICE_PUB, 4096, &n, &e);
    assert_non_null(pub);
    put(at("data/operator.pub"), pub, n);
    free(pub);
    k = kiosk_open(&o, &e);
    assert_non_null(k);
    assert_null(kiosk_no_feedback(k));
    kiosk_start(k, &fake_platform, 800, 480, 1000);
    puts_file(at("s.txt"), "tap \"Yes\"\nwait 400\n");
    assert_int_equal(script_run(k, at("s.txt")), 0);
    assert_non_null(ui_find_id(kiosk_ui(k), "helpful-thanks"));
    kiosk_close(k);
    store *st = store_open_readonly(at("data"), &e);
    assert_non_null(st);
    assert_int_equal(store_unexported_count(st, &e), 1);
    store_close(st);
}

/* A long search query stays one line inside its field (it was drawn over four lines across
 * the top bar): capped at UI_SEARCH_MAX_CHARS, its end shown after an ellipsis when wider. */
static void test_search_query_one_line(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 480}, {480, 800}};
    for (int k = 0; k < 2; k++) {
        kiosk_options o = {.pack = FIXTURE, .data = at("data"), .lang = "en",
                           .office_key = OFFICE_PUB};
        err e = {{0}};
        kiosk *kk = kiosk_open(&o, &e);
        assert_non_null(kk);
        kiosk_start(kk, &fake_platform, sizes[k][0], sizes[k][1], 1000);
        char script[1024];
        char q[300];
        memset(q, 'a', sizeof q);
        for (size_t i = 5; i < sizeof q; i += 6)
            q[i] = ' ';
        q[254] = 0;
        snprintf(script, sizeof script, "tap 300 300\nwait 400\ntap \"Search\"\nwait 400\ntype \"%s\"\n",
                 q);
        puts_file(at("q.txt"), script);
        assert_int_equal(script_run(kk, at("q.txt")), 0);
        const char *query = label(kk, "query");
        assert_non_null(query);
        assert_int_equal(strlen(query), 80);
        const ui_widget *f = widget_id(kk, "query");
        const display_list *d = kiosk_display(kk);
        int lines = 0, base = -1;
        for (size_t i = 0; i < d->n; i++) {
            const display_item *it = &d->items[i];
            if (it->kind != DISPLAY_TEXT || it->y < f->y || it->y > f->y + f->h)
                continue;
            assert_true(it->x >= f->x && it->x + it->w <= f->x + f->w);
            if (it->y != base)
                lines++, base = it->y;
        }
        assert_int_equal(lines, 1);
        kiosk_close(kk);
    }
}

/* An Arabic or Persian keyboard is laid out as on every PC and phone, not mirrored with the
 * screen: ض at the far left of its row, delete at the right of the space bar. */
static void test_rtl_keyboard_not_mirrored(void **state)
{
    (void)state;
    static const char *const langs[][2] = {{"ar", "بحث"}, {"fa", "جستجو"}};
    for (int l = 0; l < 2; l++) {
        kiosk_options o = {.pack = "build/demo.pack", .data = at("data"), .lang = langs[l][0]};
        err e = {{0}};
        kiosk *k = kiosk_open(&o, &e);
        assert_non_null(k);
        kiosk_start(k, &fake_platform, 800, 480, 1000);
        char script[256];
        snprintf(script, sizeof script, "tap 400 300\nwait 400\ntap \"%s\"\nwait 400\n",
                 langs[l][1]);
        puts_file(at("kb.txt"), script);
        assert_int_equal(script_run(k, at("kb.txt")), 0);
        const ui_widget *dad = widget_id(k, "key-ض"), *sad = widget_id(k, "key-ص");
        const ui_widget *sheen = widget_id(k, "key-ش");
        assert_true(dad->x < sad->x);
        assert_true(dad->x < 800 / 3 && sheen->x < 800 / 3);
        assert_true(widget_id(k, "key-space")->x < widget_id(k, "key-delete")->x);
        kiosk_close(k);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_args, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stick_each_pack_its_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_options_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stick_without_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stick_in_the_language_spoken, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stick_many_and_hostile_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault_and_bad_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_daily_purge_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_script_in_process, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thanks_holds_each_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_survey_limit_across_people, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_answer_in_any_byte_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_office_key_no_feedback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_query_one_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rtl_keyboard_not_mirrored, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
