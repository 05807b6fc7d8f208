/*
 * values.c - spec test values: arguments and expected results in
 * wast2json's form (integers and float bit patterns as unsigned decimal
 * strings; "nan:canonical" / "nan:arithmetic"; references "null" or an
 * externref number; v128 as its lanes, {"lane_type", "value": [...]}, NaN
 * patterns per float lane). ref.extern N is the host value N + 1 (0 is
 * null). A v128 is two wasm_val_t at the engine's API, low half first.
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

/* Lane width in bytes of a v128's "lane_type", 0 if unknown. */
static unsigned lane_bytes(const char *lt)
{
    if (!lt)
        return 0;
    if (!strcmp(lt, "i8"))
        return 1;
    if (!strcmp(lt, "i16"))
        return 2;
    if (!strcmp(lt, "i32") || !strcmp(lt, "f32"))
        return 4;
    if (!strcmp(lt, "i64") || !strcmp(lt, "f64"))
        return 8;
    return 0;
}

/* The lanes of a v128 value ({"lane_type", "value": [lanes]}); false if
 * malformed. */
static bool v128_lanes(const json_t *v, unsigned *lb, const json_t **lanes)
{
    *lb = lane_bytes(json_str(v, "lane_type"));
    *lanes = json_get(v, "value");
    return *lb && *lanes && (*lanes)->kind == JSON_ARR && (*lanes)->n == 16 / *lb;
}

int rn_val_slots(const json_t *v)
{
    const char *t = json_str(v, "type");
    const json_t *alts = t && !strcmp(t, "either") ? json_get(v, "values") : NULL;
    if (alts && alts->kind == JSON_ARR && alts->n)
        v = alts->items[0];     /* alternatives of one type */
    return rn_is_v128(v) ? 2 : 1;
}

/* A reference type as the converters name them: funcref, externref, and
 * from tests/spec3/wast2json.mjs anyref, eqref, i31ref, nullref, ...,
 * and "ref" alone for a (ref.null) of any type. */
static bool is_ref(const char *t)
{
    size_t n = strlen(t);
    return n >= 3 && !strcmp(t + n - 3, "ref");
}

bool rn_parse_arg(const json_t *v, wasm_val_t *out, char *why, size_t whylen)
{
    const char *t = json_str(v, "type"), *val = json_str(v, "value");
    out->raw = 0;
    if (rn_is_v128(v)) {
        unsigned lb;
        const json_t *lanes;
        uint8_t bytes[16];
        if (!v128_lanes(v, &lb, &lanes)) {
            snprintf(why, whylen, "malformed v128 argument");
            return false;
        }
        for (size_t i = 0; i < lanes->n; i++) {
            uint64_t x = strtoull(lanes->items[i]->str ? lanes->items[i]->str : "0", NULL, 10);
            memcpy(bytes + i * lb, &x, lb);     /* little-endian host */
        }
        memcpy(&out[0].raw, bytes, 8);
        memcpy(&out[1].raw, bytes + 8, 8);
        return true;
    }
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

/* One lane of width lb (bytes) against its expected text: a number, or
 * for float lanes nan:canonical / nan:arithmetic. */
static bool lane_ok(uint64_t g, unsigned lb, bool fl, const char *val)
{
    if (fl && lb == 4 && !strcmp(val, "nan:canonical"))
        return (g & 0x7fffffffu) == 0x7fc00000u;
    if (fl && lb == 4 && !strcmp(val, "nan:arithmetic"))
        return (g & 0x7fc00000u) == 0x7fc00000u;
    if (fl && lb == 8 && !strcmp(val, "nan:canonical"))
        return (g & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
    if (fl && lb == 8 && !strcmp(val, "nan:arithmetic"))
        return (g & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
    uint64_t want = strtoull(val, NULL, 10);
    uint64_t mask = lb == 8 ? ~0ull : (1ull << (lb * 8)) - 1;
    return (g & mask) == (want & mask);
}

static bool match_v128(const json_t *exp, const wasm_val_t *got, char *why, size_t whylen)
{
    unsigned lb;
    const json_t *lanes;
    if (!v128_lanes(exp, &lb, &lanes)) {
        snprintf(why, whylen, "malformed v128 expectation");
        return false;
    }
    const char *lt = json_str(exp, "lane_type");
    bool fl = lt[0] == 'f';
    uint8_t bytes[16];
    memcpy(bytes, &got[0].raw, 8);
    memcpy(bytes + 8, &got[1].raw, 8);
    for (size_t i = 0; i < lanes->n; i++) {
        uint64_t g = 0;
        memcpy(&g, bytes + i * lb, lb);
        const char *val = lanes->items[i]->str ? lanes->items[i]->str : "?";
        if (!lane_ok(g, lb, fl, val)) {
            snprintf(why, whylen, "v128 %s lane %zu: got %" PRIu64 " (0x%" PRIx64 "), expected %s"
                     " (got 0x%016" PRIx64 "%016" PRIx64 ")", lt, i, g, g, val, got[1].raw,
                     got[0].raw);
            return false;
        }
    }
    return true;
}

bool rn_match(const json_t *exp, const wasm_val_t *gotp, char *why, size_t whylen)
{
    const char *t = json_str(exp, "type"), *val = json_str(exp, "value");
    wasm_val_t got = gotp[0];
    if (rn_is_v128(exp))
        return match_v128(exp, gotp, why, whylen);
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
            if (rn_match(alts->items[i], gotp, why, whylen))
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
