/*
 * entry.S - Multiboot2 header and the 32-bit to 64-bit bootstrap.
 *
 * GRUB enters _start in 32-bit protected mode, paging off, with
 * eax = Multiboot2 magic and ebx = physical address of the boot information.
 * We read the TSC first (the boot clock), zero .bss, check that the CPU has
 * long mode and NX, identity-map the first 4 GiB with 2 MiB pages, turn on
 * PAE, NX, long mode, paging (with CR0.WP so W^X binds the kernel too) and
 * SSE, load a 64-bit GDT, and call x86_boot(magic, info) in C on the boot
 * stack. x86_boot then builds the real page tables (mmu.c).
 */
#include "x86_asm.h"

#define MB2_MAGIC    0xe85250d6
#define MB2_ARCH_I386 0
#define MB2_HDR_LEN  (mb2_header_end - mb2_header)

    .section .multiboot, "a"
    .balign 8
mb2_header:
    .long MB2_MAGIC
    .long MB2_ARCH_I386
    .long MB2_HDR_LEN
    .long -(MB2_MAGIC + MB2_ARCH_I386 + MB2_HDR_LEN)
    /* end tag */
    .balign 8
    .short 0
    .short 0
    .long 8
mb2_header_end:

    .section .boot.text, "ax"
    .code32
    .globl _start
_start:
    cli
    cld
    mov %eax, %edi              /* multiboot magic */
    mov %ebx, %esi              /* multiboot info */
    rdtsc
    mov %eax, x86_entry_tsc
    mov %edx, x86_entry_tsc + 4

    /* zero .bss (page tables and stacks live there) */
    push %edi
    mov $__bss_start, %edi
    mov $__bss_end, %ecx
    sub %edi, %ecx
    shr $2, %ecx
    xor %eax, %eax
    rep stosl
    pop %edi

    mov $x86_boot_stack_top, %esp

    /* long mode and NX? (CPUID 0x80000001 EDX bits 29 and 20) */
    mov $0x80000000, %eax
    cpuid
    cmp $0x80000001, %eax
    jb no_long_mode
    mov $0x80000001, %eax
    cpuid
    test $(1 << 29), %edx
    jz no_long_mode
    test $(1 << 20), %edx
    jz no_long_mode

    /* PML4[0] -> PDPT; PDPT[0..3] -> PD0..PD3; each PD maps 1 GiB in
     * 2 MiB pages (present, writable, large). */
    mov $boot_pdpt, %eax
    or $3, %eax
    mov %eax, boot_pml4
    mov $boot_pd, %ebx
    xor %ecx, %ecx
1:  mov %ebx, %eax
    shl $12, %ecx
    add %ecx, %eax
    shr $12, %ecx
    or $3, %eax
    mov %eax, boot_pdpt(,%ecx,8)
    inc %ecx
    cmp $4, %ecx
    jb 1b
    xor %ecx, %ecx              /* 2048 entries, entry i maps i * 2 MiB */
2:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax
    mov %eax, boot_pd(,%ecx,8)
    inc %ecx
    cmp $2048, %ecx
    jb 2b

    /* CR4: PAE | OSFXSR | OSXMMEXCPT */
    mov %cr4, %eax
    or $((1 << 5) | (1 << 9) | (1 << 10)), %eax
    mov %eax, %cr4
    mov $boot_pml4, %eax
    mov %eax, %cr3
    /* EFER: LME | NXE */
    mov $0xc0000080, %ecx
    rdmsr
    or $((1 << 8) | (1 << 11)), %eax
    wrmsr
    /* CR0: PG | WP | MP | PE, clear EM and TS */
    mov %cr0, %eax
    and $~((1 << 2) | (1 << 3)), %eax
    or $((1 << 31) | (1 << 16) | (1 << 1) | 1), %eax
    mov %eax, %cr0

    lgdt boot_gdt_ptr
    ljmp $X86_SEL_KCODE, $long_mode

no_long_mode:
    mov $no_lm_msg, %esi
1:  lodsb
    test %al, %al
    jz 2f
    mov %al, %bl
    mov $0x3fd, %dx             /* wait for the transmitter */
3:  inb %dx, %al
    test $0x20, %al
    jz 3b
    mov $0x3f8, %dx
    mov %bl, %al
    outb %al, %dx
    jmp 1b
2:  mov $0xf4, %dx              /* isa-debug-exit: status 0x10 + 5 */
    mov $0x15, %eax
    outl %eax, %dx
3:  hlt
    jmp 3b

    .code64
long_mode:
    mov $X86_SEL_KDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %eax, %eax
    mov %ax, %fs
    mov %ax, %gs
    mov $x86_boot_stack_top, %rsp
    xor %ebp, %ebp
    /* Known FP state whatever the loader left: x87 reset, MXCSR with all
     * exceptions masked and round-to-nearest (what wasm needs). */
    fninit
    ldmxcsr mxcsr_default(%rip)
    mov %edi, %edi              /* zero-extend magic and info */
    mov %esi, %esi
    call x86_boot
4:  cli
    hlt
    jmp 4b

    .section .boot.rodata, "a"
    .balign 8
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff    /* 0x08: 64-bit code, DPL 0 */
    .quad 0x00cf92000000ffff    /* 0x10: data, DPL 0 */
boot_gdt_end:
boot_gdt_ptr:
    .short boot_gdt_end - boot_gdt - 1
    .long boot_gdt
mxcsr_default:
    .long 0x1f80
no_lm_msg:
    .asciz "JerichoOS: this CPU has no long mode or no NX; halting\r\n"

    .data
    .balign 8
    .globl x86_entry_tsc
x86_entry_tsc:
    .quad 0

    .bss
    .balign 4096
boot_pml4:
    .skip 4096
boot_pdpt:
    .skip 4096
boot_pd:
    .skip 4 * 4096
    /* The boot stack, with an unmapped guard page below it (mmu.c leaves
     * x86_boot_stack_guard out of the map): an overflow page-faults, and
     * the fault becomes a double fault reported on its own IST stack. */
    .globl x86_boot_stack_guard, x86_boot_stack_top
x86_boot_stack_guard:
    .skip 4096
    .skip 32768
x86_boot_stack_top:
