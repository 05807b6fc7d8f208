/*
 * output.c - what wasm tasks print: a line buffer per task, whole lines
 * printed as "[NAME] text" (bytes outside 0x20..0x7e except tab become
 * '?'), kernel lines about tasks ("task NAME trapped: ..."), and the log
 * of every such line that the demo runner checks expectations against.
 *
 * A line is printed and logged with interrupts off, so lines of tasks
 * that preempt each other never interleave.
 */
#include <stdarg.h>

#include "kernel/crit.h"
#include "wasmtask/wtask.h"
#include "klib.h"
#include "mm.h"

static char *log_buf;
static size_t log_len, log_cap;
static bool log_full_said;

/* Append one line (without its newline) to the log; drops lines once the
 * log has reached WTASK_LOG_MAX. Interrupts are off. */
static void log_line(const char *s, size_t n)
{
    if (log_len + n + 1 > log_cap) {
        /* the whole log at the first line: it never takes frames while a
         * group runs (the runner checks that a group gives back every
         * frame it took, run.c) */
        size_t cap = WTASK_LOG_MAX;
        char *nb = log_cap == 0 && log_len + n + 1 <= cap ? kmalloc(cap) : NULL;
        if (!nb) {
            if (!log_full_said)
                kprintf("wtask: output log full, later lines are not checked\n");
            log_full_said = true;
            return;
        }
        log_buf = nb;
        log_cap = cap;
    }
    memcpy(log_buf + log_len, s, n);
    log_len += n;
    log_buf[log_len++] = '\n';
}

static void emit(const char *s, size_t n)
{
    kcrit_t st = kcrit_enter();
    kprintf("%.*s\n", (int)n, s);
    log_line(s, n);
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
    emit(out, (size_t)n);
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

void wtask_kline(const char *fmt, ...)
{
    char out[192];
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(out, sizeof out, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof out)
        n = (int)sizeof out - 1;
    emit(out, (size_t)n);
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

bool wtask_log_has(const char *prefix, const char *text, bool sub)
{
    kcrit_t st = kcrit_enter();
    bool found = false;
    size_t pn = prefix ? strlen(prefix) : 0, tn = strlen(text);
    for (size_t i = 0; i < log_len && !found;) {
        const char *l = log_buf + i;
        size_t n = 0;
        while (i + n < log_len && l[n] != '\n')
            n++;
        i += n + 1;
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

void wtask_log_clear(void)
{
    kcrit_t st = kcrit_enter();
    log_len = 0;
    log_full_said = false;
    kcrit_leave(st);
}
