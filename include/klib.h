/*
 * klib.h - the kernel's small C library: formatted output, memory and
 * string functions, panic and assert. No libc exists in the kernel.
 */
#ifndef JERICHO_KLIB_H
#define JERICHO_KLIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Formatted output to the console. Supports %d %i %u %x %X %o %c %s %p %%,
 * the l, ll, z and h length modifiers, a width (or *), '-' to left-align
 * and '0' padding. Returns the number of characters written. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
/* Format into buf (always NUL-terminated when n > 0); returns the length
 * the full output would have had. */
int ksnprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int kvsnprintf(char *buf, size_t n, const char *fmt, va_list ap);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
/* Copy at most n-1 bytes and NUL-terminate (n > 0); returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t n);
/* Parse an unsigned decimal or 0x-hex number; *end (if given) is set past it. */
unsigned long kstrtoul(const char *s, const char **end);

/* ChaCha20's block function (RFC 8439 2.3): 64 bytes of keystream for
 * key, block counter and nonce (chacha20.c). */
void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
                    uint8_t out[64]);

/* The kernel command line is words separated by spaces, each "key" or
 * "key=value". kcmdline_get returns NULL if key is absent, "" for a bare
 * key, else its value copied into buf (cut to n-1 bytes). */
const char *kcmdline_get(const char *cmdline, const char *key, char *buf, size_t n);
bool kcmdline_has(const char *cmdline, const char *key);

/* Print the message and a stack backtrace, then stop the machine with a
 * failure status. Only for broken kernel invariants, never for anything a
 * task did. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

/* The function containing code address addr (its name; *off and *size,
 * if given, the offset into it and its size), from the symbol table
 * linked into the image (tools/ksyms.py); NULL if none does. */
const char *ksym_find(uintptr_t addr, uintptr_t *off, uintptr_t *size);
/* Print a backtrace: pc (if not 0); ret0 (if not 0), the return address
 * of a faulting leaf function that has no frame record (arm64: the link
 * register; x86-64: the word at the stack pointer if it follows a call of
 * that function); then the return addresses of the frame records from fp
 * on; each as "function+0xoff/0xsize". Safe on a corrupt stack. */
void kbacktrace(uintptr_t pc, uintptr_t fp, uintptr_t ret0);

#define assert(c) \
    do { if (!(c)) panic("assertion failed: %s (%s:%d)", #c, __FILE__, __LINE__); } while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#endif
