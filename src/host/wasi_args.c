/*
 * wasi_args.c - args_* and environ_* for WASI: the program's arguments,
 * and an always-empty environment.
 *
 * Layout the guest expects (WASI preview1): args_sizes_get gives argc and
 * the bytes of all NUL-terminated strings; args_get writes argc u32
 * pointers at argv_ptr and the strings back to back at buf_ptr.
 */
#include <string.h>

#include "host/wasi_impl.h"

static uint64_t args_bytes(const wasi_ctx_t *ctx)
{
    uint64_t n = 0;
    for (int i = 0; i < ctx->argc; i++)
        n += strlen(ctx->argv[i]) + 1;
    return n;
}

// args_sizes_get(argc_ptr, buf_size_ptr) -> errno
WASI_FN(args_sizes_get)
{
    uint64_t bytes = args_bytes(ctx);
    if (bytes > UINT32_MAX)
        return wasi_ret(res, WASI_EOVERFLOW);
    if (!wasi_mem_range(mem, args[0].i32, 4) || !wasi_mem_range(mem, args[1].i32, 4))
        return wasi_ret(res, WASI_EFAULT);
    wasi_mem_put32(mem, args[0].i32, (uint32_t)ctx->argc);
    wasi_mem_put32(mem, args[1].i32, (uint32_t)bytes);
    return wasi_ret(res, WASI_ESUCCESS);
}

// args_get(argv_ptr, buf_ptr) -> errno
WASI_FN(args_get)
{
    uint64_t argv_ptr = args[0].i32, buf_ptr = args[1].i32;
    uint64_t bytes = args_bytes(ctx);
    uint64_t nptr = (uint64_t)ctx->argc * 4;
    if ((nptr && !wasi_mem_range(mem, argv_ptr, nptr)) ||
        (bytes && !wasi_mem_range(mem, buf_ptr, bytes)))
        return wasi_ret(res, WASI_EFAULT);
    uint64_t at = buf_ptr;
    for (int i = 0; i < ctx->argc; i++) {
        size_t len = strlen(ctx->argv[i]) + 1;
        wasi_mem_put32(mem, argv_ptr + 4 * (uint64_t)i, (uint32_t)at);
        memcpy(wasi_mem_range(mem, at, len), ctx->argv[i], len);
        at += len;
    }
    return wasi_ret(res, WASI_ESUCCESS);
}

// environ_sizes_get(count_ptr, buf_size_ptr) -> errno: always 0 and 0
WASI_FN(environ_sizes_get)
{
    (void)ctx;
    if (!wasi_mem_range(mem, args[0].i32, 4) || !wasi_mem_range(mem, args[1].i32, 4))
        return wasi_ret(res, WASI_EFAULT);
    wasi_mem_put32(mem, args[0].i32, 0);
    wasi_mem_put32(mem, args[1].i32, 0);
    return wasi_ret(res, WASI_ESUCCESS);
}

// environ_get(environ_ptr, buf_ptr) -> errno: nothing to write
WASI_FN(environ_get)
{
    (void)ctx;
    (void)mem;
    (void)args;
    return wasi_ret(res, WASI_ESUCCESS);
}
