#include "fs.h"
#include "core/buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the doors: every change the layer makes to the disk ------------------------------
 * Each asks the fault hook (fs_crash.c) first and tells the crash mode's simulated disk what
 * it is about to change; both do nothing unless a test armed them. */

/* a refusal after the simulated machine stopped: EIO, as a dead disk would answer */
#define STOPPED(e, path, what)                                                                \
    (fs_crash_check() ? err_set(e, "%s: cannot %s: %s", path, what, strerror(EIO)) : 0)

static long do_write(int fd, const char *path, long long off, const void *p, size_t n)
{
    int er = fs_fault_check(FS_WRITE);
    if (er) {
        errno = er;
        return -1;
    }
    fs_crash_write(path, off, p, n);
    return write(fd, p, n);
}

/* fsyncs fd, the file at path (dir 0) or the directory holding path (dir 1) */
static int do_fsync(int fd, const char *path, int dir)
{
    int er = fs_fault_check(FS_FSYNC);
    if (er) {
        errno = er;
        return -1;
    }
    if (fsync(fd))
        return -1;
    if (dir)
        fs_crash_dir_synced(path);
    else
        fs_crash_synced(path);
    return 0;
}

static int do_rename(const char *from, const char *to)
{
    int er = fs_fault_check(FS_RENAME);
    if (er) {
        errno = er;
        return -1;
    }
    fs_crash_renaming(from, to);
    return rename(from, to);
}

static int do_unlink(const char *path)
{
    if (fs_crash_check()) {
        errno = EIO;
        return -1;
    }
    fs_crash_removing(path);
    return unlink(path);
}

/* opens path, creating it (O_CREAT in flags) */
static int do_create(const char *path, int flags, int mode)
{
    if (fs_crash_check()) {
        errno = EIO;
        return -1;
    }
    fs_crash_creating(path);
    return open(path, flags, mode);
}

static int do_mkdir(const char *path)
{
    if (fs_crash_check()) {
        errno = EIO;
        return -1;
    }
    fs_crash_creating(path);
    return mkdir(path, 0700);
}

/* ---- helpers ------------------------------------------------------------------------- */

/* writes n bytes at data to fd, which holds the file at path, from offset off on */
static int write_all(int fd, const char *path, long long off, const void *data, size_t n)
{
    const char *p = data;
    while (n) {
        long r = do_write(fd, path, off, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r == 0)
                errno = EIO;
            return -1;
        }
        p += r, n -= (size_t)r, off += r;
    }
    return 0;
}

static int fsync_dir_of(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        slash[slash == dir] = 0; /* keep "/" for a file at the root */
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = do_fsync(fd, path, 1);
    int er = errno;
    close(fd);
    errno = er;
    /* a filesystem that cannot sync a directory says EINVAL: there is nothing more to do */
    return rc && errno != EINVAL ? -1 : 0;
}

/* Opens a file to read, refusing what is not a regular file of at most max bytes. */
static int open_source(const char *path, size_t max, size_t *size, err *e)
{
    if (STOPPED(e, path, "read"))
        return -1;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ELOOP)
        return err_set(e, "%s: a symbolic link: not following it", path);
    if (fd < 0)
        return err_set(e, "%s: cannot read: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st)) {
        close(fd);
        return err_set(e, "%s: cannot read: %s", path, strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return err_set(e, "%s: not a regular file (%s)", path,
                       S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "special");
    }
    if ((unsigned long long)st.st_size > max) {
        close(fd);
        return err_set(e, "%s: %lld bytes is over the %zu byte limit", path,
                       (long long)st.st_size, max);
    }
    *size = (size_t)st.st_size;
    return fd;
}

/* Creates a new temp file beside path; never opens an existing name or follows a link. */
static int make_temp(const char *path, char *tmp, size_t cap, err *e)
{
    static unsigned seq;
    for (int tries = 0; tries < 100; tries++) {
        if ((size_t)snprintf(tmp, cap, "%s.tmp-%ld-%u", path, (long)getpid(), seq++) >= cap)
            return err_set(e, "%s: path too long", path);
        int fd = do_create(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST)
            return err_set(e, "%s: cannot write: %s", path, strerror(errno));
    }
    return err_set(e, "%s: cannot write: no free temp file name", path);
}

/* Gives the filled temp file its mode, syncs it, closes it and renames it over path. */
static int finish(int fd, const char *tmp, const char *path, int mode, err *e)
{
    int er = 0;
    if (fchmod(fd, (mode_t)mode) || do_fsync(fd, tmp, 0))
        er = errno;
    if (close(fd) && !er)
        er = errno;
    if (er) {
        do_unlink(tmp);
        return err_set(e, "%s: cannot write: %s", path, strerror(er));
    }
    if (fs_rename(tmp, path, e)) {
        do_unlink(tmp); /* gone already when only the directory sync failed */
        return -1;
    }
    return 0;
}

/* ---- the promises -------------------------------------------------------------------- */

unsigned char *fs_read_all(const char *path, size_t max, size_t *len, err *e)
{
    size_t size;
    int fd = open_source(path, max, &size, e);
    if (fd < 0)
        return NULL;
    /* one byte more than fstat said, to notice a file that grows while it is read */
    unsigned char *p = xmalloc(size + 2);
    size_t got = 0;
    while (got < size + 1) {
        ssize_t r = read(fd, p + got, size + 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int er = errno;
            close(fd);
            free(p);
            return err_set(e, "%s: cannot read: %s", path, strerror(er)), NULL;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got > size) {
        free(p);
        return err_set(e, "%s: the file changed while it was read", path), NULL;
    }
    p[got] = 0;
    *len = got;
    return p;
}

int fs_read_tail(const char *path, size_t max, void *out, size_t n, size_t *size, err *e)
{
    int fd = open_source(path, max, size, e);
    if (fd < 0)
        return -1;
    ssize_t r = *size >= n ? pread(fd, out, n, (off_t)(*size - n)) : 0;
    int er = errno;
    close(fd);
    if (*size < n || r != (ssize_t)n)
        return err_set(e, "%s: cannot read its last %zu bytes: %s", path, n,
                       *size < n ? "the file is shorter" : strerror(er));
    return 0;
}

int fs_write_atomic(const char *path, const void *data, size_t n, int mode, err *e)
{
    char tmp[PATH_MAX];
    int fd = make_temp(path, tmp, sizeof tmp, e);
    if (fd < 0)
        return -1;
    if (write_all(fd, tmp, 0, data, n)) {
        int er = errno;
        close(fd);
        do_unlink(tmp);
        return err_set(e, "%s: cannot write: %s", path, strerror(er));
    }
    return finish(fd, tmp, path, mode, e);
}

int fs_copy_atomic(const char *from, const char *to, size_t max, int mode, err *e)
{
    size_t size, total = 0;
    int in = open_source(from, max, &size, e);
    if (in < 0)
        return -1;
    char tmp[PATH_MAX];
    int out = make_temp(to, tmp, sizeof tmp, e);
    if (out < 0) {
        close(in);
        return -1;
    }
    char chunk[65536];
    const char *bad = NULL;
    int er = 0;
    for (;;) {
        ssize_t r = read(in, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            bad = from, er = errno;
            break;
        }
        if (r == 0)
            break;
        if (total + (size_t)r > max) {
            bad = from, er = EFBIG;
            break;
        }
        if (write_all(out, tmp, (long long)total, chunk, (size_t)r)) {
            bad = to, er = errno;
            break;
        }
        total += (size_t)r;
    }
    close(in);
    if (bad) {
        close(out);
        do_unlink(tmp);
        return err_set(e, "%s: cannot %s: %s", bad, bad == from ? "read" : "write", strerror(er));
    }
    return finish(out, tmp, to, mode, e);
}

int fs_temp(const char *path, char *tmp, size_t cap, err *e)
{
    if (STOPPED(e, path, "write"))
        return -1;
    int fd = make_temp(path, tmp, cap, e);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

int fs_commit(const char *tmp, const char *path, int mode, err *e)
{
    int fd = fs_crash_check() ? (errno = EIO, -1) : open(tmp, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        int er = errno;
        do_unlink(tmp);
        return err_set(e, "%s: cannot write: %s", path, strerror(er));
    }
    return finish(fd, tmp, path, mode, e);
}

int fs_rename(const char *from, const char *to, err *e)
{
    if (do_rename(from, to))
        return err_set(e, "%s: cannot write: %s", to, strerror(errno));
    if (fsync_dir_of(to))
        return err_set(e, "%s: written, but its directory cannot be synced: %s", to,
                       strerror(errno));
    return 0;
}

int fs_remove(const char *path, err *e)
{
    if (do_unlink(path) && errno != ENOENT)
        return err_set(e, "%s: cannot remove: %s", path, strerror(errno));
    return 0;
}

int fs_mkdirs(const char *path, err *e)
{
    if (STOPPED(e, path, "create"))
        return -1;
    char p[PATH_MAX];
    if ((size_t)snprintf(p, sizeof p, "%s", path) >= sizeof p || !*p)
        return err_set(e, "%s: not a usable directory name", path);
    /* a new folder's name is durable only once its parent is synced: without that a power cut
     * could take the folder, and every file synced into it, away */
    for (char *s = p + 1;; s++) {
        if (*s && *s != '/')
            continue;
        char c = *s;
        *s = 0;
        if (do_mkdir(p) == 0) {
            if (fsync_dir_of(p))
                return err_set(e, "%s: cannot sync the folder holding %s: %s", path, p,
                               strerror(errno));
        } else if (errno != EEXIST) {
            return err_set(e, "%s: cannot create %s: %s", path, p, strerror(errno));
        }
        if (!(*s = c))
            break;
    }
    struct stat st;
    if (stat(p, &st) || !S_ISDIR(st.st_mode))
        return err_set(e, "%s: not a directory", path);
    return 0;
}

int fs_prove_writable(const char *dir, err *e)
{
    char p[PATH_MAX];
    if ((size_t)snprintf(p, sizeof p, "%s/.write-test", dir) >= sizeof p)
        return err_set(e, "%s: path too long", dir);
    int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    int fd = do_create(p, flags, 0600);
    if (fd < 0 && errno == EEXIST) {
        /* left by a crash, or planted: unlink removes a link itself, never its target */
        do_unlink(p);
        fd = do_create(p, flags, 0600);
    }
    if (fd < 0)
        return err_set(e, "%s: not writable: %s", dir, strerror(errno));
    close(fd);
    if (do_unlink(p))
        return err_set(e, "%s: cannot remove %s: %s", dir, p, strerror(errno));
    return 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int fs_list_dir(const char *path, char ***names, int *n, err *e)
{
    *names = NULL, *n = 0;
    if (STOPPED(e, path, "list"))
        return -1;
    DIR *d = opendir(path);
    if (!d)
        return err_set(e, "%s: cannot list: %s", path, strerror(errno));
    char **v = NULL;
    int cap = 0, count = 0;
    struct dirent *de;
    for (errno = 0; (de = readdir(d)); errno = 0) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 32;
            v = xrealloc(v, (size_t)cap * sizeof *v);
        }
        v[count++] = xstrdup(de->d_name);
    }
    int er = errno;
    closedir(d);
    if (er) {
        fs_list_free(v, count);
        return err_set(e, "%s: cannot list: %s", path, strerror(er));
    }
    if (count > 1)
        qsort(v, (size_t)count, sizeof *v, cmp_name);
    *names = v, *n = count;
    return 0;
}

static int info_of(const char *path, int follow, fs_info *out, err *e)
{
    *out = (fs_info){FS_NONE, 0, 0};
    if (STOPPED(e, path, "examine"))
        return -1;
    struct stat st;
    if (follow ? stat(path, &st) : lstat(path, &st)) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        return err_set(e, "%s: cannot examine: %s", path, strerror(errno));
    }
    out->kind = S_ISREG(st.st_mode) ? FS_FILE : S_ISDIR(st.st_mode) ? FS_DIR
              : S_ISLNK(st.st_mode) ? FS_LINK : FS_OTHER;
    out->size = (long long)st.st_size;
    out->mode = (int)(st.st_mode & 0777);
    return 0;
}

int fs_stat(const char *path, fs_info *out, err *e) { return info_of(path, 1, out, e); }
int fs_lstat(const char *path, fs_info *out, err *e) { return info_of(path, 0, out, e); }

int fs_exists(const char *path)
{
    fs_info in;
    return fs_lstat(path, &in, NULL) == 0 && in.kind != FS_NONE;
}

int fs_readlink(const char *path, char *out, size_t cap, err *e)
{
    if (STOPPED(e, path, "read the link"))
        return -1;
    ssize_t n = cap ? readlink(path, out, cap) : -1;
    if (n < 0)
        return err_set(e, "%s: cannot read the link: %s", path, strerror(errno));
    if ((size_t)n >= cap)
        return err_set(e, "%s: the link's target is over %zu bytes", path, cap - 1);
    out[n] = 0;
    return 0;
}

FILE *fs_open_read(const char *path, err *e)
{
    if (STOPPED(e, path, "read"))
        return NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return err_set(e, "%s: cannot read: %s", path, strerror(errno)), NULL;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return err_set(e, "%s: cannot read: a directory", path), NULL;
    }
    FILE *fp = fdopen(fd, "r");
    if (!fp) {
        int er = errno;
        close(fd);
        return err_set(e, "%s: cannot read: %s", path, strerror(er)), NULL;
    }
    return fp;
}

void fs_drop_cache(const char *path)
{
    if (fs_crash_check())
        return;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        close(fd);
    }
}

void fs_list_free(char **names, int n)
{
    for (int k = 0; k < n; k++)
        free(names[k]);
    free(names);
}
