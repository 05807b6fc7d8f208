/*
 * port.h - freestanding shims for the engine (src/interp/).
 *
 * The engine includes only <stdint.h>, <stddef.h>, <stdbool.h>, <stdarg.h>
 * and <limits.h>. The four memory functions below are supplied by the
 * embedder (klib in the kernel, libc on the host); everything else the
 * engine needs from "libc" lives here as small inline helpers.
 */
#ifndef JERICHO_INTERP_PORT_H
#define JERICHO_INTERP_PORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* The engine's guest-memory access code: the interpreter loop (every wasm
 * load and store) and the copies of memory.copy/fill/init. In the kernel
 * it goes to a text section of its own whose bounds the linker script
 * exports: a CPU fault there ends the wasm call in a trap, a fault
 * anywhere else is a kernel panic (docs/kernel.md, "Faults"). */
#ifdef JERICHO_KERNEL
#define WP_GUEST_TEXT __attribute__((section(".text.jericho.guest")))
#else
#define WP_GUEST_TEXT
#endif

#define WP_LIKELY(x) __builtin_expect(!!(x), 1)
#define WP_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* Length of a NUL-terminated string. */
static inline size_t wp_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static inline bool wp_streq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* Copy s into buf (len bytes), always NUL-terminated; truncates. */
static inline void wp_strcpy(char *buf, size_t len, const char *s)
{
    if (!buf || len == 0)
        return;
    size_t i = 0;
    for (; s[i] && i + 1 < len; i++)
        buf[i] = s[i];
    buf[i] = 0;
}

/* Append "s" and an unsigned decimal to buf (helper for error texts). */
static inline void wp_strcat_u32(char *buf, size_t len, const char *s, uint32_t v)
{
    if (!buf || len == 0)
        return;
    size_t i = wp_strlen(buf);
    for (; *s && i + 1 < len; s++)
        buf[i++] = *s;
    char d[11];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n && i + 1 < len)
        buf[i++] = d[--n];
    buf[i] = 0;
}

#endif
