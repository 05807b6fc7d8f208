/*
 * wasi_mem.c - bounds-checked access to guest memory for the WASI
 * functions, and host errno -> WASI errno translation.
 *
 * All arithmetic is in 64 bits on values that come from 32-bit guest
 * words, so ptr + len cannot wrap.
 */
#include <errno.h>
#include <string.h>

#include "host/wasi_impl.h"

uint8_t *wasi_mem_range(const wasi_mem_t *m, uint64_t ptr, uint64_t len)
{
    if (ptr > m->size || len > m->size - ptr)
        return NULL;
    if (!m->base)
        return NULL;
    return m->base + ptr;
}

bool wasi_mem_get32(const wasi_mem_t *m, uint64_t ptr, uint32_t *v)
{
    const uint8_t *p = wasi_mem_range(m, ptr, 4);
    if (!p)
        return false;
    *v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return true;
}

bool wasi_mem_put32(const wasi_mem_t *m, uint64_t ptr, uint32_t v)
{
    uint8_t *p = wasi_mem_range(m, ptr, 4);
    if (!p)
        return false;
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
    return true;
}

bool wasi_mem_put64(const wasi_mem_t *m, uint64_t ptr, uint64_t v)
{
    uint8_t *p = wasi_mem_range(m, ptr, 8);
    if (!p)
        return false;
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
    return true;
}

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
