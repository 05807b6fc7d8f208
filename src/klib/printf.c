/*
 * printf.c - kprintf and ksnprintf: the kernel's formatted output.
 *
 * One formatter writes through a small sink (console or buffer). Supported:
 * %d %i %u %x %X %o %c %s %p %%, length modifiers hh h l ll z t, a width
 * (digits or *), a precision for %s, '-' (left-align) and '0' (zero pad).
 * Unknown conversions are printed literally, so a bad format never faults.
 */
#include "klib.h"
#include "hal.h"

typedef struct {
    char *buf;      /* NULL: console */
    size_t cap, len;
} sink_t;

static void put(sink_t *s, char c)
{
    if (!s->buf)
        arch_putc(c);
    else if (s->len + 1 < s->cap)
        s->buf[s->len] = c;
    s->len++;
}

static void put_padded(sink_t *s, const char *str, size_t n, int width,
                       int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    /* A sign must precede zero padding. */
    if (pad == '0' && n && str[0] == '-') {
        put(s, '-');
        str++, n--;
    }
    if (!left)
        while (fill-- > 0)
            put(s, pad);
    while (n--)
        put(s, *str++);
    if (left)
        while (fill-- > 0)
            put(s, ' ');
}

static size_t utoa(char *end, unsigned long long v, unsigned base, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;
    do {
        *--p = digits[v % base];
        v /= base;
    } while (v);
    return (size_t)(end - p);
}

static int format(sink_t *s, const char *fmt, va_list ap)
{
    char tmp[24];
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(s, *fmt);
            continue;
        }
        const char *start = fmt++;
        int left = 0, width = 0, prec = -1, lng = 0;
        char pad = ' ';
        for (;; fmt++) {
            if (*fmt == '-') left = 1;
            else if (*fmt == '0') pad = '0';
            else break;
        }
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) { left = 1; width = -width; }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                width = width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            prec = 0;
            if (*fmt == '*') { prec = va_arg(ap, int); fmt++; }
            else while (*fmt >= '0' && *fmt <= '9') prec = prec * 10 + (*fmt++ - '0');
        }
        for (;; fmt++) {
            if (*fmt == 'l') lng++;
            else if (*fmt == 'z' || *fmt == 't') lng = 2;
            else if (*fmt == 'h') lng = lng > 0 ? lng : -1;
            else break;
        }
        if (left)
            pad = ' ';
        char *end = tmp + sizeof tmp;
        switch (*fmt) {
        case 'd': case 'i': {
            long long v = lng >= 2 ? va_arg(ap, long long)
                        : lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
            unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
            size_t n = utoa(end, u, 10, 0);
            if (v < 0) { end[-(long)n - 1] = '-'; n++; }
            put_padded(s, end - n, n, width, left, pad);
            break;
        }
        case 'u': case 'x': case 'X': case 'o': {
            unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
                                 : lng == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            size_t n = utoa(end, v, base, *fmt == 'X');
            put_padded(s, end - n, n, width, left, pad);
            break;
        }
        case 'p': {
            uintptr_t v = (uintptr_t)va_arg(ap, void *);
            size_t n = utoa(end, v, 16, 0);
            end[-(long)n - 1] = 'x';
            end[-(long)n - 2] = '0';
            put_padded(s, end - n - 2, n + 2, width, left, ' ');
            break;
        }
        case 'c':
            tmp[0] = (char)va_arg(ap, int);
            put_padded(s, tmp, 1, width, left, ' ');
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            size_t n = prec >= 0 ? strnlen(str, (size_t)prec) : strlen(str);
            put_padded(s, str, n, width, left, ' ');
            break;
        }
        case '%':
            put(s, '%');
            break;
        default:    /* unknown: print the directive as written */
            for (const char *p = start; p <= fmt && *p; p++)
                put(s, *p);
            if (!*fmt)
                fmt--;
            break;
        }
    }
    return (int)s->len;
}

int kvsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
    sink_t s = { buf, n, 0 };
    int len = format(&s, fmt, ap);
    if (n)
        buf[s.len < n ? s.len : n - 1] = 0;
    return len;
}

int ksnprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = kvsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int kvprintf(const char *fmt, va_list ap)
{
    sink_t s = { NULL, 0, 0 };
    return format(&s, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = kvprintf(fmt, ap);
    va_end(ap);
    return r;
}
