/*
 * sys_wasi_poll.c - WASI poll_oneoff in the kernel: clock subscriptions
 * (the task's CLOCK capability with READ; without one the subscription's
 * event carries ENOTCAPABLE) and fd subscriptions on the stdio fds (fd 0
 * readable when console input waits, the event's nbytes the bytes
 * waiting; fds 1, 2 always writable; another or closed fd: an event with
 * EBADF). The call blocks until one subscription
 * fires: on console input with the nearest clock as timeout, or asleep
 * until that clock. A kill ends the wait (EINTR; the task stops at the
 * call's return).
 */
#include "hal.h"
#include "kernel/console_in.h"
#include "kernel/sched.h"
#include "syscall/sys_wasi.h"
#include "klib.h"

/* What one subscription waits for, decoded once. */
typedef struct {
    wasi_errno_t err;           /* an event at once with this error */
    bool now;                   /* fires at once (an error, or fd_write) */
    bool read;                  /* fd_read on fd 0 */
    uint64_t deadline;          /* clock: arch_time_ns() value, else MAX */
} want_t;

static want_t decode(wtask_t *w, const wasi_sub_t *s, uint64_t now)
{
    want_t x = { WASI_ESUCCESS, false, false, UINT64_MAX };
    if (s->tag == WASI_EVENTTYPE_CLOCK) {
        uint64_t t;
        if (sys_wasi_find_cap(w, OBJ_CLOCK, CAP_R_READ) < 0)
            x.err = WASI_ENOTCAPABLE;
        else if (!sys_wasi_clock_now(w, s->clock_id, &t))
            x.err = WASI_EINVAL;
        else if (s->flags & WASI_SUBCLOCK_ABSTIME)      /* on the clock's own scale */
            x.deadline = s->timeout <= t ? now : now + (s->timeout - t);
        else
            x.deadline = now + s->timeout < now ? UINT64_MAX - 1 : now + s->timeout;
        x.now = x.err != WASI_ESUCCESS;
        return x;
    }
    if (s->tag == WASI_EVENTTYPE_FD_READ || s->tag == WASI_EVENTTYPE_FD_WRITE) {
        bool rd = s->tag == WASI_EVENTTYPE_FD_READ;
        bool ok = s->fd <= 2 && !(w->wasi_closed & (1u << s->fd)) && (s->fd == 0) == rd &&
                  sys_wasi_find_cap(w, OBJ_CONSOLE, rd ? CAP_R_READ : CAP_R_WRITE) >= 0;
        x.err = ok ? WASI_ESUCCESS : WASI_EBADF;
        x.read = ok && rd;
        x.now = !x.read;
        return x;
    }
    x.err = WASI_EINVAL;
    x.now = true;
    return x;
}

// poll_oneoff(in, out, nsubscriptions, nevents_ptr) -> errno
SYS_WASI_DECL(poll_oneoff)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    wasi_mem_t m = sys_wasi_mem(ex);
    uint32_t in = a[0].i32, out = a[1].i32, n = a[2].i32, nev = a[3].i32;
    wasi_errno_t e = wasi_poll_check(&m, in, out, n, nev);
    if (e)
        return sys_wasi_ret(r, e);
    uint64_t start = arch_time_ns(), first = UINT64_MAX;
    bool any_now = false, any_read = false;
    for (uint32_t i = 0; i < n; i++) {
        wasi_sub_t s;
        wasi_sub_read(&m, in, i, &s);
        want_t x = decode(w, &s, start);
        any_now |= x.now;
        any_read |= x.read;
        if (x.deadline < first)
            first = x.deadline;
    }
    /* Wait until something fires. */
    for (;;) {
        uint64_t t = arch_time_ns();
        if (any_now || t >= first || (any_read && conin_ready()))
            break;
        kerr_t k;
        if (any_read) {
            k = conin_wait(first);
            if (k == KERR_WOULD_BLOCK)
                k = KERR_OK;            /* the timeout: a clock fired */
        } else {
            sched_sleep_until(first);
            k = task_kill_posted() ? KERR_DESTROYED : KERR_OK;
        }
        if (k)
            return sys_wasi_ret(r, sys_wasi_errno(k));
    }
    /* Report what fired (decoded again: the capabilities of now). */
    uint64_t t = arch_time_ns();
    size_t avail = conin_available();  /* the event's nbytes */
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        wasi_sub_t s;
        wasi_sub_read(&m, in, i, &s);
        want_t x = decode(w, &s, start);
        if (x.now)
            wasi_event_put(&m, out, k++, s.userdata, x.err, s.tag, 0);
        else if (x.read && avail)
            wasi_event_put(&m, out, k++, s.userdata, WASI_ESUCCESS, s.tag, avail);
        else if (s.tag == WASI_EVENTTYPE_CLOCK && t >= x.deadline)
            wasi_event_put(&m, out, k++, s.userdata, WASI_ESUCCESS, s.tag, 0);
    }
    wasi_mem_put32(&m, nev, k);
    return sys_wasi_ret(r, WASI_ESUCCESS);
}
