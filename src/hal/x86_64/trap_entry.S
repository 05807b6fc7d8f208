/*
 * trap_entry.S - one small entry stub per interrupt vector (0-255) and the
 * common path. A stub pushes a zero error code when the CPU pushes none,
 * then the vector number; the common path saves the 15 general registers
 * (the kernel outside src/interp never uses FP/SIMD, and the interpreter's
 * FP state is saved by arch_context_switch, so no FXSAVE here), calls
 * x86_trap(frame) and returns with iretq. The frame layout is x86_frame_t
 * in x86.h. x86_trap may change the frame (probe fixups resume elsewhere).
 */
#include "x86_asm.h"


    .cfi_sections .debug_frame
    .text
    .balign 16
    .globl x86_trap_stubs
x86_trap_stubs:
    vec = 0
    .rept 256
    .balign 16
    .if (vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
    nop
    nop
    .else
    pushq $0
    .endif
    pushq $vec
    jmp trap_common
    vec = vec + 1
    .endr

/* Call-frame information for debuggers (docs/debugging.md): at the call
 * of x86_trap, the caller is the interrupted code, its registers in the
 * frame and its rsp at frame+160. A signal frame: the interrupted rip is
 * not a return address. */
trap_common:
    .cfi_startproc simple
    .cfi_signal_frame
    .cfi_def_cfa %rsp, 0
    cld
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    mov %rsp, %rdi
    .cfi_escape 0x0f, 0x04, 0x77, 0xa0, 0x01, 0x06   /* CFA = the interrupted rsp, saved at 160 */
    .cfi_escape 0x10, 0x0f, 0x02, 0x77, 0x00   /* r15 at rsp+0 */
    .cfi_escape 0x10, 0x0e, 0x02, 0x77, 0x08   /* r14 at rsp+8 */
    .cfi_escape 0x10, 0x0d, 0x02, 0x77, 0x10   /* r13 at rsp+16 */
    .cfi_escape 0x10, 0x0c, 0x02, 0x77, 0x18   /* r12 at rsp+24 */
    .cfi_escape 0x10, 0x0b, 0x02, 0x77, 0x20   /* r11 at rsp+32 */
    .cfi_escape 0x10, 0x0a, 0x02, 0x77, 0x28   /* r10 at rsp+40 */
    .cfi_escape 0x10, 0x09, 0x02, 0x77, 0x30   /* r9 at rsp+48 */
    .cfi_escape 0x10, 0x08, 0x02, 0x77, 0x38   /* r8 at rsp+56 */
    .cfi_escape 0x10, 0x06, 0x03, 0x77, 0xc0, 0x00   /* rbp at rsp+64 */
    .cfi_escape 0x10, 0x05, 0x03, 0x77, 0xc8, 0x00   /* rdi at rsp+72 */
    .cfi_escape 0x10, 0x04, 0x03, 0x77, 0xd0, 0x00   /* rsi at rsp+80 */
    .cfi_escape 0x10, 0x01, 0x03, 0x77, 0xd8, 0x00   /* rdx at rsp+88 */
    .cfi_escape 0x10, 0x02, 0x03, 0x77, 0xe0, 0x00   /* rcx at rsp+96 */
    .cfi_escape 0x10, 0x03, 0x03, 0x77, 0xe8, 0x00   /* rbx at rsp+104 */
    .cfi_escape 0x10, 0x00, 0x03, 0x77, 0xf0, 0x00   /* rax at rsp+112 */
    .cfi_escape 0x10, 0x10, 0x03, 0x77, 0x88, 0x01   /* rip at rsp+136 */
    call x86_trap
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    add $16, %rsp               /* vector and error code */
    iretq
    .cfi_endproc
