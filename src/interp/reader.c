/*
 * reader.c - the general LEB128 readers of reader.h: any length up to the
 * width, every rule of spec 5.2.2 checked. reader.h's inline readers take
 * the one-byte case themselves and call these for the rest (one copy of
 * the loop in the image instead of one per call site).
 */
#include "interp/reader.h"

/* Unsigned LEB128 of at most `bits` bits (<= 64). */
uint64_t wrd_uleb_slow(wrd_t *r, unsigned bits)
{
    uint64_t v = 0;
    unsigned shift = 0;
    for (;;) {
        uint8_t b = wrd_u8(r);
        if (r->err)
            return 0;
        if (shift + 7 >= bits) {           /* last allowed byte */
            if (b & 0x80) {
                wrd_fail(r, "integer representation too long");
                return 0;
            }
            if ((uint64_t)b >> (bits - shift)) {
                wrd_fail(r, "integer too large");
                return 0;
            }
            return v | ((uint64_t)b << shift);
        }
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
        shift += 7;
    }
}

/* Signed LEB128 of at most `bits` bits (<= 64), sign-extended to 64. */
int64_t wrd_sleb_slow(wrd_t *r, unsigned bits)
{
    uint64_t v = 0;
    unsigned shift = 0;
    for (;;) {
        uint8_t b = wrd_u8(r);
        if (r->err)
            return 0;
        if (shift + 7 >= bits) {           /* last allowed byte */
            if (b & 0x80) {
                wrd_fail(r, "integer representation too long");
                return 0;
            }
            /* bits (bits-1-shift).. of b: sign bit and unused bits must agree */
            unsigned used = bits - shift;  /* 1..7 value bits in this byte */
            uint8_t rest = (uint8_t)((b >> (used - 1)) & 0x7f);
            uint8_t all = (uint8_t)(0x7f >> (used - 1));
            if (rest != 0 && rest != all) {
                wrd_fail(r, "integer too large");
                return 0;
            }
            v |= (uint64_t)(b & 0x7f) << shift;
            shift += 7;
            break;
        }
        v |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    if (shift < 64 && ((v >> (shift - 1)) & 1))
        v |= ~(uint64_t)0 << shift;
    return (int64_t)v;
}
