/*
 * pmm.c - the physical frame allocator: one bit per 4 KiB frame over the
 * span of RAM that boot_info_t reports (1 = in use or not RAM).
 *
 * The bitmap itself is carved out of the first free RAM window big enough
 * to hold it, so any amount of RAM works. Frame 0 is never handed out
 * (0 means "no memory"). Freeing a frame that is not allocated, or an
 * address outside RAM, is a kernel bug and panics. Allocation is next-fit
 * for single frames, first-fit for runs.
 *
 * Interrupts are off only for bounded steps (docs/kernel.md, "Memory"):
 * searches look at a whole 64-frame word at a time and let interrupts in
 * every SCAN_WORDS words (a search that another allocation overtook in
 * between looks at its candidate run again); a run is marked and unmarked
 * a word at a time; frames are zeroed after they are marked, with
 * interrupts on.
 */
#include <stdbool.h>

#include "klib.h"
#include "mm.h"
#include "mm_crit.h"

/* Words of the bitmap (64 frames, 256 KiB of RAM each) looked at or
 * changed with interrupts off in one go: 256 words cover 64 MiB, a few
 * microseconds of work. */
#define SCAN_WORDS 256

bool mm_measuring_;
uint64_t mm_worst_;
#ifndef JERICHO_KERNEL
void (*mm_window_hook)(void);
#endif

static uint64_t *bitmap;        /* bit i = frame (span_lo / PAGE_SIZE + i) */
static uintptr_t span_lo;       /* physical address of bit 0 */
static size_t nframes;          /* bits in the bitmap */
static size_t nwords;           /* words in the bitmap; bits past nframes are 1 */
static size_t total_pages;      /* RAM frames that are not reserved */
static size_t free_pages;
static size_t pinned_pages;     /* handed out by pmm_alloc_pinned, never freed */
static size_t hint;             /* word index where the next single-frame search starts */
static uint64_t alloc_gen;      /* bumped by every allocation: a paused search checks it */
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
    nwords = words;

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
    pinned_pages = 0;
    alloc_gen = 0;
}

/* Mask of bits [lo, hi) of one word, 0 <= lo < hi <= 64. */
static inline uint64_t bits(unsigned lo, unsigned hi)
{
    uint64_t m = hi == 64 ? ~0ull : (1ull << hi) - 1;
    return m & ~((1ull << lo) - 1);
}

/* Set (used) or clear the bits of frames [first, first + n), a word at a
 * time; interrupts are off. */
static void mark(size_t first, size_t n, bool used)
{
    size_t i = first, end = first + n;
    while (i < end) {
        size_t w = i / 64;
        unsigned lo = (unsigned)(i % 64);
        unsigned hi = end - w * 64 >= 64 ? 64 : (unsigned)(end - w * 64);
        uint64_t m = bits(lo, hi);
        if (used)
            bitmap[w] |= m;
        else
            bitmap[w] &= ~m;
        i = w * 64 + hi;
    }
}

/* Whether every frame of [first, first + n) is allocated; interrupts are
 * off. */
static bool all_used(size_t first, size_t n)
{
    size_t i = first, end = first + n;
    while (i < end) {
        size_t w = i / 64;
        unsigned lo = (unsigned)(i % 64);
        unsigned hi = end - w * 64 >= 64 ? 64 : (unsigned)(end - w * 64);
        uint64_t m = bits(lo, hi);
        if ((bitmap[w] & m) != m)
            return false;
        i = w * 64 + hi;
    }
    return true;
}

/* The lowest bit index where n (1..63) free bits start inside one word
 * x (1 = used), or -1. */
static int run_in_word(uint64_t x, size_t n)
{
    uint64_t m = ~x;               /* bit i: frame i free */
    size_t have = 1;               /* m bit i: frames i .. i+have-1 free */
    while (have < n && m) {
        size_t step = have < n - have ? have : n - have;
        m &= m >> step;
        have += step;
    }
    return m ? __builtin_ctzll(m) : -1;
}

/* First fit for n free frames; marks them and returns the first frame's
 * index, or SIZE_MAX. Word by word, with interrupts let in every
 * SCAN_WORDS words; if another allocation ran meanwhile, the candidate run
 * found so far is looked at again from its first word. */
static size_t take_run(size_t n)
{
    size_t w = 0, run = 0, start = 0;
    mm_crit_t c = mm_enter();
    uint64_t gen = alloc_gen;
    size_t budget = SCAN_WORDS;
    while (w < nwords) {
        if (budget-- == 0) {
            mm_leave(c);            /* a pending interrupt is taken here */
            c = mm_enter();
            if (alloc_gen != gen) {
                if (run)
                    w = start / 64;
                run = 0;
                gen = alloc_gen;
            }
            budget = SCAN_WORDS;
        }
        uint64_t x = bitmap[w];
        if (x == 0) {
            if (run == 0)
                start = w * 64;
            run += 64;
        } else if (x == ~0ull) {
            run = 0;
        } else {
            unsigned low = (unsigned)__builtin_ctzll(x);     /* free bits at the bottom */
            if (run && run + low >= n) {
                run = n;
                break;
            }
            int in = n < 64 ? run_in_word(x, n) : -1;
            if (in >= 0) {
                start = w * 64 + (unsigned)in;
                run = n;
                break;
            }
            unsigned high = (unsigned)__builtin_clzll(x);    /* free bits at the top */
            run = high;
            start = w * 64 + 64 - high;
        }
        if (run >= n)
            break;
        w++;
    }
    if (run < n) {
        mm_leave(c);
        return SIZE_MAX;
    }
    mark(start, n, true);
    free_pages -= n;
    alloc_gen++;
    mm_leave(c);
    return start;
}

uintptr_t pmm_alloc(void)
{
    mm_crit_t c = mm_enter();
    size_t h0 = hint;
    for (size_t n = 0; n < nwords; n++) {
        if (n % SCAN_WORDS == SCAN_WORDS - 1) {
            mm_leave(c);            /* the search may start again: it is next fit */
            c = mm_enter();
        }
        size_t w = (h0 + n) % nwords;
        if (bitmap[w] == ~0ull)
            continue;
        size_t i = w * 64 + (size_t)__builtin_ctzll(~bitmap[w]);
        bit_set(i);
        free_pages--;
        alloc_gen++;
        hint = w;
        mm_leave(c);
        uintptr_t pa = span_lo + i * PAGE_SIZE;
        memset((void *)pa, 0, PAGE_SIZE);
        return pa;
    }
    mm_leave(c);
    return 0;
}

uintptr_t pmm_alloc_pinned(void)
{
    uintptr_t pa = pmm_alloc();
    if (pa) {
        mm_crit_t c = mm_enter();
        pinned_pages++;
        mm_leave(c);
    }
    return pa;
}

uintptr_t pmm_alloc_contig_nozero(size_t npages)
{
    if (npages == 0 || npages > nframes)
        return 0;
    size_t first = take_run(npages);
    return first == SIZE_MAX ? 0 : span_lo + first * PAGE_SIZE;
}

uintptr_t pmm_alloc_contig(size_t npages)
{
    uintptr_t pa = pmm_alloc_contig_nozero(npages);
    if (pa)
        memset((void *)pa, 0, npages * PAGE_SIZE);
    return pa;
}

/* The bit index of pa; panics when pa is no frame of ours. */
static size_t frame_index(uintptr_t pa)
{
    if (pa % PAGE_SIZE != 0 || pa < span_lo || (pa - span_lo) / PAGE_SIZE >= nframes)
        panic("pmm: free of %p, which is not a RAM frame", (void *)pa);
    return (pa - span_lo) / PAGE_SIZE;
}

/* Frames in [i, i + n) up to the next multiple of SCAN_WORDS words. */
static size_t chunk(size_t i, size_t n)
{
    size_t room = (SCAN_WORDS - i / 64 % SCAN_WORDS) * 64 - i % 64;
    return n < room ? n : room;
}

void pmm_free_contig(uintptr_t pa, size_t npages)
{
    if (npages == 0)
        return;
    size_t first = frame_index(pa);
    if (npages > nframes - first)
        panic("pmm: free of %zu frames at %p runs past RAM", npages, (void *)pa);
    /* Check all, then clear, SCAN_WORDS words at a time: the caller owns
     * the run, so nobody else touches its bits in between. */
    for (size_t i = first, n; i < first + npages; i += n) {
        n = chunk(i, first + npages - i);
        mm_crit_t c = mm_enter();
        bool ok = all_used(i, n);
        mm_leave(c);
        if (!ok) {
            for (size_t j = i; j < i + n; j++)
                if (!bit_get(j))
                    panic("pmm: double free of frame %p", (void *)(span_lo + j * PAGE_SIZE));
            panic("pmm: double free in the run at %p", (void *)pa);
        }
    }
    for (size_t i = first, n; i < first + npages; i += n) {
        n = chunk(i, first + npages - i);
        mm_crit_t c = mm_enter();
        mark(i, n, false);
        free_pages += n;
        if (i / 64 < hint)
            hint = i / 64;
        mm_leave(c);
    }
}

void pmm_free(uintptr_t pa)
{
    pmm_free_contig(pa, 1);
}

size_t pmm_total_pages(void) { return total_pages; }
size_t pmm_free_pages(void) { return free_pages; }
size_t pmm_pinned_pages(void) { return pinned_pages; }

void mm_irqoff_measure(bool on)
{
    mm_worst_ = 0;
    mm_measuring_ = on;
}

uint64_t mm_irqoff_worst(void)
{
    return mm_worst_;
}
