/*
 * test_boot.c - generic boot self-tests, the same on every architecture:
 * the physical frame allocator, the kernel heap, page mapping with fault
 * probes, W^X of the kernel image, and the timer interrupt. They use only
 * include/hal.h, include/mm.h and the ktest protocol (include/selftest/ktest.h).
 */
#include "hal.h"
#include "kconfig.h"
#include "klib.h"
#include "selftest/ktest.h"
#include "mm.h"

/* A virtual address that no architecture maps at boot (above RAM, inside
 * a 39-bit space), for the mapping tests. */
#define TEST_VA ((uintptr_t)0x4012345000ull)
#define NFRAMES 64


extern char __text_start[], __rodata_start[], __kernel_start[], __kernel_end[];

static bool frame_is_zero(uintptr_t pa)
{
    const uint64_t *p = (const uint64_t *)pa;
    for (size_t i = 0; i < PAGE_SIZE / 8; i++)
        if (p[i])
            return false;
    return true;
}

KTEST(boot_pmm_alloc_free)
{
    static uintptr_t f[NFRAMES];
    size_t free0 = pmm_free_pages();
    KT_CHECK(free0 > NFRAMES);
    for (int i = 0; i < NFRAMES; i++) {
        f[i] = pmm_alloc();
        KT_CHECK(f[i] != 0);
        if (!f[i])
            return;
        KT_CHECK_EQ(f[i] & (PAGE_SIZE - 1), 0);
        KT_CHECK(f[i] >= (uintptr_t)__kernel_end || f[i] + PAGE_SIZE <= (uintptr_t)__kernel_start);
        KT_CHECK(frame_is_zero(f[i]));
        memset((void *)f[i], 0xa5 ^ i, PAGE_SIZE);   /* dirty it for the reuse check */
    }
    for (int i = 0; i < NFRAMES; i++)
        for (int j = i + 1; j < NFRAMES; j++)
            if (f[i] == f[j])
                KT_FAIL("frame %p handed out twice (%d and %d)", (void *)f[i], i, j);
    KT_CHECK_EQ(pmm_free_pages(), free0 - NFRAMES);
    for (int i = 0; i < NFRAMES; i++)
        pmm_free(f[i]);
    KT_CHECK_EQ(pmm_free_pages(), free0);
    /* Frames come back zeroed even after being dirtied. */
    for (int i = 0; i < NFRAMES; i++) {
        f[i] = pmm_alloc();
        KT_CHECK(f[i] && frame_is_zero(f[i]));
    }
    for (int i = 0; i < NFRAMES; i++)
        if (f[i])
            pmm_free(f[i]);
    KT_CHECK_EQ(pmm_free_pages(), free0);
}

KTEST(boot_pmm_contig)
{
    size_t free0 = pmm_free_pages();
    uintptr_t a = pmm_alloc_contig(16);
    KT_CHECK(a != 0 && (a & (PAGE_SIZE - 1)) == 0);
    if (!a)
        return;
    for (int i = 0; i < 16; i++)
        KT_CHECK(frame_is_zero(a + (uintptr_t)i * PAGE_SIZE));
    memset((void *)a, 0x5a, 16 * PAGE_SIZE);
    uintptr_t b = pmm_alloc();
    KT_CHECK(b && (b + PAGE_SIZE <= a || b >= a + 16 * PAGE_SIZE));
    if (b)
        pmm_free(b);
    pmm_free_contig(a, 16);
    KT_CHECK_EQ(pmm_free_pages(), free0);
}

KTEST(boot_heap_small)
{
    enum { N = 200 };
    static unsigned char *p[N];
    static size_t sz[N];
    for (int i = 0; i < N; i++) {
        sz[i] = 1 + (size_t)(i * 37) % 500;
        p[i] = kmalloc(sz[i]);
        KT_CHECK(p[i] != NULL);
        if (!p[i])
            return;
        KT_CHECK_EQ((uintptr_t)p[i] & 15, 0);
        memset(p[i], i & 0xff, sz[i]);
    }
    /* Free every third block, allocate again, then check nobody overlapped. */
    for (int i = 0; i < N; i += 3) {
        kfree(p[i]);
        sz[i] = 1 + (size_t)(i * 53) % 300;
        p[i] = kmalloc(sz[i]);
        KT_CHECK(p[i] != NULL);
        if (!p[i])
            return;
        memset(p[i], i & 0xff, sz[i]);
    }
    for (int i = 0; i < N; i++)
        for (size_t k = 0; k < sz[i]; k++)
            if (p[i][k] != (i & 0xff)) {
                KT_FAIL("block %d byte %zu overwritten", i, k);
                break;
            }
    for (int i = N - 1; i >= 0; i--)
        kfree(p[i]);
    kfree(NULL);

    unsigned char *z = kzalloc(333);
    KT_CHECK(z != NULL);
    for (int k = 0; z && k < 333; k++)
        if (z[k]) {
            KT_FAIL("kzalloc byte %d not zero", k);
            break;
        }
    kfree(z);
}

KTEST(boot_heap_big)
{
    size_t n = 3 * KCONFIG_HEAP_CHUNK;     /* more than one heap chunk */
    uint32_t *a = kmalloc(n);
    KT_CHECK(a != NULL);
    if (!a)
        return;
    for (size_t i = 0; i < n / 4; i++)
        a[i] = (uint32_t)(i * 2654435761u);
    uint32_t *b = krealloc(a, 2 * n);
    KT_CHECK(b != NULL);
    if (!b) {
        kfree(a);
        return;
    }
    for (size_t i = 0; i < n / 4; i++)
        if (b[i] != (uint32_t)(i * 2654435761u)) {
            KT_FAIL("krealloc lost word %zu", i);
            break;
        }
    kfree(b);
    /* The freed space is reusable. */
    void *c = kmalloc(2 * n);
    KT_CHECK(c != NULL);
    kfree(c);
}

KTEST(boot_map_unmap)
{
    uint64_t v = 0;
    volatile uint64_t *va = (volatile uint64_t *)TEST_VA;
    /* Not mapped yet: the probe reports a fault at that address. */
    KT_CHECK_EQ(arch_probe_read(va, &v), -1);

    uintptr_t pa = pmm_alloc();
    KT_CHECK(pa != 0);
    if (!pa)
        return;
    KT_CHECK_EQ(arch_map(TEST_VA, pa, PAGE_SIZE, ARCH_PROT_R | ARCH_PROT_W), 0);
    va[0] = 0x0123456789abcdefull;
    va[511] = 0xfeedfacecafebeefull;
    KT_CHECK_EQ(va[0], 0x0123456789abcdefull);
    KT_CHECK_EQ(*(volatile uint64_t *)(pa + 511 * 8), 0xfeedfacecafebeefull);  /* same frame */
    KT_CHECK_EQ(arch_probe_read(va, &v), 0);
    KT_CHECK_EQ(v, 0x0123456789abcdefull);
    KT_CHECK_EQ(arch_probe_write(va + 1, 42), 0);
    KT_CHECK_EQ(*(volatile uint64_t *)(pa + 8), 42);

    KT_CHECK_EQ(arch_unmap(TEST_VA, PAGE_SIZE), 0);
    v = 7;
    KT_CHECK_EQ(arch_probe_read(va + 3, &v), -1);
    KT_CHECK_EQ(v, 7);
    const arch_fault_t *f = arch_probe_last_fault();
    KT_CHECK(f != NULL);
    if (f) {
        KT_CHECK(f->has_addr);
        KT_CHECK_EQ(f->addr, TEST_VA + 24);
    }
    KT_CHECK_EQ(arch_probe_write(va, 1), -1);
    /* The test goes on after the faults, and the frame is intact. */
    KT_CHECK_EQ(*(volatile uint64_t *)(pa + 8), 42);
    pmm_free(pa);
}

KTEST(boot_map_refuses_bad_arguments)
{
    uintptr_t pa = pmm_alloc();
    KT_CHECK(pa != 0);
    if (!pa)
        return;
    KT_CHECK_EQ(arch_map(TEST_VA, pa, PAGE_SIZE, ARCH_PROT_R | ARCH_PROT_W | ARCH_PROT_X), -1);
    KT_CHECK_EQ(arch_map(TEST_VA + 1, pa, PAGE_SIZE, ARCH_PROT_R), -1);
    KT_CHECK_EQ(arch_map(TEST_VA, pa + 1, PAGE_SIZE, ARCH_PROT_R), -1);
    KT_CHECK_EQ(arch_map(TEST_VA, pa, 100, ARCH_PROT_R), -1);
    KT_CHECK_EQ(arch_map(TEST_VA, pa, 0, ARCH_PROT_R), -1);
    KT_CHECK_EQ(arch_map(UINTPTR_MAX & ~(uintptr_t)(PAGE_SIZE - 1), pa, 2 * PAGE_SIZE,
                         ARCH_PROT_R), -1);
    KT_CHECK_EQ(arch_unmap(TEST_VA + 8, PAGE_SIZE), -1);
    /* None of these mapped anything. */
    uint64_t v;
    KT_CHECK_EQ(arch_probe_read((void *)TEST_VA, &v), -1);
    pmm_free(pa);
}

KTEST(boot_wx_and_null)
{
    uint64_t v = 0, before;
    /* Page 0 is not mapped. */
    KT_CHECK_EQ(arch_probe_read((void *)0, &v), -1);
    const arch_fault_t *f = arch_probe_last_fault();
    KT_CHECK(f && f->has_addr && f->addr == 0);
    /* Code and read-only data are readable but not writable. */
    KT_CHECK_EQ(arch_probe_read(__text_start, &before), 0);
    KT_CHECK_EQ(arch_probe_write(__text_start, ~before), -1);
    KT_CHECK_EQ(*(volatile uint64_t *)__text_start, before);
    f = arch_probe_last_fault();
    KT_CHECK(f && f->has_addr && f->addr == (uintptr_t)__text_start);
    KT_CHECK_EQ(arch_probe_read(__rodata_start, &before), 0);
    KT_CHECK_EQ(arch_probe_write(__rodata_start, ~before), -1);
    KT_CHECK_EQ(*(volatile uint64_t *)__rodata_start, before);
}

KTEST(boot_timer_ticks)
{
    /* With interrupts on, the only interrupt is the timer: each wait ends
     * at a tick, so 5 waits span about 4 tick periods. */
    arch_irqstate_t s = arch_irq_save();
    arch_irq_enable();
    KT_CHECK(arch_irq_enabled());
    arch_wait_for_interrupt();
    uint64_t c0 = arch_counter(), t0 = arch_time_ns();
    for (int i = 0; i < 4; i++)
        arch_wait_for_interrupt();
    uint64_t c1 = arch_counter(), t1 = arch_time_ns();
    arch_irq_disable();
    KT_CHECK(!arch_irq_enabled());
    arch_irq_restore(s);

    uint64_t period = 1000000000ull / KCONFIG_TICK_HZ, dt = t1 - t0;
    if (dt < 3 * period || dt > 40 * period)
        KT_FAIL("4 ticks took %llu us, expected about %llu us", (unsigned long long)(dt / 1000),
                (unsigned long long)(4 * period / 1000));
    KT_CHECK(c1 > c0);
    KT_CHECK(arch_counter_hz() >= 1000000);
}
