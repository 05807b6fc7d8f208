/*
 * bench.c - the in-kernel benchmark runner and the report lines that
 * bench/kernel/ reads (protocol in include/kbench/bench.h and docs/bench.md).
 */
#include "kbench/bench.h"
#include "hal.h"
#include "klib.h"

extern const kbench_t __kbench_start[], __kbench_end[];

static const boot_info_t *boot_info;
static uint64_t kmain_counter;
static bool active, begun;
static int reported, errors;

/* The begin line comes before the first figure, whoever reports it first
 * (a boot milestone or the runner). */
static void begin_once(void)
{
    if (begun)
        return;
    begun = true;
    kprintf("[bench] begin jericho %s %llu\n", arch_name(),
            (unsigned long long)arch_counter_hz());
}

uint64_t bench_ticks_to_ns10(uint64_t ticks)
{
    uint64_t hz = arch_counter_hz();
    if (hz == 0)
        return 0;
    /* Whole seconds, then the rest in ns and tenths, so that nothing
     * overflows for any counter below 18 GHz (rem * 10^9 < 2^64). */
    uint64_t rem = ticks % hz * 1000000000ull;
    return ticks / hz * 10000000000ull + rem / hz * 10 + rem % hz * 10 / hz;
}

/* A name the driver accepts: [a-z0-9_]+ (anything else would be dropped
 * as a malformed line, so refuse it here where the mistake is made). */
static bool name_ok(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

void bench_report(const char *name, uint64_t value, const char *unit)
{
    if (!name_ok(name)) {
        bench_error("report", "bad benchmark name \"%s\"", name);
        return;
    }
    begin_once();
    kprintf("[bench] %s %llu %s\n", name, (unsigned long long)value, unit);
    reported++;
}

void bench_report_ticks(const char *name, uint64_t ticks, uint64_t n)
{
    if (!name_ok(name) || n == 0) {
        bench_error("report", "bad report \"%s\" over %llu operations", name,
                    (unsigned long long)n);
        return;
    }
    uint64_t per = bench_ticks_to_ns10(ticks) / n;
    begin_once();
    kprintf("[bench] %s %llu.%llu ns\n", name, (unsigned long long)(per / 10),
            (unsigned long long)(per % 10));
    reported++;
}

void bench_report_ns10(const char *name, uint64_t ns10)
{
    if (!name_ok(name)) {
        bench_error("report", "bad benchmark name \"%s\"", name);
        return;
    }
    begin_once();
    kprintf("[bench] %s %llu.%llu ns\n", name, (unsigned long long)(ns10 / 10),
            (unsigned long long)(ns10 % 10));
    reported++;
}

void bench_error(const char *name, const char *fmt, ...)
{
    errors++;
    begin_once();
    kprintf("[bench] error: %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
}

void bench_mark_kernel_main(const boot_info_t *bi)
{
    kmain_counter = arch_counter();
    boot_info = bi;
    active = kcmdline_has(bi->cmdline, "bench");
}

const boot_info_t *bench_boot_info(void)
{
    return boot_info;
}

uint64_t bench_kernel_main_counter(void)
{
    return kmain_counter;
}

bool bench_active(void)
{
    return active;
}

int bench_run_all(const char *prefix)
{
    active = true;
    begin_once();
    size_t plen = strlen(prefix);
    for (const kbench_t *b = __kbench_start; b < __kbench_end; b++)
        if (strncmp(b->name, prefix, plen) == 0)
            b->fn();
    kprintf("[bench] done: %d reported, %d errors\n", reported, errors);
    return errors;
}
