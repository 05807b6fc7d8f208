/*
 * gen.c - the module around the generated bodies (see gen.h): types,
 * functions, a table, memory, globals, exports, elements, data count,
 * code and two data segments (active and passive).
 */
#include "gen.h"

static const uint8_t valtypes[4] = { 0x7f, 0x7e, 0x7d, 0x7c };

static void gen_sigs(fz_src_t *s, fzg_module_t *m)
{
    m->nfuncs = 1 + fz_src_below(s, FZG_MAX_FUNCS);
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        fzg_sig_t *g = &m->sig[i];
        g->np = i == 0 ? 0 : (uint8_t)fz_src_below(s, FZG_MAX_PARAMS + 1);
        g->nr = (uint8_t)fz_src_below(s, FZG_MAX_RESULTS + 1);
        for (uint32_t k = 0; k < g->np; k++)
            g->params[k] = valtypes[fz_src_below(s, 4)];
        for (uint32_t k = 0; k < g->nr; k++)
            g->results[k] = valtypes[fz_src_below(s, 4)];
    }
}

static void export_name(fz_buf_t *b, const char *name, uint8_t kind, uint32_t idx)
{
    uint32_t n = 0;
    while (name[n])
        n++;
    fz_buf_u32(b, n);
    fz_buf_bytes(b, name, n);
    fz_buf_byte(b, kind);
    fz_buf_u32(b, idx);
}

void fz_gen_module(fz_src_t *s, fz_buf_t *out, fzg_module_t *m)
{
    static const uint8_t header[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
    fz_buf_t sec = { 0 };
    gen_sigs(s, m);
    fz_buf_bytes(out, header, sizeof header);

    /* types: one per function */
    fz_buf_u32(&sec, m->nfuncs);
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        fz_buf_byte(&sec, 0x60);
        fz_buf_u32(&sec, m->sig[i].np);
        fz_buf_bytes(&sec, m->sig[i].params, m->sig[i].np);
        fz_buf_u32(&sec, m->sig[i].nr);
        fz_buf_bytes(&sec, m->sig[i].results, m->sig[i].nr);
    }
    fz_buf_section(out, 1, &sec);
    sec.n = 0;

    fz_buf_u32(&sec, m->nfuncs);
    for (uint32_t i = 0; i < m->nfuncs; i++)
        fz_buf_u32(&sec, i);
    fz_buf_section(out, 3, &sec);
    sec.n = 0;

    /* table 0: funcref, min nfuncs + 1 (the last slot null), max nfuncs + 5 */
    fz_buf_u32(&sec, 1);
    fz_buf_byte(&sec, 0x70);
    fz_buf_byte(&sec, 1);
    fz_buf_u32(&sec, m->nfuncs + 1);
    fz_buf_u32(&sec, m->nfuncs + 5);
    fz_buf_section(out, 4, &sec);
    sec.n = 0;

    /* memory 1 page, max 2 */
    fz_buf_bytes(&sec, "\x01\x01\x01\x02", 4);
    fz_buf_section(out, 5, &sec);
    sec.n = 0;

    /* globals: mutable i32, i64, f32, f64 with random initial values */
    fz_buf_u32(&sec, FZG_NGLOBALS);
    for (uint32_t i = 0; i < FZG_NGLOBALS; i++) {
        fz_buf_byte(&sec, valtypes[i]);
        fz_buf_byte(&sec, 1);
        switch (i) {
        case 0: fz_buf_byte(&sec, 0x41); fz_buf_s32(&sec, (int32_t)fz_src_u32(s)); break;
        case 1: fz_buf_byte(&sec, 0x42); fz_buf_s64(&sec, (int64_t)fz_src_u64(s)); break;
        case 2: fz_buf_byte(&sec, 0x43); fz_buf_le32(&sec, fz_src_u32(s)); break;
        case 3: fz_buf_byte(&sec, 0x44); fz_buf_le64(&sec, fz_src_u64(s)); break;
        }
        fz_buf_byte(&sec, 0x0b);
    }
    fz_buf_section(out, 6, &sec);
    sec.n = 0;

    static const char *gnames[FZG_NGLOBALS] = { "g0", "g1", "g2", "g3" };
    fz_buf_u32(&sec, 2 + FZG_NGLOBALS);
    export_name(&sec, "run", 0, 0);
    export_name(&sec, "mem", 2, 0);
    for (uint32_t i = 0; i < FZG_NGLOBALS; i++)
        export_name(&sec, gnames[i], 3, i);
    fz_buf_section(out, 7, &sec);
    sec.n = 0;

    /* elements: slot i = function i (which also declares them for ref.func) */
    fz_buf_u32(&sec, 1);
    fz_buf_byte(&sec, 0);              /* active, table 0, funcidx vector */
    fz_buf_byte(&sec, 0x41);
    fz_buf_s32(&sec, 0);
    fz_buf_byte(&sec, 0x0b);
    fz_buf_u32(&sec, m->nfuncs);
    for (uint32_t i = 0; i < m->nfuncs; i++)
        fz_buf_u32(&sec, i);
    fz_buf_section(out, 9, &sec);
    sec.n = 0;

    /* data count: memory.init and data.drop need it */
    fz_buf_u32(&sec, 2);
    fz_buf_section(out, 12, &sec);
    sec.n = 0;

    /* Data bytes are drawn before the bodies so that a body's length does
     * not shift them. */
    uint8_t data[32];
    uint32_t doff = fz_src_below(s, 65536 - sizeof data);
    for (uint32_t i = 0; i < sizeof data; i++)
        data[i] = fz_src_u8(s);

    fz_buf_u32(&sec, m->nfuncs);
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        fz_buf_t body = { 0 };
        fz_gen_body(s, m, i, &body);
        fz_buf_u32(&sec, (uint32_t)body.n);
        fz_buf_bytes(&sec, body.p, body.n);
        fz_buf_free(&body);
    }
    fz_buf_section(out, 10, &sec);
    sec.n = 0;

    fz_buf_u32(&sec, 2);
    fz_buf_byte(&sec, 0);              /* segment 0: active, memory 0 */
    fz_buf_byte(&sec, 0x41);
    fz_buf_s32(&sec, (int32_t)doff);
    fz_buf_byte(&sec, 0x0b);
    fz_buf_u32(&sec, sizeof data);
    fz_buf_bytes(&sec, data, sizeof data);
    fz_buf_byte(&sec, 1);              /* segment 1: passive, for memory.init */
    fz_buf_u32(&sec, 16);
    fz_buf_bytes(&sec, data + 8, 16);
    fz_buf_section(out, 11, &sec);
    fz_buf_free(&sec);
}
