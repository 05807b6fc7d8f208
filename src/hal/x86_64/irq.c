/*
 * irq.c - interrupt control: the legacy 8259 PIC is remapped to vectors
 * 0x20-0x2f (so a stray IRQ is never taken for an exception) and masked
 * but for the lines a driver unmasks (COM1's receive interrupt, IRQ 4;
 * the PCI devices' INTx lines, pci.c),
 * which reach the CPU through the local APIC's LINT0 in ExtINT mode
 * (virtual wire); the local APIC (mapped uncached by mmu.c) is software-enabled
 * with spurious vector 0xff and delivers the timer; plus the
 * arch_irq_* primitives on RFLAGS.IF.
 */
#include "hal.h"
#include "klib.h"
#include "x86.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

#define LAPIC_TPR   0x080
#define LAPIC_EOI   0x0b0
#define LAPIC_SVR   0x0f0
#define LAPIC_SVR_ENABLE 0x100
#define LAPIC_LVT_LINT0 0x350
#define LVT_EXTINT 0x700
#define IA32_APIC_BASE_MSR 0x1b
#define APIC_BASE_ENABLE (1u << 11)

static void io_wait(void)
{
    x86_outb(0x80, 0);
}

static void pic_remap_and_mask(void)
{
    x86_outb(PIC1_CMD, 0x11);           /* ICW1: init, ICW4 follows */
    io_wait();
    x86_outb(PIC2_CMD, 0x11);
    io_wait();
    x86_outb(PIC1_DATA, X86_VEC_PIC_BASE);      /* ICW2: vector base */
    io_wait();
    x86_outb(PIC2_DATA, X86_VEC_PIC_BASE + 8);
    io_wait();
    x86_outb(PIC1_DATA, 4);             /* ICW3: slave on IRQ2 */
    io_wait();
    x86_outb(PIC2_DATA, 2);
    io_wait();
    x86_outb(PIC1_DATA, 0x01);          /* ICW4: 8086 mode */
    io_wait();
    x86_outb(PIC2_DATA, 0x01);
    io_wait();
    x86_outb(PIC1_DATA, 0xff);          /* mask everything */
    x86_outb(PIC2_DATA, 0xff);
}

uint32_t x86_lapic_read(uint32_t reg)
{
    return *(volatile uint32_t *)(uintptr_t)(X86_LAPIC_BASE + reg);
}

void x86_lapic_write(uint32_t reg, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)(X86_LAPIC_BASE + reg) = v;
}

void x86_lapic_eoi(void)
{
    x86_lapic_write(LAPIC_EOI, 0);
}

void x86_irq_init(void)
{
    uint32_t r[4];
    x86_cpuid(1, 0, r);
    if (!(r[3] & (1u << 9)))
        panic("irq: this CPU has no local APIC (CPUID.1:EDX.APIC); the timer needs one");
    pic_remap_and_mask();
    /* Keep the APIC at its default base and make sure it is on. */
    uint64_t base = x86_rdmsr(IA32_APIC_BASE_MSR);
    base = (base & 0xfffull) | X86_LAPIC_BASE | APIC_BASE_ENABLE;
    x86_wrmsr(IA32_APIC_BASE_MSR, base);
    x86_lapic_write(LAPIC_TPR, 0);
    x86_lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | X86_VEC_SPURIOUS);
    x86_lapic_write(LAPIC_LVT_LINT0, LVT_EXTINT);  /* the 8259's output */
}

void x86_pic_unmask(unsigned irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    x86_outb(port, (uint8_t)(x86_inb(port) & ~(1u << (irq & 7))));
    if (irq >= 8)   /* the cascade line */
        x86_outb(PIC1_DATA, (uint8_t)(x86_inb(PIC1_DATA) & ~(1u << 2)));
}

void x86_pic_mask(unsigned irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    x86_outb(port, (uint8_t)(x86_inb(port) | 1u << (irq & 7)));
}

/* A device interrupt: masked first (level-triggered lines stay asserted
 * until the driver clears the device), ended, then given to the kernel. */
void x86_device_irq(unsigned irq)
{
    x86_pic_mask(irq);
    x86_pic_eoi(irq);
    kernel_device_irq(irq);
}

void x86_pic_eoi(unsigned irq)
{
    if (irq >= 8)
        x86_outb(PIC2_CMD, 0x20);
    x86_outb(PIC1_CMD, 0x20);
}

arch_irqstate_t arch_irq_save(void)
{
    uint64_t f = x86_read_rflags();
    __asm__ volatile("cli" : : : "memory");
    return f & X86_RFLAGS_IF;
}

void arch_irq_restore(arch_irqstate_t s)
{
    if (s & X86_RFLAGS_IF)
        __asm__ volatile("sti" : : : "memory");
    else
        __asm__ volatile("cli" : : : "memory");
}

void arch_irq_enable(void)
{
    __asm__ volatile("sti" : : : "memory");
}

void arch_irq_disable(void)
{
    __asm__ volatile("cli" : : : "memory");
}

bool arch_irq_enabled(void)
{
    return (x86_read_rflags() & X86_RFLAGS_IF) != 0;
}

void arch_wait_for_interrupt(void)
{
    /* sti takes effect after the next instruction: no wake-up is lost
     * between the two. */
    __asm__ volatile("sti; hlt" : : : "memory");
}
