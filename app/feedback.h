/* feedback: the one vocabulary of feedback, shared by the kiosk (what it asks and stores) and
 * the report (what it counts and how it names it). It promises:
 *  - Every id here is what the kiosk stores and the report reads back (store, export batch,
 *    central database: sync/central.h); renaming one is a change of the data format, made in
 *    one place for both sides.
 *  - Every label is the English text the kiosk translates (a msgid of the .po files in lang/) and the report
 *    prints, in the order the kiosk shows them.
 * No I/O, no state. */
#ifndef SV_FEEDBACK_H
#define SV_FEEDBACK_H

/* The survey ids of a page's "Was this helpful?" (question: the page id; value: yes or no)
 * and of the reason after a no (value: a reason id). */
#define FEEDBACK_HELPFUL "helpful"
#define FEEDBACK_REASON "helpful-reason"
/* Answer ids of a yes/no question (and of the page vote), and of "Prefer not to say". */
#define FEEDBACK_YES "yes"
#define FEEDBACK_NO "no"
#define FEEDBACK_PREFER_NOT "prefer-not"

typedef struct feedback_term {
    const char *id, *label;
} feedback_term;

/* The reasons a person can give after "no" (the kiosk shows them in this order). */
#define FEEDBACK_NREASONS 4
extern const feedback_term feedback_reasons[FEEDBACK_NREASONS];

/* The four faces, from very unhappy to very happy, ids "1" to "4" (no neutral one). */
#define FEEDBACK_NFACES 4
extern const feedback_term feedback_faces[FEEDBACK_NFACES];

/* The background block: coarse, optional questions about the person, never finer than this.
 * A survey asks those its definition in the pack names (`[background]` `ask:` in the survey
 * file, by `name`), always in this order: age first, right after the notice (the answer
 * decides whether the survey goes on: a pack's `under18:`), the others after the survey's
 * own questions. Their answers are stored in a submission of their own, never with the
 * survey's other answers (typed text cannot be tied to an age band and a gender). id is what
 * is stored; question is what the kiosk asks; heading is the report's short name for it. */
enum { FEEDBACK_BG_AGE, FEEDBACK_BG_GENDER, FEEDBACK_BG_TIME, FEEDBACK_BG_DISABILITY,
       FEEDBACK_NBACKGROUND };
#define FEEDBACK_BG_CHOICES_MAX 5
typedef struct feedback_background_q {
    const char *id, *name, *question, *heading;
    feedback_term choices[FEEDBACK_BG_CHOICES_MAX + 1]; /* ended by {NULL, NULL} */
} feedback_background_q;
extern const feedback_background_q feedback_background[FEEDBACK_NBACKGROUND];
/* The age band of a child, the first choice of bg-age: the survey's `under18:` decides what
 * follows it (a notice written for children, or a polite end that keeps nothing). */
#define FEEDBACK_UNDER_18 "under-18"

/* The background question with this id, or NULL. */
const feedback_background_q *feedback_background_find(const char *id);
/* The background question a survey file names ("age", "gender", "time", "disability"), or
 * NULL. */
const feedback_background_q *feedback_background_named(const char *name);

/* The kind of an answer, stored with it (sealed on the kiosk, the column kind of the central
 * database), so the report never guesses which answers are typed text. A survey question's
 * kind is its type in the survey definitions (a pack's `type:` line); the background block's
 * answers are "background"; a page's vote is "yesno" and the reason after a no "single". */
#define FEEDBACK_KIND_FACES "faces"
#define FEEDBACK_KIND_YESNO "yesno"
#define FEEDBACK_KIND_SINGLE "single"
#define FEEDBACK_KIND_MULTI "multi"
#define FEEDBACK_KIND_TEXT "text"
#define FEEDBACK_KIND_BACKGROUND "background"
/* The kind of a survey question of type t (pack/content.h: CONTENT_Q_FACES ... _TEXT), or
 * "text" for a type this version does not know (what is not known is never counted as a
 * choice). */
const char *feedback_question_kind(int t);
/* Whether answers of this kind are choices the report may count and name: 1 for faces,
 * yesno, single, multi and background; 0 for text and for a kind this version does not know
 * (a newer kiosk's: shown as typed, never as choices). */
int feedback_kind_is_choice(const char *kind);

/* Interface language codes, as stored with every answer: lower-case BCP 47-ish, 2 or 3
 * letters, then at most one subtag after a '-': a script (4 letters) or a region (2 letters or
 * 3 digits), e.g. "lv", "ckb", "sr-latn", "es-419". The pack builder takes no other code, the
 * merge stores no other one, and the report counts each such code in a column of its own. */
#define FEEDBACK_LANG_MAX 8
/* Writes the code's normal form (ASCII letters lower-cased) to out (FEEDBACK_LANG_MAX + 1
 * bytes) and returns NULL, or returns why it is not a language code (out then ""). */
const char *feedback_lang_normalise(const char *code, char out[FEEDBACK_LANG_MAX + 1]);

#endif
