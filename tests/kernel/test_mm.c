/*
 * test_mm.c - host tests of the frame allocator and the kernel heap.
 */
#include <stdlib.h>
#include <string.h>

#include "kconfig.h"
#include "mm.h"
#include "ut.h"

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
     * must serve one big block again without growing. */
    size_t before = pmm_free_pages();
    void *p[100];
    for (int i = 0; i < 100; i++)
        p[i] = kmalloc(1000);
    size_t after = pmm_free_pages();
    for (int i = 0; i < 100; i += 2)
        kfree(p[i]);
    for (int i = 1; i < 100; i += 2)
        kfree(p[i]);
    UT_CHECK_EQ(after, before - KCONFIG_HEAP_CHUNK / PAGE_SIZE);
    UT_CHECK_EQ(heap_used_bytes(), 0);
    UT_CHECK_EQ(heap_check(), 1);                   /* one free block again */
    void *big = kmalloc(KCONFIG_HEAP_CHUNK - 64);
    UT_CHECK(big != NULL);
    UT_CHECK_EQ(pmm_free_pages(), after);
    kfree(big);
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
}
