/* stdin.c - jwasm test: copies stdin to stdout upper-cased (fd_read), then
 * reports the byte count on stderr. */
#include <ctype.h>
#include <stdio.h>

int main(void)
{
    int c;
    long n = 0;
    while ((c = getchar()) != EOF) {
        putchar(toupper(c));
        n++;
    }
    fprintf(stderr, "read %ld bytes\n", n);
    return 0;
}
