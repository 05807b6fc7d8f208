/*
 * compile_ctl.c - compiling structured control flow: block, loop, if/else,
 * end, br, br_if, br_table, return, the tail calls (return_call*),
 * unreachable, and skipping dead code (try_table, throw and throw_ref are
 * compile_exn.c's).
 *
 * Branch targets are resolved ahead of time: a loop's start is known when
 * a branch to it is compiled; forward branches are chained through their
 * target cells and patched when the block's end (or else) is reached.
 * A branch moves the values its label carries from their canonical slots
 * to the label's slots, unless they already coincide.
 */
#include "interp/compile.h"
#include "interp/decode.h"

void cc_blocktype(cc_t *c, cblock_t *bt)
{
    static const uint8_t k_ref = WASM_FUNCREF;   /* a reference: one slot */
    int64_t v = wrd_s33(&c->r);
    if (v >= 0 && (uint64_t)v < c->m->ntypes) {
        const wmod_type_t *t = &c->m->types[v];
        *bt = (cblock_t){ t->nparams, t->nresults, t->types, t->types + t->nparams };
    } else if (v == 0x63 - 0x80 || v == 0x64 - 0x80) {
        wrd_s33(&c->r);     /* (ref null? ht): its heap type */
        *bt = (cblock_t){ 0, 1, NULL, &k_ref };
    } else {
        /* 0x40: empty; else one value type, the byte just read */
        *bt = (cblock_t){ 0, v == -64 ? 0 : 1, NULL, c->r.p - 1 };
    }
}

static ctl_t *label(cc_t *c, uint32_t depth)
{
    return &c->ctl[c->nctl - 1 - depth];
}

static uint32_t arity(const ctl_t *b)
{
    return b->kind == CT_LOOP ? b->nparams : b->nresults;
}

static void emit_to(cc_t *c, ctl_t *b)
{
    if (b->kind == CT_LOOP)
        cc_emit_target(c, b->loop_pc);
    else
        cc_emit_fixup(c, &b->fixups);
}

static void set_dead(cc_t *c)
{
    c->ctl[c->nctl - 1].unreachable = true;
    c->skip_depth = 0;
    cc_clear_last(c);
}

static void push_ctl(cc_t *c, uint8_t kind, const cblock_t *bt)
{
    uint32_t np = wmod_slots(bt->npv, bt->ptypes), nr = wmod_slots(bt->nrv, bt->rtypes);
    if (c->nctl == c->ctl_cap) {
        ctl_t *n = wasm_rt_realloc(c->ctl, (size_t)c->ctl_cap * sizeof *n,
                                   (size_t)c->ctl_cap * 2 * sizeof *n);
        if (!n) {
            c->oom = true;
            return;
        }
        c->ctl = n;
        c->ctl_cap *= 2;
    }
    c->ctl[c->nctl++] = (ctl_t){ .kind = kind, .height = c->sp - np,
                                 .nparams = np, .nresults = nr, .loop_pc = c->n,
                                 .ptypes = bt->ptypes, .rtypes = bt->rtypes,
                                 .npv = bt->npv, .nrv = bt->nrv };
}

/* Reset the operand stack to height h plus n canonical values of these
 * types (as far as the stack can grow: a failed push sets c->oom). */
static void reset_stack(cc_t *c, uint32_t h, uint32_t n, const uint8_t *types)
{
    while (c->sp > h)
        cc_pop(c);
    cc_push_types(c, n, types);
}

/* Is the top entry the result of the last instruction, a fusable compare
 * (or i32.eqz), with nothing emitted since? */
static bool fusable_top(cc_t *c)
{
    if (c->oom || c->last_end != c->n || c->last_dst < 0 || c->sp == 0)
        return false;
    if (c->stk[c->sp - 1].kind != CV_CANON)
        return false;
    if (c->code[c->last_dst].sl != cc_canon(c, c->sp - 1))
        return false;
    return c->last_fusable || c->last_op == XO_I32_EQZ;
}

/* Turn the last instruction (compare or eqz whose result cell is the last
 * cell) into a branch taken when its result is non-zero (when_true) or
 * zero; the branch target cell replaces the result cell. */
static void fuse(cc_t *c, bool when_true)
{
    wcode_op_t op;
    if (c->last_op == XO_I32_EQZ)
        op = when_true ? XO_BR_IF_NOT : XO_BR_IF;
    else
        op = (wcode_op_t)(c->last_op + (when_true ? 3 : 5)); /* code.h */
    c->code[c->last_ins].h = wexec_handler(op);
    c->n--; /* drop the result cell; the caller appends the target */
}

/* Is the last instruction a comparison (_RR or _RI, not yet a branch)
 * right after a counter step (compile.h: addi_ins) and reading its
 * result? Then both become one BRIF_ADDI (code.h: WCODE_ADDI_BR), a
 * comparison with the counter second mirrored, and true; the caller
 * appends the target. */
static bool fuse_addi(cc_t *c)
{
    if (c->oom || c->addi_end != c->last_ins || c->last_end != c->n)
        return false;
    uint32_t ai = c->addi_ins, ci = c->last_ins;
    uint64_t dst = c->code[ai + 3].sl, x = c->code[ci + 1].sl, y = c->code[ci + 2].u64;
    wcode_op_t op = XO_COUNT;
    uint64_t other = 0;
    switch (c->last_op) {
#define X(n, m) \
    case XO_I32_##n##_RR: \
        if (x == dst) \
            op = XO_BRIF_ADDI_I32_##n##_RR, other = y; \
        else if (y == dst) \
            op = XO_BRIF_ADDI_I32_##m##_RR, other = x; \
        break; \
    case XO_I32_##n##_RI: \
        if (x == dst) \
            op = XO_BRIF_ADDI_I32_##n##_RI, other = y; \
        break;
    WCODE_ADDI_BR(X)
#undef X
    default:
        break;
    }
    if (op == XO_COUNT)
        return false;
    c->code[ai].h = wexec_handler(op);
    c->code[ai + 4].u64 = other;        /* over the comparison's handler */
    c->n = ai + 5;
    return true;
}

/* br_if on a local just written by a counter step: BRIF_ADDI_NE_RI with
 * 0 (the caller appends the target); cond is the condition's slot. */
static bool fuse_addi_nz(cc_t *c, uint32_t cond)
{
    if (c->oom || c->addi_end != c->n || c->code[c->addi_ins + 3].sl != cond)
        return false;
    c->code[c->addi_ins].h = wexec_handler(XO_BRIF_ADDI_I32_NE_RI);
    cc_emit(c, 0);
    return true;
}

static void do_br(cc_t *c, uint32_t depth)
{
    ctl_t *b = label(c, depth);
    uint32_t n = arity(b);
    cc_materialize(c, c->sp - n);
    uint32_t src = cc_canon(c, c->sp - n), dst = cc_canon(c, b->height);
    if (n == 0 || src == dst) {
        cc_emit_op(c, b->kind == CT_LOOP ? XO_JMP_LOOP : XO_JMP);
        emit_to(c, b);
    } else {
        cc_emit_op(c, XO_BR_COPY);
        emit_to(c, b);
        cc_emit(c, src);
        cc_emit(c, dst);
        cc_emit(c, n);
    }
}

static void do_br_if(cc_t *c, uint32_t depth)
{
    ctl_t *b = label(c, depth);
    uint32_t n = arity(b);
    bool fusable = fusable_top(c);
    uint32_t before = c->n;
    uint32_t cond = cc_pop_slot(c);
    cc_materialize(c, c->sp - n);
    uint32_t src = cc_canon(c, c->sp - n), dst = cc_canon(c, b->height);
    bool copy = n != 0 && src != dst;
    if (fusable && !copy && c->n == before) {
        if (!fuse_addi(c))
            fuse(c, true);
        emit_to(c, b);
    } else if (!copy && c->n == before && fuse_addi_nz(c, cond)) {
        emit_to(c, b);
    } else if (!copy) {
        cc_emit_op(c, XO_BR_IF);
        cc_emit(c, cond);
        emit_to(c, b);
    } else {
        cc_emit_op(c, XO_BR_IF_COPY);
        cc_emit(c, cond);
        emit_to(c, b);
        cc_emit(c, src);
        cc_emit(c, dst);
        cc_emit(c, n);
    }
    cc_clear_last(c);
}

/* br_on_null (on_null) / br_on_non_null: [t* ref]; the branch carries
 * t* (t* ref for br_on_non_null), the fall-through keeps the ref
 * (br_on_null) or drops it (br_on_non_null). */
static void do_br_on(cc_t *c, uint32_t depth, bool on_null)
{
    ctl_t *b = label(c, depth);
    uint32_t n = arity(b);
    /* the carried values (and the ref) in their canonical slots */
    cc_materialize(c, c->sp - n - on_null);
    uint32_t ref = cc_canon(c, c->sp - 1);
    uint32_t top = on_null ? c->sp - 1 : c->sp;
    cc_emit_op(c, on_null ? XO_BR_ON_NULL : XO_BR_ON_NON_NULL);
    cc_emit(c, ref);
    emit_to(c, b);
    cc_emit(c, cc_canon(c, top - n));
    cc_emit(c, cc_canon(c, b->height));
    cc_emit(c, n);
    if (!on_null)
        cc_pop(c);
    cc_clear_last(c);
}

static void do_br_table(cc_t *c)
{
    uint32_t count = wrd_u32(&c->r);
    const uint8_t *labels = c->r.p;
    for (uint32_t i = 0; i <= count && wrd_ok(&c->r); i++)
        wrd_u32(&c->r);
    uint32_t idx = cc_pop_slot(c);
    wrd_t lr;
    wrd_init(&lr, labels, c->r.end, WRD_EOF);
    /* the default label (last) gives the arity shared by all */
    uint32_t n = 0;
    {
        wrd_t dr = lr;
        for (uint32_t i = 0; i < count; i++)
            wrd_u32(&dr);
        n = arity(label(c, wrd_u32(&dr)));
    }
    cc_materialize(c, c->sp - n);
    cc_emit_op(c, XO_BR_TABLE);
    cc_emit(c, idx);
    cc_emit(c, n);
    cc_emit(c, cc_canon(c, c->sp - n));
    cc_emit(c, count);
    for (uint32_t i = 0; i <= count && !c->oom; i++) {
        ctl_t *b = label(c, wrd_u32(&lr));
        emit_to(c, b);
        cc_emit(c, cc_canon(c, b->height));
    }
}

static void do_if(cc_t *c)
{
    cblock_t bt;
    cc_blocktype(c, &bt);
    bool fusable = fusable_top(c);
    uint32_t before = c->n;
    uint32_t cond = cc_pop_slot(c);
    cc_materialize(c, 0);
    push_ctl(c, CT_IF, &bt);
    if (c->oom)
        return;
    ctl_t *b = &c->ctl[c->nctl - 1];
    if (fusable && c->n == before) {
        fuse(c, false);
    } else {
        cc_emit_op(c, XO_BR_IF_NOT);
        cc_emit(c, cond);
    }
    cc_emit_fixup(c, &b->else_fix);
    cc_clear_last(c);
}

static void do_else(cc_t *c)
{
    ctl_t *b = &c->ctl[c->nctl - 1];
    if (!b->unreachable) {
        cc_materialize(c, b->height);
        cc_emit_op(c, XO_JMP);
        cc_emit_fixup(c, &b->fixups);
    }
    cc_resolve(c, b->else_fix, c->n);
    b->else_fix = 0;
    b->unreachable = false;
    reset_stack(c, b->height, b->npv, b->ptypes);
    cc_clear_last(c);
}

static void do_end(cc_t *c)
{
    ctl_t *b = &c->ctl[c->nctl - 1];
    if (!b->unreachable)
        cc_materialize(c, b->height);
    cc_resolve(c, b->else_fix, c->n);
    cc_resolve(c, b->fixups, c->n);
    reset_stack(c, b->height, b->nrv, b->rtypes);
    if (b->kind == CT_TRY)
        cc_try_end(c, b);
    c->nctl--;
    if (b->kind == CT_FUNC) {
        cc_emit_op(c, XO_RETURN);
        cc_emit(c, cc_canon(c, 0));
        cc_emit(c, b->nresults);
    }
    cc_clear_last(c);
}

/* Handle op if it is a control instruction or we are in dead code. */
bool cc_control(cc_t *c, uint8_t op)
{
    ctl_t *top = &c->ctl[c->nctl - 1];
    cblock_t bt;
    if (top->unreachable) {
        switch (op) {
        case OP_BLOCK: case OP_LOOP: case OP_IF:
            cc_blocktype(c, &bt);
            c->skip_depth++;
            return true;
        case OP_TRY_TABLE: {
            uint32_t sub;
            wmod_skip_immediates(&c->r, op, &sub);
            c->skip_depth++;
            return true;
        }
        case OP_ELSE:
            if (c->skip_depth)
                return true;
            do_else(c);
            return true;
        case OP_END:
            if (c->skip_depth) {
                c->skip_depth--;
                return true;
            }
            do_end(c);
            return true;
        default: {
            uint32_t sub;
            wmod_skip_immediates(&c->r, op, &sub);
            return true;
        }
        }
    }
    switch (op) {
    case OP_UNREACHABLE:
        cc_emit_op(c, XO_UNREACHABLE);
        set_dead(c);
        return true;
    case OP_BLOCK:
    case OP_LOOP:
        cc_blocktype(c, &bt);
        cc_materialize(c, 0);
        push_ctl(c, op == OP_BLOCK ? CT_BLOCK : CT_LOOP, &bt);
        cc_clear_last(c);
        return true;
    case OP_IF:
        do_if(c);
        return true;
    case OP_ELSE:
        do_else(c);
        return true;
    case OP_END:
        do_end(c);
        return true;
    case OP_BR:
        do_br(c, wrd_u32(&c->r));
        set_dead(c);
        return true;
    case OP_BR_IF:
        do_br_if(c, wrd_u32(&c->r));
        return true;
    case OP_BR_TABLE:
        do_br_table(c);
        set_dead(c);
        return true;
    case OP_BR_ON_NULL:
    case OP_BR_ON_NON_NULL:
        do_br_on(c, wrd_u32(&c->r), op == OP_BR_ON_NULL);
        return true;
    case OP_RETURN_CALL_REF: {
        /* [refslot argslot] */
        const wmod_type_t *t = &c->m->types[wrd_u32(&c->r)];
        uint32_t e = cc_pop_slot(c);
        uint32_t np = wmod_slots(t->nparams, t->types);
        cc_materialize(c, c->sp - np);
        cc_emit_op(c, XO_RETURN_CALL_REF);
        cc_emit(c, e);
        cc_emit(c, cc_canon(c, c->sp - np));
        set_dead(c);
        return true;
    }
    case OP_TRY_TABLE:
        cc_try_table(c);
        return true;
    case OP_THROW:
    case OP_THROW_REF:
        cc_throw(c, op);
        set_dead(c);
        return true;
    case OP_RETURN: {
        uint32_t n = c->ctl[0].nresults;
        cc_materialize(c, c->sp - n);
        cc_emit_op(c, XO_RETURN);
        cc_emit(c, cc_canon(c, c->sp - n));
        cc_emit(c, n);
        set_dead(c);
        return true;
    }
    case OP_RETURN_CALL:
    case OP_RETURN_CALL_INDIRECT: {
        /* [funcidx argslot] / [typeidx table elemslot argslot]: the
         * arguments in canonical slots, as for a call (code.h) */
        uint32_t x = wrd_u32(&c->r), tab = 0, e = 0;
        const wmod_type_t *t;
        if (op == OP_RETURN_CALL) {
            t = wmod_functype(c->m, x);
        } else {
            tab = wrd_u32(&c->r);
            t = &c->m->types[x];
            cc_addr64(c, c->sp - 1, c->m->tables[tab].limits.is64);
            e = cc_pop_slot(c);
        }
        uint32_t np = wmod_slots(t->nparams, t->types);
        cc_materialize(c, c->sp - np);
        cc_emit_op(c, op == OP_RETURN_CALL ? XO_RETURN_CALL : XO_RETURN_CALL_INDIRECT);
        cc_emit(c, x);
        if (op == OP_RETURN_CALL_INDIRECT) {
            cc_emit(c, tab);
            cc_emit(c, e);
        }
        cc_emit(c, cc_canon(c, c->sp - np));
        set_dead(c);
        return true;
    }
    default:
        return false;
    }
}

void cc_push_block(cc_t *c, uint8_t kind, const cblock_t *bt)
{
    push_ctl(c, kind, bt);
}

ctl_t *cc_label(cc_t *c, uint32_t depth)
{
    return label(c, depth);
}

void cc_emit_label(cc_t *c, ctl_t *b)
{
    emit_to(c, b);
}
