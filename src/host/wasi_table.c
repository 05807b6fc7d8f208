/*
 * wasi_table.c - the supported WASI functions (name, wasm type,
 * implementation) and the set-up of a program's WASI context. Nothing
 * here needs the engine, so unit tests link it alone.
 */
#include <string.h>

#include "host/wasi_impl.h"

/* Types: 'i' = i32, 'I' = i64; params ':' results. */
static const wasi_entry_t wasi_table[] = {
    { "args_get", "ii:i", wasi_args_get },
    { "args_sizes_get", "ii:i", wasi_args_sizes_get },
    { "environ_get", "ii:i", wasi_environ_get },
    { "environ_sizes_get", "ii:i", wasi_environ_sizes_get },
    { "fd_write", "iiii:i", wasi_fd_write },
    { "fd_read", "iiii:i", wasi_fd_read },
    { "fd_close", "i:i", wasi_fd_close },
    { "fd_seek", "iIii:i", wasi_fd_seek },
    { "fd_fdstat_get", "ii:i", wasi_fd_fdstat_get },
    { "fd_prestat_get", "ii:i", wasi_fd_prestat_get },
    { "fd_prestat_dir_name", "iii:i", wasi_fd_prestat_dir_name },
    { "clock_time_get", "iIi:i", wasi_clock_time_get },
    { "clock_res_get", "ii:i", wasi_clock_res_get },
    { "random_get", "ii:i", wasi_random_get },
    { "proc_exit", "i:", wasi_proc_exit },
    { "sched_yield", ":i", wasi_sched_yield },
};

const wasi_entry_t *wasi_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof wasi_table / sizeof wasi_table[0]; i++)
        if (strcmp(wasi_table[i].name, name) == 0)
            return &wasi_table[i];
    return NULL;
}

bool wasi_type_matches(const wasm_functype_t *ft, const char *t)
{
    const uint8_t *want = ft->params;
    uint32_t n = ft->nparams, k = 0;
    for (;; t++) {
        if (*t == ':' || *t == 0) {
            if (k != n)
                return false;
            if (*t == 0)
                return true;
            want = ft->results;
            n = ft->nresults;
            k = 0;
            continue;
        }
        if (k >= n || want[k] != (*t == 'I' ? WASM_I64 : WASM_I32))
            return false;
        k++;
    }
}

void wasi_ctx_init(wasi_ctx_t *ctx, int argc, char **argv)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->argc = argc;
    ctx->argv = argv;
    for (int i = 0; i < WASI_NFDS; i++)
        ctx->host_fd[i] = i;
}

