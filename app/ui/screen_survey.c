/* The pack's surveys, one question a screen: first a notice in plain words, built from what
 * the kiosk will do (how many questions, what is kept and for how long, that stopping saves
 * nothing, that typed names are read) and what the operator knows (who reads the answers,
 * what they are for, whom to ask for a personal matter); then each question (faces, yes/no,
 * single or multiple choice with pictograms, free text on the on-screen keyboard), every
 * one skippable and with "prefer not to say"; the survey's background block (the age first,
 * since "under 18" may end the survey or bring a notice for children; the others last);
 * then send. The background answers go in a submission of their own, apart from the
 * answers and typed text. Answers in progress live in the visit: forgotten whole at the idle
 * timeout, never stored before the person sends them. */
#include "core/utf8.h"
#include "feedback.h"
#include "ui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACT_CHOOSE = UI_ACT_SCREEN, ACT_NEXT, ACT_SEND, ACT_FIELD, ACT_READ_ON };

/* bit of "prefer not to say" in a question's chosen set */
#define PREFER_NOT (1u << 31)

/* the vocabulary (feedback.h) with the kiosk's own pictograms, face by face */
#define NBG FEEDBACK_NBACKGROUND
static const uint32_t face_icons[FEEDBACK_NFACES] = {ICON_FACE_1, ICON_FACE_2, ICON_FACE_3,
                                                     ICON_FACE_4};

/* The survey of the visit, read for this frame. */
static int load(ui *u, content_survey *s)
{
    if (content_survey_get(u->c, u->v.arg, u->v.lang, &u->fa, s))
        return -1;
    if (s->nquestions > UI_SURVEY_MAX)
        s->nquestions = UI_SURVEY_MAX;
    return 0;
}

/* What a step of the survey shows: the notice, a question (q: its index in chosen[], the
 * pack's questions then the background questions), or the notice for children. */
enum { STEP_NOTICE, STEP_QUESTION, STEP_CHILD };
typedef struct step {
    int kind, q;
} step;
#define MAX_STEPS (3 + UI_SURVEY_MAX + NBG)

static int asks(const content_survey *s, int b) { return s->background >> b & 1; }

/* Whether the person answered "under 18" to the age question. */
static int under_18(const ui *u, const content_survey *s)
{
    const feedback_term *c = feedback_background[FEEDBACK_BG_AGE].choices;
    for (int k = 0; c[k].id; k++)
        if (!strcmp(c[k].id, FEEDBACK_UNDER_18))
            return asks(s, FEEDBACK_BG_AGE) &&
                   u->v.survey.chosen[s->nquestions + FEEDBACK_BG_AGE] == 1u << k;
    return 0;
}

/* The steps as the person walks them: the notice; the age, when the survey asks it (its
 * answer decides whether the survey goes on), and after "under 18" the notice for children
 * when the pack has one; the survey's questions; the other background questions. */
static int plan(const ui *u, const content_survey *s, step *out)
{
    int n = 0;
    out[n++] = (step){STEP_NOTICE, -1};
    if (asks(s, FEEDBACK_BG_AGE)) {
        out[n++] = (step){STEP_QUESTION, s->nquestions + FEEDBACK_BG_AGE};
        if (s->under18 == CONTENT_UNDER18_NOTICE && under_18(u, s))
            out[n++] = (step){STEP_CHILD, -1};
    }
    for (int q = 0; q < s->nquestions; q++)
        out[n++] = (step){STEP_QUESTION, q};
    for (int b = 0; b < NBG; b++)
        if (b != FEEDBACK_BG_AGE && asks(s, b))
            out[n++] = (step){STEP_QUESTION, s->nquestions + b};
    return n;
}

/* The questions asked, and the number of step k among them (1 the first). */
static int questions_asked(const step *st, int n, int k, int *nth)
{
    int total = 0;
    for (int i = 0; i < n; i++) {
        total += st[i].kind == STEP_QUESTION;
        if (i == k)
            *nth = total;
    }
    return total;
}

/* Where the text of free-text question q is kept: the k-th text question of the survey has
 * slot k; the first UI_SURVEY_TEXTS only (a kiosk survey has one or two). */
static int slot_of(const content_survey *s, int q)
{
    int k = 0;
    for (int i = 0; i < q; i++)
        k += s->questions[i].type == CONTENT_Q_TEXT;
    return k;
}

static char *qtext(ui *u, const content_survey *s, int q)
{
    int k = slot_of(s, q);
    return k < UI_SURVEY_TEXTS ? u->v.survey.text[k] : NULL;
}

static int progress_w(const ui *u, int total) { return total * (u->gap / 2 + 3) * 3; }

/* The dots of the survey's progress, centred on y: in the middle, or at_end of the row (a
 * free-text question says what not to write at its start). */
/* "Question 2 of 5": step of total - 1 questions. */
static const char *progress_label(ui *u, int step, int total)
{
    const char *t = ui_tr(u, "Question {n} of {total}");
    const char *n = ui_number(u, step), *tot = ui_number(u, total - 1);
    return strstr(t, "{n}") && strstr(t, "{total}")
               ? ui_fill_in(u, ui_fill_in(u, t, "{n}", n), "{total}", tot)
               : ui_fill_in(u, ui_fill_in(u, "{n} / {total}", "{n}", n), "{total}", tot);
}

static void progress(ui *u, int step, int total, int y, int at_end)
{
    int r = u->gap / 2 + 3, gapx = r * 3, w = progress_w(u, total);
    int left = at_end ? u->W - u->pad - w : (u->W - w) / 2;
    int x0 = left + gapx / 2;
    const char *label = progress_label(u, step, total);
    /* part 0 of a question read aloud: its number */
    ui_speech_mark(u, 0, label, ui_mx(u, left, w), y - r - u->gap / 4, w, 2 * r + u->gap / 2);
    for (int k = 0; k < total; k++) {
        int cx = ui_mx(u, x0 + k * gapx - r, 2 * r);
        display_frame(&u->dl, cx, y - r, 2 * r, 2 * r, k <= step ? C_PRIMARY : C_CARD, r, 2,
                      C_PRIMARY);
    }
    widget_add(u, "progress", UI_ROLE_TEXT, label, ui_mx(u, left, w), y - r, w, 2 * r,
               UI_ACT_NONE, NULL);
}


/* A choice: a card with a radio or check mark, a pictogram and the label (at px), in a view
 * between top and bottom where only its visible part takes a touch. */
static void choice(ui *u, const char *id, const char *label, uint32_t ic, int on, int multi,
                   int x, int y, int w, int h, const char *arg, int px, int top, int bottom,
                   int part)
{
    display_frame(&u->dl, x, y, w, h, on ? C_TINT : C_CARD, u->gap, on ? 3 : 2,
                  on ? C_PRIMARY : C_LINE);
    ui_speech_mark(u, part, label, x + 3, y + 3, w - 6, h - 6); /* read aloud now */
    int isz = h * 11 / 20 > u->big ? u->big : h * 11 / 20;
    uint32_t mark =
        multi ? (on ? ICON_CHECKED : ICON_UNCHECKED) : (on ? ICON_RADIO_ON : ICON_RADIO_OFF);
    ui_icon(u, mark, ui_from_start(u, x, w, u->gap + isz / 2), y + h / 2, isz, C_PRIMARY);
    int tx = u->gap * 2 + isz;
    if (ic) {
        ui_icon(u, ic, ui_from_start(u, x, w, tx + isz / 2), y + h / 2, isz, C_PRIMARY);
        tx += isz + u->gap;
    }
    int tw = w - tx - u->gap;
    ui_para_mid(u, label, u->v.rtl ? x + u->gap : x + tx, y, tw, h, px, on, TEXT_ALIGN_START,
                u->v.rtl, C_INK);
    widget_in(u, id, UI_ROLE_ANSWER, label, x, y, w, h, top, bottom, ACT_CHOOSE, arg, NULL);
}

static int next_w(const ui *u) { return u->bar * 3 + u->body * 2; }

/* Next (or send) at x (as drawn: not mirrored). */
static void next_button_at(ui *u, int last, int x, int y, int w, int h)
{
    /* the arrow points onward: at the end of the button, mirrored in right-to-left scripts;
     * the word in type a line of which the button holds (a key's height, in large text) */
    const char *l = ui_tr(u, last ? "Send" : "Next");
    int isz = h * 3 / 5 < u->big * 2 ? h * 3 / 5 : u->big * 2, px = u->body;
    while (px > u->key_note && ui_text_height(u, l, w - 3 * u->gap - isz, px, 1) > h)
        px--;
    widget_button(u, &(widget_btn){.id = last ? "send" : "next", .label = l, .px = px,
                                   .x = x, .y = y, .w = w, .h = h,
                                   .fill = C_PRIMARY, .ink = C_ON_PRIMARY,
                                   .icon = last ? ICON_SEND : u->v.rtl ? ICON_BACK : ICON_SKIP,
                                   .icon_at = WIDGET_ICON_END,
                                   .action = last ? ACT_SEND : ACT_NEXT});
}

/* The bottom row: back is in the top bar; next (or send) at the end. */
static void next_button(ui *u, int last, int y, int h)
{
    int w = next_w(u);
    next_button_at(u, last, ui_mx(u, u->W - u->pad - w, w), y, w, h);
}

/* The highlight behind a paragraph (at logical x, w) while it is the part read aloud. */
static void mark_para(ui *u, int part, const char *s, int x, int y, int w, int px, int bold)
{
    if (!ui_speech_at(u, part))
        return;
    int h = ui_text_height(u, s, w, px, bold);
    ui_speech_mark(u, part, s, ui_mx(u, x - u->gap / 4, w + u->gap / 2), y - u->gap / 4,
                   w + u->gap / 2, h + u->gap / 2);
}

/* One line of the notice: its pictogram, an optional heading (a msgid) and its text. */
typedef struct notice_line {
    const char *id, *head, *text;
    uint32_t icon;
} notice_line;
#define NOTICE_LINES 12

/* The lines the notice shows, in order: what the kiosk itself does, each line true of this
 * kiosk and this survey, and what the operator knows (who reads the answers early, since
 * that decides whether people trust the rest); a detail the operator has not filled in says
 * so. The label of each: its heading, then its text (as the dump and read aloud say it). */
static int notice_lines(ui *u, const content_survey *s, int nasked, notice_line *out,
                        const char **labels)
{
    int typed = 0;
    for (int q = 0; q < s->nquestions; q++)
        typed |= s->questions[q].type == CONTENT_Q_TEXT;
    const notice_line lines[NOTICE_LINES] = {
        {"notice-count", NULL, ui_trn(u, "{n} question", "{n} questions", nasked), ICON_FEEDBACK},
        {"notice-anonymous", NULL, ui_tr(u, "Anonymous: nobody asks your name."), ICON_LOCK},
        {"notice-not-complaint", NULL, ui_tr(u, "This is not a complaint or a police report."),
         ICON_INFO},
        {"notice-not-decision", NULL,
         ui_tr(u, "Your answers do not go to anyone who decides on asylum or residence."),
         ICON_INFO},
        {"notice-who", "Who reads the answers", s->who, ICON_FORUM},
        {"notice-kept", NULL,
         ui_tr(u, u->round_to_hour
                      ? "Saved: the hour, your language and your answers. Never your name."
                      : "Saved: the day, your language and your answers. Never your name."),
         ICON_LOCK},
        {"notice-apart", NULL,
         s->background
             ? ui_tr(u, "What you say about yourself is saved apart from your other answers.")
             : NULL,
         ICON_LOCK},
        {"notice-typed", NULL,
         typed ? ui_tr(u, "A person reads what you type. Phone numbers and e-mail addresses are "
                          "taken out, names are not: do not write any.")
               : NULL,
         ICON_INFO},
        {"notice-stop", NULL, ui_tr(u, "If you stop before Send, nothing is saved."), ICON_INFO},
        {"notice-days", NULL,
         ui_trn(u, "This kiosk deletes the answers after {n} day at the most, and sooner once "
                   "the office has them.",
                "This kiosk deletes the answers after {n} days at the most, and sooner once "
                "the office has them.",
                u->retention_days),
         ICON_HOURS},
        {"notice-use", "What they are used for", s->use, ICON_DONE},
        {"notice-contact", "For a personal matter", s->contact, ICON_HELP},
    };
    int n = 0;
    for (int k = 0; k < NOTICE_LINES; k++) {
        const char *t = lines[k].text;
        if (!t || !*t)
            continue;
        out[n] = lines[k];
        if (pack_placeholder_find(t, NULL)) /* a detail the operator has not filled in */
            out[n].text = ui_tr(u, "To be filled in locally");
        const char *h = out[n].head ? ui_tr(u, out[n].head) : "";
        size_t len = strlen(h) + strlen(out[n].text) + 3;
        char *label = arena_alloc(&u->fa, len);
        snprintf(label, len, "%s%s%s", h, *h ? ": " : "", out[n].text);
        labels[n++] = label;
    }
    return n;
}

static void notice(ui *u, const content_survey *s, int nasked, int last)
{
    int top = u->bar, bottom = u->bot - u->bar - u->pad, x = u->pad, w = u->W - 2 * u->pad;
    const char *head = ui_tr(u, "Before you start");
    notice_line lines[NOTICE_LINES];
    const char *labels[NOTICE_LINES];
    int nl = notice_lines(u, s, nasked, lines, labels);
    int iw = u->body * 2, tw = w - iw - u->gap, view = bottom - top - u->gap;
    /* while it is read aloud, the height of each line (its heading and its text), for the
     * part highlighted */
    int lh[NOTICE_LINES] = {0}, hh = 0, reading = ui_reading(u);
    if (reading >= 1) {
        hh = ui_text_height(u, head, w, u->heading, 1);
        for (int k = 0; k < nl; k++)
            lh[k] = (lines[k].head ? ui_text_height(u, ui_tr(u, lines[k].head), tw, u->small, 1)
                                   : 0) +
                    ui_text_height(u, lines[k].text, tw, u->body, 0);
    }
    /* read aloud reached a part out of view: it is scrolled in (part 0 is the title in the
     * bar, 1 "Before you start", then one a line) */
    if (u->v.speech.follow && reading >= 1) {
        int ly = u->pad + hh + u->gap;
        for (int k = 0; k < nl && k + 2 <= reading; k++) {
            if (k + 2 == reading && (ly < u->v.scroll || ly + lh[k] > u->v.scroll + view))
                u->v.scroll = ly - u->pad;
            ly += lh[k] + u->gap;
        }
        if (reading == 1)
            u->v.scroll = 0;
        int total = u->pad + hh + u->gap;
        for (int k = 0; k < nl; k++)
            total += lh[k] + u->gap;
        if (u->v.scroll > total - view)
            u->v.scroll = total > view ? total - view : 0;
    }
    u->v.speech.follow = 0;
    int y = top + u->pad - u->v.scroll;
    display_clip(&u->dl, 0, top, u->W, bottom - top - u->gap);
    mark_para(u, 1, head, x, y, w, u->heading, 1);
    int h = ui_para(u, head, ui_mx(u, x, w), y, w, u->heading, 1, TEXT_ALIGN_START, C_INK);
    widget_in(u, "notice-title", UI_ROLE_HEADING, head, ui_mx(u, x, w), y, w, h, top, bottom,
              UI_ACT_NONE, NULL, NULL);
    y += h + u->gap;
    for (int k = 0; k < nl; k++) {
        const char *t = lines[k].text;
        int y0 = y;
        if (ui_speech_at(u, k + 2)) /* the part being read, behind its line */
            ui_speech_mark(u, k + 2, labels[k], ui_mx(u, x - u->gap / 2, w + u->gap),
                           y0 - u->gap / 4, w + u->gap, lh[k] + u->gap / 2);
        if (lines[k].head) {
            y += ui_para(u, ui_tr(u, lines[k].head), ui_mx(u, x + iw + u->gap, tw), y, tw, u->small,
                         1, TEXT_ALIGN_START, C_MUTED);
        }
        int th = ui_para(u, t, ui_mx(u, x + iw + u->gap, tw), y, tw, u->body, 0, TEXT_ALIGN_START,
                         C_INK);
        ui_icon(u, lines[k].icon, ui_mx(u, x, iw) + iw / 2, y0 + u->body * 2 / 3, u->row_icon,
                C_PRIMARY);
        widget_in(u, lines[k].id, UI_ROLE_TEXT, labels[k], ui_mx(u, x + iw + u->gap, tw), y0, tw,
                  y + th - y0, top, bottom, UI_ACT_NONE, NULL, NULL);
        y += th + u->gap;
    }
    display_unclip(&u->dl);
    int total = y + u->v.scroll - top;
    u->max_scroll = total > view ? total - view : 0;
    chrome_scrollbar(u, top, view, total);
    int bh = u->bar, by = u->bot - u->pad - bh, bw = next_w(u);
    /* the way out for people in danger, at the start of the row, before anything is asked */
    int uw = w - bw - u->gap < bw * 2 ? w - bw - u->gap : bw * 2;
    chrome_urgent(u, ui_mx(u, x, uw), by, uw, bh);
    /* a cap per visit, and the kiosk's limit (which "start again" does not reset): no Start.
     * Only Start is held: a survey begun was begun under the limit, and nothing else sends
     * while this person answers, so its Send stays within it. */
    int held = u->v.survey.sent < THEME_SURVEYS_PER_VISIT && ui_survey_held(u);
    if (last) /* nothing the kiosk could ask (a pack without a question it can read) */
        return;
    if (u->v.survey.sent >= THEME_SURVEYS_PER_VISIT || held) {
        const char *t = ui_tr(u, held ? SURVEY_HELD : "Thank you!");
        int tx = ui_mx(u, x + uw + u->gap, w - uw - u->gap);
        ui_para_mid(u, t, tx, by, w - uw - u->gap, bh, u->body, 1, TEXT_ALIGN_END, u->v.rtl,
                    C_PRIMARY);
        widget_add(u, held ? "survey-held" : "thanks", UI_ROLE_TEXT, t, tx, by, w - uw - u->gap,
                   bh, UI_ACT_NONE, NULL);
        return;
    }
    /* a person reads the whole notice before Start: where it is taller than the screen,
     * the button goes on down it ("read on", as a drag, the wheel or page down do), and is
     * Start once its end is in view */
    if (u->v.scroll < u->max_scroll) {
        /* on one line: smaller type where the words are long (large text) */
        const char *l = ui_tr(u, "Read on");
        int px = u->body;
        while (px > u->small * 4 / 5 && ui_text_width(u, l, px, 1) > bw - 3 * u->gap - bh * 3 / 5)
            px--;
        widget_button(u, &(widget_btn){.id = "read-on", .label = l,
                                       .x = ui_mx(u, u->W - u->pad - bw, bw), .y = by, .w = bw,
                                       .h = bh, .fill = C_CARD, .ink = C_PRIMARY, .border = 2,
                                       .line = C_PRIMARY, .icon = ICON_MORE, .px = px,
                                       .icon_at = WIDGET_ICON_END, .action = ACT_READ_ON});
        return;
    }
    widget_button(u, &(widget_btn){.id = "start", .label = ui_tr(u, "Start"),
                                   .x = ui_mx(u, u->W - u->pad - bw, bw), .y = by, .w = bw,
                                   .h = bh, .fill = C_PRIMARY, .ink = C_ON_PRIMARY,
                                   .action = ACT_NEXT});
}

/* The height rows of choices take, each the least a finger needs. */
static int rows_h(const ui *u, int n, int cols)
{
    int rows = (n + cols - 1) / cols;
    return rows * THEME_TOUCH_MIN + (rows - 1) * u->gap;
}

/* The choices of a question as cards between y and bottom: in one or two columns, three
 * where two would not fit above next (a long list on a small screen), in smaller type then;
 * and where even three do not fit, the cards scroll (a drag, the wheel, the keys) under a
 * scroll bar rather than run under next. */
/* The height of a row of choice cards cols to a row in type of px between y and bottom: as
 * much as the view gives each row, within a finger's least and three lines of body type,
 * and never less than its tallest label needs (the cards then scroll). */
static int choice_h(ui *u, int n, const char *const *labels, const uint32_t *icons, int cols,
                    int px, int y, int bottom)
{
    int rows = (n + cols - 1) / cols;
    int w = (u->W - 2 * u->pad - (cols - 1) * u->gap) / cols;
    int h = (bottom - y - (rows - 1) * u->gap) / (rows ? rows : 1);
    if (h > u->body * 3)
        h = u->body * 3;
    if (h < THEME_TOUCH_MIN)
        h = THEME_TOUCH_MIN;
    for (int pass = 0; pass < 2; pass++) { /* a taller card has a larger pictogram */
        int isz = h * 11 / 20 > u->big ? u->big : h * 11 / 20, need = h;
        for (int k = 0; k < n; k++) {
            int tw = w - u->gap * 3 - isz - (icons && icons[k] ? isz + u->gap : 0);
            int th = ui_text_height(u, labels[k], tw, px, 1); /* chosen: in bold */
            need = th > need ? th : need;
        }
        h = need;
    }
    return h;
}

static void choices(ui *u, int q, int n, const char *const *ids, const char *const *labels,
                    const uint32_t *icons, int multi, int y, int bottom, int part0)
{
    int cols0 = n > 4 || (u->W > u->H * 2 && n > 2) ? 2 : 1, cols = cols0;
    while (cols < 3 && n > cols && rows_h(u, n, cols) > bottom - y)
        cols++;
    int px = cols > 2 ? u->small : u->body;
    int h = choice_h(u, n, labels, icons, cols, px, y, bottom);
    int rows = (n + cols - 1) / cols;
    int total = rows * h + (rows - 1) * u->gap;
    if (total > bottom - y && cols > cols0) {
        /* the labels need more lines than three columns leave room for (large text): fewer
         * columns in body type, and the cards scroll */
        cols = cols0, px = u->body;
        h = choice_h(u, n, labels, icons, cols, px, y, bottom);
        rows = (n + cols - 1) / cols;
        total = rows * h + (rows - 1) * u->gap;
    }
    int w = (u->W - 2 * u->pad - (cols - 1) * u->gap) / cols, scrolls = total > bottom - y;
    int reading = ui_reading(u) - part0;
    if (scrolls && u->v.speech.follow && reading >= 0 && reading < n) {
        /* the answer read aloud comes into view */
        int ry = reading / cols * (h + u->gap);
        if (ry < u->v.scroll || ry + h > u->v.scroll + bottom - y)
            u->v.scroll = ry < total - (bottom - y) ? ry : total - (bottom - y);
    }
    if (scrolls) {
        u->max_scroll = total - (bottom - y);
        display_clip(&u->dl, 0, y, u->W, bottom - y);
    }
    int y0 = y - (scrolls ? u->v.scroll : 0);
    for (int k = 0; k < n; k++) {
        int r = k / cols, c = k % cols;
        int x = ui_mx(u, u->pad + c * (w + u->gap), w), cy = y0 + r * (h + u->gap);
        int bit = !strcmp(ids[k], "prefer-not") ? 31 : k;
        int on = (u->v.survey.chosen[q] >> bit) & 1;
        char id[96], arg[16];
        snprintf(id, sizeof id, "answer-%s", ids[k]);
        snprintf(arg, sizeof arg, "%d", bit);
        if (cy + h > y && cy < bottom)
            choice(u, id, labels[k], icons ? icons[k] : 0, on, multi, x, cy, w, h, arg, px, y,
                   bottom, part0 + k);
    }
    if (scrolls) {
        display_unclip(&u->dl);
        chrome_scrollbar(u, y, bottom - y, total);
    }
}

/* Faces: four tall cards in a row, the face large above its word, so the question can be
 * answered without reading; prefer not to say below them. */
static void face_cards(ui *u, int q, const char *const *labels, int y, int bottom, int part0)
{
    int w = (u->W - 2 * u->pad - 3 * u->gap) / 4, rest = THEME_TOUCH_MIN + u->gap;
    int h = bottom - y - rest - u->gap;
    if (h > u->big * 5)
        h = u->big * 5;
    for (int k = 0; k < 4; k++) {
        int x = ui_mx(u, u->pad + k * (w + u->gap), w), on = (u->v.survey.chosen[q] >> k) & 1;
        display_frame(&u->dl, x, y, w, h, on ? C_TINT : C_CARD, u->gap, on ? 3 : 2,
                      on ? C_PRIMARY : C_LINE);
        ui_speech_mark(u, part0 + k, labels[k], x + 3, y + 3, w - 6, h - 6);
        int isz = h / 2 < w * 2 / 3 ? h / 2 : w * 2 / 3;
        ui_icon(u, face_icons[k], x + w / 2, y + u->gap + isz / 2, isz, on ? C_PRIMARY : C_MUTED);
        ui_para_mid(u, labels[k], x + u->gap / 2, y + u->gap + isz, w - u->gap, h - isz - u->gap,
                    u->small, on, TEXT_ALIGN_CENTER, u->v.rtl, C_INK);
        char id[16], arg[8];
        snprintf(id, sizeof id, "answer-%d", k + 1);
        snprintf(arg, sizeof arg, "%d", k);
        widget_add(u, id, UI_ROLE_ANSWER, labels[k], x, y, w, h, ACT_CHOOSE, arg);
    }
    const char *ids[1] = {"prefer-not"}, *pl[1] = {labels[4]};
    uint32_t ic[1] = {ICON_BLOCK};
    choices(u, q, 1, ids, pl, ic, 0, y + h + u->gap, y + h + u->gap + THEME_TOUCH_MIN + 8,
            part0 + 4);
}

/* A free-text question from y down: the question, the field, next, and the keyboard below.
 * What a person typed stays in view as they type, its last lines whole (two at least), and
 * next is never covered: where a tall keyboard leaves no room for next beside the field (a
 * small screen, a keyboard with a row of extra letters), next goes to the end of the
 * keyboard's bottom row and the field takes the width; the question is in smaller type when
 * the field would not hold two lines under it, and is cut rather than the field. */
static void free_text(ui *u, const content_survey *s, int q, const char *text, int y, int last,
                      int part)
{
    char *field = qtext(u, s, q);
    keyboard_focus(u, field, sizeof u->v.survey.text[0], UI_TEXT_MAX_CHARS, 1);
    int w = u->W - 2 * u->pad, kb = keyboard_top(u), nw = next_w(u);
    const char *typed = field ? field : "";
    const char *shown = *typed ? typed : ui_tr(u, "Type here (optional)");
    /* a line of the field: the height of a line of what it shows (of the placeholder, in the
     * same script, before anything is typed) */
    ui_lay(u, ui_tr(u, "Type here (optional)"), 0, u->body, 0, TEXT_ALIGN_START, u->v.rtl);
    int lh = u->tp.nlines ? u->tp.h / u->tp.nlines : u->body * 3 / 2;
    int need = 2 * lh + u->gap; /* two whole lines and the field's margin */
    int th = ui_text_height(u, text, w, u->body, 1), px = u->body;
    int in_row = kb - u->gap - y - th - u->gap < u->bar;
    /* next in the keys' row within a quarter of the width: it leaves "I need help now" and
     * the space bar their room in large text */
    if (in_row && nw > u->W / 4)
        nw = u->W / 4;
    if (kb - u->gap - y - th - u->gap < need) {
        px = u->small;
        th = ui_text_height(u, text, w, px, 1);
    }
    int room = kb - u->gap - need - (in_row ? u->gap / 2 : u->gap) - y;
    display_clip(&u->dl, 0, y, u->W, th < room ? th : room > 0 ? room : 0);
    ui_speech_mark(u, part, text, ui_mx(u, u->pad, w), y, w, th);
    th = ui_para(u, text, ui_mx(u, u->pad, w), y, w, px, 1, TEXT_ALIGN_START, C_INK);
    display_unclip(&u->dl);
    if (th > room)
        th = room > 0 ? room : 0;
    widget_add(u, "question", UI_ROLE_HEADING, text, ui_mx(u, u->pad, w), y, w, th, UI_ACT_NONE,
               NULL);
    y += th + (in_row ? u->gap / 2 : u->gap);
    int fh = kb - u->gap - y, fw = in_row ? w : w - nw - u->gap;
    int fx = ui_mx(u, u->pad, fw);
    display_frame(&u->dl, fx, y, fw, fh, C_CARD, u->gap, 3, C_PRIMARY);
    display_clip(&u->dl, fx, y, fw, fh);
    int ph = ui_lay(u, shown, fw - 2 * u->gap, u->body, 0, TEXT_ALIGN_START, u->v.rtl);
    /* the end of a long text stays in view, whole lines of it: it is where the person types */
    int lines = u->tp.nlines, plh = lines ? ph / lines : lh;
    int fit = plh > 0 ? (fh - u->gap) / plh : lines;
    int hidden = lines > fit ? lines - fit : 0;
    ui_draw_laid(u, shown, fx + u->gap, y + u->gap / 2 - hidden * plh, u->body,
                 *typed ? C_INK : C_MUTED);
    display_unclip(&u->dl);
    widget_add(u, "text", UI_ROLE_INPUT, shown, fx, y, fw, fh, ACT_FIELD, NULL);
    if (in_row) {
        int ky, kh;
        keyboard_bottom(u, &ky, &kh);
        next_button_at(u, last, u->W - u->gap - nw, ky, nw, kh);
    } else {
        int bh = u->bar;
        next_button(u, last, y, bh < fh ? bh : fh); /* beside the field, above the keys */
    }
    keyboard_draw(u, 0, in_row ? nw : 0); /* with "I need help now" in its bottom row */
}

/* What question q (its index in chosen[]) asks, and its answers (ids, labels, pictograms),
 * "prefer not to say" last; none for a free-text question. multi: more than one may be
 * chosen. */
static int answers_of(ui *u, const content_survey *s, int q, const char **text, const char **ids,
                      const char **labels, uint32_t *icons, int *multi)
{
    int n = 0;
    *multi = 0;
    if (q < s->nquestions) {
        const content_question *cq = &s->questions[q];
        *text = cq->text;
        if (cq->type == CONTENT_Q_TEXT)
            return 0;
        if (cq->type == CONTENT_Q_FACES) {
            for (int k = 0; k < FEEDBACK_NFACES; k++)
                ids[n] = feedback_faces[k].id, labels[n] = ui_tr(u, feedback_faces[k].label),
                icons[n++] = face_icons[k];
        } else if (cq->type == CONTENT_Q_YESNO) {
            ids[n] = FEEDBACK_YES, labels[n] = ui_tr(u, "Yes"), icons[n++] = ICON_THUMB_UP;
            ids[n] = FEEDBACK_NO, labels[n] = ui_tr(u, "No"), icons[n++] = ICON_THUMB_DOWN;
        } else {
            *multi = cq->type == CONTENT_Q_MULTI;
            for (int k = 0; k < cq->nchoices && n < UI_CHOICES_MAX; k++)
                ids[n] = cq->choices[k].id, labels[n] = cq->choices[k].label,
                icons[n++] = cq->choices[k].icon;
        }
    } else {
        const feedback_background_q *b = &feedback_background[q - s->nquestions];
        *text = ui_tr(u, b->question);
        for (int k = 0; b->choices[k].id; k++)
            ids[n] = b->choices[k].id, labels[n] = ui_tr(u, b->choices[k].label), icons[n++] = 0;
    }
    ids[n] = FEEDBACK_PREFER_NOT, labels[n] = ui_tr(u, "Prefer not to say"), icons[n++] = ICON_BLOCK;
    return n;
}

/* Question q (its index in chosen[]: the pack's questions, then the background), the nth of
 * nasked; last: it sends. */
static void question(ui *u, const content_survey *s, int q, int nth, int nasked, int last)
{
    int total = nasked + 1, step = nth; /* a dot for the notice, then one a question */
    int y = u->bar + u->gap + u->gap / 2 + 3;
    int w = u->W - 2 * u->pad, bh = u->bar, by = u->bot - u->pad - bh;
    const char *ids[UI_CHOICES_MAX + 1], *labels[UI_CHOICES_MAX + 1], *text;
    uint32_t icons[UI_CHOICES_MAX + 1];
    int multi, n = answers_of(u, s, q, &text, ids, labels, icons, &multi);
    /* the parts read aloud, in the order shown (question_parts): the question's number (0),
     * what follows, then the answers */
    int part = 1;
    if (q < s->nquestions && s->questions[q].type == CONTENT_Q_TEXT) {
        /* what not to write, in the row of the dots (the keyboard leaves no room for a row of
         * its own on a small screen): the text is read by people */
        const char *warn = ui_tr(u, "Do not write names or phone numbers.");
        int ww = w - progress_w(u, total) - u->gap, top = u->bar + u->gap / 2;
        mark_para(u, part++, warn, u->pad, top, ww, u->small, 1);
        int wh = ui_para(u, warn, ui_mx(u, u->pad, ww), top, ww, u->small, 1, TEXT_ALIGN_START,
                         C_NOTE_INK);
        widget_add(u, "no-names", UI_ROLE_TEXT, warn, ui_mx(u, u->pad, ww), top, ww, wh,
                   UI_ACT_NONE, NULL);
        int r = u->gap / 2 + 3, rh = wh > 2 * r ? wh : 2 * r;
        progress(u, step, total, top + rh / 2, 1);
        y = top + rh + u->gap / 2;
        free_text(u, s, q, text, y, last, part);
        return;
    }
    progress(u, step, total, y, 0);
    y += u->gap + 6;
    if (q >= s->nquestions) {
        const char *about = ui_tr(u, "A few questions about you (optional)");
        mark_para(u, part++, about, u->pad, y, w, u->small, 0);
        int ah =
            ui_para(u, about, ui_mx(u, u->pad, w), y, w, u->small, 0, TEXT_ALIGN_START, C_MUTED);
        widget_add(u, "about-you", UI_ROLE_TEXT, about, ui_mx(u, u->pad, w), y, w, ah, UI_ACT_NONE,
                   NULL);
        y += ah + u->gap / 2;
    }
    mark_para(u, part++, text, u->pad, y, w, u->heading, 1);
    int th = ui_para(u, text, ui_mx(u, u->pad, w), y, w, u->heading, 1, TEXT_ALIGN_START, C_INK);
    widget_add(u, "question", UI_ROLE_HEADING, text, ui_mx(u, u->pad, w), y, w, th, UI_ACT_NONE,
               NULL);
    y += th + u->gap / 2;
    if (multi) {
        const char *all = ui_tr(u, "Choose all that apply");
        mark_para(u, part++, all, u->pad, y, w, u->small, 0);
        y += ui_para(u, all, ui_mx(u, u->pad, w), y, w, u->small, 0, TEXT_ALIGN_START, C_MUTED);
    }
    y += u->gap;
    if (q < s->nquestions && s->questions[q].type == CONTENT_Q_FACES)
        face_cards(u, q, labels, y, by - u->gap, part);
    else
        choices(u, q, n, ids, labels, icons, multi, y, by - u->gap, part);
    next_button(u, last, by, bh);
}

/* What a question reads aloud, in the order it shows them (question above): its number, the
 * warning of a free-text question, what the background questions are about, the question,
 * "choose all that apply", then every answer in order ("prefer not to say" last). */
static int question_parts(ui *u, const content_survey *s, int q, int nth, int nasked,
                          const char **out)
{
    const char *ids[UI_CHOICES_MAX + 1], *labels[UI_CHOICES_MAX + 1], *text;
    uint32_t icons[UI_CHOICES_MAX + 1];
    int multi, n = answers_of(u, s, q, &text, ids, labels, icons, &multi), k = 0;
    out[k++] = progress_label(u, nth, nasked + 1);
    if (q < s->nquestions && s->questions[q].type == CONTENT_Q_TEXT)
        out[k++] = ui_tr(u, "Do not write names or phone numbers.");
    if (q >= s->nquestions)
        out[k++] = ui_tr(u, "A few questions about you (optional)");
    out[k++] = text;
    if (multi)
        out[k++] = ui_tr(u, "Choose all that apply");
    for (int a = 0; a < n; a++)
        out[k++] = labels[a];
    return k;
}

/* The notice for children (the pack's, after "under 18"): then the survey goes on. */
static void child(ui *u, const content_survey *s, int last)
{
    int top = u->bar, bottom = u->bot - u->bar - u->pad, x = u->pad, w = u->W - 2 * u->pad;
    int y = top + u->pad - u->v.scroll, iw = u->big * 2;
    display_clip(&u->dl, 0, top, u->W, bottom - top - u->gap);
    ui_icon(u, ICON_INFO, ui_mx(u, x, iw) + iw / 2, y + iw / 2, iw, C_PRIMARY);
    int tx = x + iw + u->gap, tw = w - iw - u->gap;
    mark_para(u, 1, s->child, tx, y, tw, u->body, 0); /* after the title in the bar (0) */
    int th = ui_para(u, s->child, ui_mx(u, tx, tw), y, tw, u->body, 0, TEXT_ALIGN_START, C_INK);
    widget_in(u, "child-notice", UI_ROLE_TEXT, s->child, ui_mx(u, tx, tw), y, tw, th, top, bottom,
              UI_ACT_NONE, NULL, NULL);
    y += (th > iw ? th : iw) + u->gap;
    display_unclip(&u->dl);
    int total = y + u->v.scroll - top, view = bottom - top - u->gap;
    u->max_scroll = total > view ? total - view : 0;
    chrome_scrollbar(u, top, view, total);
    int bh = u->bar, by = u->bot - u->pad - bh, bw = next_w(u);
    int uw = w - bw - u->gap < bw * 2 ? w - bw - u->gap : bw * 2;
    chrome_urgent(u, ui_mx(u, x, uw), by, uw, bh); /* a child in trouble needs a person */
    next_button(u, last, by, bh);
}

static const char *bar_title(ui *u, const content_survey *s)
{
    return s->title && *s->title ? s->title : ui_tr(u, "Tell us what you think");
}

static void build(ui *u)
{
    content_survey s;
    if (load(u, &s)) {
        chrome_top_bar(u, ui_tr(u, "Tell us what you think"), 1);
        return;
    }
    u->reads = ui_has_voice(u, u->v.lang); /* the notice and each question read aloud */
    chrome_top_bar(u, bar_title(u, &s), 1);
    keyboard_focus(u, NULL, 0, 0, 0);
    step st[MAX_STEPS];
    int n = plan(u, &s, st), k = u->v.survey.step < n ? u->v.survey.step : n - 1, nth = 0;
    int nasked = questions_asked(st, n, k, &nth), last = k == n - 1;
    /* the pack's texts no person reviewed (the survey file's status, or the question's):
     * one line at the bottom says so; the kiosk's own questions are not the pack's */
    char owner[PACK_OWNER_MAX], qid[2 * PACK_ID_MAX + 2];
    int machine = st[k].kind != STEP_CHILD && pack_owner(owner, sizeof owner, PACK_OWNER_SURVEY,
                                                         s.id) == 0 &&
                  content_machine(u->c, owner, u->v.lang);
    if (machine && st[k].kind != STEP_NOTICE) {
        int q = st[k].q;
        snprintf(qid, sizeof qid, "%s.%s", s.id, q < s.nquestions ? s.questions[q].id : "");
        machine = q < s.nquestions &&
                  pack_owner(owner, sizeof owner, PACK_OWNER_QUESTION, qid) == 0 &&
                  content_machine(u->c, owner, u->v.lang);
    }
    int keep_bot = u->bot;
    u->bot -= machine ? chrome_machine_note_h(u, u->v.lang) : 0;
    if (st[k].kind != STEP_QUESTION)
        ui_speech_title(u); /* a notice is read from the title in the bar */
    if (st[k].kind == STEP_NOTICE)
        notice(u, &s, nasked, last);
    else if (st[k].kind == STEP_CHILD)
        child(u, &s, last);
    else
        question(u, &s, st[k].q, nth, nasked, last);
    u->bot = keep_bot;
    if (machine)
        chrome_machine_note(u, u->v.lang);
    u->v.speech.follow = 0;
}

/* Read aloud, in the order shown: a notice from the survey's title in the bar, then its
 * heading and each of its lines (the notice for children: its text); a question from its
 * number, then the question and each of its answers in order (question_parts). Nothing
 * typed is read: others may stand near. */
static speech_job *speak(ui *u)
{
    content_survey s;
    if (!ui_has_voice(u, u->v.lang) || load(u, &s))
        return NULL;
    step st[MAX_STEPS];
    int n = plan(u, &s, st), k = u->v.survey.step < n ? u->v.survey.step : n - 1, nth = 0;
    int nasked = questions_asked(st, n, k, &nth);
    speech_job *j = ui_speech_job(u, u->v.lang);
    if (st[k].kind == STEP_QUESTION) {
        const char *parts[8 + UI_CHOICES_MAX];
        int np = question_parts(u, &s, st[k].q, nth, nasked, parts);
        for (int p = 0; p < np; p++)
            speech_job_part(j, parts[p], SPEECH_TEXT);
        return j;
    }
    speech_job_part(j, bar_title(u, &s), SPEECH_TEXT);
    if (st[k].kind == STEP_CHILD) {
        speech_job_part(j, s.child, SPEECH_TEXT);
        return j;
    }
    speech_job_part(j, ui_tr(u, "Before you start"), SPEECH_TEXT);
    notice_line lines[NOTICE_LINES];
    const char *labels[NOTICE_LINES];
    int nl = notice_lines(u, &s, nasked, lines, labels);
    for (int l = 0; l < nl; l++)
        speech_job_part(j, labels[l], SPEECH_TEXT);
    return j;
}

/* The answers given to questions from..to-1 (indices in chosen[]), as rows for the store:
 * one a question (one a chosen choice of a multiple-choice question), nothing for a
 * question skipped. */
static int collect(ui *u, const content_survey *s, store_answer *out, int cap, int from, int to)
{
    int n = 0;
    for (int q = from; q < to && n < cap; q++) {
        uint32_t c = u->v.survey.chosen[q];
        const char *qid =
            q < s->nquestions ? s->questions[q].id : feedback_background[q - s->nquestions].id;
        const char *kind = q < s->nquestions ? feedback_question_kind(s->questions[q].type) : FEEDBACK_KIND_BACKGROUND;
        if (q < s->nquestions && s->questions[q].type == CONTENT_Q_TEXT) {
            const char *t = qtext(u, s, q);
            if (t && *t)
                out[n++] = (store_answer){.question = qid, .value = t, .free_text = 1, .kind = kind};
            continue;
        }
        if (c & PREFER_NOT) {
            out[n++] = (store_answer){.question = qid, .value = FEEDBACK_PREFER_NOT, .kind = kind};
            continue;
        }
        for (int k = 0; k < UI_CHOICES_MAX && n < cap; k++) {
            if (!(c >> k & 1))
                continue;
            const char *v;
            if (q >= s->nquestions)
                v = k < FEEDBACK_BG_CHOICES_MAX ? feedback_background[q - s->nquestions].choices[k].id
                                                : NULL;
            else if (s->questions[q].type == CONTENT_Q_FACES)
                v = k < FEEDBACK_NFACES ? feedback_faces[k].id : NULL;
            else if (s->questions[q].type == CONTENT_Q_YESNO)
                v = k == 0 ? FEEDBACK_YES : k == 1 ? FEEDBACK_NO : NULL;
            else
                v = k < s->questions[q].nchoices ? s->questions[q].choices[k].id : NULL;
            if (v)
                out[n++] = (store_answer){.question = qid, .value = v, .kind = kind};
        }
    }
    return n;
}

/* The answers are kept (or gone with the visit): the screens forget them now. */
static void forget_answers(ui *u)
{
    memset(u->v.survey.chosen, 0, sizeof u->v.survey.chosen);
    memset(u->v.survey.text, 0, sizeof u->v.survey.text);
    u->v.survey.id[0] = 0;
    u->v.survey.step = 0;
    u->v.survey.danger_seen = 0;
}

/* Stores the answers and thanks the person (or says they could not be kept). The background
 * answers go in a submission of their own, with its own random id: typed text and the other
 * answers are never tied to an age band, a gender or a difficulty. */
static void send(ui *u, const content_survey *s)
{
    store_answer rows[64], bg[NBG * (FEEDBACK_BG_CHOICES_MAX + 1)];
    int n = collect(u, s, rows, 64, 0, s->nquestions);
    int nb = collect(u, s, bg, NBG * (FEEDBACK_BG_CHOICES_MAX + 1), s->nquestions,
                     s->nquestions + NBG);
    int ok = n == 0 || ui_submit(u, s->id, rows, n) == 0; /* nothing to keep: nothing lost */
    if (ok && nb) /* a failure here is said too, though the answers before it are kept */
        ok = ui_submit(u, s->id, bg, nb) == 0;
    if (ok)
        u->v.survey.sent++;
    if (ok && n + nb)
        ui_survey_sent(u); /* only what was stored counts against the kiosk's limit */
    forget_answers(u);
    ui_go_with(u, &screen_thanks, NULL, 0,
               &(thanks_args){.failed = !ok, .empty = n + nb == 0});
}

/* "Under 18" where the pack says under18: end: a polite end. Nothing of the survey is
 * stored, neither the age nor anything answered before it (the age is asked first). */
static void end_for_child(ui *u)
{
    forget_answers(u);
    ui_go_with(u, &screen_thanks, NULL, 0, &(thanks_args){.ended = 1});
}

/* Whether any text typed in this survey holds one of the pack's danger words. */
static int danger_typed(ui *u)
{
    for (int k = 0; k < UI_SURVEY_TEXTS; k++)
        if (u->v.survey.text[k][0] && content_danger(u->c, u->v.survey.text[k]))
            return 1;
    return 0;
}

static void act(ui *u, const ui_widget *w)
{
    content_survey s;
    if (load(u, &s))
        return;
    step st[MAX_STEPS];
    int total = plan(u, &s, st), k = u->v.survey.step;
    if (k >= total)
        return;
    switch (w->action) {
    case ACT_READ_ON: /* most of a view on: the line at its bottom stays in sight */
        ui_scroll_by(u, (u->bot - 2 * u->bar - u->pad - u->gap) * 3 / 4);
        break;
    case ACT_CHOOSE: {
        if (ui_feedback_bounce(u) || !w->arg)
            return;
        int q = st[k].q, bit = atoi(w->arg);
        if (st[k].kind != STEP_QUESTION || q < 0 || q >= UI_SURVEY_MAX + NBG || bit < 0 ||
            bit > 31)
            return;
        int multi = q < s.nquestions && s.questions[q].type == CONTENT_Q_MULTI;
        uint32_t b = 1u << bit, *c = &u->v.survey.chosen[q];
        if (bit == 31 || !multi) /* one answer, or prefer not to say alone */
            *c = *c == b ? 0 : b;
        else
            *c = (*c & ~PREFER_NOT) ^ b;
        u->dirty = 1;
        break;
    }
    case ACT_NEXT:
        if (ui_feedback_bounce(u))
            return;
        if (st[k].q == s.nquestions + FEEDBACK_BG_AGE && under_18(u, &s) &&
            s.under18 == CONTENT_UNDER18_END) {
            end_for_child(u);
            return;
        }
        if (k < total - 1) {
            ui_speech_stop(u); /* what was read is no longer shown */
            u->v.survey.step++, u->v.scroll = 0, u->dirty = 1;
        }
        u->v.kb.layer = u->v.kb.shift = 0; /* a new field starts on the letters */
        break;
    case ACT_SEND:
        if (ui_feedback_bounce(u) || u->v.survey.sent >= THEME_SURVEYS_PER_VISIT)
            return;
        /* danger in what they typed: a person first, before anything is sent */
        if (!u->v.survey.danger_seen && danger_typed(u)) {
            ui_go_with(u, &screen_urgent, NULL, 1, &(urgent_args){.ask = 1});
            return;
        }
        send(u, &s);
        break;
    default:
        break;
    }
}

/* Back goes one question back; from the notice it leaves the survey. */
static int back(ui *u)
{
    if (u->v.survey.step == 0)
        return 0;
    ui_speech_stop(u);
    u->v.survey.step--;
    u->v.scroll = 0;
    u->dirty = 1;
    return 1;
}

/* Points the keyboard at the free-text question shown, if one is: typing may come before
 * the screen is drawn again. Returns whether there is one. */
static int focus(ui *u)
{
    content_survey s;
    step st[MAX_STEPS];
    keyboard_focus(u, NULL, 0, 0, 0);
    if (load(u, &s) || u->v.survey.step >= plan(u, &s, st))
        return 0;
    int q = st[u->v.survey.step].q;
    if (q < 0 || q >= s.nquestions || s.questions[q].type != CONTENT_Q_TEXT)
        return 0;
    keyboard_focus(u, qtext(u, &s, q), sizeof u->v.survey.text[0], UI_TEXT_MAX_CHARS, 1);
    return 1;
}

static void text(ui *u, const char *t)
{
    if (focus(u))
        keyboard_type(u, t);
}

static int key(ui *u, const char *name)
{
    int text_shown = focus(u);
    if (!strcmp(name, "backspace") && text_shown) {
        keyboard_type(u, "\b");
        return 1;
    }
    return 0; /* the notice scrolls by keys as every screen does (core) */
}

/* A survey opened anew starts at its notice with nothing chosen or typed. */
static void enter(ui *u, const void *args)
{
    snprintf(u->v.survey.id, sizeof u->v.survey.id, "%s", u->v.arg);
    u->v.survey.step = 0;
    memset(u->v.survey.chosen, 0, sizeof u->v.survey.chosen);
    memset(u->v.survey.text, 0, sizeof u->v.survey.text);
}

/* Back from "I need help now", shown before sending: send as it is, delete what was typed
 * (the other answers stay, to send or not), or go on where they were. */
static void resume(ui *u, const void *reply)
{
    const urgent_reply *r = reply;
    content_survey s;
    if (!r || load(u, &s))
        return;
    if (r->choice == URGENT_SEND && u->v.survey.sent < THEME_SURVEYS_PER_VISIT) {
        u->v.survey.danger_seen = 1;
        send(u, &s);
    } else if (r->choice == URGENT_DELETE) {
        memset(u->v.survey.text, 0, sizeof u->v.survey.text);
        u->dirty = 1;
    }
}

/* Answers chosen or typed (kept while the person looks elsewhere), or a survey begun. */
static int keeps(const ui *u)
{
    const survey_visit *sv = &u->v.survey;
    if (u->v.screen == &screen_survey && sv->step > 0)
        return 1;
    for (int k = 0; k < UI_SURVEY_TEXTS; k++)
        if (sv->text[k][0])
            return 1;
    for (size_t k = 0; k < sizeof sv->chosen / sizeof *sv->chosen; k++)
        if (sv->chosen[k])
            return 1;
    return 0;
}

const ui_screen screen_survey = {.name = "survey", .build = build, .act = act, .back = back,
                                 .text = text, .key = key, .enter = enter,
                                 .keeps = keeps, .resume = resume, .speak = speak};

