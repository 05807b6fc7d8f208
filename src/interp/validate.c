/*
 * validate.c - function body validation: the spec's validation algorithm
 * (appendix "Validation Algorithm") run over the instruction bytes, which
 * it also decodes (opcodes and immediates are checked here, so malformed
 * code is caught too). Ops with a fixed signature (opcodes.def SIG_*) go
 * through one generic path; the rest are typed by hand below. This is the
 * general path: validate_fast.c takes the common instructions first and
 * leaves this file the rest (errors, unreachable code, br_table...), so
 * it is built for size (interp.mk).
 *
 * Records max_stack and max_blocks in the function for the compiler.
 * No recursion; all memory is bounded (validate_stack.h).
 */
#include "interp/validate_stack.h"
#include "interp/port.h"
#include "interp/opcodes.h"

/* A stable one-byte array for each value type: single-value block types
 * point here. */
#define VT1(i) (i)
#define VT4(i) VT1(i), VT1(i + 1), VT1(i + 2), VT1(i + 3)
#define VT16(i) VT4(i), VT4(i + 4), VT4(i + 8), VT4(i + 12)
#define VT64(i) VT16(i), VT16(i + 16), VT16(i + 32), VT16(i + 48)
/* every code is its own entry (validator codes: types.h) */
const uint8_t wval_vt[256] = { VT64(0), VT64(64), VT64(128), VT64(192) };

/* The module being validated, to intern the codes of new reference types
 * (types.h): it is still under construction, its own until returned. */
static wasm_module_t *wv_mod(vstate_t *v)
{
    return (wasm_module_t *)(uintptr_t)v->m;
}

typedef struct {
    uint32_t np, nr;
    const uint8_t *params, *results;
} vblock_t;

static bool read_blocktype(vstate_t *v, vblock_t *bt)
{
    bt->np = bt->nr = 0;
    bt->params = bt->results = NULL;
    if (v->r.p >= v->r.end) {
        wrd_u8(&v->r);
        return false;
    }
    uint8_t b = *v->r.p;
    if (b == 0x40) {
        v->r.p++;
        return true;
    }
    if (wmod_is_valtype(b) || b == 0x63 || b == 0x64 || (b >= WHT_EXN && b <= WHT_NOEXN)) {
        uint8_t rt, vt;
        if (!wtype_read_vt(wv_mod(v), &v->r, &rt, &vt))
            return false;
        bt->nr = 1;
        bt->results = &wval_vt[vt];
        return true;
    }
    int64_t x = wrd_s33(&v->r);
    if (!wrd_ok(&v->r))
        return false;
    if (x < 0)
        return v_fail(v, "malformed value type");
    if ((uint64_t)x >= v->m->ntypes)
        return v_failx(v, "unknown type", (uint32_t)x);
    const wmod_type_t *t = &v->m->types[x];
    bt->np = t->nparams;
    bt->params = t->vt;
    bt->nr = t->nresults;
    bt->results = t->vt + t->nparams;
    return true;
}

static uint32_t read_idx(vstate_t *v)
{
    return wrd_u32(&v->r);
}

static bool zero_byte(vstate_t *v)
{
    uint8_t b = wrd_u8(&v->r);
    if (wrd_ok(&v->r) && b != 0)
        return v_fail(v, "zero byte expected");
    return wrd_ok(&v->r);
}

static bool need_memory(vstate_t *v)
{
    if (v->m->nmems == 0)
        return v_failx(v, "unknown memory", 0);
    return true;
}

/* A memory index: with multi-memory a u32 that must name a memory, else
 * Wasm 2.0's zero byte. Its address type (WASM_I32, WASM_I64), or 0 after
 * an error. */
static uint8_t mem_idx(vstate_t *v)
{
    if (!(v->m->features & WASM_FEATURE_MULTI_MEMORY))
        return zero_byte(v) && need_memory(v) ? wmod_mem_at(v->m, 0) : 0;
    uint32_t x = read_idx(v);
    if (!wrd_ok(&v->r))
        return 0;
    if (x >= v->m->nmems)
        return v_failx(v, "unknown memory", x);
    return wmod_mem_at(v->m, x);
}

static const wmod_table_t *table(vstate_t *v, uint32_t x)
{
    if (!wrd_ok(&v->r))
        return NULL;
    if (x >= v->m->ntables) {
        v_failx(v, "unknown table", x);
        return NULL;
    }
    return &v->m->tables[x];
}

static bool data_idx(vstate_t *v, uint32_t x)
{
    if (!wrd_ok(&v->r))
        return false;
    if (!v->m->has_datacount)
        return v_fail(v, "data count section required");
    if (x >= v->m->datacount)
        return v_failx(v, "unknown data segment", x);
    return true;
}

static const wmod_elem_t *elem(vstate_t *v, uint32_t x)
{
    if (!wrd_ok(&v->r))
        return NULL;
    if (x >= v->m->nelems) {
        v_failx(v, "unknown elem segment", x);
        return NULL;
    }
    return &v->m->elems[x];
}

/* Immediates of a fixed-signature op (validation of the indices they
 * name), and its signature into *sd: the opcode table's, with the i32
 * addresses, sizes and lengths of a 64-bit memory or table (memory64,
 * table64) made i64. */
static void fixed_immediates(vstate_t *v, uint8_t op, const wop_info_t *in, wop_sigdesc_t *sd)
{
    wrd_t *r = &v->r;
    uint8_t at, at2;
    *sd = wop_sigs[in->sig];
    switch ((wop_imm_t)in->imm) {
    case IMM_NONE:
        break;
    case IMM_MEMARG:
        sd->params[0] = wval_memarg(v, wop_mem_align(op));
        break;
    case IMM_MEM:       /* memory.size [] -> [at], grow [at] -> [at], fill [at i32 at] */
        if ((at = mem_idx(v)) != 0) {
            sd->params[0] = sd->params[2] = sd->result = at;
            sd->params[1] = sd->nparams == 3 ? WASM_I32 : 0;
        }
        break;
    case IMM_MEM_MEM:   /* memory.copy d s: [at_d at_s min(at_d, at_s)] */
        if ((at = mem_idx(v)) != 0 && (at2 = mem_idx(v)) != 0) {
            sd->params[0] = at;
            sd->params[1] = at2;
            sd->params[2] = at == WASM_I64 && at2 == WASM_I64 ? WASM_I64 : WASM_I32;
        }
        break;
    case IMM_DATA_MEM: {    /* memory.init: [at i32 i32] */
        uint32_t x = read_idx(v);
        if ((at = mem_idx(v)) != 0 && data_idx(v, x))
            sd->params[0] = at;
        break;
    }
    case IMM_DATA:
        data_idx(v, read_idx(v));
        break;
    case IMM_TABLE: {   /* table.size: [] -> [at] */
        uint32_t x = read_idx(v);
        if (table(v, x))
            sd->result = wmod_table_at(v->m, x);
        break;
    }
    case IMM_ELEM:
        elem(v, read_idx(v));
        break;
    case IMM_ELEM_TABLE: {  /* table.init: [at i32 i32] */
        uint32_t e = read_idx(v), t = read_idx(v);
        const wmod_table_t *tt = table(v, t);
        const wmod_elem_t *ee = tt ? elem(v, e) : NULL;
        if (ee && !wvt_sub(v->m, ee->vt, tt->vt))
            v_fail(v, "type mismatch");
        else if (ee)
            sd->params[0] = wmod_table_at(v->m, t);
        break;
    }
    case IMM_TABLE_TABLE: { /* table.copy d s: [at_d at_s min(at_d, at_s)] */
        uint32_t d = read_idx(v), s = read_idx(v);
        const wmod_table_t *td = table(v, d);
        const wmod_table_t *ts = td ? table(v, s) : NULL;
        if (ts && !wvt_sub(v->m, ts->vt, td->vt)) {
            v_fail(v, "type mismatch");
        } else if (ts) {
            sd->params[0] = wmod_table_at(v->m, d);
            sd->params[1] = wmod_table_at(v->m, s);
            sd->params[2] = td->limits.is64 && ts->limits.is64 ? WASM_I64 : WASM_I32;
        }
        break;
    }
    case IMM_I32: wrd_s32(r); break;
    case IMM_I64: wrd_s64(r); break;
    case IMM_F32: wrd_bytes(r, 4); break;
    case IMM_F64: wrd_bytes(r, 8); break;
    default:
        v_fail(v, "illegal opcode");   /* table/opcode mismatch: cannot happen */
        break;
    }
}

static void apply_sig(vstate_t *v, const wop_sigdesc_t *s)
{
    if (v->err)
        return;
    for (uint32_t i = s->nparams; i-- > 0;)
        v_pop_expect(v, s->params[i]);
    if (s->nresults)
        v_push(v, s->result);
}

static void local_type(vstate_t *v, const wmod_func_t *f, const wmod_type_t *ft, uint32_t x,
                       uint8_t *t)
{
    if (!wrd_ok(&v->r))
        return;
    if (x < ft->nparams)
        *t = ft->vt[x];
    else if ((uint64_t)x - ft->nparams < f->nlocals)
        *t = f->local_vt[x - ft->nparams];
    else
        v_failx(v, "unknown local", x);
}

static void br_table(vstate_t *v)
{
    uint32_t n = wrd_count(&v->r);
    const uint8_t *labels = v->r.p;
    for (uint32_t i = 0; i < n && wrd_ok(&v->r); i++)
        wrd_u32(&v->r);
    uint32_t dflt = wrd_u32(&v->r);
    const uint8_t *after = v->r.p;
    if (!wrd_ok(&v->r))
        return;
    v_pop_expect(v, WASM_I32);
    if (dflt >= v->nctrls) {
        v_failx(v, "unknown label", dflt);
        return;
    }
    uint32_t arity;
    const uint8_t *dtypes;
    v_label_types(&v->ctrls[v->nctrls - 1 - dflt], &arity, &dtypes);
    if (v->err)
        return;     /* nothing to allocate for: the first error stands */
    if (arity > v->capscratch) {
        uint8_t *p = wasm_rt_realloc(v->scratch, v->capscratch, arity);
        if (!p) {
            v_fail(v, "out of memory");
            return;
        }
        v->scratch = p;
        v->capscratch = arity;
    }
    /* Checking a label pops its types and pushes back what was popped: the
     * second check of the same label changes nothing, so each label is
     * checked once per br_table (a table of n copies of one deep label
     * would otherwise cost n x arity). */
    uint32_t stamp = ++v->brt_count;
    wrd_t lr;
    wrd_init(&lr, labels, after, WRD_EOS);
    for (uint32_t i = 0; i < n && !v->err; i++) {
        uint32_t l = wrd_u32(&lr);
        if (l >= v->nctrls) {
            v_failx(v, "unknown label", l);
            return;
        }
        vframe_t *lf = &v->ctrls[v->nctrls - 1 - l];
        uint32_t k;
        const uint8_t *types;
        v_label_types(lf, &k, &types);
        if (k == arity && lf->brt_stamp == stamp)
            continue;
        lf->brt_stamp = stamp;
        if (k != arity) {
            v_fail(v, "type mismatch");
            return;
        }
        /* pop the label's types, push back what was popped */
        for (uint32_t j = k; j-- > 0;) {
            uint8_t t = v_pop(v);
            if (!wvt_sub(v->m, t, types[j]))
                v_fail(v, "type mismatch");
            v->scratch[j] = t;
        }
        v_push_n(v, k, v->scratch);
    }
    v_pop_n(v, arity, dtypes);
    if (!v->err)
        v_unreachable(v);
}

static void select_op(vstate_t *v, bool typed)
{
    uint8_t want = VT_UNKNOWN;
    if (typed) {
        uint32_t n = wrd_u32(&v->r);
        if (!wrd_ok(&v->r))
            return;
        if (n != 1) {
            v_fail(v, "invalid result arity");
            return;
        }
        uint8_t rt;
        if (!wtype_read_vt(wv_mod(v), &v->r, &rt, &want))
            return;
    }
    v_pop_expect(v, WASM_I32);
    if (typed) {
        v_pop_expect(v, want);
        v_pop_expect(v, want);
        v_push(v, want);
        return;
    }
    uint8_t t1 = v_pop(v), t2 = v_pop(v);
    if (v->err)
        return;
    if (wvt_is_ref(v->m, t1) || wvt_is_ref(v->m, t2)) {
        v_fail(v, "type mismatch");
        return;
    }
    if (t1 != t2 && t1 != VT_UNKNOWN && t2 != VT_UNKNOWN) {
        v_fail(v, "type mismatch");
        return;
    }
    v_push(v, t1 == VT_UNKNOWN ? t2 : t1);
}

/* return_call*: the callee's results are the function's (its arguments
 * are popped already); what follows is unreachable. */
static bool tail_call(vstate_t *v, const wmod_type_t *ct, const wmod_type_t *ft)
{
    const char *off = wmod_feature_off(v->m, WASM_FEATURE_TAIL_CALL);
    if (off)
        return v_fail(v, off);
    if (ct->nresults != ft->nresults ||
        !wvt_sub_n(v->m, ft->nresults, ct->vt + ct->nparams, ft->vt + ft->nparams))
        return v_fail(v, "type mismatch");
    if (!v->err)
        v_unreachable(v);
    return !v->err && wrd_ok(&v->r);
}

/* ref.func x's type: (ref $t) for x's type $t with typed references,
 * else funcref (Wasm 2.0). */
static uint8_t ref_func_type(vstate_t *v, uint32_t x)
{
    const char *err = NULL;
    if (wmod_feature_off(v->m, WASM_FEATURE_FUNCTION_REFERENCES))
        return WASM_FUNCREF;
    uint8_t t = wvt_of_type(wv_mod(v), v->m->funcs[x].type, false, &err);
    if (err)
        v_fail(v, err);
    return t;
}

/* A reference operand: its type (VT_UNKNOWN in unreachable code). */
static uint8_t pop_ref(vstate_t *v)
{
    uint8_t t = v_pop(v);
    if (!v->err && t != VT_UNKNOWN && !wvt_is_ref(v->m, t))
        v_fail(v, "type mismatch");
    return t;
}

/* (ref ht) of (ref null? ht); the unknown type stays. */
static uint8_t nonnull(vstate_t *v, uint8_t t)
{
    const char *err = NULL;
    if (t == VT_UNKNOWN || v->err)
        return t;
    t = wvt_nonnull(wv_mod(v), t, &err);
    if (err)
        v_fail(v, err);
    return t;
}

/* Typed function references (opcode read): ref.as_non_null, br_on_null,
 * br_on_non_null, call_ref, return_call_ref. */
static bool typed_ref_op(vstate_t *v, const wmod_type_t *ft, uint8_t op)
{
    const char *off = wmod_feature_off(v->m, WASM_FEATURE_FUNCTION_REFERENCES);
    if (off)
        return v_fail(v, off);
    uint32_t x = op == OP_REF_AS_NON_NULL ? 0 : read_idx(v), n;
    const uint8_t *types;
    if (!wrd_ok(&v->r))
        return false;
    switch (op) {
    case OP_REF_AS_NON_NULL:
        v_push(v, nonnull(v, pop_ref(v)));
        break;
    case OP_BR_ON_NULL:
    case OP_BR_ON_NON_NULL: {
        if (x >= v->nctrls)
            return v_failx(v, "unknown label", x);
        v_label_types(&v->ctrls[v->nctrls - 1 - x], &n, &types);
        uint8_t t = nonnull(v, pop_ref(v));
        if (op == OP_BR_ON_NULL) {
            v_pop_n(v, n, types);
            v_push_n(v, n, types);
            v_push(v, t);
            break;
        }
        if (n == 0 || !wvt_is_ref(v->m, types[n - 1]))
            return v_fail(v, "type mismatch");
        v_push(v, t);
        v_pop_n(v, n, types);
        v_push_n(v, n - 1, types);
        break;
    }
    default: {  /* call_ref, return_call_ref */
        const char *err = NULL;
        if (x >= v->m->ntypes)
            return v_failx(v, "unknown type", x);
        const wmod_type_t *ct = &v->m->types[x];
        if (ct->kind != WCT_FUNC)
            return v_fail(v, "type mismatch");
        uint8_t want = wvt_of_type(wv_mod(v), x, true, &err);
        if (err)
            return v_fail(v, err);
        v_pop_expect(v, want);
        v_pop_n(v, ct->nparams, ct->vt);
        if (op == OP_RETURN_CALL_REF)
            return tail_call(v, ct, ft);
        v_push_n(v, ct->nresults, ct->vt + ct->nparams);
        break;
    }
    }
    return !v->err && wrd_ok(&v->r);
}

/* One instruction (opcode byte already read). Returns false when the
 * function's final end has been consumed or an error is set. */
static bool instr(vstate_t *v, const wmod_func_t *fn, const wmod_type_t *ft, uint8_t op)
{
    const wasm_module_t *m = v->m;
    wrd_t *r = &v->r;
    if (op == OP_PREFIX_FC) {
        uint32_t sub = wrd_u32(r);
        if (!wrd_ok(r))
            return false;
        if (sub >= OPFC_COUNT)
            return v_failx(v, "illegal opcode 0xfc", sub);
        const wop_info_t *in = &wop_fc_info[sub];
        if (in->sig != SIG_SPECIAL) {
            wop_sigdesc_t sd;
            fixed_immediates(v, op, in, &sd);
            apply_sig(v, &sd);
            return true;
        }
        uint32_t x = read_idx(v);
        const wmod_table_t *t = table(v, x);
        if (!t)
            return false;
        uint8_t at = wmod_table_at(m, x);
        if (sub == OPFC_TABLE_GROW) {
            v_pop_expect(v, at);
            v_pop_expect(v, t->vt);
            v_push(v, at);
        } else { /* OPFC_TABLE_FILL */
            v_pop_expect(v, at);
            v_pop_expect(v, t->vt);
            v_pop_expect(v, at);
        }
        return true;
    }
    if (op == OP_PREFIX_FD)
        return wval_simd(v);
    const wop_info_t *in = &wop_info[op];
    if (!in->known)
        return v_failx(v, "illegal opcode", op);
    if (in->sig != SIG_SPECIAL) {
        wop_sigdesc_t sd;
        fixed_immediates(v, op, in, &sd);
        apply_sig(v, &sd);
        return true;
    }
    vblock_t bt;
    vframe_t f;
    uint32_t x;
    uint8_t t;
    switch (op) {
    case OP_UNREACHABLE:
        v_unreachable(v);
        break;
    case OP_BLOCK:
    case OP_LOOP:
    case OP_IF:
    case OP_TRY_TABLE:
        if (op == OP_TRY_TABLE && wmod_feature_off(m, WASM_FEATURE_EXCEPTIONS))
            return v_fail(v, wmod_feature_off(m, WASM_FEATURE_EXCEPTIONS));
        if (!read_blocktype(v, &bt))
            return false;
        if (op == OP_IF)
            v_pop_expect(v, WASM_I32);
        if (op == OP_TRY_TABLE && !wval_catches(v))
            return false;
        v_pop_n(v, bt.np, bt.params);
        v_push_ctrl(v, op, bt.np, bt.params, bt.nr, bt.results);
        break;
    case OP_ELSE:
        if (v->ctrls[v->nctrls - 1].kind != OP_IF)
            return v_fail(v, "illegal opcode else (no matching if)");
        if (!v_pop_ctrl(v, &f))
            return false;
        v_push_ctrl(v, OP_ELSE, f.np, f.params, f.nr, f.results);
        break;
    case OP_END:
        if (!v_pop_ctrl(v, &f))
            return false;
        if (f.kind == OP_IF && (f.np != f.nr || !wvt_sub_n(m, f.np, f.params, f.results)))
            return v_fail(v, "type mismatch");
        if (v->nctrls == 0)
            return false;    /* the function's end */
        v_push_n(v, f.nr, f.results);
        break;
    case OP_BR:
    case OP_BR_IF: {
        x = read_idx(v);
        if (!wrd_ok(r))
            return false;
        if (x >= v->nctrls)
            return v_failx(v, "unknown label", x);
        uint32_t n;
        const uint8_t *types;
        v_label_types(&v->ctrls[v->nctrls - 1 - x], &n, &types);
        if (op == OP_BR_IF)
            v_pop_expect(v, WASM_I32);
        v_pop_n(v, n, types);
        if (op == OP_BR_IF)
            v_push_n(v, n, types);
        else if (!v->err)
            v_unreachable(v);
        break;
    }
    case OP_BR_TABLE:
        br_table(v);
        break;
    case OP_THROW:
    case OP_THROW_REF:
        if (wmod_feature_off(m, WASM_FEATURE_EXCEPTIONS))
            return v_fail(v, wmod_feature_off(m, WASM_FEATURE_EXCEPTIONS));
        if (op == OP_THROW)
            wval_throw(v);
        else
            wval_throw_ref(v);
        break;
    case OP_RETURN:
        v_pop_n(v, ft->nresults, ft->vt + ft->nparams);
        if (!v->err)
            v_unreachable(v);
        break;
    case OP_CALL:
    case OP_RETURN_CALL: {
        x = read_idx(v);
        if (!wrd_ok(r))
            return false;
        if (x >= m->nfuncs)
            return v_failx(v, "unknown function", x);
        const wmod_type_t *ct = wmod_functype(m, x);
        v_pop_n(v, ct->nparams, ct->vt);
        if (op == OP_RETURN_CALL)
            return tail_call(v, ct, ft);
        v_push_n(v, ct->nresults, ct->vt + ct->nparams);
        break;
    }
    case OP_CALL_INDIRECT:
    case OP_RETURN_CALL_INDIRECT: {
        uint32_t ti = read_idx(v), x = read_idx(v);
        const wmod_table_t *tt = table(v, x);
        if (!tt)
            return false;
        if (!wvt_sub(m, tt->vt, WASM_FUNCREF))
            return v_fail(v, "type mismatch");
        if (ti >= m->ntypes)
            return v_failx(v, "unknown type", ti);
        const wmod_type_t *ct = &m->types[ti];
        v_pop_expect(v, wmod_table_at(m, x));
        v_pop_n(v, ct->nparams, ct->vt);
        if (op == OP_RETURN_CALL_INDIRECT)
            return tail_call(v, ct, ft);
        v_push_n(v, ct->nresults, ct->vt + ct->nparams);
        break;
    }
    case OP_DROP:
        v_pop(v);
        break;
    case OP_SELECT:
    case OP_SELECT_T:
        select_op(v, op == OP_SELECT_T);
        break;
    case OP_LOCAL_GET:
    case OP_LOCAL_SET:
    case OP_LOCAL_TEE:
        t = VT_UNKNOWN;
        x = read_idx(v);
        local_type(v, fn, ft, x, &t);
        if (v->err || !wrd_ok(r))
            return false;
        if (v->track && !v->lset[x]) {    /* a non-defaultable local not set yet */
            if (op == OP_LOCAL_GET)
                return v_failx(v, "uninitialized local", x);
            v->lset[x] = 1;
            v->inits[v->ninits++] = x;
        }
        if (op != OP_LOCAL_GET)
            v_pop_expect(v, t);
        if (op != OP_LOCAL_SET)
            v_push(v, t);
        break;
    case OP_GLOBAL_GET:
    case OP_GLOBAL_SET:
        x = read_idx(v);
        if (!wrd_ok(r))
            return false;
        if (x >= m->nglobals)
            return v_failx(v, "unknown global", x);
        if (op == OP_GLOBAL_GET) {
            v_push(v, m->globals[x].vt);
        } else {
            if (!m->globals[x].mut)
                return v_fail(v, "global is immutable");
            v_pop_expect(v, m->globals[x].vt);
        }
        break;
    case OP_TABLE_GET:
    case OP_TABLE_SET: {
        x = read_idx(v);
        const wmod_table_t *tt = table(v, x);
        if (!tt)
            return false;
        if (op == OP_TABLE_GET) {
            v_pop_expect(v, wmod_table_at(m, x));
            v_push(v, tt->vt);
        } else {
            v_pop_expect(v, tt->vt);
            v_pop_expect(v, wmod_table_at(m, x));
        }
        break;
    }
    case OP_REF_NULL: {
        uint8_t rt;
        if (!wtype_read_heap(wv_mod(v), r, &rt, &t))
            return false;
        v_push(v, t);
        break;
    }
    case OP_REF_IS_NULL:
        t = v_pop(v);
        if (!v->err && t != VT_UNKNOWN && !wvt_is_ref(m, t))
            return v_fail(v, "type mismatch");
        v_push(v, WASM_I32);
        break;
    case OP_REF_AS_NON_NULL:
    case OP_BR_ON_NULL:
    case OP_BR_ON_NON_NULL:
    case OP_CALL_REF:
    case OP_RETURN_CALL_REF:
        return typed_ref_op(v, ft, op);
    case OP_REF_FUNC:
        x = read_idx(v);
        if (!wrd_ok(r))
            return false;
        if (x >= m->nfuncs)
            return v_failx(v, "unknown function", x);
        if (!m->declared[x])
            return v_fail(v, "undeclared function reference");
        v_push(v, ref_func_type(v, x));
        break;
    default:
        return v_failx(v, "illegal opcode", op);
    }
    return !v->err && wrd_ok(r);
}

/* Ready v for module m: stacks of a first size, kept from one function
 * to the next (the fast path needs vals allocated, with its pad). */
static bool v_begin(vstate_t *v, const wasm_module_t *m, char *err, size_t errlen)
{
    memset(v, 0, sizeof *v);
    v->m = m;
    v->ctrls = wasm_rt_alloc(16 * sizeof *v->ctrls);
    if (v->ctrls)
        v->capctrls = 16;
    if (!v->ctrls || !v_grow_vals(v, 256))
        return wmod_err(err, errlen, "out of memory", false, 0);
    return true;
}

static void v_end(vstate_t *v)
{
    v_free_vals(v);
    wasm_rt_free(v->ctrls);
    wasm_rt_free(v->scratch);
    wasm_rt_free(v->ltab);
    wasm_rt_free(v->lset);
    wasm_rt_free(v->inits);
}

/* Ready the initialisation state of fn's locals: tracked only when one
 * is non-defaultable (a non-null reference); params are set. */
static bool track_locals(vstate_t *v, const wmod_func_t *fn, const wmod_type_t *ft)
{
    v->track = false;
    v->ninits = 0;
    for (uint32_t i = 0; i < fn->nlocals && !v->track; i++)
        v->track = !wvt_defaultable(v->m, fn->local_vt[i]);
    if (!v->track)
        return true;
    size_t nl = (size_t)ft->nparams + fn->nlocals;
    wasm_rt_free(v->lset);
    wasm_rt_free(v->inits);
    v->lset = wasm_rt_alloc(nl);
    v->inits = wasm_rt_alloc(nl * sizeof *v->inits);
    if (!v->lset || !v->inits)
        return false;
    for (size_t i = 0; i < nl; i++)
        v->lset[i] = i < ft->nparams || wvt_defaultable(v->m, v->ltab[i]);
    return true;
}

/* One function body on v's stacks: the fast path (validate_fast.c) takes
 * the common instructions, instr() each one it leaves. */
static bool validate_body(vstate_t *v, uint32_t funcidx, char *err, size_t errlen)
{
    const wasm_module_t *m = v->m;
    wmod_func_t *fn = &m->funcs[funcidx];
    const wmod_type_t *ft = wmod_functype(m, funcidx);
    v->err = NULL;
    v->err_idx = false;
    v->err_index = 0;
    v->nvals = v->maxvals = 0;
    v->nctrls = v->maxctrls = 0;
    /* a type stack as deep as the body is long (up to 64 Ki types), so
     * that the fast path runs through it in one go (validate_fast.c) */
    uint32_t want = fn->body_len < 65535 ? fn->body_len + 1 : 65536;
    if (want > v->capvals && !v_grow_vals(v, want > 2 * v->capvals ? want : 2 * v->capvals))
        return wmod_err(err, errlen, v->err, false, 0);
    /* the types of the params and locals in one array, for the fast path */
    size_t nl = (size_t)ft->nparams + fn->nlocals;
    if (nl > v->capltab) {
        uint8_t *p = wasm_rt_realloc(v->ltab, v->capltab, nl);
        if (!p)
            return wmod_err(err, errlen, "out of memory", false, 0);
        v->ltab = p;
        v->capltab = (uint32_t)nl;
    }
    if (v->ltab && ft->nparams)     /* ltab is there when nl > 0 */
        memcpy(v->ltab, ft->vt, ft->nparams);
    if (v->ltab && fn->nlocals)
        memcpy(v->ltab + ft->nparams, fn->local_vt, fn->nlocals);
    v->nltab = (uint32_t)nl;
    if (!track_locals(v, fn, ft))
        return wmod_err(err, errlen, "out of memory", false, 0);
    wrd_init(&v->r, fn->body, fn->body + fn->body_len, WRD_EOS);
    v_push_ctrl(v, OP_CALL, 0, NULL, ft->nresults, ft->vt + ft->nparams);
    for (;;) {
#ifndef WVAL_NO_FAST    /* the general path alone: tests/spec/decode/validate_diff.c */
        if (!v->track)  /* local initialisation is tracked here only */
            wval_fast(v, ft);
#endif
        if (!wrd_ok(&v->r) || v->err)
            break;
        if (v->r.p >= v->r.end) {
            v_fail(v, "END opcode expected");
            break;
        }
        uint8_t op = wrd_u8(&v->r);
        if (!instr(v, fn, ft, op))
            break;
    }
    if (!wrd_ok(&v->r))
        v->err = v->r.err;   /* a decoding error comes first */
    if (!v->err && v->r.p != v->r.end)
        v->err = "section size mismatch";
    fn->max_stack = v->maxvals;
    fn->max_blocks = v->maxctrls;
    if (v->err)
        return wmod_err(err, errlen, v->err, v->err_idx, v->err_index);
    return true;
}

bool wmod_validate_funcs(const wasm_module_t *m, char *err, size_t errlen)
{
    vstate_t v;
    bool ok = v_begin(&v, m, err, errlen);
    for (uint32_t i = m->nimport_funcs; ok && i < m->nfuncs; i++)
        ok = validate_body(&v, i, err, errlen);
    v_end(&v);
    return ok;
}
