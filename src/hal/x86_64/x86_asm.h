/*
 * x86_asm.h - constants shared by the x86-64 assembly files (mirrors of
 * the selectors in x86.h that assembly cannot include from C headers).
 */
#ifndef JERICHO_X86_ASM_H
#define JERICHO_X86_ASM_H

#define X86_SEL_KCODE 0x08
#define X86_SEL_KDATA 0x10

#endif
