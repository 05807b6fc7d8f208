/*
 * compile_simd.c - compiling v128 values and the SIMD (0xFD) instructions.
 *
 * A v128 is two 8-byte slots (code.h), two entries of the compile-time
 * stack (compile.h: low half, then the high half marked hi), always of the
 * same kind. Locals are numbered by slot when a function has a v128 param
 * or local (lslot). Every SIMD op is compiled the same way, from its
 * signature and immediate kind in the table: the instruction (one per
 * shape, code.h V_*, then the op's function; a memory op's own), its
 * operands' slots, its result's slot, then its immediates (the shapes of
 * simd.h). v128.const is a pair of pending constants, like any constant.
 */
#include "interp/compile.h"
#include "interp/decode.h"

/* The instruction of each SIMD op (k_xo) and, for the computing ones, the
 * function its shape's instruction calls (k_fn; none for v128.const and
 * the memory ops). Two arrays rather than one of structs: 2.5 KB of the
 * kernel's rodata instead of 4. */
#define WV_UN(n) WV_FN(n, V_UN)
#define WV_BIN(n) WV_FN(n, V_BIN)
#define WV_TERN(n) WV_FN(n, V_TERN)
#define WV_SHIFT(n) WV_FN(n, V_SHIFT)
#define WV_SPLAT(n) WV_FN(n, V_SPLAT)
#define WV_TEST(n) WV_FN(n, V_TEST)
#define WV_EXTRACT(n) WV_FN(n, V_EXTRACT)
#define WV_REPLACE(n) WV_FN(n, V_REPLACE)
#define WV_SHUFFLE(n) WV_FN(n, V_SHUFFLE)
#define WV_STORE(n) WV_LOAD(n)
#define WV_LOAD_LANE(n) WV_LOAD(n)
#define WV_STORE_LANE(n) WV_LOAD(n)
#define OPFD(s, n, t, imm, sig) WV_SHAPE(n, imm, sig)
static const uint16_t k_xo[OPFD_COUNT] = {
#define WV_FN(n, shape) [OPFD_##n] = XO_##shape,
#define WV_LOAD(n) [OPFD_##n] = XO_##n,
#include "interp/opcodes_simd.def"
#undef WV_FN
#undef WV_LOAD
};
static void (*const k_fn[OPFD_COUNT])(void) = {
#define WV_FN(n, shape) [OPFD_##n] = (void (*)(void))wv_##n,
#define WV_LOAD(n)
#include "interp/opcodes_simd.def"
#undef WV_FN
#undef WV_LOAD
};
#undef OPFD
#include "interp/simd_unshape.h"

static uint8_t local_type(const cc_t *c, uint32_t x)
{
    uint32_t np = c->ftype->nparams;
    return x < np ? c->ftype->types[x] : c->ltypes[x - np];
}

bool cc_map_locals(cc_t *c)
{
    uint32_t n = c->ftype->nparams + c->nldecl;
    if (c->nlocals == n)
        return true;    /* no v128: local x is slot x */
    c->lslot = wasm_rt_alloc(((size_t)n + 1) * sizeof(uint32_t));
    if (!c->lslot)
        return false;
    uint32_t s = 0;
    for (uint32_t x = 0; x < n; x++) {
        c->lslot[x] = s;
        s += local_type(c, x) == WASM_V128 ? 2 : 1;
    }
    c->lslot[n] = s;
    return true;
}

bool cc_local_v128(const cc_t *c, uint32_t x)
{
    return local_type(c, x) == WASM_V128;
}

static void push_v128(cc_t *c)
{
    cc_push_canon(c);
    cc_push_canon(c);
    cc_mark_hi(c);
}

/* The first slot of the v128 at entries h (low half) and h + 1. */
static uint32_t vslot(cc_t *c, uint32_t h)
{
    const cv_t *lo = &c->stk[h], *hi = &c->stk[h + 1];
    if (lo->kind == CV_LOCAL && hi->kind == CV_LOCAL && hi->local == lo->local + 1)
        return lo->local;
    if (lo->kind == CV_CONST && hi->kind == CV_CONST) {
        cc_slot(c, h + 1);      /* CONST, then CONST2 with the low half */
        cc_slot(c, h);
    } else if (lo->kind != CV_CANON || hi->kind != CV_CANON) {
        cc_materialize(c, h);   /* halves never differ in kind: not reached */
    }
    return cc_canon(c, h);
}

void cc_v128_global(cc_t *c, uint8_t op, uint32_t x)
{
    uint32_t ins = c->n;
    if (op == OP_GLOBAL_GET) {
        push_v128(c);
        cc_emit_op(c, XO_GLOBAL_GET_V);
        cc_emit(c, x);
        cc_emit(c, cc_canon(c, c->sp - 2));
        cc_set_last(c, ins, XO_GLOBAL_GET_V, (int32_t)(ins + 2), false);
        return;
    }
    uint32_t v = vslot(c, c->sp - 2);
    cc_pop(c);
    cc_pop(c);
    cc_emit_op(c, XO_GLOBAL_SET_V);
    cc_emit(c, x);
    cc_emit(c, v);
    cc_clear_last(c);
}

void cc_v128_select(cc_t *c)
{
    uint32_t cond = cc_slot(c, c->sp - 1);
    uint32_t b = vslot(c, c->sp - 3), a = vslot(c, c->sp - 5);
    for (int i = 0; i < 5; i++)
        cc_pop(c);
    push_v128(c);
    uint32_t ins = c->n;
    cc_emit_op(c, XO_SELECT_V);
    cc_emit(c, a);
    cc_emit(c, b);
    cc_emit(c, cond);
    cc_emit(c, cc_canon(c, c->sp - 2));
    cc_set_last(c, ins, XO_SELECT_V, (int32_t)(ins + 4), false);
}

static uint64_t bytes8(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; p && i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

/* A SIMD load or store on memory mem (not 0): V_MEMX [sub mem off addr v
 * dst lane], the operands of its signature (i32 address, then a v128 for
 * stores and lane ops), its v128 result if any. */
static void memx(cc_t *c, uint32_t sub, uint32_t mem, uint64_t off, uint64_t lane)
{
    const wop_sigdesc_t *sig = &wop_sigs[wop_fd_info[sub].sig];
    uint32_t addr, v = 0, dst = 0;
    if (sig->nparams == 2) {
        v = vslot(c, c->sp - 2);
        addr = cc_slot(c, c->sp - 3);
    } else {
        addr = cc_slot(c, c->sp - 1);
    }
    for (uint32_t i = sig->nparams == 2 ? 3 : 1; i > 0; i--)
        cc_pop(c);
    if (sig->nresults) {
        push_v128(c);
        dst = cc_canon(c, c->sp - 2);
    }
    cc_emit_op(c, XO_V_MEMX);
    cc_emit(c, sub);
    cc_emit(c, mem);
    cc_emit(c, off);
    cc_emit(c, addr);
    cc_emit(c, v);
    cc_emit(c, dst);
    cc_emit(c, lane);
    cc_clear_last(c);
}

void cc_instr_fd(cc_t *c, uint32_t sub)
{
    if (sub >= OPFD_COUNT || !wop_fd_info[sub].known) {
        cc_clear_last(c);       /* validated code has no other op */
        return;
    }
    const wop_info_t *in = &wop_fd_info[sub];
    const wop_sigdesc_t *sig = &wop_sigs[in->sig];
    /* the immediates, in the order of the instruction's last cells */
    uint64_t imm[2];
    uint32_t nimm = 0;
    switch ((wop_imm_t)in->imm) {
    case IMM_V128: {
        const uint8_t *p = wrd_bytes(&c->r, 16);
        cc_push_const(c, bytes8(p));
        cc_push_const(c, bytes8(p ? p + 8 : NULL));
        cc_mark_hi(c);
        return;
    }
    case IMM_SHUFFLE: {
        const uint8_t *p = wrd_bytes(&c->r, 16);
        imm[nimm++] = bytes8(p);
        imm[nimm++] = bytes8(p ? p + 8 : NULL);
        break;
    }
    case IMM_MEMARG:
    case IMM_MEMARG_LANE: {
        uint32_t align, mem;    /* the alignment is a hint */
        wmod_read_memarg(&c->r, &align, &mem, &imm[nimm++]);
        uint64_t lane = in->imm == IMM_MEMARG_LANE ? wrd_u8(&c->r) : 0;
        if (c->m->mems[mem].limits.is64) {      /* memory64: as cc_addr64 says */
            cc_addr64(c, c->sp - (sig->nparams == 2 ? 3 : 1), true);
            if (imm[0] > UINT32_MAX)
                imm[0] = UINT32_MAX;
        }
        if (mem) {
            memx(c, sub, mem, imm[0], lane);
            return;
        }
        if (in->imm == IMM_MEMARG_LANE)
            imm[nimm++] = lane;
        break;
    }
    case IMM_LANE:
        imm[nimm++] = wrd_u8(&c->r);
        break;
    default:
        break;
    }
    /* operand entries: param i's first entry at h[i] */
    uint32_t h[3] = { 0 }, sl[3] = { 0 }, pos = c->sp;
    for (uint32_t i = sig->nparams; i-- > 0;) {
        pos -= sig->params[i] == WASM_V128 ? 2 : 1;
        h[i] = pos;
    }
    for (uint32_t i = sig->nparams; i-- > 0;)
        sl[i] = sig->params[i] == WASM_V128 ? vslot(c, h[i]) : cc_slot(c, h[i]);
    while (c->sp > pos)
        cc_pop(c);
    int32_t dst = -1;
    uint32_t ins = c->n;
    wcode_op_t op = (wcode_op_t)k_xo[sub];
    cc_emit_op(c, op);
    if (k_fn[sub]) {
        cc_emit(c, 0);
        if (!c->oom)
            c->code[c->n - 1].vfn = k_fn[sub];
    }
    for (uint32_t i = 0; i < sig->nparams; i++)
        cc_emit(c, sl[i]);
    if (sig->nresults) {
        if (sig->result == WASM_V128)
            push_v128(c);
        else
            cc_push_canon(c);
        dst = (int32_t)c->n;
        cc_emit(c, cc_canon(c, c->sp - (sig->result == WASM_V128 ? 2 : 1)));
    }
    for (uint32_t i = 0; i < nimm; i++)
        cc_emit(c, imm[i]);
    if (dst >= 0)
        cc_set_last(c, ins, op, dst, false);
    else
        cc_clear_last(c);
}
