/* report: small-cell suppression (a lone hidden cell beside a total, all cells small, k = 1,
 * zeros, cells shared by two tables, and random tables checked by an attacker who looks for
 * another table with the same shown numbers), CSV quoting and HTML escaping, and a whole run
 * on a hostile database: what it holds appears escaped, typed text never in index.html. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "report/cells.h"
#include "report/escape.h"
#include "report/report.h"
#include "report/tr.h"
#include "sync/central.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include "scratch.h"

/* ---- suppression ----------------------------------------------------------------------- */

/* One line: cells with these values and their total (sum unless total >= 0 is given). */
static int line(report_cells *c, const long *v, int n, int *ids, int additive, long total)
{
    long sum = 0;
    for (int i = 0; i < n; i++)
        ids[i] = report_cells_add(c, v[i]), sum += v[i];
    int m = report_cells_add(c, total >= 0 ? total : sum);
    report_cells_line(c, ids, n, m, additive);
    return m;
}

static const char *show(const report_cells *c, int i, long k)
{
    static char out[8][32];
    static int r;
    return report_cells_show(c, i, k, out[r++ % 8]);
}

/* A command-line option in a sentence of the page stays whole and left to right in an
 * isolate (a right-to-left sentence showed "months--"); dashes that are no option, and the
 * text outside the page, are left as they are. */
static void test_options_isolated_in_html(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    report_fill(&b, 1, "طول (--months، أو --from {x}) a -- b x--y <--c>", "x", "--not-an-option", NULL);
    assert_string_equal(b.data, "طول (<bdi dir=\"ltr\">--months</bdi>، أو <bdi dir=\"ltr\">--from</bdi> "
                                "--not-an-option) a -- b x--y &lt;<bdi dir=\"ltr\">--c</bdi>&gt;");
    buf_clear(&b);
    report_fill(&b, 0, "(--months)", NULL);
    assert_string_equal(b.data, "(--months)");
    buf_free(&b);
}

static void test_lone_cell_beside_total(void **state)
{
    (void)state;
    /* 3 alone would be 33 - 10 - 20: the smallest other (10) goes too; 20 and 33 stay */
    report_cells c;
    report_cells_init(&c);
    int id[3];
    int t = line(&c, (long[]){10, 3, 20}, 3, id, 1, -1);
    report_cells_suppress(&c, 5);
    assert_string_equal(show(&c, id[0], 5), "hidden");
    assert_string_equal(show(&c, id[1], 5), "<5");
    assert_string_equal(show(&c, id[2], 5), "20");
    assert_string_equal(show(&c, t, 5), "33");
    report_cells_free(&c);

    /* two small cells whose sum is still small (1 + 1 = 52 - 50): the 50 goes too */
    report_cells_init(&c);
    t = line(&c, (long[]){50, 1, 1}, 3, id, 1, -1);
    report_cells_suppress(&c, 5);
    assert_true(report_cells_hidden(&c, id[0]) && report_cells_hidden(&c, id[1]) && report_cells_hidden(&c, id[2]));
    assert_string_equal(show(&c, t, 5), "52");
    report_cells_free(&c);

    /* one cell and its total: the total is the cell, so it is hidden with it */
    report_cells_init(&c);
    t = line(&c, (long[]){4}, 1, id, 1, -1);
    report_cells_suppress(&c, 5);
    assert_true(report_cells_hidden(&c, id[0]) && report_cells_hidden(&c, t));
    report_cells_free(&c);

    /* nothing small: nothing hidden */
    report_cells_init(&c);
    t = line(&c, (long[]){5, 6, 70}, 3, id, 1, -1);
    report_cells_suppress(&c, 5);
    for (int i = 0; i < 3; i++)
        assert_false(report_cells_hidden(&c, id[i]));
    assert_false(report_cells_hidden(&c, t));
    report_cells_free(&c);
}

static void test_all_small(void **state)
{
    (void)state;
    report_cells c;
    report_cells_init(&c);
    int id[3];
    int t = line(&c, (long[]){1, 2, 3}, 3, id, 1, -1);
    report_cells_suppress(&c, 5);
    for (int i = 0; i < 3; i++)
        assert_string_equal(show(&c, id[i], 5), "<5");
    assert_string_equal(show(&c, t, 5), "6"); /* 6 people, none of them singled out */
    report_cells_free(&c);

    report_cells_init(&c);
    t = line(&c, (long[]){1, 2, 0}, 3, id, 1, -1);
    report_cells_suppress(&c, 5);
    for (int i = 0; i < 3; i++) /* the zero too: it would tell where the 3 are not */
        assert_string_equal(show(&c, id[i], 5), (i == 2 ? "hidden" : "<5"));
    assert_string_equal(show(&c, t, 5), "<5");
    report_cells_free(&c);

    /* k = 10: "<10", and the 30 hidden with it: "hidden" */
    report_cells_init(&c);
    t = line(&c, (long[]){9, 30}, 2, id, 1, -1);
    report_cells_suppress(&c, 10);
    assert_string_equal(show(&c, id[0], 10), "<10");
    assert_string_equal(show(&c, id[1], 10), "hidden");
    assert_string_equal(show(&c, t, 10), "39");
    report_cells_free(&c);
}

static void test_k1_shows_everything(void **state)
{
    (void)state;
    report_cells c;
    report_cells_init(&c);
    int id[4];
    int t = line(&c, (long[]){1, 0, 2, 1}, 4, id, 1, -1);
    report_cells_suppress(&c, 1);
    const char *want[4] = {"1", "0", "2", "1"};
    for (int i = 0; i < 4; i++)
        assert_string_equal(show(&c, id[i], 1), want[i]);
    assert_string_equal(show(&c, t, 1), "4");
    report_cells_free(&c);
}

static void test_zeros(void **state)
{
    (void)state;
    report_cells c;
    report_cells_init(&c);
    int id[2];
    int t = line(&c, (long[]){0, 7}, 2, id, 1, -1); /* 7 of 7 said no: a group of 7 */
    report_cells_suppress(&c, 5);
    assert_string_equal(show(&c, id[0], 5), "0");
    assert_string_equal(show(&c, id[1], 5), "7");
    assert_string_equal(show(&c, t, 5), "7");
    report_cells_free(&c);

    report_cells_init(&c);
    t = line(&c, (long[]){0, 2}, 2, id, 1, -1); /* both of 2 said no: not shown */
    report_cells_suppress(&c, 5);
    assert_string_equal(show(&c, id[0], 5), "hidden");
    assert_string_equal(show(&c, id[1], 5), "<5");
    assert_string_equal(show(&c, t, 5), "<5");
    report_cells_free(&c);
}

/* A count hidden to protect a small one says "hidden": "Man: 19" showed as "<5", which is
 * false. And since the labels differ, a reader knows a "hidden" cell is 0 or k and more: a
 * line where that pins the small one (1 + 5 = 26 - 20, and 5 cannot be "<5") hides more. */
static void test_secondary_says_hidden(void **state)
{
    (void)state;
    report_cells c;
    report_cells_init(&c);
    int id[3];
    int t = line(&c, (long[]){30, 19, 2}, 3, id, 1, -1); /* woman, man, another gender */
    report_cells_suppress(&c, 5);
    assert_string_equal(show(&c, id[0], 5), "30");
    assert_string_equal(show(&c, id[1], 5), "hidden");
    assert_string_equal(show(&c, id[2], 5), "<5");
    assert_string_equal(show(&c, t, 5), "51");
    report_cells_free(&c);

    report_cells_init(&c);
    t = line(&c, (long[]){1, 5, 20}, 3, id, 1, -1);
    report_cells_suppress(&c, 5);
    assert_string_equal(show(&c, id[0], 5), "<5");
    assert_string_equal(show(&c, id[1], 5), "hidden");
    /* 1 and 5 alone hidden: 6 = "<5" + "hidden" has one answer, 1 + 5; the 20 goes too */
    assert_string_equal(show(&c, id[2], 5), "hidden");
    assert_string_equal(show(&c, t, 5), "26");
    report_cells_free(&c);
}

static void test_multiple_choice_line(void **state)
{
    (void)state;
    /* people could choose several: the counts do not sum to the total, so a small one cannot
     * be worked out from it and nothing else is hidden */
    report_cells c;
    report_cells_init(&c);
    int id[3];
    int t = line(&c, (long[]){3, 10, 12}, 3, id, 0, 15);
    report_cells_suppress(&c, 5);
    assert_true(report_cells_hidden(&c, id[0]));
    assert_false(report_cells_hidden(&c, id[1]) || report_cells_hidden(&c, id[2]) || report_cells_hidden(&c, t));
    report_cells_free(&c);
}

static void test_shared_cell(void **state)
{
    (void)state;
    /* responses = page votes 40 + survey 3; the 40 is also the total of the votes table
     * (yes 30, no 10). Hiding the 40 in the first table must hide it in the second too, and
     * then the second needs another hidden cell. */
    report_cells c;
    report_cells_init(&c);
    int v = report_cells_add(&c, 40), s = report_cells_add(&c, 3), n = report_cells_add(&c, 43);
    report_cells_line(&c, (int[]){v, s}, 2, n, 1);
    int yes = report_cells_add(&c, 30), no = report_cells_add(&c, 10);
    report_cells_line(&c, (int[]){yes, no}, 2, v, 1);
    report_cells_suppress(&c, 5);
    assert_true(report_cells_hidden(&c, s) && report_cells_hidden(&c, v));
    assert_false(report_cells_hidden(&c, n));
    assert_true(report_cells_hidden(&c, yes) + report_cells_hidden(&c, no) >= 1);
    report_cells_free(&c);
}

/* The attacker: given what is shown, is there another table (non-negative counts, every
 * line's sum kept, every shown count kept) in which hidden cell x differs? Steps of -3 to +3
 * on the hidden cells are enough in these small tables. */
#define STEP 3
typedef struct attack {
    const report_cells *c;
    int h[64], nh, pos[256];
    int d[64];
} attack;

static int balanced(const attack *a, int upto)
{
    const report_cells *c = a->c;
    for (int l = 0; l < c->nlines; l++) {
        const struct report_line *ln = &c->line[l];
        if (!ln->additive)
            continue;
        int sum = 0, open = 0;
        for (int j = 0; j <= ln->n; j++) {
            int x = j < ln->n ? c->ref[ln->first + j] : ln->margin;
            int p = a->pos[x];
            if (p < 0)
                continue;
            if (p >= upto) {
                open++;
                continue;
            }
            sum += j < ln->n ? a->d[p] : -a->d[p];
        }
        if (!open && sum)
            return 0;
        if (open && abs(sum) > open * STEP)
            return 0;
    }
    return 1;
}

static int search(attack *a, int i, int x)
{
    if (i == a->nh)
        return 1;
    static const int steps[2 * STEP + 1] = {0, 1, -1, 2, -2, 3, -3};
    for (int s = 0; s < 2 * STEP + 1; s++) {
        int dv = steps[s];
        if (a->h[i] == x && !dv)
            continue;
        if (a->c->value[a->h[i]] + dv < 0)
            continue;
        a->d[i] = dv;
        if (balanced(a, i + 1) && search(a, i + 1, x))
            return 1;
    }
    a->d[i] = 0;
    return 0;
}

static void check_table(const report_cells *c, long k)
{
    for (int i = 0; i < c->n; i++)
        if (c->value[i] > 0 && c->value[i] < k)
            assert_true(report_cells_hidden(c, i));
    for (int l = 0; l < c->nlines; l++) {
        const struct report_line *ln = &c->line[l];
        int h = report_cells_hidden(c, ln->margin);
        long sum = 0;
        for (int j = 0; j < ln->n; j++)
            if (report_cells_hidden(c, c->ref[ln->first + j]))
                h++, sum += c->value[c->ref[ln->first + j]];
        assert_true(h == 0 || h >= 2);
        if (!report_cells_hidden(c, ln->margin) && h)
            assert_true(sum >= k);
    }
    attack a = {.c = c};
    assert_true(c->n <= 256);
    for (int i = 0; i < c->n; i++) {
        a.pos[i] = -1;
        if (report_cells_hidden(c, i)) {
            assert_true(a.nh < 64);
            a.pos[i] = a.nh;
            a.h[a.nh++] = i;
        }
    }
    for (int i = 0; i < a.nh; i++) {
        if (!search(&a, 0, a.h[i])) {
            for (int j = 0; j < c->n; j++)
                print_message("%d:%ld%s ", j, c->value[j], report_cells_hidden(c, j) ? "*" : "");
            print_message("\n");
            for (int l = 0; l < c->nlines; l++) {
                for (int j = 0; j < c->line[l].n; j++)
                    print_message("%d ", c->ref[c->line[l].first + j]);
                print_message("| %d\n", c->line[l].margin);
            }
        }
        if (!search(&a, 0, a.h[i]))
            fail_msg("hidden cell %d (value %ld) can be worked out", a.h[i], c->value[a.h[i]]);
    }
}

/* An R x C table with its row and column totals and the grand total. */
static void table2d(report_cells *c, int R, int C, const long *v)
{
    int cell[8][8], row[8], col[8], all;
    long rs[8] = {0}, cs[8] = {0}, n = 0;
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++) {
            cell[i][j] = report_cells_add(c, v[i * C + j]);
            rs[i] += v[i * C + j], cs[j] += v[i * C + j], n += v[i * C + j];
        }
    all = report_cells_add(c, n);
    int tmp[8];
    for (int i = 0; i < R; i++) {
        row[i] = report_cells_add(c, rs[i]);
        report_cells_line(c, cell[i], C, row[i], 1);
    }
    for (int j = 0; j < C; j++) {
        col[j] = report_cells_add(c, cs[j]);
        for (int i = 0; i < R; i++)
            tmp[i] = cell[i][j];
        report_cells_line(c, tmp, R, col[j], 1);
    }
    report_cells_line(c, row, R, all, 1);
    report_cells_line(c, col, C, all, 1);
}

static void test_random_tables_attacked(void **state)
{
    (void)state;
    static const long pool[] = {0, 0, 1, 2, 3, 4, 5, 6, 9, 14, 30};
    unsigned seed = 20221202;
    for (int t = 0; t < 400; t++) {
        int R = 2 + t % 3, C = 2 + (t / 3) % 3;
        long v[16];
        for (int i = 0; i < R * C; i++) {
            seed = seed * 1103515245u + 12345u;
            v[i] = pool[(seed >> 16) % (sizeof pool / sizeof *pool)];
        }
        report_cells c;
        report_cells_init(&c);
        table2d(&c, R, C, v);
        report_cells_suppress(&c, 5);
        check_table(&c, 5);
        report_cells_free(&c);
    }
}

/* Three lines over three cells, each line with two hidden: every line alone is content, but
 * together they decide every cell (x1 = (m1 + m2 - m3) / 2). The elimination must catch it
 * and hide a total. */
static void test_equations_together(void **state)
{
    (void)state;
    report_cells c;
    report_cells_init(&c);
    int x1 = report_cells_add(&c, 3), x2 = report_cells_add(&c, 10), x3 = report_cells_add(&c, 12);
    int m1 = report_cells_add(&c, 13), m2 = report_cells_add(&c, 15), m3 = report_cells_add(&c, 22);
    report_cells_line(&c, (int[]){x1, x2}, 2, m1, 1);
    report_cells_line(&c, (int[]){x1, x3}, 2, m2, 1);
    report_cells_line(&c, (int[]){x2, x3}, 2, m3, 1);
    report_cells_suppress(&c, 5);
    assert_true(report_cells_hidden(&c, x1) && report_cells_hidden(&c, x2) && report_cells_hidden(&c, x3));
    assert_true(report_cells_hidden(&c, m1) + report_cells_hidden(&c, m2) + report_cells_hidden(&c, m3) >= 1);
    check_table(&c, 5);
    report_cells_free(&c);
}

/* Two blocks of ones in a 5 x 5 table: every cell that holds a one, and what protects it. */
static void test_blocks_of_small_cells(void **state)
{
    (void)state;
    const long v[5 * 5] = {
        1, 1, 30, 30, 30,
        1, 1, 30, 30, 30,
        30, 30, 1, 1, 30,
        30, 30, 1, 1, 30,
        30, 30, 30, 30, 30,
    };
    report_cells c;
    report_cells_init(&c);
    table2d(&c, 5, 5, v);
    report_cells_suppress(&c, 5);
    check_table(&c, 5);
    report_cells_free(&c);
}

/* ---- escaping ------------------------------------------------------------------------- */

static void test_csv_quoting(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        {"plain", "plain"},
        {"", ""},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"crlf\r\nend", "\"crlf\r\nend\""},
        {"نحتاج معلومات، \"واضحة\"\nعن الحافلة", "\"نحتاج معلومات، \"\"واضحة\"\"\nعن الحافلة\""},
        {"مرحبا", "مرحبا"},
        {"=SUM(A1:A9)", "\"'=SUM(A1:A9)\""},
        {"+371 20000000", "\"'+371 20000000\""},
        {"@cmd", "\"'@cmd\""},
        {"-2+3", "\"'-2+3\""},
        {"bad \xff byte", "bad \xef\xbf\xbd byte"},
        {"bell\x07 gone", "bell gone"},
        {"<5", "<5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf b;
        buf_init(&b);
        report_escape_csv(&b, cases[i].in);
        assert_string_equal(b.data ? b.data : "", cases[i].out);
        buf_free(&b);
    }
}

/* Every formula starter, in every form a spreadsheet folds, after every run of blank or
 * invisible characters it skips, gets the apostrophe; the same text not at the start does not. */
static void test_csv_formula_after_blanks(void **state)
{
    (void)state;
    static const char *const lead[] = {"", " ", "  ", "\xC2\xA0", "\xEF\xBB\xBF", "\n", "\r\n",
                                       " \n\xC2\xA0", "\xE2\x80\x8B", "\xE3\x80\x80", "\x07",
                                       "\xE2\x80\xAF\xEF\xBB\xBF "};
    static const char *const start[] = {"=", "+", "-", "@", "\t", "\r",
                                        "\xEF\xBC\x9D" /* ＝ */, "\xEF\xBC\x8B" /* ＋ */,
                                        "\xEF\xBC\x8D" /* － */, "\xEF\xBC\xA0" /* ＠ */,
                                        "\xEF\xB9\xA6" /* ﹦ */, "\xE2\x88\x92" /* − */};
    for (size_t i = 0; i < sizeof lead / sizeof *lead; i++)
        for (size_t j = 0; j < sizeof start / sizeof *start; j++) {
            char in[64];
            snprintf(in, sizeof in, "%s%sHYPERLINK(\"http://x\")", lead[i], start[j]);
            buf b;
            buf_init(&b);
            report_escape_csv(&b, in);
            if (strncmp(b.data, "\"'", 2))
                fail_msg("lead %zu start %zu: written as [%s], no apostrophe first", i, j, b.data);
            buf_free(&b);
            snprintf(in, sizeof in, "a%s%s1", lead[i], start[j]);
            buf_init(&b);
            report_escape_csv(&b, in);
            assert_null(strstr(b.data, "'"));
            buf_free(&b);
        }
    static const char *const plain[] = {" ", "\xC2\xA0 word", "\n\n", "\xEF\xBB\xBFtext", "<5"};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        buf b;
        buf_init(&b);
        report_escape_csv(&b, plain[i]);
        assert_null(strstr(b.data ? b.data : "", "'"));
        buf_free(&b);
    }
}

static void test_html_escaping(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"</svg><svg onload=x>", "&lt;/svg&gt;&lt;svg onload=x&gt;"},
        {"a & b \"c\" 'd'", "a &amp; b &quot;c&quot; &#39;d&#39;"},
        {"العربية", "العربية"},
        {"\xe2\x80\xae" "reversed", "\xe2\x80\xae" "reversed"}, /* isolated by dir="auto" cells */
        {"cut \xc3", "cut \xef\xbf\xbd"},
        {"nul\x01 and \x1b[31m", "nul and [31m"},
        {"\xef\xbf\xbf", "\xef\xbf\xbd"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf b;
        buf_init(&b);
        report_escape_html(&b, cases[i].in);
        assert_string_equal(b.data ? b.data : "", cases[i].out);
        buf_free(&b);
    }
}

/* ---- a whole run -------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    return scratch_make("report");
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove();
}

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
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

static void central(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    exec(db, CENTRAL_SCHEMA);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO answers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'p', '1', ?9, 'b', ?10)",
                                        -1, &st, NULL), SQLITE_OK);
    int seq = 0;
    for (int i = 0; i < 40; i++) {
        char uuid[40], sub[40];
        const char *dev = i < 8 ? "</svg><script>dev()</script>" : "kiosk-1";
        const char *lang = i % 2 ? "ar" : "en";
        long long t = 1664755200LL + i * 3600;
        snprintf(sub, sizeof sub, "sub-%d", i);
        struct { const char *survey, *q, *v, *kind; } rows[] = {
            {"helpful", i < 6 ? "<script>page()</script>" : "transport", i % 3 ? "yes" : "no", "yesno"},
            {"services", "help", (const char *[]){"1", "2", "3", "4"}[i % 4], "faces"},
            {"services", "comment", i % 2 ? "<script>typed()</script> نص" : "Call me, \"now\"\nplease", "text"},
            {"</svg>", "q</svg>", "yes", "yesno"},
        };
        for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
            snprintf(uuid, sizeof uuid, "u-%d", seq++);
            sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, dev, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 3, seq);
            sqlite3_bind_text(st, 4, r == 0 ? uuid : sub, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 5, rows[r].survey, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 6, rows[r].q, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 7, rows[r].v, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 8, lang, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 9, t);
            sqlite3_bind_text(st, 10, rows[r].kind, -1, SQLITE_STATIC);
            assert_int_equal(sqlite3_step(st), SQLITE_DONE);
            sqlite3_reset(st);
        }
    }
    sqlite3_finalize(st);
    exec(db, "INSERT INTO devices VALUES ('kiosk-1', 'k', NULL, NULL, 1664900000);"
             "INSERT INTO batches(name, device, first_seq, last_seq, count, sha256) VALUES "
             "('<b>batch</b>', 'kiosk-1', 1, 99, 99, 'x');");
    sqlite3_close(db);
}

static void test_run_escapes_and_keeps_typed_text_out(void **state)
{
    (void)state;
    char db[256], out[256];
    snprintf(db, sizeof db, "%s", at("c.db"));
    snprintf(out, sizeof out, "%s", at("out"));
    central(db);
    report_opts o;
    err e;
    char *argv[] = {db, "--out", out, NULL};
    assert_int_equal(report_args(3, argv, &o, &e), 0);
    report_result r;
    if (report_run(&o, &r, &e))
        fail_msg("%s", e.msg);
    assert_int_equal(r.answers, 160);
    assert_int_equal(r.votes, 40);
    assert_int_equal(r.submissions, 80); /* 40 services, 40 "</svg>" */
    char *html = slurp(at("out/index.html"));
    assert_non_null(html);
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "</svg><script"));
    assert_null(strstr(html, "q</svg>"));
    assert_non_null(strstr(html, "&lt;script&gt;page()&lt;/script&gt;"));
    /* a kiosk by its name, made from the start of its id, escaped; never the whole id */
    assert_non_null(strstr(html, "Kiosk &lt;/SV"));
    assert_null(strstr(html, "dev()"));
    assert_null(strstr(html, "batch&lt;/b&gt;")); /* no batch names (their ranges count) */
    assert_null(strstr(html, "batch</b>"));
    assert_null(strstr(html, "typed()")); /* typed text: never in the page */
    assert_null(strstr(html, "Call me"));
    assert_null(strstr(html, "http:"));   /* nothing fetched */
    assert_null(strstr(html, "https:"));
    assert_null(strstr(html, "src="));
    /* the only url(): the embedded fonts */
    for (const char *u = html; (u = strstr(u, "url(")); u++)
        assert_int_equal(strncmp(u, "url(data:font/ttf;base64,", 25), 0);
    free(html);
    struct stat st;
    assert_int_not_equal(stat(at("out/free-text.csv"), &st), 0);
    char *csv = slurp(at("out/kiosks.csv"));
    assert_non_null(strstr(csv, "\r\n</svg><script>dev()</script>,")); /* nothing to quote */
    free(csv);

    /* asked for: free-text.csv holds the typed answers, quoted; the page still does not */
    char *argv2[] = {db, "--out", out, "--free-text"};
    assert_int_equal(report_args(4, argv2, &o, &e), 0);
    if (report_run(&o, &r, &e))
        fail_msg("%s", e.msg);
    csv = slurp(at("out/free-text.csv"));
    assert_non_null(csv);
    assert_non_null(strstr(csv, "services,comment,en,2022-10-03,\"Call me, \"\"now\"\"\nplease\"\r\n"));
    assert_non_null(strstr(csv, "services,comment,ar,2022-10-03,<script>typed()</script> نص\r\n"));
    free(csv);
    html = slurp(at("out/index.html"));
    assert_null(strstr(html, "typed()"));
    free(html);

    /* not asked for again: the old file goes */
    assert_int_equal(report_args(3, argv, &o, &e), 0);
    if (report_run(&o, &r, &e))
        fail_msg("%s", e.msg);
    assert_true(r.free_text_removed);
    assert_int_not_equal(stat(at("out/free-text.csv"), &st), 0);
}

/* A kiosk with a hidden count: nothing in its row, or beside it, tells how many (no batch name
 * with its range, no count of batches or answers, no total it can be taken from). */
static void test_hidden_kiosk_count_stays_hidden(void **state)
{
    (void)state;
    for (int k = 1; k < 5; k++) {
        const char *path = at("kiosk.db");
        remove(path);
        sqlite3 *db;
        assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
        exec(db, CENTRAL_SCHEMA);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO answers VALUES (?1, ?2, ?3, ?1, "
                                            "'helpful', 'transport', 'yes', 'en', 'p', '1', ?4, ?5, "
                                            "'yesno')", -1, &st, NULL), SQLITE_OK);
        for (int i = 0; i < 40 + k; i++) {
            char uuid[40], batch[64];
            const char *dev = i < 40 ? "kiosk-big" : "kiosk-small";
            snprintf(uuid, sizeof uuid, "u-%d", i);
            snprintf(batch, sizeof batch, "%s-0000000001-%d", dev, i < 40 ? 40 : k);
            sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, dev, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 3, i < 40 ? i + 1 : i - 39);
            sqlite3_bind_int64(st, 4, 1664755200LL + i * 3600);
            sqlite3_bind_text(st, 5, batch, -1, SQLITE_TRANSIENT);
            assert_int_equal(sqlite3_step(st), SQLITE_DONE);
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        char sql[600];
        snprintf(sql, sizeof sql,
                 "INSERT INTO devices VALUES ('kiosk-big', 'k1', NULL, NULL, 1664900000);"
                 "INSERT INTO devices VALUES ('kiosk-small', 'k2', NULL, NULL, 1664900000);"
                 "INSERT INTO batches(name, device, first_seq, last_seq, count, sha256) VALUES "
                 "('kiosk-big-0000000001-40', 'kiosk-big', 1, 40, 40, 'x');"
                 "INSERT INTO batches(name, device, first_seq, last_seq, count, sha256) VALUES "
                 "('kiosk-small-0000000001-%d', 'kiosk-small', 1, %d, %d, 'y');",
                 k, k, k);
        exec(db, sql);
        sqlite3_close(db);
        report_opts o;
        err e;
        char *argv[] = {(char *)path, "--out", (char *)at("kout"), NULL};
        assert_int_equal(report_args(3, argv, &o, &e), 0);
        report_result r;
        if (report_run(&o, &r, &e))
            fail_msg("%s", e.msg);
        char *csv = slurp(at("kout/kiosks.csv"));
        char *html = slurp(at("kout/index.html"));
        assert_non_null(csv);
        assert_non_null(html);
        /* the small kiosk's row: its id, "<5", no dates, the day of the merge */
        assert_non_null(strstr(csv, "\r\nkiosk-small,<5,,,2022-10-04,0\r\n"));
        assert_null(strstr(csv, "0000000001"));
        assert_null(strstr(html, "0000000001"));
        /* the big kiosk's count and the total are not both shown: one minus the other is k */
        int big_shown = !strstr(csv, "\r\nkiosk-big,hidden,");
        int total_shown = !strstr(csv, "\r\ntotal,hidden,");
        assert_false(big_shown && total_shown);
        free(csv);
        free(html);
    }
}

/* Language codes the report cannot show one by one (not codes, or more than a pack can
 * have) share one "other" column: 20,000 votes in 20,000 hostile codes make a page of the
 * same size as 20,000 votes in one code, not one column a vote. */
static void test_language_bomb(void **state)
{
    (void)state;
    const char *path = at("bomb.db");
    size_t size[2];
    for (int hostile = 0; hostile < 2; hostile++) {
        remove(path);
        sqlite3 *db;
        assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
        exec(db, CENTRAL_SCHEMA);
        exec(db, "BEGIN");
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO answers VALUES (?1, 'kiosk-1', ?2, ?1, "
                                            "'helpful', 'transport', 'yes', ?3, 'p', '1', ?4, 'b', "
                                            "'yesno')", -1, &st, NULL), SQLITE_OK);
        for (int i = 0; i < 20000; i++) {
            char uuid[40], lang[40];
            snprintf(uuid, sizeof uuid, "u-%d", i);
            /* upper case, too long, not letters, a bad subtag, and 40 good codes (over the 32 a
             * pack can have), each many times */
            static const char *const forms[] = {"EN", "En-%d", "x%d", "english%d", "<b>%d",
                                                "en-%dxyz", "e%c"};
            if (!hostile)
                snprintf(lang, sizeof lang, "en");
            else if (i % 8 == 7)
                snprintf(lang, sizeof lang, "%c%c", 'a' + i / 8 % 40 / 26, 'a' + i / 8 % 40 % 26);
            else
                snprintf(lang, sizeof lang, forms[i % 7], i % 7 == 6 ? 'A' + i % 26 : i);
            sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(st, 2, i + 1);
            sqlite3_bind_text(st, 3, lang, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(st, 4, 1664755200LL + i % 50 * 3600);
            assert_int_equal(sqlite3_step(st), SQLITE_DONE);
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        exec(db, "COMMIT");
        sqlite3_close(db);
        report_opts o;
        err e;
        char *argv[] = {(char *)path, "--out", (char *)at("bomb"), NULL};
        assert_int_equal(report_args(3, argv, &o, &e), 0);
        report_result r;
        if (report_run(&o, &r, &e))
            fail_msg("%s", e.msg);
        assert_int_equal(r.votes, 20000);
        struct stat sb;
        assert_int_equal(stat(at("bomb/index.html"), &sb), 0);
        size[hostile] = (size_t)sb.st_size;
        char *csv = slurp(at("bomb/responses-by-language.csv"));
        assert_non_null(csv);
        if (hostile) {
            /* one column for the 32 first codes each, and one "other" */
            int others = 0;
            for (const char *p = csv; (p = strstr(p, "other")); p++)
                others++;
            assert_int_equal(others, 1);
        }
        free(csv);
    }
    /* 32 more columns than one language, never one a vote */
    if (size[1] > size[0] + 64 * 1024)
        fail_msg("index.html: %zu bytes for 20,000 votes in hostile codes, %zu in one code",
                 size[1], size[0]);
}

static void test_hostile_databases(void **state)
{
    (void)state;
    report_opts o = {.db = at("v.db"), .out = at("out"), .k = 5, .from = 0, .to = 4102444800LL};
    report_result r;
    err e;
    sqlite3 *db;
    /* a view that would never end */
    assert_int_equal(sqlite3_open(at("v.db"), &db), SQLITE_OK);
    exec(db, "CREATE VIEW answers AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) "
             "SELECT x AS device FROM r; CREATE TABLE devices(id); CREATE TABLE batches(name);");
    sqlite3_close(db);
    assert_int_equal(report_run(&o, &r, &e), -1);
    assert_non_null(strstr(e.msg, "v.db: not a Sveiki central database: no table \"answers\""));
    /* random bytes */
    puts_file(at("x.db"), "this is not a database at all, not at all, no. 0123456789abcdef");
    o.db = at("x.db");
    assert_int_equal(report_run(&o, &r, &e), -1);
    assert_non_null(strstr(e.msg, "x.db"));
    /* missing */
    o.db = at("none.db");
    assert_int_equal(report_run(&o, &r, &e), -1);
    assert_non_null(strstr(e.msg, "none.db"));
    /* wrong columns */
    assert_int_equal(sqlite3_open(at("w.db"), &db), SQLITE_OK);
    exec(db, "CREATE TABLE answers(a); CREATE TABLE devices(id); CREATE TABLE batches(name);");
    sqlite3_close(db);
    o.db = at("w.db");
    assert_int_equal(report_run(&o, &r, &e), -1);
    assert_non_null(strstr(e.msg, "w.db: not a Sveiki central database"));
}

/* ---- suppression that holds across reports -------------------------------------------- */

/* A week of survey answers (2022-10-03 to 10-09): 30 in English on Monday to Wednesday, 6 in
 * Arabic on Tuesday, and the one Tigrinya speaker on Thursday, each with the background block
 * (age band, gender) and a typed comment (the Tigrinya one with a danger word). */
static void survey_db(const char *path)
{
    remove(path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    exec(db, CENTRAL_SCHEMA);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO answers VALUES (?1, 'kiosk-1', ?2, ?3, "
                                        "'services', ?4, ?5, ?6, 'p', '1', ?7, 'b', ?8)",
                                        -1, &st, NULL), SQLITE_OK);
    const long long monday = 1664755200LL; /* 2022-10-03 */
    int seq = 0;
    for (int i = 0; i < 37; i++) {
        const char *lang = i < 30 ? "en" : i < 36 ? "ar" : "ti";
        long long t = monday + 86400LL * (i < 30 ? i % 3 : i < 36 ? 1 : 3);
        char sub[32], comment[64];
        snprintf(sub, sizeof sub, "sub-%d", i);
        snprintf(comment, sizeof comment, "%s comment %d", i == 36 ? "secret tigrinya ይወቕዓኒ" : lang, i);
        const char *rows[][3] = {
            {"help", i == 36 ? "1" : (const char *[]){"2", "3", "4"}[i % 3], "faces"},
            {"bg-gender", i == 36 ? "man" : i % 2 ? "woman" : "man", "background"},
            {"bg-age", i == 36 ? "under-18" : i % 4 ? "30-44" : "18-29", "background"},
            {"comment", comment, "text"},
        };
        for (int r = 0; r < 4; r++) {
            char uuid[32];
            snprintf(uuid, sizeof uuid, "u-%d", seq);
            sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(st, 2, ++seq);
            sqlite3_bind_text(st, 3, sub, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 4, rows[r][0], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, rows[r][1], -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 6, lang, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 7, t);
            sqlite3_bind_text(st, 8, rows[r][2], -1, SQLITE_STATIC);
            assert_int_equal(sqlite3_step(st), SQLITE_DONE);
            sqlite3_reset(st);
        }
    }
    sqlite3_finalize(st);
    exec(db, "INSERT INTO devices VALUES ('kiosk-1', 'k', NULL, NULL, 1665100000);");
    sqlite3_close(db);
}

static void run_report(char **argv, int argc, report_result *r)
{
    report_opts o;
    err e;
    if (report_args(argc, argv, &o, &e))
        fail_msg("%s", e.msg);
    if (report_run(&o, r, &e))
        fail_msg("%s", e.msg);
}

/* Every CSV file of folder a is in folder b with the same bytes; and the pages are the same
 * but for their first paragraph (the dates asked for). Returns the number of CSV files. */
static int same_files(const char *a, const char *b)
{
    DIR *dir = opendir(a);
    assert_non_null(dir);
    int files = 0;
    for (struct dirent *de; (de = readdir(dir));) {
        size_t n = strlen(de->d_name);
        if (n < 4 || strcmp(de->d_name + n - 4, ".csv"))
            continue;
        char pa[600], pb[600];
        snprintf(pa, sizeof pa, "%s/%s", a, de->d_name);
        snprintf(pb, sizeof pb, "%s/%s", b, de->d_name);
        char *x = slurp(pa), *y = slurp(pb);
        assert_non_null(x);
        if (!y || strcmp(x, y))
            fail_msg("%s differs between reports of shifted dates:\n%s\n---\n%s", de->d_name, x, y ? y : "(none)");
        free(x);
        free(y);
        files++;
    }
    closedir(dir);
    char pa[600], pb[600];
    snprintf(pa, sizeof pa, "%s/index.html", a);
    snprintf(pb, sizeof pb, "%s/index.html", b);
    char *x = slurp(pa), *y = slurp(pb);
    assert_non_null(x);
    assert_non_null(y);
    char *xs = strstr(x, "<p class=\"sub\">"), *ys = strstr(y, "<p class=\"sub\">");
    assert_non_null(xs);
    assert_non_null(ys);
    if (strcmp(strstr(xs, "</p>"), strstr(ys, "</p>")))
        fail_msg("index.html differs between reports of shifted dates beyond the dates asked for");
    free(x);
    free(y);
    return files;
}

/* Two reports whose dates differ by one day (the Thursday the one Tigrinya speaker answered)
 * give the same cells: both cover the whole week. Before, every CSV file differed by that
 * person's answers. The same for months, and for every table and card of the page: the
 * breakdowns, the bursts, the typed texts with danger words. */
static void test_shifted_dates_same_cells(void **state)
{
    (void)state;
    char db[256], a[256], b[256];
    snprintf(db, sizeof db, "%s", at("week.db"));
    snprintf(a, sizeof a, "%s", at("a"));
    snprintf(b, sizeof b, "%s", at("b"));
    survey_db(db);
    report_result ra, rb;
    run_report((char *[]){db, "--out", a, "--from", "2022-10-03", "--to", "2022-10-05", "--pack", "build/fixture.pack"}, 9, &ra);
    run_report((char *[]){db, "--out", b, "--from", "2022-10-04", "--to", "2022-10-06", "--pack", "build/fixture.pack"}, 9, &rb);
    assert_true(ra.widened && rb.widened);
    assert_int_equal(ra.from, 1664755200LL);          /* Monday 2022-10-03 */
    assert_int_equal(ra.to, 1664755200LL + 7 * 86400); /* to the end of Sunday */
    assert_int_equal(ra.submissions + ra.votes, 37);
    assert_int_equal(rb.submissions + rb.votes, 37);
    assert_int_equal(ra.danger, 1);
    assert_int_equal(rb.danger, 1);
    assert_true(same_files(a, b) >= 12);
    char *html = slurp(at("a/index.html"));
    assert_non_null(strstr(html, "<b>Widened: asked for 2022-10-03 to 2022-10-05;"));
    assert_non_null(strstr(html, "Whole weeks (Monday to Sunday) from 2022-10-03 to 2022-10-09"));
    free(html);
    /* months: the 5th of October is all of October, and so is the 20th to the 31st */
    run_report((char *[]){db, "--out", a, "--from", "2022-10-05", "--to", "2022-10-05", "--months"}, 8, &ra);
    assert_int_equal(ra.from, 1664582400LL); /* 2022-10-01 */
    assert_int_equal(ra.to, 1667260800LL);   /* 2022-11-01 */
    run_report((char *[]){db, "--out", b, "--from", "2022-10-20", "--to", "2022-10-31", "--months"}, 8, &rb);
    assert_true(same_files(a, b) >= 12);
    /* whole periods asked for: nothing to say */
    run_report((char *[]){db, "--out", a, "--from", "2022-10-03", "--to", "2022-10-09"}, 7, &ra);
    assert_false(ra.widened);
}

/* free-text.csv holds back the texts of a language with fewer than k respondents: the one
 * Tigrinya speaker's comment is theirs alone. Six Arabic speakers are enough at k = 5, not at
 * k = 7. */
static void test_free_text_holds_back_small_languages(void **state)
{
    (void)state;
    char db[256], out[256];
    snprintf(db, sizeof db, "%s", at("ft.db"));
    snprintf(out, sizeof out, "%s", at("ft"));
    survey_db(db);
    report_result r;
    run_report((char *[]){db, "--out", out, "--free-text"}, 4, &r);
    char *csv = slurp(at("ft/free-text.csv"));
    assert_non_null(csv);
    assert_null(strstr(csv, "secret tigrinya"));
    assert_null(strstr(csv, ",ti,"));
    assert_non_null(strstr(csv, ",ar,2022-10-03,ar comment 30\r\n"));
    assert_non_null(strstr(csv, ",en,2022-10-03,en comment 0\r\n"));
    assert_int_equal(r.free_text_held, 1);
    free(csv);
    run_report((char *[]){db, "--out", out, "--free-text", "--k", "7"}, 6, &r);
    csv = slurp(at("ft/free-text.csv"));
    assert_null(strstr(csv, ",ar,"));
    assert_non_null(strstr(csv, ",en,"));
    assert_int_equal(r.free_text_held, 7);
    free(csv);
}

/* ---- typed text with danger words, bursts, breakdowns ----------------------------------- */

/* Fails with the file's text when want is not in it. */
static void has(const char *text, const char *want, const char *name)
{
    if (!text || !strstr(text, want)) {
        fprintf(stderr, "%s:\n%s\n", name, text ? text : "(no file)"); /* whole: fail_msg cuts */
        fail_msg("%s: no \"%s\"", name, want);
    }
}

/* A central database written row by row: each answer of a submission given as
 * "question=value" pairs. */
typedef struct db_rows { sqlite3 *db; sqlite3_stmt *st; int seq, subs; } db_rows;

static void rows_open(db_rows *w, const char *path)
{
    remove(path);
    memset(w, 0, sizeof *w);
    assert_int_equal(sqlite3_open(path, &w->db), SQLITE_OK);
    exec(w->db, CENTRAL_SCHEMA);
    exec(w->db, "BEGIN");
    assert_int_equal(sqlite3_prepare_v2(w->db, "INSERT INTO answers VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, "
                                        "?7, 'p', '1', ?8, 'b', ?9)", -1, &w->st, NULL), SQLITE_OK);
}

/* One submission (one row per pair; a page vote when survey is "helpful"). */
static void rows_add(db_rows *w, const char *device, const char *survey, const char *lang,
                     long long t, const char *const *pairs)
{
    char sub[32];
    snprintf(sub, sizeof sub, "s-%d", ++w->subs);
    for (int i = 0; pairs[i]; i++) {
        char q[64];
        const char *eq = strchr(pairs[i], '=');
        assert_non_null(eq);
        snprintf(q, sizeof q, "%.*s", (int)(eq - pairs[i]), pairs[i]);
        sqlite3_bind_int(w->st, 1, ++w->seq);
        sqlite3_bind_text(w->st, 2, device, -1, SQLITE_STATIC);
        sqlite3_bind_text(w->st, 3, sub, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(w->st, 4, survey, -1, SQLITE_STATIC);
        sqlite3_bind_text(w->st, 5, q, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(w->st, 6, eq + 1, -1, SQLITE_STATIC);
        sqlite3_bind_text(w->st, 7, lang, -1, SQLITE_STATIC);
        sqlite3_bind_int64(w->st, 8, t);
        /* the kind the kiosk stores with each answer (feedback.h) */
        const char *kind = !strcmp(survey, "helpful") ? "yesno"
                           : !strncmp(q, "bg-", 3)      ? "background"
                           : !strcmp(q, "help")         ? "faces"
                           : !strcmp(q, "comment") || !strcmp(q, "missing") ? "text"
                                                                           : "single";
        sqlite3_bind_text(w->st, 9, kind, -1, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(w->st), SQLITE_DONE);
        sqlite3_reset(w->st);
    }
}

static void rows_close(db_rows *w)
{
    sqlite3_finalize(w->st);
    exec(w->db, "COMMIT");
    sqlite3_close(w->db);
}

#define MONDAY 1664755200LL /* 2022-10-03 */
#define DAY 86400LL

/* The texts with a danger word come first in free-text.csv, marked, and the page's first
 * card counts them, also those held back with a language of fewer than k people (counted,
 * never written); the words are found as the kiosk finds them (capitals, full-width letters,
 * another language's words), whole. */
static void texts_db(const char *path)
{
    db_rows w;
    rows_open(&w, path);
    static const char *const en[] = {"The bus is late", "Someone HITS ME at night", "More Latvian lessons",
                                     "ｔｈｅｙ ｆｏｒｃｅｄ ｔｏ work", "The skills course is great", "Thank you",
                                     "skill", "Good food", "hits", "Clean rooms"};
    for (int i = 0; i < 10; i++) {
        char c[128];
        snprintf(c, sizeof c, "comment=%s", en[i]);
        rows_add(&w, "kiosk-1", "services", "en", MONDAY + i % 3 * DAY, (const char *[]){"help=3", c, NULL});
    }
    for (int i = 0; i < 6; i++)
        rows_add(&w, "kiosk-1", "services", "ar", MONDAY + DAY,
                 (const char *[]){"help=2", i ? "comment=شكرا لكم" : "comment=هناك تحرش في المركز", NULL});
    /* the one Tigrinya speaker: held back, counted */
    rows_add(&w, "kiosk-1", "services", "ti", MONDAY + 3 * DAY,
             (const char *[]){"help=1", "comment=ሰብኣየይ ይወቕዓኒ እዩ", NULL});
    rows_close(&w);
}

/* The background block is a submission of its own: one person sends two. Three people are
 * three responses, and their language (three people, under k = 5) is held back, not taken for
 * six respondents. */
static void test_background_submission_is_not_a_second_person(void **state)
{
    (void)state;
    char db[256], out[256];
    snprintf(db, sizeof db, "%s", at("bg.db"));
    snprintf(out, sizeof out, "%s", at("bg"));
    db_rows w;
    rows_open(&w, db);
    for (int i = 0; i < 3; i++) {
        rows_add(&w, "kiosk-1", "services", "ti", MONDAY + DAY,
                 (const char *[]){"help=2", "comment=ሓገዝ የድልየኒ", NULL});
        rows_add(&w, "kiosk-1", "services", "ti", MONDAY + DAY,
                 (const char *[]){"bg-age=18-59", "bg-gender=man", NULL});
    }
    for (int i = 0; i < 6; i++)
        rows_add(&w, "kiosk-1", "services", "en", MONDAY + DAY, (const char *[]){"help=3", "comment=fine", NULL});
    rows_close(&w);
    report_result r;
    run_report((char *[]){db, "--out", out, "--free-text"}, 4, &r);
    char *csv = slurp(at("bg/free-text.csv"));
    assert_non_null(csv);
    assert_null(strstr(csv, ",ti,"));
    assert_non_null(strstr(csv, ",en,"));
    assert_int_equal(r.free_text_held, 3);
    free(csv);
    csv = slurp(at("bg/responses-by-kind.csv"));
    has(csv, "9,", "responses-by-kind.csv"); /* 3 + 6 people, not 12 */
    assert_null(strstr(csv, ",12,"));
    free(csv);
}

static void test_danger_texts_first(void **state)
{
    (void)state;
    char db[256], out[256];
    snprintf(db, sizeof db, "%s", at("t.db"));
    snprintf(out, sizeof out, "%s", at("t"));
    texts_db(db);
    report_result r;
    run_report((char *[]){db, "--out", out, "--free-text", "--pack", "build/fixture.pack"}, 6, &r);
    assert_int_equal(r.danger, 4);      /* 2 English, 1 Arabic, 1 Tigrinya */
    assert_int_equal(r.danger_held, 1); /* the Tigrinya one */
    char *csv = slurp(at("t/free-text.csv"));
    assert_non_null(csv);
    const char *want = "attention,survey,question,language,week_starting,text\r\n"
                       "needs a person to read it,services,comment,ar,2022-10-03,هناك تحرش في المركز\r\n"
                       "needs a person to read it,services,comment,en,2022-10-03,Someone HITS ME at night\r\n"
                       "needs a person to read it,services,comment,en,2022-10-03,ｔｈｅｙ ｆｏｒｃｅｄ ｔｏ work\r\n"
                       ",services,comment,";
    if (strncmp(csv, want, strlen(want)))
        fail_msg("free-text.csv does not begin with the three texts to read:\n%s", csv);
    assert_null(strstr(csv, "ሰብኣየይ"));                    /* held back with its language */
    assert_null(strstr(csv, "needs a person to read it,services,comment,en,2022-10-03,The skills"));
    assert_non_null(strstr(csv, "\r\n,services,comment,en,2022-10-03,hits\r\n")); /* "hits me" is a phrase */
    free(csv);
    char *html = slurp(at("t/index.html"));
    /* the first card: how many, and that one is held back */
    char *cards = strstr(html, "<div class=\"cards\">");
    assert_non_null(cards);
    char *first = strstr(cards + 1, "<div class=\"card");
    assert_non_null(first);
    const char *want_card = "<div class=\"card alert\" id=\"danger\"><b>4</b><span>typed answers hold a danger word";
    assert_int_equal(strncmp(first, want_card, strlen(want_card)), 0);
    assert_non_null(strstr(html, "<b>1 of them is held back with its language:</b>"));
    assert_non_null(strstr(html, "Texts held back"));
    assert_null(strstr(html, "HITS ME")); /* the texts themselves never */
    free(html);

    /* without --free-text: counted on the page all the same, and said how to write them */
    run_report((char *[]){db, "--out", out, "--pack", "build/fixture.pack"}, 5, &r);
    assert_int_equal(r.danger, 4);
    html = slurp(at("t/index.html"));
    assert_non_null(strstr(html, "<b>4</b><span>typed answers hold a danger word"));
    assert_non_null(strstr(html, "sveikictl report --free-text writes them at the top of free-text.csv"));
    free(html);

    /* without a pack there is no list of words: the card says so, never "0" */
    run_report((char *[]){db, "--out", out}, 3, &r);
    assert_int_equal(r.danger, 0);
    html = slurp(at("t/index.html"));
    first = strstr(strstr(html, "<div class=\"cards\">") + 1, "<div class=\"card");
    assert_int_equal(strncmp(first, "<div class=\"card\" id=\"danger\"><b>not checked</b>", 47), 0);
    free(html);
}

/* "Start again" let one person send the same survey twelve times: identical submissions of
 * one survey from one kiosk on one day, more than three, are flagged, and counted once when
 * they hold five answers or more. Three are not a burst, nor the same answers on another day,
 * kiosk or language, nor page votes; six one-answer submissions alike are flagged but counted
 * as sent (many people give the same one answer). */
static void test_bursts_counted_once(void **state)
{
    (void)state;
    char db[256], out[256];
    snprintf(db, sizeof db, "%s", at("b.db"));
    snprintf(out, sizeof out, "%s", at("b"));
    db_rows w;
    rows_open(&w, db);
    const char *const same[] = {"help=4", "information=yes", "safe=yes", "bg-age=30-44", "bg-gender=woman", NULL};
    for (int i = 0; i < 12; i++)
        rows_add(&w, "kiosk-1", "services", "en", MONDAY + 2 * DAY + 9 * 3600, same);
    for (int i = 0; i < 3; i++) {
        rows_add(&w, "kiosk-1", "services", "en", MONDAY + 3 * DAY, same); /* another day */
        rows_add(&w, "kiosk-2", "services", "en", MONDAY + 2 * DAY, same); /* another kiosk */
        rows_add(&w, "kiosk-1", "services", "ar", MONDAY + 2 * DAY, same); /* another language */
    }
    for (int i = 0; i < 6; i++) { /* six people, six other answers; and six who gave one */
        rows_add(&w, "kiosk-1", "services", "en", MONDAY + 2 * DAY,
                 (const char *[]){"help=4", "information=yes", "safe=yes", "bg-gender=woman",
                                  (const char *[]){"bg-age=18-29", "bg-age=45-64", "bg-age=65-plus",
                                                   "bg-age=under-18", "bg-age=prefer-not", "bg-time=1-3y"}[i], NULL});
        rows_add(&w, "kiosk-1", "quick", "en", MONDAY + 2 * DAY, (const char *[]){"help=4", NULL});
    }
    for (int i = 0; i < 8; i++) /* the same page vote, many times: not looked at */
        rows_add(&w, "kiosk-1", "helpful", "en", MONDAY + 2 * DAY, (const char *[]){"transport=yes", NULL});
    rows_close(&w);
    report_result r;
    run_report((char *[]){db, "--out", out}, 3, &r);
    assert_int_equal(r.bursts, 2);
    assert_int_equal(r.submissions + r.votes, 1 + 9 + 6 + 6 + 8); /* the twelve counted once */
    char *csv = slurp(at("b/bursts.csv"));
    assert_string_equal(csv, "kiosk,survey,week_starting,identical_submissions,answers_each,counted\r\n"
                             "kiosk-1,quick,2022-10-03,6,1,6\r\n"
                             "kiosk-1,services,2022-10-03,12,5,1\r\n");
    free(csv);
    csv = slurp(at("b/kiosks.csv"));
    /* hidden beside kiosk-2's few (27 = 30 - 3), with the days; its two bursts said */
    has(csv, "\r\nkiosk-1,hidden,,,,2\r\n", "kiosks.csv");
    has(csv, "\r\nkiosk-2,<5,,,,0\r\n", "kiosks.csv");
    free(csv);
    csv = slurp(at("b/questions.csv"));
    has(csv, "\r\nservices,information,,no,answered,,16,\r\n", "questions.csv"); /* 1 + 9 + 6 */
    free(csv);
    /* the short burst counted as sent: six submissions of "quick" (its faces are hidden now
     * that each face is also counted per period and per kiosk, beside services' few) */
    csv = slurp(at("b/responses-by-kind.csv"));
    has(csv, "\r\nquick,,6,", "responses-by-kind.csv");
    free(csv);
    char *html = slurp(at("b/index.html"));
    assert_non_null(strstr(html, "A burst of submissions with 5 answers or more is counted once"));
    assert_non_null(strstr(html, "2 bursts; copies left out: 11."));
    assert_null(strstr(html, "2022-10-05</td><td class=\"n\">12")); /* the week, never the day */
    free(html);
}

/* Who answered: survey responses by period and language, and every background question by
 * period, whatever its id and choices (new age bands, a question the report has no words
 * for), in the kiosk's order then by id, "prefer not to say" last; answers by language; all
 * with the same suppression, tied to the tables they add up to. */
static void test_breakdowns(void **state)
{
    (void)state;
    char db[256], out[256];
    snprintf(db, sizeof db, "%s", at("w.db"));
    snprintf(out, sizeof out, "%s", at("w"));
    db_rows w;
    rows_open(&w, db);
    for (int i = 0; i < 40; i++) {
        const char *age = (const char *[]){"18-59", "60-plus", "under-18", "prefer-not"}[i < 3 ? 2 : i % 2];
        char a[32], dis[32];
        snprintf(a, sizeof a, "bg-age=%s", i == 39 ? "prefer-not" : age);
        snprintf(dis, sizeof dis, "bg-disability=%s", i % 5 ? "none" : "a-lot");
        rows_add(&w, "kiosk-1", "services", i % 8 ? "en" : "ar", MONDAY + (i < 20 ? 0 : 7 * DAY) + i % 5 * DAY,
                 (const char *[]){i % 8 || i < 16 ? "help=4" : "help=3", a, dis, "bg-gender=woman", NULL});
    }
    /* the same background question in another survey: its under-18 hidden there must stay
     * hidden beside the total of both */
    for (int i = 0; i < 10; i++)
        rows_add(&w, "kiosk-1", "needs", "en", MONDAY + DAY, (const char *[]){"bg-age=under-18", NULL});
    rows_close(&w);
    report_result r;
    run_report((char *[]){db, "--out", out}, 3, &r);
    char *bg = slurp(at("w/background.csv")), *q = slurp(at("w/questions.csv"));
    char *bl = slurp(at("w/answers-by-language.csv")), *pl = slurp(at("w/survey-responses-by-period.csv"));
    assert_non_null(bg);
    assert_non_null(bl);
    assert_non_null(pl);
    /* generic: the kiosk's questions first (age, gender), then bg-disability; the kiosk's
     * bands that nobody chose, then the other ids by id, prefer-not last */
    const char *order[] = {"bg-age,2022-10-03,under-18,Under 18,", "bg-age,2022-10-03,18-59,18 to 59,",
                           "bg-age,2022-10-03,60-plus,60 or older,", "bg-age,2022-10-03,prefer-not,",
                           "bg-age,2022-10-03,total,,", "bg-age,2022-10-10,", "bg-age,total,under-18,",
                           "bg-gender,2022-10-03,woman,Woman,", "bg-disability,2022-10-03,none,No difficulty,",
                           "bg-disability,2022-10-03,a-lot,A lot of difficulty,", "bg-disability,2022-10-03,prefer-not,",
                           "bg-disability,total,total,,40\r\n"};
    const char *at_ = bg;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        const char *p = strstr(at_, order[i]);
        if (!p)
            fail_msg("background.csv: \"%s\" missing or out of order:\n%s", order[i], bg);
        at_ = p;
    }
    /* the 3 under-18s of "services": small, and not to be had as 13 - 10 */
    assert_non_null(strstr(q, "\r\nservices,bg-age,Age,no,under-18,Under 18,<5,"));
    int needs_shown = strstr(q, "\r\nneeds,bg-age,Age,no,under-18,Under 18,10,") != NULL;
    int total_shown = strstr(bg, "\r\nbg-age,total,under-18,Under 18,13\r\n") != NULL;
    assert_false(needs_shown && total_shown);
    /* by language: 5 Arabic "help" answers (two 4s, three 3s); the English 4s (35) and all
     * the 4s (37) are not both shown: their difference is the two */
    assert_non_null(strstr(bl, "\r\nservices,help,3,Happy,ar,<5\r\n"));
    assert_non_null(strstr(bl, "\r\nservices,help,4,Very happy,ar,<5\r\n"));
    int en4 = strstr(bl, "\r\nservices,help,4,Very happy,en,35\r\n") != NULL;
    int all4 = strstr(bl, "\r\nservices,help,4,Very happy,total,37\r\n") != NULL;
    assert_false(en4 && all4);
    /* survey responses by week and language: the 40 of "services"; the 10 submissions of
     * "needs" hold only background answers, the block a person sends beside their answers,
     * so they are no responses of their own */
    assert_non_null(strstr(pl, "period_starting,ar,en,all\r\n"));
    assert_non_null(strstr(pl, "\r\ntotal,5,35,40\r\n"));
    free(bg), free(q), free(bl), free(pl);
    char *html = slurp(at("w/index.html"));
    assert_non_null(strstr(html, "No answer is broken down by age band or gender."));
    assert_non_null(strstr(html, "<h3 dir=\"auto\">Do you have difficulty seeing, hearing")); /* as the kiosk asks it */
    assert_null(strstr(html, "bg-disability"));
    free(html);
    /* months: one period, October (its row the same as the totals) */
    run_report((char *[]){db, "--out", out, "--months"}, 4, &r);
    bg = slurp(at("w/background.csv"));
    has(bg, "\r\nbg-age,2022-10-01,total,,50\r\n", "background.csv");
    assert_null(strstr(bg, "2022-10-03"));
    free(bg);
}

/* A small centre: two people in a week. Every count is hidden, so no chart is drawn: each
 * place says so in a sentence and suggests a longer period (never "Highest week: 0"), and the
 * first page's sentences too; the kiosk is named, never by its id; the faces are words. */
static void test_small_centre_says_so(void **state)
{
    (void)state;
    char db[256], out[256];
    snprintf(db, sizeof db, "%s", at("small.db"));
    snprintf(out, sizeof out, "%s", at("s"));
    db_rows w;
    rows_open(&w, db);
    for (int i = 0; i < 2; i++) {
        rows_add(&w, "3f2a9c00-0000-4000-8000-000000000001", "services", "en", MONDAY + i * DAY,
                 (const char *[]){"help=4", "hardest=housing", NULL});
        rows_add(&w, "3f2a9c00-0000-4000-8000-000000000001", "helpful", "en", MONDAY + i * DAY,
                 (const char *[]){"transport=yes", NULL});
    }
    rows_close(&w);
    report_result r;
    run_report((char *[]){db, "--out", out}, 3, &r);
    char *html = slurp(at("s/index.html"));
    assert_non_null(html);
    assert_null(strstr(html, "<svg class=\"chart\""));
    assert_null(strstr(html, "highest holds"));
    const char *said = "Every count here is below 5 people or hidden to protect them, so nothing is drawn. "
                       "A report over a longer period groups more people into each count";
    int n = 0;
    for (const char *p = html; (p = strstr(p, said)); p++)
        n++;
    assert_true(n >= 3); /* per week, satisfaction over time, who answered */
    assert_non_null(strstr(html, "Fewer than 5 survey submissions and page votes in these dates: a report over a longer period"));
    assert_non_null(strstr(html, "Too few faces were chosen in these dates"));
    assert_non_null(strstr(html, "Kiosk 3F2A"));
    assert_null(strstr(html, "3f2a9c00"));
    assert_non_null(strstr(html, "Very happy"));
    free(html);
}

/* Typed text never shows as choices. Before kinds were stored, a text question whose answers
 * were single lowercase words (names) was taken for a choice question without --pack, and the
 * names appeared in the page and in questions.csv. Now the kind the kiosk stored says it is
 * typed; and in a database from before kinds, an answer without one is typed unless the pack
 * says the question is a choice. */
static void names_db(const char *path, int with_kind)
{
    remove(path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (with_kind)
        exec(db, CENTRAL_SCHEMA);
    else /* version 2: no kind column */
        exec(db, "CREATE TABLE answers(uuid TEXT NOT NULL, device TEXT NOT NULL, seq INTEGER NOT "
                 "NULL, submission TEXT NOT NULL, survey TEXT NOT NULL, question TEXT NOT NULL, "
                 "value TEXT NOT NULL, lang TEXT NOT NULL, pack TEXT NOT NULL, pack_version TEXT "
                 "NOT NULL, period INTEGER NOT NULL, batch TEXT NOT NULL, PRIMARY KEY(uuid, "
                 "device)); CREATE TABLE devices(id TEXT PRIMARY KEY, public_key TEXT NOT NULL, "
                 "first_batch TEXT, last_period INTEGER, last_merged INTEGER); CREATE TABLE "
                 "batches(name TEXT PRIMARY KEY, device TEXT NOT NULL, first_seq INTEGER, "
                 "last_seq INTEGER, count INTEGER, sha256 TEXT NOT NULL);");
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, with_kind
                                                ? "INSERT INTO answers VALUES (?1, 'kiosk-1', 0, ?2, "
                                                  "'needs', ?3, ?4, 'en', 'fixture', '1', ?5, 'b', ?6)"
                                                : "INSERT INTO answers VALUES (?1, 'kiosk-1', 0, ?2, "
                                                  "'needs', ?3, ?4, 'en', 'fixture', '1', ?5, 'b')",
                                        -1, &st, NULL), SQLITE_OK);
    static const char *const names[] = {"anna", "peteris", "olga", "mahmoud"};
    for (int i = 0; i < 40; i++) {
        char sub[32];
        snprintf(sub, sizeof sub, "sub-%d", i);
        const char *rows[][3] = {{"comment", names[i % 4], "text"},
                                 {"format", i % 2 ? "person" : "pictures", "single"}};
        for (int r = 0; r < 2; r++) {
            char uuid[32];
            snprintf(uuid, sizeof uuid, "u-%d-%d", i, r);
            sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, sub, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 3, rows[r][0], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, rows[r][1], -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 5, 1664755200LL + (i % 5) * 86400);
            if (with_kind)
                sqlite3_bind_text(st, 6, rows[r][2], -1, SQLITE_STATIC);
            assert_int_equal(sqlite3_step(st), SQLITE_DONE);
            sqlite3_reset(st);
        }
    }
    sqlite3_finalize(st);
    exec(db, "INSERT INTO devices VALUES ('kiosk-1', 'k', NULL, NULL, 1665100000);");
    sqlite3_close(db);
}

/* Whether any file in the report folder out holds s. */
static int in_report(const char *out, const char *s)
{
    DIR *d = opendir(out);
    assert_non_null(d);
    int found = 0;
    for (struct dirent *de; !found && (de = readdir(d));) {
        if (de->d_name[0] == '.')
            continue;
        char p[600];
        snprintf(p, sizeof p, "%s/%s", out, de->d_name);
        char *t = slurp(p);
        found = t && strstr(t, s);
        free(t);
    }
    closedir(d);
    return found;
}

static void test_typed_names_never_choices(void **state)
{
    (void)state;
    char db[256], out[256];
    snprintf(db, sizeof db, "%s", at("names.db"));
    snprintf(out, sizeof out, "%s", at("names"));
    report_result r;
    /* kinds stored: without --pack, the names are typed text, the choice a choice */
    names_db(db, 1);
    run_report((char *[]){db, "--out", out}, 3, &r);
    assert_int_equal(r.submissions, 40);
    for (const char *n = "anna\0peteris\0olga\0mahmoud\0"; *n; n += strlen(n) + 1)
        if (in_report(out, n))
            fail_msg("the typed name \"%s\" is in the report", n);
    char *q = slurp(at("names/questions.csv"));
    assert_non_null(q);
    assert_non_null(strstr(q, "needs,comment,"));
    assert_non_null(strstr(q, ",typed,"));
    assert_non_null(strstr(q, "pictures"));
    free(q);
    /* no kinds (a database from before them): without --pack, nothing of it is a choice */
    names_db(db, 0);
    run_report((char *[]){db, "--out", out}, 3, &r);
    assert_int_equal(r.submissions, 40);
    assert_false(in_report(out, "anna"));
    assert_false(in_report(out, "pictures"));
    /* with the pack, which says format is a choice and comment is typed */
    run_report((char *[]){db, "--out", out, "--pack", "build/fixture.pack"}, 5, &r);
    assert_false(in_report(out, "anna"));
    assert_false(in_report(out, "mahmoud"));
    assert_true(in_report(out, "A person who explains"));
}

static void test_args(void **state)
{
    (void)state;
    report_opts o;
    err e;
    char *ok[] = {"c.db", "--out", "d", "--from", "2022-10-01", "--to", "2022-10-31", "--k", "10"};
    assert_int_equal(report_args(9, ok, &o, &e), 0);
    assert_int_equal(o.from, 1664582400LL);
    assert_int_equal(o.to, 1667260800LL); /* the end of the 31st */
    assert_int_equal(o.k, 10);
    char *bad_date[] = {"c.db", "--out", "d", "--from", "2022-02-30"};
    assert_int_equal(report_args(5, bad_date, &o, &e), -1);
    assert_non_null(strstr(e.msg, "2022-02-30"));
    char *bad_k[] = {"c.db", "--out", "d", "--k", "0"};
    assert_int_equal(report_args(5, bad_k, &o, &e), -1);
    /* k is 5 unless lowered explicitly, and never below 3 */
    char *dflt[] = {"c.db", "--out", "d"};
    assert_int_equal(report_args(3, dflt, &o, &e), 0);
    assert_int_equal(o.k, 5);
    char *k3[] = {"c.db", "--out", "d", "--k", "3"};
    assert_int_equal(report_args(5, k3, &o, &e), 0);
    assert_int_equal(o.k, 3);
    for (int i = 0; i < 2; i++) {
        char *low[] = {"c.db", "--out", "d", "--k", i ? "2" : "1"};
        assert_int_equal(report_args(5, low, &o, &e), -1);
        assert_non_null(strstr(e.msg, "refused"));
        assert_non_null(strstr(e.msg, "lowest k is 3"));
    }
    report_opts hand = {.db = "c.db", .out = "d", .k = 1, .from = 0, .to = 4102444800LL};
    report_result rr;
    assert_int_equal(report_run(&hand, &rr, &e), -1);
    assert_non_null(strstr(e.msg, "lowest k is 3"));
    char *order[] = {"c.db", "--out", "d", "--from", "2022-10-02", "--to", "2022-10-01"};
    assert_int_equal(report_args(7, order, &o, &e), -1);
    char *no_out[] = {"c.db"};
    assert_int_equal(report_args(1, no_out, &o, &e), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options_isolated_in_html),
        cmocka_unit_test(test_lone_cell_beside_total),
        cmocka_unit_test(test_all_small),
        cmocka_unit_test(test_k1_shows_everything),
        cmocka_unit_test(test_zeros),
        cmocka_unit_test(test_secondary_says_hidden),
        cmocka_unit_test(test_multiple_choice_line),
        cmocka_unit_test(test_shared_cell),
        cmocka_unit_test(test_random_tables_attacked),
        cmocka_unit_test(test_equations_together),
        cmocka_unit_test(test_blocks_of_small_cells),
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_csv_formula_after_blanks),
        cmocka_unit_test(test_html_escaping),
        cmocka_unit_test(test_args),
        cmocka_unit_test_setup_teardown(test_run_escapes_and_keeps_typed_text_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_databases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_language_bomb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hidden_kiosk_count_stays_hidden, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shifted_dates_same_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_typed_names_never_choices, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_text_holds_back_small_languages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_background_submission_is_not_a_second_person, setup, teardown),
        cmocka_unit_test_setup_teardown(test_danger_texts_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bursts_counted_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_breakdowns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_centre_says_so, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
