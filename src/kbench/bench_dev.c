/*
 * bench_dev.c - the benchmarks of devices and memory regions (docs/bench.md,
 * "The rows"): a device register read from wasm (dev_read_wasm), an
 * interrupt delivered to a waiting driver task (dev_irq_wasm: from
 * kernel_device_irq to the task's wait returning), and one 64-byte message through the
 * shared-memory channel between two wasm tasks, one per send
 * (shm_chan_oneway) and sixteen per send (shm_chan_batch16). The modules
 * are bench/kernel/wasm/bench-devread, bench-devirq, bench-shm-send and
 * bench-shm-recv; like the other wasm rows, each times its own loop with
 * clock_now and subtracts the same loop without the operation.
 */
#include "kbench/bench.h"
#include "kbench/bench_wasm.h"
#include "kernel/crit.h"
#include "kernel/device.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "klib.h"

static bool have_rng(const char *row)
{
    if (device_find("virtio-rng"))
        return true;
    bench_error(row, "no virtio-rng device (QEMU's DEVICES must include rng)");
    return false;
}

KBENCH(dev_read_wasm)
{
    static const bench_wasm_task_t t[] = {{"bench-devread", {BW_CAP_RNG, BW_CAP_CLOCK}}};
    bench_wasm_run_t run;
    if (!have_rng("dev_read_wasm") || !bench_wasm_run("dev_read_wasm", t, 1, &run, NULL))
        return;
    bench_wasm_report("dev_read_wasm", &run, 0, 1);
    bench_wasm_end(&run);
}

/* dev_irq_wasm: a kernel thread below the task's priority raises the
 * device's line (kernel_device_irq with interrupts off, as the arch's
 * handler calls it) each time the task is blocked on its notification,
 * and sums the times it did; the task sums the times its wait returned. */
static struct {
    task_t *victim;
    uint32_t line, raised, limit;
    uint64_t sum_raise;
    volatile bool stop;
} irq;

static void raiser(void *arg)
{
    (void)arg;
    while (!irq.stop && irq.raised < irq.limit) {
        task_safe_point();
        if (irq.victim->state != TASK_BLOCKED_NOTIFY) {
            sched_yield();
            continue;
        }
        kcrit_t s = kcrit_enter();
        uint64_t t = arch_time_ns();
        if (irq.raised++)       /* the first is the task's warm-up */
            irq.sum_raise += t;
        kernel_device_irq(irq.line);
        kcrit_leave(s);
    }
}

static task_t *raiser_task;

static void start_raiser(bench_wasm_run_t *run)
{
    irq.victim = run->w[0]->task;
    if (task_create(NULL, "irq-raiser", BW_PRIO - 1, 8, raiser, NULL, &raiser_task) ||
        task_start(raiser_task)) {
        bench_error("dev_irq_wasm", "cannot start the raiser thread");
        raiser_task = NULL;
    }
}

KBENCH(dev_irq_wasm)
{
    static const bench_wasm_task_t t[] = {
        {"bench-devirq", {BW_CAP_RNG, BW_CAP_CLOCK, BW_CAP_NTFN_A}},
    };
    if (!have_rng("dev_irq_wasm"))
        return;
    device_t *d = device_find("virtio-rng");
    irq = (typeof(irq)){.line = d->hw->irq, .limit = 2001};
    bench_wasm_run_t run;
    bool ok = bench_wasm_run("dev_irq_wasm", t, 1, &run, start_raiser);
    irq.stop = true;
    if (raiser_task) {
        int code;
        task_join(raiser_task, &code);
        kobj_unref(&raiser_task->obj);
        raiser_task = NULL;
    }
    if (!ok)
        return;
    int64_t n, wake;
    if (!bench_wasm_global(&run, 0, "n", &n) || !bench_wasm_global(&run, 0, "sum_wake", &wake) ||
        n <= 0 || irq.raised != (uint32_t)n + 1 || (uint64_t)wake < irq.sum_raise)
        bench_error("dev_irq_wasm", "implausible figures: %u raised for n %lld", irq.raised,
                    (long long)n);
    else
        bench_report_ns10("dev_irq_wasm", ((uint64_t)wake - irq.sum_raise) * 10 / (uint64_t)n);
    bench_wasm_end(&run);
}

KBENCH(shm_chan)
{
    static const bench_wasm_task_t t[] = {
        {"bench-shm-recv", {BW_CAP_EP_RECV, BW_CAP_NTFN_A, BW_CAP_NTFN_B}},
        {"bench-shm-send", {BW_CAP_EP_GRANT, BW_CAP_CLOCK, BW_CAP_SPAWN, BW_CAP_NTFN_A,
                            BW_CAP_NTFN_B}},
    };
    bench_wasm_run_t run;
    if (!bench_wasm_run("shm_chan_oneway", t, 2, &run, NULL))
        return;
    int64_t got, n, batch, bloop;
    if (!bench_wasm_global(&run, 0, "got", &got) || !bench_wasm_global(&run, 1, "n", &n) ||
        got != 2 * n + 1) {
        bench_error("shm_chan_oneway", "the receiver got %lld messages, not 2n + 1",
                    (long long)got);
    } else {
        bench_wasm_report("shm_chan_oneway", &run, 1, 1);
        if (!bench_wasm_global(&run, 1, "t_batch", &batch) ||
            !bench_wasm_global(&run, 1, "t_bloop", &bloop) || batch < bloop || n <= 0)
            bench_error("shm_chan_batch16", "implausible figures");
        else
            bench_report_ns10("shm_chan_batch16", (uint64_t)(batch - bloop) * 10 / (uint64_t)n);
    }
    bench_wasm_end(&run);
}
