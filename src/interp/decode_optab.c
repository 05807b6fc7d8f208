/*
 * decode_optab.c - the opcode tables generated from opcodes.def: name,
 * immediate kind and fixed signature of every opcode.
 */
#include "interp/opcodes.h"

const wop_info_t wop_info[256] = {
#define OP(byte, nm, text, imm, sig) [byte] = { 1, imm, sig },
#define OPFC(sub, nm, text, imm, sig)
#include "opcodes.def"
#undef OP
#undef OPFC
};

const wop_info_t wop_fc_info[OPFC_COUNT] = {
#define OP(byte, nm, text, imm, sig)
#define OPFC(sub, nm, text, imm, sig) [sub] = { 1, imm, sig },
#include "opcodes.def"
#undef OP
#undef OPFC
};

const wop_sigdesc_t wop_sigs[SIG_COUNT] = {
#define X(name, np, p0, p1, p2, nr, r0) [name] = { np, { p0, p1, p2 }, nr, r0 },
    WOP_SIGS(X)
#undef X
};

uint32_t wop_mem_align(uint8_t op)
{
    switch (op) {
    case OP_I32_LOAD8_S: case OP_I32_LOAD8_U: case OP_I64_LOAD8_S:
    case OP_I64_LOAD8_U: case OP_I32_STORE8: case OP_I64_STORE8:
        return 0;
    case OP_I32_LOAD16_S: case OP_I32_LOAD16_U: case OP_I64_LOAD16_S:
    case OP_I64_LOAD16_U: case OP_I32_STORE16: case OP_I64_STORE16:
        return 1;
    case OP_I32_LOAD: case OP_F32_LOAD: case OP_I64_LOAD32_S:
    case OP_I64_LOAD32_U: case OP_I32_STORE: case OP_F32_STORE:
    case OP_I64_STORE32:
        return 2;
    default:
        return 3; /* i64/f64 load and store */
    }
}
