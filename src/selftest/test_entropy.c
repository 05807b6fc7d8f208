/*
 * test_entropy.c - in-kernel self-test of the Entropy object (what WASI
 * random_get reads): two draws differ and are not constant, whichever
 * source the boot chose (the CPU's generator, or ChaCha20 with no CPU
 * generator or `entropy=soft`: tests/qemu/check.sh boots both), and the
 * source is the one the CPU offers unless the soft generator was forced;
 * and entropy_add (what the virtio-rng driver calls) mixes into the pool
 * random_get draws from: the pool after it is exactly the pool before it
 * mixed with the bytes (nothing replaced, nothing else), the next draw
 * changes, and under `entropy=soft` random_get's bytes are exactly that
 * draw. A contributor cannot steer the pool: the same bytes mixed into
 * two different pools leave two different pools.
 */
#include "hal.h"
#include "kernel/crit.h"
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

KTEST(entropy_add_mixes)
{
    entropy_t *e = entropy_get();
    static const char data[] = "bytes from a driver: a contribution, known to an attacker";
    entropy_pool_t before, after, expect, a, b;
    uint8_t x[32], y[32], z[32];
    uint64_t added = e->added;
    /* one critical section: no other task draws between the peeks */
    kcrit_t s = kcrit_enter();
    entropy_pool_peek(&before);
    entropy_add(e, data, sizeof data);
    entropy_pool_peek(&after);
    kcrit_leave(s);
    KT_CHECK(e->added - added == sizeof data);
    expect = before;
    entropy_pool_mix(&expect, data, sizeof data);
    KT_CHECK(memcmp(&expect, &after, sizeof after) == 0);      /* mixed, nothing else */
    KT_CHECK(memcmp(&before, &after, sizeof after) != 0);
    a = before;
    entropy_pool_draw(&a, x, sizeof x);         /* the draw without the bytes */
    b = after;
    entropy_pool_draw(&b, y, sizeof y);         /* the draw with them */
    KT_CHECK(memcmp(x, y, sizeof x) != 0);
    if (strcmp(entropy_source(), "chacha20") == 0) {
        /* no CPU generator mixed in before the draw: random_get's bytes
         * are the pool's draw (a CPU generator would change them again) */
        s = kcrit_enter();
        entropy_pool_peek(&a);
        entropy_fill(e, z, sizeof z);
        kcrit_leave(s);
        entropy_pool_draw(&a, y, sizeof y);
        KT_CHECK(memcmp(y, z, sizeof z) == 0);
    }
    /* a hostile contribution (the pool's own last output, zeros) into two
     * different pools: still two different pools */
    a = before;
    b = after;
    entropy_pool_mix(&a, x, sizeof x);
    entropy_pool_mix(&b, x, sizeof x);
    KT_CHECK(memcmp(a.key, b.key, sizeof a.key) != 0);
    memset(z, 0, sizeof z);
    a = before;
    entropy_pool_mix(&a, z, sizeof z);
    KT_CHECK(memcmp(a.key, before.key, sizeof a.key) != 0);
    KT_CHECK(memcmp(a.key, z, sizeof a.key) != 0);
}
