/*
 * reader.h - a bounds-checked byte reader for the wasm binary format:
 * bytes, LEB128 integers (u32, s32, s33, s64) and raw floats.
 *
 * Errors are sticky: the first failure stores its message in r->err and
 * every later read returns 0 without moving, so a decoder may read a whole
 * record and check r->err once. Nothing here reads past r->end.
 *
 * LEB128 rules (spec 5.2.2): an N-bit integer takes at most ceil(N/7)
 * bytes ("integer representation too long"); the unused bits of the last
 * byte must be zero for unsigned and copies of the sign bit for signed
 * integers ("integer too large").
 */
#ifndef JERICHO_INTERP_READER_H
#define JERICHO_INTERP_READER_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct {
    const uint8_t *p;     /* next byte */
    const uint8_t *end;   /* one past the last readable byte */
    const char *eof_msg;  /* message when a read passes end */
    const char *err;      /* first error, or NULL */
} wrd_t;

#define WRD_EOF "unexpected end"
#define WRD_EOS "unexpected end of section or function"

static inline void wrd_init(wrd_t *r, const uint8_t *p, const uint8_t *end, const char *eof_msg)
{
    r->p = p;
    r->end = end;
    r->eof_msg = eof_msg;
    r->err = NULL;
}

static inline bool wrd_fail(wrd_t *r, const char *msg)
{
    if (!r->err)
        r->err = msg;
    r->p = r->end;
    return false;
}

static inline size_t wrd_left(const wrd_t *r)
{
    return (size_t)(r->end - r->p);
}

static inline bool wrd_ok(const wrd_t *r)
{
    return r->err == NULL;
}

static inline uint8_t wrd_u8(wrd_t *r)
{
    if (r->err)
        return 0;
    if (r->p >= r->end) {
        wrd_fail(r, r->eof_msg);
        return 0;
    }
    /* p < end: not NULL (see wrd_uleb) */
    // NOLINTNEXTLINE(clang-analyzer-core.NullDereference)
    return *r->p++;
}

/* The general readers (reader.c): any length, every check. */
uint64_t wrd_uleb_slow(wrd_t *r, unsigned bits);
int64_t wrd_sleb_slow(wrd_t *r, unsigned bits);

/* Unsigned LEB128 of at most `bits` bits (<= 64). A byte below 0x80 is
 * the value itself for any bits >= 7 (most indices and immediates). */
static inline uint64_t wrd_uleb(wrd_t *r, unsigned bits)
{
    /* r->p < r->end: a reader's p is NULL only with end NULL (an empty
     * range), so the load is never of NULL; the analyzer cannot see it */
    // NOLINTNEXTLINE(clang-analyzer-core.NullDereference)
    if (__builtin_expect(bits >= 7 && !r->err && r->p < r->end && !(*r->p & 0x80), 1))
        return *r->p++;
    return wrd_uleb_slow(r, bits);
}

/* Signed LEB128 of at most `bits` bits (<= 64), sign-extended to 64. A
 * byte below 0x80 is 7 bits, sign-extended, for any bits >= 7. */
static inline int64_t wrd_sleb(wrd_t *r, unsigned bits)
{
    /* r->p < r->end: a reader's p is NULL only with end NULL (an empty
     * range), so the load is never of NULL; the analyzer cannot see it */
    // NOLINTNEXTLINE(clang-analyzer-core.NullDereference)
    if (__builtin_expect(bits >= 7 && !r->err && r->p < r->end && !(*r->p & 0x80), 1)) {
        uint8_t b = *r->p++;
        return (int64_t)(b & 0x40 ? (uint64_t)b | ~(uint64_t)0x7f : (uint64_t)b);
    }
    return wrd_sleb_slow(r, bits);
}

static inline uint32_t wrd_u32(wrd_t *r)
{
    return (uint32_t)wrd_uleb(r, 32);
}

static inline uint64_t wrd_u64(wrd_t *r)
{
    return wrd_uleb(r, 64);
}

static inline int32_t wrd_s32(wrd_t *r)
{
    return (int32_t)wrd_sleb(r, 32);
}

static inline int64_t wrd_s64(wrd_t *r)
{
    return wrd_sleb(r, 64);
}

static inline int64_t wrd_s33(wrd_t *r)
{
    return wrd_sleb(r, 33);
}

/* n raw bytes; returns a pointer to them or NULL. */
static inline const uint8_t *wrd_bytes(wrd_t *r, size_t n)
{
    if (r->err)
        return NULL;
    if (n > wrd_left(r)) {
        wrd_fail(r, r->eof_msg);
        return NULL;
    }
    const uint8_t *p = r->p;
    r->p += n;
    return p;
}

/* A byte-string length (name, data, section or body size): must not
 * exceed the bytes left ("length out of bounds"). */
static inline uint32_t wrd_len(wrd_t *r)
{
    uint32_t n = wrd_u32(r);
    if (!r->err && n > wrd_left(r)) {
        wrd_fail(r, "length out of bounds");
        return 0;
    }
    return n;
}

/* A vector's element count. Every element takes at least one byte, so a
 * count above the bytes left means reading would run out: fail now, with
 * the end-of-input message, before anything is allocated for it. This
 * caps every allocation of the decoder by the input size. */
static inline uint32_t wrd_count(wrd_t *r)
{
    uint32_t n = wrd_u32(r);
    if (!r->err && n > wrd_left(r)) {
        wrd_fail(r, r->eof_msg);
        return 0;
    }
    return n;
}

#endif
