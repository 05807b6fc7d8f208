/*
 * entry.S - the first instructions: QEMU -kernel enters _start at EL1 (or
 * EL2 with virtualization=on), MMU and caches off, x0 = 0, no stack.
 *
 *   1. at EL2: configure EL2 so that EL1 runs unhindered (AArch64 EL1, no
 *      FP/timer traps, CNTVOFF = 0, the GICv3 system registers if the CPU
 *      has them) and drop to EL1h with DAIF masked
 *   2. SCTLR_EL1 to a known value (MMU, caches, alignment checks off)
 *   3. FP/SIMD on (CPACR_EL1.FPEN = 0b11): GCC may use it in any C code;
 *      FPCR = 0 (IEEE round to nearest, denormals kept, as wasm requires)
 *   4. boot stack, zero .bss, VBAR_EL1 = arm64_vectors
 *   5. arm64_boot(counter at entry, entry EL), which never returns
 */
#include "arm64.h"
#include "kconfig.h"

#define SCTLR_EL1_RES1  0x30d00800      /* RES1 bits of ARMv8.0 (LSMAOE, nTLSMD, EIS, SPAN, TSCXT, EOS) */
#define HCR_EL2_RW      (1 << 31)       /* EL1 is AArch64 */
#define SPSR_EL1H_DAIF  0x3c5           /* EL1h, D A I F masked */

    .section .text.boot, "ax"
    .global _start
_start:
    mrs     x20, CurrentEL              /* kept for arm64_boot's report */
    lsr     x20, x20, #2
    mov     x1, x20
    cmp     x1, #2
    b.eq    from_el2
    cmp     x1, #1
    b.ne    bad_el
    b       at_el1

from_el2:
    mov     x1, #HCR_EL2_RW
    msr     hcr_el2, x1
    mov     x1, #3                      /* EL1PCTEN | EL1PCEN: counters and timers */
    msr     cnthctl_el2, x1
    msr     cntvoff_el2, xzr
    mov     x1, #0x33ff                 /* CPTR_EL2: no FP/SIMD trap (TFP = 0) */
    msr     cptr_el2, x1
    msr     hstr_el2, xzr
    mrs     x1, midr_el1                /* what EL1 reads as MIDR/MPIDR */
    msr     vpidr_el2, x1
    mrs     x1, mpidr_el1
    msr     vmpidr_el2, x1
    msr     vttbr_el2, xzr
    mrs     x1, id_aa64pfr0_el1         /* a GICv3 CPU interface? then let EL1 */
    ubfx    x1, x1, #24, #4             /* use its system registers: */
    cbz     x1, 4f                      /* ICC_SRE_EL2 = Enable | SRE */
    mrs     x1, S3_4_C12_C9_5
    orr     x1, x1, #0x1
    orr     x1, x1, #0x8
    msr     S3_4_C12_C9_5, x1
    isb
    msr     S3_4_C12_C11_0, xzr         /* ICH_HCR_EL2: no virtual interface */
4:
    ldr     x1, =SCTLR_EL1_RES1
    msr     sctlr_el1, x1
    mov     x1, #SPSR_EL1H_DAIF
    msr     spsr_el2, x1
    adr     x1, at_el1
    msr     elr_el2, x1
    isb
    eret

at_el1:
    msr     daifset, #0xf
    ldr     x1, =SCTLR_EL1_RES1
    msr     sctlr_el1, x1
    mov     x1, #(3 << 20)              /* CPACR_EL1.FPEN = 0b11 */
    msr     cpacr_el1, x1
    isb
    msr     fpcr, xzr                   /* round to nearest, no flush-to-zero, */
    msr     fpsr, xzr                   /* NaNs propagate: what wasm needs */
    mrs     x19, cntvct_el0             /* boot clock starts here */

    ldr     x1, =arm64_boot_stack_top
    mov     sp, x1
    ldr     x1, =__bss_start            /* 64-byte aligned (linker.ld), so 16-byte stores */
    ldr     x2, =__bss_end
1:  cmp     x1, x2
    b.hs    2f
    stp     xzr, xzr, [x1], #16
    b       1b
2:
    ldr     x1, =arm64_vectors
    msr     vbar_el1, x1
    isb
    mov     x29, #0                     /* ends the panic backtrace */
    mov     x30, #0
    mov     x0, x19
    mov     x1, x20
    bl      arm64_boot
    b       hang

/* EL3 (virt,secure=on) or an unknown EL: say so on the PL011 and stop. */
bad_el:
    adr     x1, bad_el_msg
    mov     x2, #VIRT_UART_BASE
3:  ldrb    w3, [x1], #1
    cbz     w3, hang
    strb    w3, [x2]
    b       3b
hang:
    msr     daifset, #0xf
    wfi
    b       hang

    .section .rodata
bad_el_msg:
    .asciz  "jericho: entered at an exception level other than EL1/EL2; halting\r\n"

/* The boot stack, with an unmapped guard page below it (mmu.c), and the
 * emergency stack vectors.S switches to when a stack overflows. */
    .section .bss
    .balign 4096
    .global arm64_boot_stack_guard, arm64_boot_stack, arm64_boot_stack_top
arm64_boot_stack_guard:
    .space  4096
arm64_boot_stack:
    .space  KCONFIG_KSTACK_SIZE
arm64_boot_stack_top:
    .balign 16
    .global arm64_emergency_stack_top
    .space  8192
arm64_emergency_stack_top:
