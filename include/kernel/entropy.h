/*
 * entropy.h - the Entropy object: random bytes behind a capability (READ
 * to take bytes: WASI random_get). One instance exists; tasks get
 * capabilities to it from whoever holds one (the demo runner gives it to
 * manifests that list `entropy:r`).
 *
 * The bytes come from the CPU's generator where it has one (hal.h:
 * arch_random64: RDSEED/RDRAND on x86-64, RNDR on arm64), else from the
 * kernel's generator: ChaCha20 (RFC 8439) keyed by a 256-bit seed taken
 * once from what the boot has (the free-running counter read around
 * timing-dependent work, the time since boot, the addresses of the
 * kernel's data), re-keyed from its own output after every request (fast
 * key erasure). Under QEMU the seed has little real entropy: good for
 * programs that want varied numbers, not for keys. docs/wasi.md.
 */
#ifndef JERICHO_KERNEL_ENTROPY_H
#define JERICHO_KERNEL_ENTROPY_H

#include "kernel/cnode.h"

typedef struct entropy {
    kobj_t obj;
    uint64_t bytes;         /* handed out so far */
} entropy_t;

/* The one entropy source (created on first use, kernel-owned). */
entropy_t *entropy_get(void);
/* Fill buf with n random bytes (never fails, never blocks). */
void entropy_fill(entropy_t *e, void *buf, size_t n);
/* Where the bytes come from: "RDSEED", "RDRAND", "RNDR" or "chacha20". */
const char *entropy_source(void);
/* Use the kernel generator even where the CPU has one (command line
 * `entropy=soft`, for tests). */
void entropy_force_soft(void);
void entropy_free(entropy_t *e);

#endif
