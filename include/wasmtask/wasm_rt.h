/*
 * wasm_rt.h - what the kernel's engine hooks (src/wasmtask/wasm_rt.c)
 * offer beyond wasm.h and the charging calls of wasmtask/wtask.h: fault
 * injection for the self-tests (src/selftest/test_allocfail.c,
 * test_lazy.c). Off by
 * default; nothing outside the self-tests turns it on.
 */
#ifndef JERICHO_WASMTASK_WASM_RT_H
#define JERICHO_WASMTASK_WASM_RT_H

#include <stdbool.h>
#include <stdint.h>

/* From now on, count the engine allocations (wasm_rt_alloc and
 * wasm_rt_realloc) the current task makes, and make the nth of them
 * (1-based) fail as if the heap were exhausted; with sticky, every later
 * one fails too (a quota used up). n = 0 turns it off. */
void wasm_rt_fail_at(uint64_t n, bool sticky);
/* The same for the allocations task t makes (a wasm task compiling its
 * functions on their first call: src/selftest/test_lazy.c). */
struct task;
void wasm_rt_fail_task(struct task *t, uint64_t n, bool sticky);
/* Allocations counted since the last wasm_rt_fail_at (failed ones too). */
uint64_t wasm_rt_fail_counted(void);

#endif
