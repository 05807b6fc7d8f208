/*
 * gdt.c - the final GDT (null, kernel code, kernel data, TSS) and the TSS
 * whose interrupt stack table gives double faults, NMIs and machine checks
 * stacks of their own, so that they are reported even when the current
 * stack is broken.
 */
#include "klib.h"
#include "x86.h"

#define IST_STACK_SIZE 8192

typedef struct __attribute__((packed)) {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} tss_t;
_Static_assert(sizeof(tss_t) == 104, "TSS layout");

static tss_t tss;
static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));
static uint64_t gdt[5];

static struct __attribute__((packed)) {
    uint16_t limit;
    uint64_t base;
} gdtr;

void x86_gdt_init(void)
{
    for (int i = 0; i < 3; i++)
        tss.ist[i] = (uint64_t)(uintptr_t)(ist_stacks[i] + IST_STACK_SIZE);
    tss.iomap_base = sizeof(tss);   /* no I/O permission bitmap */

    uint64_t base = (uintptr_t)&tss, limit = sizeof(tss) - 1;
    gdt[0] = 0;
    gdt[1] = 0x00af9a000000ffffull;  /* 64-bit code, DPL 0 */
    gdt[2] = 0x00cf92000000ffffull;  /* data, DPL 0 */
    /* 64-bit available TSS descriptor (type 9, present): 16 bytes. */
    gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
             (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    gdt[4] = base >> 32;

    gdtr.limit = sizeof(gdt) - 1;
    gdtr.base = (uintptr_t)gdt;
    __asm__ volatile(
        "lgdt %0\n\t"
        "pushq %1\n\t"
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1:\n\t"
        "movw %w2, %%ax\n\t"
        "movw %%ax, %%ds\n\t"
        "movw %%ax, %%es\n\t"
        "movw %%ax, %%ss\n\t"
        "ltr %w3"
        : : "m"(gdtr), "i"(X86_SEL_KCODE), "r"(X86_SEL_KDATA), "r"(X86_SEL_TSS)
        : "rax", "memory");
}
