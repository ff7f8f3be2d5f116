/* Home: search, the journey, "you said, we did", "tell us what you think" (when the pack has
 * surveys) and the pack's categories, as tiles. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

static void build(ui *u)
{
    char owner[PACK_OWNER_MAX];
    pack_owner(owner, sizeof owner, PACK_OWNER_PACK, NULL);
    const char *title = content_text(u->c, owner, "title", u->v.lang, &u->fa, NULL);
    content_item *cats;
    int n = content_categories(u->c, u->v.lang, &u->fa, &cats);
    content_item *surveys, *stages, *said;
    int nsurveys = content_surveys(u->c, u->v.lang, &u->fa, &surveys);
    /* the kiosk's own tiles first, tinted, then the pack's categories; a tile that would open
     * an empty screen (no journey, nothing said and done yet, no survey) is left out */
    static const struct {
        const char *id, *label;
        uint32_t icon;
        const ui_screen *to;
    } all[] = {{"search", "Search", ICON_SEARCH, &screen_search},
               {"journey", "Your journey", ICON_ROUTE, &screen_journey},
               {"yousaid", "You said, we did", ICON_FORUM, &screen_yousaid},
               {"feedback", "Tell us what you think", ICON_FEEDBACK, &screen_feedback}};
    /* no feedback on this kiosk (no office key, a store that cannot be written): no tile */
    int shown[4] = {1, content_stages(u->c, u->v.lang, &u->fa, &stages) > 0,
                    content_yousaid(u->c, u->v.lang, &u->fa, &said) > 0,
                    nsurveys > 0 && u->submit};
    int own[4], extra = 0;
    for (int k = 0; k < 4; k++)
        if (shown[k])
            own[extra++] = k;
    int total = n + extra;
    /* category names no person reviewed: one line under the tiles says so */
    const char *machine = NULL;
    for (int i = 0; i < n && !machine; i++)
        if (cats[i].machine)
            machine = cats[i].lang_shown ? cats[i].lang_shown : u->v.lang;
    int keep_bot = u->bot, note_h = machine ? chrome_machine_note_h(u, machine) : 0;
    u->bot -= note_h;
    int cols = u->W < 700 ? 3 : 5;
    if (u->portrait)
        cols = u->W < 900 ? 2 : 3;
    int top = u->bar + u->pad, rows, tw, th, need;
    /* as many columns as leave every tile room for its words under its pictogram (larger
     * text: fewer, wider tiles); taller than the screen then, the tiles scroll */
    for (;; cols--) {
        rows = (total + cols - 1) / cols;
        tw = (u->W - 2 * u->pad - (cols - 1) * u->gap) / cols;
        th = (u->bot - top - u->pad - (rows - 1) * u->gap) / (rows ? rows : 1);
        int words = 0;
        for (int i = 0; i < total; i++) {
            const char *l = i >= extra ? cats[i - extra].title : ui_tr(u, all[own[i]].label);
            if (i < extra && own[i] == 3 && ui_survey_held(u))
                l = ui_tr(u, SURVEY_HELD);
            int h = ui_text_height(u, l, tw - u->gap, u->tile_word, 1);
            words = h > words ? h : words;
        }
        /* widget_button's tile: a pictogram of min(h * 2 / 5, big * 2) a gap below its top,
         * the words in what is left but a gap */
        need = (words + 2 * u->gap) * 5 / 3 + 1;
        if (need * 2 / 5 > u->big * 2)
            need = words + 2 * u->big + 2 * u->gap;
        if (th >= need || cols <= 2) {
            th = th > need ? th : need;
            break;
        }
    }
    /* few tiles do not stretch to the bottom: the pictogram stays near its word */
    if (th > tw * 4 / 5 && th > u->big * 4)
        th = tw * 4 / 5 > u->big * 4 ? tw * 4 / 5 : u->big * 4;
    th = th > need ? th : need;
    int all_h = top + rows * th + (rows - 1) * u->gap + u->pad;
    u->max_scroll = all_h > u->bot ? all_h - u->bot : 0;
    top -= u->v.scroll;
    /* tiles that scroll pass under the bar, drawn after them; otherwise the bar comes first */
    if (!u->max_scroll)
        chrome_top_bar(u, title ? title : "Sveiki", 1);
    for (int i = 0; i < total; i++) {
        int r = i / cols, c = i % cols;
        int x = ui_mx(u, u->pad + c * (tw + u->gap), tw), y = top + r * (th + u->gap);
        /* a tile: a card with a pictogram over its word */
        widget_btn t = {.x = x, .y = y, .w = tw, .h = th, .radius = th / 10, .border = 2,
                        .line = C_LINE, .ink = C_INK, .icon_at = WIDGET_ICON_ABOVE,
                        .icon_ink = C_PRIMARY, .px = u->tile_word};
        if (i >= extra) {
            const content_item *cat = &cats[i - extra];
            t.id = cat->id, t.role = UI_ROLE_CATEGORY, t.label = cat->title, t.icon = cat->icon;
            t.fill = C_CARD, t.to = &screen_category, t.arg = cat->id;
            widget_button(u, &t);
            continue;
        }
        int k = own[i];
        t.id = all[k].id, t.label = ui_tr(u, all[k].label), t.icon = all[k].icon, t.fill = C_TINT;
        if (k == 3 && ui_survey_held(u)) { /* the kiosk's limit: say so, open nothing */
            t.role = UI_ROLE_TEXT, t.fill = C_BG, t.icon = 0; /* the words need the room */
            t.label = ui_tr(u, SURVEY_HELD);
        } else if (k == 3 && nsurveys == 1) { /* one survey: straight to it */
            t.to = &screen_survey, t.arg = surveys[0].id;
        } else {
            t.to = all[k].to, t.arg = all[k].id;
        }
        widget_button(u, &t);
    }
    if (u->max_scroll) {
        chrome_top_bar(u, title ? title : "Sveiki", 1);
        chrome_scrollbar(u, u->bar, u->bot - u->bar, all_h - u->bar);
    }
    u->bot = keep_bot;
    if (machine)
        chrome_machine_note(u, machine);
}

const ui_screen screen_home = {.name = "home", .build = build};
