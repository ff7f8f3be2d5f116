/* First set-up, for staff: a kiosk in kiosk mode with no trusted key shows this instead of
 * the start screen. Staff choose the staff PIN (typed twice), then insert the stick with the
 * office's keys (a folder made by `sveikictl setup-stick`); the kiosk shows the two keys'
 * fingerprints for staff to compare aloud with the office's, and takes them only when staff
 * say they match. After that, keys change only through admin mode. In plain English, left to
 * right: staff read it, and a kiosk being set up may have no pack in their language yet. */
#include "admin.h"
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

enum { STEP_CHOOSE, STEP_AGAIN, STEP_STICK, STEP_COMPARE, STEP_DONE };
enum { ACT_ACCEPT = UI_ACT_SCREEN, ACT_REFUSE, ACT_FINISH };

static void enter(ui *u, const void *args)
{
    (void)args;
    admin_visit *a = &u->v.admin;
    memset(a, 0, sizeof *a);
    a->step = u->admin && u->admin->has_pin(u->admin->ctx) ? STEP_STICK : STEP_CHOOSE;
    a->wait_keys = a->step == STEP_STICK;
}

static void build(ui *u)
{
    admin_visit *a = &u->v.admin;
    if (!a->step && !a->pin[0] && !a->first[0] && u->admin && u->admin->has_pin(u->admin->ctx)) {
        a->step = STEP_STICK; /* forgotten like a visit: back where set-up stands */
        a->wait_keys = 1;
    }
    if (a->step == STEP_STICK && a->sign_fp[0]) /* ui_keys_read: the keys to compare */
        a->step = STEP_COMPARE;
    a->wait_keys = a->step == STEP_STICK;
    int y = u->pad;
    y += admin_line(u, "setup-title", "Setting up this kiosk (for staff)", y, u->body, 1) + u->gap;
    if (a->msg[0])
        y += admin_line(u, "setup-message", a->msg, y, u->small, 1) + u->gap;
    char line[400];
    switch (a->step) {
    case STEP_CHOOSE:
        admin_keypad(u, y, "Step 1 of 3: choose a staff PIN of 4 to 12 digits, then touch OK.");
        break;
    case STEP_AGAIN:
        admin_keypad(u, y, "Step 1 of 3: type the same PIN again, then touch OK.");
        break;
    case STEP_STICK:
        y += admin_line(u, "setup-insert", "Step 2 of 3: insert the USB stick with the office's "
                                           "keys.", y, u->body, 1) + u->gap;
        admin_line(u, "setup-how", "The office makes it with: sveikictl setup-stick. Nobody "
                                   "else can use this kiosk until it has these keys.", y,
                   u->small, 0);
        break;
    case STEP_COMPARE:
        y += admin_line(u, "setup-compare", "Step 3 of 3: call the office. Read these aloud and "
                                            "check that every group matches what they read.", y,
                        u->body, 1) + u->gap;
        snprintf(line, sizeof line, "Content signing key: %s", a->sign_fp);
        y += admin_line(u, "setup-sign", line, y, u->big, 0) + u->gap;
        snprintf(line, sizeof line, "Office sealing key: %s", a->seal_fp);
        admin_line(u, "setup-seal", line, y, u->big, 0);
        admin_button(u, "setup-accept", "They match", u->pad, u->H - u->pad - u->bar,
                     (u->W - 3 * u->pad) / 2, u->bar, ACT_ACCEPT, 1);
        admin_button(u, "setup-refuse", "They do not match", 2 * u->pad + (u->W - 3 * u->pad) / 2,
                     u->H - u->pad - u->bar, (u->W - 3 * u->pad) / 2, u->bar, ACT_REFUSE, 0);
        break;
    case STEP_DONE:
        admin_line(u, "setup-done", "Set-up is done. Insert a stick with a signed content pack "
                                    "to show it, or touch Start.", y, u->body, 1);
        admin_button(u, "setup-finish", "Start", u->pad, u->H - u->pad - u->bar, 4 * u->bar,
                     u->bar, ACT_FINISH, 1);
        break;
    }
}

static void act(ui *u, const ui_widget *w)
{
    admin_visit *a = &u->v.admin;
    u->dirty = 1;
    if (w->action >= ADMIN_ACT_DIGIT) {
        if (!admin_keypad_act(u, w))
            return;
        a->msg[0] = 0;
        if (!admin_pin_ok(a->pin)) {
            snprintf(a->msg, sizeof a->msg, "A PIN is 4 to 12 digits. Try again.");
        } else if (a->step == STEP_CHOOSE) {
            snprintf(a->first, sizeof a->first, "%s", a->pin);
            a->step = STEP_AGAIN;
        } else if (strcmp(a->pin, a->first)) {
            snprintf(a->msg, sizeof a->msg, "The two PINs were not the same. Choose one again.");
            a->step = STEP_CHOOSE;
        } else if (u->admin->set_pin(u->admin->ctx, a->pin)) {
            snprintf(a->msg, sizeof a->msg, "The PIN could not be saved (see the log).");
            a->step = STEP_CHOOSE;
        } else {
            a->step = STEP_STICK;
            a->wait_keys = 1;
        }
        memset(a->pin, 0, sizeof a->pin);
        if (a->step != STEP_AGAIN)
            memset(a->first, 0, sizeof a->first);
        return;
    }
    char why[320] = "";
    if (w->action == ACT_ACCEPT) {
        if (u->admin->action(u->admin->ctx, UI_ADMIN_KEYS_ACCEPT, why)) {
            snprintf(a->msg, sizeof a->msg, "The keys could not be saved: %.280s", why);
            a->step = STEP_STICK;
        } else {
            u->setup = 0;
            a->msg[0] = 0;
            a->step = STEP_DONE;
        }
    } else if (w->action == ACT_REFUSE) {
        snprintf(a->msg, sizeof a->msg, "Nothing was taken. Ask the office for a new set-up "
                                        "stick and insert it.");
        a->step = STEP_STICK;
        a->sign_fp[0] = a->seal_fp[0] = 0;
    } else if (w->action == ACT_FINISH) {
        ui_admin_close(u);
    }
}

const ui_screen screen_setup = {.name = "setup", .build = build, .act = act, .enter = enter};
