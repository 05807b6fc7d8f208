/*
 * probe.S - arch_probe_read / arch_probe_write: one 8-byte access that may
 * fault. trap.c recognises a data abort whose ELR is one of the two
 * *_insn labels, reports it, and resumes at arm64_probe_fixup, which
 * returns -1. No other register is touched, so the resume is exact.
 * arm64_probe_exec (below) does the same for instruction fetches.
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

/* int arm64_probe_exec(const void *addr): call addr, which must hold a
 * `ret`. 0 if it ran; -1 if fetching it faulted (trap.c sees an
 * instruction abort at addr whose x30 is arm64_probe_exec_ret, reports it
 * and resumes there with x0 = -1). For W^X self-tests. */
    .global arm64_probe_exec, arm64_probe_exec_ret, arm64_probe_ret
arm64_probe_exec:
    stp     x29, x30, [sp, #-16]!
    mov     x29, sp
    mov     x9, x0
    mov     x0, #0
    blr     x9
arm64_probe_exec_ret:
    ldp     x29, x30, [sp], #16
    ret

/* An executable `ret` for arm64_probe_exec. */
arm64_probe_ret:
    ret
