/* Admin mode, for staff: opened by the hidden gesture (a hold in the top-left corner, then
 * one in the top-right, core.c) and the staff PIN on a keypad. It shows what staff must
 * know about this kiosk (device, site, pack, placeholders left to fill in, answers waiting,
 * last export and receipt, free disk, uptime) and what they can do (export now, back to the
 * previous pack, new keys from a stick, a touch test, restart, leave kiosk mode). In
 * English, left to right: staff read it, not the public, and a kiosk may be set up before
 * its pack has their language. The PIN typed is part of the visit, forgotten with it. */
#include "admin.h"
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

enum { STEP_PIN, STEP_MENU, STEP_TOUCH, STEP_KEYS, STEP_NO_PIN };
enum { ACT_EXPORT = UI_ACT_SCREEN, ACT_PREVIOUS, ACT_KEYS, ACT_TOUCH, ACT_RESTART, ACT_LEAVE,
       ACT_CLOSE, ACT_MENU, ACT_GRID, ACT_ACCEPT };

/* ---- pieces the set-up screen shares ------------------------------------------------ */

int admin_line(ui *u, const char *id, const char *text, int y, int px, int bold)
{
    int w = u->W - 2 * u->pad;
    int h = ui_para_dir(u, text, u->pad, y, w, px, bold, TEXT_ALIGN_START, 0, C_INK);
    widget_add(u, id, bold ? UI_ROLE_HEADING : UI_ROLE_TEXT, text, u->pad, y, w, h, UI_ACT_NONE,
               NULL);
    return h;
}

void admin_button(ui *u, const char *id, const char *label, int x, int y, int w, int h,
                  int action, int primary)
{
    widget_btn b = {.id = id, .label = label, .x = x, .y = y, .w = w, .h = h,
                    .fill = primary ? C_PRIMARY : C_CARD, .ink = primary ? C_ON_PRIMARY : C_INK,
                    .border = primary ? 0 : 1, .line = C_LINE, .px = u->small,
                    .action = action};
    widget_button(u, &b);
}

void admin_keypad(ui *u, int y, const char *title)
{
    y += admin_line(u, "pin-title", title, y, u->body, 1) + u->gap;
    /* the digits typed, as dots: never the digits themselves */
    char dots[64] = "";
    size_t n = strlen(u->v.admin.pin);
    for (size_t k = 0; k < n; k++)
        strcat(dots, "\xE2\x97\x8F "); /* ● */
    int dh = ui_para_dir(u, n ? dots : " ", u->pad, y, u->W - 2 * u->pad, u->big, 1,
                         TEXT_ALIGN_CENTER, 0, C_INK);
    widget_add(u, "pin-typed", UI_ROLE_INPUT, n ? "PIN typed" : "", u->pad, y, u->W - 2 * u->pad,
               dh, UI_ACT_NONE, NULL);
    y += dh + u->gap;
    int rows = 4, kh = (u->H - y - u->pad - (rows - 1) * u->gap) / rows;
    if (kh > u->bar * 2)
        kh = u->bar * 2;
    int kw = kh * 2, x0 = (u->W - 3 * kw - 2 * u->gap) / 2;
    static const char *const keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete",
                                       "0", "OK"};
    for (int k = 0; k < 12; k++) {
        int x = x0 + (k % 3) * (kw + u->gap), ky = y + (k / 3) * (kh + u->gap);
        char id[16];
        int digit = k != 9 && k != 11;
        snprintf(id, sizeof id, digit ? "pin-%s" : k == 9 ? "pin-delete" : "pin-ok", keys[k]);
        widget_btn b = {.id = arena_strdup(&u->fa, id), .role = UI_ROLE_KEY, .label = keys[k],
                        .x = x, .y = ky, .w = kw, .h = kh, .fill = k == 11 ? C_PRIMARY : C_CARD,
                        .ink = k == 11 ? C_ON_PRIMARY : C_INK, .border = k == 11 ? 0 : 1,
                        .line = C_LINE, .px = digit ? u->big : u->body,
                        .action = digit ? ADMIN_ACT_DIGIT : k == 9 ? ADMIN_ACT_DELETE : ADMIN_ACT_OK,
                        .arg = keys[k]};
        widget_button(u, &b);
    }
}

int admin_keypad_act(ui *u, const ui_widget *w)
{
    char *pin = u->v.admin.pin;
    size_t n = strlen(pin);
    if (w->action == ADMIN_ACT_DIGIT && w->arg && n < ADMIN_PIN_MAX) {
        pin[n] = w->arg[0];
        pin[n + 1] = 0;
    } else if (w->action == ADMIN_ACT_DELETE && n) {
        pin[n - 1] = 0;
    }
    u->dirty = 1;
    return w->action == ADMIN_ACT_OK;
}

/* ---- the screen ------------------------------------------------------------------------- */

static void fill_info(ui *u)
{
    memset(&u->v.admin.info, 0, sizeof u->v.admin.info);
    if (u->admin && u->admin->info)
        u->admin->info(u->admin->ctx, &u->v.admin.info);
}

static void enter(ui *u, const void *args)
{
    (void)args;
    admin_visit *a = &u->v.admin;
    memset(a, 0, sizeof *a);
    a->step = u->admin && u->admin->has_pin(u->admin->ctx) ? STEP_PIN : STEP_NO_PIN;
}

static int button_row(ui *u, int y, const char *const *ids, const char *const *labels,
                      const int *acts, int n, int h)
{
    int w = (u->W - 2 * u->pad - (n - 1) * u->gap) / n;
    for (int k = 0; k < n; k++)
        admin_button(u, ids[k], labels[k], u->pad + k * (w + u->gap), y, w, h, acts[k],
                     acts[k] == ACT_CLOSE);
    return h;
}

static void menu(ui *u)
{
    admin_visit *a = &u->v.admin;
    const ui_admin_info *in = &a->info;
    int bh = u->bar, buttons = 2 * bh + 2 * u->gap + u->pad;
    int y = u->pad - u->v.scroll, top = y;
    char line[1600];
    y += admin_line(u, "admin-title", "Admin mode (staff only)", y, u->body, 1) + u->gap;
    if (a->msg[0])
        y += admin_line(u, "admin-message", a->msg, y, u->small, 1) + u->gap;
    snprintf(line, sizeof line, "Device: %s%s%s", in->device[0] ? in->device : "no id yet (made at the first export)",
             in->name[0] ? ", " : "", in->name);
    y += admin_line(u, "admin-device", line, y, u->small, 0);
    snprintf(line, sizeof line, "Site: %s", in->site[0] ? in->site : "not set (site in the settings file)");
    y += admin_line(u, "admin-site", line, y, u->small, 0);
    snprintf(line, sizeof line, "Pack: %s", in->pack);
    y += admin_line(u, "admin-pack", line, y, u->small, 0);
    if (in->waiting >= 0)
        snprintf(line, sizeof line, "Answers waiting for export: %ld", in->waiting);
    else
        snprintf(line, sizeof line, "Answers waiting for export: none kept (no feedback store)");
    y += admin_line(u, "admin-waiting", line, y, u->small, 0);
    snprintf(line, sizeof line, "Last export: %s. Last receipt: %s.", in->last_export,
             in->last_receipt);
    y += admin_line(u, "admin-last", line, y, u->small, 0);
    snprintf(line, sizeof line, "Free disk: %s. Up: %s.", in->disk, in->uptime);
    y += admin_line(u, "admin-disk", line, y, u->small, 0);
    snprintf(line, sizeof line, "Content signing key: %s. Office sealing key: %s.",
             in->sign_fp[0] ? in->sign_fp : "none", in->seal_fp[0] ? in->seal_fp : "none");
    y += admin_line(u, "admin-keys", line, y, u->small, 0);
    if (in->nplaceholders) {
        snprintf(line, sizeof line, "Left to fill in (%d; the public does not see them):\n%s",
                 in->nplaceholders, in->placeholders);
    } else {
        snprintf(line, sizeof line, "Nothing left to fill in.");
    }
    y += admin_line(u, "admin-placeholders", line, y, u->small, 0) + u->pad;
    int bottom = u->H - buttons, total = y + u->v.scroll;
    u->max_scroll = total > bottom ? total - bottom : 0;
    (void)top;
    /* the buttons over the list, drawn last so scrolled lines pass under them */
    display_rect(&u->dl, 0, bottom, u->W, u->H - bottom, C_BG, 0);
    int by = bottom + u->gap;
    static const char *const ids1[] = {"admin-export", "admin-previous", "admin-keys-new",
                                       "admin-touch"};
    static const char *const words1[] = {"Export now", "Previous pack", "New keys from a stick",
                                         "Touch test"};
    static const int acts1[] = {ACT_EXPORT, ACT_PREVIOUS, ACT_KEYS, ACT_TOUCH};
    by += button_row(u, by, ids1, words1, acts1, 4, bh) + u->gap;
    static const char *const ids2[] = {"admin-restart", "admin-leave", "admin-close"};
    static const char *const words2[] = {"Restart", "Leave kiosk mode", "Close"};
    static const char *const words2b[] = {"Restart", "Quit the kiosk", "Close"};
    static const int acts2[] = {ACT_RESTART, ACT_LEAVE, ACT_CLOSE};
    button_row(u, by, ids2, in->kiosk_mode ? words2 : words2b, acts2, 3, bh);
    if (u->max_scroll)
        chrome_scrollbar(u, 0, bottom, total);
}

/* The touch test: a grid, and a mark where each of the last touches landed. */
static void touch_test(ui *u)
{
    admin_visit *a = &u->v.admin;
    int step = u->W / 16 > 20 ? u->W / 16 : 20;
    for (int x = 0; x < u->W; x += step)
        display_rect(&u->dl, x, 0, 1, u->H, C_LINE, 0);
    for (int y = 0; y < u->H; y += step)
        display_rect(&u->dl, 0, y, u->W, 1, C_LINE, 0);
    widget_add(u, "touch-grid", UI_ROLE_IMAGE, "Touch test: touch anywhere", 0, 0, u->W, u->H,
               ACT_GRID, NULL);
    for (int k = 0; k < a->ntouches; k++) {
        int r = u->gap;
        display_rect(&u->dl, a->touches[k][0] - r, a->touches[k][1] - r, 2 * r, 2 * r,
                     k == a->ntouches - 1 ? C_URGENT : C_PRIMARY, r);
    }
    char where[96] = "Touch anywhere: each touch is marked where it landed.";
    if (a->ntouches)
        snprintf(where, sizeof where, "Last touch at %d, %d.", a->touches[a->ntouches - 1][0],
                 a->touches[a->ntouches - 1][1]);
    int y = u->pad;
    y += admin_line(u, "touch-where", where, y, u->body, 1);
    admin_button(u, "admin-menu", "Back to admin mode", u->W - u->pad - 6 * u->bar,
                 u->H - u->pad - u->bar, 6 * u->bar, u->bar, ACT_MENU, 1);
}

static void keys_step(ui *u)
{
    admin_visit *a = &u->v.admin;
    int y = u->pad;
    y += admin_line(u, "keys-title", "New keys from a stick", y, u->body, 1) + u->gap;
    if (a->wait_keys) {
        y += admin_line(u, "keys-insert", "Insert the stick with the office's keys (a folder "
                                          "made by sveikictl setup-stick).", y, u->body, 0);
    } else if (a->sign_fp[0]) {
        char line[400];
        snprintf(line, sizeof line, "Content signing key: %s", a->sign_fp);
        y += admin_line(u, "keys-sign", line, y, u->body, 1) + u->gap;
        snprintf(line, sizeof line, "Office sealing key: %s", a->seal_fp);
        y += admin_line(u, "keys-seal", line, y, u->body, 1) + u->gap;
        y += admin_line(u, "keys-compare", "Read these aloud to the office. Take them only when "
                                           "every group matches what the office reads.", y,
                        u->small, 0);
        admin_button(u, "keys-accept", "They match: take these keys", u->pad,
                     u->H - u->pad - u->bar, (u->W - 3 * u->pad) / 2, u->bar, ACT_ACCEPT, 1);
    } else {
        y += admin_line(u, "keys-why", a->msg, y, u->body, 0);
    }
    admin_button(u, "admin-menu", "Back to admin mode", u->W - u->pad - (u->W - 3 * u->pad) / 2,
                 u->H - u->pad - u->bar, (u->W - 3 * u->pad) / 2, u->bar, ACT_MENU, 0);
}

static void build(ui *u)
{
    admin_visit *a = &u->v.admin;
    switch (a->step) {
    case STEP_NO_PIN:
        admin_line(u, "admin-title", "Admin mode", u->pad, u->body, 1);
        admin_line(u, "admin-no-pin", "This kiosk has no staff PIN. Put admin-pin = HASH in "
                                      "/etc/sveiki/sveiki.conf (sveikictl pin-hash makes the "
                                      "hash), or choose one at the first set-up.",
                   u->pad + u->bar, u->body, 0);
        admin_button(u, "admin-close", "Close", u->pad, u->H - u->pad - u->bar, 4 * u->bar,
                     u->bar, ACT_CLOSE, 1);
        break;
    case STEP_PIN:
        if (a->msg[0])
            admin_line(u, "admin-message", a->msg, u->pad, u->small, 1);
        admin_keypad(u, u->pad + (a->msg[0] ? u->bar : 0), "Staff PIN");
        admin_button(u, "admin-close", "Close", u->W - u->pad - 3 * u->bar, u->pad, 3 * u->bar,
                     u->bar * 2 / 3, ACT_CLOSE, 0);
        break;
    case STEP_MENU: menu(u); break;
    case STEP_TOUCH: touch_test(u); break;
    case STEP_KEYS: keys_step(u); break;
    }
}

static void pin_entered(ui *u)
{
    admin_visit *a = &u->v.admin;
    int wait_s = 0, left = 0;
    int rc = u->admin->pin(u->admin->ctx, a->pin, &wait_s, &left);
    memset(a->pin, 0, sizeof a->pin);
    if (rc == ADMIN_PIN_RIGHT) {
        a->step = STEP_MENU;
        a->msg[0] = 0;
        fill_info(u);
        ui_log(u, "admin: staff PIN accepted");
    } else if (rc == ADMIN_PIN_LOCKED) {
        snprintf(a->msg, sizeof a->msg, "Too many wrong PINs: locked for %d more minute%s.",
                 (wait_s + 59) / 60, (wait_s + 59) / 60 == 1 ? "" : "s");
        ui_log(u, "admin: PIN locked");
    } else if (rc == ADMIN_PIN_WRONG) {
        snprintf(a->msg, sizeof a->msg, "Wrong PIN. %d more tr%s before a lock of five minutes.",
                 left, left == 1 ? "y" : "ies");
        ui_log(u, "admin: wrong PIN");
    } else {
        snprintf(a->msg, sizeof a->msg, "The PIN cannot be checked now (the data folder cannot "
                                        "be written): see the log.");
    }
}

static void act(ui *u, const ui_widget *w)
{
    admin_visit *a = &u->v.admin;
    char why[320] = "";
    if (w->action >= ADMIN_ACT_DIGIT) {
        if (admin_keypad_act(u, w))
            pin_entered(u);
        return;
    }
    u->dirty = 1;
    switch (w->action) {
    case ACT_CLOSE: ui_admin_close(u); return;
    case ACT_MENU:
        a->step = STEP_MENU;
        a->wait_keys = 0;
        fill_info(u);
        return;
    case ACT_TOUCH:
        a->step = STEP_TOUCH;
        a->ntouches = 0;
        return;
    case ACT_GRID:
        if (a->ntouches == ADMIN_TOUCHES) {
            memmove(a->touches, a->touches + 1, sizeof a->touches - sizeof a->touches[0]);
            a->ntouches--;
        }
        a->touches[a->ntouches][0] = u->v.down_x;
        a->touches[a->ntouches][1] = u->v.down_y;
        a->ntouches++;
        return;
    case ACT_KEYS:
        a->step = STEP_KEYS;
        a->wait_keys = 1;
        a->sign_fp[0] = a->seal_fp[0] = 0;
        return;
    case ACT_ACCEPT: {
        int rc = u->admin->action(u->admin->ctx, UI_ADMIN_KEYS_ACCEPT, why);
        a->step = STEP_MENU;
        snprintf(a->msg, sizeof a->msg, "%s", rc ? why : "The new keys are in use.");
        fill_info(u);
        return;
    }
    case ACT_EXPORT:
    case ACT_PREVIOUS:
    case ACT_RESTART:
    case ACT_LEAVE: {
        int what = w->action == ACT_EXPORT ? UI_ADMIN_EXPORT : w->action == ACT_PREVIOUS ? UI_ADMIN_PREVIOUS
                 : w->action == ACT_RESTART ? UI_ADMIN_RESTART : UI_ADMIN_LEAVE;
        int rc = u->admin->action(u->admin->ctx, what, why);
        snprintf(a->msg, sizeof a->msg, "%s", why[0] ? why : rc ? "That did not work: see the log." : "Done.");
        fill_info(u);
        return;
    }
    }
}

/* a keyboard's digits type into the PIN as the keypad does */
static void text(ui *u, const char *utf8)
{
    admin_visit *a = &u->v.admin;
    if (a->step != STEP_PIN)
        return;
    for (const char *p = utf8; *p; p++) {
        size_t n = strlen(a->pin);
        if (*p >= '0' && *p <= '9' && n < ADMIN_PIN_MAX) {
            a->pin[n] = *p;
            a->pin[n + 1] = 0;
        }
    }
    u->dirty = 1;
}

void ui_keys_read(ui *u, const char *sign_fp, const char *seal_fp, const char *why)
{
    admin_visit *a = &u->v.admin;
    a->wait_keys = 0;
    if (sign_fp) {
        snprintf(a->sign_fp, sizeof a->sign_fp, "%s", sign_fp);
        snprintf(a->seal_fp, sizeof a->seal_fp, "%s", seal_fp);
    } else {
        snprintf(a->msg, sizeof a->msg, "No keys taken: %s", why ? why : "");
    }
    u->dirty = 1;
}

const ui_screen screen_admin = {.name = "admin", .build = build, .act = act, .text = text, .enter = enter};
