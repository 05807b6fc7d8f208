/*
 * bench_wasm.c - the benchmarks of wasm tasks (docs/bench.md, "The rows"):
 * a null system call, the capability check alone, WASI fd_write and
 * clock_time_get, call/reply round trip,
 * one-way messages, yield ping-pong and the CoreMark-style program run by
 * the in-kernel interpreter. Each runs modules of bench/kernel/wasm/ as
 * ordinary wasm tasks through bench_wasm_run.c; the wasm code times its own
 * loop of n operations with clock_now, then the same loop without the
 * operation, and the row is (t_ops - t_loop) / n: the loop's counter and
 * branch are subtracted, everything the operation needs from wasm (pushing
 * its arguments, the call, the result check) is counted.
 */
#include "kbench/bench.h"
#include "hal.h"
#include "kbench/bench_wasm.h"
#include "syscall/syscall.h"
#include "klib.h"

#define CAPCHECKS 20000u

/* ---- null system call ------------------------------------------------------ */

/* The capability check alone: sys_cap, as every call starts, on the clock
 * capability in slot 0 of the (not yet started) task, timed in C against
 * the same loop without it. */
static void capcheck(bench_wasm_run_t *run)
{
    wtask_t *w = run->w[0];
    volatile int32_t sink = 0;
    uint64_t c0 = arch_counter();
    for (uint32_t i = 0; i < CAPCHECKS; i++)
        sink += sys_cap(w, 0, OBJ_CLOCK, SYS_R_READ, NULL, NULL);
    uint64_t c1 = arch_counter();
    for (uint32_t i = 0; i < CAPCHECKS; i++)
        sink += 0;
    uint64_t c2 = arch_counter();
    if (sink != 0)
        bench_error("syscall_capcheck", "sys_cap failed: %d", sink / (int32_t)CAPCHECKS);
    else if (c1 - c0 < c2 - c1)
        bench_error("syscall_capcheck", "the empty loop cost more than the checks");
    else
        bench_report_ticks("syscall_capcheck", (c1 - c0) - (c2 - c1), CAPCHECKS);
}

KBENCH(syscall_null)
{
    static const bench_wasm_task_t t[] = {{"bench-null", {BW_CAP_CLOCK}}};
    bench_wasm_run_t run;
    if (!bench_wasm_run("syscall_null", t, 1, &run, capcheck))
        return;
    bench_wasm_report("syscall_null", &run, 0, 1);
    bench_wasm_end(&run);
}

/* ---- WASI ------------------------------------------------------------------------ */

/* fd_write of 16 bytes (a line: the console's work included), of 0 bytes
 * (the call and its checks alone), and clock_time_get: each a wasm loop
 * timing its own calls (bench/kernel/wasm/bench-wasi-*.wat). */
static void wasi_row(const char *row, const char *module, bench_wasm_cap_t c0, bench_wasm_cap_t c1)
{
    const bench_wasm_task_t t[] = {{module, {c0, c1}}};
    bench_wasm_run_t run;
    if (!bench_wasm_run(row, t, 1, &run, NULL))
        return;
    bench_wasm_report(row, &run, 0, 1);
    bench_wasm_end(&run);
}

KBENCH(wasi_fd_write)
{
    wasi_row("wasi_fd_write16", "bench-wasi-write", BW_CAP_CONSOLE, BW_CAP_CLOCK);
    wasi_row("wasi_fd_write0", "bench-wasi-write0", BW_CAP_CONSOLE, BW_CAP_CLOCK);
}

KBENCH(wasi_clock_time_get)
{
    wasi_row("wasi_clock_time_get", "bench-wasi-clock", BW_CAP_CLOCK, BW_CAP_NONE);
}

/* ---- IPC ------------------------------------------------------------------------ */

KBENCH(ipc_rtt_wasm)
{
    static const bench_wasm_task_t t[] = {
        {"bench-rtt-server", {BW_CAP_EP_RECV}},
        {"bench-rtt-client", {BW_CAP_EP_SEND, BW_CAP_CLOCK}},
    };
    bench_wasm_run_t run;
    if (!bench_wasm_run("ipc_rtt_wasm", t, 2, &run, NULL))
        return;
    int64_t served, n;
    if (!bench_wasm_global(&run, 0, "served", &served) || !bench_wasm_global(&run, 1, "n", &n) ||
        served != n + 1)
        bench_error("ipc_rtt_wasm", "the server answered %lld calls, not n + 1",
                    (long long)served);
    else
        bench_wasm_report("ipc_rtt_wasm", &run, 1, 1);
    bench_wasm_end(&run);
}

KBENCH(ipc_oneway)
{
    static const bench_wasm_task_t t[] = {
        {"bench-recv", {BW_CAP_EP_RECV}},
        {"bench-send", {BW_CAP_EP_SEND, BW_CAP_CLOCK}},
    };
    bench_wasm_run_t run;
    if (!bench_wasm_run("ipc_oneway", t, 2, &run, NULL))
        return;
    int64_t nr, ns;
    if (!bench_wasm_global(&run, 0, "n", &nr) || !bench_wasm_global(&run, 1, "n", &ns) || nr != ns)
        bench_error("ipc_oneway", "sender and receiver disagree on n");
    else
        bench_wasm_report("ipc_oneway", &run, 1, 1);
    bench_wasm_end(&run);
}

/* ---- context switch ------------------------------------------------------------- */

/* Every timed yield of bench-yield-a is two switches (to b and back); b
 * counts its yields, so a run where b was not there is refused. */
KBENCH(yield_switch)
{
    static const bench_wasm_task_t t[] = {
        {"bench-yield-a", {BW_CAP_CLOCK}},
        {"bench-yield-b", {BW_CAP_NONE}},
    };
    bench_wasm_run_t run;
    if (!bench_wasm_run("yield_switch", t, 2, &run, NULL))
        return;
    int64_t na = 0, nb = 0, count = 0;   /* printed below even when a read failed */
    if (!bench_wasm_global(&run, 0, "n", &na) || !bench_wasm_global(&run, 1, "n", &nb) ||
        !bench_wasm_global(&run, 1, "count", &count) || count != nb || nb < na + 2)
        bench_error("yield_switch", "the partner yielded %lld times", (long long)count);
    else
        bench_wasm_report("yield_switch", &run, 0, 2);
    bench_wasm_end(&run);
}

/* ---- the interpreter ------------------------------------------------------------- */

/* The programs of bench/ as tasks (bench/kernel/wasm/prog-task.c, sizes in
 * progs.txt): instructions (ns under icount) of the program's whole main
 * per iteration, after checking that the task printed exactly the line of
 * the native build, which wasm.mk put in the module's custom section
 * "jericho.expect". */
static const struct {
    const char *row, *module;
} interp_progs[] = {
    {"interp_coremark", "prog-coremark"}, {"interp_fib", "prog-fib"},
    {"interp_sieve", "prog-sieve"},       {"interp_matmul", "prog-matmul"},
    {"interp_crc32", "prog-crc32"},       {"interp_sha256", "prog-sha256"},
    {"interp_lz4", "prog-lz4"},
};

/* An unsigned LEB128 of at most 5 bytes from [*p, end); false if malformed. */
static bool leb_u32(const uint8_t **p, const uint8_t *end, uint32_t *out)
{
    uint32_t v = 0;
    for (uint32_t shift = 0; *p < end && shift < 35; shift += 7) {
        uint8_t b = *(*p)++;
        v |= (uint32_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return true;
        }
    }
    return false;
}

/* The expected line of module `name` into buf (NUL-terminated): the
 * contents of its custom section "jericho.expect", read from the archive's
 * bytes. False if the module or its section is missing, malformed or the
 * line does not fit. */
static bool interp_expect(const char *name, char *buf, size_t size)
{
    static const char sec[] = "jericho.expect";
    for (uint32_t i = 0; i < bench_wasm_nmods; i++) {
        const bench_wasm_mod_t *m = &bench_wasm_mods[i];
        if (strcmp(m->name, name) != 0 || m->len < 8)
            continue;
        const uint8_t *p = m->wasm + 8, *end = m->wasm + m->len;
        while (p < end) {
            uint8_t id = *p++;
            uint32_t n, nl;
            if (!leb_u32(&p, end, &n) || n > (size_t)(end - p))
                return false;
            const uint8_t *q = p, *next = p + n;
            p = next;
            if (id != 0 || !leb_u32(&q, next, &nl) || nl != sizeof sec - 1 ||
                nl > (size_t)(next - q) || memcmp(q, sec, nl) != 0)
                continue;
            q += nl;
            if (q == next || (size_t)(next - q) >= size)
                return false;
            memcpy(buf, q, (size_t)(next - q));
            buf[next - q] = 0;
            return true;
        }
    }
    return false;
}

KBENCH(interp)
{
    for (uint32_t k = 0; k < sizeof interp_progs / sizeof interp_progs[0]; k++) {
        const char *row = interp_progs[k].row, *mod = interp_progs[k].module;
        bench_wasm_task_t t = {mod, {BW_CAP_CONSOLE, BW_CAP_CLOCK}};
        bench_wasm_run_t run;
        char line[128];
        if (!bench_wasm_run(row, &t, 1, &run, NULL))
            continue;
        int64_t addr;
        wasm_memory_t *mem = run.w[0]->inst ? wasm_instance_memory(run.w[0]->inst) : NULL;
        struct { int64_t n, t_ops, t_loop; int32_t ok; } r;
        if (!interp_expect(mod, line, sizeof line)) {
            bench_error(row, "the module carries no expected line");
        } else if (!wtask_log_has(mod, line, false)) {
            bench_error(row, "the task did not print \"%s\"", line);
        } else if (!mem || !bench_wasm_global(&run, 0, "bench_result", &addr) || addr < 0 ||
                   (uint64_t)addr + sizeof r > wasm_memory_size(mem)) {
            bench_error(row, "no bench_result record in the task's memory");
        } else {
            memcpy(&r, wasm_memory_data(mem) + addr, sizeof r);
            if (r.ok != 1 || r.n <= 0 || r.t_ops < r.t_loop)
                bench_error(row, "implausible record: ok %d n %lld", r.ok, (long long)r.n);
            else
                bench_report_ns10(row, (uint64_t)(r.t_ops - r.t_loop) * 10 / (uint64_t)r.n);
        }
        bench_wasm_end(&run);
    }
}
