/* folder: the sync folder (--sync-folder DIR, --sync-every MINUTES), the kiosk's way to the
 * office at a site with a network, where rsync or Syncthing carries a folder both ways:
 *  - the kiosk visits it on a schedule driven by its clock (at start, then every MINUTES),
 *    only between visitors, and kiosk_deadline wakes it for that and no more often;
 *  - feedback goes out as batches, the office's receipt and signed packs come in, exactly as
 *    from a stick (the same code), while the kiosk runs;
 *  - a batch appears in the folder whole or not at all: a reader polling the folder while
 *    the kiosk writes (as a sync engine does) only ever sees batches that verify, and a
 *    write, fsync or rename that fails leaves no *.batch behind;
 *  - a sync engine's files in the making (Syncthing's .syncthing.NAME.tmp, rsync's
 *    .NAME.XXXXXX) are never read as packs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "builder/pack.h"
#include "fs.h"
#include "kiosk.h"
#include "pack/content.h"
#include "sign.h"
#include "store/store.h"
#include "sync/merge.h"
#include "sync/sync.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fake_platform.h"
#include "office_key.h"
#include "scratch.h"

#define MIN_MS (60ULL * 1000)

static int setup(void **state)
{
    (void)state;
    memset(&fake_seen, 0, sizeof fake_seen);
    fs_fault_reset();
    err e;
    if (scratch_make("folder") || sign_keygen(at("k"), &e))
        return -1;
    mkdir(at("data"), 0700);
    mkdir(at("sync"), 0700);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fs_fault_reset();
    return scratch_remove();
}

/* ---- helpers, outside the code under test ------------------------------------------------ */

/* n submissions of one answer each, stored in data before the kiosk starts */
static void fill(const char *data, int n)
{
    err e = {{0}};
    store_config c = {.seal_pk = office_pk()};
    store *s = store_open(data, &c, NULL, &e);
    if (!s)
        fail_msg("store_open: %s", e.msg);
    static const store_answer a[] = {{"face", "3", 0, "faces"}};
    for (int i = 0; i < n; i++) {
        store_submission sub = {.survey = "s", .lang = "en", .pack_id = "p",
                                .pack_version = "1", .answers = a, .nanswers = 1};
        char id[37];
        if (store_submit(s, &sub, id, &e))
            fail_msg("store_submit: %s", e.msg);
    }
    store_close(s);
}

static long waiting(const char *data)
{
    err e = {{0}};
    store_config c = {.seal_pk = office_pk()};
    store *s = store_open(data, &c, NULL, &e);
    if (!s)
        fail_msg("store_open: %s", e.msg);
    long n = store_unexported_count(s, &e);
    store_close(s);
    return n;
}

/* submissions the kiosk holds, exported or not */
static long held(const char *data)
{
    char db[512];
    snprintf(db, sizeof db, "%s/feedback.db", data);
    sqlite3 *h;
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, "SELECT count(*) FROM submissions", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return n;
}

/* The *.batch files below path, each checked (hash, signature) with sync_verify: the number
 * found, or -1 at the first that does not verify (its name and why in bad). */
static int batches(const char *path, char *bad, size_t cap)
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n >= 0) {
        if (de->d_name[0] == '.')
            continue;
        char sub[1024];
        snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
        size_t len = strlen(de->d_name);
        if (de->d_type == DT_DIR) {
            int m = batches(sub, bad, cap);
            n = m < 0 ? -1 : n + m;
        } else if (len > 6 && !strcmp(de->d_name + len - 6, ".batch")) {
            sync_batch b;
            err e = {{0}};
            if (sync_verify(sub, NULL, &b, &e)) {
                snprintf(bad, cap, "%s", e.msg);
                n = -1;
            } else {
                sync_batch_free(&b);
                n++;
            }
        }
    }
    closedir(d);
    return n;
}

static int count_batches(void)
{
    char bad[600] = "";
    int n = batches(at("sync"), bad, sizeof bad);
    if (n < 0)
        fail_msg("a batch in the folder does not verify: %s", bad);
    return n;
}

static kiosk *start(int every)
{
    kiosk_options o = {.pack = at("v1.pack"), .data = at("data"), .trust = at("k.pub"),
                       .lang = "en", .w = 800, .h = 480, .office_key = OFFICE_PUB,
                       .sync_folder = at("sync"), .sync_every = every};
    err e = {{0}};
    kiosk *k = kiosk_open(&o, &e);
    if (!k)
        fail_msg("%s", e.msg);
    if (kiosk_fault(k))
        fail_msg("no pack: %s", kiosk_fault(k));
    kiosk_start(k, &fake_platform, 800, 480, 1000);
    return k;
}

/* ---- the schedule ------------------------------------------------------------------------ */

/* At start, then every MINUTES by the kiosk's clock; the deadline says when, and nothing is
 * written before it. */
static void test_schedule(void **state)
{
    (void)state;
    scratch_pack(at("v1.pack"), "1", at("k.key"));
    fill(at("data"), 3);
    kiosk *k = start(15);
    assert_true(kiosk_deadline(k) <= 1000); /* due at once */
    kiosk_tick(k, 1000);
    assert_int_equal(count_batches(), 1);
    assert_int_equal(waiting(at("data")), 0);
    /* the kiosk sleeps until the next visit (its start screen has no timer of its own) */
    assert_int_equal(kiosk_deadline(k), 1000 + 15 * MIN_MS);
    kiosk_tick(k, 1000 + 15 * MIN_MS - 1);
    assert_int_equal(count_batches(), 1);
    kiosk_close(k);

    /* answers given meanwhile go with the next visit, not before */
    fill(at("data"), 2);
    k = start(15);
    kiosk_tick(k, 1000);
    assert_int_equal(count_batches(), 2);
    kiosk_tick(k, 1000 + 15 * MIN_MS);
    assert_int_equal(count_batches(), 2); /* nothing new: no file */
    assert_int_equal(kiosk_deadline(k), 1000 + 30 * MIN_MS);
    kiosk_close(k);
}

/* Someone using the kiosk is not interrupted: the visit waits for the start screen. */
static void test_waits_for_the_visitor(void **state)
{
    (void)state;
    scratch_pack(at("v1.pack"), "1", at("k.key"));
    fill(at("data"), 2);
    kiosk *k = start(0);
    ui_event down = {.type = UI_EV_DOWN, .x = 400, .y = 240},
             up = {.type = UI_EV_UP, .x = 400, .y = 240};
    kiosk_event(k, &down, 900);
    kiosk_event(k, &up, 950);
    assert_string_not_equal(ui_screen_name(kiosk_ui(k)), "attract");
    kiosk_tick(k, 1000);
    assert_int_equal(count_batches(), 0);
    assert_int_equal(waiting(at("data")), 2);
    /* the idle timeout brings the start screen back; the next look finds it */
    for (uint64_t t = 1000; t < 1000 + 10 * MIN_MS && !count_batches(); t += 5000)
        kiosk_tick(k, t);
    assert_string_equal(ui_screen_name(kiosk_ui(k)), "attract");
    assert_int_equal(count_batches(), 1);
    /* the default interval: an hour */
    uint64_t d = kiosk_deadline(k);
    assert_true(d > 1000 + 55 * MIN_MS && d <= 1000 + 10 * MIN_MS + KIOSK_SYNC_MINUTES * MIN_MS);
    kiosk_close(k);
}

/* ---- what comes in: packs, temp files, the receipt ---------------------------------------- */

/* A signed pack the sync engine finished is taken while the kiosk runs; its files in the
 * making are not looked at, whatever they hold. */
static void test_packs_and_temp_files(void **state)
{
    (void)state;
    scratch_pack(at("v1.pack"), "1", at("k.key"));
    kiosk *k = start(5);
    kiosk_tick(k, 1000);
    mkdir(at("sync/sveiki"), 0700);
    mkdir(at("sync/sveiki/packs"), 0700);
    /* half-carried packs of a higher version, named as each engine names them */
    scratch_pack(at("sync/sveiki/packs/.syncthing.v9.pack.tmp"), "9", at("k.key"));
    scratch_pack(at("sync/sveiki/packs/.v8.pack.Xa81kQ"), "8", at("k.key"));
    scratch_pack(at("sync/sveiki/packs/.v7.pack"), "7", at("k.key"));
    scratch_pack(at("sync/sveiki/packs/~syncthing~v6.pack.tmp"), "6", at("k.key"));
    kiosk_tick(k, 1000 + 5 * MIN_MS);
    int forgets = fake_seen.forgets;
    /* the version shown is still 1 */
    {
        char p[512];
        snprintf(p, sizeof p, "%s/current.pack", at("data"));
        err e;
        content *c = content_open(p, &e);
        assert_non_null(c);
        assert_string_equal(content_version(c), "1");
        content_close(c);
    }
    /* the engine renames the whole file in: taken at the next visit, shown at once */
    scratch_pack(at("v2.pack"), "2", at("k.key"));
    assert_int_equal(rename(at("v2.pack"), at("sync/sveiki/packs/v2.pack")), 0);
    kiosk_tick(k, 1000 + 10 * MIN_MS);
    char p[512];
    snprintf(p, sizeof p, "%s/current.pack", at("data"));
    err e;
    content *c = content_open(p, &e);
    assert_non_null(c);
    assert_string_equal(content_version(c), "2");
    content_close(c);
    assert_true(fake_seen.forgets > forgets); /* the old pack's text left the caches */
    kiosk_close(k);
}

/* The office merges the folder and writes a receipt into it: the kiosk's next visit deletes
 * what the office holds. */
static void test_receipt(void **state)
{
    (void)state;
    scratch_pack(at("v1.pack"), "1", at("k.key"));
    err e = {{0}};
    unsigned char sk[64];
    char pub[300];
    snprintf(pub, sizeof pub, "%s/office.pub", at("data"));
    if (sign_keygen(at("receipts"), &e) || sign_read_secret(at("receipts.key"), sk, &e) ||
        fs_copy_atomic(at("receipts.pub"), pub, 4096, 0644, &e))
        fail_msg("%s", e.msg);
    fill(at("data"), 4);
    kiosk *k = start(30);
    kiosk_tick(k, 1000);
    assert_int_equal(count_batches(), 1);
    assert_int_equal(held(at("data")), 4);
    /* the office's side, through the folder only */
    char **files = NULL;
    int n = 0;
    assert_int_equal(sync_merge_collect(at("sync"), &files, &n, &e), 0);
    sync_merger *m = sync_merge_open(at("central.db"), office_key(), &e);
    assert_non_null(m);
    sync_merge_enrol_new(m, 1);
    sync_merge_stats st = {0};
    for (int i = 0; i < n; i++)
        assert_true(sync_merge_file(m, files[i], &st, &e) >= 0);
    assert_int_equal(sync_merge_finish(m, &e), 0);
    assert_int_equal(st.added, 4);
    char **lines = NULL;
    int nl = 0;
    assert_int_equal(sync_merge_write_receipts(m, sk, 1700003725, &lines, &nl, &e), 0);
    fs_list_free(lines, nl);
    sync_merge_close(m);
    fs_list_free(files, n);
    kiosk_tick(k, 1000 + 30 * MIN_MS);
    assert_int_equal(held(at("data")), 0);
    kiosk_close(k);
}

/* ---- whole or not at all -------------------------------------------------------------------- */

/* A reader polls the folder while the kiosk writes batch after batch, as a sync engine scans:
 * every *.batch it ever sees verifies. */
static void test_reader_sees_whole_batches(void **state)
{
    (void)state;
    scratch_pack(at("v1.pack"), "1", at("k.key"));
    fflush(NULL);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        /* the reader: until told to stop, every batch it sees must verify */
        char bad[600];
        for (;;) {
            bad[0] = 0;
            if (batches(at("sync"), bad, sizeof bad) < 0) {
                fprintf(stderr, "the reader saw a batch that does not verify: %s\n", bad);
                _exit(1);
            }
            if (access(at("stop"), F_OK) == 0)
                _exit(0);
        }
    }
    /* the kiosk at start, each time with answers given since: a batch a visit */
    for (int round = 0; round < 12; round++) {
        fill(at("data"), 40);
        kiosk *k = start(1);
        kiosk_tick(k, 1000);
        kiosk_close(k);
    }
    puts_file(at("stop"), "");
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(count_batches(), 12);
}

/* A write, fsync or rename that fails in the middle of writing a batch leaves no *.batch in
 * the folder (nothing, or a whole one), and the next visit sends what was not marked. */
static void test_failure_leaves_no_part(void **state)
{
    (void)state;
    scratch_pack(at("v1.pack"), "1", at("k.key"));
    static const fs_op ops[] = {FS_WRITE, FS_FSYNC, FS_RENAME};
    int fired = 0;
    for (int o = 0; o < 3; o++)
        for (int nth = 1; nth <= 6; nth++) {
            fill(at("data"), 3);
            kiosk *k = start(1);
            fs_fault_set(ops[o], nth, EIO);
            kiosk_tick(k, 1000);
            fired += fs_fault_fired();
            fs_fault_reset();
            count_batches(); /* fails on a part */
            kiosk_tick(k, 1000 + MIN_MS);
            kiosk_close(k);
            assert_int_equal(waiting(at("data")), 0);
        }
    assert_true(fired > 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_schedule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_waits_for_the_visitor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_packs_and_temp_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_receipt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_sees_whole_batches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_leaves_no_part, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
