# tests/interp/suite.mk - host unit tests of the engine's execution half
# (suites `interp` and `interp-san`): see tests/interp/test_interp.c.
# The portable switch dispatch (-DWASM_DISPATCH_SWITCH) is built beside the
# default computed-goto engine and checked by the same unit tests
# (`interp-switch`) and the spec suite (`spec-switch`).
TEST_SUITES += interp interp-san interp-switch spec-switch

INTERP_WAT := $(wildcard tests/interp/wat/*.wat)
INTERP_WASM := $(patsubst tests/interp/wat/%.wat,$(H)/interp-tests/%.wasm,$(INTERP_WAT))

$(H)/interp-tests/%.wasm: tests/interp/wat/%.wat
	@mkdir -p $(dir $@)
	$(Q)wat2wasm $< -o $@

# tail calls with v128 arguments (v128_frames)
$(H)/interp-tests/v128.wasm: tests/interp/wat/v128.wat
	@mkdir -p $(dir $@)
	$(Q)wat2wasm --enable-tail-call $< -o $@

# the kernel's relaxed SIMD sample, prebuilt (tests/regress/exn.sh)
INTERP_WASM += $(H)/interp-tests/relaxed-simd.wasm
$(H)/interp-tests/relaxed-simd.wasm: tests/regress/relaxed-simd.wasm
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

# with its name section: the backtrace tests name functions
$(H)/interp-tests/backtrace.wasm: tests/interp/wat/backtrace.wat
	@mkdir -p $(dir $@)
	$(Q)wat2wasm --debug-names $< -o $@

INTERP_TEST_SRCS := tests/interp/test_interp.c tests/interp/test_backtrace.c tests/interp/test_leaf.c

$(H)/test_interp: $(INTERP_TEST_SRCS) tests/interp/test_interp.h $(H)/libinterp.a $(H)/libhost.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $(INTERP_TEST_SRCS) -Wl,--start-group $(H)/libinterp.a $(H)/libhost.a \
		-Wl,--end-group -lm -lpthread

$(H)/test_interp-san: $(INTERP_TEST_SRCS) tests/interp/test_interp.h $(H)/libinterp-san.a $(H)/libhost-san.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) -o $@ $(INTERP_TEST_SRCS) -Wl,--start-group $(H)/libinterp-san.a \
		$(H)/libhost-san.a -Wl,--end-group -lm -lpthread

INTERP_SW_OBJS := $(patsubst src/interp/%.c,$(H)/interp-switch/%.o,$(wildcard src/interp/*.c))

$(H)/interp-switch/%.o: src/interp/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -DWASM_DISPATCH_SWITCH -c $< -o $@

$(H)/libinterp-switch.a: $(INTERP_SW_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(H)/test_interp-switch: $(INTERP_TEST_SRCS) tests/interp/test_interp.h $(H)/libinterp-switch.a $(H)/libhost.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $(INTERP_TEST_SRCS) -Wl,--start-group $(H)/libinterp-switch.a \
		$(H)/libhost.a -Wl,--end-group -lm -lpthread

# The spec runner's objects (rule in tests/spec/suite.mk) on the switch engine.
INTERP_SW_SPEC_OBJS := $(patsubst tests/spec/%.c,$(H)/spec-obj/%.o,$(wildcard tests/spec/*.c))

$(H)/spectest-runner-switch: $(INTERP_SW_SPEC_OBJS) $(H)/libhost.a $(H)/libinterp-switch.a
	$(Q)$(HOSTCC) -o $@ $(INTERP_SW_SPEC_OBJS) -Wl,--start-group $(H)/libhost.a \
		$(H)/libinterp-switch.a -Wl,--end-group -lm

.PHONY: test-spec-switch
test-spec-switch: $(H)/spectest-runner-switch
	@bash tests/spec/run.sh spec-switch $(H)/spectest-runner-switch 120

.PHONY: test-interp test-interp-san test-interp-switch
test-interp test-interp-san test-interp-switch: test-%: $(H)/test_% $(INTERP_WASM)
	@out=$$(timeout 300 $< $(H)/interp-tests); rc=$$?; printf '%s\n' "$$out"; \
	set -- $$(printf '%s\n' "$$out" | awk '/^counts /{print $$2, $$3, $$4}'); \
	p=$${1:-0}; f=$${2:-0}; s=$${3:-0}; \
	if [ $$rc -ne 0 ] && [ $$f -eq 0 ]; then f=1; fi; \
	bash tests/report.sh $* $$p $$f $$s; [ $$f -eq 0 ]

# Instantiation that cannot leak (tests/interp/test_inst_fail.c): its own
# wasm_rt hooks (fail each allocation, abandon the call at each kill
# point), so it links the engine alone, under ASan/UBSan.
TEST_SUITES += interp-inst

$(H)/test_inst_fail: tests/interp/test_inst_fail.c $(H)/libinterp-san.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) -o $@ $< $(H)/libinterp-san.a -lm

.PHONY: test-interp-inst
test-interp-inst: $(H)/test_inst_fail $(INTERP_WASM)
	@out=$$(timeout 300 $< $(H)/interp-tests); rc=$$?; printf '%s\n' "$$out"; \
	set -- $$(printf '%s\n' "$$out" | awk '/^counts /{print $$2, $$3, $$4}'); \
	p=$${1:-0}; f=$${2:-0}; s=$${3:-0}; \
	if [ $$rc -ne 0 ] && [ $$f -eq 0 ]; then f=1; fi; \
	bash tests/report.sh interp-inst $$p $$f $$s; [ $$f -eq 0 ]
