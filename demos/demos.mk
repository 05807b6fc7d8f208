# demos/demos.mk - compile every demos/*.wat and link the demo table into
# the kernel.
#
#   demos/NAME.wat --wat2wasm--> $(B)/demos/NAME.wasm
#   all of them --demos/pack.py--> $(B)/demos/demos_blob.c (generated; the
#   table of include/demos.h) --> $(B)/demos/demos_blob.o in KOBJS
#
# Adding a .wat to demos/ needs no other change. `make demos` builds just
# the modules and the table.

DEMO_WATS := $(sort $(wildcard demos/*.wat))
DEMO_WASMS := $(patsubst demos/%.wat,$(B)/demos/%.wasm,$(DEMO_WATS))
WAT2WASM ?= wat2wasm
PYTHON3 ?= python3

KOBJS += $(B)/demos/demos_blob.o

$(B)/demos/%.wasm: demos/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

# The list of demo names, rewritten only when it changes, so that removing
# a .wat also regenerates the table.
$(B)/demos/demos.list: FORCE
	@mkdir -p $(dir $@)
	@echo "$(DEMO_WATS)" | cmp -s - $@ || echo "$(DEMO_WATS)" > $@

$(B)/demos/demos_blob.c: demos/pack.py $(B)/demos/demos.list $(DEMO_WATS) $(DEMO_WASMS)
	$(Q)$(PYTHON3) demos/pack.py --out $@ --wasm-dir $(B)/demos $(DEMO_WATS)

$(B)/demos/demos_blob.o: $(B)/demos/demos_blob.c include/demos.h
	$(Q)$(KCC) $(KCFLAGS) $(ARCH_CFLAGS) $(ARCH_NOFP_CFLAGS) -c $< -o $@

.PHONY: demos FORCE
FORCE:
demos: $(B)/demos/demos_blob.o

# ---- the second table: hostile modules and the IPC stress run -----------------
# tests/hostile/*.wat, tests/stress/*.wat and the tests/regress/*.wat that
# declare a `hostile-` group (kernel bugs those found; other regression
# files there are left alone) are packed the same way into
# hostile_images[] / hostile_count (include/demos.h), which only the
# command line words `hostile`, `stress` and `soak` run
# (src/kernel/hostile_run.c, docs/hardening.md). demos/ is not affected.
HOSTILE_REGRESS := $(shell grep -l '^;; group: hostile-' tests/regress/*.wat 2>/dev/null)
HOSTILE_WATS := $(sort $(wildcard tests/hostile/*.wat tests/stress/*.wat) $(HOSTILE_REGRESS))
HOSTILE_WASMS := $(addprefix $(B)/hostile/,$(notdir $(HOSTILE_WATS:.wat=.wasm)))

KOBJS += $(B)/hostile/hostile_blob.o

$(B)/hostile/%.wasm: tests/hostile/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

$(B)/hostile/%.wasm: tests/stress/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

$(B)/hostile/%.wasm: tests/regress/%.wat
	@mkdir -p $(dir $@)
	$(Q)$(WAT2WASM) $< -o $@

$(B)/hostile/hostile.list: FORCE
	@mkdir -p $(dir $@)
	@echo "$(HOSTILE_WATS)" | cmp -s - $@ || echo "$(HOSTILE_WATS)" > $@

$(B)/hostile/hostile_blob.c: demos/pack.py $(B)/hostile/hostile.list $(HOSTILE_WATS) $(HOSTILE_WASMS)
	$(Q)$(PYTHON3) demos/pack.py --table hostile --out $@ --wasm-dir $(B)/hostile $(HOSTILE_WATS)

$(B)/hostile/hostile_blob.o: $(B)/hostile/hostile_blob.c include/demos.h
	$(Q)$(KCC) $(KCFLAGS) $(ARCH_CFLAGS) $(ARCH_NOFP_CFLAGS) -c $< -o $@
