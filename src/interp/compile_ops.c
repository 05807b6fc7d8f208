/*
 * compile_ops.c - compiling the non-control instructions: numeric ops
 * (generated from opcodes.def) with their constant, load-folding and
 * address-folding forms, locals and globals, loads and stores, tables,
 * references, calls, select and drop. The 0xFC bulk and saturating ops are
 * compile_bulk.c.
 */
#include "interp/compile.h"
#include "interp/decode.h"

/* Wasm binary ops whose operands may be swapped (to put a constant second). */
static bool commutes(wcode_op_t rr)
{
    switch (rr) {
    case XO_I32_ADD_RR: case XO_I32_MUL_RR: case XO_I32_AND_RR: case XO_I32_OR_RR:
    case XO_I32_XOR_RR: case XO_I32_EQ_RR: case XO_I32_NE_RR:
    case XO_I64_ADD_RR: case XO_I64_MUL_RR: case XO_I64_AND_RR: case XO_I64_OR_RR:
    case XO_I64_XOR_RR: case XO_I64_EQ_RR: case XO_I64_NE_RR:
    /* float add/mul: only which NaN payload wins may change, and the spec
     * leaves that open (any arithmetic NaN) */
    case XO_F32_ADD_RR: case XO_F32_MUL_RR: case XO_F64_ADD_RR: case XO_F64_MUL_RR:
        return true;
    default:
        return false;
    }
}

/* The _IR form of binop rr (constant first operand), or XO_COUNT. */
static wcode_op_t ir_form(wcode_op_t rr)
{
    switch (rr) {
#define X(n, ti, to) case XO_##n##_RR: return XO_##n##_IR;
    WCODE_IR(X)
#undef X
    default:
        return XO_COUNT;
    }
}

/* The comparison that gives the same result with its operands swapped
 * (a < b is b > a, also for floats and NaN), or XO_COUNT. */
static wcode_op_t mirrored(wcode_op_t rr)
{
#define M(t, a, b) case XO_##t##_##a##_RR: return XO_##t##_##b##_RR; \
    case XO_##t##_##b##_RR: return XO_##t##_##a##_RR;
    switch (rr) {
    M(I32, LT_S, GT_S) M(I32, LT_U, GT_U) M(I32, LE_S, GE_S) M(I32, LE_U, GE_U)
    M(I64, LT_S, GT_S) M(I64, LT_U, GT_U) M(I64, LE_S, GE_S) M(I64, LE_U, GE_U)
    M(F32, LT, GT) M(F32, LE, GE) M(F64, LT, GT) M(F64, LE, GE)
    default:
        return XO_COUNT;
    }
#undef M
}

/* A unary op: [a dst]. */
void cc_un(cc_t *c, wcode_op_t op)
{
    uint32_t a = cc_pop_slot(c);
    cc_push_canon(c);
    uint32_t ins = c->n;
    cc_emit_op(c, op);
    cc_emit(c, a);
    cc_emit(c, cc_canon(c, c->sp - 1));
    cc_set_last(c, ins, op, (int32_t)(ins + 2), false);
}

/* Is stack entry h the result of the last instruction, a load op? */
static bool is_last_load(cc_t *c, uint32_t h, wcode_op_t load)
{
    return c->stk[h].kind == CV_CANON && c->last_end == c->n && c->last_op == load &&
           c->last_dst >= 0 && c->code[c->last_dst].sl == cc_canon(c, h);
}

/* Fold the last instruction (a load [addr dst off]) into binop rr's _RM
 * form with first operand slot sa: the load runs inside the binop. */
static void fold_load(cc_t *c, wcode_op_t rr, uint32_t sa, bool i32_result)
{
    uint32_t ins = c->last_ins;
    uint64_t addr = c->code[ins + 1].u64, off = c->code[ins + 3].u64;
    c->n = ins;
    cc_pop(c);
    cc_pop(c);
    cc_push_canon(c);
    cc_emit_op(c, (wcode_op_t)(rr + 2));
    cc_emit(c, sa);
    cc_emit(c, addr);
    cc_emit(c, cc_canon(c, c->sp - 1));
    cc_emit(c, off);
    (void)i32_result; /* no fused branch for _RM */
    cc_set_last(c, ins, (wcode_op_t)(rr + 2), (int32_t)(ins + 3), false);
}

/* Two i32 ops in a row, the second consuming the first's result, as one
 * instruction [x y z dst]: ADD3 x + y + z, XOR3 x ^ y ^ z, MULADD x * y + z
 * (sums of sums in hashes, multiply-accumulate in matrix code), and the
 * pairs of WCODE_FUSE_RI [z x k dst], z OUTER (x INNER k) (code.h), where
 * x INNER k was the first op (an _RI). rr is the second op
 * (_RR, no constant operand); true if it was fused. */
static bool fuse3(cc_t *c, wcode_op_t rr)
{
    wcode_op_t f = XO_COUNT;
    bool ri = false;                /* a WCODE_FUSE_RI pair */
    if (rr == XO_I32_ADD_RR && c->last_op == XO_I32_ADD_RR)
        f = XO_I32_ADD3;
    else if (rr == XO_I32_XOR_RR && c->last_op == XO_I32_XOR_RR)
        f = XO_I32_XOR3;
    else if (rr == XO_I32_ADD_RR && c->last_op == XO_I32_MUL_RR)
        f = XO_I32_MULADD;
    /* WCODE_FUSE_RI: [x a k dst], the same cells as the three above */
#define X(o, i) \
    else if (rr == XO_I32_##o##_RR && c->last_op == XO_I32_##i##_RI) \
        f = XO_I32_##o##_##i##I, ri = true;
    WCODE_FUSE_RI(X)
#undef X
    if (f == XO_COUNT)
        return false;
    for (uint32_t side = 0; side < 2; side++) {
        uint32_t h = c->sp - 1 - side, other = c->sp - 2 + side;
        const cv_t *o = &c->stk[other];
        if (c->stk[h].kind != CV_CANON || c->last_end != c->n || c->last_dst < 0 ||
            c->code[c->last_dst].sl != cc_canon(c, h) || o->kind == CV_CONST)
            continue;
        uint32_t ins = c->last_ins;
        uint64_t x = c->code[ins + 1].u64, y = c->code[ins + 2].u64;
        uint32_t z = o->kind == CV_LOCAL ? o->local : cc_canon(c, other);
        c->n = ins;
        cc_pop(c);
        cc_pop(c);
        cc_push_canon(c);
        cc_emit_op(c, f);
        if (ri) {               /* [z x k dst]: z OUTER (x INNER k) */
            cc_emit(c, z);
            cc_emit(c, x);
            cc_emit(c, y);
        } else {                /* [x y z dst] */
            cc_emit(c, x);
            cc_emit(c, y);
            cc_emit(c, z);
        }
        cc_emit(c, cc_canon(c, c->sp - 1));
        cc_set_last(c, ins, f, (int32_t)(ins + 4), false);
        return true;
    }
    return false;
}

/* Is entry h the result of the last instruction, op (with its result in
 * cell last_dst), with nothing emitted since? */
static bool is_last(const cc_t *c, uint32_t h, wcode_op_t op)
{
    return c->stk[h].kind == CV_CANON && c->last_end == c->n && c->last_op == op &&
           c->last_dst >= 0 && c->code[c->last_dst].sl == cc_canon(c, h);
}

/* (a OP k1) OP k2 is a OP (k1 OP k2) for these: the second constant is
 * merged into the first instruction. */
static bool merge_ri(cc_t *c, wcode_op_t rr, uint64_t k2)
{
    uint64_t *k1 = &c->code[c->last_ins + 2].u64;
    switch (rr) {
    case XO_I32_ADD_RR: *k1 = (uint32_t)(*k1 + k2); break;
    case XO_I64_ADD_RR: *k1 += k2; break;
    case XO_I32_AND_RR: case XO_I64_AND_RR: *k1 &= k2; break;
    case XO_I32_OR_RR: case XO_I64_OR_RR: *k1 |= k2; break;
    case XO_I32_XOR_RR: case XO_I64_XOR_RR: *k1 ^= k2; break;
    default: return false;
    }
    return true;
}

/* Is entry h the result of the last instruction, the INNER_RR of a
 * WCODE_FUSE_RR_RI pair whose OUTER is rr? Then the pair's op, else
 * XO_COUNT. */
static wcode_op_t rr_ri_pair(const cc_t *c, uint32_t h, wcode_op_t rr)
{
#define X(i, o) \
    if (rr == XO_I32_##o##_RR && is_last(c, h, XO_I32_##i##_RR)) \
        return XO_I32_##i##_THEN_##o##I;
    WCODE_FUSE_RR_RI(X)
#undef X
    return XO_COUNT;
}

/* A binary op: rr is its _RR variant, rr + 1 the _RI one, rr + 2 _RM;
 * load is the full-width load of its operand type. */
static void bin(cc_t *c, wcode_op_t rr, bool i32_result, wcode_op_t load)
{
    cv_t *b = &c->stk[c->sp - 1], *a = &c->stk[c->sp - 2];
    wcode_op_t op = rr;
    uint32_t sa;
    uint64_t sb;
    if (rr == XO_I32_SUB_RR && b->kind == CV_CONST) {
        /* x - k is x + (-k) mod 2^32: one form for counters and
         * addresses to fold and fuse (merge_ri, take_addi, WCODE_ADDI_BR) */
        rr = op = XO_I32_ADD_RR;
        b->imm = (uint32_t)(0u - (uint32_t)b->imm);
    }
    if (a->kind != CV_CONST && is_last_load(c, c->sp - 1, load)) {
        fold_load(c, rr, a->kind == CV_LOCAL ? a->local : cc_canon(c, c->sp - 2), i32_result);
        return;
    }
    if (b->kind != CV_CONST && commutes(rr) && is_last_load(c, c->sp - 2, load)) {
        fold_load(c, rr, b->kind == CV_LOCAL ? b->local : cc_canon(c, c->sp - 1), i32_result);
        return;
    }
    if (b->kind == CV_CONST && is_last(c, c->sp - 2, (wcode_op_t)(rr + 1)) &&
        merge_ri(c, rr, b->imm)) {
        cc_pop(c);      /* the result stays where the first op puts it */
        return;
    }
    if (b->kind == CV_CONST && rr == XO_I32_AND_RR && is_last(c, c->sp - 2, XO_I32_SUBI_ANDI)) {
        /* (k - (x & m)) & k2, the branch-free select of k2 by a bit
         * (CRCs): the mask joins the instruction before */
        uint32_t ins = c->last_ins;
        uint64_t k2 = b->imm;
        c->n = c->last_ins + 4;                 /* drop its dst cell */
        c->code[ins].h = wexec_handler(XO_I32_SUBI_ANDI_ANDI);
        cc_emit(c, k2);
        cc_pop(c);
        cc_pop(c);
        cc_push_canon(c);
        cc_emit(c, cc_canon(c, c->sp - 1));
        cc_set_last(c, ins, XO_I32_SUBI_ANDI_ANDI, (int32_t)(ins + 5), false);
        return;
    }
    if (b->kind == CV_CONST && rr_ri_pair(c, c->sp - 2, rr) != XO_COUNT) {
        /* (x INNER y) OUTER k: [x y k dst] over the last instruction */
        wcode_op_t f = rr_ri_pair(c, c->sp - 2, rr);
        uint32_t ins = c->last_ins;
        uint64_t k = b->imm;
        c->n = ins + 3;                         /* keep [op x y], drop dst */
        c->code[ins].h = wexec_handler(f);
        cc_pop(c);
        cc_pop(c);
        cc_push_canon(c);
        cc_emit(c, k);
        cc_emit(c, cc_canon(c, c->sp - 1));
        cc_set_last(c, ins, f, (int32_t)(ins + 4), false);
        return;
    }
    if (b->kind == CV_CONST) {
        op = (wcode_op_t)(rr + 1);
        sb = b->imm;
        sa = cc_slot(c, c->sp - 2);
    } else if (a->kind == CV_CONST && commutes(rr)) {
        op = (wcode_op_t)(rr + 1);
        sb = a->imm;
        sa = cc_slot(c, c->sp - 1);
    } else if (a->kind == CV_CONST && mirrored(rr) != XO_COUNT) {
        op = (wcode_op_t)(mirrored(rr) + 1);    /* k < x: x > k */
        sb = a->imm;
        sa = cc_slot(c, c->sp - 1);
    } else if (a->kind == CV_CONST && ir_form(rr) != XO_COUNT) {
        /* [imm a dst]: the constant in the slot-a cell's place */
        op = ir_form(rr);
        uint64_t k = a->imm;
        if (rr == XO_I32_SUB_RR && is_last(c, c->sp - 1, XO_I32_AND_RI)) {
            /* k - (x & m): [k x m dst] (0 - (crc & 1): a mask from a bit) */
            uint32_t ins = c->last_ins;
            uint64_t x = c->code[ins + 1].u64, mk = c->code[ins + 2].u64;
            c->n = ins;
            cc_pop(c);
            cc_pop(c);
            cc_push_canon(c);
            cc_emit_op(c, XO_I32_SUBI_ANDI);
            cc_emit(c, k);
            cc_emit(c, x);
            cc_emit(c, mk);
            cc_emit(c, cc_canon(c, c->sp - 1));
            cc_set_last(c, ins, XO_I32_SUBI_ANDI, (int32_t)(ins + 4), false);
            return;
        }
        sa = cc_slot(c, c->sp - 1);
        cc_pop(c);
        cc_pop(c);
        cc_push_canon(c);
        uint32_t ins = c->n;
        cc_emit_op(c, op);
        cc_emit(c, k);
        cc_emit(c, sa);
        cc_emit(c, cc_canon(c, c->sp - 1));
        cc_set_last(c, ins, op, (int32_t)(ins + 3), false);
        return;
    } else {
        if (fuse3(c, rr))
            return;
        sa = cc_slot(c, c->sp - 2);
        sb = cc_slot(c, c->sp - 1);
    }
    cc_pop(c);
    cc_pop(c);
    cc_push_canon(c);
    uint32_t ins = c->n;
    cc_emit_op(c, op);
    cc_emit(c, sa);
    cc_emit(c, sb);
    cc_emit(c, cc_canon(c, c->sp - 1));
    cc_set_last(c, ins, op, (int32_t)(ins + 3), i32_result);
}

/* The memarg's offset; *mem its memory (the alignment is a hint). A
 * memory64 offset is clamped as its address is (cc_addr64: past
 * UINT32_MAX every access traps); a 32-bit memory's is below 2^32. */
static uint32_t memarg_offset(cc_t *c, uint32_t *mem)
{
    uint32_t align;
    uint64_t off;
    wmod_read_memarg(&c->r, &align, mem, &off);
    return off > UINT32_MAX ? UINT32_MAX : (uint32_t)off;
}

/* Is entry h the result of the last instruction, an i32.add of a
 * constant? Then *base and *k describe it and it is removed from the code
 * (the caller folds it into a memory access). */
static bool take_addi(cc_t *c, uint32_t h, uint64_t *base, uint64_t *k)
{
    if (c->stk[h].kind != CV_CANON || c->last_end != c->n || c->last_op != XO_I32_ADD_RI ||
        c->last_dst < 0 || c->code[c->last_dst].sl != cc_canon(c, h))
        return false;
    *base = c->code[c->last_ins + 1].u64;
    *k = c->code[c->last_ins + 2].u64;
    c->n = c->last_ins;
    cc_clear_last(c);
    return true;
}

/* Is entry h the result of the last instruction, an i32.add of two
 * values? Then *a and *b are their slots and it is removed (folded into a
 * load's address). */
static bool take_addrr(cc_t *c, uint32_t h, uint64_t *a, uint64_t *b)
{
    if (c->stk[h].kind != CV_CANON || c->last_end != c->n || c->last_op != XO_I32_ADD_RR ||
        c->last_dst < 0 || c->code[c->last_dst].sl != cc_canon(c, h))
        return false;
    *a = c->code[c->last_ins + 1].u64;
    *b = c->code[c->last_ins + 2].u64;
    c->n = c->last_ins;
    cc_clear_last(c);
    return true;
}

/* op is the load's plain form, op + 1 its _A form, op + 2 its _X form;
 * wop its wasm opcode (a MEMX kind, for memories other than 0). */
static void load(cc_t *c, wcode_op_t op, uint8_t wop)
{
    uint32_t mem;
    uint32_t off = memarg_offset(c, &mem);
    uint64_t base, k;
    cc_addr64(c, c->sp - 1, c->m->mems[mem].limits.is64);
    if (mem) {
        cc_memx(c, wop, mem, off, 1, true);
        return;
    }
    if (take_addrr(c, c->sp - 1, &base, &k)) {
        cc_pop(c);
        cc_push_canon(c);
        uint32_t ins = c->n;
        cc_emit_op(c, (wcode_op_t)(op + 2));
        cc_emit(c, base);
        cc_emit(c, cc_canon(c, c->sp - 1));
        cc_emit(c, off);
        cc_emit(c, k);
        cc_set_last(c, ins, (wcode_op_t)(op + 2), (int32_t)(ins + 2), false);
        return;
    }
    bool fold = take_addi(c, c->sp - 1, &base, &k);
    uint32_t addr = fold ? (uint32_t)base : cc_pop_slot(c);
    if (fold)
        cc_pop(c);
    cc_push_canon(c);
    uint32_t ins = c->n;
    cc_emit_op(c, fold ? (wcode_op_t)(op + 1) : op);
    cc_emit(c, addr);
    cc_emit(c, cc_canon(c, c->sp - 1));
    cc_emit(c, off);
    if (fold)
        cc_emit(c, k);
    cc_set_last(c, ins, fold ? (wcode_op_t)(op + 1) : op, (int32_t)(ins + 2), false);
}

/* op is the store's plain form; op + 1 _A, op + 2 _I (constant value),
 * op + 3 _AI. */
static void store(cc_t *c, wcode_op_t op, uint8_t wop)
{
    uint32_t mem;
    uint32_t off = memarg_offset(c, &mem);
    cc_addr64(c, c->sp - 2, c->m->mems[mem].limits.is64);
    if (mem) {
        cc_memx(c, wop, mem, off, 2, false);
        return;
    }
    const cv_t *v = &c->stk[c->sp - 1];
    bool imm = v->kind == CV_CONST;
    uint64_t val = imm ? v->imm : cc_slot(c, c->sp - 1);
    uint64_t base, k;
    bool fold = take_addi(c, c->sp - 2, &base, &k);
    uint32_t addr = fold ? (uint32_t)base : cc_slot(c, c->sp - 2);
    cc_pop(c);
    cc_pop(c);
    cc_emit_op(c, (wcode_op_t)(op + (fold ? 1 : 0) + (imm ? 2 : 0)));
    cc_emit(c, addr);
    cc_emit(c, val);
    cc_emit(c, off);
    if (fold)
        cc_emit(c, k);
    cc_clear_last(c);
}

/* local.set/tee of the local at slot x, w slots wide (2 for a v128,
 * whose two entries are always of one kind: compile.h). */
static void local_set(cc_t *c, uint32_t x, bool tee, uint32_t w)
{
    cv_t v[2] = { c->stk[c->sp - w], c->stk[c->sp - 1] };
    if (v[0].kind == CV_LOCAL && v[0].local == x) {
        for (uint32_t i = 0; i < w && !tee; i++)
            cc_pop(c);
        return;
    }
    uint32_t top = cc_canon(c, c->sp - w);
    bool retarget = v[0].kind == CV_CANON && c->last_end == c->n && c->last_dst >= 0 &&
                    c->code[c->last_dst].sl == top;
    for (uint32_t i = 0; i < w; i++)
        cc_pop(c);
    for (uint32_t i = 0; i < w; i++) {
        if (c->ref_head[x + i] != CC_NONE) {
            cc_materialize_local(c, x + i);
            retarget = false;
        }
    }
    for (uint32_t i = 0; i < w && !retarget; i++) {
        if (v[0].kind == CV_CONST)
            cc_emit_const(c, v[i].imm, x + i);
        else
            cc_emit_copy(c, (v[0].kind == CV_LOCAL ? v[0].local : top) + i, x + i);
    }
    if (retarget) {
        c->code[c->last_dst].sl = x;    /* the last op writes all w slots */
        bool addi = c->last_op == XO_I32_ADD_RI;
        uint32_t ins = c->last_ins;
        cc_clear_last(c);
        if (addi) {                     /* a counter step (WCODE_ADDI_BR) */
            c->addi_ins = ins;
            c->addi_end = c->n;
        }
    }
    for (uint32_t i = 0; i < w && tee; i++) {
        if (v[0].kind == CV_CONST)
            cc_push_const(c, v[i].imm);
        else
            cc_push_local(c, x + i);
    }
    if (tee && w == 2)
        cc_mark_hi(c);
}

/* The call's last cell (its arguments' first slot), and the stack:
 * np argument slots popped, the results of type t pushed. */
static void call(cc_t *c, uint32_t np, const wmod_type_t *t)
{
    cc_materialize(c, c->sp - np);
    uint32_t arg = cc_canon(c, c->sp - np);
    cc_emit(c, arg);
    for (uint32_t i = 0; i < np; i++)
        cc_pop(c);
    cc_push_types(c, t->nresults, t->types + t->nparams);
    cc_clear_last(c);
}

void cc_instr(cc_t *c, uint8_t op)
{
    const wasm_module_t *m = c->m;
    uint32_t x, ins;
    switch (op) {
#define OP(byte, n, t, imm, sig) WC_GEN_##imm(n, sig)
#define OPFC(byte, n, t, imm, sig)
#define WC_UN(n, ti, to) case OP_##n: cc_un(c, XO_##n); return;
#define WC_BIN(n, ti, to) case OP_##n: \
    bin(c, XO_##n##_RR, WC_IS_I32_RESULT_##to, WC_CAT(WC_CAT(XO_, ti), _LOAD)); return;
#define WC_LOAD(n, t) case OP_##n: load(c, XO_##n, OP_##n); return;
#define WC_STORE(n, t) case OP_##n: store(c, XO_##n, OP_##n); return;
#include "interp/opcodes.def"
#undef OP
#undef OPFC
#undef WC_UN
#undef WC_BIN
#undef WC_LOAD
#undef WC_STORE
    case OP_NOP:
        return;
    case OP_PREFIX_FC:
        cc_instr_fc(c, wrd_u32(&c->r));
        return;
    case OP_PREFIX_FD:
        cc_instr_fd(c, wrd_u32(&c->r));
        return;
    case OP_I32_CONST:
        cc_push_const(c, (uint32_t)wrd_s32(&c->r));
        return;
    case OP_I64_CONST:
        cc_push_const(c, (uint64_t)wrd_s64(&c->r));
        return;
    case OP_F32_CONST: {
        const uint8_t *p = wrd_bytes(&c->r, 4);
        cc_push_const(c, p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                                 (uint32_t)p[3] << 24 : 0);
        return;
    }
    case OP_F64_CONST: {
        const uint8_t *p = wrd_bytes(&c->r, 8);
        uint64_t v = 0;
        for (int i = 7; p && i >= 0; i--)
            v = v << 8 | p[i];
        cc_push_const(c, v);
        return;
    }
    case OP_REF_NULL:
        wrd_s33(&c->r);     /* the heap type */
        cc_push_const(c, 0);
        return;
    case OP_LOCAL_GET:
    case OP_LOCAL_SET:
    case OP_LOCAL_TEE:
    {
        x = wrd_u32(&c->r);
        uint32_t w = c->lslot && cc_local_v128(c, x) ? 2 : 1, sl = cc_local_slot(c, x);
        if (op != OP_LOCAL_GET) {
            local_set(c, sl, op == OP_LOCAL_TEE, w);
            return;
        }
        cc_push_local(c, sl);
        if (w == 2) {
            cc_push_local(c, sl + 1);
            cc_mark_hi(c);
        }
        return;
    }
    case OP_DROP:
        if (cc_pop(c).hi)   /* a v128: its low half too */
            cc_pop(c);
        return;
    case OP_SELECT_T:
        x = wrd_u32(&c->r);
        for (uint32_t i = 0; i < x && wrd_ok(&c->r); i++)
            wmod_skip_valtype(&c->r);
        /* fall through */
    case OP_SELECT: {
        if (c->sp >= 2 && c->stk[c->sp - 2].hi) {
            cc_v128_select(c);
            return;
        }
        uint32_t s[3];
        for (int i = 0; i < 3; i++)
            s[i] = cc_slot(c, c->sp - 3 + (uint32_t)i);
        for (int i = 0; i < 3; i++)
            cc_pop(c);
        cc_push_canon(c);
        ins = c->n;
        cc_emit_op(c, XO_SELECT);
        for (int i = 0; i < 3; i++)
            cc_emit(c, s[i]);
        cc_emit(c, cc_canon(c, c->sp - 1));
        cc_set_last(c, ins, XO_SELECT, (int32_t)(ins + 4), false);
        return;
    }
    case OP_GLOBAL_GET:
        x = wrd_u32(&c->r);
        if (m->globals[x].valtype == WASM_V128) {
            cc_v128_global(c, op, x);
            return;
        }
        cc_push_canon(c);
        ins = c->n;
        cc_emit_op(c, XO_GLOBAL_GET);
        cc_emit(c, x);
        cc_emit(c, cc_canon(c, c->sp - 1));
        cc_set_last(c, ins, XO_GLOBAL_GET, (int32_t)(ins + 2), false);
        return;
    case OP_GLOBAL_SET:
        x = wrd_u32(&c->r);
        if (m->globals[x].valtype == WASM_V128) {
            cc_v128_global(c, op, x);
            return;
        }
        {
            uint32_t s = cc_pop_slot(c);
            cc_emit_op(c, m->globals[x].valtype == WASM_EXNREF ? XO_GLOBAL_SET_EXN : XO_GLOBAL_SET);
            cc_emit(c, x);
            cc_emit(c, s);
        }
        cc_clear_last(c);
        return;
    case OP_TABLE_GET:
        x = wrd_u32(&c->r);
        cc_addr64(c, c->sp - 1, m->tables[x].limits.is64);
        {
            uint32_t i = cc_pop_slot(c);
            cc_push_canon(c);
            cc_emit_op(c, XO_TABLE_GET);
            cc_emit(c, x);
            cc_emit(c, i);
            cc_emit(c, cc_canon(c, c->sp - 1));
        }
        cc_clear_last(c);
        return;
    case OP_TABLE_SET:
        x = wrd_u32(&c->r);
        cc_addr64(c, c->sp - 2, m->tables[x].limits.is64);
        {
            uint32_t v = cc_slot(c, c->sp - 1), i = cc_slot(c, c->sp - 2);
            cc_pop(c);
            cc_pop(c);
            cc_emit_op(c, m->tables[x].reftype == WASM_EXNREF ? XO_TABLE_SET_EXN : XO_TABLE_SET);
            cc_emit(c, x);
            cc_emit(c, i);
            cc_emit(c, v);
        }
        cc_clear_last(c);
        return;
    case OP_MEMORY_SIZE:
        x = wrd_u32(&c->r);
        if (x) {
            cc_memx(c, OP_MEMORY_SIZE, x, 0, 0, true);
            return;
        }
        cc_push_canon(c);
        cc_emit_op(c, XO_MEMORY_SIZE);
        cc_emit(c, cc_canon(c, c->sp - 1));
        cc_clear_last(c);
        return;
    case OP_MEMORY_GROW:
        x = wrd_u32(&c->r);
        cc_addr64(c, c->sp - 1, m->mems[x].limits.is64);
        if (x) {
            cc_memx(c, OP_MEMORY_GROW, x, 0, 1, true);
        } else {
            uint32_t d = cc_pop_slot(c);
            cc_push_canon(c);
            cc_emit_op(c, XO_MEMORY_GROW);
            cc_emit(c, d);
            cc_emit(c, cc_canon(c, c->sp - 1));
            cc_clear_last(c);
        }
        if (m->mems[x].limits.is64)     /* -1 as an i64 */
            cc_un(c, XO_I64_EXTEND_I32_S);
        return;
    case OP_REF_IS_NULL:
        cc_un(c, XO_REF_IS_NULL);
        return;
    case OP_REF_AS_NON_NULL:
        cc_un(c, XO_REF_AS_NON_NULL);
        return;
    case OP_CALL_REF: {
        /* [refslot argslot] */
        const wmod_type_t *t = &m->types[wrd_u32(&c->r)];
        uint32_t np = wmod_slots(t->nparams, t->types);
        uint32_t e = cc_pop_slot(c);
        cc_materialize(c, c->sp - np);
        cc_emit_op(c, XO_CALL_REF);
        cc_emit(c, e);
        call(c, np, t);
        return;
    }
    case OP_REF_FUNC:
        x = wrd_u32(&c->r);
        cc_push_canon(c);
        cc_emit_op(c, XO_REF_FUNC);
        cc_emit(c, x);
        cc_emit(c, cc_canon(c, c->sp - 1));
        cc_clear_last(c);
        return;
    case OP_CALL: {
        x = wrd_u32(&c->r);
        const wmod_type_t *t = wmod_functype(m, x);
        uint32_t np = wmod_slots(t->nparams, t->types);
        cc_materialize(c, c->sp - np);
        if (x >= m->nimport_funcs) {
            /* defined here: runs in the caller's instance */
            cc_emit_op(c, XO_CALL_LOCAL);
            cc_emit(c, 0);
            if (!c->oom)
                c->code[c->n - 1].fn = &c->fns[x - m->nimport_funcs];
        } else if (np && !c->oom && c->last_end == c->n && c->last_op == XO_CONST &&
                   c->code[c->last_ins + 2].sl == cc_canon(c, c->sp - np)) {
            /* the CONST just emitted is the first argument (no label in
             * between: labels clear the peephole state): folded in */
            uint64_t imm = c->code[c->last_ins + 1].u64;
            c->n = c->last_ins;
            cc_emit_op(c, XO_CALL_K);
            cc_emit(c, x);
            call(c, np, t);
            cc_emit(c, imm);
            return;
        } else {
            cc_emit_op(c, XO_CALL);
            cc_emit(c, x);
        }
        call(c, np, t);
        return;
    }
    case OP_CALL_INDIRECT: {
        x = wrd_u32(&c->r);
        uint32_t tab = wrd_u32(&c->r);
        const wmod_type_t *t = &m->types[x];
        uint32_t np = wmod_slots(t->nparams, t->types);
        cc_addr64(c, c->sp - 1, m->tables[tab].limits.is64);
        uint32_t e = cc_pop_slot(c);
        cc_materialize(c, c->sp - np);
        cc_emit_op(c, XO_CALL_INDIRECT);
        cc_emit(c, x);
        cc_emit(c, tab);
        cc_emit(c, e);
        call(c, np, t);
        return;
    }
    default:
        /* validated code has no other opcode */
        cc_clear_last(c);
        return;
    }
}
