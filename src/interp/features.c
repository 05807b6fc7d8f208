/*
 * features.c - the names of the optional features (wasm.h WASM_FEATURE_*),
 * as jwasm's --enable/--disable and a task's `features:` directive spell
 * them (wasm_features_parse reads a directive's words), and the
 * validator's check that a module uses only enabled ones.
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

/* The bit of the name s[0..n), 0 if unknown. */
static uint32_t by_name(const char *s, size_t n)
{
    for (unsigned i = 0; i < WASM_FEATURE_COUNT; i++) {
        const char *a = k_names[i];
        size_t k = 0;
        while (k < n && a[k] && a[k] == s[k])
            k++;
        if (k == n && !a[k])
            return 1u << i;
    }
    return 0;
}

uint32_t wasm_feature_by_name(const char *name)
{
    size_t n = 0;
    while (name[n])
        n++;
    return by_name(name, n);
}

bool wasm_features_parse(const char *text, uint32_t *mask)
{
    uint32_t on = 0, off = 0;
    int words = 0;
    bool none = false;
    for (const char *p = text;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        size_t n = (size_t)(p - w);
        uint32_t bit = by_name(w + (*w == '-'), n - (*w == '-'));
        words++;
        if (n == 4 && w[0] == 'n' && w[1] == 'o' && w[2] == 'n' && w[3] == 'e')
            none = true;
        else if (!bit)
            return false;
        else if (*w == '-')
            off |= bit;
        else
            on |= bit;
    }
    if ((none && words > 1) || (on && off))
        return false;
    *mask = none ? 0 : on ? on : WASM_FEATURES_ALL & ~off;
    return true;
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
