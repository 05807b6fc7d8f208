/*
 * crc32.c - benchmark of integer and bit operations: CRC-32 (IEEE,
 * reflected, poly 0xEDB88320) computed bit by bit over a pseudo-random
 * buffer, several passes. Usage: crc32 [BYTES [PASSES]] (defaults
 * 1000000, 10). Prints the CRC of each pass folded into one checksum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

int main(int argc, char **argv)
{
    uint32_t n = argc > 1 ? (uint32_t)atoi(argv[1]) : 1000000;
    uint32_t passes = argc > 2 ? (uint32_t)atoi(argv[2]) : 10;
    uint8_t *buf = malloc(n ? n : 1);
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
    uint32_t crc = 0, acc = 0;
    for (uint32_t p = 0; p < passes; p++) {
        crc = crc32_bitwise(crc, buf, n);
        acc = (acc << 5 | acc >> 27) ^ crc;
    }
    printf("crc32 of %u bytes x%u: %08x, checksum %08x\n", n, passes, crc, acc);
    free(buf);
    return 0;
}
