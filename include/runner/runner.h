/*
 * runner.h - the boot-time runner (src/runner/): runs the groups of boot
 * modules (demos, or the hostile/stress/soak tables) one after the other,
 * each task with exactly the capabilities its manifest declares, checks
 * every task's output against the manifest's expect lines and prints the
 * verdicts. It is test and demo machinery, apart from the kernel core: the
 * kernel only calls demo_run_all from kernel_main.
 */
#ifndef JERICHO_RUNNER_RUNNER_H
#define JERICHO_RUNNER_RUNNER_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/modules.h"

/* Run the embedded demos unless cmdline says `test` or `bench` (then
 * return); `demo=NAME` picks a demo or group. Powers off: 0 = all passed. */
void demo_run_all(const char *cmdline);
/* Run the groups of imgs[0..n) as demo_run_all runs the demos (only: a
 * demo or group name, "PREFIX*" for groups, NULL for all), each group
 * limited to limit_ns of guest time (0: the default 30 s); adds the
 * verdicts to *pass and *fail. */
void demo_run_images(const bootmod_t *imgs, uint32_t n, const char *only, uint64_t limit_ns,
                     uint32_t *pass, uint32_t *fail);
/* The hostile, stress and soak runs (src/runner/hostile.c): powers off when the
 * command line asks for one of them, else returns. */
void hostile_run_all(const char *cmdline);
/* The interactive shell (src/runner/shell.c): with the command line word
 * `shell[=NAME]` runs the boot module NAME (default `shell`) alone, with
 * its manifest's capabilities and no time limit, and powers off when it
 * ends (0 if it passed: exit code 0 and its expect lines); else returns. */
void shell_run(const char *cmdline);
/* `serve=GROUP` (src/runner/serve.c): runs that group of the second table
 * with no time limit and powers off when it ends; else returns. */
void serve_run(const char *cmdline);
/* Whose lines are a module's own (runner/check.c). */
typedef struct {
    uint32_t id;                /* its task, if the runner started one (wtask id); else 0 */
    bool autostart;             /* the runner starts it (else only task_spawn) */
    const uint32_t *roots;      /* ids of the tasks the runner started for the group */
    uint32_t nroots;
} demo_who_t;
/* Check one demo's expectations against its own lines in the log; record
 * the verdict: FAIL if a check fails or void_why is given (a limit the
 * group hit). */
bool demo_check(const bootmod_t *img, const demo_who_t *who, const char *void_why);
/* Record a FAIL for a module that was not run, and say why. */
void demo_fail(const bootmod_t *img, const char *why);
/* The table of verdicts recorded so far. */
void demo_print_table(void);

#endif
