/*
 * wasi.h - the WASI preview1 subset that jwasm offers to a module
 * (import module "wasi_snapshot_preview1").
 *
 * Supported: args_get, args_sizes_get, environ_get, environ_sizes_get
 * (jwasm --env K=V; empty by default), fd_write/fd_read on stdio, fd_close, fd_seek,
 * fd_fdstat_get, fd_prestat_get/fd_prestat_dir_name (no preopens: EBADF),
 * clock_time_get, clock_res_get, random_get, proc_exit, sched_yield,
 * poll_oneoff (clock subscriptions and fd 0 read). Any other name of that module is bound to a function that returns
 * ENOSYS (52), so programs built against a full wasi-libc still link.
 *
 * Every pointer and length a guest passes is checked against its memory 0
 * (64-bit arithmetic, wrap-around safe); a bad one yields EFAULT (21).
 */
#ifndef JERICHO_HOST_WASI_H
#define JERICHO_HOST_WASI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wasm.h"
#include "wasi/wasi.h"        /* the portable part, shared with the kernel */
#define WASI_NFDS 3                 /* stdin, stdout, stderr */

#define WASI_MAX_BINDS 128         /* wasi imports one module may have */

struct wasi_ctx;
/* One bound import: what its host function's env points at. */
typedef struct {
    struct wasi_ctx *ctx;
    const void *entry;              /* wasi_entry_t, NULL = unsupported */
    const char *name;               /* the import's name (owned by module) */
    bool enosys;                    /* unsupported and returns one i32 */
    wasm_func_t *func;
} wasi_binding_t;

/* Everything the WASI functions of one program share. */
typedef struct wasi_ctx {
    int argc;
    char **argv;                    /* argv[0] is the program name */
    int envc;
    char **envp;                    /* "KEY=value" */
    int host_fd[WASI_NFDS];         /* host fds behind guest fds 0..2 */
    bool closed[WASI_NFDS];         /* guest closed it (host fd stays open) */
    bool exited;                    /* proc_exit was called ... */
    uint32_t exit_code;             /* ... with this code */
    uint32_t nbinds;                /* host functions made by wasi_bind */
    wasi_binding_t binds[WASI_MAX_BINDS];
} wasi_ctx_t;

/* Set up ctx for a program with these arguments on the host's stdio
 * (no environment: set envc/envp after). */
void wasi_ctx_init(wasi_ctx_t *ctx, int argc, char **argv);
/* Free the host functions made by wasi_bind. */
void wasi_ctx_fini(wasi_ctx_t *ctx);

/* Make the host function for import imp (whose module must be
 * WASI_MODULE_NAME). Returns NULL and a message in err when a supported
 * name is imported with another type ("incompatible import type") or when
 * memory runs out. */
wasm_func_t *wasi_bind(wasi_ctx_t *ctx, const wasm_importdesc_t *imp,
                       char *err, size_t errlen);

#endif
