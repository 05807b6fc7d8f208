/*
 * bench.h - in-kernel benchmarks and the lines `make bench` reads
 * (bench/kernel/, method in docs/bench.md).
 *
 * A benchmark is a function registered with KBENCH(name) { ... } that
 * measures something and reports it with bench_report*(). When the command
 * line contains "bench" (or "bench=PREFIX": only benchmarks whose name
 * starts with PREFIX), kernel_main runs every registered benchmark and the
 * console shows
 *     [bench] begin jericho ARCH COUNTER_HZ
 *     [bench] NAME VALUE UNIT        one line per figure
 *     [bench] error: NAME: what      a benchmark that could not measure
 *     [bench] done: N reported, E errors
 * and the kernel powers off with status 0 if E == 0, else 1. NAME is
 * [a-z0-9_]+, VALUE a decimal with at most one fractional digit, UNIT one
 * of "ns" (guest time: counter ticks converted with arch_counter_hz; under
 * QEMU -icount shift=0 one ns is exactly one guest instruction), "bytes" or
 * "count". Figures measured outside a KBENCH function (the boot milestone
 * boot_first_wasm) are reported before the runner's "done" line.
 * Benchmarks are collected through the .kbench linker section, so adding
 * one needs no list to edit.
 *
 * Order in kernel_main: bench_mark_kernel_main(bi) first (it also notes
 * whether the command line asks for bench, so bench_active() is true from
 * then on and boot milestones can be reported as they happen), the normal
 * boot, then bench_wasm_boot (boot_first_wasm) where a normal boot starts
 * the demos, then bench_run_all and power-off; demo_run_all returns at
 * once under bench: no demo runs in a bench boot.
 */
#ifndef JERICHO_KBENCH_BENCH_H
#define JERICHO_KBENCH_BENCH_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/info.h"

typedef struct {
    const char *name;
    void (*fn)(void);
} kbench_t;

#define KBENCH(name_)                                                       \
    static void kbench_fn_##name_(void);                                    \
    static const kbench_t kbench_##name_                                    \
        __attribute__((used, section(".kbench"), aligned(8))) = {           \
            #name_, kbench_fn_##name_};                                     \
    static void kbench_fn_##name_(void)

/* Report one figure (value in unit). */
void bench_report(const char *name, uint64_t value, const char *unit);
/* Report `ticks` counter ticks spent on n operations as ns per operation,
 * with one decimal (n > 0). */
void bench_report_ticks(const char *name, uint64_t ticks, uint64_t n);
/* Report tenths of a nanosecond of guest time per operation, ns10 / 10
 * (figures measured in guest ns, e.g. by a wasm task through clock_now). */
void bench_report_ns10(const char *name, uint64_t ns10);
/* Record that a benchmark could not measure (the run then fails). */
void bench_error(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Counter ticks to tenths of a nanosecond of guest time. */
uint64_t bench_ticks_to_ns10(uint64_t ticks);

/* Called first thing in kernel_main: remembers the boot information and
 * the counter at that point (the boot benchmarks use both), and whether
 * the command line holds "bench" or "bench=PREFIX". */
void bench_mark_kernel_main(const boot_info_t *bi);
/* The boot information and the counter values at the kernel's first
 * instruction and at kernel_main (0 before bench_mark_kernel_main). */
const boot_info_t *bench_boot_info(void);
uint64_t bench_kernel_main_counter(void);
/* True when the command line asked for bench. */
bool bench_active(void);

/* Run the benchmarks whose name starts with prefix ("" = all) and print the
 * closing line; returns the number of errors. */
int bench_run_all(const char *prefix);

#endif
