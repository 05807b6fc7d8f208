/*
 * bench_wasm_boot.c - the boot milestones of a `bench` boot
 * (docs/bench.md): boot_first_wasm and boot_demos_done.
 *
 * A `bench` boot runs, at the point where a normal boot starts the demo
 * runner, first the one-instruction probe bench-first (its _start reads
 * the clock as its first instruction: guest ns since the kernel's first
 * instruction, the clock's origin on both arches), then every demo exactly
 * as a normal boot does (demo_run_images), and reports when they are all
 * done. The micro-benchmarks run after that.
 */
#include "kbench/bench.h"
#include "hal.h"
#include "kbench/bench_wasm.h"
#include "runner/runner.h"
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
    if (wanted("boot_demos_done", prefix)) {
        uint32_t pass = 0, fail = 0;
        uint32_t n;
        const bootmod_t *demos = bootmod_set(BOOTMOD_DEMOS, &n);
        demo_run_images(demos, n, NULL, 0, &pass, &fail);
        if (fail || pass == 0)
            bench_error("boot_demos_done", "%u demos passed, %u failed", pass, fail);
        else
            bench_mark_since_entry("boot_demos_done");
    }
}
