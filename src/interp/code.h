/*
 * code.h - the engine's internal code format: what compile.c produces from a
 * validated function body and exec.c runs.
 *
 * A compiled function is an array of 8-byte cells. An instruction is one
 * handler cell followed by its operand cells; operands are frame slot
 * numbers (register-style three-address code over the frame), immediates or
 * branch targets (cell pointers), all decoded ahead of time:
 *
 *      cell:  0          1          2          3          4 ...
 *           +----------+----------+----------+----------+--------
 *  binop rr | handler  | slot a   | slot b   | slot dst |
 *  binop ri | handler  | slot a   | imm b    | slot dst |
 *  binop rm | handler  | slot a   | slot addr| slot dst | offset   |  (b loaded)
 *  unop     | handler  | slot a   | slot dst |
 *  load     | handler  | slot addr| slot dst | offset   |
 *  load_a   | handler  | slot base| slot dst | offset   | imm k    |  addr = base + k
 *  store    | handler  | slot addr| slot val | offset   |
 *  store_a  | handler  | slot base| slot val | offset   | imm k    |  (mod 2^32)
 *  store_i  | handler  | slot addr| imm val  | offset   |              (_AI: + k)
 *  brif rr  | handler  | slot a   | slot b   | target   |   (fused cmp+br_if)
 *  call     | handler  | funcidx  | argslot  |
 *           +----------+----------+----------+----------+--------
 *  (every handler's exact layout is listed next to WCODE_CONTROL below)
 *
 * The handler cell holds the address of the handler's label (computed goto)
 * or its wcode_op_t number (switch dispatch, -DWASM_DISPATCH_SWITCH).
 *
 * Frame of a function (fp points at slot 0, on the exec's value stack;
 * every value takes one 8-byte slot but a v128, which takes two in a row,
 * low half first, so the counts below are of slots):
 *
 *   fp[0 .. nparams)              parameters (the caller's argument slots)
 *   fp[nparams .. nlocals)        declared locals, zeroed on entry
 *   fp[nlocals .. frame_slots)    operand stack: the value at validation
 *                                 height h lives in slot nlocals + h
 *
 * A call passes its arguments in place: the callee's fp is the caller's
 * slot of the first argument, and results come back in the same slots.
 * local.get emits nothing: the compiler keeps a compile-time stack of slot
 * references and constants and only materialises them into the canonical
 * slot (nlocals + h) where control flow merges or a local is overwritten.
 */
#ifndef JERICHO_INTERP_CODE_H
#define JERICHO_INTERP_CODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "interp/module.h"
#include "interp/opcodes.h"
#include "interp/simd.h"

typedef union wcell {
    const void *h;              /* handler address (computed goto) */
    uintptr_t op;               /* handler number (switch dispatch) */
    uint64_t u64;               /* immediates; f32/f64 as bits */
    size_t sl;                  /* frame slot number */
    const union wcell *target;  /* branch target */
    const struct wcode_fn *fn;  /* CALL_LOCAL's callee */
    void (*vfn)(void);          /* a SIMD op's function (simd.h, by shape) */
} wcell_t;

_Static_assert(sizeof(wcell_t) == 8, "cells are 8 bytes");

/* ---- instruction list ------------------------------------------------------
 * Numeric instructions are generated from opcodes.def: include it with
 *   #define OP(b, n, t, imm, sig)   WC_GEN_##imm(n, sig)
 *   #define OPFC(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
 * after defining WC_UN(name, tin, tout), WC_BIN(name, tin, tout),
 * WC_LOAD(name, tout) and WC_STORE(name, tval) (types: I32 I64 F32 F64).
 */
#define WC_CAT_(a, b) a##b
#define WC_CAT(a, b) WC_CAT_(a, b)
/* A second pasting macro for the outer level: the lists WC_GEN_IMM_* expand
 * to use WC_CAT themselves, and cppcheck's preprocessor does not expand a
 * macro again inside the result of its own expansion (GCC does). */
#define WC_GEN_CAT_(a, b) a##b
#define WC_GEN_CAT(a, b) WC_GEN_CAT_(a, b)
#define WC_GEN_IMM_NONE(n, sig) WC_GEN_CAT(WC_S_, sig)(n)
#define WC_GEN_IMM_MEMARG(n, sig) WC_GEN_CAT(WC_M_, sig)(n)
#define WC_GEN_IMM_BLOCKTYPE(n, sig)
#define WC_GEN_IMM_LABEL(n, sig)
#define WC_GEN_IMM_BR_TABLE(n, sig)
#define WC_GEN_IMM_FUNC(n, sig)
#define WC_GEN_IMM_CALL_INDIRECT(n, sig)
#define WC_GEN_IMM_LOCAL(n, sig)
#define WC_GEN_IMM_GLOBAL(n, sig)
#define WC_GEN_IMM_TABLE(n, sig)
#define WC_GEN_IMM_TABLE_TABLE(n, sig)
#define WC_GEN_IMM_ELEM_TABLE(n, sig)
#define WC_GEN_IMM_ELEM(n, sig)
#define WC_GEN_IMM_MEM(n, sig)
#define WC_GEN_IMM_MEM_MEM(n, sig)
#define WC_GEN_IMM_DATA_MEM(n, sig)
#define WC_GEN_IMM_DATA(n, sig)
#define WC_GEN_IMM_I32(n, sig)
#define WC_GEN_IMM_I64(n, sig)
#define WC_GEN_IMM_F32(n, sig)
#define WC_GEN_IMM_F64(n, sig)
#define WC_GEN_IMM_SELECT_T(n, sig)
#define WC_GEN_IMM_REFTYPE(n, sig)
#define WC_GEN_IMM_TYPE(n, sig)
#define WC_GEN_IMM_TAG(n, sig)
#define WC_GEN_IMM_TRY_TABLE(n, sig)

#define WC_S_SIG_SPECIAL(n)
#define WC_S_SIG___(n)
#define WC_S_SIG_I32__I32(n) WC_UN(n, I32, I32)
#define WC_S_SIG_I32__I64(n) WC_UN(n, I32, I64)
#define WC_S_SIG_I32__F32(n) WC_UN(n, I32, F32)
#define WC_S_SIG_I32__F64(n) WC_UN(n, I32, F64)
#define WC_S_SIG_I64__I32(n) WC_UN(n, I64, I32)
#define WC_S_SIG_I64__I64(n) WC_UN(n, I64, I64)
#define WC_S_SIG_I64__F32(n) WC_UN(n, I64, F32)
#define WC_S_SIG_I64__F64(n) WC_UN(n, I64, F64)
#define WC_S_SIG_F32__I32(n) WC_UN(n, F32, I32)
#define WC_S_SIG_F32__I64(n) WC_UN(n, F32, I64)
#define WC_S_SIG_F32__F32(n) WC_UN(n, F32, F32)
#define WC_S_SIG_F32__F64(n) WC_UN(n, F32, F64)
#define WC_S_SIG_F64__I32(n) WC_UN(n, F64, I32)
#define WC_S_SIG_F64__I64(n) WC_UN(n, F64, I64)
#define WC_S_SIG_F64__F32(n) WC_UN(n, F64, F32)
#define WC_S_SIG_F64__F64(n) WC_UN(n, F64, F64)
#define WC_S_SIG_I32_I32__I32(n) WC_BIN(n, I32, I32)
#define WC_S_SIG_I64_I64__I32(n) WC_BIN(n, I64, I32)
#define WC_S_SIG_I64_I64__I64(n) WC_BIN(n, I64, I64)
#define WC_S_SIG_F32_F32__I32(n) WC_BIN(n, F32, I32)
#define WC_S_SIG_F32_F32__F32(n) WC_BIN(n, F32, F32)
#define WC_S_SIG_F64_F64__I32(n) WC_BIN(n, F64, I32)
#define WC_S_SIG_F64_F64__F64(n) WC_BIN(n, F64, F64)
#define WC_M_SIG_I32__I32(n) WC_LOAD(n, I32)
#define WC_M_SIG_I32__I64(n) WC_LOAD(n, I64)
#define WC_M_SIG_I32__F32(n) WC_LOAD(n, F32)
#define WC_M_SIG_I32__F64(n) WC_LOAD(n, F64)
#define WC_M_SIG_I32_I32__(n) WC_STORE(n, I32)
#define WC_M_SIG_I32_I64__(n) WC_STORE(n, I64)
#define WC_M_SIG_I32_F32__(n) WC_STORE(n, F32)
#define WC_M_SIG_I32_F64__(n) WC_STORE(n, F64)

/*
 * Hand-written instructions: X(NAME) with the layout of each.
 *   UNREACHABLE  []                          trap "unreachable"
 *   JMP          [target]                    forward jump
 *   JMP_LOOP     [target]                    back-edge: poll yield/fuel
 *   BR_COPY      [target src dst n]          move n slots src->dst, jump (polls)
 *   BR_IF        [cond target]               jump if cond != 0 (polls)
 *   BR_IF_NOT    [cond target]               jump if cond == 0 (polls)
 *   BR_IF_COPY   [cond target src dst n]     BR_COPY if cond != 0 (polls)
 *   BR_TABLE     [idx n src count (target dst) x count+1]   (polls)
 *   RETURN       [src n]                     results to fp[0..n), pop frame
 *   CALL         [funcidx argslot]           a call of an imported function;
 *                polls at the callee's entry (a wasm callee) or after
 *                the return (a host one), but for a leaf host function
 *                (wasm_func_set_leaf), which it calls straight away
 *   CALL_K       [funcidx argslot imm]       CALL with fp[argslot] = imm
 *                first: a constant first argument folded in (the CONST
 *                before it dropped)
 *   CALL_LOCAL   [fn argslot]                a call of a function defined in
 *                the module (the caller's instance): fn is its wcode_fn_t
 *   CALL_INDIRECT [typeidx table elemslot argslot]
 *   RETURN_CALL  [funcidx argslot]           tail call: the callee's frame
 *                replaces the caller's (arguments moved to fp[0..)), its
 *                return goes to the caller's caller; a host callee's
 *                results are returned at once
 *   RETURN_CALL_INDIRECT [typeidx table elemslot argslot]
 *   CALL_REF     [refslot argslot]          call_ref: the callee is the
 *                reference (traps on null); its type is checked statically
 *   RETURN_CALL_REF [refslot argslot]
 *   BR_ON_NULL   [ref target src dst n]     BR_COPY if ref is null (polls)
 *   BR_ON_NON_NULL [ref target src dst n]   BR_COPY if ref is not null
 *   REF_AS_NON_NULL [a dst]                 fp[dst] = a, trap if null
 *   MEMX         [kind mem x s0 s1 s2 dst]  a memory instruction on a
 *                memory other than 0 (exec_mem.c): kind is the wasm opcode
 *                of a load/store (x: offset, s0 address, s1 value, dst),
 *                memory.size (dst) or memory.grow (s0 delta, dst), or
 *                WCODE_MEMX_FILL (s0 d, s1 value, s2 n), _COPY (x: source
 *                memory; s0 d, s1 s, s2 n), _INIT (x: data segment)
 *   ADDR64       [src dst]                   fp[dst] = min(fp[src], UINT32_MAX):
 *                a memory64 address or length, a table64 index, as the
 *                32-bit handlers take it (rtobj.h WRT_MAX_PAGES64)
 *   COPY         [src dst]                   fp[dst] = fp[src]
 *   COPY2        [src dst src2 dst2]         two COPYs in order, one dispatch
 *   CONST        [imm dst]
 *   CONST2       [imm dst imm2 dst2]         two CONSTs, one dispatch
 *   SELECT       [a b cond dst]              fp[dst] = cond ? a : b
 *   I32_ADD3     [x y z dst]                 fp[dst] = x + y + z (i32)
 *   I32_XOR3     [x y z dst]                 fp[dst] = x ^ y ^ z
 *   I32_MULADD   [x y z dst]                 fp[dst] = x * y + z
 *   I32_SUBI_ANDI [k x m dst]                fp[dst] = k - (x & m)
 *   I32_SUBI_ANDI_ANDI [k x m k2 dst]        fp[dst] = (k - (x & m)) & k2
 *   GLOBAL_GET   [idx dst]        GLOBAL_SET  [idx src]
 *   TABLE_GET    [tab i dst]      TABLE_SET   [tab i val]
 *   MEMORY_SIZE  [dst]            MEMORY_GROW [delta dst]
 *   MEMORY_INIT  [seg d s n]      DATA_DROP   [seg]
 *   MEMORY_COPY  [d s n]          MEMORY_FILL [d v n]
 *   TABLE_INIT   [seg tab d s n]  ELEM_DROP   [seg]
 *   TABLE_COPY   [dtab stab d s n]
 *   TABLE_GROW   [tab init delta dst]   TABLE_SIZE [tab dst]
 *   TABLE_FILL   [tab i val n]
 *   REF_IS_NULL  [a dst]          REF_FUNC    [funcidx dst]
 *   TRY          [ncells ncatch (kind|tag target dst) x ncatch end]
 *                a try_table's entry: jumps over itself; the unwinder
 *                reads it (exec_exn.c, compile_exn.c)
 *   THROW        [tagidx argslot]      THROW_REF [exn]
 *   GLOBAL_SET_EXN, TABLE_SET_EXN, TABLE_GROW_EXN, TABLE_FILL_EXN: the
 *                plain op's cells, for exnref globals and tables: the
 *                value stored is pinned first (exec_exn.c)
 * Generated: <op>_RR [a b dst], <op>_RI [a imm dst], <op>_RM [a addr dst
 * offset] (b is a full-width load of the operand type), <op> [a dst] (unary),
 * loads [addr dst offset], stores [addr val offset], their _A forms (an
 * i32.add of a constant folded into the address: [base dst|val offset k],
 * address = (u32)(base + k) + offset, exactly as the two instructions
 * compute it), stores of a constant _I [addr imm offset] and _AI [base imm
 * offset k]), the fused pairs of WCODE_FUSE_RI and WCODE_FUSE_RR_RI, the
 * counter steps and tests of WCODE_ADDI_BR, loads' _X forms (an i32.add of two values folded into the
 * address: [a dst offset b], address = (u32)(a + b) + offset), the _IR forms of WCODE_IR [imm a dst], and for every binary op
 * with an i32 result the fused branches BRIF_<op>_RR/RI [a b target]
 * (jump if result != 0) and BRIFNOT_<op>_RR/RI (jump if == 0), all polling.
 */
#define WCODE_CONTROL(X) \
    X(UNREACHABLE) X(JMP) X(JMP_LOOP) X(BR_COPY) X(BR_IF) X(BR_IF_NOT) \
    X(BR_IF_COPY) X(BR_TABLE) X(RETURN) X(CALL) X(CALL_K) X(CALL_LOCAL) X(CALL_INDIRECT) X(COPY) X(COPY2) \
    X(RETURN_CALL) X(RETURN_CALL_INDIRECT) X(MEMX) X(ADDR64) \
    X(CALL_REF) X(RETURN_CALL_REF) X(BR_ON_NULL) X(BR_ON_NON_NULL) X(REF_AS_NON_NULL) \
    X(CONST) X(CONST2) X(SELECT) X(I32_ADD3) X(I32_XOR3) X(I32_MULADD) X(I32_SUBI_ANDI) X(I32_SUBI_ANDI_ANDI) \
    X(GLOBAL_GET) X(GLOBAL_SET) X(TABLE_GET) X(TABLE_SET) \
    X(MEMORY_SIZE) X(MEMORY_GROW) X(MEMORY_INIT) X(DATA_DROP) X(MEMORY_COPY) \
    X(MEMORY_FILL) X(TABLE_INIT) X(ELEM_DROP) X(TABLE_COPY) X(TABLE_GROW) \
    X(TABLE_SIZE) X(TABLE_FILL) X(REF_IS_NULL) X(REF_FUNC) \
    X(TRY) X(THROW) X(THROW_REF) X(GLOBAL_SET_EXN) X(TABLE_SET_EXN) X(TABLE_GROW_EXN) \
    X(TABLE_FILL_EXN)

/* v128 instructions (a v128 is two consecutive slots; COPY2 and CONST2
 * move one between slots):
 *   GLOBAL_GET_V [idx dst]   GLOBAL_SET_V [idx src]
 *   SELECT_V     [a b cond dst]
 * One instruction per shape of SIMD op (simd.h WV_SHAPE) runs every op of
 * that shape: its first cell is the op's function (vfn), then the cells
 * of the shape:
 *   V_UN [fn a dst]        V_BIN [fn a b dst]     V_TERN [fn a b c dst]
 *   V_SHIFT [fn a s dst]   V_SPLAT [fn x dst]     V_TEST [fn a dst]
 *   V_EXTRACT [fn a dst lane]   V_REPLACE [fn a x dst lane]
 *   V_SHUFFLE [fn a b dst lanes_lo lanes_hi]
 * (239 SIMD handlers in the loop would double exec.c's compile time).
 * Loads and stores touch guest memory in the loop: one instruction each,
 * named after its op, cells as simd.h says; on a memory other than 0 one
 * instruction runs them all out of the loop (exec_simd_mem.c):
 *   V_MEMX [sub mem off addr v dst lane]   (unused operands 0)
 * v128.const is a pair of constants. */
#define WCODE_V128(X) X(GLOBAL_GET_V) X(GLOBAL_SET_V) X(SELECT_V) X(V_MEMX) \
    X(V_UN) X(V_BIN) X(V_TERN) X(V_SHIFT) X(V_SPLAT) X(V_TEST) X(V_EXTRACT) X(V_REPLACE) \
    X(V_SHUFFLE)
/* WV_HAS_<imm>(n) is WV_EACH(n) for the SIMD ops that have an instruction
 * of their own (the memory ops):
 *   #define OPFD(s, n, t, imm, sig) WV_CAT(WV_HAS_, imm)(n) */
#define WV_HAS_IMM_NONE(n)
#define WV_HAS_IMM_LANE(n)
#define WV_HAS_IMM_MEMARG(n) WV_EACH(n)
#define WV_HAS_IMM_MEMARG_LANE(n) WV_EACH(n)
#define WV_HAS_IMM_SHUFFLE(n)
#define WV_HAS_IMM_V128(n)

/* Non-commutative binary ops that also get an _IR form [imm a dst]:
 * fp[dst] = imm OP fp[a] (a constant first operand: `0 - x`, `1 << n`,
 * `1.0 / x`). Comparisons need none: the compiler mirrors them (k < x is
 * x > k). X(name, operand type, result type). */
#define WCODE_IR(X) \
    X(I32_SUB, I32, I32) X(I32_SHL, I32, I32) X(I32_SHR_S, I32, I32) X(I32_SHR_U, I32, I32) \
    X(I32_DIV_U, I32, I32) X(I32_REM_U, I32, I32) \
    X(I64_SUB, I64, I64) X(I64_SHL, I64, I64) X(I64_SHR_S, I64, I64) X(I64_SHR_U, I64, I64) \
    X(F32_SUB, F32, F32) X(F32_DIV, F32, F32) X(F64_SUB, F64, F64) X(F64_DIV, F64, F64)

/* An i32 op with a constant (INNER_RI) whose result the next op, a
 * commutative OUTER_RR, consumes: one instruction I32_<OUTER>_<INNER>I
 * [x a k dst], fp[dst] = x OUTER (a INNER k) (rotations and shifts
 * combined in hashes and CRCs, shifted indices added to a base, bytes
 * packed into words). X(OUTER, INNER). */
#define WCODE_FUSE_RI(X) \
    X(XOR, ROTL) X(XOR, SHR_U) X(XOR, SHL) X(XOR, AND) X(ADD, SHL) X(ADD, AND) X(OR, SHL) \
    X(OR, SHR_U)

/* The other order: an i32 op of two values (INNER_RR) whose result the
 * next op, an OUTER_RI, consumes as its first operand: one instruction
 * I32_<INNER>_THEN_<OUTER>I [a b k dst], fp[dst] = (a INNER b) OUTER k (a
 * CRC's (crc ^ mask) >> 1, an FNV hash's (h ^ byte) * prime). The
 * intermediate never goes through a slot. X(INNER, OUTER). */
#define WCODE_FUSE_RR_RI(X) X(XOR, SHR_U) X(XOR, MUL)

/* A loop's counter step and test: an i32.add of a constant (i32.sub of
 * one is compiled as the add of its negation) whose result goes to a
 * local, then a branch on a comparison of that local (br_if, its
 * condition the comparison's result): one instruction
 *   BRIF_ADDI_<cmp>_RR [src k dst b target]: v = src + k, fp[dst] = v,
 *                      jump if v cmp fp[b] (polls)
 *   BRIF_ADDI_<cmp>_RI [src k dst imm target]: the same with a constant
 * (a br_if on the local itself is BRIF_ADDI_NE_RI with 0). The counter is
 * used while it is still in a register. X(cmp, mirrored cmp). */
#define WCODE_ADDI_BR(X) \
    X(EQ, EQ) X(NE, NE) X(LT_S, GT_S) X(LT_U, GT_U) X(GT_S, LT_S) X(GT_U, LT_U) \
    X(LE_S, GE_S) X(LE_U, GE_U) X(GE_S, LE_S) X(GE_U, LE_U)

/* Does a binary op with an i32 result get fused branch variants
 * (XO_<op>_RM = XO_<op>_RR + 2, XO_BRIF_<op>_RR = XO_<op>_RR + 3,
 * XO_BRIFNOT_<op>_RR = + 5)? */
#define WC_IS_I32_RESULT_I32 1
#define WC_IS_I32_RESULT_I64 0
#define WC_IS_I32_RESULT_F32 0
#define WC_IS_I32_RESULT_F64 0

typedef enum {
#define X(n) XO_##n,
    WCODE_CONTROL(X)
#undef X
#define WC_UN(n, ti, to) XO_##n,
#define WC_BIN(n, ti, to) XO_##n##_RR, XO_##n##_RI, XO_##n##_RM, WC_CAT(WC_BRIF_ENUM_, to)(n)
#define WC_BRIF_ENUM_I32(n) \
    XO_BRIF_##n##_RR, XO_BRIF_##n##_RI, XO_BRIFNOT_##n##_RR, XO_BRIFNOT_##n##_RI,
#define WC_BRIF_ENUM_I64(n)
#define WC_BRIF_ENUM_F32(n)
#define WC_BRIF_ENUM_F64(n)
#define WC_LOAD(n, t) XO_##n, XO_##n##_A, XO_##n##_X,
#define WC_STORE(n, t) XO_##n, XO_##n##_A, XO_##n##_I, XO_##n##_AI,
#define OP(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#define OPFC(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#include "interp/opcodes.def"
#undef OP
#undef OPFC
#undef WC_UN
#undef WC_BIN
#undef WC_LOAD
#undef WC_STORE
#define X(n, ti, to) XO_##n##_IR,
    WCODE_IR(X)
#undef X
#define X(o, i) XO_I32_##o##_##i##I,
    WCODE_FUSE_RI(X)
#undef X
#define X(i, o) XO_I32_##i##_THEN_##o##I,
    WCODE_FUSE_RR_RI(X)
#undef X
#define X(n, m) XO_BRIF_ADDI_I32_##n##_RR, XO_BRIF_ADDI_I32_##n##_RI,
    WCODE_ADDI_BR(X)
#undef X
#define X(n) XO_##n,
    WCODE_V128(X)
#undef X
#define WV_EACH(n) XO_##n,
#define OPFD(s, n, t, imm, sig) WV_CAT(WV_HAS_, imm)(n)
#include "interp/opcodes_simd.def"
#undef OPFD
#undef WV_EACH
    XO_COUNT
} wcode_op_t;

/* One function of a module. Its code is compiled up front
 * (wasm_module_compile) or on its first call (wasm_module_compile_lazy):
 * code is NULL until then and is published once, whole, by one atomic
 * store (wcomp_func), so a reader that sees it sees the cells behind it.
 * Cell 0 holds the frame's size in slots (nlocals + operand stack), read
 * through the same pointer; the function's first instruction is cell 1. */
typedef struct wcode_fn {
    wcell_t *code;              /* NULL: not compiled yet */
    uint32_t ncells;            /* cells of code, cell 0 included */
    uint32_t nparams, nresults; /* in slots (a v128 is two) */
    uint32_t nlocals;           /* slots of params + declared locals */
    uint32_t index;             /* function index in the module */
    uint32_t eh;                /* cell of its try_table index (compile_exn.c),
                                   0: none; written before code is published */
} wcode_fn_t;

#define WCODE_FRAME_SLOTS(code) ((code)[0].u64)
#define WCODE_ENTRY(code) ((code) + 1)

/*
 * The block behind a function's code (one allocation, published with the
 * code pointer): a header cell before cell 0, the cells, then the trap
 * map (tracemap.c):
 *   code[-1]   ncells (low 32 bits) | map bytes (high 32 bits)
 *   code[0..ncells)  cell 0 (frame size) and the instructions
 *   map        one record per instruction that can trap and per call, in
 *              cell order: LEB128 (cell - previous cell) then LEB128
 *              zigzag (wasm offset - previous offset); offsets count from
 *              the function's first instruction, both start at 0.
 * The map is read only after a trap (the cold path); the loop never
 * touches it.
 */
#define WCODE_HDR(code) ((code)[-1].u64)
#define WCODE_NCELLS(code) ((uint32_t)WCODE_HDR(code))
#define WCODE_MAPLEN(code) ((uint32_t)(WCODE_HDR(code) >> 32))
#define WCODE_BLOCK(code) ((code) - 1)

/* Can instruction op trap (and so gets a trap-map record)? Calls count. */
bool wcode_op_traps(wcode_op_t op);
/* The wasm offset (from the function's first instruction) of the
 * instruction at cell k of code: the last record at or before k (several
 * records share a cell when a load was folded into the op after it:
 * first picks the first of them, the load's, for a memory trap). false if
 * there is none (k is before the first record). */
bool wcode_map_lookup(const wcell_t *code, uint32_t k, bool first, uint32_t *off);
/* Which compiled function of m holds code address pc: its wcode_fn_t, or
 * NULL. */
const wcode_fn_t *wcode_locate(const wasm_module_t *m, const void *pc);

/* The compiler's per-module data (module->compiled). */
typedef struct {
    uint32_t nfuncs;            /* defined functions */
    wcode_fn_t *fns;            /* fns[i] is function nimport_funcs + i */
    /* Instances whose instantiation failed after their functions may have
     * been stored in imported tables: kept callable, freed with the module. */
    struct wasm_instance *orphans;
} wcode_module_t;

/* Prepare m->compiled (once) and, unless lazy, compile every function.
 * false with a message on allocation failure (validated code cannot fail
 * otherwise). A module prepared lazily is compiled function by function
 * on first call; wcomp_module(m, false) later compiles the rest. */
bool wcomp_module(wasm_module_t *m, bool lazy, char *err, size_t errlen);
/* The code of f (of module m), compiled now if it is not yet; NULL if
 * that ran out of memory. */
const wcell_t *wcomp_func(const wasm_module_t *m, const wcode_fn_t *f);

/* MEMX kinds besides the wasm opcodes of loads, stores, memory.size/grow. */
enum { WCODE_MEMX_FILL = 0x100, WCODE_MEMX_COPY, WCODE_MEMX_INIT };
/* Run one MEMX instruction at pc (exec_mem.c); a trap or WASM_TRAP_NONE. */
wasm_trap_t wexec_memx(wasm_instance_t *inst, const wcell_t *pc, uint64_t *fp);
/* Does [a + off, a + off + n) leave a memory of size bytes? (no sum
 * that can wrap: each bound is checked against what is left) */
static inline bool wexec_oob(uint64_t a, uint64_t off, uint64_t n, uint64_t size)
{
    return off > size || n > size - off || a > size - off - n;
}

/* Guest-memory move (overlap allowed) and fill (exec_mem.c). */
void wexec_guest_move(uint8_t *d, const uint8_t *s, size_t n);
void wexec_guest_fill(uint8_t *d, uint8_t v, size_t n);
/* Run one V_MEMX instruction at pc (exec_simd_mem.c). */
wasm_trap_t wexec_simd_memx(wasm_instance_t *inst, const wcell_t *pc, uint64_t *fp);

/* The cell value naming handler op (address or number). */
const void *wexec_handler(wcode_op_t op);

/* The instruction's name ("I32_ADD_RR"; "?" if out of range). */
const char *wcode_op_name(wcode_op_t op);

#ifdef WASM_PROFILE
/* A profiling build (switch dispatch only): dispatches of each
 * instruction, and of each instruction after another (code_names.c). */
extern uint64_t wexec_prof_count[XO_COUNT];
extern uint64_t wexec_prof_pair[XO_COUNT][XO_COUNT];
#endif

#endif
