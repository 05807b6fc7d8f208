/*
 * sys_wasi.h - WASI preview 1 (`wasi_snapshot_preview1`) as system calls
 * of wasm tasks, beside the `jericho` module (docs/wasi.md). The portable
 * part (signatures, errnos, checked guest memory, iovecs, records) is
 * src/wasi/wasi.h, shared with jwasm; this is the kernel's backend:
 * every resource is a capability of the calling task.
 *
 *   fd 0          the task's first CONSOLE capability with READ
 *   fd 1, fd 2    its first CONSOLE capability with WRITE
 *   clocks        its first CLOCK capability with READ (else ENOTCAPABLE)
 *   random_get    its first ENTROPY capability with READ (else ENOTCAPABLE)
 *   args, environ its boot module's manifest (`args:`, `env:`)
 *
 * Capabilities are looked up at every call (decode, then perform), so a
 * deleted or revoked capability takes effect at the next call. A missing
 * capability is EBADF for an fd, ENOTCAPABLE otherwise; never a trap.
 * Every preview-1 function is bound: those not listed return ENOSYS.
 */
#ifndef JERICHO_SYSCALL_SYS_WASI_H
#define JERICHO_SYSCALL_SYS_WASI_H

#include "syscall/syscall.h"
#include "wasi/wasi.h"

/* The host function for import wasi_snapshot_preview1.NAME, or NULL with
 * a message in err ("unknown import ...", "incompatible import type
 * ..."). Shared by every task, made once. */
wasm_func_t *sys_wasi_lookup(const wasm_importdesc_t *imp, char *err, size_t errlen);
/* Make every WASI host function now (syscall_init). */
bool sys_wasi_init(void);

/* ---- for the sys_wasi*.c files -------------------------------------------- */

/* The slot of the caller's first capability of type t whose kernel
 * rights include kr, or -1. */
int32_t sys_wasi_find_cap(wtask_t *w, objtype_t t, unsigned kr);
/* The caller's memory 0 as the shared layer sees it. */
wasi_mem_t sys_wasi_mem(wasm_exec_t *ex);
/* The errno of a kernel error (missing capability: ENOTCAPABLE). */
wasi_errno_t sys_wasi_errno(kerr_t e);
/* Set the one i32 result. */
static inline wasm_trap_t sys_wasi_ret(wasm_val_t *r, wasi_errno_t e)
{
    r[0].raw = 0;
    r[0].i32 = (uint32_t)e;
    return WASM_TRAP_NONE;
}

#define SYS_WASI_DECL(name) \
    wasm_trap_t sys_wasi_##name(wasm_exec_t *ex, void *env, const wasm_val_t *a, wasm_val_t *r)
/* sys_wasi_fd.c */
SYS_WASI_DECL(fd_write); SYS_WASI_DECL(fd_read); SYS_WASI_DECL(fd_close);
SYS_WASI_DECL(fd_seek); SYS_WASI_DECL(fd_tell); SYS_WASI_DECL(fd_fdstat_get);
SYS_WASI_DECL(fd_prestat_get); SYS_WASI_DECL(fd_prestat_dir_name);
/* sys_wasi_poll.c */
SYS_WASI_DECL(poll_oneoff);
/* sys_wasi.c */
SYS_WASI_DECL(args_get); SYS_WASI_DECL(args_sizes_get); SYS_WASI_DECL(environ_get);
SYS_WASI_DECL(environ_sizes_get); SYS_WASI_DECL(clock_time_get);
SYS_WASI_DECL(clock_res_get); SYS_WASI_DECL(random_get); SYS_WASI_DECL(proc_exit);
SYS_WASI_DECL(sched_yield);
/* The clock's value for a WASI clock id: false for an unknown id. */
bool sys_wasi_clock_now(wtask_t *w, uint32_t id, uint64_t *ns);

#endif
