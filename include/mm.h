/*
 * mm.h - physical frame allocator (src/mm/pmm.c) and kernel heap
 * (src/mm/heap.c). Physical = virtual: the kernel identity-maps RAM.
 */
#ifndef JERICHO_MM_H
#define JERICHO_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "boot/info.h"

#define PAGE_SIZE 4096u

/* Take every RAM range of bi minus its reserved ranges. */
void pmm_init(const boot_info_t *bi);
/* A zeroed 4 KiB frame (physical address), or 0 when memory is exhausted. */
uintptr_t pmm_alloc(void);
/* The same, for a frame that is never freed (page tables): counted by
 * pmm_pinned_pages, so that checks of free frames can allow for them. */
uintptr_t pmm_alloc_pinned(void);
/* npages physically contiguous zeroed frames, or 0. */
uintptr_t pmm_alloc_contig(size_t npages);
/* The same, not zeroed (the heap zeroes what it must). */
uintptr_t pmm_alloc_contig_nozero(size_t npages);
void pmm_free(uintptr_t pa);
void pmm_free_contig(uintptr_t pa, size_t npages);
size_t pmm_total_pages(void);
size_t pmm_free_pages(void);
size_t pmm_pinned_pages(void);

/* Kernel heap: 16-byte aligned blocks, NULL when memory is exhausted.
 * Blocks of KCONFIG_HEAP_LARGE bytes or more are runs of frames of their
 * own; freed memory goes back to pmm (one empty arena excepted). */
void heap_init(void);
void *kmalloc(size_t n);
void *kzalloc(size_t n);
void *krealloc(void *p, size_t n);
void kfree(void *p);
/* Give the spare empty arena, if any, back to pmm: afterwards the heap
 * holds only frames that used blocks need. */
void heap_trim(void);
/* Bytes in used blocks (headers included), for leak checks in tests. */
size_t heap_used_bytes(void);
/* Frames the heap holds (arenas and large blocks). */
size_t heap_pages(void);
/* Walk every arena, large block and free list and validate every header
 * and count; panics on corruption, else returns the number of blocks.
 * A diagnostic: it runs with interrupts off for as long as the heap is
 * big (the runner calls it between groups). */
size_t heap_check(void);

/* The longest stretch with interrupts off inside pmm and the heap, in
 * arch_counter() ticks, since mm_irqoff_measure(true) (which starts
 * timing them; false stops). For measurements (src/selftest/test_mm.c). */
void mm_irqoff_measure(bool on);
uint64_t mm_irqoff_worst(void);

#endif
