/* speak: reading aloud, for every screen. The read-aloud button asks the screen shown (its
 * speak) or the open contact card for a job of its parts in reading order and asks the
 * platform to read it (UI_REQ_SPEAK); the platform hands back the part playing (ui_speech),
 * which the screen highlights. Reading stops on a second tap, when the person leaves the
 * place (another screen, a card opened or closed) and when the visit ends. */
#include "ui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ui_has_voice(const ui *u, const char *lang)
{
    char yes[24], no[24];
    if (!lang || !*lang || strlen(lang) > 16 || u->v.quiet || !u->has_voice) /* read aloud is off */
        return 0;
    snprintf(yes, sizeof yes, " +%s ", lang);
    snprintf(no, sizeof no, " -%s ", lang);
    if (strstr(u->voices, yes))
        return 1;
    if (strstr(u->voices, no))
        return 0;
    /* the first time for this language: the platform may start its synthesizer now; one
     * still starting is asked again by the next screen, not taken for a no */
    int has = u->has_voice(u->voice_ctx, lang);
    if (has < 0)
        return 0;
    has = has != 0;
    size_t n = strlen(u->voices);
    if (n + strlen(yes) < UI_VOICES_MAX) /* else asked again next time: the answer is the same */
        snprintf(u->voices + n, UI_VOICES_MAX - n, "%s", (has ? yes : no) + (n ? 1 : 0));
    return has;
}

speech_job *ui_speech_job(ui *u, const char *lang)
{
    const char *months[12];
    for (int k = 0; k < 12; k++)
        months[k] = content_ui(u->c, lang, speech_month_msgids[k], &u->fa);
    return speech_job_new(++u->speech_ids, lang, months);
}

static void request_speech(ui *u, int kind, speech_job *j)
{
    if (u->nreq == u->capreq) {
        u->capreq = u->capreq ? u->capreq * 2 : 8;
        u->req = xrealloc(u->req, (size_t)u->capreq * sizeof *u->req);
    }
    u->req[u->nreq++] = (ui_request){.kind = kind, .speech = j};
}

/* The contact card open over the screen: its label, then what it holds (a phone number
 * digit by digit; a link's address is not read, its label says where it goes). */
static speech_job *card_job(ui *u)
{
    if (!ui_has_voice(u, u->v.lang))
        return NULL;
    const char *colon = strchr(u->v.item, ':');
    if (!colon)
        return NULL;
    size_t kl = (size_t)(colon - u->v.item);
    const char *value = colon + 1, *label = u->v.item_label;
    const char *nl = strrchr(label, '\n');
    speech_job *j = ui_speech_job(u, u->v.lang);
    if (nl) {
        char *head = xmalloc((size_t)(nl - label) + 1);
        memcpy(head, label, (size_t)(nl - label));
        head[nl - label] = 0;
        speech_job_part(j, head, SPEECH_TEXT);
        free(head);
    }
    if (pack_placeholder_find(value, NULL))
        speech_job_part(j, ui_tr(u, "To be filled in locally"), SPEECH_TEXT);
    else if (kl == 5 && !strncmp(u->v.item, "phone", 5))
        speech_job_part(j, value, SPEECH_PHONE);
    else if (!(kl == 4 && !strncmp(u->v.item, "link", 4)))
        speech_job_part(j, value, SPEECH_TEXT);
    else if (!nl)
        speech_job_part(j, value, SPEECH_PLAIN);
    return j;
}

void ui_speech_stop(ui *u)
{
    if (!u->v.speech.id)
        return;
    memset(&u->v.speech, 0, sizeof u->v.speech);
    request_speech(u, UI_REQ_STOP, NULL);
    u->dirty = 1;
}

void ui_speech_say(ui *u, const char *text)
{
    ui_speech_stop(u);
    if (!text || !*text || !ui_has_voice(u, u->v.lang))
        return;
    speech_job *j = ui_speech_job(u, u->v.lang);
    speech_job_part(j, text, SPEECH_TEXT);
    /* no part is highlighted: what is said is a label, not a part of the screen's text */
    speech_visit *s = &u->v.speech;
    *s = (speech_visit){.id = j->id, .recorded = 1, .screen = u->v.screen,
                        .card = u->v.item[0] != 0};
    snprintf(s->arg, sizeof s->arg, "%s", u->v.arg);
    request_speech(u, UI_REQ_SPEAK, j);
    u->dirty = 1;
}

void ui_speech_toggle(ui *u)
{
    if (u->v.speech.id) { /* a second tap: silence */
        ui_speech_stop(u);
        return;
    }
    if (u->v.quiet) /* read aloud is off in the settings */
        return;
    speech_job *j = u->v.item[0] ? card_job(u) : u->v.screen->speak ? u->v.screen->speak(u)
                                                                    : NULL;
    if (!j)
        return;
    if (!j->nparts && !j->recording) {
        speech_job_free(j);
        return;
    }
    speech_visit *s = &u->v.speech;
    *s = (speech_visit){.id = j->id, .part = 0, .recorded = j->recording != NULL,
                        .screen = u->v.screen, .card = u->v.item[0] != 0};
    snprintf(s->arg, sizeof s->arg, "%s", u->v.arg);
    request_speech(u, UI_REQ_SPEAK, j);
    u->dirty = 1;
}

void ui_speech_follow(ui *u)
{
    const speech_visit *s = &u->v.speech;
    if (s->id && (s->screen != u->v.screen || strcmp(s->arg, u->v.arg) ||
                  s->card != (u->v.item[0] != 0)))
        ui_speech_stop(u);
}

void ui_speech(ui *u, unsigned id, int part)
{
    speech_visit *s = &u->v.speech;
    if (!s->id || id != s->id || part == s->part)
        return;
    if (part < 0) { /* read to the end, or it could not be */
        memset(s, 0, sizeof *s);
    } else {
        s->part = part;
        s->follow = 1;
    }
    u->dirty = 1;
}

int ui_reading(const ui *u)
{
    return u->v.speech.id ? u->v.speech.part : -1;
}

int ui_speech_at(const ui *u, int part)
{
    const speech_visit *s = &u->v.speech;
    return s->id && !s->recorded && !s->card && s->part == part;
}

void ui_speech_mark(ui *u, int part, const char *label, int x, int y, int w, int h)
{
    if (!ui_speech_at(u, part))
        return;
    display_rect(&u->dl, x, y, w, h, C_READING, u->gap / 2);
    widget_add(u, "reading", UI_ROLE_TEXT, label, x, y, w, h, UI_ACT_NONE, NULL);
}

void ui_speech_title(ui *u)
{
    if (!ui_speech_at(u, 0))
        return;
    for (int k = u->nw - 1; k >= 0; k--)
        if (!strcmp(u->w[k].id, "title")) {
            ui_widget t = u->w[k];
            display_rect(&u->dl, t.x, t.y + t.h - u->gap, t.w, u->gap / 2 + 2, C_READING,
                         u->gap / 4);
            widget_add(u, "reading", UI_ROLE_TEXT, t.label, t.x, t.y, t.w, t.h, UI_ACT_NONE,
                       NULL);
            return;
        }
}
