/* A page: notes (fallback language, machine translation), the text laid out once and then
 * only scrolled, contact items that open large with a QR code, and the footer. */
#include "ui/screen.h"

#include "core/buf.h"
#include "feedback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A block of the page, laid out for the page's width */
typedef struct placed {
    int kind; /* 0 text, 1 contact item */
    int y, h;
    const content_block *b;
    text_para p;
    int px, bold, indent;
} placed;

/* The laid-out page, kept while only the scroll position changes. */
struct page_layout {
    char key[128]; /* page/lang/WxH it was laid out for */
    content_page page;
    placed *pl;
    int npl;
    int h;    /* height of all blocks */
    arena pa; /* the page's strings */
    int reads;      /* read aloud: a recording of the page, or a voice for its language */
    int recorded;   /* the page has a recording in the language shown */
    int title_part; /* 1: the title, in the bar only, is read first (part 0) */
};

static void forget(ui *u)
{
    struct page_layout *pg = u->page;
    if (!pg)
        return;
    for (int k = 0; k < pg->npl; k++)
        text_para_free(&pg->pl[k].p);
    free(pg->pl);
    arena_free(&pg->pa);
    free(pg);
    u->page = NULL;
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
static const char *item_text(ui *u, arena *pa, const content_block *b)
{
    const char *v = b->value ? b->value : "";
    if (pack_placeholder_find(v, NULL)) /* kept with the page's layout, so it must live as long as that */
        v = arena_strdup(pa, ui_tr(u, "To be filled in locally"));
    if (b->text && *b->text) {
        size_t n = strlen(b->text) + strlen(v) + 4;
        char *s = arena_alloc(pa, n);
        snprintf(s, n, "%s\n%s", b->text, v);
        return s;
    }
    return v;
}

/* Where byte pos of the source lands in the text with its placeholders replaced: shifted by
 * every replacement before it; inside one, at its start (or its end, for the end of a span). */
typedef struct repl {
    size_t at, old, now; /* source offset, source length, replaced length */
} repl;

static uint32_t remap(const repl *r, int nr, size_t pos, int is_end)
{
    long shift = 0;
    for (int k = 0; k < nr; k++) {
        if (pos >= r[k].at + r[k].old)
            shift += (long)r[k].now - (long)r[k].old;
        else if (pos > r[k].at)
            return (uint32_t)((long)r[k].at + shift + (long)(is_end ? r[k].now : 0));
        else
            break;
    }
    return (uint32_t)((long)pos + shift);
}

/* A local detail the operator has not filled in ({{fill in: ...}}) shows as a visible note,
 * not as braces; bold ranges move with the text around it. */
static const char *fill_placeholders(ui *u, arena *pa, const char *s, text_span *spans, int ns)
{
    if (!pack_placeholder_find(s, NULL))
        return s;
    const char *note = ui_tr(u, "To be filled in locally");
    buf b;
    buf_init(&b);
    repl r[64];
    int nr = 0;
    size_t len = strlen(s), old;
    for (size_t i = 0; i < len;) {
        const char *ph = pack_placeholder_find(s + i, &old);
        size_t lit = ph ? (size_t)(ph - (s + i)) : len - i;
        buf_add(&b, s + i, lit); /* the text up to the placeholder, as it is */
        i += lit;
        if (!ph)
            break;
        size_t at = b.len;
        buf_printf(&b, "[%s]", note);
        if (nr < 64)
            r[nr++] = (repl){.at = i, .old = old, .now = b.len - at};
        i += old;
    }
    for (int k = 0; k < ns; k++) {
        uint32_t start = remap(r, nr, spans[k].off, 0);
        uint32_t end = remap(r, nr, (size_t)spans[k].off + spans[k].len, 1);
        spans[k].off = start;
        spans[k].len = end > start ? end - start : 0;
    }
    const char *res = arena_strdup(pa, b.data);
    buf_free(&b);
    return res;
}

static int content_width(const ui *u) { return u->W - 2 * u->pad; }

static void layout_page(ui *u)
{
    char key[128];
    snprintf(key, sizeof key, "%s/%s/%dx%d", u->v.arg, u->v.lang, u->W, u->H);
    if (u->page && !strcmp(key, u->page->key))
        return;
    forget(u);
    struct page_layout *pg = u->page = xcalloc(1, sizeof *pg);
    snprintf(pg->key, sizeof pg->key, "%s", key);
    if (content_page_get(u->c, u->v.arg, u->v.lang, &pg->pa, &pg->page) != 0) {
        memset(&pg->page, 0, sizeof pg->page);
        return;
    }
    pg->pl = xcalloc((size_t)pg->page.nblocks + 2, sizeof *pg->pl);
    /* read aloud in the language shown (the fallback's, when the page is shown in it) */
    pg->recorded = content_has_recording(u->c, pg->page.id, pg->page.lang);
    pg->reads = u->reads = pg->recorded || ui_has_voice(u, pg->page.lang);
    int y = 0, w = content_width(u);
    /* a title too long for the bar (cut there) is the page's first heading, whole */
    content_block *title = NULL;
    if (pg->page.title && ui_text_width(u, pg->page.title, u->heading, 1) > chrome_title_room(u)) {
        title = arena_alloc(&pg->pa, sizeof *title);
        *title = (content_block){.kind = "h", .text = pg->page.title};
    }
    pg->title_part = !title && pg->page.title && *pg->page.title;
    for (int k = title ? -1 : 0; k < pg->page.nblocks; k++) {
        const content_block *b = k < 0 ? title : &pg->page.blocks[k];
        int is_item0 = strcmp(b->kind, "h") && strcmp(b->kind, "li") && strcmp(b->kind, "p");
        /* a local detail the operator has not filled in is not shown to the public (pack
         * check counts them) */
        if (is_item0 && pack_placeholder_find(b->value ? b->value : "", NULL))
            continue;
        placed *p = &pg->pl[pg->npl++];
        p->b = b;
        int is_h = !strcmp(b->kind, "h"), is_li = !strcmp(b->kind, "li");
        int is_item = !is_h && !is_li && strcmp(b->kind, "p");
        p->kind = is_item;
        p->px = is_h ? u->heading : u->body;
        p->bold = is_h;
        p->indent = is_li ? u->indent : is_item ? u->body * 2 + u->gap : 0;
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
        const char *s = is_item ? item_text(u, &pg->pa, b)
                                : fill_placeholders(u, &pg->pa, b->text, spans, ns);
        int tw = w - p->indent - (is_item ? 2 * u->gap : 0);
        text_style st = {.px = p->px, .bold = p->bold, .rtl = u->v.rtl, .bold_spans = spans,
                         .nbold = ns, .line_pct = 125};
        text_layout(u->m, s, strlen(s), &st, tw, &p->p);
        ((content_block *)b)->text = s; /* the text drawn and spoken */
        if (is_h && pg->npl > 1)
            y += u->pad / 2;
        p->y = y;
        p->h = p->p.h + (is_item ? 2 * u->gap : 0);
        y += p->h + u->gap;
    }
    pg->h = y;
}

/* ---- was this helpful? ---------------------------------------------------------------- */

enum { ACT_VOTE = UI_ACT_SCREEN, ACT_REASON };

/* This visit's vote on the page shown: 0 none; 'y' yes; 'n' no, reason not yet asked; 'r' no
 * and the reason given or skipped; 'f' it could not be stored. */
static int vote_of(const ui *u)
{
    for (int k = 0; k < u->v.page.nvoted; k++)
        if (!strcmp(u->v.page.voted[k] + 2, u->v.arg))
            return u->v.page.voted[k][0];
    return 0;
}

static void set_vote(ui *u, int state)
{
    int k = 0;
    while (k < u->v.page.nvoted && strcmp(u->v.page.voted[k] + 2, u->v.arg))
        k++;
    if (k == u->v.page.nvoted)
        u->v.page.nvoted++;
    snprintf(u->v.page.voted[k], sizeof u->v.page.voted[k], "%c:%s", state, u->v.arg);
    u->dirty = 1;
}

static void helpful_bar(ui *u, int y, int h)
{
    display_rect(&u->dl, 0, y, u->W, h, C_CARD, 0);
    display_rect(&u->dl, 0, y, u->W, 1, C_LINE, 0);
    int state = vote_of(u), bh = h - u->gap, by = y + u->gap / 2;
    const char *msg = state == 0 ? ui_tr(u, "Was this helpful?")
                      : state == 'f' ? ui_tr(u, "Could not be saved. Please tell staff.")
                                     : ui_tr(u, "Thank you!");
    int bw = state ? 0 : u->bar * 2 + u->body * 2;
    int tw = u->W - 2 * u->pad - (state ? 0 : 2 * bw + u->gap);
    ui_para_mid(u, msg, ui_mx(u, u->pad, tw), y, tw, h, u->body, 1, TEXT_ALIGN_START, u->v.rtl,
                state == 'f' ? C_NOTE_INK : C_INK);
    widget_add(u, state ? "helpful-thanks" : "helpful", UI_ROLE_TEXT, msg, ui_mx(u, u->pad, tw), y,
               tw, h, UI_ACT_NONE, NULL);
    if (state)
        return;
    int x2 = u->W - u->pad - bw, x1 = x2 - u->gap - bw;
    /* each a pictogram before its word */
    widget_btn b = {.y = by, .w = bw, .h = bh, .fill = C_TINT, .ink = C_PRIMARY, .border = 2,
                    .line = C_PRIMARY, .icon_at = WIDGET_ICON_START, .action = ACT_VOTE};
    b.id = "helpful-yes", b.label = ui_tr(u, "Yes"), b.icon = ICON_THUMB_UP;
    b.x = ui_mx(u, x1, bw), b.arg = "yes";
    widget_button(u, &b);
    b.id = "helpful-no", b.label = ui_tr(u, "No"), b.icon = ICON_THUMB_DOWN;
    b.x = ui_mx(u, x2, bw), b.arg = "no";
    widget_button(u, &b);
}

/* After a "no": one optional reason, with pictograms, or skip. */
static void reason_card(ui *u)
{
    /* the reasons of feedback.h, each with its pictogram */
    static const uint32_t icons[FEEDBACK_NREASONS] = {ICON_HARD, ICON_NOT_FOUND, ICON_OUTDATED,
                                                      ICON_TRANSLATE};
    const feedback_term *reasons = feedback_reasons;
    display_rect(&u->dl, 0, 0, u->W, u->H, C_SCRIM, 0);
    /* two by two, or one under the other on a tall screen; buttons of a button's height,
     * the card as tall as what it holds */
    int cols = u->portrait ? 1 : 2, rows = FEEDBACK_NREASONS / cols, skip_h = u->bar;
    int cw = u->W * 9 / 10, cx = (u->W - cw) / 2, tw = cw - 2 * u->pad;
    const char *ask = ui_tr(u, "What was wrong? (optional)");
    int th = ui_text_height(u, ask, tw, u->heading, 1);
    int room = u->H * 9 / 10 - 2 * u->pad - th - 2 * u->gap - skip_h - (rows - 1) * u->gap;
    int bh = room / rows, most = u->body * 3 > THEME_TOUCH_MIN ? u->body * 3 : THEME_TOUCH_MIN;
    if (bh > most)
        bh = most;
    if (bh < THEME_TOUCH_MIN)
        bh = THEME_TOUCH_MIN;
    int ch = 2 * u->pad + th + 2 * u->gap + rows * bh + (rows - 1) * u->gap + skip_h;
    int cy = (u->H - ch) / 2;
    display_frame(&u->dl, cx, cy, cw, ch, C_CARD, u->gap, 0, 0);
    widget_add(u, "reason-card", UI_ROLE_TEXT, "", cx, cy, cw, ch, UI_ACT_STAY, NULL);
    int y = cy + u->pad;
    th = ui_para(u, ask, ui_mx(u, cx + u->pad, tw), y, tw, u->heading, 1, TEXT_ALIGN_START, C_INK);
    widget_add(u, "reason-ask", UI_ROLE_HEADING, ask, ui_mx(u, cx + u->pad, tw), y, tw, th,
               UI_ACT_NONE, NULL);
    y += th + u->gap;
    int bw = (tw - (cols - 1) * u->gap) / cols;
    for (int k = 0; k < FEEDBACK_NREASONS; k++) {
        int bx = cx + u->pad + (k % cols) * (bw + u->gap), byy = y + (k / cols) * (bh + u->gap);
        char id[32];
        snprintf(id, sizeof id, "reason-%s", reasons[k].id);
        widget_button(u, &(widget_btn){.id = id, .role = UI_ROLE_ANSWER,
                                       .label = ui_tr(u, reasons[k].label), .x = ui_mx(u, bx, bw),
                                       .y = byy, .w = bw, .h = bh, .fill = C_CARD,
                                       .ink = C_PRIMARY, .border = 2, .line = C_PRIMARY,
                                       .icon = icons[k], .icon_at = WIDGET_ICON_START,
                                       .action = ACT_REASON, .arg = reasons[k].id});
    }
    int sw = u->bar * 3, sx = ui_mx(u, cx + cw - u->pad - sw, sw), sy = cy + ch - u->pad - skip_h;
    widget_button(u, &(widget_btn){.id = "skip", .label = ui_tr(u, "Skip"), .x = sx, .y = sy,
                                   .w = sw, .h = skip_h, .fill = C_PRIMARY, .ink = C_ON_PRIMARY,
                                   .border = 2, .line = C_PRIMARY,
                                   .icon = u->v.rtl ? ICON_BACK : ICON_SKIP,
                                   .icon_at = WIDGET_ICON_START, .action = ACT_REASON,
                                   .arg = "skip"});
}

/* One note across the page under the bar: a pictogram, then msg in small type (bold or
 * not), as widget id. Returns the y under it. */
static int note(ui *u, int y, const char *id, uint32_t icon, int bold, uint32_t bg,
                uint32_t icon_ink, uint32_t ink, const char *msg)
{
    int w = u->W - 2 * u->pad - u->body * 2;
    int h = ui_lay(u, msg, w, u->small, bold, TEXT_ALIGN_START, u->v.rtl) + u->gap;
    display_rect(&u->dl, 0, y, u->W, h, bg, 0);
    ui_icon(u, icon, ui_mx(u, u->pad, u->body) + u->body / 2, y + h / 2, u->body, icon_ink);
    ui_draw_laid(u, msg, ui_mx(u, u->pad + u->body * 2, w), y + u->gap / 2, u->small, ink);
    widget_add(u, id, UI_ROLE_TEXT, msg, 0, y, u->W, h, UI_ACT_NONE, NULL);
    return y + h;
}

static void build(ui *u)
{
    layout_page(u);
    struct page_layout *pg = u->page;
    u->reads = pg->reads;
    chrome_top_bar(u, pg->page.title ? pg->page.title : u->v.arg, 1);
    if (pg->title_part)
        ui_speech_title(u);
    int y = u->bar;
    /* notes a person must see before reading: fallback language, stale, machine translation */
    if (pg->page.fallback) {
        const content_lang *l = content_find_lang(u->c, pg->page.lang);
        y = note(u, y, "fallback-note", ICON_INFO, 1, C_NOTE_BG, C_NOTE_INK, C_NOTE_INK,
                 ui_fill_in(u, ui_tr(u, "This page is not available in your language. It is "
                                        "shown in {language}."),
                            "{language}", l ? l->name : pg->page.lang));
    }
    /* made from an older version of the reference page (pack check: stale) */
    if (pg->page.outdated && !pg->page.fallback)
        y = note(u, y, "stale-note", ICON_OUTDATED, 1, C_NOTE_BG, C_NOTE_INK, C_NOTE_INK,
                 ui_tr(u, "This translation may be out of date: the page it was made from has "
                          "changed since."));
    if (pg->page.machine)
        y = note(u, y, "machine-note", ICON_TRANSLATE, 0, C_TINT, C_PRIMARY, C_INK,
                 chrome_machine_words(u, pg->page.lang));
    /* the footer: example content notice and the date the facts were checked */
    /* the pack's own line (the demo says it is example content); an operator's pack may
     * have none */
    char owner[PACK_OWNER_MAX];
    pack_owner(owner, sizeof owner, PACK_OWNER_PACK, NULL);
    const char *notice = content_text(u->c, owner, "notice", u->v.lang, &u->fa, NULL);
    if (!notice)
        notice = "";
    const char *ck = ui_tr(u, "Checked: {date}");
    char foot[512], foot_label[512];
    const char *at = strstr(ck, "{date}");
    if (at)
        /* the date is isolated left-to-right, or 2022-12-01 reads 01-12-2022 in Arabic */
        snprintf(foot, sizeof foot, "%s%s%.*s\u2066%s\u2069%s", notice, *notice ? "  " : "",
                 (int)(at - ck), ck,
                 pg->page.checked ? pg->page.checked : "", at + 6);
    else
        snprintf(foot, sizeof foot, "%s", notice);
    if (at)
        snprintf(foot_label, sizeof foot_label, "%s%s%.*s%s%s", notice, *notice ? "  " : "",
                 (int)(at - ck), ck,
                 pg->page.checked ? pg->page.checked : "", at + 6);
    else
        snprintf(foot_label, sizeof foot_label, "%s", notice);
    /* "Where this comes from" at the footer's end opens the page's sources */
    const char *whence = pg->page.id && pg->page.sources && *pg->page.sources
                             ? ui_tr(u, "Where this comes from")
                             : NULL;
    /* room for the words on one line beside the pictogram (widget_button: three gaps and a
     * pictogram of at most 3/5 of the height), at most half the width, else on two */
    int wicon = u->small * 3 / 2;
    int ww = whence ? ui_text_width(u, whence, u->small, 1) + wicon + 4 * u->gap : 0;
    if (ww > (u->W - 2 * u->pad) / 2)
        ww = (u->W - 2 * u->pad) / 2;
    int fw = u->W - 2 * u->pad - (ww ? ww + u->gap : 0);
    int fh = ui_text_height(u, foot, fw, u->small, 0) + u->gap;
    int wh = whence ? ui_text_height(u, whence, ww - wicon - 3 * u->gap, u->small, 1) + u->gap : 0;
    if (fh < wh)
        fh = wh;
    int fy = u->bot - fh;
    /* "was this helpful?" sits above the footer, always in view (not on a page that is
     * not there, nor where feedback cannot be kept) */
    int hh = u->submit && pg->page.id ? u->bar + u->gap : 0;
    int hy = fy - hh;

    int top = y + u->gap, view = hy - top - u->gap;
    u->max_scroll = pg->h > view ? pg->h - view : 0;
    /* the part being read aloud comes into view when reading reaches it */
    int reading = ui_reading(u) - pg->title_part;
    if (u->v.speech.follow && reading >= 0 && reading < pg->npl) {
        const placed *r = &pg->pl[reading];
        if (r->y < u->v.scroll || r->y + r->h > u->v.scroll + view)
            u->v.scroll = r->y;
    }
    u->v.speech.follow = 0;
    if (u->v.scroll > u->max_scroll)
        u->v.scroll = u->max_scroll;
    if (u->v.scroll < 0)
        u->v.scroll = 0;
    display_clip(&u->dl, 0, top, u->W, view);
    int w = content_width(u);
    for (int k = 0; k < pg->npl; k++) {
        placed *p = &pg->pl[k];
        int py = top + p->y - u->v.scroll;
        /* a block whose first line would barely show at the bottom is left for scrolling:
         * a sliver of letters reads as dirt on the screen */
        int first_line = p->p.nruns ? p->p.runs[0].baseline : p->h;
        if (py + p->h < top || py + first_line / 2 > top + view)
            continue;
        const content_block *b = p->b;
        int bx = ui_mx(u, u->pad, w);
        int part = k + pg->title_part;
        if (p->kind == 1) {
            display_frame(&u->dl, bx, py, w, p->h, C_CARD, u->gap, 2, C_LINE);
            ui_speech_mark(u, part, b->text, bx + 2, py + 2, w - 4, p->h - 4);
            ui_icon(u, item_icon(b->kind), ui_mx(u, u->pad + u->gap, u->body * 2) + u->body,
                    py + p->h / 2, u->card_icon, C_PRIMARY);
            char id[40], arg[512];
            snprintf(id, sizeof id, "item-%d", k);
            snprintf(arg, sizeof arg, "%s:%s", b->kind, b->value ? b->value : "");
            widget_in(u, id, UI_ROLE_BUTTON, b->text, bx, py, w, p->h, top, top + view, UI_ACT_ITEM,
                      arg, NULL);
        } else if (!strcmp(b->kind, "li")) {
            int asc, desc;
            u->m->metrics(u->m->ctx, TEXT_FACE_SANS, p->px, &asc, &desc);
            int first = p->p.nruns ? p->p.runs[0].baseline : asc;
            ui_icon(u, ICON_DOT, ui_mx(u, u->pad, p->indent) + p->indent / 2, py + first - asc / 3,
                    u->body / 2, C_PRIMARY);
        }
        int tx = u->pad + p->indent + (p->kind ? u->gap : 0);
        int tw = w - p->indent - (p->kind ? 2 * u->gap : 0);
        int ox = ui_mx(u, tx, tw), oy = py + (p->kind ? u->gap : 0);
        if (p->kind == 0)
            ui_speech_mark(u, part, b->text, ui_mx(u, u->pad - u->gap / 2, w + u->gap),
                           py - u->gap / 4, w + u->gap, p->h + u->gap / 2);
        ui_draw_para(u, &p->p, b->text, ox, oy, p->px, C_INK);
        if (p->kind == 0) {
            char id[40];
            snprintf(id, sizeof id, "block-%d", k);
            widget_in(u, id, !strcmp(b->kind, "h") ? UI_ROLE_HEADING : UI_ROLE_TEXT, b->text, ox,
                      oy, tw, p->p.h, top, top + view, UI_ACT_NONE, NULL, NULL);
        }
    }
    display_unclip(&u->dl);
    chrome_scrollbar(u, top, view, pg->h);
    if (hh)
        helpful_bar(u, hy, hh);
    display_rect(&u->dl, 0, fy, u->W, fh, C_TINT, 0);
    ui_para(u, foot, ui_mx(u, u->pad, fw), fy + u->gap / 2, fw, u->small, 0, TEXT_ALIGN_START,
            C_MUTED);
    int fwid = u->W - (ww ? ww + u->pad : 0);
    widget_add(u, "footer", UI_ROLE_TEXT, foot_label, ui_mx(u, 0, fwid), fy, fwid, fh,
               UI_ACT_NONE, NULL);
    if (whence)
        widget_button(u, &(widget_btn){.id = "sources", .role = UI_ROLE_LINK, .label = whence,
                                       .x = ui_mx(u, u->W - u->pad - ww, ww), .y = fy, .w = ww,
                                       .h = fh, .fill = C_TINT, .ink = C_PRIMARY,
                                       .icon = ICON_INFO, .icon_at = WIDGET_ICON_START,
                                       .px = u->small, .to = &screen_sources,
                                       .arg = pg->page.id});
    if (u->v.item[0])
        card_item(u);
    else if (vote_of(u) == 'n')
        reason_card(u);
}

static void act(ui *u, const ui_widget *w)
{
    if (!w->arg || ui_feedback_bounce(u))
        return;
    if (w->action == ACT_VOTE && !vote_of(u)) {
        if (u->v.page.nvoted == (int)(sizeof u->v.page.voted / sizeof u->v.page.voted[0]))
            return; /* a cap on votes in one visit */
        store_answer a = {.question = u->v.arg, .value = w->arg, .kind = FEEDBACK_KIND_YESNO};
        int ok = ui_submit(u, FEEDBACK_HELPFUL, &a, 1) == 0;
        set_vote(u, !ok ? 'f' : !strcmp(w->arg, FEEDBACK_NO) ? 'n' : 'y');
    } else if (w->action == ACT_REASON && vote_of(u) == 'n') {
        int ok = 1;
        if (strcmp(w->arg, "skip")) {
            store_answer a = {.question = u->v.arg, .value = w->arg, .kind = FEEDBACK_KIND_SINGLE};
            ok = ui_submit(u, FEEDBACK_REASON, &a, 1) == 0;
        }
        set_vote(u, ok ? 'r' : 'f');
    }
}

/* Read aloud: the title, then every block as shown, in reading order; a contact's label,
 * then its number digit by digit, its address or hours (a link's address is not read). The
 * page's recording in the language shown comes first: the parts stay with it, for a
 * recording the platform cannot play. */
static speech_job *speak(ui *u)
{
    layout_page(u);
    struct page_layout *pg = u->page;
    if (!pg->reads || !pg->page.id)
        return NULL;
    speech_job *j = ui_speech_job(u, pg->page.lang);
    if (pg->recorded) {
        size_t n;
        unsigned char *rec = content_recording(u->c, pg->page.id, pg->page.lang, &n);
        if (rec)
            speech_job_record(j, rec, n);
        free(rec);
    }
    if (!ui_has_voice(u, pg->page.lang))
        return j;
    if (pg->title_part)
        speech_job_part(j, pg->page.title, SPEECH_TEXT);
    for (int k = 0; k < pg->npl; k++) {
        const placed *p = &pg->pl[k];
        const content_block *b = p->b;
        if (p->kind == 0) {
            speech_job_part(j, b->text, SPEECH_TEXT);
            continue;
        }
        /* an item's text is its label, a line break, and its value as shown */
        const char *nl = strrchr(b->text, '\n');
        char *label = xstrdup(b->text);
        if (nl)
            label[nl - b->text] = 0;
        const char *value = nl ? nl + 1 : b->text;
        int link = !strcmp(b->kind, "link"), phone = !strcmp(b->kind, "phone");
        speech_job_part(j, nl ? label : value, nl || !phone ? SPEECH_TEXT : SPEECH_PHONE);
        if (nl && !link)
            speech_job_more(j, value, phone ? SPEECH_PHONE : SPEECH_TEXT);
        free(label);
    }
    return j;
}

const ui_screen screen_page = {.name = "page", .build = build, .act = act,
                               .forget = forget, .speak = speak};
