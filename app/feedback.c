/* feedback: the tables of feedback.h. */
#include "feedback.h"
#include "pack/content.h"

#include <string.h>

const feedback_term feedback_reasons[FEEDBACK_NREASONS] = {
    {"hard", "Hard to understand"},
    {"not-found", "Not what I looked for"},
    {"outdated", "Wrong or outdated"},
    {"language", "Not in my language"},
};

const feedback_term feedback_faces[FEEDBACK_NFACES] = {
    {"1", "Very unhappy"}, {"2", "Unhappy"}, {"3", "Happy"}, {"4", "Very happy"}};

const feedback_background_q feedback_background[FEEDBACK_NBACKGROUND] = {
    {"bg-age", "Your age", "Age",
     {{"under-18", "Under 18"}, {"18-29", "18 to 29"}, {"30-44", "30 to 44"},
      {"45-64", "45 to 64"}, {"65-plus", "65 or older"}, {NULL, NULL}}},
    {"bg-gender", "Gender", "Gender",
     {{"woman", "Woman"}, {"man", "Man"}, {"another", "Another gender"}, {NULL, NULL}}},
    {"bg-time", "How long have you been in this country?", "Time in the country",
     {{"under-3m", "Less than 3 months"}, {"3-12m", "3 to 12 months"}, {"1-3y", "1 to 3 years"},
      {"over-3y", "More than 3 years"}, {NULL, NULL}}},
};

const feedback_background_q *feedback_background_find(const char *id)
{
    for (int i = 0; i < FEEDBACK_NBACKGROUND; i++)
        if (id && !strcmp(feedback_background[i].id, id))
            return &feedback_background[i];
    return NULL;
}

static int letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int digit(char c) { return c >= '0' && c <= '9'; }

const char *feedback_lang_normalise(const char *code, char out[FEEDBACK_LANG_MAX + 1])
{
    out[0] = 0;
    size_t n = code ? strlen(code) : 0, p = 0;
    if (n > FEEDBACK_LANG_MAX)
        return "is longer than a language code (2 or 3 letters, then a script or region)";
    while (p < n && letter(code[p]))
        p++;
    if (p < 2 || p > 3)
        return "does not start with a language of 2 or 3 letters";
    if (p < n) {
        size_t t = n - p - 1, k;
        int letters = 1, digits = 1;
        if (code[p] != '-')
            return "has a character other than a letter after the language";
        for (k = p + 1; k < n; k++)
            letters &= letter(code[k]), digits &= digit(code[k]);
        if (!((letters && (t == 2 || t == 4)) || (digits && t == 3)))
            return "has a subtag that is not a script (4 letters) or a region (2 letters or 3 "
                   "digits)";
    }
    for (size_t k = 0; k < n; k++)
        out[k] = code[k] >= 'A' && code[k] <= 'Z' ? (char)(code[k] - 'A' + 'a') : code[k];
    out[n] = 0;
    return NULL;
}

const char *feedback_question_kind(int t)
{
    static const char *const kinds[] = {
        [CONTENT_Q_FACES] = FEEDBACK_KIND_FACES, [CONTENT_Q_YESNO] = FEEDBACK_KIND_YESNO,
        [CONTENT_Q_SINGLE] = FEEDBACK_KIND_SINGLE, [CONTENT_Q_MULTI] = FEEDBACK_KIND_MULTI,
        [CONTENT_Q_TEXT] = FEEDBACK_KIND_TEXT};
    return t >= 0 && t < (int)(sizeof kinds / sizeof *kinds) && kinds[t] ? kinds[t]
                                                                          : FEEDBACK_KIND_TEXT;
}

int feedback_kind_is_choice(const char *kind)
{
    static const char *const choice[] = {FEEDBACK_KIND_FACES, FEEDBACK_KIND_YESNO,
                                         FEEDBACK_KIND_SINGLE, FEEDBACK_KIND_MULTI,
                                         FEEDBACK_KIND_BACKGROUND};
    for (size_t i = 0; kind && i < sizeof choice / sizeof *choice; i++)
        if (!strcmp(kind, choice[i]))
            return 1;
    return 0;
}
