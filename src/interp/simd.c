/*
 * simd.c - the SIMD instructions' computations (simd.h): lane loops over
 * a union of the lane arrays, in portable C. GCC may vectorise them with
 * the FP/SIMD registers the engine is built with (interp.mk: the kernel's
 * context switch saves them for wasm tasks); nothing here needs it.
 *
 * Float lanes follow the scalar ops exactly (fmath.h): min/max, rounding,
 * sqrt and the saturating truncations are the same functions, arithmetic
 * is C's (IEEE-754: a NaN result is quiet, canonical when its NaN inputs
 * were), abs/neg touch only the sign bit.
 */
#include "interp/simd_lanes.h"
#include "interp/fmath.h"

/* Lane-wise ops: r.L[i] = E for i < N, with a, b (and i) in scope. */
#define LANES1(name, L, N, E) \
    wv128_t wv_##name(wv128_t a_) \
    { \
        vl_t a = { .v = a_ }, r; \
        for (int i = 0; i < (N); i++) \
            r.L[i] = (E); \
        return r.v; \
    }
#define LANES2(name, L, N, E) \
    wv128_t wv_##name(wv128_t a_, wv128_t b_) \
    { \
        vl_t a = { .v = a_ }, b = { .v = b_ }, r; \
        for (int i = 0; i < (N); i++) \
            r.L[i] = (E); \
        return r.v; \
    }
/* Comparisons: all ones where true. */
#define CMP(name, L, R, N, op) LANES2(name, R, N, 0 - (uint64_t)(a.L[i] op b.L[i]))
#define CMPS_INT(p, N, s, u) \
    CMP(p##_EQ, u, u, N, ==) CMP(p##_NE, u, u, N, !=) \
    CMP(p##_LT_S, s, u, N, <) CMP(p##_LT_U, u, u, N, <) \
    CMP(p##_GT_S, s, u, N, >) CMP(p##_GT_U, u, u, N, >) \
    CMP(p##_LE_S, s, u, N, <=) CMP(p##_LE_U, u, u, N, <=) \
    CMP(p##_GE_S, s, u, N, >=) CMP(p##_GE_U, u, u, N, >=)
CMPS_INT(I8X16, 16, i8, u8)
CMPS_INT(I16X8, 8, i16, u16)
CMPS_INT(I32X4, 4, i32, u32)
CMP(I64X2_EQ, u64, u64, 2, ==) CMP(I64X2_NE, u64, u64, 2, !=)
CMP(I64X2_LT_S, i64, u64, 2, <) CMP(I64X2_GT_S, i64, u64, 2, >)
CMP(I64X2_LE_S, i64, u64, 2, <=) CMP(I64X2_GE_S, i64, u64, 2, >=)
CMP(F32X4_EQ, f32, u32, 4, ==) CMP(F32X4_NE, f32, u32, 4, !=)
CMP(F32X4_LT, f32, u32, 4, <) CMP(F32X4_GT, f32, u32, 4, >)
CMP(F32X4_LE, f32, u32, 4, <=) CMP(F32X4_GE, f32, u32, 4, >=)
CMP(F64X2_EQ, f64, u64, 2, ==) CMP(F64X2_NE, f64, u64, 2, !=)
CMP(F64X2_LT, f64, u64, 2, <) CMP(F64X2_GT, f64, u64, 2, >)
CMP(F64X2_LE, f64, u64, 2, <=) CMP(F64X2_GE, f64, u64, 2, >=)

/* ---- bitwise ---- */
wv128_t wv_V128_NOT(wv128_t a) { return (wv128_t){ ~a.lo, ~a.hi }; }
wv128_t wv_V128_AND(wv128_t a, wv128_t b) { return (wv128_t){ a.lo & b.lo, a.hi & b.hi }; }
wv128_t wv_V128_ANDNOT(wv128_t a, wv128_t b) { return (wv128_t){ a.lo & ~b.lo, a.hi & ~b.hi }; }
wv128_t wv_V128_OR(wv128_t a, wv128_t b) { return (wv128_t){ a.lo | b.lo, a.hi | b.hi }; }
wv128_t wv_V128_XOR(wv128_t a, wv128_t b) { return (wv128_t){ a.lo ^ b.lo, a.hi ^ b.hi }; }
wv128_t wv_V128_BITSELECT(wv128_t a, wv128_t b, wv128_t c)
{
    return (wv128_t){ (a.lo & c.lo) | (b.lo & ~c.lo), (a.hi & c.hi) | (b.hi & ~c.hi) };
}
uint64_t wv_V128_ANY_TRUE(wv128_t a) { return (a.lo | a.hi) != 0; }

/* ---- lanes: splat, extract, replace, shuffle, swizzle ---- */
#define SPLAT(name, L, N, T) \
    wv128_t wv_##name(uint64_t x) \
    { \
        vl_t r; \
        for (int i = 0; i < (N); i++) \
            r.L[i] = (T)x; \
        return r.v; \
    }
SPLAT(I8X16_SPLAT, u8, 16, uint8_t)
SPLAT(I16X8_SPLAT, u16, 8, uint16_t)
SPLAT(I32X4_SPLAT, u32, 4, uint32_t)
SPLAT(I64X2_SPLAT, u64, 2, uint64_t)
SPLAT(F32X4_SPLAT, u32, 4, uint32_t)
SPLAT(F64X2_SPLAT, u64, 2, uint64_t)

/* extract: the lane as a slot value (i8/i16 extended to i32) */
#define EXTRACT(name, L, N, E) \
    uint64_t wv_##name(wv128_t a_, uint64_t lane) \
    { \
        vl_t a = { .v = a_ }; \
        return E a.L[lane & ((N) - 1)]; \
    }
EXTRACT(I8X16_EXTRACT_LANE_S, i8, 16, (uint64_t)(uint32_t)(int32_t))
EXTRACT(I8X16_EXTRACT_LANE_U, u8, 16, (uint64_t))
EXTRACT(I16X8_EXTRACT_LANE_S, i16, 8, (uint64_t)(uint32_t)(int32_t))
EXTRACT(I16X8_EXTRACT_LANE_U, u16, 8, (uint64_t))
EXTRACT(I32X4_EXTRACT_LANE, u32, 4, (uint64_t))
EXTRACT(I64X2_EXTRACT_LANE, u64, 2, (uint64_t))
EXTRACT(F32X4_EXTRACT_LANE, u32, 4, (uint64_t))
EXTRACT(F64X2_EXTRACT_LANE, u64, 2, (uint64_t))

#define REPLACE(name, L, N, T) \
    wv128_t wv_##name(wv128_t a_, uint64_t x, uint64_t lane) \
    { \
        vl_t a = { .v = a_ }; \
        a.L[lane & ((N) - 1)] = (T)x; \
        return a.v; \
    }
REPLACE(I8X16_REPLACE_LANE, u8, 16, uint8_t)
REPLACE(I16X8_REPLACE_LANE, u16, 8, uint16_t)
REPLACE(I32X4_REPLACE_LANE, u32, 4, uint32_t)
REPLACE(I64X2_REPLACE_LANE, u64, 2, uint64_t)
REPLACE(F32X4_REPLACE_LANE, u32, 4, uint32_t)
REPLACE(F64X2_REPLACE_LANE, u64, 2, uint64_t)

wv128_t wv_I8X16_SHUFFLE(wv128_t a_, wv128_t b_, uint64_t lanes_lo, uint64_t lanes_hi)
{
    vl_t ab[2] = { { .v = a_ }, { .v = b_ } }, l = { .v = { lanes_lo, lanes_hi } }, r;
    for (int i = 0; i < 16; i++) {
        uint8_t k = l.u8[i] & 31;   /* validated: < 32 */
        r.u8[i] = ab[k >> 4].u8[k & 15];
    }
    return r.v;
}

LANES2(I8X16_SWIZZLE, u8, 16, b.u8[i] < 16 ? a.u8[b.u8[i]] : 0)

/* ---- integer arithmetic ---- */
static inline int32_t sat(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

#define ARITH(p, N, s, u, SMIN, SMAX, UMAX) \
    LANES2(p##_ADD, u, N, a.u[i] + b.u[i]) \
    LANES2(p##_SUB, u, N, a.u[i] - b.u[i]) \
    LANES2(p##_ADD_SAT_S, s, N, sat(a.s[i] + b.s[i], SMIN, SMAX)) \
    LANES2(p##_ADD_SAT_U, u, N, sat(a.u[i] + b.u[i], 0, UMAX)) \
    LANES2(p##_SUB_SAT_S, s, N, sat(a.s[i] - b.s[i], SMIN, SMAX)) \
    LANES2(p##_SUB_SAT_U, u, N, sat(a.u[i] - b.u[i], 0, UMAX)) \
    LANES2(p##_MIN_S, s, N, a.s[i] < b.s[i] ? a.s[i] : b.s[i]) \
    LANES2(p##_MIN_U, u, N, a.u[i] < b.u[i] ? a.u[i] : b.u[i]) \
    LANES2(p##_MAX_S, s, N, a.s[i] > b.s[i] ? a.s[i] : b.s[i]) \
    LANES2(p##_MAX_U, u, N, a.u[i] > b.u[i] ? a.u[i] : b.u[i]) \
    LANES2(p##_AVGR_U, u, N, (a.u[i] + b.u[i] + 1) >> 1) \
    LANES1(p##_ABS, u, N, a.s[i] < 0 ? -a.u[i] : a.u[i]) \
    LANES1(p##_NEG, u, N, -a.u[i])
ARITH(I8X16, 16, i8, u8, -128, 127, 255)
ARITH(I16X8, 8, i16, u16, -32768, 32767, 65535)
LANES2(I16X8_MUL, u16, 8, (uint32_t)a.u16[i] * b.u16[i])
LANES2(I16X8_Q15MULR_SAT_S, i16, 8, sat((a.i16[i] * b.i16[i] + 0x4000) >> 15, -32768, 32767))
LANES2(I32X4_ADD, u32, 4, a.u32[i] + b.u32[i])
LANES2(I32X4_SUB, u32, 4, a.u32[i] - b.u32[i])
LANES2(I32X4_MUL, u32, 4, a.u32[i] * b.u32[i])
LANES2(I32X4_MIN_S, i32, 4, a.i32[i] < b.i32[i] ? a.i32[i] : b.i32[i])
LANES2(I32X4_MIN_U, u32, 4, a.u32[i] < b.u32[i] ? a.u32[i] : b.u32[i])
LANES2(I32X4_MAX_S, i32, 4, a.i32[i] > b.i32[i] ? a.i32[i] : b.i32[i])
LANES2(I32X4_MAX_U, u32, 4, a.u32[i] > b.u32[i] ? a.u32[i] : b.u32[i])
LANES1(I32X4_ABS, u32, 4, a.i32[i] < 0 ? -a.u32[i] : a.u32[i])
LANES1(I32X4_NEG, u32, 4, -a.u32[i])
LANES2(I32X4_DOT_I16X8_S, u32, 4,
       (uint32_t)(a.i16[2 * i] * b.i16[2 * i]) + (uint32_t)(a.i16[2 * i + 1] * b.i16[2 * i + 1]))
LANES2(I64X2_ADD, u64, 2, a.u64[i] + b.u64[i])
LANES2(I64X2_SUB, u64, 2, a.u64[i] - b.u64[i])
LANES2(I64X2_MUL, u64, 2, a.u64[i] * b.u64[i])
LANES1(I64X2_ABS, u64, 2, a.i64[i] < 0 ? -a.u64[i] : a.u64[i])
LANES1(I64X2_NEG, u64, 2, -a.u64[i])
/* no __builtin_popcount: without popcnt it is a libgcc call, and the
 * kernel has no libgcc */
static inline uint8_t popcnt8(uint8_t x)
{
    x = (uint8_t)(x - ((x >> 1) & 0x55));
    x = (uint8_t)((x & 0x33) + ((x >> 2) & 0x33));
    return (uint8_t)((x + (x >> 4)) & 0x0f);
}
LANES1(I8X16_POPCNT, u8, 16, popcnt8(a.u8[i]))

/* ---- shifts: the count modulo the lane width ---- */
#define SHIFT(name, L, N, E) \
    wv128_t wv_##name(wv128_t a_, uint64_t s_) \
    { \
        vl_t a = { .v = a_ }, r; \
        unsigned k = (unsigned)s_ & (128 / (N) - 1); \
        for (int i = 0; i < (N); i++) \
            r.L[i] = (E); \
        return r.v; \
    }
#define SHIFTS(p, N, s, u) \
    SHIFT(p##_SHL, u, N, a.u[i] << k) \
    SHIFT(p##_SHR_S, s, N, a.s[i] >> k) \
    SHIFT(p##_SHR_U, u, N, a.u[i] >> k)
SHIFTS(I8X16, 16, i8, u8)
SHIFTS(I16X8, 8, i16, u16)
SHIFTS(I32X4, 4, i32, u32)
SHIFTS(I64X2, 2, i64, u64)

/* ---- all_true, bitmask ---- */
#define TESTS(p, N, s, u) \
    uint64_t wv_##p##_ALL_TRUE(wv128_t a_) \
    { \
        vl_t a = { .v = a_ }; \
        uint64_t r = 1; \
        for (int i = 0; i < (N); i++) \
            r &= a.u[i] != 0; \
        return r; \
    } \
    uint64_t wv_##p##_BITMASK(wv128_t a_) \
    { \
        vl_t a = { .v = a_ }; \
        uint64_t r = 0; \
        for (int i = 0; i < (N); i++) \
            r |= (uint64_t)(a.s[i] < 0) << i; \
        return r; \
    }
TESTS(I8X16, 16, i8, u8)
TESTS(I16X8, 8, i16, u16)
TESTS(I32X4, 4, i32, u32)
TESTS(I64X2, 2, i64, u64)

/* ---- narrow, extend, extadd, extmul ---- */
/* r.R[i] from the signed lanes of a (first half) then b, saturated */
#define NARROW(name, R, N, S, lo, hi) \
    LANES2(name, R, N, sat(i < (N) / 2 ? a.S[i] : b.S[i - (N) / 2], lo, hi))
NARROW(I8X16_NARROW_I16X8_S, i8, 16, i16, -128, 127)
NARROW(I8X16_NARROW_I16X8_U, u8, 16, i16, 0, 255)
/* i32 lanes do not fit sat()'s int32 intermediate only at the extremes,
 * which are clamped the same way */
NARROW(I16X8_NARROW_I32X4_S, i16, 8, i32, -32768, 32767)
NARROW(I16X8_NARROW_I32X4_U, u16, 8, i32, 0, 65535)

/* R lanes (N of them) from the low (off 0) or high (off N) S lanes */
#define EXTEND(name, R, N, S, off) LANES1(name, R, N, a.S[i + (off)])
/* products in the result's unsigned type TU (no signed overflow: the
 * unsigned 16 x 16 and 32 x 32 products need every bit of it); T is the
 * signed one. The signed source lanes are sign-extended: that is the op
 * (hence the NOLINTs for signed char conversions). */
#define EXTENDS(p, q, R, RU, T, TU, N, s, u) \
    EXTEND(p##_EXTEND_LOW_##q##_S, R, N, s, 0) EXTEND(p##_EXTEND_HIGH_##q##_S, R, N, s, N) \
    EXTEND(p##_EXTEND_LOW_##q##_U, R, N, u, 0) EXTEND(p##_EXTEND_HIGH_##q##_U, R, N, u, N) \
    LANES2(p##_EXTMUL_LOW_##q##_S, RU, N, (TU)((T)a.s[i] * b.s[i])) \
    LANES2(p##_EXTMUL_HIGH_##q##_S, RU, N, (TU)((T)a.s[i + (N)] * b.s[i + (N)])) \
    LANES2(p##_EXTMUL_LOW_##q##_U, RU, N, (TU)a.u[i] * b.u[i]) \
    LANES2(p##_EXTMUL_HIGH_##q##_U, RU, N, (TU)a.u[i + (N)] * b.u[i + (N)])
EXTENDS(I16X8, I8X16, i16, u16, int16_t, uint16_t, 8, i8, u8) // NOLINT(bugprone-signed-char-misuse,cert-str34-c)
EXTENDS(I32X4, I16X8, i32, u32, int32_t, uint32_t, 4, i16, u16)
EXTENDS(I64X2, I32X4, i64, u64, int64_t, uint64_t, 2, i32, u32)
LANES1(I16X8_EXTADD_PAIRWISE_I8X16_S, i16, 8, a.i8[2 * i] + a.i8[2 * i + 1])
LANES1(I16X8_EXTADD_PAIRWISE_I8X16_U, u16, 8, a.u8[2 * i] + a.u8[2 * i + 1])
LANES1(I32X4_EXTADD_PAIRWISE_I16X8_S, i32, 4, a.i16[2 * i] + a.i16[2 * i + 1])
LANES1(I32X4_EXTADD_PAIRWISE_I16X8_U, u32, 4, (uint32_t)a.u16[2 * i] + a.u16[2 * i + 1])

/* the extending loads (the 8 bytes read are the low half of a vector) */
#define EXTLOAD(name, R, N, S) \
    wv128_t wv_##name(uint64_t m) \
    { \
        vl_t a = { .v = { m, 0 } }, r; \
        for (int i = 0; i < (N); i++) \
            r.R[i] = a.S[i]; \
        return r.v; \
    }
EXTLOAD(extend8x8_s, i16, 8, i8) // NOLINT(bugprone-signed-char-misuse,cert-str34-c)
EXTLOAD(extend8x8_u, u16, 8, u8)
EXTLOAD(extend16x4_s, i32, 4, i16)
EXTLOAD(extend16x4_u, u32, 4, u16)
EXTLOAD(extend32x2_s, i64, 2, i32)
EXTLOAD(extend32x2_u, u64, 2, u32)

/* ---- floats ---- */
LANES1(F32X4_ABS, u32, 4, a.u32[i] & ~WF_SIGN32)
LANES1(F32X4_NEG, u32, 4, a.u32[i] ^ WF_SIGN32)
LANES1(F32X4_SQRT, f32, 4, wf_f32_sqrt(a.f32[i]))
LANES1(F32X4_CEIL, f32, 4, wf_f32_ceil(a.f32[i]))
LANES1(F32X4_FLOOR, f32, 4, wf_f32_floor(a.f32[i]))
LANES1(F32X4_TRUNC, f32, 4, wf_f32_trunc(a.f32[i]))
LANES1(F32X4_NEAREST, f32, 4, wf_f32_nearest(a.f32[i]))
LANES2(F32X4_ADD, f32, 4, a.f32[i] + b.f32[i])
LANES2(F32X4_SUB, f32, 4, a.f32[i] - b.f32[i])
LANES2(F32X4_MUL, f32, 4, a.f32[i] * b.f32[i])
LANES2(F32X4_DIV, f32, 4, a.f32[i] / b.f32[i])
LANES2(F32X4_MIN, f32, 4, wf_f32_min(a.f32[i], b.f32[i]))
LANES2(F32X4_MAX, f32, 4, wf_f32_max(a.f32[i], b.f32[i]))
/* pmin/pmax: b < a ? b : a and a < b ? b : a, NaN and signed zero as
 * they fall (the spec defines them so) */
LANES2(F32X4_PMIN, u32, 4, b.f32[i] < a.f32[i] ? b.u32[i] : a.u32[i])
LANES2(F32X4_PMAX, u32, 4, a.f32[i] < b.f32[i] ? b.u32[i] : a.u32[i])
LANES1(F64X2_ABS, u64, 2, a.u64[i] & ~WF_SIGN64)
LANES1(F64X2_NEG, u64, 2, a.u64[i] ^ WF_SIGN64)
LANES1(F64X2_SQRT, f64, 2, wf_f64_sqrt(a.f64[i]))
LANES1(F64X2_CEIL, f64, 2, wf_f64_ceil(a.f64[i]))
LANES1(F64X2_FLOOR, f64, 2, wf_f64_floor(a.f64[i]))
LANES1(F64X2_TRUNC, f64, 2, wf_f64_trunc(a.f64[i]))
LANES1(F64X2_NEAREST, f64, 2, wf_f64_nearest(a.f64[i]))
LANES2(F64X2_ADD, f64, 2, a.f64[i] + b.f64[i])
LANES2(F64X2_SUB, f64, 2, a.f64[i] - b.f64[i])
LANES2(F64X2_MUL, f64, 2, a.f64[i] * b.f64[i])
LANES2(F64X2_DIV, f64, 2, a.f64[i] / b.f64[i])
LANES2(F64X2_MIN, f64, 2, wf_f64_min(a.f64[i], b.f64[i]))
LANES2(F64X2_MAX, f64, 2, wf_f64_max(a.f64[i], b.f64[i]))
LANES2(F64X2_PMIN, u64, 2, b.f64[i] < a.f64[i] ? b.u64[i] : a.u64[i])
LANES2(F64X2_PMAX, u64, 2, a.f64[i] < b.f64[i] ? b.u64[i] : a.u64[i])

/* ---- conversions ---- */
LANES1(I32X4_TRUNC_SAT_F32X4_S, u32, 4, wf_sat_i32_f32_s(a.f32[i]))
LANES1(I32X4_TRUNC_SAT_F32X4_U, u32, 4, wf_sat_i32_f32_u(a.f32[i]))
LANES1(F32X4_CONVERT_I32X4_S, f32, 4, (float)a.i32[i])
LANES1(F32X4_CONVERT_I32X4_U, f32, 4, (float)a.u32[i])
LANES1(I32X4_TRUNC_SAT_F64X2_S_ZERO, u32, 4, i < 2 ? wf_sat_i32_f64_s(a.f64[i]) : 0)
LANES1(I32X4_TRUNC_SAT_F64X2_U_ZERO, u32, 4, i < 2 ? wf_sat_i32_f64_u(a.f64[i]) : 0)
LANES1(F64X2_CONVERT_LOW_I32X4_S, f64, 2, (double)a.i32[i])
LANES1(F64X2_CONVERT_LOW_I32X4_U, f64, 2, (double)a.u32[i])
LANES1(F32X4_DEMOTE_F64X2_ZERO, f32, 4, i < 2 ? (float)a.f64[i] : 0.0f)
LANES1(F64X2_PROMOTE_LOW_F32X4, f64, 2, (double)a.f32[i])
