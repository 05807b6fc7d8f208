/*
 * table.c - the `jericho` import table (imports of wasi_snapshot_preview1
 * go to sys_wasi.c), the kernel-error-to-ABI-code
 * translation and the type/rights mappings. The checks every system call
 * makes before it acts (capability slot decoding in the ABI's order,
 * pointer+length against the caller's linear memory in 64-bit sums) are
 * inline in kernel/syscall.h: they run on every call.
 *
 * Each import binds directly to its sys_* host function (sys_task.c,
 * sys_ipc.c, sys_ntfn.c, sys_cap.c). The host functions are created once
 * and shared: the calling task is the exec's user pointer, set once when
 * the task's exec is made, never anything the module passes.
 */
#include "kernel/crit.h"
#include "kernel/cspace.h"
#include "syscall/syscall.h"
#include "syscall/sys_wasi.h"
#include "wasmtask/wtask.h"
#include "klib.h"

typedef struct {
    const char *name;
    const char *params;     /* 'i' = i32, 'I' = i64 */
    const char *results;
    wasm_host_fn_t fn;
    bool leaf;              /* wasm_func_set_leaf: never blocks, yields,
                               switches or grows a memory (wasm.h) */
} sys_entry_t;

#define E(n, p, r) {#n, p, r, sys_##n, false}
#define LEAF(n, p, r) {#n, p, r, sys_##n, true}
static const sys_entry_t table[] = {
    E(console_write, "iii", "i"), LEAF(clock_now, "i", "I"), E(sleep, "iI", "i"),
    E(yield, "", ""), E(exit, "i", ""),
    E(send, "iiii", "i"), E(nb_send, "iiii", "i"), E(recv, "iiii", "i"),
    E(poll, "iiii", "i"), E(call, "iiiiii", "i"), E(reply, "iii", "i"),
    E(reply_recv, "iiiiii", "i"),
    E(signal, "ii", "i"), E(wait, "i", "I"), E(poll_signal, "i", "I"),
    E(cap_copy, "ii", "i"), E(cap_mint, "iiiI", "i"), E(cap_move, "ii", "i"),
    E(cap_delete, "i", "i"), E(cap_revoke, "i", "i"), LEAF(cap_info, "ii", "i"),
    E(task_spawn, "iiiiii", "i"), E(task_kill, "i", "i"),
    E(dev_info, "ii", "i"), E(dev_read, "iiii", "I"), E(dev_read64, "iiii", "i"),
    E(dev_write, "iiiiI", "i"), E(dev_irq_bind, "iii", "i"), E(dev_irq_ack, "i", "i"),
    E(mem_create, "ii", "i"), E(mem_read, "iiii", "i"), E(mem_write, "iiii", "i"),
    E(mem_info, "ii", "i"),
    E(task_spawn_args, "iiiiiiii", "i"),
    E(mon_modules, "iii", "i"), E(mon_tasks, "iii", "i"), E(mon_caps, "iIii", "i"),
    E(mon_mem, "ii", "i"),
    E(cap_derived, "i", "i"),
    E(entropy_add, "iii", "i"),
};
#undef E
#undef LEAF
#define NCALLS (sizeof table / sizeof table[0])

static wasm_func_t *funcs[NCALLS];

static uint8_t valtype(char c)
{
    return c == 'I' ? WASM_I64 : WASM_I32;
}

/* Does the import's function type equal the table's signature? */
static bool sig_matches(const sys_entry_t *s, const wasm_functype_t *ft)
{
    size_t np = strlen(s->params), nr = strlen(s->results);
    if (ft->nparams != np || ft->nresults != nr)
        return false;
    for (size_t i = 0; i < np; i++)
        if (ft->params[i] != valtype(s->params[i]))
            return false;
    for (size_t i = 0; i < nr; i++)
        if (ft->results[i] != valtype(s->results[i]))
            return false;
    return true;
}

static wasm_func_t *make_func(const sys_entry_t *s)
{
    uint8_t types[16];
    size_t np = strlen(s->params), nr = strlen(s->results);
    for (size_t i = 0; i < np; i++)
        types[i] = valtype(s->params[i]);
    for (size_t i = 0; i < nr; i++)
        types[np + i] = valtype(s->results[i]);
    wasm_functype_t ft = {(uint32_t)np, (uint32_t)nr, types, types + np};
    wasm_func_t *f = wasm_func_new_host(&ft, s->fn, NULL);
    if (f && s->leaf)
        wasm_func_set_leaf(f);
    return f;
}

bool syscall_init(void)
{
    bool ok = sys_wasi_init();
    for (size_t i = 0; i < NCALLS; i++) {
        kcrit_t s = kcrit_enter();
        if (!funcs[i])
            funcs[i] = make_func(&table[i]);
        ok = ok && funcs[i];
        kcrit_leave(s);
    }
    return ok;
}

wasm_func_t *syscall_lookup(const wasm_importdesc_t *imp, char *err, size_t errlen)
{
    if (strcmp(imp->module, WASI_MODULE_NAME) == 0)
        return sys_wasi_lookup(imp, err, errlen);      /* WASI: docs/wasi.md */
    if (imp->kind != WASM_EXTERN_FUNC || strcmp(imp->module, "jericho") != 0) {
        ksnprintf(err, errlen, "unknown import %s.%s", imp->module, imp->name);
        return NULL;
    }
    for (size_t i = 0; i < NCALLS; i++) {
        if (strcmp(table[i].name, imp->name) != 0)
            continue;
        if (!sig_matches(&table[i], &imp->func)) {
            ksnprintf(err, errlen, "incompatible import type jericho.%s", imp->name);
            return NULL;
        }
        kcrit_t s = kcrit_enter();
        if (!funcs[i])
            funcs[i] = make_func(&table[i]);
        wasm_func_t *f = funcs[i];
        kcrit_leave(s);
        if (!f)
            ksnprintf(err, errlen, "out of memory for jericho.%s", imp->name);
        return f;
    }
    ksnprintf(err, errlen, "unknown import jericho.%s", imp->name);
    return NULL;
}

/* ---- errors, types, rights --------------------------------------------------- */

int32_t sys_err(kerr_t e)
{
    switch (e) {
    case KERR_OK: return 0;
    case KERR_INVALID_SLOT: return -SYS_E_INVALID_SLOT;
    case KERR_EMPTY_SLOT: return -SYS_E_EMPTY_SLOT;
    case KERR_SLOT_OCCUPIED: return -SYS_E_SLOT_OCCUPIED;
    case KERR_WRONG_TYPE: return -SYS_E_WRONG_TYPE;
    case KERR_NO_RIGHTS: return -SYS_E_NO_RIGHTS;
    case KERR_INVALID_ARG: return -SYS_E_BAD_ARGUMENT;
    case KERR_BAD_BUFFER: return -SYS_E_OUT_OF_BOUNDS;
    case KERR_NO_MEMORY: return -SYS_E_NO_MEMORY;
    case KERR_QUOTA: return -SYS_E_QUOTA_EXCEEDED;
    case KERR_WOULD_BLOCK: return -SYS_E_WOULD_BLOCK;
    case KERR_NO_REPLY: return -SYS_E_NO_CALLER;
    case KERR_BADGED: return -SYS_E_BAD_ARGUMENT;
    case KERR_DESTROYED:
    case KERR_DEAD:
    case KERR_REVOKED: return -SYS_E_DESTROYED;
    case KERR_BUSY: return -SYS_E_BUSY;
    case KERR_TRUNCATED:        /* never an error in the ABI: a flag */
    case KERR_COUNT: break;
    }
    return -SYS_E_BAD_ARGUMENT;
}

uint32_t sys_type_code(objtype_t t)
{
    switch (t) {
    case OBJ_CONSOLE: return SYS_T_CONSOLE;
    case OBJ_CLOCK: return SYS_T_CLOCK;
    case OBJ_ENDPOINT: return SYS_T_ENDPOINT;
    case OBJ_NOTIFICATION: return SYS_T_NOTIFICATION;
    case OBJ_TASK: return SYS_T_TASK;
    case OBJ_QUOTA: return SYS_T_SPAWN;
    case OBJ_MEMORY: return SYS_T_MEMORY;
    case OBJ_CNODE: return SYS_T_CNODE;
    case OBJ_ENTROPY: return SYS_T_ENTROPY;
    case OBJ_DEVICE: return SYS_T_DEVICE;
    case OBJ_MONITOR: return SYS_T_MONITOR;
    case OBJ_NONE:
    case OBJ_TYPE_COUNT: break;
    }
    return 0;
}

objtype_t sys_objtype(uint32_t code)
{
    for (int t = OBJ_NONE + 1; t < OBJ_TYPE_COUNT; t++)
        if (sys_type_code((objtype_t)t) == code)
            return (objtype_t)t;
    return OBJ_NONE;
}

/* Task and spawn (quota) capabilities: the ABI's WRITE is MANAGE. */
static bool write_is_manage(objtype_t t)
{
    return t == OBJ_TASK || t == OBJ_QUOTA;
}

unsigned sys_rights_to_kernel(objtype_t t, unsigned abi)
{
    unsigned k = abi & (SYS_R_READ | SYS_R_GRANT);
    if (abi & SYS_R_WRITE)
        k |= write_is_manage(t) ? CAP_R_MANAGE : CAP_R_WRITE;
    if (abi & SYS_R_DMA)
        k |= CAP_R_DMA;
    return k & objtype_rights(t);
}

unsigned sys_rights_from_kernel(objtype_t t, unsigned kr)
{
    unsigned a = kr & (SYS_R_READ | SYS_R_GRANT);
    if (kr & (write_is_manage(t) ? CAP_R_MANAGE : CAP_R_WRITE))
        a |= SYS_R_WRITE;
    if (kr & CAP_R_DMA)
        a |= SYS_R_DMA;
    return a;
}
