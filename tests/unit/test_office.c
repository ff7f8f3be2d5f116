/* office: what the office does with a kiosk's feedback once it holds it, end to end. Receipts:
 * merge writes a signed receipt beside the exports it merged from, and the kiosk deletes
 * exactly the submissions of the batches it names, once (a receipt brought again deletes
 * nothing more); a forged, changed, other kiosk's, oversized or linked receipt deletes
 * nothing and says why. Enrolment: a batch from a kiosk not enrolled is refused with the
 * reason, and merged once its device.pub is enrolled. Retention and deletion in the central
 * database, with the audit row; --remove-merged removes only committed, merged files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/buf.h"
#include "feedback.h"
#include "fs.h"
#include "sign.h"
#include "store/store.h"
#include "sync/central.h"
#include "sync/merge.h"
#include "sync/receipt.h"
#include "sync/sync.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "office_key.h"
#include "scratch.h"

static time_t fake_now;
static time_t fake_clock(void *ctx) { return fake_now; }

static int setup(void **state)
{
    (void)state;
    fs_fault_reset();
    fake_now = 1700003725;
    return scratch_make("office");
}

static int teardown(void **state)
{
    (void)state;
    fs_fault_reset();
    return scratch_remove();
}

static const store_answer answers[] = {
    {"face", "3", 0, FEEDBACK_KIND_FACES},
    {"needs", "Darbs", 1, FEEDBACK_KIND_TEXT},
};

static store *kiosk(const char *d)
{
    mkdir(d, 0700);
    store_config c = {.clock = fake_clock, .seal_pk = office_pk()};
    err e = {{0}};
    store *s = store_open(d, &c, NULL, &e);
    if (!s)
        fail_msg("store_open(%s): %s", d, e.msg);
    return s;
}

static void fill(store *s, int n)
{
    for (int i = 0; i < n; i++) {
        store_submission sub = {.survey = "needs", .lang = "uk", .pack_id = "latvia",
                                .pack_version = "1", .answers = answers, .nanswers = 2};
        char id[37];
        err e = {{0}};
        if (store_submit(s, &sub, id, &e))
            fail_msg("store_submit: %s", e.msg);
    }
}

static void export_ok(store *s, const char *data, const char *to)
{
    sync_result r;
    err e = {{0}};
    if (sync_export(s, data, to, &r, &e))
        fail_msg("sync_export: %s", e.msg);
}

static long long one(const char *path, const char *q)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", q, sqlite3_errmsg(db));
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static long kept(const char *data)
{
    char p[300];
    snprintf(p, sizeof p, "%s/feedback.db", data);
    return (long)one(p, "SELECT count(*) FROM submissions");
}

/* The office's receipt key: RECEIPTS.key here, its .pub as the kiosk's DATA/office.pub. */
static void receipt_key(const char *data, unsigned char sk[64])
{
    err e = {{0}};
    if (!fs_exists(at("receipts.key")) && sign_keygen(at("receipts"), &e))
        fail_msg("%s", e.msg);
    if (sign_read_secret(at("receipts.key"), sk, &e))
        fail_msg("%s", e.msg);
    char p[300];
    snprintf(p, sizeof p, "%s/office.pub", data);
    if (fs_copy_atomic(at("receipts.pub"), p, 4096, 0644, &e))
        fail_msg("%s", e.msg);
}

/* Merges the files (enrolling new kiosks), commits, then writes receipts with sk (when not
 * NULL) and removes the merged files when remove; the stats. */
static sync_merge_stats merge_files(const char *central, char **files, int n,
                                    const unsigned char *sk, int remove, int enrol_new)
{
    err e = {{0}};
    sync_merger *m = sync_merge_open(central, office_key(), &e);
    if (!m)
        fail_msg("sync_merge_open: %s", e.msg);
    sync_merge_enrol_new(m, enrol_new);
    sync_merge_stats st = {0};
    for (int i = 0; i < n; i++)
        if (sync_merge_file(m, files[i], &st, &e) < 0)
            fail_msg("merge %s: %s", files[i], e.msg);
    /* nothing is receipted nor removed before the commit */
    long removed = -1;
    if (st.merged) {
        char **lines;
        int nl;
        assert_int_equal(sync_merge_remove_merged(m, &removed, &e), -1);
        assert_non_null(strstr(e.msg, "only after the merge is committed"));
        assert_int_equal(sync_merge_write_receipts(m, sk ? sk : (const unsigned char *)"", 0,
                                                   &lines, &nl, &e), -1);
    }
    if (sync_merge_finish(m, &e))
        fail_msg("finish: %s", e.msg);
    if (sk) {
        char **lines;
        int nl;
        if (sync_merge_write_receipts(m, sk, (long long)fake_now, &lines, &nl, &e))
            fail_msg("receipts: %s", e.msg);
        for (int i = 0; i < nl; i++)
            if (!strncmp(lines[i], "not written", 11))
                fail_msg("%s", lines[i]);
        fs_list_free(lines, nl);
    }
    if (remove && sync_merge_remove_merged(m, &removed, &e))
        fail_msg("remove: %s", e.msg);
    sync_merge_close(m);
    return st;
}

static int collect(const char *path, char ***files)
{
    int n = 0;
    *files = NULL;
    err e = {{0}};
    if (sync_merge_collect(path, files, &n, &e))
        fail_msg("collect: %s", e.msg);
    return n;
}

static char *receipt_path(store *s, const char *stick)
{
    static char p[400];
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    snprintf(p, sizeof p, "%s/sveiki/receipts/%s.receipt", stick, dev);
    return p;
}

static void take(store *s, const char *data, const char *stick, int want_rc, int receipted,
                 long deleted, const char *msg)
{
    sync_receipt_result r;
    err e = {{0}};
    int rc = sync_take_receipt(s, data, stick, &r, &e);
    if (rc != want_rc)
        fail_msg("sync_take_receipt: %d, want %d: %s %s", rc, want_rc, e.msg, r.note);
    if (msg && !strstr(rc ? e.msg : r.note, msg))
        fail_msg("\"%s\" not in \"%s\"", msg, rc ? e.msg : r.note);
    assert_int_equal(r.receipted, receipted);
    assert_int_equal(r.deleted, deleted);
}

/* ---- receipts ------------------------------------------------------------------------- */

static void test_receipt_deletes_exactly_what_the_office_holds(void **state)
{
    (void)state;
    unsigned char sk[64];
    store *s = kiosk(at("data"));
    receipt_key(at("data"), sk);
    fill(s, 3);
    export_ok(s, at("data"), at("stick"));          /* batch 1: 3 */
    char **one_file;
    int n1 = collect(at("stick"), &one_file);
    assert_int_equal(n1, 1);
    fill(s, 2);
    export_ok(s, at("data"), at("stick"));          /* batch 2: 2, not merged yet */
    fill(s, 1);                                     /* never exported */
    /* no receipt yet: nothing deleted */
    take(s, at("data"), at("stick"), 0, 0, 0, "no receipt for this kiosk");
    assert_int_equal(kept(at("data")), 6);
    sync_merge_stats st = merge_files(at("central.db"), one_file, n1, sk, 0, 1);
    assert_int_equal(st.merged, 1);
    assert_true(fs_exists(receipt_path(s, at("stick"))));
    take(s, at("data"), at("stick"), 0, 1, 3, "names 1 batch of this kiosk: 3 submissions");
    assert_int_equal(kept(at("data")), 3);
    /* the same receipt again (a replay, or the stick brought twice) deletes nothing more */
    take(s, at("data"), at("stick"), 0, 1, 0, NULL);
    assert_int_equal(kept(at("data")), 3);
    /* the whole folder merged: batch 2 receipted too; the unexported one stays */
    char **all;
    int n = collect(at("stick"), &all);
    merge_files(at("central.db"), all, n, sk, 0, 1);
    take(s, at("data"), at("stick"), 0, 2, 2, NULL);
    assert_int_equal(kept(at("data")), 1);
    /* the receipted submissions are gone from the file, and it is sound */
    assert_int_equal(one(at("data/feedback.db"), "SELECT count(*) FROM submissions WHERE "
                                                 "exported = 0"), 1);
    fs_list_free(one_file, n1);
    fs_list_free(all, n);
    store_close(s);
}

static void write_file(const char *path, const void *p, size_t n)
{
    err e = {{0}};
    if (fs_write_atomic(path, p, n, 0600, &e))
        fail_msg("%s", e.msg);
}

static void test_hostile_receipts_delete_nothing(void **state)
{
    (void)state;
    unsigned char sk[64];
    store *s = kiosk(at("data"));
    receipt_key(at("data"), sk);
    fill(s, 3);
    export_ok(s, at("data"), at("stick"));
    char **f;
    int n = collect(at("stick"), &f);
    merge_files(at("central.db"), f, n, sk, 0, 1);
    fs_list_free(f, n);
    char rp[400];
    snprintf(rp, sizeof rp, "%s", receipt_path(s, at("stick")));
    size_t len;
    err e = {{0}};
    unsigned char *good = fs_read_all(rp, 1 << 20, &len, &e);
    assert_non_null(good);
    /* every byte flipped in turn: the signature fails before anything is parsed */
    for (size_t i = 0; i < len; i++) {
        unsigned char *bad = malloc(len);
        memcpy(bad, good, len);
        bad[i] ^= 0x20;
        write_file(rp, bad, len);
        free(bad);
        take(s, at("data"), at("stick"), -1, 0, 0, "nothing deleted");
    }
    /* cut short */
    write_file(rp, good, len - 1);
    take(s, at("data"), at("stick"), -1, 0, 0, "not signed by this kiosk's office key");
    /* signed by another key */
    unsigned char pk2[32], sk2[64];
    crypto_sign_keypair(pk2, sk2);
    char dev[37];
    assert_int_equal(store_device_id(s, dev, &e), 0);
    long long nums[] = {1};
    char sha[1][65];
    memset(sha[0], 'a', 64);
    sha[0][64] = 0;
    unsigned char *r;
    size_t rl;
    assert_int_equal(sync_receipt_make(dev, 1, nums, (const char (*)[65])sha, 1, sk2, &r, &rl,
                                       &e), 0);
    write_file(rp, r, rl);
    free(r);
    take(s, at("data"), at("stick"), -1, 0, 0, "not signed by this kiosk's office key");
    /* the office's key, another kiosk's receipt put under this kiosk's name */
    char other[37];
    store_uuid4(other);
    assert_int_equal(sync_receipt_make(other, 1, nums, (const char (*)[65])sha, 1, sk, &r, &rl,
                                       &e), 0);
    write_file(rp, r, rl);
    free(r);
    take(s, at("data"), at("stick"), -1, 0, 0, "not this kiosk");
    /* the office's key, batches this kiosk never wrote: ignored */
    long long never[] = {2, 7, 9999999999LL};
    char sha3[3][65];
    for (int i = 0; i < 3; i++)
        memcpy(sha3[i], sha[0], 65);
    assert_int_equal(sync_receipt_make(dev, 1, never, (const char (*)[65])sha3, 3, sk, &r, &rl,
                                       &e), 0);
    write_file(rp, r, rl);
    free(r);
    take(s, at("data"), at("stick"), 0, 0, 0, "names 0 batches");
    /* too large to be one */
    unsigned char *big = calloc(1, SYNC_RECEIPT_MAX + 1);
    write_file(rp, big, SYNC_RECEIPT_MAX + 1);
    free(big);
    take(s, at("data"), at("stick"), -1, 0, 0, NULL);
    /* a link in place of the file, and of the folder */
    unlink(rp);
    assert_int_equal(symlink(at("receipts.key"), rp), 0);
    take(s, at("data"), at("stick"), -1, 0, 0, "link");
    unlink(rp);
    char rd[300];
    snprintf(rd, sizeof rd, "%s/sveiki/receipts", at("stick"));
    rmdir(rd);
    mkdir(at("elsewhere"), 0700);
    assert_int_equal(symlink(at("elsewhere"), rd), 0);
    take(s, at("data"), at("stick"), -1, 0, 0, "link");
    assert_int_equal(kept(at("data")), 3);
    /* and the good one still works */
    unlink(rd);
    mkdir(rd, 0700);
    write_file(rp, good, len);
    take(s, at("data"), at("stick"), 0, 1, 3, NULL);
    assert_int_equal(kept(at("data")), 0);
    free(good);
    store_close(s);
}

static void test_no_office_key_no_receipt_read(void **state)
{
    (void)state;
    unsigned char sk[64];
    store *s = kiosk(at("data"));
    receipt_key(at("data"), sk);
    fill(s, 2);
    export_ok(s, at("data"), at("stick"));
    char **f;
    int n = collect(at("stick"), &f);
    merge_files(at("central.db"), f, n, sk, 0, 1);
    fs_list_free(f, n);
    unlink(at("data/office.pub"));
    take(s, at("data"), at("stick"), 0, 0, 0, "no office receipt key");
    assert_int_equal(kept(at("data")), 2);
    store_close(s);
}

/* ---- enrolment -------------------------------------------------------------------------- */

static void test_unknown_device_refused_then_merged_once_enrolled(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 2);
    export_ok(s, at("data"), at("stick"));
    store_close(s);
    char **f;
    int n = collect(at("stick"), &f);
    err e = {{0}};
    sync_merger *m = sync_merge_open(at("central.db"), office_key(), &e);
    assert_non_null(m);
    sync_merge_stats st = {0};
    assert_int_equal(sync_merge_file(m, f[0], &st, &e), 1);
    assert_non_null(strstr(e.msg, "is not enrolled at this office: refused"));
    assert_int_equal(st.rejected, 1);
    assert_int_equal(st.unknown, 1);
    assert_int_equal(sync_merge_finish(m, &e), 0);
    sync_merge_close(m);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 0);
    /* enrolled by the kiosk's DATA/device.pub */
    unsigned char pk[32];
    assert_int_equal(sign_read_public(at("data/device.pub"), pk, &e), 0);
    char b64[64];
    sodium_bin2base64(b64, sizeof b64, pk, 32, sodium_base64_VARIANT_ORIGINAL);
    m = sync_merge_open(at("central.db"), office_key(), &e);
    if (sync_merge_enrol(m, b64, "Library, 2nd floor", &e))
        fail_msg("%s", e.msg);
    assert_int_equal(sync_merge_enrol(m, b64, "bad\nname", &e), -1);
    assert_int_equal(sync_merge_enrol(m, "not a key", "x", &e), -1);
    sync_merge_close(m);
    sync_merge_stats st2 = merge_files(at("central.db"), f, n, NULL, 0, 0);
    assert_int_equal(st2.rejected, 0);
    assert_int_equal(st2.added, 4);
    /* the device is tied to its enrolment, under the name given */
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM enrolled e JOIN devices d ON "
                                           "d.id = e.device WHERE e.name = 'Library, 2nd "
                                           "floor'"), 1);
    fs_list_free(f, n);
}

static void test_enrol_new_names_from_the_id(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 1);
    export_ok(s, at("data"), at("stick"));
    store_close(s);
    char **f;
    int n = collect(at("stick"), &f);
    sync_merge_stats st = merge_files(at("central.db"), f, n, NULL, 0, 1);
    assert_int_equal(st.enrolled, 1);
    assert_int_equal(st.added, 2);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM enrolled WHERE name = 'Kiosk ' "
                                           "|| upper(substr(device, 1, 8))"), 1);
    fs_list_free(f, n);
}

/* ---- retention and deletion ------------------------------------------------------------- */

static void test_purge_and_delete_with_audit(void **state)
{
    (void)state;
    time_t today = fake_now;
    store *s = kiosk(at("data"));
    fake_now = today - 40 * 86400;
    fill(s, 2);
    fake_now = today;
    fill(s, 3);
    export_ok(s, at("data"), at("stick"));
    store_close(s);
    char **f;
    int n = collect(at("stick"), &f);
    merge_files(at("central.db"), f, n, NULL, 0, 1);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 10);
    err e = {{0}};
    sync_merger *m = sync_merge_open(at("central.db"), office_key(), &e);
    assert_non_null(m);
    /* no setting: purge refuses */
    assert_int_equal(sync_merge_purge(m, (long long)today, &e), -1);
    assert_non_null(strstr(e.msg, "no retention is set"));
    assert_int_equal(sync_merge_set_retention(m, 0, &e), -1);
    assert_int_equal(sync_merge_set_retention(m, 30, &e), 0);
    int days;
    assert_int_equal(sync_merge_retention(m, &days, &e), 0);
    assert_int_equal(days, 30);
    assert_int_equal(sync_merge_purge(m, (long long)today, &e), 4);
    assert_int_equal(sync_merge_purge(m, (long long)today, &e), 0);
    /* delete one submission: all its answers, and the audit row says nothing of them */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(at("central.db"), &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT submission FROM answers LIMIT 1", -1, &q,
                                        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    char sub[37];
    snprintf(sub, sizeof sub, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_int_equal(sync_merge_delete(m, sub, "", 5, &e), -1);
    assert_int_equal(sync_merge_delete(m, "not-a-uuid", "asked", 5, &e), -1);
    assert_int_equal(sync_merge_delete(m, sub, "the person asked, by phone", 1700000000, &e), 2);
    assert_int_equal(sync_merge_delete(m, sub, "again", 1700000001, &e), -1);
    assert_non_null(strstr(e.msg, "nothing deleted"));
    sync_merge_close(m);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 4);
    char q2[300];
    snprintf(q2, sizeof q2, "SELECT count(*) FROM deletions WHERE at = 1700000000 AND "
             "submission = '%s' AND reason = 'the person asked, by phone' AND answers = 2", sub);
    assert_int_equal(one(at("central.db"), q2), 1);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM deletions"), 1);
    /* brought again in another batch (a stick re-exported from a read-only card): not taken */
    s = kiosk(at("data"));
    store_close(s);
    sqlite3 *k;
    assert_int_equal(sqlite3_open(at("data/feedback.db"), &k), SQLITE_OK);
    assert_int_equal(sqlite3_exec(k, "UPDATE submissions SET exported = 0, batch = NULL",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(k);
    s = kiosk(at("data"));
    export_ok(s, at("data"), at("stick2"));
    store_close(s);
    char **f2;
    int n2 = collect(at("stick2"), &f2);
    sync_merge_stats st = merge_files(at("central.db"), f2, n2, NULL, 0, 0);
    assert_int_equal(st.deleted, 2);
    snprintf(q2, sizeof q2, "SELECT count(*) FROM answers WHERE submission = '%s'", sub);
    assert_int_equal(one(at("central.db"), q2), 0);
    fs_list_free(f, n);
    fs_list_free(f2, n2);
}

/* ---- --remove-merged ------------------------------------------------------------------- */

static void test_remove_merged_removes_only_merged_files(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 2);
    export_ok(s, at("data"), at("stick"));
    store_close(s);
    char **f;
    int n = collect(at("stick"), &f);
    assert_int_equal(n, 1);
    /* a refused file beside it: a changed copy */
    size_t len;
    err e = {{0}};
    unsigned char *b = fs_read_all(f[0], 1 << 20, &len, &e);
    b[len / 2] ^= 1;
    char bad[400];
    snprintf(bad, sizeof bad, "%s/sveiki/exports/changed.batch", at("stick"));
    write_file(bad, b, len);
    free(b);
    fs_list_free(f, n);
    n = collect(at("stick"), &f);
    assert_int_equal(n, 2);
    sync_merge_stats st = merge_files(at("central.db"), f, n, NULL, 1, 1);
    assert_int_equal(st.merged, 1);
    assert_int_equal(st.rejected, 1);
    assert_true(fs_exists(bad));
    int left = 0;
    for (int i = 0; i < n; i++)
        left += fs_exists(f[i]);
    assert_int_equal(left, 1);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 4);
    fs_list_free(f, n);
}

/* ---- a central database of version 3 --------------------------------------------------- */

static void test_version_3_devices_stay_enrolled(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 1);
    export_ok(s, at("data"), at("stick"));
    fill(s, 1);
    export_ok(s, at("data"), at("stick"));
    store_close(s);
    char **f;
    int n = collect(at("stick"), &f);
    merge_files(at("central.db"), f, 1, NULL, 0, 1);
    /* back to what version 3 had: no enrolment, no settings, no deletions */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(at("central.db"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE enrolled; DROP TABLE settings; DROP TABLE "
                                      "deletions; PRAGMA user_version = 3;", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    /* its kiosk's next batch merges without --enrol-new */
    sync_merge_stats st = merge_files(at("central.db"), f + 1, 1, NULL, 0, 0);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.added, 2);
    assert_int_equal(one(at("central.db"), "PRAGMA user_version"), CENTRAL_VERSION);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM enrolled WHERE name LIKE "
                                           "'Kiosk %'"), 1);
    fs_list_free(f, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_receipt_deletes_exactly_what_the_office_holds,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_receipts_delete_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_office_key_no_receipt_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_device_refused_then_merged_once_enrolled,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_enrol_new_names_from_the_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purge_and_delete_with_audit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_merged_removes_only_merged_files, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_version_3_devices_stay_enrolled, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
