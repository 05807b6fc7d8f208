/*
 * cnode.c - the CNode object: creation and destruction of a fixed-size
 * array of capability slots (the operations on slots are in
 * src/kernel/cspace.c).
 */
#include "kernel/cspace.h"
#include "kernel/quota.h"
#include "klib.h"

kerr_t cnode_create(quota_t *q, uint32_t nslots, cnode_t **out)
{
    if (nslots == 0 || nslots > CNODE_MAX_SLOTS)
        return KERR_INVALID_ARG;
    kerr_t e;
    cnode_t *cn = (cnode_t *)kobj_alloc(OBJ_CNODE, sizeof(cnode_t) + nslots * sizeof(cte_t), q, &e);
    if (!cn)
        return e;
    cn->nslots = nslots;
    *out = cn;
    return KERR_OK;
}

void cnode_destroy(cnode_t *cn)
{
    for (uint32_t i = 0; i < cn->nslots; i++)
        cte_delete(&cn->slots[i]);
}
