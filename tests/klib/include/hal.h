/* tests/klib/include/hal.h - stands in for include/hal.h when klib is built
 * for the host: only the console output klib needs. */
#ifndef JERICHO_HAL_H
#define JERICHO_HAL_H
#include <stdint.h>
void arch_putc(char c);
void arch_irq_disable(void);
__attribute__((noreturn)) void arch_poweroff(int status);
#endif
