/*
 * wasi-libc.c - a plain C program on Debian's wasi-libc, built with
 * `clang --target=wasm32-wasi` (tests/wasi/suite.mk), run as a kernel
 * task on both arches and under jwasm on the host; tests/wasi/check.sh
 * feeds both the same input and compares what they print. Directives for
 * the kernel run: tests/wasi/wasi-libc.manifest.
 *
 * It uses what a real program uses: printf, malloc/free, clock_gettime
 * (realtime, monotonic), argv, getenv, getentropy and arc4random_buf,
 * nanosleep, poll() on stdin with a timeout, and line reads from stdin.
 * Everything it prints is the same on every run (times and random bytes
 * are only compared, never printed). Prints "ready for input" when it
 * wants the driver to type; echoes lines until "quit" or end of input.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000LL

static long long now_ns(clockid_t c)
{
    struct timespec ts;
    if (clock_gettime(c, &ts) != 0)
        return -1;
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* malloc and free blocks of many sizes, each filled and checked. */
static int heap_ok(void)
{
    char *keep[32];
    for (int i = 0; i < 32; i++) {
        size_t sz = (size_t)16 << (i % 13);
        keep[i] = malloc(sz);
        if (!keep[i])
            return 0;
        memset(keep[i], i, sz);
    }
    for (int i = 0; i < 32; i += 2) {
        free(keep[i]);
        keep[i] = NULL;
    }
    char *big = malloc(1 << 20);
    if (!big)
        return 0;
    memset(big, 0x5a, 1 << 20);
    for (int i = 1; i < 32; i += 2) {
        size_t sz = (size_t)16 << (i % 13);
        for (size_t k = 0; k < sz; k++)
            if (keep[i][k] != (char)i)
                return 0;
        free(keep[i]);
    }
    int ok = big[0] == 0x5a && big[(1 << 20) - 1] == 0x5a;
    free(big);
    return ok;
}

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] %s\n", i, argv[i]);
    const char *g = getenv("GREETING");
    printf("getenv GREETING %s\n", g ? g : "(unset)");
    printf("getenv NOT_SET %s\n", getenv("NOT_SET") ? "set" : "(unset)");
    printf("malloc/free %s\n", heap_ok() ? "ok" : "FAILED");

    long long m0 = now_ns(CLOCK_MONOTONIC), r0 = now_ns(CLOCK_REALTIME);
    printf("clock_gettime monotonic %s, realtime %s\n", m0 >= 0 ? "ok" : "FAILED",
           r0 > 0 ? "ok" : "FAILED");
    struct timespec d = { 0, 20 * MS };
    int rc = nanosleep(&d, NULL);
    long long m1 = now_ns(CLOCK_MONOTONIC), r1 = now_ns(CLOCK_REALTIME);
    printf("nanosleep 20 ms: %d, monotonic advanced %s, realtime advanced %s\n", rc,
           m1 - m0 >= 20 * MS ? "at least 20 ms" : "too little",
           r1 > r0 ? "yes" : "no");

    unsigned char a[32], b[32], c[16], e[16];
    int ga = getentropy(a, sizeof a), gb = getentropy(b, sizeof b);
    printf("getentropy %d %d, the draws differ: %s\n", ga, gb,
           memcmp(a, b, sizeof a) ? "yes" : "no");
    arc4random_buf(c, sizeof c);
    arc4random_buf(e, sizeof e);
    printf("arc4random_buf draws differ: %s\n", memcmp(c, e, sizeof c) ? "yes" : "no");

    /* No input yet (the driver waits for "ready for input"): a timeout. */
    struct pollfd p = { 0, POLLIN, 0 };
    long long t0 = now_ns(CLOCK_MONOTONIC);
    rc = poll(&p, 1, 100);
    long long t1 = now_ns(CLOCK_MONOTONIC);
    printf("poll stdin 100 ms before input: %d, waited %s\n", rc,
           t1 - t0 >= 100 * MS ? "at least 100 ms" : "too little");
    printf("ready for input\n");
    fflush(stdout);
    p.revents = 0;
    rc = poll(&p, 1, 20000);
    printf("poll stdin after input: %d, POLLIN %s\n", rc, (p.revents & POLLIN) ? "set" : "clear");

    char line[256];
    int n = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        printf("echo %d: %s\n", ++n, line);
        if (strcmp(line, "quit") == 0)
            break;
    }
    printf("read %d lines\n", n);
    printf("done\n");
    return 0;
}
