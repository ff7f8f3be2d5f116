/* reader: what a native reader sees, in every language of the demo and at every size. The
 * on-screen keyboards as people know them, on search and on free text: Arabic and Persian not
 * mirrored (ض and the digit one the leftmost keys of their rows), the digits the pack writes
 * the language in, its own punctuation, shift where the script has capitals, every key inside
 * the screen and none over another; Ukrainian's apostrophe, Kurmanji without doubled digits,
 * Arabic search with its hamza forms and lam-alef, Ge'ez labiovelars; on free text the typed
 * text's last two lines in view and Next covering nothing. Link and address cards that fit;
 * a title cut at a word; help before a language in every language; back on the language
 * screen; the wheel; the "start again" card; the reasons in portrait; the kiosk's own
 * numbers in the language's digits. Built on a pack of the eight demo languages made here
 * (tests/unit/scratch.h), with the fake measurer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_measurer.h"
#include "scratch.h"

#include "builder/pack.h"
#include "core/utf8.h"
#include "pack/content.h"
#include "core/buf.h"
#include "ui/display.h"
#include "ui/theme.h"
#include "ui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static content *pack;
static uint64_t clock_ms = 10000;

#define AR_TITLE "المساعدة في الوثائق والإقامة والعمل والسكن والتعليم والصحة للقادمين الجدد إلى البلد"
#define LINK "https://www.example.org/sveiki/information-centre/documents-and-residence-permits"
#define ADDRESS "Brīvības iela 999, k-2 (the entrance from the courtyard), Rīga, LV-1010"
#define AR_ADDRESS "شارع بريفيباس 999، المبنى 2 (المدخل من الفناء)، ريغا، LV-1010"

static const char *const langs[] = {"lv", "en", "ru", "uk", "ar", "fa", "ku", "ti"};
static const int sizes[][2] = {{800, 480}, {1024, 600}, {1280, 800},
                               {1920, 1080}, {800, 1280}, {1080, 1920}};

static int setup(void **state)
{
    (void)state;
    if (scratch_make("keyboard"))
        return -1;
    one_page_source("1", "A page.");
    /* the eight languages (only English has the page: the others fall back), Arabic in
     * Arabic-Indic digits and Persian in Persian ones, and a survey with a free-text question */
    buf b;
    buf_init(&b);
    buf_adds(&b, "pack: t\nversion: 1\nreference: en\nfallback: en\nhelp: c\n"
                 "languages: lv en ru uk ar fa ku ti\ntitle.en: T\n"
                 "digits.ar: arabic\ndigits.fa: persian\n"
                 "[category c]\nicon: home\ntitle.en: C\ntitle.ar: " AR_TITLE "\npages: a\n");
    for (size_t k = 0; k < sizeof langs / sizeof *langs; k++)
        buf_printf(&b, "[language %s]\nname: %s\ndir: %s\n", langs[k], langs[k],
                   !strcmp(langs[k], "ar") || !strcmp(langs[k], "fa") ? "rtl" : "ltr");
    puts_file(at("src/manifest.txt"), b.data);
    buf_free(&b);
    /* the page: taller than any screen, with a long link and an address */
    for (int k = 0; k < 2; k++) {
        buf_init(&b);
        buf_printf(&b, "---\ntitle: T\nstatus: reviewed\nchecked: 2022-12-01\n---\n");
        for (int i = 0; i < 30; i++)
            buf_printf(&b, "%s\n\n", k ? "فقرة طويلة بما يكفي لتملأ سطرًا أو سطرين من الشاشة الصغيرة."
                                     : "A paragraph long enough to fill a line or two of a small screen.");
        buf_printf(&b, "@link " LINK " | %s\n@address %s | %s\n", k ? "الموقع" : "Website",
                   k ? AR_ADDRESS : ADDRESS, k ? "المكتب" : "Office");
        puts_file(at(k ? "src/pages/a/ar.md" : "src/pages/a/en.md"), b.data);
        buf_free(&b);
    }
    mkdir(at("src/surveys"), 0700);
    puts_file(at("src/surveys/s.txt"), "title.en: S\nwho.en: W\nuse.en: U\ncontact.en: C\n"
                                       "[background]\nask: age\nunder18: end\n"
                                       "[question c]\ntype: text\ntext.en: Anything else?\n");
    pack_opts o = {.src = at("src"), .root = ".", .out = at("k.pack")};
    pack_result r;
    err e = {{0}};
    if (pack_compile(&o, &r, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    pack = content_open(at("k.pack"), &e);
    if (!pack)
        fprintf(stderr, "%s\n", e.msg);
    return pack ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    content_close(pack);
    return scratch_remove();
}

static void tap(ui *u, const char *id)
{
    const ui_widget *w = ui_find_id(u, id);
    if (!w)
        fail_msg("no widget %s on screen %s (%s)", id, ui_screen_name(u), ui_lang(u));
    int x = w->x + w->w / 2, y = w->y + w->h / 2;
    clock_ms += 500; /* a person's taps, not a bounce */
    ui_event d = {.type = UI_EV_DOWN, .x = x, .y = y}, up = {.type = UI_EV_UP, .x = x, .y = y};
    ui_event_(u, &d, clock_ms);
    ui_event_(u, &up, clock_ms);
}

/* Takes a submission and keeps nothing: the tests look at the screens. */
static int keep_nothing(void *ctx, const store_submission *sub, char id[37], err *e)
{
    (void)ctx, (void)sub, (void)e;
    snprintf(id, 37, "11111111-2222-4333-8444-555555555555");
    return 0;
}

/* The kiosk in lang at w x h, on search (free == 0) or the survey's free-text question. */
static ui *open_keyboard(const char *lang, int w, int h, int free)
{
    ui_config cfg = {.w = w, .h = h, .now = clock_ms, .lang = lang, .submit = keep_nothing};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    tap(u, "start");
    if (!free) {
        tap(u, "search");
        return u;
    }
    tap(u, "feedback");
    for (int k = 0; k < 16 && !ui_find_id(u, "start"); k++)
        tap(u, "read-on"); /* the notice read to its end */
    tap(u, "start");
    tap(u, "next"); /* the age, skipped */
    if (!ui_find_id(u, "text"))
        fail_msg("no free-text field (%s %dx%d)", lang, w, h);
    return u;
}

static int overlap(const ui_widget *a, const ui_widget *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Every key inside the screen (w x h), none over another. */
static void keys_apart(ui *u, int w, int h, const char *where)
{
    int n = ui_widget_count(u);
    for (int i = 0; i < n; i++) {
        const ui_widget *a = ui_widget_at(u, i);
        if (a->role != UI_ROLE_KEY)
            continue;
        if (a->x < 0 || a->y < 0 || a->x + a->w > w || a->y + a->h > h ||
            a->h < THEME_TOUCH_MIN || a->w < THEME_TOUCH_MIN / 2)
            fail_msg("%s: key %s at %d,%d %dx%d", where, a->id, a->x, a->y, a->w, a->h);
        for (int j = i + 1; j < n; j++) {
            const ui_widget *b = ui_widget_at(u, j);
            if (b->role == UI_ROLE_KEY && overlap(a, b))
                fail_msg("%s: keys %s and %s overlap", where, a->id, b->id);
        }
    }
}

/* Whether the key with this id is the leftmost of the keys in its row (the same y). */
static void leftmost(ui *u, const char *id, const char *where)
{
    const ui_widget *k = ui_find_id(u, id);
    if (!k)
        fail_msg("%s: no key %s", where, id);
    int n = ui_widget_count(u);
    for (int i = 0; i < n; i++) {
        const ui_widget *o = ui_widget_at(u, i);
        if (o->role == UI_ROLE_KEY && o->y == k->y && o->x < k->x)
            fail_msg("%s: %s is left of %s", where, o->id, id);
    }
}

static void has_keys(ui *u, const char *const *ids, const char *where)
{
    for (int i = 0; ids[i]; i++)
        if (!ui_find_id(u, ids[i]))
            fail_msg("%s: no key %s", where, ids[i]);
}

/* At every size, on search and on free text: ض and the digit one the leftmost keys of their
 * rows in Arabic and Persian (not mirrored), the digits as the pack writes the language,
 * its punctuation, shift only where the script has capitals, the keys apart and inside. */
static void test_keyboards_at_every_size(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
            for (int free = 0; free < 2; free++) {
                const char *lang = langs[l];
                int w = sizes[s][0], h = sizes[s][1];
                char where[64];
                snprintf(where, sizeof where, "%s %dx%d %s", lang, w, h,
                         free ? "free text" : "search");
                ui *u = open_keyboard(lang, w, h, free);
                keys_apart(u, w, h, where);
                int cased = strcmp(lang, "ar") && strcmp(lang, "fa") && strcmp(lang, "ti");
                if (cased != (ui_find_id(u, "key-shift") != NULL))
                    fail_msg("%s: shift %s", where, cased ? "missing" : "where nothing has capitals");
                if (!strcmp(lang, "ar") || !strcmp(lang, "fa"))
                    leftmost(u, "key-ض", where);
                if (!strcmp(lang, "ar")) /* what an Arabic search needs too */
                    has_keys(u, (const char *[]){"key-أ", "key-إ", "key-آ", "key-لا", NULL}, where);
                /* no digit on the letters: they are on the second layer, once */
                for (const char *d = "0123456789"; *d; d++) {
                    char id[8] = "key-";
                    id[4] = *d;
                    if (ui_find_id(u, id))
                        fail_msg("%s: a digit %c among the letters", where, *d);
                }
                tap(u, "key-layer");
                keys_apart(u, w, h, where);
                const char *one = !strcmp(lang, "ar") ? "key-١" : !strcmp(lang, "fa") ? "key-۱"
                                                                                       : "key-1";
                leftmost(u, one, where);
                if (!strcmp(lang, "ar") || !strcmp(lang, "fa"))
                    has_keys(u, (const char *[]){"key-،", "key-؟", "key-.", "key-!", NULL}, where);
                else if (!strcmp(lang, "ti"))
                    has_keys(u, (const char *[]){"key-።", "key-፣", "key-፧", "key-!", NULL}, where);
                else
                    has_keys(u, (const char *[]){"key-.", "key-,", "key-?", "key-!", NULL}, where);
                tap(u, "key-layer"); /* back to the letters */
                if (!ui_find_id(u, !strcmp(lang, "ti") ? "key-ሀ" : !strcmp(lang, "ar") ? "key-ض"
                                   : !strcmp(lang, "fa") ? "key-ض" : !strcmp(lang, "ru") || !strcmp(lang, "uk") ? "key-й"
                                                                                          : "key-q"))
                    fail_msg("%s: not back on the letters", where);
                ui_free(u);
            }
}

/* What was missing: the Ukrainian apostrophe (сімʼя), capitals; one Kurmanji key a letter. */
static void test_ukrainian_and_kurmanji(void **state)
{
    (void)state;
    ui *u = open_keyboard("uk", 800, 480, 1);
    tap(u, "key-shift");
    tap(u, "key-С");
    static const char *const word[] = {"key-і", "key-м", "key-ʼ", "key-я", NULL};
    for (int k = 0; word[k]; k++)
        tap(u, word[k]);
    assert_string_equal(ui_find_id(u, "text")->label, "Сімʼя");
    ui_free(u);
    u = open_keyboard("ku", 800, 480, 0);
    int n = ui_widget_count(u);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (!strcmp(ui_widget_at(u, i)->id, ui_widget_at(u, j)->id))
                fail_msg("ku: key %s twice", ui_widget_at(u, i)->id);
    has_keys(u, (const char *[]){"key-ç", "key-ê", "key-î", "key-ş", "key-û", "key-x", NULL}, "ku");
    ui_free(u);
}

/* A Ge'ez consonant with labiovelar forms opens them under its vowel forms: ቀ ... ቈ ቊ ቋ ቌ ቍ
 * (U+1249, unassigned, left out). */
static void test_geez_labiovelars(void **state)
{
    (void)state;
    ui *u = open_keyboard("ti", 800, 480, 0);
    tap(u, "key-ቀ");
    static const char *const want[] = {"ቀ", "ቆ", "ቈ", "ቊ", "ቋ", "ቌ", "ቍ"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        int found = 0;
        for (int i = 0; i < ui_widget_count(u); i++)
            found |= !strncmp(ui_widget_at(u, i)->id, "form-", 5) &&
                     !strcmp(ui_widget_at(u, i)->label, want[k]);
        if (!found)
            fail_msg("no form %s", want[k]);
    }
    for (int i = 0; i < ui_widget_count(u); i++)
        assert_string_not_equal(ui_widget_at(u, i)->label, "\u1249");
    tap(u, "key-ገ");
    int gw = 0;
    for (int i = 0; i < ui_widget_count(u); i++)
        gw |= !strcmp(ui_widget_at(u, i)->label, "ጐ");
    assert_true(gw);
    tap(u, "key-ሀ"); /* no labiovelar: the vowel forms alone */
    for (int i = 0; i < ui_widget_count(u); i++)
            assert_string_not_equal(ui_widget_at(u, i)->id, "form-8");
    ui_free(u);
}

/* Free text at every size and in every language: what is typed keeps its last two lines in
 * view above the keyboard, and Next covers neither the field nor a key. */
static void test_free_text_in_view(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
            int w = sizes[s][0], h = sizes[s][1];
            char where[64];
            snprintf(where, sizeof where, "%s %dx%d", langs[l], w, h);
            ui *u = open_keyboard(langs[l], w, h, 1);
            ui_event ev = {.type = UI_EV_TEXT,
                           .text = "one two three four five six seven eight nine ten eleven "
                                   "twelve thirteen fourteen fifteen sixteen seventeen"};
            ui_event_(u, &ev, clock_ms += 500);
            const ui_widget *f = ui_find_id(u, "text"), *next = ui_find_id(u, "next");
            if (!next)
                next = ui_find_id(u, "send");
            assert_non_null(f);
            assert_non_null(next);
            theme_metrics m = theme_metrics_for(w, h);
            /* two lines of the tallest script (the fake Arabic face: 1.4 times its size) */
            int two = 2 * m.body * 14 / 10 + m.gap;
            if (f->h < two)
                fail_msg("%s: the field is %d px, two lines need %d", where, f->h, two);
            if (f->y + f->h > h || f->y < m.bar)
                fail_msg("%s: the field at %d..%d", where, f->y, f->y + f->h);
            for (int i = 0; i < ui_widget_count(u); i++) {
                const ui_widget *o = ui_widget_at(u, i);
                if ((o->role == UI_ROLE_KEY || o->role == UI_ROLE_INPUT ||
                     !strcmp(o->id, "urgent-help") || !strcmp(o->id, "question")) &&
                    overlap(o, next))
                    fail_msg("%s: next over %s", where, o->id);
                if (o->role == UI_ROLE_KEY && overlap(o, f))
                    fail_msg("%s: key %s over the field", where, o->id);
            }
            ui_free(u);
        }
}


/* ---- cards, titles, help, scrolling, dialogs, digits ---------------------------------- */

static int has(ui *u, const char *id) { return ui_find_id(u, id) != NULL; }

/* Presses page down until the widget with this id is on screen; NULL when it never is. */
static const ui_widget *scroll_to(ui *u, const char *prefix, const char *in_label)
{
    ui_event dn = {.type = UI_EV_KEY, .text = "pagedown"};
    for (int k = 0; k < 60; k++) {
        for (int i = 0; i < ui_widget_count(u); i++) {
            const ui_widget *w = ui_widget_at(u, i);
            if (!strncmp(w->id, prefix, strlen(prefix)) && strstr(w->label, in_label))
                return w;
        }
        ui_event_(u, &dn, clock_ms += 10);
    }
    return NULL;
}

/* The index of the scrim a card is drawn over, -1 when there is none. */
static int scrim_at(ui *u)
{
    const display_list *d = ui_display(u);
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].kind == DISPLAY_RECT && d->items[i].color == C_SCRIM)
            return (int)i;
    return -1;
}

/* The box of a text item: from its baseline, a line of its size up and a fifth down. */
static ui_widget text_box(const display_item *it)
{
    return (ui_widget){.x = it->x, .y = it->y - it->px, .w = it->w, .h = it->px * 6 / 5};
}

/* A link and an address on their cards, in every script, at every size: every word of the
 * card inside it and clear of its buttons and its QR code; the link in pieces that end at
 * / . or - only, in order. */
static void test_cards_fit(void **state)
{
    (void)state;
    static const char *const card_langs[] = {"en", "ar", "fa", "lv", "ti"};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (size_t l = 0; l < sizeof card_langs / sizeof *card_langs; l++)
            for (int kind = 0; kind < 2; kind++) {
                int w = sizes[s][0], h = sizes[s][1];
                const char *lang = card_langs[l];
                char where[80];
                snprintf(where, sizeof where, "%s %dx%d %s", lang, w, h, kind ? "address" : "link");
                ui_config cfg = {.w = w, .h = h, .now = clock_ms, .lang = lang, .page = "a"};
                ui *u = ui_new(pack, &fake_measurer, &cfg);
                const ui_widget *item = scroll_to(u, "item-", kind ? "LV-" : LINK);
                if (!item)
                    fail_msg("%s: no item", where);
                tap(u, item->id);
                ui_widget card = *ui_find_id(u, "item-card"), close = *ui_find_id(u, "close");
                const ui_widget *qr = ui_find_id(u, "qr");
                assert_non_null(qr);
                ui_widget q = *qr;
                theme_metrics m = theme_metrics_for(w, h);
                const display_list *d = ui_display(u);
                char link[512] = "";
                for (size_t i = (size_t)scrim_at(u) + 1; i < d->n; i++) {
                    const display_item *it = &d->items[i];
                    if (it->kind != DISPLAY_TEXT || it->face == TEXT_FACE_ICONS)
                        continue;
                    ui_widget b = text_box(it);
                    const char *t = display_text_of(d, it);
                    if (b.x < card.x || b.x + b.w > card.x + card.w || b.y < card.y ||
                        b.y + b.h > card.y + card.h)
                        fail_msg("%s: \"%.*s\" outside the card", where, (int)it->text_len, t);
                    if (overlap(&b, &close) && strncmp(t, ui_find_id(u, "close")->label, it->text_len))
                        fail_msg("%s: \"%.*s\" under Close", where, (int)it->text_len, t);
                    if (overlap(&b, &q) && !strstr(t, ui_find_id(u, "qr")->label))
                        fail_msg("%s: \"%.*s\" under the QR code", where, (int)it->text_len, t);
                    if (!kind && it->px > m.body) { /* a piece of the link */
                        char piece[256];
                        size_t n = 0;
                        for (size_t k = 0; k < it->text_len && n < sizeof piece - 1; k++)
                            if (strncmp(t + k, "\u200B", 3) || (k += 2, 0))
                                piece[n++] = t[k];
                        piece[n] = 0;
                        strncat(link, piece, sizeof link - strlen(link) - 1);
                        char last = n ? piece[n - 1] : 0;
                        if (strlen(link) < strlen(LINK) && last != '/' && last != '.' && last != '-')
                            fail_msg("%s: the link broken after \"%s\"", where, piece);
                    }
                }
                if (!kind)
                    assert_string_equal(link, LINK);
                ui_free(u);
            }
}

/* A title too long for the bar is cut at the end of a word, when one ends in the last third
 * of what fits: in Arabic, not "…اس". */
static void test_title_cut_at_word(void **state)
{
    (void)state;
    ui_config cfg = {.w = 800, .h = 480, .now = clock_ms, .lang = "ar"};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    tap(u, "start");
    tap(u, "c");
    const ui_widget *t = ui_find_id(u, "title");
    assert_non_null(t);
    assert_string_equal(t->label, AR_TITLE); /* the widget says it whole */
    ui_widget box = *t;
    const display_list *d = ui_display(u);
    const display_item *runs[16];
    int nruns = 0;
    for (size_t i = 0; i < d->n && nruns < 16; i++) {
        const display_item *it = &d->items[i];
        if (it->kind == DISPLAY_TEXT && it->y < box.h && it->x >= box.x &&
            it->x + it->w <= box.x + box.w)
            runs[nruns++] = it;
    }
    char shown[512] = "";
    for (int k = 0; k < nruns; k++) { /* right to left: the runs from the right */
        int r = k;
        for (int j = k + 1; j < nruns; j++)
            if (runs[j]->x > runs[r]->x)
                r = j;
        const display_item *it = runs[r];
        runs[r] = runs[k], runs[k] = it;
        strncat(shown, display_text_of(d, it), it->text_len);
    }
    size_t n = strlen(shown);
    assert_true(n > 3 && !strcmp(shown + n - 3, "\u2026"));
    shown[n - 3] = 0;
    while (n > 3 && shown[strlen(shown) - 1] == ' ')
        shown[strlen(shown) - 1] = 0;
    if (strncmp(AR_TITLE, shown, strlen(shown)) || AR_TITLE[strlen(shown)] != ' ')
        fail_msg("cut inside a word: %s|%s", shown, AR_TITLE + strlen(shown));
    ui_free(u);
}

/* Before a language is chosen, help says "help" in every language of the pack, and opens
 * help; the language screen has back, to the start screen, or home when a language was
 * chosen before. */
static void test_help_and_back_before_a_language(void **state)
{
    (void)state;
    ui_config cfg = {.w = 800, .h = 480, .now = clock_ms};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    for (int screen = 0; screen < 2; screen++) {
        const ui_widget *h = ui_find_id(u, "help");
        assert_non_null(h);
        arena a = {0};
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
            if (!strstr(h->label, content_ui(pack, langs[l], "Help", &a)))
                fail_msg("%s: help says no \"%s\"", ui_screen_name(u),
                         content_ui(pack, langs[l], "Help", &a));
        arena_free(&a);
        if (!screen)
            tap(u, "start");
    }
    assert_string_equal(ui_screen_name(u), "languages");
    tap(u, "help");
    assert_string_equal(ui_screen_name(u), "category");
    ui_free(u);
    u = ui_new(pack, &fake_measurer, &cfg);
    tap(u, "start");
    tap(u, "back");
    assert_string_equal(ui_screen_name(u), "attract");
    tap(u, "start");
    tap(u, "lang-uk");
    assert_string_equal(ui_screen_name(u), "home");
    tap(u, "back"); /* the globe: another language */
    assert_string_equal(ui_screen_name(u), "languages");
    tap(u, "back");
    assert_string_equal(ui_screen_name(u), "home");
    assert_string_equal(ui_lang(u), "uk");
    ui_free(u);
}

static char *dump(ui *u)
{
    buf b;
    buf_init(&b);
    ui_dump_json(u, &b);
    return buf_take(&b);
}

/* The mouse wheel scrolls what a drag scrolls: a page, and the survey's notice to its Start. */
static void test_wheel(void **state)
{
    (void)state;
    ui_config cfg = {.w = 800, .h = 480, .now = clock_ms, .lang = "en", .page = "a"};
    ui *u = ui_new(pack, &fake_measurer, &cfg);
    char *top = dump(u);
    ui_event down = {.type = UI_EV_WHEEL, .y = 3}, up = {.type = UI_EV_WHEEL, .y = -3};
    ui_event_(u, &down, clock_ms += 10);
    char *moved = dump(u);
    assert_string_not_equal(top, moved);
    ui_event_(u, &up, clock_ms += 10);
    char *back = dump(u);
    assert_string_equal(top, back);
    free(top), free(moved), free(back);
    ui_free(u);
    cfg = (ui_config){.w = 800, .h = 480, .now = clock_ms, .lang = "ru", .submit = keep_nothing};
    u = ui_new(pack, &fake_measurer, &cfg);
    tap(u, "start");
    tap(u, "feedback");
    assert_true(has(u, "read-on"));
    for (int k = 0; k < 40 && !has(u, "start"); k++)
        ui_event_(u, &down, clock_ms += 10);
    assert_true(has(u, "start"));
    ui_free(u);
}

/* "Start again?" says what a yes does, and has no empty gap: the card is as tall as what it
 * holds. */
static void test_start_again_card(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        ui_config cfg = {.w = w, .h = h, .now = clock_ms, .lang = "fa"};
        ui *u = ui_new(pack, &fake_measurer, &cfg);
        tap(u, "start");
        tap(u, "search");
        ui_event ev = {.type = UI_EV_TEXT, .text = "x"};
        ui_event_(u, &ev, clock_ms += 500);
        tap(u, "restart");
        const ui_widget *card = ui_find_id(u, "confirm-card"), *ask = ui_find_id(u, "confirm-ask"),
                        *what = ui_find_id(u, "confirm-what"), *yes = ui_find_id(u, "restart-yes");
        assert_non_null(card);
        assert_non_null(what);
        theme_metrics m = theme_metrics_for(w, h);
        assert_true(what->y >= ask->y + ask->h);
        if (yes->y - (what->y + what->h) > 2 * m.pad)
            fail_msg("%dx%d: a gap of %d px over the buttons", w, h, yes->y - (what->y + what->h));
        assert_true(card->y + card->h >= yes->y + yes->h);
        assert_true(card->y + card->h - (yes->y + yes->h) <= m.pad);
        ui_free(u);
    }
}

/* After a "no", the reasons are buttons at a button's proportions in portrait too (one under
 * another), inside the screen. */
static void test_reasons_in_portrait(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        ui_config cfg = {.w = w, .h = h, .now = clock_ms, .lang = "ar", .page = "a",
                         .submit = keep_nothing};
        ui *u = ui_new(pack, &fake_measurer, &cfg);
        tap(u, "helpful-no");
        int n = 0;
        for (int i = 0; i < ui_widget_count(u); i++) {
            const ui_widget *b = ui_widget_at(u, i);
            if (strncmp(b->id, "reason-", 7) || !strcmp(b->id, "reason-card") ||
                !strcmp(b->id, "reason-ask"))
                continue;
            n++;
            if (b->w < 2 * b->h || b->h < THEME_TOUCH_MIN || b->y + b->h > h || b->x < 0 ||
                b->x + b->w > w)
                fail_msg("%dx%d: %s is %dx%d at %d,%d", w, h, b->id, b->w, b->h, b->x, b->y);
        }
        assert_int_equal(n, 4);
        ui_free(u);
    }
}

/* The kiosk's own numbers in the digits the pack writes the language in: the age bands, the
 * count of questions, the question's number (Arabic here in ١٢٣, Persian in ۱۲۳). */
static void test_numbers_in_digits(void **state)
{
    (void)state;
    static const struct { const char *lang, *eighteen, *count; } want[] = {
        {"ar", "\u0661\u0668", "سؤالان"}, /* two: the dual, no digit */
        {"fa", "\u06F1\u06F8", "\u06F2"}, {"en", "18", "2"}};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        ui_config cfg = {.w = 1280, .h = 800, .now = clock_ms, .lang = want[k].lang,
                         .submit = keep_nothing};
        ui *u = ui_new(pack, &fake_measurer, &cfg);
        tap(u, "start");
        tap(u, "feedback");
        const ui_widget *count = ui_find_id(u, "notice-count");
        assert_non_null(count);
        if (!strstr(count->label, want[k].count))
            fail_msg("%s: %s", want[k].lang, count->label);
        for (int i = 0; i < 16 && !has(u, "start"); i++)
            tap(u, "read-on");
        tap(u, "start");
        int found = 0;
        for (int i = 0; i < ui_widget_count(u); i++) {
            const ui_widget *w = ui_widget_at(u, i);
            found |= strstr(w->label, want[k].eighteen) != NULL;
            if (strcmp(want[k].lang, "en"))
                for (const char *c = w->label; *c; c++)
                    if (*c >= '0' && *c <= '9')
                        fail_msg("%s: a Western digit in %s: %s", want[k].lang, w->id, w->label);
        }
        if (!found)
            fail_msg("%s: no %s among the age bands", want[k].lang, want[k].eighteen);
        ui_free(u);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keyboards_at_every_size),
        cmocka_unit_test(test_ukrainian_and_kurmanji),
        cmocka_unit_test(test_geez_labiovelars),
        cmocka_unit_test(test_free_text_in_view),
        cmocka_unit_test(test_cards_fit),
        cmocka_unit_test(test_title_cut_at_word),
        cmocka_unit_test(test_help_and_back_before_a_language),
        cmocka_unit_test(test_wheel),
        cmocka_unit_test(test_start_again_card),
        cmocka_unit_test(test_reasons_in_portrait),
        cmocka_unit_test(test_numbers_in_digits),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
