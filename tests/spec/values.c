/*
 * values.c - spec test values: arguments and expected results in
 * wast2json's form (integers and float bit patterns as unsigned decimal
 * strings; "nan:canonical" / "nan:arithmetic"; references "null" or an
 * externref number). ref.extern N is the host value N + 1 (0 is null).
 * The 3.0 converter adds other reference types (a null of any, or any
 * non-null one: the kind is not checked) and "either" alternatives.
 */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

bool rn_is_v128(const json_t *v)
{
    const char *t = json_str(v, "type");
    return t && !strcmp(t, "v128");
}

/* A reference type as the converters name them: funcref, externref, and
 * from tests/spec3/wast2json.mjs anyref, eqref, i31ref, nullref, ... */
static bool is_ref(const char *t)
{
    size_t n = strlen(t);
    return n > 3 && !strcmp(t + n - 3, "ref");
}

bool rn_parse_arg(const json_t *v, wasm_val_t *out, char *why, size_t whylen)
{
    const char *t = json_str(v, "type"), *val = json_str(v, "value");
    out->raw = 0;
    if (t && val && is_ref(t) && strcmp(val, "null") && strcmp(t, "externref")) {
        snprintf(why, whylen, "%s argument %s", t, val);
        return false;
    }
    if (!t || !val) {
        snprintf(why, whylen, "argument without type/value");
        return false;
    }
    if (!strcmp(t, "i32") || !strcmp(t, "f32")) {
        out->i32 = (uint32_t)strtoull(val, NULL, 10);
    } else if (!strcmp(t, "i64") || !strcmp(t, "f64")) {
        out->i64 = strtoull(val, NULL, 10);
    } else if (is_ref(t)) {
        if (strcmp(val, "null") == 0)
            out->ref = 0;       /* a null of any heap type */
        else if (!strcmp(t, "externref"))
            out->ref = strtoull(val, NULL, 10) + 1;
        else {
            snprintf(why, whylen, "funcref argument %s", val);
            return false;
        }
    } else {
        snprintf(why, whylen, "unsupported argument type %s", t);
        return false;
    }
    return true;
}

bool rn_match(const json_t *exp, wasm_val_t got, char *why, size_t whylen)
{
    const char *t = json_str(exp, "type"), *val = json_str(exp, "value");
    if (!t) {
        snprintf(why, whylen, "expected value without type");
        return false;
    }
    if (!strcmp(t, "i32") || !strcmp(t, "f32")) {
        uint32_t g = got.i32;
        bool ok;
        if (val && !strcmp(val, "nan:canonical"))
            ok = (g & 0x7fffffffu) == 0x7fc00000u;
        else if (val && !strcmp(val, "nan:arithmetic"))
            ok = (g & 0x7fc00000u) == 0x7fc00000u;
        else
            ok = val && g == (uint32_t)strtoull(val, NULL, 10);
        if (!ok)
            snprintf(why, whylen, "%s: got %" PRIu32 " (0x%08" PRIx32 "), expected %s", t, g, g,
                     val ? val : "?");
        return ok;
    }
    if (!strcmp(t, "i64") || !strcmp(t, "f64")) {
        uint64_t g = got.i64;
        bool ok;
        if (val && !strcmp(val, "nan:canonical"))
            ok = (g & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
        else if (val && !strcmp(val, "nan:arithmetic"))
            ok = (g & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
        else
            ok = val && g == strtoull(val, NULL, 10);
        if (!ok)
            snprintf(why, whylen, "%s: got %" PRIu64 " (0x%016" PRIx64 "), expected %s", t, g, g,
                     val ? val : "?");
        return ok;
    }
    if (!strcmp(t, "either")) {         /* one of the alternatives */
        const json_t *alts = json_get(exp, "values");
        for (size_t i = 0; alts && i < alts->n; i++)
            if (rn_match(alts->items[i], got, why, whylen))
                return true;
        snprintf(why, whylen, "got 0x%" PRIx64 ", none of the alternatives", got.i64);
        return false;
    }
    if (is_ref(t)) {
        bool ok;
        if (!val)
            ok = got.ref != 0;          /* (ref.extern), (ref.func), ...: any non-null */
        else if (!strcmp(val, "null"))
            ok = got.ref == 0;
        else if (!strcmp(t, "externref"))
            ok = got.ref == strtoull(val, NULL, 10) + 1;
        else
            ok = false;
        if (!ok)
            snprintf(why, whylen, "%s: got 0x%" PRIx64 ", expected %s", t, got.ref,
                     val ? val : "non-null");
        return ok;
    }
    snprintf(why, whylen, "unsupported result type %s", t);
    return false;
}
