/* ports/lua/wasi_stubs.c - the C library functions Lua calls that
 * wasi-libc lacks (declared there, not defined): system() and tmpfile().
 * There is no shell on JerichoOS: system(NULL) says so (0) and a command
 * fails with -1, as C allows; io.tmpfile() fails as no temporary file can
 * be made (no preopened directory). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

FILE *tmpfile(void)
{
    errno = ENOTSUP;
    return NULL;
}

int system(const char *cmd)
{
    if (cmd == NULL)
        return 0;
    errno = ENOSYS;
    return -1;
}
