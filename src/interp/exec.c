/*
 * exec.c - the executor: runs threaded code (code.h) on an exec context.
 *
 * One loop runs every wasm function: a wasm->wasm call pushes a frame on
 * the exec's own call stack and continues in the same loop, so deep
 * recursion ends in "call stack exhausted", never in a host stack
 * overflow. Handlers are written only with the dispatch macros below:
 * computed goto by default, a portable switch with -DWASM_DISPATCH_SWITCH.
 *
 * Registers of the loop: pc (current instruction), fp (frame slot 0),
 * inst (current instance), membase/memsize (memory 0, reloaded after
 * calls, returns and memory.grow; the exec's inst and header memory view
 * follow every reload), fuel_left and depth. The rest is saved to the
 * exec only when the loop leaves (finish, trap, suspend) and, pc and
 * depth, before a host call.
 *
 * Taken branches and calls poll: one decrement of fuel_left and one load
 * of the yield flag. They poll after making progress (at the branch
 * target, at the callee's first instruction, after a host call returns
 * unless the host function is a leaf: wasm_func_set_leaf),
 * so a suspension saves the pc to resume at and a resume always runs at
 * least one instruction, however often yields are requested.
 */
#include "interp/rtobj.h"
#include "interp/code.h"
#include "interp/types.h"
#include "interp/exec_num.h"

#ifdef WASM_DISPATCH_SWITCH
#define DISPATCH() goto dispatch
#define CASE(x) case XO_##x:
#define FALLTHROUGH __attribute__((fallthrough))
#elif defined(WASM_PROFILE)
#error "WASM_PROFILE needs WASM_DISPATCH_SWITCH"
#else
#define DISPATCH() goto *pc->h  // NOLINT(bugprone-macro-parentheses): a statement, not an expression
#define CASE(x) L_##x:
#define FALLTHROUGH
static const int32_t *wexec_label_offs;   /* wexec_run's handlers: offsets */
static const void *const *wexec_label_base; /* from this address */
#endif

#define R(i) fp[pc[i].sl]
#define IMM(i) pc[i].u64
#define NEXT(n) do { pc += (n); DISPATCH(); } while (0)
#define TRAP(t) do { trap = (t); goto trapped; } while (0)
/* ...and the exec keeps the same view for host functions (the header's,
 * wasm.h) and the instance (wasm_exec_caller): every change of instance
 * reloads, so a call of a leaf host function stores neither. */
#define RELOAD_MEM() do { \
        wasm_memory_t *m0_ = inst->mem0; \
        membase = m0_ ? m0_->data : NULL; \
        memsize = m0_ ? m0_->size : 0; \
        ex->head.mem_base = membase; \
        ex->head.mem_size = memsize; \
        ex->inst = inst; \
    } while (0)
/* Poll at pc (the place to resume): fuel and the yield flag. */
#define POLL() do { \
        if (WP_UNLIKELY(--fuel_left < 0) | WP_UNLIKELY(ex->yield_req != 0)) \
            goto poll; \
    } while (0)
#define JUMP(t) do { pc = (t); POLL(); DISPATCH(); } while (0)
#define COPY_SLOTS(dst, src, n) do { \
        uint64_t *d_ = (dst), *s_ = (src); \
        for (size_t i_ = 0, n_ = (n); i_ < n_; i_++) \
            d_[i_] = s_[i_]; \
    } while (0)

/* Does the module's type ti equal function f's type? */
static inline bool type_matches(const wasm_module_t *m, uint64_t ti, const wasm_func_t *f)
{
    const wmod_type_t *t = &m->types[ti];
    if (f->type.params == t->types)
        return true; /* same module type entry */
    /* a declared subtype, or an equivalent type (types.c) */
    return wtype_match(f->inst ? f->inst->module : NULL, f->typeidx, &f->type, m, (uint32_t)ti);
}

WP_GUEST_TEXT wasm_status_t wexec_run(wasm_exec_t *ex)
{
#ifndef WASM_DISPATCH_SWITCH
    /* handler addresses as offsets from one label (GCC and clang take
     * label differences as constants): half the size of a pointer table */
#define LOFF(l) (int32_t)((const char *)&&l - (const char *)&&L_UNREACHABLE)
    static const void *const base[1] = { &&L_UNREACHABLE };
    static const int32_t labels[XO_COUNT] = {
#define X(n) [XO_##n] = LOFF(L_##n),
        WCODE_CONTROL(X)
#undef X
#define WC_UN(n, ti, to) [XO_##n] = LOFF(L_##n),
#define WC_BIN(n, ti, to) [XO_##n##_RR] = LOFF(L_##n##_RR), [XO_##n##_RI] = LOFF(L_##n##_RI), \
        [XO_##n##_RM] = LOFF(L_##n##_RM), WC_CAT(LBL_BRIF_, to)(n)
#define LBL_BRIF_I32(n) [XO_BRIF_##n##_RR] = LOFF(L_BRIF_##n##_RR), \
        [XO_BRIF_##n##_RI] = LOFF(L_BRIF_##n##_RI), [XO_BRIFNOT_##n##_RR] = LOFF(L_BRIFNOT_##n##_RR), \
        [XO_BRIFNOT_##n##_RI] = LOFF(L_BRIFNOT_##n##_RI),
#define LBL_BRIF_I64(n)
#define LBL_BRIF_F32(n)
#define LBL_BRIF_F64(n)
#define WC_LOAD(n, t) [XO_##n] = LOFF(L_##n), [XO_##n##_A] = LOFF(L_##n##_A), [XO_##n##_X] = LOFF(L_##n##_X),
#define WC_STORE(n, t) [XO_##n] = LOFF(L_##n), [XO_##n##_A] = LOFF(L_##n##_A), \
        [XO_##n##_I] = LOFF(L_##n##_I), [XO_##n##_AI] = LOFF(L_##n##_AI),
#define OP(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#define OPFC(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#include "interp/opcodes.def"
#undef OP
#undef OPFC
#undef WC_UN
#undef WC_BIN
#undef WC_LOAD
#undef WC_STORE
#define X(n, ti, to) [XO_##n##_IR] = LOFF(L_##n##_IR),
        WCODE_IR(X)
#undef X
#define X(o, i) [XO_I32_##o##_##i##I] = LOFF(L_I32_##o##_##i##I),
        WCODE_FUSE_RI(X)
#undef X
#define X(i, o) [XO_I32_##i##_THEN_##o##I] = LOFF(L_I32_##i##_THEN_##o##I),
        WCODE_FUSE_RR_RI(X)
#undef X
#define X(n, m) [XO_BRIF_ADDI_I32_##n##_RR] = LOFF(L_BRIF_ADDI_I32_##n##_RR), \
        [XO_BRIF_ADDI_I32_##n##_RI] = LOFF(L_BRIF_ADDI_I32_##n##_RI),
        WCODE_ADDI_BR(X)
#undef X
#define X(n) [XO_##n] = LOFF(L_##n),
        WCODE_V128(X)
#undef X
#define WV_EACH(n) [XO_##n] = LOFF(L_##n),
#define OPFD(s, n, t, imm, sig) WV_CAT(WV_HAS_, imm)(n)
#include "interp/opcodes_simd.def"
#undef OPFD
#undef WV_EACH
    };
#undef LOFF
    if (!ex) {
        wexec_label_offs = labels;
        wexec_label_base = base;
        return WASM_OK;
    }
#endif
    const wcell_t *pc = ex->pc;
    uint64_t *fp = ex->fp;
    wasm_instance_t *inst = ex->inst;
    uint32_t depth = ex->depth;
    int64_t fuel_left = ex->fuel_left;
    uint8_t *membase;
    uint64_t memsize;
    wasm_trap_t trap;
    wasm_func_t *callee;
    uint64_t *nfp;
    const wcell_t *ret;
    wexn_t *exn;
    RELOAD_MEM();

#ifdef WASM_PROFILE
    uintptr_t prof_prev = XO_UNREACHABLE;
#endif
#ifdef WASM_DISPATCH_SWITCH
dispatch:
#ifdef WASM_PROFILE
    wexec_prof_count[pc->op]++;
    wexec_prof_pair[prof_prev][pc->op]++;
    prof_prev = pc->op;
#endif
    switch ((wcode_op_t)pc->op) {
#else
    DISPATCH();
    {
#endif
    CASE(UNREACHABLE)
        TRAP(WASM_TRAP_UNREACHABLE);
    CASE(JMP)
        pc = pc[1].target;
        DISPATCH();
    CASE(JMP_LOOP)
        JUMP(pc[1].target);
    CASE(BR_COPY)
        COPY_SLOTS(fp + pc[3].sl, fp + pc[2].sl, IMM(4));
        JUMP(pc[1].target);
    CASE(BR_IF)
        if (LD_I32(R(1)))
            JUMP(pc[2].target);
        NEXT(3);
    CASE(BR_IF_NOT)
        if (!LD_I32(R(1)))
            JUMP(pc[2].target);
        NEXT(3);
    CASE(BR_IF_COPY)
        if (LD_I32(R(1))) {
            COPY_SLOTS(fp + pc[4].sl, fp + pc[3].sl, IMM(5));
            JUMP(pc[2].target);
        }
        NEXT(6);
    CASE(BR_TABLE) {
        uint64_t i = LD_I32(R(1)), count = IMM(4);
        const wcell_t *e = pc + 5 + 2 * (i < count ? i : count);
        if (e[1].sl != pc[3].sl)
            COPY_SLOTS(fp + e[1].sl, fp + pc[3].sl, IMM(2));
        JUMP(e[0].target);
    }
    CASE(RETURN) {
        if (pc[1].sl)
            COPY_SLOTS(fp, fp + pc[1].sl, IMM(2));
    do_return:;
        wrt_frame_t *fr = &ex->frames[--depth];
        if (WP_UNLIKELY(!fr->ret_pc))
            goto finished;
        pc = fr->ret_pc;
        fp = fr->fp;
        /* membase/memsize are current for the callee's instance (memory.grow
         * and host calls reload them): only a change of instance needs it */
        if (fr->inst != inst) {
            inst = fr->inst;
            RELOAD_MEM();
        }
        DISPATCH();
    }
    /* An imported function (defined ones are CALL_LOCAL), its cell
     * count n. A leaf host function (wasm.h) is called here: arguments
     * and results in place as in do_call; the header's memory view and
     * ex->inst are current (RELOAD_MEM). depth and the pc to go on at
     * are stored for debuggers (tools/gdb). A leaf changes neither the
     * instance nor memory 0: memory 0 is read back from the header
     * rather than kept across the call (one load pair instead of spills
     * and loads where the compiler keeps it in caller-saved registers;
     * measured, docs/bench.md); no reload, no poll (the caller's next
     * taken branch or call polls). */
#define CALL_IMPORT(n) do { \
        wasm_func_t *hf_ = inst->funcs[IMM(1)]; \
        uint64_t *args_ = fp + pc[2].sl; \
        if (!hf_->leaf) { \
            /* read again, not copied: the leaf path's temporaries \
             * then share no register with do_call's */ \
            callee = inst->funcs[IMM(1)]; \
            nfp = fp + pc[2].sl; \
            ret = pc + (n); \
            goto do_call; \
        } \
        ex->depth = depth; \
        pc += (n);              /* kept in its register across the call */ \
        ex->pc = pc; \
        trap = hf_->host(ex, hf_->env, (const wasm_val_t *)args_, (wasm_val_t *)args_); \
        membase = ex->head.mem_base; \
        memsize = ex->head.mem_size; \
        if (WP_UNLIKELY(trap != WASM_TRAP_NONE)) { \
            pc -= (n);          /* a trap is at the call */ \
            TRAP(trap); \
        } \
        DISPATCH(); \
    } while (0)
    CASE(CALL)
        CALL_IMPORT(3);
    CASE(CALL_K)
        R(2) = IMM(3);
        CALL_IMPORT(4);
    CASE(CALL_LOCAL) {
        /* a function of this module: same instance, no host function,
         * the callee's wcode_fn_t in the cell */
        const wcode_fn_t *cf = pc[1].fn;
        const wcell_t *code = __atomic_load_n(&cf->code, __ATOMIC_ACQUIRE);
        nfp = fp + pc[2].sl;
        if (WP_UNLIKELY(!code) && !(code = wcomp_func(inst->module, cf)))
            TRAP(WASM_TRAP_OUT_OF_MEMORY);
        if (WP_UNLIKELY(depth >= ex->depth_limit ||
                        WCODE_FRAME_SLOTS(code) > (size_t)(ex->stack_end - nfp)))
            TRAP(WASM_TRAP_STACK_EXHAUSTED);
        ex->frames[depth++] = (wrt_frame_t){ pc + 3, fp, inst };
        for (uint32_t i = cf->nparams; i < cf->nlocals; i++)
            nfp[i] = 0;
        fp = nfp;
        pc = WCODE_ENTRY(code);
        POLL();
        DISPATCH();
    }
    CASE(RETURN_CALL_INDIRECT)
        ret = NULL;             /* a tail call (do_call) */
        goto call_indirect;
    CASE(CALL_INDIRECT)
        ret = pc + 5;
    call_indirect: {
        const wasm_table_t *t = inst->tables[IMM(2)];
        uint32_t i = LD_I32(R(3));
        if (WP_UNLIKELY(i >= t->size))
            TRAP(WASM_TRAP_UNDEFINED_ELEM);
        callee = (wasm_func_t *)(uintptr_t)t->elems[i];
        if (WP_UNLIKELY(!callee))
            TRAP(WASM_TRAP_UNINIT_ELEM);
        if (WP_UNLIKELY(!type_matches(inst->module, IMM(1), callee)))
            TRAP(WASM_TRAP_INDIRECT_TYPE);
        nfp = fp + pc[4].sl;
        goto do_call;
    }
    CASE(RETURN_CALL_REF)
        ret = NULL;
        goto call_ref;
    CASE(CALL_REF)
        ret = pc + 3;
    call_ref:
        callee = (wasm_func_t *)(uintptr_t)R(1);
        if (WP_UNLIKELY(!callee))
            TRAP(WASM_TRAP_NULL_FUNC);
        nfp = fp + pc[2].sl;
        goto do_call;
    CASE(BR_ON_NULL)
        if (!R(1)) {
            COPY_SLOTS(fp + pc[4].sl, fp + pc[3].sl, IMM(5));
            JUMP(pc[2].target);
        }
        NEXT(6);
    CASE(BR_ON_NON_NULL)
        if (R(1)) {
            COPY_SLOTS(fp + pc[4].sl, fp + pc[3].sl, IMM(5));
            JUMP(pc[2].target);
        }
        NEXT(6);
    CASE(REF_AS_NON_NULL)
        if (WP_UNLIKELY(!R(1)))
            TRAP(WASM_TRAP_NULL_REF);
        R(2) = R(1);
        NEXT(3);
    CASE(RETURN_CALL)
        callee = inst->funcs[IMM(1)];
        nfp = fp + pc[2].sl;
        ret = NULL;
        goto do_call;
    CASE(COPY)
        R(2) = R(1);
        NEXT(3);
    CASE(ADDR64)
        R(2) = R(1) > UINT32_MAX ? UINT32_MAX : R(1);
        NEXT(3);
    CASE(COPY2)
        R(2) = R(1);
        R(4) = R(3);
        NEXT(5);
    CASE(CONST)
        R(2) = IMM(1);
        NEXT(3);
    CASE(CONST2)
        R(2) = IMM(1);
        R(4) = IMM(3);
        NEXT(5);
    CASE(SELECT)
        R(4) = LD_I32(R(3)) ? R(1) : R(2);
        NEXT(5);
    CASE(I32_ADD3)
        R(4) = ST_I32(LD_I32(R(1)) + LD_I32(R(2)) + LD_I32(R(3)));
        NEXT(5);
    CASE(I32_XOR3)
        R(4) = ST_I32(LD_I32(R(1)) ^ LD_I32(R(2)) ^ LD_I32(R(3)));
        NEXT(5);
    CASE(I32_MULADD)
        R(4) = ST_I32(LD_I32(R(1)) * LD_I32(R(2)) + LD_I32(R(3)));
        NEXT(5);
    CASE(I32_SUBI_ANDI)
        R(4) = ST_I32((uint32_t)IMM(1) - (LD_I32(R(2)) & (uint32_t)IMM(3)));
        NEXT(5);
    CASE(I32_SUBI_ANDI_ANDI)
        R(5) = ST_I32(((uint32_t)IMM(1) - (LD_I32(R(2)) & (uint32_t)IMM(3))) & (uint32_t)IMM(4));
        NEXT(6);
    CASE(GLOBAL_GET)
        R(2) = inst->globals[IMM(1)]->val.raw;
        NEXT(3);
    CASE(GLOBAL_SET_EXN)    /* the _EXN forms: pin the exnref, then as without */
        wexn_pin(R(2));
        FALLTHROUGH;
    CASE(GLOBAL_SET)
        inst->globals[IMM(1)]->val.raw = R(2);
        NEXT(3);
    CASE(TABLE_GET) {
        const wasm_table_t *t = inst->tables[IMM(1)];
        uint32_t i = LD_I32(R(2));
        if (WP_UNLIKELY(i >= t->size))
            TRAP(WASM_TRAP_TABLE_OOB);
        R(3) = t->elems[i];
        NEXT(4);
    }
    CASE(TABLE_SET_EXN)
        wexn_pin(R(3));
        FALLTHROUGH;
    CASE(TABLE_SET) {
        wasm_table_t *t = inst->tables[IMM(1)];
        uint32_t i = LD_I32(R(2));
        if (WP_UNLIKELY(i >= t->size))
            TRAP(WASM_TRAP_TABLE_OOB);
        t->elems[i] = R(3);
        NEXT(4);
    }
    CASE(MEMORY_SIZE)
        R(1) = inst->mem0->pages;
        NEXT(2);
    CASE(MEMORY_GROW) {
        int64_t r = wrt_memory_grow(inst->mem0, LD_I32(R(1)));
        R(2) = ST_I32((uint32_t)r);
        RELOAD_MEM();
        NEXT(3);
    }
    CASE(MEMORY_INIT) {
        uint64_t seg = IMM(1);
        uint32_t d = LD_I32(R(2)), s = LD_I32(R(3)), n = LD_I32(R(4));
        if ((uint64_t)s + n > inst->data_len[seg] || (uint64_t)d + n > memsize)
            TRAP(WASM_TRAP_MEM_OOB);
        if (n)
            wexec_guest_move(membase + d, inst->module->datas[seg].data + s, n);
        NEXT(5);
    }
    CASE(DATA_DROP)
        inst->data_len[IMM(1)] = 0;
        NEXT(2);
    CASE(MEMORY_COPY) {
        uint32_t d = LD_I32(R(1)), s = LD_I32(R(2)), n = LD_I32(R(3));
        if ((uint64_t)s + n > memsize || (uint64_t)d + n > memsize)
            TRAP(WASM_TRAP_MEM_OOB);
        if (n)
            wexec_guest_move(membase + d, membase + s, n);
        NEXT(4);
    }
    CASE(MEMORY_FILL) {
        uint32_t d = LD_I32(R(1)), v = LD_I32(R(2)), n = LD_I32(R(3));
        if ((uint64_t)d + n > memsize)
            TRAP(WASM_TRAP_MEM_OOB);
        if (n)
            wexec_guest_fill(membase + d, (uint8_t)v, n);
        NEXT(4);
    }
    CASE(TABLE_INIT) {
        uint64_t seg = IMM(1);
        wasm_table_t *t = inst->tables[IMM(2)];
        uint32_t d = LD_I32(R(3)), s = LD_I32(R(4)), n = LD_I32(R(5));
        if ((uint64_t)s + n > inst->elem_len[seg] || (uint64_t)d + n > t->size)
            TRAP(WASM_TRAP_TABLE_OOB);
        if (n)
            memmove(t->elems + d, inst->elem_refs[seg] + s, (size_t)n * sizeof(wasm_ref_t));
        NEXT(6);
    }
    CASE(ELEM_DROP)
        inst->elem_len[IMM(1)] = 0;
        NEXT(2);
    CASE(TABLE_COPY) {
        wasm_table_t *dt = inst->tables[IMM(1)], *st = inst->tables[IMM(2)];
        uint32_t d = LD_I32(R(3)), s = LD_I32(R(4)), n = LD_I32(R(5));
        if ((uint64_t)s + n > st->size || (uint64_t)d + n > dt->size)
            TRAP(WASM_TRAP_TABLE_OOB);
        if (n)
            memmove(dt->elems + d, st->elems + s, (size_t)n * sizeof(wasm_ref_t));
        NEXT(6);
    }
    CASE(TABLE_GROW_EXN)
        wexn_pin(R(2));
        FALLTHROUGH;
    CASE(TABLE_GROW) {
        int64_t r = wrt_table_grow(inst->tables[IMM(1)], LD_I32(R(3)), R(2));
        R(4) = ST_I32((uint32_t)r);
        NEXT(5);
    }
    CASE(TABLE_SIZE)
        R(2) = inst->tables[IMM(1)]->size;
        NEXT(3);
    CASE(TABLE_FILL_EXN)
        wexn_pin(R(3));
        FALLTHROUGH;
    CASE(TABLE_FILL) {
        wasm_table_t *t = inst->tables[IMM(1)];
        uint32_t i = LD_I32(R(2)), n = LD_I32(R(4));
        wasm_ref_t v = R(3);
        if ((uint64_t)i + n > t->size)
            TRAP(WASM_TRAP_TABLE_OOB);
        for (uint32_t k = 0; k < n; k++)
            t->elems[i + k] = v;
        NEXT(5);
    }
    CASE(MEMX)
        trap = wexec_memx(inst, pc, fp);
        if (WP_UNLIKELY(trap != WASM_TRAP_NONE))
            TRAP(trap);
        RELOAD_MEM();
        NEXT(8);
    CASE(REF_IS_NULL)
        R(2) = R(1) == 0;
        NEXT(3);
    CASE(REF_FUNC)
        R(2) = (uint64_t)(uintptr_t)inst->funcs[IMM(1)];
        NEXT(3);
    CASE(TRY)
        NEXT(IMM(1));
    CASE(THROW) {
        const wasm_tag_t *tg = inst->tags[IMM(1)];
        uint64_t *args = fp + pc[2].sl;
        exn = wexn_new(ex, tg, args, args + wmod_slots(tg->type.nparams, tg->type.params));
        if (WP_UNLIKELY(!exn))
            TRAP(WASM_TRAP_OUT_OF_MEMORY);
        goto throwing;
    }
    CASE(THROW_REF)
        exn = (wexn_t *)(uintptr_t)R(1);
        if (WP_UNLIKELY(!exn))
            TRAP(WASM_TRAP_NULL_EXN);
        goto throwing;

    /* ---- generated from opcodes.def ---- */
#define WC_UN(n, ti, to) CASE(n) { \
        T_##ti a = LD_##ti(R(1)); \
        R(2) = ST_##to(SEM_##n(a)); \
        NEXT(3); \
    }
#define WC_BIN(n, ti, to) \
    CASE(n##_RR) { \
        T_##ti a = LD_##ti(R(1)), b = LD_##ti(R(2)); \
        R(3) = ST_##to(SEM_##n(a, b)); \
        NEXT(4); \
    } \
    CASE(n##_RI) { \
        T_##ti a = LD_##ti(R(1)), b = LD_##ti(IMM(2)); \
        R(3) = ST_##to(SEM_##n(a, b)); \
        NEXT(4); \
    } \
    CASE(n##_RM) { \
        uint64_t ea = (uint64_t)LD_I32(R(2)) + IMM(4); \
        if (WP_UNLIKELY(ea + sizeof(T_##ti) > memsize)) \
            TRAP(WASM_TRAP_MEM_OOB); \
        T_##ti a = LD_##ti(R(1)), b = LD_##ti(LDM_##ti##_LOAD(membase + ea)); \
        R(3) = ST_##to(SEM_##n(a, b)); \
        NEXT(5); \
    } \
    WC_CAT(H_BRIF_, to)(n, ti)
#define H_BRIF_I32(n, ti) \
    CASE(BRIF_##n##_RR) { \
        T_##ti a = LD_##ti(R(1)), b = LD_##ti(R(2)); \
        if ((uint32_t)(SEM_##n(a, b)) != 0) \
            JUMP(pc[3].target); \
        NEXT(4); \
    } \
    CASE(BRIF_##n##_RI) { \
        T_##ti a = LD_##ti(R(1)), b = LD_##ti(IMM(2)); \
        if ((uint32_t)(SEM_##n(a, b)) != 0) \
            JUMP(pc[3].target); \
        NEXT(4); \
    } \
    CASE(BRIFNOT_##n##_RR) { \
        T_##ti a = LD_##ti(R(1)), b = LD_##ti(R(2)); \
        if ((uint32_t)(SEM_##n(a, b)) == 0) \
            JUMP(pc[3].target); \
        NEXT(4); \
    } \
    CASE(BRIFNOT_##n##_RI) { \
        T_##ti a = LD_##ti(R(1)), b = LD_##ti(IMM(2)); \
        if ((uint32_t)(SEM_##n(a, b)) == 0) \
            JUMP(pc[3].target); \
        NEXT(4); \
    }
#define H_BRIF_I64(n, ti)
#define H_BRIF_F32(n, ti)
#define H_BRIF_F64(n, ti)
/* address of a load/store: u32 base (+ k, wrapping) + u32 offset, 33 bits */
#define EA(base) ((uint64_t)(base) + IMM(3))
#define EA_A() EA((uint32_t)(LD_I32(R(1)) + (uint32_t)IMM(4)))
#define WC_LOAD(n, t) \
    CASE(n) { \
        uint64_t ea = EA(LD_I32(R(1))); \
        if (WP_UNLIKELY(ea + MSZ_##n > memsize)) \
            TRAP(WASM_TRAP_MEM_OOB); \
        R(2) = LDM_##n(membase + ea); \
        NEXT(4); \
    } \
    CASE(n##_A) { \
        uint64_t ea = EA_A(); \
        if (WP_UNLIKELY(ea + MSZ_##n > memsize)) \
            TRAP(WASM_TRAP_MEM_OOB); \
        R(2) = LDM_##n(membase + ea); \
        NEXT(5); \
    } \
    CASE(n##_X) { \
        uint64_t ea = EA((uint32_t)(LD_I32(R(1)) + LD_I32(R(4)))); \
        if (WP_UNLIKELY(ea + MSZ_##n > memsize)) \
            TRAP(WASM_TRAP_MEM_OOB); \
        R(2) = LDM_##n(membase + ea); \
        NEXT(5); \
    }
#define STORE_H(name, n, ea_expr, val, ncells) \
    CASE(name) { \
        uint64_t ea = ea_expr; \
        if (WP_UNLIKELY(ea + MSZ_##n > memsize)) \
            TRAP(WASM_TRAP_MEM_OOB); \
        STM_##n(membase + ea, val); \
        NEXT(ncells); \
    }
#define WC_STORE(n, t) \
    STORE_H(n, n, EA(LD_I32(R(1))), R(2), 4) \
    STORE_H(n##_A, n, EA_A(), R(2), 5) \
    STORE_H(n##_I, n, EA(LD_I32(R(1))), IMM(2), 4) \
    STORE_H(n##_AI, n, EA_A(), IMM(2), 5)
#define OP(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#define OPFC(b, n, t, imm, sig) WC_GEN_##imm(n, sig)
#include "interp/opcodes.def"
#undef OP
#undef OPFC
#undef WC_UN
#undef WC_BIN
#undef WC_LOAD
#undef WC_STORE
#define X(n, ti, to) CASE(n##_IR) { \
        T_##ti a = LD_##ti(IMM(1)), b = LD_##ti(R(2)); \
        R(3) = ST_##to(SEM_##n(a, b)); \
        NEXT(4); \
    }
    WCODE_IR(X)
#undef X
#define X(o, i) CASE(I32_##o##_##i##I) { \
        T_I32 in = SEM_I32_##i(LD_I32(R(2)), LD_I32(IMM(3))); \
        R(4) = ST_I32(SEM_I32_##o(LD_I32(R(1)), in)); \
        NEXT(5); \
    }
    WCODE_FUSE_RI(X)
#undef X
#define X(i, o) CASE(I32_##i##_THEN_##o##I) { \
        T_I32 in = SEM_I32_##i(LD_I32(R(1)), LD_I32(R(2))); \
        R(4) = ST_I32(SEM_I32_##o(in, LD_I32(IMM(3)))); \
        NEXT(5); \
    }
    WCODE_FUSE_RR_RI(X)
#undef X
    /* the counter is stored before b is read: b may be the same slot */
#define X(n, m) \
    CASE(BRIF_ADDI_I32_##n##_RR) { \
        T_I32 v = (T_I32)(LD_I32(R(1)) + LD_I32(IMM(2))); \
        R(3) = ST_I32(v); \
        if ((uint32_t)SEM_I32_##n(v, LD_I32(R(4))) != 0) \
            JUMP(pc[5].target); \
        NEXT(6); \
    } \
    CASE(BRIF_ADDI_I32_##n##_RI) { \
        T_I32 v = (T_I32)(LD_I32(R(1)) + LD_I32(IMM(2))); \
        R(3) = ST_I32(v); \
        if ((uint32_t)SEM_I32_##n(v, LD_I32(IMM(4))) != 0) \
            JUMP(pc[5].target); \
        NEXT(6); \
    }
    WCODE_ADDI_BR(X)
#undef X
#include "interp/exec_simd.h"
#ifdef WASM_DISPATCH_SWITCH
    default:
        TRAP(WASM_TRAP_UNREACHABLE); /* corrupt code: cannot happen */
#endif
    }

do_call:
    if (callee->code) {
        const wcode_fn_t *cf = callee->code;
        /* the callee's code, compiled on this first call if the module
         * is compiled lazily (code.h: cell 0 is the frame size) */
        const wcell_t *code = __atomic_load_n(&cf->code, __ATOMIC_ACQUIRE);
        if (WP_UNLIKELY(!code) && !(code = wcomp_func(callee->inst->module, cf)))
            TRAP(WASM_TRAP_OUT_OF_MEMORY);
        if (WP_UNLIKELY(!ret)) {
            /* a tail call (ret NULL): the callee takes this frame, its
             * arguments moved down to fp[0..) (nfp > fp: a forward copy);
             * the frame stack is unchanged, so its RETURN goes where ours
             * would have and unbounded tail recursion runs in constant
             * space */
            if (WP_UNLIKELY(WCODE_FRAME_SLOTS(code) > (size_t)(ex->stack_end - fp)))
                TRAP(WASM_TRAP_STACK_EXHAUSTED);
            COPY_SLOTS(fp, nfp, cf->nparams);
            nfp = fp;
        } else {
            if (WP_UNLIKELY(depth >= ex->depth_limit ||
                            WCODE_FRAME_SLOTS(code) > (size_t)(ex->stack_end - nfp)))
                TRAP(WASM_TRAP_STACK_EXHAUSTED);
            ex->frames[depth++] = (wrt_frame_t){ ret, fp, inst };
        }
        for (uint32_t i = cf->nparams; i < cf->nlocals; i++)
            nfp[i] = 0;
        fp = nfp;
        if (inst != callee->inst) {
            inst = callee->inst;
            RELOAD_MEM();
        }
        pc = WCODE_ENTRY(code);
        POLL();
        DISPATCH();
    } else {
        /* A host function reads its arguments in place and writes its
         * results over them (wasm.h: results may alias args): they land in
         * the caller's operand-stack slots from the first argument, which
         * the frame has (validation counted them), so nothing is copied. */
        ex->depth = depth;              /* ex->inst is current (RELOAD_MEM) */
        ex->pc = ret;                   /* where the caller goes on: for debuggers (tools/gdb) */
        wasm_trap_t t = callee->host(ex, callee->env, (const wasm_val_t *)nfp, (wasm_val_t *)nfp);
        if (WP_UNLIKELY(t != WASM_TRAP_NONE))
            TRAP(t);
        RELOAD_MEM();
        if (WP_UNLIKELY(!ret)) {
            /* a tail call: the host's results are ours */
            COPY_SLOTS(fp, nfp, wmod_slots(callee->type.nresults, callee->type.results));
            goto do_return;
        }
        pc = ret;
        POLL();
        DISPATCH();
    }

throwing: {
        /* out of line (exec_exn.c): the registers go by value, so that
         * none of them has its address taken */
        wexn_catch_t h;
        if (!wexn_unwind(ex, exn, pc, fp, inst, depth, &h))
            TRAP(WASM_TRAP_EXCEPTION);
        fp = h.fp;
        inst = h.inst;
        depth = h.depth;
        RELOAD_MEM();
        JUMP(h.pc);
    }

poll:
    if (ex->yield_req & WRT_ABORT)
        TRAP(WASM_TRAP_ABORTED);
    if (ex->yield_req) {
        /* only the yield bit: an abort posted meanwhile must stay */
        __atomic_fetch_and(&ex->yield_req, ~WRT_YIELD, __ATOMIC_RELAXED);
        ex->pc = pc;
        ex->fp = fp;
        ex->inst = inst;
        ex->depth = depth;
        ex->fuel_left = fuel_left < 0 ? 0 : fuel_left;
        ex->suspended = true;
        return WASM_SUSPENDED;
    }
    if (ex->fuel)
        TRAP(WASM_TRAP_FUEL);
    fuel_left = INT64_MAX;
    DISPATCH();

finished:
    ex->depth = 0;
    ex->inst = inst;
    ex->suspended = false;
    ex->trap = WASM_TRAP_NONE;
    return WASM_OK;

trapped:
    ex->pc = pc;                    /* for the backtrace (exec_api.c) */
    ex->trap_depth = depth;
    ex->depth = 0;
    ex->inst = inst;
    ex->suspended = false;
    ex->trap = trap;
    return WASM_TRAPPED;
}

const void *wexec_handler(wcode_op_t op)
{
#ifdef WASM_DISPATCH_SWITCH
    return (const void *)(uintptr_t)op;
#else
    if (!wexec_label_offs)
        wexec_run(NULL);
    return (const char *)wexec_label_base[0] + wexec_label_offs[op];
#endif
}
