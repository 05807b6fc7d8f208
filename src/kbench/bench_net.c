/*
 * bench_net.c - frames through the virtio-net driver (docs/bench.md,
 * "Frames through virtio-net"): the real driver task
 * (drivers/net/virtio-net.c, a service of the run) and a client
 * (bench/kernel/wasm/bench-net.c) that attaches a ring region and makes
 * ARP round trips with QEMU's user-network gateway 10.0.2.2: one frame
 * out, its answer in. The client times its N round trips with clock_now
 * and marks the start and end of the timed part in its record (phase 1,
 * then 2), sleeping 30 ms after each mark; this benchmark samples the
 * driver's and the client's CPU time (sched_cpu_ns, counted for both
 * from their start) at each tick and keeps the samples it took while
 * the record said 1 and 2, when both tasks are idle. Rows, per frame
 * (N frames out and N in):
 *   net_frame_guest   guest time of the round trips / 2N: what the frame
 *                     rate is in guest time (under icount dominated by
 *                     the wait for QEMU's main loop, see docs/bench.md)
 *   net_frame_driver  the driver task's CPU time / 2N: its own receive
 *                     and transmit path (interrupts, registers, rings,
 *                     copies), in instructions under icount
 *   net_frame_client  the client's CPU time / 2N
 */
#include "kbench/bench.h"
#include "kbench/bench_wasm.h"
#include "kernel/device.h"
#include "kernel/sched.h"
#include "klib.h"

/* The client's record (bench-net.c's bench_net). */
typedef struct {
    int64_t n, t_ns;
    int32_t ok, phase;
} net_record_t;

static struct {
    uint64_t drv[3], cli[3];        /* CPU ns sampled at phase 1 and 2 */
    bool seen[3];
} smp;

static bool record(bench_wasm_run_t *run, net_record_t *r)
{
    int64_t addr;
    wasm_memory_t *mem = run->w[1]->inst ? wasm_instance_memory(run->w[1]->inst) : NULL;
    if (!mem || !bench_wasm_global(run, 1, "bench_net", &addr) || addr < 0 ||
        (uint64_t)addr + sizeof *r > wasm_memory_size(mem))
        return false;
    memcpy(r, wasm_memory_data(mem) + addr, sizeof *r);
    return true;
}

static void account(bench_wasm_run_t *run)
{
    sched_account(run->w[0]->task);
    sched_account(run->w[1]->task);
}

static void sample(bench_wasm_run_t *run)
{
    net_record_t r;
    if (!record(run, &r) || r.phase < 1 || r.phase > 2 || smp.seen[r.phase])
        return;
    smp.drv[r.phase] = sched_cpu_ns(run->w[0]->task);
    smp.cli[r.phase] = sched_cpu_ns(run->w[1]->task);
    smp.seen[r.phase] = true;
}

KBENCH(net_frames)
{
    static const bench_wasm_task_t t[] = {
        {"virtio-net", {BW_CAP_CONSOLE, BW_CAP_NET, BW_CAP_NTFN_B, BW_CAP_EP_RECV, BW_CAP_SPAWN,
                        BW_CAP_NTFN_A}},
        {"bench-net", {BW_CAP_EP_GRANT, BW_CAP_CLOCK, BW_CAP_SPAWN, BW_CAP_NTFN_A, BW_CAP_NTFN_B}},
    };
    if (!device_find("virtio-net")) {
        bench_error("net_frames", "no virtio-net device (QEMU's DEVICES must include net)");
        return;
    }
    memset(&smp, 0, sizeof smp);
    bench_wasm_run_t run;
    if (!bench_wasm_run_polled("net_frames", t, 2, &run, account, sample, 1u << 0))
        return;
    net_record_t r;
    if (!record(&run, &r) || r.ok != 1 || r.n <= 0 || r.t_ns <= 0)
        bench_error("net_frames", "the client's record is missing or incomplete");
    else if (!smp.seen[1] || !smp.seen[2] || smp.drv[2] < smp.drv[1] || smp.cli[2] < smp.cli[1])
        bench_error("net_frames", "no CPU-time sample at the start or end of the timed part");
    else {
        uint64_t frames = 2 * (uint64_t)r.n;
        bench_report_ns10("net_frame_guest", (uint64_t)r.t_ns * 10 / frames);
        bench_report_ns10("net_frame_driver", (smp.drv[2] - smp.drv[1]) * 10 / frames);
        bench_report_ns10("net_frame_client", (smp.cli[2] - smp.cli[1]) * 10 / frames);
    }
    bench_wasm_end(&run);
}
