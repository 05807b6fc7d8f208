/*
 * ktest.c - runs the in-kernel self-tests and prints the protocol lines
 * that tests/qemu/ reads (see include/ktest.h).
 */
#include "ktest.h"

extern const ktest_t __ktest_start[], __ktest_end[];

static int failures_in_test;

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
    /* The first failure ends the "NAME ... " line; later ones stand alone. */
    kprintf(failures_in_test++ ? "    also " : "FAILED (");
    kprintf("%s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf(failures_in_test == 1 ? ")\n" : "\n");
}

int ktest_run_all(const char *prefix)
{
    int passed = 0, failed = 0;
    size_t plen = strlen(prefix);
    for (const ktest_t *t = __ktest_start; t < __ktest_end; t++) {
        if (strncmp(t->name, prefix, plen) != 0)
            continue;
        kprintf("[test] %s ... ", t->name);
        failures_in_test = 0;
        t->fn();
        if (failures_in_test) {
            failed++;
        } else {
            kprintf("ok\n");
            passed++;
        }
    }
    kprintf("[test] done: %d passed, %d failed\n", passed, failed);
    return failed;
}
