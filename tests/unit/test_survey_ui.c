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

#include "pack/content.h"
#include "store/store.h"
#include "ui/screen.h"

#include <sqlite3.h>

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
    const ui_widget *w = ui_find_id(u, id);
    if (!w)
        fail_msg("no widget %s on screen %s", id, ui_screen_name(u));
    int x = w->x + w->w / 2, y = w->y + w->h / 2;
    clock_ms += 500;
    ui_event d = {.type = UI_EV_DOWN, .x = x, .y = y}, up = {.type = UI_EV_UP, .x = x, .y = y};
    ui_event_(u, &d, clock_ms);
    ui_event_(u, &up, clock_ms);
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
    assert_non_null(ui_find_id(u, "key-1")); /* a digit row for free text */
    tap(u, "key-o");
    tap(u, "key-k");
    ui_event ev = {.type = UI_EV_TEXT, .text = " call +371 2000 0000"};
    ui_event_(u, &ev, clock_ms += 500);
    tap(u, "next");
    /* the background block: optional and coarse */
    assert_non_null(ui_find_id(u, "about-you"));
    assert_non_null(ui_find_id(u, "answer-under-18"));
    tap(u, "answer-under-18");
    tap(u, "next");
    tap(u, "answer-prefer-not");
    tap(u, "next");
    assert_null(ui_find_id(u, "next")); /* the last question sends */
    tap(u, "send");
    assert_int_equal(nsent, 1);
    assert_string_equal(sent[0].survey, "needs");
    assert_string_equal(sent[0].lang, "en");
    assert_string_equal(value_of(0, "help", 0), "3");
    assert_null(value_of(0, "know-latvian", 0));
    assert_string_equal(value_of(0, "format", 0), "person");
    assert_string_equal(value_of(0, "topics", 0), "documents");
    assert_string_equal(value_of(0, "topics", 1), "housing");
    assert_null(value_of(0, "topics", 2));
    /* typed text goes to the store marked as free text: the store scrubs it */
    assert_string_equal(value_of(0, "comment", 0), "ok call +371 2000 0000");
    for (int r = 0; r < sent[0].n; r++)
        assert_int_equal(sent[0].free_text[r], !strcmp(sent[0].rows[r][0], "comment"));
    assert_string_equal(value_of(0, "bg-age", 0), "under-18");
    assert_string_equal(value_of(0, "bg-gender", 0), "prefer-not");
    assert_null(value_of(0, "bg-time", 0));
    /* thanks only after the commit, and it holds before home is offered */
    assert_string_equal(ui_screen_name(u), "thanks");
    assert_non_null(ui_find_id(u, "saved"));
    assert_null(ui_find_id(u, "home"));
    assert_true(ui_next_deadline(u) <= clock_ms + THEME_THANKS_MS);
    ui_tick(u, clock_ms + THEME_THANKS_MS);
    assert_non_null(ui_find_id(u, "home"));
    /* nothing of the answers stays in the visit */
    assert_int_equal(u->v.survey.text[0][0], 0);
    for (int q = 0; q < UI_SURVEY_MAX + 3; q++)
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
    ui_event_(u, &esc, clock_ms += 500); /* to the notice */
    assert_non_null(ui_find_id(u, "start"));
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
    tap(u, "answer-4");
    for (int k = 0; k < 7 && ui_find_id(u, "next"); k++)
        tap(u, "next");
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
        tap(u, "answer-4");
        for (int k = 0; k < 7 && ui_find_id(u, "next"); k++)
            tap(u, "next");
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
    for (int k = 0; k < UI_SURVEY_MAX + 3; k++) {
        if (ui_find_id(u, "text")) {
            texts++;
            const ui_widget *w = ui_find_id(u, "no-names");
            assert_non_null(w);
            assert_non_null(ui_find_id(u, "urgent-help"));
            /* the line is on screen, above the field */
            assert_true(w->y + w->h <= ui_find_id(u, "text")->y);
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
    tap(u, "answer-2");
    for (int k = 0; k < UI_SURVEY_MAX + 3 && ui_find_id(u, "next"); k++) {
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
    store_config sc = {.clock = fixed_now};
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
    ui_tick(u, clock_ms += UI_IDLE_MS + 1);
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
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
