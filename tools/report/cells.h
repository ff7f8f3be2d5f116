/* report cells: small-cell suppression for the report. It promises: every count is a cell, a
 * table's row or column a line over cells with its total, and one decision hides the same cells
 * wherever they appear (the page and every CSV file).
 *
 * Counts are cells; a line is a set of cells and, when additive, their total (the margin,
 * itself a cell). Tables share cells (the number of all responses is the total of several
 * tables), so one set of cells and lines covers the whole report and one decision is made for
 * every place a count appears. report_cells_suppress hides:
 *  1. every count from 1 to k-1;
 *  2. every zero in a line whose total is hidden (it would tell where the few are not);
 *  3. in each additive line with a hidden cell, more cells (the smallest shown first, the
 *     total only when no cell is left) until at least two are hidden and, when the total is
 *     shown, the hidden cells together hold at least k and no small one can be told from
 *     what the labels say (a small cell shows "<k", one hidden to protect it "hidden", so a
 *     reader knows the one is 1 to k-1 and the other 0 or k and more): no hidden count is
 *     the total minus the shown ones, and no small group (nor a row of hidden zeros) is such
 *     a difference;
 *  4. then, over all lines at once, more cells until no hidden count can be worked out by
 *     any combination of the lines' sums (checked by elimination), repeating 2-4.
 * Nothing is hidden when k is 1. */
#ifndef SV_REPORT_CELLS_H
#define SV_REPORT_CELLS_H

typedef struct report_cells {
    long *value;
    unsigned char *hidden;
    int n, cap;
    int *ref; /* the cells of all lines, one after another */
    int nref, refcap;
    struct report_line { int first, n, margin, additive; } *line;
    int nlines, linecap;
} report_cells;

void report_cells_init(report_cells *c);
void report_cells_free(report_cells *c);
/* A new cell holding value; returns its index. */
int report_cells_add(report_cells *c, long value);
/* A line: cells[0..n) and their total margin. additive: the cells sum to the margin (one
 * answer each); otherwise the margin only bounds them (people who chose several). */
void report_cells_line(report_cells *c, const int *cells, int n, int margin, int additive);
void report_cells_suppress(report_cells *c, long k);
int report_cells_hidden(const report_cells *c, int i);
/* The cell as shown: its count; "<k" when hidden as small (1 to k-1); "hidden" when hidden to
 * protect another (a zero, or k and more: "<k" would be false). */
const char *report_cells_show(const report_cells *c, int i, long k, char out[32]);

#endif
