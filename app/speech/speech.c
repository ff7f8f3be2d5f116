/* speech: jobs and the text they speak (see speech.h). */
#include "speech/speech.h"

#include "core/buf.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const speech_month_msgids[12] = {
    "{day} January {year}", "{day} February {year}", "{day} March {year}",
    "{day} April {year}",   "{day} May {year}",      "{day} June {year}",
    "{day} July {year}",    "{day} August {year}",   "{day} September {year}",
    "{day} October {year}", "{day} November {year}", "{day} December {year}",
};

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Bytes of an invisible control at s (bidi marks, embeddings and isolates, the Arabic letter
 * mark, a soft hyphen) that a synthesizer would stumble on, or 0. */
static size_t control_at(const unsigned char *s)
{
    if (s[0] == 0xC2 && s[1] == 0xAD) /* soft hyphen */
        return 2;
    if (s[0] == 0xD8 && s[1] == 0x9C) /* U+061C arabic letter mark */
        return 2;
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8E || s[2] == 0x8F || (s[2] >= 0xAA && s[2] <= 0xAE)))
        return 3; /* LRM, RLM, LRE..RLO */
    if (s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)
        return 3; /* LRI, RLI, FSI, PDI */
    return 0;
}

/* n digits at s as a number, or -1 when one is not a digit. */
static int number(const char *s, int n)
{
    int v = 0;
    for (int k = 0; k < n; k++) {
        if (!is_digit(s[k]))
            return -1;
        v = v * 10 + (s[k] - '0');
    }
    return v;
}

/* A date at s (2022-12-01, or 1.12.2022 and 01.12.2022): its length, with day, month and
 * year set; 0 when there is none. A digit just before or after means a longer number. */
static size_t date_at(const char *s, const char *start, int *day, int *month, int *year)
{
    if (s > start && is_digit(s[-1]))
        return 0;
    size_t n = 0;
    if (number(s, 4) >= 0 && s[4] == '-' && number(s + 5, 2) >= 0 && s[7] == '-' &&
        number(s + 8, 2) >= 0) {
        *year = number(s, 4), *month = number(s + 5, 2), *day = number(s + 8, 2);
        n = 10;
    } else {
        int dl = is_digit(s[0]) && is_digit(s[1]) ? 2 : is_digit(s[0]) ? 1 : 0;
        if (!dl || s[dl] != '.')
            return 0;
        const char *m = s + dl + 1;
        int ml = is_digit(m[0]) && is_digit(m[1]) ? 2 : is_digit(m[0]) ? 1 : 0;
        if (!ml || m[ml] != '.' || number(m + ml + 1, 4) < 0)
            return 0;
        *day = number(s, dl), *month = number(m, ml), *year = number(m + ml + 1, 4);
        n = (size_t)(m + ml + 1 + 4 - s);
    }
    if (is_digit(s[n]) || *month < 1 || *month > 12 || *day < 1 || *day > 31)
        return 0;
    return n;
}

/* Digits one by one ("6 7, 2 1 9"): a pause between the groups as written, a plus kept. */
static void spell_digits(buf *out, const char *s, size_t n)
{
    int in_group = 0, any = 0;
    for (size_t k = 0; k < n; k++) {
        if (is_digit(s[k]) || s[k] == '+') {
            if (any)
                buf_adds(out, in_group ? " " : ", ");
            buf_addc(out, s[k]);
            in_group = any = 1;
        } else {
            in_group = 0;
        }
    }
}

/* A phone number in running text at s: a '+' and digits, or at least 8 digits, in groups
 * joined by single spaces or hyphens (an amount like 1 500 or a year stays a number). Its
 * length, or 0. */
static size_t phone_at(const char *s, const char *start)
{
    if (s > start && (is_digit(s[-1]) || s[-1] == '+'))
        return 0;
    size_t k = s[0] == '+' ? 1 : 0, end = 0;
    int digits = 0;
    while (is_digit(s[k])) {
        while (is_digit(s[k]))
            k++, digits++;
        end = k;
        if ((s[k] == ' ' || s[k] == '-') && is_digit(s[k + 1]))
            k++;
    }
    if (s[0] == '+' ? digits >= 6 : digits >= 8)
        return end;
    return 0;
}

static void put_date(buf *out, const char *pattern, int day, int year)
{
    char d[16], y[16];
    snprintf(d, sizeof d, "%d", day);
    snprintf(y, sizeof y, "%d", year);
    for (const char *p = pattern; *p;) {
        if (!strncmp(p, "{day}", 5))
            buf_adds(out, d), p += 5;
        else if (!strncmp(p, "{year}", 6))
            buf_adds(out, y), p += 6;
        else
            buf_addc(out, *p++);
    }
}

char *speech_say(const char *text, int kind, const char *const *months)
{
    char *west = text_digits(text ? text : "", text ? strlen(text) : 0, TEXT_DIGITS_WESTERN);
    buf out;
    buf_init(&out);
    if (kind == SPEECH_PHONE) {
        spell_digits(&out, west, strlen(west));
    } else {
        for (const char *s = west; *s;) {
            size_t n = control_at((const unsigned char *)s);
            if (n) {
                s += n;
                continue;
            }
            int day, month, year;
            if (kind == SPEECH_TEXT && months && (n = date_at(s, west, &day, &month, &year))) {
                put_date(&out, months[month - 1], day, year);
                s += n;
            } else if (kind == SPEECH_TEXT && number(s, 4) >= 0 && s[4] == '-' &&
                       number(s + 5, 2) >= 0 && s[7] == '-' && number(s + 8, 2) >= 0) {
                buf_add(&out, s, 10); /* shaped as a date, but none: no phone number either */
                s += 10;
            } else if (kind == SPEECH_TEXT && (n = phone_at(s, west))) {
                spell_digits(&out, s, n);
                s += n;
            } else {
                buf_addc(&out, *s++);
            }
        }
    }
    free(west);
    char *r = buf_take(&out);
    return r ? r : xstrdup("");
}

speech_job *speech_job_new(unsigned id, const char *lang, const char *const *months)
{
    speech_job *j = xcalloc(1, sizeof *j);
    j->id = id;
    snprintf(j->lang, sizeof j->lang, "%s", lang ? lang : "");
    /* the patterns are kept with the job (they come from a frame's strings) */
    for (int k = 0; months && k < 12; k++)
        j->months[k] = xstrdup(months[k] ? months[k] : speech_month_msgids[k]);
    return j;
}

static const char *const *job_months(const speech_job *j)
{
    return j->months[0] ? (const char *const *)j->months : NULL;
}

void speech_job_part(speech_job *j, const char *text, int kind)
{
    if (j->nparts == SPEECH_MAX_PARTS)
        return;
    j->parts = xrealloc(j->parts, (size_t)(j->nparts + 1) * sizeof *j->parts);
    j->parts[j->nparts++] = speech_say(text, kind, job_months(j));
}

void speech_job_more(speech_job *j, const char *text, int kind)
{
    if (!j->nparts) {
        speech_job_part(j, text, kind);
        return;
    }
    char *more = speech_say(text, kind, job_months(j));
    char **last = &j->parts[j->nparts - 1];
    size_t n = strlen(*last) + strlen(more) + 3;
    char *joined = xmalloc(n);
    /* a full stop between the pieces: the synthesizer pauses as between sentences */
    snprintf(joined, n, "%s. %s", *last, more);
    free(*last), free(more);
    *last = joined;
}

void speech_job_record(speech_job *j, const void *data, size_t len)
{
    free(j->recording);
    j->recording = xmalloc(len ? len : 1);
    memcpy(j->recording, data, len);
    j->recording_len = len;
}

void speech_job_free(speech_job *j)
{
    if (!j)
        return;
    for (int k = 0; k < j->nparts; k++)
        free(j->parts[k]);
    free(j->parts);
    for (int k = 0; k < 12; k++)
        free(j->months[k]);
    free(j->recording);
    free(j);
}
