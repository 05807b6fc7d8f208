// shell.c - the JerichoOS shell: `make run` boots into it (the command
// line word `shell`, src/runner/shell.c). It reads commands from the
// serial console (WASI stdin: CONSOLE r) and answers on it. What it may do
// is what its capabilities allow, nothing more:
//   slot 0 console rw   read commands, print
//   slot 1 clock r      sleep, uptime
//   slot 2 spawn w      start boot modules (their quota is the shell's)
//   slot 3 monitor r    list modules and tasks, read a task's capabilities
//                       and the kernel's memory figures (observe only)
//   slot 4 entropy r    handed to children that ask for it
// It ends a task only through the TASK capability its own spawn returned
// (`kill SLOT`): the monitor observes, it never controls. docs/shell.md.
//
// group: shell
// caps: console:rw clock:r spawn:w monitor:r entropy:r
// prio: 20
// expect-kernel: task shell exited with code 0
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jericho.h>

enum { SLOT_CONSOLE = 0, SLOT_CLOCK = 1, SLOT_SPAWN = 2, SLOT_MONITOR = 3 };
#define MAX_WORDS 40
#define LINE_MAX_ 512
#define PRIO_DEFAULT 10

static char jobs[JERICHO_SLOTS][32];   /* name of the task whose capability is in slot i */

static const char *state_name(uint32_t s)
{
    static const char *const names[] = {
        "inactive", "ready", "running", "send", "recv", "reply", "notify", "join",
        "input", "sleeping",
    };
    return s < sizeof names / sizeof names[0] ? names[s] : "?";
}

static void rights_text(uint32_t r, char *out)
{
    char *p = out;
    if (r & JERICHO_R_READ) *p++ = 'r';
    if (r & JERICHO_R_WRITE) *p++ = 'w';
    if (r & JERICHO_R_GRANT) *p++ = 'g';
    if (r & JERICHO_R_DMA) *p++ = 'd';
    if (p == out) *p++ = '-';
    *p = 0;
}

static void fail(const char *what, int64_t rc)
{
    printf("%s: %s\n", what, jericho_error_name(rc));
}

static void cmd_help(void)
{
    printf("commands:\n");
    printf("  mods                      boot modules\n");
    printf("  ps                        tasks: id, name, state, prio, cpu, quota\n");
    printf("  spawn NAME [caps=S,S..] [prio=N] [ARG...]   start a module; its slot i gets\n");
    printf("                            my slot S_i (-: none; default caps=0), ARGs its argv\n");
    printf("  jobs                      the tasks I spawned (slot of their TASK capability)\n");
    printf("  kill SLOT                 end the task whose capability is in SLOT\n");
    printf("  caps [ID]                 my capabilities, or those of task ID\n");
    printf("  mem                       kernel memory and uptime\n");
    printf("  sleep MS                  wait\n");
    printf("  exit [CODE]               end the shell (and the tasks it spawned)\n");
}

static void cmd_mods(void)
{
    static jericho_modinfo_t m[256];
    int32_t n = jericho_mon_modules(SLOT_MONITOR, m, 256);
    if (n < 0)
        return fail("mods", n);
    printf("%-24s %-6s %-5s %5s %8s\n", "module", "table", "start", "caps", "bytes");
    for (int32_t i = 0; i < n && i < 256; i++)
        printf("%-24s %-6s %-5s %5u %8u\n", m[i].name, m[i].set ? "tests" : "demos",
               m[i].autostart ? "group" : "spawn", m[i].ncaps, m[i].wasm_len);
    printf("%d modules\n", n);
}

static void cmd_ps(void)
{
    static jericho_taskinfo_t t[256];
    int32_t n = jericho_mon_tasks(SLOT_MONITOR, t, 256);
    if (n < 0)
        return fail("ps", n);
    printf("%5s %-16s %-9s %4s %10s %18s\n", "id", "name", "state", "prio", "cpu ms",
           "quota KiB used/max");
    for (int32_t i = 0; i < n && i < 256; i++) {
        char cpu[24], quota[40];
        if (t[i].flags & JERICHO_TASK_ACCOUNTED)
            snprintf(cpu, sizeof cpu, "%llu", (unsigned long long)(t[i].cpu_ns / 1000000));
        else
            snprintf(cpu, sizeof cpu, "-");
        if (t[i].quota_limit)
            snprintf(quota, sizeof quota, "%llu/%llu",
                     (unsigned long long)(t[i].quota_used >> 10),
                     (unsigned long long)(t[i].quota_limit >> 10));
        else
            snprintf(quota, sizeof quota, "-");
        printf("%5llu %-16s %-9s %4u %10s %18s\n", (unsigned long long)t[i].id, t[i].name,
               state_name(t[i].state), t[i].prio, cpu, quota);
    }
    printf("%d tasks\n", n);
}

static int parse_int(const char *s, long *out)
{
    char *end;
    long v = strtol(s, &end, 0);
    if (!*s || *end)
        return -1;
    *out = v;
    return 0;
}

static void cmd_spawn(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: spawn NAME [caps=S,S,...] [prio=N] [ARG...]\n");
        return;
    }
    const char *name = argv[1];
    jericho_cap_t caps[JERICHO_SLOTS] = {SLOT_CONSOLE};
    uint32_t ncaps = 1, prio = PRIO_DEFAULT;
    int i = 2;
    for (; i < argc; i++) {
        if (strncmp(argv[i], "caps=", 5) == 0) {
            ncaps = 0;
            char *p = argv[i] + 5;
            while (*p) {
                char *comma = strchr(p, ',');
                if (comma)
                    *comma = 0;
                long v;
                if (ncaps == JERICHO_SLOTS) {
                    printf("spawn: more than %d capabilities\n", JERICHO_SLOTS);
                    return;
                }
                if (strcmp(p, "-") == 0)
                    v = -1;
                else if (parse_int(p, &v) < 0) {
                    printf("spawn: bad slot '%s'\n", p);
                    return;
                }
                caps[ncaps++] = (jericho_cap_t)v;
                if (!comma)
                    break;
                p = comma + 1;
            }
        } else if (strncmp(argv[i], "prio=", 5) == 0) {
            long v;
            if (parse_int(argv[i] + 5, &v) < 0) {
                printf("spawn: bad priority '%s'\n", argv[i] + 5);
                return;
            }
            prio = (uint32_t)v;
        } else {
            break;
        }
    }
    char words[1024];
    uint32_t len = 0;
    for (; i < argc; i++) {
        size_t n = strlen(argv[i]) + 1;
        if (len + n > sizeof words) {
            printf("spawn: arguments longer than %zu bytes\n", sizeof words);
            return;
        }
        memcpy(words + len, argv[i], n);
        len += (uint32_t)n;
    }
    int32_t slot = jericho_task_spawn_args(SLOT_SPAWN, name, (uint32_t)strlen(name), caps,
                                           ncaps, prio, words, len);
    if (slot < 0)
        return fail("spawn", slot);
    snprintf(jobs[slot], sizeof jobs[slot], "%s", name);
    printf("spawned %s: its task capability is in slot %d\n", name, slot);
}

static void cmd_jobs(void)
{
    int n = 0;
    for (int s = 0; s < JERICHO_SLOTS; s++) {
        jericho_capinfo_t ci;
        if (jericho_cap_info(s, &ci) == 0 && ci.type == JERICHO_T_TASK) {
            printf("slot %d: %s\n", s, jobs[s][0] ? jobs[s] : "(unknown)");
            n++;
        }
    }
    printf("%d jobs\n", n);
}

static void cmd_kill(int argc, char **argv)
{
    long slot;
    if (argc != 2 || parse_int(argv[1], &slot) < 0) {
        printf("usage: kill SLOT (see jobs)\n");
        return;
    }
    int32_t rc = jericho_task_kill((jericho_cap_t)slot);
    if (rc < 0)
        return fail("kill", rc);
    jericho_cap_delete((jericho_cap_t)slot);
    jericho_yield();    /* it ends at its next safe point: let it get there */
    printf("killed %s (slot %ld)\n", jobs[slot][0] ? jobs[slot] : "task", slot);
    jobs[slot][0] = 0;
}

static void print_cap(uint32_t slot, uint32_t type, uint32_t rights, uint64_t badge)
{
    char r[8];
    rights_text(rights, r);
    if (badge)
        printf("slot %2u: %-12s %-4s badge %llu\n", slot, jericho_captype_name(type), r,
               (unsigned long long)badge);
    else
        printf("slot %2u: %-12s %s\n", slot, jericho_captype_name(type), r);
}

static void cmd_caps(int argc, char **argv)
{
    if (argc < 2) {
        for (int s = 0; s < JERICHO_SLOTS; s++) {
            jericho_capinfo_t ci;
            if (jericho_cap_info(s, &ci) == 0)
                print_cap((uint32_t)s, ci.type, ci.rights, ci.badge);
        }
        return;
    }
    long id;
    if (parse_int(argv[1], &id) < 0) {
        printf("usage: caps [TASK-ID] (see ps)\n");
        return;
    }
    static jericho_capsummary_t c[256];
    int32_t n = jericho_mon_caps(SLOT_MONITOR, (uint64_t)id, c, 256);
    if (n < 0)
        return fail("caps", n);
    for (int32_t i = 0; i < n && i < 256; i++)
        print_cap(c[i].slot, c[i].type, c[i].rights, c[i].badge);
    printf("%d capabilities\n", n);
}

static void cmd_mem(void)
{
    jericho_sysmem_t m;
    int32_t rc = jericho_mon_mem(SLOT_MONITOR, &m);
    if (rc < 0)
        return fail("mem", rc);
    printf("ram %llu KiB, free %llu KiB, kernel heap %llu KiB, page tables %llu KiB\n",
           (unsigned long long)(m.ram_bytes >> 10), (unsigned long long)(m.free_bytes >> 10),
           (unsigned long long)(m.heap_bytes >> 10), (unsigned long long)(m.pinned_bytes >> 10));
    printf("uptime %llu ms, %u tasks\n", (unsigned long long)(m.uptime_ns / 1000000), m.ntasks);
}

static void cmd_sleep(int argc, char **argv)
{
    long ms;
    if (argc != 2 || parse_int(argv[1], &ms) < 0 || ms < 0) {
        printf("usage: sleep MS\n");
        return;
    }
    int32_t rc = jericho_sleep(SLOT_CLOCK, (int64_t)ms * 1000000);
    if (rc < 0)
        fail("sleep", rc);
}

/* One command; returns -1 to go on, else the exit code. */
static int run(char *line)
{
    char *argv[MAX_WORDS];
    int argc = 0;
    for (char *p = strtok(line, " \t\n"); p && argc < MAX_WORDS; p = strtok(NULL, " \t\n"))
        argv[argc++] = p;
    if (argc == 0 || argv[0][0] == '#')
        return -1;
    const char *c = argv[0];
    if (strcmp(c, "help") == 0) cmd_help();
    else if (strcmp(c, "mods") == 0) cmd_mods();
    else if (strcmp(c, "ps") == 0) cmd_ps();
    else if (strcmp(c, "spawn") == 0) cmd_spawn(argc, argv);
    else if (strcmp(c, "jobs") == 0) cmd_jobs();
    else if (strcmp(c, "kill") == 0) cmd_kill(argc, argv);
    else if (strcmp(c, "caps") == 0) cmd_caps(argc, argv);
    else if (strcmp(c, "mem") == 0) cmd_mem();
    else if (strcmp(c, "sleep") == 0) cmd_sleep(argc, argv);
    else if (strcmp(c, "exit") == 0) {
        long code = 0;
        if (argc > 1 && parse_int(argv[1], &code) < 0)
            code = 1;
        return (int)code;
    } else
        printf("%s: unknown command (try help)\n", c);
    return -1;
}

int main(void)
{
    printf("JerichoOS shell: type help. Lines show when you press Enter.\n");
    char line[LINE_MAX_];
    for (;;) {
        printf("jericho>\n");
        if (!fgets(line, sizeof line, stdin)) {
            printf("end of input\n");
            return 0;
        }
        line[strcspn(line, "\n")] = 0;
        printf("> %s\n", line);
        int code = run(line);
        if (code >= 0) {
            printf("bye\n");
            return code;
        }
    }
}
