#include "store/store.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "fs.h"
#include "store/vfs.h"

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_NAME "feedback.db"
#define ID_MAX 64
#define VALUE_MAX 2000
#define ANSWERS_MAX 64
#define BUSY_MS 2000
/* 2020-01-01: a kiosk whose clock says earlier has no clock (a Raspberry Pi has none) */
#define CLOCK_PLAUSIBLE 1577836800

struct store {
    sqlite3 *db; /* NULL after an I/O error closed it; the next call opens it again */
    char path[PATH_MAX];
    store_config cfg;
    int readonly; /* store_open_readonly: only the export's reads, nothing written */
    sqlite3_stmt *begin, *commit, *rollback, *seq, *insert, *bump, *purge;
    sqlite3_stmt *urgent, *urgent_purge;
};

/* ---- the schema, one step per version ------------------------------------------------ */

/* migrations[v] takes a store of version v to v + 1. A step is never edited once released:
 * a new version appends one, and the tests migrate a store of every earlier version. */
static const char *const migrations[] = {
    /* 0 -> 1: answers, and the device's random id and next sequence number */
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
    " period INTEGER NOT NULL," /* unix time rounded down to the hour or the day */
    " exported INTEGER"         /* unix time of the export that carried it, NULL before */
    ");"
    "CREATE TABLE device("
    " id TEXT NOT NULL,"        /* a random UUID made at first open: never a serial or MAC */
    " next_seq INTEGER NOT NULL"
    ");",
    /* 1 -> 2: how many times "I need help now" was opened, a row a day: the day and the
     * count, nothing else (no hour, no language, nothing that follows a person) */
    "CREATE TABLE urgent_days("
    " day INTEGER PRIMARY KEY," /* unix time of the day's start (UTC) */
    " uses INTEGER NOT NULL"
    ");",
};
_Static_assert(sizeof migrations / sizeof *migrations == STORE_VERSION,
               "one migration step for every schema version");

/* ---- helpers ------------------------------------------------------------------------- */

static time_t now(const store *s) { return s->cfg.clock ? s->cfg.clock() : time(NULL); }

void store_uuid4(char out[37])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
    static const char hex[] = "0123456789abcdef";
    int o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[b[i] >> 4];
        out[o++] = hex[b[i] & 15];
    }
    out[o] = 0;
}

/* "PATH: WHAT: SQLite's message (the system's, when there is one)" */
static int db_err(const store *s, sqlite3 *db, err *e, const char *what)
{
    int sys = db ? sqlite3_system_errno(db) : 0;
    return err_set(e, "%s: %s: %s%s%s%s", s->path, what, db ? sqlite3_errmsg(db) : "no database",
                   sys ? " (" : "", sys ? strerror(sys) : "", sys ? ")" : "");
}

static int exec(store *s, sqlite3 *db, const char *sql, const char *what, err *e)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_err(s, db, e, what);
    return 0;
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void finalize_all(store *s)
{
    sqlite3_stmt **all[] = {&s->begin, &s->commit, &s->rollback, &s->seq,
                            &s->insert, &s->bump, &s->purge, &s->urgent,
                            &s->urgent_purge};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++) {
        sqlite3_finalize(*all[k]);
        *all[k] = NULL;
    }
}

static void close_db(store *s)
{
    finalize_all(s);
    sqlite3_close(s->db);
    s->db = NULL;
}

/* ---- opening ------------------------------------------------------------------------- */

/* Opens the file (made first, empty and 0600, so SQLite's -wal and -shm take that mode too). */
static int open_file(store *s, err *e)
{
    if (!fs_exists(s->path) && fs_write_atomic(s->path, "", 0, 0600, e))
        return -1;
    int rc = sqlite3_open_v2(s->path, &s->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                             STORE_VFS_NAME);
    if (rc != SQLITE_OK) {
        db_err(s, s->db, e, "cannot open the feedback store");
        close_db(s);
        return -1;
    }
    sqlite3_busy_timeout(s->db, BUSY_MS);
    /* our own file, but nothing in it runs SQL of its own either */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    return 0;
}

/* 1 when the store is sound, 0 when it is damaged (why says how), -1 when it cannot tell. */
static int intact(store *s, char *why, size_t cap, err *e)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    int prim = rc & 0xFF, ok = r && !strcmp(r, "ok");
    if (!ok && (r || prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)) {
        snprintf(why, cap, "%s", r ? r : sqlite3_errmsg(s->db));
        for (char *q = why; *q; q++)
            if (*q == '\n' || *q == '\r')
                *q = ' ';
    } else if (!ok) {
        db_err(s, s->db, e, "cannot check the feedback store");
    }
    sqlite3_finalize(st);
    return ok ? 1 : r || prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB ? 0 : -1;
}

/* Renames the damaged store and its -wal and -shm to PATH.damaged-TIME[.N]: the -wal first,
 * since a new store beside the old -wal would take its pages for its own. */
static int move_aside(store *s, char *to, size_t cap, err *e)
{
    char base[PATH_MAX + 32];
    snprintf(base, sizeof base, "%s.damaged-%lld", s->path, (long long)now(s));
    char dest[PATH_MAX + 48];
    int k = 0;
    for (;; k++) {
        if (k == 100)
            return err_set(e, "%s: damaged, and no free name to move it aside", s->path);
        snprintf(dest, sizeof dest, k ? "%s.%d" : "%s", base, k);
        char w[PATH_MAX + 64], m[PATH_MAX + 64];
        snprintf(w, sizeof w, "%s-wal", dest), snprintf(m, sizeof m, "%s-shm", dest);
        if (!fs_exists(dest) && !fs_exists(w) && !fs_exists(m))
            break;
    }
    if (strlen(dest) >= cap) /* checked before any rename: the caller is told where it went */
        return err_set(e, "%s: damaged, and its new name %s is too long", s->path, dest);
    static const char *const sfx[] = {"-wal", "-shm", ""};
    for (int i = 0; i < 3; i++) {
        char from[PATH_MAX + 8], into[PATH_MAX + 64];
        snprintf(from, sizeof from, "%s%s", s->path, sfx[i]);
        snprintf(into, sizeof into, "%s%s", dest, sfx[i]);
        if (fs_exists(from) && fs_rename(from, into, e))
            return -1;
    }
    memcpy(to, dest, strlen(dest) + 1);
    return 0;
}

static int user_version(store *s, int *v, err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return db_err(s, s->db, e, "cannot read the schema version");
    int rc = sqlite3_step(st);
    *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_err(s, s->db, e, "cannot read the schema version");
}

static int newer(const store *s, int v, err *e)
{
    return err_set(e, "%s: schema version %d is not one this version of Sveiki knows (it "
                   "writes %d): left untouched", s->path, v, STORE_VERSION);
}

/* Takes the store from its version to STORE_VERSION in one transaction, and gives a new
 * store its device id. A store that needs neither is not written to. */
static int migrate(store *s, err *e)
{
    int v = 0;
    if (user_version(s, &v, e))
        return -1;
    if (v > STORE_VERSION || v < 0)
        return newer(s, v, e);
    if (v == STORE_VERSION) {
        sqlite3_stmt *st;
        int has = sqlite3_prepare_v2(s->db, "SELECT 1 FROM device", -1, &st, NULL) == SQLITE_OK &&
                  sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (has)
            return 0;
    }
    if (exec(s, s->db, "BEGIN IMMEDIATE", "cannot begin the schema update", e))
        return -1;
    /* again inside the transaction: another process may have migrated meanwhile */
    if (user_version(s, &v, e))
        goto fail;
    if (v > STORE_VERSION || v < 0) {
        newer(s, v, e);
        goto fail;
    }
    for (; v < STORE_VERSION; v++) {
        char what[64];
        snprintf(what, sizeof what, "cannot update the schema from version %d", v);
        if (exec(s, s->db, migrations[v], what, e))
            goto fail;
    }
    char sql[64], dev[37];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_VERSION);
    store_uuid4(dev);
    sqlite3_stmt *st = NULL;
    if (exec(s, s->db, sql, "cannot set the schema version", e))
        goto fail;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO device(id, next_seq) SELECT ?, 1 "
                           "WHERE NOT EXISTS (SELECT 1 FROM device)", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_DONE) {
        db_err(s, s->db, e, "cannot make the device id");
        sqlite3_finalize(st);
        goto fail;
    }
    sqlite3_finalize(st);
    if (exec(s, s->db, "COMMIT", "cannot commit the schema update", e))
        goto fail;
    return 0;
fail:
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static int prepare(store *s, sqlite3_stmt **st, const char *sql, err *e)
{
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return db_err(s, s->db, e, "the feedback store's schema is not as expected");
    return 0;
}

/* Everything after the file is open and sound: durability settings, schema, statements. */
static int ready(store *s, err *e)
{
    sqlite3_stmt *st;
    const char *mode = NULL;
    if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        mode = (const char *)sqlite3_column_text(st, 0);
    int wal = mode && !strcmp(mode, "wal");
    sqlite3_finalize(st);
    if (!wal)
        return db_err(s, s->db, e, "cannot use a write-ahead log");
    /* FULL: the log is synced at every commit, so a commit survives a power cut;
     * secure_delete: a purged answer is overwritten in the file, not only unlinked */
    if (exec(s, s->db, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON",
             "cannot set up the feedback store", e) ||
        migrate(s, e))
        return -1;
    return prepare(s, &s->begin, "BEGIN IMMEDIATE", e) ||
           prepare(s, &s->commit, "COMMIT", e) || prepare(s, &s->rollback, "ROLLBACK", e) ||
           prepare(s, &s->seq, "SELECT next_seq FROM device", e) ||
           prepare(s, &s->insert, "INSERT INTO answers(uuid, seq, submission, survey, question, "
                   "value, lang, pack, pack_version, period) VALUES (?,?,?,?,?,?,?,?,?,?)", e) ||
           prepare(s, &s->bump, "UPDATE device SET next_seq = ?", e) ||
           prepare(s, &s->purge, "DELETE FROM answers WHERE exported IS NOT NULL "
                   "AND exported < ?", e) ||
           prepare(s, &s->urgent, "INSERT INTO urgent_days(day, uses) VALUES (?, 1) "
                   "ON CONFLICT(day) DO UPDATE SET uses = uses + 1", e) ||
           prepare(s, &s->urgent_purge, "DELETE FROM urgent_days WHERE day < ?", e)
               ? -1 : 0;
}

/* Opens the store again after an I/O error closed it (no integrity check: it was sound). */
static int reopen(store *s, err *e)
{
    if (s->db)
        return 0;
    if (s->readonly)
        return err_set(e, "%s: the read-only feedback store was closed after an error", s->path);
    if (open_file(s, e))
        return -1;
    if (ready(s, e)) {
        close_db(s);
        return -1;
    }
    return 0;
}

store *store_open(const char *dir, const store_config *cfg, store_note *note, err *e)
{
    store_note spare;
    if (!note)
        note = &spare;
    note->moved_aside[0] = note->warning[0] = 0;
    if (sodium_init() < 0)
        return err_set(e, "%s: libsodium failed to start", dir), NULL;
    if (store_vfs_register(e))
        return NULL;
    store *s = xcalloc(1, sizeof *s);
    if (cfg)
        s->cfg = *cfg;
    if (s->cfg.retention_days <= 0)
        s->cfg.retention_days = 90;
    if ((size_t)snprintf(s->path, sizeof s->path, "%s/" DB_NAME, dir) >= sizeof s->path) {
        err_set(e, "%s: path too long for the feedback store", dir);
        goto fail;
    }
    /* a read-only or missing directory is said in its own words, before SQLite tries */
    err why;
    if (fs_prove_writable(dir, &why)) {
        err_set(e, "feedback cannot be stored: %s", why.msg);
        goto fail;
    }
    if (open_file(s, e))
        goto fail;
    char damage[300];
    int sound = intact(s, damage, sizeof damage, e);
    if (sound < 0)
        goto fail;
    if (!sound) {
        /* closing would checkpoint into the damaged file and delete its log: keep both as
         * they are, for whoever looks into it */
        sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
        close_db(s);
        if (move_aside(s, note->moved_aside, sizeof note->moved_aside, e))
            goto fail;
        str_printf(note->warning, sizeof note->warning,
                   "%s was damaged (%s): kept as %s, and a new store begun", s->path, damage,
                   note->moved_aside);
        if (open_file(s, e))
            goto fail;
    }
    if (ready(s, e))
        goto fail;
    time_t t = now(s);
    if (t < CLOCK_PLAUSIBLE) {
        size_t used = strlen(note->warning);
        snprintf(note->warning + used, sizeof note->warning - used,
                 "%sthe clock says %lld, before 2020: answers will carry that time until it is set",
                 used ? "; " : "", (long long)t);
    }
    return s;
fail:
    close_db(s);
    free(s);
    return NULL;
}

/* Whether the open store answers a read (a log that cannot be used shows here). */
static int readable(store *s)
{
    sqlite3_stmt *st;
    int ok = sqlite3_prepare_v2(s->db, "SELECT id FROM device", -1, &st, NULL) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return ok;
}

store *store_open_readonly(const char *dir, err *e)
{
    if (sodium_init() < 0)
        return err_set(e, "%s: libsodium failed to start", dir), NULL;
    if (store_vfs_register(e))
        return NULL;
    store *s = xcalloc(1, sizeof *s);
    s->readonly = 1;
    s->cfg.retention_days = 90;
    if ((size_t)snprintf(s->path, sizeof s->path, "%s/" DB_NAME, dir) >= sizeof s->path) {
        err_set(e, "%s: path too long for the feedback store", dir);
        goto fail;
    }
    fs_info in;
    if (fs_lstat(s->path, &in, e))
        goto fail;
    if (in.kind != FS_FILE) {
        err_set(e, "%s: no feedback store to read", s->path);
        goto fail;
    }
    int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
    if (sqlite3_open_v2(s->path, &s->db, flags, STORE_VFS_NAME) == SQLITE_OK && readable(s))
        return s;
    close_db(s);
    /* a folder that cannot be written cannot hold the log's index (-shm) either: read the
     * file as it is, immutable (a log left by a power cut is then not seen: its answers go
     * out once the folder can be written again) */
    buf uri;
    buf_init(&uri);
    buf_adds(&uri, "file:");
    for (const char *p = s->path; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '/' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
            c == '-' || c == '_' || c == '.')
            buf_addc(&uri, (char)c);
        else
            buf_printf(&uri, "%%%02X", c);
    }
    buf_adds(&uri, "?mode=ro&immutable=1");
    int rc = sqlite3_open_v2(uri.data, &s->db, flags | SQLITE_OPEN_URI, STORE_VFS_NAME);
    buf_free(&uri);
    if (rc == SQLITE_OK && readable(s))
        return s;
    db_err(s, s->db, e, "cannot read the feedback store");
fail:
    close_db(s);
    free(s);
    return NULL;
}

void store_close(store *s)
{
    if (!s)
        return;
    close_db(s);
    free(s);
}

/* ---- submitting ---------------------------------------------------------------------- */

/* An id (survey, question, language, pack, version): 1..64 bytes of UTF-8, no space or
 * control character. */
static int check_id(const store *s, const char *where, const char *what, const char *v, err *e)
{
    if (!v || !*v)
        return err_set(e, "%s: %s%s is missing", s->path, where, what);
    size_t n = strlen(v);
    if (n > ID_MAX)
        return err_set(e, "%s: %s%s is %zu bytes, over %d", s->path, where, what, n, ID_MAX);
    int line, col;
    if (!utf8_valid(v, n, &line, &col))
        return err_set(e, "%s: %s%s is not valid UTF-8 (byte %d)", s->path, where, what, col);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] <= ' ' || v[i] == 0x7F)
            return err_set(e, "%s: %s%s holds a space or control character (byte %zu)", s->path,
                           where, what, i + 1);
    return 0;
}

/* A value: 1..2000 bytes of UTF-8 with no control character but line breaks and tabs. One
 * not marked as typed text must come through the scrubber unchanged: typed text passed
 * without the mark is refused rather than stored unscrubbed. */
static int check_value(const store *s, const char *where, const store_answer *a, err *e)
{
    const char *v = a->value;
    if (!v || !*v)
        return err_set(e, "%s: %sthe value is empty", s->path, where);
    size_t n = strlen(v);
    if (n > VALUE_MAX)
        return err_set(e, "%s: %sthe value is %zu bytes, over %d", s->path, where, n, VALUE_MAX);
    int line, col;
    if (!utf8_valid(v, n, &line, &col))
        return err_set(e, "%s: %sthe value is not valid UTF-8 (line %d, byte %d)", s->path,
                       where, line, col);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if ((c < ' ' && c != '\n' && c != '\t') || c == 0x7F)
            return err_set(e, "%s: %sthe value holds a control character (byte %zu)", s->path,
                           where, i + 1);
    }
    if (!a->free_text) {
        /* without trigger words: an answer id such as "room-2" is not typed text */
        char *scrubbed = store_scrub(v, "");
        int same = !strcmp(scrubbed, v);
        free(scrubbed);
        if (!same)
            return err_set(e, "%s: %sthe value holds an address or a long number but is not "
                           "marked as typed text (free_text), so it would not be scrubbed",
                           s->path, where);
    }
    return 0;
}

static int check_submission(const store *s, const store_submission *sub, err *e)
{
    if (!sub)
        return err_set(e, "%s: no submission", s->path);
    if (check_id(s, "", "the survey id", sub->survey, e) ||
        check_id(s, "", "the language", sub->lang, e) ||
        check_id(s, "", "the pack id", sub->pack_id, e) ||
        check_id(s, "", "the pack version", sub->pack_version, e))
        return -1;
    if (sub->nanswers < 1 || sub->nanswers > ANSWERS_MAX || !sub->answers)
        return err_set(e, "%s: survey \"%s\": %d answers, not 1 to %d", s->path, sub->survey,
                       sub->answers ? sub->nanswers : 0, ANSWERS_MAX);
    for (int i = 0; i < sub->nanswers; i++) {
        char where[120];
        snprintf(where, sizeof where, "survey \"%s\", answer %d: ", sub->survey, i + 1);
        if (check_id(s, where, "the question id", sub->answers[i].question, e))
            return -1;
        snprintf(where, sizeof where, "survey \"%s\", answer %d (question \"%s\"): ",
                 sub->survey, i + 1, sub->answers[i].question);
        if (check_value(s, where, &sub->answers[i], e))
            return -1;
    }
    return 0;
}

/* The time rounded down to the day or the hour (times before 1970 too). */
static long long period(const store *s)
{
    long long t = (long long)now(s), unit = s->cfg.round_to_hour ? 3600 : 86400;
    return t - ((t % unit) + unit) % unit;
}

int store_submit(store *s, const store_submission *sub, char id[37], err *e)
{
    if (s->readonly)
        return err_set(e, "%s: opened read-only: nothing can be stored", s->path);
    if (check_submission(s, sub, e))
        return -1;
    if (reopen(s, e))
        return -1;
    char *values[ANSWERS_MAX] = {0};
    for (int i = 0; i < sub->nanswers; i++)
        values[i] = sub->answers[i].free_text ? store_scrub(sub->answers[i].value,
                                                            sub->scrub_words)
                                              : xstrdup(sub->answers[i].value);
    char subid[37];
    store_uuid4(subid);
    long long when = period(s);
    int rc = -1;
    const char *what = "cannot begin a transaction";
    if (step_done(s->begin))
        goto done;
    what = "cannot read the sequence number";
    if (sqlite3_step(s->seq) != SQLITE_ROW) {
        sqlite3_reset(s->seq);
        goto done;
    }
    long long seq = sqlite3_column_int64(s->seq, 0);
    sqlite3_reset(s->seq);
    what = "cannot store an answer";
    for (int i = 0; i < sub->nanswers; i++) {
        char uuid[37];
        store_uuid4(uuid);
        sqlite3_stmt *st = s->insert;
        sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, seq + i);
        sqlite3_bind_text(st, 3, subid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, sub->survey, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, sub->answers[i].question, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, values[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, sub->lang, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, sub->pack_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 9, sub->pack_version, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 10, when);
        int bad = step_done(st);
        sqlite3_clear_bindings(st);
        if (bad)
            goto done;
    }
    what = "cannot advance the sequence number";
    sqlite3_bind_int64(s->bump, 1, seq + sub->nanswers);
    if (step_done(s->bump))
        goto done;
    what = "cannot commit";
    if (step_done(s->commit))
        goto done;
    memcpy(id, subid, 37);
    rc = 0;
done:
    if (rc) {
        char msg[120];
        snprintf(msg, sizeof msg, "survey \"%s\" not stored: %s", sub->survey, what);
        db_err(s, s->db, e, msg);
        int prim = sqlite3_extended_errcode(s->db) & 0xFF;
        if (!sqlite3_get_autocommit(s->db))
            step_done(s->rollback);
        /* After an I/O error the log may hold pages of the failed transaction past the last
         * commit. Closing checkpoints only what was committed and removes the log, so no
         * later crash can bring them back; the next call opens the store again. */
        if (prim == SQLITE_IOERR || prim == SQLITE_FULL || prim == SQLITE_CORRUPT ||
            prim == SQLITE_CANTOPEN)
            close_db(s);
    }
    for (int i = 0; i < sub->nanswers; i++)
        free(values[i]);
    return rc;
}

long store_purge(store *s, err *e)
{
    if (s->readonly)
        return err_set(e, "%s: opened read-only: nothing can be purged", s->path);
    if (reopen(s, e))
        return -1;
    sqlite3_bind_int64(s->purge, 1, (long long)now(s) - (long long)s->cfg.retention_days * 86400);
    if (step_done(s->purge))
        return db_err(s, s->db, e, "cannot purge exported answers");
    long n = (long)sqlite3_changes(s->db);
    /* the day counts of "I need help now" go after the same time: they are never exported */
    sqlite3_bind_int64(s->urgent_purge, 1,
                       (long long)now(s) - (long long)s->cfg.retention_days * 86400);
    if (step_done(s->urgent_purge))
        return db_err(s, s->db, e, "cannot purge the counts of urgent help");
    return n;
}

static int io_failed(store *s, err *e, const char *what);

int store_urgent_used(store *s, err *e)
{
    if (s->readonly)
        return err_set(e, "%s: opened read-only: nothing can be stored", s->path);
    if (reopen(s, e))
        return -1;
    /* the day, whatever the answers are rounded to: a finer time would say when someone was
     * at the kiosk in danger */
    long long t = (long long)now(s);
    sqlite3_bind_int64(s->urgent, 1, t - ((t % 86400) + 86400) % 86400);
    if (step_done(s->urgent))
        return io_failed(s, e, "cannot count a use of urgent help");
    return 0;
}

/* ---- export -------------------------------------------------------------------------- */

/* After a failed statement: an I/O error closes the store, as in store_submit. */
static int io_failed(store *s, err *e, const char *what)
{
    db_err(s, s->db, e, what);
    int prim = sqlite3_extended_errcode(s->db) & 0xFF;
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (prim == SQLITE_IOERR || prim == SQLITE_FULL || prim == SQLITE_CORRUPT ||
        prim == SQLITE_CANTOPEN)
        close_db(s);
    return -1;
}

int store_device_id(store *s, char id[37], err *e)
{
    if (reopen(s, e))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM device", -1, &st, NULL) != SQLITE_OK)
        return db_err(s, s->db, e, "cannot read the device id");
    int rc = sqlite3_step(st);
    const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    int ok = v && strlen(v) == 36;
    if (ok)
        memcpy(id, v, 37);
    sqlite3_finalize(st);
    if (!ok)
        return rc == SQLITE_ROW || rc == SQLITE_DONE
                   ? err_set(e, "%s: the device id is missing or malformed", s->path)
                   : db_err(s, s->db, e, "cannot read the device id");
    return 0;
}

int store_new_device_id(store *s, char id[37], err *e)
{
    if (reopen(s, e))
        return -1;
    char dev[37];
    store_uuid4(dev);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "UPDATE device SET id = ?", -1, &st, NULL) != SQLITE_OK)
        return db_err(s, s->db, e, "cannot change the device id");
    sqlite3_bind_text(st, 1, dev, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return io_failed(s, e, "cannot change the device id");
    memcpy(id, dev, 37);
    return 0;
}

long store_unexported(store *s, long long after, int (*each)(const store_row *, void *),
                      void *ctx, err *e)
{
    if (reopen(s, e))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT uuid, submission, survey, question, value, lang, "
                           "pack, pack_version, seq, period FROM answers "
                           "WHERE exported IS NULL AND seq > ? ORDER BY seq", -1, &st,
                           NULL) != SQLITE_OK)
        return db_err(s, s->db, e, "cannot read the answers to export");
    sqlite3_bind_int64(st, 1, after);
    long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_row r;
        const char **f[] = {&r.uuid, &r.submission, &r.survey, &r.question,
                            &r.value, &r.lang, &r.pack_id, &r.pack_version};
        for (int k = 0; k < 8; k++) {
            *f[k] = (const char *)sqlite3_column_text(st, k);
            if (!*f[k])
                *f[k] = "";
        }
        r.seq = sqlite3_column_int64(st, 8);
        r.period = sqlite3_column_int64(st, 9);
        if (each(&r, ctx)) {
            rc = SQLITE_DONE;
            break;
        }
        n++;
    }
    if (rc != SQLITE_DONE) {
        db_err(s, s->db, e, "cannot read the answers to export");
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_finalize(st);
    return n;
}

long store_unexported_count(store *s, err *e)
{
    if (reopen(s, e))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM answers WHERE exported IS NULL", -1,
                           &st, NULL) != SQLITE_OK)
        return db_err(s, s->db, e, "cannot count the answers to export");
    long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n < 0 ? db_err(s, s->db, e, "cannot count the answers to export") : n;
}

long store_mark_exported(store *s, long long upto, err *e)
{
    if (s->readonly)
        return err_set(e, "%s: opened read-only: the export mark cannot be kept", s->path);
    if (reopen(s, e))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "UPDATE answers SET exported = ? "
                           "WHERE exported IS NULL AND seq <= ?", -1, &st, NULL) != SQLITE_OK)
        return db_err(s, s->db, e, "cannot mark answers exported");
    sqlite3_bind_int64(st, 1, (long long)now(s));
    sqlite3_bind_int64(st, 2, upto);
    /* one statement is one transaction: all marked, or none */
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return io_failed(s, e, "cannot mark answers exported");
    return (long)sqlite3_changes(s->db);
}
