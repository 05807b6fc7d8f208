/*
 * context.c - arch_context_init: lay out a fresh arch_context_t so that
 * the first arch_context_switch to it enters arm64_context_start
 * (switch.S), which enables interrupts and calls entry(arg) on the new
 * stack with a clean FP/SIMD state.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

extern char arm64_context_start[];

void arch_context_init(arch_context_t *ctx, void *stack, size_t size,
                       void (*entry)(void *), void *arg)
{
    memset(ctx, 0, sizeof *ctx);
    uintptr_t top = ALIGN_DOWN((uintptr_t)stack + size, 16);
    ctx->sp = top;
    ctx->x[0] = (uintptr_t)entry;           /* x19 */
    ctx->x[1] = (uintptr_t)arg;             /* x20 */
    ctx->x[10] = 0;                         /* x29: ends backtraces */
    ctx->x[11] = (uintptr_t)arm64_context_start;   /* x30 */
}

void arm64_context_returned(void)
{
    panic("a context's entry function returned");
}
