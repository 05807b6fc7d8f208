/*
 * link.c - the runner's store: instances (named or not), registrations
 * (`register "name"`), import resolution against spectest and registered
 * instances, and module file loading.
 */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned char *rn_read_file(const rn_t *rn, const char *filename, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", rn->dir, filename);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf && n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n > 0 ? (size_t)n : 0;
    return buf;
}

wasm_module_t *rn_module_new(const rn_t *rn, const unsigned char *bytes, size_t len, char *err,
                             size_t errlen)
{
    return wasm_module_new_features(bytes, len, rn->wasm3 ? WASM_FEATURES_ALL : WASM_FEATURES_2_0,
                                    err, errlen);
}

static wasm_instance_t *registered(const rn_t *rn, const char *as)
{
    for (size_t i = rn->nregs; i-- > 0;)
        if (!strcmp(rn->regs[i].as, as))
            return rn->insts[rn->regs[i].idx].inst;
    return NULL;
}

wasm_instance_t *rn_instantiate(rn_t *rn, const wasm_module_t *m, wasm_trap_t *trap,
                                char *err, size_t errlen)
{
    uint32_t n = wasm_module_import_count(m);
    wasm_extern_t *ext = calloc(n ? n : 1, sizeof *ext);
    *trap = WASM_TRAP_NONE;
    /* the module is ours (the runner made it): compiling lazily is a
     * property it may be given before its first instantiation */
    if (rn->lazy && !wasm_module_compile_lazy((wasm_module_t *)m, err, errlen)) {
        free(ext);
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++) {
        wasm_importdesc_t d;
        wasm_module_import(m, i, &d);
        bool found;
        if (!strcmp(d.module, "spectest")) {
            found = spectest_lookup(rn->spectest, d.name, &ext[i]);
        } else {
            wasm_instance_t *from = registered(rn, d.module);
            found = from && wasm_instance_export(from, d.name, &ext[i]);
        }
        if (!found) {
            snprintf(err, errlen, "unknown import %s.%s", d.module, d.name);
            free(ext);
            return NULL;
        }
    }
    wasm_instance_t *inst = wasm_instantiate(m, ext, n, NULL, NULL, rn->exec, trap, err, errlen);
    free(ext);
    return inst;
}

void rn_add_instance(rn_t *rn, const char *name, wasm_module_t *m, wasm_instance_t *inst)
{
    if (rn->ninsts == rn->capinsts) {
        rn->capinsts = rn->capinsts ? rn->capinsts * 2 : 16;
        rn->insts = realloc(rn->insts, rn->capinsts * sizeof *rn->insts);
    }
    rn_inst_t *e = &rn->insts[rn->ninsts++];
    e->name = name ? strdup(name) : NULL;
    e->mod = m;
    e->inst = inst;
}

wasm_instance_t *rn_find_instance(const rn_t *rn, const char *name)
{
    if (!name)
        return rn->cur >= 0 ? rn->insts[rn->cur].inst : NULL;
    for (size_t i = rn->ninsts; i-- > 0;)
        if (rn->insts[i].name && !strcmp(rn->insts[i].name, name))
            return rn->insts[i].inst;
    return NULL;
}

bool rn_register(rn_t *rn, const char *as, const char *name)
{
    long idx = -1;
    if (!name) {
        idx = rn->cur;
    } else {
        for (size_t i = rn->ninsts; i-- > 0 && idx < 0;)
            if (rn->insts[i].name && !strcmp(rn->insts[i].name, name))
                idx = (long)i;
    }
    if (idx < 0 || !rn->insts[idx].inst)
        return false;
    if (rn->nregs == rn->capregs) {
        rn->capregs = rn->capregs ? rn->capregs * 2 : 8;
        rn->regs = realloc(rn->regs, rn->capregs * sizeof *rn->regs);
    }
    rn->regs[rn->nregs].as = strdup(as);
    rn->regs[rn->nregs++].idx = (size_t)idx;
    return true;
}

void rn_free_all(rn_t *rn)
{
    /* later instances may import from earlier ones: free in reverse */
    for (size_t i = rn->ninsts; i-- > 0;) {
        if (rn->insts[i].inst)
            wasm_instance_free(rn->insts[i].inst);
        wasm_module_free(rn->insts[i].mod);
        free(rn->insts[i].name);
    }
    for (size_t i = 0; i < rn->nregs; i++)
        free(rn->regs[i].as);
    free(rn->insts);
    free(rn->regs);
    rn->insts = NULL;
    rn->regs = NULL;
    rn->ninsts = rn->nregs = 0;
}
