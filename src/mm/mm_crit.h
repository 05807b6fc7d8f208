/*
 * mm_crit.h - the allocators' critical sections (pmm.c, heap.c): interrupts
 * off (one CPU), each one short and bounded (docs/kernel.md, "Memory").
 *
 * Between mm_irqoff_measure(true) and (false) every section is timed with
 * arch_counter() and the longest kept (mm_irqoff_worst); otherwise timing
 * costs one load and a branch. Private to src/mm/.
 */
#ifndef JERICHO_MM_CRIT_H
#define JERICHO_MM_CRIT_H

#include <stdbool.h>

#include "hal.h"
#include "kernel/crit.h"

extern bool mm_measuring_;
extern uint64_t mm_worst_;
#ifndef JERICHO_KERNEL
/* Hosted unit tests: called wherever interrupts come back on, where an
 * interrupt handler or another task could run (tests/kernel/test_mm.c). */
extern void (*mm_window_hook)(void);
#endif

typedef struct {
    kcrit_t irq;
    bool timed;
    uint64_t t0;            /* arch_counter() at entry, when timed */
} mm_crit_t;

static inline mm_crit_t mm_enter(void)
{
    mm_crit_t c;
    c.irq = kcrit_enter();
    c.timed = mm_measuring_;
    c.t0 = c.timed ? arch_counter() : 0;
    return c;
}

static inline void mm_leave(mm_crit_t c)
{
    if (c.timed) {
        uint64_t d = arch_counter() - c.t0;
        if (d > mm_worst_)
            mm_worst_ = d;
    }
    kcrit_leave(c.irq);
#ifndef JERICHO_KERNEL
    if (mm_window_hook)
        mm_window_hook();
#endif
}

#endif
