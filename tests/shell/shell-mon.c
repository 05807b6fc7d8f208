// shell-mon.c - the monitor's calls and task_spawn_args under bad input
// (docs/abi.md 4.8), and tasks that end while they are listed. Run by
// tests/shell/check.sh (`hostile=shell-mon`). Slots: 0 console w,
// 1 monitor r, 2 spawn w, 3 monitor without rights, 4 clock r.
//
// group: shell-mon
// caps: console:w monitor:r spawn:w monitor:- clock:r
// expect: mon_tasks through the console -> WRONG_TYPE
// expect: mon_tasks through an empty slot -> EMPTY_SLOT
// expect: mon_tasks through slot 32 -> INVALID_SLOT
// expect: mon_tasks through slot -1 -> INVALID_SLOT
// expect: mon_tasks through a monitor without r -> NO_RIGHTS
// expect: mon_modules through a monitor without r -> NO_RIGHTS
// expect: mon_caps through the clock -> WRONG_TYPE
// expect: mon_mem through the spawn capability -> WRONG_TYPE
// expect: mon_tasks of 257 records -> BAD_ARGUMENT
// expect: mon_tasks of 0xffffffff records -> BAD_ARGUMENT
// expect: mon_tasks at the end of memory -> OUT_OF_BOUNDS
// expect: mon_tasks at 0xffffffc0 -> OUT_OF_BOUNDS
// expect: mon_tasks of 0 records at the end of memory -> ok
// expect: mon_modules one record short of memory -> OUT_OF_BOUNDS
// expect: mon_caps at 0xfffffff0 -> OUT_OF_BOUNDS
// expect: mon_caps of task id 0xffffffffffffffff -> NOT_FOUND
// expect: mon_caps of my own id: my 5 capabilities -> ok
// expect: mon_mem 47 bytes before the end -> OUT_OF_BOUNDS
// expect: mon_mem: free <= ram -> ok
// expect: spawn_args of 1025 bytes -> BAD_ARGUMENT
// expect: spawn_args not ended by a NUL -> BAD_ARGUMENT
// expect: spawn_args of 33 words -> BAD_ARGUMENT
// expect: spawn_args at 0xffffffff, 2 bytes -> OUT_OF_BOUNDS
// expect: spawn_args through the monitor -> WRONG_TYPE
// expect: spawn_args of an unknown module -> NOT_FOUND
// expect: listed 40 spawns while they started and ended -> ok
// expect-not: FAILED
// expect-kernel: task shell-mon exited with code 0
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jericho.h>

static int failures;

static void report(const char *what, int32_t rc, int32_t want)
{
    if (rc == want)
        printf("%s -> %s\n", what, want >= 0 ? "ok" : jericho_error_name(want));
    else {
        printf("%s -> FAILED: got %d (%s), wanted %s\n", what, rc,
               rc < 0 ? jericho_error_name(rc) : "ok", jericho_error_name(want));
        failures++;
    }
}

static jericho_taskinfo_t tasks[256];
static jericho_capsummary_t caps[256];

static uintptr_t mem_end(void)
{
    return (uintptr_t)__builtin_wasm_memory_size(0) * 65536;
}

#define AT(x) ((void *)(uintptr_t)(x))

int main(void)
{
    enum { CON = 0, MON = 1, SPAWN = 2, MON0 = 3, CLOCK = 4 };
    report("mon_tasks through the console", jericho_mon_tasks(CON, tasks, 1), -JERICHO_E_WRONG_TYPE);
    report("mon_tasks through an empty slot", jericho_mon_tasks(9, tasks, 1), -JERICHO_E_EMPTY_SLOT);
    report("mon_tasks through slot 32", jericho_mon_tasks(32, tasks, 1), -JERICHO_E_INVALID_SLOT);
    report("mon_tasks through slot -1", jericho_mon_tasks(-1, tasks, 1), -JERICHO_E_INVALID_SLOT);
    report("mon_tasks through a monitor without r", jericho_mon_tasks(MON0, tasks, 1),
           -JERICHO_E_NO_RIGHTS);
    report("mon_modules through a monitor without r", jericho_mon_modules(MON0, AT(0), 0),
           -JERICHO_E_NO_RIGHTS);
    report("mon_caps through the clock", jericho_mon_caps(CLOCK, 1, caps, 1), -JERICHO_E_WRONG_TYPE);
    jericho_sysmem_t sm;
    report("mon_mem through the spawn capability", jericho_mon_mem(SPAWN, &sm), -JERICHO_E_WRONG_TYPE);
    report("mon_tasks of 257 records", jericho_mon_tasks(MON, tasks, 257), -JERICHO_E_BAD_ARGUMENT);
    report("mon_tasks of 0xffffffff records", jericho_mon_tasks(MON, tasks, 0xffffffffu),
           -JERICHO_E_BAD_ARGUMENT);
    uintptr_t end = mem_end();
    report("mon_tasks at the end of memory", jericho_mon_tasks(MON, AT(end), 1),
           -JERICHO_E_OUT_OF_BOUNDS);
    report("mon_tasks at 0xffffffc0", jericho_mon_tasks(MON, AT(0xffffffc0u), 1),
           -JERICHO_E_OUT_OF_BOUNDS);
    int32_t n = jericho_mon_tasks(MON, AT(end), 0);
    report("mon_tasks of 0 records at the end of memory", n > 0 ? 0 : n, 0);
    report("mon_modules one record short of memory",
           jericho_mon_modules(MON, AT(end - 2 * 48 + 1), 2), -JERICHO_E_OUT_OF_BOUNDS);
    report("mon_caps at 0xfffffff0", jericho_mon_caps(MON, 1, AT(0xfffffff0u), 1),
           -JERICHO_E_OUT_OF_BOUNDS);
    report("mon_caps of task id 0xffffffffffffffff", jericho_mon_caps(MON, ~0ull, caps, 1),
           -JERICHO_E_NOT_FOUND);
    n = jericho_mon_tasks(MON, tasks, 256);
    uint64_t me = 0;
    for (int32_t i = 0; i < n && i < 256; i++)
        if (strcmp(tasks[i].name, "shell-mon") == 0)
            me = tasks[i].id;
    n = jericho_mon_caps(MON, me, caps, 256);
    report("mon_caps of my own id: my 5 capabilities",
           n == 5 && caps[1].type == JERICHO_T_MONITOR && caps[3].rights == 0 ? 0 : -99, 0);
    report("mon_mem 47 bytes before the end", jericho_mon_mem(MON, AT(end - 47)),
           -JERICHO_E_OUT_OF_BOUNDS);
    int32_t rc = jericho_mon_mem(MON, &sm);
    report("mon_mem: free <= ram", rc == 0 && sm.free_bytes <= sm.ram_bytes && sm.ntasks >= 2 ? 0 : -99, 0);

    static char words[1100];
    jericho_cap_t none[1] = {JERICHO_NO_CAP};
    const char *child = "shell-child";
    uint32_t cl = (uint32_t)strlen(child);
    report("spawn_args of 1025 bytes",
           jericho_task_spawn_args(SPAWN, child, cl, none, 0, 5, words, 1025), -JERICHO_E_BAD_ARGUMENT);
    memset(words, 'a', 10);
    report("spawn_args not ended by a NUL",
           jericho_task_spawn_args(SPAWN, child, cl, none, 0, 5, words, 10), -JERICHO_E_BAD_ARGUMENT);
    memset(words, 0, 33);
    report("spawn_args of 33 words",
           jericho_task_spawn_args(SPAWN, child, cl, none, 0, 5, words, 33), -JERICHO_E_BAD_ARGUMENT);
    report("spawn_args at 0xffffffff, 2 bytes",
           jericho_task_spawn_args(SPAWN, child, cl, none, 0, 5, AT(0xffffffffu), 2),
           -JERICHO_E_OUT_OF_BOUNDS);
    report("spawn_args through the monitor",
           jericho_task_spawn_args(MON, child, cl, none, 0, 5, "x", 2), -JERICHO_E_WRONG_TYPE);
    report("spawn_args of an unknown module",
           jericho_task_spawn_args(SPAWN, "no-such", 7, none, 0, 5, "x", 2), -JERICHO_E_NOT_FOUND);

    /* Children that start and end (no capabilities: they print nothing)
     * at our priority (killed by the delete, or on odd rounds perhaps
     * ended on their own during our sleep), while we list the tasks and read every listed
     * task's capabilities: each answer is a count or NOT_FOUND. */
    int bad = 0;
    for (int round = 0; round < 40; round++) {
        int32_t slot = jericho_task_spawn_args(SPAWN, child, cl, none, 0, 10, "r\0", 2);
        if (slot < 0) {
            printf("spawn: %s\n", jericho_error_name(slot));
            bad++;
            break;
        }
        for (int k = 0; k < 20; k++) {
            if (round % 2 && k == 10)
                jericho_sleep(CLOCK, 2000000);  /* odd rounds: it may end by itself */
            n = jericho_mon_tasks(MON, tasks, 256);
            if (n < 2)
                bad++;
            for (int32_t i = 0; i < n && i < 256; i++) {
                rc = jericho_mon_caps(MON, tasks[i].id, caps, 256);
                if (rc < 0 && rc != -JERICHO_E_NOT_FOUND)
                    bad++;
            }
        }
        jericho_cap_delete(slot);   /* kills it if it still runs */
    }
    report("listed 40 spawns while they started and ended", bad ? -99 : 0, 0);
    return failures ? 1 : 0;
}
