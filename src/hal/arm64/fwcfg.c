/*
 * fwcfg.c - QEMU's fw_cfg device on the virt board (MMIO at 0x09020000:
 * data at +0, big-endian 16-bit selector at +8, big-endian 64-bit DMA
 * address at +16). Used for two files: the kernel command line the test
 * harness passes as "opt/jericho/cmdline" (read byte-wide, in string
 * order), and the boot-module archive "opt/jericho/initrd"
 * (docs/bootpack.md), copied into RAM with one DMA transfer when the device
 * offers DMA, else byte by byte through the data register.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

#define FWCFG_DATA      (VIRT_FWCFG_BASE + 0)
#define FWCFG_SELECTOR  (VIRT_FWCFG_BASE + 8)
#define FWCFG_DMA       (VIRT_FWCFG_BASE + 16)
#define FWCFG_SIGNATURE 0x0000
#define FWCFG_ID        0x0001
#define FWCFG_FILE_DIR  0x0019
#define FWCFG_NAME_LEN  56
#define FWCFG_ID_DMA    0x2u        /* FWCFG_ID feature bit: DMA interface */
#define DMA_CTL_ERROR   0x01u
#define DMA_CTL_READ    0x02u
#define DMA_CTL_SELECT  0x08u
#define DMA_SPINS       (1u << 24)  /* QEMU is done at once; a bound all the same */

static void select_item(uint16_t key)
{
    arm64_mmio_write16(FWCFG_SELECTOR, __builtin_bswap16(key));
}

static void read_bytes(void *dst, unsigned n)
{
    uint8_t *d = dst;
    while (n--)
        *d++ = arm64_mmio_read8(FWCFG_DATA);
}

static uint32_t read_be32(void)
{
    uint8_t b[4];
    read_bytes(b, 4);
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

bool arm64_fwcfg_find(const char *name, uint32_t *size, uint16_t *key)
{
    char sig[4];
    select_item(FWCFG_SIGNATURE);
    read_bytes(sig, 4);
    if (memcmp(sig, "QEMU", 4) != 0)
        return false;
    select_item(FWCFG_FILE_DIR);
    uint32_t count = read_be32();
    for (uint32_t i = 0; i < count && i < 4096; i++) {
        uint8_t e[8];
        char fname[FWCFG_NAME_LEN];
        read_bytes(e, 8);   /* size (be32), select (be16), reserved */
        read_bytes(fname, sizeof fname);
        fname[FWCFG_NAME_LEN - 1] = 0;
        if (strcmp(fname, name) != 0)
            continue;
        *size = (uint32_t)e[0] << 24 | (uint32_t)e[1] << 16 | (uint32_t)e[2] << 8 | e[3];
        *key = (uint16_t)(e[4] << 8 | e[5]);
        return true;
    }
    return false;
}

const char *arm64_fwcfg_read_file(const char *name, char *buf, unsigned n)
{
    uint32_t size;
    uint16_t key;
    if (!n || !arm64_fwcfg_find(name, &size, &key))
        return NULL;
    unsigned len = size < n - 1 ? size : n - 1;
    select_item(key);
    read_bytes(buf, len);
    buf[len] = 0;   /* string= items carry no NUL of their own */
    return buf;
}

/* Clean and invalidate the data cache lines of [p, p+len) to the point of
 * coherency, so that no stale or dirty line hides what a device writes. */
static void dcache_civac(const void *p, uint32_t len)
{
    uint64_t ctr = arm64_sysreg_read(ctr_el0);
    uintptr_t line = 4u << ((ctr >> 16) & 0xf);     /* DminLine: log2 of words */
    for (uintptr_t a = (uintptr_t)p & ~(line - 1); a < (uintptr_t)p + len; a += line)
        __asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
    arm64_dsb_ish();
}

/* One DMA read of len bytes of item key to dst (QEMU docs/specs/fw_cfg:
 * the device reads the big-endian access descriptor at the address written
 * to the DMA register, copies, and clears its control word when done). */
static bool read_dma(uint16_t key, void *dst, uint32_t len)
{
    static volatile struct {
        uint32_t control, length;
        uint64_t address;
    } acc __attribute__((aligned(16)));
    acc.control = __builtin_bswap32((uint32_t)key << 16 | DMA_CTL_SELECT | DMA_CTL_READ);
    acc.length = __builtin_bswap32(len);
    acc.address = __builtin_bswap64((uintptr_t)dst);
    dcache_civac(dst, len);
    dcache_civac((const void *)&acc, sizeof acc);
    *(volatile uint64_t *)FWCFG_DMA = __builtin_bswap64((uintptr_t)&acc);
    arm64_dsb_ish();
    uint32_t ctl, spins = 0;
    do {    /* QEMU completes the transfer inside the register write */
        dcache_civac((const void *)&acc, sizeof acc);
        ctl = __builtin_bswap32(acc.control);
    } while ((ctl & ~DMA_CTL_ERROR) && ++spins < DMA_SPINS);
    dcache_civac(dst, len);
    return ctl == 0;
}

bool arm64_fwcfg_read(uint16_t key, void *dst, uint32_t len)
{
    select_item(FWCFG_ID);
    uint8_t id[4];
    read_bytes(id, 4);          /* little-endian feature bits */
    if (id[0] & FWCFG_ID_DMA)
        return read_dma(key, dst, len);
    select_item(key);
    read_bytes(dst, len);
    return true;
}
