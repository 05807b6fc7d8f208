/*
 * trap_entry.S - one small entry stub per interrupt vector (0-255) and the
 * common path. A stub pushes a zero error code when the CPU pushes none,
 * then the vector number; the common path saves the 15 general registers
 * (the kernel outside src/interp never uses FP/SIMD, and the interpreter's
 * FP state is saved by arch_context_switch, so no FXSAVE here), calls
 * x86_trap(frame) and returns with iretq. The frame layout is x86_frame_t
 * in x86.h. x86_trap may change the frame (probe fixups resume elsewhere).
 */
#include "x86_asm.h"


    .text
    .balign 16
    .globl x86_trap_stubs
x86_trap_stubs:
    vec = 0
    .rept 256
    .balign 16
    .if (vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
    nop
    nop
    .else
    pushq $0
    .endif
    pushq $vec
    jmp trap_common
    vec = vec + 1
    .endr

trap_common:
    cld
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    mov %rsp, %rdi
    call x86_trap
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    add $16, %rsp               /* vector and error code */
    iretq
