# tests/spec/suite.mk - the WebAssembly spec test suite (suites `spec` and
# `spec-san`). tests/spec/run.sh converts each .wast with wast2json (cached
# in build/host/spec/) and runs build/host/spectest-runner on it.

SPEC_SRCS := $(wildcard tests/spec/*.c)
SPEC_OBJS := $(patsubst tests/spec/%.c,$(H)/spec-obj/%.o,$(SPEC_SRCS))
SPEC_SAN_OBJS := $(patsubst tests/spec/%.c,$(H)/spec-obj/san/%.o,$(SPEC_SRCS))

$(H)/spec-obj/%.o: tests/spec/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@

$(H)/spec-obj/san/%.o: tests/spec/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) -c $< -o $@

# libhost and libinterp call each other (runtime hooks, objects): a group.
$(H)/spectest-runner: $(SPEC_OBJS) $(H)/libhost.a $(H)/libinterp.a
	$(Q)$(HOSTCC) -o $@ $(SPEC_OBJS) -Wl,--start-group $(H)/libhost.a $(H)/libinterp.a \
		-Wl,--end-group -lm

$(H)/spectest-runner-san: $(SPEC_SAN_OBJS) $(H)/libhost-san.a $(H)/libinterp-san.a
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $(SPEC_SAN_OBJS) -Wl,--start-group $(H)/libhost-san.a \
		$(H)/libinterp-san.a -Wl,--end-group -lm

TEST_SUITES += spec spec-san

.PHONY: test-spec test-spec-san
# spec and spec-san compile every module lazily (function by function on
# first call: what jwasm does), spec-switch up front (what the kernel does).
test-spec: $(H)/spectest-runner
	@SPEC_RUNNER_FLAGS=--lazy bash tests/spec/run.sh spec $(H)/spectest-runner 120

test-spec-san: $(H)/spectest-runner-san
	@SPEC_RUNNER_FLAGS=--lazy bash tests/spec/run.sh spec-san $(H)/spectest-runner-san 600

# wasm-decode: decoder/validator tests against hostile input and a mutation
# run over the spec modules, under ASan+UBSan (tests/spec/decode/).
# With it the validator's general path alone (validate.c built with
# -DWVAL_NO_FAST, renamed), which its fast path must agree with.
$(H)/spec-obj/san/decode/validate_ref.o: src/interp/validate.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -Os $(SANFLAGS) -DWVAL_NO_FAST -Dwmod_validate_funcs=wref_validate_funcs \
		-Dwval_vt=wref_vt -c $< -o $@

DECODE_TEST_OBJS := $(addprefix $(H)/spec-obj/san/decode/,decode_test.o validate_diff.o validate_ref.o)
$(H)/decode-test: $(DECODE_TEST_OBJS) $(H)/libhost-san.a $(H)/libinterp-san.a
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $(DECODE_TEST_OBJS) -Wl,--start-group $(H)/libhost-san.a \
		$(H)/libinterp-san.a -Wl,--end-group -lm

TEST_SUITES += wasm-decode

.PHONY: test-wasm-decode
test-wasm-decode: $(H)/decode-test
	@bash tests/spec/decode/run.sh $(H)/decode-test 20
