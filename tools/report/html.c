/* report html: index.html, one page that needs nothing else: inline CSS, inline SVG bars, no
 * script, no link outside itself, readable on paper. Every string from the database or the
 * pack goes through report_escape_html(); labels that may be right-to-left get dir="auto".
 * Counts come as report_show() gives them, so a hidden one is "<k" here as in the CSV files, and a
 * hidden count gets no bar and no share. */
#include "report/data.h"
#include "report/escape.h"

#include "fs.h"

#include <stdio.h>
#include <string.h>

static const char *const css =
    ":root{--ink:#1d2330;--mute:#5b6472;--line:#d5d9e0;--bg:#f5f6f8;--bar:#2f6690;--yes:#2f6690;"
    "--no:#d9822b;--track:#e8ebf0;--alert:#b3261e}"
    "*{box-sizing:border-box}"
    "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 \"Noto Sans\",\"Segoe UI\","
    "\"Noto Sans Arabic UI\",\"Noto Sans Arabic\",Tahoma,\"Noto Sans Ethiopic\",Ebrima,Nyala,system-ui,sans-serif}"
    "main{max-width:1100px;margin:0 auto;padding:24px 28px 40px;background:#fff}"
    "h1{font-size:26px;margin:0 0 4px}"
    "h2{font-size:20px;margin:32px 0 6px;padding-top:10px;border-top:2px solid var(--ink)}"
    "h3{font-size:17px;margin:22px 0 4px}"
    "h4{font-size:15px;margin:16px 0 4px}"
    "p{margin:4px 0 10px}"
    ".sub,.note,small{color:var(--mute)}"
    ".note{font-size:13.5px}"
    "small{font-size:12.5px}"
    ".id{font-family:ui-monospace,\"DejaVu Sans Mono\",Consolas,monospace;font-size:12px;color:var(--mute)}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}"
    ".card{flex:1 1 120px;border:1px solid var(--line);border-radius:6px;padding:10px 14px}"
    ".card b{display:block;font-size:26px;font-variant-numeric:tabular-nums}"
    ".card small{display:block;margin-top:4px}#danger{flex:2 1 250px}"
    ".card.alert{border:2px solid var(--alert);background:#fdf0ee}.card.alert b{color:var(--alert)}"
    ".attention{border:2px solid var(--alert);border-radius:6px;padding:4px 16px;margin:16px 0;background:#fdf0ee}"
    ".attention h2{border:0;margin-top:8px;padding-top:0;color:var(--alert)}"
    "nav{font-size:14px;margin:8px 0 0}nav a{margin-right:14px;color:var(--bar)}"
    "table{border-collapse:collapse;margin:6px 0 10px;font-size:14px;min-width:70%}"
    "th,td{padding:4px 10px 4px 0;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}"
    "thead th{font-size:12.5px;color:var(--mute);font-weight:600;border-bottom:1px solid var(--ink)}"
    "tfoot th,tfoot td{border-top:1px solid var(--ink);border-bottom:0;font-weight:600}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;padding-left:10px}"
    "td.hid{color:var(--mute)}td.id{font-family:ui-monospace,\"DejaVu Sans Mono\",Consolas,monospace;font-size:12px;color:var(--mute);padding-top:6px}"
    ".wide{overflow-x:auto}"
    "td.bar{width:280px;min-width:140px;vertical-align:middle}"
    "svg.bar{display:block;width:100%;height:12px}"
    "tr.sep th{padding-top:14px;font-size:13px;color:var(--mute);font-weight:600;border-bottom:1px solid var(--line)}"
    ".chart{display:block;width:100%;height:160px;border-bottom:1px solid var(--ink)}"
    ".axis{display:flex;justify-content:space-between;font-size:12px;color:var(--mute)}"
    ".key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;vertical-align:baseline}"
    ".q{break-inside:avoid;page-break-inside:avoid}"
    "footer{margin-top:36px;padding-top:10px;border-top:2px solid var(--ink);font-size:13.5px}"
    "footer h2{border:0;margin-top:0;padding-top:0;font-size:16px}"
    "@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}"
    "nav{display:none}h2{break-after:avoid;page-break-after:avoid}"
    "tr,.card{break-inside:avoid;page-break-inside:avoid}td.bar{width:200px}"
    ".wide{overflow:visible}@page{margin:14mm}}";

#define BAR "#2f6690"
#define NO "#d9822b"

static void h(buf *b, const char *s) { report_escape_html(b, s); }

static long val(const report_data *d, int c) { return d->cells.value[c]; }
static int hid(const report_data *d, int c) { return report_cells_hidden(&d->cells, c); }

/* a number cell */
static void num(buf *b, const report_data *d, int c)
{
    buf_adds(b, hid(d, c) ? "<td class=\"n hid\">" : "<td class=\"n\">");
    h(b, report_show(d, c));
    buf_adds(b, "</td>");
}

/* A bar of a shown count against max (nothing for a hidden one) */
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

/* A label that may be in any script, in a cell that takes its direction from its text, and
 * its id in a cell of its own (left to right); with no label, the id stands in the first. */
static void label_td(buf *b, const char *label, const char *id)
{
    int has = label && *label;
    buf_adds(b, "<td dir=\"auto\">");
    if (has)
        h(b, label);
    else {
        buf_adds(b, "<span class=\"id\" dir=\"ltr\">");
        h(b, id ? id : "");
        buf_adds(b, "</span>");
    }
    buf_adds(b, "</td><td class=\"id\" dir=\"ltr\">");
    if (has && id)
        h(b, id);
    buf_adds(b, "</td>");
}

static void lang_label(buf *b, const report_lang *l)
{
    if (l->name)
        h(b, l->name);
    if (l->own && (!l->name || strcmp(l->own, l->name))) {
        buf_adds(b, l->name ? " <span dir=\"auto\">" : "<span dir=\"auto\">");
        h(b, l->own);
        buf_adds(b, "</span>");
    }
    buf_adds(b, " <span class=\"id\" dir=\"ltr\">");
    h(b, l->code);
    buf_adds(b, "</span>");
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

/* The first card: how many typed answers hold a danger word (a person should read them
 * first), whatever else the report shows. Not a count of people and not hidden: a text that
 * may be a call for help must reach someone, and the number says nothing of who wrote it. */
static void danger_card(buf *b, const report_data *d)
{
    if (d->danger_phrases < 0) {
        buf_adds(b, "<div class=\"card\" id=\"danger\"><b>not checked</b>typed answers with danger words: "
                    "give <span class=\"id\">--pack</span> with the kiosks' pack to find them</div>");
        return;
    }
    if (d->danger_phrases == 0) {
        buf_adds(b, "<div class=\"card\" id=\"danger\"><b>not checked</b>typed answers with danger words: "
                    "the pack has none (its <span class=\"id\">help.txt</span>)</div>");
        return;
    }
    buf_printf(b, "<div class=\"card%s\" id=\"danger\"><b>%ld</b>typed answers hold a danger word: "
                  "a person should read them",
               d->texts_danger ? " alert" : "", d->texts_danger);
    if (d->texts_danger) {
        buf_adds(b, "<small>");
        if (d->texts_danger > d->texts_danger_held)
            buf_adds(b, d->o->free_text ? "first in free-text.csv, marked" : "<span class=\"id\">--free-text</span> writes them first");
        if (d->texts_danger_held)
            buf_printf(b, "%s%ld held back with their language: <a href=\"#attention\">see below</a>",
                       d->texts_danger > d->texts_danger_held ? "; " : "", d->texts_danger_held);
        buf_adds(b, "</small>");
    }
    buf_adds(b, "</div>");
}

/* Said in words under the cards when a typed answer holds a danger word. */
static void attention(buf *b, const report_data *d)
{
    if (d->danger_phrases <= 0 || !d->texts_danger)
        return;
    long shown = d->texts_danger - d->texts_danger_held;
    buf_printf(b, "<section id=\"attention\" class=\"attention\"><h2>%ld typed answer%s need%s a person "
                  "to read %s</h2><p>%s hold%s a word or phrase that signals danger (the pack's danger words: abuse, "
                  "violence, trafficking, threats and others, in every language of the pack). Someone may need "
                  "help. Read %s first.",
               d->texts_danger, d->texts_danger == 1 ? "" : "s", d->texts_danger == 1 ? "s" : "",
               d->texts_danger == 1 ? "it" : "them", d->texts_danger == 1 ? "It" : "They",
               d->texts_danger == 1 ? "s" : "", d->texts_danger == 1 ? "it" : "them");
    if (shown && d->o->free_text)
        buf_printf(b, " %ld %s at the top of <span class=\"id\">free-text.csv</span>, marked "
                      "“needs a person to read it”.", shown, shown == 1 ? "is" : "are");
    else if (shown)
        buf_printf(b, " <span class=\"id\">sveikictl report --free-text</span> writes %s at the top of "
                      "<span class=\"id\">free-text.csv</span>, marked “needs a person to read it”.",
                   shown == 1 ? "it" : "them");
    buf_adds(b, "</p>");
    if (d->texts_danger_held)
        buf_printf(b, "<p><b>%ld of them %s held back</b>, with every typed answer of %s language: fewer "
                      "than %ld people answered a survey in that language in these dates, so the words could "
                      "show who wrote them. A person with the right to read the answers finds %s in the "
                      "central database (the README of Sveiki says how, under “Texts held back”).</p>",
                   d->texts_danger_held, d->texts_danger_held == 1 ? "is" : "are",
                   d->texts_danger_held == 1 ? "its" : "their", d->o->k,
                   d->texts_danger_held == 1 ? "it" : "them");
    buf_adds(b, "<p class=\"note\">The words are matched whole (a word ending in * in the list takes any "
                "ending), on a copy of the text with case, accents, letter forms and invisible characters "
                "evened out, as the kiosk matches them before sending: the kiosk offered its hotlines to the "
                "person before such a text was sent, when its pack had the same words.</p></section>");
}

static void header(buf *b, const report_data *d)
{
    const report_opts *o = d->o;
    buf_adds(b, "<header><h1>Feedback report</h1><p class=\"sub\">");
    if (d->first >= 0) {
        buf_printf(b, "Answers from <b>%s</b> to <b>%s</b> (UTC)", report_date(d->first), report_date(d->last));
    } else
        buf_adds(b, "No answers");
    if (o->from > REPORT_T_MIN || o->to < REPORT_T_MAX) {
        buf_printf(b, ", in whole %s from ", o->month ? "months" : "weeks (Monday to Sunday)");
        buf_adds(b, o->from > REPORT_T_MIN ? report_date(o->from) : "the start");
        buf_adds(b, " to ");
        buf_adds(b, o->to < REPORT_T_MAX ? report_date(o->to - 1) : "the end");
    }
    if (d->widened) {
        buf_adds(b, " (<b>widened</b>: asked for ");
        buf_adds(b, d->asked_from > REPORT_T_MIN ? report_date(d->asked_from) : "the start");
        buf_adds(b, " to ");
        buf_adds(b, d->asked_to < REPORT_T_MAX ? report_date(d->asked_to - 1) : "the end");
        buf_adds(b, "; reports cover whole periods, so that two of them never differ by a few "
                    "days' people)");
    }
    buf_adds(b, ". Database <span class=\"id\" dir=\"ltr\">");
    h(b, d->db_name);
    buf_adds(b, "</span>");
    if (d->pack_id) {
        buf_adds(b, "; titles from pack <span class=\"id\" dir=\"ltr\">");
        h(b, d->pack_id);
        buf_adds(b, " ");
        h(b, d->pack_version);
        buf_adds(b, "</span> in <span class=\"id\" dir=\"ltr\">");
        h(b, d->pack_lang);
        buf_adds(b, "</span>");
    }
    buf_printf(b, ". Counts from 1 to %ld show as &lt;%ld, counts hidden to protect them as "
                  "<i>hidden</i> (see the end of the page).</p>", o->k - 1, o->k);
    buf_adds(b, "<div class=\"cards\">");
    danger_card(b, d);
    buf_printf(b, "<div class=\"card\"><b>%s</b>responses (page votes and surveys)</div>", report_show(d, d->all));
    buf_printf(b, "<div class=\"card\"><b>%s</b>page votes</div>", report_show(d, d->votes));
    buf_printf(b, "<div class=\"card\"><b>%d</b>surveys answered</div>", d->nsurveys);
    buf_printf(b, "<div class=\"card\"><b>%d</b>kiosks</div>", d->ndevices);
    buf_printf(b, "<div class=\"card\"><b>%d</b>burst%s of identical submissions"
                  "<small><a href=\"#bursts\">see below</a></small></div>", d->nbursts,
               d->nbursts == 1 ? "" : "s");
    buf_adds(b, "</div><nav><a href=\"#weeks\">Weeks</a><a href=\"#languages\">Languages</a>"
                "<a href=\"#who\">Who answered</a>"
                "<a href=\"#surveys\">Kinds</a><a href=\"#pages\">Pages</a><a href=\"#reasons\">Reasons</a>"
                "<a href=\"#topics\">Most requested</a><a href=\"#questions\">Questions</a>"
                "<a href=\"#by-language\">By language</a><a href=\"#kiosks\">Kiosks</a>"
                "<a href=\"#bursts\">Identical submissions</a><a href=\"#rule\">Small groups</a></nav></header>");
    attention(b, d);
    if (d->skipped_time)
        buf_printf(b, "<p class=\"note\">%ld answers with a time before 2000 or after 2099 were left out.</p>",
                   d->skipped_time);
}

/* Responses per week: a column chart of the weeks' totals, then weeks x languages. */
static void weeks(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"weeks\"><h2>Responses per week</h2>");
    if (!d->nweeks) {
        buf_adds(b, "<p>No responses in these dates.</p></section>");
        return;
    }
    long max = max_shown(d, &d->weeks[0].total, d->nweeks, sizeof *d->weeks);
    int n = d->nweeks;
    /* one slot a week from the first to the last, so a week without answers is a gap */
    int64_t span = (d->weeks[n - 1].day - d->weeks[0].day) / 7 + 1;
    buf_printf(b, "<p class=\"note\">Highest week: %ld. A week with a hidden count has no column, only a "
                  "grey mark on the line; a week without responses has nothing.</p>", max);
    buf_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %lld 100\" preserveAspectRatio=\"none\" role=\"img\" "
                  "aria-label=\"Responses per week\">", (long long)span * 10);
    for (int i = 0; i < n; i++) {
        int c = d->weeks[i].total;
        long long x = (long long)(d->weeks[i].day - d->weeks[0].day) / 7 * 10 + 1;
        if (hid(d, c)) {
            buf_printf(b, "<rect x=\"%lld\" y=\"97\" width=\"8\" height=\"3\" fill=\"#5b6472\"><title>%s: ",
                       x, report_day(d->weeks[i].day));
            h(b, report_show(d, c));
            buf_adds(b, "</title></rect>");
        }
        else if (max > 0) {
            double hgt = 100.0 * (double)val(d, c) / (double)max;
            buf_printf(b, "<rect x=\"%lld\" y=\"%.2f\" width=\"8\" height=\"%.2f\" fill=\"#2f6690\"><title>%s: %ld</title></rect>",
                       x, 100.0 - hgt, hgt, report_day(d->weeks[i].day), val(d, c));
        }
    }
    buf_printf(b, "</svg><div class=\"axis\"><span>week of %s</span><span>week of %s</span></div>",
               report_day(d->weeks[0].day), report_day(d->weeks[n - 1].day));
    buf_adds(b, "<div class=\"wide\"><table><thead><tr><th>Week starting</th>");
    for (int j = 0; j < d->nlangs; j++) {
        buf_adds(b, "<th class=\"n\" dir=\"auto\">");
        h(b, d->langs[j].code);
        buf_adds(b, "</th>");
    }
    buf_adds(b, "<th class=\"n\">All</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        buf_printf(b, "<tr><td>%s</td>", report_day(d->weeks[i].day));
        for (int j = 0; j < d->nlangs; j++)
            num(b, d, d->week_lang[i * d->nlangs + j]);
        num(b, d, d->weeks[i].total);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th>All weeks</th>");
    for (int j = 0; j < d->nlangs; j++)
        num(b, d, d->langs[j].total);
    num(b, d, d->all);
    buf_adds(b, "</tr></tfoot></table></div></section>");
}

static void languages(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"languages\"><h2>Responses per language</h2>"
                "<p class=\"note\">The language of the kiosk's screens when the person answered.</p>"
                "<table><thead><tr><th>Language</th><th class=\"n\">Responses</th><th class=\"n\">%</th>"
                "<th></th></tr></thead><tbody>");
    long max = max_shown(d, &d->langs[0].total, d->nlangs, sizeof *d->langs);
    for (int j = 0; j < d->nlangs; j++) {
        buf_adds(b, "<tr><td>");
        lang_label(b, &d->langs[j]);
        buf_adds(b, "</td>");
        num(b, d, d->langs[j].total);
        buf_printf(b, "<td class=\"n\">%s</td>", report_share(d, d->langs[j].total, d->all));
        bar(b, d, d->langs[j].total, max, BAR);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th>All</th>");
    num(b, d, d->all);
    buf_adds(b, "<td></td><td></td></tr></tfoot></table></section>");
}

/* ---- who answered: by period and language, and the background questions -------------- */

static const char *period_word(const report_data *d) { return d->o->month ? "month" : "week"; }

static void lang_heads(buf *b, const report_data *d, const int *langs, int n)
{
    for (int j = 0; j < n; j++) {
        const report_lang *l = &d->langs[langs ? langs[j] : j];
        buf_adds(b, "<th class=\"n\" dir=\"auto\">");
        if (l->name) {
            buf_adds(b, "<span title=\"");
            h(b, l->name);
            buf_adds(b, "\">");
            h(b, l->code);
            buf_adds(b, "</span>");
        } else
            h(b, l->code);
        buf_adds(b, "</th>");
    }
}

static void background_table(buf *b, const report_data *d, const report_bg *g)
{
    buf_adds(b, "<div class=\"q\"><h3 dir=\"auto\">");
    h(b, g->heading ? g->heading : g->id);
    buf_adds(b, "</h3><p class=\"note\"><span class=\"id\" dir=\"ltr\">");
    h(b, g->id);
    buf_printf(b, "</span> · %s answered, in every survey that asked it</p>", report_show(d, g->total));
    buf_printf(b, "<div class=\"wide\"><table><thead><tr><th>%s starting</th>",
               d->o->month ? "Month" : "Week");
    for (int c = 0; c < g->nchoices; c++) {
        buf_adds(b, "<th class=\"n\" dir=\"auto\">");
        h(b, g->choices[c].label ? g->choices[c].label : g->choices[c].id);
        buf_adds(b, "</th>");
    }
    buf_adds(b, "<th class=\"n\">All</th></tr></thead><tbody>");
    for (int p = 0; p < d->nperiods; p++) {
        buf_printf(b, "<tr><td>%s</td>", report_day(d->periods[p]));
        for (int c = 0; c < g->nchoices; c++)
            num(b, d, g->cells[p * g->nchoices + c]);
        num(b, d, g->period_total[p]);
        buf_adds(b, "</tr>");
    }
    buf_printf(b, "</tbody><tfoot><tr><th>All %ss</th>", period_word(d));
    for (int c = 0; c < g->nchoices; c++)
        num(b, d, g->choices[c].cell);
    num(b, d, g->total);
    buf_adds(b, "</tr><tr><th>%</th>");
    for (int c = 0; c < g->nchoices; c++)
        buf_printf(b, "<td class=\"n\">%s</td>", report_share(d, g->choices[c].cell, g->total));
    buf_adds(b, "<td></td></tr></tfoot></table></div></div>");
}

static void who(buf *b, const report_data *d)
{
    buf_printf(b, "<section id=\"who\"><h2>Who answered</h2>"
                  "<p class=\"note\">Survey responses per %s and language, and the answers to the background "
                  "questions of the surveys (age band, gender, time in the country, and any other the surveys "
                  "asked), per %s. A person who sent two surveys is counted twice: nothing links one "
                  "submission to another.</p>",
               period_word(d), period_word(d));
    buf_adds(b, "<p class=\"note\"><b>No answer is broken down by age band or gender.</b> The kiosk keeps the "
                "background answers apart from the other answers on purpose, so that no answer and no typed "
                "text can be tied to the age band and gender of the person who gave it. This report does not "
                "try to join them; it breaks the answers down by language only, which is on every answer "
                "(<a href=\"#by-language\">Answers by language</a>).</p>");
    if (!d->nperiods) {
        buf_adds(b, "<p>No survey responses in these dates.</p></section>");
        return;
    }
    buf_printf(b, "<h3>Survey responses per %s and language</h3><div class=\"wide\"><table><thead><tr>"
                  "<th>%s starting</th>", period_word(d), d->o->month ? "Month" : "Week");
    lang_heads(b, d, NULL, d->nlangs);
    buf_adds(b, "<th class=\"n\">All</th></tr></thead><tbody>");
    for (int p = 0; p < d->nperiods; p++) {
        buf_printf(b, "<tr><td>%s</td>", report_day(d->periods[p]));
        for (int j = 0; j < d->nlangs; j++)
            num(b, d, d->period_lang[p * d->nlangs + j]);
        num(b, d, d->period_surveys[p]);
        buf_adds(b, "</tr>");
    }
    buf_printf(b, "</tbody><tfoot><tr><th>All %ss</th>", period_word(d));
    for (int j = 0; j < d->nlangs; j++)
        num(b, d, d->lang_surveys[j]);
    num(b, d, d->surveys_all);
    buf_adds(b, "</tr></tfoot></table></div>");
    if (!d->nbgs)
        buf_adds(b, "<p>No background questions answered in these dates.</p>");
    for (int i = 0; i < d->nbgs; i++)
        background_table(b, d, &d->bgs[i]);
    buf_adds(b, "</section>");
}

static void surveys(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"surveys\"><h2>Responses by kind</h2>"
                "<table><thead><tr><th>Kind</th><th></th><th class=\"n\">Responses</th><th class=\"n\">%</th>"
                "</tr></thead><tbody><tr><td>Page votes (“Was this helpful?”)</td><td class=\"id\">helpful</td>");
    num(b, d, d->votes);
    buf_printf(b, "<td class=\"n\">%s</td></tr>", report_share(d, d->votes, d->all));
    for (int s = 0; s < d->nsurveys; s++) {
        buf_adds(b, "<tr>");
        label_td(b, d->surveys[s].title, d->surveys[s].id);
        num(b, d, d->surveys[s].responses);
        buf_printf(b, "<td class=\"n\">%s</td></tr>", report_share(d, d->surveys[s].responses, d->all));
    }
    buf_adds(b, "</tbody><tfoot><tr><th>All</th><td></td>");
    num(b, d, d->all);
    buf_adds(b, "<td></td></tr></tfoot></table></section>");
}

static void page_row(buf *b, const report_data *d, const report_page *p, int rank)
{
    buf_adds(b, "<tr>");
    if (rank)
        buf_printf(b, "<td class=\"n\">%d</td>", rank);
    else
        buf_adds(b, "<td></td>");
    label_td(b, p->title, p->id);
    num(b, d, p->votes);
    num(b, d, p->yes);
    num(b, d, p->no);
    buf_adds(b, "<td class=\"n\">");
    if (p->ranked)
        buf_printf(b, "%.0f%%", 100.0 * p->rate);
    buf_adds(b, "</td><td class=\"bar\">");
    if (p->ranked)
        buf_printf(b,
                   "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
                   "<rect width=\"100\" height=\"10\" fill=\"#d9822b\"/>"
                   "<rect width=\"%.2f\" height=\"10\" fill=\"#2f6690\"/></svg>",
                   100.0 * p->rate);
    buf_adds(b, "</td></tr>");
}

static void pages(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"pages\"><h2>Was this page helpful?</h2>");
    if (!d->npages) {
        buf_adds(b, "<p>No page votes in these dates.</p></section>");
        return;
    }
    buf_adds(b, "<p class=\"note\">The pages that helped the fewest people come first. "
                "<span class=\"key\" style=\"background:var(--yes)\"></span>yes"
                "<span class=\"key\" style=\"background:var(--no)\"></span>no</p>"
                "<table><thead><tr><th class=\"n\">#</th><th>Page</th><th></th><th class=\"n\">Votes</th>"
                "<th class=\"n\">Yes</th><th class=\"n\">No</th><th class=\"n\">Helpful</th><th></th>"
                "</tr></thead><tbody>");
    int rank = 0, sep = 0;
    for (int i = 0; i < d->npages; i++) {
        const report_page *p = &d->pages[i];
        if (!p->ranked && !sep) {
            sep = 1;
            buf_printf(b, "<tr class=\"sep\"><th colspan=\"8\">Not ranked: too few votes to show yes and no "
                          "(fewer than %ld, or hidden with them)</th></tr>", d->o->k);
        }
        page_row(b, d, p, p->ranked ? ++rank : 0);
    }
    buf_adds(b, "</tbody><tfoot><tr><td></td><th>All pages</th><td></td>");
    num(b, d, d->votes);
    num(b, d, d->yes_all);
    num(b, d, d->no_all);
    buf_printf(b, "<td class=\"n\">%s%s</td><td></td></tr></tfoot></table></section>",
               report_share(d, d->yes_all, d->votes), *report_share(d, d->yes_all, d->votes) ? "%" : "");
}

static void reasons(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"reasons\"><h2>Reasons given after a “no”</h2>");
    if (!val(d, d->reasons_all)) {
        buf_adds(b, "<p>No reasons given in these dates.</p></section>");
        return;
    }
    buf_adds(b, "<p class=\"note\">A reason is optional: not everyone who answered “no” gave one.</p>"
                "<table><thead><tr><th>Reason</th><th class=\"n\">People</th><th class=\"n\">%</th><th></th>"
                "</tr></thead><tbody>");
    long max = max_shown(d, d->reason_all, FEEDBACK_NREASONS, sizeof *d->reason_all);
    for (int j = 0; j < FEEDBACK_NREASONS; j++) {
        buf_adds(b, "<tr><td>");
        h(b, feedback_reasons[j].label);
        buf_adds(b, "</td>");
        num(b, d, d->reason_all[j]);
        buf_printf(b, "<td class=\"n\">%s</td>", report_share(d, d->reason_all[j], d->reasons_all));
        bar(b, d, d->reason_all[j], max, NO);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th>All reasons</th>");
    num(b, d, d->reasons_all);
    buf_adds(b, "<td></td><td></td></tr></tfoot></table><h3>By page</h3><div class=\"wide\"><table><thead><tr><th>Page</th><th></th>");
    for (int j = 0; j < FEEDBACK_NREASONS; j++) {
        buf_adds(b, "<th class=\"n\">");
        h(b, feedback_reasons[j].label);
        buf_adds(b, "</th>");
    }
    buf_adds(b, "<th class=\"n\">All</th></tr></thead><tbody>");
    for (int i = 0; i < d->npages; i++) { /* in the order of the helpful table */
        const report_page *p = &d->pages[i];
        if (p->reasons < 0)
            continue;
        buf_adds(b, "<tr>");
        label_td(b, p->title, p->id);
        for (int j = 0; j < FEEDBACK_NREASONS; j++)
            num(b, d, p->reason[j]);
        num(b, d, p->reasons);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th>All pages</th><td></td>");
    for (int j = 0; j < FEEDBACK_NREASONS; j++)
        num(b, d, d->reason_all[j]);
    num(b, d, d->reasons_all);
    buf_adds(b, "</tr></tfoot></table></div></section>");
}

static const char *value_label(const report_value *v) { return v->label ? v->label : v->id; }

static void topics(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"topics\"><h2>Most requested</h2>");
    if (!d->ntopics) {
        buf_adds(b, "<p>No multiple-choice answers in these dates.</p></section>");
        return;
    }
    buf_adds(b, "<p class=\"note\">The choices of each multiple-choice question, most chosen first; "
                "hidden counts are not ranked and come last.</p>");
    for (int i = 0, rank = 0; i < d->ntopics; i++) {
        const report_topic *t = &d->topics[i];
        if (!i || t->q != d->topics[i - 1].q) {
            if (i)
                buf_adds(b, "</tbody></table></div>");
            buf_adds(b, "<div class=\"q\"><h4 dir=\"auto\">");
            h(b, t->q->text && *t->q->text ? t->q->text : t->q->id);
            buf_adds(b, "</h4><table><thead><tr><th class=\"n\">#</th><th>Choice</th><th></th>"
                        "<th class=\"n\">People</th><th class=\"n\">%</th><th></th></tr></thead><tbody>");
            rank = 0;
        }
        int shown = !hid(d, t->v->cell);
        if (shown)
            buf_printf(b, "<tr><td class=\"n\">%d</td>", ++rank);
        else
            buf_adds(b, "<tr><td></td>");
        label_td(b, value_label(t->v), t->v->label ? t->v->id : NULL);
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
    h(b, q->text && *q->text ? q->text : q->id);
    buf_adds(b, "</h4><p class=\"note\"><span class=\"id\" dir=\"ltr\">");
    h(b, q->id);
    buf_adds(b, "</span>");
    if (!q->free_text)
        buf_printf(b, " · %s answered", report_show(d, q->total));
    if (q->free_text) {
        buf_printf(b, " · typed answers: %s. They are not shown in this report: "
                      "<span class=\"id\">sveikictl report --free-text</span> writes them to free-text.csv.</p></div>",
                   report_show(d, q->total));
        return;
    }
    if (q->multi)
        buf_adds(b, " · people could choose several answers: the shares are of the people who answered, "
                    "and add up to more than 100%");
    buf_adds(b, "</p><table><thead><tr><th>Answer</th><th></th><th class=\"n\">People</th><th class=\"n\">%</th><th></th>"
                "</tr></thead><tbody>");
    long max = hid(d, q->total) ? 0 : val(d, q->total); /* bars are shares */
    for (int v = 0; v < q->nvalues; v++) {
        const report_value *rv = &q->values[v];
        buf_adds(b, "<tr>");
        label_td(b, value_label(rv), rv->label ? rv->id : NULL);
        num(b, d, rv->cell);
        buf_printf(b, "<td class=\"n\">%s</td>", report_share(d, rv->cell, q->total));
        bar(b, d, rv->cell, max, BAR);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th>Answered</th><td></td>");
    num(b, d, q->total);
    buf_adds(b, "<td></td><td></td></tr></tfoot></table></div>");
}

static void questions(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"questions\"><h2>Survey questions</h2>");
    if (!d->nsurveys)
        buf_adds(b, "<p>No survey answers in these dates.</p>");
    for (int s = 0; s < d->nsurveys; s++) {
        const report_survey *sv = &d->surveys[s];
        buf_adds(b, "<h3 dir=\"auto\">");
        h(b, sv->title ? sv->title : sv->id);
        buf_adds(b, "</h3><p class=\"note\">");
        if (sv->title) {
            buf_adds(b, "<span class=\"id\" dir=\"ltr\">");
            h(b, sv->id);
            buf_adds(b, "</span> · ");
        }
        buf_printf(b, "%s responses</p>", report_show(d, sv->responses));
        for (int q = 0; q < sv->nquestions; q++)
            question(b, d, &sv->questions[q]);
    }
    buf_adds(b, "</section>");
}

/* ---- every question's answers by language --------------------------------------------- */

static void question_by_language(buf *b, const report_data *d, const report_question *q)
{
    buf_adds(b, "<div class=\"q\"><h4 dir=\"auto\">");
    h(b, q->text && *q->text ? q->text : q->id);
    buf_adds(b, "</h4><p class=\"note\"><span class=\"id\" dir=\"ltr\">");
    h(b, q->id);
    buf_adds(b, "</span>");
    if (q->multi)
        buf_adds(b, " · people could choose several answers: a column's counts add up to more than "
                    "the people who answered in it");
    buf_adds(b, "</p><div class=\"wide\"><table><thead><tr><th>Answer</th><th></th>");
    lang_heads(b, d, q->langs, q->nlangs);
    buf_adds(b, "<th class=\"n\">All</th></tr></thead><tbody>");
    for (int v = 0; v < q->nvalues; v++) {
        const report_value *rv = &q->values[v];
        buf_adds(b, "<tr>");
        label_td(b, value_label(rv), rv->label ? rv->id : NULL);
        for (int j = 0; j < q->nlangs; j++)
            num(b, d, q->by_lang[v * q->nlangs + j]);
        num(b, d, rv->cell);
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th>Answered</th><td></td>");
    for (int j = 0; j < q->nlangs; j++)
        num(b, d, q->lang_total[j]);
    num(b, d, q->total);
    buf_adds(b, "</tr></tfoot></table></div></div>");
}

static void by_language(buf *b, const report_data *d)
{
    buf_adds(b, "<section id=\"by-language\"><h2>Answers by language</h2><p class=\"note\">Each question's "
                "answers by the language of the kiosk's screens when the person answered, with the same "
                "hiding of small counts as everywhere in this report (a count hidden here is hidden in the "
                "question's table above too). Typed answers are not counted here.</p>");
    int any = 0;
    for (int s = 0; s < d->nsurveys; s++) {
        const report_survey *sv = &d->surveys[s];
        int shown = 0;
        for (int k = 0; k < sv->nquestions; k++) {
            const report_question *q = &sv->questions[k];
            if (q->free_text)
                continue;
            if (!shown++) {
                buf_adds(b, "<h3 dir=\"auto\">");
                h(b, sv->title ? sv->title : sv->id);
                buf_adds(b, "</h3>");
            }
            question_by_language(b, d, q);
            any = 1;
        }
    }
    if (!any)
        buf_adds(b, "<p>No survey answers in these dates.</p>");
    buf_adds(b, "</section>");
}

/* ---- bursts of identical submissions ---------------------------------------------------- */

static void bursts(buf *b, const report_data *d)
{
    buf_printf(b, "<section id=\"bursts\"><h2>Identical submissions</h2><p class=\"note\">Submissions of one "
                  "survey from one kiosk on one day with exactly the same answers, more than %d of them: "
                  "often one person who sent the same answers again and again (“start again” begins a new "
                  "visit). <b>A burst of submissions with %d answers or more is counted once</b> in every "
                  "count of this report, the copies after the first left out: different people rarely give "
                  "the same %d answers. A burst of shorter submissions is only flagged, and counted as sent: "
                  "different people often give the same one or two answers. The week is shown, not the day, "
                  "which would help to find the person.</p>",
               REPORT_BURST_OVER, REPORT_BURST_ONCE, REPORT_BURST_ONCE);
    if (!d->nbursts) {
        buf_adds(b, "<p>No bursts in these dates.</p></section>");
        return;
    }
    buf_printf(b, "<p>%d burst%s; %ld cop%s left out.</p>", d->nbursts, d->nbursts == 1 ? "" : "s",
               d->burst_left_out, d->burst_left_out == 1 ? "y" : "ies");
    buf_adds(b, "<div class=\"wide\"><table><thead><tr><th>Kiosk</th><th>Survey</th><th></th><th>Week starting</th>"
                "<th class=\"n\">Identical submissions</th><th class=\"n\">Answers in each</th>"
                "<th class=\"n\">Counted</th></tr></thead><tbody>");
    for (int i = 0; i < d->nbursts; i++) {
        const report_burst *x = &d->bursts[i];
        const char *title = NULL;
        for (int s = 0; s < d->nsurveys; s++)
            if (!strcmp(d->surveys[s].id, x->survey))
                title = d->surveys[s].title;
        buf_adds(b, "<tr><td><span class=\"id\" dir=\"ltr\">");
        h(b, x->device);
        buf_adds(b, "</span></td>");
        label_td(b, title, x->survey);
        buf_printf(b, "<td>%s</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td></tr>",
                   report_day(x->week), x->submissions, x->answers, x->once ? 1 : x->submissions);
    }
    buf_adds(b, "</tbody></table></div></section>");
}

static void devices(buf *b, const report_data *d)
{
    /* no batch names: their sequence ranges count a kiosk's answers, and would give a hidden
     * count away */
    buf_adds(b, "<section id=\"kiosks\"><h2>Kiosks</h2><p class=\"note\">Responses in these dates, the first and "
                "last day with an answer (shown only beside a shown count), and the day its newest export was merged "
                "at the office.</p>"
                "<div class=\"wide\"><table><thead><tr><th>Kiosk</th><th class=\"n\">Responses</th><th>First answer</th>"
                "<th>Last answer</th><th>Merged</th><th class=\"n\">Bursts</th></tr></thead><tbody>");
    for (int i = 0; i < d->ndevices; i++) {
        const report_device *dv = &d->devices[i];
        int shown = !hid(d, dv->responses) && val(d, dv->responses) > 0;
        buf_adds(b, "<tr><td><span class=\"id\" dir=\"ltr\">");
        h(b, dv->id);
        buf_adds(b, "</span></td>");
        num(b, d, dv->responses);
        buf_printf(b, "<td>%s</td><td>%s</td><td>%s</td>", shown ? report_date(dv->first) : "",
                   shown ? report_date(dv->last) : "", dv->merged >= 0 ? report_date(dv->merged) : "");
        if (dv->bursts)
            buf_printf(b, "<td class=\"n\"><a href=\"#bursts\">%d</a></td></tr>", dv->bursts);
        else
            buf_adds(b, "<td class=\"n\">0</td></tr>");
    }
    buf_adds(b, "</tbody><tfoot><tr><th>All kiosks</th>");
    num(b, d, d->all);
    buf_printf(b, "<td></td><td></td><td></td><td class=\"n\">%d</td></tr></tfoot></table></div></section>",
               d->nbursts);
}

static void footer(buf *b, const report_data *d)
{
    long k = d->o->k;
    buf_adds(b, "<footer id=\"rule\"><h2>How small groups stay anonymous</h2>");
    buf_printf(b,
               "<p>A count from 1 to %ld shows as <b>&lt;%ld</b>. Any other count, total or zero "
               "from which one of those could be worked out shows as <b>hidden</b> (it is 0, or %ld "
               "or more): when a row or column has a hidden count, "
               "its smallest shown counts are hidden too, until it has at least two hidden and, when "
               "its total is shown, the hidden ones together hold at least %ld people and no "
               "&lt;%ld can be told from what the labels say; a total is "
               "hidden when it is below %ld or when nothing else in its row can be; and the whole "
               "report is checked that no hidden count follows from any combination of the totals "
               "shown. A zero shows as 0 unless its total is hidden. A count appears hidden "
               "everywhere it appears, here and in the CSV files. Hidden counts get no bar and no "
               "share, and pages and topics are ranked only by counts that are shown. k is %ld%s; "
               "it is never below %d.</p>",
               k - 1, k, k, k, k, k, k, k == 5 ? "" : ", chosen by the operator (the default is 5)",
               REPORT_K_MIN);
    buf_printf(b, "<p>Counts are people: a response is one page vote or one survey sent; a question's "
                  "count is the people who gave that answer; more than %d identical submissions of one "
                  "survey from one kiosk on one day, of %d answers or more each, count once. Times are UTC, "
                  "rounded by the kiosk to the hour or the day; weeks start on Monday. Typed answers never "
                  "appear in this page",
               REPORT_BURST_OVER, REPORT_BURST_ONCE);
    if (!d->pack_id)
        buf_adds(b, "; without <span class=\"id\">--pack</span>, a question counts as typed text when "
                    "any of its answers is not a plain answer id, so give the pack to be sure");
    buf_adds(b, ".</p><p>The number of typed answers with a danger word is shown as it is, even when "
                "small: each may be a call for help that must reach a person, and the number says nothing "
                "of who wrote them. Bursts are shown with their kiosk and week and the number of "
                "identical submissions, which count submissions, not people.</p>"
                "<p>Every table is also a CSV file beside this page (UTF-8, comma-separated).</p>"
                "</footer>");
}

int report_html_write(const report_data *d, const char *path, err *e)
{
    buf b;
    buf_init(&b);
    buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\"><head><meta charset=\"utf-8\">"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                 "style-src 'unsafe-inline'; img-src data:\">"
                 "<title>Feedback report</title><style>");
    buf_adds(&b, css);
    buf_adds(&b, "</style></head><body><main>");
    header(&b, d);
    weeks(&b, d);
    languages(&b, d);
    who(&b, d);
    surveys(&b, d);
    pages(&b, d);
    reasons(&b, d);
    topics(&b, d);
    questions(&b, d);
    by_language(&b, d);
    devices(&b, d);
    bursts(&b, d);
    footer(&b, d);
    buf_adds(&b, "</main></body></html>\n");
    int r = fs_write_atomic(path, b.data, b.len, 0644, e);
    buf_free(&b);
    return r;
}
