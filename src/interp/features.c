/*
 * features.c - the names of the optional features (wasm.h WASM_FEATURE_*),
 * as jwasm's --enable/--disable and a task's `features:` directive spell
 * them, and the validator's check that a module uses only enabled ones.
 */
#include "interp/decode.h"

static const char *const k_names[WASM_FEATURE_COUNT] = {
    "simd", "tail-call", "extended-const", "multi-memory", "memory64",
    "exceptions", "function-references", "gc", "relaxed-simd",
};

/* "feature NAME disabled" for each bit: static texts (errors are static). */
static const char *const k_disabled[WASM_FEATURE_COUNT] = {
    "feature simd disabled", "feature tail-call disabled",
    "feature extended-const disabled", "feature multi-memory disabled",
    "feature memory64 disabled", "feature exceptions disabled",
    "feature function-references disabled", "feature gc disabled",
    "feature relaxed-simd disabled",
};

const char *wasm_feature_name(unsigned i)
{
    return i < WASM_FEATURE_COUNT ? k_names[i] : "?";
}

uint32_t wasm_feature_by_name(const char *name)
{
    for (unsigned i = 0; i < WASM_FEATURE_COUNT; i++) {
        const char *a = k_names[i], *b = name;
        while (*a && *a == *b)
            a++, b++;
        if (!*a && !*b)
            return 1u << i;
    }
    return 0;
}

const char *wmod_feature_off(const wasm_module_t *m, uint32_t feature)
{
    if (m->features & feature)
        return NULL;
    for (unsigned i = 0; i < WASM_FEATURE_COUNT; i++)
        if (feature == 1u << i)
            return k_disabled[i];
    return "feature disabled";
}
