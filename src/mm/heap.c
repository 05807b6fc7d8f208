/*
 * heap.c - the kernel heap: kmalloc/kzalloc/krealloc/kfree on top of the
 * frame allocator.
 *
 * Memory comes from pmm in arenas (runs of contiguous frames): ordinary
 * arenas of KCONFIG_HEAP_CHUNK bytes, and a dedicated arena for any block
 * too big to share one (wasm linear memories), given back to pmm as soon
 * as it is free again. Inside an arena, blocks carry boundary tags:
 *
 *   arena_t | hdr payload | hdr payload | ... | sentinel hdr (size 0, used)
 *
 *   hdr_t (16 bytes): check | prev (size of the block before, /16) | size|used
 *
 * Free blocks sit on one first-fit list (links in their payload) and merge
 * with free neighbours on kfree. `check` is a magic mixed with size and
 * prev, so a header overwritten by a stray write, a double free or a
 * pointer that kmalloc never returned is caught (panic: a kernel bug).
 */
#include <stdbool.h>

#include "kconfig.h"
#include "kernel/crit.h"
#include "klib.h"
#include "mm.h"

#define HDR_MAGIC   0x4a48eb1cu
#define ARENA_MAGIC 0x4a4152u
#define ALIGN       16u
#define MIN_BLOCK   32u     /* header + two free-list links */
#define USED        1ull

typedef struct hdr {
    uint32_t check;
    uint32_t prev;          /* size of the previous block / ALIGN; 0 = first */
    uint64_t size;          /* whole block in bytes (multiple of ALIGN) | USED */
} hdr_t;

typedef struct {
    hdr_t h;
    hdr_t *next, *prev;     /* free list */
} free_t;

typedef struct arena {
    uint32_t magic;
    uint32_t dedicated;
    size_t npages;
    struct arena *next, *prev;
} arena_t;

_Static_assert(sizeof(hdr_t) == 16, "block header is 16 bytes");
_Static_assert(sizeof(free_t) == MIN_BLOCK, "free block fits the minimum");
_Static_assert(sizeof(arena_t) == 32, "arena header keeps 16-byte alignment");

static hdr_t *free_head;
static arena_t *arenas;
static size_t bytes_used;   /* payload + headers of used blocks */

static inline uint64_t bsize(const hdr_t *h) { return h->size & ~USED; }
static inline bool bused(const hdr_t *h) { return h->size & USED; }
static inline uint32_t mkcheck(const hdr_t *h)
{
    return HDR_MAGIC ^ (uint32_t)h->size ^ (uint32_t)(h->size >> 32) ^ (h->prev * 0x9e3779b1u);
}
static inline void seal(hdr_t *h) { h->check = mkcheck(h); }
static inline hdr_t *next_of(hdr_t *h) { return (hdr_t *)((char *)h + bsize(h)); }
static inline hdr_t *prev_of(hdr_t *h) { return (hdr_t *)((char *)h - (size_t)h->prev * ALIGN); }

static void verify(const hdr_t *h, const char *what)
{
    if (h->check != mkcheck(h) || bsize(h) % ALIGN)
        panic("heap: corrupt block header at %p (%s)", (const void *)h, what);
}

static void list_push(hdr_t *h)
{
    free_t *f = (free_t *)h;
    f->prev = NULL;
    f->next = free_head;
    if (free_head)
        ((free_t *)free_head)->prev = h;
    free_head = h;
}

static void list_remove(hdr_t *h)
{
    free_t *f = (free_t *)h;
    if (f->prev)
        ((free_t *)f->prev)->next = f->next;
    else
        free_head = f->next;
    if (f->next)
        ((free_t *)f->next)->prev = f->prev;
}

/* Set h's size (and used bit) and tell the following block about it. */
static void set_size(hdr_t *h, uint64_t size, bool used)
{
    h->size = size | (used ? USED : 0);
    seal(h);
    hdr_t *n = next_of(h);
    n->prev = (uint32_t)(size / ALIGN);
    seal(n);
}

static void heap_grow_locked(size_t need)
{
    size_t bytes = sizeof(arena_t) + need + sizeof(hdr_t);
    bool dedicated = bytes > KCONFIG_HEAP_CHUNK;
    if (!dedicated)
        bytes = KCONFIG_HEAP_CHUNK;
    size_t npages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
    uintptr_t pa = pmm_alloc_contig(npages);
    if (pa == 0)
        return;
    arena_t *a = (arena_t *)pa;
    a->magic = ARENA_MAGIC;
    a->dedicated = dedicated;
    a->npages = npages;
    a->prev = NULL;
    a->next = arenas;
    if (arenas)
        arenas->prev = a;
    arenas = a;

    hdr_t *first = (hdr_t *)(a + 1);
    uint64_t body = npages * PAGE_SIZE - sizeof(arena_t) - sizeof(hdr_t);
    hdr_t *end = (hdr_t *)((char *)first + body);
    end->size = 0 | USED;
    first->prev = 0;
    set_size(first, body, false);
    list_push(first);
}

/* Give an arena that is one free block back to pmm. */
static void arena_release(arena_t *a, hdr_t *only)
{
    list_remove(only);
    if (a->prev)
        a->prev->next = a->next;
    else
        arenas = a->next;
    if (a->next)
        a->next->prev = a->prev;
    a->magic = 0;
    pmm_free_contig((uintptr_t)a, a->npages);
}

void heap_init(void)
{
    free_head = NULL;
    arenas = NULL;
    bytes_used = 0;
}

void *kmalloc(size_t n)
{
    if (n > ((size_t)1 << 40))
        return NULL;
    uint64_t need = ALIGN_UP((uint64_t)n, (uint64_t)ALIGN) + sizeof(hdr_t);
    if (need < MIN_BLOCK)
        need = MIN_BLOCK;
    kcrit_t s = kcrit_enter();
    for (int attempt = 0; attempt < 2; attempt++) {
        for (hdr_t *h = free_head; h; h = ((free_t *)h)->next) {
            verify(h, "free list");
            if (bused(h))
                panic("heap: used block %p on the free list", (void *)h);
            if (bsize(h) < need)
                continue;
            list_remove(h);
            uint64_t rest = bsize(h) - need;
            if (rest >= MIN_BLOCK) {
                set_size(h, need, true);
                hdr_t *r = next_of(h);
                set_size(r, rest, false);
                list_push(r);
            } else {
                set_size(h, bsize(h), true);
            }
            bytes_used += bsize(h);
            kcrit_leave(s);
            return h + 1;
        }
        if (attempt == 0)
            heap_grow_locked(need);
    }
    kcrit_leave(s);
    return NULL;
}

void *kzalloc(size_t n)
{
    void *p = kmalloc(n);
    if (p)
        memset(p, 0, n);
    return p;
}

/* The header of a block kmalloc returned; panics on anything else. */
static hdr_t *block_of(void *p)
{
    if ((uintptr_t)p % ALIGN)
        panic("heap: kfree of misaligned pointer %p", p);
    hdr_t *h = (hdr_t *)p - 1;
    verify(h, "kfree");
    if (!bused(h))
        panic("heap: double free of %p", p);
    return h;
}

void kfree(void *p)
{
    if (!p)
        return;
    kcrit_t s = kcrit_enter();
    hdr_t *h = block_of(p);
    /* Zero what a small block held: a use after free then reads NULL
     * pointers and faults (a kernel panic, found at once) instead of
     * quietly using stale data (tests/regress/kill-after-exit.wat). */
    if (bsize(h) <= KCONFIG_HEAP_POISON_MAX)
        memset(p, 0, bsize(h) - sizeof(hdr_t));
    bytes_used -= bsize(h);
    hdr_t *n = next_of(h);
    verify(n, "next block");
    if (!bused(n)) {
        list_remove(n);
        set_size(h, bsize(h) + bsize(n), false);
    } else {
        set_size(h, bsize(h), false);
    }
    if (h->prev) {
        hdr_t *pv = prev_of(h);
        verify(pv, "previous block");
        if (!bused(pv)) {
            list_remove(pv);
            set_size(pv, bsize(pv) + bsize(h), false);
            h = pv;
        }
    }
    list_push(h);
    if (h->prev == 0 && bsize(next_of(h)) == 0) {
        arena_t *a = (arena_t *)h - 1;
        if (a->magic != ARENA_MAGIC)
            panic("heap: corrupt arena header at %p", (void *)a);
        if (a->dedicated)
            arena_release(a, h);
    }
    kcrit_leave(s);
}

void *krealloc(void *p, size_t n)
{
    if (!p)
        return kmalloc(n);
    if (n == 0) {
        kfree(p);
        return NULL;
    }
    if (n > ((size_t)1 << 40))
        return NULL;
    kcrit_t s = kcrit_enter();
    hdr_t *h = block_of(p);
    uint64_t have = bsize(h) - sizeof(hdr_t);
    kcrit_leave(s);
    if (n <= have)
        return p;           /* shrinking in place keeps the block whole */
    void *q = kmalloc(n);
    if (!q)
        return NULL;
    memcpy(q, p, have);
    kfree(p);
    return q;
}

size_t heap_used_bytes(void)
{
    return bytes_used;
}

size_t heap_check(void)
{
    size_t blocks = 0;
    kcrit_t s = kcrit_enter();
    for (arena_t *a = arenas; a; a = a->next) {
        if (a->magic != ARENA_MAGIC)
            panic("heap: corrupt arena header at %p", (void *)a);
        uint32_t prev = 0;
        bool prev_free = false;
        for (hdr_t *h = (hdr_t *)(a + 1); bsize(h) != 0; h = next_of(h)) {
            verify(h, "heap_check");
            if (h->prev != prev)
                panic("heap: block %p has a stale previous size", (void *)h);
            if (!bused(h) && prev_free)
                panic("heap: two free neighbours at %p", (void *)h);
            if ((char *)next_of(h) > (char *)a + a->npages * PAGE_SIZE)
                panic("heap: block %p runs past its arena", (void *)h);
            prev = (uint32_t)(bsize(h) / ALIGN);
            prev_free = !bused(h);
            blocks++;
        }
    }
    kcrit_leave(s);
    return blocks;
}
