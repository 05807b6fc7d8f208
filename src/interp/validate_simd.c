/*
 * validate_simd.c - validation of the SIMD (0xFD-prefixed) instructions:
 * their immediates (memory alignment, lane indices) and their operand
 * types, all from the opcode table (opcodes_simd.def).
 */
#include "interp/validate_stack.h"
#include "interp/opcodes.h"

static void lane(vstate_t *v, uint32_t bound)
{
    uint8_t l = wrd_u8(&v->r);
    if (wrd_ok(&v->r) && l >= bound)
        v_fail(v, "invalid lane index");
}

bool wval_simd(vstate_t *v)
{
    wrd_t *r = &v->r;
    uint32_t sub = wrd_u32(r);
    if (!wrd_ok(r))
        return false;
    if (sub >= OPFD_COUNT || !wop_fd_info[sub].known)
        return v_failx(v, "illegal opcode 0xfd", sub);
    if (wmod_feature_off(v->m, WASM_FEATURE_SIMD))
        return v_fail(v, wmod_feature_off(v->m, WASM_FEATURE_SIMD));
    if (sub >= OPFD_RELAXED_FIRST && wmod_feature_off(v->m, WASM_FEATURE_RELAXED_SIMD))
        return v_fail(v, wmod_feature_off(v->m, WASM_FEATURE_RELAXED_SIMD));
    const wop_info_t *in = &wop_fd_info[sub];
    wop_sigdesc_t sd = wop_sigs[in->sig];
    switch ((wop_imm_t)in->imm) {
    case IMM_MEMARG:        /* the address: i64 on a 64-bit memory */
        sd.params[0] = wval_memarg(v, wop_fd_mem_align(sub));
        break;
    case IMM_MEMARG_LANE:
        sd.params[0] = wval_memarg(v, wop_fd_mem_align(sub));
        if (!v->err)
            lane(v, wop_fd_lanes(sub));
        break;
    case IMM_LANE:
        lane(v, wop_fd_lanes(sub));
        break;
    case IMM_SHUFFLE:
        for (int i = 0; i < 16; i++)
            lane(v, 32);
        break;
    case IMM_V128:      /* v128.const: the only SIG_SPECIAL one */
        wrd_bytes(r, 16);
        if (wrd_ok(r))
            v_push(v, WASM_V128);
        return !v->err && wrd_ok(r);
    default:
        break;
    }
    if (v->err || !wrd_ok(r))
        return false;
    for (uint32_t i = sd.nparams; i-- > 0;)
        v_pop_expect(v, sd.params[i]);
    if (sd.nresults)
        v_push(v, sd.result);
    return !v->err && wrd_ok(r);
}
