/*
 * trap.c - what happens on an exception (called by vectors.S).
 *
 * IRQ from the kernel: the GIC dispatcher. Synchronous exception: a data
 * abort at one of the probe instructions (probe.S), an instruction abort
 * at arm64_probe_exec's target, or a failed semihosting call is reported
 * and resumed at its fixup. Any other exception goes to kernel_fault()
 * first: a data abort in the engine's guest-memory access code of a task
 * with a recovery point resumes there (the ERET lands in
 * arch_recover_jump). Everything else is a kernel panic, reported in full
 * (exception class by name, the ISS fields that matter, FAR, ELR, SPSR,
 * every register, a symbolized backtrace), and the machine stops with a
 * failure status. A fault inside this handler stops at once instead of
 * recursing.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

#define EXIT_FAULT 4

static const char *ec_name(unsigned ec)
{
    switch (ec) {
    case 0x00: return "unknown reason (undefined instruction)";
    case 0x01: return "trapped WFI/WFE";
    case 0x07: return "trapped FP/SIMD access";
    case 0x0e: return "illegal execution state";
    case 0x15: return "SVC";
    case 0x16: return "HVC";
    case 0x17: return "SMC";
    case 0x18: return "trapped MSR/MRS/system instruction";
    case 0x19: return "trapped SVE access";
    case 0x20: return "instruction abort from a lower EL";
    case 0x21: return "instruction abort";
    case 0x22: return "PC alignment fault";
    case 0x24: return "data abort from a lower EL";
    case 0x25: return "data abort";
    case 0x26: return "SP alignment fault";
    case 0x2c: return "FP exception";
    case 0x2f: return "SError";
    case 0x30: case 0x31: return "breakpoint";
    case 0x32: case 0x33: return "software step";
    case 0x34: case 0x35: return "watchpoint";
    case 0x3c: return "BRK instruction";
    default: return "unexpected exception class";
    }
}

static const char *fsc_name(unsigned fsc)
{
    switch (fsc & 0x3c) {
    case 0x00: return "address size fault";
    case 0x04: return "translation fault";
    case 0x08: return "access flag fault";
    case 0x0c: return "permission fault";
    }
    switch (fsc) {
    case 0x10: return "synchronous external abort";
    case 0x21: return "alignment fault";
    case 0x30: return "TLB conflict abort";
    default: return "other fault";
    }
}

static const char *kind_name(unsigned kind)
{
    static const char *const group[] = {"current EL with SP0", "current EL with SPx",
                                        "lower EL AArch64", "lower EL AArch32"};
    static const char *const type[] = {"synchronous", "IRQ", "FIQ", "SError"};
    static char buf[64];
    ksnprintf(buf, sizeof buf, "%s, %s", type[kind & 3], group[(kind >> 2) & 3]);
    return buf;
}

static bool is_abort(unsigned ec)
{
    return ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25;
}

static void fill_fault(arch_fault_t *f, const arm64_frame_t *tf, unsigned ec)
{
    f->name = ec_name(ec);
    f->vector = ec;
    f->code = tf->esr;
    f->pc = tf->elr;
    f->sp = tf->sp;
    f->addr = tf->far;
    /* FAR is valid for aborts unless ISS.FnV, and for PC alignment faults. */
    f->has_addr = (is_abort(ec) && !(tf->esr & (1u << 10))) || ec == 0x22 ||
                  ec == 0x34 || ec == 0x35;
}

static void report_esr(const arch_fault_t *f)
{
    unsigned ec = f->vector;
    uint64_t esr = f->code;
    kprintf("  ESR 0x%08llx: EC 0x%02x %s, IL %u, ISS 0x%07llx\n", (unsigned long long)esr,
            ec, f->name, (unsigned)(esr >> 25) & 1, (unsigned long long)(esr & 0x1ffffff));
    if (is_abort(ec)) {
        unsigned fsc = esr & 0x3f;
        kprintf("  %s 0x%02x: %s", ec == 0x24 || ec == 0x25 ? "DFSC" : "IFSC", fsc,
                fsc_name(fsc));
        if (fsc < 0x10)
            kprintf(" at level %u", fsc & 3);
        if (ec == 0x24 || ec == 0x25)
            kprintf(", WnR %u (%s)%s%s", (unsigned)(esr >> 6) & 1,
                    esr & (1u << 6) ? "write" : "read", esr & (1u << 8) ? ", cache op" : "",
                    esr & (1u << 7) ? ", during a table walk" : "");
        kprintf("%s\n", esr & (1u << 10) ? ", FAR not valid" : "");
    } else if (ec == 0x15 || ec == 0x16 || ec == 0x17 || ec == 0x3c) {
        kprintf("  immediate 0x%llx\n", (unsigned long long)(esr & 0xffff));
    } else if (ec == 0x18) {
        kprintf("  %s op0 %u op1 %u CRn %u CRm %u op2 %u, x%u\n", esr & 1 ? "MRS" : "MSR",
                (unsigned)(esr >> 20) & 3, (unsigned)(esr >> 14) & 7, (unsigned)(esr >> 10) & 15,
                (unsigned)(esr >> 1) & 15, (unsigned)(esr >> 17) & 7, (unsigned)(esr >> 5) & 31);
    }
}

static void report_regs(const arm64_frame_t *tf)
{
    kprintf("  FAR 0x%016llx  ELR 0x%016llx  SPSR 0x%08llx  SP 0x%016llx\n",
            (unsigned long long)tf->far, (unsigned long long)tf->elr,
            (unsigned long long)tf->spsr, (unsigned long long)tf->sp);
    for (int i = 0; i < 31; i++)
        kprintf("  x%-2d 0x%016llx%s", i, (unsigned long long)tf->x[i],
                i % 3 == 2 || i == 30 ? "\n" : "");
}

static int depth;
static arch_fault_t last_probe_fault;
static bool probe_faulted;

const arch_fault_t *arch_probe_last_fault(void)
{
    return probe_faulted ? &last_probe_fault : NULL;
}

static void record_probe_fault(const arm64_frame_t *tf, unsigned ec, const char *access)
{
    arch_fault_t f;
    fill_fault(&f, tf, ec);
    unsigned fsc = tf->esr & 0x3f;
    kprintf("fault: %s (%s 0x%02x %s", f.name, ec == 0x25 ? "DFSC" : "IFSC", fsc, fsc_name(fsc));
    if (fsc < 0x10)
        kprintf(" at level %u", fsc & 3);
    kprintf(", %s) at pc %p addr %p: caught by probe, returns -1\n", access,
            (void *)tf->elr, (void *)tf->far);
    last_probe_fault = f;
    probe_faulted = true;
}

/* A fault that a fixup label expects: report it briefly, resume there. */
static bool try_fixup(arm64_frame_t *tf, unsigned ec)
{
    uintptr_t pc = tf->elr;
    if (ec == 0x25 && (pc == (uintptr_t)arm64_probe_read_insn ||
                       pc == (uintptr_t)arm64_probe_write_insn)) {
        record_probe_fault(tf, ec, tf->esr & (1u << 6) ? "write" : "read");
        tf->elr = (uintptr_t)arm64_probe_fixup;
        return true;
    }
    /* arm64_probe_exec: the fetch at its target faulted (x9 = target). */
    if (ec == 0x21 && tf->x[30] == (uintptr_t)arm64_probe_exec_ret && pc == tf->x[9]) {
        record_probe_fault(tf, ec, "fetch");
        tf->x[0] = (uint64_t)-1;
        tf->elr = (uintptr_t)arm64_probe_exec_ret;
        return true;
    }
    if (pc == (uintptr_t)arm64_semihost_insn) {
        tf->elr = (uintptr_t)arm64_semihost_fixup;
        return true;
    }
    return false;
}

void arm64_trap(arm64_frame_t *tf, unsigned kind)
{
    if (kind == (VEC_CUR_SPX | VEC_IRQ)) {
        arm64_irq_dispatch();
        return;
    }
    unsigned ec = (tf->esr >> 26) & 0x3f;
    if (depth++) {
        arm64_early_puts("\n*** exception inside the exception handler; stopping\n");
        arch_poweroff(EXIT_FAULT);
    }
    if (kind == (VEC_CUR_SPX | VEC_SYNC) && try_fixup(tf, ec)) {
        depth--;
        return;
    }
    bool overflow = kind == VEC_STACK_OVERFLOW;
    if (overflow) {
        kprintf("\n*** kernel stack overflow: SP 0x%llx has no room for an exception frame\n",
                (unsigned long long)tf->sp);
        kind = VEC_CUR_SPX | VEC_SYNC;      /* what it was, on the old stack */
    }
    arch_fault_t f;
    fill_fault(&f, tf, ec);
    if ((kind & 3) != VEC_SYNC) {
        f.name = kind_name(kind);
        f.has_addr = false;
    }
    f.data_access = !overflow && kind == (VEC_CUR_SPX | VEC_SYNC) && ec == 0x25;
    arch_recover_t *rp = kernel_fault(&f);
    if (rp) {
        depth--;
        tf->elr = (uintptr_t)arch_recover_jump;     /* arch_recover_jump(rp, 1) */
        tf->x[0] = (uintptr_t)rp;
        tf->x[1] = 1;
        return;
    }
    kprintf("\n*** CPU exception: %s (%s)\n", f.name, kind_name(kind));
    if ((kind & 3) == VEC_SYNC || (kind & 3) == VEC_SERROR)
        report_esr(&f);
    report_regs(tf);
    kbacktrace(tf->elr, tf->x[29], tf->x[30]);
    kprintf("*** unhandled CPU exception: stopping\n");
    arch_poweroff(EXIT_FAULT);
}
