/*
 * decode_tag.c - the tag section (id 13, Wasm 3.0 exception handling) and
 * the tag type that tag imports share: attribute 0 (an exception) and the
 * index of a function type giving the tag's parameters. Checked later
 * (validate_module.c): the type exists and has no results.
 */
#include "interp/decode.h"
#include "interp/decode_sec.h"

bool wdec_tagtype(wrd_t *r, wmod_tag_t *t)
{
    uint8_t attr = wrd_u8(r);
    if (wrd_ok(r) && attr != 0)
        return wrd_fail(r, "malformed tag attribute");
    t->type = wrd_u32(r);
    return wrd_ok(r);
}

bool wdec_sec_tag(wasm_module_t *m, wrd_t *r)
{
    uint32_t n = wrd_count(r);
    if (!wrd_ok(r))
        return false;
    /* the import section reserved one slot per import (decode.c) */
    if (n && !wdec_grow((void **)&m->tags, m->tags ? m->nimports : 0, m->ntags + n,
                        sizeof *m->tags))
        return wrd_fail(r, "out of memory");
    for (uint32_t i = 0; i < n && wrd_ok(r); i++) {
        if (!wdec_tagtype(r, &m->tags[m->ntags]))
            return false;
        m->tags[m->ntags++].imported = false;
    }
    return wrd_ok(r);
}
