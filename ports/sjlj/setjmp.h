/* ports/sjlj/setjmp.h - found first through -Iports/sjlj because Debian
 * bookworm's wasi-libc has no <setjmp.h> (the host's would be picked up).
 * It declares the type only, so that a file that includes it compiles; a
 * program that calls setjmp or longjmp fails to link. Ports use try.h
 * instead (Lua: LUAI_TRY and LUAI_THROW in ports/lua/wasi_config.h). */
#ifndef PORTS_SJLJ_SETJMP_H
#define PORTS_SJLJ_SETJMP_H

typedef struct { long long __unused[8]; } jmp_buf[1];

int setjmp(jmp_buf env);
_Noreturn void longjmp(jmp_buf env, int value);

#endif
