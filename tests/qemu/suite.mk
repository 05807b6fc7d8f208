# tests/qemu/suite.mk - boot both architectures in QEMU in test mode.
TEST_SUITES += qemu-x86_64 qemu-arm64

.PHONY: test-qemu-x86_64 test-qemu-arm64
test-qemu-x86_64 test-qemu-arm64: test-qemu-%:
	@$(MAKE) --no-print-directory ARCH=$* kernel
	@bash tests/qemu/check.sh $*
