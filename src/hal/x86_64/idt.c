/*
 * idt.c - the interrupt descriptor table: 256 interrupt gates, one per
 * stub in trap_entry.S (16 bytes apart), all DPL 0; double fault, NMI and
 * machine check run on their own IST stacks (gdt.c).
 */
#include "x86.h"

typedef struct __attribute__((packed)) {
    uint16_t off_lo;
    uint16_t sel;
    uint8_t ist;
    uint8_t type;       /* 0x8e: present, DPL 0, 64-bit interrupt gate */
    uint16_t off_mid;
    uint32_t off_hi;
    uint32_t zero;
} idt_gate_t;
_Static_assert(sizeof(idt_gate_t) == 16, "IDT gate layout");

#define STUB_SIZE 16

extern const char x86_trap_stubs[];
static idt_gate_t idt[256];

static struct __attribute__((packed)) {
    uint16_t limit;
    uint64_t base;
} idtr;

void x86_idt_init(void)
{
    for (unsigned v = 0; v < 256; v++) {
        uint64_t a = (uintptr_t)(x86_trap_stubs + v * STUB_SIZE);
        idt[v] = (idt_gate_t){
            .off_lo = a & 0xffff, .sel = X86_SEL_KCODE, .ist = 0, .type = 0x8e,
            .off_mid = (a >> 16) & 0xffff, .off_hi = a >> 32, .zero = 0,
        };
    }
    idt[8].ist = X86_IST_DF;
    idt[2].ist = X86_IST_NMI;
    idt[18].ist = X86_IST_MC;
    idtr.limit = sizeof(idt) - 1;
    idtr.base = (uintptr_t)idt;
    __asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}
