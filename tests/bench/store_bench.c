/* store_bench: how long the kiosk waits for feedback to be durable, beside the disk's own
 * floor. Prints `bench NAME VALUE UNIT` lines:
 *   feedback_submit_p99_ms  one submission of 6 answers scrubbed, sealed to the office key
 *                           (crypto_box_seal) and committed (WAL, synchronous=FULL), p99 over
 *                           300, auto-checkpoints included as the kiosk meets them
 *   feedback_log_bytes_per_submit  what the log grows by for one such submission
 *   fsync_p99_ms            a plain write of the same bytes the log grows by per submission,
 *                           and fsync, in the same directory, p99 over 300: the physical floor
 * Usage: store_bench DIR (a new, empty directory on the disk the kiosk's data would be on). */
#include "store/store.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RUNS 300
#define WARM 20

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double p99(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_d);
    int i = (n * 99 + 99) / 100 - 1;
    return v[i < 0 ? 0 : i];
}

static long long size_of(const char *path)
{
    struct stat st;
    return stat(path, &st) ? -1 : (long long)st.st_size;
}

static const store_answer answers[] = {
    {"know-latvian", "yes", 0, "yesno"},
    {"format", "pictures", 0, "single"},
    {"face", "4", 0, "faces"},
    {"age", "25-34", 0, "background"},
    {"needs", "More about finding work, and a Latvian course in the evening.", 1, "text"},
    {"time-in-country", "3-12-months", 0, "background"},
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: store_bench DIR\n");
        return 2;
    }
    err e;
    /* an office key pair made for the run: only its public half is the kiosk's */
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    if (sodium_init() < 0)
        return 1;
    crypto_box_keypair(pk, sk);
    store_config cfg = {.seal_pk = pk};
    store *s = store_open(argv[1], &cfg, NULL, &e);
    if (!s) {
        fprintf(stderr, "store_bench: %s\n", e.msg);
        return 1;
    }
    store_submission sub = {.survey = "needs", .lang = "fa", .pack_id = "latvia-demo",
                            .pack_version = "2022.12", .answers = answers,
                            .nanswers = (int)(sizeof answers / sizeof *answers)};
    char id[37], wal[4096];
    snprintf(wal, sizeof wal, "%s/feedback.db-wal", argv[1]);
    /* the bytes one submission adds to the log, from WARM submissions (no checkpoint yet) */
    long long before = 0;
    for (int i = 0; i < 2 * WARM; i++) {
        if (i == WARM)
            before = size_of(wal);
        if (store_submit(s, &sub, id, &e)) {
            fprintf(stderr, "store_bench: %s\n", e.msg);
            return 1;
        }
    }
    long long bytes = (size_of(wal) - before) / WARM;
    if (before <= 0 || bytes <= 0) {
        fprintf(stderr, "store_bench: cannot tell how much the log grows\n");
        return 1;
    }
    static double t[RUNS];
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        if (store_submit(s, &sub, id, &e)) {
            fprintf(stderr, "store_bench: %s\n", e.msg);
            return 1;
        }
        t[i] = now_ms() - t0;
    }
    store_close(s);
    printf("bench feedback_submit_p99_ms %.2f ms\n", p99(t, RUNS));
    printf("bench feedback_log_bytes_per_submit %lld B\n", bytes);

    /* the floor: append the same bytes to a file and fsync, as the log is written */
    char path[4096];
    snprintf(path, sizeof path, "%s/fsync-floor", argv[1]);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    char *data = malloc((size_t)bytes);
    if (fd < 0 || !data) {
        perror("store_bench: fsync-floor");
        return 1;
    }
    memset(data, 'x', (size_t)bytes);
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        if (pwrite(fd, data, (size_t)bytes, (off_t)(i % 250) * bytes) != (ssize_t)bytes ||
            fsync(fd)) {
            perror("store_bench: fsync-floor");
            return 1;
        }
        t[i] = now_ms() - t0;
    }
    close(fd);
    unlink(path);
    free(data);
    printf("bench fsync_p99_ms %.2f ms\n", p99(t, RUNS));
    return 0;
}
