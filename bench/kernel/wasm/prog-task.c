/*
 * prog-task.c - one program of bench/ as a JerichoOS wasm task (rows
 * interp_PROG, src/kbench/bench_wasm.c), compiled once per program with
 * clang --target=wasm32 -nostdlib (no WASI) and
 *   -DPROG_FILE='"fib.c"' -DPROG_ARGS='"24"' -DPROG_ITERS=1
 * (from progs.txt, by wasm.mk). The libc the programs use is given here:
 * printf through the jericho console_write import, malloc from memory.grow.
 *
 * Slot 0: CONSOLE w, slot 1: CLOCK r. _start times the program's main()
 * with PROG_ARGS (it prints its checksum line, which the kernel compares
 * with the native build's, carried in the module's custom section
 * "jericho.expect"), then two clock reads back to back (t_loop: the cost
 * of the timing itself, subtracted). The kernel reads the record
 * `bench_result` from linear memory at the address of the exported global.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

__attribute__((import_module("jericho"), import_name("console_write")))
int32_t jericho_console_write(int32_t cap, const void *p, int32_t len);
__attribute__((import_module("jericho"), import_name("clock_now")))
int64_t jericho_clock_now(int32_t cap);

/* ---- memory --------------------------------------------------------------------- */

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

extern unsigned char __heap_base;
static uintptr_t heap_top;

/* A bump allocator: the programs allocate a few buffers once. */
void *malloc(size_t n)
{
    if (!heap_top)
        heap_top = (uintptr_t)&__heap_base;
    uintptr_t p = (heap_top + 15) & ~(uintptr_t)15;
    if (n > SIZE_MAX - p)
        return NULL;
    uintptr_t end = p + n, have = __builtin_wasm_memory_size(0) * 65536u;
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (size_t)-1)
        return NULL;
    heap_top = end;
    return (void *)p;
}

void free(void *p)
{
    (void)p;
}

int atoi(const char *s)
{
    int v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return v;
}

/* ---- printf ----------------------------------------------------------------------- */

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

/* The exact decimal digits of a finite double's magnitude into dig (no
 * leading zeros; "0" for zero); returns their count and sets *exp10 so
 * that the value is digits * 10^exp10. m * 2^e is m * 5^-e * 10^e for
 * e < 0: a big integer of at most 53 + 2,494 bits either way. */
static int exact_digits(double v, char *dig, int *exp10)
{
    union { double d; uint64_t u; } b = {v};
    int be = (int)(b.u >> 52 & 0x7ff);
    uint64_t m = b.u & ((1ull << 52) - 1);
    int e = be ? be - 1075 : -1074;
    if (be)
        m |= 1ull << 52;
    uint32_t w[90] = {(uint32_t)m, (uint32_t)(m >> 32)};
    int nw = 2;
    *exp10 = e < 0 ? e : 0;
    for (int left = e < 0 ? -e : e; left > 0;) {
        uint32_t k = e < 0 ? (left >= 13 ? 13 : left) : (left >= 31 ? 31 : left);
        uint64_t f = 1, c = 0;
        for (uint32_t i = 0; i < k; i++)
            f *= e < 0 ? 5 : 2;
        left -= (int)k;
        for (int i = 0; i < nw; i++) {
            c += (uint64_t)w[i] * f;
            w[i] = (uint32_t)c;
            c >>= 32;
        }
        if (c)
            w[nw++] = (uint32_t)c;
    }
    /* Nine decimal digits at a time, least significant first. */
    char rev[800];
    int nd = 0;
    while (nw > 0) {
        uint64_t r = 0;
        for (int i = nw - 1; i >= 0; i--) {
            uint64_t cur = r << 32 | w[i];
            w[i] = (uint32_t)(cur / 1000000000u);
            r = cur % 1000000000u;
        }
        while (nw > 0 && w[nw - 1] == 0)
            nw--;
        for (int i = 0; i < 9; i++, r /= 10)
            rev[nd++] = (char)('0' + r % 10);
    }
    while (nd > 1 && rev[nd - 1] == '0')
        nd--;
    for (int i = 0; i < nd; i++)
        dig[i] = rev[nd - 1 - i];
    return nd;
}

/* %.{prec}e as glibc prints it: the exact value rounded half to even. */
static char *put_e(char *o, double v, int prec)
{
    union { double d; uint64_t u; } b = {v};
    if (b.u >> 63)
        *o++ = '-';
    if ((b.u >> 52 & 0x7ff) == 0x7ff) {
        const char *s = b.u << 12 ? "nan" : "inf";
        while (*s)
            *o++ = *s++;
        return o;
    }
    char dig[801];
    int x10, nd = exact_digits(v, dig, &x10);
    int x = dig[0] == '0' ? 0 : nd - 1 + x10;
    if (nd > prec + 1) {
        char c = dig[prec + 1];
        bool rest = false;
        for (int i = prec + 2; i < nd; i++)
            rest |= dig[i] != '0';
        if (c > '5' || (c == '5' && (rest || (dig[prec] - '0') % 2))) {
            int i = prec;
            for (; i >= 0 && dig[i] == '9'; i--)
                dig[i] = '0';
            if (i >= 0) {
                dig[i]++;
            } else {
                dig[0] = '1';
                x++;
            }
        }
    }
    for (int i = nd; i <= prec; i++)
        dig[i] = '0';
    *o++ = dig[0];
    if (prec > 0)
        *o++ = '.';
    for (int i = 1; i <= prec; i++)
        *o++ = dig[i];
    *o++ = 'e';
    *o++ = x < 0 ? '-' : '+';
    return put_u(o, (uint32_t)(x < 0 ? -x : x), 10, 2);
}

/* %d %u %x with a zero-padded width, %s, %%, %.Ne: what the bench/ programs print. */
int printf(const char *fmt, ...)
{
    char buf[200], *o = buf;
    va_list ap;
    va_start(ap, fmt);
    for (const char *f = fmt; *f && o < buf + sizeof buf - 40; f++) {
        if (*f != '%') {
            *o++ = *f;
            continue;
        }
        int width = 0, prec = 6;
        f++;
        while (*f >= '0' && *f <= '9')
            width = width * 10 + (*f++ - '0');
        if (*f == '.')
            for (prec = 0, f++; *f >= '0' && *f <= '9';)
                prec = prec * 10 + (*f++ - '0');
        if (*f == 'd') {
            int32_t v = va_arg(ap, int32_t);
            if (v < 0)
                *o++ = '-';
            o = put_u(o, v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, width);
        } else if (*f == 'u') {
            o = put_u(o, va_arg(ap, uint32_t), 10, width);
        } else if (*f == 'x') {
            o = put_u(o, va_arg(ap, uint32_t), 16, width);
        } else if (*f == 'e') {
            o = put_e(o, va_arg(ap, double), prec > 20 ? 20 : prec);
        } else if (*f == 's') {
            for (const char *s = va_arg(ap, const char *); *s && o < buf + sizeof buf - 40;)
                *o++ = *s++;
        } else if (*f == '%') {
            *o++ = '%';
        }
    }
    va_end(ap);
    return jericho_console_write(0, buf, (int32_t)(o - buf));
}

/* ---- the program ------------------------------------------------------------------- */

#define main prog_main
#include PROG_FILE      /* bench/PROG.c; its <stdio.h> etc. are libc/ here */
#undef main

/* ---- the task ------------------------------------------------------------------ */

struct {
    int64_t n, t_ops, t_loop;
    int32_t ok;
} bench_result;

void _start(void)
{
    static char args[] = PROG_ARGS;
    char *argv[8] = {"prog"};
    int argc = 1;
    for (char *p = args; *p && argc < 7;) {
        argv[argc++] = p;
        while (*p && *p != ' ')
            p++;
        while (*p == ' ')
            *p++ = 0;
    }
    int64_t t0 = jericho_clock_now(1);
    int rc = prog_main(argc, argv);
    int64_t t1 = jericho_clock_now(1);
    int64_t t2 = jericho_clock_now(1);
    bench_result.n = PROG_ITERS;
    bench_result.t_ops = t1 - t0;
    bench_result.t_loop = t2 - t1;
    bench_result.ok = rc == 0 && t0 > 0;
}
