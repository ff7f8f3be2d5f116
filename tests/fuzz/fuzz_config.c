/* The kiosk's settings file (app/config.c): every bad line reported with a message, and the
 * same file read as the kiosk reads it at start (--config), its strings freed after. */
#include "fuzz.h"
#include "config.h"
#include "kiosk.h"

static void line(void *ctx, const char *msg)
{
    (void)ctx;
    if (!msg || !msg[0])
        abort(); /* a bad line is always named */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_put("sveiki.conf", data, size);
    char path[PATH_MAX];
    fuzz_path(path, sizeof path, "sveiki.conf");
    err e = {{0}};
    int bad = config_check(path, line, NULL, &e);
    if (bad < 0 && !e.msg[0])
        abort();
    char *argv[] = {"sveiki", "--config", path, "--headless", "--script", "-", NULL};
    kiosk_options o;
    err e2 = {{0}};
    int rc = config_args(6, argv, &o, &e2);
    if (rc < 0 && !e2.msg[0])
        abort();
    /* a file the check finds good is a file the kiosk starts with, and the other way round */
    if ((bad == 0) != (rc == CONFIG_RUN))
        abort();
    if (rc >= 0)
        config_free(&o);
    return 0;
}
