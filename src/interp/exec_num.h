/*
 * exec_num.h - what each numeric, load and store instruction computes, one
 * line per opcode (included by exec.c only). SEM_<op>(a[, b]) takes the
 * operands as C values of the op's types (I32 = uint32_t, I64 = uint64_t,
 * F32 = float, F64 = double) and yields the result; ops that can trap use
 * TRAP(t) from exec.c. LDM_<op>(p) reads memory at p as a slot value and
 * STM_<op>(p, v) writes slot value v; MSZ_<op> is the access size.
 */
#ifndef JERICHO_INTERP_EXEC_NUM_H
#define JERICHO_INTERP_EXEC_NUM_H

#include "interp/fmath.h"

#define T_I32 uint32_t
#define T_I64 uint64_t
#define T_F32 float
#define T_F64 double
/* slot value -> C value */
#define LD_I32(s) ((uint32_t)(s))
#define LD_I64(s) ((uint64_t)(s))
#define LD_F32(s) wf_f32((uint32_t)(s))
#define LD_F64(s) wf_f64((uint64_t)(s))
/* C value -> slot value */
#define ST_I32(v) ((uint64_t)(uint32_t)(v))
#define ST_I64(v) ((uint64_t)(v))
#define ST_F32(v) ((uint64_t)wf_b32(v))
#define ST_F64(v) wf_b64(v)

#define S32(x) ((int32_t)(x))
#define S64(x) ((int64_t)(x))

/* ---- i32 ---- */
#define SEM_I32_EQZ(a) ((a) == 0)
#define SEM_I32_EQ(a, b) ((a) == (b))
#define SEM_I32_NE(a, b) ((a) != (b))
#define SEM_I32_LT_S(a, b) (S32(a) < S32(b))
#define SEM_I32_LT_U(a, b) ((a) < (b))
#define SEM_I32_GT_S(a, b) (S32(a) > S32(b))
#define SEM_I32_GT_U(a, b) ((a) > (b))
#define SEM_I32_LE_S(a, b) (S32(a) <= S32(b))
#define SEM_I32_LE_U(a, b) ((a) <= (b))
#define SEM_I32_GE_S(a, b) (S32(a) >= S32(b))
#define SEM_I32_GE_U(a, b) ((a) >= (b))
#define SEM_I32_CLZ(a) ((a) ? (uint32_t)__builtin_clz(a) : 32u)
#define SEM_I32_CTZ(a) ((a) ? (uint32_t)__builtin_ctz(a) : 32u)
#define SEM_I32_POPCNT(a) wx_popcnt64(a)
#define SEM_I32_ADD(a, b) ((a) + (b))
#define SEM_I32_SUB(a, b) ((a) - (b))
#define SEM_I32_MUL(a, b) ((a) * (b))
#define SEM_I32_DIV_S(a, b) ({ if ((b) == 0) TRAP(WASM_TRAP_INT_DIV_ZERO); \
    if ((a) == 0x80000000u && (b) == 0xffffffffu) TRAP(WASM_TRAP_INT_OVERFLOW); \
    (uint32_t)(S32(a) / S32(b)); })
#define SEM_I32_DIV_U(a, b) ({ if ((b) == 0) TRAP(WASM_TRAP_INT_DIV_ZERO); (a) / (b); })
#define SEM_I32_REM_S(a, b) ({ if ((b) == 0) TRAP(WASM_TRAP_INT_DIV_ZERO); \
    (b) == 0xffffffffu ? 0u : (uint32_t)(S32(a) % S32(b)); })
#define SEM_I32_REM_U(a, b) ({ if ((b) == 0) TRAP(WASM_TRAP_INT_DIV_ZERO); (a) % (b); })
#define SEM_I32_AND(a, b) ((a) & (b))
#define SEM_I32_OR(a, b) ((a) | (b))
#define SEM_I32_XOR(a, b) ((a) ^ (b))
#define SEM_I32_SHL(a, b) ((a) << ((b) & 31))
#define SEM_I32_SHR_S(a, b) ((uint32_t)(S32(a) >> ((b) & 31)))
#define SEM_I32_SHR_U(a, b) ((a) >> ((b) & 31))
#define SEM_I32_ROTL(a, b) (((a) << ((b) & 31)) | ((a) >> ((32 - ((b) & 31)) & 31)))
#define SEM_I32_ROTR(a, b) (((a) >> ((b) & 31)) | ((a) << ((32 - ((b) & 31)) & 31)))

/* ---- i64 ---- */
#define SEM_I64_EQZ(a) ((a) == 0)
#define SEM_I64_EQ(a, b) ((a) == (b))
#define SEM_I64_NE(a, b) ((a) != (b))
#define SEM_I64_LT_S(a, b) (S64(a) < S64(b))
#define SEM_I64_LT_U(a, b) ((a) < (b))
#define SEM_I64_GT_S(a, b) (S64(a) > S64(b))
#define SEM_I64_GT_U(a, b) ((a) > (b))
#define SEM_I64_LE_S(a, b) (S64(a) <= S64(b))
#define SEM_I64_LE_U(a, b) ((a) <= (b))
#define SEM_I64_GE_S(a, b) (S64(a) >= S64(b))
#define SEM_I64_GE_U(a, b) ((a) >= (b))
#define SEM_I64_CLZ(a) ((a) ? (uint64_t)__builtin_clzll(a) : 64u)
#define SEM_I64_CTZ(a) ((a) ? (uint64_t)__builtin_ctzll(a) : 64u)
#define SEM_I64_POPCNT(a) wx_popcnt64(a)
#define SEM_I64_ADD(a, b) ((a) + (b))
#define SEM_I64_SUB(a, b) ((a) - (b))
#define SEM_I64_MUL(a, b) ((a) * (b))
#define SEM_I64_DIV_S(a, b) ({ if ((b) == 0) TRAP(WASM_TRAP_INT_DIV_ZERO); \
    if ((a) == 0x8000000000000000ull && (b) == ~0ull) TRAP(WASM_TRAP_INT_OVERFLOW); \
    (uint64_t)(S64(a) / S64(b)); })
#define SEM_I64_DIV_U(a, b) ({ if ((b) == 0) TRAP(WASM_TRAP_INT_DIV_ZERO); (a) / (b); })
#define SEM_I64_REM_S(a, b) ({ if ((b) == 0) TRAP(WASM_TRAP_INT_DIV_ZERO); \
    (b) == ~0ull ? 0u : (uint64_t)(S64(a) % S64(b)); })
#define SEM_I64_REM_U(a, b) ({ if ((b) == 0) TRAP(WASM_TRAP_INT_DIV_ZERO); (a) % (b); })
#define SEM_I64_AND(a, b) ((a) & (b))
#define SEM_I64_OR(a, b) ((a) | (b))
#define SEM_I64_XOR(a, b) ((a) ^ (b))
#define SEM_I64_SHL(a, b) ((a) << ((b) & 63))
#define SEM_I64_SHR_S(a, b) ((uint64_t)(S64(a) >> ((b) & 63)))
#define SEM_I64_SHR_U(a, b) ((a) >> ((b) & 63))
#define SEM_I64_ROTL(a, b) (((a) << ((b) & 63)) | ((a) >> ((64 - ((b) & 63)) & 63)))
#define SEM_I64_ROTR(a, b) (((a) >> ((b) & 63)) | ((a) << ((64 - ((b) & 63)) & 63)))

/* ---- f32 / f64 ---- */
#define SEM_F32_EQ(a, b) ((a) == (b))
#define SEM_F32_NE(a, b) ((a) != (b))
#define SEM_F32_LT(a, b) ((a) < (b))
#define SEM_F32_GT(a, b) ((a) > (b))
#define SEM_F32_LE(a, b) ((a) <= (b))
#define SEM_F32_GE(a, b) ((a) >= (b))
#define SEM_F64_EQ(a, b) ((a) == (b))
#define SEM_F64_NE(a, b) ((a) != (b))
#define SEM_F64_LT(a, b) ((a) < (b))
#define SEM_F64_GT(a, b) ((a) > (b))
#define SEM_F64_LE(a, b) ((a) <= (b))
#define SEM_F64_GE(a, b) ((a) >= (b))
#define SEM_F32_ABS(a) wf_f32(wf_b32(a) & ~WF_SIGN32)
#define SEM_F32_NEG(a) wf_f32(wf_b32(a) ^ WF_SIGN32)
#define SEM_F32_CEIL(a) wf_f32_ceil(a)
#define SEM_F32_FLOOR(a) wf_f32_floor(a)
#define SEM_F32_TRUNC(a) wf_f32_trunc(a)
#define SEM_F32_NEAREST(a) wf_f32_nearest(a)
#define SEM_F32_SQRT(a) wf_f32_sqrt(a)
#define SEM_F32_ADD(a, b) ((a) + (b))
#define SEM_F32_SUB(a, b) ((a) - (b))
#define SEM_F32_MUL(a, b) ((a) * (b))
#define SEM_F32_DIV(a, b) ((a) / (b))
#define SEM_F32_MIN(a, b) wf_f32_min(a, b)
#define SEM_F32_MAX(a, b) wf_f32_max(a, b)
#define SEM_F32_COPYSIGN(a, b) wf_f32((wf_b32(a) & ~WF_SIGN32) | (wf_b32(b) & WF_SIGN32))
#define SEM_F64_ABS(a) wf_f64(wf_b64(a) & ~WF_SIGN64)
#define SEM_F64_NEG(a) wf_f64(wf_b64(a) ^ WF_SIGN64)
#define SEM_F64_CEIL(a) wf_f64_ceil(a)
#define SEM_F64_FLOOR(a) wf_f64_floor(a)
#define SEM_F64_TRUNC(a) wf_f64_trunc(a)
#define SEM_F64_NEAREST(a) wf_f64_nearest(a)
#define SEM_F64_SQRT(a) wf_f64_sqrt(a)
#define SEM_F64_ADD(a, b) ((a) + (b))
#define SEM_F64_SUB(a, b) ((a) - (b))
#define SEM_F64_MUL(a, b) ((a) * (b))
#define SEM_F64_DIV(a, b) ((a) / (b))
#define SEM_F64_MIN(a, b) wf_f64_min(a, b)
#define SEM_F64_MAX(a, b) wf_f64_max(a, b)
#define SEM_F64_COPYSIGN(a, b) wf_f64((wf_b64(a) & ~WF_SIGN64) | (wf_b64(b) & WF_SIGN64))

/* ---- conversions ---- */
#define TRUNC_CHECK(a, inrange) ({ if ((a) != (a)) TRAP(WASM_TRAP_INVALID_CONVERSION); \
    if (!inrange((double)(a))) TRAP(WASM_TRAP_INT_OVERFLOW); })
#define SEM_I32_WRAP_I64(a) ((uint32_t)(a))
#define SEM_I32_TRUNC_F32_S(a) ({ TRUNC_CHECK(a, wf_in_i32_s); (uint32_t)(int32_t)(a); })
#define SEM_I32_TRUNC_F32_U(a) ({ TRUNC_CHECK(a, wf_in_i32_u); (uint32_t)(a); })
#define SEM_I32_TRUNC_F64_S(a) ({ TRUNC_CHECK(a, wf_in_i32_s); (uint32_t)(int32_t)(a); })
#define SEM_I32_TRUNC_F64_U(a) ({ TRUNC_CHECK(a, wf_in_i32_u); (uint32_t)(a); })
#define SEM_I64_EXTEND_I32_S(a) ((uint64_t)(int64_t)S32(a))
#define SEM_I64_EXTEND_I32_U(a) ((uint64_t)(a))
#define SEM_I64_TRUNC_F32_S(a) ({ TRUNC_CHECK(a, wf_in_i64_s); (uint64_t)(int64_t)(a); })
#define SEM_I64_TRUNC_F32_U(a) ({ TRUNC_CHECK(a, wf_in_i64_u); (uint64_t)(a); })
#define SEM_I64_TRUNC_F64_S(a) ({ TRUNC_CHECK(a, wf_in_i64_s); (uint64_t)(int64_t)(a); })
#define SEM_I64_TRUNC_F64_U(a) ({ TRUNC_CHECK(a, wf_in_i64_u); (uint64_t)(a); })
#define SEM_F32_CONVERT_I32_S(a) ((float)S32(a))
#define SEM_F32_CONVERT_I32_U(a) ((float)(a))
#define SEM_F32_CONVERT_I64_S(a) ((float)S64(a))
#define SEM_F32_CONVERT_I64_U(a) ((float)(a))
#define SEM_F32_DEMOTE_F64(a) ((float)(a))
#define SEM_F64_CONVERT_I32_S(a) ((double)S32(a))
#define SEM_F64_CONVERT_I32_U(a) ((double)(a))
#define SEM_F64_CONVERT_I64_S(a) ((double)S64(a))
#define SEM_F64_CONVERT_I64_U(a) ((double)(a))
#define SEM_F64_PROMOTE_F32(a) ((double)(a))
#define SEM_I32_REINTERPRET_F32(a) wf_b32(a)
#define SEM_I64_REINTERPRET_F64(a) wf_b64(a)
#define SEM_F32_REINTERPRET_I32(a) wf_f32(a)
#define SEM_F64_REINTERPRET_I64(a) wf_f64(a)
#define SEM_I32_EXTEND8_S(a) ((uint32_t)(int32_t)(int8_t)(a))
#define SEM_I32_EXTEND16_S(a) ((uint32_t)(int32_t)(int16_t)(a))
#define SEM_I64_EXTEND8_S(a) ((uint64_t)(int64_t)(int8_t)(a))
#define SEM_I64_EXTEND16_S(a) ((uint64_t)(int64_t)(int16_t)(a))
#define SEM_I64_EXTEND32_S(a) ((uint64_t)(int64_t)(int32_t)(a))
#define SEM_I32_TRUNC_SAT_F32_S(a) wf_sat_i32_f32_s(a)
#define SEM_I32_TRUNC_SAT_F32_U(a) wf_sat_i32_f32_u(a)
#define SEM_I32_TRUNC_SAT_F64_S(a) wf_sat_i32_f64_s(a)
#define SEM_I32_TRUNC_SAT_F64_U(a) wf_sat_i32_f64_u(a)
#define SEM_I64_TRUNC_SAT_F32_S(a) wf_sat_i64_f32_s(a)
#define SEM_I64_TRUNC_SAT_F32_U(a) wf_sat_i64_f32_u(a)
#define SEM_I64_TRUNC_SAT_F64_S(a) wf_sat_i64_f64_s(a)
#define SEM_I64_TRUNC_SAT_F64_U(a) wf_sat_i64_f64_u(a)

/* ---- memory: little-endian, unaligned ---- */
#define RD(T, p) ({ T v_; __builtin_memcpy(&v_, (p), sizeof v_); v_; })
#define WR(T, p, v) do { T v_ = (T)(v); __builtin_memcpy((p), &v_, sizeof v_); } while (0)
#define MSZ_I32_LOAD 4
#define MSZ_I64_LOAD 8
#define MSZ_F32_LOAD 4
#define MSZ_F64_LOAD 8
#define MSZ_I32_LOAD8_S 1
#define MSZ_I32_LOAD8_U 1
#define MSZ_I32_LOAD16_S 2
#define MSZ_I32_LOAD16_U 2
#define MSZ_I64_LOAD8_S 1
#define MSZ_I64_LOAD8_U 1
#define MSZ_I64_LOAD16_S 2
#define MSZ_I64_LOAD16_U 2
#define MSZ_I64_LOAD32_S 4
#define MSZ_I64_LOAD32_U 4
#define MSZ_I32_STORE 4
#define MSZ_I64_STORE 8
#define MSZ_F32_STORE 4
#define MSZ_F64_STORE 8
#define MSZ_I32_STORE8 1
#define MSZ_I32_STORE16 2
#define MSZ_I64_STORE8 1
#define MSZ_I64_STORE16 2
#define MSZ_I64_STORE32 4
#define LDM_I32_LOAD(p) ((uint64_t)RD(uint32_t, p))
#define LDM_I64_LOAD(p) RD(uint64_t, p)
#define LDM_F32_LOAD(p) ((uint64_t)RD(uint32_t, p))
#define LDM_F64_LOAD(p) RD(uint64_t, p)
#define LDM_I32_LOAD8_S(p) ((uint64_t)(uint32_t)(int32_t)RD(int8_t, p))
#define LDM_I32_LOAD8_U(p) ((uint64_t)RD(uint8_t, p))
#define LDM_I32_LOAD16_S(p) ((uint64_t)(uint32_t)(int32_t)RD(int16_t, p))
#define LDM_I32_LOAD16_U(p) ((uint64_t)RD(uint16_t, p))
#define LDM_I64_LOAD8_S(p) ((uint64_t)(int64_t)RD(int8_t, p))
#define LDM_I64_LOAD8_U(p) ((uint64_t)RD(uint8_t, p))
#define LDM_I64_LOAD16_S(p) ((uint64_t)(int64_t)RD(int16_t, p))
#define LDM_I64_LOAD16_U(p) ((uint64_t)RD(uint16_t, p))
#define LDM_I64_LOAD32_S(p) ((uint64_t)(int64_t)RD(int32_t, p))
#define LDM_I64_LOAD32_U(p) ((uint64_t)RD(uint32_t, p))
#define STM_I32_STORE(p, v) WR(uint32_t, p, v)
#define STM_I64_STORE(p, v) WR(uint64_t, p, v)
#define STM_F32_STORE(p, v) WR(uint32_t, p, v)
#define STM_F64_STORE(p, v) WR(uint64_t, p, v)
#define STM_I32_STORE8(p, v) WR(uint8_t, p, v)
#define STM_I32_STORE16(p, v) WR(uint16_t, p, v)
#define STM_I64_STORE8(p, v) WR(uint8_t, p, v)
#define STM_I64_STORE16(p, v) WR(uint16_t, p, v)
#define STM_I64_STORE32(p, v) WR(uint32_t, p, v)

static inline uint32_t wx_popcnt64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (uint32_t)((x * 0x0101010101010101ull) >> 56);
}

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "wasm memory is little-endian");

#endif
