/* report gather: the one pass over the answers, counted as people into report_acc (a page vote,
 * or one submission of a survey, is one response). See gather.h. */
#include "report/gather.h"

#include "feedback.h"
#include "pack/format.h"

#include <stdlib.h>
#include <string.h>

/* Languages counted one by one; the rest (and codes that are not language codes) are counted
 * together as "other", one column. */
#define MAX_LANGS PACK_MAX_LANGS

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb3fe1a85ec53ULL;
    return x ^ (x >> 33);
}

int report_intern(report_strtab *t, const char *s)
{
    if ((size_t)(t->n + 1) * 2 > t->nslot) {
        size_t ns = t->nslot ? t->nslot * 2 : 1024;
        int *slot = xcalloc(ns, sizeof *slot);
        for (int i = 0; i < t->n; i++) {
            size_t j = hash_str(t->s[i]) & (ns - 1);
            while (slot[j])
                j = (j + 1) & (ns - 1);
            slot[j] = i + 1;
        }
        free(t->slot);
        t->slot = slot, t->nslot = ns;
    }
    size_t j = hash_str(s) & (t->nslot - 1);
    while (t->slot[j]) {
        if (!strcmp(t->s[t->slot[j] - 1], s))
            return t->slot[j] - 1;
        j = (j + 1) & (t->nslot - 1);
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->s = xrealloc(t->s, (size_t)t->cap * sizeof *t->s);
    }
    t->s[t->n] = xstrdup(s);
    t->slot[j] = t->n + 1;
    return t->n++;
}

int report_strtab_find(const report_strtab *t, const char *s)
{
    if (!t->nslot)
        return -1;
    size_t j = hash_str(s) & (t->nslot - 1);
    while (t->slot[j]) {
        if (!strcmp(t->s[t->slot[j] - 1], s))
            return t->slot[j] - 1;
        j = (j + 1) & (t->nslot - 1);
    }
    return -1;
}

int report_acc_sub(report_acc *g, const char *sub)
{
    if (g->last_sub[0] && !strcmp(sub, g->last_sub))
        return g->last_sid;
    int sid = report_intern(&g->subs, sub);
    if (strlen(sub) < sizeof g->last_sub) {
        memcpy(g->last_sub, sub, strlen(sub) + 1);
        g->last_sid = sid;
    }
    return sid;
}

int report_acc_skipped(report_acc *g, const char *sub)
{
    return g->skip && report_strtab_find(g->skip, sub) >= 0;
}

long report_acc_lang_people(const report_acc *g, const char *lang)
{
    int i = report_strtab_find(&g->rawlang, lang);
    return i >= 0 && i < g->nrawlang ? g->rawlang_people[i] : 0;
}

void report_strtab_free(report_strtab *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
    free(t->slot);
}

int *report_map_at(report_map *m, uint64_t key)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 1024;
        uint64_t *k = xcalloc(nc, sizeof *k);
        int *v = xmalloc(nc * sizeof *v);
        unsigned char *u = xcalloc(nc, 1);
        for (size_t i = 0; i < m->cap; i++)
            if (m->used[i]) {
                size_t j = mix(m->key[i]) & (nc - 1);
                while (u[j])
                    j = (j + 1) & (nc - 1);
                k[j] = m->key[i], v[j] = m->val[i], u[j] = 1;
            }
        free(m->key);
        free(m->val);
        free(m->used);
        m->key = k, m->val = v, m->used = u, m->cap = nc;
    }
    size_t j = mix(key) & (m->cap - 1);
    while (m->used[j] && m->key[j] != key)
        j = (j + 1) & (m->cap - 1);
    if (!m->used[j]) {
        m->key[j] = key, m->val[j] = -1, m->used[j] = 1;
        m->n++;
    }
    return &m->val[j];
}

int *report_map_find(const report_map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    size_t j = mix(key) & (m->cap - 1);
    while (m->used[j] && m->key[j] != key)
        j = (j + 1) & (m->cap - 1);
    return m->used[j] ? &m->val[j] : NULL;
}

void report_map_bump(report_map *m, uint64_t key)
{
    int *v = report_map_at(m, key);
    *v = *v < 0 ? 1 : *v + 1;
}

long report_map_count(const report_map *m, uint64_t key)
{
    const int *v = report_map_find(m, key);
    return v && *v > 0 ? *v : 0;
}

void report_map_free(report_map *m)
{
    free(m->key);
    free(m->val);
    free(m->used);
}

static int page_at(report_acc *g, int id)
{
    int *slot = report_map_at(&g->pagemap, (uint64_t)id);
    if (*slot < 0) {
        REPORT_GROW(g->p, g->np, g->pcap);
        memset(&g->p[g->np], 0, sizeof g->p[g->np]);
        g->p[g->np].id = id;
        *slot = g->np++;
    }
    return *slot;
}

int report_acc_device(report_acc *g, int id)
{
    int *slot = report_map_at(&g->devmap, (uint64_t)id);
    if (*slot < 0) {
        REPORT_GROW(g->dev, g->ndev, g->devcap);
        g->dev[g->ndev] = (report_dev_acc){.id = id, .first = -1, .last = -1};
        *slot = g->ndev++;
    }
    return *slot;
}

/* The column of a language (added when new): a code that is not one (feedback.h) is
 * "other", and so is any beyond the first MAX_LANGS: what merge refuses may still be in an
 * older database, and each would be a column. */
static int lang_col(report_acc *g, const char *lang)
{
    char code[FEEDBACK_LANG_MAX + 1];
    int lid = !feedback_lang_normalise(lang, code) && !strcmp(code, lang)
                  ? report_intern(&g->words, lang)
                  : -1;
    int *l = report_map_at(&g->langmap, (uint64_t)(int64_t)lid);
    if (*l < 0) {
        if (g->nlangs >= MAX_LANGS && lid >= 0) {
            l = report_map_at(&g->langmap, (uint64_t)(int64_t)-1);
            lid = -1;
        }
        if (*l < 0) {
            if (g->nlangs == g->langcap) {
                g->langcap = g->langcap ? 2 * g->langcap : 16;
                g->lang = xrealloc(g->lang, (size_t)g->langcap * sizeof *g->lang);
                g->lang_total = xrealloc(g->lang_total, (size_t)g->langcap * sizeof *g->lang_total);
            }
            g->lang[g->nlangs] = lid, g->lang_total[g->nlangs] = 0;
            *l = g->nlangs++;
        }
    }
    return *l;
}

/* The index of the period (ISO week, or month) holding t, added when new. */
static int period_at(report_acc *g, int64_t t)
{
    int64_t start = report_period_start(report_day_of(t), g->month);
    int *p = report_map_at(&g->permap, (uint64_t)start);
    if (*p < 0) {
        REPORT_GROW(g->per, g->nper, g->percap);
        g->per[g->nper] = start;
        *p = g->nper++;
    }
    return *p;
}

/* One response: a page vote, or the first row of a survey's submission. */
static void add_response(report_acc *g, int survey, const char *lang, const char *device, int64_t t)
{
    while (g->nsurvey_resp <= survey) {
        g->survey_resp = xrealloc(g->survey_resp, (size_t)(g->nsurvey_resp + 1) * sizeof *g->survey_resp);
        g->survey_resp[g->nsurvey_resp++] = 0;
    }
    g->survey_resp[survey]++;
    int64_t day = report_day_of(t);
    int64_t monday = day - ((day + 3) % 7 + 7) % 7;
    int *w = report_map_at(&g->weekmap, (uint64_t)monday);
    if (*w < 0) {
        if (g->nweeks == g->weekcap) {
            g->weekcap = g->weekcap ? 2 * g->weekcap : 64;
            g->week = xrealloc(g->week, (size_t)g->weekcap * sizeof *g->week);
            g->week_total = xrealloc(g->week_total, (size_t)g->weekcap * sizeof *g->week_total);
        }
        g->week[g->nweeks] = monday, g->week_total[g->nweeks] = 0;
        *w = g->nweeks++;
    }
    g->week_total[*w]++;
    int l = lang_col(g, lang);
    g->lang_total[l]++;
    if (survey != g->helpful) /* survey responses by period and language */
        report_map_bump(&g->perlang, (uint64_t)period_at(g, t) << 32 | (uint32_t)l);
    int *c = report_map_at(&g->wl, (uint64_t)*w << 32 | (uint32_t)l);
    if (*c < 0) {
        REPORT_GROW(g->wl_count, g->nwl, g->wlcap);
        g->wl_count[g->nwl] = 0;
        *c = (int)g->nwl++;
    }
    g->wl_count[*c]++;
    int di = report_acc_device(g, report_intern(&g->words, device));
    g->dev[di].responses++;
    if (survey == g->helpful)
        g->dev[di].votes++;
    else
        g->dev[di].submissions++;
}

static int q_at(report_acc *g, int survey, int id)
{
    int *slot = report_map_at(&g->qmap, (uint64_t)survey << 32 | (uint32_t)id);
    if (*slot < 0) {
        REPORT_GROW(g->q, g->nq, g->qcap);
        memset(&g->q[g->nq], 0, sizeof g->q[g->nq]);
        g->q[g->nq].survey = survey, g->q[g->nq].id = id;
        *slot = g->nq++;
    }
    return *slot;
}

/* From now on the question holds typed text: what was counted as answers is typed too,
 * except "prefer not to say". */
static void free_text(report_acc *g, report_q_acc *q)
{
    q->free_text = 1;
    for (int j = 0; j < q->nvals; j++)
        if (strcmp(g->words.s[q->val[j]], FEEDBACK_PREFER_NOT))
            q->typed += q->count[j];
    q->nvals = 0;
}

void report_acc_add(report_acc *g, const char *device, const char *sub, const char *survey,
                    const char *question, const char *value, const char *lang, int64_t t,
                    const char *kind)
{
    int s = report_intern(&g->surveys, survey);
    int di = report_acc_device(g, report_intern(&g->words, device));
    report_dev_acc *d = &g->dev[di];
    if (d->first < 0 || t < d->first)
        d->first = t;
    if (t > d->last)
        d->last = t;
    if (s == g->helpful || s == g->reason) {
        int pi = page_at(g, report_intern(&g->words, question));
        report_page_acc *p = &g->p[pi];
        if (s == g->helpful) {
            int yes = !strcmp(value, FEEDBACK_YES);
            if (!yes && strcmp(value, FEEDBACK_NO))
                return; /* not a vote */
            if (yes)
                p->yes++;
            else
                p->no++;
            add_response(g, s, lang, device, t);
            if (yes)
                g->dev[di].yes++;
            else
                g->dev[di].no++;
        } else
            for (int i = 0; i < FEEDBACK_NREASONS; i++)
                if (!strcmp(value, feedback_reasons[i].id))
                    p->reason[i]++;
        return;
    }
    int sid = report_intern(&g->subs, sub);
    /* one response a submission, counted at its first answer that is not about the person:
     * the background block is sent as a submission of its own, and one person is one
     * response, not two */
    int *r = report_background_id(question) ? NULL
                                            : report_map_at(&g->resp, (uint64_t)sid << 32 | (uint32_t)s);
    if (r && *r < 0) {
        *r = 1;
        add_response(g, s, lang, device, t);
    }
    int qi = q_at(g, s, report_intern(&g->words, question));
    report_q_acc *q = &g->q[qi];
    int *seen = report_map_at(&g->seen, (uint64_t)sid << 32 | (uint32_t)(q - g->q));
    if (*seen < 0) {
        *seen = 1;
        q->people++;
    } else
        q->multi = 1;
    /* the kiosk says what the question is: typed text (or a kind this version does not
     * know) is never counted as choices; an answer without a kind (an older batch) is typed
     * text unless the pack says otherwise (tables.c); a value that is not an id is typed */
    if (!kind || !*kind)
        q->kindless = 1;
    if (!q->free_text && ((kind && *kind && !feedback_kind_is_choice(kind)) ||
                          !pack_valid_id(value)))
        free_text(g, q);
    if (q->free_text) {
        q->typed += strcmp(value, FEEDBACK_PREFER_NOT) != 0;
        return;
    }
    int v = report_intern(&g->words, value), i = 0;
    while (i < q->nvals && q->val[i] != v)
        i++;
    if (i == q->nvals) {
        if (q->nvals == REPORT_MAX_VALUES) { /* too many different answers for a choice */
            free_text(g, q);
            q->typed++;
            return;
        }
        q->val[q->nvals] = v, q->count[q->nvals++] = 0;
    }
    q->count[i]++;
    int f = report_face_of(value); /* each kiosk's faces, per question (tables.c keeps the faces questions) */
    if (f >= 0)
        report_map_bump(&g->devface, (uint64_t)qi << 32 | (uint32_t)di << 3 | (uint32_t)f);
}

int report_background_id(const char *id) { return !strncmp(id, "bg-", 3) && id[3]; }

int report_face_of(const char *value)
{
    for (int f = 0; f < FEEDBACK_NFACES; f++)
        if (!strcmp(value, feedback_faces[f].id))
            return f;
    return -1;
}

void report_acc_breakdown(report_acc *g, const char *device, const char *sub, const char *survey,
                          const char *question, const char *value, const char *lang, int64_t t,
                          const char *kind)
{
    int s = report_intern(&g->surveys, survey);
    if (s == g->helpful || s == g->reason)
        return;
    int sid = report_acc_sub(g, sub);
    if (g->printing)
        report_acc_print(g, sid, s, device, lang, question, value, t);
    /* one language a submission (its first row's), so each person is in one column */
    while (g->nsublang <= sid) {
        int n = g->nsublang ? 2 * g->nsublang : 1024;
        g->sublang = xrealloc(g->sublang, (size_t)n * sizeof *g->sublang);
        memset(g->sublang + g->nsublang, 0, (size_t)(n - g->nsublang) * sizeof *g->sublang);
        g->nsublang = n;
    }
    int sl = g->sublang[sid] - 1;
    if (sl < 0) {
        sl = lang_col(g, lang);
        g->sublang[sid] = sl + 1;
    }
    /* a person once: the background block is a submission of its own, so a submission that
     * holds only background answers is not a second respondent (it would let a language of
     * two people pass the hold-back as four) */
    int *counted = report_background_id(question) ? NULL : report_map_at(&g->counted, (uint64_t)sid);
    if (counted && *counted < 0) {
        *counted = 1;
        int r = report_intern(&g->rawlang, lang);
        while (g->nrawlang <= r) {
            g->rawlang_people = xrealloc(g->rawlang_people, (size_t)(g->nrawlang + 1) * sizeof *g->rawlang_people);
            g->rawlang_people[g->nrawlang++] = 0;
        }
        g->rawlang_people[r]++;
    }
    int qi = q_at(g, s, report_intern(&g->words, question));
    if (!report_map_find(&g->seen, (uint64_t)sid << 32 | (uint32_t)qi)) /* report_acc_add's */
        report_map_bump(&g->qlang, (uint64_t)qi << 32 | (uint32_t)sl);
    if (g->q[qi].free_text || (kind && *kind && !feedback_kind_is_choice(kind)) ||
        !pack_valid_id(value))
        return; /* typed text, as the kiosk says: no breakdown (and no id of it kept) */
    int *v = report_map_at(&g->qv, (uint64_t)qi << 32 | (uint32_t)report_intern(&g->words, value));
    if (*v < 0)
        *v = g->nqv++;
    report_map_bump(&g->qvlang, (uint64_t)*v << 32 | (uint32_t)sl);
    /* by period: the background block, and the faces and "prefer not to say" of a faces
     * question (satisfaction over time) */
    if (report_background_id(question) || report_face_of(value) >= 0 || !strcmp(value, FEEDBACK_PREFER_NOT))
        report_map_bump(&g->qvper, (uint64_t)*v << 32 | (uint32_t)period_at(g, t));
}

void report_acc_free(report_acc *g)
{
    report_strtab_free(&g->words);
    report_strtab_free(&g->subs);
    report_strtab_free(&g->surveys);
    report_strtab_free(&g->rawlang);
    free(g->rawlang_people);
    report_map *maps[] = {&g->resp, &g->qmap, &g->seen, &g->pagemap, &g->devmap, &g->weekmap,
                          &g->langmap, &g->wl, &g->permap, &g->perlang, &g->qv,
                          &g->qvper, &g->qvlang, &g->qlang, &g->counted, &g->devface};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
        report_map_free(maps[i]);
    free(g->q);
    free(g->p);
    free(g->dev);
    free(g->survey_resp);
    free(g->week);
    free(g->week_total);
    free(g->lang);
    free(g->lang_total);
    free(g->wl_count);
    free(g->print);
    free(g->sublang);
    buf_free(&g->print_row);
    free(g->per);
    free(g->lang_shown);
}
