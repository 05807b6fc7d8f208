/* sys.c - jwasm test: clocks, randomness, environment and sched_yield as
 * wasi-libc exposes them. Prints one line per check, "ok" or "bad". */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void check(const char *what, int good)
{
    printf("%s %s\n", what, good ? "ok" : "bad");
}

int main(void)
{
    struct timespec a, b, r;
    int ga = clock_gettime(CLOCK_MONOTONIC, &a) == 0;
    volatile unsigned spin = 0;
    (void)spin;
    for (int i = 0; i < 100000; i++)
        spin += (unsigned)i;
    int gb = clock_gettime(CLOCK_MONOTONIC, &b) == 0;
    check("monotonic", ga && gb && (b.tv_sec > a.tv_sec ||
                                    (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)));
    check("realtime after 2020", time(NULL) > 1577836800);
    check("resolution", clock_getres(CLOCK_MONOTONIC, &r) == 0 && (r.tv_sec || r.tv_nsec));
    unsigned char x[32], y[32];
    memset(x, 0, sizeof x);
    memset(y, 0, sizeof y);
    check("getentropy", getentropy(x, sizeof x) == 0 && getentropy(y, sizeof y) == 0 &&
                            memcmp(x, y, sizeof x) != 0);
    check("empty environment", getenv("HOME") == NULL && getenv("PATH") == NULL);
    check("sched_yield", sched_yield() == 0);
    check("stdout is not a tty here", !isatty(1));
    return 0;
}
