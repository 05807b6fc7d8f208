/*
 * exec_mem.c - memory instructions on any memory: the MEMX instruction
 * (code.h) that the compiler emits for every access to a memory other than
 * memory 0 (multi-memory), and the guest-memory moves and fills of the bulk
 * instructions. exec.c keeps its own handlers for memory 0, the fast path.
 *
 * Bounds checks are done in 64 bits without an addition that could wrap:
 * [a + off, a + off + n) must lie in [0, size).
 */
#include "interp/rtobj.h"
#include "interp/code.h"
#include "interp/exec_num.h"

/* memory.copy / memory.init on guest memory (d and s may overlap), and
 * memory.fill: here rather than klib's memmove/memset, whose faults are
 * the kernel's (WP_GUEST_TEXT). Word moves when both ends allow. */
WP_GUEST_TEXT void wexec_guest_move(uint8_t *d, const uint8_t *s, size_t n)
{
    if (d <= s || d >= s + n) {
        if (!(((uintptr_t)d | (uintptr_t)s) & 7))
            for (; n >= 8; n -= 8, d += 8, s += 8)
                __builtin_memcpy(d, s, 8);
        for (; n; n--)
            *d++ = *s++;
    } else {
        if (!(((uintptr_t)d | (uintptr_t)s | n) & 7))
            for (; n >= 8; n -= 8)
                __builtin_memcpy(d + n - 8, s + n - 8, 8);
        for (; n; n--)
            d[n - 1] = s[n - 1];
    }
}

WP_GUEST_TEXT void wexec_guest_fill(uint8_t *d, uint8_t v, size_t n)
{
    if (!((uintptr_t)d & 7)) {
        uint64_t w = v * 0x0101010101010101ull;
        for (; n >= 8; n -= 8, d += 8)
            __builtin_memcpy(d, &w, 8);
    }
    for (; n; n--)
        *d++ = v;
}


/* MEMX [kind mem x s0 s1 s2 dst] (code.h). */
WP_GUEST_TEXT wasm_trap_t wexec_memx(wasm_instance_t *inst, const wcell_t *pc, uint64_t *fp)
{
    wasm_memory_t *mem = inst->mems[pc[2].u64];
    uint64_t x = pc[3].u64, s0 = fp[pc[4].sl], s1 = fp[pc[5].sl], s2 = fp[pc[6].sl];
    uint64_t *dst = &fp[pc[7].sl];
    uint64_t a = LD_I32(s0);
    switch (pc[1].u64) {
#define WC_UN(n, ti, to)
#define WC_BIN(n, ti, to)
#define WC_LOAD(n, t) case OP_##n: \
        if (wexec_oob(a, x, MSZ_##n, mem->size)) \
            return WASM_TRAP_MEM_OOB; \
        *dst = LDM_##n(mem->data + a + x); \
        return WASM_TRAP_NONE;
#define WC_STORE(n, t) case OP_##n: \
        if (wexec_oob(a, x, MSZ_##n, mem->size)) \
            return WASM_TRAP_MEM_OOB; \
        STM_##n(mem->data + a + x, s1); \
        return WASM_TRAP_NONE;
#define OP(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#define OPFC(b, n, t, imm, sig)
#include "interp/opcodes.def"
#undef OP
#undef OPFC
#undef WC_UN
#undef WC_BIN
#undef WC_LOAD
#undef WC_STORE
    case OP_MEMORY_SIZE:
        *dst = ST_I32(mem->pages);
        return WASM_TRAP_NONE;
    case OP_MEMORY_GROW:
        *dst = ST_I32((uint32_t)wrt_memory_grow(mem, LD_I32(s0)));
        return WASM_TRAP_NONE;
    case WCODE_MEMX_FILL: {
        uint64_t n = LD_I32(s2);
        if (wexec_oob(a, 0, n, mem->size))
            return WASM_TRAP_MEM_OOB;
        wexec_guest_fill(mem->data + a, (uint8_t)s1, (size_t)n);
        return WASM_TRAP_NONE;
    }
    case WCODE_MEMX_COPY: {         /* x: the source memory */
        const wasm_memory_t *src = inst->mems[x];
        uint64_t s = LD_I32(s1), n = LD_I32(s2);
        if (wexec_oob(s, 0, n, src->size) || wexec_oob(a, 0, n, mem->size))
            return WASM_TRAP_MEM_OOB;
        wexec_guest_move(mem->data + a, src->data + s, (size_t)n);
        return WASM_TRAP_NONE;
    }
    case WCODE_MEMX_INIT: {         /* x: the data segment */
        uint64_t s = LD_I32(s1), n = LD_I32(s2);
        if (wexec_oob(s, 0, n, inst->data_len[x]) || wexec_oob(a, 0, n, mem->size))
            return WASM_TRAP_MEM_OOB;
        wexec_guest_move(mem->data + a, inst->module->datas[x].data + s, (size_t)n);
        return WASM_TRAP_NONE;
    }
    default:
        return WASM_TRAP_UNREACHABLE;   /* corrupt code: cannot happen */
    }
}
