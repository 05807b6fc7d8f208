# tests/fuzz/suite.mk - libFuzzer targets for the wasm engine (docs/fuzzing.md).
#
#   make fuzz [FUZZ_SECONDS=60]   run each target for N seconds, report
#                                 executions and crashes per target
#   make fuzz-build               only build the targets
#   make test-fuzz                (suite `fuzz`) each target ~20 s, then
#                                 replay tests/regress/*
#
# The engine (src/interp/*.c) and rt.c are compiled here again with clang,
# coverage instrumentation and ASan+UBSan: libinterp-san.a is built by gcc,
# which libFuzzer cannot steer. Target 3 needs a second engine in the same
# process: the switch-dispatch build, all -O0, is linked into one relocatable
# object whose every defined global symbol gets the prefix fzsw_
# (objcopy --redefine-syms; undefined ones such as wasm_rt_alloc, memcpy
# and the sanitizer hooks stay shared).

FUZZ_CC ?= clang
FZ := $(H)/fuzz
FUZZ_SECONDS ?= 60
FUZZ_SUITE_SECONDS ?= 20
# Empty when clang or its libFuzzer runtime is missing: targets are skipped.
FUZZ_RT := $(shell $(FUZZ_CC) -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null | grep '^/')
FUZZ_OK := $(if $(FUZZ_RT),$(wildcard $(FUZZ_RT)))

FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=gnu11 -g -Wall -Wextra -Werror -Iinclude -Isrc -MMD -MP \
	-fsanitize=fuzzer-no-link $(FUZZ_SAN)
FUZZ_LDFLAGS := -fsanitize=fuzzer $(FUZZ_SAN)

FZ_INTERP_SRCS := $(wildcard src/interp/*.c)
FZ_GOTO_OBJS := $(patsubst src/interp/%.c,$(FZ)/goto/%.o,$(FZ_INTERP_SRCS))
FZ_SW_OBJS := $(patsubst src/interp/%.c,$(FZ)/switch/%.o,$(FZ_INTERP_SRCS))
# diff joins once its sources are in the tree.
FZ_TARGETS := decode run $(if $(wildcard tests/fuzz/fuzz_diff.c),diff)
FZ_BINS := $(addprefix $(FZ)/fuzz_,$(FZ_TARGETS))

# exec.c (one huge computed-goto function) takes clang 3 min at -O1 and
# ~7 min at -O2 under ASan+coverage, 6 s at -O0: it gets FUZZ_EXEC_OPT
# (raise it for long campaigns); every other file of this build is -O2.
FUZZ_EXEC_OPT ?= -O0
$(FZ)/goto/%.o: src/interp/%.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(if $(filter exec.c,$(notdir $<)),$(FUZZ_EXEC_OPT),-O2) -c $< -o $@

$(FZ)/switch/%.o: src/interp/%.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -O0 -DWASM_DISPATCH_SWITCH -c $< -o $@

$(FZ)/obj/%.o: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -O1 -c $< -o $@

$(FZ)/obj/rt.o: src/host/rt.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -O1 -c $< -o $@

$(FZ)/libinterp-goto.a: $(FZ_GOTO_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

# The second engine, every defined global renamed fzsw_*.
$(FZ)/interp-switch.o: $(FZ_SW_OBJS)
	$(Q)ld -r -o $@.tmp $^
	$(Q)nm -g --defined-only $@.tmp | awk 'NF == 3 { print $$3 " fzsw_" $$3 }' > $@.syms
	$(Q)objcopy --redefine-syms=$@.syms $@.tmp $@ && rm -f $@.tmp

FZ_COMMON := $(FZ)/obj/rt.o $(FZ)/libinterp-goto.a

$(FZ)/fuzz_decode: $(FZ)/obj/fuzz_decode.o $(FZ_COMMON)
	$(Q)$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $^ -lm

$(FZ)/fuzz_run: $(FZ)/obj/fuzz_run.o $(FZ)/obj/stubs.o $(FZ_COMMON)
	$(Q)$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $^ -lm

FZ_DIFF_OBJS := $(addprefix $(FZ)/obj/,fuzz_diff.o gen.o gen_ops.o gen_ref.o gen_simd.o wbuf.o engines.o)
$(FZ)/fuzz_diff: $(FZ_DIFF_OBJS) $(FZ)/interp-switch.o $(FZ_COMMON)
	$(Q)$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $^ -lm

.PHONY: fuzz fuzz-build fuzz-corpus test-fuzz
ifeq ($(FUZZ_OK),)
fuzz fuzz-build:
	@echo "fuzz: clang's libFuzzer runtime is missing (apt-get install clang libclang-rt-14-dev)"; exit 1
test-fuzz:
	@echo "fuzz: clang's libFuzzer runtime is missing: 3 targets skipped"
	@bash tests/report.sh fuzz 0 0 3
else
fuzz-build: $(FZ_BINS)

fuzz-corpus:
	@bash tests/fuzz/corpus.sh $(FZ)/corpus

fuzz: $(FZ_BINS) fuzz-corpus
	@bash tests/fuzz/run.sh fuzz $(FZ) $(FUZZ_SECONDS) $(FZ_TARGETS)

test-fuzz: $(FZ_BINS) fuzz-corpus
	@bash tests/fuzz/run.sh suite $(FZ) $(FUZZ_SUITE_SECONDS) $(FZ_TARGETS)
endif

TEST_SUITES += fuzz
