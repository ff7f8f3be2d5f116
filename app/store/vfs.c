#include "store/vfs.h"
#include "fs.h"

#include <errno.h>
#include <sqlite3.h>
#include <stddef.h>

/* A file of this VFS: our methods, then the default VFS's own file object right behind. */
typedef struct shim_file {
    sqlite3_file base;
    sqlite3_file *real;
    const char *name; /* SQLite keeps it valid until xClose; NULL for a temporary file */
    int dirsync;      /* the real VFS fsyncs the directory at this file's first sync */
} shim_file;

/* the real file starts at the next multiple of 16 bytes, whatever its alignment needs */
#define SHIM_SIZE ((sizeof(shim_file) + 15) & ~(size_t)15)

static sqlite3_vfs shim_vfs;
static sqlite3_vfs *real_vfs;

#define REAL(f) (((shim_file *)(f))->real)
#define NAME(f) (((shim_file *)(f))->name)
#define M(f) (REAL(f)->pMethods)

static int shim_close(sqlite3_file *f)
{
    /* a real file that failed to open has no methods, and nothing to close */
    return M(f) ? M(f)->xClose(REAL(f)) : SQLITE_OK;
}

static int shim_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
    if (fs_crash_check())
        return SQLITE_IOERR_READ;
    return M(f)->xRead(REAL(f), p, n, off);
}

/* the hook's errno as SQLite's code: a full disk is SQLITE_FULL, anything else an I/O error */
static int faulted(int er, int ioerr)
{
    errno = er;
    return er == ENOSPC ? SQLITE_FULL : ioerr;
}

static int shim_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
    int er = fs_fault_check(FS_WRITE);
    if (er)
        return faulted(er, SQLITE_IOERR_WRITE);
    fs_crash_write(NAME(f), off, p, (size_t)n);
    return M(f)->xWrite(REAL(f), p, n, off);
}

static int shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    /* a truncation changes the file's bytes as a write does, so it counts as one */
    int er = fs_fault_check(FS_WRITE);
    if (er)
        return faulted(er, SQLITE_IOERR_TRUNCATE);
    fs_crash_truncate(NAME(f), size);
    return M(f)->xTruncate(REAL(f), size);
}

static int shim_sync(sqlite3_file *f, int flags)
{
    int er = fs_fault_check(FS_FSYNC);
    if (er)
        return faulted(er, SQLITE_IOERR_FSYNC);
    int rc = M(f)->xSync(REAL(f), flags);
    shim_file *s = (shim_file *)f;
    if (rc == SQLITE_OK && s->name) {
        fs_crash_synced(s->name);
        if (s->dirsync)
            fs_crash_dir_synced(s->name);
        s->dirsync = 0;
    }
    return rc;
}

static int shim_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    if (fs_crash_check())
        return SQLITE_IOERR_FSTAT;
    return M(f)->xFileSize(REAL(f), size);
}

static int shim_lock(sqlite3_file *f, int lock) { return M(f)->xLock(REAL(f), lock); }
static int shim_unlock(sqlite3_file *f, int lock) { return M(f)->xUnlock(REAL(f), lock); }

static int shim_check_reserved(sqlite3_file *f, int *out)
{
    return M(f)->xCheckReservedLock(REAL(f), out);
}

static int shim_file_control(sqlite3_file *f, int op, void *arg)
{
    return M(f)->xFileControl(REAL(f), op, arg);
}

static int shim_sector_size(sqlite3_file *f) { return M(f)->xSectorSize(REAL(f)); }

static int shim_device_characteristics(sqlite3_file *f)
{
    return M(f)->xDeviceCharacteristics(REAL(f));
}

/* The shared-memory and memory-map methods exist only from versions 2 and 3 of a file's
 * methods; a real file of an older version answers as SQLite expects of one without them. */
static int shim_shm_map(sqlite3_file *f, int pg, int size, int extend, void volatile **pp)
{
    if (M(f)->iVersion < 2 || !M(f)->xShmMap)
        return SQLITE_IOERR_SHMMAP;
    return M(f)->xShmMap(REAL(f), pg, size, extend, pp);
}

static int shim_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    if (M(f)->iVersion < 2 || !M(f)->xShmLock)
        return SQLITE_IOERR_SHMLOCK;
    return M(f)->xShmLock(REAL(f), off, n, flags);
}

static void shim_shm_barrier(sqlite3_file *f)
{
    if (M(f)->iVersion >= 2 && M(f)->xShmBarrier)
        M(f)->xShmBarrier(REAL(f));
}

static int shim_shm_unmap(sqlite3_file *f, int del)
{
    if (M(f)->iVersion < 2 || !M(f)->xShmUnmap)
        return SQLITE_OK;
    return M(f)->xShmUnmap(REAL(f), del);
}

static int shim_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    if (M(f)->iVersion < 3 || !M(f)->xFetch) {
        *pp = NULL;
        return SQLITE_OK;
    }
    return M(f)->xFetch(REAL(f), off, n, pp);
}

static int shim_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    if (M(f)->iVersion < 3 || !M(f)->xUnfetch)
        return SQLITE_OK;
    return M(f)->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods shim_methods = {
    3,
    shim_close,
    shim_read,
    shim_write,
    shim_truncate,
    shim_sync,
    shim_file_size,
    shim_lock,
    shim_unlock,
    shim_check_reserved,
    shim_file_control,
    shim_sector_size,
    shim_device_characteristics,
    shim_shm_map,
    shim_shm_lock,
    shim_shm_barrier,
    shim_shm_unmap,
    shim_fetch,
    shim_unfetch,
};

static int shim_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags,
                     int *out_flags)
{
    (void)vfs;
    shim_file *s = (shim_file *)f;
    s->real = (sqlite3_file *)((char *)f + SHIM_SIZE);
    s->real->pMethods = NULL;
    s->base.pMethods = NULL;
    if (fs_crash_check())
        return SQLITE_CANTOPEN;
    s->name = name;
    /* as the unix VFS does: a journal or WAL it creates has its directory synced with it at
     * its first sync; the crash mode must know that name is durable then */
    int journal = SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_SUPER_JOURNAL | SQLITE_OPEN_WAL;
    s->dirsync = name && (flags & SQLITE_OPEN_CREATE) && (flags & journal);
    if (name && (flags & SQLITE_OPEN_CREATE))
        fs_crash_creating(name);
    int rc = real_vfs->xOpen(real_vfs, name, s->real, flags, out_flags);
    /* with our methods set, SQLite calls xClose even after a failed open: the real file is
     * closed then if it has methods of its own; without them nothing is called */
    s->base.pMethods = rc == SQLITE_OK || s->real->pMethods ? &shim_methods : NULL;
    return rc;
}

/* The rest of the VFS is the real one's, called with the real VFS as its first argument. */
static int shim_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
    (void)v;
    if (fs_crash_check())
        return SQLITE_IOERR_DELETE;
    fs_crash_removing(name);
    int rc = real_vfs->xDelete(real_vfs, name, sync_dir);
    if (rc == SQLITE_OK && sync_dir)
        fs_crash_dir_synced(name);
    return rc;
}

static int shim_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    if (fs_crash_check())
        return SQLITE_IOERR_ACCESS;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int shim_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *shim_dl_open(sqlite3_vfs *v, const char *name)
{
    (void)v;
    return real_vfs->xDlOpen(real_vfs, name);
}

static void shim_dl_error(sqlite3_vfs *v, int n, char *msg)
{
    (void)v;
    real_vfs->xDlError(real_vfs, n, msg);
}

static void (*shim_dl_sym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
    (void)v;
    return real_vfs->xDlSym(real_vfs, h, sym);
}

static void shim_dl_close(sqlite3_vfs *v, void *h)
{
    (void)v;
    real_vfs->xDlClose(real_vfs, h);
}

static int shim_randomness(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int shim_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return real_vfs->xSleep(real_vfs, us);
}

static int shim_current_time(sqlite3_vfs *v, double *t)
{
    (void)v;
    return real_vfs->xCurrentTime(real_vfs, t);
}

static int shim_get_last_error(sqlite3_vfs *v, int n, char *msg)
{
    (void)v;
    return real_vfs->xGetLastError(real_vfs, n, msg);
}

static int shim_current_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
    (void)v;
    if (real_vfs->iVersion >= 2 && real_vfs->xCurrentTimeInt64)
        return real_vfs->xCurrentTimeInt64(real_vfs, t);
    double d;
    int rc = real_vfs->xCurrentTime(real_vfs, &d);
    *t = (sqlite3_int64)(d * 86400000.0);
    return rc;
}

int store_vfs_register(err *e)
{
    if (real_vfs)
        return 0;
    /* the platform's default: "unix" on Linux */
    sqlite3_vfs *base = sqlite3_vfs_find(NULL);
    if (!base)
        return err_set(e, "store: SQLite has no default VFS to build on");
    shim_vfs = (sqlite3_vfs){
        .iVersion = 2,
        .szOsFile = (int)SHIM_SIZE + base->szOsFile,
        .mxPathname = base->mxPathname,
        .zName = STORE_VFS_NAME,
        .xOpen = shim_open,
        .xDelete = shim_delete,
        .xAccess = shim_access,
        .xFullPathname = shim_full_pathname,
        .xDlOpen = shim_dl_open,
        .xDlError = shim_dl_error,
        .xDlSym = shim_dl_sym,
        .xDlClose = shim_dl_close,
        .xRandomness = shim_randomness,
        .xSleep = shim_sleep,
        .xCurrentTime = shim_current_time,
        .xGetLastError = shim_get_last_error,
        .xCurrentTimeInt64 = shim_current_time64,
    };
    real_vfs = base;
    int rc = sqlite3_vfs_register(&shim_vfs, 0);
    if (rc != SQLITE_OK) {
        real_vfs = NULL;
        return err_set(e, "store: cannot register the SQLite VFS \"%s\": %s", STORE_VFS_NAME,
                       sqlite3_errstr(rc));
    }
    return 0;
}
