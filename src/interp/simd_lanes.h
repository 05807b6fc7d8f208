/*
 * simd_lanes.h - a v128 seen as its lanes (vl_t: a union of the lane
 * arrays over wv128_t), for the files that compute SIMD instructions
 * (simd.c, simd_relaxed.c). Lanes are little-endian, numbered as the spec
 * numbers them.
 */
#ifndef JERICHO_INTERP_SIMD_LANES_H
#define JERICHO_INTERP_SIMD_LANES_H

#include "interp/simd.h"

typedef union {
    wv128_t v;
    uint8_t u8[16];
    int8_t i8[16];
    uint16_t u16[8];
    int16_t i16[8];
    uint32_t u32[4];
    int32_t i32[4];
    uint64_t u64[2];
    int64_t i64[2];
    float f32[4];
    double f64[2];
} vl_t;

_Static_assert(sizeof(vl_t) == 16, "a v128 is 16 bytes");
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "lanes are little-endian");

#endif
