/*
 * check.c - the demo runner's verdicts: a demo passes when every
 * `expect:` line appears as "[NAME] TEXT" among its own lines, none of
 * its own lines contains an `expect-not:` text, and every
 * `expect-kernel:` line appears verbatim among the kernel lines about its
 * own task and the tasks it spawned, or the runner's own lines (the rules
 * of tests/demos/check_output.py, by identity rather than by name). Its
 * own lines: those logged with the id of the task the runner started for
 * it (and for kernel lines, those with that task as origin: its
 * descendants, "task CHILD killed: by task NAME"); for a `start: no`
 * module, those of the tasks spawned within its group (origin one of the
 * group's tasks, id none of them, run.c). A copy of the module that
 * another task spawned, in its group or another, cannot pass or fail it. Each failed check is printed; the
 * table at the end has one row per demo.
 */
#include "boot/modules.h"
#include "runner/runner.h"
#include "wasmtask/wtask.h"
#include "klib.h"

#define RESULTS_MAX 256

static struct {
    const char *name;
    const char *void_why;       /* the verdict is FAIL whatever the checks say */
    uint32_t passed, total;
} results[RESULTS_MAX];
static uint32_t nresults;

typedef struct {
    const demo_who_t *who;
    bool kernel;                /* the runner's own lines count too */
} filter_t;

static bool is_root(const demo_who_t *who, uint32_t id)
{
    for (uint32_t i = 0; i < who->nroots; i++)
        if (who->roots[i] == id)
            return true;
    return false;
}

static bool mine(uint32_t id, uint32_t origin, const void *ctx)
{
    const filter_t *f = ctx;
    if (id == 0 && origin == 0)     /* the runner's (and kernel's) own */
        return f->kernel;
    if (f->who->autostart)
        return f->who->id != 0 && (id == f->who->id || (f->kernel && origin == f->who->id));
    return is_root(f->who, origin) && !is_root(f->who, id);
}

static bool record(const bootmod_t *img, uint32_t ok, uint32_t total, const char *void_why)
{
    if (nresults == RESULTS_MAX) {
        kprintf("demo %s: FAILED: the runner's table of verdicts is full (%u)\n", img->name,
                RESULTS_MAX);
        return false;
    }
    results[nresults++] = (typeof(results[0])){img->name, void_why, ok, total};
    return ok == total && !void_why;
}

bool demo_check(const bootmod_t *img, const demo_who_t *who, const char *void_why)
{
    filter_t own = {who, false}, kern = {who, true};
    uint32_t ok = 0, total = 0;
    for (uint32_t i = 0; i < img->nexpect; i++, total++) {
        if (wtask_log_find(mine, &own, img->name, img->expect[i], false))
            ok++;
        else
            kprintf("demo %s: FAILED expect '%s'\n", img->name, img->expect[i]);
    }
    for (uint32_t i = 0; i < img->nexpect_not; i++, total++) {
        if (!wtask_log_find(mine, &own, img->name, img->expect_not[i], true))
            ok++;
        else
            kprintf("demo %s: FAILED expect-not '%s'\n", img->name, img->expect_not[i]);
    }
    for (uint32_t i = 0; i < img->nexpect_kernel; i++, total++) {
        if (wtask_log_find(mine, &kern, NULL, img->expect_kernel[i], false))
            ok++;
        else
            kprintf("demo %s: FAILED expect-kernel '%s'\n", img->name, img->expect_kernel[i]);
    }
    if (void_why)
        kprintf("demo %s: FAILED: %s\n", img->name, void_why);
    return record(img, ok, total, void_why);
}

void demo_fail(const bootmod_t *img, const char *why)
{
    kprintf("demo %s: FAILED: %s\n", img->name, why);
    record(img, 0, img->nexpect + img->nexpect_not + img->nexpect_kernel, why);
}

void demo_print_table(void)
{
    kprintf("\n== demo results\n");
    for (uint32_t i = 0; i < nresults; i++) {
        bool pass = results[i].passed == results[i].total && !results[i].void_why;
        kprintf("demo %-22s %s (%u/%u checks%s%s)\n", results[i].name, pass ? "PASS" : "FAIL",
                results[i].passed, results[i].total, results[i].void_why ? "; " : "",
                results[i].void_why ? results[i].void_why : "");
    }
}
