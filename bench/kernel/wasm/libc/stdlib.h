/* libc/stdlib.h - what the bench/ programs use, given by prog-task.c (malloc: a bump allocator). */
#include <stddef.h>
int atoi(const char *s);
void *malloc(size_t n);
void free(void *p);
