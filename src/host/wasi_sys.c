/*
 * wasi_sys.c - WASI clocks, randomness, sched_yield and proc_exit.
 *
 * poll_oneoff waits with poll(2) on stdin and/or the nearest clock.
 * proc_exit records the code in ctx and stops the program with
 * WASM_TRAP_HOST; jwasm turns that into its own exit status.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sys/random.h>
#include <time.h>

#include "host/wasi_impl.h"

/* Host fd behind a guest stdio fd, or -1 (closed or not stdio). */
static int host_fd_of(const wasi_ctx_t *ctx, uint32_t fd)
{
    return fd < WASI_NFDS && !ctx->closed[fd] ? ctx->host_fd[fd] : -1;
}

/* WASI clock id -> host clock, or false for an unknown id. */
static bool host_clock(uint32_t id, clockid_t *out)
{
    static const clockid_t ids[4] = {
        CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
    };
    if (id >= 4)
        return false;
    *out = ids[id];
    return true;
}

static uint64_t ts_ns(const struct timespec *ts)
{
    return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

// clock_time_get(id, precision i64, time_ptr) -> errno; time is u64 ns
WASI_FN(clock_time_get)
{
    (void)ctx;
    clockid_t cid;
    struct timespec ts;
    if (!host_clock(args[0].i32, &cid))
        return wasi_ret(res, WASI_EINVAL);
    if (!wasi_mem_range(mem, args[2].i32, 8))
        return wasi_ret(res, WASI_EFAULT);
    if (clock_gettime(cid, &ts) != 0)
        return wasi_ret(res, wasi_from_host_errno(errno));
    wasi_mem_put64(mem, args[2].i32, ts_ns(&ts));
    return wasi_ret(res, WASI_ESUCCESS);
}

// clock_res_get(id, res_ptr) -> errno
WASI_FN(clock_res_get)
{
    (void)ctx;
    clockid_t cid;
    struct timespec ts;
    if (!host_clock(args[0].i32, &cid))
        return wasi_ret(res, WASI_EINVAL);
    if (!wasi_mem_range(mem, args[1].i32, 8))
        return wasi_ret(res, WASI_EFAULT);
    if (clock_getres(cid, &ts) != 0)
        return wasi_ret(res, wasi_from_host_errno(errno));
    wasi_mem_put64(mem, args[1].i32, ts_ns(&ts));
    return wasi_ret(res, WASI_ESUCCESS);
}

// random_get(buf, len) -> errno
WASI_FN(random_get)
{
    (void)ctx;
    uint32_t len = args[1].i32;
    if (len == 0)
        return wasi_ret(res, WASI_ESUCCESS);
    uint8_t *p = wasi_mem_range(mem, args[0].i32, len);
    if (!p)
        return wasi_ret(res, WASI_EFAULT);
    uint32_t done = 0;
    while (done < len) {
        ssize_t r = getrandom(p + done, len - done, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return wasi_ret(res, WASI_EIO);
        done += (uint32_t)r;
    }
    return wasi_ret(res, WASI_ESUCCESS);
}

// proc_exit(code): no return
WASI_FN(proc_exit)
{
    (void)mem;
    (void)res;
    ctx->exited = true;
    ctx->exit_code = args[0].i32;
    return WASM_TRAP_HOST;
}

// sched_yield() -> errno: one host thread, nothing to yield to
WASI_FN(sched_yield)
{
    (void)ctx;
    (void)mem;
    (void)args;
    return wasi_ret(res, WASI_ESUCCESS);
}

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts_ns(&ts);
}

/* Nanoseconds from now until the clock subscription s fires (0: due);
 * *bad for an unknown clock. */
static uint64_t clock_wait_ns(const wasi_sub_t *s, bool *bad)
{
    clockid_t cid;
    struct timespec ts;
    *bad = !host_clock(s->clock_id, &cid) || clock_gettime(cid, &ts) != 0;
    if (*bad || !(s->flags & WASI_SUBCLOCK_ABSTIME))
        return s->timeout;
    uint64_t now = ts_ns(&ts);
    return s->timeout > now ? s->timeout - now : 0;
}

/* Is stdin readable (or at end) within ms (-1: no limit)? */
static bool stdin_ready(const wasi_ctx_t *ctx, int ms)
{
    struct pollfd pfd = { ctx->host_fd[0], POLLIN, 0 };
    int r;
    while ((r = poll(&pfd, 1, ms)) < 0 && errno == EINTR)
        ;
    return r > 0 && (pfd.revents & (POLLIN | POLLHUP | POLLERR));
}

// poll_oneoff(in, out, nsubscriptions, nevents_ptr) -> errno. Clock
// subscriptions and fd_read/fd_write on the stdio fds: an fd_write or a
// malformed subscription is ready at once; otherwise it waits with poll(2)
// on stdin (when an fd_read names it) until the nearest clock.
WASI_FN(poll_oneoff)
{
    uint32_t in = args[0].i32, out = args[1].i32, n = args[2].i32, nev_ptr = args[3].i32;
    wasi_errno_t e = wasi_poll_check(mem, in, out, n, nev_ptr);
    if (e != WASI_ESUCCESS)
        return wasi_ret(res, e);
    uint64_t start = mono_ns(), first = UINT64_MAX;
    bool want_read = false, now = false;
    for (uint32_t i = 0; i < n; i++) {
        wasi_sub_t s;
        bool bad;
        wasi_sub_read(mem, in, i, &s);
        if (s.tag == WASI_EVENTTYPE_CLOCK) {
            uint64_t w = clock_wait_ns(&s, &bad);
            now |= bad;
            if (!bad && w < first)
                first = w;
        } else if (s.tag == WASI_EVENTTYPE_FD_READ && host_fd_of(ctx, s.fd) >= 0) {
            want_read = s.fd == 0 ? true : want_read;
            now |= s.fd != 0;
        } else {
            now = true;         /* fd_write, a bad fd or tag: an event at once */
        }
    }
    uint64_t deadline = first == UINT64_MAX || start + first < start ? UINT64_MAX : start + first;
    bool readable = false;
    for (;;) {
        uint64_t t = mono_ns();
        uint64_t left = deadline == UINT64_MAX ? UINT64_MAX : deadline > t ? deadline - t : 0;
        if (now || left == 0) {
            readable = want_read && stdin_ready(ctx, 0);
            break;
        }
        if (want_read) {
            uint64_t ms = left == UINT64_MAX ? 0 : (left + 999999) / 1000000;
            if ((readable = stdin_ready(ctx, left == UINT64_MAX ? -1 : ms > INT_MAX ? INT_MAX : (int)ms)))
                break;
        } else {
            struct timespec ts = { (time_t)(left / 1000000000u), (long)(left % 1000000000u) };
            nanosleep(&ts, NULL);
        }
    }
    uint64_t end = mono_ns();
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        wasi_sub_t s;
        bool bad;
        wasi_sub_read(mem, in, i, &s);
        if (s.tag == WASI_EVENTTYPE_CLOCK) {
            uint64_t w = clock_wait_ns(&s, &bad);
            bool fired = (s.flags & WASI_SUBCLOCK_ABSTIME) ? w == 0 : end - start >= s.timeout;
            if (bad)
                wasi_event_put(mem, out, k++, s.userdata, WASI_EINVAL, s.tag, 0);
            else if (fired)
                wasi_event_put(mem, out, k++, s.userdata, WASI_ESUCCESS, s.tag, 0);
        } else if (s.tag == WASI_EVENTTYPE_FD_READ || s.tag == WASI_EVENTTYPE_FD_WRITE) {
            if (host_fd_of(ctx, s.fd) < 0)
                wasi_event_put(mem, out, k++, s.userdata, WASI_EBADF, s.tag, 0);
            else if (s.tag == WASI_EVENTTYPE_FD_WRITE || s.fd != 0 || readable)
                wasi_event_put(mem, out, k++, s.userdata, WASI_ESUCCESS, s.tag, 0);
        } else {
            wasi_event_put(mem, out, k++, s.userdata, WASI_EINVAL, s.tag, 0);
        }
    }
    wasi_mem_put32(mem, nev_ptr, k);
    return wasi_ret(res, WASI_ESUCCESS);
}
