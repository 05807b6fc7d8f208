/* ports/sjlj/setjmp.h - setjmp/longjmp for wasm32-wasi programs, built on
 * binaryen's Asyncify (wasm-opt --asyncify) instead of wasm exception
 * handling, which JerichoOS's engine does not have and Debian bookworm's
 * wasi-libc does not provide. Found before the system's <setjmp.h> by
 * -Iports/sjlj (ports/README.md, "setjmp and longjmp").
 *
 * setjmp unwinds the whole wasm call stack into a snapshot and rewinds it at
 * once; longjmp unwinds and rewinds that snapshot, so setjmp returns again.
 * Limits: a jmp_buf must be an automatic variable (on the C stack) and
 * jumps go to a live setjmp, as C requires; every setjmp costs one unwind
 * and one rewind of the stack; the program's main runs under a driver
 * (sjlj.c) and must be compiled with -Dmain=__sjlj_main. */
#ifndef PORTS_SJLJ_SETJMP_H
#define PORTS_SJLJ_SETJMP_H

struct __sjlj_buf {
    int state;          /* __SJLJ_FRESH ... __SJLJ_RETURNING (sjlj.c) */
    int value;          /* what setjmp returns after a longjmp */
};
typedef struct __sjlj_buf jmp_buf[1];

int __sjlj_setjmp(struct __sjlj_buf *env);
_Noreturn void longjmp(jmp_buf env, int value);

/* The store happens before the call only when the program runs forward;
 * a rewind skips it and re-enters __sjlj_setjmp with the state it left. */
#define setjmp(env) ((env)->state = 0, __sjlj_setjmp(env))
#define _setjmp(env) setjmp(env)
#define _longjmp(env, v) longjmp(env, v)

#endif
