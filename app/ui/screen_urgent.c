/* "I need help now": the way out for people in danger. Abuse, exploitation and violence need
 * a person, not an anonymous box: this screen says so and lists the hotlines the pack names
 * (112, the police, a trafficking line, an NGO), each opening large with a QR code on a tap.
 * It stores nothing of the person: only a count of its uses a day is kept (once a visit), and
 * nothing is logged, since a log line carries the exact time. Opened by the survey before it
 * sends typed text with a danger word, it then offers back, send or delete. */
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

enum { ACT_REPLY = UI_ACT_SCREEN };

/* One hotline as a card: the phone pictogram at the start, the name, its short line, and the
 * number large, always left to right; a number the operator has not filled in says so and
 * opens nothing. Returns the card's height. */
static int hotline_card(ui *u, const content_hotline *h, int y, int top, int bottom, int part)
{
    int x = u->pad, w = u->W - 2 * u->pad, isz = u->card_icon, in = u->gap;
    int tx = in * 2 + isz, tw = w - tx - in;
    int todo = pack_placeholder_find(h->phone, NULL) != NULL;
    const char *number = todo ? ui_tr(u, "To be filled in locally") : h->phone;
    int th = ui_text_height(u, h->title, tw, u->body, 1);
    int xh = *h->text ? ui_text_height(u, h->text, tw, u->small, 0) : 0;
    int npx = todo ? u->body : u->big;
    int nh = ui_text_height(u, number, tw, npx, !todo);
    int ch = in + th + xh + nh + in;
    if (ch < THEME_ROW_MIN)
        ch = THEME_ROW_MIN;
    if (y + ch <= top || y >= bottom)
        return ch;
    int bx = ui_mx(u, x, w), cy = y + in;
    display_frame(&u->dl, bx, y, w, ch, C_CARD, u->gap, 2, todo ? C_LINE : C_URGENT);
    char label[1024];
    /* the card's label: the name, then the number on its own line, as a page's item */
    snprintf(label, sizeof label, "%s\n%s", h->title, number);
    ui_speech_mark(u, part, label, bx + 2, y + 2, w - 4, ch - 4);
    ui_icon(u, ICON_PHONE, ui_mx(u, x + in, isz) + isz / 2, y + ch / 2, isz,
            todo ? C_MUTED : C_URGENT);
    cy += ui_para(u, h->title, ui_mx(u, x + tx, tw), cy, tw, u->body, 1, TEXT_ALIGN_START, C_INK);
    if (xh)
        cy += ui_para(u, h->text, ui_mx(u, x + tx, tw), cy, tw, u->small, 0, TEXT_ALIGN_START,
                      C_MUTED);
    if (todo) {
        ui_para(u, number, ui_mx(u, x + tx, tw), cy, tw, npx, 0, TEXT_ALIGN_START, C_MUTED);
    } else {
        /* a number reads left to right in every script: laid out on its own, at the start */
        int nw = ui_text_width(u, number, npx, 1);
        if (nw > tw)
            nw = tw;
        ui_para_dir(u, number, ui_mx(u, x + tx, nw), cy, nw, npx, 1, TEXT_ALIGN_START, 0, C_INK);
    }
    char id[96], arg[512];
    snprintf(id, sizeof id, "hotline-%s", h->id);
    snprintf(arg, sizeof arg, "phone:%s", h->phone);
    widget_in(u, id, UI_ROLE_BUTTON, label, bx, y, w, ch, top, bottom,
              todo ? UI_ACT_NONE : UI_ACT_ITEM, todo ? NULL : arg, NULL);
    return ch;
}

/* Back, send or delete, at the bottom: the person's text is theirs to decide on. */
static void replies(ui *u, int y, int h)
{
    static const struct {
        const char *id, *label;
        uint32_t icon;
        int choice;
    } b[] = {
        {"urgent-back", "Back to my answers", ICON_BACK, URGENT_BACK},
        {"urgent-delete", "Delete what I typed", ICON_DELETE, URGENT_DELETE},
        {"urgent-send", "Send", ICON_SEND, URGENT_SEND},
    };
    int n = 3, w = (u->W - 2 * u->pad - (n - 1) * u->gap) / n;
    for (int k = 0; k < n; k++) {
        char arg[8];
        snprintf(arg, sizeof arg, "%d", b[k].choice);
        const char *l = ui_tr(u, b[k].label);
        int px = u->body;
        while (px > u->small && ui_text_width(u, l, px, 1) > w - 3 * u->gap - h * 3 / 5)
            px--;
        int send = b[k].choice == URGENT_SEND;
        widget_button(u, &(widget_btn){.id = b[k].id, .label = l,
                                       .x = ui_mx(u, u->pad + k * (w + u->gap), w), .y = y,
                                       .w = w, .h = h, .fill = send ? C_PRIMARY : C_CARD,
                                       .ink = send ? C_ON_PRIMARY : C_PRIMARY,
                                       .border = send ? 0 : 2, .line = C_PRIMARY,
                                       /* back points back: right in right-to-left scripts */
                                       .icon = b[k].choice == URGENT_BACK && u->v.rtl
                                                   ? ICON_FORWARD : b[k].icon,
                                       .icon_at = WIDGET_ICON_START, .px = px,
                                       .action = ACT_REPLY, .arg = arg});
    }
}

/* A paragraph of the screen, highlighted while it is read aloud (part). */
static int para(ui *u, const char *s, int x, int y, int w, int px, int bold, uint32_t ink,
                int part)
{
    if (ui_speech_at(u, part))
        ui_speech_mark(u, part, s, x - u->gap / 2, y - u->gap / 4, w + u->gap,
                       ui_text_height(u, s, w, px, bold) + u->gap / 2);
    return ui_para(u, s, x, y, w, px, bold, TEXT_ALIGN_START, ink);
}

static void build(ui *u)
{
    u->reads = ui_has_voice(u, u->v.lang);
    chrome_top_bar(u, ui_tr(u, "I need help now"), 1);
    ui_speech_title(u);
    int part = 1;
    int ask = u->v.urgent.ask, bh = u->bar;
    int top = u->bar, bottom = ask ? u->bot - u->pad - bh - u->gap : u->bot;
    int x = u->pad, w = u->W - 2 * u->pad, y = top + u->pad - u->v.scroll;
    display_clip(&u->dl, 0, top, u->W, bottom - top);
    const char *head = ui_tr(u, "You can also tell a person.");
    int h = para(u, head, ui_mx(u, x, w), y, w, u->heading, 1, C_URGENT, part++);
    widget_in(u, "urgent-title", UI_ROLE_HEADING, head, ui_mx(u, x, w), y, w, h, top, bottom,
              UI_ACT_NONE, NULL, NULL);
    y += h + u->gap / 2;
    const char *say = ui_tr(u, "If you are in danger, or someone hurts you or forces you, "
                               "call one of these numbers or ask a person you trust here. "
                               "This screen saves nothing.");
    h = para(u, say, ui_mx(u, x, w), y, w, u->body, 0, C_INK, part++);
    widget_in(u, "urgent-text", UI_ROLE_TEXT, say, ui_mx(u, x, w), y, w, h, top, bottom,
              UI_ACT_NONE, NULL, NULL);
    y += h + u->gap;
    if (content_help_machine(u->c, u->v.lang)) {
        const char *m = ui_tr(u, "Machine translation. It may contain mistakes.");
        h = para(u, m, ui_mx(u, x, w), y, w, u->small, 0, C_MUTED, part++);
        widget_in(u, "machine-note", UI_ROLE_TEXT, m, ui_mx(u, x, w), y, w, h, top, bottom,
                  UI_ACT_NONE, NULL, NULL);
        y += h + u->gap;
    }
    content_hotline *hs;
    int n = content_hotlines(u->c, u->v.lang, &u->fa, &hs);
    for (int k = 0; k < n; k++)
        y += hotline_card(u, &hs[k], y, top, bottom, part++) + u->gap;
    display_unclip(&u->dl);
    int total = y + u->v.scroll - top, view = bottom - top;
    u->max_scroll = total > view ? total - view : 0;
    chrome_scrollbar(u, top, view, total);
    if (ask)
        replies(u, u->bot - u->pad - bh, bh);
    if (u->v.item[0])
        card_item(u);
}

static void act(ui *u, const ui_widget *w)
{
    if (w->action != ACT_REPLY || !w->arg || ui_feedback_bounce(u))
        return;
    int c = w->arg[0] - '0';
    if (c != URGENT_BACK && c != URGENT_SEND && c != URGENT_DELETE)
        return;
    u->v.urgent.ask = 0;
    ui_back_with(u, &(urgent_reply){.choice = c});
}

/* Opened: counted once a visit, in the day's row and nowhere else; a count that fails is
 * not said anywhere either (a log line would carry the time). */
static void enter(ui *u, const void *args)
{
    const urgent_args *a = args;
    u->v.urgent.ask = a && a->ask;
    if (!u->v.urgent.counted && u->urgent_used) {
        err e = {{0}};
        u->urgent_used(u->urgent_ctx, &e);
        u->v.urgent.counted = 1;
    }
}

/* Read aloud, in the order shown: the title, what to do, each hotline's name, its line and
 * its number digit by digit. */
static speech_job *speak(ui *u)
{
    if (!ui_has_voice(u, u->v.lang))
        return NULL;
    speech_job *j = ui_speech_job(u, u->v.lang);
    speech_job_part(j, ui_tr(u, "I need help now"), SPEECH_TEXT);
    speech_job_part(j, ui_tr(u, "You can also tell a person."), SPEECH_TEXT);
    speech_job_part(j, ui_tr(u, "If you are in danger, or someone hurts you or forces you, "
                                "call one of these numbers or ask a person you trust here. "
                                "This screen saves nothing."), SPEECH_TEXT);
    if (content_help_machine(u->c, u->v.lang))
        speech_job_part(j, ui_tr(u, "Machine translation. It may contain mistakes."), SPEECH_TEXT);
    content_hotline *hs;
    int n = content_hotlines(u->c, u->v.lang, &u->fa, &hs);
    for (int k = 0; k < n; k++) {
        speech_job_part(j, hs[k].title, SPEECH_TEXT);
        if (*hs[k].text)
            speech_job_more(j, hs[k].text, SPEECH_TEXT);
        if (pack_placeholder_find(hs[k].phone, NULL))
            speech_job_more(j, ui_tr(u, "To be filled in locally"), SPEECH_TEXT);
        else
            speech_job_more(j, hs[k].phone, SPEECH_PHONE);
    }
    return j;
}

const ui_screen screen_urgent = {.name = "urgent-help", .build = build, .act = act,
                                 .enter = enter, .speak = speak};
