/* crash: power cuts at every write, fsync and rename of what the kiosk must never lose, with
 * app/fs's crash mode (fs.h): the machine stops there, every write not made durable by an
 * fsync is dropped or torn, every name change not made durable by a directory fsync is
 * undone, and the kiosk then starts again from what the disk holds. One more cut after the
 * work has finished checks that what it acknowledged was durable, not just written.
 *  - saving submissions (store_submit): every acknowledged one is there, whole (it opens with
 *    the office key); the store passes integrity_check and opens without being moved aside;
 *  - sealing the plain rows of a version 2 store (store_open with the office key): all
 *    sealed or none, never one twice or lost, and the next start with the key seals the rest;
 *  - writing a batch to a stick (sync_export, its reservation and its mark): merge accepts no
 *    partial batch, nothing is marked exported that merge cannot take from the stick, and
 *    the next export delivers the rest: every answer arrives, once;
 *  - deleting what the office's receipt names (sync_take_receipt): all of it or none, the
 *    store sound, and the next stick finishes it; what it does not name stays;
 *  - merge --remove-merged (sync_merge_remove_merged): a batch file is gone only when its
 *    batch is committed in the central database, and merging again takes the rest;
 *  - taking a newer signed pack (trust_choose): the kiosk starts with the old or the new pack,
 *    never none, and can still take the new one;
 *  - moving a damaged store aside (store_open): a sound store opens afterwards, the damaged
 *    bytes are kept under some name, and a submission acknowledged after it is there.
 * Each crash point gets its own seed, so the torn writes differ from point to point and are
 * the same on every run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "builder/pack.h"
#include "fs.h"
#include "pack/content.h"
#include "pack/trust.h"
#include "sign.h"
#include "store/store.h"
#include "sync/merge.h"
#include "sync/receipt.h"
#include "sync/sync.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../unit/office_key.h"
#include "../unit/scratch.h"

static time_t fake_clock(void *ctx) { return 1700003725; }

static int setup(void **state)
{
    (void)state;
    fs_fault_reset();
    return scratch_make("crash");
}

static int teardown(void **state)
{
    (void)state;
    fs_fault_reset();
    return scratch_remove();
}

/* ---- plain helpers, outside the code under test ---------------------------------------- */

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    unsigned char *p = NULL;
    size_t cap = 0;
    *n = 0;
    for (;;) {
        if (*n == cap)
            p = realloc(p, cap = cap ? cap * 2 : 65536);
        size_t r = fread(p + *n, 1, cap - *n, fp);
        if (!r)
            break;
        *n += r;
    }
    fclose(fp);
    return p;
}

/* Copies the regular files of folder from into a new folder to (no subfolders). */
static void copy_dir(const char *from, const char *to)
{
    assert_int_equal(mkdir(to, 0700), 0);
    DIR *d = opendir(from);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d))) {
        char a[512], b[512];
        snprintf(a, sizeof a, "%s/%s", from, de->d_name);
        snprintf(b, sizeof b, "%s/%s", to, de->d_name);
        struct stat st;
        if (lstat(a, &st) || !S_ISREG(st.st_mode))
            continue;
        size_t n;
        unsigned char *p = slurp(a, &n);
        assert_non_null(p);
        put(b, p, n);
        free(p);
    }
    closedir(d);
}

static store *open_store(const char *d, store_note *note)
{
    store_config c = {.clock = fake_clock, .seal_pk = office_pk()};
    err e = {{0}};
    store *s = store_open(d, &c, note, &e);
    if (!s)
        fail_msg("store_open(%s): %s", d, e.msg);
    return s;
}

static long long one(const char *path, const char *q)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s: %s", path, q, sqlite3_errmsg(db));
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void assert_intact(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", path, sqlite3_errmsg(db));
    const unsigned char *r = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    if (!r || strcmp((const char *)r, "ok"))
        fail_msg("%s: integrity_check: %s", path, r ? (const char *)r : "no answer");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static const store_answer three[] = {
    {"face", "3", 0, "faces"},
    {"bg-age", "25-34", 0, "background"},
    {"needs", "Darbs.\nКурсы латышского, вечером. مرحبا", 1, "text"},
};

/* How many answers the submission id holds in the store at path (opened with the office
 * key; a blob that does not open fails the test), or 0 when it is not there. */
static int answers_of(const char *path, const char *id)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT sealed FROM submissions WHERE id = ?", -1, &st, NULL) !=
            SQLITE_OK)
        fail_msg("%s: %s", path, sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int n = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        sealed_submission sub;
        err e = {{0}};
        if (sealed_open(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
                        office_key(), 1, &sub, &e))
            fail_msg("submission %s is not whole after the power cut: %s", id, e.msg);
        n = sub.nanswers;
        sealed_free(&sub);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static int submit(store *s, char id[37])
{
    store_submission sub = {.survey = "needs", .lang = "uk", .pack_id = "latvia",
                            .pack_version = "1", .answers = three, .nanswers = 3};
    err e = {{0}};
    return store_submit(s, &sub, id, &e);
}

/* A folder of n submissions, closed (so its log is checkpointed away). */
static void make_store(const char *d, int n)
{
    assert_int_equal(mkdir(d, 0700), 0);
    store *s = open_store(d, NULL);
    char id[37];
    for (int i = 0; i < n; i++)
        assert_int_equal(submit(s, id), 0);
    store_close(s);
}

/* ---- the crash loop ------------------------------------------------------------------- */

typedef struct scenario {
    const char *name;
    void (*prepare)(void); /* the state before the cut, in dir/run: durable when armed */
    void (*work)(void);    /* what the power cut interrupts; closes what it opened */
    void (*check)(void);   /* starts again from the disk and checks */
} scenario;

static int points[FS_NOPS];

/* Runs sc with the machine stopped at each write, fsync and rename in turn, and once with a
 * cut after the end; returns how many crash points there were. */
static int crash_everywhere(const scenario *sc)
{
    static const char *const kind[] = {"write", "fsync", "rename"};
    memset(points, 0, sizeof points);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int op = 0; op < FS_NOPS; op++) {
        for (int n = 1;; n++) {
            if (n > 2000)
                fail_msg("%s: over 2000 %ss: the crash never stopped the machine", sc->name,
                         kind[op]);
            nftw(at("run"), scratch_rm, 16, FTW_DEPTH | FTW_PHYS);
            assert_int_equal(mkdir(at("run"), 0700), 0);
            sc->prepare();
            fs_crash_arm((fs_op)op, n, (unsigned)(n * 3 + op));
            sc->work();
            int stopped = fs_crash_stopped();
            err e = {{0}};
            if (fs_crash_apply(&e))
                fail_msg("%s: %s", sc->name, e.msg);
            sc->check();
            if (!stopped)
                break;
            points[op]++;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int total = points[FS_WRITE] + points[FS_FSYNC] + points[FS_RENAME];
    print_message("crash %s: %d points (%d writes, %d fsyncs, %d renames) and one after the "
                  "end, %.2f s\n", sc->name, total, points[FS_WRITE], points[FS_FSYNC],
                  points[FS_RENAME],
                  (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return total;
}

/* ---- saving submissions ----------------------------------------------------------------- */

#define BEFORE 5 /* submissions in the store before the cut */
#define DURING 3 /* submissions the cut may interrupt */

static store *live;
static char acked[DURING][37];
static int nacked;

static void submit_prepare(void)
{
    copy_dir(at("tpl-store"), at("run/data"));
    live = open_store(at("run/data"), NULL);
    nacked = 0;
}

static void submit_work(void)
{
    for (int i = 0; i < DURING; i++)
        if (submit(live, acked[nacked]) == 0)
            nacked++;
    store_close(live);
}

static void submit_check(void)
{
    store_note note;
    store *s = open_store(at("run/data"), &note);
    assert_string_equal(note.moved_aside, "");
    store_close(s);
    const char *db = at("run/data/feedback.db");
    assert_intact(db);
    for (int i = 0; i < nacked; i++)
        if (answers_of(db, acked[i]) != 3)
            fail_msg("submission %d of %d acknowledged, and lost in the power cut", i + 1,
                     nacked);
    /* what was not acknowledged may be there, but whole: one sealed blob that opens */
    long long n = one(db, "SELECT count(*) FROM submissions");
    assert_true(n >= BEFORE + nacked && n <= BEFORE + DURING);
    assert_int_equal(one(db, "SELECT count(*) FROM submissions WHERE length(sealed) < 304"), 0);
}

static void test_submit(void **state)
{
    (void)state;
    make_store(at("tpl-store"), BEFORE);
    scenario sc = {"store_submit", submit_prepare, submit_work, submit_check};
    assert_true(crash_everywhere(&sc) > 0);
    assert_true(points[FS_WRITE] >= DURING && points[FS_FSYNC] >= DURING);
}

/* ---- writing a batch to a stick ----------------------------------------------------------- */

#define SUBMISSIONS 7
#define ANSWERS (SUBMISSIONS * 3)

static void export_prepare(void)
{
    copy_dir(at("tpl-store"), at("run/data"));
    assert_int_equal(mkdir(at("run/stick"), 0700), 0);
    live = open_store(at("run/data"), NULL);
}

static void export_work(void)
{
    sync_options o = {0};
    sync_result r;
    err e = {{0}};
    memset(&r, 0, sizeof r);
    sync_export_opt(live, at("run/data"), at("run/stick"), &o, &r, &e);
    store_close(live);
}

/* Merges every batch on the stick into central; returns the answers added. */
static long long merge_stick(const char *central, long *rejected)
{
    char **files = NULL;
    int n = 0;
    err e = {{0}};
    if (fs_exists(at("run/stick/sveiki")) &&
        sync_merge_collect(at("run/stick/sveiki"), &files, &n, &e))
        fail_msg("collect: %s", e.msg);
    sync_merger *m = sync_merge_open(central, office_key(), &e);
    if (m) /* enrolment has its own tests */
        sync_merge_enrol_new(m, 1);
    if (!m)
        fail_msg("sync_merge_open: %s", e.msg);
    sync_merge_stats st = {0};
    for (int i = 0; i < n; i++)
        if (sync_merge_file(m, files[i], &st, &e) < 0)
            fail_msg("merge %s: %s", files[i], e.msg);
    if (sync_merge_finish(m, &e))
        fail_msg("merge: %s", e.msg);
    sync_merge_close(m);
    fs_list_free(files, n);
    *rejected = st.rejected;
    return st.added;
}

static void export_check(void)
{
    store_note note;
    store *s = open_store(at("run/data"), &note);
    assert_string_equal(note.moved_aside, "");
    err e = {{0}};
    long left = store_unexported_count(s, &e);
    assert_true(left >= 0);
    long marked = SUBMISSIONS - left;
    long rejected;
    long long added = merge_stick(at("run/central.db"), &rejected);
    /* a batch is taken whole or refused: never part of one */
    if (added != 0 && added != ANSWERS)
        fail_msg("merge took %lld of the %d answers of one batch", added, ANSWERS);
    if (marked * 3 > added)
        fail_msg("%ld submissions marked exported, %lld answers on the stick after the power "
                 "cut", marked, added);
    /* the next visit of the stick delivers the rest, and every answer arrives once */
    sync_options o = {0};
    sync_result r;
    memset(&r, 0, sizeof r);
    if (sync_export_opt(s, at("run/data"), at("run/stick"), &o, &r, &e))
        fail_msg("the export after the power cut: %s", e.msg);
    assert_int_equal(store_unexported_count(s, &e), 0);
    store_close(s);
    assert_intact(at("run/data/feedback.db"));
    merge_stick(at("run/central.db"), &rejected);
    if (rejected)
        fail_msg("a batch on the stick was refused after the next export");
    assert_int_equal(one(at("run/central.db"), "SELECT count(*) FROM answers"), ANSWERS);
}

static void test_export(void **state)
{
    (void)state;
    make_store(at("tpl-store"), SUBMISSIONS);
    scenario sc = {"sync_export", export_prepare, export_work, export_check};
    assert_true(crash_everywhere(&sc) > 0);
    assert_true(points[FS_RENAME] >= 2); /* the device key and the batch */
    assert_true(points[FS_FSYNC] >= 5);  /* and the reservation and the mark */
}


/* ---- sealing the plain rows of a version 2 store ------------------------------------------ */

#define PLAIN_SUBS 6

/* A version 2 store (plain answer rows, 3 a submission) as that version left it. */
static void make_v2_store(const char *d)
{
    assert_int_equal(mkdir(d, 0700), 0);
    char p[512];
    snprintf(p, sizeof p, "%s/feedback.db", d);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
        "PRAGMA journal_mode=WAL;"
        "CREATE TABLE answers( uuid TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, submission "
        "TEXT NOT NULL, survey TEXT NOT NULL, question TEXT NOT NULL, value TEXT NOT NULL, lang "
        "TEXT NOT NULL, pack TEXT NOT NULL, pack_version TEXT NOT NULL, period INTEGER NOT NULL, "
        "exported INTEGER);"
        "CREATE TABLE device( id TEXT NOT NULL, next_seq INTEGER NOT NULL);"
        "CREATE TABLE urgent_days( day INTEGER PRIMARY KEY, uses INTEGER NOT NULL);"
        "INSERT INTO device VALUES('00000000-0000-4000-8000-000000000001', 19);"
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 18) "
        "INSERT INTO answers SELECT printf('00000000-0000-4000-8000-%012d', i), i, "
        "printf('00000000-0000-4000-9000-%012d', (i - 1) / 3), 'needs', 'q' || ((i - 1) % 3), "
        "'old plain answer ' || i, 'lv', 'latvia', '1', 1699920000, NULL FROM k;"
        "PRAGMA user_version = 2;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void seal_prepare(void) { copy_dir(at("tpl-v2"), at("run/data")); }

static void seal_work(void)
{
    store_config c = {.clock = fake_clock, .seal_pk = office_pk()};
    err e = {{0}};
    store *s = store_open(at("run/data"), &c, NULL, &e);
    store_close(s);
}

static void seal_check(void)
{
    const char *db = at("run/data/feedback.db");
    assert_intact(db);
    /* all sealed, or none: the plain rows whole beside no submission */
    long long plain = one(db, "SELECT count(*) FROM sqlite_master WHERE name = 'answers'") > 0
                          ? one(db, "SELECT count(*) FROM answers") : 0;
    long long sealed = one(db, "SELECT count(*) FROM sqlite_master WHERE name = 'submissions'") > 0
                           ? one(db, "SELECT count(*) FROM submissions") : 0;
    if (!((plain == 18 && sealed == 0) || (plain == 0 && sealed == PLAIN_SUBS)))
        fail_msg("after the power cut: %lld plain answers, %lld sealed submissions", plain,
                 sealed);
    /* the next start with the key seals what is left, each once, whole */
    store_note note;
    store *s = open_store(at("run/data"), &note);
    assert_string_equal(note.moved_aside, "");
    store_close(s);
    assert_intact(db);
    assert_int_equal(one(db, "SELECT count(*) FROM submissions"), PLAIN_SUBS);
    for (int i = 0; i < PLAIN_SUBS; i++) {
        char id[40];
        snprintf(id, sizeof id, "00000000-0000-4000-9000-%012d", i);
        assert_int_equal(answers_of(db, id), 3);
    }
}

static void test_seal_plain(void **state)
{
    (void)state;
    make_v2_store(at("tpl-v2"));
    scenario sc = {"sealing a version 2 store", seal_prepare, seal_work, seal_check};
    assert_true(crash_everywhere(&sc) > 0);
    assert_true(points[FS_WRITE] > 0 && points[FS_FSYNC] > 0);
}

/* ---- taking a newer signed pack ----------------------------------------------------------- */

static void signed_pack(const char *rel, const char *version)
{
    one_page_source(version, "Text.");
    pack_opts o = {.src = at("src"), .root = ".", .out = at(rel)};
    pack_result r;
    err e = {{0}};
    if (pack_compile(&o, &r, &e) || sign_pack(at(rel), at(rel), at("k.key"), &e))
        fail_msg("%s", e.msg);
}

static void copy_file(const char *from, const char *to)
{
    size_t n;
    unsigned char *p = slurp(from, &n);
    assert_non_null(p);
    put(to, p, n);
    free(p);
}

static void swap_prepare(void)
{
    assert_int_equal(mkdir(at("run/data"), 0700), 0);
    assert_int_equal(mkdir(at("run/stick"), 0700), 0);
    copy_file(at("v0.pack"), at("run/data/previous.pack"));
    copy_file(at("v1.pack"), at("run/data/current.pack"));
    copy_file(at("v2.pack"), at("run/stick/v2.pack"));
}

static void swap_work(void)
{
    char pack[512];
    snprintf(pack, sizeof pack, "%s", at("run/stick/v2.pack"));
    trust_note note;
    err e = {{0}};
    trust_choose(pack, sizeof pack, at("run/data"), at("k.pub"), &note, &e);
}

/* The version the kiosk shows after a start that offers offer; fails when it shows none. */
static const char *start_with(const char *offer)
{
    static char version[32];
    char pack[512];
    trust_note note;
    err e = {{0}};
    snprintf(pack, sizeof pack, "%s", offer);
    if (trust_data_dir(at("run/data"), &note, &e) ||
        trust_choose(pack, sizeof pack, at("run/data"), at("k.pub"), &note, &e))
        fail_msg("after the power cut the kiosk has no pack: %s", e.msg);
    content *c = content_open(pack, &e);
    if (!c)
        fail_msg("after the power cut the chosen pack does not open: %s", e.msg);
    snprintf(version, sizeof version, "%s", content_version(c));
    content_close(c);
    return version;
}

static void swap_check(void)
{
    const char *v = start_with(at("run/data/current.pack"));
    if (strcmp(v, "2022.9") && strcmp(v, "2023.1"))
        fail_msg("after the power cut the kiosk shows version %s", v);
    assert_string_equal(start_with(at("run/stick/v2.pack")), "2023.1");
}

static void test_swap(void **state)
{
    (void)state;
    err e = {{0}};
    if (sign_keygen(at("k"), &e))
        fail_msg("%s", e.msg);
    signed_pack("v0.pack", "2022.1");
    signed_pack("v1.pack", "2022.9");
    signed_pack("v2.pack", "2023.1");
    scenario sc = {"trust_choose", swap_prepare, swap_work, swap_check};
    assert_true(crash_everywhere(&sc) > 0);
    assert_true(points[FS_RENAME] >= 3); /* the copy, current to previous, the copy to current */
}

/* ---- moving a damaged store aside -------------------------------------------------------- */

static unsigned char *damaged;
static size_t damaged_len;

static void aside_prepare(void) { copy_dir(at("tpl-store"), at("run/data")); }

static void aside_work(void)
{
    store_config c = {.clock = fake_clock};
    err e = {{0}};
    nacked = 0;
    store *s = store_open(at("run/data"), &c, NULL, &e);
    if (!s)
        return;
    if (submit(s, acked[0]) == 0)
        nacked = 1;
    store_close(s);
}

/* Whether a file in the data folder holds the damaged store's bytes. */
static int damaged_kept(void)
{
    DIR *d = opendir(at("run/data"));
    assert_non_null(d);
    int found = 0;
    struct dirent *de;
    while (!found && (de = readdir(d))) {
        if (strncmp(de->d_name, "feedback.db.damaged-", 20) || strstr(de->d_name, "-wal") ||
            strstr(de->d_name, "-shm"))
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", at("run/data"), de->d_name);
        size_t n;
        unsigned char *b = slurp(p, &n);
        found = b && n == damaged_len && !memcmp(b, damaged, n);
        free(b);
    }
    closedir(d);
    return found;
}

static void aside_check(void)
{
    store_note note;
    store *s = open_store(at("run/data"), &note);
    char id[37];
    assert_int_equal(submit(s, id), 0);
    store_close(s);
    assert_intact(at("run/data/feedback.db"));
    if (!damaged_kept())
        fail_msg("the damaged store's bytes are nowhere after the power cut");
    if (nacked && answers_of(at("run/data/feedback.db"), acked[0]) != 3)
        fail_msg("the submission acknowledged after the move aside is lost");
}

static void test_move_aside(void **state)
{
    (void)state;
    make_store(at("tpl-store"), 40);
    /* a page inside the file: integrity_check finds it */
    FILE *fp = fopen(at("tpl-store/feedback.db"), "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 4096 + 8, SEEK_SET), 0);
    assert_int_equal(fwrite("not a b-tree page, not at all", 1, 29, fp), 29);
    assert_int_equal(fclose(fp), 0);
    damaged = slurp(at("tpl-store/feedback.db"), &damaged_len);
    assert_non_null(damaged);
    scenario sc = {"store_open of a damaged store", aside_prepare, aside_work, aside_check};
    assert_true(crash_everywhere(&sc) > 0);
    assert_true(points[FS_RENAME] >= 1);
    free(damaged);
}

/* ---- the crash mode itself --------------------------------------------------------------- */

/* A write not synced is lost or torn, a name not synced is undone; synced ones survive. */
static void test_crash_mode_loses_what_was_not_synced(void **state)
{
    (void)state;
    err e = {{0}};
    puts_file(at("old"), "durable before arming");
    int torn_or_lost = 0;
    for (unsigned seed = 1; seed <= 16; seed++) {
        fs_crash_arm(FS_RENAME, 2, seed);
        /* synced and renamed into a synced folder: survives */
        assert_int_equal(fs_write_atomic(at("kept"), "kept bytes", 10, 0600, &e), 0);
        /* the second rename stops the machine: never happens, and nothing after it */
        assert_int_equal(fs_write_atomic(at("old"), "new", 3, 0600, &e), -1);
        assert_true(fs_crash_stopped());
        assert_int_equal(fs_write_atomic(at("later"), "x", 1, 0600, &e), -1);
        char **names;
        int k;
        assert_int_equal(fs_list_dir(dir, &names, &k, &e), -1);
        assert_int_equal(fs_crash_apply(&e), 0);
        size_t n;
        unsigned char *p = slurp(at("kept"), &n);
        assert_non_null(p);
        assert_memory_equal(p, "kept bytes", 10);
        free(p);
        p = slurp(at("old"), &n);
        assert_non_null(p);
        assert_memory_equal(p, "durable before arming", n);
        free(p);
        assert_int_equal(access(at("later"), F_OK), -1);
        /* the temp file of the second write: its name was never synced, so it is gone */
        assert_int_equal(fs_list_dir(dir, &names, &k, &e), 0);
        assert_int_equal(k, 2);
        fs_list_free(names, k);

        /* written but not synced, in a file whose name is durable: lost or torn */
        fs_crash_arm(FS_FSYNC, 1, seed);
        char big[2048];
        memset(big, 'z', sizeof big);
        assert_int_equal(fs_fault_check(FS_WRITE), 0); /* as the store's VFS writes */
        fs_crash_write(at("kept"), 0, big, sizeof big);
        put(at("kept"), big, sizeof big);
        assert_int_equal(fs_crash_apply(&e), 0); /* a cut after the end: nothing synced */
        p = slurp(at("kept"), &n);
        torn_or_lost += n != sizeof big || memcmp(p, big, n);
        free(p);
        unlink(at("kept"));
    }
    /* 4 sectors, each kept with odds 1/2: all 16 seeds keeping all is 1 in 2^64 */
    assert_true(torn_or_lost > 0);
}

/* A power cut undoes only what the simulated machine did: a folder another process made
 * beside it (the scratch folders of tests running at the same time in /tmp) stays. */
static void test_crash_leaves_others_alone(void **state)
{
    (void)state;
    err e = {{0}};
    char made[256], other[256], file[256];
    snprintf(made, sizeof made, "%s", at("a/b/c"));
    snprintf(other, sizeof other, "%s", at("another-process"));
    snprintf(file, sizeof file, "%s", at("a/b/c/x"));
    fs_crash_arm(FS_FSYNC, 100, 1);
    /* every component of the path is "created", the scratch folder's parent (/tmp) too */
    assert_int_equal(fs_mkdirs(made, &e), 0);
    assert_int_equal(mkdir(other, 0700), 0);
    assert_int_equal(fs_write_atomic(file, "x", 1, 0600, &e), 0);
    assert_int_equal(fs_crash_apply(&e), 0);
    assert_int_equal(access(other, F_OK), 0);
    assert_int_equal(access(dir, F_OK), 0);
    fs_fault_reset();
}

/* ---- building a pack over the old one (sveikictl pack build) ------------------------------ *
 * SQLite writes the new pack (VACUUM INTO, through the store's VFS shim), app/fs syncs it and
 * renames it over the old one: after a cut the target is the old pack or the new one, whole,
 * and the new one once the build said it was written. */

static unsigned char *old_pack, *new_pack;
static size_t old_pack_len, new_pack_len;
static int built;

static int build_pack(const char *out)
{
    pack_opts o = {.src = at("src"), .root = ".", .out = out};
    pack_result r;
    err e = {{0}};
    return pack_compile(&o, &r, &e);
}

static void build_prepare(void) { put(at("run/p.pack"), old_pack, old_pack_len); }

static void build_work(void) { built = build_pack(at("run/p.pack")) == 0; }

static void build_check(void)
{
    size_t n;
    unsigned char *b = slurp(at("run/p.pack"), &n);
    assert_non_null(b);
    int is_new = n == new_pack_len && !memcmp(b, new_pack, n);
    int is_old = n == old_pack_len && !memcmp(b, old_pack, n);
    free(b);
    if (!is_new && !is_old)
        fail_msg("the pack is neither the old one nor the new one after the power cut");
    if (built && !is_new)
        fail_msg("the build said the pack was written, and the power cut lost it");
}

static void test_build(void **state)
{
    (void)state;
    one_page_source("1", "The old page.");
    assert_int_equal(build_pack(at("old.pack")), 0);
    one_page_source("2", "The new page, which replaces it.");
    assert_int_equal(build_pack(at("new.pack")), 0);
    old_pack = slurp(at("old.pack"), &old_pack_len);
    new_pack = slurp(at("new.pack"), &new_pack_len);
    assert_non_null(old_pack);
    assert_non_null(new_pack);
    scenario sc = {"pack_compile", build_prepare, build_work, build_check};
    assert_true(crash_everywhere(&sc) > 0);
    assert_true(points[FS_WRITE] > 0); /* SQLite's own writes of the pack reach the crash mode */
    free(old_pack), free(new_pack);
}

/* ---- the office's receipt on the kiosk, and merge --remove-merged ---------------------- */

/* A folder tree copied file by file (regular files and folders only). */
static void copy_tree(const char *from, const char *to)
{
    assert_int_equal(mkdir(to, 0700), 0);
    DIR *d = opendir(from);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char a[512], b[512];
        snprintf(a, sizeof a, "%s/%s", from, de->d_name);
        snprintf(b, sizeof b, "%s/%s", to, de->d_name);
        struct stat st;
        if (lstat(a, &st))
            continue;
        if (S_ISDIR(st.st_mode)) {
            copy_tree(a, b);
        } else if (S_ISREG(st.st_mode)) {
            size_t n;
            unsigned char *p = slurp(a, &n);
            put(b, p, n);
            free(p);
        }
    }
    closedir(d);
}

static void export_to(const char *data, const char *stick)
{
    store *s = open_store(data, NULL);
    sync_options o = {.machine_id = ""};
    sync_result r;
    err e = {{0}};
    if (sync_export_opt(s, data, stick, &o, &r, &e))
        fail_msg("export: %s", e.msg);
    store_close(s);
}

/* Merges the batch files under stick into central (enrolling the kiosk), then writes the
 * receipts with sk when given and removes the merged files when remove. */
static void office_merge(const char *central, const char *stick, const unsigned char *sk,
                         int remove)
{
    char **files = NULL;
    int n = 0;
    err e = {{0}};
    if (sync_merge_collect(stick, &files, &n, &e))
        fail_msg("collect: %s", e.msg);
    sync_merger *m = sync_merge_open(central, office_key(), &e);
    if (!m) {
        fs_list_free(files, n);
        return; /* the power is cut */
    }
    sync_merge_enrol_new(m, 1);
    sync_merge_stats st = {0};
    int ok = 1;
    for (int i = 0; i < n && ok; i++)
        ok = sync_merge_file(m, files[i], &st, &e) >= 0;
    ok = ok && !sync_merge_finish(m, &e);
    char **lines = NULL;
    int nl = 0;
    if (ok && sk)
        ok = !sync_merge_write_receipts(m, sk, 1700003725, &lines, &nl, &e);
    fs_list_free(lines, nl);
    long removed;
    if (ok && remove)
        sync_merge_remove_merged(m, &removed, &e);
    sync_merge_close(m);
    fs_list_free(files, n);
}

#define RECEIPTED 4 /* submissions of batch 1, which the receipt names */
#define LATER 2     /* exported after it, in batch 2, not receipted */

static void receipt_prepare(void)
{
    copy_tree(at("tpl-rdata"), at("run/data"));
    copy_tree(at("tpl-rstick"), at("run/stick"));
    live = open_store(at("run/data"), NULL);
}

static void receipt_work(void)
{
    sync_receipt_result r;
    err e = {{0}};
    sync_take_receipt(live, at("run/data"), at("run/stick"), &r, &e);
    store_close(live);
}

static void receipt_check(void)
{
    store_note note;
    store *s = open_store(at("run/data"), &note);
    assert_string_equal(note.moved_aside, "");
    store_close(s);
    assert_intact(at("run/data/feedback.db"));
    /* the receipted submissions went together, or none of them */
    long long n = one(at("run/data/feedback.db"), "SELECT count(*) FROM submissions");
    if (n != RECEIPTED + LATER && n != LATER)
        fail_msg("%lld submissions after the power cut: want %d or %d", n, RECEIPTED + LATER,
                 LATER);
    /* the next stick finishes it, and the unreceipted ones stay */
    s = open_store(at("run/data"), NULL);
    sync_receipt_result r;
    err e = {{0}};
    if (sync_take_receipt(s, at("run/data"), at("run/stick"), &r, &e))
        fail_msg("the receipt after the power cut: %s", e.msg);
    store_close(s);
    assert_int_equal(one(at("run/data/feedback.db"), "SELECT count(*) FROM submissions"), LATER);
}

static void test_receipt(void **state)
{
    (void)state;
    make_store(at("tpl-rdata"), RECEIPTED);
    export_to(at("tpl-rdata"), at("tpl-rstick"));
    store *s = open_store(at("tpl-rdata"), NULL);
    char id[37];
    for (int i = 0; i < LATER; i++)
        assert_int_equal(submit(s, id), 0);
    store_close(s);
    export_to(at("tpl-rdata"), at("tpl-later")); /* batch 2, elsewhere: not merged */
    err e = {{0}};
    unsigned char sk[64];
    char pub[300];
    snprintf(pub, sizeof pub, "%s/office.pub", at("tpl-rdata"));
    if (sign_keygen(at("receipts"), &e) || sign_read_secret(at("receipts.key"), sk, &e) ||
        fs_copy_atomic(at("receipts.pub"), pub, 4096, 0644, &e))
        fail_msg("%s", e.msg);
    office_merge(at("tpl-central.db"), at("tpl-rstick"), sk, 0);
    scenario sc = {"sync_take_receipt", receipt_prepare, receipt_work, receipt_check};
    assert_true(crash_everywhere(&sc) > 0);
}

static char tpl_files[4][512];
static int ntpl;

static void remove_prepare(void) { copy_tree(at("tpl-mstick"), at("run/stick")); }

static void remove_work(void) { office_merge(at("run/central.db"), at("run/stick"), NULL, 1); }

static void remove_check(void)
{
    /* a batch file gone from the stick has its batch committed in central */
    for (int i = 0; i < ntpl; i++) {
        char path[600], q[300];
        snprintf(path, sizeof path, "%s/%s", at("run/stick"), tpl_files[i]);
        if (fs_exists(path))
            continue;
        const char *base = strrchr(tpl_files[i], '/') + 1;
        snprintf(q, sizeof q, "SELECT count(*) FROM batches WHERE name = '%.*s'",
                 (int)(strlen(base) - 6), base);
        if (!fs_exists(at("run/central.db")) || one(at("run/central.db"), q) != 1)
            fail_msg("%s was removed, and its batch is not in central after the power cut",
                     tpl_files[i]);
    }
    if (fs_exists(at("run/central.db")))
        assert_intact(at("run/central.db"));
    /* merging again takes the rest, and removes every file */
    office_merge(at("run/central.db"), at("run/stick"), NULL, 1);
    for (int i = 0; i < ntpl; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", at("run/stick"), tpl_files[i]);
        assert_false(fs_exists(path));
    }
    assert_int_equal(one(at("run/central.db"), "SELECT count(*) FROM answers"), 5 * 3);
}

static void test_remove_merged(void **state)
{
    (void)state;
    make_store(at("tpl-mdata"), 3);
    export_to(at("tpl-mdata"), at("tpl-mstick"));
    store *s = open_store(at("tpl-mdata"), NULL);
    char id[37];
    for (int i = 0; i < 2; i++)
        assert_int_equal(submit(s, id), 0);
    store_close(s);
    export_to(at("tpl-mdata"), at("tpl-mstick"));
    char **files = NULL;
    err e = {{0}};
    if (sync_merge_collect(at("tpl-mstick"), &files, &ntpl, &e))
        fail_msg("%s", e.msg);
    assert_int_equal(ntpl, 2);
    size_t skip = strlen(at("tpl-mstick")) + 1;
    for (int i = 0; i < ntpl; i++)
        snprintf(tpl_files[i], sizeof tpl_files[i], "%s", files[i] + skip);
    fs_list_free(files, ntpl);
    scenario sc = {"merge --remove-merged", remove_prepare, remove_work, remove_check};
    assert_true(crash_everywhere(&sc) > 0);
}

/* With an argument, only the tests whose names match that pattern (cmocka's: * and ?), so
 * the crash group can run the tests in parts at once. */
int main(int argc, char **argv)
{
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_crash_mode_loses_what_was_not_synced, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_crash_leaves_others_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seal_plain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_receipt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_merged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_swap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_move_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_build, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
