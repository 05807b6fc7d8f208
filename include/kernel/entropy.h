/*
 * entropy.h - the Entropy object: random bytes behind a capability (READ
 * to take bytes: WASI random_get; WRITE to mix bytes in: the system call
 * entropy_add, docs/abi.md 4.6b). One instance exists; tasks get
 * capabilities to it from whoever holds one (the demo runner gives it to
 * manifests that list `entropy:r`, `entropy:w` or `entropy:rw`).
 *
 * The bytes always come from the kernel's pool: a ChaCha20 (RFC 8439)
 * key and nonce, keyed when the object is made from what the boot has
 * (the free-running counter read around timing-dependent work, the time
 * since boot, the addresses of the kernel's data), re-keyed from its own output after
 * every request (fast key erasure). Everything that adds to the pool is
 * mixed in, never copied over it: each 32-byte chunk c makes the key
 * ChaCha20(key ^ c) (the first 32 bytes of block 0 under the pool's
 * nonce, which then steps: the re-keying of a draw of nothing), so a
 * contributor who does not know the key cannot choose or predict the new
 * one, whatever bytes it sends. Before each request the CPU's generator (hal.h:
 * arch_random64: RDSEED/RDRAND on x86-64, RNDR on arm64), where there is
 * one and `entropy=soft` did not turn it off, is mixed in the same way;
 * so is what a driver adds (virtio-rng: drivers/README.md). Under QEMU
 * the boot seed has little real entropy; the CPU generator and the
 * device's bytes are what makes the pool unpredictable. docs/wasi.md.
 */
#ifndef JERICHO_KERNEL_ENTROPY_H
#define JERICHO_KERNEL_ENTROPY_H

#include "kernel/cnode.h"

typedef struct entropy {
    kobj_t obj;
    uint64_t bytes;         /* handed out so far */
    uint64_t added;         /* mixed in by entropy_add so far */
} entropy_t;

/* The generator's state: a ChaCha20 key and nonce. */
typedef struct {
    uint32_t key[8];
    uint32_t nonce[3];
} entropy_pool_t;

/* Most bytes one entropy_add takes (as a message: MSG_MAX). */
#define ENTROPY_ADD_MAX 4096u

/* The one entropy source (created on first use, kernel-owned). */
entropy_t *entropy_get(void);
/* Fill buf with n random bytes (never fails, never blocks). */
void entropy_fill(entropy_t *e, void *buf, size_t n);
/* Mix n bytes (n <= ENTROPY_ADD_MAX) into the pool, in steps of 256
 * bytes with interrupts off; data is not kept. */
void entropy_add(entropy_t *e, const void *data, size_t n);
/* What feeds the pool besides its seed and entropy_add: "RDSEED",
 * "RDRAND", "RNDR", or "chacha20" (no CPU generator, or forced off). */
const char *entropy_source(void);
/* Leave the CPU's generator out (command line `entropy=soft`, for tests). */
void entropy_force_soft(void);
void entropy_free(entropy_t *e);

/* The pool's two operations, pure (no seed, no CPU generator, no lock):
 * the kernel's pool runs on them, and the tests check them on copies. */
void entropy_pool_mix(entropy_pool_t *p, const void *data, size_t n);
void entropy_pool_draw(entropy_pool_t *p, void *out, size_t n);
/* A copy of the kernel's pool as it is now (seeded first if need be),
 * for the self-tests: what the next draw starts from. */
void entropy_pool_peek(entropy_pool_t *out);

#endif
