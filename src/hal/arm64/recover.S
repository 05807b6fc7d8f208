/*
 * recover.S - arch_recover_set / arch_recover_jump (hal.h): a setjmp /
 * longjmp pair for resuming after a fault in the engine's guest-memory
 * access code. A point holds what AAPCS64 says a callee keeps: x19-x28,
 * the frame pointer x29, the return address x30, sp and d8-d15 (the
 * interpreter keeps FP values there), plus DAIF, so the interrupt mask
 * comes back as it was when the point was set. trap.c resumes a faulting
 * context by making its ERET land in arch_recover_jump(rp, 1).
 *
 * arch_recover_t words: 0-9 x19-x28, 10 x29, 11 x30, 12 sp, 13 DAIF,
 * 14-21 d8-d15.
 */
    .text
    .global arch_recover_set, arch_recover_jump

/* int arch_recover_set(arch_recover_t *rp) */
arch_recover_set:
    stp     x19, x20, [x0, #0]
    stp     x21, x22, [x0, #16]
    stp     x23, x24, [x0, #32]
    stp     x25, x26, [x0, #48]
    stp     x27, x28, [x0, #64]
    stp     x29, x30, [x0, #80]
    mov     x1, sp
    mrs     x2, daif
    stp     x1, x2, [x0, #96]
    stp     d8, d9, [x0, #112]
    stp     d10, d11, [x0, #128]
    stp     d12, d13, [x0, #144]
    stp     d14, d15, [x0, #160]
    mov     x0, #0
    ret

/* void arch_recover_jump(arch_recover_t *rp, int v): arch_recover_set
 * returns v (1 if v is 0). */
arch_recover_jump:
    ldp     x19, x20, [x0, #0]
    ldp     x21, x22, [x0, #16]
    ldp     x23, x24, [x0, #32]
    ldp     x25, x26, [x0, #48]
    ldp     x27, x28, [x0, #64]
    ldp     x29, x30, [x0, #80]
    ldp     d8, d9, [x0, #112]
    ldp     d10, d11, [x0, #128]
    ldp     d12, d13, [x0, #144]
    ldp     d14, d15, [x0, #160]
    ldp     x2, x3, [x0, #96]
    mov     sp, x2
    msr     daif, x3
    cmp     w1, #0
    csinc   w0, w1, wzr, ne
    ret
