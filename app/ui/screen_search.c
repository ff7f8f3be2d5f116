/* Search: an input line, the results, and the on-screen keyboard of the person's language. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

enum { ACT_HIDE = UI_ACT_SCREEN, ACT_SHOW };

/* Points the keyboard at the query: typing may come before the screen is drawn. */
static void focus(ui *u)
{
    keyboard_focus(u, u->v.search.query, sizeof u->v.search.query, UI_SEARCH_MAX_CHARS, 0);
}

/* The query as the field shows it: on one line, and when it is wider than w, its end (what
 * is being typed) after an ellipsis. Found by halving over character boundaries. */
static const char *one_line(ui *u, const char *query, int w)
{
    if (ui_text_width(u, query, u->body, 0) <= w)
        return query;
    size_t len = strlen(query), lo = 0, hi = len; /* the tail from hi fits; from lo it does not */
    char *shown = arena_alloc(&u->fa, len + 4);
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        while (mid < hi && ((unsigned char)query[mid] & 0xC0) == 0x80)
            mid++; /* the start of a character */
        if (mid == hi)
            break;
        snprintf(shown, len + 4, "\u2026%s", query + mid);
        if (ui_text_width(u, shown, u->body, 0) <= w)
            hi = mid;
        else
            lo = mid;
    }
    snprintf(shown, len + 4, "\u2026%s", query + hi);
    return shown;
}

static void build(ui *u)
{
    focus(u);
    chrome_top_bar(u, ui_tr(u, "Search"), 1);
    int ih = u->body * 2, w = u->W - 2 * u->pad;
    int kb_top = u->v.search.kb_hidden ? u->bot : keyboard_top(u);
    /* the field sits by the keyboard: above it in portrait (the keys are far below the bar),
     * under the bar otherwise; the results fill the rest */
    int fy = u->portrait && !u->v.search.kb_hidden ? kb_top - ih - u->gap : u->bar + u->pad / 2;
    int rtop = u->portrait && !u->v.search.kb_hidden ? u->bar + u->pad / 2 : fy + ih + u->gap;
    int rbot = u->portrait && !u->v.search.kb_hidden ? fy - u->gap : kb_top - u->gap;
    display_frame(&u->dl, u->pad, fy, w, ih, C_CARD, ih / 6, 3, C_PRIMARY);
    const char *query = u->v.search.query;
    int tw = w - 2 * u->gap;
    const char *shown = query[0] ? one_line(u, query, tw) : ui_tr(u, "Type a word to search");
    ui_para_mid(u, shown, u->pad + u->gap, fy, w - 2 * u->gap, ih, u->body, 0, TEXT_ALIGN_START,
                u->v.rtl, u->v.search.query[0] ? C_INK : C_MUTED);
    /* touching the field brings the keyboard back */
    widget_add(u, "query", UI_ROLE_INPUT, query[0] ? query : shown, u->pad, fy, w, ih,
               u->v.search.kb_hidden ? ACT_SHOW : UI_ACT_NONE, NULL);
    /* results (drawn first: the keyboard's pop-up of vowel forms lies over them) */
    if (u->v.search.query[0]) {
        content_item *items;
        int n = content_search(u->c, u->v.lang, u->v.search.query, 20, &u->fa, &items);
        if (n == 0) {
            const char *none = ui_tr(u, "No pages found");
            int h = ui_para(u, none, ui_mx(u, u->pad, w), rtop, w, u->body, 0, TEXT_ALIGN_START,
                            C_MUTED);
            widget_add(u, "no-results", UI_ROLE_TEXT, none, u->pad, rtop, w, h, UI_ACT_NONE, NULL);
        } else {
            card_link_list(u, items, n, rtop, rbot, u->v.scroll); /* drag to see more */
        }
    }
    if (u->v.search.kb_hidden)
        return;
    /* a key to put the keyboard away and see more results, at the start of the space row
     * (where the keyboard, which is not mirrored, keeps it free) */
    int hw = u->W / 8, hy, kh;
    keyboard_draw(u, hw, 0);
    keyboard_bottom(u, &hy, &kh);
    display_frame(&u->dl, u->gap, hy, hw, kh, C_TINT, 6, 1, C_LINE);
    ui_icon(u, ICON_KB_HIDE, u->gap + hw / 2, hy + kh / 2, u->body, C_PRIMARY);
    widget_add(u, "key-hide", UI_ROLE_KEY, ui_tr(u, "Done"), u->gap, hy, hw, kh, ACT_HIDE, NULL);
}

static void act(ui *u, const ui_widget *w)
{
    u->v.search.kb_hidden = w->action == ACT_HIDE;
    u->v.scroll = 0;
    u->dirty = 1;
}

/* A search opened anew starts empty: the last query is not typed onto. */
static void enter(ui *u, const void *args)
{
    memset(u->v.search.query, 0, sizeof u->v.search.query);
    u->v.search.kb_hidden = 0;
    u->v.kb.base = u->v.kb.shift = u->v.kb.layer = 0;
}

static void text(ui *u, const char *t)
{
    focus(u);
    keyboard_type(u, t);
}

static int key(ui *u, const char *name)
{
    focus(u);
    if (!strcmp(name, "backspace"))
        keyboard_type(u, "\b");
    else if (!strcmp(name, "space"))
        keyboard_type(u, " ");
    else
        return 0;
    return 1;
}

/* A query typed is something to lose. */
static int keeps(const ui *u) { return u->v.search.query[0] != 0; }

const ui_screen screen_search = {.name = "search", .build = build, .act = act, .key = key,
                                 .text = text, .enter = enter, .keeps = keeps};
