/*
 * entropy.c - the Entropy object (include/kernel/entropy.h): random bytes
 * from the CPU's generator, or from the kernel's ChaCha20 generator where
 * the CPU has none (or `entropy=soft` asks for it).
 */
#include "hal.h"
#include "kernel/crit.h"
#include "kernel/entropy.h"
#include "klib.h"
#include "mm.h"

static entropy_t *the_entropy;
static bool soft, seeded;
static uint32_t key[8];
static uint32_t nonce[3];

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
        key[i] ^= (uint32_t)(c ^ (c >> 32)) ^ (uint32_t)(arch_time_ns() * 2654435761u);
        if (arch_random64(&hw))
            key[i] ^= (uint32_t)(hw ^ (hw >> 32));
    }
    key[0] ^= (uint32_t)(uintptr_t)&the_entropy;
    key[1] ^= (uint32_t)((uintptr_t)the_entropy >> 4);
    nonce[0] = (uint32_t)arch_counter();
    seeded = true;
}

/* Keystream for n bytes, then a new key from the stream (fast key
 * erasure: what was handed out cannot be recomputed from the state). */
static void soft_fill(uint8_t *p, size_t n)
{
    uint8_t blk[64];
    uint32_t ctr = 1;
    if (!seeded)
        seed();
    chacha20_block(key, 0, nonce, blk);         /* block 0: the next key */
    while (n) {
        uint8_t out[64];
        chacha20_block(key, ctr++, nonce, out);
        size_t k = n < 64 ? n : 64;
        memcpy(p, out, k);
        p += k;
        n -= k;
        if (ctr == 0) {                         /* 256 GiB: new nonce */
            nonce[1]++;
            ctr = 1;
        }
    }
    for (int i = 0; i < 8; i++)
        key[i] = (uint32_t)blk[4 * i] | (uint32_t)blk[4 * i + 1] << 8 |
                 (uint32_t)blk[4 * i + 2] << 16 | (uint32_t)blk[4 * i + 3] << 24;
    nonce[2]++;
    memset(blk, 0, sizeof blk);
}

void entropy_fill(entropy_t *e, void *buf, size_t n)
{
    uint8_t *p = buf;
    size_t left = n;
    if (hardware()) {
        uint64_t v;
        while (left && arch_random64(&v)) {
            size_t k = left < 8 ? left : 8;
            memcpy(p, &v, k);
            p += k;
            left -= k;
        }
    }
    if (left) {                 /* no CPU generator, or it gave out */
        while (left) {          /* bounded steps with interrupts off */
            size_t k = left < 4096 ? left : 4096;
            kcrit_t s = kcrit_enter();
            soft_fill(p, k);
            kcrit_leave(s);
            p += k;
            left -= k;
        }
    }
    __atomic_fetch_add(&e->bytes, n, __ATOMIC_RELAXED);
}

void entropy_free(entropy_t *e)
{
    kfree(e);
}
