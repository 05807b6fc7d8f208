/*
 * decode_sec.h - helpers shared by the section decoders (decode.c,
 * decode_segs.c, decode_tag.c). Each returns false with the reader's error set.
 */
#ifndef JERICHO_INTERP_DECODE_SEC_H
#define JERICHO_INTERP_DECODE_SEC_H

#include "interp/decode.h"

bool wdec_grow(void **arr, uint32_t old_n, uint32_t new_n, size_t sz);
/* A UTF-8 name, copied NUL-terminated; *len (if given) gets its length. */
bool wdec_name(wrd_t *r, char **out, uint32_t *len);
/* A value / reference type: its runtime byte and validator code (types.h). */
bool wdec_valtype(wasm_module_t *m, wrd_t *r, uint8_t *rt, uint8_t *vt);
bool wdec_reftype(wasm_module_t *m, wrd_t *r, uint8_t *rt, uint8_t *vt);
bool wdec_expr(wrd_t *r, wmod_expr_t *e);

/* decode_tag.c: a tag type (attribute 0, type index), the tag section. */
bool wdec_tagtype(wrd_t *r, wmod_tag_t *t);
bool wdec_sec_tag(wasm_module_t *m, wrd_t *r);
bool wdec_sec_elem(wasm_module_t *m, wrd_t *r);
bool wdec_sec_code(wasm_module_t *m, wrd_t *r, uint32_t ndefined);
bool wdec_sec_data(wasm_module_t *m, wrd_t *r);

#endif
