/*
 * wasi_sys.c - WASI clocks, randomness, sched_yield and proc_exit.
 *
 * proc_exit records the code in ctx and stops the program with
 * WASM_TRAP_HOST; jwasm turns that into its own exit status.
 */
#include <errno.h>
#include <sys/random.h>
#include <time.h>

#include "host/wasi_impl.h"

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
