/* fs_crash: the test half of app/fs: the fault hook and the simulated disk of the crash mode
 * (see fs.h). Nothing here runs unless a test arms it: every hook returns at once when the
 * crash mode is off. */
#include "fs.h"
#include "core/buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the fault hook ------------------------------------------------------------------ */

static struct {
    fs_op op;
    int nth, errnum, fired;
    int count[FS_NOPS];
} fault;

/* ---- the simulated disk -------------------------------------------------------------- */

/* A power cut tears a write at this granularity: each sector lands whole, or not, or as
 * zeros (what a drive that lost power mid-write commonly leaves). */
#define SECTOR 512

/* One write or truncation not yet made durable by an fsync of its file. */
typedef struct pending {
    int truncate;
    long long off; /* a write's offset, or the size truncated to */
    size_t n;
    unsigned char *data;
} pending;

/* A file (an inode) seen since arming. Untouched files are only names in a directory's
 * listing: their bytes are on the real disk, unchanged. A touched one has its durable bytes
 * here (read before its first change, folded forward at each fsync) and its later changes. */
typedef struct sim_file {
    dev_t dev;
    ino_t ino;
    int live;    /* still the file behind that inode number (not removed, renamed over) */
    int touched; /* durable holds its bytes */
    unsigned char *durable;
    size_t dlen;
    pending *p;
    int np, pcap;
    int mode;
    char *path;  /* where it was last seen: a file written in a folder where no name changed
                    is put back there */
    int placed;  /* fs_crash_apply wrote it back */
} sim_file;

typedef struct sim_entry {
    char *name;
    fs_kind kind;
    int file;   /* index into sim.f for a file */
    char *link; /* a link's target */
} sim_entry;

/* A directory where a name was created, renamed or removed: its names as of its last fsync
 * (or of arming). */
typedef struct sim_dir {
    dev_t dev;
    ino_t ino;
    char *path;
    sim_entry *e;
    int n;
    /* names the simulated machine created or renamed into it: only these can be undone
     * (the real folder may be shared, like /tmp, with other processes at work) */
    char **made;
    int nmade;
} sim_dir;

static struct {
    int on, stopped;
    unsigned seed;
    sim_file *f;
    int nf;
    sim_dir *d;
    int nd;
} sim;

static void sim_free(void)
{
    for (int k = 0; k < sim.nf; k++) {
        sim_file *f = &sim.f[k];
        for (int j = 0; j < f->np; j++)
            free(f->p[j].data);
        free(f->p), free(f->durable), free(f->path);
    }
    for (int k = 0; k < sim.nd; k++) {
        for (int j = 0; j < sim.d[k].n; j++)
            free(sim.d[k].e[j].name), free(sim.d[k].e[j].link);
        for (int j = 0; j < sim.d[k].nmade; j++)
            free(sim.d[k].made[j]);
        free(sim.d[k].e), free(sim.d[k].path), free(sim.d[k].made);
    }
    free(sim.f), free(sim.d);
    memset(&sim, 0, sizeof sim);
}

void fs_fault_set(fs_op op, int nth, int errnum)
{
    fs_fault_reset();
    fault.op = op, fault.nth = nth, fault.errnum = errnum;
}

void fs_fault_reset(void)
{
    memset(&fault, 0, sizeof fault);
    sim_free();
}

int fs_fault_fired(void) { return fault.fired; }

int fs_fault_check(fs_op op)
{
    if (sim.stopped)
        return EIO;
    if (op >= FS_NOPS)
        return 0;
    fault.count[op]++;
    if (fault.nth && op == fault.op && fault.count[op] == fault.nth) {
        fault.fired = 1;
        sim.stopped = sim.on;
        return fault.errnum;
    }
    return 0;
}

void fs_crash_arm(fs_op op, int nth, unsigned seed)
{
    fs_fault_set(op, nth, EIO);
    sim.on = 1;
    sim.seed = seed;
}

int fs_crash_stopped(void) { return sim.stopped; }
int fs_crash_check(void) { return sim.stopped ? EIO : 0; }

/* The directory holding path, as fs.c's directory sync finds it. */
static void dir_of(const char *path, char *dir, size_t cap)
{
    snprintf(dir, cap, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, cap, ".");
    else
        slash[slash == dir] = 0;
}

static int read_whole(const char *path, unsigned char **out, size_t *len)
{
    *out = NULL, *len = 0;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    buf b;
    buf_init(&b);
    char chunk[65536];
    ssize_t r;
    while ((r = read(fd, chunk, sizeof chunk)) > 0 || (r < 0 && errno == EINTR))
        if (r > 0)
            buf_add(&b, chunk, (size_t)r);
    close(fd);
    *len = b.len;
    *out = (unsigned char *)buf_take(&b);
    return r < 0 ? -1 : 0;
}

/* The live record of the regular file at path, made (untouched) when create says so. */
static sim_file *file_at(const char *path, int create)
{
    struct stat st;
    if (lstat(path, &st) || !S_ISREG(st.st_mode))
        return NULL;
    for (int k = sim.nf - 1; k >= 0; k--)
        if (sim.f[k].live && sim.f[k].dev == st.st_dev && sim.f[k].ino == st.st_ino)
            return &sim.f[k];
    if (!create)
        return NULL;
    sim.f = xrealloc(sim.f, (size_t)(sim.nf + 1) * sizeof *sim.f);
    sim_file *f = &sim.f[sim.nf++];
    *f = (sim_file){.dev = st.st_dev, .ino = st.st_ino, .live = 1,
                    .mode = (int)(st.st_mode & 0777), .path = xstrdup(path)};
    return f;
}

/* Before a file's first change: what it holds now is what the disk holds durably. */
static void capture(sim_file *f, const char *path)
{
    if (f->touched)
        return;
    read_whole(path, &f->durable, &f->dlen);
    f->touched = 1;
}

/* The names in dir, unsorted; the simulated disk reads the real one whether stopped or not. */
static int list_names(const char *dir, char ***names, int *n)
{
    *names = NULL, *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        *names = xrealloc(*names, (size_t)(*n + 1) * sizeof **names);
        (*names)[(*n)++] = xstrdup(de->d_name);
    }
    closedir(d);
    return 0;
}

static void list_into(sim_dir *d)
{
    for (int j = 0; j < d->n; j++)
        free(d->e[j].name), free(d->e[j].link);
    free(d->e);
    d->e = NULL, d->n = 0;
    char **names;
    int n;
    if (list_names(d->path, &names, &n))
        return;
    d->e = xcalloc((size_t)n + 1, sizeof *d->e);
    for (int k = 0; k < n; k++) {
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", d->path, names[k]);
        struct stat st;
        if (lstat(p, &st))
            continue;
        sim_entry *e = &d->e[d->n];
        *e = (sim_entry){.name = xstrdup(names[k]), .kind = FS_OTHER, .file = -1};
        if (S_ISREG(st.st_mode)) {
            e->kind = FS_FILE;
            /* the index, not the pointer: file_at may move the array */
            e->file = (int)(file_at(p, 1) - sim.f);
        } else if (S_ISDIR(st.st_mode)) {
            e->kind = FS_DIR;
        } else if (S_ISLNK(st.st_mode)) {
            char t[PATH_MAX];
            ssize_t r = readlink(p, t, sizeof t - 1);
            e->kind = FS_LINK;
            e->link = xstrdup(r > 0 ? (t[r] = 0, t) : "");
        }
        d->n++;
    }
    fs_list_free(names, n);
}

static sim_dir *dir_find(const char *dir, int create)
{
    struct stat st;
    /* the root is never a test's folder: nothing there is ever put back or taken away */
    if (!strcmp(dir, "/") || stat(dir, &st) || !S_ISDIR(st.st_mode))
        return NULL;
    for (int k = 0; k < sim.nd; k++)
        if (sim.d[k].dev == st.st_dev && sim.d[k].ino == st.st_ino)
            return &sim.d[k];
    if (!create)
        return NULL;
    sim.d = xrealloc(sim.d, (size_t)(sim.nd + 1) * sizeof *sim.d);
    sim_dir *d = &sim.d[sim.nd++];
    *d = (sim_dir){.dev = st.st_dev, .ino = st.st_ino, .path = xstrdup(dir)};
    list_into(d);
    return d;
}

/* A name in the directory holding path is about to change: keep its names as of now (the
 * durable ones, if nothing changed there since arming) unless already kept. */
static sim_dir *dir_touch(const char *path)
{
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    return dir_find(dir, 1);
}

/* path's name may be made in its folder by the simulated machine. */
static void dir_made(const char *path)
{
    sim_dir *d = dir_touch(path);
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    if (!d)
        return;
    for (int j = 0; j < d->nmade; j++)
        if (!strcmp(d->made[j], name))
            return;
    d->made = xrealloc(d->made, (size_t)(d->nmade + 1) * sizeof *d->made);
    d->made[d->nmade++] = xstrdup(name);
}

void fs_crash_creating(const char *path)
{
    if (sim.on)
        dir_made(path);
}

void fs_crash_removing(const char *path)
{
    if (!sim.on)
        return;
    dir_touch(path);
    sim_file *f = file_at(path, 1);
    if (f) {
        capture(f, path);
        f->live = 0;
    }
}

void fs_crash_renaming(const char *from, const char *to)
{
    if (!sim.on)
        return;
    dir_touch(from);
    dir_made(to);
    sim_file *t = file_at(to, 1);
    if (t) {
        capture(t, to);
        t->live = 0; /* renamed over: gone, unless a power cut brings its name back */
    }
    sim_file *f = file_at(from, 1);
    if (f) {
        capture(f, from);
        free(f->path);
        f->path = xstrdup(to);
    }
}

static void add_pending(const char *path, int truncate, long long off, const void *p, size_t n)
{
    sim_file *f = file_at(path, 1);
    if (!f)
        return;
    capture(f, path);
    if (f->np == f->pcap) {
        f->pcap = f->pcap ? f->pcap * 2 : 16;
        f->p = xrealloc(f->p, (size_t)f->pcap * sizeof *f->p);
    }
    pending *q = &f->p[f->np++];
    *q = (pending){.truncate = truncate, .off = off, .n = n};
    if (n) {
        q->data = xmalloc(n);
        memcpy(q->data, p, n);
    }
}

void fs_crash_write(const char *path, long long off, const void *p, size_t n)
{
    if (sim.on && path)
        add_pending(path, 0, off, p, n);
}

void fs_crash_truncate(const char *path, long long size)
{
    if (sim.on && path)
        add_pending(path, 1, size, NULL, 0);
}

/* Puts bytes at off into *d (length *len, allocated for at least *len), zero-filling a gap. */
static void put_bytes(unsigned char **d, size_t *len, long long off, const void *p, size_t n)
{
    size_t end = (size_t)off + n;
    if (end > *len) {
        *d = xrealloc(*d, end + 1);
        memset(*d + *len, 0, end - *len);
        *len = end;
    }
    if (p)
        memcpy(*d + off, p, n);
    else
        memset(*d + off, 0, n);
}

static void set_size(unsigned char **d, size_t *len, long long size)
{
    if ((size_t)size > *len)
        put_bytes(d, len, *len, NULL, (size_t)size - *len);
    else
        *len = (size_t)size;
}

void fs_crash_synced(const char *path)
{
    if (!sim.on || !path)
        return;
    sim_file *f = file_at(path, 1);
    if (!f)
        return;
    capture(f, path); /* untouched: what it holds now is durable now */
    for (int j = 0; j < f->np; j++) {
        pending *q = &f->p[j];
        if (q->truncate)
            set_size(&f->durable, &f->dlen, q->off);
        else
            put_bytes(&f->durable, &f->dlen, q->off, q->data, q->n);
        free(q->data);
    }
    f->np = 0;
    struct stat st;
    if (!lstat(path, &st))
        f->mode = (int)(st.st_mode & 0777);
}

void fs_crash_dir_synced(const char *path)
{
    if (!sim.on)
        return;
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    sim_dir *d = dir_find(dir, 1);
    if (d)
        list_into(d); /* fresh, or again: its names now are its durable names */
}

/* ---- the power cut ------------------------------------------------------------------- */

static unsigned rnd(unsigned *s)
{
    /* xorshift32: small, and the same sequence from the same seed on every machine */
    *s ^= *s << 13, *s ^= *s >> 17, *s ^= *s << 5;
    return *s;
}

/* What a disk holds of f after the cut: its durable bytes, then each change not synced,
 * sector by sector kept, dropped or zeroed (a truncation kept or dropped). */
static void settle(sim_file *f, unsigned *s)
{
    for (int j = 0; j < f->np; j++) {
        pending *q = &f->p[j];
        if (q->truncate) {
            if (rnd(s) % 2)
                set_size(&f->durable, &f->dlen, q->off);
            continue;
        }
        long long at = q->off, end = q->off + (long long)q->n;
        while (at < end) {
            long long stop = (at / SECTOR + 1) * SECTOR;
            if (stop > end)
                stop = end;
            unsigned pick = rnd(s) % 4;
            if (pick < 2) /* written */
                put_bytes(&f->durable, &f->dlen, at, q->data + (at - q->off),
                          (size_t)(stop - at));
            else if (pick == 3) /* torn: the sector reached the disk as zeros */
                put_bytes(&f->durable, &f->dlen, at, NULL, (size_t)(stop - at));
            at = stop;
        }
    }
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int put_back(sim_file *f, const char *path, err *e)
{
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  f->mode ? f->mode : 0600);
    if (fd < 0)
        return err_set(e, "%s: crash: cannot put the file back: %s", path, strerror(errno));
    size_t done = 0;
    while (done < f->dlen) {
        ssize_t r = write(fd, f->durable + done, f->dlen - done);
        if (r <= 0) {
            int er = errno;
            close(fd);
            return err_set(e, "%s: crash: cannot put the file back: %s", path, strerror(er));
        }
        done += (size_t)r;
    }
    close(fd);
    f->placed = 1;
    return 0;
}

static int by_path(const void *a, const void *b)
{
    return strcmp((*(sim_dir *const *)a)->path, (*(sim_dir *const *)b)->path);
}

static int under(const char *path, char **gone, int ngone)
{
    for (int k = 0; k < ngone; k++) {
        size_t n = strlen(gone[k]);
        if (!strncmp(path, gone[k], n) && (path[n] == '/' || !path[n]))
            return 1;
    }
    return 0;
}

/* Whether the link at p points where target says. */
static int same_link(const char *p, const char *target)
{
    char t[PATH_MAX];
    ssize_t r = readlink(p, t, sizeof t - 1);
    return r >= 0 && (t[r] = 0, !strcmp(t, target));
}

/* Puts the names of d back as they were at its last fsync. */
static int restore_dir(sim_dir *d, char ***gone, int *ngone, err *e)
{
    char **names;
    int n;
    if (list_names(d->path, &names, &n))
        return err_set(e, "%s: crash: cannot list: %s", d->path, strerror(errno));
    int rc = 0;
    for (int k = 0; k < n && !rc; k++) {
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", d->path, names[k]);
        const sim_entry *was = NULL;
        for (int j = 0; j < d->n; j++)
            if (!strcmp(d->e[j].name, names[k]))
                was = &d->e[j];
        struct stat st;
        if (lstat(p, &st))
            continue;
        if (was && was->kind == FS_DIR && S_ISDIR(st.st_mode))
            continue;
        if (was && was->kind == FS_FILE && !sim.f[was->file].touched)
            continue; /* never changed, renamed or removed: still there as it was */
        if (was && was->kind == FS_OTHER)
            continue;
        if (was && was->kind == FS_LINK && S_ISLNK(st.st_mode) && same_link(p, was->link))
            continue; /* the same link as before: never removed and made again */
        int made = 0;
        for (int j = 0; j < d->nmade && !made; j++)
            made = !strcmp(d->made[j], names[k]);
        if (!was && !made)
            continue; /* another process's: the simulated machine never made it */
        if (S_ISDIR(st.st_mode)) {
            /* a folder made since the last sync of its parent: gone with all it holds */
            if (nftw(p, rm_one, 16, FTW_DEPTH | FTW_PHYS))
                rc = err_set(e, "%s: crash: cannot remove: %s", p, strerror(errno));
            *gone = xrealloc(*gone, (size_t)(*ngone + 1) * sizeof **gone);
            (*gone)[(*ngone)++] = xstrdup(p);
        } else if (unlink(p)) {
            rc = err_set(e, "%s: crash: cannot remove: %s", p, strerror(errno));
        }
    }
    fs_list_free(names, n);
    for (int j = 0; j < d->n && !rc; j++) {
        const sim_entry *was = &d->e[j];
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", d->path, was->name);
        if (was->kind == FS_FILE && sim.f[was->file].touched)
            rc = put_back(&sim.f[was->file], p, e);
        else if (was->kind == FS_DIR && mkdir(p, 0700) && errno != EEXIST)
            rc = err_set(e, "%s: crash: cannot create: %s", p, strerror(errno));
        else if (was->kind == FS_LINK && symlink(was->link, p) && errno != EEXIST)
            rc = err_set(e, "%s: crash: cannot put the link back: %s", p, strerror(errno));
    }
    return rc;
}

int fs_crash_apply(err *e)
{
    if (!sim.on) {
        fs_fault_reset();
        return err_set(e, "fs: crash: no crash mode armed");
    }
    unsigned s = sim.seed * 2654435761u + 0x9e3779b9u;
    if (!s)
        s = 1;
    for (int k = 0; k < sim.nf; k++)
        if (sim.f[k].touched)
            settle(&sim.f[k], &s);
    /* parents before children, so a folder that goes takes its tracked children with it */
    sim_dir **order = xmalloc((size_t)sim.nd * sizeof *order + 1);
    for (int k = 0; k < sim.nd; k++)
        order[k] = &sim.d[k];
    qsort(order, (size_t)sim.nd, sizeof *order, by_path);
    char **gone = NULL;
    int ngone = 0, rc = 0;
    for (int k = 0; k < sim.nd && !rc; k++)
        if (!under(order[k]->path, gone, ngone))
            rc = restore_dir(order[k], &gone, &ngone, e);
    /* files changed where no name changed (SQLite's database and log) are put back there */
    for (int k = 0; k < sim.nf && !rc; k++) {
        sim_file *f = &sim.f[k];
        char dir[PATH_MAX];
        dir_of(f->path, dir, sizeof dir);
        struct stat st;
        if (f->touched && f->live && !f->placed && !dir_find(dir, 0) &&
            !under(f->path, gone, ngone) && !lstat(f->path, &st) && st.st_ino == f->ino)
            rc = put_back(f, f->path, e);
    }
    for (int k = 0; k < ngone; k++)
        free(gone[k]);
    free(gone);
    free(order);
    fs_fault_reset();
    return rc;
}
