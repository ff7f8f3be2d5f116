/* text: paragraph layout for every script the kiosk shows. UTF-8 in, positioned runs out.
 * It finds bidi levels for the paragraph (fribidi), splits the text into runs of one
 * direction, script and font (font fallback by script and coverage), breaks lines at UAX #14
 * opportunities (libunibreak) with widths measured per run through a text_measurer, reorders
 * each line visually (rule L2), puts every font on one baseline, and aligns lines to the
 * paragraph's start or end. A word longer than the line is broken between characters, with a
 * hyphen in Latin and Cyrillic words. Phone numbers, dates, e-mail addresses, URLs and codes
 * read left to right as one whole (text_units), and « » stay paired like brackets.
 * Each run is handed to the shaper in logical order with its own direction and script,
 * which is what SDL_ttf 2.20 needs (it shapes one run with one direction and one script). */
#ifndef SV_TEXT_H
#define SV_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum text_face {
    TEXT_FACE_SANS,
    TEXT_FACE_SANS_BOLD,
    TEXT_FACE_ARABIC,
    TEXT_FACE_ARABIC_BOLD,
    TEXT_FACE_ETHIOPIC,
    TEXT_FACE_ETHIOPIC_BOLD,
    TEXT_FACE_ICONS,
    TEXT_FACE_COUNT
};

/* The font file of a face, under assets/fonts/. */
const char *text_face_file(int face);

/* What the layout needs from a font engine. The platform implements it with SDL_ttf;
 * tests implement it with a fake whose numbers they can predict. */
typedef struct text_measurer {
    void *ctx;
    /* Advance width in pixels of utf8[0..len) shaped as one run. */
    int (*width)(void *ctx, int face, int px, int rtl, const char *script, const char *utf8,
                 size_t len);
    /* Ascent (above the baseline) and descent (below it, positive) in pixels. */
    void (*metrics)(void *ctx, int face, int px, int *ascent, int *descent);
    /* Whether the face has a glyph for cp. */
    int (*covers)(void *ctx, int face, uint32_t cp);
} text_measurer;

enum text_align { TEXT_ALIGN_START, TEXT_ALIGN_CENTER, TEXT_ALIGN_END };

typedef struct text_span {
    uint32_t off, len; /* bytes */
} text_span;

typedef struct text_style {
    int px;               /* font size in pixels */
    int bold;             /* whole paragraph bold */
    int rtl;              /* paragraph base direction: 1 right-to-left */
    int align;            /* enum text_align, relative to the base direction */
    int line_pct;         /* line height in percent of ascent+descent; 0 means 120 */
    const text_span *bold_spans; /* byte ranges drawn bold, may be NULL */
    int nbold;
} text_style;

typedef struct text_run {
    int x;          /* left edge, relative to the paragraph box */
    int baseline;   /* baseline, relative to the paragraph box */
    int w;          /* measured advance */
    uint32_t off, len; /* bytes in the laid-out string, in logical order */
    uint8_t face, rtl, line;
    char script[5]; /* ISO 15924 tag, e.g. "Arab" */
    int hyphen_w;   /* > 0: a word broken here goes on on the next line, and the caller draws
                     * TEXT_HYPHEN in this run's face and size at x + w, hyphen_w wide (the line
                     * has room for it) */
} text_run;

/* What marks a word broken between characters (Latin and Cyrillic words only). */
#define TEXT_HYPHEN "-"

typedef struct text_para {
    text_run *runs;
    int nruns, cap;
    int nlines;
    int w, h; /* widest line, total height */
    int forced;         /* breaks between characters of words too long for the line */
    uint32_t forced_at; /* byte offset of the first such word */
} text_para;

/* Lays out s[0..len) in a box max_w pixels wide (max_w <= 0: no wrapping).
 * out must be zeroed or reused from an earlier call; free it with text_para_free. */
void text_layout(const text_measurer *m, const char *s, size_t len, const text_style *st,
                 int max_w, text_para *out);
void text_para_free(text_para *p);

/* ---- stretches that read left to right as one whole ---------------------------------- */

/* In a right-to-left paragraph "+371 67 000 000" would show as "000 000 67 371+", and in Arabic
 * "2022-12-01" as "01-12-2022": bidi orders each digit group on its own. text_layout lays out
 * every unit found here (but TEXT_UNIT_UNSURE) as if it were between U+2066 LEFT-TO-RIGHT
 * ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, and breaks a line inside a phone number, date,
 * code or number only when it does not fit on a line of its own. The pack builder finds them
 * with the same function, so what `pack check` recognises is what the kiosk isolates. */
enum text_unit_kind {
    TEXT_UNIT_PHONE,  /* +371 67 000 000, (0)20 7946 0000, 8000-1234: digits >= 6, or a leading + */
    TEXT_UNIT_EMAIL,  /* name@example.org */
    TEXT_UNIT_URL,    /* https://..., http://..., www....; trailing sentence punctuation left out */
    TEXT_UNIT_DATE,   /* 2022-12-01, 2022-12, 01.12.2022, 01/12/2022 */
    TEXT_UNIT_CODE,   /* A2, B1, 12B: 1-3 Latin letters and 1-4 digits as a word of its own */
    TEXT_UNIT_NUMBER, /* 1 000 000: thousands apart by spaces */
    TEXT_UNIT_UNSURE, /* digit groups joined by spaces or dashes that are none of the above
                       * (1-2, 9:00-17:00): left to bidi, named by `pack check` in RTL text */
};

typedef struct text_unit {
    uint32_t off, len; /* bytes */
    int kind;          /* enum text_unit_kind */
} text_unit;

/* Finds the units of s[0..len) in order, none overlapping; writes at most cap of them to out
 * (which may be NULL when cap is 0) and returns how many there are. Digits may be Western,
 * Arabic-Indic or Persian. A single digit group, a decimal (3.5, 1,000) or a time (10:30) is
 * not a unit: bidi keeps it whole already. */
int text_units(const char *s, size_t len, text_unit *out, int cap);

/* ---- digits --------------------------------------------------------------------------- */

enum text_digits {
    TEXT_DIGITS_WESTERN, /* 0123456789 */
    TEXT_DIGITS_PERSIAN, /* U+06F0..U+06F9 */
    TEXT_DIGITS_ARABIC,  /* U+0660..U+0669 (Arabic-Indic) */
};

/* "western", "persian" or "arabic" as enum text_digits; -1 for anything else. */
int text_digits_parse(const char *name);
/* s[0..len) with every decimal digit (of the three sets) written in the set digits, except in
 * URLs, e-mail addresses and codes (A2 stays A2). Returns a malloc'd string. */
char *text_digits(const char *s, size_t len, int digits);

/* Folds text for search: Arabic and Persian letter variants to one form (alef forms, yeh,
 * kaf, teh marbuta), Arabic diacritics and tatweel removed, and an apostrophe between two
 * Cyrillic letters (' ’ ʼ: сім'я) to ʼ, which keeps the word whole. Case and Latin
 * diacritics are left to the FTS5 tokenizer. Returns a malloc'd string. */
char *text_fold_search(const char *s);

#endif
