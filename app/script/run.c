/* run: a script driven against the kiosk on a virtual clock. No SDL here: any backend that
 * fills in platform.h runs scripts the same way, the tests' fake one too. */
#include "core/buf.h"
#include "fs.h"
#include "script/script.h"
#include "touch.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct runner {
    kiosk *k;
    ui *u;
    const platform *p;
    uint64_t now; /* the virtual clock, ms */
    int expect_failed;
    touch fingers; /* press, move, release: as the touch screen's fingers go */
} runner;

static void advance(runner *r, uint64_t ms)
{
    uint64_t end = r->now + ms;
    /* timers fire at their own time, in order, as if the time really passed */
    for (;;) {
        uint64_t d = kiosk_deadline(r->k);
        if (d > end)
            break;
        r->now = d > r->now ? d : r->now;
        kiosk_tick(r->k, r->now);
    }
    r->now = end;
    kiosk_tick(r->k, r->now);
}

static void send(runner *r, int type, int x, int y, const char *text)
{
    ui_event ev = {.type = type, .x = x, .y = y, .text = text};
    kiosk_event(r->k, &ev, r->now);
}

/* Screenshots and dumps are written whole or not at all, like every file the kiosk writes,
 * and only as a new or regular file: a script run as root must not rename a file over a
 * device node, a FIFO or a link at the path it was given. */
static int write_file(const char *path, const buf *b, err *e)
{
    return fs_write_regular(path, b->data, b->len, 0644, e);
}

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Whether what an await waits for is there: part n being read, or silence (nothing read,
 * and the platform done with the audio device). */
static int awaited(runner *r, const script_cmd *c)
{
    if (!strcmp(c->str, "reading"))
        return ui_reading(r->u) == c->n[0];
    unsigned id = 0;
    int part = -1;
    if (r->p->speaking)
        r->p->speaking(r->p->ctx, &id, &part);
    return part < 0 && ui_reading(r->u) < 0;
}

/* Waits in real time (the virtual clock stands still) for what the platform does on its
 * own threads, polling it; a condition not met within the time is a failed expectation. */
static void await(runner *r, const script_cmd *c, int lineno)
{
    uint64_t end = mono_ms() + (uint64_t)c->n[1];
    for (;;) {
        kiosk_tick(r->k, r->now); /* the kiosk asks the platform what it is reading */
        if (awaited(r, c))
            return;
        if (mono_ms() >= end)
            break;
        nanosleep(&(struct timespec){.tv_nsec = 2000000}, NULL);
    }
    fprintf(stderr, "script line %d: waited %d ms for %s%s, on screen %s (reading part %d)\n",
            lineno, c->n[1], c->str, !strcmp(c->str, "reading") ? " of a part" : "",
            ui_screen_name(r->u), ui_reading(r->u));
    r->expect_failed = 1;
}

/* Runs one parsed command; returns 1 to stop (quit), -1 when it could not be carried out. */
static int run_cmd(runner *r, const script_cmd *c, int lineno)
{
    err e;
    switch (c->op) {
    case SCRIPT_OP_NONE:
        return 0;
    case SCRIPT_OP_TAP:
        send(r, UI_EV_DOWN, c->n[0], c->n[1], NULL);
        send(r, UI_EV_UP, c->n[0], c->n[1], NULL);
        return 0;
    case SCRIPT_OP_TAP_LABEL:
    case SCRIPT_OP_EXPECT:
    case SCRIPT_OP_EXPECT_NOT: {
        const ui_widget *w = ui_find(r->u, c->str);
        if (c->op == SCRIPT_OP_TAP_LABEL) {
            if (!w) {
                fprintf(stderr, "script line %d: no widget labelled \"%s\" on screen %s\n",
                        lineno, c->str, ui_screen_name(r->u));
                r->expect_failed = 1;
                return 0;
            }
            int x = w->x + w->w / 2, y = w->y + w->h / 2;
            send(r, UI_EV_DOWN, x, y, NULL);
            send(r, UI_EV_UP, x, y, NULL);
        } else if ((c->op == SCRIPT_OP_EXPECT) != (w != NULL)) {
            fprintf(stderr, "script line %d: expected %s\"%s\" on screen %s\n", lineno,
                    c->op == SCRIPT_OP_EXPECT ? "" : "no ", c->str, ui_screen_name(r->u));
            r->expect_failed = 1;
        }
        return 0;
    }
    case SCRIPT_OP_DRAG: {
        int steps = c->n[4] / 16 > 1 ? c->n[4] / 16 : 1;
        send(r, UI_EV_DOWN, c->n[0], c->n[1], NULL);
        for (int s = 1; s <= steps; s++) {
            advance(r, (uint64_t)(c->n[4] / steps));
            send(r, UI_EV_MOVE, c->n[0] + (int)((long long)(c->n[2] - c->n[0]) * s / steps),
                 c->n[1] + (int)((long long)(c->n[3] - c->n[1]) * s / steps), NULL);
        }
        send(r, UI_EV_UP, c->n[2], c->n[3], NULL);
        return 0;
    }
    case SCRIPT_OP_PRESS:
    case SCRIPT_OP_MOVE:
    case SCRIPT_OP_RELEASE: {
        ui_event ev;
        int type = c->op == SCRIPT_OP_PRESS ? UI_EV_DOWN : c->op == SCRIPT_OP_MOVE ? UI_EV_MOVE
                                                                                   : UI_EV_UP;
        if (touch_finger(&r->fingers, c->n[2], type, c->n[0], c->n[1], &ev))
            kiosk_event(r->k, &ev, r->now);
        return 0;
    }
    case SCRIPT_OP_TYPE:
        send(r, UI_EV_TEXT, 0, 0, c->str);
        return 0;
    case SCRIPT_OP_KEY:
        send(r, UI_EV_KEY, 0, 0, c->str);
        return 0;
    case SCRIPT_OP_MEDIA:
        send(r, UI_EV_MEDIA, 0, 0, c->str);
        return 0;
    case SCRIPT_OP_WHEEL:
        send(r, UI_EV_WHEEL, 0, c->n[0], NULL);
        return 0;
    case SCRIPT_OP_WAIT:
        advance(r, (uint64_t)c->n[0]);
        return 0;
    case SCRIPT_OP_AWAIT:
        await(r, c, lineno);
        return 0;
    case SCRIPT_OP_SHOT: {
        buf png;
        buf_init(&png);
        int rc = r->p->shot(r->p->ctx, ui_display(r->u), &png, &e);
        if (!rc)
            rc = write_file(c->str, &png, &e);
        buf_free(&png);
        if (rc) {
            fprintf(stderr, "script line %d: %s\n", lineno, e.msg);
            return -1;
        }
        return 0;
    }
    case SCRIPT_OP_DUMP: {
        buf b;
        buf_init(&b);
        ui_dump_json(r->u, &b);
        buf_addc(&b, '\n');
        int rc = 0;
        if (!strcmp(c->str, "-")) {
            fwrite(b.data, 1, b.len, stdout);
            fflush(stdout);
        } else if (write_file(c->str, &b, &e)) {
            fprintf(stderr, "script line %d: %s\n", lineno, e.msg);
            rc = -1;
        }
        buf_free(&b);
        return rc;
    }
    case SCRIPT_OP_QUIT:
        return 1;
    }
    return 0;
}

/* Reads the next line into line (cap bytes, without its newline). Returns 1 for a line, 0
 * at the end, -1 for a line longer than the buffer (the rest of it is never run), -2 for a
 * line with a NUL byte. */
static int next_line(FILE *fp, char *line, size_t cap)
{
    size_t n = 0;
    int c, nul = 0;
    while ((c = getc(fp)) != EOF && c != '\n') {
        if (n == cap - 1)
            return -1;
        nul |= c == 0;
        line[n++] = (char)c;
    }
    line[n] = 0;
    if (c == EOF && n == 0)
        return 0;
    return nul ? -2 : 1;
}

static int line_error(const char *name, int lineno, int got, size_t cap)
{
    if (got == -1)
        fprintf(stderr, "sveiki: %s: line %d: longer than %zu bytes\n", name, lineno, cap - 1);
    else
        fprintf(stderr, "sveiki: %s: line %d: a NUL byte: not a text file\n", name, lineno);
    return 2;
}

/* Standard input: each line runs as it arrives, so a harness can drive the kiosk. */
static int run_stream(runner *r, FILE *fp, const char *name)
{
    char line[4096];
    int lineno = 0, got;
    err e;
    while ((got = next_line(fp, line, sizeof line)) != 0) {
        lineno++;
        if (got < 0)
            return line_error(name, lineno, got, sizeof line);
        script_cmd c;
        if (script_parse(line, lineno, &c, &e)) {
            fprintf(stderr, "sveiki: %s: %s\n", name, e.msg);
            return 2;
        }
        int rc = run_cmd(r, &c, lineno);
        if (rc)
            return rc < 0 ? 2 : (r->expect_failed ? 1 : 0);
        if (kiosk_exit_code(r->k) >= 0) /* staff stopped it from admin mode, as in a window */
            return r->expect_failed ? 1 : kiosk_exit_code(r->k);
    }
    if (ferror(fp)) {
        fprintf(stderr, "sveiki: %s: cannot read the script: %s\n", name, strerror(errno));
        return 2;
    }
    return r->expect_failed ? 1 : 0;
}

/* A file: every line is checked before anything runs (nothing of a script with a bad line
 * runs), then the file is read again and run. Two passes over a stream: memory does not
 * grow with the script's length. */
static int run_file(runner *r, FILE *fp, const char *path)
{
    char line[4096];
    int lineno = 0, got, bad = 0;
    err e;
    script_cmd c;
    while ((got = next_line(fp, line, sizeof line)) != 0) {
        lineno++;
        if (got < 0)
            return line_error(path, lineno, got, sizeof line);
        if (script_parse(line, lineno, &c, &e)) {
            fprintf(stderr, "sveiki: %s: %s\n", path, e.msg);
            bad = 1;
        }
    }
    if (bad)
        return 2;
    if (ferror(fp) || fseek(fp, 0, SEEK_SET)) {
        fprintf(stderr, "sveiki: %s: cannot read the script: %s\n", path, strerror(errno));
        return 2;
    }
    return run_stream(r, fp, path);
}

int script_run(kiosk *k, const char *path)
{
    runner r = {.k = k, .u = kiosk_ui(k), .p = kiosk_platform(k)};
    kiosk_tick(k, 0);
    if (!strcmp(path, "-"))
        return run_stream(&r, stdin, "-");
    err e;
    FILE *fp = fs_open_read(path, &e);
    if (!fp) {
        fprintf(stderr, "sveiki: cannot read the script: %s\n", e.msg);
        return 2;
    }
    int rc = run_file(&r, fp, path);
    fclose(fp);
    return rc;
}
