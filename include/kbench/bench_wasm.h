/*
 * bench_wasm.h - the wasm modules of the in-kernel wasm benchmarks
 * (bench/kernel/wasm/, packed by demos/pack.py into the boot-module
 * archive, docs/bootpack.md; the table is built at boot by bootmod.c) and the small runner the benchmarks share
 * (bench_wasm_run.c). Method: docs/bench.md.
 */
#ifndef JERICHO_KBENCH_BENCH_WASM_H
#define JERICHO_KBENCH_BENCH_WASM_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const char *name;       /* file name without .wasm */
    const uint8_t *wasm;
    uint32_t len;
} bench_wasm_mod_t;

/* Empty (NULL, 0) without boot modules. */
extern const bench_wasm_mod_t *bench_wasm_mods;
extern uint32_t bench_wasm_nmods;
/* The module called name, or NULL. */
const bench_wasm_mod_t *bench_wasm_find(const char *name);
/* The interp_* rows read the line each program must print from its own
 * module (custom section "jericho.expect", bench_wasm.c). */

#ifdef JERICHO_KERNEL
#include "wasmtask/wtask.h"

/* Capabilities a benchmark task gets, slot by slot. */
typedef enum {
    BW_CAP_NONE = 0,
    BW_CAP_CONSOLE,     /* CONSOLE w */
    BW_CAP_CLOCK,       /* CLOCK r */
    BW_CAP_EP_RECV,     /* the run's endpoint, r */
    BW_CAP_EP_SEND,     /* the run's endpoint, w */
    BW_CAP_EP_GRANT,    /* the run's endpoint, wg (to pass a capability) */
    BW_CAP_SPAWN,       /* SPAWN w on the run's quota (mem_create) */
    BW_CAP_NTFN_A,      /* the run's first notification, rw */
    BW_CAP_NTFN_B,      /* the run's second notification, rw */
    BW_CAP_RNG,         /* DEVICE rw: virtio-rng (kernel/device.h) */
    BW_CAP_NET,         /* DEVICE rw: virtio-net */
} bench_wasm_cap_t;

#define BW_MAX_TASKS 2
#define BW_MAX_CAPS 6

typedef struct {
    const char *module;             /* bench_wasm_mods[].name */
    bench_wasm_cap_t caps[BW_MAX_CAPS];     /* caps[i] into slot i */
} bench_wasm_task_t;

typedef struct {
    wtask_t *w[BW_MAX_TASKS];       /* held until bench_wasm_end */
    uint32_t n;
} bench_wasm_run_t;

/* Create the tasks of spec[0..n) (priority BW_PRIO, one fresh endpoint
 * shared by the run), start them in order and wait until all have ended
 * (at most BW_LIMIT_NS of guest time, then they are killed). before_start,
 * if not NULL, runs once the tasks and their capabilities exist, before
 * any starts. False (reported as an error of `bench`) when a task could
 * not be made or ended with its export `ok` (if it has one) other than 1. */
bool bench_wasm_run(const char *bench, const bench_wasm_task_t *spec, uint32_t n,
                    bench_wasm_run_t *run, void (*before_start)(bench_wasm_run_t *run));
/* bench_wasm_run, and tick(run) after each poll while the tasks run
 * (every BW_POLL_NS of guest time: a tick). Task i is a service when bit
 * i of services is set: a server that never ends (a driver); the run
 * waits for the others, then kills it, and does not check its `ok`. */
bool bench_wasm_run_polled(const char *bench, const bench_wasm_task_t *spec, uint32_t n,
                           bench_wasm_run_t *run, void (*before_start)(bench_wasm_run_t *run),
                           void (*tick)(bench_wasm_run_t *run), uint32_t services);
/* An exported global of task i as a signed 64-bit value (i32 sign-extended);
 * false if there is none. */
bool bench_wasm_global(const bench_wasm_run_t *run, uint32_t i, const char *name, int64_t *out);
/* Release the tasks (the reaper frees them). */
void bench_wasm_end(bench_wasm_run_t *run);
/* Report (t_ops - t_loop) / (n * per) from task i's exports n, t_ops,
 * t_loop (guest ns) as `name` in ns; an error if they are missing or the
 * loop cost more than the operations. */
void bench_wasm_report(const char *name, const bench_wasm_run_t *run, uint32_t i, uint64_t per);

#define BW_PRIO 10

/* The boot milestone of a `bench` boot (bench_wasm_boot.c): the first
 * wasm instruction, when prefix selects it. Called by kernel_main where a
 * normal boot starts the demos. */
void bench_wasm_boot(const char *prefix);
#endif

#endif
