/*
 * shell.c - `make run` (command line `shell[=NAME]`): boots into the
 * interactive shell (shell/shell.c, boot module `shell`) instead of the
 * demos. The module runs through the demo runner as a group of its own,
 * with the capabilities its manifest lists (console, clock, spawn,
 * monitor) and no group time limit; every wasm task started meanwhile
 * has its CPU time counted (wtask_account_all), so that the monitor can
 * show it. When the shell ends the kernel powers off: status 0 if it
 * passed (exited with 0, its expect lines seen).
 */
#include "boot/modules.h"
#include "hal.h"
#include "runner/runner.h"
#include "wasmtask/wtask.h"
#include "klib.h"

#define SHELL_LIMIT_NS (1000ull * 24 * 3600 * 1000 * 1000 * 1000)  /* 1000 days */

void shell_run(const char *cmdline)
{
    char v[32];
    const char *name = kcmdline_get(cmdline, "shell", v, sizeof v);
    if (!name)
        return;
    if (!*name)
        name = "shell";
    const bootmod_t *m = bootmod_find(name);
    if (!m) {
        kprintf("shell: no boot module called %s\n", name);
        arch_poweroff(1);
    }
    static bootmod_t img;   /* a copy: started by the runner whatever its start: line */
    img = *m;
    img.autostart = 1;
    wtask_account_all = true;
    uint32_t pass = 0, fail = 0;
    demo_run_images(&img, 1, img.name, SHELL_LIMIT_NS, &pass, &fail);
    demo_print_table();
    kprintf("shell: %s\n", pass == 1 && !fail ? "ended, passed" : "ended, FAILED");
    arch_poweroff(pass == 1 && !fail ? 0 : 1);
}
