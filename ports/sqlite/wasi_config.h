/* ports/sqlite/wasi_config.h - given to shell.c with clang -include (the
 * Debian sources are not edited): wasi-libc defines no chmod() and does
 * not declare it; ports/sqlite/wasi_stubs.c has one that fails. */
#include <sys/types.h>

int chmod(const char *path, mode_t mode);
