/* kiosk: the kiosk's rules, with no SDL. It reads the options, prepares the data directory,
 * chooses and trusts the pack, opens the feedback store, passes submissions to it, purges
 * what retention allows (at start and then daily), and runs a USB stick's visit (feedback
 * out, packs in, the outcome on the stick's screen) and, on a schedule, the same visit to a
 * folder that a file-sync engine carries to the office (--sync-folder). The platform only reports what happened
 * (kiosk_event: touch, key, text, a stick mounted at a folder; kiosk_tick: the time) and does
 * what the kiosk asks through its platform table (draw, shot, forget). Everything the kiosk
 * has to say goes to its log, standard error, one line each.
 * Feedback is collected only with the office's public key (--office-key, or
 * DATA/operator.pub): each submission is sealed to it when it is stored. Without one the
 * public sees no "was this helpful?" bar and no feedback tile, and staff are told why and
 * how to fix it: in the log at start, on the stick's screen and on the no-pack screen. */
#ifndef SV_KIOSK_H
#define SV_KIOSK_H

#include "core/err.h"
#include "platform.h"
#include "ui/ui.h"

#include <limits.h>
#include <stdint.h>

typedef struct kiosk_options {
    const char *pack, *data, *lang, *script, *page, *trust, *media;
    /* --office-key FILE: the office's public sealing key feedback is sealed to; NULL:
     * DATA/operator.pub. Without one the kiosk collects no feedback. */
    const char *office_key;
    int w, h, fullscreen, headless;
    int round_to_hour;  /* --feedback-time hour; the day otherwise */
    int retention_days; /* --feedback-days N; 0: the store's default */
    /* --survey-limit N/MINUTES: at most N surveys sent in any MINUTES on this kiosk, whoever
     * sends them ("start again" resets the two a visit); 0: the defaults below */
    int survey_limit, survey_minutes;
    /* --idle SECONDS, --idle-input SECONDS: the idle timeout before "Still there?", and with a
     * survey or typed text in progress; 0: the defaults (UI_IDLE_MS, UI_IDLE_INPUT_MS) */
    int idle_s, idle_input_s;
    /* --sync-folder DIR, --sync-every MINUTES: a folder rsync or Syncthing keeps in step with
     * the office, visited as a stick is (feedback out to DIR/sveiki/exports/, the office's
     * receipt and signed packs in) every MINUTES (0: KIOSK_SYNC_MINUTES), while nobody is
     * using the kiosk; NULL: no folder */
    const char *sync_folder;
    int sync_every;
    /* read through the option table of app/config.h, from the file or the command line: */
    const char *config, *check_config; /* --config FILE, --check-config FILE */
    const char *device_name, *site;    /* shown to staff in admin mode */
    const char *languages;    /* --languages "lv en uk": the pack's languages offered, in this
                               * order (NULL: all, in the pack's order) */
    int still_s;              /* --still SECONDS: "Still there?" waits this long (0: 10) */
    const char *admin_pin;    /* --admin-pin HASH: the staff PIN's Argon2id hash (NULL: the one
                               * chosen at set-up, DATA/admin.pin) */
    int no_export_on_insert;  /* --export-on-insert no: a stick brings packs in, takes nothing */
    const char *screen_hours; /* --screen-hours HH:MM-HH:MM: the screen is on then (NULL: always) */
    int blank_outside;        /* --outside-hours blank|dim (dim by default) */
    int kiosk_mode;           /* --kiosk: nothing quits but admin mode or SIGTERM, the cursor is
                               * hidden, set-up shown while no key is trusted */
    int pin_fast;             /* --pin-limits test: the lowest Argon2id cost (tests only) */
    char *config_text;        /* the file's text the strings above may point into */
} kiosk_options;

#define KIOSK_SYNC_MINUTES 60

#define KIOSK_SURVEY_LIMIT 6
#define KIOSK_SURVEY_MINUTES 10

enum { KIOSK_ARGS_RUN, KIOSK_ARGS_HELP, KIOSK_ARGS_VERSION, KIOSK_ARGS_CHECK };

/* Parses the command line over the configuration file (app/config.h): KIOSK_ARGS_RUN,
 * _HELP, _VERSION or _CHECK (the caller prints, or checks o->check_config), or -1 with a
 * message for an unknown option, a bad value or a bad line of the file. */
int kiosk_parse_args(int argc, char **argv, kiosk_options *o, err *e);
/* The options as --help shows them. */
const char *kiosk_usage(void);

/* Where the kiosk keeps its state when --data is not given: $STATE_DIRECTORY (systemd's
 * StateDirectory=, /var/lib/sveiki for sveiki.service), else $XDG_STATE_HOME/sveiki, else
 * ~/.local/state/sveiki. */
void kiosk_default_data(char *out, size_t cap);

typedef struct kiosk kiosk;

/* Prepares the data directory and chooses the pack (DATA/current.pack when a key is in
 * force), checking --lang and --page against it. Returns the kiosk, or NULL with a message
 * when an option names what the pack does not have (exit 2). A kiosk with no pack it can
 * show (missing, damaged, refused) is still returned: kiosk_fault says why, for staff.
 * The kiosk keeps its own copies of the strings in o; the caller's may go. */
kiosk *kiosk_open(const kiosk_options *o, err *e);
/* Why there is nothing to show, or NULL when there is a pack (with, after it, why no
 * feedback is collected, when that is so: the screen staff see then says both). */
const char *kiosk_fault(const kiosk *k);
/* Why this kiosk collects no feedback and how to fix it (no office key, or one that cannot
 * be used), or NULL when it has the key. */
const char *kiosk_no_feedback(const kiosk *k);

/* Opens the feedback store (unless the data directory cannot be written), purges, and
 * builds the screens at w x h for the platform p (which must outlive the kiosk). now is the
 * clock at start, ms. Call once, with a pack (kiosk_fault NULL). */
void kiosk_start(kiosk *k, const platform *p, int w, int h, uint64_t now);

/* One input event at now (ms); UI_EV_MEDIA runs the stick's visit before it returns. */
void kiosk_event(kiosk *k, const ui_event *ev, uint64_t now);
/* Runs what is due at now: the screens' timers, the daily purge, the sync folder. */
void kiosk_tick(kiosk *k, uint64_t now);
/* Visits the sync folder now (export, receipt, packs), as kiosk_tick does when it is due;
 * 0, or -1 when there is no folder or the export failed (the log says why). */
int kiosk_sync_folder(kiosk *k, uint64_t now);
/* The next time kiosk_tick has work, or UINT64_MAX. */
uint64_t kiosk_deadline(const kiosk *k);
void kiosk_resize(kiosk *k, int w, int h);
const display_list *kiosk_display(kiosk *k);
ui *kiosk_ui(kiosk *k);
const platform *kiosk_platform(const kiosk *k);

void kiosk_close(kiosk *k);

/* Staff asked the kiosk to stop from admin mode: the exit code (KIOSK_EXIT_RESTART, which
 * systemd's Restart= starts again; KIOSK_EXIT_LEAVE, out of kiosk mode, which a unit keeps
 * stopped with RestartPreventExitStatus=3; 0 when it was not in kiosk mode), else -1. */
#define KIOSK_EXIT_RESTART 75
#define KIOSK_EXIT_LEAVE 3
int kiosk_exit_code(const kiosk *k);
/* --kiosk: only admin mode or SIGTERM ends it; no cursor */
int kiosk_mode_on(const kiosk *k);
/* A kiosk with no pack it can show (kiosk_fault) and a stick at path: each signed pack on
 * it is offered as any pack is (trusted key, newer only). 1 when one was taken (the kiosk
 * now has a pack: kiosk_start it), 0 when none. */
int kiosk_rescue(kiosk *k, const char *path);
/* The same for the sync folder (--sync-folder) of a kiosk with no pack: looked at when due (at
 * once, then every sync interval). 1 when a pack was taken; *next is when to call again
 * (UINT64_MAX: no folder to look at). */
int kiosk_rescue_folder(kiosk *k, uint64_t now, uint64_t *next);

/* Files looked at on one stick's sveiki/packs/; more are named as not looked at. */
#define KIOSK_STICK_PACKS 16

#endif
