/* kiosk: the kiosk's rules (see kiosk.h). */
#include "kiosk.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "admin.h"
#include "config.h"
#include "fs.h"
#include "home.h"
#include "pack/content.h"
#include "pack/format.h"
#include "pack/trust.h"
#include "sign.h"
#include "store/store.h"
#include "sync/receipt.h"
#include "sync/sync.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Retention is a promise in days: the purge runs at start and then once a day. */
#define KIOSK_PURGE_MS (24ULL * 60 * 60 * 1000)
/* A sync folder visit due while someone uses the kiosk waits for them to leave: looked at
 * again this often (the idle timeout brings the start screen back within minutes). */
#define KIOSK_SYNC_RETRY_MS (60ULL * 1000)

struct kiosk {
    kiosk_options o;  /* its strings point into the copies below, or are NULL */
    char pack[PATH_MAX + 32], data[PATH_MAX + 32];
    char trust[PATH_MAX], lang[64], page[128], office_key[PATH_MAX + 32];
    int data_ok;      /* the data directory can be written: feedback is possible */
    err fault;        /* why there is no pack, when c is NULL */
    unsigned char pk[32]; /* the office's public sealing key, when have_key */
    int have_key;
    char no_key[900];  /* why no feedback is collected without it, for staff, or "" */
    char fault_text[sizeof(err) + 900];
    content *c;
    store *store;     /* feedback, or NULL when unavailable */
    store *ro;        /* a data directory that cannot be written: its store, read for export
                         only (answers not yet exported still reach a stick), or NULL */
    const platform *p;
    ui *u;
    uint64_t next_purge;
    char sync_folder[PATH_MAX]; /* --sync-folder, or "" */
    uint64_t next_sync;         /* UINT64_MAX without a folder */
    /* admin mode and first set-up */
    ui_admin_ops admin;
    admin_keys keys;      /* read from a set-up stick, taken when staff say they match */
    int have_keys;
    char pin_hash[ADMIN_HASH_MAX];
    char admin_pin[ADMIN_HASH_MAX]; /* --admin-pin, the kiosk's copy */
    char device_name[160], site[160], languages[256];
    uint64_t started, now; /* the clock at start and at the last event or tick, ms */
    int64_t wall0;        /* the wall clock's second at start */
    int script_clock;     /* --script: time is the script's, from wall0 on */
    int exit_code;        /* -1; else staff asked to stop with it (restart, leave) */
    char last_stick[PATH_MAX];
    int hours_from, hours_to; /* --screen-hours in minutes of the day; -1: always lit */
    int office_key_given; /* --office-key: new keys from a stick do not replace it */
};

/* One line of the kiosk's log. Messages name files from sticks, whose names are anyone's
 * choice: control characters (a terminal escape, a line break that forges a second line) and
 * bidi controls are written as \xHH or \u{HHHH}, never as themselves. */
static void say_at(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say_at(const char *level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *safe = utf8_escaped_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "sveiki: %s: %s\n", level, safe);
    free(safe);
}
/* Every line has its level, so the journal (and grep) sorts what needs staff from what does
 * not: error (something failed; staff act), warning (the kiosk went on without something),
 * info (what it did). Never typed text, an answer or a submission id: the log is read by
 * whoever services the kiosk. */
#define say_error(...) say_at("error", __VA_ARGS__)
#define say_warning(...) say_at("warning", __VA_ARGS__)
#define say(...) say_at("info", __VA_ARGS__)

/* ---- options ------------------------------------------------------------------------ */

const char *kiosk_usage(void) { return config_usage(); }

/* One option table for the command line and the settings file: app/config.c. */
int kiosk_parse_args(int argc, char **argv, kiosk_options *o, err *e)
{
    static const int as[] = {[CONFIG_RUN] = KIOSK_ARGS_RUN, [CONFIG_HELP] = KIOSK_ARGS_HELP,
                             [CONFIG_VERSION] = KIOSK_ARGS_VERSION, [CONFIG_CHECK] = KIOSK_ARGS_CHECK};
    int rc = config_args(argc, argv, o, e);
    return rc < 0 ? -1 : as[rc];
}

void kiosk_default_data(char *out, size_t cap)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    /* under systemd, the unit's StateDirectory= (/var/lib/sveiki) */
    const char *sd = getenv("STATE_DIRECTORY");
    if (sd && *sd && !strchr(sd, ':'))
        snprintf(out, cap, "%s", sd);
    else if (xdg && *xdg)
        snprintf(out, cap, "%s/sveiki", xdg);
    else
        snprintf(out, cap, "%s/.local/state/sveiki", home && *home ? home : ".");
}

/* ---- start ---------------------------------------------------------------------------- */

/* The office's public sealing key (path, or DATA/operator.pub): every submission is sealed
 * to it as it is stored. Without a usable one nothing is collected, and staff are told why
 * and how to fix it. */
static void office_key(kiosk *k, const char *path)
{
    if (path)
        str_copy(k->office_key, sizeof k->office_key, path);
    else
        str_printf(k->office_key, sizeof k->office_key, "%s/operator.pub", k->data);
    err why;
    const char *fix = "copy the office's public sealing key (sveikictl keygen --sealing NAME makes "
                      "NAME.pub; the office keeps NAME.key) to DATA/operator.pub, or give it "
                      "with --office-key, and start the kiosk again";
    if (!fs_exists(k->office_key) && !path)
        str_printf(k->no_key, sizeof k->no_key, "this kiosk collects no feedback: it has no office "
                   "key to seal answers to (%s is missing): %s", k->office_key, fix);
    else if (sign_read_seal_public(k->office_key, k->pk, &why))
        str_printf(k->no_key, sizeof k->no_key, "this kiosk collects no feedback: the office key "
                   "cannot be used (%s): %s", why.msg, fix);
    else
        k->have_key = 1;
    if (!k->have_key)
        say_warning("%s", k->no_key);
}

/* The pack to show: a script or a headless run ends with the message when there is none; a
 * windowed kiosk shows it to staff and stays up (a kiosk that exits is restarted, fails
 * again, and shows people a flickering desktop). */
static void choose_pack(kiosk *k)
{
    trust_note note;
    err e;
    int chose = trust_choose(k->pack, sizeof k->pack, k->data, k->o.trust, &note, &e);
    if (note.refused)
        say_warning("refusing the pack: %s", note.why.msg);
    if (chose) {
        say_error("%s", e.msg);
        k->fault = e;
        return;
    }
    if (note.restored)
        say_warning("a pack swap was cut short: went back to the previous pack");
    if (note.refused)
        say("keeping the pack it has: %s", k->pack);
    k->c = content_open(k->pack, &e);
    if (!k->c) {
        say_error("%s", e.msg);
        k->fault = e;
    }
}

kiosk *kiosk_open(const kiosk_options *o, err *e)
{
    kiosk *k = calloc(1, sizeof *k);
    if (!k) {
        err_set(e, "out of memory");
        return NULL;
    }
    k->o = *o;
    /* what is read after kiosk_open returns (the key at every stick, the language and page
     * at kiosk_start) is the kiosk's own copy, whatever the caller does with its strings */
    k->script_clock = o->script != NULL;
    k->o.pack = k->o.data = k->o.script = k->o.media = k->o.sync_folder = NULL;
    k->next_sync = UINT64_MAX;
    if ((o->sync_folder && str_copy(k->sync_folder, sizeof k->sync_folder, o->sync_folder)) ||
        (o->trust && str_copy(k->trust, sizeof k->trust, o->trust)) ||
        (o->lang && str_copy(k->lang, sizeof k->lang, o->lang)) ||
        (o->page && str_copy(k->page, sizeof k->page, o->page))) {
        err_set(e, "--sync-folder, --trust, --lang or --page: too long; give a shorter one");
        free(k);
        return NULL;
    }
    k->o.trust = o->trust ? k->trust : NULL;
    k->o.lang = o->lang ? k->lang : NULL;
    k->o.page = o->page ? k->page : NULL;
    k->o.office_key = NULL;
    k->exit_code = -1;
    str_copy(k->admin_pin, sizeof k->admin_pin, o->admin_pin ? o->admin_pin : "");
    str_copy(k->device_name, sizeof k->device_name, o->device_name ? o->device_name : "");
    str_copy(k->site, sizeof k->site, o->site ? o->site : "");
    str_copy(k->languages, sizeof k->languages, o->languages ? o->languages : "");
    k->hours_from = k->hours_to = -1;
    k->office_key_given = o->office_key != NULL;
    if (o->screen_hours)
        config_hours(o->screen_hours, &k->hours_from, &k->hours_to);
    k->o.admin_pin = o->admin_pin ? k->admin_pin : NULL;
    k->o.device_name = k->o.site = k->o.languages = k->o.screen_hours = NULL;
    k->o.config = k->o.check_config = NULL;
    k->o.config_text = NULL;
    /* without --pack the demo pack is the installation's; an installation not found is the
     * fault then (said once, as the error it is), not a pack missing from the folder it
     * happened to start in */
    int homeless = 0;
    if (o->pack) {
        snprintf(k->pack, sizeof k->pack, "%s", o->pack);
    } else {
        char root[PATH_MAX];
        homeless = home_locate(root, sizeof root, &k->fault);
        if (homeless)
            say_error("%s", k->fault.msg);
        else
            home_demo_pack(root, k->pack, sizeof k->pack);
    }
    if (o->data)
        snprintf(k->data, sizeof k->data, "%s", o->data);
    else
        kiosk_default_data(k->data, sizeof k->data);
    /* a data directory that cannot be written (a read-only card) still shows content; only
     * feedback, and packs that must be copied and checked first, need it */
    trust_note note;
    err why;
    k->data_ok = trust_data_dir(k->data, &note, &why) == 0;
    if (!k->data_ok)
        say_error("%s: feedback is unavailable", why.msg);
    if (note.warning[0])
        say_warning("%s", note.warning);
    office_key(k, o->office_key);
    if (!homeless)
        choose_pack(k);
    /* no pack and no key: the screen staff see then says both */
    if (!k->c && k->no_key[0])
        str_printf(k->fault_text, sizeof k->fault_text, "%s. Also: %s", k->fault.msg,
                   k->no_key);
    if (k->c && o->lang && !content_find_lang(k->c, o->lang)) {
        char have[256] = "";
        for (int i = 0; i < content_nlangs(k->c); i++) {
            size_t n = strlen(have);
            snprintf(have + n, sizeof have - n, " %s", content_lang_at(k->c, i)->code);
        }
        err_set(e, "--lang %s: the pack has no such language (it has:%s)", o->lang, have);
        kiosk_close(k);
        return NULL;
    }
    if (k->c && o->page) {
        arena a = {0};
        content_page pg;
        int found = content_page_get(k->c, o->page, o->lang ? o->lang : content_default(k->c),
                                     &a, &pg);
        arena_free(&a);
        if (found != 0) {
            err_set(e, "--page %s: no such page in %s", o->page, k->pack);
            kiosk_close(k);
            return NULL;
        }
    }
    return k;
}

const char *kiosk_fault(const kiosk *k)
{
    if (k->c)
        return NULL;
    return k->fault_text[0] ? k->fault_text : k->fault.msg;
}

const char *kiosk_no_feedback(const kiosk *k) { return k->no_key[0] ? k->no_key : NULL; }

static void purge(kiosk *k)
{
    err e;
    long purged = store_purge(k->store, &e);
    if (purged < 0)
        say_error("%s", e.msg);
    else if (purged > 0)
        say("deleted %ld submissions past their retention days (exported or not)", purged);
}

static time_t store_clock(void *ctx);

/* The feedback store in the data directory, or NULL (then the kiosk shows content without
 * feedback). */
static store *open_store(kiosk *k)
{
    store_config cfg = {.round_to_hour = k->o.round_to_hour, .retention_days = k->o.retention_days,
                        .seal_pk = k->have_key ? k->pk : NULL, .clock = store_clock, .clock_ctx = k};
    store_note note;
    err e;
    store *s = store_open(k->data, &cfg, &note, &e);
    if (!s) {
        say_error("feedback unavailable: %s", e.msg);
        return NULL;
    }
    if (note.moved_aside[0])
        say_warning("the feedback store was damaged: kept as %s, a new one begun", note.moved_aside);
    if (note.warning[0])
        say_warning("%s", note.warning);
    if (note.sealed_now)
        say("sealed %ld answers an older version had kept unsealed", note.sealed_now);
    return s;
}

/* The store scrubs typed text with the trigger words of the pack on screen (read at each
 * submission, so a pack swapped in from a stick counts at once), or the built-in ones. */
static int submit(void *ctx, const store_submission *sub, char id[37], err *e)
{
    kiosk *k = ctx;
    store_submission with = *sub;
    char *words = k->c ? content_scrub_words(k->c) : NULL;
    with.scrub_words = words;
    int rc = store_submit(k->store, &with, id, e);
    free(words);
    return rc;
}

static int urgent_used(void *ctx, err *e)
{
    return store_urgent_used(ctx, e);
}

/* ---- admin mode and first set-up (the screens: app/ui/screen_admin.c, screen_setup.c) ---- */

/* The wall clock: the system's (set right by NTP after a Raspberry Pi without a real-time
 * clock has started), or under a script the script's time from the second the kiosk started;
 * the PIN lock, the screen's hours, the feedback store's days and retention count in it. */
static int64_t wall_now(const kiosk *k)
{
    if (!k->script_clock)
        return (int64_t)time(NULL);
    return k->wall0 + (int64_t)((k->now - k->started) / 1000);
}

static time_t store_clock(void *ctx) { return (time_t)wall_now(ctx); }

static int admin_has_pin(void *ctx)
{
    kiosk *k = ctx;
    return admin_pin_read(k->data, k->o.admin_pin, k->pin_hash) == 0;
}

static int admin_pin(void *ctx, const char *pin, int *wait_s, int *left)
{
    kiosk *k = ctx;
    if (admin_pin_read(k->data, k->o.admin_pin, k->pin_hash))
        return ADMIN_PIN_WRONG;
    int64_t until, now = wall_now(k);
    err e;
    int rc = admin_pin_check(k->data, k->pin_hash, pin, now, &until, left, &e);
    if (rc < 0)
        say("admin: %s", e.msg);
    *wait_s = until > now ? (int)(until - now) : 0;
    return rc;
}

static int admin_set_pin(void *ctx, const char *pin)
{
    kiosk *k = ctx;
    char hash[ADMIN_HASH_MAX];
    err e;
    if (admin_pin_hash(pin, k->o.pin_fast, hash, &e) || admin_pin_store(k->data, hash, &e)) {
        say("admin: the PIN could not be saved: %s", e.msg);
        return -1;
    }
    say("admin: a staff PIN was chosen at set-up");
    return 0;
}

static void ago(char *out, size_t cap, uint64_t ms)
{
    uint64_t m = ms / 60000;
    snprintf(out, cap, "%llu d %llu h %llu min", (unsigned long long)(m / 1440),
             (unsigned long long)(m / 60 % 24), (unsigned long long)(m % 60));
}

/* the day in DATA/NAME (written when it happened), or "never" */
/* DATA/last-export, DATA/last-receipt ("UNIXTIME what happened", note_last): the day, or
 * "never". */
static void day_of(const kiosk *k, const char *name, char *out, size_t cap)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", k->data, name);
    size_t len;
    char *t = (char *)fs_read_all(path, 512, &len, NULL), *end = NULL;
    long long when = t ? strtoll(t, &end, 10) : 0;
    time_t tt = (time_t)when;
    struct tm tm;
    if (t && end != t && when > 0 && gmtime_r(&tt, &tm))
        strftime(out, cap, "%Y-%m-%d", &tm);
    else
        snprintf(out, cap, "never");
    free(t);
}

static void key_fp(const char *path, int seal, char out[32])
{
    unsigned char pk[32];
    out[0] = 0;
    if (path && !(seal ? sign_read_seal_public(path, pk, NULL) : sign_read_public(path, pk, NULL)))
        admin_fingerprint(pk, out);
}

static void admin_info(void *ctx, ui_admin_info *in)
{
    kiosk *k = ctx;
    err e;
    char id[37] = "";
    store *s = k->store ? k->store : k->ro;
    if (s && !store_device_id(s, id, &e))
        str_copy(in->device, sizeof in->device, id);
    str_copy(in->name, sizeof in->name, k->device_name);
    str_copy(in->site, sizeof in->site, k->site);
    if (k->c)
        snprintf(in->pack, sizeof in->pack, "%s version %s", content_pack_id(k->c),
                 content_version(k->c) ? content_version(k->c) : "(none)");
    in->waiting = s ? store_unexported_count(s, &e) : -1;
    day_of(k, "last-export", in->last_export, sizeof in->last_export);
    day_of(k, "last-receipt", in->last_receipt, sizeof in->last_receipt);
    unsigned long long free_b;
    if (!fs_free_space(k->data, &free_b, &e))
        snprintf(in->disk, sizeof in->disk, "%.1f GB", (double)free_b / 1e9);
    else
        snprintf(in->disk, sizeof in->disk, "unknown");
    ago(in->uptime, sizeof in->uptime, k->now - k->started);
    char def[PATH_MAX + 32];
    key_fp(trust_key(k->data, k->o.trust, def, sizeof def), 0, in->sign_fp);
    key_fp(k->have_key ? k->office_key : NULL, 1, in->seal_fp);
    char prev[PATH_MAX + 64];
    snprintf(prev, sizeof prev, "%s/previous.pack", k->data);
    in->has_previous = fs_exists(prev);
    in->kiosk_mode = k->o.kiosk_mode;
    in->nplaceholders = k->c ? admin_placeholders(k->pack, in->placeholders,
                                                  sizeof in->placeholders) : 0;
}

static void stick_visit(kiosk *k, const char *path);
static void check_languages(kiosk *k);

static int admin_action(void *ctx, int what, char *why)
{
    kiosk *k = ctx;
    err e;
    switch (what) {
    case UI_ADMIN_EXPORT:
        if (k->last_stick[0] && fs_exists(k->last_stick)) {
            say("admin: export now, to the stick");
            stick_visit(k, k->last_stick);
            return 0;
        }
        if (k->sync_folder[0]) { /* no stick in: the folder the office's sync engine carries */
            say("admin: export now, to the sync folder");
            if (kiosk_sync_folder(k, k->now)) {
                snprintf(why, 300, "The sync folder could not be written: see the log.");
                return -1;
            }
            snprintf(why, 300, "Done: the sync folder has every answer; the office's sync "
                               "engine carries it.");
            return 0;
        }
        snprintf(why, 300, "Insert a stick first: answers go out to a stick when it is "
                           "inserted, and again with Export now while it is in.");
        return -1;
    case UI_ADMIN_PREVIOUS: {
        char pack[PATH_MAX + 32];
        if (trust_rollback(pack, sizeof pack, k->data, k->o.trust, &e)) {
            say("admin: previous pack: %s", e.msg);
            snprintf(why, 300, "Not done: %.280s.", e.msg);
            return -1;
        }
        content *c = content_open(pack, &e);
        str_copy(k->pack, sizeof k->pack, pack);
        if (!c) {
            say("admin: previous pack: %s", e.msg);
            snprintf(why, 300, "The previous pack does not open: see the log.");
            return -1;
        }
        ui_set_content(k->u, c);
        content_close(k->c);
        k->c = c;
        check_languages(k);
        if (k->p->forget)
            k->p->forget(k->p->ctx);
        say("admin: back to the previous pack: %s version %s", content_pack_id(c),
            content_version(c));
        snprintf(why, 300, "Now showing %s version %s.", content_pack_id(c), content_version(c));
        return 0;
    }
    case UI_ADMIN_KEYS_ACCEPT:
        if (!k->have_keys || admin_keys_store(k->data, &k->keys, &e)) {
            if (k->have_keys)
                say("admin: the keys could not be saved: %s", e.msg);
            snprintf(why, 300, "%s", k->have_keys ? "the data folder cannot be written (see the log)"
                                                   : "no keys were read");
            return -1;
        }
        say("admin: new keys taken: content signing %s, office sealing %s", k->keys.sign_fp,
            k->keys.seal_fp);
        k->have_keys = 0;
        /* the office's key is in force at once: the store is opened again with it (unless
         * --office-key names another file, which stays the one used) */
        if (!k->office_key_given) {
            k->have_key = 0;
            k->no_key[0] = 0;
            office_key(k, NULL);
            if (k->data_ok && k->have_key) {
                store_close(k->store);
                k->store = open_store(k);
                ui_set_submit(k->u, k->store ? submit : NULL, k);
            }
        }
        return 0;
    case UI_ADMIN_RESTART:
        say("admin: restart asked by staff");
        k->exit_code = KIOSK_EXIT_RESTART;
        return 0;
    case UI_ADMIN_LEAVE:
        say("admin: staff left kiosk mode");
        k->exit_code = k->o.kiosk_mode ? KIOSK_EXIT_LEAVE : 0;
        return 0;
    }
    return -1;
}

/* A set-up folder on the stick at path: its keys are read and shown, not yet taken. */
static void read_keys(kiosk *k, const char *path)
{
    err e;
    if (admin_keys_read(path, &k->keys, &e)) {
        say("set-up stick at %s: %s", path, e.msg);
        k->have_keys = 0;
        ui_keys_read(k->u, NULL, NULL, e.msg);
        return;
    }
    k->have_keys = 1;
    say("set-up stick at %s: keys read, content signing %s, office sealing %s", path,
        k->keys.sign_fp, k->keys.seal_fp);
    ui_keys_read(k->u, k->keys.sign_fp, k->keys.seal_fp, NULL);
}

/* The screen's hours: whether now (local time) is outside them, and the ms until that
 * changes (UINT64_MAX: never). */
static int outside_hours(const kiosk *k, uint64_t *next)
{
    *next = UINT64_MAX;
    if (k->hours_from < 0)
        return 0;
    time_t t = (time_t)wall_now(k);
    struct tm tm;
    localtime_r(&t, &tm);
    int m = tm.tm_hour * 60 + tm.tm_min, from = k->hours_from, to = k->hours_to % 1440;
    int in = from < to ? m >= from && m < to : m >= from || m < to;
    int edge = in ? to : from;
    int mins = ((edge - m) % 1440 + 1440) % 1440;
    *next = ((uint64_t)(mins ? mins : 1440) * 60 - (uint64_t)tm.tm_sec) * 1000;
    return !in;
}

static void screen_hours(kiosk *k)
{
    uint64_t next;
    int out = outside_hours(k, &next);
    if (k->u)
        ui_screen_dark(k->u, out ? (k->o.blank_outside ? 2 : 1) : 0);
}

/* A code of --languages the pack does not have is said in the log (a typo in the settings
 * would otherwise just leave that language out); none at all: every language is offered. */
static void check_languages(kiosk *k)
{
    int found = 0, asked = 0;
    const char *p = k->languages, *w;
    for (size_t n; (n = str_next_item(&p, &w));) {
        char code[8];
        int have = n < sizeof code && !str_printf(code, sizeof code, "%.*s", (int)n, w) &&
                   content_find_lang(k->c, code);
        asked++, found += have;
        if (!have)
            say_warning("languages: pack %s has no language \"%.*s\"; it is left out",
                        content_pack_id(k->c), (int)(n > 32 ? 32 : n), w);
    }
    if (asked && !found)
        say_warning("languages: none of \"%s\" is in pack %s, so all its languages are offered",
                    k->languages, content_pack_id(k->c));
}

int kiosk_exit_code(const kiosk *k) { return k->exit_code; }
int kiosk_mode_on(const kiosk *k) { return k->o.kiosk_mode; }

void kiosk_start(kiosk *k, const platform *p, int w, int h, uint64_t now)
{
    k->p = p;
    k->started = k->now = now;
    k->wall0 = (int64_t)time(NULL);
    k->admin = (ui_admin_ops){.ctx = k, .pin = admin_pin, .has_pin = admin_has_pin,
                              .set_pin = admin_set_pin, .info = admin_info,
                              .action = admin_action};
    char def[PATH_MAX + 32];
    int setup = k->o.kiosk_mode && !trust_key(k->data, k->o.trust, def, sizeof def);
    if (setup)
        say("no trusted key: showing the set-up screen for staff");
    k->store = k->data_ok ? open_store(k) : NULL;
    if (!k->data_ok) {
        err e;
        k->ro = store_open_readonly(k->data, &e);
        if (!k->ro)
            say_warning("no feedback to export: %s", e.msg);
    }
    if (k->store)
        purge(k);
    k->next_purge = now + KIOSK_PURGE_MS;
    /* the first visit at once: what the office left while the kiosk was off is taken now */
    if (k->sync_folder[0])
        k->next_sync = now;
    ui_config cfg = {.w = w, .h = h, .lang = k->o.lang, .page = k->o.page, .now = now,
                     .submit = k->store && k->have_key ? submit : NULL, .submit_ctx = k,
                     .urgent_used = k->store ? urgent_used : NULL, .urgent_ctx = k->store,
                     .round_to_hour = k->o.round_to_hour, .retention_days = k->o.retention_days,
                     .has_voice = p->has_voice, .voice_ctx = p->ctx,
                     .idle_ms = 1000ULL * (uint64_t)k->o.idle_s,
                     .idle_input_ms = 1000ULL * (uint64_t)k->o.idle_input_s,
                     .still_ms = 1000ULL * (uint64_t)k->o.still_s,
                     .admin = &k->admin, .setup = setup, .languages = k->languages,
                     .survey_limit = k->o.survey_limit ? k->o.survey_limit : KIOSK_SURVEY_LIMIT,
                     .survey_window_ms = 60000ULL * (uint64_t)(k->o.survey_minutes
                                                                   ? k->o.survey_minutes
                                                                   : KIOSK_SURVEY_MINUTES)};
    check_languages(k);
    k->u = ui_new(k->c, p->measurer, &cfg);
    screen_hours(k);
}

/* ---- a USB stick ---------------------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* why without a leading "PATH: " naming the kiosk's own copy or the stick's mount point:
 * the person holding the stick knows the file by its name, which the screen shows. */
static const char *reason(const char *why, const char *path)
{
    size_t n = strlen(path);
    if (!strncmp(why, path, n) && !strncmp(why + n, ": ", 2))
        return why + n + 2;
    return why;
}

/* The name on the stick of the link a message names ("STICK/sveiki/packs: a symbolic
 * link..." gives "sveiki/packs"), for the stick's screen, which never shows a kiosk path. */
static void link_name(const char *msg, const char *stick, char *out, size_t cap)
{
    size_t n = strlen(stick);
    const char *rel = !strncmp(msg, stick, n) && msg[n] == '/' ? msg + n + 1 : "sveiki";
    const char *end = strstr(rel, ": ");
    snprintf(out, cap, "%.*s", (int)(end ? end - rel : (long)strlen(rel)), rel);
}

/* One pack on the stick, open beneath its folder: offered like any pack (checked where it
 * lies, then copied, verified, newer only), and when taken, shown at once without a
 * restart. */
static void offer_pack(kiosk *k, const fs_dir *dir, const char *name, ui_media_pack *out)
{
    char chosen[PATH_MAX + 300], before[64], shown[PATH_MAX + 300];
    snprintf(shown, sizeof shown, "%s/%s", fs_dir_path(dir), name);
    snprintf(before, sizeof before, "%s", content_version(k->c) ? content_version(k->c) : "");
    trust_note note = {0};
    err e;
    size_t size;
    int fd = fs_dir_open_file(dir, name, PACK_MAX_BYTES, &size, &e);
    int rc = fd < 0 ? -1
                    : trust_offer(fd, size, shown, chosen, sizeof chosen, k->data, k->o.trust,
                                  &note, &e);
    if (fd >= 0)
        close(fd);
    if (rc || note.refused) {
        const char *why = note.refused ? note.why.msg : e.msg;
        say_warning("refusing the pack: %s", why);
        snprintf(out->why, sizeof out->why, "%s", reason(why, shown));
        out->reason = note.refused ? note.reason : fd < 0 ? TRUST_DAMAGED : TRUST_REFUSED_OTHER;
        str_copy(out->version, sizeof out->version, note.version);
        str_copy(out->shown, sizeof out->shown, note.shown);
        return;
    }
    content *c = content_open(chosen, &e);
    if (!c) {
        say_error("cannot open the pack taken from %s: %s", shown, e.msg);
        snprintf(out->why, sizeof out->why, "%s", reason(e.msg, chosen));
        out->reason = TRUST_DAMAGED;
        return;
    }
    if (!content_version(c) || !strcmp(content_version(c), before)) {
        snprintf(out->why, sizeof out->why, "version %s is shown already", before);
        out->reason = TRUST_SHOWN_ALREADY;
        content_close(c);
        return;
    }
    ui_set_content(k->u, c);
    content_close(k->c);
    k->c = c;
    check_languages(k);
    if (k->p->forget) /* the old pack's text may sit in the platform's caches */
        k->p->forget(k->p->ctx);
    out->taken = 1;
    snprintf(out->why, sizeof out->why, "%s", content_version(c));
    say("now showing %s version %s", content_pack_id(c), content_version(c));
}

/* Content in from path/sveiki/packs/: every *.pack in name order, at most
 * KIOSK_STICK_PACKS of them, each with its own outcome. Every folder and file is opened
 * beneath the stick's folder without following a link. */
static void offer_packs(kiosk *k, const char *path, ui_media_report *r)
{
    err why;
    fs_dir *root = fs_dir_open(path, &why), *dir = NULL;
    if (!root)
        return;
    int rc = fs_dir_sub(root, "sveiki/packs", 0, &dir, &why);
    fs_dir_close(root);
    if (rc == FS_LINKED) {
        say_warning("%s: nothing read through it", why.msg);
        if (!r->linked[0])
            link_name(why.msg, path, r->linked, sizeof r->linked);
    }
    if (rc)
        return;
    char **names;
    int n;
    if (fs_dir_list(dir, &names, &n, NULL) != 0) {
        fs_dir_close(dir);
        return;
    }
    qsort(names, (size_t)n, sizeof *names, by_name);
    char def[PATH_MAX + 32];
    int trusted = trust_key(k->data, k->o.trust, def, sizeof def) != NULL;
    int skipped = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        /* a file-sync engine's file in the making is hidden, and never ends in .pack until
         * renamed whole: Syncthing's .syncthing.NAME.tmp (~syncthing~NAME.tmp on Windows),
         * rsync's .NAME.XXXXXX */
        if (len < 6 || strcmp(names[i] + len - 5, ".pack") || names[i][0] == '.' ||
            names[i][0] == '~')
            continue;
        if (r->npacks == UI_MEDIA_PACKS || (!trusted && r->npacks == 1)) {
            skipped++;
            continue;
        }
        ui_media_pack *m = &r->packs[r->npacks++];
        snprintf(m->name, sizeof m->name, "%s", names[i]);
        if (!trusted) { /* unsigned content from a stick: never */
            snprintf(m->why, sizeof m->why,
                     "this kiosk takes content from a stick only signed, and has no trusted key");
            m->reason = TRUST_NO_KEY;
            continue;
        }
        fs_info in;
        if (fs_dir_info(dir, names[i], &in, NULL) == 0 && in.kind == FS_LINK) {
            say_warning("%s/%s: a symbolic link: not following it, nothing read through it",
                fs_dir_path(dir), names[i]);
            snprintf(m->why, sizeof m->why, "a link: not followed, nothing read through it");
            m->reason = TRUST_LINKED;
            if (!r->linked[0])
                snprintf(r->linked, sizeof r->linked, "sveiki/packs/%s", names[i]);
            continue;
        }
        offer_pack(k, dir, names[i], m);
    }
    r->packs_skipped = skipped;
    if (skipped)
        say("%d more packs on the stick were not looked at", skipped);
    fs_list_free(names, n);
    fs_dir_close(dir);
}

/* DATA/NAME: one line, "UNIXTIME what happened", for `sveikictl status` (the last export,
 * the last receipt). Only when and how many: nothing of an answer. */
static void note_last(kiosk *k, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note_last(kiosk *k, const char *name, const char *fmt, ...)
{
    if (!k->data_ok)
        return;
    char p[PATH_MAX + 64], line[400];
    int n = snprintf(line, sizeof line, "%lld ", (long long)wall_now(k));
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    str_printf(p, sizeof p, "%s/%s", k->data, name);
    size_t len = strlen(line);
    line[len++] = '\n';
    err e;
    if (fs_write_atomic(p, line, len, 0600, &e))
        say_warning("%s", e.msg);
}

/* Feedback out to path/sveiki/exports/, the office's receipt in, then content in from
 * path/sveiki/packs/: a stick's visit and the sync folder's; each step logged, the outcome in
 * r. 0, or -1 when the feedback could not be written. */
static int visit(kiosk *k, const char *path, const char *where, int give,
                 ui_media_report *r)
{
    int rc = 0;
    store *s = k->store ? k->store : k->ro;
    if (!give) {
        say("export-on-insert is no: no feedback written to %s", where);
    } else if (!s) {
        r->export_failed = 1, r->export_why = UI_EXPORT_NO_STORE;
        snprintf(r->why_export, sizeof r->why_export, "this kiosk keeps no feedback now");
    } else {
        sync_result sr;
        sync_options so = {.readonly = s == k->ro};
        err e;
        if (sync_export_opt(s, k->data, path, &so, &sr, &e)) {
            r->export_failed = 1, rc = -1;
            say_error("export failed: %s", e.msg);
            if (sr.linked) {
                r->export_why = UI_EXPORT_LINKED;
                link_name(e.msg, path, r->linked, sizeof r->linked);
                snprintf(r->why_export, sizeof r->why_export,
                         "the stick's sveiki folder holds a link, and nothing was written");
            } else {
                str_copy(r->why_export, sizeof r->why_export, reason(e.msg, path));
            }
        } else {
            r->submissions = sr.submissions;
            say("export: %s", sr.note);
            if (sr.batches)
                note_last(k, "last-export", "%ld submission%s in %d batch%s, to %s",
                          sr.submissions, sr.submissions == 1 ? "" : "s", sr.batches,
                          sr.batches == 1 ? "" : "es", where);
        }
        /* what staff must act on, said on the screen as well as in the log */
        r->key_changed = sr.key_changed, r->new_device = sr.new_device, r->unmarked = sr.unmarked;
        /* the office's receipt: what it holds of this kiosk goes from here at once */
        sync_receipt_result rr;
        if (s == k->store && sync_take_receipt(s, k->data, path, &rr, &e)) {
            say_warning("receipt refused, nothing deleted: %s", e.msg);
            r->receipt_refused = 1;
        } else if (s == k->store) {
            say("receipt: %s", rr.note);
            r->receipt_deleted = rr.found ? rr.deleted : 0;
            if (rr.found)
                note_last(k, "last-receipt", "from %s: %ld submission%s the office holds "
                          "deleted here", where, rr.deleted, rr.deleted == 1 ? "" : "s");
        }
    }
    r->no_office_key = k->no_key[0] != 0;
    offer_packs(k, path, r);
    return rc;
}

/* A stick at path: visit, and the outcome shown to the person holding it. */
static void stick_visit(kiosk *k, const char *path)
{
    static ui_media_report r; /* large, and one stick is served at a time */
    memset(&r, 0, sizeof r);
    say("stick at %s", path);
    if (k->p->draw) /* "working, do not remove the stick" while it is written */
        k->p->draw(k->p->ctx, ui_display(k->u));
    visit(k, path, "a stick", !k->o.no_export_on_insert, &r);
    say("done with the stick at %s", path);
    ui_media_done(k->u, &r);
}

/* --sync-every, or KIOSK_SYNC_MINUTES, in ms */
static uint64_t sync_every_ms(const kiosk *k)
{
    return 60000ULL * (uint64_t)(k->o.sync_every ? k->o.sync_every : KIOSK_SYNC_MINUTES);
}

/* The sync folder: the same visit, said only in the log (the public is not shown it). A pack
 * taken is on screen at once: the kiosk was at its start screen. */
int kiosk_sync_folder(kiosk *k, uint64_t now)
{
    if (!k->sync_folder[0])
        return -1;
    uint64_t every = sync_every_ms(k);
    k->next_sync = now + every;
    static ui_media_report r;
    memset(&r, 0, sizeof r);
    say("sync folder: visiting %s", k->sync_folder);
    int rc = visit(k, k->sync_folder, "the sync folder", 1, &r);
    for (int i = 0; i < r.npacks; i++)
        if (!r.packs[i].taken && r.packs[i].reason != TRUST_SHOWN_ALREADY)
            say_warning("sync folder: pack %s not taken: %s", r.packs[i].name, r.packs[i].why);
    say("sync folder: done; %ld submission%s written, the next visit in %llu min",
        r.submissions, r.submissions == 1 ? "" : "s", (unsigned long long)(every / 60000));
    return rc;
}

/* ---- a kiosk without a pack ------------------------------------------------------------ */

/* where: "the stick" or "the sync folder", for the log */
static int rescue(kiosk *k, const char *path, const char *where)
{
    if (k->c)
        return 0;
    say("%s at %s: looking for a signed pack to show", where, path);
    char def[PATH_MAX + 32];
    if (!trust_key(k->data, k->o.trust, def, sizeof def)) {
        say("%s at %s: this kiosk has no trusted key, so it takes no pack from it", where, path);
        return 0;
    }
    err why;
    fs_dir *root = fs_dir_open(path, &why), *dir = NULL;
    if (!root) {
        say("%s", why.msg);
        return 0;
    }
    int rc = fs_dir_sub(root, "sveiki/packs", 0, &dir, &why);
    fs_dir_close(root);
    if (rc) {
        say("%s at %s: %s", where, path, rc == FS_ABSENT ? "no sveiki/packs folder" : why.msg);
        return 0;
    }
    char **names;
    int n, taken = 0;
    if (fs_dir_list(dir, &names, &n, &why)) {
        fs_dir_close(dir);
        return 0;
    }
    qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0, looked = 0; i < n && !taken && looked < KIOSK_STICK_PACKS; i++) {
        size_t len = strlen(names[i]);
        if (len < 6 || strcmp(names[i] + len - 5, ".pack"))
            continue;
        looked++;
        char shown[PATH_MAX + 300], chosen[PATH_MAX + 300];
        snprintf(shown, sizeof shown, "%s/%s", fs_dir_path(dir), names[i]);
        size_t size;
        trust_note note = {0};
        int fd = fs_dir_open_file(dir, names[i], PACK_MAX_BYTES, &size, &why);
        if (fd < 0) {
            say("refusing the pack: %s", why.msg);
            continue;
        }
        rc = trust_offer(fd, size, shown, chosen, sizeof chosen, k->data, k->o.trust, &note, &why);
        close(fd);
        if (rc || note.refused) {
            say("refusing the pack: %s", note.refused ? note.why.msg : why.msg);
            continue;
        }
        content *c = content_open(chosen, &why);
        if (!c) {
            say("cannot open the pack taken from %s: %s", shown, why.msg);
            continue;
        }
        k->c = c;
        str_copy(k->pack, sizeof k->pack, chosen);
        k->fault.msg[0] = k->fault_text[0] = 0;
        say("rescued: now showing %s version %s from %s", content_pack_id(c),
            content_version(c) ? content_version(c) : "", where);
        taken = 1;
    }
    fs_list_free(names, n);
    fs_dir_close(dir);
    return taken;
}

int kiosk_rescue(kiosk *k, const char *path) { return rescue(k, path, "the stick"); }

int kiosk_rescue_folder(kiosk *k, uint64_t now, uint64_t *next)
{
    *next = UINT64_MAX;
    if (!k->sync_folder[0] || k->c)
        return 0;
    if (k->next_sync == UINT64_MAX || now >= k->next_sync) { /* the first look at once */
        k->next_sync = now + sync_every_ms(k);
        if (rescue(k, k->sync_folder, "the sync folder"))
            return 1;
    }
    *next = k->next_sync;
    return 0;
}

/* ---- events --------------------------------------------------------------------------- */

/* Carries out what the screens asked for since the last call. */
static void serve(kiosk *k)
{
    ui_request r;
    while (ui_take_request(k->u, &r)) {
        switch (r.kind) {
        case UI_REQ_FORGET:
            if (k->p->forget)
                k->p->forget(k->p->ctx);
            break;
        case UI_REQ_LOG: /* the screens' events: a failure starts with its name */
            say_at(r.text && strstr(r.text, "_failed") ? "error" : "info", "%s",
                   r.text ? r.text : "");
            break;
        case UI_REQ_SYNC:
            stick_visit(k, r.text ? r.text : "");
            break;
        case UI_REQ_SPEAK: /* the platform reads it on a thread of its own and owns it */
            if (k->p->speak)
                k->p->speak(k->p->ctx, r.speech);
            else
                speech_job_free(r.speech);
            r.speech = NULL;
            break;
        case UI_REQ_STOP:
            if (k->p->stop)
                k->p->stop(k->p->ctx);
            break;
        case UI_REQ_KEYS:
            read_keys(k, r.text ? r.text : "");
            break;
        }
        free(r.text);
    }
    /* what is being read aloud now, for the highlight */
    if (k->p->speaking) {
        unsigned id;
        int part;
        k->p->speaking(k->p->ctx, &id, &part);
        ui_speech(k->u, id, part);
    }
}

void kiosk_event(kiosk *k, const ui_event *ev, uint64_t now)
{
    k->now = now;
    if (ev->type == UI_EV_MEDIA && ev->text)
        str_copy(k->last_stick, sizeof k->last_stick, ev->text);
    ui_event_(k->u, ev, now);
    serve(k);
}

void kiosk_tick(kiosk *k, uint64_t now)
{
    k->now = now;
    screen_hours(k);
    ui_tick(k->u, now);
    serve(k);
    if (now >= k->next_purge) {
        if (k->store)
            purge(k);
        k->next_purge = now + KIOSK_PURGE_MS;
    }
    /* only between visitors: a swap forgets the person, and an export's fsyncs would stall
     * their screen on a slow card */
    if (now >= k->next_sync) {
        if (strcmp(ui_screen_name(k->u), "attract"))
            k->next_sync = now + KIOSK_SYNC_RETRY_MS;
        else
            kiosk_sync_folder(k, now);
    }
}

uint64_t kiosk_deadline(const kiosk *k)
{
    uint64_t d = ui_next_deadline(k->u), hours;
    outside_hours(k, &hours); /* the screen's hours begin or end: lit, dimmed or blank */
    if (hours != UINT64_MAX && k->now + hours < d)
        d = k->now + hours;
    d = d < k->next_purge ? d : k->next_purge;
    return d < k->next_sync ? d : k->next_sync;
}

void kiosk_resize(kiosk *k, int w, int h) { ui_resize(k->u, w, h); }
const display_list *kiosk_display(kiosk *k) { return ui_display(k->u); }
ui *kiosk_ui(kiosk *k) { return k->u; }
const platform *kiosk_platform(const kiosk *k) { return k->p; }

void kiosk_close(kiosk *k)
{
    if (!k)
        return;
    ui_free(k->u);
    store_close(k->store);
    store_close(k->ro);
    content_close(k->c);
    free(k);
}
