/*
 * validate_module.c - module-level validation (spec 3.4): every index a
 * section names exists, limits are in range, constant expressions are
 * constant and well typed, exports are unique, the start function has type
 * [] -> []. Also computes `declared` (spec C.refs), which the function
 * body validator needs for ref.func.
 */
#include "interp/decode.h"
#include "interp/types.h"

#define FAIL(msg) return wmod_err(err, errlen, msg, false, 0)
#define FAILX(msg, x) return wmod_err(err, errlen, msg, true, x)

static bool check_limits(const wasm_limits_t *l, uint64_t bound, const char *range_msg,
                         char *err, size_t errlen)
{
    if (l->min > bound || (l->has_max && l->max > bound))
        FAIL(range_msg);
    if (l->has_max && l->min > l->max)
        FAIL("size minimum must not be greater than maximum");
    return true;
}

/* Mark function indices used by ref.func in a constant expression. */
static void mark_refs(wasm_module_t *m, const wmod_expr_t *e)
{
    /* Only ref.func x followed by end is a well-typed funcref expression
     * that names a function; other shapes name none. */
    if (e->len >= 2 && e->code[0] == 0xd2) {
        wrd_t r;
        wrd_init(&r, e->code + 1, e->code + e->len, WRD_EOS);
        uint32_t x = wrd_u32(&r);
        if (wrd_ok(&r) && x < m->nfuncs)
            m->declared[x] = 1;
    }
}

static bool compute_declared(wasm_module_t *m, char *err, size_t errlen)
{
    if (!(m->declared = wasm_rt_alloc(m->nfuncs ? m->nfuncs : 1)))
        FAIL("out of memory");
    for (uint32_t i = m->nimport_globals; i < m->nglobals; i++)
        mark_refs(m, &m->globals[i].init);
    for (uint32_t i = 0; i < m->nexports; i++)
        if (m->exports[i].kind == WASM_EXTERN_FUNC && m->exports[i].index < m->nfuncs)
            m->declared[m->exports[i].index] = 1;
    for (uint32_t i = 0; i < m->nelems; i++) {
        const wmod_elem_t *e = &m->elems[i];
        for (uint32_t k = 0; k < e->count; k++) {
            if (e->funcs && e->funcs[k] < m->nfuncs)
                m->declared[e->funcs[k]] = 1;
            else if (e->exprs)
                mark_refs(m, &e->exprs[k]);
        }
    }
    return true;
}

static bool names_equal(const wmod_export_t *a, const wmod_export_t *b)
{
    return a->name_len == b->name_len && memcmp(a->name, b->name, a->name_len) == 0;
}

/* Exports: index in range, names unique (an FNV-1a hash table keeps this
 * linear on average, with no recursion). */
static bool check_exports(const wasm_module_t *m, char *err, size_t errlen)
{
    static const char *const unknown[5] = {
        "unknown function", "unknown table", "unknown memory", "unknown global", "unknown tag",
    };
    const uint32_t space[5] = { m->nfuncs, m->ntables, m->nmems, m->nglobals, m->ntags };
    for (uint32_t i = 0; i < m->nexports; i++) {
        const wmod_export_t *e = &m->exports[i];
        if (e->index >= space[e->kind])
            FAILX(unknown[e->kind], e->index);
    }
    if (m->nexports < 2)
        return true;
    /* open-addressing hash table of export indices, 2x the count */
    uint32_t cap = 1;
    while (cap < 2 * m->nexports)
        cap <<= 1;
    uint32_t *slot = wasm_rt_alloc((size_t)cap * sizeof *slot);
    if (!slot)
        FAIL("out of memory");
    bool ok = true;
    for (uint32_t i = 0; i < m->nexports && ok; i++) {
        uint32_t h = 2166136261u;
        for (uint32_t k = 0; k < m->exports[i].name_len; k++)
            h = (h ^ (uint8_t)m->exports[i].name[k]) * 16777619u;
        for (uint32_t j = h & (cap - 1);; j = (j + 1) & (cap - 1)) {
            if (!slot[j]) {
                slot[j] = i + 1;
                break;
            }
            if (names_equal(&m->exports[slot[j] - 1], &m->exports[i])) {
                ok = false;
                break;
            }
        }
    }
    wasm_rt_free(slot);
    if (!ok)
        FAIL("duplicate export name");
    return true;
}

static bool check_elems(const wasm_module_t *m, char *err, size_t errlen)
{
    for (uint32_t i = 0; i < m->nelems; i++) {
        const wmod_elem_t *e = &m->elems[i];
        if (e->mode == WMOD_SEG_ACTIVE) {
            if (e->table >= m->ntables)
                FAILX("unknown table", e->table);
            if (!wmod_validate_const(m, &e->offset, wmod_table_at(m, e->table),
                                     wmod_const_globals(m, m->nglobals), err, errlen))
                return false;
            if (!wvt_sub(m, e->vt, m->tables[e->table].vt))
                FAIL("type mismatch");
        }
        for (uint32_t k = 0; k < e->count; k++) {
            if (e->funcs && e->funcs[k] >= m->nfuncs)
                FAILX("unknown function", e->funcs[k]);
            if (e->exprs && !wmod_validate_const(m, &e->exprs[k], e->vt, wmod_const_globals(m, m->nglobals),
                                                 err, errlen))
                return false;
        }
    }
    return true;
}

/* Without the simd feature no type, global or local may be a v128 (the
 * validator rejects the 0xFD instructions: validate_simd.c). */
static bool has_v128(const uint8_t *types, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (types[i] == WASM_V128)
            return true;
    return false;
}

static bool uses_v128(const wasm_module_t *m)
{
    for (uint32_t i = 0; i < m->ntypes; i++)
        if (has_v128(m->types[i].types, m->types[i].nparams + m->types[i].nresults))
            return true;
    for (uint32_t i = 0; i < m->nglobals; i++)
        if (m->globals[i].valtype == WASM_V128)
            return true;
    for (uint32_t i = m->nimport_funcs; i < m->nfuncs; i++)
        if (has_v128(m->funcs[i].local_types, m->funcs[i].nlocals))
            return true;
    return false;
}

bool wmod_validate_module(wasm_module_t *m, char *err, size_t errlen)
{
    if (wmod_feature_off(m, WASM_FEATURE_SIMD) && uses_v128(m))
        FAIL(wmod_feature_off(m, WASM_FEATURE_SIMD));
    for (uint32_t i = 0; i < m->nfuncs; i++)
        if (m->funcs[i].type >= m->ntypes)
            FAILX("unknown type", m->funcs[i].type);
    for (uint32_t i = 0; i < m->ntags; i++) {
        if (m->tags[i].type >= m->ntypes)
            FAILX("unknown type", m->tags[i].type);
        if (m->types[m->tags[i].type].nresults)
            FAIL("non-empty tag result type");
    }
    for (uint32_t i = 0; i < m->ntables; i++) {
        const wmod_table_t *t = &m->tables[i];
        if (!check_limits(&t->limits, t->limits.is64 ? UINT64_MAX : UINT32_MAX, "table size", err, errlen))
            return false;
        /* a table of non-null references needs an initialiser */
        if (!t->imported && !t->has_init && !wvt_defaultable(m, t->vt))
            FAIL("type mismatch");
        if (t->has_init && !wmod_validate_const(m, &t->init, t->vt,
                                                wmod_const_globals(m, m->nimport_globals), err, errlen))
            return false;
    }
    if (m->nmems > 1 && wmod_feature_off(m, WASM_FEATURE_MULTI_MEMORY))
        FAIL(wmod_feature_off(m, WASM_FEATURE_MULTI_MEMORY));   /* 2.0: "multiple memories" */
    for (uint32_t i = 0; i < m->nmems; i++)
        if (!check_limits(&m->mems[i].limits, m->mems[i].limits.is64 ? WMOD_MAX_PAGES64 : WMOD_MAX_PAGES,
                          m->mems[i].limits.is64 ? "memory size must be at most 2^48 pages"
                                                 : "memory size must be at most 65536 pages (4GiB)",
                          err, errlen))
            return false;
    for (uint32_t i = m->nimport_globals; i < m->nglobals; i++)
        if (!wmod_validate_const(m, &m->globals[i].init, m->globals[i].vt,
                                 wmod_const_globals(m, i), err, errlen))
            return false;
    if (!check_exports(m, err, errlen))
        return false;
    if (m->has_start) {
        if (m->start >= m->nfuncs)
            FAILX("unknown function", m->start);
        const wmod_type_t *t = wmod_functype(m, m->start);
        if (t->nparams || t->nresults)
            FAIL("start function");
    }
    if (!check_elems(m, err, errlen))
        return false;
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const wmod_data_t *d = &m->datas[i];
        if (d->mode != WMOD_SEG_ACTIVE)
            continue;
        if (d->memory >= m->nmems)
            FAILX("unknown memory", d->memory);
        if (!wmod_validate_const(m, &d->offset, wmod_mem_at(m, d->memory),
                                 wmod_const_globals(m, m->nglobals), err, errlen))
            return false;
    }
    return compute_declared(m, err, errlen);
}
