/*
 * gen.h - a generator of VALID wasm modules from fuzzer bytes, for the
 * differential target (fuzz_diff.c).
 *
 * The module: 1..3 functions (function i may call only functions j > i,
 * so nothing recurses), a funcref table holding every function (and a
 * null slot), a memory of 1 page (max 2) with an active and a passive
 * data segment, four mutable globals (i32, i64, f32, f64), exports "run"
 * (function 0, no parameters), "mem" and "g0".."g3". Bodies are random
 * stack-typed instruction sequences (gen_ops.c, gen_ref.c) that always
 * validate:
 *   numeric ops of all four types, conversions (trapping and saturating),
 *   locals, globals, select, drop, loads/stores with random offsets and
 *   alignments, memory.size/grow, block/loop/if/else, br_if, br,
 *   br_table, return, unreachable, calls, call_indirect (a call, or a
 *   trap: null slot, out of bounds, signature mismatch), table.get/size/
 *   grow, ref.null/ref.func/ref.is_null, memory.fill/copy/init, data.drop.
 * Loops end: every branch back to a loop also decrements that loop's own
 * counter local (set to at most 4 on entry) and is taken only while it is
 * positive. NaN payloads are nondeterministic in the spec: every float that
 * becomes visible as bits inside wasm (stores, reinterpret) is canonicalised
 * first; floats the host sees (results, globals) are compared NaN-aware.
 */
#ifndef JERICHO_FUZZ_GEN_H
#define JERICHO_FUZZ_GEN_H

#include "wbuf.h"

#define FZG_MAX_FUNCS 3
#define FZG_MAX_PARAMS 3
#define FZG_MAX_RESULTS 2
#define FZG_NGLOBALS 4

typedef struct {
    uint8_t np, nr;
    uint8_t params[FZG_MAX_PARAMS];
    uint8_t results[FZG_MAX_RESULTS];
} fzg_sig_t;

typedef struct {
    uint32_t nfuncs;
    fzg_sig_t sig[FZG_MAX_FUNCS];
} fzg_module_t;

/* Write a whole binary module built from src into out. Returns the
 * signature table (the caller needs function 0's result types). */
void fz_gen_module(fz_src_t *src, fz_buf_t *out, fzg_module_t *info);

/* The body of function fi (locals declaration, code, final end). */
void fz_gen_body(fz_src_t *src, const fzg_module_t *m, uint32_t fi, fz_buf_t *out);

#endif
