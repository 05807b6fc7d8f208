/* ports/lua/wasi_config.h - the configuration Lua 5.4 is built with for
 * wasm32-wasi (given to every file with clang -include; the Debian sources
 * are not edited). Lua's own luaconf.h and ldo.c leave these to the
 * platform:
 *  - errors: LUAI_TRY and LUAI_THROW, which ldo.c lets a port define
 *    (it offers setjmp/longjmp or C++ exceptions), are try/throw over
 *    Asyncify (ports/sjlj/try.h). Lua has one LUAI_TRY, in
 *    luaD_rawrunprotected(L, f, ud), where `a` is `(*f)(L, ud);`: the try
 *    calls f(L, ud) itself and, as ldo.c's C++ variant, makes sure a throw
 *    leaves a status (luaD_throw sets it first); Pfunc and the try's function type are the same
 *    wasm type, (i32, i32) -> (). error, pcall and coroutine.yield from C
 *    all throw to the innermost protected call, as with longjmp.
 *  - tmpnam: WASI has no temporary files; os.tmpname fails ("unable to
 *    generate a unique filename").
 *  - system() and tmpfile(): stubs in ports/lua/wasi_stubs.c. */
#include "try.h"

#define luai_jmpbuf struct __sjlj_try
#define LUAI_THROW(L, c) __sjlj_throw(&(c)->b)
#define LUAI_TRY(L, c, a) \
    if (__sjlj_try(&(c)->b, (void (*)(void *, void *))f, L, ud) && (c)->status == 0) \
        (c)->status = -1

#define LUA_TMPNAMBUFSIZE 32
#define lua_tmpnam(b, e) { (b)[0] = '\0'; e = 1; }
