/* tlsterm/tls_mem.c - the accounting allocator (tls_mem.h) over the C
 * library's calloc/free. Each block carries a 16-byte header: its size
 * and its owner. Sizes counted are what mbedTLS asked for plus the header.
 */
#include "tls_mem.h"

#include <stdint.h>
#include <stdlib.h>

#include "mbedtls/platform.h"

typedef struct {
    size_t size;                     /* header included */
    int owner;
    uint32_t magic;
} __attribute__((aligned(16))) tls_block;

#define TLS_BLOCK_MAGIC 0x7e15b10cu

static size_t budget_owner, budget_total;
static size_t in_use[TLS_MEM_MAX_OWNERS + 1], peak[TLS_MEM_MAX_OWNERS + 1];
static size_t total, total_peak;
static unsigned long refusals;
static int current = TLS_MEM_SHARED;

static size_t idx(int owner)
{
    return (size_t)(owner + 1);
}

void tls_mem_init(size_t per_owner, size_t all)
{
    budget_owner = per_owner;
    budget_total = all;
}

void tls_mem_install(void)
{
    mbedtls_platform_set_calloc_free(tls_mem_calloc, tls_mem_free);
}

void tls_mem_charge_to(int owner)
{
    current = owner >= TLS_MEM_SHARED && owner < TLS_MEM_MAX_OWNERS ? owner : TLS_MEM_SHARED;
}

void *tls_mem_calloc(size_t n, size_t size)
{
    if (size != 0 && n > (SIZE_MAX - sizeof(tls_block)) / size)
        return NULL;
    size_t bytes = n * size + sizeof(tls_block);
    size_t i = idx(current);
    /* The shared owner has no budget of its own, only the total. */
    if ((current != TLS_MEM_SHARED && in_use[i] + bytes > budget_owner) ||
        total + bytes > budget_total) {
        refusals++;
        return NULL;
    }
    tls_block *b = calloc(1, bytes);
    if (!b) {
        refusals++;
        return NULL;
    }
    b->size = bytes;
    b->owner = current;
    b->magic = TLS_BLOCK_MAGIC;
    in_use[i] += bytes;
    total += bytes;
    if (in_use[i] > peak[i])
        peak[i] = in_use[i];
    if (total > total_peak)
        total_peak = total;
    return b + 1;
}

void tls_mem_free(void *p)
{
    if (!p)
        return;
    tls_block *b = (tls_block *)p - 1;
    if (b->magic != TLS_BLOCK_MAGIC)
        abort();                     /* not ours: a bug, never input */
    b->magic = 0;
    in_use[idx(b->owner)] -= b->size;
    total -= b->size;
    free(b);
}

size_t tls_mem_in_use(int owner)
{
    return in_use[idx(owner)];
}

size_t tls_mem_peak(int owner)
{
    return peak[idx(owner)];
}

void tls_mem_reset_peak(int owner)
{
    peak[idx(owner)] = in_use[idx(owner)];
}

size_t tls_mem_total(void)
{
    return total;
}

size_t tls_mem_total_peak(void)
{
    return total_peak;
}

unsigned long tls_mem_refusals(void)
{
    return refusals;
}
