/* tests/wasi/conin-bulk.c - console input in bulk: reads exactly N bytes
 * (argv[1]) from stdin with read() and prints how many came, their sum
 * and the last line. tests/wasi/check.sh types N bytes at once on the
 * serial console when the task says "ready" (a second boot, hostile=
 * conin-bulk). Regression: arm64's PL011 handler read at most 64 bytes and
 * then acknowledged, so bytes typed faster than that stayed in the FIFO
 * with no interrupt pending and the read never completed. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    size_t want = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 0;
    char *buf = malloc(want + 1);
    size_t got = 0, last = 0;
    unsigned long sum = 0;

    if (!buf || want == 0) {
        printf("conin-bulk: usage: conin-bulk BYTES\n");
        return 2;
    }
    printf("conin-bulk: ready for %zu bytes\n", want);
    fflush(stdout);
    while (got < want) {
        /* small reads, as stdio makes them: the task wakes often */
        ssize_t n = read(0, buf + got, want - got < 16 ? want - got : 16);
        if (n <= 0) {
            printf("conin-bulk: read returned %zd after %zu bytes\n", n, got);
            return 1;
        }
        got += (size_t)n;
    }
    buf[got] = '\0';
    for (size_t i = 0; i < got; i++) {
        sum += (unsigned char)buf[i];
        if (buf[i] == '\n' && i + 1 < got)
            last = i + 1;           /* where the last line starts */
    }
    printf("conin-bulk: %zu bytes, sum %lu, last line: %s", got, sum, buf + last);
    printf("conin-bulk: done\n");
    return 0;
}
