/* Thanks after a survey: said only once the answers are stored (or that they could not be,
 * and to tell staff), or, when a child's survey ended at "under 18", that nothing was kept,
 * with "I need help now". It holds a few seconds before home is offered, so a second tap of
 * "send" is not a second submission. */
#include "ui/screen.h"

enum { ACT_HOME = UI_ACT_SCREEN };

static void build(ui *u)
{
    chrome_top_bar(u, ui_tr(u, "Tell us what you think"), 0);
    int w = u->W - 2 * u->pad, y = u->bar + u->pad * 2;
    int failed = u->v.thanks.said.failed;
    ui_icon(u, failed ? ICON_INFO : ICON_DONE, u->W / 2, y + u->big, u->big * 2,
            failed ? C_NOTE_INK : C_PRIMARY);
    y += u->big * 2 + u->pad;
    int ended = u->v.thanks.said.ended;
    const char *t = ui_tr(u, failed  ? "Could not be saved. Please tell staff."
                             : ended ? "Thank you. This survey is for people aged 18 or older, so "
                                       "nothing was saved."
                             : u->v.thanks.said.empty ? "Thank you!" /* all skipped: nothing kept */
                                                      : "Thank you. Your answers are saved.");
    int th = ui_para(u, t, u->pad, y, w, ended ? u->heading : u->big, 1, TEXT_ALIGN_CENTER,
                     failed ? C_NOTE_INK : C_INK);
    widget_add(u, failed ? "not-saved" : ended ? "ended" : "saved", UI_ROLE_TEXT, t, u->pad, y, w,
               th, UI_ACT_NONE, NULL);
    int bh = u->bar, by = u->bot - u->pad - bh, bw = u->bar * 4, bx = (u->W - bw) / 2;
    if (ended) { /* a child who wanted to be heard may need a person: at the start of the row */
        int half = (w - u->gap) / 2;
        bw = bw < half ? bw : half;
        bx = ui_mx(u, u->W - u->pad - bw, bw);
        chrome_urgent(u, ui_mx(u, u->pad, half), by, half, bh);
    }
    if (u->v.thanks.held) { /* after the hold: home is one touch away */
        widget_button(u, &(widget_btn){.id = "home", .label = ui_tr(u, "Home"),
                                       .x = bx, .y = by, .w = bw,
                                       .h = bh, .fill = C_PRIMARY, .ink = C_ON_PRIMARY,
                                       .action = ACT_HOME});
    }
}

static void timer(ui *u, int id)
{
    if (u->v.screen == &screen_thanks) {
        u->v.thanks.held = 1;
        u->dirty = 1;
    }
}

static void act(ui *u, const ui_widget *w)
{
    if (w->action == ACT_HOME)
        ui_home(u);
}

/* Opened by the survey once its answers are stored (or could not be): the survey is behind
 * the person, back does not lead into it; the thanks holds THEME_THANKS_MS. */
static void enter(ui *u, const void *args)
{
    const thanks_args *a = args;
    u->v.thanks.said = a ? *a : (thanks_args){0};
    u->v.thanks.held = 0; /* a second survey in the visit holds its thanks too */
    u->v.nstack = 0;
    ui_timer_set(u, &screen_thanks, 0, u->now + THEME_THANKS_MS);
}

const ui_screen screen_thanks = {.name = "thanks", .build = build, .act = act,
                                 .timer = timer, .enter = enter};
