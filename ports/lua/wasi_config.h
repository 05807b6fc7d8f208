/* ports/lua/wasi_config.h - the configuration Lua 5.4 is built with for
 * wasm32-wasi (given to every file with clang -include; the Debian sources
 * are not edited). Lua's own luaconf.h leaves these to the platform:
 *  - tmpnam: WASI has no temporary files; os.tmpname fails ("unable to
 *    generate a unique filename").
 *  - os.execute / io.popen: no processes; system() is stubbed to -1 in
 *    ports/lua/wasi_stubs.c (os.execute() reports no shell).
 * Errors, pcall and coroutines use setjmp/longjmp from ports/sjlj/. */
#define LUA_TMPNAMBUFSIZE 32
#define lua_tmpnam(b, e) { (b)[0] = '\0'; e = 1; }
