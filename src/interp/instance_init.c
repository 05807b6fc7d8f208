/*
 * instance_init.c - the parts of instantiation that run module-supplied
 * data: import type checks, constant expressions, and the element and data
 * segment initialisation (spec 4.5.4, Wasm 2.0 semantics).
 */
#include "interp/rtobj.h"
#include "interp/reader.h"
#include "interp/opcodes.h"
#include "interp/types.h"

wasm_val_t winst_const(const wasm_instance_t *inst, const wmod_expr_t *e)
{
    uint64_t hi;
    return winst_const2(inst, e, &hi);
}

wasm_val_t winst_const2(const wasm_instance_t *inst, const wmod_expr_t *e, uint64_t *hi)
{
    wrd_t r;
    wasm_val_t st[WMOD_CONST_DEPTH];
    uint64_t sthi[WMOD_CONST_DEPTH];    /* high halves of v128 values (no op takes one) */
    unsigned sp = 0;
    *hi = 0;
    wrd_init(&r, e->code, e->code + e->len, WRD_EOF);
    while (wrd_ok(&r)) {
        uint8_t op = wrd_u8(&r);
        wasm_val_t v = { .raw = 0 };
        uint64_t vhi = 0;
        switch (op) {
        case OP_END:
            if (sp)
                *hi = sthi[sp - 1];
            return sp ? st[sp - 1] : v;
        case OP_PREFIX_FD: {    /* v128.const: validated */
            wrd_u32(&r);
            const uint8_t *p = wrd_bytes(&r, 16);
            if (p) {
                memcpy(&v.raw, p, 8);
                memcpy(&vhi, p + 8, 8);
            }
            break;
        }
        case OP_I32_CONST:
            v.i32 = (uint32_t)wrd_s32(&r);
            break;
        case OP_I64_CONST:
            v.i64 = (uint64_t)wrd_s64(&r);
            break;
        case OP_F32_CONST: {
            const uint8_t *p = wrd_bytes(&r, 4);
            if (p)
                memcpy(&v.f32, p, 4);
            break;
        }
        case OP_F64_CONST: {
            const uint8_t *p = wrd_bytes(&r, 8);
            if (p)
                memcpy(&v.f64, p, 8);
            break;
        }
        case OP_GLOBAL_GET: {
            const wasm_global_t *g = inst->globals[wrd_u32(&r)];
            v = g->val;
            vhi = g->hi;
            break;
        }
        case OP_REF_NULL:
            wrd_s33(&r);    /* the heap type */
            break;
        case OP_REF_FUNC:
            v.ref = (wasm_ref_t)(uintptr_t)inst->funcs[wrd_u32(&r)];
            break;
        /* extended constant expressions */
        case OP_I32_ADD: case OP_I32_SUB: case OP_I32_MUL:
        case OP_I64_ADD: case OP_I64_SUB: case OP_I64_MUL: {
            if (sp < 2)
                return v;
            wasm_val_t b = st[--sp], a = st[--sp];
            if (op == OP_I32_ADD) v.i32 = a.i32 + b.i32;
            else if (op == OP_I32_SUB) v.i32 = a.i32 - b.i32;
            else if (op == OP_I32_MUL) v.i32 = a.i32 * b.i32;
            else if (op == OP_I64_ADD) v.i64 = a.i64 + b.i64;
            else if (op == OP_I64_SUB) v.i64 = a.i64 - b.i64;
            else v.i64 = a.i64 * b.i64;
            break;
        }
        default: /* not a constant instruction: validation prevents this */
            return v;
        }
        if (sp < WMOD_CONST_DEPTH) {
            sthi[sp] = vhi;
            st[sp++] = v;
        }
    }
    return (wasm_val_t){ .raw = 0 };
}

/* Limits subtyping (spec 4.5.3.5): actual {min: cur, max} matches the
 * import's declared {min, max}, of the same address type. */
static bool limits_ok(uint64_t cur, const wasm_limits_t *actual, const wasm_limits_t *want)
{
    if (actual->is64 != want->is64 || cur < want->min)
        return false;
    if (want->has_max && (!actual->has_max || actual->max > want->max))
        return false;
    return true;
}

bool winst_import_ok(const wasm_module_t *m, uint32_t i, const wasm_extern_t *ext)
{
    const wmod_import_t *im = &m->imports[i];
    if (!ext || ext->kind != im->kind || !ext->u.any)
        return false;
    switch (im->kind) {
    case WASM_EXTERN_FUNC: {
        /* the function's type must be a subtype of the import's */
        const wasm_func_t *f = ext->u.func;
        return wtype_match(f->inst ? f->inst->module : NULL, f->typeidx, &f->type, m, im->index);
    }
    case WASM_EXTERN_TABLE: {
        const wmod_table_t *t = &m->tables[im->index];
        const wasm_table_t *x = ext->u.table;
        return wvt_match(x->mod, x->mod ? x->vt : x->reftype, m, t->vt) &&
               wvt_match(m, t->vt, x->mod, x->mod ? x->vt : x->reftype) &&
               limits_ok(x->size, &x->limits, &t->limits);
    }
    case WASM_EXTERN_MEMORY: {
        const wmod_memory_t *t = &m->mems[im->index];
        const wasm_memory_t *x = ext->u.memory;
        return limits_ok(x->pages, &x->limits, &t->limits);
    }
    case WASM_EXTERN_GLOBAL: {
        const wmod_global_t *g = &m->globals[im->index];
        const wasm_global_t *x = ext->u.global;
        uint8_t xvt = x->mod ? x->vt : x->valtype;
        /* a constant global's type may be a subtype; a mutable one's not */
        return x->mut == g->mut && wvt_match(x->mod, xvt, m, g->vt) &&
               (!g->mut || wvt_match(m, g->vt, x->mod, xvt));
    }
    case WASM_EXTERN_TAG: {
        /* equivalent types: each a subtype of the other */
        const wasm_tag_t *x = ext->u.tag;
        uint32_t ti = m->tags[im->index].type;
        const wmod_type_t *t = &m->types[ti];
        wasm_functype_t ft = { t->nparams, 0, t->types, t->types + t->nparams };
        if (!x->mod)
            return t->simple && wrt_functype_eq(&ft, &x->type);
        return wtype_match(x->mod, x->typeidx, &x->type, m, ti) &&
               wtype_match(m, ti, &ft, x->mod, x->typeidx);
    }
    }
    return false;
}

/* An active segment's offset: an i64 into a 64-bit table or memory. */
static uint64_t seg_offset(const wasm_instance_t *inst, const wmod_expr_t *e, bool is64)
{
    wasm_val_t v = winst_const(inst, e);
    return is64 ? v.i64 : v.i32;
}

wasm_trap_t winst_segments(wasm_instance_t *inst, bool *escaped)
{
    const wasm_module_t *m = inst->module;
    for (uint32_t i = 0; i < m->nelems; i++) {
        const wmod_elem_t *s = &m->elems[i];
        if (s->mode != WMOD_SEG_ACTIVE)
            continue;
        wasm_table_t *t = inst->tables[s->table];
        uint64_t d = seg_offset(inst, &s->offset, t->limits.is64);
        uint32_t n = inst->elem_len[i];
        if (d > t->size || n > t->size - d)
            return WASM_TRAP_TABLE_OOB;
        if (n) {
            memcpy(t->elems + d, inst->elem_refs[i], (size_t)n * sizeof(wasm_ref_t));
            if (s->table < m->nimport_tables)
                *escaped = true;
        }
        inst->elem_len[i] = 0; /* elem.drop */
    }
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const wmod_data_t *s = &m->datas[i];
        if (s->mode != WMOD_SEG_ACTIVE)
            continue;
        wasm_memory_t *mem = inst->mems[s->memory];
        uint64_t d = seg_offset(inst, &s->offset, mem->limits.is64);
        uint32_t n = inst->data_len[i];
        if (d > mem->size || n > mem->size - d)
            return WASM_TRAP_MEM_OOB;
        if (n)
            memcpy(mem->data + d, s->data, n);
        inst->data_len[i] = 0; /* data.drop */
    }
    return WASM_TRAP_NONE;
}
