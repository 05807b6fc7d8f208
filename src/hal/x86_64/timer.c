/*
 * timer.c - time on x86-64:
 *   - the free-running counter is the TSC; its rate is measured at boot
 *     against PIT channel 2 (1.193182 MHz), over 1 ms (about 1193 PIT
 *     periods between two samples of PIT count and TSC taken together,
 *     good to about 0.1%), and rounded to 1 MHz. Under QEMU -icount shift=0 this gives
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
uint64_t x86_tsc_base;              /* arch_time_ns() counts from here */
uint64_t x86_ns_mult;               /* ns = (delta * x86_ns_mult) >> 32 */
static uint64_t lapic_hz;           /* local APIC timer input / 16 */
void (*x86_timer_hook)(void);

void x86_pit_wait_us(uint32_t us)
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
}

/* ---- calibration ------------------------------------------------------------ */

/* PIT channel 2's count, latched. */
static uint16_t pit_count(void)
{
    x86_outb(PIT_CMD, 0x80);                    /* latch channel 2 */
    uint8_t lo = x86_inb(PIT_CH2);
    return (uint16_t)(lo | x86_inb(PIT_CH2) << 8);
}

typedef struct {
    uint64_t tsc;
    uint32_t lapic;
    uint16_t pit;
} sample_t;

/* The PIT count, the TSC and the local APIC timer at one moment: of a few
 * tries, the one whose two TSC reads around the latch are closest (a
 * plain-TCG vCPU may be descheduled anywhere; inside a sample that would
 * skew the rate, between two samples it does not matter). */
static sample_t sample(void)
{
    sample_t best = {0, 0, 0};
    uint64_t spread = UINT64_MAX;
    for (int i = 0; i < 4; i++) {
        uint64_t a = x86_rdtsc();
        uint16_t p = pit_count();
        uint32_t l = x86_lapic_read(LAPIC_TIMER_CUR);
        uint64_t b = x86_rdtsc();
        if (b - a < spread) {
            spread = b - a;
            best = (sample_t){a + (b - a) / 2, l, p};
        }
    }
    return best;
}

/* The TSC and local APIC timer rates, against PIT channel 2 counting down
 * from 0xffff (mode 0) for about CALIBRATE_US: rate = counts over PIT
 * periods elapsed between two samples. */
static void calibrate(void)
{
    x86_lapic_write(LAPIC_TIMER_DIV, LAPIC_DIV_16);
    x86_lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
    x86_lapic_write(LAPIC_TIMER_INIT, 0xffffffffu);
    x86_outb(PIT_GATE, (uint8_t)(x86_inb(PIT_GATE) & ~0x03));  /* gate off, speaker off */
    x86_outb(PIT_CMD, 0xb0);                    /* channel 2, lo/hi byte, mode 0 */
    x86_outb(PIT_CH2, 0xff);
    x86_outb(PIT_CH2, 0xff);
    x86_outb(PIT_GATE, (uint8_t)(x86_inb(PIT_GATE) | 0x01));   /* start */
    uint32_t want = (uint32_t)((uint64_t)PIT_HZ * CALIBRATE_US / 1000000);
    sample_t s0 = sample(), s1;
    do
        s1 = sample();
    while ((uint16_t)(s0.pit - s1.pit) < want);
    x86_lapic_write(LAPIC_TIMER_INIT, 0);

    uint32_t periods = (uint16_t)(s0.pit - s1.pit);
    uint64_t hz = (s1.tsc - s0.tsc) * PIT_HZ / periods;
    tsc_hz = (hz + 500000) / 1000000 * 1000000;
    if (tsc_hz == 0)
        tsc_hz = 1000000;       /* never divide by zero below */
    lapic_hz = (uint64_t)(s0.lapic - s1.lapic) * PIT_HZ / periods;
    x86_ns_mult = (1000000000ull << 32) / tsc_hz;
}

/* Called once at boot (boot.c) after the local APIC is mapped and on. */
void x86_timer_init(uint64_t entry_tsc)
{
    calibrate();
    x86_tsc_base = entry_tsc;
}

uint64_t arch_counter_hz(void)
{
    return tsc_hz;
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
