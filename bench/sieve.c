/*
 * sieve.c - benchmark of memory access: sieve of Eratosthenes over a byte
 * array, run several times. Usage: sieve [LIMIT [ROUNDS]] (defaults
 * 4000000, 10). Prints the prime count and a checksum of the primes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t sieve(uint8_t *composite, uint32_t limit, uint32_t *sum)
{
    uint32_t count = 0, s = 0;
    memset(composite, 0, limit + 1);
    for (uint32_t i = 2; (uint64_t)i * i <= limit; i++)
        if (!composite[i])
            for (uint32_t j = i * i; j <= limit; j += i)
                composite[j] = 1;
    for (uint32_t i = 2; i <= limit; i++)
        if (!composite[i]) {
            count++;
            s = s * 31u + i;
        }
    *sum = s;
    return count;
}

int main(int argc, char **argv)
{
    uint32_t limit = argc > 1 ? (uint32_t)atoi(argv[1]) : 4000000;
    uint32_t rounds = argc > 2 ? (uint32_t)atoi(argv[2]) : 10;
    uint8_t *buf = malloc((size_t)limit + 1);
    uint32_t count = 0, sum = 0, acc = 0;
    if (!buf) {
        printf("out of memory\n");
        return 1;
    }
    for (uint32_t r = 0; r < rounds; r++) {
        count = sieve(buf, limit - r, &sum);
        acc = acc * 17u + sum;
    }
    printf("primes <= %u: %u, checksum %08x\n", limit - rounds + 1, count, acc);
    free(buf);
    return 0;
}
