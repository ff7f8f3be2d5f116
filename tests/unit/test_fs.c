/* fs: the file layer's promises, and the writers built on it, under the fault hook. Each
 * writer is run with the 1st, 2nd, 3rd... write, fsync or rename failing until a run meets no
 * fault: after every run the target is the old file or the complete new one, and no temp
 * file is left. Each test works in a fresh temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "builder/pack.h"
#include "fs.h"
#include "sign.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scratch.h"

static int setup(void **state)
{
    (void)state;
    fs_fault_reset();
    return scratch_make("fs");
}

static int teardown(void **state)
{
    (void)state;
    fs_fault_reset();
    umask(022);
    return scratch_remove();
}

/* The whole file with plain stdio, or NULL when it does not exist. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *p = malloc(cap + 1);
    assert_non_null(p);
    while ((r = fread(p + n, 1, cap - n, fp)) > 0) {
        n += r;
        if (n == cap) {
            cap *= 2;
            p = realloc(p, cap + 1);
            assert_non_null(p);
        }
    }
    fclose(fp);
    p[n] = 0;
    *len = n;
    return p;
}

static int same_bytes(const char *path, const char *want, size_t n)
{
    size_t len;
    char *got = slurp(path, &len);
    int same = got && len == n && memcmp(got, want, n) == 0;
    free(got);
    return same;
}

/* Asserts that directory d holds exactly the names given (NULL-terminated), so no temp file
 * was left beside a target. */
static void assert_only(const char *d, const char *const *names)
{
    int want = 0;
    while (names[want])
        want++;
    DIR *dp = opendir(d);
    assert_non_null(dp);
    struct dirent *de;
    int n = 0;
    while ((de = readdir(dp))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        int known = 0;
        for (int k = 0; k < want; k++)
            known |= !strcmp(names[k], de->d_name);
        if (!known)
            fail_msg("%s: unexpected file %s (a temp file left behind?)", d, de->d_name);
        n++;
    }
    closedir(dp);
    assert_int_equal(n, want);
}

static int mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    return (int)(st.st_mode & 07777);
}

/* ---- the fault loop ------------------------------------------------------------------ */

typedef struct scenario {
    void (*prepare)(void);        /* puts the old state in place */
    int (*attempt)(err *e);       /* the write under test */
    void (*check)(int rc, fs_op kind, int n, const err *e); /* what must hold after a run */
} scenario;

/* Runs the scenario with the nth operation of kind failing, n = 1, 2, ... until a run meets no
 * fault. A run that met a fault must report it; one that did not must succeed. Returns the
 * number of runs that met a fault. */
static int each_fault(const scenario *s, fs_op kind)
{
    for (int n = 1; n <= 64; n++) {
        s->prepare();
        fs_fault_set(kind, n, n % 2 ? EIO : ENOSPC);
        err e = {{0}};
        int rc = s->attempt(&e);
        int fired = fs_fault_fired();
        fs_fault_reset();
        if (fired) {
            assert_int_equal(rc, -1);
            /* SQLite reports a full disk in its own words, without the errno */
            assert_true(strstr(e.msg, n % 2 ? strerror(EIO) : strerror(ENOSPC)) != NULL ||
                        (n % 2 == 0 && strstr(e.msg, "disk is full")));
        } else {
            if (rc != 0)
                fail_msg("run %d without a fault failed: %s", n, e.msg);
        }
        s->check(rc, kind, n, &e);
        if (!fired)
            return n - 1;
    }
    fail_msg("still meeting faults after 64 runs");
    return -1;
}

/* ---- atomic write -------------------------------------------------------------------- */

static const char OLD[] = "the old file, whole\n";
static char *big_new;    /* the new content: bigger than one copy chunk */
static size_t big_len;

static void make_big(void)
{
    big_len = 200000;
    big_new = malloc(big_len);
    assert_non_null(big_new);
    for (size_t k = 0; k < big_len; k++)
        big_new[k] = (char)('a' + k % 26);
}

static void prepare_old(void) { puts_file(at("t"), OLD); }
static void prepare_none(void) { unlink(at("t")); }
static int attempt_write(err *e) { return fs_write_atomic(at("t"), big_new, big_len, 0600, e); }

/* Before the rename the old file stays; from the rename on it is the new one. Only the last
 * fsync, of the directory, comes after the rename. */
static int renamed(int rc, fs_op kind, int n)
{
    return rc == 0 || (kind == FS_FSYNC && n == 2);
}

static void check_write(int rc, fs_op kind, int n, const err *e)
{
    const char *const only[] = {"t", NULL};
    assert_only(dir, only);
    if (renamed(rc, kind, n))
        assert_true(same_bytes(at("t"), big_new, big_len));
    else
        assert_true(same_bytes(at("t"), OLD, strlen(OLD)));
    if (rc)
        assert_non_null(strstr(e->msg, at("t")));
}

static void check_write_none(int rc, fs_op kind, int n, const err *e)
{
    if (renamed(rc, kind, n)) {
        const char *const only[] = {"t", NULL};
        assert_only(dir, only);
        assert_true(same_bytes(at("t"), big_new, big_len));
    } else {
        const char *const none[] = {NULL};
        assert_only(dir, none);
    }
    if (rc)
        assert_non_null(strstr(e->msg, at("t")));
}

static void test_write_atomic_under_faults(void **state)
{
    (void)state;
    make_big();
    scenario s = {prepare_old, attempt_write, check_write};
    assert_true(each_fault(&s, FS_WRITE) >= 1);
    assert_int_equal(each_fault(&s, FS_FSYNC), 2); /* the file, then its directory */
    assert_int_equal(each_fault(&s, FS_RENAME), 1);
    scenario fresh = {prepare_none, attempt_write, check_write_none};
    assert_true(each_fault(&fresh, FS_WRITE) >= 1);
    assert_int_equal(each_fault(&fresh, FS_FSYNC), 2);
    assert_int_equal(each_fault(&fresh, FS_RENAME), 1);
    free(big_new);
}

/* ---- atomic copy --------------------------------------------------------------------- */

static void prepare_copy(void)
{
    put(at("src"), big_new, big_len);
    puts_file(at("t"), OLD);
}

static int attempt_copy(err *e) { return fs_copy_atomic(at("src"), at("t"), 1 << 20, 0600, e); }

static void check_copy(int rc, fs_op kind, int n, const err *e)
{
    const char *const only[] = {"src", "t", NULL};
    assert_only(dir, only);
    if (renamed(rc, kind, n))
        assert_true(same_bytes(at("t"), big_new, big_len));
    else
        assert_true(same_bytes(at("t"), OLD, strlen(OLD)));
    if (rc)
        assert_non_null(strstr(e->msg, at("t")));
}

static void test_copy_atomic_under_faults(void **state)
{
    (void)state;
    make_big();
    scenario s = {prepare_copy, attempt_copy, check_copy};
    /* 200000 bytes in chunks of 64 KiB: four writes, each of which may fail */
    assert_int_equal(each_fault(&s, FS_WRITE), 4);
    assert_int_equal(each_fault(&s, FS_FSYNC), 2);
    assert_int_equal(each_fault(&s, FS_RENAME), 1);
    free(big_new);
}

/* ---- reads refuse what is not a small regular file ----------------------------------- */

static void assert_refused(const char *path, const char *why)
{
    err e = {{0}};
    size_t len = 7;
    unsigned char *p = fs_read_all(path, 100, &len, &e);
    assert_null(p);
    if (!strstr(e.msg, path) || !strstr(e.msg, why))
        fail_msg("expected a message naming %s and \"%s\", got: %s", path, why, e.msg);
    /* a copy refuses the same, and leaves nothing behind */
    assert_int_equal(fs_copy_atomic(path, at("copy"), 100, 0600, &e), -1);
    assert_non_null(strstr(e.msg, path));
    assert_int_equal(access(at("copy"), F_OK), -1);
}

static void test_read_refuses(void **state)
{
    (void)state;
    assert_int_equal(mkfifo(at("fifo"), 0600), 0); /* nobody writes: a blocking open would hang */
    assert_refused(at("fifo"), "FIFO");
    assert_int_equal(symlink("/dev/zero", at("zero")), 0);
    assert_refused(at("zero"), "symbolic link");
    puts_file(at("real"), "fine\n");
    assert_int_equal(symlink(at("real"), at("link")), 0);
    assert_refused(at("link"), "symbolic link");
    assert_int_equal(mkdir(at("sub"), 0700), 0);
    assert_refused(at("sub"), "directory");
    assert_refused("/dev/zero", "device");
    assert_refused(at("missing"), "No such file");
    char bytes[101];
    memset(bytes, 'x', sizeof bytes);
    put(at("over"), bytes, 101);
    assert_refused(at("over"), "limit");
    const char *const left[] = {"fifo", "zero", "real", "link", "sub", "over", NULL};
    assert_only(dir, left);
}

static void test_read_whole_file(void **state)
{
    (void)state;
    char bytes[100];
    for (int k = 0; k < 100; k++)
        bytes[k] = (char)(k % 7 ? 'a' + k % 26 : 0); /* NUL bytes are data here */
    put(at("exact"), bytes, 100);
    err e = {{0}};
    size_t len = 0;
    unsigned char *p = fs_read_all(at("exact"), 100, &len, &e);
    assert_non_null(p);
    assert_int_equal(len, 100);
    assert_memory_equal(p, bytes, 100);
    assert_int_equal(p[100], 0);
    free(p);
    put(at("empty"), "", 0);
    p = fs_read_all(at("empty"), 100, &len, &e);
    assert_non_null(p);
    assert_int_equal(len, 0);
    free(p);
}

/* ---- the writable proof never follows a planted link --------------------------------- */

static void test_prove_writable_ignores_planted_link(void **state)
{
    (void)state;
    puts_file(at("precious"), "keep me\n");
    assert_int_equal(symlink(at("precious"), at(".write-test")), 0);
    err e = {{0}};
    assert_int_equal(fs_prove_writable(dir, &e), 0);
    assert_true(same_bytes(at("precious"), "keep me\n", 8));
    const char *const only[] = {"precious", NULL};
    assert_only(dir, only); /* the link itself is gone, its target is not */

    /* a dangling link must not create its target */
    assert_int_equal(symlink(at("never"), at(".write-test")), 0);
    assert_int_equal(fs_prove_writable(dir, &e), 0);
    assert_int_equal(access(at("never"), F_OK), -1);
    assert_only(dir, only);

    assert_int_equal(fs_prove_writable(at("missing"), &e), -1);
    assert_non_null(strstr(e.msg, at("missing")));
    if (geteuid() != 0) { /* root writes anywhere */
        assert_int_equal(mkdir(at("ro"), 0500), 0);
        assert_int_equal(fs_prove_writable(at("ro"), &e), -1);
        assert_non_null(strstr(e.msg, at("ro")));
    }
}

/* ---- modes, directories, lists ------------------------------------------------------- */

static void test_modes_ignore_umask(void **state)
{
    (void)state;
    umask(0);
    err e = {{0}};
    assert_int_equal(fs_write_atomic(at("w"), "x", 1, 0600, &e), 0);
    assert_int_equal(mode_of(at("w")), 0600);
    assert_int_equal(fs_copy_atomic(at("w"), at("c"), 10, 0600, &e), 0);
    assert_int_equal(mode_of(at("c")), 0600);
    char tmp[256];
    assert_int_equal(fs_temp(at("p"), tmp, sizeof tmp, &e), 0);
    assert_int_equal(mode_of(tmp), 0600);
    assert_int_equal(fs_commit(tmp, at("p"), 0600, &e), 0);
    assert_int_equal(mode_of(at("p")), 0600);
    assert_int_equal(access(tmp, F_OK), -1);
    /* an existing world-writable file is replaced by one of the asked mode */
    puts_file(at("open"), "old");
    assert_int_equal(chmod(at("open"), 0666), 0);
    assert_int_equal(fs_write_atomic(at("open"), "new", 3, 0600, &e), 0);
    assert_int_equal(mode_of(at("open")), 0600);
    /* and a public file gets exactly 0644 under a strict umask */
    umask(077);
    assert_int_equal(fs_write_atomic(at("pub"), "x", 1, 0644, &e), 0);
    assert_int_equal(mode_of(at("pub")), 0644);
}

static void test_mkdirs(void **state)
{
    (void)state;
    umask(0);
    err e = {{0}};
    assert_int_equal(fs_mkdirs(at("a/b/c"), &e), 0);
    assert_int_equal(mode_of(at("a")), 0700);
    assert_int_equal(mode_of(at("a/b")), 0700);
    assert_int_equal(mode_of(at("a/b/c")), 0700);
    assert_int_equal(fs_mkdirs(at("a/b/c"), &e), 0); /* already there */
    assert_int_equal(fs_mkdirs(at("a/b/c/"), &e), 0);
    umask(022);
    assert_int_equal(fs_mkdirs(at("d"), &e), 0);
    assert_int_equal(mode_of(at("d")), 0700);
    puts_file(at("file"), "x");
    assert_int_equal(fs_mkdirs(at("file"), &e), -1);
    assert_non_null(strstr(e.msg, at("file")));
    assert_non_null(strstr(e.msg, "not a directory"));
    assert_int_equal(fs_mkdirs(at("file/sub"), &e), -1);
    assert_non_null(strstr(e.msg, at("file/sub")));
}

static void test_list_dir_sorted(void **state)
{
    (void)state;
    const char *make[] = {"b", "a", "B", ".h", "a2"};
    for (int k = 0; k < 5; k++)
        puts_file(at(make[k]), "x");
    char **v;
    int n;
    err e = {{0}};
    assert_int_equal(fs_list_dir(dir, &v, &n, &e), 0);
    assert_int_equal(n, 5);
    const char *want[] = {".h", "B", "a", "a2", "b"}; /* bytewise, dot files kept */
    for (int k = 0; k < 5; k++)
        assert_string_equal(v[k], want[k]);
    fs_list_free(v, n);
    assert_int_equal(mkdir(at("empty"), 0700), 0);
    assert_int_equal(fs_list_dir(at("empty"), &v, &n, &e), 0);
    assert_int_equal(n, 0);
    fs_list_free(v, n);
    assert_int_equal(fs_list_dir(at("missing"), &v, &n, &e), -1);
    assert_non_null(strstr(e.msg, at("missing")));
}

static void test_remove(void **state)
{
    (void)state;
    err e = {{0}};
    puts_file(at("f"), "x");
    assert_int_equal(fs_remove(at("f"), &e), 0);
    assert_int_equal(access(at("f"), F_OK), -1);
    assert_int_equal(fs_remove(at("f"), &e), 0); /* already gone */
    assert_int_equal(mkdir(at("d"), 0700), 0);
    assert_int_equal(fs_remove(at("d"), &e), -1);
    assert_non_null(strstr(e.msg, at("d")));
}

static void test_stat_and_exists(void **state)
{
    (void)state;
    err e = {{0}};
    fs_info in;
    puts_file(at("f"), "12345");
    chmod(at("f"), 0640);
    assert_int_equal(fs_stat(at("f"), &in, &e), 0);
    assert_int_equal(in.kind, FS_FILE);
    assert_int_equal(in.size, 5);
    assert_int_equal(in.mode, 0640);
    assert_int_equal(mkdir(at("d"), 0700), 0);
    assert_int_equal(fs_stat(at("d"), &in, &e), 0);
    assert_int_equal(in.kind, FS_DIR);
    assert_int_equal(symlink("f", at("l")), 0);
    assert_int_equal(fs_stat(at("l"), &in, &e), 0);
    assert_int_equal(in.kind, FS_FILE);
    assert_int_equal(fs_lstat(at("l"), &in, &e), 0);
    assert_int_equal(in.kind, FS_LINK);
    /* nothing there, even under a file, is an answer, not an error */
    assert_int_equal(fs_stat(at("missing"), &in, &e), 0);
    assert_int_equal(in.kind, FS_NONE);
    assert_int_equal(fs_lstat(at("f/below"), &in, &e), 0);
    assert_int_equal(in.kind, FS_NONE);
    assert_int_equal(symlink("nowhere", at("dangling")), 0);
    assert_true(fs_exists(at("dangling")));
    char target[16];
    assert_int_equal(fs_readlink(at("dangling"), target, sizeof target, &e), 0);
    assert_string_equal(target, "nowhere");
    assert_int_equal(fs_readlink(at("dangling"), target, 7, &e), -1); /* does not fit */
    assert_int_equal(fs_readlink(at("f"), target, sizeof target, &e), -1);
    assert_non_null(strstr(e.msg, at("f")));
    assert_true(fs_exists(at("d")));
    assert_false(fs_exists(at("missing")));
}

static void test_open_read(void **state)
{
    (void)state;
    err e = {{0}};
    puts_file(at("f"), "line one\nline two\n");
    FILE *fp = fs_open_read(at("f"), &e);
    assert_non_null(fp);
    char line[64];
    assert_non_null(fgets(line, sizeof line, fp));
    assert_string_equal(line, "line one\n");
    fclose(fp);
    fp = fs_open_read("/dev/null", &e); /* an operator's empty script */
    assert_non_null(fp);
    assert_null(fgets(line, sizeof line, fp));
    fclose(fp);
    assert_int_equal(mkdir(at("d"), 0700), 0);
    assert_null(fs_open_read(at("d"), &e));
    assert_non_null(strstr(e.msg, at("d")));
    assert_null(fs_open_read(at("missing"), &e));
    assert_non_null(strstr(e.msg, at("missing")));
}

/* ---- the pack builder: the old pack or the whole new one ----------------------------- */

static char *old_pack, *new_pack;
static size_t old_len, new_len;

static void write_source(const char *text) { one_page_source("1", text); }

static int build(const char *out, err *e)
{
    pack_opts o = {.src = at("src"), .root = ".", .out = out, .report = NULL};
    pack_result r;
    return pack_compile(&o, &r, e);
}

static void prepare_pack(void) { put(at("out/p.pack"), old_pack, old_len); }
static int attempt_pack(err *e) { return build(at("out/p.pack"), e); }

/* After a run of attempt under a fault: target holds the new bytes if the rename was made,
 * else the old ones, and a failure names target. */
static void old_or_new(const char *target, const char *old, size_t old_n, const char *nw,
                       size_t new_n, int rc, fs_op kind, int n, const err *e)
{
    if (renamed(rc, kind, n))
        assert_true(same_bytes(target, nw, new_n));
    else
        assert_true(same_bytes(target, old, old_n));
    if (rc)
        assert_non_null(strstr(e->msg, target));
}

/* SQLite's own syncs come before the layer's, so the failed fsync that follows the rename is
 * known by its message, not by its number */
static void check_pack(int rc, fs_op kind, int n, const err *e)
{
    (void)kind, (void)n;
    const char *const only[] = {"p.pack", NULL};
    assert_only(at("out"), only);
    if (rc == 0 || strstr(e->msg, "its directory cannot be synced"))
        assert_true(same_bytes(at("out/p.pack"), new_pack, new_len));
    else
        assert_true(same_bytes(at("out/p.pack"), old_pack, old_len));
    if (rc)
        assert_non_null(strstr(e->msg, at("out/p.pack")));
}

static void test_pack_build_under_faults(void **state)
{
    (void)state;
    err e = {{0}};
    assert_int_equal(mkdir(at("out"), 0700), 0);
    write_source("The old page.");
    if (build(at("old.pack"), &e))
        fail_msg("%s", e.msg);
    write_source("The new page, which replaces it.");
    if (build(at("new.pack"), &e))
        fail_msg("%s", e.msg);
    old_pack = slurp(at("old.pack"), &old_len);
    new_pack = slurp(at("new.pack"), &new_len);
    assert_non_null(old_pack);
    assert_non_null(new_pack);
    assert_false(old_len == new_len && !memcmp(old_pack, new_pack, old_len));
    scenario s = {prepare_pack, attempt_pack, check_pack};
    /* VACUUM INTO writes through the store's VFS shim, so its writes meet the hook too */
    assert_true(each_fault(&s, FS_WRITE) > 0);
    assert_true(each_fault(&s, FS_FSYNC) >= 2);
    assert_int_equal(each_fault(&s, FS_RENAME), 1);
    free(old_pack), free(new_pack);
}

/* ---- signing a pack: the old signed pack or the whole new one ------------------------ */

static char *old_signed, *new_signed;
static size_t old_signed_len, new_signed_len;

static void prepare_sig(void)
{
    puts_file(at("d"), "new data\n");
    put(at("d.pack"), old_signed, old_signed_len);
}

static int attempt_sig(err *e) { return sign_pack(at("d"), at("d.pack"), at("k.key"), e); }

static void check_sig(int rc, fs_op kind, int n, const err *e)
{
    const char *const only[] = {"d", "d.pack", "k.key", "k.pub", NULL};
    assert_only(dir, only);
    old_or_new(at("d.pack"), old_signed, old_signed_len, new_signed, new_signed_len, rc, kind, n,
               e);
}

static void test_sign_pack_under_faults(void **state)
{
    (void)state;
    err e = {{0}};
    if (sign_keygen(at("k"), &e))
        fail_msg("%s", e.msg);
    assert_int_equal(mode_of(at("k.key")), 0600);
    puts_file(at("d"), "old data\n");
    assert_int_equal(sign_pack(at("d"), at("d.pack"), at("k.key"), &e), 0);
    old_signed = slurp(at("d.pack"), &old_signed_len);
    puts_file(at("d"), "new data\n");
    assert_int_equal(sign_pack(at("d"), at("d.pack"), at("k.key"), &e), 0); /* deterministic */
    new_signed = slurp(at("d.pack"), &new_signed_len);
    assert_non_null(old_signed);
    assert_non_null(new_signed);
    assert_int_equal(new_signed_len, 9 + SIGN_TRAILER);
    assert_true(memcmp(old_signed, new_signed, new_signed_len) != 0);
    scenario s = {prepare_sig, attempt_sig, check_sig};
    assert_int_equal(each_fault(&s, FS_WRITE), 1);
    assert_int_equal(each_fault(&s, FS_FSYNC), 2);
    assert_int_equal(each_fault(&s, FS_RENAME), 1);
    assert_int_equal(sign_pack_verify(at("d.pack"), NULL, at("k.pub"), &e), 0);
    free(old_signed), free(new_signed);
}

/* A power cut in a folder that holds links (as / holds bin -> usr/bin) puts back what changed
 * and leaves every link that did not change as it was: never removed and made again, which on
 * a real system folder would pull the ground from under every other process. */
static void test_crash_leaves_links_alone(void **state)
{
    (void)state;
    char base[512], link[600], deep[600], file[600];
    snprintf(base, sizeof base, "%s", at("links"));
    assert_int_equal(mkdir(base, 0700), 0);
    snprintf(link, sizeof link, "%s/bin", base);
    assert_int_equal(symlink("usr/bin", link), 0);
    snprintf(deep, sizeof deep, "%s/new/folder", base);
    snprintf(file, sizeof file, "%s/new/folder/f", base);
    struct stat before, after;
    assert_int_equal(lstat(link, &before), 0);
    for (int n = 1; n <= 8; n++) {
        fs_crash_arm(FS_FSYNC, n, (unsigned)n);
        err e = {{0}};
        if (!fs_mkdirs(deep, &e))
            (void)fs_write_atomic(file, "x", 1, 0600, &e);
        err ea = {{0}};
        if (fs_crash_apply(&ea))
            fail_msg("%s", ea.msg);
        assert_int_equal(lstat(link, &after), 0);
        assert_true(S_ISLNK(after.st_mode));
        /* the same link, not a new one (a new one may get the old inode number back, never
         * the old change time) */
        assert_int_equal(after.st_ino, before.st_ino);
        assert_int_equal(after.st_ctim.tv_sec, before.st_ctim.tv_sec);
        assert_int_equal(after.st_ctim.tv_nsec, before.st_ctim.tv_nsec);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_write_atomic_under_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_atomic_under_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_whole_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prove_writable_ignores_planted_link, setup, teardown),
        cmocka_unit_test_setup_teardown(test_modes_ignore_umask, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mkdirs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_dir_sorted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_leaves_links_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stat_and_exists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pack_build_under_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sign_pack_under_faults, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
