/* Hostile input to every parser, under ASan and UBSan: random bytes and mutated valid input
 * for the script parser, the key-value reader, UTF-8, the paragraph layout, the danger-word
 * matcher and the whole pack builder. Each must answer with a value or an error message, never a crash. The random
 * generator is seeded, so a failure repeats. */
#include "builder/kv.h"
#include "builder/pack.h"
#include "script/script.h"
#include "text/text.h"
#include "core/utf8.h"
#include "danger.h"
#include "fake_measurer.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long long rng = 0x5eed;
static unsigned rnd(void)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(rng >> 33);
}

/* Valid pieces to splice into random input, so the parsers get past their first checks. */
static const char *const pieces[] = {
    "tap ", "\"", "drag 1 2 3 4 5", "wait 100", "shot x.png", "expect \"", "\\", "\n", " ",
    "[category money]\n", "title.en: x\n", "key: value\n", "---\n", "title: T\n",
    "status: machine\n", "checked: 2022-12-01\n", "# ", "@phone 112 | x\n", "**", "{{fill in: ",
    "}}", "- item\n", "## H\n", "مرحبا ", "ሰላም ", "Sveiki ", "10:30 ", "(", ")", "\xE2\x80\x8C",
    "\xff", "\xc3", "\xe2\x82", "\xf0\x9f\x98\x80", "\r\n", "\t", "|", "> q\n", "```\n", "<b>",
};

static size_t fuzz_text(char *out, size_t cap)
{
    size_t n = 0, parts = rnd() % 24;
    for (size_t p = 0; p < parts && n < cap - 64; p++) {
        if (rnd() % 3 == 0) {
            size_t k = rnd() % 8;
            for (size_t i = 0; i < k && n < cap - 1; i++)
                out[n++] = (char)(rnd() & 0xff);
        } else {
            const char *s = pieces[rnd() % (sizeof pieces / sizeof *pieces)];
            size_t l = strlen(s);
            if (n + l < cap - 1)
                memcpy(out + n, s, l), n += l;
        }
    }
    out[n] = 0;
    return n;
}

static void test_script_parse_survives(void **state)
{
    (void)state;
    char line[512];
    for (int i = 0; i < 20000; i++) {
        fuzz_text(line, sizeof line);
        line[strcspn(line, "\n")] = 0;
        script_cmd c;
        err e = {{0}};
        if (script_parse(line, i + 1, &c, &e) != 0)
            assert_non_null(strstr(e.msg, "line"));
    }
}

static void test_utf8_and_layout_survive(void **state)
{
    (void)state;
    char buf[512];
    text_para p = {0};
    for (int i = 0; i < 3000; i++) {
        size_t n = fuzz_text(buf, sizeof buf);
        size_t at = 0;
        while (at < n) {
            size_t before = at;
            utf8_decode(buf, n, &at);
            assert_true(at > before && at <= n);
        }
        text_style st = {.px = 20, .rtl = (int)(rnd() & 1), .align = (int)(rnd() % 3)};
        int w = (int)(rnd() % 300) - 20;
        fake_ncalls = 0;
        text_layout(&fake_measurer, buf, n, &st, w, &p);
        /* a line no wider than the box (a forced break may leave one cluster wider) lies
         * inside it, its hyphen included */
        int line_w[256] = {0};
        for (int r = 0; r < p.nruns; r++) {
            assert_true(p.runs[r].off + p.runs[r].len <= n);
            line_w[p.runs[r].line] += p.runs[r].w + p.runs[r].hyphen_w;
        }
        for (int r = 0; r < p.nruns; r++)
            if (w > 0 && line_w[p.runs[r].line] <= w) {
                assert_true(p.runs[r].x >= 0);
                assert_true(p.runs[r].x + p.runs[r].w + p.runs[r].hyphen_w <= w);
            }
    }
    text_para_free(&p);
}

/* Phrases and texts from a pack or a central database are anyone's: any bytes, '*' anywhere,
 * no word at all. A phrase always finds itself in a text made of it. */
static void test_danger_survives(void **state)
{
    (void)state;
    char phrase[256], text[768];
    for (int i = 0; i < 3000; i++) {
        danger *d = danger_new();
        fuzz_text(phrase, sizeof phrase);
        if (rnd() % 4 == 0)
            strcat(phrase, "*");
        danger_add(d, phrase);
        fuzz_text(text, 256);
        size_t n = strlen(text); /* random bytes may hold a NUL */
        snprintf(text + n, sizeof text - n, " %s", phrase);
        int found = danger_match(d, text);
        if (danger_count(d))
            assert_int_equal(found, 1);
        else
            assert_int_equal(found, 0);
        danger_free(d);
    }
}

static char dir[64];

static void write_file(const char *path, const char *text, size_t n)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fwrite(text, 1, n, fp);
    fclose(fp);
}

static void test_kv_survives(void **state)
{
    (void)state;
    char text[2048], path[128];
    snprintf(path, sizeof path, "%s/k.txt", dir);
    for (int i = 0; i < 3000; i++) {
        size_t n = fuzz_text(text, sizeof text);
        write_file(path, text, n);
        kv_file f;
        err e = {{0}};
        if (kv_parse(&f, path, &e) == 0)
            kv_free(&f);
        else
            assert_non_null(strstr(e.msg, path));
    }
}

/* A tiny pack whose one page is random: the build fails with a message or succeeds. */
static void test_pack_build_survives(void **state)
{
    (void)state;
    char p[256], page[4096];
    snprintf(p, sizeof p, "%s/src", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/src/pages", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/src/pages/a", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/src/manifest.txt", dir);
    const char *man = "pack: t\nversion: 1\nreference: en\nfallback: en\nlanguages: en\n"
                      "title.en: T\n[language en]\nname: English\ndir: ltr\n"
                      "[category c]\nicon: home\ntitle.en: C\npages: a\n";
    write_file(p, man, strlen(man));
    char out[256];
    snprintf(out, sizeof out, "%s/out.pack", dir);
    snprintf(p, sizeof p, "%s/src/pages/a/en.md", dir);
    char src[256];
    snprintf(src, sizeof src, "%s/src", dir);
    int built = 0;
    for (int i = 0; i < 300; i++) {
        size_t n = 0;
        if (rnd() % 2) /* half the time a valid header, so the Markdown gets parsed */
            n = (size_t)snprintf(page, sizeof page,
                                 "---\ntitle: T\nstatus: machine\nchecked: 2022-12-01\n---\n");
        n += fuzz_text(page + n, sizeof page - n);
        write_file(p, page, n);
        pack_opts o = {.src = src, .root = ".", .out = out, .report = NULL};
        pack_result r;
        err e = {{0}};
        unlink(out);
        if (pack_compile(&o, &r, &e) == 0) {
            built++;
            assert_int_equal(access(out, F_OK), 0);
        } else {
            assert_true(e.msg[0] != 0);
            assert_int_not_equal(access(out, F_OK), 0); /* nothing half-built is left */
        }
    }
    assert_true(built > 0); /* the valid-header half must sometimes build */
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/sveiki-fuzz-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script_parse_survives),
        cmocka_unit_test(test_utf8_and_layout_survive),
        cmocka_unit_test(test_danger_survives),
        cmocka_unit_test(test_kv_survives),
        cmocka_unit_test(test_pack_build_survives),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) { /* a run that cannot clean up after itself fails */
        fprintf(stderr, "test_fuzz: cannot remove %s\n", dir);
        rc = rc ? rc : 1;
    }
    return rc;
}
