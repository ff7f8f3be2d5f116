/* report read: the central database, opened read-only and read as hostile, into the counts of
 * gather.c. See gather.h. */
#include "report/gather.h"

#include <sqlite3.h>
#include <string.h>

const char *report_col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/* Opens the database read-only, refusing what is not the merge's: its three tables must be
 * plain tables (a view would run its own SQL; a virtual table its module). A newer
 * CENTRAL_VERSION only adds columns and tables (sync/central.h), so it is read as well. */
sqlite3 *report_db_open(const char *path, err *e)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
        err_set(e, "%s: cannot open: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    static const char *const tables[] = {"answers", "devices", "batches"};
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *st;
        int rc = sqlite3_prepare_v2(db, "SELECT type, sql FROM sqlite_master WHERE name = ?1", -1, &st, NULL);
        if (rc != SQLITE_OK) {
            err_set(e, "%s: damaged or not a Sveiki central database: %s", path, sqlite3_errmsg(db));
            sqlite3_close(db);
            return NULL;
        }
        sqlite3_bind_text(st, 1, tables[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        int ok = rc == SQLITE_ROW && !strcmp(report_col_text(st, 0), "table") &&
                 !strncmp(report_col_text(st, 1), "CREATE TABLE", 12);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            err_set(e, "%s: damaged or not a Sveiki central database: %s", path, sqlite3_errmsg(db));
        else if (!ok)
            err_set(e, "%s: not a Sveiki central database: no table \"%s\"", path, tables[i]);
        sqlite3_finalize(st);
        if (!ok) {
            sqlite3_close(db);
            return NULL;
        }
    }
    return db;
}

int report_db_fail(sqlite3 *db, const char *path, err *e)
{
    return err_set(e, "%s: not a Sveiki central database: %s", path, sqlite3_errmsg(db));
}

int report_read_answers(sqlite3 *db, const report_opts *o, report_acc *g, report_data *d, err *e)
{
    sqlite3_stmt *st;
    /* the kind of each answer (central version 3); an older database has none */
    int kinds = 0;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('answers') WHERE name = "
                           "'kind'", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        kinds = sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db,
                           kinds ? "SELECT device, submission, survey, question, value, lang, "
                                   "period, kind FROM answers WHERE period >= ?1 AND period < ?2"
                                 : "SELECT device, submission, survey, question, value, lang, "
                                   "period, NULL FROM answers WHERE period >= ?1 AND period < ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return report_db_fail(db, o->db, e);
    sqlite3_bind_int64(st, 1, o->from);
    sqlite3_bind_int64(st, 2, o->to);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 6) != SQLITE_INTEGER) {
            d->skipped_time++;
            continue;
        }
        int64_t t = sqlite3_column_int64(st, 6);
        if (t < REPORT_T_MIN || t >= REPORT_T_MAX) {
            d->skipped_time++;
            continue;
        }
        d->answers++;
        if (d->first < 0 || t < d->first)
            d->first = t;
        if (t > d->last)
            d->last = t;
        const char *sub = report_col_text(st, 1), *survey = report_col_text(st, 2),
                   *question = report_col_text(st, 3), *value = report_col_text(st, 4),
                   *lang = report_col_text(st, 5), *kind = report_col_text(st, 7);
        if (report_acc_skipped(g, sub))
            continue; /* a copy in a burst: counted once */
        report_acc_breakdown(g, report_col_text(st, 0), sub, survey, question, value, lang, t, kind);
        report_acc_add(g, report_col_text(st, 0), sub, survey, question, value, lang, t, kind);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return err_set(e, "%s: reading answers: %s", o->db, sqlite3_errmsg(db));
    return 0;
}

/* Devices the merge knows, also those without answers here, with the day of their last
 * merge (never a batch name: its range counts answers). */
int report_read_devices(sqlite3 *db, const report_opts *o, report_acc *g, report_data *d, err *e)
{
    sqlite3_stmt *st;
    /* the names enrolled at the office (version 4): by the device's id, else by its key */
    sqlite3_stmt *has;
    int named = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                           "'enrolled'", -1, &has, NULL) == SQLITE_OK)
        named = sqlite3_step(has) == SQLITE_ROW;
    sqlite3_finalize(has);
    if (sqlite3_prepare_v2(db,
                           named ? "SELECT id, last_merged, coalesce((SELECT name FROM enrolled "
                                   "e WHERE e.device = d.id), (SELECT name FROM enrolled e WHERE "
                                   "e.public_key = d.public_key)) FROM devices d"
                                 : "SELECT id, last_merged, NULL FROM devices d",
                           -1, &st, NULL) != SQLITE_OK)
        return report_db_fail(db, o->db, e);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        report_acc_device(g, report_intern(&g->words, report_col_text(st, 0)));
    if (rc != SQLITE_DONE) {
        sqlite3_finalize(st);
        return err_set(e, "%s: reading devices: %s", o->db, sqlite3_errmsg(db));
    }
    d->ndevices = g->ndev;
    d->devices = arena_alloc(&d->a, (size_t)(g->ndev ? g->ndev : 1) * sizeof *d->devices);
    for (int i = 0; i < g->ndev; i++)
        d->devices[i] = (report_device){.id = arena_strdup(&d->a, g->words.s[g->dev[i].id]),
                                        .first = g->dev[i].first, .last = g->dev[i].last,
                                        .merged = -1};
    sqlite3_reset(st);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int *slot =
            report_map_at(&g->devmap, (uint64_t)report_intern(&g->words, report_col_text(st, 0)));
        report_device *dv = &d->devices[*slot];
        if (sqlite3_column_type(st, 1) == SQLITE_INTEGER)
            dv->merged = sqlite3_column_int64(st, 1);
        if (sqlite3_column_type(st, 2) == SQLITE_TEXT)
            dv->name = arena_strdup(&d->a, (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return err_set(e, "%s: reading devices: %s", o->db, sqlite3_errmsg(db));
    return 0;
}
