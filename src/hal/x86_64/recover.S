/*
 * recover.S - arch_recover_set / arch_recover_jump (hal.h): a setjmp /
 * longjmp pair for resuming after a fault in the engine's guest-memory
 * access code. A point holds what the System V ABI says a callee keeps
 * (rbx, rbp, r12-r15, rsp), the return address and RFLAGS (the interrupt
 * flag comes back as it was when the point was set). No FP state: SSE
 * registers are all caller-saved. trap.c resumes a faulting context by
 * making it return from the exception into arch_recover_jump(rp, 1).
 *
 * arch_recover_t words: 0 rip, 1 rsp, 2 rbx, 3 rbp, 4-7 r12-r15, 8 rflags.
 */
    .text
    .globl arch_recover_set, arch_recover_jump

/* int arch_recover_set(arch_recover_t *rp) */
arch_recover_set:
    mov     (%rsp), %rax
    mov     %rax, 0(%rdi)
    lea     8(%rsp), %rax           /* rsp once we have returned */
    mov     %rax, 8(%rdi)
    mov     %rbx, 16(%rdi)
    mov     %rbp, 24(%rdi)
    mov     %r12, 32(%rdi)
    mov     %r13, 40(%rdi)
    mov     %r14, 48(%rdi)
    mov     %r15, 56(%rdi)
    pushfq
    popq    %rax
    mov     %rax, 64(%rdi)
    xor     %eax, %eax
    ret

/* void arch_recover_jump(arch_recover_t *rp, int v): arch_recover_set
 * returns v (1 if v is 0). */
arch_recover_jump:
    mov     %esi, %eax
    test    %eax, %eax
    jnz     1f
    inc     %eax
1:  mov     16(%rdi), %rbx
    mov     24(%rdi), %rbp
    mov     32(%rdi), %r12
    mov     40(%rdi), %r13
    mov     48(%rdi), %r14
    mov     56(%rdi), %r15
    mov     8(%rdi), %rsp
    pushq   64(%rdi)
    popfq
    jmp     *0(%rdi)
