/* store: the feedback store's promises, read back with plain SQLite (the default VFS) so the
 * test sees what is in the file, not what the store says, and the sealed submissions opened
 * with the test office key (office_key.h), which the store never holds. Each test works in a
 * fresh temporary directory, on a clock it sets. The fault tests fail the 1st, 2nd, 3rd...
 * write or fsync SQLite makes while a submission is saved, until a run meets no fault; after
 * each run, an image of the files as a crash would leave them, and the store closed and
 * opened again, must both hold the submission exactly when store_submit said so, and pass
 * integrity_check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "feedback.h"
#include "fs.h"
#include "store/sealed.h"
#include "store/store.h"

#include <errno.h>
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

/* A store in d, sealing to the test office key unless cfg says otherwise (cfg->seal_pk is
 * always taken as it is: NULL there is a store without a key). */
static store *open_in(const char *d, const store_config *cfg, store_note *note)
{
    store_config c = {.clock = fake_clock, .seal_pk = office_pk()};
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
    {"know-latvian", "yes", 0, FEEDBACK_KIND_YESNO},
    {"format", "pictures", 0, FEEDBACK_KIND_SINGLE},
    {"face", "3", 0, FEEDBACK_KIND_FACES},
    {"age", "prefer-not", 0, FEEDBACK_KIND_BACKGROUND},
    {"needs", "More about work. Call me: +371 20 000 000, or anna@inbox.lv", 1, FEEDBACK_KIND_TEXT},
    {"time-in-country", "under-3-months", 0, FEEDBACK_KIND_BACKGROUND},
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

/* The submission id in the file at path, opened with the test office key into out (free
 * with sealed_free); fails when it is not there or does not open. */
static void open_stored(const char *path, const char *id, sealed_submission *out)
{
    sqlite3 *db = plain(path);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT sealed FROM submissions WHERE id = ?", -1,
                                        &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW)
        fail_msg("submission %s is not in %s", id, path);
    err e = {{0}};
    if (sealed_open(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0), office_key(),
                    1, out, &e))
        fail_msg("submission %s does not open with the office key: %s", id, e.msg);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* The bytes of a file (the whole of it; "" when missing), malloc'd, in *n. */
static unsigned char *bytes_of(const char *path, size_t *n)
{
    *n = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return calloc(1, 1);
    unsigned char *p = NULL;
    size_t cap = 0;
    for (;;) {
        if (*n == cap)
            p = realloc(p, cap = cap ? 2 * cap : 65536);
        size_t r = fread(p + *n, 1, cap - *n, fp);
        if (!r)
            break;
        *n += r;
    }
    fclose(fp);
    return p;
}

/* Whether needle is anywhere in the store's files (the database, its log and its index). */
static int in_store_files(const char *d, const char *needle)
{
    static const char *const sfx[] = {"", "-wal", "-shm"};
    int found = 0;
    for (int i = 0; i < 3 && !found; i++) {
        char p[300];
        snprintf(p, sizeof p, "%s/feedback.db%s", d, sfx[i]);
        size_t n;
        unsigned char *b = bytes_of(p, &n);
        found = n && memmem(b, n, needle, strlen(needle)) != NULL;
        free(b);
    }
    return found;
}

/* ---- submit and read back ------------------------------------------------------------ */

static void test_submit_and_read_back(void **state)
{
    (void)state;
    store *s = open_here();
    char a[37], b[37];
    store_submission sa = survey("needs", six, 6);
    store_answer vote = {"transport", "no", 0, FEEDBACK_KIND_YESNO};
    store_submission sb = survey("helpful", &vote, 1);
    submit_ok(s, &sa, a);
    submit_ok(s, &sb, b);
    assert_true(is_uuid4(a) && is_uuid4(b));
    assert_string_not_equal(a, b);
    /* private files, the log and its index too */
    assert_int_equal(mode_of(at("feedback.db")), 0600);
    assert_int_equal(mode_of(at("feedback.db-wal")), 0600);
    assert_int_equal(mode_of(at("feedback.db-shm")), 0600);
    /* the kiosk cannot read its own answers back: nothing of them is in its files in clear,
     * not even in the log, while the store is open */
    static const char *const never[] = {"know-latvian", "pictures", "More about work", "needs",
                                        "helpful", "transport", "latvia-demo", "2022.12",
                                        "under-3-months", "[removed]", "inbox"};
    for (size_t k = 0; k < sizeof never / sizeof *never; k++)
        if (in_store_files(dir, never[k]))
            fail_msg("\"%s\" is in the store's files in clear", never[k]);
    store_close(s);
    for (size_t k = 0; k < sizeof never / sizeof *never; k++)
        if (in_store_files(dir, never[k]))
            fail_msg("\"%s\" is in the store's files in clear after closing", never[k]);

    sqlite3 *db = plain(at("feedback.db"));
    assert_intact(db);
    assert_int_equal(one(db, "PRAGMA user_version"), STORE_VERSION);
    assert_string_equal(text(db, "PRAGMA journal_mode"), "wal");
    long long day = fake_now - fake_now % 86400;
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM submissions WHERE day = %lld AND batch IS "
             "NULL AND exported = 0 AND id IN ('%s', '%s')", day, a, b);
    assert_int_equal(one(db, sql), 2);
    assert_int_equal(one(db, "SELECT count(*) FROM submissions"), 2);
    /* one device row: a random id, and the first batch number */
    assert_int_equal(one(db, "SELECT count(*) FROM device"), 1);
    char device[64];
    snprintf(device, sizeof device, "%s", text(db, "SELECT id FROM device"));
    assert_true(is_uuid4(device));
    assert_int_equal(one(db, "SELECT next_batch FROM device"), 1);
    sqlite3_close(db);

    /* what the office opens: everything as given, typed text scrubbed, each answer its own
     * random UUID, the day (the default), never the hour */
    sealed_submission got;
    open_stored(at("feedback.db"), a, &got);
    assert_string_equal(got.id, a);
    assert_string_equal(got.survey, "needs");
    assert_string_equal(got.lang, "ar");
    assert_string_equal(got.pack, "latvia-demo");
    assert_string_equal(got.pack_version, "2022.12");
    assert_int_equal(got.period, day);
    assert_int_equal(got.nanswers, 6);
    for (int i = 0; i < 6; i++) {
        assert_true(is_uuid4(got.answers[i].uuid));
        for (int k = 0; k < i; k++)
            assert_string_not_equal(got.answers[k].uuid, got.answers[i].uuid);
        assert_string_not_equal(got.answers[i].uuid, a);
        assert_string_equal(got.answers[i].question, six[i].question);
        assert_string_equal(got.answers[i].kind, six[i].kind);
        if (six[i].free_text) {
            char *scrubbed = store_scrub(six[i].value, NULL);
            assert_string_equal(got.answers[i].value, scrubbed);
            assert_null(strstr(got.answers[i].value, "inbox") ? "an address was stored" : NULL);
            assert_null(strstr(got.answers[i].value, "000 000") ? "a phone number was stored"
                                                                 : NULL);
            free(scrubbed);
        } else {
            assert_string_equal(got.answers[i].value, six[i].value);
        }
    }
    sealed_free(&got);

    /* opened again, rounding to the hour, a day later: the device stays, the period inside
     * the seal is the hour, the day beside it the day */
    fake_now += 86400 + 7;
    store_config hourly = {.round_to_hour = 1, .seal_pk = office_pk()};
    s = open_in(dir, &hourly, NULL);
    char c[37];
    submit_ok(s, &sb, c);
    store_close(s);
    open_stored(at("feedback.db"), c, &got);
    assert_int_equal(got.period, fake_now - fake_now % 3600);
    assert_string_equal(got.answers[0].kind, FEEDBACK_KIND_YESNO);
    sealed_free(&got);
    db = plain(at("feedback.db"));
    snprintf(sql, sizeof sql, "SELECT day FROM submissions WHERE id = '%s'", c);
    assert_int_equal(one(db, sql), fake_now - fake_now % 86400);
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

/* Without the office's key nothing is collected: every submission is refused, saying why. */
static void test_no_key_collects_nothing(void **state)
{
    (void)state;
    store_config none = {.seal_pk = NULL};
    store *s = open_in(dir, &none, NULL);
    store_submission sub = survey("needs", six, 6);
    char id[37] = "untouched";
    err e = {{0}};
    assert_int_equal(store_submit(s, &sub, id, &e), -1);
    assert_non_null(strstr(e.msg, "feedback.db: survey \"needs\" not stored: this kiosk has no "
                                  "office key"));
    assert_string_equal(id, "untouched");
    /* the day counts of "I need help now" are no feedback: they are kept */
    assert_int_equal(store_urgent_used(s, &e), 0);
    store_close(s);
    sqlite3 *db = plain(at("feedback.db"));
    assert_int_equal(one(db, "SELECT count(*) FROM submissions"), 0);
    assert_int_equal(one(db, "SELECT count(*) FROM urgent_days"), 1);
    sqlite3_close(db);
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
        many[i] = (store_answer){"q", "yes", 0, FEEDBACK_KIND_YESNO};
    struct {
        store_submission sub;
        store_answer a;
        const char *want;
    } bad[] = {
        {survey("needs", many, 0), {0}, "0 answers, not 1 to 64"},
        {survey("needs", many, 65), {0}, "65 answers, not 1 to 64"},
        {survey(NULL, six, 1), {0}, "the survey id is missing"},
        {survey(longid, six, 1), {0}, "the survey id is 65 bytes, over 64"},
        {survey("needs", NULL, 1), {"format", "a b", 0, "single"}, "the language holds a space"},
        {survey("needs", NULL, 1), {"format", "x", 0, "single"}, "the pack version is not valid UTF-8"},
        {survey("needs", NULL, 1), {NULL, "x", 0, "single"}, "answer 1: the question id is missing"},
        {survey("needs", NULL, 1), {"q", "", 1, "text"}, "answer 1 (question \"q\"): the value is empty"},
        {survey("needs", NULL, 1), {"q", longvalue, 1, "text"}, "the value is 2001 bytes, over 2000"},
        {survey("needs", NULL, 1), {"q", "ok \xc3\x28", 1, "text"}, "the value is not valid UTF-8 (line 1, byte 4)"},
        {survey("needs", NULL, 1), {"q", "bell \a", 1, "text"}, "the value holds a control character (byte 6)"},
        {survey("needs", NULL, 1), {"q", "+371 20000000", 0, "single"}, "not marked as typed text"},
        {survey("needs", NULL, 1), {"q", "yes", 0, NULL}, "answer 1 (question \"q\"): the kind is missing"},
        {survey("needs", NULL, 1), {"q", "yes", 0, "yes no"}, "the kind holds a space"},
        {survey("needs", NULL, 1), {"q", "typed", 1, "single"}, "the kind is \"single\" but the value is marked as typed text"},
        {survey("needs", NULL, 1), {"q", "typed", 0, "text"}, "the kind is \"text\" but the value is not marked as typed text"},
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
    /* nothing of them was stored */
    sqlite3 *db = plain(at("feedback.db"));
    assert_int_equal(one(db, "SELECT count(*) FROM submissions"), 1);
    sqlite3_close(db);
    /* the limits themselves are allowed */
    store_answer edge = {maxid, maxvalue, 1, FEEDBACK_KIND_TEXT};
    store_submission at_limits = survey(maxid, &edge, 1);
    submit_ok(s, &at_limits, id);
    store_submission sixty_four = survey("needs", many, 64);
    submit_ok(s, &sixty_four, id);
    store_close(s);
    db = plain(at("feedback.db"));
    assert_int_equal(one(db, "SELECT count(*) FROM submissions"), 3);
    sqlite3_close(db);
    sealed_submission got;
    open_stored(at("feedback.db"), id, &got);
    assert_int_equal(got.nanswers, 64);
    sealed_free(&got);
}

/* ---- nothing that identifies a person ------------------------------------------------ */

/* Every column the store may have, table by table: nothing else may appear. */
static const char *const allowed[] = {
    /* a submission: its random id, sealed, its day, and its export state; nothing in clear */
    "submissions.id", "submissions.sealed", "submissions.day", "submissions.batch",
    "submissions.exported", "device.id", "device.next_batch",
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
        "ALTER TABLE submissions ADD COLUMN ip TEXT",
        "ALTER TABLE device ADD COLUMN device_serial TEXT",
        "CREATE TABLE visitors(name TEXT)",
        "CREATE VIEW v AS SELECT id FROM submissions",
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

/* ---- schema versions ----------------------------------------------------------------- */

/* Version 1's tables, as it wrote them. */
#define V1_TABLES                                                                              \
    "CREATE TABLE answers("                                                                    \
    " uuid TEXT PRIMARY KEY,"                                                                  \
    " seq INTEGER NOT NULL UNIQUE,"                                                            \
    " submission TEXT NOT NULL,"                                                               \
    " survey TEXT NOT NULL,"                                                                   \
    " question TEXT NOT NULL,"                                                                 \
    " value TEXT NOT NULL,"                                                                    \
    " lang TEXT NOT NULL,"                                                                     \
    " pack TEXT NOT NULL,"                                                                     \
    " pack_version TEXT NOT NULL,"                                                             \
    " period INTEGER NOT NULL,"                                                                \
    " exported INTEGER"                                                                        \
    ");"                                                                                       \
    "CREATE TABLE device("                                                                     \
    " id TEXT NOT NULL,"                                                                       \
    " next_seq INTEGER NOT NULL"                                                               \
    ");"

/* Version 2's answers in plain rows: submission ...b1 of three answers, exported; ...b2 of
 * two, the first exported and the second not (a batch ended between them); ...b3 of two,
 * none exported. Typed text in ...b3. */
#define V2_ROWS                                                                                \
    "INSERT INTO answers VALUES('00000000-0000-4000-8000-0000000000a1', 1,"                    \
    " '00000000-0000-4000-8000-0000000000b1', 'needs', 'face', '3', 'uk', 'latvia', '1',"       \
    " 1699920000, 1699990000);"                                                                \
    "INSERT INTO answers VALUES('00000000-0000-4000-8000-0000000000a2', 2,"                    \
    " '00000000-0000-4000-8000-0000000000b1', 'needs', 'bg-age', '18-29', 'uk', 'latvia', '1',"  \
    " 1699920000, 1699990000);"                                                                \
    "INSERT INTO answers VALUES('00000000-0000-4000-8000-0000000000a3', 3,"                    \
    " '00000000-0000-4000-8000-0000000000b1', 'needs', 'format', 'audio', 'uk', 'latvia', '1',"  \
    " 1699920000, 1699990000);"                                                                \
    "INSERT INTO answers VALUES('00000000-0000-4000-8000-0000000000a4', 4,"                    \
    " '00000000-0000-4000-8000-0000000000b2', 'helpful', 'transport', 'no', 'ar', 'latvia',"    \
    " '1', 1699920000, 1699990000);"                                                           \
    "INSERT INTO answers VALUES('00000000-0000-4000-8000-0000000000a5', 5,"                    \
    " '00000000-0000-4000-8000-0000000000b2', 'helpful', 'bus', 'yes', 'ar', 'latvia', '1',"    \
    " 1699920000, NULL);"                                                                      \
    "INSERT INTO answers VALUES('00000000-0000-4000-8000-0000000000a6', 6,"                    \
    " '00000000-0000-4000-8000-0000000000b3', 'needs', 'missing', 'Zebra crossing unsealed "     \
    "plaintext', 'lv', 'latvia', '1', 1699923600, NULL);"                                      \
    "INSERT INTO answers VALUES('00000000-0000-4000-8000-0000000000a7', 7,"                    \
    " '00000000-0000-4000-8000-0000000000b3', 'needs', 'face', '1', 'lv', 'latvia', '1',"       \
    " 1699923600, NULL);"

/* A store as each earlier version left it: fixtures[v] is version v. An empty file is what
 * SQLite calls an empty database: version 0. A new schema version adds its predecessor here. */
static const char *const fixtures[] = {
    "", /* 0: an empty file */
    /* 1: answers and the device, as version 1 wrote them */
    V1_TABLES
    "INSERT INTO device VALUES('00000000-0000-4000-8000-000000000001', 1);"
    "PRAGMA user_version = 1;",
    /* 2: and the day counts of urgent help, and answers in plain rows */
    V1_TABLES
    "CREATE TABLE urgent_days( day INTEGER PRIMARY KEY, uses INTEGER NOT NULL);"
    "INSERT INTO device VALUES('00000000-0000-4000-8000-000000000001', 8);"
    V2_ROWS
    "PRAGMA user_version = 2;",
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

/* Writes fixtures[v] into dir/feedback.db. */
static void make_version(int v)
{
    remove_store_files(dir);
    puts_file(at("feedback.db"), "");
    if (*fixtures[v]) {
        sqlite3 *db = plain(at("feedback.db"));
        assert_int_equal(sqlite3_exec(db, fixtures[v], NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    }
}

static void test_migrates_from_every_version(void **state)
{
    (void)state;
    assert_int_equal((int)(sizeof fixtures / sizeof *fixtures), STORE_VERSION);
    mkdir(at("fresh"), 0700);
    store_close(open_in(at("fresh"), NULL, NULL));
    char *want = schema_of(at("fresh/feedback.db"));
    assert_non_null(strstr(want, "CREATE TABLE submissions"));
    assert_null(strstr(want, "CREATE TABLE answers"));
    for (int v = 0; v < STORE_VERSION; v++) {
        make_version(v);
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
        /* version 2's three submissions sealed beside the new one */
        assert_int_equal(one(db, "SELECT count(*) FROM submissions"), v == 2 ? 4 : 1);
        sqlite3_close(db);
    }
    free(want);
}

/* A version 2 store's plain rows: kept (and said so) while there is no office key; sealed
 * and deleted in one transaction at the first open with one, the file rebuilt and its log
 * emptied so that no byte of the plain text is left in either; the office opens them as they
 * were (the answers' UUIDs and periods kept, no kind: version 2 kept none), and what was
 * exported stays exported. */
static void test_version_2_rows_are_sealed(void **state)
{
    (void)state;
    make_version(2);
    /* answers deleted long ago, before secure_delete, still in pages on the free list; and
     * one in the log only, as a power cut leaves it: a copy of the files with the log open */
    sqlite3 *db = plain(at("feedback.db"));
    assert_int_equal(sqlite3_exec(db, "PRAGMA secure_delete=OFF; WITH RECURSIVE k(i) AS (SELECT "
                                  "100 UNION ALL SELECT i + 1 FROM k WHERE i < 160) INSERT INTO "
                                  "answers SELECT 'u-' || i, i, 's', 'needs', 'q', 'Deleted long "
                                  "ago, still in a free page ' || printf('%400d', i), 'lv', 'p', "
                                  "'1', 0, NULL FROM k; DELETE FROM answers WHERE seq >= 100;"
                                  "PRAGMA journal_mode=WAL; INSERT INTO answers VALUES("
                                  "'00000000-0000-4000-8000-0000000000a8', 8, "
                                  "'00000000-0000-4000-8000-0000000000b3', 'needs', 'other', "
                                  "'Only in the log, never checkpointed', 'lv', 'latvia', '1', "
                                  "1699923600, NULL);", NULL, NULL, NULL), SQLITE_OK);
    mkdir(at("v2"), 0700);
    copy_if_there(at("feedback.db"), at("v2/feedback.db"));
    copy_if_there(at("feedback.db-wal"), at("v2/feedback.db-wal"));
    sqlite3_close(db);
    const char *d = at("v2");
    char path[300];
    snprintf(path, sizeof path, "%s/feedback.db", d);
    assert_true(in_store_files(d, "Zebra crossing unsealed plaintext"));
    assert_true(in_store_files(d, "Deleted long ago, still in a free page"));
    assert_true(in_store_files(d, "Only in the log, never checkpointed"));
    store_config none = {.seal_pk = NULL};
    store_note note;
    store *s = open_in(d, &none, &note);
    assert_int_equal(note.plain, 8);
    assert_int_equal(note.sealed_now, 0);
    assert_non_null(strstr(note.warning, "8 answers stored by an older version are still "
                                         "unsealed"));
    assert_non_null(strstr(note.warning, "feedback.db"));
    store_close(s);
    db = plain(path);
    assert_int_equal(one(db, "PRAGMA user_version"), STORE_VERSION);
    assert_int_equal(one(db, "SELECT count(*) FROM answers"), 8);
    assert_int_equal(one(db, "SELECT count(*) FROM submissions"), 0);
    sqlite3_close(db);

    s = open_in(d, NULL, &note);
    assert_int_equal(note.plain, 0);
    assert_int_equal(note.sealed_now, 7); /* b1's 3, b2's one left, b3's 3 */
    assert_string_equal(note.warning, "");
    /* not a byte of it, in the file or the log, while the store is open and after */
    static const char *const gone[] = {"Zebra crossing", "transport", "bg-age", "18-29",
                                       "latvia", "0000000000a1", "0000000000a6",
                                       "Deleted long ago", "Only in the log"};
    for (size_t k = 0; k < sizeof gone / sizeof *gone; k++)
        if (in_store_files(d, gone[k]))
            fail_msg("\"%s\" is still in the store's files after sealing", gone[k]);
    store_close(s);
    for (size_t k = 0; k < sizeof gone / sizeof *gone; k++)
        if (in_store_files(d, gone[k]))
            fail_msg("\"%s\" is in the store's files after closing", gone[k]);
    db = plain(path);
    assert_intact(db);
    assert_int_equal(one(db, "SELECT count(*) FROM sqlite_master WHERE name = 'answers'"), 0);
    assert_string_equal(text(db, "SELECT group_concat(substr(id, 35) || ':' || exported || ':' || "
                                 "day, ' ') FROM (SELECT * FROM submissions ORDER BY id)"),
                        "b1:1:1699920000 b2:0:1699920000 b3:0:1699920000");
    assert_int_equal(one(db, "PRAGMA secure_delete"), 1);
    sqlite3_close(db);
    sealed_submission got;
    open_stored(path, "00000000-0000-4000-8000-0000000000b2", &got);
    assert_int_equal(got.nanswers, 1); /* the exported one left in a batch already */
    assert_string_equal(got.answers[0].uuid, "00000000-0000-4000-8000-0000000000a5");
    assert_string_equal(got.answers[0].question, "bus");
    assert_string_equal(got.answers[0].kind, "");
    assert_string_equal(got.survey, "helpful");
    sealed_free(&got);
    open_stored(path, "00000000-0000-4000-8000-0000000000b3", &got);
    assert_int_equal(got.nanswers, 3);
    assert_int_equal(got.period, 1699923600); /* the hour it had */
    assert_string_equal(got.answers[0].value, "Zebra crossing unsealed plaintext");
    sealed_free(&got);
    /* and it takes new submissions */
    s = open_in(d, NULL, NULL);
    char id[37];
    store_submission sub = survey("needs", six, 6);
    submit_ok(s, &sub, id);
    store_close(s);
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

/* Whether the file at path, checked sound, holds the submission id (and how many in all). */
static int has_submission(const char *path, const char *id, long long *total)
{
    sqlite3 *db = plain(path);
    assert_intact(db);
    char q[200];
    snprintf(q, sizeof q, "SELECT count(*) FROM submissions WHERE id = '%s'", id);
    int n = (int)one(db, q);
    *total = one(db, "SELECT count(*) FROM submissions");
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
        char id[37], xid[37] = "none";
        submit_ok(s, &base, id);
        submit_ok(s, &base, id);
        if (fresh_log) {
            store_close(s);
            s = open_here();
        }
        int er = n % 2 ? EIO : ENOSPC;
        fs_fault_set(kind, n, er);
        err e = {{0}};
        int rc = store_submit(s, &x, xid, &e);
        int fired = fs_fault_fired();
        fs_fault_reset();
        if (fired) {
            assert_int_equal(rc, -1);
            if (!strstr(e.msg, "feedback.db: survey \"x\" not stored"))
                fail_msg("run %d: the message does not name the store: %s", n, e.msg);
        } else if (rc) {
            fail_msg("run %d without a fault failed: %s", n, e.msg);
        }
        int want = rc == 0;
        long long total;
        /* the files as a crash right now would leave them */
        mkdir(at("crash"), 0700);
        remove_store_files(at("crash"));
        copy_if_there(at("feedback.db"), at("crash/feedback.db"));
        copy_if_there(at("feedback.db-wal"), at("crash/feedback.db-wal"));
        if (has_submission(at("crash/feedback.db"), xid, &total) != want || total != 2 + want)
            fail_msg("run %d (fault %s, submit %d): after a crash %lld submissions in all", n,
                     fired ? "fired" : "not fired", rc, total);
        /* the store goes on: the next submission is kept */
        submit_ok(s, &base, id);
        store_close(s);
        if (has_submission(at("feedback.db"), xid, &total) != want || total != 3 + want)
            fail_msg("run %d: after reopening %lld submissions in all", n, total);
        if (want) {
            sealed_submission got;
            open_stored(at("feedback.db"), xid, &got);
            assert_string_equal(got.survey, "x");
            sealed_free(&got);
        }
        if (!fired)
            return n - 1;
    }
    fail_msg("still meeting faults after 200 runs");
    return -1;
}

static void test_submit_under_write_faults(void **state)
{
    (void)state;
    /* each frame of the log is written as its header and its page */
    assert_true(each_fault(FS_WRITE, 0) >= 4);
    assert_true(each_fault(FS_WRITE, 1) >= 5); /* and the log's own header */
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
    assert_int_equal(one(db, "SELECT count(*) FROM submissions"), 1);
    assert_int_equal(one(db, "SELECT next_batch FROM device"), 1);
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
    assert_int_equal(one(db, "SELECT count(*) FROM submissions"), 0);
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

/* The sealed bytes of submission id (the first 64), to look for in the files later. */
static void blob_head(const char *id, unsigned char out[64])
{
    sqlite3 *db = plain(at("feedback.db"));
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT sealed FROM submissions WHERE id = ?", -1,
                                        &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_true(sqlite3_column_bytes(st, 0) >= 64);
    memcpy(out, sqlite3_column_blob(st, 0), 64);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static int bytes_in_file(const char *path, const unsigned char *b, size_t n)
{
    size_t len;
    unsigned char *all = bytes_of(path, &len);
    int found = len && memmem(all, len, b, n) != NULL;
    free(all);
    return found;
}

static void test_purge(void **state)
{
    (void)state;
    /* submitted on days before now (the store's clock), exported or not: an answer never
     * exported (or never receipted) goes after the retention days all the same */
    static const struct { int days_ago, exported, kept; } at_day[] = {
        {100, 1, 0}, {91, 1, 0}, {90, 1, 0}, {89, 1, 1}, {100, 0, 0}, {90, 0, 0}, {89, 0, 1},
        {0, 1, 1}};
    enum { N = sizeof at_day / sizeof *at_day };
    time_t today = fake_now;
    char ids[N][37];
    store *s = open_here();
    for (int i = 0; i < N; i++) {
        fake_now = today - (time_t)at_day[i].days_ago * 86400;
        store_answer a = {"needs", "typed", 1, FEEDBACK_KIND_TEXT};
        store_submission sub = survey("needs", &a, 1);
        submit_ok(s, &sub, ids[i]);
    }
    fake_now = today;
    store_close(s);
    /* what an export does: mark them exported */
    sqlite3 *db = plain(at("feedback.db"));
    unsigned char heads[N][64];
    for (int i = 0; i < N; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "UPDATE submissions SET batch = 1, exported = %d WHERE id = "
                 "'%s'", at_day[i].exported, ids[i]);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        blob_head(ids[i], heads[i]);
    }
    sqlite3_close(db);
    s = open_here();
    err e = {{0}};
    assert_int_equal(store_purge(s, &e), 5);
    assert_int_equal(store_purge(s, &e), 0);
    store_close(s);
    db = plain(at("feedback.db"));
    assert_intact(db);
    for (int i = 0; i < N; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM submissions WHERE id = '%s'", ids[i]);
        if (one(db, sql) != at_day[i].kept)
            fail_msg("submission of %d days ago (exported %d): kept %lld, want %d",
                     at_day[i].days_ago, at_day[i].exported, one(db, sql), at_day[i].kept);
    }
    sqlite3_close(db);
    /* purged bytes are gone from the file, not only unlinked */
    for (int i = 0; i < N; i++)
        assert_int_equal(bytes_in_file(at("feedback.db"), heads[i], 64), at_day[i].kept);
    /* a shorter retention reaches the 89-day-old ones too, exported or not */
    store_config ten = {.retention_days = 10, .seal_pk = office_pk()};
    s = open_in(dir, &ten, NULL);
    assert_int_equal(store_purge(s, &e), 2);
    store_close(s);
}

/* ---- what export reads, reserves and marks ------------------------------------------------ */

typedef struct taken {
    char id[64][37];
    size_t len[64];
    int n, stop_at;
} taken;

static int take(const store_sealed *r, void *ctx)
{
    taken *t = ctx;
    if (t->stop_at && t->n == t->stop_at)
        return 1;
    assert_true(is_uuid4(r->id));
    /* sealed: opens with the office key, under its own id */
    sealed_submission got;
    err e = {{0}};
    if (sealed_open(r->sealed, r->len, office_key(), 1, &got, &e))
        fail_msg("%s", e.msg);
    assert_string_equal(got.id, r->id);
    sealed_free(&got);
    snprintf(t->id[t->n], 37, "%s", r->id);
    t->len[t->n++] = r->len;
    return 0;
}

static void assert_ascending(const taken *t)
{
    for (int i = 1; i < t->n; i++)
        assert_true(strcmp(t->id[i - 1], t->id[i]) < 0);
}

static void test_export_reserves_reads_and_marks(void **state)
{
    (void)state;
    store *s = open_here();
    char id[37], dev[37];
    for (int i = 0; i < 5; i++) {
        store_submission sub = survey("needs", six, 6);
        submit_ok(s, &sub, id);
    }
    err e = {{0}};
    assert_int_equal(store_device_id(s, dev, &e), 0);
    long long n = -1;
    assert_int_equal(store_next_batch(s, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_exported_before(s, &e), 0);
    assert_int_equal(store_reserved(s, 0, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_unexported_count(s, &e), 5);
    /* nothing reserved yet: all five, in id order; a callback that stops takes no more */
    taken all = {0};
    assert_int_equal(store_unreserved(s, "", take, &all, &e), 5);
    assert_ascending(&all);
    taken u = {.stop_at = 2};
    assert_int_equal(store_unreserved(s, "", take, &u, &e), 2);
    taken after = {0};
    assert_int_equal(store_unreserved(s, all.id[2], take, &after, &e), 2);
    assert_string_equal(after.id[0], all.id[3]);
    /* batch 1: the first two in id order (a count cap); the number moves on */
    long long b1;
    assert_int_equal(store_reserve(s, 2, 1 << 20, 40, &b1, &e), 2);
    assert_int_equal(b1, 1);
    assert_int_equal(store_next_batch(s, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(store_exported_before(s, &e), 1);
    assert_int_equal(store_reserved(s, 0, &n, &e), 0);
    assert_int_equal(n, 1);
    taken r1 = {0};
    assert_int_equal(store_batch_read(s, 1, take, &r1, &e), 2);
    assert_string_equal(r1.id[0], all.id[0]);
    assert_string_equal(r1.id[1], all.id[1]);
    taken rest = {0};
    assert_int_equal(store_unreserved(s, "", take, &rest, &e), 3);
    /* batch 2: as many as fit a byte cap (one, with its record's bytes) */
    long long b2;
    assert_int_equal(store_reserve(s, 100, all.len[2] + 40, 40, &b2, &e), 1);
    assert_int_equal(b2, 2);
    /* the mark: per batch, once, and only what is not exported is counted waiting */
    assert_int_equal(store_mark_exported(s, 1, &e), 2);
    assert_int_equal(store_mark_exported(s, 1, &e), 0);
    assert_int_equal(store_unexported_count(s, &e), 3);
    assert_int_equal(store_reserved(s, 0, &n, &e), 0);
    assert_int_equal(n, 2); /* batch 2 reserved and not marked: an export cut short */
    assert_int_equal(store_reserved(s, 2, &n, &e), 0);
    assert_int_equal(n, 0);
    long long b3;
    assert_int_equal(store_reserve(s, 100, 1 << 20, 40, &b3, &e), 2);
    assert_int_equal(b3, 3);
    assert_int_equal(store_reserve(s, 100, 1 << 20, 40, &b3, &e), 0); /* none waiting */
    assert_int_equal(store_next_batch(s, &n, &e), 0);
    assert_int_equal(n, 4);
    assert_int_equal(store_mark_exported(s, 3, &e), 2);
    assert_int_equal(store_mark_exported(s, 2, &e), 1);
    assert_int_equal(store_unexported_count(s, &e), 0);
    store_close(s);
    /* nothing was deleted for being exported */
    sqlite3 *db = plain(at("feedback.db"));
    assert_int_equal(one(db, "SELECT count(*) FROM submissions WHERE exported = 1"), 5);
    sqlite3_close(db);
    /* read-only: it reads what a cut-short export reserved, and reserves nothing */
    s = open_here();
    long long b4;
    store_submission sub = survey("needs", six, 6);
    submit_ok(s, &sub, id);
    assert_int_equal(store_reserve(s, 100, 1 << 20, 40, &b4, &e), 1);
    store_close(s);
    s = store_open_readonly(dir, &e);
    assert_non_null(s);
    assert_int_equal(store_reserved(s, 0, &n, &e), 0);
    assert_int_equal(n, 4);
    taken ro = {0};
    assert_int_equal(store_batch_read(s, 4, take, &ro, &e), 1);
    assert_string_equal(ro.id[0], id);
    assert_int_equal(store_reserve(s, 100, 1 << 20, 40, &b4, &e), -1);
    assert_non_null(strstr(e.msg, "read-only"));
    assert_int_equal(store_mark_exported(s, 4, &e), -1);
    store_close(s);
}

/* a failed mark marks nothing, and the store goes on */
static void test_mark_under_write_faults(void **state)
{
    (void)state;
    store *s = open_here();
    char id[37];
    store_submission sub = survey("needs", six, 6);
    for (int i = 0; i < 3; i++)
        submit_ok(s, &sub, id);
    err e = {{0}};
    long long b;
    assert_int_equal(store_reserve(s, 2, 1 << 20, 40, &b, &e), 2);
    for (int n = 1;; n++) {
        fs_fault_set(FS_WRITE, n, EIO);
        long rc = store_mark_exported(s, b, &e);
        int fired = fs_fault_fired();
        fs_fault_reset();
        long left = store_unexported_count(s, &e);
        if (fired) {
            assert_int_equal(rc, -1);
            assert_non_null(strstr(e.msg, "feedback.db: cannot mark submissions exported"));
            assert_int_equal(left, 3);
        } else {
            assert_int_equal(rc, 2);
            assert_int_equal(left, 1);
            assert_true(n > 1);
            break;
        }
    }
    store_close(s);
}

/* a failed reservation reserves nothing and takes no number */
static void test_reserve_under_write_faults(void **state)
{
    (void)state;
    store *s = open_here();
    char id[37];
    store_submission sub = survey("needs", six, 6);
    for (int i = 0; i < 3; i++)
        submit_ok(s, &sub, id);
    err e = {{0}};
    for (int n = 1;; n++) {
        fs_fault_set(FS_WRITE, n, n % 2 ? EIO : ENOSPC);
        long long b = 0;
        long rc = store_reserve(s, 100, 1 << 20, 40, &b, &e);
        int fired = fs_fault_fired();
        fs_fault_reset();
        long long next, res;
        assert_int_equal(store_next_batch(s, &next, &e), 0);
        assert_int_equal(store_reserved(s, 0, &res, &e), 0);
        if (fired) {
            assert_int_equal(rc, -1);
            assert_non_null(strstr(e.msg, "feedback.db: cannot reserve a batch"));
            assert_int_equal(next, 1);
            assert_int_equal(res, 0);
        } else {
            assert_int_equal(rc, 3);
            assert_int_equal(next, 2);
            assert_int_equal(res, 1);
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
        cmocka_unit_test_setup_teardown(test_no_key_collects_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_submissions_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_holds_no_identifying_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_from_every_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_version_2_rows_are_sealed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_version_is_left_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit_under_write_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit_under_fsync_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_store_is_moved_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_planted_link_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_reserves_reads_and_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mark_under_write_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reserve_under_write_faults, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
