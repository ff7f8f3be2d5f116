/* config: the option table, the command line and the INI file (see config.h). */
#include "config.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "fs.h"
#include "kiosk.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

typedef struct config_opt config_opt;
/* Sets the option from its value; 0, or -1 with what is wrong with the value (without the
 * option's name: the caller says where it came from). */
typedef int (*config_set_fn)(kiosk_options *o, const config_opt *c, const char *v, err *e);

struct config_opt {
    const char *name;  /* --name on the command line, `name =` in the file */
    const char *arg;   /* the value's name in --help; NULL: a flag (yes or no in the file) */
    config_set_fn set;
    size_t off;        /* the field of kiosk_options it sets */
    long min, max;     /* a number's bounds */
    int cli_only;      /* not a key of the file (what runs once, or names the file) */
    const char *help;
};

/* ---- what a value may be -------------------------------------------------------------- */

#define FIELD(o, c, type) ((type *)(void *)((char *)(o) + (c)->off))

static int set_str(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    if (!*v)
        return err_set(e, "empty: give a value, or leave the line out");
    *FIELD(o, c, const char *) = v;
    return 0;
}

/* A number in decimal digits only: no sign, no space, no unit, no wrap-around. */
static int set_int(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    long n = 0;
    int digits = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9' || ++digits > 9) {
            digits = 0;
            break;
        }
        n = n * 10 + (*p - '0');
    }
    if (!digits || n < c->min || n > c->max)
        return err_set(e, "a number of %s from %ld to %ld",
                       !strcmp(c->arg, "N")         ? "days"
                       : !strcmp(c->arg, "MINUTES") ? "minutes"
                                                    : "seconds",
                       c->min, c->max);
    *FIELD(o, c, int) = (int)n;
    return 0;
}

static int yes_no(const char *v)
{
    return !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "1") ? 1
           : !strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "0") ? 0
                                                                                            : -1;
}

/* A flag: on the command line alone (v is "yes"), in the file yes or no. */
static int set_flag(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    int b = yes_no(v);
    if (b < 0)
        return err_set(e, "yes or no");
    *FIELD(o, c, int) = b;
    return 0;
}

/* "WxH" in decimal digits only, within what a screen can be. */
static int set_size(kiosk_options *o, const config_opt *c, const char *s, err *e)
{
    long v[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        int digits = 0;
        while (*s >= '0' && *s <= '9') {
            if (++digits > 5)
                return err_set(e, "expected WxH between 320x240 and 7680x4320");
            v[k] = v[k] * 10 + (*s++ - '0');
        }
        if (!digits || *s++ != (k ? '\0' : 'x'))
            return err_set(e, "expected WxH between 320x240 and 7680x4320");
    }
    if (v[0] < 320 || v[1] < 240 || v[0] > 7680 || v[1] > 4320)
        return err_set(e, "expected WxH between 320x240 and 7680x4320");
    o->w = (int)v[0], o->h = (int)v[1];
    return 0;
}

static int set_rounding(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    if (strcmp(v, "hour") && strcmp(v, "day"))
        return err_set(e, "hour or day");
    o->round_to_hour = !strcmp(v, "hour");
    return 0;
}

static int set_limit(kiosk_options *o, const config_opt *c, const char *limit, err *e)
{
    char *slash, *end = NULL;
    long n = strtol(limit, &slash, 10), m = 0;
    if (*slash == '/' && slash > limit && slash[1] >= '0' && slash[1] <= '9')
        m = strtol(slash + 1, &end, 10);
    if (!m || *end || n < 1 || n > UI_SURVEY_LIMIT_MAX || m < 1 || m > 1440 || *limit < '0' ||
        *limit > '9')
        return err_set(e, "N/MINUTES, N from 1 to %d, MINUTES from 1 to 1440", UI_SURVEY_LIMIT_MAX);
    o->survey_limit = (int)n, o->survey_minutes = (int)m;
    return 0;
}

static int set_export(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    int b = yes_no(v);
    if (b < 0)
        return err_set(e, "yes or no");
    o->no_export_on_insert = !b;
    return 0;
}

/* Language codes, a space or a comma between them: 2 or 3 small letters each. Whether the
 * pack has them is checked once it is open. */
static int set_languages(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    int n = 0;
    const char *p = v, *w;
    for (size_t len; (len = str_next_item(&p, &w));) {
        size_t small = 0;
        while (small < len && w[small] >= 'a' && w[small] <= 'z')
            small++;
        if (small != len || len < 2 || len > 3 || ++n > 32)
            return err_set(e, "language codes such as \"lv en uk\" (2 or 3 small letters "
                              "each, a space between them)");
    }
    if (!n)
        return err_set(e, "at least one language code, such as \"lv en\"");
    o->languages = v;
    return 0;
}

int config_hours(const char *s, int *from, int *to)
{
    int t[2];
    for (int k = 0; k < 2; k++) {
        if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' &&
              s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9'))
            return -1;
        int h = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
        if (h > 24 || (h == 24 && m))
            return -1;
        t[k] = h * 60 + m;
        s += 5;
        if (*s++ != (k ? '\0' : '-'))
            return -1;
    }
    if (t[0] == t[1])
        return -1;
    *from = t[0], *to = t[1];
    return 0;
}

static int set_hours(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    int from, to;
    if (config_hours(v, &from, &to))
        return err_set(e, "HH:MM-HH:MM, such as 07:30-20:00 (over midnight: 22:00-06:00)");
    o->screen_hours = v;
    return 0;
}

static int set_outside(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    if (strcmp(v, "dim") && strcmp(v, "blank"))
        return err_set(e, "dim or blank");
    o->blank_outside = !strcmp(v, "blank");
    return 0;
}

/* An Argon2id hash as libsodium writes it: `sveikictl pin-hash` prints one. */
static int set_pin(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    if (strncmp(v, "$argon2id$", 10) || strlen(v) > 127)
        return err_set(e, "an Argon2id hash ($argon2id$...), as `sveikictl pin-hash` prints "
                          "it; never the PIN itself");
    o->admin_pin = v;
    return 0;
}

static int set_pin_limits(kiosk_options *o, const config_opt *c, const char *v, err *e)
{
    if (strcmp(v, "test"))
        return err_set(e, "test (the lowest cost, for the tests only)");
    o->pin_fast = 1;
    return 0;
}

/* ---- the table: one line an option ---------------------------------------------------- */

#define OFF(f) offsetof(kiosk_options, f)
#define STR(name, arg, f, help) {name, arg, set_str, OFF(f), 0, 0, 0, help}
#define CLI(name, arg, f, help) {name, arg, set_str, OFF(f), 0, 0, 1, help}
#define INT(name, arg, f, lo, hi, help) {name, arg, set_int, OFF(f), lo, hi, 0, help}
#define FLAG(name, f, help) {name, NULL, set_flag, OFF(f), 0, 0, 0, help}
#define FN(name, arg, fn, help) {name, arg, fn, 0, 0, 0, 0, help}

static const config_opt table[] = {
    STR("pack", "FILE", pack, "content pack to show (default: the demo pack)"),
    STR("data", "DIR", data, "writable state directory (default: /var/lib/sveiki under "
                              "sveiki.service, else ~/.local/state/sveiki)"),
    FN("size", "WxH", set_size, "window size (default 1280x800)"),
    FLAG("fullscreen", fullscreen, "fill the screen"),
    STR("lang", "CODE", lang, "preset language: a touch on the start screen goes straight home"),
    STR("page", "ID", page, "open this page at start (to preview content)"),
    FLAG("headless", headless, "no window: SDL dummy video driver, software renderer"),
    CLI("script", "FILE", script, "run commands from FILE, or - for standard input"),
    STR("trust", "FILE", trust, "the content signing key: accept only packs signed by it "
                                "(default: DATA/trusted.pub if present)"),
    STR("office-key", "FILE", office_key, "the office's public sealing key feedback is sealed "
                                          "to (default: DATA/operator.pub); without one, no feedback"),
    FN("feedback-time", "day|hour", set_rounding, "round the time stored with feedback down to this (default day)"),
    INT("feedback-days", "N", retention_days, 1, 3650, "delete feedback once it is N days old, exported or not (default 90)"),
    FN("survey-limit", "N/MINUTES", set_limit, "at most N surveys in any MINUTES on this kiosk (default 6/10)"),
    INT("idle", "SECONDS", idle_s, 10, 86400, "ask \"Still there?\" after this long without a touch (default 90)"),
    INT("idle-input", "SECONDS", idle_input_s, 10, 86400, "the same with a survey or typed text in progress (default 180)"),
    INT("still", "SECONDS", still_s, 5, 600, "how long \"Still there?\" waits for an answer (default 10)"),
    STR("media", "DIRS", media, "where USB sticks are mounted, ':' between folders (default /media:/run/media)"),
    STR("sync-folder", "DIR", sync_folder, "a folder rsync or Syncthing carries to the office: "
                                           "feedback out, receipts and signed packs in, as from a stick"),
    INT("sync-every", "MINUTES", sync_every, 1, 10080, "how often the sync folder is visited (default 60)"),
    FN("export-on-insert", "yes|no", set_export, "write feedback to a stick when one is inserted (default yes)"),
    STR("device-name", "NAME", device_name, "this kiosk's name, shown to staff in admin mode"),
    STR("site", "NAME", site, "where it stands, shown to staff in admin mode"),
    FN("languages", "\"CODE ...\"", set_languages, "the pack's languages to offer, in this order (default: all)"),
    FN("screen-hours", "HH:MM-HH:MM", set_hours, "the screen is lit in these hours only (default: always)"),
    FN("outside-hours", "dim|blank", set_outside, "the screen outside its hours (default dim)"),
    FN("admin-pin", "HASH", set_pin, "the staff PIN's Argon2id hash (default: the one chosen at set-up)"),
    FLAG("kiosk", kiosk_mode, "kiosk mode: only admin mode or SIGTERM quits, no cursor, set-up "
                              "until keys are trusted"),
    FN("pin-limits", "test", set_pin_limits, "the lowest PIN hashing cost (for the tests only)"),
    CLI("config", "FILE", config, "read the settings from FILE (default: " CONFIG_DEFAULT " if present)"),
    CLI("check-config", "FILE", check_config, "report every bad line of FILE and exit"),
};
#define NOPTS (sizeof table / sizeof table[0])

static const config_opt *find(const char *name, size_t n)
{
    for (size_t k = 0; k < NOPTS; k++)
        if (strlen(table[k].name) == n && !strncmp(table[k].name, name, n))
            return &table[k];
    return NULL;
}

const char *config_usage(void)
{
    static char out[8192];
    /* the options that are no key of the file, named from the table */
    char but[160] = "";
    size_t nb = 0;
    for (size_t k = 0; k < NOPTS; k++)
        if (table[k].cli_only)
            nb++;
    for (size_t k = 0, i = 0; k < NOPTS; k++) {
        if (!table[k].cli_only)
            continue;
        size_t l = strlen(but);
        snprintf(but + l, sizeof but - l, "%s--%s", !i ? "" : i + 1 == nb ? " and " : ", ",
                 table[k].name);
        i++;
    }
    size_t n = (size_t)snprintf(out, sizeof out,
                                "usage: sveiki [options]\n"
                                "Every option but %s is also a key of the settings file (idle = 90).\n",
                                but);
    for (size_t k = 0; k < NOPTS && n < sizeof out; k++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", table[k].name, table[k].arg ? " " : "",
                 table[k].arg ? table[k].arg : "");
        n += (size_t)snprintf(out + n, sizeof out - n, "  %-26s %s\n", left, table[k].help);
    }
    if (n < sizeof out)
        snprintf(out + n, sizeof out - n, "  --help, --version\n");
    return out;
}

/* ---- the file ------------------------------------------------------------------------- */

static char *trim(char *s, char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        *--end = 0;
    *end = 0;
    return s;
}

/* Reads text (its own copy, cut into values in place) line by line into o; every bad line
 * goes to report. Returns the number of bad lines. */
static int parse_file(char *text, size_t len, const char *path, kiosk_options *o, int whole,
                      void (*report)(void *, const char *), void *ctx)
{
    int bad = 0, lineno = 0;
    int seen[NOPTS] = {0};
    size_t at = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) /* a byte-order mark from an editor */
        at = 3;
    while (at < len) {
        char *line = text + at, *nl = memchr(line, '\n', len - at);
        size_t n = nl ? (size_t)(nl - line) : len - at;
        at += n + 1;
        lineno++;
        char why[1200] = "";
        err e;
        if (n > CONFIG_MAX_LINE) {
            snprintf(why, sizeof why, "a line of %zu bytes: at most %d", n, CONFIG_MAX_LINE);
        } else if (memchr(line, 0, n)) {
            snprintf(why, sizeof why, "a NUL byte: this is not a text file");
        } else if (!utf8_valid(line, n, NULL, NULL)) {
            snprintf(why, sizeof why, "bytes that are not UTF-8 text");
        }
        if (why[0]) {
            char msg[1600];
            snprintf(msg, sizeof msg, "%s:%d: %s", path, lineno, why);
            report(ctx, msg);
            bad++;
            continue;
        }
        char *s = trim(line, line + n);
        if (!*s || *s == '#' || *s == ';')
            continue;
        size_t sl = strlen(s);
        if (*s == '[') {
            if (s[sl - 1] != ']' || sl < 3) {
                snprintf(why, sizeof why, "a section header is [name]");
            } else {
                continue;
            }
        } else {
            char *eq = strchr(s, '=');
            if (!eq) {
                snprintf(why, sizeof why, "\"%.60s\" is not key = value", s);
            } else {
                char *value = trim(eq + 1, s + sl);
                char *key = trim(s, eq);
                /* a value in double quotes keeps its spaces; nothing else is unquoted */
                size_t vl = strlen(value);
                if (vl >= 2 && value[0] == '"' && value[vl - 1] == '"') {
                    value[vl - 1] = 0;
                    value++;
                }
                const config_opt *c = find(key, strlen(key));
                if (!c || c->cli_only) {
                    snprintf(why, sizeof why, "%.60s: %s", key,
                             c ? "given on the command line only" : "no such setting (see sveiki --help)");
                } else if (seen[c - table]) {
                    snprintf(why, sizeof why, "%s: given a second time (line %d has it)", key,
                             seen[c - table]);
                } else if (c->set(o, c, value, &e)) {
                    snprintf(why, sizeof why, "%.60s = %.200s: %.700s", key, value, e.msg);
                } else {
                    seen[c - table] = lineno;
                }
            }
        }
        if (why[0]) {
            char msg[1600];
            snprintf(msg, sizeof msg, "%s:%d: %s", path, lineno, why);
            report(ctx, msg);
            bad++;
        }
    }
    /* keys that need another: checked here for the file alone (--check-config), and by
     * config_args for the file and the command line together */
    const config_opt *every = find("sync-every", 10), *folder = find("sync-folder", 11);
    if (whole && seen[every - table] && !seen[folder - table]) {
        char msg[PATH_MAX + 200];
        snprintf(msg, sizeof msg, "%s:%d: sync-every: there is no sync-folder = DIR to visit",
                 path, seen[every - table]);
        report(ctx, msg);
        bad++;
    }
    return bad;
}

static char *load(const char *path, size_t *len, err *e)
{
    unsigned char *text = fs_read_all(path, CONFIG_MAX_BYTES, len, e);
    if (!text)
        return NULL;
    char *t = realloc(text, *len + 1); /* room for the last line's end */
    if (!t) {
        free(text);
        err_set(e, "%s: out of memory", path);
        return NULL;
    }
    t[*len] = 0;
    return t;
}

/* the first bad line, for a kiosk that refuses to start */
static void first_line(void *ctx, const char *msg)
{
    err *e = ctx;
    if (!e->msg[0])
        err_set(e, "%s", msg);
}

int config_check(const char *path, void (*report)(void *ctx, const char *msg), void *ctx, err *e)
{
    size_t len;
    char *text = load(path, &len, e);
    if (!text)
        return -1;
    kiosk_options o;
    memset(&o, 0, sizeof o);
    int bad = parse_file(text, len, path, &o, 1, report, ctx);
    free(text);
    return bad;
}

void config_free(kiosk_options *o)
{
    free(o->config_text);
    o->config_text = NULL;
}

/* ---- the command line ----------------------------------------------------------------- */

int config_args(int argc, char **argv, kiosk_options *o, err *e)
{
    memset(o, 0, sizeof *o);
    o->w = 1280, o->h = 800;
    o->survey_limit = KIOSK_SURVEY_LIMIT, o->survey_minutes = KIOSK_SURVEY_MINUTES;
    /* first what runs instead of the kiosk, and the file, which the rest overrides */
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return CONFIG_HELP;
        if (!strcmp(argv[i], "--version"))
            return CONFIG_VERSION;
        if (!strcmp(argv[i], "--check-config") && i + 1 < argc) {
            o->check_config = argv[i + 1];
            return CONFIG_CHECK;
        }
        if (!strcmp(argv[i], "--config") && i + 1 < argc)
            file = argv[++i];
    }
    if (file || fs_exists(CONFIG_DEFAULT)) {
        const char *path = file ? file : CONFIG_DEFAULT;
        size_t len;
        err why;
        o->config_text = load(path, &len, &why);
        if (!o->config_text)
            return err_set(e, "the settings file cannot be read: %s", why.msg);
        err first = {{0}};
        if (parse_file(o->config_text, len, path, o, 0, first_line, &first)) {
            config_free(o);
            return err_set(e, "%s (sveiki --check-config %s lists every bad line)", first.msg,
                           path);
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const config_opt *c = !strncmp(a, "--", 2) ? find(a + 2, strlen(a + 2)) : NULL;
        if (!c) {
            config_free(o);
            return err_set(e, "unknown option %s (see --help)", a);
        }
        const char *v = "yes";
        if (c->arg) {
            if (i + 1 >= argc) {
                config_free(o);
                return err_set(e, "option %s needs a value (see --help)", a);
            }
            v = argv[++i];
        }
        if (c->set(o, c, v, e)) {
            err why = *e;
            config_free(o);
            return err_set(e, "%s %s: %s", a, v, why.msg);
        }
    }
    if (o->headless && !o->script) {
        config_free(o);
        return err_set(e, "--headless has no window to touch: give it --script FILE (or -)");
    }
    if (o->sync_every && !o->sync_folder) {
        config_free(o);
        return err_set(e, "--sync-every needs --sync-folder DIR: the folder to visit");
    }
    return CONFIG_RUN;
}
