/* report html: index.html, one page that needs nothing else: inline CSS, the bundled fonts
 * subset and embedded (fonts.h), inline SVG charts, no script, no link outside itself, printable
 * on A4. It is written in the operator's language (tr.h: every heading, label, unit and note),
 * right to left when that language is, and shows words, never ids: answers by their labels,
 * faces by a drawn face and its word, pages and surveys by their titles, kiosks by their names
 * (report_kiosk_name). Every string from the database or the pack goes through
 * report_escape_html(); labels that may be in another script get dir="auto". Counts come as
 * report_show() gives them, so a hidden one is "<k" or "hidden" here as in the CSV files, and
 * a hidden count gets no bar, no share and no rank. Every chart has a table of the same
 * numbers beside it, and a chart whose counts are all hidden is a sentence instead. */
#include "report/data.h"
#include "report/escape.h"
#include "report/fonts.h"
#include "report/tr.h"

#include "fs.h"

#include <stdio.h>
#include <string.h>

#define T(s) report_tr_s(d->tr, s)
#define TN(one, many, n) report_tr_n(d->tr, one, many, n)

static const char *const css =
    ":root{--ink:#1d2330;--mute:#545c69;--line:#d5d9e0;--bg:#f5f6f8;--bar:#2f6690;--yes:#2f6690;"
    "--no:#b35a00;--track:#e8ebf0;--alert:#b3261e}"
    "*{box-sizing:border-box}"
    "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "body{margin:0;background:var(--bg);color:var(--ink);font-size:15px;line-height:1.5}"
    "main{max-width:1100px;margin:0 auto;padding:24px 28px 40px;background:#fff}"
    "h1{font-size:26px;margin:0 0 4px}"
    "h2{font-size:20px;margin:32px 0 6px;padding-top:10px;border-top:2px solid var(--ink)}"
    "h3{font-size:17px;margin:22px 0 4px}"
    "h4{font-size:15px;margin:16px 0 4px}"
    "p{margin:4px 0 10px}"
    ".sub,.note{color:var(--mute)}"
    ".note{font-size:14px}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}"
    ".card{flex:1 1 140px;border:1px solid var(--line);border-radius:6px;padding:10px 14px}"
    ".card b{display:block;font-size:26px;font-variant-numeric:tabular-nums}"
    ".card span{display:block;font-size:13.5px;margin-top:4px}#danger{flex:2 1 250px}"
    ".card.alert{border:2px solid var(--alert);background:#fdf0ee}.card.alert b{color:var(--alert)}"
    ".attention{border:2px solid var(--alert);border-radius:6px;padding:4px 16px;margin:16px 0;background:#fdf0ee}"
    ".attention h3{margin-top:8px;color:var(--alert)}"
    "ul.findings{padding-inline-start:20px;font-size:16px}ul.findings li{margin:6px 0}"
    "dl.units{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:14px}"
    "dl.units dt{font-weight:700}dl.units dd{margin:0}"
    "nav{font-size:14px;margin:8px 0 0}nav a{margin-inline-end:10px;color:var(--bar)}"
    "nav a,td a{display:inline-block;min-height:24px;min-width:24px;padding:2px 2px;text-align:center}"
    "table{border-collapse:collapse;margin:6px 0 10px;font-size:14px;min-width:60%}"
    "caption{text-align:start;font-size:13.5px;color:var(--mute);padding:2px 0}"
    "th,td{padding:4px 10px 4px 0;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}"
    "[dir=rtl] th,[dir=rtl] td{padding:4px 0 4px 10px}"
    "thead th{font-size:13px;color:var(--mute);font-weight:700;border-bottom:1px solid var(--ink)}"
    "tfoot th,tfoot td{border-top:1px solid var(--ink);border-bottom:0;font-weight:700}"
    "td.n,th.n{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap;padding-inline-start:10px}"
    "td.hid{color:var(--mute)}"
    ".wide{overflow-x:auto}"
    "#kiosks th[scope=row],#kiosks td,#bursts th[scope=row]{white-space:nowrap}"
    "td.bar{width:240px;min-width:120px;vertical-align:middle}"
    "svg.bar{display:block;width:100%;height:12px}[dir=rtl] svg.bar{transform:scaleX(-1)}"
    "svg.face{width:18px;height:18px;vertical-align:-4px;margin-inline-end:6px}"
    "tr.sep th{padding-top:14px;font-size:13px;color:var(--mute);border-bottom:1px solid var(--line)}"
    ".chart{display:block;width:100%;height:170px;border-bottom:1px solid var(--ink)}"
    ".axis{display:flex;justify-content:space-between;font-size:12.5px;color:var(--mute)}"
    ".legend{font-size:13.5px}.legend span{white-space:nowrap;margin-inline-end:14px}"
    ".q{break-inside:avoid;page-break-inside:avoid}"
    ".empty{border-inline-start:4px solid var(--line);padding:6px 12px;background:var(--bg)}"
    "footer{margin-top:36px;padding-top:10px;border-top:2px solid var(--ink);font-size:14px}"
    "footer h2{border:0;margin-top:0;padding-top:0;font-size:17px}"
    "@media print{body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}"
    "nav{display:none}section{break-before:page;page-break-before:always}"
    "section.first,section.attention{break-before:auto;page-break-before:auto}"
    "h2{border-top:0;margin-top:0;break-after:avoid;page-break-after:avoid}h3,h4{break-after:avoid}"
    "tr,.card,.chart,figure{break-inside:avoid;page-break-inside:avoid}td.bar{width:160px}"
    ".wide{overflow:visible}a{color:inherit;text-decoration:none}"
    "footer{break-before:page}@page{size:A4;margin:14mm}}";

/* Ink for charts: dark enough on paper and for a reader with weak colour vision (the faces
 * also differ in lightness). */
#define BAR "#2f6690"
#define NO "#b35a00"
static const char *const face_ink[FEEDBACK_NFACES] = {"#9b1c1c", "#d97706", "#65a30d", "#166534"};

static void h(buf *b, const char *s) { report_escape_html(b, s); }

static long val(const report_data *d, int c) { return d->cells.value[c]; }
static int hid(const report_data *d, int c) { return report_cells_hidden(&d->cells, c); }

/* A count as shown, in words where it is one ("hidden"). */
static const char *shown(const report_data *d, int c)
{
    const char *s = report_show(d, c);
    return hid(d, c) && s[0] != '<' ? T("hidden") : s;
}

/* A count: "<5" reads left to right in every language (in a right-to-left line its "<"
 * would be mirrored and read as the other way round). */
static void count_html(buf *b, const report_data *d, int c)
{
    const char *s = shown(d, c);
    if (s[0] == '<') {
        buf_adds(b, "<span dir=\"ltr\">");
        h(b, s);
        buf_adds(b, "</span>");
    } else
        h(b, s);
}

static void num(buf *b, const report_data *d, int c)
{
    buf_adds(b, hid(d, c) ? "<td class=\"n hid\">" : "<td class=\"n\">");
    count_html(b, d, c);
    buf_adds(b, "</td>");
}

/* A bar of a shown count against max (nothing for a hidden one); decoration, the number is
 * beside it */
static void bar(buf *b, const report_data *d, int c, long max, const char *color)
{
    buf_adds(b, "<td class=\"bar\">");
    if (!hid(d, c) && max > 0)
        buf_printf(b,
                   "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
                   "<rect width=\"100\" height=\"10\" fill=\"#e8ebf0\"/>"
                   "<rect width=\"%.2f\" height=\"10\" fill=\"%s\"/></svg>",
                   100.0 * (double)val(d, c) / (double)max, color);
    buf_adds(b, "</td>");
}

static long max_shown(const report_data *d, const int *cells, int n, size_t stride)
{
    long m = 0;
    for (int i = 0; i < n; i++) {
        int c = *(const int *)((const char *)cells + (size_t)i * stride);
        if (!hid(d, c) && val(d, c) > m)
            m = val(d, c);
    }
    return m;
}

/* An id turned into words when nothing better is known ("housing-support": "Housing support"):
 * a page of an older pack, or a report made without --pack. */
static void words_of(buf *b, const char *id)
{
    buf w;
    buf_init(&w);
    for (const char *s = id ? id : ""; *s; s++)
        buf_addc(&w, *s == '-' || *s == '_' ? ' ' : *s);
    if (w.len && w.data[0] >= 'a' && w.data[0] <= 'z')
        w.data[0] = (char)(w.data[0] - 'a' + 'A');
    h(b, w.data);
    buf_free(&w);
}

static void label(buf *b, const char *text, const char *id)
{
    if (text && *text)
        h(b, text);
    else
        words_of(b, id);
}

/* A small drawn face: its mouth turns up with the face's number (no neutral one). */
static void face_svg(buf *b, int f)
{
    static const char *const mouth[FEEDBACK_NFACES] = {"M6 16 Q10 11 14 16", "M6.5 15 Q10 12.5 13.5 15",
                                                       "M6.5 13 Q10 15.5 13.5 13", "M6 12 Q10 17 14 12"};
    buf_printf(b, "<svg class=\"face\" viewBox=\"0 0 20 20\" aria-hidden=\"true\"><circle cx=\"10\" cy=\"10\" "
                  "r=\"9\" fill=\"%s\"/><circle cx=\"7\" cy=\"8\" r=\"1.3\" fill=\"#fff\"/><circle cx=\"13\" "
                  "cy=\"8\" r=\"1.3\" fill=\"#fff\"/><path d=\"%s\" stroke=\"#fff\" stroke-width=\"1.6\" "
                  "fill=\"none\" stroke-linecap=\"round\"/></svg>",
               face_ink[f], mouth[f]);
}

/* An answer as a person reads it: a face drawn and named, "Yes", a choice's label from the
 * pack, the kiosk's words for its own answers (translated), else its id in words. */
static void value_label(buf *b, const report_data *d, const report_question *q, const report_value *v)
{
    int f = q && q->faces ? report_face_of(v->id) : -1;
    if (f >= 0) {
        face_svg(b, f);
        h(b, report_tr_kiosk(d->tr, feedback_faces[f].label));
        return;
    }
    if (v->label && *v->label) {
        /* the kiosk's own labels (feedback.h) are its .po strings; the pack's are translated */
        h(b, d->pack_id && q && !q->faces && !feedback_background_find(q->id) && strcmp(v->id, FEEDBACK_PREFER_NOT) &&
                     strcmp(v->id, FEEDBACK_YES) && strcmp(v->id, FEEDBACK_NO)
                 ? v->label
                 : report_tr_kiosk(d->tr, v->label));
        return;
    }
    words_of(b, v->id);
}

static const char *question_text(const report_question *q) { return q->text && *q->text ? q->text : NULL; }

static void lang_name(buf *b, const report_data *d, const report_lang *l)
{
    if (!strcmp(l->code, "other"))
        h(b, T("Other or unknown codes"));
    else if (l->name) {
        const char *name = T(l->name);
        h(b, name);
        if (l->own && strcmp(l->own, name)) {
            buf_adds(b, " (<span dir=\"auto\">");
            h(b, l->own);
            buf_adds(b, "</span>)");
        }
    } else if (l->own) {
        buf_adds(b, "<span dir=\"auto\">");
        h(b, l->own);
        buf_adds(b, "</span>");
    } else {
        report_fill(b, 1, T("Language \"{code}\""), "code", l->code, NULL);
    }
}

static const char *period_start(const report_data *d)
{
    return d->o->month ? T("Month starting") : T("Week starting");
}

/* A sentence in place of a chart or table whose counts are all hidden. */
static void all_hidden(buf *b, const report_data *d)
{
    char k[24];
    snprintf(k, sizeof k, "%ld", d->o->k);
    buf_adds(b, "<p class=\"empty\">");
    report_fill(b, 1, T("Every count here is below {k} people or hidden to protect them, so nothing is drawn. "
                        "A report over a longer period groups more people into each count: whole months "
                        "(--months) or earlier dates (--from)."),
                "k", k, NULL);
    buf_adds(b, "</p>");
}

static int any_shown(const report_data *d, const int *cells, int n)
{
    for (int i = 0; i < n; i++)
        if (!hid(d, cells[i]) && val(d, cells[i]) > 0)
            return 1;
    return 0;
}

/* ---- the first page ------------------------------------------------------------------- */

static void card(buf *b, const report_data *d, int c, const char *what)
{
    buf_adds(b, "<div class=\"card\"><b>");
    count_html(b, d, c);
    buf_adds(b, "</b><span>");
    h(b, what);
    buf_adds(b, "</span></div>");
}

/* The first card: how many typed answers hold a danger word (a person should read them
 * first). Not a count of people and not hidden: a text that may be a call for help must
 * reach someone, and the number says nothing of who wrote them. */
static void danger_card(buf *b, const report_data *d)
{
    if (d->danger_phrases <= 0) {
        buf_adds(b, "<div class=\"card\" id=\"danger\"><b>");
        h(b, T("not checked"));
        buf_adds(b, "</b><span>");
        h(b, d->danger_phrases < 0 ? T("Typed answers with a danger word: give --pack with the kiosks' pack to look for them.")
                                   : T("Typed answers with a danger word: the pack has no danger words (help.txt)."));
        buf_adds(b, "</span></div>");
        return;
    }
    buf_printf(b, "<div class=\"card%s\" id=\"danger\"><b>%ld</b><span>", d->texts_danger ? " alert" : "",
               d->texts_danger);
    h(b, TN("typed answer holds a danger word: a person should read it", "typed answers hold a danger word: a person should read them",
            d->texts_danger));
    buf_adds(b, "</span></div>");
}

/* Said in words under the cards when a typed answer holds a danger word. */
static void attention(buf *b, const report_data *d)
{
    if (d->danger_phrases <= 0 || !d->texts_danger)
        return;
    char n[24], k[24], held[24];
    snprintf(n, sizeof n, "%ld", d->texts_danger);
    snprintf(k, sizeof k, "%ld", d->o->k);
    snprintf(held, sizeof held, "%ld", d->texts_danger_held);
    long shown_n = d->texts_danger - d->texts_danger_held;
    buf_adds(b, "<div id=\"attention\" class=\"attention\"><h3>");
    report_fill(b, 1, TN("{count} typed answer needs a person to read it", "{count} typed answers need a person to read them",
                         d->texts_danger),
                "count", n, NULL);
    buf_adds(b, "</h3><p>");
    h(b, T("They hold a word or phrase that signals danger (the pack's danger words: abuse, violence, trafficking, "
           "threats and others, in every language of the pack). Someone may need help. Read them first."));
    if (shown_n) {
        buf_adds(b, " ");
        h(b, d->o->free_text ? T("They are at the top of free-text.csv, marked \"needs a person to read it\".")
                             : T("sveikictl report --free-text writes them at the top of free-text.csv, marked \"needs a person to read it\"."));
    }
    buf_adds(b, "</p>");
    if (d->texts_danger_held) {
        buf_adds(b, "<p><b>");
        report_fill(b, 1, TN("{count} of them is held back with its language:", "{count} of them are held back with their language:",
                             d->texts_danger_held),
                    "count", held, NULL);
        buf_adds(b, "</b> ");
        report_fill(b, 1, T("fewer than {k} people answered a survey in that language in these dates, so the words could show "
                            "who wrote them. A person with the right to read the answers finds them in the central database "
                            "(the README of Sveiki says how, under \"Texts held back\")."),
                    "k", k, NULL);
        buf_adds(b, "</p>");
    }
    buf_adds(b, "<p class=\"note\">");
    h(b, T("The words are matched whole, on a copy of the text with case, accents, letter forms and invisible characters "
           "evened out, as the kiosk matches them: the kiosk offered its hotlines to the person before such a text was sent."));
    buf_adds(b, "</p></div>");
}

static const report_survey *survey_of(const report_data *d, const char *id)
{
    for (int s = 0; s < d->nsurveys; s++)
        if (!strcmp(d->surveys[s].id, id))
            return &d->surveys[s];
    return NULL;
}

/* "So what": the things most asked for, the pages least helpful, satisfaction and the texts
 * that need a person, in sentences made from the counts as shown (never from a hidden one). */
static void findings(buf *b, const report_data *d)
{
    char n1[24], n2[24], k[24];
    snprintf(k, sizeof k, "%ld", d->o->k);
    buf_adds(b, "<ul class=\"findings\">");
    /* the typed answers that need a person */
    if (d->danger_phrases > 0) {
        buf_adds(b, "<li>");
        snprintf(n1, sizeof n1, "%ld", d->texts_danger);
        if (d->texts_danger)
            report_fill(b, 2, TN("{count} typed answer holds a danger word: a person should read it first.",
                                 "{count} typed answers hold a danger word: a person should read them first.", d->texts_danger),
                        "count", n1, NULL);
        else
            h(b, T("No typed answer holds one of the pack's danger words."));
        buf_adds(b, "</li>");
    }
    /* the three choices chosen most, over every multiple-choice question */
    const report_topic *top[3] = {0};
    for (int i = 0; i < d->ntopics; i++) {
        const report_topic *t = &d->topics[i];
        if (hid(d, t->v->cell) || !val(d, t->v->cell))
            continue;
        for (int j = 0; j < 3; j++)
            if (!top[j] || val(d, t->v->cell) > val(d, top[j]->v->cell)) {
                for (int m = 2; m > j; m--)
                    top[m] = top[m - 1];
                top[j] = t;
                break;
            }
    }
    buf_adds(b, "<li>");
    if (top[0]) {
        h(b, T("Most asked for:"));
        for (int j = 0; j < 3 && top[j]; j++) {
            buf_adds(b, j ? "; <b dir=\"auto\">" : " <b dir=\"auto\">");
            value_label(b, d, top[j]->q, top[j]->v);
            buf_adds(b, "</b> (");
            snprintf(n1, sizeof n1, "%ld", val(d, top[j]->v->cell));
            report_fill(b, 1, TN("{count} person", "{count} people", val(d, top[j]->v->cell)), "count", n1, NULL);
            buf_adds(b, ")");
        }
        buf_adds(b, ".");
    } else if (d->ntopics)
        report_fill(b, 1, T("No choice of the multiple-choice questions was made by {k} people or more in these dates: "
                            "a report over a longer period would show what is asked for most."),
                    "k", k, NULL);
    else
        h(b, T("No multiple-choice question was answered in these dates."));
    buf_adds(b, "</li>");
    /* the pages most often not helpful, with the reason given most */
    int np = 0;
    for (int i = 0; i < d->npages && np < 3; i++) {
        const report_page *p = &d->pages[i];
        if (!p->ranked || !val(d, p->no))
            continue;
        buf_adds(b, np++ ? "; <b dir=\"auto\">" : "<li>");
        if (np == 1) {
            h(b, T("Pages most often not helpful:"));
            buf_adds(b, " <b dir=\"auto\">");
        }
        label(b, p->title, p->id);
        buf_adds(b, "</b> (");
        snprintf(n1, sizeof n1, "%ld", val(d, p->no));
        snprintf(n2, sizeof n2, "%ld", p->nvotes);
        report_fill(b, 1, TN("{no} of {votes} vote said no", "{no} of {votes} votes said no", p->nvotes), "no", n1,
                    "votes", n2, NULL);
        int best = -1;
        for (int j = 0; p->reasons >= 0 && j < FEEDBACK_NREASONS; j++)
            if (!hid(d, p->reason[j]) && val(d, p->reason[j]) &&
                (best < 0 || val(d, p->reason[j]) > val(d, p->reason[best])))
                best = j;
        if (best >= 0) {
            buf_adds(b, "; ");
            report_fill(b, 1, T("most often: \"{reason}\""), "reason",
                        report_tr_kiosk(d->tr, feedback_reasons[best].label), NULL);
        }
        buf_adds(b, ")");
    }
    if (np)
        buf_adds(b, ".</li>");
    else if (d->npages) {
        buf_adds(b, "<li>");
        h(b, T("No page has enough votes, with a \"no\" among them, to be ranked in these dates."));
        buf_adds(b, "</li>");
    }
    /* satisfaction: the happy faces among every faces answer */
    int faces_shown = !hid(d, d->faces_all) && val(d, d->faces_all) > 0;
    for (int f = 0; f < FEEDBACK_NFACES; f++)
        faces_shown &= !hid(d, d->face_all[f]);
    if (faces_shown) {
        long happy = val(d, d->face_all[2]) + val(d, d->face_all[3]);
        snprintf(n1, sizeof n1, "%ld", happy);
        snprintf(n2, sizeof n2, "%ld", val(d, d->faces_all));
        buf_adds(b, "<li>");
        report_fill(b, 1, TN("{happy} of {all} face chosen was happy or very happy.",
                             "{happy} of {all} faces chosen were happy or very happy.", val(d, d->faces_all)),
                    "happy", n1, "all", n2, NULL);
        buf_adds(b, "</li>");
    } else if (d->ntrends) {
        buf_adds(b, "<li>");
        report_fill(b, 1, T("Too few faces were chosen in these dates to say how satisfied people were (fewer than {k} for "
                            "some face): a report over a longer period would."),
                    "k", k, NULL);
        buf_adds(b, "</li>");
    }
    if (hid(d, d->all) || !val(d, d->all)) {
        buf_adds(b, "<li>");
        report_fill(b, 1, T("Fewer than {k} survey submissions and page votes in these dates: a report over a longer "
                            "period (--months, or earlier --from) would show more."),
                    "k", k, NULL);
        buf_adds(b, "</li>");
    }
    buf_adds(b, "</ul>");
}

/* Each figure of the report, named once. */
static void units(buf *b, const report_data *d)
{
    char k[24], k1[24];
    snprintf(k, sizeof k, "%ld", d->o->k);
    snprintf(k1, sizeof k1, "%ld", d->o->k - 1);
    buf_adds(b, "<h3>");
    h(b, T("What the figures count"));
    buf_adds(b, "</h3><dl class=\"units\"><dt>");
    h(b, T("Survey submission"));
    buf_adds(b, "</dt><dd>");
    h(b, T("One person's answers to one survey, sent once. Someone who sends a survey twice is two submissions: "
           "nothing links one to the other."));
    buf_adds(b, "</dd><dt>");
    h(b, T("Page vote"));
    buf_adds(b, "</dt><dd>");
    h(b, T("One \"Was this helpful?\" answer on a page, yes or no, with the reason given after a no."));
    buf_adds(b, "</dd><dt>");
    h(b, T("People"));
    buf_adds(b, "</dt><dd>");
    h(b, T("In a question's table: the submissions that gave that answer."));
    buf_adds(b, "</dd><dt><span dir=\"ltr\">&lt;");
    h(b, k);
    buf_adds(b, "</span></dt><dd>");
    report_fill(b, 1, T("A count from 1 to {k1}, not shown so that nobody can be singled out."), "k1", k1, NULL);
    buf_adds(b, "</dd><dt>");
    h(b, T("hidden"));
    buf_adds(b, "</dt><dd>");
    report_fill(b, 1, T("A count of 0 or of {k} and more, not shown because a count below {k} could be worked out from it."),
                "k", k, NULL);
    buf_adds(b, "</dd></dl>");
}

static void header(buf *b, const report_data *d)
{
    const report_opts *o = d->o;
    buf_adds(b, "<header><h1>");
    h(b, T("Feedback report"));
    buf_adds(b, "</h1><p class=\"sub\">");
    char from[16], to[16];
    if (d->first >= 0) {
        snprintf(from, sizeof from, "%s", report_date(d->first));
        snprintf(to, sizeof to, "%s", report_date(d->last));
        report_fill(b, 1, T("Answers from {from} to {to} (UTC)."), "from", from, "to", to, NULL);
    } else
        h(b, T("No answers in these dates."));
    if (o->from > REPORT_T_MIN || o->to < REPORT_T_MAX) {
        snprintf(from, sizeof from, "%s", o->from > REPORT_T_MIN ? report_date(o->from) : "…");
        snprintf(to, sizeof to, "%s", o->to < REPORT_T_MAX ? report_date(o->to - 1) : "…");
        buf_adds(b, " ");
        report_fill(b, 1, o->month ? T("Whole months from {from} to {to}.") : T("Whole weeks (Monday to Sunday) from {from} to {to}."),
                    "from", from, "to", to, NULL);
    }
    if (d->widened) {
        snprintf(from, sizeof from, "%s", d->asked_from > REPORT_T_MIN ? report_date(d->asked_from) : "…");
        snprintf(to, sizeof to, "%s", d->asked_to < REPORT_T_MAX ? report_date(d->asked_to - 1) : "…");
        buf_adds(b, " <b>");
        report_fill(b, 1, T("Widened: asked for {from} to {to}; reports cover whole periods, so that two of them never "
                            "differ by a few days' people."),
                    "from", from, "to", to, NULL);
        buf_adds(b, "</b>");
    }
    buf_adds(b, " ");
    if (d->pack_id)
        report_fill(b, 1, T("Titles and answers from the content pack \"{pack}\", version {version}."), "pack", d->pack_id,
                    "version", d->pack_version, NULL);
    else
        h(b, T("No content pack was given (--pack): pages, surveys and answers are named by their ids in words."));
    buf_adds(b, "</p></header>");
}

static void first_page(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"summary\" class=\"first\"><h2>");
    h(b, T("In short"));
    buf_adds(b, "</h2>");
    findings(b, d);
    buf_adds(b, "<div class=\"cards\">");
    danger_card(b, d);
    card(b, d, d->surveys_all, T("Survey submissions"));
    card(b, d, d->votes, T("Page votes"));
    buf_printf(b, "<div class=\"card\"><b>%d</b><span>", d->ndevices);
    h(b, TN("kiosk", "kiosks", d->ndevices));
    buf_printf(b, "</span></div><div class=\"card\"><b>%d</b><span>", d->nbursts);
    h(b, TN("burst of identical submissions", "bursts of identical submissions", d->nbursts));
    buf_adds(b, "</span></div></div>");
    attention(b, d);
    if (d->skipped_time) {
        char n[24];
        snprintf(n, sizeof n, "%ld", d->skipped_time);
        buf_adds(b, "<p class=\"note\">");
        report_fill(b, 1, TN("{count} answer with a time before 2000 or after 2099 was left out.",
                             "{count} answers with a time before 2000 or after 2099 were left out.", d->skipped_time),
                    "count", n, NULL);
        buf_adds(b, "</p>");
    }
    units(b, d);
    static const struct { const char *id, *name; } nav[] = {
        {"satisfaction", N_("Satisfaction over time")}, {"weeks", N_("Per week")}, {"pages", N_("Pages")},
        {"topics", N_("Most asked for")}, {"questions", N_("Survey questions")}, {"kiosks", N_("Kiosks")},
        {"who", N_("Who answered")}, {"by-language", N_("By language")}, {"bursts", N_("Identical submissions")},
        {"rule", N_("Small groups")}};
    buf_adds(b, "<nav aria-label=\"");
    h(b, T("Sections"));
    buf_adds(b, "\">");
    for (size_t i = 0; i < sizeof nav / sizeof *nav; i++) {
        buf_printf(b, "<a href=\"#%s\">", nav[i].id);
        h(b, T(nav[i].name));
        buf_adds(b, "</a>");
    }
    buf_adds(b, "</nav></section>");
}

/* ---- satisfaction over time ------------------------------------------------------------ */

/* A period's faces as a column of four shares (100 %), when every count of it is shown. */
static void trend_chart(buf *b, const report_data *d, const report_bg *t)
{
    int np = d->nperiods, n = t->nchoices, drawn = 0;
    buf w;
    buf_init(&w);
    for (int p = 0; p < np; p++) {
        int ok = !hid(d, t->period_total[p]) && val(d, t->period_total[p]) > 0;
        long faces = 0;
        for (int f = 0; f < FEEDBACK_NFACES && ok; f++)
            ok = !hid(d, t->cells[p * n + f]), faces += val(d, t->cells[p * n + f]);
        if (!ok || !faces)
            continue;
        drawn++;
        double y = 100;
        for (int f = 0; f < FEEDBACK_NFACES; f++) {
            double hgt = 100.0 * (double)val(d, t->cells[p * n + f]) / (double)faces;
            y -= hgt;
            buf_printf(&w, "<rect x=\"%d\" y=\"%.2f\" width=\"8\" height=\"%.2f\" fill=\"%s\"/>", p * 10 + 1, y, hgt,
                       face_ink[f]);
        }
    }
    if (!drawn) {
        all_hidden(b, d);
        buf_free(&w);
        return;
    }
    buf_adds(b, "<p class=\"legend\" aria-hidden=\"true\">");
    for (int f = FEEDBACK_NFACES - 1; f >= 0; f--) {
        buf_adds(b, "<span>");
        face_svg(b, f);
        h(b, report_tr_kiosk(d->tr, feedback_faces[f].label));
        buf_adds(b, "</span>");
    }
    buf_adds(b, "</p><div dir=\"ltr\"><svg class=\"chart\" viewBox=\"0 0 ");
    buf_printf(b, "%d 100\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"", np * 10);
    h(b, T("The share of each face per period: the same counts are in the table below."));
    buf_adds(b, "\">");
    buf_add(b, w.data, w.len);
    buf_adds(b, "</svg><div class=\"axis\"><span>");
    h(b, report_day(d->periods[0]));
    buf_adds(b, "</span><span>");
    h(b, report_day(d->periods[np - 1]));
    buf_adds(b, "</span></div></div>");
    if (drawn < np) {
        buf_adds(b, "<p class=\"note\">");
        h(b, T("A period with a hidden count has no column."));
        buf_adds(b, "</p>");
    }
    buf_free(&w);
}

/* A table over the periods (a background question, or a faces question). */
static void period_table(buf *b, const report_data *d, const report_bg *g, const report_question *q, const char *caption)
{
    buf_adds(b, "<div class=\"wide\" tabindex=\"0\"><table><caption>");
    h(b, caption);
    buf_adds(b, "</caption><thead><tr><th scope=\"col\">");
    h(b, period_start(d));
    buf_adds(b, "</th>");
    for (int c = 0; c < g->nchoices; c++) {
        buf_adds(b, "<th scope=\"col\" class=\"n\" dir=\"auto\">");
        value_label(b, d, q, &g->choices[c]);
        buf_adds(b, "</th>");
    }
    buf_adds(b, "<th scope=\"col\" class=\"n\">");
    h(b, T("All"));
    buf_adds(b, "</th></tr></thead><tbody>");
    for (int p = 0; p < d->nperiods; p++) {
        buf_printf(b, "<tr><th scope=\"row\">%s</th>", report_day(d->periods[p]));
        for (int c = 0; c < g->nchoices; c++)
            num(b, d, g->cells[p * g->nchoices + c]);
        num(b, d, g->period_total[p]);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th scope=\"row\">");
    h(b, T("All periods"));
    buf_adds(b, "</th>");
    for (int c = 0; c < g->nchoices; c++)
        num(b, d, g->choices[c].cell);
    num(b, d, g->total);
    buf_adds(b, "</tr></tfoot></table></div>");
}

static void satisfaction(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"satisfaction\"><h2>");
    h(b, T("Satisfaction over time"));
    buf_adds(b, "</h2>");
    if (!d->ntrends) {
        buf_adds(b, "<p>");
        h(b, T("No question with faces was answered in these dates."));
        buf_adds(b, "</p></section>");
        return;
    }
    buf_adds(b, "<p class=\"note\">");
    h(b, d->o->month ? T("The faces people chose, per month: the share of each face in the month's answers.")
                     : T("The faces people chose, per week: the share of each face in the week's answers."));
    buf_adds(b, "</p>");
    for (int i = 0; i < d->ntrends; i++) {
        const report_bg *t = &d->trends[i];
        buf_adds(b, "<div class=\"q\"><h3 dir=\"auto\">");
        label(b, question_text(t->q), t->q->id);
        buf_adds(b, "</h3><p class=\"note\" dir=\"auto\">");
        h(b, t->survey);
        buf_adds(b, "</p>");
        trend_chart(b, d, t);
        period_table(b, d, t, t->q, T("Faces chosen per period"));
        buf_adds(b, "</div>");
    }
    buf_adds(b, "</section>");
}

/* ---- per week and per language ------------------------------------------------------------ */

static void lang_heads(buf *b, const report_data *d, const int *langs, int n)
{
    for (int j = 0; j < n; j++) {
        buf_adds(b, "<th scope=\"col\" class=\"n\">");
        lang_name(b, d, &d->langs[langs ? langs[j] : j]);
        buf_adds(b, "</th>");
    }
}

static void weeks(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"weeks\"><h2>");
    h(b, T("Survey submissions and page votes per week"));
    buf_adds(b, "</h2>");
    if (!d->nweeks) {
        buf_adds(b, "<p>");
        h(b, T("No survey submissions or page votes in these dates."));
        buf_adds(b, "</p></section>");
        return;
    }
    int n = d->nweeks;
    long max = max_shown(d, &d->weeks[0].total, n, sizeof *d->weeks);
    if (!max)
        all_hidden(b, d);
    else {
        /* one slot a week from the first to the last, so a week without answers is a gap */
        int64_t span = (d->weeks[n - 1].day - d->weeks[0].day) / 7 + 1;
        char m[24];
        snprintf(m, sizeof m, "%ld", max);
        buf_adds(b, "<p class=\"note\">");
        report_fill(b, 1, T("Each column is a week; the highest holds {max}. A week with a hidden count has no column."),
                    "max", m, NULL);
        buf_printf(b, "</p><div dir=\"ltr\"><svg class=\"chart\" viewBox=\"0 0 %lld 100\" preserveAspectRatio=\"none\" "
                      "role=\"img\" aria-label=\"", (long long)span * 10);
        h(b, T("Survey submissions and page votes per week: the same counts are in the table below."));
        buf_adds(b, "\">");
        for (int i = 0; i < n; i++) {
            int c = d->weeks[i].total;
            long long x = (long long)(d->weeks[i].day - d->weeks[0].day) / 7 * 10 + 1;
            if (!hid(d, c)) {
                double hgt = 100.0 * (double)val(d, c) / (double)max;
                buf_printf(b, "<rect x=\"%lld\" y=\"%.2f\" width=\"8\" height=\"%.2f\" fill=\"" BAR "\"/>", x, 100.0 - hgt, hgt);
            }
        }
        buf_adds(b, "</svg><div class=\"axis\"><span>");
        h(b, report_day(d->weeks[0].day));
        buf_adds(b, "</span><span>");
        h(b, report_day(d->weeks[n - 1].day));
        buf_adds(b, "</span></div></div>");
    }
    buf_adds(b, "<div class=\"wide\" tabindex=\"0\"><table><caption>");
    h(b, T("Survey submissions and page votes per week and language of the kiosk's screens"));
    buf_adds(b, "</caption><thead><tr><th scope=\"col\">");
    h(b, T("Week starting"));
    buf_adds(b, "</th>");
    lang_heads(b, d, NULL, d->nlangs);
    buf_adds(b, "<th scope=\"col\" class=\"n\">");
    h(b, T("All"));
    buf_adds(b, "</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        buf_printf(b, "<tr><th scope=\"row\">%s</th>", report_day(d->weeks[i].day));
        for (int j = 0; j < d->nlangs; j++)
            num(b, d, d->week_lang[i * d->nlangs + j]);
        num(b, d, d->weeks[i].total);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th scope=\"row\">");
    h(b, T("All weeks"));
    buf_adds(b, "</th>");
    for (int j = 0; j < d->nlangs; j++)
        num(b, d, d->langs[j].total);
    num(b, d, d->all);
    buf_adds(b, "</tr></tfoot></table></div>");
    /* per language, as bars */
    buf_adds(b, "<h3 id=\"languages\">");
    h(b, T("Per language"));
    buf_adds(b, "</h3><table><thead><tr><th scope=\"col\">");
    h(b, T("Language of the kiosk's screens"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Submissions and votes"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">%</th><td></td></tr></thead><tbody>");
    long lmax = max_shown(d, &d->langs[0].total, d->nlangs, sizeof *d->langs);
    for (int j = 0; j < d->nlangs; j++) {
        buf_adds(b, "<tr><th scope=\"row\">");
        lang_name(b, d, &d->langs[j]);
        buf_adds(b, "</th>");
        num(b, d, d->langs[j].total);
        buf_printf(b, "<td class=\"n\">%s</td>", report_share(d, d->langs[j].total, d->all));
        bar(b, d, d->langs[j].total, lmax, BAR);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody></table></section>");
}

/* ---- pages: not helpful first, with the reasons ------------------------------------------ */

static void pages(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"pages\"><h2>");
    h(b, T("Pages ranked by \"not helpful\""));
    buf_adds(b, "</h2>");
    if (!d->npages) {
        buf_adds(b, "<p>");
        h(b, T("No page votes in these dates."));
        buf_adds(b, "</p></section>");
        return;
    }
    buf_adds(b, "<p class=\"note\">");
    h(b, T("The pages the most people found not helpful come first, with the reasons they gave after \"no\" "
           "(a reason is optional: not everyone gives one)."));
    buf_adds(b, "</p><p class=\"legend\" aria-hidden=\"true\"><span><svg class=\"face\" viewBox=\"0 0 10 10\"><rect "
                "width=\"10\" height=\"10\" fill=\"" NO "\"/></svg>");
    h(b, T("No"));
    buf_adds(b, "</span><span><svg class=\"face\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\" fill=\"" BAR
                "\"/></svg>");
    h(b, T("Yes"));
    buf_adds(b, "</span></p><div class=\"wide\" tabindex=\"0\"><table><thead><tr><th scope=\"col\" class=\"n\">#</th><th scope=\"col\">");
    h(b, T("Page"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Votes"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Yes"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("No"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Not helpful"));
    buf_adds(b, "</th><td></td>");
    for (int j = 0; j < FEEDBACK_NREASONS; j++) {
        buf_adds(b, "<th scope=\"col\" class=\"n\">");
        h(b, report_tr_kiosk(d->tr, feedback_reasons[j].label));
        buf_adds(b, "</th>");
    }
    buf_adds(b, "</tr></thead><tbody>");
    int rank = 0, sep = 0;
    for (int i = 0; i < d->npages; i++) {
        const report_page *p = &d->pages[i];
        if (!p->ranked && !sep) {
            sep = 1;
            char k[24];
            snprintf(k, sizeof k, "%ld", d->o->k);
            buf_printf(b, "<tr class=\"sep\"><th scope=\"rowgroup\" colspan=\"%d\">", 7 + FEEDBACK_NREASONS);
            report_fill(b, 1, T("Not ranked: too few votes to show yes and no (fewer than {k}, or hidden with them)"), "k", k, NULL);
            buf_adds(b, "</th></tr>");
        }
        buf_adds(b, "<tr>");
        if (p->ranked)
            buf_printf(b, "<td class=\"n\">%d</td>", ++rank);
        else
            buf_adds(b, "<td></td>");
        buf_adds(b, "<th scope=\"row\" dir=\"auto\">");
        label(b, p->title, p->id);
        buf_adds(b, "</th>");
        num(b, d, p->votes);
        num(b, d, p->yes);
        num(b, d, p->no);
        buf_adds(b, "<td class=\"n\">");
        if (p->ranked)
            buf_printf(b, "%.0f%%", 100.0 * (1.0 - p->rate));
        buf_adds(b, "</td><td class=\"bar\">");
        if (p->ranked)
            buf_printf(b,
                       "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
                       "<rect width=\"100\" height=\"10\" fill=\"" BAR "\"/>"
                       "<rect width=\"%.2f\" height=\"10\" fill=\"" NO "\"/></svg>",
                       100.0 * (1.0 - p->rate));
        buf_adds(b, "</td>");
        for (int j = 0; j < FEEDBACK_NREASONS; j++) {
            if (p->reasons < 0)
                buf_adds(b, "<td class=\"n\">0</td>");
            else
                num(b, d, p->reason[j]);
        }
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><td></td><th scope=\"row\">");
    h(b, T("All pages"));
    buf_adds(b, "</th>");
    num(b, d, d->votes);
    num(b, d, d->yes_all);
    num(b, d, d->no_all);
    const char *share = report_share(d, d->no_all, d->votes);
    buf_printf(b, "<td class=\"n\">%s%s</td><td></td>", share, *share ? "%" : "");
    for (int j = 0; j < FEEDBACK_NREASONS; j++)
        num(b, d, d->reason_all[j]);
    buf_adds(b, "</tr></tfoot></table></div></section>");
}

/* ---- most asked for, and every question ---------------------------------------------------- */

static void topics(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"topics\"><h2>");
    h(b, T("Most asked for"));
    buf_adds(b, "</h2>");
    if (!d->ntopics) {
        buf_adds(b, "<p>");
        h(b, T("No multiple-choice question was answered in these dates."));
        buf_adds(b, "</p></section>");
        return;
    }
    buf_adds(b, "<p class=\"note\">");
    h(b, T("The choices of each multiple-choice question, most chosen first; hidden counts are not ranked and come last."));
    buf_adds(b, "</p>");
    for (int i = 0, rank = 0; i < d->ntopics; i++) {
        const report_topic *t = &d->topics[i];
        if (!i || t->q != d->topics[i - 1].q) {
            if (i)
                buf_adds(b, "</tbody></table></div>");
            buf_adds(b, "<div class=\"q\"><h3 dir=\"auto\">");
            label(b, question_text(t->q), t->q->id);
            buf_adds(b, "</h3><table><thead><tr><th scope=\"col\" class=\"n\">#</th><th scope=\"col\">");
            h(b, T("Choice"));
            buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
            h(b, T("People"));
            buf_adds(b, "</th><th scope=\"col\" class=\"n\">%</th><td></td></tr></thead><tbody>");
            rank = 0;
        }
        if (!hid(d, t->v->cell))
            buf_printf(b, "<tr><td class=\"n\">%d</td>", ++rank);
        else
            buf_adds(b, "<tr><td></td>");
        buf_adds(b, "<th scope=\"row\" dir=\"auto\">");
        value_label(b, d, t->q, t->v);
        buf_adds(b, "</th>");
        num(b, d, t->v->cell);
        buf_printf(b, "<td class=\"n\">%s</td>", report_share(d, t->v->cell, t->q->total));
        bar(b, d, t->v->cell, hid(d, t->q->total) ? 0 : val(d, t->q->total), BAR);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody></table></div></section>");
}

static void question(buf *b, const report_data *d, const report_question *q)
{
    buf_adds(b, "<div class=\"q\"><h4 dir=\"auto\">");
    label(b, question_text(q), q->id);
    buf_adds(b, "</h4><p class=\"note\">");
    if (q->free_text) {
        report_fill(b, 1, T("Typed answers: {count}. They are not shown in this report: sveikictl report --free-text "
                            "writes them to free-text.csv."),
                    "count", shown(d, q->total), NULL);
        buf_adds(b, "</p></div>");
        return;
    }
    report_fill(b, 1, T("People who answered: {count}."), "count", shown(d, q->total), NULL);
    if (q->multi) {
        buf_adds(b, " ");
        h(b, T("People could choose several answers: the shares are of the people who answered, and add up to more than 100%."));
    }
    buf_adds(b, "</p><table><thead><tr><th scope=\"col\">");
    h(b, T("Answer"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("People"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">%</th><td></td></tr></thead><tbody>");
    long max = hid(d, q->total) ? 0 : val(d, q->total); /* bars are shares */
    for (int v = 0; v < q->nvalues; v++) {
        const report_value *rv = &q->values[v];
        buf_adds(b, "<tr><th scope=\"row\" dir=\"auto\">");
        value_label(b, d, q, rv);
        buf_adds(b, "</th>");
        num(b, d, rv->cell);
        buf_printf(b, "<td class=\"n\">%s</td>", report_share(d, rv->cell, q->total));
        bar(b, d, rv->cell, max, BAR);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th scope=\"row\">");
    h(b, T("Answered"));
    buf_adds(b, "</th>");
    num(b, d, q->total);
    buf_adds(b, "<td></td><td></td></tr></tfoot></table></div>");
}

static void questions(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"questions\"><h2>");
    h(b, T("Survey questions"));
    buf_adds(b, "</h2>");
    if (!d->nsurveys) {
        buf_adds(b, "<p>");
        h(b, T("No survey submissions in these dates."));
        buf_adds(b, "</p>");
    }
    for (int s = 0; s < d->nsurveys; s++) {
        const report_survey *sv = &d->surveys[s];
        buf_adds(b, "<h3 dir=\"auto\">");
        label(b, sv->title, sv->id);
        buf_adds(b, "</h3><p class=\"note\">");
        report_fill(b, 1, T("Survey submissions: {count}."), "count", shown(d, sv->responses), NULL);
        buf_adds(b, "</p>");
        for (int q = 0; q < sv->nquestions; q++)
            question(b, d, &sv->questions[q]);
    }
    buf_adds(b, "</section>");
}

/* ---- kiosks, each against the others ------------------------------------------------------- */

static void kiosks(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"kiosks\"><h2>");
    h(b, T("Kiosks"));
    buf_adds(b, "</h2><p class=\"note\">");
    h(b, T("Each kiosk against the others: its survey submissions and page votes in these dates, the share of its votes "
           "that said the page helped, and the faces chosen on it. First and last answer only beside a count that is shown; "
           "merged: the day its newest answers reached the office."));
    buf_adds(b, "</p>");
    if (!d->ndevices) {
        buf_adds(b, "<p>");
        h(b, T("No kiosk has sent answers yet."));
        buf_adds(b, "</p></section>");
        return;
    }
    buf_adds(b, "<div class=\"wide\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">");
    h(b, T("Kiosk"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Survey submissions"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Page votes"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Helpful"));
    buf_adds(b, "</th>");
    for (int f = FEEDBACK_NFACES - 1; f >= 0; f--) {
        buf_adds(b, "<th scope=\"col\" class=\"n\">");
        face_svg(b, f);
        h(b, report_tr_kiosk(d->tr, feedback_faces[f].label));
        buf_adds(b, "</th>");
    }
    buf_adds(b, "<td></td><th scope=\"col\">");
    h(b, T("First answer"));
    buf_adds(b, "</th><th scope=\"col\">");
    h(b, T("Last answer"));
    buf_adds(b, "</th><th scope=\"col\">");
    h(b, T("Merged"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Bursts"));
    buf_adds(b, "</th></tr></thead><tbody>");
    for (int i = 0; i < d->ndevices; i++) {
        const report_device *dv = &d->devices[i];
        int seen = !hid(d, dv->responses) && val(d, dv->responses) > 0;
        buf_adds(b, "<tr><th scope=\"row\">");
        h(b, report_kiosk_name(d, dv->id));
        buf_adds(b, "</th>");
        num(b, d, dv->submissions);
        num(b, d, dv->votes);
        buf_printf(b, "<td class=\"n\">%s%s</td>", report_share(d, dv->yes, dv->votes), *report_share(d, dv->yes, dv->votes) ? "%" : "");
        for (int f = FEEDBACK_NFACES - 1; f >= 0; f--)
            num(b, d, dv->face[f]);
        /* the faces as one bar of four shares, when all of them show */
        int all = !hid(d, dv->faces) && val(d, dv->faces) > 0;
        for (int f = 0; f < FEEDBACK_NFACES; f++)
            all &= !hid(d, dv->face[f]);
        buf_adds(b, "<td class=\"bar\">");
        if (all) {
            buf_adds(b, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">");
            double x = 0;
            for (int f = FEEDBACK_NFACES - 1; f >= 0; f--) {
                double w = 100.0 * (double)val(d, dv->face[f]) / (double)val(d, dv->faces);
                buf_printf(b, "<rect x=\"%.2f\" width=\"%.2f\" height=\"10\" fill=\"%s\"/>", x, w, face_ink[f]);
                x += w;
            }
            buf_adds(b, "</svg>");
        }
        buf_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td>", seen ? report_date(dv->first) : "",
                   seen ? report_date(dv->last) : "", dv->merged >= 0 ? report_date(dv->merged) : "");
        if (dv->bursts)
            buf_printf(b, "<td class=\"n\"><a href=\"#bursts\">%d</a></td></tr>", dv->bursts);
        else
            buf_adds(b, "<td class=\"n\">0</td></tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th scope=\"row\">");
    h(b, T("All kiosks"));
    buf_adds(b, "</th>");
    num(b, d, d->surveys_all);
    num(b, d, d->votes);
    buf_printf(b, "<td class=\"n\">%s%s</td>", report_share(d, d->yes_all, d->votes), *report_share(d, d->yes_all, d->votes) ? "%" : "");
    for (int f = FEEDBACK_NFACES - 1; f >= 0; f--)
        num(b, d, d->face_all[f]);
    buf_printf(b, "<td></td><td></td><td></td><td></td><td class=\"n\">%d</td></tr></tfoot></table></div></section>", d->nbursts);
}

/* ---- who answered ------------------------------------------------------------------------- */

static void who(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"who\"><h2>");
    h(b, T("Who answered"));
    buf_adds(b, "</h2><p class=\"note\">");
    h(b, d->o->month ? T("Survey submissions per month and language, and the answers to the background questions of the "
                         "surveys (age band, gender, time in the country, and any other the surveys asked), per month.")
                     : T("Survey submissions per week and language, and the answers to the background questions of the "
                         "surveys (age band, gender, time in the country, and any other the surveys asked), per week."));
    buf_adds(b, "</p><p class=\"note\"><b>");
    h(b, T("No answer is broken down by age band or gender."));
    buf_adds(b, "</b> ");
    h(b, T("The kiosk keeps the background answers apart from the other answers on purpose, so that no answer and no typed "
           "text can be tied to the age band and gender of the person who gave it. This report breaks the answers down by "
           "language only, which is on every answer."));
    buf_adds(b, "</p>");
    if (!d->nperiods) {
        buf_adds(b, "<p>");
        h(b, T("No survey submissions in these dates."));
        buf_adds(b, "</p></section>");
        return;
    }
    if (!any_shown(d, d->period_surveys, d->nperiods))
        all_hidden(b, d);
    buf_adds(b, "<h3>");
    h(b, T("Survey submissions per period and language"));
    buf_adds(b, "</h3><div class=\"wide\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">");
    h(b, period_start(d));
    buf_adds(b, "</th>");
    lang_heads(b, d, NULL, d->nlangs);
    buf_adds(b, "<th scope=\"col\" class=\"n\">");
    h(b, T("All"));
    buf_adds(b, "</th></tr></thead><tbody>");
    for (int p = 0; p < d->nperiods; p++) {
        buf_printf(b, "<tr><th scope=\"row\">%s</th>", report_day(d->periods[p]));
        for (int j = 0; j < d->nlangs; j++)
            num(b, d, d->period_lang[p * d->nlangs + j]);
        num(b, d, d->period_surveys[p]);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th scope=\"row\">");
    h(b, T("All periods"));
    buf_adds(b, "</th>");
    for (int j = 0; j < d->nlangs; j++)
        num(b, d, d->lang_surveys[j]);
    num(b, d, d->surveys_all);
    buf_adds(b, "</tr></tfoot></table></div>");
    if (!d->nbgs) {
        buf_adds(b, "<p>");
        h(b, T("No background questions answered in these dates."));
        buf_adds(b, "</p>");
    }
    for (int i = 0; i < d->nbgs; i++) {
        const report_bg *g = &d->bgs[i];
        buf_adds(b, "<div class=\"q\"><h3 dir=\"auto\">");
        if (g->heading)
            h(b, report_tr_kiosk(d->tr, feedback_background_find(g->id)->question));
        else /* a background question the kiosk has no words for: its id without "bg-" */
            words_of(b, g->id + 3);
        buf_adds(b, "</h3><p class=\"note\">");
        report_fill(b, 1, T("People who answered, in every survey that asked it: {count}."), "count", shown(d, g->total), NULL);
        buf_adds(b, "</p>");
        if (!any_shown(d, g->period_total, d->nperiods))
            all_hidden(b, d);
        /* the background block's labels are the kiosk's (value_label translates them) */
        report_question q = {.id = g->id};
        period_table(b, d, g, &q, T("Answers per period"));
        buf_adds(b, "</div>");
    }
    buf_adds(b, "</section>");
}

/* ---- every question's answers by language ---------------------------------------------------- */

static void question_by_language(buf *b, const report_data *d, const report_question *q)
{
    buf_adds(b, "<div class=\"q\"><h4 dir=\"auto\">");
    label(b, question_text(q), q->id);
    buf_adds(b, "</h4>");
    if (q->multi) {
        buf_adds(b, "<p class=\"note\">");
        h(b, T("People could choose several answers: a column's counts add up to more than the people who answered in it."));
        buf_adds(b, "</p>");
    }
    buf_adds(b, "<div class=\"wide\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">");
    h(b, T("Answer"));
    buf_adds(b, "</th>");
    lang_heads(b, d, q->langs, q->nlangs);
    buf_adds(b, "<th scope=\"col\" class=\"n\">");
    h(b, T("All"));
    buf_adds(b, "</th></tr></thead><tbody>");
    for (int v = 0; v < q->nvalues; v++) {
        buf_adds(b, "<tr><th scope=\"row\" dir=\"auto\">");
        value_label(b, d, q, &q->values[v]);
        buf_adds(b, "</th>");
        for (int j = 0; j < q->nlangs; j++)
            num(b, d, q->by_lang[v * q->nlangs + j]);
        num(b, d, q->values[v].cell);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th scope=\"row\">");
    h(b, T("Answered"));
    buf_adds(b, "</th>");
    for (int j = 0; j < q->nlangs; j++)
        num(b, d, q->lang_total[j]);
    num(b, d, q->total);
    buf_adds(b, "</tr></tfoot></table></div></div>");
}

static void by_language(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"by-language\"><h2>");
    h(b, T("Answers by language"));
    buf_adds(b, "</h2><p class=\"note\">");
    h(b, T("Each question's answers by the language of the kiosk's screens when the person answered, with the same hiding "
           "of small counts as everywhere in this report. Typed answers are not counted here."));
    buf_adds(b, "</p>");
    int any = 0;
    for (int s = 0; s < d->nsurveys; s++) {
        const report_survey *sv = &d->surveys[s];
        int n = 0;
        for (int k = 0; k < sv->nquestions; k++) {
            const report_question *q = &sv->questions[k];
            if (q->free_text)
                continue;
            if (!n++) {
                buf_adds(b, "<h3 dir=\"auto\">");
                label(b, sv->title, sv->id);
                buf_adds(b, "</h3>");
            }
            question_by_language(b, d, q);
            any = 1;
        }
    }
    if (!any) {
        buf_adds(b, "<p>");
        h(b, T("No survey submissions in these dates."));
        buf_adds(b, "</p>");
    }
    buf_adds(b, "</section>");
}

/* ---- bursts of identical submissions -------------------------------------------------------- */

static void bursts(buf *b, const report_data *d)
{
    char over[24], once[24];
    snprintf(over, sizeof over, "%d", REPORT_BURST_OVER);
    snprintf(once, sizeof once, "%d", REPORT_BURST_ONCE);
    buf_adds(b, "<section id=\"bursts\"><h2>");
    h(b, T("Identical submissions"));
    buf_adds(b, "</h2><p class=\"note\">");
    report_fill(b, 1, T("Submissions of one survey from one kiosk on one day with exactly the same answers, more than {over} of "
                        "them: often one person who sent the same answers again and again. A burst of submissions with "
                        "{once} answers or more is counted once in every count of this report: different people rarely "
                        "give the same {once} answers. A burst of shorter submissions is only flagged, and counted as sent. "
                        "The week is shown, not the day, which would help to find the person."),
                "over", over, "once", once, NULL);
    buf_adds(b, "</p>");
    if (!d->nbursts) {
        buf_adds(b, "<p>");
        h(b, T("No bursts in these dates."));
        buf_adds(b, "</p></section>");
        return;
    }
    char n[24], left[24];
    snprintf(n, sizeof n, "%d", d->nbursts);
    snprintf(left, sizeof left, "%ld", d->burst_left_out);
    buf_adds(b, "<p>");
    report_fill(b, 1, TN("{count} burst; copies left out: {left}.", "{count} bursts; copies left out: {left}.", d->nbursts),
                "count", n, "left", left, NULL);
    buf_adds(b, "</p><div class=\"wide\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">");
    h(b, T("Kiosk"));
    buf_adds(b, "</th><th scope=\"col\">");
    h(b, T("Survey"));
    buf_adds(b, "</th><th scope=\"col\">");
    h(b, T("Week starting"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Identical submissions"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Answers in each"));
    buf_adds(b, "</th><th scope=\"col\" class=\"n\">");
    h(b, T("Counted"));
    buf_adds(b, "</th></tr></thead><tbody>");
    for (int i = 0; i < d->nbursts; i++) {
        const report_burst *x = &d->bursts[i];
        const report_survey *sv = survey_of(d, x->survey);
        buf_adds(b, "<tr><th scope=\"row\">");
        h(b, report_kiosk_name(d, x->device));
        buf_adds(b, "</th><td dir=\"auto\">");
        label(b, sv ? sv->title : NULL, x->survey);
        buf_printf(b, "</td><td>%s</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td></tr>",
                   report_day(x->week), x->submissions, x->answers, x->once ? 1 : x->submissions);
    }
    buf_adds(b, "</tbody></table></div></section>");
}

static void footer(buf *b, const report_data *d)
{
    char k[24], k1[24], min[24], over[24], once[24];
    snprintf(k, sizeof k, "%ld", d->o->k);
    snprintf(k1, sizeof k1, "%ld", d->o->k - 1);
    snprintf(min, sizeof min, "%d", REPORT_K_MIN);
    snprintf(over, sizeof over, "%d", REPORT_BURST_OVER);
    snprintf(once, sizeof once, "%d", REPORT_BURST_ONCE);
    buf_adds(b, "<footer id=\"rule\"><h2>");
    h(b, T("How small groups stay anonymous"));
    buf_adds(b, "</h2><p>");
    report_fill(b, 1, T("A count from 1 to {k1} shows as <{k}. Any other count, total or zero from which one of those could "
                        "be worked out shows as \"hidden\" (it is 0, or {k} or more): when a row or column has a hidden count, "
                        "its smallest shown counts are hidden too, until it has at least two hidden that together hold at "
                        "least {k} people, and the whole report is checked that no hidden count follows from any combination "
                        "of the totals shown. A count is hidden everywhere it appears, here and in the CSV files. Hidden "
                        "counts get no bar and no share, and pages and choices are ranked only by counts that are shown."),
                "k", k, "k1", k1, NULL);
    buf_adds(b, " ");
    report_fill(b, 1, d->o->k == 5 ? T("k is {k}; it is never below {min}.")
                                   : T("k is {k}, chosen by the operator (the default is 5); it is never below {min}."),
                "k", k, "min", min, NULL);
    buf_adds(b, "</p><p>");
    report_fill(b, 1, T("Times are UTC, rounded by the kiosk to the day or the hour; weeks start on Monday. More than {over} "
                        "identical submissions of one survey from one kiosk on one day, of {once} answers or more each, "
                        "count once. Typed answers never appear in this page."),
                "over", over, "once", once, NULL);
    if (!d->pack_id) {
        buf_adds(b, " ");
        h(b, T("Without --pack, a question counts as typed text when any of its answers is not a plain answer id: give the "
               "pack to be sure."));
    }
    buf_adds(b, "</p><p>");
    h(b, T("The number of typed answers with a danger word is shown as it is, even when small: each may be a call for help "
           "that must reach a person, and the number says nothing of who wrote them."));
    buf_adds(b, "</p><p>");
    h(b, T("Every table is also a CSV file beside this page (UTF-8, comma-separated)."));
    buf_adds(b, "</p></footer>");
}

int report_html_write(const report_data *d, const char *path, size_t *font_bytes, err *e)
{
    buf body, b;
    buf_init(&body);
    buf_init(&b);
    header(&body, d);
    first_page(&body, d);
    satisfaction(&body, d);
    weeks(&body, d);
    pages(&body, d);
    topics(&body, d);
    questions(&body, d);
    kiosks(&body, d);
    who(&body, d);
    by_language(&body, d);
    bursts(&body, d);
    footer(&body, d);
    buf_adds(&body, "</main></body></html>\n");
    buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"");
    h(&b, d->tr->lang);
    buf_printf(&b, "\" dir=\"%s\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; img-src data:; font-src data:\"><title>",
               d->tr->rtl ? "rtl" : "ltr");
    h(&b, T("Feedback report"));
    buf_adds(&b, "</title><style>");
    /* the fonts hold every character of the body and the title: subset to exactly those */
    buf_adds(&body, T("Feedback report"));
    int r = report_fonts_css(&b, body.data, body.len, d->fonts, font_bytes, e);
    body.len -= strlen(T("Feedback report"));
    body.data[body.len] = 0;
    if (!r) {
        buf_printf(&b, "body{font-family:%s}", report_fonts_stack(d->tr->lang));
        buf_adds(&b, css);
        buf_adds(&b, "</style></head><body><main>");
        buf_add(&b, body.data, body.len);
        r = fs_write_atomic(path, b.data, b.len, 0644, e);
    }
    buf_free(&body);
    buf_free(&b);
    return r;
}
