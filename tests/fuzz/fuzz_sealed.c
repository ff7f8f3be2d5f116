/* A sealed submission's plaintext (app/store/sealed.c), what the office parses after opening
 * each submission of a format 2 batch: every accepted one keeps the rules. With
 * SVEIKI_FUZZ_SEEDS=DIR it writes the plaintexts of two valid submissions there and exits. */
#include "fuzz.h"
#include "store/sealed.h"

#include <sodium.h>

static void seed(const char *dir, const char *name, const sealed_submission *sub)
{
    unsigned char pk[32], sk[32], *blob;
    size_t len, unpadded;
    err e = {{0}};
    crypto_box_keypair(pk, sk);
    if (sealed_make(sub, pk, &blob, &len, &e))
        abort();
    unsigned char *p = malloc(len);
    if (!p || crypto_box_seal_open(p, blob, len, pk, sk) ||
        sodium_unpad(&unpadded, p, len - crypto_box_SEALBYTES, SEALED_BLOCK))
        abort();
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, unpadded, f) != unpadded || fclose(f))
        abort();
    free(p), free(blob);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *dir = getenv("SVEIKI_FUZZ_SEEDS");
    if (!dir || !*dir)
        return 0;
    if (sodium_init() < 0)
        abort();
    sealed_submission sub = {.id = "10000000-0000-4000-8000-000000000000", .survey = "needs",
                             .lang = "ar", .pack = "latvia", .pack_version = "2022.12",
                             .period = 1699920000, .nanswers = 2};
    sub.answers[0] = (sealed_answer){"a0000000-0000-4000-8000-000000000001", "help", "faces", "4"};
    sub.answers[1] = (sealed_answer){"a0000000-0000-4000-8000-000000000002", "comment", "text",
                                     "Darbs. مرحبا ሰላም\nline two"};
    seed(dir, "two-answers", &sub);
    sub.nanswers = 1;
    sub.answers[0] = (sealed_answer){"a0000000-0000-4000-8000-000000000003", "age", "choice", "18-29"};
    seed(dir, "one-choice", &sub);
    exit(0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sealed_submission s;
    err e = {{0}};
    if (sealed_parse(data, size, &s, &e) == 0) {
        if (s.nanswers < 1 || s.nanswers > SEALED_MAX_ANSWERS || strlen(s.id) != 36)
            abort();
        for (int k = 0; k < s.nanswers; k++)
            if (strlen(s.answers[k].uuid) != 36)
                abort();
        sealed_free(&s);
    } else if (!e.msg[0]) {
        abort();
    }
    return 0;
}
