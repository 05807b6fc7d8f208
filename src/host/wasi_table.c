/*
 * wasi_table.c - the WASI functions jwasm implements (name, wasm type
 * from the shared preview-1 table src/wasi/, implementation) and the
 * set-up of a program's WASI context. Nothing here needs the engine, so
 * unit tests link it alone.
 */
#include <string.h>

#include "host/wasi_impl.h"

#define T(n) { #n, NULL, wasi_##n }
static wasi_entry_t wasi_table[] = {
    T(args_get), T(args_sizes_get), T(environ_get), T(environ_sizes_get),
    T(fd_write), T(fd_read), T(fd_close), T(fd_seek), T(fd_fdstat_get),
    T(fd_prestat_get), T(fd_prestat_dir_name), T(clock_time_get), T(clock_res_get),
    T(random_get), T(proc_exit), T(sched_yield), T(poll_oneoff),
};
#undef T

const wasi_entry_t *wasi_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof wasi_table / sizeof wasi_table[0]; i++)
        if (strcmp(wasi_table[i].name, name) == 0) {
            if (!wasi_table[i].type)        /* the shared table's signature */
                wasi_table[i].type = wasi_sigs[wasi_fn_lookup(name)].type;
            return &wasi_table[i];
        }
    return NULL;
}

void wasi_ctx_init(wasi_ctx_t *ctx, int argc, char **argv)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->argc = argc;
    ctx->argv = argv;
    for (int i = 0; i < WASI_NFDS; i++)
        ctx->host_fd[i] = i;
}
