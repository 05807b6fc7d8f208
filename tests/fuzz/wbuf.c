/*
 * wbuf.c - byte buffer, wasm encodings and the fuzzer-byte reader (wbuf.h).
 */
#include "wbuf.h"

#include <stdlib.h>
#include <string.h>

void fz_buf_bytes(fz_buf_t *b, const void *p, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p)
            abort();
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->n, p, n);
    b->n += n;
}

void fz_buf_byte(fz_buf_t *b, uint8_t v)
{
    fz_buf_bytes(b, &v, 1);
}

void fz_buf_u32(fz_buf_t *b, uint32_t v)
{
    do {
        uint8_t c = v & 0x7f;
        v >>= 7;
        fz_buf_byte(b, (uint8_t)(c | (v ? 0x80 : 0)));
    } while (v);
}

void fz_buf_s64(fz_buf_t *b, int64_t v)
{
    for (;;) {
        uint8_t c = (uint8_t)(v & 0x7f);
        v >>= 7; /* arithmetic shift: gnu11 on every compiler we use */
        bool done = (v == 0 && !(c & 0x40)) || (v == -1 && (c & 0x40));
        fz_buf_byte(b, (uint8_t)(c | (done ? 0 : 0x80)));
        if (done)
            return;
    }
}

void fz_buf_s32(fz_buf_t *b, int32_t v)
{
    fz_buf_s64(b, v);
}

void fz_buf_le32(fz_buf_t *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        fz_buf_byte(b, (uint8_t)(v >> (8 * i)));
}

void fz_buf_le64(fz_buf_t *b, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        fz_buf_byte(b, (uint8_t)(v >> (8 * i)));
}

void fz_buf_section(fz_buf_t *b, uint8_t id, const fz_buf_t *body)
{
    fz_buf_byte(b, id);
    fz_buf_u32(b, (uint32_t)body->n);
    fz_buf_bytes(b, body->p, body->n);
}

void fz_buf_free(fz_buf_t *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

uint8_t fz_src_u8(fz_src_t *s)
{
    return s->i < s->n ? s->p[s->i++] : 0;
}

uint32_t fz_src_u32(fz_src_t *s)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v |= (uint32_t)fz_src_u8(s) << (8 * i);
    return v;
}

uint64_t fz_src_u64(fz_src_t *s)
{
    uint64_t lo = fz_src_u32(s);
    return lo | (uint64_t)fz_src_u32(s) << 32;
}

uint32_t fz_src_below(fz_src_t *s, uint32_t n)
{
    uint32_t v = n > 256 ? (fz_src_u8(s) | (uint32_t)fz_src_u8(s) << 8) : fz_src_u8(s);
    return v % n;
}

bool fz_src_empty(const fz_src_t *s)
{
    return s->i >= s->n;
}
