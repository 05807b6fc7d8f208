/*
 * hal_arch.h - arm64 private types and inlines: the context-switch state
 * and the system-register accessors the HAL uses. Included by
 * include/hal.h (and by the arm64 .S files, which see only the offsets).
 */
#ifndef JERICHO_HAL_ARCH_H
#define JERICHO_HAL_ARCH_H

/* arch_context_t offsets, used by switch.S. */
#define ARM64_CTX_X19   0       /* x19..x28, x29 (fp), x30 (lr): 12 words */
#define ARM64_CTX_SP    96
#define ARM64_CTX_FPCR  104
#define ARM64_CTX_FPSR  112
#define ARM64_CTX_Q     128     /* q0..q31: 512 bytes, 16-byte aligned */
#define ARM64_CTX_SIZE  640

#ifndef __ASSEMBLY__
#include <stdint.h>

/* Saved state of a context that is not running: the callee-saved general
 * registers, sp, and the whole FP/SIMD state (a timer interrupt can switch
 * away from the interpreter in the middle of FP code, so every q register
 * is live). Must be 16-byte aligned (kmalloc guarantees it). */
typedef struct {
    uint64_t x[12];         /* x19..x30 */
    uint64_t sp;
    uint64_t fpcr, fpsr;
    uint64_t pad;
    _Alignas(16) uint8_t q[512];
} arch_context_t;

_Static_assert(sizeof(arch_context_t) == ARM64_CTX_SIZE, "arch_context_t layout");
_Static_assert(__builtin_offsetof(arch_context_t, sp) == ARM64_CTX_SP, "ctx sp");
_Static_assert(__builtin_offsetof(arch_context_t, fpcr) == ARM64_CTX_FPCR, "ctx fpcr");
_Static_assert(__builtin_offsetof(arch_context_t, q) == ARM64_CTX_Q, "ctx q");

/* Read / write a system register by name: arm64_sysreg_read(sctlr_el1). */
#define arm64_sysreg_read(reg)                                              \
    ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define arm64_sysreg_write(reg, v)                                          \
    __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")

static inline void arm64_isb(void) { __asm__ volatile("isb" ::: "memory"); }
/* hal.h's free-running counter: CNTVCT_EL0, after an isb so that it is
 * not read early, speculatively. */
static inline uint64_t arch_counter(void)
{
    uint64_t v;
    __asm__ volatile("isb\n mrs %0, cntvct_el0" : "=r"(v) : : "memory");
    return v;
}
/* hal.h's time: counter ticks since kernel entry in 32.32 fixed point,
 * one multiply (timer.c sets both at boot; the 128-bit product does not
 * overflow for 584 years of uptime). */
extern uint64_t arm64_counter_base, arm64_ns_mult;
static inline uint64_t arch_time_ns(void)
{
    return (uint64_t)(((unsigned __int128)(arch_counter() - arm64_counter_base) * arm64_ns_mult) >> 32);
}
static inline void arm64_dsb_ish(void) { __asm__ volatile("dsb ish" ::: "memory"); }
static inline void arm64_dsb_ishst(void) { __asm__ volatile("dsb ishst" ::: "memory"); }

static inline uint32_t arm64_mmio_read32(uintptr_t a)
{
    return *(volatile uint32_t *)a;
}
static inline void arm64_mmio_write32(uintptr_t a, uint32_t v)
{
    *(volatile uint32_t *)a = v;
}
static inline uint8_t arm64_mmio_read8(uintptr_t a)
{
    return *(volatile uint8_t *)a;
}
static inline void arm64_mmio_write16(uintptr_t a, uint16_t v)
{
    *(volatile uint16_t *)a = v;
}

#define ARM64_DAIF_I (1u << 7)

#endif /* __ASSEMBLY__ */
#endif
