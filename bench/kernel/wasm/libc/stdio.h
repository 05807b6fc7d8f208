/* libc/stdio.h - empty on purpose: coremark-task.c gives what bench/coremark.c uses. */
