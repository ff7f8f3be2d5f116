/* store vfs: the SQLite VFS the feedback store opens its file with ("sveiki"). It promises:
 * every file behaves exactly as with the platform's default VFS (it delegates every call),
 * except that each xWrite and xTruncate first asks app/fs's fault hook as an FS_WRITE and each
 * xSync as an FS_FSYNC, and fails with the hook's errno when a test armed it; and in app/fs's
 * crash mode it tells the simulated disk each creation, write, truncation, sync and removal,
 * and fails every operation once the machine has stopped. So the fault and power-cut tests of
 * app/fs reach SQLite's own files, counted and lost with the file layer's. */
#ifndef SV_STORE_VFS_H
#define SV_STORE_VFS_H

#include "core/err.h"

#define STORE_VFS_NAME "sveiki"

/* Registers the VFS once (not as the default); later calls do nothing. 0 or -1. */
int store_vfs_register(err *e);

#endif
