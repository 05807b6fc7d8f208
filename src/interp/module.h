/*
 * module.h - the decoded, validated form of a wasm module (internal).
 *
 * Written by the decoder (decode.c) and checked by the validator
 * (validate.c); read by the compiler and instantiation (compile.c,
 * instance.c). Everything a module needs lives in one arena-like set of
 * allocations owned by the module; `bytes` is a private copy of the binary,
 * and every code/expression pointer below points into it.
 *
 * Index spaces follow the spec: imported functions/tables/memories/globals
 * come first, in import order, then the module's own definitions.
 */
#ifndef JERICHO_INTERP_MODULE_H
#define JERICHO_INTERP_MODULE_H

#include "wasm.h"

/* A constant expression (global init, segment offset, element init):
 * validated bytes ending with the 0x0b `end`, evaluated at instantiation. */
typedef struct {
    const uint8_t *code;
    uint32_t len;         /* including the final end */
} wmod_expr_t;

/* Values a constant expression may have pushed at once (extended-const's
 * add/sub/mul pop them): validate_const.c rejects more, instance_init.c's
 * evaluator holds this many. */
#define WMOD_CONST_DEPTH 8

/* Maximum pages (64 KiB) in a memory64 memory type (spec: 2^48). */
#define WMOD_MAX_PAGES64 (1ull << 48)

/* A defined type (types.h describes the three forms of its value types).
 * Only function types so far; GC adds struct and array (kind). */
typedef struct {
    uint32_t nparams, nresults;
    uint8_t *types;       /* params then results, runtime bytes; never NULL */
    uint8_t *vt;          /* the same as validator codes (== types when equal) */
    uint32_t *ft;         /* the same as full types (wft_t), as decoded */
    uint32_t super;       /* declared supertype, or WTYPE_NO_SUPER */
    uint32_t canon;       /* the first type of the module equivalent to it */
    uint32_t rec, nrec;   /* its recursion group: first type, size */
    uint8_t kind;         /* WCT_FUNC */
    bool final;
    bool simple;          /* runtime bytes describe it fully (types.h) */
} wmod_type_t;

typedef struct {
    char *module, *name;
    wasm_externkind_t kind;
    uint32_t index;       /* FUNC: type index; TABLE/MEMORY/GLOBAL/TAG: index
                             in that space (imports are first) */
} wmod_import_t;

typedef struct {
    uint32_t type;        /* type index */
    bool imported;
    /* defined functions only: */
    uint32_t nlocals;     /* declared locals, params excluded */
    uint32_t entry;       /* module offset of its code entry (the locals,
                             after the entry's size) */
    uint8_t *local_types; /* nlocals runtime valtype bytes */
    uint8_t *local_vt;    /* nlocals validator codes (== local_types when equal) */
    const uint8_t *body;  /* first instruction (after the locals) */
    uint32_t body_len;    /* up to and including the final end */
    uint32_t max_stack;   /* validator: max operand stack height (values) */
    uint32_t max_blocks;  /* validator: max control stack depth */
} wmod_func_t;

typedef struct {
    uint8_t reftype;      /* runtime byte: WASM_FUNCREF, WASM_EXTERNREF... */
    uint8_t vt;           /* validator code of its element type */
    wasm_limits_t limits;
    bool imported;
    bool has_init;        /* defined tables: an initialiser expression */
    wmod_expr_t init;
} wmod_table_t;

typedef struct {
    wasm_limits_t limits; /* in 64 KiB pages */
    bool imported;
} wmod_memory_t;

typedef struct {
    uint8_t valtype;      /* runtime byte */
    uint8_t vt;           /* validator code */
    bool mut;
    bool imported;
    wmod_expr_t init;     /* defined globals only */
} wmod_global_t;

typedef struct {
    uint32_t type;        /* type index: the tag's parameters, no results */
    bool imported;
} wmod_tag_t;

typedef struct {
    char *name;           /* NUL-terminated copy; may itself contain NULs */
    wasm_externkind_t kind;
    uint32_t index;
    uint32_t name_len;    /* bytes in name, excluding the final NUL */
} wmod_export_t;

typedef enum { WMOD_SEG_ACTIVE, WMOD_SEG_PASSIVE, WMOD_SEG_DECLARATIVE } wmod_segmode_t;

typedef struct {
    wmod_segmode_t mode;
    uint8_t reftype;      /* runtime byte */
    uint8_t vt;           /* validator code */
    uint32_t table;       /* active only */
    wmod_expr_t offset;   /* active only */
    uint32_t count;
    /* Exactly one of these is set: function indices (the legacy forms
     * 0..3) or constant expressions (forms 4..7). */
    uint32_t *funcs;
    wmod_expr_t *exprs;
} wmod_elem_t;

typedef struct {
    wmod_segmode_t mode;  /* ACTIVE or PASSIVE */
    uint32_t memory;      /* active only */
    wmod_expr_t offset;   /* active only */
    const uint8_t *data;
    uint32_t len;
} wmod_data_t;

struct wasm_module {
    uint8_t *bytes;       /* private copy of the binary */
    size_t len;
    uint32_t features;    /* WASM_FEATURE_* the module may use */

    uint32_t ntypes;      wmod_type_t *types;
    /* Validator codes of value types: code -> canonical full type (wft_t),
     * 0 for a free code (types.h). */
    uint32_t vtab[256];
    uint32_t nimports;    wmod_import_t *imports;
    uint32_t nfuncs;      wmod_func_t *funcs;     /* imports first */
    uint32_t ntables;     wmod_table_t *tables;
    uint32_t nmems;       wmod_memory_t *mems;
    uint32_t nglobals;    wmod_global_t *globals;
    uint32_t ntags;       wmod_tag_t *tags;       /* imports first */
    uint32_t nexports;    wmod_export_t *exports;
    uint32_t nelems;      wmod_elem_t *elems;
    uint32_t ndatas;      wmod_data_t *datas;

    uint32_t nimport_funcs, nimport_tables, nimport_mems, nimport_globals;
    uint32_t nimport_tags;
    bool has_start;       uint32_t start;
    bool has_datacount;   uint32_t datacount;
    uint32_t code_sec;    /* module offset of the code section's contents */
    /* The custom section "name" (its contents after the section's name),
     * read only to name functions in a backtrace (backtrace.c); len 0 if
     * there is none. Not validated: readers check every byte. */
    uint32_t names_off, names_len;

    /* Functions that may be named by ref.func in code: those referenced
     * from element segments, exports or global initialisers (spec "C.refs").
     * declared[i] != 0 for function i. */
    uint8_t *declared;

    /* Opaque per-module data of the compiler (compiled code), freed by
     * wasm_module_free through wcomp_free. NULL until first instantiation. */
    void *compiled;
};

/* Decoder and validator entry points (decode.c, validate.c). Each returns
 * true on success, else false with a message in err. */
bool wmod_decode(wasm_module_t *m, char *err, size_t errlen);
/* Every function body, in order; the first error stops. */
bool wmod_validate_funcs(const wasm_module_t *m, char *err, size_t errlen);

/* Free the compiler's per-module data (compile.c). */
void wcomp_free(void *compiled);

/* Frame slots of n values of these types: 8 bytes each, a v128 two. */
static inline uint32_t wmod_slots(uint32_t n, const uint8_t *types)
{
    uint32_t s = n;
    for (uint32_t i = 0; i < n; i++)
        s += types[i] == WASM_V128;
    return s;
}

/* The address type of memory x or table x (memory64, table64): WASM_I64
 * or WASM_I32, the type of its addresses, indices and sizes. */
static inline uint8_t wmod_mem_at(const wasm_module_t *m, uint32_t x)
{
    return m->mems[x].limits.is64 ? WASM_I64 : WASM_I32;
}
static inline uint8_t wmod_table_at(const wasm_module_t *m, uint32_t x)
{
    return m->tables[x].limits.is64 ? WASM_I64 : WASM_I32;
}

/* Type of function i (imports included). */
static inline const wmod_type_t *wmod_functype(const wasm_module_t *m, uint32_t i)
{
    return &m->types[m->funcs[i].type];
}

#endif
