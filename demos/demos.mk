# demos/demos.mk - build every demo module and pack every wasm module the
# kernel runs into the boot-module archive (docs/bootpack.md, docs/demos.md):
#
#   demos/NAME.wat --wat2wasm--> $(DEMO_OUT)/NAME.wasm
#   demos/NAME.c, .cpp --clang, wasi-libc, the SDK (sdk/sdk.mk)--> $(DEMO_OUT)/NAME.wasm
#   demos/NAME.rs --/usr/bin/rustc, the jericho crate--> $(DEMO_OUT)/NAME.wasm
#   demos/NAME.wasm + NAME.manifest (a prebuilt module) --copied--> $(DEMO_OUT)/NAME.wasm
#   tests/{hostile,stress,regress}/NAME.wat --wat2wasm--> $(B)/hostile/NAME.wasm
#   tests/wasi/NAME.{c,wat} (tests/wasi/suite.mk) --> $(B)/hostile/NAME.wasm
#   bench/kernel/wasm/* (bench/kernel/wasm/wasm.mk) --> $(B)/benchwasm/*.wasm
#   all of them --demos/pack.py--> $(B)/jericho.pak
#
# The archive is not linked into the kernel: the boot loader loads it
# beside the kernel (x86-64: a Multiboot2 module on the ISO; arm64: a
# fw_cfg file, see QEMU_BOOT in src/hal/arm64/arch.mk). Editing or adding a
# demo rebuilds the archive (and the x86-64 ISO), never the kernel; adding
# a file to demos/ needs no other change. `make demos` (or `make pak`)
# builds just the modules and the archive.
#
# The tree's own prebuilt-module example, demos/hello-wasm.manifest, has no
# .wasm in the tree: its module is built from sdk/examples/hello-wasm.c as
# a user would build theirs (plain clang and wasi-libc), so no binary is
# committed. Any manifest NAME without demos/NAME.wasm takes
# sdk/examples/NAME.c that way.
#
# DEMO_DIR and DEMO_OUT exist for tests/demos/run.sh, which builds fixture
# folders with these same rules (the build must fail with FILE:LINE:
# reason for a broken demo).

DEMO_DIR ?= demos
DEMO_OUT ?= $(B)/demos
demo_files = $(sort $(wildcard $(DEMO_DIR)/*.$(1)))
DEMO_WATS := $(call demo_files,wat)
DEMO_CS := $(call demo_files,c)
DEMO_CPPS := $(call demo_files,cpp)
DEMO_RSS := $(call demo_files,rs)
DEMO_MANIFESTS := $(call demo_files,manifest)
# Every demo file, in pack.py's order (pack.py --list).
DEMO_FILES := $(sort $(DEMO_WATS) $(DEMO_CS) $(DEMO_CPPS) $(DEMO_RSS) $(DEMO_MANIFESTS))
# A manifest's module: demos/NAME.wasm if present, else sdk/examples/NAME.c;
# with neither, pack.py says which file is missing.
demo_prebuilt = $(if $(wildcard $(DEMO_DIR)/$(1).wasm sdk/examples/$(1).c),$(DEMO_OUT)/$(1).wasm)
DEMO_WASMS := $(patsubst $(DEMO_DIR)/%,$(DEMO_OUT)/%.wasm,$(basename $(DEMO_WATS) $(DEMO_CS) \
	$(DEMO_CPPS) $(DEMO_RSS))) \
	$(foreach m,$(DEMO_MANIFESTS),$(call demo_prebuilt,$(notdir $(basename $(m)))))
WAT2WASM ?= wat2wasm
# Wasm 3.0 features the engine implements, for demos/*.wat (demos/wasm3.wat)
# and tests/regress/*.wat (multi-memory.wat, memory64.wat)
WAT2WASM_FEATURES := --enable-tail-call --enable-extended-const --enable-multi-memory --enable-memory64
PYTHON3 ?= python3
PAK := $(B)/jericho.pak

# --debug-names: the demos carry a name section, so that the gdb helpers
# name their functions (docs/debugging.md). The SDK builds keep theirs.
$(DEMO_OUT)/%.wasm: $(DEMO_DIR)/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $(WAT2WASM_FEATURES) --debug-names $< -o $@

# A C demo may link code from a top-level folder: that folder's fragment
# sets DEMO_CFLAGS and DEMO_LIBS (objects) for its $(DEMO_OUT)/NAME.wasm
# and adds the objects as prerequisites (broker/broker.mk).
$(DEMO_OUT)/%.wasm: $(DEMO_DIR)/%.c $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) $(DEMO_CFLAGS) -c $< -o $@.o
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) $@.o $(DEMO_LIBS) -o $@

$(DEMO_OUT)/%.wasm: $(DEMO_DIR)/%.cpp $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANGXX) $(SDK_CXXFLAGS) -c $< -o $@.o
	$(Q)$(WASI_CLANGXX) $(SDK_LDFLAGS) $@.o -o $@

$(DEMO_OUT)/%.wasm: $(DEMO_DIR)/%.rs $(SDK_RLIB)
	@mkdir -p $(dir $@)
	$(call sdk_need_rustc,$<)
	$(Q)$(RUSTC_WASI) $(SDK_RUSTFLAGS) --crate-name $(subst -,_,$*) \
		--extern jericho=$(SDK_RLIB) $< -o $@

$(DEMO_OUT)/%.wasm: $(DEMO_DIR)/%.wasm $(DEMO_DIR)/%.manifest
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

# The user's side of a prebuilt module: no SDK, no directives, one command.
$(DEMO_OUT)/%.wasm: sdk/examples/%.c $(DEMO_DIR)/%.manifest
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) --target=wasm32-wasi -O2 -Wall -Wextra -Werror $< -o $@

# The lists of demo files, rewritten only when they change, so that
# removing a demo also rebuilds the archive.
$(DEMO_OUT)/demos.list: FORCE
	@mkdir -p $(dir $@)
	@echo "$(DEMO_FILES)" | cmp -s - $@ || echo "$(DEMO_FILES)" > $@

# Every demo module, checked by pack.py (directives, names, modules), with
# no archive: what tests/demos/run.sh builds in a folder of its own.
.PHONY: demo-modules
demo-modules: $(DEMO_WASMS)
	$(Q)$(PYTHON3) demos/pack.py --check --wasm-dir $(DEMO_OUT) --dir $(DEMO_DIR)

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
	$(Q)$(WAT2WASM) $(WAT2WASM_FEATURES) $< -o $@

# The exception-handling and relaxed SIMD modules (tests/regress/exn-*.wat,
# relaxed-*.wat) are committed prebuilt beside their text
# (tests/regress/exn.sh): Debian's wat2wasm cannot read try_table, and
# has relaxed SIMD's dot products under their old names.
EXN_REGRESS_WASMS := $(patsubst tests/regress/%.wat,$(B)/hostile/%.wasm,\
	$(filter tests/regress/exn-% tests/regress/relaxed-%,$(HOSTILE_REGRESS)))
$(EXN_REGRESS_WASMS): $(B)/hostile/%.wasm: tests/regress/%.wasm
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

# Other fragments may add modules to the hostile table: HOSTILE_EXTRA lists
# their directive files (NAME.wat, NAME.c, or NAME.manifest: plain
# 'key: value' lines as for a prebuilt demo, docs/demos.md), HOSTILE_EXTRA_WASMS the
# $(B)/hostile/NAME.wasm their own rules build (tests/wasi/suite.mk).
# Read after this file: expanded a second time below.
$(B)/hostile/hostile.list: FORCE
	@mkdir -p $(dir $@)
	@echo "$(HOSTILE_WATS) $(HOSTILE_EXTRA)" | cmp -s - $@ || echo "$(HOSTILE_WATS) $(HOSTILE_EXTRA)" > $@

# ---- the archive ------------------------------------------------------------------
# BW_WASMS comes from bench/kernel/wasm/wasm.mk, read
# after this file: expanded a second time, when every fragment is in.
.SECONDEXPANSION:
$(PAK): demos/pack.py $(DEMO_OUT)/demos.list $(B)/hostile/hostile.list $(DEMO_FILES) \
		$(DEMO_WASMS) $(HOSTILE_WATS) $(HOSTILE_WASMS) $$(BW_WASMS) \
		$$(HOSTILE_EXTRA) $$(HOSTILE_EXTRA_WASMS)
	$(Q)$(PYTHON3) demos/pack.py --pak $@ --wasm-dir $(DEMO_OUT) --dir $(DEMO_DIR) \
		--hostile $(HOSTILE_WATS) $(HOSTILE_EXTRA) --hostile-wasm-dir $(B)/hostile \
		--bench $(BW_WASMS)
