/* fs: the one file layer. Every file the project writes, reads, examines (stat, exists) or
 * lists goes through here; only SQLite opens its own files (the feedback store's through the
 * VFS shim of app/store/vfs.c, which asks this layer). It promises:
 *  - A read opens with O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC and refuses a symlink, a FIFO, a
 *    device, a directory and anything over the caller's size cap, so a hostile path can
 *    neither hang the reader nor fill its memory.
 *  - A write is atomic: a new temp file beside the target (O_CREAT|O_EXCL|O_NOFOLLOW, never a
 *    planted link), every byte written, the file fsynced, renamed over the target, the
 *    directory fsynced. On a failure before the rename the temp file is removed and the old
 *    target is untouched; a failure of the last directory fsync leaves the complete new file
 *    in place and is still reported, since it may not survive a power cut.
 *  - Files get exactly the mode the caller names, whatever the umask (0600 for anything
 *    private); new directories are 0700 (a umask can only take bits away).
 *  - Every write(), fsync() and rename() the layer makes goes through one function, where a
 *    test can make the Nth of a kind fail (fs_fault_set), counted the same way on every run;
 *    SQLite's writes and syncs of the feedback store ask the same function (fs_fault_check).
 *  - A new folder's name is made durable (its parent fsynced) before fs_mkdirs returns.
 *  - In the crash mode (fs_crash_arm, fs_crash.c) a test can stop the machine at the Nth
 *    write, fsync or rename and then see what a disk would hold after a power cut there.
 *  - Beneath a root (fs_dir: a USB stick's folder) every folder and file is opened one name
 *    at a time relative to its folder, never following a symbolic link anywhere on the way,
 *    and written through the same doors (fault hook, crash mode) as every other write.
 * Errors are values: -1 and a message naming the path. */
#ifndef SV_FS_H
#define SV_FS_H

#include "core/err.h"

#include <stddef.h>
#include <stdio.h>

/* Reads a whole regular file of at most max bytes. Returns a malloc'd copy with a NUL after
 * the last byte (not counted in *len), or NULL. */
unsigned char *fs_read_all(const char *path, size_t max, size_t *len, err *e);

/* Reads the last n bytes of a regular file of at most max bytes (same checks as fs_read_all)
 * into out, and its size into *size. */
int fs_read_tail(const char *path, size_t max, void *out, size_t n, size_t *size, err *e);

/* Replaces path with the n bytes at data, atomically, as a file of the given mode. */
int fs_write_atomic(const char *path, const void *data, size_t n, int mode, err *e);

/* fs_write_atomic, but only over a regular file or nothing: a device node, FIFO, folder or
 * link at path is refused, not replaced (checked before and just before the rename). */
int fs_write_regular(const char *path, const void *data, size_t n, int mode, err *e);

/* Opens a regular file of at most max bytes to read, as fs_read_all does (O_NOFOLLOW,
 * O_NONBLOCK: a FIFO or device is refused without blocking) and puts its size in *size.
 * Returns the descriptor (the caller closes it), or -1 and a message saying what it is. */
int fs_open_file(const char *path, size_t max, size_t *size, err *e);

/* Copies the regular file from (at most max bytes, same checks as fs_read_all) to `to`,
 * atomically, as a file of the given mode, in chunks. */
int fs_copy_atomic(const char *from, const char *to, size_t max, int mode, err *e);

/* Copies what the open file in holds, from its first byte (at most max bytes; from names it
 * in messages), to `to`, atomically, as a file of the given mode. */
int fs_copy_fd_atomic(int in, const char *from, const char *to, size_t max, int mode, err *e);

/* For a writer that needs a path rather than bytes (SQLite's VACUUM INTO): creates an empty
 * temp file beside path (mode 0600) and puts its name in tmp. The caller fills it, then
 * calls fs_commit, or fs_remove on failure. */
int fs_temp(const char *path, char *tmp, size_t cap, err *e);
/* Gives tmp the mode, fsyncs it and renames it over path (fs_rename); on any failure before
 * the rename, tmp is removed. */
int fs_commit(const char *tmp, const char *path, int mode, err *e);
/* Renames from over to and fsyncs to's directory. */
int fs_rename(const char *from, const char *to, err *e);

/* Removes a file; one that is already gone is not an error. */
int fs_remove(const char *path, err *e);

/* Creates path and its missing parents (mode 0700), like mkdir -p. An existing directory is
 * fine; an existing file in the way is an error. */
int fs_mkdirs(const char *path, err *e);

/* Proves dir writable by creating a file in it (O_CREAT|O_EXCL|O_NOFOLLOW) and removing it.
 * A symlink planted at that name is removed, never followed. */
int fs_prove_writable(const char *dir, err *e);

/* The names in a directory, sorted bytewise, without "." and "..". *names is malloc'd (free
 * it with fs_list_free); an empty directory gives 0 names. */
int fs_list_dir(const char *path, char ***names, int *n, err *e);
void fs_list_free(char **names, int n);

/* ---- looking at paths and opening streams ---------------------------------------------- */

typedef enum fs_kind { FS_NONE, FS_FILE, FS_DIR, FS_LINK, FS_OTHER } fs_kind;

/* What is at a path: FS_NONE when nothing is (not an error), FS_LINK only from fs_lstat,
 * FS_OTHER for a FIFO, device or socket. size is the file's length in bytes, mode its
 * permission bits (0777 part). */
typedef struct fs_info {
    fs_kind kind;
    long long size;
    int mode;
    /* which file it is and when it last changed: device, inode, modification and status
     * change times in ns (a write to the file, or a rename over it, changes one of them;
     * the status change time cannot be set back by a program) */
    unsigned long long dev, ino;
    long long mtime_ns, ctime_ns;
} fs_info;

/* Fills *out for path, following a symbolic link (stat). 0, or -1 when the path cannot be
 * examined (a component not a directory is "nothing there", not an error). */
int fs_stat(const char *path, fs_info *out, err *e);
/* The same without following a final symbolic link (lstat): a link is FS_LINK. */
int fs_lstat(const char *path, fs_info *out, err *e);
/* Whether anything is at path, a link to nowhere included (lstat); an unreadable parent
 * counts as nothing. For "is it there yet" checks; use fs_lstat to know what it is. */
int fs_exists(const char *path);

/* The target a symbolic link names (readlink), NUL-terminated in out. 0, or -1 when path is
 * not a link, cannot be read or the target does not fit in cap bytes. */
int fs_readlink(const char *path, char *out, size_t cap, err *e);

/* Opens a file named by the operator (a script, a source listing) to read as a stream with
 * stdio: follows links, accepts a device or FIFO (/dev/null, a pipe), refuses a directory.
 * Not for files from outside: those are read whole with fs_read_all. NULL and a message
 * naming the path on failure; close with fclose. */
FILE *fs_open_read(const char *path, err *e);

/* Asks the kernel to drop its cached pages of a file, so the next read reads the medium where
 * the kernel allows (a USB stick's own bytes). Best effort: nothing is reported. */
void fs_drop_cache(const char *path);

/* ---- folders beneath a root: a USB stick ----------------------------------------------
 * A stick is anyone's: a folder on it that is a symbolic link could send a write into the
 * kiosk's own data, or a read to /etc. An fs_dir is an open folder; every name below it is
 * opened with openat and O_NOFOLLOW one component at a time, so nothing beneath the root is
 * ever reached through a link (the root itself is the caller's choice, and followed). Names
 * passed to the calls below are single components: "", ".", ".." and anything with a '/' are
 * refused. Messages name the whole path. */
typedef struct fs_dir fs_dir;

/* What fs_dir_sub found in the way, besides 0 (opened) and -1 (an error). */
enum { FS_ABSENT = 1, /* a folder on the way is not there (and create was 0) */
       FS_LINKED = 2  /* a folder on the way is a symbolic link: not followed */ };

/* Opens the folder at path as a root. NULL and a message on failure. */
fs_dir *fs_dir_open(const char *path, err *e);
void fs_dir_close(fs_dir *d);
/* The folder's whole path, for messages. */
const char *fs_dir_path(const fs_dir *d);
/* Opens rel ("a/b/c") beneath d into *out; with create, missing folders are made (0700, each
 * name made durable by syncing its parent). 0, FS_ABSENT, FS_LINKED or -1, with a message
 * naming the path for every one but 0. */
int fs_dir_sub(const fs_dir *d, const char *rel, int create, fs_dir **out, err *e);
/* As fs_list_dir, fs_lstat (a link is FS_LINK), fs_open_file, fs_read_all, fs_write_atomic,
 * fs_remove and fs_drop_cache, for one name in d. */
int fs_dir_list(const fs_dir *d, char ***names, int *n, err *e);
int fs_dir_info(const fs_dir *d, const char *name, fs_info *out, err *e);
int fs_dir_open_file(const fs_dir *d, const char *name, size_t max, size_t *size, err *e);
unsigned char *fs_dir_read_all(const fs_dir *d, const char *name, size_t max, size_t *len,
                               err *e);
int fs_dir_write_atomic(const fs_dir *d, const char *name, const void *data, size_t n, int mode,
                        err *e);
int fs_dir_remove(const fs_dir *d, const char *name, err *e);
void fs_dir_drop_cache(const fs_dir *d, const char *name);

/* ---- the fault hook, for tests ------------------------------------------------------- */

typedef enum fs_op { FS_WRITE, FS_FSYNC, FS_RENAME, FS_NOPS } fs_op;

/* From now on, the nth (1-based) operation of kind op fails with errno errnum, once.
 * Zeroes the counters of every kind first (and ends a crash mode). Process-wide: tests only. */
void fs_fault_set(fs_op op, int nth, int errnum);
/* No fault armed, no crash mode; counters zeroed. */
void fs_fault_reset(void);
/* Whether the armed fault (or crash) has fired since fs_fault_set or fs_crash_arm. */
int fs_fault_fired(void);
/* Bytes the layer has written since the process started (every write, all files): what a
 * test measures to show that something was not copied. */
long long fs_bytes_written(void);

/* ---- the crash mode, for tests: a power cut, as SQLite's crash-test VFS makes one --------
 * fs_crash_arm starts a simulated disk over the real one. What is on disk then counts as
 * durable. From then on the layer, and the store's VFS for SQLite's files, tell it every
 * write and truncation of a file, every creation, rename and removal of a name, and every
 * fsync: an fsync of a file makes its changes durable, an fsync of a directory its names
 * (SQLite's own directory syncs, for a new journal or WAL and a deleted one, count too).
 * At the nth operation of kind op (counted as the fault hook counts) the machine stops: that
 * operation and every later one of the layer and the VFS (reads, listings, opens included)
 * fail with EIO, so nothing more reaches the disk. fs_crash_apply then rewrites the disk to
 * what it would hold after the power cut:
 *  - each write not yet durable lands, 512-byte sector by sector, whole, not at all or as
 *    zeros, and a truncation lands or not, chosen from the seed (same seed, same disk);
 *  - in each directory where a name changed, the names are those of its last fsync (or of
 *    arming): a file removed or renamed over comes back with its durable bytes, a file or
 *    folder created since goes (with all it holds), a rename is undone.
 * A crash armed past the last operation never stops the machine: applying it then is a power
 * cut just after the work finished. The caller closes what it holds open (which writes
 * nothing more: the machine stopped) before applying, then reopens from the disk. */
void fs_crash_arm(fs_op op, int nth, unsigned seed);
/* Whether the armed crash has stopped the machine. */
int fs_crash_stopped(void);
/* Rewrites the disk as above and ends the crash mode (as fs_fault_reset). 0, or -1 with a
 * message naming the path it could not put back. */
int fs_crash_apply(err *e);

/* ---- for a writer that makes its own system calls (SQLite, through the store's VFS) -----
 * It asks fs_fault_check before each write, truncation (FS_WRITE) and sync (FS_FSYNC), and
 * fs_crash_check before any other file operation; it fails the operation with the errno
 * returned when not 0. In crash mode it tells the simulated disk what it does: before a
 * creation (path may not exist yet), a removal, a rename, a write of n bytes at off, a
 * truncation, and after a sync of a file or of the directory holding path. Outside crash mode these do
 * nothing. */
int fs_fault_check(fs_op op);
int fs_crash_check(void);
void fs_crash_creating(const char *path);
void fs_crash_removing(const char *path);
void fs_crash_renaming(const char *from, const char *to);
void fs_crash_write(const char *path, long long off, const void *p, size_t n);
void fs_crash_truncate(const char *path, long long size);
void fs_crash_synced(const char *path);
void fs_crash_dir_synced(const char *path);

/* /dev/null opened for writing, for a program started by the operator tool whose output is
 * not wanted (the caller closes it); -1 when it cannot be opened. */
int fs_devnull(void);

/* The bytes free to an unprivileged writer on the file system holding path (admin mode shows
 * it); 0, or -1 with a message. */
int fs_free_space(const char *path, unsigned long long *bytes, err *e);

#endif
