/*
 * wbuf.h - a growable byte buffer with the wasm binary encodings the
 * module generator needs (LEB128, sections), and a reader of fuzzer bytes
 * that never runs dry (past the end it yields zeros and says so).
 */
#ifndef JERICHO_FUZZ_WBUF_H
#define JERICHO_FUZZ_WBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t *p;
    size_t n, cap;
} fz_buf_t;

void fz_buf_byte(fz_buf_t *b, uint8_t v);
void fz_buf_bytes(fz_buf_t *b, const void *p, size_t n);
void fz_buf_u32(fz_buf_t *b, uint32_t v); /* unsigned LEB128 */
void fz_buf_s32(fz_buf_t *b, int32_t v);  /* signed LEB128 */
void fz_buf_s64(fz_buf_t *b, int64_t v);
void fz_buf_le32(fz_buf_t *b, uint32_t v); /* little-endian, f32 bits */
void fz_buf_le64(fz_buf_t *b, uint64_t v);
/* Section id, then size and the contents of body. */
void fz_buf_section(fz_buf_t *b, uint8_t id, const fz_buf_t *body);
void fz_buf_free(fz_buf_t *b);

typedef struct {
    const uint8_t *p;
    size_t n, i;
} fz_src_t;

uint8_t fz_src_u8(fz_src_t *s);
uint32_t fz_src_u32(fz_src_t *s);
uint64_t fz_src_u64(fz_src_t *s);
/* A number in [0, n) (n > 0). */
uint32_t fz_src_below(fz_src_t *s, uint32_t n);
bool fz_src_empty(const fz_src_t *s);

#endif
