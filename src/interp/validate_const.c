/*
 * validate_const.c - constant expressions (spec 3.3.10): only t.const,
 * ref.null, ref.func, global.get of an immutable global and (extended-const)
 * i32/i64 add, sub and mul, leaving exactly one value of the expected type.
 * A short linear scan over a small fixed stack of types (WMOD_CONST_DEPTH,
 * which the evaluator in instance_init.c shares).
 */
#include "interp/decode.h"
#include "interp/opcodes.h"
#include "interp/types.h"

uint32_t wmod_const_globals(const wasm_module_t *m, uint32_t upto)
{
    return (m->features & WASM_FEATURE_GC) ? upto : m->nimport_globals;
}

bool wmod_validate_const(const wasm_module_t *m, const wmod_expr_t *e, uint8_t t,
                         uint32_t nglobals, char *err, size_t errlen)
{
    wrd_t r;
    wrd_init(&r, e->code, e->code + e->len, WRD_EOS);
    uint8_t st[WMOD_CONST_DEPTH];   /* types of the values pushed */
    uint32_t sp = 0;
    for (;;) {
        uint8_t op = wrd_u8(&r);
        if (!wrd_ok(&r))
            return wmod_err(err, errlen, r.err, false, 0);
        uint8_t pushed = 0;
        switch (op) {
        case OP_END:
            if (sp != 1 || !wvt_sub(m, st[0], t))
                return wmod_err(err, errlen, "type mismatch", false, 0);
            return true;
        case OP_I32_CONST: wrd_s32(&r); pushed = WASM_I32; break;
        case OP_I64_CONST: wrd_s64(&r); pushed = WASM_I64; break;
        case OP_F32_CONST: wrd_bytes(&r, 4); pushed = WASM_F32; break;
        case OP_F64_CONST: wrd_bytes(&r, 8); pushed = WASM_F64; break;
        case OP_PREFIX_FD: {
            const uint8_t *at = r.p;
            if (wrd_u32(&r) != OPFD_V128_CONST && wrd_ok(&r)) {
                r.p = at;           /* any other SIMD op: not constant */
                uint32_t sub;
                wmod_skip_immediates(&r, op, &sub);
                if (!wrd_ok(&r))
                    return wmod_err(err, errlen, r.err, false, 0);
                return wmod_err(err, errlen, "constant expression required", false, 0);
            }
            wrd_bytes(&r, 16);
            pushed = WASM_V128;
            break;
        }
        case OP_REF_NULL: {
            /* the module is still being built: new codes may be interned */
            uint8_t rt;
            wtype_read_heap((wasm_module_t *)(uintptr_t)m, &r, &rt, &pushed);
            break;
        }
        case OP_REF_FUNC: {
            uint32_t x = wrd_u32(&r);
            if (wrd_ok(&r) && x >= m->nfuncs)
                return wmod_err(err, errlen, "unknown function", true, x);
            pushed = WASM_FUNCREF;
            if (wrd_ok(&r) && !wmod_feature_off(m, WASM_FEATURE_FUNCTION_REFERENCES)) {
                const char *e = NULL;
                pushed = wvt_of_type((wasm_module_t *)(uintptr_t)m, m->funcs[x].type, false, &e);
                if (e)
                    return wmod_err(err, errlen, e, false, 0);
            }
            break;
        }
        case OP_GLOBAL_GET: {
            uint32_t x = wrd_u32(&r);
            if (!wrd_ok(&r))
                break;
            if (x >= nglobals)
                return wmod_err(err, errlen, "unknown global", true, x);
            if (m->globals[x].mut)
                return wmod_err(err, errlen, "constant expression required", false, 0);
            pushed = m->globals[x].vt;
            break;
        }
        case OP_I32_ADD: case OP_I32_SUB: case OP_I32_MUL:
        case OP_I64_ADD: case OP_I64_SUB: case OP_I64_MUL: {
            /* extended-const: two values of the op's type, one result */
            const char *off = wmod_feature_off(m, WASM_FEATURE_EXTENDED_CONST);
            if (off)
                return wmod_err(err, errlen, off, false, 0);
            uint8_t ty = op <= OP_I32_MUL ? WASM_I32 : WASM_I64;
            if (sp < 2 || st[sp - 1] != ty || st[sp - 2] != ty)
                return wmod_err(err, errlen, "type mismatch", false, 0);
            sp--;
            continue;
        }
        default: {
            /* A real instruction that is not constant; an unknown byte is
             * malformed. Either way the expression is rejected. */
            uint32_t sub;
            wmod_skip_immediates(&r, op, &sub);
            if (!wrd_ok(&r))
                return wmod_err(err, errlen, r.err, false, 0);
            return wmod_err(err, errlen, "constant expression required", false, 0);
        }
        }
        if (!wrd_ok(&r))
            return wmod_err(err, errlen, r.err, false, 0);
        if (sp == WMOD_CONST_DEPTH)
            return wmod_err(err, errlen, "constant expression too deep (implementation limit)",
                            false, 0);
        st[sp++] = pushed;
    }
}
