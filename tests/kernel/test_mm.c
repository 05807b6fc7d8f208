/*
 * test_mm.c - host tests of the frame allocator and the kernel heap: runs
 * found first-fit word by word against a model, a search overtaken by an
 * allocation in one of its interrupt windows, and a heap that gives every
 * frame back (large blocks at once, empty arenas but one spare; all of
 * them after heap_trim) whatever the order of kmalloc and kfree.
 */
#include <stdlib.h>
#include <string.h>

#include "kconfig.h"
#include "mm.h"
#include "mm/mm_crit.h"
#include "ut.h"

#define ARENA_PAGES (KCONFIG_HEAP_CHUNK / PAGE_SIZE)

UT(pmm_counts_exclude_reserved)
{
    uintptr_t base = ut_ram_init(1u << 20);         /* 256 frames */
    /* reserved: 4 frames (unaligned 3 pages), bitmap: 1 frame */
    UT_CHECK_EQ(pmm_total_pages(), 256 - 4 - 1);
    UT_CHECK_EQ(pmm_free_pages(), pmm_total_pages());
    size_t n = 0;
    uintptr_t pa;
    while ((pa = pmm_alloc()) != 0) {
        UT_CHECK(pa % PAGE_SIZE == 0);
        UT_CHECK(pa >= base + 4 * PAGE_SIZE);       /* never the reserved frames */
        UT_CHECK(pa < base + (1u << 20));
        n++;
    }
    UT_CHECK_EQ(n, 251);
    UT_CHECK_EQ(pmm_free_pages(), 0);
}

UT(pmm_frames_zeroed_and_distinct)
{
    ut_ram_init(1u << 20);
    uintptr_t a = pmm_alloc(), b = pmm_alloc();
    UT_CHECK(a && b && a != b);
    for (size_t i = 0; i < PAGE_SIZE; i++)
        UT_CHECK(((unsigned char *)a)[i] == 0);
    memset((void *)a, 0x77, PAGE_SIZE);
    pmm_free(a);
    uintptr_t c = pmm_alloc();
    UT_CHECK_EQ(c, a);
    UT_CHECK(((unsigned char *)c)[123] == 0);
}

UT(pmm_double_free_panics)
{
    ut_ram_init(1u << 20);
    uintptr_t a = pmm_alloc();
    pmm_free(a);
    UT_EXPECT_PANIC(pmm_free(a));
    UT_EXPECT_PANIC(pmm_free(a + 8));
    UT_EXPECT_PANIC(pmm_free(0x1000));
}

UT(pmm_contig_runs)
{
    ut_ram_init(1u << 20);
    size_t before = pmm_free_pages();
    uintptr_t r = pmm_alloc_contig(64);
    UT_CHECK(r != 0);
    UT_CHECK_EQ(pmm_free_pages(), before - 64);
    uintptr_t single = pmm_alloc();
    UT_CHECK(single < r || single >= r + 64 * PAGE_SIZE);
    UT_CHECK_EQ(pmm_alloc_contig(1000), 0);         /* more than exists */
    UT_CHECK_EQ(pmm_alloc_contig(0), 0);
    pmm_free_contig(r, 64);
    UT_CHECK_EQ(pmm_alloc_contig(64), r);
    pmm_free_contig(r, 64);
    UT_EXPECT_PANIC(pmm_free_contig(r, 64));        /* already free */
    UT_CHECK_EQ(pmm_free_pages(), before - 1);      /* the panic changed nothing */
}

UT(pmm_fragmented_contig_fails_cleanly)
{
    ut_ram_init(1u << 20);
    uintptr_t f[256];
    size_t n = 0;
    while ((f[n] = pmm_alloc()) != 0)
        n++;
    for (size_t i = 0; i < n; i += 2)
        pmm_free(f[i]);
    UT_CHECK_EQ(pmm_alloc_contig(2), 0);
    UT_CHECK(pmm_alloc() != 0);
}

/* The model of pmm_first_fit_against_model: which frames (index from the
 * RAM base) pmm may hand out, and which it has. */
enum { MODEL_FRAMES = (8u << 20) / PAGE_SIZE };
static bool model_ram[MODEL_FRAMES], model_used[MODEL_FRAMES];

/* The first run of n frames the model says are free RAM, or -1. */
static long model_first_fit(size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < MODEL_FRAMES; i++) {
        run = model_ram[i] && !model_used[i] ? run + 1 : 0;
        if (run == n)
            return (long)(i + 1 - n);
    }
    return -1;
}

UT(pmm_first_fit_against_model)
{
    /* Runs of every length (inside a word, across words, many words) are
     * the lowest free run, word-wise search or not. */
    uintptr_t base = ut_ram_init(8u << 20);
    memset(model_used, 0, sizeof model_used);
    memset(model_ram, 0, sizeof model_ram);
    uintptr_t pa;
    while ((pa = pmm_alloc()) != 0)
        model_ram[(pa - base) / PAGE_SIZE] = true;
    for (size_t i = 0; i < MODEL_FRAMES; i++)
        if (model_ram[i])
            pmm_free(base + i * PAGE_SIZE);
    enum { LIVE = 64 };
    uintptr_t at[LIVE] = {0};
    size_t len[LIVE] = {0};
    ut_srand(7);
    for (int step = 0; step < 6000; step++) {
        unsigned k = ut_rand() % LIVE;
        if (at[k]) {
            for (size_t i = 0; i < len[k]; i++)
                model_used[(at[k] - base) / PAGE_SIZE + i] = false;
            pmm_free_contig(at[k], len[k]);
            at[k] = 0;
            continue;
        }
        uint32_t r = ut_rand();
        size_t n = r % 4 == 0 ? 1 + r / 4 % 300 : 1 + r / 4 % 70;
        long want = model_first_fit(n);
        uintptr_t got = pmm_alloc_contig(n);
        if (want < 0) {
            UT_CHECK_EQ(got, 0);
            continue;
        }
        UT_CHECK_EQ(got, base + (uintptr_t)want * PAGE_SIZE);
        if (got != base + (uintptr_t)want * PAGE_SIZE)
            return;
        for (size_t i = 0; i < n; i++)
            model_used[want + (long)i] = true;
        at[k] = got;
        len[k] = n;
    }
    size_t used = 0;
    for (size_t i = 0; i < MODEL_FRAMES; i++)
        used += model_used[i];
    UT_CHECK_EQ(pmm_free_pages(), pmm_total_pages() - used);
}

/* pmm_search_overtaken_in_its_window: the allocation an "interrupt" makes
 * in the middle of a search. */
static uintptr_t overtaker;
static int window_calls;

static void overtake(void)
{
    if (++window_calls != 1)
        return;
    mm_window_hook = NULL;
    overtaker = pmm_alloc_contig(1);    /* the lowest free frame */
}

UT(pmm_search_overtaken_in_its_window)
{
    /* 160 MiB: a search lets interrupts in after 256 words (64 MiB). The
     * only free frames are words 250..299; a run of 40 words starts at
     * word 250, and the search pauses at word 256, where an allocation
     * takes the run's first frame. The search must see it and hand out
     * the run one frame higher, not a frame that is now taken. */
    uintptr_t base = ut_ram_init(160u << 20);
    size_t nf = (160u << 20) / PAGE_SIZE;
    static uintptr_t all[(160u << 20) / PAGE_SIZE];
    size_t n = 0;
    uintptr_t pa;
    while ((pa = pmm_alloc()) != 0)
        all[n++] = pa;
    UT_CHECK(n > nf - 16);
    uintptr_t lo = base + 250 * 64 * PAGE_SIZE, hi = base + 300 * 64 * PAGE_SIZE;
    for (size_t i = 0; i < n; i++)
        if (all[i] >= lo && all[i] < hi)
            pmm_free(all[i]);
    size_t free0 = pmm_free_pages();
    UT_CHECK_EQ(free0, 50 * 64);
    window_calls = 0;
    overtaker = 0;
    mm_window_hook = overtake;
    uintptr_t run = pmm_alloc_contig(40 * 64);
    mm_window_hook = NULL;
    UT_CHECK(window_calls >= 1);
    UT_CHECK_EQ(overtaker, lo);
    UT_CHECK_EQ(run, lo + PAGE_SIZE);
    UT_CHECK_EQ(pmm_free_pages(), free0 - 1 - 40 * 64);
    /* the run crosses word 256: freed in two steps, checked first */
    pmm_free_contig(run, 40 * 64);
    UT_CHECK_EQ(pmm_free_pages(), free0 - 1);
    /* a double free found in the second step changes nothing */
    uintptr_t again = pmm_alloc_contig(10 * 64);
    UT_CHECK_EQ(again, lo + PAGE_SIZE);
    UT_EXPECT_PANIC(pmm_free_contig(again, 12 * 64));
    UT_CHECK_EQ(pmm_free_pages(), free0 - 1 - 10 * 64);
    pmm_free_contig(again, 10 * 64);
    pmm_free(overtaker);
    UT_CHECK_EQ(pmm_free_pages(), free0);
    /* nothing fits: the search crosses every window and fails */
    UT_CHECK_EQ(pmm_alloc_contig(51 * 64), 0);
    UT_CHECK_EQ(pmm_alloc_contig(50 * 64), lo);
}

UT(heap_alignment_and_sizes)
{
    void *p[64];
    for (int i = 0; i < 64; i++) {
        p[i] = kmalloc((size_t)i * 7);
        UT_CHECK(p[i] != NULL);
        UT_CHECK((uintptr_t)p[i] % 16 == 0);
        memset(p[i], i, (size_t)i * 7);
    }
    for (int i = 0; i < 64; i++)
        for (int j = 0; j < i * 7; j++)
            UT_CHECK(((unsigned char *)p[i])[j] == i);
    heap_check();
    for (int i = 0; i < 64; i++)
        kfree(p[i]);
    UT_CHECK_EQ(heap_used_bytes(), 0);
    heap_check();
}

UT(heap_kzalloc_zero)
{
    unsigned char *p = kmalloc(1000);
    memset(p, 0xee, 1000);
    kfree(p);
    unsigned char *q = kzalloc(1000);
    for (int i = 0; i < 1000; i++)
        UT_CHECK(q[i] == 0);
    kfree(q);
}

UT(heap_coalescing_reuses_space)
{
    /* Fill one arena with small blocks, free them all, and the whole arena
     * must serve the biggest small block again without growing; it stays
     * as the spare until heap_trim gives it back. */
    size_t before = pmm_free_pages();
    void *p[100];
    for (int i = 0; i < 100; i++)
        p[i] = kmalloc(1000);
    size_t after = pmm_free_pages();
    UT_CHECK_EQ(after, before - ARENA_PAGES);
    for (int i = 0; i < 100; i += 2)
        kfree(p[i]);
    for (int i = 1; i < 100; i += 2)
        kfree(p[i]);
    UT_CHECK_EQ(heap_used_bytes(), 0);
    UT_CHECK_EQ(heap_check(), 1);                   /* one free block again */
    UT_CHECK_EQ(pmm_free_pages(), after);           /* the spare */
    void *big = kmalloc(KCONFIG_HEAP_LARGE - 32);   /* the largest small block */
    UT_CHECK(big != NULL);
    UT_CHECK_EQ(pmm_free_pages(), after);
    kfree(big);
    UT_CHECK_EQ(heap_pages(), ARENA_PAGES);
    heap_trim();
    UT_CHECK_EQ(pmm_free_pages(), before);
    UT_CHECK_EQ(heap_pages(), 0);
    UT_CHECK_EQ(heap_check(), 0);
}

UT(heap_large_blocks_return_frames)
{
    size_t before = pmm_free_pages();
    void *big = kmalloc(2u << 20);
    UT_CHECK(big != NULL);
    UT_CHECK(pmm_free_pages() <= before - 512);
    memset(big, 1, 2u << 20);
    kfree(big);
    UT_CHECK_EQ(pmm_free_pages(), before);
    UT_CHECK(kmalloc(100u << 20) == NULL);          /* more than the fake RAM */
    UT_CHECK(kmalloc(SIZE_MAX) == NULL);
    UT_CHECK_EQ(pmm_free_pages(), before);
}

UT(heap_large_threshold_is_exact)
{
    /* A block whose header and payload (rounded up to 16 bytes) reach
     * KCONFIG_HEAP_LARGE is a run of its own (with a 32-byte run header,
     * rounded up to frames); 16 bytes less shares an arena. */
    size_t before = pmm_free_pages();
    void *big = kmalloc(KCONFIG_HEAP_LARGE - 31);
    size_t run = (KCONFIG_HEAP_LARGE + 32 + PAGE_SIZE - 1) / PAGE_SIZE;
    UT_CHECK_EQ(pmm_free_pages(), before - run);
    UT_CHECK_EQ(heap_pages(), run);
    void *small = kmalloc(KCONFIG_HEAP_LARGE - 32);
    UT_CHECK_EQ(pmm_free_pages(), before - run - ARENA_PAGES);
    UT_CHECK_EQ(heap_check(), 2 + 1);               /* big; small and the rest of its arena */
    kfree(big);
    UT_CHECK_EQ(pmm_free_pages(), before - ARENA_PAGES);
    kfree(small);
    heap_trim();
    UT_CHECK_EQ(pmm_free_pages(), before);
}

/* Sizes from every class: tiny, arena-sized, just under and over the
 * large threshold, and large. */
static size_t mixed_size(uint32_t r)
{
    switch (r % 6) {
    case 0: return r % 64;
    case 1: return r % 4000;
    case 2: return 4000 + r % 40000;
    case 3: return KCONFIG_HEAP_LARGE - 48 + r % 64;
    case 4: return KCONFIG_HEAP_LARGE + r % 300000;
    default: return 100 + r % 900;
    }
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t j = 0; j < n; j++)
        p[j] = (unsigned char)(seed + j * 7);
}

static bool intact(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t j = 0; j < n; j++)
        if (p[j] != (unsigned char)(seed + j * 7))
            return false;
    return true;
}

UT(heap_gives_frames_back_in_every_order)
{
    /* Allocate many blocks of mixed sizes, free them in order, in reverse,
     * odd then even, and at random; the heap is checked after every step,
     * and once everything is freed it holds at most the spare arena, and
     * nothing after heap_trim. Round after round: no drift. */
    enum { N = 120 };
    static void *p[N];
    static size_t len[N];
    static unsigned order[N];
    ut_ram_init(64u << 20);
    const size_t start = pmm_free_pages();
    ut_srand(11);
    for (int round = 0; round < 8; round++) {
        for (unsigned i = 0; i < N; i++) {
            len[i] = mixed_size(ut_rand());
            p[i] = (round & 1) ? kzalloc(len[i]) : kmalloc(len[i]);
            UT_CHECK(p[i] != NULL);
            if (!p[i])
                return;
            fill(p[i], len[i], i);
            heap_check();
        }
        for (unsigned i = 0; i < N; i++)
            order[i] = i;
        switch (round % 4) {
        case 0: break;
        case 1:
            for (unsigned i = 0; i < N; i++)
                order[i] = N - 1 - i;
            break;
        case 2:
            for (unsigned i = 0; i < N; i++)
                order[i] = i < N / 2 ? 2 * i + 1 : 2 * (i - N / 2);
            break;
        default:
            for (unsigned i = N - 1; i > 0; i--) {
                unsigned j = ut_rand() % (i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        for (unsigned k = 0; k < N; k++) {
            unsigned i = order[k];
            UT_CHECK(intact(p[i], len[i], i));
            kfree(p[i]);
            heap_check();
        }
        UT_CHECK_EQ(heap_used_bytes(), 0);
        UT_CHECK(heap_pages() <= ARENA_PAGES);      /* the spare at most */
        UT_CHECK_EQ(pmm_free_pages() + heap_pages(), start);
        heap_trim();
        UT_CHECK_EQ(pmm_free_pages(), start);
        UT_CHECK_EQ(heap_check(), 0);
    }
}

UT(heap_empty_arenas_go_back)
{
    /* Eight arenas' worth of small blocks, freed at random: every arena
     * that empties goes back to pmm but one, the spare. */
    enum { N = 8 * 200 };
    static void *p[N];
    const size_t start = pmm_free_pages();
    for (int i = 0; i < N; i++) {
        p[i] = kmalloc(1200);
        UT_CHECK(p[i] != NULL);
    }
    UT_CHECK(heap_pages() >= 8 * ARENA_PAGES);
    ut_srand(5);
    for (int i = N - 1; i > 0; i--) {
        int j = (int)(ut_rand() % (unsigned)(i + 1));
        void *t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
    for (int i = 0; i < N; i++) {
        kfree(p[i]);
        if (i % 50 == 0)
            heap_check();
    }
    UT_CHECK_EQ(heap_pages(), ARENA_PAGES);
    UT_CHECK_EQ(pmm_free_pages(), start - ARENA_PAGES);
    /* the spare serves the next block: no frames move */
    for (int i = 0; i < 1000; i++) {
        void *q = kmalloc(100 + (size_t)i);
        UT_CHECK_EQ(pmm_free_pages(), start - ARENA_PAGES);
        kfree(q);
    }
    heap_trim();
    UT_CHECK_EQ(pmm_free_pages(), start);
    heap_trim();                                    /* nothing left to trim */
    UT_CHECK_EQ(pmm_free_pages(), start);
}

UT(heap_kept_arena_with_one_block_stays)
{
    /* An arena that still holds a block is never given back. */
    const size_t start = pmm_free_pages();
    void *keep = kmalloc(64);
    void *a = kmalloc(30000), *b = kmalloc(30000);
    kfree(a);
    kfree(b);
    heap_trim();
    UT_CHECK_EQ(pmm_free_pages(), start - ARENA_PAGES);
    UT_CHECK(((uintptr_t)keep & 15) == 0);
    memset(keep, 0x3c, 64);
    heap_check();
    kfree(keep);
    heap_trim();
    UT_CHECK_EQ(pmm_free_pages(), start);
}

UT(heap_large_block_corruption_detected)
{
    unsigned char *p = kmalloc(200000);
    UT_CHECK(p != NULL);
    kfree(p);
    UT_EXPECT_PANIC(kfree(p));                      /* double free */
    p = kmalloc(200000);
    ((uint64_t *)p)[-1] ^= 0x1000;                  /* stray write over the size */
    UT_EXPECT_PANIC(kfree(p));
    ((uint64_t *)p)[-1] ^= 0x1000;
    ((uint32_t *)p)[-12] ^= 1;                      /* over the run's header */
    UT_EXPECT_PANIC(kfree(p));
    UT_EXPECT_PANIC(heap_check());
    ((uint32_t *)p)[-12] ^= 1;
    heap_check();
    kfree(p);
    UT_CHECK_EQ(heap_pages(), 0);
}

UT(heap_realloc_keeps_contents)
{
    char *p = krealloc(NULL, 10);
    memcpy(p, "abcdefghi", 10);
    p = krealloc(p, 5000);
    UT_CHECK(p && memcmp(p, "abcdefghi", 10) == 0);
    p = krealloc(p, 3);
    UT_CHECK(p && memcmp(p, "abc", 3) == 0);
    UT_CHECK(krealloc(p, 0) == NULL);
    UT_CHECK_EQ(heap_used_bytes(), 0);
}

UT(heap_detects_corruption)
{
    char *p = kmalloc(64);
    kfree(p);
    UT_EXPECT_PANIC(kfree(p));                      /* double free */
    char *q = kmalloc(64);
    UT_EXPECT_PANIC(kfree(q + 16));                 /* not a block */
    ((uint64_t *)q)[-1] ^= 0x100;                   /* stray write over the size */
    UT_EXPECT_PANIC(kfree(q));
}

UT(heap_random_against_model)
{
    enum { N = 300 };
    void *p[N] = {0};
    size_t len[N] = {0};
    const size_t start = pmm_free_pages();
    for (int step = 0; step < 20000; step++) {
        int i = (int)(ut_rand() % N);
        if (p[i]) {
            for (size_t j = 0; j < len[i]; j++)
                if (((unsigned char *)p[i])[j] != (unsigned char)(i + j)) {
                    UT_CHECK(!"heap block contents changed");
                    return;
                }
            if (ut_rand() % 3 == 0) {
                size_t n = ut_rand() % 3000 + 1;
                unsigned char *q = krealloc(p[i], n);
                UT_CHECK(q != NULL);
                for (size_t j = len[i]; j < n; j++)
                    q[j] = (unsigned char)(i + j);
                p[i] = q;
                len[i] = n;
            } else {
                kfree(p[i]);
                p[i] = NULL;
            }
        } else {
            len[i] = ut_rand() % 5 == 0 ? ut_rand() % 100000 : ut_rand() % 2000;
            p[i] = kmalloc(len[i]);
            UT_CHECK(p[i] != NULL);
            if (!p[i])
                return;
            for (size_t j = 0; j < len[i]; j++)
                ((unsigned char *)p[i])[j] = (unsigned char)(i + j);
        }
        if (step % 1000 == 0)
            heap_check();
    }
    for (int i = 0; i < N; i++)
        kfree(p[i]);
    UT_CHECK_EQ(heap_used_bytes(), 0);
    heap_check();
    heap_trim();
    UT_CHECK_EQ(pmm_free_pages(), start);
}
