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
#include <sys/statvfs.h>
#include <unistd.h>

/* ---- the doors: every change the layer makes to the disk ------------------------------
 * Each asks the fault hook (fs_crash.c) first and tells the crash mode's simulated disk what
 * it is about to change; both do nothing unless a test armed them. */

/* a refusal after the simulated machine stopped: EIO, as a dead disk would answer */
#define STOPPED(e, path, what)                                                                \
    (fs_crash_check() ? err_set(e, "%s: cannot %s: %s", path, what, strerror(EIO)) : 0)

/* bytes written through the layer since the process started: what a test measures to show
 * that a stick's junk was never copied */
static long long written_bytes;

static long do_write(int fd, const char *path, long long off, const void *p, size_t n)
{
    int er = fs_fault_check(FS_WRITE);
    if (er) {
        errno = er;
        return -1;
    }
    fs_crash_write(path, off, p, n);
    long r = write(fd, p, n);
    if (r > 0)
        written_bytes += r;
    return r;
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

/* Each door names a file twice: as the system call reaches it (a name in the directory dfd,
 * or AT_FDCWD and a path) and by its whole path, which the crash mode keeps. */
static int do_rename_at(int dfd, const char *from, const char *from_path, const char *to,
                        const char *to_path)
{
    int er = fs_fault_check(FS_RENAME);
    if (er) {
        errno = er;
        return -1;
    }
    fs_crash_renaming(from_path, to_path);
    return renameat(dfd, from, dfd, to);
}

static int do_unlink_at(int dfd, const char *name, const char *path)
{
    if (fs_crash_check()) {
        errno = EIO;
        return -1;
    }
    fs_crash_removing(path);
    return unlinkat(dfd, name, 0);
}

static int do_unlink(const char *path) { return do_unlink_at(AT_FDCWD, path, path); }

/* opens name in dfd, creating it (O_CREAT in flags) */
static int do_create_at(int dfd, const char *name, const char *path, int flags, int mode)
{
    if (fs_crash_check()) {
        errno = EIO;
        return -1;
    }
    fs_crash_creating(path);
    return openat(dfd, name, flags, mode);
}

static int do_create(const char *path, int flags, int mode)
{
    return do_create_at(AT_FDCWD, path, path, flags, mode);
}

static int do_mkdir_at(int dfd, const char *name, const char *path)
{
    if (fs_crash_check()) {
        errno = EIO;
        return -1;
    }
    fs_crash_creating(path);
    return mkdirat(dfd, name, 0700);
}

static int do_mkdir(const char *path) { return do_mkdir_at(AT_FDCWD, path, path); }

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

/* Opens name in the directory dfd (path: the same file by its whole path, for messages) to
 * read, refusing what is not a regular file of at most max bytes. */
static int open_source_at(int dfd, const char *name, const char *path, size_t max, size_t *size,
                          err *e)
{
    if (STOPPED(e, path, "read"))
        return -1;
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
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

static int open_source(const char *path, size_t max, size_t *size, err *e)
{
    return open_source_at(AT_FDCWD, path, path, max, size, e);
}

/* Where a file is: a name in the directory dfd, and its whole path (what messages and the
 * crash mode use). A plain path is AT_FDCWD and the path twice. */
typedef struct place {
    int dfd;
    const char *name, *path;
} place;

#define AT_PATH(p) ((place){AT_FDCWD, (p), (p)})

/* Creates a new temp file beside at; never opens an existing name or follows a link. Its
 * name in at's directory goes to tname, its whole path to tpath. */
static int make_temp(place at, char *tname, size_t tcap, char *tpath, size_t pcap, err *e)
{
    static unsigned seq;
    for (int tries = 0; tries < 100; tries++) {
        unsigned s = seq++;
        if ((size_t)snprintf(tname, tcap, "%s.tmp-%ld-%u", at.name, (long)getpid(), s) >= tcap ||
            (size_t)snprintf(tpath, pcap, "%s.tmp-%ld-%u", at.path, (long)getpid(), s) >= pcap)
            return err_set(e, "%s: path too long", at.path);
        int fd = do_create_at(at.dfd, tname, tpath,
                              O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST)
            return err_set(e, "%s: cannot write: %s", at.path, strerror(errno));
    }
    return err_set(e, "%s: cannot write: no free temp file name", at.path);
}

/* fsyncs the directory holding the file at p */
static int sync_dir_of(place p)
{
    if (p.dfd == AT_FDCWD)
        return fsync_dir_of(p.path);
    int rc = do_fsync(p.dfd, p.path, 1);
    return rc && errno != EINVAL ? -1 : 0;
}

static int rename_place(place from, place to, err *e)
{
    if (do_rename_at(to.dfd, from.name, from.path, to.name, to.path))
        return err_set(e, "%s: cannot write: %s", to.path, strerror(errno));
    if (sync_dir_of(to))
        return err_set(e, "%s: written, but its directory cannot be synced: %s", to.path,
                       strerror(errno));
    return 0;
}

/* Refuses to replace what is at p unless it is a regular file (or nothing): a rename over a
 * device node, FIFO or folder would put a file where the system keeps something else. */
static int only_regular(place p, err *e)
{
    struct stat st;
    if (fstatat(p.dfd, p.name, &st, AT_SYMLINK_NOFOLLOW)) {
        if (errno == ENOENT)
            return 0;
        return err_set(e, "%s: cannot examine: %s", p.path, strerror(errno));
    }
    if (!S_ISREG(st.st_mode))
        return err_set(e, "%s: not a regular file (%s): not replacing it", p.path,
                       S_ISLNK(st.st_mode) ? "a symbolic link" : S_ISDIR(st.st_mode) ? "a folder"
                       : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "special");
    return 0;
}

/* Gives the filled temp file its mode, syncs it, closes it and renames it over to (when
 * regular, only over a regular file or nothing). */
static int finish(int fd, place tmp, place to, int mode, int regular, err *e)
{
    int er = 0;
    if (fchmod(fd, (mode_t)mode) || do_fsync(fd, tmp.path, 0))
        er = errno;
    if (close(fd) && !er)
        er = errno;
    if (er) {
        do_unlink_at(tmp.dfd, tmp.name, tmp.path);
        return err_set(e, "%s: cannot write: %s", to.path, strerror(er));
    }
    if ((regular && only_regular(to, e)) || rename_place(tmp, to, e)) {
        do_unlink_at(tmp.dfd, tmp.name, tmp.path); /* gone already when only the directory
                                                      sync failed */
        return -1;
    }
    return 0;
}

static int write_place(place at, const void *data, size_t n, int mode, int regular, err *e)
{
    if (regular && only_regular(at, e))
        return -1;
    char tname[PATH_MAX], tpath[PATH_MAX];
    int fd = make_temp(at, tname, sizeof tname, tpath, sizeof tpath, e);
    if (fd < 0)
        return -1;
    place tmp = {at.dfd, tname, tpath};
    if (write_all(fd, tpath, 0, data, n)) {
        int er = errno;
        close(fd);
        do_unlink_at(at.dfd, tname, tpath);
        return err_set(e, "%s: cannot write: %s", at.path, strerror(er));
    }
    return finish(fd, tmp, at, mode, regular, e);
}

/* Copies what the open file in holds (from its start, at most max bytes; from names it) to
 * a new file at to. */
static int copy_from(int in, const char *from, place to, size_t max, int mode, err *e)
{
    char tname[PATH_MAX], tpath[PATH_MAX];
    int out = make_temp(to, tname, sizeof tname, tpath, sizeof tpath, e);
    if (out < 0)
        return -1;
    char chunk[65536];
    const char *bad = NULL;
    int er = 0;
    size_t total = 0;
    for (;;) {
        ssize_t r = pread(in, chunk, sizeof chunk, (off_t)total);
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
        if (write_all(out, tpath, (long long)total, chunk, (size_t)r)) {
            bad = to.path, er = errno;
            break;
        }
        total += (size_t)r;
    }
    if (bad) {
        close(out);
        do_unlink_at(to.dfd, tname, tpath);
        return err_set(e, "%s: cannot %s: %s", bad, bad == from ? "read" : "write", strerror(er));
    }
    return finish(out, (place){to.dfd, tname, tpath}, to, mode, 0, e);
}

/* ---- the promises -------------------------------------------------------------------- */

/* Reads the size bytes of the open regular file fd (closed here) whole. */
static unsigned char *read_fd(int fd, const char *path, size_t size, size_t *len, err *e)
{
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

unsigned char *fs_read_all(const char *path, size_t max, size_t *len, err *e)
{
    size_t size;
    int fd = open_source(path, max, &size, e);
    return fd < 0 ? NULL : read_fd(fd, path, size, len, e);
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
    return write_place(AT_PATH(path), data, n, mode, 0, e);
}

int fs_write_regular(const char *path, const void *data, size_t n, int mode, err *e)
{
    return write_place(AT_PATH(path), data, n, mode, 1, e);
}

int fs_copy_atomic(const char *from, const char *to, size_t max, int mode, err *e)
{
    size_t size;
    int in = open_source(from, max, &size, e);
    if (in < 0)
        return -1;
    int rc = copy_from(in, from, AT_PATH(to), max, mode, e);
    close(in);
    return rc;
}

int fs_copy_fd_atomic(int in, const char *from, const char *to, size_t max, int mode, err *e)
{
    return copy_from(in, from, AT_PATH(to), max, mode, e);
}

int fs_open_file(const char *path, size_t max, size_t *size, err *e)
{
    return open_source(path, max, size, e);
}

int fs_temp(const char *path, char *tmp, size_t cap, err *e)
{
    if (STOPPED(e, path, "write"))
        return -1;
    char tname[PATH_MAX];
    int fd = make_temp(AT_PATH(path), tname, sizeof tname, tmp, cap, e);
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
    return finish(fd, AT_PATH(tmp), AT_PATH(path), mode, 0, e);
}

int fs_rename(const char *from, const char *to, err *e)
{
    return rename_place(AT_PATH(from), AT_PATH(to), e);
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
        struct stat have;
        /* a folder that is there is left alone: no mkdir on it (nor on / and the system's
         * folders above the one wanted), so the crash mode never counts it as changed */
        if (!stat(p, &have) && S_ISDIR(have.st_mode)) {
        } else if (do_mkdir(p) == 0) {
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

/* The names in the open directory d (closed here), sorted; path names it in messages. */
static int list_from(DIR *d, const char *path, char ***names, int *n, err *e)
{
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

int fs_list_dir(const char *path, char ***names, int *n, err *e)
{
    *names = NULL, *n = 0;
    if (STOPPED(e, path, "list"))
        return -1;
    DIR *d = opendir(path);
    if (!d)
        return err_set(e, "%s: cannot list: %s", path, strerror(errno));
    return list_from(d, path, names, n, e);
}

static void info_from(const struct stat *st, fs_info *out)
{
    out->size = (long long)st->st_size;
    out->mode = (int)(st->st_mode & 0777);
    out->dev = (unsigned long long)st->st_dev, out->ino = (unsigned long long)st->st_ino;
    out->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
    out->ctime_ns = (long long)st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec;
}

static int info_of(const char *path, int follow, fs_info *out, err *e)
{
    *out = (fs_info){.kind = FS_NONE};
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
    info_from(&st, out);
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

long long fs_bytes_written(void) { return written_bytes; }

/* ---- folders opened beneath a root ----------------------------------------------------- */

struct fs_dir {
    int fd;
    char path[PATH_MAX];
};

fs_dir *fs_dir_open(const char *path, err *e)
{
    if (STOPPED(e, path, "open"))
        return NULL;
    fs_dir *d = xcalloc(1, sizeof *d);
    if ((size_t)snprintf(d->path, sizeof d->path, "%s", path) >= sizeof d->path) {
        free(d);
        return err_set(e, "%s: path too long", path), NULL;
    }
    d->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d->fd < 0) {
        err_set(e, "%s: cannot open the folder: %s", path, strerror(errno));
        free(d);
        return NULL;
    }
    return d;
}

void fs_dir_close(fs_dir *d)
{
    if (!d)
        return;
    close(d->fd);
    free(d);
}

const char *fs_dir_path(const fs_dir *d) { return d->path; }

/* A name for one entry of a folder: not empty, ".", ".." or holding a '/'. */
static int plain_name(const char *name)
{
    return *name && strcmp(name, ".") && strcmp(name, "..") && !strchr(name, '/');
}

/* The whole path of name in d into out; -1 with a message when it does not fit or is not a
 * plain name. */
static int path_in(const fs_dir *d, const char *name, char *out, size_t cap, err *e)
{
    if (!plain_name(name))
        return err_set(e, "%s: \"%s\" is not a name of a file in it", d->path, name);
    if ((size_t)snprintf(out, cap, "%s/%s", d->path, name) >= cap)
        return err_set(e, "%s: path too long", d->path);
    return 0;
}

int fs_dir_sub(const fs_dir *d, const char *rel, int create, fs_dir **out, err *e)
{
    *out = NULL;
    char parts[PATH_MAX];
    if ((size_t)snprintf(parts, sizeof parts, "%s", rel) >= sizeof parts)
        return err_set(e, "%s/%s: path too long", d->path, rel);
    fs_dir *cur = xcalloc(1, sizeof *cur);
    snprintf(cur->path, sizeof cur->path, "%s", d->path);
    cur->fd = fcntl(d->fd, F_DUPFD_CLOEXEC, 0);
    if (cur->fd < 0) {
        free(cur);
        return err_set(e, "%s: cannot open the folder: %s", d->path, strerror(errno));
    }
    int rc = -1;
    char *save = NULL;
    for (char *c = strtok_r(parts, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        char p[PATH_MAX];
        if (path_in(cur, c, p, sizeof p, e))
            goto done;
        if (STOPPED(e, p, "open"))
            goto done;
        /* one component at a time, never following a link: a folder on a stick that is a
         * link could point anywhere on the kiosk */
        int fd = openat(cur->fd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT && create) {
            if (do_mkdir_at(cur->fd, c, p) && errno != EEXIST) {
                err_set(e, "%s: cannot create: %s", p, strerror(errno));
                goto done;
            }
            /* the new folder's name is durable only once its parent is synced */
            if (do_fsync(cur->fd, p, 1) && errno != EINVAL) {
                err_set(e, "%s: cannot sync the folder holding it: %s", p, strerror(errno));
                goto done;
            }
            fd = openat(cur->fd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (fd < 0) {
            int er = errno;
            struct stat st;
            if (fstatat(cur->fd, c, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
                err_set(e, "%s: a symbolic link: not following it", p);
                rc = FS_LINKED;
            } else if (er == ENOENT) {
                err_set(e, "%s: not found", p);
                rc = FS_ABSENT;
            } else {
                err_set(e, "%s: cannot open the folder: %s", p,
                        er == ENOTDIR ? "not a folder" : strerror(er));
            }
            goto done;
        }
        close(cur->fd);
        cur->fd = fd;
        snprintf(cur->path, sizeof cur->path, "%s", p);
    }
    *out = cur, cur = NULL;
    rc = 0;
done:
    fs_dir_close(cur);
    return rc;
}

int fs_dir_list(const fs_dir *d, char ***names, int *n, err *e)
{
    *names = NULL, *n = 0;
    if (STOPPED(e, d->path, "list"))
        return -1;
    int fd = openat(d->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dir) {
        int er = errno;
        if (fd >= 0)
            close(fd);
        return err_set(e, "%s: cannot list: %s", d->path, strerror(er));
    }
    return list_from(dir, d->path, names, n, e);
}

int fs_dir_info(const fs_dir *d, const char *name, fs_info *out, err *e)
{
    *out = (fs_info){.kind = FS_NONE};
    char p[PATH_MAX];
    if (path_in(d, name, p, sizeof p, e) || STOPPED(e, p, "examine"))
        return -1;
    struct stat st;
    if (fstatat(d->fd, name, &st, AT_SYMLINK_NOFOLLOW)) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        return err_set(e, "%s: cannot examine: %s", p, strerror(errno));
    }
    out->kind = S_ISREG(st.st_mode) ? FS_FILE : S_ISDIR(st.st_mode) ? FS_DIR
              : S_ISLNK(st.st_mode) ? FS_LINK : FS_OTHER;
    info_from(&st, out);
    return 0;
}

int fs_dir_open_file(const fs_dir *d, const char *name, size_t max, size_t *size, err *e)
{
    char p[PATH_MAX];
    if (path_in(d, name, p, sizeof p, e))
        return -1;
    return open_source_at(d->fd, name, p, max, size, e);
}

unsigned char *fs_dir_read_all(const fs_dir *d, const char *name, size_t max, size_t *len,
                               err *e)
{
    char p[PATH_MAX];
    size_t size;
    if (path_in(d, name, p, sizeof p, e))
        return NULL;
    int fd = open_source_at(d->fd, name, p, max, &size, e);
    return fd < 0 ? NULL : read_fd(fd, p, size, len, e);
}

int fs_dir_write_atomic(const fs_dir *d, const char *name, const void *data, size_t n, int mode,
                        err *e)
{
    char p[PATH_MAX];
    if (path_in(d, name, p, sizeof p, e))
        return -1;
    return write_place((place){d->fd, name, p}, data, n, mode, 0, e);
}

int fs_dir_remove(const fs_dir *d, const char *name, err *e)
{
    char p[PATH_MAX];
    if (path_in(d, name, p, sizeof p, e))
        return -1;
    if (do_unlink_at(d->fd, name, p) && errno != ENOENT)
        return err_set(e, "%s: cannot remove: %s", p, strerror(errno));
    return 0;
}

void fs_dir_drop_cache(const fs_dir *d, const char *name)
{
    if (fs_crash_check() || !plain_name(name))
        return;
    int fd = openat(d->fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) {
        posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        close(fd);
    }
}

int fs_devnull(void) { return open("/dev/null", O_WRONLY | O_CLOEXEC); }

int fs_free_space(const char *path, unsigned long long *bytes, err *e)
{
    struct statvfs st;
    if (statvfs(path, &st))
        return err_set(e, "%s: %s", path, strerror(errno));
    *bytes = (unsigned long long)st.f_bavail * st.f_frsize;
    return 0;
}
