/*
 * test_entropy.c - the Entropy object on the host, where the fake arch
 * has no CPU generator: the kernel's ChaCha20 pool answers, two
 * requests never repeat, and the bytes are not constant; entropy_add
 * mixes into that pool and never replaces it.
 */
#include <string.h>

#include "kernel/entropy.h"
#include "ut.h"

/* entropy_add mixes into the pool random_get draws from (no CPU generator
 * here, so a draw is exactly the pool's): the pool after it is the pool
 * before it mixed with the bytes, and the bytes handed out change; mixing
 * is deterministic, takes every byte and the length into account, and
 * the same hostile bytes mixed into two different pools leave two
 * different pools (a contribution that replaced the key would make them
 * equal). */
static void add_mixes_never_replaces(entropy_t *e)
{
    uint8_t big[ENTROPY_ADD_MAX], x[48], y[48], z[48];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i * 7);
    entropy_pool_t p0, p1, q;
    entropy_pool_peek(&p0);
    uint64_t added = e->added;
    entropy_add(e, big, sizeof big);            /* 16 steps of 256 bytes */
    UT_CHECK(e->added - added == sizeof big);
    entropy_pool_peek(&p1);
    q = p0;
    for (size_t off = 0; off < sizeof big; off += 256)
        entropy_pool_mix(&q, big + off, 256);
    UT_CHECK(memcmp(&q, &p1, sizeof q) == 0);
    q = p0;
    entropy_pool_draw(&q, x, sizeof x);         /* what it would have given */
    q = p1;
    entropy_pool_draw(&q, y, sizeof y);
    entropy_fill(e, z, sizeof z);               /* what it gives */
    UT_CHECK(memcmp(y, z, sizeof y) == 0);
    UT_CHECK(memcmp(x, z, sizeof x) != 0);
    /* every byte and the length count */
    entropy_pool_t a = p0, b = p0, c = p0;
    uint8_t d[33] = {0};
    entropy_pool_mix(&a, d, 32);
    entropy_pool_mix(&b, d, 33);
    d[32] = 1;
    entropy_pool_mix(&c, d, 33);
    UT_CHECK(memcmp(a.key, b.key, sizeof a.key) != 0);
    UT_CHECK(memcmp(b.key, c.key, sizeof b.key) != 0);
    UT_CHECK(memcmp(a.key, p0.key, sizeof a.key) != 0);
    a = p0;
    entropy_pool_mix(&a, d, 33);
    UT_CHECK(memcmp(a.key, c.key, sizeof a.key) == 0);      /* deterministic */
    /* hostile: the same bytes (the last output, then the pools' own key)
     * into two different pools */
    a = p0;
    b = p1;
    entropy_pool_mix(&a, x, sizeof x);
    entropy_pool_mix(&b, x, sizeof x);
    UT_CHECK(memcmp(a.key, b.key, sizeof a.key) != 0);
    uint8_t k[32];
    memcpy(k, a.key, sizeof k);
    entropy_pool_mix(&a, k, sizeof k);          /* key ^ chunk = 0 */
    entropy_pool_mix(&b, k, sizeof k);
    UT_CHECK(memcmp(a.key, b.key, sizeof a.key) != 0);
    memset(z, 0, 32);
    UT_CHECK(memcmp(a.key, z, 32) != 0);
    entropy_pool_peek(&q);
    entropy_add(e, big, 0);                     /* nothing: no change */
    entropy_pool_t now;
    entropy_pool_peek(&now);
    UT_CHECK(memcmp(&q, &now, sizeof q) == 0);
}

UT(entropy_soft_generator)
{
    entropy_t *e = entropy_get();
    UT_CHECK(e == entropy_get());
    UT_CHECK(strcmp(entropy_source(), "chacha20") == 0);
    uint8_t a[100], b[100];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    entropy_fill(e, a, sizeof a);
    entropy_fill(e, b, sizeof b);
    UT_CHECK(memcmp(a, b, sizeof a) != 0);      /* re-keyed between requests */
    int same = 0;
    for (size_t i = 1; i < sizeof a; i++)
        same += a[i] == a[0];
    UT_CHECK(same < 10);
    uint8_t big[10000];
    entropy_fill(e, big, sizeof big);           /* more than one 4 KiB step */
    UT_CHECK(memcmp(big, big + 4096, 64) != 0);
    UT_CHECK(e->bytes == 10200);
    /* in the same test: the object lives in this test's RAM (ut_main) */
    add_mixes_never_replaces(e);
}
