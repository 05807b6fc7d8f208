/*
 * decode_instr.c - skip the immediates of one instruction, driven by the
 * opcode table. Used where the decoder must find the end of a constant
 * expression without validating it (that comes later, validate_const.c).
 */
#include "interp/decode.h"
#include "interp/opcodes.h"

void wmod_read_memarg(wrd_t *r, uint32_t *align, uint32_t *mem, uint64_t *off)
{
    *align = wrd_u32(r);
    *mem = 0;
    if (*align & WMOD_MEMARG_MEMIDX) {
        *mem = wrd_u32(r);
        *align &= ~WMOD_MEMARG_MEMIDX;
    }
    *off = wrd_u64(r);      /* memory64's u64 (validate.c checks the range) */
}

void wmod_skip_valtype(wrd_t *r)
{
    uint8_t b = wrd_u8(r);
    if (wrd_ok(r) && (b == 0x63 || b == 0x64))
        wrd_s33(r);     /* the heap type */
}

void wmod_skip_immediates(wrd_t *r, uint8_t op, uint32_t *fc_sub)
{
    uint8_t imm;
    *fc_sub = UINT32_MAX;
    if (op == OP_PREFIX_FC) {
        uint32_t sub = wrd_u32(r);
        if (!wrd_ok(r))
            return;
        if (sub >= OPFC_COUNT) {
            wrd_fail(r, "illegal opcode");
            return;
        }
        *fc_sub = sub;
        imm = wop_fc_info[sub].imm;
    } else if (op == OP_PREFIX_FD) {
        uint32_t sub = wrd_u32(r);
        if (wrd_ok(r) && (sub >= OPFD_COUNT || !wop_fd_info[sub].known))
            wrd_fail(r, "illegal opcode");
        if (wrd_ok(r))
            wmod_skip_simd(r, sub);
        return;
    } else {
        if (!wop_info[op].known) {
            wrd_fail(r, "illegal opcode");
            return;
        }
        imm = wop_info[op].imm;
    }
    switch ((wop_imm_t)imm) {
    case IMM_NONE:
        break;
    case IMM_BLOCKTYPE:
    case IMM_TRY_TABLE: {
        uint8_t b = r->p < r->end ? *r->p : 0;
        if (b == 0x40 || wmod_is_valtype(b) || b == 0x63 || b == 0x64)
            wmod_skip_valtype(r);
        else
            wrd_s33(r);
        if (imm == IMM_TRY_TABLE) {
            /* catch clauses: kind, tag (catch, catch_ref), label */
            uint32_t n = wrd_count(r);
            for (uint32_t i = 0; i < n && wrd_ok(r); i++) {
                if (wrd_u8(r) < 2)
                    wrd_u32(r);
                wrd_u32(r);
            }
        }
        break;
    }
    case IMM_LABEL: case IMM_FUNC: case IMM_TAG: case IMM_LOCAL: case IMM_GLOBAL: case IMM_TYPE:
    case IMM_TABLE: case IMM_ELEM: case IMM_DATA:
    case IMM_MEM:       /* memory indices: 2.0's zero byte is the LEB128 of 0 */
        wrd_u32(r);
        break;
    case IMM_BR_TABLE: {
        uint32_t n = wrd_count(r);
        for (uint32_t i = 0; i <= n && wrd_ok(r); i++)
            wrd_u32(r);
        break;
    }
    case IMM_CALL_INDIRECT: case IMM_TABLE_TABLE: case IMM_ELEM_TABLE:
    case IMM_MEM_MEM: case IMM_DATA_MEM:
        wrd_u32(r);
        wrd_u32(r);
        break;
    case IMM_MEMARG: {
        uint32_t align, mem;
        uint64_t off;
        wmod_read_memarg(r, &align, &mem, &off);
        break;
    }
    case IMM_I32:
        wrd_s32(r);
        break;
    case IMM_I64:
        wrd_s64(r);
        break;
    case IMM_F32:
        wrd_bytes(r, 4);
        break;
    case IMM_F64:
        wrd_bytes(r, 8);
        break;
    case IMM_SELECT_T: {
        uint32_t n = wrd_count(r);
        for (uint32_t i = 0; i < n && wrd_ok(r); i++)
            wmod_skip_valtype(r);
        break;
    }
    case IMM_REFTYPE:
        wrd_s33(r);
        break;
    case IMM_LANE: case IMM_MEMARG_LANE: case IMM_V128: case IMM_SHUFFLE:
        break;      /* SIMD only: wmod_skip_simd */
    }
}
