/*
 * kconfig.h - every kernel tunable in one place, each with its reason.
 */
#ifndef JERICHO_KCONFIG_H
#define JERICHO_KCONFIG_H

/* Timer interrupt rate. 100 Hz: a 10 ms slice keeps preemption visible in
 * tests while costing little under TCG. */
#define KCONFIG_TICK_HZ 100

/* Kernel heap: small blocks share arenas of this size from the physical
 * allocator; a block of KCONFIG_HEAP_LARGE bytes or more (its header
 * included) is a run of frames of its own (src/mm/heap.c). */
#define KCONFIG_HEAP_CHUNK (256 * 1024)
#define KCONFIG_HEAP_LARGE (64 * 1024)

/* Per-task kernel stack (the interpreter runs on it; its own value and call
 * stacks are heap-allocated, so this only holds C frames). */
#define KCONFIG_KSTACK_SIZE (64 * 1024)

/* Scheduler time slice, in timer ticks: tasks of equal priority take
 * turns every 20 ms. */
#define KCONFIG_TIMESLICE_TICKS 2

/* Unmap the page below each task's kernel stack so an overflow faults
 * instead of corrupting memory (needs arch_unmap at 4 KiB granularity). */
#define KCONFIG_KSTACK_GUARD 1

/* Kernel memory a task may consume by default (objects, stacks, CNodes). */
#define KCONFIG_TASK_QUOTA (4u * 1024 * 1024)

/* Capabilities cap_revoke deletes per critical section: between chunks
 * interrupts are on, so a revoke of a large derivation tree never holds
 * them off for long (each deletion is a few hundred instructions unless it
 * destroys an object). */
#define KCONFIG_REVOKE_CHUNK 64

/* kfree zeroes freed heap blocks up to this size (header included), so a
 * use after free reads NULL pointers and faults instead of stale data
 * (src/mm/heap.c); bigger blocks are linear memories and tables, zeroed
 * again when they are next allocated anyway. */
#define KCONFIG_HEAP_POISON_MAX 4096

#endif
