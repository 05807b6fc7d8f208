/*
 * sys_mon.c - the monitor's system calls (docs/abi.md 4.8): mon_modules,
 * mon_tasks, mon_caps, mon_mem. Each needs a MONITOR capability with r;
 * each decodes the slot, the count and the caller's buffer (64-bit sums)
 * with no side effect, then fills the buffer from one walk the kernel
 * makes in a critical section (kernel/monitor.h), so a task that ends
 * while it is listed is listed whole or not at all.
 */
#include "boot/modules.h"
#include "kernel/monitor.h"
#include "syscall/syscall.h"
#include "klib.h"

#define I32(x) ((int32_t)(x).i32)

/* The common decode: the capability, the count, the buffer. */
static int32_t decode(wasm_exec_t *ex, const wasm_val_t *slot, uint32_t ptr, uint32_t n,
                      uint32_t recsize, uint8_t **out)
{
    sys_mem_t v = sys_memview(ex);
    int32_t rc = sys_cap(sys_self(ex), I32(*slot), OBJ_MONITOR, SYS_R_READ, NULL, NULL);
    if (!rc && n > MONITOR_MAX_RECORDS)
        rc = -SYS_E_BAD_ARGUMENT;
    if (!rc)
        rc = sys_mem(&v, ptr, (uint64_t)n * recsize, out);
    return rc;
}

static void put_name(uint8_t *p, const char *s, size_t cap)
{
    memset(p, 0, cap);
    size_t n = strlen(s);
    memcpy(p, s, n < cap - 1 ? n : cap - 1);
}

SYS_DECL(mon_modules)
{
    (void)env;
    uint32_t n = a[2].i32;
    uint8_t *p;
    int32_t rc = decode(ex, &a[0], a[1].i32, n, SYS_MODREC_LEN, &p);
    if (!rc) {
        uint32_t k = 0;
        for (int s = 0; s < BOOTMOD_NSETS; s++) {
            uint32_t cnt;
            const bootmod_t *m = bootmod_set((bootmod_set_t)s, &cnt);
            for (uint32_t i = 0; i < cnt; i++, k++) {
                if (k >= n || !p)       /* p is NULL only when n is 0 */
                    continue;
                uint8_t *q = p + (size_t)k * SYS_MODREC_LEN;
                sys_put32(q, (uint32_t)s);
                sys_put32(q + 4, m[i].autostart);
                sys_put32(q + 8, m[i].ncaps);
                sys_put32(q + 12, m[i].wasm_len);
                put_name(q + 16, m[i].name, 32);
            }
        }
        rc = (int32_t)k;
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

typedef struct {
    uint8_t *p;
    uint32_t n;
} fill_t;

static bool put_task(void *ctx, uint32_t i, const monitor_task_t *t)
{
    fill_t *f = ctx;
    if (i >= f->n || !f->p)
        return false;
    uint8_t *q = f->p + (size_t)i * SYS_TASKREC_LEN;
    sys_put64(q, t->id);
    sys_put32(q + 8, t->state);
    sys_put32(q + 12, t->prio);
    sys_put64(q + 16, t->cpu_ns);
    sys_put64(q + 24, t->quota_used);
    sys_put64(q + 32, t->quota_limit);
    sys_put32(q + 40, t->accounted ? SYS_TASK_ACCOUNTED : 0);
    sys_put32(q + 44, 0);
    put_name(q + 48, t->name, 16);
    return true;
}

SYS_DECL(mon_tasks)
{
    (void)env;
    fill_t f = {NULL, a[2].i32};
    int32_t rc = decode(ex, &a[0], a[1].i32, f.n, SYS_TASKREC_LEN, &f.p);
    if (!rc)
        rc = (int32_t)monitor_tasks(put_task, &f);
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

static void put_cap(void *ctx, uint32_t i, const monitor_cap_t *c)
{
    fill_t *f = ctx;
    if (i >= f->n || !f->p)
        return;
    uint8_t *q = f->p + (size_t)i * SYS_CAPREC_LEN;
    sys_put32(q, c->slot);
    sys_put32(q + 4, sys_type_code(c->type));
    sys_put32(q + 8, sys_rights_from_kernel(c->type, c->rights));
    sys_put32(q + 12, 0);
    sys_put64(q + 16, c->badge);
}

SYS_DECL(mon_caps)
{
    (void)env;
    uint64_t id = a[1].i64;
    fill_t f = {NULL, a[3].i32};
    uint32_t count = 0;
    int32_t rc = decode(ex, &a[0], a[2].i32, f.n, SYS_CAPREC_LEN, &f.p);
    if (!rc && !monitor_caps(id, CNODE_MAX_SLOTS, put_cap, &f, &count))
        rc = -SYS_E_NOT_FOUND;
    if (!rc)
        rc = (int32_t)count;
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(mon_mem)
{
    (void)env;
    uint8_t *q;
    int32_t rc = decode(ex, &a[0], a[1].i32, 1, SYS_MEMREC_LEN, &q);
    if (!rc) {
        monitor_mem_t m;
        monitor_mem(&m);
        sys_put64(q, m.ram_bytes);
        sys_put64(q + 8, m.free_bytes);
        sys_put64(q + 16, m.heap_bytes);
        sys_put64(q + 24, m.pinned_bytes);
        sys_put64(q + 32, m.uptime_ns);
        sys_put32(q + 40, m.ntasks);
        sys_put32(q + 44, 0);
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}
