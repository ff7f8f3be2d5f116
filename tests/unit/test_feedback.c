/* feedback vocabulary: what the kiosk stores is what the report counts and names. The kiosk's
 * screens (fixture pack, fake measurer) give every reason after a "no", every face and every
 * choice of the background block; each submission goes straight into a central database, and
 * `sveikictl report` must count each one under its own label, never as an unknown answer.
 * A screen or the report that spelled an id its own way again would fail here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_measurer.h"
#include "scratch.h"

#include "core/buf.h"
#include "feedback.h"
#include "pack/content.h"
#include "report/report.h"
#include "sync/central.h"
#include "ui/screen.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE "build/fixture.pack"
#define PAGE "transport"

static content *pack;
static sqlite3 *db;
static int seq;
static uint64_t clock_ms = 10000;

static int setup(void **state)
{
    (void)state;
    err e = {{0}};
    pack = content_open(FIXTURE, &e);
    if (!pack) {
        fprintf(stderr, "cannot open %s (run `make all` first): %s\n", FIXTURE, e.msg);
        return -1;
    }
    if (scratch_make("feedback") || sqlite3_open(at("c.db"), &db) != SQLITE_OK ||
        sqlite3_exec(db, CENTRAL_SCHEMA, NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    content_close(pack);
    return scratch_remove();
}

/* The store of this test: the central database, as a merge would fill it. */
static int to_central(void *ctx, const store_submission *sub, char id[37], err *e)
{
    (void)ctx, (void)e;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO answers VALUES (?1, 'kiosk-1', ?2, ?3, "
                                            "?4, ?5, ?6, ?7, 'fixture', '1', 1664755200, 'b', ?8)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    char subid[16];
    snprintf(subid, sizeof subid, "s-%d", seq);
    for (int k = 0; k < sub->nanswers; k++) {
        char uuid[16];
        snprintf(uuid, sizeof uuid, "u-%d", ++seq);
        sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 2, seq);
        sqlite3_bind_text(st, 3, subid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, sub->survey, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, sub->answers[k].question, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, sub->answers[k].value, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 7, sub->lang, -1, SQLITE_TRANSIENT);
        /* the kind the screens gave it: the report counts by it */
        assert_non_null(sub->answers[k].kind);
        sqlite3_bind_text(st, 8, sub->answers[k].kind, -1, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    snprintf(id, 37, "11111111-2222-4333-8444-555555555555");
    return 0;
}

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

static ui *open_kiosk(const char *page)
{
    ui_config cfg = {.w = 800, .h = 480, .now = clock_ms, .lang = "en", .page = page,
                     .submit = to_central};
    return ui_new(pack, &fake_measurer, &cfg);
}

/* The kiosk: a "no" with each reason, a "yes"; then five surveys, each with a face and one
 * choice of every background question (every choice once). */
static void kiosk_answers(void)
{
    for (int k = 0; k < FEEDBACK_NREASONS; k++) {
        ui *u = open_kiosk(PAGE);
        tap(u, "helpful-no");
        char id[64];
        snprintf(id, sizeof id, "reason-%s", feedback_reasons[k].id);
        tap(u, id);
        assert_non_null(ui_find_id(u, "helpful-thanks"));
        ui_free(u);
    }
    ui *u = open_kiosk(PAGE);
    tap(u, "helpful-yes");
    ui_free(u);
    for (int i = 0; i < FEEDBACK_BG_CHOICES_MAX; i++) {
        u = open_kiosk(NULL);
        tap(u, "start");
        tap(u, "feedback");
        tap(u, "start");
        /* a face, the i-th choice of every background question, the rest skipped */
        for (int step = 0; step < 32; step++) {
            char id[64];
            snprintf(id, sizeof id, "answer-%s", feedback_faces[i % FEEDBACK_NFACES].id);
            if (ui_find_id(u, "answer-1") && ui_find_id(u, "answer-4") &&
                !ui_find_id(u, "about-you"))
                tap(u, id);
            for (int b = 0; b < FEEDBACK_NBACKGROUND && ui_find_id(u, "about-you"); b++) {
                const feedback_term *c = feedback_background[b].choices;
                int n = 0;
                while (c[n].id)
                    n++;
                snprintf(id, sizeof id, "answer-%s", c[0].id);
                if (!ui_find_id(u, id))
                    continue; /* another question of the block */
                snprintf(id, sizeof id, "answer-%s", c[i % n].id);
                tap(u, id);
                break;
            }
            if (ui_find_id(u, "send")) {
                tap(u, "send");
                break;
            }
            tap(u, "next");
        }
        assert_string_equal(ui_screen_name(u), "thanks");
        ui_free(u);
    }
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    buf b;
    buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        buf_add(&b, chunk, n);
    fclose(fp);
    return buf_take(&b);
}

/* The line of questions.csv for this question and answer (from its answer id on), or NULL. */
static const char *answer_line(const char *csv, const char *question, const char *answer)
{
    char key[256];
    snprintf(key, sizeof key, ",%s,", question);
    for (const char *p = csv; (p = strstr(p, key)); p++) {
        const char *eol = strstr(p, "\r\n"), *a = p;
        for (int commas = 0; a < eol && commas < 4; a++) /* question,text,multiple,answer */
            commas += *a == ',';
        if (a < eol && !strncmp(a, answer, strlen(answer)) && a[strlen(answer)] == ',')
            return a;
    }
    return NULL;
}

static void test_kiosk_and_report_agree(void **state)
{
    (void)state;
    /* three rounds: each count is at least 3, the lowest k a report takes */
    for (int round = 0; round < 3; round++)
        kiosk_answers();
    report_opts o;
    err e = {{0}};
    char dbp[256], out[256];
    snprintf(dbp, sizeof dbp, "%s", at("c.db"));
    snprintf(out, sizeof out, "%s", at("out"));
    char *argv[] = {dbp, "--out", out, "--k", "3", "--pack", FIXTURE, NULL};
    assert_int_equal(report_args(7, argv, &o, &e), 0);
    report_result r;
    if (report_run(&o, &r, &e))
        fail_msg("%s", e.msg);

    /* every reason the kiosk offers is a column of the report, counted once */
    char *csv = slurp(at("out/reasons.csv"));
    assert_non_null(csv);
    buf head;
    buf_init(&head);
    buf_adds(&head, "page,title,");
    for (int k = 0; k < FEEDBACK_NREASONS; k++)
        buf_adds(&head, feedback_reasons[k].id), buf_adds(&head, ",");
    buf_adds(&head, "all\r\n");
    char *h = buf_take(&head);
    assert_true(!strncmp(csv, h, strlen(h)));
    assert_non_null(strstr(csv, ",3,3,3,3,12\r\n")); /* the page's row: three each */
    free(h), free(csv);
    csv = slurp(at("out/helpful.csv"));
    assert_non_null(strstr(csv, ",15,3,12,")); /* votes, yes, no */
    free(csv);

    /* every face and every background choice under its own label, none unknown */
    csv = slurp(at("out/questions.csv"));
    assert_non_null(csv);
    for (int k = 0; k < FEEDBACK_NFACES; k++) {
        const char *l = answer_line(csv, "help", feedback_faces[k].id);
        if (!l)
            fail_msg("face %s not in the report", feedback_faces[k].id);
        char want[128];
        snprintf(want, sizeof want, "%s,%s,%d,", feedback_faces[k].id, feedback_faces[k].label,
                 k == 0 ? 6 : 3); /* five surveys a round, four faces: the first twice */
        assert_true(!strncmp(l, want, strlen(want)));
    }
    for (int b = 0; b < FEEDBACK_NBACKGROUND; b++) {
        const feedback_background_q *q = &feedback_background[b];
        int n = 0;
        for (; q->choices[n].id; n++) {
            const char *l = answer_line(csv, q->id, q->choices[n].id);
            if (!l)
                fail_msg("%s %s not in the report", q->id, q->choices[n].id);
            char want[128];
            snprintf(want, sizeof want, "%s,%s,", q->choices[n].id, q->choices[n].label);
            assert_true(!strncmp(l, want, strlen(want)));
            assert_true(atoi(l + strlen(want)) >= 3);
        }
        /* the question's heading, and answered by all fifteen */
        char want[256];
        snprintf(want, sizeof want, "%s,%s,no,answered,,15,", q->id, q->heading);
        assert_non_null(strstr(csv, want));
    }
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kiosk_and_report_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
