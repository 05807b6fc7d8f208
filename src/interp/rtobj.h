/*
 * rtobj.h - the engine's runtime objects (internal): functions, tables,
 * memories, globals, instances and execution contexts, as the spec's store
 * describes them. func.c, table.c, memory.c, global.c, instance*.c and
 * exec*.c implement them; code.h describes the compiled code they run.
 */
#ifndef JERICHO_INTERP_RTOBJ_H
#define JERICHO_INTERP_RTOBJ_H

#include "wasm.h"
#include "interp/module.h"
#include "interp/port.h"

struct wcode_fn;
union wcell;

/* Spec limits and engine defaults. */
#define WRT_PAGE_SIZE 65536u
#define WRT_MAX_PAGES 65536u
/* A memory64 memory holds at most 65535 pages and a table at most
 * 2^32 - 2 elements (implementation limits; a grow past them fails): the
 * compiler clamps a 64-bit address, offset or index to UINT32_MAX
 * (code.h ADDR64), which is then out of bounds for any access of at least
 * a byte, so the 32-bit handlers run memory64 and table64 unchanged. */
#define WRT_MAX_PAGES64 65535u
#define WRT_MAX_TABLE (UINT32_MAX - 1)
/* The most pages a memory of limits lim may have here. */
static inline uint32_t wrt_max_pages(wasm_limits_t lim)
{
    return lim.is64 ? WRT_MAX_PAGES64 : WRT_MAX_PAGES;
}
#define WRT_DEFAULT_MAX_TABLE 10000000u
#define WRT_DEFAULT_STACK_BYTES (1u << 20)
#define WRT_DEFAULT_DEPTH 10000u

struct wasm_func {
    wasm_functype_t type;          /* host: arrays owned by the func */
    wasm_instance_t *inst;         /* NULL for host functions */
    const struct wcode_fn *code;   /* wasm functions: compiled body */
    uint32_t typeidx;              /* wasm functions: its type in inst->module */
    wasm_host_fn_t host;           /* host functions */
    void *env;
    bool leaf;                     /* host: wasm_func_set_leaf */
};

struct wasm_table {
    uint8_t reftype;
    uint8_t vt;                    /* its type as a code of mod (types.h) */
    const wasm_module_t *mod;      /* defining module; NULL: made by the host */
    uint32_t size;
    uint32_t max;                  /* effective maximum (limits and config) */
    wasm_limits_t limits;          /* declared limits (for import checks) */
    wasm_ref_t *elems;
};

struct wasm_memory {
    uint8_t *data;
    uint64_t size;                 /* bytes */
    uint32_t pages;
    uint32_t max_pages;            /* effective maximum (limits and config) */
    wasm_limits_t limits;
};

struct wasm_global {
    uint8_t valtype;
    uint8_t vt;                    /* its type as a code of mod (types.h) */
    const wasm_module_t *mod;      /* defining module; NULL: made by the host */
    bool mut;
    wasm_val_t val;                /* a v128's low half */
    uint64_t hi;                   /* a v128's high half, else 0 */
};

/* An exception tag: its identity is its address. */
struct wasm_tag {
    wasm_functype_t type;          /* parameters; points into the module */
    const wasm_module_t *mod;      /* defining module (NULL: made by the host) */
    uint32_t typeidx;              /* its type in mod */
};

struct wasm_instance {
    const wasm_module_t *module;
    void *host_ctx;
    wasm_func_t **funcs;           /* index space, imports first */
    wasm_func_t *own_funcs;        /* the defined ones */
    wasm_table_t **tables;
    wasm_memory_t **mems;
    wasm_global_t **globals;
    wasm_global_t *own_globals;
    wasm_tag_t **tags;             /* index space, imports first */
    wasm_tag_t *own_tags;
    /* Element segments evaluated at instantiation (length 0 once dropped)
     * and data segments (length 0 once dropped). */
    wasm_ref_t **elem_refs;
    uint32_t *elem_len;
    uint32_t *data_len;
    wasm_memory_t *mem0;           /* mems[0] or NULL */
    uint32_t max_call_depth;       /* wasm_config_t's, 0 = the exec's */
    wasm_instance_t *next_orphan;  /* see wcode_module_t.orphans */
    wasm_exec_t *start_exec;       /* the temporary exec of the start function,
                                      kept if it made exceptions (instance.c) */
};

/* One call frame of the exec's call stack. */
typedef struct {
    const void *ret_pc;            /* caller's continuation (NULL: to host) */
    uint64_t *fp;                  /* caller's frame */
    wasm_instance_t *inst;         /* caller's instance */
} wrt_frame_t;

struct wasm_exec {
    wasm_exec_head_t head;         /* first: wasm_exec_user reads it inline */
    uint64_t *stack, *stack_end;   /* value stack (8-byte slots) */
    wrt_frame_t *frames;
    uint32_t max_depth, depth;
    uint32_t depth_limit;          /* this call's: max_depth or less (config) */
    volatile int yield_req;        /* WRT_YIELD | WRT_ABORT (sticky) */
    uint64_t fuel;                 /* 0 = unlimited */
    int64_t fuel_left;
    /* Saved state of a suspended call. */
    const void *pc;
    uint64_t *fp;
    wasm_instance_t *inst;
    bool suspended;
    bool running;                  /* inside wexec_run (re-entry guard) */
    /* The call's result. */
    wasm_func_t *callee;
    wasm_trap_t trap;
    wasm_val_t *results;
    uint32_t nresults, results_cap;
    /* Where it trapped (the loop leaves the pc in pc, the instance in
     * inst), resolved by wexec_backtrace into bt after the loop. */
    uint32_t trap_depth;
    uint32_t bt_depth, bt_n;
    wasm_frame_t bt[WASM_BACKTRACE_MAX];
    /* Exceptions thrown on this exec (exec_exn.c): every live one, and
     * the count at which the next collection runs. */
    struct wexn **exns;
    uint32_t nexns, capexns, exn_gc_at;
};

#define WRT_YIELD 1
#define WRT_ABORT 2

/* ---- exceptions (exec_exn.c) ---- */

/* An exception: its tag and payload (the tag's parameters). An exnref
 * is its address. */
typedef struct wexn {
    const wasm_tag_t *tag;
    struct wexn *mark_next;        /* collection: the stack of marked ones */
    uint32_t n;
    uint8_t marked, pinned;        /* pinned: stored in a global or table */
    uint64_t vals[];
} wexn_t;

/* A new exception of tag t on ex, payload from vals, or NULL when out of
 * memory. May first free unreachable exceptions: every live exnref must
 * be in ex's value stack below top, in its results, in a pinned exception
 * or in the payload of a reachable one. */
wexn_t *wexn_new(wasm_exec_t *ex, const wasm_tag_t *t, const uint64_t *vals,
                 const uint64_t *top);
/* exnref v is being stored into a global or table: keep it (and what its
 * payload refers to) as long as the exec lives. */
static inline void wexn_pin(uint64_t v)
{
    if (v)
        ((wexn_t *)(uintptr_t)v)->pinned = 1;
}
/* Where a handler was found: the loop's registers to go on with. */
typedef struct {
    const union wcell *pc;         /* the handler's target */
    uint64_t *fp;
    wasm_instance_t *inst;
    uint32_t depth;
} wexn_catch_t;
/* Find the handler of exception e thrown at pc (the innermost frame: fp,
 * inst, depth frames on ex's call stack). Found: the payload (and the
 * exnref) are in the handler's slots, *h has the registers, the frames
 * above it are gone, true. Uncaught: false, nothing changed. */
bool wexn_unwind(wasm_exec_t *ex, wexn_t *e, const union wcell *pc, uint64_t *fp,
                 wasm_instance_t *inst, uint32_t depth, wexn_catch_t *h);
/* Free every exception of ex (wasm_exec_free). */
void wexn_free_all(wasm_exec_t *ex);

/* Structural equality of function types (call_indirect, imports). */
bool wrt_functype_eq(const wasm_functype_t *a, const wasm_functype_t *b);

/* Grow memory by delta pages: old size in pages, or -1 (limit, no memory). */
int64_t wrt_memory_grow(wasm_memory_t *mem, uint32_t delta);
/* Grow table by delta elements set to init: old size, or -1. */
int64_t wrt_table_grow(wasm_table_t *t, uint32_t delta, wasm_ref_t init);
/* Create a table/memory with an effective maximum cap (0 = none). With a
 * slot, every block is published as it is allocated (WRT_ALLOC_INTO): the
 * object into *slot, its contents into the object, so that freeing *slot
 * frees exactly what exists; on failure *slot is NULL again. */
wasm_table_t *wrt_table_new(uint8_t reftype, wasm_limits_t lim, wasm_ref_t init,
                            uint32_t cap, wasm_table_t **slot);
wasm_memory_t *wrt_memory_new(wasm_limits_t lim, uint32_t cap_pages, wasm_memory_t **slot);

/* dst = wasm_rt_alloc(n): the block is stored where its owner's free
 * finds it as soon as it exists (wasm_instantiate_slot). */
#define WRT_ALLOC_INTO(dst, n) ((dst) = wasm_rt_alloc(n))

/* Run f on ex (the core loop, exec.c). */
wasm_status_t wexec_run(wasm_exec_t *ex);
/* After the loop trapped: resolve the innermost frames into ex->bt
 * (backtrace.c). */
void wexec_backtrace(wasm_exec_t *ex, wasm_trap_t t);
/* Start a call of f with args already in place at ex->stack. */
wasm_status_t wexec_start(wasm_exec_t *ex, wasm_func_t *f);



/* ---- instantiation helpers (instance_init.c) ---- */

/* Evaluate a validated constant expression against inst (whose globals
 * and functions named by it are already set). */
wasm_val_t winst_const(const wasm_instance_t *inst, const wmod_expr_t *e);
/* The same, with the high half of a v128 result into *hi (0 otherwise). */
wasm_val_t winst_const2(const wasm_instance_t *inst, const wmod_expr_t *e, uint64_t *hi);
/* Check import i of inst's module against ext; false if incompatible. */
bool winst_import_ok(const wasm_module_t *m, uint32_t i, const wasm_extern_t *ext);
/* Apply active element then data segments in order (Wasm 2.0: each is a
 * bounds-checked init followed by a drop; earlier effects stay). Returns
 * WASM_TRAP_NONE or the trap; *escaped is set once references to inst's
 * functions may have been written into imported tables. */
wasm_trap_t winst_segments(wasm_instance_t *inst, bool *escaped);
#endif
