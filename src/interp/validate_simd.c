/*
 * validate_simd.c - validation of the SIMD (0xFD-prefixed) instructions:
 * their immediates (memory alignment, lane indices) and their operand
 * types, all from the opcode table (opcodes_simd.def).
 */
#include "interp/validate_stack.h"
#include "interp/opcodes.h"

/* A memarg, with a memory index under multi-memory (validate.c's rules
 * for scalar memargs). */
static void simd_memarg(vstate_t *v, uint32_t sub)
{
    uint32_t align, mem = 0;
    uint64_t off;
    if (v->m->features & WASM_FEATURE_MULTI_MEMORY) {
        wmod_read_memarg(&v->r, &align, &mem, &off);
        if (wrd_ok(&v->r) && align >= WMOD_MEMARG_MEMIDX) {
            v_fail(v, "malformed memop flags");
            return;
        }
    } else {
        align = wrd_u32(&v->r);     /* bit 6 is only a too large alignment */
        wrd_u32(&v->r);
    }
    if (!wrd_ok(&v->r))
        return;
    if (mem >= v->m->nmems)
        v_failx(v, "unknown memory", mem);
    else if (align > wop_fd_mem_align(sub))
        v_fail(v, "alignment must not be larger than natural");
}

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
    if (sub >= OPFD_COUNT || !wop_fd_info[sub].name)
        return v_failx(v, "illegal opcode 0xfd", sub);
    if (wmod_feature_off(v->m, WASM_FEATURE_SIMD))
        return v_fail(v, wmod_feature_off(v->m, WASM_FEATURE_SIMD));
    if (sub >= OPFD_RELAXED_FIRST && wmod_feature_off(v->m, WASM_FEATURE_RELAXED_SIMD))
        return v_fail(v, wmod_feature_off(v->m, WASM_FEATURE_RELAXED_SIMD));
    const wop_info_t *in = &wop_fd_info[sub];
    switch ((wop_imm_t)in->imm) {
    case IMM_MEMARG:
        simd_memarg(v, sub);
        break;
    case IMM_MEMARG_LANE:
        simd_memarg(v, sub);
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
    const wop_sigdesc_t *s = &wop_sigs[in->sig];
    for (uint32_t i = s->nparams; i-- > 0;)
        v_pop_expect(v, s->params[i]);
    if (s->nresults)
        v_push(v, s->result);
    return !v->err && wrd_ok(r);
}
