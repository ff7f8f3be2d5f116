/* widget: the pieces screens are built from, by concern, each drawing into the frame's
 * display list and adding what it shows to the widget tree. Internal to app/ui; screen.h
 * includes it, so a screen file includes screen.h alone.
 *   widget.c           the widget tree (widget_)
 *   widget_text.c      text and pictograms, laid out in the person's direction (ui_)
 *   widget_chrome.c    the bar, help, the scroll bar (chrome_)
 *   widget_card.c      list rows, tiles, cards over the screen (card_)
 *   widget_keyboard.c  the on-screen keyboards (keyboard_) */
#ifndef SV_WIDGET_H
#define SV_WIDGET_H

#include "ui/screen.h"

/* ---- the widget tree (widget.c) ----------------------------------------------------- */

ui_widget *widget_add(ui *u, const char *id, int role, const char *label, int x, int y, int w,
                      int h, int action, const char *arg);
/* A widget that opens screen s with arg when tapped. */
ui_widget *widget_open(ui *u, const char *id, int role, const char *label, int x, int y, int w,
                       int h, const ui_screen *s, const char *arg);
/* A widget in a scrolled view between top and bottom: only its visible part takes a touch. */
void widget_in(ui *u, const char *id, int role, const char *label, int x, int y, int w, int h,
               int top, int bottom, int action, const char *arg, const ui_screen *to);

/* A button: a frame and its word, with a pictogram at the word's start, at its end or above
 * it (a tile). Named fields, so a call says what each number is; a field left out is zero,
 * which means the default said beside it. */
enum { WIDGET_ICON_START, WIDGET_ICON_END, WIDGET_ICON_ABOVE };
typedef struct widget_btn {
    const char *id;
    int role;                /* UI_ROLE_BUTTON unless said */
    const char *label;       /* the word shown, and the widget's label */
    int x, y, w, h;          /* the box, already mirrored */
    uint32_t fill, ink;      /* the frame's colour; the word's (and the pictogram's) */
    int radius;              /* of the frame's corners; 0: h / 5 */
    int border;              /* the frame's line, this wide, in colour `line`; 0: none */
    uint32_t line;
    uint32_t icon;           /* a pictogram, 0: none (the word centred in the whole box) */
    int icon_at;             /* WIDGET_ICON_START, _END or _ABOVE */
    uint32_t icon_ink;       /* 0: ink */
    int px;                  /* the word's size; 0: u->body. The word is bold. */
    int action;              /* what a tap does (UI_ACT_NONE: nothing) */
    const char *arg;
    const ui_screen *to;     /* a screen the tap opens with arg (the action is UI_ACT_OPEN) */
} widget_btn;
ui_widget *widget_button(ui *u, const widget_btn *b);

/* ---- text and pictograms (widget_text.c) -------------------------------------------- */

/* Lays s out in u->tp for a box w wide; returns its height. Nothing else may lay out text
 * before ui_draw_laid draws it. */
int ui_lay(ui *u, const char *s, int w, int px, int bold, int align, int rtl);
/* Draws a laid-out paragraph of s with its box's top-left corner at (x, y). */
void ui_draw_para(ui *u, const text_para *p, const char *s, int x, int y, int px,
                  uint32_t color);
/* Draws what ui_lay() laid out last. */
void ui_draw_laid(ui *u, const char *s, int x, int y, int px, uint32_t color);
/* Lays out s in the box (x, y, w) in direction rtl and draws it; returns its height. */
int ui_para_dir(ui *u, const char *s, int x, int y, int w, int px, int bold, int align, int rtl,
                uint32_t color);
/* The same in the person's direction. */
int ui_para(ui *u, const char *s, int x, int y, int w, int px, int bold, int align,
            uint32_t color);
/* Lays s out once and draws it centred in the height of the box (x, y, w, h). */
void ui_para_mid(ui *u, const char *s, int x, int y, int w, int h, int px, int bold, int align,
                 int rtl, uint32_t color);
/* The width s takes on one line at px in the person's direction (it lays s out in u->tp). */
int ui_text_width(ui *u, const char *s, int px, int bold);
/* The height s would take in a box w wide in the person's direction. */
int ui_text_height(ui *u, const char *s, int w, int px, int bold);
/* A pictogram centred on (cx, cy). */
void ui_icon(ui *u, uint32_t cp, int cx, int cy, int px, uint32_t color);

/* ---- what frames a screen (widget_chrome.c) ----------------------------------------- */

/* The bar at the top: back (or the globe on home), the title, help and "start again". */
void chrome_top_bar(ui *u, const char *title, int back);
/* Help on a screen without the top bar (start, languages): in the top end corner in the
 * person's language; before a language is chosen, a band along the bottom with the word in
 * every language of the pack. chrome_help_room is the height that band takes (0: none). */
void chrome_help_corner(ui *u);
int chrome_help_room(ui *u);
/* Back in the top start corner of a screen without the top bar: an arrow, no word. */
void chrome_back_corner(ui *u);
/* The width the top bar leaves its title. */
int chrome_title_room(ui *u);
/* "I need help now" (id urgent-help) in the box (x, y, w, h), already mirrored: it opens the
 * hotlines, wherever a person might write or look for help. */
void chrome_urgent(ui *u, int x, int y, int w, int h);
/* A scroll bar at the end side of a view taller than the screen. */
void chrome_scrollbar(ui *u, int top, int view, int total);
/* What a machine-written text in lang is called: "Machine translation. ..." or, in the
 * pack's reference language, "Written automatically, not yet reviewed." */
const char *chrome_machine_words(ui *u, const char *lang);
/* That note as one band at the bottom of the screen (ending at u->bot), widget
 * "machine-note"; returns its height, which the screen leaves to it. Draw it after what
 * scrolls above it. */
int chrome_machine_note(ui *u, const char *lang);
/* The height chrome_machine_note will take. */
int chrome_machine_note_h(ui *u, const char *lang);

/* ---- cards (widget_card.c) ---------------------------------------------------------- */

/* A vertical list of page links between top and bottom, scrolled by `scroll`. */
void card_link_list(ui *u, content_item *items, int n, int top, int bottom, int scroll);
/* The same for items that open screen `to` (widget ids: prefix and the item's id). */
void card_link_list_to(ui *u, content_item *items, int n, int top, int bottom, int scroll,
                       const ui_screen *to, const char *prefix);
/* The contact card over the screen: u->v.item shown large with a QR code. */
void card_item(ui *u);
/* "Start again?" over the screen, when a visit has something to lose. */
void card_confirm(ui *u);
/* "Still there?" over the screen: the seconds left until the kiosk starts again and a large
 * "Yes" (id yes) that keeps the visit. */
void card_still(ui *u);

/* ---- the on-screen keyboard (widget_keyboard.c) ------------------------------------- */

/* The on-screen keyboard of the person's language at the bottom of the screen, typing into
 * the field it is pointed at (keys are UI_ACT_KEY and UI_ACT_SYLLABLE; shift where the
 * script has capitals, and a second layer of digits in the language's own and its
 * punctuation); keyboard_top is where it starts. start_room and end_room: the widths a
 * screen keeps free at the start and the end of its bottom row for keys of its own (0:
 * none), which keyboard_bottom places; on free text the keyboard puts "I need help now" at
 * its start itself. */
int keyboard_top(ui *u);
void keyboard_draw(ui *u, int start_room, int end_room);
/* Where the keyboard's bottom row is: its top and the height of its keys. */
void keyboard_bottom(ui *u, int *y, int *h);
/* Points the keyboard at a screen's field of cap bytes that holds at most max_chars
 * characters (NULL: keys type nothing); free_text: a sentence (digits and more keys), not
 * a search word. A screen points it before it draws the keys or passes typing on. */
void keyboard_focus(ui *u, char *field, size_t cap, size_t max_chars, int free_text);
/* Types t (UTF-8, or "\b" for delete) into the field: printable text only. */
void keyboard_type(ui *u, const char *t);

#endif
