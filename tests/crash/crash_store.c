/* crash_store: kill -9 while saving feedback loses no acknowledged submission and leaves a
 * sound store. Round after round, a child opens the store in DIR and submits in a loop,
 * writing each submission's id to a pipe once store_submit has returned 0 (the moment the
 * kiosk would thank the person); the child is killed with SIGKILL at a seeded step of its
 * file-system calls (tests/unit/kill_at.h: each write, pwrite, fsync, fdatasync and rename,
 * SQLite's included), so the kills land in opening, in the middle of transactions, between a
 * sync and its acknowledgement, and between submissions, at the same places on a quiet or a
 * busy machine. Each child's store_open runs integrity_check: a store found damaged is moved
 * aside, and the child then stops with an error, failing the run. At the end every
 * acknowledged id must be in the file, sealed, and open with the office key (the test key of
 * tests/fixtures: run from the checkout's root) to all its answers, and the file must pass
 * integrity_check.
 * Usage: crash_store DIR ROUNDS SEED. Prints one line; exit 0 when all held, 1 otherwise. */
#include "sign.h"
#include "store/sealed.h"
#include "store/store.h"
#include "../unit/kill_at.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ID_LINE 37 /* 36 characters and a line break, written at once (under PIPE_BUF) */
#define NANSWERS 6

static const store_answer answers[NANSWERS] = {
    {"know-latvian", "yes", 0, "yesno"},
    {"format", "pictures", 0, "single"},
    {"face", "2", 0, "faces"},
    {"age", "prefer-not", 0, "background"},
    {"needs", "Work, and a course near +371 67 000 000 please", 1, "text"},
    {"time-in-country", "under-3-months", 0, "background"},
};

#define OFFICE_KEY "tests/fixtures/office-test-only.key"
static sealed_key office;

/* The child: submits until it is killed. Exits (never returns) only on an error. */
static void child(const char *dir, int out, long kill_step)
{
    kill_at_arm(kill_step);
    store_note note;
    err e;
    store_config cfg = {.seal_pk = office.pk};
    store *s = store_open(dir, &cfg, &note, &e);
    if (!s) {
        fprintf(stderr, "crash_store: child: %s\n", e.msg);
        _exit(3);
    }
    if (note.moved_aside[0]) {
        fprintf(stderr, "crash_store: child: a kill damaged the store: %s\n", note.warning);
        _exit(4);
    }
    store_submission sub = {.survey = "needs", .lang = "uk", .pack_id = "latvia-demo",
                            .pack_version = "2022.12", .answers = answers,
                            .nanswers = NANSWERS};
    for (;;) {
        char line[ID_LINE + 1];
        if (store_submit(s, &sub, line, &e)) {
            fprintf(stderr, "crash_store: child: %s\n", e.msg);
            _exit(5);
        }
        line[36] = '\n';
        if (write(out, line, ID_LINE) != ID_LINE)
            _exit(6);
    }
}

/* xorshift: the same kill steps for the same seed, whatever the C library */
static unsigned long long rng;
static unsigned next_rand(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: crash_store DIR ROUNDS SEED\n");
        return 2;
    }
    const char *dir = argv[1];
    err ke;
    if (sign_read_seal_secret(OFFICE_KEY, office.sk, office.pk, &ke)) {
        printf("crash_store: %s\n", ke.msg);
        return 1;
    }
    int rounds = atoi(argv[2]);
    unsigned long long seed = strtoull(argv[3], NULL, 10);
    rng = seed * 2654435761ULL + 88172645463325252ULL;
    char (*acked)[37] = NULL;
    long nacked = 0, cap = 0;

    for (int r = 0; r < rounds; r++) {
        int p[2];
        if (pipe(p)) {
            perror("crash_store: pipe");
            return 1;
        }
        /* one kill in four within the first steps (opening: 8 steps on a store that exists,
         * 32 on a new one), the others anywhere in the next few submissions (about 10 steps
         * each: WAL writes, the sync, the acknowledgement) */
        long kill_step = next_rand() % 4 == 0 ? 1 + next_rand() % 10 : 1 + next_rand() % 80;
        pid_t pid = fork();
        if (pid < 0) {
            perror("crash_store: fork");
            return 1;
        }
        if (pid == 0) {
            close(p[0]);
            child(dir, p[1], kill_step);
        }
        close(p[1]);
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        /* every id the child wrote before it died is still in the pipe */
        char line[ID_LINE];
        size_t got = 0;
        for (;;) {
            ssize_t n = read(p[0], line + got, ID_LINE - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += (size_t)n;
            if (got < ID_LINE)
                continue;
            got = 0;
            if (nacked == cap) {
                cap = cap ? cap * 2 : 1024;
                acked = realloc(acked, (size_t)cap * sizeof *acked);
                if (!acked)
                    abort();
            }
            memcpy(acked[nacked], line, 36);
            acked[nacked++][36] = 0;
        }
        close(p[0]);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
            printf("crash_store: round %d (seed %llu): the child stopped by itself (status %d)\n",
                   r, seed, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            return 1;
        }
    }

    /* what the next start would find: every acknowledged submission whole, a sound file */
    char path[4096];
    snprintf(path, sizeof path, "%s/feedback.db", dir);
    sqlite3 *db;
    sqlite3_stmt *check, *count;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT sealed FROM submissions WHERE id = ?", -1, &count,
                           NULL) != SQLITE_OK) {
        printf("crash_store: %s: %s\n", path, sqlite3_errmsg(db));
        return 1;
    }
    const char *ok = sqlite3_step(check) == SQLITE_ROW ? (const char *)sqlite3_column_text(check, 0) : NULL;
    if (!ok || strcmp(ok, "ok")) {
        printf("crash_store: %s fails integrity_check (seed %llu): %s\n", path, seed, ok ? ok : sqlite3_errmsg(db));
        return 1;
    }
    long lost = 0;
    for (long k = 0; k < nacked; k++) {
        sqlite3_bind_text(count, 1, acked[k], -1, SQLITE_STATIC);
        int n = -1;
        if (sqlite3_step(count) == SQLITE_ROW) {
            sealed_submission sub;
            err why;
            if (sealed_open(sqlite3_column_blob(count, 0), (size_t)sqlite3_column_bytes(count, 0),
                            &office, 1, &sub, &why) == 0) {
                n = sub.nanswers;
                sealed_free(&sub);
            }
        }
        sqlite3_reset(count);
        if (n != NANSWERS) {
            if (lost++ < 5)
                printf("crash_store: acknowledged submission %s has %d answers of %d (seed %llu)\n",
                       acked[k], n, NANSWERS, seed);
        }
    }
    sqlite3_finalize(check), sqlite3_finalize(count), sqlite3_close(db);
    free(acked);
    if (lost || nacked == 0) {
        printf("crash_store: %ld of %ld acknowledged submissions lost or broken\n", lost, nacked);
        return 1;
    }
    printf("crash_store: %d kills, %ld acknowledged submissions all kept, integrity ok\n", rounds,
           nacked);
    return 0;
}
