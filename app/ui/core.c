/* core: navigation, input events, timers, requests for the platform and the visit that is
 * forgotten whole. Screens are in screen_*.c; this file only knows them through the table. */
#include "core/buf.h"
#include "core/utf8.h"
#include "ui/screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every screen, once: a new screen is a new file and one line here. */
static const ui_screen *const screens[] = {
    &screen_attract, &screen_languages, &screen_home,    &screen_category, &screen_page,
    &screen_search,  &screen_journey,   &screen_stage,   &screen_yousaid,  &screen_feedback,
    &screen_survey,  &screen_thanks,    &screen_media,   &screen_urgent,   &screen_settings,
    &screen_sources, &screen_admin,   &screen_setup,
};

static const char *const role_names[] = {"button", "category", "link", "answer", "key",
                                         "input", "text", "heading", "image"};

/* The language the screens speak: the person's, or the pack's default before they choose. */
static const char *lang_of(const ui *u) { return u->v.lang[0] ? u->v.lang : content_default(u->c); }

const char *ui_tr(ui *u, const char *msgid)
{
    return content_ui(u->c, lang_of(u), msgid, &u->fa);
}

const char *ui_digits(ui *u, const char *s)
{
    const content_lang *l = content_find_lang(u->c, lang_of(u));
    if (!l || l->digits == TEXT_DIGITS_WESTERN)
        return s;
    char *d = text_digits(s, strlen(s), l->digits);
    const char *r = arena_strdup(&u->fa, d);
    free(d);
    return r;
}

const char *ui_number(ui *u, long n)
{
    char v[24];
    snprintf(v, sizeof v, "%ld", n);
    /* in the frame's arena: ui_digits hands back its argument as it is for 0-9, and v is gone
     * when this returns */
    return ui_digits(u, arena_strdup(&u->fa, v));
}

const char *ui_trn(ui *u, const char *singular, const char *plural, long n)
{
    const char *t = content_ui_n(u->c, lang_of(u), singular, plural,
                                 n < 0 ? (unsigned long)-n : (unsigned long)n, &u->fa);
    return ui_fill_in(u, t, "{n}", ui_number(u, n));
}

static void set_metrics(ui *u);

const theme_palette theme_plain = THEME_PLAIN, theme_contrast = THEME_CONTRAST;
const theme_palette *theme_pal = &theme_plain;

static void request(ui *u, int kind, const char *text)
{
    if (u->nreq == u->capreq) {
        u->capreq = u->capreq ? u->capreq * 2 : 8;
        u->req = xrealloc(u->req, (size_t)u->capreq * sizeof *u->req);
    }
    ui_request *r = &u->req[u->nreq++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->text = text ? xstrdup(text) : NULL;
}

void ui_log(ui *u, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    request(u, UI_REQ_LOG, line);
}

int ui_submit(ui *u, const char *survey, const store_answer *answers, int n)
{
    if (!u->submit)
        return -1;
    store_submission sub = {.survey = survey, .lang = u->v.lang,
                            .pack_id = content_pack_id(u->c),
                            .pack_version = content_version(u->c), .answers = answers,
                            .nanswers = n};
    char id[37];
    err e = {{0}};
    if (u->submit(u->submit_ctx, &sub, id, &e)) {
        ui_log(u, "feedback_failed survey=%s: %s", survey, e.msg);
        return -1;
    }
    /* no submission id: the journal stamps each line to the microsecond, so an id here
     * would tie the stored answers to their exact time */
    ui_log(u, "feedback_saved survey=%s answers=%d", survey, n);
    return 0;
}

/* When the oldest of the last survey_limit surveys leaves the window, or 0 when fewer were
 * sent (or there is no limit). */
static uint64_t survey_limit_ends(const ui *u)
{
    if (!u->survey_limit || u->survey_nsent < u->survey_limit)
        return 0;
    return u->survey_sent[u->survey_next] + u->survey_window;
}

int ui_survey_held(ui *u)
{
    int held = survey_limit_ends(u) > u->now;
    u->survey_held |= held;
    return held;
}

void ui_survey_sent(ui *u)
{
    if (!u->survey_limit)
        return;
    u->survey_sent[u->survey_next] = u->now;
    u->survey_next = (u->survey_next + 1) % u->survey_limit;
    if (u->survey_nsent < u->survey_limit)
        u->survey_nsent++;
}

const char *ui_fill_in(ui *u, const char *text, const char *name, const char *value)
{
    const char *at = strstr(text, name);
    if (!at)
        return text;
    size_t n = strlen(text) + strlen(value) + 1;
    char *s = arena_alloc(&u->fa, n);
    snprintf(s, n, "%.*s%s%s", (int)(at - text), text, value, at + strlen(name));
    return s;
}

int ui_feedback_bounce(ui *u)
{
    ui_visit *v = &u->v;
    if (v->feedback_taps && u->now < v->last_feedback + THEME_REPEAT_MS)
        return 1;
    v->feedback_taps++;
    v->last_feedback = u->now;
    return 0;
}

int ui_take_request(ui *u, ui_request *out)
{
    if (!u->nreq)
        return 0;
    *out = u->req[0];
    memmove(u->req, u->req + 1, (size_t)(u->nreq - 1) * sizeof *u->req);
    u->nreq--;
    return 1;
}

void ui_go(ui *u, const ui_screen *s, const char *arg, int push)
{
    ui_go_with(u, s, arg, push, NULL);
}

void ui_go_with(ui *u, const ui_screen *s, const char *arg, int push, const void *args)
{
    ui_visit *v = &u->v;
    if (push && v->nstack < (int)(sizeof v->stack / sizeof v->stack[0])) {
        ui_hist *h = &v->stack[v->nstack++];
        h->screen = v->screen;
        snprintf(h->arg, sizeof h->arg, "%s", v->arg);
        h->scroll = v->scroll;
    }
    v->screen = s;
    snprintf(v->arg, sizeof v->arg, "%s", arg ? arg : "");
    v->scroll = 0;
    v->item[0] = 0;
    u->dirty = 1;
    if (s->enter)
        s->enter(u, args);
}

static void set_lang(ui *u, const char *code)
{
    const content_lang *l = content_find_lang(u->c, code);
    if (!l)
        return;
    snprintf(u->v.lang, sizeof u->v.lang, "%s", l->code);
    u->v.rtl = l->rtl;
    u->v.listen = l->listen; /* the pack's default for the language; settings change it */
}

/* Forgets the person: the visit is zeroed whole, every screen drops what it kept, the frame
 * is rebuilt without them, and the platform is asked to drop its caches of their text. */
static void forget(ui *u)
{
    ui_speech_stop(u); /* the visit ends: so does what was read to the person */
    memset(&u->v, 0, sizeof u->v);
    set_metrics(u); /* the person's text size goes with them */
    for (size_t k = 0; k < sizeof screens / sizeof *screens; k++)
        if (screens[k]->forget)
            screens[k]->forget(u);
    if (u->preset[0])
        set_lang(u, u->preset);
    u->v.screen = u->setup ? &screen_setup : &screen_attract;
    u->v.down_w = -1;
    u->session++;
    u->dirty = 1;
    request(u, UI_REQ_FORGET, NULL);
}

/* The hidden gesture that opens admin mode: a touch held THEME_HOLD_MS in the top-left
 * corner, then, within THEME_GESTURE_MS, one held in the top-right corner (the physical
 * corners, in every language). A touch that is part of it never taps. Returns 1 when the
 * touch ending at (x, y) at now was held in a corner. */
static int gesture(ui *u, int x, int y, uint64_t now)
{
    ui_visit *v = &u->v;
    int c = (u->W < u->H ? u->W : u->H) * THEME_CORNER_PCT / 100;
    if (!u->admin || now - v->down_at < THEME_HOLD_MS || v->down_y > c || y > c)
        return 0;
    int left = v->down_x < c && x < c, right = v->down_x >= u->W - c && x >= u->W - c;
    if (left) {
        v->gesture = 1;
        v->gesture_at = now;
        return 1;
    }
    if (!right)
        return 0;
    if (v->gesture && now - v->gesture_at <= THEME_GESTURE_MS)
        ui_admin_open(u);
    v->gesture = 0;
    return 1;
}

void ui_admin_open(ui *u)
{
    if (u->v.screen == &screen_admin || u->v.screen == &screen_setup)
        return;
    forget(u); /* whoever was at the kiosk: staff start with nothing of theirs */
    u->v.lang[0] = 0;
    u->v.rtl = 0; /* staff screens are in English */
    u->v.last_input = u->now;
    ui_log(u, "admin: the gesture opened admin mode");
    ui_go(u, &screen_admin, NULL, 0);
}

void ui_admin_close(ui *u) { forget(u); }

int ui_in_setup(const ui *u) { return u->v.screen == &screen_setup; }

/* The pack's languages offered, in the order the settings give (u->offer), by index; all in
 * the pack's order without a list, or when none of the list is in the pack. */
static void offer_langs(ui *u)
{
    u->norder = 0;
    const char *p = u->offer, *w;
    for (size_t n; u->norder < PACK_MAX_LANGS && (n = str_next_item(&p, &w));) {
        for (int i = 0; i < content_nlangs(u->c); i++) {
            const char *code = content_lang_at(u->c, i)->code;
            int dup = 0;
            for (int k = 0; k < u->norder; k++)
                dup |= u->order[k] == i;
            if (!dup && strlen(code) == n && !strncmp(code, w, n))
                u->order[u->norder++] = i;
        }
    }
    if (!u->norder)
        for (int i = 0; i < content_nlangs(u->c) && i < PACK_MAX_LANGS; i++)
            u->order[u->norder++] = i;
}

void ui_set_submit(ui *u, ui_submit_fn submit, void *ctx)
{
    u->submit = submit;
    u->submit_ctx = ctx;
    u->dirty = 1;
}

void ui_screen_dark(ui *u, int dark)
{
    if (dark != u->dark) {
        u->dark = dark;
        u->dirty = 1;
    }
}

int ui_nlangs(const ui *u) { return u->norder; }
const content_lang *ui_lang_at(const ui *u, int i)
{
    return i >= 0 && i < u->norder ? content_lang_at(u->c, u->order[i]) : NULL;
}

/* Whether the visit holds something a tap on "start again" by mistake would lose: each
 * screen says for its own part. */
static int has_input(const ui *u)
{
    for (size_t k = 0; k < sizeof screens / sizeof *screens; k++)
        if (screens[k]->keeps && screens[k]->keeps(u))
            return 1;
    return 0;
}

static void back(ui *u)
{
    ui_visit *v = &u->v;
    if (v->still) { /* back answers "Still there?" too: someone is there */
        v->still = 0;
        u->dirty = 1;
        return;
    }
    if (v->confirm) {
        v->confirm = 0;
        u->dirty = 1;
        return;
    }
    if (v->item[0]) { /* back closes what is open over the screen first */
        v->item[0] = 0;
        u->dirty = 1;
        return;
    }
    if (v->screen->back && v->screen->back(u))
        return;
    if (v->nstack > 0) {
        ui_hist *h = &v->stack[--v->nstack];
        v->screen = h->screen;
        snprintf(v->arg, sizeof v->arg, "%s", h->arg);
        v->scroll = h->scroll;
        u->dirty = 1;
    } else if (v->screen == &screen_home) {
        ui_go(u, &screen_languages, NULL, 0);
    } else if (v->screen != &screen_attract) {
        forget(u);
    }
}

void ui_back_with(ui *u, const void *reply)
{
    ui_visit *v = &u->v;
    if (v->nstack <= 0) {
        ui_home(u);
        return;
    }
    ui_hist *h = &v->stack[--v->nstack];
    v->screen = h->screen;
    snprintf(v->arg, sizeof v->arg, "%s", h->arg);
    v->scroll = h->scroll;
    v->item[0] = 0;
    u->dirty = 1;
    if (v->screen->resume)
        v->screen->resume(u, reply);
}

void ui_home(ui *u)
{
    u->v.nstack = 0;
    ui_go(u, &screen_home, NULL, 0);
}

static void activate(ui *u, const ui_widget *w)
{
    ui_visit *v = &u->v;
    switch (w->action) {
    case UI_ACT_START: ui_go(u, u->preset[0] ? &screen_home : &screen_languages, NULL, 0); break;
    case UI_ACT_LANG:
        set_lang(u, w->arg);
        ui_home(u);
        break;
    case UI_ACT_BACK: back(u); break;
    case UI_ACT_RESTART:
        if (has_input(u)) {
            v->confirm = 1;
            u->dirty = 1;
        } else {
            forget(u);
        }
        break;
    case UI_ACT_RESTART_NOW: forget(u); break;
    case UI_ACT_STILL:
        v->still = 0;
        u->dirty = 1;
        break;
    case UI_ACT_OPEN:
        if (w->to)
            ui_go(u, w->to, w->arg, 1);
        break;
    case UI_ACT_ITEM:
        snprintf(v->item, sizeof v->item, "%s", w->arg ? w->arg : "");
        snprintf(v->item_label, sizeof v->item_label, "%s", w->label);
        u->dirty = 1;
        break;
    case UI_ACT_CLOSE:
        v->item[0] = 0;
        v->confirm = 0;
        u->dirty = 1;
        break;
    case UI_ACT_KEY:
        v->kb.base = 0;
        keyboard_type(u, w->arg);
        break;
    case UI_ACT_SYLLABLE: {
        size_t i = 0;
        uint32_t base = utf8_decode(w->arg, strlen(w->arg), &i);
        v->kb.base = v->kb.base == base ? 0 : base; /* a second tap closes the forms */
        u->dirty = 1;
        break;
    }
    case UI_ACT_SPEAK: ui_speech_toggle(u); break;
    case UI_ACT_SHIFT:
        v->kb.shift = !v->kb.shift;
        v->kb.base = 0;
        u->dirty = 1;
        break;
    case UI_ACT_LAYER:
        v->kb.layer = !v->kb.layer;
        v->kb.shift = v->kb.base = 0;
        u->dirty = 1;
        break;
    default:
        if (w->action >= UI_ACT_SCREEN && v->screen->act)
            v->screen->act(u, w);
        break;
    }
}

static void rebuild(ui *u)
{
    arena_free(&u->fa);
    u->nw = 0;
    u->max_scroll = 0; /* a screen that scrolls sets it while it is built */
    u->reads = 0;      /* and one that reads aloud says so */
    u->clipped = 0;
    theme_pal = u->v.contrast ? &theme_contrast : &theme_plain; /* the person's setting */
    display_clear(&u->dl, u->W, u->H, C_BG);
    u->v.screen->build(u);
    if (u->v.confirm)
        card_confirm(u);
    if (u->v.still)
        card_still(u);
    if (u->dark && u->v.screen == &screen_attract) {
        /* outside the screen's hours: dimmed, or blank (black); the touch still starts */
        display_rect(&u->dl, 0, 0, u->W, u->H, u->dark == 2 ? 0x000000FFu : 0x000000C0u, 0);
        widget_add(u, "screen-dark", UI_ROLE_TEXT, u->dark == 2 ? "Outside the screen's hours: blank"
                                                                : "Outside the screen's hours: dimmed",
                   0, 0, 0, 0, UI_ACT_NONE, NULL);
    }
    u->dirty = 0;
}

static void set_metrics(ui *u)
{
    theme_metrics t = theme_metrics_scaled(u->W, u->H, THEME_TEXT_SCALE(u->v.text_size));
    u->body = t.body, u->small = t.small, u->big = t.big;
    u->pad = t.pad, u->bar = t.bar, u->gap = t.gap;
    u->heading = t.heading, u->row_icon = t.row_icon, u->card_icon = t.card_icon;
    u->indent = t.indent, u->tile_word = t.tile_word, u->key_note = t.key_note;
    u->portrait = u->H > u->W;
    u->bot = u->portrait ? u->H - u->bar : u->H;
}

/* ---- public -------------------------------------------------------------------------- */

ui *ui_new(content *c, const text_measurer *m, const ui_config *cfg)
{
    ui *u = xcalloc(1, sizeof *u);
    u->c = c;
    u->m = m;
    u->W = cfg->w, u->H = cfg->h;
    u->now = cfg->now;
    u->submit = cfg->submit;
    u->submit_ctx = cfg->submit_ctx;
    u->urgent_used = cfg->urgent_used;
    u->urgent_ctx = cfg->urgent_ctx;
    u->survey_limit = cfg->survey_limit < UI_SURVEY_LIMIT_MAX ? cfg->survey_limit
                                                              : UI_SURVEY_LIMIT_MAX;
    if (u->survey_limit < 0)
        u->survey_limit = 0;
    u->survey_window = cfg->survey_window_ms;
    u->round_to_hour = cfg->round_to_hour;
    u->retention_days = cfg->retention_days > 0 ? cfg->retention_days : UI_RETENTION_DAYS;
    u->has_voice = cfg->has_voice;
    u->voice_ctx = cfg->voice_ctx;
    u->voices = xcalloc(1, UI_VOICES_MAX);
    u->idle_ms = cfg->idle_ms ? cfg->idle_ms : UI_IDLE_MS;
    u->idle_input_ms = cfg->idle_input_ms ? cfg->idle_input_ms : UI_IDLE_INPUT_MS;
    if (u->idle_input_ms < u->idle_ms)
        u->idle_input_ms = u->idle_ms;
    u->still_ms = cfg->still_ms ? cfg->still_ms : UI_STILL_MS;
    u->admin = cfg->admin;
    snprintf(u->offer, sizeof u->offer, "%s", cfg->languages ? cfg->languages : "");
    offer_langs(u);
    u->setup = cfg->setup && cfg->admin;
    display_init(&u->dl);
    set_metrics(u);
    if (cfg->lang && content_find_lang(c, cfg->lang))
        snprintf(u->preset, sizeof u->preset, "%s", cfg->lang);
    forget(u);
    u->nreq = 0; /* nothing to forget yet */
    if (cfg->page && *cfg->page) {
        u->v.last_input = cfg->now; /* the preview is forgotten like a visit */
        if (!u->v.lang[0])
            set_lang(u, content_default(c));
        ui_go(u, &screen_home, NULL, 0);
        ui_go(u, &screen_page, cfg->page, 1);
    }
    return u;
}

void ui_free(ui *u)
{
    if (!u)
        return;
    for (size_t k = 0; k < sizeof screens / sizeof *screens; k++)
        if (screens[k]->forget)
            screens[k]->forget(u);
    for (int k = 0; k < u->nreq; k++) {
        free(u->req[k].text);
        speech_job_free(u->req[k].speech);
    }
    free(u->req);
    free(u->voices);
    text_para_free(&u->tp);
    arena_free(&u->fa);
    display_free(&u->dl);
    free(u->w);
    free(u->help_words);
    free(u);
}

void ui_resize(ui *u, int w, int h)
{
    if (w == u->W && h == u->H)
        return;
    u->W = w, u->H = h;
    set_metrics(u);
    u->dirty = 1;
}

static int hit(ui *u, int x, int y)
{
    if (u->dirty)
        rebuild(u);
    /* the last widget drawn is on top */
    for (int k = u->nw - 1; k >= 0; k--) {
        const ui_widget *w = &u->w[k];
        if (w->action != UI_ACT_NONE && x >= w->x && x < w->x + w->w && y >= w->y &&
            y < w->y + w->h)
            return k;
    }
    return -1;
}

void ui_scroll_by(ui *u, int dy)
{
    int s = u->v.scroll + dy;
    if (s > u->max_scroll) /* as far as the last frame reached */
        s = u->max_scroll;
    if (s < 0)
        s = 0;
    if (s != u->v.scroll) {
        u->v.scroll = s;
        u->dirty = 1;
    }
}

/* The keys that scroll a screen taller than the window, whatever the screen: a line, or
 * half the window. 1 when name is one of them. */
static int scroll_key(ui *u, const char *name)
{
    int line = u->body * 2, page = u->H / 2;
    int dy = !strcmp(name, "down") ? line : !strcmp(name, "up") ? -line
           : !strcmp(name, "pagedown") ? page : !strcmp(name, "pageup") ? -page : 0;
    if (!dy)
        return 0;
    ui_display(u); /* max_scroll of the screen as it is now */
    ui_scroll_by(u, dy);
    return 1;
}

/* Which control a touch is on, for listening mode: the screen, its arg and the widget's id,
 * label and box (FNV-1a; 0 is kept for none). */
static uint64_t control_hash(const ui *u, const ui_widget *w)
{
    uint64_t h = 1469598103934665603ULL;
    const char *parts[] = {u->v.screen->name, u->v.arg, w->id, w->label};
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
        for (const char *p = parts[k]; p && *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    int box[] = {w->x, w->y, w->w, w->h, w->action, u->v.still != 0};
    for (size_t k = 0; k < sizeof box / sizeof *box; k++)
        h = (h ^ (uint64_t)(unsigned)box[k]) * 1099511628211ULL;
    return h ? h : 1;
}

/* Listening mode: a first touch on a control says its label (the widget dump's) and returns
 * 1; a second touch on the same control returns 0, and the caller activates it. Controls
 * with nothing to say (a card's background) act at once. */
static int listening(ui *u, const ui_widget *w)
{
    if (!u->v.listen || !w->label[0] || w->action == UI_ACT_STAY)
        return 0;
    uint64_t h = control_hash(u, w);
    if (u->v.heard == h) {
        u->v.heard = 0;
        return 0;
    }
    u->v.heard = h;
    ui_speech_say(u, w->label);
    return 1;
}

void ui_event_(ui *u, const ui_event *ev, uint64_t now)
{
    ui_tick(u, now);
    ui_visit *v = &u->v;
    u->now = now;
    v->last_input = now;
    /* a key or a wheel while "Still there?" is asked: someone is there, and the question
     * takes it (it would act on the screen under the card) */
    if (v->still && (ev->type == UI_EV_KEY || ev->type == UI_EV_TEXT || ev->type == UI_EV_WHEEL)) {
        v->still = 0;
        u->dirty = 1;
        return;
    }
    int drag_threshold = u->body / 2 > 8 ? u->body / 2 : 8;
    switch (ev->type) {
    case UI_EV_CANCEL: /* a second touch point: no tap, no drag, no gesture */
        v->down = 0;
        v->dragging = 0;
        break;
    case UI_EV_DOWN:
        v->down_at = now;
        v->down = 1;
        v->down_x = ev->x, v->down_y = ev->y;
        v->down_w = hit(u, ev->x, ev->y);
        v->dragging = 0;
        v->drag_scroll0 = v->scroll;
        break;
    case UI_EV_MOVE:
        if (!v->down)
            break;
        if (!v->dragging && abs(ev->y - v->down_y) > drag_threshold)
            v->dragging = 1;
        if (v->dragging) { /* screens taller than the window scroll */
            int s = v->drag_scroll0 - (ev->y - v->down_y);
            if (s > u->max_scroll)
                s = u->max_scroll;
            if (s < 0)
                s = 0;
            if (s != v->scroll) {
                v->scroll = s;
                u->dirty = 1;
            }
        }
        break;
    case UI_EV_UP:
        if (v->down && !v->dragging && gesture(u, ev->x, ev->y, now)) {
            /* a corner held for the admin gesture: never a tap */
        } else if (v->down && !v->dragging && v->down_w >= 0) {
            int k = hit(u, ev->x, ev->y);
            /* a tap counts where it started and ended on the same widget */
            if (k >= 0 && k < u->nw && k == v->down_w && listening(u, &u->w[k])) {
                /* listening mode: this touch said what the control is; the next one uses it */
            } else if (k >= 0 && k < u->nw && k == v->down_w) {
                ui_widget w = u->w[k];
                char arg[sizeof v->item]; /* holds a whole contact value */
                if (w.arg) {
                    snprintf(arg, sizeof arg, "%s", w.arg);
                    w.arg = arg;
                }
                activate(u, &w);
            }
        }
        v->down = 0;
        v->dragging = 0;
        break;
    case UI_EV_TEXT:
        if (ev->text && v->screen->text)
            v->screen->text(u, ev->text);
        break;
    case UI_EV_MEDIA:
        /* staff with a stick: the person at the kiosk is forgotten first (the stick's
         * screen is not theirs), then the platform exports and looks for content */
        if (!ev->text)
            break;
        if ((v->screen == &screen_admin || v->screen == &screen_setup) && v->admin.wait_keys) {
            /* staff asked for new keys: this stick's set-up folder, nothing else of it */
            request(u, UI_REQ_KEYS, ev->text);
            break;
        }
        if (v->screen == &screen_setup || v->screen == &screen_admin)
            break; /* set-up or staff at work: a stick waits until they are done */
        {
            /* in the language the kiosk speaks now (staff may have chosen theirs), not the
             * pack's first one */
            char lang[sizeof v->lang];
            snprintf(lang, sizeof lang, "%s", v->lang);
            forget(u);
            if (lang[0])
                set_lang(u, lang);
        }
        memset(&u->media, 0, sizeof u->media);
        u->media_busy = 1;
        ui_go(u, &screen_media, NULL, 0);
        u->v.last_input = now;
        request(u, UI_REQ_SYNC, ev->text);
        break;
    case UI_EV_KEY:
        if (!ev->text)
            break;
        if (!strcmp(ev->text, "escape") || !strcmp(ev->text, "back"))
            back(u);
        else if (!strcmp(ev->text, "home") && v->lang[0])
            ui_home(u);
        else if (!(v->screen->key && v->screen->key(u, ev->text)))
            scroll_key(u, ev->text);
        break;
    case UI_EV_WHEEL:
        if (!v->down && ev->y > -100 && ev->y < 100) {
            ui_display(u);
            ui_scroll_by(u, ev->y * u->body * 3); /* three lines a notch, as desktops scroll */
        }
        break;
    }
    ui_speech_follow(u);
}

int ui_timer_set(ui *u, const ui_screen *s, int id, uint64_t due)
{
    ui_timer *free_slot = NULL;
    for (int k = 0; k < UI_TIMERS; k++) {
        ui_timer *t = &u->v.timers[k];
        if (t->due && t->screen == s && t->id == id)
            free_slot = t;
        else if (!t->due && !free_slot)
            free_slot = t;
    }
    if (!free_slot)
        return -1;
    *free_slot = (ui_timer){.due = due ? due : 1, .screen = s, .id = id};
    return 0;
}

void ui_timer_clear(ui *u, const ui_screen *s, int id)
{
    for (int k = 0; k < UI_TIMERS; k++)
        if (u->v.timers[k].screen == s && u->v.timers[k].id == id)
            memset(&u->v.timers[k], 0, sizeof u->v.timers[k]);
}

/* The earliest timer of the visit, or NULL. */
static const ui_timer *first_timer(const ui *u)
{
    const ui_timer *first = NULL;
    for (int k = 0; k < UI_TIMERS; k++)
        if (u->v.timers[k].due && (!first || u->v.timers[k].due < first->due))
            first = &u->v.timers[k];
    return first;
}

void ui_set_text_size(ui *u, int k)
{
    if (k < 0 || k >= THEME_TEXT_SIZES || k == u->v.text_size)
        return;
    u->v.text_size = k;
    set_metrics(u);
    for (size_t s = 0; s < sizeof screens / sizeof *screens; s++)
        if (screens[s]->forget) /* laid out at the old size */
            screens[s]->forget(u);
    u->dirty = 1;
}

/* When the visit times out next: "Still there?" is asked, or, once it is, the kiosk forgets
 * the person. */
static uint64_t idle_deadline(const ui *u)
{
    if (u->v.screen == &screen_attract || u->v.screen == &screen_setup)
        return UINT64_MAX;
    if (u->v.still)
        return u->v.still + u->still_ms;
    return u->v.last_input + (has_input(u) ? u->idle_input_ms : u->idle_ms);
}

/* The seconds "Still there?" shows at now: counted up, so 10 until a full second has gone
 * and 1 in the last one. */
int ui_still_seconds(const ui *u)
{
    uint64_t end = u->v.still + u->still_ms;
    return !u->v.still || u->now >= end ? 0 : (int)((end - u->now + 999) / 1000);
}

void ui_tick(ui *u, uint64_t now)
{
    u->now = now;
    /* due timers fire in the order they are due; the idle timeout forgets everything,
     * timers included */
    for (;;) {
        const ui_timer *t = first_timer(u);
        uint64_t idle = idle_deadline(u);
        if (t && t->due <= now && t->due <= idle) {
            ui_timer fired = *t;
            memset((ui_timer *)t, 0, sizeof *t);
            if (fired.screen && fired.screen->timer)
                fired.screen->timer(u, fired.id);
            continue;
        }
        if (now >= idle && u->v.still) {
            forget(u);
        } else if (now >= idle) {
            /* asked at the time it was due, so a clock that jumps (a script's wait, a
             * suspended machine) counts down from then, and may forget at once */
            u->v.still = idle;
            u->dirty = 1;
            if (u->v.listen) /* said as well as shown: the person may not read */
                ui_speech_say(u, ui_tr(u, "Still there?"));
            continue;
        }
        break;
    }
    if (u->v.still)
        u->dirty = 1; /* the countdown */
    ui_speech_follow(u);
    /* the limit has lifted: the tile or notice that said so offers the survey again */
    if (u->survey_held && survey_limit_ends(u) <= now) {
        u->survey_held = 0;
        u->dirty = 1;
    }
}

uint64_t ui_next_deadline(const ui *u)
{
    const ui_timer *t = first_timer(u);
    uint64_t idle = idle_deadline(u), next = t && t->due < idle ? t->due : idle;
    int left = ui_still_seconds(u);
    if (left > 1 && idle - (uint64_t)(left - 1) * 1000 < next)
        next = idle - (uint64_t)(left - 1) * 1000; /* the countdown's next second */
    uint64_t lifts = survey_limit_ends(u);
    return u->survey_held && lifts < next ? lifts : next;
}

const display_list *ui_display(ui *u)
{
    if (u->dirty)
        rebuild(u);
    return &u->dl;
}

int ui_widget_count(ui *u)
{
    ui_display(u);
    return u->nw;
}

const ui_widget *ui_widget_at(ui *u, int i)
{
    ui_display(u);
    return i >= 0 && i < u->nw ? &u->w[i] : NULL;
}

const ui_widget *ui_find(ui *u, const char *label)
{
    ui_display(u);
    for (int k = 0; k < u->nw; k++)
        if (!strcmp(u->w[k].label, label))
            return &u->w[k];
    return NULL;
}

const ui_widget *ui_find_id(ui *u, const char *id)
{
    ui_display(u);
    for (int k = 0; k < u->nw; k++)
        if (!strcmp(u->w[k].id, id))
            return &u->w[k];
    return NULL;
}

void ui_media_done(ui *u, const ui_media_report *r)
{
    u->media = *r;
    u->media_busy = 0;
    u->dirty = 1;
}

void ui_set_content(ui *u, content *c)
{
    u->c = c;
    u->help_words_of = NULL; /* read again from the new pack (it may sit where the old one was) */
    offer_langs(u);
    const ui_screen *s = u->v.screen;
    uint64_t last = u->v.last_input;
    char lang[sizeof u->v.lang];
    snprintf(lang, sizeof lang, "%s", u->v.lang);
    forget(u);
    if (s == &screen_media) { /* the stick's screen stays up until staff are done */
        if (lang[0])
            set_lang(u, lang); /* in its language, when the new pack has it */
        ui_go(u, &screen_media, NULL, 0);
        u->v.last_input = last;
    }
}

int ui_clipped(ui *u)
{
    ui_display(u);
    return u->clipped;
}

const char *ui_screen_name(const ui *u) { return u->v.still ? "still-there" : u->v.screen->name; }
const char *ui_lang(const ui *u) { return u->v.lang; }
unsigned ui_session(const ui *u) { return u->session; }

void ui_dump_json(ui *u, buf *out)
{
    ui_display(u);
    buf_adds(out, "{\"screen\":");
    buf_json_str(out, ui_screen_name(u));
    buf_adds(out, ",\"lang\":");
    buf_json_str(out, u->v.lang);
    buf_printf(out, ",\"dir\":\"%s\",\"size\":[%d,%d],\"widgets\":[", u->v.rtl ? "rtl" : "ltr",
               u->W, u->H);
    for (int k = 0; k < u->nw; k++) {
        const ui_widget *w = &u->w[k];
        buf_adds(out, k ? ",{\"id\":" : "{\"id\":");
        buf_json_str(out, w->id);
        buf_printf(out, ",\"role\":\"%s\",\"label\":", role_names[w->role]);
        buf_json_str(out, w->label);
        buf_printf(out, ",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d}", w->x, w->y, w->w, w->h);
    }
    buf_adds(out, "]}");
}
