/* report data: what the report read from a central database (gather.h) and how html.c and
 * csv.c see it: every count already a cell of one report_cells (suppressed once, for all
 * places it appears), labels already chosen (from the pack when there is one), and rows in the
 * order they are shown; and the dates and cells as text. Internal to tools/report/. */
#ifndef SV_REPORT_DATA_H
#define SV_REPORT_DATA_H

#include "report/cells.h"
#include "report/report.h"
#include "report/tr.h"

#include "core/arena.h"
#include "feedback.h"

#include <stdint.h>

/* Times a kiosk can have written: 2000-01-01 to 2100-01-01 (a clock far off is left out, and
 * the number of weeks stays bounded whatever the database holds). */
#define REPORT_T_MIN 946684800LL
#define REPORT_T_MAX 4102444800LL

typedef struct report_lang {
    const char *code;  /* as stored (escaped on output) */
    const char *name;  /* English name, or NULL */
    const char *own;   /* the pack's name in its own script, or NULL */
    int total;         /* cell */
} report_lang;

typedef struct report_week {
    int64_t day;       /* days since 1970-01-01 of its Monday */
    int total;         /* cell */
} report_week;

typedef struct report_page {
    const char *id, *title; /* title from the pack, or NULL */
    int yes, no, votes;     /* cells */
    int reason[FEEDBACK_NREASONS], reasons; /* cells; reasons < 0: no row in the reasons table */
    int ranked;             /* yes and no both shown */
    double rate;            /* helpful share when ranked */
    long nvotes;            /* votes when ranked */
} report_page;

typedef struct report_value {
    const char *id, *label; /* label: from the pack or the kiosk, else NULL */
    int cell;
} report_value;

typedef struct report_question {
    const char *survey, *id, *text; /* text from the pack, or NULL */
    int multi, free_text;
    int faces;  /* the four faces (and "prefer not to say") */
    report_value *values;
    int nvalues;
    int total;  /* cell: answers (people who answered, when multi); free text: typed answers */
    /* by language: the languages (index in report_data.langs) with an answer, each value's
     * cell in each (nvalues x nlangs), and who answered in each (cells) */
    int *langs, nlangs;
    int *by_lang, *lang_total;
    int gq; /* its index among the questions gathered */
} report_question;

typedef struct report_survey {
    const char *id, *title;
    int responses; /* cell */
    report_question *questions;
    int nquestions;
} report_survey;

typedef struct report_device {
    const char *id;
    const char *name;          /* its name enrolled at the office (central.h), or NULL */
    int responses;             /* cell: submissions and page votes */
    int submissions, votes, yes, no; /* cells */
    int face[FEEDBACK_NFACES], faces; /* cells: its answers to the faces questions, and all of them */
    int64_t first, last;       /* periods of its answers in the dates; -1: none */
    int64_t merged;            /* last_merged, or -1 */
    int bursts;                /* bursts of identical submissions flagged on it */
    int acc;                   /* its index among the devices gathered */
} report_device;

/* More identical submissions than this (one survey, one kiosk, one day, the same answers) are
 * a burst, flagged. One whose submissions hold REPORT_BURST_ONCE answers or more is counted
 * once: different people rarely give the same five answers, but often the same one or two
 * (a one-question survey, the three background questions alone). */
#define REPORT_BURST_OVER 3
#define REPORT_BURST_ONCE 5

typedef struct report_burst {
    const char *device, *survey;
    int64_t week;     /* day of the Monday of its day: the day would help find the person */
    long submissions; /* identical submissions */
    long answers;     /* answers in each */
    int once;         /* counted once: all but one left out of every count */
} report_burst;

/* One background question (bg-*) over the periods: how many people gave each answer. */
typedef struct report_bg {
    const char *id, *heading;   /* heading from feedback.h, or NULL */
    const report_question *q;   /* a faces question over time: its values are the choices */
    const char *survey;         /* and the title (or id) of its survey */
    report_value *choices;      /* in the kiosk's order, other ids, then "prefer not to say";
                                 * cell: the choice in all periods */
    int nchoices;
    int *cells;                 /* nperiods x nchoices */
    int *period_total;          /* cells: people who answered it in each period */
    int total;                  /* cell */
} report_bg;

typedef struct report_topic {
    const report_question *q;
    const report_value *v;
    int order; /* of its question in the report, then of the value */
} report_topic;

typedef struct report_data {
    const report_opts *o;
    const report_tr *tr;            /* the words of the report's language */
    const char *fonts;              /* the bundled fonts' folder */
    arena a;
    report_cells cells;
    const char *db_name;            /* the database's file name */
    int64_t asked_from, asked_to;   /* the dates asked for, before widening to whole periods */
    int widened;                    /* o's dates differ from them */
    const char *pack_id, *pack_version, *pack_lang; /* NULL without a pack */
    int64_t first, last;            /* periods of the first and last answer read; -1 */
    long answers, skipped_time;     /* rows read; rows left out for an impossible time */
    int all;                        /* cell: every response */
    int votes;                      /* cell: every page vote (also the helpful table's total) */
    report_week *weeks; int nweeks;
    report_lang *langs; int nlangs;
    int *week_lang;                 /* cells, nweeks x nlangs */
    report_page *pages; int npages; /* helpful order: ranked worst first, then the rest */
    int yes_all, no_all;            /* cells */
    int reason_all[FEEDBACK_NREASONS], reasons_all; /* cells */
    report_survey *surveys; int nsurveys;
    report_topic *topics; int ntopics; /* by question; in each, shown ones by count, then hidden */
    report_device *devices; int ndevices;
    int free_text;                  /* cell: typed answers in all */
    /* breakdowns by period (weeks, or months with o->month): survey responses by language,
     * each background question */
    int64_t *periods; int nperiods; /* first day of each period with a survey response */
    int *period_lang;               /* cells, nperiods x nlangs */
    int *period_surveys;            /* cells: survey responses in each period */
    int *lang_surveys;              /* cells: survey responses in each language */
    int surveys_all;                /* cell: every survey response */
    report_bg *bgs; int nbgs;
    report_bg *trends; int ntrends; /* each faces question over the periods */
    int face_all[FEEDBACK_NFACES], faces_all; /* cells: every faces question's answers */
    /* bursts */
    report_burst *bursts; int nbursts;
    long burst_left_out;            /* submissions left out as copies (bursts counted once) */
    /* typed text (report_texts_read) */
    int danger_phrases;             /* phrases looked for; -1: no pack given */
    long texts_danger, texts_danger_held, texts_held;
} report_data;

/* The face (0 to FEEDBACK_NFACES - 1) an answer id stands for, or -1 (gather.c). */
int report_face_of(const char *value);

/* The cell as shown ("12" or "<5"), in a rotating static buffer. */
const char *report_show(const report_data *d, int cell);
/* A share in percent with one decimal ("37.5"), or "" when either cell is hidden or the total
 * is 0. */
const char *report_share(const report_data *d, int cell, int total);
/* "YYYY-MM-DD" of a day number or a unix time, in a rotating static buffer. */
const char *report_day(int64_t day);
const char *report_date(int64_t t);
/* The day number of a unix time (rounded down, also before 1970). */
int64_t report_day_of(int64_t t);
/* The first day of the ISO week (Monday) or the calendar month (month set) holding day, and
 * the first day of the period after the one starting at start. */
int64_t report_period_start(int64_t day, int month);
int64_t report_period_next(int64_t start, int month);
/* YYYY-MM-DD, a real date from 2000 to 2099, into a day number; 0, or -1 if not one. */
int report_parse_day(const char *s, int64_t *day);

/* The name a person reads for a kiosk (here and in answers.csv). Today made from its id:
 * "Kiosk" and the first 4 characters of the id, upper-case (more where two kiosks share them),
 * so it stays the same from one report to the next and is not the id. The names enrolled at
 * the office will come in here, in this one place. In a rotating static buffer. */
const char *report_kiosk_name(const report_data *d, const char *device);

/* Writes index.html to path; font_bytes: the embedded fonts' size. */
int report_html_write(const report_data *d, const char *path, size_t *font_bytes, err *e);
/* Writes every CSV file of the tables into dir; adds the count to *files. */
int report_csv_write(const report_data *d, const char *dir, int *files, err *e);

#endif
