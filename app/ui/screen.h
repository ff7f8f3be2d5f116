/* screen: what a screen file sees. The ui state (what the screens share: content, sizes, the
 * display list and widgets of the frame being built) and, inside it, `ui_visit`: everything
 * about the person at the kiosk, zeroed whole when the kiosk forgets them. A screen is one
 * file that defines a `ui_screen` {name, build, act, key, text, forget} and adds one line to
 * the table in core.c; it never reaches into another screen. Internal to app/ui. */
#ifndef SV_SCREEN_H
#define SV_SCREEN_H

#include "core/arena.h"
#include "feedback.h"
#include "pack/content.h"
#include "text/text.h"
#include "ui/display.h"
#include "ui/theme.h"
#include "ui/ui.h"

#include <stdint.h>

/* What a tapped widget does. The core handles the first few; a screen handles its own from
 * UI_ACT_SCREEN on, in its `act`. */
enum ui_action {
    UI_ACT_NONE,    /* not tappable */
    UI_ACT_START,   /* the start screen: to languages, or home when a language is preset */
    UI_ACT_LANG,    /* choose the language in arg */
    UI_ACT_BACK,
    UI_ACT_RESTART, /* forget this person (asking first when they have typed or answered) */
    UI_ACT_RESTART_NOW, /* forget them: they said yes */
    UI_ACT_OPEN,    /* open the widget's screen `to` with arg, remembering where we were */
    UI_ACT_STAY,    /* takes the touch and does nothing (a card over the screen) */
    UI_ACT_ITEM,    /* open the contact card of arg ("kind:value") over the screen */
    UI_ACT_CLOSE,   /* close what is open over the screen */
    UI_ACT_KEY,     /* the on-screen keyboard types arg */
    UI_ACT_SYLLABLE,/* a Ge'ez consonant: show its vowel forms */
    UI_ACT_SPEAK,   /* read aloud what is shown (the screen's speak, or the contact card), or
                     * stop when it is being read */
    UI_ACT_SHIFT,   /* the keyboard's next letter a capital (a second tap: not) */
    UI_ACT_LAYER,   /* the keyboard's other layer: letters, or digits and punctuation */
    UI_ACT_STILL,   /* "Still there?" answered yes: the visit goes on */
    UI_ACT_SCREEN   /* first action of a screen's own */
};

typedef struct ui_screen {
    const char *name; /* as scripts and dumps name it */
    void (*build)(ui *u);
    /* a tap on one of the screen's own actions (>= UI_ACT_SCREEN) */
    void (*act)(ui *u, const ui_widget *w);
    /* a key the core does not handle (escape, home); returns 1 when used */
    int (*key)(ui *u, const char *name);
    /* text typed on a physical keyboard or by a script */
    void (*text)(ui *u, const char *utf8);
    /* drop what the screen keeps between frames (the person is forgotten, or the size changed) */
    void (*forget)(ui *u);
    /* a timer the screen set (ui_timer_set) is due */
    void (*timer)(ui *u, int id);
    /* back within the screen (a survey's previous question); 0 to let the core go back */
    int (*back)(ui *u);
    /* the screen is opened anew (not come back to): start it fresh, with the arguments of
     * the screen that opened it (ui_go_with: the struct this screen declares below), or NULL */
    void (*enter)(ui *u, const void *args);
    /* whether the person has typed or answered something on this screen that a tap on
     * "start again" by mistake would lose (the core then asks first) */
    int (*keeps)(const ui *u);
    /* the screen is come back to with the answer of a screen it opened (ui_back_with: the
     * struct that screen declares below) */
    void (*resume)(ui *u, const void *reply);
    /* what the screen reads aloud: a job of its parts in reading order (ui_speech_job), or
     * NULL when it has nothing it can read. A screen that has one sets u->reads while it is
     * built, and the bar shows the read-aloud button. */
    speech_job *(*speak)(ui *u);
} ui_screen;

extern const ui_screen screen_attract, screen_languages, screen_home, screen_category,
    screen_page, screen_search, screen_journey, screen_stage, screen_yousaid, screen_feedback,
    screen_survey, screen_thanks, screen_media, screen_urgent, screen_settings, screen_admin,
    screen_setup;
/* where a page's facts come from (its sources: header, with sources.txt's titles) */
extern const ui_screen screen_sources;

/* A timer of the visit: due at `due` (ms, 0: unset), for the screen that set it. */
typedef struct ui_timer {
    uint64_t due;
    const struct ui_screen *screen;
    int id;
} ui_timer;
#define UI_TIMERS 4

#define UI_TEXT_MAX_CHARS 500
/* a search is a few words: more would only be pasted or typed by a hand resting on a key */
#define UI_SEARCH_MAX_CHARS 80
#define UI_SURVEY_MAX 16  /* questions of a survey the kiosk asks */
#define UI_SURVEY_TEXTS 4 /* free-text questions of a survey it keeps text for */
#define UI_CHOICES_MAX 16

typedef struct ui_hist {
    const ui_screen *screen;
    char arg[80];
    int scroll;
} ui_hist;

/* Each screen's own part of the visit: only that screen reads or writes it; another screen
 * asks for a transition with arguments instead (ui_go_with). */
typedef struct search_visit {
    char query[256];
    int kb_hidden; /* the keyboard is put away to see more results */
} search_visit;
typedef struct page_visit {
    char voted[16][82]; /* pages voted on in this visit, "S:" and the page id of arg[80] */
    int nvoted;
} page_visit;
/* a survey in progress: which, the step shown (0 the notice), the choices made (bit k:
 * choice k; bit 31: prefer not to say) by question (the pack's, then the background
 * questions of app/feedback.h in their order) and the text typed */
typedef struct survey_visit {
    char id[80];
    int step;
    uint32_t chosen[UI_SURVEY_MAX + FEEDBACK_NBACKGROUND];
    char text[UI_SURVEY_TEXTS][2048]; /* at most UI_TEXT_MAX_CHARS each */
    int sent;                         /* at most THEME_SURVEYS_PER_VISIT */
    int danger_seen; /* the text with a danger word was shown "I need help now" and sent on */
} survey_visit;
/* what the survey tells the thanks screen it opens */
typedef struct thanks_args {
    int failed; /* the answers could not be stored */
    int empty;  /* everything was skipped: nothing to store */
    int ended;  /* "under 18" with the pack's under18: end: the survey ended, nothing stored */
} thanks_args;
typedef struct thanks_visit {
    thanks_args said;
    int held; /* the hold is over: home is offered */
} thanks_visit;
/* "I need help now": opened from an entry (nothing asked), or by the survey before it sends
 * typed text with a danger word (ask: the screen then offers back, send and delete) */
typedef struct urgent_args {
    int ask;
} urgent_args;
/* what the person chose there, handed back to the survey (ui_back_with) */
enum { URGENT_BACK, URGENT_SEND, URGENT_DELETE };
typedef struct urgent_reply {
    int choice;
} urgent_reply;
typedef struct urgent_visit {
    int ask;     /* the screen came up before sending: back, send or delete */
    int counted; /* this visit's use is counted (once a visit: a count, not a trail) */
} urgent_visit;
/* the on-screen keyboard: the field a screen points it at (NULL: keys type nothing) */
typedef struct keyboard_visit {
    char *field;
    size_t cap, max_chars;
    int free_text; /* free text (digits and a sentence's keys) rather than a search word */
    uint32_t base; /* Ge'ez consonant whose vowel forms are showing, 0 for none */
    int shift;     /* the next letter typed is a capital */
    int layer;     /* 1: digits and punctuation are showing instead of the letters */
} keyboard_visit;

/* Reading aloud: the job asked for last and where (the screen, its arg, whether a contact
 * card was open): anywhere else, it stops. */
typedef struct speech_visit {
    unsigned id;      /* 0: nothing is being read */
    int part;         /* the part playing (0 first) */
    int recorded;     /* a recording: no part is known, so none is highlighted */
    int follow;       /* the part changed: the screen scrolls it into view */
    const struct ui_screen *screen;
    char arg[80];
    int card;
} speech_visit;

/* Admin mode and first set-up (screen_admin.c, screen_setup.c): the PIN typed (never kept
 * past the visit), where staff are, what they were told. */
#define ADMIN_TOUCHES 24
typedef struct admin_visit {
    int step;          /* the screen's own steps */
    char pin[16], first[16]; /* the digits typed; at set-up, the PIN typed the first time */
    char msg[320];     /* what the last action said ("" none) */
    int wait_keys;     /* waiting for a stick with a set-up folder */
    char sign_fp[32], seal_fp[32]; /* the keys read from it, to compare */
    int touches[ADMIN_TOUCHES][2], ntouches; /* the touch test: where the last touches landed */
    ui_admin_info info;
} admin_visit;

/* Everything about the person using the kiosk now: where they are, what they chose, typed,
 * opened and scrolled, and the touch in progress. Zeroed whole when they are forgotten, so
 * nothing of it can be left behind by a field someone forgot to clear. Survey answers in
 * progress and PIN digits belong here too. */
typedef struct ui_visit {
    char lang[16];
    int rtl;
    const ui_screen *screen;
    char arg[80]; /* category, page or stage id of the current screen */
    int scroll;
    ui_hist stack[16];
    int nstack;
    int confirm; /* "Start again?" is open */
    int text_size; /* 0..THEME_TEXT_SIZES-1: the person's text size (settings) */
    int quiet;     /* read aloud is off (settings): no read-aloud button, nothing read */
    int contrast;  /* high contrast (settings): theme_contrast's colours */
    int listen;    /* listening mode (settings): a first touch says a control, a second uses it */
    uint64_t heard; /* listening mode: the control whose label was said last (ui_widget's hash),
                     * 0: none; a touch on it now activates it */
    uint64_t still; /* when "Still there?" was asked (0: it is not); the visit ends
                     * UI_STILL_MS later without an answer */
    char item[512];        /* the contact item shown large: "kind:value", or "" */
    char item_label[1024];
    uint64_t last_input;
    uint64_t last_feedback; /* the last feedback tap, for THEME_REPEAT_MS */
    int feedback_taps;
    ui_timer timers[UI_TIMERS]; /* a countdown, a "thank you" held: gone with the person */
    int down, down_x, down_y, down_w, dragging, drag_scroll0; /* the touch in progress */
    uint64_t down_at;  /* when it began: a hold in a corner is the admin gesture's */
    int gesture;       /* 1: the first corner was held (at gesture_at) */
    uint64_t gesture_at;
    admin_visit admin;
    keyboard_visit kb;
    search_visit search;
    page_visit page;
    survey_visit survey;
    thanks_visit thanks;
    urgent_visit urgent;
    speech_visit speech;
} ui_visit;

struct ui {
    content *c;
    const text_measurer *m;
    int W, H;
    int body, small, big, pad, bar, gap; /* theme_metrics for W x H */
    int heading, row_icon, card_icon, indent, tile_word, key_note;
    int portrait; /* taller than wide: the navigation is in a bar at the bottom, in reach */
    int bot;      /* the bottom of the screens' content: H, or above that bar */
    char preset[16];   /* the operator's language, kept across people */
    ui_visit v;
    unsigned session;  /* bumped each time a person is forgotten */
    uint64_t now;
    int dirty;
    int max_scroll;    /* set by a screen that scrolls, while it is built */
    /* the frame being built */
    display_list dl;
    arena fa; /* strings of the frame: widgets, content rows */
    ui_widget *w;
    int nw, capw;
    text_para tp;
    /* requests for the platform, drained by ui_take_request */
    ui_request *req;
    int nreq, capreq;
    /* kept between frames by screens (dropped by their forget) */
    struct page_layout *page;
    ui_submit_fn submit; /* where feedback goes; NULL: none (no bar, no tile) */
    ui_media_report media; /* the last stick's outcome; media_busy while the platform works */
    int media_busy;
    void *submit_ctx;
    ui_urgent_fn urgent_used; /* counts a use of "I need help now", NULL: nothing counts */
    void *urgent_ctx;
    /* the per-kiosk survey limit: the times (the app's clock, ms) of the last survey_limit
     * surveys sent, a ring whose next slot holds the oldest once full. Outside the visit, so
     * "start again" and the idle timeout do not reset it; in memory only, never stored or
     * logged (the kiosk must not record when people answered). */
    int survey_limit, survey_nsent, survey_next;
    uint64_t survey_window;
    uint64_t survey_sent[UI_SURVEY_LIMIT_MAX];
    int survey_held; /* a screen shows the limit: redrawn when it lifts */
    uint64_t idle_ms, idle_input_ms; /* ui_config's, defaults filled in */
    uint64_t still_ms;
    /* what the store keeps (ui_config): the survey's notice says it */
    int round_to_hour, retention_days;
    /* read aloud: the platform's answer for each language asked so far (ui_has_voice; " +en
     * -ti ", kept apart from the ui so that a const ui may note one), the last job's id
     * (never reused, so a late report of an old job is told apart), and whether the screen
     * being built offers read aloud (it sets this; the bar shows the button) */
    int (*has_voice)(void *ctx, const char *lang);
    void *voice_ctx;
    char *voices;
    unsigned speech_ids;
    int reads;
    int clipped; /* texts of the frame that did not fit their box (ui_clipped) */
    const ui_admin_ops *admin; /* ui_config's: NULL, no admin mode */
    char offer[256];  /* ui_config.languages, kept */
    int dark;         /* ui_screen_dark: the start screen dimmed (1) or blank (2) */
    int order[PACK_MAX_LANGS], norder; /* the pack's languages offered, by index, in order */
    int setup;        /* the set-up screen stands in for the start screen */
    /* "help" in every language of the pack (widget_chrome.c), read once a pack */
    char *help_words;
    const content *help_words_of;
};

/* ---- services of the core, for screens ---------------------------------------------- */

/* Sets the screen's timer id to fire at due (ms on the app's clock), replacing one with the
 * same id; the idle timeout runs beside it. Leaving the screen does not cancel it: the
 * screen's `timer` is called wherever the person is (it checks). Returns -1 when all
 * UI_TIMERS are in use. */
int ui_timer_set(ui *u, const ui_screen *s, int id, uint64_t due);
void ui_timer_clear(ui *u, const ui_screen *s, int id);
/* Sets the person's text size (0..THEME_TEXT_SIZES-1): every size of the theme follows, and
 * what screens laid out before is laid out again. */
void ui_set_text_size(ui *u, int k);
/* The seconds left on "Still there?" (10 down to 1), 0 when it is not asked. */
int ui_still_seconds(const ui *u);
/* A line for the kiosk's log (a request the platform writes to standard error). */
void ui_log(ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Stores one submission of the person's answers in their language, with the pack's id and
 * version; logs `feedback_saved survey=ID answers=N` (never its id), or why it failed. 0
 * when it is stored durably. */
int ui_submit(ui *u, const char *survey, const store_answer *answers, int n);
/* Whether the kiosk takes no survey now (the per-kiosk limit is reached); a screen that
 * says so is drawn again once it lifts. */
int ui_survey_held(ui *u);
/* What the survey tile and notice say then. */
#define SURVEY_HELD "Thank you. This kiosk takes no more answers for a few minutes."
/* Counts a survey stored now against the per-kiosk limit. */
void ui_survey_sent(ui *u);
/* Whether a feedback tap comes within THEME_REPEAT_MS of the last one (a bouncing or
 * drumming finger, or a second tap landing on what the first one opened): it is then
 * ignored. Otherwise remembers its time and returns 0. */
int ui_feedback_bounce(ui *u);
/* Scrolls the screen by dy pixels (down > 0), within what the last frame could show. The
 * core scrolls every screen by a drag, the wheel and the up, down and page keys. */
void ui_scroll_by(ui *u, int dy);
/* Opens a screen for arg (the id it shows); push remembers the current one for back. */
void ui_go(ui *u, const ui_screen *s, const char *arg, int push);
/* The same, handing the screen's enter its arguments (the struct it declares above). */
void ui_go_with(ui *u, const ui_screen *s, const char *arg, int push, const void *args);
/* Back to the screen before, handing its resume the reply (the struct the current screen
 * declares above). */
void ui_back_with(ui *u, const void *reply);
/* Home, with the way back forgotten. */
void ui_home(ui *u);
/* A UI string (msgid in English) in the person's language. */
const char *ui_tr(ui *u, const char *msgid);
/* A counted UI string (gettext's msgid and msgid_plural) in the person's language, in the
 * form their language uses for n, with its "{n}" written as ui_number writes n. */
const char *ui_trn(ui *u, const char *singular, const char *plural, long n);
/* n in the digits the pack writes the person's language in (0-9, ۰-۹ or ٠-٩), in the frame's
 * arena: every number the kiosk writes itself goes through it. */
const char *ui_number(ui *u, long n);
/* s with its digits in that set (a version, a date), except in URLs and codes. */
const char *ui_digits(ui *u, const char *s);
/* Mirrors a box in right-to-left languages: screens are built in logical coordinates. */
static inline int ui_mx(const ui *u, int x, int w) { return u->v.rtl ? u->W - x - w : x; }
/* x of a point off pixels from the start side of the (already mirrored) box (x, w): from the
 * left in left-to-right languages, from the right in right-to-left ones. */
static inline int ui_from_start(const ui *u, int x, int w, int off)
{
    return u->v.rtl ? x + w - off : x + off;
}
/* text with its first `name` ("{n}") replaced by value, in the frame's arena; text as it is
 * when it has no such name. */
const char *ui_fill_in(ui *u, const char *text, const char *name, const char *value);

/* ---- admin mode and set-up (screen_admin.c) ---------------------------------------- */

/* The PIN keypad (ids pin-0..pin-9, pin-delete, pin-ok; labels the digits, "Delete", "OK")
 * from y down, over what was typed shown as dots; staff screens are in English, left to
 * right. */
enum { ADMIN_ACT_DIGIT = UI_ACT_SCREEN + 40, ADMIN_ACT_DELETE, ADMIN_ACT_OK };
void admin_keypad(ui *u, int y, const char *title);
/* A keypad key tapped: the digit typed or deleted; 1 when it was OK. */
int admin_keypad_act(ui *u, const ui_widget *w);
/* A line of staff text from y in the box of the whole width; returns its height. */
int admin_line(ui *u, const char *id, const char *text, int y, int px, int bold);
/* A staff button (x, y, w, h) with its word. */
void admin_button(ui *u, const char *id, const char *label, int x, int y, int w, int h,
                  int action, int primary);
/* Opens admin mode (the PIN first); the gesture's end. */
void ui_admin_open(ui *u);
/* Back to the start screen (or set-up), the staff member forgotten like a visit. */
void ui_admin_close(ui *u);

/* ---- read aloud (speak.c) ----------------------------------------------------------- */

/* Whether lang can be read aloud: the platform has a voice for it (asked once a language,
 * the answer kept in u->voices, at most UI_VOICES_MAX bytes of answers). */
#define UI_VOICES_MAX 512
int ui_has_voice(const ui *u, const char *lang);
/* A new job in lang for a screen's speak, its dates read with lang's patterns. */
speech_job *ui_speech_job(ui *u, const char *lang);
/* Says text aloud in the person's language instead of anything read before (listening
 * mode: a control's label), when the platform has a voice for it and read aloud is on. */
void ui_speech_say(ui *u, const char *text);
/* Read aloud what is shown, or stop when it is being read (the read-aloud button). */
void ui_speech_toggle(ui *u);
/* Stops reading aloud (asks the platform) when anything is being read. */
void ui_speech_stop(ui *u);
/* After an event or a tick: the person left the place being read (another screen, a card
 * opened or closed): the reading stops. */
void ui_speech_follow(ui *u);
/* Whether part is the one being read aloud on this screen now, and it is known (not a
 * recording). */
int ui_speech_at(const ui *u, int part);
/* The read-aloud button, a head button of the bar (x, y, w; already mirrored): "Read
 * aloud", or "Stop" on a light disc while it reads. */
void chrome_speak_button(ui *u, int x, int y, int w);
/* Its width in the bar. */
int chrome_speak_w(ui *u);
/* The title in the bar underlined while it is read (part 0), after chrome_top_bar. */
void ui_speech_title(ui *u);
/* A highlight behind the part being read (x, y, w, h), with a widget "reading" labelled
 * label for scripts and dumps; nothing when part is not being read. */
void ui_speech_mark(ui *u, int part, const char *label, int x, int y, int w, int h);

/* the pieces screens are built from: widget.h (included here, after the ui it builds on) */
#include "ui/widget.h"

#endif
