/* Settings for the visit, from the bar's settings button: three text sizes (the layout
 * reflows; the largest still fits 800x480), high contrast, read aloud on or off and listening
 * mode. They belong to the
 * person: in the visit, forgotten with it. A setting's state is said in words and by its
 * pictogram (a filled radio, a ticked box), never by colour alone. */
#include "ui/screen.h"

#include <stdio.h>

enum { ACT_SIZE = UI_ACT_SCREEN, ACT_QUIET, ACT_CONTRAST, ACT_LISTEN };

/* A row of the list: a pictogram at the start that shows the state, then the word. */
static int row(ui *u, const char *id, const char *label, uint32_t icon, int selected, int y,
               int px, int action, const char *arg)
{
    /* as tall as its words need beside the largest pictogram widget_button draws */
    int w = u->W - 2 * u->pad, tw = w - 3 * u->gap - 2 * u->big;
    int th = ui_text_height(u, label, tw, px, 1), h = th + u->pad > u->bar ? th + u->pad : u->bar;
    widget_btn b = {.id = id, .role = UI_ROLE_ANSWER, .label = label, .x = ui_mx(u, u->pad, w),
                    .y = y, .w = w, .h = h, .fill = selected ? C_TINT : C_CARD, .ink = C_INK,
                    .border = selected ? 3 : 1, .line = selected ? C_PRIMARY : C_LINE,
                    .icon = icon, .icon_at = WIDGET_ICON_START, .icon_ink = C_PRIMARY, .px = px,
                    .action = action, .arg = arg};
    widget_button(u, &b);
    return h;
}

static int heading(ui *u, const char *id, const char *text, int y)
{
    int w = u->W - 2 * u->pad;
    int h = ui_para(u, text, u->pad, y, w, u->heading, 1, TEXT_ALIGN_START, C_INK);
    widget_add(u, id, UI_ROLE_HEADING, text, ui_mx(u, u->pad, w), y, w, h, UI_ACT_NONE, NULL);
    return h;
}

static void build(ui *u)
{
    int y = u->bar + u->pad - u->v.scroll;
    y += heading(u, "heading-text-size", ui_tr(u, "Text size"), y) + u->gap;
    static const char *const ids[] = {"text-size-1", "text-size-2", "text-size-3"};
    static const char *const args[] = {"0", "1", "2"};
    const char *words[] = {ui_tr(u, "Small text"), ui_tr(u, "Medium text"), ui_tr(u, "Large text")};
    for (int k = 0; k < THEME_TEXT_SIZES; k++) {
        int on = u->v.text_size == k;
        /* each word in the size it sets, so the choice shows itself */
        int px = theme_metrics_scaled(u->W, u->H, THEME_TEXT_SCALE(k)).body;
        const char *label = ui_fill_in(u, on ? ui_tr(u, "{size}: chosen") : "{size}", "{size}",
                                       words[k]);
        y += row(u, ids[k], label, on ? ICON_RADIO_ON : ICON_RADIO_OFF, on, y, px,
                 ACT_SIZE, args[k]) + u->gap;
    }
    y += u->pad;
    y += heading(u, "heading-contrast", ui_tr(u, "Colours"), y) + u->gap;
    const char *hc = u->v.contrast ? ui_tr(u, "High contrast: on") : ui_tr(u, "High contrast: off");
    y += row(u, "high-contrast", hc, u->v.contrast ? ICON_CHECKED : ICON_UNCHECKED, u->v.contrast,
             y, u->body, ACT_CONTRAST, NULL) + u->pad;
    y += heading(u, "heading-read-aloud", ui_tr(u, "Read aloud"), y) + u->gap;
    int speak = !u->v.quiet;
    const char *word = speak ? ui_tr(u, "Read aloud: on") : ui_tr(u, "Read aloud: off");
    y += row(u, "read-aloud-on", word, speak ? ICON_CHECKED : ICON_UNCHECKED, speak, y,
             u->body, ACT_QUIET, NULL) + u->gap;
    /* listening mode: what a control is, said before it is used (with read aloud on) */
    const char *lm = u->v.listen ? ui_tr(u, "Listening mode: touch once to hear, twice to use: on")
                                 : ui_tr(u, "Listening mode: touch once to hear, twice to use: off");
    y += row(u, "listening-mode", lm, u->v.listen ? ICON_CHECKED : ICON_UNCHECKED, u->v.listen, y,
             u->body, ACT_LISTEN, NULL) + u->pad;
    int total = y + u->v.scroll, bottom = u->bot;
    u->max_scroll = total > bottom ? total - bottom : 0;
    /* the bar over the list, drawn last so a scrolled row passes under it */
    chrome_top_bar(u, ui_tr(u, "Settings"), 1);
    if (u->max_scroll)
        chrome_scrollbar(u, u->bar, bottom - u->bar, total - u->bar);
}

static void act(ui *u, const ui_widget *w)
{
    if (w->action == ACT_SIZE && w->arg)
        ui_set_text_size(u, w->arg[0] - '0');
    else if (w->action == ACT_LISTEN) {
        u->v.listen = !u->v.listen;
        u->v.heard = 0;
        u->dirty = 1;
    } else if (w->action == ACT_CONTRAST) {
        u->v.contrast = !u->v.contrast;
        u->dirty = 1;
    } else if (w->action == ACT_QUIET) {
        u->v.quiet = !u->v.quiet;
        ui_speech_stop(u);
        u->dirty = 1;
    }
}

const ui_screen screen_settings = {.name = "settings", .build = build, .act = act};
