/*
 * exec_exn.c - exceptions at run time (Wasm 3.0): making them, finding
 * their handler across the exec's call stack, and freeing them.
 *
 * Ownership: an exception belongs to the exec whose code threw it (the
 * kernel: the task's one exec). Its block comes from wasm_rt_alloc, so
 * the kernel charges it to the task's quota; running out is a trap
 * (WASM_TRAP_OUT_OF_MEMORY), never a fault. The exec lists every one it
 * made (ex->exns) and frees them all with itself (wasm_exec_free): a task
 * killed at any point leaves none behind.
 *
 * Unreachable ones are freed before the list doubles (at least every
 * WEXN_GC_MIN new ones): a mark and sweep over the list whose roots are
 * the exec's value stack up to the throwing frame's live slots, the last
 * results handed to the host, and pinned exceptions (stored into a global
 * or a table: the _EXN forms of global.set, table.set/grow/fill pin the
 * value; pinned ones live as long as the exec). Slots are untyped, so the
 * roots are scanned conservatively: a slot whose value is the address of
 * a listed exception keeps it (an integer that happens to be one only
 * keeps it longer). A marked exception's payload is scanned the same way.
 * Nothing else can hold an exnref: constant expressions only make null
 * ones, and a host function gets its arguments in stack slots.
 *
 * Unwinding (wexn_unwind): from the throwing frame outwards, each frame's
 * function (found from its pc, wcode_locate) lists its try_tables,
 * innermost first (compile_exn.c); the first clause of the first
 * try_table around the frame's pc that matches the tag (by identity) is
 * the handler. A caller's pc is its return address less one cell: inside
 * its call instruction. Nothing changes until a handler is found, so an
 * uncaught exception traps at the throw with the whole call stack for the
 * backtrace. The frames between are simply dropped: a frame owns nothing
 * but its slots.
 */
#include "interp/rtobj.h"
#include "interp/code.h"

#define WEXN_GC_MIN 64u

/* ---- collection ---- */

/* Sort a[0..n) by address (heapsort: no recursion, no memory). */
static void sift(wexn_t **a, size_t i, size_t n)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            return;
        if (c + 1 < n && (uintptr_t)a[c + 1] > (uintptr_t)a[c])
            c++;
        if ((uintptr_t)a[i] >= (uintptr_t)a[c])
            return;
        wexn_t *t = a[i];
        a[i] = a[c];
        a[c] = t;
        i = c;
    }
}

static void sort_exns(wexn_t **a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift(a, i, n);
    for (size_t k = n; k-- > 1;) {
        wexn_t *t = a[0];
        a[0] = a[k];
        a[k] = t;
        sift(a, 0, k);
    }
}

/* The listed exception at address v, or NULL (a binary search: v is
 * never dereferenced unless it is one). */
static wexn_t *find(wexn_t *const *a, size_t n, uint64_t v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t m = (uint64_t)(uintptr_t)a[mid];
        if (m == v)
            return a[mid];
        if (m < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static void mark_vals(wasm_exec_t *ex, const uint64_t *v, size_t n, wexn_t **stack)
{
    for (size_t i = 0; i < n; i++) {
        wexn_t *e = v[i] ? find(ex->exns, ex->nexns, v[i]) : NULL;
        if (e && !e->marked) {
            e->marked = 1;
            e->mark_next = *stack;
            *stack = e;
        }
    }
}

static void collect(wasm_exec_t *ex, const uint64_t *top)
{
    sort_exns(ex->exns, ex->nexns);
    wexn_t *stack = NULL;
    for (uint32_t i = 0; i < ex->nexns; i++) {
        wexn_t *e = ex->exns[i];
        e->marked = e->pinned;
        if (e->pinned) {
            e->mark_next = stack;
            stack = e;
        }
    }
    if (top > ex->stack_end)
        top = ex->stack_end;
    mark_vals(ex, ex->stack, (size_t)(top - ex->stack), &stack);
    mark_vals(ex, (const uint64_t *)ex->results, ex->nresults, &stack);
    while (stack) {
        wexn_t *e = stack;
        stack = e->mark_next;
        mark_vals(ex, e->vals, e->n, &stack);
    }
    uint32_t live = 0;
    for (uint32_t i = 0; i < ex->nexns; i++) {
        if (ex->exns[i]->marked)
            ex->exns[live++] = ex->exns[i];
        else
            wasm_rt_free(ex->exns[i]);
    }
    ex->nexns = live;
    ex->exn_gc_at = live > WEXN_GC_MIN / 2 ? 2 * live : WEXN_GC_MIN;
}

_Static_assert(sizeof(wasm_val_t) == sizeof(uint64_t), "results are scanned as slots");

wexn_t *wexn_new(wasm_exec_t *ex, const wasm_tag_t *t, const uint64_t *vals, const uint64_t *top)
{
    if (ex->nexns >= (ex->exn_gc_at ? ex->exn_gc_at : WEXN_GC_MIN))
        collect(ex, top);
    if (ex->nexns == ex->capexns) {
        uint32_t cap = ex->capexns ? ex->capexns * 2 : WEXN_GC_MIN;
        if (cap > (1u << 26))
            return NULL;
        wexn_t **a = wasm_rt_realloc(ex->exns, (size_t)ex->capexns * sizeof(wexn_t *),
                                     (size_t)cap * sizeof(wexn_t *));
        if (!a)
            return NULL;
        ex->exns = a;
        ex->capexns = cap;
    }
    uint32_t n = wmod_slots(t->type.nparams, t->type.params);   /* a v128 is two */
    wexn_t *e = wasm_rt_alloc(sizeof *e + (size_t)n * sizeof(uint64_t));
    if (!e)
        return NULL;
    e->tag = t;
    e->n = n;
    for (uint32_t i = 0; i < n; i++)
        e->vals[i] = vals[i];
    ex->exns[ex->nexns++] = e;
    return e;
}

void wexn_free_all(wasm_exec_t *ex)
{
    for (uint32_t i = 0; i < ex->nexns; i++)
        wasm_rt_free(ex->exns[i]);
    wasm_rt_free(ex->exns);
    ex->exns = NULL;
    ex->nexns = ex->capexns = 0;
}

/* ---- unwinding ---- */

/* The handler for e in the try_tables of the frame (p a cell of its
 * function, inst its instance, fp its slots): its target with the payload
 * delivered, or NULL. */
static const wcell_t *handler(const wexn_t *e, const wcell_t *p, uint64_t *fp,
                              const wasm_instance_t *inst)
{
    const wcode_fn_t *f = wcode_locate(inst->module, p);
    uint32_t eh = f ? __atomic_load_n(&f->eh, __ATOMIC_RELAXED) : 0;
    if (!eh)
        return NULL;
    const wcell_t *ix = __atomic_load_n(&f->code, __ATOMIC_ACQUIRE) + eh;
    for (uint64_t i = 0; i < ix[0].u64; i++) {
        const wcell_t *t = ix[1 + i].target;
        const wcell_t *end = t[t[1].u64 - 1].target;
        if (p <= t || p >= end)
            continue;
        const wcell_t *c = t + 3;
        for (uint64_t k = 0; k < t[2].u64; k++, c += 3) {
            uint32_t kind = (uint32_t)(c[0].u64 >> 32);
            if (kind < 2 && inst->tags[(uint32_t)c[0].u64] != e->tag)
                continue;
            uint64_t *dst = fp + c[2].sl;
            if (kind < 2)
                for (uint32_t j = 0; j < e->n; j++)
                    *dst++ = e->vals[j];
            if (kind & 1)
                *dst = (uint64_t)(uintptr_t)e;
            return c[1].target;
        }
    }
    return NULL;
}

bool wexn_unwind(wasm_exec_t *ex, wexn_t *e, const wcell_t *pc, uint64_t *fp,
                 wasm_instance_t *inst, uint32_t depth, wexn_catch_t *h)
{
    const wcell_t *p = pc;
    for (;;) {
        const wcell_t *target = handler(e, p, fp, inst);
        if (target) {
            *h = (wexn_catch_t){ target, fp, inst, depth };
            return true;
        }
        const wrt_frame_t *fr = &ex->frames[--depth];
        if (!fr->ret_pc)
            return false;       /* the frame the host called: uncaught */
        p = (const wcell_t *)fr->ret_pc - 1;
        fp = fr->fp;
        inst = fr->inst;
    }
}
