/*
 * trap.c - the spec's wording of every trap (wasm_trap_message).
 */
#include "wasm.h"

static const char *const trap_msgs[WASM_TRAP_COUNT] = {
    [WASM_TRAP_NONE] = "no trap",
    [WASM_TRAP_UNREACHABLE] = "unreachable",
    [WASM_TRAP_INT_DIV_ZERO] = "integer divide by zero",
    [WASM_TRAP_INT_OVERFLOW] = "integer overflow",
    [WASM_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
    [WASM_TRAP_MEM_OOB] = "out of bounds memory access",
    [WASM_TRAP_TABLE_OOB] = "out of bounds table access",
    [WASM_TRAP_INDIRECT_TYPE] = "indirect call type mismatch",
    [WASM_TRAP_UNINIT_ELEM] = "uninitialized element",
    [WASM_TRAP_UNDEFINED_ELEM] = "undefined element",
    [WASM_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
    [WASM_TRAP_OUT_OF_MEMORY] = "out of memory",
    [WASM_TRAP_HOST] = "host function trapped",
    [WASM_TRAP_FUEL] = "fuel exhausted",
    [WASM_TRAP_ABORTED] = "aborted by the host",
    [WASM_TRAP_EXCEPTION] = "uncaught exception",
    [WASM_TRAP_NULL_EXN] = "null exception reference",
    [WASM_TRAP_NULL_REF] = "null reference",
    [WASM_TRAP_NULL_FUNC] = "null function reference",
};

const char *wasm_trap_message(wasm_trap_t t)
{
    if ((unsigned)t >= WASM_TRAP_COUNT)
        return "unknown trap";
    return trap_msgs[t];
}
