/* report gather: the one pass over a central database (read.c: opened read-only, every table
 * checked to be a table, every row checked) into counts of people (gather.c: a page vote, or
 * one submission of a survey, is one response), and from them the tables of report_data
 * (tables.c) and free-text.csv (free_text.c). Internal to tools/report/. */
#ifndef SV_REPORT_GATHER_H
#define SV_REPORT_GATHER_H

#include "report/data.h"

#include "core/buf.h"
#include "danger.h"
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
/* The id of s, or -1 when it is not in t. */
int report_strtab_find(const report_strtab *t, const char *s);
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
/* The value slot of key, or NULL when absent (nothing is made). */
int *report_map_find(const report_map *m, uint64_t key);
/* A count kept as a map value: add one; read (0 when absent). */
void report_map_bump(report_map *m, uint64_t key);
long report_map_count(const report_map *m, uint64_t key);
void report_map_free(report_map *m);

/* ---- what one pass gathers ----------------------------------------------------------- */

/* A survey submission as bursts.c compares them: its first row's device and language (in
 * words), survey and day, and two sums over its rows' keyed hashes. */
typedef struct report_print {
    int device, lang, survey;
    int64_t day;
    uint64_t h[2];
    long rows;
    int mixed; /* rows of another survey or day */
} report_print;

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
    long responses, submissions, votes, yes, no; /* votes: page votes, yes and no */
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
    /* bursts (bursts.c): each survey submission's print, by its id in subs, while printing;
     * the copies left out of every count (NULL: none), kept apart from what is counted */
    int printing;
    report_print *print; int nprint;
    unsigned char print_key[16]; /* crypto_shorthash_KEYBYTES */
    buf print_row;
    const report_strtab *skip;
    /* breakdowns (report_acc_breakdown): counts are the maps' values (-1: none) */
    int month;                /* periods are months, else ISO weeks */
    report_map permap;        /* first day of a period -> index in per */
    int64_t *per; int nper, percap;
    int *sublang; int nsublang; /* submission -> the language column of its first row + 1 */
    report_map perlang;       /* period << 32 | language column -> survey responses */
    report_map qv;            /* question (index in q) << 32 | value (in words) -> dense id */
    int nqv;
    report_map qvper;         /* qv << 32 | period -> answers (bg-* questions only) */
    report_map qvlang;        /* qv << 32 | language column -> answers */
    report_map qlang;         /* question << 32 | language column -> people who answered */
    report_map devface;       /* question << 32 | device << 3 | face (0..3) -> answers */
    int *lang_shown;          /* language columns in the order shown (tables.c) */
    /* respondents (survey submissions) per language as stored, for free-text.csv's hold-back */
    report_strtab rawlang;
    long *rawlang_people; int nrawlang;
    report_map counted;       /* submission -> 1 once it is counted in rawlang_people */
    /* the submission of the last row and its id: a submission's rows come one after another */
    char last_sub[64]; int last_sid;
} report_acc;

#define REPORT_GROW(p, n, cap)                                                                    \
    do {                                                                                   \
        if ((n) == (cap)) {                                                                \
            (cap) = (cap) ? 2 * (cap) : 64;                                                \
            (p) = xrealloc((p), (size_t)(cap) * sizeof *(p));                              \
        }                                                                                  \
    } while (0)

/* The id of a submission in g->subs, added when new (the last one kept at hand). */
int report_acc_sub(report_acc *g, const char *sub);
/* Whether the submission is a copy in a burst, left out (g->skip). */
int report_acc_skipped(report_acc *g, const char *sub);
/* Respondents (survey submissions counted) whose first answer was in this language. */
long report_acc_lang_people(const report_acc *g, const char *lang);
/* The device's index in g->dev, added when new (id: in words). */
int report_acc_device(report_acc *g, int id);
/* Counts one answer row of the database. kind: the answer's kind, "" when it has none. */
void report_acc_add(report_acc *g, const char *device, const char *sub, const char *survey,
                    const char *question, const char *value, const char *lang, int64_t t,
                    const char *kind);
/* Counts one answer row into the breakdowns (survey responses by period and language, bg-*
 * answers by period, every choice by language), and into its submission's print when
 * g->printing; called just before report_acc_add with the same row, so that it sees whether
 * the submission answered the question already. */
void report_acc_breakdown(report_acc *g, const char *device, const char *sub, const char *survey,
                          const char *question, const char *value, const char *lang, int64_t t,
                          const char *kind);
/* Whether a question id is one of the background block's (bg-age, bg-gender, and any other
 * "bg-" id a pack may bring). */
int report_background_id(const char *id);

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
/* Bursts (bursts.c): new keys for the prints of a run; one row into its submission's print;
 * and, after the answers were read with g->printing set, the submissions of one survey from
 * one kiosk on one day whose answers are all the same, more than REPORT_BURST_OVER of them,
 * into d->bursts, with the copies to leave out (after the first of a burst counted once)
 * added to skip. Returns how many are in skip. */
void report_acc_keys(report_acc *g);
void report_acc_print(report_acc *g, int sid, int survey, const char *device, const char *lang,
                      const char *question, const char *value, int64_t t);
int report_bursts_find(report_acc *g, report_data *d, report_strtab *skip);
/* Every device the merge knows into g and d->devices, with the day of its last merge. */
int report_read_devices(sqlite3 *db, const report_opts *o, report_acc *g, report_data *d, err *e);

/* ---- the tables (tables.c) and the typed text (free_text.c) ---------------------------- */

/* Weeks x languages, pages and reasons, surveys and their questions, devices, and the
 * breakdowns (survey responses by period and language, each background question by period,
 * each question's answers by language): each count a cell of d->cells, with the lines between
 * them, so that one suppression covers every table a count is part of; labels from c (a pack,
 * or NULL) in d->pack_lang. */
void report_tables_build(report_data *d, report_acc *g, content *c);
/* The breakdowns (breakdown.c), after the surveys and devices: survey responses by period
 * and language, each background question by period, each question's answers by language;
 * and each device's bursts. */
void report_breakdowns_build(report_data *d, report_acc *g);
/* The pages by helpful share and the topics by count, from what is shown (after
 * report_cells_suppress). */
void report_tables_rank(report_data *d);
/* The typed answers of d's free-text questions (free_text.c), those with a danger word
 * (danger_match, when dg has phrases) marked and first. */
typedef struct report_text {
    const char *survey, *question, *lang, *text;
    int64_t week;
    int order;  /* of its question in the report */
    int danger; /* holds a danger word: needs a person to read it */
} report_text;
typedef struct report_texts {
    arena a;
    report_text *rows; /* the texts kept, in the order written */
    size_t n, cap;
} report_texts;
/* Reads them in one pass, leaving out the copies of a burst (g->skip) and holding back the
 * texts of a language with fewer than k respondents (people who sent a survey) in the dates;
 * counts into d: texts_held, and of the texts with a danger word texts_danger (all of them)
 * and texts_danger_held. The texts themselves are kept in t only for free-text.csv
 * (o->free_text). */
int report_texts_read(sqlite3 *db, report_data *d, report_acc *g, const danger *dg,
                      report_texts *t, err *e);
/* Writes free-text.csv (mode 0600) to path: the texts kept, danger first. */
int report_free_text_write(const report_texts *t, const char *path, err *e);
void report_texts_free(report_texts *t);

/* Writes answers.csv (answers.c, mode 0600) to path: every answer in the dates but the typed
 * ones and the copies of a burst, one row each, sorted; rows: how many. */
int report_answers_write(sqlite3 *db, const report_data *d, report_acc *g, const char *path, long *rows, err *e);

#endif
