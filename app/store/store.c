#include "store/store.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "fs.h"
#include "store/sealed.h"
#include "store/vfs.h"
#include "feedback.h"

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
    unsigned char pk[32]; /* the office's public key, when have_pk */
    int have_pk;
    sqlite3_stmt *begin, *commit, *rollback, *insert, *purge;
    sqlite3_stmt *urgent, *urgent_purge;
};

/* ---- the schema, one step per version ------------------------------------------------ */

/* migrations[v] takes a store of version v to v + 1. A step is never edited once released:
 * a new version appends one, and the tests migrate a store of every earlier version. */
/* 1 -> 2: how many times "I need help now" was opened, a row a day: the day and the count,
 * nothing else (no hour, no language, nothing that follows a person) */
#define URGENT_DAYS                                                                            \
    "CREATE TABLE urgent_days("                                                                \
    " day INTEGER PRIMARY KEY," /* unix time of the day's start (UTC) */                       \
    " uses INTEGER NOT NULL"                                                                   \
    ");"
/* 2 -> 3: submissions sealed to the office's key, and nothing of them in clear but what export
 * and retention need */
#define SUBMISSIONS                                                                            \
    "CREATE TABLE submissions("                                                                \
    " id TEXT PRIMARY KEY,"          /* the submission's random UUID */                        \
    " sealed BLOB NOT NULL,"         /* crypto_box_seal to the office's key (store/sealed.h) */ \
    " day INTEGER NOT NULL,"         /* unix time of the day it was stored (UTC) */            \
    " batch INTEGER,"                /* the batch number export reserved it for, NULL before */\
    " exported INTEGER NOT NULL DEFAULT 0" /* 1 once that batch was written and verified */    \
    ");"                                                                                       \
    "CREATE INDEX submissions_batch ON submissions(batch);"

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
    URGENT_DAYS,
    /* batch numbers instead of a sequence number per answer. The plain answers of version 2
     * stay in their table until the store opens with a key (seal_plain) */
    SUBMISSIONS
    "ALTER TABLE device ADD COLUMN next_batch INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE device DROP COLUMN next_seq;",
};
/* A new store: the latest schema at once, not each step (which made the answers table only
 * for seal_plain to drop it, and rewrote the device table twice: most of a first start's
 * SQL). The device table's text is the one SQLite leaves after the steps' two ALTERs;
 * test_store's test_migrates_from_every_version compares the two schemas as text. */
static const char fresh_schema[] =
    "CREATE TABLE device( id TEXT NOT NULL, next_batch INTEGER NOT NULL DEFAULT 1);"
    URGENT_DAYS SUBMISSIONS;
_Static_assert(sizeof migrations / sizeof *migrations == STORE_VERSION,
               "one migration step for every schema version");

/* ---- helpers ------------------------------------------------------------------------- */

static time_t now(const store *s) { return s->cfg.clock ? s->cfg.clock(s->cfg.clock_ctx) : time(NULL); }

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
    sqlite3_stmt **all[] = {&s->begin, &s->commit, &s->rollback, &s->insert,
                            &s->purge, &s->urgent, &s->urgent_purge};
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
    if (v == 0) {
        if (exec(s, s->db, fresh_schema, "cannot make the schema", e))
            goto fail;
        v = STORE_VERSION;
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
    if (sqlite3_prepare_v2(s->db, "INSERT INTO device(id) SELECT ? "
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

/* A version 2 answer row, kept while its submission is gathered. */
typedef struct plain_row {
    char *uuid, *question, *value;
    int exported;
} plain_row;

/* Seals the rows of one version 2 submission (all of them when every one was exported, else
 * the ones not yet exported: the others left in a batch already) into submissions. */
static int seal_group(store *s, const char *id, char *const head[4], long long period,
                      plain_row *rows, int n, long *sealed, err *e)
{
    sealed_submission sub = {.id = id, .survey = head[0], .lang = head[1], .pack = head[2],
                             .pack_version = head[3], .period = period};
    int waiting = 0;
    for (int i = 0; i < n; i++)
        waiting += !rows[i].exported;
    for (int i = 0; i < n; i++)
        if (!waiting || !rows[i].exported)
            /* the kind was not kept before version 3: left empty, the report takes such an
             * answer as typed text unless the pack says otherwise */
            sub.answers[sub.nanswers++] =
                (sealed_answer){rows[i].uuid, rows[i].question, "", rows[i].value};
    unsigned char *blob;
    size_t len;
    err why;
    if (sealed_make(&sub, s->pk, &blob, &len, &why))
        return err_set(e, "%s: cannot seal submission %s of an older version: %s", s->path, id,
                       why.msg);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "INSERT INTO submissions(id, sealed, day, exported) "
                                "VALUES (?,?,?,?)", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st, 2, blob, (int)len, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, period - ((period % 86400) + 86400) % 86400);
        sqlite3_bind_int(st, 4, !waiting);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    free(blob);
    if (rc != SQLITE_DONE)
        return db_err(s, s->db, e, "cannot store a sealed submission of an older version");
    *sealed += sub.nanswers;
    return 0;
}

static void plain_rows_free(plain_row *rows, int *n, char *head[4], char *id)
{
    for (int i = 0; i < *n; i++) {
        free(rows[i].uuid), free(rows[i].question);
        sodium_memzero(rows[i].value, strlen(rows[i].value));
        free(rows[i].value);
    }
    *n = 0;
    for (int k = 0; k < 4; k++) {
        free(head[k]);
        head[k] = NULL;
    }
    id[0] = 0;
}

/* Version 2 kept answers in plain rows (table answers). With the office's key they are
 * sealed and deleted in one transaction; then the file is rebuilt (VACUUM) and its log
 * emptied, so no page of the plain text stays in either (secure_delete zeroes what is
 * freed). An empty table just goes. Without a key the rows stay, counted in the note. */
static int seal_plain(store *s, store_note *note, err *e)
{
    sqlite3_stmt *st;
    long long rows = -1;
    if (sqlite3_prepare_v2(s->db, "SELECT (SELECT count(*) FROM sqlite_master WHERE type = "
                           "'table' AND name = 'answers')", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return db_err(s, s->db, e, "cannot look for answers of an older version");
    }
    int has = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (!has)
        return 0;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM answers", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        rows = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rows < 0)
        return db_err(s, s->db, e, "cannot count the answers of an older version");
    if (rows > 0 && !s->have_pk) {
        note->plain = (long)rows;
        size_t used = strlen(note->warning);
        snprintf(note->warning + used, sizeof note->warning - used,
                 "%s%lld answers stored by an older version are still unsealed in %s: they are "
                 "sealed at the first start with the office key", used ? "; " : "", rows,
                 s->path);
        return 0;
    }
    if (exec(s, s->db, "BEGIN IMMEDIATE", "cannot begin sealing the answers of an older version",
             e))
        return -1;
    long sealed = 0;
    plain_row group[SEALED_MAX_ANSWERS];
    int n = 0, rc = -1;
    char id[37] = "", *head[4] = {0};
    long long period = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT submission, survey, lang, pack, pack_version, period, "
                           "uuid, question, value, exported IS NOT NULL FROM answers "
                           "ORDER BY submission, seq", -1, &st, NULL) != SQLITE_OK) {
        db_err(s, s->db, e, "cannot read the answers of an older version");
        goto done;
    }
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *sub = (const char *)sqlite3_column_text(st, 0);
        if (!sub || strlen(sub) != 36) {
            err_set(e, "%s: an answer of an older version has no submission id", s->path);
            goto done;
        }
        if (strcmp(sub, id)) {
            if (n && seal_group(s, id, head, period, group, n, &sealed, e))
                goto done;
            plain_rows_free(group, &n, head, id);
            memcpy(id, sub, 37);
            for (int k = 0; k < 4; k++) {
                const char *t = (const char *)sqlite3_column_text(st, 1 + k);
                head[k] = xstrdup(t ? t : "");
            }
            period = sqlite3_column_int64(st, 5);
        }
        if (n == SEALED_MAX_ANSWERS) {
            /* no id: this message reaches the kiosk's log */
            err_set(e, "%s: a submission of an older version has over %d answers", s->path,
                    SEALED_MAX_ANSWERS);
            goto done;
        }
        const char *f[3];
        for (int k = 0; k < 3; k++) {
            f[k] = (const char *)sqlite3_column_text(st, 6 + k);
            if (!f[k])
                f[k] = "";
        }
        group[n++] = (plain_row){xstrdup(f[0]), xstrdup(f[1]), xstrdup(f[2]),
                                 sqlite3_column_int(st, 9)};
    }
    if (r != SQLITE_DONE) {
        db_err(s, s->db, e, "cannot read the answers of an older version");
        goto done;
    }
    if (n && seal_group(s, id, head, period, group, n, &sealed, e))
        goto done;
    sqlite3_finalize(st);
    st = NULL;
    if (exec(s, s->db, "DROP TABLE answers; COMMIT", "cannot delete the unsealed answers", e))
        goto done;
    rc = 0;
done:
    sqlite3_finalize(st);
    plain_rows_free(group, &n, head, id);
    if (rc) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (!rows)
        return 0;
    note->sealed_now = sealed;
    /* the old pages: rebuilt away, and the log (where version 2 wrote them first) emptied */
    sqlite3_stmt *ck;
    int busy = 1;
    if (exec(s, s->db, "VACUUM", "cannot rebuild the file after sealing", e) == 0 &&
        sqlite3_prepare_v2(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &ck, NULL) == SQLITE_OK) {
        busy = sqlite3_step(ck) != SQLITE_ROW || sqlite3_column_int(ck, 0);
        sqlite3_finalize(ck);
    }
    if (busy) {
        size_t used = strlen(note->warning);
        snprintf(note->warning + used, sizeof note->warning - used,
                 "%sthe answers of an older version were sealed, but the file could not be "
                 "rebuilt: free pages of it may hold their old text until it can", used ? "; " : "");
    }
    return 0;
}

/* Everything after the file is open and sound: durability settings, schema, the answers of
 * an older version sealed, statements. note may be NULL. */
static int ready(store *s, store_note *note, err *e)
{
    store_note spare;
    memset(&spare, 0, sizeof spare);
    if (!note)
        note = &spare;
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
     * secure_delete: what is deleted is overwritten in the file, not only unlinked */
    if (exec(s, s->db, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON",
             "cannot set up the feedback store", e) ||
        migrate(s, e) || seal_plain(s, note, e))
        return -1;
    return prepare(s, &s->begin, "BEGIN IMMEDIATE", e) ||
           prepare(s, &s->commit, "COMMIT", e) || prepare(s, &s->rollback, "ROLLBACK", e) ||
           prepare(s, &s->insert, "INSERT INTO submissions(id, sealed, day) VALUES (?,?,?)", e) ||
           prepare(s, &s->purge, "DELETE FROM submissions WHERE day < ?", e) ||
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
    if (ready(s, NULL, e)) {
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
    note->plain = note->sealed_now = 0;
    if (sodium_init() < 0)
        return err_set(e, "%s: libsodium failed to start", dir), NULL;
    if (store_vfs_register(e))
        return NULL;
    store *s = xcalloc(1, sizeof *s);
    if (cfg)
        s->cfg = *cfg;
    if (s->cfg.seal_pk) {
        memcpy(s->pk, s->cfg.seal_pk, sizeof s->pk);
        s->have_pk = 1;
        s->cfg.seal_pk = NULL; /* the caller's copy may go */
    }
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
    if (ready(s, note, e))
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

/* A store opened read-only must be of this version: an older one is brought up to date
 * only where it can be written. Frees s and returns -1 when it is not. */
static int current(store *s, err *e)
{
    int v = 0;
    if (user_version(s, &v, e) == 0 && v == STORE_VERSION)
        return 0;
    if (v != STORE_VERSION)
        err_set(e, "%s: schema version %d, and this version of Sveiki reads %d: it is brought up "
                "to date (and its answers sealed) only where the folder can be written", s->path,
                v, STORE_VERSION);
    close_db(s);
    free(s);
    return -1;
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
        return current(s, e) ? NULL : s;
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
        return current(s, e) ? NULL : s;
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
        if (check_id(s, where, "the kind", sub->answers[i].kind, e) ||
            check_value(s, where, &sub->answers[i], e))
            return -1;
        if (!sub->answers[i].free_text != !!strcmp(sub->answers[i].kind, FEEDBACK_KIND_TEXT))
            return err_set(e, "%s: %sthe kind is \"%s\" but the value is%s marked as typed text "
                           "(free_text): kind text and free_text go together", s->path, where,
                           sub->answers[i].kind, sub->answers[i].free_text ? "" : " not");
    }
    return 0;
}

/* The time rounded down to the day or the hour (times before 1970 too). */
static long long period(const store *s)
{
    long long t = (long long)now(s), unit = s->cfg.round_to_hour ? 3600 : 86400;
    return t - ((t % unit) + unit) % unit;
}

/* The UTC day of the time. */
static long long day_of(long long t) { return t - ((t % 86400) + 86400) % 86400; }

int store_submit(store *s, const store_submission *sub, char id[37], err *e)
{
    if (s->readonly)
        return err_set(e, "%s: opened read-only: nothing can be stored", s->path);
    if (!s->have_pk)
        return err_set(e, "%s: survey \"%s\" not stored: this kiosk has no office key to seal "
                       "it to, so it collects no feedback", s->path, sub && sub->survey ?
                       sub->survey : "");
    if (check_submission(s, sub, e))
        return -1;
    if (reopen(s, e))
        return -1;
    char subid[37], uuids[ANSWERS_MAX][37];
    store_uuid4(subid);
    sealed_submission plain = {.id = subid, .survey = sub->survey, .lang = sub->lang,
                               .pack = sub->pack_id, .pack_version = sub->pack_version,
                               .period = period(s), .nanswers = sub->nanswers};
    char *values[ANSWERS_MAX] = {0};
    for (int i = 0; i < sub->nanswers; i++) {
        const store_answer *a = &sub->answers[i];
        values[i] = a->free_text ? store_scrub(a->value, sub->scrub_words) : NULL;
        store_uuid4(uuids[i]);
        plain.answers[i] = (sealed_answer){uuids[i], a->question, a->kind,
                                           values[i] ? values[i] : a->value};
    }
    /* sealed before the transaction: what is written is never the plain text */
    unsigned char *blob = NULL;
    size_t len = 0;
    err why;
    int rc = sealed_make(&plain, s->pk, &blob, &len, &why);
    for (int i = 0; i < sub->nanswers; i++)
        if (values[i]) {
            sodium_memzero(values[i], strlen(values[i]));
            free(values[i]);
        }
    if (rc)
        return err_set(e, "%s: survey \"%s\" not stored: %s", s->path, sub->survey, why.msg);
    sqlite3_stmt *st = s->insert;
    sqlite3_bind_text(st, 1, subid, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, blob, (int)len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, day_of((long long)now(s)));
    /* one statement is one transaction */
    rc = step_done(st);
    sqlite3_clear_bindings(st);
    free(blob);
    if (rc) {
        char msg[120];
        snprintf(msg, sizeof msg, "survey \"%s\" not stored: cannot store it", sub->survey);
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
        return -1;
    }
    memcpy(id, subid, 37);
    return 0;
}

long store_purge(store *s, err *e)
{
    if (s->readonly)
        return err_set(e, "%s: opened read-only: nothing can be purged", s->path);
    if (reopen(s, e))
        return -1;
    /* a submission of day D goes once D is retention_days old */
    sqlite3_bind_int64(s->purge, 1, day_of((long long)now(s)) -
                                        (long long)(s->cfg.retention_days - 1) * 86400);
    if (step_done(s->purge))
        return db_err(s, s->db, e, "cannot purge old submissions");
    long n = (long)sqlite3_changes(s->db);
    /* the day counts of "I need help now" go after the same time: they are never exported */
    sqlite3_bind_int64(s->urgent_purge, 1,
                       (long long)now(s) - (long long)s->cfg.retention_days * 86400);
    if (step_done(s->urgent_purge))
        return db_err(s, s->db, e, "cannot purge the counts of urgent help");
    return n;
}

static int io_failed(store *s, err *e, const char *what);

long store_delete_receipted(store *s, const long long *numbers, int n, int *receipted, err *e)
{
    *receipted = 0;
    if (s->readonly)
        return err_set(e, "%s: opened read-only: nothing can be deleted", s->path);
    if (reopen(s, e))
        return -1;
    if (exec(s, s->db, "BEGIN IMMEDIATE", "cannot delete receipted submissions", e))
        return -1;
    sqlite3_stmt *nb = NULL, *del = NULL;
    long long next = 0;
    long gone = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT next_batch FROM device", -1, &nb, NULL) != SQLITE_OK ||
        sqlite3_step(nb) != SQLITE_ROW)
        goto fail;
    next = sqlite3_column_int64(nb, 0);
    /* only what was marked exported under a number this store gave out: a receipt naming a
     * batch it never wrote, or one reserved and not yet written, deletes nothing */
    if (sqlite3_prepare_v2(s->db, "DELETE FROM submissions WHERE batch = ?1 AND exported = 1",
                           -1, &del, NULL) != SQLITE_OK)
        goto fail;
    for (int i = 0; i < n; i++) {
        if (numbers[i] < 1 || numbers[i] >= next)
            continue;
        (*receipted)++;
        sqlite3_bind_int64(del, 1, numbers[i]);
        if (sqlite3_step(del) != SQLITE_DONE)
            goto fail;
        gone += (long)sqlite3_changes(s->db);
        sqlite3_reset(del);
    }
    sqlite3_finalize(nb);
    sqlite3_finalize(del);
    nb = del = NULL;
    if (exec(s, s->db, "COMMIT", "cannot delete receipted submissions", e)) {
        io_failed(s, e, "cannot delete receipted submissions");
        return -1;
    }
    return gone;
fail:
    sqlite3_finalize(nb);
    sqlite3_finalize(del);
    *receipted = 0;
    return io_failed(s, e, "cannot delete receipted submissions");
}

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

/* The first column of the first row of sql (one integer bound as ?1 when bind) into *v. */
static int one_int(store *s, const char *sql, int bind, long long arg, long long *v,
                   const char *what, err *e)
{
    if (reopen(s, e))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_err(s, s->db, e, what);
    if (bind)
        sqlite3_bind_int64(st, 1, arg);
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_err(s, s->db, e, what);
}

long store_unexported_count(store *s, err *e)
{
    long long n;
    return one_int(s, "SELECT count(*) FROM submissions WHERE exported = 0", 0, 0, &n,
                   "cannot count the submissions to export", e) ? -1 : (long)n;
}

int store_reserved(store *s, long long after, long long *batch, err *e)
{
    return one_int(s, "SELECT coalesce(min(batch), 0) FROM submissions WHERE exported = 0 AND "
                   "batch > ?1", 1, after, batch, "cannot read the batches reserved", e);
}

int store_next_batch(store *s, long long *n, err *e)
{
    return one_int(s, "SELECT next_batch FROM device", 0, 0, n, "cannot read the batch number",
                   e);
}

int store_exported_before(store *s, err *e)
{
    long long v;
    return one_int(s, "SELECT (SELECT next_batch FROM device) > 1 OR EXISTS (SELECT 1 FROM "
                   "submissions WHERE exported = 1)", 0, 0, &v, "cannot read the export state",
                   e) ? -1 : (int)v;
}

long store_reserve(store *s, long max_count, size_t max_bytes, size_t per_item,
                   long long *batch, err *e)
{
    if (s->readonly)
        return err_set(e, "%s: opened read-only: no batch can be reserved", s->path);
    if (reopen(s, e))
        return -1;
    if (exec(s, s->db, "BEGIN IMMEDIATE", "cannot reserve a batch", e))
        return -1;
    long long n = 0;
    long got = -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT next_batch FROM device", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        goto fail;
    n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    /* in id order, as many as fit: the random ids make the order random, and the same
     * waiting submissions always make the same batch */
    if (sqlite3_prepare_v2(s->db, "UPDATE submissions SET batch = ?1 WHERE id IN (SELECT id "
                           "FROM (SELECT id, row_number() OVER w AS k, sum(length(sealed) + ?4) "
                           "OVER w AS total FROM submissions WHERE exported = 0 AND batch IS "
                           "NULL WINDOW w AS (ORDER BY id ROWS UNBOUNDED PRECEDING)) WHERE k <= "
                           "?2 AND total <= ?3)", -1, &st, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, n);
    sqlite3_bind_int64(st, 2, max_count);
    sqlite3_bind_int64(st, 3, (long long)max_bytes);
    sqlite3_bind_int64(st, 4, (long long)per_item);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    st = NULL;
    got = (long)sqlite3_changes(s->db);
    if (got && exec(s, s->db, "UPDATE device SET next_batch = next_batch + 1", "cannot reserve "
                    "a batch", e))
        goto fail_done;
    if (exec(s, s->db, "COMMIT", "cannot reserve a batch", e))
        goto fail_done;
    *batch = n;
    return got;
fail:
    sqlite3_finalize(st);
    return io_failed(s, e, "cannot reserve a batch");
fail_done:
    io_failed(s, e, "cannot reserve a batch");
    return -1;
}

/* The submissions of sql (id, sealed), one bound argument as ?1, to each. */
static long read_sealed(store *s, const char *sql, long long num, const char *text,
                        int (*each)(const store_sealed *, void *), void *ctx, err *e)
{
    if (reopen(s, e))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_err(s, s->db, e, "cannot read the submissions to export");
    if (text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 1, num);
    long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_sealed r;
        r.id = (const char *)sqlite3_column_text(st, 0);
        r.sealed = sqlite3_column_blob(st, 1);
        r.len = (size_t)sqlite3_column_bytes(st, 1);
        if (!r.id)
            r.id = "";
        if (each(&r, ctx)) {
            rc = SQLITE_DONE;
            break;
        }
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_err(s, s->db, e, "cannot read the submissions to export");
    return n;
}

long store_batch_read(store *s, long long batch, int (*each)(const store_sealed *, void *),
                      void *ctx, err *e)
{
    return read_sealed(s, "SELECT id, sealed FROM submissions WHERE batch = ?1 AND "
                       "exported = 0 ORDER BY id", batch, NULL, each, ctx, e);
}

long store_unreserved(store *s, const char *after, int (*each)(const store_sealed *, void *),
                      void *ctx, err *e)
{
    return read_sealed(s, "SELECT id, sealed FROM submissions WHERE batch IS NULL AND "
                       "exported = 0 AND id > ?1 ORDER BY id", 0, after ? after : "", each, ctx,
                       e);
}

long store_mark_exported(store *s, long long batch, err *e)
{
    if (s->readonly)
        return err_set(e, "%s: opened read-only: the export mark cannot be kept", s->path);
    if (reopen(s, e))
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "UPDATE submissions SET exported = 1 WHERE batch = ?1 AND "
                           "exported = 0", -1, &st, NULL) != SQLITE_OK)
        return db_err(s, s->db, e, "cannot mark submissions exported");
    sqlite3_bind_int64(st, 1, batch);
    /* one statement is one transaction: all marked, or none */
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return io_failed(s, e, "cannot mark submissions exported");
    return (long)sqlite3_changes(s->db);
}
