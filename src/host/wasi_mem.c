/*
 * wasi_mem.c - host errno -> WASI errno translation (the checked guest
 * memory helpers are the shared src/wasi/wasi_mem.c).
 */
#include <errno.h>

#include "host/wasi_impl.h"

wasi_errno_t wasi_from_host_errno(int e)
{
    switch (e) {
    case EAGAIN: return WASI_EAGAIN;
    case EBADF: return WASI_EBADF;
    case EFAULT: return WASI_EFAULT;
    case EINTR: return WASI_EINTR;
    case EINVAL: return WASI_EINVAL;
    case EISDIR: return WASI_EISDIR;
    case ENOSPC: return WASI_ENOSPC;
    case EOVERFLOW: return WASI_EOVERFLOW;
    case EPIPE: return WASI_EPIPE;
    case ESPIPE: return WASI_ESPIPE;
    default: return WASI_EIO;
    }
}
