#include "ui/ui.h"
#include "core/utf8.h"

#include <qrencode.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum screen { SCR_ATTRACT, SCR_LANGUAGES, SCR_HOME, SCR_CATEGORY, SCR_PAGE, SCR_SEARCH,
              SCR_JOURNEY, SCR_YOUSAID, SCR_COUNT };
static const char *const screen_names[SCR_COUNT] = {"attract", "languages", "home", "category",
                                                    "page", "search", "journey", "yousaid"};
static const char *const role_names[] = {"button", "category", "link", "answer", "key",
                                         "input", "text", "heading", "image"};

enum action { ACT_NONE, ACT_START, ACT_LANG, ACT_BACK, ACT_HOME, ACT_RESTART, ACT_CATEGORY,
              ACT_PAGE, ACT_SEARCH, ACT_KEY, ACT_JOURNEY, ACT_STAGE, ACT_ITEM, ACT_YOUSAID, ACT_SYLLABLE, ACT_CLOSE, ACT_STAY };

/* Material Design icon code points used by the kiosk itself */
#define ICON_BACK 0xe5c4
#define ICON_FORWARD 0xe5c8
#define ICON_HOME 0xe88a
#define ICON_SEARCH 0xe8b6
#define ICON_TOUCH 0xe913
#define ICON_LANGUAGE 0xe894
#define ICON_PHONE 0xe0cd
#define ICON_PLACE 0xe55f
#define ICON_HOURS 0xe8b5
#define ICON_LINK 0xe157
#define ICON_TRANSLATE 0xe8e2
#define ICON_INFO 0xe88e
#define ICON_NEXT_LTR 0xe5cc
#define ICON_NEXT_RTL 0xe5cb
#define ICON_BACKSPACE 0xe14a
#define ICON_ROUTE 0xeacd
#define ICON_RESTART 0xe9ba /* logout: "I am done" reads better than a reload arrow */
#define ICON_DOT 0xe061
#define ICON_FORUM 0xe0bf
#define ICON_HELP 0xe94c /* contact_support: help is a person to ask */
#define ICON_DONE 0xe876

/* colours, 0xRRGGBBAA */
#define C_BG 0xF6F4EFFF
#define C_INK 0x1B1B1BFF
#define C_MUTED 0x59636EFF
#define C_PRIMARY 0x1F4E79FF
#define C_ON_PRIMARY 0xFFFFFFFF
#define C_CARD 0xFFFFFFFF
#define C_LINE 0xC9D1D9FF
#define C_NOTE_BG 0xFFF1C2FF
#define C_NOTE_INK 0x4D3A00FF
#define C_TINT 0xE3EDF7FF

typedef struct placed {
    int kind; /* 0 text, 1 item */
    int y, h;
    const content_block *b;
    text_para p;
    int px, bold, indent;
} placed;

typedef struct hist {
    int screen;
    char arg[80];
    int scroll;
} hist;

struct ui {
    content *c;
    const text_measurer *m;
    int W, H;
    int screen;
    char lang[16];
    char preset[16]; /* the operator's language, kept across people */
    int rtl;
    char arg[80]; /* category, page or stage id of the current screen */
    hist stack[16];
    int nstack;
    char query[256];
    char item[512];   /* the contact item shown large with its QR code: "kind:value", or "" */
    char item_label[1024];
    uint32_t kb_base; /* Ge'ez consonant whose vowel forms are showing, 0 for none */
    unsigned session; /* bumped each time the last person is forgotten */
    int scroll, max_scroll;
    uint64_t now, last_input;
    int dirty;
    display_list dl;
    arena fa; /* strings of the current frame: widgets, content rows */
    ui_widget *w;
    int nw, capw;
    int down, down_x, down_y, down_w, dragging, drag_scroll0;
    text_para tp;
    /* the laid-out page, kept while only the scroll position changes */
    arena pa;
    placed *pl;
    int npl;
    char pl_key[128];
    int pl_h;
    content_page page;
    /* metrics */
    int body, small, big, pad, bar, gap;
};

/* ---- helpers ------------------------------------------------------------------------- */

static const char *tr(ui *u, const char *msgid)
{
    return content_ui(u->c, u->lang[0] ? u->lang : content_default(u->c), msgid, &u->fa);
}

static void metrics(ui *u)
{
    float sx = (float)u->W / 1280.0f, sy = (float)u->H / 800.0f;
    float s = sx < sy ? sx : sy;
    u->body = (int)(28 * s + 0.5f);
    if (u->body < 18)
        u->body = 18;
    u->small = u->body * 3 / 4 < 16 ? 16 : u->body * 3 / 4;
    u->big = u->body * 3 / 2;
    u->pad = (int)(24 * s) < 10 ? 10 : (int)(24 * s);
    u->gap = u->pad / 2;
    u->bar = u->body * 2 + u->pad / 2;
    if (u->bar < 48) /* a touch target is at least 48 px */
        u->bar = 48;
}

/* Mirrors a box in right-to-left languages: screens are built in logical coordinates. */
static int mx(const ui *u, int x, int w) { return u->rtl ? u->W - x - w : x; }

static ui_widget *widget(ui *u, const char *id, int role, const char *label, int x, int y, int w,
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
    return wd;
}

/* A widget in a scrolled view between top and bottom: only its visible part takes a touch
 * (not the notes, not the footer), and a widget out of view is left out. */
static void widget_in(ui *u, const char *id, int role, const char *label, int x, int y, int w,
                      int h, int top, int bottom, int action, const char *arg)
{
    int wy = y > top ? y : top, wb = y + h < bottom ? y + h : bottom;
    if (wb > wy)
        widget(u, id, role, label, x, wy, w, wb - wy, action, arg);
}

/* Lays s out in u->tp for a box w wide; returns its height. Nothing else may lay out text
 * before draw_laid draws it. */
static int lay(ui *u, const char *s, int w, int px, int bold, int align, int rtl)
{
    text_style st = {.px = px, .bold = bold, .rtl = rtl, .align = align};
    text_layout(u->m, s, strlen(s), &st, w, &u->tp);
    return u->tp.h;
}

/* Draws a laid-out paragraph of s with its box's top-left corner at (x, y). */
static void draw_para(ui *u, const text_para *p, const char *s, int x, int y, int px,
                      uint32_t color)
{
    for (int k = 0; k < p->nruns; k++) {
        const text_run *r = &p->runs[k];
        dl_text(&u->dl, x + r->x, y + r->baseline, r->w, r->face, px, r->rtl, r->script, color,
                s + r->off, r->len);
    }
}

/* Draws what lay() laid out. */
static void draw_laid(ui *u, const char *s, int x, int y, int px, uint32_t color)
{
    draw_para(u, &u->tp, s, x, y, px, color);
}

/* Lays out s in the box (x, y, w) in direction rtl and draws it; returns its height. */
static int para_dir(ui *u, const char *s, int x, int y, int w, int px, int bold, int align,
                    int rtl, uint32_t color)
{
    int h = lay(u, s, w, px, bold, align, rtl);
    draw_laid(u, s, x, y, px, color);
    return h;
}

static int para(ui *u, const char *s, int x, int y, int w, int px, int bold, int align,
                uint32_t color)
{
    return para_dir(u, s, x, y, w, px, bold, align, u->rtl, color);
}

/* The height s would take, where it is drawn later, after other text. */
static int text_height(ui *u, const char *s, int w, int px, int bold)
{
    return lay(u, s, w, px, bold, ALIGN_START, u->rtl);
}

/* Lays s out once and draws it centred in the height of the box (x, y, w, h). */
static void para_mid(ui *u, const char *s, int x, int y, int w, int h, int px, int bold,
                     int align, int rtl, uint32_t color)
{
    int th = lay(u, s, w, px, bold, align, rtl);
    draw_laid(u, s, x, y + (h - th) / 2, px, color);
}

/* An icon centred on (cx, cy). */
static void icon(ui *u, uint32_t cp, int cx, int cy, int px, uint32_t color)
{
    char s[5];
    int n = utf8_encode(cp, s);
    s[n] = 0;
    int w = u->m->width(u->m->ctx, FACE_ICONS, px, 0, "Zyyy", s, (size_t)n);
    int asc, desc;
    u->m->metrics(u->m->ctx, FACE_ICONS, px, &asc, &desc);
    dl_text(&u->dl, cx - w / 2, cy + (asc - desc) / 2, w, FACE_ICONS, px, 0, "Zyyy", color, s,
            (size_t)n);
}

/* The bar at the top: back at the start, the title, and "start again" at the end. */
static void top_bar(ui *u, const char *title, int back)
{
    /* on home, back means "another language": it shows the globe, not an arrow */
    int to_languages = u->screen == SCR_HOME;
    dl_rect(&u->dl, 0, 0, u->W, u->bar, C_PRIMARY, 0);
    int bw = u->bar;
    int x = 0;
    if (back) {
        const char *lb = tr(u, "Back");
        int bx = mx(u, 0, bw);
        icon(u, to_languages ? ICON_LANGUAGE : u->rtl ? ICON_FORWARD : ICON_BACK, bx + bw / 2,
             u->bar / 2, u->body * 3 / 2, C_ON_PRIMARY);
        widget(u, "back", ROLE_BUTTON, to_languages ? tr(u, "Choose your language") : lb, bx, 0,
               bw, u->bar, ACT_BACK, NULL);
        x = bw;
    } else {
        x = u->pad;
    }
    int ex = mx(u, u->W - bw, bw);
    icon(u, ICON_RESTART, ex + bw / 2, u->bar / 2, u->body * 3 / 2, C_ON_PRIMARY);
    widget(u, "restart", ROLE_BUTTON, tr(u, "Start again"), ex, 0, bw, u->bar, ACT_RESTART, NULL);
    int end = bw;
    /* help and contacts, one touch away from every screen, unless this is that screen */
    const char *help = content_help(u->c);
    if (help && !(u->screen == SCR_CATEGORY && !strcmp(u->arg, help))) {
        char owner[120];
        snprintf(owner, sizeof owner, "category:%s", help);
        const char *hl = content_text(u->c, owner, "title", u->lang, &u->fa, NULL);
        int hx = mx(u, u->W - 2 * bw - u->gap, bw);
        dl_frame(&u->dl, hx + 4, 6, bw - 8, u->bar - 12, C_NOTE_BG, (u->bar - 12) / 2, 0, 0);
        icon(u, ICON_HELP, hx + bw / 2, u->bar / 2, u->body * 3 / 2, C_PRIMARY);
        widget(u, "help", ROLE_BUTTON, hl ? hl : help, hx, 0, bw, u->bar, ACT_CATEGORY, help);
        end += bw + u->gap;
    }
    int tw = u->W - x - end - u->pad;
    int th = lay(u, title, tw, u->body * 6 / 5, 1, ALIGN_START, u->rtl);
    if (th > u->bar)
        th = u->bar;
    draw_laid(u, title, mx(u, x, tw), (u->bar - th) / 2, u->body * 6 / 5, C_ON_PRIMARY);
    widget(u, "title", ROLE_HEADING, title, mx(u, x, tw), 0, tw, u->bar, ACT_NONE, NULL);
}

/* A scroll bar at the end side of a view taller than the screen, so people see there is
 * more (the page, lists, "you said, we did"). */
static void scrollbar(ui *u, int top, int view, int total)
{
    if (total <= view || view <= 0)
        return;
    int th = view * view / total, w = u->gap > 6 ? u->gap : 6;
    if (th < u->body)
        th = u->body;
    int ty = top + (view - th) * u->scroll / (total - view);
    dl_rect(&u->dl, mx(u, u->W - w - 2, w), top, w, view, C_TINT, w / 2);
    dl_rect(&u->dl, mx(u, u->W - w - 2, w), ty, w, th, C_MUTED, w / 2);
}

/* ---- screens -------------------------------------------------------------------------- */

static void build_attract(ui *u)
{
    int cx = u->W / 2;
    int y = u->H / 10;
    int th = para_dir(u, "Sveiki", 0, y, u->W, u->big * 2, 1, ALIGN_CENTER, 0, C_PRIMARY);
    widget(u, "brand", ROLE_HEADING, "Sveiki", 0, y, u->W, th, ACT_NONE, NULL);
    y += th + u->gap;
    icon(u, ICON_TOUCH, cx, y + u->big, u->big * 2, C_PRIMARY);
    y += u->big * 2 + u->pad;
    /* the invitation in every language of the pack, each in its own direction */
    int n = content_nlangs(u->c);
    int line = (u->H - y - u->pad) / (n ? n : 1);
    int px = line * 10 / 17;
    if (px > u->body)
        px = u->body;
    if (px < 14)
        px = 14;
    for (int i = 0; i < n; i++) {
        const content_lang *l = content_lang_at(u->c, i);
        const char *s = content_ui(u->c, l->code, "Touch the screen to start", &u->fa);
        int h = para_dir(u, s, u->pad, y, u->W - 2 * u->pad, px, 0, ALIGN_CENTER, l->rtl,
                         i % 2 ? C_MUTED : C_INK);
        widget(u, l->code, ROLE_TEXT, s, u->pad, y, u->W - 2 * u->pad, h, ACT_NONE, NULL);
        y += line;
    }
    /* the whole screen is the start button */
    widget(u, "start", ROLE_BUTTON, "Touch the screen to start", 0, 0, u->W, u->H, ACT_START, NULL);
}

static void build_languages(ui *u)
{
    int y = u->pad;
    icon(u, ICON_LANGUAGE, u->W / 2, y + u->big, u->big * 2, C_PRIMARY);
    widget(u, "choose", ROLE_HEADING, "Choose your language", u->W / 2 - u->big, y, u->big * 2,
           u->big * 2, ACT_NONE, NULL);
    y += u->big * 2 + u->pad;
    int n = content_nlangs(u->c);
    int cols = 2;
    int rows = (n + cols - 1) / cols;
    int bh = (u->H - y - u->pad - (rows - 1) * u->gap) / (rows ? rows : 1);
    if (bh > u->body * 4)
        bh = u->body * 4;
    int bw = (u->W - 2 * u->pad - (cols - 1) * u->pad) / cols;
    y += (u->H - y - u->pad - rows * bh - (rows - 1) * u->gap) / 2; /* centre the grid */
    for (int i = 0; i < n; i++) {
        const content_lang *l = content_lang_at(u->c, i);
        int r = i / cols, c = i % cols;
        int x = u->pad + c * (bw + u->pad), by = y + r * (bh + u->gap);
        dl_frame(&u->dl, x, by, bw, bh, C_CARD, bh / 6, 2, C_LINE);
        int px = u->big; /* the one word a person must recognise: large */
        para_mid(u, l->name, x + u->gap, by, bw - 2 * u->gap, bh, px, 1, ALIGN_CENTER, l->rtl,
                 C_INK);
        char id[32];
        snprintf(id, sizeof id, "lang-%s", l->code);
        widget(u, id, ROLE_BUTTON, l->name, x, by, bw, bh, ACT_LANG, l->code);
    }
}

static void build_home(ui *u)
{
    const char *title = content_text(u->c, "pack", "title", u->lang, &u->fa, NULL);
    top_bar(u, title ? title : "Sveiki", 1);
    content_item *cats;
    int n = content_categories(u->c, u->lang, &u->fa, &cats);
    int extra = 3; /* search, journey, and "you said, we did" */
    int total = n + extra;
    int cols = u->W < 700 ? 3 : 5;
    int rows = (total + cols - 1) / cols;
    int top = u->bar + u->pad;
    int tw = (u->W - 2 * u->pad - (cols - 1) * u->gap) / cols;
    int th = (u->H - top - u->pad - (rows - 1) * u->gap) / (rows ? rows : 1);
    for (int i = 0; i < total; i++) {
        int r = i / cols, c = i % cols;
        int x = mx(u, u->pad + c * (tw + u->gap), tw), y = top + r * (th + u->gap);
        const char *label, *id;
        uint32_t ic;
        int action;
        if (i == 0) {
            label = tr(u, "Search"), id = "search", ic = ICON_SEARCH, action = ACT_SEARCH;
        } else if (i == 1) {
            label = tr(u, "Your journey"), id = "journey", ic = ICON_ROUTE, action = ACT_JOURNEY;
        } else if (i == 2) {
            label = tr(u, "You said, we did"), id = "yousaid", ic = ICON_FORUM, action = ACT_YOUSAID;
        } else {
            label = cats[i - extra].title, id = cats[i - extra].id, ic = cats[i - extra].icon;
            action = ACT_CATEGORY;
        }
        dl_frame(&u->dl, x, y, tw, th, i < extra ? C_TINT : C_CARD, th / 10, 2, C_LINE);
        int isz = th * 2 / 5;
        if (isz > u->big * 2)
            isz = u->big * 2;
        icon(u, ic, x + tw / 2, y + u->gap + isz / 2, isz, C_PRIMARY);
        int px = u->body * 9 / 10;
        int avail = th - isz - u->gap * 2;
        para_mid(u, label, x + u->gap / 2, y + u->gap + isz, tw - u->gap, avail, px, 1,
                 ALIGN_CENTER, u->rtl, C_INK);
        widget(u, id, i < extra ? ROLE_BUTTON : ROLE_CATEGORY, label, x, y, tw, th, action, id);
    }
}

/* A vertical list of page links (category, journey stage, search results) between top and
 * bottom, scrolled by `scroll`; a title that wraps makes its row taller. */
static void link_list(ui *u, content_item *items, int n, int top, int bottom, int scroll)
{
    int x = u->pad, w = u->W - 2 * u->pad, isz = u->body * 5 / 4, in = u->pad * 2 / 3;
    int tw = w - 2 * in - isz, y = top - scroll;
    dl_clip(&u->dl, 0, top, u->W, bottom - top);
    for (int i = 0; i < n; i++) {
        int th = lay(u, items[i].title, tw, u->body, 0, ALIGN_START, u->rtl);
        int h = th + 2 * u->gap > u->body * 2 + u->gap ? th + 2 * u->gap : u->body * 2 + u->gap;
        if (h < 56) /* well over the 48 px a finger needs */
            h = 56;
        if (y + h > top && y < bottom) {
            dl_frame(&u->dl, x, y, w, h, C_CARD, u->body / 3, 2, C_LINE);
            icon(u, u->rtl ? ICON_NEXT_RTL : ICON_NEXT_LTR, mx(u, x + w - isz, isz) + isz / 2,
                 y + h / 2, isz, C_PRIMARY);
            draw_laid(u, items[i].title, mx(u, x + in, tw), y + (h - th) / 2, u->body, C_INK);
            char id[100];
            snprintf(id, sizeof id, "page-%s", items[i].id);
            widget_in(u, id, ROLE_LINK, items[i].title, x, y, w, h, top, bottom, ACT_PAGE,
                      items[i].id);
        }
        y += h + u->pad / 2;
    }
    dl_unclip(&u->dl);
    int total = y + scroll - top, view = bottom - top;
    u->max_scroll = total > view ? total - view : 0;
    if (scroll >= 0 && u->max_scroll)
        scrollbar(u, top, view, total);
}

static void build_category(ui *u)
{
    char owner[120];
    snprintf(owner, sizeof owner, "category:%s", u->arg);
    const char *title = content_text(u->c, owner, "title", u->lang, &u->fa, NULL);
    top_bar(u, title ? title : u->arg, 1);
    content_item *items;
    int n = content_links(u->c, owner, u->lang, &u->fa, &items);
    link_list(u, items, n, u->bar + u->pad, u->H, u->scroll);
}

static void build_journey(ui *u)
{
    top_bar(u, tr(u, "Your journey"), 1);
    content_item *st;
    int n = content_stages(u->c, u->lang, &u->fa, &st);
    int y = u->bar + u->pad;
    int h = (u->H - y - u->pad - (n - 1) * u->gap) / (n ? n : 1);
    if (h > u->body * 3)
        h = u->body * 3;
    int r = u->big * 3 / 4 + 4;    /* the disc each stage's pictogram sits on */
    int lx = u->pad + r;             /* the line that joins the stages, behind the discs */
    dl_rect(&u->dl, mx(u, lx - 2, 4), y + h / 2, 4, (n - 1) * (h + u->gap), C_PRIMARY, 0);
    int isz = u->body * 5 / 4;
    for (int i = 0; i < n; i++) {
        int by = y + i * (h + u->gap);
        dl_frame(&u->dl, mx(u, lx - r, 2 * r), by + h / 2 - r, 2 * r, 2 * r, C_CARD, r, 3,
                 C_PRIMARY);
        icon(u, st[i].icon, mx(u, lx - r, 2 * r) + r, by + h / 2, u->big, C_PRIMARY);
        int x = lx + r + u->gap, w = u->W - x - u->pad;
        dl_frame(&u->dl, mx(u, x, w), by, w, h, C_CARD, h / 6, 2, C_LINE);
        icon(u, u->rtl ? ICON_NEXT_RTL : ICON_NEXT_LTR, mx(u, x + w - isz, isz) + isz / 2,
             by + h / 2, isz, C_PRIMARY);
        int tw = w - 3 * u->gap - isz;
        para_mid(u, st[i].title, mx(u, x + u->gap, tw), by, tw, h, u->body, 1, ALIGN_START,
                 u->rtl, C_INK);
        char id[100];
        snprintf(id, sizeof id, "stage-%s", st[i].id);
        widget(u, id, ROLE_LINK, st[i].title, mx(u, x, w), by, w, h, ACT_STAGE, st[i].id);
    }
}

static void build_stage(ui *u)
{
    char owner[120];
    snprintf(owner, sizeof owner, "stage:%s", u->arg);
    const char *title = content_text(u->c, owner, "title", u->lang, &u->fa, NULL);
    const char *text = content_text(u->c, owner, "text", u->lang, &u->fa, NULL);
    top_bar(u, title ? title : u->arg, 1);
    int y = u->bar + u->pad;
    if (text) {
        int w = u->W - 2 * u->pad;
        int h = para(u, text, mx(u, u->pad, w), y, w, u->body, 0, ALIGN_START, C_INK);
        widget(u, "stage-text", ROLE_TEXT, text, mx(u, u->pad, w), y, w, h, ACT_NONE, NULL);
        y += h + u->pad;
    }
    content_item *items;
    int n = content_links(u->c, owner, u->lang, &u->fa, &items);
    link_list(u, items, n, y, u->H, u->scroll);
}

/* What people said and what was done about it: the proof that feedback is read. */
static void build_yousaid(ui *u)
{
    top_bar(u, tr(u, "You said, we did"), 1);
    content_item *ys;
    int n = content_yousaid(u->c, u->lang, &u->fa, &ys);
    int top = u->bar, y = top + u->pad - u->scroll, w = u->W - 2 * u->pad, iw = u->body * 5 / 2;
    dl_clip(&u->dl, 0, top, u->W, u->H - top);
    for (int i = 0; i < n; i++) {
        int tw = w - iw - 2 * u->gap;
        int h1 = text_height(u, ys[i].title, tw, u->body, 1);
        int h2 = text_height(u, ys[i].text, tw, u->body, 0);
        int h = h1 + h2 + 3 * u->gap;
        dl_frame(&u->dl, mx(u, u->pad, w), y, w, h, C_CARD, u->gap, 2, C_LINE);
        icon(u, ICON_FORUM, mx(u, u->pad + u->gap, iw) + iw / 2, y + u->gap + h1 / 2,
             u->body * 3 / 2, C_PRIMARY);
        icon(u, ICON_DONE, mx(u, u->pad + u->gap, iw) + iw / 2, y + 2 * u->gap + h1 + h2 / 2,
             u->body * 3 / 2, C_PRIMARY);
        int tx = mx(u, u->pad + u->gap + iw, tw);
        para(u, ys[i].title, tx, y + u->gap, tw, u->body, 1, ALIGN_START, C_INK);
        para(u, ys[i].text, tx, y + 2 * u->gap + h1, tw, u->body, 0, ALIGN_START, C_INK);
        char id[40];
        snprintf(id, sizeof id, "said-%d", i);
        widget(u, id, ROLE_TEXT, ys[i].title, tx, y + u->gap, tw, h1, ACT_NONE, NULL);
        snprintf(id, sizeof id, "did-%d", i);
        widget(u, id, ROLE_TEXT, ys[i].text, tx, y + 2 * u->gap + h1, tw, h2, ACT_NONE, NULL);
        y += h + u->gap;
    }
    dl_unclip(&u->dl);
    /* taller than the screen: it scrolls like a page */
    int total = y + u->scroll - top;
    u->max_scroll = total > u->H - top ? total - (u->H - top) : 0;
    scrollbar(u, top, u->H - top, total);
}

/* ---- the page screen: laid out once, then only scrolled ------------------------------ */

static void free_layout(ui *u)
{
    for (int k = 0; k < u->npl; k++)
        text_para_free(&u->pl[k].p);
    free(u->pl);
    u->pl = NULL;
    u->npl = 0;
    u->pl_key[0] = 0;
    arena_free(&u->pa);
}

static uint32_t item_icon(const char *kind)
{
    if (!strcmp(kind, "phone"))
        return ICON_PHONE;
    if (!strcmp(kind, "address"))
        return ICON_PLACE;
    if (!strcmp(kind, "hours"))
        return ICON_HOURS;
    return ICON_LINK;
}

/* Page text shown to a person: a placeholder for a local detail becomes a visible note. */
static const char *item_text(ui *u, const content_block *b)
{
    const char *v = b->value ? b->value : "";
    if (strstr(v, "{{")) /* kept with the page's layout, so it must live as long as that */
        v = arena_strdup(&u->pa, tr(u, "To be filled in locally"));
    if (b->text && *b->text) {
        size_t n = strlen(b->text) + strlen(v) + 4;
        char *s = arena_alloc(&u->pa, n);
        snprintf(s, n, "%s\n%s", b->text, v);
        return s;
    }
    return v;
}

/* A local detail the operator has not filled in ({{fill in: ...}}) shows as a visible note,
 * not as braces; bold ranges after it move with the text. */
static const char *fill_placeholders(ui *u, const char *s, text_span *spans, int ns)
{
    if (!strstr(s, "{{"))
        return s;
    const char *note = tr(u, "To be filled in locally");
    buf b;
    buf_init(&b);
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        const char *end = !strncmp(s + i, "{{", 2) ? strstr(s + i, "}}") : NULL;
        if (!end) {
            buf_addc(&b, s[i++]);
            continue;
        }
        size_t old = (size_t)(end + 2 - (s + i));
        size_t at = b.len;
        buf_printf(&b, "[%s]", note);
        long shift = (long)(b.len - at) - (long)old;
        for (int k = 0; k < ns; k++) { /* spans starting after the placeholder move */
            if (spans[k].off >= i + old)
                spans[k].off = (uint32_t)((long)spans[k].off + shift);
            else if (spans[k].off + spans[k].len > i)
                spans[k].len = (uint32_t)((long)spans[k].len + shift);
        }
        i += old;
    }
    const char *r = arena_strdup(&u->pa, b.data);
    buf_free(&b);
    return r;
}

/* A QR code of text drawn as dark modules on a white square of side px; nothing stored. */
static int qr(ui *u, const char *text, int x, int y, int px)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return 0;
    int n = q->width + 8; /* a quiet zone of 4 modules each side */
    int m = px / n;
    if (m < 1)
        m = 1;
    int side = m * n;
    dl_rect(&u->dl, x, y, side, side, 0xFFFFFFFF, 0);
    for (int r = 0; r < q->width; r++)
        for (int c = 0; c < q->width; c++)
            if (q->data[r * q->width + c] & 1)
                dl_rect(&u->dl, x + (c + 4) * m, y + (r + 4) * m, m, m, 0x000000FF, 0);
    QRcode_free(q);
    return side;
}

/* A tapped phone number, address, link or opening hours, large, with a QR code a person can
 * scan to take it away: the kiosk learns nothing about who scans. */
static void item_overlay(ui *u)
{
    const char *colon = strchr(u->item, ':');
    if (!colon)
        return;
    char kind[16];
    snprintf(kind, sizeof kind, "%.*s", (int)(colon - u->item), u->item);
    const char *value = colon + 1;
    int placeholder = strstr(value, "{{") != NULL;
    dl_rect(&u->dl, 0, 0, u->W, u->H, 0x000000A0, 0);
    widget(u, "overlay", ROLE_BUTTON, tr(u, "Back"), 0, 0, u->W, u->H, ACT_CLOSE, NULL);
    int cw = u->W * 4 / 5, ch = u->H * 4 / 5, cx = (u->W - cw) / 2, cy = (u->H - ch) / 2;
    dl_frame(&u->dl, cx, cy, cw, ch, C_CARD, u->gap, 0, 0);
    /* the card takes touches that miss its buttons: only outside it closes */
    widget(u, "item-card", ROLE_TEXT, u->item_label, cx, cy, cw, ch, ACT_STAY, NULL);
    int qside = ch - 2 * u->pad - u->bar - u->gap;
    int want_qr = !placeholder && strcmp(kind, "hours") != 0;
    if (qside > cw * 2 / 5) /* the number itself comes first; the code is for taking it away */
        qside = cw * 2 / 5;
    int tx = cx + u->pad, tw = cw - 2 * u->pad - (want_qr ? qside + u->pad : 0);
    int y = cy + u->pad;
    /* the label, then what matters (the number, address, hours) large */
    const char *nl = strrchr(u->item_label, '\n');
    if (nl) {
        char label[256];
        snprintf(label, sizeof label, "%.*s", (int)(nl - u->item_label), u->item_label);
        y += para(u, label, mx(u, tx, tw), y, tw, u->body, 0, ALIGN_START, C_MUTED) + u->gap;
    }
    para(u, nl ? nl + 1 : u->item_label, mx(u, tx, tw), y, tw, u->big * 2, 1, ALIGN_START, C_INK);
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
        int qx = mx(u, cx + cw - u->pad - qside, qside);
        int side = qr(u, payload, qx, cy + u->pad, qside);
        widget(u, "qr", ROLE_IMAGE, tr(u, "Scan with your phone"), qx, cy + u->pad, side, side,
               ACT_NONE, NULL);
        para(u, tr(u, "Scan with your phone"), qx, cy + u->pad + side + u->gap / 2, side,
             u->body, 0, ALIGN_CENTER, C_MUTED);
    }
    int bw = u->bar * 3, bh = u->bar;
    int bx = mx(u, cx + u->pad, bw), by = cy + ch - u->pad - bh;
    dl_frame(&u->dl, bx, by, bw, bh, C_PRIMARY, bh / 6, 0, 0);
    const char *close = tr(u, "Close");
    para_mid(u, close, bx, by, bw, bh, u->body, 1, ALIGN_CENTER, u->rtl, C_ON_PRIMARY);
    widget(u, "close", ROLE_BUTTON, close, bx, by, bw, bh, ACT_CLOSE, NULL);
}

static int content_width(const ui *u) { return u->W - 2 * u->pad; }

static void layout_page(ui *u)
{
    char key[128];
    snprintf(key, sizeof key, "%s/%s/%dx%d", u->arg, u->lang, u->W, u->H);
    if (!strcmp(key, u->pl_key))
        return;
    free_layout(u);
    snprintf(u->pl_key, sizeof u->pl_key, "%s", key);
    if (content_page_get(u->c, u->arg, u->lang, &u->pa, &u->page) != 0) {
        memset(&u->page, 0, sizeof u->page);
        return;
    }
    u->pl = xcalloc((size_t)u->page.nblocks + 1, sizeof *u->pl);
    int y = 0, w = content_width(u);
    for (int k = 0; k < u->page.nblocks; k++) {
        const content_block *b = &u->page.blocks[k];
        placed *p = &u->pl[u->npl++];
        p->b = b;
        int is_h = !strcmp(b->kind, "h"), is_li = !strcmp(b->kind, "li");
        int is_item = !is_h && !is_li && strcmp(b->kind, "p");
        p->kind = is_item;
        p->px = is_h ? u->body * 6 / 5 : u->body;
        p->bold = is_h;
        p->indent = is_li ? u->body * 3 / 2 : is_item ? u->body * 2 + u->gap : 0;
        text_span spans[16];
        int ns = 0;
        if (b->bold) {
            const char *q = b->bold;
            int off, len, used;
            while (ns < 16 && sscanf(q, "%d-%d%n", &off, &len, &used) == 2) {
                spans[ns].off = (uint32_t)off, spans[ns].len = (uint32_t)len;
                ns++;
                q += used;
            }
        }
        const char *s = is_item ? item_text(u, b) : fill_placeholders(u, b->text, spans, ns);
        int tw = w - p->indent - (is_item ? 2 * u->gap : 0);
        text_style st = {.px = p->px, .bold = p->bold, .rtl = u->rtl, .bold_spans = spans,
                         .nbold = ns, .line_pct = 125};
        text_layout(u->m, s, strlen(s), &st, tw, &p->p);
        ((content_block *)b)->text = s; /* the text drawn and spoken */
        if (is_h && k > 0)
            y += u->pad / 2;
        p->y = y;
        p->h = p->p.h + (is_item ? 2 * u->gap : 0);
        y += p->h + (is_item ? u->gap : u->gap);
    }
    u->pl_h = y;
}

static void build_page(ui *u)
{
    layout_page(u);
    top_bar(u, u->page.title ? u->page.title : u->arg, 1);
    int y = u->bar;
    /* notes a person must see before reading: fallback language, machine translation */
    if (u->page.fallback) {
        const content_lang *l = content_find_lang(u->c, u->page.lang);
        const char *t = tr(u, "This page is not available in your language. It is shown in {language}.");
        const char *name = l ? l->name : u->page.lang;
        const char *at = strstr(t, "{language}");
        char msg[512];
        if (at)
            snprintf(msg, sizeof msg, "%.*s%s%s", (int)(at - t), t, name, at + 10);
        else
            snprintf(msg, sizeof msg, "%s", t);
        int w = u->W - 2 * u->pad - u->body * 2;
        int h = lay(u, msg, w, u->small, 1, ALIGN_START, u->rtl) + u->gap;
        dl_rect(&u->dl, 0, y, u->W, h, C_NOTE_BG, 0);
        icon(u, ICON_INFO, mx(u, u->pad, u->body) + u->body / 2, y + h / 2, u->body, C_NOTE_INK);
        draw_laid(u, msg, mx(u, u->pad + u->body * 2, w), y + u->gap / 2, u->small, C_NOTE_INK);
        widget(u, "fallback-note", ROLE_TEXT, msg, 0, y, u->W, h, ACT_NONE, NULL);
        y += h;
    }
    if (u->page.machine) {
        const char *msg = tr(u, "Machine translation. It may contain mistakes.");
        int w = u->W - 2 * u->pad - u->body * 2;
        int h = lay(u, msg, w, u->small, 0, ALIGN_START, u->rtl) + u->gap;
        dl_rect(&u->dl, 0, y, u->W, h, C_TINT, 0);
        icon(u, ICON_TRANSLATE, mx(u, u->pad, u->body) + u->body / 2, y + h / 2, u->body,
             C_PRIMARY);
        draw_laid(u, msg, mx(u, u->pad + u->body * 2, w), y + u->gap / 2, u->small, C_INK);
        widget(u, "machine-note", ROLE_TEXT, msg, 0, y, u->W, h, ACT_NONE, NULL);
        y += h;
    }
    /* the footer: example content notice and the date the facts were checked */
    const char *notice = tr(u, "Example content: check before use.");
    const char *ck = tr(u, "Checked: {date}");
    char foot[512], foot_label[512];
    const char *at = strstr(ck, "{date}");
    if (at)
        /* the date is isolated left-to-right, or 2022-12-01 reads 01-12-2022 in Arabic */
        snprintf(foot, sizeof foot, "%s  %.*s\u2066%s\u2069%s", notice, (int)(at - ck), ck,
                 u->page.checked ? u->page.checked : "", at + 6);
    else
        snprintf(foot, sizeof foot, "%s", notice);
    if (at)
        snprintf(foot_label, sizeof foot_label, "%s  %.*s%s%s", notice, (int)(at - ck), ck,
                 u->page.checked ? u->page.checked : "", at + 6);
    else
        snprintf(foot_label, sizeof foot_label, "%s", notice);
    int fw = u->W - 2 * u->pad;
    int fh = text_height(u, foot, fw, u->small, 0) + u->gap;
    int fy = u->H - fh;

    int top = y + u->gap, view = fy - top - u->gap;
    u->max_scroll = u->pl_h > view ? u->pl_h - view : 0;
    if (u->scroll > u->max_scroll)
        u->scroll = u->max_scroll;
    if (u->scroll < 0)
        u->scroll = 0;
    dl_clip(&u->dl, 0, top, u->W, view);
    int w = content_width(u);
    for (int k = 0; k < u->npl; k++) {
        placed *p = &u->pl[k];
        int py = top + p->y - u->scroll;
        /* a block whose first line would barely show at the bottom is left for scrolling:
         * a sliver of letters reads as dirt on the screen */
        int first_line = p->p.nruns ? p->p.runs[0].baseline : p->h;
        if (py + p->h < top || py + first_line / 2 > top + view)
            continue;
        const content_block *b = p->b;
        int bx = mx(u, u->pad, w);
        if (p->kind == 1) {
            dl_frame(&u->dl, bx, py, w, p->h, C_CARD, u->gap, 2, C_LINE);
            icon(u, item_icon(b->kind), mx(u, u->pad + u->gap, u->body * 2) + u->body, py + p->h / 2,
                 u->body * 3 / 2, C_PRIMARY);
            char id[40], arg[512];
            snprintf(id, sizeof id, "item-%d", k);
            snprintf(arg, sizeof arg, "%s:%s", b->kind, b->value ? b->value : "");
            widget_in(u, id, ROLE_BUTTON, b->text, bx, py, w, p->h, top, top + view, ACT_ITEM, arg);
        } else if (!strcmp(b->kind, "li")) {
            int asc, desc;
            u->m->metrics(u->m->ctx, FACE_SANS, p->px, &asc, &desc);
            int first = p->p.nruns ? p->p.runs[0].baseline : asc;
            icon(u, ICON_DOT, mx(u, u->pad, p->indent) + p->indent / 2, py + first - asc / 3,
                 u->body / 2, C_PRIMARY);
        }
        int tx = u->pad + p->indent + (p->kind ? u->gap : 0);
        int tw = w - p->indent - (p->kind ? 2 * u->gap : 0);
        int ox = mx(u, tx, tw), oy = py + (p->kind ? u->gap : 0);
        draw_para(u, &p->p, b->text, ox, oy, p->px, C_INK);
        if (p->kind == 0) {
            char id[40];
            snprintf(id, sizeof id, "block-%d", k);
            widget_in(u, id, !strcmp(b->kind, "h") ? ROLE_HEADING : ROLE_TEXT, b->text, ox, oy, tw,
                      p->p.h, top, top + view, ACT_NONE, NULL);
        }
    }
    dl_unclip(&u->dl);
    scrollbar(u, top, view, u->pl_h);
    dl_rect(&u->dl, 0, fy, u->W, fh, C_TINT, 0);
    para(u, foot, mx(u, u->pad, fw), fy + u->gap / 2, fw, u->small, 0, ALIGN_START, C_MUTED);
    widget(u, "footer", ROLE_TEXT, foot_label, 0, fy, u->W, fh, ACT_NONE, NULL);
    if (u->item[0])
        item_overlay(u);
}

/* ---- search: an input line, results, and an on-screen keyboard ------------------------ */

typedef struct kb_layout {
    const char *lang;
    const char *rows[4];
} kb_layout;

/* Letters in the order of each language's usual keyboard; the kiosk types logical order. */
static const kb_layout layouts[] = {
    {"lv", {"ā č ē ģ ī ķ ļ ņ š ū ž", "q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"}},
    {"en", {"1 2 3 4 5 6 7 8 9 0", "q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"}},
    {"ku", {"ç ê î ş û 1 2 3", "q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"}},
    {"ru", {"й ц у к е н г ш щ з х", "ф ы в а п р о л д ж э", "я ч с м и т ь б ю ъ", NULL}},
    {"uk", {"й ц у к е н г ш щ з х ї", "ф і в а п р о л д ж є", "я ч с м и т ь б ю ґ", NULL}},
    {"ar", {"ض ص ث ق ف غ ع ه خ ح ج", "ش س ي ب ل ا ت ن م ك ط", "ئ ء ؤ ر ى ة و ز ظ د ذ", NULL}},
    {"fa", {"ض ص ث ق ف غ ع ه خ ح ج چ", "ش س ی ب ل ا ت ن م ک گ", "ظ ط ز ر ذ د پ و ژ آ", NULL}},
    /* Ge'ez: a consonant key opens its seven vowel forms, as Ethiopic phone keyboards do */
    {"ti", {"ሀ ለ ሐ መ ሠ ረ ሰ ሸ ቀ ቐ በ ቨ", "ተ ቸ ኀ ነ ኘ አ ከ ኸ ወ ዐ ዘ ዠ", "የ ደ ጀ ገ ጠ ጨ ጰ ጸ ፀ ፈ ፐ", NULL}},
};

static const kb_layout *layout_for(const char *lang)
{
    for (size_t k = 0; k < sizeof layouts / sizeof layouts[0]; k++)
        if (!strcmp(layouts[k].lang, lang))
            return &layouts[k];
    return &layouts[1];
}

static void build_search(ui *u)
{
    top_bar(u, tr(u, "Search"), 1);
    int y = u->bar + u->pad / 2;
    int ih = u->body * 2;
    int w = u->W - 2 * u->pad;
    dl_frame(&u->dl, u->pad, y, w, ih, C_CARD, ih / 6, 3, C_PRIMARY);
    const char *shown = u->query[0] ? u->query : tr(u, "Type a word to search");
    para_mid(u, shown, u->pad + u->gap, y, w - 2 * u->gap, ih, u->body, 0, ALIGN_START, u->rtl,
             u->query[0] ? C_INK : C_MUTED);
    widget(u, "query", ROLE_INPUT, shown, u->pad, y, w, ih, ACT_NONE, NULL);
    y += ih + u->gap;

    /* keyboard at the bottom: rows of letters, then space and delete */
    const kb_layout *kl = layout_for(u->lang);
    int nrows = 0;
    while (nrows < 4 && kl->rows[nrows])
        nrows++;
    int kh = u->body * 2 > 48 ? u->body * 2 : 48;
    if (u->H < 600)
        kh = 48; /* the smallest touch target that fingers hit reliably */
    int kb_top = u->H - (nrows + 1) * (kh + 4) - u->gap;
    /* results between the input and the keyboard (drawn first: the keyboard's pop-up
     * of vowel forms lies over them) */
    if (u->query[0]) {
        content_item *items;
        int n = content_search(u->c, u->lang, u->query, 20, &u->fa, &items);
        if (n == 0) {
            const char *none = tr(u, "No pages found");
            int h = para(u, none, mx(u, u->pad, w), y, w, u->body, 0, ALIGN_START, C_MUTED);
            widget(u, "no-results", ROLE_TEXT, none, u->pad, y, w, h, ACT_NONE, NULL);
        } else {
            link_list(u, items, n, y, kb_top - u->gap, u->scroll); /* drag to see more */
        }
    }
    for (int r = 0; r < nrows; r++) {
        const char *row = kl->rows[r];
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
            int x = mx(u, rowx + k * (kw + 4), kw), ky = kb_top + r * (kh + 4);
            dl_frame(&u->dl, x, ky, kw, kh, C_CARD, 6, 1, C_LINE);
            para_mid(u, key, x, ky, kw, kh, u->body, 0, ALIGN_CENTER, u->rtl, C_INK);
            char id[32];
            snprintf(id, sizeof id, "key-%s", key);
            size_t ki = 0;
            uint32_t kc = utf8_decode(key, strlen(key), &ki);
            int ethiopic = kc >= 0x1200 && kc <= 0x137F;
            widget(u, id, ROLE_KEY, key, x, ky, kw, kh, ethiopic ? ACT_SYLLABLE : ACT_KEY, key);
            p = sp ? sp + 1 : p + n;
        }
    }
    if (u->kb_base) { /* the vowel forms of the chosen consonant, over the keyboard */
        int nf = 8, fw = (u->W - 2 * u->gap) / 10, fh = kh * 5 / 4;
        int fx0 = (u->W - nf * (fw + 4)) / 2, fy = kb_top - fh - u->gap;
        dl_frame(&u->dl, fx0 - u->gap, fy - u->gap / 2, nf * (fw + 4) + 2 * u->gap, fh + u->gap,
                 C_PRIMARY, 8, 0, 0);
        for (int k = 0; k < nf; k++) {
            char form[8];
            int fl = utf8_encode(u->kb_base + (uint32_t)k, form);
            form[fl] = 0;
            if (!u->m->covers(u->m->ctx, FACE_ETHIOPIC, u->kb_base + (uint32_t)k))
                continue;
            int x = mx(u, fx0 + k * (fw + 4), fw);
            dl_frame(&u->dl, x, fy, fw, fh, C_CARD, 6, 0, 0);
            para_mid(u, form, x, fy, fw, fh, u->big, 0, ALIGN_CENTER, u->rtl, C_INK);
            char id[32];
            snprintf(id, sizeof id, "form-%d", k);
            widget(u, id, ROLE_KEY, form, x, fy, fw, fh, ACT_KEY, form);
        }
    }
    int ky = kb_top + nrows * (kh + 4);
    int spw = u->W / 2, dw = u->W / 6;
    int sx = mx(u, (u->W - spw) / 2 - dw / 2, spw);
    dl_frame(&u->dl, sx, ky, spw, kh, C_CARD, 6, 1, C_LINE);
    const char *space = tr(u, "Space");
    para_mid(u, space, sx, ky, spw, kh, u->small, 0, ALIGN_CENTER, u->rtl, C_MUTED);
    widget(u, "key-space", ROLE_KEY, space, sx, ky, spw, kh, ACT_KEY, " ");
    int dx = mx(u, (u->W - spw) / 2 - dw / 2 + spw + 4, dw);
    dl_frame(&u->dl, dx, ky, dw, kh, C_CARD, 6, 1, C_LINE);
    icon(u, ICON_BACKSPACE, dx + dw / 2, ky + kh / 2, u->body, C_INK);
    widget(u, "key-delete", ROLE_KEY, tr(u, "Delete"), dx, ky, dw, kh, ACT_KEY, "\b");

}

/* ---- state changes ------------------------------------------------------------------- */

static void go(ui *u, int screen, const char *arg, int push)
{
    if (push && u->nstack < (int)(sizeof u->stack / sizeof u->stack[0])) {
        hist *h = &u->stack[u->nstack++];
        h->screen = u->screen;
        snprintf(h->arg, sizeof h->arg, "%s", u->arg);
        h->scroll = u->scroll;
    }
    u->screen = screen;
    snprintf(u->arg, sizeof u->arg, "%s", arg ? arg : "");
    u->scroll = 0;
    u->item[0] = 0;
    u->dirty = 1;
}

/* Forgets everything the last person did: language, path, typed text. */
static void set_lang(ui *u, const char *code);

static void reset(ui *u)
{
    u->lang[0] = 0;
    u->rtl = 0;
    if (u->preset[0])
        set_lang(u, u->preset);
    u->nstack = 0;
    memset(u->stack, 0, sizeof u->stack);
    memset(u->query, 0, sizeof u->query);
    memset(u->item, 0, sizeof u->item);
    memset(u->item_label, 0, sizeof u->item_label);
    u->kb_base = 0;
    u->session++;
    free_layout(u);
    go(u, SCR_ATTRACT, NULL, 0);
}

static void back(ui *u)
{
    if (u->item[0]) { /* back closes what is open over the page first */
        u->item[0] = 0;
        u->dirty = 1;
        return;
    }
    if (u->nstack > 0) {
        hist *h = &u->stack[--u->nstack];
        u->screen = h->screen;
        snprintf(u->arg, sizeof u->arg, "%s", h->arg);
        u->scroll = h->scroll;
        u->dirty = 1;
    } else if (u->screen == SCR_HOME) {
        go(u, SCR_LANGUAGES, NULL, 0);
    } else if (u->screen != SCR_ATTRACT) {
        reset(u);
    }
}

static void set_lang(ui *u, const char *code)
{
    const content_lang *l = content_find_lang(u->c, code);
    if (!l)
        return;
    snprintf(u->lang, sizeof u->lang, "%s", l->code);
    u->rtl = l->rtl;
}

static void type_text(ui *u, const char *t)
{
    size_t n = strlen(u->query);
    if (!strcmp(t, "\b")) {
        while (n > 0 && ((unsigned char)u->query[n - 1] & 0xC0) == 0x80)
            n--; /* back over a whole UTF-8 character */
        if (n > 0)
            n--;
        u->query[n] = 0;
    } else if (n + strlen(t) < sizeof u->query - 1) {
        /* only printable text: control characters (C0, DEL, C1) and broken UTF-8 stay out */
        size_t len = strlen(t);
        for (size_t i = 0; i < len;) {
            uint32_t cp = utf8_decode(t, len, &i);
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFD)
                continue;
            n += (size_t)utf8_encode(cp, u->query + n);
        }
        u->query[n] = 0;
    }
    u->scroll = 0; /* new results start at the top */
    u->dirty = 1;
}

static void activate(ui *u, const ui_widget *w)
{
    switch (w->action) {
    case ACT_START: go(u, u->preset[0] ? SCR_HOME : SCR_LANGUAGES, NULL, 0); break;
    case ACT_LANG:
        set_lang(u, w->arg);
        u->nstack = 0;
        go(u, SCR_HOME, NULL, 0);
        break;
    case ACT_BACK: back(u); break;
    case ACT_HOME: u->nstack = 0; go(u, SCR_HOME, NULL, 0); break;
    case ACT_RESTART: reset(u); break;
    case ACT_CATEGORY: go(u, SCR_CATEGORY, w->arg, 1); break;
    case ACT_PAGE: go(u, SCR_PAGE, w->arg, 1); break;
    case ACT_SEARCH: go(u, SCR_SEARCH, NULL, 1); break;
    case ACT_JOURNEY: go(u, SCR_JOURNEY, NULL, 1); break;
    case ACT_STAGE: go(u, SCR_JOURNEY, w->arg, 1); break;
    case ACT_YOUSAID: go(u, SCR_YOUSAID, NULL, 1); break;
    case ACT_ITEM:
        snprintf(u->item, sizeof u->item, "%s", w->arg ? w->arg : "");
        snprintf(u->item_label, sizeof u->item_label, "%s", w->label);
        u->dirty = 1;
        break;
    case ACT_CLOSE:
        u->item[0] = 0;
        u->dirty = 1;
        break;
    case ACT_KEY:
        u->kb_base = 0;
        type_text(u, w->arg);
        break;
    case ACT_SYLLABLE: {
        size_t i = 0;
        uint32_t base = utf8_decode(w->arg, strlen(w->arg), &i);
        u->kb_base = u->kb_base == base ? 0 : base; /* a second tap closes the forms */
        u->dirty = 1;
        break;
    }
    default: break;
    }
}

static void rebuild(ui *u)
{
    arena_free(&u->fa);
    u->nw = 0;
    u->max_scroll = 0; /* a screen that scrolls sets it while it is built */
    dl_clear(&u->dl, u->W, u->H, C_BG);
    switch (u->screen) {
    case SCR_ATTRACT: build_attract(u); break;
    case SCR_LANGUAGES: build_languages(u); break;
    case SCR_HOME: build_home(u); break;
    case SCR_CATEGORY: build_category(u); break;
    case SCR_PAGE: build_page(u); break;
    case SCR_SEARCH: build_search(u); break;
    case SCR_YOUSAID: build_yousaid(u); break;
    case SCR_JOURNEY:
        if (u->arg[0])
            build_stage(u);
        else
            build_journey(u);
        break;
    }
    u->dirty = 0;
}

/* ---- public -------------------------------------------------------------------------- */

ui *ui_new(content *c, const text_measurer *m, const ui_config *cfg)
{
    ui *u = xcalloc(1, sizeof *u);
    u->c = c;
    u->m = m;
    u->W = cfg->w, u->H = cfg->h;
    u->now = u->last_input = cfg->now;
    dl_init(&u->dl);
    metrics(u);
    if (cfg->lang && content_find_lang(c, cfg->lang))
        snprintf(u->preset, sizeof u->preset, "%s", cfg->lang);
    reset(u);
    if (cfg->page && *cfg->page) {
        if (!u->lang[0])
            set_lang(u, content_default(c));
        go(u, SCR_HOME, NULL, 0);
        go(u, SCR_PAGE, cfg->page, 1);
    }
    return u;
}

void ui_free(ui *u)
{
    if (!u)
        return;
    free_layout(u);
    text_para_free(&u->tp);
    arena_free(&u->fa);
    dl_free(&u->dl);
    free(u->w);
    free(u);
}

void ui_resize(ui *u, int w, int h)
{
    if (w == u->W && h == u->H)
        return;
    u->W = w, u->H = h;
    metrics(u);
    u->dirty = 1;
}

static int hit(ui *u, int x, int y)
{
    if (u->dirty)
        rebuild(u);
    /* the last widget drawn is on top */
    for (int k = u->nw - 1; k >= 0; k--) {
        const ui_widget *w = &u->w[k];
        if (w->action != ACT_NONE && x >= w->x && x < w->x + w->w && y >= w->y && y < w->y + w->h)
            return k;
    }
    return -1;
}

void ui_event_(ui *u, const ui_event *ev, uint64_t now)
{
    ui_tick(u, now);
    u->now = now;
    u->last_input = now;
    int drag_threshold = u->body / 2 > 8 ? u->body / 2 : 8;
    switch (ev->type) {
    case EV_DOWN:
        u->down = 1;
        u->down_x = ev->x, u->down_y = ev->y;
        u->down_w = hit(u, ev->x, ev->y);
        u->dragging = 0;
        u->drag_scroll0 = u->scroll;
        break;
    case EV_MOVE:
        if (!u->down)
            break;
        if (!u->dragging && abs(ev->y - u->down_y) > drag_threshold)
            u->dragging = 1;
        if (u->dragging) { /* screens taller than the window scroll */
            int s = u->drag_scroll0 - (ev->y - u->down_y);
            if (s > u->max_scroll)
                s = u->max_scroll;
            if (s < 0)
                s = 0;
            if (s != u->scroll) {
                u->scroll = s;
                u->dirty = 1;
            }
        }
        break;
    case EV_UP:
        if (u->down && !u->dragging && u->down_w >= 0) {
            int k = hit(u, ev->x, ev->y);
            /* a tap counts where it started and ended on the same widget */
            if (k >= 0 && k < u->nw && k == u->down_w) {
                ui_widget w = u->w[k];
                char arg[sizeof u->item]; /* holds a whole contact value */
                if (w.arg) {
                    snprintf(arg, sizeof arg, "%s", w.arg);
                    w.arg = arg;
                }
                activate(u, &w);
            }
        }
        u->down = 0;
        u->dragging = 0;
        break;
    case EV_TEXT:
        if (u->screen == SCR_SEARCH && ev->text)
            type_text(u, ev->text);
        break;
    case EV_KEY:
        if (!ev->text)
            break;
        if (!strcmp(ev->text, "escape") || !strcmp(ev->text, "back"))
            back(u);
        else if (!strcmp(ev->text, "home") && u->lang[0]) {
            u->nstack = 0;
            go(u, SCR_HOME, NULL, 0);
        } else if (!strcmp(ev->text, "backspace") && u->screen == SCR_SEARCH)
            type_text(u, "\b");
        else if (u->screen == SCR_PAGE &&
                 (!strcmp(ev->text, "down") || !strcmp(ev->text, "pagedown") ||
                  !strcmp(ev->text, "up") || !strcmp(ev->text, "pageup"))) {
            int step = !strncmp(ev->text, "page", 4) ? u->H / 2 : u->body * 2;
            u->scroll += ev->text[strlen(ev->text) - 1] == 'n' ? step : -step;
            u->dirty = 1;
        } else if (u->screen == SCR_ATTRACT && (!strcmp(ev->text, "enter") || !strcmp(ev->text, "space")))
            go(u, SCR_LANGUAGES, NULL, 0);
        break;
    }
}

void ui_tick(ui *u, uint64_t now)
{
    u->now = now;
    if (u->screen != SCR_ATTRACT && now >= u->last_input + UI_IDLE_MS)
        reset(u);
}

uint64_t ui_next_deadline(const ui *u)
{
    return u->screen == SCR_ATTRACT ? UINT64_MAX : u->last_input + UI_IDLE_MS;
}

const display_list *ui_display(ui *u)
{
    if (u->dirty)
        rebuild(u);
    return &u->dl;
}

int ui_widget_count(ui *u)
{
    ui_display(u);
    return u->nw;
}

const ui_widget *ui_widget_at(ui *u, int i)
{
    ui_display(u);
    return i >= 0 && i < u->nw ? &u->w[i] : NULL;
}

const ui_widget *ui_find(ui *u, const char *label)
{
    ui_display(u);
    for (int k = 0; k < u->nw; k++)
        if (!strcmp(u->w[k].label, label))
            return &u->w[k];
    return NULL;
}

const char *ui_screen_name(const ui *u)
{
    if (u->screen == SCR_JOURNEY && u->arg[0])
        return "stage";
    return screen_names[u->screen];
}

const char *ui_lang(const ui *u) { return u->lang; }
unsigned ui_session(const ui *u) { return u->session; }

void ui_dump_json(ui *u, buf *out)
{
    ui_display(u);
    buf_adds(out, "{\"screen\":");
    buf_json_str(out, ui_screen_name(u));
    buf_adds(out, ",\"lang\":");
    buf_json_str(out, u->lang);
    buf_printf(out, ",\"dir\":\"%s\",\"size\":[%d,%d],\"widgets\":[", u->rtl ? "rtl" : "ltr",
               u->W, u->H);
    for (int k = 0; k < u->nw; k++) {
        const ui_widget *w = &u->w[k];
        buf_adds(out, k ? ",{\"id\":" : "{\"id\":");
        buf_json_str(out, w->id);
        buf_printf(out, ",\"role\":\"%s\",\"label\":", role_names[w->role]);
        buf_json_str(out, w->label);
        buf_printf(out, ",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d}", w->x, w->y, w->w, w->h);
    }
    buf_adds(out, "]}");
}
