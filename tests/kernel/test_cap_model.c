/*
 * test_cap_model.c - random sequences of capability operations (install,
 * copy, mint, move, delete, revoke, across three CNodes, with some slot
 * indices out of range) checked after every step against a simple model:
 * every slot's object, rights, badge and derivation parent, every live
 * object's capability count, and the quota (so objects are destroyed
 * exactly when their last capability goes).
 */
#include <string.h>

#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/quota.h"
#include "ut.h"

#define NCN 3
#define NSL 16
#define NSLOTS (NCN * NSL)
#define MAXOBJ 4096

typedef struct {
    bool full;
    int obj;
    unsigned rights;
    uint64_t badge;
    int parent;     /* model slot id, -1 = root */
} mslot_t;

static mslot_t ms[NSLOTS];
static kobj_t *objs[MAXOBJ];
static int nobj;
static cnode_t *cns[NCN];

static cte_t *real(int id) { return &cns[id / NSL]->slots[id % NSL]; }

static int count_caps(int obj)
{
    int n = 0;
    for (int i = 0; i < NSLOTS; i++)
        n += ms[i].full && ms[i].obj == obj;
    return n;
}

static void model_delete(int id)
{
    for (int i = 0; i < NSLOTS; i++)
        if (ms[i].full && ms[i].parent == id)
            ms[i].parent = ms[id].parent;
    ms[id].full = false;
}

static bool descends(int id, int anc)
{
    for (int p = ms[id].parent; p >= 0; p = ms[p].parent)
        if (p == anc)
            return true;
    return false;
}

/* A slot index as a task would give it: mostly valid, sometimes not. */
static uint32_t pick_idx(void)
{
    return ut_rand() % 20 == 0 ? NSL + ut_rand() % 5 : ut_rand() % NSL;
}

static kerr_t expect_src(int cn, uint32_t idx)
{
    if (idx >= NSL)
        return KERR_INVALID_SLOT;
    if (!ms[cn * NSL + (int)idx].full)
        return KERR_EMPTY_SLOT;
    return KERR_OK;
}

static kerr_t expect_dst(int cn, uint32_t idx)
{
    if (idx >= NSL)
        return KERR_INVALID_SLOT;
    if (ms[cn * NSL + (int)idx].full)
        return KERR_SLOT_OCCUPIED;
    return KERR_OK;
}

static bool check_all(quota_t *q, uint64_t base, int step)
{
    bool ok = true;
    uint64_t live = 0;
    for (int i = 0; i < NSLOTS; i++) {
        cte_t *c = real(i);
        if (cap_is_null(c->cap) == ms[i].full) {
            ok = false;
            continue;
        }
        if (!ms[i].full)
            continue;
        if (cap_obj(c->cap) != objs[ms[i].obj] || cap_rights(c->cap) != ms[i].rights ||
            cap_badge(c->cap) != ms[i].badge || cap_type(c->cap) != OBJ_ENDPOINT)
            ok = false;
        if (c->parent != (ms[i].parent < 0 ? NULL : real(ms[i].parent)))
            ok = false;
        size_t desc = 0;
        for (int j = 0; j < NSLOTS; j++)
            desc += ms[j].full && descends(j, i);
        if (cte_descendants(c) != desc)
            ok = false;
    }
    for (int o = 0; o < nobj; o++) {
        int n = count_caps(o);
        if (n) {
            live++;
            if ((int)objs[o]->ncaps != n)
                ok = false;
        }
    }
    if (q->used != base + live * sizeof(endpoint_t))
        ok = false;
    if (!ok) {
        char m[64];
        snprintf(m, sizeof m, "model mismatch after step %d", step);
        ut_fail(__FILE__, __LINE__, m);
    }
    return ok;
}

static void run(uint32_t seed, int steps)
{
    ut_srand(seed);
    quota_t *q;
    UT_CHECK_EQ(quota_create(NULL, 64u << 20, &q), KERR_OK);
    kobj_ref(&q->obj);
    for (int k = 0; k < NCN; k++)
        UT_CHECK_EQ(cnode_create(NULL, NSL, &cns[k]), KERR_OK);
    uint64_t base = q->used;
    memset(ms, 0, sizeof ms);
    nobj = 0;

    for (int step = 0; step < steps; step++) {
        int scn = (int)(ut_rand() % NCN), dcn = (int)(ut_rand() % NCN);
        uint32_t s = pick_idx(), d = pick_idx();
        int sid = scn * NSL + (int)s, did = dcn * NSL + (int)d;
        unsigned op = ut_rand() % 10;
        kerr_t want, got;
        if (op == 0 && nobj < MAXOBJ) {                     /* install a new object */
            unsigned rights = ut_rand() % 8;
            want = expect_dst(dcn, d);
            endpoint_t *ep;
            UT_CHECK_EQ(endpoint_create(q, &ep), KERR_OK);
            got = cap_install(cns[dcn], d, &ep->obj, rights, 0);
            if (got == KERR_OK) {
                objs[nobj] = &ep->obj;
                ms[did] = (mslot_t){true, nobj++, rights, 0, -1};
            } else {
                kobj_ref(&ep->obj);
                kobj_unref(&ep->obj);                       /* unused: freed */
            }
        } else if (op <= 4) {                               /* copy / mint */
            unsigned mask = ut_rand() % 16;
            uint64_t badge = ut_rand() % 3 == 0 ? 1 + ut_rand() % 1000 : 0;
            want = expect_src(scn, s);
            if (!want)
                want = expect_dst(dcn, d);
            if (!want && badge && ms[sid].badge)
                want = KERR_BADGED;
            got = badge ? cap_mint(cns[scn], s, cns[dcn], d, mask, badge)
                        : cap_copy(cns[scn], s, cns[dcn], d, mask);
            if (want == KERR_OK)
                ms[did] = (mslot_t){true, ms[sid].obj, ms[sid].rights & mask,
                                    badge ? badge : ms[sid].badge, sid};
        } else if (op == 5) {                               /* move */
            want = expect_src(scn, s);
            if (!want)
                want = expect_dst(dcn, d);
            got = cap_move(cns[scn], s, cns[dcn], d);
            if (want == KERR_OK) {
                ms[did] = ms[sid];
                ms[sid].full = false;
                for (int i = 0; i < NSLOTS; i++)
                    if (ms[i].full && ms[i].parent == sid)
                        ms[i].parent = did;
            }
        } else if (op <= 8) {                               /* delete */
            want = expect_src(scn, s);
            got = cap_delete(cns[scn], s);
            if (want == KERR_OK)
                model_delete(sid);
        } else {                                            /* revoke */
            want = expect_src(scn, s);
            got = cap_revoke(cns[scn], s);
            if (want == KERR_OK) {
                /* delete leaves first so parents stay meaningful */
                for (bool again = true; again;) {
                    again = false;
                    for (int i = 0; i < NSLOTS; i++)
                        if (ms[i].full && descends(i, sid)) {
                            bool leaf = true;
                            for (int j = 0; j < NSLOTS; j++)
                                if (ms[j].full && ms[j].parent == i)
                                    leaf = false;
                            if (leaf) {
                                model_delete(i);
                                again = true;
                            }
                        }
                }
            }
        }
        if (got != want) {
            char m[96];
            snprintf(m, sizeof m, "step %d op %u: got %s, model says %s", step, op,
                     kerr_name(got), kerr_name(want));
            ut_fail(__FILE__, __LINE__, m);
            return;
        }
        if (!check_all(q, base, step))
            return;
    }
    /* deleting every CNode capability-free: delete all, everything goes */
    for (int i = 0; i < NSLOTS; i++)
        if (ms[i].full) {
            UT_CHECK_EQ(cte_descendants(real(i)) <= NSLOTS, 1);
            cte_delete(real(i));
            model_delete(i);
        }
    UT_CHECK_EQ(q->used, base);
}

UT(cap_model_random_seed1) { run(1, 5000); }
UT(cap_model_random_seed2) { run(0xdecafbad, 5000); }
UT(cap_model_random_seed3) { run(31337, 5000); }
