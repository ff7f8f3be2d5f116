/* script_parse: every command of the line language, comments, and malformed lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "script/script.h"

#include <stdio.h>
#include <string.h>

/* Parses a line that must be valid and returns the command. */
static script_cmd ok(const char *line)
{
    script_cmd c;
    err e = {{0}};
    int rc = script_parse(line, 1, &c, &e);
    if (rc != 0)
        fail_msg("\"%s\" rejected: %s", line, e.msg);
    return c;
}

/* Parses a line that must be rejected, and checks the message names its line. */
static void bad(const char *line, int lineno)
{
    script_cmd c;
    err e;
    memset(&e, 0, sizeof e);
    strcpy(e.msg, "(untouched)");
    int rc = script_parse(line, lineno, &c, &e);
    if (rc != -1)
        fail_msg("\"%s\" accepted (rc %d, op %d)", line, rc, c.op);
    char want[32];
    snprintf(want, sizeof want, "line %d", lineno);
    if (!strstr(e.msg, want))
        fail_msg("message for \"%s\" does not say \"%s\": %s", line, want, e.msg);
}

static void test_tap_xy(void **state)
{
    (void)state;
    script_cmd c = ok("tap 120 340");
    assert_int_equal(c.op, SCRIPT_OP_TAP);
    assert_int_equal(c.n[0], 120);
    assert_int_equal(c.n[1], 340);
    c = ok("  tap\t0   7  ");
    assert_int_equal(c.op, SCRIPT_OP_TAP);
    assert_int_equal(c.n[0], 0);
    assert_int_equal(c.n[1], 7);
    c = ok("tap 5 6 # trailing comment");
    assert_int_equal(c.op, SCRIPT_OP_TAP);
    assert_int_equal(c.n[1], 6);
}

static void test_tap_label(void **state)
{
    (void)state;
    script_cmd c = ok("tap \"Latviešu\"");
    assert_int_equal(c.op, SCRIPT_OP_TAP_LABEL);
    assert_string_equal(c.str, "Latviešu");
    c = ok("tap \"say \\\"hi\\\" \\\\ now\"");
    assert_int_equal(c.op, SCRIPT_OP_TAP_LABEL);
    assert_string_equal(c.str, "say \"hi\" \\ now");
    c = ok("tap \"العربية\"");
    assert_string_equal(c.str, "العربية");
}

static void test_drag(void **state)
{
    (void)state;
    script_cmd c = ok("drag 10 20 300 400 250");
    assert_int_equal(c.op, SCRIPT_OP_DRAG);
    int want[5] = {10, 20, 300, 400, 250};
    for (int k = 0; k < 5; k++)
        assert_int_equal(c.n[k], want[k]);
}

static void test_type(void **state)
{
    (void)state;
    script_cmd c = ok("type \"line one\\nline two\"");
    assert_int_equal(c.op, SCRIPT_OP_TYPE);
    assert_string_equal(c.str, "line one\nline two");
    assert_int_equal(strlen(c.str), 17);
    c = ok("type \"\"");
    assert_int_equal(c.op, SCRIPT_OP_TYPE);
    assert_string_equal(c.str, "");
}

static void test_key_wait_quit(void **state)
{
    (void)state;
    script_cmd c = ok("key escape");
    assert_int_equal(c.op, SCRIPT_OP_KEY);
    assert_string_equal(c.str, "escape");
    c = ok("wait 1500");
    assert_int_equal(c.op, SCRIPT_OP_WAIT);
    assert_int_equal(c.n[0], 1500);
    c = ok("quit");
    assert_int_equal(c.op, SCRIPT_OP_QUIT);
}

static void test_shot_and_dump(void **state)
{
    (void)state;
    script_cmd c = ok("shot x.png");
    assert_int_equal(c.op, SCRIPT_OP_SHOT);
    assert_string_equal(c.str, "x.png");
    c = ok("shot out/home-ar.png");
    assert_string_equal(c.str, "out/home-ar.png");
    c = ok("dump -");
    assert_int_equal(c.op, SCRIPT_OP_DUMP);
    assert_string_equal(c.str, "-");
    c = ok("dump f.json");
    assert_int_equal(c.op, SCRIPT_OP_DUMP);
    assert_string_equal(c.str, "f.json");
}

static void test_expect(void **state)
{
    (void)state;
    script_cmd c = ok("expect \"Money\"");
    assert_int_equal(c.op, SCRIPT_OP_EXPECT);
    assert_string_equal(c.str, "Money");
    c = ok("expect-not \"Error \\\"42\\\"\"");
    assert_int_equal(c.op, SCRIPT_OP_EXPECT_NOT);
    assert_string_equal(c.str, "Error \"42\"");
}

static void test_comments_and_blank_lines(void **state)
{
    (void)state;
    const char *lines[] = {"", "   ", "\t", "# a comment", "   # indented comment", "#tap 1 2",
                           "\r"};
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
        script_cmd c;
        memset(&c, 0x55, sizeof c); /* the parser must reset the command */
        err e = {{0}};
        assert_int_equal(script_parse(lines[k], 3, &c, &e), 0);
        assert_int_equal(c.op, SCRIPT_OP_NONE);
    }
}

static void test_crlf_line_endings(void **state)
{
    (void)state;
    /* a script saved on Windows reaches the parser with '\r' at the end of every line */
    script_cmd c = ok("quit\r");
    assert_int_equal(c.op, SCRIPT_OP_QUIT);
    c = ok("wait 100\r");
    assert_int_equal(c.op, SCRIPT_OP_WAIT);
    assert_int_equal(c.n[0], 100);
    c = ok("tap 1 2\r");
    assert_int_equal(c.n[1], 2);
    c = ok("shot a.png\r");
    assert_string_equal(c.str, "a.png");
    c = ok("expect \"Money\"\r");
    assert_string_equal(c.str, "Money");
}

static void test_unknown_command(void **state)
{
    (void)state;
    bad("click 1 2", 4);
    bad("TAP 1 2", 5);
    bad("expectnot \"x\"", 6);
    bad("verylongunknowncommandname 1", 7);
    script_cmd c;
    err e = {{0}};
    script_parse("click 1 2", 12, &c, &e);
    assert_non_null(strstr(e.msg, "click"));
    /* the message lists the commands: each one it names is one, and none is left out (one
     * name for each op but the blank line's and the two taps') */
    const char *list = strchr(e.msg, '(');
    assert_non_null(list);
    char names[256];
    snprintf(names, sizeof names, "%s", list + 1);
    char *end = strchr(names, ')');
    assert_non_null(end);
    *end = 0;
    int n = 0;
    for (char *name = strtok(names, ", "); name; name = strtok(NULL, ", "), n++) {
        err why = {{0}};
        script_parse(name, 1, &c, &why);
        if (strstr(why.msg, "unknown command"))
            fail_msg("the list names \"%s\", which is no command", name);
    }
    assert_int_equal(n, SCRIPT_OP_RELEASE - 1);
    assert_non_null(strstr(e.msg, " wheel,"));
}

static void test_missing_numbers(void **state)
{
    (void)state;
    bad("tap", 1);
    bad("tap 10", 2);
    bad("drag 1 2 3 4", 3);
    bad("drag", 4);
    bad("wait", 5);
    bad("tap ten 20", 6);
    bad("wait 1.5", 7);
}

static void test_negative_and_huge_numbers(void **state)
{
    (void)state;
    bad("tap -1 20", 8);
    bad("tap 10 -20", 9);
    bad("drag 1 2 3 4 -5", 10);
    bad("wait -100", 11);
    bad("wait +100", 12);
    bad("tap 99999999999999999999 1", 13);
    bad("wait 1000001", 14);
}

static void test_trailing_garbage(void **state)
{
    (void)state;
    bad("tap 1 2 3", 21);
    bad("drag 1 2 3 4 5 6", 22);
    bad("quit now", 23);
    bad("wait 100ms", 24);
    bad("key Escape Enter", 25);
    bad("key Escape", 26); /* names are the kiosk's own, lower case */
    bad("key foo", 27);
    bad("type \"a\xEF\xBF\xBF" "b\"", 28); /* U+FFFF: never text */
    bad("tap \"\xC3\"", 29);            /* broken UTF-8 */
    bad("expect \"a\" \"b\"", 26);
    bad("tap \"a\"b", 27);
    bad("dump a.json b.json", 28);
}

static void test_unclosed_or_missing_quote(void **state)
{
    (void)state;
    bad("tap \"Money", 31);
    bad("type \"abc\\\"", 32); /* the escaped quote does not close it */
    bad("expect Money", 33);
    bad("expect-not", 34);
    bad("type", 35);
    bad("type \"bad \\q escape\"", 36);
    bad("type \"ends in a backslash\\", 37);
}

static void test_shot_needs_png(void **state)
{
    (void)state;
    bad("shot x.jpg", 41);
    bad("shot x", 42);
    bad("shot .png", 43);
    bad("shot", 44);
    bad("shot x.png y.png", 45);
    bad("key", 46);
    bad("dump", 47);
}

static void test_malformed_message_quotes_line(void **state)
{
    (void)state;
    /* the message names the line number and quotes the line itself */
    script_cmd c;
    err e = {{0}};
    assert_int_equal(script_parse("tap 1 2 3", 99, &c, &e), -1);
    assert_non_null(strstr(e.msg, "line 99"));
    assert_non_null(strstr(e.msg, "tap 1 2 3"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tap_xy),
        cmocka_unit_test(test_tap_label),
        cmocka_unit_test(test_drag),
        cmocka_unit_test(test_type),
        cmocka_unit_test(test_key_wait_quit),
        cmocka_unit_test(test_shot_and_dump),
        cmocka_unit_test(test_expect),
        cmocka_unit_test(test_comments_and_blank_lines),
        cmocka_unit_test(test_crlf_line_endings),
        cmocka_unit_test(test_unknown_command),
        cmocka_unit_test(test_missing_numbers),
        cmocka_unit_test(test_negative_and_huge_numbers),
        cmocka_unit_test(test_trailing_garbage),
        cmocka_unit_test(test_unclosed_or_missing_quote),
        cmocka_unit_test(test_shot_needs_png),
        cmocka_unit_test(test_malformed_message_quotes_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
