/* merge: batches into the central database (merge.h, central.h). */
#include "sync/merge.h"
#include "core/buf.h"
#include "feedback.h"
#include "fs.h"
#include "core/utf8.h"
#include "store/sealed.h"
#include "store/vfs.h"
#include "sync/central.h"
#include "sync/receipt.h"

#include <limits.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NCONTENT 11
/* answers between commits: one commit a batch would rewrite the pages of the UUID index a
 * batch touches (most of them, UUIDs being random) once per batch */
#define COMMIT_EVERY 250000

enum { S_INSERT, S_GET, S_REPLACE, S_CONF_ADD, S_CONF_LIST, S_CONF_CLEAR, S_FOREIGN,
       S_DEV_GET, S_DEV_PUT, S_BATCH_PUT, S_KNOWN, S_KEY_GET, S_KEY_PUT, S_ENR_GET,
       S_ENR_NEW, S_ENR_LINK, S_DELETED, S_N };

/* An answer is its device and UUID (central.h): every statement on answers and conflicts
 * names both, so one device's batch never reaches another device's answers. */
static const char *const sql[S_N] = {
    [S_INSERT] = "INSERT INTO answers(uuid, device, seq, submission, survey, question, value, "
                 "lang, pack, pack_version, period, kind, batch) VALUES (?1,?2,?3,?4,?5,?6,?7,"
                 "?8,?9,?10,?11,?12,?13) ON CONFLICT(uuid, device) DO NOTHING",
    [S_GET] = "SELECT device, seq, submission, survey, question, value, lang, pack, "
              "pack_version, period, kind, batch FROM answers WHERE uuid = ?1 AND device = ?2",
    [S_REPLACE] = "UPDATE answers SET seq = ?3, submission = ?4, survey = ?5, "
                  "question = ?6, value = ?7, lang = ?8, pack = ?9, pack_version = ?10, "
                  "period = ?11, kind = ?12, batch = ?13 WHERE uuid = ?1 AND device = ?2",
    [S_CONF_ADD] = "INSERT INTO conflicts(uuid, device, seq, submission, survey, "
                   "question, value, lang, pack, pack_version, period, kind, batch, reason) "
                   "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
    [S_CONF_LIST] = "SELECT device, seq, submission, survey, question, value, lang, pack, "
                    "pack_version, period, kind, batch FROM conflicts WHERE uuid = ?1 AND "
                    "device = ?2",
    [S_CONF_CLEAR] = "DELETE FROM conflicts WHERE uuid = ?1 AND device = ?2",
    [S_FOREIGN] = "SELECT device FROM answers WHERE uuid = ?1 AND device <> ?2 LIMIT 1",
    [S_DEV_GET] = "SELECT public_key FROM devices WHERE id = ?1",
    [S_DEV_PUT] = "INSERT INTO devices(id, public_key, first_batch, last_period, last_merged) "
                  "VALUES (?1,?2,?3,?4,?5) ON CONFLICT(id) DO UPDATE SET "
                  "first_batch = min(coalesce(first_batch, excluded.first_batch), "
                  "excluded.first_batch), "
                  "last_period = max(coalesce(last_period, excluded.last_period), "
                  "excluded.last_period), last_merged = excluded.last_merged",
    [S_KNOWN] = "SELECT 1 FROM batches WHERE name = ?1 AND sha256 = ?2 AND ("
                "EXISTS (SELECT 1 FROM devices WHERE id = batches.device AND public_key = ?3) OR "
                "EXISTS (SELECT 1 FROM device_keys WHERE device = batches.device AND "
                "public_key = ?3))",
    [S_KEY_GET] = "SELECT 1 FROM device_keys WHERE device = ?1 AND public_key = ?2",
    [S_KEY_PUT] = "INSERT OR IGNORE INTO device_keys(device, public_key, replaces, accepted) "
                  "VALUES (?1,?2,?3,?4)",
    [S_ENR_GET] = "SELECT 1 FROM enrolled WHERE public_key = ?1 OR device = ?2",
    [S_ENR_NEW] = "INSERT OR IGNORE INTO enrolled(public_key, device, name, enrolled) "
                  "VALUES (?1,?2,?3,?4)",
    [S_ENR_LINK] = "UPDATE OR IGNORE enrolled SET device = ?2 WHERE public_key = ?1 AND "
                   "device IS NULL",
    [S_DELETED] = "SELECT 1 FROM deletions WHERE submission = ?1",
    [S_BATCH_PUT] = "INSERT INTO batches(name, device, first_seq, last_seq, count, sha256, "
                    "format, number, sealed) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9) "
                    "ON CONFLICT(name) DO UPDATE SET "
                    "device = excluded.device, first_seq = excluded.first_seq, "
                    "last_seq = excluded.last_seq, count = excluded.count, "
                    "sha256 = excluded.sha256, format = excluded.format, "
                    "number = excluded.number, sealed = excluded.sealed "
                    "WHERE excluded.sha256 < sha256",
};

struct sync_merger {
    sqlite3 *db;
    char path[PATH_MAX];
    sync_seal_key *keys; /* the office's keys given, tried in turn */
    int nkeys;
    int allow_plain;     /* format 1 batches that were not sealed are taken */
    int enrol_new;       /* a device not enrolled is enrolled by its first batch */
    int any_deleted;     /* the deletions table holds a row: each answer is looked up in it */
    char (*touched)[37]; /* devices of the format 2 batches merged, for sync_merge_gaps */
    int ntouched;
    int tx;              /* a transaction is open: batches since the last commit */
    char (*accept)[37];  /* devices whose other keys this merge accepts */
    int naccept;
    long long pending;   /* answers in it */
    struct done { char *path; char device[37]; } *done; /* files merged (or known), in turn */
    int ndone, ncommitted; /* the first ncommitted of them are in the database */
    sqlite3_stmt *st[S_N];
};

/* One copy of an answer: its content (compared, in this order) and the batch it came in. */
static const char *const content_names[NCONTENT] = {
    "device", "seq", "submission", "survey", "question", "value", "lang", "pack",
    "pack_version", "period", "kind"};

typedef struct copy {
    const char *text[NCONTENT]; /* seq and period: NULL, see num */
    long long num[NCONTENT];
    const char *batch;
} copy;

static int end_tx(sync_merger *m, const char *how, err *e);

static int db_fail(sync_merger *m, err *e, const char *what)
{
    return err_set(e, "%s: %s: %s", m->path, what, sqlite3_errmsg(m->db));
}

static int exec(sync_merger *m, const char *s, const char *what, err *e)
{
    return sqlite3_exec(m->db, s, NULL, NULL, NULL) == SQLITE_OK ? 0 : db_fail(m, e, what);
}

/* ---- opening ------------------------------------------------------------------------- */

static long long one(sqlite3 *db, const char *q)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

void sync_merge_close(sync_merger *m)
{
    if (!m)
        return;
    end_tx(m, "ROLLBACK", NULL);
    for (int i = 0; i < S_N; i++)
        sqlite3_finalize(m->st[i]);
    sqlite3_close(m->db);
    if (m->keys)
        sodium_memzero(m->keys, (size_t)m->nkeys * sizeof *m->keys);
    free(m->keys);
    free(m->touched);
    free(m->accept);
    for (int i = 0; i < m->ndone; i++)
        free(m->done[i].path);
    free(m->done);
    free(m);
}

/* The tables answers and conflicts as version 2 made them: what version 1 is taken to. A
 * released schema is never edited; version 3 adds its columns to it (migrate_v2). */
#define SCHEMA_V2_ANSWERS                                                                    \
    "CREATE TABLE answers(uuid TEXT NOT NULL, device TEXT NOT NULL,\n"                      \
    "  seq INTEGER NOT NULL, submission TEXT NOT NULL, survey TEXT NOT NULL,\n"               \
    "  question TEXT NOT NULL, value TEXT NOT NULL, lang TEXT NOT NULL, pack TEXT NOT NULL,\n" \
    "  pack_version TEXT NOT NULL,\n"                                                          \
    "  period INTEGER NOT NULL /* unix time, rounded on the kiosk */, batch TEXT NOT NULL,\n"  \
    "  PRIMARY KEY(uuid, device));\n"                                                          \
    "CREATE TABLE conflicts(uuid TEXT NOT NULL, batch TEXT NOT NULL,\n"                      \
    "  reason TEXT NOT NULL,\n"                                                                \
    "  /* the other copy, kept whole so nothing is lost */\n"                                 \
    "  device TEXT, seq INTEGER, submission TEXT, survey TEXT, question TEXT, value TEXT,\n"   \
    "  lang TEXT, pack TEXT, pack_version TEXT, period INTEGER);\n"                          \
    "CREATE INDEX conflicts_answer ON conflicts(uuid, device);\n"

/* Version 2 to 3: the kind of each answer, and each batch's format, number and seal; NULL
 * in what version 2 held (central.h says how the report takes an answer without a kind). */
static const char *const v2_to_v3 =
    "ALTER TABLE answers ADD COLUMN kind TEXT /* version 3 */;\n"
    "ALTER TABLE conflicts ADD COLUMN kind TEXT /* version 3 */;\n"
    "ALTER TABLE batches ADD COLUMN format INTEGER;\n"
    "ALTER TABLE batches ADD COLUMN number INTEGER;\n"
    "ALTER TABLE batches ADD COLUMN sealed INTEGER;\n";

/* Version 1 keyed answers by UUID alone: the table is built again keyed by UUID and device
 * (central.h), in one transaction, and taken on to version 3. A copy that version 1 logged
 * as a conflict though it came from another device than the kept answer is that device's
 * own answer now. */
static int migrate_v1(sync_merger *m, err *e)
{
    const char *setv = "PRAGMA user_version = 3;";
    static const char *const move =
        "ALTER TABLE answers RENAME TO answers_v1;\n"
        "ALTER TABLE conflicts RENAME TO conflicts_v1;\n"
        "DROP INDEX IF EXISTS conflicts_answer;\n" SCHEMA_V2_ANSWERS
        "INSERT INTO answers SELECT uuid, device, seq, submission, survey, question, value, "
        "lang, pack, pack_version, period, batch FROM answers_v1;\n"
        "INSERT INTO conflicts(uuid, batch, reason, device, seq, submission, survey, question, "
        "value, lang, pack, pack_version, period) SELECT uuid, batch, reason, device, seq, "
        "submission, survey, question, value, lang, pack, pack_version, period FROM "
        "conflicts_v1;\n"
        "DROP TABLE answers_v1;\n"
        "DROP TABLE conflicts_v1;\n"
        "INSERT OR IGNORE INTO answers SELECT uuid, device, seq, submission, survey, question, "
        "value, lang, pack, pack_version, period, batch FROM conflicts c WHERE device IS NOT "
        "NULL AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.uuid = c.uuid AND a.device = "
        "c.device) ORDER BY batch, seq, submission, survey, question, value, lang, pack, "
        "pack_version, period;\n"
        "DELETE FROM conflicts WHERE EXISTS (SELECT 1 FROM answers a WHERE a.uuid = "
        "conflicts.uuid AND a.device IS conflicts.device AND a.batch = conflicts.batch AND "
        "a.seq IS conflicts.seq AND a.submission IS conflicts.submission AND a.survey IS "
        "conflicts.survey AND a.question IS conflicts.question AND a.value IS conflicts.value "
        "AND a.lang IS conflicts.lang AND a.pack IS conflicts.pack AND a.pack_version IS "
        "conflicts.pack_version AND a.period IS conflicts.period);\n";
    if (exec(m, "BEGIN IMMEDIATE", "cannot migrate from version 1", e))
        return -1;
    if (exec(m, move, "cannot migrate from version 1 (left as it was)", e) ||
        exec(m, v2_to_v3, "cannot migrate from version 1 (left as it was)", e) ||
        exec(m, setv, "cannot migrate from version 1 (left as it was)", e) ||
        exec(m, "COMMIT", "cannot migrate from version 1 (left as it was)", e)) {
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

/* Version 2 to 3 in place, in one transaction. */
static int migrate_v2(sync_merger *m, err *e)
{
    const char *setv = "PRAGMA user_version = 3;";
    if (exec(m, "BEGIN IMMEDIATE", "cannot migrate from version 2", e))
        return -1;
    if (exec(m, v2_to_v3, "cannot migrate from version 2 (left as it was)", e) ||
        exec(m, setv, "cannot migrate from version 2 (left as it was)", e) ||
        exec(m, "COMMIT", "cannot migrate from version 2 (left as it was)", e)) {
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

/* Version 3 to 4 in place, in one transaction: the tables of central.h's version 4, and
 * every device merged before enrolled, named from its id as the report named it, so an
 * office that upgrades refuses none of the kiosks it already took batches from. */
static int migrate_v3(sync_merger *m, err *e)
{
    static const char *const enrol =
        "INSERT OR IGNORE INTO enrolled(public_key, device, name, enrolled) SELECT public_key, "
        "id, 'Kiosk ' || upper(substr(id, 1, 8)), CAST(strftime('%s', 'now') AS INTEGER) FROM "
        "devices ORDER BY id;\n"
        "PRAGMA user_version = 4;";
    if (exec(m, "BEGIN IMMEDIATE", "cannot migrate from version 3", e))
        return -1;
    if (exec(m, CENTRAL_SCHEMA_V4, "cannot migrate from version 3 (left as it was)", e) ||
        exec(m, enrol, "cannot migrate from version 3 (left as it was)", e) ||
        exec(m, "COMMIT", "cannot migrate from version 3 (left as it was)", e)) {
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

sync_merger *sync_merge_open(const char *central, const sync_seal_key *key, err *e)
{
    if (store_vfs_register(e))
        return NULL;
    sync_merger *m = xcalloc(1, sizeof *m);
    if ((size_t)snprintf(m->path, sizeof m->path, "%s", central) >= sizeof m->path) {
        err_set(e, "%s: path too long", central);
        goto fail;
    }
    if (key && sync_merge_add_key(m, key))
        goto fail;
    if (!fs_exists(central) && fs_write_atomic(central, "", 0, 0600, e))
        goto fail;
    if (sqlite3_open_v2(central, &m->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                        STORE_VFS_NAME) != SQLITE_OK) {
        db_fail(m, e, "cannot open the central database");
        goto fail;
    }
    sqlite3_busy_timeout(m->db, 5000);
    sqlite3_db_config(m->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    long long v = one(m->db, "PRAGMA user_version");
    long long tables = one(m->db, "SELECT count(*) FROM sqlite_master");
    if (v < 0 || tables < 0) {
        err_set(e, "%s: not a central database (not SQLite, or damaged)", central);
        goto fail;
    }
    long long app = one(m->db, "PRAGMA application_id");
    if (tables > 0 && (v == 0 || app != CENTRAL_APPLICATION_ID)) {
        err_set(e, "%s: not a central database (it holds other tables: a kiosk's feedback.db "
                "or a pack?): left untouched", central);
        goto fail;
    }
    if (v > CENTRAL_VERSION) {
        err_set(e, "%s: central database version %lld is newer than this sveikictl's (%d): "
                "left untouched", central, v, CENTRAL_VERSION);
        goto fail;
    }
    /* a rollback journal, not a log: a merge mostly adds pages, which a journal writes once
     * and a log twice (to the log, then to the database); FULL: a commit survives a power cut;
     * 16 KiB pages (set before the first table) save a fifth of the inserting time */
    if (exec(m, "PRAGMA journal_mode=TRUNCATE; PRAGMA synchronous=FULL; PRAGMA cache_size=-262144",
             "cannot set up", e))
        goto fail;
    if ((v == 1 && migrate_v1(m, e)) || (v == 2 && migrate_v2(m, e)) ||
        (v >= 1 && v <= 3 && migrate_v3(m, e)))
        goto fail;
    if (v == 0) {
        char setv[64];
        snprintf(setv, sizeof setv, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
                 CENTRAL_VERSION, CENTRAL_APPLICATION_ID);
        if (exec(m, "PRAGMA page_size = 16384", "cannot create the schema", e) ||
            exec(m, "BEGIN IMMEDIATE", "cannot create the schema", e) ||
            exec(m, CENTRAL_SCHEMA, "cannot create the schema", e) ||
            exec(m, setv, "cannot create the schema", e) ||
            exec(m, "COMMIT", "cannot create the schema", e))
            goto fail;
    }
    /* a table added after version 1: made in a database from before it; deleting overwrites
     * (sveikictl purge and delete leave no answer readable in free pages) */
    if (exec(m, CENTRAL_SCHEMA_KEYS, "cannot add the device_keys table", e) ||
        exec(m, "PRAGMA secure_delete = ON", "cannot set up", e))
        goto fail;
    m->any_deleted = one(m->db, "SELECT EXISTS (SELECT 1 FROM deletions)") != 0;
    for (int i = 0; i < S_N; i++)
        if (sqlite3_prepare_v3(m->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &m->st[i], NULL) !=
            SQLITE_OK) {
            db_fail(m, e, "its tables are not as central.h says");
            goto fail;
        }
    return m;
fail:
    sync_merge_close(m);
    return NULL;
}

/* ---- one batch ------------------------------------------------------------------------- */

static int step_done(sqlite3_stmt *st);

/* A file merged (or known from before), for receipts and --remove-merged once committed. */
static void done(sync_merger *m, const char *path, const char *device)
{
    m->done = xrealloc(m->done, (size_t)(m->ndone + 1) * sizeof *m->done);
    m->done[m->ndone].path = xstrdup(path);
    str_copy(m->done[m->ndone].device, 37, device);
    m->ndone++;
}

void sync_merge_enrol_new(sync_merger *m, int on) { m->enrol_new = on; }

/* Whether b's key or device is enrolled: 1, 0, or -1. */
static int enrolled(sync_merger *m, const sync_batch *b)
{
    sqlite3_stmt *q = m->st[S_ENR_GET];
    sqlite3_bind_text(q, 1, b->key_b64, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, b->device, -1, SQLITE_STATIC);
    int r = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return r == SQLITE_ROW ? 1 : r == SQLITE_DONE ? 0 : -1;
}

/* Inside a batch's savepoint: a device not enrolled (was 0, --enrol-new) is, named from its
 * id; a key enrolled from its file learns its device id. 0 or -1. */
static int enrol(sync_merger *m, const sync_batch *b, int was)
{
    if (!was) {
        char name[32];
        snprintf(name, sizeof name, "Kiosk %.8s", b->device);
        for (char *p = name + 6; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
        sqlite3_stmt *n = m->st[S_ENR_NEW];
        sqlite3_bind_text(n, 1, b->key_b64, -1, SQLITE_STATIC);
        sqlite3_bind_text(n, 2, b->device, -1, SQLITE_STATIC);
        sqlite3_bind_text(n, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(n, 4, (long long)time(NULL));
        if (step_done(n))
            return -1;
    }
    sqlite3_stmt *l = m->st[S_ENR_LINK];
    sqlite3_bind_text(l, 1, b->key_b64, -1, SQLITE_STATIC);
    sqlite3_bind_text(l, 2, b->device, -1, SQLITE_STATIC);
    return step_done(l);
}

static void bind_copy(sqlite3_stmt *st, int first, const copy *c)
{
    for (int k = 0; k < NCONTENT; k++) {
        if (k == NCONTENT - 1 && !*c->text[k])
            sqlite3_bind_null(st, first + k); /* no kind came with it */
        else if (c->text[k])
            sqlite3_bind_text(st, first + k, c->text[k], -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(st, first + k, c->num[k]);
    }
    sqlite3_bind_text(st, first + NCONTENT, c->batch, -1, SQLITE_STATIC);
}

static void from_answer(copy *c, const char *device, const sync_answer *a, const char *lang,
                        const char *batch)
{
    const char *t[NCONTENT] = {device, NULL, a->submission, a->survey, a->question,
                               a->value, lang, a->pack, a->pack_version, NULL,
                               a->kind ? a->kind : ""};
    memcpy(c->text, t, sizeof t);
    memset(c->num, 0, sizeof c->num);
    c->num[1] = a->seq, c->num[9] = a->period;
    c->batch = batch;
}

/* A copy from the columns of a row (device ... period, batch), strings in the statement. */
static void from_row(copy *c, sqlite3_stmt *st)
{
    for (int k = 0; k < NCONTENT; k++) {
        int num = k == 1 || k == 9;
        c->text[k] = num ? NULL : (const char *)sqlite3_column_text(st, k);
        if (!num && !c->text[k])
            c->text[k] = "";
        c->num[k] = num ? sqlite3_column_int64(st, k) : 0;
    }
    c->batch = (const char *)sqlite3_column_text(st, NCONTENT);
    if (!c->batch)
        c->batch = "";
}

/* Compares the content of two copies (not the batch): <0, 0, >0. */
static int content_cmp(const copy *a, const copy *b)
{
    for (int k = 0; k < NCONTENT; k++) {
        int c = a->text[k] ? strcmp(a->text[k], b->text[k])
                           : (a->num[k] > b->num[k]) - (a->num[k] < b->num[k]);
        if (c)
            return c;
    }
    return 0;
}

static void reason(const copy *lost, const copy *kept, char *out, size_t cap)
{
    int o = snprintf(out, cap, "same UUID as an answer kept, other content (differs in:");
    for (int k = 0; k < NCONTENT && (size_t)o < cap; k++) {
        int differ = lost->text[k] ? strcmp(lost->text[k], kept->text[k])
                                   : lost->num[k] != kept->num[k];
        if (differ)
            o += snprintf(out + o, cap - (size_t)o, " %s", content_names[k]);
    }
    if ((size_t)o < cap)
        snprintf(out + o, cap - (size_t)o, ")");
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* A copy whose strings it owns (read from a row, before the statement is reset). */
typedef struct owned {
    copy c;
    char *keep[NCONTENT + 1];
} owned;

static void own(owned *o, const copy *c)
{
    o->c = *c;
    for (int k = 0; k < NCONTENT; k++)
        o->keep[k] = c->text[k] ? (char *)(o->c.text[k] = xstrdup(c->text[k])) : NULL;
    o->c.batch = o->keep[NCONTENT] = xstrdup(c->batch);
}

static void disown(owned *o)
{
    for (int k = 0; k <= NCONTENT; k++)
        free(o->keep[k]);
}

/* (batch, content): the order in which copies are kept, answers taking the first */
static int by_batch(const void *a, const void *b)
{
    const copy *x = *(const copy *const *)a, *y = *(const copy *const *)b;
    int c = strcmp(x->batch, y->batch);
    return c ? c : content_cmp(x, y);
}

static void bind_key(sqlite3_stmt *st, const char *uuid, const copy *c)
{
    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->text[0], -1, SQLITE_STATIC);
}

/* A copy whose device and UUID are in answers already: a duplicate (0) or a conflict (1); -1
 * on error. Every distinct content of the answer has a key, (the first batch by name that
 * brought it, the content); answers holds the smallest, conflicts the next
 * CENTRAL_CONFLICTS_MAX. A key only ever gets smaller, so the contents kept after any merges
 * are the smallest of all seen, whatever the order: one left out beyond the cap had a key
 * larger than all of those kept, and could only come back with a smaller one, from a batch
 * that brings it again. */
static int resolve(sync_merger *m, const char *uuid, const copy *n)
{
    owned *all = NULL;
    const copy **ord = NULL;
    int nall = 0, cap = 0, rc = -1, r;
    /* the kept copy first, then the logged ones */
    for (int pass = 0; pass < 2; pass++) {
        sqlite3_stmt *st = m->st[pass ? S_CONF_LIST : S_GET];
        bind_key(st, uuid, n);
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            if (nall == cap)
                all = xrealloc(all, (size_t)(cap = cap ? 2 * cap : 8) * sizeof *all);
            copy c;
            from_row(&c, st);
            own(&all[nall++], &c);
        }
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (r != SQLITE_DONE || !nall)
            goto done;
    }
    int was = nall, found = -1;
    for (int i = 0; i < nall && found < 0; i++)
        if (!content_cmp(&all[i].c, n))
            found = i;
    int dup = found == 0;
    /* what changes: the kept copy's batch, a logged copy's batch, or a new content */
    int rebatch = found >= 0 && strcmp(n->batch, all[found].c.batch) < 0;
    if (found < 0 || rebatch) {
        ord = xmalloc((size_t)(nall + 1) * sizeof *ord);
        for (int i = 0; i < nall; i++)
            ord[i] = &all[i].c;
        copy moved;
        if (found < 0)
            ord[nall] = n;
        else {
            moved = all[found].c;
            moved.batch = n->batch;
            ord[found] = &moved;
        }
        int total = nall + (found < 0);
        qsort(ord, (size_t)total, sizeof *ord, by_batch);
        if (total > 1 + CENTRAL_CONFLICTS_MAX)
            total = 1 + CENTRAL_CONFLICTS_MAX;
        int kept_changed = content_cmp(ord[0], &all[0].c) || strcmp(ord[0]->batch, all[0].c.batch);
        if (kept_changed) {
            sqlite3_stmt *st = m->st[S_REPLACE];
            bind_copy(st, 2, ord[0]);
            sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
            if (step_done(st))
                goto done;
        }
        /* the logged copies are written again when more than the kept copy's batch changed
         * (each reason names how a copy differs from the kept one) */
        if (!dup || was > 1 + CENTRAL_CONFLICTS_MAX) {
            sqlite3_stmt *st = m->st[S_CONF_CLEAR];
            bind_key(st, uuid, n);
            if (step_done(st))
                goto done;
            for (int i = 1; i < total; i++) {
                char why[300];
                reason(ord[i], ord[0], why, sizeof why);
                st = m->st[S_CONF_ADD];
                sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
                bind_copy(st, 2, ord[i]);
                sqlite3_bind_text(st, 14, why, -1, SQLITE_STATIC);
                if (step_done(st))
                    goto done;
            }
        }
    }
    rc = !dup;
done:
    for (int i = 0; i < nall; i++)
        disown(&all[i]);
    free(all);
    free(ord);
    return rc;
}

/* Forgets the files merged since the last commit: they are not in the database. */
static void undone(sync_merger *m)
{
    while (m->ndone > m->ncommitted)
        free(m->done[--m->ndone].path);
}

static int end_tx(sync_merger *m, const char *how, err *e)
{
    int commit = !strcmp(how, "COMMIT");
    if (!m->tx) {
        if (commit) /* files known from before: committed then */
            m->ncommitted = m->ndone;
        return 0;
    }
    m->tx = 0, m->pending = 0;
    if (commit && exec(m, "COMMIT", "cannot commit", e)) {
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
        undone(m);
        return -1;
    }
    if (!commit) {
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
        undone(m);
        return 0;
    }
    m->ncommitted = m->ndone;
    return 0;
}

int sync_merge_finish(sync_merger *m, err *e) { return end_tx(m, "COMMIT", e); }

int sync_merge_accept_key(sync_merger *m, const char *device, err *e)
{
    size_t n = strlen(device);
    int ok = n == 36;
    for (size_t i = 0; i < n && ok; i++)
        ok = i == 8 || i == 13 || i == 18 || i == 23 ? device[i] == '-'
             : (device[i] >= '0' && device[i] <= '9') || (device[i] >= 'a' && device[i] <= 'f');
    if (!ok)
        return err_set(e, "--accept-key-change %s: not a device id (a lowercase UUID)", device);
    m->accept = xrealloc(m->accept, (size_t)(m->naccept + 1) * sizeof *m->accept);
    memcpy(m->accept[m->naccept++], device, 37);
    return 0;
}

/* A batch signed with another key than the device's first: 1 when that key was accepted
 * (before, or now by the operator: then recorded), 0 when not, -1 on a database error. */
static int other_key(sync_merger *m, const sync_batch *b)
{
    sqlite3_stmt *st = m->st[S_KEY_GET];
    sqlite3_bind_text(st, 1, b->device, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b->key_b64, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (r == SQLITE_ROW)
        return 1;
    if (r != SQLITE_DONE)
        return -1;
    int accepted = 0;
    for (int i = 0; i < m->naccept && !accepted; i++)
        accepted = !strcmp(m->accept[i], b->device);
    if (!accepted)
        return 0;
    st = m->st[S_KEY_PUT];
    sqlite3_bind_text(st, 1, b->device, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b->key_b64, -1, SQLITE_STATIC);
    if (b->key_change[0])
        sqlite3_bind_text(st, 3, b->key_change, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (long long)time(NULL));
    return step_done(st) ? -1 : 1;
}

int sync_merge_add_key(sync_merger *m, const sync_seal_key *key)
{
    m->keys = xrealloc(m->keys, (size_t)(m->nkeys + 1) * sizeof *m->keys);
    m->keys[m->nkeys++] = *key;
    return 0;
}

void sync_merge_allow_plain(sync_merger *m, int allow) { m->allow_plain = allow; }

/* A device whose format 2 batch was merged: its batch numbers are looked at for gaps. */
static void touch(sync_merger *m, const char *device)
{
    for (int i = 0; i < m->ntouched; i++)
        if (!strcmp(m->touched[i], device))
            return;
    m->touched = xrealloc(m->touched, (size_t)(m->ntouched + 1) * sizeof *m->touched);
    memcpy(m->touched[m->ntouched++], device, 37);
}

/* The answers a batch merged before brought (its count then; format 2 counts submissions in
 * its header, answers only once opened). */
static long long known_answers(sync_merger *m, const sync_batch *b)
{
    sqlite3_stmt *st;
    long long n = b->count;
    if (sqlite3_prepare_v2(m->db, "SELECT count FROM batches WHERE name = ?1", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, b->name, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER)
            n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return n;
}

/* "2, 4 to 6" of the numbers missing between from and to (both missing) into b. */
static void span(buf *b, long long from, long long to, int *first)
{
    buf_printf(b, "%s%lld", *first ? "" : ", ", from);
    if (to > from)
        buf_printf(b, " to %lld", to);
    *first = 0;
}

int sync_merge_gaps(sync_merger *m, char ***lines, int *n, err *e)
{
    *lines = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(m->db, "SELECT DISTINCT number FROM batches WHERE device = ?1 AND "
                           "format = 2 AND number > 0 ORDER BY number", -1, &st, NULL) !=
        SQLITE_OK)
        return db_fail(m, e, "cannot read the batch numbers");
    for (int d = 0; d < m->ntouched; d++) {
        sqlite3_bind_text(st, 1, m->touched[d], -1, SQLITE_STATIC);
        long long want = 1, missing = 0;
        int first = 1, rc;
        buf b;
        buf_init(&b);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            long long k = sqlite3_column_int64(st, 0);
            if (k > want) {
                missing += k - want;
                span(&b, want, k - 1, &first);
            }
            want = k + 1;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            buf_free(&b);
            sqlite3_finalize(st);
            return db_fail(m, e, "cannot read the batch numbers");
        }
        if (missing) {
            buf line;
            buf_init(&line);
            buf_printf(&line, "device %s: batch%s %s never merged (%lld missing below number "
                       "%lld: on a stick not yet brought, or lost)", m->touched[d],
                       missing == 1 ? "" : "es", b.data, missing, want - 1);
            *lines = xrealloc(*lines, (size_t)(*n + 1) * sizeof **lines);
            (*lines)[(*n)++] = buf_take(&line);
        }
        buf_free(&b);
    }
    sqlite3_finalize(st);
    return 0;
}

/* Whether this very batch (name, payload hash and device key) was merged before. */
static int known(sync_merger *m, const sync_batch *b)
{
    sqlite3_stmt *st = m->st[S_KNOWN];
    sqlite3_bind_text(st, 1, b->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, b->key_b64, -1, SQLITE_STATIC);
    int k = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return k;
}

static int by_uuid(const void *a, const void *b)
{
    return memcmp((*(const sync_answer *const *)a)->uuid, (*(const sync_answer *const *)b)->uuid,
                  36);
}

int sync_merge_file(sync_merger *m, const char *path, sync_merge_stats *st, err *e)
{
    st->note[0] = 0;
    sync_batch b;
    char (*langs)[FEEDBACK_LANG_MAX + 1] = NULL;
    if (sync_open(path, NULL, &b, e)) {
        st->rejected++;
        return 1;
    }
    /* every answer of a plain batch was readable on its way: taken only when the operator
     * says so */
    if (!b.sealed && !m->allow_plain) {
        err_set(e, "%s: a plain batch (format 1, not sealed): every answer in it could be read "
                "on its way here; merged only with --allow-plain", path);
        sync_batch_free(&b);
        st->rejected++;
        return 1;
    }
    /* a batch merged before, byte for byte: every answer in it was taken into account then,
     * and would change nothing now (nor need the operator's key again) */
    if (known(m, &b)) {
        st->duplicates += known_answers(m, &b);
        st->merged++;
        str_copy(st->device, sizeof st->device, b.device);
        done(m, path, b.device);
        if (b.format == 2)
            touch(m, b.device);
        sync_batch_free(&b);
        return 0;
    }
    int enr = enrolled(m, &b);
    if (enr < 0) {
        db_fail(m, e, "cannot read the enrolled devices");
        sync_batch_free(&b);
        end_tx(m, "ROLLBACK", NULL);
        return -1;
    }
    if (!enr && !m->enrol_new) {
        err_set(e, "%s: device %s (public key %s) is not enrolled at this office: refused; "
                "enrol it with sveikictl enrol DEVICE.pub --name NAME (the kiosk's "
                "DATA/device.pub), or merge with --enrol-new", path, b.device, b.key_b64);
        sync_batch_free(&b);
        st->rejected++;
        st->unknown++;
        return 1;
    }
    if (sync_parse_keys(&b, m->keys, m->nkeys, e)) {
        st->rejected++;
        return 1;
    }
    long long added = 0, dups = 0, confl = 0, foreign = 0, deleted = 0,
              newest = b.answers[0].period;
    char other_dev[sizeof b.device] = "";
    const sync_answer **order = NULL;
    int rc = -1;
    /* language codes in their normal form (feedback.h), or the batch is refused: the report
     * makes a column of each code, so one batch of made-up codes would be a page of columns */
    langs = xmalloc((size_t)b.nanswers * sizeof *langs);
    for (long long i = 0; i < b.nanswers; i++) {
        const char *why = feedback_lang_normalise(b.answers[i].lang, langs[i]);
        if (why) {
            err_set(e, "%s: answer %lld (submission %s): its language code \"%.16s\" %s: "
                    "refused", path, i + 1, b.answers[i].submission, b.answers[i].lang, why);
            st->rejected++;
            rc = 1;
            goto out;
        }
    }
    if (!m->tx) {
        if (exec(m, "BEGIN IMMEDIATE", "cannot begin", e))
            goto out;
        m->tx = 1;
    }
    if (exec(m, "SAVEPOINT batch", "cannot begin a batch", e))
        goto fail;
    sqlite3_stmt *dg = m->st[S_DEV_GET];
    sqlite3_bind_text(dg, 1, b.device, -1, SQLITE_STATIC);
    int r = sqlite3_step(dg);
    int other = r == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(dg, 0), b.key_b64);
    int ko = other ? other_key(m, &b) : 0;
    if (ko < 0) {
        sqlite3_reset(dg);
        sqlite3_clear_bindings(dg);
        db_fail(m, e, "cannot read the device keys");
        goto fail;
    }
    if (other && !ko) {
        char said[160] = " (a reinstalled kiosk or a forgery)";
        if (b.key_change[0])
            snprintf(said, sizeof said, " (the batch says its kiosk lost its key and made this "
                     "one in place of %s)", b.key_change);
        err_set(e, "%s: device %s was first merged with public key %s, and this batch is "
                "signed with %s%s: refused; once staff have confirmed the kiosk's new key, "
                "merge again with --accept-key-change %s", path, b.device,
                (const char *)sqlite3_column_text(dg, 0), b.key_b64, said, b.device);
        sqlite3_reset(dg);
        sqlite3_clear_bindings(dg);
        err ignore;
        if (exec(m, "ROLLBACK TO batch; RELEASE batch", "cannot undo a batch", &ignore))
            goto fail;
        st->rejected++;
        rc = 1;
        goto out;
    }
    sqlite3_reset(dg);
    sqlite3_clear_bindings(dg);
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        db_fail(m, e, "cannot read the devices");
        goto fail;
    }
    if (enrol(m, &b, enr)) {
        db_fail(m, e, "cannot enrol the device");
        goto fail;
    }
    /* in UUID order: each insert lands in the index next to the one before */
    order = xmalloc((size_t)b.nanswers * sizeof *order);
    for (long long i = 0; i < b.nanswers; i++)
        order[i] = &b.answers[i];
    qsort(order, (size_t)b.nanswers, sizeof *order, by_uuid);
    sqlite3_stmt *ins = m->st[S_INSERT];
    for (long long i = 0; i < b.nanswers; i++) {
        const sync_answer *a = order[i];
        copy c;
        from_answer(&c, b.device, a, langs[a - b.answers], b.name);
        /* a submission the office deleted (sveikictl delete) is not taken again */
        sqlite3_stmt *dl = m->st[S_DELETED];
        if (!m->any_deleted)
            goto take;
        sqlite3_bind_text(dl, 1, a->submission, -1, SQLITE_STATIC);
        int dr = sqlite3_step(dl);
        sqlite3_reset(dl);
        sqlite3_clear_bindings(dl);
        if (dr == SQLITE_ROW) {
            deleted++;
            continue;
        }
        if (dr != SQLITE_DONE) {
            db_fail(m, e, "cannot read the deletions");
            goto fail;
        }
    take:
        if (a->period > newest)
            newest = a->period;
        sqlite3_bind_text(ins, 1, a->uuid, 36, SQLITE_STATIC);
        bind_copy(ins, 2, &c);
        if (step_done(ins)) {
            db_fail(m, e, "cannot store an answer");
            goto fail;
        }
        if (sqlite3_changes(m->db)) {
            added++;
            /* a new answer of this device whose UUID another device's answer has: stored
             * under this device only, and named (a cloned or a forged kiosk) */
            sqlite3_stmt *fo = m->st[S_FOREIGN];
            sqlite3_bind_text(fo, 1, a->uuid, 36, SQLITE_STATIC);
            sqlite3_bind_text(fo, 2, b.device, -1, SQLITE_STATIC);
            int fr = sqlite3_step(fo);
            if (fr == SQLITE_ROW && !foreign++)
                str_copy(other_dev, sizeof other_dev, (const char *)sqlite3_column_text(fo, 0));
            sqlite3_reset(fo);
            sqlite3_clear_bindings(fo);
            if (fr != SQLITE_ROW && fr != SQLITE_DONE) {
                db_fail(m, e, "cannot look up an answer's UUID");
                goto fail;
            }
            continue;
        }
        int how = resolve(m, a->uuid, &c);
        if (how < 0) {
            db_fail(m, e, "cannot compare an answer with the one stored");
            goto fail;
        }
        if (how)
            confl++;
        else
            dups++;
    }
    sqlite3_stmt *dp = m->st[S_DEV_PUT];
    sqlite3_bind_text(dp, 1, b.device, -1, SQLITE_STATIC);
    sqlite3_bind_text(dp, 2, b.key_b64, -1, SQLITE_STATIC);
    sqlite3_bind_text(dp, 3, b.name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(dp, 4, newest);
    sqlite3_bind_int64(dp, 5, (long long)time(NULL));
    sqlite3_stmt *bp = m->st[S_BATCH_PUT];
    sqlite3_bind_text(bp, 1, b.name, -1, SQLITE_STATIC);
    sqlite3_bind_text(bp, 2, b.device, -1, SQLITE_STATIC);
    if (b.format == 1) {
        sqlite3_bind_int64(bp, 3, b.first_seq);
        sqlite3_bind_int64(bp, 4, b.last_seq);
    }
    sqlite3_bind_int64(bp, 5, b.nanswers);
    sqlite3_bind_text(bp, 6, b.sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int(bp, 7, b.format);
    if (b.format == 2)
        sqlite3_bind_int64(bp, 8, b.number);
    sqlite3_bind_int(bp, 9, b.sealed);
    if (step_done(dp) || step_done(bp)) {
        db_fail(m, e, "cannot record the batch");
        goto fail;
    }
    if (exec(m, "RELEASE batch", "cannot end a batch", e))
        goto fail;
    st->added += added, st->duplicates += dups, st->conflicts += confl, st->deleted += deleted;
    st->enrolled += !enr;
    if (foreign) {
        st->suspect++;
        /* a message for the operator: cut, it still names the file first */
        str_printf(st->note, sizeof st->note, "%s: %lld of its answers carry the UUIDs of "
                   "answers of device %s: kept apart as device %s's own, replacing nothing (a "
                   "copied kiosk, or a forgery)", path, foreign, other_dev, b.device);
    }
    st->merged++;
    str_copy(st->device, sizeof st->device, b.device);
    done(m, path, b.device);
    if (b.format == 2)
        touch(m, b.device);
    m->pending += b.nanswers;
    rc = 0;
    if (m->pending >= COMMIT_EVERY && end_tx(m, "COMMIT", e))
        rc = -1;
    goto out;
fail:
    end_tx(m, "ROLLBACK", NULL);
out:
    free(order);
    free(langs);
    sync_batch_free(&b);
    return rc;
}

/* ---- finding batch files --------------------------------------------------------------- */

static int ends_with(const char *s, const char *sfx)
{
    size_t a = strlen(s), b = strlen(sfx);
    return a >= b && !strcmp(s + a - b, sfx);
}

static void push(char ***files, int *n, const char *p)
{
    if (!(*n & (*n - 1)) || !*n)
        *files = xrealloc(*files, (size_t)(*n ? *n * 2 : 1) * sizeof **files);
    (*files)[(*n)++] = xstrdup(p);
}

/* The folders below a path merge looks into: deeper ones are skipped, with their name. */
#define WALK_DEPTH 32

static void skip(char ***skipped, int *ns, const char *path, const char *why)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s: %s", path, why);
    if (!(*ns & (*ns - 1)) || !*ns)
        *skipped = xrealloc(*skipped, (size_t)(*ns ? *ns * 2 : 1) * sizeof **skipped);
    (*skipped)[(*ns)++] = buf_take(&b);
}

/* Collects what it can: a folder too deep, unreadable, or a name too long is skipped and
 * named, and the walk goes on with the rest. */
static void walk(const char *dir, int depth, char ***files, int *n, char ***skipped, int *ns)
{
    if (depth > WALK_DEPTH) {
        skip(skipped, ns, dir, "folders nested over 32 deep: not searched (move the batches up)");
        return;
    }
    char **names;
    int k;
    err e;
    if (fs_list_dir(dir, &names, &k, &e)) {
        skip(skipped, ns, e.msg, "not searched");
        return;
    }
    for (int i = 0; i < k; i++) {
        char p[PATH_MAX];
        if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, names[i]) >= sizeof p) {
            skip(skipped, ns, dir, "holds a name too long for a path: skipped");
            continue;
        }
        fs_info in;
        if (fs_lstat(p, &in, NULL) || in.kind == FS_NONE) {
            skip(skipped, ns, p, "cannot be looked at: skipped");
            continue;
        }
        if (in.kind == FS_DIR)
            walk(p, depth + 1, files, n, skipped, ns);
        else if (ends_with(names[i], ".batch"))
            push(files, n, p); /* a link or FIFO is refused, with its name, when read */
        else if (in.kind == FS_LINK)
            skip(skipped, ns, p, "a link: not followed");
    }
    fs_list_free(names, k);
}

int sync_merge_find(const char *path, char ***files, int *n, char ***skipped, int *nskipped,
                    err *e)
{
    fs_info in;
    if (fs_lstat(path, &in, e))
        return -1;
    if (in.kind == FS_NONE)
        return err_set(e, "%s: not found", path);
    if (in.kind != FS_DIR) {
        push(files, n, path);
        return 0;
    }
    walk(path, 0, files, n, skipped, nskipped);
    return 0;
}

int sync_merge_collect(const char *path, char ***files, int *n, err *e)
{
    char **skipped = NULL;
    int ns = 0;
    if (sync_merge_find(path, files, n, &skipped, &ns, e))
        return -1;
    int rc = ns ? err_set(e, "%s (and %d more skipped)", skipped[0], ns - 1) : 0;
    fs_list_free(skipped, ns);
    return rc;
}

/* ---- the office's other commands --------------------------------------------------------- */

/* Runs sql (binding text args a, b, c where given) in its own transaction; the number of rows
 * it changed, or -1. */
static long long run1(sync_merger *m, const char *q, const char *a, const char *b, long long n,
                      const char *what, err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(m->db, q, -1, &st, NULL) != SQLITE_OK)
        return db_fail(m, e, what);
    if (a)
        sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, n);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    return r == SQLITE_DONE ? sqlite3_changes64(m->db) : db_fail(m, e, what);
}

int sync_merge_enrol(sync_merger *m, const char *key_b64, const char *name, err *e)
{
    unsigned char k[32];
    size_t got;
    if (!key_b64 || strlen(key_b64) != 44 ||
        sodium_base642bin(k, sizeof k, key_b64, 44, NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) || got != 32)
        return err_set(e, "%s: the key to enrol is not an Ed25519 public key", m->path);
    size_t n = name ? strlen(name) : 0;
    if (!n || n > 64 || !utf8_valid(name, n, NULL, NULL))
        return err_set(e, "%s: a kiosk's name is 1 to 64 bytes of UTF-8", m->path);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return err_set(e, "%s: a kiosk's name holds no control character", m->path);
    if (exec(m, "BEGIN IMMEDIATE", "cannot enrol", e))
        return -1;
    long long r = run1(m, "INSERT INTO enrolled(public_key, device, name, enrolled) "
                          "VALUES (?1, NULL, ?2, ?3) ON CONFLICT(public_key) DO UPDATE SET "
                          "name = excluded.name",
                       key_b64, name, (long long)time(NULL), "cannot enrol", e);
    if (r < 0 || exec(m, "COMMIT", "cannot enrol", e)) {
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

int sync_merge_retention(sync_merger *m, int *days, err *e)
{
    *days = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(m->db, "SELECT value FROM settings WHERE key = 'retention_days'", -1,
                           &st, NULL) != SQLITE_OK)
        return db_fail(m, e, "cannot read the settings");
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        long d = strtol((const char *)sqlite3_column_text(st, 0), NULL, 10);
        *days = d >= 1 && d <= 36500 ? (int)d : 0;
    }
    sqlite3_finalize(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? 0 : db_fail(m, e, "cannot read the settings");
}

int sync_merge_set_retention(sync_merger *m, int days, err *e)
{
    if (days < 1 || days > 36500)
        return err_set(e, "%s: retention is 1 to 36500 days", m->path);
    char v[16];
    snprintf(v, sizeof v, "%d", days);
    return run1(m, "INSERT INTO settings(key, value) VALUES ('retention_days', ?1) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                v, NULL, 0, "cannot store the retention setting", e) < 0 ? -1 : 0;
}

long long sync_merge_purge(sync_merger *m, long long now, err *e)
{
    int days;
    if (sync_merge_retention(m, &days, e))
        return -1;
    if (!days)
        return err_set(e, "%s: no retention is set (sveikictl purge --days N sets it)", m->path);
    /* an answer of period P goes once P is days old, as on the kiosk */
    long long cut = now - (long long)days * 86400;
    if (exec(m, "BEGIN IMMEDIATE", "cannot purge", e))
        return -1;
    long long n = run1(m, "DELETE FROM answers WHERE period <= ?3", NULL, NULL, cut,
                       "cannot purge", e);
    if (n < 0 || run1(m, "DELETE FROM conflicts WHERE period <= ?3", NULL, NULL, cut,
                      "cannot purge", e) < 0 ||
        exec(m, "COMMIT", "cannot purge", e)) {
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return n;
}

long long sync_merge_delete(sync_merger *m, const char *submission, const char *reason,
                            long long now, err *e)
{
    if (!submission || !sealed_is_uuid(submission, strlen(submission)))
        return err_set(e, "%s: a submission is named by its id (a lowercase UUID)", m->path);
    size_t rn = reason ? strlen(reason) : 0;
    if (!rn || rn > 500 || !utf8_valid(reason, rn, NULL, NULL))
        return err_set(e, "%s: a deletion needs a reason (1 to 500 bytes of UTF-8)", m->path);
    if (exec(m, "BEGIN IMMEDIATE", "cannot delete", e))
        return -1;
    long long n = run1(m, "DELETE FROM answers WHERE submission = ?1", submission, NULL, 0,
                       "cannot delete", e);
    if (n == 0)
        err_set(e, "%s: no answer of submission %s is here: nothing deleted", m->path,
                submission);
    if (n <= 0 ||
        run1(m, "DELETE FROM conflicts WHERE submission = ?1", submission, NULL, 0,
             "cannot delete", e) < 0 ||
        run1(m, "INSERT INTO deletions(at, submission, reason, answers) VALUES (?3, ?1, ?2, 0)",
             submission, reason, now, "cannot write the audit row", e) < 0 ||
        run1(m, "UPDATE deletions SET answers = ?3 WHERE rowid = last_insert_rowid()", NULL,
             NULL, n, "cannot write the audit row", e) < 0 ||
        exec(m, "COMMIT", "cannot delete", e)) {
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    m->any_deleted = 1;
    return n;
}

int sync_merge_receipt(sync_merger *m, const char *device, const unsigned char sk[64],
                       long long now, unsigned char **out, size_t *len, err *e)
{
    sqlite3_stmt *st;
    /* the newest the receipt has room for, then in increasing order */
    if (sqlite3_prepare_v2(m->db, "SELECT number, sha256 FROM (SELECT DISTINCT number, "
                           "min(sha256) AS sha256 FROM batches WHERE device = ?1 AND format = 2 "
                           "AND number IS NOT NULL GROUP BY number ORDER BY number DESC LIMIT "
                           "?2) ORDER BY number", -1, &st, NULL) != SQLITE_OK)
        return db_fail(m, e, "cannot read the batches");
    sqlite3_bind_text(st, 1, device, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, SYNC_RECEIPT_BATCHES);
    long long *nums = xmalloc(SYNC_RECEIPT_BATCHES * sizeof *nums);
    char (*sha)[65] = xmalloc(SYNC_RECEIPT_BATCHES * sizeof *sha);
    int n = 0, r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW && n < SYNC_RECEIPT_BATCHES) {
        nums[n] = sqlite3_column_int64(st, 0);
        const char *h = (const char *)sqlite3_column_text(st, 1);
        str_copy(sha[n], sizeof sha[n], h ? h : "");
        n++;
    }
    sqlite3_finalize(st);
    int rc;
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        rc = db_fail(m, e, "cannot read the batches");
    else if (!n)
        rc = 1;
    else
        rc = sync_receipt_make(device, now, nums, (const char (*)[65])sha, n, sk, out, len, e);
    free(nums);
    free(sha);
    return rc;
}

/* The folder a receipt for the batch at path goes to: X when path is X/exports/DEVICE/FILE
 * (a stick's or a sync folder's sveiki/ folder), into root (cap bytes); 0, or -1 when the
 * file lies elsewhere. */
static int receipt_root(const char *path, const char *device, char *root, size_t cap)
{
    char p[PATH_MAX];
    if (str_printf(p, sizeof p, "%s", path))
        return -1;
    char *parts[3];
    for (int i = 0; i < 3; i++) {
        char *sl = strrchr(p, '/');
        if (!sl || sl == p)
            return -1;
        *sl = 0;
        parts[i] = sl + 1;
    }
    if (strcmp(parts[1], device) || strcmp(parts[2], "exports"))
        return -1;
    return str_printf(root, cap, "%s", p) ? -1 : 0;
}

int sync_merge_write_receipts(sync_merger *m, const unsigned char sk[64], long long now,
                              char ***lines, int *n, err *e)
{
    *lines = NULL, *n = 0;
    if (m->tx || m->ncommitted < m->ndone)
        return err_set(e, "%s: receipts are written only after the merge is committed", m->path);
    for (int i = 0; i < m->ncommitted; i++) {
        char root[PATH_MAX], line[PATH_MAX + 256];
        const char *dev = m->done[i].device;
        if (receipt_root(m->done[i].path, dev, root, sizeof root))
            continue;
        int again = 0; /* one receipt a device and folder */
        for (int j = 0; j < i && !again; j++) {
            char r2[PATH_MAX];
            again = !strcmp(m->done[j].device, dev) &&
                    !receipt_root(m->done[j].path, dev, r2, sizeof r2) && !strcmp(r2, root);
        }
        if (again)
            continue;
        unsigned char *file = NULL;
        size_t len = 0;
        err why;
        int r = sync_merge_receipt(m, dev, sk, now, &file, &len, &why);
        if (r < 0)
            return err_set(e, "%s", why.msg);
        if (r > 0)
            continue;
        /* the folder is anyone's (a stick): opened beneath root, no link followed */
        fs_dir *top = fs_dir_open(root, &why), *dir = NULL;
        char name[64];
        snprintf(name, sizeof name, "%s.receipt", dev);
        int rc = top ? fs_dir_sub(top, "receipts", 1, &dir, &why) : -1;
        fs_dir_close(top);
        if (!rc && fs_dir_write_atomic(dir, name, file, len, 0600, &why))
            rc = -1;
        fs_dir_close(dir);
        free(file);
        if (rc)
            snprintf(line, sizeof line, "not written: %s", why.msg);
        else
            snprintf(line, sizeof line, "%s/receipts/%s", root, name);
        *lines = xrealloc(*lines, (size_t)(*n + 1) * sizeof **lines);
        (*lines)[(*n)++] = xstrdup(line);
    }
    return 0;
}

int sync_merge_remove_merged(sync_merger *m, long *removed, err *e)
{
    *removed = 0;
    /* never before its answers are committed: a power cut after a removal keeps them */
    if (m->tx || m->ncommitted < m->ndone)
        return err_set(e, "%s: batch files are removed only after the merge is committed",
                       m->path);
    for (int i = 0; i < m->ncommitted; i++) {
        if (!fs_exists(m->done[i].path))
            continue; /* named twice, or gone meanwhile */
        if (fs_remove(m->done[i].path, e))
            return -1;
        (*removed)++;
    }
    return 0;
}
