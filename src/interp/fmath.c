/*
 * fmath.c - IEEE-754 helpers for the wasm float instructions (see fmath.h),
 * written on the bit patterns so that no libm call is ever emitted.
 */
#include "interp/fmath.h"


/* Quiet a NaN (set the top fraction bit), keeping sign and payload. */
static inline float quiet32(float x) { return wf_f32(wf_b32(x) | 0x00400000u); }
static inline double quiet64(double x) { return wf_f64(wf_b64(x) | 0x0008000000000000ull); }

float wf_f32_min(float a, float b)
{
    if (a != a || b != b)
        return a != a ? quiet32(a) : quiet32(b);
    if (a == b) /* +0 vs -0: the negative one */
        return wf_f32(wf_b32(a) | wf_b32(b));
    return a < b ? a : b;
}

float wf_f32_max(float a, float b)
{
    if (a != a || b != b)
        return a != a ? quiet32(a) : quiet32(b);
    if (a == b)
        return wf_f32(wf_b32(a) & wf_b32(b));
    return a > b ? a : b;
}

double wf_f64_min(double a, double b)
{
    if (a != a || b != b)
        return a != a ? quiet64(a) : quiet64(b);
    if (a == b)
        return wf_f64(wf_b64(a) | wf_b64(b));
    return a < b ? a : b;
}

double wf_f64_max(double a, double b)
{
    if (a != a || b != b)
        return a != a ? quiet64(a) : quiet64(b);
    if (a == b)
        return wf_f64(wf_b64(a) & wf_b64(b));
    return a > b ? a : b;
}

float wf_f32_trunc(float x)
{
    uint32_t b = wf_b32(x);
    int e = (int)((b >> 23) & 0xff) - 127;
    if (e >= 23) /* integral, inf or NaN */
        return x != x ? quiet32(x) : x;
    if (e < 0)
        return wf_f32(b & WF_SIGN32);
    return wf_f32(b & ~(0x007fffffu >> e));
}

double wf_f64_trunc(double x)
{
    uint64_t b = wf_b64(x);
    int e = (int)((b >> 52) & 0x7ff) - 1023;
    if (e >= 52)
        return x != x ? quiet64(x) : x;
    if (e < 0)
        return wf_f64(b & WF_SIGN64);
    return wf_f64(b & ~(0x000fffffffffffffull >> e));
}

float wf_f32_floor(float x)
{
    float t = wf_f32_trunc(x);
    if (t != x && x < 0) /* x < 0 with a fraction; t != x is false for NaN */
        return t - 1.0f;
    return t;
}

double wf_f64_floor(double x)
{
    double t = wf_f64_trunc(x);
    if (t != x && x < 0)
        return t - 1.0;
    return t;
}

float wf_f32_ceil(float x)
{
    float t = wf_f32_trunc(x);
    if (t != x && x > 0)
        return t + 1.0f;
    return t; /* keeps -0 for -1 < x < 0 */
}

double wf_f64_ceil(double x)
{
    double t = wf_f64_trunc(x);
    if (t != x && x > 0)
        return t + 1.0;
    return t;
}

float wf_f32_nearest(float x)
{
    uint32_t b = wf_b32(x);
    uint32_t mag = b & ~WF_SIGN32;
    if (mag >= 0x4b000000u) /* |x| >= 2^23: integral, inf or NaN */
        return x != x ? quiet32(x) : x;
    /* Adding and subtracting 2^23 rounds to an integer in the current
     * (round-to-nearest-even) mode; the sign is put back afterwards so
     * that -0.4 gives -0. */
    volatile float big = 8388608.0f;
    float r = (wf_f32(mag) + big) - big;
    return wf_f32(wf_b32(r) | (b & WF_SIGN32));
}

double wf_f64_nearest(double x)
{
    uint64_t b = wf_b64(x);
    uint64_t mag = b & ~WF_SIGN64;
    if (mag >= 0x4330000000000000ull) /* |x| >= 2^52 */
        return x != x ? quiet64(x) : x;
    volatile double big = 4503599627370496.0;
    double r = (wf_f64(mag) + big) - big;
    return wf_f64(wf_b64(r) | (b & WF_SIGN64));
}

/* Square root, correctly rounded, in integer arithmetic: __builtin_sqrt
 * would keep a libm call for errno's sake in a freestanding build. x =
 * m * 2^e with e even; isqrt(m << 56) gives 55 bits, rounded to 53 with a
 * sticky bit from the remainder (ties to even). */
double wf_f64_sqrt(double x)
{
    uint64_t b = wf_b64(x);
    if (x != x)
        return quiet64(x);
    if (x == 0 || b == 0x7ff0000000000000ull) /* +-0, +inf */
        return x;
    if (b >> 63)
        return wf_f64(0x7ff8000000000000ull);
    int e = (int)((b >> 52) & 0x7ff);
    uint64_t m = b & 0x000fffffffffffffull;
    if (e == 0) { /* subnormal: normalise */
        e = 1;
        while (!(m & (1ull << 52))) {
            m <<= 1;
            e--;
        }
    } else {
        m |= 1ull << 52;
    }
    int ue = e - 1075; /* x = m * 2^ue */
    if (ue & 1) {
        m <<= 1;
        ue -= 1;
    }
    unsigned __int128 op = (unsigned __int128)m << 56, res = 0;
    unsigned __int128 one = (unsigned __int128)1 << 108;
    while (one > op)
        one >>= 2;
    while (one) {
        if (op >= res + one) {
            op -= res + one;
            res = (res >> 1) + one;
        } else {
            res >>= 1;
        }
        one >>= 2;
    }
    uint64_t r = (uint64_t)res; /* 2^54 <= r < 2^55 */
    uint64_t q = r >> 2;
    if ((r & 2) && ((r & 1) || op != 0 || (q & 1)))
        q++;
    int E = ue / 2 - 26; /* sqrt(x) ~ q * 2^E */
    return wf_f64(((uint64_t)(E + 1075 - 1) << 52) + q);
}

/* Double has more than 2*24+2 bits: rounding twice is exact for sqrt. */
float wf_f32_sqrt(float x)
{
    return (float)wf_f64_sqrt((double)x);
}

uint32_t wf_sat_i32_f32_s(float x)
{
    if (x != x)
        return 0;
    if (x < -2147483648.0f)
        return 0x80000000u;
    if (x >= 2147483648.0f)
        return 0x7fffffffu;
    return (uint32_t)(int32_t)x;
}

uint32_t wf_sat_i32_f32_u(float x)
{
    if (x != x || x <= -1.0f)
        return 0;
    if (x >= 4294967296.0f)
        return 0xffffffffu;
    return (uint32_t)x;
}

uint32_t wf_sat_i32_f64_s(double x)
{
    if (x != x)
        return 0;
    if (x <= -2147483649.0)
        return 0x80000000u;
    if (x >= 2147483648.0)
        return 0x7fffffffu;
    return (uint32_t)(int32_t)x;
}

uint32_t wf_sat_i32_f64_u(double x)
{
    if (x != x || x <= -1.0)
        return 0;
    if (x >= 4294967296.0)
        return 0xffffffffu;
    return (uint32_t)x;
}

uint64_t wf_sat_i64_f32_s(float x)
{
    if (x != x)
        return 0;
    if (x < -9223372036854775808.0f)
        return 0x8000000000000000ull;
    if (x >= 9223372036854775808.0f)
        return 0x7fffffffffffffffull;
    return (uint64_t)(int64_t)x;
}

uint64_t wf_sat_i64_f32_u(float x)
{
    if (x != x || x <= -1.0f)
        return 0;
    if (x >= 18446744073709551616.0f)
        return ~0ull;
    return (uint64_t)x;
}

uint64_t wf_sat_i64_f64_s(double x)
{
    if (x != x)
        return 0;
    if (x < -9223372036854775808.0)
        return 0x8000000000000000ull;
    if (x >= 9223372036854775808.0)
        return 0x7fffffffffffffffull;
    return (uint64_t)(int64_t)x;
}

uint64_t wf_sat_i64_f64_u(double x)
{
    if (x != x || x <= -1.0)
        return 0;
    if (x >= 18446744073709551616.0)
        return ~0ull;
    return (uint64_t)x;
}
