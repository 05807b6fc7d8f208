# tests/jwasm/suite.mk - the jwasm suite (tests/jwasm/run.sh): WASI unit
# tests under ASan/UBSan, then jwasm end to end. run.sh builds jwasm itself
# so that an engine that does not link yet shows up as failed cases.
TEST_SUITES += jwasm

WASI_UNIT_SRCS := tests/jwasm/test_wasi.c src/host/wasi_mem.c src/host/wasi_args.c \
	src/host/wasi_fd.c src/host/wasi_sys.c src/host/wasi_table.c $(wildcard src/wasi/*.c)

$(H)/test_wasi: $(WASI_UNIT_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) -o $@ $(WASI_UNIT_SRCS)

.PHONY: test-jwasm
test-jwasm: $(H)/test_wasi
	@bash tests/jwasm/run.sh $(H)

# jwasm under ASan/UBSan, for the hostile-input (mutation) cases.
$(H)/jwasm-san: $(H)/san/host/jwasm.o $(H)/libhost-san.a $(H)/libinterp-san.a
	$(Q)$(HOSTCC) $(SANFLAGS) -o $@ $(H)/san/host/jwasm.o \
		-Wl,--start-group $(H)/libhost-san.a $(H)/libinterp-san.a -Wl,--end-group -lm
