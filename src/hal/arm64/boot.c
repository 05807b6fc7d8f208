/*
 * boot.c - arm64_boot, called by entry.S at EL1 on the boot stack with FP
 * on, .bss zeroed and the vectors installed; MMU still off. In order:
 * console, device tree (RAM, reserved ranges, bootargs), the identity map
 * with W^X and the MMU/caches on, the command line (fw_cfg, else bootargs),
 * the boot-module archive (fw_cfg file opt/jericho/initrd, copied to the
 * top of RAM, reserved, read-only), GIC and timer, then kernel_main with
 * interrupts off.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

#define EXIT_BOOT_FAILED 5
#define CMDLINE_MAX 1024
#define INITRD_FILE "opt/jericho/initrd"
#define INITRD_MAX (64u << 20)

static boot_info_t bi;
static char cmdline_buf[CMDLINE_MAX];

static void boot_fail(const char *why)
{
    arm64_early_puts("arm64 boot failed: ");
    arm64_early_puts(why);
    arm64_early_puts("\n");
    arch_poweroff(EXIT_BOOT_FAILED);
}

/* Page-align ranges inward (ram) or outward (reserved), drop empty ones,
 * sort by base. */
static void normalize(boot_range_t *r, uint32_t *n, bool outward)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < *n; i++) {
        uint64_t b = r[i].base, e = r[i].base + r[i].len;
        if (e < b)
            e = ~0ull;
        b = outward ? ALIGN_DOWN(b, ARCH_PAGE_SIZE) : ALIGN_UP(b, ARCH_PAGE_SIZE);
        e = outward ? ALIGN_UP(e, ARCH_PAGE_SIZE) : ALIGN_DOWN(e, ARCH_PAGE_SIZE);
        if (e > b)
            r[k++] = (boot_range_t){b, e - b};
    }
    for (uint32_t i = 1; i < k; i++)          /* insertion sort: n <= 32 */
        for (uint32_t j = i; j > 0 && r[j - 1].base > r[j].base; j--) {
            boot_range_t t = r[j];
            r[j] = r[j - 1];
            r[j - 1] = t;
        }
    *n = k;
}

uint64_t arm64_boot_place(const boot_info_t *b_info, uint64_t len)
{
    for (uint32_t i = b_info->nram; i-- > 0;) {
        uint64_t lo = b_info->ram[i].base, end = b_info->ram[i].base + b_info->ram[i].len;
        while (end >= lo + len) {
            uint64_t b = ALIGN_DOWN(end - len, ARCH_PAGE_SIZE), in_way = end;
            if (b < lo)
                break;
            for (uint32_t r = 0; r < b_info->nreserved; r++) {
                const boot_range_t *x = &b_info->reserved[r];
                if (b < x->base + x->len && x->base < b + len && x->base < in_way)
                    in_way = x->base;
            }
            if (in_way == end)
                return b;
            end = in_way;
        }
    }
    return 0;
}

/* The archive, if QEMU was given one: read into RAM that then is
 * reserved and mapped read-only (bi.initrd_*, include/boot/info.h). */
static void load_initrd(void)
{
    uint32_t size;
    uint16_t key;
    if (!arm64_fwcfg_find(INITRD_FILE, &size, &key) || !size)
        return;
    uint64_t len = ALIGN_UP((uint64_t)size, ARCH_PAGE_SIZE), at;
    if (size > INITRD_MAX || bi.nreserved == BOOT_MAX_RANGES || !(at = arm64_boot_place(&bi, len))) {
        kprintf("boot: no room for %s (%u bytes): ignored\n", INITRD_FILE, size);
        return;
    }
    if (!arm64_fwcfg_read(key, (void *)(uintptr_t)at, size)) {
        kprintf("boot: fw_cfg DMA of %s failed: ignored\n", INITRD_FILE);
        return;
    }
    bi.reserved[bi.nreserved++] = (boot_range_t){at, len};
    if (arm64_mmu_protect_ro(at, len))
        boot_fail("page tables (boot modules)");
    bi.initrd_base = at;
    bi.initrd_len = size;
    bi.initrd_name = INITRD_FILE;
}

void arm64_boot(uint64_t entry_counter, unsigned entry_el)
{
    arm64_uart_init();
    bi.entry_counter = entry_counter;
    const char *bootargs;
    if (arm64_fdt_parse(VIRT_DTB_BASE, &bi, &bootargs))
        boot_fail("no usable device tree");
    bi.kernel_start = (uintptr_t)__kernel_start;
    bi.kernel_end = (uintptr_t)__kernel_end;
    if (bi.nreserved < BOOT_MAX_RANGES)  /* image, boot stack, boot page tables */
        bi.reserved[bi.nreserved++] = (boot_range_t){bi.kernel_start, bi.kernel_end - bi.kernel_start};
    else
        boot_fail("too many reserved ranges");
    normalize(bi.ram, &bi.nram, false);
    normalize(bi.reserved, &bi.nreserved, true);
    if (!bi.nram)
        boot_fail("no RAM");
    if (arm64_mmu_init(&bi))
        boot_fail("page tables");
    /* From here on memory is Normal and kprintf is safe. */
    bi.cmdline = arm64_fwcfg_read_file("opt/jericho/cmdline", cmdline_buf, sizeof cmdline_buf);
    if (!bi.cmdline)
        bi.cmdline = bootargs ? bootargs : "";
    load_initrd();
    arm64_timer_init(entry_counter);
    int gic_version = arm64_gic_init();
    if (gic_version < 0)
        boot_fail("no interrupt controller");
    kprintf("arm64: entered at EL%u, running at EL1; MMU %s (39-bit identity map, W^X), "
            "caches %s; GICv%d; timer CNTV PPI %u, counter %llu Hz\n",
            entry_el, arm64_mmu_on() ? "on" : "off", arm64_caches_on() ? "on" : "off", gic_version,
            ARM64_TIMER_PPI, (unsigned long long)arch_counter_hz());
    arm64_mmu_boot_done();
    __asm__ volatile("msr daifclr, #4" ::: "memory");   /* SErrors are reported from now on */
    arm64_crash_option(bi.cmdline);
    kernel_main(&bi);
}
