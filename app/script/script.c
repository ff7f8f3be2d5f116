#include "script/script.h"
#include "core/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Blanks between words; '\r' too, so lines of a CRLF file parse like LF ones. */
static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static const char *skip(const char *p)
{
    while (blank(*p))
        p++;
    return p;
}

/* A non-negative integer of at most 1,000,000 (coordinates and milliseconds). */
static int number(const char **p, int *out)
{
    const char *s = skip(*p);
    if (!isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || v > 1000000 || (*end && !blank(*end)))
        return -1;
    *out = (int)v;
    *p = end;
    return 0;
}

/* A "quoted string" with \" and \\ escapes. */
static int quoted(const char **p, char *out, size_t cap)
{
    const char *s = skip(*p);
    if (*s != '"')
        return -1;
    s++;
    size_t n = 0;
    while (*s && *s != '"') {
        char c = *s;
        if (c == '\\') {
            s++;
            if (*s == '"' || *s == '\\')
                c = *s;
            else if (*s == 'n')
                c = '\n';
            else
                return -1;
        }
        if (n >= cap - 1) /* too long: refused, not silently cut */
            return -1;
        out[n++] = c;
        s++;
    }
    if (*s != '"')
        return -1;
    out[n] = 0;
    *p = s + 1;
    return 0;
}

/* A bare word (file name, key name). */
static int word(const char **p, char *out, size_t cap)
{
    const char *s = skip(*p);
    size_t n = 0;
    while (*s && !blank(*s)) {
        if (n >= cap - 1) /* too long: refused, not silently cut */
            return -1;
        out[n++] = *s;
        s++;
    }
    out[n] = 0;
    *p = s;
    return n ? 0 : -1;
}

static int at_end(const char *p)
{
    p = skip(p);
    return !*p || *p == '#';
}

/* The key names a script may send (the kiosk's own keys; README "Scripts"). */
static int key_name(const char *k)
{
    static const char *const keys[] = {"escape", "back", "enter", "backspace", "home",
                                       "up", "down", "pageup", "pagedown", "space"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (!strcmp(k, keys[i]))
            return 1;
    return 0;
}

int script_parse(const char *line, int lineno, script_cmd *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3))
        line += 3; /* a byte-order mark some editors write */
    int bad_line, bad_col;
    if (!utf8_valid(line, strlen(line), &bad_line, &bad_col))
        return err_set(e, "line %d:%d: not UTF-8 text (an invalid byte or a noncharacter)",
                       lineno, bad_col);
    const char *p = skip(line);
    size_t len = strlen(p);
    while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
        len--;
    if (!len || *p == '#')
        return 0;
    char cmd[16];
    size_t n = 0;
    while (p[n] && !blank(p[n]) && n < sizeof cmd - 1)
        cmd[n] = p[n], n++;
    cmd[n] = 0;
    const char *a = p + n;
    int ok = -1;
    if (!strcmp(cmd, "tap")) {
        if (*skip(a) == '"') {
            out->op = SCRIPT_OP_TAP_LABEL;
            ok = quoted(&a, out->str, sizeof out->str);
        } else {
            out->op = SCRIPT_OP_TAP;
            ok = number(&a, &out->n[0]) || number(&a, &out->n[1]) ? -1 : 0;
        }
    } else if (!strcmp(cmd, "press") || !strcmp(cmd, "move") || !strcmp(cmd, "release")) {
        /* one finger: X Y, and its number (0 to 9) when more than one is down */
        out->op = cmd[0] == 'p' ? SCRIPT_OP_PRESS : cmd[0] == 'm' ? SCRIPT_OP_MOVE
                                                                  : SCRIPT_OP_RELEASE;
        ok = number(&a, &out->n[0]) || number(&a, &out->n[1]) ? -1 : 0;
        if (!ok && !at_end(a))
            ok = number(&a, &out->n[2]) || out->n[2] > 9 ? -1 : 0;
    } else if (!strcmp(cmd, "drag")) {
        out->op = SCRIPT_OP_DRAG;
        ok = 0;
        for (int k = 0; k < 5 && !ok; k++)
            ok = number(&a, &out->n[k]);
    } else if (!strcmp(cmd, "type")) {
        out->op = SCRIPT_OP_TYPE;
        ok = quoted(&a, out->str, sizeof out->str);
    } else if (!strcmp(cmd, "key")) {
        out->op = SCRIPT_OP_KEY;
        ok = word(&a, out->str, sizeof out->str);
        if (!ok && !key_name(out->str))
            return err_set(e, "line %d: unknown key \"%s\" (escape, back, enter, backspace, "
                              "home, up, down, pageup, pagedown, space)", lineno, out->str);
    } else if (!strcmp(cmd, "wheel")) { /* wheel down N, wheel up N: notches */
        out->op = SCRIPT_OP_WHEEL;
        ok = word(&a, out->str, sizeof out->str) || number(&a, &out->n[0]) ||
                     (strcmp(out->str, "down") && strcmp(out->str, "up")) || out->n[0] > 99
                 ? -1
                 : 0;
        if (!ok && !strcmp(out->str, "up"))
            out->n[0] = -out->n[0];
    } else if (!strcmp(cmd, "wait")) {
        out->op = SCRIPT_OP_WAIT;
        ok = number(&a, &out->n[0]);
    } else if (!strcmp(cmd, "shot")) {
        out->op = SCRIPT_OP_SHOT;
        ok = word(&a, out->str, sizeof out->str);
        if (!ok && (strlen(out->str) < 5 || strcmp(out->str + strlen(out->str) - 4, ".png")))
            return err_set(e, "line %d: shot needs a file name ending in .png", lineno);
    } else if (!strcmp(cmd, "dump")) {
        out->op = SCRIPT_OP_DUMP;
        ok = word(&a, out->str, sizeof out->str);
    } else if (!strcmp(cmd, "expect")) {
        out->op = SCRIPT_OP_EXPECT;
        ok = quoted(&a, out->str, sizeof out->str);
    } else if (!strcmp(cmd, "expect-not")) {
        out->op = SCRIPT_OP_EXPECT_NOT;
        ok = quoted(&a, out->str, sizeof out->str);
    } else if (!strcmp(cmd, "quit")) {
        out->op = SCRIPT_OP_QUIT;
        ok = 0;
    } else if (!strcmp(cmd, "media")) {
        out->op = SCRIPT_OP_MEDIA;
        ok = quoted(&a, out->str, sizeof out->str);
    } else if (!strcmp(cmd, "await")) {
        /* await reading N MS | await silence MS: real time, for what the platform does on
         * its own threads (reading aloud) */
        out->op = SCRIPT_OP_AWAIT;
        ok = word(&a, out->str, sizeof out->str);
        if (!ok && !strcmp(out->str, "reading"))
            ok = number(&a, &out->n[0]) || number(&a, &out->n[1]) ? -1 : 0;
        else if (!ok && !strcmp(out->str, "silence"))
            ok = number(&a, &out->n[1]);
        else
            ok = -1;
        if (!ok && out->n[1] > SCRIPT_AWAIT_MAX_MS)
            return err_set(e, "line %d: await waits at most %d ms", lineno, SCRIPT_AWAIT_MAX_MS);
    } else {
        return err_set(e, "line %d: unknown command \"%s\" (tap, drag, press, move, "
                          "release, type, key, wheel, wait, await, shot, dump, expect, "
                          "expect-not, media, quit)", lineno, cmd);
    }
    if (ok || !at_end(a))
        return err_set(e, "line %d: malformed `%s` command: \"%.*s\"", lineno, cmd, (int)len, p);
    return 0;
}
