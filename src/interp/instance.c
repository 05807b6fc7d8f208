/*
 * instance.c - instantiation (spec 4.5.4) and instance teardown and export
 * lookup.
 *
 * Order: check the arguments and every import's type, compile the module
 * (once, cached), allocate the index spaces, create the functions, tables
 * and memories it defines, initialise globals in order, evaluate element
 * segments, then apply active element and data segments and run the start
 * function. A trap in the last two steps fails instantiation with *trap
 * set; earlier effects on imported objects stay (Wasm 2.0). Once this
 * instance's functions may be referenced from an imported table, a failed
 * instance is not freed (those references must stay callable): the module
 * keeps it and frees it with its compiled code.
 *
 * Publishing (wasm_instantiate_slot): the instance goes into the caller's
 * slot as soon as it is allocated, and so does every block after it, into
 * the instance or into one of its objects (WRT_ALLOC_INTO), so that
 * wasm_instance_free(*slot) frees exactly what exists at any point of the
 * call (an embedder may inspect or free it from a host function the start
 * function calls, or after a failure). Sizes and counts are set together
 * with the block they describe; everything else starts zeroed, and
 * wasm_instance_free skips what is still NULL.
 */
#include "interp/rtobj.h"
#include "interp/code.h"

/* Fail: clear the slot and free what it holds. */
static wasm_instance_t *fail(wasm_instance_t **slot, char *err, size_t errlen, const char *msg)
{
    wp_strcpy(err, errlen, msg);
    wasm_instance_t *inst = *slot;
    *slot = NULL;
    wasm_instance_free(inst);
    return NULL;
}

/* Allocate the instance into *slot, then its index-space arrays. */
static wasm_instance_t *alloc_instance(const wasm_module_t *m, wasm_instance_t **slot)
{
    wasm_instance_t *inst = *slot = wasm_rt_alloc(sizeof *inst);
    if (inst)
        inst->module = m;    /* wasm_instance_free reads it */
    if (!inst)
        return NULL;
    uint32_t nown_f = m->nfuncs - m->nimport_funcs;
    uint32_t nown_g = m->nglobals - m->nimport_globals;
    uint32_t nown_t = m->ntags - m->nimport_tags;
    /* +1: never ask for 0 bytes */
    WRT_ALLOC_INTO(inst->funcs, ((size_t)m->nfuncs + 1) * sizeof(wasm_func_t *));
    WRT_ALLOC_INTO(inst->own_funcs, ((size_t)nown_f + 1) * sizeof(wasm_func_t));
    WRT_ALLOC_INTO(inst->tables, ((size_t)m->ntables + 1) * sizeof(wasm_table_t *));
    WRT_ALLOC_INTO(inst->mems, ((size_t)m->nmems + 1) * sizeof(wasm_memory_t *));
    WRT_ALLOC_INTO(inst->globals, ((size_t)m->nglobals + 1) * sizeof(wasm_global_t *));
    WRT_ALLOC_INTO(inst->own_globals, ((size_t)nown_g + 1) * sizeof(wasm_global_t));
    WRT_ALLOC_INTO(inst->tags, ((size_t)m->ntags + 1) * sizeof(wasm_tag_t *));
    WRT_ALLOC_INTO(inst->own_tags, ((size_t)nown_t + 1) * sizeof(wasm_tag_t));
    WRT_ALLOC_INTO(inst->elem_refs, ((size_t)m->nelems + 1) * sizeof(wasm_ref_t *));
    WRT_ALLOC_INTO(inst->elem_len, ((size_t)m->nelems + 1) * sizeof(uint32_t));
    WRT_ALLOC_INTO(inst->data_len, ((size_t)m->ndatas + 1) * sizeof(uint32_t));
    if (!inst->funcs || !inst->own_funcs || !inst->tables || !inst->mems || !inst->globals ||
        !inst->own_globals || !inst->tags || !inst->own_tags || !inst->elem_refs || !inst->elem_len || !inst->data_len)
        return NULL;
    return inst;
}

/* Element segment i's references. false on allocation failure. */
static bool eval_elems(wasm_instance_t *inst, uint32_t i)
{
    const wmod_elem_t *s = &inst->module->elems[i];
    if (s->mode == WMOD_SEG_DECLARATIVE || s->count == 0)
        return true; /* declarative segments start dropped */
    WRT_ALLOC_INTO(inst->elem_refs[i], (size_t)s->count * sizeof(wasm_ref_t));
    wasm_ref_t *r = inst->elem_refs[i];
    if (!r)
        return false;
    for (uint32_t k = 0; k < s->count; k++)
        r[k] = s->funcs ? (wasm_ref_t)(uintptr_t)inst->funcs[s->funcs[k]]
                        : winst_const(inst, &s->exprs[k]).ref;
    inst->elem_len[i] = s->count;
    return true;
}

/* Run the start function on ex (or a temporary exec). */
static wasm_trap_t run_start(wasm_instance_t *inst, const wasm_config_t *cfg, wasm_exec_t *ex)
{
    wasm_exec_t *tmp = NULL;
    if (!ex) {
        tmp = ex = wasm_exec_new(0, cfg ? cfg->max_call_depth : 0);
        if (!ex)
            return WASM_TRAP_OUT_OF_MEMORY;
    }
    wasm_status_t st = wasm_exec_call(ex, inst->funcs[inst->module->start], NULL, 0);
    /* Instantiation cannot be suspended: a yield request only pauses. */
    while (st == WASM_SUSPENDED)
        st = wasm_exec_resume(ex);
    wasm_trap_t t = st == WASM_OK ? WASM_TRAP_NONE : wasm_exec_trap(ex);
    /* exceptions of a temporary exec live with it: kept with the
     * instance in case its globals or tables hold one (exec_exn.c) */
    if (tmp && tmp->nexns)
        inst->start_exec = tmp;
    else
        wasm_exec_free(tmp);
    return t;
}

bool wasm_module_compile(wasm_module_t *m, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = 0;
    if (!m) {
        wp_strcpy(err, errlen, "no module");
        return false;
    }
    return wcomp_module(m, false, err, errlen);
}

bool wasm_module_compile_lazy(wasm_module_t *m, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = 0;
    if (!m) {
        wp_strcpy(err, errlen, "no module");
        return false;
    }
    return wcomp_module(m, true, err, errlen);
}

wasm_instance_t *wasm_instantiate(const wasm_module_t *m,
                                  const wasm_extern_t *imports, uint32_t nimports,
                                  const wasm_config_t *cfg, void *host_ctx,
                                  wasm_exec_t *exec, wasm_trap_t *trap,
                                  char *err, size_t errlen)
{
    wasm_instance_t *slot = NULL;
    return wasm_instantiate_slot(&slot, m, imports, nimports, cfg, host_ctx, exec, trap,
                                 err, errlen);
}

wasm_instance_t *wasm_instantiate_slot(wasm_instance_t **slot, const wasm_module_t *m,
                                       const wasm_extern_t *imports, uint32_t nimports,
                                       const wasm_config_t *cfg, void *host_ctx,
                                       wasm_exec_t *exec, wasm_trap_t *trap,
                                       char *err, size_t errlen)
{
    wasm_trap_t dummy;
    if (!trap)
        trap = &dummy;
    *trap = WASM_TRAP_NONE;
    if (err && errlen)
        err[0] = 0;
    if (!slot || *slot) {
        wp_strcpy(err, errlen, "the instance slot is not empty");
        return NULL;
    }
    if (!m)
        return fail(slot, err, errlen, "no module");
    if (nimports != m->nimports || (nimports && !imports))
        return fail(slot, err, errlen, "wrong number of imports");
    for (uint32_t i = 0; i < nimports; i++)
        if (!winst_import_ok(m, i, &imports[i]))
            return fail(slot, err, errlen, "incompatible import type");
    /* The compiled code is a cache owned by the module: the one place the
     * const module is written. */
    if (!m->compiled && !wcomp_module((wasm_module_t *)m, false, err, errlen))
        return NULL;
    const wcode_module_t *cm = m->compiled;

    wasm_instance_t *inst = alloc_instance(m, slot);
    if (!inst)
        return fail(slot, err, errlen, "out of memory");
    inst->host_ctx = host_ctx;
    inst->max_call_depth = cfg ? cfg->max_call_depth : 0;
    uint32_t nf = 0, nt = 0, nm = 0, ng = 0, ntg = 0;
    for (uint32_t i = 0; i < nimports; i++) {
        switch (imports[i].kind) {
        case WASM_EXTERN_FUNC: inst->funcs[nf++] = imports[i].u.func; break;
        case WASM_EXTERN_TABLE: inst->tables[nt++] = imports[i].u.table; break;
        case WASM_EXTERN_MEMORY: inst->mems[nm++] = imports[i].u.memory; break;
        case WASM_EXTERN_GLOBAL: inst->globals[ng++] = imports[i].u.global; break;
        case WASM_EXTERN_TAG: inst->tags[ntg++] = imports[i].u.tag; break;
        }
    }
    for (uint32_t i = m->nimport_tags; i < m->ntags; i++) {
        wasm_tag_t *tg = &inst->own_tags[i - m->nimport_tags];
        const wmod_type_t *t = &m->types[m->tags[i].type];
        tg->type = (wasm_functype_t){ t->nparams, 0, t->types, t->types + t->nparams };
        tg->mod = m;
        tg->typeidx = m->tags[i].type;
        inst->tags[i] = tg;
    }
    for (uint32_t i = m->nimport_funcs; i < m->nfuncs; i++) {
        wasm_func_t *f = &inst->own_funcs[i - m->nimport_funcs];
        const wmod_type_t *t = wmod_functype(m, i);
        f->type = (wasm_functype_t){ t->nparams, t->nresults, t->types, t->types + t->nparams };
        f->inst = inst;
        f->typeidx = m->funcs[i].type;
        f->code = &cm->fns[i - m->nimport_funcs];
        inst->funcs[i] = f;
    }
    uint32_t tcap = cfg && cfg->max_table_elems ? cfg->max_table_elems : WRT_DEFAULT_MAX_TABLE;
    for (uint32_t i = m->nimport_tables; i < m->ntables; i++)
    {
        if (!wrt_table_new(m->tables[i].reftype, m->tables[i].limits, 0, tcap, &inst->tables[i]))
            return fail(slot, err, errlen, m->tables[i].limits.min > tcap ?
                        "table size limit exceeded" : "out of memory");
        inst->tables[i]->vt = m->tables[i].vt;
        inst->tables[i]->mod = m;
    }
    uint32_t mcap = cfg && cfg->max_memory_pages ? cfg->max_memory_pages : WRT_MAX_PAGES;
    for (uint32_t i = m->nimport_mems; i < m->nmems; i++)
        if (!wrt_memory_new(m->mems[i].limits, mcap, &inst->mems[i]))
            return fail(slot, err, errlen, m->mems[i].limits.min > mcap ||
                        m->mems[i].limits.min > wrt_max_pages(m->mems[i].limits) ?
                        "memory size limit exceeded" : "out of memory");
    inst->mem0 = m->nmems ? inst->mems[0] : NULL;
    for (uint32_t i = m->nimport_globals; i < m->nglobals; i++) {
        wasm_global_t *g = &inst->own_globals[i - m->nimport_globals];
        g->valtype = m->globals[i].valtype;
        g->vt = m->globals[i].vt;
        g->mod = m;
        g->mut = m->globals[i].mut;
        g->val = winst_const2(inst, &m->globals[i].init, &g->hi);
        inst->globals[i] = g;
    }
    for (uint32_t i = m->nimport_tables; i < m->ntables; i++) {
        /* a table type's initialiser (typed references) */
        wasm_table_t *tb = inst->tables[i];
        if (!m->tables[i].has_init)
            continue;
        wasm_ref_t v = winst_const(inst, &m->tables[i].init).ref;
        for (uint32_t k = 0; k < tb->size; k++)
            tb->elems[k] = v;
    }
    for (uint32_t i = 0; i < m->nelems; i++)
        if (!eval_elems(inst, i))
            return fail(slot, err, errlen, "out of memory");
    for (uint32_t i = 0; i < m->ndatas; i++)
        inst->data_len[i] = m->datas[i].len;

    bool escaped = false;
    wasm_trap_t t = winst_segments(inst, &escaped);
    if (t == WASM_TRAP_NONE && m->has_start) {
        escaped = true; /* the start function may store references anywhere */
        t = run_start(inst, cfg, exec);
    }
    if (t != WASM_TRAP_NONE) {
        *trap = t;
        if (!escaped)
            return fail(slot, err, errlen, wasm_trap_message(t));
        wp_strcpy(err, errlen, wasm_trap_message(t));
        /* The module keeps it: from the slot to its orphans at once. */
        wcode_module_t *cmw = (wcode_module_t *)cm;
        inst->next_orphan = cmw->orphans;
        cmw->orphans = inst;
        *slot = NULL;
        return NULL;
    }
    return inst;
}

void wasm_instance_free(wasm_instance_t *inst)
{
    if (!inst)
        return;
    const wasm_module_t *m = inst->module;
    /* Its own tables and memories follow the imported ones; a slot not
     * reached yet is NULL. */
    if (inst->tables)
        for (uint32_t i = m->nimport_tables; i < m->ntables; i++)
            wasm_table_free(inst->tables[i]);
    if (inst->mems)
        for (uint32_t i = m->nimport_mems; i < m->nmems; i++)
            wasm_memory_free(inst->mems[i]);
    if (inst->elem_refs)
        for (uint32_t i = 0; i < m->nelems; i++)
            wasm_rt_free(inst->elem_refs[i]);
    wasm_rt_free(inst->funcs);
    wasm_rt_free(inst->own_funcs);
    wasm_rt_free(inst->tables);
    wasm_rt_free(inst->mems);
    wasm_rt_free(inst->globals);
    wasm_rt_free(inst->own_globals);
    wasm_rt_free(inst->tags);
    wasm_rt_free(inst->own_tags);
    wasm_rt_free(inst->elem_refs);
    wasm_rt_free(inst->elem_len);
    wasm_rt_free(inst->data_len);
    wasm_exec_free(inst->start_exec);
    wasm_rt_free(inst);
}

bool wasm_instance_export(const wasm_instance_t *inst, const char *name, wasm_extern_t *out)
{
    return wasm_instance_export_n(inst, name, wp_strlen(name), out);
}

bool wasm_instance_export_n(const wasm_instance_t *inst, const char *name, size_t len,
                            wasm_extern_t *out)
{
    const wasm_module_t *m = inst->module;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const wmod_export_t *e = &m->exports[i];
        if (e->name_len != len || memcmp(e->name, name, len) != 0)
            continue;
        out->kind = e->kind;
        switch (e->kind) {
        case WASM_EXTERN_FUNC: out->u.func = inst->funcs[e->index]; break;
        case WASM_EXTERN_TABLE: out->u.table = inst->tables[e->index]; break;
        case WASM_EXTERN_MEMORY: out->u.memory = inst->mems[e->index]; break;
        case WASM_EXTERN_GLOBAL: out->u.global = inst->globals[e->index]; break;
        case WASM_EXTERN_TAG: out->u.tag = inst->tags[e->index]; break;
        }
        return true;
    }
    return false;
}

void *wasm_instance_host_ctx(const wasm_instance_t *inst)
{
    return inst->host_ctx;
}

wasm_memory_t *wasm_instance_memory(const wasm_instance_t *inst)
{
    return inst->mem0;
}
