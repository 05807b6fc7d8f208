# tests/stress/suite.mk - the IPC stress run (64 wasm tasks, 1,000,000
# messages with sequence numbers and checksums) on both architectures, and
# `make soak` to run it for longer (docs/hardening.md).
#
#   make test-stress-x86_64 / test-stress-arm64   STRESS_MESSAGES=N to change the count
#   make soak [ARCH=..] [SOAK_SECONDS=300] [SOAK_MESSAGES=N]
TEST_SUITES += stress-x86_64 stress-arm64

.PHONY: test-stress-x86_64 test-stress-arm64 soak
test-stress-x86_64 test-stress-arm64: test-stress-%:
	@$(MAKE) --no-print-directory ARCH=$* kernel
	@bash tests/stress/check.sh $* stress

soak: kernel
	@bash tests/stress/check.sh $(ARCH) soak
