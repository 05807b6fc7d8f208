/*
 * fallback.c - TEMPORARY weak stand-ins for the execution half of wasm.h
 * (instances, exec, runtime objects), linked from a trailing archive so
 * that the runner links before the executor exists. Each fails ("not
 * implemented"), so every command that needs execution is counted as a
 * FAILURE. The linker takes them only for symbols libinterp.a does not
 * define; remove this file once the executor is complete.
 */
#include "wasm.h"

#define WEAK __attribute__((weak))

WEAK wasm_instance_t *wasm_instantiate(const wasm_module_t *m, const wasm_extern_t *imports,
                                       uint32_t nimports, const wasm_config_t *cfg,
                                       void *host_ctx, wasm_exec_t *exec, wasm_trap_t *trap,
                                       char *err, size_t errlen)
{
    (void)m; (void)imports; (void)nimports; (void)cfg; (void)host_ctx; (void)exec;
    *trap = WASM_TRAP_NONE;
    const char *msg = "not implemented: wasm_instantiate";
    size_t i = 0;
    for (; msg[i] && i + 1 < errlen; i++)
        err[i] = msg[i];
    if (errlen)
        err[i] = 0;
    return NULL;
}
WEAK void wasm_instance_free(wasm_instance_t *inst) { (void)inst; }
WEAK bool wasm_instance_export(const wasm_instance_t *inst, const char *name, wasm_extern_t *out)
{ (void)inst; (void)name; (void)out; return false; }
WEAK const char *wasm_trap_message(wasm_trap_t t) { (void)t; return "not implemented"; }
WEAK wasm_exec_t *wasm_exec_new(size_t stack_bytes, uint32_t max_depth)
{ (void)stack_bytes; (void)max_depth; return NULL; }
WEAK void wasm_exec_free(wasm_exec_t *ex) { (void)ex; }
WEAK wasm_status_t wasm_exec_call(wasm_exec_t *ex, wasm_func_t *f, const wasm_val_t *args,
                                  uint32_t nargs)
{ (void)ex; (void)f; (void)args; (void)nargs; return WASM_TRAPPED; }
WEAK const wasm_val_t *wasm_exec_results(const wasm_exec_t *ex, uint32_t *n)
{ (void)ex; *n = 0; return NULL; }
WEAK wasm_trap_t wasm_exec_trap(const wasm_exec_t *ex) { (void)ex; return WASM_TRAP_HOST; }
WEAK wasm_val_t wasm_global_get(const wasm_global_t *g)
{ (void)g; wasm_val_t v; v.raw = 0; return v; }
WEAK const wasm_functype_t *wasm_func_type(const wasm_func_t *f) { (void)f; return NULL; }
WEAK wasm_func_t *wasm_func_new_host(const wasm_functype_t *type, wasm_host_fn_t fn, void *env)
{ (void)type; (void)fn; (void)env; return NULL; }
WEAK void wasm_func_free(wasm_func_t *f) { (void)f; }
WEAK wasm_global_t *wasm_global_new(uint8_t valtype, bool mut, wasm_val_t init)
{ (void)valtype; (void)mut; (void)init; return NULL; }
WEAK void wasm_global_free(wasm_global_t *g) { (void)g; }
WEAK wasm_table_t *wasm_table_new(uint8_t reftype, wasm_limits_t limits, wasm_ref_t init)
{ (void)reftype; (void)limits; (void)init; return NULL; }
WEAK void wasm_table_free(wasm_table_t *t) { (void)t; }
WEAK wasm_memory_t *wasm_memory_new(wasm_limits_t limits) { (void)limits; return NULL; }
WEAK void wasm_memory_free(wasm_memory_t *mem) { (void)mem; }
