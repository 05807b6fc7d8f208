/*
 * kfault.c - the boot option kfault=KIND of the test image: cause a CPU
 * fault in kernel code on purpose, after the scheduler is up, so that
 * tests/kfault/check.sh can check, one boot per case, that it is a kernel
 * panic (docs/kernel.md, "Faults") and not the end of a task:
 *   task      a kernel task reads page 0;
 *   hostcall  a wasm call is running (its recovery point is set) and its
 *             host function, kernel code, reads page 0.
 * Either way the kernel prints the panic line, the report and a backtrace
 * naming the function, and stops with status 4. If it comes back, this
 * says so and powers off with status 1. Faults in the engine's
 * guest-memory access code end the wasm call instead: test_guest_fault.c.
 */
#include "hal.h"
#include "klib.h"
#include "kernel/sched.h"
#include "selftest/ktask.h"
#include "wasm.h"

extern const uint8_t wtask_test_kfault_hostcall[];
extern const size_t wtask_test_kfault_hostcall_len;

void kfault_option(const char *cmdline);

static volatile uintptr_t zero;

__attribute__((noinline)) static uint64_t read_page0(void)
{
    return *(volatile uint64_t *)(zero + 8);    // NOLINT(clang-analyzer-core.NullDereference): on purpose
}

static void kfault_task_main(void *arg)
{
    (void)arg;
    kprintf("kfault: task %s reads page 0\n", sched_current()->name);
    kprintf("kfault: read %llu\n", (unsigned long long)read_page0());
    task_exit(0);
}

static wasm_trap_t kfault_boom(wasm_exec_t *ex, void *env, const wasm_val_t *a, wasm_val_t *r)
{
    (void)ex, (void)env, (void)a, (void)r;
    kprintf("kfault: host function reads page 0\n");
    kprintf("kfault: read %llu\n", (unsigned long long)read_page0());
    return WASM_TRAP_NONE;
}

static void hostcall(void)
{
    char err[128];
    static const uint8_t none[1];
    const wasm_functype_t ft = {0, 0, none, none};
    wasm_module_t *m = wasm_module_new(wtask_test_kfault_hostcall,
                                       wtask_test_kfault_hostcall_len, err, sizeof err);
    wasm_extern_t imp = {WASM_EXTERN_FUNC, {.func = wasm_func_new_host(&ft, kfault_boom, NULL)}};
    wasm_exec_t *ex = wasm_exec_new(0, 0);
    wasm_trap_t trap;
    wasm_instance_t *inst = m && imp.u.func && ex
        ? wasm_instantiate(m, &imp, 1, NULL, NULL, ex, &trap, err, sizeof err) : NULL;
    wasm_extern_t run;
    if (!inst || !wasm_instance_export(inst, "run", &run)) {
        kprintf("kfault: could not set up the wasm call\n");
        return;
    }
    wasm_status_t st = wasm_exec_call(ex, run.u.func, NULL, 0);
    kprintf("kfault: the wasm call returned %d (trap: %s)\n", (int)st,
            wasm_trap_message(wasm_exec_trap(ex)));
}

void kfault_option(const char *cmdline)
{
    char kind[16];
    if (!kcmdline_get(cmdline, "kfault", kind, sizeof kind))
        return;
    kprintf("kfault: %s: a CPU fault in kernel code on purpose\n", kind);
    if (!strcmp(kind, "task")) {
        kt_spawn("kfault-task", KT_BOOT_PRIO + 1, kfault_task_main, NULL);
    } else if (!strcmp(kind, "hostcall")) {
        hostcall();
    } else {
        kprintf("kfault: unknown kind '%s'\n", kind);
        arch_poweroff(1);
    }
    kprintf("kfault: %s: no kernel panic\n", kind);
    arch_poweroff(1);
}
