/* ports/sjlj/sjlj.c - setjmp and longjmp over binaryen's Asyncify (see
 * setjmp.h), and the driver that runs the program's main under it.
 *
 * Asyncify (wasm-opt --asyncify) rewrites the module so that every function
 * that may reach asyncify.start_unwind can save its locals and return, and
 * later be re-entered where it stopped (a rewind). Functions that call
 * start_unwind/stop_rewind (here __sjlj_setjmp, __sjlj_longjmp) and those
 * that call stop_unwind/start_rewind (main below) are left as they are.
 *
 *   setjmp:  unwind the stack into the jmp_buf's snapshot, come back to
 *            main, rewind the same snapshot at once: setjmp returns 0;
 *   longjmp: unwind the stack into a scratch buffer (thrown away), come
 *            back to main, rewind the target's snapshot: setjmp returns
 *            the value. Linear memory (heap, shadow stack) is not touched,
 *            as C says; the shadow-stack pointer is put back as it was at
 *            setjmp.
 *
 * Snapshots are kept in a stack ordered as the C stack: a jmp_buf lives
 * on the shadow stack, which grows down, so a buffer at a lower address
 * than a new one belongs to a frame that has returned. */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ASYNCIFY(name) __attribute__((import_module("asyncify"), import_name(name)))
ASYNCIFY("start_unwind") void asyncify_start_unwind(void *data);
ASYNCIFY("stop_unwind") void asyncify_stop_unwind(void);
ASYNCIFY("start_rewind") void asyncify_start_rewind(void *data);
ASYNCIFY("stop_rewind") void asyncify_stop_rewind(void);

uint32_t __sjlj_sp_get(void);
void __sjlj_sp_set(uint32_t sp);
int __sjlj_main(int argc, char **argv);

enum { SJLJ_FRESH, SJLJ_CAPTURING, SJLJ_CAPTURED, SJLJ_RETURNING };

/* Asyncify's data: where the next saved frame goes, where the buffer ends;
 * the saved frames follow. */
struct adata {
    uint32_t cur, end;
};

#ifndef SJLJ_SNAPSHOT
#define SJLJ_SNAPSHOT (64 * 1024)   /* bytes per snapshot (saved locals) */
#endif
#define SJLJ_DEPTH 256              /* nested live setjmps (Lua: <= 200) */

struct snap {
    struct __sjlj_buf *env;
    uint32_t sp;            /* shadow-stack pointer at setjmp */
    uint32_t filled;        /* adata.cur after the capture */
    struct adata *data;     /* kept for the next snapshot at this depth */
};

static struct snap snaps[SJLJ_DEPTH];
static int nsnaps;
static struct adata *scratch;
static enum { RUN, CAPTURE, JUMP } mode;
static struct snap *target;

static _Noreturn void die(const char *why)
{
    fprintf(stderr, "setjmp/longjmp (ports/sjlj): %s\n", why);
    fflush(stderr);
    _Exit(70);
}

static struct adata *buffer(struct adata *d)
{
    if (!d && !(d = malloc(SJLJ_SNAPSHOT)))
        die("out of memory for a stack snapshot");
    d->cur = (uint32_t)(uintptr_t)(d + 1);
    d->end = (uint32_t)(uintptr_t)d + SJLJ_SNAPSHOT;
    return d;
}

__attribute__((noinline)) int __sjlj_setjmp(struct __sjlj_buf *env)
{
    struct snap *s;

    switch (env->state) {
    case SJLJ_FRESH:
        while (nsnaps > 0 && (uintptr_t)snaps[nsnaps - 1].env <= (uintptr_t)env)
            nsnaps--;
        if (nsnaps == SJLJ_DEPTH)
            die("too many nested setjmp");
        s = &snaps[nsnaps++];
        s->env = env;
        s->sp = __sjlj_sp_get();
        s->data = buffer(s->data);
        env->state = SJLJ_CAPTURING;
        mode = CAPTURE;
        target = s;
        asyncify_start_unwind(s->data);
        return 0;
    case SJLJ_CAPTURING:
        asyncify_stop_rewind();
        env->state = SJLJ_CAPTURED;
        return 0;
    case SJLJ_RETURNING:
        asyncify_stop_rewind();
        env->state = SJLJ_CAPTURED;
        return env->value;
    default:
        die("setjmp on a corrupt jmp_buf");
    }
}

__attribute__((noinline)) static void sjlj_longjmp(struct __sjlj_buf *env, int value)
{
    while (nsnaps > 0 && (uintptr_t)snaps[nsnaps - 1].env < (uintptr_t)env)
        nsnaps--;
    if (nsnaps == 0 || snaps[nsnaps - 1].env != env || env->state != SJLJ_CAPTURED)
        die("longjmp to a jmp_buf without a live setjmp");
    env->value = value ? value : 1;
    env->state = SJLJ_RETURNING;
    mode = JUMP;
    target = &snaps[nsnaps - 1];
    scratch = buffer(scratch);
    asyncify_start_unwind(scratch);
}

/* longjmp itself is rewritten by Asyncify (it calls sjlj_longjmp, which
 * unwinds): after that call it returns, unwinding, before the trap. */
_Noreturn void longjmp(jmp_buf env, int value)
{
    sjlj_longjmp(env, value);
    __builtin_unreachable();
}

int main(int argc, char **argv)
{
    for (;;) {
        int rc = __sjlj_main(argc, argv);
        struct snap *s = target;

        if (mode == RUN)
            return rc;
        asyncify_stop_unwind();
        if (mode == CAPTURE)
            s->filled = s->data->cur;
        else
            s->data->cur = s->filled;
        mode = RUN;
        __sjlj_sp_set(s->sp);
        asyncify_start_rewind(s->data);
    }
}
