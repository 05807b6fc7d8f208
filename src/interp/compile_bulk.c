/*
 * compile_bulk.c - compiling the 0xFC-prefixed instructions: saturating
 * truncations (generated from opcodes.def) and the bulk memory and table
 * operations (memory.init/copy/fill, data.drop, table.init/copy/grow/size/
 * fill, elem.drop).
 */
#include "interp/compile.h"

/* Emit op with the slots of the top n entries (bottom first), popped. */
static void emit_popped(cc_t *c, wcode_op_t op, uint32_t n)
{
    uint32_t s[3];
    for (uint32_t i = 0; i < n; i++)
        s[i] = cc_slot(c, c->sp - n + i);
    for (uint32_t i = 0; i < n; i++)
        cc_pop(c);
    cc_emit_op(c, op);
    for (uint32_t i = 0; i < n; i++)
        cc_emit(c, s[i]);
}

/* Emit op, nimm immediates (a, b), then the slots of the top 3 entries. */
static void emit_imm_popped(cc_t *c, wcode_op_t op, uint32_t a, uint32_t b, int nimm)
{
    uint32_t s[3];
    for (uint32_t i = 0; i < 3; i++)
        s[i] = cc_slot(c, c->sp - 3 + i);
    for (int i = 0; i < 3; i++)
        cc_pop(c);
    cc_emit_op(c, op);
    cc_emit(c, a);
    if (nimm > 1)
        cc_emit(c, b);
    for (int i = 0; i < 3; i++)
        cc_emit(c, s[i]);
}

void cc_memx(cc_t *c, uint32_t kind, uint32_t mem, uint64_t x, uint32_t npop, bool result)
{
    uint32_t s[3] = { 0, 0, 0 };
    for (uint32_t i = 0; i < npop; i++)
        s[i] = cc_slot(c, c->sp - npop + i);
    for (uint32_t i = 0; i < npop; i++)
        cc_pop(c);
    if (result)
        cc_push_canon(c);
    cc_emit_op(c, XO_MEMX);
    cc_emit(c, kind);
    cc_emit(c, mem);
    cc_emit(c, x);
    for (uint32_t i = 0; i < 3; i++)
        cc_emit(c, s[i]);
    cc_emit(c, result ? cc_canon(c, c->sp - 1) : 0);
    cc_clear_last(c);
}

void cc_instr_fc(cc_t *c, uint32_t sub)
{
    uint32_t a, b;
    switch (sub) {
#define OP(byte, n, t, imm, sig)
#define OPFC(byte, n, t, imm, sig) WC_GEN_##imm(n, sig)
#define WC_UN(n, ti, to) case OPFC_##n: cc_un(c, XO_##n); return;
#define WC_BIN(n, ti, to)
#define WC_LOAD(n, t)
#define WC_STORE(n, t)
#include "interp/opcodes.def"
#undef OP
#undef OPFC
#undef WC_UN
#undef WC_BIN
#undef WC_LOAD
#undef WC_STORE
    case OPFC_MEMORY_INIT:
        a = wrd_u32(&c->r);
        b = wrd_u32(&c->r);
        cc_addr64(c, c->sp - 3, c->m->mems[b].limits.is64);
        if (b)
            cc_memx(c, WCODE_MEMX_INIT, b, a, 3, false);
        else
            emit_imm_popped(c, XO_MEMORY_INIT, a, 0, 1);
        break;
    case OPFC_DATA_DROP:
        cc_emit_op(c, XO_DATA_DROP);
        cc_emit(c, wrd_u32(&c->r));
        break;
    case OPFC_MEMORY_COPY:
        a = wrd_u32(&c->r);
        b = wrd_u32(&c->r);
        cc_addr64_copy(c, c->m->mems[a].limits.is64, c->m->mems[b].limits.is64);
        if (a || b)
            cc_memx(c, WCODE_MEMX_COPY, a, b, 3, false);
        else
            emit_popped(c, XO_MEMORY_COPY, 3);
        break;
    case OPFC_MEMORY_FILL:
        a = wrd_u32(&c->r);
        cc_addr64(c, c->sp - 3, c->m->mems[a].limits.is64);
        cc_addr64(c, c->sp - 1, c->m->mems[a].limits.is64);
        if (a)
            cc_memx(c, WCODE_MEMX_FILL, a, 0, 3, false);
        else
            emit_popped(c, XO_MEMORY_FILL, 3);
        break;
    case OPFC_TABLE_INIT:
        a = wrd_u32(&c->r);
        b = wrd_u32(&c->r);
        cc_addr64(c, c->sp - 3, c->m->tables[b].limits.is64);
        emit_imm_popped(c, XO_TABLE_INIT, a, b, 2);
        break;
    case OPFC_ELEM_DROP:
        cc_emit_op(c, XO_ELEM_DROP);
        cc_emit(c, wrd_u32(&c->r));
        break;
    case OPFC_TABLE_COPY:
        a = wrd_u32(&c->r);
        b = wrd_u32(&c->r);
        cc_addr64_copy(c, c->m->tables[a].limits.is64, c->m->tables[b].limits.is64);
        emit_imm_popped(c, XO_TABLE_COPY, a, b, 2);
        break;
    case OPFC_TABLE_GROW: {
        a = wrd_u32(&c->r);
        cc_addr64(c, c->sp - 1, c->m->tables[a].limits.is64);
        uint32_t delta = cc_slot(c, c->sp - 1);
        uint32_t init = cc_slot(c, c->sp - 2);
        cc_pop(c);
        cc_pop(c);
        cc_push_canon(c);
        cc_emit_op(c, c->m->tables[a].reftype == WASM_EXNREF ? XO_TABLE_GROW_EXN : XO_TABLE_GROW);
        cc_emit(c, a);
        cc_emit(c, init);
        cc_emit(c, delta);
        cc_emit(c, cc_canon(c, c->sp - 1));
        if (c->m->tables[a].limits.is64) {      /* -1 as an i64 */
            cc_clear_last(c);
            cc_un(c, XO_I64_EXTEND_I32_S);
        }
        break;
    }
    case OPFC_TABLE_SIZE:
        a = wrd_u32(&c->r);
        cc_push_canon(c);
        cc_emit_op(c, XO_TABLE_SIZE);
        cc_emit(c, a);
        cc_emit(c, cc_canon(c, c->sp - 1));
        break;
    case OPFC_TABLE_FILL:
        a = wrd_u32(&c->r);
        cc_addr64(c, c->sp - 3, c->m->tables[a].limits.is64);
        cc_addr64(c, c->sp - 1, c->m->tables[a].limits.is64);
        emit_imm_popped(c, c->m->tables[a].reftype == WASM_EXNREF ? XO_TABLE_FILL_EXN
                                                                  : XO_TABLE_FILL, a, 0, 1);
        break;
    default:
        break;
    }
    cc_clear_last(c);
}

