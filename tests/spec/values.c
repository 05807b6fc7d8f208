/*
 * values.c - spec test values: arguments and expected results in
 * wast2json's form (integers and float bit patterns as unsigned decimal
 * strings; "nan:canonical" / "nan:arithmetic"; references "null" or an
 * externref number). ref.extern N is the host value N + 1 (0 is null).
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

bool rn_parse_arg(const json_t *v, wasm_val_t *out, char *why, size_t whylen)
{
    const char *t = json_str(v, "type"), *val = json_str(v, "value");
    out->raw = 0;
    if (!t || !val) {
        snprintf(why, whylen, "argument without type/value");
        return false;
    }
    if (!strcmp(t, "i32") || !strcmp(t, "f32")) {
        out->i32 = (uint32_t)strtoull(val, NULL, 10);
    } else if (!strcmp(t, "i64") || !strcmp(t, "f64")) {
        out->i64 = strtoull(val, NULL, 10);
    } else if (!strcmp(t, "externref") || !strcmp(t, "funcref")) {
        if (strcmp(val, "null") == 0)
            out->ref = 0;
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
    if (!strcmp(t, "externref") || !strcmp(t, "funcref") || !strcmp(t, "exnref")) {
        bool ok;
        if (!val)
            ok = got.ref != 0;                       /* (ref.extern) / (ref.func): any non-null */
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
