/* store vfs: the SQLite VFS the feedback store opens its file with ("sveiki"). It promises:
 * every file behaves exactly as with the platform's default VFS (it delegates every call),
 * except that each xWrite and xTruncate first asks app/fs's fault hook as an FS_WRITE and each
 * xSync as an FS_FSYNC, and fails with the hook's errno when a test armed it. So the power-cut
 * tests of app/fs reach SQLite's own writes, counted with the file layer's. */
#ifndef SV_STORE_VFS_H
#define SV_STORE_VFS_H

#include "core/err.h"

#define STORE_VFS_NAME "sveiki"

/* Registers the VFS once (not as the default); later calls do nothing. 0 or -1. */
int store_vfs_register(err *e);

#endif
