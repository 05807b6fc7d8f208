/*
 * gen_ref.c - the instructions of the body generator (gen_ops.c) that use
 * the table, references and bulk memory: call_indirect, br_table,
 * table.get/size/grow, ref.null/ref.func/ref.is_null, memory.fill/copy,
 * memory.init and data.drop.
 *
 * The module (gen.c) has table 0: funcref, min nfuncs + 1, max nfuncs + 5,
 * slot i = function i for i < nfuncs, slot nfuncs null; data segment 1 is
 * passive. Nothing here writes the table, so the call graph stays acyclic:
 * a call_indirect of function fi either calls a function f > fi, or
 * traps (index of a null slot, past the end, or a signature other than
 * the callee's). References never stay on the operand stack (the generator
 * tracks numbers only): each is consumed at once by ref.is_null or
 * table.grow.
 */
#include "gen_int.h"

/* A function f > fi to call, or -1 if fi is the last. */
static int32_t callee(g_t *g)
{
    if (g->fi + 1 >= g->m->nfuncs)
        return -1;
    return (int32_t)(g->fi + 1 + fz_src_below(g->s, g->m->nfuncs - g->fi - 1));
}

static void gen_call_indirect(g_t *g)
{
    int32_t f = callee(g);
    uint32_t how = fz_src_below(g->s, 8);
    uint32_t type;
    int32_t idx;
    if (f >= 0 && how < 5) {            /* the callee's own type: a call */
        type = (uint32_t)f;
        idx = f;
    } else if (f >= 0 && how == 5) {    /* any type: a call or a mismatch trap */
        type = fz_src_below(g->s, g->m->nfuncs);
        idx = f;
    } else {                            /* null slot, or past the end: a trap */
        type = fz_src_below(g->s, g->m->nfuncs);
        idx = how & 1 ? (int32_t)g->m->nfuncs : (int32_t)(g->m->nfuncs + 5 + fz_src_below(g->s, 1000));
    }
    const fzg_sig_t *sig = &g->m->sig[type];
    fzg_need(g, sig->params, sig->np);
    fzg_op(g, 0x41);
    fz_buf_s32(g->b, idx);
    fzg_push(g, I32);
    fzg_op(g, 0x11);
    fz_buf_u32(g->b, type);
    fz_buf_u32(g->b, 0);
    fzg_pop(g, sig->np + 1);
    for (uint32_t i = 0; i < sig->nr; i++)
        fzg_push(g, sig->results[i]);
}

static bool same_types(const uint8_t *a, uint32_t na, const uint8_t *b, uint32_t nb)
{
    if (na != nb)
        return false;
    for (uint32_t i = 0; i < na; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* br_table over labels that are not loops (a loop is entered again only
 * through its counter, gen_ops.c) and carry the default's types; then the
 * block ends, as after br. */
static void gen_br_table(g_t *g)
{
    uint32_t dflt = fz_src_below(g->s, g->nc);
    if (g->c[g->nc - 1 - dflt].kind == K_LOOP)
        return;
    uint32_t n;
    const uint8_t *lt = fzg_label_types(g, dflt, &n);
    uint32_t targets[8], nt = 0, tries = fz_src_below(g->s, 9);
    for (uint32_t i = 0; i < tries; i++) {
        uint32_t d = fz_src_below(g->s, g->nc), m;
        const uint8_t *mt = fzg_label_types(g, d, &m);
        if (g->c[g->nc - 1 - d].kind != K_LOOP && same_types(lt, n, mt, m))
            targets[nt++] = d;
    }
    uint8_t p[FZG_MAX_RESULTS + 1];
    for (uint32_t i = 0; i < n; i++)
        p[i] = lt[i];
    p[n] = I32;
    fzg_need(g, p, n + 1);
    fzg_op(g, 0x0e);
    fz_buf_u32(g->b, nt);
    for (uint32_t i = 0; i < nt; i++)
        fz_buf_u32(g->b, targets[i]);
    fz_buf_u32(g->b, dflt);
    fzg_close_block(g, false);
}

static void fc(g_t *g, uint32_t code)
{
    fzg_op(g, 0xfc);
    fz_buf_u32(g->b, code);
}

/* A length for a bulk operation: mostly small, sometimes past the end. */
static void leaf_len(g_t *g)
{
    uint32_t r = fz_src_below(g->s, 8);
    fzg_op(g, 0x41);
    fz_buf_s32(g->b, (int32_t)(r < 6 ? fz_src_below(g->s, 48) : r == 6 ? 65536 : fz_src_u32(g->s)));
    fzg_push(g, I32);
}

static void gen_bulk(g_t *g, uint32_t which)
{
    fzg_leaf_addr(g);                   /* destination */
    switch (which) {
    case 0:                             /* memory.fill d val n */
        fzg_leaf(g, I32);
        leaf_len(g);
        fc(g, 11);
        fzg_op(g, 0x00);
        break;
    case 1:                             /* memory.copy d s n */
        fzg_leaf_addr(g);
        leaf_len(g);
        fc(g, 10);
        fzg_op(g, 0x00);
        fzg_op(g, 0x00);
        break;
    default:                            /* memory.init 1 d s n (segment 1: 16 bytes) */
        fzg_op(g, 0x41);
        fz_buf_s32(g->b, (int32_t)fz_src_below(g->s, 20));
        fzg_push(g, I32);
        leaf_len(g);
        fc(g, 8);
        fz_buf_u32(g->b, 1);
        fzg_op(g, 0x00);
        break;
    }
    fzg_pop(g, 3);
}

/* A funcref, consumed by the caller: null, a declared function, or a
 * table slot (in bounds or not). */
static void ref_leaf(g_t *g)
{
    switch (fz_src_below(g->s, 3)) {
    case 0:
        fzg_op(g, 0xd0);
        fzg_op(g, 0x70);
        break;
    case 1:
        fzg_op(g, 0xd2);
        fz_buf_u32(g->b, fz_src_below(g->s, g->m->nfuncs));
        break;
    default:
        fzg_op(g, 0x41);
        fz_buf_s32(g->b, (int32_t)fz_src_below(g->s, g->m->nfuncs + 7));
        fzg_op(g, 0x25);                /* table.get 0 */
        fz_buf_u32(g->b, 0);
        break;
    }
}

void fzg_gen_ref(g_t *g, uint32_t r)
{
    switch (r) {
    case 0:
    case 1:
        gen_call_indirect(g);
        break;
    case 2:
        gen_br_table(g);
        break;
    case 3:
        gen_bulk(g, fz_src_below(g->s, 3));
        break;
    case 4:                             /* data.drop 1: later inits of n > 0 trap */
        fc(g, 9);
        fz_buf_u32(g->b, 1);
        break;
    case 5:                             /* ref.is_null of a reference */
        ref_leaf(g);
        fzg_op(g, 0xd1);
        fzg_push(g, I32);
        break;
    case 6:                             /* table.size */
        fc(g, 16);
        fz_buf_u32(g->b, 0);
        fzg_push(g, I32);
        break;
    default:                            /* table.grow 0 by n nulls: -1 past the max */
        fzg_op(g, 0xd0);
        fzg_op(g, 0x70);
        fzg_op(g, 0x41);
        fz_buf_s32(g->b, (int32_t)fz_src_below(g->s, 4));
        fc(g, 15);
        fz_buf_u32(g->b, 0);
        fzg_push(g, I32);
        break;
    }
}
