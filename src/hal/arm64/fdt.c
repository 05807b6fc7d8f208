/*
 * fdt.c - reads the flattened device tree QEMU places at the base of RAM:
 * the /memory nodes' reg (with the root's #address-cells/#size-cells), the
 * memory reservation block, and /chosen/bootargs; and, for device
 * discovery (virtio_mmio.c), the top-level nodes with a given compatible
 * string: their reg and GIC interrupt. Every offset and length
 * is checked against the blob's header first: a damaged tree gives an
 * error, never a wild read. Runs before the MMU is on (built with
 * -mstrict-align, bytes read one at a time).
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

#define FDT_MAGIC       0xd00dfeedu
#define FDT_BEGIN_NODE  1
#define FDT_END_NODE    2
#define FDT_PROP        3
#define FDT_NOP         4
#define FDT_END         9
#define FDT_MAX_SIZE    (2u << 20)  /* QEMU's trees are < 1 MiB */
#define FDT_MAX_DEPTH   16

typedef struct {
    const uint8_t *base;
    uint32_t size;
    uint32_t off_struct, size_struct;
    uint32_t off_strings, size_strings;
} fdt_t;

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
    return (uint64_t)be32(p) << 32 | be32(p + 4);
}

/* A cells-long big-endian number (cells is 1 or 2). */
static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
    return cells == 2 ? be64(p) : be32(p);
}

static bool str_eq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static bool is_memory_node(const char *name)
{
    const char *m = "memory";
    while (*m && *name == *m)
        name++, m++;
    return !*m && (!*name || *name == '@');
}

static int add_range(boot_range_t *r, uint32_t *n, uint64_t base, uint64_t len)
{
    if (*n >= BOOT_MAX_RANGES) {
        arm64_early_puts("fdt: too many ranges; ignoring the rest\n");
        return -1;
    }
    r[*n].base = base;
    r[*n].len = len;
    (*n)++;
    return 0;
}

static int fdt_open(fdt_t *t, uintptr_t dtb)
{
    const uint8_t *h = (const uint8_t *)dtb;
    if (be32(h) != FDT_MAGIC)
        return -1;
    t->base = h;
    t->size = be32(h + 4);
    t->off_struct = be32(h + 8);
    t->off_strings = be32(h + 12);
    uint32_t version = be32(h + 20);
    t->size_strings = be32(h + 32);
    t->size_struct = version >= 17 ? be32(h + 36) : t->size - t->off_struct;
    if (t->size < 40 || t->size > FDT_MAX_SIZE || version < 16 ||
        t->off_struct > t->size || t->size_struct > t->size - t->off_struct ||
        t->off_strings > t->size || t->size_strings > t->size - t->off_strings ||
        (t->off_struct & 3))
        return -2;
    return 0;
}

/* The NUL-terminated string at off in the strings block, or NULL. */
static const char *fdt_string(const fdt_t *t, uint32_t off)
{
    if (off >= t->size_strings)
        return NULL;
    const char *s = (const char *)t->base + t->off_strings + off;
    for (uint32_t i = off; i < t->size_strings; i++)
        if (s[i - off] == 0)
            return s;
    return NULL;
}

static void reserve_rsvmap(const fdt_t *t, boot_info_t *bi)
{
    uint32_t off = be32(t->base + 16);
    while (off <= t->size - 16) {
        uint64_t a = be64(t->base + off), l = be64(t->base + off + 8);
        if (!a && !l)
            return;
        add_range(bi->reserved, &bi->nreserved, a, l);
        off += 16;
    }
}

int arm64_fdt_parse(uintptr_t dtb, boot_info_t *bi, const char **bootargs)
{
    fdt_t t;
    int e = fdt_open(&t, dtb);
    if (e) {
        arm64_early_puts(e == -1 ? "fdt: no device tree (magic 0xd00dfeed) at 0x40000000: "
                                   "the kernel must be linked at 0x40200000 or higher\n"
                                 : "fdt: device tree header is damaged\n");
        return -1;
    }
    add_range(bi->reserved, &bi->nreserved, dtb, t.size);
    reserve_rsvmap(&t, bi);

    uint32_t addr_cells = 2, size_cells = 1;   /* defaults of the spec */
    int depth = 0;
    bool in_memory = false, in_chosen = false;
    const uint8_t *p = t.base + t.off_struct, *end = p + t.size_struct;
    *bootargs = NULL;
    while (p + 4 <= end) {
        uint32_t tok = be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            const uint8_t *q = p;
            while (q < end && *q)
                q++;
            if (q >= end)
                goto damaged;
            p = (const uint8_t *)ALIGN_UP((uintptr_t)q + 1, 4);
            if (++depth > FDT_MAX_DEPTH)
                goto damaged;
            in_memory = depth == 2 && is_memory_node(name);
            in_chosen = depth == 2 && str_eq(name, "chosen");
        } else if (tok == FDT_END_NODE) {
            if (--depth < 0)
                goto damaged;
            in_memory = in_chosen = false;
        } else if (tok == FDT_PROP) {
            if (p + 8 > end)
                goto damaged;
            uint32_t len = be32(p), nameoff = be32(p + 4);
            const uint8_t *val = p + 8;
            if (len > (uint32_t)(end - val))
                goto damaged;
            p = (const uint8_t *)ALIGN_UP((uintptr_t)val + len, 4);
            const char *name = fdt_string(&t, nameoff);
            if (!name)
                goto damaged;
            if (depth == 1 && len == 4 && str_eq(name, "#address-cells"))
                addr_cells = be32(val);
            else if (depth == 1 && len == 4 && str_eq(name, "#size-cells"))
                size_cells = be32(val);
            else if (in_memory && str_eq(name, "reg")) {
                if (addr_cells < 1 || addr_cells > 2 || size_cells < 1 || size_cells > 2)
                    goto damaged;
                uint32_t stride = 4 * (addr_cells + size_cells);
                for (uint32_t o = 0; o + stride <= len; o += stride) {
                    uint64_t b = read_cells(val + o, addr_cells);
                    uint64_t l = read_cells(val + o + 4 * addr_cells, size_cells);
                    if (l)
                        add_range(bi->ram, &bi->nram, b, l);
                }
            } else if (in_chosen && str_eq(name, "bootargs") && len > 0 &&
                       val[len - 1] == 0) {
                *bootargs = (const char *)val;
            }
        } else if (tok == FDT_END) {
            break;
        } else if (tok != FDT_NOP) {
            goto damaged;
        }
    }
    if (!bi->nram) {
        arm64_early_puts("fdt: no /memory node with a reg property\n");
        return -1;
    }
    return 0;
damaged:
    arm64_early_puts("fdt: device tree structure is damaged\n");
    return -1;
}

/* Does the compatible property (a list of NUL-terminated strings) name c? */
static bool compat_has(const uint8_t *val, uint32_t len, const char *c)
{
    uint32_t i = 0;
    while (i < len) {
        const char *s = (const char *)val + i;
        uint32_t n = 0;
        while (i + n < len && s[n])
            n++;
        if (i + n == len)
            return false;           /* not terminated */
        if (str_eq(s, c))
            return true;
        i += n + 1;
    }
    return false;
}

int arm64_fdt_each_compatible(uintptr_t dtb, const char *compat, arm64_fdt_node_fn *fn,
                              void *ctx)
{
    fdt_t t;
    if (fdt_open(&t, dtb))
        return -1;
    uint32_t addr_cells = 2, size_cells = 1;
    int depth = 0, found = 0;
    bool match = false;
    uint64_t base = 0, size = 0;
    uint32_t intid = 0xffffffffu;
    const uint8_t *p = t.base + t.off_struct, *end = p + t.size_struct;
    while (p + 4 <= end) {
        uint32_t tok = be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const uint8_t *q = p;
            while (q < end && *q)
                q++;
            if (q >= end || ++depth > FDT_MAX_DEPTH)
                return -1;
            p = (const uint8_t *)ALIGN_UP((uintptr_t)q + 1, 4);
            if (depth == 2) {
                match = false;
                base = size = 0;
                intid = 0xffffffffu;
            }
        } else if (tok == FDT_END_NODE) {
            if (depth == 2 && match && size) {
                fn(base, size, intid, ctx);
                found++;
            }
            if (--depth < 0)
                return -1;
        } else if (tok == FDT_PROP) {
            if (p + 8 > end)
                return -1;
            uint32_t len = be32(p), nameoff = be32(p + 4);
            const uint8_t *val = p + 8;
            if (len > (uint32_t)(end - val))
                return -1;
            p = (const uint8_t *)ALIGN_UP((uintptr_t)val + len, 4);
            const char *name = fdt_string(&t, nameoff);
            if (!name)
                return -1;
            if (depth == 1 && len == 4 && str_eq(name, "#address-cells"))
                addr_cells = be32(val);
            else if (depth == 1 && len == 4 && str_eq(name, "#size-cells"))
                size_cells = be32(val);
            else if (depth == 2 && str_eq(name, "compatible"))
                match = compat_has(val, len, compat);
            else if (depth == 2 && str_eq(name, "reg") && addr_cells >= 1 && addr_cells <= 2 &&
                     size_cells >= 1 && size_cells <= 2 &&
                     len >= 4 * (addr_cells + size_cells)) {
                base = read_cells(val, addr_cells);
                size = read_cells(val + 4 * addr_cells, size_cells);
            } else if (depth == 2 && str_eq(name, "interrupts") && len >= 12 &&
                       be32(val) == 0 && be32(val + 4) < 988) {
                intid = 32 + be32(val + 4);     /* GIC_SPI n: INTID 32 + n */
            }
        } else if (tok == FDT_END) {
            break;
        } else if (tok != FDT_NOP) {
            return -1;
        }
    }
    return found;
}
