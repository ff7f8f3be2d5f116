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

/* ---- the one door for write, fsync and rename ---------------------------------------- */

static struct {
    fs_op op;
    int nth, errnum, fired;
    int count[FS_NOPS];
} fault;

void fs_fault_set(fs_op op, int nth, int errnum)
{
    memset(&fault, 0, sizeof fault);
    fault.op = op, fault.nth = nth, fault.errnum = errnum;
}

void fs_fault_reset(void) { memset(&fault, 0, sizeof fault); }
int fs_fault_fired(void) { return fault.fired; }
int fs_fault_count(fs_op op) { return op < FS_NOPS ? fault.count[op] : 0; }

int fs_fault_check(fs_op op)
{
    if (op >= FS_NOPS)
        return 0;
    fault.count[op]++;
    if (fault.nth && op == fault.op && fault.count[op] == fault.nth) {
        fault.fired = 1;
        return fault.errnum;
    }
    return 0;
}

static long io(fs_op op, int fd, const void *p, size_t n, const char *from, const char *to)
{
    int er = fs_fault_check(op);
    if (er) {
        errno = er;
        return -1;
    }
    switch (op) {
    case FS_WRITE:
        return write(fd, p, n);
    case FS_FSYNC:
        return fsync(fd);
    case FS_RENAME:
        return rename(from, to);
    default:
        errno = EINVAL;
        return -1;
    }
}

/* ---- helpers ------------------------------------------------------------------------- */

static int write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n) {
        long r = io(FS_WRITE, fd, p, n, NULL, NULL);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r == 0)
                errno = EIO;
            return -1;
        }
        p += r, n -= (size_t)r;
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
    int rc = (int)io(FS_FSYNC, fd, NULL, 0, NULL, NULL);
    int er = errno;
    close(fd);
    errno = er;
    /* a filesystem that cannot sync a directory says EINVAL: there is nothing more to do */
    return rc && errno != EINVAL ? -1 : 0;
}

/* Opens a file to read, refusing what is not a regular file of at most max bytes. */
static int open_source(const char *path, size_t max, size_t *size, err *e)
{
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
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
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
    if (fchmod(fd, (mode_t)mode) || io(FS_FSYNC, fd, NULL, 0, NULL, NULL))
        er = errno;
    if (close(fd) && !er)
        er = errno;
    if (er) {
        unlink(tmp);
        return err_set(e, "%s: cannot write: %s", path, strerror(er));
    }
    if (fs_rename(tmp, path, e)) {
        unlink(tmp); /* gone already when only the directory sync failed */
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
    if (write_all(fd, data, n)) {
        int er = errno;
        close(fd);
        unlink(tmp);
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
        total += (size_t)r;
        if (total > max) {
            bad = from, er = EFBIG;
            break;
        }
        if (write_all(out, chunk, (size_t)r)) {
            bad = to, er = errno;
            break;
        }
    }
    close(in);
    if (bad) {
        close(out);
        unlink(tmp);
        return err_set(e, "%s: cannot %s: %s", bad, bad == from ? "read" : "write", strerror(er));
    }
    return finish(out, tmp, to, mode, e);
}

int fs_temp(const char *path, char *tmp, size_t cap, err *e)
{
    int fd = make_temp(path, tmp, cap, e);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

int fs_commit(const char *tmp, const char *path, int mode, err *e)
{
    int fd = open(tmp, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        int er = errno;
        unlink(tmp);
        return err_set(e, "%s: cannot write: %s", path, strerror(er));
    }
    return finish(fd, tmp, path, mode, e);
}

int fs_rename(const char *from, const char *to, err *e)
{
    if (io(FS_RENAME, -1, NULL, 0, from, to))
        return err_set(e, "%s: cannot write: %s", to, strerror(errno));
    if (fsync_dir_of(to))
        return err_set(e, "%s: written, but its directory cannot be synced: %s", to,
                       strerror(errno));
    return 0;
}

int fs_remove(const char *path, err *e)
{
    if (unlink(path) && errno != ENOENT)
        return err_set(e, "%s: cannot remove: %s", path, strerror(errno));
    return 0;
}

int fs_mkdirs(const char *path, err *e)
{
    char p[PATH_MAX];
    if ((size_t)snprintf(p, sizeof p, "%s", path) >= sizeof p || !*p)
        return err_set(e, "%s: not a usable directory name", path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = 0;
        if (mkdir(p, 0700) && errno != EEXIST)
            return err_set(e, "%s: cannot create %s: %s", path, p, strerror(errno));
        *s = '/';
    }
    if (mkdir(p, 0700) && errno != EEXIST)
        return err_set(e, "%s: cannot create: %s", path, strerror(errno));
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
    int fd = open(p, flags, 0600);
    if (fd < 0 && errno == EEXIST) {
        /* left by a crash, or planted: unlink removes a link itself, never its target */
        unlink(p);
        fd = open(p, flags, 0600);
    }
    if (fd < 0)
        return err_set(e, "%s: not writable: %s", dir, strerror(errno));
    close(fd);
    if (unlink(p))
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
