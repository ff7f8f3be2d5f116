/* report cells: small-cell suppression (the rule is in cells.h). */
#include "report/cells.h"

#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void report_cells_init(report_cells *c) { memset(c, 0, sizeof *c); }

void report_cells_free(report_cells *c)
{
    free(c->value);
    free(c->hidden);
    free(c->ref);
    free(c->line);
    memset(c, 0, sizeof *c);
}

int report_cells_add(report_cells *c, long value)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 256;
        c->value = xrealloc(c->value, (size_t)c->cap * sizeof *c->value);
        c->hidden = xrealloc(c->hidden, (size_t)c->cap);
    }
    c->value[c->n] = value < 0 ? 0 : value;
    c->hidden[c->n] = 0;
    return c->n++;
}

void report_cells_line(report_cells *c, const int *cells, int n, int margin, int additive)
{
    if (c->nlines == c->linecap) {
        c->linecap = c->linecap ? 2 * c->linecap : 64;
        c->line = xrealloc(c->line, (size_t)c->linecap * sizeof *c->line);
    }
    if (c->nref + n > c->refcap) {
        while (c->nref + n > c->refcap)
            c->refcap = c->refcap ? 2 * c->refcap : 256;
        c->ref = xrealloc(c->ref, (size_t)c->refcap * sizeof *c->ref);
    }
    if (n > 0) /* a line of no cells (an empty database's tables) has nothing to copy, and
                * no array yet to copy into */
        memcpy(c->ref + c->nref, cells, (size_t)n * sizeof *cells);
    c->line[c->nlines++] = (struct report_line){c->nref, n, margin, additive};
    c->nref += n;
}

int report_cells_hidden(const report_cells *c, int i) { return i >= 0 && i < c->n && c->hidden[i]; }

const char *report_cells_show(const report_cells *c, int i, long k, char out[32])
{
    if (i < 0 || i >= c->n)
        snprintf(out, 32, "0");
    else if (c->hidden[i] && c->value[i] > 0 && c->value[i] < k)
        snprintf(out, 32, "<%ld", k);
    else if (c->hidden[i]) /* hidden to protect another: "<k" would be false */
        snprintf(out, 32, "hidden");
    else
        snprintf(out, 32, "%ld", c->value[i]);
    return out;
}

/* Hides the smallest shown cell of line l (nonzero ones first when mass is needed), else its
 * margin; 1 if it hid one. */
static int hide_one(report_cells *c, const struct report_line *l, int need_mass)
{
    int best = -1;
    for (int pass = need_mass ? 0 : 1; pass < 2 && best < 0; pass++)
        for (int j = 0; j < l->n; j++) {
            int x = c->ref[l->first + j];
            if (c->hidden[x] || (pass == 0 && c->value[x] == 0))
                continue;
            if (best < 0 || c->value[x] < c->value[best])
                best = x;
        }
    if (best < 0 && !c->hidden[l->margin])
        best = l->margin;
    if (best < 0)
        return 0;
    c->hidden[best] = 1;
    return 1;
}

/* Whether a hidden small cell x of a line with a shown total can be told from the labels:
 * the reader knows x is from 1 to k-1 ("<k"), every other "<k" cell too, and every "hidden"
 * one 0 or k and more; sum is what the hidden cells hold together (the total minus the shown
 * ones). 1 when fewer than two values of x fit. */
static int pinned(const report_cells *c, const struct report_line *l, int x, long sum, long k)
{
    long prim = 0; /* other small hidden cells: together from prim to prim * (k-1) */
    int sec = 0;   /* other "hidden" ones: together 0, or k and more */
    for (int j = 0; j < l->n; j++) {
        int y = c->ref[l->first + j];
        if (y == x || !c->hidden[y])
            continue;
        if (c->value[y] > 0 && c->value[y] < k)
            prim++;
        else
            sec++;
    }
    int fits = 0;
    for (long v = 1; v < k && v <= sum && fits < 2; v++) {
        long rest = sum - v; /* what the others hold */
        int ok = rest >= prim && rest <= prim * (k - 1);
        if (!ok && sec)
            ok = rest >= prim + k;
        fits += ok;
    }
    return fits < 2;
}

/* Rules 2 and 3 over every line until nothing changes. */
static void lines_settle(report_cells *c, long k)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (int i = 0; i < c->nlines; i++) {
            const struct report_line *l = &c->line[i];
            int mh = c->hidden[l->margin], h = mh;
            long sum = 0;
            for (int j = 0; j < l->n; j++) {
                int x = c->ref[l->first + j];
                if (mh && !c->hidden[x] && c->value[x] == 0)
                    c->hidden[x] = 1, changed = 1;
                if (c->hidden[x])
                    h++, sum += c->value[x];
            }
            if (!l->additive || h == 0)
                continue;
            int small = !mh && sum < k; /* hidden zeros beside a shown total are zeros */
            for (int j = 0; j < l->n && !mh && !small && h > 1; j++) {
                int x = c->ref[l->first + j];
                small = c->hidden[x] && c->value[x] > 0 && c->value[x] < k && pinned(c, l, x, sum, k);
            }
            if ((h == 1 || small) && hide_one(c, l, small))
                changed = 1;
        }
    }
}

/* ---- rule 4: could any hidden cell be worked out from all the lines together? -------- *
 * Each additive line is an equation over its hidden cells (the shown ones are constants).
 * A hidden cell is determined exactly when the unit vector of its column lies in the row
 * space, that is when the reduced row echelon form has a row with that pivot and nothing
 * else. Elimination is modulo a prime: the matrices hold 0 and +-1 and table-like ones are
 * totally unimodular, so the rank is the rational one. */
#define PRIME 2147483647LL

static long long inv_mod(long long a)
{
    long long r = 1, e = PRIME - 2;
    a %= PRIME;
    if (a < 0)
        a += PRIME;
    while (e) {
        if (e & 1)
            r = r * a % PRIME;
        a = a * a % PRIME;
        e >>= 1;
    }
    return r;
}

/* The first hidden cell that the equations determine, or -1. */
static int determined(const report_cells *c)
{
    int *col = xmalloc((size_t)c->n * sizeof *col); /* cell -> column, -1 if shown */
    int nh = 0;
    for (int i = 0; i < c->n; i++)
        col[i] = c->hidden[i] ? nh++ : -1;
    int *cell = xmalloc((size_t)(nh ? nh : 1) * sizeof *cell);
    for (int i = 0; i < c->n; i++)
        if (col[i] >= 0)
            cell[col[i]] = i;
    /* connected groups of hidden cells (union-find over the lines): each is solved alone */
    int *up = xmalloc((size_t)(nh ? nh : 1) * sizeof *up);
    for (int i = 0; i < nh; i++)
        up[i] = i;
    for (int i = 0; i < c->nlines; i++) {
        const struct report_line *l = &c->line[i];
        if (!l->additive)
            continue;
        int first = col[l->margin];
        for (int j = 0; j < l->n; j++) {
            int x = col[c->ref[l->first + j]];
            if (x < 0)
                continue;
            if (first < 0) {
                first = x;
                continue;
            }
            int a = first, b = x;
            while (up[a] != a)
                a = up[a] = up[up[a]];
            while (up[b] != b)
                b = up[b] = up[up[b]];
            if (a != b)
                up[a] = b;
        }
    }
    int found = -1;
    /* each group's cells and lines, bucketed by the group's root (counting sort) */
    int *root = xmalloc((size_t)(nh ? nh : 1) * sizeof *root);
    for (int i = 0; i < nh; i++) {
        int r = i;
        while (up[r] != r)
            r = up[r] = up[up[r]];
        root[i] = r;
    }
    int *line_root = xmalloc((size_t)(c->nlines ? c->nlines : 1) * sizeof *line_root);
    for (int i = 0; i < c->nlines; i++) {
        const struct report_line *l = &c->line[i];
        int x = col[l->margin];
        for (int j = 0; j < l->n && x < 0; j++)
            x = col[c->ref[l->first + j]];
        line_root[i] = l->additive && x >= 0 ? root[x] : -1;
    }
    int *cstart = xcalloc((size_t)nh + 2, sizeof *cstart), *lstart = xcalloc((size_t)nh + 2, sizeof *lstart);
    for (int i = 0; i < nh; i++)
        cstart[root[i] + 2]++;
    for (int i = 0; i < c->nlines; i++)
        if (line_root[i] >= 0)
            lstart[line_root[i] + 2]++;
    for (int i = 2; i < nh + 2; i++)
        cstart[i] += cstart[i - 1], lstart[i] += lstart[i - 1];
    int *members = xmalloc((size_t)(nh ? nh : 1) * sizeof *members);
    int *lines = xmalloc((size_t)(c->nlines ? c->nlines : 1) * sizeof *lines);
    for (int i = 0; i < nh; i++)
        members[cstart[root[i] + 1]++] = i;
    for (int i = 0; i < c->nlines; i++)
        if (line_root[i] >= 0)
            lines[lstart[line_root[i] + 1]++] = i;
    int *pos = xmalloc((size_t)(nh ? nh : 1) * sizeof *pos);
    for (int r0 = 0; r0 < nh && found < 0; r0++) {
        int m = cstart[r0 + 1] - cstart[r0];
        const int *mem = members + cstart[r0];
        /* a group too large to solve here (only a database spread over thousands of weeks
         * makes one) keeps rules 1-3 alone */
        if (m == 0 || m > 4096)
            continue;
        for (int i = 0; i < m; i++)
            pos[mem[i]] = i;
        int rows = 0;
        long long *mat = NULL;
        for (int li = lstart[r0]; li < lstart[r0 + 1]; li++) {
            const struct report_line *l = &c->line[lines[li]];
            mat = xrealloc(mat, (size_t)(rows + 1) * (size_t)m * sizeof *mat);
            long long *row = mat + (size_t)rows * (size_t)m;
            memset(row, 0, (size_t)m * sizeof *row);
            for (int j = 0; j < l->n; j++) {
                int x = col[c->ref[l->first + j]];
                if (x >= 0)
                    row[pos[x]] = (row[pos[x]] + 1) % PRIME;
            }
            if (col[l->margin] >= 0) {
                int p = pos[col[l->margin]];
                row[p] = (row[p] + PRIME - 1) % PRIME;
            }
            rows++;
        }
        /* reduced row echelon form */
        int r = 0;
        int *pivot_of_row = xmalloc((size_t)(rows ? rows : 1) * sizeof *pivot_of_row);
        for (int cidx = 0; cidx < m && r < rows; cidx++) {
            int sel = -1;
            for (int i = r; i < rows; i++)
                if (mat[(size_t)i * m + cidx]) {
                    sel = i;
                    break;
                }
            if (sel < 0)
                continue;
            if (sel != r)
                for (int j = 0; j < m; j++) {
                    long long t = mat[(size_t)sel * m + j];
                    mat[(size_t)sel * m + j] = mat[(size_t)r * m + j];
                    mat[(size_t)r * m + j] = t;
                }
            long long inv = inv_mod(mat[(size_t)r * m + cidx]);
            for (int j = 0; j < m; j++)
                mat[(size_t)r * m + j] = mat[(size_t)r * m + j] * inv % PRIME;
            for (int i = 0; i < rows; i++) {
                long long f = mat[(size_t)i * m + cidx];
                if (i == r || !f)
                    continue;
                for (int j = 0; j < m; j++)
                    mat[(size_t)i * m + j] =
                        (mat[(size_t)i * m + j] + (PRIME - f) * mat[(size_t)r * m + j]) % PRIME;
            }
            pivot_of_row[r++] = cidx;
        }
        for (int i = 0; i < r && found < 0; i++) {
            int alone = 1;
            for (int j = 0; j < m && alone; j++)
                alone = j == pivot_of_row[i] || !mat[(size_t)i * m + j];
            if (alone)
                found = cell[mem[pivot_of_row[i]]];
        }
        free(pivot_of_row);
        free(mat);
    }
    free(pos);
    free(lines);
    free(members);
    free(cstart);
    free(lstart);
    free(line_root);
    free(root);
    free(up);
    free(cell);
    free(col);
    return found;
}

void report_cells_suppress(report_cells *c, long k)
{
    if (k <= 1)
        return;
    for (int i = 0; i < c->n; i++)
        c->hidden[i] = c->value[i] > 0 && c->value[i] < k;
    for (;;) {
        lines_settle(c, k);
        int x = determined(c);
        if (x < 0)
            return;
        /* hide one more cell beside x: the smallest shown cell of a line through x */
        int best = -1;
        for (int i = 0; i < c->nlines; i++) {
            const struct report_line *l = &c->line[i];
            int in = l->margin == x;
            for (int j = 0; j < l->n && !in; j++)
                in = c->ref[l->first + j] == x;
            if (!in || !l->additive)
                continue;
            for (int j = 0; j <= l->n; j++) {
                int y = j < l->n ? c->ref[l->first + j] : l->margin;
                if (c->hidden[y] || (j == l->n && best >= 0))
                    continue;
                if (best < 0 || c->value[y] < c->value[best])
                    best = y;
            }
        }
        if (best < 0)
            return; /* cannot happen: a determined cell has a line with a shown cell */
        c->hidden[best] = 1;
    }
}
