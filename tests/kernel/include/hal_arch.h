/* tests/kernel/include/hal_arch.h - stands in for src/hal/<arch>/hal_arch.h
 * when the kernel core is built for the host unit tests: a task context
 * is a ucontext (tests/kernel/fake_arch.c switches with swapcontext). */
#ifndef JERICHO_HAL_ARCH_H
#define JERICHO_HAL_ARCH_H
#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>
typedef struct {
    ucontext_t uc;
    void (*entry)(void *);
    void *arg;
    const void *stack;      /* its stack, for ASan's fiber annotations */
    size_t stack_size;
    void *asan_fake;
} arch_context_t;
/* hal.h's counter: the fake clock of tests/kernel/fake_arch.c, 1 GHz. */
extern uint64_t ut_fake_time_ns;
static inline uint64_t arch_counter(void) { return ut_fake_time_ns; }
static inline uint64_t arch_time_ns(void) { return ut_fake_time_ns; }
#endif
