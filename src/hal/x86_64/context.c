/*
 * context.c - arch_context_init: lays out a new stack so that the first
 * arch_context_switch to it pops zeroed callee-saved registers (r12 =
 * entry, r13 = arg) and returns into x86_context_start (switch.S), with a
 * clean FXSAVE image (default x87 control word, MXCSR with all exceptions
 * masked).
 */
#include <stddef.h>
#include "hal.h"
#include "klib.h"

_Static_assert(offsetof(arch_context_t, rsp) == X86_CTX_RSP, "switch.S offsets");
_Static_assert(offsetof(arch_context_t, fx) == X86_CTX_FX, "switch.S offsets");
_Static_assert(_Alignof(arch_context_t) == 16, "FXSAVE needs 16-byte alignment");

#define FX_FCW_OFF 0
#define FX_MXCSR_OFF 24
#define FCW_DEFAULT 0x037f
#define MXCSR_DEFAULT 0x1f80

extern const char x86_context_start[];
void x86_context_returned(void) __attribute__((noreturn));

void x86_context_returned(void)
{
    panic("a context's entry function returned");
}

void arch_context_init(arch_context_t *ctx, void *stack, size_t size,
                       void (*entry)(void *), void *arg)
{
    assert(((uintptr_t)ctx & 15) == 0 && stack && size >= 256);
    uint64_t *sp = (uint64_t *)ALIGN_DOWN((uintptr_t)stack + size, 16);
    /* After the pops, ret takes this and leaves rsp 16-byte aligned. */
    *--sp = (uintptr_t)x86_context_start;
    *--sp = 0;                                  /* rbp */
    *--sp = 0;                                  /* rbx */
    *--sp = (uintptr_t)entry;                   /* r12 */
    *--sp = (uintptr_t)arg;                     /* r13 */
    *--sp = 0;                                  /* r14 */
    *--sp = 0;                                  /* r15 */
    ctx->rsp = (uintptr_t)sp;
    memset(ctx->fx, 0, sizeof ctx->fx);
    uint16_t fcw = FCW_DEFAULT;
    uint32_t mxcsr = MXCSR_DEFAULT;
    memcpy(ctx->fx + FX_FCW_OFF, &fcw, sizeof fcw);
    memcpy(ctx->fx + FX_MXCSR_OFF, &mxcsr, sizeof mxcsr);
}
