/* report args: the command line of `sveikictl report`. See report.h. */
#include "report/data.h"

#include "pack/format.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int report_args(int argc, char **argv, report_opts *o, err *e)
{
    memset(o, 0, sizeof *o);
    o->k = 5;
    o->from = REPORT_T_MIN;
    o->to = REPORT_T_MAX;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int64_t day;
        if (!strcmp(a, "--free-text")) {
            o->free_text = 1;
            continue;
        }
        if (!strcmp(a, "--answers")) {
            o->answers = 1;
            continue;
        }
        if (!strcmp(a, "--pdf")) {
            o->pdf = 1;
            continue;
        }
        if (!strcmp(a, "--months")) {
            o->month = 1;
            continue;
        }
        if (a[0] != '-') {
            if (o->db)
                return err_set(e, "report: unexpected argument %s", a);
            o->db = a;
            continue;
        }
        if (strcmp(a, "--out") && strcmp(a, "--from") && strcmp(a, "--to") && strcmp(a, "--k") &&
            strcmp(a, "--pack") && strcmp(a, "--lang"))
            return err_set(e, "report: unknown option %s", a);
        if (!v)
            return err_set(e, "report: %s needs a value", a);
        i++;
        if (!strcmp(a, "--out"))
            o->out = v;
        else if (!strcmp(a, "--pack"))
            o->pack = v;
        else if (!strcmp(a, "--lang")) {
            if (!pack_valid_id(v))
                return err_set(e, "report: --lang %s: not a language code", v);
            o->lang = v;
        } else if (!strcmp(a, "--k")) {
            char *end;
            errno = 0;
            long k = strtol(v, &end, 10);
            if (errno || *end || end == v || k > 1000000)
                return err_set(e, "report: --k %s: expected a whole number from %d to 1000000", v,
                               REPORT_K_MIN);
            if (k < REPORT_K_MIN)
                return err_set(e, "report: --k %s: refused: counts below %d would show single "
                                  "people; the lowest k is %d (5 unless you need fewer)",
                               v, REPORT_K_MIN, REPORT_K_MIN);
            o->k = k;
        } else if (report_parse_day(v, &day))
            return err_set(e, "report: %s %s: expected a date YYYY-MM-DD (2000 to 2099)", a, v);
        else if (!strcmp(a, "--from"))
            o->from = day * 86400;
        else
            o->to = (day + 1) * 86400; /* the whole day */
    }
    if (!o->db || !o->out)
        return err_set(e, "report: give the central database and --out DIR");
    if (o->from >= o->to)
        return err_set(e, "report: --from is after --to");
    return 0;
}
