/*
 * probe.S - arch_probe_read / arch_probe_write: one memory access that may
 * fault. The access instruction carries a global label; when it faults,
 * trap.c sees the faulting RIP is a probe instruction, reports the fault,
 * and resumes at x86_probe_fixup, which returns -1.
 */
    .text
    .globl arch_probe_read, arch_probe_write
    .globl x86_probe_read_insn, x86_probe_write_insn, x86_probe_fixup

/* int arch_probe_read(const volatile void *addr, uint64_t *out) */
arch_probe_read:
x86_probe_read_insn:
    mov (%rdi), %rax
    mov %rax, (%rsi)
    xor %eax, %eax
    ret

/* int arch_probe_write(volatile void *addr, uint64_t val) */
arch_probe_write:
x86_probe_write_insn:
    mov %rsi, (%rdi)
    xor %eax, %eax
    ret

x86_probe_fixup:
    mov $-1, %eax
    ret
