/*
 * bench_wasm_run.c - the runner the wasm benchmarks share (bench_wasm.h):
 * makes one to BW_MAX_TASKS wasm tasks from the embedded benchmark modules
 * with the capabilities each needs, runs them to their end and gives
 * access to what they exported. The measurement itself is made by the
 * wasm code (clock_now around its loops); the kernel only reads the
 * figures, checks the run completed, and reports.
 *
 * The benchmark task (the boot task) keeps the originals in its own
 * CSpace, slots BW_SLOT_* (clear of the demo runner's 0.. and of
 * bench_kthread.c's 250-251), and sleeps a tick at a time while the
 * tasks run.
 */
#include "kbench/bench.h"
#include "hal.h"
#include "kconfig.h"
#include "kbench/bench_wasm.h"
#include "kernel/cspace.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/device.h"
#include "kernel/notification.h"
#include "kernel/endpoint.h"
#include "kernel/sched.h"
#include "syscall/syscall.h"
#include "klib.h"

#define BW_SLOT_CONSOLE 240
#define BW_SLOT_CLOCK   241
#define BW_SLOT_EP      242
#define BW_SLOT_QUOTA   243
#define BW_SLOT_NTFN_A  244
#define BW_SLOT_NTFN_B  245
#define BW_LIMIT_NS (20ull * 1000 * 1000 * 1000)
#define BW_POLL_NS (1000ull * 1000 * 1000 / KCONFIG_TICK_HZ)

static bool have_devices;

static cnode_t *mine(void)
{
    return task_cspace(sched_current());
}

const bench_wasm_mod_t *bench_wasm_find(const char *name)
{
    for (uint32_t i = 0; i < bench_wasm_nmods; i++)
        if (strcmp(bench_wasm_mods[i].name, name) == 0)
            return &bench_wasm_mods[i];
    return NULL;
}

/* Mint what `c` stands for into slot `slot` of w. */
static kerr_t give(wtask_t *w, uint32_t slot, bench_wasm_cap_t c)
{
    switch (c) {
    case BW_CAP_NONE: return KERR_OK;
    case BW_CAP_CONSOLE:
        return cap_mint(mine(), BW_SLOT_CONSOLE, wtask_cspace(w), slot,
                        sys_rights_to_kernel(OBJ_CONSOLE, SYS_R_WRITE), 0);
    case BW_CAP_CLOCK:
        return cap_mint(mine(), BW_SLOT_CLOCK, wtask_cspace(w), slot,
                        sys_rights_to_kernel(OBJ_CLOCK, SYS_R_READ), 0);
    case BW_CAP_EP_RECV:
        return cap_mint(mine(), BW_SLOT_EP, wtask_cspace(w), slot,
                        sys_rights_to_kernel(OBJ_ENDPOINT, SYS_R_READ), 0);
    case BW_CAP_EP_SEND:
        return cap_mint(mine(), BW_SLOT_EP, wtask_cspace(w), slot,
                        sys_rights_to_kernel(OBJ_ENDPOINT, SYS_R_WRITE), 0);
    case BW_CAP_EP_GRANT:
        return cap_mint(mine(), BW_SLOT_EP, wtask_cspace(w), slot,
                        sys_rights_to_kernel(OBJ_ENDPOINT, SYS_R_WRITE | SYS_R_GRANT), 0);
    case BW_CAP_SPAWN:
        return cap_mint(mine(), BW_SLOT_QUOTA, wtask_cspace(w), slot,
                        sys_rights_to_kernel(OBJ_QUOTA, SYS_R_WRITE), 0);
    case BW_CAP_NTFN_A:
    case BW_CAP_NTFN_B:
        return cap_mint(mine(), c == BW_CAP_NTFN_A ? BW_SLOT_NTFN_A : BW_SLOT_NTFN_B,
                        wtask_cspace(w), slot,
                        sys_rights_to_kernel(OBJ_NOTIFICATION, SYS_R_READ | SYS_R_WRITE), 0);
    case BW_CAP_RNG:
    case BW_CAP_NET: {
        device_t *d = device_find(c == BW_CAP_RNG ? "virtio-rng" : "virtio-net");
        if (!d)
            return KERR_INVALID_ARG;
        return cap_mint(device_registry(), d->index, wtask_cspace(w), slot,
                        sys_rights_to_kernel(OBJ_DEVICE, SYS_R_READ | SYS_R_WRITE), 0);
    }
    }
    return KERR_INVALID_ARG;
}

/* The console, the clock, a fresh endpoint and a quota in our slots. */
static bool setup(const char *bench, quota_t **q)
{
    kerr_t e = KERR_OK;
    if (!have_devices) {
        e = cap_install(mine(), BW_SLOT_CONSOLE, &console_get()->obj,
                        objtype_rights(OBJ_CONSOLE), 0);
        if (!e)
            e = cap_install(mine(), BW_SLOT_CLOCK, &clock_get()->obj, objtype_rights(OBJ_CLOCK), 0);
        if (e) {
            bench_error(bench, "console/clock capabilities: %s", kerr_name(e));
            return false;
        }
        have_devices = true;
    }
    e = quota_create(NULL, (uint64_t)BW_MAX_TASKS * KCONFIG_TASK_QUOTA, q);
    if (!e && (e = cap_install(mine(), BW_SLOT_QUOTA, &(*q)->obj, objtype_rights(OBJ_QUOTA), 0)))
        kobj_unref(&(*q)->obj);
    endpoint_t *ep = NULL;
    if (!e && !(e = endpoint_create(*q, &ep)) &&
        (e = cap_install(mine(), BW_SLOT_EP, &ep->obj, objtype_rights(OBJ_ENDPOINT), 0)))
        kobj_unref(&ep->obj);
    for (uint32_t i = 0; i < 2 && !e; i++) {
        notification_t *n;
        if (!(e = notification_create(*q, &n)) &&
            (e = cap_install(mine(), BW_SLOT_NTFN_A + i, &n->obj,
                             objtype_rights(OBJ_NOTIFICATION), 0))) {
            kobj_ref(&n->obj);
            kobj_unref(&n->obj);    /* never had a capability: freed */
        }
    }
    if (e) {
        bench_error(bench, "set-up: %s", kerr_name(e));
        cap_delete(mine(), BW_SLOT_NTFN_A);
        cap_delete(mine(), BW_SLOT_NTFN_B);
        cap_delete(mine(), BW_SLOT_EP);
        cap_delete(mine(), BW_SLOT_QUOTA);
        return false;
    }
    return true;
}

/* Have all tasks but the services ended? */
static bool all_done(const bench_wasm_run_t *run, uint32_t services)
{
    for (uint32_t i = 0; i < run->n; i++)
        if (!(services >> i & 1) && !wtask_done(run->w[i]))
            return false;
    return true;
}

bool bench_wasm_run(const char *bench, const bench_wasm_task_t *spec, uint32_t n,
                    bench_wasm_run_t *run, void (*before_start)(bench_wasm_run_t *run))
{
    return bench_wasm_run_polled(bench, spec, n, run, before_start, NULL, 0);
}

bool bench_wasm_run_polled(const char *bench, const bench_wasm_task_t *spec, uint32_t n,
                           bench_wasm_run_t *run, void (*before_start)(bench_wasm_run_t *run),
                           void (*tick)(bench_wasm_run_t *run), uint32_t services)
{
    memset(run, 0, sizeof *run);
    if (n == 0 || n > BW_MAX_TASKS) {
        bench_error(bench, "%u tasks asked, 1..%u possible", n, BW_MAX_TASKS);
        return false;
    }
    quota_t *q;
    if (!setup(bench, &q))
        return false;
    bool ok = true;
    for (uint32_t i = 0; i < n && ok; i++) {
        const bench_wasm_mod_t *m = bench_wasm_find(spec[i].module);
        char err[128];
        kerr_t e;
        if (!m) {
            bench_error(bench, "no module %s in the image", spec[i].module);
            ok = false;
        } else if (wtask_create(m->name, m->wasm, m->len, BW_PRIO, q, err, sizeof err,
                                &run->w[run->n]) != KERR_OK) {
            bench_error(bench, "%s: %s", m->name, err);
            ok = false;
        } else {
            run->n++;
            for (uint32_t s = 0; s < BW_MAX_CAPS && ok; s++)
                if ((e = give(run->w[i], s, spec[i].caps[s]))) {
                    bench_error(bench, "%s: capability in slot %u: %s", m->name, s, kerr_name(e));
                    ok = false;
                }
        }
    }
    if (ok && before_start)
        before_start(run);
    for (uint32_t i = 0; i < run->n && ok; i++) {
        kerr_t e = wtask_start(run->w[i]);
        if (e) {
            bench_error(bench, "%s: cannot start: %s", spec[i].module, kerr_name(e));
            ok = false;
        }
    }
    if (!ok)
        wtask_kill_all("benchmark set-up failed");
    uint64_t t0 = arch_time_ns();
    while (!all_done(run, services)) {
        if (arch_time_ns() - t0 > BW_LIMIT_NS) {
            wtask_kill_all("benchmark time limit");
            bench_error(bench, "still running after %llu s of guest time",
                        (unsigned long long)(BW_LIMIT_NS / 1000000000ull));
            ok = false;
        }
        sched_sleep_until(arch_time_ns() + BW_POLL_NS);
        if (tick && ok)
            tick(run);
    }
    for (uint32_t i = 0; i < run->n; i++)        /* the services, then */
        if (services >> i & 1)
            wtask_kill(run->w[i], "benchmark over");
    for (uint32_t i = 0; i < run->n; i++)
        while (!wtask_done(run->w[i]))
            sched_sleep_until(arch_time_ns() + BW_POLL_NS);
    for (uint32_t i = 0; i < run->n && ok; i++) {
        if (services >> i & 1)
            continue;
        int64_t v = 0;
        /* A module without the export checks a record of its own
         * (prog-PROG); one with it must have set it to 1. */
        if (bench_wasm_global(run, i, "ok", &v) && v != 1) {
            bench_error(bench, "%s did not complete its run (export ok = %lld)",
                        spec[i].module, (long long)v);
            ok = false;
        }
    }
    cap_delete(mine(), BW_SLOT_NTFN_A);
    cap_delete(mine(), BW_SLOT_NTFN_B);
    cap_delete(mine(), BW_SLOT_EP);
    cap_delete(mine(), BW_SLOT_QUOTA);
    if (!ok)
        bench_wasm_end(run);
    return ok;
}

bool bench_wasm_global(const bench_wasm_run_t *run, uint32_t i, const char *name, int64_t *out)
{
    wasm_extern_t x;
    if (i >= run->n || !run->w[i]->inst || !wasm_instance_export(run->w[i]->inst, name, &x) ||
        x.kind != WASM_EXTERN_GLOBAL)
        return false;
    wasm_val_t v = wasm_global_get(x.u.global);
    uint8_t t = wasm_global_type(x.u.global);
    if (t == WASM_I32)
        *out = (int32_t)v.i32;
    else if (t == WASM_I64)
        *out = (int64_t)v.i64;
    else
        return false;
    return true;
}

void bench_wasm_end(bench_wasm_run_t *run)
{
    for (uint32_t i = 0; i < run->n; i++)
        wtask_release(run->w[i]);
    run->n = 0;
    wtask_reap();
}

void bench_wasm_report(const char *name, const bench_wasm_run_t *run, uint32_t i, uint64_t per)
{
    int64_t n, ops, loop;
    if (!bench_wasm_global(run, i, "n", &n) || !bench_wasm_global(run, i, "t_ops", &ops) ||
        !bench_wasm_global(run, i, "t_loop", &loop)) {
        bench_error(name, "the task exported no n / t_ops / t_loop");
        return;
    }
    if (n <= 0 || loop < 0 || ops < loop) {
        bench_error(name, "implausible figures: n %lld, operations %lld ns, loop %lld ns",
                    (long long)n, (long long)ops, (long long)loop);
        return;
    }
    bench_report_ns10(name, (uint64_t)(ops - loop) * 10 / ((uint64_t)n * per));
}
