/* A USB stick: what the kiosk did with it, for the staff member holding it. Feedback written
 * to the stick (or why not), then each pack file on it, one line each: taken (its version)
 * or why not (naming the file they gave), and, last and large, that the stick can be
 * removed now. */
#include "core/utf8.h"
#include "pack/trust.h"
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

enum { ACT_HOME = UI_ACT_SCREEN };

/* The view the lines scroll in: under the bar, above the home button. */
static int view_top(const ui *u) { return u->bar; }
static int view_bottom(const ui *u) { return u->bot - u->pad - u->bar - u->gap; }

static int line(ui *u, const char *id, uint32_t ic, uint32_t ink, const char *text, int y)
{
    int iw = u->big, w = u->W - 2 * u->pad - iw - u->gap;
    int h = ui_para(u, text, ui_mx(u, u->pad + iw + u->gap, w), y, w, u->body, 0, TEXT_ALIGN_START,
                 C_INK);
    ui_icon(u, ic, ui_mx(u, u->pad, iw) + iw / 2, y + u->body * 2 / 3, u->big * 4 / 5, ink);
    widget_in(u, id, UI_ROLE_TEXT, text, ui_mx(u, u->pad + iw + u->gap, w), y, w, h,
              view_top(u), view_bottom(u), UI_ACT_NONE, NULL, NULL);
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

/* Why a pack file was not taken, in the words of the person holding the stick: staff who
 * read neither English nor command lines. */
static const char *refusal(ui *u, const ui_media_pack *m)
{
    switch (m->reason) {
    case TRUST_NOT_SIGNED:
        return ui_tr(u, "It is not signed, so this kiosk does not trust it. Ask the person who "
                        "prepares the content for a signed copy.");
    case TRUST_WRONG_KEY:
        return ui_tr(u, "Its signature does not match the one this kiosk trusts: it was changed "
                        "after it was signed, or someone else signed it.");
    case TRUST_SHOWN_ALREADY: return ui_tr(u, "This kiosk shows this content already.");
    case TRUST_NOT_NEWER:
        return ui_fill_in(u, ui_fill_in(u, ui_tr(u, "It is version {version}, and this kiosk "
                                                    "shows version {shown}: only newer "
                                                    "content is taken."),
                                        "{version}", ui_digits(u, m->version)),
                          "{shown}", ui_digits(u, m->shown));
    case TRUST_DAMAGED: return ui_tr(u, "The file is damaged, or it is not content for this kiosk.");
    case TRUST_NO_KEY:
        return ui_tr(u, "This kiosk takes content from a stick only when it is signed, and no "
                        "key to check signatures is set up on it.");
    case TRUST_LINKED:
        return ui_tr(u, "It is a link to another place, and this kiosk does not follow links.");
    default: return ui_tr(u, "It could not be copied to this kiosk.");
    }
}

static void build(ui *u)
{
    chrome_top_bar(u, ui_tr(u, "USB stick"), 0);
    /* the lines scroll where they are taller than the screen (many files on a stick, a
     * small screen, long words) */
    int top = view_top(u), bottom = view_bottom(u), y = top + u->pad - u->v.scroll;
    display_clip(&u->dl, 0, top, u->W, bottom - top);
    const ui_media_report *r = &u->media;
    if (u->media_busy) {
        line(u, "media-busy", ICON_ROUTE, C_PRIMARY, ui_tr(u, "Working. Do not remove the stick."),
             y);
        display_unclip(&u->dl);
        return;
    }
    const char *export;
    if (r->export_failed)
        export = ui_fill_in(
            u, ui_tr(u, "Feedback could not be written to the stick: {reason}"), "{reason}",
            ui_tr(u, r->export_why == UI_EXPORT_NO_STORE ? "this kiosk cannot keep feedback now."
                     : r->export_why == UI_EXPORT_LINKED
                         ? "its sveiki folder holds a link, and nothing was written."
                         : "it may be full, write-protected, or taken out too soon."));
    else if (r->submissions > 0) /* how many responses: what is in them is sealed */
        export = ui_trn(u, "Feedback written to the stick. Responses: {n}.",
                        "Feedback written to the stick. Responses: {n}.", r->submissions);
    else
        export = ui_tr(u, "No new feedback to write.");
    y += line(u, "media-export", r->export_failed ? ICON_INFO : ICON_DONE,
              r->export_failed ? C_NOTE_INK : C_PRIMARY, export, y);
    if (r->linked[0]) {
        /* a stick that tried to send the kiosk elsewhere: named, for staff */
        char name[sizeof r->linked * 3 + 16];
        shown_name(r->linked, name, sizeof name);
        y += line(u, "media-link", ICON_INFO, C_NOTE_INK,
                  ui_fill_in(u, ui_tr(u, "{file} on the stick is a link to another place: "
                                         "nothing was written or read through it."),
                             "{file}", name),
                  y);
    }
    /* the office's receipt: what it holds is gone from this kiosk */
    if (r->receipt_deleted > 0)
        y += line(u, "media-receipt", ICON_DONE, C_PRIMARY,
                  ui_trn(u, "The office has them: {n} response deleted from this kiosk.",
                         "The office has them: {n} responses deleted from this kiosk.",
                         r->receipt_deleted), y);
    if (r->receipt_refused)
        y += line(u, "media-receipt-refused", ICON_INFO, C_NOTE_INK,
                  ui_tr(u, "The office's receipt on the stick is not valid: nothing was "
                           "deleted. Tell the office."), y);
    /* what staff must act on, each on a line of its own */
    if (r->no_office_key)
        y += line(u, "media-no-office-key", ICON_INFO, C_NOTE_INK,
                  ui_tr(u, "This kiosk collects no feedback: it has no office key. Copy the "
                           "office's operator.pub into its data folder."), y);
    if (r->key_changed)
        y += line(u, "media-key-changed", ICON_INFO, C_NOTE_INK,
                  ui_tr(u, "This kiosk's key was missing, so a new one was made. Tell the office "
                           "to accept it."), y);
    if (r->new_device)
        y += line(u, "media-new-device", ICON_INFO, C_NOTE_INK,
                  ui_tr(u, "This kiosk's data was copied from another kiosk, so it now has a "
                           "device number of its own."), y);
    if (r->unmarked)
        y += line(u, "media-unmarked", ICON_INFO, C_NOTE_INK,
                  ui_tr(u, "This kiosk cannot write to its data folder: these answers will be "
                           "written again with the next stick."), y);
    /* every pack file, one line each: what was taken and why each other was not */
    for (int i = 0; i < r->npacks; i++) {
        const ui_media_pack *m = &r->packs[i];
        char id[32], name[sizeof m->name * 3 + 16];
        snprintf(id, sizeof id, "media-pack-%d", i + 1);
        shown_name(m->name, name, sizeof name);
        const char *text;
        if (m->taken)
            text = ui_fill_in(u, ui_tr(u, "New content taken: version {version}."), "{version}",
                              ui_digits(u, m->why));
        else
            text = ui_fill_in(u, ui_fill_in(u, ui_tr(u, "Content not taken from {file}: {reason}"),
                                            "{file}", name),
                              "{reason}", refusal(u, m));
        y += line(u, id, m->taken ? ICON_DONE : ICON_INFO, m->taken ? C_PRIMARY : C_NOTE_INK,
                  text, y);
    }
    if (r->packs_skipped)
        y += line(u, "media-pack-more", ICON_INFO, C_NOTE_INK,
                  ui_fill_in(u, ui_trn(u, "{n} more content file was not looked at: this kiosk "
                                          "looks at {max} a stick.",
                                       "{n} more content files were not looked at: this kiosk "
                                       "looks at {max} a stick.",
                                       r->packs_skipped),
                             "{max}", ui_number(u, UI_MEDIA_PACKS)),
                  y);
    y += u->pad;
    const char *done = ui_tr(u, "You can remove the stick now.");
    int w = u->W - 2 * u->pad;
    int h = ui_para(u, done, ui_mx(u, u->pad, w), y, w, u->big, 1, TEXT_ALIGN_START, C_PRIMARY);
    widget_in(u, "media-done", UI_ROLE_HEADING, done, ui_mx(u, u->pad, w), y, w, h, top, bottom,
              UI_ACT_NONE, NULL, NULL);
    display_unclip(&u->dl);
    int total = y + h + u->gap + u->v.scroll - top;
    u->max_scroll = total > bottom - top ? total - (bottom - top) : 0;
    chrome_scrollbar(u, top, bottom - top, total);
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
