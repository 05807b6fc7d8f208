/*
 * sys_ntfn.c - the notification system calls: signal, wait, poll_signal
 * (docs/abi.md 4.3), on top of the kernel core's notifications. The word
 * is what signals ORed in: 32-bit bits and badges of up to 48 bits
 * (CAP_BADGE_MAX), so it fits the non-negative half of the i64 result
 * whole, and a result never looks like an error (-code).
 */
#include "kernel/notification.h"
#include "syscall/syscall.h"
#include "wasmtask/wtask.h"

#define I32(x) ((int32_t)(x).i32)
_Static_assert(CAP_BADGE_MAX < (1ull << 63), "every word is a non-negative i64");

SYS_DECL(signal)
{
    (void)env;
    int32_t slot = I32(a[0]);
    cap_t c;
    int32_t rc = sys_cap(sys_self(ex), slot, OBJ_NOTIFICATION, SYS_R_WRITE, &c, NULL);
    if (!rc && a[1].i32 == 0 && cap_badge(c) == 0)
        rc = -SYS_E_BAD_ARGUMENT;       /* a signal that sets nothing */
    if (!rc)
        rc = sys_err(notify_signal((uint32_t)slot, a[1].i32));
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

static wasm_trap_t do_wait(wasm_exec_t *ex, const wasm_val_t *a, wasm_val_t *r, bool block)
{
    int32_t slot = I32(a[0]);
    int32_t rc = sys_cap(sys_self(ex), slot, OBJ_NOTIFICATION, SYS_R_READ, NULL, NULL);
    uint64_t bits = 0;
    if (!rc) {
        kerr_t e = block ? notify_wait((uint32_t)slot, &bits) : notify_poll((uint32_t)slot, &bits);
        if (e == KERR_WOULD_BLOCK && !block)
            e = KERR_OK, bits = 0;      /* poll_signal: 0, not an error */
        rc = sys_err(e);
    }
    r[0].i64 = rc ? (uint64_t)(int64_t)rc : bits;
    return WASM_TRAP_NONE;
}

SYS_DECL(wait) { (void)env; return do_wait(ex, a, r, true); }
SYS_DECL(poll_signal) { (void)env; return do_wait(ex, a, r, false); }
