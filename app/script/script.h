/* script: the line language that tests and operators drive the kiosk with. One command a
 * line, `#` starts a comment:
 *   tap X Y | tap "LABEL" | drag X1 Y1 X2 Y2 MS | type "TEXT" | key NAME | wait MS
 *   shot FILE.png | dump FILE.json | dump - | expect "LABEL" | expect-not "LABEL" | quit
 *   media "FOLDER"   (a USB stick mounted at FOLDER, as the kiosk's watcher would report it)
 *   await reading N MS | await silence MS   (real time, at most MS: until part N of what is
 *   read aloud is playing; until nothing is read aloud and the audio device is let go)
 *   wheel down N | wheel up N   (N notches of a mouse wheel)
 *   press X Y [FINGER] | move X Y [FINGER] | release X Y [FINGER]   (one finger of a touch
 *   screen, 0 unless given: a hold is press, wait, release; a second finger down cancels
 *   the touch in progress, as on the screen)
 * Parsing is separate from running, so every malformed line is reported with its number
 * and nothing of a bad line is executed. script_run drives a started kiosk (its screens, its
 * stick visits, its daily purge) with a script, through whatever platform it was started
 * with, on a virtual clock: `wait` fires timers in order at once. */
#ifndef SV_SCRIPT_H
#define SV_SCRIPT_H

#include "core/err.h"
#include "kiosk.h"

enum script_op { SCRIPT_OP_NONE, SCRIPT_OP_TAP, SCRIPT_OP_TAP_LABEL, SCRIPT_OP_DRAG,
                 SCRIPT_OP_TYPE, SCRIPT_OP_KEY, SCRIPT_OP_WAIT, SCRIPT_OP_SHOT, SCRIPT_OP_DUMP,
                 SCRIPT_OP_EXPECT, SCRIPT_OP_EXPECT_NOT, SCRIPT_OP_QUIT, SCRIPT_OP_MEDIA, SCRIPT_OP_AWAIT,
                 SCRIPT_OP_WHEEL, SCRIPT_OP_PRESS, SCRIPT_OP_MOVE, SCRIPT_OP_RELEASE };

/* The longest an `await` waits, in real milliseconds. */
#define SCRIPT_AWAIT_MAX_MS 600000

typedef struct script_cmd {
    int op;          /* SCRIPT_OP_NONE for a blank or comment line */
    int n[5];        /* numbers: tap X Y, drag X1 Y1 X2 Y2 MS, wait MS */
    char str[1024];  /* label, text, key name or file name */
} script_cmd;

/* Parses one line (without its newline). lineno is for the message. */
int script_parse(const char *line, int lineno, script_cmd *out, err *e);

/* Runs the script at path ("-": standard input, each line as it arrives; a file: checked
 * whole first, then run, read as a stream both times). Messages go to standard error.
 * Returns the exit code: 0, 1 when an expect failed, 2 for a malformed line or a command
 * that could not be carried out. */
int script_run(kiosk *k, const char *path);

#endif
