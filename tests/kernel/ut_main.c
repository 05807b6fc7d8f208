/*
 * ut_main.c - runs the kernel core's host unit tests one by one (each in
 * a fresh fake RAM region), prints "ok"/"FAILED" per test and the counts,
 * and records them through tests/report.sh's file format.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "klib.h"
#include "mm.h"

void sched_forget_all(void);
#include "ut.h"

#define UT_MAX 256

static const ut_t *tests[UT_MAX];
static int ntests;
static int failures_in_test;
jmp_buf *ut_panic_jmp;
char ut_panic_msg[256];
static void *ram;
static uint32_t rng = 1;

void ut_register(const ut_t *t)
{
    if (ntests == UT_MAX)
        abort();
    tests[ntests++] = t;
}

void ut_fail(const char *file, int line, const char *what)
{
    printf("%s%s:%d: %s\n", failures_in_test++ ? "    also " : "FAILED\n    ", file, line, what);
}

/* The kernel's panic, hosted: back to UT_EXPECT_PANIC, or a test failure. */
void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ut_panic_msg, sizeof ut_panic_msg, fmt, ap);
    va_end(ap);
    if (ut_panic_jmp) {
        jmp_buf *j = ut_panic_jmp;
        ut_panic_jmp = NULL;
        longjmp(*j, 1);
    }
    printf("unexpected panic: %s\n", ut_panic_msg);
    exit(2);
}

uintptr_t ut_ram_init(size_t bytes)
{
    free(ram);
    ram = aligned_alloc(PAGE_SIZE, bytes);
    if (!ram)
        abort();
    memset(ram, 0xa5, bytes);
    boot_info_t bi = {0};
    bi.nram = 1;
    bi.ram[0].base = (uintptr_t)ram;
    bi.ram[0].len = bytes;
    bi.nreserved = 1;
    bi.reserved[0].base = (uintptr_t)ram + 100;     /* an unaligned "kernel image" */
    bi.reserved[0].len = 3 * PAGE_SIZE;
    bi.cmdline = "";
    pmm_init(&bi);
    heap_init();
    sched_forget_all();
    return (uintptr_t)ram;
}

uint32_t ut_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

void ut_srand(uint32_t seed)
{
    rng = seed ? seed : 1;
}

int main(int argc, char **argv)
{
    const char *filter = argc > 1 && strcmp(argv[1], "-") != 0 ? argv[1] : "";
    const char *results = argc > 2 ? argv[2] : NULL;
    int passed = 0, failed = 0;
    for (int i = 0; i < ntests; i++) {
        if (strncmp(tests[i]->name, filter, strlen(filter)) != 0)
            continue;
        printf("[unit] %s ... ", tests[i]->name);
        fflush(stdout);
        failures_in_test = 0;
        ut_srand(12345);
        ut_ram_init(8u << 20);
        tests[i]->fn();
        if (failures_in_test) {
            failed++;
        } else {
            printf("ok\n");
            passed++;
        }
    }
    free(ram);
    printf("kernel unit tests: %d passed, %d failed\n", passed, failed);
    if (results) {
        FILE *f = fopen(results, "w");
        if (f) {
            fprintf(f, "%d %d 0\n", passed, failed);
            fclose(f);
        }
    }
    return failed ? 1 : 0;
}
