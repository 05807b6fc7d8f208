/*
 * wasi_impl.h - internals shared by the WASI files (not for other users).
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

/* WASI preview1 errno values (the guest ABI: numbers are fixed). */
typedef enum {
    WASI_ESUCCESS = 0,
    WASI_EAGAIN = 6,
    WASI_EBADF = 8,
    WASI_EFAULT = 21,
    WASI_EINTR = 27,
    WASI_EINVAL = 28,
    WASI_EIO = 29,
    WASI_EISDIR = 31,
    WASI_ENOSPC = 51,
    WASI_ENOSYS = 52,
    WASI_EOVERFLOW = 61,
    WASI_EPIPE = 64,
    WASI_ESPIPE = 70,
} wasi_errno_t;

/* Guest memory 0 as seen during one call (base NULL, size 0 if none). */
typedef struct {
    uint8_t *base;
    uint64_t size;
} wasi_mem_t;

typedef wasm_trap_t (*wasi_fn_t)(wasi_ctx_t *ctx, wasi_mem_t *mem,
                                 const wasm_val_t *args, wasm_val_t *res);

/* One supported import: name, wasm type (as a type string of 'i' = i32,
 * 'I' = i64, params then ':' then results) and implementation. */
typedef struct {
    const char *name;
    const char *type;
    wasi_fn_t fn;
} wasi_entry_t;

/* The entry named name, or NULL. */
const wasi_entry_t *wasi_lookup(const char *name);
/* Does the wasm function type ft have the table type string t? */
bool wasi_type_matches(const wasm_functype_t *ft, const char *t);

/* ---- checked guest memory (wasi_mem.c) --------------------------------- */

/* Host pointer to [ptr, ptr+len) of guest memory, or NULL if any byte of
 * it is outside. len 0 at ptr == size is in bounds. */
uint8_t *wasi_mem_range(const wasi_mem_t *m, uint64_t ptr, uint64_t len);
/* Little-endian loads/stores; false (nothing written) if out of bounds. */
bool wasi_mem_get32(const wasi_mem_t *m, uint64_t ptr, uint32_t *v);
bool wasi_mem_put32(const wasi_mem_t *m, uint64_t ptr, uint32_t v);
bool wasi_mem_put64(const wasi_mem_t *m, uint64_t ptr, uint64_t v);
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

/* Result helper: set the single i32 errno result, go on. */
static inline wasm_trap_t wasi_ret(wasm_val_t *res, wasi_errno_t e)
{
    res[0].raw = 0;
    res[0].i32 = (uint32_t)e;
    return WASM_TRAP_NONE;
}

#endif
