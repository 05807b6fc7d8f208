/* ports/sjlj/sjlj.c - try/throw over binaryen's Asyncify (see try.h).
 *
 * Asyncify (wasm-opt --asyncify) rewrites the module so that every function
 * that may reach asyncify.start_unwind can, after each call that may
 * unwind, save its locals and return at once. A throw starts such an
 * unwind; the frames return one by one up to __sjlj_try, which Asyncify
 * leaves as it is (it calls stop_unwind: the "top-most runtime"), stops
 * the unwind there and returns 1. Nothing is rewound: the frames between
 * the throw and the try are gone, as after a longjmp, and their saved
 * locals (in a scratch buffer) are never read.
 *
 * The unwound frames skip their epilogues, so the shadow-stack pointer
 * is put back as it was at the try. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "try.h"

#define ASYNCIFY(name) __attribute__((import_module("asyncify"), import_name(name)))
ASYNCIFY("start_unwind") void asyncify_start_unwind(void *data);
ASYNCIFY("stop_unwind") void asyncify_stop_unwind(void);

uint32_t __sjlj_sp_get(void);
void __sjlj_sp_set(uint32_t sp);

/* Asyncify's data: where the next saved frame goes, where the buffer ends;
 * the saved frames follow. */
struct adata {
    uint32_t cur, end;
};

#define SCRATCH (64 * 1024)     /* the locals of the frames a throw unwinds */

static _Alignas(8) unsigned char scratch[SCRATCH];
static struct __sjlj_try *target;   /* the try a throw is unwinding to */
static unsigned live;               /* tries running */

static _Noreturn void die(const char *why)
{
    fprintf(stderr, "try/throw (ports/sjlj): %s\n", why);
    fflush(stderr);
    _Exit(70);
}

int __sjlj_try(struct __sjlj_try *t, void (*f)(void *, void *), void *a, void *b)
{
    t->sp = __sjlj_sp_get();
    live++;
    f(a, b);
    live--;
    if (!target)
        return 0;
    if (target != t)
        die("a throw went past its try");
    asyncify_stop_unwind();
    target = NULL;
    __sjlj_sp_set(t->sp);
    return 1;
}

__attribute__((noinline)) static void start_throw(struct __sjlj_try *t)
{
    struct adata *d = (struct adata *)scratch;

    if (live == 0)
        die("a throw with no try running");
    target = t;
    d->cur = (uint32_t)(uintptr_t)(d + 1);
    d->end = (uint32_t)(uintptr_t)(scratch + SCRATCH);
    asyncify_start_unwind(d);
}

/* Rewritten by Asyncify (it calls start_throw, which starts the unwind):
 * after that call it returns, unwinding, before the trap. */
_Noreturn void __sjlj_throw(struct __sjlj_try *t)
{
    start_throw(t);
    __builtin_unreachable();
}
