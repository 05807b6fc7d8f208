# tests/debug/suite.mk - `make debug` end to end on both architectures:
# QEMU halted with its gdb stub, the printed gdb command attached in batch
# mode, breakpoints, a symbol read, every gdb helper of tools/gdb/jericho.py
# run on a live wasm task, and the kernel left to run to its normal exit
# (tests/debug/check.sh, docs/debugging.md).
TEST_SUITES += debug

.PHONY: test-debug
test-debug:
	@$(MAKE) --no-print-directory ARCH=x86_64 kernel > /dev/null
	@$(MAKE) --no-print-directory ARCH=arm64 kernel > /dev/null
	@bash tests/debug/check.sh
