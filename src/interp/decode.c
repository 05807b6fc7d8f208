/*
 * decode.c - the wasm binary format (spec chapter 5) into struct
 * wasm_module: header, section framing and order, and the sections that
 * declare things (type, import, function, table, memory, global, export,
 * start, datacount). Segments and code are in decode_segs.c.
 *
 * Structure only: indices are stored as read and checked later by
 * validate_module.c. Every vector is allocated only after its length has
 * been checked against the bytes left (wrd_count), so what the decoder
 * allocates is bounded by a small multiple of the input size.
 */
#include "interp/decode.h"
#include "interp/decode_sec.h"
#include "interp/types.h"

/* Grow *arr from old_n to new_n elements of size sz (zeroing the tail). */
bool wdec_grow(void **arr, uint32_t old_n, uint32_t new_n, size_t sz)
{
    if (new_n == old_n)
        return true;
    void *p = *arr ? wasm_rt_realloc(*arr, (size_t)old_n * sz, (size_t)new_n * sz)
                   : wasm_rt_alloc((size_t)new_n * sz);
    if (!p)
        return false;
    *arr = p;
    return true;
}

bool wdec_name(wrd_t *r, char **out, uint32_t *len)
{
    uint32_t n = wrd_len(r);
    const uint8_t *s = wrd_bytes(r, n);
    if (!wrd_ok(r))
        return false;
    if (!wmod_utf8_valid(s, n))
        return wrd_fail(r, "malformed UTF-8 encoding");
    char *c = wasm_rt_alloc((size_t)n + 1);
    if (!c)
        return wrd_fail(r, "out of memory");
    memcpy(c, s, n);
    c[n] = 0;
    *out = c;
    if (len)
        *len = n;
    return true;
}

/* A value type: its runtime byte and validator code (types.h). */
bool wdec_valtype(wasm_module_t *m, wrd_t *r, uint8_t *rt, uint8_t *vt)
{
    return wtype_read_vt(m, r, rt, vt);
}

/* A reference type (tables, element segments). */
bool wdec_reftype(wasm_module_t *m, wrd_t *r, uint8_t *rt, uint8_t *vt)
{
    if (!wtype_read_vt(m, r, rt, vt))
        return false;
    if (!wvt_is_ref(m, *vt))
        return wrd_fail(r, "malformed reference type");
    return true;
}

/* Limits: a flags byte, min, max if flagged. Wasm 2.0: the flag is a
 * 1-bit LEB128 integer (0: min only, 1: min and max). With memory64 bit 2
 * marks a 64-bit address type (table64, memory64) whose bounds are u64;
 * bit 1 (shared, threads) is not supported, like every other bit. */
static void read_limits(const wasm_module_t *m, wrd_t *r, wasm_limits_t *l)
{
    uint8_t flag = wrd_u8(r);
    if (!wrd_ok(r))
        return;
    if (!(m->features & WASM_FEATURE_MEMORY64) && flag > 1) {
        wrd_fail(r, flag == 4 || flag == 5 ? wmod_feature_off(m, WASM_FEATURE_MEMORY64)
                  : flag & 0x80 ? "integer representation too long" : "integer too large");
        return;
    }
    if (flag & ~5u) {
        wrd_fail(r, "malformed limits flags");
        return;
    }
    l->is64 = flag & 4;
    l->has_max = flag & 1;
    l->min = l->is64 ? wrd_u64(r) : wrd_u32(r);
    l->max = !l->has_max ? 0 : l->is64 ? wrd_u64(r) : wrd_u32(r);
}

/* A constant expression: instructions up to the matching end. */
bool wdec_expr(wrd_t *r, wmod_expr_t *e)
{
    const uint8_t *start = r->p;
    uint32_t depth = 0;
    while (wrd_ok(r)) {
        uint8_t op = wrd_u8(r);
        if (!wrd_ok(r))
            break;
        if (op == 0x0b) {
            if (depth == 0) {
                e->code = start;
                e->len = (uint32_t)(r->p - start);
                return true;
            }
            depth--;
            continue;
        }
        if (op == 0x02 || op == 0x03 || op == 0x04)
            depth++;
        uint32_t sub;
        wmod_skip_immediates(r, op, &sub);
    }
    return false;
}

static bool sec_import(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r) || n == 0)
        return wrd_ok(r);
    if (!(m->imports = wasm_rt_alloc((size_t)n * sizeof *m->imports)) ||
        !(m->funcs = wasm_rt_alloc((size_t)n * sizeof *m->funcs)) ||
        !(m->tables = wasm_rt_alloc((size_t)n * sizeof *m->tables)) ||
        !(m->mems = wasm_rt_alloc((size_t)n * sizeof *m->mems)) ||
        !(m->globals = wasm_rt_alloc((size_t)n * sizeof *m->globals)) ||
        !(m->tags = wasm_rt_alloc((size_t)n * sizeof *m->tags)))
        return wrd_fail(r, "out of memory");
    for (uint32_t i = 0; i < n && wrd_ok(r); i++) {
        wmod_import_t *im = &m->imports[i];
        m->nimports = i + 1;
        if (!wdec_name(r, &im->module, NULL) || !wdec_name(r, &im->name, NULL))
            return false;
        uint8_t kind = wrd_u8(r);
        if (!wrd_ok(r))
            return false;
        switch (kind) {
        case WASM_EXTERN_FUNC:
            im->index = wrd_u32(r);
            m->funcs[m->nfuncs].type = im->index;
            m->funcs[m->nfuncs++].imported = true;
            break;
        case WASM_EXTERN_TABLE:
            im->index = m->ntables;
            if (!wdec_reftype(m, r, &m->tables[m->ntables].reftype, &m->tables[m->ntables].vt))
                return false;
            read_limits(m, r, &m->tables[m->ntables].limits);
            m->tables[m->ntables].has_init = false;
            m->tables[m->ntables++].imported = true;
            break;
        case WASM_EXTERN_MEMORY:
            im->index = m->nmems;
            read_limits(m, r, &m->mems[m->nmems].limits);
            m->mems[m->nmems++].imported = true;
            break;
        case WASM_EXTERN_GLOBAL: {
            im->index = m->nglobals;
            wmod_global_t *g = &m->globals[m->nglobals++];
            if (!wdec_valtype(m, r, &g->valtype, &g->vt))
                return false;
            uint8_t mut = wrd_u8(r);
            if (wrd_ok(r) && mut > 1)
                return wrd_fail(r, "malformed mutability");
            g->mut = mut == 1;
            g->imported = true;
            break;
        }
        case WASM_EXTERN_TAG:
            im->index = m->ntags;
            if (!wdec_tagtype(r, &m->tags[m->ntags]))
                return false;
            m->tags[m->ntags++].imported = true;
            break;
        default:
            return wrd_fail(r, "malformed import kind");
        }
        im->kind = (wasm_externkind_t)kind;
    }
    m->nimport_funcs = m->nfuncs;
    m->nimport_tables = m->ntables;
    m->nimport_mems = m->nmems;
    m->nimport_globals = m->nglobals;
    m->nimport_tags = m->ntags;
    return wrd_ok(r);
}

/* The import section reserved one slot per import in each space; resize a
 * space to its imports plus n definitions. */
static bool space(wrd_t *r, void **arr, uint32_t nimports_total, uint32_t *count, uint32_t n, size_t sz)
{
    uint32_t old_cap = *arr ? nimports_total : 0;
    if (*count + n == 0)
        return true;
    if (!wdec_grow(arr, old_cap, *count + n, sz))
        return wrd_fail(r, "out of memory");
    return true;
}

static bool sec_function(wasm_module_t *m, wrd_t *r, uint32_t *ndefined)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r) || !space(r, (void **)&m->funcs, m->nimports, &m->nfuncs, n, sizeof *m->funcs))
        return false;
    for (uint32_t i = 0; i < n && wrd_ok(r); i++)
        m->funcs[m->nfuncs++].type = wrd_u32(r);
    *ndefined = n;
    return wrd_ok(r);
}

static bool sec_table(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r) || !space(r, (void **)&m->tables, m->nimports, &m->ntables, n, sizeof *m->tables))
        return false;
    for (uint32_t i = 0; i < n && wrd_ok(r); i++) {
        wmod_table_t *t = &m->tables[m->ntables++];
        /* 0x40 0x00: a table type with an initialiser (typed references) */
        bool init = r->p < r->end && *r->p == 0x40;
        t->has_init = false;
        if (init && wmod_feature_off(m, WASM_FEATURE_FUNCTION_REFERENCES))
            return wrd_fail(r, wmod_feature_off(m, WASM_FEATURE_FUNCTION_REFERENCES));
        if (init) {
            wrd_u8(r);
            if (wrd_u8(r) != 0x00 && wrd_ok(r))
                return wrd_fail(r, "malformed table type");
        }
        if (!wdec_reftype(m, r, &t->reftype, &t->vt))
            return false;
        read_limits(m, r, &t->limits);
        if (init && wrd_ok(r))
            t->has_init = wdec_expr(r, &t->init);
    }
    return wrd_ok(r);
}

static bool sec_memory(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r) || !space(r, (void **)&m->mems, m->nimports, &m->nmems, n, sizeof *m->mems))
        return false;
    for (uint32_t i = 0; i < n && wrd_ok(r); i++)
        read_limits(m, r, &m->mems[m->nmems++].limits);
    return wrd_ok(r);
}

static bool sec_global(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r) || !space(r, (void **)&m->globals, m->nimports, &m->nglobals, n, sizeof *m->globals))
        return false;
    for (uint32_t i = 0; i < n && wrd_ok(r); i++) {
        wmod_global_t *g = &m->globals[m->nglobals++];
        if (!wdec_valtype(m, r, &g->valtype, &g->vt))
            return false;
        uint8_t mut = wrd_u8(r);
        if (wrd_ok(r) && mut > 1)
            return wrd_fail(r, "malformed mutability");
        g->mut = mut == 1;
        wdec_expr(r, &g->init);
    }
    return wrd_ok(r);
}

static bool sec_export(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r) || n == 0)
        return wrd_ok(r);
    if (!(m->exports = wasm_rt_alloc((size_t)n * sizeof *m->exports)))
        return wrd_fail(r, "out of memory");
    for (uint32_t i = 0; i < n && wrd_ok(r); i++) {
        wmod_export_t *e = &m->exports[i];
        m->nexports = i + 1;
        if (!wdec_name(r, &e->name, &e->name_len))
            return false;
        uint8_t kind = wrd_u8(r);
        if (wrd_ok(r) && kind > WASM_EXTERN_TAG)
            return wrd_fail(r, "malformed export kind");
        e->kind = (wasm_externkind_t)kind;
        e->index = wrd_u32(r);
    }
    return wrd_ok(r);
}

static bool sec_custom(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_len(r);
    const uint8_t *s = wrd_bytes(r, n);
    if (!wrd_ok(r))
        return false;
    if (!wmod_utf8_valid(s, n))
        return wrd_fail(r, "malformed UTF-8 encoding");
    if (n == 4 && memcmp(s, "name", 4) == 0 && !m->names_len) {
        /* kept (where it is) for backtraces; not validated */
        m->names_off = (uint32_t)(r->p - m->bytes);
        m->names_len = (uint32_t)wrd_left(r);
    }
    r->p = r->end;    /* other contents are not used */
    return true;
}

/* Position of each known section id in the required order (0 = custom):
 * the tag section (13) comes between memory and global. */
static const uint8_t k_order[14] = {
    [1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [13] = 6, [6] = 7, [7] = 8,
    [8] = 9, [9] = 10, [12] = 11, [10] = 12, [11] = 13,
};

static bool decode_section(wasm_module_t *m, uint8_t id, wrd_t *r, uint32_t *ndefined,
                           bool *have_code)
{
    switch (id) {
    case 0: return sec_custom(m, r);
    case 1: return wtype_sec(m, r);
    case 2: return sec_import(m, r);
    case 3: return sec_function(m, r, ndefined);
    case 4: return sec_table(m, r);
    case 5: return sec_memory(m, r);
    case 6: return sec_global(m, r);
    case 7: return sec_export(m, r);
    case 8:
        m->start = wrd_u32(r);
        m->has_start = wrd_ok(r);
        return wrd_ok(r);
    case 9: return wdec_sec_elem(m, r);
    case 10:
        *have_code = true;
        m->code_sec = (uint32_t)(r->p - m->bytes);
        return wdec_sec_code(m, r, *ndefined);
    case 11: return wdec_sec_data(m, r);
    case 12:
        m->datacount = wrd_u32(r);
        m->has_datacount = wrd_ok(r);
        return wrd_ok(r);
    case 13: return wdec_sec_tag(m, r);
    }
    return wrd_fail(r, "malformed section id");
}

bool wmod_decode(wasm_module_t *m, char *err, size_t errlen)
{
    const uint8_t *b = m->bytes;
    if (m->len < 4)
        return wmod_err(err, errlen, "unexpected end", false, 0);
    if (memcmp(b, "\0asm", 4) != 0)
        return wmod_err(err, errlen, "magic header not detected", false, 0);
    if (m->len < 8)
        return wmod_err(err, errlen, "unexpected end", false, 0);
    if (memcmp(b + 4, "\1\0\0\0", 4) != 0)
        return wmod_err(err, errlen, "unknown binary version", false, 0);

    wtype_init(m);
    wrd_t top;
    wrd_init(&top, b + 8, b + m->len, WRD_EOF);
    uint32_t last = 0, ndefined = 0;
    bool have_code = false;
    while (wrd_left(&top) && wrd_ok(&top)) {
        uint8_t id = wrd_u8(&top);
        if (id > 13)
            return wmod_err(err, errlen, "malformed section id", false, 0);
        uint32_t size = wrd_len(&top);
        if (!wrd_ok(&top))
            break;
        if (id != 0) {
            if (k_order[id] <= last)
                return wmod_err(err, errlen, "unexpected content after last section", false, 0);
            last = k_order[id];
        }
        wrd_t sr;
        wrd_init(&sr, top.p, top.p + size, WRD_EOS);
        top.p += size;
        if (!decode_section(m, id, &sr, &ndefined, &have_code))
            return wmod_err(err, errlen, sr.err ? sr.err : "malformed section", false, 0);
        if (sr.p != sr.end)
            return wmod_err(err, errlen, "section size mismatch", false, 0);
    }
    if (!wrd_ok(&top))
        return wmod_err(err, errlen, top.err, false, 0);
    if (ndefined && !have_code)
        return wmod_err(err, errlen, "function and code section have inconsistent lengths", false, 0);
    if (m->has_datacount && m->datacount != m->ndatas)
        return wmod_err(err, errlen, "data count and data section have inconsistent lengths", false, 0);
    return true;
}
