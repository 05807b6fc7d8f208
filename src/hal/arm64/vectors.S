/*
 * vectors.S - the exception vector table (VBAR_EL1) and the common entry.
 *
 * All 16 entries save the full general-register state in an arm64_frame_t
 * (x0-x30, sp, ELR, SPSR, ESR, FAR) on the current stack and call
 * arm64_trap(frame, kind) with kind = group + type (arm64.h: VEC_*). The
 * kernel runs at EL1h (SP_EL1), so only the "current EL, SPx" group is
 * expected; the others are reported as faults by trap.c. The synchronous
 * entry first checks with AT S1E1W that the frame fits below SP: if not
 * (the kernel stack ran into an unmapped guard page), it saves the frame on
 * a small emergency stack and reports a stack overflow (kind 16) instead of
 * faulting again forever. It uses TPIDRRO_EL0 and TPIDR_EL0 as scratch
 * (EL0 never runs) and clobbers PAR_EL1. On return the
 * frame is restored (trap.c may have changed ELR, e.g. a probe fixup) and
 * ERET resumes. FP/SIMD registers are not saved: kernel code outside the
 * interpreter never uses them (-mgeneral-regs-only) and arch_context_switch
 * saves them when a trap switches tasks.
 */
#include "arm64.h"

    .cfi_sections .debug_frame

.macro VENTRY kind
    .balign 0x80
    sub     sp, sp, #TF_SIZE
    stp     x0, x1, [sp, #0]
    mov     x1, #\kind
    b       trap_common
.endm

.macro SAVE_X2_X30
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    str     x30, [sp, #240]
.endm

    .section .text.vectors, "ax"
    .balign 2048
    .global arm64_vectors
arm64_vectors:
    VENTRY  0       /* current EL, SP0: sync */
    VENTRY  1       /*                  IRQ */
    VENTRY  2       /*                  FIQ */
    VENTRY  3       /*                  SError */
    .balign 0x80    /* current EL, SPx: sync (checks the stack first) */
    msr     tpidrro_el0, x0         /* scratch: EL0 never runs */
    sub     x0, sp, #TF_SIZE
    at      s1e1w, x0               /* is there room for the frame? */
    isb
    mrs     x0, par_el1
    tbnz    x0, #0, stack_overflow  /* PAR_EL1.F: the frame would fault */
    mrs     x0, tpidrro_el0
    sub     sp, sp, #TF_SIZE
    stp     x0, x1, [sp, #0]
    mov     x1, #4
    b       trap_common
    VENTRY  5       /*                  IRQ */
    VENTRY  6       /*                  FIQ */
    VENTRY  7       /*                  SError */
    VENTRY  8       /* lower EL, AArch64 */
    VENTRY  9
    VENTRY  10
    VENTRY  11
    VENTRY  12      /* lower EL, AArch32 */
    VENTRY  13
    VENTRY  14
    VENTRY  15

/* The kernel stack overflowed into an unmapped page: save the frame on the
 * emergency stack instead, with the faulting SP, and report (kind 16). */
stack_overflow:
    mov     x0, sp
    msr     tpidr_el0, x0
    ldr     x0, =arm64_emergency_stack_top
    mov     sp, x0
    mrs     x0, tpidrro_el0
    sub     sp, sp, #TF_SIZE
    stp     x0, x1, [sp, #0]
    mov     x1, #VEC_STACK_OVERFLOW
    SAVE_X2_X30
    mrs     x0, tpidr_el0
    b       save_sysregs

/* Call-frame information for debuggers (docs/debugging.md): at the call
 * of arm64_trap, the caller is the interrupted code: its registers in the
 * frame, its sp at frame+248, and as its pc (the return column, x30) ELR.
 * Its own x30 is then not shown: unwinding one level further works when
 * the interrupted function keeps a frame record. A signal frame: ELR is
 * not a return address. */
trap_common:
    .cfi_startproc simple
    .cfi_signal_frame
    .cfi_def_cfa sp, 0
    SAVE_X2_X30
    add     x0, sp, #TF_SIZE
save_sysregs:
    str     x0, [sp, #TF_SP]
    mrs     x0, elr_el1
    mrs     x2, spsr_el1
    stp     x0, x2, [sp, #TF_ELR]
    mrs     x0, esr_el1
    mrs     x2, far_el1
    stp     x0, x2, [sp, #TF_ESR]
    add     x29, sp, #232           /* {x29, x30} saved above: a frame record */
    mov     x0, sp
    .cfi_escape 0x0f, 0x04, 0x8f, 0xf8, 0x01, 0x06   /* CFA = the interrupted sp, saved at 248 */
    .cfi_escape 0x10, 0x00, 0x02, 0x8f, 0x00   /* x0 */
    .cfi_escape 0x10, 0x01, 0x02, 0x8f, 0x08   /* x1 */
    .cfi_escape 0x10, 0x02, 0x02, 0x8f, 0x10   /* x2 */
    .cfi_escape 0x10, 0x03, 0x02, 0x8f, 0x18   /* x3 */
    .cfi_escape 0x10, 0x04, 0x02, 0x8f, 0x20   /* x4 */
    .cfi_escape 0x10, 0x05, 0x02, 0x8f, 0x28   /* x5 */
    .cfi_escape 0x10, 0x06, 0x02, 0x8f, 0x30   /* x6 */
    .cfi_escape 0x10, 0x07, 0x02, 0x8f, 0x38   /* x7 */
    .cfi_escape 0x10, 0x08, 0x03, 0x8f, 0xc0, 0x00   /* x8 */
    .cfi_escape 0x10, 0x09, 0x03, 0x8f, 0xc8, 0x00   /* x9 */
    .cfi_escape 0x10, 0x0a, 0x03, 0x8f, 0xd0, 0x00   /* x10 */
    .cfi_escape 0x10, 0x0b, 0x03, 0x8f, 0xd8, 0x00   /* x11 */
    .cfi_escape 0x10, 0x0c, 0x03, 0x8f, 0xe0, 0x00   /* x12 */
    .cfi_escape 0x10, 0x0d, 0x03, 0x8f, 0xe8, 0x00   /* x13 */
    .cfi_escape 0x10, 0x0e, 0x03, 0x8f, 0xf0, 0x00   /* x14 */
    .cfi_escape 0x10, 0x0f, 0x03, 0x8f, 0xf8, 0x00   /* x15 */
    .cfi_escape 0x10, 0x10, 0x03, 0x8f, 0x80, 0x01   /* x16 */
    .cfi_escape 0x10, 0x11, 0x03, 0x8f, 0x88, 0x01   /* x17 */
    .cfi_escape 0x10, 0x12, 0x03, 0x8f, 0x90, 0x01   /* x18 */
    .cfi_escape 0x10, 0x13, 0x03, 0x8f, 0x98, 0x01   /* x19 */
    .cfi_escape 0x10, 0x14, 0x03, 0x8f, 0xa0, 0x01   /* x20 */
    .cfi_escape 0x10, 0x15, 0x03, 0x8f, 0xa8, 0x01   /* x21 */
    .cfi_escape 0x10, 0x16, 0x03, 0x8f, 0xb0, 0x01   /* x22 */
    .cfi_escape 0x10, 0x17, 0x03, 0x8f, 0xb8, 0x01   /* x23 */
    .cfi_escape 0x10, 0x18, 0x03, 0x8f, 0xc0, 0x01   /* x24 */
    .cfi_escape 0x10, 0x19, 0x03, 0x8f, 0xc8, 0x01   /* x25 */
    .cfi_escape 0x10, 0x1a, 0x03, 0x8f, 0xd0, 0x01   /* x26 */
    .cfi_escape 0x10, 0x1b, 0x03, 0x8f, 0xd8, 0x01   /* x27 */
    .cfi_escape 0x10, 0x1c, 0x03, 0x8f, 0xe0, 0x01   /* x28 */
    .cfi_escape 0x10, 0x1d, 0x03, 0x8f, 0xe8, 0x01   /* x29 */
    .cfi_escape 0x10, 0x1e, 0x03, 0x8f, 0x80, 0x02   /* x30, the return column: ELR */
    bl      arm64_trap

    ldp     x0, x2, [sp, #TF_ELR]
    msr     elr_el1, x0
    msr     spsr_el1, x2
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #TF_SIZE
    eret
    .cfi_endproc
