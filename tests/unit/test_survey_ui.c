/* survey screens: a survey of the fixture pack (build/fixture.pack: faces, yes/no, single and
 * multiple choice with pictograms, free text) answered through the screens with the fake
 * measurer, into a fake store: what is sent, what is skipped, prefer not to say, back, the
 * notice, the thanks that holds, a store that fails, and no store at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_measurer.h"
#include "scratch.h"
#include "office_key.h"

#include "builder/pack.h"
#include "pack/content.h"
#include "store/store.h"
#include "ui/screen.h"

#include <sqlite3.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE "build/fixture.pack"

static content *pack;

static int setup(void **state)
{
    (void)state;
    err e = {{0}};
    pack = content_open(FIXTURE, &e);
    if (!pack)
        fprintf(stderr, "cannot open %s (run `make all` first): %s\n", FIXTURE, e.msg);
    return pack ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    content_close(pack);
    return 0;
}

/* ---- a fake store ------------------------------------------------------------------------ */

static struct {
    char survey[64], lang[16];
    char rows[32][2][256];
    int free_text[32];
    int n;
} sent[4];
static int nsent, fail_next;

static int fake_submit(void *ctx, const store_submission *sub, char id[37], err *e)
{
    (void)ctx;
    if (fail_next)
        return err_set(e, "disk full");
    assert_true(nsent < 4);
    snprintf(sent[nsent].survey, 64, "%s", sub->survey);
    snprintf(sent[nsent].lang, 16, "%s", sub->lang);
    for (int k = 0; k < sub->nanswers && k < 32; k++) {
        snprintf(sent[nsent].rows[k][0], 256, "%s", sub->answers[k].question);
        snprintf(sent[nsent].rows[k][1], 256, "%s", sub->answers[k].value);
        sent[nsent].free_text[k] = sub->answers[k].free_text;
    }
    sent[nsent++].n = sub->nanswers;
    snprintf(id, 37, "11111111-2222-4333-8444-555555555555");
    return 0;
}

/* The value sent for question q in submission s, or NULL; k-th such row. */
static const char *value_of(int s, const char *q, int k)
{
    for (int r = 0; r < sent[s].n; r++)
        if (!strcmp(sent[s].rows[r][0], q) && k-- == 0)
            return sent[s].rows[r][1];
    return NULL;
}

/* ---- driving the screens ------------------------------------------------------------------ */

static uint64_t clock_ms = 10000;

/* Taps a widget, a little after the last tap (a person cannot tap faster than 300 ms). */
static void tap(ui *u, const char *id)
{
    /* a survey's Start comes once its notice is read to the end (on a small screen, "read
     * on" goes down it first) */
    if (!strcmp(id, "start") && !strcmp(ui_screen_name(u), "survey"))
        for (int k = 0; k < 16 && !ui_find_id(u, "start") && ui_find_id(u, "read-on"); k++)
            tap(u, "read-on");
    const ui_widget *w = ui_find_id(u, id);
    if (!w)
        fail_msg("no widget %s on screen %s", id, ui_screen_name(u));
    int x = w->x + w->w / 2, y = w->y + w->h / 2;
    clock_ms += 500;
    ui_event d = {.type = UI_EV_DOWN, .x = x, .y = y}, up = {.type = UI_EV_UP, .x = x, .y = y};
    ui_event_(u, &d, clock_ms);
    ui_event_(u, &up, clock_ms);
}

/* Taps next until a widget with this id is on screen (the age comes first, for one). */
static void next_until(ui *u, const char *id)
{
    for (int k = 0; k < UI_SURVEY_MAX + FEEDBACK_NBACKGROUND + 2 && !ui_find_id(u, id); k++)
        tap(u, "next");
    if (!ui_find_id(u, id))
        fail_msg("no widget %s on the way through the survey", id);
}

static ui *open_home(const char *lang, ui_submit_fn submit)
{
    ui_config cfg = {.w = 800, .h = 480, .now = clock_ms, .lang = lang, .submit = submit};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    tap(u, "start");
    assert_string_equal(ui_screen_name(u), "home");
    return u;
}

static void test_answer_every_kind(void **state)
{
    (void)state;
    nsent = fail_next = 0;
    ui *u = open_home("en", fake_submit);
    tap(u, "feedback"); /* one survey in the pack: straight to it */
    assert_string_equal(ui_screen_name(u), "survey");
    /* the notice says plainly what happens to the answers */
    assert_non_null(ui_find_id(u, "notice-anonymous"));
    assert_non_null(ui_find_id(u, "notice-not-complaint"));
    assert_non_null(ui_find_id(u, "notice-not-decision"));
    assert_non_null(ui_find_id(u, "notice-who"));
    tap(u, "start");
    /* the age first, coarse and optional: its answer decides what follows */
    assert_non_null(ui_find_id(u, "about-you"));
    assert_non_null(ui_find_id(u, "answer-under-18"));
    assert_non_null(ui_find_id(u, "answer-18-59"));
    assert_non_null(ui_find_id(u, "answer-60-plus"));
    assert_null(ui_find_id(u, "answer-18-29")); /* the bands of before: gone */
    tap(u, "answer-under-18");
    tap(u, "next");
    /* this pack has a notice for children, with a way to a person; then the survey */
    assert_non_null(ui_find_id(u, "child-notice"));
    assert_non_null(ui_find_id(u, "urgent-help"));
    assert_null(ui_find_id(u, "progress"));
    tap(u, "next");
    /* faces: four, no neutral one, and prefer not to say */
    assert_non_null(ui_find_id(u, "answer-1"));
    assert_non_null(ui_find_id(u, "answer-4"));
    assert_null(ui_find_id(u, "answer-5"));
    assert_non_null(ui_find_id(u, "answer-prefer-not"));
    assert_non_null(ui_find_id(u, "progress"));
    tap(u, "answer-2");
    tap(u, "answer-3"); /* changed their mind: one answer */
    tap(u, "next");
    tap(u, "next"); /* yes/no skipped */
    tap(u, "answer-person");
    tap(u, "next");
    tap(u, "answer-money");
    tap(u, "answer-work");
    tap(u, "answer-prefer-not"); /* prefer not to say alone */
    tap(u, "answer-housing");    /* then one again */
    tap(u, "answer-documents");
    tap(u, "next");
    /* free text on the keyboard, an input field, next beside it */
    assert_non_null(ui_find_id(u, "text"));
    assert_int_equal(ui_find_id(u, "text")->role, UI_ROLE_INPUT);
    assert_non_null(ui_find_id(u, "key-q"));
    /* digits and punctuation on the second layer, shift for a capital */
    assert_null(ui_find_id(u, "key-1"));
    tap(u, "key-layer");
    assert_non_null(ui_find_id(u, "key-1"));
    assert_non_null(ui_find_id(u, "key-?"));
    assert_null(ui_find_id(u, "key-q"));
    tap(u, "key-layer");
    tap(u, "key-shift");
    tap(u, "key-O");
    tap(u, "key-k"); /* a capital, then small letters again */
    ui_event ev = {.type = UI_EV_TEXT, .text = " call +371 2000 0000"};
    ui_event_(u, &ev, clock_ms += 500);
    tap(u, "next");
    /* the rest of the background block: gender, time in the country, difficulties */
    assert_non_null(ui_find_id(u, "about-you"));
    assert_non_null(ui_find_id(u, "answer-woman"));
    tap(u, "answer-prefer-not");
    tap(u, "next");
    assert_non_null(ui_find_id(u, "answer-under-3m"));
    tap(u, "next");
    assert_non_null(ui_find_id(u, "answer-none"));
    assert_non_null(ui_find_id(u, "answer-cannot"));
    tap(u, "answer-a-lot");
    assert_null(ui_find_id(u, "next")); /* the last question sends */
    tap(u, "send");
    /* two submissions: the answers with the typed text, and the background on its own */
    assert_int_equal(nsent, 2);
    assert_string_equal(sent[0].survey, "needs");
    assert_string_equal(sent[0].lang, "en");
    assert_string_equal(value_of(0, "help", 0), "3");
    assert_null(value_of(0, "know-latvian", 0));
    assert_string_equal(value_of(0, "format", 0), "person");
    assert_string_equal(value_of(0, "topics", 0), "documents");
    assert_string_equal(value_of(0, "topics", 1), "housing");
    assert_null(value_of(0, "topics", 2));
    /* typed text goes to the store marked as free text: the store scrubs it */
    assert_string_equal(value_of(0, "comment", 0), "Ok call +371 2000 0000");
    for (int r = 0; r < sent[0].n; r++) {
        assert_int_equal(sent[0].free_text[r], !strcmp(sent[0].rows[r][0], "comment"));
        assert_null(feedback_background_find(sent[0].rows[r][0]));
    }
    assert_string_equal(sent[1].survey, "needs");
    assert_int_equal(sent[1].n, 3);
    assert_string_equal(value_of(1, "bg-age", 0), "under-18");
    assert_string_equal(value_of(1, "bg-gender", 0), "prefer-not");
    assert_null(value_of(1, "bg-time", 0));
    assert_string_equal(value_of(1, "bg-disability", 0), "a-lot");
    /* thanks only after the commit, and it holds before home is offered */
    assert_string_equal(ui_screen_name(u), "thanks");
    assert_non_null(ui_find_id(u, "saved"));
    assert_null(ui_find_id(u, "home"));
    assert_true(ui_next_deadline(u) <= clock_ms + THEME_THANKS_MS);
    ui_tick(u, clock_ms + THEME_THANKS_MS);
    assert_non_null(ui_find_id(u, "home"));
    /* nothing of the answers stays in the visit */
    assert_int_equal(u->v.survey.text[0][0], 0);
    for (size_t q = 0; q < sizeof u->v.survey.chosen / sizeof *u->v.survey.chosen; q++)
        assert_int_equal(u->v.survey.chosen[q], 0);
    ui_free(u);
}

static void test_back_and_rtl(void **state)
{
    (void)state;
    nsent = fail_next = 0;
    ui *u = open_home("ar", fake_submit);
    tap(u, "feedback");
    tap(u, "start");
    tap(u, "answer-18-59");
    tap(u, "next");
    tap(u, "answer-1");
    tap(u, "next");
    /* back goes to the last question, with its answer kept */
    ui_event esc = {.type = UI_EV_KEY, .text = "escape"};
    ui_event_(u, &esc, clock_ms += 500);
    assert_non_null(ui_find_id(u, "answer-1"));
    assert_int_equal(u->v.survey.chosen[0], 1);
    /* in Arabic the choices' marks are at the right of their cards */
    const ui_widget *a = ui_find_id(u, "answer-1");
    assert_true(a->x + a->w > 800 / 2);
    ui_event_(u, &esc, clock_ms += 500); /* to the age, as it was answered */
    assert_non_null(ui_find_id(u, "answer-18-59"));
    ui_event_(u, &esc, clock_ms += 500); /* to the notice */
    assert_non_null(ui_find_id(u, "notice-title"));
    ui_event_(u, &esc, clock_ms += 500); /* and out */
    assert_string_equal(ui_screen_name(u), "home");
    assert_int_equal(nsent, 0);
    ui_free(u);
}

static void test_store_fails_or_missing(void **state)
{
    (void)state;
    nsent = 0, fail_next = 1;
    ui *u = open_home("en", fake_submit);
    tap(u, "feedback");
    tap(u, "start");
    next_until(u, "answer-4");
    tap(u, "answer-4");
    next_until(u, "send");
    tap(u, "send");
    assert_string_equal(ui_screen_name(u), "thanks");
    assert_non_null(ui_find_id(u, "not-saved"));
    assert_null(ui_find_id(u, "saved"));
    ui_free(u);
    /* no feedback on this kiosk (no office key, no store): no tile at all, nothing that
     * says "unavailable" to the public */
    u = open_home("en", NULL);
    assert_null(ui_find_id(u, "feedback"));
    for (int i = 0; i < ui_widget_count(u); i++)
        assert_null(strstr(ui_widget_at(u, i)->label, "Feedback"));
    assert_non_null(ui_find_id(u, "search"));
    ui_free(u);
}

/* A person sends at most THEME_SURVEYS_PER_VISIT surveys a visit. */
static void test_cap_per_visit(void **state)
{
    (void)state;
    nsent = fail_next = 0;
    ui *u = open_home("en", fake_submit);
    for (int round = 0; round < THEME_SURVEYS_PER_VISIT + 1; round++) {
        tap(u, "feedback");
        if (round == THEME_SURVEYS_PER_VISIT) {
            assert_null(ui_find_id(u, "start"));
            break;
        }
        tap(u, "start");
        next_until(u, "answer-4");
        tap(u, "answer-4");
        next_until(u, "send");
        tap(u, "send");
        ui_tick(u, clock_ms + THEME_THANKS_MS);
        tap(u, "home");
    }
    assert_int_equal(nsent, THEME_SURVEYS_PER_VISIT);
    ui_free(u);
}


/* ---- the way out for people in danger -------------------------------------------------- */

static void type(ui *u, const char *t)
{
    ui_event ev = {.type = UI_EV_TEXT, .text = t};
    ui_event_(u, &ev, clock_ms += 500);
}

/* Walks a survey from its notice to its last question, checking each free-text question on
 * the way: it says not to write names or numbers and offers "I need help now". Returns how
 * many free-text questions it saw. On the last question when it returns. */
static int walk_survey(ui *u)
{
    int texts = 0;
    tap(u, "start");
    for (int k = 0; k < UI_SURVEY_MAX + FEEDBACK_NBACKGROUND + 2; k++) {
        if (ui_find_id(u, "text")) {
            texts++;
            const ui_widget *w = ui_find_id(u, "no-names");
            assert_non_null(w);
            assert_non_null(ui_find_id(u, "urgent-help"));
            /* the line is on screen, above the field, in the person's language */
            assert_true(w->y + w->h <= ui_find_id(u, "text")->y);
            if (strcmp(ui_lang(u), "en")) {
                assert_string_not_equal(w->label, "Do not write names or phone numbers.");
                assert_string_not_equal(ui_find_id(u, "urgent-help")->label, "I need help now");
            }
            /* next (or send) is covered by no key and covers no part of the field, however
             * many rows the language's keyboard has (Latvian, Arabic and Persian: six on a
             * small screen) */
            const ui_widget *n = ui_find_id(u, "next") ? ui_find_id(u, "next")
                                                       : ui_find_id(u, "send");
            assert_non_null(n);
            for (int i = 0; i < ui_widget_count(u); i++) {
                const ui_widget *o = ui_widget_at(u, i);
                if (o == n || (o->role != UI_ROLE_KEY && o->role != UI_ROLE_INPUT &&
                               o->role != UI_ROLE_BUTTON))
                    continue;
                if (o->x < n->x + n->w && n->x < o->x + o->w && o->y < n->y + n->h &&
                    n->y < o->y + o->h)
                    fail_msg("%s: %s overlaps %s", ui_lang(u), n->id, o->id);
            }
        }
        if (!ui_find_id(u, "next"))
            break;
        tap(u, "next");
    }
    return texts;
}

/* "I need help now" is on the survey's notice, on every free-text question and in help, in
 * every language of the pack, and opens the urgent-help screen. */
static void test_urgent_entry_everywhere(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "lv", "ar", "ti", "fa"};
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        nsent = fail_next = 0;
        ui *u = open_home(langs[l], fake_submit);
        tap(u, "feedback");
        assert_non_null(ui_find_id(u, "urgent-help"));
        assert_int_equal(ui_find_id(u, "urgent-help")->action, UI_ACT_OPEN);
        assert_true(walk_survey(u) >= 1);
        /* help, from the bar */
        tap(u, "help");
        assert_string_equal(ui_screen_name(u), "category");
        tap(u, "urgent-help");
        assert_string_equal(ui_screen_name(u), "urgent-help");
        assert_non_null(ui_find_id(u, "urgent-title"));
        /* it asks nothing: no back, send or delete when not opened before sending */
        assert_null(ui_find_id(u, "urgent-send"));
        assert_null(ui_find_id(u, "urgent-delete"));
        assert_int_equal(nsent, 0);
        ui_free(u);
    }
}

/* The screen lists the pack's hotlines in its order; a number opens large with a QR code, a
 * number the operator has not filled in says so and opens nothing. */
static void test_urgent_lists_hotlines(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ar", "ti"};
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        ui *u = open_home(langs[l], fake_submit);
        tap(u, "help");
        tap(u, "urgent-help");
        arena a = {0};
        content_hotline *hs;
        int n = content_hotlines(pack, langs[l], &a, &hs);
        assert_int_equal(n, 4); /* 112, the police, a trafficking line, an NGO */
        assert_string_equal(hs[0].id, "emergency");
        assert_string_equal(hs[0].phone, "112");
        int prev_y = -1;
        for (int k = 0; k < n; k++) {
            char id[96];
            snprintf(id, sizeof id, "hotline-%s", hs[k].id);
            const ui_widget *w = ui_find_id(u, id);
            if (!w) { /* below the fold: scroll to it */
                ui_event dn = {.type = UI_EV_KEY, .text = "down"};
                for (int i = 0; i < 20 && !(w = ui_find_id(u, id)); i++)
                    ui_event_(u, &dn, clock_ms += 500);
                prev_y = -1;
            }
            assert_non_null(w);
            assert_true(w->y > prev_y);
            prev_y = w->y;
            assert_non_null(strstr(w->label, hs[k].title));
            if (pack_placeholder_find(hs[k].phone, NULL)) {
                assert_int_equal(w->action, UI_ACT_NONE);
                assert_null(strstr(w->label, "{{"));
            } else {
                assert_int_equal(w->action, UI_ACT_ITEM);
                assert_non_null(strstr(w->label, hs[k].phone));
            }
        }
        ui_event up = {.type = UI_EV_KEY, .text = "up"};
        for (int i = 0; i < 20; i++)
            ui_event_(u, &up, clock_ms += 500);
        tap(u, "hotline-emergency");
        assert_non_null(ui_find_id(u, "qr"));
        assert_non_null(strstr(ui_find_id(u, "item-card")->label, "\n112"));
        tap(u, "close");
        assert_null(ui_find_id(u, "qr"));
        assert_string_equal(ui_screen_name(u), "urgent-help");
        arena_free(&a);
        ui_free(u);
    }
}

/* To the last question with text typed on the free-text one. */
static ui *survey_typed(const char *lang, const char *text)
{
    ui *u = open_home(lang, fake_submit);
    tap(u, "feedback");
    tap(u, "start");
    next_until(u, "answer-2");
    tap(u, "answer-2");
    for (int k = 0; k < UI_SURVEY_MAX + FEEDBACK_NBACKGROUND && ui_find_id(u, "next"); k++) {
        if (ui_find_id(u, "text"))
            type(u, text);
        tap(u, "next");
    }
    assert_non_null(ui_find_id(u, "send"));
    return u;
}

/* Typed text with a danger word brings up the screen before anything is sent: back leaves
 * the text as it was, send sends it as it is, delete removes what was typed (the rest can
 * still be sent). */
static void test_danger_before_sending(void **state)
{
    (void)state;
    /* back, then send */
    nsent = fail_next = 0;
    ui *u = survey_typed("en", "My ROOMMATE hits me at night");
    tap(u, "send");
    assert_string_equal(ui_screen_name(u), "urgent-help");
    assert_int_equal(nsent, 0);
    assert_non_null(ui_find_id(u, "hotline-emergency"));
    assert_non_null(ui_find_id(u, "urgent-back"));
    tap(u, "urgent-back");
    assert_string_equal(ui_screen_name(u), "survey");
    assert_non_null(ui_find_id(u, "send"));
    assert_string_equal(u->v.survey.text[0], "My ROOMMATE hits me at night");
    assert_int_equal(nsent, 0);
    tap(u, "send"); /* again: asked again */
    assert_string_equal(ui_screen_name(u), "urgent-help");
    tap(u, "urgent-send");
    assert_int_equal(nsent, 1);
    assert_string_equal(value_of(0, "comment", 0), "My ROOMMATE hits me at night");
    assert_string_equal(value_of(0, "help", 0), "2");
    assert_string_equal(ui_screen_name(u), "thanks");
    ui_free(u);

    /* delete: the text goes, the other answers stay and are sent without it */
    nsent = 0;
    u = survey_typed("en", "they threatened to take my papers");
    tap(u, "send");
    assert_string_equal(ui_screen_name(u), "urgent-help");
    tap(u, "urgent-delete");
    assert_string_equal(ui_screen_name(u), "survey");
    assert_int_equal(u->v.survey.text[0][0], 0);
    assert_int_equal(nsent, 0);
    tap(u, "send"); /* nothing typed now: straight on */
    assert_int_equal(nsent, 1);
    assert_null(value_of(0, "comment", 0));
    assert_string_equal(value_of(0, "help", 0), "2");
    ui_free(u);

    /* folded as the search folds: no diacritics in Latvian, other letter forms in Arabic,
     * another language than the screen's; and text without one goes straight on */
    static const struct {
        const char *lang, *text;
        int danger;
    } cases[] = {
        {"lv", "Tur bija VARDARBIBA pret bērniem", 1}, /* vardarb* */
        {"ar", "زوجي يضربنى كل يوم", 1},                /* يضربني, alef maksura for yeh */
        {"ti", "ሰብኣየይ ይወቕዓኒ እዩ", 1},
        {"fa", "someone is abusing me", 1},           /* the English word on a Persian screen */
        {"en", "The bus is late and the food is cold", 0},
        {"en", "Kill time with a good book? The skills course is great", 1}, /* kill* */
        {"en", "The skills course is great", 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        nsent = 0;
        u = survey_typed(cases[k].lang, cases[k].text);
        tap(u, "send");
        if (cases[k].danger) {
            if (strcmp(ui_screen_name(u), "urgent-help"))
                fail_msg("\"%s\" (%s) did not bring up urgent help", cases[k].text, cases[k].lang);
            assert_int_equal(nsent, 0);
        } else {
            if (strcmp(ui_screen_name(u), "thanks"))
                fail_msg("\"%s\" (%s) did not go straight on", cases[k].text, cases[k].lang);
            assert_int_equal(nsent, 1);
        }
        ui_free(u);
    }
}

/* ---- the real store: the screen keeps nothing but the day's count ----------------------- */

static int store_submit_fn(void *ctx, const store_submission *sub, char id[37], err *e)
{
    return store_submit(ctx, sub, id, e);
}

static int store_urgent_fn(void *ctx, err *e) { return store_urgent_used(ctx, e); }

static time_t fixed_now(void) { return 1700000000 + 13 * 3600 + 17 * 60 + 5; /* 13:17:05 */ }
static time_t fixed_clock(void *ctx) { return fixed_now(); }

static long long q1(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void test_urgent_stores_nothing(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("urgent"), 0);
    err e = {{0}};
    store_config sc = {.clock = fixed_clock, .seal_pk = office_pk()};
    store *st = store_open(dir, &sc, NULL, &e);
    assert_non_null(st);
    ui_config cfg = {.w = 800, .h = 480, .now = clock_ms, .lang = "en",
                     .submit = store_submit_fn, .submit_ctx = st,
                     .urgent_used = store_urgent_fn, .urgent_ctx = st};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    tap(u, "start");
    /* from help, twice in a visit, a card opened: one use */
    tap(u, "help");
    tap(u, "urgent-help");
    tap(u, "hotline-emergency");
    tap(u, "close");
    ui_event esc = {.type = UI_EV_KEY, .text = "escape"};
    ui_event_(u, &esc, clock_ms += 500);
    tap(u, "urgent-help");
    /* before sending, in the same visit: still one */
    ui_event_(u, &esc, clock_ms += 500);
    ui_event_(u, &esc, clock_ms += 500);
    tap(u, "feedback");
    tap(u, "urgent-help");
    ui_event_(u, &esc, clock_ms += 500);
    /* the next person (the idle timeout forgets this one) counts again */
    ui_tick(u, clock_ms += UI_IDLE_MS + UI_STILL_MS + 1);
    assert_string_equal(ui_screen_name(u), "attract");
    tap(u, "start");
    tap(u, "help");
    tap(u, "urgent-help");
    ui_free(u);
    assert_int_equal(store_unexported_count(st, &e), 0);
    store_close(st);
    /* what is in the file: no answer, one row for the day, its count, nothing else */
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(at("feedback.db"), &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(q1(db, "SELECT count(*) FROM submissions"), 0);
    assert_int_equal(q1(db, "SELECT count(*) FROM urgent_days"), 1);
    assert_int_equal(q1(db, "SELECT uses FROM urgent_days"), 2);
    /* the day's start, never the hour or the minute */
    assert_int_equal(q1(db, "SELECT day FROM urgent_days"), fixed_now() - fixed_now() % 86400);
    sqlite3_close(db);
    scratch_remove();
}

/* ---- the notice and the background block of other surveys ----------------------------- */

/* A pack of one English page and one survey: the survey file's text is notice (title, who,
 * use, contact), then block (a [background] or nothing), then questions. Built unsigned into
 * dir; the caller closes it. */
static content *survey_pack(const char *notice, const char *block, const char *questions)
{
    one_page_source("1", "A page.");
    mkdir(at("src/surveys"), 0700);
    char text[8192];
    snprintf(text, sizeof text, "%s%s%s", notice, block, questions);
    puts_file(at("src/surveys/s.txt"), text);
    pack_opts o = {.src = at("src"), .root = ".", .out = at("s.pack")};
    pack_result r;
    err e = {{0}};
    if (pack_compile(&o, &r, &e))
        fail_msg("%s", e.msg);
    content *c = content_open(at("s.pack"), &e);
    if (!c)
        fail_msg("%s", e.msg);
    return c;
}

#define NOTICE "title.en: S\nwho.en: W\nuse.en: U\ncontact.en: C\n"
#define YESNO "[question a]\ntype: yesno\ntext.en: A?\n"
#define FACES "[question b]\ntype: faces\ntext.en: B?\n"
#define TEXT "[question c]\ntype: text\ntext.en: C?\n"

static ui *open_on(content *c, const ui_config *base)
{
    ui_config cfg = *base;
    cfg.w = 800, cfg.h = 480, cfg.now = clock_ms;
    ui *u = ui_new(c, &fake_measurer, &cfg);
    tap(u, "start");
    tap(u, "feedback");
    assert_string_equal(ui_screen_name(u), "survey");
    return u;
}

/* The label of a widget of the notice, scrolled to where it is; NULL when it is nowhere. */
static const char *find_label(ui *u, const char *id)
{
    ui_event up = {.type = UI_EV_KEY, .text = "up"}, dn = {.type = UI_EV_KEY, .text = "down"};
    for (int i = 0; i < 40; i++)
        ui_event_(u, &up, clock_ms += 10);
    const ui_widget *w = ui_find_id(u, id);
    for (int i = 0; i < 40 && !w; i++) {
        ui_event_(u, &dn, clock_ms += 10);
        w = ui_find_id(u, id);
    }
    return w ? w->label : NULL;
}

static const char *label(ui *u, const char *id)
{
    const char *l = find_label(u, id);
    if (!l)
        fail_msg("no widget %s on screen %s", id, ui_screen_name(u));
    return l;
}

/* The notice says what this kiosk does with this survey: the number of questions asked (the
 * survey's own and its background block), what is kept (the day, or the hour), for how many
 * days, that questions about the person are kept apart, that typed names are read; the
 * operator's texts under their headings, a detail not filled in said so. */
static void test_notice_follows_survey(void **state)
{
    (void)state;
    ui_config cfg = {.lang = "en", .submit = fake_submit};
    ui *u = open_on(pack, &cfg);
    assert_string_equal(label(u, "notice-count"), "9 questions"); /* 5 and 4 about the person */
    assert_string_equal(label(u, "notice-days"),
                        "This kiosk deletes the answers after 90 days at the most, and sooner "
                        "once the office has them."); /* the store's default */
    assert_non_null(strstr(label(u, "notice-kept"), "the day,"));
    assert_non_null(find_label(u, "notice-apart"));
    assert_non_null(find_label(u, "notice-typed"));
    assert_non_null(find_label(u, "notice-stop"));
    assert_null(find_label(u, "notice-intro")); /* no hand-written count any more */
    ui_free(u);
    /* the kiosk's own settings */
    cfg.retention_days = 30, cfg.round_to_hour = 1;
    u = open_on(pack, &cfg);
    assert_non_null(strstr(label(u, "notice-days"), "after 30 days"));
    assert_non_null(strstr(label(u, "notice-kept"), "the hour,"));
    ui_free(u);
    /* in the person's language, the number filled in */
    cfg = (ui_config){.lang = "lv", .submit = fake_submit};
    u = open_on(pack, &cfg);
    assert_string_equal(label(u, "notice-count"), "9 jautājumi");
    assert_null(strstr(label(u, "notice-days"), "{n}"));
    assert_non_null(strstr(label(u, "notice-days"), " 90 dienām,"));
    ui_free(u);
    /* counted words take the form the language's Plural-Forms gives: 1 day, 21 dienas (the
     * Latvian form of 1, 21, 31...), 11 and 2 dienām */
    static const struct { const char *lang; int days; const char *says; } forms[] = {
        {"en", 1, "after 1 day at"},  {"en", 21, "after 21 days at"},
        {"lv", 1, " 1 dienas,"},      {"lv", 21, " 21 dienas,"},
        {"lv", 11, " 11 dienām,"},    {"lv", 2, " 2 dienām,"},
        {"ar", 1, "يوم واحد"},         {"ar", 2, "يومين"},
        {"ar", 5, "5 أيام"},           {"ar", 11, "11 يومًا"},
        {"ar", 100, "100 يوم "},
    };
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
        cfg = (ui_config){.lang = forms[k].lang, .submit = fake_submit,
                          .retention_days = forms[k].days};
        u = open_on(pack, &cfg);
        if (!strstr(label(u, "notice-days"), forms[k].says))
            fail_msg("%s, %d days: %s", forms[k].lang, forms[k].days, label(u, "notice-days"));
        ui_free(u);
    }
    /* Persian as the pack writes it, in Persian digits: the count and the days too */
    cfg = (ui_config){.lang = "fa", .submit = fake_submit};
    u = open_on(pack, &cfg);
    assert_string_equal(label(u, "notice-count"), "۹ پرسش");
    assert_non_null(strstr(label(u, "notice-days"), "۹۰ روز"));
    ui_free(u);

    /* another survey: two questions, nothing typed, nothing asked about the person */
    assert_int_equal(scratch_make("notice"), 0);
    cfg = (ui_config){.lang = "en", .submit = fake_submit};
    content *c = survey_pack(NOTICE, "", YESNO FACES);
    u = open_on(c, &cfg);
    assert_string_equal(label(u, "notice-count"), "2 questions");
    assert_null(find_label(u, "notice-apart"));
    assert_null(find_label(u, "notice-typed"));
    assert_string_equal(label(u, "notice-who"), "Who reads the answers: W");
    ui_free(u);
    content_close(c);
    /* one more question, typed, and two about the person */
    c = survey_pack(NOTICE, "[background]\nask: gender time\n", YESNO FACES TEXT);
    u = open_on(c, &cfg);
    assert_string_equal(label(u, "notice-count"), "5 questions");
    assert_non_null(find_label(u, "notice-apart"));
    assert_non_null(find_label(u, "notice-typed"));
    ui_free(u);
    content_close(c);
    /* who reads the answers left to fill in (a preview pack, unsigned): said so, no braces */
    c = survey_pack("title.en: S\nwho.en: {{fill in: organisation}}\nuse.en: U\ncontact.en: C\n",
                    "", YESNO);
    u = open_on(c, &cfg);
    assert_string_equal(label(u, "notice-who"), "Who reads the answers: To be filled in locally");
    ui_free(u);
    content_close(c);
    assert_int_equal(scratch_remove(), 0);
}

/* A survey without a background block asks nothing about the person, and sends one
 * submission. */
static void test_background_off(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("nobg"), 0);
    nsent = fail_next = 0;
    content *c = survey_pack(NOTICE, "", FACES TEXT);
    ui_config cfg = {.lang = "en", .submit = fake_submit};
    ui *u = open_on(c, &cfg);
    tap(u, "start");
    assert_non_null(ui_find_id(u, "answer-4")); /* the survey's first question first */
    tap(u, "answer-4");
    for (int k = 0; k < 4 && ui_find_id(u, "next"); k++) {
        assert_null(ui_find_id(u, "about-you"));
        tap(u, "next");
    }
    assert_null(ui_find_id(u, "about-you"));
    type(u, "fine");
    tap(u, "send");
    assert_int_equal(nsent, 1);
    for (int r = 0; r < sent[0].n; r++)
        assert_null(feedback_background_find(sent[0].rows[r][0]));
    assert_string_equal(value_of(0, "b", 0), "4");
    assert_string_equal(value_of(0, "c", 0), "fine");
    ui_free(u);
    content_close(c);
    assert_int_equal(scratch_remove(), 0);
}

/* The real store, through a kiosk's submit, and what it gave back. */
static struct {
    char id[4][37];
    int bg[4], other[4], text[4];
    int n;
} kept;

static int store_keep(void *ctx, const store_submission *sub, char id[37], err *e)
{
    if (store_submit(ctx, sub, id, e))
        return -1;
    assert_true(kept.n < 4);
    snprintf(kept.id[kept.n], 37, "%s", id);
    kept.bg[kept.n] = kept.other[kept.n] = kept.text[kept.n] = 0;
    for (int k = 0; k < sub->nanswers; k++) {
        if (feedback_background_find(sub->answers[k].question))
            kept.bg[kept.n]++;
        else
            kept.other[kept.n]++;
        kept.text[kept.n] += sub->answers[k].free_text;
    }
    kept.n++;
    return 0;
}

/* "Under 18" where the pack says under18: end: a polite end, with a way to a person, and
 * nothing of the survey stored; another age goes on, the background kept apart. */
static void test_under18_end_stores_nothing(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("end"), 0);
    content *c = survey_pack(NOTICE, "[background]\nask: age gender\nunder18: end\n",
                             FACES TEXT);
    err e = {{0}};
    store_config sc = {.clock = fixed_clock, .seal_pk = office_pk()};
    store *st = store_open(dir, &sc, NULL, &e);
    assert_non_null(st);
    kept.n = 0;
    ui_config cfg = {.lang = "en", .submit = store_keep, .submit_ctx = st};
    ui *u = open_on(c, &cfg);
    tap(u, "start");
    tap(u, "answer-under-18");
    tap(u, "next");
    assert_string_equal(ui_screen_name(u), "thanks");
    assert_non_null(ui_find_id(u, "ended"));
    assert_null(ui_find_id(u, "saved"));
    assert_non_null(ui_find_id(u, "urgent-help"));
    assert_int_equal(kept.n, 0);
    assert_int_equal(store_unexported_count(st, &e), 0);
    for (size_t q = 0; q < sizeof u->v.survey.chosen / sizeof *u->v.survey.chosen; q++)
        assert_int_equal(u->v.survey.chosen[q], 0);
    ui_tick(u, clock_ms + THEME_THANKS_MS);
    tap(u, "home");
    /* 18 to 59: the survey goes on, and both parts are kept, apart */
    tap(u, "feedback");
    tap(u, "start");
    tap(u, "answer-18-59");
    tap(u, "next");
    tap(u, "answer-1");
    tap(u, "next");
    type(u, "the queue");
    tap(u, "next");
    tap(u, "answer-man");
    tap(u, "send");
    assert_non_null(ui_find_id(u, "saved"));
    assert_int_equal(kept.n, 2);
    assert_int_equal(kept.other[0], 2);
    assert_int_equal(kept.text[0], 1);
    assert_int_equal(kept.bg[0], 0);
    assert_int_equal(kept.bg[1], 2);
    assert_int_equal(kept.other[1], 0);
    ui_free(u);
    store_close(st);
    content_close(c);
    assert_int_equal(scratch_remove(), 0);
}

/* The background answers and the typed text are two submissions with two random ids, so
 * nothing in a submission ties typed text to an age band or a gender. */
static void test_background_apart_from_text(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("apart"), 0);
    err e = {{0}};
    store_config sc = {.clock = fixed_clock, .seal_pk = office_pk()};
    store *st = store_open(dir, &sc, NULL, &e);
    assert_non_null(st);
    kept.n = 0;
    ui_config cfg = {.lang = "en", .submit = store_keep, .submit_ctx = st};
    ui *u = open_on(pack, &cfg);
    tap(u, "start");
    tap(u, "answer-60-plus");
    next_until(u, "answer-4");
    tap(u, "answer-4");
    next_until(u, "text");
    type(u, "the doctor comes too late");
    tap(u, "next");
    tap(u, "answer-woman");
    next_until(u, "send");
    tap(u, "answer-some");
    tap(u, "send");
    assert_non_null(ui_find_id(u, "saved"));
    assert_int_equal(kept.n, 2);
    assert_int_equal(strlen(kept.id[0]), 36);
    assert_int_equal(strlen(kept.id[1]), 36);
    assert_string_not_equal(kept.id[0], kept.id[1]);
    /* the text with the survey's answers, never with the background */
    assert_int_equal(kept.text[0], 1);
    assert_int_equal(kept.bg[0], 0);
    assert_int_equal(kept.bg[1], 3);
    assert_int_equal(kept.other[1], 0);
    assert_int_equal(kept.text[1], 0);
    ui_free(u);
    store_close(st);
    assert_int_equal(scratch_remove(), 0);
}

static time_t purge_clock;
static time_t purge_now(void *ctx) { return purge_clock; }

/* The notice says the days the store keeps exported answers when the kiosk is given none
 * (UI_RETENTION_DAYS): the store must purge after exactly those. */
static void test_notice_days_are_the_stores(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("days"), 0);
    err e = {{0}};
    purge_clock = fixed_now();
    store_config sc = {.clock = purge_now, .seal_pk = office_pk()};
    store *st = store_open(dir, &sc, NULL, &e);
    assert_non_null(st);
    store_answer a = {.question = "q", .value = "yes", .kind = FEEDBACK_KIND_YESNO};
    store_submission sub = {.survey = "s", .lang = "en", .pack_id = "p", .pack_version = "1",
                            .answers = &a, .nanswers = 1};
    char id[37];
    assert_int_equal(store_submit(st, &sub, id, &e), 0);
    long long batch = 0;
    assert_int_equal(store_reserve(st, 100, 1 << 20, 64, &batch, &e), 1);
    assert_int_equal(store_mark_exported(st, batch, &e), 1);
    /* kept for the days the notice says, counted from the day it was given */
    time_t day = purge_clock - purge_clock % 86400;
    purge_clock = day + (time_t)UI_RETENTION_DAYS * 86400 - 1;
    assert_int_equal(store_purge(st, &e), 0);
    purge_clock += 1;
    assert_int_equal(store_purge(st, &e), 1);
    store_close(st);
    assert_int_equal(scratch_remove(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answer_every_kind),
        cmocka_unit_test(test_back_and_rtl),
        cmocka_unit_test(test_store_fails_or_missing),
        cmocka_unit_test(test_cap_per_visit),
        cmocka_unit_test(test_urgent_entry_everywhere),
        cmocka_unit_test(test_urgent_lists_hotlines),
        cmocka_unit_test(test_danger_before_sending),
        cmocka_unit_test(test_urgent_stores_nothing),
        cmocka_unit_test(test_notice_follows_survey),
        cmocka_unit_test(test_background_off),
        cmocka_unit_test(test_under18_end_stores_nothing),
        cmocka_unit_test(test_background_apart_from_text),
        cmocka_unit_test(test_notice_days_are_the_stores),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
