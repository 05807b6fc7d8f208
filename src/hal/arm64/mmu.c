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
 *   - other RAM (from the device tree) is RW + XN, in 1 GiB or 2 MiB
 *     blocks where aligned;
 *   - the boot-module archive, once boot.c has copied it into RAM, is made
 *     read-only + XN (arm64_mmu_protect_ro);
 *   - the PL011, GIC distributor/CPU interface/redistributor and fw_cfg pages are Device
 *     memory, RW + XN;
 *   - nothing else is mapped: page 0 and every hole fault, and so does
 *     the guard page below the boot stack.
 * Boot tables come from a static pool; after arm64_mmu_boot_done() tables
 * come from pmm_alloc(). arch_map maps 4 KiB pages only and refuses to
 * overlap an existing mapping; unmapping part of a block splits it into
 * a table of identical entries first (1 GiB -> 2 MiB -> 4 KiB), written in
 * place: QEMU does not need break-before-make for a change that keeps
 * every translation.
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
static bool booting = true;

static pte_t *table_alloc(void)
{
    if (booting) {
        if (boot_pool_used == BOOT_POOL_PAGES)
            return NULL;
        return boot_pool[boot_pool_used++];
    }
    return (pte_t *)pmm_alloc();    /* zeroed, identity mapped */
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

/* Replace the block *e at level (1: 1 GiB, 2: 2 MiB) by a table of the
 * next level with the same mappings (2 MiB blocks or 4 KiB pages). */
static int split_block(pte_t *e, int level)
{
    pte_t *t = table_alloc();
    if (!t)
        return -1;
    pte_t attrs = *e & ~PTE_ADDR & ~(PTE_VALID | PTE_TABLE);
    pte_t type = level == 2 ? PTE_VALID | PTE_TABLE : PTE_VALID;   /* page or block */
    uint64_t pa = *e & PTE_ADDR, step = level == 2 ? ARCH_PAGE_SIZE : SZ_2M;
    for (unsigned i = 0; i < ENTRIES; i++)
        t[i] = (pa + i * step) | attrs | type;
    arm64_dsb_ishst();
    *e = (uintptr_t)t | PTE_VALID | PTE_TABLE;
    tlb_flush_all();
    return 0;
}

/* The level-3 entry for va. create: allocate missing tables and split
 * blocks (NULL when out of table memory); else NULL when va lies in a hole
 * or in a block (*block then points at the block entry, if block). */
static pte_t *walk(uintptr_t va, bool create, pte_t **block)
{
    pte_t *t = l1;
    if (block)
        *block = NULL;
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
            if (block)
                *block = e;
            if (!create || split_block(e, level))
                return NULL;
        }
        t = (pte_t *)(uintptr_t)(*e & PTE_ADDR);
    }
    return &t[idx(va, 3)];
}

/* The final descriptor for va (page or block), or 0 if unmapped. */
uint64_t arm64_mmu_lookup(uintptr_t va)
{
    if (va >= VA_LIMIT)
        return 0;
    pte_t *blk;
    pte_t *e = walk(va, false, &blk);
    if (blk)
        return *blk;
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
        pte_t *e = walk(va + off, true, NULL);
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
    /* Split every block the range cuts first, so that a failure changes
     * no translation. */
    for (size_t off = 0; off < len; off += ARCH_PAGE_SIZE) {
        pte_t *blk;
        if (!walk(va + off, false, &blk) && blk && !walk(va + off, true, NULL))
            return -1;
    }
    for (size_t off = 0; off < len; off += ARCH_PAGE_SIZE) {
        pte_t *e = walk(va + off, false, NULL);
        if (e && (*e & PTE_VALID)) {
            *e = 0;
            tlb_flush_page(va + off);
        }
    }
    return 0;
}

/* Boot mapping of [pa, pa+len) with 2 MiB blocks where allowed. */
static int map_boot(uint64_t pa, uint64_t len, unsigned prot, bool blocks)
{
    uint64_t end = pa + len;
    pte_t bits = prot_bits(prot);
    while (pa < end) {
        pte_t *l1e = &l1[idx(pa, 1)];
        if (blocks && !(pa & (SZ_1G - 1)) && end - pa >= SZ_1G && !(*l1e & PTE_VALID)) {
            *l1e = pa | bits | PTE_VALID;
            pa += SZ_1G;
            continue;
        }
        if (blocks && !(pa & (SZ_2M - 1)) && end - pa >= SZ_2M) {
            if (!(*l1e & PTE_VALID)) {
                pte_t *n = table_alloc();
                if (!n)
                    return -1;
                *l1e = (uintptr_t)n | PTE_VALID | PTE_TABLE;
            } else if (!(*l1e & PTE_TABLE)) {
                return -1;      /* inside a 1 GiB block: ranges overlap */
            }
            pte_t *l2 = (pte_t *)(uintptr_t)(*l1e & PTE_ADDR);
            l2[idx(pa, 2)] = pa | bits | PTE_VALID;
            pa += SZ_2M;
            continue;
        }
        pte_t *e = walk(pa, true, NULL);
        if (!e)
            return -1;
        *e = pa | bits | PTE_VALID | PTE_TABLE;
        pa += ARCH_PAGE_SIZE;
    }
    return 0;
}

/* Map ram range [b, e) minus the kernel image [ks, ke), which is mapped
 * separately with per-section permissions. */
static int map_ram(uint64_t b, uint64_t e, uint64_t ks, uint64_t ke)
{
    const unsigned rw = ARCH_PROT_R | ARCH_PROT_W;
    if (e <= ks || b >= ke)
        return map_boot(b, e - b, rw, true);
    if (b < ks && map_boot(b, ks - b, rw, true))
        return -1;
    if (e > ke && map_boot(ke, e - ke, rw, true))
        return -1;
    return 0;
}

int arm64_mmu_protect_ro(uintptr_t va, size_t len)
{
    if (!range_ok(va, len))
        return -1;
    for (size_t off = 0; off < len; off += ARCH_PAGE_SIZE) {
        pte_t *e = walk(va + off, true, NULL);
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
    int err = 0;
    err |= map_boot(ks, (uintptr_t)__text_end - ks, ARCH_PROT_R | ARCH_PROT_X, false);
    err |= map_boot((uintptr_t)__rodata_start, (uintptr_t)__rodata_end - (uintptr_t)__rodata_start,
                    ARCH_PROT_R, false);
    err |= map_boot((uintptr_t)__data_start, ke - (uintptr_t)__data_start,
                    ARCH_PROT_R | ARCH_PROT_W, false);
    const unsigned dev = ARCH_PROT_R | ARCH_PROT_W | ARCH_PROT_DEVICE;
    err |= map_boot(VIRT_GICD_BASE, 0x10000, dev, false);
    err |= map_boot(VIRT_GICC_BASE, 0x10000, dev, false);
    err |= map_boot(VIRT_GICR_BASE, 0x20000, dev, false);
    err |= map_boot(VIRT_UART_BASE, ARCH_PAGE_SIZE, dev, false);
    err |= map_boot(VIRT_FWCFG_BASE, ARCH_PAGE_SIZE, dev, false);
    for (uint32_t i = 0; i < bi->nram && !err; i++) {
        boot_range_t *r = &bi->ram[i];
        if (r->base >= VA_LIMIT || r->len > VA_LIMIT - r->base) {
            arm64_early_puts("mmu: RAM above 512 GiB is not mapped; dropped\n");
            r->len = r->base >= VA_LIMIT ? 0 : VA_LIMIT - r->base;
        }
        if (r->len)
            err |= map_ram(r->base, r->base + r->len, ks, ke);
    }
    if (err) {
        arm64_early_puts("mmu: boot page-table pool exhausted (BOOT_POOL_PAGES)\n");
        return -1;
    }
    /* The guard page below the boot stack faults (vectors.S reports it). */
    *walk((uintptr_t)arm64_boot_stack_guard, false, NULL) = 0;

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
