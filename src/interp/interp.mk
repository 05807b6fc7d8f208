# src/interp/interp.mk - the wasm engine, built for the kernel and the host.
#
# Kernel: every src/interp/*.c joins KOBJS (built with the arch's FP flags).
# Host:   build/host/libinterp.a (-O2) and build/host/libinterp-san.a
#         (ASan+UBSan) for tests, tools and fuzzers. WASM_DISPATCH=switch
#         selects the portable switch dispatch instead of computed goto.

INTERP_SRCS := $(wildcard src/interp/*.c)
KOBJS += $(patsubst src/%.c,$(B)/%.o,$(INTERP_SRCS))

# The validator's general path (validate.c) runs only for what the fast
# path (validate_fast.c) leaves it: built for size, which keeps the kernel
# image within its 256 KiB (-Os: 19 KB -> 7 KB of x86-64 code).
$(B)/interp/validate.o: KCFLAGS += -Os
$(H)/interp/validate.o $(H)/san/interp/validate.o: HOSTCFLAGS += -Os

# Relaxed SIMD's multiply-add is unfused on every arch (simd_relaxed.c):
# no fma contraction there (GCC's default on arm64 is to fuse).
$(B)/interp/simd_relaxed.o: KCFLAGS += -ffp-contract=off
$(H)/interp/simd_relaxed.o $(H)/san/interp/simd_relaxed.o: HOSTCFLAGS += -ffp-contract=off
$(H)/interp-switch/simd_relaxed.o: HOSTCFLAGS += -ffp-contract=off

WASM_DISPATCH ?= goto
INTERP_HOSTFLAGS := $(if $(filter switch,$(WASM_DISPATCH)),-DWASM_DISPATCH_SWITCH)

HOST_INTERP_OBJS := $(patsubst src/%.c,$(H)/%.o,$(INTERP_SRCS))
HOST_INTERP_SAN_OBJS := $(patsubst src/%.c,$(H)/san/%.o,$(INTERP_SRCS))

$(H)/libinterp.a: $(HOST_INTERP_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(H)/libinterp-san.a: $(HOST_INTERP_SAN_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(H)/interp/%.o: src/interp/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(INTERP_HOSTFLAGS) -c $< -o $@

$(H)/san/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) $(INTERP_HOSTFLAGS) -c $< -o $@

.PHONY: host
host: $(H)/libinterp.a
