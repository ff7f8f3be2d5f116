/* builder markdown: the Markdown of a page file, a run of lines at a time, into the pack's
 * blocks (heading, paragraph, list item; bold spans), the way the kiosk shows them. It promises
 * that what the kiosk would drop or show otherwise than written (a numbered list's numbers, a
 * year that would start a list, HTML, an image, a link's address, a word too long for the
 * smallest screen, right-to-left text that bidi would scramble) is reported with file and
 * line. Internal to tools/builder/ (pages.c). */
#ifndef SV_MARKDOWN_H
#define SV_MARKDOWN_H

#include "builder/builder.h"

#include "core/buf.h"

typedef struct markdown {
    builder *c;
    const char *page, *lang;
    const char *path, *md; /* the page file, and the Markdown being parsed */
    size_t md_len;
    char *md_west;         /* md with Western digits, to find shown text in it */
    int md_line;           /* the line of the page file md starts on */
    int last_line;         /* the line of the last text md4c handed over */
    int seq, depth_li, in_block;
    int digits, rtl;       /* the language's */
    int ol_pending;        /* a numbered list started: warn at its first text */
    char kind[8];
    buf text, bold;
    buf *search;           /* the page's text for the search index: each block is added */
    buf src;               /* Markdown lines added and not yet parsed */
    int prev_blank;        /* the line before starts no paragraph: a list may start here */
    int bold_start;
    int link_start, link_line; /* a link: where its text starts, the line of its address */
    char href[256];
} markdown;

/* Starts the Markdown of page `page` in language index li, read from path; each block's text
 * is added to *search. */
void markdown_init(markdown *s, builder *c, const char *page, const char *lang, int li,
                   const char *path, buf *search);
/* Adds line `line` of the page file (without its line end). */
void markdown_line(markdown *s, int line, const char *l);
/* Parses the lines added since the last flush into blocks (numbered on from s->seq): at an
 * @-line, which is a block of its own, and at the end of the page. */
void markdown_flush(markdown *s);
void markdown_free(markdown *s);

#endif
