/* widget_keyboard: the on-screen keyboard of each language of the demo (Ge'ez consonants
 * open their vowel forms), and typing into the field it serves. */
#include "core/utf8.h"
#include "ui/screen.h"

#include <utf8proc.h>

#include <stdio.h>
#include <string.h>

typedef struct kb_layout {
    const char *lang;
    /* letters beyond the standard rows (Latvian long vowels, Arabic hamza forms, the Persian
     * half space), a row of their own above them, or NULL */
    const char *extra;
    /* the letters of the language's standard keyboard, row by row, left to right as on the
     * keyboard itself: a keyboard is not mirrored in a right-to-left screen */
    const char *rows[3];
    int cased;         /* the script has capitals: a shift key */
    const char *punct; /* the language's own punctuation, on the second layer */
    const char *more;  /* the key to the second layer (its digits as the language writes them) */
    const char *abc;   /* the key back from the second layer to the letters */
} kb_layout;

#define PUNCT_LATIN ". , ? ! ' \" : ; - ( ) /"
#define PUNCT_CYRILLIC ". , ? ! « » \" : ; - ( )"
#define PUNCT_ARABIC "، . ؟ ! ؛ : « » - ( ) /"
/* the second layer's last row, the same in every script */
#define KB_SIGNS "+ = * % # & @ _ ~"
/* the digits row: written in the language's digits when drawn (ui_digits) */
#define KB_DIGITS "1 2 3 4 5 6 7 8 9 0"

/* The standard layouts: the common Arabic PC layout (xkb "ara"), ISIRI 9147 for Persian
 * (xkb "ir"), ЙЦУКЕН for Russian and Ukrainian, Kurdish Latin Q (xkb "tr(ku)"), QWERTY with
 * Latvian's long vowels above; what a standard layout has on a shift or third level (hamza
 * forms, the half space, ё, ґ) is in the extra row or at a row's end. Ge'ez: a consonant key
 * opens its vowel forms (and its labiovelar forms), as Ethiopic phone keyboards do. */
static const kb_layout layouts[] = {
    {"lv", "ā č ē ģ ī ķ ļ ņ š ū ž", {"q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"},
     1, PUNCT_LATIN, "?123", "abc"},
    {"en", NULL, {"q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"}, 1, PUNCT_LATIN,
     "?123", "abc"},
    {"ku", NULL, {"q w e r t y u i o p û", "a s d f g h j k l ş î", "z x c v b n m ê ç"}, 1,
     PUNCT_LATIN, "?123", "abc"},
    {"ru", NULL, {"й ц у к е н г ш щ з х ъ", "ф ы в а п р о л д ж э", "я ч с м и т ь б ю ё"}, 1,
     PUNCT_CYRILLIC, "?123", "абв"},
    /* U+02BC, the Ukrainian apostrophe (сімʼя, мʼясо, здоровʼя) */
    {"uk", NULL, {"й ц у к е н г ш щ з х ї", "ф і в а п р о л д ж є", "я ч с м и т ь б ю ґ ʼ"},
     1, PUNCT_CYRILLIC, "?123", "абв"},
    {"ar", "ذ أ إ آ", {"ض ص ث ق ف غ ع ه خ ح ج د", "ش س ي ب ل ا ت ن م ك ط", "ئ ء ؤ ر لا ى ة و ز ظ"},
     0, PUNCT_ARABIC, "؟123", "أبت"},
    /* U+200C, the zero-width non-joiner: the half space */
    {"fa", "آ ژ ء ئ ؤ أ \u200C", {"ض ص ث ق ف غ ع ه خ ح ج چ", "ش س ی ب ل ا ت ن م ک گ",
                                  "ظ ط ز ر ذ د پ و"},
     0, PUNCT_ARABIC, "؟123", "ابپ"},
    {"ti", NULL, {"ሀ ለ ሐ መ ሠ ረ ሰ ሸ ቀ ቐ በ ቨ", "ተ ቸ ኀ ነ ኘ አ ከ ኸ ወ ዐ ዘ ዠ", "የ ደ ጀ ገ ጠ ጨ ጰ ጸ ፀ ፈ ፐ"}, 0,
     "። ፣ ፧ ? ! ፤ ፦ « » - ( )", "?123", "ሀለሐ"},
};

/* The consonants whose labiovelar forms (qʷ, kʷ, gʷ, ...) a key of Ge'ez opens with its
 * vowel forms: each consonant's first form, then the first of its labiovelar forms. */
static const uint32_t labiovelars[][2] = {
    {0x1240, 0x1248}, {0x1250, 0x1258}, {0x1280, 0x1288},
    {0x12A8, 0x12B0}, {0x12B8, 0x12C0}, {0x1308, 0x1310},
};

static const kb_layout *layout_for(const char *lang)
{
    for (size_t k = 0; k < sizeof layouts / sizeof layouts[0]; k++)
        if (!strcmp(layouts[k].lang, lang))
            return &layouts[k];
    return &layouts[1];
}

void keyboard_focus(ui *u, char *field, size_t cap, size_t max_chars, int free_text)
{
    keyboard_visit *kb = &u->v.kb;
    kb->field = field, kb->cap = field ? cap : 0, kb->max_chars = field ? max_chars : 0;
    kb->free_text = free_text;
}

void keyboard_type(ui *u, const char *t)
{
    char *f = u->v.kb.field;
    size_t cap = u->v.kb.cap, max_chars = u->v.kb.max_chars;
    size_t n = f ? strlen(f) : 0;
    if (!f) {
        /* no field (a text question past the ones kept): nothing is typed */
    } else if (!strcmp(t, "\b")) {
        while (n > 0 && ((unsigned char)f[n - 1] & 0xC0) == 0x80)
            n--; /* back over a whole UTF-8 character */
        if (n > 0)
            n--;
        f[n] = 0;
    } else {
        size_t chars = 0;
        for (size_t i = 0; i < n; i++)
            chars += ((unsigned char)f[i] & 0xC0) != 0x80;
        /* only printable text: control characters (C0, DEL, C1), noncharacters and broken
         * UTF-8 stay out; what does not fit is not typed */
        size_t len = strlen(t);
        for (size_t i = 0; i < len;) {
            uint32_t cp = utf8_decode(t, len, &i);
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFD || utf8_nonchar(cp))
                continue;
            char enc[4];
            int el = utf8_encode(cp, enc);
            if (n + (size_t)el >= cap - 1 || chars >= max_chars)
                break;
            memcpy(f + n, enc, (size_t)el);
            n += (size_t)el, chars++;
            u->v.kb.shift = 0; /* a capital, then small letters again */
        }
        f[n] = 0;
    }
    u->v.scroll = 0; /* new results start at the top */
    u->dirty = 1;
}

/* The rows of keys shown: the letters (an extra row above the standard ones where the
 * language has one), or the second layer's digits, punctuation and signs; and the height of
 * a key. The keyboard is as tall on both layers, so nothing above it moves. */
static int kb_rows(ui *u, const char *rows[4], int *kh)
{
    const kb_layout *kl = layout_for(u->v.lang);
    int n = 0;
    if (kl->extra)
        rows[n++] = kl->extra;
    for (int r = 0; r < 3; r++)
        rows[n++] = kl->rows[r];
    if (u->v.kb.layer) {
        rows[0] = ui_digits(u, KB_DIGITS);
        rows[1] = kl->punct;
        rows[2] = KB_SIGNS;
        for (int r = 3; r < n; r++)
            rows[r] = NULL;
    }
    *kh = u->body * 2 > THEME_TOUCH_MIN ? u->body * 2 : THEME_TOUCH_MIN;
    if (u->H < 600)
        *kh = THEME_TOUCH_MIN;
    return n;
}

int keyboard_top(ui *u)
{
    const char *rows[4];
    int kh, nrows = kb_rows(u, rows, &kh);
    return u->bot - (nrows + 1) * (kh + 4) - u->gap;
}

void keyboard_bottom(ui *u, int *y, int *h)
{
    const char *rows[4];
    int nrows = kb_rows(u, rows, h);
    *y = keyboard_top(u) + nrows * (*h + 4);
}

/* The width of a letter key: twelve to a row. */
static int key_w(const ui *u) { return (u->W - 2 * u->gap - 11 * 4) / 12; }

/* A key that types (or, for a Ge'ez consonant, opens the forms of) key, in upper case when
 * shift is on. */
static void letter_key(ui *u, const char *key, int x, int y, int w, int h, int px)
{
    char typed[16];
    snprintf(typed, sizeof typed, "%s", key);
    size_t ki = 0, kl = strlen(key);
    uint32_t kc = utf8_decode(key, kl, &ki);
    if (u->v.kb.shift && ki == kl) { /* one letter: its capital (utf8proc knows them all) */
        int n = utf8_encode((uint32_t)utf8proc_toupper((utf8proc_int32_t)kc), typed);
        typed[n] = 0;
    }
    display_frame(&u->dl, x, y, w, h, C_CARD, 6, 1, C_LINE);
    /* the half space types nothing visible: its key says what it is */
    int zwnj = !strcmp(key, "\u200C");
    const char *label = zwnj ? ui_tr(u, "Half space") : typed;
    ui_para_mid(u, label, x, y, w, h, zwnj ? u->key_note : px, 0, TEXT_ALIGN_CENTER, u->v.rtl,
                zwnj ? C_MUTED : C_INK);
    char id[32];
    snprintf(id, sizeof id, "key-%s", zwnj ? "zwnj" : typed);
    int ethiopic = kc >= 0x1200 && kc <= 0x137F;
    widget_add(u, id, UI_ROLE_KEY, label, x, y, w, h, ethiopic ? UI_ACT_SYLLABLE : UI_ACT_KEY,
               typed);
}

/* The largest type, up to px, in which a line of s is no taller than h: a key's letter in
 * large text on a small screen, where the keys keep a finger's height. */
static int fit_px(ui *u, const char *s, int px, int h)
{
    while (px > u->key_note && ui_text_height(u, s, 0, px, 0) > h)
        px--;
    return px;
}

/* A key of the keyboard's own (shift, the layer): a pictogram or a short word, tinted. */
static void own_key(ui *u, const char *id, const char *label, uint32_t icon, const char *word,
                    int on, int x, int y, int w, int h, int action)
{
    display_frame(&u->dl, x, y, w, h, on ? C_PRIMARY : C_TINT, 6, 1, C_LINE);
    if (icon)
        ui_icon(u, icon, x + w / 2, y + h / 2, u->body, on ? C_ON_PRIMARY : C_PRIMARY);
    else
        ui_para_mid(u, word, x, y, w, h, u->small, 1, TEXT_ALIGN_CENTER, u->v.rtl, C_PRIMARY);
    widget_add(u, id, UI_ROLE_KEY, label, x, y, w, h, action, NULL);
}

/* The forms of the chosen Ge'ez consonant over the keyboard: its vowel orders, and under
 * them its labiovelar forms where it has them (ቀ: ቈ ቊ ቋ ቌ ቍ). */
static void syllables(ui *u, int kb_top, int kh)
{
    uint32_t rows[2] = {u->v.kb.base, 0};
    for (size_t k = 0; k < sizeof labiovelars / sizeof labiovelars[0]; k++)
        if (labiovelars[k][0] == u->v.kb.base)
            rows[1] = labiovelars[k][1];
    int nr = rows[1] ? 2 : 1, nf = 8, fw = (u->W - 2 * u->gap) / 10, fh = kh * 5 / 4;
    int fx0 = (u->W - nf * (fw + 4)) / 2, fy0 = kb_top - nr * (fh + 4) - u->gap;
    display_frame(&u->dl, fx0 - u->gap, fy0 - u->gap / 2, nf * (fw + 4) + 2 * u->gap,
                  nr * (fh + 4) + u->gap, C_PRIMARY, 8, 0, 0);
    int n = 0;
    for (int r = 0; r < nr; r++) {
        for (int k = 0, col = 0; k < nf; k++) {
            uint32_t cp = rows[r] + (uint32_t)k;
            /* unassigned places (U+1249) and forms the font lacks are left out */
            if (utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_CN ||
                !u->m->covers(u->m->ctx, TEXT_FACE_ETHIOPIC, cp))
                continue;
            char form[8];
            int fl = utf8_encode(cp, form);
            form[fl] = 0;
            int x = ui_mx(u, fx0 + col++ * (fw + 4), fw), fy = fy0 + r * (fh + 4);
            display_frame(&u->dl, x, fy, fw, fh, C_CARD, 6, 0, 0);
            ui_para_mid(u, form, x, fy, fw, fh, fit_px(u, form, u->big, fh), 0, TEXT_ALIGN_CENTER,
                        u->v.rtl, C_INK);
            char id[32];
            snprintf(id, sizeof id, "form-%d", n++);
            widget_add(u, id, UI_ROLE_KEY, form, x, fy, fw, fh, UI_ACT_KEY, form);
        }
    }
}

void keyboard_draw(ui *u, int start_room, int end_room)
{
    const kb_layout *kl = layout_for(u->v.lang);
    const char *rows[4];
    int kh, nrows = kb_rows(u, rows, &kh);
    int kb_top = keyboard_top(u), kw = key_w(u);
    /* the letters as large as the keys hold */
    int kpx = u->body;
    for (int r = 0; r < nrows; r++)
        if (rows[r]) { /* each row's first key: a row may be in another font (Ge'ez marks) */
            char first[16];
            snprintf(first, sizeof first, "%.*s", (int)strcspn(rows[r], " "), rows[r]);
            kpx = fit_px(u, first, kpx, kh);
        }
    for (int r = 0; r < nrows; r++) {
        const char *row = rows[r];
        if (!row)
            continue;
        int nkeys = 1;
        for (const char *p = row; *p; p++)
            nkeys += *p == ' ';
        int ky = kb_top + r * (kh + 4);
        int rowx = (u->W - (nkeys * kw + (nkeys - 1) * 4)) / 2;
        /* shift at the start of the last row of letters, as on every keyboard of a script
         * with capitals; the letters move over when it would cover them */
        if (kl->cased && !u->v.kb.layer && r == nrows - 1) {
            int room = u->W - 2 * u->gap - nkeys * (kw + 4);
            int sw = room < kw * 3 / 2 ? room : kw * 3 / 2;
            own_key(u, "key-shift", ui_tr(u, "Capital letters"), ICON_SHIFT, NULL, u->v.kb.shift,
                    u->gap, ky, sw, kh, UI_ACT_SHIFT);
            if (rowx < u->gap + sw + 4)
                rowx = u->gap + sw + 4;
        }
        const char *p = row;
        for (int k = 0; k < nkeys; k++) {
            const char *sp = strchr(p, ' ');
            size_t n = sp ? (size_t)(sp - p) : strlen(p);
            char key[16];
            snprintf(key, sizeof key, "%.*s", (int)n, p);
            letter_key(u, key, rowx + k * (kw + 4), ky, kw, kh, kpx);
            p = sp ? sp + 1 : p + n;
        }
    }
    if (u->v.kb.base)
        syllables(u, kb_top, kh);
    /* the bottom row: what the screen or the keyboard keeps at its start ("I need help now"
     * wherever a person writes), the layer key, the space bar, delete (on the right, as on
     * every keyboard), and what the screen keeps at its end */
    int ky = kb_top + nrows * (kh + 4), x0 = u->gap;
    if (u->v.kb.free_text) {
        /* as wide as its words need in small type on one line, within a third (a quarter
         * beside Next) and two fifths of the row */
        int uw = end_room > 0 ? u->W / 4 : u->W / 3, most = u->W * 2 / 5;
        /* and never so wide that the space bar is less than two keys (large text beside
         * Next on a small screen): its words go smaller then */
        int lw = kw * 3 / 2, dw = u->W / 6 < kw * 2 ? u->W / 6 : kw * 2;
        int rest = u->W - 2 * u->gap - (end_room ? end_room + 4 : 0) - 4 - lw - dw - 8 - kw * 2;
        if (most > rest)
            most = rest;
        int need = ui_text_width(u, ui_tr(u, "I need help now"), u->small, 1) + 3 * u->gap +
                   kh * 3 / 5 + 2;
        uw = need > most ? most : need > uw ? need : uw > most ? most : uw;
        chrome_urgent(u, x0, ky, uw, kh);
        start_room = uw;
    }
    int left = x0 + (start_room ? start_room + 4 : 0), right = u->W - u->gap - (end_room ? end_room + 4 : 0);
    int lw = kw * 3 / 2, dw = u->W / 6 < kw * 2 ? u->W / 6 : kw * 2;
    int spw = right - left - lw - dw - 8;
    if (spw > u->W / 2)
        spw = u->W / 2;
    int lx = left + (right - left - (lw + spw + dw + 8)) / 2; /* the three in the middle */
    const char *word = u->v.kb.layer ? kl->abc : ui_digits(u, kl->more);
    own_key(u, "key-layer", ui_tr(u, u->v.kb.layer ? "Letters" : "Numbers and punctuation"), 0,
            word, 0, lx, ky, lw, kh, UI_ACT_LAYER);
    int sx = lx + lw + 4;
    display_frame(&u->dl, sx, ky, spw, kh, C_CARD, 6, 1, C_LINE);
    const char *space = ui_tr(u, "Space");
    ui_para_mid(u, space, sx, ky, spw, kh, u->small, 0, TEXT_ALIGN_CENTER, u->v.rtl, C_MUTED);
    widget_add(u, "key-space", UI_ROLE_KEY, space, sx, ky, spw, kh, UI_ACT_KEY, " ");
    int dx = sx + spw + 4;
    display_frame(&u->dl, dx, ky, dw, kh, C_CARD, 6, 1, C_LINE);
    ui_icon(u, ICON_BACKSPACE, dx + dw / 2, ky + kh / 2, u->body, C_INK);
    if (u->v.rtl) /* it points the way letters go away */
        display_flip_last(&u->dl);
    widget_add(u, "key-delete", UI_ROLE_KEY, ui_tr(u, "Delete"), dx, ky, dw, kh, UI_ACT_KEY, "\b");
}
