/*
 * check.c - the demo runner's verdicts: a demo passes when every
 * `expect:` line appears as "[NAME] TEXT" in what was printed, no line of
 * NAME contains an `expect-not:` text, and every `expect-kernel:` line
 * appears verbatim (the same rules as tests/demos/check_output.py). Each
 * failed check is printed; the table at the end has one row per demo.
 */
#include "boot/modules.h"
#include "runner/runner.h"
#include "wasmtask/wtask.h"
#include "klib.h"

#define RESULTS_MAX 64

static struct {
    const char *name;
    uint32_t passed, total;
} results[RESULTS_MAX];
static uint32_t nresults;

bool demo_check(const bootmod_t *img)
{
    uint32_t ok = 0, total = 0;
    for (uint32_t i = 0; i < img->nexpect; i++, total++) {
        if (wtask_log_has(img->name, img->expect[i], false))
            ok++;
        else
            kprintf("demo %s: FAILED expect '%s'\n", img->name, img->expect[i]);
    }
    for (uint32_t i = 0; i < img->nexpect_not; i++, total++) {
        if (!wtask_log_has(img->name, img->expect_not[i], true))
            ok++;
        else
            kprintf("demo %s: FAILED expect-not '%s'\n", img->name, img->expect_not[i]);
    }
    for (uint32_t i = 0; i < img->nexpect_kernel; i++, total++) {
        if (wtask_log_has(NULL, img->expect_kernel[i], false))
            ok++;
        else
            kprintf("demo %s: FAILED expect-kernel '%s'\n", img->name, img->expect_kernel[i]);
    }
    if (nresults < RESULTS_MAX)
        results[nresults++] = (typeof(results[0])){img->name, ok, total};
    return ok == total;
}

void demo_print_table(void)
{
    kprintf("\n== demo results\n");
    for (uint32_t i = 0; i < nresults; i++)
        kprintf("demo %-22s %s (%u/%u checks)\n", results[i].name,
                results[i].passed == results[i].total ? "PASS" : "FAIL", results[i].passed,
                results[i].total);
}
