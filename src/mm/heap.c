/*
 * heap.c - the kernel heap: kmalloc/kzalloc/krealloc/kfree on top of the
 * frame allocator, giving memory back to it.
 *
 * A large block (KCONFIG_HEAP_LARGE bytes or more, header included: wasm
 * linear memories, tables, interpreter stacks) is a run of frames of its
 * own, straight from pmm and back to pmm on kfree. Small blocks share
 * arenas of KCONFIG_HEAP_CHUNK bytes; an arena whose last block is freed
 * goes back to pmm too, except one spare kept so that a block freed and
 * allocated again and again does not take and return frames every time
 * (heap_trim returns the spare). Layouts:
 *
 *   arena:  arena_t | hdr payload | hdr payload | ... | sentinel hdr (size 0, used)
 *   large:  arena_t | hdr payload (to the end of the run)
 *
 *   hdr_t (16 bytes): check | prev (size of the block before, /16) | size|flags
 *
 * Free blocks of arenas sit on segregated lists, one per power of two of
 * their size: a request takes the head of the first list whose blocks are
 * all big enough (after looking at a few blocks of the list below), so
 * kmalloc and kfree take a bounded number of steps whatever the heap
 * holds; free neighbours merge on kfree. Interrupts are off only for that
 * list and header work: frames come from pmm and go back to it, and
 * kzalloc zeroes, with interrupts on (docs/kernel.md, "Memory").
 *
 * `check` is a magic mixed with the size, flags and prev, so a header
 * overwritten by a stray write, a double free or a pointer that kmalloc
 * never returned is caught (panic: a kernel bug).
 */
#include <stdbool.h>

#include "kconfig.h"
#include "klib.h"
#include "mm.h"
#include "mm_crit.h"

#define HDR_MAGIC   0x4a48eb1cu
#define ARENA_MAGIC 0x4a415245u     /* an arena of small blocks */
#define LARGE_MAGIC 0x4a4c5247u     /* the run of one large block */
#define ALIGN       16u
#define MIN_BLOCK   32u             /* header + two free-list links */
#define USED        1ull
#define LARGE       2ull            /* the block is a run of frames of its own */
#define FLAGS       (USED | LARGE)
#define NBINS       64              /* list b: free blocks of [2^b, 2^(b+1)) bytes */
#define BIN_PROBES  4               /* blocks looked at in the list below */
#define ARENA_PAGES (KCONFIG_HEAP_CHUNK / PAGE_SIZE)

typedef struct hdr {
    uint32_t check;
    uint32_t prev;          /* size of the previous block / ALIGN; 0 = first */
    uint64_t size;          /* whole block in bytes (multiple of ALIGN) | flags */
} hdr_t;

typedef struct {
    hdr_t h;
    hdr_t *next, *prev;     /* free list */
} free_t;

typedef struct arena {
    uint32_t magic;         /* ARENA_MAGIC or LARGE_MAGIC */
    uint32_t unused;
    size_t npages;
    struct arena *next, *prev;
} arena_t;

_Static_assert(sizeof(hdr_t) == 16, "block header is 16 bytes");
_Static_assert(sizeof(free_t) == MIN_BLOCK, "free block fits the minimum");
_Static_assert(sizeof(arena_t) == 32, "arena header keeps 16-byte alignment");
_Static_assert(KCONFIG_HEAP_LARGE + sizeof(arena_t) + sizeof(hdr_t) <= KCONFIG_HEAP_CHUNK,
               "every small block fits an arena");
_Static_assert(KCONFIG_HEAP_CHUNK % PAGE_SIZE == 0, "arenas are whole frames");

static hdr_t *bins[NBINS];
static uint64_t bin_mask;   /* bit b: bins[b] is not empty */
static arena_t *arenas;     /* of small blocks */
static arena_t *larges;     /* runs of large blocks */
static arena_t *spare;      /* an arena kept although it may be empty */
static size_t bytes_used;   /* payload + headers of used blocks */
static size_t held_pages;   /* frames of all arenas and large blocks */

static inline uint64_t bsize(const hdr_t *h) { return h->size & ~FLAGS; }
static inline bool bused(const hdr_t *h) { return h->size & USED; }
static inline uint32_t mkcheck(const hdr_t *h)
{
    return HDR_MAGIC ^ (uint32_t)h->size ^ (uint32_t)(h->size >> 32) ^ (h->prev * 0x9e3779b1u);
}
static inline void seal(hdr_t *h) { h->check = mkcheck(h); }
static inline hdr_t *next_of(hdr_t *h) { return (hdr_t *)((char *)h + bsize(h)); }
static inline hdr_t *prev_of(hdr_t *h) { return (hdr_t *)((char *)h - (size_t)h->prev * ALIGN); }
static inline hdr_t *first_of(arena_t *a) { return (hdr_t *)(a + 1); }

static void verify(const hdr_t *h, const char *what)
{
    if (h->check != mkcheck(h) || bsize(h) % ALIGN)
        panic("heap: corrupt block header at %p (%s)", (const void *)h, what);
}

static inline unsigned bin_of(uint64_t size)
{
    return 63u - (unsigned)__builtin_clzll(size);
}

static void list_push(hdr_t *h)
{
    unsigned b = bin_of(bsize(h));
    free_t *f = (free_t *)h;
    f->prev = NULL;
    f->next = bins[b];
    if (bins[b])
        ((free_t *)bins[b])->prev = h;
    bins[b] = h;
    bin_mask |= 1ull << b;
}

static void list_remove(hdr_t *h)
{
    unsigned b = bin_of(bsize(h));
    free_t *f = (free_t *)h;
    if (f->prev)
        ((free_t *)f->prev)->next = f->next;
    else
        bins[b] = f->next;
    if (f->next)
        ((free_t *)f->next)->prev = f->prev;
    if (!bins[b])
        bin_mask &= ~(1ull << b);
}

/* A free block on a list, checked. */
static hdr_t *listed(hdr_t *h)
{
    verify(h, "free list");
    if (bused(h) || (h->size & LARGE))
        panic("heap: used block %p on the free list", (void *)h);
    return h;
}

/* Take a free block of at least need bytes off the lists, or NULL: a few
 * blocks of need's own list, then the head of the first list above, whose
 * blocks are all big enough. */
static hdr_t *take_free(uint64_t need)
{
    unsigned b = bin_of(need);
    hdr_t *h = bins[b];
    for (int i = 0; h && i < BIN_PROBES; i++, h = ((free_t *)h)->next)
        if (bsize(listed(h)) >= need) {
            list_remove(h);
            return h;
        }
    uint64_t above = b + 1 < NBINS ? bin_mask & ~((2ull << b) - 1) : 0;
    if (!above)
        return NULL;
    h = listed(bins[__builtin_ctzll(above)]);
    list_remove(h);
    return h;
}

/* Set h's size and flags and tell the following block about it. */
static void set_size(hdr_t *h, uint64_t size, bool used)
{
    h->size = size | (used ? USED : 0);
    seal(h);
    hdr_t *n = next_of(h);
    n->prev = (uint32_t)(size / ALIGN);
    seal(n);
}

/* Make the free block h (off the lists) a used block of need bytes; the
 * rest, if big enough, becomes a free block on the lists. */
static void carve(hdr_t *h, uint64_t need)
{
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
}

static void link(arena_t **list, arena_t *a)
{
    a->prev = NULL;
    a->next = *list;
    if (*list)
        (*list)->prev = a;
    *list = a;
}

static void unlink(arena_t **list, arena_t *a)
{
    if (a->prev)
        a->prev->next = a->next;
    else
        *list = a->next;
    if (a->next)
        a->next->prev = a->prev;
}

/* A new arena from pmm, one free block (on no list) and the sentinel, or
 * NULL. Interrupts on: nobody else knows these frames yet. */
static arena_t *arena_new(void)
{
    arena_t *a = (arena_t *)pmm_alloc_contig_nozero(ARENA_PAGES);
    if (!a)
        return NULL;
    a->magic = ARENA_MAGIC;
    a->unused = 0;
    a->npages = ARENA_PAGES;
    hdr_t *first = first_of(a);
    uint64_t body = KCONFIG_HEAP_CHUNK - sizeof(arena_t) - sizeof(hdr_t);
    hdr_t *end = (hdr_t *)((char *)first + body);
    end->size = 0 | USED;
    first->prev = 0;
    set_size(first, body, false);
    return a;
}

static bool arena_empty(arena_t *a)
{
    hdr_t *h = first_of(a);
    return !bused(h) && bsize(next_of(h)) == 0;
}

/* Take the empty arena a (its one free block on the lists) out of the
 * heap; the caller gives its frames back to pmm after leaving. */
static void arena_drop(arena_t *a)
{
    list_remove(first_of(a));
    unlink(&arenas, a);
    if (spare == a)
        spare = NULL;
    a->magic = 0;
    held_pages -= a->npages;
}

void heap_init(void)
{
    for (unsigned b = 0; b < NBINS; b++)
        bins[b] = NULL;
    bin_mask = 0;
    arenas = larges = spare = NULL;
    bytes_used = 0;
    held_pages = 0;
}

/* A large block of need bytes (header included): a run of its own. */
static void *large_alloc(uint64_t need)
{
    uint64_t bytes = sizeof(arena_t) + need;
    size_t npages = (size_t)((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
    arena_t *a = (arena_t *)pmm_alloc_contig_nozero(npages);
    if (!a)
        return NULL;
    a->magic = LARGE_MAGIC;
    a->unused = 0;
    a->npages = npages;
    hdr_t *h = first_of(a);
    h->prev = 0;
    h->size = ((uint64_t)npages * PAGE_SIZE - sizeof(arena_t)) | USED | LARGE;
    seal(h);
    mm_crit_t c = mm_enter();
    link(&larges, a);
    held_pages += npages;
    bytes_used += bsize(h);
    mm_leave(c);
    return h + 1;
}

void *kmalloc(size_t n)
{
    if (n > ((size_t)1 << 40))
        return NULL;
    uint64_t need = ALIGN_UP((uint64_t)n, (uint64_t)ALIGN) + sizeof(hdr_t);
    if (need < MIN_BLOCK)
        need = MIN_BLOCK;
    if (need >= KCONFIG_HEAP_LARGE)
        return large_alloc(need);
    mm_crit_t c = mm_enter();
    hdr_t *h = take_free(need);
    if (!h) {
        mm_leave(c);
        arena_t *a = arena_new();
        if (!a)
            return NULL;
        c = mm_enter();
        link(&arenas, a);
        held_pages += a->npages;
        h = first_of(a);
    }
    carve(h, need);
    mm_leave(c);
    return h + 1;
}

void *kzalloc(size_t n)
{
    void *p = kmalloc(n);
    if (p)
        memset(p, 0, n);
    return p;
}

/* The header of a used block kmalloc returned; panics on anything else.
 * Interrupts are off. */
static hdr_t *block_of(void *p)
{
    if ((uintptr_t)p % ALIGN)
        panic("heap: kfree of misaligned pointer %p", p);
    hdr_t *h = (hdr_t *)p - 1;
    verify(h, "kfree");
    if (!bused(h))
        panic("heap: double free of %p", p);
    if (h->size & LARGE) {
        arena_t *a = (arena_t *)h - 1;
        if (a->magic != LARGE_MAGIC || h->prev != 0 ||
            (uint64_t)a->npages * PAGE_SIZE != bsize(h) + sizeof(arena_t))
            panic("heap: corrupt large block at %p", p);
    }
    return h;
}

/* Free the large block h: marked free (a second kfree panics while the
 * frames are not reused) and out of the list; returns its run. */
static arena_t *large_free(hdr_t *h)
{
    arena_t *a = (arena_t *)h - 1;
    bytes_used -= bsize(h);
    h->size &= ~USED;
    seal(h);
    unlink(&larges, a);
    held_pages -= a->npages;
    return a;
}

/* Merge the used block h of an arena with its free neighbours and list
 * the result; returns the arena to give back to pmm, if it became empty
 * and is not the one spare. */
static arena_t *small_free(hdr_t *h)
{
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
    if (h->prev != 0 || bsize(next_of(h)) != 0)
        return NULL;
    arena_t *a = (arena_t *)h - 1;
    if (a->magic != ARENA_MAGIC)
        panic("heap: corrupt arena header at %p", (void *)a);
    if (!spare || spare == a || !arena_empty(spare)) {
        spare = a;                  /* keep one empty arena */
        return NULL;
    }
    arena_drop(a);
    return a;
}

void kfree(void *p)
{
    if (!p)
        return;
    mm_crit_t c = mm_enter();
    hdr_t *h = block_of(p);
    /* Zero what a small block held: a use after free then reads NULL
     * pointers and faults (a kernel panic, found at once) instead of
     * quietly using stale data (tests/regress/kill-after-exit.wat). At
     * most KCONFIG_HEAP_POISON_MAX bytes: a bounded step. */
    if (bsize(h) <= KCONFIG_HEAP_POISON_MAX)
        memset(p, 0, bsize(h) - sizeof(hdr_t));
    arena_t *back = (h->size & LARGE) ? large_free(h) : small_free(h);
    mm_leave(c);
    if (back)
        pmm_free_contig((uintptr_t)back, back->npages);
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
    mm_crit_t c = mm_enter();
    hdr_t *h = block_of(p);
    uint64_t have = bsize(h) - sizeof(hdr_t);
    mm_leave(c);
    if (n <= have)
        return p;           /* shrinking in place keeps the block whole */
    void *q = kmalloc(n);
    if (!q)
        return NULL;
    memcpy(q, p, have);
    kfree(p);
    return q;
}

void heap_trim(void)
{
    mm_crit_t c = mm_enter();
    arena_t *a = spare && arena_empty(spare) ? spare : NULL;
    if (a)
        arena_drop(a);
    spare = NULL;
    mm_leave(c);
    if (a)
        pmm_free_contig((uintptr_t)a, a->npages);
}

size_t heap_used_bytes(void)
{
    return bytes_used;
}

size_t heap_pages(void)
{
    return held_pages;
}

/* Check the blocks of one arena; returns them, counts the free ones. */
static size_t check_arena(arena_t *a, size_t *nfree)
{
    if (a->magic != ARENA_MAGIC || a->npages != ARENA_PAGES)
        panic("heap: corrupt arena header at %p", (void *)a);
    size_t blocks = 0;
    uint32_t prev = 0;
    bool prev_free = false;
    hdr_t *h = first_of(a);
    for (;; h = next_of(h)) {
        if ((char *)h + sizeof(hdr_t) > (char *)a + KCONFIG_HEAP_CHUNK)
            panic("heap: block %p runs past its arena", (void *)h);
        verify(h, "heap_check");
        if (h->prev != prev)
            panic("heap: block %p has a stale previous size", (void *)h);
        if (bsize(h) == 0)
            break;
        if (h->size & LARGE)
            panic("heap: large block %p inside an arena", (void *)h);
        if (!bused(h) && prev_free)
            panic("heap: two free neighbours at %p", (void *)h);
        prev = (uint32_t)(bsize(h) / ALIGN);
        prev_free = !bused(h);
        *nfree += prev_free;
        blocks++;
    }
    if (!bused(h) || (char *)h + sizeof(hdr_t) != (char *)a + KCONFIG_HEAP_CHUNK)
        panic("heap: arena %p has a bad sentinel", (void *)a);
    return blocks;
}

size_t heap_check(void)
{
    size_t blocks = 0, nfree = 0, listed_free = 0, empty = 0, pages = 0, used = 0;
    mm_crit_t c = mm_enter();
    for (arena_t *a = arenas; a; a = a->next) {
        blocks += check_arena(a, &nfree);
        empty += arena_empty(a);
        pages += a->npages;
        for (hdr_t *h = first_of(a); bsize(h); h = next_of(h))
            used += bused(h) ? bsize(h) : 0;
    }
    for (arena_t *a = larges; a; a = a->next) {
        hdr_t *h = first_of(a);
        verify(h, "heap_check");
        if (!(h->size & LARGE) || !bused(h))
            panic("heap: bad large block at %p", (void *)(h + 1));
        block_of(h + 1);
        blocks++;
        pages += a->npages;
        used += bsize(h);
    }
    for (unsigned b = 0; b < NBINS; b++) {
        if (!bins[b] != !(bin_mask & (1ull << b)))
            panic("heap: free list %u and its mask bit disagree", b);
        for (hdr_t *h = bins[b]; h; h = ((free_t *)h)->next) {
            if (bin_of(bsize(listed(h))) != b)
                panic("heap: free block %p on the wrong list", (void *)h);
            listed_free++;
        }
    }
    if (listed_free != nfree)
        panic("heap: %zu free blocks, %zu on the lists", nfree, listed_free);
    if (empty > 1 || (empty == 1 && (!spare || !arena_empty(spare))))
        panic("heap: %zu empty arenas kept", empty);
    if (pages != held_pages || used != bytes_used)
        panic("heap: counts are off (%zu/%zu frames, %zu/%zu bytes)", pages, held_pages, used,
              bytes_used);
    mm_leave(c);
    return blocks;
}
