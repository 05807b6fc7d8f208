/*
 * lz4.c - benchmark of byte loads and stores, hashing and branches: an
 * LZ4-style block compressor (4-byte hash of the next bytes, 64 KiB
 * window, token = literal length : match length, lengths extended by 255
 * bytes, 2-byte offsets: the LZ4 block format) and its decompressor, over
 * pseudo-random text built from a small vocabulary. Every pass compresses
 * the buffer, decompresses it and checks the round trip (exit 1 if it
 * differs). Usage: lz4 [BYTES [PASSES]] (defaults 2000000, 8). Prints the
 * compressed size and a checksum of the compressed bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define HASH_BITS 12
#define MIN_MATCH 4
#define WINDOW 65535u

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t hash4(uint32_t v) { return (v * 2654435761u) >> (32 - HASH_BITS); }

static uint8_t *put_len(uint8_t *o, uint32_t n)
{
    while (n >= 255) {
        *o++ = 255;
        n -= 255;
    }
    *o++ = (uint8_t)n;
    return o;
}

static uint8_t *put_seq(uint8_t *o, const uint8_t *lit, uint32_t nlit, uint32_t off, uint32_t mlen)
{
    uint8_t *tok = o++;
    uint32_t ml = mlen ? mlen - MIN_MATCH : 0;
    *tok = (uint8_t)((nlit < 15 ? nlit : 15) << 4 | (ml < 15 ? ml : 15));
    if (nlit >= 15)
        o = put_len(o, nlit - 15);
    for (uint32_t i = 0; i < nlit; i++)
        o[i] = lit[i];
    o += nlit;
    if (mlen) {
        *o++ = (uint8_t)off;
        *o++ = (uint8_t)(off >> 8);
        if (ml >= 15)
            o = put_len(o, ml - 15);
    }
    return o;
}

/* Compress n bytes of in into out (room for n + n / 255 + 16); returns the size. */
static uint32_t compress(const uint8_t *in, uint32_t n, uint8_t *out, uint32_t *table)
{
    uint8_t *o = out;
    uint32_t anchor = 0, i = 0;
    for (uint32_t k = 0; k < (1u << HASH_BITS); k++)
        table[k] = UINT32_MAX;
    /* the last 12 bytes are always literals (as LZ4 requires 5) */
    while (n >= 12 && i + 12 <= n) {
        uint32_t v = rd32(in + i), h = hash4(v), cand = table[h];
        table[h] = i;
        if (cand == UINT32_MAX || i - cand > WINDOW || rd32(in + cand) != v) {
            i++;
            continue;
        }
        uint32_t len = MIN_MATCH;
        while (i + len + 5 < n && in[cand + len] == in[i + len])
            len++;
        o = put_seq(o, in + anchor, i - anchor, i - cand, len);
        i += len;
        anchor = i;
    }
    o = put_seq(o, in + anchor, n - anchor, 0, 0);
    return (uint32_t)(o - out);
}

static uint32_t get_len(const uint8_t **pp, uint32_t base)
{
    const uint8_t *p = *pp;
    uint32_t n = base, b;
    do {
        b = *p++;
        n += b;
    } while (b == 255);
    *pp = p;
    return n;
}

/* Decompress size bytes of in into out; returns the bytes written. */
static uint32_t decompress(const uint8_t *in, uint32_t size, uint8_t *out)
{
    const uint8_t *p = in, *end = in + size;
    uint8_t *o = out;
    while (p < end) {
        uint32_t tok = *p++;
        uint32_t nlit = tok >> 4;
        if (nlit == 15)
            nlit = get_len(&p, 15);
        for (uint32_t i = 0; i < nlit; i++)
            o[i] = p[i];
        o += nlit;
        p += nlit;
        if (p >= end)
            break;
        uint32_t off = (uint32_t)p[0] | (uint32_t)p[1] << 8;
        p += 2;
        uint32_t ml = tok & 15;
        if (ml == 15)
            ml = get_len(&p, 15);
        ml += MIN_MATCH;
        const uint8_t *m = o - off;
        for (uint32_t i = 0; i < ml; i++) /* may overlap: byte by byte */
            o[i] = m[i];
        o += ml;
    }
    return (uint32_t)(o - out);
}

int main(int argc, char **argv)
{
    static const char *const words[] = {
        "the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ", "capability ",
        "kernel ", "message ", "endpoint ", "wasm ", "task ", "memory ", "table ", "\n",
        "a ", "of ", "to ", "in ", "and ", "is ", "for ", "interpreter ", "benchmark ",
    };
    uint32_t n = argc > 1 ? (uint32_t)atoi(argv[1]) : 2000000;
    uint32_t passes = argc > 2 ? (uint32_t)atoi(argv[2]) : 8;
    uint32_t cap = n + n / 255 + 16;
    uint8_t *in = malloc(n + 1), *out = malloc(cap), *back = malloc(n + 1);
    uint32_t *table = malloc((1u << HASH_BITS) * sizeof(uint32_t));
    if (!in || !out || !back || !table) {
        printf("out of memory\n");
        return 1;
    }
    uint32_t x = 2463534242u; /* xorshift32 */
    for (uint32_t i = 0; i < n;) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        const char *w = words[x % (sizeof words / sizeof words[0])];
        for (; *w && i < n; w++)
            in[i++] = (uint8_t)(x & 0x700 ? *w : *w ^ 0x20);
    }
    uint32_t size = 0, acc = 0;
    for (uint32_t p = 0; p < passes; p++) {
        if (n)
            in[(p * 7919u) % n] ^= (uint8_t)p; /* every pass differs */
        size = compress(in, n, out, table);
        uint32_t same = decompress(out, size, back) == n;
        for (uint32_t i = 0; same && i < n; i++)
            same = back[i] == in[i];
        if (!same) {
            printf("lz4: round trip failed\n");
            return 1;
        }
        uint32_t h = 2166136261u; /* FNV-1a of the compressed block */
        for (uint32_t i = 0; i < size; i++)
            h = (h ^ out[i]) * 16777619u;
        acc = (acc << 5 | acc >> 27) ^ h;
    }
    printf("lz4 of %u bytes x%u: %u bytes, checksum %08x\n", n, passes, size, acc);
    free(in);
    free(out);
    free(back);
    free(table);
    return 0;
}
