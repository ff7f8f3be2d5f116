/* A USB stick: what the kiosk did with it, for the staff member holding it. Feedback written
 * to the stick (or why not), then each pack file on it, one line each: taken (its version)
 * or why not (naming the file they gave), and, last and large, that the stick can be
 * removed now. */
#include "core/utf8.h"
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

enum { ACT_HOME = UI_ACT_SCREEN };

static int line(ui *u, const char *id, uint32_t ic, uint32_t ink, const char *text, int y)
{
    int iw = u->big, w = u->W - 2 * u->pad - iw - u->gap;
    int h = ui_para(u, text, ui_mx(u, u->pad + iw + u->gap, w), y, w, u->body, 0, TEXT_ALIGN_START,
                 C_INK);
    ui_icon(u, ic, ui_mx(u, u->pad, iw) + iw / 2, y + u->body * 2 / 3, u->big * 4 / 5, ink);
    widget_add(u, id, UI_ROLE_TEXT, text, ui_mx(u, u->pad + iw + u->gap, w), y, w, h, UI_ACT_NONE,
           NULL);
    return h + u->gap;
}

/* A file name from a stick as text: whatever it holds (control characters, bidi overrides,
 * broken UTF-8) cannot reorder or hide the rest of the line. Each such character shows as
 * U+FFFD, and the name is a first-strong isolate of its own. */
static void shown_name(const char *name, char *out, size_t cap)
{
    size_t len = strlen(name), i = 0, n = 0;
    n += (size_t)utf8_encode(0x2068, out); /* FSI */
    while (i < len && n + 8 < cap) {
        uint32_t cp = utf8_decode(name, len, &i);
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C || cp == 0x200E ||
            cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
            cp = 0xFFFD;
        n += (size_t)utf8_encode(cp, out + n);
    }
    n += (size_t)utf8_encode(0x2069, out + n); /* PDI */
    out[n] = 0;
}

static void build(ui *u)
{
    chrome_top_bar(u, ui_tr(u, "USB stick"), 0);
    int y = u->bar + u->pad;
    const ui_media_report *r = &u->media;
    if (u->media_busy) {
        line(u, "media-busy", ICON_ROUTE, C_PRIMARY, ui_tr(u, "Working. Do not remove the stick."),
             y);
        return;
    }
    const char *export;
    char n[32];
    snprintf(n, sizeof n, "%ld", r->submissions);
    if (r->export_failed)
        export = ui_fill_in(u, ui_tr(u, "Feedback could not be written to the stick: {reason}"),
                            "{reason}", r->why_export);
    else if (r->submissions > 0) /* how many people sent answers: what is in them is sealed */
        export = ui_fill_in(u, ui_tr(u, "Feedback written to the stick: {n} responses."), "{n}",
                            n);
    else
        export = ui_tr(u, "No new feedback to write.");
    y += line(u, "media-export", r->export_failed ? ICON_INFO : ICON_DONE,
              r->export_failed ? C_NOTE_INK : C_PRIMARY, export, y);
    if (r->linked[0]) {
        /* a stick that tried to send the kiosk elsewhere: named, for staff */
        char why[sizeof r->linked * 3 + 160];
        size_t used = (size_t)utf8_encode(0x2066, why); /* LRI */
        shown_name(r->linked, why + used, sizeof why - used);
        used = strlen(why);
        snprintf(why + used, sizeof why - used,
                 ": a link in the stick's sveiki folder. Nothing was written or read through "
                 "it.\u2069");
        y += line(u, "media-link", ICON_INFO, C_NOTE_INK, why, y);
    }
    if (r->export_note[0])
        y += line(u, "media-export-note", ICON_INFO, C_NOTE_INK, r->export_note, y);
    /* every pack file, one line each: what was taken and why each other was not */
    for (int i = 0; i < r->npacks; i++) {
        const ui_media_pack *m = &r->packs[i];
        char id[32], why[sizeof m->name * 3 + sizeof m->why + 32];
        snprintf(id, sizeof id, "media-pack-%d", i + 1);
        const char *text;
        if (m->taken) {
            text = ui_fill_in(u, ui_tr(u, "New content taken: version {version}."), "{version}",
                              m->why);
        } else {
            /* the reason is the kiosk's English for staff: name and reason are one
             * left-to-right isolate, so an Arabic or Persian line keeps them in order */
            size_t used = (size_t)utf8_encode(0x2066, why); /* LRI */
            shown_name(m->name, why + used, sizeof why - used);
            used = strlen(why);
            snprintf(why + used, sizeof why - used, ": %s\u2069", m->why);
            text = ui_fill_in(u, ui_tr(u, "Content not taken: {reason}"), "{reason}", why);
        }
        y += line(u, id, m->taken ? ICON_DONE : ICON_INFO, m->taken ? C_PRIMARY : C_NOTE_INK,
                  text, y);
    }
    if (r->packs_skipped) {
        char why[96];
        snprintf(why, sizeof why, "%d more pack files were not looked at (at most %d a stick)",
                 r->packs_skipped, UI_MEDIA_PACKS);
        y += line(u, "media-pack-more", ICON_INFO, C_NOTE_INK,
                  ui_fill_in(u, ui_tr(u, "Content not taken: {reason}"), "{reason}", why), y);
    }
    y += u->pad;
    const char *done = ui_tr(u, "You can remove the stick now.");
    int w = u->W - 2 * u->pad;
    int h = ui_para(u, done, ui_mx(u, u->pad, w), y, w, u->big, 1, TEXT_ALIGN_START, C_PRIMARY);
    widget_add(u, "media-done", UI_ROLE_HEADING, done, ui_mx(u, u->pad, w), y, w, h, UI_ACT_NONE, NULL);
    const char *home = ui_tr(u, "Home");
    int bw = u->bar * 4, bh = u->bar, bx = ui_mx(u, u->W - u->pad - bw, bw), by = u->bot - u->pad - bh;
    widget_button(u, &(widget_btn){.id = "home", .label = home, .x = bx, .y = by, .w = bw,
                                   .h = bh, .fill = C_PRIMARY, .ink = C_ON_PRIMARY,
                                   .action = ACT_HOME});
}

static void act(ui *u, const ui_widget *w)
{
    if (w->action == ACT_HOME)
        ui_go(u, u->v.lang[0] ? &screen_home : &screen_attract, NULL, 0);
}

const ui_screen screen_media = {.name = "media", .build = build, .act = act};
