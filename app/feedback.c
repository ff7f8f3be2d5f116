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

/* Age bands comparable with UNHCR's figures (children, adults, older people). */
const feedback_background_q feedback_background[FEEDBACK_NBACKGROUND] = {
    [FEEDBACK_BG_AGE] = {"bg-age", "age", "Your age", "Age",
                         {{FEEDBACK_UNDER_18, "Under 18"}, {"18-59", "18 to 59"},
                          {"60-plus", "60 or older"}, {NULL, NULL}}},
    [FEEDBACK_BG_GENDER] = {"bg-gender", "gender", "Gender", "Gender",
                            {{"woman", "Woman"}, {"man", "Man"}, {"another", "Another gender"},
                             {NULL, NULL}}},
    [FEEDBACK_BG_TIME] = {"bg-time", "time", "How long have you been in this country?",
                          "Time in the country",
                          {{"under-3m", "Less than 3 months"}, {"3-12m", "3 to 12 months"},
                           {"1-3y", "1 to 3 years"}, {"over-3y", "More than 3 years"},
                           {NULL, NULL}}},
    /* After the Washington Group Short Set on Functioning (WG-SS, Washington Group on
     * Disability Statistics: six questions, "Do you have difficulty seeing, even if wearing
     * glasses? ... hearing, even if using a hearing aid? ... walking or climbing steps? ...
     * remembering or concentrating? ... (with self-care such as) washing all over or
     * dressing? ... Using your usual language, ... communicating, for example understanding
     * or being understood?", each answered "No difficulty / Some difficulty / A lot of
     * difficulty / Cannot do at all"; as given by the WG and e.g. CBM's Humanitarian Hands-on
     * Tool, hhot.cbm.org/en/card/washington-group-questions). A kiosk asks one screen: the
     * six domains in one question, answered for the hardest of them, on the same four-step
     * scale, so "a lot" or "cannot" is the WG's own cut-off for a disability. Condensed, it
     * is not the WG-SS itself; like the WG, it never says "disability" to the person. */
    [FEEDBACK_BG_DISABILITY] = {"bg-disability", "disability",
                                "Do you have difficulty seeing, hearing, walking, remembering, "
                                "washing or dressing, or communicating? Answer for the hardest.",
                                "Difficulty in daily activities",
                                {{"none", "No difficulty"}, {"some", "Some difficulty"},
                                 {"a-lot", "A lot of difficulty"}, {"cannot", "Cannot do at all"},
                                 {NULL, NULL}}},
};

const feedback_background_q *feedback_background_find(const char *id)
{
    for (int i = 0; i < FEEDBACK_NBACKGROUND; i++)
        if (id && !strcmp(feedback_background[i].id, id))
            return &feedback_background[i];
    return NULL;
}

const feedback_background_q *feedback_background_named(const char *name)
{
    for (int i = 0; i < FEEDBACK_NBACKGROUND; i++)
        if (name && !strcmp(feedback_background[i].name, name))
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
