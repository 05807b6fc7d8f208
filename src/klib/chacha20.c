/*
 * chacha20.c - the ChaCha20 block function of RFC 8439 (section 2.3):
 * 20 rounds over a 256-bit key, a 32-bit block counter and a 96-bit
 * nonce, giving 64 bytes of keystream. The kernel's software random
 * generator (src/object/entropy.c) is built on it. Pure computation.
 */
#include "klib.h"

#define ROTL(v, n) (((v) << (n)) | ((v) >> (32 - (n))))
#define QR(a, b, c, d)                                  \
    do {                                                \
        a += b; d ^= a; d = ROTL(d, 16);                \
        c += d; b ^= c; b = ROTL(b, 12);                \
        a += b; d ^= a; d = ROTL(d, 8);                 \
        c += d; b ^= c; b = ROTL(b, 7);                 \
    } while (0)

void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
                    uint8_t out[64])
{
    uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    for (int i = 0; i < 8; i++)
        in[4 + i] = key[i];
    in[12] = counter;
    for (int i = 0; i < 3; i++)
        in[13 + i] = nonce[i];
    uint32_t x[16];
    for (int i = 0; i < 16; i++)
        x[i] = in[i];
    for (int r = 0; r < 10; r++) {
        QR(x[0], x[4], x[8], x[12]);
        QR(x[1], x[5], x[9], x[13]);
        QR(x[2], x[6], x[10], x[14]);
        QR(x[3], x[7], x[11], x[15]);
        QR(x[0], x[5], x[10], x[15]);
        QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]);
        QR(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++) {
        uint32_t v = x[i] + in[i];
        out[4 * i] = (uint8_t)v;
        out[4 * i + 1] = (uint8_t)(v >> 8);
        out[4 * i + 2] = (uint8_t)(v >> 16);
        out[4 * i + 3] = (uint8_t)(v >> 24);
    }
}
