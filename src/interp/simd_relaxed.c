/*
 * simd_relaxed.c - the relaxed SIMD instructions (Wasm 3.0, feature
 * relaxed-simd; opcodes_simd.def 0x100..0x113), each fixed to one result:
 * the spec's deterministic profile, where every relaxed choice is 0
 * (exec/numerics, "Relaxed Operations"). The same C runs on the host, in
 * the x86-64 kernel and in the arm64 kernel, so a module gets the same
 * bits everywhere (docs/wasm3.md, Relaxed SIMD, lists the choices):
 *
 *   relaxed_swizzle        = i8x16.swizzle (an index >= 16 gives 0)
 *   relaxed_trunc*         = the trunc_sat ops (NaN 0, out of range
 *                            saturated)
 *   relaxed_madd(a, b, c)  = add(mul(a, b), c), unfused (two roundings)
 *   relaxed_nmadd(a, b, c) = relaxed_madd(neg(a), b, c)
 *   relaxed_laneselect     = v128.bitselect (every mask bit counts)
 *   relaxed_min, _max      = min, max (NaN and -0 < +0 as the regular ops)
 *   relaxed_q15mulr_s      = i16x8.q15mulr_sat_s (saturates -1 * -1)
 *   relaxed_dot_*          = the second operand signed (i8 x i8), the i16
 *                            sums wrapping
 *
 * Most are the regular op's function (simd.c). madd calls mul and add as
 * separate functions of another file, and this file is built with
 * -ffp-contract=off (interp.mk), so no compiler fuses them into an fma
 * (GCC does by default on arm64).
 */
#include "interp/simd_lanes.h"

wv128_t wv_I8X16_RELAXED_SWIZZLE(wv128_t a, wv128_t b) { return wv_I8X16_SWIZZLE(a, b); }

wv128_t wv_I32X4_RELAXED_TRUNC_F32X4_S(wv128_t a) { return wv_I32X4_TRUNC_SAT_F32X4_S(a); }
wv128_t wv_I32X4_RELAXED_TRUNC_F32X4_U(wv128_t a) { return wv_I32X4_TRUNC_SAT_F32X4_U(a); }
wv128_t wv_I32X4_RELAXED_TRUNC_F64X2_S_ZERO(wv128_t a) { return wv_I32X4_TRUNC_SAT_F64X2_S_ZERO(a); }
wv128_t wv_I32X4_RELAXED_TRUNC_F64X2_U_ZERO(wv128_t a) { return wv_I32X4_TRUNC_SAT_F64X2_U_ZERO(a); }

wv128_t wv_F32X4_RELAXED_MADD(wv128_t a, wv128_t b, wv128_t c)
{
    return wv_F32X4_ADD(wv_F32X4_MUL(a, b), c);
}
wv128_t wv_F32X4_RELAXED_NMADD(wv128_t a, wv128_t b, wv128_t c)
{
    return wv_F32X4_RELAXED_MADD(wv_F32X4_NEG(a), b, c);
}
wv128_t wv_F64X2_RELAXED_MADD(wv128_t a, wv128_t b, wv128_t c)
{
    return wv_F64X2_ADD(wv_F64X2_MUL(a, b), c);
}
wv128_t wv_F64X2_RELAXED_NMADD(wv128_t a, wv128_t b, wv128_t c)
{
    return wv_F64X2_RELAXED_MADD(wv_F64X2_NEG(a), b, c);
}

/* bitselect is lane-blind: one function for the four shapes */
wv128_t wv_I8X16_RELAXED_LANESELECT(wv128_t a, wv128_t b, wv128_t m) { return wv_V128_BITSELECT(a, b, m); }
wv128_t wv_I16X8_RELAXED_LANESELECT(wv128_t a, wv128_t b, wv128_t m) { return wv_V128_BITSELECT(a, b, m); }
wv128_t wv_I32X4_RELAXED_LANESELECT(wv128_t a, wv128_t b, wv128_t m) { return wv_V128_BITSELECT(a, b, m); }
wv128_t wv_I64X2_RELAXED_LANESELECT(wv128_t a, wv128_t b, wv128_t m) { return wv_V128_BITSELECT(a, b, m); }

wv128_t wv_F32X4_RELAXED_MIN(wv128_t a, wv128_t b) { return wv_F32X4_MIN(a, b); }
wv128_t wv_F32X4_RELAXED_MAX(wv128_t a, wv128_t b) { return wv_F32X4_MAX(a, b); }
wv128_t wv_F64X2_RELAXED_MIN(wv128_t a, wv128_t b) { return wv_F64X2_MIN(a, b); }
wv128_t wv_F64X2_RELAXED_MAX(wv128_t a, wv128_t b) { return wv_F64X2_MAX(a, b); }

wv128_t wv_I16X8_RELAXED_Q15MULR_S(wv128_t a, wv128_t b) { return wv_I16X8_Q15MULR_SAT_S(a, b); }

/* Lane i of the i16 dot: a[2i] * b[2i] + a[2i+1] * b[2i+1], all signed,
 * modulo 2^16 (-128 * -128 * 2 = 32768 wraps to -32768). */
static uint16_t dot16(const vl_t *a, const vl_t *b, int i)
{
    return (uint16_t)(a->i8[2 * i] * b->i8[2 * i] + a->i8[2 * i + 1] * b->i8[2 * i + 1]);
}

wv128_t wv_I16X8_RELAXED_DOT_I8X16_I7X16_S(wv128_t a_, wv128_t b_)
{
    vl_t a = { .v = a_ }, b = { .v = b_ }, r;
    for (int i = 0; i < 8; i++)
        r.u16[i] = dot16(&a, &b, i);
    return r.v;
}

/* The i16 dot's pairs added signed into i32 lanes, plus c's (the spec's
 * relaxed_dot, then extadd_pairwise_s, then add; modulo 2^32). */
wv128_t wv_I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S(wv128_t a_, wv128_t b_, wv128_t c_)
{
    vl_t a = { .v = a_ }, b = { .v = b_ }, c = { .v = c_ }, r;
    for (int i = 0; i < 4; i++)
        r.u32[i] = (uint32_t)(int16_t)dot16(&a, &b, 2 * i) +
                   (uint32_t)(int16_t)dot16(&a, &b, 2 * i + 1) + c.u32[i];
    return r.v;
}
