/* hello.c - jwasm test: the classic, through wasi-libc's stdio. */
#include <stdio.h>

int main(void)
{
    printf("Hello, world!\n");
    return 0;
}
