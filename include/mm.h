/*
 * mm.h - physical frame allocator (src/mm/pmm.c) and kernel heap
 * (src/mm/heap.c). Physical = virtual: the kernel identity-maps RAM.
 */
#ifndef JERICHO_MM_H
#define JERICHO_MM_H

#include <stddef.h>
#include <stdint.h>
#include "boot/info.h"

#define PAGE_SIZE 4096u

/* Take every RAM range of bi minus its reserved ranges. */
void pmm_init(const boot_info_t *bi);
/* A zeroed 4 KiB frame (physical address), or 0 when memory is exhausted. */
uintptr_t pmm_alloc(void);
/* npages physically contiguous zeroed frames, or 0. */
uintptr_t pmm_alloc_contig(size_t npages);
void pmm_free(uintptr_t pa);
void pmm_free_contig(uintptr_t pa, size_t npages);
size_t pmm_total_pages(void);
size_t pmm_free_pages(void);

/* Kernel heap: 16-byte aligned blocks, NULL when memory is exhausted. */
void heap_init(void);
void *kmalloc(size_t n);
void *kzalloc(size_t n);
void *krealloc(void *p, size_t n);
void kfree(void *p);
/* Bytes in used blocks (headers included), for leak checks in tests. */
size_t heap_used_bytes(void);
/* Walk every arena and validate every header; panics on corruption,
 * else returns the number of blocks. */
size_t heap_check(void);

#endif
