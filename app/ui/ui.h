/* ui: the kiosk's screens as a small state machine. It takes input events (pointer
 * down/move/up, text, keys) stamped with the app's clock, and answers with a display list,
 * a list of widgets (the accessibility tree that scripts tap, dump and expect), requests for
 * the platform (forget, speak) and the time of its next timer. It keeps nothing of a person
 * past the idle timeout: after UI_IDLE_MS without input (UI_IDLE_INPUT_MS with a survey or
 * typed text in progress) it asks "Still there?" (screen still-there) with a countdown of
 * UI_STILL_MS; with no answer it returns to the start screen, zeroes everything about the
 * visit and asks the platform to forget its caches too.
 * One file per screen (screen_*.c), the shared parts in core.c and widgets.c, the look in
 * theme.h. */
#ifndef SV_UI_H
#define SV_UI_H

#include "core/buf.h"
#include "pack/content.h"
#include "speech/speech.h"
#include "text/text.h"
#include "ui/display.h"
#include "ui/theme.h"
#include "store/store.h"

#include <stdint.h>

#define UI_IDLE_MS THEME_IDLE_MS
#define UI_STILL_MS THEME_STILL_MS
#define UI_IDLE_INPUT_MS THEME_IDLE_INPUT_MS

enum ui_event_type { UI_EV_DOWN, UI_EV_MOVE, UI_EV_UP, UI_EV_TEXT, UI_EV_KEY,
                     UI_EV_MEDIA, /* a USB stick with a sveiki/ folder: text is its folder */
                     UI_EV_WHEEL, /* a mouse wheel: y notches, down (towards the person) > 0 */
                     UI_EV_CANCEL /* a second touch point (a palm, two fingers): the touch in
                                   * progress is no tap (app/touch.h sends it) */ };

typedef struct ui_event {
    int type;
    int x, y;
    const char *text; /* UI_EV_TEXT: UTF-8 typed; UI_EV_KEY: a key name (escape, enter, ...) */
} ui_event;

enum ui_role { UI_ROLE_BUTTON, UI_ROLE_CATEGORY, UI_ROLE_LINK, UI_ROLE_ANSWER, UI_ROLE_KEY, UI_ROLE_INPUT,
               UI_ROLE_TEXT, UI_ROLE_HEADING, UI_ROLE_IMAGE };

typedef struct ui_widget {
    const char *id;
    int role;
    const char *label; /* what a screen reader says */
    int x, y, w, h;
    int action;
    const char *arg;
    const void *to; /* the screen an opening widget leads to (internal to app/ui) */
} ui_widget;

/* What the screens ask of the rest of the kiosk (app/kiosk.c drains them after each event
 * and tick). */
enum ui_request_kind {
    UI_REQ_FORGET, /* a person was forgotten: drop every cache that holds their text */
    UI_REQ_LOG,    /* a line for the kiosk's log (standard error): text */
    UI_REQ_SYNC,   /* export feedback to the stick at text, then take content from it;
                    * answered with ui_media_done */
    UI_REQ_SPEAK,  /* read speech aloud, instead of anything read before (platform speak);
                    * the platform's speaking state is handed back with ui_speech */
    UI_REQ_STOP,   /* stop reading aloud (platform stop) */
    UI_REQ_KEYS    /* read the keys of the set-up folder on the stick at text; answered
                    * with ui_keys_read */
};

typedef struct ui_request {
    int kind;
    char *text; /* UI_REQ_LOG, UI_REQ_SYNC: malloc'd, the taker frees it */
    speech_job *speech; /* UI_REQ_SPEAK: the taker owns it (speech_job_free) */
} ui_request;

typedef struct ui ui;

/* Where feedback goes (store_submit, see app/store/store.h): 0 and the submission's id
 * once it is stored durably, -1 with a message when it could not be. */
typedef int (*ui_submit_fn)(void *ctx, const store_submission *sub, char id[37], err *e);

/* Counts one use of "I need help now" today (store_urgent_used): 0, or -1 with a message. */
typedef int (*ui_urgent_fn)(void *ctx, err *e);

/* What staff see in admin mode, filled in by the kiosk when it is opened. */
typedef struct ui_admin_info {
    char device[80], name[160], site[160];
    char pack[200];          /* id and version, or why there is none */
    char placeholders[1200]; /* the pages and fields left {{fill in}}, one a line, or "" */
    int nplaceholders;
    long waiting;            /* answers not yet exported (-1: no store) */
    char last_export[64], last_receipt[64]; /* a date, or "never" */
    char disk[64];           /* free space of the data directory */
    char uptime[64];
    char sign_fp[32], seal_fp[32]; /* the keys trusted now, or "" */
    int has_previous;        /* a previous pack to go back to */
    int kiosk_mode;
} ui_admin_info;

/* What staff can do, carried out by the kiosk (ui_admin_ops.action). */
enum ui_admin_action { UI_ADMIN_EXPORT, UI_ADMIN_PREVIOUS, UI_ADMIN_KEYS_ACCEPT,
                       UI_ADMIN_RESTART, UI_ADMIN_LEAVE };

/* The kiosk's side of admin mode and first set-up. */
typedef struct ui_admin_ops {
    void *ctx;
    /* app/admin.h's ADMIN_PIN_RIGHT, _WRONG or _LOCKED (*wait_s: the lock's seconds left;
     * *left: tries before it), or -1 when the count cannot be kept */
    int (*pin)(void *ctx, const char *pin, int *wait_s, int *left);
    int (*has_pin)(void *ctx);
    int (*set_pin)(void *ctx, const char *pin);
    void (*info)(void *ctx, ui_admin_info *out);
    /* 0, or -1 with what went wrong in why (cap 300) */
    int (*action)(void *ctx, int what, char *why);
} ui_admin_ops;

typedef struct ui_config {
    int w, h;
    ui_submit_fn submit; /* NULL: no feedback on this kiosk (no office key, or a read-only
                            disk): no "was this helpful?" bar and no feedback tile */
    void *submit_ctx;
    ui_urgent_fn urgent_used; /* NULL: nothing counts the uses (the screen works the same) */
    void *urgent_ctx;
    const char *lang; /* preset language: touching the attract screen goes straight home */
    const char *page; /* open this page at start (previews, screenshot tests) */
    uint64_t now;     /* the clock at start, ms */
    /* at most survey_limit surveys sent in any survey_window_ms, across people (0: no
     * limit; at most UI_SURVEY_LIMIT_MAX) */
    int survey_limit;
    uint64_t survey_window_ms;
    /* what the store keeps, as store_config has it, so that a survey's notice says what the
     * kiosk does: the time to the hour (else the day), and the days exported answers stay
     * (0: the store's default, UI_RETENTION_DAYS) */
    int round_to_hour;
    int retention_days;
    /* whether the platform can synthesize a language (NULL: none): 1, 0, or -1 while it
     * does not know yet; a screen offers read aloud in those, and where the pack has a
     * recording. Asked the first time a screen could offer it in that language, and a 1 or
     * 0 kept (a -1 is asked again by the next screen): the platform may start its
     * synthesizer then, not before (a kiosk that shows no page never starts it) */
    int (*has_voice)(void *ctx, const char *lang);
    void *voice_ctx;
    /* the idle timeout before "Still there?" (0: UI_IDLE_MS), and with a survey or typed
     * text in progress (0: UI_IDLE_INPUT_MS; never shorter than idle_ms) */
    uint64_t idle_ms, idle_input_ms;
    uint64_t still_ms; /* how long "Still there?" waits (0: UI_STILL_MS) */
    const ui_admin_ops *admin; /* NULL: no admin mode (the gesture does nothing) */
    int setup; /* no key is trusted yet in kiosk mode: the set-up screen, not the public's */
    /* the pack's languages offered, in this order ("uk en lv", spaces or commas; NULL: all,
     * in the pack's order); codes the pack lacks are left out, and none left means all */
    const char *languages;
} ui_config;

#define UI_SURVEY_LIMIT_MAX 100
/* store_config's retention when it is given 0 (app/store/store.c); test_survey_ui checks
 * that the store purges after exactly this many days */
#define UI_RETENTION_DAYS 90

ui *ui_new(content *c, const text_measurer *m, const ui_config *cfg);
void ui_free(ui *u);
/* Handles one input event at time now (ms). */
void ui_event_(ui *u, const ui_event *ev, uint64_t now);
/* Runs timers due at now. */
void ui_tick(ui *u, uint64_t now);
/* The next time a timer is due, or UINT64_MAX when nothing waits (the idle kiosk sleeps). */
uint64_t ui_next_deadline(const ui *u);
void ui_resize(ui *u, int w, int h);
/* The current screen, rebuilt only when something changed. */
const display_list *ui_display(ui *u);
int ui_widget_count(ui *u);
const ui_widget *ui_widget_at(ui *u, int i);
const ui_widget *ui_find(ui *u, const char *label);
/* The widget with this id on the current screen (ids are stable across languages), or NULL. */
const ui_widget *ui_find_id(ui *u, const char *id);
const char *ui_screen_name(const ui *u);
/* How many texts of the current screen's buttons and boxes do not fit their box (taller or
 * wider than it, or a word broken between letters): 0 when the layout reflowed as it should.
 * The layout check asserts it with the real fonts. */
int ui_clipped(ui *u);
/* Counts the people served: it changes whenever the kiosk forgets the last person (idle
 * timeout or "start again"). */
unsigned ui_session(const ui *u);
/* What the kiosk did with a stick, for the person holding it: the feedback written, and
 * for each pack file on the stick whether it was taken or why not. */
#define UI_MEDIA_PACKS 16
typedef struct ui_media_pack {
    char name[96];  /* the file's name on the stick */
    int taken;      /* 1: shown now; why holds its version */
    char why[320];  /* taken: the version; otherwise why it was not taken (the log's English) */
    int reason;     /* not taken: why, as enum trust_refusal (pack/trust.h), which the screen
                       says in the kiosk's language */
    char version[64], shown[64]; /* TRUST_NOT_NEWER: the version offered, the one shown */
} ui_media_pack;

/* Why feedback could not be written to a stick, for the screen to say in words. */
enum ui_export_failure {
    UI_EXPORT_FAILED,   /* the stick could not be written (full, read-only, pulled out) */
    UI_EXPORT_NO_STORE, /* this kiosk keeps no feedback now */
    UI_EXPORT_LINKED,   /* the stick's sveiki folder holds a link: nothing written */
};

typedef struct ui_media_report {
    int export_failed;      /* 1: could not write the feedback (why_export) */
    int export_why;         /* enum ui_export_failure */
    long submissions;       /* submissions written to the stick (0: nothing new): a person's
                               answers to a survey, or a page vote; what is in them is sealed */
    char why_export[512];
    int npacks;             /* pack files looked at, in the order they were offered */
    ui_media_pack packs[UI_MEDIA_PACKS];
    int packs_skipped;      /* pack files beyond those, not looked at */
    char linked[96];        /* a link in the stick's sveiki folder (its name there), or "":
                               nothing was written or read through it */
    /* what staff must know about the export, said on the screen in the kiosk's language */
    int key_changed;        /* the device key was missing: a new one, the office must accept it */
    int new_device;         /* the data folder was copied: this kiosk has a device id of its own */
    int unmarked;           /* read-only data: the answers go again with the next stick */
    int no_office_key;      /* no office key: this kiosk collects no feedback */
    long receipt_deleted;   /* submissions the office's receipt on the stick let go from here */
    int receipt_refused;    /* a receipt was there and failed its checks: nothing deleted */
} ui_media_report;

/* The kiosk finished with a stick: the screen says what happened and that the stick can
 * be removed. */
void ui_media_done(ui *u, const ui_media_report *r);
/* The pack changed under the kiosk (a newer one from a stick): screens read the new one;
 * the person is forgotten, since what they saw may be gone. */
void ui_set_content(ui *u, content *c);

/* What the platform is reading aloud (platform speaking): the job's id and the part whose
 * sound is playing, -1 when it is over. The screen highlights that part, and its button
 * says it is reading until then. */
void ui_speech(ui *u, unsigned id, int part);
/* The part being read aloud on the screen shown (0 the first), or -1. */
int ui_reading(const ui *u);

/* The keys read from a stick's set-up folder (their fingerprints), or why not (sign_fp
 * NULL): the set-up or admin screen shows them for staff to compare. */
void ui_keys_read(ui *u, const char *sign_fp, const char *seal_fp, const char *why);
/* Where feedback goes from now on (the office's key came with new keys from a stick); NULL:
 * none, no bar and no tile. */
void ui_set_submit(ui *u, ui_submit_fn submit, void *ctx);

/* Outside the screen's hours (--screen-hours): the start screen is dimmed (1) or blank (2);
 * 0 lights it. A touch still starts a visit, which is lit. */
void ui_screen_dark(ui *u, int dark);

/* The languages offered (ui_config.languages over the pack's): how many, and the i-th. */
int ui_nlangs(const ui *u);
const content_lang *ui_lang_at(const ui *u, int i);
/* Whether the set-up screen is up (no key trusted yet in kiosk mode). */
int ui_in_setup(const ui *u);

/* Takes the oldest pending request into out; 0 when there is none. */
int ui_take_request(ui *u, ui_request *out);
const char *ui_lang(const ui *u);
/* {"screen":..., "lang":..., "dir":..., "size":[w,h], "widgets":[...]} on one line. */
void ui_dump_json(ui *u, buf *out);

/* The screen for staff when there is no content to show (no pack, or none that opens or
 * verifies): what happened and what to do, in English, since no pack means no translations.
 * Drawn into d at w x h; the kiosk stays up showing it instead of failing again and again. */
void ui_fault_screen(display_list *d, const text_measurer *m, int w, int h, const char *why);

#endif
