/*
 * init.c - the Linux baseline for `make bench-linux`: a static /init that
 * measures the operations JerichoOS is compared with, prints them in the
 * bench protocol (docs/bench.md), and powers the VM off.
 *
 *   [bench] begin linux ARCH COUNTER_HZ
 *   [bench] boot_init VALUE ns     counter at the start of main: guest time
 *                                  since reset (under -icount shift=0,
 *                                  1 ns = 1 guest instruction)
 *   [bench] boot_init_kernel VALUE ns  CLOCK_MONOTONIC at the start of main:
 *                                  guest time since the Linux kernel started
 *                                  its clock (after firmware, loading and
 *                                  decompression)
 *   [bench] getpid VALUE ns        one getpid system call
 *   [bench] pipe_rtt VALUE ns      16-byte ping-pong over two pipes between
 *                                  two processes: one round trip
 *   [bench] pipe_16b VALUE ns      one 16-byte message through one pipe,
 *                                  one way, writer and reader processes
 *   [bench] sched_yield VALUE ns   one switch of a sched_yield ping-pong
 *                                  between two processes (-smp 1)
 *   [bench] write_console_16b VALUE ns  write(2) of 16 bytes ending in a
 *                                  newline to the console (stdout: the
 *                                  serial port), one line per call
 *   [bench] write_null_16b VALUE ns  write(2) of 16 bytes to /dev/null
 *   [bench] clock_gettime VALUE ns  clock_gettime(CLOCK_MONOTONIC) as libc
 *                                  does it (the vDSO where there is one)
 *   [bench] done: N reported
 *
 * VALUE has one decimal. Time comes from the free-running counter the
 * JerichoOS kernel uses too: the TSC on x86-64 (its rate measured against
 * CLOCK_MONOTONIC and rounded to the MHz, as the kernel's HAL does) and
 * CNTVCT at CNTFRQ on arm64. Every failure is printed as "[bench] error:"
 * and ends the run with an error status (the driver sees no "done" line).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N_GETPID 100000
#define N_PIPE_RTT 10000
#define N_PIPE_MSG 50000
#define N_YIELD 20000
#define N_WRITE_CONSOLE 1000
#define N_WRITE_NULL 100000
#define N_CLOCK 100000
#define MSG 16

static uint64_t counter_hz;
static int reported;

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

#if defined(__x86_64__)
#define ARCH "x86_64"
static inline uint64_t counter(void)
{
    uint32_t lo, hi;
    __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
    return (uint64_t)hi << 32 | lo;
}

/* The TSC rate: ticks over 20 ms of CLOCK_MONOTONIC, rounded to the MHz. */
static uint64_t counter_rate(void)
{
    uint64_t t0 = mono_ns(), c0 = counter(), t1;
    do
        t1 = mono_ns();
    while (t1 - t0 < 20000000u);
    uint64_t c1 = counter();
    uint64_t hz = (uint64_t)((double)(c1 - c0) * 1e9 / (double)(t1 - t0));
    return (hz + 500000) / 1000000 * 1000000;
}
#elif defined(__aarch64__)
#define ARCH "arm64"
static inline uint64_t counter(void)
{
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
    return v;
}

static uint64_t counter_rate(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}
#else
#error "bench/linux/init.c: x86_64 or aarch64 only"
#endif

/* Counter ticks to nanoseconds, without overflow for any realistic span. */
static uint64_t ticks_ns(uint64_t t)
{
    return t / counter_hz * 1000000000u + t % counter_hz * 1000000000u / counter_hz;
}

static void report(const char *name, uint64_t ticks, uint64_t n)
{
    uint64_t ns10 = ticks_ns(ticks) * 10 / n;   /* tenths of a ns */
    printf("[bench] %s %llu.%llu ns\n", name, (unsigned long long)(ns10 / 10),
           (unsigned long long)(ns10 % 10));
    fflush(stdout);
    reported++;
}

static void fail(const char *what)
{
    printf("[bench] error: %s: %s\n", what, strerror(errno));
    fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    _exit(1);
}

/* Read or write exactly n bytes (pipes may split or merge). */
static void xfer(int fd, void *buf, size_t n, int wr)
{
    char *p = buf;
    while (n) {
        ssize_t r = wr ? write(fd, p, n) : read(fd, p, n);
        if (r <= 0) {
            if (r < 0 && errno == EINTR)
                continue;
            if (r == 0)
                errno = EPIPE;
            fail(wr ? "write" : "read");
        }
        p += r;
        n -= (size_t)r;
    }
}

static void reap(pid_t pid)
{
    int st;
    if (waitpid(pid, &st, 0) != pid)
        fail("waitpid");
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        errno = ECHILD;
        fail("child failed");
    }
}

static void bench_getpid(void)
{
    uint64_t c0 = counter();
    for (int i = 0; i < N_GETPID; i++)
        syscall(SYS_getpid);
    report("getpid", counter() - c0, N_GETPID);
}

static void bench_pipe_rtt(void)
{
    int ab[2], ba[2];
    char buf[MSG] = "ping-pong-16byte";
    if (pipe(ab) || pipe(ba))
        fail("pipe");
    pid_t pid = fork();
    if (pid < 0)
        fail("fork");
    if (pid == 0) {
        for (int i = 0; i < N_PIPE_RTT + 1; i++) {
            xfer(ab[0], buf, MSG, 0);
            xfer(ba[1], buf, MSG, 1);
        }
        _exit(0);
    }
    /* One warm-up round trip: the child has run and faulted its pages in. */
    xfer(ab[1], buf, MSG, 1);
    xfer(ba[0], buf, MSG, 0);
    uint64_t c0 = counter();
    for (int i = 0; i < N_PIPE_RTT; i++) {
        xfer(ab[1], buf, MSG, 1);
        xfer(ba[0], buf, MSG, 0);
    }
    uint64_t c1 = counter();
    reap(pid);
    close(ab[0]); close(ab[1]); close(ba[0]); close(ba[1]);
    report("pipe_rtt", c1 - c0, N_PIPE_RTT);
}

/* The child writes N 16-byte messages; the parent reads them one by one
 * and times from the first message to the last. */
static void bench_pipe_16b(void)
{
    int p[2];
    char buf[MSG] = "one-way-16-bytes";
    if (pipe(p))
        fail("pipe");
    pid_t pid = fork();
    if (pid < 0)
        fail("fork");
    if (pid == 0) {
        close(p[0]);
        for (int i = 0; i < N_PIPE_MSG + 1; i++)
            xfer(p[1], buf, MSG, 1);
        _exit(0);
    }
    close(p[1]);
    xfer(p[0], buf, MSG, 0);        /* the writer is running */
    uint64_t c0 = counter();
    for (int i = 0; i < N_PIPE_MSG; i++)
        xfer(p[0], buf, MSG, 0);
    uint64_t c1 = counter();
    reap(pid);
    close(p[0]);
    report("pipe_16b", c1 - c0, N_PIPE_MSG);
}

/* Two processes on one CPU, each yielding N times: 2N switches. */
static void bench_yield(void)
{
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    if (sched_setaffinity(0, sizeof one, &one))
        fail("sched_setaffinity");
    int go[2];
    if (pipe(go))
        fail("pipe");
    pid_t pid = fork();
    if (pid < 0)
        fail("fork");
    char b = 0;
    if (pid == 0) {
        xfer(go[0], &b, 1, 0);
        for (int i = 0; i < N_YIELD; i++)
            sched_yield();
        _exit(0);
    }
    uint64_t c0 = counter();
    xfer(go[1], &b, 1, 1);
    for (int i = 0; i < N_YIELD; i++)
        sched_yield();
    reap(pid);
    uint64_t c1 = counter();
    close(go[0]); close(go[1]);
    report("sched_yield", c1 - c0, 2 * (uint64_t)N_YIELD);
}

/* 16 bytes to the console (the serial port: what a JerichoOS task's
 * fd_write line costs is compared with this) and to /dev/null. */
static void bench_write(void)
{
    static char line[MSG] = "0123456789abcde\n";
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0)
        fail("open /dev/null");
    xfer(1, line, MSG, 1);
    uint64_t c0 = counter();
    for (int i = 0; i < N_WRITE_CONSOLE; i++)
        xfer(1, line, MSG, 1);
    uint64_t c1 = counter();
    for (int i = 0; i < N_WRITE_NULL; i++)
        xfer(fd, line, MSG, 1);
    uint64_t c2 = counter();
    close(fd);
    report("write_console_16b", c1 - c0, N_WRITE_CONSOLE);
    report("write_null_16b", c2 - c1, N_WRITE_NULL);
}

static void bench_clock_gettime(void)
{
    struct timespec ts;
    uint64_t c0 = counter();
    for (int i = 0; i < N_CLOCK; i++)
        clock_gettime(CLOCK_MONOTONIC, &ts);
    report("clock_gettime", counter() - c0, N_CLOCK);
}

int main(void)
{
    uint64_t boot = counter(), boot_mono = mono_ns();
    counter_hz = counter_rate();
    if (counter_hz == 0) {
        errno = EINVAL;
        fail("counter frequency");
    }
    printf("[bench] begin linux %s %llu\n", ARCH, (unsigned long long)counter_hz);
    report("boot_init", boot, 1);
    printf("[bench] boot_init_kernel %llu.0 ns\n", (unsigned long long)boot_mono);
    reported++;
    bench_getpid();
    bench_pipe_rtt();
    bench_pipe_16b();
    bench_yield();
    fflush(stdout);
    bench_write();
    bench_clock_gettime();
    printf("[bench] done: %d reported\n", reported);
    fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    fail("reboot");
    return 1;
}
