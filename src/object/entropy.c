/*
 * entropy.c - the Entropy object (include/kernel/entropy.h): random bytes
 * from the kernel's ChaCha20 pool, into which the CPU's generator (before
 * every request) and the holders of ENTROPY capabilities with WRITE
 * (entropy_add) mix bytes; a contribution can change the pool, never
 * replace it.
 */
#include "hal.h"
#include "kernel/crit.h"
#include "kernel/entropy.h"
#include "klib.h"
#include "mm.h"

/* nonce[0] of a mixing block; the pool's own nonce[0] is even (seed()),
 * so a mixing block never reuses a drawing block's counter and nonce. */
#define MIX_TAG 0x78696d4bu     /* odd */
#define ADD_STEP 256u           /* bytes mixed per critical section */

static entropy_t *the_entropy;
static bool soft, seeded;
static entropy_pool_t pool;

entropy_t *entropy_get(void)
{
    kcrit_t s = kcrit_enter();
    if (!the_entropy) {
        kerr_t e;
        the_entropy = (entropy_t *)kobj_alloc(OBJ_ENTROPY, sizeof(entropy_t), NULL, &e);
        if (!the_entropy)
            panic("entropy: no memory for the entropy object");
        kobj_ref(&the_entropy->obj);    /* the kernel's: it never goes */
    }
    kcrit_leave(s);
    return the_entropy;
}

void entropy_force_soft(void)
{
    soft = true;
}

static bool hardware(void)
{
    return !soft && arch_random_name();
}

const char *entropy_source(void)
{
    return hardware() ? arch_random_name() : "chacha20";
}

static uint32_t le32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

void entropy_pool_mix(entropy_pool_t *p, const void *data, size_t n)
{
    const uint8_t *d = data;
    const uint32_t nonce[3] = {MIX_TAG, (uint32_t)n, (uint32_t)((uint64_t)n >> 32)};
    uint8_t blk[64];
    uint32_t in[8];
    for (uint32_t i = 0; (size_t)i * 32 < n; i++) {
        uint8_t c[32] = {0};
        size_t k = n - (size_t)i * 32 < 32 ? n - (size_t)i * 32 : 32;
        memcpy(c, d + (size_t)i * 32, k);
        for (int j = 0; j < 8; j++)
            in[j] = p->key[j] ^ le32(c + 4 * j);
        chacha20_block(in, i, nonce, blk);      /* key' = ChaCha20(key ^ c) */
        for (int j = 0; j < 8; j++)
            p->key[j] = le32(blk + 4 * j);
    }
    memset(blk, 0, sizeof blk);
    memset(in, 0, sizeof in);
}

/* Keystream for n bytes, then a new key from the stream (fast key
 * erasure: what was handed out cannot be recomputed from the state). */
void entropy_pool_draw(entropy_pool_t *p, void *out, size_t n)
{
    uint8_t *o = out;
    uint8_t next[64], blk[64];
    uint32_t ctr = 1;
    chacha20_block(p->key, 0, p->nonce, next);  /* block 0: the next key */
    while (n) {
        chacha20_block(p->key, ctr++, p->nonce, blk);
        size_t k = n < 64 ? n : 64;
        memcpy(o, blk, k);
        o += k;
        n -= k;
        if (ctr == 0) {                         /* 256 GiB: new nonce */
            p->nonce[1]++;
            ctr = 1;
        }
    }
    for (int j = 0; j < 8; j++)
        p->key[j] = le32(next + 4 * j);
    p->nonce[2]++;
    memset(next, 0, sizeof next);
    memset(blk, 0, sizeof blk);
}

/* The seed: counter reads around work whose length varies (heap and
 * timer state), the time since boot, a few kernel addresses, and the
 * CPU generator if there is one. Interrupts off (the caller's). */
static void seed(void)
{
    uint64_t hw;
    for (int i = 0; i < 8; i++) {
        uint64_t c = arch_counter();
        for (volatile int k = 0; k < (int)(c & 63); k++)
            ;
        pool.key[i] ^= (uint32_t)(c ^ (c >> 32)) ^ (uint32_t)(arch_time_ns() * 2654435761u);
        if (arch_random64(&hw))
            pool.key[i] ^= (uint32_t)(hw ^ (hw >> 32));
    }
    pool.key[0] ^= (uint32_t)(uintptr_t)&the_entropy;
    pool.key[1] ^= (uint32_t)((uintptr_t)the_entropy >> 4);
    pool.nonce[0] = (uint32_t)arch_counter() & ~1u;    /* even: not MIX_TAG */
    seeded = true;
}

void entropy_pool_peek(entropy_pool_t *out)
{
    kcrit_t s = kcrit_enter();
    if (!seeded)
        seed();
    *out = pool;
    kcrit_leave(s);
}

void entropy_add(entropy_t *e, const void *data, size_t n)
{
    const uint8_t *d = data;
    size_t left = n;
    while (left) {              /* bounded steps with interrupts off */
        size_t k = left < ADD_STEP ? left : ADD_STEP;
        kcrit_t s = kcrit_enter();
        if (!seeded)
            seed();
        entropy_pool_mix(&pool, d, k);
        kcrit_leave(s);
        d += k;
        left -= k;
    }
    __atomic_fetch_add(&e->added, n, __ATOMIC_RELAXED);
}

void entropy_fill(entropy_t *e, void *buf, size_t n)
{
    uint8_t *p = buf;
    size_t left = n;
    uint64_t hw[4];
    uint32_t got = 0;
    if (hardware())             /* the CPU generator, mixed in first */
        while (got < 4 && arch_random64(&hw[got]))
            got++;
    if (got) {
        kcrit_t s = kcrit_enter();
        if (!seeded)
            seed();
        entropy_pool_mix(&pool, hw, got * sizeof hw[0]);
        kcrit_leave(s);
        memset(hw, 0, sizeof hw);
    }
    while (left) {              /* bounded steps with interrupts off */
        size_t k = left < 4096 ? left : 4096;
        kcrit_t s = kcrit_enter();
        if (!seeded)
            seed();
        entropy_pool_draw(&pool, p, k);
        kcrit_leave(s);
        p += k;
        left -= k;
    }
    __atomic_fetch_add(&e->bytes, n, __ATOMIC_RELAXED);
}

void entropy_free(entropy_t *e)
{
    kfree(e);
}
