/*
 * hal.h - the one interface between generic kernel code and an architecture.
 *
 * Every arch_* function here is implemented once per architecture under
 * src/hal/<arch>/, with the same file names in each folder (entry.S,
 * switch.S, trap.c, mmu.c, timer.c, irq.c, uart.c, ...). Arch-private types
 * and fast inlines live in src/hal/<arch>/hal_arch.h, which this header
 * includes (the Makefile puts src/hal/$(ARCH) on the include path). Nothing
 * outside src/hal/ tests the architecture.
 *
 * Privilege: every task runs in kernel mode (ring 0 / EL1); isolation comes
 * from the wasm sandbox and the capability checks on every system call.
 * Floating point: kernel code outside src/interp/ is built without FP/SIMD
 * registers, so interrupt entry saves only general registers;
 * arch_context_switch saves and restores the FP/SIMD state.
 */
#ifndef JERICHO_HAL_H
#define JERICHO_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "boot/info.h"
#include "hal_arch.h"   /* arch_context_t and arch inlines */

/* ---- identity ------------------------------------------------------------ */

/* "x86_64" or "arm64". */
const char *arch_name(void);
/* One line about the CPU (vendor/model, features that matter), for the banner. */
const char *arch_cpu_model(void);

/* ---- console (serial line) --------------------------------------------- */

/* Write one byte to the serial console (blocking, polled; usable before
 * interrupts are up and from any context). '\n' is sent as "\r\n". */
void arch_putc(char c);
/* A byte from the serial console, or -1 if none is waiting (polled). */
int arch_getc(void);
/* Turn on the serial line's receive interrupt (x86-64: COM1 on IRQ 4
 * through the 8259; arm64: the PL011's RX/RX-timeout interrupt, SPI 1,
 * through the GIC). From then on the arch hands every received byte to
 * kernel_console_input; arch_getc should no longer be used. */
void arch_console_input_start(void);

/* ---- interrupts ------------------------------------------------------------ */

typedef uint64_t arch_irqstate_t;
/* Disable interrupts and return the previous state for arch_irq_restore. */
arch_irqstate_t arch_irq_save(void);
void arch_irq_restore(arch_irqstate_t s);
void arch_irq_enable(void);
void arch_irq_disable(void);
bool arch_irq_enabled(void);
/* Enable interrupts and wait for one (atomically: no wake-up is lost). */
void arch_wait_for_interrupt(void);

/* ---- time ------------------------------------------------------------------ */

/* Start the periodic timer interrupt at hz (KCONFIG_TICK_HZ). On every tick
 * the arch acknowledges the interrupt, then calls kernel_timer_tick(). */
void arch_timer_start(uint32_t hz);
/* Free-running counter (TSC / CNTVCT) and its frequency. Under QEMU
 * -icount shift=0 the x86 TSC counts guest instructions; arm64 CNTVCT ticks
 * once per 16 guest instructions at 62.5 MHz.
 *   uint64_t arch_counter(void);
 * is a static inline of hal_arch.h: the scheduler reads it on every
 * switch (CPU accounting). So is
 *   uint64_t arch_time_ns(void);
 * nanoseconds since arch init, from the counter (0 before the timer is
 * set up): a multiply, no division, no call (the clock system call is one
 * counter read and this; docs/bench.md). */
uint64_t arch_counter_hz(void);

/* ---- randomness ------------------------------------------------------------ */

/* 64 bits from the CPU's random number generator (x86-64: RDSEED, else
 * RDRAND; arm64: RNDR), where CPUID / ID_AA64ISAR0_EL1 says there is one;
 * false when there is none or it gave nothing after a bounded retry. */
bool arch_random64(uint64_t *out);
/* The generator's name ("RDSEED", "RDRAND", "RNDR"), or NULL if none. */
const char *arch_random_name(void);

/* ---- devices (docs/kernel.md "Devices") ------------------------------------ */

/* What discovery found (x86-64: PCI configuration space, src/hal/x86_64/pci.c;
 * arm64: the virtio-mmio transports of the device tree,
 * src/hal/arm64/virtio_mmio.c). Each device has up to ARCH_DEV_WINDOWS
 * register windows (PCI: BARs 0-5 and the configuration space as window 6;
 * virtio-mmio: window 0) and at most one interrupt line. Generic code
 * names them (src/object/device.c: "virtio-rng", "pci-8086-29c0", ...). */
#define ARCH_DEV_MAX      32
#define ARCH_DEV_WINDOWS  7
#define ARCH_IRQ_NONE     0xffffffffu
typedef enum {
    ARCH_WIN_NONE = 0,
    ARCH_WIN_MMIO = 1,      /* memory-mapped registers (mapped uncached) */
    ARCH_WIN_PORT = 2,      /* x86-64 I/O ports */
    ARCH_WIN_CONFIG = 3,    /* PCI configuration space (reads; writes only
                               to the command register) */
} arch_win_kind_t;
typedef enum { ARCH_BUS_PCI = 1, ARCH_BUS_VIRTIO_MMIO = 2 } arch_bus_t;
typedef struct {
    uint32_t bus;                  /* arch_bus_t */
    uint16_t vendor, device;       /* PCI ids; virtio-mmio: vendor and device id registers */
    uint32_t class_code;           /* PCI class/subclass/prog-if; 0 for virtio-mmio */
    uint32_t location;             /* PCI bus<<8 | dev<<3 | fn; virtio-mmio: transport index */
    uint32_t irq;                  /* interrupt line (arch numbering) or ARCH_IRQ_NONE */
    struct {
        uint64_t base;             /* physical address or first port */
        uint64_t size;             /* bytes; 0 = no window */
        uint32_t kind;             /* arch_win_kind_t */
    } win[ARCH_DEV_WINDOWS];
} arch_device_t;

/* Find the devices (once; later calls return the same table): fills *n and
 * returns the table, which lives as long as the kernel. Maps every MMIO
 * window as device memory. Called by generic code after the heap is up. */
const arch_device_t *arch_devices(uint32_t *n);
/* Read or write a register of window win of d at off, width 1, 2, 4 or 8
 * bytes. The caller has checked win, off + width <= the window's size and
 * off % width == 0; the arch refuses what its bus cannot do (8-byte port
 * access, configuration-space writes other than the command register):
 * returns 0 or -1. */
int arch_dev_read(const arch_device_t *d, unsigned win, uint64_t off, unsigned width,
                  uint64_t *val);
int arch_dev_write(const arch_device_t *d, unsigned win, uint64_t off, unsigned width,
                   uint64_t val);
/* Stop d from mastering the bus (PCI: clear the command register's bus
 * master bit; nothing for virtio-mmio, whose devices are reset by their
 * status register): the kernel does it when a device's driver is gone. */
void arch_dev_quiesce(const arch_device_t *d);
/* Mask / unmask a device interrupt line. A device interrupt arriving is
 * masked and its end signalled by the arch, which then calls
 * kernel_device_irq(line) with interrupts off; the line stays masked until
 * generic code unmasks it (the driver acknowledged). */
void arch_irq_line_mask(uint32_t line);
void arch_irq_line_unmask(uint32_t line);

/* ---- power -------------------------------------------------------------- */

/* Stop the machine; under QEMU exit with this status (0 = success). The
 * x86-64 harness translates isa-debug-exit's (v << 1) | 1 back. */
__attribute__((noreturn)) void arch_poweroff(int status);
/* Stop this CPU forever with interrupts off. */
__attribute__((noreturn)) void arch_halt(void);

/* ---- memory ------------------------------------------------------------- */

#define ARCH_PROT_R      0x1u
#define ARCH_PROT_W      0x2u
#define ARCH_PROT_X      0x4u
#define ARCH_PROT_DEVICE 0x8u  /* uncached device memory */
#define ARCH_PAGE_SIZE   4096u

/* Map [va, va+len) to [pa, pa+len) in the kernel address space with prot
 * (page-aligned; W and X together are refused). Returns 0 or -1 (out of
 * page-table memory, bad arguments). Page tables come from pmm_alloc(). */
int arch_map(uintptr_t va, uintptr_t pa, size_t len, unsigned prot);
/* Unmap [va, va+len); later accesses fault. Returns 0 or -1. */
int arch_unmap(uintptr_t va, size_t len);

/* Is the page holding va mapped (readable)? For code that must not fault,
 * such as the backtrace of a fault report. */
bool arch_mapped(uintptr_t va);

/* Read or write 8 bytes at addr; if the access faults, the fault is
 * reported on the console as usual and -1 is returned instead of stopping
 * the kernel (for self-tests). 0 on success. */
int arch_probe_read(const volatile void *addr, uint64_t *out);
int arch_probe_write(volatile void *addr, uint64_t val);

/* ---- faults --------------------------------------------------------------- */

typedef struct {
    const char *name;   /* "page fault", "data abort", ... */
    unsigned vector;    /* x86 vector, or arm64 ESR exception class */
    uint64_t code;      /* x86 error code, or arm64 ESR */
    uintptr_t pc, sp;
    uintptr_t addr;     /* CR2 / FAR when has_addr */
    bool has_addr;
    bool data_access;   /* a load or store faulted (x86 #PF not on a fetch,
                           #GP; arm64 data abort) */
} arch_fault_t;

/* ---- recovery points (a setjmp/longjmp pair) ------------------------------- */

/* Where a fault in the engine's guest-memory access code resumes
 * (docs/kernel.md, "Faults"): the registers a callee keeps, the stack
 * pointer, the return address and the interrupt state of the code that
 * set it. One size for every arch (each fills only what it needs). */
typedef struct {
    uint64_t r[24];
} arch_recover_t;
/* Save the caller's context in *rp and return 0; return again with a value
 * other than 0 when arch_recover_jump(rp, v) resumes it. As with setjmp,
 * the caller must not return while the point may still be used. */
__attribute__((returns_twice)) int arch_recover_set(arch_recover_t *rp);
/* Resume at *rp: its arch_recover_set returns v (1 if v is 0), with the
 * interrupt state it had when set. */
__attribute__((noreturn)) void arch_recover_jump(arch_recover_t *rp, int v);

/* The fault caught by the most recent probe that returned -1 (name,
 * vector, address...), or NULL if none has failed yet. For self-tests that
 * check a fault was the expected one (arch_probe_read/write above). */
const arch_fault_t *arch_probe_last_fault(void);

/* ---- context switch ------------------------------------------------------ */

/* Prepare ctx so that the first arch_context_switch to it runs entry(arg) on
 * the stack [stack, stack+size) with interrupts enabled. entry must never
 * return. */
void arch_context_init(arch_context_t *ctx, void *stack, size_t size,
                       void (*entry)(void *), void *arg);
/* Save the current callee-saved and FP/SIMD state into *from and resume
 * *to. Called with interrupts disabled; returns when something switches
 * back to *from. */
void arch_context_switch(arch_context_t *from, arch_context_t *to);

/* ---- called by the arch, implemented by generic code --------------------- */

/* Entry to generic code once the arch has a console, traps, paging, and
 * the memory map in bi. Interrupts are off. Never returns. */
__attribute__((noreturn)) void kernel_main(const boot_info_t *bi);
/* Timer interrupt (already acknowledged), interrupts off. May switch tasks. */
void kernel_timer_tick(void);
/* Serial receive interrupt (already acknowledged): the n bytes it drained
 * from the UART, interrupts off. May switch tasks (a reader woke). */
void kernel_console_input(const uint8_t *p, size_t n);
/* A device interrupt on line (already masked and ended by the arch),
 * interrupts off. May switch tasks (a driver woke). */
void kernel_device_irq(uint32_t line);
/* A CPU exception in kernel mode that no probe expected (every task runs
 * in kernel mode). If it is a load or store (f->data_access) at a pc in
 * the engine's guest-memory access code (between __guest_text_start and
 * __guest_text_end, which the linker script exports) while the current
 * task has a recovery point, this prints one line and returns the point:
 * the arch then leaves the exception into arch_recover_jump(point, 1) and
 * the task's wasm call ends in a trap. Anything else is a kernel bug: this
 * prints why and returns NULL, and the arch prints the full report (name,
 * code, pc, fault address, registers, a symbolized backtrace) and stops
 * the machine with a failure status. It never ends a task itself. */
arch_recover_t *kernel_fault(const arch_fault_t *f);
extern char __guest_text_start[], __guest_text_end[];

#endif
