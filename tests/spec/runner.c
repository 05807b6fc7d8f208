/*
 * runner.c - the spec test runner: executes one wast2json script (JSON +
 * .wasm files) against the engine and counts every command as passed,
 * failed or skipped.
 *
 *   spectest-runner [-v] FILE.json          run the script
 *   spectest-runner --skip-all FILE.json    count every command as skipped
 *   spectest-runner --count FILE.json       count commands as if all failed
 *                                           (the driver's answer to a crash)
 *   spectest-runner --decode-only FILE.json diagnostic: only decode/validate
 *                                           modules; actions are skipped
 *   spectest-runner --lazy FILE.json        run it with every module compiled
 *                                           function by function on first call
 *   spectest-runner --wasm3 FILE.json       the 3.0 suite: every feature on
 *                                           (else Wasm 2.0's only), nothing
 *                                           skipped but text-format modules
 *                                           (v128 values the engine cannot
 *                                           take fail); the skips are named
 *                                           ("  skip: ...")
 * The last output line is "counts PASSED FAILED SKIPPED".
 *
 * Skipped, never passed: assert_malformed/assert_invalid in text form (they
 * test a .wat parser).
 */
#include "runner.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALS 256

void rn_fail(rn_t *rn, const json_t *cmd, const char *fmt, ...)
{
    rn->failed++;
    if (rn->shown++ >= RN_MAX_SHOWN) {
        if (rn->shown == RN_MAX_SHOWN + 1)
            printf("  ... (more failures not shown)\n");
        return;
    }
    const json_t *line = json_get(cmd, "line");
    const char *type = json_str(cmd, "type");
    const json_t *act = json_get(cmd, "action");
    const char *field = act ? json_str(act, "field") : NULL;
    printf("  %s:%s: %s%s%s%s: ", rn->file, line && line->str ? line->str : "?", type,
           field ? " \"" : "", field ? field : "", field ? "\"" : "");
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* Does the engine's trap text agree with the script's? The reference
 * interpreter accepts a message that starts with the expected text; some
 * expected texts carry an index ours lacks, so either prefix is taken. */
static bool text_agrees(const char *got, const char *want)
{
    size_t g = strlen(got), w = strlen(want);
    return !strncmp(got, want, g < w ? g : w) && (g ? 1 : w == 0);
}

typedef enum { ACT_OK, ACT_TRAP, ACT_ERROR } act_result_t;

/* Run an action; results into vals/nvals or the trap into *trap. */
static act_result_t do_action(rn_t *rn, const json_t *act, wasm_val_t *vals, uint32_t *nvals,
                              wasm_trap_t *trap, char *why, size_t whylen)
{
    size_t field_len = 0;
    const char *type = json_str(act, "type"), *field = json_strn(act, "field", &field_len);
    wasm_instance_t *inst = rn_find_instance(rn, json_str(act, "module"));
    *nvals = 0;
    if (!inst || !field) {
        snprintf(why, whylen, "no instance for the action");
        return ACT_ERROR;
    }
    wasm_extern_t ext;
    if (!wasm_instance_export_n(inst, field, field_len, &ext)) {
        snprintf(why, whylen, "no export \"%s\"", field);
        return ACT_ERROR;
    }
    if (type && !strcmp(type, "get")) {
        if (ext.kind != WASM_EXTERN_GLOBAL) {
            snprintf(why, whylen, "export is not a global");
            return ACT_ERROR;
        }
        wasm_global_get2(ext.u.global, vals);
        *nvals = wasm_global_type(ext.u.global) == WASM_V128 ? 2 : 1;
        return ACT_OK;
    }
    if (!type || strcmp(type, "invoke") || ext.kind != WASM_EXTERN_FUNC) {
        snprintf(why, whylen, "bad action or export is not a function");
        return ACT_ERROR;
    }
    const json_t *args = json_get(act, "args");
    size_t nvalues = args ? args->n : 0, nargs = 0;
    wasm_val_t argv[MAX_VALS];
    for (size_t i = 0; i < nvalues; i++) {
        if (nargs + 2 > MAX_VALS) {
            snprintf(why, whylen, "too many arguments");
            return ACT_ERROR;
        }
        if (!rn_parse_arg(args->items[i], &argv[nargs], why, whylen))
            return ACT_ERROR;
        nargs += (size_t)rn_val_slots(args->items[i]);
    }
    const wasm_functype_t *ft = wasm_func_type(ext.u.func);
    if (!ft || ft->nparams != nvalues) {
        snprintf(why, whylen, "argument count does not match the function type");
        return ACT_ERROR;
    }
    wasm_status_t st = wasm_exec_call(rn->exec, ext.u.func, argv, (uint32_t)nargs);
    if (st == WASM_TRAPPED) {
        *trap = wasm_exec_trap(rn->exec);
        return ACT_TRAP;
    }
    if (st != WASM_OK) {
        snprintf(why, whylen, "call returned status %d", (int)st);
        return ACT_ERROR;
    }
    uint32_t n = 0;
    const wasm_val_t *res = wasm_exec_results(rn->exec, &n);
    if (n > MAX_VALS)
        n = MAX_VALS;
    if (n)
        memcpy(vals, res, n * sizeof *vals);
    *nvals = n;
    return ACT_OK;
}

wasm_module_t *rn_load(rn_t *rn, const json_t *cmd)
{
    char err[256] = "";
    size_t len;
    const char *fn = json_str(cmd, "filename");
    unsigned char *bytes = fn ? rn_read_file(rn, fn, &len) : NULL;
    if (!bytes) {
        rn_fail(rn, cmd, "cannot read %s", fn ? fn : "(no filename)");
        return NULL;
    }
    wasm_module_t *m = rn_module_new(rn, bytes, len, err, sizeof err);
    free(bytes);
    if (!m)
        rn_fail(rn, cmd, "module rejected: %s", err);
    return m;
}

static void cmd_module(rn_t *rn, const json_t *cmd)
{
    char err[256] = "";
    rn->cur = -1;
    wasm_module_t *m = rn_load(rn, cmd);
    if (!m)
        return;
    wasm_trap_t trap;
    wasm_instance_t *inst = rn_instantiate(rn, m, &trap, err, sizeof err);
    rn_add_instance(rn, json_str(cmd, "name"), m, inst);
    if (!inst) {
        rn_fail(rn, cmd, "instantiation failed: %s", err);
        return;
    }
    rn->cur = (long)rn->ninsts - 1;
    rn->passed++;
}

/* assert_malformed / assert_invalid (binary): the module must be rejected. */
static void cmd_reject(rn_t *rn, const json_t *cmd)
{
    const char *mt = json_str(cmd, "module_type");
    if (mt && strcmp(mt, "binary")) {
        rn->skipped++;    /* text format: tests a .wat parser, not us */
        if (rn->wasm3)     /* named: tests/spec/run.sh lists them */
            printf("  skip: %s:%s: %s, module in text format\n", rn->file,
                   json_get(cmd, "line") ? json_get(cmd, "line")->str : "?", json_str(cmd, "type"));
        return;
    }
    char err[256] = "";
    size_t len;
    const char *fn = json_str(cmd, "filename");
    unsigned char *bytes = fn ? rn_read_file(rn, fn, &len) : NULL;
    if (!bytes) {
        rn_fail(rn, cmd, "cannot read %s", fn ? fn : "(no filename)");
        return;
    }
    wasm_module_t *m = rn_module_new(rn, bytes, len, err, sizeof err);
    free(bytes);
    if (m) {
        wasm_module_free(m);
        rn_fail(rn, cmd, "module accepted, expected \"%s\"", json_str(cmd, "text"));
        return;
    }
    const char *want = json_str(cmd, "text");
    if (want && !text_agrees(err, want)) {
        rn->msg_mismatch++;
        if (rn->verbose)
            printf("  %s:%s: note: rejected with \"%s\", script says \"%s\"\n", rn->file,
                   json_get(cmd, "line")->str, err, want);
    }
    rn->passed++;
}

/* assert_unlinkable / assert_uninstantiable. */
static void cmd_no_instance(rn_t *rn, const json_t *cmd, bool want_trap)
{
    char err[256] = "";
    wasm_module_t *m = rn_load(rn, cmd);
    if (!m)
        return;
    wasm_trap_t trap;
    wasm_instance_t *inst = rn_instantiate(rn, m, &trap, err, sizeof err);
    if (inst) {
        /* keep it: a failed-to-fail instance may still be referenced */
        rn_add_instance(rn, NULL, m, inst);
        rn_fail(rn, cmd, "instantiation succeeded, expected \"%s\"", json_str(cmd, "text"));
        return;
    }
    /* Instantiation may have written into imported tables/memories before
     * failing; those objects stay valid. The module is no longer needed. */
    rn_add_instance(rn, NULL, m, NULL);
    if (want_trap && trap == WASM_TRAP_NONE) {
        rn_fail(rn, cmd, "failed without a trap: %s", err);
        return;
    }
    if (!want_trap && trap != WASM_TRAP_NONE) {
        rn_fail(rn, cmd, "trapped (%s), expected a link error", wasm_trap_message(trap));
        return;
    }
    rn->passed++;
}

static void cmd_action(rn_t *rn, const json_t *cmd, const char *type)
{
    wasm_val_t vals[MAX_VALS];
    uint32_t n;
    wasm_trap_t trap = WASM_TRAP_NONE;
    char why[256] = "";
    act_result_t r = do_action(rn, json_get(cmd, "action"), vals, &n, &trap, why, sizeof why);
    if (r == ACT_ERROR) {
        rn_fail(rn, cmd, "%s", why);
        return;
    }
    bool want_trap = !strcmp(type, "assert_trap") || !strcmp(type, "assert_exhaustion") ||
                     !strcmp(type, "assert_exception");
    if (want_trap) {
        /* assert_exception: an uncaught wasm exception (the 3.0 scripts) */
        const char *want = json_str(cmd, "text");
        if (!strcmp(type, "assert_exception"))
            want = wasm_trap_message(WASM_TRAP_EXCEPTION);
        if (r != ACT_TRAP) {
            rn_fail(rn, cmd, "returned normally, expected trap \"%s\"", want);
            return;
        }
        const char *got = wasm_trap_message(trap);
        if (want && !text_agrees(got ? got : "", want)) {
            rn_fail(rn, cmd, "trapped \"%s\", expected \"%s\"", got, want);
            return;
        }
        rn->passed++;
        return;
    }
    if (r == ACT_TRAP) {
        rn_fail(rn, cmd, "trapped: %s", wasm_trap_message(trap));
        return;
    }
    if (!strcmp(type, "assert_return")) {
        const json_t *exp = json_get(cmd, "expected");
        size_t ne = exp ? exp->n : 0, nslots = 0;
        for (size_t i = 0; i < ne; i++)
            nslots += (size_t)rn_val_slots(exp->items[i]);
        if (nslots != n) {
            rn_fail(rn, cmd, "%u result slots, expected %zu", n, nslots);
            return;
        }
        for (size_t i = 0, k = 0; i < ne; k += (size_t)rn_val_slots(exp->items[i]), i++) {
            if (!rn_match(exp->items[i], &vals[k], why, sizeof why)) {
                rn_fail(rn, cmd, "result %zu: %s", i, why);
                return;
            }
        }
    }
    rn->passed++;
}

/* --decode-only: modules must decode and validate, rejections must be
 * rejected; nothing is instantiated or run (those commands are skipped). */
static void decode_only(rn_t *rn, const json_t *cmd)
{
    const char *type = json_str(cmd, "type");
    if (!strcmp(type, "assert_malformed") || !strcmp(type, "assert_invalid")) {
        cmd_reject(rn, cmd);
        return;
    }
    const char *fn = json_str(cmd, "filename");
    if (!fn) {
        rn->skipped++;
        return;
    }
    char err[256] = "";
    size_t len;
    unsigned char *bytes = rn_read_file(rn, fn, &len);
    wasm_module_t *m = bytes ? rn_module_new(rn, bytes, len, err, sizeof err) : NULL;
    free(bytes);
    if (!m) {
        rn_fail(rn, cmd, "module rejected: %s", err);
        return;
    }
    wasm_module_free(m);
    rn->passed++;
}

static void run_command(rn_t *rn, const json_t *cmd)
{
    const char *type = json_str(cmd, "type");
    if (!type) {
        rn_fail(rn, cmd, "command without type");
    } else if (rn_cmd3(rn, cmd, type)) {
        /* a Wasm 3.0 script command (script3.c) */
    } else if (!strcmp(type, "module")) {
        cmd_module(rn, cmd);
    } else if (!strcmp(type, "register")) {
        if (rn_register(rn, json_str(cmd, "as") ? json_str(cmd, "as") : "", json_str(cmd, "name")))
            rn->passed++;
        else
            rn_fail(rn, cmd, "nothing to register");
    } else if (!strcmp(type, "assert_malformed") || !strcmp(type, "assert_invalid")) {
        cmd_reject(rn, cmd);
    } else if (!strcmp(type, "assert_unlinkable")) {
        cmd_no_instance(rn, cmd, false);
    } else if (!strcmp(type, "assert_uninstantiable")) {
        cmd_no_instance(rn, cmd, true);
    } else if (!strcmp(type, "action") || !strcmp(type, "assert_return") ||
               !strcmp(type, "assert_trap") || !strcmp(type, "assert_exhaustion") ||
               !strcmp(type, "assert_exception")) {
        cmd_action(rn, cmd, type);
    } else {
        rn_fail(rn, cmd, "unknown command type");
    }
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = 0;
    fclose(f);
    return buf;
}

/* Counts for --count / --skip-all: every command, text modules skipped. */
static void count_only(rn_t *rn, const json_t *cmds, bool all_skip)
{
    for (size_t i = 0; i < cmds->n; i++) {
        const char *mt = json_str(cmds->items[i], "module_type");
        if (all_skip || (mt && strcmp(mt, "binary")))
            rn->skipped++;
        else
            rn->failed++;
    }
}

int main(int argc, char **argv)
{
    rn_t rn;
    /* line-buffered: what was printed survives a crash or a sanitizer's
     * _exit (the driver reads the counts line) */
    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(&rn, 0, sizeof rn);
    rn.cur = -1;
    int mode = 0;   /* 0 run, 1 count, 2 skip-all, 3 decode-only */
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            rn.verbose = true;
        else if (!strcmp(argv[i], "--count"))
            mode = 1;
        else if (!strcmp(argv[i], "--skip-all"))
            mode = 2;
        else if (!strcmp(argv[i], "--decode-only"))
            mode = 3;
        else if (!strcmp(argv[i], "--lazy"))
            rn.lazy = true;
        else if (!strcmp(argv[i], "--wasm3"))
            rn.wasm3 = true;
        else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: %s [-v|--count|--skip-all] FILE.json\n", argv[0]);
        return 2;
    }
    char *text = slurp(path);
    size_t errpos = 0;
    json_t *doc = text ? json_parse(text, &errpos) : NULL;
    const json_t *cmds = json_get(doc, "commands");
    if (!cmds || cmds->kind != JSON_ARR) {
        fprintf(stderr, "%s: cannot read or parse (at byte %zu)\n", path, errpos);
        printf("counts 0 1 0\n");
        return 1;
    }
    const char *src = json_str(doc, "source_filename");
    const char *slash = src ? strrchr(src, '/') : NULL;
    rn.file = slash ? slash + 1 : src ? src : path;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *ds = strrchr(dir, '/');
    if (ds)
        *ds = 0;
    else
        snprintf(dir, sizeof dir, ".");
    rn.dir = dir;

    if (mode == 3) {
        for (size_t i = 0; i < cmds->n; i++)
            if (json_str(cmds->items[i], "type"))
                decode_only(&rn, cmds->items[i]);
    } else if (mode) {
        count_only(&rn, cmds, mode == 2);
    } else {
        rn.spectest = spectest_new(rn.verbose);
        rn.exec = wasm_exec_new(0, 0);
        if (!rn.spectest || !rn.exec) {
            printf("  %s: cannot create the spectest module or an execution context\n", rn.file);
            /* every command that is not a pure decode check fails */
        }
        for (size_t i = 0; i < cmds->n; i++) {
            const json_t *c = cmds->items[i];
            const char *type = json_str(c, "type");
            bool decode_only = type && (!strcmp(type, "assert_malformed") ||
                                        !strcmp(type, "assert_invalid"));
            if ((!rn.spectest || !rn.exec) && !decode_only) {
                rn_fail(&rn, c, "no runtime (spectest or exec unavailable)");
                continue;
            }
            run_command(&rn, c);
        }
        rn_free_all(&rn);
        spectest_free(rn.spectest);
        if (rn.exec)
            wasm_exec_free(rn.exec);
    }
    printf("%s: %d passed, %d failed, %d skipped", rn.file, rn.passed, rn.failed, rn.skipped);
    if (rn.msg_mismatch)
        printf(" (%d rejections with other wording)", rn.msg_mismatch);
    printf("\ncounts %d %d %d\n", rn.passed, rn.failed, rn.skipped);
    json_free(doc);
    free(text);
    return rn.failed ? 1 : 0;
}
