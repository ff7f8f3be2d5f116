/* theme: every colour, size, timeout and pictogram of the kiosk's own screens, in one place
 * (the idea of st's config.h): change the look here, not in the screens. Sizes scale with the
 * screen from a 1280x800 design; no touch target is smaller than THEME_TOUCH_MIN. */
#ifndef SV_THEME_H
#define SV_THEME_H

/* after this long without a touch the kiosk forgets the person and returns to the start */
#define THEME_IDLE_MS 90000
/* then it asks "Still there?" for this long before it does */
#define THEME_STILL_MS 10000
/* the admin gesture: a hold this long in a corner this big (per cent of the shorter side),
 * the second corner within THEME_GESTURE_MS of the first */
#define THEME_HOLD_MS 2000
#define THEME_CORNER_PCT 12
#define THEME_GESTURE_MS 10000
/* a survey or typed text in progress: a person reading or writing pauses longer */
#define THEME_IDLE_INPUT_MS 180000

/* the smallest touch target fingers hit reliably, in pixels; the header's buttons, which end
 * or change a visit, are larger */
#define THEME_TOUCH_MIN 48
#define THEME_HEAD_MIN 56
/* list rows are well over that */
#define THEME_ROW_MIN 56

#include <stdint.h>

/* colours, 0xRRGGBBAA, in two palettes: the kiosk's own and high contrast (a setting of the
 * visit), where every text meets WCAG AAA (7:1) on whatever it is drawn on: light on black,
 * black on yellow. Screens name a colour by its role (C_INK, ...); the palette of the frame
 * being built decides. */
typedef struct theme_palette {
    uint32_t bg, ink, muted, primary, on_primary, card, line, note_bg, note_ink, tint, scrim,
        urgent, reading;
} theme_palette;
#define THEME_PLAIN                                                                            \
    {.bg = 0xF6F4EFFF, .ink = 0x1B1B1BFF, .muted = 0x59636EFF, .primary = 0x1F4E79FF,          \
     .on_primary = 0xFFFFFFFF, .card = 0xFFFFFFFF, .line = 0xC9D1D9FF, .note_bg = 0xFFF1C2FF,  \
     .note_ink = 0x4D3A00FF, .tint = 0xE3EDF7FF, .scrim = 0x000000A0, .urgent = 0xA4262CFF,    \
     .reading = 0xFFE08AFF}
/* borders white, so every box shows by its edge; the bar and buttons yellow with black words;
 * "I need help now" a light red with black words, apart from every other button */
#define THEME_CONTRAST                                                                         \
    {.bg = 0x000000FF, .ink = 0xFFFFFFFF, .muted = 0xE6E6E6FF, .primary = 0xFFE000FF,          \
     .on_primary = 0x000000FF, .card = 0x000000FF, .line = 0xFFFFFFFF, .note_bg = 0x000000FF,  \
     .note_ink = 0xFFE000FF, .tint = 0x1F1F1FFF, .scrim = 0x000000D0, .urgent = 0xFF9A9AFF,    \
     .reading = 0x00339AFF}
extern const theme_palette theme_plain, theme_contrast;
/* the palette the frame being built uses (app/ui/core.c sets it for each frame) */
extern const theme_palette *theme_pal;
#define C_BG (theme_pal->bg)
#define C_INK (theme_pal->ink)
#define C_MUTED (theme_pal->muted)
#define C_PRIMARY (theme_pal->primary)
#define C_ON_PRIMARY (theme_pal->on_primary)
#define C_CARD (theme_pal->card)
#define C_LINE (theme_pal->line)
#define C_NOTE_BG (theme_pal->note_bg)
#define C_NOTE_INK (theme_pal->note_ink)
#define C_TINT (theme_pal->tint)
#define C_SCRIM (theme_pal->scrim) /* over a screen, under a card opened on it */
#define C_QR_LIGHT 0xFFFFFFFF
#define C_QR_DARK 0x000000FF
#define C_URGENT (theme_pal->urgent) /* "I need help now": apart from every other button */
#define C_READING (theme_pal->reading) /* behind the part being read aloud */

/* Material Design icon code points used by the kiosk itself (assets/icons/names.txt) */
#define ICON_BACK 0xe5c4
#define ICON_FORWARD 0xe5c8
#define ICON_HOME 0xe88a
#define ICON_SEARCH 0xe8b6
#define ICON_TOUCH 0xe913
#define ICON_LANGUAGE 0xe894
#define ICON_PHONE 0xe0cd
#define ICON_PLACE 0xe55f
#define ICON_HOURS 0xe8b5
#define ICON_LINK 0xe157
#define ICON_TRANSLATE 0xe8e2
#define ICON_INFO 0xe88e
#define ICON_NEXT_LTR 0xe5cc
#define ICON_NEXT_RTL 0xe5cb
#define ICON_BACKSPACE 0xe14a
#define ICON_ROUTE 0xeacd
#define ICON_RESTART 0xe9ba /* logout: "I am done" reads better than a reload arrow */
#define ICON_DOT 0xe061
#define ICON_FORUM 0xe0bf
#define ICON_HELP 0xe94c /* contact_support: help is a person to ask */
#define ICON_DONE 0xe876
#define ICON_DISC 0xef4a /* circle: a smooth disc, drawn as a glyph */
#define ICON_THUMB_UP 0xe8dc
#define ICON_THUMB_DOWN 0xe8db
#define ICON_FEEDBACK 0xe560 /* rate_review */
#define ICON_FACE_1 0xe814   /* sentiment_very_dissatisfied */
#define ICON_FACE_2 0xe811
#define ICON_FACE_3 0xe813
#define ICON_FACE_4 0xe815   /* sentiment_very_satisfied: four faces, no neutral one */
#define ICON_CHECKED 0xe834  /* check_box */
#define ICON_UNCHECKED 0xe835
#define ICON_RADIO_ON 0xe837
#define ICON_RADIO_OFF 0xe836
#define ICON_HARD 0xea4a     /* psychology: hard to understand */
#define ICON_NOT_FOUND 0xea76 /* search_off: not what I looked for */
#define ICON_OUTDATED 0xe923 /* update: wrong or outdated */
#define ICON_LOCK 0xe897
#define ICON_SKIP 0xe5c8     /* arrow_forward */
#define ICON_SEND 0xe163
#define ICON_BLOCK 0xe14b    /* prefer not to say */
#define ICON_KB_HIDE 0xe31a
#define ICON_MORE 0xe5db     /* arrow_downward: read on, down the notice */
#define ICON_SHIFT 0xe5d8    /* arrow_upward: the keyboard's shift */
#define ICON_URGENT 0xe1eb   /* emergency: "I need help now" */
#define ICON_DELETE 0xe872
#define ICON_READ 0xe050      /* volume_up: read aloud */
#define ICON_SETTINGS 0xf05d  /* settings_accessibility: a person, not a gear */
#define ICON_STOP 0xe047      /* stop reading */

/* feedback: taps closer than this are one tap; a thank-you holds this long; a visit sends at
 * most this many surveys */
#define THEME_REPEAT_MS 300
#define THEME_THANKS_MS 4000
#define THEME_SURVEYS_PER_VISIT 2

/* The sizes of one screen: body text, small and big text, padding, the top bar's height and
 * the gap between cards, in pixels; then the sizes derived from them that screens share, by
 * what they are for. */
typedef struct theme_metrics {
    int body, small, big, pad, bar, gap;
    int heading;   /* a heading: a title in the bar, a page's headings, a question */
    int row_icon;  /* the pictogram of a list row (its arrow) or of a notice line */
    int card_icon; /* the pictogram beside a card's text: a contact item, "you said, we did" */
    int indent;    /* a list item's text, after its bullet */
    int tile_word; /* the word under a tile's pictogram: a little smaller, tiles are narrow */
    int key_note;  /* a key that names what it types instead (the half space) */
} theme_metrics;

/* The person's text sizes (settings: text-size-1..3), in percent of the design's. */
#define THEME_TEXT_SIZES 3
#define THEME_TEXT_SCALE(k) ((k) == 2 ? 150 : (k) == 1 ? 125 : 100)

/* The sizes at w x h with text pct percent of the design's: the bar, rows and gaps grow with
 * the text, so the layout reflows around it. */
static inline theme_metrics theme_metrics_scaled(int w, int h, int pct)
{
    /* a landscape screen scales from 1280x800, a portrait one from 800x1280: a tall kiosk
     * gets type as large as its width allows */
    float sx = (float)w / (h > w ? 800.0f : 1280.0f), sy = (float)h / (h > w ? 1280.0f : 800.0f);
    float s = sx < sy ? sx : sy;
    theme_metrics m;
    m.body = (int)(28 * s + 0.5f);
    if (m.body < 18)
        m.body = 18;
    m.body = m.body * pct / 100;
    m.small = m.body * 3 / 4 < 16 ? 16 : m.body * 3 / 4;
    m.big = m.body * 3 / 2;
    m.pad = (int)(24 * s) < 10 ? 10 : (int)(24 * s);
    m.gap = m.pad / 2;
    /* the bar holds buttons of a pictogram over a word */
    m.bar = m.body + m.small + m.pad;
    if (m.bar < THEME_HEAD_MIN)
        m.bar = THEME_HEAD_MIN;
    m.heading = m.body * 6 / 5;
    m.row_icon = m.body * 5 / 4;
    m.card_icon = m.body * 3 / 2;
    m.indent = m.body * 3 / 2;
    m.tile_word = m.body * 9 / 10;
    m.key_note = m.small * 3 / 4;
    return m;
}

static inline theme_metrics theme_metrics_for(int w, int h) { return theme_metrics_scaled(w, h, 100); }

#endif
