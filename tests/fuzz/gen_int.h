/*
 * gen_int.h - the state of the body generator (gen_ops.c) shared with the
 * generator of tables, references, indirect calls, br_table and bulk
 * memory (gen_ref.c). Private to tests/fuzz/gen*.c.
 */
#ifndef JERICHO_FUZZ_GEN_INT_H
#define JERICHO_FUZZ_GEN_INT_H

#include "gen.h"

#define MAX_CTRL 6   /* function + 5 nested blocks */
#define MAX_STACK 64
#define MAX_LOOP_ITERS 4
#define NCOUNTERS 4

enum { K_FUNC, K_BLOCK, K_LOOP, K_IF, K_ELSE };

typedef struct {
    uint8_t kind;
    uint8_t nres;
    uint8_t res[FZG_MAX_RESULTS];
    uint32_t base;     /* stack height at entry */
    uint32_t counter;  /* K_LOOP: its counter local */
} ctrl_t;

typedef struct {
    fz_src_t *s;
    fz_buf_t *b;
    const fzg_module_t *m;
    uint32_t fi, np;
    uint8_t st[MAX_STACK];
    uint32_t h;
    ctrl_t c[MAX_CTRL];
    uint32_t nc;
    uint32_t nloops;
    int budget;
} g_t;

enum { I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c };
extern const uint8_t fzg_vts[4];

void fzg_op(g_t *g, uint8_t o);
void fzg_push(g_t *g, uint8_t t);
void fzg_pop(g_t *g, uint32_t n);
uint32_t fzg_avail(g_t *g);
/* A constant, local.get or global.get of type t. */
void fzg_leaf(g_t *g, uint8_t t);
/* An i32 address: mostly in bounds of the first page, sometimes anything. */
void fzg_leaf_addr(g_t *g);
/* Make the top of the stack p[0..n): keep the longest prefix already there. */
void fzg_need(g_t *g, const uint8_t *p, uint32_t n);
/* The types a branch to label depth d carries. */
const uint8_t *fzg_label_types(g_t *g, uint32_t d, uint32_t *n);
/* End the current block (reachable: fix its stack up to its results first). */
void fzg_close_block(g_t *g, bool reachable);

/* Replace the f32/f64 on top by the canonical NaN if it is a NaN. */
void fzg_canon_nan(g_t *g);
/* A memarg: alignment up to maxalign, a small offset, sometimes any. */
void fzg_memarg(g_t *g, uint8_t maxalign);

/* gen_ref.c: one instruction of the kinds it owns, chosen by r (0..7). */
void fzg_gen_ref(g_t *g, uint32_t r);
/* gen_simd.c: one SIMD expression, leaving a scalar or nothing. */
void fzg_gen_simd(g_t *g);

#endif
