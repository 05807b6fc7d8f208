/*
 * ksyms.c - code addresses as "function+0xoff/0xsize", from the symbol
 * table linked into the image (tools/ksyms.py, docs/debugging.md), and the
 * frame-pointer backtrace that panics and kernel faults print.
 *
 * The kernel is built with frame pointers; on both x86-64 and arm64 a
 * frame record is {previous frame pointer, return address}, so one walk
 * serves both. It reads a record only where arch_mapped says the memory
 * is there, and stops at a NULL, misaligned or non-increasing pointer, so
 * it is safe on a corrupt stack (it runs inside fault handlers).
 */
#include "klib.h"
#include "hal.h"
#include "klib/ksyms_table.h"

#define BACKTRACE_MAX 24

const char *ksym_find(uintptr_t addr, uintptr_t *off, uintptr_t *size)
{
    if (!ksym_count || addr < ksym_base)
        return NULL;
    uint64_t a = addr - ksym_base;
    uint32_t lo = 0, hi = ksym_count;  /* the last entry with off <= a */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ksym_off[mid] <= a)
            lo = mid;
        else
            hi = mid;
    }
    if (a < ksym_off[lo] || a >= ksym_off[lo + 1])
        return NULL;
    if (off)
        *off = a - ksym_off[lo];
    if (size)
        *size = ksym_off[lo + 1] - ksym_off[lo];
    return ksym_names + ksym_name[lo];
}

/* "#n ADDR name+0xoff/0xsize" (a return address is looked up one byte
 * back: the call, not what follows it, which may be another function). */
static void print_frame(int n, const char *what, uintptr_t addr, bool ret)
{
    uintptr_t off = 0, size = 0;
    const char *name = ksym_find(ret ? addr - 1 : addr, &off, &size);
    if (ret)
        off++;
    kprintf("    #%-2d %s %p", n, what, (void *)addr);
    if (name)
        kprintf(" %s+0x%lx/0x%lx\n", name, (unsigned long)off, (unsigned long)size);
    else
        kprintf(" ?\n");
}

static bool same_function(uintptr_t a, uintptr_t b)
{
    const char *na = ksym_find(a, NULL, NULL), *nb = ksym_find(b, NULL, NULL);
    return na && na == nb;
}

void kbacktrace(uintptr_t pc, uintptr_t fp, uintptr_t ret0)
{
    kprintf("  backtrace:\n");
    int n = 0;
    if (pc)
        print_frame(n++, "pc", pc, false);
    /* A leaf function has no frame record of its own: show the return
     * address the arch found for it, unless it is in the same function. */
    uintptr_t lr = ret0;
    if (lr && !(pc && same_function(pc, lr - 1)))
        print_frame(n++, "ret", lr, true);
    else
        lr = 0;
    for (int depth = 0; fp && depth < BACKTRACE_MAX; depth++) {
        if ((fp & 7) || !arch_mapped(fp) || !arch_mapped(fp + 15))
            break;
        const uintptr_t *rec = (const uintptr_t *)fp;
        uintptr_t ret = rec[1], next = rec[0];
        if (!ret)
            break;
        if (ret != lr)      /* not the frame the ret line showed already */
            print_frame(n++, "   ", ret, true);
        lr = 0;
        if (next <= fp)
            break;
        fp = next;
    }
}
