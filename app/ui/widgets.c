/* widgets: the pieces screens are built from: text boxes, pictograms, the top bar, lists of
 * links, tiles, the scroll bar, QR codes, the contact card and the on-screen keyboards. Each
 * draws into the frame's display list and adds what it shows to the widget tree. */
#include "core/utf8.h"
#include "ui/screen.h"

#include <qrencode.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ui_widget *widget(ui *u, const char *id, int role, const char *label, int x, int y, int w,
                  int h, int action, const char *arg)
{
    if (u->nw == u->capw) {
        u->capw = u->capw ? u->capw * 2 : 64;
        u->w = xrealloc(u->w, (size_t)u->capw * sizeof *u->w);
    }
    ui_widget *wd = &u->w[u->nw++];
    wd->id = arena_strdup(&u->fa, id);
    wd->role = role;
    wd->label = arena_strdup(&u->fa, label ? label : "");
    wd->x = x, wd->y = y, wd->w = w, wd->h = h;
    wd->action = action;
    wd->arg = arg ? arena_strdup(&u->fa, arg) : NULL;
    wd->to = NULL;
    return wd;
}

ui_widget *widget_open(ui *u, const char *id, int role, const char *label, int x, int y, int w,
                       int h, const ui_screen *s, const char *arg)
{
    ui_widget *wd = widget(u, id, role, label, x, y, w, h, UI_ACT_OPEN, arg);
    wd->to = s;
    return wd;
}

/* A widget in a scrolled view between top and bottom: only its visible part takes a touch
 * (not the notes, not the footer), and a widget out of view is left out. */
void widget_in(ui *u, const char *id, int role, const char *label, int x, int y, int w, int h,
               int top, int bottom, int action, const char *arg, const ui_screen *to)
{
    int wy = y > top ? y : top, wb = y + h < bottom ? y + h : bottom;
    if (wb > wy)
        widget(u, id, role, label, x, wy, w, wb - wy, action, arg)->to = to;
}

/* Lays s out in u->tp for a box w wide; returns its height. Nothing else may lay out text
 * before draw_laid draws it. */
int lay(ui *u, const char *s, int w, int px, int bold, int align, int rtl)
{
    text_style st = {.px = px, .bold = bold, .rtl = rtl, .align = align};
    text_layout(u->m, s, strlen(s), &st, w, &u->tp);
    return u->tp.h;
}

/* Draws a laid-out paragraph of s with its box's top-left corner at (x, y). */
void draw_para(ui *u, const text_para *p, const char *s, int x, int y, int px, uint32_t color)
{
    for (int k = 0; k < p->nruns; k++) {
        const text_run *r = &p->runs[k];
        display_text(&u->dl, x + r->x, y + r->baseline, r->w, r->face, px, r->rtl, r->script, color,
                s + r->off, r->len);
        if (r->hyphen_w) /* a word broken between letters goes on on the next line */
            display_text(&u->dl, x + r->x + r->w, y + r->baseline, r->hyphen_w, r->face, px, 0,
                         r->script, color, TEXT_HYPHEN, strlen(TEXT_HYPHEN));
    }
}

/* Draws what lay() laid out. */
void draw_laid(ui *u, const char *s, int x, int y, int px, uint32_t color)
{
    draw_para(u, &u->tp, s, x, y, px, color);
}

/* Lays out s in the box (x, y, w) in direction rtl and draws it; returns its height. */
int para_dir(ui *u, const char *s, int x, int y, int w, int px, int bold, int align, int rtl,
             uint32_t color)
{
    int h = lay(u, s, w, px, bold, align, rtl);
    draw_laid(u, s, x, y, px, color);
    return h;
}

int para(ui *u, const char *s, int x, int y, int w, int px, int bold, int align, uint32_t color)
{
    return para_dir(u, s, x, y, w, px, bold, align, u->v.rtl, color);
}

/* The width s takes on one line. */
int text_width(ui *u, const char *s, int px, int bold)
{
    text_style st = {.px = px, .bold = bold, .rtl = u->v.rtl};
    text_layout(u->m, s, strlen(s), &st, 0, &u->tp);
    return u->tp.w;
}

/* The height s would take, where it is drawn later, after other text. */
int text_height(ui *u, const char *s, int w, int px, int bold)
{
    return lay(u, s, w, px, bold, TEXT_ALIGN_START, u->v.rtl);
}

/* Lays s out once and draws it centred in the height of the box (x, y, w, h). */
void para_mid(ui *u, const char *s, int x, int y, int w, int h, int px, int bold, int align,
              int rtl, uint32_t color)
{
    int th = lay(u, s, w, px, bold, align, rtl);
    draw_laid(u, s, x, y + (h - th) / 2, px, color);
}

/* An icon centred on (cx, cy). */
void icon(ui *u, uint32_t cp, int cx, int cy, int px, uint32_t color)
{
    char s[5];
    int n = utf8_encode(cp, s);
    s[n] = 0;
    int w = u->m->width(u->m->ctx, TEXT_FACE_ICONS, px, 0, "Zyyy", s, (size_t)n);
    int asc, desc;
    u->m->metrics(u->m->ctx, TEXT_FACE_ICONS, px, &asc, &desc);
    display_text(&u->dl, cx - w / 2, cy + (asc - desc) / 2, w, TEXT_FACE_ICONS, px, 0, "Zyyy", color, s,
            (size_t)n);
}

/* A header button: a pictogram over its word, at least THEME_HEAD_MIN square. */
static int head_w(ui *u, const char *word)
{
    int w = text_width(u, word, u->small, 0) + u->gap * 2;
    return w < u->bar ? u->bar : w > u->W / 4 ? u->W / 4 : w;
}

static void head_button(ui *u, const char *id, uint32_t ic, int flip, const char *word,
                        const char *label, int x, int y, int w, uint32_t ink, int action,
                        const ui_screen *to, const char *arg)
{
    int isz = u->bar - u->small - u->pad / 2 - 6;
    icon(u, ic, x + w / 2, y + 4 + isz / 2, isz, ink);
    if (flip)
        display_flip_last(&u->dl);
    para_dir(u, word, x + 2, y + u->bar - u->small - u->pad / 2 - 2, w - 4, u->small, 0,
             TEXT_ALIGN_CENTER, u->v.rtl, C_ON_PRIMARY);
    ui_widget *wd = widget(u, id, UI_ROLE_BUTTON, label, x, y, w, u->bar, action, arg);
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
    icon(u, ICON_DISC, x + w / 2, y + 4 + isz / 2, isz + 8, C_NOTE_BG);
    head_button(u, "help", ICON_HELP, 0, ui_tr(u, "Help"), hl ? hl : help, x, y, w, C_PRIMARY,
                UI_ACT_OPEN, &screen_category, help);
}

/* A title on one line: smaller when it does not fit, then cut with an ellipsis (the page
 * shows it whole as its first heading). */
static void one_line(ui *u, const char *title, int x, int w, int y, int h, uint32_t color)
{
    int px = u->heading;
    while (px > u->small && text_width(u, title, px, 1) > w)
        px--;
    const char *s = title;
    char cut[512];
    if (text_width(u, title, px, 1) > w) {
        size_t n = strlen(title) < sizeof cut - 4 ? strlen(title) : sizeof cut - 4;
        do { /* back a whole character at a time, then "..." */
            while (n > 0 && ((unsigned char)title[n - 1] & 0xC0) == 0x80)
                n--;
            if (n > 0)
                n--;
            snprintf(cut, sizeof cut, "%.*s\u2026", (int)n, title);
        } while (n > 0 && text_width(u, cut, px, 1) > w);
        s = cut;
    }
    int th = lay(u, s, w, px, 1, TEXT_ALIGN_START, u->v.rtl);
    draw_laid(u, s, ui_mx(u, x, w), y + (h - th) / 2, px, color);
}

/* The room the top bar leaves its title (the page shows a title that does not fit it whole
 * as its first heading). */
int title_room(ui *u)
{
    if (u->portrait)
        return u->W - 2 * u->pad;
    int used = u->gap / 2 + head_w(u, ui_tr(u, "Back")) + u->pad;
    if (content_help(u->c))
        used += head_w(u, ui_tr(u, "Help"));
    return u->W - used - u->gap / 2 - head_w(u, ui_tr(u, "Start again")) - u->pad * 2;
}

/* The bars: the title on top; back, help and "start again", each a pictogram over its word,
 * in the same bar in landscape and in a bar at the bottom, within reach, in portrait. Help
 * sits next to back (both only move); "start again", which ends the visit, stands alone at
 * the far end. */
void top_bar(ui *u, const char *title, int back)
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
    const char *again = ui_tr(u, "Start again");
    int rw = head_w(u, again), rx = u->W - u->gap / 2 - rw;
    head_button(u, "restart", ICON_RESTART, u->v.rtl, again, again, ui_mx(u, rx, rw), ny, rw,
                C_ON_PRIMARY, UI_ACT_RESTART, NULL, NULL);
    /* the title: the whole top bar in portrait, else between the buttons, a gap from each */
    int tx = u->portrait ? u->pad : x + u->pad, tw = title_room(u);
    one_line(u, title, tx, tw, 0, u->bar, C_ON_PRIMARY);
    widget(u, "title", UI_ROLE_HEADING, title, ui_mx(u, tx, tw), 0, tw, u->bar, UI_ACT_NONE, NULL);
}

/* A scroll bar at the end side of a view taller than the screen, so people see there is
 * more (the page, lists, "you said, we did"). */
void scrollbar(ui *u, int top, int view, int total)
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

/* A vertical list of page links (category, journey stage, search results) between top and
 * bottom, scrolled by `scroll`; a title that wraps makes its row taller. */
void link_list(ui *u, content_item *items, int n, int top, int bottom, int scroll)
{
    link_list_to(u, items, n, top, bottom, scroll, &screen_page, "page-");
}

void link_list_to(ui *u, content_item *items, int n, int top, int bottom, int scroll,
                  const ui_screen *to, const char *prefix)
{
    int x = u->pad, w = u->W - 2 * u->pad, isz = u->row_icon, in = u->pad * 2 / 3;
    int tw = w - 2 * in - isz, y = top - scroll;
    display_clip(&u->dl, 0, top, u->W, bottom - top);
    for (int i = 0; i < n; i++) {
        int th = lay(u, items[i].title, tw, u->body, 0, TEXT_ALIGN_START, u->v.rtl);
        int h = th + 2 * u->gap > u->body * 2 + u->gap ? th + 2 * u->gap : u->body * 2 + u->gap;
        if (h < 56) /* well over the 48 px a finger needs */
            h = 56;
        if (y + h > top && y < bottom) {
            display_frame(&u->dl, x, y, w, h, C_CARD, u->body / 3, 2, C_LINE);
            icon(u, u->v.rtl ? ICON_NEXT_RTL : ICON_NEXT_LTR, ui_mx(u, x + w - isz, isz) + isz / 2,
                 y + h / 2, isz, C_PRIMARY);
            draw_laid(u, items[i].title, ui_mx(u, x + in, tw), y + (h - th) / 2, u->body, C_INK);
            char id[100];
            snprintf(id, sizeof id, "%s%s", prefix, items[i].id);
            widget_in(u, id, UI_ROLE_LINK, items[i].title, x, y, w, h, top, bottom, UI_ACT_OPEN,
                      items[i].id, to);
        }
        y += h + u->pad / 2;
    }
    display_unclip(&u->dl);
    int total = y + scroll - top, view = bottom - top;
    u->max_scroll = total > view ? total - view : 0;
    if (scroll >= 0 && u->max_scroll)
        scrollbar(u, top, view, total);
}

/* A QR code of text drawn as dark modules on a light square of side px; nothing stored. */
int qr(ui *u, const char *text, int x, int y, int px)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return 0;
    int n = q->width + 8; /* a quiet zone of 4 modules each side */
    int m = px / n;
    if (m < 1)
        m = 1;
    int side = m * n;
    display_rect(&u->dl, x, y, side, side, C_QR_LIGHT, 0);
    for (int r = 0; r < q->width; r++)
        for (int c = 0; c < q->width; c++)
            if (q->data[r * q->width + c] & 1)
                display_rect(&u->dl, x + (c + 4) * m, y + (r + 4) * m, m, m, C_QR_DARK, 0);
    QRcode_free(q);
    return side;
}

/* A tapped phone number, address, link or opening hours, large, with a QR code a person can
 * scan to take it away: the kiosk learns nothing about who scans. */
void item_card(ui *u)
{
    const char *colon = strchr(u->v.item, ':');
    if (!colon)
        return;
    char kind[16];
    snprintf(kind, sizeof kind, "%.*s", (int)(colon - u->v.item), u->v.item);
    const char *value = colon + 1;
    int placeholder = pack_placeholder_find(value, NULL) != NULL;
    display_rect(&u->dl, 0, 0, u->W, u->H, C_SCRIM, 0);
    widget(u, "overlay", UI_ROLE_BUTTON, ui_tr(u, "Back"), 0, 0, u->W, u->H, UI_ACT_CLOSE, NULL);
    int cw = u->W * 4 / 5, ch = u->H * 4 / 5, cx = (u->W - cw) / 2, cy = (u->H - ch) / 2;
    if (u->portrait) /* a tall screen: the card is only as tall as what it stacks */
        cw = u->W - 2 * u->pad, cx = u->pad;
    int want_qr = !placeholder && strcmp(kind, "hours") != 0;
    /* the label, then what matters (the number, address, hours) large; beside it, or in
     * portrait below it, the QR code to take it away */
    const char *nl = strrchr(u->v.item_label, '\n');
    const char *main_text = nl ? nl + 1 : u->v.item_label;
    char label[256] = "";
    if (nl)
        snprintf(label, sizeof label, "%.*s", (int)(nl - u->v.item_label), u->v.item_label);
    int qside = u->portrait ? cw * 3 / 5 : ch - 2 * u->pad - u->bar - u->gap;
    if (!u->portrait && qside > cw * 2 / 5) /* the number comes first; the code takes it away */
        qside = cw * 2 / 5;
    int tw = cw - 2 * u->pad - (want_qr && !u->portrait ? qside + u->pad : 0);
    /* a phone number on one line, smaller if need be: a wrapped number gets dialled in half */
    int px = u->big * 2, one_line = !strcmp(kind, "phone");
    while (one_line && px > u->small && text_width(u, main_text, px, 1) > tw)
        px--;
    if (u->portrait) {
        int lh = label[0] ? lay(u, label, tw, u->body, 0, TEXT_ALIGN_START, u->v.rtl) + u->gap : 0;
        int mh = lay(u, main_text, tw, px, 1, TEXT_ALIGN_START, u->v.rtl);
        ch = u->pad + lh + mh + u->pad + (want_qr ? qside + u->body * 2 + u->gap : 0) + u->bar +
             u->pad;
        cy = (u->H - ch) / 2;
    }
    display_frame(&u->dl, cx, cy, cw, ch, C_CARD, u->gap, 0, 0);
    /* the card takes touches that miss its buttons: only outside it closes */
    widget(u, "item-card", UI_ROLE_TEXT, u->v.item_label, cx, cy, cw, ch, UI_ACT_STAY, NULL);
    int tx = cx + u->pad, y = cy + u->pad;
    if (label[0])
        y += para(u, label, ui_mx(u, tx, tw), y, tw, u->body, 0, TEXT_ALIGN_START, C_MUTED) + u->gap;
    y += para(u, main_text, ui_mx(u, tx, tw), y, tw, px, 1, TEXT_ALIGN_START, C_INK) + u->pad;
    if (want_qr) {
        char payload[512];
        if (!strcmp(kind, "phone")) { /* tel: with the digits only, in Western digits */
            char *western = text_digits(value, strlen(value), TEXT_DIGITS_WESTERN);
            size_t n = 0;
            n += (size_t)snprintf(payload, sizeof payload, "tel:");
            for (const char *q = western; *q && n < sizeof payload - 1; q++)
                if ((*q >= '0' && *q <= '9') || *q == '+')
                    payload[n++] = *q;
            payload[n] = 0;
            free(western);
        } else {
            snprintf(payload, sizeof payload, "%s", value);
        }
        int qx = u->portrait ? cx + (cw - qside) / 2 : ui_mx(u, cx + cw - u->pad - qside, qside);
        int qy = u->portrait ? y : cy + u->pad;
        int side = qr(u, payload, qx, qy, qside);
        widget(u, "qr", UI_ROLE_IMAGE, ui_tr(u, "Scan with your phone"), qx, qy, side, side,
               UI_ACT_NONE, NULL);
        para(u, ui_tr(u, "Scan with your phone"), qx, qy + side + u->gap / 2, side, u->body, 0,
             TEXT_ALIGN_CENTER, C_MUTED);
    }
    int bw = u->bar * 3, bh = u->bar;
    int bx = ui_mx(u, cx + u->pad, bw), by = cy + ch - u->pad - bh;
    display_frame(&u->dl, bx, by, bw, bh, C_PRIMARY, bh / 6, 0, 0);
    const char *close = ui_tr(u, "Close");
    para_mid(u, close, bx, by, bw, bh, u->body, 1, TEXT_ALIGN_CENTER, u->v.rtl, C_ON_PRIMARY);
    widget(u, "close", UI_ROLE_BUTTON, close, bx, by, bw, bh, UI_ACT_CLOSE, NULL);
}

/* ---- on-screen keyboards ------------------------------------------------------------- */

typedef struct kb_layout {
    const char *lang;
    const char *rows[4]; /* letters, in the order of the language's usual keyboard */
    const char *digits;  /* free text: a row of the language's digits on top, when rows lack it */
    const char *extra;   /* free text: what a sentence needs beyond a search word */
} kb_layout;

/* The kiosk types logical order; keys sit right to left in right-to-left scripts. */
static const kb_layout layouts[] = {
    {"lv", {"ā č ē ģ ī ķ ļ ņ š ū ž", "q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"},
     "1 2 3 4 5 6 7 8 9 0", NULL},
    {"en", {"1 2 3 4 5 6 7 8 9 0", "q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"},
     NULL, NULL},
    {"ku", {"ç ê î ş û 1 2 3", "q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"},
     "1 2 3 4 5 6 7 8 9 0", NULL},
    {"ru", {"й ц у к е н г ш щ з х", "ф ы в а п р о л д ж э", "я ч с м и т ь б ю ъ", NULL},
     "1 2 3 4 5 6 7 8 9 0", NULL},
    {"uk", {"й ц у к е н г ш щ з х ї", "ф і в а п р о л д ж є", "я ч с м и т ь б ю ґ", NULL},
     "1 2 3 4 5 6 7 8 9 0", NULL},
    {"ar", {"ض ص ث ق ف غ ع ه خ ح ج", "ش س ي ب ل ا ت ن م ك ط", "ئ ء ؤ ر ى ة و ز ظ د ذ", NULL},
     "١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ ٠", "أ إ آ لا"},
    {"fa", {"ض ص ث ق ف غ ع ه خ ح ج چ", "ش س ی ب ل ا ت ن م ک گ", "ظ ط ز ر ذ د پ و ژ آ", NULL},
     "۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹ ۰", "ئ \u200C"}, /* U+200C, the zero-width non-joiner: a half space */
    /* Ge'ez: a consonant key opens its seven vowel forms, as Ethiopic phone keyboards do */
    {"ti", {"ሀ ለ ሐ መ ሠ ረ ሰ ሸ ቀ ቐ በ ቨ", "ተ ቸ ኀ ነ ኘ አ ከ ኸ ወ ዐ ዘ ዠ", "የ ደ ጀ ገ ጠ ጨ ጰ ጸ ፀ ፈ ፐ", NULL},
     "1 2 3 4 5 6 7 8 9 0", NULL},
};

static const kb_layout *layout_for(const char *lang)
{
    for (size_t k = 0; k < sizeof layouts / sizeof layouts[0]; k++)
        if (!strcmp(layouts[k].lang, lang))
            return &layouts[k];
    return &layouts[1];
}

/* The field the keyboard types into, and how much it holds. */
static char *field(ui *u, size_t *cap, size_t *max_chars)
{
    if (u->v.field == UI_FIELD_TEXT) {
        static char none[1]; /* a text question past the ones kept: nothing is typed */
        int k = u->v.text_slot;
        *cap = k >= 0 && k < UI_SURVEY_TEXTS ? sizeof u->v.qtext[k] : 1;
        *max_chars = k >= 0 && k < UI_SURVEY_TEXTS ? UI_TEXT_MAX_CHARS : 0;
        return k >= 0 && k < UI_SURVEY_TEXTS ? u->v.qtext[k] : (none[0] = 0, none);
    }
    *cap = sizeof u->v.query, *max_chars = sizeof u->v.query - 1;
    return u->v.query;
}

void keyboard_type(ui *u, const char *t)
{
    size_t cap, max_chars;
    char *f = field(u, &cap, &max_chars);
    size_t n = strlen(f);
    if (!strcmp(t, "\b")) {
        while (n > 0 && ((unsigned char)f[n - 1] & 0xC0) == 0x80)
            n--; /* back over a whole UTF-8 character */
        if (n > 0)
            n--;
        f[n] = 0;
    } else {
        size_t chars = 0;
        for (size_t i = 0; i < n; i++)
            chars += ((unsigned char)f[i] & 0xC0) != 0x80;
        /* only printable text: control characters (C0, DEL, C1), noncharacters and broken
         * UTF-8 stay out; what does not fit is not typed */
        size_t len = strlen(t);
        for (size_t i = 0; i < len;) {
            uint32_t cp = utf8_decode(t, len, &i);
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFD || utf8_nonchar(cp))
                continue;
            char enc[4];
            int el = utf8_encode(cp, enc);
            if (n + (size_t)el >= cap - 1 || chars >= max_chars)
                break;
            memcpy(f + n, enc, (size_t)el);
            n += (size_t)el, chars++;
        }
        f[n] = 0;
    }
    u->v.scroll = 0; /* new results start at the top */
    u->dirty = 1;
}

/* The rows of keys for the field being typed in, and the height of a key: a search word
 * needs letters; free text also digits and what else a sentence needs. */
static int kb_rows(ui *u, const char *rows[6], int *kh)
{
    const kb_layout *kl = layout_for(u->v.lang);
    int n = 0, text = u->v.field == UI_FIELD_TEXT;
    if (text && kl->digits)
        rows[n++] = kl->digits;
    for (int r = 0; r < 4 && kl->rows[r]; r++)
        rows[n++] = kl->rows[r];
    if (text && kl->extra)
        rows[n++] = kl->extra;
    *kh = u->body * 2 > THEME_TOUCH_MIN ? u->body * 2 : THEME_TOUCH_MIN;
    if (u->H < 600)
        *kh = THEME_TOUCH_MIN;
    return n;
}

int keyboard_top(ui *u)
{
    const char *rows[6];
    int kh, nrows = kb_rows(u, rows, &kh);
    return u->bot - (nrows + 1) * (kh + 4) - u->gap;
}

void keyboard(ui *u)
{
    const char *rows[6];
    int kh, nrows = kb_rows(u, rows, &kh);
    int kb_top = keyboard_top(u);
    for (int r = 0; r < nrows; r++) {
        const char *row = rows[r];
        int nkeys = 1;
        for (const char *p = row; *p; p++)
            nkeys += *p == ' ';
        int kw = (u->W - 2 * u->gap - (nkeys - 1) * 4) / 12;
        int rowx = (u->W - (nkeys * kw + (nkeys - 1) * 4)) / 2;
        const char *p = row;
        for (int k = 0; k < nkeys; k++) {
            const char *sp = strchr(p, ' ');
            size_t n = sp ? (size_t)(sp - p) : strlen(p);
            char key[16];
            snprintf(key, sizeof key, "%.*s", (int)n, p);
            /* keys sit in the order of the physical keyboard, right to left in RTL scripts */
            int x = ui_mx(u, rowx + k * (kw + 4), kw), ky = kb_top + r * (kh + 4);
            display_frame(&u->dl, x, ky, kw, kh, C_CARD, 6, 1, C_LINE);
            /* the half space types nothing visible: its key says what it is */
            int zwnj = !strcmp(key, "\u200C");
            const char *label = zwnj ? ui_tr(u, "Half space") : key;
            para_mid(u, label, x, ky, kw, kh, zwnj ? u->key_note : u->body, 0,
                     TEXT_ALIGN_CENTER, u->v.rtl, zwnj ? C_MUTED : C_INK);
            char id[32];
            snprintf(id, sizeof id, "key-%s", zwnj ? "zwnj" : key);
            size_t ki = 0;
            uint32_t kc = utf8_decode(key, strlen(key), &ki);
            int ethiopic = kc >= 0x1200 && kc <= 0x137F;
            widget(u, id, UI_ROLE_KEY, label, x, ky, kw, kh,
                   ethiopic ? UI_ACT_SYLLABLE : UI_ACT_KEY, key);
            p = sp ? sp + 1 : p + n;
        }
    }
    if (u->v.kb_base) { /* the vowel forms of the chosen consonant, over the keyboard */
        int nf = 8, fw = (u->W - 2 * u->gap) / 10, fh = kh * 5 / 4;
        int fx0 = (u->W - nf * (fw + 4)) / 2, fy = kb_top - fh - u->gap;
        display_frame(&u->dl, fx0 - u->gap, fy - u->gap / 2, nf * (fw + 4) + 2 * u->gap, fh + u->gap,
                 C_PRIMARY, 8, 0, 0);
        for (int k = 0; k < nf; k++) {
            char form[8];
            int fl = utf8_encode(u->v.kb_base + (uint32_t)k, form);
            form[fl] = 0;
            if (!u->m->covers(u->m->ctx, TEXT_FACE_ETHIOPIC, u->v.kb_base + (uint32_t)k))
                continue;
            int x = ui_mx(u, fx0 + k * (fw + 4), fw);
            display_frame(&u->dl, x, fy, fw, fh, C_CARD, 6, 0, 0);
            para_mid(u, form, x, fy, fw, fh, u->big, 0, TEXT_ALIGN_CENTER, u->v.rtl, C_INK);
            char id[32];
            snprintf(id, sizeof id, "form-%d", k);
            widget(u, id, UI_ROLE_KEY, form, x, fy, fw, fh, UI_ACT_KEY, form);
        }
    }
    int ky = kb_top + nrows * (kh + 4);
    int spw = u->W / 2, dw = u->W / 6;
    int sx = ui_mx(u, (u->W - spw) / 2 - dw / 2, spw);
    display_frame(&u->dl, sx, ky, spw, kh, C_CARD, 6, 1, C_LINE);
    const char *space = ui_tr(u, "Space");
    para_mid(u, space, sx, ky, spw, kh, u->small, 0, TEXT_ALIGN_CENTER, u->v.rtl, C_MUTED);
    widget(u, "key-space", UI_ROLE_KEY, space, sx, ky, spw, kh, UI_ACT_KEY, " ");
    int dx = ui_mx(u, (u->W - spw) / 2 - dw / 2 + spw + 4, dw);
    display_frame(&u->dl, dx, ky, dw, kh, C_CARD, 6, 1, C_LINE);
    icon(u, ICON_BACKSPACE, dx + dw / 2, ky + kh / 2, u->body, C_INK);
    if (u->v.rtl) /* it points the way letters go away */
        display_flip_last(&u->dl);
    widget(u, "key-delete", UI_ROLE_KEY, ui_tr(u, "Delete"), dx, ky, dw, kh, UI_ACT_KEY, "\b");

}

void tile(ui *u, const char *id, int role, const char *label, uint32_t ic, int x, int y, int w,
          int h, uint32_t fill, const ui_screen *to, const char *arg)
{
    display_frame(&u->dl, x, y, w, h, fill, h / 10, 2, C_LINE);
    int isz = h * 2 / 5;
    if (isz > u->big * 2)
        isz = u->big * 2;
    icon(u, ic, x + w / 2, y + u->gap + isz / 2, isz, C_PRIMARY);
    int px = u->tile_word;
    int avail = h - isz - u->gap * 2;
    para_mid(u, label, x + u->gap / 2, y + u->gap + isz, w - u->gap, avail, px, 1, TEXT_ALIGN_CENTER,
             u->v.rtl, C_INK);
    widget_open(u, id, role, label, x, y, w, h, to, arg);
}

void confirm_card(ui *u)
{
    display_rect(&u->dl, 0, 0, u->W, u->H, C_SCRIM, 0);
    widget(u, "confirm-outside", UI_ROLE_BUTTON, ui_tr(u, "Back"), 0, 0, u->W, u->H, UI_ACT_CLOSE,
           NULL);
    int cw = u->W * 3 / 5 > u->bar * 8 ? u->W * 3 / 5 : u->W - 2 * u->pad, ch = u->bar * 4;
    int cx = (u->W - cw) / 2, cy = (u->H - ch) / 2;
    display_frame(&u->dl, cx, cy, cw, ch, C_CARD, u->gap, 0, 0);
    widget(u, "confirm-card", UI_ROLE_TEXT, "", cx, cy, cw, ch, UI_ACT_STAY, NULL);
    const char *ask = ui_tr(u, "Start again?");
    int th = para(u, ask, cx + u->pad, cy + u->pad, cw - 2 * u->pad, u->big, 1,
                  TEXT_ALIGN_CENTER, C_INK);
    widget(u, "confirm-ask", UI_ROLE_HEADING, ask, cx + u->pad, cy + u->pad, cw - 2 * u->pad, th,
           UI_ACT_NONE, NULL);
    /* no (go on) at the start, where the eye begins; yes at the end */
    int bw = (cw - 3 * u->pad) / 2, bh = u->bar, by = cy + ch - u->pad - bh;
    const char *no = ui_tr(u, "No"), *yes = ui_tr(u, "Yes");
    int nx = ui_mx(u, cx + u->pad, bw) + (u->v.rtl ? 2 * cx + cw - u->W : 0);
    int yx = ui_mx(u, cx + 2 * u->pad + bw, bw) + (u->v.rtl ? 2 * cx + cw - u->W : 0);
    display_frame(&u->dl, nx, by, bw, bh, C_PRIMARY, bh / 5, 0, 0);
    para_mid(u, no, nx, by, bw, bh, u->body, 1, TEXT_ALIGN_CENTER, u->v.rtl, C_ON_PRIMARY);
    widget(u, "restart-no", UI_ROLE_BUTTON, no, nx, by, bw, bh, UI_ACT_CLOSE, NULL);
    display_frame(&u->dl, yx, by, bw, bh, C_CARD, bh / 5, 2, C_PRIMARY);
    para_mid(u, yes, yx, by, bw, bh, u->body, 1, TEXT_ALIGN_CENTER, u->v.rtl, C_PRIMARY);
    widget(u, "restart-yes", UI_ROLE_BUTTON, yes, yx, by, bw, bh, UI_ACT_RESTART_NOW, NULL);
}

void help_corner(ui *u)
{
    const char *help = content_help(u->c);
    if (!help)
        return;
    int w = head_w(u, ui_tr(u, "Help")), x = ui_mx(u, u->W - u->gap - w, w);
    display_frame(&u->dl, x, u->gap, w, u->bar, C_PRIMARY, u->gap, 0, 0);
    help_button(u, help, x, u->gap, w);
}
