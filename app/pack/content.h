/* content: a content pack opened read-only. It answers what the screens ask for (languages,
 * categories, pages, journey, UI strings, search) in a language, falling back to the pack's
 * fallback language, and says when it did so. A pack that is missing, not SQLite, damaged, of
 * another format, or whose schema is not exactly the one pack/format.h defines (no view,
 * trigger, generated column or extra table) is refused at open with a message naming the
 * file; nothing in a pack runs SQL of its own. An open pack keeps the statements of its
 * lookups prepared until content_close; one content is used from one thread at a time. */
#ifndef SV_CONTENT_H
#define SV_CONTENT_H

#include "core/arena.h"
#include "core/err.h"
#include "danger.h"
#include "pack/format.h"

#include <stdint.h>

typedef struct content content;

typedef struct content_lang {
    char code[16];
    char *name; /* its own name in its own script */
    int rtl;
    int digits; /* enum text_digits: the digits the pack writes the language's numbers in */
    int listen; /* the pack marks it: listening mode is on for people choosing it */
} content_lang;

typedef struct content_item {
    const char *id;
    const char *title;
    const char *text;       /* stages: the short description */
    const char *lang_shown; /* the language the title is in */
    uint32_t icon;          /* pictogram code point, 0 if none */
    /* categories, stages, yousaid: the texts shown are machine-written (no person marked
     * them reviewed in lang_shown: pack/format.h) */
    int machine;
    const char *see; /* yousaid: the page it points to ("See ..."), NULL if none */
} content_item;

typedef struct content_block {
    const char *kind;  /* h, p, li, phone, address, hours, link */
    const char *text;  /* text; for items, the label */
    const char *value; /* items: the number, address, hours or URL */
    const char *bold;  /* "start-len start-len" byte ranges of bold text, or NULL */
} content_block;

typedef struct content_page {
    const char *id, *lang, *title, *status, *checked;
    const char *sources; /* its `sources:` header as written ("" if none) */
    int machine;
    int outdated; /* stale: made from another version of the reference page (pack stamp) */
    int fallback; /* 1: not in the asked language; shown in lang instead */
    content_block *blocks;
    int nblocks;
} content_page;

content *content_open(const char *path, err *e);
void content_close(content *c);

int content_nlangs(const content *c);
const content_lang *content_lang_at(const content *c, int i);
const content_lang *content_find_lang(const content *c, const char *code);
const char *content_fallback(const content *c);
/* The category the help button opens on every screen, or NULL when the pack names none. */
const char *content_help(const content *c);
/* The language shown before a person chooses one (the manifest's default). */
const char *content_default(const content *c);
const char *content_pack_id(const content *c);
const char *content_version(const content *c);
int content_npages(const content *c);
/* The reference language, the one translations are made from ("" when the pack names none). */
const char *content_reference(const content *c);
/* Whether owner's texts in lang were written by machine, with no person's review (no
 * "status" text "reviewed": pack/format.h). */
int content_machine(content *c, const char *owner, const char *lang);

/* One entry of a page's `sources:` header, as a reader sees it: the document's title (in
 * lang, else its own title with the fallback language's beside it) and what else is known
 * (publisher, date, where), or a fact from common knowledge (common = 1, no title). A code
 * the pack has no source for gives its code as title. */
typedef struct content_source {
    const char *code, *title, *detail, *where;
    int common;
} content_source;
/* The entries of a `sources:` value (content_page.sources), each document once, at most 32. */
int content_sources(content *c, const char *sources, const char *lang, arena *a,
                    content_source **out);

/* A UI string (msgid in English) in lang, else English, else the msgid itself. */
const char *content_ui(content *c, const char *lang, const char *msgid, arena *a);
/* A counted UI string (gettext's msgid and msgid_plural, in English) in lang, in the form
 * the language's Plural-Forms gives count n; else English's; else singular or plural. The
 * number itself is not filled in (ui_count does that). */
const char *content_ui_n(content *c, const char *lang, const char *singular, const char *plural,
                         unsigned long n, arena *a);
/* A pack text (owner from pack_owner(), like "category:money"; key like "title") in lang or
 * the fallback. */
const char *content_text(content *c, const char *owner, const char *key, const char *lang,
                         arena *a, const char **shown);

/* The words after which a number is scrubbed from typed text (the owner "pack", key "scrub"
 * texts: one line of words per language, see store_scrub), every language's joined by
 * spaces, since a person may write in another language than the screen's; malloc'd. NULL
 * when the pack has none (a pack built before they were kept): the built-in words apply. */
char *content_scrub_words(content *c);

int content_categories(content *c, const char *lang, arena *a, content_item **out);
int content_stages(content *c, const char *lang, arena *a, content_item **out);
/* "You said, we did" entries: title = what people said, text = what was done, id = date,
 * see = the page it points to (or NULL), machine as for categories. */
int content_yousaid(content *c, const char *lang, arena *a, content_item **out);
/* The pages of a category or stage (owner from pack_owner(): "category:money",
 * "stage:arrival"), with titles. */
int content_links(content *c, const char *owner, const char *lang, arena *a, content_item **out);
/* Loads a page in lang, or in the fallback language (page->fallback = 1). -1 if absent. */
int content_page_get(content *c, const char *id, const char *lang, arena *a, content_page *out);
/* Full-text search in lang: every word of the query as a prefix; titles rank first. */
int content_search(content *c, const char *lang, const char *query, int max, arena *a,
                   content_item **out);

/* ---- surveys -------------------------------------------------------------------------- */

/* The most questions of a survey, and choices of a question, the reader returns. */
#define CONTENT_SURVEY_MAX_QUESTIONS 16
#define CONTENT_SURVEY_MAX_CHOICES 16

enum content_qtype { CONTENT_Q_FACES, CONTENT_Q_YESNO, CONTENT_Q_SINGLE, CONTENT_Q_MULTI, CONTENT_Q_TEXT };
typedef struct content_choice { const char *id, *label; uint32_t icon; /* 0 if none */ } content_choice;
typedef struct content_question { const char *id, *text; int type; content_choice *choices; int nchoices; } content_question;
/* What follows the answer "under 18" to the age question (app/feedback.h). */
enum content_under18 {
    CONTENT_UNDER18_END,   /* a polite end: nothing of the survey is stored */
    CONTENT_UNDER18_NOTICE /* the survey's notice for children, then the survey goes on */
};
typedef struct content_survey {
    const char *id, *title; /* in lang or the fallback; "" when absent */
    /* what only the operator knows, for the notice before the first question: who reads the
     * answers, what they are used for, whom to ask for a personal matter ("" when absent) */
    const char *who, *use, *contact;
    /* the background questions asked: bit (1 << FEEDBACK_BG_*) of app/feedback.h for each */
    unsigned background;
    int under18;       /* enum content_under18, when the age is asked */
    const char *child; /* under 18 with CONTENT_UNDER18_NOTICE: the notice for children */
    content_question *questions; int nquestions;
} content_survey;
/* The pack's surveys (id and title), in order. */
int content_surveys(content *c, const char *lang, arena *a, content_item **out);
/* One survey with its questions and choices; -1 if there is no such survey.
 * Questions and choices come in the pack's order, at most CONTENT_SURVEY_MAX_QUESTIONS and
 * CONTENT_SURVEY_MAX_CHOICES. Only single and multi questions have choices (the kiosk draws
 * the faces, yes/no and the text field itself). A question is left out when nobody could
 * answer it: an unknown type, no text in lang or the fallback, or a single or multi question
 * with fewer than two choices that have a label. who, use and contact may hold {{fill in: ...}}
 * placeholders (pack/format.h) an operator has not filled in. The background block is read
 * as hostile: an unknown name asks nothing; an under18 that is not "notice" with a notice in
 * lang or the fallback is the end (nothing stored). A pack of format 1 asks no background
 * question (pack/format.h). */
int content_survey_get(content *c, const char *id, const char *lang, arena *a, content_survey *out);

/* ---- the way out for people in danger (help.txt) --------------------------------------- */

/* The most hotlines the reader returns. */
#define CONTENT_MAX_HOTLINES 16

/* A line "I need help now" shows: its name and an optional short line in lang or the
 * fallback, and the number, which may be a {{fill in: ...}} placeholder (pack/format.h). */
typedef struct content_hotline { const char *id, *title, *text, *phone; } content_hotline;
/* The pack's hotlines in order (none without a name or a number). */
int content_hotlines(content *c, const char *lang, arena *a, content_hotline **out);
/* Whether the hotlines' texts in lang are machine translations (help.txt's `machine:`). */
int content_help_machine(content *c, const char *lang);
/* The pack's danger phrases of every language (help.txt), as one list for danger_match
 * (danger.h: matched on a normalised copy, word by word, `word*` any ending); empty when the
 * pack has none. Free it with danger_free. */
danger *content_danger_list(content *c);
/* 1 when text holds one of the pack's danger phrases of any language (content_danger_list).
 * Nothing of text is kept. */
int content_danger(content *c, const char *text);

/* ---- read aloud ------------------------------------------------------------------------ */

/* The recording of a page in lang (Ogg Opus, as the pack holds it: the player checks it),
 * malloc'd with its length in *len; NULL when there is none. */
unsigned char *content_recording(content *c, const char *page, const char *lang, size_t *len);
/* Whether the page has a recording in lang. */
int content_has_recording(content *c, const char *page, const char *lang);

#endif
