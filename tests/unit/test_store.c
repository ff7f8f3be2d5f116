/* store: the feedback store's promises, read back with plain SQLite (the default VFS) so the
 * test sees what is in the file, not what the store says. Each test works in a fresh
 * temporary directory, on a clock it sets. The fault tests fail the 1st, 2nd, 3rd... write
 * or fsync SQLite makes while a submission is saved, until a run meets no fault; after each
 * run, an image of the files as a crash would leave them, and the store closed and opened
 * again, must both hold the submission exactly when store_submit said so, and pass
 * integrity_check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fs.h"
#include "store/store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scratch.h"

static time_t fake_now;
static time_t fake_clock(void) { return fake_now; }

static int setup(void **state)
{
    (void)state;
    fs_fault_reset();
    fake_now = 1700003725; /* 2023-11-14 23:15:25 UTC */
    return scratch_make("store");
}

static int teardown(void **state)
{
    (void)state;
    fs_fault_reset();
    chmod(dir, 0700);
    chmod(at("ro"), 0700);
    return scratch_remove();
}

static store *open_in(const char *d, const store_config *cfg, store_note *note)
{
    store_config c = {.clock = fake_clock};
    if (cfg)
        c = *cfg, c.clock = fake_clock;
    err e = {{0}};
    store *s = store_open(d, &c, note, &e);
    if (!s)
        fail_msg("store_open(%s): %s", d, e.msg);
    return s;
}

static store *open_here(void) { return open_in(dir, NULL, NULL); }

/* ---- reading the file with plain SQLite ---------------------------------------------- */

static sqlite3 *plain(const char *path)
{
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail_msg("%s: %s", path, sqlite3_errmsg(db));
    return db;
}

/* The first column of the first row of sql as an integer (-1 without a row). */
static long long one(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* The first column of the first row as text, in a static buffer ("" without a row). */
static const char *text(sqlite3 *db, const char *sql)
{
    static char out[4096];
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    const unsigned char *t = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    snprintf(out, sizeof out, "%s", t ? (const char *)t : "");
    sqlite3_finalize(st);
    return out;
}

static void assert_intact(sqlite3 *db)
{
    const char *r = text(db, "PRAGMA integrity_check");
    if (strcmp(r, "ok"))
        fail_msg("integrity_check: %s", r);
}

static int is_uuid4(const char *s)
{
    if (strlen(s) != 36)
        return 0;
    for (int i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (s[i] == '-'))
            return 0;
        if (!dash && !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    }
    return s[14] == '4' && strchr("89ab", s[19]) != NULL;
}

static int mode_of(const char *path)
{
    struct stat st;
    if (lstat(path, &st))
        return -1;
    return (int)(st.st_mode & 07777);
}

/* Copies a file with plain stdio; a missing one is skipped. */
static void copy_if_there(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return;
    FILE *out = fopen(to, "wb");
    assert_non_null(out);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        assert_int_equal(fwrite(chunk, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void remove_store_files(const char *d)
{
    static const char *const sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[300];
        snprintf(p, sizeof p, "%s/feedback.db%s", d, sfx[i]);
        unlink(p);
    }
}

/* ---- submissions --------------------------------------------------------------------- */

static const store_answer six[] = {
    {"know-latvian", "yes", 0},
    {"format", "pictures", 0},
    {"face", "3", 0},
    {"age", "prefer-not", 0},
    {"needs", "More about work. Call me: +371 20 000 000, or anna@inbox.lv", 1},
    {"time-in-country", "under-3-months", 0},
};

static store_submission survey(const char *id, const store_answer *a, int n)
{
    return (store_submission){.survey = id, .lang = "ar", .pack_id = "latvia-demo",
                              .pack_version = "2022.12", .answers = a, .nanswers = n};
}

static void submit_ok(store *s, const store_submission *sub, char id[37])
{
    err e = {{0}};
    if (store_submit(s, sub, id, &e))
        fail_msg("store_submit: %s", e.msg);
}

/* ---- submit and read back ------------------------------------------------------------ */

static void test_submit_and_read_back(void **state)
{
    (void)state;
    store *s = open_here();
    char a[37], b[37];
    store_submission sa = survey("needs", six, 6);
    store_answer vote = {"transport", "no", 0};
    store_submission sb = survey("helpful", &vote, 1);
    submit_ok(s, &sa, a);
    submit_ok(s, &sb, b);
    assert_true(is_uuid4(a) && is_uuid4(b));
    assert_string_not_equal(a, b);
    /* private files, the log and its index too */
    assert_int_equal(mode_of(at("feedback.db")), 0600);
    assert_int_equal(mode_of(at("feedback.db-wal")), 0600);
    assert_int_equal(mode_of(at("feedback.db-shm")), 0600);
    store_close(s);

    sqlite3 *db = plain(at("feedback.db"));
    assert_intact(db);
    assert_int_equal(one(db, "PRAGMA user_version"), STORE_VERSION);
    assert_string_equal(text(db, "PRAGMA journal_mode"), "wal");
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT uuid, seq, submission, survey, question, value, "
                                        "lang, pack, pack_version, period, exported FROM answers "
                                        "ORDER BY seq", -1, &st, NULL), SQLITE_OK);
    long long last = 0;
    int rows = 0;
    char uuids[7][37];
    long long day = fake_now - fake_now % 86400; /* the default: never the hour */
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *uuid = (const char *)sqlite3_column_text(st, 0);
        assert_true(is_uuid4(uuid));
        for (int k = 0; k < rows; k++)
            assert_string_not_equal(uuids[k], uuid);
        snprintf(uuids[rows], 37, "%s", uuid);
        long long seq = sqlite3_column_int64(st, 1);
        assert_true(seq > last);
        last = seq;
        const char *sub = (const char *)sqlite3_column_text(st, 2);
        const store_answer *want = rows < 6 ? &six[rows] : &vote;
        assert_string_equal(sub, rows < 6 ? a : b);
        assert_string_equal(sqlite3_column_text(st, 3), rows < 6 ? "needs" : "helpful");
        assert_string_equal(sqlite3_column_text(st, 4), want->question);
        const char *value = (const char *)sqlite3_column_text(st, 5);
        if (want->free_text) {
            char *scrubbed = store_scrub(want->value, NULL);
            assert_string_equal(value, scrubbed);
            assert_null(strstr(value, "inbox") ? "an address was stored" : NULL);
            assert_null(strstr(value, "000 000") ? "a phone number was stored" : NULL);
            free(scrubbed);
        } else {
            assert_string_equal(value, want->value);
        }
        assert_string_equal(sqlite3_column_text(st, 6), "ar");
        assert_string_equal(sqlite3_column_text(st, 7), "latvia-demo");
        assert_string_equal(sqlite3_column_text(st, 8), "2022.12");
        assert_int_equal(sqlite3_column_int64(st, 9), day);
        assert_int_equal(sqlite3_column_type(st, 10), SQLITE_NULL);
        rows++;
    }
    sqlite3_finalize(st);
    assert_int_equal(rows, 7);
    /* one device row: a random id, and the next number after the last one given */
    assert_int_equal(one(db, "SELECT count(*) FROM device"), 1);
    char device[64];
    snprintf(device, sizeof device, "%s", text(db, "SELECT id FROM device"));
    assert_true(is_uuid4(device));
    assert_int_equal(one(db, "SELECT next_seq FROM device"), last + 1);
    sqlite3_close(db);

    /* opened again, rounding to the hour, a day later: the numbers go on, the device stays */
    fake_now += 86400 + 7;
    store_config hourly = {.round_to_hour = 1};
    s = open_in(dir, &hourly, NULL);
    char c[37];
    submit_ok(s, &sb, c);
    store_close(s);
    db = plain(at("feedback.db"));
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT seq FROM answers WHERE submission = '%s'", c);
    assert_int_equal(one(db, sql), last + 1);
    snprintf(sql, sizeof sql, "SELECT period FROM answers WHERE submission = '%s'", c);
    assert_int_equal(one(db, sql), fake_now - fake_now % 3600);
    assert_string_equal(text(db, "SELECT id FROM device"), device);
    sqlite3_close(db);
}

/* Two stores made from nothing get different device ids. */
static void test_device_ids_differ(void **state)
{
    (void)state;
    mkdir(at("one"), 0700), mkdir(at("two"), 0700);
    store_close(open_in(at("one"), NULL, NULL));
    store_close(open_in(at("two"), NULL, NULL));
    sqlite3 *x = plain(at("one/feedback.db")), *y = plain(at("two/feedback.db"));
    char first[64];
    snprintf(first, sizeof first, "%s", text(x, "SELECT id FROM device"));
    assert_true(is_uuid4(first));
    assert_string_not_equal(first, text(y, "SELECT id FROM device"));
    sqlite3_close(x), sqlite3_close(y);
}

/* ---- what is refused ----------------------------------------------------------------- */

static void test_bad_submissions_are_refused(void **state)
{
    (void)state;
    store *s = open_here();
    char id[37];
    store_submission ok = survey("needs", six, 6);
    submit_ok(s, &ok, id);
    static char longid[66], longvalue[2002], maxvalue[2001], maxid[65];
    memset(longid, 'q', 65), memset(maxid, 'q', 64);
    memset(longvalue, 'v', 2001), memset(maxvalue, 'v', 2000);
    store_answer many[65];
    for (int i = 0; i < 65; i++)
        many[i] = (store_answer){"q", "yes", 0};
    struct {
        store_submission sub;
        store_answer a;
        const char *want;
    } bad[] = {
        {survey("needs", many, 0), {0}, "0 answers, not 1 to 64"},
        {survey("needs", many, 65), {0}, "65 answers, not 1 to 64"},
        {survey(NULL, six, 1), {0}, "the survey id is missing"},
        {survey(longid, six, 1), {0}, "the survey id is 65 bytes, over 64"},
        {survey("needs", NULL, 1), {"format", "a b", 0}, "the language holds a space"},
        {survey("needs", NULL, 1), {"format", "x", 0}, "the pack version is not valid UTF-8"},
        {survey("needs", NULL, 1), {NULL, "x", 0}, "answer 1: the question id is missing"},
        {survey("needs", NULL, 1), {"q", "", 1}, "answer 1 (question \"q\"): the value is empty"},
        {survey("needs", NULL, 1), {"q", longvalue, 1}, "the value is 2001 bytes, over 2000"},
        {survey("needs", NULL, 1), {"q", "ok \xc3\x28", 1}, "the value is not valid UTF-8 (line 1, byte 4)"},
        {survey("needs", NULL, 1), {"q", "bell \a", 1}, "the value holds a control character (byte 6)"},
        {survey("needs", NULL, 1), {"q", "+371 20000000", 0}, "not marked as typed text"},
    };
    int n = (int)(sizeof bad / sizeof *bad);
    bad[4].sub.lang = "a b";
    bad[5].sub.pack_version = "2022\xff";
    for (int k = 0; k < n; k++) {
        store_submission *sub = &bad[k].sub;
        if (!sub->answers)
            sub->answers = &bad[k].a;
        err e = {{0}};
        char out[37] = "untouched";
        assert_int_equal(store_submit(s, sub, out, &e), -1);
        if (!strstr(e.msg, bad[k].want) || !strstr(e.msg, "feedback.db"))
            fail_msg("case %d: \"%s\" does not say \"%s\"", k, e.msg, bad[k].want);
        assert_string_equal(out, "untouched");
    }
    /* nothing of them was stored, and no sequence number was used */
    sqlite3 *db = plain(at("feedback.db"));
    assert_int_equal(one(db, "SELECT count(*) FROM answers"), 6);
    assert_int_equal(one(db, "SELECT next_seq FROM device"), 7);
    sqlite3_close(db);
    /* the limits themselves are allowed */
    store_answer edge = {maxid, maxvalue, 1};
    store_submission at_limits = survey(maxid, &edge, 1);
    submit_ok(s, &at_limits, id);
    store_submission sixty_four = survey("needs", many, 64);
    submit_ok(s, &sixty_four, id);
    store_close(s);
    db = plain(at("feedback.db"));
    assert_int_equal(one(db, "SELECT count(*) FROM answers"), 6 + 1 + 64);
    sqlite3_close(db);
}

/* ---- nothing that identifies a person ------------------------------------------------ */

/* Every column the store may have, table by table: nothing else may appear. */
static const char *const allowed[] = {
    "answers.uuid", "answers.seq", "answers.submission", "answers.survey", "answers.question",
    "answers.value", "answers.lang", "answers.pack", "answers.pack_version", "answers.period",
    "answers.exported", "device.id", "device.next_seq",
    /* "I need help now": the day and how many times, nothing else */
    "urgent_days.day", "urgent_days.uses",
};
#define NALLOWED (int)(sizeof allowed / sizeof *allowed)

/* Lists every column of every table (and every view or trigger, which may not be there) and
 * returns how many are not on the list, naming them in why; missing columns count too. */
static int schema_outside_list(sqlite3 *db, char *why, size_t cap)
{
    int outside = 0, seen[NALLOWED] = {0};
    why[0] = 0;
    sqlite3_stmt *t;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT type, name FROM sqlite_master "
                                        "WHERE name NOT LIKE 'sqlite_%' AND type <> 'index'",
                                        -1, &t, NULL), SQLITE_OK);
    while (sqlite3_step(t) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(t, 0);
        const char *table = (const char *)sqlite3_column_text(t, 1);
        if (strcmp(type, "table")) {
            outside++;
            snprintf(why + strlen(why), cap - strlen(why), " %s %s;", type, table);
            continue;
        }
        sqlite3_stmt *c;
        assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_xinfo(?)", -1, &c,
                                            NULL), SQLITE_OK);
        sqlite3_bind_text(c, 1, table, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(c) == SQLITE_ROW) {
            char name[200];
            snprintf(name, sizeof name, "%s.%s", table, sqlite3_column_text(c, 0));
            int k = 0;
            while (k < NALLOWED && strcmp(allowed[k], name))
                k++;
            if (k < NALLOWED) {
                seen[k] = 1;
            } else {
                outside++;
                snprintf(why + strlen(why), cap - strlen(why), " %s;", name);
            }
        }
        sqlite3_finalize(c);
    }
    sqlite3_finalize(t);
    for (int k = 0; k < NALLOWED; k++)
        if (!seen[k]) {
            outside++;
            snprintf(why + strlen(why), cap - strlen(why), " missing %s;", allowed[k]);
        }
    return outside;
}

static void test_schema_holds_no_identifying_column(void **state)
{
    (void)state;
    store *s = open_here();
    char id[37];
    store_submission sub = survey("needs", six, 6);
    submit_ok(s, &sub, id);
    store_close(s);
    char why[1024];
    sqlite3 *db = plain(at("feedback.db"));
    if (schema_outside_list(db, why, sizeof why))
        fail_msg("columns outside the allow-list:%s", why);
    sqlite3_close(db);
    /* the check itself sees an added column, table or view */
    static const char *const added[] = {
        "ALTER TABLE answers ADD COLUMN ip TEXT",
        "ALTER TABLE device ADD COLUMN device_serial TEXT",
        "CREATE TABLE visitors(name TEXT)",
        "CREATE VIEW v AS SELECT uuid FROM answers",
    };
    for (size_t k = 0; k < sizeof added / sizeof *added; k++) {
        copy_if_there(at("feedback.db"), at("copy.db"));
        db = plain(at("copy.db"));
        assert_int_equal(sqlite3_exec(db, added[k], NULL, NULL, NULL), SQLITE_OK);
        if (schema_outside_list(db, why, sizeof why) < 1)
            fail_msg("the allow-list check missed: %s", added[k]);
        sqlite3_close(db);
        unlink(at("copy.db"));
    }
}

/* ---- schema versions ----------------------------------------------------------------- */

/* A store as each earlier version left it: fixtures[v] is version v. An empty file is what
 * SQLite calls an empty database: version 0. A new schema version adds its predecessor here. */
static const char *const fixtures[] = {
    "", /* 0: an empty file */
    /* 1: answers and the device, as version 1 wrote them */
    "CREATE TABLE answers("
    " uuid TEXT PRIMARY KEY,"
    " seq INTEGER NOT NULL UNIQUE,"
    " submission TEXT NOT NULL,"
    " survey TEXT NOT NULL,"
    " question TEXT NOT NULL,"
    " value TEXT NOT NULL,"
    " lang TEXT NOT NULL,"
    " pack TEXT NOT NULL,"
    " pack_version TEXT NOT NULL,"
    " period INTEGER NOT NULL,"
    " exported INTEGER"
    ");"
    "CREATE TABLE device("
    " id TEXT NOT NULL,"
    " next_seq INTEGER NOT NULL"
    ");"
    "INSERT INTO device VALUES('00000000-0000-4000-8000-000000000001', 1);"
    "PRAGMA user_version = 1;",
};

static char *schema_of(const char *path)
{
    sqlite3 *db = plain(path);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT type || ' ' || name || ' ' || "
                                        "coalesce(sql, '') FROM sqlite_master ORDER BY name",
                                        -1, &st, NULL), SQLITE_OK);
    size_t cap = 1 << 14, len = 0;
    char *out = calloc(cap, 1);
    assert_non_null(out);
    while (sqlite3_step(st) == SQLITE_ROW)
        len += (size_t)snprintf(out + len, cap - len, "%s\n", sqlite3_column_text(st, 0));
    assert_true(len < cap);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

static void test_migrates_from_every_version(void **state)
{
    (void)state;
    assert_int_equal((int)(sizeof fixtures / sizeof *fixtures), STORE_VERSION);
    mkdir(at("fresh"), 0700);
    store_close(open_in(at("fresh"), NULL, NULL));
    char *want = schema_of(at("fresh/feedback.db"));
    assert_non_null(strstr(want, "CREATE TABLE answers"));
    for (int v = 0; v < STORE_VERSION; v++) {
        remove_store_files(dir);
        if (*fixtures[v]) {
            puts_file(at("feedback.db"), "");
            sqlite3 *db = plain(at("feedback.db"));
            assert_int_equal(sqlite3_exec(db, fixtures[v], NULL, NULL, NULL), SQLITE_OK);
            sqlite3_close(db);
        } else {
            puts_file(at("feedback.db"), "");
        }
        store *s = open_here();
        char id[37];
        store_submission sub = survey("needs", six, 6);
        submit_ok(s, &sub, id);
        store_close(s);
        char *got = schema_of(at("feedback.db"));
        if (strcmp(got, want))
            fail_msg("version %d migrated to\n%s\nnot\n%s", v, got, want);
        free(got);
        sqlite3 *db = plain(at("feedback.db"));
        assert_intact(db);
        assert_int_equal(one(db, "PRAGMA user_version"), STORE_VERSION);
        assert_int_equal(one(db, "SELECT count(*) FROM answers"), 6);
        sqlite3_close(db);
    }
    free(want);
}

/* A store from a newer version is left alone, not migrated, not moved aside. */
static void test_newer_version_is_left_alone(void **state)
{
    (void)state;
    store_close(open_here());
    sqlite3 *db = plain(at("feedback.db"));
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_VERSION + 1);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    store_config c = {.clock = fake_clock};
    store_note note;
    err e = {{0}};
    assert_null(store_open(dir, &c, &note, &e));
    snprintf(sql, sizeof sql, "schema version %d", STORE_VERSION + 1);
    assert_non_null(strstr(e.msg, sql));
    assert_non_null(strstr(e.msg, "feedback.db"));
    db = plain(at("feedback.db"));
    assert_int_equal(one(db, "PRAGMA user_version"), STORE_VERSION + 1);
    sqlite3_close(db);
}

/* ---- faults while saving --------------------------------------------------------------- */

/* The answers of the survey "x" in the file at path, checked sound first. */
static long long x_rows(const char *path, long long *total)
{
    sqlite3 *db = plain(path);
    assert_intact(db);
    long long n = one(db, "SELECT count(*) FROM answers WHERE survey = 'x'");
    *total = one(db, "SELECT count(*) FROM answers");
    /* sequence numbers stay unique and below the next one */
    assert_true(one(db, "SELECT max(seq) FROM answers") < one(db, "SELECT next_seq FROM device"));
    sqlite3_close(db);
    return n;
}

/* Saves a submission with the nth operation of kind failing, n = 1, 2, ... until a run meets
 * no fault; returns the number of runs that met one. With fresh_log the store is closed and
 * opened again first, so the submission starts a new log (its header written and synced). */
static int each_fault(fs_op kind, int fresh_log)
{
    store_submission base = survey("needs", six, 6);
    store_submission x = survey("x", six, 6);
    for (int n = 1; n <= 200; n++) {
        remove_store_files(dir);
        store *s = open_here();
        char id[37];
        submit_ok(s, &base, id);
        submit_ok(s, &base, id);
        if (fresh_log) {
            store_close(s);
            s = open_here();
        }
        int er = n % 2 ? EIO : ENOSPC;
        fs_fault_set(kind, n, er);
        err e = {{0}};
        int rc = store_submit(s, &x, id, &e);
        int fired = fs_fault_fired();
        fs_fault_reset();
        if (fired) {
            assert_int_equal(rc, -1);
            if (!strstr(e.msg, "feedback.db: survey \"x\" not stored"))
                fail_msg("run %d: the message does not name the store: %s", n, e.msg);
        } else if (rc) {
            fail_msg("run %d without a fault failed: %s", n, e.msg);
        }
        long long want = rc == 0 ? 6 : 0, total;
        /* the files as a crash right now would leave them */
        mkdir(at("crash"), 0700);
        remove_store_files(at("crash"));
        copy_if_there(at("feedback.db"), at("crash/feedback.db"));
        copy_if_there(at("feedback.db-wal"), at("crash/feedback.db-wal"));
        if (x_rows(at("crash/feedback.db"), &total) != want || total != 12 + want)
            fail_msg("run %d (fault %s, submit %d): after a crash %lld answers of 6, %lld in all",
                     n, fired ? "fired" : "not fired", rc, x_rows(at("crash/feedback.db"), &total),
                     total);
        /* the store goes on: the next submission is kept */
        submit_ok(s, &base, id);
        store_close(s);
        if (x_rows(at("feedback.db"), &total) != want || total != 18 + want)
            fail_msg("run %d: after reopening %lld answers of 6, %lld in all", n,
                     x_rows(at("feedback.db"), &total), total);
        if (!fired)
            return n - 1;
    }
    fail_msg("still meeting faults after 200 runs");
    return -1;
}

static void test_submit_under_write_faults(void **state)
{
    (void)state;
    /* each frame of the log is written as its header and its page, 4 pages a submission */
    assert_true(each_fault(FS_WRITE, 0) >= 8);
    assert_true(each_fault(FS_WRITE, 1) >= 9); /* and the log's own header */
}

static void test_submit_under_fsync_faults(void **state)
{
    (void)state;
    assert_true(each_fault(FS_FSYNC, 0) >= 1); /* the log at the commit */
    assert_true(each_fault(FS_FSYNC, 1) >= 2); /* and a new log's header first */
}

/* ---- a damaged store ------------------------------------------------------------------- */

static void scribble(const char *path, long offset, const char *junk)
{
    FILE *fp = fopen(path, "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, offset, SEEK_SET), 0);
    assert_int_equal(fwrite(junk, 1, strlen(junk), fp), strlen(junk));
    assert_int_equal(fclose(fp), 0);
}

static void assert_moved_aside(const store_note *note, const char *suffix)
{
    char want[300];
    snprintf(want, sizeof want, "%s/feedback.db.damaged-%lld%s", dir, (long long)fake_now, suffix);
    assert_string_equal(note->moved_aside, want);
    assert_non_null(strstr(note->warning, "damaged"));
    assert_non_null(strstr(note->warning, want));
    assert_true(mode_of(want) >= 0);
}

static void test_damaged_store_is_moved_aside(void **state)
{
    (void)state;
    store *s = open_here();
    char id[37];
    store_submission sub = survey("needs", six, 6);
    for (int i = 0; i < 40; i++)
        submit_ok(s, &sub, id);
    store_close(s);
    /* a page inside the file: integrity_check finds it */
    scribble(at("feedback.db"), 4096 + 8, "not a b-tree page, not at all, no");
    store_note note;
    s = open_in(dir, NULL, &note);
    assert_moved_aside(&note, "");
    submit_ok(s, &sub, id);
    store_close(s);
    sqlite3 *db = plain(at("feedback.db"));
    assert_intact(db);
    assert_int_equal(one(db, "SELECT count(*) FROM answers"), 6);
    assert_int_equal(one(db, "SELECT min(seq) FROM answers"), 1);
    sqlite3_close(db);

    /* the header itself, in the same second, with a log beside it: a second name, and the
     * log goes with its store */
    scribble(at("feedback.db"), 0, "this is not SQLite");
    puts_file(at("feedback.db-wal"), "a log that is not one");
    s = open_in(dir, NULL, &note);
    assert_moved_aside(&note, ".1");
    char wal[sizeof note.moved_aside + 8];
    snprintf(wal, sizeof wal, "%s-wal", note.moved_aside);
    assert_int_equal(mode_of(wal) >= 0, 1);
    store_close(s);
    db = plain(at("feedback.db"));
    assert_intact(db);
    assert_int_equal(one(db, "SELECT count(*) FROM answers"), 0);
    sqlite3_close(db);
    /* the first one kept what it held: the page written over, the rest as it was */
    char first[300];
    snprintf(first, sizeof first, "feedback.db.damaged-%lld", (long long)fake_now);
    db = plain(at(first));
    assert_string_not_equal(text(db, "PRAGMA integrity_check"), "ok");
    sqlite3_close(db);
}

/* ---- where no store can be ------------------------------------------------------------- */

static void test_read_only_directory(void **state)
{
    (void)state;
    store_config c = {.clock = fake_clock};
    err e = {{0}};
    if (geteuid() == 0) {
        /* root writes anywhere: a path under a regular file cannot hold a store either */
        puts_file(at("ro"), "a file");
        assert_null(store_open(at("ro/sub"), &c, NULL, &e));
        assert_non_null(strstr(e.msg, "ro/sub"));
        assert_non_null(strstr(e.msg, "feedback cannot be stored"));
        return;
    }
    mkdir(at("ro"), 0700);
    store_close(open_in(at("ro"), NULL, NULL));
    assert_int_equal(chmod(at("ro"), 0500), 0);
    assert_null(store_open(at("ro"), &c, NULL, &e));
    assert_non_null(strstr(e.msg, "feedback cannot be stored"));
    assert_non_null(strstr(e.msg, at("ro")));
    assert_non_null(strstr(e.msg, strerror(EACCES)));
    e.msg[0] = 0;
    assert_null(store_open(at("ro/none"), &c, NULL, &e));
    assert_non_null(strstr(e.msg, "ro/none"));
}

/* A link planted at the store's name is refused, never followed. */
static void test_planted_link_is_refused(void **state)
{
    (void)state;
    puts_file(at("elsewhere"), "not yours");
    assert_int_equal(symlink(at("elsewhere"), at("feedback.db")), 0);
    store_config c = {.clock = fake_clock};
    err e = {{0}};
    assert_null(store_open(dir, &c, NULL, &e));
    assert_non_null(strstr(e.msg, "feedback.db: cannot open the feedback store"));
    FILE *fp = fopen(at("elsewhere"), "rb");
    char got[32] = {0};
    assert_non_null(fp);
    assert_true(fread(got, 1, sizeof got - 1, fp) > 0);
    fclose(fp);
    assert_string_equal(got, "not yours");
}

/* ---- purge ----------------------------------------------------------------------------- */

static void test_purge(void **state)
{
    (void)state;
    store *s = open_here();
    char id[37];
    static const char *const marks[] = {"purge-me-first", "purge-me-second", "keep-89-days",
                                        "purge-me-91-days", "keep-not-exported"};
    for (int i = 0; i < 5; i++) {
        store_answer a = {"needs", marks[i], 1};
        store_submission sub = survey("needs", &a, 1);
        submit_ok(s, &sub, id);
    }
    /* what the export step will do: mark rows with the time they left */
    sqlite3 *db = plain(at("feedback.db"));
    char sql[300];
    long long day = 86400;
    snprintf(sql, sizeof sql,
             "UPDATE answers SET exported = %lld WHERE seq IN (1, 2);"
             "UPDATE answers SET exported = %lld WHERE seq = 3;"
             "UPDATE answers SET exported = %lld WHERE seq = 4;",
             (long long)fake_now - 100 * day, (long long)fake_now - 89 * day,
             (long long)fake_now - 91 * day);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    err e = {{0}};
    assert_int_equal(store_purge(s, &e), 3);
    assert_int_equal(store_purge(s, &e), 0);
    store_answer a = {"q", "yes", 0};
    store_submission sub = survey("helpful", &a, 1);
    submit_ok(s, &sub, id);
    store_close(s);
    db = plain(at("feedback.db"));
    assert_intact(db);
    assert_string_equal(text(db, "SELECT group_concat(seq) FROM (SELECT seq FROM answers ORDER BY seq)"),
                        "3,5,6");
    sqlite3_close(db);
    /* purged text is gone from the file's bytes, not only unlinked */
    size_t len;
    FILE *fp = fopen(at("feedback.db"), "rb");
    assert_non_null(fp);
    static char bytes[1 << 20];
    len = fread(bytes, 1, sizeof bytes, fp);
    fclose(fp);
    assert_true(len > 0 && len < sizeof bytes);
    assert_null(memmem(bytes, len, "purge-me", 8));
    assert_non_null(memmem(bytes, len, "keep-89-days", 12));
    /* a shorter retention reaches the 89-day-old answer too */
    store_config ten = {.retention_days = 10};
    s = open_in(dir, &ten, NULL);
    assert_int_equal(store_purge(s, &e), 1);
    store_close(s);
}


/* ---- what export reads and marks --------------------------------------------------------- */

typedef struct taken {
    long long seq[64];
    char first_value[64];
    int n, stop_at;
} taken;

static int take(const store_row *r, void *ctx)
{
    taken *t = ctx;
    if (t->stop_at && t->n == t->stop_at)
        return 1;
    if (!t->n)
        snprintf(t->first_value, sizeof t->first_value, "%s", r->value);
    assert_true(strlen(r->uuid) == 36 && strlen(r->submission) == 36);
    assert_string_equal(r->lang, "ar");
    assert_string_equal(r->pack_id, "latvia-demo");
    assert_int_equal(r->period, 1699920000); /* the day (the default), never the hour */
    t->seq[t->n++] = r->seq;
    return 0;
}

static void test_export_reads_in_order_and_marks(void **state)
{
    (void)state;
    store *s = open_here();
    char id[37], dev[37];
    for (int i = 0; i < 3; i++) {
        store_submission sub = survey("needs", six, 6);
        submit_ok(s, &sub, id);
    }
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    sqlite3 *db = plain(at("feedback.db"));
    assert_string_equal(text(db, "SELECT id FROM device"), dev);
    sqlite3_close(db);
    taken t = {0};
    assert_int_equal(store_unexported(s, 0, take, &t, &e), 18);
    for (int i = 0; i < 18; i++)
        assert_int_equal(t.seq[i], i + 1);
    assert_string_equal(t.first_value, "yes");
    /* a callback that stops: the row it stopped at is not taken */
    taken u = {.stop_at = 4};
    assert_int_equal(store_unexported(s, 0, take, &u, &e), 4);
    taken v = {0};
    assert_int_equal(store_unexported(s, 15, take, &v, &e), 3);
    assert_int_equal(v.seq[0], 16);
    /* the mark moves forward only, and the answers after it are the ones not exported */
    assert_int_equal(store_unexported_count(s, &e), 18);
    assert_int_equal(store_mark_exported(s, 10, &e), 10);
    assert_int_equal(store_mark_exported(s, 10, &e), 0);
    assert_int_equal(store_unexported_count(s, &e), 8);
    taken w = {0};
    assert_int_equal(store_unexported(s, 0, take, &w, &e), 8);
    assert_int_equal(w.seq[0], 11);
    assert_int_equal(store_mark_exported(s, 100, &e), 8);
    assert_int_equal(store_unexported_count(s, &e), 0);
    taken x = {0};
    assert_int_equal(store_unexported(s, 0, take, &x, &e), 0);
    store_close(s);
    /* marked with the time of the export: retention counts from it; nothing was deleted */
    db = plain(at("feedback.db"));
    assert_int_equal(one(db, "SELECT count(*) FROM answers"), 18);
    assert_int_equal(one(db, "SELECT count(*) FROM answers WHERE exported = 1700003725"), 18);
    sqlite3_close(db);
}

/* a failed mark marks nothing, and the store goes on */
static void test_mark_under_write_faults(void **state)
{
    (void)state;
    store *s = open_here();
    char id[37];
    store_submission sub = survey("needs", six, 6);
    submit_ok(s, &sub, id);
    err e = {{0}};
    for (int n = 1;; n++) {
        fs_fault_set(FS_WRITE, n, EIO);
        long rc = store_mark_exported(s, 3, &e);
        int fired = fs_fault_fired();
        fs_fault_reset();
        long left = store_unexported_count(s, &e);
        if (fired) {
            assert_int_equal(rc, -1);
            assert_non_null(strstr(e.msg, "feedback.db: cannot mark answers exported"));
            assert_int_equal(left, 6);
        } else {
            assert_int_equal(rc, 3);
            assert_int_equal(left, 3);
            assert_true(n > 1);
            break;
        }
    }
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_submit_and_read_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_device_ids_differ, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_submissions_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_holds_no_identifying_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_from_every_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_version_is_left_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit_under_write_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit_under_fsync_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_store_is_moved_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_planted_link_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_reads_in_order_and_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mark_under_write_faults, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
