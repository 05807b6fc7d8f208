/*
 * mmu.c - the kernel's identity map (virtual = physical) and arch_map /
 * arch_unmap.
 *
 * Translation: 4 KiB granule, TTBR0_EL1 only, T0SZ = 25 (a 39-bit space,
 * 512 GiB), so walks start at level 1 (1 GiB per entry), level 2 (2 MiB)
 * and level 3 (4 KiB pages). MAIR attribute 0 is Device-nGnRnE, 1 is Normal
 * write-back read/write-allocate. At boot:
 *   - the kernel image gets 4 KiB pages: .text RX, .rodata R, the rest
 *     (.data, .bss, boot page tables, boot stack) RW + XN (W^X; SCTLR.WXN
 *     enforces it as well);
 *   - other RAM (from the device tree) is RW + XN, in 4 KiB pages too;
 *   - the boot-module archive, once boot.c has copied it into RAM, is made
 *     read-only + XN (arm64_mmu_protect_ro);
 *   - the PL011, GIC distributor/CPU interface/redistributor and fw_cfg pages are Device
 *     memory, RW + XN;
 *   - nothing else is mapped: page 0 and every hole fault, and so does
 *     the guard page below the boot stack.
 *
 * No block descriptors, so no live block is ever split. Arm ARM DDI 0487
 * (J.a D8.14.1, K.a D8.16.1) "Using break-before-make when updating
 * translation table entries", rule R_WHZWS: changing a live entry's block
 * size, output address, memory type or cacheability/shareability needs
 * break-before-make (invalid entry, DSB, TLBI, DSB, then the new entry),
 * and during the break the whole block is unmapped: splitting the 2 MiB
 * block that holds the running code's stack, its page tables or the new
 * table would fault. With pages only, every later change is one the rule
 * allows in place: invalid -> valid (arch_map; translation faults are not
 * cached in TLBs, so no TLBI), valid -> invalid (arch_unmap, then TLBI by
 * VA), and a permission change (arm64_mmu_protect_ro, then TLBI). The
 * price is the level-3 tables for all RAM: one 4 KiB table per 2 MiB,
 * 1/512 of RAM (516 KiB for 256 MiB), carved at boot from the top of RAM
 * (boot.c's arm64_boot_place) and reserved.
 *
 * Boot tables come from a static pool (the image and devices) and that
 * carved run (RAM); after arm64_mmu_boot_done() tables come from
 * pmm_alloc_pinned() (never freed, counted as such). arch_map maps 4 KiB
 * pages only and refuses to overlap an existing mapping.
 */
#include "hal.h"
#include "klib.h"
#include "mm.h"
#include "arm64.h"

#define PTE_VALID    (1ull << 0)
#define PTE_TABLE    (1ull << 1)    /* table (levels 1-2) or page (level 3) */
#define PTE_ATTR_DEV (0ull << 2)
#define PTE_ATTR_MEM (1ull << 2)
#define PTE_AP_RO    (1ull << 7)
#define PTE_SH_INNER (3ull << 8)
#define PTE_AF       (1ull << 10)
#define PTE_PXN      (1ull << 53)
#define PTE_UXN      (1ull << 54)
#define PTE_ADDR     0x0000fffffffff000ull

#define VA_BITS      39
#define VA_LIMIT     (1ull << VA_BITS)
#define SZ_2M        (2ull << 20)
#define SZ_1G        (1ull << 30)
#define ENTRIES      512

#define MAIR_VALUE   (0x00ull | 0xffull << 8)
#define TCR_T0SZ     (64 - VA_BITS)
#define TCR_VALUE    (TCR_T0SZ | 1ull << 8 | 1ull << 10 | 3ull << 12 | /* WBWA, inner shareable */ \
                      (uint64_t)TCR_T0SZ << 16 | 1ull << 23 | 2ull << 30) /* TTBR1 off */
#define SCTLR_M      (1ull << 0)
#define SCTLR_C      (1ull << 2)
#define SCTLR_SA     (1ull << 3)
#define SCTLR_I      (1ull << 12)
#define SCTLR_WXN    (1ull << 19)

#define BOOT_POOL_PAGES 24

typedef uint64_t pte_t;

static pte_t l1[ENTRIES] __attribute__((aligned(4096)));
static pte_t boot_pool[BOOT_POOL_PAGES][ENTRIES] __attribute__((aligned(4096)));
static unsigned boot_pool_used;
static uintptr_t ram_pool, ram_pool_end;    /* tables for RAM, carved at boot */
static bool booting = true;

static pte_t *table_alloc(void)
{
    if (booting) {
        if (boot_pool_used < BOOT_POOL_PAGES)
            return boot_pool[boot_pool_used++];
        if (ram_pool == ram_pool_end)
            return NULL;
        pte_t *t = (pte_t *)ram_pool;   /* MMU off: stores go to RAM */
        ram_pool += ARCH_PAGE_SIZE;
        for (unsigned i = 0; i < ENTRIES; i++)
            t[i] = 0;
        return t;
    }
    return (pte_t *)pmm_alloc_pinned();    /* zeroed, identity mapped, never freed */
}

static unsigned idx(uintptr_t va, int level)
{
    return (va >> (39 - 9 * level)) & (ENTRIES - 1);
}

/* Descriptor bits for prot (without the valid/type bits). */
static pte_t prot_bits(unsigned prot)
{
    pte_t b = PTE_AF;
    b |= (prot & ARCH_PROT_DEVICE) ? PTE_ATTR_DEV : (PTE_ATTR_MEM | PTE_SH_INNER);
    if (!(prot & ARCH_PROT_W))
        b |= PTE_AP_RO;
    if (!(prot & ARCH_PROT_X) || (prot & ARCH_PROT_DEVICE))
        b |= PTE_PXN | PTE_UXN;
    else
        b |= PTE_UXN;           /* kernel code only: EL0 never runs */
    return b;
}

static void tlb_flush_page(uintptr_t va)
{
    __asm__ volatile("dsb ishst\n tlbi vaae1is, %0\n dsb ish\n isb"
                     : : "r"(va >> 12) : "memory");
}

static void tlb_flush_all(void)
{
    __asm__ volatile("dsb ishst\n tlbi vmalle1is\n dsb ish\n isb" ::: "memory");
}

/* The level-3 entry for va. create: allocate missing tables (NULL when out
 * of table memory); else NULL when va lies in a hole. A block descriptor
 * (none is ever made) gives NULL too: nothing splits one. */
static pte_t *walk(uintptr_t va, bool create)
{
    pte_t *t = l1;
    for (int level = 1; level <= 2; level++) {
        pte_t *e = &t[idx(va, level)];
        if (!(*e & PTE_VALID)) {
            if (!create)
                return NULL;
            pte_t *n = table_alloc();
            if (!n)
                return NULL;
            arm64_dsb_ishst();
            *e = (uintptr_t)n | PTE_VALID | PTE_TABLE;
        } else if (!(*e & PTE_TABLE)) {
            return NULL;
        }
        t = (pte_t *)(uintptr_t)(*e & PTE_ADDR);
    }
    return &t[idx(va, 3)];
}

/* The page descriptor for va, or 0 if unmapped. */
uint64_t arm64_mmu_lookup(uintptr_t va)
{
    if (va >= VA_LIMIT)
        return 0;
    pte_t *e = walk(va, false);
    return e && (*e & PTE_VALID) ? *e : 0;
}

static bool range_ok(uintptr_t va, size_t len)
{
    return len && !(va & (ARCH_PAGE_SIZE - 1)) && !(len & (ARCH_PAGE_SIZE - 1)) &&
           va < VA_LIMIT && len <= VA_LIMIT - va;
}

static int map_locked(uintptr_t va, uintptr_t pa, size_t len, unsigned prot);
static int unmap_locked(uintptr_t va, size_t len);

/* Both run with interrupts off: a timer tick may switch to a task that
 * changes the same tables. */
int arch_map(uintptr_t va, uintptr_t pa, size_t len, unsigned prot)
{
    arch_irqstate_t s = arch_irq_save();
    int r = map_locked(va, pa, len, prot);
    arch_irq_restore(s);
    return r;
}

int arch_unmap(uintptr_t va, size_t len)
{
    arch_irqstate_t s = arch_irq_save();
    int r = unmap_locked(va, len);
    arch_irq_restore(s);
    return r;
}

static int map_locked(uintptr_t va, uintptr_t pa, size_t len, unsigned prot)
{
    if (!range_ok(va, len) || (pa & (ARCH_PAGE_SIZE - 1)) || (pa & ~PTE_ADDR) ||
        len > PTE_ADDR - pa || (prot & ARCH_PROT_W && prot & ARCH_PROT_X) ||
        !(prot & (ARCH_PROT_R | ARCH_PROT_W | ARCH_PROT_X)))
        return -1;
    for (size_t off = 0; off < len; off += ARCH_PAGE_SIZE)
        if (arm64_mmu_lookup(va + off))
            return -1;          /* already mapped: unmap first */
    pte_t bits = prot_bits(prot) | PTE_VALID | PTE_TABLE;
    for (size_t off = 0; off < len; off += ARCH_PAGE_SIZE) {
        pte_t *e = walk(va + off, true);
        if (!e) {
            if (off)
                unmap_locked(va, off);
            return -1;
        }
        *e = (pa + off) | bits;
    }
    arm64_dsb_ishst();
    arm64_isb();
    return 0;
}

static int unmap_locked(uintptr_t va, size_t len)
{
    if (!range_ok(va, len))
        return -1;
    /* Valid -> invalid needs no break-before-make; the TLBI after each
     * entry makes the unmapping visible (header). */
    for (size_t off = 0; off < len; off += ARCH_PAGE_SIZE) {
        pte_t *e = walk(va + off, false);
        if (e && (*e & PTE_VALID)) {
            *e = 0;
            tlb_flush_page(va + off);
        }
    }
    return 0;
}

/* Boot mapping of [pa, pa+len) in 4 KiB pages. */
static int map_boot(uint64_t pa, uint64_t len, unsigned prot)
{
    pte_t bits = prot_bits(prot) | PTE_VALID | PTE_TABLE;
    for (uint64_t end = pa + len; pa < end; pa += ARCH_PAGE_SIZE) {
        pte_t *e = walk(pa, true);
        if (!e)
            return -1;
        *e = pa | bits;
    }
    return 0;
}

/* Map ram range [b, e) minus the kernel image [ks, ke), which is mapped
 * separately with per-section permissions. */
static int map_ram(uint64_t b, uint64_t e, uint64_t ks, uint64_t ke)
{
    const unsigned rw = ARCH_PROT_R | ARCH_PROT_W;
    if (e <= ks || b >= ke)
        return map_boot(b, e - b, rw);
    if (b < ks && map_boot(b, ks - b, rw))
        return -1;
    if (e > ke && map_boot(ke, e - ke, rw))
        return -1;
    return 0;
}

/* Table pages that mapping RAM in pages takes at most: one level-3 table
 * per 2 MiB and one level-2 table per 1 GiB that each range touches. */
static uint64_t ram_table_pages(const boot_info_t *bi)
{
    uint64_t n = 0;
    for (uint32_t i = 0; i < bi->nram; i++) {
        uint64_t b = bi->ram[i].base, e = b + bi->ram[i].len;
        n += (ALIGN_UP(e, SZ_2M) - ALIGN_DOWN(b, SZ_2M)) / SZ_2M;
        n += (ALIGN_UP(e, SZ_1G) - ALIGN_DOWN(b, SZ_1G)) / SZ_1G;
    }
    return n;
}

int arm64_mmu_protect_ro(uintptr_t va, size_t len)
{
    if (!range_ok(va, len))
        return -1;
    for (size_t off = 0; off < len; off += ARCH_PAGE_SIZE) {
        pte_t *e = walk(va + off, false);
        if (!e || !(*e & PTE_VALID))
            return -1;
        *e = (va + off) | prot_bits(ARCH_PROT_R) | PTE_VALID | PTE_TABLE;
    }
    tlb_flush_all();
    return 0;
}

int arm64_mmu_init(boot_info_t *bi)
{
    uint64_t ks = (uintptr_t)__kernel_start, ke = (uintptr_t)__kernel_end;
    for (uint32_t i = 0; i < bi->nram; i++) {
        boot_range_t *r = &bi->ram[i];
        if (r->base >= VA_LIMIT || r->len > VA_LIMIT - r->base) {
            arm64_early_puts("mmu: RAM above 512 GiB is not mapped; dropped\n");
            r->len = r->base >= VA_LIMIT ? 0 : VA_LIMIT - r->base;
        }
    }
    /* The tables for RAM, from RAM: reserved, never handed out. */
    uint64_t tables = ram_table_pages(bi) * ARCH_PAGE_SIZE;
    ram_pool = tables && bi->nreserved < BOOT_MAX_RANGES ? arm64_boot_place(bi, tables) : 0;
    if (tables && !ram_pool) {
        arm64_early_puts("mmu: no room in RAM for its page tables\n");
        return -1;
    }
    ram_pool_end = ram_pool + tables;
    if (tables)
        bi->reserved[bi->nreserved++] = (boot_range_t){ram_pool, tables};
    int err = 0;
    err |= map_boot(ks, (uintptr_t)__text_end - ks, ARCH_PROT_R | ARCH_PROT_X);
    err |= map_boot((uintptr_t)__rodata_start, (uintptr_t)__rodata_end - (uintptr_t)__rodata_start,
                    ARCH_PROT_R);
    err |= map_boot((uintptr_t)__data_start, ke - (uintptr_t)__data_start,
                    ARCH_PROT_R | ARCH_PROT_W);
    const unsigned dev = ARCH_PROT_R | ARCH_PROT_W | ARCH_PROT_DEVICE;
    err |= map_boot(VIRT_GICD_BASE, 0x10000, dev);
    err |= map_boot(VIRT_GICC_BASE, 0x10000, dev);
    err |= map_boot(VIRT_GICR_BASE, 0x20000, dev);
    err |= map_boot(VIRT_UART_BASE, ARCH_PAGE_SIZE, dev);
    err |= map_boot(VIRT_FWCFG_BASE, ARCH_PAGE_SIZE, dev);
    for (uint32_t i = 0; i < bi->nram && !err; i++) {
        const boot_range_t *r = &bi->ram[i];
        if (r->len)
            err |= map_ram(r->base, r->base + r->len, ks, ke);
    }
    if (err) {
        arm64_early_puts("mmu: boot page-table pool exhausted (BOOT_POOL_PAGES)\n");
        return -1;
    }
    /* The guard page below the boot stack faults (vectors.S reports it). */
    *walk((uintptr_t)arm64_boot_stack_guard, false) = 0;

    uint64_t parange = arm64_sysreg_read(id_aa64mmfr0_el1) & 0xf;
    if (parange > 5)
        parange = 5;            /* 48 bits: more needs 52-bit descriptors */
    arm64_dcache_invalidate_all();
    __asm__ volatile("ic iallu\n tlbi vmalle1\n dsb ish\n isb" ::: "memory");
    arm64_sysreg_write(mair_el1, MAIR_VALUE);
    arm64_sysreg_write(tcr_el1, TCR_VALUE | parange << 32);
    arm64_sysreg_write(ttbr0_el1, (uintptr_t)l1);
    arm64_isb();
    uint64_t sctlr = arm64_sysreg_read(sctlr_el1);
    sctlr |= SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA | SCTLR_WXN;
    arm64_sysreg_write(sctlr_el1, sctlr);
    arm64_isb();
    return 0;
}

void arm64_mmu_boot_done(void)
{
    booting = false;
}

bool arm64_mmu_on(void)
{
    return arm64_sysreg_read(sctlr_el1) & SCTLR_M;
}

bool arm64_caches_on(void)
{
    uint64_t s = arm64_sysreg_read(sctlr_el1);
    return (s & SCTLR_C) && (s & SCTLR_I);
}

bool arch_mapped(uintptr_t va)
{
    return arm64_mmu_lookup(va) != 0;
}
