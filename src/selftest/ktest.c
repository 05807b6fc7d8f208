/*
 * ktest.c - runs the in-kernel self-tests and prints the protocol lines
 * that tests/qemu/ reads (see include/selftest/ktest.h).
 */
#include "selftest/ktest.h"

extern const ktest_t __ktest_start[], __ktest_end[];

static int failures_in_test;
static const char *current;

/* Each failure is printed as it happens (a test may print other lines, such
 * as fault reports, in between); the verdict line comes at the end. */
void ktest_fail(const char *file, int line, const char *fmt, ...)
{
    failures_in_test++;
    kprintf("[test] %s: check failed at %s:%d: ", current, file, line);
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
}

int ktest_run_all(const char *prefix)
{
    int passed = 0, failed = 0, selected = 0;
    size_t plen = strlen(prefix);
    for (const ktest_t *t = __ktest_start; t < __ktest_end; t++)
        selected += strncmp(t->name, prefix, plen) == 0;
    kprintf("[test] plan: %d of the %d tests in this image (prefix '%s')\n", selected,
            (int)(__ktest_end - __ktest_start), prefix);
    for (const ktest_t *t = __ktest_start; t < __ktest_end; t++) {
        if (strncmp(t->name, prefix, plen) != 0)
            continue;
        current = t->name;
        failures_in_test = 0;
        t->fn();
        if (failures_in_test) {
            kprintf("[test] %s ... FAILED (%d checks)\n", t->name, failures_in_test);
            failed++;
        } else {
            kprintf("[test] %s ... ok\n", t->name);
            passed++;
        }
    }
    kprintf("[test] done: %d passed, %d failed\n", passed, failed);
    if (passed + failed == 0) {     /* a run that tests nothing is no success */
        kprintf("[test] no test matches '%s'\n", prefix);
        return 1;
    }
    return failed;
}
