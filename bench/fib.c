/*
 * fib.c - benchmark of calls: naive recursive Fibonacci.
 * Usage: fib [N]  (default 38). Prints fib(N) as the checksum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

__attribute__((noinline)) static uint32_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
    uint32_t n = argc > 1 ? (uint32_t)atoi(argv[1]) : 38;
    printf("fib(%u) = %u\n", n, fib(n));
    return 0;
}
