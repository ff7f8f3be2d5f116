/* Hostile input to every parser, under ASan and UBSan: random bytes and mutated valid input
 * for the script parser, the key-value reader, UTF-8, the paragraph layout, the danger-word
 * matcher, the whole pack builder, a sealed submission's plaintext and a format 2 batch (its
 * records, and the submissions sealed in it, each edit signed again so the parser meets it).
 * Each must answer with a value or an error message, never a crash. The random generator is
 * seeded, so a failure repeats. The key-value reader, the pack build, the sealed plaintext and
 * the batch get a tenth of their former inputs here, for the properties checked below; their libFuzzer
 * targets (tests/fuzz/, group fuzz and make fuzz) search them far further, guided by
 * coverage. */
#include "builder/kv.h"
#include "builder/pack.h"
#include "store/sealed.h"
#include "sync/sync.h"
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
#include <sodium.h>
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

#include "scratch.h"

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
    for (int i = 0; i < 300; i++) {
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
    for (int i = 0; i < 60; i++) {
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


/* A valid plaintext of a sealed submission (store/sealed.h) of two answers into out. */
static size_t valid_plain(unsigned char *out)
{
    sealed_answer a[2] = {{"a0000000-0000-4000-8000-000000000001", "help", "faces", "4"},
                          {"a0000000-0000-4000-8000-000000000002", "comment", "text",
                           "Darbs. مرحبا ሰላም\nline two"}};
    sealed_submission sub = {.id = "10000000-0000-4000-8000-000000000000", .survey = "needs",
                             .lang = "ar", .pack = "latvia", .pack_version = "2022.12",
                             .period = 1699920000, .nanswers = 2};
    memcpy(sub.answers, a, sizeof a);
    /* sealed and opened again: the same bytes the office opens */
    unsigned char pk[32], sk[32];
    crypto_box_keypair(pk, sk);
    unsigned char *blob;
    size_t len;
    err e = {{0}};
    assert_int_equal(sealed_make(&sub, pk, &blob, &len, &e), 0);
    size_t n = len - crypto_box_SEALBYTES, unpadded;
    assert_int_equal(crypto_box_seal_open(out, blob, len, pk, sk), 0);
    assert_int_equal(sodium_unpad(&unpadded, out, n, SEALED_BLOCK), 0);
    free(blob);
    return unpadded;
}

static void test_sealed_plaintext_survives(void **state)
{
    (void)state;
    assert_true(sodium_init() >= 0);
    static unsigned char good[SEALED_BLOCK * 4], p[SEALED_BLOCK * 4 + 64];
    size_t n = valid_plain(good);
    sealed_submission s;
    err e = {{0}};
    assert_int_equal(sealed_parse(good, n, &s, &e), 0);
    assert_int_equal(s.nanswers, 2);
    sealed_free(&s);
    int accepted = 0;
    for (int i = 0; i < 20000; i++) {
        size_t len = n;
        if (i % 10 == 0) { /* random bytes of any length */
            len = rnd() % sizeof p;
            for (size_t k = 0; k < len; k++)
                p[k] = (unsigned char)rnd();
        } else { /* a few bytes of the valid one changed, cut or added */
            memcpy(p, good, n);
            for (unsigned k = 0, edits = 1 + rnd() % 4; k < edits; k++)
                p[rnd() % n] = rnd() % 2 ? (unsigned char)rnd() : (unsigned char)(p[rnd() % n] ^ 1);
            if (rnd() % 8 == 0)
                len = rnd() % (n + 64);
        }
        if (sealed_parse(p, len, &s, &e) == 0) {
            accepted++;
            assert_true(s.nanswers >= 1 && s.nanswers <= SEALED_MAX_ANSWERS);
            assert_int_equal(strlen(s.id), 36);
            for (int k = 0; k < s.nanswers; k++) {
                size_t vl = strlen(s.answers[k].value);
                assert_true(vl >= 1 && vl <= 2000);
                assert_int_equal(strlen(s.answers[k].uuid), 36);
            }
            sealed_free(&s);
        } else {
            assert_non_null(strstr(e.msg, "the sealed submission"));
            assert_null(s.mem_);
        }
    }
    assert_true(accepted > 0 && accepted < 20000);
}

/* After an edit, the batch's sha256 line and signature made again with sk. */
static void resign(unsigned char *f, size_t len, const unsigned char sk[64])
{
    unsigned char *end = memmem(f, len, "\n\n", 2);
    char *line = end ? memmem(f, (size_t)(end - f) + 2, "\nsha256 ", 8) : NULL;
    if (!line)
        return;
    size_t hlen = (size_t)(end - f) + 2;
    if (hlen + 64 > len)
        return;
    unsigned char h[32];
    crypto_hash_sha256(h, f + hlen, len - hlen - 64);
    char hexs[65];
    sodium_bin2hex(hexs, sizeof hexs, h, 32);
    if ((size_t)(line - (char *)f) + 8 + 64 <= hlen)
        memcpy(line + 8, hexs, 64);
    crypto_sign_detached(f + len - 64, NULL, f, len - 64, sk);
}

static void test_batch_format_2_survives(void **state)
{
    (void)state;
    assert_true(sodium_init() >= 0);
    sync_seal_key office;
    crypto_box_keypair(office.pk, office.sk);
    unsigned char pk[32], sk[64];
    crypto_sign_keypair(pk, sk);
    /* three sealed submissions, as a kiosk stores them */
    sync_maker *m = sync_make2_begin("0b7e0000-0000-4000-8000-000000000000", 3);
    for (int i = 0; i < 3; i++) {
        char id[37] = "10000000-0000-4000-8000-000000000000";
        char uuid[37] = "a1000000-0000-4000-8000-000000000000";
        id[0] = uuid[1] = (char)('1' + i);
        sealed_answer a = {uuid, "help", "faces", "3"};
        sealed_submission sub = {.id = id, .survey = "needs", .lang = "uk", .pack = "latvia",
                                 .pack_version = "1", .period = 1699920000, .nanswers = 1};
        sub.answers[0] = a;
        unsigned char *blob;
        size_t len;
        err e = {{0}};
        assert_int_equal(sealed_make(&sub, office.pk, &blob, &len, &e), 0);
        assert_int_equal(sync_make2_add(m, id, blob, len, &e), 0);
        free(blob);
    }
    unsigned char *f;
    size_t len;
    char name[SYNC_NAME_MAX];
    err e = {{0}};
    assert_int_equal(sync_make_end(m, sk, NULL, &f, &len, name, &e), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/b.batch", dir);
    write_file(path, (const char *)f, len);
    sync_batch b;
    assert_int_equal(sync_read(path, NULL, &office, &b, &e), 0);
    assert_int_equal(b.nanswers, 3);
    sync_batch_free(&b);
    unsigned char *g = malloc(len);
    assert_non_null(g);
    int accepted = 0;
    for (int i = 0; i < 300; i++) {
        memcpy(g, f, len);
        for (unsigned k = 0, edits = 1 + rnd() % 4; k < edits; k++) {
            size_t at = rnd() % (len - 64);
            g[at] = rnd() % 2 ? (unsigned char)rnd() : (unsigned char)(g[at] ^ (1u << (rnd() % 8)));
        }
        resign(g, len, sk);
        write_file(path, (const char *)g, len);
        if (sync_read(path, NULL, &office, &b, &e) == 0) {
            accepted++;
            for (long long k = 0; k < b.nanswers; k++)
                assert_int_equal(strlen(b.answers[k].uuid), 36);
            sync_batch_free(&b);
        } else {
            assert_non_null(strstr(e.msg, path));
        }
    }
    assert_true(accepted > 0 && accepted < 300); /* edits in the header's text stay valid */
    free(g);
    free(f);
}

int main(void)
{
    if (scratch_make("fuzz"))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script_parse_survives),
        cmocka_unit_test(test_utf8_and_layout_survive),
        cmocka_unit_test(test_danger_survives),
        cmocka_unit_test(test_kv_survives),
        cmocka_unit_test(test_pack_build_survives),
        cmocka_unit_test(test_sealed_plaintext_survives),
        cmocka_unit_test(test_batch_format_2_survives),
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
