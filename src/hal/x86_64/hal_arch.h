/*
 * hal_arch.h - x86-64 private types and inlines: the context-switch state
 * and one static inline per privileged instruction the HAL uses (port I/O,
 * control registers, MSRs, CPUID, TSC). Included by include/hal.h.
 */
#ifndef JERICHO_HAL_ARCH_H
#define JERICHO_HAL_ARCH_H

#include <stdint.h>

/* Saved state of a context that is not running. Callee-saved registers and
 * the return address sit on the context's own stack; rsp points at them.
 * fx is the FXSAVE image (x87/MMX/SSE registers, MXCSR): 512 bytes,
 * 16-byte aligned, so an arch_context_t must be 16-byte aligned (kmalloc
 * guarantees it). Offsets are used by switch.S. */
typedef struct {
    uint64_t rsp;           /* offset 0 */
    uint64_t pad;
    _Alignas(16) uint8_t fx[512];   /* offset 16 */
} arch_context_t;

#define X86_CTX_RSP 0
#define X86_CTX_FX  16

static inline void x86_outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline void x86_outw(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}
static inline void x86_outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t x86_inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint64_t x86_rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline void x86_wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t x86_read_cr2(void)
{
    uint64_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}
static inline uint64_t x86_read_cr3(void)
{
    uint64_t v;
    __asm__ volatile("mov %%cr3, %0" : "=r"(v));
    return v;
}
static inline void x86_write_cr3(uint64_t v)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}
static inline void x86_invlpg(uintptr_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                     : "a"(leaf), "c"(sub));
}

static inline uint64_t x86_rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* hal.h's free-running counter: the TSC. */
static inline uint64_t arch_counter(void)
{
    return x86_rdtsc();
}

/* hal.h's time: TSC ticks since kernel entry in 32.32 fixed point
 * (timer.c sets both at boot, after calibrating the TSC). */
extern uint64_t x86_tsc_base, x86_ns_mult;
static inline uint64_t arch_time_ns(void)
{
    return (uint64_t)(((unsigned __int128)(x86_rdtsc() - x86_tsc_base) * x86_ns_mult) >> 32);
}

static inline uint64_t x86_read_rflags(void)
{
    uint64_t f;
    __asm__ volatile("pushfq; popq %0" : "=r"(f));
    return f;
}

#define X86_RFLAGS_IF (1u << 9)

#endif
