/*
 * decode_segs.c - the element, code and data sections (spec 5.5.12-5.5.16):
 * the eight element segment forms, function bodies with their locals, and
 * the three data segment forms.
 */
#include "interp/decode_sec.h"
#include "interp/types.h"

static bool elem_funcs(wrd_t *r, wmod_elem_t *e)
{
    e->count = wrd_count(r);
    if (!wrd_ok(r))
        return false;
    if (!(e->funcs = wasm_rt_alloc((size_t)(e->count ? e->count : 1) * sizeof *e->funcs)))
        return wrd_fail(r, "out of memory");
    for (uint32_t i = 0; i < e->count && wrd_ok(r); i++)
        e->funcs[i] = wrd_u32(r);
    return wrd_ok(r);
}

static bool elem_exprs(wrd_t *r, wmod_elem_t *e)
{
    e->count = wrd_count(r);
    if (!wrd_ok(r))
        return false;
    if (!(e->exprs = wasm_rt_alloc((size_t)(e->count ? e->count : 1) * sizeof *e->exprs)))
        return wrd_fail(r, "out of memory");
    for (uint32_t i = 0; i < e->count && wrd_ok(r); i++)
        wdec_expr(r, &e->exprs[i]);
    return wrd_ok(r);
}

static bool elemkind(wrd_t *r, wmod_elem_t *e)
{
    uint8_t k = wrd_u8(r);
    if (wrd_ok(r) && k != 0x00)
        return wrd_fail(r, "malformed elements segment kind");
    e->reftype = e->vt = WASM_FUNCREF;
    return wrd_ok(r);
}

/* Flags: bit 0 passive/declarative, bit 1 explicit table (active) or
 * declarative (passive), bit 2 expressions instead of function indices. */
static bool elem_segment(wasm_module_t *m, wrd_t *r, wmod_elem_t *e)
{
    uint32_t flags = wrd_u32(r);
    if (!wrd_ok(r))
        return false;
    if (flags > 7)
        return wrd_fail(r, "malformed elements segment kind");
    bool passive = flags & 1, bit1 = flags & 2, exprs = flags & 4;
    e->reftype = e->vt = WASM_FUNCREF;
    if (!passive) {
        e->mode = WMOD_SEG_ACTIVE;
        e->table = bit1 ? wrd_u32(r) : 0;
        wdec_expr(r, &e->offset);
        if (bit1) {
            if (exprs)
                wdec_reftype(m, r, &e->reftype, &e->vt);
            else
                elemkind(r, e);
        }
    } else {
        e->mode = bit1 ? WMOD_SEG_DECLARATIVE : WMOD_SEG_PASSIVE;
        if (exprs)
            wdec_reftype(m, r, &e->reftype, &e->vt);
        else
            elemkind(r, e);
    }
    if (!wrd_ok(r))
        return false;
    if (!exprs && !wmod_feature_off(m, WASM_FEATURE_FUNCTION_REFERENCES)) {
        /* function indices: every element is a function, (ref func) */
        const char *err = NULL;
        e->vt = wvt_abstract(m, WHT_FUNC, false, &err);
        if (err)
            return wrd_fail(r, err);
    }
    return exprs ? elem_exprs(r, e) : elem_funcs(r, e);
}

bool wdec_sec_elem(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r) || n == 0)
        return wrd_ok(r);
    if (!(m->elems = wasm_rt_alloc((size_t)n * sizeof *m->elems)))
        return wrd_fail(r, "out of memory");
    for (uint32_t i = 0; i < n && wrd_ok(r); i++) {
        m->nelems = i + 1;
        elem_segment(m, r, &m->elems[i]);
    }
    return wrd_ok(r);
}

bool wdec_sec_data(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r))
        return false;
    if (m->has_datacount && n != m->datacount)
        return wrd_fail(r, "data count and data section have inconsistent lengths");
    if (n && !(m->datas = wasm_rt_alloc((size_t)n * sizeof *m->datas)))
        return wrd_fail(r, "out of memory");
    for (uint32_t i = 0; i < n && wrd_ok(r); i++) {
        wmod_data_t *d = &m->datas[i];
        m->ndatas = i + 1;
        uint32_t flags = wrd_u32(r);
        if (!wrd_ok(r))
            return false;
        if (flags > 2)
            return wrd_fail(r, "malformed data segment kind");
        if (flags == 1) {
            d->mode = WMOD_SEG_PASSIVE;
        } else {
            d->mode = WMOD_SEG_ACTIVE;
            d->memory = flags == 2 ? wrd_u32(r) : 0;
            wdec_expr(r, &d->offset);
        }
        d->len = wrd_len(r);
        d->data = wrd_bytes(r, d->len);
    }
    return wrd_ok(r);
}

/* One code entry: locals (count, type)* then the body. */
static bool code_entry(wasm_module_t *m, wrd_t *r, wmod_func_t *f)
{
    uint32_t size = wrd_len(r);
    if (!wrd_ok(r))
        return false;
    f->entry = (uint32_t)(r->p - m->bytes);
    wrd_t fr;
    wrd_init(&fr, r->p, r->p + size, WRD_EOS);
    r->p += size;

    uint32_t ngroups = wrd_count(&fr);
    const uint8_t *groups = fr.p;
    uint64_t total = 0;
    for (uint32_t g = 0; g < ngroups && wrd_ok(&fr); g++) {
        uint8_t rt, vt;
        total += wrd_u32(&fr);
        wdec_valtype(m, &fr, &rt, &vt);
        if (total > UINT32_MAX)
            return wrd_fail(r, "too many locals");
    }
    if (!wrd_ok(&fr))
        return wrd_fail(r, fr.err);
    if (total > WMOD_MAX_LOCALS)
        return wrd_fail(r, "too many locals");
    f->nlocals = (uint32_t)total;
    if (total && !(f->local_types = wasm_rt_alloc((size_t)total)))
        return wrd_fail(r, "out of memory");
    /* second pass over the (already checked) groups fills the types: the
     * validator's codes apart only when some differ from the runtime bytes */
    bool same = true;
    for (int pass = 0; pass < 2; pass++) {
        wrd_t gr;
        wrd_init(&gr, groups, fr.p, WRD_EOS);
        uint32_t k = 0;
        for (uint32_t g = 0; g < ngroups; g++) {
            uint32_t c = wrd_u32(&gr);
            uint8_t rt, vt;
            wdec_valtype(m, &gr, &rt, &vt);
            same &= rt == vt;
            if (c)
                memset((pass ? f->local_vt : f->local_types) + k, pass ? vt : rt, c);
            k += c;
        }
        if (same || pass) {
            if (same)
                f->local_vt = f->local_types;
            break;
        }
        if (!(f->local_vt = wasm_rt_alloc((size_t)total)))
            return wrd_fail(r, "out of memory");
    }
    f->body = fr.p;
    f->body_len = (uint32_t)wrd_left(&fr);
    return true;
}

bool wdec_sec_code(wasm_module_t *m, wrd_t *r, uint32_t ndefined)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r))
        return false;
    if (n != ndefined)
        return wrd_fail(r, "function and code section have inconsistent lengths");
    for (uint32_t i = 0; i < n && wrd_ok(r); i++)
        code_entry(m, r, &m->funcs[m->nimport_funcs + i]);
    return wrd_ok(r);
}
