/* survey: reading a pack's surveys (content_surveys, content_survey_get) on the fixture pack
 * build/fixture.pack, whose survey `needs` has one question of each type and the whole notice
 * in its 4 languages; the demo pack's surveys against the rules of assets/content/README.md;
 * and a pack built here and then made hostile (too many questions and choices, unknown
 * types, texts missing, icons out of range), which the reader bounds and filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "builder/pack.h"
#include "core/buf.h"
#include "feedback.h"
#include "pack/content.h"
#include "pack/format.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scratch.h"

#define FIXTURE "build/fixture.pack"
#define DEMO "build/demo.pack"

static content *open_pack(const char *path)
{
    err e = {{0}};
    content *c = content_open(path, &e);
    if (!c)
        fail_msg("cannot open %s (run `make all build/fixture.pack` first): %s", path, e.msg);
    return c;
}

/* ---- the fixture pack --------------------------------------------------------------- */

static void test_fixture_lists_its_survey(void **state)
{
    (void)state;
    content *c = open_pack(FIXTURE);
    arena a = {0};
    content_item *v;
    assert_int_equal(content_surveys(c, "lv", &a, &v), 1);
    assert_string_equal(v[0].id, "needs");
    assert_string_equal(v[0].title, "Kāda informācija jums vajadzīga?");
    assert_string_equal(v[0].lang_shown, "lv");
    assert_int_equal(v[0].icon, 0);
    /* a language the pack does not have: the fallback's title */
    assert_int_equal(content_surveys(c, "de", &a, &v), 1);
    assert_string_equal(v[0].title, "What information do you need?");
    assert_string_equal(v[0].lang_shown, "en");
    arena_free(&a);
    content_close(c);
}

static void test_fixture_every_type(void **state)
{
    (void)state;
    content *c = open_pack(FIXTURE);
    arena a = {0};
    content_survey s;
    assert_int_equal(content_survey_get(c, "needs", "en", &a, &s), 0);
    assert_string_equal(s.id, "needs");
    assert_string_equal(s.title, "What information do you need?");
    assert_true(s.nquestions >= 5 && s.nquestions <= 6);
    static const struct {
        const char *id;
        int type, nchoices;
    } want[] = {{"help", CONTENT_Q_FACES, 0},   {"know-latvian", CONTENT_Q_YESNO, 0},
                {"format", CONTENT_Q_SINGLE, 3}, {"topics", CONTENT_Q_MULTI, 4},
                {"comment", CONTENT_Q_TEXT, 0}};
    for (int k = 0; k < 5; k++) {
        const content_question *q = &s.questions[k];
        assert_string_equal(q->id, want[k].id);
        assert_int_equal(q->type, want[k].type);
        assert_int_equal(q->nchoices, want[k].nchoices);
        assert_true(strlen(q->text) > 10);
        if (!want[k].nchoices)
            assert_null(q->choices);
        for (int j = 0; j < q->nchoices; j++) {
            assert_true(*q->choices[j].id && *q->choices[j].label);
            assert_int_not_equal(q->choices[j].icon, 0); /* a pictogram */
        }
    }
    /* choices in the file's order, with their labels */
    assert_string_equal(s.questions[2].choices[0].id, "pictures");
    assert_string_equal(s.questions[2].choices[0].label, "Pictures");
    assert_string_equal(s.questions[2].choices[2].id, "person");
    assert_string_equal(s.questions[3].choices[3].label, "Work");
    arena_free(&a);
    content_close(c);
}

/* The operator's part of the notice is complete in each of the fixture's languages, in that
 * language, filled in (the fixture is signed in tests); the survey asks every background
 * question, and "under 18" brings the notice for children. */
static void test_fixture_notice_in_every_language(void **state)
{
    (void)state;
    content *c = open_pack(FIXTURE);
    static const char *const langs[] = {"en", "lv", "ar", "ti"};
    for (int l = 0; l < 4; l++) {
        arena a = {0};
        content_survey s;
        assert_int_equal(content_survey_get(c, "needs", langs[l], &a, &s), 0);
        const char *f[] = {s.title, s.who, s.use, s.contact, s.child};
        for (int k = 0; k < 5; k++) {
            assert_true(strlen(f[k]) > 0);
            assert_null(pack_placeholder_find(f[k], NULL));
        }
        assert_non_null(strstr(s.contact, "112"));
        assert_int_equal(s.background, (1u << FEEDBACK_NBACKGROUND) - 1);
        assert_int_equal(s.under18, CONTENT_UNDER18_NOTICE);
        for (int k = 0; k < s.nquestions; k++)
            assert_true(*s.questions[k].text);
        /* each text in the language asked for, not the fallback's */
        char owner[PACK_OWNER_MAX];
        assert_int_equal(pack_owner(owner, sizeof owner, PACK_OWNER_SURVEY, "needs"), 0);
        static const char *const keys[] = {"title", "who", "use", "contact", "child"};
        for (int k = 0; k < 5; k++) {
            const char *shown = NULL;
            assert_non_null(content_text(c, owner, keys[k], langs[l], &a, &shown));
            assert_string_equal(shown, langs[l]);
        }
        arena_free(&a);
    }
    content_close(c);
}

static void test_no_such_survey(void **state)
{
    (void)state;
    content *c = open_pack(FIXTURE);
    arena a = {0};
    content_survey s;
    s.nquestions = 99;
    assert_int_equal(content_survey_get(c, "no-such-survey", "en", &a, &s), -1);
    assert_int_equal(s.nquestions, 0);
    assert_null(s.questions);
    assert_int_equal(content_survey_get(c, "", "en", &a, &s), -1);
    assert_int_equal(content_survey_get(c, "needs' OR 1=1 --", "en", &a, &s), -1);
    assert_int_equal(content_survey_get(c, "NEEDS", "en", &a, &s), -1);
    assert_int_equal(content_survey_get(c, NULL, "en", &a, &s), -1);
    arena_free(&a);
    content_close(c);
}

/* ---- the demo pack ------------------------------------------------------------------ */

/* Every demo survey: at most 6 questions, the last an optional free text, the notice in all
 * 8 languages; the services survey asks whether it is safe to give one's opinion. */
static void test_demo_surveys(void **state)
{
    (void)state;
    content *c = open_pack(DEMO);
    arena a = {0};
    content_item *v;
    int n = content_surveys(c, "en", &a, &v);
    assert_int_equal(n, 2);
    int safe = 0;
    for (int k = 0; k < n; k++) {
        for (int l = 0; l < content_nlangs(c); l++) {
            const char *lang = content_lang_at(c, l)->code;
            content_survey s;
            assert_int_equal(content_survey_get(c, v[k].id, lang, &a, &s), 0);
            assert_true(s.nquestions >= 1 && s.nquestions <= 6);
            assert_int_equal(s.questions[s.nquestions - 1].type, CONTENT_Q_TEXT);
            const char *f[] = {s.title, s.who, s.use, s.contact};
            for (int j = 0; j < 4; j++)
                assert_true(strlen(f[j]) > 0);
            /* who names an organisation made up for the demo, marked as an example in the
             * language's own word; the contact's phone numbers are left to fill in */
            static const char *const example[] = {"PIEMĒRS", "EXAMPLE", "ПРИМЕР", "ПРИКЛАД",
                                                  "مثال", "نمونه", "MÎNAK", "ኣብነት"};
            assert_null(pack_placeholder_find(s.who, NULL));
            assert_true(!strncmp(s.who, example[l], strlen(example[l])));
            assert_true(pack_placeholder_count(s.contact) >= 1);
            /* age, gender and time in the country; no disability question (off unless asked);
             * "under 18": a notice for children in one survey, the end in the other */
            assert_int_equal(s.background, 1u << FEEDBACK_BG_AGE | 1u << FEEDBACK_BG_GENDER |
                                               1u << FEEDBACK_BG_TIME);
            if (!strcmp(v[k].id, "services")) {
                assert_int_equal(s.under18, CONTENT_UNDER18_NOTICE);
                assert_true(strlen(s.child) > 20);
            } else {
                assert_int_equal(s.under18, CONTENT_UNDER18_END);
                assert_string_equal(s.child, "");
            }
            for (int q = 0; q < s.nquestions; q++) {
                if (!strcmp(v[k].id, "services") && !strcmp(s.questions[q].id, "safe") &&
                    !strcmp(lang, "en")) {
                    assert_int_equal(s.questions[q].type, CONTENT_Q_YESNO);
                    safe = 1;
                }
                if (s.questions[q].type == CONTENT_Q_SINGLE || s.questions[q].type == CONTENT_Q_MULTI)
                    for (int j = 0; j < s.questions[q].nchoices; j++)
                        assert_int_not_equal(s.questions[q].choices[j].icon, 0);
            }
        }
    }
    assert_true(safe);
    arena_free(&a);
    content_close(c);
}

/* ---- a hostile pack ------------------------------------------------------------------ */

static void run_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("sqlite: %s", msg ? msg : "?");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* Builds the one-page source, in English and Latvian, with survey text s as surveys/s.txt,
 * for kiosks (as a signed build) when release; returns what pack_compile returned, with its
 * report in out. */
static int build_survey(const char *s, int release, pack_result *r, char *out, size_t cap)
{
    one_page_source("1", "A page.");
    puts_file(at("src/manifest.txt"),
              "pack: t\nversion: 1\nreference: en\nfallback: en\nlanguages: en lv\n"
              "title.en: T\ntitle.lv: T\n[language en]\nname: English\ndir: ltr\n"
              "[language lv]\nname: Latviešu\ndir: ltr\n[category c]\nicon: home\n"
              "title.en: C\ntitle.lv: C\npages: a\n");
    puts_file(at("src/pages/a/lv.md"), "---\ntitle: T\nstatus: reviewed\nchecked: 2022-12-01\n"
                                        "sources: common knowledge\n---\nLapa.\n");
    puts_file(at("src/pages/a/en.md"), "---\ntitle: T\nstatus: reviewed\nchecked: 2022-12-01\n"
                                        "sources: common knowledge\n---\nA page.\n");
    /* the translation made from today's English page: no warning that it is stale */
    int stamped;
    err se = {{0}};
    assert_int_equal(pack_stamp(at("src"), NULL, 0, NULL, NULL, &stamped, &se), 0);
    assert_int_equal(stamped, 1);
    mkdir(at("src/surveys"), 0700);
    puts_file(at("src/surveys/s.txt"), s);
    char *text = NULL;
    size_t len = 0;
    FILE *rep = open_memstream(&text, &len);
    assert_non_null(rep);
    pack_opts o = {.src = at("src"), .root = ".", .out = at("t.pack"), .report = rep,
                   .table = 1, .release = release};
    err e = {{0}};
    int rc = pack_compile(&o, r, &e);
    fclose(rep);
    snprintf(out, cap, "%s%s", text ? text : "", e.msg);
    free(text);
    return rc;
}

static int build_with_survey(const char *s, pack_result *r, char *out, size_t cap)
{
    return build_survey(s, 0, r, out, cap);
}

#define NOTICE "title.en: T\ntitle.lv: T\nwho.en: W\nwho.lv: W\n" \
               "use.en: U\nuse.lv: U\ncontact.en: Call {{fill in: a phone}}\n" \
               "contact.lv: Zvaniet {{fill in: tālrunis}}\n"
#define QUESTION "[question q]\ntype: yesno\ntext.en: Q?\ntext.lv: J?\n"

static void test_builder_reads_use_and_contact(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("survey"), 0);
    pack_result r;
    char rep[4096];
    if (build_with_survey(NOTICE QUESTION, &r, rep, sizeof rep))
        fail_msg("pack build: %s", rep);
    assert_int_equal(r.errors, 0);
    /* a contact left to fill in: one warning, since a signed pack would be refused */
    assert_int_equal(r.warnings, 1);
    assert_non_null(strstr(rep, "surveys/s.txt:7: `contact` holds a {{fill in: ...}} in 2 "
                                "languages: a signed pack (pack build --key) is refused"));
    /* stored like who: texts of owner survey:s, keys use and contact */
    content *c = open_pack(at("t.pack"));
    arena a = {0};
    content_survey s;
    assert_int_equal(content_survey_get(c, "s", "lv", &a, &s), 0);
    assert_string_equal(s.use, "U");
    assert_string_equal(s.contact, "Zvaniet {{fill in: tālrunis}}");
    arena_free(&a);
    content_close(c);
    /* counted with the other local details to fill in */
    assert_non_null(strstr(rep, "2 local details to fill in"));

    /* missing in one language: a warning naming the file, the line and the key */
    assert_int_equal(build_with_survey("title.en: T\ntitle.lv: T\n"
                                       "who.en: W\nwho.lv: W\nuse.en: U\n"
                                       "contact.en: C\ncontact.lv: C\n" QUESTION,
                                       &r, rep, sizeof rep), 0);
    assert_int_equal(r.warnings, 1);
    assert_non_null(strstr(rep, "surveys/s.txt:1: [top] has no `use.lv`"));

    /* missing in every language: an error, for use and for contact */
    assert_int_equal(build_with_survey("title.en: T\nwho.en: W\n" QUESTION, &r, rep,
                                       sizeof rep), -1);
    assert_int_equal(r.errors, 2);
    assert_non_null(strstr(rep, "needs `use.<lang>:` texts"));
    assert_non_null(strstr(rep, "needs `contact.<lang>:` texts"));

    /* braces a person would see are an error, as on a page */
    assert_int_equal(build_with_survey(NOTICE "[question q]\ntype: yesno\ntext.en: Q {{fill in?\n"
                                       "text.lv: J?\n", &r, rep, sizeof rep), -1);
    assert_int_equal(r.errors, 1);
    assert_non_null(strstr(rep, "surveys/s.txt:11: an unmatched {{ or }}"));
    assert_int_equal(scratch_remove(), 0);
}

#define FILLED "title.en: T\ntitle.lv: T\nwho.en: W\nwho.lv: W\nuse.en: U\nuse.lv: U\n" \
               "contact.en: C\ncontact.lv: C\n"

/* The background block of a survey file: which questions, what follows "under 18", the
 * notice for children; every mistake refused with file and line. */
static void test_builder_background(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("survey"), 0);
    pack_result r;
    char rep[4096];
    arena a = {0};
    content_survey s;
    /* no block: nothing asked about the person */
    if (build_with_survey(FILLED QUESTION, &r, rep, sizeof rep))
        fail_msg("pack build: %s", rep);
    assert_int_equal(r.warnings, 0);
    content *c = open_pack(at("t.pack"));
    assert_int_equal(content_survey_get(c, "s", "en", &a, &s), 0);
    assert_int_equal(s.background, 0);
    content_close(c);

    /* every question, in any order (the kiosk asks them in its own), and the notice */
    if (build_with_survey(FILLED "[background]\nask: disability time, age gender\n"
                                 "under18: notice\nchild.en: For you.\nchild.lv: Tev.\n" QUESTION,
                          &r, rep, sizeof rep))
        fail_msg("pack build: %s", rep);
    assert_int_equal(r.warnings, 0);
    c = open_pack(at("t.pack"));
    assert_int_equal(content_survey_get(c, "s", "lv", &a, &s), 0);
    assert_int_equal(s.background, (1u << FEEDBACK_NBACKGROUND) - 1);
    assert_int_equal(s.under18, CONTENT_UNDER18_NOTICE);
    assert_string_equal(s.child, "Tev.");
    assert_int_equal(s.nquestions, 1); /* the background is not one of the pack's questions */
    content_close(c);

    /* the end: no notice; a notice given anyway is a warning */
    assert_int_equal(build_with_survey(FILLED "[background]\nask: age\nunder18: end\n"
                                              "child.en: For you.\n" QUESTION,
                                       &r, rep, sizeof rep), 0);
    assert_int_equal(r.warnings, 1);
    assert_non_null(strstr(rep, "surveys/s.txt:12: `child.en` is shown only with under18: notice"));
    c = open_pack(at("t.pack"));
    assert_int_equal(content_survey_get(c, "s", "en", &a, &s), 0);
    assert_int_equal(s.background, 1u << FEEDBACK_BG_AGE);
    assert_int_equal(s.under18, CONTENT_UNDER18_END);
    assert_string_equal(s.child, "");
    content_close(c);

    static const struct {
        const char *block, *want;
    } bad[] = {
        {"[background]\nask: age height\nunder18: end\n",
         "surveys/s.txt:10: [background] ask: \"height\" is not a background question (age, "
         "gender, time, disability)"},
        {"[background]\nask: gender gender\n", "surveys/s.txt:10: [background] ask: gender is "
                                                 "named twice"},
        {"[background]\nask:\n", "surveys/s.txt:10: [background] ask: names no question"},
        {"[background]\nunder18: end\n", "surveys/s.txt:10: [background] needs `ask:`"},
        {"[background]\nask: age gender\n", "surveys/s.txt:10: [background] asks the age: say "
                                               "what follows \"Under 18\""},
        {"[background]\nask: age\nunder18: maybe\n",
         "surveys/s.txt:11: [background] under18: must be notice or end"},
        {"[background]\nask: age\nunder18: notice\n",
         "surveys/s.txt:11: [background] under18: notice needs the notice for children"},
        {"[background adults]\nask: gender\n",
         "surveys/s.txt:10: [background adults]: the section has no id"},
        {"[background]\nask: gender\n[question x]\ntype: yesno\ntext.en: X\n"
         "[background]\nask: time\n",
         "[background] is given more than once"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char text[1024];
        snprintf(text, sizeof text, FILLED "%s" QUESTION, bad[k].block);
        if (build_with_survey(text, &r, rep, sizeof rep) == 0 || !strstr(rep, bad[k].want))
            fail_msg("case %zu: not refused with \"%s\":\n%s", k, bad[k].want, rep);
    }
    /* an intro from before the kiosk said it itself: a warning, and not stored */
    assert_int_equal(build_with_survey(FILLED "intro.en: 6 short questions.\n" QUESTION, &r, rep,
                                       sizeof rep), 0);
    assert_non_null(strstr(rep, "surveys/s.txt:9: `intro` is not shown any more"));
    arena_free(&a);
    assert_int_equal(scratch_remove(), 0);
}

/* A pack for kiosks (signed: release) never leaves who reads the answers or whom to ask for
 * a personal matter to fill in; an unsigned build for a preview does, with a warning. */
static void test_release_refuses_placeholders(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("survey"), 0);
    pack_result r;
    char rep[4096];
    const char *who = "title.en: T\ntitle.lv: T\nwho.en: {{fill in: organisation}}\nwho.lv: W\n"
                      "use.en: U\nuse.lv: U\ncontact.en: C\ncontact.lv: C\n" QUESTION;
    assert_int_equal(build_survey(who, 1, &r, rep, sizeof rep), -1);
    assert_int_equal(r.errors, 1);
    assert_non_null(strstr(rep, "surveys/s.txt:3: `who.en` holds a {{fill in: ...}}: a signed "
                                "pack says who reads the answers"));
    assert_int_equal(build_survey(who, 0, &r, rep, sizeof rep), 0);
    assert_int_equal(r.warnings, 1);
    assert_int_equal(build_survey(NOTICE QUESTION, 1, &r, rep, sizeof rep), -1);
    assert_int_equal(r.errors, 2); /* contact in both languages */
    assert_non_null(strstr(rep, "surveys/s.txt:8: `contact.lv` holds a {{fill in: ...}}: a signed "
                                "pack says whom to ask for a personal matter"));
    /* a placeholder in what it is used for is not refused: only who and contact promise a
     * person */
    assert_int_equal(build_survey("title.en: T\ntitle.lv: T\nwho.en: W\nwho.lv: W\n"
                                  "use.en: {{fill in: use}}\nuse.lv: U\ncontact.en: C\n"
                                  "contact.lv: C\n" QUESTION, 1, &r, rep, sizeof rep), 0);
    assert_int_equal(build_survey(FILLED QUESTION, 1, &r, rep, sizeof rep), 0);
    assert_int_equal(scratch_remove(), 0);
}

/* A pack of format 1 (before the background block) still opens, and its surveys ask nothing
 * about the person; a pack whose meta and tables disagree on the format does not. */
static void test_format_1_asks_no_background(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("survey"), 0);
    pack_result r;
    char rep[4096];
    if (build_with_survey(FILLED "[background]\nask: age gender\nunder18: end\n" QUESTION, &r,
                          rep, sizeof rep))
        fail_msg("pack build: %s", rep);
    run_sql(at("t.pack"), "ALTER TABLE surveys RENAME TO s2;"
                          "CREATE TABLE surveys(id TEXT PRIMARY KEY, ord INTEGER);"
                          "INSERT INTO surveys SELECT id, ord FROM s2; DROP TABLE s2;");
    err e = {{0}};
    content *c = content_open(at("t.pack"), &e); /* the tables of 1, the meta of 2 */
    assert_null(c);
    assert_non_null(strstr(e.msg, "format is not"));
    run_sql(at("t.pack"), "UPDATE meta SET value='1' WHERE key='format'");
    c = open_pack(at("t.pack"));
    arena a = {0};
    content_survey s;
    assert_int_equal(content_survey_get(c, "s", "en", &a, &s), 0);
    assert_int_equal(s.background, 0);
    assert_int_equal(s.nquestions, 1);
    assert_string_equal(s.who, "W");
    arena_free(&a);
    content_close(c);
    /* format 1 in meta over the tables of 2 */
    if (build_with_survey(FILLED QUESTION, &r, rep, sizeof rep))
        fail_msg("pack build: %s", rep);
    run_sql(at("t.pack"), "UPDATE meta SET value='1' WHERE key='format'");
    assert_null(content_open(at("t.pack"), &e));
    assert_int_equal(scratch_remove(), 0);
}

static void test_hostile_survey_is_bounded(void **state)
{
    (void)state;
    assert_int_equal(scratch_make("survey"), 0);
    pack_result r;
    char msg[4096];
    if (build_with_survey(NOTICE QUESTION, &r, msg, sizeof msg))
        fail_msg("pack build: %s", msg);
    /* after the build: 40 questions, the even ones single with 40 choices each (icons in and out
     * of range, one without a label), and a few that nobody could answer */
    buf sql;
    buf_init(&sql);
    buf_adds(&sql, "BEGIN;");
    for (int k = 0; k < 40; k++) {
        buf_printf(&sql, "INSERT INTO questions VALUES('s','x%d',%d,'%s');"
                              "INSERT INTO texts VALUES('question:s.x%d','text','en','X%d?');",
                              k, k + 1, k % 2 ? "faces" : "single", k, k);
        for (int j = 0; k % 2 == 0 && j < 40; j++)
            buf_printf(&sql, "INSERT INTO answers VALUES('s','x%d','a%d',%d,%lld);"
                                  "INSERT INTO texts SELECT 'answer:s.x%d.a%d','text','en','A%d'"
                                  " WHERE %d<>1;",
                                  k, j, j, j == 2 ? -5LL : j == 3 ? 0x110000LL : 0xE88ALL, k, j, j,
                                  j);
    }
    buf_adds(&sql, "UPDATE surveys SET background=' age  shoe gender age', under18='maybe';"
                   "UPDATE questions SET type='slider' WHERE id='x1';"
                          "DELETE FROM texts WHERE owner='question:s.x3';"
                          "DELETE FROM answers WHERE question='x4' AND ord>0;"
                          "UPDATE texts SET text=NULL WHERE owner='survey:s' AND key='use';"
                          "COMMIT;");
    run_sql(at("t.pack"), sql.data);
    buf_free(&sql);
    content *c = open_pack(at("t.pack"));
    arena a = {0};
    content_survey s;
    assert_int_equal(content_survey_get(c, "s", "en", &a, &s), 0);
    assert_string_equal(s.use, ""); /* NULL in the pack: "" */
    assert_string_equal(s.contact, "Call {{fill in: a phone}}");
    /* an unknown name asks nothing; an unknown under18 ends the survey */
    assert_int_equal(s.background, 1u << FEEDBACK_BG_AGE | 1u << FEEDBACK_BG_GENDER);
    assert_int_equal(s.under18, CONTENT_UNDER18_END);
    /* the first 16 rows only (q, x0..x14), less the 3 nobody could answer: x1 has an unknown
     * type, x3 no text, x4 one choice */
    assert_int_equal(s.nquestions, CONTENT_SURVEY_MAX_QUESTIONS - 3);
    assert_string_equal(s.questions[0].id, "q");
    assert_string_equal(s.questions[1].id, "x0");
    assert_string_equal(s.questions[2].id, "x2");
    assert_string_equal(s.questions[3].id, "x5");
    assert_int_equal(s.questions[3].type, CONTENT_Q_FACES);
    assert_int_equal(s.questions[3].nchoices, 0);
    assert_null(s.questions[3].choices);
    for (int k = 0; k < s.nquestions; k++) {
        const content_question *q = &s.questions[k];
        assert_true(q->type >= CONTENT_Q_FACES && q->type <= CONTENT_Q_TEXT);
        if (q->type != CONTENT_Q_SINGLE)
            continue;
        /* 16 rows read, the one without a label left out */
        assert_int_equal(q->nchoices, CONTENT_SURVEY_MAX_CHOICES - 1);
        assert_string_equal(q->choices[0].id, "a0");
        assert_string_equal(q->choices[1].id, "a2");
        assert_int_equal(q->choices[1].icon, 0); /* negative */
        assert_int_equal(q->choices[2].icon, 0); /* past U+10FFFF */
        assert_int_equal(q->choices[3].icon, 0xE88A);
    }
    arena_free(&a);
    content_close(c);
    assert_int_equal(scratch_remove(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_lists_its_survey),
        cmocka_unit_test(test_fixture_every_type),
        cmocka_unit_test(test_fixture_notice_in_every_language),
        cmocka_unit_test(test_no_such_survey),
        cmocka_unit_test(test_demo_surveys),
        cmocka_unit_test(test_builder_reads_use_and_contact),
        cmocka_unit_test(test_builder_background),
        cmocka_unit_test(test_release_refuses_placeholders),
        cmocka_unit_test(test_format_1_asks_no_background),
        cmocka_unit_test(test_hostile_survey_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
