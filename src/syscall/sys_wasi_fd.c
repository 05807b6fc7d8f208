/*
 * sys_wasi_fd.c - the WASI fd calls on the three stdio descriptors,
 * bound to console capabilities (include/syscall/sys_wasi.h): fd 0 reads
 * console input (the first CONSOLE capability with READ), fds 1 and 2
 * write to the console as the task's lines, like jericho.console_write
 * (the first CONSOLE capability with WRITE). There are no other fds and no
 * preopened directories (fd_prestat_get: EBADF). Each call decodes the fd,
 * then every guest range, then acts; a blocked read decodes its
 * capability again when it wakes.
 */
#include "kernel/console_in.h"
#include "syscall/sys_wasi.h"
#include "klib.h"

/* Is fd open for the task (a stdio fd it did not close, whose console
 * capability it holds)? */
static bool fd_open(wtask_t *w, uint32_t fd)
{
    if (fd > 2 || (w->wasi_closed & (1u << fd)))
        return false;
    return sys_wasi_find_cap(w, OBJ_CONSOLE, fd == 0 ? CAP_R_READ : CAP_R_WRITE) >= 0;
}

/* The decode common to fd_write and fd_read: the fd open for that
 * direction (fd 0 reads, 1 and 2 write), the iovecs (their total in
 * *total) and the 4-byte result. No side effect. */
static wasi_errno_t decode_io(wtask_t *w, const wasi_mem_t *m, const wasm_val_t *a, bool rd,
                              uint64_t *total)
{
    uint32_t fd = a[0].i32;
    if ((fd == 0) != rd || !fd_open(w, fd))
        return WASI_EBADF;
    wasi_errno_t e = wasi_iovs_check(m, a[1].i32, a[2].i32, total);
    if (!e && !wasi_mem_range(m, a[3].i32, 4))
        e = WASI_EFAULT;
    return e;
}

// fd_write(fd, iovs, iovs_len, nwritten_ptr) -> errno
SYS_WASI_DECL(fd_write)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    wasi_mem_t m = sys_wasi_mem(ex);
    uint32_t iovs = a[1].i32, n = a[2].i32, out = a[3].i32;
    uint64_t total;
    wasi_errno_t e = decode_io(w, &m, a, false, &total);
    if (e)
        return sys_wasi_ret(r, e);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len;
        const uint8_t *p = wasi_iov_at(&m, iovs, i, &len);
        if (len)
            wtask_console(w, p, len);
    }
    wasi_mem_put32(&m, out, (uint32_t)total);
    return sys_wasi_ret(r, WASI_ESUCCESS);
}

/* Move waiting console input into the iovecs (line ends are already LF:
 * console_in.c). Stops at the first iovec it does not fill. Bytes moved. */
static uint64_t take_input(const wasi_mem_t *m, uint32_t iovs, uint32_t n)
{
    uint64_t moved = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len;
        uint8_t *p = wasi_iov_at(m, iovs, i, &len);
        if (!len)
            continue;
        if (!p)
            break;
        size_t got = conin_read(p, len);
        moved += got;
        if (got < len)
            break;
    }
    return moved;
}

// fd_read(fd, iovs, iovs_len, nread_ptr) -> errno. Blocks until input
// arrives (a kill ends the wait: EINTR, and the task stops at the return).
SYS_WASI_DECL(fd_read)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    wasi_mem_t m = sys_wasi_mem(ex);
    uint32_t fd = a[0].i32, iovs = a[1].i32, n = a[2].i32, out = a[3].i32;
    uint64_t total;
    wasi_errno_t e = decode_io(w, &m, a, true, &total);
    if (e)
        return sys_wasi_ret(r, e);
    uint64_t moved = 0;
    while (total && !(moved = take_input(&m, iovs, n))) {
        kerr_t k = conin_wait(UINT64_MAX);
        if (k)
            return sys_wasi_ret(r, sys_wasi_errno(k));
        if (!fd_open(w, fd))            /* its capability went while it waited */
            return sys_wasi_ret(r, WASI_EBADF);
    }
    wasi_mem_put32(&m, out, (uint32_t)moved);
    return sys_wasi_ret(r, WASI_ESUCCESS);
}

// fd_close(fd) -> errno: the fd is gone for the task (its capability stays).
SYS_WASI_DECL(fd_close)
{
    (void)ex, (void)env;
    wtask_t *w = sys_self(ex);
    uint32_t fd = a[0].i32;
    if (!fd_open(w, fd))
        return sys_wasi_ret(r, WASI_EBADF);
    w->wasi_closed |= (uint8_t)(1u << fd);
    return sys_wasi_ret(r, WASI_ESUCCESS);
}

// fd_seek(fd, offset i64, whence, newoffset_ptr) -> errno: a console
// cannot seek.
SYS_WASI_DECL(fd_seek)
{
    (void)env;
    return sys_wasi_ret(r, fd_open(sys_self(ex), a[0].i32) ? WASI_ESPIPE : WASI_EBADF);
}

// fd_tell(fd, offset_ptr) -> errno
SYS_WASI_DECL(fd_tell)
{
    (void)env;
    return sys_wasi_ret(r, fd_open(sys_self(ex), a[0].i32) ? WASI_ESPIPE : WASI_EBADF);
}

// fd_fdstat_get(fd, stat_ptr) -> errno: a character device without seek
// or tell rights (so wasi-libc's isatty() is true and stdout is
// line-buffered).
SYS_WASI_DECL(fd_fdstat_get)
{
    (void)env;
    wasi_mem_t m = sys_wasi_mem(ex);
    uint32_t fd = a[0].i32;
    if (!fd_open(sys_self(ex), fd))
        return sys_wasi_ret(r, WASI_EBADF);
    uint64_t rights = (fd == 0 ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE) |
                      WASI_RIGHT_POLL_FD_READWRITE;
    return sys_wasi_ret(r, wasi_put_fdstat(&m, a[1].i32, WASI_FILETYPE_CHARACTER_DEVICE, 0,
                                           rights, 0));
}

// fd_prestat_get(fd, ptr), fd_prestat_dir_name(fd, path, len) -> errno:
// no capability gives a preopened directory yet, so every fd is EBADF
// (which ends wasi-libc's scan for preopens).
SYS_WASI_DECL(fd_prestat_get)
{
    (void)ex, (void)env, (void)a;
    return sys_wasi_ret(r, WASI_EBADF);
}

SYS_WASI_DECL(fd_prestat_dir_name)
{
    (void)ex, (void)env, (void)a;
    return sys_wasi_ret(r, WASI_EBADF);
}
