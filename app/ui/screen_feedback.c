/* Tell us what you think: the pack's surveys, as links. */
#include "ui/screen.h"

static void build(ui *u)
{
    chrome_top_bar(u, ui_tr(u, "Tell us what you think"), 1);
    content_item *items;
    int n = content_surveys(u->c, u->v.lang, &u->fa, &items);
    card_link_list_to(u, items, n, u->bar + u->pad, u->bot, u->v.scroll, &screen_survey, "survey-");
}

const ui_screen screen_feedback = {.name = "feedback", .build = build};

