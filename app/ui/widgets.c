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

/* The bar at the top: back at the start, the title, and "start again" at the end. */
void top_bar(ui *u, const char *title, int back)
{
    /* on home, back means "another language": it shows the globe, not an arrow */
    int to_languages = u->v.screen == &screen_home;
    display_rect(&u->dl, 0, 0, u->W, u->bar, C_PRIMARY, 0);
    int bw = u->bar;
    int x = 0;
    if (back) {
        const char *lb = ui_tr(u, "Back");
        int bx = ui_mx(u, 0, bw);
        icon(u, to_languages ? ICON_LANGUAGE : u->v.rtl ? ICON_FORWARD : ICON_BACK, bx + bw / 2,
             u->bar / 2, u->body * 3 / 2, C_ON_PRIMARY);
        widget(u, "back", UI_ROLE_BUTTON, to_languages ? ui_tr(u, "Choose your language") : lb, bx, 0,
               bw, u->bar, UI_ACT_BACK, NULL);
        x = bw;
    } else {
        x = u->pad;
    }
    int ex = ui_mx(u, u->W - bw, bw);
    icon(u, ICON_RESTART, ex + bw / 2, u->bar / 2, u->body * 3 / 2, C_ON_PRIMARY);
    widget(u, "restart", UI_ROLE_BUTTON, ui_tr(u, "Start again"), ex, 0, bw, u->bar, UI_ACT_RESTART,
           NULL);
    int end = bw;
    /* help and contacts, one touch away from every screen, unless this is that screen */
    const char *help = content_help(u->c);
    if (help && !(u->v.screen == &screen_category && !strcmp(u->v.arg, help))) {
        char owner[PACK_OWNER_MAX];
        pack_owner(owner, sizeof owner, PACK_OWNER_CATEGORY, help);
        const char *hl = content_text(u->c, owner, "title", u->v.lang, &u->fa, NULL);
        int hx = ui_mx(u, u->W - 2 * bw - u->gap, bw);
        display_frame(&u->dl, hx + 4, 6, bw - 8, u->bar - 12, C_NOTE_BG, (u->bar - 12) / 2, 0, 0);
        icon(u, ICON_HELP, hx + bw / 2, u->bar / 2, u->body * 3 / 2, C_PRIMARY);
        widget_open(u, "help", UI_ROLE_BUTTON, hl ? hl : help, hx, 0, bw, u->bar, &screen_category,
                    help);
        end += bw + u->gap;
    }
    int tw = u->W - x - end - u->pad;
    int th = lay(u, title, tw, u->body * 6 / 5, 1, TEXT_ALIGN_START, u->v.rtl);
    if (th > u->bar)
        th = u->bar;
    draw_laid(u, title, ui_mx(u, x, tw), (u->bar - th) / 2, u->body * 6 / 5, C_ON_PRIMARY);
    widget(u, "title", UI_ROLE_HEADING, title, ui_mx(u, x, tw), 0, tw, u->bar, UI_ACT_NONE, NULL);
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
    int x = u->pad, w = u->W - 2 * u->pad, isz = u->body * 5 / 4, in = u->pad * 2 / 3;
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
    display_frame(&u->dl, cx, cy, cw, ch, C_CARD, u->gap, 0, 0);
    /* the card takes touches that miss its buttons: only outside it closes */
    widget(u, "item-card", UI_ROLE_TEXT, u->v.item_label, cx, cy, cw, ch, UI_ACT_STAY, NULL);
    int qside = ch - 2 * u->pad - u->bar - u->gap;
    int want_qr = !placeholder && strcmp(kind, "hours") != 0;
    if (qside > cw * 2 / 5) /* the number itself comes first; the code is for taking it away */
        qside = cw * 2 / 5;
    int tx = cx + u->pad, tw = cw - 2 * u->pad - (want_qr ? qside + u->pad : 0);
    int y = cy + u->pad;
    /* the label, then what matters (the number, address, hours) large */
    const char *nl = strrchr(u->v.item_label, '\n');
    if (nl) {
        char label[256];
        snprintf(label, sizeof label, "%.*s", (int)(nl - u->v.item_label), u->v.item_label);
        y += para(u, label, ui_mx(u, tx, tw), y, tw, u->body, 0, TEXT_ALIGN_START, C_MUTED) + u->gap;
    }
    para(u, nl ? nl + 1 : u->v.item_label, ui_mx(u, tx, tw), y, tw, u->big * 2, 1, TEXT_ALIGN_START,
         C_INK);
    if (want_qr) {
        char payload[512];
        if (!strcmp(kind, "phone")) { /* tel: with the digits only */
            size_t n = 0;
            n += (size_t)snprintf(payload, sizeof payload, "tel:");
            for (const char *q = value; *q && n < sizeof payload - 1; q++)
                if ((*q >= '0' && *q <= '9') || *q == '+')
                    payload[n++] = *q;
            payload[n] = 0;
        } else {
            snprintf(payload, sizeof payload, "%s", value);
        }
        int qx = ui_mx(u, cx + cw - u->pad - qside, qside);
        int side = qr(u, payload, qx, cy + u->pad, qside);
        widget(u, "qr", UI_ROLE_IMAGE, ui_tr(u, "Scan with your phone"), qx, cy + u->pad, side, side,
               UI_ACT_NONE, NULL);
        para(u, ui_tr(u, "Scan with your phone"), qx, cy + u->pad + side + u->gap / 2, side,
             u->body, 0, TEXT_ALIGN_CENTER, C_MUTED);
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
    return u->H - (nrows + 1) * (kh + 4) - u->gap;
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
            para_mid(u, label, x, ky, kw, kh, zwnj ? u->small * 3 / 4 : u->body, 0,
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
    int px = u->body * 9 / 10;
    int avail = h - isz - u->gap * 2;
    para_mid(u, label, x + u->gap / 2, y + u->gap + isz, w - u->gap, avail, px, 1, TEXT_ALIGN_CENTER,
             u->v.rtl, C_INK);
    widget_open(u, id, role, label, x, y, w, h, to, arg);
}
