/*
 * multiboot.c - reads the Multiboot2 boot information GRUB hands over:
 * the memory map (type 1 = available RAM) becomes bi->ram, sorted,
 * merged and page-aligned inwards; the info block itself goes into
 * bi->reserved; the boot command line is copied out (the info block is
 * not kept) into bi->cmdline. Everything is checked against the block's total size first:
 * a malformed block gives an error, never a wild read.
 */
#include "klib.h"
#include "x86.h"

#define MB2_BOOT_MAGIC 0x36d76289u
#define TAG_END 0
#define TAG_CMDLINE 1
#define TAG_MODULE 3
#define TAG_MMAP 6
#define MMAP_AVAILABLE 1
#define MB2_MAX_SIZE (1u << 20)     /* sanity bound on total_size */

typedef struct { uint32_t type, size; } mb2_tag_t;
typedef struct { uint64_t base, len; uint32_t type, reserved; } mb2_mmap_entry_t;

static char loader_cmdline[512];
static char module_name[64];

/* Copy a string of at most max bytes that may lack its NUL into dst
 * (n bytes), truncating. */
static void copy_string(char *dst, size_t n, const char *src, uint32_t max)
{
    uint32_t i = 0;
    for (; i < max && i + 1 < n && src[i]; i++)
        dst[i] = src[i];
    dst[i] = 0;
}

/* Tag 3: {mod_start, mod_end, string}. Only the first module is used. */
static void parse_module(boot_info_t *bi, const uint8_t *tag, uint32_t size)
{
    if (size < 16 || bi->initrd_len)
        return;
    uint32_t start = *(const uint32_t *)(tag + 8), end = *(const uint32_t *)(tag + 12);
    if (end <= start) {
        kprintf("multiboot: empty module at %x, ignored\n", start);
        return;
    }
    if (bi->nreserved == BOOT_MAX_RANGES) {
        kprintf("multiboot: no room to reserve the module, ignored\n");
        return;
    }
    copy_string(module_name, sizeof module_name, (const char *)tag + 16, size - 16);
    bi->initrd_base = start;
    bi->initrd_len = end - start;
    bi->initrd_name = module_name;
    bi->reserved[bi->nreserved++] =
        (boot_range_t){ALIGN_DOWN((uint64_t)start, 4096ull),
                       ALIGN_UP((uint64_t)end, 4096ull) - ALIGN_DOWN((uint64_t)start, 4096ull)};
}

static void add_ram(boot_info_t *bi, uint64_t base, uint64_t len)
{
    uint64_t lo = ALIGN_UP(base, 4096ull), hi = ALIGN_DOWN(base + len, 4096ull);
    if (base + len < base || hi <= lo)
        return;
    if (bi->nram == BOOT_MAX_RANGES) {
        kprintf("multiboot: more than %u RAM ranges, ignoring %llx-%llx\n", BOOT_MAX_RANGES,
                (unsigned long long)lo, (unsigned long long)hi);
        return;
    }
    /* insertion sort by base */
    uint32_t i = bi->nram++;
    while (i > 0 && bi->ram[i - 1].base > lo) {
        bi->ram[i] = bi->ram[i - 1];
        i--;
    }
    bi->ram[i] = (boot_range_t){lo, hi - lo};
}

/* Merge touching or overlapping ranges (the map may repeat itself). */
static void merge_ram(boot_info_t *bi)
{
    uint32_t out = 0;
    for (uint32_t i = 0; i < bi->nram; i++) {
        boot_range_t r = bi->ram[i];
        if (out && bi->ram[out - 1].base + bi->ram[out - 1].len >= r.base) {
            boot_range_t *p = &bi->ram[out - 1];
            uint64_t end = r.base + r.len > p->base + p->len ? r.base + r.len : p->base + p->len;
            p->len = end - p->base;
        } else {
            bi->ram[out++] = r;
        }
    }
    bi->nram = out;
}

static void parse_mmap(boot_info_t *bi, const uint8_t *tag, uint32_t size)
{
    if (size < 16)
        return;
    uint32_t esize = *(const uint32_t *)(tag + 8);
    if (esize < sizeof(mb2_mmap_entry_t)) {
        kprintf("multiboot: memory map entry size %u too small\n", esize);
        return;
    }
    for (uint32_t off = 16; off + esize <= size; off += esize) {
        const mb2_mmap_entry_t *e = (const mb2_mmap_entry_t *)(tag + off);
        if (e->type == MMAP_AVAILABLE)
            add_ram(bi, e->base, e->len);
    }
}

bool x86_multiboot_parse(uint32_t magic, uintptr_t info, boot_info_t *bi)
{
    if (magic != MB2_BOOT_MAGIC) {
        kprintf("multiboot: bad magic 0x%x (not started by a Multiboot2 loader)\n", magic);
        return false;
    }
    if (!info || (info & 7)) {
        kprintf("multiboot: bad information address %p\n", (void *)info);
        return false;
    }
    uint32_t total = *(const uint32_t *)info;
    if (total < 16 || total > MB2_MAX_SIZE) {
        kprintf("multiboot: bad information size %u\n", total);
        return false;
    }
    for (uint32_t off = 8; off + 8 <= total;) {
        const mb2_tag_t *t = (const mb2_tag_t *)(info + off);
        if (t->type == TAG_END)
            break;
        if (t->size < 8 || t->size > total - off) {
            kprintf("multiboot: bad tag (type %u, size %u) at offset %u\n", t->type, t->size, off);
            return false;
        }
        if (t->type == TAG_CMDLINE)
            copy_string(loader_cmdline, sizeof loader_cmdline, (const char *)(t + 1), t->size - 8);
        else if (t->type == TAG_MODULE)
            parse_module(bi, (const uint8_t *)t, t->size);
        else if (t->type == TAG_MMAP)
            parse_mmap(bi, (const uint8_t *)t, t->size);
        off += ALIGN_UP(t->size, 8u);
    }
    merge_ram(bi);
    bi->cmdline = loader_cmdline;
    if (bi->nram == 0) {
        kprintf("multiboot: no available RAM in the memory map\n");
        return false;
    }
    if (bi->nreserved == BOOT_MAX_RANGES) {
        kprintf("multiboot: no room to reserve the information block\n");
        return false;
    }
    bi->reserved[bi->nreserved++] =
        (boot_range_t){ALIGN_DOWN((uint64_t)info, 4096ull),
                       ALIGN_UP((uint64_t)info + total, 4096ull) - ALIGN_DOWN((uint64_t)info, 4096ull)};
    return true;
}
