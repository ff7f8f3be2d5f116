/* office_key: the office key pair of the tests (tests/fixtures/office-test-only.key and .pub:
 * a test key, public in the repository, never an office's real key), for the tests that
 * store, export and merge feedback: a store seals to office_pk(), merge opens with
 * office_key(). The unit tests run from the checkout's root. Include after cmocka.h. */
#ifndef OFFICE_KEY_H
#define OFFICE_KEY_H

#include "sign.h"
#include "store/sealed.h"

#define OFFICE_PUB "tests/fixtures/office-test-only.pub"
#define OFFICE_KEY "tests/fixtures/office-test-only.key"

static const sealed_key *office_key(void)
{
    static sealed_key k;
    static int loaded;
    if (!loaded) {
        err e = {{0}};
        if (sign_read_seal_secret(OFFICE_KEY, k.sk, k.pk, &e))
            fail_msg("%s", e.msg);
        loaded = 1;
    }
    return &k;
}

static inline const unsigned char *office_pk(void) { return office_key()->pk; }

#endif
