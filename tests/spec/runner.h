/*
 * runner.h - state shared by the spec test runner's files (runner.c:
 * commands and counting; values.c: arguments and expected results;
 * link.c: modules, instances, imports and registrations).
 */
#ifndef SPEC_RUNNER_H
#define SPEC_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include "json.h"
#include "wasm.h"
#include "host/spectest.h"

#define RN_MAX_SHOWN 20   /* failures printed per file */

typedef struct {
    char *name;            /* "$M1" or NULL */
    wasm_module_t *mod;
    wasm_instance_t *inst;
} rn_inst_t;

typedef struct {
    char *as;              /* registered name */
    size_t idx;            /* into insts */
} rn_reg_t;

typedef struct {
    const char *dir;       /* where the .wasm files are */
    const char *file;      /* script name for messages */
    bool verbose;
    bool lazy;                  /* --lazy: modules compiled on first call */
    bool wasm3;                 /* --wasm3: all features; only text-format
                                   modules skipped */
    spectest_t *spectest;
    wasm_exec_t *exec;
    rn_inst_t *insts;
    size_t ninsts, capinsts;
    rn_reg_t *regs;
    size_t nregs, capregs;
    long cur;              /* current instance index, -1 if none */
    int passed, failed, skipped, shown, msg_mismatch;
} rn_t;

/* runner.c: count a failure and print it (the first RN_MAX_SHOWN). */
void rn_fail(rn_t *rn, const json_t *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* runner.c: the module of cmd's "filename" (decoded, validated), or NULL
 * with the failure counted. */
wasm_module_t *rn_load(rn_t *rn, const json_t *cmd);

/* script3.c: run a Wasm 3.0 script command (module_definition,
 * module_instance, a command with a converter "error");
 * false if cmd is none of them. */
bool rn_cmd3(rn_t *rn, const json_t *cmd, const char *type);

/* link.c */
/* wasm_module_new with the script's features (Wasm 2.0's or, with
 * --wasm3, all). */
wasm_module_t *rn_module_new(const rn_t *rn, const unsigned char *bytes, size_t len, char *err,
                             size_t errlen);
/* Read dir/filename; NULL on error. */
unsigned char *rn_read_file(const rn_t *rn, const char *filename, size_t *len);
/* Resolve m's imports and instantiate. On failure returns NULL, *trap says
 * whether it trapped, err holds the reason. */
wasm_instance_t *rn_instantiate(rn_t *rn, const wasm_module_t *m, wasm_trap_t *trap,
                                char *err, size_t errlen);
void rn_add_instance(rn_t *rn, const char *name, wasm_module_t *m, wasm_instance_t *inst);
/* Instance an action names ("module" key) or the current one; NULL if none. */
wasm_instance_t *rn_find_instance(const rn_t *rn, const char *name);
bool rn_register(rn_t *rn, const char *as, const char *name);
void rn_free_all(rn_t *rn);

/* values.c */
/* wasm_val_t a value takes at the API: 2 for a v128, else 1. */
int rn_val_slots(const json_t *v);
/* Parse an argument into out[0] (and out[1] for a v128); false (with
 * reason) if unsupported. */
bool rn_parse_arg(const json_t *v, wasm_val_t *out, char *why, size_t whylen);
/* Compare a result (got[0], and got[1] for a v128) with an expected
 * value; false with reason on mismatch. */
bool rn_match(const json_t *exp, const wasm_val_t *got, char *why, size_t whylen);
/* Is this value (argument or expectation) of a SIMD type? */
bool rn_is_v128(const json_t *v);

#endif
