/*
 * serve.c - command line `serve=GROUP`: runs one group of the archive's
 * second table (the one `hostile` and `shell` use) through the demo runner
 * with no time limit: a system that serves until one of its tasks ends it,
 * as `make qemu NET=user` boots the networked MQTT broker (group
 * `mqtt-net`, mqttnet/README.md). When the group has ended the kernel
 * prints the runner's table and powers off: status 0 only if every module
 * of the group passed. Every wasm task started meanwhile has its CPU time
 * counted (wtask_account_all), as in the shell, so that a task holding the
 * monitor can report it (mqtt-net's `cpu`; `make bench-net` reads it).
 */
#include "boot/modules.h"
#include "hal.h"
#include "runner/runner.h"
#include "klib.h"
#include "wasmtask/wtask.h"

#define SERVE_LIMIT_NS (1000ull * 24 * 3600 * 1000 * 1000 * 1000)  /* 1000 days */

void serve_run(const char *cmdline)
{
    char group[32];
    uint32_t n, pass = 0, fail = 0;
    if (!kcmdline_get(cmdline, "serve", group, sizeof group))
        return;
    const bootmod_t *imgs = bootmod_set(BOOTMOD_HOSTILE, &n);
    wtask_account_all = true;
    demo_run_images(imgs, n, group, SERVE_LIMIT_NS, &pass, &fail);
    demo_print_table();
    if (pass + fail == 0)
        kprintf("serve: no module in a group called \"%s\" (was it built? NETSTACK=1)\n", group);
    else
        kprintf("serve: %s: %u passed, %u failed\n", group, pass, fail);
    arch_poweroff(fail || pass == 0 ? 1 : 0);
}
