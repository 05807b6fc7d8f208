/*
 * tracemap.c - the trap map of compiled code (code.h): which instructions
 * can trap, and the lookup from a code address back to the function and
 * the wasm offset of its instruction. The compiler writes the map
 * (compile.c: a record per trapping instruction and call); only the trap
 * path reads it (exec_api.c, backtrace.c), never the loop.
 */
#include "interp/code.h"

static const uint8_t k_traps[XO_COUNT] = {
    [XO_UNREACHABLE] = 1, [XO_CALL] = 1, [XO_CALL_K] = 1, [XO_CALL_LOCAL] = 1, [XO_CALL_INDIRECT] = 1,
    [XO_RETURN_CALL] = 1, [XO_RETURN_CALL_INDIRECT] = 1, [XO_MEMX] = 1,
    [XO_CALL_REF] = 1, [XO_RETURN_CALL_REF] = 1, [XO_REF_AS_NON_NULL] = 1,
    [XO_TABLE_GET] = 1, [XO_TABLE_SET] = 1, [XO_MEMORY_INIT] = 1, [XO_MEMORY_COPY] = 1,
    [XO_MEMORY_FILL] = 1, [XO_TABLE_INIT] = 1, [XO_TABLE_COPY] = 1, [XO_TABLE_FILL] = 1,
    [XO_TABLE_SET_EXN] = 1, [XO_TABLE_FILL_EXN] = 1, [XO_THROW] = 1, [XO_THROW_REF] = 1,
    /* every form of a load or store, every binop reading memory (_RM) */
#define WC_UN(n, ti, to)
#define WC_BIN(n, ti, to) [XO_##n##_RM] = 1,
#define WC_LOAD(n, t) [XO_##n] = 1, [XO_##n##_A] = 1, [XO_##n##_X] = 1,
#define WC_STORE(n, t) [XO_##n] = 1, [XO_##n##_A] = 1, [XO_##n##_I] = 1, [XO_##n##_AI] = 1,
#define OP(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#define OPFC(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#include "interp/opcodes.def"
#undef OP
#undef OPFC
#undef WC_UN
#undef WC_BIN
#undef WC_LOAD
#undef WC_STORE
    /* integer division (the fused branches BRIF_* are rewritten in place
     * from these and keep their record) */
#define D(n) [XO_##n##_RR] = 1, [XO_##n##_RI] = 1,
    D(I32_DIV_S) D(I32_DIV_U) D(I32_REM_S) D(I32_REM_U)
    D(I64_DIV_S) D(I64_DIV_U) D(I64_REM_S) D(I64_REM_U)
#undef D
    [XO_I32_DIV_U_IR] = 1, [XO_I32_REM_U_IR] = 1,
    /* float to integer conversions (not the saturating ones) */
    [XO_I32_TRUNC_F32_S] = 1, [XO_I32_TRUNC_F32_U] = 1,
    [XO_I32_TRUNC_F64_S] = 1, [XO_I32_TRUNC_F64_U] = 1,
    [XO_I64_TRUNC_F32_S] = 1, [XO_I64_TRUNC_F32_U] = 1,
    [XO_I64_TRUNC_F64_S] = 1, [XO_I64_TRUNC_F64_U] = 1,
    /* SIMD loads and stores (the ops with a memarg), also on other memories */
    [XO_V_MEMX] = 1,
#define WV_EACH(n) [XO_##n] = 1,
#define WV_MEM_IMM_MEMARG(n) WV_EACH(n)
#define WV_MEM_IMM_MEMARG_LANE(n) WV_EACH(n)
#define WV_MEM_IMM_NONE(n)
#define WV_MEM_IMM_LANE(n)
#define WV_MEM_IMM_SHUFFLE(n)
#define WV_MEM_IMM_V128(n)
#define OPFD(s, n, t, imm, sig) WV_CAT(WV_MEM_, imm)(n)
#include "interp/opcodes_simd.def"
#undef OPFD
#undef WV_EACH
};

bool wcode_op_traps(wcode_op_t op)
{
    return (unsigned)op < XO_COUNT && k_traps[op];
}

/* LEB128 u32 from [*p, end); stops at end (a map is never malformed:
 * the compiler wrote it). */
static uint32_t uleb(const uint8_t **p, const uint8_t *end)
{
    uint32_t v = 0;
    for (unsigned shift = 0; *p < end && shift < 35; shift += 7) {
        uint8_t b = *(*p)++;
        v |= (uint32_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
    }
    return v;
}

bool wcode_map_lookup(const wcell_t *code, uint32_t k, bool first, uint32_t *off)
{
    uint32_t ncells = WCODE_NCELLS(code);
    const uint8_t *p = (const uint8_t *)(code + ncells), *end = p + WCODE_MAPLEN(code);
    uint32_t cell = 0, o = 0, best_cell = 0;
    bool found = false;
    while (p < end) {
        cell += uleb(&p, end);
        uint32_t z = uleb(&p, end);
        o += (z >> 1) ^ (0u - (z & 1));
        if (cell > k)
            break;
        if (!found || cell != best_cell || !first) {
            *off = o;
            best_cell = cell;
        }
        found = true;
    }
    return found;
}

const wcode_fn_t *wcode_locate(const wasm_module_t *m, const void *pc)
{
    const wcode_module_t *cm = m ? m->compiled : NULL;
    if (!cm || !pc)
        return NULL;
    for (uint32_t i = 0; i < cm->nfuncs; i++) {
        const wcell_t *code = __atomic_load_n(&cm->fns[i].code, __ATOMIC_ACQUIRE);
        if (code && (const wcell_t *)pc >= code && (const wcell_t *)pc < code + WCODE_NCELLS(code))
            return &cm->fns[i];
    }
    return NULL;
}
