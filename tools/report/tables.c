/* report tables: from the gathered counts to the tables of report_data, every count a cell of
 * one report_cells, labels chosen (the pack's, else the kiosk's vocabulary of feedback.h),
 * rows in the order shown. See gather.h. */
#include "report/gather.h"
#include "report/tr.h"

#include "feedback.h"
#include "pack/content.h"
#include "pack/format.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- labels -------------------------------------------------------------------------- */

static const struct { const char *code, *name; } lang_names[] = {
    {"lv", N_("Latvian")}, {"en", N_("English")}, {"ru", N_("Russian")}, {"uk", N_("Ukrainian")},
    {"ar", N_("Arabic")}, {"fa", N_("Persian")}, {"ku", N_("Kurmanji Kurdish")}, {"ti", N_("Tigrinya")},
    {"fr", N_("French")}, {"de", N_("German")}, {"lt", N_("Lithuanian")}, {"et", N_("Estonian")},
    {"pl", N_("Polish")}, {"be", N_("Belarusian")}, {"ps", N_("Pashto")}, {"so", N_("Somali")},
    {"es", N_("Spanish")}, {"tr", N_("Turkish")}, {"ckb", N_("Sorani Kurdish")}, {"prs", N_("Dari")},
};

/* ---- from gathered counts to cells ----------------------------------------------------- */

static int cell(report_data *d, long v) { return report_cells_add(&d->cells, v); }

static int cmp_week(const void *a, const void *b)
{
    int64_t x = ((const report_week *)a)->day, y = ((const report_week *)b)->day;
    return (x > y) - (x < y);
}

typedef struct idx_str { int i; const char *s; } idx_str;
static int cmp_idx_str(const void *a, const void *b)
{
    return strcmp(((const idx_str *)a)->s, ((const idx_str *)b)->s);
}

/* Weeks x languages, with every response as the total. */
static void build_weeks(report_data *d, report_acc *g)
{
    d->nweeks = g->nweeks;
    d->weeks = arena_alloc(&d->a, (size_t)(g->nweeks + 1) * sizeof *d->weeks);
    int *worder = arena_alloc(&d->a, (size_t)(g->nweeks + 1) * sizeof *worder);
    for (int i = 0; i < g->nweeks; i++)
        d->weeks[i] = (report_week){.day = g->week[i], .total = i}; /* total: old index for now */
    qsort(d->weeks, (size_t)g->nweeks, sizeof *d->weeks, cmp_week);
    for (int i = 0; i < g->nweeks; i++)
        worder[i] = d->weeks[i].total;
    /* languages: the pack's order when there is one, else by code; "other" last */
    idx_str *ls = arena_alloc(&d->a, (size_t)(g->nlangs + 1) * sizeof *ls);
    for (int i = 0; i < g->nlangs; i++)
        ls[i] = (idx_str){i, g->lang[i] < 0 ? "\x7f" : g->words.s[g->lang[i]]};
    qsort(ls, (size_t)g->nlangs, sizeof *ls, cmp_idx_str);
    d->nlangs = g->nlangs;
    d->langs = arena_alloc(&d->a, (size_t)(g->nlangs + 1) * sizeof *d->langs);
    g->lang_shown = xrealloc(g->lang_shown, (size_t)(g->nlangs + 1) * sizeof *g->lang_shown);
    for (int j = 0; j < g->nlangs; j++)
        g->lang_shown[j] = ls[j].i;
    for (int j = 0; j < g->nlangs; j++) {
        report_lang *l = &d->langs[j];
        int li = g->lang[ls[j].i];
        l->code = li < 0 ? "other" : arena_strdup(&d->a, g->words.s[li]);
        for (size_t n = 0; n < sizeof lang_names / sizeof *lang_names && li >= 0; n++)
            if (!strcmp(lang_names[n].code, l->code))
                l->name = lang_names[n].name;
        if (li < 0)
            l->name = "Other or unknown codes";
    }
    d->all = cell(d, 0);
    long all = 0;
    d->week_lang = arena_alloc(&d->a, (size_t)(g->nweeks * g->nlangs + 1) * sizeof *d->week_lang);
    for (int i = 0; i < g->nweeks; i++)
        for (int j = 0; j < g->nlangs; j++) {
            int *c = report_map_at(&g->wl, (uint64_t)worder[i] << 32 | (uint32_t)ls[j].i);
            long v = *c >= 0 ? g->wl_count[*c] : 0;
            d->week_lang[i * g->nlangs + j] = cell(d, v);
            all += v;
        }
    d->cells.value[d->all] = all;
    int *line = arena_alloc(&d->a, (size_t)(g->nweeks + g->nlangs + 1) * sizeof *line);
    for (int i = 0; i < g->nweeks; i++) {
        d->weeks[i].total = cell(d, g->week_total[worder[i]]);
        report_cells_line(&d->cells, d->week_lang + i * g->nlangs, g->nlangs, d->weeks[i].total, 1);
        line[i] = d->weeks[i].total;
    }
    report_cells_line(&d->cells, line, g->nweeks, d->all, 1);
    for (int j = 0; j < g->nlangs; j++) {
        d->langs[j].total = cell(d, g->lang_total[ls[j].i]);
        for (int i = 0; i < g->nweeks; i++)
            line[i] = d->week_lang[i * g->nlangs + j];
        report_cells_line(&d->cells, line, g->nweeks, d->langs[j].total, 1);
    }
    for (int j = 0; j < g->nlangs; j++)
        line[j] = d->langs[j].total;
    report_cells_line(&d->cells, line, g->nlangs, d->all, 1);
}

/* Pages: votes and reasons, two tables with their totals. */
static void build_pages(report_data *d, report_acc *g, content *c, const char *lang)
{
    d->npages = g->np;
    d->pages = arena_alloc(&d->a, (size_t)(g->np + 1) * sizeof *d->pages);
    int *line = arena_alloc(&d->a, (size_t)(g->np + 1) * sizeof *line);
    d->votes = cell(d, 0);
    long yes = 0, no = 0, rs[FEEDBACK_NREASONS] = {0}, rall = 0;
    for (int i = 0; i < g->np; i++) {
        report_page_acc *p = &g->p[i];
        report_page *rp = &d->pages[i];
        rp->id = arena_strdup(&d->a, g->words.s[p->id]);
        content_page pg;
        if (c && pack_valid_id(rp->id) && !content_page_get(c, rp->id, lang, &d->a, &pg))
            rp->title = pg.title;
        rp->yes = cell(d, p->yes);
        rp->no = cell(d, p->no);
        rp->votes = cell(d, p->yes + p->no);
        int two[2] = {rp->yes, rp->no};
        report_cells_line(&d->cells, two, 2, rp->votes, 1);
        yes += p->yes, no += p->no;
        long r = 0;
        for (int j = 0; j < FEEDBACK_NREASONS; j++)
            r += p->reason[j];
        rp->reasons = -1;
        if (r) {
            for (int j = 0; j < FEEDBACK_NREASONS; j++)
                rp->reason[j] = cell(d, p->reason[j]), rs[j] += p->reason[j];
            rp->reasons = cell(d, r);
            rall += r;
            report_cells_line(&d->cells, rp->reason, FEEDBACK_NREASONS, rp->reasons, 1);
        }
    }
    d->cells.value[d->votes] = yes + no;
    d->yes_all = cell(d, yes);
    d->no_all = cell(d, no);
    int two[2] = {d->yes_all, d->no_all};
    report_cells_line(&d->cells, two, 2, d->votes, 1);
    const int off[3] = {offsetof(report_page, yes), offsetof(report_page, no), offsetof(report_page, votes)};
    const int tot[3] = {d->yes_all, d->no_all, d->votes};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < g->np; i++)
            line[i] = *(int *)((char *)&d->pages[i] + off[k]);
        report_cells_line(&d->cells, line, g->np, tot[k], 1);
    }
    d->reasons_all = cell(d, rall);
    for (int j = 0; j < FEEDBACK_NREASONS; j++) {
        d->reason_all[j] = cell(d, rs[j]);
        int n = 0;
        for (int i = 0; i < g->np; i++)
            if (d->pages[i].reasons >= 0)
                line[n++] = d->pages[i].reason[j];
        report_cells_line(&d->cells, line, n, d->reason_all[j], 1);
    }
    report_cells_line(&d->cells, d->reason_all, FEEDBACK_NREASONS, d->reasons_all, 1);
    int n = 0;
    for (int i = 0; i < g->np; i++)
        if (d->pages[i].reasons >= 0)
            line[n++] = d->pages[i].reasons;
    report_cells_line(&d->cells, line, n, d->reasons_all, 1);
}

/* The order of a survey's questions: the pack's, then the background block, then the rest by
 * id. */
static int q_rank(const content_survey *ps, const char *id)
{
    for (int i = 0; ps && i < ps->nquestions; i++)
        if (!strcmp(ps->questions[i].id, id))
            return i;
    const feedback_background_q *b = feedback_background_find(id);
    if (b)
        return 1000 + (int)(b - feedback_background);
    return 2000;
}

typedef struct q_sort { int i, rank; const char *id; } q_sort;
static int cmp_q(const void *a, const void *b)
{
    const q_sort *x = a, *y = b;
    return x->rank != y->rank ? (x->rank > y->rank) - (x->rank < y->rank) : strcmp(x->id, y->id);
}

/* Values in the order shown, each with its label: the pack's choices (or faces, yes/no, the
 * background block) first, every one of them even when nobody chose it, then "prefer not to
 * say", then answers the pack does not know, by id. */
static void build_values(report_data *d, report_acc *g, report_q_acc *qa, report_question *q,
                         const content_question *pq)
{
    const char *ids[REPORT_MAX_VALUES * 2 + 8], *labels[REPORT_MAX_VALUES * 2 + 8];
    int n = 0;
    int type = pq ? pq->type : -1;
    if (type < 0) { /* without the pack: faces when every answer is 1 to 4 */
        int faces = qa->nvals > 0;
        for (int i = 0; i < qa->nvals && faces; i++) {
            const char *v = g->words.s[qa->val[i]];
            int face = 0;
            for (int k = 0; k < FEEDBACK_NFACES; k++)
                face |= !strcmp(v, feedback_faces[k].id);
            faces = face || !strcmp(v, FEEDBACK_PREFER_NOT);
        }
        if (faces)
            type = CONTENT_Q_FACES;
    }
    if (type == CONTENT_Q_FACES)
        for (int i = 0; i < FEEDBACK_NFACES; i++)
            ids[n] = feedback_faces[i].id, labels[n++] = feedback_faces[i].label;
    else if (pq && (type == CONTENT_Q_SINGLE || type == CONTENT_Q_MULTI))
        for (int i = 0; i < pq->nchoices; i++)
            ids[n] = pq->choices[i].id, labels[n++] = pq->choices[i].label;
    else if (feedback_background_find(q->id))
        for (const feedback_term *t = feedback_background_find(q->id)->choices; t->id; t++)
            ids[n] = t->id, labels[n++] = t->label;
    int yesno = type == CONTENT_Q_YESNO;
    for (int i = 0; i < qa->nvals && !pq && n == 0; i++)
        yesno |= !strcmp(g->words.s[qa->val[i]], FEEDBACK_YES) ||
                 !strcmp(g->words.s[qa->val[i]], FEEDBACK_NO);
    if (yesno && n == 0) {
        ids[n] = FEEDBACK_YES, labels[n++] = "Yes";
        ids[n] = FEEDBACK_NO, labels[n++] = "No";
    }
    ids[n] = FEEDBACK_PREFER_NOT, labels[n++] = "Prefer not to say";
    int known = n;
    idx_str extra[REPORT_MAX_VALUES];
    int nextra = 0;
    for (int i = 0; i < qa->nvals; i++) {
        const char *v = g->words.s[qa->val[i]];
        int j = 0;
        while (j < known && strcmp(ids[j], v))
            j++;
        if (j == known)
            extra[nextra++] = (idx_str){i, v};
    }
    qsort(extra, (size_t)nextra, sizeof *extra, cmp_idx_str);
    for (int i = 0; i < nextra; i++)
        ids[n] = extra[i].s, labels[n++] = NULL;
    q->values = arena_alloc(&d->a, (size_t)n * sizeof *q->values);
    q->nvalues = n;
    q->faces = type == CONTENT_Q_FACES;
    int cells[REPORT_MAX_VALUES * 2 + 8];
    long sum = 0;
    for (int j = 0; j < n; j++) {
        long v = 0;
        for (int i = 0; i < qa->nvals; i++)
            if (!strcmp(g->words.s[qa->val[i]], ids[j]))
                v = qa->count[i];
        q->values[j] = (report_value){arena_strdup(&d->a, ids[j]),
                                      labels[j] ? arena_strdup(&d->a, labels[j]) : NULL, cell(d, v)};
        cells[j] = q->values[j].cell;
        sum += v;
    }
    /* one answer a person, except where people could choose several: then the total is the
     * people who answered and the counts only sum to more */
    q->total = cell(d, q->multi ? qa->people : sum);
    report_cells_line(&d->cells, cells, n, q->total, !q->multi);
}

/* Whether survey s has any answer: one whose submissions all hold only background answers
 * has no responses of its own (a person's block is sent beside their answers), yet its
 * answers are shown. */
static int has_answers(const report_acc *g, int s)
{
    for (int i = 0; i < g->nq; i++)
        if (g->q[i].survey == s)
            return 1;
    return 0;
}

static void build_surveys(report_data *d, report_acc *g, content *c, const char *lang)
{
    content_item *packs = NULL;
    int npacks = c ? content_surveys(c, lang, &d->a, &packs) : 0;
    /* surveys that have responses (page votes are not a survey here) */
    q_sort *ss = arena_alloc(&d->a, (size_t)(g->surveys.n + 1) * sizeof *ss);
    int ns = 0;
    for (int s = 0; s < g->surveys.n; s++) {
        if (s == g->helpful || s == g->reason || !has_answers(g, s))
            continue;
        int rank = npacks;
        for (int i = 0; i < npacks; i++)
            if (!strcmp(packs[i].id, g->surveys.s[s]))
                rank = i;
        ss[ns++] = (q_sort){s, rank, g->surveys.s[s]};
    }
    qsort(ss, (size_t)ns, sizeof *ss, cmp_q);
    d->nsurveys = ns;
    d->surveys = arena_alloc(&d->a, (size_t)(ns + 1) * sizeof *d->surveys);
    q_sort *qs = arena_alloc(&d->a, (size_t)(g->nq + 1) * sizeof *qs);
    report_topic *topics = arena_alloc(&d->a, (size_t)(g->nq * (REPORT_MAX_VALUES * 2 + 8) + 1) * sizeof *topics);
    long typed = 0;
    int *typed_cells = arena_alloc(&d->a, (size_t)(g->nq + 1) * sizeof *typed_cells), ntyped = 0;
    for (int k = 0; k < ns; k++) {
        report_survey *rs = &d->surveys[k];
        int s = ss[k].i;
        rs->id = arena_strdup(&d->a, g->surveys.s[s]);
        rs->responses = cell(d, s < g->nsurvey_resp ? g->survey_resp[s] : 0);
        content_survey psv, *ps = NULL;
        if (c && pack_valid_id(rs->id) && !content_survey_get(c, rs->id, lang, &d->a, &psv))
            ps = &psv, rs->title = psv.title && *psv.title ? psv.title : NULL;
        int nq = 0;
        for (int i = 0; i < g->nq; i++)
            if (g->q[i].survey == s)
                qs[nq] = (q_sort){i, q_rank(ps, g->words.s[g->q[i].id]), g->words.s[g->q[i].id]}, nq++;
        qsort(qs, (size_t)nq, sizeof *qs, cmp_q);
        rs->nquestions = nq;
        rs->questions = arena_alloc(&d->a, (size_t)(nq + 1) * sizeof *rs->questions);
        for (int j = 0; j < nq; j++) {
            report_q_acc *qa = &g->q[qs[j].i];
            report_question *q = &rs->questions[j];
            q->survey = rs->id;
            q->id = arena_strdup(&d->a, g->words.s[qa->id]);
            q->gq = qs[j].i;
            const content_question *pq = NULL;
            if (qs[j].rank < 1000 && ps)
                pq = &ps->questions[qs[j].rank];
            if (!pq && feedback_background_find(q->id))
                q->text = feedback_background_find(q->id)->heading;
            if (pq)
                q->text = pq->text;
            q->multi = pq ? pq->type == CONTENT_Q_MULTI : qa->multi;
            /* without a kind, a question neither the pack nor feedback.h knows is typed */
            q->free_text = qa->free_text || (pq && pq->type == CONTENT_Q_TEXT) ||
                           (qa->kindless && !pq && !feedback_background_find(q->id));
            if (q->free_text) {
                long t = qa->typed;
                for (int i = 0; i < qa->nvals; i++)
                    if (strcmp(g->words.s[qa->val[i]], FEEDBACK_PREFER_NOT))
                        t += qa->count[i];
                q->total = cell(d, t);
                typed_cells[ntyped++] = q->total;
                typed += t;
                continue;
            }
            build_values(d, g, qa, q, pq);
            if (q->multi)
                for (int v = 0; v < q->nvalues; v++)
                    if (strcmp(q->values[v].id, FEEDBACK_PREFER_NOT))
                        topics[d->ntopics] = (report_topic){q, &q->values[v], d->ntopics}, d->ntopics++;
        }
    }
    d->topics = topics;
    d->free_text = cell(d, typed);
    report_cells_line(&d->cells, typed_cells, ntyped, d->free_text, 1);
    /* responses by survey: page votes, each survey, all */
    int *line = arena_alloc(&d->a, (size_t)(ns + 2) * sizeof *line);
    line[0] = d->votes;
    for (int k = 0; k < ns; k++)
        line[k + 1] = d->surveys[k].responses;
    report_cells_line(&d->cells, line, ns + 1, d->all, 1);
}

static void build_devices(report_data *d, report_acc *g)
{
    int *line = arena_alloc(&d->a, (size_t)(d->ndevices + 1) * sizeof *line);
    idx_str *order = arena_alloc(&d->a, (size_t)(d->ndevices + 1) * sizeof *order);
    for (int i = 0; i < d->ndevices; i++)
        order[i] = (idx_str){i, d->devices[i].id};
    qsort(order, (size_t)d->ndevices, sizeof *order, cmp_idx_str);
    report_device *sorted = arena_alloc(&d->a, (size_t)(d->ndevices + 1) * sizeof *sorted);
    for (int i = 0; i < d->ndevices; i++) {
        const report_dev_acc *a = &g->dev[order[i].i];
        report_device *dv = &sorted[i];
        *dv = d->devices[order[i].i];
        dv->acc = order[i].i;
        dv->responses = cell(d, a->responses);
        dv->submissions = cell(d, a->submissions);
        dv->votes = cell(d, a->votes);
        dv->yes = cell(d, a->yes);
        dv->no = cell(d, a->no);
        int two[2] = {dv->submissions, dv->votes};
        report_cells_line(&d->cells, two, 2, dv->responses, 1);
        int yn[2] = {dv->yes, dv->no};
        report_cells_line(&d->cells, yn, 2, dv->votes, 1);
        line[i] = dv->responses;
    }
    d->devices = sorted;
    report_cells_line(&d->cells, line, d->ndevices, d->all, 1);
    /* the kiosks' page votes, yes and no add up to the pages' */
    const int off[3] = {offsetof(report_device, votes), offsetof(report_device, yes), offsetof(report_device, no)};
    const int tot[3] = {d->votes, d->yes_all, d->no_all};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < d->ndevices; i++)
            line[i] = *(int *)((char *)&d->devices[i] + off[k]);
        report_cells_line(&d->cells, line, d->ndevices, tot[k], 1);
    }
}

/* After suppression: pages whose yes and no both show, worst first; then the others by id.
 * A page whose counts are hidden is never placed by them. */
static int cmp_page(const void *a, const void *b)
{
    const report_page *x = a, *y = b;
    if (x->ranked != y->ranked)
        return y->ranked - x->ranked;
    if (x->ranked && x->rate != y->rate)
        return (x->rate > y->rate) - (x->rate < y->rate);
    if (x->ranked && x->nvotes != y->nvotes) /* more votes first */
        return (x->nvotes < y->nvotes) - (x->nvotes > y->nvotes);
    return strcmp(x->id, y->id);
}

static const report_data *topic_data;
static int cmp_topic(const void *a, const void *b)
{
    const report_topic *x = a, *y = b;
    const report_cells *c = &topic_data->cells;
    int hx = report_cells_hidden(c, x->v->cell), hy = report_cells_hidden(c, y->v->cell);
    if (x->q != y->q)
        return x->order - y->order;
    if (hx != hy)
        return hx - hy;
    if (!hx && c->value[x->v->cell] != c->value[y->v->cell])
        return c->value[x->v->cell] < c->value[y->v->cell] ? 1 : -1;
    return x->order - y->order;
}

static void rank(report_data *d)
{
    const report_cells *c = &d->cells;
    for (int i = 0; i < d->npages; i++) {
        report_page *p = &d->pages[i];
        long y = c->value[p->yes], n = c->value[p->no];
        p->ranked = !c->hidden[p->yes] && !c->hidden[p->no] && y + n > 0;
        p->rate = p->ranked ? (double)y / (double)(y + n) : 0;
        p->nvotes = p->ranked ? y + n : 0;
    }
    qsort(d->pages, (size_t)d->npages, sizeof *d->pages, cmp_page);
    topic_data = d;
    qsort(d->topics, (size_t)d->ntopics, sizeof *d->topics, cmp_topic);
    topic_data = NULL;
}

/* ---- the tables ------------------------------------------------------------------------ */

void report_tables_build(report_data *d, report_acc *g, content *c)
{
    build_weeks(d, g);
    for (int j = 0; c && j < d->nlangs; j++) {
        const content_lang *cl =
            strcmp(d->langs[j].code, "other") ? content_find_lang(c, d->langs[j].code) : NULL;
        if (cl && cl->name)
            d->langs[j].own = arena_strdup(&d->a, cl->name);
    }
    build_pages(d, g, c, d->pack_lang);
    build_surveys(d, g, c, d->pack_lang);
    build_devices(d, g);
    report_breakdowns_build(d, g);
}

void report_tables_rank(report_data *d) { rank(d); }
