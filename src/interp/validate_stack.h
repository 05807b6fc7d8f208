/*
 * validate_stack.h - the operand and control stacks of the validation
 * algorithm (spec appendix "Validation Algorithm"), private to validate.c.
 *
 * Operand types are valtype bytes, with VT_UNKNOWN (0) for the bottom type
 * that appears after unreachable code. Errors are sticky in v->err; every
 * helper is a no-op once an error is set, so callers check once per
 * instruction. Both stacks grow geometrically and are capped: the control
 * stack by the body size (every block needs >= 2 bytes), the operand
 * stack by WMOD_MAX_STACK.
 */
#ifndef JERICHO_INTERP_VALIDATE_STACK_H
#define JERICHO_INTERP_VALIDATE_STACK_H

#include "interp/decode.h"
#include "interp/types.h"

#define VT_UNKNOWN 0

/* Bytes kept below vals[0] (zero), so that the fast path
 * (validate_fast.c) can read the top four types as one word. */
#define V_PAD 4

/* A stable one-byte array for each value type: single-value block types
 * point here (validate_fast.c). */
extern const uint8_t wval_vt[256];

typedef struct {
    uint8_t kind;          /* OP_BLOCK, OP_LOOP, OP_IF, OP_ELSE, OP_TRY_TABLE;
                              OP_CALL = function */
    bool unreachable;
    uint32_t brt_stamp;    /* br_table that last checked this label (see validate.c) */
    uint32_t height;       /* operand stack height at entry */
    uint32_t ninit;        /* v->ninits at entry: locals set inside are unset at its end */
    uint32_t np, nr;
    const uint8_t *params, *results;
} vframe_t;

typedef struct {
    const wasm_module_t *m;
    wrd_t r;
    const char *err;
    bool err_idx;          /* append err_index to the message */
    uint32_t err_index;
    uint8_t *vals;
    uint32_t nvals, capvals, maxvals;
    vframe_t *ctrls;
    uint32_t nctrls, capctrls, maxctrls;
    uint8_t *scratch;      /* br_table: values popped and pushed back */
    uint32_t capscratch;
    uint32_t brt_count;    /* br_tables seen, for vframe_t.brt_stamp */
    uint8_t *ltab;         /* the function's params then locals (fast path) */
    uint32_t nltab, capltab;
    /* Non-defaultable locals (typed references): lset[x] once set, and
     * the locals set so far in order, unset again at their block's end. */
    uint8_t *lset;
    uint32_t *inits;
    uint32_t ninits, capinits;
    bool track;            /* the function has a non-defaultable local */
} vstate_t;

static inline bool v_fail(vstate_t *v, const char *msg)
{
    if (!v->err)
        v->err = msg;
    return false;
}

static inline bool v_failx(vstate_t *v, const char *msg, uint32_t index)
{
    if (!v->err) {
        v->err = msg;
        v->err_idx = true;
        v->err_index = index;
    }
    return false;
}

/* Grow the operand stack to cap types (V_PAD zero bytes below it). */
static inline bool v_grow_vals(vstate_t *v, uint32_t cap)
{
    uint8_t *base = v->vals ? v->vals - V_PAD : NULL;
    uint8_t *p = wasm_rt_realloc(base, v->capvals ? v->capvals + V_PAD : 0, cap + V_PAD);
    if (!p)
        return v_fail(v, "out of memory");
    if (!base)
        memset(p, 0, V_PAD);
    v->vals = p + V_PAD;
    v->capvals = cap;
    return true;
}

static inline void v_free_vals(vstate_t *v)
{
    if (v->vals)
        wasm_rt_free(v->vals - V_PAD);
    v->vals = NULL;
    v->capvals = 0;
}

static inline void v_push(vstate_t *v, uint8_t t)
{
    if (v->err)
        return;
    if (v->nvals == v->capvals) {
        uint32_t cap = v->capvals ? v->capvals * 2 : 64;
        if (cap > WMOD_MAX_STACK) {
            v_fail(v, "operand stack too deep (implementation limit)");
            return;
        }
        if (!v_grow_vals(v, cap))
            return;
    }
    v->vals[v->nvals++] = t;
    if (v->nvals > v->maxvals)
        v->maxvals = v->nvals;
}

static inline uint8_t v_pop(vstate_t *v)
{
    if (v->err)
        return VT_UNKNOWN;
    vframe_t *f = &v->ctrls[v->nctrls - 1];
    if (v->nvals == f->height) {
        if (f->unreachable)
            return VT_UNKNOWN;
        v_fail(v, "type mismatch");
        return VT_UNKNOWN;
    }
    return v->vals[--v->nvals];
}

static inline uint8_t v_pop_expect(vstate_t *v, uint8_t want)
{
    uint8_t t = v_pop(v);
    if (t != want && !wvt_sub(v->m, t, want))
        v_fail(v, "type mismatch");
    return t == VT_UNKNOWN ? want : t;
}

static inline void v_push_n(vstate_t *v, uint32_t n, const uint8_t *types)
{
    for (uint32_t i = 0; i < n; i++)
        v_push(v, types[i]);
}

static inline void v_pop_n(vstate_t *v, uint32_t n, const uint8_t *types)
{
    for (uint32_t i = n; i-- > 0;)
        v_pop_expect(v, types[i]);
}

static inline void v_push_ctrl(vstate_t *v, uint8_t kind, uint32_t np, const uint8_t *params,
                               uint32_t nr, const uint8_t *results)
{
    if (v->err)
        return;
    if (v->nctrls == v->capctrls) {
        uint32_t cap = v->capctrls ? v->capctrls * 2 : 16;
        vframe_t *p = wasm_rt_realloc(v->ctrls, v->capctrls * sizeof *p, cap * sizeof *p);
        if (!p) {
            v_fail(v, "out of memory");
            return;
        }
        v->ctrls = p;
        v->capctrls = cap;
    }
    vframe_t *f = &v->ctrls[v->nctrls++];
    f->kind = kind;
    f->unreachable = false;
    f->brt_stamp = 0;
    f->height = v->nvals;
    f->ninit = v->ninits;
    f->np = np;
    f->params = params;
    f->nr = nr;
    f->results = results;
    if (v->nctrls > v->maxctrls)
        v->maxctrls = v->nctrls;
    v_push_n(v, np, params);
}

/* Pop the top frame (its results must be exactly what is left above its
 * height) into *out. */
static inline bool v_pop_ctrl(vstate_t *v, vframe_t *out)
{
    if (v->err)
        return false;
    vframe_t *f = &v->ctrls[v->nctrls - 1];
    v_pop_n(v, f->nr, f->results);
    if (!v->err && v->nvals != f->height)
        return v_fail(v, "type mismatch");
    *out = *f;
    v->nctrls--;
    while (v->ninits > f->ninit)    /* locals set in the block are unset again */
        v->lset[v->inits[--v->ninits]] = 0;
    return !v->err;
}

static inline void v_label_types(const vframe_t *f, uint32_t *n, const uint8_t **types)
{
    if (f->kind == 0x03) {    /* loop: branch to its start */
        *n = f->np;
        *types = f->params;
    } else {
        *n = f->nr;
        *types = f->results;
    }
}

/* A memarg of an access of natural alignment 2^maxalign (validate_mem.c):
 * its memory's address type (WASM_I32, WASM_I64), or 0 with an error set. */
uint8_t wval_memarg(vstate_t *v, uint32_t maxalign);

/* A SIMD instruction, its 0xFD byte read (validate_simd.c). false when
 * an error is set. */
bool wval_simd(vstate_t *v);

static inline void v_unreachable(vstate_t *v)
{
    vframe_t *f = &v->ctrls[v->nctrls - 1];
    v->nvals = f->height;
    f->unreachable = true;
}

/* The fast path (validate_fast.c): validates instructions from v->r.p
 * until one it does not take, which it leaves at v->r.p. */
void wval_fast(vstate_t *v, const wmod_type_t *ft);

/* validate_exn.c: throw and throw_ref (opcode read), try_table's catch
 * clauses (after its block type; false on error). */
void wval_throw(vstate_t *v);
void wval_throw_ref(vstate_t *v);
bool wval_catches(vstate_t *v);

#endif
