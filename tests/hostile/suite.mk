# tests/hostile/suite.mk - hostile wasm modules run in-kernel on both
# architectures (command line `hostile`; tests/hostile/*.wat and the
# regression modules of tests/regress/*.wat, packed by demos/demos.mk into
# hostile_images). Checks in tests/hostile/check.sh; cases in
# docs/hardening.md.
TEST_SUITES += hostile-x86_64 hostile-arm64

.PHONY: test-hostile-x86_64 test-hostile-arm64
test-hostile-x86_64 test-hostile-arm64: test-hostile-%:
	@$(MAKE) --no-print-directory ARCH=$* kernel
	@bash tests/hostile/check.sh $*

# The runner's own verdicts under attack (tests/hostile/harness-*.wat,
# command line `hostile=harness*`): some modules must FAIL, which
# tests/hostile/harness.sh checks one by one.
TEST_SUITES += harness-x86_64 harness-arm64

.PHONY: test-harness-x86_64 test-harness-arm64
test-harness-x86_64 test-harness-arm64: test-harness-%:
	@$(MAKE) --no-print-directory ARCH=$* kernel
	@bash tests/hostile/harness.sh $*
