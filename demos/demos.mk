# demos/demos.mk - compile every demos/*.wat and pack every wasm module the
# kernel runs into the boot-module archive (docs/bootpack.md):
#
#   demos/NAME.wat --wat2wasm--> $(B)/demos/NAME.wasm
#   tests/{hostile,stress,regress}/NAME.wat --wat2wasm--> $(B)/hostile/NAME.wasm
#   tests/wasi/NAME.{c,wat} (tests/wasi/suite.mk) --> $(B)/hostile/NAME.wasm
#   bench/kernel/wasm/* (bench/kernel/wasm/wasm.mk) --> $(B)/benchwasm/*.wasm
#   all of them --demos/pack.py--> $(B)/jericho.pak
#
# The archive is not linked into the kernel: the boot loader loads it
# beside the kernel (x86-64: a Multiboot2 module on the ISO; arm64: a
# fw_cfg file, see QEMU_BOOT in src/hal/arm64/arch.mk). Editing or adding a
# .wat rebuilds the archive (and the x86-64 ISO), never the kernel; adding
# a .wat to demos/ needs no other change. `make demos` (or `make pak`)
# builds just the modules and the archive.

DEMO_WATS := $(sort $(wildcard demos/*.wat))
DEMO_WASMS := $(patsubst demos/%.wat,$(B)/demos/%.wasm,$(DEMO_WATS))
WAT2WASM ?= wat2wasm
PYTHON3 ?= python3
PAK := $(B)/jericho.pak

# --debug-names: the demos carry a name section, so that the gdb helpers
# name their functions (docs/debugging.md).
$(B)/demos/%.wasm: demos/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) --debug-names $< -o $@

# The lists of module names, rewritten only when they change, so that
# removing a .wat also rebuilds the archive.
$(B)/demos/demos.list: FORCE
	@mkdir -p $(dir $@)
	@echo "$(DEMO_WATS)" | cmp -s - $@ || echo "$(DEMO_WATS)" > $@

.PHONY: demos pak FORCE
FORCE:
demos pak: $(PAK)

# ---- the second table: hostile modules and the IPC stress run -----------------
# tests/hostile/*.wat, tests/stress/*.wat and the tests/regress/*.wat that
# declare a `hostile-` group (kernel bugs those found; other regression
# files there are left alone) go into the archive's hostile table
# (hostile_images / hostile_count, include/boot/modules.h), which only the
# command line words `hostile`, `stress` and `soak` run
# (src/runner/hostile.c, docs/hardening.md). demos/ is not affected.
HOSTILE_REGRESS := $(shell grep -l '^;; group: hostile-' tests/regress/*.wat 2>/dev/null)
HOSTILE_WATS := $(sort $(wildcard tests/hostile/*.wat tests/stress/*.wat) $(HOSTILE_REGRESS))
HOSTILE_WASMS := $(addprefix $(B)/hostile/,$(notdir $(HOSTILE_WATS:.wat=.wasm)))

$(B)/hostile/%.wasm: tests/hostile/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

$(B)/hostile/%.wasm: tests/stress/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

$(B)/hostile/%.wasm: tests/regress/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

# Other fragments may add modules to the hostile table: HOSTILE_EXTRA lists
# their directive files (NAME.wat, or NAME.manifest: the same ';;' header
# for a module built from another language), HOSTILE_EXTRA_WASMS the
# $(B)/hostile/NAME.wasm their own rules build (tests/wasi/suite.mk).
# Read after this file: expanded a second time below.
$(B)/hostile/hostile.list: FORCE
	@mkdir -p $(dir $@)
	@echo "$(HOSTILE_WATS) $(HOSTILE_EXTRA)" | cmp -s - $@ || echo "$(HOSTILE_WATS) $(HOSTILE_EXTRA)" > $@

# ---- the archive ------------------------------------------------------------------
# BW_WASMS comes from bench/kernel/wasm/wasm.mk, read
# after this file: expanded a second time, when every fragment is in.
.SECONDEXPANSION:
$(PAK): demos/pack.py $(B)/demos/demos.list $(B)/hostile/hostile.list $(DEMO_WATS) \
		$(DEMO_WASMS) $(HOSTILE_WATS) $(HOSTILE_WASMS) $$(BW_WASMS) \
		$$(HOSTILE_EXTRA) $$(HOSTILE_EXTRA_WASMS)
	$(Q)$(PYTHON3) demos/pack.py --pak $@ --wasm-dir $(B)/demos $(DEMO_WATS) \
		--hostile $(HOSTILE_WATS) $(HOSTILE_EXTRA) --hostile-wasm-dir $(B)/hostile \
		--bench $(BW_WASMS)
