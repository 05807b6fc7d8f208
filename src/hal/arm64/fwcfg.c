/*
 * fwcfg.c - QEMU's fw_cfg device on the virt board (MMIO at 0x09020000:
 * data at +0, big-endian 16-bit selector at +8). Used for one thing: the
 * kernel command line the test harness passes as the file
 * "opt/jericho/cmdline". Reads are byte-wide, in string order.
 */
#include "hal.h"
#include "klib.h"
#include "arm64.h"

#define FWCFG_DATA      (VIRT_FWCFG_BASE + 0)
#define FWCFG_SELECTOR  (VIRT_FWCFG_BASE + 8)
#define FWCFG_SIGNATURE 0x0000
#define FWCFG_FILE_DIR  0x0019
#define FWCFG_NAME_LEN  56

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

const char *arm64_fwcfg_read_file(const char *name, char *buf, unsigned n)
{
    char sig[4];
    if (!n)
        return NULL;
    select_item(FWCFG_SIGNATURE);
    read_bytes(sig, 4);
    if (memcmp(sig, "QEMU", 4) != 0)
        return NULL;
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
        uint32_t size = (uint32_t)e[0] << 24 | (uint32_t)e[1] << 16 | (uint32_t)e[2] << 8 | e[3];
        uint16_t key = (uint16_t)(e[4] << 8 | e[5]);
        unsigned len = size < n - 1 ? size : n - 1;
        select_item(key);
        read_bytes(buf, len);
        buf[len] = 0;   /* string= items carry no NUL of their own */
        return buf;
    }
    return NULL;
}
