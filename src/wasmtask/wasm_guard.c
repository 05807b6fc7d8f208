/*
 * wasm_guard.c - the engine's wasm_rt_guard hook (wasm.h) in the kernel:
 * every run of the interpreter loop (once per wasm_exec_call or
 * wasm_exec_resume) happens under a recovery point of the current task.
 * When a load or store in the engine's guest-memory access code faults
 * (kernel_fault in boot/main.c decides, by the faulting pc), the arch
 * resumes here, the loop is abandoned and the call ends in a trap; the
 * task then ends as after any trap ("task NAME trapped: ..."), at its own
 * pace. The loop touches only the task's own engine objects and its guest
 * memory, so abandoning it leaves no kernel object half updated: the
 * kernel calls it makes (system calls, memory.grow) are not guest text,
 * and a fault in them stays a kernel panic. docs/kernel.md, "Faults".
 */
#include "hal.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "wasm.h"

bool wasm_rt_guard(wasm_status_t (*loop)(wasm_exec_t *ex), wasm_exec_t *ex, wasm_status_t *st)
{
    task_t *volatile t = sched_current();
    if (!t) {
        *st = loop(ex);
        return true;
    }
    arch_recover_t rp;
    arch_recover_t *volatile prev = t->recover;    /* a call from a host function nests */
    if (arch_recover_set(&rp)) {
        t->recover = prev;
        return false;
    }
    t->recover = &rp;
    *st = loop(ex);
    t->recover = prev;
    return true;
}
