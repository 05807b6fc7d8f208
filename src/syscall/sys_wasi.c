/*
 * sys_wasi.c - WASI preview 1 in the kernel (include/syscall/sys_wasi.h,
 * docs/wasi.md): binding the imports of module wasi_snapshot_preview1
 * (every preview-1 name, from the shared table src/wasi/; the ones the
 * kernel does not implement return ENOSYS), the helpers the calls share,
 * and the calls that are not about fds: args, environ, clocks, random,
 * proc_exit, sched_yield. Each call decodes everything (capability,
 * arguments, memory ranges) before it acts.
 */
#include "hal.h"
#include "kernel/crit.h"
#include "kernel/entropy.h"
#include "kernel/sched.h"
#include "syscall/sys_wasi.h"
#include "klib.h"

/* ---- binding ------------------------------------------------------------------ */

static wasm_trap_t sys_wasi_enosys(wasm_exec_t *ex, void *env, const wasm_val_t *a,
                                   wasm_val_t *r)
{
    (void)ex, (void)env, (void)a;
    return sys_wasi_ret(r, WASI_ENOSYS);
}

static wasm_host_fn_t impl(int id)
{
    switch ((wasi_fn_id_t)id) {
#define I(n) case WASI_FN_##n: return sys_wasi_##n;
    I(args_get) I(args_sizes_get) I(environ_get) I(environ_sizes_get)
    I(clock_time_get) I(clock_res_get) I(random_get) I(proc_exit) I(sched_yield)
    I(fd_write) I(fd_read) I(fd_close) I(fd_seek) I(fd_tell) I(fd_fdstat_get)
    I(fd_prestat_get) I(fd_prestat_dir_name) I(poll_oneoff)
#undef I
    default: return sys_wasi_enosys;
    }
}

static wasm_func_t *funcs[WASI_FN_COUNT];

static wasm_func_t *make(int id)
{
    uint8_t vt[16];
    wasm_functype_t ft;
    if (!wasi_type_make(wasi_sigs[id].type, &ft, vt, sizeof vt))
        return NULL;
    return wasm_func_new_host(&ft, impl(id), NULL);
}

/* The function of id, made on first use (interrupts off around the
 * check-and-store: tasks may bind at once). */
static wasm_func_t *get(int id)
{
    kcrit_t s = kcrit_enter();
    if (!funcs[id])
        funcs[id] = make(id);
    wasm_func_t *f = funcs[id];
    kcrit_leave(s);
    return f;
}

bool sys_wasi_init(void)
{
    bool ok = true;
    for (int i = 0; i < WASI_FN_COUNT; i++)
        ok = get(i) && ok;
    return ok;
}

wasm_func_t *sys_wasi_lookup(const wasm_importdesc_t *imp, char *err, size_t errlen)
{
    int id = imp->kind == WASM_EXTERN_FUNC ? wasi_fn_lookup(imp->name) : -1;
    if (id < 0) {
        ksnprintf(err, errlen, "unknown import %s.%s", imp->module, imp->name);
        return NULL;
    }
    if (!wasi_type_matches(&imp->func, wasi_sigs[id].type)) {
        ksnprintf(err, errlen, "incompatible import type %s.%s", imp->module, imp->name);
        return NULL;
    }
    wasm_func_t *f = get(id);
    if (!f)
        ksnprintf(err, errlen, "out of memory for %s.%s", imp->module, imp->name);
    return f;
}

/* ---- helpers ------------------------------------------------------------------ */

int32_t sys_wasi_find_cap(wtask_t *w, objtype_t t, unsigned kr)
{
    cnode_t *cn = task_cspace(w->task);
    for (uint32_t i = 0; cn && i < cn->nslots; i++) {
        cap_t c = cn->slots[i].cap;
        if (cap_type(c) == t && (cap_rights(c) & kr) == kr)
            return (int32_t)i;
    }
    return -1;
}

wasi_mem_t sys_wasi_mem(wasm_exec_t *ex)
{
    sys_mem_t v = sys_memview(ex);
    return (wasi_mem_t){ v.base, v.base ? v.size : 0 };
}

wasi_errno_t sys_wasi_errno(kerr_t e)
{
    switch (e) {
    case KERR_OK: return WASI_ESUCCESS;
    case KERR_INVALID_SLOT: return WASI_EBADF;
    case KERR_EMPTY_SLOT:
    case KERR_WRONG_TYPE:
    case KERR_NO_RIGHTS: return WASI_ENOTCAPABLE;
    case KERR_INVALID_ARG:
    case KERR_BADGED: return WASI_EINVAL;
    case KERR_BAD_BUFFER: return WASI_EFAULT;
    case KERR_SLOT_OCCUPIED: return WASI_ENOSPC;
    case KERR_NO_MEMORY:
    case KERR_QUOTA: return WASI_ENOMEM;
    case KERR_WOULD_BLOCK:
    case KERR_BUSY: return WASI_EAGAIN;
    case KERR_TRUNCATED: return WASI_EOVERFLOW;
    case KERR_DESTROYED:
    case KERR_REVOKED:
    case KERR_DEAD:
    case KERR_NO_REPLY: return WASI_EINTR;
    case KERR_COUNT: break;
    }
    return WASI_EIO;
}

/* ---- args and environ: the manifest -------------------------------------------- */

#define WASI_MAX_ARGS (BOOTMOD_MAX_CAPS + 1)

/* argv: the task's name, then its spawner's words (task_spawn_args) or
 * else the manifest's args (at most 64). */
static wasi_strv_t argv_of(wtask_t *w, const char **buf, uint32_t max)
{
    uint32_t n = 0;
    buf[n++] = w->name;
    if (w->args) {                  /* its spawner's words (task_spawn_args) */
        for (uint32_t off = 0; off < w->args_len && n < max; off += strlen(w->args + off) + 1)
            buf[n++] = w->args + off;
        return (wasi_strv_t){ n, buf };
    }
    const bootmod_t *m = w->manifest;
    for (uint32_t i = 0; m && i < m->nargs && n < max; i++)
        buf[n++] = m->args[i];
    return (wasi_strv_t){ n, buf };
}

static wasi_strv_t env_of(wtask_t *w)
{
    const bootmod_t *m = w->manifest;
    return m ? (wasi_strv_t){ m->nenv, m->env } : (wasi_strv_t){ 0, NULL };
}

SYS_WASI_DECL(args_sizes_get)
{
    (void)env;
    const char *buf[65];
    wasi_mem_t m = sys_wasi_mem(ex);
    wasi_strv_t s = argv_of(sys_self(ex), buf, 65);
    return sys_wasi_ret(r, wasi_strv_sizes(&m, &s, a[0].i32, a[1].i32));
}

SYS_WASI_DECL(args_get)
{
    (void)env;
    const char *buf[65];
    wasi_mem_t m = sys_wasi_mem(ex);
    wasi_strv_t s = argv_of(sys_self(ex), buf, 65);
    return sys_wasi_ret(r, wasi_strv_get(&m, &s, a[0].i32, a[1].i32));
}

SYS_WASI_DECL(environ_sizes_get)
{
    (void)env;
    wasi_mem_t m = sys_wasi_mem(ex);
    wasi_strv_t s = env_of(sys_self(ex));
    return sys_wasi_ret(r, wasi_strv_sizes(&m, &s, a[0].i32, a[1].i32));
}

SYS_WASI_DECL(environ_get)
{
    (void)env;
    wasi_mem_t m = sys_wasi_mem(ex);
    wasi_strv_t s = env_of(sys_self(ex));
    return sys_wasi_ret(r, wasi_strv_get(&m, &s, a[0].i32, a[1].i32));
}

/* ---- clocks --------------------------------------------------------------------- */

/* Realtime is the time since boot on the Unix epoch: the kernel reads no
 * RTC yet (docs/wasi.md). CPU-time clocks turn on the task's accounting
 * at their first use and count from there. */
bool sys_wasi_clock_now(wtask_t *w, uint32_t id, uint64_t *ns)
{
    switch (id) {
    case WASI_CLOCK_REALTIME:
    case WASI_CLOCK_MONOTONIC:
        *ns = arch_time_ns();
        return true;
    case WASI_CLOCK_PROCESS_CPUTIME:
    case WASI_CLOCK_THREAD_CPUTIME:
        sched_account(w->task);
        *ns = sched_cpu_ns(w->task);
        return true;
    default:
        return false;
    }
}

// clock_time_get(id, precision i64, time_ptr) -> errno. CLOCK r.
SYS_WASI_DECL(clock_time_get)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    wasi_mem_t m = sys_wasi_mem(ex);
    uint64_t ns = 0;
    if (sys_wasi_find_cap(w, OBJ_CLOCK, CAP_R_READ) < 0)
        return sys_wasi_ret(r, WASI_ENOTCAPABLE);
    if (a[0].i32 > WASI_CLOCK_THREAD_CPUTIME)
        return sys_wasi_ret(r, WASI_EINVAL);
    if (!wasi_mem_range(&m, a[2].i32, 8))
        return sys_wasi_ret(r, WASI_EFAULT);
    sys_wasi_clock_now(w, a[0].i32, &ns);
    wasi_mem_put64(&m, a[2].i32, ns);
    return sys_wasi_ret(r, WASI_ESUCCESS);
}

// clock_res_get(id, res_ptr) -> errno. CLOCK r. One counter tick.
SYS_WASI_DECL(clock_res_get)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    wasi_mem_t m = sys_wasi_mem(ex);
    if (sys_wasi_find_cap(w, OBJ_CLOCK, CAP_R_READ) < 0)
        return sys_wasi_ret(r, WASI_ENOTCAPABLE);
    if (a[0].i32 > WASI_CLOCK_THREAD_CPUTIME)
        return sys_wasi_ret(r, WASI_EINVAL);
    if (!wasi_mem_range(&m, a[1].i32, 8))
        return sys_wasi_ret(r, WASI_EFAULT);
    uint64_t hz = arch_counter_hz();
    wasi_mem_put64(&m, a[1].i32, hz >= 1000000000u ? 1 : (1000000000u + hz - 1) / hz);
    return sys_wasi_ret(r, WASI_ESUCCESS);
}

// random_get(buf, len) -> errno. ENTROPY r.
SYS_WASI_DECL(random_get)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    wasi_mem_t m = sys_wasi_mem(ex);
    uint32_t len = a[1].i32;
    if (sys_wasi_find_cap(w, OBJ_ENTROPY, CAP_R_READ) < 0)
        return sys_wasi_ret(r, WASI_ENOTCAPABLE);
    uint8_t *p = wasi_mem_range(&m, a[0].i32, len);
    if (!p && !(len == 0 && wasi_mem_ok(&m, a[0].i32, 0)))
        return sys_wasi_ret(r, WASI_EFAULT);
    if (len)
        entropy_fill(entropy_get(), p, len);
    return sys_wasi_ret(r, WASI_ESUCCESS);
}

// proc_exit(code): ends the task like jericho.exit.
SYS_WASI_DECL(proc_exit)
{
    (void)env, (void)r;
    sys_self(ex)->exit_code = (int32_t)a[0].i32;
    return WASM_TRAP_HOST;      /* wtask_main reports "exited with code N" */
}

SYS_WASI_DECL(sched_yield)
{
    (void)ex, (void)env, (void)a;
    sched_yield();
    return sys_wasi_ret(r, WASI_ESUCCESS);
}
