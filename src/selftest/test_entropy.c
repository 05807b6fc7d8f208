/*
 * test_entropy.c - in-kernel self-test of the Entropy object (what WASI
 * random_get reads): two draws differ and are not constant, whichever
 * source the boot chose (the CPU's generator, or ChaCha20 with no CPU
 * generator or `entropy=soft`: tests/qemu/check.sh boots both), and the
 * source is the one the CPU offers unless the soft generator was forced.
 */
#include "hal.h"
#include "kernel/entropy.h"
#include "selftest/ktest.h"

/* How many of the n bytes equal the first (a stuck generator: all). */
static int same_as_first(const uint8_t *p, size_t n)
{
    int k = 0;
    for (size_t i = 1; i < n; i++)
        k += p[i] == p[0];
    return k;
}

KTEST(entropy_two_draws_differ)
{
    entropy_t *e = entropy_get();
    const char *src = entropy_source();
    const char *cpu = arch_random_name();
    KT_CHECK(strcmp(src, "chacha20") == 0 || (cpu && strcmp(src, cpu) == 0));
    uint8_t a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    uint64_t before = e->bytes;
    entropy_fill(e, a, sizeof a);
    entropy_fill(e, b, sizeof b);
    KT_CHECK(memcmp(a, b, sizeof a) != 0);
    KT_CHECK(same_as_first(a, sizeof a) < 16);
    KT_CHECK(same_as_first(b, sizeof b) < 16);
    KT_CHECK(e->bytes - before == sizeof a + sizeof b);
    /* Odd lengths (the CPU path takes 8 bytes at a time). */
    uint8_t c[13] = {0}, d[13] = {0};
    entropy_fill(e, c, sizeof c);
    entropy_fill(e, d, sizeof d);
    KT_CHECK(memcmp(c, d, sizeof c) != 0);
}
