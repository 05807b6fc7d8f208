/*
 * cnode.h - the CNode object: a fixed-size array of capability slots. A
 * task's CSpace is one root CNode; tasks name capabilities by slot index.
 */
#ifndef JERICHO_KERNEL_CNODE_H
#define JERICHO_KERNEL_CNODE_H

#include "kernel/cap.h"

#define CNODE_MAX_SLOTS 4096u

typedef struct cnode {
    kobj_t obj;
    uint32_t nslots;
    uint32_t pad;
    cte_t slots[];
} cnode_t;

struct quota;
/* A CNode of nslots (1..CNODE_MAX_SLOTS) empty slots, charged to q. */
kerr_t cnode_create(struct quota *q, uint32_t nslots, cnode_t **out);
/* Delete every capability in the CNode (its last capability went). */
void cnode_destroy(cnode_t *cn);

#endif
