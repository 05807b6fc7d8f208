/*
 * fmath.h - IEEE-754 helpers for the wasm float instructions, without libm:
 * bit casts, min/max, ceil/floor/trunc/nearest, sqrt and the saturating
 * float-to-int conversions, each exactly as the spec defines them.
 *
 * NaN rules (spec 4.3.3): abs/neg/copysign only touch the sign bit; every
 * other op returning a NaN returns a quiet NaN (an "arithmetic" NaN), and a
 * canonical NaN when its NaN inputs were canonical.
 */
#ifndef JERICHO_INTERP_FMATH_H
#define JERICHO_INTERP_FMATH_H

#include <stdint.h>

static inline float wf_f32(uint32_t b)
{
    union { uint32_t u; float f; } c = { .u = b };
    return c.f;
}

static inline uint32_t wf_b32(float f)
{
    union { float f; uint32_t u; } c = { .f = f };
    return c.u;
}

static inline double wf_f64(uint64_t b)
{
    union { uint64_t u; double f; } c = { .u = b };
    return c.f;
}

static inline uint64_t wf_b64(double f)
{
    union { double f; uint64_t u; } c = { .f = f };
    return c.u;
}

#define WF_SIGN32 0x80000000u
#define WF_SIGN64 0x8000000000000000ull

float wf_f32_min(float a, float b);
float wf_f32_max(float a, float b);
double wf_f64_min(double a, double b);
double wf_f64_max(double a, double b);
float wf_f32_trunc(float x);
float wf_f32_floor(float x);
float wf_f32_ceil(float x);
float wf_f32_nearest(float x);
float wf_f32_sqrt(float x);
double wf_f64_trunc(double x);
double wf_f64_floor(double x);
double wf_f64_ceil(double x);
double wf_f64_nearest(double x);
double wf_f64_sqrt(double x);

/* Saturating truncations (NaN -> 0, out of range -> the nearest bound). */
uint32_t wf_sat_i32_f32_s(float x);
uint32_t wf_sat_i32_f32_u(float x);
uint32_t wf_sat_i32_f64_s(double x);
uint32_t wf_sat_i32_f64_u(double x);
uint64_t wf_sat_i64_f32_s(float x);
uint64_t wf_sat_i64_f32_u(float x);
uint64_t wf_sat_i64_f64_s(double x);
uint64_t wf_sat_i64_f64_u(double x);

/* Range checks for the trapping truncations: is x (not NaN) inside the
 * target type after truncation toward zero? */
static inline int wf_in_i32_s(double x) { return x > -2147483649.0 && x < 2147483648.0; }
static inline int wf_in_i32_u(double x) { return x > -1.0 && x < 4294967296.0; }
static inline int wf_in_i64_s(double x) { return x >= -9223372036854775808.0 && x < 9223372036854775808.0; }
static inline int wf_in_i64_u(double x) { return x > -1.0 && x < 18446744073709551616.0; }

#endif
