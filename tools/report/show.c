/* report show: a cell and a share as the page and the CSV files show them. See data.h. */
#include "report/data.h"

#include <stdio.h>
#include <string.h>

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

const char *report_kiosk_name(const report_data *d, const char *device)
{
    static char out[4][128];
    static int k;
    char *p = out[k++ % 4];
    /* the name enrolled at the office; when two kiosks share one, each with its id's start */
    const char *name = NULL;
    int shared = 0;
    for (int i = 0; i < d->ndevices; i++)
        if (!strcmp(d->devices[i].id, device))
            name = d->devices[i].name;
    for (int i = 0; name && i < d->ndevices; i++)
        shared |= strcmp(d->devices[i].id, device) && d->devices[i].name &&
                  !strcmp(d->devices[i].name, name);
    if (name && !shared) {
        str_copy(p, sizeof out[0], name);
        return p;
    }
    size_t n = strlen(device), len = 4;
    /* as many characters as tell it from every other kiosk of the report */
    for (int clash = 1; clash && len < n; len += clash ? 2 : 0) {
        clash = 0;
        for (int i = 0; i < d->ndevices && !clash; i++)
            clash = strcmp(d->devices[i].id, device) && !strncmp(d->devices[i].id, device, len);
    }
    char id[64];
    size_t m = len < n ? len : n;
    if (m >= sizeof id)
        m = sizeof id - 1;
    for (size_t i = 0; i < m; i++)
        id[i] = device[i] >= 'a' && device[i] <= 'z' ? (char)(device[i] - 'a' + 'A') : device[i];
    id[m] = 0;
    buf b;
    buf_init(&b);
    report_fill(&b, 0, report_tr_s(d->tr, "Kiosk {id}"), "id", id, NULL);
    if (name)
        str_printf(p, sizeof out[0], "%s (%s)", name, b.data);
    else
        str_copy(p, sizeof out[0], b.data);
    buf_free(&b);
    return p;
}
