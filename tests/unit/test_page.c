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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bold_after_placeholders),
        cmocka_unit_test(test_bold_around_placeholder),
        cmocka_unit_test(test_fault_screen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
