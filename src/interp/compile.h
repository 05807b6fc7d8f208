/*
 * compile.h - internal state of the compiler (compile*.c): a validated
 * function body becomes the threaded code of code.h.
 *
 * The compiler keeps a compile-time operand stack mirroring the validator's:
 * each entry is a value in its canonical slot (nlocals + height), a pending
 * reference to a local, or a pending constant. Pending entries cost nothing
 * until something needs them in their slot ("materialise"): at block entry
 * (all entries), at branches and block ends (the values carried), before a
 * call (its arguments) and before a local.set/tee of a referenced local.
 * Because every block entry materialises everything, code between two
 * control instructions is straight-line and the compile-time state always
 * matches the run-time state.
 *
 * Entries are 8-byte slots: a v128 is two entries, its low half then its
 * high half (marked hi), always of the same kind and in consecutive slots
 * (a local's two slots, two canonical slots, or two constants), so every
 * count the compiler keeps (stack heights, block arities, call arguments)
 * is in slots. Locals too: lslot maps a local index to its first slot
 * when the function has a v128 local (compile_simd.c).
 */
#ifndef JERICHO_INTERP_COMPILE_H
#define JERICHO_INTERP_COMPILE_H

#include "interp/code.h"
#include "interp/reader.h"
#include "interp/port.h"

enum { CV_CANON, CV_LOCAL, CV_CONST };

typedef struct {
    uint8_t kind;
    bool hi;                 /* the high half of a v128 (low half below) */
    uint32_t local;          /* CV_LOCAL: the slot referenced */
    uint32_t next_ref;       /* CV_LOCAL: height of the next older pending
                                reference to the same local, or CC_NONE */
    uint64_t imm;            /* CV_CONST */
} cv_t;

#define CC_NONE UINT32_MAX

enum { CT_FUNC, CT_BLOCK, CT_LOOP, CT_IF, CT_TRY };

typedef struct {
    uint8_t kind;
    bool unreachable;        /* rest of this block is dead code */
    uint32_t height;         /* stack height below the block's params */
    uint32_t nparams, nresults;  /* in slots */
    const uint8_t *ptypes, *rtypes;  /* their value types, npv and nrv */
    uint32_t npv, nrv;
    uint32_t loop_pc;        /* CT_LOOP: cell index of the loop start;
                                CT_TRY: of its TRY instruction */
    uint32_t fixups;         /* forward branches: chain of cell index + 1 */
    uint32_t else_fix;       /* CT_IF: cell index + 1 of the if's target */
} ctl_t;

typedef struct {
    const wasm_module_t *m;
    const wcode_fn_t *fns;   /* the module's functions (CALL_LOCAL) */
    wrd_t r;
    bool oom;
    /* code being built */
    wcell_t *code;
    uint32_t n, cap;
    uint32_t *targets;       /* cells holding a target index to relocate */
    uint32_t op_off;         /* offset of the wasm instruction being compiled
                                (from the function's first instruction) */
    uint64_t *marks;         /* trap map records: cell << 32 | op_off */
    uint32_t nmarks, marks_cap;
    uint32_t ntargets, targets_cap;
    /* operand stack */
    cv_t *stk;
    uint32_t sp, stk_cap, max_h;
    uint32_t pending_lo;     /* entries below this are all CV_CANON */
    uint32_t *ref_head;      /* per local: height of its newest pending
                                CV_LOCAL entry, or CC_NONE; the entries
                                chain through next_ref, newest first, so
                                every reference is visited once */
    uint32_t nlocals;        /* slots of the params and locals */
    uint32_t *lslot;         /* local index -> first slot, NULL if the
                                same (no v128 local) */
    const uint8_t *ltypes;   /* the declared locals' types (after params) */
    uint32_t nldecl;         /* declared locals (values, params excluded) */
    const wmod_type_t *ftype;
    /* control stack */
    ctl_t *ctl;
    uint32_t nctl, ctl_cap;
    uint32_t skip_depth;     /* nested blocks inside dead code */
    /* try_tables: cells of their TRY instructions, in the order they end */
    uint32_t *tries;
    uint32_t ntries, tries_cap;
    /* peephole state: the last emitted instruction */
    uint32_t last_ins;       /* its first cell */
    uint32_t last_end;       /* n right after it (valid if == n) */
    int32_t last_dst;        /* its result slot cell, or -1 */
    bool last_fusable;       /* a binop with an i32 result (_RR or _RI) */
    wcode_op_t last_op;      /* its op */
    /* an I32_ADD_RI whose result a local.set/tee put in a local (the
     * retarget clears the state above): its first cell, and n right after
     * it (valid if == the next instruction's first cell), for
     * WCODE_ADDI_BR (compile_ctl.c) */
    uint32_t addi_ins, addi_end;
} cc_t;

/* compile.c: emission and the operand stack */
void cc_emit_op(cc_t *c, wcode_op_t op);
void cc_emit(cc_t *c, uint64_t v);
void cc_emit_target(cc_t *c, uint32_t idx);       /* known target */
void cc_emit_fixup(cc_t *c, uint32_t *chain);      /* forward, patched later */
void cc_resolve(cc_t *c, uint32_t chain, uint32_t idx);
static inline uint32_t cc_canon(const cc_t *c, uint32_t h) { return c->nlocals + h; }
void cc_push_canon(cc_t *c);
/* Mark the top entry as the high half of a v128. */
static inline void cc_mark_hi(cc_t *c)
{
    if (!c->oom && c->sp)
        c->stk[c->sp - 1].hi = true;
}
/* Push n values of these types as canonical entries (a v128 is two). */
void cc_push_types(cc_t *c, uint32_t n, const uint8_t *types);
void cc_push_local(cc_t *c, uint32_t x);
void cc_push_const(cc_t *c, uint64_t v);
cv_t cc_pop(cc_t *c);
/* Slot of stack entry h, materialising a constant there if needed. */
uint32_t cc_slot(cc_t *c, uint32_t h);
/* Pop the top into a readable slot. */
uint32_t cc_pop_slot(cc_t *c);
void cc_materialize(cc_t *c, uint32_t from_h);     /* entries >= from_h */
void cc_materialize_local(cc_t *c, uint32_t x);    /* refs to local x */
/* If is64: entry h, an i64 address, length or index of a memory64 memory
 * or table64 table, becomes min(it, UINT32_MAX) in place (a constant
 * folded, else ADDR64 in its canonical slot), as the 32-bit handlers
 * take it (rtobj.h WRT_MAX_PAGES64). */
void cc_addr64(cc_t *c, uint32_t h, bool is64);
/* The same for the operands of a copy between two memories or tables of
 * these address types: [d s n] at the top, n i64 if both are. */
static inline void cc_addr64_copy(cc_t *c, bool d64, bool s64)
{
    cc_addr64(c, c->sp - 3, d64);
    cc_addr64(c, c->sp - 2, s64);
    cc_addr64(c, c->sp - 1, d64 && s64);
}
/* fp[dst] = imm: a CONST, or the second half of a CONST2 when the last
 * instruction emitted is a CONST (argument lists of calls). */
void cc_emit_const(cc_t *c, uint64_t imm, uint32_t dst);
/* fp[dst] = fp[src]: a COPY, or the second half of a COPY2 when the last
 * instruction emitted is a COPY (values moved at block ends, rotations). */
void cc_emit_copy(cc_t *c, uint32_t src, uint32_t dst);
/* Mark the instruction just emitted as writing its result at cell dst. */
void cc_set_last(cc_t *c, uint32_t ins, wcode_op_t op, int32_t dst, bool fusable);
static inline void cc_clear_last(cc_t *c)
{
    c->last_dst = -1;
    c->last_fusable = false;
    c->last_end = UINT32_MAX;
    c->addi_end = UINT32_MAX;
}

/* A block type: its params and results (value counts and types). */
typedef struct {
    uint32_t npv, nrv;
    const uint8_t *ptypes, *rtypes;
} cblock_t;

/* compile_ctl.c: blocks and branches */
void cc_blocktype(cc_t *c, cblock_t *bt);     /* read a block type */
bool cc_control(cc_t *c, uint8_t op);

/* compile_ctl.c, for compile_exn.c: open a block, the block at a label
 * depth, a branch target cell for it */
void cc_push_block(cc_t *c, uint8_t kind, const cblock_t *bt);
ctl_t *cc_label(cc_t *c, uint32_t depth);
void cc_emit_label(cc_t *c, ctl_t *b);

/* compile_exn.c: try_table (opcode read), the end of one, throw and
 * throw_ref, and the function's try_table index after its last cell (its
 * cell, 0 if none; wcode_fn_t.eh) */
void cc_try_table(cc_t *c);
void cc_try_end(cc_t *c, const ctl_t *b);
void cc_throw(cc_t *c, uint8_t op);
uint32_t cc_try_index(cc_t *c);

/* compile_ops.c: everything else */
void cc_instr(cc_t *c, uint8_t op);
void cc_un(cc_t *c, wcode_op_t op);                /* unary op [a dst] */

/* compile_bulk.c: the 0xFC ops (subop already read) */
void cc_instr_fc(cc_t *c, uint32_t sub);
/* A MEMX instruction (code.h) of kind on memory mem with immediate x: pops
 * npop entries (s0, s1, s2 bottom first), pushes one result if result
 * (compile_bulk.c). */
void cc_memx(cc_t *c, uint32_t kind, uint32_t mem, uint64_t x, uint32_t npop, bool result);

/* compile_simd.c: v128 values and the 0xFD ops */
/* Set c->lslot for a function with v128 params or locals. false on
 * allocation failure. */
bool cc_map_locals(cc_t *c);
static inline uint32_t cc_local_slot(const cc_t *c, uint32_t x) { return c->lslot ? c->lslot[x] : x; }
/* Is local x a v128? */
bool cc_local_v128(const cc_t *c, uint32_t x);
void cc_v128_global(cc_t *c, uint8_t op, uint32_t x); /* global.get/set */
void cc_v128_select(cc_t *c);                          /* select of v128s */
void cc_instr_fd(cc_t *c, uint32_t sub);              /* subop already read */

#endif
