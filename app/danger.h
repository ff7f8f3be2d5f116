/* danger: the words and phrases that signal danger in typed text (a pack's help.txt, per
 * language), matched one way wherever they are looked for: on the kiosk before typed text is
 * sent (content_danger brings up "I need help now"), and in the office's report, which puts
 * such texts first for a person to read. It promises:
 *  - Text and phrases are compared on a normalised copy (utf8proc: NFKC, case folded, marks
 *    and default-ignorable characters such as soft hyphens, joiners and the Persian half-space
 *    dropped; then text_fold_search's Arabic and Persian letter forms), so "ＨＩＴＳ ＭＥ",
 *    "VARDARBIBA" and "يضربنى" match "hits me", "vardarbība" and "يضربني".
 *  - A phrase matches whole words, one after another (runs of letters and digits; anything
 *    else parts words); a phrase word ending in '*' matches any word it begins.
 *  - Nothing of a text is kept after danger_match returns.
 * No I/O; the phrases come from the caller (pack/content.h reads a pack's). */
#ifndef SV_DANGER_H
#define SV_DANGER_H

typedef struct danger danger;

/* An empty list (matches nothing). */
danger *danger_new(void);
/* Adds a phrase as help.txt writes it ("beat* me"); one without a word is ignored. */
void danger_add(danger *d, const char *phrase);
/* The phrases added that can match (have a word). */
int danger_count(const danger *d);
/* 1 when text holds one of the phrases. */
int danger_match(const danger *d, const char *text);
void danger_free(danger *d);

#endif
