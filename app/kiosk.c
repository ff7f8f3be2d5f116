/* kiosk: the kiosk's rules (see kiosk.h). */
#include "kiosk.h"

#include "core/buf.h"
#include "core/utf8.h"
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
#include <unistd.h>

/* Retention is a promise in days: the purge runs at start and then once a day. */
#define KIOSK_PURGE_MS (24ULL * 60 * 60 * 1000)

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
};

/* One line of the kiosk's log. Messages name files from sticks, whose names are anyone's
 * choice: control characters (a terminal escape, a line break that forges a second line) and
 * bidi controls are written as \xHH or \u{HHHH}, never as themselves. */
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *safe = utf8_escaped_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "sveiki: %s\n", safe);
    free(safe);
}

/* ---- options ------------------------------------------------------------------------ */

const char *kiosk_usage(void)
{
    return "usage: sveiki [options]\n"
           "  --pack FILE     content pack to show (default: the demo pack)\n"
           "  --data DIR      writable state directory (default: ~/.local/state/sveiki)\n"
           "  --size WxH      window size (default 1280x800)\n"
           "  --fullscreen    fill the screen\n"
           "  --lang CODE     preset language: a touch on the start screen goes straight home\n"
           "  --headless      no window: SDL dummy video driver, software renderer\n"
           "  --script FILE   run commands from FILE, or - for standard input\n"
           "  --page ID       open this page at start (to preview content)\n"
           "  --trust FILE    accept only packs signed by this key (default: DATA/trusted.pub if present)\n"
           "  --office-key FILE          the office's public sealing key feedback is sealed to\n"
           "                             (default: DATA/operator.pub); without one, no feedback\n"
           "  --feedback-time day|hour   round the time stored with feedback down to this (default day)\n"
           "  --feedback-days N          delete feedback once it is N days old, exported or not (default 90)\n"
           "  --survey-limit N/MINUTES   at most N surveys in any MINUTES on this kiosk (default 6/10)\n"
           "  --idle SECONDS             ask \"Still there?\" after this long without a touch (default 90)\n"
           "  --idle-input SECONDS       the same with a survey or typed text in progress (default 180)\n"
           "  --media DIRS    where USB sticks are mounted, ':' between folders (default /media:/run/media)\n"
           "  --help, --version\n";
}

/* "WxH" in decimal digits only: no sign, no space, no wrap-around of a huge number. */
static int parse_size(const char *s, int *w, int *h)
{
    long v[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        int digits = 0;
        while (*s >= '0' && *s <= '9') {
            if (++digits > 5)
                return -1;
            v[k] = v[k] * 10 + (*s++ - '0');
        }
        if (!digits || *s++ != (k ? '\0' : 'x'))
            return -1;
    }
    *w = (int)v[0], *h = (int)v[1];
    return 0;
}

int kiosk_parse_args(int argc, char **argv, kiosk_options *o, err *e)
{
    memset(o, 0, sizeof *o);
    o->w = 1280, o->h = 800;
    const char *rounding = NULL, *retention = NULL, *limit = NULL, *idle = NULL,
               *idle_input = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **val = !strcmp(a, "--pack")            ? &o->pack
                           : !strcmp(a, "--data")          ? &o->data
                           : !strcmp(a, "--lang")          ? &o->lang
                           : !strcmp(a, "--script")        ? &o->script
                           : !strcmp(a, "--page")          ? &o->page
                           : !strcmp(a, "--trust")         ? &o->trust
                           : !strcmp(a, "--office-key")    ? &o->office_key
                           : !strcmp(a, "--feedback-time") ? &rounding
                           : !strcmp(a, "--feedback-days") ? &retention
                           : !strcmp(a, "--survey-limit")  ? &limit
                           : !strcmp(a, "--idle")          ? &idle
                           : !strcmp(a, "--idle-input")    ? &idle_input
                           : !strcmp(a, "--media")         ? &o->media
                                                           : NULL;
        if (val) {
            if (i + 1 >= argc)
                return err_set(e, "option %s needs a value (see --help)", a);
            *val = argv[++i];
        } else if (!strcmp(a, "--size")) {
            if (i + 1 >= argc)
                return err_set(e, "option --size needs a value like 1280x800");
            if (parse_size(argv[++i], &o->w, &o->h) || o->w < 320 || o->h < 240 ||
                o->w > 7680 || o->h > 4320)
                return err_set(e, "--size %s: expected WxH between 320x240 and 7680x4320",
                               argv[i]);
        } else if (!strcmp(a, "--fullscreen")) {
            o->fullscreen = 1;
        } else if (!strcmp(a, "--headless")) {
            o->headless = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            return KIOSK_ARGS_HELP;
        } else if (!strcmp(a, "--version")) {
            return KIOSK_ARGS_VERSION;
        } else {
            return err_set(e, "unknown option %s (see --help)", a);
        }
    }
    if (rounding && strcmp(rounding, "hour") && strcmp(rounding, "day"))
        return err_set(e, "--feedback-time %s: hour or day", rounding);
    o->round_to_hour = rounding && !strcmp(rounding, "hour");
    if (retention) {
        char *end;
        long d = strtol(retention, &end, 10);
        if (*end || end == retention || d < 1 || d > 3650)
            return err_set(e, "--feedback-days %s: a number of days from 1 to 3650", retention);
        o->retention_days = (int)d;
    }
    o->survey_limit = KIOSK_SURVEY_LIMIT, o->survey_minutes = KIOSK_SURVEY_MINUTES;
    if (limit) {
        char *slash, *end = NULL;
        long n = strtol(limit, &slash, 10), m = 0;
        if (*slash == '/' && slash > limit && slash[1] >= '0' && slash[1] <= '9')
            m = strtol(slash + 1, &end, 10);
        if (!m || *end || n < 1 || n > UI_SURVEY_LIMIT_MAX || m < 1 || m > 1440 ||
            *limit < '0' || *limit > '9')
            return err_set(e, "--survey-limit %s: N/MINUTES, N from 1 to %d, MINUTES from 1 to 1440",
                           limit, UI_SURVEY_LIMIT_MAX);
        o->survey_limit = (int)n, o->survey_minutes = (int)m;
    }
    const char *const idles[] = {idle, idle_input};
    int *const into[] = {&o->idle_s, &o->idle_input_s};
    for (int k = 0; k < 2; k++) {
        char *end;
        long n = idles[k] ? strtol(idles[k], &end, 10) : 0;
        if (idles[k] && (*end || end == idles[k] || *idles[k] < '0' || *idles[k] > '9' ||
                         n < 10 || n > 86400))
            return err_set(e, "%s %s: a number of seconds from 10 to 86400",
                           k ? "--idle-input" : "--idle", idles[k]);
        *into[k] = (int)n;
    }
    if (o->headless && !o->script)
        return err_set(e, "--headless has no window to touch: give it --script FILE (or -)");
    return KIOSK_ARGS_RUN;
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
    const char *fix = "copy the office's public sealing key (sveikictl keygen --seal NAME makes "
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
        say("%s", k->no_key);
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
        say("refusing the pack: %s", note.why.msg);
    if (chose) {
        say("%s", e.msg);
        k->fault = e;
        return;
    }
    if (note.restored)
        say("a pack swap was cut short: went back to the previous pack");
    if (note.refused)
        say("keeping the pack it has: %s", k->pack);
    k->c = content_open(k->pack, &e);
    if (!k->c) {
        say("%s", e.msg);
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
    k->o.pack = k->o.data = k->o.script = k->o.media = NULL;
    if ((o->trust && str_copy(k->trust, sizeof k->trust, o->trust)) ||
        (o->lang && str_copy(k->lang, sizeof k->lang, o->lang)) ||
        (o->page && str_copy(k->page, sizeof k->page, o->page))) {
        err_set(e, "--trust, --lang or --page: too long");
        free(k);
        return NULL;
    }
    k->o.trust = o->trust ? k->trust : NULL;
    k->o.lang = o->lang ? k->lang : NULL;
    k->o.page = o->page ? k->page : NULL;
    k->o.office_key = NULL;
    if (o->pack) {
        snprintf(k->pack, sizeof k->pack, "%s", o->pack);
    } else {
        char root[PATH_MAX];
        err no_home;
        if (home_locate(root, sizeof root, &no_home))
            say("%s", no_home.msg);
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
        say("%s: feedback is unavailable", why.msg);
    if (note.warning[0])
        say("warning: %s", note.warning);
    office_key(k, o->office_key);
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
        say("%s", e.msg);
    else if (purged > 0)
        say("deleted %ld submissions past their retention days (exported or not)", purged);
}

/* The feedback store in the data directory, or NULL (then the kiosk shows content without
 * feedback). */
static store *open_store(kiosk *k)
{
    store_config cfg = {.round_to_hour = k->o.round_to_hour, .retention_days = k->o.retention_days,
                        .seal_pk = k->have_key ? k->pk : NULL};
    store_note note;
    err e;
    store *s = store_open(k->data, &cfg, &note, &e);
    if (!s) {
        say("feedback unavailable: %s", e.msg);
        return NULL;
    }
    if (note.moved_aside[0])
        say("the feedback store was damaged: kept as %s, a new one begun", note.moved_aside);
    if (note.warning[0])
        say("warning: %s", note.warning);
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

void kiosk_start(kiosk *k, const platform *p, int w, int h, uint64_t now)
{
    k->p = p;
    k->store = k->data_ok ? open_store(k) : NULL;
    if (!k->data_ok) {
        err e;
        k->ro = store_open_readonly(k->data, &e);
        if (!k->ro)
            say("no feedback to export: %s", e.msg);
    }
    if (k->store)
        purge(k);
    k->next_purge = now + KIOSK_PURGE_MS;
    /* the pack's languages the platform has a voice for: the screens offer read aloud there */
    char voices[256] = "";
    for (int i = 0; p->has_voice && i < content_nlangs(k->c); i++) {
        const char *code = content_lang_at(k->c, i)->code;
        size_t n = strlen(voices);
        if (p->has_voice(p->ctx, code) && n + strlen(code) + 2 < sizeof voices)
            snprintf(voices + n, sizeof voices - n, "%s%s", n ? " " : "", code);
    }
    ui_config cfg = {.w = w, .h = h, .lang = k->o.lang, .page = k->o.page, .now = now,
                     .submit = k->store && k->have_key ? submit : NULL, .submit_ctx = k,
                     .urgent_used = k->store ? urgent_used : NULL, .urgent_ctx = k->store,
                     .round_to_hour = k->o.round_to_hour, .retention_days = k->o.retention_days,
                     .voices = voices,
                     .idle_ms = 1000ULL * (uint64_t)k->o.idle_s,
                     .idle_input_ms = 1000ULL * (uint64_t)k->o.idle_input_s,
                     .survey_limit = k->o.survey_limit ? k->o.survey_limit : KIOSK_SURVEY_LIMIT,
                     .survey_window_ms = 60000ULL * (uint64_t)(k->o.survey_minutes
                                                                   ? k->o.survey_minutes
                                                                   : KIOSK_SURVEY_MINUTES)};
    k->u = ui_new(k->c, p->measurer, &cfg);
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
        say("refusing the pack: %s", why);
        snprintf(out->why, sizeof out->why, "%s", reason(why, shown));
        out->reason = note.refused ? note.reason : fd < 0 ? TRUST_DAMAGED : TRUST_REFUSED_OTHER;
        str_copy(out->version, sizeof out->version, note.version);
        str_copy(out->shown, sizeof out->shown, note.shown);
        return;
    }
    content *c = content_open(chosen, &e);
    if (!c) {
        say("cannot open the pack taken from %s: %s", shown, e.msg);
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
        say("%s: nothing read through it", why.msg);
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
        if (len < 6 || strcmp(names[i] + len - 5, ".pack"))
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
            say("%s/%s: a symbolic link: not following it, nothing read through it",
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

/* A stick at path: feedback out to path/sveiki/exports/, then content in from
 * path/sveiki/packs/; each step logged, the outcome shown to the person holding it. */
static void stick_visit(kiosk *k, const char *path)
{
    static ui_media_report r; /* large, and one stick is served at a time */
    memset(&r, 0, sizeof r);
    say("stick at %s", path);
    if (k->p->draw) /* "working, do not remove the stick" while it is written */
        k->p->draw(k->p->ctx, ui_display(k->u));
    store *s = k->store ? k->store : k->ro;
    if (!s) {
        r.export_failed = 1, r.export_why = UI_EXPORT_NO_STORE;
        snprintf(r.why_export, sizeof r.why_export, "this kiosk keeps no feedback now");
    } else {
        sync_result sr;
        sync_options so = {.readonly = s == k->ro};
        err e;
        if (sync_export_opt(s, k->data, path, &so, &sr, &e)) {
            r.export_failed = 1;
            say("export to %s failed: %s", path, e.msg);
            if (sr.linked) {
                r.export_why = UI_EXPORT_LINKED;
                link_name(e.msg, path, r.linked, sizeof r.linked);
                snprintf(r.why_export, sizeof r.why_export,
                         "the stick's sveiki folder holds a link, and nothing was written");
            } else {
                str_copy(r.why_export, sizeof r.why_export, reason(e.msg, path));
            }
        } else {
            r.submissions = sr.submissions;
            say("export to %s: %s", path, sr.note);
        }
        /* what staff must act on, said on the screen as well as in the log */
        r.key_changed = sr.key_changed, r.new_device = sr.new_device, r.unmarked = sr.unmarked;
        /* the office's receipt: what it holds of this kiosk goes from here at once */
        sync_receipt_result rr;
        if (s == k->store && sync_take_receipt(s, k->data, path, &rr, &e)) {
            say("receipt on %s refused, nothing deleted: %s", path, e.msg);
            r.receipt_refused = 1;
        } else if (s == k->store) {
            say("receipt: %s", rr.note);
            r.receipt_deleted = rr.found ? rr.deleted : 0;
        }
    }
    r.no_office_key = k->no_key[0] != 0;
    offer_packs(k, path, &r);
    say("done with the stick at %s", path);
    ui_media_done(k->u, &r);
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
        case UI_REQ_LOG:
            fprintf(stderr, "%s\n", r.text ? r.text : "");
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
    ui_event_(k->u, ev, now);
    serve(k);
}

void kiosk_tick(kiosk *k, uint64_t now)
{
    ui_tick(k->u, now);
    serve(k);
    if (now >= k->next_purge) {
        if (k->store)
            purge(k);
        k->next_purge = now + KIOSK_PURGE_MS;
    }
}

uint64_t kiosk_deadline(const kiosk *k)
{
    uint64_t d = ui_next_deadline(k->u);
    return d < k->next_purge ? d : k->next_purge;
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
