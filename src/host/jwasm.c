/*
 * jwasm.c - the host tool that runs a wasm module on our engine.
 *
 *   jwasm [OPTIONS] FILE.wasm [ARGS...]             run _start under WASI
 *   jwasm [OPTIONS] FILE.wasm --invoke NAME [ARGS...] call an export, print
 *                                                    its results (i32:42)
 * OPTIONS (before FILE): --fuel N (trap after about N back-edges + calls),
 * --stats (load/instantiate/run times on stderr), --invoke NAME,
 * --env KEY=VALUE (the WASI environment; repeatable), --eager (compile
 * every function before instantiating; by default each function is
 * compiled on its first call), --enable F / --disable F (a feature beyond
 * Wasm 2.0, wasm.h WASM_FEATURE_*: simd, tail-call, extended-const,
 * multi-memory, memory64, exceptions, function-references, gc,
 * relaxed-simd, or "all"; all are on by default, applied in order). A
 * module that uses a disabled feature is rejected ("feature F disabled").
 *
 * A profiling build (jwasm-prof: -DWASM_PROFILE, `make bench-profile`)
 * prints on stderr at exit how often each threaded-code instruction and
 * each pair of consecutive ones was dispatched.
 *
 * Imports come from WASI (host/wasi.h) and the spectest module
 * (host/spectest.h). Exit status: the program's proc_exit code (mod 256;
 * 1 if that would turn a non-zero code into 0), 0
 * when _start returns, 1 after a trap ("jwasm: trap: <message>"), 2 for
 * usage, load, validation and link errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host/spectest.h"
#include "host/wasi.h"

#ifdef WASM_PROFILE
#include "interp/code.h"
#endif

#define EXIT_TRAP 1
#define EXIT_LOAD 2

typedef struct {
    const char *file;
    const char *invoke;      /* export to call, NULL = _start under WASI */
    uint64_t fuel;
    bool stats;
    bool eager;              /* compile everything up front */
    int nargs;               /* ARGS after FILE (and after --invoke NAME) */
    char **args;
    int nenv;                /* --env KEY=VALUE, in order */
    char **env;
    uint32_t features;       /* WASM_FEATURE_* allowed */
} jwasm_opts_t;

static void usage(void)
{
    fprintf(stderr, "usage: jwasm [--fuel N] [--stats] [--eager] [--env K=V]... FILE.wasm [ARGS...]\n"
                    "       jwasm [--fuel N] [--stats] [--eager] FILE.wasm --invoke NAME [ARGS...]\n"
                    "       --enable F, --disable F before FILE: F is all or one of");
    for (unsigned i = 0; i < WASM_FEATURE_COUNT; i++)
        fprintf(stderr, " %s", wasm_feature_name(i));
    fprintf(stderr, "\n");
    exit(EXIT_LOAD);
}

static _Noreturn void die(int code, const char *what, const char *msg)
{
    fprintf(stderr, "jwasm: %s: %s\n", what, msg);
    exit(code);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void parse_opts(int argc, char **argv, jwasm_opts_t *o)
{
    int i = 1;
    memset(o, 0, sizeof *o);
    o->features = WASM_FEATURES_ALL;
    for (; i < argc && !o->file; i++) {
        if ((!strcmp(argv[i], "--enable") || !strcmp(argv[i], "--disable")) && i + 1 < argc) {
            bool on = argv[i][2] == 'e';
            const char *name = argv[++i];
            uint32_t f = strcmp(name, "all") ? wasm_feature_by_name(name) : WASM_FEATURES_ALL;
            if (!f)
                die(EXIT_LOAD, "unknown feature (see jwasm --help)", name);
            o->features = on ? o->features | f : o->features & ~f;
        } else if (strcmp(argv[i], "--stats") == 0) {
            o->stats = true;
        } else if (strcmp(argv[i], "--eager") == 0) {
            o->eager = true;
        } else if (strcmp(argv[i], "--fuel") == 0 && i + 1 < argc) {
            char *end;
            errno = 0;
            o->fuel = strtoull(argv[++i], &end, 0);
            if (errno || *end || !*argv[i] || argv[i][0] == '-')
                die(EXIT_LOAD, "bad --fuel value", argv[i]);
        } else if (strcmp(argv[i], "--invoke") == 0 && i + 1 < argc) {
            o->invoke = argv[++i];
        } else if (strcmp(argv[i], "--env") == 0 && i + 1 < argc) {
            if (!strchr(argv[++i], '='))
                die(EXIT_LOAD, "--env wants KEY=VALUE, not", argv[i]);
            char **e = realloc(o->env, (size_t)(o->nenv + 1) * sizeof *e);
            if (!e)
                die(EXIT_LOAD, "--env", "out of memory");
            o->env = e;
            o->env[o->nenv++] = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            usage();
        } else {
            o->file = argv[i];
        }
    }
    if (!o->file)
        usage();
    if (!o->invoke && i + 1 < argc && strcmp(argv[i], "--invoke") == 0) {
        o->invoke = argv[i + 1];
        i += 2;
    }
    o->nargs = argc - i;
    o->args = argv + i;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die(EXIT_LOAD, path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf)
            die(EXIT_LOAD, path, "out of memory");
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        uint8_t *bigger = realloc(buf, cap);
        if (!bigger)
            free(buf);
        buf = bigger;
    }
    if (ferror(f))
        die(EXIT_LOAD, path, "read error");
    fclose(f);
    *len = n;
    return buf;
}

/* Satisfy every import from WASI or spectest (made on first use, in *sp,
 * with its print functions writing to stdout); exit 2 on anything else. */
static wasm_extern_t *resolve_imports(const wasm_module_t *m, wasi_ctx_t *wasi,
                                      spectest_t **sp)
{
    uint32_t n = wasm_module_import_count(m);
    wasm_extern_t *ext = calloc(n ? n : 1, sizeof *ext);
    char err[256];
    if (!ext)
        die(EXIT_LOAD, "link", "out of memory");
    for (uint32_t i = 0; i < n; i++) {
        wasm_importdesc_t d;
        wasm_module_import(m, i, &d);
        if (strcmp(d.module, WASI_MODULE_NAME) == 0) {
            ext[i].kind = WASM_EXTERN_FUNC;
            ext[i].u.func = wasi_bind(wasi, &d, err, sizeof err);
            if (!ext[i].u.func)
                die(EXIT_LOAD, "link", err);
        } else if (strcmp(d.module, "spectest") == 0) {
            if (!*sp && !(*sp = spectest_new(true)))
                die(EXIT_LOAD, "link", "out of memory making spectest");
            if (!spectest_lookup(*sp, d.name, &ext[i])) {
                snprintf(err, sizeof err, "unknown import: spectest.%s", d.name);
                die(EXIT_LOAD, "link", err);
            }
        } else {
            snprintf(err, sizeof err, "unknown import: %s.%s", d.module, d.name);
            die(EXIT_LOAD, "link", err);
        }
    }
    return ext;
}

/* Parse s as a value of type t; false if it is not one. */
static bool parse_val(const char *s, uint8_t t, wasm_val_t *v)
{
    char *end;
    v->raw = 0;
    errno = 0;
    switch (t) {
    case WASM_I32:
    case WASM_I64: {
        long long x = s[0] == '-' ? strtoll(s, &end, 0) : (long long)strtoull(s, &end, 0);
        if (t == WASM_I32 && (x < INT32_MIN || x > (long long)UINT32_MAX))
            return false;
        if (t == WASM_I32)
            v->i32 = (uint32_t)x;
        else
            v->i64 = (uint64_t)x;
        break;
    }
    case WASM_F32: {
        float f = strtof(s, &end);
        memcpy(&v->f32, &f, 4);
        break;
    }
    case WASM_F64: {
        double d = strtod(s, &end);
        memcpy(&v->f64, &d, 8);
        break;
    }
    case WASM_FUNCREF:
    case WASM_EXTERNREF:
        if (strcmp(s, "null") != 0)
            return false;
        return true;
    default:
        return false;
    }
    return !errno && *s && !*end;
}

static void print_val(uint8_t t, wasm_val_t v)
{
    float f;
    double d;
    switch (t) {
    case WASM_I32: printf("i32:%d\n", (int32_t)v.i32); break;
    case WASM_I64: printf("i64:%lld\n", (long long)(int64_t)v.i64); break;
    case WASM_F32: memcpy(&f, &v.f32, 4); printf("f32:%.9g\n", (double)f); break;
    case WASM_F64: memcpy(&d, &v.f64, 8); printf("f64:%.17g\n", d); break;
    case WASM_FUNCREF:
    case WASM_EXTERNREF:
        if (v.ref)
            printf("%s:0x%llx\n", t == WASM_FUNCREF ? "funcref" : "externref",
                   (unsigned long long)v.ref);
        else
            printf("%s:null\n", t == WASM_FUNCREF ? "funcref" : "externref");
        break;
    default: printf("v128:?\n"); break;
    }
}

/* Where ex trapped, the kernel's way (wasm_frame_format): innermost
 * first, the frames the engine keeps, then "... N more". */
static void print_backtrace(const wasm_exec_t *ex)
{
    wasm_frame_t fr[WASM_BACKTRACE_MAX];
    char line[160];
    uint32_t depth = wasm_exec_backtrace(ex, fr, WASM_BACKTRACE_MAX);
    uint32_t shown = depth < WASM_BACKTRACE_MAX ? depth : WASM_BACKTRACE_MAX;
    for (uint32_t i = 0; i < shown; i++) {
        wasm_frame_format(&fr[i], i == 0, line, sizeof line);
        fprintf(stderr, "    %s\n", line);
    }
    if (depth > shown)
        fprintf(stderr, "    ... %u more\n", depth - shown);
}

/* Outcome of a trapped call: proc_exit's code, or a trap message (and
 * where, from ex) and 1. */
static int trapped(wasi_ctx_t *wasi, wasm_trap_t t, const wasm_exec_t *ex)
{
    /* A non-zero code that the OS would truncate to 0 (256, 512...) must
     * not look like success: it becomes 1. */
    if (t == WASM_TRAP_HOST && wasi->exited)
        return wasi->exit_code && !(wasi->exit_code & 0xff) ? 1 : (int)(wasi->exit_code & 0xff);
    fprintf(stderr, "jwasm: trap: %s\n", wasm_trap_message(t));
    print_backtrace(ex);
    return EXIT_TRAP;
}

/* The export to call (_start or --invoke NAME) and its parsed arguments
 * (*nparams wasm_val_t in *args, two for a v128); exits 2 on a mismatch. */
static wasm_func_t *find_entry(const wasm_instance_t *inst, const jwasm_opts_t *o,
                               wasm_val_t **args, uint32_t *nparams)
{
    const char *name = o->invoke ? o->invoke : "_start";
    char err[256];
    wasm_extern_t fx;
    if (!wasm_instance_export(inst, name, &fx) || fx.kind != WASM_EXTERN_FUNC)
        die(EXIT_LOAD, "no exported function", name);
    const wasm_functype_t *ft = wasm_func_type(fx.u.func);
    if (!o->invoke && (ft->nparams || ft->nresults))
        die(EXIT_LOAD, "_start", "must take and return nothing");
    if (o->invoke && (uint32_t)o->nargs != ft->nparams) {
        snprintf(err, sizeof err, "%s takes %u arguments, %d given", name, ft->nparams, o->nargs);
        die(EXIT_LOAD, "invoke", err);
    }
    /* a v128 argument is 0x and 32 hex digits, two values (wasm.h) */
    uint32_t n = 0;
    for (uint32_t i = 0; i < ft->nparams; i++)
        n += ft->params[i] == WASM_V128 ? 2 : 1;
    *nparams = n;
    *args = calloc(n ? n : 1, sizeof **args);
    if (!*args)
        die(EXIT_LOAD, "invoke", "out of memory");
    for (uint32_t i = 0, k = 0; i < ft->nparams; i++) {
        const char *a = o->args[i];
        if (ft->params[i] == WASM_V128) {
            char hi[17], lo[17], *e1, *e2;
            if (strlen(a) != 34 || a[0] != '0' || (a[1] != 'x' && a[1] != 'X'))
                die(EXIT_LOAD, "bad argument", a);
            memcpy(hi, a + 2, 16);
            memcpy(lo, a + 18, 16);
            hi[16] = lo[16] = 0;
            (*args)[k + 1].raw = strtoull(hi, &e1, 16);
            (*args)[k].raw = strtoull(lo, &e2, 16);
            if (*e1 || *e2)
                die(EXIT_LOAD, "bad argument", a);
            k += 2;
        } else if (!parse_val(a, ft->params[i], &(*args)[k++])) {
            die(EXIT_LOAD, "bad argument", a);
        }
    }
    return fx.u.func;
}

#ifdef WASM_PROFILE
typedef struct {
    uint64_t n;
    int a, b;
} prof_row_t;

static int prof_cmp(const void *x, const void *y)
{
    uint64_t a = ((const prof_row_t *)x)->n, b = ((const prof_row_t *)y)->n;
    return a < b ? 1 : a > b ? -1 : 0;
}

/* The dispatch profile on stderr: every instruction dispatched, most
 * frequent first, then the 40 most frequent pairs. */
static void print_profile(void)
{
    static prof_row_t rows[XO_COUNT * 8];
    uint64_t total = 0;
    size_t n = 0;
    for (int i = 0; i < XO_COUNT; i++) {
        total += wexec_prof_count[i];
        if (wexec_prof_count[i])
            rows[n++] = (prof_row_t){ wexec_prof_count[i], i, -1 };
    }
    qsort(rows, n, sizeof rows[0], prof_cmp);
    fprintf(stderr, "profile: %llu dispatches\n", (unsigned long long)total);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "profile: %6.2f%% %14llu  %s\n", 100.0 * (double)rows[i].n / (double)(total + !total),
                (unsigned long long)rows[i].n, wcode_op_name((wcode_op_t)rows[i].a));
    n = 0;
    for (int i = 0; i < XO_COUNT; i++)
        for (int j = 0; j < XO_COUNT; j++) {
            uint64_t c = wexec_prof_pair[i][j];
            if (!c)
                continue;
            if (n == sizeof rows / sizeof rows[0]) { /* keep the biggest: drop the smallest */
                qsort(rows, n, sizeof rows[0], prof_cmp);
                n = 40;
            }
            rows[n++] = (prof_row_t){ c, i, j };
        }
    qsort(rows, n, sizeof rows[0], prof_cmp);
    for (size_t i = 0; i < n && i < 40; i++)
        fprintf(stderr, "profile: pair %6.2f%% %14llu  %s -> %s\n",
                100.0 * (double)rows[i].n / (double)(total + !total), (unsigned long long)rows[i].n,
                wcode_op_name((wcode_op_t)rows[i].a), wcode_op_name((wcode_op_t)rows[i].b));
}
#endif

int main(int argc, char **argv)
{
    jwasm_opts_t o;
    wasi_ctx_t wasi;
    spectest_t *sp = NULL;
    char err[256];
    size_t len;

    /* Our printf (results, spectest) and WASI's write(2) share fd 1: line
     * buffering keeps them in order. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    parse_opts(argc, argv, &o);
    double t0 = now_s();
    uint8_t *bytes = read_file(o.file, &len);
    wasm_module_t *m = wasm_module_new_features(bytes, len, o.features, err, sizeof err);
    free(bytes);
    if (!m)
        die(EXIT_LOAD, o.file, err);
    if (!(o.eager ? wasm_module_compile : wasm_module_compile_lazy)(m, err, sizeof err))
        die(EXIT_LOAD, o.file, err);

    /* WASI sees FILE ARGS... for _start, FILE alone under --invoke. */
    char **wargv = o.args - 1;
    wargv[0] = (char *)o.file;
    wasi_ctx_init(&wasi, o.invoke ? 1 : o.nargs + 1, wargv);
    wasi.envc = o.nenv;
    wasi.envp = o.env;
    wasm_extern_t *imports = resolve_imports(m, &wasi, &sp);
    wasm_exec_t *ex = wasm_exec_new(0, 0);
    if (!ex)
        die(EXIT_LOAD, "exec", "out of memory");
    wasm_exec_set_fuel(ex, o.fuel);

    double t1 = now_s();
    wasm_trap_t trap = WASM_TRAP_NONE;
    wasm_instance_t *inst = wasm_instantiate(m, imports, wasm_module_import_count(m), NULL,
                                             &wasi, ex, &trap, err, sizeof err);
    if (!inst && trap != WASM_TRAP_NONE)
        return trapped(&wasi, trap, ex);
    if (!inst)
        die(EXIT_LOAD, "instantiate", err);
    wasm_val_t *args;
    uint32_t nparams;
    wasm_func_t *f = find_entry(inst, &o, &args, &nparams);

    double t2 = now_s();
    wasm_status_t st = wasm_exec_call(ex, f, args, nparams);
    while (st == WASM_SUSPENDED)
        st = wasm_exec_resume(ex);
    double t3 = now_s();
    if (o.stats)
        fprintf(stderr, "jwasm: stats: load %.3f ms, instantiate %.3f ms, run %.6f s\n",
                (t1 - t0) * 1e3, (t2 - t1) * 1e3, t3 - t2);

#ifdef WASM_PROFILE
    print_profile();
#endif
    int rc = 0;
    if (st == WASM_TRAPPED) {
        fflush(stdout);
        rc = trapped(&wasi, wasm_exec_trap(ex), ex);
    } else if (o.invoke) {
        const wasm_functype_t *ft = wasm_func_type(f);
        uint32_t nres;
        const wasm_val_t *res = wasm_exec_results(ex, &nres);
        for (uint32_t i = 0, k = 0; k < nres && i < ft->nresults; i++) {
            if (ft->results[i] == WASM_V128 && k + 1 < nres)  /* two values, low first */
                printf("v128:0x%016llx%016llx\n", (unsigned long long)res[k + 1].raw,
                       (unsigned long long)res[k].raw);
            else if (ft->results[i] != WASM_V128)
                print_val(ft->results[i], res[k]);
            k += ft->results[i] == WASM_V128 ? 2 : 1;
        }
    }
    fflush(stdout);
    free(args);
    free(o.env);
    wasm_instance_free(inst);
    wasm_exec_free(ex);
    wasi_ctx_fini(&wasi);
    if (sp)
        spectest_free(sp);
    free(imports);
    wasm_module_free(m);
    return rc;
}
