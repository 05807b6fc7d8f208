/*
 * validate_exn.c - typing the exception handling instructions (Wasm 3.0):
 * throw, throw_ref and the catch clauses of try_table (the block itself is
 * typed like block by validate.c). A catch clause names a label of the
 * context around the try_table and must pass it exactly the values the
 * clause delivers: the tag's parameters, then an exnref for catch_ref and
 * catch_all_ref.
 */
#include "interp/validate_stack.h"
#include "interp/opcodes.h"

/* The parameters of tag x, or NULL (error set). */
static const wmod_type_t *tag_type(vstate_t *v, uint32_t x)
{
    if (!wrd_ok(&v->r))
        return NULL;
    if (x >= v->m->ntags) {
        v_failx(v, "unknown tag", x);
        return NULL;
    }
    return &v->m->types[v->m->tags[x].type];
}

void wval_throw(vstate_t *v)
{
    const wmod_type_t *t = tag_type(v, wrd_u32(&v->r));
    if (!t)
        return;
    v_pop_n(v, t->nparams, t->vt);
    if (!v->err)
        v_unreachable(v);
}

void wval_throw_ref(vstate_t *v)
{
    v_pop_expect(v, WASM_EXNREF);
    if (!v->err)
        v_unreachable(v);
}

/* (ref exn), what catch_ref and catch_all_ref give the label (interned
 * in the module still being built). */
static uint8_t exn_nonnull(vstate_t *v)
{
    const char *err = NULL;
    uint8_t t = wvt_abstract((wasm_module_t *)(uintptr_t)v->m, WHT_EXN, false, &err);
    if (err)
        v_fail(v, err);
    return t;
}

/* Does label l take np values of types p, then an exnref if ref (their
 * supertypes)? */
static bool label_takes(vstate_t *v, uint32_t l, uint32_t np, const uint8_t *p, bool ref)
{
    if (!wrd_ok(&v->r))
        return false;
    if (l >= v->nctrls)
        return v_failx(v, "unknown label", l);
    uint32_t n;
    const uint8_t *types;
    v_label_types(&v->ctrls[v->nctrls - 1 - l], &n, &types);
    if (n != np + ref || !wvt_sub_n(v->m, np, p, types) ||
        (ref && !wvt_sub(v->m, exn_nonnull(v), types[np])))
        return v_fail(v, "type mismatch");
    return true;
}

bool wval_catches(vstate_t *v)
{
    uint32_t n = wrd_count(&v->r);
    for (uint32_t i = 0; i < n && wrd_ok(&v->r) && !v->err; i++) {
        uint8_t kind = wrd_u8(&v->r);
        if (!wrd_ok(&v->r))
            break;
        if (kind > 3)
            return v_fail(v, "malformed catch clause");
        const wmod_type_t *t = NULL;
        if (kind < 2 && !(t = tag_type(v, wrd_u32(&v->r))))
            return false;
        label_takes(v, wrd_u32(&v->r), t ? t->nparams : 0, t ? t->vt : NULL, kind & 1);
    }
    return wrd_ok(&v->r) && !v->err;
}
