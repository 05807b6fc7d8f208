/*
 * gen_simd.c - SIMD in the generated bodies (gen_ops.c's step): one
 * expression at a time that builds a v128, runs 1-3 SIMD ops on it and
 * turns it back into a scalar (a lane, any_true, all_true, a bitmask), a
 * store (whole or one lane) or the function's v128 local, so v128 values
 * never reach a block boundary, a call or the host.
 *
 * Vectors come from v128.const (random or special lanes), splats of the
 * stack's scalars, every v128 load form, and the v128 local. Float lanes
 * whose NaN payload the spec leaves open (arithmetic, sqrt, min/max,
 * rounding, demote, promote) are canonicalised right after the op,
 * (v == v) ? v : canonical NaN lane by lane, as gen_ops.c does for scalars;
 * float scalars are canonicalised before a splat or replace_lane.
 */
#include "gen_int.h"

#define V128 0x7b
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum { UN, BIN, TERN, SHIFT, REPLACE, SHUFFLE };
enum { C0, C32, C64 };  /* canonicalise f32 or f64 lanes after the op */

typedef struct {
    uint8_t sub, shape, canon, t, lanes;  /* t, lanes: replace_lane's */
} vop_t;

#define U(s) { s, UN, C0, 0, 0 }
#define U32(s) { s, UN, C32, 0, 0 }
#define U64(s) { s, UN, C64, 0, 0 }
#define B(s) { s, BIN, C0, 0, 0 }
#define B32(s) { s, BIN, C32, 0, 0 }
#define B64(s) { s, BIN, C64, 0, 0 }
#define SH(s) { s, SHIFT, C0, 0, 0 }
static const vop_t vops[] = {
    U(0x4d), U(0x60), U(0x61), U(0x62), U(0x80), U(0x81), U(0xa0), U(0xa1), U(0xc0), U(0xc1),
    U(0xe0), U(0xe1), U(0xec), U(0xed), U(0x87), U(0x88), U(0x89), U(0x8a), U(0xa7), U(0xa8),
    U(0xa9), U(0xaa), U(0xc7), U(0xc8), U(0xc9), U(0xca), U(0x7c), U(0x7d), U(0x7e), U(0x7f),
    U(0xf8), U(0xf9), U(0xfa), U(0xfb), U(0xfc), U(0xfd), U(0xfe), U(0xff),
    U32(0x67), U32(0x68), U32(0x69), U32(0x6a), U32(0xe3), U32(0x5e),
    U64(0x74), U64(0x75), U64(0x7a), U64(0x94), U64(0xef), U64(0x5f),
    B(0x0e), B(0x23), B(0x24), B(0x25), B(0x26), B(0x27), B(0x28), B(0x29), B(0x2a), B(0x2b),
    B(0x2c), B(0x2d), B(0x2e), B(0x2f), B(0x30), B(0x31), B(0x32), B(0x33), B(0x34), B(0x35),
    B(0x36), B(0x37), B(0x38), B(0x39), B(0x3a), B(0x3b), B(0x3c), B(0x3d), B(0x3e), B(0x3f),
    B(0x40), B(0x41), B(0x42), B(0x43), B(0x44), B(0x45), B(0x46), B(0x47), B(0x48), B(0x49),
    B(0x4a), B(0x4b), B(0x4c), B(0x4e), B(0x4f), B(0x50), B(0x51), B(0x65), B(0x66), B(0x85),
    B(0x86), B(0x6e), B(0x6f), B(0x70), B(0x71), B(0x72), B(0x73), B(0x76), B(0x77), B(0x78),
    B(0x79), B(0x7b), B(0x82), B(0x8e), B(0x8f), B(0x90), B(0x91), B(0x92), B(0x93), B(0x95),
    B(0x96), B(0x97), B(0x98), B(0x99), B(0x9b), B(0x9c), B(0x9d), B(0x9e), B(0x9f), B(0xae),
    B(0xb1), B(0xb5), B(0xb6), B(0xb7), B(0xb8), B(0xb9), B(0xba), B(0xbc), B(0xbd), B(0xbe),
    B(0xbf), B(0xce), B(0xd1), B(0xd5), B(0xd6), B(0xd7), B(0xd8), B(0xd9), B(0xda), B(0xdb),
    B(0xdc), B(0xdd), B(0xde), B(0xdf), B(0xea), B(0xeb), B(0xf6), B(0xf7),
    B32(0xe4), B32(0xe5), B32(0xe6), B32(0xe7), B32(0xe8), B32(0xe9),
    B64(0xf0), B64(0xf1), B64(0xf2), B64(0xf3), B64(0xf4), B64(0xf5),
    { 0x52, TERN, C0, 0, 0 },
    SH(0x6b), SH(0x6c), SH(0x6d), SH(0x8b), SH(0x8c), SH(0x8d), SH(0xab), SH(0xac), SH(0xad),
    SH(0xcb), SH(0xcc), SH(0xcd),
    { 0x17, REPLACE, C0, I32, 16 }, { 0x1a, REPLACE, C0, I32, 8 }, { 0x1c, REPLACE, C0, I32, 4 },
    { 0x1e, REPLACE, C0, I64, 2 }, { 0x20, REPLACE, C0, F32, 4 }, { 0x22, REPLACE, C0, F64, 2 },
    { 0x0d, SHUFFLE, C0, 0, 0 },
};

/* the loads: subop and largest alignment */
static const uint8_t vloads[][2] = {
    { 0x00, 4 }, { 0x01, 3 }, { 0x02, 3 }, { 0x03, 3 }, { 0x04, 3 }, { 0x05, 3 }, { 0x06, 3 },
    { 0x07, 0 }, { 0x08, 1 }, { 0x09, 2 }, { 0x0a, 3 }, { 0x5c, 2 }, { 0x5d, 3 },
};
static const uint8_t splats[4] = { 0x11, 0x12, 0x13, 0x14 };  /* i32x4 i64x2 f32x4 f64x2 */
static const uint8_t splat_types[4] = { I32, I64, F32, F64 };

static uint32_t vlocal(const g_t *g)
{
    return g->np + 12 + NCOUNTERS;  /* after the typed locals and counters */
}

static void simd(g_t *g, uint32_t sub)
{
    fzg_op(g, 0xfd);
    fz_buf_u32(g->b, sub);
}

/* [v] -> [addr v]: the vector on top parked in the local, an address
 * pushed, the vector back on top (for a lane load or a store). */
static void addr_under(g_t *g)
{
    fzg_op(g, 0x21); fz_buf_u32(g->b, vlocal(g));
    fzg_pop(g, 1);
    fzg_leaf_addr(g);
    fzg_op(g, 0x20); fz_buf_u32(g->b, vlocal(g));
    fzg_push(g, V128);
}

static void v128_const(g_t *g)
{
    static const uint32_t pat[] = { 0, 0xffffffffu, 0x80000000u, 0x7fffffffu, 0x7fc00000u,
                                    0x7f800000u, 0x3f800000u, 0x80808080u, 0x00ff00ffu,
                                    0x7ff80000u, 0x0000ffffu, 0x7fa00001u };
    simd(g, 0x0c);
    for (int i = 0; i < 4; i++) {
        uint32_t r = fz_src_below(g->s, 3);
        fz_buf_le32(g->b, r ? pat[fz_src_below(g->s, NELEM(pat))] : fz_src_u32(g->s));
    }
    fzg_push(g, V128);
}

/* A v128 on top of the stack. */
static void vec_leaf(g_t *g)
{
    switch (fz_src_below(g->s, 5)) {
    case 0:
    case 1:
        v128_const(g);
        return;
    case 2: {
        uint32_t k = fz_src_below(g->s, 4);
        fzg_need(g, &splat_types[k], 1);
        if (splat_types[k] == F32 || splat_types[k] == F64)
            fzg_canon_nan(g);
        simd(g, k == 0 && (fz_src_u8(g->s) & 1) ? 0x0f + fz_src_below(g->s, 2) : splats[k]);
        fzg_pop(g, 1);
        break;
    }
    case 3: {
        const uint8_t *l = vloads[fz_src_below(g->s, NELEM(vloads))];
        fzg_leaf_addr(g);
        simd(g, l[0]);
        fzg_memarg(g, l[1]);
        fzg_pop(g, 1);
        break;
    }
    default:
        fzg_op(g, 0x20);
        fz_buf_u32(g->b, vlocal(g));
        break;
    }
    fzg_push(g, V128);
}

/* The f32 (wide false) or f64 lanes of the v128 on top: NaNs canonical. */
static void canon_lanes(g_t *g, bool wide)
{
    fzg_op(g, 0x22); fz_buf_u32(g->b, vlocal(g));          /* v */
    simd(g, 0x0c);                                          /* v nan */
    for (int i = 0; i < 2; i++) {
        if (wide) {
            fz_buf_le64(g->b, 0x7ff8000000000000ull);
        } else {
            fz_buf_le32(g->b, 0x7fc00000u);
            fz_buf_le32(g->b, 0x7fc00000u);
        }
    }
    fzg_op(g, 0x20); fz_buf_u32(g->b, vlocal(g));
    fzg_op(g, 0x20); fz_buf_u32(g->b, vlocal(g));
    simd(g, wide ? 0x47 : 0x41);                            /* v nan (v == v) */
    simd(g, 0x52);                                          /* bitselect */
}

/* One op on the v128 on top of the stack (it stays one v128). */
static void vec_op(g_t *g)
{
    const vop_t *o = &vops[fz_src_below(g->s, NELEM(vops))];
    switch (o->shape) {
    case BIN:
    case SHUFFLE:
        vec_leaf(g);
        break;
    case TERN:
        vec_leaf(g);
        vec_leaf(g);
        break;
    case SHIFT: {
        uint8_t t = I32;
        fzg_leaf(g, t);
        break;
    }
    case REPLACE:
        fzg_leaf(g, o->t);
        if (o->t == F32 || o->t == F64)
            fzg_canon_nan(g);
        break;
    default:
        break;
    }
    simd(g, o->sub);
    if (o->shape == REPLACE)
        fzg_op(g, (uint8_t)fz_src_below(g->s, o->lanes));
    if (o->shape == SHUFFLE)
        for (int i = 0; i < 16; i++)
            fzg_op(g, (uint8_t)fz_src_below(g->s, 32));
    fzg_pop(g, o->shape == UN ? 1 : o->shape == TERN ? 3 : 2);
    fzg_push(g, V128);
    if (o->canon != C0)
        canon_lanes(g, o->canon == C64);
}

/* the ops that turn a v128 into a scalar: subop, result, lanes (0: none) */
static const uint8_t reducers[][3] = {
    { 0x15, I32, 16 }, { 0x16, I32, 16 }, { 0x18, I32, 8 }, { 0x19, I32, 8 }, { 0x1b, I32, 4 },
    { 0x1d, I64, 2 }, { 0x1f, F32, 4 }, { 0x21, F64, 2 }, { 0x53, I32, 0 }, { 0x63, I32, 0 },
    { 0x83, I32, 0 }, { 0xa3, I32, 0 }, { 0xc3, I32, 0 }, { 0x64, I32, 0 }, { 0x84, I32, 0 },
    { 0xa4, I32, 0 }, { 0xc4, I32, 0 },
};
/* the stores: subop, largest alignment, lanes (0: the whole vector) */
static const uint8_t vstores[][3] = {
    { 0x0b, 4, 0 }, { 0x58, 0, 16 }, { 0x59, 1, 8 }, { 0x5a, 2, 4 }, { 0x5b, 3, 2 },
};
static const uint8_t lane_loads[][3] = {
    { 0x54, 0, 16 }, { 0x55, 1, 8 }, { 0x56, 2, 4 }, { 0x57, 3, 2 },
};

void fzg_gen_simd(g_t *g)
{
    vec_leaf(g);
    for (uint32_t n = 1 + fz_src_below(g->s, 3); n > 0; n--) {
        if (fz_src_below(g->s, 8) == 0) {
            /* a lane load into it: [addr v], the vector parked in the local */
            const uint8_t *l = lane_loads[fz_src_below(g->s, NELEM(lane_loads))];
            addr_under(g);
            simd(g, l[0]);
            fzg_memarg(g, l[1]);
            fzg_op(g, (uint8_t)fz_src_below(g->s, l[2]));
            fzg_pop(g, 2);
            fzg_push(g, V128);
        } else {
            vec_op(g);
        }
    }
    uint32_t r = fz_src_below(g->s, 8);
    if (r < 5) {
        const uint8_t *o = reducers[fz_src_below(g->s, NELEM(reducers))];
        simd(g, o[0]);
        if (o[2])
            fzg_op(g, (uint8_t)fz_src_below(g->s, o[2]));
        fzg_pop(g, 1);
        fzg_push(g, o[1]);
    } else if (r < 7) {
        const uint8_t *o = vstores[fz_src_below(g->s, NELEM(vstores))];
        addr_under(g);
        simd(g, o[0]);
        fzg_memarg(g, o[1]);
        if (o[2])
            fzg_op(g, (uint8_t)fz_src_below(g->s, o[2]));
        fzg_pop(g, 2);
    } else {
        fzg_op(g, 0x21); fz_buf_u32(g->b, vlocal(g));   /* kept for later */
        fzg_pop(g, 1);
    }
}
