/* libc/stdio.h - the printf of prog-task.c (%d %u %x with a zero-padded width, %s, %%, %.Ne). */
int printf(const char *fmt, ...);
