/*
 * mmu.c - 4-level paging. The kernel is identity mapped (virtual =
 * physical). At boot x86_mmu_init replaces entry.S's 4 GiB map of 2 MiB
 * pages with the final one:
 *   - page 0: not mapped (NULL dereferences fault);
 *   - the kernel image in 4 KiB pages: .text RX, .rodata R+NX,
 *     .data/.bss RW+NX (W^X; CR0.WP makes it bind the kernel too), except
 *     the boot stack's guard page, left unmapped;
 *   - the rest of RAM RW+NX, in 2 MiB pages where alignment allows,
 *     except the boot-module archive (bi->initrd_*), read-only + NX;
 *   - the local APIC page RW+NX, uncached;
 *   - nothing else.
 * Boot-time page-table pages come from a static pool in .bss; after the
 * pool, arch_map takes them from pmm_alloc_pinned(). arch_map/arch_unmap first
 * make sure every table they will touch exists (splitting 2 MiB pages where
 * needed), which is the only step that can fail, then change the entries
 * and invalidate each page with invlpg. Table pages are never freed.
 */
#include "hal.h"
#include "klib.h"
#include "mm.h"
#include "x86.h"

#define PTE_P   0x1ull
#define PTE_W   0x2ull
#define PTE_PWT 0x8ull
#define PTE_PCD 0x10ull
#define PTE_PS  0x80ull
#define PTE_NX  (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

#define SZ_4K 0x1000ull
#define SZ_2M 0x200000ull
/* RAM above this is not mapped (and dropped from bi->ram): it bounds the
 * boot pool (one page directory per GiB). */
#define MAX_RAM_ADDR (32ull << 30)
#define POOL_PAGES 48
#define VA_LIMIT (1ull << 47)       /* lower canonical half */
#define PA_LIMIT (1ull << 52)

extern char __kernel_start[], __kernel_end[], __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[], __data_start[], __bss_end[];
extern char x86_boot_stack_guard[];

static uint8_t pool[POOL_PAGES][4096] __attribute__((aligned(4096)));
static unsigned pool_used;
static bool pmm_ready;          /* after boot: tables may come from pmm_alloc */
static uint64_t *pml4;

static unsigned idx(uintptr_t va, int level)
{
    return (va >> (12 + 9 * (level - 1))) & 511;
}

static uint64_t *table_alloc(void)
{
    if (pool_used < POOL_PAGES)
        return (uint64_t *)pool[pool_used++];
    if (!pmm_ready)
        return NULL;
    return (uint64_t *)pmm_alloc_pinned();  /* zeroed, or 0; never freed */
}

/* The entry for va at level (1: 4 KiB page, 2: 2 MiB page), creating
 * missing tables and splitting large pages above that level when create;
 * NULL if a table is missing and !create, or table memory ran out. */
static uint64_t *walk(uintptr_t va, int level, bool create)
{
    uint64_t *t = pml4;
    for (int l = 4; l > level; l--) {
        uint64_t *e = &t[idx(va, l)];
        if (!(*e & PTE_P) || (*e & PTE_PS)) {
            if (!create)
                return NULL;
            uint64_t *n = table_alloc();
            if (!n)
                return NULL;
            if (*e & PTE_PS) {
                /* Split: the same mapping in 512 smaller pages. */
                uint64_t flags = *e & ~PTE_ADDR, base = *e & PTE_ADDR;
                uint64_t step = 1ull << (12 + 9 * (l - 2));
                if (l == 2)
                    flags &= ~PTE_PS;
                for (unsigned i = 0; i < 512; i++)
                    n[i] = (base + i * step) | flags;
            }
            /* Upper levels allow everything; the leaf decides. */
            *e = (uintptr_t)n | PTE_P | PTE_W;
        }
        t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
    }
    return &t[idx(va, level)];
}

static uint64_t prot_flags(unsigned prot)
{
    uint64_t f = PTE_P;
    if (prot & ARCH_PROT_W)
        f |= PTE_W;
    if (!(prot & ARCH_PROT_X))
        f |= PTE_NX;
    if (prot & ARCH_PROT_DEVICE)
        f |= PTE_PCD | PTE_PWT;
    return f;
}

/* Boot only: map [lo, hi) with flags, 2 MiB pages where they fit; false
 * when the pool is exhausted. */
static bool boot_map(uint64_t lo, uint64_t hi, uint64_t flags)
{
    for (uint64_t a = lo; a < hi;) {
        uint64_t *e;
        if ((a & (SZ_2M - 1)) == 0 && hi - a >= SZ_2M) {
            if (!(e = walk(a, 2, true)))
                return false;
            *e = a | flags | PTE_PS;
            a += SZ_2M;
        } else {
            if (!(e = walk(a, 1, true)))
                return false;
            *e = a | flags;
            a += SZ_4K;
        }
    }
    return true;
}

/* Boot only: map RAM range [lo, hi) minus page 0 and the kernel image. */
static bool boot_map_ram(uint64_t lo, uint64_t hi)
{
    uint64_t ks = (uintptr_t)__kernel_start, ke = (uintptr_t)__kernel_end;
    uint64_t ram = PTE_P | PTE_W | PTE_NX;
    if (lo < SZ_4K)
        lo = SZ_4K;
    if (lo >= hi)
        return true;
    if (hi <= ks || lo >= ke)
        return boot_map(lo, hi, ram);
    return (lo >= ks || boot_map(lo, ks, ram)) && (hi <= ke || boot_map(ke, hi, ram));
}

static bool boot_map_kernel(void)
{
    uintptr_t guard = (uintptr_t)x86_boot_stack_guard;
    return boot_map((uintptr_t)__text_start, (uintptr_t)__text_end, PTE_P) &&
           boot_map((uintptr_t)__rodata_start, (uintptr_t)__rodata_end, PTE_P | PTE_NX) &&
           boot_map((uintptr_t)__data_start, guard, PTE_P | PTE_W | PTE_NX) &&
           boot_map(guard + SZ_4K, (uintptr_t)__bss_end, PTE_P | PTE_W | PTE_NX);
}

/* Boot only, after RAM: the archive's pages again, read-only. One that
 * does not lie inside mapped RAM is dropped (said), never mapped. */
static bool map_initrd(boot_info_t *bi)
{
    if (!bi->initrd_len)
        return true;
    uint64_t lo = ALIGN_DOWN(bi->initrd_base, SZ_4K);
    uint64_t hi = ALIGN_UP(bi->initrd_base + bi->initrd_len, SZ_4K);
    bool inside = false;
    for (uint32_t i = 0; i < bi->nram; i++)
        inside |= hi > lo && lo >= SZ_4K && lo >= bi->ram[i].base &&
                  hi <= bi->ram[i].base + bi->ram[i].len;
    if (!inside || (lo < (uintptr_t)__kernel_end && hi > (uintptr_t)__kernel_start)) {
        kprintf("mmu: boot modules at %llx-%llx are not in usable RAM: ignored\n",
                (unsigned long long)lo, (unsigned long long)hi);
        bi->initrd_base = bi->initrd_len = 0;
        return true;
    }
    return boot_map(lo, hi, PTE_P | PTE_NX);
}

void x86_mmu_init(boot_info_t *bi)
{
    /* Drop RAM we will not map. */
    uint32_t n = 0;
    for (uint32_t i = 0; i < bi->nram; i++) {
        boot_range_t r = bi->ram[i];
        if (r.base >= MAX_RAM_ADDR)
            continue;
        if (r.base + r.len > MAX_RAM_ADDR)
            r.len = MAX_RAM_ADDR - r.base;
        bi->ram[n++] = r;
    }
    if (n < bi->nram || (n && bi->ram[n - 1].base + bi->ram[n - 1].len == MAX_RAM_ADDR))
        kprintf("mmu: RAM above %llu GiB is not used\n", (unsigned long long)(MAX_RAM_ADDR >> 30));
    bi->nram = n;

    pml4 = table_alloc();
    bool ok = boot_map_kernel();
    for (uint32_t i = 0; ok && i < bi->nram; i++)
        ok = boot_map_ram(bi->ram[i].base, bi->ram[i].base + bi->ram[i].len);
    ok = ok && map_initrd(bi);
    ok = ok && boot_map(X86_LAPIC_BASE, X86_LAPIC_BASE + SZ_4K,
                        PTE_P | PTE_W | PTE_NX | PTE_PCD | PTE_PWT);
    if (!ok)
        panic("mmu: boot page-table pool (%u pages) exhausted", POOL_PAGES);
    x86_write_cr3((uintptr_t)pml4);
    pmm_ready = true;

    /* Page 0 may be RAM: the allocator must not hand it out unmapped. */
    if (bi->nram && bi->ram[0].base == 0 && bi->nreserved < BOOT_MAX_RANGES)
        bi->reserved[bi->nreserved++] = (boot_range_t){0, SZ_4K};
}

static bool range_ok(uintptr_t va, size_t len)
{
    return len && !(va & (SZ_4K - 1)) && !(len & (SZ_4K - 1)) && va + len > va &&
           va + len <= VA_LIMIT;
}

int arch_map(uintptr_t va, uintptr_t pa, size_t len, unsigned prot)
{
    const unsigned known = ARCH_PROT_R | ARCH_PROT_W | ARCH_PROT_X | ARCH_PROT_DEVICE;
    if (!range_ok(va, len) || (pa & (SZ_4K - 1)) || pa + len < pa || pa + len > PA_LIMIT ||
        (prot & ~known) || !(prot & ARCH_PROT_R) ||
        ((prot & ARCH_PROT_W) && (prot & ARCH_PROT_X)))
        return -1;
    arch_irqstate_t s = arch_irq_save();
    /* Make every table exist first: the only step that can fail. */
    for (size_t off = 0; off < len; off += SZ_4K) {
        if (!walk(va + off, 1, true)) {
            arch_irq_restore(s);
            return -1;
        }
    }
    uint64_t flags = prot_flags(prot);
    for (size_t off = 0; off < len; off += SZ_4K) {
        *walk(va + off, 1, false) = (pa + off) | flags;
        x86_invlpg(va + off);
    }
    arch_irq_restore(s);
    return 0;
}

int arch_unmap(uintptr_t va, size_t len)
{
    if (!range_ok(va, len))
        return -1;
    arch_irqstate_t s = arch_irq_save();
    /* Split every large page the range cuts through first. */
    for (size_t off = 0; off < len; off += SZ_4K) {
        uint64_t *e2 = walk(va + off, 2, false);
        if (e2 && (*e2 & PTE_P) && (*e2 & PTE_PS) && !walk(va + off, 1, true)) {
            arch_irq_restore(s);
            return -1;
        }
    }
    for (size_t off = 0; off < len; off += SZ_4K) {
        uint64_t *e = walk(va + off, 1, false);
        if (e && (*e & PTE_P)) {
            *e = 0;
            x86_invlpg(va + off);
        }
    }
    arch_irq_restore(s);
    return 0;
}

bool arch_mapped(uintptr_t va)
{
    if (va >= VA_LIMIT || !pml4)
        return false;
    const uint64_t *t = pml4;
    for (int l = 4;; l--) {
        uint64_t e = t[idx(va, l)];
        if (!(e & PTE_P))
            return false;
        if (l == 1 || (e & PTE_PS))
            return true;
        t = (const uint64_t *)(uintptr_t)(e & PTE_ADDR);
    }
}
