/*
 * test_arm64.c - arm64-specific boot self-tests: the system registers say
 * MMU, caches and WXN are on; the page tables give each part of the kernel
 * image and each device the attributes the design promises; RAM is mapped
 * in pages (no block is ever split: break-before-make, mmu.c) and
 * unmapping pages leaves their neighbours mapped; the counter and
 * arch_time_ns agree.
 */
#include "hal.h"
#include "klib.h"
#include "selftest/ktest.h"
#include "mm.h"
#include "arm64.h"

#define PTE_ATTRIDX(d)  (((d) >> 2) & 7)
#define PTE_RO(d)       (((d) >> 7) & 1)
#define PTE_PXN(d)      (((d) >> 53) & 1)
#define PTE_UXN(d)      (((d) >> 54) & 1)
#define PTE_AF(d)       (((d) >> 10) & 1)

KTEST(arm64_sysregs)
{
    uint64_t sctlr = arm64_sysreg_read(sctlr_el1);
    KT_CHECK(sctlr & (1u << 0));        /* M */
    KT_CHECK(sctlr & (1u << 2));        /* C */
    KT_CHECK(sctlr & (1u << 12));       /* I */
    KT_CHECK(sctlr & (1u << 19));       /* WXN */
    KT_CHECK(!(sctlr & (1u << 25)));    /* little-endian */
    KT_CHECK_EQ((arm64_sysreg_read(CurrentEL) >> 2) & 3, 1);
    KT_CHECK_EQ((arm64_sysreg_read(cpacr_el1) >> 20) & 3, 3);   /* FP on */
    KT_CHECK_EQ(arm64_sysreg_read(tcr_el1) & 0x3f, 25);        /* 39-bit */
    KT_CHECK(arm64_mmu_on() && arm64_caches_on());
    /* Wasm float semantics: round to nearest (RMode 0), no flush-to-zero
     * (FZ, bit 24), no default NaN (DN, bit 25). */
    KT_CHECK_EQ(arm64_sysreg_read(fpcr) & (3u << 22 | 1u << 24 | 1u << 25), 0);
}

/* The descriptor of va must be Normal memory with this RO/PXN. */
static void check_mem(const char *what, uintptr_t va, unsigned ro, unsigned pxn)
{
    uint64_t d = arm64_mmu_lookup(va);
    if (!d) {
        KT_FAIL("%s (%p) is not mapped", what, (void *)va);
        return;
    }
    if (PTE_ATTRIDX(d) != 1 || PTE_RO(d) != ro || PTE_PXN(d) != pxn || !PTE_UXN(d) || !PTE_AF(d))
        KT_FAIL("%s (%p): descriptor 0x%llx, want normal memory, %s, %s", what, (void *)va,
                (unsigned long long)d, ro ? "read-only" : "writable", pxn ? "XN" : "executable");
}

KTEST(arm64_wx_layout)
{
    check_mem(".text", (uintptr_t)__text_start, 1, 0);
    check_mem("end of .text", (uintptr_t)__text_end - 8, 1, 0);
    check_mem(".rodata", (uintptr_t)__rodata_start, 1, 1);
    check_mem(".ktest table", (uintptr_t)__rodata_end - 8, 1, 1);
    check_mem(".data", (uintptr_t)__data_start, 0, 1);
    check_mem(".bss", (uintptr_t)__bss_start, 0, 1);
    check_mem("boot stack", (uintptr_t)arm64_boot_stack, 0, 1);
    check_mem("last kernel page", (uintptr_t)__kernel_end - 8, 0, 1);
    check_mem("device tree", VIRT_DTB_BASE, 0, 1);
    uintptr_t f = pmm_alloc();
    KT_CHECK(f != 0);
    if (f) {
        check_mem("a free frame", f, 0, 1);
        pmm_free(f);
    }
    /* Nothing executable is writable anywhere in the kernel image. */
    for (uintptr_t va = (uintptr_t)__kernel_start; va < (uintptr_t)__kernel_end; va += ARCH_PAGE_SIZE) {
        uint64_t d = arm64_mmu_lookup(va);
        if (va == (uintptr_t)arm64_boot_stack_guard) {
            if (d)
                KT_FAIL("the boot stack's guard page %p is mapped", (void *)va);
        } else if (!d || (!PTE_RO(d) && !PTE_PXN(d))) {
            KT_FAIL("page %p: descriptor 0x%llx (unmapped, or writable and executable)",
                    (void *)va, (unsigned long long)d);
            break;
        }
    }
}

KTEST(arm64_device_pages)
{
    static const struct { const char *name; uintptr_t pa; } dev[] = {
        {"GIC distributor", VIRT_GICD_BASE}, {"GIC CPU interface", VIRT_GICC_BASE},
        {"PL011", VIRT_UART_BASE}, {"fw_cfg", VIRT_FWCFG_BASE},
    };
    for (size_t i = 0; i < ARRAY_SIZE(dev); i++) {
        uint64_t d = arm64_mmu_lookup(dev[i].pa);
        if (!d || PTE_ATTRIDX(d) != 0 || !PTE_PXN(d) || PTE_RO(d))
            KT_FAIL("%s at %p: descriptor 0x%llx, want Device-nGnRnE RW XN", dev[i].name,
                    (void *)dev[i].pa, (unsigned long long)d);
    }
    /* Holes fault: page 0, just below RAM, between the devices. */
    KT_CHECK_EQ(arm64_mmu_lookup(0), 0);
    KT_CHECK_EQ(arm64_mmu_lookup(VIRT_RAM_BASE - ARCH_PAGE_SIZE), 0);
    KT_CHECK_EQ(arm64_mmu_lookup(VIRT_UART_BASE + 0x1000), 0);
    uint64_t v;
    KT_CHECK_EQ(arch_probe_read((void *)(VIRT_UART_BASE + 0x1000), &v), -1);
}

/* Break-before-make (mmu.c): RAM is mapped in pages from boot, so no
 * block is ever split. Unmapping pages inside a 2 MiB region that a block
 * would once have mapped (its first page, one in the middle, its last)
 * leaves every neighbour mapped, with the same attributes and contents. */
KTEST(arm64_unmap_keeps_neighbours)
{
    const size_t n = 1024;                   /* 4 MiB: one whole 2 MiB region */
    uintptr_t a = pmm_alloc_contig(n);
    KT_CHECK(a != 0);
    if (!a)
        return;
    const uintptr_t sz2m = (uintptr_t)2 << 20;
    uintptr_t blk = ALIGN_UP(a, sz2m);
    uint64_t d = arm64_mmu_lookup(blk);
    KT_CHECK(d && (d & 2));                  /* a page descriptor, not a block */
    for (uintptr_t p = blk; p < blk + sz2m; p += ARCH_PAGE_SIZE) {
        KT_CHECK_EQ(arm64_mmu_lookup(p) & 3, 3);
        *(volatile uint64_t *)p = p ^ 0x5a5a;
    }
    const uintptr_t cut[] = {blk, blk + sz2m / 2, blk + sz2m - ARCH_PAGE_SIZE};
    uint64_t v = 0;
    for (unsigned i = 0; i < ARRAY_SIZE(cut); i++) {
        KT_CHECK_EQ(arch_unmap(cut[i], ARCH_PAGE_SIZE), 0);
        KT_CHECK_EQ(arch_probe_read((void *)cut[i], &v), -1);
        const arch_fault_t *f = arch_probe_last_fault();
        KT_CHECK(f && f->has_addr && f->addr == cut[i]);
    }
    /* Every other page of the region and both neighbouring pages outside
     * it: mapped as before, contents intact. */
    for (uintptr_t p = blk - ARCH_PAGE_SIZE; p <= blk + sz2m; p += ARCH_PAGE_SIZE) {
        if (p == cut[0] || p == cut[1] || p == cut[2])
            continue;
        uint64_t pd = arm64_mmu_lookup(p);
        KT_CHECK_EQ(pd & ~0x0000fffffffff000ull, d & ~0x0000fffffffff000ull);
        KT_CHECK_EQ(pd & 0x0000fffffffff000ull, p);
        KT_CHECK_EQ(arch_probe_read((void *)p, &v), 0);
        if (p >= blk && p < blk + sz2m)
            KT_CHECK_EQ(v, p ^ 0x5a5a);
    }
    /* Mapping them back restores access to the same contents. */
    for (unsigned i = 0; i < ARRAY_SIZE(cut); i++) {
        KT_CHECK_EQ(arch_map(cut[i], cut[i], ARCH_PAGE_SIZE, ARCH_PROT_R | ARCH_PROT_W), 0);
        KT_CHECK_EQ(arch_probe_read((void *)cut[i], &v), 0);
        KT_CHECK_EQ(v, cut[i] ^ 0x5a5a);
        KT_CHECK_EQ(arm64_mmu_lookup(cut[i]), d - blk + cut[i]);
    }
    /* Mapping over an existing mapping is refused. */
    KT_CHECK_EQ(arch_map(blk, blk, ARCH_PAGE_SIZE, ARCH_PROT_R), -1);
    pmm_free_contig(a, n);
}

/* No block descriptor anywhere in RAM: a 2 MiB step over all of it. */
KTEST(arm64_ram_mapped_in_pages)
{
    extern char __kernel_end[];
    uintptr_t lo = VIRT_RAM_BASE, hi = (uintptr_t)__kernel_end + ((uintptr_t)200 << 20);
    unsigned pages = 0;
    for (uintptr_t p = lo; p < hi; p += (uintptr_t)2 << 20) {
        uint64_t d = arm64_mmu_lookup(p);
        if (d) {
            KT_CHECK_EQ(d & 3, 3);
            pages++;
        }
    }
    KT_CHECK(pages > 64);
}

KTEST(arm64_counter_and_time)
{
    uint64_t hz = arch_counter_hz();
    KT_CHECK_EQ(hz, arm64_sysreg_read(cntfrq_el0) & 0xffffffffu);
    uint64_t c0 = arch_counter(), t0 = arch_time_ns();
    for (volatile int i = 0; i < 200000; i++)
        ;
    uint64_t c1 = arch_counter(), t1 = arch_time_ns();
    KT_CHECK(c1 > c0 && t1 > t0);
    /* Both measure the same interval: agree within 10% + 1 us. */
    uint64_t dc_ns = (c1 - c0) * 1000000000ull / hz, dt = t1 - t0;
    uint64_t diff = dc_ns > dt ? dc_ns - dt : dt - dc_ns;
    if (diff > dt / 10 + 1000)
        KT_FAIL("counter says %llu ns, arch_time_ns says %llu ns", (unsigned long long)dc_ns,
                (unsigned long long)dt);
}

/* W^X for real: fetching from writable memory faults; code runs. */
KTEST(arm64_nx_data)
{
    static uint32_t in_bss[4];
    static uint32_t in_data[4] = {1};
    uint32_t on_stack[4];
    uint32_t *heap = kmalloc(16);
    uint32_t *where[] = {in_bss, in_data, on_stack, heap};
    static const char *const names[] = {".bss", ".data", "stack", "heap"};
    const uint32_t ret = 0xd65f03c0;    /* the `ret` instruction */

    KT_CHECK_EQ(arm64_probe_exec(arm64_probe_ret), 0);
    for (size_t i = 0; i < ARRAY_SIZE(where); i++) {
        if (!where[i]) {
            KT_FAIL("kmalloc failed");
            continue;
        }
        *(volatile uint32_t *)where[i] = ret;
        if (arm64_probe_exec(where[i]) != -1) {
            KT_FAIL("code in %s ran", names[i]);
            continue;
        }
        const arch_fault_t *f = arch_probe_last_fault();
        KT_CHECK(f && f->vector == 0x21 && f->has_addr && f->addr == (uintptr_t)where[i]);
        KT_CHECK(f && (f->code & 0x3c) == 0x0c);   /* permission fault */
    }
    kfree(heap);
}
