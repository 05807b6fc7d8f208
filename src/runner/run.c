/*
 * run.c - the demo runner: at boot (command line neither `test` nor
 * `bench`) it runs every embedded demo (include/boot/modules.h), one group at a
 * time, each task with exactly the capabilities its file declares and the
 * group's shared endpoints and notifications; waits for the group (CPU
 * budgets in CPU time used, sched_cpu_ns; a time limit for the whole
 * group); checks what the tasks printed (runner/check.c); prints the table
 * and powers off with status 0 only if every demo passed.
 *
 *   demo=NAME   run only the demos named NAME or of the group NAME
 *               (NAME ending in '*': every group whose name starts so)
 *
 * The runner is the boot task, raised to the top priority (TASK_PRIO_MAX,
 * at or above every demo's): it sleeps a tick at a time and is woken by
 * the timer even while a demo spins, so budgets and the group time limit
 * are enforced whatever priority a spinner has.
 *
 * Verdicts: the log is cleared before each group, and each task is judged
 * by the lines it printed itself (wtask.h: a line's id and origin): a
 * module the runner started by its task's id, a `start: no` module by the
 * tasks of its name spawned within the group; a copy of a module spawned
 * by some other task cannot pass or fail it for it (runner/check.c).
 *
 * demo_run_images runs another table the same way (runner/hostile.c: the
 * command line words `hostile`, `stress`, `soak`).
 */
#include "boot/modules.h"
#include "hal.h"
#include "kconfig.h"
#include "kernel/cspace.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/device.h"
#include "kernel/endpoint.h"
#include "kernel/entropy.h"
#include "kernel/monitor.h"
#include "kernel/notification.h"
#include "kernel/sched.h"
#include "syscall/syscall.h"
#include "runner/runner.h"
#include "wasmtask/wtask.h"
#include "klib.h"
#include "mm.h"

#define GROUP_LIMIT_NS (30ull * 1000 * 1000 * 1000) /* a whole group, guest time */
#define POLL_NS (1000ull * 1000 * 1000 / KCONFIG_TICK_HZ)
#define GROUP_MAX 16                                 /* tasks per group */
#define OBJ_MAX (GROUP_MAX * BOOTMOD_MAX_CAPS)
/* A group's quota: this much per module of the group, shared by all its
 * tasks and the ones they spawn: kernel objects (KCONFIG_TASK_QUOTA) and
 * engine blocks, linear memory included (WTASK_ENGINE_QUOTA, 33 MiB), so
 * any one task can grow to the 16 MiB memory cap (docs/tasks.md). */
#define MODULE_QUOTA ((uint64_t)KCONFIG_TASK_QUOTA + WTASK_ENGINE_QUOTA)

/* The runner's own CSpace (the boot task's) holds the original of every
 * capability it hands out; a demo gets children minted from them, so the
 * devices never lose their last capability and the group's objects live
 * until the runner deletes them after the group. */
#define SLOT_CONSOLE 0
#define SLOT_CLOCK   1
#define SLOT_QUOTA   2
#define SLOT_SHARED  3
#define SLOT_ENTROPY (SCHED_BOOT_CSPACE_SLOTS - 1)     /* above every shared one */
#define SLOT_MONITOR (SCHED_BOOT_CSPACE_SLOTS - 2)
/* A device's capability is minted from the device registry's original
 * (kernel/device.h), slot DEVICE_SRC + its index there. */
#define DEVICE_SRC 0x10000

typedef struct {
    const char *name;
    uint32_t slot;              /* in the runner's CSpace */
} shared_t;

typedef struct {
    const bootmod_t *img[GROUP_MAX];
    wtask_t *w[GROUP_MAX];
    const char *bad[GROUP_MAX];     /* why a module's setup fell short */
    uint32_t roots[GROUP_MAX];      /* ids of the tasks we started */
    uint32_t n, nroots;
    quota_t *quota;
    shared_t objs[OBJ_MAX];
    uint32_t nobjs;
} group_t;

static group_t grp;    /* one group at a time; too big for a stack */

/* The table being run and the guest time a group may take. */
static const bootmod_t *run_images;
static uint64_t group_limit_ns = GROUP_LIMIT_NS;
static bool runner_ready;

static cnode_t *my_cspace(void)
{
    return task_cspace(sched_current());
}

/* The runner's slot of the group's object called c->object, created on
 * first use; -1 if it cannot be created. */
static int32_t shared_slot(group_t *g, const bootmod_cap_t *c)
{
    for (uint32_t i = 0; i < g->nobjs; i++)
        if (strcmp(g->objs[i].name, c->object) == 0)
            return (int32_t)g->objs[i].slot;
    uint32_t slot = SLOT_SHARED + g->nobjs;
    if (g->nobjs == OBJ_MAX || slot >= SCHED_BOOT_CSPACE_SLOTS)
        return -1;
    kobj_t *o = NULL;
    if (c->type == BOOTMOD_CAP_ENDPOINT) {
        endpoint_t *ep;
        if (endpoint_create(g->quota, &ep) == KERR_OK)
            o = &ep->obj;
    } else {
        notification_t *n;
        if (notification_create(g->quota, &n) == KERR_OK)
            o = &n->obj;
    }
    if (!o || cap_install(my_cspace(), slot, o, objtype_rights(o->type), 0) != KERR_OK)
        return -1;
    g->objs[g->nobjs++] = (shared_t){c->object, slot};
    return (int32_t)slot;
}

static int32_t cap_source(group_t *g, const bootmod_cap_t *c)
{
    switch (c->type) {
    case BOOTMOD_CAP_CONSOLE: return SLOT_CONSOLE;
    case BOOTMOD_CAP_CLOCK: return SLOT_CLOCK;
    case BOOTMOD_CAP_SPAWN: return SLOT_QUOTA;
    case BOOTMOD_CAP_ENTROPY: return SLOT_ENTROPY;
    case BOOTMOD_CAP_MONITOR: return SLOT_MONITOR;
    case BOOTMOD_CAP_ENDPOINT:
    case BOOTMOD_CAP_NOTIFICATION: return c->object ? shared_slot(g, c) : -1;
    case BOOTMOD_CAP_DEVICE: {
        device_t *d = c->object ? device_find(c->object) : NULL;
        return d ? (int32_t)(DEVICE_SRC + d->index) : -1;
    }
    }
    return -1;
}

/* Create the task of img with its capabilities; NULL (and the kernel
 * line) if it cannot start. A capability it cannot be given (a limit of
 * the runner's) is said, and *bad says why its verdict is void. */
static wtask_t *setup(group_t *g, const bootmod_t *img, const char **bad)
{
    char err[128];
    wtask_t *w;
    unsigned prio = img->prio >= 1 && img->prio <= TASK_PRIO_MAX ? img->prio : 10;
    kerr_t e = wtask_create(img->name, img->wasm, img->wasm_len, prio, g->quota, err,
                            sizeof err, &w);
    if (e) {
        wtask_kline("task %s failed to start: %s", img->name, err);
        return NULL;
    }
    if (img->ncaps > SYS_SLOTS) {
        kprintf("demo %s: %u capabilities, more than the %u slots of a task\n", img->name,
                img->ncaps, SYS_SLOTS);
        *bad = "more capabilities than a task has slots";
    }
    for (uint32_t i = 0; i < img->ncaps && i < SYS_SLOTS; i++) {
        const bootmod_cap_t *c = &img->caps[i];
        int32_t src = cap_source(g, c);
        objtype_t t = sys_objtype(c->type);
        cnode_t *scn = src >= DEVICE_SRC ? device_registry() : my_cspace();
        uint32_t sslot = (uint32_t)(src >= DEVICE_SRC ? src - DEVICE_SRC : src);
        e = src >= 0 ? cap_mint(scn, sslot, wtask_cspace(w), i,
                                sys_rights_to_kernel(t, c->rights), c->badge)
                     : KERR_NO_MEMORY;
        if (e) {
            kprintf("demo %s: capability %u (%s): %s\n", img->name, i, img->caps_text,
                    kerr_name(e));
            *bad = "a capability of its manifest could not be given";
        }
    }
    wtask_set_budget(w, img->cpu_budget_ms);
    return w;
}

/* Wait until no wasm task is left (the group's and any it spawned),
 * enforcing CPU budgets; at the group's time limit kill whatever is left
 * and return false. */
static bool wait_group(void)
{
    uint64_t t0 = arch_time_ns();
    bool in_time = true;
    for (;;) {
        uint64_t now = arch_time_ns();
        wtask_enforce_budgets(now);
        bool unbudgeted;    /* the limit treats both kinds alike */
        if (wtask_live(&unbudgeted) == 0)
            return in_time;
        if (now - t0 >= group_limit_ns) {
            in_time = false;
            wtask_kill_all("demo time limit");
        }
        sched_sleep_until(arch_time_ns() + POLL_NS);
        wtask_reap();
    }
}

static bool selected(const bootmod_t *img, const char *only)
{
    size_t n = only ? strlen(only) : 0;
    if (n && only[n - 1] == '*')
        return strncmp(img->group, only, n - 1) == 0;
    return !only || strcmp(img->name, only) == 0 || strcmp(img->group, only) == 0;
}

/* Frames free, counting those that became page tables as free (they are
 * kept for good, whoever caused the split): after heap_trim, so that the
 * heap holds only frames its used blocks need. */
static size_t frames_free(void)
{
    heap_trim();
    return pmm_free_pages() + pmm_pinned_pages();
}

/* Every selected module of [first, first+n) fails with why, unrun. */
static void fail_all(uint32_t first, uint32_t n, const char *only, const char *why,
                     uint32_t *fail)
{
    for (uint32_t i = first; i < first + n; i++)
        if (selected(&run_images[i], only)) {
            demo_fail(&run_images[i], why);
            (*fail)++;
        }
}

/* Run the images [first, first+n) (one group); adds its verdicts to
 * *pass and *fail. A limit of the runner's that the group hits (more
 * modules than GROUP_MAX, a capability it cannot hand out, the group
 * time limit, a full output log) fails it, loudly. */
static void run_group(uint32_t first, uint32_t n, const char *only, uint32_t *pass,
                      uint32_t *fail)
{
    group_t *g = &grp;
    memset(g, 0, sizeof *g);
    uint32_t nsel = 0;
    for (uint32_t i = first; i < first + n; i++)
        if (selected(&run_images[i], only) && nsel++ < GROUP_MAX)
            g->img[g->n++] = &run_images[i];
    if (!nsel)
        return;
    if (nsel > GROUP_MAX) {
        wtask_kline("demo: group %s has %u modules, more than the %u a group may have: FAIL, "
                    "not run", run_images[first].group, nsel, GROUP_MAX);
        fail_all(first, n, only, "its group has too many modules", fail);
        return;
    }
    /* The group's verdicts rest on its own lines only (and the log is
     * taken before frames0: it is the runner's for good). */
    if (!wtask_log_clear()) {
        kprintf("demo: group %s: no memory for the output log: FAIL, not run\n",
                g->img[0]->group);
        fail_all(first, n, only, "no output log", fail);
        return;
    }
    uint32_t nstart = 0;
    for (uint32_t i = 0; i < g->n; i++)
        nstart += g->img[i]->autostart ? 1 : 0;
    wtask_kline("== group %s (%u tasks)", g->img[0]->group, nstart);
    size_t frames0 = frames_free();
    kerr_t e = quota_create(NULL, (uint64_t)g->n * MODULE_QUOTA, &g->quota);
    if (e)
        panic("demo: no quota for group %s: %s", g->img[0]->group, kerr_name(e));
    kobj_ref(&g->quota->obj);       /* ours, whatever the tasks do with theirs */
    if ((e = cap_install(my_cspace(), SLOT_QUOTA, &g->quota->obj, objtype_rights(OBJ_QUOTA), 0)))
        panic("demo: cannot hold the group's quota: %s", kerr_name(e));
    for (uint32_t i = 0; i < g->n; i++)
        if (g->img[i]->autostart &&     /* the others only by task_spawn */
            (g->w[i] = setup(g, g->img[i], &g->bad[i])))
            g->roots[g->nroots++] = g->w[i]->id;
    for (uint32_t i = 0; i < g->n; i++)
        if (g->w[i] && (e = wtask_start(g->w[i]))) {
            kprintf("demo %s: cannot start: %s\n", g->img[i]->name, kerr_name(e));
            g->bad[i] = "it could not be started";
        }
    bool in_time = wait_group();
    if (!in_time) {
        wtask_kline("demo: group %s hit its time limit (%llu ms of guest time): FAIL",
                    g->img[0]->group, (unsigned long long)(group_limit_ns / 1000000));
        (*fail)++;
    }
    size_t lost = wtask_log_lost();
    if (lost)
        wtask_kline("demo: group %s printed more than its output log holds (%u KiB, %zu "
                    "lines lost): its verdicts are void: FAIL",
                    g->img[0]->group, WTASK_LOG_MAX / 1024, lost);
    for (uint32_t i = 0; i < g->n; i++) {
        demo_who_t who = {g->w[i] ? g->w[i]->id : 0, g->img[i]->autostart != 0, g->roots,
                          g->nroots};
        const char *bad = lost ? "its group's output log overflowed" : g->bad[i];
        if (demo_check(g->img[i], &who, bad))
            (*pass)++;
        else
            (*fail)++;
        if (g->w[i])
            wtask_release(g->w[i]);
    }
    wtask_reap();
    task_reap();                    /* the kernel stacks, charged too */
    for (uint32_t i = 0; i < g->nobjs; i++)
        cap_delete(my_cspace(), g->objs[i].slot);
    cap_delete(my_cspace(), SLOT_QUOTA);
    /* Every task of the group is gone, and with it everything charged to
     * the quota: kernel objects and engine blocks (wasm_rt.c) alike. A
     * byte left is a leak, whatever the heap line says. */
    if (g->quota->used) {
        wtask_kline("demo: group %s left %llu bytes charged to its quota", g->img[0]->group,
                    (unsigned long long)g->quota->used);
        (*fail)++;
    }
    kobj_unref(&g->quota->obj);
    /* And every frame is back in pmm: what the heap held for the group's
     * blocks included (docs/kernel.md, "Memory"). */
    size_t frames1 = frames_free();
    if (frames1 < frames0) {
        wtask_kline("demo: group %s left %zu KiB of frames taken (%zu frames free before it, %zu after)",
                    g->img[0]->group, (frames0 - frames1) * (PAGE_SIZE / 1024), frames0, frames1);
        (*fail)++;
    }
}

void demo_run_images(const bootmod_t *imgs, uint32_t n, const char *only, uint64_t limit_ns,
                     uint32_t *pass, uint32_t *fail)
{
    if (!sched_current())
        sched_init();
    if (!runner_ready) {
        if (cap_install(my_cspace(), SLOT_CONSOLE, &console_get()->obj, objtype_rights(OBJ_CONSOLE), 0) ||
            cap_install(my_cspace(), SLOT_CLOCK, &clock_get()->obj, objtype_rights(OBJ_CLOCK), 0) ||
            cap_install(my_cspace(), SLOT_ENTROPY, &entropy_get()->obj, objtype_rights(OBJ_ENTROPY), 0) ||
            cap_install(my_cspace(), SLOT_MONITOR, &monitor_get()->obj, objtype_rights(OBJ_MONITOR), 0))
            panic("demo: cannot hold the console, clock, entropy and monitor capabilities");
        task_set_prio(sched_current(), TASK_PRIO_MAX);
        if (!syscall_init())    /* kernel memory for good: not during a group */
            panic("demo: no memory for the system calls' host functions");
        runner_ready = true;
    }
    run_images = imgs;
    group_limit_ns = limit_ns ? limit_ns : GROUP_LIMIT_NS;
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i + 1;
        while (j < n && strcmp(imgs[j].group, imgs[i].group) == 0)
            j++;
        run_group(i, j - i, only, pass, fail);
        i = j;
    }
}

void demo_run_all(const char *cmdline)
{
    if (kcmdline_has(cmdline, "test") || kcmdline_has(cmdline, "bench"))
        return;
    hostile_run_all(cmdline);   /* returns unless `hostile`, `stress`, `soak` */
    shell_run(cmdline);         /* returns unless `shell` */
    serve_run(cmdline);         /* returns unless `serve` */
    char only_buf[64];
    const char *only = kcmdline_get(cmdline, "demo", only_buf, sizeof only_buf);
    if (only && !*only)
        only = NULL;            /* a bare "demo": all of them */
    uint32_t ndemos;
    const bootmod_t *demos = bootmod_set(BOOTMOD_DEMOS, &ndemos);
    if (!ndemos) {
        kprintf("demos: none to run (no boot modules)\n");
        arch_poweroff(1);
    }
    uint32_t pass = 0, fail = 0;
    demo_run_images(demos, ndemos, only, 0, &pass, &fail);
    demo_print_table();
    if (pass + fail == 0)
        kprintf("demos: no demo matches \"%s\"\n", only ? only : "");
    else
        kprintf("demos: %u passed, %u failed\n", pass, fail);
    kprintf("uptime: %llu ms, %llu timer ticks at %u Hz, %zu of %zu frames free\n",
            (unsigned long long)(arch_time_ns() / 1000000),
            (unsigned long long)sched_ticks(), KCONFIG_TICK_HZ, pmm_free_pages(),
            pmm_total_pages());
    arch_poweroff(fail || pass == 0 ? 1 : 0);
}
