/*
 * decode_simd.c - the SIMD (0xFD) opcode table generated from
 * opcodes_simd.def, the facts the validator needs about SIMD memory and
 * lane ops, and skipping SIMD immediates (decode_instr.c).
 */
#include "interp/decode.h"
#include "interp/opcodes.h"

const wop_info_t wop_fd_info[OPFD_COUNT] = {
#define OPFD(sub, nm, text, imm, sig) [sub] = { 1, imm, sig },
#include "opcodes_simd.def"
#undef OPFD
};

uint32_t wop_fd_mem_align(uint32_t sub)
{
    switch (sub) {
    case OPFD_V128_LOAD8_SPLAT: case OPFD_V128_LOAD8_LANE: case OPFD_V128_STORE8_LANE:
        return 0;
    case OPFD_V128_LOAD16_SPLAT: case OPFD_V128_LOAD16_LANE: case OPFD_V128_STORE16_LANE:
        return 1;
    case OPFD_V128_LOAD32_SPLAT: case OPFD_V128_LOAD32_LANE: case OPFD_V128_STORE32_LANE:
    case OPFD_V128_LOAD32_ZERO:
        return 2;
    case OPFD_V128_LOAD: case OPFD_V128_STORE:
        return 4;
    default:
        return 3; /* the 64-bit ones: load8x8.., load64_splat/zero/lane */
    }
}

uint32_t wop_fd_lanes(uint32_t sub)
{
    switch (sub) {
    case OPFD_I8X16_EXTRACT_LANE_S: case OPFD_I8X16_EXTRACT_LANE_U:
    case OPFD_I8X16_REPLACE_LANE: case OPFD_V128_LOAD8_LANE: case OPFD_V128_STORE8_LANE:
        return 16;
    case OPFD_I16X8_EXTRACT_LANE_S: case OPFD_I16X8_EXTRACT_LANE_U:
    case OPFD_I16X8_REPLACE_LANE: case OPFD_V128_LOAD16_LANE: case OPFD_V128_STORE16_LANE:
        return 8;
    case OPFD_I32X4_EXTRACT_LANE: case OPFD_I32X4_REPLACE_LANE: case OPFD_F32X4_EXTRACT_LANE:
    case OPFD_F32X4_REPLACE_LANE: case OPFD_V128_LOAD32_LANE: case OPFD_V128_STORE32_LANE:
        return 4;
    default:
        return 2;
    }
}

/* The SIMD ops' immediates (subop already read and known). */
void wmod_skip_simd(wrd_t *r, uint32_t sub)
{
    uint32_t align, mem;
    uint64_t off;
    switch ((wop_imm_t)wop_fd_info[sub].imm) {
    case IMM_MEMARG:
        wmod_read_memarg(r, &align, &mem, &off);
        break;
    case IMM_MEMARG_LANE:
        wmod_read_memarg(r, &align, &mem, &off);
        wrd_u8(r);
        break;
    case IMM_LANE:
        wrd_u8(r);
        break;
    case IMM_V128:
    case IMM_SHUFFLE:
        wrd_bytes(r, 16);
        break;
    default:
        break;
    }
}
