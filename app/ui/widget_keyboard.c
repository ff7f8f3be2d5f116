/* widget_keyboard: the on-screen keyboard of each language of the demo (Ge'ez consonants
 * open their vowel forms), and typing into the field it serves. */
#include "core/utf8.h"
#include "ui/screen.h"

#include <stdio.h>
#include <string.h>

typedef struct kb_layout {
    const char *lang;
    const char *rows[4]; /* letters, in the order of the language's usual keyboard */
    const char *digits;  /* free text: a row of the language's digits on top, when rows lack it */
    const char *extra;   /* free text: what a sentence needs beyond a search word */
} kb_layout;

/* The kiosk types logical order; keys sit right to left in right-to-left scripts. */
static const kb_layout layouts[] = {
    {"lv", {"ā č ē ģ ī ķ ļ ņ š ū ž", "q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"},
     "1 2 3 4 5 6 7 8 9 0", NULL},
    {"en", {"1 2 3 4 5 6 7 8 9 0", "q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"},
     NULL, NULL},
    {"ku", {"ç ê î ş û 1 2 3", "q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m"},
     "1 2 3 4 5 6 7 8 9 0", NULL},
    {"ru", {"й ц у к е н г ш щ з х", "ф ы в а п р о л д ж э", "я ч с м и т ь б ю ъ", NULL},
     "1 2 3 4 5 6 7 8 9 0", NULL},
    {"uk", {"й ц у к е н г ш щ з х ї", "ф і в а п р о л д ж є", "я ч с м и т ь б ю ґ", NULL},
     "1 2 3 4 5 6 7 8 9 0", NULL},
    {"ar", {"ض ص ث ق ف غ ع ه خ ح ج", "ش س ي ب ل ا ت ن م ك ط", "ئ ء ؤ ر ى ة و ز ظ د ذ", NULL},
     "١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ ٠", "أ إ آ لا"},
    {"fa", {"ض ص ث ق ف غ ع ه خ ح ج چ", "ش س ی ب ل ا ت ن م ک گ", "ظ ط ز ر ذ د پ و ژ آ", NULL},
     "۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹ ۰", "ئ \u200C"}, /* U+200C, the zero-width non-joiner: a half space */
    /* Ge'ez: a consonant key opens its seven vowel forms, as Ethiopic phone keyboards do */
    {"ti", {"ሀ ለ ሐ መ ሠ ረ ሰ ሸ ቀ ቐ በ ቨ", "ተ ቸ ኀ ነ ኘ አ ከ ኸ ወ ዐ ዘ ዠ", "የ ደ ጀ ገ ጠ ጨ ጰ ጸ ፀ ፈ ፐ", NULL},
     "1 2 3 4 5 6 7 8 9 0", NULL},
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
        }
        f[n] = 0;
    }
    u->v.scroll = 0; /* new results start at the top */
    u->dirty = 1;
}

/* The rows of keys for the field being typed in, and the height of a key: a search word
 * needs letters; free text also digits and what else a sentence needs. */
static int kb_rows(ui *u, const char *rows[6], int *kh)
{
    const kb_layout *kl = layout_for(u->v.lang);
    int n = 0, text = u->v.kb.free_text;
    if (text && kl->digits)
        rows[n++] = kl->digits;
    for (int r = 0; r < 4 && kl->rows[r]; r++)
        rows[n++] = kl->rows[r];
    if (text && kl->extra)
        rows[n++] = kl->extra;
    *kh = u->body * 2 > THEME_TOUCH_MIN ? u->body * 2 : THEME_TOUCH_MIN;
    if (u->H < 600)
        *kh = THEME_TOUCH_MIN;
    return n;
}

int keyboard_top(ui *u)
{
    const char *rows[6];
    int kh, nrows = kb_rows(u, rows, &kh);
    return u->bot - (nrows + 1) * (kh + 4) - u->gap;
}

void keyboard_bottom(ui *u, int *y, int *h)
{
    const char *rows[6];
    int nrows = kb_rows(u, rows, h);
    *y = keyboard_top(u) + nrows * (*h + 4);
}

void keyboard_draw(ui *u, int end_room)
{
    const char *rows[6];
    int kh, nrows = kb_rows(u, rows, &kh);
    int kb_top = keyboard_top(u);
    for (int r = 0; r < nrows; r++) {
        const char *row = rows[r];
        int nkeys = 1;
        for (const char *p = row; *p; p++)
            nkeys += *p == ' ';
        int kw = (u->W - 2 * u->gap - (nkeys - 1) * 4) / 12;
        int rowx = (u->W - (nkeys * kw + (nkeys - 1) * 4)) / 2;
        const char *p = row;
        for (int k = 0; k < nkeys; k++) {
            const char *sp = strchr(p, ' ');
            size_t n = sp ? (size_t)(sp - p) : strlen(p);
            char key[16];
            snprintf(key, sizeof key, "%.*s", (int)n, p);
            /* keys sit where the person's own keyboard has them: a keyboard is not mirrored
             * in a right-to-left screen (Arabic and Persian keyboards have ض at the far left
             * and their digits from ١ on the left, as on every PC and phone) */
            int x = rowx + k * (kw + 4), ky = kb_top + r * (kh + 4);
            display_frame(&u->dl, x, ky, kw, kh, C_CARD, 6, 1, C_LINE);
            /* the half space types nothing visible: its key says what it is */
            int zwnj = !strcmp(key, "\u200C");
            const char *label = zwnj ? ui_tr(u, "Half space") : key;
            ui_para_mid(u, label, x, ky, kw, kh, zwnj ? u->key_note : u->body, 0, TEXT_ALIGN_CENTER,
                        u->v.rtl, zwnj ? C_MUTED : C_INK);
            char id[32];
            snprintf(id, sizeof id, "key-%s", zwnj ? "zwnj" : key);
            size_t ki = 0;
            uint32_t kc = utf8_decode(key, strlen(key), &ki);
            int ethiopic = kc >= 0x1200 && kc <= 0x137F;
            widget_add(u, id, UI_ROLE_KEY, label, x, ky, kw, kh,
                       ethiopic ? UI_ACT_SYLLABLE : UI_ACT_KEY, key);
            p = sp ? sp + 1 : p + n;
        }
    }
    if (u->v.kb.base) { /* the vowel forms of the chosen consonant, over the keyboard */
        int nf = 8, fw = (u->W - 2 * u->gap) / 10, fh = kh * 5 / 4;
        int fx0 = (u->W - nf * (fw + 4)) / 2, fy = kb_top - fh - u->gap;
        display_frame(&u->dl, fx0 - u->gap, fy - u->gap / 2, nf * (fw + 4) + 2 * u->gap,
                      fh + u->gap, C_PRIMARY, 8, 0, 0);
        for (int k = 0; k < nf; k++) {
            char form[8];
            int fl = utf8_encode(u->v.kb.base + (uint32_t)k, form);
            form[fl] = 0;
            if (!u->m->covers(u->m->ctx, TEXT_FACE_ETHIOPIC, u->v.kb.base + (uint32_t)k))
                continue;
            int x = ui_mx(u, fx0 + k * (fw + 4), fw);
            display_frame(&u->dl, x, fy, fw, fh, C_CARD, 6, 0, 0);
            ui_para_mid(u, form, x, fy, fw, fh, u->big, 0, TEXT_ALIGN_CENTER, u->v.rtl, C_INK);
            char id[32];
            snprintf(id, sizeof id, "form-%d", k);
            widget_add(u, id, UI_ROLE_KEY, form, x, fy, fw, fh, UI_ACT_KEY, form);
        }
    }
    int ky = kb_top + nrows * (kh + 4);
    int spw = u->W / 2, dw = u->W / 6;
    int sx = (u->W - spw) / 2 - dw / 2; /* delete on the right, as on every keyboard */
    if (u->v.kb.free_text) {
        /* wherever a person writes, the way out is in reach: "I need help now" at the left
         * of the bottom row (the keyboard is not mirrored), the space bar shorter beside it */
        int uw = u->W / 3, x0 = (u->W - uw - 4 - u->W / 3 - 4 - dw) / 2;
        spw = u->W / 3;
        if (end_room > 0) { /* from the start, the space bar giving up what the screen needs */
            x0 = u->gap;
            int left = u->W - u->gap - end_room - 4 - x0 - uw - 4 - dw - 4;
            spw = left < spw ? left : spw;
        }
        chrome_urgent(u, x0, ky, uw, kh);
        sx = x0 + uw + 4;
    }
    display_frame(&u->dl, sx, ky, spw, kh, C_CARD, 6, 1, C_LINE);
    const char *space = ui_tr(u, "Space");
    ui_para_mid(u, space, sx, ky, spw, kh, u->small, 0, TEXT_ALIGN_CENTER, u->v.rtl, C_MUTED);
    widget_add(u, "key-space", UI_ROLE_KEY, space, sx, ky, spw, kh, UI_ACT_KEY, " ");
    int dx = sx + spw + 4; /* after the space bar */
    display_frame(&u->dl, dx, ky, dw, kh, C_CARD, 6, 1, C_LINE);
    ui_icon(u, ICON_BACKSPACE, dx + dw / 2, ky + kh / 2, u->body, C_INK);
    if (u->v.rtl) /* it points the way letters go away */
        display_flip_last(&u->dl);
    widget_add(u, "key-delete", UI_ROLE_KEY, ui_tr(u, "Delete"), dx, ky, dw, kh, UI_ACT_KEY, "\b");
}
