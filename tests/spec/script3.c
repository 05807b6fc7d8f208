/*
 * script3.c - the spec runner's Wasm 3.0 script commands, as
 * tests/spec3/wast2json.mjs writes them: module definitions (compiled,
 * not instantiated) and their instances, and commands the converter could
 * not encode (an "error" field: always a failure). assert_exception is
 * runner.c's (an action that must trap "uncaught exception").
 */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool rn_cmd3(rn_t *rn, const json_t *cmd, const char *type)
{
    const char *error = json_str(cmd, "error");
    if (error) {
        rn_fail(rn, cmd, "converter: %s", error);
        return true;
    }
    if (!strcmp(type, "module_definition")) {
        wasm_module_t *m = rn_load(rn, cmd);
        if (!m)
            return true;
        rn_add_instance(rn, json_str(cmd, "name"), m, NULL);
        rn->passed++;
        return true;
    }
    if (!strcmp(type, "module_instance")) {
        const char *def = json_str(cmd, "module");
        const wasm_module_t *m = NULL;
        for (size_t i = rn->ninsts; def && i-- > 0 && !m;)
            if (rn->insts[i].name && !strcmp(rn->insts[i].name, def) && rn->insts[i].mod)
                m = rn->insts[i].mod;
        rn->cur = -1;
        if (!m) {
            rn_fail(rn, cmd, "no module definition %s", def ? def : "(unnamed)");
            return true;
        }
        char err[256] = "";
        wasm_trap_t trap;
        wasm_instance_t *inst = rn_instantiate(rn, m, &trap, err, sizeof err);
        if (!inst) {
            rn_fail(rn, cmd, "instantiation failed: %s", err);
            return true;
        }
        /* the definition owns the module: the instance entry has none */
        rn_add_instance(rn, json_str(cmd, "instance"), NULL, inst);
        rn->cur = (long)rn->ninsts - 1;
        rn->passed++;
        return true;
    }
    return false;
}
