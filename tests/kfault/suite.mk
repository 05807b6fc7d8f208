# tests/kfault/suite.mk - a CPU fault in kernel code is a kernel panic,
# whatever task is current (docs/kernel.md, "Faults"): one boot per case
# and architecture of the test image with kfault=KIND (src/selftest/kfault.c).
TEST_SUITES += kfault

.PHONY: test-kfault
test-kfault:
	@$(MAKE) --no-print-directory ARCH=x86_64 kernel > /dev/null
	@$(MAKE) --no-print-directory ARCH=arm64 kernel > /dev/null
	@bash tests/kfault/check.sh
