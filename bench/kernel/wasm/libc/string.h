/* libc/string.h - what the bench/ programs use, given by prog-task.c. */
#include <stddef.h>
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
