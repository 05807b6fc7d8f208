/*
 * output.c - what wasm tasks print: a line buffer per task, whole lines
 * printed as "[NAME] text" (bytes outside 0x20..0x7e except tab become
 * '?'), kernel lines about tasks ("task NAME trapped: ..."), and the log
 * of every such line that the demo runner checks expectations against.
 *
 * A line is printed and logged with interrupts off, so lines of tasks
 * that preempt each other never interleave. Each logged line carries the
 * id and origin of the task it is from or about (wtask.h), so that the
 * runner checks a task by what it printed itself, whatever name a line
 * carries; the runner clears the log before each group, and a line that
 * does not fit is counted as lost, never silently dropped.
 */
#include <stdarg.h>

#include "kernel/crit.h"
#include "wasmtask/wtask.h"
#include "klib.h"
#include "mm.h"

/* The log: entries of a header and the line's text (no newline), each
 * padded to 4 bytes. The header says whose line it is, so that the runner
 * judges each task by its own lines, not by a name a line carries. */
typedef struct {
    uint32_t id;        /* the task the line is from or about (wtask id); 0: none */
    uint32_t origin;    /* that task's origin (wtask.h); 0: the kernel's own */
    uint32_t len;       /* of the text that follows */
} log_hdr_t;

#define LOG_ALIGN(n) (((n) + 3u) & ~(size_t)3u)

static char *log_buf;
static size_t log_len, log_cap;
static size_t log_lost;             /* lines not kept since the last clear */

/* Take the whole log at once: it never takes frames while a group runs
 * (the runner checks that a group gives back every frame it took,
 * run.c). Interrupts are off or it is the boot task before any group. */
static bool log_alloc(void)
{
    if (!log_cap && (log_buf = kmalloc(WTASK_LOG_MAX)))
        log_cap = WTASK_LOG_MAX;
    return log_cap != 0;
}

/* Append one line (without its newline) to the log; counts it as lost if
 * the log is full (wtask_log_lost). Interrupts are off. */
static void log_line(uint32_t id, uint32_t origin, const char *s, size_t n)
{
    size_t need = sizeof(log_hdr_t) + LOG_ALIGN(n);
    if (!log_alloc() || log_len + need > log_cap) {
        if (!log_lost++)
            kprintf("wtask: output log full (%u KiB), later lines are lost\n",
                    WTASK_LOG_MAX / 1024);
        return;
    }
    log_hdr_t h = {id, origin, (uint32_t)n};
    memcpy(log_buf + log_len, &h, sizeof h);
    memcpy(log_buf + log_len + sizeof h, s, n);
    log_len += need;
}

static void emit(uint32_t id, uint32_t origin, const char *s, size_t n)
{
    kcrit_t st = kcrit_enter();
    kprintf("%.*s\n", (int)n, s);
    log_line(id, origin, s, n);
    kcrit_leave(st);
}

/* Print w's buffered line with its prefix. */
static void emit_task_line(wtask_t *w)
{
    char out[WTASK_LINE_MAX + sizeof w->name + 4];
    int n = ksnprintf(out, sizeof out, "[%s] %.*s", w->name, (int)w->line_len, w->line);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof out)
        n = (int)sizeof out - 1;
    emit(w->id, w->origin, out, (size_t)n);
    w->line_len = 0;
}

void wtask_console(wtask_t *w, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint8_t c = p[i];
        if (c == '\n') {
            emit_task_line(w);
            continue;
        }
        if (c != '\t' && (c < 0x20 || c > 0x7e))
            c = '?';
        if (w->line_len == WTASK_LINE_MAX)  /* a long line is split */
            emit_task_line(w);
        w->line[w->line_len++] = (char)c;
    }
}

void wtask_flush(wtask_t *w)
{
    if (w->line_len)
        emit_task_line(w);
}

static void klinev(uint32_t id, uint32_t origin, const char *fmt, va_list ap)
{
    char out[192];
    int n = kvsnprintf(out, sizeof out, fmt, ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof out)
        n = (int)sizeof out - 1;
    emit(id, origin, out, (size_t)n);
}

void wtask_kline(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    klinev(0, 0, fmt, ap);
    va_end(ap);
}

void wtask_kline_of(uint32_t id, uint32_t origin, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    klinev(id, origin, fmt, ap);
    va_end(ap);
}

static bool contains(const char *s, size_t n, const char *t)
{
    size_t tn = strlen(t);
    if (tn == 0)
        return true;
    for (size_t i = 0; i + tn <= n; i++)
        if (memcmp(s + i, t, tn) == 0)
            return true;
    return false;
}

bool wtask_log_find(wtask_log_filter_t *mine, const void *ctx, const char *prefix,
                    const char *text, bool sub)
{
    kcrit_t st = kcrit_enter();
    bool found = false;
    size_t pn = prefix ? strlen(prefix) : 0, tn = strlen(text);
    for (size_t i = 0; i < log_len && !found;) {
        log_hdr_t h;
        memcpy(&h, log_buf + i, sizeof h);
        const char *l = log_buf + i + sizeof h;
        size_t n = h.len;
        i += sizeof h + LOG_ALIGN(n);
        if (mine && !mine(h.id, h.origin, ctx))
            continue;
        if (prefix) {
            if (n < pn + 3 || l[0] != '[' || memcmp(l + 1, prefix, pn) != 0 ||
                l[pn + 1] != ']' || l[pn + 2] != ' ')
                continue;
            l += pn + 3;
            n -= pn + 3;
        }
        found = sub ? contains(l, n, text) : (n == tn && memcmp(l, text, n) == 0);
    }
    kcrit_leave(st);
    return found;
}

bool wtask_log_has(const char *prefix, const char *text, bool sub)
{
    return wtask_log_find(NULL, NULL, prefix, text, sub);
}

size_t wtask_log_lost(void)
{
    return log_lost;
}

bool wtask_log_clear(void)
{
    kcrit_t st = kcrit_enter();
    log_len = 0;
    log_lost = 0;
    bool ok = log_alloc();
    kcrit_leave(st);
    return ok;
}
