/*
 * hostile.c - runs the second module table (hostile_images: the
 * modules of tests/hostile/ and tests/stress/) through the demo runner,
 * when the command line asks for it (docs/hardening.md):
 *
 *   hostile[=NAME]     every group whose name starts with "hostile" (or
 *                      only the group / module NAME)
 *   stress[=MESSAGES]  the IPC stress group, MESSAGES messages in total
 *                      (default: the one written in tests/stress/stress.wat)
 *   soak[=SECONDS]     the stress group again and again for SECONDS of
 *                      guest time (default 60); messages=N sets the count
 *                      per round
 *
 * The kernel has no argv for tasks: a run's parameters reach the stress
 * coordinator as the badges of two read-only notification capabilities it
 * declares (objects `messages` and `seconds`); this file copies the table
 * and writes the numbers into those badges before the runner mints the
 * capabilities. The coordinator reads them back with cap_info.
 *
 * Groups run one at a time; after each, the kernel heap is walked and
 * checked (heap_check panics on a damaged header) and its use printed:
 * "hostile: heap after GROUP: N KiB used (+D), F frames free", so that
 * memory a group's tasks leave behind shows. Then the runner's table and
 * "MODE: N passed, F failed"; power-off with status 0 only if every
 * module passed.
 */
#include "boot/modules.h"
#include "hal.h"
#include "runner/runner.h"
#include "wasmtask/wtask.h"
#include "klib.h"
#include "mm.h"

#define SEC_NS (1000ull * 1000 * 1000)
#define HOSTILE_LIMIT_NS (30 * SEC_NS)          /* a hostile group */
#define STRESS_LIMIT_NS (200 * SEC_NS)          /* a stress run (TCG on a busy host) */
#define SOAK_DEFAULT_S 60
#define BADGE_MAX ((1ull << 48) - 1)            /* sane parameter values */

static bootmod_t *imgs;            /* the copied table, every row */
static bootmod_cap_t *caps;         /* and every row's capabilities */

/* A positive decimal parameter, or def when absent or malformed (said). */
static uint64_t number(const char *v, const char *what, uint64_t def)
{
    if (!v || !*v)
        return def;
    const char *end;
    unsigned long x = kstrtoul(v, &end);
    if (*end || x == 0 || x > BADGE_MAX) {
        kprintf("hostile: bad %s '%s', using %llu\n", what, v, (unsigned long long)def);
        return def;
    }
    return x;
}

/* Copy the table whole (kept until power-off); in group `stress`, give
 * the capabilities to the objects `messages` and `seconds` those badges
 * (0: keep the file's). Powers off with a failure if there is no memory
 * for the copy: no module may be left out silently. */
static uint32_t copy_table(const char *mode, uint64_t messages, uint64_t seconds)
{
    uint32_t n;
    const bootmod_t *hostile = bootmod_set(BOOTMOD_HOSTILE, &n);
    size_t ncaps = 0;
    for (uint32_t i = 0; i < n; i++)
        ncaps += hostile[i].ncaps;
    imgs = kmalloc((n ? n : 1) * sizeof *imgs);
    caps = kmalloc((ncaps ? ncaps : 1) * sizeof *caps);
    if (!imgs || !caps) {
        kprintf("%s: no memory to copy the table of %u modules: FAIL\n", mode, n);
        arch_poweroff(1);
    }
    bootmod_cap_t *c = caps;
    for (uint32_t i = 0; i < n; i++) {
        imgs[i] = hostile[i];
        uint32_t nc = imgs[i].ncaps;
        imgs[i].caps = nc ? c : NULL;
        for (uint32_t j = 0; j < nc; j++, c++) {
            *c = hostile[i].caps[j];
            if (strcmp(imgs[i].group, "stress") != 0 || !c->object)
                continue;
            if (strcmp(c->object, "messages") == 0 && messages)
                c->badge = messages;
            if (strcmp(c->object, "seconds") == 0 && seconds)
                c->badge = seconds;
        }
    }
    return n;
}

/* Walk the heap (panics if a header is damaged) and print its use after
 * a group, with the change since `before`. */
static void heap_report(const char *mode, const char *group, size_t before)
{
    size_t blocks = heap_check();
    size_t used = heap_used_bytes();
    long long d = ((long long)used - (long long)before) / 1024;
    kprintf("%s: heap after %s: %zu KiB used (%s%lld KiB), %zu blocks, %zu frames free\n", mode,
            group, used >> 10, d >= 0 ? "+" : "", d, blocks, pmm_free_pages());
}

void hostile_run_all(const char *cmdline)
{
    char v[32], m[32];
    const char *mode, *only;
    uint64_t messages = number(kcmdline_get(cmdline, "messages", m, sizeof m), "messages", 0);
    uint64_t seconds = 0, limit;
    if (kcmdline_get(cmdline, "hostile", v, sizeof v)) {
        mode = "hostile";
        only = *v ? v : "hostile*";
        limit = HOSTILE_LIMIT_NS;
    } else if (kcmdline_get(cmdline, "stress", v, sizeof v)) {
        mode = "stress";
        only = "stress";
        messages = number(v, "message count", messages);
        limit = STRESS_LIMIT_NS;
    } else if (kcmdline_get(cmdline, "soak", v, sizeof v)) {
        mode = "soak";
        only = "stress";
        seconds = number(v, "soak seconds", SOAK_DEFAULT_S);
        limit = seconds * SEC_NS + STRESS_LIMIT_NS;
    } else {
        return;
    }
    uint32_t count;
    bootmod_set(BOOTMOD_HOSTILE, &count);
    kprintf("%s: %u modules in the table; messages=%llu seconds=%llu (0: the module's)\n", mode,
            count, (unsigned long long)messages, (unsigned long long)seconds);
    uint32_t n = copy_table(mode, messages, seconds);
    uint32_t pass = 0, fail = 0;
    size_t used0 = heap_used_bytes();
    kprintf("%s: heap before: %zu KiB used, %zu frames free\n", mode, used0 >> 10,
            pmm_free_pages());
    size_t on = strlen(only);
    if (on && only[on - 1] != '*') {
        demo_run_images(imgs, n, only, limit, &pass, &fail);
        heap_report(mode, only, used0);
    } else {
        for (uint32_t i = 0; i < n; i++) {  /* one group at a time */
            if ((i > 0 && strcmp(imgs[i].group, imgs[i - 1].group) == 0) ||
                strncmp(imgs[i].group, only, on - 1) != 0)
                continue;
            size_t before = heap_used_bytes();
            demo_run_images(imgs, n, imgs[i].group, limit, &pass, &fail);
            heap_report(mode, imgs[i].group, before);
        }
    }
    demo_print_table();
    if (pass + fail == 0)
        kprintf("%s: no module matches \"%s\"\n", mode, only);
    else
        kprintf("%s: %u passed, %u failed\n", mode, pass, fail);
    arch_poweroff(fail || pass == 0 ? 1 : 0);
}
