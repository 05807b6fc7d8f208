/*
 * wasi_fd.c - the fd_* functions of WASI on the three stdio descriptors.
 *
 * Guest fds 0..2 map to ctx->host_fd[]; there are no other descriptors and
 * no preopened directories (fd_prestat_get says EBADF, which ends
 * wasi-libc's preopen scan). fd_close only marks the guest fd closed: the
 * host's stdio stays open for jwasm's own messages.
 *
 * Each function checks the fd and every guest range before doing any I/O.
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/wasi_impl.h"

/* Host fd behind guest fd, or -1 if the guest has no such open fd. */
static int host_fd(const wasi_ctx_t *ctx, uint32_t fd)
{
    if (fd >= WASI_NFDS || ctx->closed[fd])
        return -1;
    return ctx->host_fd[fd];
}

/* Move the bytes of iovec i: write it out, or read into it. Returns the
 * count moved or -1 (errno set). Retries interrupted and partial writes. */
static int64_t move_iov(const wasi_mem_t *mem, int hfd, uint32_t iovs, uint32_t i, bool out)
{
    uint32_t len;
    uint8_t *p = wasi_iov_at(mem, iovs, i, &len);
    if (len == 0)
        return 0;
    if (!p) { /* a read into an earlier iovec rewrote this one */
        errno = EFAULT;
        return -1;
    }
    if (!out) {
        ssize_t r;
        do
            r = read(hfd, p, len);
        while (r < 0 && errno == EINTR);
        return r;
    }
    uint32_t done = 0;
    while (done < len) {
        ssize_t r = write(hfd, p + done, len - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return done ? (int64_t)done : -1;
        done += (uint32_t)r;
    }
    return done;
}

/* fd_write and fd_read: (fd, iovs, iovs_len, count_ptr) -> errno */
static wasm_trap_t do_rw(wasi_ctx_t *ctx, wasi_mem_t *mem, const wasm_val_t *args,
                         wasm_val_t *res, bool out)
{
    int hfd = host_fd(ctx, args[0].i32);
    uint32_t iovs = args[1].i32, n = args[2].i32, count_ptr = args[3].i32;
    uint64_t total;
    if (hfd < 0)
        return wasi_ret(res, WASI_EBADF);
    wasi_errno_t e = wasi_iovs_check(mem, iovs, n, &total);
    if (e == WASI_ESUCCESS && !wasi_mem_range(mem, count_ptr, 4))
        e = WASI_EFAULT;
    if (e != WASI_ESUCCESS)
        return wasi_ret(res, e);
    uint64_t moved = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len;
        wasi_mem_get32(mem, (uint64_t)iovs + 8 * (uint64_t)i + 4, &len);
        int64_t r = move_iov(mem, hfd, iovs, i, out);
        if (r < 0) {
            if (moved)
                break;
            return wasi_ret(res, wasi_from_host_errno(errno));
        }
        moved += (uint64_t)r;
        if ((uint64_t)r < len)
            break;
    }
    wasi_mem_put32(mem, count_ptr, (uint32_t)moved);
    return wasi_ret(res, WASI_ESUCCESS);
}

WASI_FN(fd_write)
{
    return do_rw(ctx, mem, args, res, true);
}

WASI_FN(fd_read)
{
    return do_rw(ctx, mem, args, res, false);
}

// fd_close(fd) -> errno
WASI_FN(fd_close)
{
    (void)mem;
    if (host_fd(ctx, args[0].i32) < 0)
        return wasi_ret(res, WASI_EBADF);
    ctx->closed[args[0].i32] = true;
    return wasi_ret(res, WASI_ESUCCESS);
}

// fd_seek(fd, offset i64, whence u8, newoffset_ptr) -> errno
WASI_FN(fd_seek)
{
    static const int whences[3] = { SEEK_SET, SEEK_CUR, SEEK_END };
    int hfd = host_fd(ctx, args[0].i32);
    uint32_t whence = args[2].i32;
    if (hfd < 0)
        return wasi_ret(res, WASI_EBADF);
    if (whence > 2)
        return wasi_ret(res, WASI_EINVAL);
    if (!wasi_mem_range(mem, args[3].i32, 8))
        return wasi_ret(res, WASI_EFAULT);
    off_t r = lseek(hfd, (off_t)(int64_t)args[1].i64, whences[whence]);
    if (r < 0)
        return wasi_ret(res, wasi_from_host_errno(errno));
    wasi_mem_put64(mem, args[3].i32, (uint64_t)r);
    return wasi_ret(res, WASI_ESUCCESS);
}

// fd_fdstat_get(fd, stat_ptr) -> errno. fdstat is 24 bytes: u8 filetype,
// u16 flags at 2, u64 rights_base at 8, u64 rights_inheriting at 16.
// A terminal gets no seek/tell rights: that is how wasi-libc's isatty()
// recognises it (and line-buffers stdout).
WASI_FN(fd_fdstat_get)
{
    int hfd = host_fd(ctx, args[0].i32);
    uint64_t p = args[1].i32;
    struct stat st;
    if (hfd < 0 || fstat(hfd, &st) != 0)
        return wasi_ret(res, WASI_EBADF);
    if (!wasi_mem_range(mem, p, 24))
        return wasi_ret(res, WASI_EFAULT);
    uint8_t type = WASI_FILETYPE_UNKNOWN;
    uint64_t rights = WASI_RIGHT_FD_READ | WASI_RIGHT_FD_WRITE;
    if (S_ISCHR(st.st_mode))
        type = WASI_FILETYPE_CHARACTER_DEVICE;
    else if (S_ISREG(st.st_mode))
        type = WASI_FILETYPE_REGULAR_FILE;
    else if (S_ISDIR(st.st_mode))
        type = WASI_FILETYPE_DIRECTORY;
    if (!isatty(hfd))
        rights |= WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL;
    return wasi_ret(res, wasi_put_fdstat(mem, (uint32_t)p, type, 0, rights, 0));
}

// fd_prestat_get(fd, prestat_ptr) -> errno: there are no preopens.
WASI_FN(fd_prestat_get)
{
    (void)ctx;
    (void)mem;
    (void)args;
    return wasi_ret(res, WASI_EBADF);
}

// fd_prestat_dir_name(fd, path_ptr, path_len) -> errno: no preopens.
WASI_FN(fd_prestat_dir_name)
{
    (void)ctx;
    (void)mem;
    (void)args;
    return wasi_ret(res, WASI_EBADF);
}
