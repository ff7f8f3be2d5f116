/* An export batch as it reaches the office (app/sync/batch.c), formats 1 and 2: the input is
 * the file; its sha256 line and signature are made again with the target's fixed device key
 * before it is read, so a mutation reaches the header's fields and the sealed submissions
 * behind the signature, as a kiosk's own key (stolen, or a bug) could sign them. Opened with
 * the target's fixed office key. With SVEIKI_FUZZ_SEEDS=DIR it writes its seed batches there
 * and exits. */
#include "fuzz.h"
#include "store/sealed.h"
#include "sync/sync.h"

#include <sodium.h>

static unsigned char sign_pk[32], sign_sk[64];
static sync_seal_key office;

static void keys(void)
{
    unsigned char seed[32];
    if (sodium_init() < 0)
        abort();
    memset(seed, 7, sizeof seed);
    crypto_sign_seed_keypair(sign_pk, sign_sk, seed);
    memset(seed, 9, sizeof seed);
    crypto_box_seed_keypair(office.pk, office.sk, seed);
}

/* After an edit: the header's sha256 of the payload, and the signature, made again. */
static void resign(unsigned char *f, size_t len)
{
    unsigned char *end = memmem(f, len, "\n\n", 2);
    char *line = end ? memmem(f, (size_t)(end - f) + 2, "\nsha256 ", 8) : NULL;
    if (!line || len < 64)
        return;
    size_t hlen = (size_t)(end - f) + 2;
    if (hlen + 64 <= len) {
        unsigned char h[32];
        crypto_hash_sha256(h, f + hlen, len - hlen - 64);
        char hex[65];
        sodium_bin2hex(hex, sizeof hex, h, 32);
        if ((size_t)(line - (char *)f) + 8 + 64 <= hlen)
            memcpy(line + 8, hex, 64);
    }
    crypto_sign_detached(f + len - 64, NULL, f, len - 64, sign_sk);
}

static void seed_out(const char *dir, const char *name, const unsigned char *f, size_t n)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *fp = fopen(p, "wb");
    if (!fp || fwrite(f, 1, n, fp) != n || fclose(fp))
        abort();
}

static void seeds(const char *dir)
{
    err e = {{0}};
    unsigned char *f;
    size_t len;
    char name[SYNC_NAME_MAX];
    /* format 2: three sealed submissions, one with typed text */
    sync_maker *m = sync_make2_begin("0b7e0000-0000-4000-8000-000000000000", 3);
    for (int i = 0; i < 3; i++) {
        char id[37] = "10000000-0000-4000-8000-000000000000";
        char uuid[37] = "a1000000-0000-4000-8000-000000000000";
        id[0] = uuid[1] = (char)('1' + i);
        sealed_answer a = {uuid, "help", i == 2 ? "text" : "faces", i == 2 ? "Darbs. مرحبا" : "3"};
        sealed_submission sub = {.id = id, .survey = "needs", .lang = "uk", .pack = "latvia",
                                 .pack_version = "1", .period = 1699920000, .nanswers = 1};
        sub.answers[0] = a;
        unsigned char *blob;
        size_t n;
        if (sealed_make(&sub, office.pk, &blob, &n, &e) || sync_make2_add(m, id, blob, n, &e))
            abort();
        free(blob);
    }
    if (sync_make_end(m, sign_sk, NULL, &f, &len, name, &e))
        abort();
    seed_out(dir, "format2.batch", f, len);
    free(f);
    /* format 1, plain and sealed whole */
    for (int sealed = 0; sealed < 2; sealed++) {
        m = sync_make_begin("0b7e0000-0000-4000-8000-000000000000");
        for (int i = 0; i < 2; i++) {
            char uuid[37] = "b1000000-0000-4000-8000-000000000000";
            uuid[1] = (char)('1' + i);
            sync_answer a = {.uuid = uuid, .submission = "20000000-0000-4000-8000-000000000000",
                             .survey = "needs", .question = "help", .value = "4", .lang = "en",
                             .pack = "latvia", .pack_version = "1", .seq = i + 1,
                             .period = 1699920000, .kind = "faces"};
            if (sync_make_add(m, &a, &e))
                abort();
        }
        if (sync_make_end(m, sign_sk, sealed ? office.pk : NULL, &f, &len, name, &e))
            abort();
        seed_out(dir, sealed ? "format1-sealed.batch" : "format1.batch", f, len);
        free(f);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    keys();
    const char *dir = getenv("SVEIKI_FUZZ_SEEDS");
    if (dir && *dir) {
        seeds(dir);
        exit(0);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *f = malloc(size + 1);
    if (!f)
        abort();
    memcpy(f, data, size);
    resign(f, size);
    fuzz_put("in.batch", f, size);
    free(f);
    char path[PATH_MAX];
    fuzz_path(path, sizeof path, "in.batch");
    sync_batch b;
    err e = {{0}};
    if (sync_read(path, NULL, &office, &b, &e) == 0) {
        for (long long k = 0; k < b.nanswers; k++)
            if (strlen(b.answers[k].uuid) != 36)
                abort();
        sync_batch_free(&b);
    } else if (!strstr(e.msg, path)) {
        abort(); /* a refusal names the file */
    }
    return 0;
}
