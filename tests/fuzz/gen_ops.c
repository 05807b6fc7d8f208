/*
 * gen_ops.c - random function bodies that always validate (see gen.h).
 *
 * The generator tracks the operand types of the current block. An
 * instruction that needs operands p1..pn takes the longest prefix
 * p1..pk already on top of the stack and pushes leaves (constants,
 * local.get, global.get) for the rest. Blocks are closed by fixing the
 * stack up to the block's results (keeping the top value if it fits).
 *
 * Locals of function with np parameters: np+0..2 i32, np+3..5 i64,
 * np+6..8 f32, np+9..11 f64 (the third of each group is scratch for
 * fix-ups and NaN canonicalisation), np+12..15 loop counters (i32),
 * np+16 a v128 (gen_simd.c).
 */
#include "gen_int.h"

#include <stdlib.h>

const uint8_t fzg_vts[4] = { 0x7f, 0x7e, 0x7d, 0x7c };

static int tindex(uint8_t t)
{
    return t == I32 ? 0 : t == I64 ? 1 : t == F32 ? 2 : 3;
}

static uint32_t scratch(g_t *g, uint8_t t)
{
    return g->np + 3 * (uint32_t)tindex(t) + 2;
}

void fzg_op(g_t *g, uint8_t o)
{
    fz_buf_byte(g->b, o);
}

void fzg_push(g_t *g, uint8_t t)
{
    if (g->h >= MAX_STACK)
        abort(); /* callers keep the stack below MAX_STACK - 8 */
    g->st[g->h++] = t;
}

uint32_t fzg_avail(g_t *g)
{
    return g->h - g->c[g->nc - 1].base;
}

/* ---- leaves ------------------------------------------------------------- */

static const uint32_t i32_special[] = { 0, 1, 2, 7, 8, 31, 32, 0x7f, 0x80, 0xff, 0xffff,
                                        0x10000, 0x7fffffff, 0x80000000u, 0xffffffffu,
                                        0xfffffffe, 65528, 65532, 65535, 131072 };
static const uint64_t i64_special[] = { 0, 1, 63, 64, 0x7fffffffffffffffull,
                                        0x8000000000000000ull, ~0ull, 0xffffffffull,
                                        0x100000000ull, 0x80000000ull };
static const uint32_t f32_special[] = { 0, 0x80000000u, 0x3f800000, 0xbf800000, 0x7f800000,
                                        0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00001,
                                        0x4f000000, 0xcf000000, 0x4f800000, 0x5f000000,
                                        0xdf000000, 0x3f000000, 0x3fc00000, 0x40200000,
                                        0x00000001, 0x7f7fffff, 0xcf000001 };
static const uint64_t f64_special[] = { 0, 0x8000000000000000ull, 0x3ff0000000000000ull,
                                        0xbff0000000000000ull, 0x7ff0000000000000ull,
                                        0xfff0000000000000ull, 0x7ff8000000000000ull,
                                        0x7ff4000000000001ull, 0x41e0000000000000ull,
                                        0xc1e0000000200000ull, 0x41efffffffe00000ull,
                                        0x43e0000000000000ull, 0xc3e0000000000000ull,
                                        0x3fe0000000000000ull, 0x4004000000000000ull,
                                        0x0000000000000001ull, 0x7fefffffffffffffull,
                                        0x41dfffffffc00000ull };
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void leaf_const(g_t *g, uint8_t t)
{
    bool special = fz_src_u8(g->s) & 1;
    switch (t) {
    case I32: {
        uint32_t v = special ? i32_special[fz_src_below(g->s, NELEM(i32_special))]
                             : fz_src_u32(g->s);
        fzg_op(g, 0x41);
        fz_buf_s32(g->b, (int32_t)v);
        break;
    }
    case I64: {
        uint64_t v = special ? i64_special[fz_src_below(g->s, NELEM(i64_special))]
                             : fz_src_u64(g->s);
        fzg_op(g, 0x42);
        fz_buf_s64(g->b, (int64_t)v);
        break;
    }
    case F32:
        fzg_op(g, 0x43);
        fz_buf_le32(g->b, special ? f32_special[fz_src_below(g->s, NELEM(f32_special))]
                                  : fz_src_u32(g->s));
        break;
    default:
        fzg_op(g, 0x44);
        fz_buf_le64(g->b, special ? f64_special[fz_src_below(g->s, NELEM(f64_special))]
                                  : fz_src_u64(g->s));
        break;
    }
    fzg_push(g, t);
}

/* A local of type t that holds data: a parameter or the first two of the
 * type's group. */
static uint32_t data_local(g_t *g, uint8_t t)
{
    const fzg_sig_t *sig = &g->m->sig[g->fi];
    uint32_t cand[FZG_MAX_PARAMS + 2], n = 0;
    for (uint32_t i = 0; i < sig->np; i++)
        if (sig->params[i] == t)
            cand[n++] = i;
    cand[n++] = g->np + 3 * (uint32_t)tindex(t);
    cand[n++] = g->np + 3 * (uint32_t)tindex(t) + 1;
    return cand[fz_src_below(g->s, n)];
}

void fzg_leaf(g_t *g, uint8_t t)
{
    switch (fz_src_below(g->s, 4)) {
    case 0:
    case 1:
        leaf_const(g, t);
        break;
    case 2:
        fzg_op(g, 0x20);
        fz_buf_u32(g->b, data_local(g, t));
        fzg_push(g, t);
        break;
    default:
        fzg_op(g, 0x23);
        fz_buf_u32(g->b, (uint32_t)tindex(t));
        fzg_push(g, t);
        break;
    }
}

/* An i32 address: mostly near the data (in bounds), sometimes anything. */
void fzg_leaf_addr(g_t *g)
{
    uint32_t r = fz_src_below(g->s, 8);
    fzg_op(g, 0x41);
    if (r < 6)
        fz_buf_s32(g->b, (int32_t)fz_src_below(g->s, r < 4 ? 256 : 65536 + 16));
    else
        fz_buf_s32(g->b, (int32_t)i32_special[fz_src_below(g->s, NELEM(i32_special))]);
    fzg_push(g, I32);
}

/* Make the top of the stack p[0..n): keep the longest prefix already there. */
void fzg_need(g_t *g, const uint8_t *p, uint32_t n)
{
    uint32_t k = n < fzg_avail(g) ? n : fzg_avail(g);
    for (; k > 0; k--) {
        bool ok = true;
        for (uint32_t i = 0; i < k && ok; i++)
            ok = g->st[g->h - k + i] == p[i];
        if (ok)
            break;
    }
    for (uint32_t i = k; i < n; i++)
        fzg_leaf(g, p[i]);
}

void fzg_pop(g_t *g, uint32_t n)
{
    g->h -= n;
}

/* Replace the f32/f64 on top by the canonical NaN if it is a NaN. */
void fzg_canon_nan(g_t *g)
{
    uint8_t t = g->st[g->h - 1];
    uint32_t s = scratch(g, t);
    fzg_op(g, 0x22); fz_buf_u32(g->b, s);                 /* v */
    if (t == F32) {
        fzg_op(g, 0x43); fz_buf_le32(g->b, 0x7fc00000);   /* v nan */
    } else {
        fzg_op(g, 0x44); fz_buf_le64(g->b, 0x7ff8000000000000ull);
    }
    fzg_op(g, 0x20); fz_buf_u32(g->b, s);
    fzg_op(g, 0x20); fz_buf_u32(g->b, s);
    fzg_op(g, t == F32 ? 0x5b : 0x61);                    /* v nan (v==v) */
    fzg_op(g, 0x1b);                                      /* select */
}

/* ---- numeric instructions -------------------------------------------- */

typedef struct {
    uint8_t prefix, code; /* prefix 0: one-byte opcode; 0xfc: saturating */
    uint8_t np, p0, p1, r;
} nop_t;

#define U(c, a, r) { 0, c, 1, a, 0, r }
#define B(c, a, r) { 0, c, 2, a, a, r }
static const nop_t numops[] = {
    U(0x45, I32, I32), U(0x50, I64, I32),
    U(0x67, I32, I32), U(0x68, I32, I32), U(0x69, I32, I32),
    U(0x79, I64, I64), U(0x7a, I64, I64), U(0x7b, I64, I64),
    U(0xc0, I32, I32), U(0xc1, I32, I32),
    U(0xc2, I64, I64), U(0xc3, I64, I64), U(0xc4, I64, I64),
    U(0x8b, F32, F32), U(0x8c, F32, F32), U(0x8d, F32, F32), U(0x8e, F32, F32),
    U(0x8f, F32, F32), U(0x90, F32, F32), U(0x91, F32, F32),
    U(0x99, F64, F64), U(0x9a, F64, F64), U(0x9b, F64, F64), U(0x9c, F64, F64),
    U(0x9d, F64, F64), U(0x9e, F64, F64), U(0x9f, F64, F64),
    U(0xa7, I64, I32), U(0xa8, F32, I32), U(0xa9, F32, I32), U(0xaa, F64, I32),
    U(0xab, F64, I32), U(0xac, I32, I64), U(0xad, I32, I64), U(0xae, F32, I64),
    U(0xaf, F32, I64), U(0xb0, F64, I64), U(0xb1, F64, I64), U(0xb2, I32, F32),
    U(0xb3, I32, F32), U(0xb4, I64, F32), U(0xb5, I64, F32), U(0xb6, F64, F32),
    U(0xb7, I32, F64), U(0xb8, I32, F64), U(0xb9, I64, F64), U(0xba, I64, F64),
    U(0xbb, F32, F64), U(0xbc, F32, I32), U(0xbd, F64, I64), U(0xbe, I32, F32),
    U(0xbf, I64, F64),
    { 0xfc, 0, 1, F32, 0, I32 }, { 0xfc, 1, 1, F32, 0, I32 }, { 0xfc, 2, 1, F64, 0, I32 },
    { 0xfc, 3, 1, F64, 0, I32 }, { 0xfc, 4, 1, F32, 0, I64 }, { 0xfc, 5, 1, F32, 0, I64 },
    { 0xfc, 6, 1, F64, 0, I64 }, { 0xfc, 7, 1, F64, 0, I64 },
    B(0x46, I32, I32), B(0x47, I32, I32), B(0x48, I32, I32), B(0x49, I32, I32),
    B(0x4a, I32, I32), B(0x4b, I32, I32), B(0x4c, I32, I32), B(0x4d, I32, I32),
    B(0x4e, I32, I32), B(0x4f, I32, I32),
    B(0x51, I64, I32), B(0x52, I64, I32), B(0x53, I64, I32), B(0x54, I64, I32),
    B(0x55, I64, I32), B(0x56, I64, I32), B(0x57, I64, I32), B(0x58, I64, I32),
    B(0x59, I64, I32), B(0x5a, I64, I32),
    B(0x5b, F32, I32), B(0x5c, F32, I32), B(0x5d, F32, I32), B(0x5e, F32, I32),
    B(0x5f, F32, I32), B(0x60, F32, I32),
    B(0x61, F64, I32), B(0x62, F64, I32), B(0x63, F64, I32), B(0x64, F64, I32),
    B(0x65, F64, I32), B(0x66, F64, I32),
    B(0x6a, I32, I32), B(0x6b, I32, I32), B(0x6c, I32, I32), B(0x6d, I32, I32),
    B(0x6e, I32, I32), B(0x6f, I32, I32), B(0x70, I32, I32), B(0x71, I32, I32),
    B(0x72, I32, I32), B(0x73, I32, I32), B(0x74, I32, I32), B(0x75, I32, I32),
    B(0x76, I32, I32), B(0x77, I32, I32), B(0x78, I32, I32),
    B(0x7c, I64, I64), B(0x7d, I64, I64), B(0x7e, I64, I64), B(0x7f, I64, I64),
    B(0x80, I64, I64), B(0x81, I64, I64), B(0x82, I64, I64), B(0x83, I64, I64),
    B(0x84, I64, I64), B(0x85, I64, I64), B(0x86, I64, I64), B(0x87, I64, I64),
    B(0x88, I64, I64), B(0x89, I64, I64), B(0x8a, I64, I64),
    B(0x92, F32, F32), B(0x93, F32, F32), B(0x94, F32, F32), B(0x95, F32, F32),
    B(0x96, F32, F32), B(0x97, F32, F32), B(0x98, F32, F32),
    B(0xa0, F64, F64), B(0xa1, F64, F64), B(0xa2, F64, F64), B(0xa3, F64, F64),
    B(0xa4, F64, F64), B(0xa5, F64, F64), B(0xa6, F64, F64),
};

static void gen_numeric(g_t *g)
{
    const nop_t *o = &numops[fz_src_below(g->s, NELEM(numops))];
    uint8_t p[2] = { o->p0, o->p1 };
    fzg_need(g, p, o->np);
    if (o->prefix == 0 && (o->code == 0xbc || o->code == 0xbd))
        fzg_canon_nan(g); /* the bits of a NaN become visible */
    if (o->prefix) {
        fzg_op(g, o->prefix);
        fz_buf_u32(g->b, o->code);
    } else {
        fzg_op(g, o->code);
    }
    fzg_pop(g, o->np);
    fzg_push(g, o->r);
}

/* ---- memory ------------------------------------------------------------- */

typedef struct { uint8_t code, t, maxalign; } memop_t;
static const memop_t loads[] = {
    { 0x28, I32, 2 }, { 0x29, I64, 3 }, { 0x2a, F32, 2 }, { 0x2b, F64, 3 },
    { 0x2c, I32, 0 }, { 0x2d, I32, 0 }, { 0x2e, I32, 1 }, { 0x2f, I32, 1 },
    { 0x30, I64, 0 }, { 0x31, I64, 0 }, { 0x32, I64, 1 }, { 0x33, I64, 1 },
    { 0x34, I64, 2 }, { 0x35, I64, 2 },
};
static const memop_t stores[] = {
    { 0x36, I32, 2 }, { 0x37, I64, 3 }, { 0x38, F32, 2 }, { 0x39, F64, 3 },
    { 0x3a, I32, 0 }, { 0x3b, I32, 1 }, { 0x3c, I64, 0 }, { 0x3d, I64, 1 },
    { 0x3e, I64, 2 },
};

void fzg_memarg(g_t *g, uint8_t maxalign)
{
    fz_buf_u32(g->b, fz_src_below(g->s, maxalign + 1u));
    uint32_t r = fz_src_below(g->s, 8);
    fz_buf_u32(g->b, r < 5 ? fz_src_below(g->s, 64) : r < 7 ? fz_src_below(g->s, 70000)
                                                            : fz_src_u32(g->s));
}

static void gen_load(g_t *g)
{
    const memop_t *o = &loads[fz_src_below(g->s, NELEM(loads))];
    if (fz_src_below(g->s, 4) == 0) {
        uint8_t p = I32;
        fzg_need(g, &p, 1);
    } else {
        fzg_leaf_addr(g);
    }
    fzg_op(g, o->code);
    fzg_memarg(g, o->maxalign);
    fzg_pop(g, 1);
    fzg_push(g, o->t);
}

static void gen_store(g_t *g)
{
    const memop_t *o = &stores[fz_src_below(g->s, NELEM(stores))];
    uint8_t p[2] = { I32, o->t };
    if (fz_src_below(g->s, 4) == 0) {
        fzg_need(g, p, 2);
    } else {
        fzg_leaf_addr(g);
        fzg_leaf(g, o->t); /* a fresh value above the fresh address */
    }
    if (o->t == F32 || o->t == F64)
        fzg_canon_nan(g);
    fzg_op(g, o->code);
    fzg_memarg(g, o->maxalign);
    fzg_pop(g, 2);
}

/* ---- control -------------------------------------------------------------- */

/* Make the current block's stack exactly its results. */
static void fixup(g_t *g, const uint8_t *res, uint32_t nres)
{
    ctrl_t *c = &g->c[g->nc - 1];
    uint32_t n = g->h - c->base;
    bool same = n == nres;
    for (uint32_t i = 0; same && i < n; i++)
        same = g->st[c->base + i] == res[i];
    if (same)
        return;
    /* Keep the top value when it is the one result wanted. */
    if (nres == 1 && n > 0 && g->st[g->h - 1] == res[0]) {
        uint32_t s = scratch(g, res[0]);
        fzg_op(g, 0x21); fz_buf_u32(g->b, s);
        fzg_pop(g, 1);
        while (g->h > c->base) {
            fzg_op(g, 0x1a);
            fzg_pop(g, 1);
        }
        fzg_op(g, 0x20); fz_buf_u32(g->b, s);
        fzg_push(g, res[0]);
        return;
    }
    while (g->h > c->base) {
        fzg_op(g, 0x1a);
        fzg_pop(g, 1);
    }
    for (uint32_t i = 0; i < nres; i++)
        fzg_leaf(g, res[i]);
}

/* The types a branch to label depth d carries. */
const uint8_t *fzg_label_types(g_t *g, uint32_t d, uint32_t *n)
{
    ctrl_t *c = &g->c[g->nc - 1 - d];
    *n = c->kind == K_LOOP ? 0 : c->nres;
    return c->res;
}

/* End the current block; reachable: the stack must be fixed up first
 * (after br/return/unreachable it is polymorphic and needs nothing). */
void fzg_close_block(g_t *g, bool reachable)
{
    ctrl_t *c = &g->c[g->nc - 1];
    if (reachable)
        fixup(g, c->res, c->nres);
    g->h = c->base;
    if (c->kind == K_IF && (c->nres > 0 || (fz_src_u8(g->s) & 1))) {
        fzg_op(g, 0x05); /* else: the other arm, same results */
        c->kind = K_ELSE;
        return;
    }
    fzg_op(g, 0x0b);
    if (c->kind == K_LOOP)
        g->nloops--;
    g->nc--;
    if (g->nc > 0)
        for (uint32_t i = 0; i < c->nres; i++)
            fzg_push(g, c->res[i]);
}

static void open_block(g_t *g)
{
    uint32_t kind = K_BLOCK + fz_src_below(g->s, 3); /* block, loop, if */
    if (kind == K_LOOP && g->nloops >= NCOUNTERS)
        kind = K_BLOCK;
    uint8_t bt = fz_src_below(g->s, 3) == 0 ? 0x40 : fzg_vts[fz_src_below(g->s, 4)];
    if (kind == K_LOOP) {
        /* the counter: set before the loop, so each entry restarts it */
        uint32_t ctr = g->np + 12 + g->nloops;
        fzg_op(g, 0x41);
        fz_buf_s32(g->b, (int32_t)(1 + fz_src_below(g->s, MAX_LOOP_ITERS)));
        fzg_op(g, 0x21);
        fz_buf_u32(g->b, ctr);
        g->c[g->nc].counter = ctr;
        g->nloops++;
    }
    if (kind == K_IF) {
        uint8_t p = I32;
        fzg_need(g, &p, 1);
        fzg_pop(g, 1);
    }
    fzg_op(g, kind == K_BLOCK ? 0x02 : kind == K_LOOP ? 0x03 : 0x04);
    fzg_op(g, bt);
    ctrl_t *c = &g->c[g->nc++];
    c->kind = (uint8_t)kind;
    c->nres = bt == 0x40 ? 0 : 1;
    c->res[0] = bt;
    c->base = g->h;
}

static void gen_br_if(g_t *g)
{
    uint32_t d = fz_src_below(g->s, g->nc);
    uint32_t n;
    const uint8_t *lt = fzg_label_types(g, d, &n);
    uint8_t p[FZG_MAX_RESULTS + 1];
    for (uint32_t i = 0; i < n; i++)
        p[i] = lt[i];
    p[n] = I32;
    fzg_need(g, p, n + 1);
    ctrl_t *c = &g->c[g->nc - 1 - d];
    if (c->kind == K_LOOP) {
        /* taken only while the loop's counter, decremented here, is > 0 */
        fzg_op(g, 0x20); fz_buf_u32(g->b, c->counter);
        fzg_op(g, 0x41); fz_buf_s32(g->b, 1);
        fzg_op(g, 0x6b);
        fzg_op(g, 0x22); fz_buf_u32(g->b, c->counter);
        fzg_op(g, 0x41); fz_buf_s32(g->b, 0);
        fzg_op(g, 0x4a); /* i32.gt_s */
        fzg_op(g, 0x71); /* i32.and */
    }
    fzg_op(g, 0x0d);
    fz_buf_u32(g->b, d);
    fzg_pop(g, 1); /* the condition; the label's values stay */
}

/* br to a block (never to a loop), return or unreachable; then the
 * current block ends (the rest would be dead code). */
static void gen_jump(g_t *g)
{
    uint32_t r = fz_src_below(g->s, 8);
    if (r == 0) {
        fzg_op(g, 0x00);
    } else if (r <= 2) {
        const fzg_sig_t *sig = &g->m->sig[g->fi];
        fzg_need(g, sig->results, sig->nr);
        fzg_op(g, 0x0f);
    } else {
        uint32_t d = fz_src_below(g->s, g->nc);
        if (g->c[g->nc - 1 - d].kind == K_LOOP)
            return;
        uint32_t n;
        const uint8_t *lt = fzg_label_types(g, d, &n);
        fzg_need(g, lt, n);
        fzg_op(g, 0x0c);
        fz_buf_u32(g->b, d);
    }
    fzg_close_block(g, false);
}

static void gen_call(g_t *g)
{
    if (g->fi + 1 >= g->m->nfuncs)
        return;
    uint32_t f = g->fi + 1 + fz_src_below(g->s, g->m->nfuncs - g->fi - 1);
    const fzg_sig_t *sig = &g->m->sig[f];
    fzg_need(g, sig->params, sig->np);
    fzg_op(g, 0x10);
    fz_buf_u32(g->b, f);
    fzg_pop(g, sig->np);
    for (uint32_t i = 0; i < sig->nr; i++)
        fzg_push(g, sig->results[i]);
}

/* ---- one step ---------------------------------------------------------- */

static void step(g_t *g)
{
    if (g->h > MAX_STACK - 12) {
        fzg_op(g, 0x1a);
        fzg_pop(g, 1);
        return;
    }
    uint32_t r = fz_src_below(g->s, 44);
    if (r >= 40) {
        fzg_gen_simd(g);
        return;
    }
    if (r >= 32) {
        fzg_gen_ref(g, r - 32);
        return;
    }
    if (r < 10) {
        gen_numeric(g);
    } else if (r < 12) {
        fzg_leaf(g, fzg_vts[fz_src_below(g->s, 4)]);
    } else if (r < 14) { /* local.set / local.tee */
        uint8_t t = fzg_vts[fz_src_below(g->s, 4)];
        fzg_need(g, &t, 1);
        bool tee = fz_src_u8(g->s) & 1;
        fzg_op(g, tee ? 0x22 : 0x21);
        fz_buf_u32(g->b, data_local(g, t));
        if (!tee)
            fzg_pop(g, 1);
    } else if (r == 14) { /* global.set */
        uint32_t i = fz_src_below(g->s, FZG_NGLOBALS);
        fzg_need(g, &fzg_vts[i], 1);
        fzg_op(g, 0x24);
        fz_buf_u32(g->b, i);
        fzg_pop(g, 1);
    } else if (r < 17) {
        gen_load(g);
    } else if (r < 19) {
        gen_store(g);
    } else if (r < 21) {
        if (g->nc < MAX_CTRL)
            open_block(g);
    } else if (r < 23) {
        if (g->nc > 1)
            fzg_close_block(g, true);
    } else if (r < 25) {
        gen_br_if(g);
    } else if (r == 25) {
        gen_jump(g);
    } else if (r == 26) { /* select */
        uint8_t t = fzg_vts[fz_src_below(g->s, 4)];
        uint8_t p[3] = { t, t, I32 };
        fzg_need(g, p, 3);
        fzg_op(g, 0x1b);
        fzg_pop(g, 3);
        fzg_push(g, t);
    } else if (r == 27) {
        if (fzg_avail(g) > 0) {
            fzg_op(g, 0x1a);
            fzg_pop(g, 1);
        }
    } else if (r < 30) {
        gen_call(g);
    } else if (r == 30) {
        fzg_op(g, 0x3f); fzg_op(g, 0x00); /* memory.size */
        fzg_push(g, I32);
    } else {
        uint8_t p = I32;
        fzg_need(g, &p, 1);
        fzg_op(g, 0x40); fzg_op(g, 0x00); /* memory.grow */
    }
}

void fz_gen_body(fz_src_t *src, const fzg_module_t *m, uint32_t fi, fz_buf_t *out)
{
    g_t g = { .s = src, .b = out, .m = m, .fi = fi, .np = m->sig[fi].np };
    /* locals: 3 of each type, then the loop counters, then a v128 */
    fz_buf_u32(out, 6);
    for (int i = 0; i < 4; i++) {
        fz_buf_u32(out, 3);
        fz_buf_byte(out, fzg_vts[i]);
    }
    fz_buf_u32(out, NCOUNTERS);
    fz_buf_byte(out, I32);
    fz_buf_u32(out, 1);
    fz_buf_byte(out, 0x7b);

    ctrl_t *f = &g.c[g.nc++];
    f->kind = K_FUNC;
    f->nres = m->sig[fi].nr;
    for (uint32_t i = 0; i < f->nres; i++)
        f->res[i] = m->sig[fi].results[i];
    f->base = 0;
    g.budget = 8 + (int)fz_src_below(src, 120);
    while (g.nc > 0 && g.budget-- > 0 && !fz_src_empty(src))
        step(&g);
    while (g.nc > 0)
        fzg_close_block(&g, true);
}
