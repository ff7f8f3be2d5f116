/* builder markdown: see markdown.h. md4c parses; its callbacks build one block at a time. */
#include "builder/markdown.h"

#include "text/text.h"
#include "ui/theme.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The line of the page file that p (a pointer into the Markdown md4c parses) is on, or -1 when
 * p is not in it (md4c's own buffers). */
static int md_line_at(const markdown *s, const char *p)
{
    if (!s->md || p < s->md || p >= s->md + s->md_len)
        return -1;
    int line = s->md_line;
    for (const char *q = s->md; q < p; q++)
        line += *q == '\n';
    return line;
}

/* The line where text shown as `shown` (digits as the pack shows them) is written in the
 * Markdown, or -1. */
static int md_line_of(markdown *s, const char *shown_text, size_t n)
{
    if (!s->md)
        return -1;
    if (!s->md_west)
        s->md_west = text_digits(s->md, s->md_len, TEXT_DIGITS_WESTERN);
    char *needle = text_digits(shown_text, n < 60 ? n : 60, TEXT_DIGITS_WESTERN);
    const char *at = *needle ? strstr(s->md_west, needle) : NULL;
    int line = -1;
    if (at) {
        line = s->md_line;
        for (const char *q = s->md_west; q < at; q++)
            line += *q == '\n';
    }
    free(needle);
    return line;
}

static int note_line(void *u, const lint_note *n)
{
    markdown *s = u;
    int line = md_line_of(s, s->text.data + n->off, n->len);
    return line > 0 ? line : s->last_line;
}

/* A word no line of the smallest kiosk screen can hold would be cut between letters: named
 * with its file and line. The block is laid out as the page screen lays it out at 800x480
 * (theme.h), a few pixels narrower, since HarfBuzz here and SDL_ttf there round apart. */
static void check_fit(markdown *s)
{
    if (!s->c->ms)
        return;
    theme_metrics t = theme_metrics_for(800, 480);
    int h = !strcmp(s->kind, "h"), li = !strcmp(s->kind, "li");
    int w = 800 - 2 * t.pad - (li ? t.indent : 0) - 4;
    text_style st = {.px = h ? t.heading : t.body, .bold = h, .line_pct = 125,
                     .rtl = s->rtl};
    text_para p = {0};
    text_layout(measure_measurer(s->c->ms), s->text.data, s->text.len, &st, w, &p);
    if (p.forced) {
        const char *word = s->text.data + p.forced_at;
        size_t n = strcspn(word, " \n");
        char probe[32];
        snprintf(probe, sizeof probe, "%.*s", (int)(n < 24 ? n : 24), word);
        const char *at = s->md ? strstr(s->md, probe) : NULL;
        int line = s->md_line;
        for (const char *q = s->md; at && q < at; q++)
            line += *q == '\n';
        builder_report(s->c, 1, "%s:%d: \"%.*s%s\" is longer than a line of the smallest screen "
                        "(800x480): break it, or put it on an @link line", s->path, line,
                       (int)(n < 40 ? n : 40), word, n > 40 ? "..." : "");
    }
    text_para_free(&p);
}

static void flush_block(markdown *s)
{
    if (!s->in_block)
        return;
    /* trim trailing spaces */
    while (s->text.len && s->text.data[s->text.len - 1] == ' ')
        s->text.data[--s->text.len] = 0;
    if (s->text.len) {
        char seq[16];
        snprintf(seq, sizeof seq, "%d", s->seq++);
        builder_insert(s->c, "INSERT INTO blocks VALUES(?,?,?,?,?,NULL,?)", 6, s->page, s->lang,
                       seq, s->kind, s->text.data, s->bold.len ? s->bold.data : NULL);
        buf_adds(s->search, s->text.data);
        buf_addc(s->search, '\n');
        check_fit(s);
        builder_lint_text(s->c, s->path, s->last_line > 0 ? s->last_line : s->md_line, s->text.data,
                          s->rtl, note_line, s);
    }
    buf_clear(&s->text);
    buf_clear(&s->bold);
    s->in_block = 0;
}

static void start_block(markdown *s, const char *kind)
{
    flush_block(s);
    snprintf(s->kind, sizeof s->kind, "%s", kind);
    s->in_block = 1;
}

static int md_enter_block(MD_BLOCKTYPE t, void *detail, void *u)
{
    markdown *s = u;
    (void)detail;
    if (t == MD_BLOCK_OL)
        s->ol_pending = 1;
    if (t == MD_BLOCK_H)
        start_block(s, "h");
    else if (t == MD_BLOCK_LI)
        start_block(s, "li"), s->depth_li++;
    else if (t == MD_BLOCK_P && !s->depth_li)
        start_block(s, "p");
    else if (t == MD_BLOCK_P && s->text.len) /* a second paragraph in a list item */
        buf_addc(&s->text, '\n');
    return 0;
}

static int md_leave_block(MD_BLOCKTYPE t, void *detail, void *u)
{
    markdown *s = u;
    (void)detail;
    if (t == MD_BLOCK_LI)
        s->depth_li--;
    if (t == MD_BLOCK_H || t == MD_BLOCK_LI || (t == MD_BLOCK_P && !s->depth_li))
        flush_block(s);
    return 0;
}

static int md_enter_span(MD_SPANTYPE t, void *detail, void *u)
{
    markdown *s = u;
    if (t == MD_SPAN_STRONG)
        s->bold_start = (int)s->text.len;
    if (t == MD_SPAN_A) {
        const MD_ATTRIBUTE *href = &((MD_SPAN_A_DETAIL *)detail)->href;
        s->link_start = (int)s->text.len;
        s->link_line = md_line_at(s, href->text);
        snprintf(s->href, sizeof s->href, "%.*s", (int)href->size, href->text);
    }
    if (t == MD_SPAN_IMG) {
        const MD_ATTRIBUTE *src = &((MD_SPAN_IMG_DETAIL *)detail)->src;
        int line = md_line_at(s, src->text);
        builder_report(s->c, 0,
                       "%s:%d: an image (%.*s) is not shown, only its description: say it in "
                       "words",
                       s->path, line > 0 ? line : s->md_line, (int)src->size, src->text);
    }
    return 0;
}

static int md_leave_span(MD_SPANTYPE t, void *detail, void *u)
{
    markdown *s = u;
    (void)detail;
    if (t == MD_SPAN_A) {
        /* an autolink (<https://...>) shows its address as its text; any other link's
         * address would be lost */
        const char *txt = s->text.data ? s->text.data + s->link_start : "";
        size_t tl = s->text.len - (size_t)s->link_start;
        int same = strlen(s->href) == tl && !memcmp(s->href, txt, tl);
        same |= !strncmp(s->href, "mailto:", 7) && strlen(s->href + 7) == tl &&
                !memcmp(s->href + 7, txt, tl);
        if (!same)
            builder_report(s->c, 0,
                           "%s:%d: the address of the link \"%.*s\" (%s) is not shown: write "
                           "it out, or put it on an @link line",
                           s->path, s->link_line > 0 ? s->link_line : s->last_line, (int)tl, txt,
                           s->href);
    }
    if (t == MD_SPAN_STRONG && s->bold_start >= 0) {
        buf_printf(&s->bold, "%s%d-%d", s->bold.len ? " " : "", s->bold_start,
                   (int)s->text.len - s->bold_start);
        s->bold_start = -1;
    }
    return 0;
}

static int md_text(MD_TEXTTYPE t, const MD_CHAR *text, MD_SIZE size, void *u)
{
    markdown *s = u;
    int line = md_line_at(s, text);
    if (line > 0)
        s->last_line = line;
    if (s->ol_pending && line > 0) {
        builder_report(s->c, 0,
                       "%s:%d: a numbered list: the kiosk shows its items with bullets, without "
                       "their numbers (write - for a list; a number that must show, like 2., "
                       "as 2\\.)",
                       s->path, line);
        s->ol_pending = 0;
    }
    if (!s->in_block)
        start_block(s, "p");
    if (t == MD_TEXT_SOFTBR)
        buf_addc(&s->text, ' ');
    else if (t == MD_TEXT_BR)
        buf_addc(&s->text, '\n');
    else if (t == MD_TEXT_ENTITY) {
        static const char *const ents[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                              {"&quot;", "\""}, {"&nbsp;", "\xC2\xA0"}};
        const char *rep = NULL;
        for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++)
            if (strlen(ents[k][0]) == size && !memcmp(ents[k][0], text, size))
                rep = ents[k][1];
        if (rep)
            buf_adds(&s->text, rep);
        else
            buf_add(&s->text, text, size);
    } else if (t != MD_TEXT_HTML) {
        char *d = text_digits(text, size, s->digits); /* as the pack shows the language */
        buf_adds(&s->text, d);
        free(d);
    }
    return 0;
}

/* Adds line l (line `line` of path) to the Markdown to parse. A line that starts with a year
 * and a full stop ("2022. gadā ...") would start a numbered list at 2022, whose number the kiosk
 * does not show: its dot is escaped, so it stays a paragraph, and the writer is told. HTML is
 * shown as written, and the writer is told that too. */
static void md_line(builder *c, const char *path, int line, buf *md, const char *l, int *prev_blank)
{
    long dot = lint_year_line(l);
    if (dot >= 0) {
        if (*prev_blank) /* only a block may start a list; in a paragraph it is text anyway */
            builder_report(c, 0,
                           "%s:%d: \"%.*s\" at the start of a line would make a numbered list "
                           "starting at %.*s and lose the number: kept as text (write %.*s\\. to "
                           "say so)",
                           path, line, (int)dot + 1, l, (int)dot, l, (int)dot, l);
        buf_add(md, l, (size_t)dot);
        buf_addc(md, '\\');
        buf_adds(md, l + dot);
    } else {
        buf_adds(md, l);
    }
    buf_addc(md, '\n');
    size_t off = 0, len;
    if (lint_html(l, &off, &len))
        builder_report(
            c, 0,
            "%s:%d: %.*s is HTML: the kiosk shows it as written (use Markdown: **bold**, "
            "- lists)",
            path, line, (int)len, l + off);
    const char *p = l;
    while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
    *prev_blank = !*p || *p == '#';
}


static const MD_PARSER parser = {
    .flags = MD_FLAG_NOHTML, /* HTML shows as written: md_line warns about it */
    .enter_block = md_enter_block,
    .leave_block = md_leave_block,
    .enter_span = md_enter_span,
    .leave_span = md_leave_span,
    .text = md_text,
};

void markdown_init(markdown *s, builder *c, const char *page, const char *lang, int li,
                   const char *path, buf *search)
{
    *s = (markdown){.c = c, .page = page, .lang = lang, .path = path, .bold_start = -1,
                    .digits = c->langs[li].digits, .rtl = c->langs[li].rtl, .search = search,
                    .prev_blank = 1};
    buf_init(&s->text), buf_init(&s->bold), buf_init(&s->src);
}

void markdown_line(markdown *s, int line, const char *l)
{
    if (!s->src.len)
        s->md_line = line;
    md_line(s->c, s->path, line, &s->src, l, &s->prev_blank);
}

void markdown_flush(markdown *s)
{
    if (s->src.len) {
        s->md = s->src.data;
        s->md_len = s->src.len;
        s->last_line = s->md_line;
        md_parse(s->src.data, (MD_SIZE)s->src.len, &parser, s);
        flush_block(s);
        free(s->md_west);
        s->md_west = NULL;
        s->md = NULL;
        buf_clear(&s->src);
    }
    s->prev_blank = 1; /* what follows an @-line starts a block */
}

void markdown_free(markdown *s) { buf_free(&s->text), buf_free(&s->bold), buf_free(&s->src); }
