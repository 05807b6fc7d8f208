/* ports/sjlj/try.h - try/throw for wasm32-wasi programs, built on
 * binaryen's Asyncify (wasm-opt --asyncify) instead of wasm exception
 * handling, which JerichoOS's engine does not have (nor has Debian
 * bookworm's wasi-libc a setjmp). ports/README.md, "Errors and coroutines".
 *
 * __sjlj_try(t, f, a, b) calls f(a, b) and returns 0 when f returns;
 * __sjlj_throw(t) unwinds the wasm stack up to that __sjlj_try, which then
 * returns 1: what setjmp/longjmp do for a program whose setjmp is
 * `if (setjmp(b) == 0) f(a, b);` (Lua's LUAI_TRY, ports/lua/wasi_config.h).
 * A throw goes to the innermost live try (as Lua's do); the frames between
 * are discarded, linear memory is left as it is. */
#ifndef PORTS_SJLJ_TRY_H
#define PORTS_SJLJ_TRY_H

struct __sjlj_try {
    unsigned sp;            /* the shadow-stack pointer at the try */
};

int __sjlj_try(struct __sjlj_try *t, void (*f)(void *, void *), void *a, void *b);
_Noreturn void __sjlj_throw(struct __sjlj_try *t);

#endif
