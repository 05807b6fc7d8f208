# tests/net/suite.mk - the network task (netstack/) end to end on both
# architectures (tests/net/check.sh): the net group of tests/net/ runs
# from the hostile table (in a group `hostile` does not run) when the
# build has NETSTACK=1 (the suite sets it: lwIP's source is fetched with
# apt-get source, so a plain `make` does not need the network). Its
# directives are tests/net/*.manifest and the test tasks' headers.
TEST_SUITES += net-x86_64 net-arm64

NET_TEST_CS := $(sort $(wildcard tests/net/*.c))
NET_TEST_RS := $(sort $(wildcard tests/net/*.rs))
NET_TEST_MANIFESTS := $(sort $(wildcard tests/net/*.manifest))
NET_TEST_DIRECTIVES := $(NET_TEST_MANIFESTS) \
	$(filter-out $(NET_TEST_MANIFESTS:.manifest=.c),$(NET_TEST_CS)) $(NET_TEST_RS)
ifeq ($(NETSTACK),1)
HOSTILE_EXTRA += $(NET_TEST_DIRECTIVES)
HOSTILE_EXTRA_WASMS += $(patsubst tests/net/%.c,$(B)/hostile/%.wasm,$(NET_TEST_CS)) \
	$(patsubst tests/net/%.rs,$(B)/hostile/%.wasm,$(NET_TEST_RS)) \
	$(B)/hostile/netstack.wasm
endif

$(B)/hostile/netstack.wasm: $(NS_B)/netstack.wasm
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

$(B)/hostile/net-%.wasm: tests/net/net-%.c $(SDK_HEADERS)
	@mkdir -p $(dir $@)
	$(Q)$(WASI_CLANG) $(SDK_CFLAGS) -c $< -o $@.o
	$(Q)$(WASI_CLANG) $(SDK_LDFLAGS) $@.o -o $@

# net-rust.rs: the Rust socket API (jericho::net) on the SDK's crate
$(B)/hostile/net-%.wasm: tests/net/net-%.rs $(SDK_RLIB)
	@mkdir -p $(dir $@)
	$(call sdk_need_rustc,$<)
	$(Q)$(RUSTC_WASI) $(SDK_RUSTFLAGS) --crate-name $(subst -,_,net-$*) \
		--extern jericho=$(SDK_RLIB) $< -o $@

.PHONY: test-net-x86_64 test-net-arm64
test-net-x86_64 test-net-arm64: test-net-%:
	@bash tests/net/check.sh $*

.PHONY: print-net-directives
print-net-directives:
	@echo $(NET_TEST_DIRECTIVES)
