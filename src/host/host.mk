# src/host/host.mk - host support for the engine (runtime hooks, the
# spectest module, WASI) and the jwasm tool.
#
# Every src/host/*.c except jwasm.c, and the portable WASI layer
# src/wasi/*.c (also in the kernel: src/wasi/wasi.mk), goes into build/host/libhost.a (and a
# sanitizer variant); jwasm.c is the tool's main.

HOST_SUPPORT_SRCS := $(filter-out src/host/jwasm.c,$(wildcard src/host/*.c)) \
	$(wildcard src/wasi/*.c)

$(H)/libhost.a: $(patsubst src/%.c,$(H)/%.o,$(HOST_SUPPORT_SRCS))
	$(Q)rm -f $@ && ar rcs $@ $^

$(H)/libhost-san.a: $(patsubst src/%.c,$(H)/san/%.o,$(HOST_SUPPORT_SRCS))
	$(Q)rm -f $@ && ar rcs $@ $^

# A group: libinterp needs libhost's wasm_rt_* and libhost's WASI needs libinterp.
$(H)/jwasm: $(H)/host/jwasm.o $(H)/libhost.a $(H)/libinterp.a
	$(Q)$(HOSTCC) -o $@ $(H)/host/jwasm.o -Wl,--start-group $(H)/libhost.a $(H)/libinterp.a -Wl,--end-group -lm

host: $(if $(wildcard src/host/jwasm.c),$(H)/jwasm)

# jwasm-prof: jwasm on an engine built with the switch dispatch and
# -DWASM_PROFILE, which prints a per-instruction dispatch profile at exit
# (`make bench-profile`, bench/bench.mk).
PROF_FLAGS := -DWASM_DISPATCH_SWITCH -DWASM_PROFILE
HOST_PROF_OBJS := $(patsubst src/%.c,$(H)/prof/%.o,$(INTERP_SRCS) $(HOST_SUPPORT_SRCS) src/host/jwasm.c)

$(H)/prof/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(PROF_FLAGS) -c $< -o $@

$(H)/jwasm-prof: $(HOST_PROF_OBJS)
	$(Q)$(HOSTCC) -o $@ $^ -lm
