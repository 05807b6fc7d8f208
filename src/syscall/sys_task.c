/*
 * sys_task.c - system calls of the console, the clock and tasks:
 * console_write, clock_now, sleep, yield, exit, task_spawn, task_kill
 * (docs/abi.md 4.1, 4.5). Each decodes everything first (slots, plain
 * arguments, memory ranges, in the ABI's order), then acts.
 */
#include "boot/modules.h"
#include "hal.h"
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "kernel/sched.h"
#include "syscall/syscall.h"
#include "wasmtask/wtask.h"
#include "klib.h"

#define I32(x) ((int32_t)(x).i32)

SYS_DECL(console_write)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    uint32_t ptr = a[1].i32, len = a[2].i32;
    uint8_t *p;
    int32_t rc = sys_cap(w, I32(a[0]), OBJ_CONSOLE, SYS_R_WRITE, NULL, NULL);
    if (!rc && len > SYS_MSG_MAX)
        rc = -SYS_E_TOO_LONG;
    if (!rc)
        rc = sys_mem(&v, ptr, len, &p);
    if (!rc) {
        wtask_console(w, p, len);
        rc = (int32_t)len;
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(clock_now)
{
    (void)env;
    int32_t rc = sys_cap(sys_self(ex), I32(a[0]), OBJ_CLOCK, SYS_R_READ, NULL, NULL);
    r[0].i64 = rc ? (uint64_t)(int64_t)rc : arch_time_ns();
    return WASM_TRAP_NONE;
}

SYS_DECL(sleep)
{
    (void)env;
    int64_t ns = (int64_t)a[1].i64;
    int32_t rc = sys_cap(sys_self(ex), I32(a[0]), OBJ_CLOCK, SYS_R_READ, NULL, NULL);
    if (!rc && ns < 0)
        rc = -SYS_E_BAD_ARGUMENT;
    if (!rc) {
        if (ns == 0) {
            sched_yield();
        } else {
            uint64_t now = arch_time_ns();
            uint64_t until = now + (uint64_t)ns < now ? UINT64_MAX : now + (uint64_t)ns;
            sched_sleep_until(until);
        }
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(yield)
{
    (void)ex, (void)env, (void)a, (void)r;
    sched_yield();
    return WASM_TRAP_NONE;
}

SYS_DECL(exit)
{
    (void)env, (void)r;
    sys_self(ex)->exit_code = I32(a[0]);
    return WASM_TRAP_HOST;      /* wtask_main reports "exited with code N" */
}

SYS_DECL(task_kill)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    cap_t c;
    int32_t rc = sys_cap(w, I32(a[0]), OBJ_TASK, SYS_R_WRITE, &c, NULL);
    if (!rc) {
        task_t *t = (task_t *)cap_obj(c);
        wtask_t *victim = wtask_of(t);
        char why[64];
        ksnprintf(why, sizeof why, "by task %s", w->name);
        if (victim)
            wtask_kill(victim, why);
        else
            task_kill(t, -1);
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

/* ---- task_spawn ------------------------------------------------------------- */

static int32_t lowest_free(cnode_t *cn)
{
    for (uint32_t i = 0; i < SYS_SLOTS && i < cn->nslots; i++)
        if (cap_is_null(cn->slots[i].cap))
            return (int32_t)i;
    return -1;
}

SYS_DECL(task_spawn)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    task_t *self = w->task;
    uint32_t name_ptr = a[1].i32, name_len = a[2].i32, caps_ptr = a[3].i32;
    uint32_t ncaps = a[4].i32, prio = a[5].i32;
    cap_t sc;
    uint8_t *name_p, *caps_p;
    int32_t rc = sys_cap(w, I32(a[0]), OBJ_QUOTA, SYS_R_WRITE, &sc, NULL);
    if (!rc && (ncaps > SYS_SLOTS || prio < 1 || prio > TASK_PRIO_MAX || name_len == 0 ||
                name_len > 31))
        rc = -SYS_E_BAD_ARGUMENT;
    if (!rc && prio > self->prio)
        rc = -SYS_E_NO_RIGHTS;
    if (!rc)
        rc = sys_mem(&v, name_ptr, name_len, &name_p);
    if (!rc)
        rc = sys_mem(&v, caps_ptr, (uint64_t)ncaps * 4, &caps_p);
    int32_t slots[SYS_SLOTS];
    for (uint32_t i = 0; !rc && i < ncaps; i++) {
        slots[i] = (int32_t)sys_get32(caps_p + 4 * i);
        if (slots[i] != -1)
            rc = sys_cap(w, slots[i], OBJ_NONE, 0, NULL, NULL);
    }
    char name[32];
    const bootmod_t *img = NULL;
    if (!rc) {
        memcpy(name, name_p, name_len);
        name[name_len] = 0;
        if (strlen(name) != name_len || !(img = bootmod_find(name)))
            rc = -SYS_E_NOT_FOUND;
    }
    int32_t tslot = -1;
    if (!rc && (tslot = lowest_free(wtask_cspace(w))) < 0)
        rc = -SYS_E_SLOT_OCCUPIED;
    wtask_t *child = NULL;
    /* From here on the caller must not be killed half-way (a created but
     * never released child would never be freed): interrupts stay off
     * until the child is started or refused. */
    kcrit_t crit = kcrit_enter();
    if (!rc) {
        char err[128];
        kerr_t e = wtask_create(name, img->wasm, img->wasm_len, prio, (quota_t *)cap_obj(sc),
                                err, sizeof err, &child);
        if (e == KERR_INVALID_ARG) {
            wtask_kline("task %s failed to start: %s", name, err);
            rc = -SYS_E_BAD_MODULE;
        } else if (e) {
            rc = sys_err(e);
        }
    }
    if (!rc) {
        /* Everything is decoded: these cannot fail (slots checked, the new
         * CSpace empty) but say so loudly if the kernel disagrees. */
        cnode_t *mine = wtask_cspace(w), *theirs = wtask_cspace(child);
        for (uint32_t i = 0; i < ncaps; i++)
            if (slots[i] != -1) {
                kerr_t e = cap_copy(mine, (uint32_t)slots[i], theirs, i, CAP_R_ALL);
                if (e)
                    kprintf("task_spawn: copying slot %d: %s\n", slots[i], kerr_name(e));
            }
        kerr_t e = cap_install(mine, (uint32_t)tslot, &child->task->obj,
                               sys_rights_to_kernel(OBJ_TASK, SYS_R_READ | SYS_R_WRITE), 0);
        if (e)
            kprintf("task_spawn: installing the task capability: %s\n", kerr_name(e));
        wtask_set_budget(child, img->cpu_budget_ms);
        wtask_release(child);
        e = wtask_start(child);
        rc = e ? sys_err(e) : tslot;
    }
    kcrit_leave(crit);
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}
