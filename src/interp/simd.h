/*
 * simd.h - what each SIMD instruction computes (Wasm 2.0 fixed-width
 * SIMD and 3.0's relaxed SIMD): one pure function per opcode of
 * opcodes_simd.def, in portable C (simd.c, simd_relaxed.c: no host
 * intrinsics; lanes little-endian, numbered as the spec numbers them). exec_simd.h calls them from the handlers. Memory
 * accesses stay in the handlers (guest memory is touched only by the
 * loop, port.h WP_GUEST_TEXT), so the functions here see only values.
 *
 * A v128 is wv128_t: two 64-bit halves (lo = bytes 0..7), the two
 * consecutive 8-byte frame slots it occupies (code.h).
 *
 * wv_<NAME> computes OPFD_<NAME>. Its arguments are the operands in
 * order (v128 as wv128_t; i32, i64, f32, f64 as their slot value, floats
 * as bits), then the lane index of a lane op; the result is a wv128_t or
 * a slot value. The function's shape follows from the op's immediate kind
 * and signature in the table (WV_SHAPE below); one instruction per shape
 * runs them (code.h V_*), the loads and stores have one each.
 */
#ifndef JERICHO_INTERP_SIMD_H
#define JERICHO_INTERP_SIMD_H

#include <stdint.h>

typedef struct {
    uint64_t lo, hi;
} wv128_t;

/*
 * WV_SHAPE(n, imm, sig) expands to one of these, to be defined by the
 * includer, for op n:
 *   WV_UN(n)        v128 -> v128              [a dst]
 *   WV_BIN(n)       v128 v128 -> v128         [a b dst]
 *   WV_TERN(n)      v128 v128 v128 -> v128    [a b c dst]     (bitselect)
 *   WV_SHIFT(n)     v128 i32 -> v128          [a s dst]
 *   WV_SPLAT(n)     scalar -> v128            [x dst]
 *   WV_TEST(n)      v128 -> i32               [a dst]
 *   WV_EXTRACT(n)   v128 -> scalar            [a dst lane]
 *   WV_REPLACE(n)   v128 scalar -> v128       [a x dst lane]
 *   WV_SHUFFLE(n)   v128 v128 -> v128         [a b dst lanes_lo lanes_hi]
 *   WV_LOAD(n)      i32 -> v128               [addr dst offset]
 *   WV_STORE(n)     i32 v128 ->               [addr val offset]
 *   WV_LOAD_LANE(n) i32 v128 -> v128          [addr v dst offset lane]
 *   WV_STORE_LANE(n) i32 v128 ->              [addr v offset lane]
 * (the cells of the instruction in brackets, code.h; the computing
 * shapes have the function's cell first, before them). v128.const has no
 * shape: the compiler turns it into constants.
 */
#define WV_CAT_(a, b) a##b
#define WV_CAT(a, b) WV_CAT_(a, b)
#define WV_SHAPE(n, imm, sig) WV_CAT(WV_I_, imm)(n, sig)
#define WV_I_IMM_NONE(n, sig) WV_CAT(WV_N_, sig)(n)
#define WV_I_IMM_LANE(n, sig) WV_CAT(WV_L_, sig)(n)
#define WV_I_IMM_MEMARG(n, sig) WV_CAT(WV_M_, sig)(n)
#define WV_I_IMM_MEMARG_LANE(n, sig) WV_CAT(WV_ML_, sig)(n)
#define WV_I_IMM_SHUFFLE(n, sig) WV_SHUFFLE(n)
#define WV_I_IMM_V128(n, sig)
#define WV_N_SIG_V128__V128(n) WV_UN(n)
#define WV_N_SIG_V128_V128__V128(n) WV_BIN(n)
#define WV_N_SIG_V128_V128_V128__V128(n) WV_TERN(n)
#define WV_N_SIG_V128_I32__V128(n) WV_SHIFT(n)
#define WV_N_SIG_I32__V128(n) WV_SPLAT(n)
#define WV_N_SIG_I64__V128(n) WV_SPLAT(n)
#define WV_N_SIG_F32__V128(n) WV_SPLAT(n)
#define WV_N_SIG_F64__V128(n) WV_SPLAT(n)
#define WV_N_SIG_V128__I32(n) WV_TEST(n)
#define WV_L_SIG_V128__I32(n) WV_EXTRACT(n)
#define WV_L_SIG_V128__I64(n) WV_EXTRACT(n)
#define WV_L_SIG_V128__F32(n) WV_EXTRACT(n)
#define WV_L_SIG_V128__F64(n) WV_EXTRACT(n)
#define WV_L_SIG_V128_I32__V128(n) WV_REPLACE(n)
#define WV_L_SIG_V128_I64__V128(n) WV_REPLACE(n)
#define WV_L_SIG_V128_F32__V128(n) WV_REPLACE(n)
#define WV_L_SIG_V128_F64__V128(n) WV_REPLACE(n)
#define WV_M_SIG_I32__V128(n) WV_LOAD(n)
#define WV_M_SIG_I32_V128__(n) WV_STORE(n)
#define WV_ML_SIG_I32_V128__V128(n) WV_LOAD_LANE(n)
#define WV_ML_SIG_I32_V128__(n) WV_STORE_LANE(n)

/* The computing functions (loads and stores compute in exec_simd.h). */
#define WV_UN(n) wv128_t wv_##n(wv128_t a);
#define WV_BIN(n) wv128_t wv_##n(wv128_t a, wv128_t b);
#define WV_TERN(n) wv128_t wv_##n(wv128_t a, wv128_t b, wv128_t c);
#define WV_SHIFT(n) wv128_t wv_##n(wv128_t a, uint64_t s);
#define WV_SPLAT(n) wv128_t wv_##n(uint64_t x);
#define WV_TEST(n) uint64_t wv_##n(wv128_t a);
#define WV_EXTRACT(n) uint64_t wv_##n(wv128_t a, uint64_t lane);
#define WV_REPLACE(n) wv128_t wv_##n(wv128_t a, uint64_t x, uint64_t lane);
#define WV_SHUFFLE(n) wv128_t wv_##n(wv128_t a, wv128_t b, uint64_t lanes_lo, uint64_t lanes_hi);
#define WV_LOAD(n)
#define WV_STORE(n)
#define WV_LOAD_LANE(n)
#define WV_STORE_LANE(n)
#define OPFD(sub, n, text, imm, sig) WV_SHAPE(n, imm, sig)
#include "interp/opcodes_simd.def"
#undef OPFD
#include "interp/simd_unshape.h"

/* The function type of each shape (the V_* instructions, code.h). */
typedef wv128_t (*wv_un_fn)(wv128_t a);
typedef wv128_t (*wv_bin_fn)(wv128_t a, wv128_t b);
typedef wv128_t (*wv_tern_fn)(wv128_t a, wv128_t b, wv128_t c);
typedef wv128_t (*wv_shift_fn)(wv128_t a, uint64_t s);
typedef wv128_t (*wv_splat_fn)(uint64_t x);
typedef uint64_t (*wv_test_fn)(wv128_t a);
typedef uint64_t (*wv_extract_fn)(wv128_t a, uint64_t lane);
typedef wv128_t (*wv_replace_fn)(wv128_t a, uint64_t x, uint64_t lane);
typedef wv128_t (*wv_shuffle_fn)(wv128_t a, wv128_t b, uint64_t lanes_lo, uint64_t lanes_hi);

/* The extending loads: the 8 bytes read, widened. */
wv128_t wv_extend8x8_s(uint64_t m);
wv128_t wv_extend8x8_u(uint64_t m);
wv128_t wv_extend16x4_s(uint64_t m);
wv128_t wv_extend16x4_u(uint64_t m);
wv128_t wv_extend32x2_s(uint64_t m);
wv128_t wv_extend32x2_u(uint64_t m);

#endif
