/* service: what systemd is told (sd_notify from libsystemd): READY=1 once the first frame is
 * on the screen (sveiki.service is Type=notify), WATCHDOG=1 at half the unit's WatchdogSec=
 * from the event loop (which waits for events with the next ping as a deadline, so an idle
 * kiosk wakes only for the pings), STOPPING=1 at the end. Outside systemd ($NOTIFY_SOCKET
 * unset) each is a no-op and the loop gets no deadline. */
#ifndef SV_SERVICE_H
#define SV_SERVICE_H

#include <stdint.h>

/* Reads $WATCHDOG_USEC (and $WATCHDOG_PID) once; call before any thread starts. */
void service_init(void);
/* The first frame is on the screen; status: what `systemctl status` shows, or NULL. */
void service_ready(const char *status);
/* The next time a watchdog ping is due (ms on the clock of now), or UINT64_MAX without a
 * watchdog. */
uint64_t service_deadline(void);
/* Pings the watchdog when one is due at now (ms). */
void service_tick(uint64_t now);
void service_stopping(void);

#endif
