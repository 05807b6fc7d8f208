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
