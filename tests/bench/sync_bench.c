/* sync_bench: export and merge at the product brief's scale. Prints `bench NAME VALUE UNIT`:
 *   export_100k_s        sync_export of 100,000 answers not yet exported (2,000 sealed
 *                        submissions of 50 in one batch: reserve, read, sign, write, fsync,
 *                        read back and verify, mark), from a kiosk store filled through
 *                        store_submit
 *   merge_100x10k_s      100 batches of 10,000 answers each (1,667 submissions of 6 answers
 *                        or fewer, each sealed to the office key as kiosks seal them) merged
 *                        into an empty central database: read, verify, open every sealed
 *                        submission, parse, insert, commit
 *   merge_again_100x10k_s the same 100 batches merged again (recognised by name, hash and key:
 *                        nothing opened)
 * Usage: sync_bench DIR (a new, empty directory on the disk to measure). */
#include "core/buf.h"
#include "fs.h"
#include "sign.h"
#include "store/sealed.h"
#include "store/store.h"
#include "sync/merge.h"
#include "sync/sync.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(const err *e)
{
    fprintf(stderr, "sync_bench: %s\n", e->msg);
    return 1;
}

/* a survey's answers as the kiosk stores them: short ids, one typed text in six */
static const store_answer mix[] = {
    {"face", "3", 0, "faces"},
    {"know-latvian", "yes", 0, "yesno"},
    {"format", "pictures", 0, "single"},
    {"bg-age", "25-34", 0, "background"},
    {"bg-time", "under-3-months", 0, "background"},
    {"needs", "More about work and evening courses of Latvian, please. Більше про роботу.", 1,
     "text"},
};

static sealed_key office; /* the office's key pair, made for the run */
#define NMIX (int)(sizeof mix / sizeof *mix)


static int bench_export(const char *dir)
{
    char data[4096], to[4096];
    snprintf(data, sizeof data, "%s/kiosk", dir);
    snprintf(to, sizeof to, "%s/stick", dir);
    err e;
    if (fs_mkdirs(data, &e))
        return fail(&e);
    store_config cfg = {.seal_pk = office.pk};
    store *s = store_open(data, &cfg, NULL, &e);
    if (!s)
        return fail(&e);
    /* 100,000 answers: submissions of 50 (the store takes up to 64 at once) */
    store_answer many[50];
    for (int k = 0; k < 50; k++)
        many[k] = mix[k % NMIX];
    store_submission sub = {.survey = "needs", .lang = "uk", .pack_id = "latvia-demo",
                            .pack_version = "2022.12", .answers = many, .nanswers = 50};
    char id[37];
    for (int i = 0; i < 2000; i++)
        if (store_submit(s, &sub, id, &e))
            return fail(&e);
    sync_result r;
    sync_options o = {0};
    double t0 = now_s();
    if (sync_export_opt(s, data, to, &o, &r, &e))
        return fail(&e);
    double t = now_s() - t0;
    store_close(s);
    if (r.submissions != 2000 || r.batches != 1) {
        fprintf(stderr, "sync_bench: exported %ld submissions in %d batches\n", r.submissions,
                r.batches);
        return 1;
    }
    printf("bench export_100k_s %.3f s\n", t);
    return 0;
}

static int bench_merge(const char *dir)
{
    char in[4096], central[4096];
    snprintf(in, sizeof in, "%s/batches", dir);
    snprintf(central, sizeof central, "%s/central.db", dir);
    err e;
    if (fs_mkdirs(in, &e))
        return fail(&e);
    /* 100 kiosks, one batch of 10,000 answers each, in submissions of 6 (the last of 4) */
    enum { NSUB = (10000 + NMIX - 1) / NMIX };
    static char ids[NSUB][37];
    static unsigned char *blobs[NSUB];
    static size_t lens[NSUB];
    for (int k = 0; k < 100; k++) {
        unsigned char pk[32], sk[64];
        crypto_sign_keypair(pk, sk);
        char dev[37];
        store_uuid4(dev);
        for (int i = 0; i < NSUB; i++) {
            char uuids[NMIX][37];
            sealed_submission sub = {.id = ids[i], .survey = "needs", .lang = "ar",
                                     .pack = "latvia-demo", .pack_version = "2022.12",
                                     .period = 1700000000 + (i / 100) * 3600};
            store_uuid4(ids[i]);
            for (int a = 0; a < NMIX && i * NMIX + a < 10000; a++) {
                store_uuid4(uuids[a]);
                sub.answers[sub.nanswers++] =
                    (sealed_answer){uuids[a], mix[a].question, mix[a].kind, mix[a].value};
            }
            if (sealed_make(&sub, office.pk, &blobs[i], &lens[i], &e))
                return fail(&e);
        }
        /* a batch holds its submissions in id order */
        for (int i = 1; i < NSUB; i++)
            for (int j = i; j > 0 && strcmp(ids[j - 1], ids[j]) > 0; j--) {
                char t[37];
                memcpy(t, ids[j], 37), memcpy(ids[j], ids[j - 1], 37), memcpy(ids[j - 1], t, 37);
                unsigned char *b = blobs[j];
                size_t l = lens[j];
                blobs[j] = blobs[j - 1], lens[j] = lens[j - 1];
                blobs[j - 1] = b, lens[j - 1] = l;
            }
        sync_maker *m = sync_make2_begin(dev, 1);
        for (int i = 0; i < NSUB; i++) {
            if (sync_make2_add(m, ids[i], blobs[i], lens[i], &e)) {
                sync_make_free(m);
                return fail(&e);
            }
            free(blobs[i]);
        }
        unsigned char *file;
        size_t len;
        char name[SYNC_NAME_MAX], path[4200];
        if (sync_make_end(m, sk, NULL, &file, &len, name, &e))
            return fail(&e);
        snprintf(path, sizeof path, "%s/%s.batch", in, name);
        int rc = fs_write_atomic(path, file, len, 0600, &e);
        free(file);
        if (rc)
            return fail(&e);
    }
    for (int round = 0; round < 2; round++) {
        double t0 = now_s();
        char **files = NULL;
        int n = 0;
        if (sync_merge_collect(in, &files, &n, &e))
            return fail(&e);
        sync_merger *m = sync_merge_open(central, &office, &e);
        if (m) /* enrolment has its own tests */
            sync_merge_enrol_new(m, 1);
        if (!m)
            return fail(&e);
        sync_merge_stats st = {0};
        for (int i = 0; i < n; i++)
            if (sync_merge_file(m, files[i], &st, &e))
                return fail(&e);
        if (sync_merge_finish(m, &e))
            return fail(&e);
        sync_merge_close(m);
        fs_list_free(files, n);
        double t = now_s() - t0;
        long long want = round ? 0 : 1000000;
        if (st.added != want || st.rejected || st.merged != 100) {
            fprintf(stderr, "sync_bench: merged %ld batches, %lld answers added\n", st.merged,
                    st.added);
            return 1;
        }
        printf("bench %s %.2f s\n", round ? "merge_again_100x10k_s" : "merge_100x10k_s", t);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sync_bench DIR\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    crypto_box_keypair(office.pk, office.sk);
    return bench_export(argv[1]) || bench_merge(argv[1]);
}
