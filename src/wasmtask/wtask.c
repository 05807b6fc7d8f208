/*
 * wtask.c - a kernel task that runs a wasm module: creation (decode and
 * bind imports before anything exists), the task body (instantiate, call
 * `_start`, report how it ended), kills from outside, and the reaper that
 * frees the engine objects of ended tasks.
 *
 * Preemption: the interpreter runs on the task's kernel stack with
 * interrupts enabled, so the timer tick preempts it like any kernel thread
 * (sched_tick switches in the interrupt; the context switch saves the
 * FP/SIMD state the interpreter uses). No yield points are needed and a
 * loop without calls is preempted as surely as anything else. A task
 * suspended by wasm_exec_request_yield (nobody requests it today) is
 * resumed after a sched_yield.
 *
 * Kills (include/kernel/task.h): a kill posted to the task asks its exec
 * to abort (the on_kill hook); the interpreter stops at its next poll
 * point (a taken branch, a call, the return of a system call) with
 * WASM_TRAP_ABORTED, every call unwinds normally, and wtask_main ends the
 * task with the line `task NAME killed: WHY`. A blocked system call is
 * woken with DESTROYED first. Nothing is abandoned half-way, so nothing
 * here needs interrupts off to be safe from a kill.
 *
 * Lifetime: the creator (runner, task_spawn) holds a wtask until
 * wtask_release; the engine objects are freed by wtask_reap once the task
 * is dead and released, never while it runs.
 */
#include <stdarg.h>

#include "kernel/crit.h"
#include "kernel/sched.h"
#include "syscall/syscall.h"
#include "wasmtask/wtask.h"
#include "klib.h"
#include "mm.h"

static wtask_t *all;
static uint32_t last_id;            /* ids given so far */

static void free_engine(wtask_t *w)
{
    if (w->inst)
        wasm_instance_free(w->inst);
    if (w->exec)
        wasm_exec_free(w->exec);
    if (w->module)
        wasm_module_free(w->module);
    kfree(w->imports);
    kfree(w->ext);
    w->ext = NULL;
    w->inst = NULL;
    w->exec = NULL;
    w->module = NULL;
    w->imports = NULL;
}

/* Why a killed task ended: the reason its killer gave, or the kernel. */
static const char *kill_reason(const task_t *t)
{
    return t->kill_why[0] ? t->kill_why : "by the kernel";
}

/* The wasm call stack of the trap that just ended w's call, as lines
 * (wasm.h: wasm_frame_format), innermost first, at most the frames the
 * engine keeps and a last line "... N more"; formatted before the
 * lines are printed with interrupts off (names come from the module). */
#define BT_LINE 112
typedef struct {
    uint32_t n;
    char line[WASM_BACKTRACE_MAX + 1][BT_LINE];
} backtrace_t;

static void backtrace_of(wtask_t *w, backtrace_t *bt)
{
    wasm_frame_t fr[WASM_BACKTRACE_MAX];
    uint32_t depth = w->exec ? wasm_exec_backtrace(w->exec, fr, WASM_BACKTRACE_MAX) : 0;
    uint32_t shown = depth < WASM_BACKTRACE_MAX ? depth : WASM_BACKTRACE_MAX;
    for (bt->n = 0; bt->n < shown; bt->n++)
        wasm_frame_format(&fr[bt->n], bt->n == 0, bt->line[bt->n], BT_LINE);
    if (depth > shown)
        ksnprintf(bt->line[bt->n++], BT_LINE, "... %u more", depth - shown);
}

/* End the current task (w) with the kernel line "task NAME <how>", or
 * "task NAME killed: WHY" if a kill was posted (however the code ended:
 * the exit code is the kill's too, task_exit); after a trap (bt not
 * NULL) the lines of its call stack follow. */
__attribute__((noreturn))
static void end_with(wtask_t *w, int code, const backtrace_t *bt, const char *how)
{
    arch_irq_disable();             /* the lines and the end are one step */
    if (!w->ended) {
        w->ended = true;
        wtask_flush(w);
        if (w->task->kill_pending) {
            wtask_kline_of(w->id, w->origin, "task %s killed: %s", w->name,
                           kill_reason(w->task));
        } else {
            wtask_kline_of(w->id, w->origin, "task %s %s", w->name, how);
            for (uint32_t i = 0; bt && i < bt->n; i++)
                wtask_kline_of(w->id, w->origin, "    %s", bt->line[i]);
        }
    }
    task_exit(code);
}

__attribute__((noreturn, format(printf, 3, 4)))
static void finish(wtask_t *w, int code, const char *fmt, ...)
{
    char how[160];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(how, sizeof how, fmt, ap);
    va_end(ap);
    end_with(w, code, NULL, how);
}

/* The end after a trap: "task NAME trapped: MESSAGE" and where. */
__attribute__((noreturn))
static void finish_trapped(wtask_t *w, wasm_trap_t trap)
{
    backtrace_t bt;
    char how[160];
    backtrace_of(w, &bt);
    ksnprintf(how, sizeof how, "trapped: %s", wasm_trap_message(trap));
    end_with(w, -1, &bt, how);
}

/* on_kill hook (task.h), interrupts off: stop the interpreter at its
 * next poll point. */
static void on_kill(task_t *t)
{
    wtask_t *w = t->user;
    if (w && w->exec)
        wasm_exec_request_abort(w->exec);
}

/* Why an allocation failed: the heap, or the task's quota (the bytes it
 * asked for and the quota's size: both fixed for a module, so the line
 * can be expected word for word). */
static const char *oom_text(wtask_t *w, char *buf, size_t len)
{
    quota_t *q = w->task->quota;
    if (!w->quota_refused || !q)
        return "out of memory";
    ksnprintf(buf, len, "quota exceeded (%llu KiB more asked of a %llu KiB quota)",
              (unsigned long long)(w->quota_refused + 1023) / 1024,
              (unsigned long long)q->limit / 1024);
    return buf;
}

/* Every engine block made here is stored into w as it is allocated (the
 * exec, the instance by wasm_instantiate_slot), so the reaper frees
 * exactly what exists. A kill posted before the exec exists is seen by
 * the check after it; one posted later aborts the exec (on_kill). */
static void wtask_main(void *arg)
{
    wtask_t *w = arg;
    char err[128], why[96];
    err[0] = 0;
    w->quota_refused = 0;
    w->exec = wasm_exec_new(WTASK_STACK_BYTES, WTASK_MAX_DEPTH);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);    /* stored before the check */
    if (task_kill_posted())
        finish(w, -1, "killed");
    if (!w->exec)
        finish(w, -1, "failed to start: %s", oom_text(w, why, sizeof why));
    wasm_exec_set_user(w->exec, w);  /* sys_self: the task, read without a call */
    wasm_config_t cfg = {WTASK_MAX_PAGES, 0, WTASK_MAX_DEPTH};
    wasm_trap_t trap = WASM_TRAP_NONE;
    w->start_ns = arch_time_ns();   /* a start function counts too */
    if (!w->start_ns)
        w->start_ns = 1;
    w->quota_refused = 0;
    wasm_instance_t *inst = wasm_instantiate_slot(&w->inst, w->module, w->ext, w->nimports,
                                                  &cfg, w, w->exec, &trap, err, sizeof err);
    if (!inst) {
        if (trap == WASM_TRAP_HOST)
            finish(w, w->exit_code, "exited with code %d", w->exit_code);
        if (trap != WASM_TRAP_NONE)
            finish_trapped(w, trap);
        if (task_kill_posted())
            finish(w, -1, "killed");
        if (strcmp(err, "out of memory") == 0)
            finish(w, -1, "failed to start: %s", oom_text(w, why, sizeof why));
        finish(w, -1, "failed to start: %s", err);
    }
    wasm_extern_t x;
    const wasm_functype_t *ft;
    if (!wasm_instance_export(inst, "_start", &x))
        finish(w, -1, "failed to start: no export _start");
    if (x.kind != WASM_EXTERN_FUNC || (ft = wasm_func_type(x.u.func))->nparams || ft->nresults)
        finish(w, -1, "failed to start: _start is not a function of type [] -> []");
    wasm_status_t st = wasm_exec_call(w->exec, x.u.func, NULL, 0);
    while (st == WASM_SUSPENDED) {
        sched_yield();
        st = wasm_exec_resume(w->exec);
    }
    if (st == WASM_OK)
        finish(w, 0, "exited with code 0");
    trap = wasm_exec_trap(w->exec);
    if (trap == WASM_TRAP_HOST)
        finish(w, w->exit_code, "exited with code %d", w->exit_code);
    finish_trapped(w, trap);
}

static kerr_t create(const char *name, wasm_module_t *m, unsigned prio, quota_t *q, char *err,
                     size_t errlen, wtask_t **out);

kerr_t wtask_create(const char *name, const uint8_t *bytes, size_t len, unsigned prio,
                    quota_t *q, char *err, size_t errlen, wtask_t **out)
{
    /* The module is the task's: charged to q. It is decoded and
     * validated here, in the creator, with interrupts on (preemptible; a
     * kill posted to the creator takes effect after, at its next safe
     * point). Its functions are compiled by the task itself, each on its
     * first call (charged to the task's quota; with interrupts on, so
     * preemptible; a kill posted meanwhile takes effect at the poll right
     * after; out of memory there traps the task alone:
     * src/selftest/test_lazy.c). */
    wasm_rt_charge_to(q);
    /* a boot module's manifest may restrict its features (features:) */
    const bootmod_t *mf = bootmod_find(name);
    wasm_module_t *m = wasm_module_new_features(bytes, len, mf ? mf->features : WASM_FEATURES_ALL,
                                                err, errlen);
    if (m && !wasm_module_compile_lazy(m, err, errlen)) {
        wasm_module_free(m);
        m = NULL;
    }
    bool refused = wasm_rt_charge_refused();
    /* syscall_lookup makes each host function once, for every task */
    wasm_rt_charge_to(NULL);
    kerr_t e = create(name, m, prio, q, err, errlen, out);
    wasm_rt_charge_end();
    if (e == KERR_INVALID_ARG && refused) {
        ksnprintf(err, errlen, "quota exceeded (the module)");
        return KERR_QUOTA;
    }
    if (e == KERR_INVALID_ARG && !m && strcmp(err, "out of memory") == 0)
        return KERR_NO_MEMORY;      /* the heap, not the module, said no */
    return e;
}

/* wtask_create after the module: imports, the task, the list. */
static kerr_t create(const char *name, wasm_module_t *m, unsigned prio, quota_t *q, char *err,
                     size_t errlen, wtask_t **out)
{
    if (!m)
        return KERR_INVALID_ARG;
    wtask_t *w = kzalloc(sizeof *w);
    if (!w) {
        wasm_module_free(m);
        return KERR_NO_MEMORY;
    }
    w->module = m;
    w->nimports = wasm_module_import_count(m);
    if (!(w->imports = kzalloc((w->nimports + 1) * sizeof(wasm_func_t *))) ||
        !(w->ext = kzalloc((w->nimports + 1) * sizeof(wasm_extern_t)))) {
        free_engine(w);
        kfree(w);
        return KERR_NO_MEMORY;
    }
    for (uint32_t i = 0; i < w->nimports; i++) {
        wasm_importdesc_t d;
        wasm_module_import(m, i, &d);
        if (!(w->imports[i] = syscall_lookup(&d, err, errlen))) {
            free_engine(w);
            kfree(w);
            return KERR_INVALID_ARG;
        }
        w->ext[i].kind = WASM_EXTERN_FUNC;
        w->ext[i].u.func = w->imports[i];
    }
    strlcpy(w->name, name, sizeof w->name);
    w->manifest = bootmod_find(name);   /* WASI args and environ, `cspace:` */
    uint32_t slots = w->manifest && w->manifest->cspace_slots ? w->manifest->cspace_slots
                                                              : SYS_SLOTS;
    kerr_t e = task_create(q, name, prio, slots, wtask_main, w, &w->task);
    if (e) {
        ksnprintf(err, errlen, "cannot create the task: %s", kerr_name(e));
        free_engine(w);
        kfree(w);
        return e;
    }
    cnode_t *cn = task_cspace(w->task);
    if (!cn || cn->nslots < SYS_SLOTS)
        panic("wtask: task_create made a CSpace without %u slots", SYS_SLOTS);
    w->slots = cn->slots;
    w->nslots = cn->nslots;
    w->task->user = w;
    w->task->on_kill = on_kill;
    w->held = true;
    kcrit_t s = kcrit_enter();
    w->id = ++last_id;
    if (!w->id)                     /* 2^32 tasks later: 0 means "none" */
        w->id = ++last_id;
    w->origin = w->id;
    w->next = all;
    all = w;
    kcrit_leave(s);
    *out = w;
    return KERR_OK;
}

void wtask_set_args(wtask_t *w, char *args, uint32_t len)
{
    w->args = args;
    w->args_len = len;
}

void wtask_set_budget(wtask_t *w, uint32_t ms)
{
    w->budget_ms = ms;
    if (ms)
        sched_account(w->task);
}

cnode_t *wtask_cspace(wtask_t *w)
{
    return task_cspace(w->task);
}

bool wtask_account_all;

kerr_t wtask_start(wtask_t *w)
{
    if (wtask_account_all)
        sched_account(w->task);
    return task_start(w->task);
}

bool wtask_done(const wtask_t *w)
{
    return w->task->state == TASK_DEAD;
}

void wtask_kill(wtask_t *w, const char *why)
{
    task_kill(w->task, -1, why);
}

/* The first live wtask not yet killed for which pred holds, or NULL. */
static wtask_t *find_live(bool (*pred)(wtask_t *, uint64_t), uint64_t now)
{
    kcrit_t s = kcrit_enter();
    wtask_t *w = all;
    while (w && (w->ended || w->task->state == TASK_DEAD || w->task->kill_pending ||
                 !pred(w, now)))
        w = w->next;
    kcrit_leave(s);
    return w;
}

/* CPU actually used (sched_cpu_ns), not time since start: a task that
 * waits costs nothing. */
static bool over_budget(wtask_t *w, uint64_t now)
{
    (void)now;
    return w->budget_ms && w->start_ns && sched_cpu_ns(w->task) >= (uint64_t)w->budget_ms * 1000000;
}

static bool any(wtask_t *w, uint64_t now)
{
    (void)w, (void)now;
    return true;
}

static bool unbudgeted(wtask_t *w, uint64_t now)
{
    (void)now;
    return !w->budget_ms;
}

void wtask_enforce_budgets(uint64_t now)
{
    wtask_t *w;
    while ((w = find_live(over_budget, now)))
        wtask_kill(w, "cpu budget exhausted");
}

uint32_t wtask_live(bool *unbudgeted_left)
{
    uint32_t n = 0;
    kcrit_t s = kcrit_enter();
    *unbudgeted_left = find_live(unbudgeted, 0) != NULL;
    for (wtask_t *w = all; w; w = w->next)
        if (!w->ended && w->task->state != TASK_DEAD)
            n++;
    kcrit_leave(s);
    return n;
}

void wtask_kill_all(const char *why)
{
    wtask_t *w;
    while ((w = find_live(any, 0)))
        wtask_kill(w, why);
}

void wtask_adopt(wtask_t *child, const wtask_t *parent)
{
    child->origin = parent->origin;
}

void wtask_release(wtask_t *w)
{
    kcrit_t s = kcrit_enter();
    w->held = false;
    kcrit_leave(s);
}

void wtask_reap(void)
{
    for (;;) {
        kcrit_t s = kcrit_enter();
        wtask_t **pp = &all, *w = NULL;
        for (; *pp; pp = &(*pp)->next)
            if (!(*pp)->held && (*pp)->task->state == TASK_DEAD &&
                (*pp)->task != sched_current()) {
                w = *pp;
                *pp = w->next;
                break;
            }
        if (w && !w->ended) {           /* ended without running to its end: */
            w->ended = true;            /* killed before it started, or a */
            wtask_flush(w);             /* fault (already reported) */
            wtask_kline_of(w->id, w->origin, "task %s killed: %s", w->name,
                           kill_reason(w->task));
        }
        if (w)
            w->task->user = NULL;       /* no hook finds it any more */
        kcrit_leave(s);
        if (!w)
            return;
        free_engine(w);
        kobj_unref(&w->task->obj);
        kfree(w->args);
        kfree(w);
    }
}
