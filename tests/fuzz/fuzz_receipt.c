/* The office's receipt as a kiosk reads it from a stick (app/sync/receipt.c): the input is
 * the text before the signature; the target signs it with its fixed office key so the text's
 * parser is reached, and also reads the input as it is (the size and signature checks).
 * With SVEIKI_FUZZ_SEEDS=DIR it writes its seed receipts (their text) there and exits. */
#include "fuzz.h"
#include "sync/receipt.h"

#include <sodium.h>

#define DEVICE "0b7e0000-0000-4000-8000-000000000000"

static unsigned char pk[32], sk[64];

static void seeds(const char *dir)
{
    static const long long nums[3] = {1, 2, 7};
    static const char sha[3][65] = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "1111111111111111111111111111111111111111111111111111111111111111",
        "abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdef0123"};
    for (int n = 0; n <= 3; n += 3) {
        unsigned char *r;
        size_t len;
        err e = {{0}};
        if (sync_receipt_make(DEVICE, 1699920000, nums, sha, n, sk, &r, &len, &e))
            abort();
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/count%d.receipt", dir, n);
        FILE *f = fopen(p, "wb");
        if (!f || fwrite(r, 1, len - 64, f) != len - 64 || fclose(f))
            abort();
        free(r);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    unsigned char seed[32];
    if (sodium_init() < 0)
        abort();
    memset(seed, 5, sizeof seed);
    crypto_sign_seed_keypair(pk, sk, seed);
    const char *dir = getenv("SVEIKI_FUZZ_SEEDS");
    if (dir && *dir) {
        seeds(dir);
        exit(0);
    }
    return 0;
}

static void read_one(const unsigned char *p, size_t len)
{
    sync_receipt r;
    err e = {{0}};
    if (sync_receipt_read(p, len, pk, DEVICE, "in.receipt", &r, &e) == 0) {
        if (r.count < 0 || r.count > SYNC_RECEIPT_BATCHES)
            abort();
        for (int k = 1; k < r.count; k++)
            if (r.numbers[k] <= r.numbers[k - 1])
                abort(); /* the promise: numbers increasing */
        sync_receipt_free(&r);
    } else if (!e.msg[0]) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_one(data, size);
    unsigned char *p = malloc(size + 64);
    if (!p)
        abort();
    memcpy(p, data, size);
    crypto_sign_detached(p + size, NULL, p, size, sk);
    read_one(p, size + 64);
    free(p);
    return 0;
}
