/*
 * fwcfg.c - QEMU's firmware configuration device (I/O ports 0x510
 * selector, 0x511 data; no DMA): finds the file "opt/jericho/cmdline"
 * that `-fw_cfg name=opt/jericho/cmdline,string=...` creates and returns
 * its contents as the kernel command line.
 */
#include "klib.h"
#include "x86.h"

#define FW_CFG_SEL  0x510
#define FW_CFG_DATA 0x511
#define FW_CFG_SIGNATURE 0x0000
#define FW_CFG_FILE_DIR  0x0019
#define CMDLINE_FILE "opt/jericho/cmdline"

static char cmdline[1024];

static void read_bytes(void *dst, uint32_t n)
{
    uint8_t *p = dst;
    while (n--)
        *p++ = x86_inb(FW_CFG_DATA);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

const char *x86_fwcfg_cmdline(void)
{
    char sig[4];
    x86_outw(FW_CFG_SEL, FW_CFG_SIGNATURE);
    read_bytes(sig, 4);
    if (memcmp(sig, "QEMU", 4) != 0)
        return NULL;

    uint8_t b[4];
    x86_outw(FW_CFG_SEL, FW_CFG_FILE_DIR);
    read_bytes(b, 4);
    uint32_t count = be32(b);
    for (uint32_t i = 0; i < count && i < 4096; i++) {
        struct { uint8_t size[4], select[2], reserved[2]; char name[56]; } f;
        read_bytes(&f, sizeof f);
        f.name[55] = 0;
        if (strcmp(f.name, CMDLINE_FILE) != 0)
            continue;
        uint32_t size = be32(f.size);
        uint16_t sel = (uint16_t)(f.select[0] << 8 | f.select[1]);
        if (size >= sizeof cmdline) {
            kprintf("fw_cfg: %s is %u bytes, keeping the first %zu\n", CMDLINE_FILE, size,
                    sizeof cmdline - 1);
            size = sizeof cmdline - 1;
        }
        x86_outw(FW_CFG_SEL, sel);
        read_bytes(cmdline, size);
        cmdline[size] = 0;
        return cmdline;
    }
    return NULL;
}
