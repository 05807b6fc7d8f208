/*
 * exec_simd.h - the handlers of the v128 instructions (code.h WCODE_V128
 * and every SIMD op of opcodes_simd.def), included by exec.c inside its
 * dispatch, written with its macros (CASE, R, IMM, NEXT, TRAP).
 *
 * A v128 operand is two consecutive slots, low half first: LDV(i) reads
 * the one whose first slot cell i names, STV(i, v) writes it (after v is
 * computed, so a result may overwrite its operands). The computations are
 * simd.c's functions (wv_<NAME>), called through the instruction's
 * function cell by one handler per shape (code.h V_*); loads and stores
 * have a handler each and touch guest memory here only, bounds-checked
 * like the scalar ones: address = u32 base + u32 offset, 33 bits, plus the
 * access size against the memory's size.
 */
#define LDV(i) ((wv128_t){ fp[pc[i].sl], fp[pc[i].sl + 1] })
#define STV(i, v) do { \
        wv128_t v_ = (v); \
        fp[pc[i].sl] = v_.lo; \
        fp[pc[i].sl + 1] = v_.hi; \
    } while (0)

    CASE(GLOBAL_GET_V) {
        const wasm_global_t *g = inst->globals[IMM(1)];
        STV(2, ((wv128_t){ g->val.raw, g->hi }));
        NEXT(3);
    }
    CASE(GLOBAL_SET_V) {
        wasm_global_t *g = inst->globals[IMM(1)];
        wv128_t v = LDV(2);
        g->val.raw = v.lo;
        g->hi = v.hi;
        NEXT(3);
    }
    CASE(SELECT_V)
        STV(4, LD_I32(R(3)) ? LDV(1) : LDV(2));
        NEXT(5);
    CASE(V_MEMX)
        trap = wexec_simd_memx(inst, pc, fp);
        if (WP_UNLIKELY(trap != WASM_TRAP_NONE))
            TRAP(trap);
        NEXT(8);

#include "interp/simd_mem.h"

/* guest address of a SIMD memory op: u32 at cell a + the offset at cell o */
#define VEA(n, a, o) ({ \
        uint64_t ea_ = (uint64_t)LD_I32(R(a)) + IMM(o); \
        if (WP_UNLIKELY(ea_ + VMSZ_##n > memsize)) \
            TRAP(WASM_TRAP_MEM_OOB); \
        ea_; \
    })

/* The computing ops, one handler per shape: cell 1 is the function. */
#define VFN(t) ((t)pc[1].vfn)
    CASE(V_UN) STV(3, VFN(wv_un_fn)(LDV(2))); NEXT(4);
    CASE(V_BIN) STV(4, VFN(wv_bin_fn)(LDV(2), LDV(3))); NEXT(5);
    CASE(V_TERN) STV(5, VFN(wv_tern_fn)(LDV(2), LDV(3), LDV(4))); NEXT(6);
    CASE(V_SHIFT) STV(4, VFN(wv_shift_fn)(LDV(2), R(3))); NEXT(5);
    CASE(V_SPLAT) STV(3, VFN(wv_splat_fn)(R(2))); NEXT(4);
    CASE(V_TEST) R(3) = VFN(wv_test_fn)(LDV(2)); NEXT(4);
    CASE(V_EXTRACT) R(3) = VFN(wv_extract_fn)(LDV(2), IMM(4)); NEXT(5);
    CASE(V_REPLACE) STV(4, VFN(wv_replace_fn)(LDV(2), R(3), IMM(5))); NEXT(6);
    CASE(V_SHUFFLE) STV(4, VFN(wv_shuffle_fn)(LDV(2), LDV(3), IMM(5), IMM(6))); NEXT(7);
#undef VFN

/* The memory ops, one handler each (generated from the table). */
#define WV_UN(n)
#define WV_BIN(n)
#define WV_TERN(n)
#define WV_SHIFT(n)
#define WV_SPLAT(n)
#define WV_TEST(n)
#define WV_EXTRACT(n)
#define WV_REPLACE(n)
#define WV_SHUFFLE(n)
#define WV_LOAD(n) CASE(n) { \
        uint64_t ea = VEA(n, 1, 3); \
        STV(2, VLD_##n(membase + ea)); \
        NEXT(4); \
    }
#define WV_STORE(n) CASE(n) { \
        uint64_t ea = VEA(n, 1, 3); \
        VST_##n(membase + ea, LDV(2)); \
        NEXT(4); \
    }
#define WV_LOAD_LANE(n) CASE(n) { \
        uint64_t ea = VEA(n, 1, 4); \
        STV(3, VLD_##n(membase + ea, LDV(2), IMM(5))); \
        NEXT(6); \
    }
#define WV_STORE_LANE(n) CASE(n) { \
        uint64_t ea = VEA(n, 1, 3); \
        VST_##n(membase + ea, LDV(2), IMM(4)); \
        NEXT(5); \
    }
#define OPFD(sub, n, text, imm, sig) WV_SHAPE(n, imm, sig)
#include "interp/opcodes_simd.def"
#undef OPFD
#include "interp/simd_unshape.h"
#undef VEA
#undef LDV
#undef STV
