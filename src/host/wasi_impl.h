/*
 * wasi_impl.h - internals shared by the WASI files (not for other users).
 *
 * The portable part (errnos, the preview-1 signature table, checked guest
 * memory, iovecs, args/environ layout, records) is src/wasi/wasi.h, shared
 * with the kernel; this is jwasm's backend on the host process.
 *
 * Each WASI function is a wasi_fn_t: it sees the program's context, a view
 * of the caller's memory and the raw wasm arguments, writes its results and
 * returns a trap (WASM_TRAP_NONE to go on). The functions never touch
 * guest memory except through the checked helpers below, so they can be
 * unit-tested on a plain buffer (tests/jwasm/test_wasi.c) without the
 * engine. wasi.c binds them to the engine through one trampoline.
 */
#ifndef JERICHO_HOST_WASI_IMPL_H
#define JERICHO_HOST_WASI_IMPL_H

#include "host/wasi.h"
#include "wasi/wasi.h"

typedef wasm_trap_t (*wasi_fn_t)(wasi_ctx_t *ctx, wasi_mem_t *mem,
                                 const wasm_val_t *args, wasm_val_t *res);

/* One supported import: name, wasm type (the shared table's: 'i' = i32,
 * 'I' = i64, params then ':' then results) and implementation. */
typedef struct {
    const char *name;
    const char *type;
    wasi_fn_t fn;
} wasi_entry_t;

/* The entry jwasm implements for name, or NULL (then a preview-1 name is
 * bound to ENOSYS). */
const wasi_entry_t *wasi_lookup(const char *name);

/* Translate a host errno to the WASI one (EIO for the unknown). */
wasi_errno_t wasi_from_host_errno(int e);

/* ---- the functions (wasi_args.c, wasi_fd.c, wasi_sys.c) ---------------- */

#define WASI_FN(name) wasm_trap_t wasi_##name(wasi_ctx_t *ctx, wasi_mem_t *mem, \
                                              const wasm_val_t *args, wasm_val_t *res)
WASI_FN(args_get);
WASI_FN(args_sizes_get);
WASI_FN(environ_get);
WASI_FN(environ_sizes_get);
WASI_FN(fd_write);
WASI_FN(fd_read);
WASI_FN(fd_close);
WASI_FN(fd_seek);
WASI_FN(fd_fdstat_get);
WASI_FN(fd_prestat_get);
WASI_FN(fd_prestat_dir_name);
WASI_FN(clock_time_get);
WASI_FN(clock_res_get);
WASI_FN(random_get);
WASI_FN(proc_exit);
WASI_FN(sched_yield);
WASI_FN(poll_oneoff);

/* Result helper: set the single i32 errno result, go on. */
static inline wasm_trap_t wasi_ret(wasm_val_t *res, wasi_errno_t e)
{
    res[0].raw = 0;
    res[0].i32 = (uint32_t)e;
    return WASM_TRAP_NONE;
}

#endif
