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
/* Check one demo's expectations against the log; record the verdict. */
bool demo_check(const bootmod_t *img);
/* The table of verdicts recorded so far. */
void demo_print_table(void);

#endif
