/*
 * pmm.c - the physical frame allocator: one bit per 4 KiB frame over the
 * span of RAM that boot_info_t reports (1 = in use or not RAM).
 *
 * The bitmap itself is carved out of the first free RAM window big enough
 * to hold it, so any amount of RAM works. Frame 0 is never handed out
 * (0 means "no memory"). Frames are zeroed on allocation. Freeing a frame
 * that is not allocated, or an address outside RAM, is a kernel bug and
 * panics. Allocation is next-fit for single frames, first-fit for runs.
 */
#include <stdbool.h>

#include "kernel/crit.h"
#include "klib.h"
#include "mm.h"

static uint64_t *bitmap;        /* bit i = frame (span_lo / PAGE_SIZE + i) */
static uintptr_t span_lo;       /* physical address of bit 0 */
static size_t nframes;          /* bits in the bitmap */
static size_t total_pages;      /* RAM frames that are not reserved */
static size_t free_pages;
static size_t hint;             /* word index where the next search starts */

static inline bool bit_get(size_t i) { return (bitmap[i / 64] >> (i % 64)) & 1; }
static inline void bit_set(size_t i) { bitmap[i / 64] |= 1ull << (i % 64); }
static inline void bit_clr(size_t i) { bitmap[i / 64] &= ~(1ull << (i % 64)); }

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

/* A page-aligned window of len bytes inside RAM that no reserved range
 * touches (and not page 0), or 0. Candidates: each RAM base and each
 * reserved end. */
static uint64_t find_window(const boot_info_t *bi, uint64_t len)
{
    for (uint32_t c = 0; c < bi->nram + bi->nreserved; c++) {
        uint64_t start = c < bi->nram ? bi->ram[c].base
                                      : bi->reserved[c - bi->nram].base + bi->reserved[c - bi->nram].len;
        start = ALIGN_UP(start, (uint64_t)PAGE_SIZE);
        if (start == 0)
            start = PAGE_SIZE;
        bool in_ram = false;
        for (uint32_t r = 0; r < bi->nram; r++)
            if (start >= bi->ram[r].base && start + len <= bi->ram[r].base + bi->ram[r].len)
                in_ram = true;
        if (!in_ram)
            continue;
        bool clash = false;
        for (uint32_t r = 0; r < bi->nreserved; r++)
            if (overlaps(start, len, bi->reserved[r].base, bi->reserved[r].len))
                clash = true;
        if (!clash)
            return start;
    }
    return 0;
}

/* Mark the frames that touch [base, base+len) as used (round outward). */
static void reserve(uint64_t base, uint64_t len)
{
    if (len == 0)
        return;
    uint64_t lo = ALIGN_DOWN(base, (uint64_t)PAGE_SIZE), hi = ALIGN_UP(base + len, (uint64_t)PAGE_SIZE);
    for (uint64_t a = lo; a < hi; a += PAGE_SIZE) {
        if (a < span_lo || (a - span_lo) / PAGE_SIZE >= nframes)
            continue;
        size_t i = (a - span_lo) / PAGE_SIZE;
        if (!bit_get(i)) {
            bit_set(i);
            total_pages--;
            free_pages--;
        }
    }
}

void pmm_init(const boot_info_t *bi)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    for (uint32_t r = 0; r < bi->nram; r++) {
        uint64_t b = ALIGN_UP(bi->ram[r].base, (uint64_t)PAGE_SIZE);
        uint64_t e = ALIGN_DOWN(bi->ram[r].base + bi->ram[r].len, (uint64_t)PAGE_SIZE);
        if (e <= b)
            continue;
        lo = b < lo ? b : lo;
        hi = e > hi ? e : hi;
    }
    if (hi == 0)
        panic("pmm: no RAM in the boot memory map");
    span_lo = (uintptr_t)lo;
    nframes = (size_t)((hi - lo) / PAGE_SIZE);
    size_t words = (nframes + 63) / 64;
    uint64_t bm_len = ALIGN_UP((uint64_t)words * 8, (uint64_t)PAGE_SIZE);
    uint64_t bm = find_window(bi, bm_len);
    if (bm == 0)
        panic("pmm: no room for a %llu-byte frame bitmap", (unsigned long long)bm_len);
    bitmap = (uint64_t *)(uintptr_t)bm;
    memset(bitmap, 0xff, words * 8);

    total_pages = free_pages = 0;
    for (uint32_t r = 0; r < bi->nram; r++) {
        uint64_t b = ALIGN_UP(bi->ram[r].base, (uint64_t)PAGE_SIZE);
        uint64_t e = ALIGN_DOWN(bi->ram[r].base + bi->ram[r].len, (uint64_t)PAGE_SIZE);
        for (uint64_t a = b; a < e; a += PAGE_SIZE) {
            size_t i = (a - lo) / PAGE_SIZE;
            if (bit_get(i)) {
                bit_clr(i);
                total_pages++;
                free_pages++;
            }
        }
    }
    for (uint32_t r = 0; r < bi->nreserved; r++)
        reserve(bi->reserved[r].base, bi->reserved[r].len);
    reserve(bm, bm_len);
    reserve(0, PAGE_SIZE);
    hint = 0;
}

uintptr_t pmm_alloc(void)
{
    kcrit_t s = kcrit_enter();
    size_t words = (nframes + 63) / 64;
    for (size_t n = 0; n < words; n++) {
        size_t w = (hint + n) % words;
        if (bitmap[w] == ~0ull)
            continue;
        size_t i = w * 64 + (size_t)__builtin_ctzll(~bitmap[w]);
        if (i >= nframes)
            continue;
        bit_set(i);
        free_pages--;
        hint = w;
        kcrit_leave(s);
        uintptr_t pa = span_lo + i * PAGE_SIZE;
        memset((void *)pa, 0, PAGE_SIZE);
        return pa;
    }
    kcrit_leave(s);
    return 0;
}

uintptr_t pmm_alloc_contig(size_t npages)
{
    if (npages == 0 || npages > nframes)
        return 0;
    if (npages == 1)
        return pmm_alloc();
    kcrit_t s = kcrit_enter();
    size_t run = 0;
    for (size_t i = 0; i < nframes; i++) {
        if (run == 0 && i % 64 == 0 && bitmap[i / 64] == ~0ull) {
            i += 63;            /* a full word: skip it */
            continue;
        }
        if (bit_get(i)) {
            run = 0;
            continue;
        }
        if (++run == npages) {
            size_t first = i + 1 - npages;
            for (size_t j = first; j <= i; j++)
                bit_set(j);
            free_pages -= npages;
            kcrit_leave(s);
            uintptr_t pa = span_lo + first * PAGE_SIZE;
            memset((void *)pa, 0, npages * PAGE_SIZE);
            return pa;
        }
    }
    kcrit_leave(s);
    return 0;
}

/* The bit index of pa; panics when pa is no frame of ours. */
static size_t frame_index(uintptr_t pa)
{
    if (pa % PAGE_SIZE != 0 || pa < span_lo || (pa - span_lo) / PAGE_SIZE >= nframes)
        panic("pmm: free of %p, which is not a RAM frame", (void *)pa);
    return (pa - span_lo) / PAGE_SIZE;
}

void pmm_free_contig(uintptr_t pa, size_t npages)
{
    if (npages == 0)
        return;
    size_t first = frame_index(pa);
    frame_index(pa + (npages - 1) * PAGE_SIZE);
    kcrit_t s = kcrit_enter();
    for (size_t j = first; j < first + npages; j++)
        if (!bit_get(j))
            panic("pmm: double free of frame %p", (void *)(span_lo + j * PAGE_SIZE));
    for (size_t j = first; j < first + npages; j++)
        bit_clr(j);
    free_pages += npages;
    if (first / 64 < hint)
        hint = first / 64;
    kcrit_leave(s);
}

void pmm_free(uintptr_t pa)
{
    pmm_free_contig(pa, 1);
}

size_t pmm_total_pages(void) { return total_pages; }
size_t pmm_free_pages(void) { return free_pages; }
