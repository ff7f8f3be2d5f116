/* report dates: days since 1970-01-01 (UTC), read from the command line and shown in the page
 * and the CSV files as YYYY-MM-DD. See data.h. */
#include "report/data.h"

#include <stdio.h>
#include <string.h>

/* Days since 1970-01-01 of a civil date (proleptic Gregorian), and back (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

const char *report_day(int64_t day)
{
    static char out[4][16];
    static int k;
    char *p = out[k++ % 4];
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(p, 16, "%04d-%02d-%02d", y, m, d);
    return p;
}

static int64_t floordiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

const char *report_date(int64_t t) { return report_day(floordiv(t, 86400)); }

int64_t report_day_of(int64_t t) { return floordiv(t, 86400); }

/* YYYY-MM-DD, a real date, into days; -1 if not. */
int report_parse_day(const char *s, int64_t *day)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 2000 || y > 2099 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int y2, m2, d2;
    *day = days_from_civil(y, m, d);
    civil_from_days(*day, &y2, &m2, &d2);
    return y2 == y && m2 == m && d2 == d ? 0 : -1;
}

int64_t report_period_start(int64_t day, int month)
{
    if (!month)
        return day - ((day + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return days_from_civil(y, m, 1);
}

int64_t report_period_next(int64_t start, int month)
{
    if (!month)
        return start + 7;
    int y, m, d;
    civil_from_days(start, &y, &m, &d);
    return m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
}
