# tests/shell/suite.mk - the shell driven by scripted input, and hostile
# calls to the monitor (tests/shell/check.sh), on each architecture.
TEST_SUITES += shell-x86_64 shell-arm64

.PHONY: test-shell-x86_64 test-shell-arm64
test-shell-x86_64 test-shell-arm64: test-shell-%:
	@$(MAKE) --no-print-directory ARCH=$* kernel
	@bash tests/shell/check.sh $*
