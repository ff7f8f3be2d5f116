/* page: what the page screen draws from a pack built here, from sources written by the test
 * (no demo content): local details not filled in show as a note, and bold text stays on the
 * words it was on however many placeholders come before it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_measurer.h"

#include "builder/pack.h"
#include "core/buf.h"
#include "pack/content.h"
#include "ui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scratch.h"

/* Builds a one-page pack whose page body is md; returns it opened. */
static content *pack_with(const char *md)
{
    assert_int_equal(scratch_make("page"), 0);
    one_page_source("1", md);
    pack_opts o = {.src = at("src"), .root = ".", .out = at("t.pack")};
    pack_result r;
    err e = {{0}};
    if (pack_compile(&o, &r, &e))
        fail_msg("pack build: %s", e.msg);
    content *c = content_open(at("t.pack"), &e);
    if (!c)
        fail_msg("pack open: %s", e.msg);
    return c;
}

static void cleanup(content *c)
{
    content_close(c);
    assert_int_equal(scratch_remove(), 0);
}

/* The face each drawn run of the page body has, by its text. */
static int face_of(const display_list *d, const char *text)
{
    for (size_t k = 0; k < d->n; k++) {
        const display_item *it = &d->items[k];
        if (it->kind == DISPLAY_TEXT && it->text_len == strlen(text) &&
            !memcmp(display_text_of(d, it), text, it->text_len))
            return it->face;
    }
    return -1;
}

static void test_bold_after_placeholders(void **state)
{
    (void)state;
    content *c = pack_with("Call {{fill in: a phone}} or {{fill in: the office}} then **bold** end.");
    ui_config cfg = {.w = 2400, .h = 600, .lang = "en", .page = "a"};
    ui *u = ui_new(c, &fake_measurer, &cfg);
    const display_list *d = ui_display(u);
    /* the runs split where the face changes: the bold word alone is bold */
    assert_int_equal(face_of(d, "bold"), TEXT_FACE_SANS_BOLD);
    assert_int_equal(face_of(d, " end."), TEXT_FACE_SANS);
    assert_int_equal(
        face_of(d, "Call [To be filled in locally] or [To be filled in locally] then "), TEXT_FACE_SANS);
    ui_free(u);
    cleanup(c);
}

/* Bold over a placeholder covers its note, and bold before one stays put. */
static void test_bold_around_placeholder(void **state)
{
    (void)state;
    content *c = pack_with("**Ask {{fill in: whom}}** and **here**.");
    ui_config cfg = {.w = 2400, .h = 600, .lang = "en", .page = "a"};
    ui *u = ui_new(c, &fake_measurer, &cfg);
    const display_list *d = ui_display(u);
    assert_int_equal(face_of(d, "Ask [To be filled in locally]"), TEXT_FACE_SANS_BOLD);
    assert_int_equal(face_of(d, " and "), TEXT_FACE_SANS);
    assert_int_equal(face_of(d, "here"), TEXT_FACE_SANS_BOLD);
    ui_free(u);
    cleanup(c);
}

/* With no pack, the staff screen says why, whatever the reason's length, inside the screen. */
static void test_fault_screen(void **state)
{
    (void)state;
    const char *why = "/media/usb/x.pack: the signature does not match";
    for (int w = 320; w <= 1920; w += 800) {
        display_list d;
        display_init(&d);
        ui_fault_screen(&d, &fake_measurer, w, 480, why);
        buf all;
        buf_init(&all);
        for (size_t k = 0; k < d.n; k++) {
            const display_item *it = &d.items[k];
            if (it->kind != DISPLAY_TEXT)
                continue;
            assert_true(it->x >= 0 && it->x + it->w <= w);
            assert_true(it->y > 0 && it->y < 480);
            buf_add(&all, display_text_of(&d, it), it->text_len);
        }
        assert_non_null(strstr(all.data, "signature"));
        assert_non_null(strstr(all.data, "staff"));
        buf_free(&all);
        display_free(&d);
    }
}

/* ---- was this helpful? ----------------------------------------------------------------- */

static char got[8][3][128]; /* survey, question, value of each submission */
static int ngot, fail_next;

static int fake_submit(void *ctx, const store_submission *sub, char id[37], err *e)
{
    (void)ctx;
    if (fail_next)
        return err_set(e, "disk full");
    assert_int_equal(sub->nanswers, 1);
    assert_string_equal(sub->lang, "en");
    assert_string_equal(sub->pack_id, "t");
    snprintf(got[ngot][0], 128, "%s", sub->survey);
    snprintf(got[ngot][1], 128, "%s", sub->answers[0].question);
    snprintf(got[ngot][2], 128, "%s", sub->answers[0].value);
    ngot++;
    snprintf(id, 37, "00000000-0000-4000-8000-%012d", ngot);
    return 0;
}

static void tap(ui *u, const char *id, uint64_t now)
{
    const ui_widget *w = ui_find_id(u, id);
    if (!w)
        fail_msg("no widget %s", id);
    int x = w->x + w->w / 2, y = w->y + w->h / 2;
    ui_event d = {.type = UI_EV_DOWN, .x = x, .y = y}, up = {.type = UI_EV_UP, .x = x, .y = y};
    ui_event_(u, &d, now);
    ui_event_(u, &up, now);
}

/* Log lines starting with prefix (the whole line when whole); drains the requests. */
static int logged_as(ui *u, const char *prefix, int whole)
{
    int n = 0;
    ui_request r;
    while (ui_take_request(u, &r)) {
        n += r.kind == UI_REQ_LOG && !strncmp(r.text, prefix, strlen(prefix)) &&
             (!whole || !r.text[strlen(prefix)]);
        free(r.text);
    }
    return n;
}

static int logged(ui *u, const char *prefix) { return logged_as(u, prefix, 0); }

static void test_helpful_yes(void **state)
{
    (void)state;
    content *c = pack_with("Some text.");
    ngot = fail_next = 0;
    ui_config cfg = {.w = 800, .h = 480, .lang = "en", .page = "a", .submit = fake_submit};
    ui *u = ui_new(c, &fake_measurer, &cfg);
    assert_non_null(ui_find_id(u, "helpful-yes"));
    assert_non_null(ui_find_id(u, "helpful-no"));
    /* a pack without a notice line: the footer says only when the facts were checked */
    assert_string_equal(ui_find_id(u, "footer")->label, "Checked: 2022-12-01");
    /* in view without scrolling, above the footer */
    assert_true(ui_find_id(u, "helpful-yes")->y + ui_find_id(u, "helpful-yes")->h <= ui_find_id(u, "footer")->y);
    tap(u, "helpful-yes", 1000);
    assert_int_equal(ngot, 1);
    assert_string_equal(got[0][0], "helpful");
    assert_string_equal(got[0][1], "a");
    assert_string_equal(got[0][2], "yes");
    /* the line names the survey and the count, nothing else: no submission id */
    assert_int_equal(logged_as(u, "feedback_saved survey=helpful answers=1", 1), 1);
    /* one vote a page a visit: the buttons are gone, the bar thanks */
    assert_null(ui_find_id(u, "helpful-yes"));
    assert_non_null(ui_find_id(u, "helpful-thanks"));
    ui_free(u);
    cleanup(c);
}

static void test_helpful_no_with_reason(void **state)
{
    (void)state;
    content *c = pack_with("Some text.");
    ngot = fail_next = 0;
    ui_config cfg = {.w = 800, .h = 480, .lang = "en", .page = "a", .submit = fake_submit};
    ui *u = ui_new(c, &fake_measurer, &cfg);
    const ui_widget *no = ui_find_id(u, "helpful-no");
    int x = no->x + no->w / 2, y = no->y + no->h / 2;
    tap(u, "helpful-no", 1000);
    /* the finger bounces: the second tap lands on the reason card, nothing more is stored */
    ui_event d = {.type = UI_EV_DOWN, .x = x, .y = y}, up = {.type = UI_EV_UP, .x = x, .y = y};
    ui_event_(u, &d, 1100);
    ui_event_(u, &up, 1100);
    assert_int_equal(ngot, 1);
    assert_string_equal(got[0][2], "no");
    assert_non_null(ui_find_id(u, "reason-hard"));
    assert_non_null(ui_find_id(u, "skip"));
    tap(u, "reason-outdated", 2000);
    assert_int_equal(ngot, 2);
    assert_string_equal(got[1][0], "helpful-reason");
    assert_string_equal(got[1][1], "a");
    assert_string_equal(got[1][2], "outdated");
    assert_null(ui_find_id(u, "reason-hard"));
    assert_non_null(ui_find_id(u, "helpful-thanks"));
    ui_free(u);
    cleanup(c);
}

static void test_helpful_failure_and_unavailable(void **state)
{
    (void)state;
    content *c = pack_with("Some text.");
    ngot = 0, fail_next = 1;
    ui_config cfg = {.w = 800, .h = 480, .lang = "en", .page = "a", .submit = fake_submit};
    ui *u = ui_new(c, &fake_measurer, &cfg);
    tap(u, "helpful-yes", 1000);
    const ui_widget *w = ui_find_id(u, "helpful-thanks");
    assert_non_null(w);
    assert_string_equal(w->label, "Could not be saved. Please tell staff.");
    assert_int_equal(logged(u, "feedback_failed survey=helpful: disk full"), 1);
    ui_free(u);
    /* no store (a read-only disk): no question asked */
    cfg.submit = NULL;
    u = ui_new(c, &fake_measurer, &cfg);
    assert_null(ui_find_id(u, "helpful-yes"));
    assert_non_null(ui_find_id(u, "footer"));
    ui_free(u);
    cleanup(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bold_after_placeholders),
        cmocka_unit_test(test_bold_around_placeholder),
        cmocka_unit_test(test_fault_screen),
        cmocka_unit_test(test_helpful_yes),
        cmocka_unit_test(test_helpful_no_with_reason),
        cmocka_unit_test(test_helpful_failure_and_unavailable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
