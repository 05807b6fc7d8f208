/*
 * simd_mem.h - what each SIMD load reads and store writes (included by
 * the code that touches guest memory: exec_simd.h in the loop for memory
 * 0, exec_simd_mem.c for the others). VMSZ_<op> is the access size,
 * VLD_<op>(p) the vector a load makes of the bytes at p (a lane load:
 * VLD_<op>(p, v, lane)), VST_<op>(p, v) and VST_<op>(p, v, lane) what a
 * store writes. Needs exec_num.h's RD/WR and simd.h.
 */
#ifndef JERICHO_INTERP_SIMD_MEM_H
#define JERICHO_INTERP_SIMD_MEM_H

#define VMSZ_V128_LOAD 16
#define VMSZ_V128_LOAD8X8_S 8
#define VMSZ_V128_LOAD8X8_U 8
#define VMSZ_V128_LOAD16X4_S 8
#define VMSZ_V128_LOAD16X4_U 8
#define VMSZ_V128_LOAD32X2_S 8
#define VMSZ_V128_LOAD32X2_U 8
#define VMSZ_V128_LOAD8_SPLAT 1
#define VMSZ_V128_LOAD16_SPLAT 2
#define VMSZ_V128_LOAD32_SPLAT 4
#define VMSZ_V128_LOAD64_SPLAT 8
#define VMSZ_V128_LOAD32_ZERO 4
#define VMSZ_V128_LOAD64_ZERO 8
#define VMSZ_V128_STORE 16
#define VMSZ_V128_LOAD8_LANE 1
#define VMSZ_V128_LOAD16_LANE 2
#define VMSZ_V128_LOAD32_LANE 4
#define VMSZ_V128_LOAD64_LANE 8
#define VMSZ_V128_STORE8_LANE 1
#define VMSZ_V128_STORE16_LANE 2
#define VMSZ_V128_STORE32_LANE 4
#define VMSZ_V128_STORE64_LANE 8
#define VLD_V128_LOAD(p) ((wv128_t){ RD(uint64_t, p), RD(uint64_t, (p) + 8) })
#define VLD_V128_LOAD8X8_S(p) wv_extend8x8_s(RD(uint64_t, p))
#define VLD_V128_LOAD8X8_U(p) wv_extend8x8_u(RD(uint64_t, p))
#define VLD_V128_LOAD16X4_S(p) wv_extend16x4_s(RD(uint64_t, p))
#define VLD_V128_LOAD16X4_U(p) wv_extend16x4_u(RD(uint64_t, p))
#define VLD_V128_LOAD32X2_S(p) wv_extend32x2_s(RD(uint64_t, p))
#define VLD_V128_LOAD32X2_U(p) wv_extend32x2_u(RD(uint64_t, p))
#define VLD_V128_LOAD8_SPLAT(p) wv_I8X16_SPLAT(RD(uint8_t, p))
#define VLD_V128_LOAD16_SPLAT(p) wv_I16X8_SPLAT(RD(uint16_t, p))
#define VLD_V128_LOAD32_SPLAT(p) wv_I32X4_SPLAT(RD(uint32_t, p))
#define VLD_V128_LOAD64_SPLAT(p) wv_I64X2_SPLAT(RD(uint64_t, p))
#define VLD_V128_LOAD32_ZERO(p) ((wv128_t){ RD(uint32_t, p), 0 })
#define VLD_V128_LOAD64_ZERO(p) ((wv128_t){ RD(uint64_t, p), 0 })
#define VST_V128_STORE(p, v) do { \
        wv128_t w_ = (v); \
        WR(uint64_t, p, w_.lo); \
        WR(uint64_t, (p) + 8, w_.hi); \
    } while (0)
#define VLD_V128_LOAD8_LANE(p, v, l) wv_I8X16_REPLACE_LANE(v, RD(uint8_t, p), l)
#define VLD_V128_LOAD16_LANE(p, v, l) wv_I16X8_REPLACE_LANE(v, RD(uint16_t, p), l)
#define VLD_V128_LOAD32_LANE(p, v, l) wv_I32X4_REPLACE_LANE(v, RD(uint32_t, p), l)
#define VLD_V128_LOAD64_LANE(p, v, l) wv_I64X2_REPLACE_LANE(v, RD(uint64_t, p), l)
#define VST_V128_STORE8_LANE(p, v, l) WR(uint8_t, p, wv_I8X16_EXTRACT_LANE_U(v, l))
#define VST_V128_STORE16_LANE(p, v, l) WR(uint16_t, p, wv_I16X8_EXTRACT_LANE_U(v, l))
#define VST_V128_STORE32_LANE(p, v, l) WR(uint32_t, p, wv_I32X4_EXTRACT_LANE(v, l))
#define VST_V128_STORE64_LANE(p, v, l) WR(uint64_t, p, wv_I64X2_EXTRACT_LANE(v, l))

#endif
