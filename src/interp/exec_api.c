/*
 * exec_api.c - execution contexts: creation, calls from the host, resume
 * after a yield, results, traps, fuel (the wasm_exec_* API). The loop
 * itself is exec.c.
 */
#include "interp/rtobj.h"
#include "interp/code.h"

wasm_exec_t *wasm_exec_new(size_t stack_bytes, uint32_t max_depth)
{
    if (stack_bytes == 0)
        stack_bytes = WRT_DEFAULT_STACK_BYTES;
    if (max_depth == 0)
        max_depth = WRT_DEFAULT_DEPTH;
    size_t nslots = stack_bytes / sizeof(uint64_t);
    if (nslots < 16 || max_depth > (1u << 24))
        return NULL;
    wasm_exec_t *ex = wasm_rt_alloc(sizeof *ex);
    if (!ex)
        return NULL;
    ex->stack = wasm_rt_alloc(nslots * sizeof(uint64_t));
    ex->frames = wasm_rt_alloc(((size_t)max_depth + 1) * sizeof(wrt_frame_t));
    if (!ex->stack || !ex->frames) {
        wasm_exec_free(ex);
        return NULL;
    }
    ex->stack_end = ex->stack + nslots;
    ex->max_depth = max_depth;
    return ex;
}

void wasm_exec_free(wasm_exec_t *ex)
{
    if (!ex)
        return;
    wasm_rt_free(ex->stack);
    wasm_rt_free(ex->frames);
    wasm_rt_free(ex->results);
    wexn_free_all(ex);
    wasm_rt_free(ex);
}

static bool reserve_results(wasm_exec_t *ex, uint32_t n)
{
    if (ex->results_cap >= n)
        return true;
    wasm_val_t *r = wasm_rt_realloc(ex->results, (size_t)ex->results_cap * sizeof *r,
                                    (size_t)n * sizeof *r);
    if (r) {
        ex->results = r;
        ex->results_cap = n;
    }
    return r != NULL;
}

/* After the loop stopped: collect results of a finished call. */
static wasm_status_t finish(wasm_exec_t *ex, wasm_status_t st)
{
    if (st != WASM_OK)
        return st;
    const wasm_functype_t *ft = &ex->callee->type;
    uint32_t n = wmod_slots(ft->nresults, ft->results);
    if (!reserve_results(ex, n)) {
        ex->trap = WASM_TRAP_OUT_OF_MEMORY;
        return WASM_TRAPPED;
    }
    for (uint32_t i = 0; i < n; i++)
        ex->results[i].raw = ex->stack[i];
    ex->nresults = n;
    return WASM_OK;
}

static wasm_status_t fail(wasm_exec_t *ex, wasm_trap_t t)
{
    ex->bt_depth = ex->bt_n = 0;    /* no wasm position */
    ex->trap = t;
    ex->suspended = false;
    ex->depth = 0;
    return WASM_TRAPPED;
}

/* The default wasm_rt_guard (wasm.h): no recovery point. */
__attribute__((weak)) bool wasm_rt_guard(wasm_status_t (*loop)(wasm_exec_t *ex), wasm_exec_t *ex,
                                         wasm_status_t *st)
{
    *st = loop(ex);
    return true;
}

/* Run the loop with the re-entry guard held, under the embedder's
 * recovery point: a CPU fault in guest-memory access ends the call in a
 * trap (the loop's registers are lost: nothing to resume). */
static wasm_status_t run(wasm_exec_t *ex)
{
    ex->running = true;
    wasm_status_t st;
    bool ok = wasm_rt_guard(wexec_run, ex, &st);
    ex->running = false;
    if (!ok)
        return fail(ex, WASM_TRAP_MEM_OOB);
    if (st == WASM_TRAPPED)
        wexec_backtrace(ex, ex->trap);
    return st;
}

wasm_status_t wexec_start(wasm_exec_t *ex, wasm_func_t *f)
{
    const wcode_fn_t *cf = f->code;
    ex->bt_depth = ex->bt_n = 0;
    if (ex->yield_req & WRT_ABORT)
        return fail(ex, WASM_TRAP_ABORTED);
    const wcell_t *code = wcomp_func(f->inst->module, cf);
    if (!code)
        return fail(ex, WASM_TRAP_OUT_OF_MEMORY);
    if (WCODE_FRAME_SLOTS(code) > (size_t)(ex->stack_end - ex->stack))
        return fail(ex, WASM_TRAP_STACK_EXHAUSTED);
    for (uint32_t i = cf->nparams; i < cf->nlocals; i++)
        ex->stack[i] = 0;
    ex->frames[0] = (wrt_frame_t){ NULL, NULL, NULL };
    ex->depth = 1;
    /* The instance's configured call depth, if lower, bounds this call. */
    uint32_t lim = f->inst->max_call_depth;
    ex->depth_limit = lim && lim < ex->max_depth ? lim : ex->max_depth;
    ex->pc = WCODE_ENTRY(code);
    ex->fp = ex->stack;
    ex->inst = f->inst;
    ex->fuel_left = ex->fuel ? (int64_t)(ex->fuel > INT64_MAX ? INT64_MAX : ex->fuel) : INT64_MAX;
    ex->suspended = false;
    return run(ex);
}

wasm_status_t wasm_exec_call(wasm_exec_t *ex, wasm_func_t *f,
                             const wasm_val_t *args, uint32_t nargs)
{
    if (!ex)
        return WASM_TRAPPED;
    /* A host function calling back into its own exec would overwrite the
     * running frames: refused (host->wasm re-entry is not supported). */
    if (ex->running)
        return WASM_TRAPPED;
    ex->suspended = false;
    ex->nresults = 0;
    ex->trap = WASM_TRAP_NONE;
    ex->bt_depth = ex->bt_n = 0;
    if (!f || nargs != wmod_slots(f->type.nparams, f->type.params) || (nargs && !args))
        return fail(ex, WASM_TRAP_HOST);
    ex->callee = f;
    if (ex->yield_req & WRT_ABORT)
        return fail(ex, WASM_TRAP_ABORTED);
    if (!f->code) { /* a host function called directly */
        uint32_t nr = wmod_slots(f->type.nresults, f->type.results);
        if (!reserve_results(ex, nr))
            return fail(ex, WASM_TRAP_OUT_OF_MEMORY);
        ex->inst = NULL;
        ex->head.mem_base = NULL;   /* no caller, no caller's memory */
        ex->head.mem_size = 0;
        wasm_trap_t t = f->host(ex, f->env, args, ex->results);
        if (t != WASM_TRAP_NONE)
            return fail(ex, t);
        ex->nresults = nr;
        return WASM_OK;
    }
    if (nargs > (size_t)(ex->stack_end - ex->stack))
        return fail(ex, WASM_TRAP_STACK_EXHAUSTED);
    for (uint32_t i = 0; i < nargs; i++)
        ex->stack[i] = args[i].raw;
    return finish(ex, wexec_start(ex, f));
}

wasm_status_t wasm_exec_resume(wasm_exec_t *ex)
{
    if (!ex || ex->running)
        return WASM_TRAPPED;
    if (!ex->suspended)
        return ex->trap != WASM_TRAP_NONE ? WASM_TRAPPED : WASM_OK;
    if (ex->yield_req & WRT_ABORT)
        return fail(ex, WASM_TRAP_ABORTED);
    ex->suspended = false;
    return finish(ex, run(ex));
}

const wasm_val_t *wasm_exec_results(const wasm_exec_t *ex, uint32_t *n)
{
    if (n)
        *n = ex->nresults;
    return ex->results;
}

wasm_trap_t wasm_exec_trap(const wasm_exec_t *ex)
{
    return ex->trap;
}

wasm_instance_t *wasm_exec_caller(const wasm_exec_t *ex)
{
    return ex->inst;
}

_Static_assert(offsetof(wasm_exec_t, head) == 0, "wasm_exec_user reads the first member");

void wasm_exec_set_user(wasm_exec_t *ex, void *user)
{
    ex->head.user = user;
}

void wasm_exec_request_yield(wasm_exec_t *ex)
{
    __atomic_fetch_or(&ex->yield_req, WRT_YIELD, __ATOMIC_RELAXED);
}

void wasm_exec_request_abort(wasm_exec_t *ex)
{
    __atomic_fetch_or(&ex->yield_req, WRT_ABORT, __ATOMIC_RELAXED);
}

void wasm_exec_set_fuel(wasm_exec_t *ex, uint64_t fuel)
{
    ex->fuel = fuel;
    ex->fuel_left = fuel ? (int64_t)(fuel > INT64_MAX ? INT64_MAX : fuel) : INT64_MAX;
}
