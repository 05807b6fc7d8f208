/*
 * wasi_args.c - args_* and environ_* for WASI: the program's arguments
 * and its environment (jwasm --env), laid out by the shared code
 * (src/wasi/wasi_mem.c: wasi_strv_sizes, wasi_strv_get).
 */
#include "host/wasi_impl.h"

static wasi_strv_t argv_of(const wasi_ctx_t *ctx)
{
    return (wasi_strv_t){ (uint32_t)ctx->argc, (const char *const *)ctx->argv };
}

static wasi_strv_t env_of(const wasi_ctx_t *ctx)
{
    return (wasi_strv_t){ (uint32_t)ctx->envc, (const char *const *)ctx->envp };
}

// args_sizes_get(argc_ptr, buf_size_ptr) -> errno
WASI_FN(args_sizes_get)
{
    wasi_strv_t s = argv_of(ctx);
    return wasi_ret(res, wasi_strv_sizes(mem, &s, args[0].i32, args[1].i32));
}

// args_get(argv_ptr, buf_ptr) -> errno
WASI_FN(args_get)
{
    wasi_strv_t s = argv_of(ctx);
    return wasi_ret(res, wasi_strv_get(mem, &s, args[0].i32, args[1].i32));
}

// environ_sizes_get(count_ptr, buf_size_ptr) -> errno
WASI_FN(environ_sizes_get)
{
    wasi_strv_t s = env_of(ctx);
    return wasi_ret(res, wasi_strv_sizes(mem, &s, args[0].i32, args[1].i32));
}

// environ_get(environ_ptr, buf_ptr) -> errno
WASI_FN(environ_get)
{
    wasi_strv_t s = env_of(ctx);
    return wasi_ret(res, wasi_strv_get(mem, &s, args[0].i32, args[1].i32));
}
