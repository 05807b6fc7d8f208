/*
 * timer.c - time on x86-64:
 *   - the free-running counter is the TSC; its rate is measured at boot
 *     against PIT channel 2 (1.193182 MHz), over 1 ms (1193 PIT periods:
 *     the rate is computed from the exact count, so it is good to about
 *     0.1%), and rounded to 1 MHz. Under QEMU -icount shift=0 this gives
 *     1 GHz: one tick per guest instruction. 1 ms, not more: under icount
 *     every ms waited is a million instructions of boot time.
 *   - the periodic tick is the local APIC timer, whose rate is measured in
 *     the same PIT window, programmed at the configured Hz on vector
 *     X86_VEC_TIMER.
 */
#include "hal.h"
#include "klib.h"
#include "x86.h"

#define PIT_HZ 1193182u
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_GATE 0x61       /* bit 0: channel 2 gate, bit 5: its output */

#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR  0x390
#define LAPIC_TIMER_DIV  0x3e0
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define LAPIC_DIV_16 0x3

#define CALIBRATE_US 1000

static uint64_t tsc_hz;
static uint64_t tsc_base;           /* arch_time_ns() counts from here */
static uint64_t ns_mult;            /* ns = (delta * ns_mult) >> 32 */
static uint64_t lapic_hz;           /* local APIC timer input / 16 */
void (*x86_timer_hook)(void);

/* Wait `us` microseconds on PIT channel 2; returns the PIT periods waited. */
static uint32_t pit_wait(uint32_t us)
{
    uint32_t count = (uint32_t)((uint64_t)PIT_HZ * us / 1000000);
    /* Gate off, speaker off; channel 2, lobyte/hibyte, mode 0. */
    x86_outb(PIT_GATE, (uint8_t)(x86_inb(PIT_GATE) & ~0x03));
    x86_outb(PIT_CMD, 0xb0);
    x86_outb(PIT_CH2, count & 0xff);
    x86_outb(PIT_CH2, (count >> 8) & 0xff);
    x86_outb(PIT_GATE, (uint8_t)(x86_inb(PIT_GATE) | 0x01));   /* start */
    while (!(x86_inb(PIT_GATE) & 0x20))
        ;
    return count;
}

void x86_pit_wait_us(uint32_t us)
{
    pit_wait(us);
}

static void calibrate(void)
{
    x86_lapic_write(LAPIC_TIMER_DIV, LAPIC_DIV_16);
    x86_lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
    x86_lapic_write(LAPIC_TIMER_INIT, 0xffffffffu);
    uint64_t t0 = x86_rdtsc();
    uint32_t periods = pit_wait(CALIBRATE_US);
    uint64_t t1 = x86_rdtsc();
    uint32_t left = x86_lapic_read(LAPIC_TIMER_CUR);
    x86_lapic_write(LAPIC_TIMER_INIT, 0);

    /* rate = ticks / (periods / PIT_HZ) */
    uint64_t hz = (t1 - t0) * PIT_HZ / periods;
    tsc_hz = (hz + 500000) / 1000000 * 1000000;
    if (tsc_hz == 0)
        tsc_hz = 1000000;       /* never divide by zero below */
    lapic_hz = (uint64_t)(0xffffffffu - left) * PIT_HZ / periods;
    ns_mult = (1000000000ull << 32) / tsc_hz;
}

/* Called once at boot (boot.c) after the local APIC is mapped and on. */
void x86_timer_init(uint64_t entry_tsc)
{
    calibrate();
    tsc_base = entry_tsc;
}

uint64_t arch_counter(void)
{
    return x86_rdtsc();
}

uint64_t arch_counter_hz(void)
{
    return tsc_hz;
}

uint64_t arch_time_ns(void)
{
    uint64_t d = x86_rdtsc() - tsc_base;
    return (uint64_t)(((unsigned __int128)d * ns_mult) >> 32);
}

uint64_t x86_lapic_timer_hz(void)
{
    return lapic_hz;
}

void arch_timer_start(uint32_t hz)
{
    if (hz == 0 || lapic_hz / hz == 0)
        panic("timer: cannot tick at %u Hz (local APIC timer runs at %llu Hz)", hz,
              (unsigned long long)lapic_hz);
    uint64_t init = lapic_hz / hz;
    if (init > 0xffffffffu)
        init = 0xffffffffu;
    x86_lapic_write(LAPIC_TIMER_DIV, LAPIC_DIV_16);
    x86_lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | X86_VEC_TIMER);
    x86_lapic_write(LAPIC_TIMER_INIT, (uint32_t)init);
}

void x86_timer_irq(void)
{
    kernel_timer_tick();
    if (x86_timer_hook)
        x86_timer_hook();
}
