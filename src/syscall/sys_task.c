/*
 * sys_task.c - system calls of the console, the clock and tasks:
 * console_write, clock_now, sleep, yield, exit, task_spawn,
 * task_spawn_args, task_kill (docs/abi.md 4.1, 4.5). Each decodes everything first (slots, plain
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
#include "mm.h"

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

/* Decode and kill in one critical section: the capability cannot be
 * deleted between the check and the kill, so the task it names is alive
 * (a capability keeps its object; a dead task is simply not killed). */
SYS_DECL(task_kill)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    char why[sizeof w->task->kill_why];
    ksnprintf(why, sizeof why, "by task %s", w->name);
    cap_t c;
    kcrit_t s = kcrit_enter();
    int32_t rc = sys_cap(w, I32(a[0]), OBJ_TASK, SYS_R_WRITE, &c, NULL);
    if (!rc)
        task_kill((task_t *)cap_obj(c), -1, why);
    kcrit_leave(s);
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

/* ---- task_spawn ------------------------------------------------------------- */

void (*sys_spawn_window_hook)(wtask_t *caller);

static int32_t lowest_free(cnode_t *cn)
{
    for (uint32_t i = 0; i < cn->nslots; i++)
        if (cap_is_null(cn->slots[i].cap))
            return (int32_t)i;
    return -1;
}

/* What task_spawn acts on, decoded from the caller's CSpace and memory. */
typedef struct {
    quota_t *quota;                 /* the spawn capability's */
    uint32_t ncaps;
    int32_t slots[SYS_SLOTS];       /* to copy into the child's slot i; -1: none */
    int32_t tslot;                  /* where the child's task capability goes */
} spawn_args_t;

/* Decode the capabilities of sa (its slot list already read from the
 * caller's memory; no side effect): the spawn capability, each slot to
 * pass, a free slot for the task capability. Run twice: before the module
 * is compiled (to fail early) and again, in the critical section that
 * performs, on the state it acts on. */
static int32_t decode_caps(wtask_t *w, int32_t spawn_slot, spawn_args_t *sa)
{
    cap_t sc;
    int32_t rc = sys_cap(w, spawn_slot, OBJ_QUOTA, SYS_R_WRITE, &sc, NULL);
    if (rc)
        return rc;
    sa->quota = (quota_t *)cap_obj(sc);
    for (uint32_t i = 0; i < sa->ncaps; i++)
        if (sa->slots[i] != -1 && (rc = sys_cap(w, sa->slots[i], OBJ_NONE, 0, NULL, NULL)))
            return rc;
    if ((sa->tslot = lowest_free(wtask_cspace(w))) < 0)
        return -SYS_E_SLOT_OCCUPIED;
    return 0;
}

/* Give the child its capabilities and start it: cannot fail once
 * decode_caps passed in the same critical section (the child's CSpace is
 * empty, every slot was checked), but says so loudly if the kernel
 * disagrees. */
static int32_t perform(wtask_t *w, wtask_t *child, const spawn_args_t *sa, uint32_t budget_ms)
{
    cnode_t *mine = wtask_cspace(w), *theirs = wtask_cspace(child);
    for (uint32_t i = 0; i < sa->ncaps; i++)
        if (sa->slots[i] != -1) {
            kerr_t e = cap_copy(mine, (uint32_t)sa->slots[i], theirs, i, CAP_R_ALL);
            if (e)
                kprintf("task_spawn: copying slot %d: %s\n", sa->slots[i], kerr_name(e));
        }
    kerr_t e = cap_install(mine, (uint32_t)sa->tslot, &child->task->obj,
                           sys_rights_to_kernel(OBJ_TASK, SYS_R_READ | SYS_R_WRITE), 0);
    if (e)
        kprintf("task_spawn: installing the task capability: %s\n", kerr_name(e));
    wtask_set_budget(child, budget_ms);
    wtask_release(child);
    e = wtask_start(child);
    return e ? sys_err(e) : sa->tslot;
}

/* A child made but not given out (the second decode failed, or the
 * spawner was killed meanwhile): it never ran, ends at once, quietly. */
static void discard(wtask_t *child)
{
    child->ended = true;            /* no end line: it never existed for anyone */
    task_kill(child->task, -1, NULL);
    wtask_release(child);
}

/* Decode everything (quickly, to fail early), compile the module for the
 * child with interrupts on and preemptible (the quota is referenced: the
 * spawn capability may go meanwhile), then decode the capabilities again
 * and perform in one critical section, so the child gets exactly the
 * capabilities the caller holds at that moment or nothing is done. */
/* The argument words of task_spawn_args: [p, p+len) is words each ended
 * by a NUL, at most SYS_ARGS_WORDS of them (len 0: none). */
static bool args_ok(const uint8_t *p, uint32_t len)
{
    uint32_t words = 0;
    for (uint32_t i = 0; i < len; i++)
        words += p[i] == 0;
    return len == 0 || (p[len - 1] == 0 && words <= SYS_ARGS_WORDS);
}

/* task_spawn and task_spawn_args: a[0..5] as task_spawn's; with_args:
 * a[6], a[7] are the argument words (docs/abi.md 4.5). */
static void spawn(wasm_exec_t *ex, const wasm_val_t *a, wasm_val_t *r, bool with_args)
{
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    task_t *self = w->task;
    int32_t spawn_slot = I32(a[0]);
    uint32_t name_ptr = a[1].i32, name_len = a[2].i32, caps_ptr = a[3].i32;
    uint32_t ncaps = a[4].i32, prio = a[5].i32;
    uint32_t args_ptr = with_args ? a[6].i32 : 0, args_len = with_args ? a[7].i32 : 0;
    uint8_t *name_p = NULL, *caps_p = NULL, *args_p = NULL;
    spawn_args_t sa;
    sa.ncaps = ncaps;
    int32_t rc = sys_cap(w, spawn_slot, OBJ_QUOTA, SYS_R_WRITE, NULL, NULL);
    if (!rc && (ncaps > SYS_SLOTS || prio < 1 || prio > TASK_PRIO_MAX || name_len == 0 ||
                name_len > 31 || args_len > SYS_ARGS_MAX))
        rc = -SYS_E_BAD_ARGUMENT;
    if (!rc && prio > self->prio)
        rc = -SYS_E_NO_RIGHTS;
    if (!rc)
        rc = sys_mem(&v, name_ptr, name_len, &name_p);
    if (!rc)
        rc = sys_mem(&v, caps_ptr, (uint64_t)ncaps * 4, &caps_p);
    if (!rc)
        rc = sys_mem(&v, args_ptr, args_len, &args_p);
    if (!rc && !args_ok(args_p, args_len))
        rc = -SYS_E_BAD_ARGUMENT;
    for (uint32_t i = 0; !rc && caps_p && i < ncaps; i++)   /* caps_p is NULL only if ncaps is 0 */
        sa.slots[i] = (int32_t)sys_get32(caps_p + 4 * i);
    if (!rc)
        rc = decode_caps(w, spawn_slot, &sa);
    char name[32];
    const bootmod_t *img = NULL;
    if (!rc) {
        memcpy(name, name_p, name_len);
        name[name_len] = 0;
        if (strlen(name) != name_len || !(img = bootmod_find(name)))
            rc = -SYS_E_NOT_FOUND;
    }
    char *args = NULL;
    if (!rc && args_len && !(args = kmalloc(args_len)))
        rc = -SYS_E_NO_MEMORY;
    if (rc) {
        r[0].i32 = (uint32_t)rc;
        return;
    }
    if (args)
        memcpy(args, args_p, args_len);
    /* The caller's memory is not read after this point: the slot list is
     * in sa, the words in args, the child's module comes from the registry. */
    quota_t *q = sa.quota;
    kobj_ref(&q->obj);
    char err[128];
    wtask_t *child = NULL;
    kerr_t e = wtask_create(name, img->wasm, img->wasm_len, prio, q, err, sizeof err, &child);
    if (e == KERR_INVALID_ARG) {
        wtask_kline_of(0, w->origin, "task %s failed to start: %s", name, err);
        rc = -SYS_E_BAD_MODULE;
    } else if (e) {
        rc = sys_err(e);
    } else {
        wtask_adopt(child, w);      /* its lines are those of w's lineage */
        wtask_set_args(child, args, args_len);      /* the child's now */
        args = NULL;
    }
    if (!rc && sys_spawn_window_hook)
        sys_spawn_window_hook(w);
    if (!rc) {
        kcrit_t s = kcrit_enter();
        spawn_args_t now = sa;
        rc = decode_caps(w, spawn_slot, &now);
        if (!rc && now.quota != q)
            rc = -SYS_E_DESTROYED;      /* the spawn capability now names another quota */
        if (!rc && task_kill_posted())
            rc = -SYS_E_DESTROYED;      /* we are dying: give nothing out */
        if (!rc)
            rc = perform(w, child, &now, img->cpu_budget_ms);
        else
            discard(child);
        kcrit_leave(s);
    }
    kobj_unref(&q->obj);
    kfree(args);
    r[0].i32 = (uint32_t)rc;
}

SYS_DECL(task_spawn)
{
    (void)env;
    spawn(ex, a, r, false);
    return WASM_TRAP_NONE;
}

SYS_DECL(task_spawn_args)
{
    (void)env;
    spawn(ex, a, r, true);
    return WASM_TRAP_NONE;
}
