# tests/allocfail/suite.mk - every allocation failure in the engine is a
# clean error (tests/allocfail/allocfail.c, docs/hardening.md): suites
# `allocfail` (plain -O2) and `allocfail-san` (ASan+UBSan). The program has
# its own wasm_rt hooks (fail the Nth allocation, a list of live blocks),
# so it links the engine alone. Module sets in tests/allocfail/run.sh; the
# benchmark programs compiled from C come from bench/kernel/wasm/wasm.mk.
TEST_SUITES += allocfail allocfail-san

# bench/kernel/wasm/wasm.mk is read after this file: expanded late (the
# second expansion demos/demos.mk turned on).
AF_BENCH_RAW = $(patsubst %,$(B)/benchwasm/prog-%.wasm.raw,$(BW_PROGS))

$(H)/allocfail/allocfail: tests/allocfail/allocfail.c $(H)/libinterp.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $< $(H)/libinterp.a -lm

$(H)/allocfail/allocfail-san: tests/allocfail/allocfail.c $(H)/libinterp-san.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) -o $@ $< $(H)/libinterp-san.a -lm

.PHONY: test-allocfail test-allocfail-san
test-allocfail test-allocfail-san: test-%: $(H)/allocfail/% $$(AF_BENCH_RAW)
	@bash tests/allocfail/run.sh $* $< $(AF_BENCH_RAW)
