/*
 * wtask.h - a kernel task that runs a wasm module (docs/tasks.md).
 *
 * The task's entry instantiates the module with the `jericho` imports
 * (syscall.h) and calls `_start` on an execution context of its own; the
 * interpreter runs on the task's kernel stack and is preempted by the
 * timer like any kernel thread. A trap ends this task only, with the
 * kernel line `task NAME trapped: MESSAGE`.
 *
 * Console output of wasm tasks goes through a line buffer per task and is
 * printed as "[NAME] text"; every printed line (console and kernel lines
 * about tasks) is also kept in a log that the demo runner checks, with
 * the identity of the task it came from.
 */
#ifndef JERICHO_WASMTASK_WTASK_H
#define JERICHO_WASMTASK_WTASK_H

#include "boot/modules.h"
#include "kernel/task.h"
#include "wasm.h"

#define WTASK_MAX_PAGES   256u          /* 16 MiB of linear memory (abi 2) */
#define WTASK_STACK_BYTES (256u * 1024) /* interpreter value stack */
#define WTASK_MAX_DEPTH   2000u         /* wasm call frames */
#define WTASK_LINE_MAX    256u          /* console line buffer */
#define WTASK_LOG_MAX     (512u * 1024) /* the output log, at most */
/* What one task's engine blocks may take from its quota besides its kernel
 * objects (wasm_rt.c charges them): linear memory up to the cap twice
 * (memory.grow holds the old and the new block while it copies), and
 * 1 MiB for the value stack, call frames, instance, module and compiled
 * code. The runners give each module of a group this plus
 * KCONFIG_TASK_QUOTA. */
#define WTASK_ENGINE_QUOTA (2 * (uint64_t)WTASK_MAX_PAGES * 65536 + (1u << 20))

typedef struct wtask {
    task_t *task;                /* the kernel task (our reference) */
    /* The slots of its CSpace and how many (SYS_SLOTS, or its manifest's
     * `cspace:`), for the capability check every system call makes
     * (sys_cap_word): both set once the task exists, never changed (a
     * root CNode keeps its size). The CNode lives as long as the task can
     * run: only the task's end deletes it, and a task ends itself at a
     * safe point (task_exit) or never ran (task_kill of an inactive task).
     * The check against nslots costs x86-64 nothing over a constant bound
     * (a compare with a memory operand) and arm64 one load (docs/bench.md). */
    cte_t *slots;
    uint64_t nslots;
    uint32_t id;                 /* unique, never reused (nonzero) */
    uint32_t origin;             /* the id of the task its creator started:
                                    its own for a task a runner made, its
                                    spawner's origin for a spawned one
                                    (wtask_adopt) */
    char name[TASK_NAME_MAX * 2];
    wasm_module_t *module;
    wasm_func_t **imports;       /* shared host functions; array is ours */
    uint32_t nimports;
    wasm_extern_t *ext;          /* the imports as instantiation takes them */
    wasm_instance_t *inst;       /* published by the engine as it is built */
    wasm_exec_t *exec;
    uint64_t quota_refused;      /* bytes its quota last refused (wasm_rt.c) */
    uint64_t start_ns;           /* when _start was called (0: not yet) */
    uint32_t budget_ms;          /* CPU time it may use (from its first
                                    instruction, instantiation included);
                                    0 = none */
    bool ended;                  /* its end line has been printed */
    bool held;                   /* a runner still looks at it */
    int exit_code;               /* set by the exit call */
    /* WASI (src/syscall/sys_wasi*.c): the boot module of the task's name,
     * whose manifest gives args and environ (NULL: argv is the name
     * alone, no environment); the stdio fds the task closed (bit fd). */
    const bootmod_t *manifest;
    uint8_t wasi_closed;
    /* Arguments its spawner gave (task_spawn_args): words each ended by
     * a NUL, argv after the name instead of the manifest's; NULL: none. */
    char *args;
    uint32_t args_len;
    char line[WTASK_LINE_MAX];
    uint32_t line_len;
    struct wtask *next;          /* every wtask, for the reaper */
} wtask_t;

/* Decode m and bind its imports; create the (inactive) task with an empty
 * CSpace of SYS_SLOTS slots (or its manifest's `cspace:`) at prio, charged
 * to q (the module and its compiled code too). A boot module called name is
 * held to its manifest's features (bootmod_t.features). On a module or
 * import error returns
 * KERR_INVALID_ARG with the reason in err ("unknown import jericho.NAME",
 * "feature simd disabled", ...), KERR_QUOTA when q cannot hold the module or the task; nothing
 * created. The caller holds the result
 * (held = true) until wtask_release. */
kerr_t wtask_create(const char *name, const uint8_t *bytes, size_t len, unsigned prio,
                    quota_t *q, char *err, size_t errlen, wtask_t **out);
cnode_t *wtask_cspace(wtask_t *w);
kerr_t wtask_start(wtask_t *w);
/* Count the CPU time of every wasm task started from now on (the shell
 * runner sets it, so that the monitor shows CPU use; off otherwise: an
 * accounted task costs a counter read at each switch). */
extern bool wtask_account_all;
/* Has the task ended (exit, trap, kill)? */
bool wtask_done(const wtask_t *w);
/* Post a kill (task_kill): the task stops at its next safe point, flushes
 * its line and prints `task NAME killed: WHY` itself. Nothing if it has
 * ended or a kill is already posted. */
void wtask_kill(wtask_t *w, const char *why);
/* Give w a CPU budget of ms (0: none), with the CPU accounting it needs;
 * before wtask_start. */
void wtask_set_budget(wtask_t *w, uint32_t ms);
/* Kill every live task whose CPU budget (CPU time used, sched_cpu_ns)
 * is used up, with "cpu budget exhausted". */
void wtask_enforce_budgets(uint64_t now);
/* Number of wasm tasks still running; whether one without a budget is. */
uint32_t wtask_live(bool *unbudgeted_left);
/* Kill every live wasm task with this reason. */
void wtask_kill_all(const char *why);
/* child was spawned by parent: it takes parent's origin, so that the
 * runner counts its lines as those of parent's descendants. Before
 * wtask_start. */
void wtask_adopt(wtask_t *child, const wtask_t *parent);
/* Give w the argument words args[0..len) (task_spawn_args; w owns the
 * block from now on, freed with w). Before wtask_start. */
void wtask_set_args(wtask_t *w, char *args, uint32_t len);
/* The runner is done with it: the reaper may free it once it ended. */
void wtask_release(wtask_t *w);
/* Free the engine objects of ended, released tasks. */
void wtask_reap(void);

/* The engine's allocations made by the current task are charged to q
 * (NULL: to nobody) until wasm_rt_charge_end, instead of to its own
 * quota: wtask_create decodes for a task that is not running yet, and
 * host functions made while binding imports are shared by every task
 * (wasm_rt.c). The redirection is the current task's own (task_t). */
void wasm_rt_charge_to(quota_t *q);
void wasm_rt_charge_end(void);
/* Did q refuse an allocation since wasm_rt_charge_to(q)? */
bool wasm_rt_charge_refused(void);

/* ---- output (wasmtask/output.c) -------------------------------------------------- */
/* Console bytes from w: whole lines are printed as "[NAME] text". */
void wtask_console(wtask_t *w, const uint8_t *p, size_t len);
/* Print a partial line that is left (the task ended). */
void wtask_flush(wtask_t *w);
/* Print a kernel line (no newline in fmt) and log it as the kernel's own
 * (id 0, origin 0: the runner's lines). */
void wtask_kline(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, logged as about the task id of origin (a task's end line; id
 * 0 with the spawner's origin for a child that failed to start). */
void wtask_kline_of(uint32_t id, uint32_t origin, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Which logged lines a query looks at: by the id and origin they were
 * logged with. */
typedef bool wtask_log_filter_t(uint32_t id, uint32_t origin, const void *ctx);
/* Does the log hold this exact line, among the lines mine accepts (all if
 * mine is NULL)? With prefix: a line "[prefix] X" with X == text
 * (sub = false) or X containing text (sub = true). */
bool wtask_log_find(wtask_log_filter_t *mine, const void *ctx, const char *prefix,
                    const char *text, bool sub);
/* wtask_log_find among all lines. */
bool wtask_log_has(const char *prefix, const char *text, bool sub);
/* Lines that did not fit in the log (WTASK_LOG_MAX) since it was last
 * cleared: a verdict resting on the log is void if any were lost. */
size_t wtask_log_lost(void);
/* Forget the log (before a new run: the runner, before each group) and
 * take its buffer if not yet done; false if there is no memory for it. */
bool wtask_log_clear(void);

#endif
