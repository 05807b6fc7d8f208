/*
 * switch.S - arch_context_switch(from, to): push the callee-saved
 * registers on the current stack, FXSAVE the x87/SSE state into from->fx,
 * store rsp in from->rsp; then load to->rsp, FXRSTOR to->fx, pop and
 * return into whatever *to was doing. Offsets: arch_context_t in
 * hal_arch.h (rsp at 0, fx at 16). A fresh context (context.c) "returns"
 * into x86_context_start, which enables interrupts and calls entry(arg)
 * taken from r12/r13.
 */
#define CTX_RSP 0
#define CTX_FX 16

    .text
    .globl arch_context_switch, x86_context_start

arch_context_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    fxsave64 CTX_FX(%rdi)
    mov %rsp, CTX_RSP(%rdi)
    mov CTX_RSP(%rsi), %rsp
    fxrstor64 CTX_FX(%rsi)
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret

/* First run of a context: rsp is 16-byte aligned here, so the call below
 * gives entry the ABI's alignment. */
x86_context_start:
    xor %ebp, %ebp
    sti
    mov %r13, %rdi
    call *%r12
    call x86_context_returned           /* entry must not return */
    ud2
