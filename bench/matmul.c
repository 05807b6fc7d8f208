/*
 * matmul.c - benchmark of f64 arithmetic: C = A * B for N x N matrices
 * (i-k-j loop order), repeated. Usage: matmul [N [REPS]] (defaults 300, 8).
 * Prints the trace and the sum of C as checksums.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static void matmul(uint32_t n, const double *a, const double *b, double *c)
{
    for (uint32_t i = 0; i < n * n; i++)
        c[i] = 0.0;
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (uint32_t j = 0; j < n; j++)
                c[i * n + j] += aik * b[k * n + j];
        }
}

int main(int argc, char **argv)
{
    uint32_t n = argc > 1 ? (uint32_t)atoi(argv[1]) : 300;
    uint32_t reps = argc > 2 ? (uint32_t)atoi(argv[2]) : 8;
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
    double *c = malloc(sizeof(double) * n * n);
    if (!a || !b || !c) {
        printf("out of memory\n");
        return 1;
    }
    uint32_t seed = 12345;
    for (uint32_t i = 0; i < n * n; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (double)(seed >> 16 & 0x7fff) / 32768.0 - 0.5;
        seed = seed * 1103515245u + 12345u;
        b[i] = (double)(seed >> 16 & 0x7fff) / 16384.0 - 1.0;
    }
    double trace = 0.0, sum = 0.0;
    for (uint32_t r = 0; r < reps; r++) {
        matmul(n, a, b, c);
        a[r % (n * n)] += 0.25; /* each round differs */
        for (uint32_t i = 0; i < n; i++)
            trace += c[i * n + i];
    }
    for (uint32_t i = 0; i < n * n; i++)
        sum += c[i];
    printf("matmul %ux%u x%u: trace %.9e sum %.9e\n", n, n, reps, trace, sum);
    free(a);
    free(b);
    free(c);
    return 0;
}
