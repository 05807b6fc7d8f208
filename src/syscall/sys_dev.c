/*
 * sys_dev.c - the device system calls (docs/abi.md 4.6): dev_info,
 * dev_read, dev_read64, dev_write, dev_irq_bind, dev_irq_ack, on top of
 * the Device object (kernel/device.h). The checks are made here in the
 * ABI's order first; the object decodes again and performs in one
 * critical section (that decode is the one that counts).
 */
#include "kernel/device.h"
#include "syscall/syscall.h"
#include "wasmtask/wtask.h"

#define I32(x) ((int32_t)(x).i32)

/* Window, width and offset against the device's window: BAD_ARGUMENT,
 * then OUT_OF_BOUNDS (the same checks device.c makes). */
static int32_t check_reg(cap_t c, uint32_t win, uint32_t off, uint32_t width)
{
    const device_t *d = (const device_t *)cap_obj(c);
    if (win >= ARCH_DEV_WINDOWS || d->hw->win[win].kind == ARCH_WIN_NONE ||
        (width != 1 && width != 2 && width != 4 && width != 8) || (off & (width - 1)))
        return -SYS_E_BAD_ARGUMENT;
    uint64_t size = d->hw->win[win].size;
    if (off > size || width > size - off)
        return -SYS_E_OUT_OF_BOUNDS;
    return 0;
}

SYS_DECL(dev_info)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    cap_t c;
    uint8_t *p;
    int32_t rc = sys_cap(w, I32(a[0]), OBJ_DEVICE, SYS_R_READ, &c, NULL);
    if (!rc)
        rc = sys_mem(&v, a[1].i32, SYS_DEVINFO_LEN, &p);
    if (!rc) {
        const arch_device_t *h = ((const device_t *)cap_obj(c))->hw;
        sys_put32(p, h->bus);
        sys_put32(p + 4, (uint32_t)h->device << 16 | h->vendor);
        sys_put32(p + 8, h->class_code);
        sys_put32(p + 12, h->irq != ARCH_IRQ_NONE);
        for (unsigned i = 0; i < ARCH_DEV_WINDOWS; i++) {
            sys_put32(p + 16 + 16 * i, h->win[i].kind);
            sys_put32(p + 20 + 16 * i, 0);
            sys_put64(p + 24 + 16 * i, h->win[i].kind ? h->win[i].size : 0);
        }
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(dev_read)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t slot = I32(a[0]);
    uint32_t win = a[1].i32, off = a[2].i32, width = a[3].i32;
    cap_t c;
    uint64_t val = 0;
    int32_t rc = sys_cap(w, slot, OBJ_DEVICE, SYS_R_READ, &c, NULL);
    if (!rc && width == 8)
        rc = -SYS_E_BAD_ARGUMENT;       /* dev_read64 */
    if (!rc)
        rc = check_reg(c, win, off, width);
    if (!rc)
        rc = sys_err(device_read(wtask_cspace(w), (uint32_t)slot, win, off, width, &val));
    r[0].i64 = rc ? (uint64_t)(int64_t)rc : val;
    return WASM_TRAP_NONE;
}

SYS_DECL(dev_read64)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    int32_t slot = I32(a[0]);
    uint32_t win = a[1].i32, off = a[2].i32;
    cap_t c;
    uint8_t *p;
    uint64_t val = 0;
    int32_t rc = sys_cap(w, slot, OBJ_DEVICE, SYS_R_READ, &c, NULL);
    if (!rc)
        rc = check_reg(c, win, off, 8);
    if (!rc)
        rc = sys_mem(&v, a[3].i32, 8, &p);
    if (!rc)
        rc = sys_err(device_read(wtask_cspace(w), (uint32_t)slot, win, off, 8, &val));
    if (!rc)
        sys_put64(p, val);
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(dev_write)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t slot = I32(a[0]);
    uint32_t win = a[1].i32, off = a[2].i32, width = a[3].i32;
    uint64_t val = a[4].i64;
    cap_t c;
    int32_t rc = sys_cap(w, slot, OBJ_DEVICE, SYS_R_WRITE, &c, NULL);
    if (!rc && width < 8 && (val >> (width * 8)))
        rc = -SYS_E_BAD_ARGUMENT;       /* a value wider than the register */
    if (!rc)
        rc = check_reg(c, win, off, width);
    if (!rc)
        rc = sys_err(device_write(wtask_cspace(w), (uint32_t)slot, win, off, width, val));
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(dev_irq_bind)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t slot = I32(a[0]), nslot = I32(a[1]);
    uint32_t bits = a[2].i32;
    cap_t c;
    int32_t rc = sys_cap(w, slot, OBJ_DEVICE, SYS_R_WRITE, &c, NULL);
    if (!rc && nslot != -1)
        rc = sys_cap(w, nslot, OBJ_NOTIFICATION, SYS_R_WRITE, NULL, NULL);
    if (!rc && ((const device_t *)cap_obj(c))->hw->irq == ARCH_IRQ_NONE)
        rc = -SYS_E_BAD_ARGUMENT;
    if (!rc && nslot != -1 && bits == 0)
        rc = -SYS_E_BAD_ARGUMENT;
    if (!rc)
        rc = sys_err(device_irq_bind(wtask_cspace(w), (uint32_t)slot,
                                     nslot == -1 ? DEVICE_UNBIND : (uint32_t)nslot, bits));
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(dev_irq_ack)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    int32_t slot = I32(a[0]);
    int32_t rc = sys_cap(w, slot, OBJ_DEVICE, SYS_R_WRITE, NULL, NULL);
    if (!rc)
        rc = sys_err(device_irq_ack(wtask_cspace(w), (uint32_t)slot));
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}
