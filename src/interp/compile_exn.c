/*
 * compile_exn.c - compiling exception handling (Wasm 3.0): try_table,
 * throw, throw_ref, and the function's try_table index.
 *
 * Zero cost until something throws: a try_table compiles to one TRY
 * instruction at its entry that only jumps over itself. Its cells describe
 * the handlers for the unwinder (exec_exn.c):
 *
 *   TRY [ncells ncatch (kind << 32 | tag, target, dst) x ncatch, end]
 *
 * kind is the clause (0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref),
 * target the label's branch target, dst the label's first slot (the
 * payload goes there, then the exnref), end the try_table's end: the code
 * of the try_table is the cells between the TRY and end. After the
 * function's last cell the compiler appends its try_table index:
 *
 *   [n, TRY cell pointer x n]    in the order the try_tables end, so the
 *                                innermost of nested ones comes first
 *
 * and wcode_fn_t.eh names its cell (0: the function has no try_table).
 * Both use the usual target relocation, so they hold cell pointers.
 */
#include "interp/compile.h"
#include "interp/decode.h"

void cc_try_table(cc_t *c)
{
    cblock_t bt;
    cc_blocktype(c, &bt);
    uint32_t n = wrd_u32(&c->r);
    cc_materialize(c, 0);
    uint32_t at = c->n;
    cc_emit_op(c, XO_TRY);
    cc_emit(c, 0);                  /* ncells, below */
    cc_emit(c, n);
    /* the clauses' labels count from outside the try_table: pushed after */
    for (uint32_t i = 0; i < n && !c->oom && wrd_ok(&c->r); i++) {
        uint64_t kind = wrd_u8(&c->r);
        uint64_t tag = kind < 2 ? wrd_u32(&c->r) : 0;
        ctl_t *b = cc_label(c, wrd_u32(&c->r));
        cc_emit(c, kind << 32 | tag);
        cc_emit_label(c, b);
        cc_emit(c, cc_canon(c, b->height));
    }
    uint32_t end = c->n;
    cc_emit_target(c, 0);           /* joins the block's end fixups below */
    cc_push_block(c, CT_TRY, &bt);
    if (c->oom)
        return;
    ctl_t *t = &c->ctl[c->nctl - 1];
    t->loop_pc = at;
    c->code[end].u64 = t->fixups;
    t->fixups = end + 1;
    c->code[at + 1].u64 = c->n - at;
    cc_clear_last(c);
}

void cc_try_end(cc_t *c, const ctl_t *b)
{
    if (c->oom)
        return;
    if (c->ntries == c->tries_cap) {
        uint32_t cap = c->tries_cap ? c->tries_cap * 2 : 8;
        uint32_t *p = wasm_rt_realloc(c->tries, (size_t)c->tries_cap * sizeof *p,
                                      (size_t)cap * sizeof *p);
        if (!p) {
            c->oom = true;
            return;
        }
        c->tries = p;
        c->tries_cap = cap;
    }
    c->tries[c->ntries++] = b->loop_pc;
}

void cc_throw(cc_t *c, uint8_t op)
{
    if (op == OP_THROW_REF) {
        uint32_t s = cc_pop_slot(c);
        cc_emit_op(c, XO_THROW_REF);
        cc_emit(c, s);
        return;
    }
    uint32_t x = wrd_u32(&c->r);
    const wmod_type_t *tt = &c->m->types[c->m->tags[x].type];
    uint32_t np = wmod_slots(tt->nparams, tt->types);  /* a v128 is two */
    cc_materialize(c, c->sp - np);
    cc_emit_op(c, XO_THROW);
    cc_emit(c, x);
    cc_emit(c, cc_canon(c, c->sp - np));   /* the payload, and above it nothing live */
}

uint32_t cc_try_index(cc_t *c)
{
    if (!c->ntries || c->oom)
        return 0;
    uint32_t at = c->n;
    cc_emit(c, c->ntries);
    for (uint32_t i = 0; i < c->ntries; i++)
        cc_emit_target(c, c->tries[i]);
    return at;
}
