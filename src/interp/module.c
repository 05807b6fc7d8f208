/*
 * module.c - the module half of the embedding API (wasm.h): create a module
 * from bytes (copy, decode, validate), free it, and describe its imports
 * and exports.
 */
#include "interp/decode.h"

wasm_module_t *wasm_module_new(const uint8_t *bytes, size_t len, char *err, size_t errlen)
{
    return wasm_module_new_features(bytes, len, WASM_FEATURES_ALL, err, errlen);
}

wasm_module_t *wasm_module_new_features(const uint8_t *bytes, size_t len, uint32_t features,
                                        char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = 0;
    if (!bytes && len) {
        wmod_err(err, errlen, "unexpected end", false, 0);
        return NULL;
    }
    if (len > UINT32_MAX) {
        wmod_err(err, errlen, "module too large", false, 0);
        return NULL;
    }
    wasm_module_t *m = wasm_rt_alloc(sizeof *m);
    if (!m) {
        wmod_err(err, errlen, "out of memory", false, 0);
        return NULL;
    }
    m->bytes = wasm_rt_alloc(len ? len : 1);
    if (!m->bytes) {
        wasm_rt_free(m);
        wmod_err(err, errlen, "out of memory", false, 0);
        return NULL;
    }
    if (len)
        memcpy(m->bytes, bytes, len);
    m->len = len;
    m->features = features;
    if (!wmod_decode(m, err, errlen) || !wmod_validate_module(m, err, errlen) ||
        !wmod_validate_funcs(m, err, errlen))
        goto fail;
    return m;
fail:
    wasm_module_free(m);
    return NULL;
}

void wmod_release(wasm_module_t *m)
{
    for (uint32_t i = 0; i < m->ntypes; i++) {
        if (m->types[i].vt != m->types[i].types)
            wasm_rt_free(m->types[i].vt);
        wasm_rt_free(m->types[i].types);
        wasm_rt_free(m->types[i].ft);
    }
    for (uint32_t i = 0; i < m->nimports; i++) {
        wasm_rt_free(m->imports[i].module);
        wasm_rt_free(m->imports[i].name);
    }
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        if (m->funcs[i].local_vt != m->funcs[i].local_types)
            wasm_rt_free(m->funcs[i].local_vt);
        wasm_rt_free(m->funcs[i].local_types);
    }
    for (uint32_t i = 0; i < m->nexports; i++)
        wasm_rt_free(m->exports[i].name);
    for (uint32_t i = 0; i < m->nelems; i++) {
        wasm_rt_free(m->elems[i].funcs);
        wasm_rt_free(m->elems[i].exprs);
    }
    wasm_rt_free(m->types);
    wasm_rt_free(m->imports);
    wasm_rt_free(m->funcs);
    wasm_rt_free(m->tables);
    wasm_rt_free(m->mems);
    wasm_rt_free(m->globals);
    wasm_rt_free(m->tags);
    wasm_rt_free(m->exports);
    wasm_rt_free(m->elems);
    wasm_rt_free(m->datas);
    wasm_rt_free(m->declared);
    wasm_rt_free(m->bytes);
}

void wasm_module_free(wasm_module_t *m)
{
    if (!m)
        return;
    if (m->compiled)
        wcomp_free(m->compiled);
    wmod_release(m);
    wasm_rt_free(m);
}

uint32_t wasm_module_import_count(const wasm_module_t *m)
{
    return m->nimports;
}

void wasm_module_import(const wasm_module_t *m, uint32_t i, wasm_importdesc_t *out)
{
    memset(out, 0, sizeof *out);
    if (i >= m->nimports)
        return;
    const wmod_import_t *im = &m->imports[i];
    out->module = im->module;
    out->name = im->name;
    out->kind = im->kind;
    switch (im->kind) {
    case WASM_EXTERN_FUNC:
    case WASM_EXTERN_TAG: {
        const wmod_type_t *t = &m->types[im->kind == WASM_EXTERN_TAG ? m->tags[im->index].type
                                                                       : im->index];
        out->func.nparams = t->nparams;
        out->func.nresults = t->nresults;
        out->func.params = t->types;
        out->func.results = t->types + t->nparams;
        break;
    }
    case WASM_EXTERN_TABLE:
        out->reftype = m->tables[im->index].reftype;
        out->limits = m->tables[im->index].limits;
        break;
    case WASM_EXTERN_MEMORY:
        out->limits = m->mems[im->index].limits;
        break;
    case WASM_EXTERN_GLOBAL:
        out->valtype = m->globals[im->index].valtype;
        out->mut = m->globals[im->index].mut;
        break;
    }
}

uint32_t wasm_module_export_count(const wasm_module_t *m)
{
    return m->nexports;
}

const char *wasm_module_export(const wasm_module_t *m, uint32_t i, wasm_externkind_t *kind)
{
    if (i >= m->nexports)
        return NULL;
    if (kind)
        *kind = m->exports[i].kind;
    return m->exports[i].name;
}
