/*
 * types.h - Wasm 3.0 value and heap types (internal): reference types with
 * heap types, the type section's recursion groups and declared subtypes,
 * iso-recursive type equivalence and subtyping (types.c).
 *
 * A value type has three forms, each for its readers:
 *  - wft_t, the full type (32 bits), as decoded: a numeric type byte, or a
 *    reference type with its nullability and heap type (an abstract heap
 *    type byte, or a type index). Type indices are the module's own, so a
 *    full type is read with its module.
 *  - the validator's code (one byte, "vt"): numeric types and the nullable
 *    abstract references (funcref...) are their own byte; every other
 *    reference type is interned per module (wasm_module.vtab) with its type
 *    index made canonical, so two codes are equal exactly when the types
 *    are equivalent. The fast path compares codes; the general path asks
 *    wvt_sub for subtyping. Codes are a byte so that the validator's stacks
 *    and fast path stay as they were; a module with more distinct
 *    reference types than free codes is rejected (implementation limit).
 *    GC modules will want more: widening the code to 16 bits touches the
 *    validator's stacks only (docs/wasm3.md, "GC types").
 *  - the runtime byte ("types" arrays, what the compiler, the executor and
 *    the embedding API read): the representation of the value. A
 *    reference becomes the nullable top of its hierarchy (funcref for
 *    every function reference, externref, exnref, anyref).
 *
 * A function type is "simple" when its runtime bytes say all there is to
 * say: no reference but funcref/externref/exnref, final, no supertype,
 * alone in its recursion group. Two simple types are equal exactly when
 * their bytes are (what call_indirect and imports compared before typed
 * references); anything else takes wtype_match.
 */
#ifndef JERICHO_INTERP_TYPES_H
#define JERICHO_INTERP_TYPES_H

#include "interp/module.h"
#include "interp/reader.h"

typedef uint32_t wft_t;

#define WFT_REF  0x100u          /* a reference type */
#define WFT_NULL 0x200u          /* ... nullable */
#define WFT_IDX  0x400u          /* ... heap type is a type index (WFT_INDEX) */
#define WFT_INDEX(t) ((t) >> 11)
#define WFT_MAKE_IDX(null, i) (WFT_REF | ((null) ? WFT_NULL : 0) | WFT_IDX | (uint32_t)(i) << 11)
/* Type indices a full type can hold (2^21); the module's types are capped
 * lower, at the JS API's limit. */
#define WMOD_MAX_TYPES 1000000u

/* Abstract heap types, as their one-byte (s33) encodings. */
enum {
    WHT_EXN = 0x69, WHT_ARRAY = 0x6a, WHT_STRUCT = 0x6b, WHT_I31 = 0x6c, WHT_EQ = 0x6d,
    WHT_ANY = 0x6e, WHT_EXTERN = 0x6f, WHT_FUNC = 0x70, WHT_NONE = 0x71,
    WHT_NOEXTERN = 0x72, WHT_NOFUNC = 0x73, WHT_NOEXN = 0x74,
};
/* Composite type kinds (the type section's forms). */
enum { WCT_FUNC = 0x60, WCT_STRUCT = 0x5f, WCT_ARRAY = 0x5e };

#define WTYPE_NO_SUPER UINT32_MAX

/* A valtype of a module's code (the decoder's, after the type section):
 * reads a value type (numeric, shorthand or 0x63/0x64 heap type), checks
 * its features and index, and gives its runtime byte and validator code.
 * False with the reader's error set. */
bool wtype_read_vt(wasm_module_t *m, wrd_t *r, uint8_t *rt, uint8_t *vt);
/* The same for a heap type alone (ref.null's immediate): the code of
 * (ref null ht). */
bool wtype_read_heap(wasm_module_t *m, wrd_t *r, uint8_t *rt, uint8_t *vt);

/* The type section (decode.c calls it for section 1). */
bool wtype_sec(wasm_module_t *m, wrd_t *r);
/* Set up the fixed codes (before decoding). */
void wtype_init(wasm_module_t *m);

/* Is code a reference type? Nullable? */
static inline bool wvt_is_ref(const wasm_module_t *m, uint8_t vt)
{
    return (m->vtab[vt] & WFT_REF) != 0;
}
static inline bool wvt_nullable(const wasm_module_t *m, uint8_t vt)
{
    return (m->vtab[vt] & WFT_NULL) != 0;
}
/* Is a value of type code a subtype of want (codes; 0 = the unknown type
 * of unreachable code, a subtype of everything)? */
bool wvt_sub(const wasm_module_t *m, uint8_t vt, uint8_t want);
/* Codes of types made from others: (ref ht) for (ref null? ht), the code
 * of (ref $typeidx) / (ref null $typeidx); 0 with *err set when no code is
 * left (implementation limit). */
uint8_t wvt_nonnull(wasm_module_t *m, uint8_t vt, const char **err);
uint8_t wvt_of_type(wasm_module_t *m, uint32_t typeidx, bool null, const char **err);
/* The code of (ref null? ht) for an abstract heap type (WHT_*). */
uint8_t wvt_abstract(wasm_module_t *m, uint8_t ht, bool null, const char **err);
/* A reference type code's heap type: a type index (>= 0) or -1 (abstract). */
int64_t wvt_typeidx(const wasm_module_t *m, uint8_t vt);
/* Is the code's heap type in the function hierarchy (func, nofunc, a
 * function type)? */
bool wvt_is_funcref(const wasm_module_t *m, uint8_t vt);
/* Are n codes a[i] <: b[i]? */
bool wvt_sub_n(const wasm_module_t *m, uint32_t n, const uint8_t *a, const uint8_t *b);
/* Does a value of this type have a default (numeric, or nullable)? */
bool wvt_defaultable(const wasm_module_t *m, uint8_t vt);

/* Is value type code a (of module ma) a subtype of b (of mb), across
 * modules? A NULL module: a host object's type, one of the fixed codes
 * (numeric types, funcref, externref, exnref). For imported globals and
 * tables. */
bool wvt_match(const wasm_module_t *ma, uint8_t a, const wasm_module_t *mb, uint8_t b);

/* Is type a (of module ma) a subtype of type b (of module mb), under
 * iso-recursive equivalence across modules? For call_indirect, call_ref
 * and imports. ma may be NULL for a host function's type (bytes only). */
bool wtype_match(const wasm_module_t *ma, uint32_t a, const wasm_functype_t *fa,
                 const wasm_module_t *mb, uint32_t b);

#endif
