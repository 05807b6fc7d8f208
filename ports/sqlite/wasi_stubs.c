/* ports/sqlite/wasi_stubs.c - what SQLite's shell calls that wasi-libc
 * declares but does not define: chmod() (the shell's fsdir and archive
 * commands set file modes). No files on JerichoOS: it fails with ENOSYS. */
#include <errno.h>
#include <sys/stat.h>

int chmod(const char *path, mode_t mode)
{
    (void)path; (void)mode;
    errno = ENOSYS;
    return -1;
}
