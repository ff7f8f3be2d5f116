/* report show: a cell and a share as the page and the CSV files show them. See data.h. */
#include "report/data.h"

#include <stdio.h>

const char *report_show(const report_data *d, int cell)
{
    static char out[8][32];
    static int k;
    return report_cells_show(&d->cells, cell, d->o->k, out[k++ % 8]);
}

const char *report_share(const report_data *d, int cell, int total)
{
    static char out[8][16];
    static int k;
    char *p = out[k++ % 8];
    const report_cells *c = &d->cells;
    if (c->hidden[cell] || c->hidden[total] || !c->value[total])
        return "";
    snprintf(p, 16, "%.1f", 100.0 * (double)c->value[cell] / (double)c->value[total]);
    return p;
}
