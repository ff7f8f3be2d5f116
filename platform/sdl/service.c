#include "sdl/service.h"

#include <systemd/sd-daemon.h>

static uint64_t every_ms, next_ms; /* 0: no watchdog */

void service_init(void)
{
    uint64_t usec = 0;
    /* 0: the variables stay (unsetenv is not safe once SDL's threads run; the kiosk starts
     * no process that could read them) */
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        every_ms = usec / 2000;
        if (every_ms == 0)
            every_ms = 1;
    }
}

void service_ready(const char *status)
{
    if (status)
        sd_notifyf(0, "READY=1\nSTATUS=%s", status);
    else
        sd_notify(0, "READY=1");
}

uint64_t service_deadline(void) { return every_ms ? next_ms : UINT64_MAX; }

void service_tick(uint64_t now)
{
    if (!every_ms || now < next_ms)
        return;
    sd_notify(0, "WATCHDOG=1");
    next_ms = now + every_ms;
}

void service_stopping(void) { sd_notify(0, "STOPPING=1"); }
