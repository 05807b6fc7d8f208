/* ports/sqlite/wasi_vfs.c - SQLite's operating-system layer for JerichoOS
 * (SQLITE_OS_OTHER=1: SQLite's unix layer needs file locks, fchown, mmap
 * and more that WASI does not have). JerichoOS has no files yet, so this
 * VFS opens none: databases are ":memory:" (and temporary storage is
 * memory: SQLITE_TEMP_STORE=3). It gives SQLite what it asks of every OS:
 * randomness (WASI random_get: an ENTROPY capability), the time (WASI
 * clock_time_get: a CLOCK capability) and sleep (poll_oneoff). */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "sqlite3.h"

static int vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
    (void)vfs; (void)name; (void)flags; (void)out;
    f->pMethods = 0;
    return SQLITE_CANTOPEN;     /* no files: only ":memory:" databases */
}

static int vfs_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
    (void)vfs; (void)name; (void)sync;
    return SQLITE_IOERR_DELETE;
}

static int vfs_access(sqlite3_vfs *vfs, const char *name, int flags, int *res)
{
    (void)vfs; (void)name; (void)flags;
    *res = 0;                   /* nothing exists */
    return SQLITE_OK;
}

static int vfs_fullpathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    sqlite3_snprintf(n, out, "%s", name);
    return SQLITE_OK;
}

static int vfs_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    memset(out, 0, (size_t)n);
    for (int off = 0; off < n; off += 256)
        if (getentropy(out + off, (size_t)(n - off < 256 ? n - off : 256)) != 0)
            break;              /* no ENTROPY capability: zeros, as SQLite allows */
    return n;
}

static int vfs_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    struct timespec ts = { us / 1000000, (long)(us % 1000000) * 1000 };
    nanosleep(&ts, 0);
    return us;
}

/* Julian day number in milliseconds, as SQLite's unix layer gives it. */
static int vfs_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return SQLITE_ERROR;    /* no CLOCK capability */
    *out = (sqlite3_int64)24405875 * 8640000 + (sqlite3_int64)ts.tv_sec * 1000 +
           ts.tv_nsec / 1000000;
    return SQLITE_OK;
}

static int vfs_time(sqlite3_vfs *vfs, double *out)
{
    sqlite3_int64 ms;
    int rc = vfs_time64(vfs, &ms);
    *out = (double)ms / 86400000.0;
    return rc;
}

static int vfs_lasterror(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs; (void)n; (void)out;
    return errno;
}

static sqlite3_vfs jericho_vfs = {
    .iVersion = 2,
    .szOsFile = sizeof(sqlite3_file),
    .mxPathname = 512,
    .zName = "jericho",
    .xOpen = vfs_open,
    .xDelete = vfs_delete,
    .xAccess = vfs_access,
    .xFullPathname = vfs_fullpathname,
    .xRandomness = vfs_randomness,
    .xSleep = vfs_sleep,
    .xCurrentTime = vfs_time,
    .xGetLastError = vfs_lasterror,
    .xCurrentTimeInt64 = vfs_time64,
};

int sqlite3_os_init(void)
{
    return sqlite3_vfs_register(&jericho_vfs, 1);
}

int sqlite3_os_end(void)
{
    return SQLITE_OK;
}
