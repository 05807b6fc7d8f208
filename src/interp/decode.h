/*
 * decode.h - internal interface between the decoder (decode*.c), the
 * validator (validate*.c) and the module API (module.c).
 *
 * Flow (wasm_module_new): wmod_decode parses the sections into struct
 * wasm_module (structure only: every index is stored as read);
 * wmod_validate_module checks the module-level rules (index spaces, limits,
 * constant expressions, exports, start) and computes `declared`;
 * wmod_validate_funcs then checks each function body (validate.c, with
 * the fast path of validate_fast.c).
 */
#ifndef JERICHO_INTERP_DECODE_H
#define JERICHO_INTERP_DECODE_H

#include "interp/module.h"
#include "interp/reader.h"

/* Supplied by the embedder (klib in the kernel, libc on the host). */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Implementation limits (beyond the spec's own), each with its reason. */
/* Declared locals per function: the JS API's limit; keeps local_types and
 * the interpreter frame bounded (the binary could declare 2^32-1). */
#define WMOD_MAX_LOCALS 50000u
/* Operand stack height the validator accepts: a call returning many values
 * can push far more values than its two bytes of code. */
#define WMOD_MAX_STACK (1u << 20)
/* Maximum memory pages (64 KiB) in a memory type (spec: 2^16). */
#define WMOD_MAX_PAGES 65536u

/* Write msg (and " N" when with_index) into err. Returns false. */
bool wmod_err(char *err, size_t errlen, const char *msg, bool with_index, uint32_t index);

/* Is t a value type this engine accepts (numeric or reference)? */
static inline bool wmod_is_valtype(uint8_t t)
{
    return t == WASM_I32 || t == WASM_I64 || t == WASM_F32 || t == WASM_F64 ||
           t == WASM_V128 || t == WASM_FUNCREF || t == WASM_EXTERNREF || t == WASM_EXNREF;
}

static inline bool wmod_is_reftype(uint8_t t)
{
    return t == WASM_FUNCREF || t == WASM_EXTERNREF || t == WASM_EXNREF;
}

/* Skip one instruction whose opcode byte has been read (decode_instr.c):
 * reads its immediates with the reader's rules. On a malformed immediate or
 * unknown opcode r->err is set. *fc_sub receives the 0xFC subop (else
 * UINT32_MAX). Used for constant expressions. */
void wmod_skip_immediates(wrd_t *r, uint8_t op, uint32_t *fc_sub);
/* Skip a value type (one byte, or 0x63/0x64 and a heap type) without
 * checking it: for code validated already. */
void wmod_skip_valtype(wrd_t *r);
/* The same for a SIMD op whose 0xFD subop (known) has been read
 * (decode_simd.c). */
void wmod_skip_simd(wrd_t *r, uint32_t sub);

/* A memarg (decode_instr.c): align (log2), then, when align has bit 6
 * (WMOD_MEMARG_MEMIDX, multi-memory), a memory index, then the offset;
 * *align comes back without the bit, *mem is 0 without it; the offset is
 * read as a u64 (memory64), which the validator bounds by the memory's
 * address type. */
#define WMOD_MEMARG_MEMIDX 0x40u
void wmod_read_memarg(wrd_t *r, uint32_t *align, uint32_t *mem, uint64_t *off);

/* Check bytes are valid UTF-8 (decode_utf8.c). */
bool wmod_utf8_valid(const uint8_t *s, size_t n);

/* Module-level validation (validate_module.c). */
bool wmod_validate_module(wasm_module_t *m, char *err, size_t errlen);

/* Constant expression e must produce one value of type t (validate_const.c).
 * nglobals: how many globals global.get may name: the imported ones only
 * (Wasm 2.0; the spec tests check this for globals, elem and data). */
bool wmod_validate_const(const wasm_module_t *m, const wmod_expr_t *e, uint8_t t,
                         uint32_t nglobals, char *err, size_t errlen);
/* The nglobals a constant expression may name: upto (the globals defined
 * before it, or all) with the gc feature (Wasm 3.0), else the imported. */
uint32_t wmod_const_globals(const wasm_module_t *m, uint32_t upto);

/* NULL if m may use feature (a WASM_FEATURE_* bit), else the error text
 * "feature NAME disabled" (features.c). */
const char *wmod_feature_off(const wasm_module_t *m, uint32_t feature);

/* Free everything a module owns except the compiled code (module.c). */
void wmod_release(wasm_module_t *m);

#endif
