/*
 * opcodes.h - the wasm opcode table (opcodes.def) turned into C: the opcode
 * enums, immediate kinds, fixed operand signatures and names.
 *
 * Binary encoding of an instruction (Wasm 2.0, non-SIMD):
 *
 *   single-byte op:   [op:u8] [immediates per IMM kind]
 *   0xFC-prefixed:    [0xFC] [subop:u32 LEB128] [immediates]
 *
 * Immediate kinds and their encodings:
 *   IMM_NONE          -
 *   IMM_BLOCKTYPE     0x40 (empty) | valtype byte | s33 LEB128 type index >= 0
 *   IMM_LABEL         u32 label depth
 *   IMM_BR_TABLE      u32 n, n x u32 labels, u32 default label
 *   IMM_FUNC          u32 function index (call, ref.func)
 *   IMM_CALL_INDIRECT u32 type index, u32 table index
 *   IMM_LOCAL         u32 local index
 *   IMM_GLOBAL        u32 global index
 *   IMM_TABLE         u32 table index
 *   IMM_TABLE_TABLE   u32 destination table, u32 source table (table.copy)
 *   IMM_ELEM_TABLE    u32 element segment, u32 table (table.init)
 *   IMM_ELEM          u32 element segment (elem.drop)
 *   IMM_MEMARG        u32 align (log2), u32 offset
 *   IMM_MEM           0x00 byte (memory index 0; memory.size/grow/fill)
 *   IMM_MEM_MEM       0x00 0x00 (memory.copy)
 *   IMM_DATA_MEM      u32 data segment, 0x00 (memory.init)
 *   IMM_DATA          u32 data segment (data.drop)
 *   IMM_I32 / IMM_I64 s32 / s64 LEB128
 *   IMM_F32 / IMM_F64 4 / 8 raw little-endian bytes
 *   IMM_SELECT_T      u32 count (must be 1), count x valtype
 *   IMM_REFTYPE       heap type: s33 (an abstract type's byte, or a type index)
 *   IMM_TYPE          u32 type index (call_ref, return_call_ref)
 *   IMM_TAG           u32 tag index (throw)
 *   IMM_TRY_TABLE     blocktype, u32 n, n x catch clause: 0x00 tag label
 *                     (catch) | 0x01 tag label (catch_ref) | 0x02 label
 *                     (catch_all) | 0x03 label (catch_all_ref)
 *   IMM_LANE, IMM_MEMARG_LANE, IMM_V128, IMM_SHUFFLE: SIMD (opcodes_simd.def)
 *
 * 0xFD-prefixed (SIMD): [0xFD] [subop:u32 LEB128] [immediates]
 * (opcodes_simd.def, OPFD rows).
 *
 * Use: define OP(byte, NAME, text, IMM, SIG) and OPFC(...) then
 * #include "opcodes.def" to generate a switch, a table or a dispatch list.
 */
#ifndef JERICHO_INTERP_OPCODES_H
#define JERICHO_INTERP_OPCODES_H

#include <stdint.h>
#include <stdbool.h>

typedef enum {
    IMM_NONE, IMM_BLOCKTYPE, IMM_LABEL, IMM_BR_TABLE, IMM_FUNC,
    IMM_CALL_INDIRECT, IMM_LOCAL, IMM_GLOBAL, IMM_TABLE, IMM_TABLE_TABLE,
    IMM_ELEM_TABLE, IMM_ELEM, IMM_MEMARG, IMM_MEM, IMM_MEM_MEM, IMM_DATA_MEM,
    IMM_DATA, IMM_I32, IMM_I64, IMM_F32, IMM_F64, IMM_SELECT_T, IMM_REFTYPE, IMM_TYPE,
    IMM_TAG, IMM_TRY_TABLE, IMM_LANE, IMM_MEMARG_LANE, IMM_V128, IMM_SHUFFLE,
} wop_imm_t;

/* Fixed operand signatures: X(NAME, nparams, p0, p1, p2, nresults, r0).
 * Types are wasm_valtype_t bytes (0 = unused slot). */
#define WOP_T_I32 0x7f
#define WOP_T_I64 0x7e
#define WOP_T_F32 0x7d
#define WOP_T_F64 0x7c
#define WOP_T_V128 0x7b
#define WOP_SIGS(X) \
    X(SIG_SPECIAL,       0, 0, 0, 0, 0, 0) \
    X(SIG___,            0, 0, 0, 0, 0, 0) \
    X(SIG___I32,         0, 0, 0, 0, 1, WOP_T_I32) \
    X(SIG___I64,         0, 0, 0, 0, 1, WOP_T_I64) \
    X(SIG___F32,         0, 0, 0, 0, 1, WOP_T_F32) \
    X(SIG___F64,         0, 0, 0, 0, 1, WOP_T_F64) \
    X(SIG_I32__I32,      1, WOP_T_I32, 0, 0, 1, WOP_T_I32) \
    X(SIG_I32__I64,      1, WOP_T_I32, 0, 0, 1, WOP_T_I64) \
    X(SIG_I32__F32,      1, WOP_T_I32, 0, 0, 1, WOP_T_F32) \
    X(SIG_I32__F64,      1, WOP_T_I32, 0, 0, 1, WOP_T_F64) \
    X(SIG_I64__I32,      1, WOP_T_I64, 0, 0, 1, WOP_T_I32) \
    X(SIG_I64__I64,      1, WOP_T_I64, 0, 0, 1, WOP_T_I64) \
    X(SIG_I64__F32,      1, WOP_T_I64, 0, 0, 1, WOP_T_F32) \
    X(SIG_I64__F64,      1, WOP_T_I64, 0, 0, 1, WOP_T_F64) \
    X(SIG_F32__I32,      1, WOP_T_F32, 0, 0, 1, WOP_T_I32) \
    X(SIG_F32__I64,      1, WOP_T_F32, 0, 0, 1, WOP_T_I64) \
    X(SIG_F32__F32,      1, WOP_T_F32, 0, 0, 1, WOP_T_F32) \
    X(SIG_F32__F64,      1, WOP_T_F32, 0, 0, 1, WOP_T_F64) \
    X(SIG_F64__I32,      1, WOP_T_F64, 0, 0, 1, WOP_T_I32) \
    X(SIG_F64__I64,      1, WOP_T_F64, 0, 0, 1, WOP_T_I64) \
    X(SIG_F64__F32,      1, WOP_T_F64, 0, 0, 1, WOP_T_F32) \
    X(SIG_F64__F64,      1, WOP_T_F64, 0, 0, 1, WOP_T_F64) \
    X(SIG_I32_I32__,     2, WOP_T_I32, WOP_T_I32, 0, 0, 0) \
    X(SIG_I32_I64__,     2, WOP_T_I32, WOP_T_I64, 0, 0, 0) \
    X(SIG_I32_F32__,     2, WOP_T_I32, WOP_T_F32, 0, 0, 0) \
    X(SIG_I32_F64__,     2, WOP_T_I32, WOP_T_F64, 0, 0, 0) \
    X(SIG_I32_I32__I32,  2, WOP_T_I32, WOP_T_I32, 0, 1, WOP_T_I32) \
    X(SIG_I64_I64__I32,  2, WOP_T_I64, WOP_T_I64, 0, 1, WOP_T_I32) \
    X(SIG_I64_I64__I64,  2, WOP_T_I64, WOP_T_I64, 0, 1, WOP_T_I64) \
    X(SIG_F32_F32__I32,  2, WOP_T_F32, WOP_T_F32, 0, 1, WOP_T_I32) \
    X(SIG_F32_F32__F32,  2, WOP_T_F32, WOP_T_F32, 0, 1, WOP_T_F32) \
    X(SIG_F64_F64__I32,  2, WOP_T_F64, WOP_T_F64, 0, 1, WOP_T_I32) \
    X(SIG_F64_F64__F64,  2, WOP_T_F64, WOP_T_F64, 0, 1, WOP_T_F64) \
    X(SIG_I32_I32_I32__, 3, WOP_T_I32, WOP_T_I32, WOP_T_I32, 0, 0) \
    X(SIG_I32__V128,     1, WOP_T_I32, 0, 0, 1, WOP_T_V128) \
    X(SIG_I64__V128,     1, WOP_T_I64, 0, 0, 1, WOP_T_V128) \
    X(SIG_F32__V128,     1, WOP_T_F32, 0, 0, 1, WOP_T_V128) \
    X(SIG_F64__V128,     1, WOP_T_F64, 0, 0, 1, WOP_T_V128) \
    X(SIG_V128__V128,    1, WOP_T_V128, 0, 0, 1, WOP_T_V128) \
    X(SIG_V128__I32,     1, WOP_T_V128, 0, 0, 1, WOP_T_I32) \
    X(SIG_V128__I64,     1, WOP_T_V128, 0, 0, 1, WOP_T_I64) \
    X(SIG_V128__F32,     1, WOP_T_V128, 0, 0, 1, WOP_T_F32) \
    X(SIG_V128__F64,     1, WOP_T_V128, 0, 0, 1, WOP_T_F64) \
    X(SIG_I32_V128__,    2, WOP_T_I32, WOP_T_V128, 0, 0, 0) \
    X(SIG_I32_V128__V128, 2, WOP_T_I32, WOP_T_V128, 0, 1, WOP_T_V128) \
    X(SIG_V128_I32__V128, 2, WOP_T_V128, WOP_T_I32, 0, 1, WOP_T_V128) \
    X(SIG_V128_I64__V128, 2, WOP_T_V128, WOP_T_I64, 0, 1, WOP_T_V128) \
    X(SIG_V128_F32__V128, 2, WOP_T_V128, WOP_T_F32, 0, 1, WOP_T_V128) \
    X(SIG_V128_F64__V128, 2, WOP_T_V128, WOP_T_F64, 0, 1, WOP_T_V128) \
    X(SIG_V128_V128__V128, 2, WOP_T_V128, WOP_T_V128, 0, 1, WOP_T_V128) \
    X(SIG_V128_V128_V128__V128, 3, WOP_T_V128, WOP_T_V128, WOP_T_V128, 1, WOP_T_V128)

typedef enum {
#define X(name, np, p0, p1, p2, nr, r0) name,
    WOP_SIGS(X)
#undef X
    SIG_COUNT
} wop_sig_t;

typedef struct {
    uint8_t nparams, params[3];
    uint8_t nresults, result;
} wop_sigdesc_t;

/* Single-byte opcodes: OP_<NAME> = byte. */
enum {
#define OP(byte, name, text, imm, sig) OP_##name = (byte),
#define OPFC(sub, name, text, imm, sig)
#include "opcodes.def"
#undef OP
#undef OPFC
    OP_PREFIX_FC = 0xfc,
    OP_PREFIX_FD = 0xfd,
};

/* 0xFC-prefixed opcodes: OPFC_<NAME> = subop. */
enum {
#define OP(byte, name, text, imm, sig)
#define OPFC(sub, name, text, imm, sig) OPFC_##name = (sub),
#include "opcodes.def"
#undef OP
#undef OPFC
    OPFC_COUNT = 18,
};

/* 0xFD-prefixed (SIMD) opcodes: OPFD_<NAME> = subop (below 0x114; from
 * OPFD_RELAXED_FIRST on, relaxed SIMD). */
enum {
#define OPFD(sub, name, text, imm, sig) OPFD_##name = (sub),
#include "opcodes_simd.def"
#undef OPFD
    OPFD_RELAXED_FIRST = 0x100,
    OPFD_COUNT = 0x114,
};

/* Per-opcode facts (decode_optab.c). A single-byte op is known if
 * wop_info[byte].known; an 0xFC subop if sub < OPFC_COUNT; an 0xFD subop
 * if sub < OPFD_COUNT and wop_fd_info[sub].known. The spec text of each
 * op ("i32.add") is not here: the kernel never prints it (the host's
 * names are code_names.c's), and 512 pointers and their strings would be
 * about 12 KB of the kernel image. */
typedef struct {
    uint8_t known;      /* 1 for an opcode the engine has, 0 for a hole */
    uint8_t imm;        /* wop_imm_t */
    uint8_t sig;        /* wop_sig_t */
} wop_info_t;

extern const wop_info_t wop_info[256];
extern const wop_info_t wop_fc_info[OPFC_COUNT];
extern const wop_info_t wop_fd_info[OPFD_COUNT];
extern const wop_sigdesc_t wop_sigs[SIG_COUNT];

/* log2 of the natural alignment (access size) of a load/store op
 * (0x28..0x3e); the validator rejects a larger memarg alignment. */
uint32_t wop_mem_align(uint8_t op);
/* The same for a SIMD memory op (0xFD subop): 4 for v128.load/store, the
 * lane or element group size for the others. */
uint32_t wop_fd_mem_align(uint32_t sub);
/* Lanes of a SIMD lane op's vector (16, 8, 4, 2), the bound of its lane
 * index immediate. */
uint32_t wop_fd_lanes(uint32_t sub);

#endif
