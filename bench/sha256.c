/*
 * sha256.c - benchmark of 32-bit integer rotates, shifts and adds: SHA-256
 * (FIPS 180-4) over a pseudo-random buffer, several passes, each pass
 * hashing the buffer after writing the previous digest into its first 32
 * bytes. Usage: sha256 [BYTES [PASSES]] (defaults 4000000, 4). Checks the
 * implementation against the FIPS "abc" and two-block vectors first (exit
 * 1 if wrong), then prints the last digest and a checksum of all of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint8_t buf[64];
    uint32_t nbuf;
    uint64_t len;
} sha256_t;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n) { return x >> n | x << (32 - n); }

static void block(uint32_t *h, const uint8_t *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha_init(sha256_t *s)
{
    static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    memcpy(s->h, iv, sizeof iv);
    s->nbuf = 0;
    s->len = 0;
}

static void sha_update(sha256_t *s, const uint8_t *p, uint32_t n)
{
    s->len += n;
    while (n) {
        if (s->nbuf == 0 && n >= 64) {
            block(s->h, p);
            p += 64;
            n -= 64;
            continue;
        }
        uint32_t k = 64 - s->nbuf < n ? 64 - s->nbuf : n;
        memcpy(s->buf + s->nbuf, p, k);
        s->nbuf += k;
        p += k;
        n -= k;
        if (s->nbuf == 64) {
            block(s->h, s->buf);
            s->nbuf = 0;
        }
    }
}

static void sha_final(sha256_t *s, uint8_t out[32])
{
    uint64_t bits = s->len * 8;
    uint8_t pad[72] = { 0x80 };
    uint32_t np = (s->nbuf < 56 ? 56 : 120) - s->nbuf;
    for (int i = 0; i < 8; i++)
        pad[np + i] = (uint8_t)(bits >> (56 - 8 * i));
    sha_update(s, pad, np + 8);
    for (int i = 0; i < 32; i++)
        out[i] = (uint8_t)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* FIPS 180-4 examples: first word of the digest of "abc" and of the
 * 56-byte two-block message. */
static int selftest(void)
{
    static const char m2[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    uint8_t d[32];
    sha256_t s;
    sha_init(&s);
    sha_update(&s, (const uint8_t *)"abc", 3);
    sha_final(&s, d);
    if (d[0] != 0xba || d[1] != 0x78 || d[2] != 0x16 || d[3] != 0xbf || d[31] != 0xad)
        return 0;
    sha_init(&s);
    sha_update(&s, (const uint8_t *)m2, sizeof m2 - 1);
    sha_final(&s, d);
    return d[0] == 0x24 && d[1] == 0x8d && d[2] == 0x6a && d[3] == 0x61 && d[31] == 0xc1;
}

int main(int argc, char **argv)
{
    uint32_t n = argc > 1 ? (uint32_t)atoi(argv[1]) : 4000000;
    uint32_t passes = argc > 2 ? (uint32_t)atoi(argv[2]) : 4;
    if (!selftest()) {
        printf("sha256: self-test failed\n");
        return 1;
    }
    uint8_t *buf = malloc(n < 32 ? 32 : n);
    if (!buf) {
        printf("out of memory\n");
        return 1;
    }
    uint32_t x = 2463534242u; /* xorshift32 */
    for (uint32_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
    uint8_t d[32] = { 0 };
    uint32_t acc = 0;
    for (uint32_t p = 0; p < passes; p++) {
        sha256_t s;
        memcpy(buf, d, n < 32 ? n : 32);
        sha_init(&s);
        sha_update(&s, buf, n);
        sha_final(&s, d);
        acc = (acc << 5 | acc >> 27) ^ ((uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
                                        (uint32_t)d[2] << 8 | d[3]);
    }
    printf("sha256 of %u bytes x%u: ", n, passes);
    for (int i = 0; i < 32; i++)
        printf("%02x", d[i]);
    printf(", checksum %08x\n", acc);
    free(buf);
    return 0;
}
