# tests/qemu-demos/suite.mk - boot both architectures in demo mode and check
# every demo's expected lines, the runner's table and the exit status
# (tests/qemu-demos/check.sh).
TEST_SUITES += demos-x86_64 demos-arm64

.PHONY: test-demos-x86_64 test-demos-arm64
test-demos-x86_64 test-demos-arm64: test-demos-%:
	@$(MAKE) --no-print-directory ARCH=$* kernel
	@bash tests/qemu-demos/check.sh $*
