/*
 * trap.c - what happens on every interrupt and exception (entered from
 * trap_entry.S with interrupts off):
 *   - the timer vector: acknowledge, then kernel_timer_tick();
 *   - spurious interrupts (local APIC, legacy PIC): ignored;
 *   - a fault at an arch_probe_read/write instruction: reported on one
 *     line, then resumed at the probe's fixup, which returns -1;
 *   - any other exception goes to kernel_fault() first: a load or store
 *     in the engine's guest-memory access code of a task with a recovery
 *     point resumes there (the iretq lands in arch_recover_jump);
 *   - everything else is a kernel panic: a full report (vector name,
 *     error code, RIP, CR2 for page faults, all general registers, a
 *     symbolized backtrace), then power off with X86_EXIT_FAULT.
 */
#include "hal.h"
#include "klib.h"
#include "x86.h"

_Static_assert(sizeof(x86_frame_t) == 22 * 8, "frame layout matches trap_entry.S");

/* Exit status after an exception nobody handled (panic uses 2 and 3). */
#define X86_EXIT_FAULT 4

static const char *const vector_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow",
    "bound range exceeded", "invalid opcode", "device not available",
    "double fault", "coprocessor segment overrun", "invalid TSS",
    "segment not present", "stack-segment fault", "general protection fault",
    "page fault", "reserved (15)", "x87 floating-point error",
    "alignment check", "machine check", "SIMD floating-point exception",
    "virtualization exception", "control protection exception",
    "reserved (22)", "reserved (23)", "reserved (24)", "reserved (25)",
    "reserved (26)", "reserved (27)", "hypervisor injection exception",
    "VMM communication exception", "security exception", "reserved (31)",
};

#define PF_PRESENT 0x1
#define PF_WRITE   0x2
#define PF_USER    0x4
#define PF_RSVD    0x8
#define PF_FETCH   0x10

static int fault_depth;
static arch_fault_t last_probe_fault;
static bool probe_faulted;

const arch_fault_t *arch_probe_last_fault(void)
{
    return probe_faulted ? &last_probe_fault : NULL;
}

static void describe_page_fault(uint64_t code)
{
    kprintf(" [%s, %s%s%s]", code & PF_FETCH ? "fetch" : code & PF_WRITE ? "write" : "read",
            code & PF_PRESENT ? "protection violation" : "not present",
            code & PF_USER ? ", user" : "", code & PF_RSVD ? ", reserved bit" : "");
}

static void report_registers(const x86_frame_t *f)
{
    kprintf("  rax %016llx  rbx %016llx  rcx %016llx\n", (unsigned long long)f->rax,
            (unsigned long long)f->rbx, (unsigned long long)f->rcx);
    kprintf("  rdx %016llx  rsi %016llx  rdi %016llx\n", (unsigned long long)f->rdx,
            (unsigned long long)f->rsi, (unsigned long long)f->rdi);
    kprintf("  rbp %016llx  rsp %016llx  r8  %016llx\n", (unsigned long long)f->rbp,
            (unsigned long long)f->rsp, (unsigned long long)f->r8);
    kprintf("  r9  %016llx  r10 %016llx  r11 %016llx\n", (unsigned long long)f->r9,
            (unsigned long long)f->r10, (unsigned long long)f->r11);
    kprintf("  r12 %016llx  r13 %016llx  r14 %016llx\n", (unsigned long long)f->r12,
            (unsigned long long)f->r13, (unsigned long long)f->r14);
    kprintf("  r15 %016llx  rip %016llx  rflags %08llx\n", (unsigned long long)f->r15,
            (unsigned long long)f->rip, (unsigned long long)f->rflags);
    kprintf("  cs %04llx  ss %04llx  cr3 %016llx\n", (unsigned long long)f->cs,
            (unsigned long long)f->ss, (unsigned long long)x86_read_cr3());
}

/* The return address of a faulting leaf function that keeps no frame
 * record (GCC omits it in small leaves): the word at rsp if the five bytes
 * before it are a direct call of the function rip is in; else 0. */
static uintptr_t leaf_return(const x86_frame_t *f)
{
    uintptr_t off;
    if (!ksym_find(f->rip, &off, NULL) || (f->rsp & 7) || !arch_mapped(f->rsp))
        return 0;
    uintptr_t ret = *(const uintptr_t *)(uintptr_t)f->rsp, at = ret - 5;
    /* (a ret below 5 wraps to an address no symbol covers) */
    if (!ksym_find(at, NULL, NULL) || !arch_mapped(at))
        return 0;
    const uint8_t *call = (const uint8_t *)at;
    int32_t rel;
    __builtin_memcpy(&rel, call + 1, sizeof rel);
    return call[0] == 0xe8 && ret + (intptr_t)rel == f->rip - off ? ret : 0;
}

/* The fixup address if rip is a probe instruction, else 0. */
static uintptr_t probe_fixup(uint64_t rip)
{
    if (rip == (uintptr_t)x86_probe_read_insn || rip == (uintptr_t)x86_probe_write_insn)
        return (uintptr_t)x86_probe_fixup;
    return 0;
}

static void exception(x86_frame_t *f)
{
    const char *name = vector_names[f->vector];
    bool has_addr = f->vector == 14;
    uint64_t cr2 = has_addr ? x86_read_cr2() : 0;

    uintptr_t fixup = probe_fixup(f->rip);
    if (fixup && fault_depth == 0) {
        kprintf("fault: %s (vector %llu) code 0x%llx", name, (unsigned long long)f->vector,
                (unsigned long long)f->error);
        if (has_addr)
            describe_page_fault(f->error);
        kprintf(" at rip %p", (void *)(uintptr_t)f->rip);
        if (has_addr)
            kprintf(" addr %p", (void *)(uintptr_t)cr2);
        kprintf(": caught by probe, returns -1\n");
        last_probe_fault = (arch_fault_t){
            .name = name, .vector = (unsigned)f->vector, .code = f->error,
            .pc = f->rip, .sp = f->rsp, .addr = cr2, .has_addr = has_addr,
        };
        probe_faulted = true;
        f->rip = fixup;
        return;
    }

    if (fault_depth++) {
        /* A fault while reporting one: say the least and stop. */
        kprintf("\nnested exception %llu (%s) at rip %p; halting\n",
                (unsigned long long)f->vector, name, (void *)(uintptr_t)f->rip);
        arch_poweroff(X86_EXIT_FAULT);
    }
    arch_fault_t af = {
        .name = name, .vector = (unsigned)f->vector, .code = f->error,
        .pc = f->rip, .sp = f->rsp, .addr = cr2, .has_addr = has_addr,
        .data_access = f->vector == 13 || (f->vector == 14 && !(f->error & PF_FETCH)),
    };
    arch_recover_t *rp = kernel_fault(&af);
    if (rp) {
        fault_depth--;
        f->rip = (uintptr_t)arch_recover_jump;     /* arch_recover_jump(rp, 1) */
        f->rdi = (uintptr_t)rp;
        f->rsi = 1;
        return;
    }
    kprintf("\nEXCEPTION: %s (vector %llu), error code 0x%llx", name,
            (unsigned long long)f->vector, (unsigned long long)f->error);
    if (has_addr)
        describe_page_fault(f->error);
    kprintf("\n  at rip %p", (void *)(uintptr_t)f->rip);
    if (has_addr)
        kprintf(", fault address (cr2) %p", (void *)(uintptr_t)cr2);
    kprintf("\n");
    if (f->vector == 8)
        kprintf("  (a double fault is most often a kernel stack overflow)\n");
    report_registers(f);
    kbacktrace(f->rip, f->rbp, leaf_return(f));
    kprintf("unhandled exception: halting\n");
    arch_poweroff(X86_EXIT_FAULT);
}

void x86_trap(x86_frame_t *f)
{
    if (f->vector < 32) {
        exception(f);
        return;
    }
    switch (f->vector) {
    case X86_VEC_TIMER:
        x86_lapic_eoi();
        x86_timer_irq();
        return;
    case X86_VEC_SPURIOUS:
        return;                 /* local APIC spurious: no EOI */
    case X86_VEC_PIC_BASE + X86_IRQ_COM1:
        x86_uart_rx_irq();      /* EOIs, then may switch tasks */
        return;
    case X86_VEC_PIC_BASE + 7:
    case X86_VEC_PIC_BASE + 15:
        /* Spurious IRQ 7/15 of the (fully masked) PIC. For 15 the master
         * saw a real cascade request and wants its EOI. */
        if (f->vector == X86_VEC_PIC_BASE + 15)
            x86_outb(0x20, 0x20);
        return;
    default:
        if (f->vector >= X86_VEC_PIC_BASE && f->vector < X86_VEC_PIC_BASE + 16) {
            x86_device_irq((unsigned)(f->vector - X86_VEC_PIC_BASE));  /* pci.c's lines */
            return;
        }
        kprintf("unexpected interrupt vector %llu at rip %p; ignored\n",
                (unsigned long long)f->vector, (void *)(uintptr_t)f->rip);
        return;
    }
}
