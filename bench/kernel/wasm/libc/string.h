/* libc/string.h - empty on purpose: coremark-task.c gives what bench/coremark.c uses. */
#include <stddef.h>
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
