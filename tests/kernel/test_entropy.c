/*
 * test_entropy.c - the Entropy object on the host, where the fake arch
 * has no CPU generator: the kernel's ChaCha20 generator answers, two
 * requests never repeat, and the bytes are not constant.
 */
#include <string.h>

#include "kernel/entropy.h"
#include "ut.h"

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
}
