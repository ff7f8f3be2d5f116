/* widget_card: cards: the rows of a list of links, the tiles of home, and the cards opened
 * over a screen (a contact item large with its QR code, "start again?"). */
#include "core/utf8.h"
#include "ui/screen.h"

#include <qrencode.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A vertical list of page links (category, journey stage, search results) between top and
 * bottom, scrolled by `scroll`; a title that wraps makes its row taller. */
void card_link_list(ui *u, content_item *items, int n, int top, int bottom, int scroll)
{
    card_link_list_to(u, items, n, top, bottom, scroll, &screen_page, "page-");
}

void card_link_list_to(ui *u, content_item *items, int n, int top, int bottom, int scroll,
                       const ui_screen *to, const char *prefix)
{
    int x = u->pad, w = u->W - 2 * u->pad, isz = u->row_icon, in = u->pad * 2 / 3;
    int tw = w - 2 * in - isz, y = top - scroll;
    display_clip(&u->dl, 0, top, u->W, bottom - top);
    for (int i = 0; i < n; i++) {
        int th = ui_lay(u, items[i].title, tw, u->body, 0, TEXT_ALIGN_START, u->v.rtl);
        int h = th + 2 * u->gap > u->body * 2 + u->gap ? th + 2 * u->gap : u->body * 2 + u->gap;
        if (h < 56) /* well over the 48 px a finger needs */
            h = 56;
        if (y + h > top && y < bottom) {
            display_frame(&u->dl, x, y, w, h, C_CARD, u->body / 3, 2, C_LINE);
            ui_icon(u, u->v.rtl ? ICON_NEXT_RTL : ICON_NEXT_LTR,
                    ui_mx(u, x + w - isz, isz) + isz / 2, y + h / 2, isz, C_PRIMARY);
            ui_draw_laid(u, items[i].title, ui_mx(u, x + in, tw), y + (h - th) / 2, u->body, C_INK);
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
        chrome_scrollbar(u, top, view, total);
}

/* A QR code of text drawn as dark modules on a light square of side px; nothing stored. */
static int qr_code(ui *u, const char *text, int x, int y, int px)
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

/* A link with a break it may take after each / . and - (U+200B, which takes no room): a
 * URL wraps there, never inside a name ("pmlp.g" / "ov.lv"). In the frame's arena. */
static const char *link_breaks(ui *u, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(&u->fa, n * 4 + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        *o++ = s[i];
        if ((s[i] == '/' || s[i] == '.' || s[i] == '-') && i + 1 < n && s[i + 1] != '/')
            o += utf8_encode(0x200B, o);
    }
    *o = 0;
    return out;
}

/* The widest piece of s that must stay on one line at px: a phone number whole, a link
 * between its marked breaks, other text between spaces and hyphens. */
static int widest_piece(ui *u, const char *kind, const char *s, int px, int rtl)
{
    if (!strcmp(kind, "phone"))
        return ui_text_width(u, s, px, 1);
    int widest = 0;
    size_t n = strlen(s), a = 0;
    char piece[512];
    for (size_t i = 0; i <= n; i++) {
        int end = i == n || s[i] == ' ' || s[i] == '-' ||
                  (!strncmp(s + i, "\u200B", 3) && !strcmp(kind, "link"));
        if (!end)
            continue;
        size_t len = i - a + (i < n && s[i] == '-');
        if (len && len < sizeof piece) {
            snprintf(piece, sizeof piece, "%.*s", (int)len, s + a);
            ui_lay(u, piece, 0, px, 1, TEXT_ALIGN_START, rtl);
            widest = u->tp.w > widest ? u->tp.w : widest;
        }
        a = i + (i < n && s[i] != '-' ? (s[i] == ' ' ? 1 : 3) : 1);
    }
    return widest;
}

/* The size the card's main text is drawn at: as large as the card allows (twice the big
 * type), smaller until no piece that must stay whole is wider than the column and the text
 * is no taller than room. */
static int item_px(ui *u, const char *kind, const char *s, int tw, int room, int rtl)
{
    int px = u->big * 2;
    while (px > u->small) {
        int fits = widest_piece(u, kind, s, px, rtl) <= tw &&
                   ui_lay(u, s, tw, px, 1, TEXT_ALIGN_START, rtl) <= room;
        if (fits)
            break;
        px -= px > u->body * 2 ? 2 : 1;
    }
    return px;
}

/* A tapped phone number, address, link or opening hours, large, with a QR code a person can
 * scan to take it away: the kiosk learns nothing about who scans. */
void card_item(ui *u)
{
    const char *colon = strchr(u->v.item, ':');
    if (!colon)
        return;
    char kind[16];
    snprintf(kind, sizeof kind, "%.*s", (int)(colon - u->v.item), u->v.item);
    const char *value = colon + 1;
    int placeholder = pack_placeholder_find(value, NULL) != NULL;
    display_rect(&u->dl, 0, 0, u->W, u->H, C_SCRIM, 0);
    widget_add(u, "overlay", UI_ROLE_BUTTON, ui_tr(u, "Back"), 0, 0, u->W, u->H, UI_ACT_CLOSE,
               NULL);
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
    int qside = u->portrait ? (cw * 3 / 5 < u->H / 3 ? cw * 3 / 5 : u->H / 3)
                            : ch - 2 * u->pad - u->bar - u->gap;
    if (!u->portrait && qside > cw * 2 / 5) /* the number comes first; the code takes it away */
        qside = cw * 2 / 5;
    int tw = cw - 2 * u->pad - (want_qr && !u->portrait ? qside + u->pad : 0);
    /* a link breaks only after / . - (a break it may take is marked), and reads left to
     * right, on the card's side */
    int link = !strcmp(kind, "link"), dir = link ? 0 : u->v.rtl;
    int align = link && u->v.rtl ? TEXT_ALIGN_END : TEXT_ALIGN_START;
    if (link)
        main_text = link_breaks(u, main_text);
    /* as large as it fits: beside the QR code and above the buttons in landscape */
    int lh = label[0] ? ui_text_height(u, label, tw, u->body, 0) + u->gap : 0;
    int room = u->portrait ? u->H - 5 * u->pad - lh - u->bar -
                                 (want_qr ? qside + u->body * 2 + u->gap : 0)
                           : ch - 2 * u->pad - u->bar - u->gap - lh;
    int px = item_px(u, kind, main_text, tw, room, dir);
    if (u->portrait) {
        int mh = ui_lay(u, main_text, tw, px, 1, align, dir);
        ch = u->pad + lh + mh + u->pad + (want_qr ? qside + u->body * 2 + u->gap : 0) + u->bar +
             u->pad;
        cy = (u->H - ch) / 2;
    }
    display_frame(&u->dl, cx, cy, cw, ch, C_CARD, u->gap, 0, 0);
    /* the card takes touches that miss its buttons: only outside it closes */
    widget_add(u, "item-card", UI_ROLE_TEXT, u->v.item_label, cx, cy, cw, ch, UI_ACT_STAY, NULL);
    int tx = cx + u->pad, y = cy + u->pad;
    if (label[0])
        y += ui_para(u, label, ui_mx(u, tx, tw), y, tw, u->body, 0, TEXT_ALIGN_START, C_MUTED) +
             u->gap;
    y += ui_para_dir(u, main_text, ui_mx(u, tx, tw), y, tw, px, 1, align, dir, C_INK) + u->pad;
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
        int side = qr_code(u, payload, qx, qy, qside);
        widget_add(u, "qr", UI_ROLE_IMAGE, ui_tr(u, "Scan with your phone"), qx, qy, side, side,
                   UI_ACT_NONE, NULL);
        ui_para(u, ui_tr(u, "Scan with your phone"), qx, qy + side + u->gap / 2, side, u->body, 0,
                TEXT_ALIGN_CENTER, C_MUTED);
    }
    int bw = u->bar * 3, bh = u->bar;
    int bx = ui_mx(u, cx + u->pad, bw), by = cy + ch - u->pad - bh;
    widget_button(u, &(widget_btn){.id = "close", .label = ui_tr(u, "Close"), .x = bx, .y = by,
                                   .w = bw, .h = bh, .fill = C_PRIMARY, .ink = C_ON_PRIMARY,
                                   .radius = bh / 6, .action = UI_ACT_CLOSE});
    /* read aloud beside it (the code and its words take the other end): the label, then
     * the number digit by digit */
    if (ui_has_voice(u, u->v.lang)) {
        int on = u->v.speech.id && u->v.speech.card;
        const char *word = on ? ui_tr(u, "Stop") : ui_tr(u, "Read aloud");
        int sw = ui_text_width(u, word, u->body, 1) + bh + 3 * u->gap;
        if (sw < bw)
            sw = bw;
        widget_button(u, &(widget_btn){.id = "read-aloud", .label = on ? ui_tr(u, "Stop reading aloud") : word,
                                       .x = ui_mx(u, cx + u->pad + bw + u->gap, sw),
                                       .y = by, .w = sw, .h = bh, .fill = on ? C_NOTE_BG : C_CARD,
                                       .ink = C_PRIMARY, .border = 2, .line = C_PRIMARY,
                                       .radius = bh / 6, .icon = on ? ICON_STOP : ICON_READ,
                                       .icon_at = WIDGET_ICON_START, .action = UI_ACT_SPEAK});
    }
}

void card_confirm(ui *u)
{
    display_rect(&u->dl, 0, 0, u->W, u->H, C_SCRIM, 0);
    widget_add(u, "confirm-outside", UI_ROLE_BUTTON, ui_tr(u, "Back"), 0, 0, u->W, u->H,
               UI_ACT_CLOSE, NULL);
    /* the question, what a yes does, and the two answers: the card as tall as they are */
    int cw = u->W * 3 / 5 > u->bar * 8 ? u->W * 3 / 5 : u->W - 2 * u->pad, tw = cw - 2 * u->pad;
    const char *ask = ui_tr(u, "Start again?");
    const char *what = ui_tr(u, "Everything you typed or chose here will be deleted.");
    int ah = ui_text_height(u, ask, tw, u->big, 1), wh = ui_text_height(u, what, tw, u->body, 0);
    int bh = u->bar, ch = 2 * u->pad + ah + u->gap + wh + u->pad + bh;
    int cx = (u->W - cw) / 2, cy = (u->H - ch) / 2;
    display_frame(&u->dl, cx, cy, cw, ch, C_CARD, u->gap, 0, 0);
    widget_add(u, "confirm-card", UI_ROLE_TEXT, "", cx, cy, cw, ch, UI_ACT_STAY, NULL);
    int y = cy + u->pad;
    ui_para(u, ask, cx + u->pad, y, tw, u->big, 1, TEXT_ALIGN_CENTER, C_INK);
    widget_add(u, "confirm-ask", UI_ROLE_HEADING, ask, cx + u->pad, y, tw, ah, UI_ACT_NONE, NULL);
    y += ah + u->gap;
    ui_para(u, what, cx + u->pad, y, tw, u->body, 0, TEXT_ALIGN_CENTER, C_MUTED);
    widget_add(u, "confirm-what", UI_ROLE_TEXT, what, cx + u->pad, y, tw, wh, UI_ACT_NONE, NULL);
    /* no (go on) at the start, where the eye begins; yes at the end */
    int bw = (cw - 3 * u->pad) / 2, by = cy + ch - u->pad - bh;
    int nx = ui_mx(u, cx + u->pad, bw) + (u->v.rtl ? 2 * cx + cw - u->W : 0);
    int yx = ui_mx(u, cx + 2 * u->pad + bw, bw) + (u->v.rtl ? 2 * cx + cw - u->W : 0);
    widget_button(u, &(widget_btn){.id = "restart-no", .label = ui_tr(u, "No"), .x = nx, .y = by,
                                   .w = bw, .h = bh, .fill = C_PRIMARY, .ink = C_ON_PRIMARY,
                                   .action = UI_ACT_CLOSE});
    widget_button(u, &(widget_btn){.id = "restart-yes", .label = ui_tr(u, "Yes"), .x = yx,
                                   .y = by, .w = bw, .h = bh, .fill = C_CARD, .ink = C_PRIMARY,
                                   .border = 2, .line = C_PRIMARY,
                                   .action = UI_ACT_RESTART_NOW});
}

void card_still(ui *u)
{
    /* over everything, the confirm card too: a touch beside the card does nothing (a hand
     * passing by is not an answer), the large yes is the answer */
    display_rect(&u->dl, 0, 0, u->W, u->H, C_SCRIM, 0);
    widget_add(u, "still-outside", UI_ROLE_TEXT, "", 0, 0, u->W, u->H, UI_ACT_STAY, NULL);
    int cw = u->W * 3 / 5 > u->bar * 8 ? u->W * 3 / 5 : u->W - 2 * u->pad, tw = cw - 2 * u->pad;
    int left = ui_still_seconds(u);
    const char *ask = ui_tr(u, "Still there?");
    const char *what = ui_trn(u, "The screen starts again in {n} second.",
                              "The screen starts again in {n} seconds.", left);
    int ah = ui_text_height(u, ask, tw, u->big, 1), wh = ui_text_height(u, what, tw, u->body, 0);
    int bh = u->bar * 3 / 2, ch = 2 * u->pad + ah + u->gap + wh + u->pad + bh;
    if (ch > u->H) /* the largest text on the smallest screen: the button gives way first */
        bh = u->bar, ch = 2 * u->pad + ah + u->gap + wh + u->pad + bh;
    int cx = (u->W - cw) / 2, cy = ch < u->H ? (u->H - ch) / 2 : 0;
    display_frame(&u->dl, cx, cy, cw, ch, C_CARD, u->gap, 0, 0);
    widget_add(u, "still-card", UI_ROLE_TEXT, "", cx, cy, cw, ch, UI_ACT_STAY, NULL);
    int y = cy + u->pad;
    ui_para(u, ask, cx + u->pad, y, tw, u->big, 1, TEXT_ALIGN_CENTER, C_INK);
    widget_add(u, "still-ask", UI_ROLE_HEADING, ask, cx + u->pad, y, tw, ah, UI_ACT_NONE, NULL);
    y += ah + u->gap;
    ui_para(u, what, cx + u->pad, y, tw, u->body, 0, TEXT_ALIGN_CENTER, C_INK);
    widget_add(u, "still-countdown", UI_ROLE_TEXT, what, cx + u->pad, y, tw, wh, UI_ACT_NONE,
               NULL);
    widget_button(u, &(widget_btn){.id = "yes", .label = ui_tr(u, "Yes"), .x = cx + u->pad,
                                   .y = cy + ch - u->pad - bh, .w = tw, .h = bh,
                                   .fill = C_PRIMARY, .ink = C_ON_PRIMARY,
                                   .px = u->big, .action = UI_ACT_STILL});
}
