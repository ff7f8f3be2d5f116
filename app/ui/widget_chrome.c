/* widget_chrome: what frames every screen: the bar (back, help, the title, "start again"),
 * help in the corner of the screens without it, and the scroll bar. */
#include "core/buf.h"
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

/* A header button: a pictogram over its word, at least THEME_HEAD_MIN square. */
static int head_w(ui *u, const char *word)
{
    int w = ui_text_width(u, word, u->small, 0) + u->gap * 2;
    return w < u->bar ? u->bar : w > u->W / 4 ? u->W / 4 : w;
}

static void head_button(ui *u, const char *id, uint32_t ic, int flip, const char *word,
                        const char *label, int x, int y, int w, uint32_t ink, int action,
                        const ui_screen *to, const char *arg)
{
    int isz = u->bar - u->small - u->pad / 2 - 6;
    ui_icon(u, ic, x + w / 2, y + 4 + isz / 2, isz, ink);
    if (flip)
        display_flip_last(&u->dl);
    ui_para_dir(u, word, x + 2, y + u->bar - u->small - u->pad / 2 - 2, w - 4, u->small, 0,
                TEXT_ALIGN_CENTER, u->v.rtl, C_ON_PRIMARY);
    ui_widget *wd = widget_add(u, id, UI_ROLE_BUTTON, label, x, y, w, u->bar, action, arg);
    wd->to = to;
}

/* The help button: the pack's help category, a pictogram on a light disc (drawn as a glyph:
 * its edge is smooth) over the word. */
static void help_button(ui *u, const char *help, int x, int y, int w)
{
    char owner[PACK_OWNER_MAX];
    pack_owner(owner, sizeof owner, PACK_OWNER_CATEGORY, help);
    const char *hl = content_text(u->c, owner, "title", u->v.lang, &u->fa, NULL);
    int isz = u->bar - u->small - u->pad / 2 - 6;
    ui_icon(u, ICON_DISC, x + w / 2, y + 4 + isz / 2, isz + 8, C_NOTE_BG);
    head_button(u, "help", ICON_HELP, 0, ui_tr(u, "Help"), hl ? hl : help, x, y, w, C_PRIMARY,
                UI_ACT_OPEN, &screen_category, help);
}

/* Read aloud: as wide as the wider of its two words, so the bar does not move when it
 * starts or stops. */
int chrome_speak_w(ui *u)
{
    int a = head_w(u, ui_tr(u, "Read aloud")), b = head_w(u, ui_tr(u, "Stop"));
    return a > b ? a : b;
}

void chrome_speak_button(ui *u, int x, int y, int w)
{
    int on = u->v.speech.id != 0 && !u->v.speech.card;
    if (on) { /* reading: stop, on a light disc like help's, so it shows it is on */
        int isz = u->bar - u->small - u->pad / 2 - 6;
        ui_icon(u, ICON_DISC, x + w / 2, y + 4 + isz / 2, isz + 8, C_NOTE_BG);
    }
    head_button(u, "read-aloud", on ? ICON_STOP : ICON_READ, 0,
                on ? ui_tr(u, "Stop") : ui_tr(u, "Read aloud"),
                on ? ui_tr(u, "Stop reading aloud") : ui_tr(u, "Read aloud"), x, y, w,
                on ? C_PRIMARY : C_ON_PRIMARY, UI_ACT_SPEAK, NULL, NULL);
}

/* A title on one line: smaller when it does not fit, then cut with an ellipsis (the page
 * shows it whole as its first heading). */
static void one_line(ui *u, const char *title, int x, int w, int y, int h, uint32_t color)
{
    int px = u->heading;
    while (px > u->small && ui_text_width(u, title, px, 1) > w)
        px--;
    const char *s = title;
    char cut[512];
    if (ui_text_width(u, title, px, 1) > w) {
        size_t n = strlen(title) < sizeof cut - 4 ? strlen(title) : sizeof cut - 4;
        do { /* back a whole character at a time, then "..." */
            while (n > 0 && ((unsigned char)title[n - 1] & 0xC0) == 0x80)
                n--;
            if (n > 0)
                n--;
            snprintf(cut, sizeof cut, "%.*s\u2026", (int)n, title);
        } while (n > 0 && ui_text_width(u, cut, px, 1) > w);
        /* at the end of a word when one ends in the last third of what fits: "…اس" reads
         * as a word of its own, in any script */
        size_t sp = n;
        while (sp > 0 && title[sp - 1] != ' ')
            sp--;
        while (sp > 0 && title[sp - 1] == ' ')
            sp--;
        if (title[n] != ' ' && sp > 0 && sp >= n * 2 / 3 && sp < n) {
            n = sp;
            snprintf(cut, sizeof cut, "%.*s\u2026", (int)n, title);
        }
        s = cut;
    }
    int th = ui_lay(u, s, w, px, 1, TEXT_ALIGN_START, u->v.rtl);
    ui_draw_laid(u, s, ui_mx(u, x, w), y + (h - th) / 2, px, color);
}

/* The room the top bar leaves its title (the page shows a title that does not fit it whole
 * as its first heading). */
int chrome_title_room(ui *u)
{
    if (u->portrait)
        return u->W - 2 * u->pad;
    int used = u->gap / 2 + head_w(u, ui_tr(u, "Back")) + u->pad;
    if (content_help(u->c))
        used += head_w(u, ui_tr(u, "Help"));
    if (u->reads && !u->v.quiet)
        used += chrome_speak_w(u);
    if (u->v.screen != &screen_settings)
        used += head_w(u, ui_tr(u, "Settings"));
    return u->W - used - u->gap / 2 - head_w(u, ui_tr(u, "Start again")) - u->pad * 2;
}

/* The bars: the title on top; back, help and "start again", each a pictogram over its word,
 * in the same bar in landscape and in a bar at the bottom, within reach, in portrait. Help
 * sits next to back (both only move); "start again", which ends the visit, stands alone at
 * the far end. */
void chrome_top_bar(ui *u, const char *title, int back)
{
    /* on home, back means "another language": it shows the globe, not an arrow */
    int to_languages = u->v.screen == &screen_home;
    display_rect(&u->dl, 0, 0, u->W, u->bar, C_PRIMARY, 0);
    int ny = u->portrait ? u->bot : 0;
    if (u->portrait)
        display_rect(&u->dl, 0, ny, u->W, u->bar, C_PRIMARY, 0);
    int x = u->gap / 2; /* logical, from the start side */
    if (back) {
        const char *word = to_languages ? ui_tr(u, "Language") : ui_tr(u, "Back");
        int w = head_w(u, word);
        head_button(u, "back", to_languages ? ICON_LANGUAGE : ICON_BACK, !to_languages && u->v.rtl,
                    word, to_languages ? ui_tr(u, "Choose your language") : ui_tr(u, "Back"),
                    ui_mx(u, x, w), ny, w, C_ON_PRIMARY, UI_ACT_BACK, NULL, NULL);
        x += w;
    }
    /* help and contacts, one touch away from every screen, unless this is that screen */
    const char *help = content_help(u->c);
    if (help && !(u->v.screen == &screen_category && !strcmp(u->v.arg, help))) {
        int w = head_w(u, ui_tr(u, "Help"));
        help_button(u, help, ui_mx(u, x, w), ny, w);
        x += w;
    }
    /* the person's settings (text size, read aloud), on every screen but their own */
    if (u->v.screen != &screen_settings) {
        const char *word = ui_tr(u, "Settings");
        int w = head_w(u, word);
        head_button(u, "settings", ICON_SETTINGS, 0, word, word, ui_mx(u, x, w), ny, w,
                    C_ON_PRIMARY, UI_ACT_OPEN, &screen_settings, NULL);
        x += w;
    }
    const char *again = ui_tr(u, "Start again");
    int rw = head_w(u, again), rx = u->W - u->gap / 2 - rw;
    head_button(u, "restart", ICON_RESTART, u->v.rtl, again, again, ui_mx(u, rx, rw), ny, rw,
                C_ON_PRIMARY, UI_ACT_RESTART, NULL, NULL);
    /* read aloud, beside "start again" at the end, where a hand finds it on every page; a
     * contact card open over the screen has its own */
    if (u->reads && !u->v.quiet && !u->v.item[0]) {
        int sw = chrome_speak_w(u);
        chrome_speak_button(u, ui_mx(u, rx - sw, sw), ny, sw);
    }
    /* the title: the whole top bar in portrait, else between the buttons, a gap from each */
    int tx = u->portrait ? u->pad : x + u->pad, tw = chrome_title_room(u);
    one_line(u, title, tx, tw, 0, u->bar, C_ON_PRIMARY);
    widget_add(u, "title", UI_ROLE_HEADING, title, ui_mx(u, tx, tw), 0, tw, u->bar, UI_ACT_NONE,
               NULL);
}

void chrome_urgent(ui *u, int x, int y, int w, int h)
{
    const char *l = ui_tr(u, "I need help now");
    int px = u->body, isz = h * 3 / 5 < u->big * 2 ? h * 3 / 5 : u->big * 2;
    /* on one line where it can be (the room widget_button leaves its word): smaller first,
     * with large text down to a fifth under its small type */
    while (px > u->small * 4 / 5 && ui_text_width(u, l, px, 1) > w - 3 * u->gap - isz)
        px--;
    /* and on two lines that the button holds where one is not enough (a key's height) */
    while (px > u->key_note * 4 / 5 && ui_text_width(u, l, px, 1) > w - 3 * u->gap - isz &&
           ui_text_height(u, l, w - 3 * u->gap - isz, px, 1) > h - 2)
        px--;
    widget_button(u, &(widget_btn){.id = "urgent-help", .label = l, .x = x, .y = y, .w = w,
                                   .h = h, .fill = C_URGENT, .ink = C_ON_PRIMARY,
                                   .icon = ICON_URGENT, .icon_at = WIDGET_ICON_START, .px = px,
                                   .action = UI_ACT_OPEN, .to = &screen_urgent});
}

/* A scroll bar at the end side of a view taller than the screen, so people see there is
 * more (the page, lists, "you said, we did"). */
void chrome_scrollbar(ui *u, int top, int view, int total)
{
    if (total <= view || view <= 0)
        return;
    int th = view * view / total, w = u->gap > 6 ? u->gap : 6;
    if (th < u->body)
        th = u->body;
    int ty = top + (view - th) * u->v.scroll / (total - view);
    display_rect(&u->dl, ui_mx(u, u->W - w - 2, w), top, w, view, C_TINT, w / 2);
    display_rect(&u->dl, ui_mx(u, u->W - w - 2, w), ty, w, th, C_MUTED, w / 2);
}

/* The words of help before a language is chosen: "Help" in every language of the pack, each
 * its own isolate in its own script (once each), read once a pack; plain: joined by " / "
 * (the widget's label), in the frame's arena. NULL without help. */
static const char *help_words(ui *u, int plain)
{
    if (!content_help(u->c))
        return NULL;
    if (u->help_words_of != u->c) {
        buf b;
        buf_init(&b);
        const char *seen[PACK_MAX_LANGS];
        int nseen = 0;
        for (int i = 0; i < ui_nlangs(u) && nseen < PACK_MAX_LANGS; i++) {
            const char *w = content_ui(u->c, ui_lang_at(u, i)->code, "Help", &u->fa);
            int dup = 0;
            for (int k = 0; k < nseen; k++)
                dup |= !strcmp(seen[k], w);
            if (dup)
                continue;
            seen[nseen++] = w;
            if (b.len)
                buf_addc(&b, '\x1F');
            buf_adds(&b, w);
        }
        free(u->help_words);
        u->help_words = buf_take(&b);
        u->help_words_of = u->c;
    }
    buf b;
    buf_init(&b);
    for (const char *p = u->help_words; *p;) {
        const char *e = strchr(p, '\x1F');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (b.len)
            buf_adds(&b, plain ? " / " : "   ");
        if (!plain)
            buf_adds(&b, "\u2068"); /* FSI: each word in its own direction */
        buf_add(&b, p, n);
        if (!plain)
            buf_adds(&b, "\u2069");
        p += n + (e != NULL);
    }
    const char *r = arena_strdup(&u->fa, b.data ? b.data : "");
    buf_free(&b);
    return r;
}

/* The band of help before a language is chosen: its height, and the size of its words. */
static int help_band(ui *u, const char *words, int *px)
{
    int isz = u->bar - u->small - u->pad / 2 - 6, tw = u->W - 4 * u->gap - isz - u->pad;
    const content_lang *d = content_find_lang(u->c, content_default(u->c));
    int rtl = d && d->rtl;
    *px = u->body;
    while (*px > u->small && ui_text_width(u, words, *px, 0) > tw)
        (*px)--;
    int h = ui_lay(u, words, tw, *px, 0, TEXT_ALIGN_CENTER, rtl) + u->gap;
    return h > u->bar ? h : u->bar;
}

int chrome_help_room(ui *u)
{
    const char *words = u->v.lang[0] ? NULL : help_words(u, 0);
    int px;
    return words ? help_band(u, words, &px) + 2 * u->gap : 0; /* the bar and a gap over it */
}

void chrome_help_corner(ui *u)
{
    const char *help = content_help(u->c);
    if (!help)
        return;
    if (u->v.lang[0]) { /* the person's language: the button every screen has */
        int w = head_w(u, ui_tr(u, "Help")), x = ui_mx(u, u->W - u->gap - w, w);
        display_frame(&u->dl, x, u->gap, w, u->bar, C_PRIMARY, u->gap, 0, 0);
        help_button(u, help, x, u->gap, w);
        return;
    }
    /* no language yet: along the bottom, the pictogram and the word in every language of
     * the pack, so that whoever reads any of them finds help */
    const char *words = help_words(u, 0);
    int px, h = help_band(u, words, &px) + u->gap, isz = u->bar - u->small - u->pad / 2 - 6;
    int x = 0, y = u->H - h, w = u->W;
    const content_lang *d = content_find_lang(u->c, content_default(u->c));
    int rtl = d && d->rtl, tw = w - 2 * u->gap - isz - u->pad;
    display_rect(&u->dl, x, y, w, h, C_PRIMARY, 0); /* a bar, as the top bar elsewhere */
    int ix = rtl ? x + w - u->gap - isz / 2 - 4 : x + u->gap + isz / 2 + 4;
    ui_icon(u, ICON_DISC, ix, y + h / 2, isz + 8, C_NOTE_BG);
    ui_icon(u, ICON_HELP, ix, y + h / 2, isz, C_PRIMARY);
    int tx = rtl ? x + u->gap : x + u->gap + isz + u->pad;
    ui_para_mid(u, words, tx, y, tw, h, px, 0, TEXT_ALIGN_CENTER, rtl, C_ON_PRIMARY);
    ui_widget *wd = widget_add(u, "help", UI_ROLE_BUTTON, help_words(u, 1), x, y, w, h,
                               UI_ACT_OPEN, help);
    wd->to = &screen_category;
}

void chrome_back_corner(ui *u)
{
    /* an arrow needs no words: before a language is chosen, any reader knows it */
    int w = u->bar, x = ui_mx(u, u->gap, w);
    display_frame(&u->dl, x, u->gap, w, u->bar, C_PRIMARY, u->gap, 0, 0);
    ui_icon(u, ICON_BACK, x + w / 2, u->gap + u->bar / 2, u->bar / 2, C_ON_PRIMARY);
    if (u->v.rtl)
        display_flip_last(&u->dl);
    widget_add(u, "back", UI_ROLE_BUTTON, ui_tr(u, "Back"), x, u->gap, w, u->bar, UI_ACT_BACK,
               NULL);
}

const char *chrome_machine_words(ui *u, const char *lang)
{
    /* the reference language is no translation: its machine-written text says so plainly */
    const char *ref = content_reference(u->c);
    return lang && *ref && !strcmp(lang, ref) ? ui_tr(u, "Written automatically, not yet reviewed.")
                                              : ui_tr(u, "Machine translation. It may contain mistakes.");
}

int chrome_machine_note_h(ui *u, const char *lang)
{
    int w = u->W - 2 * u->pad - u->body * 2;
    return ui_text_height(u, chrome_machine_words(u, lang), w, u->small, 0) + u->gap;
}

int chrome_machine_note(ui *u, const char *lang)
{
    const char *msg = chrome_machine_words(u, lang);
    int w = u->W - 2 * u->pad - u->body * 2;
    int h = ui_lay(u, msg, w, u->small, 0, TEXT_ALIGN_START, u->v.rtl) + u->gap;
    int y = u->bot - h;
    display_rect(&u->dl, 0, y, u->W, h, C_TINT, 0);
    ui_icon(u, ICON_TRANSLATE, ui_mx(u, u->pad, u->body) + u->body / 2, y + h / 2, u->body,
            C_PRIMARY);
    ui_draw_laid(u, msg, ui_mx(u, u->pad + u->body * 2, w), y + u->gap / 2, u->small, C_INK);
    widget_add(u, "machine-note", UI_ROLE_TEXT, msg, 0, y, u->W, h, UI_ACT_NONE, NULL);
    return h;
}
