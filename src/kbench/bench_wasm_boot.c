/*
 * bench_wasm_boot.c - the boot milestone of a `bench` boot
 * (docs/bench.md): boot_first_wasm.
 *
 * A `bench` boot runs, at the point where a normal boot starts the demo
 * runner, the one-instruction probe bench-first (its _start reads the
 * clock as its first instruction: guest ns since the kernel's first
 * instruction, the clock's origin on both arches). The micro-benchmarks
 * run after that. (A "boot to all demos done" figure was dropped: the
 * demos' own sleeps made most of it, so it measured nothing of the
 * kernel's.)
 */
#include "kbench/bench.h"
#include "hal.h"
#include "kbench/bench_wasm.h"
#include "wasmtask/wtask.h"
#include "klib.h"

static bool wanted(const char *name, const char *prefix)
{
    return strncmp(name, prefix, strlen(prefix)) == 0;
}

void bench_wasm_boot(const char *prefix)
{
    if (wanted("boot_first_wasm", prefix)) {
        static const bench_wasm_task_t t[] = {{"bench-first", {BW_CAP_CLOCK}}};
        bench_wasm_run_t run;
        int64_t first;
        if (bench_wasm_run("boot_first_wasm", t, 1, &run, NULL)) {
            if (bench_wasm_global(&run, 0, "t_first", &first) && first > 0)
                bench_report_ns10("boot_first_wasm", (uint64_t)first * 10);
            else
                bench_error("boot_first_wasm", "no t_first");
            bench_wasm_end(&run);
        }
    }
}
