/* kill_at: kill -9 a process at its Nth file-system step, chosen by what it does rather than
 * by when. Included once in a program, this header defines write, pwrite64, fsync, fdatasync
 * and rename for the whole program: an executable's definitions come before the C library's,
 * for its own code and for the shared libraries it loads, so SQLite's writes and syncs count
 * too. Each call is one step; at the step armed with kill_at_arm(n) the process sends itself
 * SIGKILL before making the call, which is what a kill -9 at that moment leaves (the writes
 * made so far stay in the page cache, as they do for a killed kiosk). Unarmed (n = 0) the
 * steps are only counted. */
#ifndef SV_KILL_AT_H
#define SV_KILL_AT_H

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static long kill_at_n, kill_at_count;

/* Counts steps from 0 again; the process dies at step n (0: never). */
static inline void kill_at_arm(long n) { kill_at_n = n, kill_at_count = 0; }
/* The steps made since kill_at_arm. */
static inline long kill_at_steps(void) { return kill_at_count; }

static inline void kill_at_step(void)
{
    if (++kill_at_count == kill_at_n)
        kill(getpid(), SIGKILL);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    kill_at_step();
    return syscall(SYS_write, fd, buf, n);
}
ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
    kill_at_step();
    return syscall(SYS_pwrite64, fd, buf, n, off);
}
int fsync(int fd)
{
    kill_at_step();
    return (int)syscall(SYS_fsync, fd);
}
int fdatasync(int fd)
{
    kill_at_step();
    return (int)syscall(SYS_fdatasync, fd);
}
int rename(const char *from, const char *to)
{
    kill_at_step();
    return (int)syscall(SYS_renameat, AT_FDCWD, from, AT_FDCWD, to);
}

#endif
