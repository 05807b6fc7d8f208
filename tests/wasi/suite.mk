# tests/wasi/suite.mk - WASI end to end (tests/wasi/check.sh): a C program
# on Debian's wasi-libc (wasi-libc.c) and the blocked-reader kill group
# (wasi-kill*.wat) run as kernel tasks with lines typed on the serial
# console, and the C program under jwasm with the same input: both print
# the same; conin-bulk.c reads 3,024 bytes typed at once (a boot of its
# own, hostile=conin-bulk). The modules join the hostile table (demos/demos.mk,
# HOSTILE_EXTRA) in groups that `hostile` does not run; check.sh boots
# `hostile=wasi*`.
#
# The C program's build rule is here on purpose (one clang command) so it
# can move to a general demos/NAME.c rule later: wasi-libc.manifest holds
# its directives.
TEST_SUITES += wasi-x86_64 wasi-arm64

WASI_CC ?= clang
WASI_TEST_CFLAGS := --target=wasm32-wasi -O2 -Wall -Wextra -Werror
WASI_TEST_C := tests/wasi/wasi-libc.c tests/wasi/conin-bulk.c
WASI_TEST_WATS := $(sort $(wildcard tests/wasi/*.wat))
HOSTILE_EXTRA += $(WASI_TEST_C:.c=.manifest) $(WASI_TEST_WATS)
HOSTILE_EXTRA_WASMS += $(patsubst tests/wasi/%.c,$(B)/hostile/%.wasm,$(WASI_TEST_C)) \
	$(patsubst tests/wasi/%.wat,$(B)/hostile/%.wasm,$(WASI_TEST_WATS))

$(B)/hostile/%.wasm: tests/wasi/%.c
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CC) $(WASI_TEST_CFLAGS) $< -o $@

$(B)/hostile/%.wasm: tests/wasi/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

.PHONY: test-wasi-x86_64 test-wasi-arm64
test-wasi-x86_64 test-wasi-arm64: test-wasi-%:
	@$(MAKE) --no-print-directory ARCH=$* kernel
	@$(MAKE) --no-print-directory $(H)/jwasm
	@bash tests/wasi/check.sh $*
