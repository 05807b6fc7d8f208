/*
 * engines.h - two builds of the wasm engine in one process, for the
 * differential target: fz_engine_goto (computed-goto dispatch, -O2 but exec.c at
 * FUZZ_EXEC_OPT, see suite.mk) and
 * fz_engine_switch (-DWASM_DISPATCH_SWITCH, -O0, every symbol renamed
 * fzsw_* by tests/fuzz/suite.mk). Objects of one engine must never be
 * handed to the other.
 */
#ifndef JERICHO_FUZZ_ENGINES_H
#define JERICHO_FUZZ_ENGINES_H

#include "wasm.h"

/* X(name): every wasm.h function the differential target calls. */
#define FZ_ENGINE_FUNCS(X) \
    X(wasm_module_new) X(wasm_module_free) X(wasm_instantiate) X(wasm_instance_free) \
    X(wasm_instance_export) X(wasm_exec_new) X(wasm_exec_free) X(wasm_exec_set_fuel) \
    X(wasm_exec_call) X(wasm_exec_results) X(wasm_exec_trap) X(wasm_memory_data) \
    X(wasm_memory_size) X(wasm_global_get) X(wasm_func_type)

typedef struct {
    const char *name;
#define FZ_FIELD(f) __typeof__(f) *f;
    FZ_ENGINE_FUNCS(FZ_FIELD)
#undef FZ_FIELD
} fz_engine_t;

extern const fz_engine_t fz_engine_goto;
extern const fz_engine_t fz_engine_switch;

#endif
