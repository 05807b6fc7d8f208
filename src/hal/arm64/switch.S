/*
 * switch.S - arch_context_switch(from, to): save x19-x30, sp, FPCR, FPSR
 * and all of q0-q31 into *from, load the same from *to, return into to's
 * code. All 32 q registers, not only the callee-saved d8-d15: a timer
 * interrupt may switch away in the middle of the interpreter's FP code,
 * and interrupt entry does not save FP/SIMD state. Offsets: hal_arch.h.
 *
 * arm64_context_start: where a new context first "returns" to
 * (arch_context_init puts entry in x19, arg in x20): IRQs on, entry(arg).
 */
#include "hal_arch.h"

.macro SAVE_Q base
    stp     q0, q1, [\base, #0]
    stp     q2, q3, [\base, #32]
    stp     q4, q5, [\base, #64]
    stp     q6, q7, [\base, #96]
    stp     q8, q9, [\base, #128]
    stp     q10, q11, [\base, #160]
    stp     q12, q13, [\base, #192]
    stp     q14, q15, [\base, #224]
    stp     q16, q17, [\base, #256]
    stp     q18, q19, [\base, #288]
    stp     q20, q21, [\base, #320]
    stp     q22, q23, [\base, #352]
    stp     q24, q25, [\base, #384]
    stp     q26, q27, [\base, #416]
    stp     q28, q29, [\base, #448]
    stp     q30, q31, [\base, #480]
.endm

.macro LOAD_Q base
    ldp     q0, q1, [\base, #0]
    ldp     q2, q3, [\base, #32]
    ldp     q4, q5, [\base, #64]
    ldp     q6, q7, [\base, #96]
    ldp     q8, q9, [\base, #128]
    ldp     q10, q11, [\base, #160]
    ldp     q12, q13, [\base, #192]
    ldp     q14, q15, [\base, #224]
    ldp     q16, q17, [\base, #256]
    ldp     q18, q19, [\base, #288]
    ldp     q20, q21, [\base, #320]
    ldp     q22, q23, [\base, #352]
    ldp     q24, q25, [\base, #384]
    ldp     q26, q27, [\base, #416]
    ldp     q28, q29, [\base, #448]
    ldp     q30, q31, [\base, #480]
.endm

    .text
    .global arch_context_switch
arch_context_switch:
    stp     x19, x20, [x0, #ARM64_CTX_X19 + 0]
    stp     x21, x22, [x0, #ARM64_CTX_X19 + 16]
    stp     x23, x24, [x0, #ARM64_CTX_X19 + 32]
    stp     x25, x26, [x0, #ARM64_CTX_X19 + 48]
    stp     x27, x28, [x0, #ARM64_CTX_X19 + 64]
    stp     x29, x30, [x0, #ARM64_CTX_X19 + 80]
    mov     x9, sp
    str     x9, [x0, #ARM64_CTX_SP]
    mrs     x10, fpcr
    mrs     x11, fpsr
    stp     x10, x11, [x0, #ARM64_CTX_FPCR]
    add     x12, x0, #ARM64_CTX_Q
    SAVE_Q  x12

    add     x12, x1, #ARM64_CTX_Q
    LOAD_Q  x12
    ldp     x10, x11, [x1, #ARM64_CTX_FPCR]
    msr     fpcr, x10
    msr     fpsr, x11
    ldr     x9, [x1, #ARM64_CTX_SP]
    mov     sp, x9
    ldp     x19, x20, [x1, #ARM64_CTX_X19 + 0]
    ldp     x21, x22, [x1, #ARM64_CTX_X19 + 16]
    ldp     x23, x24, [x1, #ARM64_CTX_X19 + 32]
    ldp     x25, x26, [x1, #ARM64_CTX_X19 + 48]
    ldp     x27, x28, [x1, #ARM64_CTX_X19 + 64]
    ldp     x29, x30, [x1, #ARM64_CTX_X19 + 80]
    ret

    .global arm64_context_start
arm64_context_start:
    msr     daifclr, #2
    mov     x0, x20
    blr     x19
    bl      arm64_context_returned      /* entry must never return */
    b       .
