/* arch/cc.h - lwIP's compiler and platform glue for wasm32 (clang,
 * wasi-libc): types from <stdint.h>, errno numbers of its own, and
 * diagnostics and assertions printed on the task's console. A failed
 * assertion ends the network task only (exit 70). */
#ifndef NETSTACK_ARCH_CC_H
#define NETSTACK_ARCH_CC_H

#include <stdio.h>
#include <stdlib.h>

#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_NO_UNISTD_H 1
#define LWIP_ERRNO_STDINCLUDE 1     /* wasi-libc's <errno.h> */
#define LWIP_TIMEVAL_PRIVATE 0

#define LWIP_PLATFORM_DIAG(x) do { printf x; } while (0)
#define LWIP_PLATFORM_ASSERT(x) do { \
        printf("netstack: lwIP assertion \"%s\" failed at %s:%d\n", x, __FILE__, __LINE__); \
        fflush(stdout); exit(70); } while (0)

#endif
