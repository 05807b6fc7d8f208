/*
 * crit.h - kernel critical sections on one CPU: interrupts off for the
 * duration. Built hosted (unit tests) they compile to nothing.
 */
#ifndef JERICHO_KERNEL_CRIT_H
#define JERICHO_KERNEL_CRIT_H

#include <stdint.h>

#ifdef JERICHO_KERNEL
#include "hal.h"
typedef arch_irqstate_t kcrit_t;
static inline kcrit_t kcrit_enter(void) { return arch_irq_save(); }
static inline void kcrit_leave(kcrit_t s) { arch_irq_restore(s); }
#else
typedef uint64_t kcrit_t;
static inline kcrit_t kcrit_enter(void) { return 0; }
static inline void kcrit_leave(kcrit_t s) { (void)s; }
#endif

#endif
