/*
 * allocfail.c - every allocation failure in the engine is a clean error
 * (issue 10, defect 1; docs/hardening.md, "Allocation failures"). Suites
 * allocfail (plain -O2) and allocfail-san (ASan+UBSan).
 *
 * For each module it is given, the program runs the embedder's whole
 * pipeline once with every allocation succeeding, counting them (K):
 *
 *   wasm_module_new (decode, validate) -> wasm_module_compile ->
 *   one host object per import (stubs: functions return zeros) ->
 *   wasm_exec_new -> wasm_instantiate (segments, start function) ->
 *   a call of the first exported function (zero arguments, fuel-bounded)
 *
 * then runs it again K times, allocation N failing for N = 0 .. K-1, in
 * two modes: `one` (only allocation N fails: later ones succeed, so code
 * that goes on after a failure is caught writing with stale sizes) and
 * `from` (N and every later one fail, as when a quota is used up). In mode
 * one the exec is made before instantiation and runs the start function
 * (as the kernel does); in mode from, instantiation makes a temporary exec
 * of its own and the exec for the call comes after it (unless the start
 * function runs out of fuel: the temporary exec has none). After
 * each run it frees everything the embedder holds and checks:
 *   - the step that met the failure reported it: wasm_module_new,
 *     wasm_module_compile and wasm_instantiate fail with "out of memory"
 *     (instantiation may instead trap or succeed when the module has a
 *     start function: its memory.grow / table.grow returned -1); the
 *     object constructors return NULL; the call may end any way;
 *   - a run the failure did not reach ends exactly as the first run;
 *   - nothing is left allocated (every block is on a list: a leak is a
 *     block left), nothing freed twice or not allocated by us, every
 *     realloc names the block's true size, and no block was written past
 *     its end (16 guard bytes after each, checked at every free);
 *   - under ASan (allocfail-san) no out-of-bounds access or use after free.
 *
 * Usage: allocfail [-q] SET:LISTFILE...
 *   each LISTFILE names one module file a line; SET labels its results.
 *   -q: print only failures and the summary.
 * Modules are shared among worker processes (ALLOCFAIL_JOBS, default the
 * CPUs, at most 8); one that crashes or hangs (ALLOCFAIL_SECONDS, 120 s a
 * module) fails that module only. Prints "counts P F S" last (one test per
 * module and mode; a module that cannot be read is skipped).
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <poll.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wasm.h"

/* ---- the runtime hooks: every block on a list, guarded ---------------- */

#define GUARD 16
#define LIVE 0x4c49564542304b31ull
#define DEAD 0x444541443042304bull

typedef struct blk {
    uint64_t magic;
    size_t n;
    struct blk *prev, *next;
} blk_t;
_Static_assert(sizeof(blk_t) % 16 == 0, "payload stays 16-byte aligned");

static blk_t live = { 0, 0, &live, &live };
static long nlive;
static long nallocs;          /* allocation calls (alloc and realloc) */
static long fail_at = -1;     /* first allocation to fail; -1: none */
static bool fail_sticky;      /* and every later one */
static int stage;             /* pipeline step running (S_*) */
static int fail_stage = -1;   /* the step that met the first failure */
static long nviolations;      /* contract breaks seen by the hooks */
static char violation[200];   /* the first one */

#ifdef __SANITIZE_ADDRESS__
#define REAL_FREE 1           /* ASan sees frees: double free, use after free */
#else
#define REAL_FREE 0           /* plain build: freed blocks kept, marked DEAD,
                                 so a second free is recognised */
static blk_t dead = { 0, 0, &dead, &dead };
static size_t dead_bytes;
#define DEAD_KEEP (64u << 20) /* beyond this, the oldest dead blocks go */
#endif

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
    if (nviolations++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(violation, sizeof violation, fmt, ap);
        va_end(ap);
    }
}

static void link_in(blk_t *list, blk_t *b)
{
    b->next = list->next;
    b->prev = list;
    list->next->prev = b;
    list->next = b;
}

static void unlink_blk(blk_t *b)
{
    b->prev->next = b->next;
    b->next->prev = b->prev;
}

static bool guard_ok(const blk_t *b)
{
    const uint8_t *g = (const uint8_t *)(b + 1) + b->n;
    for (int i = 0; i < GUARD; i++)
        if (g[i] != 0xa5)
            return false;
    return true;
}

/* Should this allocation call fail? */
static bool injected(void)
{
    long k = nallocs++;
    if (fail_at < 0 || k < fail_at || (k > fail_at && !fail_sticky))
        return false;
    if (fail_stage < 0)
        fail_stage = stage;
    return true;
}

static void *take(size_t n)
{
    blk_t *b = malloc(sizeof *b + n + GUARD);
    if (!b) {
        fprintf(stderr, "allocfail: host out of memory (%zu bytes)\n", n);
        abort();
    }
    b->magic = LIVE;
    b->n = n;
    memset(b + 1, 0, n);
    memset((uint8_t *)(b + 1) + n, 0xa5, GUARD);
    link_in(&live, b);
    nlive++;
    return b + 1;
}

/* The block of payload p, or NULL after noting why it is not one. */
static blk_t *block_of(void *p, const char *who)
{
    blk_t *b = (blk_t *)p - 1;
    if (b->magic == LIVE)
        return b;
    note("%s of %p: %s", who, p, b->magic == DEAD ? "freed twice" : "not a block of ours");
    return NULL;
}

static void give(blk_t *b)
{
    if (!guard_ok(b))
        note("block %p of %zu bytes written past its end", (void *)(b + 1), b->n);
    unlink_blk(b);
    nlive--;
    b->magic = DEAD;
#if REAL_FREE
    free(b);
#else
    link_in(&dead, b);
    dead_bytes += b->n;
    while (dead_bytes > DEAD_KEEP) {
        blk_t *old = dead.prev;
        unlink_blk(old);
        dead_bytes -= old->n;
        free(old);
    }
#endif
}

void *wasm_rt_alloc(size_t n)
{
    if (injected())
        return NULL;
    return take(n);
}

void *wasm_rt_realloc(void *p, size_t old_n, size_t new_n)
{
    blk_t *b = NULL;
    if (p && !(b = block_of(p, "realloc")))
        return NULL;
    if (b && b->n != old_n)
        note("realloc of a %zu-byte block said it has %zu", b->n, old_n);
    if (injected())
        return NULL;
    uint8_t *q = take(new_n);
    if (b) {
        size_t keep = b->n < new_n ? b->n : new_n;
        memcpy(q, p, keep);
        give(b);    /* always moves: a stale pointer to the old block shows */
    }
    return q;
}

void wasm_rt_free(void *p)
{
    if (!p)
        return;
    blk_t *b = block_of(p, "free");
    if (b)
        give(b);
}

/* Free what a run left (counted as a leak by the caller) and the kept
 * dead blocks; returns the blocks that were still live. */
static long drain(void)
{
    long left = nlive;
    while (live.next != &live)
        give(live.next);
#if !REAL_FREE
    while (dead.next != &dead) {
        blk_t *b = dead.next;
        unlink_blk(b);
        free(b);
    }
    dead_bytes = 0;
#endif
    return left;
}

/* ---- one run of the pipeline -------------------------------------------- */

enum { S_MODULE, S_COMPILE, S_IMPORTS, S_EXEC, S_INSTANTIATE, S_CALL, S_DONE };
static const char *const stage_names[] = {
    "wasm_module_new", "wasm_module_compile", "import objects", "wasm_exec_new",
    "wasm_instantiate", "the call", "done",
};

#define MAX_PAGES 16         /* 1 MiB: memories above are not made, memory.grow
                                stops there (a module growing a page at a
                                time costs the square of it, every run) */
#define MAX_TABLE 100000
#define FUEL 20000

typedef struct {
    int stage;               /* where the run stopped (S_DONE: it got through) */
    char what[160];          /* how: the message, the trap, the call's status */
} outcome_t;

static wasm_trap_t stub(wasm_exec_t *ex, void *env, const wasm_val_t *args, wasm_val_t *res)
{
    (void)ex, (void)args;
    uint32_t n = (uint32_t)(uintptr_t)env;
    for (uint32_t i = 0; i < n; i++)
        res[i].raw = 0;
    return WASM_TRAP_NONE;
}

/* A host object for import i; NULL when it cannot be made. */
static bool make_import(const wasm_module_t *m, uint32_t i, wasm_extern_t *x, bool *too_big)
{
    wasm_importdesc_t d;
    wasm_module_import(m, i, &d);
    x->kind = d.kind;
    x->u.any = NULL;
    switch (d.kind) {
    case WASM_EXTERN_FUNC:
        x->u.func = wasm_func_new_host(&d.func, stub, (void *)(uintptr_t)d.func.nresults);
        break;
    case WASM_EXTERN_TABLE:
        if (d.limits.min > MAX_TABLE) {
            *too_big = true;
            return false;
        }
        x->u.table = wasm_table_new(d.reftype, d.limits, 0);
        break;
    case WASM_EXTERN_MEMORY:
        if (d.limits.min > MAX_PAGES) {
            *too_big = true;
            return false;
        }
        x->u.memory = wasm_memory_new(d.limits);
        break;
    case WASM_EXTERN_GLOBAL:
        x->u.global = wasm_global_new(d.valtype, d.mut, (wasm_val_t){ .raw = 0 });
        break;
    case WASM_EXTERN_TAG:
        x->u.tag = wasm_tag_new(&d.func);
        break;
    }
    return x->u.any != NULL;
}

static void free_import(wasm_extern_t *x)
{
    if (!x->u.any)
        return;
    switch (x->kind) {
    case WASM_EXTERN_FUNC: wasm_func_free(x->u.func); break;
    case WASM_EXTERN_TABLE: wasm_table_free(x->u.table); break;
    case WASM_EXTERN_MEMORY: wasm_memory_free(x->u.memory); break;
    case WASM_EXTERN_GLOBAL: wasm_global_free(x->u.global); break;
    case WASM_EXTERN_TAG: wasm_tag_free(x->u.tag); break;
    }
}

static void set_what(outcome_t *o, int st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_what(outcome_t *o, int st, const char *fmt, ...)
{
    o->stage = st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->what, sizeof o->what, fmt, ap);
    va_end(ap);
}

static bool has_start(const uint8_t *b, size_t len);

/* Run the pipeline on the module; free all it made. With own_exec the
 * exec is made before instantiation and runs the start function (as the
 * kernel does); without, instantiation makes a temporary one for it and
 * the exec for the call is made afterwards. */
static void run(const uint8_t *bytes, size_t len, bool own_exec, outcome_t *o)
{
    char err[160] = "";
    wasm_extern_t *imp = NULL;
    uint32_t nimp = 0;
    wasm_exec_t *ex = NULL;
    wasm_instance_t *inst = NULL;

    stage = S_MODULE;
    wasm_module_t *m = wasm_module_new(bytes, len, err, sizeof err);
    if (!m) {
        set_what(o, S_MODULE, "%s", err);
        goto out;
    }
    stage = S_COMPILE;
    if (!wasm_module_compile(m, err, sizeof err)) {
        set_what(o, S_COMPILE, "%s", err);
        goto out;
    }
    stage = S_IMPORTS;
    nimp = wasm_module_import_count(m);
    imp = calloc(nimp + 1, sizeof *imp);   /* the harness's own, not counted */
    if (!imp)
        abort();
    for (uint32_t i = 0; i < nimp; i++) {
        bool too_big = false;
        if (!make_import(m, i, &imp[i], &too_big)) {
            set_what(o, S_IMPORTS, too_big ? "import %u too big to make" : "import %u: NULL", i);
            goto out;
        }
    }
    if (own_exec) {
        stage = S_EXEC;
        if (!(ex = wasm_exec_new(64 * 1024, 500))) {
            set_what(o, S_EXEC, "NULL");
            goto out;
        }
        wasm_exec_set_fuel(ex, FUEL);
    }
    stage = S_INSTANTIATE;
    wasm_config_t cfg = { MAX_PAGES, MAX_TABLE, 500 };
    wasm_trap_t trap = WASM_TRAP_NONE;
    inst = wasm_instantiate(m, imp, nimp, &cfg, NULL, ex, &trap, err, sizeof err);
    if (!inst) {
        set_what(o, S_INSTANTIATE, "%s%s", trap != WASM_TRAP_NONE ? "trap: " : "", err);
        goto out;
    }
    if (!own_exec) {
        stage = S_EXEC;
        if (!(ex = wasm_exec_new(64 * 1024, 500))) {
            set_what(o, S_EXEC, "NULL");
            goto out;
        }
        wasm_exec_set_fuel(ex, FUEL);
    }
    stage = S_CALL;
    set_what(o, S_DONE, "no function exported");
    for (uint32_t i = 0; i < wasm_module_export_count(m); i++) {
        wasm_externkind_t kind;
        wasm_extern_t x;
        const char *name = wasm_module_export(m, i, &kind);
        if (kind != WASM_EXTERN_FUNC || !wasm_instance_export(inst, name, &x))
            continue;
        wasm_val_t args[64];
        const wasm_functype_t *ft = wasm_func_type(x.u.func);
        if (ft->nparams > 64) {
            set_what(o, S_DONE, "export %u: too many parameters", i);
            break;
        }
        memset(args, 0, sizeof args);
        wasm_status_t st = wasm_exec_call(ex, x.u.func, args, ft->nparams);
        if (st == WASM_OK)
            set_what(o, S_DONE, "export %u returned", i);
        else
            set_what(o, S_DONE, "export %u: status %d, trap %s", i, (int)st,
                     wasm_trap_message(wasm_exec_trap(ex)));
        break;
    }
out:
    stage = S_DONE;
    wasm_instance_free(inst);
    wasm_exec_free(ex);
    wasm_module_free(m);
    for (uint32_t i = 0; i < nimp; i++)
        free_import(&imp[i]);
    free(imp);
}

/* Does the binary have a start section (id 8)? Walks the section headers. */
static bool has_start(const uint8_t *b, size_t len)
{
    size_t p = 8;
    while (p < len) {
        uint8_t id = b[p++];
        uint64_t size = 0;
        for (int sh = 0; p < len && sh < 35; sh += 7) {
            uint8_t c = b[p++];
            size |= (uint64_t)(c & 0x7f) << sh;
            if (!(c & 0x80))
                break;
        }
        if (id == 8)
            return true;
        if (size > len - p)
            return false;
        p += size;
    }
    return false;
}

/* ---- the sweep ------------------------------------------------------------- */

static bool quiet;
static int npassed, nfailed, nskipped;

/* Is outcome o of a run whose first failed allocation was in step fst clean? */
static const char *unclean(const outcome_t *o, int fst, bool start)
{
    switch (fst) {
    case S_MODULE:
    case S_COMPILE:
        if (o->stage != fst)
            return "the step that met the failure did not fail";
        if (strcmp(o->what, "out of memory") != 0)
            return "its message is not \"out of memory\"";
        return NULL;
    case S_IMPORTS:
    case S_EXEC:
        return o->stage == fst ? NULL : "the constructor that met the failure did not fail";
    case S_INSTANTIATE:
        if (o->stage == S_INSTANTIATE) {
            if (strcmp(o->what, "out of memory") == 0)
                return NULL;
            if (start && strncmp(o->what, "trap: ", 6) == 0)
                return NULL;
            return "instantiation failed with another message than \"out of memory\"";
        }
        /* instantiation went on: only if its start function saw a grow
         * fail (a later step may then fail too, in mode from) */
        if (o->stage != S_MODULE && o->stage != S_COMPILE && o->stage != S_IMPORTS && start)
            return NULL;
        return "instantiation met the failure and went on";
    case S_CALL:
        return o->stage == S_DONE ? NULL : "the call stopped in an earlier step";
    }
    return "no step met the failure";
}

/* One module in one mode: returns the failures. own_exec: see run(). */
static long sweep(const char *path, const uint8_t *b, size_t len, bool sticky, bool own_exec,
                  long *points)
{
    outcome_t base;
    fail_at = -1;
    nallocs = 0;
    nviolations = 0;
    run(b, len, own_exec, &base);
    long k = nallocs, bad = 0;
    long left = drain();
    *points = k;
    if (left || nviolations) {
        printf("  %s: the run without failures: %ld blocks left, %ld contract breaks (%s)\n",
               path, left, nviolations, nviolations ? violation : "");
        return 1;
    }
    bool start = has_start(b, len);
    for (long n = 0; n < k; n++) {
        outcome_t o;
        fail_at = n;
        fail_sticky = sticky;
        fail_stage = -1;
        nallocs = 0;
        nviolations = 0;
        run(b, len, own_exec, &o);
        fail_at = -1;
        left = drain();
        const char *why = NULL;
        if (nviolations)
            why = violation;
        else if (left)
            why = "blocks left";
        else if (fail_stage < 0 && (o.stage != base.stage || strcmp(o.what, base.what) != 0))
            why = "a run the failure did not reach ended differently";
        else if (fail_stage >= 0)
            why = unclean(&o, fail_stage, start);
        if (why) {
            if (bad < 3)
                printf("  %s: allocation %ld of %ld failing (%s, first in %s): %s; "
                       "left %ld; ended in %s: %s\n", path, n + 1, k, sticky ? "from" : "one",
                       fail_stage >= 0 ? stage_names[fail_stage] : "none", why, left,
                       stage_names[o.stage], o.what);
            bad++;
        }
    }
    return bad;
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    for (;;) {
        if (!b)
            abort();
        if (n == cap && !(b = realloc(b, cap *= 2)))
            abort();
        size_t r = fread(b + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return b;
}

/* ---- the driver: worker processes ------------------------------------------ */

/* A module's sweep longer than this is a failure (a loop after a failed
 * allocation); ALLOCFAIL_SECONDS overrides. */
static int module_seconds = 120;

typedef struct {
    const char *set;
    char *path;
} entry_t;

static entry_t *entries;
static size_t nentries, entries_cap;

/* What a worker says about each module it finished. */
typedef struct {
    uint32_t index;
    int32_t failed;          /* modes that failed (0..2); -1: unreadable */
    int64_t points;
} record_t;

/* Both modes on entry i; the modes that failed, -1 if unreadable. */
static int check_module(size_t i, long *points)
{
    size_t len;
    uint8_t *b = slurp(entries[i].path, &len);
    if (!b) {
        printf("  %s: cannot read: skipped\n", entries[i].path);
        return -1;
    }
    /* A start function that runs out of fuel may never end: no temporary
     * exec (it has no fuel) for that module. */
    outcome_t probe;
    fail_at = -1;
    run(b, len, true, &probe);
    drain();
    char fuel[80];
    snprintf(fuel, sizeof fuel, "trap: %s", wasm_trap_message(WASM_TRAP_FUEL));
    bool start_may_loop = probe.stage == S_INSTANTIATE && strcmp(probe.what, fuel) == 0;
    int failed = 0;
    for (int mode = 0; mode < 2; mode++) {
        long pts = 0;
        long bad = sweep(entries[i].path, b, len, mode == 1, mode == 0 || start_may_loop, &pts);
        *points += pts;
        if (bad) {
            failed++;
            printf("  %s (%s): %ld of %ld failing allocations not handled cleanly\n",
                   entries[i].path, mode ? "from" : "one", bad, pts);
        }
    }
    if (!failed && !quiet)
        printf("  %s: ok\n", entries[i].path);
    free(b);
    return failed;
}

/* A worker: entries from, from + step, ... one record each on fd. */
static void worker(size_t from, size_t step, int fd)
{
    for (size_t i = from; i < nentries; i += step) {
        alarm((unsigned)module_seconds);
        long points = 0;
        record_t r = { (uint32_t)i, check_module(i, &points), points };
        fflush(stdout);
        if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
            _exit(99);
    }
    _exit(0);
}

typedef struct {
    pid_t pid;
    int fd;
    size_t next;             /* the entry it works on */
    size_t step;
} slot_t;

static void start(slot_t *w)
{
    int fd[2];
    if (pipe(fd) != 0)
        abort();
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0) {
        close(fd[0]);
        worker(w->next, w->step, fd[1]);
    }
    close(fd[1]);
    w->pid = pid;
    w->fd = fd[0];
}

typedef struct {
    long modules, points, bad_modules;
} setstat_t;

static setstat_t *stat_of(const char *set, const char **names, setstat_t *stats, int *nsets)
{
    for (int i = 0; i < *nsets; i++)
        if (strcmp(names[i], set) == 0)
            return &stats[i];
    names[*nsets] = set;
    stats[*nsets] = (setstat_t){ 0, 0, 0 };
    return &stats[(*nsets)++];
}

static void account(const record_t *r, const char **names, setstat_t *stats, int *nsets)
{
    setstat_t *st = stat_of(entries[r->index].set, names, stats, nsets);
    if (r->failed < 0) {
        nskipped += 2;
        return;
    }
    st->modules++;
    st->points += r->points;
    nfailed += r->failed;
    npassed += 2 - r->failed;
    if (r->failed)
        st->bad_modules++;
}

/* Run every entry on jobs workers; a worker that dies takes only the
 * module it was on with it (reported, 2 failures) and is started again
 * after it. */
static void run_all(int jobs, int nset_args)
{
    const char **names = calloc((size_t)nset_args + 1, sizeof *names);
    setstat_t *stats = calloc((size_t)nset_args + 1, sizeof *stats);
    int nsets = 0;
    if (!names || !stats)
        abort();
    for (size_t i = 0; i < nentries; i++)  /* sets in the order given */
        stat_of(entries[i].set, names, stats, &nsets);
    slot_t *w = calloc((size_t)jobs, sizeof *w);
    if (!w)
        abort();
    int live = 0;
    for (int j = 0; j < jobs; j++) {
        w[j] = (slot_t){ -1, -1, (size_t)j, (size_t)jobs };
        if (w[j].next < nentries) {
            start(&w[j]);
            live++;
        }
    }
    while (live) {
        struct pollfd pf[64];
        int map[64], n = 0;
        for (int j = 0; j < jobs; j++)
            if (w[j].pid > 0) {
                pf[n] = (struct pollfd){ .fd = w[j].fd, .events = POLLIN };
                map[n++] = j;
            }
        if (poll(pf, (nfds_t)n, -1) < 0)
            continue;
        for (int k = 0; k < n; k++) {
            if (!(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            slot_t *x = &w[map[k]];
            record_t r;
            if (read(x->fd, &r, sizeof r) == (ssize_t)sizeof r) {
                account(&r, names, stats, &nsets);
                x->next = r.index + x->step;
                continue;
            }
            /* end of its records: finished, or died on x->next */
            close(x->fd);
            int status = 0;
            waitpid(x->pid, &status, 0);
            x->pid = -1;
            live--;
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
                continue;
            const char *path = x->next < nentries ? entries[x->next].path : "?";
            if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
                printf("  %s: still running after %d s (a failure made it loop?)\n", path,
                       module_seconds);
            else if (WIFSIGNALED(status))
                printf("  %s: crashed (signal %d)\n", path, WTERMSIG(status));
            else
                printf("  %s: died (status %d)\n", path, WEXITSTATUS(status));
            if (x->next < nentries) {
                record_t dead = { (uint32_t)x->next, 2, 0 };
                account(&dead, names, stats, &nsets);
                x->next += x->step;
            }
            if (x->next < nentries) {
                start(x);
                live++;
            }
        }
    }
    for (int i = 0; i < nsets; i++)
        printf("%s: %ld modules, %ld allocation points, each failed in 2 modes: "
               "%ld modules with failures\n", names[i], stats[i].modules, stats[i].points,
               stats[i].bad_modules);
    free(w);
    free(names);
    free(stats);
}

static bool add_list(const char *set, const char *listfile)
{
    FILE *lf = fopen(listfile, "r");
    if (!lf) {
        printf("%s: cannot open the list %s\n", set, listfile);
        return false;
    }
    char path[1024];
    while (fgets(path, sizeof path, lf)) {
        path[strcspn(path, "\n")] = 0;
        if (!path[0])
            continue;
        if (nentries == entries_cap) {
            entries_cap = entries_cap ? 2 * entries_cap : 1024;
            if (!(entries = realloc(entries, entries_cap * sizeof *entries)))
                abort();
        }
        entries[nentries++] = (entry_t){ set, strdup(path) };
    }
    fclose(lf);
    return true;
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-q") == 0)
            quiet = true;
        else {
            fprintf(stderr, "usage: %s [-q] SET:LISTFILE...\n", argv[0]);
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *v = getenv("ALLOCFAIL_SECONDS");
    if (v && atoi(v) > 0)
        module_seconds = atoi(v);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = cpus > 0 ? (int)(cpus < 8 ? cpus : 8) : 1;
    v = getenv("ALLOCFAIL_JOBS");
    if (v && atoi(v) > 0)
        jobs = atoi(v) < 64 ? atoi(v) : 64;
    int nset_args = 0;
    for (; i < argc; i++) {
        char *colon = strchr(argv[i], ':');
        if (!colon) {
            fprintf(stderr, "allocfail: %s: expected SET:LISTFILE\n", argv[i]);
            return 2;
        }
        *colon = 0;
        nset_args++;
        if (!add_list(argv[i], colon + 1))
            nfailed++;
    }
    run_all(jobs, nset_args);
    printf("counts %d %d %d\n", npassed, nfailed, nskipped);
    return nfailed ? 1 : 0;
}
