/* report bursts: identical submissions sent again and again. "Start again" began a new visit,
 * so one person could send the same survey a dozen times in a sitting; the kiosk now limits
 * surveys per time window, and the report flags what got through: submissions of one survey
 * from one kiosk on one day whose answers are all the same (the day is all the time the
 * answers keep), more than REPORT_BURST_OVER of them. A burst of submissions holding
 * REPORT_BURST_ONCE answers or more is counted once (every copy after the first left out of
 * every count); a shorter one is flagged and counted as sent, since different people often
 * give the same one or two answers. Page votes are one answer each, so only surveys are looked
 * at.
 *
 * Each submission's rows are summed into a keyed hash as the answers are read (the key is
 * made for the run, so no one can make two different submissions look alike); when a burst
 * is to be counted once, the answers are read again without its copies. See gather.h. */
#include "report/gather.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof ((report_acc *)0)->print_key == crypto_shorthash_KEYBYTES, "print_key");

void report_acc_keys(report_acc *g) { crypto_shorthash_keygen(g->print_key); }

/* A bijective mix of a 64-bit value: a second sum over the same hashes, so two different
 * submissions must match in both. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dULL;
    return x ^ (x >> 33);
}

void report_acc_print(report_acc *g, int sid, int survey, const char *device, const char *lang,
                      const char *question, const char *value, int64_t t)
{
    while (g->nprint <= sid) {
        int n = g->nprint ? 2 * g->nprint : 1024;
        g->print = xrealloc(g->print, (size_t)n * sizeof *g->print);
        memset(g->print + g->nprint, 0, (size_t)(n - g->nprint) * sizeof *g->print);
        g->nprint = n;
    }
    report_print *p = &g->print[sid];
    int64_t day = report_day_of(t);
    if (!p->rows) {
        /* the submission's kiosk, survey, day and language: those of its first row */
        p->device = report_intern(&g->words, device);
        p->survey = survey;
        p->day = day;
        p->lang = report_intern(&g->words, lang);
    } else if (p->survey != survey || p->day != day)
        p->mixed = 1; /* not as a kiosk writes one: never part of a burst */
    /* the row's question and value (a kiosk writes one language and device a submission) */
    size_t nq = strlen(question) + 1, nv = strlen(value);
    unsigned char h[crypto_shorthash_BYTES], small[512];
    const unsigned char *in = small;
    if (nq + nv <= sizeof small) {
        memcpy(small, question, nq);
        memcpy(small + nq, value, nv);
    } else {
        buf_clear(&g->print_row);
        buf_add(&g->print_row, question, nq);
        buf_add(&g->print_row, value, nv);
        in = (const unsigned char *)g->print_row.data;
    }
    crypto_shorthash(h, in, nq + nv, g->print_key);
    uint64_t v;
    memcpy(&v, h, sizeof v);
    p->h[0] += v;
    p->h[1] += mix(v);
    p->rows++;
}

typedef struct sub_print { int sid; const report_print *p; } sub_print;

static int cmp_print(const void *a, const void *b)
{
    const report_print *x = ((const sub_print *)a)->p, *y = ((const sub_print *)b)->p;
    if (x->device != y->device)
        return x->device < y->device ? -1 : 1;
    if (x->lang != y->lang)
        return x->lang < y->lang ? -1 : 1;
    if (x->survey != y->survey)
        return x->survey < y->survey ? -1 : 1;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    for (int i = 0; i < 2; i++)
        if (x->h[i] != y->h[i])
            return x->h[i] < y->h[i] ? -1 : 1;
    if (x->rows != y->rows)
        return x->rows < y->rows ? -1 : 1;
    return ((const sub_print *)a)->sid - ((const sub_print *)b)->sid;
}

static int same(const report_print *x, const report_print *y)
{
    return x->device == y->device && x->lang == y->lang && x->survey == y->survey &&
           x->day == y->day && x->h[0] == y->h[0] && x->h[1] == y->h[1] && x->rows == y->rows;
}

static int cmp_burst(const void *a, const void *b)
{
    const report_burst *x = a, *y = b;
    if (x->week != y->week)
        return x->week < y->week ? -1 : 1;
    int r = strcmp(x->device, y->device);
    return r ? r : strcmp(x->survey, y->survey);
}

int report_bursts_find(report_acc *g, report_data *d, report_strtab *skip)
{
    int n = 0;
    sub_print *s = xmalloc((size_t)(g->nprint + 1) * sizeof *s);
    for (int i = 0; i < g->nprint; i++)
        if (g->print[i].rows && !g->print[i].mixed)
            s[n++] = (sub_print){i, &g->print[i]};
    if (n)
        qsort(s, (size_t)n, sizeof *s, cmp_print);
    int nb = 0;
    for (int i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && same(s[i].p, s[j].p);)
            j++;
        nb += j - i > REPORT_BURST_OVER;
    }
    d->bursts = arena_alloc(&d->a, (size_t)(nb ? nb : 1) * sizeof *d->bursts);
    for (int i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && same(s[i].p, s[j].p);)
            j++;
        if (j - i <= REPORT_BURST_OVER)
            continue;
        const report_print *p = s[i].p;
        d->bursts[d->nbursts++] = (report_burst){
            .device = arena_strdup(&d->a, g->words.s[p->device]),
            .survey = arena_strdup(&d->a, g->surveys.s[p->survey]),
            .week = report_period_start(p->day, 0),
            .submissions = j - i,
            .answers = p->rows,
            .once = p->rows >= REPORT_BURST_ONCE};
        if (p->rows < REPORT_BURST_ONCE)
            continue; /* flagged, counted as sent */
        d->burst_left_out += j - i - 1;
        for (int k = i + 1; k < j; k++)
            report_intern(skip, g->subs.s[s[k].sid]);
    }
    free(s);
    if (d->nbursts)
        qsort(d->bursts, (size_t)d->nbursts, sizeof *d->bursts, cmp_burst);
    return skip->n;
}
