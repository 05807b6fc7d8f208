/*
 * wasi_mem.c - checked access to guest memory for WASI calls, iovec
 * decoding, the args/environ layout and the fixed records (fdstat,
 * poll_oneoff subscriptions and events). Portable (kernel and jwasm).
 *
 * All arithmetic is in 64 bits on values that come from 32-bit guest
 * words, so ptr + len cannot wrap; every range is checked before any
 * byte of a call's output is written.
 */
#include "wasi/wasi.h"

uint8_t *wasi_mem_range(const wasi_mem_t *m, uint64_t ptr, uint64_t len)
{
    if (!wasi_mem_ok(m, ptr, len) || !m->base)
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

bool wasi_mem_get64(const wasi_mem_t *m, uint64_t ptr, uint64_t *v)
{
    uint32_t lo, hi;
    if (!wasi_mem_get32(m, ptr, &lo) || !wasi_mem_get32(m, ptr + 4, &hi))
        return false;
    *v = (uint64_t)hi << 32 | lo;
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

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

/* ---- iovecs ------------------------------------------------------------------ */

wasi_errno_t wasi_iovs_check(const wasi_mem_t *m, uint32_t iovs, uint32_t n, uint64_t *total)
{
    *total = 0;
    if (!wasi_mem_ok(m, iovs, (uint64_t)n * 8))       /* n * 8 < 2^35: no wrap */
        return WASI_EFAULT;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t buf, len;
        if (!wasi_mem_get32(m, (uint64_t)iovs + 8 * (uint64_t)i, &buf) ||
            !wasi_mem_get32(m, (uint64_t)iovs + 8 * (uint64_t)i + 4, &len))
            return WASI_EFAULT;
        if (!wasi_mem_ok(m, buf, len) || (len && !m->base))
            return WASI_EFAULT;
        *total += len;                                  /* < 2^32 * 2^29: no wrap */
    }
    return *total > UINT32_MAX ? WASI_EINVAL : WASI_ESUCCESS;
}

uint8_t *wasi_iov_at(const wasi_mem_t *m, uint32_t iovs, uint32_t i, uint32_t *len)
{
    uint32_t buf;
    *len = 0;
    if (!wasi_mem_get32(m, (uint64_t)iovs + 8 * (uint64_t)i, &buf) ||
        !wasi_mem_get32(m, (uint64_t)iovs + 8 * (uint64_t)i + 4, len))
        return NULL;
    return wasi_mem_range(m, buf, *len);
}

/* ---- args and environ ------------------------------------------------------------ */

static uint64_t slen(const char *s)
{
    uint64_t n = 0;
    while (s[n])
        n++;
    return n;
}

static uint64_t strv_bytes(const wasi_strv_t *s)
{
    uint64_t n = 0;
    for (uint32_t i = 0; i < s->n; i++)
        n += slen(s->v[i]) + 1;
    return n;
}

wasi_errno_t wasi_strv_sizes(const wasi_mem_t *m, const wasi_strv_t *s, uint32_t count_ptr,
                             uint32_t size_ptr)
{
    uint64_t bytes = strv_bytes(s);
    if (bytes > UINT32_MAX)
        return WASI_EOVERFLOW;
    if (!wasi_mem_range(m, count_ptr, 4) || !wasi_mem_range(m, size_ptr, 4))
        return WASI_EFAULT;
    wasi_mem_put32(m, count_ptr, s->n);
    wasi_mem_put32(m, size_ptr, (uint32_t)bytes);
    return WASI_ESUCCESS;
}

wasi_errno_t wasi_strv_get(const wasi_mem_t *m, const wasi_strv_t *s, uint32_t ptrs,
                           uint32_t buf)
{
    uint64_t bytes = strv_bytes(s), nptr = (uint64_t)s->n * 4;
    if ((nptr && !wasi_mem_range(m, ptrs, nptr)) || (bytes && !wasi_mem_range(m, buf, bytes)))
        return WASI_EFAULT;
    uint64_t at = buf;
    for (uint32_t i = 0; i < s->n; i++) {
        uint64_t len = slen(s->v[i]) + 1;
        wasi_mem_put32(m, (uint64_t)ptrs + 4 * (uint64_t)i, (uint32_t)at);
        uint8_t *d = wasi_mem_range(m, at, len);
        for (uint64_t k = 0; k < len; k++)
            d[k] = (uint8_t)s->v[i][k];
        at += len;
    }
    return WASI_ESUCCESS;
}

/* ---- records ------------------------------------------------------------------ */

wasi_errno_t wasi_put_fdstat(const wasi_mem_t *m, uint32_t ptr, uint8_t filetype,
                             uint16_t flags, uint64_t rights_base, uint64_t rights_inh)
{
    uint8_t *p = wasi_mem_range(m, ptr, 24);
    if (!p)
        return WASI_EFAULT;
    for (int i = 0; i < 8; i++)
        p[i] = 0;
    p[0] = filetype;
    put16(p + 2, flags);
    wasi_mem_put64(m, (uint64_t)ptr + 8, rights_base);
    wasi_mem_put64(m, (uint64_t)ptr + 16, rights_inh);
    return WASI_ESUCCESS;
}

wasi_errno_t wasi_poll_check(const wasi_mem_t *m, uint32_t in, uint32_t out, uint32_t nsubs,
                             uint32_t nevents_ptr)
{
    if (nsubs == 0)
        return WASI_EINVAL;
    if (!wasi_mem_range(m, in, (uint64_t)nsubs * WASI_SUB_LEN) ||
        !wasi_mem_range(m, out, (uint64_t)nsubs * WASI_EVENT_LEN) ||
        !wasi_mem_range(m, nevents_ptr, 4))
        return WASI_EFAULT;
    return WASI_ESUCCESS;
}

void wasi_sub_read(const wasi_mem_t *m, uint32_t in, uint32_t i, wasi_sub_t *s)
{
    uint64_t at = (uint64_t)in + (uint64_t)i * WASI_SUB_LEN;
    const uint8_t *p = wasi_mem_range(m, at, WASI_SUB_LEN);
    uint32_t w;
    *s = (wasi_sub_t){0};
    if (!p)
        return;
    wasi_mem_get64(m, at, &s->userdata);
    s->tag = p[8];
    wasi_mem_get32(m, at + 16, &w);
    s->clock_id = w;
    s->fd = w;
    wasi_mem_get64(m, at + 24, &s->timeout);
    wasi_mem_get64(m, at + 32, &s->precision);
    s->flags = (uint16_t)(p[40] | p[41] << 8);
}

void wasi_event_put(const wasi_mem_t *m, uint32_t out, uint32_t k, uint64_t userdata,
                    wasi_errno_t err, uint8_t type, uint64_t nbytes)
{
    uint64_t at = (uint64_t)out + (uint64_t)k * WASI_EVENT_LEN;
    uint8_t *p = wasi_mem_range(m, at, WASI_EVENT_LEN);
    if (!p)
        return;
    for (uint32_t i = 0; i < WASI_EVENT_LEN; i++)
        p[i] = 0;
    wasi_mem_put64(m, at, userdata);
    put16(p + 8, (uint16_t)err);
    p[10] = type;
    if (type != WASI_EVENTTYPE_CLOCK)
        wasi_mem_put64(m, at + 16, nbytes);
}
