/*
 * ktest.h - in-kernel self-tests and the protocol the QEMU harness reads.
 *
 * A test is a function registered with KTEST(name) { ... } that reports
 * failures with KT_CHECK / KT_FAIL; it passes if it reports none. When the
 * command line contains "test", kernel_main runs every registered test and
 * prints first how many it runs of how many the image has
 *     [test] plan: N of the M tests in this image (prefix 'P')
 * then, for each test, every failed check as it happens
 *     [test] NAME: check failed at file:line: what
 * then the verdict on a line of its own once the test has returned
 *     [test] NAME ... ok         or     [test] NAME ... FAILED (N checks)
 * and finally
 *     [test] done: P passed, F failed
 * then powers off with status 0 if F == 0 and P > 0, else 1. tests/qemu/
 * reads these lines and requires P to be all N planned, N all M for a
 * full run, and M the number of KTEST( in the sources built (any "PANIC",
 * a missing "done" line, or a timeout is a failure).
 * Tests are collected through the .ktest linker section, so adding a test
 * needs no list to edit. "test=NAME" runs only tests whose name starts
 * with NAME.
 */
#ifndef JERICHO_SELFTEST_KTEST_H
#define JERICHO_SELFTEST_KTEST_H

#include "klib.h"

typedef struct {
    const char *name;
    void (*fn)(void);
} ktest_t;

#define KTEST(name_)                                                        \
    static void ktest_fn_##name_(void);                                     \
    static const ktest_t ktest_##name_                                      \
        __attribute__((used, section(".ktest"), aligned(8))) = {            \
            #name_, ktest_fn_##name_};                                      \
    static void ktest_fn_##name_(void)

/* Record a failure of the running test (the test goes on). */
void ktest_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define KT_FAIL(...) ktest_fail(__FILE__, __LINE__, __VA_ARGS__)
#define KT_CHECK(c) do { if (!(c)) KT_FAIL("%s", #c); } while (0)
#define KT_CHECK_EQ(a, b)                                                   \
    do {                                                                    \
        unsigned long long a_ = (unsigned long long)(a),                    \
                           b_ = (unsigned long long)(b);                    \
        if (a_ != b_) KT_FAIL("%s == %s (0x%llx != 0x%llx)", #a, #b, a_, b_); \
    } while (0)

/* Run the tests whose name starts with prefix ("" = all); returns the
 * number that failed, or 1 if none matched. Prints the protocol lines
 * above. */
int ktest_run_all(const char *prefix);

#endif
