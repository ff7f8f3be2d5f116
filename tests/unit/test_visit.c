/* visit: after the idle timeout (or "start again") nothing a person typed, chose, opened or
 * scrolled survives: the visit struct equals a fresh kiosk's byte for byte, the page the
 * screen kept is gone, nothing of it is in the frame or the dump, and the platform was asked
 * to forget its caches. White-box on purpose: it includes the ui's internal header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_measurer.h"

#include "core/buf.h"
#include "pack/content.h"
#include "ui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TEST_PACK
#define TEST_PACK "build/fixture.pack"
#endif
#define T0 5000u
#define SECRET "zqxv"

static content *pack;

static int setup(void **state)
{
    (void)state;
    err e = {{0}};
    pack = content_open(TEST_PACK, &e);
    if (!pack)
        fprintf(stderr, "cannot open %s (`make test` builds it): %s\n", TEST_PACK, e.msg);
    return pack ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    content_close(pack);
    return 0;
}

static void tap_id(ui *u, const char *id, uint64_t now)
{
    int n = ui_widget_count(u);
    for (int k = 0; k < n; k++) {
        const ui_widget *w = ui_widget_at(u, k);
        if (!strcmp(w->id, id)) {
            int x = w->x + w->w / 2, y = w->y + w->h / 2;
            ui_event d = {.type = UI_EV_DOWN, .x = x, .y = y}, up = {.type = UI_EV_UP, .x = x, .y = y};
            ui_event_(u, &d, now);
            ui_event_(u, &up, now);
            return;
        }
    }
    fail_msg("no widget %s on screen %s", id, ui_screen_name(u));
}

static void type(ui *u, const char *text, uint64_t now)
{
    ui_event ev = {.type = UI_EV_TEXT, .text = text};
    ui_event_(u, &ev, now);
}

static void key(ui *u, const char *name, uint64_t now)
{
    ui_event ev = {.type = UI_EV_KEY, .text = name};
    ui_event_(u, &ev, now);
}

static int forget_requests(ui *u)
{
    int n = 0;
    ui_request r;
    while (ui_take_request(u, &r)) {
        n += r.kind == UI_REQ_FORGET;
        free(r.text);
    }
    return n;
}

static int frame_holds(ui *u, const char *s)
{
    const display_list *d = ui_display(u);
    return memmem(d->pool, d->pool_len, s, strlen(s)) != NULL;
}

/* A person chooses a language, types in search, opens a result, opens a contact card and
 * scrolls; returns the time of their last touch. */
static uint64_t a_visit(ui *u)
{
    uint64_t t = T0;
    tap_id(u, "start", t += 100);
    tap_id(u, "lang-en", t += 100);
    tap_id(u, "search", t += 100);
    type(u, SECRET, t += 100);
    assert_true(frame_holds(u, SECRET));
    ui_event bs = {.type = UI_EV_KEY, .text = "backspace"};
    ui_event_(u, &bs, t += 100);
    type(u, "v bank", t += 100);
    key(u, "escape", t += 100); /* back home, the query stays for the back stack */
    tap_id(u, "money", t += 100);
    tap_id(u, "page-bank-account", t += 100); /* the fixture's longest page: it scrolls */
    assert_string_equal(ui_screen_name(u), "page");
    key(u, "pagedown", t += 100);
    ui_display(u);
    assert_true(u->v.scroll > 0);
    assert_non_null(u->page);
    assert_true(u->v.nstack > 0);
    return t;
}

static void test_idle_forgets_everything(void **state)
{
    (void)state;
    ui_config cfg = {.w = 800, .h = 480, .now = T0};
    ui *fresh = ui_new(pack, &fake_measurer, &cfg);
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    forget_requests(u);
    uint64_t t = a_visit(u);
    assert_true(memcmp(&u->v, &fresh->v, sizeof u->v) != 0);
    unsigned session = ui_session(u);

    /* a word typed in the search: the longer timeout, then "Still there?" unanswered */
    ui_tick(u, t + UI_IDLE_INPUT_MS - 1); /* not yet */
    assert_string_equal(ui_screen_name(u), "page");
    ui_tick(u, t + UI_IDLE_INPUT_MS);
    assert_string_equal(ui_screen_name(u), "still-there");
    assert_int_equal(forget_requests(u), 0);

    ui_tick(u, t + UI_IDLE_INPUT_MS + UI_STILL_MS);
    assert_string_equal(ui_screen_name(u), "attract");
    /* the whole visit is as it was before anybody came */
    assert_memory_equal(&u->v, &fresh->v, sizeof u->v);
    assert_null(u->page);
    assert_int_equal(forget_requests(u), 1);
    assert_int_not_equal(ui_session(u), session);
    assert_false(frame_holds(u, SECRET));
    buf b;
    buf_init(&b);
    ui_dump_json(u, &b);
    assert_null(strstr(b.data, SECRET));
    assert_null(strstr(b.data, "bank"));
    buf_free(&b);

    /* the next person finds an empty search and no way back into the last one's path */
    uint64_t t2 = t + UI_IDLE_INPUT_MS + UI_STILL_MS + 1000;
    tap_id(u, "start", t2);
    tap_id(u, "lang-en", t2 + 100);
    tap_id(u, "search", t2 + 200);
    assert_false(frame_holds(u, "bank"));
    key(u, "escape", t2 + 300);
    key(u, "escape", t2 + 400);
    assert_string_equal(ui_screen_name(u), "languages");
    ui_free(u);
    ui_free(fresh);
}

static void test_start_again_forgets_everything(void **state)
{
    (void)state;
    ui_config cfg = {.w = 800, .h = 480, .now = T0};
    ui *fresh = ui_new(pack, &fake_measurer, &cfg);
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    forget_requests(u);
    uint64_t t = a_visit(u);
    tap_id(u, "restart", t + 100);
    tap_id(u, "restart-yes", t + 200); /* it asks first: the search field holds text */
    assert_string_equal(ui_screen_name(u), "attract");
    assert_memory_equal(&u->v, &fresh->v, sizeof u->v);
    assert_null(u->page);
    assert_int_equal(forget_requests(u), 1);
    ui_free(u);
    ui_free(fresh);
}

/* The operator's preset language is not the person's: it survives, and the visit is still
 * a fresh one's. */
static void test_preset_language_kept(void **state)
{
    (void)state;
    ui_config cfg = {.w = 800, .h = 480, .now = T0, .lang = "ar"};
    ui *fresh = ui_new(pack, &fake_measurer, &cfg);
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    uint64_t t = T0;
    tap_id(u, "start", t += 100);
    assert_string_equal(ui_screen_name(u), "home");
    tap_id(u, "search", t += 100);
    type(u, "بانک", t += 100);
    ui_tick(u, t + UI_IDLE_INPUT_MS + UI_STILL_MS);
    assert_string_equal(ui_lang(u), "ar");
    assert_memory_equal(&u->v, &fresh->v, sizeof u->v);
    ui_free(u);
    ui_free(fresh);
}

/* The search field takes printable text only: a noncharacter (U+FFFF is libunibreak's end
 * marker and aborted the kiosk), control characters and broken UTF-8 stay out. */
static void test_keyboard_takes_text_only(void **state)
{
    (void)state;
    ui_config cfg = {.w = 800, .h = 480, .now = T0, .lang = "en"};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    tap_id(u, "start", T0);
    tap_id(u, "search", T0 + 10);
    type(u, "a\xEF\xBF\xBF" "b\xEF\xB7\x90" "c\x01\x7F\xC2\x85" "d\xC3" "e\xF4\x8F\xBF\xBF" "f", T0 + 20);
    assert_string_equal(u->v.search.query, "abcdef");
    ui_display(u);
    type(u, "\xD8\xA7\xE1\x88\x80", T0 + 30); /* Arabic and Ethiopic letters are text */
    assert_string_equal(u->v.search.query, "abcdef\xD8\xA7\xE1\x88\x80");
    ui_free(u);
}

/* Requests queue in order and each is taken once. */
static void test_requests_drain(void **state)
{
    (void)state;
    ui_config cfg = {.w = 800, .h = 480, .now = T0};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    ui_request r;
    assert_int_equal(ui_take_request(u, &r), 0); /* a new kiosk has nobody to forget */
    for (int i = 0; i < 3; i++) {
        tap_id(u, "start", T0 + 10 * (uint64_t)i);
        tap_id(u, "lang-en", T0 + 10 * (uint64_t)i + 1);
        tap_id(u, "restart", T0 + 10 * (uint64_t)i + 2);
    }
    assert_int_equal(forget_requests(u), 3);
    assert_int_equal(ui_take_request(u, &r), 0);
    ui_free(u);
}

/* ---- timers of the visit --------------------------------------------------------------- */

static int fired[4], order[8], nfired;
static void t_build(ui *u) { (void)u; }
static void t_timer(ui *u, int id)
{
    (void)u;
    fired[id]++;
    order[nfired++ % 8] = id;
}
static const ui_screen screen_t = {.name = "t", .build = t_build, .timer = t_timer};

static void test_timers_fire_in_order(void **state)
{
    (void)state;
    memset(fired, 0, sizeof fired), nfired = 0;
    ui_config cfg = {.w = 800, .h = 480, .now = T0};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    assert_int_equal(ui_next_deadline(u), UINT64_MAX); /* the start screen waits for nobody */
    tap_id(u, "start", T0);
    ui_go(u, &screen_t, NULL, 1);
    assert_int_equal(ui_timer_set(u, &screen_t, 1, T0 + 300), 0);
    assert_int_equal(ui_timer_set(u, &screen_t, 2, T0 + 100), 0);
    assert_int_equal(ui_timer_set(u, &screen_t, 3, T0 + 200), 0);
    assert_int_equal(ui_timer_set(u, &screen_t, 3, T0 + 250), 0); /* moved, not added */
    assert_int_equal(ui_next_deadline(u), T0 + 100);
    ui_tick(u, T0 + 99);
    assert_int_equal(nfired, 0);
    ui_tick(u, T0 + 260); /* two due: the earlier first */
    assert_int_equal(nfired, 2);
    assert_int_equal(order[0], 2);
    assert_int_equal(order[1], 3);
    assert_int_equal(ui_next_deadline(u), T0 + 300);
    ui_timer_clear(u, &screen_t, 1);
    assert_int_equal(ui_next_deadline(u), T0 + UI_IDLE_MS); /* only the idle timeout now */
    ui_tick(u, T0 + 1000);
    assert_int_equal(fired[1], 0);
    ui_free(u);
}

/* A timer past the idle timeout never fires: the person it was for is forgotten first. */
static void test_timer_forgotten_with_the_visit(void **state)
{
    (void)state;
    memset(fired, 0, sizeof fired), nfired = 0;
    ui_config cfg = {.w = 800, .h = 480, .now = T0};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    tap_id(u, "start", T0);
    ui_go(u, &screen_t, NULL, 1);
    for (int id = 0; id < UI_TIMERS; id++)
        assert_int_equal(ui_timer_set(u, &screen_t, id, T0 + UI_IDLE_MS + UI_STILL_MS + 10), 0);
    assert_int_equal(ui_timer_set(u, &screen_t, 9, T0 + 5), -1); /* all in use */
    ui_tick(u, T0 + UI_IDLE_MS + UI_STILL_MS + 20);
    assert_int_equal(nfired, 0);
    assert_string_equal(ui_screen_name(u), "attract");
    assert_int_equal(ui_next_deadline(u), UINT64_MAX);
    ui_free(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idle_forgets_everything),
        cmocka_unit_test(test_start_again_forgets_everything),
        cmocka_unit_test(test_preset_language_kept),
        cmocka_unit_test(test_requests_drain),
        cmocka_unit_test(test_keyboard_takes_text_only),
        cmocka_unit_test(test_timers_fire_in_order),
        cmocka_unit_test(test_timer_forgotten_with_the_visit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
