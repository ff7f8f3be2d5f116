/* test_config: the settings file read through the option table (every key a long option;
 * every bad line named with its number; the command line over the file), and the staff PIN:
 * Argon2id hashes, the lockout after five wrong PINs held across a restart, the keys of a
 * set-up folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "admin.h"
#include "config.h"
#include "kiosk.h"
#include "sign.h"
#include "touch.h"
#include "scratch.h"

#include <unistd.h>

static const char *write_file(const char *name, const char *text, size_t n)
{
    const char *p = at(name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    fclose(f);
    return p;
}
#define WRITE(name, text) write_file(name, text, sizeof text - 1)

static char lines[32][1600];
static int nlines;
static void keep(void *ctx, const char *msg)
{
    (void)ctx;
    if (nlines < 32)
        snprintf(lines[nlines++], sizeof lines[0], "%s", msg);
}

/* Whether a reported line starts with PATH:N: and holds what. */
static int reported(int n, const char *what)
{
    char head[300];
    snprintf(head, sizeof head, "%s:%d: ", at("k.conf"), n);
    for (int k = 0; k < nlines; k++)
        if (!strncmp(lines[k], head, strlen(head)) && strstr(lines[k], what))
            return 1;
    return 0;
}

static void test_file_every_bad_line(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("config"), 0);
    const char *p = WRITE("k.conf", "# a kiosk\n"
                                    "[screen]\n"
                                    "idle = 9\n"                  /* 3: out of range */
                                    "fullscreen = maybe\n"        /* 4: not yes or no */
                                    "bogus = 1\n"                 /* 5: no such key */
                                    "still = 20\n"
                                    "still = 30\n"                /* 7: twice */
                                    "script = x.txt\n"            /* 8: command line only */
                                    "just words\n"                /* 9: no = */
                                    "languages = \"lv en uk\"\n"  /* quoted: fine */
                                    "screen-hours = 25:00-07:00\n" /* 11 */
                                    "admin-pin = 1234\n"          /* 12: a PIN, not a hash */
                                    "\xff\xfe = 1\n"              /* 13: not UTF-8 */
                                    "size = 1280x800x2\n"         /* 14 */
                                    "[broken\n"                   /* 15 */
                                    "feedback-days = -3\n"        /* 16 */
                                    "pack =\n"                    /* 17: empty */
                                    "idle-input = 180   \r\n"     /* fine, CRLF */
                                    "a = b\0c\n"                 /* 19: NUL */
                                    "sync-every = 5\n");          /* 20: no sync-folder */
    nlines = 0;
    err e;
    int bad = config_check(p, keep, NULL, &e);
    assert_int_equal(bad, 15);
    assert_true(reported(3, "idle = 9: a number of seconds from 10 to 86400"));
    assert_true(reported(4, "yes or no"));
    assert_true(reported(5, "bogus: no such setting"));
    assert_true(reported(7, "given a second time (line 6 has it)"));
    assert_true(reported(8, "command line only"));
    assert_true(reported(9, "is not key = value"));
    assert_true(reported(11, "HH:MM-HH:MM"));
    assert_true(reported(12, "never the PIN itself"));
    assert_true(reported(13, "not UTF-8"));
    assert_true(reported(14, "expected WxH"));
    assert_true(reported(15, "[name]"));
    assert_true(reported(16, "from 1 to 3650"));
    assert_true(reported(17, "empty"));
    assert_true(reported(19, "NUL"));
    assert_true(reported(20, "sync-every: there is no sync-folder"));
    /* a line longer than the limit, and a file that is not there */
    char big[CONFIG_MAX_LINE + 40];
    memset(big, 'x', sizeof big);
    memcpy(big, "site = ", 7);
    big[sizeof big - 1] = '\n';
    p = write_file("k.conf", big, sizeof big);
    nlines = 0;
    assert_int_equal(config_check(p, keep, NULL, &e), 1);
    assert_true(reported(1, "at most 1024"));
    assert_int_equal(config_check(at("absent.conf"), keep, NULL, &e), -1);
    assert_int_equal(scratch_remove(), 0);
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

static void test_file_and_flags(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("config"), 0);
    const char *p = WRITE("k.conf", "device-name = Library, 2nd floor\n"
                                    "site = \"Riga  Central\"\n"
                                    "languages = uk, en lv\n"
                                    "idle = 60\n"
                                    "still = 20\n"
                                    "feedback-time = hour\n"
                                    "feedback-days = 30\n"
                                    "survey-limit = 3/15\n"
                                    "export-on-insert = no\n"
                                    "screen-hours = 22:00-06:30\n"
                                    "outside-hours = blank\n"
                                    "fullscreen = yes\n"
                                    "kiosk = yes\n"
                                    "trust = /etc/sveiki/content-signing.pub\n"
                                    "office-key = /etc/sveiki/office-sealing.pub\n");
    kiosk_options o;
    err e;
    assert_int_equal(parse(&o, &e, "--config", p, NULL), KIOSK_ARGS_RUN);
    assert_string_equal(o.device_name, "Library, 2nd floor");
    assert_string_equal(o.site, "Riga  Central");
    assert_string_equal(o.languages, "uk, en lv");
    assert_int_equal(o.idle_s, 60);
    assert_int_equal(o.still_s, 20);
    assert_int_equal(o.round_to_hour, 1);
    assert_int_equal(o.retention_days, 30);
    assert_int_equal(o.survey_limit, 3);
    assert_int_equal(o.survey_minutes, 15);
    assert_int_equal(o.no_export_on_insert, 1);
    assert_string_equal(o.screen_hours, "22:00-06:30");
    assert_int_equal(o.blank_outside, 1);
    assert_int_equal(o.fullscreen, 1);
    assert_int_equal(o.kiosk_mode, 1);
    assert_string_equal(o.trust, "/etc/sveiki/content-signing.pub");
    config_free(&o);
    /* the command line overrides the file, whichever comes first */
    assert_int_equal(parse(&o, &e, "--idle", "120", "--config", p, "--export-on-insert", "yes",
                           "--still", "5", NULL),
                     KIOSK_ARGS_RUN);
    assert_int_equal(o.idle_s, 120);
    assert_int_equal(o.still_s, 5);
    assert_int_equal(o.no_export_on_insert, 0);
    assert_int_equal(o.retention_days, 30);
    config_free(&o);
    /* a bad file: the kiosk refuses to start and names the line */
    p = WRITE("bad.conf", "idle = 60\nidle = x\n");
    assert_int_equal(parse(&o, &e, "--config", p, NULL), -1);
    assert_non_null(strstr(e.msg, "bad.conf:2: idle"));
    assert_non_null(strstr(e.msg, "--check-config"));
    assert_int_equal(parse(&o, &e, "--config", at("absent.conf"), NULL), -1);
    assert_non_null(strstr(e.msg, "cannot be read"));
    /* --check-config is handed to the caller */
    assert_int_equal(parse(&o, &e, "--check-config", p, NULL), KIOSK_ARGS_CHECK);
    assert_string_equal(o.check_config, p);
    /* every option of the table is in --help, and every key of the file an option */
    assert_non_null(strstr(kiosk_usage(), "--screen-hours HH:MM-HH:MM"));
    assert_non_null(strstr(kiosk_usage(), "--languages"));
    /* and it names the options that are no key of the file (script = x.txt is a bad line) */
    assert_non_null(strstr(kiosk_usage(), "Every option but --script, --config and "
                                          "--check-config is also a key of the settings file"));
    assert_int_equal(parse(&o, &e, "--languages", "lv,EN", NULL), -1);
    assert_int_equal(parse(&o, &e, "--outside-hours", "off", NULL), -1);
    assert_int_equal(parse(&o, &e, "--kiosk", "--still", "4", NULL), -1);
    assert_non_null(strstr(e.msg, "--still 4: a number of seconds from 5 to 600"));
    int from, to;
    assert_int_equal(config_hours("07:30-20:00", &from, &to), 0);
    assert_int_equal(from, 450);
    assert_int_equal(to, 1200);
    assert_int_equal(config_hours("07:30-07:30", &from, &to), -1);
    assert_int_equal(config_hours("7:30-20:00", &from, &to), -1);
    assert_int_equal(config_hours("07:60-20:00", &from, &to), -1);
    assert_int_equal(config_hours("07:30-20:00x", &from, &to), -1);
    assert_int_equal(scratch_remove(), 0);
}

static void test_pin_lockout(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("pin"), 0);
    char hash[ADMIN_HASH_MAX], again[ADMIN_HASH_MAX];
    err e;
    assert_int_equal(admin_pin_hash("2468", 1, hash, &e), 0);
    assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
    assert_null(strstr(hash, "2468")); /* only the hash is kept */
    assert_int_equal(admin_pin_hash("2468", 1, again, &e), 0);
    assert_string_not_equal(hash, again); /* salted */
    assert_int_equal(admin_pin_hash("12a4", 1, again, &e), -1);
    assert_int_equal(admin_pin_hash("123", 1, again, &e), -1);
    /* none chosen yet, then the one stored at set-up, and the configured one first */
    assert_int_equal(admin_pin_read(dir, NULL, again), 1);
    assert_int_equal(admin_pin_store(dir, hash, &e), 0);
    assert_int_equal(admin_pin_read(dir, NULL, again), 0);
    assert_string_equal(again, hash);
    assert_int_equal(admin_pin_read(dir, "$argon2id$x", again), 0);
    assert_string_equal(again, "$argon2id$x");

    int64_t now = 1000000, until;
    int left;
    assert_int_equal(admin_pin_check(dir, hash, "2468", now, &until, &left, &e), ADMIN_PIN_RIGHT);
    for (int k = 1; k < ADMIN_TRIES; k++) {
        assert_int_equal(admin_pin_check(dir, hash, "1111", now, &until, &left, &e), ADMIN_PIN_WRONG);
        assert_int_equal(left, ADMIN_TRIES - k);
    }
    /* the fifth wrong PIN locks for five minutes; even the right one is not checked then */
    assert_int_equal(admin_pin_check(dir, hash, "1111", now, &until, &left, &e), ADMIN_PIN_LOCKED);
    assert_int_equal(until, now + ADMIN_LOCK_S);
    assert_int_equal(admin_pin_check(dir, hash, "2468", now + 299, &until, &left, &e),
                     ADMIN_PIN_LOCKED);
    /* the count is in the data directory: what a restart reads again */
    FILE *f = fopen(at("admin.lock"), "r");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(admin_pin_check(dir, hash, "2468", now + 300, &until, &left, &e),
                     ADMIN_PIN_RIGHT);
    /* a right PIN clears the count: four wrong ones do not lock after it */
    for (int k = 1; k < ADMIN_TRIES; k++)
        assert_int_equal(admin_pin_check(dir, hash, "0000", now + 400, &until, &left, &e),
                         ADMIN_PIN_WRONG);
    assert_int_equal(admin_pin_check(dir, hash, "2468", now + 400, &until, &left, &e),
                     ADMIN_PIN_RIGHT);
    assert_int_equal(admin_pin_check(dir, hash, "0000", now + 400, &until, &left, &e),
                     ADMIN_PIN_WRONG);
    assert_int_equal(left, ADMIN_TRIES - 1);
    /* a lock far in the future (a clock set wrong) holds five minutes from now, no more */
    WRITE("admin.lock", "fails 0\nuntil 99999999999\n");
    assert_int_equal(admin_pin_check(dir, hash, "2468", now, &until, &left, &e), ADMIN_PIN_LOCKED);
    assert_int_equal(until, now + ADMIN_LOCK_S);
    assert_int_equal(scratch_remove(), 0);
}

static void test_setup_folder(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("setup"), 0);
    err e;
    admin_keys k;
    assert_int_equal(admin_keys_read(dir, &k, &e), -1);
    assert_non_null(strstr(e.msg, "sveikictl setup-stick"));
    assert_int_equal(mkdir(at("sveiki"), 0700), 0);
    assert_int_equal(mkdir(at("sveiki/setup"), 0700), 0);
    char name[300];
    snprintf(name, sizeof name, "%s/sveiki/setup/content-signing", dir);
    assert_int_equal(sign_keygen(name, &e), 0);
    snprintf(name, sizeof name, "%s/sveiki/setup/office-sealing", dir);
    assert_int_equal(sign_seal_keygen(name, &e), 0);
    assert_int_equal(admin_keys_read(dir, &k, &e), 0);
    assert_int_equal(strlen(k.sign_fp), 24);
    assert_int_equal(k.sign_fp[4], ' ');
    assert_string_not_equal(k.sign_fp, k.seal_fp);
    assert_int_equal(mkdir(at("data"), 0700), 0);
    assert_int_equal(admin_keys_store(at("data"), &k, &e), 0);
    unsigned char pk[32];
    assert_int_equal(sign_read_public(at("data/trusted.pub"), pk, &e), 0);
    assert_memory_equal(pk, k.sign_pk, 32);
    assert_int_equal(sign_read_seal_public(at("data/operator.pub"), pk, &e), 0);
    assert_memory_equal(pk, k.seal_pk, 32);
    /* the two swapped: each is refused as not its kind */
    rename(at("sveiki/setup/content-signing.pub"), at("x.pub"));
    rename(at("sveiki/setup/office-sealing.pub"), at("sveiki/setup/content-signing.pub"));
    rename(at("x.pub"), at("sveiki/setup/office-sealing.pub"));
    assert_int_equal(admin_keys_read(dir, &k, &e), -1);
    assert_non_null(strstr(e.msg, "content-signing.pub is not a content signing public key"));
    /* a link in place of the folder is not followed */
    assert_int_equal(scratch_remove(), 0);
    assert_int_equal(scratch_make("setup"), 0);
    assert_int_equal(mkdir(at("sveiki"), 0700), 0);
    assert_int_equal(mkdir(at("elsewhere"), 0700), 0);
    assert_int_equal(symlink(at("elsewhere"), at("sveiki/setup")), 0);
    assert_int_equal(admin_keys_read(dir, &k, &e), -1);
    assert_non_null(strstr(e.msg, "link"));
    assert_int_equal(scratch_remove(), 0);
}

/* A second finger while one is down cancels the touch: no tap and no drag from a palm or two
 * fingers, and nothing passes until every finger is up. */
static void test_second_finger(void **state)
{
    (void)state;
    touch t = {0};
    ui_event ev;
    assert_int_equal(touch_finger(&t, 7, UI_EV_DOWN, 10, 20, &ev), 1);
    assert_int_equal(ev.type, UI_EV_DOWN);
    assert_int_equal(touch_finger(&t, 7, UI_EV_MOVE, 12, 22, &ev), 1);
    assert_int_equal(ev.type, UI_EV_MOVE);
    assert_int_equal(touch_finger(&t, 7, UI_EV_UP, 12, 22, &ev), 1);
    assert_int_equal(ev.type, UI_EV_UP);
    /* two fingers: the second cancels; neither's move or up passes */
    assert_int_equal(touch_finger(&t, 1, UI_EV_DOWN, 10, 20, &ev), 1);
    assert_int_equal(touch_finger(&t, 2, UI_EV_DOWN, 50, 60, &ev), 1);
    assert_int_equal(ev.type, UI_EV_CANCEL);
    assert_int_equal(touch_finger(&t, 3, UI_EV_DOWN, 70, 60, &ev), 0); /* a palm: once */
    assert_int_equal(touch_finger(&t, 1, UI_EV_MOVE, 10, 90, &ev), 0);
    assert_int_equal(touch_finger(&t, 2, UI_EV_UP, 50, 60, &ev), 0);
    assert_int_equal(touch_finger(&t, 1, UI_EV_UP, 10, 20, &ev), 0);
    assert_int_equal(touch_finger(&t, 3, UI_EV_UP, 70, 60, &ev), 0);
    /* all up: the next touch is a touch again */
    assert_int_equal(touch_finger(&t, 4, UI_EV_DOWN, 5, 5, &ev), 1);
    assert_int_equal(ev.type, UI_EV_DOWN);
    /* the pointer lifts first: the finger left down is no pointer */
    assert_int_equal(touch_finger(&t, 5, UI_EV_DOWN, 9, 9, &ev), 1);
    assert_int_equal(ev.type, UI_EV_CANCEL);
    assert_int_equal(touch_finger(&t, 4, UI_EV_UP, 5, 5, &ev), 0);
    assert_int_equal(touch_finger(&t, 5, UI_EV_MOVE, 9, 40, &ev), 0);
    assert_int_equal(touch_finger(&t, 5, UI_EV_UP, 9, 40, &ev), 0);
    /* an up with no down (focus came mid-touch) */
    assert_int_equal(touch_finger(&t, 6, UI_EV_UP, 1, 1, &ev), 0);
    assert_int_equal(touch_finger(&t, 6, UI_EV_DOWN, 1, 1, &ev), 1);
    assert_int_equal(ev.type, UI_EV_DOWN);
}

static void test_placeholders(void **state)
{
    (void)state;
    char out[1200];
    int n = admin_placeholders("build/fixture.pack", out, sizeof out);
    assert_true(n >= 3);
    assert_non_null(strstr(out, "hotline police"));
    assert_non_null(strstr(out, "page emergency-112: phone"));
    assert_int_equal(admin_placeholders("build/no-such.pack", out, sizeof out), 0);
    /* a paragraph left to fill in is named in words, not by the builder's block kind */
    char demo[4096];
    assert_true(admin_placeholders("build/demo.pack", demo, sizeof demo) > 0);
    assert_non_null(strstr(demo, "page kindergarten: paragraph\n"));
    assert_null(strstr(demo, ": p\n"));
    /* a short buffer ends in "..." rather than in the middle of a line */
    char small[40];
    admin_placeholders("build/fixture.pack", small, sizeof small);
    assert_non_null(strstr(small, "..."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_every_bad_line),
        cmocka_unit_test(test_file_and_flags),
        cmocka_unit_test(test_pin_lockout),
        cmocka_unit_test(test_setup_folder),
        cmocka_unit_test(test_second_finger),
        cmocka_unit_test(test_placeholders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
