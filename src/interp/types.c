/*
 * types.c - Wasm 3.0 types (types.h): reading value and heap types, the
 * type section (recursion groups, sub / sub final), canonical type indices
 * (iso-recursive equivalence inside a module), validator codes, and
 * subtyping, inside a module and across modules.
 */
#include "interp/types.h"
#include "interp/decode_sec.h"

void wtype_init(wasm_module_t *m)
{
    static const uint8_t num[] = { WASM_I32, WASM_I64, WASM_F32, WASM_F64, WASM_V128 };
    for (unsigned i = 0; i < sizeof num; i++)
        m->vtab[num[i]] = num[i];
    for (unsigned b = WHT_EXN; b <= WHT_NOEXN; b++)
        m->vtab[b] = WFT_REF | WFT_NULL | b;
}

/* The abstract heap types GC brings (func, extern and exn are older). */
static const char *abstract_off(const wasm_module_t *m, uint8_t b)
{
    if (b == WHT_FUNC || b == WHT_EXTERN || b == WHT_EXN)
        return NULL;
    return wmod_feature_off(m, WASM_FEATURE_GC);
}

/* A heap type (s33): an abstract one's byte, or a type index below lim. */
static bool read_heap(const wasm_module_t *m, wrd_t *r, uint32_t lim, bool null, wft_t *ft)
{
    int64_t h = wrd_s33(r);
    if (!wrd_ok(r))
        return false;
    if (h >= 0) {
        if ((uint64_t)h >= lim)
            return wrd_fail(r, "unknown type");
        *ft = WFT_MAKE_IDX(null, h);
        return true;
    }
    uint8_t b = (uint8_t)(h + 0x80);
    if (h < -64 || b < WHT_EXN || b > WHT_NOEXN)
        return wrd_fail(r, "malformed heap type");
    const char *off = abstract_off(m, b);
    if (off)
        return wrd_fail(r, off);
    *ft = WFT_REF | (null ? WFT_NULL : 0) | b;
    return true;
}

/* A value type; type indices below lim. */
static bool read_full(const wasm_module_t *m, wrd_t *r, uint32_t lim, wft_t *ft)
{
    uint8_t b = wrd_u8(r);
    if (!wrd_ok(r))
        return false;
    if (b >= WASM_V128 && b <= WASM_I32) {
        *ft = b;
        return true;
    }
    if (b >= WHT_EXN && b <= WHT_NOEXN) {
        if (abstract_off(m, b))
            return wrd_fail(r, "malformed value type");
        *ft = WFT_REF | WFT_NULL | b;
        return true;
    }
    if (b == 0x63 || b == 0x64) {
        const char *off = wmod_feature_off(m, WASM_FEATURE_FUNCTION_REFERENCES);
        if (off)
            return wrd_fail(r, off);
        return read_heap(m, r, lim, b == 0x63, ft);
    }
    return wrd_fail(r, "malformed value type");
}

static wft_t canon_ft(const wasm_module_t *m, wft_t ft)
{
    if (!(ft & WFT_IDX))
        return ft;
    return (ft & 0x7ffu) | m->types[WFT_INDEX(ft)].canon << 11;
}

/* The validator code of a full type (its index made canonical). */
static uint8_t intern(wasm_module_t *m, wft_t ft, const char **err)
{
    ft = canon_ft(m, ft);
    if (!(ft & WFT_REF) || ((ft & WFT_NULL) && !(ft & WFT_IDX)))
        return (uint8_t)ft;
    for (unsigned c = 1; c < 256; c++)
        if (m->vtab[c] == ft)
            return (uint8_t)c;
    for (unsigned c = 1; c < 256; c++)
        if (!m->vtab[c] && c != 0x40) {
            m->vtab[c] = ft;
            return (uint8_t)c;
        }
    *err = "too many reference types (implementation limit)";
    return 0;
}

/* The runtime byte: the nullable top of the hierarchy. */
static uint8_t rt_byte(const wasm_module_t *m, wft_t ft)
{
    if (!(ft & WFT_REF))
        return (uint8_t)ft;
    if (ft & WFT_IDX)
        return m->types[WFT_INDEX(ft)].kind == WCT_FUNC ? WASM_FUNCREF : WHT_ANY;
    switch (ft & 0xff) {
    case WHT_FUNC: case WHT_NOFUNC: return WASM_FUNCREF;
    case WHT_EXTERN: case WHT_NOEXTERN: return WASM_EXTERNREF;
    case WHT_EXN: case WHT_NOEXN: return WASM_EXNREF;
    default: return WHT_ANY;
    }
}

bool wtype_read_vt(wasm_module_t *m, wrd_t *r, uint8_t *rt, uint8_t *vt)
{
    wft_t ft;
    const char *err = NULL;
    if (!read_full(m, r, m->ntypes, &ft))
        return false;
    *rt = rt_byte(m, ft);
    *vt = intern(m, ft, &err);
    return err ? wrd_fail(r, err) : true;
}

bool wtype_read_heap(wasm_module_t *m, wrd_t *r, uint8_t *rt, uint8_t *vt)
{
    wft_t ft;
    const char *err = NULL;
    if (!read_heap(m, r, m->ntypes, true, &ft))
        return false;
    *rt = rt_byte(m, ft);
    *vt = intern(m, ft, &err);
    return err ? wrd_fail(r, err) : true;
}

/* ---- subtyping (codes of one module) ---- */

static uint32_t super_canon(const wasm_module_t *m, uint32_t x)
{
    uint32_t s = m->types[x].super;
    return s == WTYPE_NO_SUPER ? s : m->types[s].canon;
}

/* Abstract heap types a <: b. */
static bool abstract_sub(uint8_t a, uint8_t b)
{
    if (a == b)
        return true;
    switch (a) {
    case WHT_NONE: return b == WHT_ANY || b == WHT_EQ || b == WHT_I31 || b == WHT_STRUCT ||
                          b == WHT_ARRAY;
    case WHT_I31: case WHT_STRUCT: case WHT_ARRAY: return b == WHT_EQ || b == WHT_ANY;
    case WHT_EQ: return b == WHT_ANY;
    case WHT_NOFUNC: return b == WHT_FUNC;
    case WHT_NOEXTERN: return b == WHT_EXTERN;
    case WHT_NOEXN: return b == WHT_EXN;
    default: return false;
    }
}

/* Heap types of canonical full types a <: b. */
static bool heap_sub(const wasm_module_t *m, wft_t a, wft_t b)
{
    bool ia = a & WFT_IDX, ib = b & WFT_IDX;
    if (ia && ib) {
        uint32_t want = WFT_INDEX(b);
        for (uint32_t x = WFT_INDEX(a); x != WTYPE_NO_SUPER; x = super_canon(m, x))
            if (x == want)
                return true;
        return false;
    }
    if (ia) {
        uint8_t k = m->types[WFT_INDEX(a)].kind, hb = b & 0xff;
        if (k == WCT_FUNC)
            return hb == WHT_FUNC;
        return hb == WHT_ANY || hb == WHT_EQ || hb == (k == WCT_STRUCT ? WHT_STRUCT : WHT_ARRAY);
    }
    if (ib) {
        uint8_t k = m->types[WFT_INDEX(b)].kind, ha = a & 0xff;
        return ha == (k == WCT_FUNC ? WHT_NOFUNC : WHT_NONE);
    }
    return abstract_sub(a & 0xff, b & 0xff);
}

bool wvt_sub(const wasm_module_t *m, uint8_t vt, uint8_t want)
{
    if (vt == want || vt == 0 || want == 0)
        return true;
    wft_t a = m->vtab[vt], b = m->vtab[want];
    if (!(a & WFT_REF) || !(b & WFT_REF))
        return false;
    if ((a & WFT_NULL) && !(b & WFT_NULL))
        return false;
    return heap_sub(m, a, b);
}

bool wvt_sub_n(const wasm_module_t *m, uint32_t n, const uint8_t *a, const uint8_t *b)
{
    for (uint32_t i = 0; i < n; i++)
        if (!wvt_sub(m, a[i], b[i]))
            return false;
    return true;
}

uint8_t wvt_nonnull(wasm_module_t *m, uint8_t vt, const char **err)
{
    return intern(m, m->vtab[vt] & ~WFT_NULL, err);
}

uint8_t wvt_of_type(wasm_module_t *m, uint32_t typeidx, bool null, const char **err)
{
    return intern(m, WFT_MAKE_IDX(null, typeidx), err);
}

uint8_t wvt_abstract(wasm_module_t *m, uint8_t ht, bool null, const char **err)
{
    return intern(m, WFT_REF | (null ? WFT_NULL : 0) | ht, err);
}

int64_t wvt_typeidx(const wasm_module_t *m, uint8_t vt)
{
    wft_t t = m->vtab[vt];
    return (t & WFT_IDX) ? (int64_t)WFT_INDEX(t) : -1;
}

bool wvt_is_funcref(const wasm_module_t *m, uint8_t vt)
{
    wft_t t = m->vtab[vt];
    if (!(t & WFT_REF))
        return false;
    if (t & WFT_IDX)
        return m->types[WFT_INDEX(t)].kind == WCT_FUNC;
    return (t & 0xff) == WHT_FUNC || (t & 0xff) == WHT_NOFUNC;
}

bool wvt_defaultable(const wasm_module_t *m, uint8_t vt)
{
    wft_t t = m->vtab[vt];
    return !(t & WFT_REF) || (t & WFT_NULL);
}

/* ---- the type section ---- */

/* A full type with its index made group-relative (low byte 1) when it is
 * in the group [g, g+n), else canonical: equal exactly for equivalent
 * types of two groups of one module. */
static uint32_t norm(const wasm_module_t *m, wft_t ft, uint32_t g, uint32_t n)
{
    if (!(ft & WFT_IDX))
        return ft;
    uint32_t x = WFT_INDEX(ft);
    if (x >= g && x < g + n)
        return (ft & 0x7ffu) | 1u | (x - g) << 11;
    return (ft & 0x7ffu) | m->types[x].canon << 11;
}

static uint32_t norm_super(const wasm_module_t *m, uint32_t s, uint32_t g, uint32_t n)
{
    if (s == WTYPE_NO_SUPER)
        return s;
    if (s >= g && s < g + n)
        return 0x80000000u | (s - g);
    return m->types[s].canon;
}

static uint32_t group_hash(const wasm_module_t *m, uint32_t g, uint32_t n)
{
    uint32_t h = 2166136261u ^ n;
    for (uint32_t k = 0; k < n; k++) {
        const wmod_type_t *t = &m->types[g + k];
        h = (h ^ t->kind ^ (uint32_t)t->final << 8 ^ t->nparams << 9) * 16777619u;
        h = (h ^ norm_super(m, t->super, g, n)) * 16777619u;
        for (uint32_t i = 0; i < t->nparams + t->nresults; i++)
            h = (h ^ norm(m, t->ft[i], g, n)) * 16777619u;
    }
    return h;
}

static bool group_eq(const wasm_module_t *m, uint32_t a, uint32_t b, uint32_t n)
{
    if (m->types[b].nrec != n)
        return false;
    for (uint32_t k = 0; k < n; k++) {
        const wmod_type_t *s = &m->types[a + k], *t = &m->types[b + k];
        if (s->kind != t->kind || s->final != t->final || s->nparams != t->nparams ||
            s->nresults != t->nresults ||
            norm_super(m, s->super, a, n) != norm_super(m, t->super, b, n))
            return false;
        for (uint32_t i = 0; i < s->nparams + s->nresults; i++)
            if (norm(m, s->ft[i], a, n) != norm(m, t->ft[i], b, n))
                return false;
    }
    return true;
}

/* Groups seen so far, by hash (open addressing; first type + 1, 0 free). */
typedef struct {
    uint32_t *slot;
    uint32_t cap, n;
} gtab_t;

/* The canonical first type of a group equivalent to [g, g+n), or g. */
static bool canon_group(wasm_module_t *m, gtab_t *gt, uint32_t g, uint32_t n, wrd_t *r)
{
    if (2 * (gt->n + 1) > gt->cap) {
        uint32_t cap = gt->cap ? 2 * gt->cap : 64;
        uint32_t *s = wasm_rt_alloc((size_t)cap * sizeof *s);
        if (!s)
            return wrd_fail(r, "out of memory");
        memset(s, 0, (size_t)cap * sizeof *s);
        for (uint32_t i = 0; i < gt->cap; i++) {
            uint32_t e = gt->slot[i];
            if (!e)
                continue;
            uint32_t j = group_hash(m, e - 1, m->types[e - 1].nrec) & (cap - 1);
            while (s[j])
                j = (j + 1) & (cap - 1);
            s[j] = e;
        }
        wasm_rt_free(gt->slot);
        gt->slot = s;
        gt->cap = cap;
    }
    uint32_t j = group_hash(m, g, n) & (gt->cap - 1), found = g;
    for (; gt->slot[j]; j = (j + 1) & (gt->cap - 1))
        if (group_eq(m, gt->slot[j] - 1, g, n)) {
            found = gt->slot[j] - 1;
            break;
        }
    if (found == g) {
        gt->slot[j] = g + 1;
        gt->n++;
    }
    for (uint32_t k = 0; k < n; k++)
        m->types[g + k].canon = found + k;
    return true;
}

/* Codes and runtime bytes of a group's types, then their declared
 * supertypes checked (function subtyping: contravariant parameters,
 * covariant results). */
static bool finish_group(wasm_module_t *m, uint32_t g, uint32_t n, wrd_t *r)
{
    const char *err = NULL;
    for (uint32_t k = 0; k < n; k++) {
        wmod_type_t *t = &m->types[g + k];
        uint32_t nt = t->nparams + t->nresults;
        bool same = true;
        for (uint32_t i = 0; i < nt; i++) {
            t->types[i] = rt_byte(m, t->ft[i]);
            uint8_t c = intern(m, t->ft[i], &err);
            if (err)
                return wrd_fail(r, err);
            same &= c == t->types[i];
        }
        t->simple = same && t->final && t->super == WTYPE_NO_SUPER && n == 1;
        if (same) {
            t->vt = t->types;
            continue;
        }
        if (!(t->vt = wasm_rt_alloc(nt)))
            return wrd_fail(r, "out of memory");
        for (uint32_t i = 0; i < nt; i++)
            t->vt[i] = intern(m, t->ft[i], &err);
    }
    for (uint32_t k = 0; k < n; k++) {
        const wmod_type_t *t = &m->types[g + k];
        if (t->super == WTYPE_NO_SUPER)
            continue;
        const wmod_type_t *s = &m->types[t->super];
        if (s->final || s->kind != t->kind || s->nparams != t->nparams ||
            s->nresults != t->nresults || !wvt_sub_n(m, s->nparams, s->vt, t->vt) ||
            !wvt_sub_n(m, t->nresults, t->vt + t->nparams, s->vt + s->nparams))
            return wrd_fail(r, "sub type");
    }
    return true;
}

/* One subtype (its first byte, form, read) as type self of a group that
 * ends at lim. */
static bool read_sub(wasm_module_t *m, wrd_t *r, uint8_t form, uint32_t self, uint32_t lim)
{
    wmod_type_t *t = &m->types[self];
    t->super = WTYPE_NO_SUPER;
    t->final = true;
    if (form == 0x50 || form == 0x4f) {
        const char *off = wmod_feature_off(m, WASM_FEATURE_GC);
        if (off)
            return wrd_fail(r, off);
        t->final = form == 0x4f;
        uint32_t ns = wrd_count(r);
        if (wrd_ok(r) && ns > 1)
            return wrd_fail(r, "multiple supertypes");
        if (ns)
            t->super = wrd_u32(r);
        if (wrd_ok(r) && ns && t->super >= self)
            return wrd_fail(r, "unknown type");
        form = wrd_u8(r);
        if (!wrd_ok(r))
            return false;
    }
    if (form == WCT_STRUCT || form == WCT_ARRAY) {
        const char *off = wmod_feature_off(m, WASM_FEATURE_GC);
        return wrd_fail(r, off ? off : "struct and array types not implemented yet");
    }
    if (form != WCT_FUNC)   /* -0x20 as a one-byte s7; a longer form is malformed */
        return wrd_fail(r, form & 0x80 ? "integer representation too long"
                                       : "malformed function type");
    t->kind = WCT_FUNC;
    uint32_t np = wrd_count(r);
    if (!wrd_ok(r) || !(t->ft = wasm_rt_alloc(((size_t)np + 1) * sizeof *t->ft)))
        return wrd_ok(r) ? wrd_fail(r, "out of memory") : false;
    for (uint32_t i = 0; i < np; i++)
        if (!read_full(m, r, lim, &t->ft[i]))
            return false;
    t->nparams = np;
    uint32_t nr = wrd_count(r);
    if (!wrd_ok(r))
        return false;
    uint32_t *p = wasm_rt_realloc(t->ft, ((size_t)np + 1) * sizeof *p, ((size_t)np + nr + 1) * sizeof *p);
    if (!p)
        return wrd_fail(r, "out of memory");
    t->ft = p;
    for (uint32_t i = 0; i < nr; i++)
        if (!read_full(m, r, lim, &t->ft[np + i]))
            return false;
    t->nresults = nr;
    /* never NULL, even for [] -> []: users compute types + nparams */
    if (!(t->types = wasm_rt_alloc((size_t)np + nr + 1)))
        return wrd_fail(r, "out of memory");
    return true;
}

bool wtype_sec(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_count(r);
    gtab_t gt = { 0 };
    uint32_t cap = 0;
    bool ok = wrd_ok(r);
    for (uint32_t i = 0; i < n && ok; i++) {
        uint8_t form = wrd_u8(r);
        uint32_t gn = 1;
        if (wrd_ok(r) && form == 0x4e) {
            const char *off = wmod_feature_off(m, WASM_FEATURE_GC);
            if (off) {
                ok = wrd_fail(r, off);
                break;
            }
            gn = wrd_count(r);
            form = gn ? wrd_u8(r) : 0;
        }
        if (!(ok = wrd_ok(r)))
            break;
        uint32_t g = m->ntypes;
        if (gn > WMOD_MAX_TYPES - g) {
            ok = wrd_fail(r, "too many types (implementation limit)");
            break;
        }
        if (g + gn > cap) {
            uint32_t nc = cap ? cap : 8;
            while (nc < g + gn)
                nc *= 2;
            if (!wdec_grow((void **)&m->types, cap, nc, sizeof *m->types)) {
                ok = wrd_fail(r, "out of memory");
                break;
            }
            cap = nc;
        }
        for (uint32_t k = 0; k < gn && ok; k++) {
            memset(&m->types[g + k], 0, sizeof m->types[g + k]);
            m->types[g + k].rec = g;
            m->types[g + k].nrec = gn;
            m->ntypes = g + k + 1;
            if (k)
                form = wrd_u8(r);
            ok = wrd_ok(r) && read_sub(m, r, form, g + k, g + gn);
        }
        ok = ok && canon_group(m, &gt, g, gn, r) && finish_group(m, g, gn, r);
    }
    wasm_rt_free(gt.slot);
    return ok && wrd_ok(r);
}

/* ---- across modules ---- */

/* A pending proof that type a (module A) is equivalent to type b (B). */
typedef struct {
    uint32_t a, b;
} xpair_t;

typedef struct {
    const wasm_module_t *ma, *mb;
    uint32_t *memo;     /* per canonical type of A: canonical b + 1 proven */
    xpair_t *work;
    uint32_t nwork, capwork;
    bool oom;
} xeq_t;

static bool x_push(xeq_t *x, uint32_t a, uint32_t b)
{
    if (x->nwork == x->capwork) {
        uint32_t cap = x->capwork ? 2 * x->capwork : 16;
        xpair_t *p = wasm_rt_realloc(x->work, x->capwork * sizeof *p, cap * sizeof *p);
        if (!p) {
            x->oom = true;
            return false;
        }
        x->work = p;
        x->capwork = cap;
    }
    x->work[x->nwork++] = (xpair_t){ a, b };
    return true;
}

/* Full types fa (in A's group ga, size n) and fb (B's group gb) alike;
 * references out of the groups become proof obligations. */
static bool x_ft(xeq_t *x, wft_t fa, uint32_t ga, wft_t fb, uint32_t gb, uint32_t n)
{
    if ((fa & 0x7ffu) != (fb & 0x7ffu))
        return false;
    if (!(fa & WFT_IDX))
        return true;
    uint32_t a = WFT_INDEX(fa), b = WFT_INDEX(fb);
    bool ina = a >= ga && a < ga + n, inb = b >= gb && b < gb + n;
    if (ina || inb)
        return ina && inb && a - ga == b - gb;
    return x_push(x, a, b);
}

/* Groups of a and b alike, position included. */
static bool x_group(xeq_t *x, uint32_t a, uint32_t b)
{
    const wasm_module_t *ma = x->ma, *mb = x->mb;
    uint32_t ga = ma->types[a].rec, gb = mb->types[b].rec, n = ma->types[a].nrec;
    if (n != mb->types[b].nrec || a - ga != b - gb)
        return false;
    for (uint32_t k = 0; k < n; k++) {
        const wmod_type_t *s = &ma->types[ga + k], *t = &mb->types[gb + k];
        if (s->kind != t->kind || s->final != t->final || s->nparams != t->nparams ||
            s->nresults != t->nresults ||
            (s->super == WTYPE_NO_SUPER) != (t->super == WTYPE_NO_SUPER))
            return false;
        if (s->super != WTYPE_NO_SUPER &&
            !x_ft(x, WFT_MAKE_IDX(0, s->super), ga, WFT_MAKE_IDX(0, t->super), gb, n))
            return false;
        for (uint32_t i = 0; i < s->nparams + s->nresults; i++)
            if (!x_ft(x, s->ft[i], ga, t->ft[i], gb, n))
                return false;
    }
    return true;
}

/* Are a (A) and b (B) equivalent? Every obligation is met once: a
 * canonical type of A proven equal to a canonical type of B is never
 * equal to another (B's canonical types are distinct). */
static bool x_equiv(xeq_t *x, uint32_t a, uint32_t b)
{
    x->nwork = 0;
    if (!x_push(x, a, b))
        return false;
    while (x->nwork) {
        xpair_t p = x->work[--x->nwork];
        uint32_t ca = x->ma->types[p.a].canon, cb = x->mb->types[p.b].canon;
        if (x->memo[ca] == cb + 1)
            continue;
        if (x->memo[ca])
            return false;
        /* the whole group is proven alike at once */
        uint32_t ga = x->ma->types[ca].rec, gb = x->mb->types[cb].rec;
        for (uint32_t k = 0; k < x->ma->types[ca].nrec && k < x->mb->types[cb].nrec; k++)
            x->memo[x->ma->types[ga + k].canon] = x->mb->types[gb + k].canon + 1;
        if (!x_group(x, ca, cb))
            return false;
    }
    return true;
}

static bool bytes_eq(const wasm_functype_t *fa, const wmod_type_t *tb)
{
    return fa->nparams == tb->nparams && fa->nresults == tb->nresults &&
           (!fa->nparams || memcmp(fa->params, tb->types, fa->nparams) == 0) &&
           (!fa->nresults || memcmp(fa->results, tb->types + tb->nparams, fa->nresults) == 0);
}

bool wtype_match(const wasm_module_t *ma, uint32_t a, const wasm_functype_t *fa,
                 const wasm_module_t *mb, uint32_t b)
{
    const wmod_type_t *tb = &mb->types[b];
    /* a simple type is a subtype only of itself (its only supertype would
     * be final), and equivalence keeps simplicity */
    if (!ma || tb->simple)
        return tb->simple && (!ma || ma->types[a].simple) && bytes_eq(fa, tb);
    if (ma == mb) {
        for (uint32_t s = ma->types[a].canon; s != WTYPE_NO_SUPER; s = super_canon(ma, s))
            if (s == tb->canon)
                return true;
        return false;
    }
    xeq_t x = { ma, mb, NULL, NULL, 0, 0, false };
    if (!(x.memo = wasm_rt_alloc((size_t)ma->ntypes * sizeof *x.memo)))
        return false;
    bool ok = false;
    for (uint32_t s = a; s != WTYPE_NO_SUPER && !ok && !x.oom; s = ma->types[s].super) {
        memset(x.memo, 0, (size_t)ma->ntypes * sizeof *x.memo);
        ok = x_equiv(&x, s, b);
    }
    wasm_rt_free(x.memo);
    wasm_rt_free(x.work);
    return ok;
}

bool wvt_match(const wasm_module_t *ma, uint8_t a, const wasm_module_t *mb, uint8_t b)
{
    if (ma == mb)
        return wvt_sub(mb, a, b);
    /* the fixed codes mean the same in every module */
    wft_t fa = (ma ? ma : mb)->vtab[a], fb = (mb ? mb : ma)->vtab[b];
    if (!ma && (fa & WFT_IDX))
        return false;
    if (!(fa & WFT_REF) || !(fb & WFT_REF))
        return fa == fb && fa;
    if ((fa & WFT_NULL) && !(fb & WFT_NULL))
        return false;
    bool ia = fa & WFT_IDX, ib = fb & WFT_IDX;
    if (ia && ib) {
        const wmod_type_t *t = &ma->types[WFT_INDEX(fa)];
        wasm_functype_t ft = { t->nparams, t->nresults, t->types, t->types + t->nparams };
        return wtype_match(ma, WFT_INDEX(fa), &ft, mb, WFT_INDEX(fb));
    }
    if (ia)
        return heap_sub(ma, fa, fb & ~WFT_NULL);    /* b abstract: read in a's module */
    if (ib)
        return heap_sub(mb, fa, fb);                /* a abstract: read in b's module */
    return abstract_sub(fa & 0xff, fb & 0xff);
}
