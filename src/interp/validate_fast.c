/*
 * validate_fast.c - the validator's fast path: the common instructions of
 * a function body, checked with the state in locals and one table lookup
 * per opcode (k_ops, generated from opcodes.def).
 *
 * wval_fast runs until it meets an instruction it does not take, then
 * writes its state back and returns with v->r.p at that opcode; the
 * general path (validate.c) validates that one instruction and calls it
 * again. An instruction is taken only when it is valid in the simplest
 * way: its operands are on the stack above the current frame's height
 * with exactly the types it needs (never the unknown type of unreachable
 * code), its immediates are short LEB128s within the body, every index is
 * in range and every stack fits its capacity. Anything else (every error,
 * the polymorphic stack, long or over-long immediates, block types naming
 * a type, br_table, the function's final end) goes to the general path
 * before any state is changed, so the verdict and the error message are
 * always the general path's; this file sets no error.
 */
#include "interp/validate_stack.h"
#include "interp/opcodes.h"
#include "interp/port.h"

/* What the fast path does with an opcode. The fixed-signature kinds say
 * which immediate follows. */
enum {
    VF_SLOW,       /* the general path */
    VF_SIG_MEMARG,
    VF_CONST_I32, VF_CONST_I64, VF_CONST_F32, VF_CONST_F64,
    VF_LOCAL_GET, VF_LOCAL_SET, VF_LOCAL_TEE,
    VF_GLOBAL_GET, VF_GLOBAL_SET,
    VF_DROP, VF_SELECT, VF_CALL,
    VF_BLOCK, VF_IF, VF_ELSE, VF_END, VF_BR, VF_BR_IF, VF_RETURN, VF_UNREACHABLE,
    VF_SIG,        /* + wop_sig_t: a fixed signature, no immediate */
    VF_COUNT = VF_SIG + SIG_COUNT
};
/* The kind of each signature, one name each (the label table's indices). */
enum {
#define X(name, np, p0, p1, p2, nr, r0) VFK_##name = VF_SIG + (name),
    WOP_SIGS(X)
#undef X
};

/* A signature's parameters packed as the top four bytes of the type
 * stack read as one little-endian word (the last parameter, the top of
 * the stack, in the high byte), with the mask of the bytes that count. */
#define VF_MASK(np) ((uint32_t)(0xffffffffull << (32 - 8 * (np))))
#define VF_WANT(np, p0, p1, p2)                                   \
    ((np) == 1 ? (uint32_t)(p0) << 24 :                           \
     (np) == 2 ? (uint32_t)(p0) << 16 | (uint32_t)(p1) << 24 :    \
     (np) == 3 ? (uint32_t)(p0) << 8 | (uint32_t)(p1) << 16 | (uint32_t)(p2) << 24 : 0u)
/* The kind of a fixed-signature op from its immediate (VF_SLOW for the
 * immediates that name indices: memory.size, the 0xFC ops...). The ops
 * with a constant immediate are the four constants (push one type, pop
 * nothing); every other fixed-signature op pops at least what it pushes. */
#define VF_IMMKIND(imm, sig)                                                   \
    ((imm) == IMM_NONE ? VF_SIG + (sig) : (imm) == IMM_I32 ? VF_CONST_I32 :       \
     (imm) == IMM_I64 ? VF_CONST_I64 : (imm) == IMM_F32 ? VF_CONST_F32 :  \
     (imm) == IMM_F64 ? VF_CONST_F64 : (imm) == IMM_MEMARG ? VF_SIG_MEMARG : VF_SLOW)

/* The SIG_SPECIAL ops taken here; the rest of them stay VF_SLOW. */
#define VF_SPECIAL(op)                                                        \
    ((op) == OP_LOCAL_GET ? VF_LOCAL_GET : (op) == OP_LOCAL_SET ? VF_LOCAL_SET : \
     (op) == OP_LOCAL_TEE ? VF_LOCAL_TEE : (op) == OP_GLOBAL_GET ? VF_GLOBAL_GET : \
     (op) == OP_GLOBAL_SET ? VF_GLOBAL_SET : (op) == OP_DROP ? VF_DROP :         \
     (op) == OP_SELECT ? VF_SELECT : (op) == OP_CALL ? VF_CALL :                 \
     (op) == OP_BLOCK || (op) == OP_LOOP ? VF_BLOCK : (op) == OP_IF ? VF_IF :    \
     (op) == OP_ELSE ? VF_ELSE : (op) == OP_END ? VF_END : (op) == OP_BR ? VF_BR : \
     (op) == OP_BR_IF ? VF_BR_IF : (op) == OP_RETURN ? VF_RETURN :               \
     (op) == OP_UNREACHABLE ? VF_UNREACHABLE : VF_SLOW)

/* Per opcode: what to do (one byte, the dispatch). */
static const uint8_t k_kind[256] = {
#define OP(byte, nm, text, imm, sig) \
    [byte] = (sig) == SIG_SPECIAL ? VF_SPECIAL(byte) : VF_IMMKIND(imm, sig),
#define OPFC(sub, nm, text, imm, sig)
#include "opcodes.def"
#undef OP
#undef OPFC
};

/* Per signature (wop_info[op].sig): the packed types and mask to check,
 * how many types it pops and the one it pushes (0: none). */
typedef struct {
    uint32_t mask, want;
    uint8_t np, res;
} vfsig_t;

static const vfsig_t k_sig[SIG_COUNT] = {
#define X(name, np, p0, p1, p2, nr, r0) \
    [name] = { VF_MASK(np), VF_WANT(np, p0, p1, p2), (np), (nr) ? (r0) : 0 },
    WOP_SIGS(X)
#undef X
};

/* An unsigned LEB128 of 2 to 4 bytes (28 bits: no range check needed)
 * at q, within end: its length, or 0 (longer, or cut off: the general
 * path reads it with every check). */
static unsigned uleb_multi(const uint8_t *q, const uint8_t *end, uint32_t *x)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < 4 && q + i < end; i++) {
        uint8_t b = q[i];
        v |= (uint32_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            *x = v;
            return i + 1;
        }
    }
    return 0;
}

/* The same, with the one-byte case inline (most indices). */
static inline unsigned uleb_len(const uint8_t *q, const uint8_t *end, uint32_t *x)
{
    if (WP_LIKELY(q < end && *q < 0x80)) {
        *x = *q;
        return 1;
    }
    return uleb_multi(q, end, x);
}

/* The length of a signed LEB128 at q shorter than `max` bytes (so no bit
 * of its last byte can be out of range), or 0. */
static inline unsigned sleb_len(const uint8_t *q, const uint8_t *end, unsigned max)
{
    if (WP_LIKELY(q < end && *q < 0x80))
        return 1;
    for (unsigned i = 0; i + 1 < max && q + i < end; i++)
        if (!(q[i] & 0x80))
            return i + 1;
    return 0;
}

/* Are the n types below sp exactly types[0..n)? */
static inline bool top_is(const uint8_t *sp, uint32_t n, const uint8_t *types)
{
    const uint8_t *s = sp - n;   /* n <= sp - floor: checked by the caller */
    for (uint32_t i = 0; i < n; i++)
        if (s[i] != types[i])
            return false;
    return true;
}

/* Dispatch: each handler ends by stepping over its instruction (len
 * bytes) and taking the next opcode through a table of label addresses
 * indexed by its kind (GNU C, as exec.c). */
#define NEXT(len)                               \
    do {                                        \
        p += (len);                             \
        if (WP_UNLIKELY(p >= fend))             \
            goto slow;                          \
        kind = k_kind[*p];                      \
        goto *lab[kind];                        \
    } while (0)

/* A push of one type; the high-water mark follows (room: see fend). */
#define PUSH(t)                                 \
    do {                                        \
        *sp++ = (t);                            \
        if (sp > hi)                            \
            hi = sp;                            \
    } while (0)

/*
 * Room on the type stack without a check per push: every instruction
 * taken here is at least one byte and pushes at most one type more than
 * it pops (a call with more than one result, a block with parameters go
 * to the general path), so from sp0 at p0 the stack is at most
 * sp0 + (p - p0) at p. Stopping at fend = p0 + (lim - sp0) (or the body's
 * end, if sooner) keeps every push within the capacity; validate.c sizes
 * the stack for the whole body where it can.
 */
void wval_fast(vstate_t *v, const wmod_type_t *ft)
{
    static const void *const lab[VF_COUNT] = {
#define X(name, np, p0, p1, p2, nr, r0) [VFK_##name] = &&l_sig,
        WOP_SIGS(X)
#undef X
        [VF_SLOW] = &&slow,
        [VF_SIG_MEMARG] = &&l_sig_memarg,
        [VF_CONST_I32] = &&l_const_i32, [VF_CONST_I64] = &&l_const_i64,
        [VF_CONST_F32] = &&l_const_f32, [VF_CONST_F64] = &&l_const_f64,
        [VF_LOCAL_GET] = &&l_local_get,
        [VF_LOCAL_SET] = &&l_local_set, [VF_LOCAL_TEE] = &&l_local_tee,
        [VF_GLOBAL_GET] = &&l_global_get, [VF_GLOBAL_SET] = &&l_global_set,
        [VF_DROP] = &&l_drop, [VF_SELECT] = &&l_select, [VF_CALL] = &&l_call,
        [VF_BLOCK] = &&l_block, [VF_IF] = &&l_if, [VF_ELSE] = &&l_else, [VF_END] = &&l_end,
        [VF_BR] = &&l_br, [VF_BR_IF] = &&l_br_if, [VF_RETURN] = &&l_return,
        [VF_UNREACHABLE] = &&l_unreachable,
    };
    if (v->err || v->r.err || v->nctrls == 0)
        return;
    const wasm_module_t *m = v->m;
    const uint8_t *p = v->r.p;
    const uint8_t *const end = v->r.end;
    uint8_t *const vals = v->vals;
    uint8_t *sp = vals + v->nvals;          /* next free type */
    uint8_t *hi = vals + v->maxvals;        /* high-water mark (maxvals) */
    const size_t room = v->capvals - v->nvals;
    const uint8_t *const fend = (size_t)(end - p) < room ? end : p + room;
    vframe_t *const ctrls = v->ctrls;
    uint32_t nc = v->nctrls, maxc = v->maxctrls;
    const uint32_t capc = v->capctrls;
    vframe_t *top = &ctrls[nc - 1];
    uint8_t *hp = vals + top->height;       /* the frame's floor */
    const uint8_t *const ltab = v->ltab;    /* params, then locals */
    const uint32_t nl = v->nltab;
    const vfsig_t *d;
    const uint8_t *types;
    uint32_t x, n, w;
    unsigned len, kind;
    uint8_t t;

    NEXT(0);

l_const_i32:
    len = sleb_len(p + 1, fend, 5);
    t = WASM_I32;
    goto push_const;
l_const_i64:
    len = sleb_len(p + 1, fend, 10);
    t = WASM_I64;
    goto push_const;
l_const_f32:
    len = fend - p > 4 ? 4 : 0;
    t = WASM_F32;
    goto push_const;
l_const_f64:
    len = fend - p > 8 ? 8 : 0;
    t = WASM_F64;
push_const:
    if (!len)
        goto slow;
    PUSH(t);
    NEXT(1 + len);

l_sig_memarg:
    if (m->nmems == 0 || m->mems[0].limits.is64 || p + 1 >= fend || p[1] > wop_mem_align(*p))
        goto slow;      /* memory64's i64 addresses: the general path */
    len = uleb_len(p + 2, fend, &x);
    if (!len)
        goto slow;
    len++;
    d = &k_sig[wop_info[*p].sig];
    goto sig;
l_sig:
    len = 0;
    d = &k_sig[kind - VF_SIG];
sig:
    /* pops n >= 1 types (or none: nop), pushes at most one */
    n = d->np;
    if ((uint32_t)(sp - hp) < n)
        goto slow;
    memcpy(&w, sp - 4, 4);   /* V_PAD bytes below vals[0] */
    if ((w & d->mask) != d->want)
        goto slow;
    sp -= n;
    *sp = d->res;
    sp += d->res != 0;
    NEXT(1 + len);

l_local_get:
    len = uleb_len(p + 1, fend, &x);
    if (!len || x >= nl)
        goto slow;
    PUSH(ltab[x]);
    NEXT(1 + len);
l_local_set:
    len = uleb_len(p + 1, fend, &x);
    if (!len || x >= nl || sp == hp || sp[-1] != ltab[x])
        goto slow;
    sp--;
    NEXT(1 + len);
l_local_tee:
    len = uleb_len(p + 1, fend, &x);
    if (!len || x >= nl || sp == hp || sp[-1] != ltab[x])
        goto slow;
    NEXT(1 + len);

l_global_get:
    len = uleb_len(p + 1, fend, &x);
    if (!len || x >= m->nglobals)
        goto slow;
    PUSH(m->globals[x].vt);
    NEXT(1 + len);
l_global_set:
    len = uleb_len(p + 1, fend, &x);
    if (!len || x >= m->nglobals || !m->globals[x].mut || sp == hp ||
        sp[-1] != m->globals[x].vt)
        goto slow;
    sp--;
    NEXT(1 + len);

l_drop:
    if (sp == hp)
        goto slow;
    sp--;
    NEXT(1);
l_select:
    /* [t t i32] -> [t], t numeric */
    if (sp - hp < 3 || sp[-1] != WASM_I32)
        goto slow;
    t = sp[-2];
    if (t != sp[-3] || wvt_is_ref(m, t) || t == VT_UNKNOWN)
        goto slow;
    sp -= 2;
    NEXT(1);

l_call: {
    len = uleb_len(p + 1, fend, &x);
    if (!len || x >= m->nfuncs)
        goto slow;
    const wmod_type_t *ct = wmod_functype(m, x);
    n = ct->nparams;
    if (ct->nresults > 1 || (uint32_t)(sp - hp) < n || !top_is(sp, n, ct->vt))
        goto slow;
    sp -= n;
    if (ct->nresults)
        PUSH(ct->vt[n]);
    NEXT(1 + len);
}

l_if:
    if (sp == hp || sp[-1] != WASM_I32)
        goto slow;
    /* fall through: the condition is popped once the block type passed */
l_block:
    /* block types 0x40 and a single value type only */
    if (p + 1 >= fend)
        goto slow;
    t = p[1];
    if ((t != 0x40 && !wmod_is_valtype(t)) || nc >= capc)
        goto slow;
    sp -= *p == OP_IF;
    top = &ctrls[nc++];
    if (nc > maxc)
        maxc = nc;
    hp = sp;
    top->kind = *p;
    top->unreachable = false;
    top->brt_stamp = 0;
    top->height = (uint32_t)(sp - vals);
    top->np = 0;
    top->params = NULL;
    top->nr = t != 0x40;
    top->results = &wval_vt[t];
    NEXT(2);

l_else:
    n = top->nr;
    if (top->kind != OP_IF || top->np || (uint32_t)(sp - hp) != n ||
        !top_is(sp, n, top->results))
        goto slow;
    top->kind = OP_ELSE;
    top->unreachable = false;
    top->brt_stamp = 0;
    sp = hp;
    NEXT(1);

l_end:
    /* not the function's end; an if without else only when its results
     * are its parameters (none: the common case) */
    n = top->nr;
    if (nc == 1 || (top->kind == OP_IF && (top->np || n)) || (uint32_t)(sp - hp) != n ||
        !top_is(sp, n, top->results))
        goto slow;
    top = &ctrls[--nc - 1];
    hp = vals + top->height;
    NEXT(1);

l_br:
    len = uleb_len(p + 1, fend, &x);
    if (!len || x >= nc)
        goto slow;
    v_label_types(&ctrls[nc - 1 - x], &n, &types);
    if ((uint32_t)(sp - hp) < n || !top_is(sp, n, types))
        goto slow;
    sp = hp;
    top->unreachable = true;
    NEXT(1 + len);
l_br_if:
    len = uleb_len(p + 1, fend, &x);
    if (!len || x >= nc || sp == hp || sp[-1] != WASM_I32)
        goto slow;
    v_label_types(&ctrls[nc - 1 - x], &n, &types);
    if ((uint32_t)(sp - 1 - hp) < n || !top_is(sp - 1, n, types))
        goto slow;
    sp--;
    NEXT(1 + len);

l_return:
    n = ft->nresults;
    if ((uint32_t)(sp - hp) < n || !top_is(sp, n, ft->vt + ft->nparams))
        goto slow;
    /* fall through: the rest of the block is unreachable */
l_unreachable:
    sp = hp;
    top->unreachable = true;
    NEXT(1);

slow:
    v->r.p = p;
    v->nvals = (uint32_t)(sp - vals);
    v->maxvals = (uint32_t)(hi - vals);
    v->nctrls = nc;
    v->maxctrls = maxc;
}
