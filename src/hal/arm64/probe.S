/*
 * probe.S - arch_probe_read / arch_probe_write: one 8-byte access that may
 * fault. trap.c recognises a data abort whose ELR is one of the two
 * *_insn labels, reports it, and resumes at arm64_probe_fixup, which
 * returns -1. No other register is touched, so the resume is exact.
 */
    .text
    .global arch_probe_read, arch_probe_write
    .global arm64_probe_read_insn, arm64_probe_write_insn, arm64_probe_fixup

/* int arch_probe_read(const volatile void *addr, uint64_t *out) */
arch_probe_read:
arm64_probe_read_insn:
    ldr     x2, [x0]
    str     x2, [x1]
    mov     x0, #0
    ret

/* int arch_probe_write(volatile void *addr, uint64_t val) */
arch_probe_write:
arm64_probe_write_insn:
    str     x1, [x0]
    mov     x0, #0
    ret

arm64_probe_fixup:
    mov     x0, #-1
    ret
