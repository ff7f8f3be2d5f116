/* feedback: the tables of feedback.h. */
#include "feedback.h"

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
