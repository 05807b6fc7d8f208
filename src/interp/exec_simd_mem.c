/*
 * exec_simd_mem.c - SIMD loads and stores on a memory other than 0
 * (multi-memory): the V_MEMX instruction (code.h), run out of the loop as
 * MEMX is for scalars (exec_mem.c). Memory 0 has its handlers in the loop
 * (exec_simd.h); both take what they read and write from simd_mem.h.
 *
 * Bounds are checked in 64 bits without a sum that could wrap:
 * [a + off, a + off + n) must lie in [0, size).
 */
#include "interp/rtobj.h"
#include "interp/code.h"
#include "interp/exec_num.h"
#include "interp/simd_mem.h"


/* V_MEMX [sub mem off addr v dst lane] (code.h). */
WP_GUEST_TEXT wasm_trap_t wexec_simd_memx(wasm_instance_t *inst, const wcell_t *pc, uint64_t *fp)
{
    const wasm_memory_t *mem = inst->mems[pc[2].u64];
    uint64_t off = pc[3].u64, a = LD_I32(fp[pc[4].sl]), lane = pc[7].u64;
    uint64_t *v = &fp[pc[5].sl], *dst = &fp[pc[6].sl];
    wv128_t in = { v[0], v[1] }, out;
#define WV_UN(n)
#define WV_BIN(n)
#define WV_TERN(n)
#define WV_SHIFT(n)
#define WV_SPLAT(n)
#define WV_TEST(n)
#define WV_EXTRACT(n)
#define WV_REPLACE(n)
#define WV_SHUFFLE(n)
#define MEMX_CHECK(n) \
        if (wexec_oob(a, off, VMSZ_##n, mem->size)) \
            return WASM_TRAP_MEM_OOB;
#define WV_LOAD(n) case OPFD_##n: \
        MEMX_CHECK(n) \
        out = VLD_##n(mem->data + a + off); \
        break;
#define WV_STORE(n) case OPFD_##n: \
        MEMX_CHECK(n) \
        VST_##n(mem->data + a + off, in); \
        return WASM_TRAP_NONE;
#define WV_LOAD_LANE(n) case OPFD_##n: \
        MEMX_CHECK(n) \
        out = VLD_##n(mem->data + a + off, in, lane); \
        break;
#define WV_STORE_LANE(n) case OPFD_##n: \
        MEMX_CHECK(n) \
        VST_##n(mem->data + a + off, in, lane); \
        return WASM_TRAP_NONE;
    switch (pc[1].u64) {
#define OPFD(sub, n, text, imm, sig) WV_SHAPE(n, imm, sig)
#include "interp/opcodes_simd.def"
#undef OPFD
    default:
        return WASM_TRAP_UNREACHABLE;   /* corrupt code: cannot happen */
    }
#include "interp/simd_unshape.h"
#undef MEMX_CHECK
    dst[0] = out.lo;
    dst[1] = out.hi;
    return WASM_TRAP_NONE;
}
