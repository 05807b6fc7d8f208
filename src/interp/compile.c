/*
 * compile.c - the compiler's driver: compiles every function of a validated
 * module into threaded code (code.h) once, and owns the code buffer and the
 * compile-time operand stack (see compile.h).
 */
#include "interp/compile.h"
#include "interp/rtobj.h"

/* Make room for need elements. A failure is sticky: once c->oom is set
 * nothing grows again, nothing more is written, and compile_func throws
 * the function away (every writer of the code buffer goes through here or
 * checks c->oom; see cc_set_last for the peephole state). */
static bool grow(cc_t *c, void **p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (c->oom)
        return false;
    if (need <= *cap)
        return true;
    uint32_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > UINT32_MAX / 2) {
            c->oom = true;
            return false;
        }
        ncap *= 2;
    }
    void *q = wasm_rt_realloc(*p, (size_t)*cap * elem, (size_t)ncap * elem);
    if (!q) {
        c->oom = true;
        return false;
    }
    *p = q;
    *cap = ncap;
    return true;
}

void cc_emit(cc_t *c, uint64_t v)
{
    if (!grow(c, (void **)&c->code, &c->cap, c->n + 1, sizeof(wcell_t)))
        return;
    c->code[c->n++].u64 = v;
}

/* A trap-map record for the instruction about to start at cell n (code.h).
 * Records of instructions cut off the end (a peephole took them back) go
 * first, so the records stay in cell order. */
static void mark(cc_t *c)
{
    while (c->nmarks && (uint32_t)(c->marks[c->nmarks - 1] >> 32) > c->n)
        c->nmarks--;
    if (!grow(c, (void **)&c->marks, &c->marks_cap, c->nmarks + 1, sizeof(uint64_t)))
        return;
    c->marks[c->nmarks++] = (uint64_t)c->n << 32 | c->op_off;
}

void cc_emit_op(cc_t *c, wcode_op_t op)
{
    if (!grow(c, (void **)&c->code, &c->cap, c->n + 1, sizeof(wcell_t)))
        return;
    if (wcode_op_traps(op))
        mark(c);
    if (c->oom)
        return;
    c->code[c->n++].h = wexec_handler(op);
}

static uint32_t leb_put(uint8_t *p, uint32_t v)
{
    uint32_t n = 0;
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        if (p)
            p[n] = b | (v ? 0x80 : 0);
        n++;
    } while (v);
    return n;
}

/* Encode the records (code.h) into p, or only count the bytes (p NULL). */
static uint32_t map_encode(const cc_t *c, uint8_t *p)
{
    uint32_t n = 0, cell = 0, off = 0;
    for (uint32_t i = 0; i < c->nmarks; i++) {
        uint32_t mc = (uint32_t)(c->marks[i] >> 32), mo = (uint32_t)c->marks[i];
        int32_t d = (int32_t)(mo - off);
        n += leb_put(p ? p + n : NULL, mc - cell);
        n += leb_put(p ? p + n : NULL, ((uint32_t)d << 1) ^ (d < 0 ? UINT32_MAX : 0));   /* zigzag */
        cell = mc;
        off = mo;
    }
    return n;
}

void cc_emit_target(cc_t *c, uint32_t idx)
{
    if (!grow(c, (void **)&c->targets, &c->targets_cap, c->ntargets + 1, sizeof(uint32_t)))
        return;
    c->targets[c->ntargets++] = c->n;
    cc_emit(c, idx);
}

void cc_emit_fixup(cc_t *c, uint32_t *chain)
{
    uint32_t at = c->n;
    cc_emit_target(c, *chain);
    *chain = at + 1;
}

/* Walk a fixup chain (cell index + 1, each cell holding the next link)
 * and point every cell at idx. */
void cc_resolve(cc_t *c, uint32_t chain, uint32_t idx)
{
    while (chain && !c->oom) {
        uint32_t at = chain - 1;
        chain = (uint32_t)c->code[at].u64;
        c->code[at].u64 = idx;
    }
}

void cc_set_last(cc_t *c, uint32_t ins, wcode_op_t op, int32_t dst, bool fusable)
{
    /* The peephole state names only an instruction written whole: one cut
     * short by a failed allocation would send the next peephole rewrite
     * (CONST2, fusions, retargets) past the end of the buffer. */
    if (c->oom) {
        cc_clear_last(c);
        return;
    }
    c->last_ins = ins;
    c->last_op = op;
    c->last_end = c->n;
    c->last_dst = dst;
    c->last_fusable = fusable;
}

void cc_emit_const(cc_t *c, uint64_t imm, uint32_t dst)
{
    if (c->oom)
        return;
    if (c->last_end == c->n && c->last_op == XO_CONST) {
        /* Right after another CONST (no label in between: labels clear
         * the peephole state): one instruction writes both. */
        c->code[c->last_ins].h = wexec_handler(XO_CONST2);
        cc_emit(c, imm);
        cc_emit(c, dst);
        cc_clear_last(c);
        return;
    }
    uint32_t ins = c->n;
    cc_emit_op(c, XO_CONST);
    cc_emit(c, imm);
    cc_emit(c, dst);
    cc_set_last(c, ins, XO_CONST, -1, false);
}

void cc_emit_copy(cc_t *c, uint32_t src, uint32_t dst)
{
    if (c->oom)
        return;
    if (c->last_end == c->n && c->last_op == XO_COPY) {
        /* right after another COPY: one instruction does both, in order */
        c->code[c->last_ins].h = wexec_handler(XO_COPY2);
        cc_emit(c, src);
        cc_emit(c, dst);
        cc_clear_last(c);
        return;
    }
    uint32_t ins = c->n;
    cc_emit_op(c, XO_COPY);
    cc_emit(c, src);
    cc_emit(c, dst);
    cc_set_last(c, ins, XO_COPY, -1, false);
}

static cv_t *push(cc_t *c)
{
    if (!grow(c, (void **)&c->stk, &c->stk_cap, c->sp + 1, sizeof(cv_t)))
        return NULL;
    cv_t *v = &c->stk[c->sp++];
    if (c->sp > c->max_h)
        c->max_h = c->sp;
    return v;
}

void cc_push_canon(cc_t *c)
{
    cv_t *v = push(c);
    if (v)
        *v = (cv_t){ .kind = CV_CANON };
}

void cc_push_types(cc_t *c, uint32_t n, const uint8_t *types)
{
    for (uint32_t i = 0; i < n; i++) {
        cc_push_canon(c);
        if (types[i] == WASM_V128) {
            cc_push_canon(c);
            cc_mark_hi(c);
        }
    }
}

void cc_push_local(cc_t *c, uint32_t x)
{
    cv_t *v = push(c);
    if (!v)
        return;
    *v = (cv_t){ .kind = CV_LOCAL, .local = x, .next_ref = c->ref_head[x] };
    c->ref_head[x] = c->sp - 1;
    if (c->sp - 1 < c->pending_lo)
        c->pending_lo = c->sp - 1;
}

void cc_push_const(cc_t *c, uint64_t imm)
{
    cv_t *v = push(c);
    if (!v)
        return;
    *v = (cv_t){ .kind = CV_CONST, .imm = imm };
    if (c->sp - 1 < c->pending_lo)
        c->pending_lo = c->sp - 1;
}

cv_t cc_pop(cc_t *c)
{
    if (c->sp == 0) /* cannot happen in validated reachable code */
        return (cv_t){ .kind = CV_CONST };
    cv_t v = c->stk[--c->sp];
    if (v.kind == CV_LOCAL) /* the top entry is its local's newest reference */
        c->ref_head[v.local] = v.next_ref;
    if (c->pending_lo > c->sp)
        c->pending_lo = c->sp;
    return v;
}

/* Put entry h into its canonical slot. A CV_LOCAL entry must be the newest
 * pending reference to its local (callers go from the top down). */
static void materialize_one(cc_t *c, uint32_t h)
{
    cv_t *v = &c->stk[h];
    if (v->kind == CV_LOCAL) {
        cc_emit_copy(c, v->local, cc_canon(c, h));
        c->ref_head[v->local] = v->next_ref;
    } else if (v->kind == CV_CONST) {
        cc_emit_const(c, v->imm, cc_canon(c, h));
    }
    v->kind = CV_CANON;
}

uint32_t cc_slot(cc_t *c, uint32_t h)
{
    cv_t *v = &c->stk[h];
    if (v->kind == CV_LOCAL)
        return v->local;
    if (v->kind == CV_CONST)
        materialize_one(c, h);
    return cc_canon(c, h);
}

uint32_t cc_pop_slot(cc_t *c)
{
    if (c->sp == 0)
        return 0;
    uint32_t s = cc_slot(c, c->sp - 1);
    cc_pop(c);
    return s;
}

void cc_materialize(cc_t *c, uint32_t from_h)
{
    uint32_t lo = from_h > c->pending_lo ? from_h : c->pending_lo;
    for (uint32_t h = c->sp; h > lo; h--) /* newest first: see materialize_one */
        materialize_one(c, h - 1);
    if (from_h <= c->pending_lo)
        c->pending_lo = c->sp;
}

void cc_addr64(cc_t *c, uint32_t h, bool is64)
{
    if (!is64 || c->oom || h >= c->sp)
        return;
    cv_t *v = &c->stk[h];
    if (v->kind == CV_CONST) {
        if (v->imm > UINT32_MAX)
            v->imm = UINT32_MAX;
        return;
    }
    cc_materialize(c, h);       /* h (and what is above it) in place */
    cc_emit_op(c, XO_ADDR64);
    cc_emit(c, cc_canon(c, h));
    cc_emit(c, cc_canon(c, h));
    cc_clear_last(c);
}

void cc_materialize_local(cc_t *c, uint32_t x)
{
    while (c->ref_head[x] != CC_NONE && !c->oom)
        materialize_one(c, c->ref_head[x]);
}

/* Compile defined function fi; its cells (cell 0 the frame size) and
 * their count into *code and *ncells. false on allocation failure. */
static bool compile_func(const wasm_module_t *m, const wcode_fn_t *fns, uint32_t fi,
                         wcell_t **code, uint32_t *ncells, uint32_t *eh)
{
    const wmod_func_t *f = &m->funcs[fi];
    const wmod_type_t *t = wmod_functype(m, fi);
    cc_t c = { .m = m, .fns = fns, .ftype = t, .ltypes = f->local_types, .nldecl = f->nlocals };
    cc_clear_last(&c);
    c.nlocals = wmod_slots(t->nparams, t->types) + wmod_slots(f->nlocals, f->local_types);
    c.ref_head = wasm_rt_alloc(((size_t)c.nlocals + 1) * sizeof(uint32_t));
    if (!c.ref_head || !cc_map_locals(&c)) {
        wasm_rt_free(c.ref_head);
        return false;
    }
    for (uint32_t i = 0; i < c.nlocals; i++)
        c.ref_head[i] = CC_NONE;
    wrd_init(&c.r, f->body, f->body + f->body_len, WRD_EOF);
    cc_emit(&c, 0);     /* cell 0: the frame size, set below */
    c.ctl = wasm_rt_alloc(16 * sizeof(ctl_t));
    c.ctl_cap = 16;
    if (!c.ctl)
        c.oom = true;
    else
        c.ctl[c.nctl++] = (ctl_t){ .kind = CT_FUNC, .nrv = t->nresults,
                                   .rtypes = t->types + t->nparams,
                                   .nresults = wmod_slots(t->nresults, t->types + t->nparams) };

    while (c.nctl && !c.oom && wrd_ok(&c.r)) {
        c.op_off = (uint32_t)(c.r.p - f->body);
        uint8_t op = wrd_u8(&c.r);
        if (!cc_control(&c, op))
            cc_instr(&c, op);
    }
    *eh = cc_try_index(&c);
    bool ok = !c.oom && wrd_ok(&c.r) && c.nctl == 0;
    wcell_t *block = NULL;
    if (ok) {
        /* the final block, exactly as big as it needs (code.h): header
         * cell, cells, trap map */
        uint32_t maplen = map_encode(&c, NULL);
        block = wasm_rt_alloc(((size_t)c.n + 1) * sizeof(wcell_t) + maplen);
        ok = block != NULL;
        if (ok) {
            wcell_t *fc = block + 1;
            memcpy(fc, c.code, (size_t)c.n * sizeof(wcell_t));
            map_encode(&c, (uint8_t *)(fc + c.n));
            block[0].u64 = c.n | (uint64_t)maplen << 32;
            for (uint32_t i = 0; i < c.ntargets; i++) {
                wcell_t *cell = &fc[c.targets[i]];
                uint64_t index = cell->u64; /* read the member, then write the other */
                cell->target = fc + index;
            }
            WCODE_FRAME_SLOTS(fc) = c.nlocals + c.max_h + 1;
            *code = fc;
            *ncells = c.n;
        }
    }
    wasm_rt_free(c.code);
    wasm_rt_free(c.marks);
    wasm_rt_free(c.targets);
    wasm_rt_free(c.stk);
    wasm_rt_free(c.ctl);
    wasm_rt_free(c.ref_head);
    wasm_rt_free(c.lslot);
    wasm_rt_free(c.tries);
    return ok;
}

void wcomp_free(void *compiled)
{
    wcode_module_t *cm = compiled;
    if (!cm)
        return;
    while (cm->orphans) {
        wasm_instance_t *o = cm->orphans;
        cm->orphans = o->next_orphan;
        wasm_instance_free(o);
    }
    for (uint32_t i = 0; i < cm->nfuncs; i++)
        if (cm->fns[i].code)
            wasm_rt_free(WCODE_BLOCK(cm->fns[i].code));
    wasm_rt_free(cm->fns);
    wasm_rt_free(cm);
}

const wcell_t *wcomp_func(const wasm_module_t *m, const wcode_fn_t *f)
{
    wcell_t *code = __atomic_load_n(&f->code, __ATOMIC_ACQUIRE);
    if (code)
        return code;
    uint32_t ncells, eh;
    const wcode_module_t *cm = m->compiled;
    if (!compile_func(m, cm->fns, f->index, &code, &ncells, &eh))
        return NULL;
    /* The module's code is shared by its instances: if another thread
     * published this function meanwhile, its copy stays and ours goes
     * (eh is the same in both: compiling is deterministic). */
    wcode_fn_t *wf = (wcode_fn_t *)f;
    __atomic_store_n(&wf->eh, eh, __ATOMIC_RELAXED);
    wcell_t *none = NULL;
    if (!__atomic_compare_exchange_n(&wf->code, &none, code, false, __ATOMIC_RELEASE,
                                     __ATOMIC_ACQUIRE)) {
        wasm_rt_free(WCODE_BLOCK(code));
        return none;
    }
    __atomic_store_n(&wf->ncells, ncells, __ATOMIC_RELAXED);   /* for debuggers only */
    return code;
}

bool wcomp_module(wasm_module_t *m, bool lazy, char *err, size_t errlen)
{
    wcode_module_t *cm = m->compiled;
    uint32_t nf = m->nfuncs - m->nimport_funcs;
    if (!cm) {
        cm = wasm_rt_alloc(sizeof *cm);
        if (cm && nf) {
            cm->fns = wasm_rt_alloc((size_t)nf * sizeof(wcode_fn_t));
            if (!cm->fns) {
                wasm_rt_free(cm);
                cm = NULL;
            }
        }
        if (!cm) {
            wp_strcpy(err, errlen, "out of memory");
            return false;
        }
        for (uint32_t i = 0; i < nf; i++) {
            const wmod_type_t *t = wmod_functype(m, m->nimport_funcs + i);
            const wmod_func_t *f = &m->funcs[m->nimport_funcs + i];
            uint32_t np = wmod_slots(t->nparams, t->types);
            cm->fns[i] = (wcode_fn_t){ .nparams = np,
                                       .nresults = wmod_slots(t->nresults, t->types + t->nparams),
                                       .nlocals = np + wmod_slots(f->nlocals, f->local_types),
                                       .index = m->nimport_funcs + i };
        }
        cm->nfuncs = nf;
        m->compiled = cm;
        if (!lazy) {
            /* all or nothing: a module that cannot be compiled whole is
             * not kept half-compiled */
            for (uint32_t i = 0; i < nf; i++) {
                if (!wcomp_func(m, &cm->fns[i])) {
                    m->compiled = NULL;
                    wcomp_free(cm);
                    wp_strcpy(err, errlen, "out of memory");
                    return false;
                }
            }
        }
        return true;
    }
    for (uint32_t i = 0; i < nf && !lazy; i++) {
        if (!wcomp_func(m, &cm->fns[i])) {
            wp_strcpy(err, errlen, "out of memory");
            return false;
        }
    }
    return true;
}
