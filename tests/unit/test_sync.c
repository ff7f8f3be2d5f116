/* sync: export batches and merge, end to end. A kiosk store is filled through store_submit
 * (sealed to the test office key, office_key.h), exported with sync_export, merged with
 * sync_merge_* and that key, and the central database read back with plain SQLite. The
 * refusals forge batches the way an attacker or a broken stick would: every single flipped
 * byte, every truncation, another key, another format, a payload edited and signed again, a
 * sealed submission under another id, sealed to another key or breaking a rule inside. Format
 * 1 (what kiosks wrote before) is still read: sealed freely, plain only when allowed. The
 * fault tests fail each write, fsync and rename of an export in turn, and a forked child is
 * killed with SIGKILL in the middle of exports: never a partial batch, never a submission
 * marked without a verified batch holding it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/buf.h"
#include "feedback.h"
#include "fs.h"
#include "sign.h"
#include "store/sealed.h"
#include "store/store.h"
#include "sync/central.h"
#include "sync/merge.h"
#include "sync/sync.h"

#include <errno.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kill_at.h"
#include "office_key.h"
#include "scratch.h"

static time_t fake_now;
static time_t fake_clock(void *ctx) { return fake_now; }

/* a directory in memory (/dev/shm) for the loops that write a file thousands of times, so
 * they measure the reader and not the disk; dir when there is none */
static char fast[64];

static int setup(void **state)
{
    (void)state;
    fs_fault_reset();
    fake_now = 1700003725;
    snprintf(fast, sizeof fast, "/dev/shm/sveiki-sync-XXXXXX");
    if (!mkdtemp(fast))
        fast[0] = 0;
    return scratch_make("sync");
}

static int teardown(void **state)
{
    (void)state;
    fs_fault_reset();
    if (fast[0])
        nftw(fast, scratch_rm, 16, FTW_DEPTH | FTW_PHYS);
    return scratch_remove();
}

static const char *fast_at(const char *name)
{
    static char p[128];
    if (!fast[0])
        return at(name);
    snprintf(p, sizeof p, "%s/%s", fast, name);
    return p;
}

/* ---- a kiosk ---------------------------------------------------------------------------- */

static const store_answer answers[] = {
    {"face", "3", 0, FEEDBACK_KIND_FACES},
    {"bg-age", "25-34", 0, FEEDBACK_KIND_BACKGROUND},
    {"needs", "Darbs.\nКурсы латышского,\tвечером. مرحبا ሰላም", 1, FEEDBACK_KIND_TEXT},
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

/* n submissions of 3 answers; pack version v; their ids, in the order sent, into ids when
 * not NULL */
static void fill_ids(store *s, int n, const char *v, char (*ids)[37])
{
    for (int i = 0; i < n; i++) {
        store_submission sub = {.survey = i % 2 ? "needs" : "helpful", .lang = "uk",
                                .pack_id = "latvia", .pack_version = v, .answers = answers,
                                .nanswers = 3};
        char id[37];
        err e = {{0}};
        if (store_submit(s, &sub, id, &e))
            fail_msg("store_submit: %s", e.msg);
        if (ids)
            memcpy(ids[i], id, 37);
    }
}

static void fill(store *s, int n, const char *v) { fill_ids(s, n, v, NULL); }

static void export_ok(store *s, const char *data, const char *to, sync_result *r)
{
    err e = {{0}};
    if (sync_export(s, data, to, r, &e))
        fail_msg("sync_export: %s", e.msg);
}

/* The batch files under path, sorted. */
static int batches(const char *path, char ***files)
{
    int n = 0;
    *files = NULL;
    err e = {{0}};
    if (sync_merge_collect(path, files, &n, &e))
        fail_msg("collect: %s", e.msg);
    return n;
}

/* Merges files with the office key (k NULL: none), plain batches taken when allow_plain. */
static sync_merge_stats merge_with(const char *central, char **files, int n,
                                   const sync_seal_key *k, int allow_plain)
{
    err e = {{0}};
    sync_merger *m = sync_merge_open(central, k, &e);
    if (m) /* enrolment has its own tests */
        sync_merge_enrol_new(m, 1);
    if (!m)
        fail_msg("sync_merge_open: %s", e.msg);
    sync_merge_allow_plain(m, allow_plain);
    sync_merge_stats st = {0};
    for (int i = 0; i < n; i++)
        if (sync_merge_file(m, files[i], &st, &e) < 0)
            fail_msg("merge %s: %s", files[i], e.msg);
    if (sync_merge_finish(m, &e))
        fail_msg("merge: %s", e.msg);
    sync_merge_close(m);
    return st;
}

static sync_merge_stats merge(const char *central, char **files, int n, const sync_seal_key *k)
{
    return merge_with(central, files, n, k, 0);
}

static sync_merge_stats merge_path(const char *central, const char *path)
{
    char **f;
    int n = batches(path, &f);
    sync_merge_stats st = merge(central, f, n, office_key());
    fs_list_free(f, n);
    return st;
}

/* ---- reading databases with plain SQLite ------------------------------------------------- */

static long long one(const char *path, const char *q)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s: %s", path, q, sqlite3_errmsg(db));
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* Every row of q, columns joined by '|', rows by '\n' (malloc'd). */
static char *rows(const char *path, const char *q)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s: %s", path, q, sqlite3_errmsg(db));
    buf b;
    buf_init(&b);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int k = 0; k < sqlite3_column_count(st); k++) {
            const unsigned char *t = sqlite3_column_text(st, k);
            buf_printf(&b, "%s%s", k ? "|" : "", t ? (const char *)t : "NULL");
        }
        buf_addc(&b, '\n');
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return buf_take(&b);
}

/* The whole central database but the wall clock of the last merge. */
static char *dump(const char *central)
{
    static const char *const q[] = {
        "SELECT * FROM answers ORDER BY uuid, device",
        "SELECT id, public_key, first_batch, last_period FROM devices ORDER BY id",
        "SELECT * FROM batches ORDER BY name",
        "SELECT * FROM conflicts ORDER BY uuid, device, batch, value, seq",
    };
    buf b;
    buf_init(&b);
    for (int i = 0; i < 4; i++) {
        char *r = rows(central, q[i]);
        buf_printf(&b, "-- %s\n%s", q[i], r);
        free(r);
    }
    return buf_take(&b);
}

/* ---- files ------------------------------------------------------------------------------ */

static unsigned char *slurp(const char *path, size_t *len)
{
    err e = {{0}};
    unsigned char *p = fs_read_all(path, 1 << 26, len, &e);
    if (!p)
        fail_msg("%s", e.msg);
    return p;
}

static void device_sk(const char *data, unsigned char sk[64])
{
    char p[300];
    snprintf(p, sizeof p, "%s/device.key", data);
    err e = {{0}};
    if (sign_read_secret(p, sk, &e))
        fail_msg("%s", e.msg);
}

/* After an edit of header or payload: the sha256 line and the signature made again with sk,
 * so only the edit itself can be what a reader refuses. */
static void resign(unsigned char *f, size_t len, const unsigned char sk[64])
{
    unsigned char *end = memmem(f, len, "\n\n", 2);
    assert_non_null(end);
    size_t hlen = (size_t)(end - f) + 2;
    unsigned char h[32];
    crypto_hash_sha256(h, f + hlen, len - hlen - 64);
    char *line = memmem(f, hlen, "\nsha256 ", 8);
    assert_non_null(line);
    char hexs[65];
    sodium_bin2hex(hexs, sizeof hexs, h, 32);
    memcpy(line + 8, hexs, 64);
    crypto_sign_detached(f + len - 64, NULL, f, len - 64, sk);
}

/* sync_read of bytes written to dir/name: 0, or -1 with the message in e */
static int read_bytes(const char *name, const void *bytes, size_t n, const sync_seal_key *k,
                      err *e)
{
    put(fast_at(name), bytes, n);
    sync_batch b;
    int rc = sync_read(fast_at(name), NULL, k, &b, e);
    if (!rc)
        sync_batch_free(&b);
    return rc;
}

static void expect_refused(const char *name, const void *bytes, size_t n,
                           const sync_seal_key *k, const char *why)
{
    err e = {{0}};
    if (!read_bytes(name, bytes, n, k, &e))
        fail_msg("%s: accepted, expected \"%s\"", name, why);
    if (!strstr(e.msg, fast_at(name)) || !strstr(e.msg, why))
        fail_msg("%s: refused with \"%s\", expected the file and \"%s\"", name, e.msg, why);
}

/* ---- what the kiosk sealed, opened with the office key ---------------------------------- */

/* The answers of the kiosk's store at d, opened with the office key, in the store's id order
 * (seq 1, 2, ... given for a format 1 batch made of them); strings kept in keep. */
static char keep[64][9][2100];

static int kiosk_answers(const char *d, sync_answer *out, int cap)
{
    char path[300];
    snprintf(path, sizeof path, "%s/feedback.db", d);
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT sealed FROM submissions ORDER BY id", -1, &st,
                                        NULL), SQLITE_OK);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        sealed_submission sub;
        err e = {{0}};
        if (sealed_open(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
                        office_key(), 1, &sub, &e))
            fail_msg("%s", e.msg);
        for (int k = 0; k < sub.nanswers && n < cap; k++, n++) {
            const char *f[9] = {sub.answers[k].uuid, sub.id, sub.survey, sub.answers[k].question,
                                sub.answers[k].value, sub.lang, sub.pack, sub.pack_version,
                                sub.answers[k].kind};
            for (int j = 0; j < 9; j++)
                snprintf(keep[n][j], sizeof keep[n][j], "%s", f[j]);
            out[n] = (sync_answer){keep[n][0], keep[n][1], keep[n][2], keep[n][3], keep[n][4],
                                   keep[n][5], keep[n][6], keep[n][7], n + 1, sub.period,
                                   keep[n][8]};
        }
        sealed_free(&sub);
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

/* A format 1 batch of the given answers, signed with sk, sealed to seal_pk (NULL: plain),
 * written to dir/name. */
static void forge(const char *name, const char *device, const sync_answer *a, int n,
                  const unsigned char sk[64], const unsigned char *seal_pk)
{
    sync_maker *m = sync_make_begin(device);
    err e = {{0}};
    for (int i = 0; i < n; i++)
        if (sync_make_add(m, &a[i], &e))
            fail_msg("sync_make_add: %s", e.msg);
    unsigned char *f;
    size_t len;
    char bn[SYNC_NAME_MAX];
    if (sync_make_end(m, sk, seal_pk, &f, &len, bn, &e))
        fail_msg("sync_make_end: %s", e.msg);
    put(at(name), f, len);
    free(f);
}

/* One sealed record of a format 2 batch as a test makes it. */
typedef struct record {
    char id[37];
    unsigned char *sealed;
    size_t len;
} record;

/* A format 2 batch numbered number of the records (ids in increasing order), signed with
 * sk, written to dir/name. */
static void forge2(const char *name, const char *device, long long number, const record *r,
                   int n, const unsigned char sk[64])
{
    sync_maker *m = sync_make2_begin(device, number);
    err e = {{0}};
    for (int i = 0; i < n; i++)
        if (sync_make2_add(m, r[i].id, r[i].sealed, r[i].len, &e))
            fail_msg("sync_make2_add: %s", e.msg);
    unsigned char *f;
    size_t len;
    char bn[SYNC_NAME_MAX];
    if (sync_make_end(m, sk, NULL, &f, &len, bn, &e))
        fail_msg("sync_make_end: %s", e.msg);
    put(at(name), f, len);
    free(f);
}

/* The sealed submissions of the kiosk's store at d, in id order (free each r[i].sealed). */
static int kiosk_records(const char *d, record *r, int cap)
{
    char path[300];
    snprintf(path, sizeof path, "%s/feedback.db", d);
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT id, sealed FROM submissions ORDER BY id", -1,
                                        &st, NULL), SQLITE_OK);
    int n = 0;
    while (n < cap && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(r[n].id, 37, "%s", sqlite3_column_text(st, 0));
        r[n].len = (size_t)sqlite3_column_bytes(st, 1);
        r[n].sealed = xmalloc(r[n].len);
        memcpy(r[n].sealed, sqlite3_column_blob(st, 1), r[n].len);
        n++;
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

static void records_free(record *r, int n)
{
    for (int i = 0; i < n; i++)
        free(r[i].sealed);
}

/* A plaintext as store/sealed.h lays it out, padded and sealed to pk: for what no kiosk
 * would seal (a field that breaks a rule). */
static record seal_raw(const char *id, const unsigned char *plain, size_t n,
                       const unsigned char pk[32])
{
    record r;
    snprintf(r.id, sizeof r.id, "%s", id);
    size_t cap = n + SEALED_BLOCK, padded;
    unsigned char *p = xmalloc(cap);
    memcpy(p, plain, n);
    assert_int_equal(sodium_pad(&padded, p, n, SEALED_BLOCK, cap), 0);
    r.len = padded + crypto_box_SEALBYTES;
    r.sealed = xmalloc(r.len);
    assert_int_equal(crypto_box_seal(r.sealed, p, padded, pk), 0);
    free(p);
    return r;
}

/* A plaintext of one answer: id, period 0, survey, lang, pack, version, the answer's uuid,
 * question, kind and value (each string as given, lengths as they are). */
static size_t plain_of(unsigned char *out, const char *id, const char *lang, const char *uuid,
                       const char *value)
{
    size_t n = 0;
    out[n++] = 1;
    memcpy(out + n, id, 36), n += 36;
    memset(out + n, 0, 8), n += 8;
    const char *head[] = {"needs", lang, "latvia", "1"};
    for (int k = 0; k < 4; k++) {
        size_t l = strlen(head[k]);
        out[n++] = (unsigned char)l, out[n++] = 0;
        memcpy(out + n, head[k], l), n += l;
    }
    out[n++] = 1;
    memcpy(out + n, uuid, 36), n += 36;
    const char *f[] = {"q", "text", value};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(f[k]);
        out[n++] = (unsigned char)(l & 0xFF), out[n++] = (unsigned char)(l >> 8);
        memcpy(out + n, f[k], l), n += l;
    }
    return n;
}

/* ---- round trip ------------------------------------------------------------------------- */

static void test_round_trip(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 5, "2022.12");
    fill(s, 2, "2023.1");
    sync_result r;
    export_ok(s, at("data"), at("stick"), &r);
    assert_int_equal(r.batches, 1);
    assert_int_equal(r.submissions, 7);
    assert_int_equal(r.first_batch, 1);
    assert_int_equal(r.last_batch, 1);
    char dev[37], want[400];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    snprintf(want, sizeof want, "%s/sveiki/exports/%s/%s-0000000001.batch", at("stick"), dev,
             dev);
    assert_string_equal(r.path, want);
    assert_int_equal(store_unexported_count(s, &e), 0);
    store_close(s);
    /* the device key: made at first use, secret 0600 */
    struct stat sb;
    assert_int_equal(lstat(at("data/device.key"), &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(lstat(r.path, &sb), 0);
    /* the header as documented: no pack, no sequence number, no time */
    size_t len;
    unsigned char *f = slurp(r.path, &len);
    char head[600];
    snprintf(head, sizeof head, "sveiki-batch\nformat 2\ndevice %s\nkey ", dev);
    assert_memory_equal(f, head, strlen(head));
    assert_non_null(strstr((char *)f, "=\nbatch 1\ncount 7\nsize "));
    /* a lost stick shows how many, never what */
    static const char *const never[] = {"Darbs", "25-34", "latvia", "2022.12", "needs",
                                        "helpful", "face", "bg-age", "faces"};
    for (size_t k = 0; k < sizeof never / sizeof *never; k++)
        if (memmem(f, len, never[k], strlen(never[k])))
            fail_msg("\"%s\" is readable in the batch", never[k]);
    free(f);
    /* merged with the office key: every answer as the kiosk sealed it */
    sync_merge_stats st = merge_path(at("central.db"), at("stick"));
    assert_int_equal(st.added, 21);
    assert_int_equal(st.duplicates + st.conflicts + st.rejected, 0);
    sync_answer a[64];
    int n = kiosk_answers(at("data"), a, 64);
    assert_int_equal(n, 21);
    buf k;
    buf_init(&k);
    for (int i = 0; i < n; i++)
        buf_printf(&k, "%s|0|%s|%s|%s|%s|%s|%s|%s|%lld|%s\n", a[i].uuid, a[i].submission,
                   a[i].survey, a[i].question, a[i].value, a[i].lang, a[i].pack,
                   a[i].pack_version, a[i].period, a[i].kind);
    char *central_rows = rows(at("central.db"),
                              "SELECT uuid, seq, submission, survey, question, value, lang, "
                              "pack, pack_version, period, kind FROM answers ORDER BY "
                              "submission, uuid");
    /* the kiosk's order (by submission id, then the answers as given) against the central
     * database's (by submission, then uuid): compared as sorted lines */
    char *x = buf_take(&k);
    assert_int_equal(strlen(x), strlen(central_rows));
    for (char *line = strtok(x, "\n"); line; line = strtok(NULL, "\n"))
        if (!strstr(central_rows, line))
            fail_msg("not in the central database: %s", line);
    free(x);
    assert_non_null(strstr(central_rows, "Darbs.\nКурсы латышского,\tвечером."));
    assert_non_null(strstr(central_rows, "|text\n"));
    assert_non_null(strstr(central_rows, "|faces\n"));
    free(central_rows);
    char q[300];
    snprintf(q, sizeof q, "SELECT count(*) FROM answers WHERE device = '%s' AND batch = "
             "'%s-0000000001' AND seq = 0", dev, dev);
    assert_int_equal(one(at("central.db"), q), 21);
    char *d = rows(at("central.db"), "SELECT id, first_batch, last_period FROM devices");
    /* the kiosk's day (its default rounding), carried as it is */
    snprintf(want, sizeof want, "%s|%s-0000000001|1699920000\n", dev, dev);
    assert_string_equal(d, want);
    free(d);
    /* each batch recorded: its format, number and seal, no sequence numbers */
    char *b = rows(at("central.db"), "SELECT first_seq, last_seq, count, format, number, sealed "
                                     "FROM batches");
    assert_string_equal(b, "NULL|NULL|21|2|1|1\n");
    free(b);
    assert_int_equal(one(at("central.db"), "PRAGMA user_version"), CENTRAL_VERSION);
}

static void test_nothing_new_writes_nothing(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    sync_result r;
    export_ok(s, at("data"), at("stick"), &r);
    assert_int_equal(r.batches, 0);
    assert_non_null(strstr(r.note, "nothing new to export"));
    struct stat sb;
    assert_int_equal(lstat(at("stick"), &sb), -1); /* not even a folder */
    fill(s, 2, "1");
    export_ok(s, at("data"), at("stick"), &r);
    assert_int_equal(r.batches, 1);
    export_ok(s, at("data"), at("stick"), &r);
    assert_int_equal(r.batches, 0);
    assert_non_null(strstr(r.note, "nothing new to export"));
    /* the next export carries only what came after, as the next number */
    fill(s, 3, "1");
    export_ok(s, at("data"), at("stick"), &r);
    assert_int_equal(r.first_batch, 2);
    assert_int_equal(r.submissions, 3);
    assert_non_null(strstr(r.path, "-0000000002.batch"));
    store_close(s);
    char **f;
    int n = batches(at("stick"), &f);
    assert_int_equal(n, 2);
    fs_list_free(f, n);
    /* exported submissions stay on the kiosk (retention removes them, not export) */
    assert_int_equal(one(at("data/feedback.db"), "SELECT count(*) FROM submissions"), 5);
}

static void test_merge_twice_adds_nothing(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 4, "1");
    sync_result r;
    export_ok(s, at("data"), at("stick"), &r);
    fill(s, 4, "1");
    export_ok(s, at("data"), at("stick"), &r);
    store_close(s);
    sync_merge_stats a = merge_path(at("central.db"), at("stick"));
    assert_int_equal(a.added, 24);
    assert_int_equal(a.merged, 2);
    char *before = dump(at("central.db"));
    sync_merge_stats b = merge_path(at("central.db"), at("stick"));
    assert_int_equal(b.added, 0);
    assert_int_equal(b.duplicates, 24);
    assert_int_equal(b.conflicts + b.rejected, 0);
    /* and again without the key: the batches are known by name, hash and device key */
    char **f;
    int n = batches(at("stick"), &f);
    sync_merge_stats c = merge(at("central.db"), f, n, NULL);
    fs_list_free(f, n);
    assert_int_equal(c.duplicates, 24);
    assert_int_equal(c.rejected, 0);
    char *after = dump(at("central.db"));
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* Nothing in a batch follows time: the submissions are in the order of their random ids, not
 * the order they were given, and no answer carries a sequence number; the same submission
 * brought twice (in another batch file, or again in a batch of its own) is kept once. */
static void test_random_order_and_dedupe_by_id(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    char sent[40][37];
    fill_ids(s, 40, "1", sent);
    sync_result r;
    export_ok(s, at("data"), at("stick"), &r);
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    store_close(s);
    sync_batch b;
    assert_int_equal(sync_read(r.path, NULL, office_key(), &b, &e), 0);
    assert_int_equal(b.count, 40);
    assert_int_equal(b.nanswers, 120);
    int same_place = 0;
    for (long long i = 0; i < b.nanswers; i++) {
        assert_int_equal(b.answers[i].seq, 0);
        if (i % 3 == 0) {
            if (i)
                assert_true(strcmp(b.answers[i - 3].submission, b.answers[i].submission) < 0);
            same_place += !strcmp(b.answers[i].submission, sent[i / 3]);
        }
    }
    assert_true(same_place < 40); /* 40 random ids in the order sent: 1 in 40! */
    sync_batch_free(&b);
    /* the same submissions again: in a copy of the file under another name, and the first
     * ten of them in a batch the device numbered 7 */
    unsigned char sk[64];
    device_sk(at("data"), sk);
    record rec[40];
    assert_int_equal(kiosk_records(at("data"), rec, 40), 40);
    mkdir(at("again"), 0700);
    forge2("again/seven.batch", dev, 7, rec, 10, sk);
    size_t len;
    unsigned char *f = slurp(r.path, &len);
    put(at("again/copy.batch"), f, len);
    free(f);
    sync_merge_stats st = merge_path(at("central.db"), at("stick"));
    assert_int_equal(st.added, 120);
    st = merge_path(at("central.db"), at("again"));
    assert_int_equal(st.added, 0);
    assert_int_equal(st.duplicates, 120 + 30);
    assert_int_equal(st.conflicts + st.rejected, 0);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 120);
    assert_int_equal(one(at("central.db"), "SELECT count(DISTINCT submission) FROM answers"), 40);
    records_free(rec, 40);
}

/* The office sees a batch that never arrived: merge names each device's batch numbers that
 * are missing below its highest, and stops naming them once they are merged. */
static void test_batch_gaps_are_reported(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    for (int k = 1; k <= 5; k++) {
        fill(s, 1, "1");
        sync_result r;
        char to[32];
        snprintf(to, sizeof to, "stick%d", k);
        export_ok(s, at("data"), at(to), &r);
        assert_int_equal(r.first_batch, k);
    }
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    store_close(s);
    /* batches 1, 3 and 5: 2 and 4 missing */
    char **gaps = NULL;
    int ngaps = 0;
    sync_merger *m = sync_merge_open(at("central.db"), office_key(), &e);
    if (m) /* enrolment has its own tests */
        sync_merge_enrol_new(m, 1);
    assert_non_null(m);
    sync_merge_stats st = {0};
    static const int brought[] = {5, 1, 3};
    for (int i = 0; i < 3; i++) {
        char to[32], **f;
        snprintf(to, sizeof to, "stick%d", brought[i]);
        int n = batches(at(to), &f);
        assert_int_equal(sync_merge_file(m, f[0], &st, &e), 0);
        fs_list_free(f, n);
    }
    assert_int_equal(sync_merge_finish(m, &e), 0);
    assert_int_equal(sync_merge_gaps(m, &gaps, &ngaps, &e), 0);
    sync_merge_close(m);
    assert_int_equal(ngaps, 1);
    char want[200];
    snprintf(want, sizeof want, "device %s: batches 2, 4 never merged (2 missing below number "
             "5", dev);
    if (!strstr(gaps[0], want))
        fail_msg("\"%s\" does not say \"%s\"", gaps[0], want);
    fs_list_free(gaps, ngaps);
    /* batch 2 comes: only 4 is missing; then 4: none */
    for (int k = 2; k <= 4; k += 2) {
        char to[32], **f;
        snprintf(to, sizeof to, "stick%d", k);
        int n = batches(at(to), &f);
        m = sync_merge_open(at("central.db"), office_key(), &e);
        if (m) /* enrolment has its own tests */
            sync_merge_enrol_new(m, 1);
        assert_int_equal(sync_merge_file(m, f[0], &st, &e), 0);
        assert_int_equal(sync_merge_finish(m, &e), 0);
        assert_int_equal(sync_merge_gaps(m, &gaps, &ngaps, &e), 0);
        sync_merge_close(m);
        fs_list_free(f, n);
        assert_int_equal(ngaps, k == 2);
        if (k == 2)
            assert_non_null(strstr(gaps[0], ": batch 4 never merged (1 missing below number 5"));
        fs_list_free(gaps, ngaps);
    }
    char *nums = rows(at("central.db"), "SELECT group_concat(number) FROM (SELECT number FROM "
                                        "batches ORDER BY number)");
    assert_string_equal(nums, "1,2,3,4,5\n");
    free(nums);
}

/* An export cut short after its batch was written but before its submissions were marked:
 * the next export makes the same batch under the same number, finds it whole on the stick,
 * and marks them; nothing is written beside it, and the office gets each once. */
static void test_export_cut_short_is_made_again_the_same(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 6, "1");
    sync_result r;
    export_ok(s, at("data"), at("stick"), &r);
    store_close(s);
    size_t len1;
    unsigned char *first = slurp(r.path, &len1);
    /* the mark lost, as a power cut right after the rename leaves it; new answers since */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(at("data/feedback.db"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE submissions SET exported = 0", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    s = kiosk(at("data"));
    fill(s, 2, "1");
    sync_result r2;
    export_ok(s, at("data"), at("stick"), &r2);
    store_close(s);
    assert_int_equal(r2.batches, 2);
    assert_int_equal(r2.first_batch, 1);
    assert_int_equal(r2.last_batch, 2);
    assert_int_equal(r2.submissions, 8);
    assert_non_null(strstr(r2.note, "there already"));
    assert_null(strstr(r2.note, "beside"));
    char **f;
    int n = batches(at("stick"), &f);
    assert_int_equal(n, 2);
    size_t len;
    unsigned char *again = slurp(f[0], &len);
    assert_true(len == len1 && !memcmp(again, first, len));
    free(again);
    free(first);
    fs_list_free(f, n);
    sync_merge_stats st = merge_path(at("central.db"), at("stick"));
    assert_int_equal(st.added, 24);
    assert_int_equal(one(at("data/feedback.db"), "SELECT count(*) FROM submissions WHERE "
                                                 "exported = 0"), 0);
}

/* ---- any order -------------------------------------------------------------------------- */

static void test_any_order_gives_the_same_database(void **state)
{
    (void)state;
    /* kiosk 1: format 2 batches 1 (3 submissions) and 2 (2) by export. Format 1 batches
     * signed with its key and sealed to the office (as a kiosk before format 2 wrote them):
     * O carries its answers 4 to 12 again, with sequence numbers (so they differ in seq); X
     * answer 2 with another value and answer 11 with another period; Y answer 2 with a third
     * value. Kiosk 2: its own batch. */
    store *s = kiosk(at("k1"));
    fill(s, 3, "1");
    sync_result r;
    export_ok(s, at("k1"), at("in"), &r);
    fill(s, 2, "1");
    export_ok(s, at("k1"), at("in"), &r);
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    store_close(s);
    unsigned char sk[64];
    device_sk(at("k1"), sk);
    sync_answer all[16], a[16];
    assert_int_equal(kiosk_answers(at("k1"), all, 16), 15);
    forge("in/o.batch", dev, all + 3, 9, sk, office_pk());
    a[0] = all[1], a[1] = all[10];
    a[0].value = "4";
    a[1].period += 3600;
    forge("in/x.batch", dev, a, 2, sk, office_pk());
    a[0].value = "1";
    forge("in/y.batch", dev, a, 1, sk, office_pk());
    store *s2 = kiosk(at("k2"));
    fill(s2, 2, "1");
    export_ok(s2, at("k2"), at("in"), &r);
    store_close(s2);
    char **f;
    int nf = batches(at("in"), &f);
    assert_int_equal(nf, 6);
    /* in the order found, then reversed, then 30 shuffles from a fixed seed */
    sync_merge_stats st = merge(at("ref.db"), f, nf, office_key());
    assert_int_equal(st.added, 15 + 6);
    assert_int_equal(st.rejected, 0);
    char *ref = dump(at("ref.db"));
    /* what the rules say: a copy from a format 2 batch (DEVICE-0000000001) is kept over one
     * from a format 1 batch (DEVICE-0000000001-2, ...-0000000004-12), whose name sorts after
     * it; every other content is logged once, with the first batch by name that brought it */
    char q[400];
    snprintf(q, sizeof q, "SELECT count(*) FROM answers WHERE device = '%s' AND seq = 0", dev);
    assert_int_equal(one(at("ref.db"), q), 15);
    snprintf(q, sizeof q, "SELECT value FROM answers WHERE uuid = '%s'", all[1].uuid);
    char *kept = rows(at("ref.db"), q);
    assert_string_equal(kept, "25-34\n");
    free(kept);
    /* O's 9 copies differ in seq (and kind: format 1 carries none), X's two and Y's one more */
    assert_int_equal(one(at("ref.db"), "SELECT count(*) FROM conflicts"), 9 + 2 + 1);
    snprintf(q, sizeof q, "SELECT reason FROM conflicts WHERE uuid = '%s' AND value = '4'",
             all[1].uuid);
    char *why = rows(at("ref.db"), q);
    assert_string_equal(why, "same UUID as an answer kept, other content (differs in: seq value "
                             "kind)\n");
    free(why);
    srand(20221207);
    for (int round = 0; round < 32; round++) {
        char **g = xmalloc((size_t)nf * sizeof *g);
        for (int i = 0; i < nf; i++)
            g[i] = f[round == 0 ? nf - 1 - i : i];
        for (int i = nf - 1; round > 0 && i > 0; i--) {
            int j = rand() % (i + 1);
            char *t = g[i];
            g[i] = g[j], g[j] = t;
        }
        char db[64];
        snprintf(db, sizeof db, "c%d.db", round);
        merge(at(db), g, nf, office_key());
        if (round % 8 == 1) /* and merged again, whole or in part */
            merge(at(db), g, 1 + round % nf, office_key());
        char *d = dump(at(db));
        if (strcmp(d, ref))
            fail_msg("round %d: another database than in the first order:\n%s\n---\n%s", round,
                     d, ref);
        free(d);
        free(g);
    }
    free(ref);
    fs_list_free(f, nf);
}

/* A batch from a new key and a made-up device id, carrying a real kiosk's answer ids (with
 * other content, and with the same): whichever comes first, the real kiosk's answers stay as
 * its own batches made them, nothing of it moves to conflicts, and the batch is named as
 * suspect with both devices. */
static void test_forged_ids_never_replace_real_answers(void **state)
{
    (void)state;
    store *s = kiosk(at("k1"));
    fill(s, 4, "1");
    sync_result r;
    export_ok(s, at("k1"), at("real"), &r);
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    store_close(s);
    sync_answer a[16];
    int n = kiosk_answers(at("k1"), a, 16);
    assert_int_equal(n, 12);
    for (int i = 0; i < n; i += 2)
        a[i].value = "4"; /* half of them changed, half the same */
    a[1].period = 946684800; /* sorts first by every field it could */
    unsigned char pk2[32], sk2[64];
    crypto_sign_keypair(pk2, sk2);
    mkdir(at("forged"), 0700);
    /* a device id that sorts before the real one, and one after */
    const char *fake[2] = {"00000000-0000-4000-8000-000000000000",
                           "ffffffff-ffff-4fff-bfff-ffffffffffff"};
    forge("forged/a.batch", fake[0], a, n, sk2, office_pk());
    forge("forged/b.batch", fake[1], a, n, sk2, office_pk());
    char **real;
    int nr = batches(at("real"), &real);
    merge(at("alone.db"), real, nr, office_key());
    char q[300];
    snprintf(q, sizeof q, "SELECT * FROM answers WHERE device = '%s' ORDER BY uuid", dev);
    char *want = rows(at("alone.db"), q);
    for (int order = 0; order < 2; order++) {
        char db[32];
        snprintf(db, sizeof db, "c%d.db", order);
        sync_merge_stats st = {0};
        if (order == 0) {
            st = merge_path(at(db), at("forged"));
            merge_path(at(db), at("real"));
        } else {
            merge_path(at(db), at("real"));
            st = merge_path(at(db), at("forged"));
        }
        assert_int_equal(st.rejected, 0);
        assert_int_equal(st.suspect, order == 0 ? 1 : 2); /* a.batch and b.batch */
        assert_int_equal(st.added, 2 * n);
        if (order == 1) {
            /* b.batch, the last: its ids are the real kiosk's and a.batch's */
            assert_true(strstr(st.note, dev) || strstr(st.note, fake[0]));
            assert_non_null(strstr(st.note, fake[1]));
            assert_non_null(strstr(st.note, "b.batch"));
        }
        char *got = rows(at(db), q);
        assert_string_equal(got, want);
        free(got);
        char c[200];
        snprintf(c, sizeof c, "SELECT count(*) FROM conflicts WHERE device = '%s'", dev);
        assert_int_equal(one(at(db), c), 0);
        snprintf(c, sizeof c, "SELECT count(*) FROM answers WHERE device = '%s'", fake[0]);
        assert_int_equal(one(at(db), c), n); /* kept apart, under its own id */
    }
    char *d0 = dump(at("c0.db")), *d1 = dump(at("c1.db"));
    assert_string_equal(d0, d1);
    free(d0);
    free(d1);
    free(want);
    fs_list_free(real, nr);
}

/* One answer seen with more other contents than conflicts keeps (64): the same 64, the same
 * kept copy, whatever the order of the batches, also when a content comes again in a batch
 * whose name sorts earlier. (Format 1 batches: a kiosk writes each answer once, and only a
 * forger with its key could send one with other contents.) */
static void test_conflicts_beyond_the_cap_do_not_depend_on_order(void **state)
{
    (void)state;
    store *s = kiosk(at("k1"));
    fill(s, 1, "1");
    sync_result r;
    export_ok(s, at("k1"), at("out"), &r);
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    store_close(s);
    unsigned char sk[64];
    device_sk(at("k1"), sk);
    sync_answer a[3];
    assert_int_equal(kiosk_answers(at("k1"), a, 3), 3);
    mkdir(at("in"), 0700);
    enum { NB = 90 };
    char vals[NB][16];
    for (int j = 0; j < NB; j++) {
        sync_answer one_a = a[1];
        one_a.seq = 100 + (j * 37) % NB; /* names not in the order of the values */
        snprintf(vals[j], sizeof vals[j], "v%02d", j);
        one_a.value = vals[j];
        char name[64];
        snprintf(name, sizeof name, "in/b%02d.batch", j);
        forge(name, dev, &one_a, 1, sk, office_pk());
        if (j % 7 == 3) { /* another content in a file of the same batch name */
            sync_answer other = one_a;
            other.value = "w";
            snprintf(name, sizeof name, "in/s%02d.batch", j);
            forge(name, dev, &other, 1, sk, office_pk());
        }
        if (j % 5 == 0) { /* the same content again, in a batch whose name sorts earlier */
            sync_answer two[2] = {a[0], one_a};
            two[0].seq = 99;
            snprintf(name, sizeof name, "in/e%02d.batch", j);
            forge(name, dev, two, 2, sk, office_pk());
        }
    }
    char **f;
    int nf = batches(at("in"), &f);
    assert_int_equal(nf, NB + NB / 5 + (NB + 3) / 7);
    merge(at("ref.db"), f, nf, office_key());
    char *ref = dump(at("ref.db"));
    assert_int_equal(one(at("ref.db"), "SELECT count(*) FROM conflicts"), 64);
    srand(64);
    for (int round = 0; round < 6; round++) {
        char **g = xmalloc((size_t)nf * sizeof *g);
        for (int i = 0; i < nf; i++)
            g[i] = f[round == 0 ? nf - 1 - i : i];
        for (int i = nf - 1; round > 0 && i > 0; i--) {
            int j = rand() % (i + 1);
            char *t = g[i];
            g[i] = g[j], g[j] = t;
        }
        char db[32];
        snprintf(db, sizeof db, "o%d.db", round);
        merge(at(db), g, nf, office_key());
        char *d = dump(at(db));
        if (strcmp(d, ref))
            fail_msg("order %d: another database than in name order", round);
        free(d);
        free(g);
    }
    free(ref);
    fs_list_free(f, nf);
}

/* ---- refusals --------------------------------------------------------------------------- */

/* A small batch of kiosk "data" (two submissions) into *f */
static unsigned char *one_batch(size_t *len, char dev[37])
{
    store *s = kiosk(at("data"));
    fill(s, 2, "1");
    sync_result r;
    export_ok(s, at("data"), at("stick"), &r);
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    store_close(s);
    return slurp(r.path, len);
}

static void test_every_flipped_byte_is_refused(void **state)
{
    (void)state;
    size_t len;
    char dev[37];
    unsigned char *f = one_batch(&len, dev);
    err e = {{0}};
    assert_int_equal(read_bytes("good.batch", f, len, office_key(), &e), 0);
    for (size_t i = 0; i < len; i++) {
        f[i] ^= 0x20;
        if (!read_bytes("flip.batch", f, len, office_key(), &e))
            fail_msg("byte %zu of %zu flipped: accepted", i, len);
        if (!strstr(e.msg, fast_at("flip.batch")))
            fail_msg("byte %zu: the message does not name the file: %s", i, e.msg);
        f[i] ^= 0x20;
    }
    /* the reasons where they are plain to give */
    f[len - 100] ^= 1; /* the payload */
    expect_refused("payload.batch", f, len, office_key(), "SHA-256 does not match");
    f[len - 100] ^= 1;
    f[len - 1] ^= 1; /* the signature */
    expect_refused("sig.batch", f, len, office_key(), "signature does not match");
    f[len - 1] ^= 1;
    free(f);
}

static void test_every_truncation_is_refused(void **state)
{
    (void)state;
    size_t len;
    char dev[37];
    unsigned char *f = one_batch(&len, dev);
    err e = {{0}};
    for (size_t n = 0; n < len; n++)
        if (!read_bytes("cut.batch", f, n, office_key(), &e))
            fail_msg("cut to %zu of %zu bytes: accepted", n, len);
    expect_refused("cut.batch", f, len - 1, office_key(), "cut short");
    expect_refused("cut.batch", f, 40, office_key(), "the header has no end");
    expect_refused("cut.batch", f, 0, office_key(), "not a Sveiki export batch");
    /* and bytes added at the end */
    unsigned char *g = xmalloc(len + 1);
    memcpy(g, f, len);
    g[len] = '\n';
    expect_refused("long.batch", g, len + 1, office_key(), "bytes added after its end");
    free(g);
    /* a merge of a partial batch stores nothing */
    mkdir(at("in"), 0700);
    put(at("in/cut.batch"), f, len / 2);
    sync_merge_stats st = merge_path(at("central.db"), at("in"));
    assert_int_equal(st.rejected, 1);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 0);
    free(f);
}

static void test_wrong_key_and_format_are_refused(void **state)
{
    (void)state;
    size_t len;
    char dev[37];
    unsigned char *f = one_batch(&len, dev);
    unsigned char sk[64], pk2[32], sk2[64];
    device_sk(at("data"), sk);
    crypto_sign_keypair(pk2, sk2);
    /* another key in the header: the signature is not that key's */
    char *k = memmem(f, len, "\nkey ", 5);
    assert_non_null(k);
    char b64[48], old[45];
    memcpy(old, k + 5, 44);
    sodium_bin2base64(b64, sizeof b64, pk2, 32, sodium_base64_VARIANT_ORIGINAL);
    memcpy(k + 5, b64, 44);
    expect_refused("otherkey.batch", f, len, office_key(),
                   "signature does not match the device key");
    /* signed by another key than the one in the header */
    memcpy(k + 5, old, 44);
    resign(f, len, sk2);
    expect_refused("forged.batch", f, len, office_key(), "signature does not match the device key");
    /* another format version, signed properly: the reason is the version */
    resign(f, len, sk);
    char *v = memmem(f, len, "format 2\n", 9);
    assert_non_null(v);
    v[7] = '3';
    resign(f, len, sk);
    expect_refused("v3.batch", f, len, office_key(), "format \"3\": this version of Sveiki reads "
                   "formats 1 and 2 only");
    /* sealed to the office's key: no key, or another one, opens nothing */
    v[7] = '2';
    resign(f, len, sk);
    expect_refused("nokey.batch", f, len, NULL, "sealed to the office's key, and no key was given");
    sync_seal_key other;
    crypto_box_keypair(other.pk, other.sk);
    expect_refused("otherkey.batch", f, len, &other, "does not open with this office key");
    free(f);
}

/* A format 2 payload edited and signed again, so the parser itself meets it: each refused,
 * naming the file, the submission and why. */
static void test_hostile_submissions_signed_properly_are_refused(void **state)
{
    (void)state;
    size_t len;
    char dev[37];
    unsigned char *f = one_batch(&len, dev);
    unsigned char sk[64];
    device_sk(at("data"), sk);
    unsigned char *end = memmem(f, len, "\n\n", 2);
    size_t h = (size_t)(end - f) + 2;
    unsigned char *g = xmalloc(len);
    /* the first blob's length made to run past the payload */
    memcpy(g, f, len);
    g[h + 39] = 0x7F;
    resign(g, len, sk);
    expect_refused("runs.batch", g, len, office_key(), "its sealed bytes run past the payload's "
                   "end");
    /* an id that is not a UUID */
    memcpy(g, f, len);
    g[h] = 'Z';
    resign(g, len, sk);
    expect_refused("id.batch", g, len, office_key(), "submission 1: its id is not a lowercase UUID");
    /* the two records' ids swapped: out of order, and each now under the other's id */
    memcpy(g, f, len);
    size_t len1 = (size_t)g[h + 36] | (size_t)g[h + 37] << 8 | (size_t)g[h + 38] << 16;
    unsigned char *second = g + h + 40 + len1;
    unsigned char t[36];
    memcpy(t, g + h, 36), memcpy(g + h, second, 36), memcpy(second, t, 36);
    resign(g, len, sk);
    expect_refused("order.batch", g, len, office_key(), "are not in increasing order");
    free(g);
    free(f);

    /* made with the maker, each record sealed as no kiosk would seal it */
    mkdir(at("h"), 0700);
    const char *id1 = "10000000-0000-4000-8000-000000000000";
    const char *id2 = "20000000-0000-4000-8000-000000000000";
    const char *u1 = "a0000000-0000-4000-8000-000000000000";
    unsigned char plain[4096];
    sync_seal_key stranger;
    crypto_box_keypair(stranger.pk, stranger.sk);
    struct {
        const char *name;
        record r[2];
        int n;
        const char *why;
    } cases[] = {
        {"stranger", {seal_raw(id1, plain, plain_of(plain, id1, "lv", u1, "x"), stranger.pk)}, 1,
         "submission 10000000-0000-4000-8000-000000000000: the sealed submission does not open "
         "with this office key"},
        {"moved", {seal_raw(id2, plain, plain_of(plain, id1, "lv", u1, "x"), office_pk())}, 1,
         "submission 20000000-0000-4000-8000-000000000000: sealed under another id "
         "(10000000-0000-4000-8000-000000000000)"},
        {"control", {seal_raw(id1, plain, plain_of(plain, id1, "lv", u1, "bell \a"), office_pk())},
         1, "answer 1: its value holds a control character"},
        {"space", {seal_raw(id1, plain, plain_of(plain, id1, "l v", u1, "x"), office_pk())}, 1,
         "its language holds a space or control character"},
        {"uuid", {seal_raw(id1, plain, plain_of(plain, id1, "lv", "not-a-uuid-at-all-but-36-bytes-long!", "x"), office_pk())}, 1,
         "answer 1: its uuid is not a lowercase UUID"},
        {"twice", {seal_raw(id1, plain, plain_of(plain, id1, "lv", u1, "x"), office_pk())}, 2,
         "UUID a0000000-0000-4000-8000-000000000000 is in it twice"},
    };
    cases[5].r[1] = seal_raw(id2, plain, plain_of(plain, id2, "lv", u1, "y"), office_pk());
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char name[64];
        snprintf(name, sizeof name, "h/%s.batch", cases[k].name);
        forge2(name, dev, 1, cases[k].r, cases[k].n, sk);
        size_t n;
        unsigned char *b = slurp(at(name), &n);
        snprintf(name, sizeof name, "%s.batch", cases[k].name);
        expect_refused(name, b, n, office_key(), cases[k].why);
        free(b);
        records_free(cases[k].r, cases[k].n);
    }
    /* merged, none of them stores anything */
    sync_merge_stats st = merge_path(at("central.db"), at("h"));
    assert_int_equal(st.rejected, 6);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 0);
    /* a file over the size cap is refused before it is read */
    FILE *fp = fopen(at("huge.batch"), "wb");
    assert_non_null(fp);
    fclose(fp);
    assert_int_equal(truncate(at("huge.batch"), (off_t)SYNC_MAX_FILE + 1), 0);
    sync_batch b;
    err e = {{0}};
    assert_int_equal(sync_read(at("huge.batch"), NULL, NULL, &b, &e), -1);
    assert_non_null(strstr(e.msg, "byte limit"));
    /* a link and a FIFO named like batches, in a folder merged */
    mkdir(at("in"), 0700);
    assert_int_equal(symlink(at("huge.batch"), at("in/link.batch")), 0);
    assert_int_equal(mkfifo(at("in/fifo.batch"), 0600), 0);
    st = merge_path(at("central.db"), at("in"));
    assert_int_equal(st.rejected, 2);
}

/* The reader of format 1 (what kiosks wrote before) is as strict as ever: a plain batch
 * edited and signed again. */
static void test_hostile_format_1_payload_signed_properly_is_refused(void **state)
{
    (void)state;
    unsigned char pk[32], sk[64];
    crypto_sign_keypair(pk, sk);
    const char *dev = "0b7e0000-0000-4000-8000-000000000000";
    sync_answer a[2] = {
        {"00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000b1", "needs",
         "face", "25-34", "uk", "latvia", "1", 1, 1699920000, ""},
        {"00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000b1", "needs",
         "bg-age", "18-29", "uk", "latvia", "1", 2, 1699920000, ""}};
    forge("f1.batch", dev, a, 2, sk, NULL);
    size_t len;
    unsigned char *f = slurp(at("f1.batch"), &len);
    assert_non_null(memmem(f, len, "\nformat 1\n", 10));
    unsigned char *end = memmem(f, len, "\n\n", 2);
    size_t h = (size_t)(end - f) + 2;
    unsigned char *g = xmalloc(len);
    /* the first uuid's length made to run past the payload */
    memcpy(g, f, len);
    g[h + 16] = 0xFF, g[h + 17] = 0xFF;
    resign(g, len, sk);
    expect_refused("runs.batch", g, len, NULL, "its uuid runs past the payload's end");
    /* a control character in a value */
    memcpy(g, f, len);
    unsigned char *val = memmem(g + h, len - h, "25-34", 5);
    assert_non_null(val);
    val[2] = 0x07;
    resign(g, len, sk);
    expect_refused("ctl.batch", g, len, NULL, "its value holds a control character");
    /* the second answer's seq equal to the first's */
    memcpy(g, f, len);
    unsigned char *second = memmem(g + h + 16, len - h - 16, "\x02\0\0\0\0\0\0\0", 8);
    assert_non_null(second);
    second[0] = 1;
    resign(g, len, sk);
    expect_refused("seq.batch", g, len, NULL, "is out of order");
    /* a pack the header does not list */
    memcpy(g, f, len);
    unsigned char *pack = memmem(g + h, len - h, "latvia", 6);
    assert_non_null(pack);
    pack[0] = 'L';
    resign(g, len, sk);
    expect_refused("pack.batch", g, len, NULL, "pack Latvia 1 is not in the header");
    /* the same UUID twice */
    memcpy(g, f, len);
    unsigned char *u1 = g + h + 18;
    size_t at2 = h + 16;
    for (int k = 0; k < 8; k++) { /* skip the first answer's fields */
        size_t n = (size_t)g[at2] | (size_t)g[at2 + 1] << 8;
        at2 += 2 + n;
    }
    memcpy(g + at2 + 16 + 2, u1, 36);
    resign(g, len, sk);
    expect_refused("twice.batch", g, len, NULL, "is in it twice");
    free(g);
    free(f);
}

/* random edits of header and payload, each signed again so the parser itself meets them:
 * every one is read whole with sound fields, or refused naming the file; never a crash */
static void mutate(unsigned char *f, size_t len, const unsigned char sk[64],
                   const sync_seal_key *key, int rounds)
{
    unsigned char *g = xmalloc(len);
    unsigned long long rng = 0x5eed;
    int accepted = 0;
    for (int round = 0; round < rounds; round++) {
        memcpy(g, f, len);
        int edits = 1 + (int)(round % 4);
        for (int k = 0; k < edits; k++) {
            rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t at = (size_t)(rng >> 33) % (len - 64);
            unsigned char v = (unsigned char)(rng >> 20);
            g[at] = (rng >> 60) & 1 ? v : (unsigned char)(g[at] ^ (1u << (v & 7)));
        }
        if (memmem(g, len, "\n\n", 2) && memmem(g, len, "\nsha256 ", 8))
            resign(g, len, sk);
        put(fast_at("m.batch"), g, len);
        sync_batch b;
        err e = {{0}};
        if (sync_read(fast_at("m.batch"), NULL, key, &b, &e)) {
            if (!strstr(e.msg, fast_at("m.batch")))
                fail_msg("round %d: the message does not name the file: %s", round, e.msg);
            continue;
        }
        accepted++;
        for (long long i = 0; i < b.nanswers; i++) {
            assert_int_equal(strlen(b.answers[i].uuid), 36);
            assert_true(strlen(b.answers[i].value) >= 1 && strlen(b.answers[i].value) <= 2000);
        }
        sync_batch_free(&b);
    }
    assert_true(accepted > 0 && accepted < rounds); /* edits in text stay valid */
    free(g);
}

static void test_mutated_batches_signed_properly(void **state)
{
    (void)state;
    size_t len;
    char dev[37];
    unsigned char *f = one_batch(&len, dev);
    unsigned char sk[64];
    device_sk(at("data"), sk);
    mutate(f, len, sk, office_key(), 500);
    free(f);
    /* format 1, plain */
    sync_answer a[64];
    int n = kiosk_answers(at("data"), a, 64);
    forge("f1.batch", dev, a, n, sk, NULL);
    f = slurp(at("f1.batch"), &len);
    mutate(f, len, sk, NULL, 500);
    free(f);
}

/* A plain batch (format 1, not sealed: every answer readable on its way) is refused unless
 * the merge is told to take it, and each batch is recorded with whether it was sealed; a
 * sealed format 1 batch merges with the office key as it always did. */
static void test_plain_refused_unless_allowed_format_1_sealed_merges(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 2, "1");
    sync_result r;
    export_ok(s, at("data"), at("out"), &r);
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    store_close(s);
    unsigned char sk[64];
    device_sk(at("data"), sk);
    sync_answer a[8];
    int n = kiosk_answers(at("data"), a, 8);
    assert_int_equal(n, 6);
    mkdir(at("p"), 0700);
    forge("p/plain.batch", dev, a, 3, sk, NULL);
    forge("p/sealed.batch", dev, a + 3, 3, sk, office_pk());
    size_t len;
    unsigned char *f = slurp(at("p/sealed.batch"), &len);
    assert_non_null(memmem(f, len, "\npayload sealed\n", 16));
    assert_null(memmem(f, len, "25-34", 5));
    free(f);
    char **files;
    int nf = batches(at("p"), &files);
    assert_int_equal(nf, 2);
    /* without the option: the plain one refused by name, the sealed one taken */
    sync_merger *m = sync_merge_open(at("central.db"), office_key(), &e);
    if (m) /* enrolment has its own tests */
        sync_merge_enrol_new(m, 1);
    assert_non_null(m);
    sync_merge_stats st = {0};
    assert_int_equal(sync_merge_file(m, files[0], &st, &e), 1);
    assert_non_null(strstr(e.msg, files[0]));
    assert_non_null(strstr(e.msg, "a plain batch (format 1, not sealed)"));
    assert_non_null(strstr(e.msg, "--allow-plain"));
    assert_int_equal(sync_merge_file(m, files[1], &st, &e), 0);
    assert_int_equal(sync_merge_finish(m, &e), 0);
    sync_merge_close(m);
    assert_int_equal(st.rejected, 1);
    assert_int_equal(st.added, 3);
    /* with it: taken, and recorded as plain */
    st = merge_with(at("central.db"), files, nf, office_key(), 1);
    assert_int_equal(st.added, 3);
    assert_int_equal(st.rejected, 0);
    char *b = rows(at("central.db"), "SELECT format, number, sealed, first_seq, last_seq, count "
                                     "FROM batches ORDER BY sealed");
    assert_string_equal(b, "1|NULL|0|1|3|3\n1|NULL|1|4|6|3\n");
    free(b);
    /* format 1 carried no kind: NULL, and format 1's sequence numbers kept */
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers WHERE kind IS NULL AND "
                                           "seq BETWEEN 1 AND 6"), 6);
    fs_list_free(files, nf);
    /* a sealed format 1 batch without the key, or with another one */
    sync_batch bt;
    assert_int_equal(sync_read(at("p/sealed.batch"), NULL, NULL, &bt, &e), -1);
    assert_non_null(strstr(e.msg, "sealed to the office's key, and no key was given"));
    sync_seal_key other;
    crypto_box_keypair(other.pk, other.sk);
    assert_int_equal(sync_read(at("p/sealed.batch"), NULL, &other, &bt, &e), -1);
    assert_non_null(strstr(e.msg, "does not open with the office key given"));
    /* an office with two keys (it changed its key): each sealed part opens with its own */
    sync_seal_key both[2] = {other, *office_key()};
    assert_int_equal(sync_open(at("p/sealed.batch"), NULL, &bt, &e), 0);
    assert_int_equal(sync_parse_keys(&bt, both, 2, &e), 0);
    assert_int_equal(bt.nanswers, 3);
    sync_batch_free(&bt);
    char **out;
    int no = batches(at("out"), &out);
    assert_int_equal(sync_open(out[0], NULL, &bt, &e), 0);
    assert_int_equal(sync_parse_keys(&bt, both, 2, &e), 0);
    assert_int_equal(bt.nanswers, 6);
    sync_batch_free(&bt);
    assert_int_equal(sync_open(out[0], NULL, &bt, &e), 0);
    assert_int_equal(sync_parse_keys(&bt, both, 1, &e), -1);
    assert_non_null(strstr(e.msg, "does not open with this office key"));
    fs_list_free(out, no);
}

static void test_device_key_change_is_refused(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 2, "1");
    sync_result r;
    export_ok(s, at("data"), at("in"), &r);
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    fill(s, 1, "1");
    store_close(s);
    sync_merge_stats st = merge_path(at("central.db"), at("in"));
    assert_int_equal(st.added, 6);
    /* the same device id, another key */
    unsigned char pk2[32], sk2[64];
    crypto_sign_keypair(pk2, sk2);
    record rec[4];
    int n = kiosk_records(at("data"), rec, 4);
    assert_int_equal(n, 3);
    mkdir(at("other"), 0700);
    forge2("other/new.batch", dev, 2, rec, n, sk2);
    records_free(rec, n);
    sync_merger *m = sync_merge_open(at("central.db"), office_key(), &e);
    if (m) /* enrolment has its own tests */
        sync_merge_enrol_new(m, 1);
    assert_non_null(m);
    sync_merge_stats st2 = {0};
    assert_int_equal(sync_merge_file(m, at("other/new.batch"), &st2, &e), 1);
    sync_merge_close(m);
    assert_non_null(strstr(e.msg, at("other/new.batch")));
    assert_non_null(strstr(e.msg, "was first merged with public key"));
    assert_int_equal(st2.rejected, 1);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 6);
}

/* Language codes: merge stores each in its normal form (lower case) and refuses a batch with
 * any code that is not one, naming the file, the answer and why. */
static void test_language_codes_normalised_or_refused(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 1, "1");
    sync_result r;
    export_ok(s, at("data"), at("out"), &r); /* makes the device key */
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    store_close(s);
    unsigned char sk[64];
    device_sk(at("data"), sk);
    mkdir(at("in"), 0700);
    const char *u = "a0000000-0000-4000-8000-000000000000";
    unsigned char plain[4096];
    static const struct { const char *in, *stored; } good[] = {
        {"EN", "en"}, {"Uk", "uk"}, {"ckb", "ckb"}, {"sr-Latn", "sr-latn"}, {"PT-BR", "pt-br"},
        {"es-419", "es-419"}};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        char id[37], uu[37];
        snprintf(id, sizeof id, "00000000-0000-4000-8000-0000000001%02zu", i);
        snprintf(uu, sizeof uu, "%.34s%02zu", u, i); /* a new answer each time */
        record rec = seal_raw(id, plain, plain_of(plain, id, good[i].in, uu, "x"), office_pk());
        forge2("in/g.batch", dev, 10 + (long long)i, &rec, 1, sk);
        records_free(&rec, 1);
        sync_merger *m = sync_merge_open(at("c.db"), office_key(), &e);
        if (m) /* enrolment has its own tests */
            sync_merge_enrol_new(m, 1);
        assert_non_null(m);
        sync_merge_stats st = {0};
        if (sync_merge_file(m, at("in/g.batch"), &st, &e))
            fail_msg("%s refused: %s", good[i].in, e.msg);
        assert_int_equal(sync_merge_finish(m, &e), 0);
        sync_merge_close(m);
        char q[200];
        snprintf(q, sizeof q, "SELECT count(*) FROM answers WHERE lang = '%s' AND uuid = '%s'",
                 good[i].stored, uu);
        assert_int_equal(one(at("c.db"), q), 1);
        assert_int_equal(one(at("c.db"), "SELECT count(*) FROM answers WHERE lang <> lower(lang) "
                                         "OR length(lang) > 8"), 0);
    }
    static const char *const bad[] = {"english", "e", "en_US", "en-", "<b>", "en-us-x", "123",
                                      "e1", "en-u", "en-12", "en-latn1", "x-klingon", "\xc3\xa9n"};
    long long before = one(at("c.db"), "SELECT count(*) FROM answers");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *id = "00000000-0000-4000-8000-000000000001";
        record rec = seal_raw(id, plain, plain_of(plain, id, bad[i], u, "x"), office_pk());
        forge2("in/b.batch", dev, 100, &rec, 1, sk);
        records_free(&rec, 1);
        sync_merger *m = sync_merge_open(at("c.db"), office_key(), &e);
        if (m) /* enrolment has its own tests */
            sync_merge_enrol_new(m, 1);
        assert_non_null(m);
        sync_merge_stats st = {0};
        if (sync_merge_file(m, at("in/b.batch"), &st, &e) != 1)
            fail_msg("language code \"%s\" taken", bad[i]);
        sync_merge_finish(m, &e);
        sync_merge_close(m);
        assert_non_null(strstr(e.msg, at("in/b.batch")));
        assert_non_null(strstr(e.msg, "language code"));
        assert_int_equal(st.rejected, 1);
        assert_int_equal(one(at("c.db"), "SELECT count(*) FROM answers"), before);
    }
}

static void test_collect_skips_and_names_what_it_cannot_search(void **state)
{
    (void)state;
    char p[4096];
    snprintf(p, sizeof p, "%s", at("in/m"));
    mkdir(at("in"), 0700);
    /* a chain 40 folders deep, a batch at its bottom and one at depth 20 */
    for (int d = 0; d < 40; d++) {
        mkdir(p, 0700);
        if (d == 20)
            put(strcat(strcpy((char[4200]){0}, p), "/mid.batch"), "x", 1);
        strcat(p, "/d");
    }
    mkdir(p, 0700);
    put(strcat(p, "/deep.batch"), "x", 1);
    put(at("in/a.batch"), "x", 1);
    put(at("in/z.batch"), "x", 1);
    mkdir(at("in/zz"), 0700);
    put(at("in/zz/last.batch"), "x", 1);
    mkdir(at("in/locked"), 0700);
    put(at("in/locked/hidden.batch"), "x", 1);
    int root = geteuid() == 0;
    chmod(at("in/locked"), 0);
    assert_int_equal(symlink(at("in/zz"), at("in/linked")), 0);
    char **files = NULL, **skipped = NULL;
    int n = 0, ns = 0;
    err e = {{0}};
    assert_int_equal(sync_merge_find(at("in"), &files, &n, &skipped, &ns, &e), 0);
    chmod(at("in/locked"), 0700);
    buf all;
    buf_init(&all);
    for (int i = 0; i < n; i++)
        buf_printf(&all, "%s\n", files[i] + strlen(at("in")));
    assert_non_null(strstr(all.data, "/a.batch\n"));
    assert_non_null(strstr(all.data, "/z.batch\n"));
    assert_non_null(strstr(all.data, "/zz/last.batch\n"));
    assert_non_null(strstr(all.data, "/mid.batch\n"));
    assert_null(strstr(all.data, "deep.batch"));
    assert_int_equal(n, root ? 5 : 4);
    buf_free(&all);
    buf_init(&all);
    for (int i = 0; i < ns; i++)
        buf_printf(&all, "%s\n", skipped[i]);
    assert_non_null(strstr(all.data, "folders nested over 32 deep"));
    assert_non_null(strstr(all.data, "/linked: a link: not followed"));
    if (!root)
        assert_non_null(strstr(all.data, "/locked"));
    assert_int_equal(ns, root ? 2 : 3);
    buf_free(&all);
    fs_list_free(files, n);
    fs_list_free(skipped, ns);
}

static void test_not_a_central_database(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    fill(s, 1, "1");
    store_close(s);
    err e = {{0}};
    assert_null(sync_merge_open(at("data/feedback.db"), NULL, &e));
    assert_non_null(strstr(e.msg, "not a central database"));
    assert_int_equal(one(at("data/feedback.db"), "SELECT count(*) FROM submissions"), 1);
    sync_merger *m = sync_merge_open(at("c.db"), NULL, &e);
    if (m) /* enrolment has its own tests */
        sync_merge_enrol_new(m, 1);
    sync_merge_close(m);
    char v[300];
    snprintf(v, sizeof v, "%s", at("c.db"));
    sqlite3 *db;
    sqlite3_open(v, &db);
    char newer[64];
    snprintf(newer, sizeof newer, "PRAGMA user_version = %d", CENTRAL_VERSION + 1);
    sqlite3_exec(db, newer, NULL, NULL, NULL);
    sqlite3_close(db);
    assert_null(sync_merge_open(at("c.db"), NULL, &e));
    assert_non_null(strstr(e.msg, "is newer than this sveikictl's"));
}

/* A version 1 database (answers keyed by UUID alone), where a forged copy took a real
 * answer's place and the real one went to conflicts: opened by merge, it is migrated in
 * place, the real answer back in answers under its own device, the forged one apart under
 * the forger's, and a merge of the real batch again finds nothing new. */
static void test_version_1_database_is_migrated(void **state)
{
    (void)state;
    /* the real batch: format 1, sealed, as the kiosk wrote it before format 2 */
    store *s = kiosk(at("k1"));
    fill(s, 1, "1");
    sync_result r;
    export_ok(s, at("k1"), at("out"), &r); /* makes the device key */
    char dev[37];
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    store_close(s);
    unsigned char sk[64];
    device_sk(at("k1"), sk);
    sync_answer a[4];
    assert_int_equal(kiosk_answers(at("k1"), a, 4), 3);
    mkdir(at("real"), 0700);
    forge("real/r.batch", dev, a, 3, sk, office_pk());
    sqlite3 *db;
    assert_int_equal(sqlite3_open(at("v1.db"), &db), SQLITE_OK);
    const char *v1 =
        "PRAGMA application_id = 1400259377; PRAGMA user_version = 1;"
        "CREATE TABLE answers(uuid TEXT PRIMARY KEY, device TEXT NOT NULL, seq INTEGER NOT NULL,"
        " submission TEXT NOT NULL, survey TEXT NOT NULL, question TEXT NOT NULL, value TEXT NOT"
        " NULL, lang TEXT NOT NULL, pack TEXT NOT NULL, pack_version TEXT NOT NULL, period"
        " INTEGER NOT NULL, batch TEXT NOT NULL);"
        "CREATE TABLE devices(id TEXT PRIMARY KEY, public_key TEXT NOT NULL, first_batch TEXT,"
        " last_period INTEGER, last_merged INTEGER);"
        "CREATE TABLE batches(name TEXT PRIMARY KEY, device TEXT NOT NULL, first_seq INTEGER,"
        " last_seq INTEGER, count INTEGER, sha256 TEXT NOT NULL);"
        "CREATE TABLE conflicts(uuid TEXT NOT NULL, batch TEXT NOT NULL, reason TEXT NOT NULL,"
        " device TEXT, seq INTEGER, submission TEXT, survey TEXT, question TEXT, value TEXT,"
        " lang TEXT, pack TEXT, pack_version TEXT, period INTEGER, UNIQUE(uuid, batch));";
    assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *ins, *conf;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO answers VALUES (?1,?2,?3,?4,?5,?6,?7,?8,"
                                        "?9,?10,?11,?12)", -1, &ins, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO conflicts VALUES (?1,?12,'x',?2,?3,?4,"
                                        "?5,?6,?7,?8,?9,?10,?11)", -1, &conf, NULL), SQLITE_OK);
    const char *fake = "00000000-0000-4000-8000-000000000000";
    char real_batch[80];
    snprintf(real_batch, sizeof real_batch, "%s-0000000001-3", dev);
    for (int i = 0; i < 3; i++)
        for (int w = 0; w < 2; w++) { /* the forged copy in answers, the real one logged */
            sqlite3_stmt *st = w ? conf : ins;
            sqlite3_bind_text(st, 1, a[i].uuid, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, w ? dev : fake, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, a[i].seq);
            sqlite3_bind_text(st, 4, a[i].submission, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, a[i].survey, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 6, a[i].question, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 7, w ? a[i].value : "forged", -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 8, a[i].lang, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 9, a[i].pack, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 10, a[i].pack_version, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 11, a[i].period);
            sqlite3_bind_text(st, 12, w ? real_batch : "0-forged", -1, SQLITE_STATIC);
            assert_int_equal(sqlite3_step(st), SQLITE_DONE);
            sqlite3_reset(st);
        }
    sqlite3_finalize(ins);
    sqlite3_finalize(conf);
    sqlite3_close(db);
    sync_merge_stats st = merge_path(at("v1.db"), at("real"));
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.added, 0);
    assert_int_equal(one(at("v1.db"), "PRAGMA user_version"), CENTRAL_VERSION);
    char q[200];
    snprintf(q, sizeof q, "SELECT count(*) FROM answers WHERE device = '%s' AND value <> 'forged'",
             dev);
    assert_int_equal(one(at("v1.db"), q), 3);
    snprintf(q, sizeof q, "SELECT count(*) FROM answers WHERE device = '%s' AND value = 'forged'",
             fake);
    assert_int_equal(one(at("v1.db"), q), 3);
    assert_int_equal(one(at("v1.db"), "SELECT count(*) FROM conflicts"), 0);
    /* keyed by both now: the real device's copy can never be replaced by the forger's */
    assert_int_equal(one(at("v1.db"), "SELECT count(*) FROM pragma_index_list('answers') WHERE "
                                      "origin = 'pk'"), 1);
    /* and on to version 3: a kind column (NULL in what it had), the batches' format */
    assert_int_equal(one(at("v1.db"), "SELECT count(*) FROM answers WHERE kind IS NULL"), 6);
    assert_int_equal(one(at("v1.db"), "SELECT count(*) FROM pragma_table_info('batches') WHERE "
                                      "name IN ('format', 'number', 'sealed')"), 3);
}

/* A version 2 database (no kind, no batch format): merge adds the columns in place, NULL in
 * the rows it had, and goes on; the report's reader finds the same answers. */
static void test_version_2_database_is_migrated(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(at("v2.db"), &db), SQLITE_OK);
    const char *v2 =
        "PRAGMA application_id = 1400259377; PRAGMA user_version = 2;"
        "CREATE TABLE answers(uuid TEXT NOT NULL, device TEXT NOT NULL, seq INTEGER NOT NULL,"
        " submission TEXT NOT NULL, survey TEXT NOT NULL, question TEXT NOT NULL, value TEXT NOT"
        " NULL, lang TEXT NOT NULL, pack TEXT NOT NULL, pack_version TEXT NOT NULL, period"
        " INTEGER NOT NULL, batch TEXT NOT NULL, PRIMARY KEY(uuid, device));"
        "CREATE TABLE devices(id TEXT PRIMARY KEY, public_key TEXT NOT NULL, first_batch TEXT,"
        " last_period INTEGER, last_merged INTEGER);"
        "CREATE TABLE batches(name TEXT PRIMARY KEY, device TEXT NOT NULL, first_seq INTEGER,"
        " last_seq INTEGER, count INTEGER, sha256 TEXT NOT NULL);"
        "CREATE TABLE conflicts(uuid TEXT NOT NULL, batch TEXT NOT NULL, reason TEXT NOT NULL,"
        " device TEXT, seq INTEGER, submission TEXT, survey TEXT, question TEXT, value TEXT,"
        " lang TEXT, pack TEXT, pack_version TEXT, period INTEGER);"
        "CREATE INDEX conflicts_answer ON conflicts(uuid, device);"
        "CREATE TABLE device_keys(device TEXT NOT NULL, public_key TEXT NOT NULL, replaces TEXT,"
        " accepted INTEGER, PRIMARY KEY(device, public_key));"
        "INSERT INTO answers VALUES('00000000-0000-4000-8000-0000000000a1', 'old-kiosk', 1,"
        " '00000000-0000-4000-8000-0000000000b1', 'needs', 'comment', 'an old typed answer',"
        " 'en', 'latvia', '1', 1699920000, 'old-kiosk-0000000001-1');"
        "INSERT INTO batches VALUES('old-kiosk-0000000001-1', 'old-kiosk', 1, 1, 1, 'x');";
    assert_int_equal(sqlite3_exec(db, v2, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    store *s = kiosk(at("data"));
    fill(s, 2, "1");
    sync_result r;
    export_ok(s, at("data"), at("stick"), &r);
    store_close(s);
    sync_merge_stats st = merge_path(at("v2.db"), at("stick"));
    assert_int_equal(st.added, 6);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(one(at("v2.db"), "PRAGMA user_version"), CENTRAL_VERSION);
    assert_int_equal(one(at("v2.db"), "SELECT count(*) FROM answers WHERE kind IS NULL"), 1);
    assert_int_equal(one(at("v2.db"), "SELECT count(*) FROM answers WHERE kind IS NOT NULL"), 6);
    char *b = rows(at("v2.db"), "SELECT format, number, sealed FROM batches ORDER BY name");
    assert_non_null(strstr(b, "NULL|NULL|NULL\n"));
    assert_non_null(strstr(b, "2|1|1\n"));
    free(b);
    /* merged again: the same database */
    char *before = dump(at("v2.db"));
    merge_path(at("v2.db"), at("stick"));
    char *after = dump(at("v2.db"));
    assert_string_equal(before, after);
    free(before);
    free(after);
}


/* ---- faults and kills ------------------------------------------------------------------- */

/* What must hold on the target and in the store at any moment: every batch file whole and
 * verified, and a submission marked exported only when a verified batch on the target holds
 * it. Returns how many submissions the target's batches hold. */
static long check_target(const char *data, const char *to, const char *when)
{
    char **f = NULL;
    struct stat sb;
    int n = lstat(to, &sb) ? 0 : batches(to, &f);
    buf held;
    buf_init(&held);
    buf_addc(&held, ' ');
    long count = 0;
    for (int i = 0; i < n; i++) {
        sync_batch b;
        err e = {{0}};
        if (sync_read(f[i], NULL, office_key(), &b, &e))
            fail_msg("%s: a batch on the target is not whole: %s", when, e.msg);
        for (long long k = 0; k < b.nanswers; k++)
            if (!k || strcmp(b.answers[k].submission, b.answers[k - 1].submission))
                buf_printf(&held, "%s ", b.answers[k].submission), count++;
        sync_batch_free(&b);
    }
    fs_list_free(f, n);
    char db[300];
    snprintf(db, sizeof db, "%s/feedback.db", data);
    char *marked = rows(db, "SELECT id FROM submissions WHERE exported = 1");
    for (char *id = strtok(marked, "\n"); id; id = strtok(NULL, "\n")) {
        char look[48];
        snprintf(look, sizeof look, " %s ", id);
        if (!strstr(held.data, look))
            fail_msg("%s: submission %s marked exported, and no batch on the target holds it",
                     when, id);
    }
    free(marked);
    buf_free(&held);
    return count;
}

static int each_export_fault(fs_op op)
{
    for (int nth = 1; nth < 200; nth++) {
        char data[64], to[64], central[64];
        snprintf(data, sizeof data, "d%d-%d", op, nth);
        snprintf(to, sizeof to, "t%d-%d", op, nth);
        snprintf(central, sizeof central, "c%d-%d.db", op, nth);
        store *s = kiosk(at(data));
        fill(s, 4, "1");
        err e = {{0}};
        sync_result r;
        fs_fault_set(op, nth, nth % 2 ? EIO : ENOSPC);
        int rc = sync_export(s, at(data), at(to), &r, &e);
        int fired = fs_fault_fired();
        fs_fault_reset();
        char when[64];
        snprintf(when, sizeof when, "fault %d at %d", op, nth);
        if (fired && rc == 0)
            fail_msg("%s: the export reported success", when);
        if (!fired && rc)
            fail_msg("%s: failed without a fault: %s", when, e.msg);
        if (rc && !strstr(e.msg, "/"))
            fail_msg("%s: the message names no file: %s", when, e.msg);
        check_target(at(data), at(to), when);
        long left = store_unexported_count(s, &e);
        if (rc)
            assert_true(left == 4);
        /* the submissions go out with the next export, and arrive once */
        export_ok(s, at(data), at(to), &r);
        assert_int_equal(store_unexported_count(s, &e), 0);
        store_close(s);
        assert_int_equal(check_target(at(data), at(to), when), 4);
        sync_merge_stats st = merge_path(at(central), at(to));
        if (st.added != 12 || st.rejected)
            fail_msg("%s: merged %lld answers of 12, %ld files rejected", when, st.added,
                     st.rejected);
        /* no temp file is left behind */
        char **names;
        int nn;
        char devdir[300];
        char dev[37];
        store *s2 = kiosk(at(data));
        assert_int_equal(store_device_id(s2, dev, &e), 0);
        store_close(s2);
        snprintf(devdir, sizeof devdir, "%s/sveiki/exports/%s", at(to), dev);
        assert_int_equal(fs_list_dir(devdir, &names, &nn, &e), 0);
        for (int i = 0; i < nn; i++)
            if (strstr(names[i], ".tmp"))
                fail_msg("%s: %s left", when, names[i]);
        /* one batch: what a fault cut short was made again under the same number */
        assert_int_equal(nn, 1);
        fs_list_free(names, nn);
        if (!fired)
            return nth - 1;
    }
    fail_msg("still meeting faults after 200 runs");
    return -1;
}

static void test_export_under_write_faults(void **state)
{
    (void)state;
    /* the device key, its public half, the reservation, the batch, the store's log frames */
    assert_true(each_export_fault(FS_WRITE) >= 7);
}

static void test_export_under_fsync_faults(void **state)
{
    (void)state;
    /* each file and its folder, the reservation's commit and the mark's */
    assert_true(each_export_fault(FS_FSYNC) >= 8);
}

static void test_export_under_rename_faults(void **state)
{
    (void)state;
    assert_true(each_export_fault(FS_RENAME) >= 3);
}

/* a merge cut off by a write fault keeps what it committed, and a merge run again ends with
 * the same database as one that met no fault */
static void test_merge_under_write_faults(void **state)
{
    (void)state;
    store *s = kiosk(at("data"));
    for (int i = 0; i < 2; i++) {
        fill(s, 2, "1");
        sync_result r;
        export_ok(s, at("data"), at("in"), &r);
    }
    store_close(s);
    char **f;
    int n = batches(at("in"), &f);
    merge(at("ref.db"), f, n, office_key());
    char *ref = dump(at("ref.db"));
    for (int nth = 1;; nth++) {
        char db[64];
        snprintf(db, sizeof db, "c%d.db", nth);
        err e = {{0}};
        fs_fault_set(FS_WRITE, nth, EIO);
        sync_merger *m = sync_merge_open(at(db), office_key(), &e);
        if (m) /* enrolment has its own tests */
            sync_merge_enrol_new(m, 1);
        sync_merge_stats st = {0};
        int failed = !m;
        for (int i = 0; m && i < n && !failed; i++)
            failed = sync_merge_file(m, f[i], &st, &e) != 0;
        if (m && !failed)
            failed = sync_merge_finish(m, &e) != 0;
        sync_merge_close(m);
        int fired = fs_fault_fired();
        fs_fault_reset();
        if (!fired) {
            assert_false(failed);
            break;
        }
        merge(at(db), f, n, office_key());
        char *d = dump(at(db));
        assert_string_equal(d, ref);
        free(d);
        assert_true(nth < 200);
    }
    free(ref);
    fs_list_free(f, n);
}

static void test_kill_during_export(void **state)
{
    (void)state;
    long total = 0;
    int killed = 0;
    /* the child's count of file-system steps (kill_at.h) in the first export, which runs to
     * its end; each later one is killed at a random step within the first half of that count,
     * so every kill lands inside an export, on a quiet or a busy machine alike */
    long *steps = mmap(NULL, sizeof *steps, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(steps != MAP_FAILED);
    srand(12);
    for (int round = 0; round < 10; round++) {
        store *s = kiosk(at("data"));
        for (int i = 0; i < 20; i++) {
            store_answer many[48];
            for (int k = 0; k < 48; k++)
                many[k] = answers[k % 3];
            store_submission sub = {.survey = "needs", .lang = "ar", .pack_id = "latvia",
                                    .pack_version = "1", .answers = many, .nanswers = 48};
            char id[37];
            err e = {{0}};
            if (store_submit(s, &sub, id, &e))
                fail_msg("%s", e.msg);
        }
        total += 20 * 48;
        store_close(s);
        long kill_step = round ? 1 + rand() % (*steps / 2) : 0;
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            kill_at_arm(kill_step);
            store *c = kiosk(at("data"));
            sync_result r;
            err e = {{0}};
            int rc = sync_export(c, at("data"), at("stick"), &r, &e);
            store_close(c);
            if (!round)
                *steps = kill_at_steps();
            _exit(rc ? 1 : 0);
        }
        int status;
        waitpid(pid, &status, 0);
        if (round == 0) {
            assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
            assert_true(*steps >= 10);
        }
        killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        char when[64];
        snprintf(when, sizeof when, "kill %d", round);
        check_target(at("data"), at("stick"), when);
        sqlite3 *db;
        assert_int_equal(sqlite3_open(at("data/feedback.db"), &db), SQLITE_OK);
        sqlite3_stmt *st;
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    munmap(steps, sizeof *steps);
    assert_int_equal(killed, 9);
    /* the last export takes what is left; every answer arrives exactly once */
    store *s = kiosk(at("data"));
    sync_result r;
    export_ok(s, at("data"), at("stick"), &r);
    store_close(s);
    check_target(at("data"), at("stick"), "after");
    sync_merge_stats st = merge_path(at("central.db"), at("stick"));
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.conflicts, 0);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), total);
    assert_int_equal(st.added, total);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_new_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_twice_adds_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_order_and_dedupe_by_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_gaps_are_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_cut_short_is_made_again_the_same, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_any_order_gives_the_same_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forged_ids_never_replace_real_answers, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_conflicts_beyond_the_cap_do_not_depend_on_order,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_flipped_byte_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_truncation_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_key_and_format_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_submissions_signed_properly_are_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_format_1_payload_signed_properly_is_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mutated_batches_signed_properly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plain_refused_unless_allowed_format_1_sealed_merges,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_device_key_change_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_language_codes_normalised_or_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_collect_skips_and_names_what_it_cannot_search,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_central_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_version_1_database_is_migrated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_version_2_database_is_migrated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_under_write_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_under_fsync_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_under_rename_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_under_write_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill_during_export, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
