# tests/spec3/suite.mk - the WebAssembly 3.0 core test suite (suite `spec3`):
# ../shared/wasm-testsuite-3, converted by tests/spec3/convert.sh (cached in
# build/host/spec3/) and run by the spec runner in --wasm3 mode (every feature on): only
# text-format assert_malformed modules are skipped (named in
# build/host/spec3/skipped.txt); failures of features not implemented yet,
# up to tests/spec3/known-failures.txt, are shown and counted apart; the
# counts by feature close the output (tests/spec3/by-feature.sh).

TEST_SUITES += spec3

.PHONY: test-spec3
test-spec3: $(H)/spectest-runner
	@WASM_TESTSUITE=$${WASM_TESTSUITE3:-../shared/wasm-testsuite-3} SPEC_OUT=$(H)/spec3 \
		SPEC_CONVERT=tests/spec3/convert.sh SPEC_SIMD=run \
		SPEC_KNOWN=tests/spec3/known-failures.txt SPEC_RUNNER_FLAGS="--lazy --wasm3" \
		bash tests/spec/run.sh spec3 $(H)/spectest-runner 120; \
	rc=$$?; bash tests/spec3/by-feature.sh $(H)/spec3/counts.txt; exit $$rc

# The same under ASan/UBSan (spec3-san) and on the switch dispatch
# (spec3-switch, compiled up front as the kernel does), each with counts of
# its own (counts-san.txt, counts-switch.txt) so that all three may run at
# once. A subset, to keep CI's total time (docs/wasm3.md, "Gates"): every
# script of a 3.0 feature the engine implements (tail calls, multi-memory's
# NAME0..3 scripts, exceptions, relaxed SIMD; extended-const is in data,
# elem and global), SIMD's, and core scripts that reach every other
# engine path (calls, branches, memory, tables, floats, linking).
SPEC3_SUBSET := return_call return_call_indirect memory-multi *[0-3] tag throw throw_ref \
	try_table *relaxed* simd_* data elem global binary br_table call call_indirect \
	memory memory_grow table_copy table_init bulk f32 f64 conversions float_exprs linking \
	imports exports start traps
SPEC3_ENV = WASM_TESTSUITE=$${WASM_TESTSUITE3:-../shared/wasm-testsuite-3} SPEC_OUT=$(H)/spec3 \
	SPEC_CONVERT=tests/spec3/convert.sh SPEC_KNOWN=tests/spec3/known-failures.txt \
	SPEC_SCRIPTS="$(SPEC3_SUBSET)"
TEST_SUITES += spec3-san spec3-switch

.PHONY: test-spec3-san test-spec3-switch
test-spec3-san: $(H)/spectest-runner-san
	@$(SPEC3_ENV) SPEC_RUNNER_FLAGS="--lazy --wasm3" \
		bash tests/spec/run.sh spec3-san $(H)/spectest-runner-san 600

test-spec3-switch: $(H)/spectest-runner-switch
	@$(SPEC3_ENV) SPEC_RUNNER_FLAGS="--wasm3" \
		bash tests/spec/run.sh spec3-switch $(H)/spectest-runner-switch 120
