/* report run: the whole of `sveikictl report`: read, count, build the tables, suppress small
 * cells once, and write the folder (html.c, csv.c, free_text.c). See report.h. */
#include "report/gather.h"

#include "feedback.h"
#include "fs.h"
#include "home.h"
#include "pack/content.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* o's dates widened to whole periods: from back to its period's first day, to on to the end
 * of the period holding its last day. Open ends stay open. */
static void widen(report_opts *o)
{
    if (o->from > REPORT_T_MIN)
        o->from = report_period_start(report_day_of(o->from), o->month) * 86400;
    if (o->to < REPORT_T_MAX)
        o->to = report_period_next(report_period_start(report_day_of(o->to - 1), o->month), o->month) * 86400;
}

int report_run(const report_opts *asked, report_result *r, err *e)
{
    memset(r, 0, sizeof *r);
    report_opts wide = *asked, *o = &wide;
    widen(o);
    report_data d = {.o = o, .first = -1, .last = -1, .asked_from = asked->from, .asked_to = asked->to};
    d.widened = o->from != asked->from || o->to != asked->to;
    r->widened = d.widened, r->from = o->from, r->to = o->to;
    report_cells_init(&d.cells);
    report_acc g = {.month = o->month, .printing = 1};
    report_strtab skip = {0}; /* copies in bursts counted once, left out */
    report_texts texts = {0};
    content *c = NULL;
    danger *dg = NULL;
    sqlite3 *db = NULL;
    int ret = -1;
    char path[4200], root[4096], fonts[4200];
    report_tr tr = {0};
    if (o->k < REPORT_K_MIN) /* also when the options were not read by report_args */
        return err_set(e, "report: k = %ld: the lowest k is %d", o->k, REPORT_K_MIN);
    if (sodium_init() < 0) /* bursts.c's keys */
        return err_set(e, "report: libsodium failed to start");
    g.helpful = report_intern(&g.surveys, FEEDBACK_HELPFUL);
    g.reason = report_intern(&g.surveys, FEEDBACK_REASON);
    report_acc_keys(&g);
    /* the report's words and fonts are the installation's, like the kiosk's */
    if (o->root)
        snprintf(root, sizeof root, "%s", o->root);
    else
        home_find(root, sizeof root);
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", root);
    if (report_tr_open(&tr, root, o->lang, e))
        goto out;
    d.tr = &tr;
    d.fonts = fonts;
    d.danger_phrases = -1;
    if (o->pack) {
        if (!(c = content_open(o->pack, e)))
            goto out;
        d.pack_id = content_pack_id(c);
        d.pack_version = content_version(c);
        d.pack_lang = o->lang ? o->lang : content_fallback(c);
        if (!content_find_lang(c, d.pack_lang)) {
            err_set(e, "%s: no language \"%s\" in this pack", o->pack, d.pack_lang);
            goto out;
        }
        /* the kiosk's own list: the texts it asked about before sending come first here */
        dg = content_danger_list(c);
        d.danger_phrases = danger_count(dg);
    }
    if (!(db = report_db_open(o->db, e)) || report_read_answers(db, o, &g, &d, e))
        goto out;
    if (report_bursts_find(&g, &d, &skip)) {
        /* a burst counted once: count everything again without its copies (rare; the
         * bursts found stay as they are) */
        report_acc_free(&g);
        g = (report_acc){.month = o->month, .skip = &skip};
        g.helpful = report_intern(&g.surveys, FEEDBACK_HELPFUL);
        g.reason = report_intern(&g.surveys, FEEDBACK_REASON);
        d.answers = d.skipped_time = 0, d.first = d.last = -1;
        if (report_read_answers(db, o, &g, &d, e))
            goto out;
    }
    g.printing = 0;
    if (report_read_devices(db, o, &g, &d, e))
        goto out;
    const char *slash = strrchr(o->db, '/');
    d.db_name = slash ? slash + 1 : o->db;
    report_tables_build(&d, &g, c);
    /* typed text, for the page's counts (danger words, held back) and free-text.csv */
    if (report_texts_read(db, &d, &g, dg, &texts, e))
        goto out;
    report_cells_suppress(&d.cells, o->k);
    report_tables_rank(&d); /* by what is shown: after the suppression */
    r->answers = d.answers;
    r->submissions = d.cells.value[d.surveys_all];
    r->votes = d.cells.value[d.votes];
    if (fs_mkdirs(o->out, e))
        goto out;
    snprintf(path, sizeof path, "%s/index.html", o->out);
    if (report_html_write(&d, path, &r->font_bytes, e))
        goto out;
    r->files++;
    if (report_csv_write(&d, o->out, &r->files, e))
        goto out;
    snprintf(path, sizeof path, "%s/free-text.csv", o->out);
    r->free_text_held = d.texts_held;
    r->danger = d.texts_danger;
    r->danger_held = d.texts_danger_held;
    r->bursts = d.nbursts;
    if (o->free_text) {
        if (report_free_text_write(&texts, path, e))
            goto out;
        r->files++;
    } else {
        /* an earlier run's typed text must not travel on with this folder */
        if (fs_exists(path)) {
            if (fs_remove(path, e))
                goto out;
            r->free_text_removed = 1;
        }
    }
    /* answers.csv: not suppressed, so only when asked for, and never left behind */
    snprintf(path, sizeof path, "%s/answers.csv", o->out);
    if (o->answers) {
        if (report_answers_write(db, &d, &g, path, &r->answers_rows, e))
            goto out;
        r->files++;
    } else if (fs_exists(path)) {
        if (fs_remove(path, e))
            goto out;
        r->answers_removed = 1;
    }
    if (o->pdf) {
        if (report_pdf(o->out, e))
            goto out;
        r->files++;
    }
    if (r->free_text_held && o->free_text)
        fprintf(stderr, "report: %ld typed answers held back from free-text.csv: their language "
                        "had fewer than %ld people in these dates\n", r->free_text_held, o->k);
    if (d.danger_phrases < 0)
        fprintf(stderr, "report: typed answers were not looked through for danger words: give "
                        "--pack with the kiosks' pack\n");
    else if (d.danger_phrases == 0)
        fprintf(stderr, "report: %s has no danger words (help.txt): typed answers were not "
                        "looked through for them\n", o->pack);
    else if (r->danger)
        fprintf(stderr, "report: %ld typed answers hold a danger word and need a person to read "
                        "them%s; %ld of them held back (their language had fewer than %ld people: "
                        "read them in the central database)\n",
                r->danger, o->free_text ? ": first in free-text.csv" : " (--free-text writes them)",
                r->danger_held, o->k);
    if (r->bursts)
        fprintf(stderr, "report: %ld bursts of identical submissions flagged (%ld copies left "
                        "out: those of %d answers or more count once)\n",
                r->bursts, d.burst_left_out, REPORT_BURST_ONCE);
    if (d.widened) /* the operator asked for other dates: say so where they look */
        fprintf(stderr, "report: dates widened to whole %s: %s to %s (asked for %s to %s)\n",
                o->month ? "months" : "ISO weeks",
                o->from > REPORT_T_MIN ? report_date(o->from) : "the start",
                o->to < REPORT_T_MAX ? report_date(o->to - 1) : "the end",
                asked->from > REPORT_T_MIN ? report_date(asked->from) : "the start",
                asked->to < REPORT_T_MAX ? report_date(asked->to - 1) : "the end");
    ret = 0;
out:
    sqlite3_close(db);
    danger_free(dg);
    report_texts_free(&texts);
    report_tr_close(&tr);
    content_close(c);
    report_acc_free(&g);
    report_strtab_free(&skip);
    report_cells_free(&d.cells);
    arena_free(&d.a);
    return ret;
}

