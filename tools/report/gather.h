/* report gather: the one pass over a central database (read.c: opened read-only, every table
 * checked to be a table, every row checked) into counts of people (gather.c: a page vote, or
 * one submission of a survey, is one response), and from them the tables of report_data
 * (tables.c) and free-text.csv (free_text.c). Internal to tools/report/. */
#ifndef SV_REPORT_GATHER_H
#define SV_REPORT_GATHER_H

#include "report/data.h"

#include "core/buf.h"
#include "feedback.h"
#include "pack/content.h"

#include <sqlite3.h>
#include <stdint.h>

/* More distinct answers than any choice question can have: the question holds typed text. */
#define REPORT_MAX_VALUES (CONTENT_SURVEY_MAX_CHOICES + 8)

/* ---- interning and maps --------------------------------------------------------------- */

/* strings -> dense ids */
typedef struct report_strtab {
    char **s;
    int n, cap;
    int *slot; /* id + 1, 0 empty */
    size_t nslot;
} report_strtab;

/* The id of s, added when new. */
int report_intern(report_strtab *t, const char *s);
void report_strtab_free(report_strtab *t);

/* 64-bit keys -> int values (-1 absent) */
typedef struct report_map {
    uint64_t *key; /* any value: every key, -1 too, is a key */
    unsigned char *used;
    int *val;
    size_t n, cap;
} report_map;

/* The value slot of key, made (set to -1) when absent. */
int *report_map_at(report_map *m, uint64_t key);
void report_map_free(report_map *m);

/* ---- what one pass gathers ----------------------------------------------------------- */

typedef struct report_q_acc {
    int survey, id;        /* in surveys / words */
    int multi, free_text;
    int kindless;          /* some answers came without a kind (central.h): typed text
                              unless the pack says the question is a choice (tables.c) */
    int nvals;
    int val[REPORT_MAX_VALUES];   /* in words */
    long count[REPORT_MAX_VALUES];
    long people;           /* distinct submissions answering */
    long typed;            /* rows, when free text */
} report_q_acc;

typedef struct report_page_acc {
    int id; /* in words */
    long yes, no, reason[FEEDBACK_NREASONS];
} report_page_acc;

typedef struct report_dev_acc {
    int id; /* in words */
    long responses;
    int64_t first, last;
} report_dev_acc;

typedef struct report_acc {
    report_strtab words, subs, surveys;
    report_map resp, qmap, seen, pagemap, devmap, weekmap, langmap, wl;
    report_q_acc *q; int nq, qcap;
    report_page_acc *p; int np, pcap;
    report_dev_acc *dev; int ndev, devcap;
    long *survey_resp; int nsurvey_resp;
    int64_t *week; long *week_total; int nweeks, weekcap;
    int *lang; long *lang_total; int nlangs, langcap; /* lang: word id, -1 for "other" */
    int other_lang;
    long *wl_count; size_t nwl, wlcap; /* (week, lang) pairs in wl -> count */
    int helpful, reason; /* survey ids */
} report_acc;

#define REPORT_GROW(p, n, cap)                                                                    \
    do {                                                                                   \
        if ((n) == (cap)) {                                                                \
            (cap) = (cap) ? 2 * (cap) : 64;                                                \
            (p) = xrealloc((p), (size_t)(cap) * sizeof *(p));                              \
        }                                                                                  \
    } while (0)

/* The device's index in g->dev, added when new (id: in words). */
int report_acc_device(report_acc *g, int id);
/* Counts one answer row of the database. kind: the answer's kind, "" when it has none. */
void report_acc_add(report_acc *g, const char *device, const char *sub, const char *survey,
                    const char *question, const char *value, const char *lang, int64_t t,
                    const char *kind);
void report_acc_free(report_acc *g);

/* ---- the database (read.c) ------------------------------------------------------------ */

/* Opens the database read-only, refusing what is not the merge's: its three tables must be
 * plain tables (a view would run its own SQL; a virtual table its module). NULL and a message
 * naming the file. */
sqlite3 *report_db_open(const char *path, err *e);
/* -1 and "PATH: not a Sveiki central database: SQLite's message". */
int report_db_fail(sqlite3 *db, const char *path, err *e);
/* Column i as text, "" for NULL. */
const char *report_col_text(sqlite3_stmt *st, int i);
/* Every answer within the dates into g (d: rows read, first and last time). */
int report_read_answers(sqlite3 *db, const report_opts *o, report_acc *g, report_data *d, err *e);
/* Every device the merge knows into g and d->devices, with the day of its last merge. */
int report_read_devices(sqlite3 *db, const report_opts *o, report_acc *g, report_data *d, err *e);

/* ---- the tables (tables.c) and the typed text (free_text.c) ---------------------------- */

/* Weeks x languages, pages and reasons, surveys and their questions, devices: each count a
 * cell of d->cells, with the lines between them; labels from c (a pack, or NULL) in
 * d->pack_lang. */
void report_tables_build(report_data *d, report_acc *g, content *c);
/* The pages by helpful share and the topics by count, from what is shown (after
 * report_cells_suppress). */
void report_tables_rank(report_data *d);
/* Writes free-text.csv (mode 0600) to path: the typed answers of d's free-text questions,
 * except those in a language with fewer than k respondents (people who sent a survey) in the
 * dates, counted in *held. */
int report_free_text_write(sqlite3 *db, const report_data *d, const char *path, long *held, err *e);

#endif
