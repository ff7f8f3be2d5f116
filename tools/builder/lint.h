/* lint: what a reader would see other than what the writer meant, found in the source of a
 * page before the kiosk ever shows it. The builder reports each finding with file and line
 * (`pack check`), as a warning: the pack still builds, and no text is lost.
 *
 * - A line "2022. gadā ..." is, to CommonMark, an ordered list starting at 2022: the kiosk,
 *   which draws no numbers, would drop the year. lint_year_line finds such a line, and the
 *   builder escapes its dot so the line stays a paragraph.
 * - HTML in Markdown is shown as written (the builder parses with MD_FLAG_NOHTML).
 * - In right-to-left text: digit groups joined by spaces or dashes that are no phone number,
 *   date or number the layout keeps whole (text_units: TEXT_UNIT_UNSURE), quotation marks
 *   that bidi would put on one side of the words they enclose (the layout pairs only « » and
 *   ‹ › like brackets), and a « or » without its partner. */
#ifndef SV_LINT_H
#define SV_LINT_H

#include <stddef.h>
#include <stdint.h>

/* If line (one line, no newline) starts, after at most three spaces, with a number of four
 * digits, a full stop and white space or the end of the line, returns the offset of that full
 * stop; else -1. */
long lint_year_line(const char *line);

/* The first HTML tag in line at or after byte *off: 1 with *off and *len set to it, or 0. An
 * autolink (<https://...>, <name@example.org>) is no tag. */
int lint_html(const char *line, size_t *off, size_t *len);

enum lint_kind {
    LINT_NUMBER_ORDER, /* digit groups whose order bidi may change */
    LINT_QUOTES,       /* a pair of " “ ” „ or ' that bidi would not keep on two sides */
    LINT_GUILLEMET,    /* a « with no », or a » with no « */
};

typedef struct lint_note {
    uint32_t off, len; /* bytes of the text */
    int kind;          /* enum lint_kind */
} lint_note;

/* Findings in the text of one block holding right-to-left text, laid out in a paragraph of
 * direction rtl, in order; at most cap written, the count returned. */
int lint_rtl(const char *text, size_t len, int rtl, lint_note *out, int cap);

#endif
