/*
 * coremark-task.c - bench/coremark.c as a JerichoOS wasm task (row
 * interp_coremark), built with clang --target=wasm32 -nostdlib (no WASI):
 * the few libc functions coremark.c uses are given here, printf through
 * the jericho console_write import.
 *
 * Slot 0: CONSOLE w, slot 1: CLOCK r. _start times coremark's main() with
 * ITERS iterations (it prints its CRC line, which the kernel checks), and
 * then two clock reads back to back (t_loop: the cost of the timing
 * itself, subtracted). The kernel reads the record `bench_result` from
 * linear memory at the address the exported global of --export-all gives.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ITERS 100

__attribute__((import_module("jericho"), import_name("console_write")))
int32_t jericho_console_write(int32_t cap, const void *p, int32_t len);
__attribute__((import_module("jericho"), import_name("clock_now")))
int64_t jericho_clock_now(int32_t cap);

/* ---- the libc coremark.c needs -------------------------------------------- */

void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

static int cm_atoi(const char *s)
{
    int v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return v;
}

static char *put_u(char *o, uint32_t v, unsigned base, int width)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n < width)
        tmp[n++] = '0';
    while (n)
        *o++ = tmp[--n];
    return o;
}

/* %u, %04x, %s and %% only: what coremark.c prints. */
static int cm_printf(const char *fmt, ...)
{
    char buf[160], *o = buf;
    va_list ap;
    va_start(ap, fmt);
    for (const char *f = fmt; *f && o < buf + sizeof buf - 16; f++) {
        if (*f != '%') {
            *o++ = *f;
            continue;
        }
        int width = 0;
        f++;
        while (*f >= '0' && *f <= '9')
            width = width * 10 + (*f++ - '0');
        if (*f == 'u' || *f == 'd')
            o = put_u(o, va_arg(ap, uint32_t), 10, width);
        else if (*f == 'x')
            o = put_u(o, va_arg(ap, uint32_t), 16, width);
        else if (*f == '%')
            *o++ = '%';
    }
    va_end(ap);
    return jericho_console_write(0, buf, (int32_t)(o - buf));
}

#define main coremark_main
#define printf cm_printf
#define atoi cm_atoi
#include "coremark.c"     /* bench/coremark.c; its <stdio.h> etc. are libc/ here */

/* ---- the task ------------------------------------------------------------------ */

struct {
    int64_t n, t_ops, t_loop;
    int32_t ok;
} bench_result;

void _start(void)
{
    static char arg[12];
    char *argv[3] = {"coremark", arg, 0};
    put_u(arg, ITERS, 10, 0);
    int64_t t0 = jericho_clock_now(1);
    int rc = coremark_main(2, argv);
    int64_t t1 = jericho_clock_now(1);
    int64_t t2 = jericho_clock_now(1);
    bench_result.n = ITERS;
    bench_result.t_ops = t1 - t0;
    bench_result.t_loop = t2 - t1;
    bench_result.ok = rc == 0 && t0 > 0;
}
