/*
 * code_names.c - the name of every threaded-code instruction (code.h),
 * generated from the same lists as its enum, and the per-instruction
 * dispatch counters of a profiling build (-DWASM_PROFILE: exec.c counts
 * every dispatch and every pair of consecutive ones; `make bench-profile`).
 */
#include "interp/code.h"

static const char *const names[XO_COUNT] = {
#define X(n) [XO_##n] = #n,
    WCODE_CONTROL(X)
#undef X
#define WC_UN(n, ti, to) [XO_##n] = #n,
#define WC_BIN(n, ti, to) [XO_##n##_RR] = #n "_RR", [XO_##n##_RI] = #n "_RI", \
        [XO_##n##_RM] = #n "_RM", WC_CAT(NM_BRIF_, to)(n)
#define NM_BRIF_I32(n) [XO_BRIF_##n##_RR] = "BRIF_" #n "_RR", [XO_BRIF_##n##_RI] = "BRIF_" #n "_RI", \
        [XO_BRIFNOT_##n##_RR] = "BRIFNOT_" #n "_RR", [XO_BRIFNOT_##n##_RI] = "BRIFNOT_" #n "_RI",
#define NM_BRIF_I64(n)
#define NM_BRIF_F32(n)
#define NM_BRIF_F64(n)
#define WC_LOAD(n, t) [XO_##n] = #n, [XO_##n##_A] = #n "_A", [XO_##n##_X] = #n "_X",
#define WC_STORE(n, t) [XO_##n] = #n, [XO_##n##_A] = #n "_A", [XO_##n##_I] = #n "_I", \
        [XO_##n##_AI] = #n "_AI",
#define OP(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#define OPFC(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#include "interp/opcodes.def"
#undef OP
#undef OPFC
#undef WC_UN
#undef WC_BIN
#undef WC_LOAD
#undef WC_STORE
#define X(n, ti, to) [XO_##n##_IR] = #n "_IR",
    WCODE_IR(X)
#undef X
#define X(o, i) [XO_I32_##o##_##i##I] = "I32_" #o "_" #i "I",
    WCODE_FUSE_RI(X)
#undef X
#define X(i, o) [XO_I32_##i##_THEN_##o##I] = "I32_" #i "_THEN_" #o "I",
    WCODE_FUSE_RR_RI(X)
#undef X
#define X(n, m) [XO_BRIF_ADDI_I32_##n##_RR] = "BRIF_ADDI_I32_" #n "_RR", \
        [XO_BRIF_ADDI_I32_##n##_RI] = "BRIF_ADDI_I32_" #n "_RI",
    WCODE_ADDI_BR(X)
#undef X
#define X(n) [XO_##n] = #n,
    WCODE_V128(X)
#undef X
#define WV_EACH(n) [XO_##n] = #n,
#define OPFD(s, n, t, imm, sig) WV_CAT(WV_HAS_, imm)(n)
#include "interp/opcodes_simd.def"
#undef OPFD
#undef WV_EACH
};

const char *wcode_op_name(wcode_op_t op)
{
    return (unsigned)op < XO_COUNT && names[op] ? names[op] : "?";
}

#ifdef WASM_PROFILE
uint64_t wexec_prof_count[XO_COUNT];
uint64_t wexec_prof_pair[XO_COUNT][XO_COUNT];
#endif
