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

#include "pack/content.h"
#include "ui/screen.h"

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

static const ui_widget *by_id(ui *u, const char *id)
{
    for (int k = 0; k < ui_widget_count(u); k++)
        if (!strcmp(ui_widget_at(u, k)->id, id))
            return ui_widget_at(u, k);
    return NULL;
}

/* Taps a widget, a little after the last tap (a person cannot tap faster than 300 ms). */
static void tap(ui *u, const char *id)
{
    const ui_widget *w = by_id(u, id);
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
    assert_non_null(by_id(u, "notice-anonymous"));
    assert_non_null(by_id(u, "notice-not-complaint"));
    assert_non_null(by_id(u, "notice-not-decision"));
    assert_non_null(by_id(u, "notice-who"));
    tap(u, "start");
    /* faces: four, no neutral one, and prefer not to say */
    assert_non_null(by_id(u, "answer-1"));
    assert_non_null(by_id(u, "answer-4"));
    assert_null(by_id(u, "answer-5"));
    assert_non_null(by_id(u, "answer-prefer-not"));
    assert_non_null(by_id(u, "progress"));
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
    assert_non_null(by_id(u, "text"));
    assert_int_equal(by_id(u, "text")->role, UI_ROLE_INPUT);
    assert_non_null(by_id(u, "key-q"));
    assert_non_null(by_id(u, "key-1")); /* a digit row for free text */
    tap(u, "key-o");
    tap(u, "key-k");
    ui_event ev = {.type = UI_EV_TEXT, .text = " call +371 2000 0000"};
    ui_event_(u, &ev, clock_ms += 500);
    tap(u, "next");
    /* the background block: optional and coarse */
    assert_non_null(by_id(u, "about-you"));
    assert_non_null(by_id(u, "answer-under-18"));
    tap(u, "answer-under-18");
    tap(u, "next");
    tap(u, "answer-prefer-not");
    tap(u, "next");
    assert_null(by_id(u, "next")); /* the last question sends */
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
    assert_non_null(by_id(u, "saved"));
    assert_null(by_id(u, "home"));
    assert_true(ui_next_deadline(u) <= clock_ms + THEME_THANKS_MS);
    ui_tick(u, clock_ms + THEME_THANKS_MS);
    assert_non_null(by_id(u, "home"));
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
    assert_non_null(by_id(u, "answer-1"));
    assert_int_equal(u->v.survey.chosen[0], 1);
    /* in Arabic the choices' marks are at the right of their cards */
    const ui_widget *a = by_id(u, "answer-1");
    assert_true(a->x + a->w > 800 / 2);
    ui_event_(u, &esc, clock_ms += 500); /* to the notice */
    assert_non_null(by_id(u, "start"));
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
    for (int k = 0; k < 7 && by_id(u, "next"); k++)
        tap(u, "next");
    tap(u, "send");
    assert_string_equal(ui_screen_name(u), "thanks");
    assert_non_null(by_id(u, "not-saved"));
    assert_null(by_id(u, "saved"));
    ui_free(u);
    /* no store: the tile says feedback is unavailable and opens nothing */
    u = open_home("en", NULL);
    const ui_widget *t = by_id(u, "feedback");
    assert_non_null(t);
    assert_string_equal(t->label, "Feedback is not available on this kiosk now.");
    tap(u, "feedback");
    assert_string_equal(ui_screen_name(u), "home");
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
            assert_null(by_id(u, "start"));
            break;
        }
        tap(u, "start");
        tap(u, "answer-4");
        for (int k = 0; k < 7 && by_id(u, "next"); k++)
            tap(u, "next");
        tap(u, "send");
        ui_tick(u, clock_ms + THEME_THANKS_MS);
        tap(u, "home");
    }
    assert_int_equal(nsent, THEME_SURVEYS_PER_VISIT);
    ui_free(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answer_every_kind),
        cmocka_unit_test(test_back_and_rtl),
        cmocka_unit_test(test_store_fails_or_missing),
        cmocka_unit_test(test_cap_per_visit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
