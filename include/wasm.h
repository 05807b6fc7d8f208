/*
 * wasm.h - the embedding API of the JerichoOS WebAssembly engine (src/interp/).
 *
 * The engine is portable C that builds freestanding (inside the kernel) and
 * hosted (jwasm, the spec runner, fuzzers, benchmarks). It never calls libc:
 * the embedder supplies the wasm_rt_* functions below, and memcpy,
 * memmove, memset, memcmp (klib in the kernel, libc on the host).
 *
 * Life cycle:
 *   bytes --wasm_module_new--> module (decoded + validated, or an error text)
 *   module + imports --wasm_instantiate--> instance (or error / trap)
 *   wasm_exec_call(exec, func, args) --> OK | TRAP | SUSPENDED
 *   wasm_exec_resume(exec) continues a SUSPENDED call exactly where it stopped.
 *
 * Store model (as in the spec): functions, tables, memories and globals are
 * separate objects. An instance owns what it defines; the host owns what it
 * creates with wasm_*_new. Objects imported by an instance must outlive it.
 * References (funcref, externref) are wasm_ref_t; 0 is the null reference.
 * A funcref is a (wasm_func_t *) cast to wasm_ref_t; an externref is any
 * non-zero value the host chooses.
 *
 * Exceptions (Wasm 3.0): a tag is an object of the store like a global
 * (defined by an instance, exported and imported as WASM_EXTERN_TAG; two
 * tags are the same tag only if they are the same object). An exception
 * that leaves a call uncaught ends it with WASM_TRAP_EXCEPTION. An exnref
 * is a pointer to an exception object of the exec that threw it: the
 * exec frees exceptions nothing refers to any more (its value stack, its
 * last results, globals and tables an exception was stored into) and all
 * of them with the exec, so an exnref is valid only while its exec lives,
 * and one a host keeps from the results of a call only until the next
 * call or resume on that exec.
 *
 * No float types cross this API (the kernel outside src/interp/ is built
 * without FP registers): f32/f64 values travel as their IEEE-754 bits.
 */
#ifndef JERICHO_WASM_H
#define JERICHO_WASM_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* ---- embedder-supplied runtime hooks ---------------------------------- */

/* Return zeroed memory of n bytes, or NULL. */
void *wasm_rt_alloc(size_t n);
/* Resize p (old_n bytes) to new_n bytes; keep the contents, zero any new
 * bytes; return the new block or NULL (p is then left untouched). */
void *wasm_rt_realloc(void *p, size_t old_n, size_t new_n);
/* Free a block from wasm_rt_alloc/realloc (NULL is ignored). */
void wasm_rt_free(void *p);
/* The engine never needs an embedder to hold interrupts off: every
 * object is whole between any two of its steps (memory.grow and
 * table.grow allocate, copy, publish, then free), so an embedder may
 * preempt it anywhere. An embedder must not free engine objects that the
 * code running on an exec uses until that call has returned: the kernel
 * kills a task only at a safe point (wasm_exec_request_abort below). */

/* ---- values and types --------------------------------------------------- */

typedef enum {
    WASM_I32 = 0x7f,
    WASM_I64 = 0x7e,
    WASM_F32 = 0x7d,
    WASM_F64 = 0x7c,
    WASM_V128 = 0x7b,
    WASM_FUNCREF = 0x70,
    WASM_EXTERNREF = 0x6f,
    WASM_EXNREF = 0x69,     /* exception reference (Wasm 3.0 exceptions) */
} wasm_valtype_t;

typedef uint64_t wasm_ref_t; /* 0 = null */

/* One value, or half of a v128: wherever values cross this API (call
 * arguments and results, host function arguments and results) a v128
 * takes two consecutive wasm_val_t, its low 64 bits (bytes 0..7, in
 * raw) first, so the counts there are of wasm_val_t, not of values. */
typedef union {
    uint32_t i32;
    uint64_t i64;
    uint32_t f32; /* IEEE-754 single, as bits */
    uint64_t f64; /* IEEE-754 double, as bits */
    wasm_ref_t ref;
    uint64_t raw;
} wasm_val_t;

typedef struct {
    uint32_t nparams, nresults;
    const uint8_t *params;  /* wasm_valtype_t bytes */
    const uint8_t *results; /* wasm_valtype_t bytes */
} wasm_functype_t;

/* Limits of a table (elements) or memory (64 KiB pages). is64: a table64
 * or memory64 (memory64 feature), whose addresses and indices are i64. */
typedef struct {
    uint64_t min;
    uint64_t max;     /* valid only if has_max */
    bool has_max;
    bool is64;
} wasm_limits_t;

typedef enum {
    WASM_EXTERN_FUNC = 0,
    WASM_EXTERN_TABLE = 1,
    WASM_EXTERN_MEMORY = 2,
    WASM_EXTERN_GLOBAL = 3,
    WASM_EXTERN_TAG = 4,    /* exception tag (Wasm 3.0) */
} wasm_externkind_t;

typedef struct wasm_module wasm_module_t;
typedef struct wasm_instance wasm_instance_t;
typedef struct wasm_func wasm_func_t;
typedef struct wasm_table wasm_table_t;
typedef struct wasm_memory wasm_memory_t;
typedef struct wasm_global wasm_global_t;
typedef struct wasm_exec wasm_exec_t;
typedef struct wasm_tag wasm_tag_t;

typedef struct {
    wasm_externkind_t kind;
    union {
        wasm_func_t *func;
        wasm_table_t *table;
        wasm_memory_t *memory;
        wasm_global_t *global;
        wasm_tag_t *tag;
        void *any;
    } u;
} wasm_extern_t;

/* ---- traps and status ------------------------------------------------- */

typedef enum {
    WASM_TRAP_NONE = 0,
    WASM_TRAP_UNREACHABLE,        /* "unreachable" */
    WASM_TRAP_INT_DIV_ZERO,       /* "integer divide by zero" */
    WASM_TRAP_INT_OVERFLOW,       /* "integer overflow" */
    WASM_TRAP_INVALID_CONVERSION, /* "invalid conversion to integer" */
    WASM_TRAP_MEM_OOB,            /* "out of bounds memory access" */
    WASM_TRAP_TABLE_OOB,          /* "out of bounds table access" */
    WASM_TRAP_INDIRECT_TYPE,      /* "indirect call type mismatch" */
    WASM_TRAP_UNINIT_ELEM,        /* "uninitialized element" */
    WASM_TRAP_UNDEFINED_ELEM,     /* "undefined element" */
    WASM_TRAP_STACK_EXHAUSTED,    /* "call stack exhausted" */
    WASM_TRAP_OUT_OF_MEMORY,      /* host allocation failed */
    WASM_TRAP_HOST,               /* a host function asked to stop (exit, kill) */
    WASM_TRAP_FUEL,               /* step budget used up (fuzzing) */
    WASM_TRAP_ABORTED,            /* the embedder asked to stop (wasm_exec_request_abort) */
    WASM_TRAP_EXCEPTION,          /* "uncaught exception": a wasm exception left the call */
    WASM_TRAP_NULL_EXN,           /* "null exception reference" (throw_ref of null) */
    WASM_TRAP_NULL_REF,           /* "null reference" (ref.as_non_null of null) */
    WASM_TRAP_NULL_FUNC,          /* "null function reference" (call_ref of null) */
    WASM_TRAP_COUNT
} wasm_trap_t;

/* The spec's wording for each trap ("integer divide by zero", ...). */
const char *wasm_trap_message(wasm_trap_t t);

typedef enum {
    WASM_OK = 0,        /* finished, results available */
    WASM_TRAPPED = 1,   /* trapped: see wasm_exec_trap */
    WASM_SUSPENDED = 2, /* yield requested: wasm_exec_resume continues */
} wasm_status_t;

/* ---- modules ------------------------------------------------------------ */

/* Decode and validate a binary module. On failure return NULL and write a
 * message into err (errlen bytes, NUL-terminated), worded like the spec
 * tests' expected text where one exists ("unexpected end", "type mismatch",
 * "unknown function 3", ...). The bytes need not outlive the module. */
wasm_module_t *wasm_module_new(const uint8_t *bytes, size_t len,
                               char *err, size_t errlen);
void wasm_module_free(wasm_module_t *m);

/* Features beyond Wasm 2.0 (and SIMD, of 2.0, which can be turned off):
 * wasm_module_new allows every feature the engine implements;
 * wasm_module_new_features only those in the mask, and rejects a module
 * using another with "feature NAME disabled: ..." (features.c). The
 * feature of const expressions naming defined globals is gc's, as in the
 * spec's history: the 2.0 suite checks they are rejected. */
enum {
    WASM_FEATURE_SIMD = 1u << 0,
    WASM_FEATURE_TAIL_CALL = 1u << 1,
    WASM_FEATURE_EXTENDED_CONST = 1u << 2,
    WASM_FEATURE_MULTI_MEMORY = 1u << 3,
    WASM_FEATURE_MEMORY64 = 1u << 4,
    WASM_FEATURE_EXCEPTIONS = 1u << 5,
    WASM_FEATURE_FUNCTION_REFERENCES = 1u << 6,
    WASM_FEATURE_GC = 1u << 7,
    WASM_FEATURE_RELAXED_SIMD = 1u << 8,
    WASM_FEATURE_COUNT = 9,
};
#define WASM_FEATURES_2_0 ((uint32_t)WASM_FEATURE_SIMD)
#define WASM_FEATURES_ALL ((1u << WASM_FEATURE_COUNT) - 1)
wasm_module_t *wasm_module_new_features(const uint8_t *bytes, size_t len, uint32_t features,
                                        char *err, size_t errlen);
/* Name of feature bit i (0 <= i < WASM_FEATURE_COUNT): "tail-call", ...;
 * and the bit of a name (0 if unknown). */
const char *wasm_feature_name(unsigned i);
uint32_t wasm_feature_by_name(const char *name);
/* The features a task's `features:` words allow (docs/demos.md): none
 * (""): all; "-a -b": all but those; "a b": only those; "none": none.
 * Words are separated by spaces or tabs. False, *mask untouched, for an
 * unknown name or a mix of the forms. */
bool wasm_features_parse(const char *text, uint32_t *mask);

typedef struct {
    const char *module, *name;   /* NUL-terminated, owned by the module */
    wasm_externkind_t kind;
    wasm_functype_t func;        /* WASM_EXTERN_FUNC; WASM_EXTERN_TAG: its
                                    parameters (no results) */
    uint8_t reftype;             /* WASM_EXTERN_TABLE: element type */
    wasm_limits_t limits;        /* TABLE / MEMORY */
    uint8_t valtype;             /* WASM_EXTERN_GLOBAL */
    bool mut;                    /* WASM_EXTERN_GLOBAL */
} wasm_importdesc_t;

uint32_t wasm_module_import_count(const wasm_module_t *m);
void wasm_module_import(const wasm_module_t *m, uint32_t i, wasm_importdesc_t *out);
uint32_t wasm_module_export_count(const wasm_module_t *m);
/* Name and kind of export i (name owned by the module). */
const char *wasm_module_export(const wasm_module_t *m, uint32_t i, wasm_externkind_t *kind);

/* ---- instances ---------------------------------------------------------- */

typedef struct {
    uint32_t max_memory_pages; /* 0 = the spec maximum (65536) */
    uint32_t max_table_elems;  /* 0 = 10,000,000 */
    uint32_t max_call_depth;   /* 0 = default (see wasm_exec_new) */
} wasm_config_t;

/*
 * Instantiate m. imports[i] satisfies import i (in module order); kinds and
 * types are checked here ("incompatible import type"). host_ctx is stored in
 * the instance for host functions (the kernel puts the task there). Runs
 * element/data segment initialisation and the start function on exec (which
 * may be NULL: a temporary one is used). On failure returns NULL, writes a
 * message into err; if the failure was a trap (segment out of bounds, start
 * function trapped) *trap is set, else *trap = WASM_TRAP_NONE.
 */
wasm_instance_t *wasm_instantiate(const wasm_module_t *m,
                                  const wasm_extern_t *imports, uint32_t nimports,
                                  const wasm_config_t *cfg, void *host_ctx,
                                  wasm_exec_t *exec, wasm_trap_t *trap,
                                  char *err, size_t errlen);
/*
 * The same, for embedders that want the instance where they keep it while
 * it is being built (the kernel: a host function the start function calls
 * finds its task's instance). *slot must be NULL on entry. The instance is
 * written to *slot as soon as it is allocated, before anything else is
 * allocated or any module code runs; from then on every block the engine
 * allocates for the instance (index spaces, tables, memories and their
 * contents, element segments) is stored into it as it is allocated, with
 * the sizes that describe it, so wasm_instance_free(*slot) frees exactly
 * what exists. On success *slot is the result; on failure it is NULL
 * again (the instance freed, or handed to the module, see
 * wasm_instantiate). Pass exec (the start function's stack would else be
 * a temporary the caller cannot reach) and compile the module first with
 * wasm_module_compile. An abort requested on exec (a kill) makes it fail
 * with *trap = WASM_TRAP_ABORTED.
 */
wasm_instance_t *wasm_instantiate_slot(wasm_instance_t **slot, const wasm_module_t *m,
                                       const wasm_extern_t *imports, uint32_t nimports,
                                       const wasm_config_t *cfg, void *host_ctx,
                                       wasm_exec_t *exec, wasm_trap_t *trap,
                                       char *err, size_t errlen);
/* Compile m now (instantiation does it on first use and keeps the code
 * with the module). false and a message in err on failure. */
bool wasm_module_compile(wasm_module_t *m, char *err, size_t errlen);
/* Make m's functions compile on their first call instead (faster start-up
 * of large modules, less memory for code never run). Validation already
 * happened in wasm_module_new. A first call that cannot get the memory
 * for its code traps with WASM_TRAP_OUT_OF_MEMORY. wasm_module_compile
 * later compiles what is left. Call before the first instantiation. */
bool wasm_module_compile_lazy(wasm_module_t *m, char *err, size_t errlen);
/* Free an instance, whole or half-built by wasm_instantiate_slot (NULL is
 * ignored). */
void wasm_instance_free(wasm_instance_t *inst);

/* Find an export by name; false if none. */
bool wasm_instance_export(const wasm_instance_t *inst, const char *name, wasm_extern_t *out);
/* The same for a name of len bytes, which may contain NUL bytes (names
 * are any UTF-8, "\0" included). */
bool wasm_instance_export_n(const wasm_instance_t *inst, const char *name, size_t len,
                            wasm_extern_t *out);
void *wasm_instance_host_ctx(const wasm_instance_t *inst);
/* Memory 0 of the instance, or NULL. */
wasm_memory_t *wasm_instance_memory(const wasm_instance_t *inst);

/* ---- functions, tables, memories, globals ------------------------------- */

/*
 * A host function. args holds nparams values; write nresults values into
 * results. results may be the same array as args (a call from wasm code
 * reads the arguments in place on the value stack and takes the results
 * from the same slots): read every argument you need before writing a
 * result. Return WASM_TRAP_NONE to continue, or a trap to stop the caller
 * (WASM_TRAP_HOST for exit/kill). ex is the calling execution context:
 * wasm_exec_caller(ex) is the instance whose code made the call.
 */
typedef wasm_trap_t (*wasm_host_fn_t)(wasm_exec_t *ex, void *env,
                                      const wasm_val_t *args, wasm_val_t *results);

/* The functype is copied. */
wasm_func_t *wasm_func_new_host(const wasm_functype_t *type, wasm_host_fn_t fn, void *env);
/* Declare host function f a leaf: it returns without blocking, yielding
 * or switching tasks, and never grows or replaces a memory. A call of it
 * from wasm code (an imported function called by `call`) then goes
 * straight to it: no reload of memory 0 after it, and no poll on its
 * return (a yield or abort requested meanwhile is taken at the caller's
 * next taken branch or call, and the fuel is not charged for it). Set it
 * before any code can call f. */
void wasm_func_set_leaf(wasm_func_t *f);
void wasm_func_free(wasm_func_t *f); /* host functions only */
const wasm_functype_t *wasm_func_type(const wasm_func_t *f);

wasm_table_t *wasm_table_new(uint8_t reftype, wasm_limits_t limits, wasm_ref_t init);
void wasm_table_free(wasm_table_t *t);
uint32_t wasm_table_size(const wasm_table_t *t);

wasm_memory_t *wasm_memory_new(wasm_limits_t limits);
void wasm_memory_free(wasm_memory_t *mem);
/* Base and size in bytes. The base can move after memory.grow: reload it
 * after any call back into wasm. */
uint8_t *wasm_memory_data(const wasm_memory_t *mem);
uint64_t wasm_memory_size(const wasm_memory_t *mem);

/* A new exception tag with type's parameters (nresults must be 0; the
 * types are copied); NULL on a bad type or out of memory. */
wasm_tag_t *wasm_tag_new(const wasm_functype_t *type);
void wasm_tag_free(wasm_tag_t *t);

wasm_global_t *wasm_global_new(uint8_t valtype, bool mut, wasm_val_t init);
void wasm_global_free(wasm_global_t *g);
wasm_val_t wasm_global_get(const wasm_global_t *g);
/* A v128 global's value: its two halves, low first (any global: out[1]
 * is 0 but for a v128). */
void wasm_global_get2(const wasm_global_t *g, wasm_val_t out[2]);
uint8_t wasm_global_type(const wasm_global_t *g);

/* ---- execution ----------------------------------------------------------- */

/* An execution context: value stack and call stack for one thread of wasm.
 * stack_bytes 0 = 1 MiB; max_depth 0 = 10,000 frames. Deep recursion ends in
 * WASM_TRAP_STACK_EXHAUSTED, never in a host stack overflow. */
wasm_exec_t *wasm_exec_new(size_t stack_bytes, uint32_t max_depth);
void wasm_exec_free(wasm_exec_t *ex);

/* Call f with nargs args (must match its type: one wasm_val_t per
 * value, two per v128). */
wasm_status_t wasm_exec_call(wasm_exec_t *ex, wasm_func_t *f,
                             const wasm_val_t *args, uint32_t nargs);
/* Continue a call that returned WASM_SUSPENDED. */
wasm_status_t wasm_exec_resume(wasm_exec_t *ex);
/* Results of the last call that returned WASM_OK. */
const wasm_val_t *wasm_exec_results(const wasm_exec_t *ex, uint32_t *n);
wasm_trap_t wasm_exec_trap(const wasm_exec_t *ex);
/*
 * Where the last call trapped: its wasm call stack, innermost frame first.
 * Each frame names the function (its index in its module, imports
 * counted) and the instruction: the one that trapped for the innermost
 * frame, the call for the others. Offsets are bytes: `offset` from the
 * start of the module's code section contents (the numbering of wasm
 * DWARF and of llvm-symbolizer), `func_offset` from the start of the
 * function's code entry (its locals). The engine keeps the innermost
 * WASM_BACKTRACE_MAX frames of a trap (a few hundred bytes per exec);
 * the map from compiled code back to wasm offsets is built by the
 * compiler, eager or lazy, and read only here.
 * Writes up to max frames (of those kept) and returns the depth of the
 * stack at the trap (which may be more than it wrote); 0 when the last
 * call did not trap in wasm code (it finished, a host function called
 * directly trapped, a CPU fault abandoned the loop). Valid until the next
 * call or resume on ex.
 */
#define WASM_BACKTRACE_MAX 16
typedef struct {
    const wasm_module_t *module;
    uint32_t func;          /* function index in module */
    uint32_t offset;        /* in the code section */
    uint32_t func_offset;   /* in the function's code entry */
    bool exact;             /* offset names the instruction (false: the
                               function's start, a poll of a kill or fuel) */
} wasm_frame_t;
uint32_t wasm_exec_backtrace(const wasm_exec_t *ex, wasm_frame_t *frames, uint32_t max);
/* The name of function func of m: from the module's name section
 * ("name", subsection 1) when it has one for func, else a name it is
 * exported under; NULL if neither. Not NUL-terminated: *len bytes, owned
 * by the module. A malformed name section gives what it can, never a
 * read outside the module. */
const char *wasm_module_func_name(const wasm_module_t *m, uint32_t func, uint32_t *len);
/* One frame as a line for people, the same in the kernel and jwasm:
 * "at NAME (func 3) +0x2a, code offset 0x1f3" ("from" for callers:
 * innermost false; "func 3" alone without a name; bytes of the name that
 * are not printable ASCII become '?', and a long name is cut). Writes a
 * NUL-terminated line into buf; returns its length. */
size_t wasm_frame_format(const wasm_frame_t *f, bool innermost, char *buf, size_t len);

/* The instance whose code is running (inside a host function: the caller). */
wasm_instance_t *wasm_exec_caller(const wasm_exec_t *ex);

/* Embedder data of the exec (NULL until set): one pointer the host
 * functions read without a call (the kernel keeps the task there, set once
 * when it creates the task's exec). The engine never looks at it. */
void wasm_exec_set_user(wasm_exec_t *ex, void *user);

/* The exec begins with this header (the rest is private), so that host
 * functions read it without a call. The engine keeps mem_base/mem_size
 * equal to the running code's memory 0 (it writes them wherever it
 * reloads memory 0: on entry, after memory.grow, a change of instance
 * and a host call that is not a leaf), so a host function finds its
 * caller's there; embedders only read the header (user through
 * wasm_exec_set_user). */
typedef struct {
    void *user;
    uint8_t *mem_base;      /* inside a host function: the caller's memory 0 */
    uint64_t mem_size;      /* its size in bytes */
} wasm_exec_head_t;

static inline void *wasm_exec_user(const wasm_exec_t *ex)
{
    return ((const wasm_exec_head_t *)(const void *)ex)->user;
}

/* Inside a host function: memory 0 of the caller, its base, and its size
 * in bytes in *size (NULL and 0 when the caller has no memory, or the
 * host function was called directly by wasm_exec_call). Like
 * wasm_memory_data, valid until wasm code runs again. */
static inline uint8_t *wasm_exec_memory(const wasm_exec_t *ex, uint64_t *size)
{
    const wasm_exec_head_t *h = (const wasm_exec_head_t *)(const void *)ex;
    *size = h->mem_size;
    return h->mem_base;
}

/* Optional embedder hook: run loop(ex) (the interpreter loop, once per
 * wasm_exec_call / wasm_exec_resume), storing its status in *st, and
 * return true. An embedder that catches CPU faults in the engine's
 * guest-memory access code (port.h WP_GUEST_TEXT: the loop and its copy
 * helpers) sets a recovery point here and returns false when such a fault
 * abandoned the loop; the call then traps with WASM_TRAP_MEM_OOB. The
 * engine's own (weak) definition just runs the loop: hosted builds check
 * every access in software and catch nothing. */
bool wasm_rt_guard(wasm_status_t (*loop)(wasm_exec_t *ex), wasm_exec_t *ex, wasm_status_t *st);

/* Ask the running code to stop at the next loop back-edge or call and
 * return WASM_SUSPENDED. Safe to call from an interrupt handler. */
void wasm_exec_request_yield(wasm_exec_t *ex);
/* Ask the running code to stop at its next poll point (a taken branch, a
 * call, the return of a host function that is not a leaf) with WASM_TRAP_ABORTED, and every
 * later call or resume on ex to fail the same way at once: how the kernel
 * kills a task at a safe point. Sticky; safe from an interrupt handler. */
void wasm_exec_request_abort(wasm_exec_t *ex);
/* Step budget: after about `fuel` back-edges+calls the call traps with
 * WASM_TRAP_FUEL. 0 = unlimited. */
void wasm_exec_set_fuel(wasm_exec_t *ex, uint64_t fuel);

#endif
