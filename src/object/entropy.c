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

#define ADD_STEP 256u           /* bytes mixed per critical section */

static entropy_t *the_entropy;
static bool soft;
static entropy_pool_t pool;

static void seed(void);

entropy_t *entropy_get(void)
{
    kcrit_t s = kcrit_enter();
    if (!the_entropy) {
        kerr_t e;
        the_entropy = (entropy_t *)kobj_alloc(OBJ_ENTROPY, sizeof(entropy_t), NULL, &e);
        if (!the_entropy)
            panic("entropy: no memory for the entropy object");
        kobj_ref(&the_entropy->obj);    /* the kernel's: it never goes */
        seed();
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

/* Keys are bytes read as little-endian words, as wasm memory and both
 * architectures are: a copy, no conversion. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "keys are little-endian words");

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
    memcpy(p->key, next, sizeof p->key);
    p->nonce[2]++;
    memset(next, 0, sizeof next);
    memset(blk, 0, sizeof blk);
}

/* Each chunk c: key ^= c, then the draw of nothing re-keys from block 0,
 * so key' = ChaCha20(key ^ c) (counter 0, the pool's nonce, which the
 * draw then steps). */
void entropy_pool_mix(entropy_pool_t *p, const void *data, size_t n)
{
    const uint8_t *d = data;
    uint32_t c[8];
    for (size_t off = 0; off < n; off += 32) {
        memset(c, 0, sizeof c);
        memcpy(c, d + off, n - off < 32 ? n - off : 32);     /* zero-padded */
        for (int j = 0; j < 8; j++)
            p->key[j] ^= c[j];
        entropy_pool_draw(p, NULL, 0);
    }
    memset(c, 0, sizeof c);
}

/* The seed, when the object is made: counter reads around work whose
 * length varies (heap and timer state), the time since boot, a few
 * kernel addresses, and the CPU generator if there is one. Interrupts
 * off (the caller's). */
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
    pool.nonce[0] = (uint32_t)arch_counter();
}

void entropy_pool_peek(entropy_pool_t *out)
{
    entropy_get();              /* seeded */
    kcrit_t s = kcrit_enter();
    *out = pool;
    kcrit_leave(s);
}

/* Mix n bytes into the kernel's pool, in one critical section. */
static void mix_in(const void *data, size_t n)
{
    kcrit_t s = kcrit_enter();
    entropy_pool_mix(&pool, data, n);
    kcrit_leave(s);
}

void entropy_add(entropy_t *e, const void *data, size_t n)
{
    const uint8_t *d = data;
    for (size_t off = 0; off < n; off += ADD_STEP)     /* bounded steps */
        mix_in(d + off, n - off < ADD_STEP ? n - off : ADD_STEP);
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
        mix_in(hw, got * sizeof hw[0]);
        memset(hw, 0, sizeof hw);
    }
    while (left) {              /* bounded steps with interrupts off */
        size_t k = left < 4096 ? left : 4096;
        kcrit_t s = kcrit_enter();
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
